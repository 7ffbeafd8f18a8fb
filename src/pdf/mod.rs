//! `huibian pdf`: the printed 汇编 — one PDF/A-2b of the site or a part of it, typeset in
//! process by Typst after GB/T 9704-2012: a cover, a 目录 whose numbers are the printed ones,
//! every document from a new page, bookmarks per section and document, fonts embedded.
//!
//! ```text
//! site model (bodies kept) ─→ markup (book.typ + each body's Markdown events → Typst)
//!                          ─→ world (one source, system fonts, the site's images) ─→ typst ─→ typst-pdf
//! ```

mod body;
mod fonts;
mod markup;
mod world;

use crate::diag::{Code, Diagnostic, Failure};
use crate::i18n::Lang;
use crate::msg;
use crate::site::Site;
use crate::Selection;
use std::path::{Path, PathBuf};
use std::time::Instant;
use typst::WorldExt;
use typst_layout::PagedDocument;

pub struct Options {
    pub root: PathBuf,
    /// The PDF to write (default: <site>-<batch or all>.pdf in the site folder).
    pub output: Option<PathBuf>,
    pub selection: Selection,
    /// The language of the progress lines and warnings.
    pub lang: Lang,
}

pub struct Made {
    pub path: PathBuf,
    pub documents: usize,
    pub pages: usize,
    pub bytes: u64,
    pub seconds: f64,
    /// Each stage in order, as `--timings` shows it.
    pub stages: Vec<crate::Lap>,
}

/// A typeset book.
pub(crate) struct Typeset {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub documents: usize,
}

