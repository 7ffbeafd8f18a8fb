//! Word (.docx) documents as paragraphs: the zip's document XML read with quick-xml into the
//! blocks the text converter takes — headings (styles and outline levels), bold and italic runs,
//! Word's automatic numbers (through wordnum.rs, from the paragraph or its style), tables (merged
//! cells kept in their columns, tables in text boxes kept whole), footnotes, images and
//! hyperlinks. Tracked deletions, comments and text boxes
//! are handled as CJK.md says: the accepted text is kept, and what was dropped or moved is told.

use super::numbering::Label;
use super::text::{Block, Inline, Kind};
use super::wordnum::{Lists, Numbering};
use crate::diag::Diagnostic;
use crate::i18n::Msg;
use crate::msg;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::Path;

pub struct Docx {
    pub blocks: Vec<Block>,
    pub notes: Vec<(String, String)>,
    /// Images used by the document: (file name in the bundle, bytes).
    pub images: Vec<(String, Vec<u8>)>,
    /// What was not carried over or was moved, for the report (paragraph, message).
    pub dropped: Vec<(usize, Msg)>,
}

type Zip<'a> = crate::zipread::ZipReader<std::io::Cursor<&'a [u8]>>;

/// The hint for a file Word itself can repair.
fn resave_hint() -> Msg {
    msg!("docx-resave-hint")
}

/// A part of the package as text, read within the .docx limits; `None` if it has none.
fn part(zip: &mut Zip, file: &Path, name: &str) -> Result<Option<String>, Diagnostic> {
    let Some(bytes) = zip.read(name).map_err(resave)? else {
        return Ok(None);
    };
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Diagnostic::tr(file, msg!("docx-part-not-utf8", name = name)).hint_tr(resave_hint())
    })
}

/// A damaged entry is worth saving again from Word; a refused one keeps its own hint.
fn resave(e: crate::zipread::EntryError) -> Diagnostic {
    match e {
        crate::zipread::EntryError::Damaged(d) => d.hint_tr(resave_hint()),
        crate::zipread::EntryError::Limit(d) => d,
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// `w:b`, `w:i`: on unless `w:val` says 0/false/off.
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "off"))
}

/// Reads the .docx at `file` (its bytes already read) with the zip limits of
/// [`crate::zipread::DOCX`].
pub(crate) fn read(file: &Path, bytes: &[u8]) -> Result<Docx, Diagnostic> {
    let mut zip = crate::zipread::open_bytes(file, bytes, crate::zipread::DOCX).map_err(|d| {
        if d.code == crate::diag::Code::ZipDamaged {
            Diagnostic::tr(file, msg!("docx-not-docx", why = d.message_tr())).hint_tr(resave_hint())
        } else {
            d
        }
    })?;
    let mut part = |name: &str| part(&mut zip, file, name);
    let doc = part("word/document.xml")?
        .ok_or_else(|| Diagnostic::tr(file, msg!("docx-no-document")).hint_tr(resave_hint()))?;
    let rels = part("word/_rels/document.xml.rels")?
        .map(|x| relationships(&x))
        .unwrap_or_default();
    let styles = part("word/styles.xml")?
        .map(|x| styles(&x))
        .unwrap_or_default();
    let numbering = part("word/numbering.xml")?
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    let mut out = Docx {
        blocks: Vec::new(),
        notes: part("word/footnotes.xml")?
            .map(|x| footnotes(&x))
            .unwrap_or_default(),
        images: Vec::new(),
        dropped: Vec::new(),
    };
    body(&doc, &rels, &styles, &numbering, &mut out)
        .map_err(|m| Diagnostic::tr(file, m).hint_tr(resave_hint()))?;
    if let Some(c) = part("word/comments.xml")? {
        let n = c.matches("<w:comment ").count();
        if n > 0 {
            out.dropped.push((0, msg!("imp-comments-dropped", n = n)));
        }
    }
    out.images = images(&mut zip, &out.blocks)?;
    Ok(out)
}

/// The images the text refers to, under their own file names, each read within the limits.
fn images(zip: &mut Zip, blocks: &[Block]) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut wanted: Vec<String> = blocks
        .iter()
        .flat_map(|b| match b {
            Block::Para { inlines, .. } => inlines.clone(),
            Block::Table { rows, .. } => rows.iter().flatten().flatten().cloned().collect(),
        })
        .filter_map(|i| match i {
            Inline::Image { file, .. } => Some(file),
            _ => None,
        })
        .collect();
    wanted.sort();
    wanted.dedup();
    let mut out = Vec::new();
    for file in wanted {
        if let Some(bytes) = zip.read(&format!("word/media/{file}")).map_err(resave)? {
            out.push((file, bytes));
        }
    }
    Ok(out)
}

