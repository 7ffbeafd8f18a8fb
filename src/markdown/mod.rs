//! Markdown → HTML with pulldown-cmark, plus what a document page needs from its body: Chinese
//! soft breaks joined, readable unique heading ids, a table of contents, a summary, 字数, and
//! links to other documents' .md files rewritten to their URLs.

mod attrs;
pub mod cjk;
mod emphasis;
mod pictures;
pub mod sanitize;
mod sheet;
pub(crate) mod signoff;

use crate::diag::Code;
use crate::zh::{structure_marker, Marker};
pub use cjk::Counts;
pub(crate) use pictures::url_path;
pub use pictures::PictureRef;
use pulldown_cmark::{
    html, CowStr, Event, HeadingLevel, LinkType, Options as CmOptions, Parser, Tag, TagEnd,
};
pub(crate) use sheet::{is_ours, no_sheets, Sheets};
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub cjk_line_breaks: bool,
    pub smart_punctuation: bool,
    pub footnotes: bool,
    pub tables: bool,
    /// Publish raw HTML as written (off: it is sanitised).
    pub unsafe_html: bool,
}

impl Default for Options {
    /// The options of a site that says nothing about Markdown.
    fn default() -> Self {
        Options::from(&crate::config::MarkdownConfig::default())
    }
}

impl From<&crate::config::MarkdownConfig> for Options {
    fn from(m: &crate::config::MarkdownConfig) -> Self {
        Options {
            cjk_line_breaks: m.cjk_line_breaks,
            smart_punctuation: m.smart_punctuation,
            footnotes: m.footnotes,
            tables: m.tables,
            unsafe_html: m.unsafe_html,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// What the link resolver says of a link destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Not ours to touch (external, anchor-only, a file beside the document).
    Keep,
    Rewrite(String),
    /// A link to a document or file that does not exist: the problem's code and message.
    Broken(Code, crate::i18n::Msg),
    /// A link to a document left out of this selection: its text is kept, the link dropped.
    Drop,
    /// An image of the site, published in web sizes: a picture of it shows them, a link to it
    /// goes to the file at its own name.
    Picture(Box<PictureRef>),
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Plain text of the leading paragraphs, for the summary.
    pub first_paragraph: String,
    /// The summary made from them: cut at a sentence end near 120 characters.
    pub summary: String,
    pub counts: Counts,
    /// (byte offset in the Markdown, code, message) for each broken link.
    pub broken_links: Vec<(usize, Code, crate::i18n::Msg)>,
    /// (byte offset, destination as written) of every link with a `#fragment`, for the
    /// anchor check once every document's headings are known.
    pub fragments: Vec<(usize, String)>,
    /// (byte offset, message) for each heading attribute the allow-list removed (`{onclick=…}`).
    pub bad_attributes: Vec<(usize, crate::i18n::Msg)>,
    /// Hash of the HTML and the contents list: a page's fingerprint uses it instead of the text.
    pub content_hash: u64,
}

/// Characters a summary aims at.
pub const SUMMARY_CHARS: usize = 120;

/// The parser with the CJK-friendly emphasis amendment on its events: what every reading of a
/// body starts from.
fn parse(md: &str, opts: Options) -> emphasis::Amend<'_, pulldown_cmark::OffsetIter<'_>> {
    let events = Parser::new_ext(md, opts.parser_options()).into_offset_iter();
    emphasis::amend(md, events, emphasis::Rules::CjkFriendly)
}

/// The one reading of a document body: the page (`render`), the search text and check's scan
/// all get its events here, so none of them sees a table, a footnote, a heading's `{#id}`, a
/// smart quote, emphasis (by the CJK-friendly rules) or a linked sheet's cells that the page
/// does not. Also the problems found on
/// the way (a linked sheet that cannot be read), at their offsets.
#[allow(clippy::type_complexity)]
pub(crate) fn events<'a>(
    md: &'a str,
    opts: Options,
    sheets: Sheets,
) -> (
    Vec<(Event<'a>, Range<usize>)>,
    Vec<(usize, Code, crate::i18n::Msg)>,
) {
    let mut events: Vec<(Event, Range<usize>)> = parse(md, opts).collect();
    let mut problems = Vec::new();
    if sheet::may_name_sheet(md) {
        sheet::embed(&mut events, sheets, &mut problems);
    }
    (events, problems)
}

/// `events` for the readers that only walk them (search, check): a body that names no
/// spreadsheet file (nearly every one) streams from the parser, nothing collected.
pub(crate) fn walk<'a>(md: &'a str, opts: Options, sheets: Sheets) -> Walk<'a> {
    if sheet::may_name_sheet(md) {
        Walk::Embedded(events(md, opts, sheets).0.into_iter())
    } else {
        Walk::Parsed(parse(md, opts))
    }
}

