//! Emphasis by the CJK-friendly amendment to CommonMark (tats-u/markdown-cjk-friendly,
//! specification.md). CommonMark's flanking rules leave the asterisks of `要突出**“快”**字当头`
//! and `**该星号不会被识别，而是直接显示。**这是因为` on the page: Chinese sets punctuation hard
//! against the next character, and CommonMark reads a run between punctuation and a letter as
//! unable to open or close. pulldown-cmark has the amended rules on its main branch
//! (`Options::ENABLE_CJK_FRIENDLY_EMPHASIS`, PR #1059) but in no release up to 0.13.6.
//!
//! Until a release has it, this pass takes each inline sequence the parser emits, finds every
//! `*`, `_` and `~` delimiter run in it (those the parser matched and those it left as text),
//! decides again which can open and close by the amended rules, and matches them with the
//! delimiter stack of CommonMark's "process emphasis", as pulldown-cmark implements it. Where
//! the result is what the parser made, its events pass through untouched; otherwise the
//! sequence is rewritten. With `Rules::CommonMark` the same machinery reproduces the parser,
//! which the tests check. flanking.rs says what a run can do, stack.rs pairs the runs, this
//! file finds them in the events and writes the result back. When a release has the option:
//! set it in `Options::parser_options`, drop the `amend` call in `markdown::parse` and this
//! folder.

mod flanking;
mod stack;

use flanking::{can_close, can_open, Around};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use stack::{pairs, Kind, Pair, Run};
use std::collections::VecDeque;
use std::ops::Range;

/// What the pass does, for fingerprints of its output (the search index's): change it when
/// the rules change.
pub(crate) const RULES: &str = "cjk-friendly emphasis, markdown-cjk-friendly spec, Unicode 17";

pub(crate) type Ev<'a> = (Event<'a>, Range<usize>);

/// Which flanking rules decide what a delimiter run can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rules {
    /// CommonMark 0.31.2 as pulldown-cmark 0.13 applies it (the tests' reference).
    #[cfg_attr(not(test), allow(dead_code))]
    CommonMark,
    /// With the CJK-friendly amendment.
    CjkFriendly,
}

/// The parser's events with emphasis resolved by `rules`.
pub(crate) fn amend<'a, I: Iterator<Item = Ev<'a>>>(
    src: &'a str,
    events: I,
    rules: Rules,
) -> Amend<'a, I> {
    Amend {
        src,
        inner: events,
        // A body without a delimiter character (most have none) is passed through as it is.
        active: has_delimiter_bytes(src),
        rules,
        out: VecDeque::new(),
        code_block: false,
        table_cell: false,
    }
}

pub(crate) struct Amend<'a, I> {
    src: &'a str,
    inner: I,
    active: bool,
    rules: Rules,
    out: VecDeque<Ev<'a>>,
    code_block: bool,
    table_cell: bool,
}

impl<'a, I: Iterator<Item = Ev<'a>>> Iterator for Amend<'a, I> {
    type Item = Ev<'a>;

    fn next(&mut self) -> Option<Ev<'a>> {
        if !self.active {
            return self.inner.next();
        }
        if let Some(e) = self.out.pop_front() {
            return Some(e);
        }
        let first = self.inner.next()?;
        if self.code_block || !is_inline(&first.0) {
            self.track(&first.0);
            return Some(first);
        }
        // An inline sequence runs to the next block event: take it whole.
        let mut delimiters = has_delimiters(&first.0);
        let mut seq = vec![first];
        let mut held = None;
        for e in self.inner.by_ref() {
            if !is_inline(&e.0) {
                held = Some(e);
                break;
            }
            delimiters |= has_delimiters(&e.0);
            seq.push(e);
        }
        if delimiters {
            let ctx = Ctx {
                table: self.table_cell,
                line_start: !self.table_cell,
                depth: 0,
            };
            seq = resolve(self.src, seq, ctx, self.rules);
        }
        self.out.extend(seq);
        if let Some(h) = held {
            self.track(&h.0);
            self.out.push_back(h);
        }
        self.out.pop_front()
    }
}

impl<I> Amend<'_, I> {
    /// Code blocks hold text that is no Markdown; table cells read `|` as the edge of a line.
    fn track(&mut self, e: &Event) {
        match e {
            Event::Start(Tag::CodeBlock(_)) => self.code_block = true,
            Event::End(TagEnd::CodeBlock) => self.code_block = false,
            Event::Start(Tag::TableCell) => self.table_cell = true,
            Event::End(TagEnd::TableCell) => self.table_cell = false,
            _ => {}
        }
    }
}

