//! The one place files are read and written, so every I/O error carries its path.

use crate::diag::{Code, Diagnostic};
use crate::i18n::Msg;
use crate::msg;
use std::fs;
use std::path::Path;

/// Why an I/O call failed, in words: the system's own in English, the catalogue's in Chinese
/// for the kinds people meet (a path that is not there, no permission).
pub(crate) fn why(e: &std::io::Error) -> Msg {
    why_of(e.kind(), e.to_string())
}

/// [`why`] for an error of `kind` whose English is `detail` (a walk's error names its path).
fn why_of(kind: std::io::ErrorKind, detail: String) -> Msg {
    use std::io::ErrorKind;
    match kind {
        ErrorKind::NotFound => msg!("io-not-found", detail = detail),
        ErrorKind::PermissionDenied => msg!("io-permission", detail = detail),
        ErrorKind::IsADirectory => msg!("io-is-a-folder", detail = detail),
        ErrorKind::StorageFull => msg!("io-disk-full", detail = detail),
        _ => msg!("io-other", detail = detail),
    }
}

/// "cannot read the file: …" for `path`.
fn cannot_read(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::tr(path, msg!("fs-cannot-read", why = why(e)))
}

/// "cannot write the file: …" for `path`.
fn cannot_write(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::tr(path, msg!("fs-cannot-write", why = why(e)))
}

/// "cannot copy to …: …" for `from`.
fn cannot_copy(from: &Path, to: &Path, e: &std::io::Error) -> Diagnostic {
    let to = to.display().to_string();
    Diagnostic::tr(from, msg!("fsio-cannot-copy", to = to, why = why(e)))
}

pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    fs::read(path).map_err(|e| cannot_read(path, &e))
}

/// Opens a file to read it in pieces (an archive of several GB is never held whole).
pub(crate) fn open(path: &Path) -> Result<fs::File, Diagnostic> {
    fs::File::open(path).map_err(|e| cannot_read(path, &e))
}

/// The largest text file a site reads (a document, a template, config.yaml): the longest
/// campaign document is a few hundred KB, so anything near this is a mistake (a log, a dump, a
/// picture saved as .md), said instead of read into memory whole.
pub(crate) const TEXT_LIMIT: u64 = 64 << 20;

/// Reads a UTF-8 text file; anything else is an error naming the first bad byte.
pub(crate) fn read_text(path: &Path) -> Result<String, Diagnostic> {
    if let Ok(m) = fs::metadata(path) {
        if m.len() > TEXT_LIMIT {
            let (mb, max) = (m.len() >> 20, TEXT_LIMIT >> 20);
            return Err(
                Diagnostic::tr(path, msg!("fsio-too-large", mb = mb, max = max))
                    .hint_tr(msg!("fsio-too-large-hint")),
            );
        }
    }
    let bytes = read_bytes(path)?;
    // encoding_rs checks UTF-8 several times faster than std on Chinese text (std's fast path
    // is ASCII), which made checking a tenth of loading; copying the checked text costs less.
    if let Some(text) =
        encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(&bytes)
    {
        return Ok(text.into_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) =
            crate::diag::line_col(std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or(""), at);
        Diagnostic::tr(path, msg!("fs-not-utf8", offset = at))
            .at(line, col)
            .hint_tr(msg!("fs-not-utf8-hint"))
    })
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    Folders::default().write(path, bytes)
}

/// The folders a writer has made already, so that writing thousands of files into one folder
/// asks the file system for it once: `create_dir_all` for every file (a `mkdir` that fails,
/// then a `stat`) was some 4 % of a cold build's time. Only for a folder this process made
/// and no one else writes in (a staging or release folder of its own).
#[derive(Default)]
pub(crate) struct Folders(std::sync::Mutex<std::collections::HashSet<std::ffi::OsString>>);

