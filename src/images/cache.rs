//! The image cache: what was made of each image, under a key of its bytes' SHA-256 and the
//! settings, in the site's `.huibian-cache/images/`. Content-addressed, so build, serve, check
//! and archive share it whatever output they write, and a rebuild encodes only new or changed
//! images. Every file is written under a new name and renamed into place, the list of files
//! last, so two builds at once never see half an entry; an entry whose list or files do not
//! match their recorded sizes and hashes is ignored and made again.

use super::Made;
use crate::diag::Diagnostic;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Where the cache lives, inside the site folder.
pub(crate) const DIR: &str = ".huibian-cache/images";

/// Marks the folder as a cache for backup tools (the CACHEDIR.TAG convention).
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# huibian's image cache: web sizes of the site's images. Safe to delete at any time.\n";

pub(crate) struct Cache {
    dir: PathBuf,
}

/// One encoded file of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct MadeFile {
    pub width: u32,
    pub height: u32,
    /// `jpg`, `png` or `gif`.
    pub ext: String,
    /// The full-size copy (`link_full_size`), not a web size.
    pub full: bool,
    pub bytes: u64,
    pub sha256: String,
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Cache {
    pub(crate) fn of_site(root: &Path) -> Cache {
        Cache {
            dir: root.join(DIR),
        }
    }

    fn list(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// Where an entry's file is.
    pub(crate) fn file(&self, key: &str, f: &MadeFile) -> PathBuf {
        let full = if f.full { "-full" } else { "" };
        self.dir
            .join(format!("{key}-{}x{}{full}.{}", f.width, f.height, f.ext))
    }

    /// The entry, when it is whole: its list reads, and every file has the size and hash the
    /// list records.
    pub(crate) fn load(&self, key: &str) -> Option<Made> {
        let text = std::fs::read(self.list(key)).ok()?;
        let made: Made = serde_json::from_slice(&text).ok()?;
        let whole = !made.files.is_empty()
            && made.files.iter().all(|f| {
                let p = self.file(key, f);
                std::fs::metadata(&p).is_ok_and(|m| m.is_file() && m.len() == f.bytes)
                    && std::fs::read(&p).is_ok_and(|b| sha256_hex(&b) == f.sha256)
            });
        whole.then_some(made)
    }

    /// Are the entry's files still there (serve's memo, which has checked them once)?
    pub(crate) fn present(&self, key: &str, made: &Made) -> bool {
        made.files
            .iter()
            .all(|f| std::fs::metadata(self.file(key, f)).is_ok_and(|m| m.len() == f.bytes))
    }

    /// Writes an entry: each file under a new name renamed into place, then its list.
    pub(crate) fn store(
        &self,
        key: &str,
        made: &Made,
        bytes: &[Vec<u8>],
    ) -> Result<(), Diagnostic> {
        let fail = |d: Diagnostic| {
            let m = crate::msg!("img-cache-cannot-write", detail = d.message);
            Diagnostic::tr(&self.dir, m).hint_tr(crate::msg!("img-cache-hint"))
        };
        let tag = self.dir.parent().unwrap_or(&self.dir).join("CACHEDIR.TAG");
        if !tag.exists() {
            crate::fsio::create_dir_all(&self.dir).map_err(fail)?;
            crate::fsio::replace(&tag, TAG.as_bytes()).map_err(fail)?;
        }
        for (f, b) in made.files.iter().zip(bytes) {
            crate::fsio::replace(&self.file(key, f), b).map_err(fail)?;
        }
        let list = serde_json::to_vec(made).unwrap_or_default();
        crate::fsio::replace(&self.list(key), &list).map_err(fail)
    }
}
