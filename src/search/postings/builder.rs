//! One thread's part of the index, built with sequential memory access only (random access to
//! a large map costs a cache miss per key and document, which made indexing most of the
//! build). A document's tokens become entries of a batch; a full batch is grouped by shard and
//! key while it is in cache and encoded into a run, which `Runs` keeps (memory or file).

use super::format;
use super::key::{ShardKey, ShardSort, Shards};
use super::run::Run;
use super::spill::Runs;
use super::Shared;
use crate::search::tokens::{self, Tok};
use crate::search::TITLE_SPAN;
use ahash::AHashMap;

/// A batch is grouped once it holds this many tokens (some 380 documents, 16 MB): a key's
/// postings in a batch are encoded together and joined with its other runs' at the end, so
/// bigger batches mean less work per key (and a key shows up in fewer runs).
/// (Small in unit tests, so that a few documents make many batches.)
const BATCH: usize = if cfg!(test) { 1 << 12 } else { 1 << 20 };

/// What a builder's batch and its grouping take, at most: the entries and their copy by shard.
pub(super) const BATCH_BYTES: usize = (BATCH + BATCH / 4 + BATCH) * std::mem::size_of::<Entry>();

/// A token of a document at a position (title tokens below TITLE_SPAN).
#[derive(Clone, Copy, Default)]
struct Entry {
    key: ShardKey,
    doc: u32,
    pos: u32,
}

/// Code points indexed as CJK are below this (tokens::is_cjk_char).
const CJK_END: usize = 0x4_0000;
const NO_SLOT: u32 = u32::MAX;

/// The per-character index of a batch (the `#` keys): the current document's count of tokens
/// starting with each CJK character, encoded as the document ends. (A few thousand
/// characters, so appending to each in place stays in cache, where an entry per character and
/// document would be a fifth of the batch to sort.)
struct CharIndex {
    shards: Shards,
    counts: Vec<u32>,
    /// The characters whose count is not 0.
    touched: Vec<char>,
    postings: Vec<CharPostings>,
    /// Each character's place in `postings` (NO_SLOT when it has none).
    slot: Vec<u32>,
}

/// A character's postings in a batch, encoded, its first document absolute (as in runs).
struct CharPostings {
    key: ShardKey,
    c: char,
    bytes: Vec<u8>,
    last_doc: Option<u32>,
}

impl CharIndex {
    fn new(shards: usize) -> CharIndex {
        CharIndex {
            shards: Shards::new(shards),
            counts: vec![0; CJK_END],
            touched: Vec::new(),
            postings: Vec::new(),
            slot: vec![NO_SLOT; CJK_END],
        }
    }

    /// A token starts with `c` (a CJK character, below CJK_END).
    #[inline(always)]
    fn note(&mut self, c: char) {
        let n = &mut self.counts[c as usize];
        if *n == 0 {
            self.touched.push(c);
        }
        *n += 1;
    }

    /// The document's counts join the postings (their shards marked in `bits`).
    fn end_doc(&mut self, doc: u32, bits: &mut [u64]) {
        for c in self.touched.drain(..) {
            let n = std::mem::take(&mut self.counts[c as usize]);
            let slot = &mut self.slot[c as usize];
            if *slot == NO_SLOT {
                *slot = self.postings.len() as u32;
                self.postings.push(CharPostings {
                    key: self.shards.count(c),
                    c,
                    bytes: Vec::new(),
                    last_doc: None,
                });
            }
            let p = &mut self.postings[*slot as usize];
            mark(bits, p.key.shard());
            format::put_count(&mut p.bytes, doc, p.last_doc, n);
            p.last_doc = Some(doc);
        }
    }

    /// The batch's postings by key; the index starts again empty.
    fn take(&mut self) -> Vec<CharPostings> {
        for p in &self.postings {
            self.slot[p.c as usize] = NO_SLOT;
        }
        let mut all = std::mem::take(&mut self.postings);
        all.sort_unstable_by_key(|p| p.key);
        all
    }
}