pub fn run(opts: &Options) -> Result<Made, Failure> {
    let start = Instant::now();
    let root = &opts.root;
    let one = |d: Diagnostic| Failure::one(d.relative_to(root));
    // The place is checked before the work, which takes a while.
    if let Some(o) = &opts.output {
        check_target(root, o).map_err(one)?;
    }
    let mut clock = crate::Stages::new();
    let site = crate::pipeline::model(root, &opts.selection)?;
    clock.lap("load+model");
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| root.join(default_name(&site, opts.selection.batch)));
    check_target(root, &output).map_err(one)?;
    let today = crate::source::date::DocDate::today().date;
    let book = typeset(root, &site, &opts.selection, today, &mut clock, opts.lang)?;
    // Renamed onto the path as given: a link there is replaced, never written through.
    crate::fsio::replace(&output, &book.bytes).map_err(one)?;
    clock.lap("write");
    Ok(Made {
        stages: clock.laps,
        path: output,
        documents: book.documents,
        pages: book.pages,
        bytes: book.bytes.len() as u64,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// The PDF may be written where no site file is, and over a file only if that is a PDF (the
/// book made last time), never over anything else someone keeps there.
fn check_target(root: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let at = crate::output::check_file_target(root, output)?;
    if std::fs::symlink_metadata(&at).is_err() {
        return Ok(at);
    }
    let mut f = crate::fsio::open(&at)?;
    let mut head = [0u8; 5];
    let is_pdf = std::io::Read::read_exact(&mut f, &mut head).is_ok() && &head == b"%PDF-";
    if !is_pdf {
        return Err(Diagnostic::tr(output, msg!("pdf-target-not-pdf"))
            .hint_tr(msg!("pdf-target-not-pdf-hint")));
    }
    Ok(at)
}

/// `<site slug>-<batch N or all>.pdf`.
fn default_name(site: &Site, batch: Option<u32>) -> String {
    let slug = crate::source::slug::slugify(&site.config.title);
    let slug = if slug.is_empty() {
        "huibian".into()
    } else {
        slug
    };
    match batch {
        Some(b) => format!("{slug}-batch{b}.pdf"),
        None => format!("{slug}-all.pdf"),
    }
}

/// The book of a selection as PDF bytes (`huibian archive` puts it beside print/).
/// `dated` is the day it says it was compiled (the archive's: its newest document's, so that
/// the same sources give the same bytes).
pub(crate) fn of_selection(
    root: &Path,
    selection: &Selection,
    dated: chrono::NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, Failure> {
    crate::diag::note!("{}", crate::i18n::tr(lang, "pdf-archive-typesetting"));
    let site = crate::pipeline::model(root, selection)?;
    Ok(typeset(
        root,
        &site,
        selection,
        dated,
        &mut crate::Stages::new(),
        lang,
    )?
    .bytes)
}

/// The book of `site` (its documents already selected) as PDF bytes. Archive uses it too.
/// The book is dated `dated` (the cover's 编印 date and the PDF's own dates, at 00:00 UTC): no
/// clock time goes in, so a day's runs on the same sources give the same bytes.
pub(crate) fn typeset(
    root: &Path,
    site: &Site,
    selection: &Selection,
    dated: chrono::NaiveDate,
    clock: &mut crate::Stages,
    lang: Lang,
) -> Result<Typeset, Failure> {
    if site.docs.is_empty() {
        return Err(Failure::one(
            Diagnostic::tr("content", msg!("pdf-nothing-selected"))
                .hint_tr(msg!("pdf-nothing-selected-hint")),
        ));
    }
    let store = world::system_fonts();
    let faces = fonts::choose(store.book(), &site.config.pdf.fonts).map_err(|m| {
        Failure::one(
            Diagnostic::tr("config.yaml", m)
                .code(Code::Pdf)
                .hint_tr(msg!("pdf-no-font-hint")),
        )
    })?;
    for n in &faces.notes {
        crate::diag::note!("{}", msg!("pdf-note", what = n.clone()).text(lang));
    }
    let covered = coverage(store.book());
    let cover = markup::Cover { selection, dated };
    let mut book = markup::book(site, &faces, &covered, &cover);
    for w in &book.warnings {
        warn(&w.clone().relative_to(root), lang);
    }
    clock.lap("fonts+markup");
    let text = std::mem::take(&mut book.text);
    let world = world::BookWorld::new(store, text, &book.images, dated);
    let warned = {
        let limit = std::env::var("HUIBIAN_PDF_CACHE_MB").ok();
        let _trim = CacheTrim::above(limit.and_then(|l| l.parse().ok()).unwrap_or(CACHE_LIMIT_MB));
        typst::compile::<PagedDocument>(&world)
    };
    report_warnings(root, &world, &book, site, &warned.warnings, lang);
    let document = warned
        .output
        .map_err(|errs| failure(root, &world, &book, site, &errs))?;
    clock.lap("typeset");
    let bytes = typst_pdf::pdf(&document, &pdf_options(dated))
        .map_err(|errs| failure(root, &world, &book, site, &errs))?;
    let pages = document.pages().len();
    clock.lap("pdf export");
    // Typst keeps what it computed for a next compile, which a command never makes.
    typst::comemo::evict(0);
    Ok(Typeset {
        bytes,
        pages,
        documents: book.order.len(),
    })
}

/// Resident memory past which Typst's caches are dropped while it typesets (the environment's
/// `HUIBIAN_PDF_CACHE_MB` says otherwise).
const CACHE_LIMIT_MB: u64 = 2048;

/// Typst keeps every layout it computed (comemo) for the next pass over the book: for 3,000
/// documents (18,000 pages) 6.2 GB. While this guard lives, a thread drops those caches
/// (at most every 2 s) whenever the process holds more than `limit` MB: the same bytes come out
/// (checked), at about twice the CPU time, with about half the memory. Small books never reach
/// the limit.
struct CacheTrim {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl CacheTrim {
    fn above(limit: u64) -> CacheTrim {
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let seen = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut last = std::time::Instant::now();
            while !seen.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(250));
                // At most every 2 s: what a pass still reuses is kept that long.
                let due = last.elapsed() >= std::time::Duration::from_secs(2);
                if due && resident_mb().is_some_and(|mb| mb > limit) {
                    typst::comemo::evict(0);
                    last = std::time::Instant::now();
                }
            }
        });
        CacheTrim {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for CacheTrim {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The process's resident memory in MB (Linux: VmRSS; elsewhere unknown, and nothing is
/// dropped).
fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// PDF/A-2b, dated, made by huibian.
fn pdf_options(dated: chrono::NaiveDate) -> typst_pdf::PdfOptions {
    use chrono::Datelike;
    let day = typst::foundations::Datetime::from_ymd_hms(
        dated.year(),
        dated.month() as u8,
        dated.day() as u8,
        0,
        0,
        0,
    );
    typst_pdf::PdfOptions {
        creator: typst::foundations::Smart::Custom(Some(format!(
            "huibian {}",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: day.map(typst_pdf::Timestamp::new_utc),
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
            .expect("PDF/A-2b alone is a valid choice"),
        ..Default::default()
    }
}

/// The characters some font of the system has.
fn coverage(book: &typst::text::FontBook) -> body::Covered {
    let infos = (0..).map_while(|i| book.info(i));
    body::Covered::new(infos.flat_map(|f| f.coverage.iter()))
}

/// Where a Typst diagnostic points: the document whose markup holds its span (or the span of
/// a call on its way, for an error inside book.typ's functions), and the line there.
fn place(
    root: &Path,
    world: &world::BookWorld,
    book: &markup::Book,
    site: &Site,
    d: &typst::diag::SourceDiagnostic,
) -> Diagnostic {
    let spans = std::iter::once(d.span).chain(d.trace.iter().map(|t| t.span.into()));
    let found = spans
        .filter_map(|s| world.range(s))
        .find_map(|r| markup::locate(book, r.start));
    // Typst's own words, in English in both languages, after what they are.
    let message = msg!("pdf-typst-error", detail = d.message.to_string());
    let diag = match found {
        Some((doc, md_offset)) => {
            let doc = &site.docs[doc];
            let (line, col) = crate::diag::line_col(&doc.src.body, md_offset);
            Diagnostic::tr(&doc.path, message).at(doc.body_line + line - 1, col)
        }
        None => Diagnostic::tr("huibian pdf", message),
    };
    // Typst's own words are English; where it gives no hint, ours is in both languages.
    let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
    let diag = if hints.is_empty() {
        diag.hint_tr(msg!("pdf-typst-hint"))
    } else {
        diag.hint(hints.join("; "))
    };
    diag.code(Code::Pdf).relative_to(root)
}

fn failure(
    root: &Path,
    world: &world::BookWorld,
    book: &markup::Book,
    site: &Site,
    errs: &[typst::diag::SourceDiagnostic],
) -> Failure {
    // One mistake often fails several of Typst's spans at the same line: said once.
    let mut seen = std::collections::HashSet::new();
    Failure::from(
        errs.iter()
            .map(|e| place(root, world, book, site, e))
            .filter(|d| seen.insert(d.to_string()))
            .collect::<Vec<_>>(),
    )
}

/// Typst's warnings, each once, at most twenty.
fn report_warnings(
    root: &Path,
    world: &world::BookWorld,
    book: &markup::Book,
    site: &Site,
    warnings: &[typst::diag::SourceDiagnostic],
    lang: Lang,
) {
    let mut seen = std::collections::HashSet::new();
    let shown: Vec<Diagnostic> = warnings
        .iter()
        .map(|w| place(root, world, book, site, w))
        .filter(|d| seen.insert(d.to_string()))
        .collect();
    for d in shown.iter().take(20) {
        warn(d, lang);
    }
    if shown.len() > 20 {
        let more = msg!("pdf-more-warnings", n = shown.len() - 20);
        crate::diag::note!("{}", more.text(lang));
    }
}

/// `warning: file:line: …` on stderr, in `lang`.
fn warn(d: &Diagnostic, lang: Lang) {
    let line = msg!("pdf-warning", what = d.shown(lang));
    crate::diag::note!("{}", line.text(lang));
}
