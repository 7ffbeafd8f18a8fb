//! One document's Markdown as Typst markup, from the event stream of the one parser
//! (`markdown::parser`, with the same soft-break joining as the page). Every piece of the
//! document's text is escaped, so nothing a document says can become Typst code; characters no
//! font on the system has are replaced by 〓 and reported at their line.

use crate::markdown::{self, Options};
use crate::zh::{structure_marker, Marker};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashMap;

/// Which characters some font of the system can draw (Typst falls back through all of them).
pub(crate) struct Covered {
    bits: Vec<u64>,
}

impl Covered {
    pub(crate) fn new(codepoints: impl Iterator<Item = u32>) -> Covered {
        let mut bits = vec![0u64; 0x110000 / 64];
        for c in codepoints.filter(|&c| c < 0x110000) {
            bits[c as usize / 64] |= 1 << (c % 64);
        }
        Covered { bits }
    }

    pub(crate) fn has(&self, c: char) -> bool {
        let c = c as usize;
        self.bits[c / 64] & (1 << (c % 64)) != 0
    }

    /// The first of `choices` whose every character some font has, else the last: what the
    /// book writes itself (markers, the stand-in for a missing character) must be drawable,
    /// as PDF/A allows no missing glyph.
    pub(crate) fn pick<'s>(&self, choices: &[&'s str]) -> &'s str {
        let ok = |s: &&str| s.chars().all(|c| c == ' ' || self.has(c));
        choices
            .iter()
            .copied()
            .find(ok)
            .unwrap_or(choices[choices.len() - 1])
    }

    /// What stands for a character no font has.
    pub(crate) fn stand_in(&self) -> char {
        self.pick(&["〓", "□", "?"]).chars().next().unwrap_or('?')
    }
}

/// What the converter needs to know beyond the Markdown.
pub(crate) struct Context<'a> {
    pub opts: Options,
    pub covered: &'a Covered,
    /// A link's destination, as written, to the label of a document of the book.
    pub doc_label: &'a dyn Fn(&str) -> Option<String>,
    /// An image's destination, as written, to its path in the Typst world (None: not ours).
    pub image: &'a mut dyn FnMut(&str) -> Option<String>,
    /// Prefix of this document's footnote labels, unique in the book.
    pub prefix: String,
    /// The linked spreadsheets of the document's bundle: their tables are in the book too.
    pub sheets: markdown::Sheets<'a>,
}

/// A document's body in Typst markup, with the characters that had to be replaced.
#[derive(Default)]
pub(crate) struct Converted {
    pub markup: String,
    /// (byte offset in the Markdown, character) of each character no font has.
    pub missing: Vec<(usize, char)>,
    /// (byte offset in `markup`, byte offset in the Markdown) at each top-level block.
    pub marks: Vec<(usize, usize)>,
}

/// The mark a footnote reference leaves until every definition is known: control characters,
/// which document text never reaches the markup with.
const FN_OPEN: char = '\u{1}';
const FN_CLOSE: char = '\u{2}';

