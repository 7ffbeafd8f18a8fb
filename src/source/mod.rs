//! Reads the site folder: walks content/, splits and checks every document's front matter (in
//! parallel), finds bundles and their attachments, and gives each document its slug.

pub mod date;
pub mod frontmatter;
pub mod slug;

use crate::diag::Diagnostic;
use frontmatter::{FrontMatter, SectionMeta};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;
use walkdir::WalkDir;

/// One document as found on disk, front matter parsed, body not yet rendered.
#[derive(Debug, Clone)]
pub struct DocSource {
    pub path: PathBuf,
    /// Path relative to content/, with `/`: how links between documents name it.
    pub rel: String,
    pub section: String,
    pub fm: FrontMatter,
    pub body: String,
    pub body_line: usize,
    pub slug: String,
    pub attachments: Vec<AttachmentSource>,
    /// Hash of the front matter text: what the document's page depends on besides its body.
    pub fm_hash: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AttachmentSource {
    /// Path inside the bundle, with `/`, as it appears in the document's URL folder.
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
    /// With the size, what tells a changed file (a sheet shown in the page is read again).
    pub modified: Option<SystemTime>,
    /// The file as a table, for a link standing alone in its paragraph: read the first time
    /// the page, the search index or check asks, then shared by them.
    pub(crate) table: LazySheet,
}

/// A spreadsheet attachment's table, read once. It adds nothing to comparisons and hashes: what
/// it holds follows from the file's path, size and modification time.
#[derive(Clone, Default)]
pub(crate) struct LazySheet(Arc<std::sync::OnceLock<SheetRead>>);

/// A bundle file read as a table, or why it cannot be.
pub(crate) type SheetRead = Arc<Result<crate::sheet::Workbook, crate::sheet::Unreadable>>;

impl PartialEq for LazySheet {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LazySheet {}

impl Hash for LazySheet {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

impl std::fmt::Debug for LazySheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "LazySheet(read)"
        } else {
            "LazySheet"
        })
    }
}

impl DocSource {
    /// The table of the bundle file a link names (`taizhang.xlsx`, `./附件/台账.csv`, with or
    /// without percent-encoding), read once with the page's limits; None when the link names
    /// no spreadsheet or .csv of this bundle (then it is an ordinary link).
    pub(crate) fn sheet(&self, dest: &str) -> Option<SheetRead> {
        let path = dest.split(['?', '#']).next()?;
        if !crate::sheet::is_sheet_name(path) {
            return None;
        }
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok()?;
        let name = decoded.strip_prefix("./").unwrap_or(&decoded);
        let a = self.attachments.iter().find(|a| a.name == name)?;
        Some(
            a.table
                .0
                .get_or_init(|| Arc::new(self.read_sheet(a)))
                .clone(),
        )
    }

    fn read_sheet(
        &self,
        a: &AttachmentSource,
    ) -> Result<crate::sheet::Workbook, crate::sheet::Unreadable> {
        // The walk followed links only inside the site; a file swapped for one since is not read.
        let content = self.path.ancestors().nth(self.rel.matches('/').count() + 1);
        let site = content.and_then(Path::parent).unwrap_or(Path::new("."));
        if !crate::fsio::is_within(&a.path, site) {
            return Err(crate::sheet::Unreadable::new(
                crate::msg!("sheet-outside-site"),
                crate::msg!("sheet-outside-site-hint"),
            ));
        }
        crate::sheet::read(&a.path, crate::sheet::PAGE, None)
    }
}

#[derive(Debug, Clone)]
pub struct SectionSource {
    pub name: String,
    pub meta: SectionMeta,
    /// Markdown of `_index.md` after its front matter: the section's introduction.
    pub intro: String,
    pub intro_line: usize,
    pub index_path: Option<PathBuf>,
}

/// Files under content/ that are neither documents nor attachments: copied as they are.
#[derive(Debug, Clone)]
pub struct LooseFile {
    pub rel: String,
    pub path: PathBuf,
}

