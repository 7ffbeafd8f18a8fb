//! From paragraphs (of a text file or a Word document) to Markdown that renders exactly the
//! original text: CJK.md's import rules — markers removed, redactions and blanks escaped, every
//! Markdown-special character made literal, numbered structure turned into headings or run-in
//! leads — with a warning, at its line, for everything a person should look at.

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    Link {
        text: String,
        url: String,
    },
    /// A footnote reference (the note's id).
    Note(String),
    Image {
        file: String,
        alt: String,
    },
    Break,
}

impl Inline {
    pub(crate) fn plain(text: impl Into<String>) -> Inline {
        Inline::Text {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Normal,
    Title,
    /// A Word heading, 1 = the highest level under the title.
    Heading(u8),
    Item {
        ordered: bool,
        depth: usize,
    },
}

#[derive(Debug, Clone)]
pub enum Block {
    Para {
        kind: Kind,
        inlines: Vec<Inline>,
        /// Where it came from: a line of the text file or a paragraph of the Word document.
        line: usize,
    },
    Table {
        rows: Vec<Vec<Vec<Inline>>>,
        line: usize,
    },
}

/// What a person should look at, at a line of the written Markdown (`out_line`, counted from
/// the first body line) and of the original (`src_line`).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub out_line: usize,
    pub src_line: usize,
    pub what: WarnKind,
    pub message: crate::i18n::Msg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WarnKind {
    Redaction,
    Blank,
    Placeholder,
    Marker,
    Dropped,
}

/// A paragraph's plain text and where it stood in the original (its line or paragraph number;
/// 0 when not known).
pub type Placed = (usize, String);

pub struct Converted {
    pub title: String,
    pub body: String,
    pub warnings: Vec<Warning>,
    /// The title, then every paragraph and table cell, markers removed, with where each stood
    /// (for the date search).
    pub texts: Vec<Placed>,
    /// The 落款 recognised at the end: its name lines, then its date line (empty if none).
    pub signoff: Vec<Placed>,
}

use crate::zh::{structure_marker, Marker};

/// Paragraphs of a text file: one per non-empty line (numbered from 1).
pub fn blocks_of_text(text: &str) -> Vec<Block> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Block::Para {
            kind: Kind::Normal,
            inlines: vec![Inline::plain(l)],
            line: i + 1,
        })
        .collect()
}

/// The Markdown line that marks the paragraph below it as a 落款 (src/markdown/signoff.rs).
pub(crate) const SIGNOFF_MARK: &str = crate::markdown::signoff::MARK;

/// Name lines a 落款 has at most above its date (a joint notice names each unit on a line).
const SIGNOFF_NAMES: usize = 3;

/// Converts blocks (plus footnotes: id and text) into a title and a Markdown body.
pub fn convert(blocks: Vec<Block>, notes: &[(String, String)]) -> Converted {
    let mut warnings = Vec::new();
    // Markers go first, so that a line holding only a marker disappears.
    let mut blocks = without_markers(blocks, &mut warnings);
    let (title, title_line) = take_title(&mut blocks);
    rank_headings(&mut blocks);
    let structure = Structure::find(&blocks);
    let signoff = signoff_start(&blocks);
    let mut out = Body {
        texts: vec![(title_line, title.clone())],
        warnings,
        ..Body::default()
    };
    let mut prev_item = false;
    for (i, b) in blocks.iter().enumerate() {
        let is_item = matches!(
            b,
            Block::Para {
                kind: Kind::Item { .. },
                ..
            }
        );
        let in_signoff = signoff.is_some_and(|s| i >= s);
        // List items follow each other directly, and so do the lines of the 落款 (under its
        // mark); everything else is its own block.
        let joined = (is_item && prev_item) || (in_signoff && signoff != Some(i));
        let lead = if signoff == Some(i) { "\n" } else { "" };
        out.start(if joined { "\n" } else { "\n\n" }, lead);
        if lead == "\n" {
            out.body.push_str(SIGNOFF_MARK);
            out.body.push('\n');
        }
        let md = match b {
            Block::Para {
                kind,
                inlines,
                line: src,
            } => {
                let text = plain_of(inlines);
                out.saw(&text, *src);
                para_md(*kind, inlines, &text, structure.of(i))
            }
            Block::Table { rows, line: src } => table_md(rows, *src, &mut out),
        };
        prev_item = is_item;
        out.end(&md);
    }
    out.notes(notes);
    let signoff = match signoff {
        Some(s) => out.texts[out.texts.len() - (blocks.len() - s)..].to_vec(),
        None => Vec::new(),
    };
    Converted {
        title,
        body: out.body,
        warnings: out.warnings,
        texts: out.texts,
        signoff,
    }
}