/// The events of `walk`. One lives on the stack per body walked: the large parser is kept
/// inline rather than boxed, which would allocate for every document.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Walk<'a> {
    Parsed(emphasis::Amend<'a, pulldown_cmark::OffsetIter<'a>>),
    Embedded(std::vec::IntoIter<(Event<'a>, Range<usize>)>),
}

impl<'a> Iterator for Walk<'a> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Walk::Parsed(p) => p.next(),
            Walk::Embedded(v) => v.next(),
        }
    }
}

/// What the parser does beyond pulldown-cmark's options, for fingerprints of its output.
pub(crate) const PARSER_RULES: &str = emphasis::RULES;

impl Options {
    /// pulldown-cmark's options for these settings (strikethrough and heading attributes are
    /// always on).
    pub(crate) fn parser_options(&self) -> CmOptions {
        let mut cm = CmOptions::ENABLE_STRIKETHROUGH | CmOptions::ENABLE_HEADING_ATTRIBUTES;
        if self.tables {
            cm |= CmOptions::ENABLE_TABLES;
        }
        if self.footnotes {
            cm |= CmOptions::ENABLE_FOOTNOTES;
        }
        if self.smart_punctuation {
            cm |= CmOptions::ENABLE_SMART_PUNCTUATION;
        }
        cm
    }
}

/// A body with no bundle of its own (a section's introduction): as `render_with`, no sheets.
pub fn render(md: &str, opts: Options, resolve: &dyn Fn(&str) -> Link) -> Rendered {
    render_with(md, opts, resolve, &no_sheets)
}

/// A document's body as its page shows it; `sheets` gives the tables of its linked sheets.
pub(crate) fn render_with(
    md: &str,
    opts: Options,
    resolve: &dyn Fn(&str) -> Link,
    sheets: Sheets,
) -> Rendered {
    let (mut events, sheet_problems) = events(md, opts, sheets);
    // Heading attributes are the one place pulldown-cmark writes names the document chose:
    // cut to the allow-list first, so that what `needed` lets through is escaped text only.
    let mut out = Rendered {
        bad_attributes: attrs::check_headings(&mut events, md),
        ..Rendered::default()
    };
    // Decided on the document's own HTML and links, before the sign-off and run-in leads add
    // markup of their own.
    let sanitize = !opts.unsafe_html && sanitize::needed(&events);
    // Before soft breaks are joined: the sign-off's mark and lines are lines of their own.
    signoff::mark(&mut events, md);
    if opts.cjk_line_breaks {
        cjk::join_soft_breaks(&mut events);
    }
    name_headings(&mut events, &mut out.toc);
    let pictures = rewrite_links(
        &mut events,
        resolve,
        &mut out.broken_links,
        &mut out.fragments,
    );
    out.broken_links.extend(sheet_problems);
    out.first_paragraph = first_paragraph(&events, 60);
    out.summary = summarize(&out.first_paragraph, SUMMARY_CHARS);
    for (e, _) in &events {
        if let Event::Text(t) | Event::Code(t) = e {
            out.counts.add_text(t);
        }
    }
    pictures::render(&mut events, &pictures);
    out.html.reserve(md.len() + md.len() / 4);
    html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    if sanitize {
        out.html = sanitize::clean(&out.html);
    }
    // The HTML is kept for the whole build: give back what the guess above over-reserved.
    out.html.shrink_to_fit();
    out.content_hash = {
        use std::hash::{BuildHasher, Hash, Hasher};
        // Compared only within one process (serve's page fingerprints): a hasher fixed in
        // it, and quicker than SipHash on every page's whole HTML.
        let mut h = CONTENT_HASH.build_hasher();
        out.html.hash(&mut h);
        for t in &out.toc {
            (t.level, &t.id, &t.title).hash(&mut h);
        }
        out.counts.han.hash(&mut h);
        out.counts.latin_words.hash(&mut h);
        h.finish()
    };
    out
}

