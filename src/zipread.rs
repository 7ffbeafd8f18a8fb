//! The one way huibian reads a zip (a .docx to import, an archive to verify), so that no zip can
//! make it hold or inflate more than a real one would. Whoever made the file wrote its headers,
//! so sizes are counted as bytes come out of the inflater, never taken from `size()`.

use crate::diag::{Code, Diagnostic};
use crate::i18n::Msg;
use crate::msg;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;

/// Deflate cannot pass about 1032:1, and zeros reach it. The most repetitive genuine content
/// measured, a Word form table of identical empty rows, inflates about 220:1: 500 leaves it room.
pub(crate) const MAX_RATIO: u64 = 500;

/// Up to this many inflated bytes any ratio is allowed (an entry, or all read so far): a small
/// file of spaces inflates 1000:1 and harms nobody.
const RATIO_GRACE: u64 = MIB;

/// What one kind of zip may hold.
#[derive(Clone, Copy)]
pub(crate) struct Limits {
    /// Entries in the central directory.
    pub(crate) entries: u64,
    /// Inflated bytes of one entry read whole into memory.
    pub(crate) whole: u64,
    /// Inflated bytes of one entry streamed (hashed as it is read, never held).
    pub(crate) streamed: u64,
    /// Inflated bytes of every entry read, together; `None` where all is streamed.
    pub(crate) total: Option<u64>,
    /// Local headers must agree with the central directory, no duplicate names, nothing hidden
    /// between entries (an archive huibian made); else only overlapping entries are refused.
    pub(crate) strict: bool,
}

/// A .docx: Word and WPS write a few dozen parts plus one per picture. document.xml of a
/// 1,000-page compilation is about 20 MB, and is parsed after reading (up to ten times its size
/// in memory); a photo is 5–15 MB; a .docx full of photos is 50–100 MB.
pub(crate) const DOCX: Limits = Limits {
    entries: 10_000,
    whole: 64 * MIB,
    streamed: 64 * MIB,
    total: Some(256 * MIB),
    strict: false,
};

/// An archive from `huibian archive`: a site of 100,000 documents makes about 400,000 files.
/// MANIFEST.sha256 and catalog.json are read whole (about 130 and 400 bytes per file); every
/// other entry is streamed, so the total of a campaign's several GB is never held.
pub(crate) const ARCHIVE: Limits = Limits {
    entries: 500_000,
    whole: 128 * MIB,
    streamed: 4 * GIB,
    total: None,
    strict: true,
};

/// Why reading one entry stopped.
#[derive(Debug)]
pub(crate) enum EntryError {
    /// Past a limit: the whole zip is refused.
    Limit(Diagnostic),
    /// The entry's data cannot be read as written (checksum, inflate error): that entry is bad.
    Damaged(Diagnostic),
}

impl From<EntryError> for Diagnostic {
    fn from(e: EntryError) -> Diagnostic {
        match e {
            EntryError::Limit(d) | EntryError::Damaged(d) => d,
        }
    }
}

/// An entry as the central directory lists it, before anything is inflated.
pub(crate) struct Listed {
    /// The name as UTF-8, with � where it is not.
    pub(crate) name: String,
    pub(crate) is_dir: bool,
    /// Why unzipping it could write outside the folder it goes into.
    pub(crate) unsafe_because: Option<&'static str>,
}

/// A zip opened with limits; every read is counted against them.
pub(crate) struct ZipReader<R> {
    zip: zip::ZipArchive<R>,
    budget: Budget,
}

/// What has been inflated so far, against the limits.
struct Budget {
    file: PathBuf,
    limits: Limits,
    inflated: u64,
    compressed: u64,
}

/// Opens the zip at `path` from disk, read as needed (an archive of several GB).
pub(crate) fn open_file(
    path: &Path,
    limits: Limits,
) -> Result<ZipReader<std::io::BufReader<std::fs::File>>, Diagnostic> {
    let f = crate::fsio::open(path)?;
    ZipReader::new(std::io::BufReader::new(f), path, limits)
}