/// The Markdown body as it is written, and the line (of the body) where the next block starts.
#[derive(Default)]
struct Body {
    body: String,
    line: usize,
    warnings: Vec<Warning>,
    texts: Vec<Placed>,
}

impl Body {
    /// Before a block: the separator from the one above and any lines of its own before it.
    fn start(&mut self, sep: &str, lead: &str) {
        if self.body.is_empty() {
            self.line = 1;
        } else {
            self.line += sep.len();
            self.body.push_str(sep);
        }
        self.line += lead.len();
    }

    /// A paragraph's (or cell's) text, at the current line: kept for the date search, warned on.
    fn saw(&mut self, text: &str, src: usize) {
        self.texts.push((src, text.to_string()));
        warn_text(text, src, self.line, &mut self.warnings);
    }

    fn end(&mut self, md: &str) {
        self.line += md.matches('\n').count();
        self.body.push_str(md);
    }

    /// Footnotes after the body; the body ends with a line end.
    fn notes(&mut self, notes: &[(String, String)]) {
        if !notes.is_empty() {
            self.body.push('\n');
            for (id, text) in notes {
                self.line += 2;
                warn_text(text, 0, self.line, &mut self.warnings);
                self.body
                    .push_str(&format!("\n[^{id}]: {}\n", escape(text.trim(), false)));
            }
        }
        if !self.body.ends_with('\n') {
            self.body.push('\n');
        }
    }
}

/// Removes the sharing sites' markers from every paragraph, and the paragraphs left empty.
fn without_markers(blocks: Vec<Block>, warnings: &mut Vec<Warning>) -> Vec<Block> {
    blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Para {
                kind,
                inlines,
                line,
            } => {
                let inlines = strip_markers(inlines, line, warnings);
                (!is_blank(&inlines)).then_some(Block::Para {
                    kind,
                    inlines,
                    line,
                })
            }
            t => Some(t),
        })
        .collect()
}

/// Takes the title out of the blocks: a Title paragraph; else a heading that stands alone at
/// the top (no other heading of its level or above: Word's Heading 1 used for the title); else
/// the first paragraph. With where it stood.
fn take_title(blocks: &mut Vec<Block>) -> (String, usize) {
    let level = |b: &Block| match b {
        Block::Para {
            kind: Kind::Heading(n),
            ..
        } => Some(*n),
        _ => None,
    };
    let title_style = blocks.iter().position(|b| {
        matches!(
            b,
            Block::Para {
                kind: Kind::Title,
                ..
            }
        )
    });
    let lone_top_heading = || {
        let first = blocks.iter().position(|b| level(b).is_some())?;
        let top = level(&blocks[first])?;
        let others = blocks.iter().filter(|b| level(b).is_some_and(|n| n <= top));
        (others.count() == 1).then_some(first)
    };
    let pick = title_style
        .or_else(lone_top_heading)
        .or_else(|| blocks.iter().position(|b| matches!(b, Block::Para { .. })));
    match pick.map(|i| blocks.remove(i)) {
        Some(Block::Para { inlines, line, .. }) => (plain_of(&inlines).trim().to_string(), line),
        _ => (String::new(), 0),
    }
}

