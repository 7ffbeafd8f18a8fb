//! The search index's cache for build: the `State` of the index last written, in the site's
//! `.huibian-cache/search/index.bin`, so that the next build updates the index per document
//! (`search::update`). Never trusted: the file names this huibian's version, the settings and
//! the site folder, and ends with a checksum of its bytes; a file that is cut short, changed,
//! another site's or another version's, or reached through a symbolic link is ignored (the
//! build is cold then, and writes it again). Written under a new name and renamed into place,
//! so two builds at once leave one whole file or the other.

use super::update::{Big, DocState, State};
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// Where it lives, inside the site folder.
pub(crate) const DIR: &str = ".huibian-cache/search";
const FILE: &str = "index.bin";
/// The file's layout; a new one makes every build cold once.
const MAGIC: &[u8] = b"huibian search index state 1\n";

/// Marks the cache folder for backup tools (the CACHEDIR.TAG convention), when no other cache
/// has yet.
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# huibian's caches (web sizes of images, the search index's state). Safe to delete at any time.\n";

pub(crate) struct Cache {
    root: PathBuf,
    /// The site folder as the file names it (resolved).
    site: String,
}

impl Cache {
    pub(crate) fn of_site(root: &Path) -> Cache {
        Cache {
            root: root.to_path_buf(),
            site: crate::fsio::resolve(root).to_string_lossy().into_owned(),
        }
    }

    fn path(&self) -> PathBuf {
        self.root.join(DIR).join(FILE)
    }

    /// Is every step from the site folder to the file a real folder (or file), no link?
    fn no_links(&self) -> bool {
        let top = self.root.join(".huibian-cache");
        [top, self.root.join(DIR), self.path()]
            .iter()
            .all(|p| std::fs::symlink_metadata(p).map_or(true, |m| !m.file_type().is_symlink()))
    }

    /// The state kept, when the file is whole and this site's and this huibian's.
    pub(crate) fn load(&self) -> Option<State> {
        if !self.no_links() {
            return None;
        }
        let meta = std::fs::symlink_metadata(self.path()).ok()?;
        if !meta.is_file() {
            return None;
        }
        let bytes = std::fs::read(self.path()).ok()?;
        decode(&bytes, &self.site)
    }

    /// Writes the state (a new file renamed into place). A link where the folder should be is
    /// replaced by a folder; a linked `.huibian-cache` is left alone and nothing is written.
    pub(crate) fn store(&self, state: &State) -> Result<(), Diagnostic> {
        let top = self.root.join(".huibian-cache");
        let dir = self.root.join(DIR);
        let is_link =
            |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
        if is_link(&top) {
            return Ok(());
        }
        let fail = |d: Diagnostic| {
            Diagnostic::tr(
                &dir,
                crate::msg!("search-cache-unwritable", why = d.message_tr()),
            )
            .hint_tr(crate::msg!("search-cache-unwritable-hint"))
        };
        if is_link(&dir) {
            std::fs::remove_file(&dir).map_err(|e| {
                Diagnostic::tr(
                    &dir,
                    crate::msg!("search-cache-unwritable", why = crate::fsio::why(&e)),
                )
                .hint_tr(crate::msg!("search-cache-unwritable-hint"))
            })?;
        }
        crate::fsio::create_dir_all(&dir).map_err(fail)?;
        let tag = top.join("CACHEDIR.TAG");
        if std::fs::symlink_metadata(&tag).is_err() {
            crate::fsio::replace(&tag, TAG.as_bytes()).map_err(fail)?;
        }
        crate::fsio::replace(&self.path(), &encode(state, &self.site)).map_err(fail)
    }
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// The file's bytes: the layout, version and site, the state, and the checksum of all that.
pub(crate) fn encode(s: &State, site: &str) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put_str(&mut out, env!("CARGO_PKG_VERSION"));
    put_str(&mut out, site);
    put_u64(&mut out, s.settings);
    put_u32(&mut out, s.shards as u32);
    put_u32(&mut out, s.sections.len() as u32);
    s.sections.iter().for_each(|t| put_str(&mut out, t));
    put_u32(&mut out, s.docs.len() as u32);
    for d in &s.docs {
        put_str(&mut out, &d.rel);
        put_u64(&mut out, d.hash);
        put_u32(&mut out, d.len);
        put_u64(&mut out, d.file_sum);
        d.shards.iter().for_each(|w| put_u64(&mut out, *w));
    }
    s.shard_sums.iter().for_each(|w| put_u64(&mut out, *w));
    put_u32(&mut out, s.big.len() as u32);
    for b in &s.big {
        put_str(&mut out, &b.key);
        put_u32(&mut out, b.shard);
        put_u32(&mut out, b.n);
        put_u64(&mut out, b.sum);
    }
    put_u64(&mut out, s.meta_sum);
    let sum = super::update::sum(&out);
    put_u64(&mut out, sum);
    out
}

