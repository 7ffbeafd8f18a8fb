//! `huibian archive` and `huibian verify`: one reproducible .zip of a campaign (or one batch,
//! section or date range) that opens by double-click — the site in relative-URL mode with its
//! search, the sources to rebuild it, a catalog, print pages — with SHA-256 checksums of every
//! file, and the check that an archive is still what was made.

use crate::diag::{Diagnostic, Failure};
use crate::i18n::Msg;
use crate::msg;
use crate::output::FileFrom;
use crate::site::Site;
use crate::zh::batch_label;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Options {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub selection: crate::Selection,
    pub force: bool,
    /// Leave the printed book out: Typst holds the whole book in memory (about 170 KB a
    /// page), which a very large selection may not have.
    pub no_pdf: bool,
    /// The language of the progress lines.
    pub lang: crate::i18n::Lang,
}

pub struct Made {
    pub path: PathBuf,
    pub documents: usize,
    pub files: usize,
    pub bytes: u64,
}

/// What goes into the zip: bytes made here, or a file copied as it is.
enum Content {
    Bytes(Vec<u8>),
    Disk(PathBuf),
}

/// The printed book (`huibian pdf` of the same selection), beside print/.
#[cfg(feature = "pdf")]
const PDF: &str = "print.pdf";

/// An entry read and checksummed: (path in the zip, bytes, SHA-256 in hex).
type Hashed = (String, Vec<u8>, String);

/// An archive may be written where no site file is, and over an existing file only with
/// `--force` and only if that file is an archive huibian made.
fn check_target(root: &Path, output: &Path, force: bool) -> Result<(), Failure> {
    let at = crate::output::check_file_target(root, output)?;
    if std::fs::symlink_metadata(&at).is_err() {
        return Ok(());
    }
    if !force {
        return Err(Diagnostic::tr(output, msg!("archive-exists"))
            .hint_tr(msg!("archive-exists-hint"))
            .into());
    }
    let ours = std::fs::File::open(&at)
        .ok()
        .and_then(|f| zip::ZipArchive::new(std::io::BufReader::new(f)).ok())
        .is_some_and(|z| {
            let names: Vec<String> = z
                .file_names()
                .filter_map(|n| n.ok().map(|n| n.into_owned()))
                .collect();
            ["MANIFEST.sha256", "ARCHIVE.txt"]
                .iter()
                .all(|m| names.iter().any(|n| n == m))
        });
    if !ours {
        return Err(Diagnostic::tr(output, msg!("archive-not-ours"))
            .hint_tr(msg!("archive-not-ours-hint"))
            .into());
    }
    Ok(())
}

