//! `huibian import`: Word, plain-text and Markdown files from the office become documents under
//! content/, with front matter filled in, nothing overwritten and not a character lost; a
//! report says what a person must still check. Everything is planned before anything is
//! written, so one bad input leaves content/ untouched.

mod dating;
mod doc;
pub mod docx;
pub mod encoding;
mod numbering;
mod odt;
mod odt_styles;
mod rtf;
mod sheet;
pub mod text;
mod wordnum;

use crate::diag::{Diagnostic, Failure};
use crate::i18n::Lang;
use crate::source::date::DocDate;
use crate::source::frontmatter::{self, FieldValue};
use crate::source::slug;
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

pub struct Options {
    pub root: PathBuf,
    pub inputs: Vec<PathBuf>,
    pub section: Option<String>,
    pub batch: Option<String>,
    pub unit: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub encoding: Option<String>,
    pub dry_run: bool,
    pub force: bool,
}

/// One input, converted.
pub struct Imported {
    pub source: PathBuf,
    /// The document written, relative to the site root.
    pub dest: PathBuf,
    /// The Markdown file's text.
    pub text: String,
    /// Other files of the document (a Word file's bundle: the original and its images).
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// "GB18030 (detected)", "Word", …
    pub read_as: crate::i18n::Msg,
    pub warnings: Vec<Diagnostic>,
    /// Which date it got and from where (none when its own front matter has one).
    pub dated: Option<crate::i18n::Msg>,
    /// Renamed for a name collision, or an old document kept as .bak.
    pub notes: Vec<crate::i18n::Msg>,
    /// Where the replaced document went (--force).
    pub backup: Option<(PathBuf, PathBuf)>,
    counts: Counts,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    redactions: usize,
    blanks: usize,
    placeholders: usize,
    date_guessed: bool,
}

pub struct Report {
    pub docs: Vec<Imported>,
    /// Inputs imported before (the same bytes): (input, the document it became).
    pub skipped: Vec<(PathBuf, String)>,
    pub dry_run: bool,
}

/// The sections import knows by name, with the words in a title that point to each.
const GUESSES: &[(&str, &[&str])] = &[
    ("speeches", &["讲话", "提纲", "致辞", "讲稿", "发言"]),
    ("guides", &["辅导", "学习", "读本", "问答"]),
    ("experiences", &["经验", "做法", "交流", "典型"]),
];

