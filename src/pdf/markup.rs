//! The whole book as one Typst text, made from the site model: the settings (`hb`: fonts,
//! metadata, cover), the typography of book.typ, the cover, the 目录, then every document in
//! the site's section order under its section's heading. It also lists the images the text
//! names and where each document's markup starts, to report Typst's errors at the document.

use super::body::{self, escape, string, Covered};
use super::fonts::Faces;
use crate::diag::Diagnostic;
use crate::site::{urls, Doc, Site};
use crate::source::date::DocDate;
use std::collections::HashMap;
use std::path::PathBuf;

/// The typography, shared by every book.
const BOOK_TYP: &str = include_str!("book.typ");

/// The Typst text of a book and what it refers to.
pub(crate) struct Book {
    pub text: String,
    /// Path in the Typst world → the file on disk.
    pub images: Vec<(String, PathBuf)>,
    /// Where each document's markup starts in `text` (ascending), with its index in the site
    /// and its marks (markup offset → Markdown offset), for errors.
    pub regions: Vec<Region>,
    /// Characters no font has, at their documents' lines.
    pub warnings: Vec<Diagnostic>,
    /// Documents in the book, in order.
    pub order: Vec<usize>,
}

pub(crate) struct Region {
    /// Where the document's page break and title start.
    pub start: usize,
    /// Where its body's markup starts (the marks count from here).
    pub body: usize,
    pub doc: usize,
    pub marks: Vec<(usize, usize)>,
}

/// The document (index in the site) and Markdown offset of a byte of the book's text.
pub(crate) fn locate(book: &Book, offset: usize) -> Option<(usize, usize)> {
    let k = book
        .regions
        .partition_point(|r| r.start <= offset)
        .checked_sub(1)?;
    let r = &book.regions[k];
    let within = offset.saturating_sub(r.body);
    let m = r.marks.partition_point(|m| m.0 <= within);
    let md = m.checked_sub(1).map_or(0, |m| r.marks[m].1);
    Some((r.doc, md))
}

/// What the cover says besides the site.
pub(crate) struct Cover<'a> {
    pub selection: &'a crate::Selection,
    /// The day it was compiled (编印).
    pub dated: chrono::NaiveDate,
}

pub(crate) fn book(site: &Site, faces: &Faces, covered: &Covered, cover: &Cover) -> Book {
    let order: Vec<usize> = site
        .sections
        .iter()
        .flat_map(|s| s.docs.iter().copied())
        .collect();
    let mut text = settings(site, faces, covered, cover, &order);
    text.push_str(BOOK_TYP);
    text.push_str("\n#cover()\n#pagebreak(to: \"odd\")\n#contents()\n");
    // The body from an odd page, numbered from 1 (set on that page: an update before the
    // break would leave a page of its own).
    text.push_str("#pagebreak(to: \"odd\")\n#set page(footer: folio)\n");
    let mut first = true;
    let labels = DocLabels::of(site);
    let mut images = Images::of(site);
    let mut regions = Vec::new();
    let mut warnings = Vec::new();
    for (k, s) in site.sections.iter().enumerate() {
        if s.docs.is_empty() {
            continue;
        }
        text.push_str(&format!(
            "\n#pagebreak(weak: true)\n{}#heading(level: 1, outlined: true, bookmarked: true)[{}]<s{k}>\n",
            if std::mem::take(&mut first) { "#counter(page).update(1)\n" } else { "" },
            escape(&s.title)
        ));
        for (n, &i) in s.docs.iter().enumerate() {
            let d = &site.docs[i];
            let start = text.len();
            // The section's heading (placed, not printed) already stands at the top of the
            // page its first document opens.
            if n > 0 {
                text.push_str("\n#pagebreak(weak: true)");
            }
            text.push_str(&doc_head(i, d));
            let body_at = text.len();
            let mut image = |dest: &str| images.register(d, dest);
            let mut cx = body::Context {
                opts: crate::markdown::Options::from(&site.config.markdown),
                covered,
                doc_label: &|dest: &str| labels.label(d, dest),
                image: &mut image,
                prefix: format!("n{i}-"),
                sheets: &|s| d.src.sheet(s),
            };
            let converted = body::convert(&d.src.body, &mut cx);
            text.push_str(&converted.markup);
            warnings.extend(missing(d, &converted.missing));
            regions.push(Region {
                start,
                body: body_at,
                doc: i,
                marks: converted.marks,
            });
        }
    }
    Book {
        text,
        images: images.list,
        regions,
        warnings,
        order,
    }
}