/// What an open construct writes when it closes.
enum Open {
    /// Content captured to be wrapped: a heading (its Markdown level), a strong run that may be
    /// a run-in lead, image alt text, a footnote definition, a code block.
    Heading,
    Strong {
        lead: bool,
    },
    Image(String),
    Footnote(String),
    Code,
    /// Written straight through; the text to write at the end.
    Close(&'static str),
    /// A link to a document of the book: the label for the page reference.
    DocLink(String),
    /// A list nested deeper than [`MAX_DEPTH`]: its items become paragraphs.
    FlatList,
}

/// Lists and quotes nest in Typst up to here; deeper ones are set flat (Typst's parser stops
/// at a depth a few hundred `>` reach).
const MAX_DEPTH: usize = 8;

struct Writer<'c, 'a> {
    cx: &'c mut Context<'a>,
    out: Vec<String>,
    plain: Vec<String>,
    open: Vec<Open>,
    notes: HashMap<String, String>,
    missing: Vec<(usize, char)>,
    marks: Vec<(usize, usize)>,
    at: usize,
    para_start: bool,
}

/// Converts `md` to Typst markup.
pub(crate) fn convert(md: &str, cx: &mut Context) -> Converted {
    // The one reading of a body (emphasis, linked sheets) that the page gets too; the HTML
    // around a sheet's table is the page's, not the book's. A sheet that cannot be read is
    // check's and build's to report.
    let (mut events, _) = markdown::events(md, cx.opts, cx.sheets);
    events.retain(|(e, _)| !markdown::is_ours(e));
    if cx.opts.cjk_line_breaks {
        markdown::cjk::join_soft_breaks(&mut events);
    }
    let mut w = Writer {
        cx,
        out: vec![String::with_capacity(md.len() * 5 / 4)],
        plain: Vec::new(),
        open: Vec::new(),
        notes: HashMap::new(),
        missing: Vec::new(),
        marks: Vec::new(),
        at: 0,
        para_start: false,
    };
    for (e, range) in events {
        w.at = range.start;
        w.event(e);
    }
    let body = w.out.swap_remove(0);
    let markup = place_notes(&body, &w.notes, &w.cx.prefix);
    // Footnotes change the length of what follows them: marks are kept only where none came
    // before (they name a line for an error, which a shift of a few blocks does not hurt).
    let first_note = body.find(FN_OPEN).unwrap_or(usize::MAX);
    Converted {
        markup,
        missing: w.missing,
        marks: w.marks.into_iter().filter(|m| m.0 < first_note).collect(),
    }
}

impl Writer<'_, '_> {
    fn push(&mut self, s: &str) {
        self.out.last_mut().expect("a buffer").push_str(s);
    }

    /// Document text, escaped for Typst markup.
    fn text(&mut self, s: &str) {
        if let Some(p) = self.plain.last_mut() {
            p.push_str(s);
        }
        let mut buf = String::with_capacity(s.len() + 8);
        for (i, c) in s.char_indices() {
            match c {
                '\n' | '\r' | '\t' => buf.push(' '),
                c if c.is_ascii_punctuation() => {
                    buf.push('\\');
                    buf.push(c);
                }
                c if c.is_control() => {}
                c if c == ' ' || self.cx.covered.has(c) || is_invisible(c) => buf.push(c),
                c => {
                    self.missing.push((self.at + i, c));
                    buf.push(self.cx.covered.stand_in());
                }
            }
        }
        self.push(&buf);
    }

    fn begin(&mut self, open: Open, capture: bool) {
        if capture {
            self.out.push(String::new());
            self.plain.push(String::new());
        }
        self.open.push(open);
    }

    /// The captured markup and plain text of the construct just closed.
    fn captured(&mut self) -> (String, String) {
        let markup = self.out.pop().unwrap_or_default();
        let plain = self.plain.pop().unwrap_or_default();
        (markup, plain)
    }

    /// Are lists and quotes nested as deep as they may be?
    fn nested(&self) -> bool {
        let closes = |o: &&Open| matches!(o, Open::Close(")\n\n" | "]\n\n") | Open::FlatList);
        self.open.iter().filter(closes).count() >= MAX_DEPTH
    }

    fn block_start(&mut self) {
        if self.out.len() == 1 && self.open.is_empty() {
            let at = self.out[0].len();
            self.marks.push((at, self.at));
        }
    }

    fn event(&mut self, e: Event) {
        let para_start = std::mem::take(&mut self.para_start);
        match e {
            Event::Start(tag) => self.start(tag, para_start),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if matches!(self.open.last(), Some(Open::Code)) {
                    self.push(&t);
                } else {
                    self.text(&t);
                }
            }
            Event::Code(t) => self.push(&format!("#raw({})", string(&t))),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::Html(h) => self.html_block(&h),
            Event::InlineHtml(h) => {
                if is_break(&h) {
                    self.push("#linebreak()");
                }
            }
            Event::FootnoteReference(label) => {
                self.push(&format!("{FN_OPEN}{label}{FN_CLOSE}"));
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push("#linebreak()"),
            Event::Rule => {
                self.block_start();
                self.push("#line(length: 100%, stroke: 0.5pt)\n\n");
            }
            Event::TaskListMarker(done) => {
                let c = self.cx.covered;
                let mark = if done {
                    c.pick(&["☑ ", "■ ", "[x] "])
                } else {
                    c.pick(&["☐ ", "□ ", "[ ] "])
                };
                self.text(mark);
            }
        }
    }

