//! OpenDocument text (.odt, as LibreOffice, WPS and the Kylin/UOS desktops save it): the zip's
//! content.xml read with quick-xml into the same blocks a .docx gives — headings by outline
//! level, lists with the numbers their list styles draw, tables, footnotes, images, links, and
//! bold and italic from the (automatic) styles. Tracked deletions, comments, indexes and
//! embedded objects are not text of the document: they are left out, and the report says so.

use super::docx::Docx;
use super::numbering::{Counters, Format, Label, LEVELS};
use super::odt_styles::{attr, Styles};
use super::text::{Block, Inline, Kind};
use crate::diag::Diagnostic;
use crate::i18n::Msg;
use crate::msg;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::Path;

type Zip<'a> = crate::zipread::ZipReader<std::io::Cursor<&'a [u8]>>;

/// The hint for a file LibreOffice or WPS can repair.
fn resave_hint() -> Msg {
    msg!("odt-resave-hint")
}

/// A part of the package as text; `None` if it has none.
fn part(zip: &mut Zip, file: &Path, name: &str) -> Result<Option<String>, Diagnostic> {
    let bytes = match zip.read(name) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(None),
        Err(crate::zipread::EntryError::Damaged(d)) => return Err(d.hint_tr(resave_hint())),
        Err(crate::zipread::EntryError::Limit(d)) => return Err(d),
    };
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Diagnostic::tr(file, msg!("docx-part-not-utf8", name = name)).hint_tr(resave_hint())
    })
}

/// Reads the .odt at `file` (its bytes already read), within the zip limits of a .docx.
pub(crate) fn read(file: &Path, bytes: &[u8]) -> Result<Docx, Diagnostic> {
    let mut zip = crate::zipread::open_bytes(file, bytes, crate::zipread::DOCX).map_err(|d| {
        if d.code == crate::diag::Code::ZipDamaged {
            Diagnostic::tr(file, msg!("odt-not-odt", why = d.message_tr())).hint_tr(resave_hint())
        } else {
            d
        }
    })?;
    check_kind(&mut zip, file)?;
    let mut styles = Styles::default();
    if let Some(x) = part(&mut zip, file, "styles.xml")? {
        styles.read(&x);
    }
    let Some(content) = part(&mut zip, file, "content.xml")? else {
        if zip.read("word/document.xml").is_ok_and(|d| d.is_some()) {
            return Err(Diagnostic::tr(file, msg!("odt-is-docx")).hint_tr(msg!("odt-is-docx-hint")));
        }
        return Err(Diagnostic::tr(file, msg!("odt-no-content")).hint_tr(resave_hint()));
    };
    styles.read(&content);
    let mut out = Docx {
        blocks: Vec::new(),
        notes: Vec::new(),
        images: Vec::new(),
        dropped: Vec::new(),
    };
    let mut body = Body::new(&styles);
    body.run(&content, &mut out)
        .map_err(|m| Diagnostic::tr(file, m).hint_tr(resave_hint()))?;
    body.report(&mut out);
    out.images = images(&mut zip, &out.blocks, &body.pictures)?;
    drop_missing_pictures(&mut out);
    Ok(out)
}

/// Refuses a package that is not a text document (a spreadsheet renamed .odt) or whose
/// content is encrypted (its XML would read as noise).
fn check_kind(zip: &mut Zip, file: &Path) -> Result<(), Diagnostic> {
    if let Some(m) = part(zip, file, "mimetype")? {
        let m = m.trim();
        if !m.starts_with("application/vnd.oasis.opendocument.text") {
            return Err(Diagnostic::tr(file, msg!("odt-other-kind", kind = m))
                .hint_tr(msg!("odt-other-kind-hint")));
        }
    }
    let manifest = part(zip, file, "META-INF/manifest.xml")?.unwrap_or_default();
    if manifest.contains("encryption-data") {
        return Err(Diagnostic::tr(file, msg!("odt-encrypted")).hint_tr(msg!("odt-encrypted-hint")));
    }
    Ok(())
}