/// A document's title (its bookmark and 目录 entry) and byline.
fn doc_head(i: usize, d: &Doc) -> String {
    let fm = &d.fm;
    let mut names: Vec<&str> = Vec::new();
    for n in [
        fm.speaker.as_deref().or(fm.author.as_deref()),
        fm.unit.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        if !n.trim().is_empty() && !names.contains(&n) {
            names.push(n);
        }
    }
    let byline = format!("{}（{}）", names.join("　"), fm.date.zh());
    format!(
        "\n#heading(level: 2, outlined: true, bookmarked: true)[{}]<d{i}>\n#byline[{}]\n\n",
        escape(&fm.title),
        escape(&byline)
    )
}

/// `#let hb = (…)`: the fonts chosen, the PDF's metadata and what the cover says.
fn settings(
    site: &Site,
    faces: &Faces,
    covered: &Covered,
    cover: &Cover,
    order: &[usize],
) -> String {
    let pdf = &site.config.pdf;
    let title = pdf
        .title
        .clone()
        .unwrap_or_else(|| site.config.title.clone());
    let list = |v: &[String]| {
        let items: Vec<String> = v.iter().map(|f| string(f)).collect();
        format!("({},)", items.join(", "))
    };
    let sections: Vec<&str> = site
        .sections
        .iter()
        .filter(|s| !s.docs.is_empty())
        .map(|s| s.title.as_str())
        .collect();
    let lines = cover_lines(site, cover, order);
    let mut subject = sections.join("、");
    for l in &lines {
        subject.push_str(" · ");
        subject.push_str(l);
    }
    let issuer = pdf.issuer.as_deref().filter(|s| !s.trim().is_empty());
    let lines: Vec<String> = lines.iter().map(|l| string(l)).collect();
    format!(
        "#let hb = (\n  title: {},\n  author: ({}),\n  subject: {},\n  keywords: ({}),\n  \
         fonts: (body: {}, title: {}, hei: {}, kai: {}, song: {}, mono: {}),\n  title-weight: {},\n  \
         markers: ({}),\n  \
         cover: (title: {}, lines: ({}), issuer: {}, compiled: {}),\n)\n",
        string(&title),
        issuer.map(|i| format!("{},", string(i))).unwrap_or_default(),
        string(&subject),
        sections.iter().map(|s| string(s) + ",").collect::<String>(),
        list(&faces.lists[0]),
        list(&faces.lists[1]),
        list(&faces.lists[2]),
        list(&faces.lists[3]),
        list(&faces.lists[4]),
        list(&faces.mono),
        if faces.title_bold { "\"bold\"" } else { "\"regular\"" },
        markers(covered),
        string(&title),
        lines.iter().map(|l| l.clone() + ",").collect::<String>(),
        issuer.map_or("none".into(), string),
        string(&format!("{}编印", zh_date(cover.dated))),
    )
}

/// 2023年9月1日.
fn zh_date(d: chrono::NaiveDate) -> String {
    DocDate {
        date: d,
        time: None,
        offset: None,
    }
    .zh()
}

/// List markers by depth that some font draws (Typst's own `‣` is in no CJK font).
fn markers(covered: &Covered) -> String {
    let one = |choices: &[&str]| string(covered.pick(choices)) + ",";
    [
        one(&["•", "·", "-"]),
        one(&["◦", "○", "-"]),
        one(&["▪", "■", "-"]),
    ]
    .concat()
}

