//! Safe output: the build writes into a staging folder beside the output and puts it in place
//! only when everything succeeded, so a failed build leaves the previous output exactly as it
//! was; a rebuild moves in only the files whose bytes changed.

pub mod release;

use crate::diag::Diagnostic;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The output existed: files whose bytes are unchanged are left there untouched (their
    /// mtimes stay, so rsync and web caches see nothing new), and only changed files are
    /// staged and moved in.
    update: bool,
    /// Every site path this build produced, staged or unchanged.
    produced: Mutex<Vec<String>>,
    /// How many files were unchanged.
    kept: AtomicUsize,
    done: bool,
}

impl Staging {
    /// A fresh staging folder next to `target`.
    pub fn new(target: &Path) -> Result<Staging, Diagnostic> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        crate::fsio::create_dir_all(parent)?;
        let dir = parent.join(format!(".{name}.huibian-tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| {
                Diagnostic::new(&dir, format!("cannot clear the staging folder: {e}"))
            })?;
        }
        crate::fsio::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            update: target.is_dir(),
            target: target.to_path_buf(),
            produced: Mutex::new(Vec::new()),
            kept: AtomicUsize::new(0),
            done: false,
        })
    }

    /// The file at site path `rel` inside `base`; never outside it.
    fn path_in(base: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
        let rel_path = Path::new(rel);
        let safe = rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || rel.is_empty() {
            return Err(Diagnostic::new(
                rel,
                "refusing to write outside the output folder",
            ));
        }
        Ok(base.join(rel_path))
    }

    /// Is the output's file at `rel` already exactly `bytes`?
    fn unchanged(&self, rel: &str, bytes: &[u8]) -> bool {
        self.update
            && Self::path_in(&self.target, rel).is_ok_and(|p| {
                std::fs::metadata(&p).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                    && std::fs::read(&p).is_ok_and(|old| old == bytes)
            })
    }

    fn produced(&self, rel: &str) {
        self.produced
            .lock()
            .expect("produced")
            .push(rel.to_string());
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let staged = Self::path_in(&self.dir, rel)?;
        self.produced(rel);
        if self.unchanged(rel, bytes) {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        crate::fsio::write(&staged, bytes)
    }

    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let staged = Self::path_in(&self.dir, rel)?;
        self.produced(rel);
        if self.update {
            let same_size = |a: &Path, b: &Path| match (std::fs::metadata(a), std::fs::metadata(b))
            {
                (Ok(x), Ok(y)) => y.is_file() && x.len() == y.len(),
                _ => false,
            };
            let old = Self::path_in(&self.target, rel)?;
            if same_size(from, &old)
                && std::fs::read(from)
                    .ok()
                    .zip(std::fs::read(&old).ok())
                    .is_some_and(|(a, b)| a == b)
            {
                self.kept.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        crate::fsio::copy(from, &staged)
    }

    /// The staging folder (beside the output, on its disk).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The previous output's file at `rel`, if there is a previous output.
    pub fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        if !self.update {
            return None;
        }
        std::fs::read(Self::path_in(&self.target, rel).ok()?).ok()
    }

    /// Keeps the previous output's file `rel`, or its files under the folder `rel`, as they are
    /// (the search index when its sources did not change); returns how many.
    pub fn keep_previous(&self, rel: &str) -> usize {
        let Ok(dir) = Self::path_in(&self.target, rel) else {
            return 0;
        };
        if !self.update || !dir.exists() {
            return 0;
        }
        let mut produced = self.produced.lock().expect("produced");
        let before = produced.len();
        for e in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            if let Ok(r) = e.path().strip_prefix(&self.target) {
                produced.push(r.to_string_lossy().replace('\\', "/"));
            }
        }
        let n = produced.len() - before;
        self.kept.fetch_add(n, Ordering::Relaxed);
        n
    }

    /// Files left as they were because their bytes did not change.
    pub fn unchanged_files(&self) -> usize {
        self.kept.load(Ordering::Relaxed)
    }

    /// Puts the new output in place. A first build renames the staging folder into place; a
    /// rebuild moves each changed file in and removes the files no longer produced. Nothing
    /// touches the output before this point, so a failed build leaves it as it was.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        if !self.update {
            std::fs::rename(&self.dir, &self.target).map_err(|e| {
                Diagnostic::new(
                    &self.target,
                    format!("cannot put the new output in place: {e}"),
                )
            })?;
            self.done = true;
            return Ok(());
        }
        let fail = |p: &Path, e: std::io::Error| {
            Diagnostic::new(p, format!("cannot update the output: {e}"))
        };
        // Changed and new files: moved in, each replacing its old version in one rename.
        for e in walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = e.path().strip_prefix(&self.dir).unwrap_or(e.path());
            let to = self.target.join(rel);
            if to.is_dir() {
                std::fs::remove_dir_all(&to).map_err(|err| fail(&to, err))?;
            }
            if let Some(parent) = to.parent() {
                if parent.is_file() {
                    std::fs::remove_file(parent).map_err(|err| fail(parent, err))?;
                }
                crate::fsio::create_dir_all(parent)?;
            }
            std::fs::rename(e.path(), &to).map_err(|err| fail(&to, err))?;
        }
        // Files no longer produced (deleted documents …) go last, then empty folders.
        let produced: std::collections::HashSet<PathBuf> = self
            .produced
            .lock()
            .expect("produced")
            .iter()
            .map(PathBuf::from)
            .collect();
        let mut dirs = Vec::new();
        for e in walkdir::WalkDir::new(&self.target)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = e.path().strip_prefix(&self.target).unwrap_or(e.path());
            if e.file_type().is_dir() {
                dirs.push(e.path().to_path_buf());
            } else if !produced.contains(rel) {
                std::fs::remove_file(e.path()).map_err(|err| fail(e.path(), err))?;
            }
        }
        for d in dirs.iter().rev() {
            // Only empty folders go; an error here means the folder still holds files.
            let _ = std::fs::remove_dir(d);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The output folder must not be, or contain, the site's own folders: the swap replaces it whole.
pub fn check_output(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(output));
    let protected =
        ["content", "themes", "templates", "static", "config.yaml"].map(|p| root.join(p));
    if root.starts_with(&out)
        || protected
            .iter()
            .any(|p| p.starts_with(&out) || out.starts_with(p))
    {
        return Err(Diagnostic::new(
            output,
            "the output folder would replace the site's own files",
        )
        .hint("build into a separate folder such as public/"));
    }
    Ok(())
}