/// Word heading levels as the page's: the highest level left under the title becomes 1 (`##`,
/// the title being the page's h1), the next one present 2 (`###`), and so on — as the text
/// structure rules number them. A document whose headings start at Heading 2 (pasted from
/// elsewhere, or with Heading 1 as its title) gets no gap at the top.
fn rank_headings(blocks: &mut [Block]) {
    let mut levels: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para {
                kind: Kind::Heading(n),
                ..
            } => Some(*n),
            _ => None,
        })
        .collect();
    levels.sort_unstable();
    levels.dedup();
    for b in blocks {
        if let Block::Para {
            kind: Kind::Heading(n),
            ..
        } = b
        {
            if let Some(rank) = levels.iter().position(|l| l == n) {
                *n = rank as u8 + 1;
            }
        }
    }
}

/// Where the 落款 begins, if the document ends with one (GB/T 9704): its last paragraph a date
/// line (`2024年5月8日`), and directly above it up to three name lines (the issuing unit, or
/// the writer).
fn signoff_start(blocks: &[Block]) -> Option<usize> {
    let text = |b: &Block| match b {
        Block::Para {
            kind: Kind::Normal,
            inlines,
            ..
        } => Some(plain_of(inlines)),
        _ => None,
    };
    let last = blocks.len().checked_sub(1)?;
    // Written out with 年月日, as GB/T 9704 has it: a bare `2023.9.1` ending an outline is
    // left as a line of text.
    let date = text(&blocks[last])?;
    crate::source::date::line_is_date(&date).filter(|_| date.contains('年'))?;
    let mut start = last;
    while start > 0 && last - start < SIGNOFF_NAMES {
        let is_name = text(&blocks[start - 1]).is_some_and(|t| {
            crate::zh::is_signoff_name(&t) && crate::source::date::line_is_date(&t).is_none()
        });
        if !is_name {
            break;
        }
        start -= 1;
    }
    Some(start)
}

/// A paragraph as Markdown: a heading, a list item, a run-in lead or text.
fn para_md(kind: Kind, inlines: &[Inline], text: &str, structure: Option<(usize, bool)>) -> String {
    let mut md = String::new();
    match kind {
        Kind::Heading(n) => {
            md.push_str(&"#".repeat((n as usize + 1).min(6)));
            md.push(' ');
            md.push_str(&escape_heading(text.trim()));
        }
        Kind::Title => {
            md.push_str("## ");
            md.push_str(&escape_heading(text.trim()));
        }
        Kind::Item { ordered, depth } => {
            md.push_str(&"   ".repeat(depth));
            md.push_str(if ordered { "1. " } else { "- " });
            md.push_str(&inlines_md(inlines, false));
        }
        Kind::Normal => match structure {
            Some((level, lead)) => {
                let t = text.trim_start_matches([' ', '\u{3000}', '\t']);
                if lead {
                    md.push_str(&run_in_lead(t));
                } else {
                    md.push_str(&"#".repeat(level + 1));
                    md.push(' ');
                    md.push_str(&escape_heading(t.trim_end()));
                }
            }
            None => md.push_str(&inlines_md(inlines, true)),
        },
    }
    md
}

/// A table as Markdown: every row as wide as the widest (a Markdown table has the header's
/// columns, and drops the cells of a longer row).
fn table_md(rows: &[Vec<Vec<Inline>>], src: usize, out: &mut Body) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut md = String::new();
    let first_line = out.line;
    for (r, row) in rows.iter().enumerate() {
        md.push('|');
        out.line = first_line + r;
        for cell in row {
            out.saw(&plain_of(cell), src);
            md.push(' ');
            md.push_str(&cell_md(cell));
            md.push_str(" |");
        }
        md.push_str(&"  |".repeat(width - row.len()));
        md.push('\n');
        if r == 0 {
            md.push('|');
            md.push_str(&" --- |".repeat(width));
            md.push('\n');
        }
    }
    out.line = first_line;
    md.pop();
    md
}

fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text { text, .. } => text.trim_matches([' ', '\u{3000}', '\t']).is_empty(),
        Inline::Break => true,
        _ => false,
    })
}