impl Folders {
    /// `dir` and the folders above it, unless this writer made it already.
    pub(crate) fn make(&self, dir: &Path) -> Result<(), Diagnostic> {
        let known = |d: &Path| self.0.lock().expect("folders").contains(d.as_os_str());
        if !known(dir) {
            create_dir_all(dir)?;
            self.0
                .lock()
                .expect("folders")
                .insert(dir.as_os_str().to_owned());
        }
        Ok(())
    }

    /// [`write`], its folder made once.
    pub(crate) fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        if let Some(parent) = path.parent() {
            self.make(parent)?;
        }
        fs::write(path, bytes).map_err(|e| cannot_write(path, &e))
    }

    /// [`copy`], its folder made once.
    pub(crate) fn copy(&self, from: &Path, to: &Path) -> Result<(), Diagnostic> {
        if let Some(parent) = to.parent() {
            self.make(parent)?;
        }
        fs::copy(from, to)
            .map(|_| ())
            .map_err(|e| cannot_copy(from, to, &e))
    }
}

pub(crate) fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    fs::create_dir_all(path)
        .map_err(|e| Diagnostic::tr(path, msg!("fs-cannot-create-folder", why = why(&e))))
}

/// A new file of its own beside `path` (a random name, created new, so never a file or a
/// link someone left under a fixed name), deleted when dropped; [`put_in_place`] renames it
/// onto `path`. Permissions as a plain write would give (the umask applies).
pub(crate) fn new_beside(path: &Path) -> Result<tempfile::NamedTempFile, Diagnostic> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_dir_all(parent)?;
    let mut b = tempfile::Builder::new();
    b.prefix(".huibian-new-");
    #[cfg(unix)]
    b.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    b.tempfile_in(parent)
        .map_err(|e| Diagnostic::tr(path, msg!("fsio-cannot-create-beside", why = why(&e))))
}

/// Renames the file made by [`new_beside`] onto `path`, in one step; on failure it is removed.
pub(crate) fn put_in_place(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), Diagnostic> {
    tmp.persist(path)
        .map(|_| ())
        .map_err(|e| Diagnostic::tr(path, msg!("fsio-cannot-put-in-place", why = why(&e.error))))
}

/// Replaces the file at `path` with `bytes` in one rename: written beside it first
/// ([`new_beside`]), never through whatever stands at a fixed temporary name.
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    let mut tmp = new_beside(path)?;
    tmp.write_all(bytes).map_err(|e| cannot_write(path, &e))?;
    put_in_place(tmp, path)
}

/// Replaces the file at `to` with a copy of `from` (its permissions too), like [`replace`].
pub(crate) fn replace_with_copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| cannot_copy(from, to, &e);
    let mut tmp = new_beside(to)?;
    let mut src = fs::File::open(from).map_err(fail)?;
    std::io::copy(&mut src, tmp.as_file_mut()).map_err(fail)?;
    let perms = src.metadata().map_err(fail)?.permissions();
    tmp.as_file().set_permissions(perms).map_err(fail)?;
    put_in_place(tmp, to)
}

/// Writes a new file, refusing to replace one that exists (for `init`, `new` and import).
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::tr(path, msg!("fs-exists")).hint_tr(msg!("fs-exists-hint"))
            } else {
                Diagnostic::tr(path, msg!("fs-cannot-create", why = why(&e)))
            }
        })?;
    f.write_all(bytes).map_err(|e| cannot_write(path, &e))
}

/// Where `path` really is: absolute, with `.`, `..` and every symlink along it resolved, also
/// for the part that does not exist yet (a dangling symlink resolves to where it points). Paths
/// are compared only in this form: `x/..`, `./a/../b` or a link to the site must not pass for
/// another folder.
pub(crate) fn resolve(path: &Path) -> std::path::PathBuf {
    let start = if path.is_absolute() {
        std::path::PathBuf::new()
    } else {
        std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .unwrap_or_default()
    };
    resolve_from(start, path, &mut 0)
}

