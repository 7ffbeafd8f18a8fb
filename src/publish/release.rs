//! `huibian publish`: releases on the web server's folder. Each publish builds a complete new
//! release beside the old ones (unchanged files hard-linked from the previous release), then
//! switches the `current` symlink in one rename, so readers never see a half-updated site;
//! older releases stay for `--rollback` until `--keep` prunes them. Where the file system has
//! no symlinks (SMB shares, Windows), `current` is a folder updated file by file instead.

use crate::diag::{Diagnostic, Failure};
use crate::render::{FileFrom, Sink};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

pub struct Options {
    pub build: crate::BuildOptions,
    pub to: PathBuf,
    pub keep: usize,
    pub dry_run: bool,
}

/// What a publish changed.
#[derive(Debug, Default)]
pub struct Changes {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// Bytes written or copied (hard links cost none).
    pub bytes: u64,
    pub linked: usize,
    pub release: String,
    /// The switch was a file-by-file sync, not one atomic rename.
    pub not_atomic: bool,
    pub pruned: Vec<String>,
}

/// Writes a release: a file whose bytes equal the previous release's is hard-linked to it.
struct ReleaseSink {
    dir: PathBuf,
    prev: Option<PathBuf>,
    produced: Mutex<Vec<String>>,
    changed: Mutex<Vec<String>>,
    bytes: AtomicU64,
    linked: AtomicUsize,
}