/// The pictures the text shows, read from the package under their own file names.
fn images(
    zip: &mut Zip,
    blocks: &[Block],
    paths: &HashMap<String, String>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut wanted: Vec<&String> = blocks
        .iter()
        .flat_map(|b| match b {
            Block::Para { inlines, .. } => inlines.iter().collect::<Vec<_>>(),
            Block::Table { rows, .. } => rows.iter().flatten().flatten().collect(),
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
        let Some(path) = paths.get(file) else {
            continue;
        };
        match zip.read(path) {
            Ok(Some(bytes)) => out.push((file.clone(), bytes)),
            Ok(None) => {}
            Err(crate::zipread::EntryError::Damaged(d)) => return Err(d.hint_tr(resave_hint())),
            Err(crate::zipread::EntryError::Limit(d)) => return Err(d),
        }
    }
    Ok(out)
}

/// A picture the text names but the package lacks (a link out of it, a damaged file) would
/// be a broken image on the page: it is taken out, and the report says so.
fn drop_missing_pictures(out: &mut Docx) {
    let found: std::collections::HashSet<String> =
        out.images.iter().map(|(n, _)| n.clone()).collect();
    let mut missing = 0;
    let mut keep = |i: &Inline| match i {
        Inline::Image { file, .. } if !found.contains(file) => {
            missing += 1;
            false
        }
        _ => true,
    };
    for b in &mut out.blocks {
        match b {
            Block::Para { inlines, .. } => inlines.retain(&mut keep),
            Block::Table { rows, .. } => {
                rows.iter_mut().flatten().for_each(|c| c.retain(&mut keep))
            }
        }
    }
    if missing > 0 {
        out.dropped
            .push((0, msg!("odt-pictures-outside", n = missing)));
    }
}

/// A paragraph being read.
struct Para {
    /// `text:h`: its outline level.
    heading: Option<u8>,
    style: Option<String>,
    label: Option<Label>,
    inlines: Vec<Inline>,
    /// The last character written was white space (ODF collapses runs of it).
    space: bool,
    in_note: bool,
}

/// A table being read.
struct Table {
    rows: Vec<Vec<Vec<Inline>>>,
    line: usize,
    in_box: usize,
    in_note: bool,
    /// `table:number-rows-repeated` / `-columns-repeated` of the row and cell being read.
    repeat_row: usize,
    repeat_cell: usize,
}

/// An open `text:list`: the style its levels come from, its counters, its depth.
struct List {
    style: Option<String>,
    key: usize,
    level: usize,
    /// An item has begun and its first paragraph (the numbered one) has not come yet, with
    /// the item's `text:start-value`.
    pending: Option<Option<u32>>,
}

/// Elements whose content is not the document's running text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "text:tracked-changes"
            | "office:annotation"
            | "text:table-of-content"
            | "text:illustration-index"
            | "text:table-index"
            | "text:object-index"
            | "text:user-index"
            | "text:alphabetical-index"
            | "text:bibliography"
            | "text:note-citation"
            | "text:ruby-text"
            | "text:hidden-text"
            | "draw:object"
            | "draw:object-ole"
            | "office:forms"
    )
}

/// Frames and shapes whose paragraphs stand apart from the text around them.
fn is_box(name: &str) -> bool {
    matches!(
        name,
        "draw:text-box" | "draw:custom-shape" | "draw:rect" | "draw:ellipse"
    )
}

/// The reader of content.xml's body.
struct Body<'a> {
    styles: &'a Styles,
    paras: Vec<Para>,
    tables: Vec<Table>,
    /// Text boxes' paragraphs and tables, placed after the paragraph holding them.
    boxed: Vec<Block>,
    in_box: usize,
    n_para: usize,
    /// Open `text:span` styles, innermost last.
    spans: Vec<Option<String>>,
    link: Option<(String, String)>,
    /// The footnote being read: id and text.
    note: Option<(String, String)>,
    lists: Vec<List>,
    counters: Vec<Counters>,
    list_ids: HashMap<String, usize>,
    last_of_style: HashMap<String, usize>,
    outline: Counters,
    /// Depth inside skipped elements, and what was skipped.
    skip: usize,
    skipped: HashMap<&'static str, usize>,
    /// Inside `svg:title` / `svg:desc` of a frame whose picture was just placed.
    alt: Option<String>,
    /// Picture file name → its path in the package.
    pictures: HashMap<String, String>,
}

