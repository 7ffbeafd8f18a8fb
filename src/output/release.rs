//! The sink publish writes a release with: every file goes into the new release folder, and a
//! file whose bytes equal the previous release's is hard-linked to it instead (a release costs
//! only what changed). Which release is served, and which folders huibian owns there, are
//! publish's business (src/publish/release.rs); this is only where the bytes go.

use super::{FileFrom, New, Sink};
use crate::diag::Diagnostic;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

pub(crate) struct Release {
    dir: PathBuf,
    /// The publish folder, resolved: no file is copied from inside it.
    to: PathBuf,
    prev: Option<PathBuf>,
    /// huibian's own marks in a release folder: no site file may take their names.
    marks: &'static [&'static str],
    produced: Mutex<Vec<String>>,
    changed: Mutex<Vec<String>>,
    bytes: AtomicU64,
    linked: AtomicUsize,
    /// The release folder's folders made so far.
    folders: crate::fsio::Folders,
}

/// What writing a release did.
pub(crate) struct Written {
    /// Every site path the release holds.
    pub(crate) produced: BTreeSet<String>,
    /// The paths written anew (not linked to the previous release).
    pub(crate) changed: BTreeSet<String>,
    /// Bytes written or copied (hard links cost none).
    pub(crate) bytes: u64,
    pub(crate) linked: usize,
}

impl Release {
    /// A sink writing the release folder `dir` (inside the publish folder `to`), linking what
    /// equals `prev`'s files.
    pub(crate) fn new(
        dir: &Path,
        to: &Path,
        prev: Option<&Path>,
        marks: &'static [&'static str],
    ) -> Release {
        Release {
            dir: dir.to_path_buf(),
            to: crate::fsio::resolve(to),
            prev: prev.map(Path::to_path_buf),
            marks,
            produced: Mutex::new(Vec::new()),
            changed: Mutex::new(Vec::new()),
            bytes: AtomicU64::new(0),
            linked: AtomicUsize::new(0),
            folders: Default::default(),
        }
    }

    pub(crate) fn finish(self) -> Written {
        let set = |m: Mutex<Vec<String>>| m.into_inner().expect("sink").into_iter().collect();
        Written {
            produced: set(self.produced),
            changed: set(self.changed),
            bytes: self.bytes.into_inner(),
            linked: self.linked.into_inner(),
        }
    }

    fn path(&self, base: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
        super::file_in(base, rel, self.marks)
    }

    /// Hard-links the previous release's `rel` when it holds `new` (any `new`: `None`).
    fn link_previous(&self, rel: &str, new: Option<New<'_>>) -> Result<bool, Diagnostic> {
        let Some(prev) = &self.prev else {
            return Ok(false);
        };
        let old = self.path(prev, rel)?;
        // (A link planted in the previous release, or a folder of it replaced by one, would
        // put the file it leads to into the new release, unread by anyone.)
        let same = super::own_file(prev, rel)
            && match new {
                Some(new) => super::same_as(&old, new),
                None => true,
            };
        if !same {
            return Ok(false);
        }
        let to = self.path(&self.dir, rel)?;
        if let Some(parent) = to.parent() {
            self.folders.make(parent)?;
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

impl Sink for Release {
    fn scratch(&self) -> Option<&Path> {
        Some(&self.dir)
    }

    fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        let prev = self.prev.as_ref()?;
        let p = self.path(prev, rel).ok()?;
        super::own_file(prev, rel).then(|| std::fs::read(p).ok())?
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
            if !matches!(self.link_previous(f, None), Ok(true)) {
                return 0;
            }
            self.record(f, false, 0);
        }
        files.len()
    }

    fn write(&self, rel: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        if self.link_previous(rel, Some(New::Bytes(&bytes)))? {
            self.record(rel, false, 0);
            return Ok(());
        }
        self.folders.write(&self.path(&self.dir, rel)?, &bytes)?;
        self.record(rel, true, bytes.len() as u64);
        Ok(())
    }

    fn file(&self, rel: &str, from: &FileFrom) -> Result<(), Diagnostic> {
        let p = match from {
            FileFrom::Builtin(t) => return self.write(rel, t.as_bytes().to_vec()),
            FileFrom::Disk(p) => p,
        };
        super::copied_from_output(p, &self.to)?;
        if self.link_previous(rel, Some(New::File(p)))? {
            self.record(rel, false, 0);
            return Ok(());
        }
        self.folders.copy(p, &self.path(&self.dir, rel)?)?;
        let n = std::fs::metadata(p).map_or(0, |m| m.len());
        self.record(rel, true, n);
        Ok(())
    }
}