/// The tokens since the last grouping, and how many fall in each shard (counted as they come,
/// for the counting sort), with the grouping's scratch.
struct Batch {
    entries: Vec<Entry>,
    starts: Vec<u32>,
    grouped: Vec<Entry>,
    sorter: ShardSort<Entry>,
}

impl Batch {
    fn new(shards: usize) -> Batch {
        Batch {
            entries: Vec::with_capacity(BATCH + BATCH / 4),
            starts: vec![0; shards + 1],
            grouped: Vec::new(),
            sorter: ShardSort::default(),
        }
    }

    #[inline(always)]
    fn push(&mut self, e: Entry) {
        self.entries.push(e);
        self.starts[e.key.shard() as usize + 1] += 1;
    }

    /// Hands out each shard's entries, sorted by key (document and position order kept within
    /// a key), in shard order: a counting sort by shard, then a sort of each shard's few
    /// entries while they are in cache. The batch is then empty.
    fn group(&mut self, mut each: impl FnMut(u64, &[Entry])) {
        let starts = &mut self.starts;
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        self.grouped.resize(self.entries.len(), Entry::default());
        for &e in &self.entries {
            let slot = &mut starts[e.key.shard() as usize];
            self.grouped[*slot as usize] = e;
            *slot += 1;
        }
        self.entries.clear();
        // Each shard's entries now end where the next one's began.
        let mut from = 0;
        for (shard, &end) in starts[..starts.len() - 1].iter().enumerate() {
            let entries = &mut self.grouped[from..end as usize];
            if entries.len() > 1 {
                each(shard as u64, self.sorter.sorted(entries, |e| e.key));
            } else {
                each(shard as u64, entries);
            }
            from = end as usize;
        }
        starts.fill(0);
    }
}

/// One thread's part of the index: the documents it was given, in order.
pub(crate) struct Builder<'s> {
    pub(super) shared: &'s Shared,
    /// Words this thread has met, with their keys.
    known: AHashMap<Box<str>, ShardKey>,
    batch: Batch,
    chars: CharIndex,
    pub(super) runs: Runs,
    /// Each document's length in body tokens.
    pub(crate) lens: Vec<u32>,
    /// Each document's shards, a bit each (what an update of it must rewrite: `search::update`).
    pub(crate) doc_shards: Vec<Box<[u64]>>,
    /// The current document's.
    bits: Vec<u64>,
}

/// Marks `shard` in a bit set of shards.
#[inline(always)]
fn mark(bits: &mut [u64], shard: u64) {
    bits[(shard >> 6) as usize] |= 1 << (shard & 63);
}