impl<'a> Body<'a> {
    fn new(styles: &'a Styles) -> Body<'a> {
        Body {
            styles,
            paras: Vec::new(),
            tables: Vec::new(),
            boxed: Vec::new(),
            in_box: 0,
            n_para: 0,
            spans: Vec::new(),
            link: None,
            note: None,
            lists: Vec::new(),
            counters: Vec::new(),
            list_ids: HashMap::new(),
            last_of_style: HashMap::new(),
            outline: Counters::default(),
            skip: 0,
            skipped: HashMap::new(),
            alt: None,
            pictures: HashMap::new(),
        }
    }

    fn run(&mut self, xml: &str, out: &mut Docx) -> Result<(), Msg> {
        let mut r = Reader::from_str(xml);
        loop {
            let ev = r
                .read_event()
                .map_err(|e| msg!("odt-xml-damaged", detail = e.to_string()))?;
            match ev {
                Event::Start(e) => self.start(&e, out),
                Event::Empty(e) => {
                    self.start(&e, out);
                    self.end(e.name().as_ref(), out);
                }
                Event::End(e) => self.end(e.name().as_ref(), out),
                Event::Text(t) => self.text(&t.xml10_content()),
                Event::GeneralRef(g) => self.text(&super::docx::entity(&g)),
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart, out: &mut Docx) {
        let name = e.name();
        let n = name.as_ref();
        if self.skip > 0 || skipped(n) {
            if self.skip == 0 {
                let what = match n {
                    "text:tracked-changes" => None,
                    "text:note-citation" | "text:ruby-text" | "text:hidden-text" => None,
                    "office:annotation" => Some("comment"),
                    "draw:object" | "draw:object-ole" => Some("object"),
                    _ => Some("index"),
                };
                if let Some(w) = what {
                    *self.skipped.entry(w).or_default() += 1;
                }
            }
            if n == "text:deletion" {
                *self.skipped.entry("deletion").or_default() += 1;
            }
            self.skip += 1;
            return;
        }
        match n {
            "text:p" | "text:h" => self.start_paragraph(e, n == "text:h"),
            "text:span" => self.spans.push(attr(e, "text:style-name")),
            "text:a" => {
                self.link = attr(e, "xlink:href").map(|u| (u, String::new()));
            }
            "text:s" => {
                let n = attr(e, "text:c").and_then(|v| v.parse().ok()).unwrap_or(1);
                self.push(&" ".repeat(n.clamp(1, 100)), true);
            }
            "text:tab" => self.push(" ", true),
            "text:line-break" => {
                if let Some(p) = self.paras.last_mut() {
                    p.inlines.push(Inline::Break);
                    p.space = true;
                }
            }
            "text:note" => {
                let id = attr(e, "text:id").unwrap_or_else(|| format!("n{}", out.notes.len() + 1));
                if let Some(p) = self.paras.last_mut() {
                    p.inlines.push(Inline::Note(id.clone()));
                }
                self.note = Some((id, String::new()));
            }
            "draw:image" => self.image(e),
            // A frame's title and description are never running text; the first that a
            // picture just placed can take is its alt text.
            "svg:title" | "svg:desc" => self.alt = Some(String::new()),
            _ if is_box(n) => self.in_box += 1,
            _ => self.start_structure(e, n),
        }
    }

    /// Lists and tables.
    fn start_structure(&mut self, e: &BytesStart, n: &str) {
        match n {
            "text:list" => self.start_list(e),
            "text:list-item" => {
                let start = attr(e, "text:start-value").and_then(|v| v.parse().ok());
                if let Some(l) = self.lists.last_mut() {
                    l.pending = Some(start);
                }
            }
            "text:list-header" => {
                if let Some(l) = self.lists.last_mut() {
                    l.pending = None;
                }
            }
            "table:table" => self.tables.push(Table {
                rows: Vec::new(),
                line: self.n_para + 1,
                in_box: self.in_box,
                in_note: self.note.is_some(),
                repeat_row: 1,
                repeat_cell: 1,
            }),
            "table:table-row" => {
                let repeat = repeat(e, "table:number-rows-repeated");
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                    t.repeat_row = repeat;
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeat = repeat(e, "table:number-columns-repeated");
                if let Some(t) = self.tables.last_mut() {
                    if let Some(row) = t.rows.last_mut() {
                        row.push(Vec::new());
                    }
                    t.repeat_cell = repeat;
                }
            }
            _ => {}
        }
    }

    fn start_list(&mut self, e: &BytesStart) {
        let named = attr(e, "text:style-name");
        if let Some(outer) = self.lists.last() {
            let list = List {
                style: named.or_else(|| outer.style.clone()),
                key: outer.key,
                level: outer.level + 1,
                pending: None,
            };
            self.lists.push(list);
            return;
        }
        // A list continues another (by its id, or the last of its style) or counts anew.
        let continued = attr(e, "text:continue-list")
            .and_then(|id| self.list_ids.get(&id).copied())
            .or_else(|| {
                (attr(e, "text:continue-numbering").as_deref() == Some("true"))
                    .then(|| {
                        named
                            .as_ref()
                            .and_then(|s| self.last_of_style.get(s))
                            .copied()
                    })
                    .flatten()
            });
        let key = continued.unwrap_or_else(|| {
            self.counters.push(Counters::default());
            self.counters.len() - 1
        });
        if let Some(id) = attr(e, "xml:id") {
            self.list_ids.insert(id, key);
        }
        if let Some(s) = &named {
            self.last_of_style.insert(s.clone(), key);
        }
        self.lists.push(List {
            style: named,
            key,
            level: 0,
            pending: None,
        });
    }

    fn start_paragraph(&mut self, e: &BytesStart, heading: bool) {
        self.n_para += 1;
        let style = attr(e, "text:style-name");
        let outline = attr(e, "text:outline-level").and_then(|v| v.parse::<u8>().ok());
        let heading = heading.then(|| {
            outline
                .or_else(|| {
                    style
                        .as_deref()
                        .and_then(|s| self.styles.find(s, |x| x.outline))
                })
                .unwrap_or(1)
        });
        let label = self.label(e, style.as_deref(), heading);
        self.paras.push(Para {
            heading,
            style,
            label,
            inlines: Vec::new(),
            space: true,
            in_note: self.note.is_some(),
        });
    }

    /// What the paragraph that starts shows before its text: the number of its list item
    /// (only an item's first paragraph has one), or its heading's outline number.
    fn label(
        &mut self,
        e: &BytesStart,
        para_style: Option<&str>,
        heading: Option<u8>,
    ) -> Option<Label> {
        let styles = self.styles;
        let Some(list) = self.lists.last_mut() else {
            return heading.and_then(|h| self.heading_label(e, h));
        };
        let start = list.pending.take()?;
        let (key, level) = (list.key, list.level.min(LEVELS - 1));
        // The list's style, else the one the paragraph's style names.
        let style = list
            .style
            .clone()
            .or_else(|| para_style.and_then(|s| styles.find(s, |x| x.list_style.clone())));
        let Some(levels) = style.and_then(|s| styles.lists.get(&s)) else {
            // Older writers wrap numbered headings in a list of the outline style.
            return match heading {
                Some(h) => self.heading_label(e, h),
                None => Some(Label::Bullet(level)),
            };
        };
        if levels[level].format == Format::Bullet {
            return Some(Label::Bullet(level));
        }
        let c = self.counters.get_mut(key)?;
        c.advance(levels, level, start);
        c.label(levels, level).map(Label::Number)
    }

    /// A heading's number from the outline style (none for a list header, or where the
    /// outline level draws nothing).
    fn heading_label(&mut self, e: &BytesStart, h: u8) -> Option<Label> {
        let levels = &self.styles.outline;
        if levels.is_empty() || attr(e, "text:is-list-header").as_deref() == Some("true") {
            return None;
        }
        let level = usize::from(h).clamp(1, LEVELS) - 1;
        let value = attr(e, "text:start-value")
            .and_then(|v| v.parse().ok())
            .or_else(|| {
                (attr(e, "text:restart-numbering").as_deref() == Some("true"))
                    .then_some(levels[level].start)
            });
        self.outline.advance(levels, level, value);
        self.outline.label(levels, level).map(Label::Number)
    }

    /// Text at the current place: a picture's alt text, a link's text, or the paragraph's,
    /// white space collapsed as OpenDocument says (runs to one space, none at the start).
    fn text(&mut self, t: &str) {
        if self.skip > 0 {
            return;
        }
        if let Some(a) = self.alt.as_mut() {
            a.push_str(t);
            return;
        }
        self.push(t, false);
    }

    fn push(&mut self, t: &str, literal: bool) {
        let (bold, italic) = self.format();
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let mut s = String::with_capacity(t.len());
        for c in t.chars() {
            if !literal && matches!(c, ' ' | '\t' | '\r' | '\n') {
                if !p.space {
                    s.push(' ');
                    p.space = true;
                }
            } else {
                s.push(c);
                p.space = c == ' ';
            }
        }
        if s.is_empty() {
            return;
        }
        if let Some((_, text)) = self.link.as_mut() {
            text.push_str(&s);
            return;
        }
        p.inlines.push(Inline::Text {
            text: s,
            bold,
            italic,
        });
    }

    /// Bold and italic here: the innermost span that says, else the paragraph's style.
    fn format(&self) -> (bool, bool) {
        let find = |get: fn(&super::odt_styles::Style) -> Option<bool>| {
            self.spans
                .iter()
                .rev()
                .flatten()
                .find_map(|s| self.styles.find(s, get))
                .or_else(|| {
                    self.paras
                        .last()
                        .and_then(|p| p.style.as_deref())
                        .and_then(|s| self.styles.find(s, get))
                })
                .unwrap_or(false)
        };
        (find(|s| s.bold), find(|s| s.italic))
    }

    /// `draw:image`: a picture of the package, shown where its frame stands.
    fn image(&mut self, e: &BytesStart) {
        let Some(href) = attr(e, "xlink:href") else {
            *self.skipped.entry("object").or_default() += 1;
            return;
        };
        let path = href.trim_start_matches("./").to_string();
        let name = path.rsplit('/').next().unwrap_or(&path);
        // Outside links and objects' stand-in pictures (no file extension) are not pictures
        // of the document.
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let Some(ext) = ext.filter(|e| !path.contains("://") && e.len() <= 5) else {
            *self.skipped.entry("object").or_default() += 1;
            return;
        };
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        // LibreOffice names pictures by a 40-digit hash: in the bundle they are image1.png,
        // image2.jpg … in the order they first appear, as in a .docx.
        let known = self
            .pictures
            .iter()
            .find(|(_, v)| **v == path)
            .map(|(k, _)| k.clone());
        let file = known.unwrap_or_else(|| format!("image{}.{ext}", self.pictures.len() + 1));
        self.pictures.insert(file.clone(), path);
        p.inlines.push(Inline::Image {
            file,
            alt: String::new(),
        });
        p.space = false;
    }

    fn end(&mut self, n: &str, out: &mut Docx) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match n {
            "text:p" | "text:h" => self.end_paragraph(out),
            "text:span" => {
                self.spans.pop();
            }
            "text:a" => {
                if let (Some((url, text)), Some(p)) = (self.link.take(), self.paras.last_mut()) {
                    p.inlines.push(Inline::Link { text, url });
                }
            }
            "text:note" => {
                if let Some((id, text)) = self.note.take() {
                    out.notes.push((id, text.trim().to_string()));
                }
            }
            "svg:title" | "svg:desc" => {
                let alt = self.alt.take().map(|a| a.trim().to_string());
                if let (Some(a), Some(Inline::Image { alt: slot, .. })) = (
                    alt,
                    self.paras.last_mut().and_then(|p| p.inlines.last_mut()),
                ) {
                    if slot.is_empty() {
                        *slot = a;
                    }
                }
            }
            "text:list" => {
                self.lists.pop();
            }
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(t) = self.tables.last_mut() {
                    let n = std::mem::replace(&mut t.repeat_cell, 1);
                    if let Some(row) = t.rows.last_mut() {
                        // Repeats stop at a width no document table has: a file that asks
                        // for millions of cells in a few bytes gets no more than that.
                        let n = n.min(MAX_COLUMNS.saturating_sub(row.len()) + 1);
                        if let Some(cell) = row.last().cloned() {
                            row.extend(std::iter::repeat_n(cell, n - 1));
                        }
                    }
                }
            }
            "table:table-row" => {
                if let Some(t) = self.tables.last_mut() {
                    let n = std::mem::replace(&mut t.repeat_row, 1);
                    let n = n.min(MAX_ROWS.saturating_sub(t.rows.len()) + 1);
                    if let Some(row) = t.rows.last().cloned() {
                        t.rows.extend(std::iter::repeat_n(row, n - 1));
                    }
                }
            }
            "table:table" => self.end_table(out),
            _ if is_box(n) => self.in_box = self.in_box.saturating_sub(1),
            _ => {}
        }
    }

    /// The cell being read, if the innermost table is at this text-box depth.
    fn cell(&mut self) -> Option<&mut Vec<Inline>> {
        let in_box = self.in_box;
        self.tables
            .last_mut()
            .filter(|t| t.in_box == in_box && !t.in_note)
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.last_mut())
    }

