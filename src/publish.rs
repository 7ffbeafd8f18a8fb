//! Atomic output: the build writes into a staging folder beside the output and swaps it in only
//! when everything succeeded, so a failed build leaves the previous output exactly as it was.

use crate::diag::Diagnostic;
use std::path::{Component, Path, PathBuf};

pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
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
            target: target.to_path_buf(),
            done: false,
        })
    }

    /// The file at site path `rel` inside the staging folder; never outside it.
    fn path_of(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
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
        Ok(self.dir.join(rel_path))
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        crate::fsio::write(&self.path_of(rel)?, bytes)
    }

    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        crate::fsio::copy(from, &self.path_of(rel)?)
    }

    /// Swaps the staging folder in: old output aside, new in place, old removed.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let old = self.dir.with_file_name(format!(
            ".{}.huibian-old-{}",
            self.target
                .file_name()
                .unwrap_or_default()
                .to_string_lossy(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(|e| {
                Diagnostic::new(
                    &self.target,
                    format!("cannot move the old output aside: {e}"),
                )
            })?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(Diagnostic::new(
                &self.target,
                format!("cannot put the new output in place: {e}"),
            ));
        }
        self.done = true;
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
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
