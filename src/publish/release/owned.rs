//! What huibian made in a publish folder, and so may replace or delete. Every change publish
//! makes there asks here first: a release is a real folder named by time (`20231120-093000`,
//! `20231120-093000-2`) holding a marker that gives that same name; `current` is a link to
//! `releases/<such a name>`, or a folder whose marker lists the files huibian wrote into it.
//! Anything else — a user's `releases/v1.0/`, a hand-made `current/`, a copy of a release
//! under another name — is left alone.

use crate::diag::Diagnostic;
use crate::i18n::Msg;
use std::collections::BTreeSet;
use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

/// Inside each release huibian makes: `huibian release <its name>`.
const RELEASE_MARK: &str = ".huibian-release";
/// Inside a `current` folder of the file-by-file mode: the files huibian wrote there.
const CURRENT_MARK: &str = ".huibian-current";
/// Inside each release: the files huibian put there (what else is there, someone else did,
/// through `current/`).
const RELEASE_FILES: &str = ".huibian-files";
/// A release being built; a killed run leaves one behind.
const BUILDING: &str = ".building-";
/// The new `current` link before it is renamed into place.
const NEW_LINK: &str = ".current-new-";

/// `20231120-093000` or `20231120-093000-2`: the names publish gives releases.
pub(crate) fn is_release_name(name: &str) -> bool {
    let b = name.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    b.len() >= 15
        && digits(&b[..8])
        && b[8] == b'-'
        && digits(&b[9..15])
        && (b.len() == 15 || (b[15] == b'-' && digits(&b[16..])))
}

/// The names huibian's markers take; no site file may have them.
/// huibian's own marks in a release folder, which no site file may take the name of.
pub(crate) const MARKS: &[&str] = &[RELEASE_MARK, CURRENT_MARK, RELEASE_FILES];

pub(crate) fn is_marker(rel: &str) -> bool {
    MARKS.contains(&rel)
}

fn is_real_dir(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())
}

/// The marker's text: the release's name, then where its links point (see `links_of`), then
/// that it lists its files (`lists_files`).
fn release_mark(name: &str, links: &str) -> String {
    format!("huibian release {name}\nlinks: {links}\nfiles: {RELEASE_FILES}\n")
}

/// Does the marker of the release `dir` say it lists its files? (Releases of an older huibian
/// do not: for them nothing can be told apart.)
pub(crate) fn lists_files(dir: &Path) -> bool {
    marked_name(dir).is_some()
        && fs::read_to_string(dir.join(RELEASE_MARK))
            .is_ok_and(|t| t.lines().any(|l| l == format!("files: {RELEASE_FILES}")))
}

/// What in the release `dir` huibian cannot account for, links not followed: anything that is
/// neither a marker, nor listed as its own, nor a folder of a listed file, nor at the same place
/// in the release `now` (a plain file with the same bytes, a real folder). Such things a person
/// put there; a release holding any is never deleted. A release whose marker promises a list
/// that is missing or damaged accounts for nothing but its markers; one of an older huibian
/// (no list promised) for everything, as before the lists.
pub(crate) fn unaccounted(dir: &Path, now: &Path) -> Vec<String> {
    if !lists_files(dir) {
        return Vec::new();
    }
    let ours = written(&dir.join(RELEASE_FILES)).unwrap_or_default();
    let folders: BTreeSet<String> = ours
        .iter()
        .flat_map(|f| crate::output::folders_on_the_way(f))
        .collect();
    let same_in_now = |rel: &Path, m: &fs::Metadata| {
        let there = now.join(rel);
        let real = rel
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
            .all(|a| fs::symlink_metadata(now.join(a)).is_ok_and(|m| m.is_dir()));
        let same = match fs::symlink_metadata(&there) {
            Ok(t) if m.is_dir() => t.is_dir(),
            Ok(t) if m.is_file() && t.is_file() => fs::read(dir.join(rel))
                .ok()
                .is_some_and(|a| fs::read(&there).ok() == Some(a)),
            _ => false,
        };
        real && same
    };
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_path_buf();
            let name = rel.to_str().map(|r| r.replace('\\', "/"));
            let listed = name.as_ref().is_some_and(|n| {
                is_marker(n) || ours.contains(n) || (e.file_type().is_dir() && folders.contains(n))
            });
            let m = e.path().symlink_metadata().ok()?;
            (!listed && !same_in_now(&rel, &m)).then(|| rel.to_string_lossy().into_owned())
        })
        .collect()
}

