//! Safe output: the build writes into a staging folder beside the output and puts it in place
//! only when everything succeeded, so a failed build leaves the previous output exactly as it
//! was; a rebuild moves in only the files whose bytes changed, and deletes only files that an
//! earlier build listed in the output's mark (files someone else put there stay). A rebuild's
//! moves are journalled and taken back when one fails, so a failure there leaves the output as
//! it was too.

use super::{FileFrom, New, Sink, MARK};
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

pub struct Staging {
    dir: Option<tempfile::TempDir>,
    /// The output, resolved (no symlink or `..` left in it).
    target: PathBuf,
    /// The output existed: files whose bytes are unchanged are left there untouched (their
    /// mtimes stay, so rsync and web caches see nothing new), and only changed files are
    /// staged and moved in.
    update: bool,
    /// The files earlier builds wrote into the output (its mark): the only ones replaced or
    /// deleted.
    owned: BTreeSet<String>,
    /// Every site path this build produced, staged or unchanged.
    produced: Mutex<Vec<String>>,
    /// How many files were unchanged.
    kept: AtomicUsize,
    /// The staging folder's folders made so far.
    folders: crate::fsio::Folders,
    /// Folders of the output (site paths) found to be real folders all the way down, no link.
    real: Mutex<HashSet<String>>,
    /// Held until the new output is in place: one build at a time writes beside it.
    _lock: std::fs::File,
}

