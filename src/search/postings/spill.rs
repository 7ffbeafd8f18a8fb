//! Past a memory budget, a builder's oldest runs wait in a temporary file (as segments do in
//! Lucene), so that the index's memory does not grow with the site; the final read takes each
//! shard range of a run back from the file.
//!
//! The file (one per builder, unnamed: nothing is left behind) holds runs one after another,
//! each as its keys, 16 bytes each, little-endian (the `ShardKey`'s bits, u64; where its
//! postings end in the run, u32; its last document, u32), then its postings bytes. Only this
//! file reads and writes it.

use super::key::ShardKey;
use super::run::{range_bounds, Held, Run, RunKey, Start, View};
use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The temporary file could not be written or read back.
#[derive(Debug)]
pub struct SpillError(pub std::io::Error);

/// Where runs may go, and how much of them each builder may keep in memory.
pub(super) struct Spill {
    /// Bytes of runs each builder keeps in memory; beyond, its oldest runs go to its file.
    pub(super) budget: usize,
    /// Where that file may go, in order: the temporary folder, then the output's.
    dirs: Vec<PathBuf>,
}

impl Spill {
    pub(super) fn new(budget: usize, dirs: Vec<PathBuf>) -> Spill {
        Spill { budget, dirs }
    }

    /// A temporary file in the first of `dirs` that takes one (the first folder's error when
    /// none does).
    fn temp_file(&self) -> std::io::Result<File> {
        let mut first = None;
        for dir in &self.dirs {
            match tempfile::tempfile_in(dir) {
                Ok(f) => return Ok(f),
                Err(e) => {
                    first.get_or_insert(e);
                }
            }
        }
        Err(first.unwrap_or_else(|| std::io::Error::other("no folder for a temporary file")))
    }
}

/// A builder's runs, in document order: the newest in memory, up to the budget, the others
/// in its file.
#[derive(Default)]
pub(super) struct Runs {
    pub(super) list: Vec<Held>,
    /// Bytes of the runs in memory.
    pub(super) in_memory: usize,
    pub(super) file: Option<Arc<Mutex<File>>>,
    /// The first write that failed: the build fails with it at the end (`join`).
    pub(super) failed: Option<std::io::Error>,
}

impl Runs {
    pub(super) fn push(&mut self, run: Run, spill: &Spill, shards: usize) {
        self.in_memory += run.size();
        self.list.push(Held::Memory(run));
        self.spill_over_budget(spill, shards);
    }

    /// Moves the oldest runs in memory to the file until the rest fit the budget.
    fn spill_over_budget(&mut self, spill: &Spill, shards: usize) {
        let mut i = 0;
        while self.in_memory > spill.budget && self.failed.is_none() && i < self.list.len() {
            if let Held::Memory(run) = &self.list[i] {
                let size = run.size();
                match self.spill(i, spill, shards) {
                    Ok(()) => self.in_memory -= size,
                    Err(e) => self.failed = Some(e),
                }
            }
            i += 1;
        }
    }

    fn spill(&mut self, i: usize, spill: &Spill, shards: usize) -> std::io::Result<()> {
        let file = match &self.file {
            Some(f) => f.clone(),
            None => {
                let f = Arc::new(Mutex::new(spill.temp_file()?));
                self.file = Some(f.clone());
                f
            }
        };
        // A placeholder while the run is written: an empty run in memory.
        let Held::Memory(run) = std::mem::replace(&mut self.list[i], Held::Memory(Run::default()))
        else {
            return Ok(());
        };
        self.list[i] = Held::Disk(OnDisk::write(run, &file, shards)?);
        Ok(())
    }
}

/// Bytes a key takes in the file.
const KEY_BYTES: usize = 16;

/// A run written to its builder's temporary file: where its keys and bytes are, and where each
/// shard range (`range_bounds`) starts in them.
pub(super) struct OnDisk {
    file: Arc<Mutex<File>>,
    keys_at: u64,
    bytes_at: u64,
    bounds: Vec<Start>,
}

impl OnDisk {
    /// Appends the run to `file`.
    fn write(run: Run, file: &Arc<Mutex<File>>, shards: usize) -> std::io::Result<OnDisk> {
        let bounds = range_bounds(shards)
            .into_iter()
            .map(|lo| run.first_in(lo))
            .collect();
        let mut keys = Vec::with_capacity(run.keys.len() * KEY_BYTES);
        for k in &run.keys {
            key_to_bytes(k, &mut keys);
        }
        let mut f = file.lock().unwrap_or_else(|e| e.into_inner());
        let keys_at = f.seek(SeekFrom::End(0))?;
        f.write_all(&keys)?;
        f.write_all(&run.bytes)?;
        Ok(OnDisk {
            file: file.clone(),
            keys_at,
            bytes_at: keys_at + keys.len() as u64,
            bounds,
        })
    }

    /// Range `r` of the run, read back.
    pub(super) fn read(&self, r: usize) -> std::io::Result<View<'static>> {
        let (from, to) = (self.bounds[r], self.bounds[r + 1]);
        let mut raw = vec![0u8; (to.key - from.key) as usize * KEY_BYTES];
        let mut bytes = vec![0u8; (to.byte - from.byte) as usize];
        {
            let mut f = self.file.lock().unwrap_or_else(|e| e.into_inner());
            f.seek(SeekFrom::Start(
                self.keys_at + u64::from(from.key) * KEY_BYTES as u64,
            ))?;
            f.read_exact(&mut raw)?;
            f.seek(SeekFrom::Start(self.bytes_at + u64::from(from.byte)))?;
            f.read_exact(&mut bytes)?;
        }
        let keys = raw.chunks_exact(KEY_BYTES).map(key_from_bytes).collect();
        Ok(View {
            keys: Cow::Owned(keys),
            bytes: Cow::Owned(bytes),
            base: from.byte,
        })
    }
}

fn key_to_bytes(k: &RunKey, out: &mut Vec<u8>) {
    out.extend_from_slice(&k.key.to_bits().to_le_bytes());
    out.extend_from_slice(&k.end.to_le_bytes());
    out.extend_from_slice(&k.last_doc.to_le_bytes());
}

fn key_from_bytes(c: &[u8]) -> RunKey {
    let u32_at = |at: usize| u32::from_le_bytes([c[at], c[at + 1], c[at + 2], c[at + 3]]);
    RunKey {
        key: ShardKey::from_bits(u64::from(u32_at(0)) | u64::from(u32_at(4)) << 32),
        end: u32_at(8),
        last_doc: u32_at(12),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::postings::key::Key;

    #[test]
    fn a_key_record_reads_back_as_written() {
        let keys = [
            (ShardKey::new(16383, Key::word(u32::MAX)), 7, u32::MAX),
            (ShardKey::new(0, Key::pair('整', '𠀋')), u32::MAX, 0),
            (ShardKey::new(5, Key::count('\u{3ffff}')), 0, 1),
        ];
        for (key, end, last_doc) in keys {
            let mut bytes = Vec::new();
            key_to_bytes(&RunKey { key, end, last_doc }, &mut bytes);
            assert_eq!(bytes.len(), KEY_BYTES);
            let back = key_from_bytes(&bytes);
            assert_eq!((back.key, back.end, back.last_doc), (key, end, last_doc));
        }
    }
}
