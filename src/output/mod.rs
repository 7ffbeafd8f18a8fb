//! Where every byte goes, and where huibian may write: the [`Sink`] that rendering writes into
//! (staging for build, memory for serve and archive, nothing for check, releases for publish),
//! one check for every command that writes a folder or a file (build, publish, archive,
//! import, new), the mark that tells an output folder huibian made from anyone else's, and the lock
//! that keeps two runs out of one output.
//!
//! Paths are compared only after `..` and symlinks are resolved ([`crate::fsio::resolve`]), so
//! `x/..`, a link to the site or `./content/../content` name the folder they really are.

pub(crate) mod release;
pub mod staging;

pub(crate) use release::Release;
pub use staging::Staging;

/// Where rendered pages and copied files go.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> Result<(), Diagnostic>;
    /// A file served or copied as it is.
    fn file(&self, rel: &str, from: &FileFrom) -> Result<(), Diagnostic>;
    /// The previous output's file at `rel`, when the sink updates an existing output.
    fn previous(&self, _rel: &str) -> Option<Vec<u8>> {
        None
    }
    /// Keeps the previous output's file `rel`, or every file under the folder `rel`, as it is;
    /// how many.
    fn keep_previous(&self, _rel: &str) -> usize {
        0
    }
    /// Keeps each of the previous output's files `rels` as it is; how many.
    fn keep_files(&self, rels: &[String]) -> usize {
        rels.iter().map(|r| self.keep_previous(r)).sum()
    }
    /// A folder on the output's disk for temporary files, when the temporary folder fails.
    fn scratch(&self) -> Option<&Path> {
        None
    }
}

/// The source of a copied file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFrom {
    Disk(PathBuf),
    Builtin(&'static str),
}

/// Keeps what is written in memory: the pages serve puts on the air, the site archive zips.
#[derive(Default)]
pub struct Memory {
    pub pages: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
    pub files: std::sync::Mutex<Vec<(String, FileFrom)>>,
}

impl Memory {
    /// The pages written, in no particular order.
    pub(crate) fn into_pages(self) -> Vec<(String, Vec<u8>)> {
        self.pages.into_inner().expect("memory sink")
    }
}

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.pages
            .lock()
            .expect("memory sink")
            .push((rel.to_string(), bytes));
        Ok(())
    }
    fn file(&self, rel: &str, from: &FileFrom) -> Result<(), Diagnostic> {
        self.files
            .lock()
            .expect("memory sink")
            .push((rel.to_string(), from.clone()));
        Ok(())
    }
}

/// Keeps nothing: check renders every page to find template errors and writes none.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: Vec<u8>) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn file(&self, _: &str, _: &FileFrom) -> Result<(), Diagnostic> {
        Ok(())
    }
}

use crate::diag::Diagnostic;
use crate::i18n::Lang;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The file at site path `rel` inside `base`, a folder a sink writes: never outside it, and never
/// one of huibian's own marks there (`marks`). The one path check of every sink that writes files.
pub(crate) fn file_in(base: &Path, rel: &str, marks: &[&str]) -> Result<PathBuf, Diagnostic> {
    let safe = !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return Err(Diagnostic::tr(rel, crate::msg!("out-outside")));
    }
    if marks.contains(&rel) {
        return Err(Diagnostic::tr(rel, crate::msg!("out-own-mark", rel = rel))
            .hint_tr(crate::msg!("out-own-mark-hint")));
    }
    Ok(base.join(rel))
}

/// The folders a file at `rel` stands in, outermost first, as site paths: `a`, `a/b` for
/// `a/b/c.html`.
pub(crate) fn folders_on_the_way(rel: &str) -> impl Iterator<Item = String> + '_ {
    let mut parts = String::new();
    (Path::new(rel).parent().into_iter())
        .flat_map(|p| p.components())
        .map(move |c| {
            if !parts.is_empty() {
                parts.push('/');
            }
            parts.push_str(&c.as_os_str().to_string_lossy());
            parts.clone()
        })
}

/// Are the folders `base`'s `rel` stands in real folders, no link among them?
pub(crate) fn real_folders(base: &Path, rel: &str) -> bool {
    folders_on_the_way(rel).all(|f| base.join(f).symlink_metadata().is_ok_and(|m| m.is_dir()))
}