pub fn run(opts: &Options) -> Result<Report, Failure> {
    let mut errors = Vec::new();
    let root = &opts.root;
    if !root.join("config.yaml").is_file() {
        return Err(
            Diagnostic::tr(root.join("config.yaml"), crate::msg!("import-no-site"))
                .hint_tr(crate::msg!("import-no-site-hint"))
                .into(),
        );
    }
    let date = match opts.date.as_deref().map(|d| (d, DocDate::parse(d))) {
        Some((d, None)) => {
            errors.push(
                Diagnostic::tr("--date", crate::msg!("flag-bad-date", value = d))
                    .hint_tr(crate::msg!("import-date-hint")),
            );
            None
        }
        Some((_, d)) => d,
        None => None,
    };
    let batch = match opts.batch.as_deref() {
        Some(b) => match crate::zh::parse_batch(b) {
            Some(n) => Some(n),
            None => {
                errors.push(
                    Diagnostic::tr("--batch", crate::msg!("flag-bad-batch", value = b))
                        .hint_tr(crate::msg!("flag-bad-batch-hint")),
                );
                None
            }
        },
        None => None,
    };
    let forced = match opts.encoding.as_deref() {
        Some(e) => match encoding::by_name(e) {
            Some(enc) => Some(enc),
            None => {
                errors.push(
                    Diagnostic::tr(
                        "--encoding",
                        crate::msg!("import-unknown-encoding", name = e),
                    )
                    .hint_tr(crate::msg!("import-unknown-encoding-hint")),
                );
                None
            }
        },
        None => None,
    };
    if let Some(s) = &opts.section {
        if let Some(m) = slug::section_problem(s) {
            errors.push(
                Diagnostic::tr("--section", crate::msg!("imp-bad-section-flag", detail = m))
                    .hint_tr(crate::msg!("imp-bad-section-flag-hint")),
            );
        }
    }
    let files = collect(&opts.inputs, root, &mut errors);
    if !errors.is_empty() {
        return Err(Failure {
            diagnostics: errors,
        });
    }
    let imported_at = chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    // Names taken per section: existing files, folders and declared slugs, then this run's.
    let mut taken: std::collections::HashMap<String, BTreeSet<String>> = Default::default();
    // Files imported before, by their bytes' hash: importing a folder again brings in only its
    // new files (with --force, everything again).
    let mut imported = if opts.force {
        Default::default()
    } else {
        imported_hashes(&root.join("content"))
    };
    let keys = frontmatter::site_key_style(&root.join("content"));
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for file in files {
        let ctx = Ctx {
            opts,
            date,
            batch,
            forced,
            imported_at: &imported_at,
            keys,
        };
        let hash = match crate::fsio::read_bytes(&file) {
            Ok(bytes) => sha256_hex(&bytes),
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        if let Some(doc) = imported.get(&hash) {
            skipped.push((file, doc.clone()));
            continue;
        }
        match import_one(&file, &ctx, &mut taken, &hash) {
            Ok(d) => {
                imported.insert(hash, d.dest.to_string_lossy().replace('\\', "/"));
                docs.push(d);
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Failure {
            diagnostics: errors,
        });
    }
    if !opts.dry_run {
        write_all(root, &docs)?;
    }
    Ok(Report {
        docs,
        skipped,
        dry_run: opts.dry_run,
    })
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `source_sha256` of every document under content/ → the document (relative to the site).
fn imported_hashes(content: &Path) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for e in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        // (Cheap before parsing: most documents were not imported.)
        if !text.contains("source_sha256") && !text.contains("来源校验") {
            continue;
        }
        if let Some(h) = top_level_value(p, &text, "source_sha256") {
            let shown = content
                .parent()
                .map_or(p, |root| p.strip_prefix(root).unwrap_or(p));
            out.insert(h, shown.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

/// The files to import, sorted: given files, and the .txt/.docx/.doc/.wps/.md files under given
/// folders.
fn collect(inputs: &[PathBuf], root: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let supported = |p: &Path| {
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        matches!(
            ext.as_str(),
            "txt" | "docx" | "doc" | "wps" | "odt" | "rtf" | "md" | "markdown"
        ) || crate::sheet::EXTENSIONS.contains(&ext.as_str())
    };
    let content = root.join("content");
    let content = content.canonicalize().unwrap_or(content);
    let mut out = Vec::new();
    if inputs.is_empty() {
        errors.push(
            Diagnostic::tr("import", crate::msg!("import-nothing"))
                .hint_tr(crate::msg!("import-nothing-hint")),
        );
    }
    for input in inputs {
        if !input.exists() {
            errors.push(Diagnostic::tr(input, crate::msg!("import-no-such-file")));
            continue;
        }
        if input.canonicalize().is_ok_and(|c| c.starts_with(&content)) {
            errors.push(
                Diagnostic::tr(input, crate::msg!("import-inside-content"))
                    .hint_tr(crate::msg!("import-inside-content-hint")),
            );
            continue;
        }
        if input.is_dir() {
            let mut unreadable = Vec::new();
            // A link in the chosen folder is followed like a file there (the reader chose the
            // folder); an unreadable entry or a loop is said, not skipped in silence.
            for e in walkdir::WalkDir::new(input)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(|e| {
                    e.map_err(|err| {
                        let at = err.path().unwrap_or(input).to_path_buf();
                        unreadable.push(
                            Diagnostic::tr(
                                at,
                                crate::msg!("imp-cannot-read", detail = err.to_string()),
                            )
                            .hint_tr(crate::msg!("imp-cannot-read-hint")),
                        )
                    })
                    .ok()
                })
                .collect::<Vec<_>>()
            {
                let name = e.file_name().to_string_lossy();
                if e.path()
                    .canonicalize()
                    .is_ok_and(|c| c.starts_with(&content))
                {
                    // Said at the link; what lies behind it is not imported.
                    if e.path_is_symlink() {
                        errors.push(
                            Diagnostic::tr(e.path(), crate::msg!("imp-links-into-content"))
                                .hint_tr(crate::msg!("imp-links-into-content-hint")),
                        );
                    }
                    continue;
                }
                // Word's lock files (~$讲话.docx) are not documents.
                if e.file_type().is_file() && supported(e.path()) && !name.starts_with("~$") {
                    out.push(e.path().to_path_buf());
                }
            }
            errors.append(&mut unreadable);
        } else if supported(input) {
            out.push(input.clone());
        } else {
            errors.push(
                Diagnostic::tr(input, crate::msg!("import-unsupported"))
                    .hint_tr(crate::msg!("import-unsupported-hint")),
            );
        }
    }
    out
}

struct Ctx<'a> {
    opts: &'a Options,
    date: Option<DocDate>,
    batch: Option<u32>,
    forced: Option<&'static encoding_rs::Encoding>,
    imported_at: &'a str,
    /// The names the site's documents give their keys.
    keys: frontmatter::KeyStyle,
}

/// What a file held: title, Markdown body, warnings, and what else it brings.
struct Content {
    title: String,
    body: String,
    /// The title and every paragraph, with where each stood (for the date).
    texts: Vec<text::Placed>,
    /// The 落款's lines, its date line last.
    signoff: Vec<text::Placed>,
    warnings: Vec<text::Warning>,
    /// "line" or "paragraph": how the original's positions are counted.
    unit: &'static str,
    read_as: crate::i18n::Msg,
    /// Front matter already present (.md): kept as it is, missing keys added after it.
    existing: Option<(String, BTreeSet<String>)>,
    /// Its `slug`, if it has one.
    given_slug: Option<String>,
    /// Its `section`, if it has one.
    given_section: Option<String>,
    images: Vec<(String, Vec<u8>)>,
    dropped: Vec<(usize, crate::i18n::Msg)>,
    /// An office document: it becomes a bundle holding the original and its images.
    docx: bool,
}

fn read_content(file: &Path, ctx: &Ctx) -> Result<Content, Diagnostic> {
    if crate::sheet::is_sheet_name(&file.to_string_lossy()) {
        return sheet::read_content(file, ctx);
    }
    let bytes = crate::fsio::read_bytes(file)?;
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let office = match ext.as_str() {
        "docx" => Some((docx::read(file, &bytes), "Word")),
        "doc" | "wps" => Some((doc::read(file, &bytes), "Word 97-2003")),
        "odt" => Some((odt::read(file, &bytes), "OpenDocument")),
        "rtf" => Some((rtf::read(file, &bytes), "RTF")),
        _ => None,
    };
    if let Some((d, read_as)) = office {
        let d = d?;
        let c = text::convert(d.blocks, &d.notes);
        return Ok(Content {
            title: c.title,
            body: c.body,
            texts: c.texts,
            signoff: c.signoff,
            warnings: c.warnings,
            unit: "paragraph",
            read_as: crate::msg!("fsio-as-is", detail = read_as),
            existing: None,
            given_slug: None,
            given_section: None,
            images: d.images,
            dropped: d.dropped,
            docx: true,
        });
    }
    let decoded = encoding::decode(&bytes, ctx.forced);
    let read_as = decoded.read_as();
    let mut warnings = Vec::new();
    if decoded.replacements > 0 {
        warnings.push(text::Warning {
            out_line: 0,
            src_line: 0,
            what: text::WarnKind::Dropped,
            message: crate::msg!(
                "import-warn-unreadable",
                n = decoded.replacements,
                encoding = decoded.encoding.to_string()
            ),
        });
    }
    if ext == "txt" {
        let mut c = text::convert(text::blocks_of_text(&decoded.text), &[]);
        warnings.append(&mut c.warnings);
        return Ok(Content {
            title: c.title,
            body: c.body,
            texts: c.texts,
            signoff: c.signoff,
            warnings,
            unit: "line",
            read_as,
            existing: None,
            given_slug: None,
            given_section: None,
            images: Vec::new(),
            dropped: Vec::new(),
            docx: false,
        });
    }
    // Markdown: the body as it is; the front matter completed.
    let t = decoded.text;
    let (existing, body) = match frontmatter::split(file, &t) {
        Ok(split) => {
            let values = frontmatter::top_level(file, &split)?;
            (
                Some((split.yaml.to_string(), values)),
                split.body.to_string(),
            )
        }
        Err(_) => (None, t.clone()),
    };
    let value = |k: &str| {
        existing
            .as_ref()
            .and_then(|(_, vs)| vs.iter().find(|(key, _)| frontmatter::same_key(key, k)))
            .and_then(|(_, v)| v.clone())
    };
    let yaml_title = value("title");
    let given_slug = value("slug");
    let given_section = value("section");
    let existing = existing.map(|(y, vs)| (y, vs.into_iter().map(|(k, _)| k).collect()));
    let (title, body) = match yaml_title {
        Some(t) => (t, body),
        None => match body.lines().position(|l| l.starts_with("# ")) {
            Some(i) if body.lines().take(i).all(|l| l.trim().is_empty()) => {
                let title = body.lines().nth(i).unwrap_or("")[2..].trim().to_string();
                let rest: Vec<&str> = body.lines().skip(i + 1).collect();
                (title, rest.join("\n").trim_start().to_string() + "\n")
            }
            _ => (
                file.file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default(),
                body,
            ),
        },
    };
    let (texts, signoff) = markdown_texts(&t, &title);
    Ok(Content {
        texts,
        signoff,
        title,
        body,
        warnings,
        unit: "line",
        read_as,
        existing,
        given_slug,
        given_section,
        images: Vec::new(),
        dropped: Vec::new(),
        docx: false,
    })
}

/// The title and the lines of a Markdown file (numbered as in the file), and the lines under
/// its `{.signoff}` mark: what the date is looked for in.
fn markdown_texts(text: &str, title: &str) -> (Vec<text::Placed>, Vec<text::Placed>) {
    let mut texts = vec![(0, title.to_string())];
    let mut signoff = Vec::new();
    let mut in_signoff = false;
    let mut in_front_matter = text.starts_with("---");
    for (i, line) in text.lines().enumerate() {
        if in_front_matter {
            in_front_matter = i == 0 || !matches!(line.trim_end(), "---" | "...");
            continue;
        }
        if line.trim() == text::SIGNOFF_MARK {
            signoff.clear();
            in_signoff = true;
        } else if line.trim().is_empty() {
            in_signoff = in_signoff && signoff.is_empty();
        } else if in_signoff {
            signoff.push((i + 1, line.to_string()));
        }
        texts.push((i + 1, line.to_string()));
    }
    (texts, signoff)
}

/// The section a title (or file name) points to: the genre word that comes last wins, as
/// titles end with their genre (…学习会上的讲话 is a speech).
pub(crate) fn guess_section(text: &str) -> Option<&'static str> {
    GUESSES
        .iter()
        .flat_map(|(s, words)| {
            words
                .iter()
                .filter_map(move |w| text.rfind(w).map(|p| (p, *s)))
        })
        .max_by_key(|(p, _)| *p)
        .map(|(_, s)| s)
}

fn import_one(
    file: &Path,
    ctx: &Ctx,
    taken: &mut std::collections::HashMap<String, BTreeSet<String>>,
    hash: &str,
) -> Result<Imported, Diagnostic> {
    let opts = ctx.opts;
    let c = read_content(file, ctx)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if c.title.trim().is_empty() {
        return Err(Diagnostic::tr(file, crate::msg!("import-no-text"))
            .hint_tr(crate::msg!("import-no-text-hint")));
    }
    // Names from the file's own front matter or from inside a Word file: checked as strictly
    // as the command line's, so that nothing lands outside content/.
    if let Some(given) = &c.given_section {
        if let Some(m) = slug::section_problem(given) {
            return Err(
                Diagnostic::tr(file, crate::msg!("imp-bad-section", detail = m))
                    .hint_tr(crate::msg!("imp-bad-section-hint")),
            );
        }
    }
    if let Some(given) = &c.given_slug {
        if let Some(m) = slug::slug_problem(given) {
            return Err(
                Diagnostic::tr(file, crate::msg!("imp-bad-slug", detail = m))
                    .hint_tr(crate::msg!("imp-bad-slug-hint")),
            );
        }
    }
    for (name, _) in &c.images {
        if let Some(m) = slug::slug_problem(name) {
            return Err(
                Diagnostic::tr(file, crate::msg!("imp-bad-image-name", detail = m))
                    .hint_tr(crate::msg!("imp-bad-image-name-hint")),
            );
        }
    }
    // A Markdown file that names its section goes there; asked for another, it is an error.
    if let (Some(given), Some(asked)) = (&c.given_section, &opts.section) {
        if given != asked {
            return Err(Diagnostic::tr(
                file,
                crate::msg!("import-section-differs", given = given, asked = asked),
            )
            .hint_tr(crate::msg!("import-section-differs-hint", given = given)));
        }
    }
    let section = match opts.section.as_ref().or(c.given_section.as_ref()) {
        Some(s) => s.clone(),
        None => match guess_section(&c.title).or_else(|| guess_section(&file_name)) {
            Some(s) => s.to_string(),
            None => {
                return Err(Diagnostic::tr(
                    file,
                    crate::msg!("import-which-section", title = &c.title),
                )
                .hint_tr(crate::msg!("import-which-section-hint")))
            }
        },
    };
    let mut counts = Counts::default();
    let mut notes = Vec::new();
    let dated = dating::choose(ctx.date, &c.texts, &c.signoff, file, &file_name);
    // The slug: once, from the title, so that later title edits keep the URL.
    let given_slug = c.given_slug.clone();
    let base = given_slug.clone().unwrap_or_else(|| {
        let s = slug::slugify(&c.title);
        if s.is_empty() {
            "wendang".into()
        } else {
            s
        }
    });
    let section_dir = opts.root.join("content").join(&section);
    let names = taken
        .entry(section.clone())
        .or_insert_with(|| existing_names(&section_dir));
    let existing_dest = |s: &str| {
        if c.docx {
            section_dir.join(s).join("index.md")
        } else {
            section_dir.join(format!("{s}.md"))
        }
    };
    let mut slug = base.clone();
    let mut backup = None;
    if names.contains(&slug) {
        let dest = existing_dest(&slug);
        if opts.force && dest.exists() {
            let what = if c.docx {
                dest.parent().unwrap_or(&dest).to_path_buf()
            } else {
                dest.clone()
            };
            let bak = free_backup(&what);
            notes.push(crate::msg!(
                "import-replaced",
                old = rel(&opts.root, &what),
                backup = rel(&opts.root, &bak)
            ));
            backup = Some((what, bak));
        } else {
            let mut n = 2;
            while names.contains(&format!("{base}-{n}")) {
                n += 1;
            }
            slug = format!("{base}-{n}");
            notes.push(crate::msg!(
                "import-name-taken",
                base = &base,
                section = &section,
                slug = &slug
            ));
        }
    }
    names.insert(slug.clone());
    let dest = existing_dest(&slug);
    let bundle = dest.parent().unwrap_or(&dest).to_path_buf();
    // Front matter: what the file lacks, in a fixed order.
    let has = |k: &str| {
        c.existing
            .as_ref()
            .is_some_and(|(_, keys)| keys.iter().any(|w| frontmatter::same_key(w, k)))
    };
    let mut fields: Vec<(&str, FieldValue)> = Vec::new();
    let mut add = |k: &'static str, v: FieldValue| {
        if !has(k) {
            fields.push((k, v));
        }
    };
    add("title", FieldValue::Text(c.title.clone()));
    let dates_it = !has("date");
    counts.date_guessed = dates_it && dated.mark().is_some();
    add("date", FieldValue::Text(dated.iso.clone()));
    if let Some(mark) = dated.mark().filter(|_| dates_it) {
        add("date_from", FieldValue::Text(mark.to_string()));
    }
    add("section", FieldValue::Text(section.clone()));
    if let Some(b) = ctx.batch {
        add("batch", FieldValue::Number(u64::from(b)));
    }
    if let Some(u) = &opts.unit {
        add("unit", FieldValue::Text(u.clone()));
    }
    if !opts.tags.is_empty() {
        add("tags", FieldValue::List(opts.tags.clone()));
    }
    if given_slug.is_none() || slug != base {
        if has("slug") {
            // A renamed .md keeps its own slug line out; say which slug it got instead.
            notes.push(crate::msg!("import-slug-taken", slug = &slug));
        } else {
            add("slug", FieldValue::Text(slug.clone()));
        }
    }
    add("source", FieldValue::Text(file_name.clone()));
    add("source_sha256", FieldValue::Text(hash.to_string()));
    add("imported", FieldValue::Text(ctx.imported_at.to_string()));
    let mut files = Vec::new();
    if c.docx {
        // The original under its own name, so that the office downloads the file it gave;
        // made safe for Windows where it must be, else (nothing left of it) under the slug.
        let original = match slug::safe_file_name(&file_name) {
            Some(name) => name,
            None => {
                let ext = file
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                format!("{slug}.{ext}")
            }
        };
        if original != file_name {
            notes.push(crate::msg!("import-original-renamed", original = &original));
        }
        add(
            "attachments",
            FieldValue::Map(vec![(original.clone(), format!("原件：{original}"))]),
        );
        files.push((bundle.join(&original), crate::fsio::read_bytes(file)?));
        for (name, bytes) in &c.images {
            files.push((bundle.join(name), bytes.clone()));
        }
    }
    let mut head = String::from("---\n");
    if let Some((yaml, _)) = &c.existing {
        head.push_str(yaml);
        if !yaml.ends_with('\n') && !yaml.is_empty() {
            head.push('\n');
        }
    }
    // The file's own front matter decides the names of the keys added, else the site's.
    let style = c
        .existing
        .as_ref()
        .and_then(|(_, keys)| frontmatter::KeyStyle::of(keys.iter()))
        .unwrap_or(ctx.keys);
    head.push_str(&frontmatter::yaml_lines(&fields, style));
    head.push_str("---\n\n");
    let body_first_line = head.matches('\n').count() + 1;
    let shown = rel(&opts.root, &dest);
    let mut warnings = Vec::new();
    for w in &c.warnings {
        match w.what {
            text::WarnKind::Redaction => counts.redactions += 1,
            text::WarnKind::Blank => counts.blanks += 1,
            text::WarnKind::Placeholder => counts.placeholders += 1,
            _ => {}
        }
        let message = if w.src_line > 0 {
            let unit = if c.unit == "paragraph" {
                crate::msg!("import-unit-paragraph")
            } else {
                crate::msg!("import-unit-line")
            };
            let (file, line) = (&file_name, w.src_line);
            crate::msg!(
                "import-where",
                what = w.message.clone(),
                file = file,
                unit = unit,
                line = line
            )
        } else {
            w.message.clone()
        };
        let mut d = Diagnostic::tr(&shown, message);
        if w.out_line > 0 {
            d = d.line(body_first_line + w.out_line - 1);
        }
        warnings.push(d);
    }
    for (p, m) in &c.dropped {
        let message = if *p > 0 {
            crate::msg!(
                "imp-dropped-at",
                what = m.clone(),
                file = &file_name,
                p = *p
            )
        } else {
            m.clone()
        };
        warnings.push(Diagnostic::tr(&shown, message));
    }
    if counts.date_guessed {
        let message = match dated.from {
            dating::Source::FileTime => crate::msg!("import-date-guessed"),
            _ => crate::msg!(
                "import-date-from-text",
                at = dated.at.as_ref().map_or("", |a| a.1.trim())
            ),
        };
        warnings.push(
            Diagnostic::tr(&shown, message)
                .line(
                    head.lines()
                        .position(|l| l.starts_with(&format!("{}:", style.name("date"))))
                        .map_or(1, |i| i + 1),
                )
                .hint_tr(crate::msg!(
                    "import-date-guessed-hint",
                    key = style.name("date"),
                    from = style.name("date_from")
                )),
        );
    }
    Ok(Imported {
        source: file.to_path_buf(),
        dest: PathBuf::from(shown),
        text: head + &c.body,
        files,
        read_as: c.read_as,
        warnings,
        dated: dates_it.then(|| {
            dated.describe(if c.unit == "paragraph" {
                crate::msg!("import-unit-paragraph")
            } else {
                crate::msg!("import-unit-line")
            })
        }),
        notes,
        backup,
        counts,
    })
}

/// Names of documents in a section folder: file stems, bundle folders, declared slugs.
fn existing_names(dir: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for e in walkdir::WalkDir::new(dir)
        .max_depth(2)
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = e.path();
        if e.depth() == 1 {
            if let Some(stem) = p.file_stem() {
                names.insert(stem.to_string_lossy().to_lowercase());
            }
        }
        if p.extension().is_some_and(|x| x == "md") {
            if let Ok(t) = std::fs::read_to_string(p) {
                if let Some(s) = top_level_value(p, &t, "slug") {
                    names.insert(s);
                }
            }
        }
    }
    names
}

/// The value of a top-level front matter key of a document's text, when it has one.
fn top_level_value(path: &Path, text: &str, key: &str) -> Option<String> {
    frontmatter::split(path, text)
        .and_then(|split| frontmatter::top_level(path, &split))
        .ok()?
        .into_iter()
        .find(|(k, _)| frontmatter::same_key(k, key))?
        .1
}

/// `x.md.bak`, else `x.md.bak2`, …: never replaces an earlier backup, nor anything else by
/// that name (a link, even one that leads nowhere, is something).
fn free_backup(p: &Path) -> PathBuf {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            ".bak".to_string()
        } else {
            format!(".bak{n}")
        };
        let candidate = p.with_file_name(format!("{name}{suffix}"));
        if candidate.symlink_metadata().is_err() {
            return candidate;
        }
        n += 1;
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// What a run has written so far, to take back if a later write fails.
#[derive(Default)]
struct Written {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
    /// Old documents renamed to backups (`--force`): (backup, original).
    moved: Vec<(PathBuf, PathBuf)>,
}

impl Written {
    /// Removes what this run created and puts the backups back: a failed import leaves
    /// content/ as it found it.
    fn undo(self) {
        for f in self.files.iter().rev() {
            let _ = std::fs::remove_file(f);
        }
        for d in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
        for (bak, original) in self.moved.iter().rev() {
            let _ = std::fs::rename(bak, original);
        }
    }
}

/// Writes every imported document, or on any failure nothing.
fn write_all(root: &Path, docs: &[Imported]) -> Result<(), Failure> {
    let content = root.join("content");
    let mut done = Written::default();
    for d in docs {
        if let Err(e) = write(root, &content, d, &mut done) {
            done.undo();
            return Err(e.into());
        }
    }
    Ok(())
}

fn write(root: &Path, content: &Path, d: &Imported, done: &mut Written) -> Result<(), Diagnostic> {
    if let Some((old, bak)) = &d.backup {
        crate::output::inside_content(content, old)?;
        crate::output::inside_content(content, bak)?;
        // (A rename replaces what has the name: make sure nothing took it since it was chosen.)
        if bak.symlink_metadata().is_ok() {
            return Err(Diagnostic::tr(
                old,
                crate::msg!(
                    "imp-cannot-keep-old",
                    bak = bak.display().to_string(),
                    why =
                        crate::fsio::why(&std::io::Error::from(std::io::ErrorKind::AlreadyExists))
                ),
            ));
        }
        std::fs::rename(old, bak).map_err(|e| {
            let bak = bak.display().to_string();
            let why = crate::fsio::why(&e);
            Diagnostic::tr(
                old,
                crate::msg!("imp-cannot-keep-old", bak = bak, why = why),
            )
        })?;
        done.moved.push((bak.clone(), old.clone()));
    }
    let main = root.join(&d.dest);
    for (path, bytes) in std::iter::once((&main, d.text.as_bytes()))
        .chain(d.files.iter().map(|(p, b)| (p, b.as_slice())))
    {
        crate::output::inside_content(content, path)?;
        // The folders this write creates, outermost first, so that undo can remove them.
        let mut new_dirs: Vec<PathBuf> = path
            .ancestors()
            .skip(1)
            .take_while(|a| !a.exists())
            .map(Path::to_path_buf)
            .collect();
        new_dirs.reverse();
        done.folders.extend(new_dirs);
        crate::fsio::write_new(path, bytes)?;
        done.files.push(path.clone());
    }
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Lang::En)
    }
}