    fn start(&mut self, tag: Tag, para_start: bool) {
        match tag {
            Tag::Paragraph => {
                self.block_start();
                self.para_start = true;
            }
            Tag::Heading { .. } => {
                self.block_start();
                self.begin(Open::Heading, true);
            }
            Tag::BlockQuote(_) => {
                self.block_start();
                if self.nested() {
                    self.begin(Open::Close(""), false);
                } else {
                    self.push("#blockquote[");
                    self.begin(Open::Close("]\n\n"), false);
                }
            }
            Tag::CodeBlock(_) => {
                self.block_start();
                self.begin(Open::Code, true);
            }
            Tag::List(first) => {
                self.block_start();
                if self.nested() {
                    self.begin(Open::FlatList, false);
                    return;
                }
                match first {
                    Some(n) => self.push(&format!("#enum(start: {n}, ")),
                    None => self.push("#list("),
                }
                self.begin(Open::Close(")\n\n"), false);
            }
            Tag::Item => {
                if matches!(self.open.last(), Some(Open::FlatList)) {
                    self.push("· ");
                    self.begin(Open::Close("\n\n"), false);
                } else {
                    self.push("[");
                    self.begin(Open::Close("], "), false);
                }
            }
            Tag::FootnoteDefinition(label) => {
                self.begin(Open::Footnote(label.to_string()), true);
            }
            Tag::Table(aligns) => {
                self.block_start();
                let aligns: Vec<&str> = aligns.iter().map(align).collect();
                self.push(&format!(
                    "#table(columns: {}, align: ({},), ",
                    aligns.len(),
                    aligns.join(", ")
                ));
                self.begin(Open::Close(")\n\n"), false);
            }
            Tag::TableHead => {
                self.push("table.header(");
                self.begin(Open::Close("), "), false);
            }
            Tag::TableRow => self.begin(Open::Close(""), false),
            Tag::TableCell => {
                self.push("[");
                self.begin(Open::Close("], "), false);
            }
            Tag::HtmlBlock => self.begin(Open::Close(""), false),
            Tag::MetadataBlock(_) | Tag::DefinitionList => self.begin(Open::Close(""), false),
            Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.begin(Open::Close("\n\n"), false)
            }
            inline => self.start_inline(inline, para_start),
        }
    }