/// Where the links of the release in `dir` point, as its marker records: a base URL, a base
/// path, or `relative`. None for a release of an older huibian, which recorded nothing.
pub(crate) fn links_of(dir: &Path) -> Option<String> {
    marked_name(dir)?;
    let text = fs::read_to_string(dir.join(RELEASE_MARK)).ok()?;
    let links = text.lines().find_map(|l| l.strip_prefix("links: "))?;
    Some(links.to_string())
}

/// The release name the marker in `dir` gives, when `dir` is a real folder holding one.
fn marked_name(dir: &Path) -> Option<String> {
    let mark = dir.join(RELEASE_MARK);
    if !is_real_dir(dir) || !fs::symlink_metadata(&mark).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let text = fs::read_to_string(mark).ok()?;
    let name = text.lines().next()?.strip_prefix("huibian release ")?;
    is_release_name(name).then(|| name.to_string())
}

/// Is `releases/<name>` a release huibian made? A copy or a renamed one names another.
pub(crate) fn is_release(releases: &Path, name: &str) -> bool {
    is_release_name(name) && marked_name(&releases.join(name)).as_deref() == Some(name)
}

/// huibian's releases, oldest first (`-10` after `-9`).
pub(crate) fn releases(releases: &Path) -> Vec<String> {
    let mut names: Vec<String> = entries(releases)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|n| is_release(releases, n))
        .collect();
    names.sort_by_key(|n| (n[..15].to_string(), n[15..].len(), n[15..].to_string()));
    names
}

fn entries(dir: &Path) -> Vec<(String, PathBuf)> {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
        .collect()
}

/// `<to>/releases`, made when missing; a link or a file there is refused, since publish
/// would then build and prune in a folder it cannot call its own.
pub(crate) fn releases_folder(to: &Path) -> Result<PathBuf, Diagnostic> {
    let dir = to.join("releases");
    let what = match fs::symlink_metadata(&dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            crate::fsio::create_dir_all(&dir)?;
            return Ok(dir);
        }
        Err(e) => return Err(cannot_read(&dir, &e)),
        Ok(m) if m.is_dir() => return Ok(dir),
        Ok(m) if m.is_symlink() => match fs::read_link(&dir) {
            Ok(t) => crate::msg!("what-a-symlink-to", target = t.display().to_string()),
            Err(_) => crate::msg!("what-a-symlink"),
        },
        Ok(_) => crate::msg!("what-a-file"),
    };
    Err(
        Diagnostic::tr(&dir, crate::msg!("releases-not-a-folder", what = what)).hint_tr(
            crate::msg!(
                "releases-not-a-folder-hint",
                dir = dir.display().to_string()
            ),
        ),
    )
}

/// What `<to>/current` is.
pub(crate) enum Current {
    Missing,
    /// huibian's link to `releases/<name>`.
    Link(String),
    /// The folder of the file-by-file mode, with the files huibian wrote into it.
    Folder(BTreeSet<String>),
}

/// What `current` is, or why huibian must leave it alone.
pub(crate) fn current(to: &Path) -> Result<Current, Diagnostic> {
    let cur = to.join("current");
    let meta = match fs::symlink_metadata(&cur) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Current::Missing),
        Err(e) => return Err(cannot_read(&cur, &e)),
        Ok(m) => m,
    };
    if meta.is_symlink() {
        let target = fs::read_link(&cur).unwrap_or_default();
        return our_link(&target).map(Current::Link).ok_or_else(|| {
            let what = crate::msg!("what-a-symlink-to", target = target.display().to_string());
            foreign(&cur, what)
        });
    }
    if !meta.is_dir() {
        return Err(foreign(&cur, crate::msg!("what-a-file")));
    }
    let mark = cur.join(CURRENT_MARK);
    if !fs::symlink_metadata(&mark).is_ok_and(|m| m.is_file()) {
        return Err(foreign(&cur, crate::msg!("what-a-folder")));
    }
    written(&mark).map(Current::Folder).ok_or_else(|| {
        Diagnostic::tr(&mark, crate::msg!("current-marker-damaged")).hint_tr(migrate_hint(&cur))
    })
}