impl<'s> Builder<'s> {
    pub(crate) fn new(shared: &'s Shared) -> Builder<'s> {
        Builder {
            shared,
            known: AHashMap::new(),
            batch: Batch::new(shared.shards),
            chars: CharIndex::new(shared.shards),
            runs: Runs::default(),
            lens: Vec::new(),
            doc_shards: Vec::new(),
            bits: vec![0; shared.shards.div_ceil(64)],
        }
    }

    /// Indexes one document (normalised title and text); ids must increase.
    pub(crate) fn add(&mut self, doc: u32, title: &str, text: &str) {
        let mut keying = Keying {
            batch: &mut self.batch,
            chars: &mut self.chars,
            known: &mut self.known,
            shared: self.shared,
            shards: Shards::new(self.shared.shards),
            doc,
            cap: TITLE_SPAN - 1,
            bits: &mut self.bits,
        };
        tokens::tokenize_fast(title, 0, &mut keying);
        keying.cap = u32::MAX;
        let end = tokens::tokenize_fast(text, TITLE_SPAN, &mut keying);
        self.chars.end_doc(doc, &mut self.bits);
        self.lens.push(end - TITLE_SPAN);
        self.doc_shards.push(self.bits.as_slice().into());
        self.bits.fill(0);
        if self.batch.entries.len() >= BATCH {
            self.group();
        }
    }

    /// The batch and its per-character postings into a run, one shard at a time.
    fn group(&mut self) {
        let chars = self.chars.take();
        // About 5 bytes a position in benchmark documents (most pairs occur once in a
        // document), and the per-character postings as they are.
        let bytes = chars.iter().map(|c| c.bytes.len()).sum::<usize>();
        let mut run = Run::with_capacity((self.batch.entries.len() + chars.len()) * 5 + bytes);
        let mut rest = &chars[..];
        self.batch.group(|shard, entries| {
            let n = rest.partition_point(|c| c.key.shard() == shard);
            encode(entries, &rest[..n], &mut run);
            rest = &rest[n..];
        });
        run.keys.shrink_to_fit();
        run.bytes.shrink_to_fit();
        self.runs.push(run, &self.shared.spill, self.shared.shards);
    }

    /// Groups what is left of the last batch.
    pub(super) fn finish(&mut self) {
        if !self.batch.entries.is_empty() || !self.chars.postings.is_empty() {
            self.group();
        }
    }
}

/// Appends one shard's postings to a run in key order: its tokens' (grouped entries, sorted)
/// and its characters' counts (encoded already, sorted), merged.
fn encode(entries: &[Entry], chars: &[CharPostings], run: &mut Run) {
    let (mut i, mut c) = (0, 0);
    while i < entries.len() || c < chars.len() {
        // (Count keys are never a token's: never equal.)
        if c < chars.len() && entries.get(i).is_none_or(|e| chars[c].key < e.key) {
            let p = &chars[c];
            run.bytes.extend_from_slice(&p.bytes);
            run.end_key(p.key, p.last_doc.unwrap_or(0));
            c += 1;
        } else {
            i += encode_key(&entries[i..], run);
        }
    }
}

/// The postings of the key the entries start with; returns how many entries it took.
#[inline]
fn encode_key(entries: &[Entry], run: &mut Run) -> usize {
    let key = entries[0].key;
    let mut last = None;
    let mut i = 0;
    while i < entries.len() && entries[i].key == key {
        let doc = entries[i].doc;
        let n = entries[i..]
            .iter()
            .take_while(|e| e.key == key && e.doc == doc)
            .count();
        let positions = entries[i..i + n].iter().map(|e| e.pos);
        format::put_positions(&mut run.bytes, doc, last, n, positions);
        last = Some(doc);
        i += n;
    }
    run.end_key(key, last.unwrap_or(0));
    i
}

/// A document's tokens as batch entries, and the CJK characters they start with as counts.
struct Keying<'a> {
    batch: &'a mut Batch,
    chars: &'a mut CharIndex,
    known: &'a mut AHashMap<Box<str>, ShardKey>,
    shared: &'a Shared,
    shards: Shards,
    doc: u32,
    /// The highest position (title tokens stay below TITLE_SPAN).
    cap: u32,
    /// The document's shards.
    bits: &'a mut [u64],
}

impl Keying<'_> {
    #[inline(always)]
    fn push(&mut self, key: ShardKey, pos: u32) {
        mark(self.bits, key.shard());
        self.batch.push(Entry {
            key,
            doc: self.doc,
            pos: pos.min(self.cap),
        });
    }

    fn word(&mut self, w: &str) -> ShardKey {
        if let Some(k) = self.known.get(w) {
            return *k;
        }
        let k = self.shared.word(w);
        self.known.insert(w.into(), k);
        k
    }
}

impl tokens::Sink for Keying<'_> {
    #[inline(always)]
    fn pair(&mut self, a: char, b: char, pos: u32) {
        self.chars.note(a);
        let key = self.shards.pair(a, b);
        self.push(key, pos);
    }

    fn other(&mut self, t: Tok, pos: u32) {
        let key = match t {
            Tok::Pair(a, b) => return self.pair(a, b, pos),
            Tok::One(a) => {
                self.chars.note(a);
                self.shards.one(a)
            }
            Tok::Word(w) => self.word(w),
        };
        self.push(key, pos);
    }
}
