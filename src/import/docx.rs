//! Word (.docx) documents as paragraphs: the zip's document XML read with quick-xml into the
//! blocks the text converter takes — headings (styles and outline levels), bold and italic runs,
//! lists, tables, footnotes, images and hyperlinks. Tracked deletions, comments and text boxes
//! are handled as CJK.md says: the accepted text is kept, and what was dropped or moved is told.

use super::text::{Block, Inline, Kind};
use crate::diag::Diagnostic;
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
    pub dropped: Vec<(usize, String)>,
}

type Zip<'a> = crate::zipread::ZipReader<std::io::Cursor<&'a [u8]>>;

const RESAVE: &str = "open it in Word or WPS and save it again as .docx";

/// A part of the package as text, read within the .docx limits; `None` if it has none.
fn part(zip: &mut Zip, file: &Path, name: &str) -> Result<Option<String>, Diagnostic> {
    let Some(bytes) = zip.read(name).map_err(resave)? else {
        return Ok(None);
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Diagnostic::new(file, format!("{name} in it is not UTF-8 text")).hint(RESAVE))
}

/// A damaged entry is worth saving again from Word; a refused one keeps its own hint.
fn resave(e: crate::zipread::EntryError) -> Diagnostic {
    match e {
        crate::zipread::EntryError::Damaged(d) => d.hint(RESAVE),
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
            Diagnostic::new(file, format!("not a Word .docx file ({})", d.message)).hint(RESAVE)
        } else {
            d
        }
    })?;
    let mut part = |name: &str| part(&mut zip, file, name);
    let doc = part("word/document.xml")?.ok_or_else(|| {
        Diagnostic::new(file, "not a Word .docx file (it has no word/document.xml)").hint(RESAVE)
    })?;
    let rels = part("word/_rels/document.xml.rels")?
        .map(|x| relationships(&x))
        .unwrap_or_default();
    let styles = part("word/styles.xml")?
        .map(|x| styles(&x))
        .unwrap_or_default();
    let numbering = part("word/numbering.xml")?
        .map(|x| numbering(&x))
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
        .map_err(|m| Diagnostic::new(file, m).hint(RESAVE))?;
    if let Some(c) = part("word/comments.xml")? {
        let n = c.matches("<w:comment ").count();
        if n > 0 {
            out.dropped.push((
                0,
                format!("{n} comment(s) not imported (they are not part of the text)"),
            ));
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

/// numId → per level: ordered?
fn numbering(xml: &str) -> HashMap<String, Vec<bool>> {
    let mut abstracts: HashMap<String, Vec<bool>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut cur_abs: Option<String> = None;
    let mut cur_num: Option<String> = None;
    let mut lvl: usize = 0;
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:abstractNum" => cur_abs = attr(&e, "w:abstractNumId"),
                "w:lvl" => lvl = attr(&e, "w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                "w:numFmt" => {
                    if let Some(a) = &cur_abs {
                        let fmt = attr(&e, "w:val").unwrap_or_default();
                        let levels = abstracts.entry(a.clone()).or_default();
                        if levels.len() <= lvl {
                            levels.resize(lvl + 1, true);
                        }
                        levels[lvl] = fmt != "bullet" && fmt != "none";
                    }
                }
                "w:num" => cur_num = attr(&e, "w:numId"),
                "w:abstractNumId" => {
                    if let (Some(n), Some(a)) = (&cur_num, attr(&e, "w:val")) {
                        nums.insert(n.clone(), a);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:abstractNum" => cur_abs = None,
                "w:num" => cur_num = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    nums.into_iter()
        .filter_map(|(n, a)| abstracts.get(&a).map(|l| (n, l.clone())))
        .collect()
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

fn entity(g: &quick_xml::events::BytesRef) -> String {
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
    num: Option<(String, usize)>,
    inlines: Vec<Inline>,
}

/// A table being read: rows of cells of inline runs.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<Inline>>>,
    line: usize,
}

fn body(
    xml: &str,
    rels: &HashMap<String, String>,
    styles: &HashMap<String, Style>,
    numbering: &HashMap<String, Vec<bool>>,
    out: &mut Docx,
) -> Result<(), String> {
    let mut r = Reader::from_str(xml);
    // Paragraphs nest (a text box's paragraphs sit inside a run of the outer one).
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // Text boxes' paragraphs, placed after the paragraph that holds them.
    let mut boxed: Vec<Block> = Vec::new();
    let mut n_para = 0usize;
    let (mut bold, mut italic, mut in_rpr, mut in_ppr, mut in_t) =
        (false, false, false, false, false);
    // Inside these, content is skipped: deletions, moved-away text, field codes, fallbacks.
    let mut skip = 0usize;
    let mut deleted = String::new();
    let mut in_box = 0usize;
    let mut link: Option<(String, String)> = None;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("the document XML is damaged: {e}"))?;
        match ev {
            Event::Start(e) => {
                let name = e.name();
                let n = name.as_ref();
                if skip > 0 {
                    if matches!(n, "w:del" | "w:moveFrom" | "mc:Fallback" | "w:instrText") {
                        skip += 1;
                    }
                    if n == "w:delText" {
                        in_t = true;
                    }
                    continue;
                }
                match n {
                    "w:del" | "w:moveFrom" | "mc:Fallback" | "w:instrText" => skip = 1,
                    "w:p" => {
                        n_para += 1;
                        paras.push(Para::default());
                    }
                    "w:pPr" => in_ppr = true,
                    "w:r" => (bold, italic) = (false, false),
                    "w:rPr" if !in_ppr => in_rpr = true,
                    "w:t" => in_t = true,
                    "w:tbl" => tables.push(Table {
                        line: n_para + 1,
                        ..Default::default()
                    }),
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "w:tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(Vec::new());
                        }
                    }
                    "w:txbxContent" => in_box += 1,
                    "w:hyperlink" => {
                        link = attr(&e, "r:id")
                            .and_then(|id| rels.get(&id).cloned())
                            .map(|url| (url, String::new()));
                    }
                    _ => start_or_empty(&e, &mut paras, in_rpr, &mut bold, &mut italic, rels, out),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                start_or_empty(&e, &mut paras, in_rpr, &mut bold, &mut italic, rels, out);
                if !in_ppr && !in_rpr {
                    let inline = match e.name().as_ref() {
                        "w:br" if attr(&e, "w:type").is_none_or(|t| t == "textWrapping") => {
                            Some(Inline::Break)
                        }
                        "w:cr" => Some(Inline::Break),
                        "w:tab" => Some(Inline::plain(" ")),
                        "w:noBreakHyphen" => Some(Inline::plain("-")),
                        "w:footnoteReference" => attr(&e, "w:id").map(Inline::Note),
                        _ => None,
                    };
                    if let (Some(i), Some(p)) = (inline, paras.last_mut()) {
                        p.inlines.push(i);
                    }
                }
            }
            Event::Text(t) if in_t => {
                let text = t.xml10_content();
                if skip > 0 {
                    deleted.push_str(&text);
                } else {
                    push_text(&mut paras, &mut link, &text, bold, italic);
                }
            }
            Event::GeneralRef(g) if in_t => {
                let text = entity(&g);
                if skip > 0 {
                    deleted.push_str(&text);
                } else {
                    push_text(&mut paras, &mut link, &text, bold, italic);
                }
            }
            Event::End(e) => {
                let name = e.name();
                let n = name.as_ref();
                if skip > 0 {
                    if matches!(n, "w:del" | "w:moveFrom" | "mc:Fallback" | "w:instrText") {
                        skip -= 1;
                    }
                    if n == "w:delText" {
                        in_t = false;
                    }
                    continue;
                }
                match n {
                    "w:t" => in_t = false,
                    "w:pPr" => in_ppr = false,
                    "w:rPr" => in_rpr = false,
                    "w:txbxContent" => in_box = in_box.saturating_sub(1),
                    "w:hyperlink" => {
                        if let (Some((url, text)), Some(p)) = (link.take(), paras.last_mut()) {
                            p.inlines.push(Inline::Link { text, url });
                        }
                    }
                    "w:p" => {
                        let Some(mut p) = paras.pop() else { continue };
                        p.inlines.retain(
                            |i| !matches!(i, Inline::Image { file, .. } if file.is_empty()),
                        );
                        let kind = paragraph_kind(&p, styles, numbering);
                        let block_line = n_para;
                        if in_box > 0 {
                            // A text box's paragraph: its text, after the outer paragraph.
                            if !p.inlines.is_empty() {
                                out.dropped.push((
                                    block_line,
                                    "text box: its text was placed after the paragraph holding it; check the order".into(),
                                ));
                                boxed.push(Block::Para {
                                    kind: Kind::Normal,
                                    inlines: p.inlines,
                                    line: block_line,
                                });
                            }
                        } else if let Some(cell) = tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            if !cell.is_empty() && !p.inlines.is_empty() {
                                cell.push(Inline::Break);
                            }
                            cell.extend(p.inlines);
                        } else {
                            out.blocks.push(Block::Para {
                                kind,
                                inlines: p.inlines,
                                line: block_line,
                            });
                            if paras.is_empty() {
                                out.blocks.append(&mut boxed);
                            }
                        }
                    }
                    "w:tbl" => {
                        if let Some(t) = tables.pop() {
                            let block = Block::Table {
                                rows: t.rows.into_iter().filter(|r| !r.is_empty()).collect(),
                                line: t.line,
                            };
                            match tables
                                .last_mut()
                                .and_then(|o| o.rows.last_mut())
                                .and_then(|r| r.last_mut())
                            {
                                // A table in a table: its cells' text, in order, in the outer cell.
                                Some(cell) => {
                                    if let Block::Table { rows, .. } = block {
                                        for c in rows.into_iter().flatten() {
                                            if !cell.is_empty() {
                                                cell.push(Inline::Break);
                                            }
                                            cell.extend(c);
                                        }
                                    }
                                }
                                None => out.blocks.push(block),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let deleted = deleted.trim();
    if !deleted.is_empty() {
        let sample: String = deleted.chars().take(30).collect();
        out.dropped.push((
            0,
            format!(
                "tracked deletions not imported ({} characters, e.g. “{sample}”): the accepted text was kept",
                deleted.chars().count()
            ),
        ));
    }
    Ok(())
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
        "w:ilvl" => {
            let l = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
            p.num = Some((p.num.take().map(|n| n.0).unwrap_or_default(), l));
        }
        "w:numId" => {
            let id = attr(e, "w:val").unwrap_or_default();
            let l = p.num.as_ref().map_or(0, |n| n.1);
            p.num = (id != "0").then_some((id, l));
        }
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

fn paragraph_kind(
    p: &Para,
    styles: &HashMap<String, Style>,
    numbering: &HashMap<String, Vec<bool>>,
) -> Kind {
    if let Some(o) = p.outline.filter(|o| *o < 9) {
        return Kind::Heading((o + 1).min(5));
    }
    if let Some(k) = p.style.as_deref().and_then(|s| style_kind(styles, s)) {
        return k;
    }
    if let Some((id, depth)) = &p.num {
        let ordered = numbering
            .get(id)
            .and_then(|l| l.get(*depth).copied())
            .unwrap_or(true);
        return Kind::Item {
            ordered,
            depth: *depth,
        };
    }
    Kind::Normal
}