/// The hasher of [`Rendered::content_hash`]: fixed seeds, so one body always hashes alike.
const CONTENT_HASH: ahash::RandomState = ahash::RandomState::with_seeds(0x68, 0x75, 0x69, 0x62);

fn level_num(l: HeadingLevel) -> u8 {
    l as u8
}

/// Gives every heading an id (its own `{#id}`, else its text with Han kept) unique in the page.
fn name_headings(events: &mut [(Event, Range<usize>)], toc: &mut Vec<TocEntry>) {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = level_num(*level);
            let given = id.as_ref().map(|s| s.to_string());
            let end = (i..events.len())
                .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                .unwrap_or(events.len());
            let title = plain_text(&events[i + 1..end]);
            let base = given.unwrap_or_else(|| heading_id(&title));
            let id = unique(&mut used, base);
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                *slot = Some(CowStr::from(id.clone()));
            }
            toc.push(TocEntry { level, id, title });
            i = end;
        } else if let (Event::Start(Tag::Paragraph), Some((Event::Start(Tag::Strong), _))) =
            (&events[i].0, events.get(i + 1))
        {
            // A run-in lead (`**一、总体要求**。要……`, how speeches are often numbered): an
            // anchor and a contents entry, as a heading would have.
            let end = (i + 2..events.len())
                .find(|&j| matches!(events[j].0, Event::End(TagEnd::Strong)))
                .unwrap_or(events.len());
            let title = plain_text(&events[i + 2..end]);
            if let (Some((marker, _, _)), true) = (structure_marker(&title), end < events.len()) {
                let level = match marker {
                    Marker::Han | Marker::Speech => 2,
                    Marker::HanParen => 3,
                    Marker::Digit => 4,
                    Marker::DigitParen => 5,
                };
                let id = unique(&mut used, heading_id(&title));
                events[i + 1].0 =
                    Event::InlineHtml(CowStr::from(format!("<strong class=\"lead\" id=\"{id}\">")));
                events[end].0 = Event::InlineHtml(CowStr::from("</strong>"));
                toc.push(TocEntry { level, id, title });
                i = end;
            }
        }
        i += 1;
    }
}

fn unique(used: &mut HashMap<String, usize>, base: String) -> String {
    let Some(&start) = used.get(&base) else {
        used.insert(base.clone(), 0);
        return base;
    };
    let mut n = start;
    loop {
        n += 1;
        let candidate = format!("{base}-{n}");
        if !used.contains_key(&candidate) {
            used.insert(base, n);
            used.insert(candidate.clone(), 0);
            return candidate;
        }
    }
}

/// A readable id: letters, digits and Han kept (Latin lowercased), spaces to `-`, the rest dropped.
pub(crate) fn heading_id(title: &str) -> String {
    let mut id = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            id.extend(c.to_lowercase());
        } else if c.is_whitespace() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').to_string();
    if id.is_empty() {
        "section".into()
    } else {
        id
    }
}