/// Relationship id → target (hyperlink URLs, image paths).
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let mut r = Reader::from_str(xml);
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    map.insert(id, t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    map
}

#[derive(Default, Clone)]
struct Style {
    name: String,
    outline: Option<u8>,
    based_on: Option<String>,
    /// The numbering the style carries (`w:pPr/w:numPr`): instance and level.
    num_id: Option<String>,
    ilvl: Option<usize>,
}

fn styles(xml: &str) -> HashMap<String, Style> {
    let mut map = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut cur: Option<(String, Style)> = None;
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:style" => cur = attr(&e, "w:styleId").map(|id| (id, Style::default())),
                "w:name" => {
                    if let (Some((_, s)), Some(v)) = (cur.as_mut(), attr(&e, "w:val")) {
                        s.name = v;
                    }
                }
                "w:basedOn" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.based_on = attr(&e, "w:val");
                    }
                }
                "w:outlineLvl" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.outline = attr(&e, "w:val").and_then(|v| v.parse().ok());
                    }
                }
                "w:numId" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.num_id = attr(&e, "w:val");
                    }
                }
                "w:ilvl" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.ilvl = attr(&e, "w:val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "w:style" => {
                if let Some((id, s)) = cur.take() {
                    map.insert(id, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    map
}

/// What a paragraph style makes of a paragraph: Title, Heading(n), or nothing.
fn style_kind(styles: &HashMap<String, Style>, id: &str) -> Option<Kind> {
    let mut id = id.to_string();
    for _ in 0..8 {
        let s = styles.get(&id)?;
        let name = s.name.to_lowercase();
        if name == "title" || name == "标题" {
            return Some(Kind::Title);
        }
        for prefix in ["heading ", "标题 "] {
            if let Some(n) = name
                .strip_prefix(prefix)
                .and_then(|n| n.trim().parse::<u8>().ok())
            {
                return Some(Kind::Heading(n.clamp(1, 5)));
            }
        }
        if let Some(o) = s.outline.filter(|o| *o < 9) {
            return Some(Kind::Heading((o + 1).min(5)));
        }
        id = s.based_on.clone()?;
    }
    None
}

/// The numbering a paragraph style carries: instance and level, each its own or inherited
/// through `w:basedOn` (Heading 2 may take Heading 1's instance and set only its level).
fn style_numbering(styles: &HashMap<String, Style>, id: &str) -> Option<(String, Option<usize>)> {
    let (mut num, mut ilvl) = (None, None);
    let mut id = Some(id.to_string());
    for _ in 0..8 {
        let Some(s) = id.and_then(|i| styles.get(&i)) else {
            break;
        };
        num = num.or_else(|| s.num_id.clone());
        ilvl = ilvl.or(s.ilvl);
        id = s.based_on.clone();
    }
    num.map(|n| (n, ilvl))
}

fn footnotes(xml: &str) -> Vec<(String, String)> {
    let mut notes = Vec::new();
    let mut r = Reader::from_str(xml);
    let mut cur: Option<(String, String)> = None;
    let mut in_t = false;
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) if e.name().as_ref() == "w:footnote" => {
                // Separators are layout, not notes.
                cur = match attr(&e, "w:type").as_deref() {
                    Some("separator" | "continuationSeparator" | "continuationNotice") => None,
                    _ => attr(&e, "w:id").map(|id| (id, String::new())),
                };
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_t => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&entity(&g));
                }
            }
            Event::End(e) if e.name().as_ref() == "w:footnote" => {
                if let Some(n) = cur.take() {
                    notes.push(n);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    notes
}

pub(crate) fn entity(g: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = g.resolve_char_ref() {
        return c.to_string();
    }
    let name = g.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .unwrap_or_else(|| format!("&{name};"))
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    outline: Option<u8>,
    /// Its own numbering (`w:numPr`); `Some("0")` takes away its style's.
    num_id: Option<String>,
    ilvl: Option<usize>,
    inlines: Vec<Inline>,
}

/// A table being read: rows of cells of inline runs.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<Inline>>>,
    line: usize,
    /// How deep in text boxes it stands: its cells' paragraphs are those at this depth.
    in_box: usize,
    /// The columns the cell being read spans (`w:gridSpan`).
    span: usize,
}