pub fn run(opts: &Options) -> Result<Made, Failure> {
    let root = &opts.root;
    let selection = &opts.selection;
    let batch = selection.batch;
    let build = crate::BuildOptions {
        root: root.clone(),
        output: root.join("public"),
        base_url: None,
        relative_urls: true,
        drafts: false,
        selection: selection.clone(),
        lang: opts.lang,
    };
    // The place is checked before the build, which takes a while.
    if let Some(o) = &opts.output {
        check_target(root, o, opts.force)?;
    }
    let site_files = crate::output::Memory::default();
    crate::diag::note!("{}", crate::i18n::tr(opts.lang, "archive-building"));
    let made = crate::pipeline::generate(&build, &site_files, &mut crate::Stages::new())?;
    let site = &made.site;
    if site.docs.is_empty() {
        return Err(Diagnostic::tr(
            root.join("content"),
            crate::msg!("archive-nothing-selected"),
        )
        .hint_tr(crate::msg!("archive-nothing-selected-hint"))
        .into());
    }
    let newest = site
        .docs
        .iter()
        .map(|d| d.fm.date.date)
        .max()
        .unwrap_or_default();
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| beside(root).join(default_name(site, batch, newest)));
    check_target(root, &output, opts.force)?;

    let mut entries = site_entries(site_files);
    let sources = source_files(root, site, &made.left_out)?;
    let catalog = catalog_rows(site)?;
    entries.extend(sources);
    entries.insert("catalog.csv".into(), Content::Bytes(catalog_csv(&catalog)));
    entries.insert(
        "catalog.json".into(),
        Content::Bytes(serde_json::to_vec_pretty(&catalog).unwrap_or_default()),
    );
    for (name, html) in print_pages(root, site) {
        entries.insert(
            format!("print/{name}.html"),
            Content::Bytes(html.into_bytes()),
        );
    }
    #[cfg(feature = "pdf")]
    if !opts.no_pdf {
        entries.insert(
            PDF.into(),
            Content::Bytes(crate::pdf::of_selection(
                root, selection, newest, opts.lang,
            )?),
        );
    }
    entries.insert(
        "ARCHIVE.txt".into(),
        Content::Bytes(readme(site, opts, batch, &catalog, newest).into_bytes()),
    );

    let (data, bytes) = with_manifest(root, entries)?;
    // The files MANIFEST.sha256 lists (itself aside): what verify counts too.
    let (documents, files) = (site.docs.len(), data.len() - 1);
    let mb = format!("{:.1}", bytes as f64 / 1e6);
    let line = crate::msg!(
        "archive-compressing",
        docs = documents,
        files = files,
        mb = mb
    );
    crate::diag::note!("{}", line.text(opts.lang));
    write_zip(&output, data, newest, opts.lang)?;
    Ok(Made {
        bytes: std::fs::metadata(&output).map_or(0, |m| m.len()),
        path: output,
        documents,
        files,
    })
}

/// The folder an archive goes to when no --output is given: beside the site folder, never
/// inside it (where it would be swept into the next archive's source/ and into git).
fn beside(root: &Path) -> PathBuf {
    let site = crate::fsio::resolve(root);
    site.parent().map_or(site.clone(), Path::to_path_buf)
}

/// The archive's name when none is given: the site's slug, the batch, the date of the newest
/// document (the data's date: archiving the same materials again gives the same name).
fn default_name(site: &crate::site::Site, batch: Option<u32>, newest: chrono::NaiveDate) -> String {
    let what = match batch {
        Some(b) => format!("batch{b}"),
        None => "all".into(),
    };
    let slug = crate::source::slug::slugify(&site.config.title);
    let slug = if slug.is_empty() {
        "huibian".into()
    } else {
        slug
    };
    format!("{slug}-{what}-{}.zip", newest.format("%Y%m%d"))
}

/// The built site's pages and files, under site/.
fn site_entries(site_files: crate::output::Memory) -> BTreeMap<String, Content> {
    let mut entries = BTreeMap::new();
    let copied = site_files.files.into_inner().expect("memory sink");
    for (rel, bytes) in site_files.pages.into_inner().expect("memory sink") {
        entries.insert(format!("site/{rel}"), Content::Bytes(bytes));
    }
    for (rel, from) in copied {
        let c = match from {
            FileFrom::Disk(p) => Content::Disk(p),
            FileFrom::Builtin(t) => Content::Bytes(t.as_bytes().to_vec()),
        };
        entries.insert(format!("site/{rel}"), c);
    }
    entries
}

/// One catalog row per document, in the archive's order.
fn catalog_rows(site: &crate::site::Site) -> Result<Vec<Row>, Diagnostic> {
    let mut catalog = Vec::new();
    for (i, &d) in order(site).iter().enumerate() {
        let doc = &site.docs[d];
        let fm = &doc.fm;
        let sha = hex(&Sha256::digest(crate::fsio::read_bytes(&doc.path)?));
        catalog.push(Row {
            index: i + 1,
            title: fm.title.clone(),
            section: site.sections[doc.section].title.clone(),
            batch: fm.batch.map(batch_label).unwrap_or_default(),
            unit: fm.unit.clone().unwrap_or_default(),
            responsible: (fm.speaker.clone())
                .or_else(|| fm.author.clone())
                .or_else(|| fm.unit.clone())
                .unwrap_or_default(),
            date: fm.date.iso(),
            words: doc.md.counts.words(),
            attachments: doc.attachments.len(),
            source: format!("source/content/{}", doc.rel),
            page: format!("site/{}index.html", doc.url),
            sha256: sha,
        });
    }
    Ok(catalog)
}