    /// Emphasis, strong (a run-in lead at a paragraph's start), links and images.
    fn start_inline(&mut self, tag: Tag, para_start: bool) {
        match tag {
            Tag::Emphasis => {
                self.push("#emph[");
                self.begin(Open::Close("]"), false);
            }
            Tag::Strong => self.begin(Open::Strong { lead: para_start }, true),
            Tag::Strikethrough => {
                self.push("#strike[");
                self.begin(Open::Close("]"), false);
            }
            Tag::Superscript => {
                self.push("#super[");
                self.begin(Open::Close("]"), false);
            }
            Tag::Subscript => {
                self.push("#sub[");
                self.begin(Open::Close("]"), false);
            }
            Tag::Link { dest_url, .. } => match (self.cx.doc_label)(&dest_url) {
                Some(label) => {
                    self.push(&format!("#link(<{label}>)["));
                    self.begin(Open::DocLink(label), false);
                }
                None => self.begin(Open::Close(""), false),
            },
            Tag::Image { dest_url, .. } => match (self.cx.image)(&dest_url) {
                Some(path) => self.begin(Open::Image(path), true),
                // Not a file of the site (a web address): its alt text stands in.
                None => self.begin(Open::Close(""), false),
            },
            _ => self.begin(Open::Close(""), false),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if tag == TagEnd::Paragraph {
            let in_note = self.open.iter().any(|o| matches!(o, Open::Footnote(_)));
            self.push(if in_note { " " } else { "\n\n" });
            return;
        }
        let Some(open) = self.open.pop() else {
            return;
        };
        match open {
            Open::Close(s) => self.push(s),
            Open::FlatList => {}
            Open::DocLink(label) => self.push(&format!("]#pageref(<{label}>)")),
            Open::Heading => {
                let (markup, plain) = self.captured();
                let level = match tag {
                    TagEnd::Heading(l) => l as u8,
                    _ => 3,
                };
                let kind = face(&plain, level);
                self.push(&format!("#hh(\"{kind}\")[{}]\n\n", markup.trim()));
            }
            Open::Strong { lead } => {
                let (markup, plain) = self.captured();
                let kind = lead.then(|| structure_marker(&plain)).flatten();
                match kind {
                    Some((m, _, _)) => {
                        self.push(&format!("#face(\"{}\")[{markup}]", marker_face(m)))
                    }
                    None => self.push(&format!("#strong[{markup}]")),
                }
            }
            Open::Image(path) => {
                let (_, alt) = self.captured();
                self.push(&format!(
                    "#pic(image({}, alt: {}))",
                    string(&path),
                    string(&alt)
                ));
            }
            Open::Footnote(label) => {
                let (markup, _) = self.captured();
                self.notes.insert(label, markup.trim().to_string());
            }
            Open::Code => {
                let (code, _) = self.captured();
                self.push(&format!(
                    "#raw(block: true, {})\n\n",
                    string(code.trim_end())
                ));
            }
        }
    }

    /// A block of raw HTML: its text, without the tags (what a reader of the page sees).
    fn html_block(&mut self, html: &str) {
        let text = strip_tags(html);
        if !text.trim().is_empty() {
            self.text(text.trim());
            self.push("\n\n");
        }
    }
}

/// The face of a body heading: its own marker says (一、 黑体, （一） 楷体, 1. 仿宋 bold, （1）
/// 仿宋), else its Markdown level (## 黑体, ### 楷体, #### bold, deeper plain).
fn face(plain: &str, level: u8) -> &'static str {
    if let Some((m, _, _)) = structure_marker(plain) {
        return marker_face(m);
    }
    match level {
        1 | 2 => "hei",
        3 => "kai",
        4 => "bold",
        _ => "plain",
    }
}

fn marker_face(m: Marker) -> &'static str {
    match m {
        Marker::Han | Marker::Speech => "hei",
        Marker::HanParen => "kai",
        Marker::Digit => "bold",
        Marker::DigitParen => "plain",
    }
}

fn align(a: &pulldown_cmark::Alignment) -> &'static str {
    use pulldown_cmark::Alignment as A;
    match a {
        A::Left | A::None => "left",
        A::Center => "center",
        A::Right => "right",
    }
}

/// Replaces each footnote mark: the first with the note, later ones with a reference to it.
fn place_notes(body: &str, notes: &HashMap<String, String>, prefix: &str) -> String {
    if !body.contains(FN_OPEN) {
        return body.to_string();
    }
    let mut out =
        String::with_capacity(body.len() + notes.values().map(String::len).sum::<usize>());
    let mut placed: HashMap<&str, usize> = HashMap::new();
    let mut rest = body;
    while let Some(i) = rest.find(FN_OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after.find(FN_CLOSE).unwrap_or(after.len());
        let label = &after[..j];
        rest = after.get(j + 1..).unwrap_or("");
        let n = placed.len();
        match (notes.get(label), placed.get(label)) {
            (Some(_), Some(k)) => out.push_str(&format!("#footnote(<{prefix}{k}>)")),
            (Some(note), None) => {
                out.push_str(&format!("#footnote[{note}]<{prefix}{n}>"));
                placed.insert(label, n);
            }
            (None, _) => out.push_str(&escape(&format!("[^{label}]"))),
        }
    }
    out.push_str(rest);
    out
}

/// `s` as a Typst string literal.
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as Typst markup text (every ASCII punctuation character escaped, controls dropped).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Zero-width and format characters: they need no glyph.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}')
}

fn is_break(html: &str) -> bool {
    let t: String = html.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.to_ascii_lowercase().as_str(), "<br>" | "<br/>")
}