#[derive(Debug, Default)]
pub struct Source {
    pub sections: Vec<SectionSource>,
    pub docs: Vec<Arc<DocSource>>,
    pub loose: Vec<LooseFile>,
    /// content/-relative paths of drafts left out of this build (to explain links to them).
    pub drafts: Vec<String>,
    /// content/-relative paths of documents left out of a selection (an archive of one batch):
    /// links to them become plain text.
    pub left_out: Vec<String>,
    /// content/-relative paths of documents that could not be read (bad front matter …): left
    /// out, so that the other documents are still checked; links to them say so.
    pub failed: Vec<String>,
}

/// What the walk found before any file is parsed.
#[derive(Clone)]
enum Found {
    Doc {
        path: PathBuf,
        section: String,
        bundle: Option<PathBuf>,
    },
    SectionIndex {
        path: PathBuf,
        section: String,
    },
}

impl Found {
    fn path(&self) -> &Path {
        match self {
            Found::Doc { path, .. } | Found::SectionIndex { path, .. } => path,
        }
    }
}

/// Parsed files kept between builds (serve): a file is read again only when its size or
/// modification time changed, so a rebuild after one edit parses one file.
#[derive(Default)]
pub struct SourceCache {
    files: HashMap<PathBuf, Cached>,
}

struct Cached {
    stamp: Stamp,
    parsed: Result<Parsed, Vec<Diagnostic>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok();
    Stamp {
        modified: m.as_ref().and_then(|m| m.modified().ok()),
        len: m.map_or(u64::MAX, |m| m.len()),
    }
}

/// Every document that could be read, with the errors of the others (listed in
/// `Source::failed`): `check` and `build` go on with them to report every problem at once.
pub(crate) fn load_all(
    content: &Path,
    taxonomies: &[(&str, &str)],
    drafts: bool,
    cache: &mut SourceCache,
) -> (Source, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut source = Source::default();
    let found = walk(content, &mut source, &mut errors);
    let stamps: Vec<Stamp> = found.par_iter().map(|f| stamp(f.path())).collect();
    let misses: Vec<(usize, Parsed)> = found
        .par_iter()
        .enumerate()
        .filter(|(i, f)| {
            cache
                .files
                .get(f.path())
                .is_none_or(|c| c.stamp != stamps[*i])
        })
        .map(|(i, f)| (i, Parsed::Pending(f.clone())))
        .collect();
    let fresh: Vec<(usize, Result<Parsed, Vec<Diagnostic>>)> = misses
        .into_par_iter()
        .map(|(i, p)| match p {
            Parsed::Pending(f) => (i, parse_found(content, f, taxonomies)),
            other => (i, Ok(other)),
        })
        .collect();
    for (i, parsed) in fresh {
        cache.files.insert(
            found[i].path().to_path_buf(),
            Cached {
                stamp: stamps[i],
                parsed,
            },
        );
    }
    let live: std::collections::HashSet<&Path> = found.iter().map(Found::path).collect();
    cache.files.retain(|p, _| live.contains(p.as_path()));
    for f in &found {
        match &cache.files[f.path()].parsed {
            Ok(Parsed::Doc(d)) if d.fm.draft && !drafts => source.drafts.push(d.rel.clone()),
            Ok(Parsed::Doc(d)) => {
                source
                    .docs
                    .push(with_current_attachments(d, f, content, &mut errors))
            }
            Ok(Parsed::Section(s)) => {
                if let Some(existing) = source.sections.iter_mut().find(|x| x.name == s.name) {
                    *existing = s.clone();
                }
            }
            Ok(Parsed::Pending(_)) => {}
            Err(e) => {
                if let Found::Doc { path, .. } = f {
                    source.failed.push(rel_slash(content, path));
                }
                errors.extend(e.iter().cloned())
            }
        }
    }
    (source, errors)
}