/// Is `base`'s `rel` a file of that folder's own: a regular file, not a link, in real folders
/// all the way down? What build (staging, with a cache of the folders) and publish (the
/// previous release) require of an earlier output's file before they keep it, link it or read
/// it: a link planted there would lead them to a file outside, and put it on the site.
pub(crate) fn own_file(base: &Path, rel: &str) -> bool {
    real_folders(base, rel) && base.join(rel).symlink_metadata().is_ok_and(|m| m.is_file())
}

/// What a sink is asked to put at a path: bytes rendered, or a file copied as it is.
#[derive(Clone, Copy)]
pub(crate) enum New<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

/// Does the previous output's file `old` already hold exactly `new`? Sizes are compared first,
/// so a changed file is rarely read. The one comparison behind "unchanged files stay as they
/// were" in build (staging) and "unchanged files are hard-linked" in publish (releases).
pub(crate) fn same_as(old: &Path, new: New<'_>) -> bool {
    let Ok(meta) = std::fs::metadata(old) else {
        return false;
    };
    let same_len = |n: u64| meta.is_file() && meta.len() == n;
    match new {
        New::Bytes(b) => same_len(b.len() as u64) && std::fs::read(old).is_ok_and(|o| o == b),
        New::File(p) => {
            std::fs::metadata(p).is_ok_and(|m| same_len(m.len()))
                && std::fs::read(old)
                    .ok()
                    .zip(std::fs::read(p).ok())
                    .is_some_and(|(a, b)| a == b)
        }
    }
}

/// The file in every output folder huibian makes: it lists the files huibian wrote there, the
/// only ones a later build replaces or deletes.
pub const MARK: &str = ".huibian-output";

/// What the site reads: an output may not be one of these, hold one, or lie inside one.
fn site_inputs(root: &Path) -> Vec<PathBuf> {
    ["content", "themes", "templates", "static", "config.yaml"]
        .iter()
        .map(|p| crate::fsio::resolve(&root.join(p)))
        .collect()
}

/// The output folder `output` as it really is, if it may hold a build of the site at `root`: it
/// is not the site, does not hold it, and is not inside a folder the site reads.
pub(crate) fn check_output(root: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let out = crate::fsio::resolve(output);
    let site = crate::fsio::resolve(root);
    let clash = site.starts_with(&out)
        || site_inputs(root)
            .iter()
            .any(|p| p.starts_with(&out) || out.starts_with(p));
    if clash {
        return Err(Diagnostic::tr(
            output,
            crate::msg!("output-is-the-site", path = out.display().to_string()),
        )
        .hint_tr(crate::msg!("output-is-the-site-hint")));
    }
    Ok(out)
}

/// A file the build copies must not come from inside the folder it writes (`out`, resolved):
/// through a link in content/ or static/ to it, each build would copy the last one into
/// itself again. The error names the link.
pub(crate) fn copied_from_output(from: &Path, out: &Path) -> Result<(), Diagnostic> {
    if !crate::fsio::resolve(from).starts_with(out) {
        return Ok(());
    }
    let link = from
        .ancestors()
        .find(|a| {
            a.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
                && crate::fsio::resolve(a).starts_with(out)
        })
        .unwrap_or(from);
    let out = out.display().to_string();
    Err(
        Diagnostic::tr(link, crate::msg!("out-link-into-output", out = out))
            .hint_tr(crate::msg!("out-link-into-output-hint")),
    )
}

/// A file the site reads or any file inside content/, themes/, templates/ or static/: what
/// `archive --output` may never be written over.
pub(crate) fn check_file_target(root: &Path, file: &Path) -> Result<PathBuf, Diagnostic> {
    let at = crate::fsio::resolve(file);
    let site = crate::fsio::resolve(root);
    let inside_input = site_inputs(root).iter().any(|p| at.starts_with(p));
    if site.starts_with(&at) || inside_input {
        let at = at.display().to_string();
        return Err(Diagnostic::tr(file, crate::msg!("out-site-file", at = at))
            .hint_tr(crate::msg!("out-site-file-hint")));
    }
    if at.is_dir() {
        return Err(Diagnostic::tr(file, crate::msg!("output-is-a-folder"))
            .hint_tr(crate::msg!("output-is-a-folder-hint")));
    }
    Ok(at)
}