/// The cover's lines under the title: the batches and the dates covered.
fn cover_lines(site: &Site, cover: &Cover, order: &[usize]) -> Vec<String> {
    let mut batches: Vec<u32> = order
        .iter()
        .filter_map(|&i| site.docs[i].fm.batch)
        .collect();
    batches.sort_unstable();
    batches.dedup();
    let mut lines = Vec::new();
    if let Some(b) = cover.selection.batch {
        lines.push(crate::zh::batch_label(b));
    } else if !batches.is_empty() {
        let labels: Vec<String> = batches.into_iter().map(crate::zh::batch_label).collect();
        lines.push(labels.join("、"));
    }
    let dates = order.iter().map(|&i| &site.docs[i].fm.date);
    let first = dates.clone().min_by_key(|d| d.date);
    let last = dates.max_by_key(|d| d.date);
    if let (Some(a), Some(b)) = (first, last) {
        lines.push(if a.date == b.date {
            a.zh()
        } else {
            format!("{}至{}", a.zh(), b.zh())
        });
    }
    lines
}

/// Links between documents of the book: a link's destination to the target's label.
struct DocLabels {
    by_rel: HashMap<String, usize>,
}

impl DocLabels {
    fn of(site: &Site) -> DocLabels {
        let by_rel = (site.docs.iter().enumerate())
            .map(|(i, d)| (d.rel.clone(), i))
            .collect();
        DocLabels { by_rel }
    }

    /// `../guides/x.md#part` from `d` → `d7`, when x is in the book.
    fn label(&self, d: &Doc, dest: &str) -> Option<String> {
        let path = dest.split('#').next().unwrap_or("");
        if !path.ends_with(".md") || path.starts_with('/') || path.contains(':') {
            return None;
        }
        let target = urls::join_relative(&d.rel, &urls::percent_decode(path))?;
        self.by_rel.get(&target).map(|j| format!("d{j}"))
    }
}

/// The images the book shows: only files the site itself has (bundle files and loose files
/// of content/, as the build found them), each under a path of its own in the Typst world.
struct Images {
    files: HashMap<String, PathBuf>,
    given: HashMap<PathBuf, String>,
    list: Vec<(String, PathBuf)>,
}

/// Formats Typst decodes.
const IMAGE_TYPES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg"];

impl Images {
    fn of(site: &Site) -> Images {
        let mut files: HashMap<String, PathBuf> = (site.loose.iter())
            .map(|f| (f.rel.clone(), f.path.clone()))
            .collect();
        for d in &site.docs {
            if let Some(dir) = d.rel.strip_suffix("index.md") {
                for a in &d.attachments {
                    files.insert(format!("{dir}{}", a.name), a.path.clone());
                }
            }
        }
        Images {
            files,
            given: HashMap::new(),
            list: Vec::new(),
        }
    }

    fn register(&mut self, d: &Doc, dest: &str) -> Option<String> {
        let path = dest.split(['#', '?']).next().unwrap_or("");
        if path.starts_with('/') || path.contains(':') {
            return None;
        }
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        if !IMAGE_TYPES.contains(&ext.as_str()) {
            return None;
        }
        let target = urls::join_relative(&d.rel, &urls::percent_decode(path))?;
        let real = self.files.get(&target)?.clone();
        if let Some(v) = self.given.get(&real) {
            return Some(v.clone());
        }
        let v = format!("/img/{}.{ext}", self.list.len());
        self.given.insert(real.clone(), v.clone());
        self.list.push((v.clone(), real));
        Some(v)
    }
}

/// One warning per character a document has that no font draws, at its first line.
fn missing(d: &Doc, found: &[(usize, char)]) -> Vec<Diagnostic> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for &(offset, c) in found {
        if seen.contains(&c) {
            continue;
        }
        seen.push(c);
        let (line, col) = crate::diag::line_col(&d.src.body, offset);
        out.push(
            Diagnostic::tr(
                &d.path,
                crate::msg!(
                    "pdf-char-no-font",
                    char = c.to_string(),
                    code = format!("{:04X}", c as u32)
                ),
            )
            .at(d.body_line + line - 1, col)
            .hint_tr(crate::msg!("pdf-char-no-font-hint")),
        );
    }
    out
}