impl Staging {
    /// A fresh staging folder next to `target`, which [`super::check_output`] has resolved;
    /// `shown` is the output as the user typed it, for messages. Refuses a folder that holds
    /// files no huibian build wrote.
    pub(crate) fn new(target: &Path, shown: &Path, lang: Lang) -> Result<Staging, Diagnostic> {
        let lock = super::lock_beside(target, lang)?;
        let owned = super::owned_files(target, shown)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let parent = target.parent().unwrap_or(Path::new("."));
        // (Under the lock: no build that is running has a folder there.)
        clear_leftovers(parent, &name);
        // A new folder of its own (created, never reused), removed with this value.
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}{STAGED}"))
            .tempdir_in(parent)
            .map_err(|e| super::io(parent, "out-cannot-stage", &e))?;
        crate::fsio::write(&dir.path().join(STAGING_MARK), b"")?;
        Ok(Staging {
            dir: Some(dir),
            update: target.is_dir(),
            target: target.to_path_buf(),
            owned: owned.unwrap_or_default(),
            produced: Mutex::new(Vec::new()),
            kept: AtomicUsize::new(0),
            folders: Default::default(),
            real: Default::default(),
            _lock: lock,
        })
    }

    fn staging(&self) -> &Path {
        self.dir.as_ref().map_or(Path::new("."), |d| d.path())
    }

    fn path_in(base: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
        super::file_in(base, rel, &[MARK, STAGING_MARK])
    }

    /// The output's file at `rel`, if an earlier build wrote it and it is still a plain file in
    /// real folders of the output: a folder replaced by a link (even to a copy of itself) keeps
    /// nothing, reads nothing and deletes nothing through it.
    fn owned_file(&self, rel: &str) -> Option<PathBuf> {
        if !self.update || !self.owned.contains(rel) {
            return None;
        }
        let p = Self::path_in(&self.target, rel).ok()?;
        (p.symlink_metadata().is_ok_and(|m| m.is_file()) && self.in_real_folders(rel)).then_some(p)
    }

    /// Are the folders the output's `rel` stands in real folders, no link among them? (Each
    /// folder is looked at once a build: there is one per page.) Stricter than `inside_target`,
    /// which lets a link that stays inside the output pass, and cheaper: an lstat per folder
    /// under the output, not a resolve of the whole path.
    fn in_real_folders(&self, rel: &str) -> bool {
        let Some((parent, _)) = rel.rsplit_once('/') else {
            return true;
        };
        if self.real.lock().expect("real").contains(parent) {
            return true;
        }
        let real = super::real_folders(&self.target, rel);
        if real {
            self.real.lock().expect("real").insert(parent.to_string());
        }
        real
    }

    /// Is the output's file at `rel` already exactly `new`?
    fn unchanged(&self, rel: &str, new: New<'_>) -> bool {
        self.owned_file(rel)
            .is_some_and(|p| super::same_as(&p, new))
    }

    fn produced(&self, rel: &str) {
        self.produced
            .lock()
            .expect("produced")
            .push(rel.to_string());
    }

    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let staged = Self::path_in(self.staging(), rel)?;
        self.produced(rel);
        if self.unchanged(rel, New::Bytes(bytes)) {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.folders.write(&staged, bytes)
    }

    pub(crate) fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let staged = Self::path_in(self.staging(), rel)?;
        super::copied_from_output(from, &self.target)?;
        self.produced(rel);
        if self.unchanged(rel, New::File(from)) {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.folders.copy(from, &staged)
    }

    /// The staging folder (beside the output, on its disk).
    pub(crate) fn dir(&self) -> &Path {
        self.staging()
    }

    /// The previous output's file at `rel`, if there is a previous output.
    pub(crate) fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.owned_file(rel)?).ok()
    }

    /// Keeps the previous output's file `rel`, or its files under the folder `rel`, as they are
    /// (the search index when its sources did not change); returns how many.
    pub(crate) fn keep_previous(&self, rel: &str) -> usize {
        if !self.update {
            return 0;
        }
        let prefix = format!("{rel}/");
        // (A range of the sorted set: the index keeps its files one by one, thousands of them.)
        let mine: Vec<&String> = self
            .owned
            .range::<str, _>((std::ops::Bound::Included(rel), std::ops::Bound::Unbounded))
            .take_while(|f| f.starts_with(rel))
            .filter(|f| *f == rel || f.starts_with(&prefix))
            .filter(|f| self.owned_file(f).is_some())
            .collect();
        let mut produced = self.produced.lock().expect("produced");
        produced.extend(mine.iter().map(|f| f.to_string()));
        self.kept.fetch_add(mine.len(), Ordering::Relaxed);
        mine.len()
    }

    /// Keeps the previous output's files `rels` as they are (the search index's unchanged
    /// files, thousands of them); returns how many. As `keep_previous`, only files an earlier
    /// build wrote (the mark) and plain files, no symlink; but one listing per folder tells
    /// that (its entries' types come with it: no stat a file), and one lock records them.
    pub(crate) fn keep_files(&self, rels: &[String]) -> usize {
        if !self.update {
            return 0;
        }
        let mut folders: std::collections::HashMap<&str, HashSet<std::ffi::OsString>> =
            std::collections::HashMap::new();
        let mut mine = Vec::with_capacity(rels.len());
        for rel in rels {
            let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
            let plain = folders.entry(dir).or_insert_with(|| self.plain_files(dir));
            if self.owned.contains(rel) && plain.contains(std::ffi::OsStr::new(name)) {
                mine.push(rel.clone());
            }
        }
        let n = mine.len();
        self.produced.lock().expect("produced").extend(mine);
        self.kept.fetch_add(n, Ordering::Relaxed);
        n
    }

    /// The names of the plain files (not symlinks, not folders) in the output's folder `dir`;
    /// none when the folder is not the output's own (reached through a symlink).
    fn plain_files(&self, dir: &str) -> HashSet<std::ffi::OsString> {
        let path = match dir.is_empty() {
            true => Ok(self.target.clone()),
            false => Self::path_in(&self.target, dir),
        };
        let Some(path) = path.ok().filter(|p| crate::fsio::resolve(p) == *p) else {
            return HashSet::new();
        };
        let Ok(entries) = std::fs::read_dir(&path) else {
            return HashSet::new();
        };
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name())
            .collect()
    }

    /// Files left as they were because their bytes did not change.
    pub(crate) fn unchanged_files(&self) -> usize {
        self.kept.load(Ordering::Relaxed)
    }

    /// Puts the new output in place. A first build renames the staging folder into place; a
    /// rebuild moves each changed file in and removes the files an earlier build wrote that
    /// this one did not. Nothing touches the output before this point, so a failed build
    /// leaves it as it was.
    pub(crate) fn commit(mut self) -> Result<(), Diagnostic> {
        let produced: BTreeSet<String> = std::mem::take(&mut *self.produced.lock().expect("p"))
            .into_iter()
            .collect();
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
        if !self.update {
            let _ = std::fs::remove_file(dir.path().join(STAGING_MARK));
            crate::fsio::write(
                &dir.path().join(MARK),
                super::mark_text(produced.iter()).as_bytes(),
            )?;
            let staged = dir.keep();
            return std::fs::rename(&staged, &self.target).map_err(|e| {
                let _ = std::fs::remove_dir_all(&staged);
                super::io(&self.target, "out-cannot-put-in-place", &e)
            });
        }
        // The mark first lists both builds' files, so that a commit cut short (the process
        // killed) still knows every file it wrote; it lists this build's alone once the old
        // ones are gone. A commit that fails takes back what it did, the mark too.
        let both: BTreeSet<&String> = self.owned.iter().chain(produced.iter()).collect();
        let mark = self.target.join(MARK);
        write_mark(&mark, &super::mark_text(both.into_iter()))?;
        let mut journal = Journal::new(&self.target);
        let Err(failed) = self.move_in(dir.path(), &produced, &mut journal) else {
            return write_mark(&mark, &super::mark_text(produced.iter()));
        };
        if journal.undo() && write_mark(&mark, &super::mark_text(self.owned.iter())).is_ok() {
            return Err(failed);
        }
        let failure = format!("{}: {}", failed.file.display(), failed.message);
        Err(Diagnostic::tr(
            &self.target,
            crate::msg!("out-partly-updated", failure = failure),
        )
        .hint_tr(crate::msg!("out-partly-updated-hint")))
    }

    /// Moves the staged files into the output and deletes the earlier build's files this one
    /// did not make, each step in `journal`.
    fn move_in(
        &self,
        staging: &Path,
        produced: &BTreeSet<String>,
        journal: &mut Journal,
    ) -> Result<(), Diagnostic> {
        let fail = |p: &Path, e: std::io::Error| super::io(p, "out-cannot-update", &e);
        let mut safe_dirs = HashSet::new();
        let staged: Vec<(PathBuf, String)> = walkdir::WalkDir::new(staging)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(staging).unwrap_or(e.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                (e.path().to_path_buf(), rel)
            })
            .filter(|(_, rel)| rel != MARK && rel != STAGING_MARK)
            .collect();
        // Everything in the way is looked at before anything moves: a file or link someone
        // else put where this build writes stops the build with the output as it was.
        for (_, rel) in &staged {
            if let Some(p) = self.foreign_in_the_way(rel) {
                return Err(Self::foreign(&p));
            }
        }
        for (from, rel) in &staged {
            let to = self.target.join(rel);
            self.make_room(&to, rel, &mut safe_dirs, journal)?;
            journal.replace(from, &to).map_err(|err| fail(&to, err))?;
        }
        // Files an earlier build wrote and this one did not (deleted documents …) go last,
        // then the folders they leave empty.
        for rel in self.owned.difference(produced) {
            let Some(p) = self.owned_file(rel) else {
                continue;
            };
            if !self.inside_target(p.parent(), &mut safe_dirs) {
                continue;
            }
            journal.aside(&p).map_err(|err| fail(&p, err))?;
            let mut up = p.parent();
            while let Some(d) = up.filter(|d| *d != self.target && d.starts_with(&self.target)) {
                if !journal.remove_empty(d).map_err(|err| fail(d, err))? {
                    break;
                }
                up = d.parent();
            }
        }
        Ok(())
    }

    /// Is `dir` (a folder under the output) really inside it, no symlink leading elsewhere?
    fn inside_target(&self, dir: Option<&Path>, checked: &mut HashSet<PathBuf>) -> bool {
        let Some(dir) = dir else { return false };
        if checked.contains(dir) {
            return true;
        }
        let ok = crate::fsio::resolve(dir).starts_with(&self.target);
        if ok {
            checked.insert(dir.to_path_buf());
        }
        ok
    }

    fn foreign(p: &Path) -> Diagnostic {
        Diagnostic::tr(p, crate::msg!("out-foreign-file"))
            .hint_tr(crate::msg!("out-foreign-file-hint"))
    }

    /// Does the output's folder `dir` (at `rel`) hold only files an earlier build wrote?
    fn holds_only_ours(&self, dir: &Path, rel: &str) -> bool {
        let prefix = format!("{rel}/");
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
            .all(|e| {
                e.path().strip_prefix(&self.target).is_ok_and(|r| {
                    let r = r.to_string_lossy().replace('\\', "/");
                    r.starts_with(&prefix) && self.owned.contains(&r)
                })
            })
    }

    /// What `make_room` would refuse for a new file at `rel`, found without changing
    /// anything: a folder on its path that is a file not of an earlier build, or a link; in
    /// its place a link, something not of an earlier build, or a folder holding such a thing.
    fn foreign_in_the_way(&self, rel: &str) -> Option<PathBuf> {
        for parts in super::folders_on_the_way(rel) {
            let p = self.target.join(&parts);
            match p.symlink_metadata() {
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.is_file() && self.owned.contains(&parts) => return None,
                Ok(_) => return Some(p),
                Err(_) => return None,
            }
        }
        let to = self.target.join(rel);
        let m = to.symlink_metadata().ok()?;
        if m.is_dir() {
            let all_mine = self.holds_only_ours(&to, rel);
            return (!all_mine).then_some(to);
        }
        (!m.is_file() || !self.owned.contains(rel)).then_some(to)
    }

    /// Clears the way for a new file at `to`: what stands in its place or on its path is
    /// removed only if an earlier build wrote it; a folder there that holds anything else, or
    /// a symlink on the way out of the output, is an error.
    fn make_room(
        &self,
        to: &Path,
        rel: &str,
        checked: &mut HashSet<PathBuf>,
        journal: &mut Journal,
    ) -> Result<(), Diagnostic> {
        let foreign = Self::foreign;
        // A file of an earlier build where this build needs a folder (a page became a section).
        for parts in super::folders_on_the_way(rel) {
            let p = self.target.join(&parts);
            match p.symlink_metadata() {
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.is_file() && self.owned.contains(&parts) => {
                    journal
                        .aside(&p)
                        .map_err(|e| super::io(&p, "out-cannot-update", &e))?;
                }
                Ok(_) => return Err(foreign(&p)),
                Err(_) => break,
            }
        }
        if let Some(parent) = to.parent() {
            journal.make_dirs(parent)?;
        }
        if !self.inside_target(to.parent(), checked) {
            return Err(foreign(to.parent().unwrap_or(to)));
        }
        // A folder of an earlier build where this build puts a file.
        if to.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            let all_mine = self.holds_only_ours(to, rel);
            if !all_mine {
                return Err(foreign(to));
            }
            journal
                .aside(to)
                .map_err(|e| super::io(to, "out-cannot-update", &e))?;
        } else if to.symlink_metadata().is_ok_and(|m| !m.is_file())
            || (to.exists() && !self.owned.contains(rel))
        {
            // A symlink, or a file someone else put where the build writes: it stays.
            return Err(foreign(to));
        }
        Ok(())
    }
}

