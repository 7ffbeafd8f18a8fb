//! A run: one batch's postings, keys sorted by shard and key, each key's postings encoded
//! (`format`, its first document absolute) one after another in one buffer. Held in memory or
//! in the temporary file (`spill`); the final read (`join`) takes a range of shards of every
//! run at once, as a `View`, wherever the run is.

use super::key::ShardKey;
use super::spill::OnDisk;
use std::borrow::Cow;

/// One key's postings in a run: the key, where its bytes end, its last document.
#[derive(Clone, Copy)]
pub(super) struct RunKey {
    pub(super) key: ShardKey,
    pub(super) end: u32,
    pub(super) last_doc: u32,
}

#[derive(Default)]
pub(super) struct Run {
    pub(super) keys: Vec<RunKey>,
    pub(super) bytes: Vec<u8>,
}

/// Where a range of shards starts in a run: its first key, and that key's first byte.
#[derive(Clone, Copy)]
pub(super) struct Start {
    pub(super) key: u32,
    pub(super) byte: u32,
}

impl Run {
    pub(super) fn with_capacity(bytes: usize) -> Run {
        Run {
            keys: Vec::new(),
            bytes: Vec::with_capacity(bytes),
        }
    }

    /// Ends the postings of `key`, the bytes appended since the last key.
    #[inline]
    pub(super) fn end_key(&mut self, key: ShardKey, last_doc: u32) {
        self.keys.push(RunKey {
            key,
            end: self.bytes.len() as u32,
            last_doc,
        });
    }

    /// The first key in shard `lo` or after.
    pub(super) fn first_in(&self, lo: u64) -> Start {
        let k = self.keys.partition_point(|k| k.key.shard() < lo);
        Start {
            key: k as u32,
            byte: self.start(k) as u32,
        }
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            self.keys[i - 1].end as usize
        }
    }

    #[cfg(test)]
    pub(super) fn postings(&self, i: usize) -> &[u8] {
        &self.bytes[self.start(i)..self.keys[i].end as usize]
    }

    /// Memory it holds, about.
    pub(super) fn size(&self) -> usize {
        self.bytes.len() + self.keys.len() * std::mem::size_of::<RunKey>()
    }
}

/// A run in memory or in the file.
pub(super) enum Held {
    Memory(Run),
    Disk(OnDisk),
}

impl Held {
    /// Range `r` of the run (shards `bounds[r]..bounds[r + 1]`, `range_bounds`).
    pub(super) fn view(&self, r: usize, bounds: &[u64]) -> std::io::Result<View<'_>> {
        match self {
            Held::Memory(run) => {
                let (from, to) = (run.first_in(bounds[r]), run.first_in(bounds[r + 1]));
                Ok(View {
                    keys: Cow::Borrowed(&run.keys[from.key as usize..to.key as usize]),
                    bytes: Cow::Borrowed(&run.bytes[from.byte as usize..to.byte as usize]),
                    base: from.byte,
                })
            }
            Held::Disk(d) => d.read(r),
        }
    }
}

/// One shard range of a run, in memory either way: keys, and their bytes from `base` on.
pub(super) struct View<'a> {
    pub(super) keys: Cow<'a, [RunKey]>,
    pub(super) bytes: Cow<'a, [u8]>,
    pub(super) base: u32,
}

impl View<'_> {
    pub(super) fn postings(&self, i: usize) -> &[u8] {
        let start = if i == 0 {
            self.base
        } else {
            self.keys[i - 1].end
        };
        &self.bytes[(start - self.base) as usize..(self.keys[i].end - self.base) as usize]
    }
}

/// Shards are read off the runs in this many ranges, in parallel.
const RANGES: usize = 64;

/// Shard numbers where the final read's ranges start, and the end.
pub(super) fn range_bounds(shards: usize) -> Vec<u64> {
    let per = shards.div_ceil(RANGES).max(1);
    let mut b: Vec<u64> = (0..shards.div_ceil(per))
        .map(|r| (r * per) as u64)
        .collect();
    b.push(shards as u64);
    b
}
