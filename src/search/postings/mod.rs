//! The inverted index: every token's positional postings, and every CJK character's counts,
//! in shards, in the format search.js reads. Built in these steps, a file each:
//!
//! - `key`: what a key is (a CJK pair, a character, a character's count, a word) and its
//!   shard, as one integer that sorts by shard, then key;
//! - `builder`: each thread indexes a contiguous range of documents a batch at a time; a batch
//!   is grouped by shard and key while it is in cache and becomes a `run` sorted so, its
//!   postings encoded as they are made (`format`);
//! - `spill`: past a memory budget, runs wait in a temporary file;
//! - `join`: at the end each shard is read off every run at once, in parallel by ranges of
//!   shards, and handed out as the text of its file;
//! - `format`: the postings and key names as search.js reads them;
//! - `words`: the word list the threads share (a word's key is its number).

mod builder;
mod format;
mod join;
mod key;
pub(crate) mod patch;
mod run;
mod spill;
#[cfg(test)]
mod tests;
mod words;

pub(crate) use builder::Builder;
pub(crate) use join::{join, Apart};
pub use spill::SpillError;

use key::{Key, ShardKey};
use spill::Spill;
use std::path::PathBuf;
use words::Words;

/// What the builders of one index share: the number of shards, the word list, and where
/// their runs may go.
pub(crate) struct Shared {
    shards: usize,
    words: Words,
    spill: Spill,
}

impl Shared {
    /// `budget`: the bytes each builder may hold, its batch included; `spill_dirs`: where
    /// the rest may go, the first folder that takes a file.
    pub(crate) fn new(shards: usize, budget: usize, spill_dirs: Vec<PathBuf>) -> Shared {
        Shared {
            shards,
            words: Words::default(),
            spill: Spill::new(budget.saturating_sub(builder::BATCH_BYTES), spill_dirs),
        }
    }

    /// A word's key (its text hashed for its shard, as `search::shard_of`).
    fn word(&self, w: &str) -> ShardKey {
        let shard = super::shard_of(w, self.shards) as u64;
        ShardKey::new(shard, Key::word(self.words.id(w)))
    }
}