/// Elements whose content is not the document's text: deletions, moved-away text, fallbacks,
/// field codes, and the old properties of tracked formatting changes.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "w:del" | "w:moveFrom" | "mc:Fallback" | "w:instrText" | "w:pPrChange" | "w:rPrChange"
    )
}

fn body(
    xml: &str,
    rels: &HashMap<String, String>,
    styles: &HashMap<String, Style>,
    numbering: &Numbering,
    out: &mut Docx,
) -> Result<(), Msg> {
    let mut r = Reader::from_str(xml);
    let mut flow = Flow::default();
    loop {
        let ev = r
            .read_event()
            .map_err(|e| msg!("docx-xml-damaged", detail = e.to_string()))?;
        match ev {
            Event::Start(e) => flow.start(&e, rels, out),
            Event::Empty(e) => flow.empty(&e, rels, out),
            Event::Text(t) if flow.in_t => flow.text(&t.xml10_content()),
            Event::GeneralRef(g) if flow.in_t => flow.text(&entity(&g)),
            Event::End(e) => flow.end(e.name().as_ref(), styles, numbering, out),
            Event::Eof => break,
            _ => {}
        }
    }
    let deleted = flow.deleted.trim();
    if !deleted.is_empty() {
        let sample: String = deleted.chars().take(30).collect();
        let n = deleted.chars().count();
        out.dropped
            .push((0, msg!("docx-deletions-dropped", n = n, sample = sample)));
    }
    Ok(())
}

impl Flow {
    fn start(&mut self, e: &BytesStart, rels: &HashMap<String, String>, out: &mut Docx) {
        let name = e.name();
        let n = name.as_ref();
        if self.skip > 0 {
            if skipped(n) {
                self.skip += 1;
            }
            if n == "w:delText" {
                self.in_t = true;
            }
            return;
        }
        match n {
            _ if skipped(n) => self.skip = 1,
            "w:p" => {
                self.n_para += 1;
                self.paras.push(Para::default());
            }
            "w:pPr" => self.in_ppr = true,
            "w:r" => (self.bold, self.italic) = (false, false),
            "w:rPr" if !self.in_ppr => self.in_rpr = true,
            "w:t" => self.in_t = true,
            "w:tbl" => self.tables.push(Table {
                line: self.n_para + 1,
                in_box: self.in_box,
                ..Default::default()
            }),
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            "w:tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(Vec::new());
                }
            }
            "w:txbxContent" => self.in_box += 1,
            "w:hyperlink" => {
                self.link = attr(e, "r:id")
                    .and_then(|id| rels.get(&id).cloned())
                    .map(|url| (url, String::new()));
            }
            _ => self.property(e, rels, out),
        }
    }

    fn empty(&mut self, e: &BytesStart, rels: &HashMap<String, String>, out: &mut Docx) {
        if self.skip > 0 {
            return;
        }
        if e.name().as_ref() == "w:gridSpan" {
            if let Some(t) = self.tables.last_mut() {
                t.span = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1);
            }
        }
        self.property(e, rels, out);
        if self.in_ppr || self.in_rpr {
            return;
        }
        let inline = match e.name().as_ref() {
            "w:br" if attr(e, "w:type").is_none_or(|t| t == "textWrapping") => Some(Inline::Break),
            "w:cr" => Some(Inline::Break),
            "w:tab" => Some(Inline::plain(" ")),
            "w:noBreakHyphen" => Some(Inline::plain("-")),
            "w:footnoteReference" => attr(e, "w:id").map(Inline::Note),
            _ => None,
        };
        if let (Some(i), Some(p)) = (inline, self.paras.last_mut()) {
            p.inlines.push(i);
        }
    }

    /// Text of a `w:t` (or, inside a deletion, of a `w:delText`).
    fn text(&mut self, text: &str) {
        if self.skip > 0 {
            self.deleted.push_str(text);
        } else {
            push_text(
                &mut self.paras,
                &mut self.link,
                text,
                self.bold,
                self.italic,
            );
        }
    }

    fn end(
        &mut self,
        n: &str,
        styles: &HashMap<String, Style>,
        numbering: &Numbering,
        out: &mut Docx,
    ) {
        if self.skip > 0 {
            if skipped(n) {
                self.skip -= 1;
            }
            if n == "w:delText" {
                self.in_t = false;
            }
            return;
        }
        match n {
            "w:t" => self.in_t = false,
            "w:pPr" => self.in_ppr = false,
            "w:rPr" => self.in_rpr = false,
            "w:txbxContent" => self.in_box = self.in_box.saturating_sub(1),
            "w:hyperlink" => {
                if let (Some((url, text)), Some(p)) = (self.link.take(), self.paras.last_mut()) {
                    p.inlines.push(Inline::Link { text, url });
                }
            }
            "w:p" => end_paragraph(self, styles, numbering, out),
            "w:tc" => {
                // The columns a merged cell spans stay columns: empty cells after it.
                if let Some(t) = self.tables.last_mut() {
                    let extra = std::mem::take(&mut t.span).saturating_sub(1).min(64);
                    if let Some(row) = t.rows.last_mut() {
                        row.extend(std::iter::repeat_n(Vec::new(), extra));
                    }
                }
            }
            "w:tbl" => end_table(self, out),
            _ => {}
        }
    }

    /// Run and paragraph properties and pictures, which come as start or empty tags.
    fn property(&mut self, e: &BytesStart, rels: &HashMap<String, String>, out: &mut Docx) {
        start_or_empty(
            e,
            &mut self.paras,
            self.in_rpr,
            &mut self.bold,
            &mut self.italic,
            rels,
            out,
        );
    }
}