fn is_inline(e: &Event) -> bool {
    match e {
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(t) => matches!(
            t,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Html(_) | Event::Rule => false,
        _ => true,
    }
}

fn has_delimiters(e: &Event) -> bool {
    match e {
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => true,
        Event::Text(t) => has_delimiter_bytes(t),
        _ => false,
    }
}

fn has_delimiter_bytes(s: &str) -> bool {
    memchr::memchr3(b'*', b'_', b'~', s.as_bytes()).is_some()
}

// ---- Events ---------------------------------------------------------------------------------

/// Where an inline sequence stands: in a table cell `|` is the edge of a line; a link's text
/// does not start a line.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    table: bool,
    line_start: bool,
    /// How many links or images this sequence is inside.
    depth: usize,
}

/// Links and images deeper than this (`![![![…](a)](b)](c)`, only ever made on purpose) keep
/// the parser's emphasis: the pass recurses once a level.
const MAX_DEPTH: usize = 16;

/// One piece of an inline sequence.
enum Item<'a> {
    /// Left as it is: code, HTML, a break, text written otherwise than it shows (`&#42;`).
    Keep(Ev<'a>),
    /// Text exactly as the source has it, so its `*`, `_` and `~` are delimiters or escaped.
    Raw(Ev<'a>),
    /// The start or end of emphasis the parser matched (its delimiters are in the source).
    Mark(Ev<'a>),
    /// A link or image with its text, which is resolved on its own.
    Nested(Vec<Ev<'a>>),
}

impl Item<'_> {
    fn start(&self) -> usize {
        match self {
            Item::Keep((_, r)) | Item::Raw((_, r)) | Item::Mark((_, r)) => r.start,
            Item::Nested(v) => v[0].1.start,
        }
    }
}

/// A delimiter character: where it is, which, and whether the parser had it in a pair.
type Delim = (usize, u8, bool);

/// An inline sequence with its delimiter runs resolved by `rules`.
fn resolve<'a>(src: &'a str, events: Vec<Ev<'a>>, ctx: Ctx, rules: Rules) -> Vec<Ev<'a>> {
    let items = items(src, events, ctx, rules);
    let found = Found::of(src, &items, ctx);
    if found.delims.is_empty() || !found.sound {
        return flatten(items);
    }
    let runs = runs_of(src, &found, ctx, rules);
    let mut ours = pairs(&runs);
    ours.sort_unstable();
    if ours == found.theirs {
        return flatten(items);
    }
    rebuild(src, items, &acts(src, &found.delims, &ours))
}

/// The sequence as items, links and images resolved on their own.
fn items<'a>(src: &'a str, events: Vec<Ev<'a>>, ctx: Ctx, rules: Rules) -> Vec<Item<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some(ev) = events.next() {
        let item = match &ev.0 {
            Event::Start(Tag::Link { link_type, .. }) => {
                let opaque = matches!(link_type, LinkType::Autolink | LinkType::Email);
                nested(src, ev, &mut events, ctx, rules, opaque)
            }
            Event::Start(Tag::Image { .. }) => nested(src, ev, &mut events, ctx, rules, false),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                Item::Mark(ev)
            }
            Event::Text(t) if src.get(ev.1.clone()) == Some(&**t) => Item::Raw(ev),
            _ => Item::Keep(ev),
        };
        out.push(item);
    }
    out
}

/// A link or image up to its end; its text resolved as a sequence of its own unless `opaque`
/// (an autolink's text is its address, no Markdown).
fn nested<'a>(
    src: &'a str,
    start: Ev<'a>,
    events: &mut impl Iterator<Item = Ev<'a>>,
    ctx: Ctx,
    rules: Rules,
    opaque: bool,
) -> Item<'a> {
    let mut inner = Vec::new();
    let mut depth = 0usize;
    let mut end = None;
    for ev in events.by_ref() {
        match ev.0 {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) if depth == 0 => {
                end = Some(ev);
                break;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => depth -= 1,
            _ => {}
        }
        inner.push(ev);
    }
    let mut all = vec![start];
    if opaque || inner.is_empty() || ctx.depth >= MAX_DEPTH {
        all.extend(inner);
    } else {
        let ctx = Ctx {
            line_start: false,
            depth: ctx.depth + 1,
            ..ctx
        };
        all.extend(resolve(src, inner, ctx, rules));
    }
    all.extend(end);
    Item::Nested(all)
}

/// The delimiter characters of a sequence, sorted, the pairs the parser made of them, and
/// the byte offsets at which a line's content starts.
struct Found {
    delims: Vec<Delim>,
    theirs: Vec<Pair>,
    line_starts: Vec<usize>,
    /// Every mark's delimiters stood where they were looked for (else the sequence is left
    /// as the parser made it: a pass that cannot place them rewrites nothing).
    sound: bool,
}

