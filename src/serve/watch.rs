//! Watching the site folder (notify): every change is only a trigger — the rebuild itself reads
//! what is on disk, so atomic renames, truncating writes, swap files and folder renames all end
//! in the same place. Bursts are coalesced: the rebuild starts once the folder is quiet.

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// How long the folder must be quiet before a rebuild, and the longest a burst can delay it.
const QUIET: Duration = Duration::from_millis(12);
const MAX_DELAY: Duration = Duration::from_millis(300);

pub struct Watch {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    watched: HashSet<PathBuf>,
    root: PathBuf,
}

/// Names editors write beside the real file (vim's .swp and 4913 probe, emacs' .#x, backups~).
fn is_scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913"
}

impl Watch {
    pub(crate) fn new(root: &Path) -> notify::Result<Watch> {
        let (tx, rx) = std::sync::mpsc::channel();
        let watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })?;
        let mut w = Watch {
            watcher,
            rx,
            watched: HashSet::new(),
            root: root.to_path_buf(),
        };
        w.refresh();
        Ok(w)
    }

    /// Watches config.yaml's folder and every source folder that exists now (call again after a
    /// rebuild: a templates/ or static/ folder may have appeared).
    pub(crate) fn refresh(&mut self) {
        let root = self.root.clone();
        if self.watched.insert(root.clone()) {
            let _ = self.watcher.watch(&root, RecursiveMode::NonRecursive);
        }
        for dir in ["content", "templates", "static", "themes"] {
            let p = root.join(dir);
            if p.is_dir()
                && !self.watched.contains(&p)
                && self.watcher.watch(&p, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(p);
            }
        }
        self.watched.retain(|p| p.exists());
    }

    /// Blocks until something relevant changed and the folder has been quiet for a moment.
    pub(crate) fn wait(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.rx.recv().ok()?;
            if let Some(paths) = self.burst(first) {
                return Some(paths);
            }
        }
    }

    /// What changed, if anything did since the last call; never blocks while nothing did.
    pub(crate) fn poll(&mut self) -> Option<Vec<PathBuf>> {
        while let Ok(first) = self.rx.try_recv() {
            if let Some(paths) = self.burst(first) {
                return Some(paths);
            }
        }
        None
    }

    /// The relevant paths of the burst that starts with `first`, once the folder is quiet.
    fn burst(&mut self, first: notify::Result<notify::Event>) -> Option<Vec<PathBuf>> {
        let mut paths = relevant(first, &self.root);
        let started = Instant::now();
        while let Ok(e) = self.rx.recv_timeout(QUIET) {
            paths.extend(relevant(e, &self.root));
            if started.elapsed() > MAX_DELAY {
                break;
            }
        }
        (!paths.is_empty()).then_some(paths)
    }
}

/// The paths of an event that can change the site.
fn relevant(event: notify::Result<notify::Event>, root: &Path) -> Vec<PathBuf> {
    let Ok(event) = event else {
        // The watcher lost track (e.g. an overflow): rebuild to be safe.
        return vec![root.to_path_buf()];
    };
    if event.kind.is_access() {
        return Vec::new();
    }
    event
        .paths
        .into_iter()
        .filter(|p| !is_scratch(p))
        .filter(|p| {
            p.parent() != Some(root)
                || p.file_name().is_some_and(|n| {
                    ["config.yaml", "content", "templates", "static", "themes"]
                        .iter()
                        .any(|k| n == *k)
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_not_changes() {
        for p in ["a/.x.md.swp", "a/x.md~", "a/4913", "a/.#x.md"] {
            assert!(is_scratch(Path::new(p)), "{p}");
        }
        assert!(!is_scratch(Path::new("a/x.md")));
    }
}