/// What the body reader holds between events: open paragraphs and tables, text boxes.
#[derive(Default)]
struct Flow {
    // Paragraphs nest (a text box's paragraphs sit inside a run of the outer one).
    paras: Vec<Para>,
    tables: Vec<Table>,
    /// Text boxes' paragraphs and tables, placed after the paragraph that holds them.
    boxed: Vec<Block>,
    n_para: usize,
    in_box: usize,
    lists: Lists,
    bold: bool,
    italic: bool,
    in_rpr: bool,
    in_ppr: bool,
    in_t: bool,
    /// Depth inside skipped elements: deletions, moved-away text, field codes, fallbacks.
    skip: usize,
    /// The text of tracked deletions, for the report.
    deleted: String,
    /// The hyperlink being read: its address and text.
    link: Option<(String, String)>,
}

impl Flow {
    /// The cell being read, if the innermost open table is at this text-box depth.
    fn cell(&mut self) -> Option<&mut Vec<Inline>> {
        let in_box = self.in_box;
        self.tables
            .last_mut()
            .filter(|t| t.in_box == in_box)
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.last_mut())
    }
}

/// What the report says of a text box's text.
fn boxed() -> Msg {
    msg!("imp-text-box-moved")
}

/// A paragraph ends: numbered, then placed in its cell, after its text box's anchor, or in the
/// body.
fn end_paragraph(
    flow: &mut Flow,
    styles: &HashMap<String, Style>,
    numbering: &Numbering,
    out: &mut Docx,
) {
    let Some(mut p) = flow.paras.pop() else {
        return;
    };
    p.inlines
        .retain(|i| !matches!(i, Inline::Image { file, .. } if file.is_empty()));
    let label = label(&p, styles, numbering, &mut flow.lists);
    if let Some(Label::Number(n)) = &label {
        p.inlines.insert(0, Inline::plain(n.clone()));
    }
    let kind = paragraph_kind(&p, styles, label.as_ref());
    let line = flow.n_para;
    if let Some(cell) = flow.cell() {
        if !cell.is_empty() && !p.inlines.is_empty() {
            cell.push(Inline::Break);
        }
        cell.extend(p.inlines);
    } else if flow.in_box > 0 {
        if !p.inlines.is_empty() {
            out.dropped.push((line, boxed()));
            flow.boxed.push(Block::Para {
                kind: Kind::Normal,
                inlines: p.inlines,
                line,
            });
        }
    } else {
        out.blocks.push(Block::Para {
            kind,
            inlines: p.inlines,
            line,
        });
        if flow.paras.is_empty() {
            out.blocks.append(&mut flow.boxed);
        }
    }
}