/// Reads the bytes in order; every read is checked against what is left.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (a, b) = (self.0.len() >= n).then(|| self.0.split_at(n))?;
        self.0 = b;
        Some(a)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    /// A count of items of at least `min` bytes each: never more than the bytes left hold.
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(min)? <= self.0.len()).then_some(n)
    }
}

/// The state in the bytes, when they are whole, this layout's, this huibian's and this site's.
pub(crate) fn decode(bytes: &[u8], site: &str) -> Option<State> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if super::update::sum(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let mut r = Reader(body.strip_prefix(MAGIC)?);
    if r.str()? != env!("CARGO_PKG_VERSION") || r.str()? != site {
        return None;
    }
    let settings = r.u64()?;
    let shards = r.u32()? as usize;
    if !(1..=16384).contains(&shards) {
        return None;
    }
    let words = shards.div_ceil(64);
    let n = r.count(4)?;
    let sections = (0..n).map(|_| r.str()).collect::<Option<Vec<_>>>()?;
    let n = r.count(4 + 8 + 4 + 8 + 8 * words)?;
    let mut docs = Vec::with_capacity(n);
    for _ in 0..n {
        let (rel, hash, len, file_sum) = (r.str()?, r.u64()?, r.u32()?, r.u64()?);
        let shards = (0..words).map(|_| r.u64()).collect::<Option<_>>()?;
        docs.push(DocState {
            rel,
            hash,
            len,
            file_sum,
            shards,
        });
    }
    let shard_sums = (0..shards).map(|_| r.u64()).collect::<Option<Vec<_>>>()?;
    let n = r.count(4 + 4 + 4 + 8)?;
    let mut big = Vec::with_capacity(n);
    for _ in 0..n {
        let (key, shard, n, sum) = (r.str()?, r.u32()?, r.u32()?, r.u64()?);
        if shard as usize >= shards {
            return None;
        }
        big.push(Big { key, shard, n, sum });
    }
    let meta_sum = r.u64()?;
    r.0.is_empty().then_some(State {
        settings,
        sections,
        shards,
        docs,
        shard_sums,
        big,
        meta_sum,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State {
            settings: 7,
            sections: vec!["讲话".into()],
            shards: 70,
            docs: vec![DocState {
                rel: "a.md".into(),
                hash: 1,
                len: 2,
                file_sum: 3,
                shards: vec![5, 1 << 5].into(),
            }],
            shard_sums: (0..70).collect(),
            big: vec![Big {
                key: "整改".into(),
                shard: 3,
                n: 0,
                sum: 9,
            }],
            meta_sum: 11,
        }
    }

    #[test]
    fn the_state_reads_back_and_nothing_else_does() {
        let bytes = encode(&state(), "/site");
        assert_eq!(decode(&bytes, "/site"), Some(state()));
        assert_eq!(decode(&bytes, "/other"), None, "another site's");
        for cut in [0, 1, 8, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut], "/site"), None, "cut at {cut}");
        }
        for at in [0, 40, bytes.len() / 2, bytes.len() - 3] {
            let mut b = bytes.clone();
            b[at] ^= 1;
            assert_eq!(decode(&b, "/site"), None, "byte {at} changed");
        }
    }
}