    /// A paragraph ends: into its footnote, its table cell, after its text box's anchor, or
    /// into the body.
    fn end_paragraph(&mut self, out: &mut Docx) {
        let Some(mut p) = self.paras.pop() else {
            return;
        };
        if p.in_note {
            if let Some((_, text)) = self.note.as_mut() {
                text.push_str(&super::text::plain_of(&p.inlines));
            }
            return;
        }
        if let Some(Label::Number(n)) = &p.label {
            p.inlines.insert(0, Inline::plain(n.clone()));
        }
        let kind = match (p.heading, &p.label) {
            (Some(h), _) => Kind::Heading(h.clamp(1, 5)),
            _ if p.style.as_deref().is_some_and(|s| self.styles.is_title(s)) => Kind::Title,
            (None, Some(Label::Bullet(depth))) => Kind::Item {
                ordered: false,
                depth: *depth,
            },
            _ => Kind::Normal,
        };
        let line = self.n_para;
        if let Some(cell) = self.cell() {
            if !cell.is_empty() && !p.inlines.is_empty() {
                cell.push(Inline::Break);
            }
            cell.extend(p.inlines);
        } else if self.in_box > 0 {
            if !p.inlines.is_empty() {
                out.dropped.push((line, msg!("imp-text-box-moved")));
                self.boxed.push(Block::Para {
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
            if self.paras.is_empty() {
                out.blocks.append(&mut self.boxed);
            }
        }
    }

    /// A table ends: into the outer table's cell, after its text box's anchor, or the body.
    fn end_table(&mut self, out: &mut Docx) {
        let Some(t) = self.tables.pop() else {
            return;
        };
        if t.in_note {
            return;
        }
        let rows: Vec<Vec<Vec<Inline>>> = t.rows.into_iter().filter(|r| !r.is_empty()).collect();
        if let Some(cell) = self.cell() {
            for c in rows.into_iter().flatten() {
                if !cell.is_empty() {
                    cell.push(Inline::Break);
                }
                cell.extend(c);
            }
            return;
        }
        let block = Block::Table { rows, line: t.line };
        if self.in_box > 0 {
            out.dropped.push((t.line, msg!("imp-text-box-moved")));
            self.boxed.push(block);
        } else {
            out.blocks.push(block);
        }
    }

    /// What was left out, for the report.
    fn report(&self, out: &mut Docx) {
        let n = |k: &str| self.skipped.get(k).copied().unwrap_or(0);
        let said = [
            msg!("odt-deletions-dropped", n = n("deletion")),
            msg!("imp-comments-dropped", n = n("comment")),
            msg!("odt-indexes-dropped", n = n("index")),
            msg!("odt-objects-dropped", n = n("object")),
        ];
        let counts = [n("deletion"), n("comment"), n("index"), n("object")];
        for (count, m) in counts.into_iter().zip(said) {
            if count > 0 {
                out.dropped.push((0, m));
            }
        }
    }
}

/// Repeated cells and rows fill a table up to this size, no further.
const MAX_COLUMNS: usize = 256;
const MAX_ROWS: usize = 10_000;

/// A repeat count, kept within what a real table has.
fn repeat(e: &BytesStart, name: &str) -> usize {
    attr(e, name)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"";

    fn read(styles: &str, body: &str) -> Vec<String> {
        let mut s = Styles::default();
        s.read(&format!(
            "<office:document-styles {NS}><office:styles>{styles}</office:styles></office:document-styles>"
        ));
        let mut out = Docx {
            blocks: Vec::new(),
            notes: Vec::new(),
            images: Vec::new(),
            dropped: Vec::new(),
        };
        let xml = format!(
            "<office:document-content {NS}><office:body><office:text>{body}</office:text></office:body></office:document-content>"
        );
        Body::new(&s).run(&xml, &mut out).unwrap();
        out.blocks
            .iter()
            .map(|b| match b {
                Block::Para { inlines, kind, .. } => {
                    format!("{kind:?} {}", super::super::text::plain_of(inlines))
                }
                Block::Table { .. } => "table".into(),
            })
            .collect()
    }

    const STYLES: &str = "<text:outline-style style:name=\"Outline\">\
        <text:outline-level-style text:level=\"1\" style:num-format=\"一, 二, 三, ...\" style:num-suffix=\"、\"/>\
        </text:outline-style>\
        <text:list-style style:name=\"L\">\
        <text:list-level-style-number text:level=\"1\" style:num-format=\"一, 二, 三, ...\" style:num-prefix=\"（\" style:num-suffix=\"）\"/>\
        </text:list-style>";

    fn list(attrs: &str, items: &[&str]) -> String {
        let items: String = items
            .iter()
            .map(|i| format!("<text:list-item><text:p>{i}</text:p></text:list-item>"))
            .collect();
        format!("<text:list text:style-name=\"L\" {attrs}>{items}</text:list>")
    }

    #[test]
    fn lists_continue_restart_and_headings_take_the_outline_numbers() {
        let body = [
            "<text:h text:outline-level=\"1\">总体要求</text:h>".to_string(),
            list("xml:id=\"a\"", &["甲", "乙"]),
            "<text:p>插在中间</text:p>".to_string(),
            list("text:continue-numbering=\"true\"", &["丙"]),
            list("", &["新起"]),
            list("text:continue-list=\"a\"", &["接甲乙丙"]),
            "<text:list text:style-name=\"L\"><text:list-header><text:p>表头不编号</text:p></text:list-header><text:list-item text:start-value=\"9\"><text:p>从九</text:p><text:p>同一项第二段</text:p></text:list-item></text:list>".to_string(),
            "<text:h text:outline-level=\"1\" text:is-list-header=\"true\">不编号的标题</text:h>".to_string(),
            "<text:h text:outline-level=\"1\">工作步骤</text:h>".to_string(),
            "<text:p>  空白\n   合并 <text:s text:c=\"2\"/>两个</text:p>".to_string(),
        ]
        .concat();
        assert_eq!(
            read(STYLES, &body),
            [
                "Heading(1) 一、总体要求",
                "Normal （一）甲",
                "Normal （二）乙",
                "Normal 插在中间",
                "Normal （三）丙",
                "Normal （一）新起",
                "Normal （四）接甲乙丙",
                "Normal 表头不编号",
                "Normal （九）从九",
                "Normal 同一项第二段",
                "Heading(1) 不编号的标题",
                "Heading(1) 二、工作步骤",
                "Normal 空白 合并   两个",
            ]
        );
    }
}