/// Opens a zip already read into memory (a .docx); `path` names it in messages.
pub(crate) fn open_bytes<'a>(
    path: &Path,
    bytes: &'a [u8],
    limits: Limits,
) -> Result<ZipReader<std::io::Cursor<&'a [u8]>>, Diagnostic> {
    ZipReader::new(std::io::Cursor::new(bytes), path, limits)
}

impl<R: Read + Seek> ZipReader<R> {
    fn new(mut reader: R, path: &Path, limits: Limits) -> Result<Self, Diagnostic> {
        let too_many = |n: u64| {
            let m = msg!("zip-too-many", n = n, max = limits.entries);
            Diagnostic::tr(path, m)
                .code(Code::ZipLimit)
                .hint_tr(msg!("zip-too-many-hint"))
        };
        // Parsing a central directory costs ~270 bytes of memory per entry: refuse a huge one
        // from its end record, before the zip crate reads it.
        if let Some(n) = declared_entries(&mut reader).filter(|n| *n > limits.entries) {
            return Err(too_many(n));
        }
        let mut zip = zip::ZipArchive::new(reader).map_err(|e| damaged_zip(path, &e))?;
        if zip.len() as u64 > limits.entries {
            return Err(too_many(zip.len() as u64));
        }
        let consistent = if limits.strict {
            zip.validate_header_consistency()
        } else {
            match zip.has_overlapping_entries() {
                Ok(false) => Ok(()),
                Ok(true) => Err(zip::result::ZipError::InvalidArchive(OVERLAP.into())),
                Err(e) => Err(e),
            }
        };
        consistent.map_err(|e| damaged_zip(path, &e))?;
        let budget = Budget {
            file: path.to_path_buf(),
            limits,
            inflated: 0,
            compressed: 0,
        };
        Ok(ZipReader { zip, budget })
    }

    /// Every entry the central directory lists, with what makes its name unsafe.
    pub(crate) fn listed(&self) -> Vec<Listed> {
        (0..self.zip.len())
            .filter_map(|i| self.zip.by_index_data(i).ok())
            .map(|e| {
                let raw = e.name_raw();
                let symlink = (e.external_attributes() >> 16) & 0o170000 == 0o120000;
                Listed {
                    name: String::from_utf8_lossy(raw).into_owned(),
                    is_dir: raw.ends_with(b"/"),
                    unsafe_because: unsafe_name(raw, symlink),
                }
            })
            .collect()
    }

    /// The entry `name` read whole (at most `Limits::whole` bytes); `None` if there is none.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, EntryError> {
        let mut out = Vec::new();
        let cap = self.budget.limits.whole;
        let n = self.each_chunk(name, cap, &mut |b| out.extend_from_slice(b))?;
        Ok(n.map(|_| out))
    }

    /// The entry `name` passed to `sink` in pieces as it inflates (at most `Limits::streamed`
    /// bytes); its length, or `None` if there is none.
    pub(crate) fn stream(
        &mut self,
        name: &str,
        sink: &mut dyn FnMut(&[u8]),
    ) -> Result<Option<u64>, EntryError> {
        let cap = self.budget.limits.streamed;
        self.each_chunk(name, cap, sink)
    }

    /// Inflates one entry, found by its exact bytes (no slow decoded-name fallback), checking
    /// every piece against the limits before `sink` sees it.
    fn each_chunk(
        &mut self,
        name: &str,
        cap: u64,
        sink: &mut dyn FnMut(&[u8]),
    ) -> Result<Option<u64>, EntryError> {
        let Some(i) = self.zip.index_for_name_raw(name.as_bytes()) else {
            return Ok(None);
        };
        let budget = &mut self.budget;
        let mut entry = self.zip.by_index(i).map_err(|e| budget.damaged(name, &e))?;
        // Declared, but held to bytes really in the file: entries may not overlap each other
        // or the central directory.
        let compressed = entry.compressed_size();
        let mut limited = (&mut entry).take(cap.saturating_add(1));
        let mut buf = vec![0u8; 64 * 1024];
        let mut n = 0u64;
        loop {
            let k = match limited.read(&mut buf) {
                Ok(0) => break,
                Ok(k) => k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(budget.damaged(name, &e)),
            };
            n += k as u64;
            budget.check(name, n, compressed, cap)?;
            sink(&buf[..k]);
        }
        budget.inflated += n;
        budget.compressed += compressed;
        Ok(Some(n))
    }
}