impl Report {
    /// What was imported and what to check, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        struct In<'a>(&'a Report, Lang);
        impl fmt::Display for In<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, self.1)
            }
        }
        In(self, lang).to_string()
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, lang: Lang) -> fmt::Result {
        let t = |m: crate::i18n::Msg| m.text(lang);
        let n = self.docs.len();
        let head = if self.dry_run {
            crate::msg!("import-would", n = n)
        } else {
            crate::msg!("import-done", n = n)
        };
        writeln!(f, "{}", t(head))?;
        for d in &self.docs {
            let extra = if d.files.is_empty() {
                String::new()
            } else {
                t(crate::msg!("import-files-beside", n = d.files.len()))
            };
            let (src, dest) = (d.source.display(), d.dest.display());
            writeln!(f, "  {src} [{}] → {dest}{extra}", d.read_as.text(lang))?;
            for note in d.dated.iter().chain(&d.notes) {
                writeln!(f, "      {}", note.text(lang))?;
            }
        }
        if self.dry_run {
            for d in &self.docs {
                writeln!(f, "\n=== {} ===", d.dest.display())?;
                write!(f, "{}", d.text)?;
            }
        }
        if !self.skipped.is_empty() {
            writeln!(
                f,
                "{}",
                t(crate::msg!("import-skipped", n = self.skipped.len()))
            )?;
            for (input, doc) in &self.skipped {
                writeln!(f, "  {} = {doc}", input.display())?;
            }
        }
        let warnings: Vec<&Diagnostic> = self.docs.iter().flat_map(|d| &d.warnings).collect();
        if !warnings.is_empty() {
            writeln!(
                f,
                "\n{}",
                t(crate::msg!("import-warnings", n = warnings.len()))
            )?;
            for w in &warnings {
                writeln!(f, "  {}", w.shown(lang))?;
            }
        }
        let sum = |k: fn(&Counts) -> usize| self.docs.iter().map(|d| k(&d.counts)).sum::<usize>();
        let (r, b, p) = (
            sum(|c| c.redactions),
            sum(|c| c.blanks),
            sum(|c| c.placeholders),
        );
        let guessed: Vec<String> = self
            .docs
            .iter()
            .filter(|d| d.counts.date_guessed)
            .map(|d| d.dest.display().to_string())
            .collect();
        if r + b + p > 0 || !guessed.is_empty() {
            writeln!(f, "\n{}", t(crate::msg!("import-check-before")))?;
            if r > 0 {
                writeln!(f, "  - {}", t(crate::msg!("import-redactions", n = r)))?;
            }
            if b > 0 {
                writeln!(f, "  - {}", t(crate::msg!("import-blanks", n = b)))?;
            }
            if p > 0 {
                writeln!(f, "  - {}", t(crate::msg!("import-placeholders", n = p)))?;
            }
            for g in guessed {
                writeln!(f, "  - {}", t(crate::msg!("import-date-of", doc = g)))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_genre_word_at_the_end_of_a_title_decides_the_section() {
        assert_eq!(
            guess_section("在理论学习中心组学习会上的讲话"),
            Some("speeches")
        );
        assert_eq!(guess_section("主题教育学习辅导材料"), Some("guides"));
        assert_eq!(guess_section("以学促干的经验做法"), Some("experiences"));
        assert_eq!(guess_section("关于开展主题教育的通知"), None);
    }
}