impl SourceCache {
    /// Reads one known document again after an edit (the live preview's fast path). None when
    /// the file is not a document this cache knows, or its stamp did not change.
    pub(crate) fn refresh_doc(
        &mut self,
        content: &Path,
        path: &Path,
        taxonomies: &[(&str, &str)],
    ) -> Option<Result<Arc<DocSource>, Vec<Diagnostic>>> {
        let cached = self.files.get(path)?;
        let Ok(Parsed::Doc(old)) = &cached.parsed else {
            return None;
        };
        let now = stamp(path);
        if now == cached.stamp {
            return None;
        }
        let bundle = (path.file_name()? == "index.md" && old.rel.matches('/').count() >= 2)
            .then(|| path.parent().map(Path::to_path_buf))
            .flatten();
        let found = Found::Doc {
            path: path.to_path_buf(),
            section: old.section.clone(),
            bundle,
        };
        let parsed = parse_found(content, found, taxonomies);
        let result = match &parsed {
            Ok(Parsed::Doc(d)) => Ok(d.clone()),
            Ok(_) => return None,
            Err(e) => Err(e.clone()),
        };
        self.files
            .insert(path.to_path_buf(), Cached { stamp: now, parsed });
        Some(result)
    }
}

/// A bundle's files can change without its index.md: list them afresh on every load.
fn with_current_attachments(
    d: &Arc<DocSource>,
    f: &Found,
    content: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Arc<DocSource> {
    let Found::Doc {
        bundle: Some(dir), ..
    } = f
    else {
        return d.clone();
    };
    let now = bundle_files(dir, content, errors);
    if now == d.attachments {
        d.clone()
    } else {
        Arc::new(DocSource {
            attachments: now,
            ..(**d).clone()
        })
    }
}

fn skip_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name.starts_with('#')
        || name == "4913"
        // What `huibian import --force` keeps of a replaced document.
        || name.ends_with(".bak")
}