fn plain_text(events: &[(Event, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// Resolves every link and image destination; returns the pictures of the site (the index of
/// each one's `Start(Image)`), which get their own `<img>`.
fn rewrite_links(
    events: &mut [(Event, Range<usize>)],
    resolve: &dyn Fn(&str) -> Link,
    broken: &mut Vec<(usize, Code, crate::i18n::Msg)>,
    fragments: &mut Vec<(usize, String)>,
) -> Vec<(usize, PictureRef)> {
    let mut pictures = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (e, range) = &mut events[i];
        i += 1;
        let is_image = matches!(e, Event::Start(Tag::Image { .. }));
        let dest = match e {
            // `<a@b.cn>`: pulldown-cmark gives the address without its `mailto:`; not a file.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => continue,
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if dest.contains('#') {
            fragments.push((range.start, dest.to_string()));
        }
        match resolve(dest) {
            Link::Keep => {}
            Link::Rewrite(url) => *dest = CowStr::from(url),
            Link::Picture(p) => {
                if is_image {
                    *dest = CowStr::from(p.src.clone());
                    pictures.push((i - 1, *p));
                } else {
                    *dest = CowStr::from(p.href.clone());
                }
            }
            Link::Broken(code, msg) => broken.push((range.start, code, msg)),
            Link::Drop => {
                if matches!(e, Event::Start(Tag::Link { .. })) {
                    *e = Event::InlineHtml(CowStr::from(""));
                    if let Some(end) = events[i..]
                        .iter()
                        .position(|(x, _)| matches!(x, Event::End(TagEnd::Link)))
                    {
                        events[i + end].0 = Event::InlineHtml(CowStr::from(""));
                    }
                }
            }
        }
    }
    pictures
}

/// The text of the leading paragraphs (not inside a list, quote, table or footnote), enough of
/// them to reach `want` characters: a speech's "同志们：" alone makes no summary.
fn first_paragraph(events: &[(Event, Range<usize>)], want: usize) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for (i, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Paragraph) if depth == 0 => {
                let end = events[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
                    .map_or(events.len(), |p| i + p);
                out.push_str(plain_text(&events[i + 1..end]).trim());
                if out.chars().count() >= want {
                    break;
                }
            }
            Event::Start(Tag::Heading { .. }) if !out.is_empty() => break,
            Event::Start(
                Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) | Tag::Table(_),
            ) => depth += 1,
            Event::End(
                TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::Table,
            ) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

/// The summary: the text cut at a sentence end (。！？) near `target` characters.
pub(crate) fn summarize(text: &str, target: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= target + target / 4 {
        return text.to_string();
    }
    let ends = |i: &usize| matches!(chars[*i], '。' | '！' | '？' | '!' | '?');
    let best = (target / 2..chars.len().min(target + target / 4))
        .filter(ends)
        .min_by_key(|i| i.abs_diff(target));
    match best {
        Some(i) => chars[..=i].iter().collect(),
        None => {
            let mut s: String = chars[..target].iter().collect();
            s.push('…');
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        let opts = Options::default();
        render(md, opts, &|_| Link::Keep).html
    }

    #[test]
    fn cjk_soft_breaks_follow_cjk_md() {
        assert_eq!(html("学习\n贯彻"), "<p>学习贯彻</p>\n");
        assert_eq!(html("使用\nRust"), "<p>使用\nRust</p>\n");
        assert_eq!(html("`code`\n后文"), "<p><code>code</code>\n后文</p>\n");
        assert_eq!(html("做好“三件事”，\n落实"), "<p>做好“三件事”，落实</p>\n");
        assert_eq!(html("要求：\n“早谋划"), "<p>要求：“早谋划</p>\n");
        assert_eq!(
            html("这是**重点**\n后文"),
            "<p>这是<strong>重点</strong>后文</p>\n"
        );
        assert_eq!(
            html("总体要求：\n一、提高认识"),
            "<p>总体要求：<br />\n一、提高认识</p>\n"
        );
        assert_eq!(html("两个空格  \n换行"), "<p>两个空格<br />\n换行</p>\n");
        assert_eq!(html("한국\n어"), "<p>한국\n어</p>\n");
    }

    #[test]
    fn headings_get_unique_han_ids_and_toc() {
        let opts = Options::default();
        let r = render(
            "## 一、总体要求\n\n## 一、总体要求\n\n### Plan A {#plan}\n",
            opts,
            &|_| Link::Keep,
        );
        assert!(r.html.contains(r#"<h2 id="一总体要求">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="一总体要求-1">"#));
        assert!(r.html.contains(r#"<h3 id="plan">"#));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].title, "一、总体要求");
    }

    #[test]
    fn cjk_emphasis_next_to_punctuation_takes_effect() {
        // pulldown-cmark 0.13 alone leaves these literal; emphasis.rs applies the CJK-friendly
        // amendment (the same when a release's ENABLE_CJK_FRIENDLY_EMPHASIS replaces it).
        assert_eq!(
            html("**“快”**是要求"),
            "<p><strong>“快”</strong>是要求</p>\n"
        );
    }

    #[test]
    fn summary_cuts_at_sentence_end() {
        let text = "一".repeat(100) + "。" + &"二".repeat(100) + "。";
        assert_eq!(summarize(&text, 120).chars().count(), 101);
        assert_eq!(summarize("短。", 120), "短。");
    }
}
