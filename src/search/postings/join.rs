//! The final read: the builders' runs as one index, shard by shard. Ranges of shards are read
//! in parallel, each off every run at once (runs are not merged on the way: with batches of
//! 2^20 tokens they are few, and a merge would copy every byte once more); a shard's keys are
//! written straight into its file's text, and a key whose postings alone fill half a shard
//! into a file of its own.

use super::builder::Builder;
use super::format;
use super::key::{ShardKey, ShardSort};
use super::run::{range_bounds, Held, View};
use super::spill::SpillError;
use super::words::Words;
use super::Shared;
use rayon::prelude::*;

/// A key with a file of its own (`search/b/<shard>_<n>.js`), the n-th of its shard.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) struct OwnFile {
    pub(crate) key: String,
    pub(crate) shard: usize,
    pub(crate) n: usize,
}

/// A key's text and its postings, for a file of its own.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) struct Apart {
    pub(crate) key: String,
    pub(crate) postings: Vec<u8>,
}

/// What `join` hands out per shard: the shard's entries as `"key":"postings"` separated by
/// commas (keys in a fixed order), and apart, its keys with files of their own, in order.
pub(crate) type EachShard<'a, E> = dyn Fn(usize, &[u8], Vec<Apart>) -> Result<(), E> + Sync + 'a;

/// The builders' runs as one index: `each` gets a shard's entries and, apart, its keys whose
/// postings alone pass `own` bytes, in parallel, as they are made (so that no shard is held
/// after it is written). Returns the keys with files of their own, by key.
/// Builders must be in document order.
pub(crate) fn join<E: Send + From<SpillError>>(
    builders: Vec<Builder>,
    shared: &Shared,
    own: usize,
    each: &EachShard<E>,
) -> Result<Vec<OwnFile>, E> {
    let runs = all_runs(builders).map_err(SpillError)?;
    let ranks = shared.words.ranks();
    let bounds = range_bounds(shared.shards);
    let done: Vec<Result<Vec<OwnFile>, E>> = (0..bounds.len() - 1)
        .into_par_iter()
        .map(|r| {
            let views = runs
                .iter()
                .map(|h| h.view(r, &bounds))
                .collect::<std::io::Result<Vec<View>>>()
                .map_err(SpillError)?;
            let mut m = Merge::new(views, &ranks, &shared.words, own);
            for shard in bounds[r]..bounds[r + 1] {
                if m.collect(shard) {
                    let apart = m.write(shard);
                    each(shard as usize, &m.body, apart)?;
                }
            }
            Ok(m.big)
        })
        .collect();
    let mut big = Vec::new();
    for d in done {
        big.extend(d?);
    }
    big.sort_unstable();
    Ok(big)
}

/// Every builder's runs, in document order, or the first write to a temporary file that
/// failed.
fn all_runs(mut builders: Vec<Builder>) -> std::io::Result<Vec<Held>> {
    builders.iter_mut().for_each(Builder::finish);
    if let Some(e) = builders.iter_mut().find_map(|b| b.runs.failed.take()) {
        return Err(e);
    }
    Ok(builders.into_iter().flat_map(|b| b.runs.list).collect())
}

/// A key of a run, found for the shard being written.
#[derive(Clone, Copy)]
struct Found {
    /// Its place in the shard: its key, words by their rank.
    order: ShardKey,
    run: usize,
    /// Its index among the run view's keys.
    i: usize,
}

/// One range's runs, read together a shard at a time.
struct Merge<'a> {
    views: Vec<View<'a>>,
    /// Each view's next key.
    at: Vec<usize>,
    ranks: &'a [u32],
    words: &'a Words,
    own: usize,
    found: Vec<Found>,
    sorter: ShardSort<Found>,
    /// The shard's entries as text.
    body: Vec<u8>,
    /// The keys with files of their own, so far.
    big: Vec<OwnFile>,
}

impl<'a> Merge<'a> {
    fn new(views: Vec<View<'a>>, ranks: &'a [u32], words: &'a Words, own: usize) -> Merge<'a> {
        Merge {
            at: vec![0; views.len()],
            views,
            ranks,
            words,
            own,
            found: Vec::new(),
            sorter: ShardSort::default(),
            body: Vec::new(),
            big: Vec::new(),
        }
    }

    /// Finds the keys of `shard` in every run, in the order they are written: by key (words
    /// by text), then run (so document order within a key). False when it has none.
    fn collect(&mut self, shard: u64) -> bool {
        self.found.clear();
        for (run, view) in self.views.iter().enumerate() {
            while let Some(k) = view.keys.get(self.at[run]) {
                if k.key.shard() != shard {
                    break;
                }
                let order = ShardKey::new(shard, k.key.key().ranked(self.ranks));
                let i = self.at[run];
                self.found.push(Found { order, run, i });
                self.at[run] += 1;
            }
        }
        self.sorter.sort_vec(&mut self.found, |f| f.order);
        !self.found.is_empty()
    }

    /// Writes the keys found into `body` (straight into the shard's text, a key at a time: no
    /// copy of each key's postings, nor of its name); returns the big ones, apart.
    fn write(&mut self, shard: u64) -> Vec<Apart> {
        self.body.clear();
        let mut apart = Vec::new();
        for key in self.found.chunk_by(|a, b| a.order == b.order) {
            let mark = self.body.len();
            if mark > 0 {
                self.body.push(b',');
            }
            let name = self.views[key[0].run].keys[key[0].i].key.key();
            format::write_name(name, self.words, &mut self.body);
            self.body.extend_from_slice(b":\"");
            let start = self.body.len();
            let mut last = None;
            for f in key {
                let view = &self.views[f.run];
                format::append_after(&mut self.body, last, view.postings(f.i));
                last = Some(view.keys[f.i].last_doc);
            }
            if self.body.len() - start > self.own {
                let text = format::text(name, self.words);
                self.big.push(OwnFile {
                    key: text.clone(),
                    shard: shard as usize,
                    n: apart.len(),
                });
                let postings = self.body[start..].to_vec();
                apart.push(Apart {
                    key: text,
                    postings,
                });
                self.body.truncate(mark);
            } else {
                self.body.push(b'"');
            }
        }
        apart
    }
}