/// The release a link of huibian's form points at: `releases/<release name>`. Replacing such a
/// link loses nothing (the folder it points at stays), so one made by a huibian older than
/// the markers is taken as huibian's too; its unmarked release is then kept, never pruned.
fn our_link(target: &Path) -> Option<String> {
    let mut parts = target.components();
    let (Some(Component::Normal(dir)), Some(Component::Normal(name)), None) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let name = name.to_str()?;
    (dir == "releases" && is_release_name(name)).then(|| name.to_string())
}

fn foreign(cur: &Path, what: Msg) -> Diagnostic {
    Diagnostic::tr(cur, crate::msg!("current-foreign", what = what)).hint_tr(migrate_hint(cur))
}

fn migrate_hint(cur: &Path) -> Msg {
    crate::msg!("current-migrate-hint", cur = cur.display().to_string())
}

fn cannot_read(p: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::tr(
        p,
        crate::msg!("releases-cannot-read", why = crate::fsio::why(e)),
    )
}

/// The file list of a `current` folder's marker; None when damaged or naming a path outside.
fn written(mark: &Path) -> Option<BTreeSet<String>> {
    let m: WrittenMark = serde_json::from_slice(&fs::read(mark).ok()?).ok()?;
    let safe = |f: &String| {
        !f.is_empty()
            && !is_marker(f)
            && Path::new(f)
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
    };
    m.written_by_huibian
        .iter()
        .all(safe)
        .then_some(m.written_by_huibian)
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenMark {
    written_by_huibian: BTreeSet<String>,
}

/// Records, in one rename, that huibian wrote `files` into the `current` folder.
pub(crate) fn write_written(cur: &Path, files: &BTreeSet<String>) -> Result<(), Diagnostic> {
    let json = serde_json::to_vec_pretty(&WrittenMark {
        written_by_huibian: files.clone(),
    })
    .unwrap_or_default();
    crate::fsio::replace(&cur.join(CURRENT_MARK), &json)
}

/// Records in the release folder `dir` the files huibian put there.
pub(crate) fn write_release_files(dir: &Path, files: &BTreeSet<String>) -> Result<(), Diagnostic> {
    let json = serde_json::to_vec(&WrittenMark {
        written_by_huibian: files.clone(),
    })
    .unwrap_or_default();
    crate::fsio::write_new(&dir.join(RELEASE_FILES), &json)
}

/// The files of the release `dir` that huibian did not put there (someone wrote them into
/// `current/`): plain files in real folders, links not followed. None for a release that
/// lists nothing (an older huibian's), or whose list is damaged.
pub(crate) fn foreign_files(dir: &Path) -> Option<BTreeSet<String>> {
    let ours = written(&dir.join(RELEASE_FILES))?;
    let mut all = files_under(dir);
    all.retain(|rel| !ours.contains(rel));
    Some(all)
}

/// The folders of the release `dir` that are no folder of a file huibian listed (someone made
/// them: `.well-known/`), as site paths; links not followed.
pub(crate) fn foreign_folders(dir: &Path) -> BTreeSet<String> {
    let Some(ours) = written(&dir.join(RELEASE_FILES)) else {
        return BTreeSet::new();
    };
    let folders: BTreeSet<String> = ours
        .iter()
        .flat_map(|f| crate::output::folders_on_the_way(f))
        .collect();
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .filter_map(|e| {
            Some(
                e.path()
                    .strip_prefix(dir)
                    .ok()?
                    .to_str()?
                    .replace('\\', "/"),
            )
        })
        .filter(|rel| !folders.contains(rel))
        .collect()
}

/// Every file under the release `dir`, as site paths, its markers left out (links not
/// followed: a link is no file of the release).
pub(crate) fn files_under(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            // (A name that is not UTF-8 is no site path: `unaccounted` says it.)
            let rel = e.path().strip_prefix(dir).ok()?;
            Some(rel.to_str()?.replace('\\', "/"))
        })
        .filter(|rel| !is_marker(rel))
        .collect()
}