/// In the folders a build makes beside the output (the staging folder, the one a rebuild sets
/// the old files aside in): what says they are huibian's, for the next build to clear when a
/// killed one left them.
const STAGING_MARK: &str = ".huibian-staging";
/// Their names: `.` and the output's name, then these, then tempfile's random letters.
const STAGED: &str = ".huibian-tmp-";
const ASIDE: &str = ".huibian-old-";

/// Removes the folders a killed build left beside the output `name` in `parent`: only real
/// folders named as huibian names them that hold its mark.
fn clear_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let ours = [format!(".{name}{STAGED}"), format!(".{name}{ASIDE}")];
    for e in entries.filter_map(Result::ok) {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let p = e.path();
        if ours.iter().any(|o| file_name.starts_with(o.as_str()))
            && p.symlink_metadata().is_ok_and(|m| m.is_dir())
            && p.join(STAGING_MARK)
                .symlink_metadata()
                .is_ok_and(|m| m.is_file())
        {
            let _ = std::fs::remove_dir_all(&p);
        }
    }
}

/// What a rebuild's commit did to the output, to take back in reverse when a later step fails
/// (a full disk, a folder it may not write): the output is then as it was. What it replaced or
/// deleted waits in a folder beside the output (the same disk: renames, no copies), deleted
/// with it once the commit is done.
struct Journal {
    steps: Vec<Step>,
    /// Beside the output: `.<name>.huibian-old-*`, made at the first step that needs it.
    parent: PathBuf,
    name: String,
    aside: Option<tempfile::TempDir>,
    count: usize,
    /// Steps taken, and the one that fails on purpose: the test suite sets
    /// `HUIBIAN_TEST_COMMIT_FAILS_AT=N` to fail the Nth (a full disk on demand), and
    /// `HUIBIAN_TEST_UNDO_FAILS` to fail taking back the last step too.
    taken: usize,
    fails_at: Option<usize>,
    undo_fails: bool,
}