/// A file `import` or `new` writes: inside the site's content/ folder (itself inside the site),
/// symlinks resolved, so a section folder linking elsewhere is refused.
pub(crate) fn inside_content(content: &Path, path: &Path) -> Result<(), Diagnostic> {
    let folder = crate::fsio::resolve(content);
    let site = crate::fsio::resolve(content.parent().unwrap_or(Path::new(".")));
    let at = crate::fsio::resolve(path);
    if folder.starts_with(&site) && at.starts_with(&folder) && at != folder {
        return Ok(());
    }
    let m = crate::msg!(
        "out-outside-content",
        content = content.display().to_string(),
        at = crate::fsio::resolve(path).display().to_string()
    );
    Err(Diagnostic::tr(path, m).hint_tr(crate::msg!("out-outside-content-hint")))
}

/// The files a build of huibian wrote into `dir`, read from its mark; `None` when `dir` does
/// not exist or is empty (a fresh output); an error when it holds files without the mark.
pub(crate) fn owned_files(
    dir: &Path,
    shown: &Path,
) -> Result<Option<BTreeSet<String>>, Diagnostic> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(_) => return Ok(None),
    };
    if !meta.is_dir() {
        return Err(Diagnostic::tr(shown, crate::msg!("output-is-a-file"))
            .hint_tr(crate::msg!("output-is-a-file-hint")));
    }
    let mark = dir.join(MARK);
    if mark.symlink_metadata().is_ok_and(|m| m.is_file()) {
        let text = crate::fsio::read_text(&mark)?;
        return parse_mark(&text).map(Some).ok_or_else(|| {
            Diagnostic::tr(shown.join(MARK), crate::msg!("out-mark-damaged"))
                .hint_tr(crate::msg!("out-mark-damaged-hint"))
        });
    }
    let empty = std::fs::read_dir(dir)
        .map_err(|e| io(shown, "out-cannot-read-folder", &e))?
        .next()
        .is_none();
    if empty {
        return Ok(None);
    }
    Err(
        Diagnostic::tr(shown, crate::msg!("output-foreign", mark = MARK))
            .hint_tr(crate::msg!("output-foreign-hint")),
    )
}

/// The mark's text: a line for people, then the file list as JSON (any file name survives).
pub(crate) fn mark_text<'a>(files: impl Iterator<Item = &'a String>) -> String {
    let list: Vec<&String> = files.collect();
    format!(
        "huibian output folder: huibian replaces or deletes only the files listed here.\n{}\n",
        serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
    )
}

fn parse_mark(text: &str) -> Option<BTreeSet<String>> {
    let (_, json) = text.split_once('\n')?;
    serde_json::from_str::<Vec<String>>(json.trim())
        .ok()
        .map(|v| {
            v.into_iter()
                .filter(|p| {
                    Path::new(p)
                        .components()
                        .all(|c| matches!(c, std::path::Component::Normal(_)))
                })
                .collect()
        })
}

/// Holds the folder that will hold `target` locked against other huibian runs until dropped
/// (an OS lock: a killed run leaves nothing stale). A second build of the same output waits,
/// and so does a build of another output in the same folder (`x/a` and `x/b`): the lock is the
/// parent's, since the output itself may not exist yet and is replaced by a rename.
pub(crate) fn lock_beside(target: &Path, lang: Lang) -> Result<std::fs::File, Diagnostic> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::fsio::create_dir_all(parent)?;
    // Unix locks the folder itself (nothing is left beside the output); Windows cannot open a
    // folder as a file, so it locks a file of huibian's own there.
    #[cfg(unix)]
    let opened = std::fs::File::open(parent);
    #[cfg(not(unix))]
    let opened = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(parent.join(".huibian-lock"));
    let f = opened.map_err(|e| io(parent, "out-cannot-open-to-lock", &e))?;
    match f.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let dir = parent.display().to_string();
            crate::diag::note!("{}", crate::msg!("out-waiting", dir = dir).text(lang));
            f.lock().map_err(|e| io(parent, "out-cannot-lock", &e))?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io(parent, "out-cannot-lock", &e)),
    }
    Ok(f)
}

/// A failed I/O call on `p`: the message `id` with its reason (`why`).
pub(crate) fn io(p: &Path, id: &'static str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::tr(p, crate::i18n::Msg::new(id).arg("why", crate::fsio::why(e)))
}