impl Found {
    /// One walk in source order. A mark's closing delimiters are found after what precedes
    /// them, not from its range: the parser stretches that over a heading's trailing spaces.
    fn of(src: &str, items: &[Item], ctx: Ctx) -> Found {
        let mut f = Found {
            delims: Vec::new(),
            theirs: Vec::new(),
            line_starts: Vec::new(),
            sound: true,
        };
        let mut open: Vec<Pair> = Vec::new();
        let mut end = 0;
        let mut at_line_start = ctx.line_start;
        for item in items {
            let place = match item {
                Item::Mark((Event::End(_), _)) => end,
                _ => item.start(),
            };
            if std::mem::take(&mut at_line_start) {
                f.line_starts.push(place);
            }
            end = match item {
                Item::Raw((Event::Text(t), r)) => {
                    f.raw_text(src, t, r.start);
                    r.end
                }
                Item::Mark((Event::Start(tag), r)) => {
                    let p = f.opening(src, tag, r.start);
                    open.push(p);
                    r.start + p.width
                }
                Item::Mark((Event::End(_), _)) => match open.pop() {
                    Some(p) => f.closing(src, p, end),
                    None => {
                        f.sound = false;
                        end
                    }
                },
                Item::Keep((e, r)) => {
                    at_line_start = matches!(e, Event::SoftBreak | Event::HardBreak);
                    r.end
                }
                Item::Nested(evs) => evs.last().map_or(end, |(_, r)| r.end),
                Item::Raw((_, r)) | Item::Mark((_, r)) => r.end,
            };
        }
        f.delims.sort_unstable();
        f.theirs.sort_unstable();
        f.line_starts.sort_unstable();
        f
    }

    /// The `*`, `_` and `~` of text as written that no backslash escapes.
    fn raw_text(&mut self, src: &str, t: &str, start: usize) {
        for i in memchr::memchr3_iter(b'*', b'_', b'~', t.as_bytes()) {
            if !escaped(src, start + i) {
                self.delims.push((start + i, t.as_bytes()[i], false));
            }
        }
    }

    /// The opening delimiters of a mark at `at`: one for emphasis, two for strong, as many
    /// tildes as stand there (one or two) for strikethrough.
    fn opening(&mut self, src: &str, tag: &Tag, at: usize) -> Pair {
        let bytes = src.as_bytes();
        let (kind, width) = match tag {
            Tag::Emphasis => (Kind::Emphasis, 1),
            Tag::Strong => (Kind::Strong, 2),
            _ if bytes.get(at + 1) == Some(&b'~') => (Kind::Strikethrough, 2),
            _ => (Kind::Strikethrough, 1),
        };
        self.check(src, at, width, bytes.get(at).copied());
        if self.sound {
            for i in at..at + width {
                self.delims.push((i, bytes[at], true));
            }
        }
        Pair {
            open: at,
            close: at,
            width,
            kind,
        }
    }

    /// The closing delimiters of the mark `p` opened, at `at`; returns where they end.
    fn closing(&mut self, src: &str, p: Pair, at: usize) -> usize {
        let d = src.as_bytes().get(p.open).copied();
        self.check(src, at, p.width, d);
        if let (true, Some(d)) = (self.sound, d) {
            for i in at..at + p.width {
                self.delims.push((i, d, true));
            }
        }
        self.theirs.push(Pair { close: at, ..p });
        at + p.width
    }

    /// Are there `width` × `d` (one of `*`, `_`, `~`) at `at`?
    fn check(&mut self, src: &str, at: usize, width: usize, d: Option<u8>) {
        let here = src.as_bytes().get(at..at + width);
        let ok = d.is_some_and(|d| {
            matches!(d, b'*' | b'_' | b'~') && here.is_some_and(|h| h.iter().all(|&b| b == d))
        });
        self.sound &= ok;
    }
}