enum Step {
    /// A file or folder of an earlier build moved aside to `kept`; `at` has a new file when
    /// `replaced`.
    Aside {
        at: PathBuf,
        kept: PathBuf,
        replaced: bool,
    },
    /// A file moved in where there was none.
    In(PathBuf),
    /// A folder made.
    Made(PathBuf),
}

impl Journal {
    fn new(target: &Path) -> Journal {
        Journal {
            steps: Vec::new(),
            parent: target.parent().unwrap_or(Path::new(".")).to_path_buf(),
            name: target
                .file_name()
                .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned()),
            aside: None,
            count: 0,
            taken: 0,
            fails_at: std::env::var("HUIBIAN_TEST_COMMIT_FAILS_AT")
                .ok()
                .and_then(|n| n.parse().ok()),
            undo_fails: std::env::var_os("HUIBIAN_TEST_UNDO_FAILS").is_some(),
        }
    }

    /// Counts a step; the one the test suite asked for fails.
    fn step(&mut self) -> std::io::Result<()> {
        self.taken += 1;
        if self.fails_at == Some(self.taken) {
            return Err(std::io::Error::other("HUIBIAN_TEST_COMMIT_FAILS_AT"));
        }
        Ok(())
    }

    /// A new name in the folder beside the output.
    fn kept(&mut self) -> std::io::Result<PathBuf> {
        if self.aside.is_none() {
            let dir = tempfile::Builder::new()
                .prefix(&format!(".{}{ASIDE}", self.name))
                .tempdir_in(&self.parent)?;
            std::fs::write(dir.path().join(STAGING_MARK), b"")?;
            self.aside = Some(dir);
        }
        self.count += 1;
        let dir = self.aside.as_ref().map_or(Path::new("."), |d| d.path());
        Ok(dir.join(self.count.to_string()))
    }

    /// Moves the file or folder `at` aside.
    fn aside(&mut self, at: &Path) -> std::io::Result<()> {
        self.step()?;
        let kept = self.kept()?;
        std::fs::rename(at, &kept)?;
        self.steps.push(Step::Aside {
            at: at.to_path_buf(),
            kept,
            replaced: false,
        });
        Ok(())
    }

    /// Moves `from` to `to` in one rename, which readers of `to` never see missing; an earlier
    /// file at `to` is kept through a hard link first (moved aside where links fail).
    fn replace(&mut self, from: &Path, to: &Path) -> std::io::Result<()> {
        self.step()?;
        if to.symlink_metadata().is_err() {
            std::fs::rename(from, to)?;
            self.steps.push(Step::In(to.to_path_buf()));
            return Ok(());
        }
        let kept = self.kept()?;
        if std::fs::hard_link(to, &kept).is_err() {
            std::fs::rename(to, &kept)?;
        }
        self.steps.push(Step::Aside {
            at: to.to_path_buf(),
            kept,
            replaced: true,
        });
        std::fs::rename(from, to)
    }

    /// Makes `dir` and the folders above it that are missing.
    fn make_dirs(&mut self, dir: &Path) -> Result<(), Diagnostic> {
        let mut missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|a| a.symlink_metadata().is_err())
            .collect();
        missing.reverse();
        for d in missing {
            let made = self.step().and_then(|()| std::fs::create_dir(d));
            match made {
                Ok(()) => self.steps.push(Step::Made(d.to_path_buf())),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    let why = crate::fsio::why(&e);
                    return Err(Diagnostic::tr(
                        d,
                        crate::msg!("fs-cannot-create-folder", why = why),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Moves `dir` aside if it is empty (a rename, so that taking it back keeps its mode,
    /// owner and times).
    fn remove_empty(&mut self, dir: &Path) -> std::io::Result<bool> {
        if !std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()) {
            return Ok(false);
        }
        self.aside(dir)?;
        Ok(true)
    }

    /// Takes back every step, the last first; whether all of them were.
    fn undo(&mut self) -> bool {
        let mut all = true;
        if self.undo_fails && self.steps.pop().is_some() {
            all = false;
        }
        for step in self.steps.drain(..).rev() {
            all &= match step {
                Step::In(p) => std::fs::remove_file(p).is_ok(),
                Step::Made(d) => std::fs::remove_dir(d).is_ok(),
                // (A rename over the new file puts the old one back in one step.)
                Step::Aside { at, kept, replaced } => {
                    (replaced || at.symlink_metadata().is_err())
                        && std::fs::rename(&kept, &at).is_ok()
                }
            };
        }
        all
    }
}

/// Replaces the mark in one rename, and only when its list changed (an unchanged rebuild
/// touches no file).
fn write_mark(mark: &Path, text: &str) -> Result<(), Diagnostic> {
    if std::fs::read(mark).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    crate::fsio::replace(mark, text.as_bytes())
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        Staging::write(self, rel, &bytes)
    }
    fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        Staging::previous(self, rel)
    }
    fn keep_previous(&self, rel: &str) -> usize {
        Staging::keep_previous(self, rel)
    }
    fn keep_files(&self, rels: &[String]) -> usize {
        Staging::keep_files(self, rels)
    }
    fn scratch(&self) -> Option<&Path> {
        Some(self.dir())
    }
    fn file(&self, rel: &str, from: &FileFrom) -> Result<(), Diagnostic> {
        match from {
            FileFrom::Disk(p) => self.copy(p, rel),
            FileFrom::Builtin(text) => Staging::write(self, rel, text.as_bytes()),
        }
    }
}