impl ReleaseSink {
    fn path(&self, base: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
        let p = Path::new(rel);
        if rel.is_empty()
            || !p
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return Err(Diagnostic::new(
                rel,
                "refusing to write outside the release folder",
            ));
        }
        Ok(base.join(p))
    }

    /// Hard-links the previous release's `rel` when `same` says it holds these bytes.
    fn link_previous(
        &self,
        rel: &str,
        same: impl FnOnce(&Path) -> bool,
    ) -> Result<bool, Diagnostic> {
        let Some(prev) = &self.prev else {
            return Ok(false);
        };
        let old = self.path(prev, rel)?;
        if !old.is_file() || !same(&old) {
            return Ok(false);
        }
        let to = self.path(&self.dir, rel)?;
        if let Some(parent) = to.parent() {
            crate::fsio::create_dir_all(parent)?;
        }
        // A file system without hard links: fall back to writing the file.
        Ok(std::fs::hard_link(&old, &to).is_ok())
    }

    fn record(&self, rel: &str, changed: bool, bytes: u64) {
        self.produced
            .lock()
            .expect("produced")
            .push(rel.to_string());
        if changed {
            self.changed.lock().expect("changed").push(rel.to_string());
            self.bytes.fetch_add(bytes, Ordering::Relaxed);
        } else {
            self.linked.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl Sink for ReleaseSink {
    fn scratch(&self) -> Option<&Path> {
        Some(&self.dir)
    }

    fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(self.prev.as_ref()?, rel).ok()?).ok()
    }

    fn keep_previous(&self, rel: &str) -> usize {
        let Some(prev) = &self.prev else { return 0 };
        let files: Vec<String> = walkdir::WalkDir::new(prev.join(rel))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let r = e.path().strip_prefix(prev).ok()?;
                Some(r.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        for f in &files {
            if !matches!(self.link_previous(f, |_| true), Ok(true)) {
                return 0;
            }
            self.record(f, false, 0);
        }
        files.len()
    }

    fn write(&self, rel: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        let same = |old: &Path| std::fs::read(old).is_ok_and(|b| b == bytes);
        if self.link_previous(rel, same)? {
            self.record(rel, false, 0);
            return Ok(());
        }
        crate::fsio::write(&self.path(&self.dir, rel)?, &bytes)?;
        self.record(rel, true, bytes.len() as u64);
        Ok(())
    }

    fn file(&self, rel: &str, from: &FileFrom) -> Result<(), Diagnostic> {
        match from {
            FileFrom::Builtin(t) => self.write(rel, t.as_bytes().to_vec()),
            FileFrom::Disk(p) => {
                let same = |old: &Path| {
                    std::fs::read(old)
                        .ok()
                        .zip(std::fs::read(p).ok())
                        .is_some_and(|(a, b)| a == b)
                };
                if self.link_previous(rel, same)? {
                    self.record(rel, false, 0);
                    return Ok(());
                }
                crate::fsio::copy(p, &self.path(&self.dir, rel)?)?;
                let n = std::fs::metadata(p).map_or(0, |m| m.len());
                self.record(rel, true, n);
                Ok(())
            }
        }
    }
}

fn releases_dir(to: &Path) -> PathBuf {
    to.join("releases")
}

/// Release names, oldest first (they sort by time).
pub fn releases(to: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(releases_dir(to))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The release `current` points at (None when `current` is a plain folder or missing).
pub fn current(to: &Path) -> Option<String> {
    let target = std::fs::read_link(to.join("current")).ok()?;
    target.file_name().map(|n| n.to_string_lossy().to_string())
}

/// Points `current` at `releases/<name>` with one rename of a new link over the old one.
fn switch(to: &Path, name: &str) -> std::io::Result<()> {
    let tmp = to.join(format!(".current-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    symlink(&Path::new("releases").join(name), &tmp)?;
    let cur = to.join("current");
    if cur.is_dir() && std::fs::read_link(&cur).is_err() {
        // A folder from a file-by-file publish: it cannot be renamed over; replace it.
        std::fs::remove_dir_all(&cur)?;
    }
    std::fs::rename(&tmp, &cur).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(target, link)
}

/// Can this folder hold symlinks? (SMB shares and many Windows setups cannot.)
fn symlinks_work(to: &Path) -> bool {
    let probe = to.join(format!(".huibian-symlink-probe-{}", std::process::id()));
    let ok = symlink(Path::new("releases"), &probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

pub fn publish(opts: &Options) -> Result<Changes, Failure> {
    let to = &opts.to;
    let root = &opts.build.root;
    crate::publish::check_output(root, to).map_err(|d| Failure::one(d.relative_to(root)))?;
    crate::fsio::create_dir_all(&releases_dir(to))?;
    let existing = releases(to);
    let prev = current(to)
        .or_else(|| existing.last().cloned())
        .map(|n| releases_dir(to).join(n));
    let mut name = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut n = 2;
    while existing.contains(&name) {
        name = format!("{}-{n}", &name[..15]);
        n += 1;
    }
    let building = releases_dir(to).join(format!(".building-{name}"));
    let _ = std::fs::remove_dir_all(&building);
    crate::fsio::create_dir_all(&building)?;
    let sink = ReleaseSink {
        dir: building.clone(),
        prev: prev.clone(),
        produced: Mutex::new(Vec::new()),
        changed: Mutex::new(Vec::new()),
        bytes: AtomicU64::new(0),
        linked: AtomicUsize::new(0),
    };
    let made = crate::generate(&opts.build, &sink, &mut crate::Stages::new());
    let made = match made {
        Ok(m) => m,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&building);
            return Err(e);
        }
    };
    let produced: BTreeSet<String> = sink
        .produced
        .into_inner()
        .expect("produced")
        .into_iter()
        .collect();
    let changed: BTreeSet<String> = sink
        .changed
        .into_inner()
        .expect("changed")
        .into_iter()
        .collect();
    let before: BTreeSet<String> = prev.as_deref().map(files_under).unwrap_or_default();
    let mut changes = Changes {
        added: produced.difference(&before).cloned().collect(),
        updated: changed.intersection(&before).cloned().collect(),
        removed: before.difference(&produced).cloned().collect(),
        bytes: sink.bytes.load(Ordering::Relaxed),
        linked: sink.linked.load(Ordering::Relaxed),
        release: name.clone(),
        ..Default::default()
    };
    let _ = made;
    if opts.dry_run {
        let _ = std::fs::remove_dir_all(&building);
        return Ok(changes);
    }
    let release = releases_dir(to).join(&name);
    std::fs::rename(&building, &release).map_err(|e| {
        Failure::one(Diagnostic::new(
            &release,
            format!("cannot finish the release: {e}"),
        ))
    })?;
    if symlinks_work(to) {
        switch(to, &name).map_err(|e| {
            Failure::one(Diagnostic::new(
                to.join("current"),
                format!("cannot switch to the new release: {e}"),
            ))
        })?;
    } else {
        sync_in_place(&release, &to.join("current"))?;
        changes.not_atomic = true;
    }
    changes.pruned = prune(to, opts.keep);
    Ok(changes)
}

/// Every file under `dir`, as site paths.
fn files_under(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            e.path()
                .strip_prefix(dir)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// Without symlinks: make `current` a copy of `release`, each changed file written to a
/// temporary name and renamed over the old one, stale files deleted last.
fn sync_in_place(release: &Path, current: &Path) -> Result<(), Failure> {
    let fail = |p: &Path, e: std::io::Error| {
        Failure::one(Diagnostic::new(p, format!("cannot update: {e}")))
    };
    let new = files_under(release);
    for rel in &new {
        let from = release.join(rel);
        let to = current.join(rel);
        let same = std::fs::read(&from).ok() == std::fs::read(&to).ok() && to.is_file();
        if same {
            continue;
        }
        if let Some(parent) = to.parent() {
            crate::fsio::create_dir_all(parent)?;
        }
        let tmp = to.with_file_name(format!(
            ".{}.huibian-new",
            to.file_name().unwrap_or_default().to_string_lossy()
        ));
        std::fs::copy(&from, &tmp).map_err(|e| fail(&tmp, e))?;
        std::fs::rename(&tmp, &to).map_err(|e| fail(&to, e))?;
    }
    for rel in files_under(current).difference(&new) {
        let p = current.join(rel);
        std::fs::remove_file(&p).map_err(|e| fail(&p, e))?;
    }
    Ok(())
}

/// Removes the oldest releases beyond `keep`, never the current one.
fn prune(to: &Path, keep: usize) -> Vec<String> {
    let all = releases(to);
    let cur = current(to);
    let mut pruned = Vec::new();
    let excess = all.len().saturating_sub(keep.max(1));
    for name in all.into_iter().take(excess) {
        if Some(&name) == cur.as_ref() {
            continue;
        }
        if std::fs::remove_dir_all(releases_dir(to).join(&name)).is_ok() {
            pruned.push(name);
        }
    }
    pruned
}

/// Switches `current` back to the release before it.
pub fn rollback(to: &Path) -> Result<String, Failure> {
    let all = releases(to);
    let Some(cur) = current(to) else {
        return Err(Diagnostic::new(
            to.join("current"),
            "no release is current here (or `current` is not a symlink)",
        )
        .hint("publish first; rollback needs a file system with symlinks")
        .into());
    };
    let i = all.iter().position(|n| *n == cur).unwrap_or(0);
    if i == 0 {
        return Err(Diagnostic::new(
            to.join("releases"),
            format!("{cur} is the oldest release kept; there is nothing to roll back to"),
        )
        .into());
    }
    let back = all[i - 1].clone();
    switch(to, &back).map_err(|e| {
        Failure::one(Diagnostic::new(
            to.join("current"),
            format!("cannot switch: {e}"),
        ))
    })?;
    Ok(back)
}

/// Releases with their number of documents (pages under section folders) and dates.
pub fn list(to: &Path) -> Vec<(String, bool, usize)> {
    let cur = current(to);
    releases(to)
        .into_iter()
        .map(|name| {
            let dir = releases_dir(to).join(&name);
            // The search index knows how many documents a release has.
            let docs = std::fs::read_to_string(dir.join("search/meta.js"))
                .ok()
                .and_then(|m| {
                    let at = m.find("\"count\":")? + 8;
                    m[at..].split(',').next()?.parse().ok()
                })
                .unwrap_or(0);
            (name.clone(), Some(&name) == cur.as_ref(), docs)
        })
        .collect()
}