impl Budget {
    /// `n` bytes of `name` inflated so far from `compressed`: within every limit?
    fn check(&self, name: &str, n: u64, compressed: u64, cap: u64) -> Result<(), EntryError> {
        let (all, all_compressed) = (self.inflated + n, self.compressed + compressed);
        let over_ratio = |inflated: u64, from: u64| {
            inflated > RATIO_GRACE && inflated > MAX_RATIO.saturating_mul(from)
        };
        let ratio = MAX_RATIO;
        let problem = if n > cap {
            msg!("zip-over-size", max = size(cap))
        } else if over_ratio(n, compressed) {
            msg!(
                "zip-over-ratio",
                ratio = ratio,
                n = size(n),
                from = size(compressed)
            )
        } else if over_ratio(all, all_compressed) {
            let (n, from) = (size(all), size(all_compressed));
            msg!("zip-all-over-ratio", ratio = ratio, n = n, from = from)
        } else if let Some(total) = self.limits.total.filter(|t| all > *t) {
            msg!("zip-all-over-total", max = size(total))
        } else {
            return Ok(());
        };
        let m = msg!("zip-entry-refused", name = name, problem = problem);
        Err(EntryError::Limit(
            Diagnostic::tr(&self.file, m)
                .code(Code::ZipLimit)
                .hint_tr(msg!("zip-entry-refused-hint")),
        ))
    }

    fn damaged(&self, name: &str, e: &dyn std::fmt::Display) -> EntryError {
        EntryError::Damaged(
            Diagnostic::tr(
                &self.file,
                msg!("zip-entry-damaged", name = name, detail = e.to_string()),
            )
            .code(Code::ZipDamaged),
        )
    }
}

fn damaged_zip(path: &Path, e: &zip::result::ZipError) -> Diagnostic {
    let detail = e.to_string();
    let m = match e {
        zip::result::ZipError::InvalidArchive(m) if m == OVERLAP => {
            msg!("zip-damaged-overlap", detail = detail)
        }
        _ => msg!("zip-damaged", detail = detail),
    };
    Diagnostic::tr(path, m)
        .code(Code::ZipDamaged)
        .hint_tr(msg!("zip-damaged-hint"))
}

/// Why a zip whose entries overlap is refused (the zip crate's error holds it).
const OVERLAP: &str = "entries overlap (one block of data inflated many times: a zip bomb)";

/// "64 MiB", "4 GiB": the limits as README states them.
fn size(n: u64) -> Msg {
    let shown = match n {
        n if n >= GIB && n % GIB == 0 => format!("{} GiB", n / GIB),
        n if n >= MIB && n % MIB == 0 => format!("{} MiB", n / MIB),
        n if n >= MIB => format!("{:.1} MiB", n as f64 / MIB as f64),
        n if n >= 1024 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => return msg!("zip-bytes", n = n),
    };
    msg!("fsio-as-is", detail = shown)
}