/// The text of an HTML fragment: comments and tags dropped, the common entities decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map(|j| j + 3)
        } else {
            after.find('>').map(|j| j + 1)
        };
        match end {
            Some(j) => rest = &after[j..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typst(md: &str) -> Converted {
        let covered = Covered::new(
            (0x20..0x7f)
                .chain(0x3000..0xa000)
                .chain(0xff00..0xfff0)
                .chain(0x2000..0x2070),
        );
        let mut image = |d: &str| (!d.starts_with("http")).then(|| format!("/img/{d}"));
        let mut cx = Context {
            opts: Options::default(),
            covered: &covered,
            doc_label: &|d: &str| (d == "b.md").then(|| "d1".to_string()),
            image: &mut image,
            prefix: "fn-0-".into(),
            sheets: &markdown::no_sheets,
        };
        convert(md, &mut cx)
    }

    #[test]
    fn hostile_text_stays_text() {
        let m =
            typst("#let x = 1 $y$ *a* _b_ @c <d \\e // f /* g */ `h` [i] ~ -- ... = + 1.\n").markup;
        assert!(!m.replace("\\#", "").contains("#let"), "{m}");
        assert!(m.contains("\\#let x \\= 1 \\$y\\$"), "{m}");
        assert!(m.contains("\\/\\/ f \\/\\* g \\*\\/"), "{m}");
        assert!(m.contains("#raw(\"h\")"), "{m}");
    }

    #[test]
    fn strings_escape_quotes_and_backslashes() {
        assert_eq!(string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\"");
    }

    #[test]
    fn headings_and_leads_take_their_levels_face() {
        let m = typst("## 一、总体要求\n\n### （一）提高认识\n\n**一是抓学习**。要……\n\n**（二）抓整改**。要……\n").markup;
        assert!(m.contains("#hh(\"hei\")[一、总体要求]"), "{m}");
        assert!(m.contains("#hh(\"kai\")[（一）提高认识]"), "{m}");
        assert!(m.contains("#strong[一是抓学习]。要……"), "{m}");
        assert!(m.contains("#face(\"kai\")[（二）抓整改]。"), "{m}");
    }

    #[test]
    fn footnotes_are_placed_where_referenced_once_and_referred_to_after() {
        let m = typst("正文[^a]，再引[^a]。\n\n[^a]: 注释内容。\n").markup;
        assert!(
            m.contains("正文#footnote[注释内容。]<fn-0-0>，再引#footnote(<fn-0-0>)。"),
            "{m}"
        );
    }

    #[test]
    fn links_to_book_documents_get_their_page_and_others_stay_text() {
        let m = typst("见[另一篇](b.md)和[网站](https://x.cn/#a)。\n").markup;
        assert!(
            m.contains("见#link(<d1>)[另一篇]#pageref(<d1>)和网站。"),
            "{m}"
        );
    }

    #[test]
    fn tables_lists_and_images() {
        let m =
            typst("| 甲 | 乙 |\n|:-|-:|\n| 1 | 2 |\n\n- 一\n- 二\n\n3. 三\n\n![图 \"1\"](a.png)\n")
                .markup;
        assert!(
            m.contains(
                "#table(columns: 2, align: (left, right,), table.header([甲], [乙], ), [1], [2], )"
            ),
            "{m}"
        );
        assert!(m.contains("#list([一], [二], )"), "{m}");
        assert!(m.contains("#enum(start: 3, [三], )"), "{m}");
        assert!(
            m.contains("#pic(image(\"/img/a.png\", alt: \"图 \\\"1\\\"\"))"),
            "{m}"
        );
    }

    #[test]
    fn deep_nesting_is_set_flat_beyond_a_depth() {
        let md = format!(
            "{} 深\n\n{}",
            ">".repeat(300),
            (0..60)
                .map(|i| format!("{}- 项{i}\n", "  ".repeat(i)))
                .collect::<String>()
        );
        let m = typst(&md).markup;
        assert!(m.matches("#blockquote[").count() <= MAX_DEPTH, "{m}");
        assert!(m.matches("#list(").count() <= MAX_DEPTH, "{m}");
        assert!(m.contains("深") && m.contains("· 项59"), "{m}");
    }

    #[test]
    fn characters_no_font_has_are_replaced_and_reported() {
        let c = typst("前\u{1F600}后\u{7}\n");
        assert!(c.markup.contains("前〓后"), "{}", c.markup);
        assert_eq!(c.missing, vec![(3, '\u{1F600}')]);
    }
}