pub(crate) fn plain_of(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, .. } | Inline::Link { text, .. } => s.push_str(text),
            Inline::Break => s.push('\n'),
            Inline::Note(_) | Inline::Image { .. } => {}
        }
    }
    s
}

/// Removes `##paidbegin##` / `##paidend##` (any case) wherever they stand; warns on other
/// `##word##` markers, which are left in place for a person to judge.
fn strip_markers(inlines: Vec<Inline>, line: usize, warnings: &mut Vec<Warning>) -> Vec<Inline> {
    inlines
        .into_iter()
        .map(|i| match i {
            Inline::Text { text, bold, italic } => {
                let text = remove_paid_markers(&text);
                for word in other_markers(&text) {
                    warnings.push(Warning {
                        out_line: 0,
                        src_line: line,
                        what: WarnKind::Marker,
                        message: crate::msg!("import-warn-marker", word = word),
                    });
                }
                Inline::Text { text, bold, italic }
            }
            other => other,
        })
        .collect()
}

/// The text without the sharing sites' markers, matched in any case.
fn remove_paid_markers(text: &str) -> String {
    // ASCII lowercasing keeps every byte offset, so positions found in `lower` hold in `text`.
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let rest = &lower[at..];
        let next = ["##paidbegin##", "##paidend##"]
            .iter()
            .filter_map(|m| rest.find(m).map(|p| (p, m.len())))
            .min();
        match next {
            Some((p, len)) => {
                out.push_str(&text[at..at + p]);
                at += p + len;
            }
            None => {
                out.push_str(&text[at..]);
                break;
            }
        }
    }
    out
}

/// Other `##word##` markers (ASCII letters and digits, at most 24) in the text.
fn other_markers(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("##") {
        let after = &rest[i + 2..];
        match after.find("##") {
            Some(end)
                if end > 0
                    && end <= 24
                    && after[..end].chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                found.push(&after[..end]);
                rest = &after[end + 2..];
            }
            _ => rest = after,
        }
    }
    found
}

/// Warnings for the text of one paragraph: redactions, blanks, placeholders.
pub(crate) fn warn_text(text: &str, src: usize, out: usize, warnings: &mut Vec<Warning>) {
    // Markers were found before the output line was known.
    for w in warnings.iter_mut() {
        if w.out_line == 0 && w.src_line == src && src != 0 {
            w.out_line = out;
        }
    }
    for r in crate::zh::runs(text, |c| "*＊_xX×Ｘｘ某".contains(c)) {
        let run: String = std::iter::repeat_n(r.ch, r.len).collect();
        let (what, message) = match r.ch {
            '*' | '＊' if r.len >= 2 => (
                WarnKind::Redaction,
                crate::msg!("import-warn-redaction", run = &run),
            ),
            '_' if r.len >= 2 => (
                WarnKind::Blank,
                crate::msg!("import-warn-blank", run = &run),
            ),
            _ if crate::zh::is_placeholder(&r) => (
                WarnKind::Placeholder,
                crate::msg!("import-warn-placeholder", run = &run),
            ),
            _ => continue,
        };
        warnings.push(Warning {
            out_line: out,
            src_line: src,
            what,
            message,
        });
    }
}

/// Text made literal for Markdown: every character Markdown could take as syntax is
/// backslash-escaped (all `*` and `_`, not only redaction runs, so nothing pairs up across a
/// paragraph), and so is a start that would make a heading, quote, list or rule.
pub(crate) fn escape(text: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let cs: Vec<char> = text.chars().collect();
    for (i, &c) in cs.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // `&amp;` and `&#20013;` would be read as entities.
            '&' if entity_at(&cs[i + 1..]) => out.push_str("\\&"),
            '!' if cs.get(i + 1) == Some(&'[') => out.push_str("\\!"),
            _ => out.push(c),
        }
    }
    if at_start {
        escape_start(&mut out);
    }
    out
}