/// Is the character at `at` written after an odd number of backslashes (escaped)?
fn escaped(src: &str, at: usize) -> bool {
    let backslashes = src.as_bytes()[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    backslashes % 2 == 1
}

/// The delimiter runs (delimiters side by side in the source, of one character), with what
/// each can do.
fn runs_of(src: &str, found: &Found, ctx: Ctx, rules: Rules) -> Vec<Run> {
    let delims = &found.delims;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < delims.len() {
        let (pos, d, _) = delims[i];
        let len = delims[i..]
            .iter()
            .enumerate()
            .take_while(|(k, x)| x.0 == pos + k && x.1 == d)
            .count();
        i += len;
        // `~~~` and longer are no delimiters (as pulldown-cmark has it).
        if d == b'~' && len > 2 {
            continue;
        }
        let line_start = found.line_starts.binary_search(&pos).is_ok();
        let a = around(src, pos, len, line_start, ctx);
        runs.push(Run {
            pos,
            len,
            d,
            open: can_open(d, len, &a, rules),
            close: can_close(d, len, &a, rules),
        });
    }
    runs
}

fn around(src: &str, pos: usize, len: usize, line_start: bool, ctx: Ctx) -> Around {
    let mut back = src[..pos].chars().rev();
    let (mut before, before2) = (back.next(), back.next());
    let after = src[pos + len..].chars().next();
    // In a table an unescaped `|` before the run is the edge of the cell (`\|` is text).
    if line_start || ctx.table && before == Some('|') && before2 != Some('\\') {
        before = None;
    }
    Around {
        before,
        before2,
        after,
        cell_edge: ctx.table && after == Some('|'),
    }
}

/// An event to put in at a delimiter: it stands for the `len` characters from `pos`.
struct Act<'a> {
    pos: usize,
    len: usize,
    ev: Ev<'a>,
}

/// What the delimiters become: the pairs' starts and ends, and as text the delimiters that
/// are in no pair and that the parser had in one (the others are still in its text).
fn acts<'a>(src: &'a str, delims: &[Delim], pairs: &[Pair]) -> Vec<Act<'a>> {
    let mut acts = Vec::with_capacity(pairs.len() * 2);
    for p in pairs {
        let (start, end) = p.tags();
        let r = p.range();
        acts.push(Act {
            pos: p.open,
            len: p.width,
            ev: (Event::Start(start), r.clone()),
        });
        acts.push(Act {
            pos: p.close,
            len: p.width,
            ev: (Event::End(end), r),
        });
    }
    let mut in_pairs: Vec<usize> = pairs
        .iter()
        .flat_map(|p| (p.open..p.open + p.width).chain(p.close..p.close + p.width))
        .collect();
    in_pairs.sort_unstable();
    let paired = |at: usize| in_pairs.binary_search(&at).is_ok();
    for &(at, _, was_paired) in delims {
        if was_paired && !paired(at) {
            acts.push(Act {
                pos: at,
                len: 1,
                ev: (Event::Text(CowStr::Borrowed(&src[at..at + 1])), at..at + 1),
            });
        }
    }
    acts.sort_by_key(|a| a.pos);
    acts
}

/// The items again, the parser's marks replaced by `acts`, raw text cut where an act falls.
fn rebuild<'a>(src: &'a str, items: Vec<Item<'a>>, acts: &[Act<'a>]) -> Vec<Ev<'a>> {
    let mut out = Vec::with_capacity(items.len() + acts.len());
    // The next act to put in, and the end of the source the acts put in so far stand for (an
    // act's characters may begin in one raw text and end in the next: `*` `*`).
    let (mut next, mut covered) = (0, 0);
    let put = |out: &mut Vec<Ev<'a>>, next: &mut usize, covered: &mut usize| {
        let a = &acts[*next];
        out.push(a.ev.clone());
        *covered = (*covered).max(a.pos + a.len);
        *next += 1;
    };
    for item in items {
        if !matches!(item, Item::Mark(_)) {
            while next < acts.len() && acts[next].pos < item.start() {
                put(&mut out, &mut next, &mut covered);
            }
        }
        match item {
            Item::Mark(_) => {}
            Item::Keep(ev) => out.push(ev),
            Item::Nested(evs) => out.extend(evs),
            Item::Raw((_, r)) => {
                let mut cur = r.start.max(covered);
                while next < acts.len() && acts[next].pos < r.end {
                    if acts[next].pos > cur {
                        out.push(text(src, cur..acts[next].pos));
                    }
                    put(&mut out, &mut next, &mut covered);
                    cur = covered;
                }
                if cur < r.end {
                    out.push(text(src, cur..r.end));
                }
            }
        }
    }
    while next < acts.len() {
        put(&mut out, &mut next, &mut covered);
    }
    out
}

fn text(src: &str, r: Range<usize>) -> Ev<'_> {
    (Event::Text(CowStr::Borrowed(&src[r.clone()])), r)
}

fn flatten(items: Vec<Item<'_>>) -> Vec<Ev<'_>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Keep(ev) | Item::Raw(ev) | Item::Mark(ev) => out.push(ev),
            Item::Nested(evs) => out.extend(evs),
        }
    }
    out
}

#[cfg(test)]
mod tests;