/// A zip entry: its path and bytes.
type Entry = (String, Vec<u8>);

/// Every entry's bytes with its checksum (in parallel), then MANIFEST.sha256 last: what the zip
/// holds, and how many bytes before compression.
fn with_manifest(
    root: &Path,
    entries: BTreeMap<String, Content>,
) -> Result<(Vec<Entry>, u64), Failure> {
    use rayon::prelude::*;
    let read: Vec<Result<Hashed, Diagnostic>> = entries
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(path, c)| {
            let b = match c {
                Content::Bytes(b) => b,
                Content::Disk(p) => crate::fsio::read_bytes(&p)?,
            };
            let sum = hex(&Sha256::digest(&b));
            Ok((path, b, sum))
        })
        .collect();
    let mut data = Vec::with_capacity(read.len() + 1);
    let mut manifest = String::new();
    let mut bytes = 0u64;
    for r in read {
        let (path, b, sum) = r.map_err(|d| Failure::one(d.relative_to(root)))?;
        bytes += b.len() as u64;
        manifest.push_str(&format!("{sum}  {path}\n"));
        data.push((path, b));
    }
    data.push(("MANIFEST.sha256".into(), manifest.into_bytes()));
    Ok((data, bytes))
}

/// Documents in the order of the site's navigation: sections in order, each in its own order.
fn order(site: &Site) -> Vec<usize> {
    site.sections
        .iter()
        .flat_map(|s| s.docs.iter().copied())
        .collect()
}

/// The sources that rebuild exactly this site: config.yaml, the published documents and their
/// bundles (drafts left out), section indexes, other content files, the theme chain, site
/// templates and static.
fn source_files(
    root: &Path,
    site: &Site,
    left_out: &[std::sync::Arc<crate::source::DocSource>],
) -> Result<BTreeMap<String, Content>, Failure> {
    let mut out = BTreeMap::new();
    let mut add = |rel: String, path: PathBuf| {
        out.insert(format!("source/{rel}"), Content::Disk(path));
    };
    add("config.yaml".into(), root.join("config.yaml"));
    // Every published document, in the selection or not: the sources stay as in content/, and
    // `build --batch …` on them makes the selected site again.
    let docs = site.docs.iter().map(|d| &d.src).chain(left_out);
    for d in docs {
        add(format!("content/{}", d.rel), d.path.clone());
        if let Some(dir) = d.rel.strip_suffix("index.md") {
            for a in &d.attachments {
                add(format!("content/{dir}{}", a.name), a.path.clone());
            }
        }
    }
    for f in &site.loose {
        add(format!("content/{}", f.rel), f.path.clone());
    }
    let content = root.join("content");
    for e in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_name() == "_index.md" {
            let rel = e.path().strip_prefix(&content).unwrap_or(e.path());
            add(format!("content/{}", slash(rel)), e.path().to_path_buf());
        }
    }
    let mut dirs = crate::render::theme::theme_dirs(root, &site.config.theme)
        .map_err(|d| Failure::one(d.relative_to(root)))?;
    dirs.extend(["templates", "static"].iter().map(|d| root.join(d)));
    // The same files the build read: symlinks followed inside the site only.
    let site_dir = crate::fsio::resolve(root);
    let mut errors = Vec::new();
    for dir in &dirs {
        for (name, path) in crate::render::theme::files_under(dir, &site_dir, &mut errors) {
            let rel = dir.join(&name);
            let rel = rel.strip_prefix(root).unwrap_or(&rel);
            add(slash(rel), path);
        }
    }
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|d| d.relative_to(root))
            .collect::<Vec<_>>()
            .into());
    }
    Ok(out)
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Row {
    index: usize,
    title: String,
    section: String,
    batch: String,
    unit: String,
    responsible: String,
    date: String,
    words: usize,
    attachments: usize,
    source: String,
    page: String,
    sha256: String,
}