/// Text for an ATX heading: escaped, and every `#` too (a trailing run would be taken for the
/// heading's closing sequence and dropped), and braces: a heading ending in `{…}` would have it
/// read as attributes (`{onfocus=…}`) instead of shown. (pulldown-cmark looks past a `\{`, not
/// past a `\}`.)
fn escape_heading(text: &str) -> String {
    escape(text, false)
        .replace('#', "\\#")
        .replace('{', "\\{")
        .replace('}', "\\}")
}

fn entity_at(rest: &[char]) -> bool {
    let n = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    n > 0 && rest.get(n) == Some(&';')
}

/// A line's first characters (after its indent) that Markdown would read as block syntax.
fn escape_start(s: &mut String) {
    let indent = s.len() - s.trim_start_matches([' ', '\t']).len();
    let first = s[indent..].chars().next();
    match first {
        Some('#' | '-' | '+' | '=') => s.insert(indent, '\\'),
        // `{.signoff}` typed in the text stays text, not the 落款's mark.
        Some('{') if s[indent..].starts_with("{.") => s.insert(indent, '\\'),
        Some(c) if c.is_ascii_digit() => {
            let digits = indent + s[indent..].bytes().take_while(u8::is_ascii_digit).count();
            let list = matches!(s.as_bytes().get(digits), Some(b'.' | b')'))
                && matches!(s.as_bytes().get(digits + 1), None | Some(b' ' | b'\t'));
            if list && digits - indent <= 9 {
                s.insert(digits, '\\');
            }
        }
        _ => {}
    }
}