fn rel_slash(base: &Path, p: &Path) -> String {
    p.strip_prefix(base)
        .unwrap_or(p)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The site folder, resolved: the one that holds `content`.
fn site_of(content: &Path) -> PathBuf {
    crate::fsio::resolve(content.parent().unwrap_or(Path::new(".")))
}

fn leaves_site(path: &Path, site: &Path) -> Option<Diagnostic> {
    crate::fsio::link_leaving(path, site)
}

fn walk(content: &Path, source: &mut Source, errors: &mut Vec<Diagnostic>) -> Vec<Found> {
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(content) {
        Ok(e) => e,
        Err(e) => {
            errors.push(
                Diagnostic::tr(
                    content,
                    crate::msg!("source-no-content", why = crate::fsio::why(&e)),
                )
                .hint_tr(crate::msg!("source-no-content-hint")),
            );
            return found;
        }
    };
    let mut top: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    top.sort();
    // Symlinks are followed only where they stay inside the site folder: the folder that
    // holds content/, not where a content/ link points.
    let site = site_of(content);
    if let Err(d) = crate::fsio::folder_inside(content, &site) {
        errors.push(d);
        return found;
    }
    for path in top {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if skip_name(&name) {
            continue;
        }
        if let Some(d) = leaves_site(&path, &site) {
            errors.push(d);
            continue;
        }
        if path.is_dir() {
            source.sections.push(SectionSource {
                name: name.clone(),
                meta: SectionMeta::default(),
                intro: String::new(),
                intro_line: 1,
                index_path: None,
            });
            walk_section(content, &path, &name, &mut found, source, &site, errors);
        } else if name.ends_with(".md") && name != "_index.md" {
            errors.push(
                Diagnostic::tr(&path, crate::msg!("source-loose-document"))
                    .hint_tr(crate::msg!("source-loose-document-hint")),
            );
        }
    }
    found
}

fn walk_section(
    content: &Path,
    dir: &Path,
    section: &str,
    found: &mut Vec<Found>,
    source: &mut Source,
    site: &Path,
    errors: &mut Vec<Diagnostic>,
) {
    let mut it = WalkDir::new(dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(next) = it.next() {
        let entry = match next {
            Ok(e) => e,
            // An unreadable folder or a symlink loop: said, never silently skipped.
            Err(e) => {
                errors.push(crate::fsio::walk_error(&e, dir));
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        let name = entry.file_name().to_string_lossy().to_string();
        if skip_name(&name) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            if let Some(d) = leaves_site(&path, site) {
                errors.push(d);
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_dir() {
            let index = path.join("index.md");
            if index.is_file() {
                found.push(Found::Doc {
                    path: index,
                    section: section.into(),
                    bundle: Some(path),
                });
                it.skip_current_dir();
            }
            continue;
        }
        if name == "_index.md" && entry.depth() == 1 {
            found.push(Found::SectionIndex {
                path,
                section: section.into(),
            });
        } else if name.ends_with(".md") && name != "_index.md" {
            found.push(Found::Doc {
                path,
                section: section.into(),
                bundle: None,
            });
        } else {
            source.loose.push(LooseFile {
                rel: rel_slash(content, &path),
                path,
            });
        }
    }
}

enum Parsed {
    Doc(Arc<DocSource>),
    Section(SectionSource),
    /// Found, not parsed yet.
    Pending(Found),
}

fn parse_found(
    content: &Path,
    f: Found,
    taxonomies: &[(&str, &str)],
) -> Result<Parsed, Vec<Diagnostic>> {
    match f {
        Found::SectionIndex { path, section } => {
            let text = crate::fsio::read_text(&path).map_err(|d| vec![d])?;
            let split = frontmatter::split(&path, &text).map_err(|d| vec![d])?;
            let meta = frontmatter::parse_section(&path, &split).map_err(|d| vec![d])?;
            Ok(Parsed::Section(SectionSource {
                name: section,
                meta,
                intro: split.body.to_string(),
                intro_line: split.body_line,
                index_path: Some(path),
            }))
        }
        Found::Doc {
            path,
            section,
            bundle,
        } => {
            let text = crate::fsio::read_text(&path).map_err(|d| vec![d])?;
            let split = frontmatter::split(&path, &text).map_err(|d| vec![d])?;
            let fm = frontmatter::parse_doc(&path, &split, taxonomies, &section)?;
            let slug = doc_slug(&path, bundle.as_deref(), &fm).map_err(|d| vec![d])?;
            let mut errors = Vec::new();
            let attachments = match &bundle {
                Some(dir) => bundle_files(dir, content, &mut errors),
                None => Vec::new(),
            };
            if !errors.is_empty() {
                return Err(errors);
            }
            let mut h = std::collections::hash_map::DefaultHasher::new();
            split.yaml.hash(&mut h);
            let fm_hash = h.finish();
            Ok(Parsed::Doc(Arc::new(DocSource {
                fm_hash,
                rel: rel_slash(content, &path),
                section,
                body: split.body.to_string(),
                body_line: split.body_line,
                fm,
                slug,
                attachments,
                path,
            })))
        }
    }
}

/// Front matter `slug`, else an ASCII file (or bundle folder) name, else the title's pinyin.
fn doc_slug(path: &Path, bundle: Option<&Path>, fm: &FrontMatter) -> Result<String, Diagnostic> {
    if let Some(s) = &fm.slug {
        if let Some(m) = slug::slug_problem(s) {
            return Err(Diagnostic::tr(path, m).hint_tr(crate::msg!("slug-hint")));
        }
        return Ok(s.clone());
    }
    let stem = match bundle {
        Some(dir) => dir.file_name(),
        None => path.file_stem(),
    }
    .map(|s| s.to_string_lossy().to_string())
    .unwrap_or_default();
    if slug::is_ascii_slug(&stem) {
        return Ok(stem.to_ascii_lowercase());
    }
    let s = slug::slugify(&fm.title);
    if s.is_empty() {
        return Err(Diagnostic::tr(path, crate::msg!("source-no-slug"))
            .hint_tr(crate::msg!("source-no-slug-hint")));
    }
    Ok(s)
}

/// Every file of a bundle but its index.md, sorted; symlinks followed as in sections.
fn bundle_files(dir: &Path, content: &Path, errors: &mut Vec<Diagnostic>) -> Vec<AttachmentSource> {
    crate::fsio::files_in(dir, &site_of(content), errors)
        .into_iter()
        .filter(|(name, _)| name != "index.md" && !name.split('/').any(skip_name))
        .map(|(name, path)| {
            let meta = std::fs::metadata(&path).ok();
            AttachmentSource {
                size: meta.as_ref().map_or(0, |m| m.len()),
                modified: meta.and_then(|m| m.modified().ok()),
                table: LazySheet::default(),
                name,
                path,
            }
        })
        .collect()
}