/// A release folder being built, `.building-<name>-<pid>-<n>`: always a new folder (never
/// one that exists), marked at once so a killed run's leftover is known as huibian's, and
/// removed when dropped unless finished.
pub(crate) struct Building {
    dir: PathBuf,
    done: bool,
}

impl Building {
    pub(crate) fn new(releases: &Path, name: &str, links: &str) -> Result<Building, Diagnostic> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let pid = std::process::id();
        for n in 0..100 {
            let dir = releases.join(format!("{BUILDING}{name}-{pid}-{nanos:x}{n}"));
            match fs::create_dir(&dir) {
                Ok(()) => {
                    let building = Building { dir, done: false };
                    let mark = building.dir.join(RELEASE_MARK);
                    crate::fsio::write_new(&mark, release_mark(name, links).as_bytes())?;
                    return Ok(building);
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(Diagnostic::tr(
                        &dir,
                        crate::msg!("release-cannot-create", why = crate::fsio::why(&e)),
                    ))
                }
            }
        }
        Err(Diagnostic::tr(
            releases,
            crate::msg!("release-no-free-name"),
        ))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }

    /// Renames the finished folder to `releases/<name>`, the name its marker gives.
    pub(crate) fn finish(mut self, releases: &Path, name: &str) -> Result<PathBuf, Diagnostic> {
        let release = releases.join(name);
        fs::rename(&self.dir, &release).map_err(|e| {
            let why = crate::fsio::why(&e);
            Diagnostic::tr(&release, crate::msg!("release-cannot-finish", why = why))
        })?;
        self.done = true;
        Ok(release)
    }
}

impl Drop for Building {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Deletes huibian's release `releases/<name>`: first renamed to a `.building-` name (no
/// longer a release: never listed or rolled back to), then emptied with its marker last, so
/// that a publish killed on the way leaves a marked leftover, which the next one clears.
pub(crate) fn delete_release(releases: &Path, name: &str) -> bool {
    let gone = releases.join(format!("{BUILDING}pruned-{name}-{}", std::process::id()));
    if fs::rename(releases.join(name), &gone).is_err() {
        return false;
    }
    let mark = gone.join(RELEASE_MARK);
    for e in walkdir::WalkDir::new(&gone)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path() == mark {
            continue;
        }
        let _ = if e.file_type().is_dir() {
            fs::remove_dir(e.path())
        } else {
            fs::remove_file(e.path())
        };
    }
    let _ = fs::remove_file(&mark);
    fs::remove_dir(&gone).is_ok()
}

/// A release name for now, unused by anything in releases/, huibian's or not.
pub(crate) fn new_name(releases: &Path) -> String {
    let base = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let taken = |n: &str| fs::symlink_metadata(releases.join(n)).is_ok();
    let mut name = base.clone();
    for n in 2.. {
        if !taken(&name) {
            break;
        }
        name = format!("{base}-{n}");
    }
    name
}

/// Where the new `current` link is made before it is renamed into place.
pub(crate) fn new_link(to: &Path) -> PathBuf {
    to.join(format!("{NEW_LINK}{}", std::process::id()))
}

/// Clears what killed runs left: marked `.building-*` folders and huibian's `.current-new-*`
/// links. Call only under the publish lock, so none of them belongs to a running publish.
pub(crate) fn clear_leftovers(to: &Path, releases: &Path) {
    for (name, path) in entries(releases) {
        if name.starts_with(BUILDING) && marked_name(&path).is_some() {
            let _ = fs::remove_dir_all(&path);
        }
    }
    for (name, path) in entries(to) {
        let ours = fs::read_link(&path).is_ok_and(|t| our_link(&t).is_some());
        if name.starts_with(NEW_LINK) && ours {
            let _ = fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_names_are_exactly_the_ones_publish_gives() {
        for ok in ["20231120-093000", "20231120-093000-2", "20231120-093000-10"] {
            assert!(is_release_name(ok), "{ok}");
        }
        for not in [
            "v1.0",
            "20231120-09300",
            "20231120_093000",
            "20231120-093000-",
            "20231120-093000-backup",
            "20231120-093000x",
            ".building-20231120-093000",
            "２0231120-093000",
        ] {
            assert!(!is_release_name(not), "{not}");
        }
    }
}