/// Inline pieces as Markdown. Emphasis keeps punctuation and spaces at its edges outside the
/// markers: `**“快”**是` stays literal under CommonMark's flanking rules, `“**快**”是` works.
fn inlines_md(inlines: &[Inline], leading_trim: bool) -> String {
    // Neighbouring text with the same formatting is one piece (Word splits runs freely).
    let mut merged: Vec<Inline> = Vec::new();
    for i in inlines {
        if let (
            Some(Inline::Text {
                text: a,
                bold: b1,
                italic: i1,
            }),
            Inline::Text {
                text: b,
                bold: b2,
                italic: i2,
            },
        ) = (merged.last_mut(), i)
        {
            if b1 == b2 && i1 == i2 {
                a.push_str(b);
                continue;
            }
        }
        merged.push(i.clone());
    }
    let mut out = String::new();
    for (n, i) in merged.iter().enumerate() {
        // After a line break too, text starts a line: `===` or `# …` there would make the line
        // above a heading (whose `{…}` would be read as attributes).
        let line_start = out.is_empty() || out.ends_with('\n');
        match i {
            Inline::Text { text, bold, italic } => {
                let text = if n == 0 && leading_trim {
                    text.trim_start_matches([' ', '\u{3000}', '\t'])
                } else {
                    text.as_str()
                };
                let text = if n + 1 == merged.len() {
                    text.trim_end()
                } else {
                    text
                };
                let marker = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    (false, true) => "*",
                    (false, false) => "",
                };
                if marker.is_empty() {
                    out.push_str(&escape(text, line_start));
                    continue;
                }
                let edge = |c: char| c.is_whitespace() || is_punct(c);
                let inner_start = text.find(|c: char| !edge(c)).unwrap_or(text.len());
                let inner_end = text
                    .rfind(|c: char| !edge(c))
                    .map(|p| p + text[p..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(inner_start)
                    .max(inner_start);
                let (before, inner, after) = (
                    &text[..inner_start],
                    &text[inner_start..inner_end],
                    &text[inner_end..],
                );
                out.push_str(&escape(before, line_start));
                if !inner.is_empty() {
                    out.push_str(marker);
                    out.push_str(&escape(inner, false));
                    out.push_str(marker);
                }
                out.push_str(&escape(after, false));
            }
            Inline::Link { text, url } => {
                out.push('[');
                out.push_str(&escape(text, false));
                out.push_str("](<");
                out.push_str(&url.replace(['<', '>'], ""));
                out.push_str(">)");
            }
            Inline::Note(id) => {
                out.push_str("[^");
                out.push_str(id);
                out.push(']');
            }
            Inline::Image { file, alt } => {
                out.push_str("![");
                out.push_str(&escape(alt, false));
                out.push_str("](");
                out.push_str(file);
                out.push(')');
            }
            Inline::Break => out.push_str("\\\n"),
        }
    }
    out
}

/// A table cell as Markdown: its paragraphs and line breaks as `<br>` (a line break would end
/// the table row), its `|` escaped.
fn cell_md(cell: &[Inline]) -> String {
    cell.split(|i| *i == Inline::Break)
        .map(|part| inlines_md(part, false).replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Punctuation for CommonMark's flanking rules: ASCII and Unicode punctuation and symbols.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{3001}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '\u{00B7}' | '\u{2E80}'..='\u{2EFF}')
}

/// `一、总体要求。要……` → `**一、总体要求**。要……`: the lead sentence emphasised, its closing
/// punctuation outside the markers (see `inlines_md`).
fn run_in_lead(text: &str) -> String {
    let end = text.find(['。', '！', '？', '；']).unwrap_or(text.len());
    let (lead, rest) = text.split_at(end);
    let edge = |c: char| c.is_whitespace() || is_punct(c);
    let lead_core = lead.trim_end_matches(edge);
    let tail = &lead[lead_core.len()..];
    let mut out = String::new();
    out.push_str("**");
    out.push_str(&escape(lead_core, false));
    out.push_str("**");
    out.push_str(&escape(tail, false));
    out.push_str(&escape(rest.trim_end(), false));
    out
}

/// Which paragraphs are numbered structure: per paragraph, (heading level, run-in lead?).
struct Structure {
    at: std::collections::HashMap<usize, (usize, bool)>,
}

impl Structure {
    fn find(blocks: &[Block]) -> Structure {
        let mut found: Vec<(usize, Marker, u32, String)> = Vec::new();
        // Markers that stand on Word headings (一、 numbered by a heading style): the tiers
        // they hold are taken, so 1. under them is not made their equal.
        let mut taken: Vec<Marker> = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            if let Block::Para {
                kind: Kind::Heading(_),
                inlines,
                ..
            } = b
            {
                if let Some((m, _, _)) = structure_marker(&plain_of(inlines)) {
                    taken.push(m);
                }
            }
            if let Block::Para {
                kind: Kind::Normal,
                inlines,
                ..
            } = b
            {
                // Only unformatted paragraphs: a lead the author formatted keeps its formatting.
                if inlines.iter().all(|x| {
                    matches!(
                        x,
                        Inline::Text {
                            bold: false,
                            italic: false,
                            ..
                        }
                    )
                }) {
                    let text = plain_of(inlines);
                    if let Some((m, n, _)) = structure_marker(&text) {
                        found.push((i, m, n, text));
                    }
                }
            }
        }
        // A kind counts when it appears at least twice and its numbers run in order (each 1
        // or one more than the last, as sub-numbering restarts under each higher level).
        // Tiers of structure, highest first; 第一， stands where （一） would.
        let tier = |m: Marker| match m {
            Marker::Han => 0,
            Marker::Speech | Marker::HanParen => 1,
            Marker::Digit => 2,
            Marker::DigitParen => 3,
        };
        let mut kinds: Vec<Marker> = Vec::new();
        for m in [
            Marker::Han,
            Marker::Speech,
            Marker::HanParen,
            Marker::Digit,
            Marker::DigitParen,
        ] {
            let nums: Vec<u32> = found.iter().filter(|f| f.1 == m).map(|f| f.2).collect();
            let ordered =
                nums.first() == Some(&1) && nums.windows(2).all(|w| w[1] == w[0] + 1 || w[1] == 1);
            if nums.len() >= 2 && ordered {
                kinds.push(m);
            }
        }
        let mut tiers: Vec<usize> = kinds.iter().chain(&taken).map(|m| tier(*m)).collect();
        tiers.sort_unstable();
        tiers.dedup();
        let mut at = std::collections::HashMap::new();
        for (i, m, _, text) in found {
            if kinds.contains(&m) {
                let level = tiers.iter().position(|t| *t == tier(m)).unwrap_or(0) + 1;
                let chars = text.trim().chars().count();
                let sentence = text.trim_end().trim_end_matches(['。', '！', '？', '；']);
                let heading = chars <= 40 && !sentence.contains(['。', '！', '？', '；']);
                at.insert(i, (level.min(4), !heading));
            }
        }
        Structure { at }
    }

    fn of(&self, i: usize) -> Option<(usize, bool)> {
        self.at.get(&i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Converted {
        convert(blocks_of_text(text), &[])
    }

    /// The body as the build renders it.
    fn html(md: &str) -> String {
        let opts = crate::markdown::Options::default();
        crate::markdown::render(md, opts, &|_| crate::markdown::Link::Keep).html
    }

    #[test]
    fn markdown_special_text_stays_literal() {
        let c = md("标题\n学习***同志讲话，***表示\n***\n姓名：______\n# 不是标题\n1. 不是列表\n- 不是\n&amp; <b>x</b> [链接](x)");
        assert_eq!(c.title, "标题");
        let html = html(&c.body);
        for bad in ["<em>", "<strong>", "<hr", "<h1", "<ol", "<ul", "<b>", "<a "] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("学习***同志讲话，***表示"), "{html}");
        assert!(html.contains("姓名：______"), "{html}");
        assert!(html.contains("&amp;amp;"), "{html}");
    }

    #[test]
    fn markers_go_and_warnings_name_their_lines() {
        let c =
            md("题目\n##paidbegin##\n一是学习。二是XX同志。##PAIDEND##\n某某单位：***\n##other##");
        assert!(!c.body.contains("paid"), "{}", c.body);
        let kinds: Vec<(WarnKind, usize)> =
            c.warnings.iter().map(|w| (w.what, w.src_line)).collect();
        assert!(kinds.contains(&(WarnKind::Placeholder, 3)), "{kinds:?}");
        assert!(kinds.contains(&(WarnKind::Placeholder, 4)), "{kinds:?}");
        assert!(kinds.contains(&(WarnKind::Redaction, 4)), "{kinds:?}");
        assert!(kinds.contains(&(WarnKind::Marker, 5)), "{kinds:?}");
        // Line 1 of the body is the first paragraph (the marker-only line is gone).
        let first = c.warnings.iter().find(|w| w.src_line == 3).unwrap();
        assert_eq!(first.out_line, 1);
        let third = c.warnings.iter().find(|w| w.src_line == 4).unwrap();
        assert_eq!(third.out_line, 3);
    }

    #[test]
    fn numbered_structure_becomes_headings_or_leads() {
        let c = md("讲话提纲\n一、提高认识\n（一）深刻领会\n要学习。\n（二）准确把握。这是第二点的正文，较长。\n二、压实责任\n第三，这个只出现一次。\n2023.9.1");
        let lines: Vec<&str> = c.body.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "## 一、提高认识",
                "### （一）深刻领会",
                "要学习。",
                "**（二）准确把握**。这是第二点的正文，较长。",
                "## 二、压实责任",
                "第三，这个只出现一次。",
                "2023.9.1"
            ]
        );
        // One `1.` alone is not structure, and stays text.
        let c = md("题\n1. 孤单的一条");
        assert_eq!(c.body.trim(), "1\\. 孤单的一条");
    }

    #[test]
    fn numbers_under_numbered_word_headings_rank_below_them() {
        let para = |kind, text: &str, line| Block::Para {
            kind,
            inlines: vec![Inline::plain(text)],
            line,
        };
        let blocks = vec![
            para(Kind::Title, "题", 1),
            para(Kind::Heading(1), "一、总体要求", 2),
            para(Kind::Normal, "1. 第一项", 3),
            para(Kind::Normal, "2. 第二项", 4),
            para(Kind::Heading(1), "二、工作步骤", 5),
        ];
        let c = convert(blocks, &[]);
        let lines: Vec<&str> = c.body.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "## 一、总体要求",
                "### 1. 第一项",
                "### 2. 第二项",
                "## 二、工作步骤"
            ]
        );
    }

    #[test]
    fn word_heading_levels_are_ranked_under_the_title() {
        let para = |kind, text: &str, line| Block::Para {
            kind,
            inlines: vec![Inline::plain(text)],
            line,
        };
        let lines = |c: &Converted| -> Vec<String> {
            c.body
                .lines()
                .filter(|l| l.starts_with('#'))
                .map(str::to_string)
                .collect()
        };
        // Pasted from elsewhere: the title a plain paragraph, the headings Heading 2 and 4.
        let c = convert(
            vec![
                para(Kind::Normal, "关于整改的通知", 1),
                para(Kind::Heading(2), "一、范围", 2),
                para(Kind::Heading(4), "（一）学习", 3),
                para(Kind::Heading(2), "二、要求", 4),
            ],
            &[],
        );
        assert_eq!(c.title, "关于整改的通知");
        assert_eq!(lines(&c), ["## 一、范围", "### （一）学习", "## 二、要求"]);
        // Heading 1 as the title, alone at its level.
        let c = convert(
            vec![
                para(Kind::Heading(1), "关于整改的通知", 1),
                para(Kind::Heading(2), "一、范围", 2),
                para(Kind::Heading(3), "（一）学习", 3),
            ],
            &[],
        );
        assert_eq!(c.title, "关于整改的通知");
        assert_eq!(lines(&c), ["## 一、范围", "### （一）学习"]);
        // A Title paragraph: Heading 1 stays the top level under it.
        let c = convert(
            vec![
                para(Kind::Title, "题目", 1),
                para(Kind::Heading(1), "一、范围", 2),
                para(Kind::Heading(2), "（一）学习", 3),
            ],
            &[],
        );
        assert_eq!(lines(&c), ["## 一、范围", "### （一）学习"]);
    }

    #[test]
    fn table_rows_are_as_wide_as_the_widest_and_cell_breaks_stay_in_the_cell() {
        let cell = |t: &str| vec![Inline::plain(t)];
        let blocks = vec![
            Block::Para {
                kind: Kind::Title,
                inlines: cell("题"),
                line: 1,
            },
            Block::Table {
                rows: vec![
                    vec![cell("类别"), cell("人数")],
                    vec![
                        cell("党员"),
                        vec![Inline::plain("正式"), Inline::Break, Inline::plain("a|b")],
                        cell("120"),
                    ],
                ],
                line: 2,
            },
        ];
        let c = convert(blocks, &[]);
        assert_eq!(
            c.body.trim(),
            "| 类别 | 人数 |  |\n| --- | --- | --- |\n| 党员 | 正式<br>a\\\\|b | 120 |"
        );
        let html = html(&c.body);
        assert!(html.contains("<td>正式<br>a|b</td><td>120</td>"), "{html}");
    }

    #[test]
    fn emphasis_keeps_cjk_punctuation_outside_its_markers() {
        let b = vec![Block::Para {
            kind: Kind::Normal,
            inlines: vec![
                Inline::plain("突出"),
                Inline::Text {
                    text: "“快”".into(),
                    bold: true,
                    italic: false,
                },
                Inline::plain("是要求，"),
                Inline::Text {
                    text: "重点。".into(),
                    bold: true,
                    italic: false,
                },
                Inline::Text {
                    text: "斜体".into(),
                    bold: false,
                    italic: true,
                },
            ],
            line: 2,
        }];
        let mut all = vec![Block::Para {
            kind: Kind::Title,
            inlines: vec![Inline::plain("题")],
            line: 1,
        }];
        all.extend(b);
        let c = convert(all, &[]);
        assert_eq!(c.body.trim(), "突出“**快**”是要求，**重点**。*斜体*");
        let html = html(&c.body);
        assert_eq!(
            html.trim(),
            "<p>突出“<strong>快</strong>”是要求，<strong>重点</strong>。<em>斜体</em></p>"
        );
    }
}