/// A table ends: into the outer table's cell (its cells' text in order), after its text box's
/// anchor, or into the body.
fn end_table(flow: &mut Flow, out: &mut Docx) {
    let Some(t) = flow.tables.pop() else {
        return;
    };
    let rows: Vec<Vec<Vec<Inline>>> = t.rows.into_iter().filter(|r| !r.is_empty()).collect();
    if let Some(cell) = flow.cell() {
        for c in rows.into_iter().flatten() {
            if !cell.is_empty() {
                cell.push(Inline::Break);
            }
            cell.extend(c);
        }
        return;
    }
    let block = Block::Table { rows, line: t.line };
    if flow.in_box > 0 {
        out.dropped.push((t.line, boxed()));
        flow.boxed.push(block);
    } else {
        out.blocks.push(block);
    }
}

/// Elements that may come as start or empty tags: run and paragraph properties, images.
fn start_or_empty(
    e: &BytesStart,
    paras: &mut [Para],
    in_rpr: bool,
    bold: &mut bool,
    italic: &mut bool,
    rels: &HashMap<String, String>,
    out: &mut Docx,
) {
    let Some(p) = paras.last_mut() else { return };
    match e.name().as_ref() {
        "w:b" if in_rpr => *bold = on(e),
        "w:i" if in_rpr => *italic = on(e),
        "w:pStyle" => p.style = attr(e, "w:val"),
        "w:outlineLvl" => p.outline = attr(e, "w:val").and_then(|v| v.parse().ok()),
        "w:ilvl" => p.ilvl = attr(e, "w:val").and_then(|v| v.parse().ok()),
        "w:numId" => p.num_id = attr(e, "w:val"),
        "wp:docPr" => {
            // The alt text of the image that follows.
            let alt = attr(e, "descr").unwrap_or_default();
            p.inlines.push(Inline::Image {
                file: String::new(),
                alt,
            });
        }
        "a:blip" | "v:imagedata" => {
            let id = attr(e, "r:embed").or_else(|| attr(e, "r:id"));
            let Some(target) = id.and_then(|id| rels.get(&id)) else {
                return;
            };
            let file = target.rsplit('/').next().unwrap_or(target).to_string();
            match p.inlines.last_mut() {
                Some(Inline::Image { file: f, .. }) if f.is_empty() => *f = file,
                _ => p.inlines.push(Inline::Image {
                    file,
                    alt: String::new(),
                }),
            }
            let _ = out;
        }
        _ => {}
    }
}

fn push_text(
    paras: &mut [Para],
    link: &mut Option<(String, String)>,
    text: &str,
    bold: bool,
    italic: bool,
) {
    if let Some((_, t)) = link.as_mut() {
        t.push_str(text);
        return;
    }
    if let Some(p) = paras.last_mut() {
        // An image placeholder with no picture found becomes nothing.
        if matches!(p.inlines.last(), Some(Inline::Image { file, .. }) if file.is_empty()) {
            p.inlines.pop();
        }
        p.inlines.push(Inline::Text {
            text: text.to_string(),
            bold,
            italic,
        });
    }
}

/// What Word draws before the paragraph: from its own `w:numPr`, else its style's.
fn label(
    p: &Para,
    styles: &HashMap<String, Style>,
    numbering: &Numbering,
    lists: &mut Lists,
) -> Option<Label> {
    let from_style = p.style.as_deref().and_then(|s| style_numbering(styles, s));
    let id = p
        .num_id
        .clone()
        .or_else(|| from_style.as_ref().map(|x| x.0.clone()))?;
    if id == "0" {
        return None;
    }
    let level = p.ilvl.or(from_style.and_then(|x| x.1)).unwrap_or_else(|| {
        p.style
            .as_deref()
            .map_or(0, |s| numbering.level_of_style(&id, s))
    });
    numbering.label(lists, &id, level)
}

/// A heading by its outline level or style; a numbered paragraph whose level draws a bullet,
/// or a number without a text template, is a list item; the rest are paragraphs (a number
/// Word draws is text now, for the structure rules to read).
fn paragraph_kind(p: &Para, styles: &HashMap<String, Style>, label: Option<&Label>) -> Kind {
    if let Some(o) = p.outline.filter(|o| *o < 9) {
        return Kind::Heading((o + 1).min(5));
    }
    if let Some(k) = p.style.as_deref().and_then(|s| style_kind(styles, s)) {
        return k;
    }
    match label {
        Some(Label::Bullet(depth)) => Kind::Item {
            ordered: false,
            depth: *depth,
        },
        Some(Label::Untemplated(depth)) => Kind::Item {
            ordered: true,
            depth: *depth,
        },
        _ => Kind::Normal,
    }
}