/// UTF-8 with a BOM, so that Excel opens the Chinese as Chinese.
fn catalog_csv(rows: &[Row]) -> Vec<u8> {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from(
        "\u{feff}序号,题名,类别,批次,单位,责任者,日期,字数,附件数,源文件,页面,SHA-256\r\n",
    );
    for r in rows {
        let cells = [
            r.index.to_string(),
            field(&r.title),
            field(&r.section),
            field(&r.batch),
            field(&r.unit),
            field(&r.responsible),
            r.date.clone(),
            r.words.to_string(),
            r.attachments.to_string(),
            field(&r.source),
            field(&r.page),
            r.sha256.clone(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One page per section for paper: a contents page, then every document from a new page,
/// with the 公文 stylesheet when the site has that theme.
fn print_pages(root: &Path, site: &Site) -> Vec<(String, String)> {
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).ok();
    let builtin =
        |theme: &str, path: &str| crate::render::builtin::file(theme, path).map(str::to_string);
    let mut css = read("themes/default/static/style.css")
        .or_else(|| builtin("default", "static/style.css"))
        .unwrap_or_default();
    // The site's own copy, or the built-in one when the site sets `theme: gongwen` without it.
    let gongwen = read("themes/gongwen/static/gongwen.css").or_else(|| {
        (site.config.theme == "gongwen")
            .then(|| builtin("gongwen", "static/gongwen.css"))
            .flatten()
    });
    // Its rules hang on the body's `gongwen` class, as on the site's own pages.
    let body_class = if gongwen.is_some() {
        "print gongwen"
    } else {
        "print"
    };
    if let Some(g) = gongwen {
        css.push_str(&g);
    }
    css.push_str(
        "\n.print-doc{break-before:page}.print-toc{max-width:38em;margin:0 auto}\
         .print-toc ol{line-height:2}.print-meta{color:#555}\
         .print-doc .doc-header h1,.print-doc .doc-header .print-meta{text-align:center}\
         nav,.toc,.search,.site-header,.site-footer{display:none}\n",
    );
    let mut out = Vec::new();
    for s in &site.sections {
        if s.docs.is_empty() {
            continue;
        }
        let mut h = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} - {}</title><style>{css}</style></head><body class=\"{body_class}\">\n\
             <section class=\"print-toc\"><h1>{}</h1><p>{}</p><h2>目录</h2><ol>",
            esc(&site.config.language),
            esc(&s.title),
            esc(&site.config.title),
            esc(&s.title),
            esc(&site.config.title),
        );
        for (n, &i) in s.docs.iter().enumerate() {
            let d = &site.docs[i];
            h.push_str(&format!(
                "<li><a href=\"#doc-{n}\">{}</a> <span class=\"print-meta\">{}</span></li>",
                esc(&d.fm.title),
                esc(&d.fm.date.zh())
            ));
        }
        h.push_str("</ol></section>\n");
        for (n, &i) in s.docs.iter().enumerate() {
            let d = &site.docs[i];
            let meta: Vec<String> = [
                Some(d.fm.date.zh()),
                d.fm.unit.clone(),
                d.fm.speaker.clone(),
                d.fm.batch.map(batch_label),
            ]
            .into_iter()
            .flatten()
            .map(|m| esc(&m))
            .collect();
            h.push_str(&format!(
                "<article class=\"doc print-doc\" id=\"doc-{n}\"><header class=\"doc-header\"><h1>{}</h1><p class=\"print-meta\">{}</p></header><div class=\"doc-body\">{}</div></article>\n",
                esc(&d.fm.title),
                meta.join(" · "),
                d.md.html
            ));
        }
        h.push_str("</body></html>\n");
        out.push((s.name.clone(), h));
    }
    out
}

fn readme(
    site: &Site,
    opts: &Options,
    batch: Option<u32>,
    rows: &[Row],
    newest: chrono::NaiveDate,
) -> String {
    let mut sel = Vec::new();
    if let Some(b) = batch {
        sel.push(format!("批次 {}", batch_label(b)));
    }
    let s = &opts.selection;
    if let Some(x) = &s.section {
        sel.push(format!("栏目 {x}"));
    }
    if let Some(x) = &s.since {
        sel.push(format!("起 {x}"));
    }
    if let Some(x) = &s.until {
        sel.push(format!("止 {x}"));
    }
    let sel = if sel.is_empty() {
        "全部已发布文档".to_string()
    } else {
        sel.join("，")
    };
    format!(
        "{title} 归档包 / archive of {title}\r\n\
         ================================\r\n\r\n\
         范围 (selection): {sel}\r\n\
         文档 (documents): {n}\r\n\
         资料截止日期 (newest document date): {newest}\r\n\
         制作工具 (made with): huibian {version}\r\n\r\n\
         内容 (contents)\r\n\
         - site/          网站，双击 site/index.html 即可离线浏览和搜索 (open site/index.html; works from disk, search included)\r\n\
         - source/        源文件：config.yaml、content/、主题，可重新生成网站 (the sources)\r\n\
         - print/         按栏目汇编的打印页，每栏目一页 (one print page per section)\r\n\
         {pdf_line}\
         - catalog.csv    目录（Excel 可直接打开）/ catalog.json (one row per document)\r\n\
         - MANIFEST.sha256 每个文件的 SHA-256 校验值 (checksums of every file)\r\n\r\n\
         校验 (verify)\r\n\
         - huibian verify 本文件.zip\r\n\
         - 或解压后在解压目录中运行 (or, unzipped): sha256sum -c MANIFEST.sha256\r\n\r\n\
         重新生成 (rebuild)\r\n\
         - huibian build --root source --relative-urls --output site-rebuilt{flags}\r\n\
         \r\n",
        title = site.config.title,
        pdf_line = if cfg!(feature = "pdf") && !opts.no_pdf {
            "- print.pdf      印刷版汇编：封面、目录、公文版式，PDF/A-2b (the printed book, for long-term keeping)\r\n"
        } else {
            ""
        },
        n = rows.len(),
        version = env!("CARGO_PKG_VERSION"),
        flags = [
            batch.map(|b| format!(" --batch {b}")),
            s.section.as_ref().map(|x| format!(" --section {x}")),
            s.since.as_ref().map(|x| format!(" --since {x}")),
            s.until.as_ref().map(|x| format!(" --until {x}")),
        ]
        .into_iter()
        .flatten()
        .collect::<String>(),
    )
}

fn write_zip(
    output: &Path,
    data: Vec<(String, Vec<u8>)>,
    newest: chrono::NaiveDate,
    lang: crate::i18n::Lang,
) -> Result<(), Failure> {
    use chrono::Datelike;
    let fail = |e: Msg| Failure::one(Diagnostic::tr(output, e));
    let time = zip::DateTime::from_date_and_time(
        newest.year().clamp(1980, 2107) as u16,
        newest.month() as u8,
        newest.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    // A new file of its own beside the archive (never one that happens to have its name),
    // removed if anything fails, renamed onto the archive when whole.
    let tmp = crate::fsio::new_beside(output)?;
    let cannot = |id: &'static str, e: std::io::Error| Msg::new(id).arg("detail", e.to_string());
    let result = (|| -> Result<(), Msg> {
        let f = tmp
            .as_file()
            .try_clone()
            .map_err(|e| cannot("archive-cannot-write", e))?;
        let mut z = zip::ZipWriter::new(std::io::BufWriter::new(f));
        let total = data.len();
        // Each file's bytes are freed once written; progress every tenth for large sites.
        for (n, (path, bytes)) in data.into_iter().enumerate() {
            z.start_file(path.as_str(), opts)
                .map_err(|e| msg!("archive-entry-failed", path = &path, detail = e.to_string()))?;
            z.write_all(&bytes)
                .map_err(|e| msg!("archive-entry-failed", path = &path, detail = e.to_string()))?;
            if total >= 5000 && (n + 1) % (total / 10) == 0 {
                let line = crate::msg!("archive-progress", n = n + 1, total = total);
                crate::diag::note!("{}", line.text(lang));
            }
        }
        let w = z
            .finish()
            .map_err(|e| msg!("archive-cannot-finish", detail = e.to_string()))?;
        w.into_inner()
            .map_err(|e| cannot("archive-cannot-write", e.into_error()))?
            .sync_all()
            .map_err(|e| cannot("archive-cannot-write", e))
    })();
    result.map_err(fail)?;
    crate::fsio::put_in_place(tmp, output).map_err(Failure::one)
}

/// What `verify` found.
pub struct Verified {
    pub files: usize,
    pub problems: Vec<Msg>,
}

/// Checks an archive against its own manifest and catalog, with the limits of
/// [`crate::zipread::ARCHIVE`]: each entry is hashed as it inflates, never held whole, and an
/// entry whose name would unzip outside its folder (or as a link) is refused by name.
pub fn verify(path: &Path) -> Result<Verified, Failure> {
    use crate::zipread::EntryError;
    let mut z = crate::zipread::open_file(path, crate::zipread::ARCHIVE)?;
    let manifest = z.read("MANIFEST.sha256").map_err(Diagnostic::from)?;
    let manifest = manifest.ok_or_else(|| Diagnostic::tr(path, msg!("verify-no-manifest")))?;
    let listed = manifest_lines(&String::from_utf8_lossy(&manifest));
    let mut problems = Vec::new();
    let mut actual: BTreeMap<String, String> = BTreeMap::new();
    for (name, sum) in &listed {
        let mut hasher = Sha256::new();
        match z.stream(name, &mut |b| hasher.update(b)) {
            Ok(Some(_)) => {
                let got = hex(&hasher.finalize());
                if &got != sum {
                    problems.push(msg!(
                        "verify-altered",
                        name = shown(name),
                        got = &got,
                        sum = shown(sum)
                    ));
                }
                actual.insert(name.clone(), got);
            }
            Ok(None) => problems.push(msg!("verify-missing", name = shown(name))),
            Err(EntryError::Damaged(d)) => {
                problems.push(msg!("verify-damaged", what = d.message_tr()))
            }
            Err(EntryError::Limit(d)) => return Err(d.into()),
        }
    }
    for e in z.listed() {
        if let Some(why) = e.unsafe_because {
            problems.push(msg!("verify-refused", name = shown(&e.name), why = why));
        } else if e.name != "MANIFEST.sha256" && !e.is_dir && !listed.contains_key(&e.name) {
            problems.push(msg!("verify-extra", name = shown(&e.name)));
        }
    }
    let catalog = z.read("catalog.json").map_err(Diagnostic::from)?;
    problems.extend(catalog_problems(catalog.as_deref(), &actual));
    Ok(Verified {
        files: listed.len(),
        problems,
    })
}

/// MANIFEST.sha256 as `name → checksum`.
fn manifest_lines(manifest: &str) -> BTreeMap<String, String> {
    manifest
        .lines()
        .filter_map(|line| line.split_once("  "))
        .map(|(sum, name)| (name.to_string(), sum.to_string()))
        .collect()
}

/// The catalog's checksums must be those of the sources it names.
fn catalog_problems(catalog: Option<&[u8]>, actual: &BTreeMap<String, String>) -> Vec<Msg> {
    let rows = match catalog.map(serde_json::from_slice::<Vec<Row>>) {
        Some(Ok(rows)) => rows,
        Some(Err(e)) => return vec![msg!("verify-catalog-unreadable", detail = e.to_string())],
        None => return vec![msg!("verify-missing", name = "catalog.json")],
    };
    let mut problems = Vec::new();
    for r in rows {
        match actual.get(&r.source) {
            Some(sum) if *sum == r.sha256 => {}
            Some(_) => problems.push(msg!(
                "verify-catalog-mismatch",
                source = shown(&r.source),
                title = shown(&r.title)
            )),
            None => problems.push(msg!(
                "verify-catalog-absent",
                source = shown(&r.source),
                title = shown(&r.title)
            )),
        }
    }
    problems
}

/// A name from the archive as printed: control characters (a terminal's escape sequences)
/// written as escapes, never sent to the terminal.
fn shown(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