/// Why an entry named `raw` would land outside the folder it is unzipped into, or not as a
/// plain file, on Unix or Windows: a `..` (or a Windows spelling of it), an absolute name, a
/// backslash, a drive, a NUL, a symbolic link; or a name that is not UTF-8.
pub(crate) fn unsafe_name(raw: &[u8], symlink: bool) -> Option<&'static str> {
    let Ok(name) = std::str::from_utf8(raw) else {
        return Some("its name is not UTF-8");
    };
    let drive = |s: &str| {
        let b = s.as_bytes();
        b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
    };
    // Windows drops trailing dots and spaces from a name, so ".. " and "..." are spellings of
    // `..` there.
    let dots = |c: &str| c.matches('.').count() >= 2 && c.chars().all(|ch| ch == '.' || ch == ' ');
    if symlink {
        Some("it is a symbolic link")
    } else if name.contains('\0') {
        Some("its name holds a NUL byte")
    } else if name.contains('\\') {
        Some("its name holds a backslash (a folder separator on Windows)")
    } else if name.starts_with('/') || drive(name) {
        Some("its name is absolute")
    } else if name.split('/').any(dots) {
        Some("its name climbs out of its folder with `..`")
    } else {
        None
    }
}

/// The entry count the end-of-central-directory record declares (zip64 included), read
/// cheaply; `None` when it cannot be found, and the zip crate's own reading decides.
fn declared_entries<R: Read + Seek>(r: &mut R) -> Option<u64> {
    let len = r.seek(SeekFrom::End(0)).ok()?;
    let tail_len = len.min(22 + 65_535);
    r.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = vec![0u8; tail_len as usize];
    r.read_exact(&mut tail).ok()?;
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let count = u16::from_le_bytes(tail.get(at + 10..at + 12)?.try_into().ok()?);
    if count != u16::MAX {
        return Some(count.into());
    }
    // Zip64: a locator just before the record gives the zip64 record's offset.
    let locator = tail.get(at.checked_sub(20)?..at)?;
    if &locator[..4] != b"PK\x06\x07" {
        return None;
    }
    let offset = u64::from_le_bytes(locator[8..16].try_into().ok()?);
    r.seek(SeekFrom::Start(offset)).ok()?;
    let mut record = [0u8; 40];
    r.read_exact(&mut record).ok()?;
    // An offset that misses the record (data put in front of the zip) proves nothing.
    if &record[..4] != b"PK\x06\x06" {
        return None;
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::{open_bytes, unsafe_name, EntryError, DOCX};
    use std::io::Write;

    /// Entries each under the ratio's grace, bombs only together: refused on the total.
    #[test]
    fn small_bombs_are_refused_together() {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..4 {
            z.start_file(
                format!("part{i}.xml"),
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            z.write_all(&[b' '; 1_000_000]).unwrap();
        }
        let bytes = z.finish().unwrap().into_inner();
        let path = std::path::Path::new("x.docx");
        let mut zip = open_bytes(path, &bytes, DOCX).unwrap();
        assert!(zip.read("part0.xml").unwrap().is_some());
        match zip.read("part1.xml") {
            Err(EntryError::Limit(d)) => {
                assert!(
                    d.message.contains("entry part1.xml takes what is read"),
                    "{d}"
                )
            }
            other => panic!("{:?}", other.map(|o| o.map(|b| b.len()))),
        }
    }

    #[test]
    fn unsafe_names_in_every_spelling() {
        for bad in [
            "../x",
            "site/../../x",
            "..",
            "a/.. /b",
            "a/.../b",
            "a/. ./b",
            "/etc/passwd",
            "//server/share/x",
            "C:/Windows/x",
            "c:x",
            "site\\..\\x",
            "a\0b",
        ] {
            assert!(unsafe_name(bad.as_bytes(), false).is_some(), "{bad:?}");
        }
        assert!(unsafe_name(b"a/\xff\xfe", false).is_some());
        assert!(unsafe_name(b"site/index.html", true).is_some());
        for good in [
            "site/index.html",
            "source/content/讲话/a..b.md",
            "a/b/",
            "./x",
            ".x",
        ] {
            assert_eq!(unsafe_name(good.as_bytes(), false), None, "{good:?}");
        }
    }
}