/// Follows `path` from the resolved folder `cur`; `hops` bounds symlink chains (40, as Linux).
fn resolve_from(mut cur: std::path::PathBuf, path: &Path, hops: &mut u32) -> std::path::PathBuf {
    use std::path::Component;
    for c in path.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => cur.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                // `cur` is resolved, so its parent is the real one.
                cur.pop();
            }
            Component::Normal(name) => {
                let next = cur.join(name);
                match fs::read_link(&next) {
                    Ok(target) if *hops < 40 => {
                        *hops += 1;
                        let base = if target.is_absolute() {
                            std::path::PathBuf::new()
                        } else {
                            cur.clone()
                        };
                        cur = resolve_from(base, &target, hops);
                    }
                    _ => cur = next,
                }
            }
        }
    }
    cur
}

/// Is `path` inside the folder `dir` (or `dir` itself), both as [`resolve`] sees them?
pub(crate) fn is_within(path: &Path, dir: &Path) -> bool {
    resolve(path).starts_with(resolve(dir))
}

/// A symlink at `path` whose target lies outside `site` (resolved): an error naming the link,
/// as following it would publish files from elsewhere on the machine. `None` for anything
/// else.
pub(crate) fn link_leaving(path: &Path, site: &Path) -> Option<Diagnostic> {
    if !path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return None;
    }
    match path.canonicalize() {
        Ok(target) if target.starts_with(site) => None,
        Ok(target) => Some(outside_site(path, &target)),
        Err(e) => Some(
            Diagnostic::tr(path, msg!("fsio-dangling-link", why = why(&e)))
                .hint_tr(msg!("fsio-dangling-link-hint")),
        ),
    }
}

fn outside_site(link: &Path, target: &Path) -> Diagnostic {
    let target = target.display().to_string();
    Diagnostic::tr(link, msg!("fsio-link-outside", target = target))
        .code(Code::OutsideSite)
        .hint_tr(msg!("fsio-link-outside-hint"))
}

/// `dir` (a folder the site reads: static/, templates/, a theme) lies inside `site` once
/// symlinks are resolved; else an error naming the link on the way.
pub(crate) fn folder_inside(dir: &Path, site: &Path) -> Result<(), Diagnostic> {
    let real = resolve(dir);
    if real.starts_with(site) {
        return Ok(());
    }
    let link = dir
        .ancestors()
        .filter(|a| {
            a.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        })
        .last()
        .unwrap_or(dir);
    Err(outside_site(link, &resolve(link)))
}

/// A folder walk's error (an unreadable folder, a symlink loop) as a diagnostic: said, never
/// skipped in silence.
pub(crate) fn walk_error(e: &walkdir::Error, dir: &Path) -> Diagnostic {
    let path = e.path().unwrap_or(dir).to_path_buf();
    let message = if e.loop_ancestor().is_some() {
        msg!("fsio-link-loop")
    } else {
        let kind = e
            .io_error()
            .map_or(std::io::ErrorKind::Other, |io| io.kind());
        msg!("fsio-cannot-read-here", why = why_of(kind, e.to_string()))
    };
    Diagnostic::tr(path, message).hint_tr(msg!("fsio-walk-hint"))
}

/// The files under `dir` (none if it is missing) as (name with `/`, path), sorted. Symlinks
/// are followed where they stay inside `site` (resolved); one leading out, or a loop, is an
/// error naming it, and is not followed.
pub(crate) fn files_in(
    dir: &Path,
    site: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, std::path::PathBuf)> {
    if !dir.is_dir() {
        // A link that leads nowhere is said; a folder that is simply missing is not.
        errors.extend(link_leaving(dir, site));
        return Vec::new();
    }
    if let Err(d) = folder_inside(dir, site) {
        errors.push(d);
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(next) = it.next() {
        let e = match next {
            Ok(e) => e,
            Err(e) => {
                errors.push(walk_error(&e, dir));
                continue;
            }
        };
        if e.path_is_symlink() {
            if let Some(d) = link_leaving(e.path(), site) {
                errors.push(d);
                if e.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if e.file_type().is_file() {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, e.path().to_path_buf()));
        }
    }
    out
}
