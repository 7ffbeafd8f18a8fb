//! The inverted index, built with sequential memory access only: random access to a large map
//! costs a cache miss per key and document, which made indexing most of the build.
//! Each thread indexes a contiguous range of documents a batch at a time; a batch is grouped by
//! shard and key while it is in cache and becomes a run sorted so; at the end each shard is
//! read off every run at once. Postings are encoded as they are made, in the format search.js
//! reads. (Runs are not merged on the way: with batches of 2^20 tokens they are few, and a merge
//! would copy every byte once more.)
//! Past a memory budget, finished runs go to a temporary file (as segments do in Lucene), so
//! that the index's memory does not grow with the site; the final read takes each shard range
//! of a run from the file.

use super::tokens::{self, Tok};
use super::{varint, TITLE_SPAN};
use ahash::AHashMap;
use rayon::prelude::*;
use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

// Keys as numbers; the two bits above the code points say what a key is.
/// A CJK pair: its two code points.
const PAIR: u64 = 1 << 42;
/// A character of the per-character index, whose postings hold counts, not positions.
const COUNT: u64 = 2 << 42;
/// A word: its number in the shared word list.
const WORD: u64 = 3 << 42;
const KIND: u64 = 3 << 42;
const CODE: u64 = 0x1F_FFFF;
/// Runs sort by shard, then key: the shard sits above the key's 44 bits.
const SHARD_SHIFT: u32 = 44;
/// Code points indexed as CJK are below this (tokens::is_cjk_char).
const CJK_END: usize = 0x4_0000;
const NO_SLOT: u32 = u32::MAX;
/// A batch is grouped once it holds this many tokens (some 380 documents, 16 MB): a key's
/// postings in a batch are encoded together and joined with its other runs' at the end, so
/// bigger batches mean less work per key (and a key shows up in fewer runs).
/// (Small in unit tests, so that a few documents make many batches.)
const BATCH: usize = if cfg!(test) { 1 << 12 } else { 1 << 20 };

fn fnv(h: u32, c: u32) -> u32 {
    (h ^ c).wrapping_mul(0x0100_0193)
}
const FNV_START: u32 = 0x811c_9dc5;

/// `hash % shards` by multiplications (Lemire's fastmod), as `shard_of` computes it, without a
/// division for every token.
#[derive(Clone, Copy)]
struct Shards {
    n: u64,
    m: u64,
}

impl Shards {
    fn new(n: usize) -> Shards {
        let n = n as u64;
        Shards {
            n,
            m: (u64::MAX / n).wrapping_add(1),
        }
    }

    #[inline]
    fn of(self, h: u32) -> u64 {
        let low = self.m.wrapping_mul(u64::from(h));
        ((u128::from(low) * u128::from(self.n)) >> 64) as u64
    }
}

/// Words by text, and in order of their ids.
type WordList = (AHashMap<Box<str>, u32>, Vec<Box<str>>);

/// Index entries: (key text, postings).
pub(super) type Entries = Vec<(String, Vec<u8>)>;

/// What `join` hands out per shard: the shard's entries as `"key":"postings"` separated by
/// commas (keys in a fixed order), and apart, its keys with files of their own.
pub(super) type EachShard<'a, E> = dyn Fn(usize, &[u8], Entries) -> Result<(), E> + Sync + 'a;

/// The words of the whole index, numbered, with their shards (shared by the threads; words
/// are few in Chinese text, and each thread remembers the ones it has seen).
pub(super) struct Words {
    shards: usize,
    list: Mutex<WordList>,
    /// Bytes of runs each builder keeps in memory; beyond, its oldest runs go to its file.
    budget: usize,
    /// Where that file may go, in order: the temporary folder, then the output's.
    spill_dirs: Vec<PathBuf>,
}

/// What a builder's batch and its grouping take, at most: the entries and their copy by shard.
const BATCH_BYTES: usize = (BATCH + BATCH / 4 + BATCH) * std::mem::size_of::<(u64, u32, u32)>();

impl Words {
    /// `budget`: the bytes each builder may hold, its batch included; `spill_dirs`: where
    /// the rest may go, the first folder that takes a file.
    pub fn new(shards: usize, budget: usize, spill_dirs: Vec<PathBuf>) -> Words {
        Words {
            shards,
            list: Mutex::new(Default::default()),
            budget: budget.saturating_sub(BATCH_BYTES),
            spill_dirs,
        }
    }

    /// A temporary file in the first of `spill_dirs` that takes one (the first folder's error
    /// when none does).
    fn temp_file(&self) -> std::io::Result<File> {
        let mut first = None;
        for dir in &self.spill_dirs {
            match tempfile::tempfile_in(dir) {
                Ok(f) => return Ok(f),
                Err(e) => {
                    first.get_or_insert(e);
                }
            }
        }
        Err(first.unwrap_or_else(|| std::io::Error::other("no folder for a temporary file")))
    }

    fn id(&self, w: &str) -> (u32, u32) {
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        let (map, words) = &mut *list;
        let next = words.len() as u32;
        let id = *map.entry(w.into()).or_insert_with(|| {
            words.push(w.into());
            next
        });
        (id, super::shard_of(w, self.shards) as u32)
    }

    fn text(&self, key: u64) -> String {
        let c = |v: u64| char::from_u32((v & CODE) as u32).unwrap_or('\u{fffd}');
        match key & KIND {
            PAIR => [c(key >> 21), c(key)].iter().collect(),
            COUNT => ['#', c(key)].iter().collect(),
            WORD => {
                let list = self.list.lock().unwrap_or_else(|e| e.into_inner());
                list.1[(key & CODE) as usize].to_string()
            }
            _ => c(key).to_string(),
        }
    }

    /// The key's text as a JavaScript string literal.
    fn write_name(&self, key: u64, out: &mut Vec<u8>) {
        let c = |v: u64| char::from_u32((v & CODE) as u32).unwrap_or('\u{fffd}');
        let mut buf = [0u8; 4];
        let mut put = |ch: char, out: &mut Vec<u8>| {
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes())
        };
        // CJK characters and `#` need no escape; words may.
        match key & KIND {
            WORD => {
                let mut s = String::new();
                super::js_str(&self.text(key), &mut s);
                out.extend_from_slice(s.as_bytes());
            }
            kind => {
                out.push(b'"');
                match kind {
                    PAIR => {
                        put(c(key >> 21), out);
                        put(c(key), out);
                    }
                    COUNT => {
                        out.push(b'#');
                        put(c(key), out);
                    }
                    _ => put(c(key), out),
                }
                out.push(b'"');
            }
        }
    }

    /// Each word id's place among the words in text order: word ids depend on which thread
    /// met a word first, and files must not.
    fn ranks(&self) -> Vec<u32> {
        let list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        let mut ids: Vec<u32> = (0..list.1.len() as u32).collect();
        ids.sort_unstable_by(|a, b| list.1[*a as usize].cmp(&list.1[*b as usize]));
        let mut rank = vec![0; ids.len()];
        for (r, id) in ids.into_iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        rank
    }
}

/// One key's postings in a run: (shard << 44 | key), where its bytes end, its last document.
#[derive(Clone, Copy)]
struct RunKey {
    sort: u64,
    end: u32,
    last_doc: u32,
}

/// Postings of a batch of documents, sorted by shard and key.
#[derive(Default)]
struct Run {
    keys: Vec<RunKey>,
    bytes: Vec<u8>,
}

/// The temporary file could not be written or read back.
#[derive(Debug)]
pub struct SpillError(pub std::io::Error);

/// A run written to its builder's temporary file: where its keys and bytes are, and where each
/// shard range starts in them.
struct OnDisk {
    file: Arc<Mutex<File>>,
    keys_at: u64,
    bytes_at: u64,
    /// For each range boundary (`range_bounds`): (the first key at or after it, its byte offset).
    bounds: Vec<(u32, u32)>,
}

/// A run in memory or in the file.
enum Held {
    Memory(Run),
    Disk(OnDisk),
}

/// One shard range of a run, in memory either way: keys, and their bytes from `base` on.
struct View<'a> {
    keys: Cow<'a, [RunKey]>,
    bytes: Cow<'a, [u8]>,
    base: u32,
}

impl View<'_> {
    fn postings(&self, i: usize) -> &[u8] {
        let start = if i == 0 {
            self.base
        } else {
            self.keys[i - 1].end
        };
        &self.bytes[(start - self.base) as usize..(self.keys[i].end - self.base) as usize]
    }
}

/// Shard numbers where the final read's ranges start, and the end.
fn range_bounds(shards: usize) -> Vec<u64> {
    let per = shards.div_ceil(RANGES).max(1);
    let mut b: Vec<u64> = (0..shards.div_ceil(per))
        .map(|r| (r * per) as u64)
        .collect();
    b.push(shards as u64);
    b
}

impl Run {
    /// The keys (and their byte start) from the first in shard `lo` on.
    fn first_in(&self, lo: u64) -> (u32, u32) {
        let k = self.keys.partition_point(|k| k.sort >> SHARD_SHIFT < lo);
        (k as u32, self.start(k) as u32)
    }

    /// Appends the run to `file`: keys (16 bytes each, little-endian), then bytes.
    fn spill(self, file: &Arc<Mutex<File>>, shards: usize) -> std::io::Result<OnDisk> {
        let bounds = range_bounds(shards)
            .into_iter()
            .map(|lo| self.first_in(lo))
            .collect();
        let mut keys = Vec::with_capacity(self.keys.len() * 16);
        for k in &self.keys {
            keys.extend_from_slice(&k.sort.to_le_bytes());
            keys.extend_from_slice(&k.end.to_le_bytes());
            keys.extend_from_slice(&k.last_doc.to_le_bytes());
        }
        let mut f = file.lock().unwrap_or_else(|e| e.into_inner());
        let keys_at = f.seek(SeekFrom::End(0))?;
        f.write_all(&keys)?;
        f.write_all(&self.bytes)?;
        Ok(OnDisk {
            file: file.clone(),
            keys_at,
            bytes_at: keys_at + keys.len() as u64,
            bounds,
        })
    }
}

impl Held {
    /// Range `r` of the run (shards `bounds[r]..bounds[r + 1]`).
    fn view(&self, r: usize, bounds: &[u64]) -> std::io::Result<View<'_>> {
        match self {
            Held::Memory(run) => {
                let (k0, b0) = run.first_in(bounds[r]);
                let (k1, b1) = run.first_in(bounds[r + 1]);
                Ok(View {
                    keys: Cow::Borrowed(&run.keys[k0 as usize..k1 as usize]),
                    bytes: Cow::Borrowed(&run.bytes[b0 as usize..b1 as usize]),
                    base: b0,
                })
            }
            Held::Disk(d) => {
                let ((k0, b0), (k1, b1)) = (d.bounds[r], d.bounds[r + 1]);
                let mut raw = vec![0u8; (k1 - k0) as usize * 16];
                let mut bytes = vec![0u8; (b1 - b0) as usize];
                {
                    let mut f = d.file.lock().unwrap_or_else(|e| e.into_inner());
                    f.seek(SeekFrom::Start(d.keys_at + u64::from(k0) * 16))?;
                    f.read_exact(&mut raw)?;
                    f.seek(SeekFrom::Start(d.bytes_at + u64::from(b0)))?;
                    f.read_exact(&mut bytes)?;
                }
                let word = |c: &[u8], at: usize| {
                    u32::from_le_bytes([c[at], c[at + 1], c[at + 2], c[at + 3]])
                };
                let keys = raw
                    .chunks_exact(16)
                    .map(|c| RunKey {
                        sort: u64::from(word(c, 0)) | u64::from(word(c, 4)) << 32,
                        end: word(c, 8),
                        last_doc: word(c, 12),
                    })
                    .collect();
                Ok(View {
                    keys: Cow::Owned(keys),
                    bytes: Cow::Owned(bytes),
                    base: b0,
                })
            }
        }
    }
}

impl Run {
    fn start(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            self.keys[i - 1].end as usize
        }
    }

    #[cfg(test)]
    fn postings(&self, i: usize) -> &[u8] {
        &self.bytes[self.start(i)..self.keys[i].end as usize]
    }

    /// Memory it holds, about.
    fn size(&self) -> usize {
        self.bytes.len() + self.keys.len() * std::mem::size_of::<RunKey>()
    }
}

/// A document id as postings store it: the distance from the previous one, less one.
fn doc_delta(doc: u32, last: Option<u32>) -> u64 {
    u64::from(doc - last.map_or(0, |l| l + 1))
}

/// The first number of a document's postings: its id as a delta, doubled, plus one when the
/// document has the key once (then the count is left out: most (key, document) pairs).
fn head(doc: u32, last: Option<u32>, once: bool) -> u64 {
    doc_delta(doc, last) << 1 | u64::from(once)
}

/// Appends `next` (postings whose first document id is absolute) after postings ending at
/// document `last`: the first id becomes a delta again.
fn append_after(out: &mut Vec<u8>, last: Option<u32>, next: &[u8]) {
    let (first, used) = first_varint(next);
    varint(head((first >> 1) as u32, last, first & 1 == 1), out);
    out.extend_from_slice(&next[used..]);
}

/// A document's tokens as batch entries: each token's key and shard, and counts of the CJK
/// characters tokens start with.
struct Keying<'a, 'w> {
    b: &'a mut Builder<'w>,
    doc: u32,
    /// The highest position (title tokens stay below TITLE_SPAN).
    cap: u32,
    shards: Shards,
}

impl Keying<'_, '_> {
    #[inline(always)]
    fn count(&mut self, c: char) {
        // Only CJK characters (below CJK_END) start CJK tokens.
        let n = &mut self.b.counts[c as usize];
        if *n == 0 {
            self.b.touched.push(c as u32);
        }
        *n += 1;
    }

    #[inline(always)]
    fn push(&mut self, sort: u64, pos: u32) {
        self.b.batch.push((sort, self.doc, pos.min(self.cap)));
        self.b.starts[(sort >> SHARD_SHIFT) as usize + 1] += 1;
    }
}

impl tokens::Sink for Keying<'_, '_> {
    #[inline(always)]
    fn pair(&mut self, a: char, b: char, pos: u32) {
        self.count(a);
        let key = PAIR | (a as u64) << 21 | b as u64;
        let shard = self.shards.of(fnv(fnv(FNV_START, a as u32), b as u32));
        self.push(key | shard << SHARD_SHIFT, pos);
    }

    fn other(&mut self, t: Tok, pos: u32) {
        let sort = match t {
            Tok::Pair(a, b) => return self.pair(a, b, pos),
            Tok::One(a) => {
                self.count(a);
                a as u64 | self.shards.of(fnv(FNV_START, a as u32)) << SHARD_SHIFT
            }
            Tok::Word(w) => {
                let b = &mut *self.b;
                let id = match b.known.get(w) {
                    Some(id) => *id,
                    None => {
                        let (id, shard) = b.words.id(w);
                        b.word_shard.insert(id, shard);
                        *b.known.entry(w.into()).or_insert(id)
                    }
                };
                WORD | u64::from(id) | u64::from(b.word_shard[&id]) << SHARD_SHIFT
            }
        };
        self.push(sort, pos);
    }
}

/// One thread's part of the index: the documents it was given, in order.
pub(super) struct Builder<'w> {
    words: &'w Words,
    shards: usize,
    /// Words this thread has met: their ids, and the ids' shards.
    known: AHashMap<Box<str>, u32>,
    word_shard: AHashMap<u32, u32>,
    /// (key, document, position — or count for COUNT keys) since the last grouping.
    batch: Vec<(u64, u32, u32)>,
    /// The current document's count of tokens starting with each CJK character.
    counts: Vec<u32>,
    touched: Vec<u32>,
    /// The per-character postings of the batch, encoded as each document ends (a few thousand
    /// characters, so appending to each in place stays in cache, where an entry per character
    /// and document would be a fifth of the batch to sort): (character, postings, last
    /// document), and each character's place in it (NO_SLOT when it has none).
    char_postings: Vec<(u32, Vec<u8>, u32)>,
    char_slot: Vec<u32>,
    /// Runs in document order.
    runs: Vec<Held>,
    /// Bytes of the runs in memory, and where the others go.
    held: usize,
    file: Option<Arc<Mutex<File>>>,
    failed: Option<std::io::Error>,
    // Scratch for grouping, kept between batches.
    starts: Vec<u32>,
    grouped: Vec<(u64, u32, u32)>,
    order: Vec<u64>,
    moved: Vec<(u64, u32, u32)>,
    /// Each document's length in body tokens.
    pub lens: Vec<u32>,
}

impl<'w> Builder<'w> {
    pub fn new(words: &'w Words) -> Builder<'w> {
        Builder {
            words,
            shards: words.shards,
            known: AHashMap::new(),
            word_shard: AHashMap::new(),
            batch: Vec::with_capacity(BATCH + BATCH / 4),
            counts: vec![0; CJK_END],
            touched: Vec::new(),
            char_postings: Vec::new(),
            char_slot: vec![NO_SLOT; CJK_END],
            runs: Vec::new(),
            held: 0,
            file: None,
            failed: None,
            starts: vec![0; words.shards + 1],
            grouped: Vec::new(),
            order: Vec::new(),
            moved: Vec::new(),
            lens: Vec::new(),
        }
    }

    /// Indexes one document (normalised title and text); ids must increase.
    pub fn add(&mut self, doc: u32, title: &str, text: &str) {
        let shards = Shards::new(self.shards);
        let mut keying = Keying {
            b: self,
            doc,
            cap: TITLE_SPAN - 1,
            shards,
        };
        tokens::tokenize_fast(title, 0, &mut keying);
        keying.cap = u32::MAX;
        let end = tokens::tokenize_fast(text, TITLE_SPAN, &mut keying);
        let Builder {
            counts,
            touched,
            char_postings,
            char_slot,
            ..
        } = self;
        for c in touched.drain(..) {
            let n = std::mem::take(&mut counts[c as usize]);
            let slot = &mut char_slot[c as usize];
            if *slot == NO_SLOT {
                *slot = char_postings.len() as u32;
                char_postings.push((c, Vec::new(), 0));
            }
            let (_, out, last) = &mut char_postings[*slot as usize];
            // (The first document of a batch absolute, as in runs.)
            let last = std::mem::replace(last, doc);
            varint(head(doc, (!out.is_empty()).then_some(last), n == 1), out);
            if n != 1 {
                varint(u64::from(n), out);
            }
        }
        self.lens.push(end - TITLE_SPAN);
        if self.batch.len() >= BATCH {
            self.group();
        }
    }

    /// Groups the batch by shard and key (a counting sort by shard, then a stable sort of each
    /// shard's few entries, which keeps document and position order) into a run.
    fn group(&mut self) {
        // The per-character postings join the batch as one entry each.
        let shards = Shards::new(self.shards);
        for (i, (c, _, last)) in self.char_postings.iter().enumerate() {
            let shard = shards.of(fnv(fnv(FNV_START, '#' as u32), *c));
            self.batch.push((
                COUNT | u64::from(*c) | shard << SHARD_SHIFT,
                *last,
                i as u32,
            ));
            self.starts[shard as usize + 1] += 1;
            self.char_slot[*c as usize] = NO_SLOT;
        }
        // (Each shard's count was taken as its entries came.)
        let starts = &mut self.starts;
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        self.grouped.resize(self.batch.len(), (0, 0, 0));
        for &e in &self.batch {
            let slot = &mut starts[(e.0 >> SHARD_SHIFT) as usize];
            self.grouped[*slot as usize] = e;
            *slot += 1;
        }
        self.batch.clear();
        let mut run = Run {
            keys: Vec::new(),
            // About 5 bytes a position in benchmark documents (most pairs occur once in a
            // document), and the per-character postings as they are.
            bytes: Vec::with_capacity(
                self.grouped.len() * 5
                    + self.char_postings.iter().map(|c| c.1.len()).sum::<usize>(),
            ),
        };
        // Each shard's entries now end where the next one's began: sorted, then encoded while
        // they are still in cache.
        let mut from = 0;
        for &end in self.starts.iter() {
            let end = end as usize;
            if end - from > 1 {
                sort_by_key_in_shard(
                    &mut self.grouped[from..end],
                    |e| e.0,
                    &mut self.order,
                    &mut self.moved,
                );
            }
            encode(&self.grouped[from..end], &self.char_postings, &mut run);
            from = end;
        }
        // Counts again from zero for the next batch.
        self.starts.fill(0);
        self.char_postings.clear();
        run.keys.shrink_to_fit();
        run.bytes.shrink_to_fit();
        self.held += run.size();
        self.runs.push(Held::Memory(run));
        self.spill_over_budget();
    }

    /// Moves the oldest runs in memory to the file until the rest fit the budget.
    fn spill_over_budget(&mut self) {
        let mut i = 0;
        while self.held > self.words.budget && self.failed.is_none() && i < self.runs.len() {
            if let Held::Memory(run) = &self.runs[i] {
                let size = run.size();
                let spilled = self.spill(i);
                match spilled {
                    Ok(()) => self.held -= size,
                    Err(e) => self.failed = Some(e),
                }
            }
            i += 1;
        }
    }

    fn spill(&mut self, i: usize) -> std::io::Result<()> {
        let file = match &self.file {
            Some(f) => f.clone(),
            None => {
                let f = Arc::new(Mutex::new(self.words.temp_file()?));
                self.file = Some(f.clone());
                f
            }
        };
        // A placeholder while the run is written: an empty run in memory.
        let Held::Memory(run) = std::mem::replace(&mut self.runs[i], Held::Memory(Run::default()))
        else {
            return Ok(());
        };
        self.runs[i] = Held::Disk(run.spill(&file, self.shards)?);
        Ok(())
    }

    fn finish(&mut self) {
        if !self.batch.is_empty() || !self.char_postings.is_empty() {
            self.group();
        }
    }
}

/// Appends grouped entries' postings to a run, a key at a time, straight into its bytes.
fn encode(g: &[(u64, u32, u32)], char_postings: &[(u32, Vec<u8>, u32)], run: &mut Run) {
    let out = &mut run.bytes;
    let mut i = 0;
    while i < g.len() {
        let sort = g[i].0;
        let mut last = None;
        if sort & KIND == COUNT {
            // Already encoded: (last document, place in char_postings).
            out.extend_from_slice(&char_postings[g[i].2 as usize].1);
            last = Some(g[i].1);
            i += 1;
        } else {
            while i < g.len() && g[i].0 == sort {
                let d = g[i].1;
                let mut n = 1;
                while i + n < g.len() && g[i + n].0 == sort && g[i + n].1 == d {
                    n += 1;
                }
                varint(head(d, last, n == 1), out);
                if n != 1 {
                    varint(n as u64, out);
                }
                let mut prev = 0;
                for &(_, _, p) in &g[i..i + n] {
                    varint(u64::from(p - prev), out);
                    prev = p;
                }
                last = Some(d);
                i += n;
            }
        }
        run.keys.push(RunKey {
            sort,
            end: out.len() as u32,
            last_doc: last.unwrap_or(0),
        });
    }
}

/// Sorts one shard's entries by key (`key`: the sort key, shard above 44 bits), keeping their
/// order within a key: as numbers (key, then place), which sort faster than the entries.
fn sort_by_key_in_shard<T: Copy>(
    items: &mut [T],
    key: impl Fn(&T) -> u64,
    order: &mut Vec<u64>,
    moved: &mut Vec<T>,
) {
    const PLACE: u32 = 20;
    if items.len() >= 1 << PLACE {
        items.sort_by_key(key);
        return;
    }
    // Keys take 44 bits; one shard's entries share the bits above.
    let low = (1u64 << SHARD_SHIFT) - 1;
    order.clear();
    order.extend(
        items
            .iter()
            .enumerate()
            .map(|(i, e)| (key(e) & low) << PLACE | i as u64),
    );
    order.sort_unstable();
    moved.clear();
    moved.extend(
        order
            .iter()
            .map(|o| items[(o & ((1 << PLACE) - 1)) as usize]),
    );
    items.copy_from_slice(moved);
}

/// The first number of varint text and how many bytes it took.
fn first_varint(text: &[u8]) -> (u64, usize) {
    let mut n = 0u64;
    for (i, &b) in text.iter().enumerate() {
        let (d, last) = match b {
            b'0'..=b'9' => (b - b'0', true),
            b'a'..=b'v' => (b - b'a' + 10, true),
            b'A'..=b'Z' => (b - b'A', false),
            _ => (
                26 + b"()*+,-".iter().position(|x| *x == b).unwrap_or(0) as u8,
                false,
            ),
        };
        n = n * 32 + u64::from(d);
        if last {
            return (n, i + 1);
        }
    }
    (n, text.len())
}

/// Shards are read off the runs in this many ranges, in parallel.
const RANGES: usize = 64;

/// A key with a file of its own: (key text, shard, its number among the shard's own keys).
pub(super) type Own = (String, usize, usize);

/// The builders' runs as one index, shard by shard: `each` gets a shard's entries and, apart,
/// its keys whose postings alone pass `own` bytes, in parallel, as they are made (so that no
/// shard is held after it is written). Returns the keys with files of their own, by key.
/// Builders must be in document order.
pub(super) fn join<E: Send + From<SpillError>>(
    mut builders: Vec<Builder>,
    words: &Words,
    own: usize,
    each: &EachShard<E>,
) -> Result<Vec<Own>, E> {
    builders.iter_mut().for_each(Builder::finish);
    if let Some(e) = builders.iter_mut().find_map(|b| b.failed.take()) {
        return Err(SpillError(e).into());
    }
    let runs: Vec<Held> = builders
        .into_iter()
        .flat_map(|b| b.runs.into_iter())
        .collect();
    let ranks = words.ranks();
    let bounds = range_bounds(words.shards);
    let done: Vec<Result<Vec<Own>, E>> = (0..bounds.len() - 1)
        .into_par_iter()
        .map(|r| {
            let views = runs
                .iter()
                .map(|h| h.view(r, &bounds))
                .collect::<std::io::Result<Vec<View>>>()
                .map_err(SpillError)?;
            // Each run's next key, as a cursor.
            let mut at = vec![0usize; views.len()];
            let mut big = Vec::new();
            let mut found: Vec<(u64, usize, usize)> = Vec::new();
            let (mut order, mut moved) = (Vec::new(), Vec::new());
            let mut body = Vec::new();
            for shard in bounds[r]..bounds[r + 1] {
                found.clear();
                for (n, view) in views.iter().enumerate() {
                    while let Some(k) = view.keys.get(at[n]) {
                        if k.sort >> SHARD_SHIFT != shard {
                            break;
                        }
                        // Words in the order of their text, not of their ids.
                        let sort = if k.sort & KIND == WORD {
                            k.sort & !CODE | u64::from(ranks[(k.sort & CODE) as usize])
                        } else {
                            k.sort
                        };
                        found.push((sort, n, at[n]));
                        at[n] += 1;
                    }
                }
                if found.is_empty() {
                    continue;
                }
                // By key, then run: document order within a key.
                sort_by_key_in_shard(&mut found, |f| f.0, &mut order, &mut moved);
                body.clear();
                let mut apart = Vec::new();
                // Straight into the shard's text, a key at a time (no copy of each key's
                // postings, nor of its name).
                for key in found.chunk_by(|a, b| a.0 == b.0) {
                    let mark = body.len();
                    if mark > 0 {
                        body.push(b',');
                    }
                    let (_, n0, i0) = key[0];
                    let name = views[n0].keys[i0].sort & ((1 << SHARD_SHIFT) - 1);
                    words.write_name(name, &mut body);
                    body.extend_from_slice(b":\"");
                    let start = body.len();
                    let mut last = None;
                    for &(_, n, i) in key {
                        append_after(&mut body, last, views[n].postings(i));
                        last = Some(views[n].keys[i].last_doc);
                    }
                    if body.len() - start > own {
                        let text = words.text(name);
                        big.push((text.clone(), shard as usize, apart.len()));
                        apart.push((text, body[start..].to_vec()));
                        body.truncate(mark);
                    } else {
                        body.push(b'"');
                    }
                }
                each(shard as usize, &body, apart)?;
            }
            Ok(big)
        })
        .collect();
    let mut big = Vec::new();
    for d in done {
        big.extend(d?);
    }
    big.sort_unstable();
    Ok(big)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Postings text back to (document, positions or [count]).
    fn decode(text: &[u8], counts: bool) -> Vec<(u32, Vec<u32>)> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut doc = -1i64;
        let next = |rest: &mut &[u8]| {
            let (n, used) = first_varint(rest);
            *rest = &rest[used..];
            n as u32
        };
        while !rest.is_empty() {
            let head = next(&mut rest);
            doc += 1 + i64::from(head >> 1);
            let n = if head & 1 == 1 { 1 } else { next(&mut rest) };
            if counts {
                out.push((doc as u32, vec![n]));
                continue;
            }
            let mut p = 0;
            let ps = (0..n).map(|_| {
                p += next(&mut rest);
                p
            });
            out.push((doc as u32, ps.collect()));
        }
        out
    }

    const DOCS: &[(&str, &str)] = &[
        ("整改落实", "整改落实，以学促干。整改！Rust 2023年"),
        ("调查研究", "大兴调查研究之风，调查研究是基本功。rust"),
        ("", "单"),
        ("学习", "学习学习学习，以学促干"),
        ("第五", "整改"),
    ];

    /// Every key's postings as the tokeniser says they must be.
    fn expected() -> BTreeMap<String, Vec<(u32, Vec<u32>)>> {
        let mut out: BTreeMap<String, Vec<(u32, Vec<u32>)>> = BTreeMap::new();
        for (doc, (title, body)) in DOCS.iter().enumerate() {
            let mut per: BTreeMap<String, Vec<u32>> = BTreeMap::new();
            let mut chars: BTreeMap<String, u32> = BTreeMap::new();
            let mut note = |t: &str, p: u32| {
                per.entry(t.to_string()).or_default().push(p);
                let first = t.chars().next().unwrap();
                if tokens::is_cjk_char(first) {
                    *chars.entry(format!("#{first}")).or_default() += 1;
                }
            };
            tokens::tokenize(&tokens::normalize(title), 0, |t, p| {
                note(t, p.min(TITLE_SPAN - 1))
            });
            tokens::tokenize(&tokens::normalize(body), TITLE_SPAN, &mut note);
            for (k, ps) in per {
                out.entry(k).or_default().push((doc as u32, ps));
            }
            for (k, n) in chars {
                out.entry(k).or_default().push((doc as u32, vec![n]));
            }
        }
        out
    }

    /// The index built by `parts` builders over consecutive ranges, decoded.
    fn built(
        parts: &[std::ops::Range<usize>],
        shards: usize,
        own: usize,
        budget: usize,
    ) -> BTreeMap<String, Vec<u8>> {
        let words = Words::new(shards, budget, vec![std::env::temp_dir()]);
        let builders = parts
            .iter()
            .map(|r| {
                let mut b = Builder::new(&words);
                for doc in r.clone() {
                    let (t, x) = DOCS[doc];
                    b.add(doc as u32, &tokens::normalize(t), &tokens::normalize(x));
                }
                b
            })
            .collect();
        let found = std::sync::Mutex::new(BTreeMap::new());
        let apart = std::sync::Mutex::new(Vec::new());
        let big = join::<SpillError>(builders, &words, own, &|shard, body, big| {
            let mut json = b"{".to_vec();
            json.extend_from_slice(body);
            json.push(b'}');
            let entries: BTreeMap<String, String> = serde_json::from_slice(&json).unwrap();
            let entries: Vec<(String, Vec<u8>)> = entries
                .into_iter()
                .map(|(k, p)| (k, p.into_bytes()))
                .collect();
            for (k, _) in entries.iter().chain(&big) {
                assert_eq!(super::super::shard_of(k, shards), shard, "{k} in its shard");
            }
            for (j, (k, _)) in big.iter().enumerate() {
                apart.lock().unwrap().push((k.clone(), shard, j));
            }
            found.lock().unwrap().extend(entries.into_iter().chain(big));
            Ok(())
        })
        .unwrap();
        let mut apart = apart.into_inner().unwrap();
        apart.sort();
        assert_eq!(big, apart, "the keys apart, by key, with their files");
        found.into_inner().unwrap()
    }

    #[test]
    fn the_index_holds_every_token_with_its_positions() {
        let want = expected();
        let all = 0..DOCS.len();
        let one = built(std::slice::from_ref(&all), 7, usize::MAX, usize::MAX);
        let decoded: BTreeMap<String, Vec<(u32, Vec<u32>)>> = one
            .iter()
            .map(|(k, p)| (k.clone(), decode(p, k.starts_with('#'))))
            .collect();
        assert_eq!(decoded, want);
        assert_eq!(want["整改"][0], (0, vec![0, TITLE_SPAN, TITLE_SPAN + 10]));
        assert_eq!(want["#学"][1], (3, vec![5]), "学 begins 学习 ×3, 学促, 学");
        // Split among builders, big keys apart, one shard or many, runs in memory or in the
        // file: the same postings, byte for byte.
        for parts in [
            vec![0..2, 2..5],
            vec![0..1, 1..2, 2..3, 3..5],
            vec![0..0, 0..5],
        ] {
            for (shards, own) in [(1, usize::MAX), (13, 6), (200, 6)] {
                for budget in [usize::MAX, 0] {
                    let got = built(&parts, shards, own, budget);
                    assert_eq!(got, one, "{parts:?} {shards} {budget}");
                }
            }
        }
    }

    #[test]
    fn a_temporary_file_that_fails_is_an_error_not_a_loss() {
        let words = Words::new(3, 0, vec![std::env::temp_dir()]);
        let mut b = Builder::new(&words);
        // A file open for reading only: every spill fails.
        let read_only = tempfile::NamedTempFile::new().unwrap();
        let f = File::open(read_only.path()).unwrap();
        b.file = Some(Arc::new(Mutex::new(f)));
        for doc in 0..50u32 {
            b.add(doc, "", &"整改落实，以学促干。".repeat(200));
        }
        let got = join::<SpillError>(vec![b], &words, usize::MAX, &|_, _, _| Ok(()));
        assert!(got.is_err(), "the failed write is reported");
    }

    #[test]
    fn fast_modulo_is_modulo() {
        let mut h: u32 = 1;
        for n in [1usize, 2, 3, 7, 64, 5780, 16384, 16383] {
            let s = Shards::new(n);
            for _ in 0..10_000 {
                h = h.wrapping_mul(0x0100_0193) ^ 0x9e37_79b9;
                assert_eq!(s.of(h), u64::from(h) % n as u64, "{h} % {n}");
            }
            assert_eq!(s.of(u32::MAX), u64::from(u32::MAX) % n as u64);
        }
    }

    #[test]
    fn buckets_sort_by_key_keeping_entry_order() {
        let (mut order, mut moved) = (Vec::new(), Vec::new());
        // Small buckets (sorted as numbers) and one past 2^20 entries (sorted as entries).
        for len in [0usize, 1, 2, 50, 3000, (1 << 20) + 5] {
            let shard = 7u64 << SHARD_SHIFT;
            let mut x = 0x9e37_79b9_u64;
            let mut bucket: Vec<(u64, u32, u32)> = (0..len)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (shard | PAIR | (x % 97), i as u32, (i * 3) as u32)
                })
                .collect();
            let mut expect = bucket.clone();
            expect.sort_by_key(|e| e.0);
            sort_by_key_in_shard(&mut bucket, |e| e.0, &mut order, &mut moved);
            assert!(bucket == expect, "{len} entries");
        }
    }

    #[test]
    fn postings_are_varints_with_deltas() {
        let words = Words::new(1, usize::MAX, vec![std::env::temp_dir()]);
        let mut b = Builder::new(&words);
        b.add(0, "", "整");
        b.add(37, "", "整");
        b.finish();
        let Held::Memory(run) = &b.runs[0] else {
            panic!("in memory")
        };
        let i = run.keys.iter().position(|k| k.sort == '整' as u64).unwrap();
        // doc 0 once (0·2 + 1), its position (1024 = 32·32); doc 37 once, as the delta 36:
        // 36·2 + 1 = 73 = 2·32 + 9, its position
        assert_eq!(run.postings(i), b"1BA0C9BA0");
        b.add(38, "", "整，整");
        b.finish();
        let Held::Memory(run) = &b.runs[1] else {
            panic!("in memory")
        };
        let i = run.keys.iter().position(|k| k.sort == '整' as u64).unwrap();
        // Twice: 38·2 + 0 = 76 = 2·32 + 12 (c), the count, the first position, the next one 2 on
        assert_eq!(run.postings(i), b"Cc2BA02");
        assert_eq!(words.text('整' as u64), "整");
        for n in [0, 31, 32, 1023, 1024, 4000, 32767, 32768, 1 << 40] {
            let mut t = Vec::new();
            varint(n, &mut t);
            t.extend_from_slice(b"7");
            assert_eq!(first_varint(&t), (n, t.len() - 1));
        }
    }

    /// 400 documents, enough for many batches, through one builder.
    fn many(budget: usize) -> Builder<'static> {
        many_in(budget, vec![std::env::temp_dir()])
    }

    fn many_in(budget: usize, spill_dirs: Vec<PathBuf>) -> Builder<'static> {
        let words = Words::new(3, budget, spill_dirs);
        // (Leaked: a test's words outlive its builder.)
        let words: &'static Words = Box::leak(Box::new(words));
        let mut b = Builder::new(words);
        for doc in 0..400u32 {
            let text = format!(
                "整改落实第{doc}号，{}{}",
                "调查研究，".repeat(400),
                "以学促干".repeat(doc as usize % 7)
            );
            b.add(doc, "", &tokens::normalize(&text));
        }
        b.finish();
        b
    }

    /// Every key's postings, joined.
    fn joined(b: Builder, words: &Words) -> BTreeMap<String, Vec<u8>> {
        let all = Mutex::new(BTreeMap::new());
        join::<SpillError>(vec![b], words, 0, &|_, small, own| {
            assert!(small.is_empty(), "every key is big");
            all.lock().unwrap().extend(own);
            Ok(())
        })
        .unwrap();
        all.into_inner().unwrap()
    }

    #[test]
    fn runs_join_in_document_order() {
        let b = many(usize::MAX);
        assert!(b.runs.len() > 1, "several runs for the final read");
        let words = b.words;
        let big = joined(b, words);
        let docs =
            |k: &str| -> Vec<u32> { decode(&big[k], false).into_iter().map(|(d, _)| d).collect() };
        assert_eq!(docs("整改"), (0..400).collect::<Vec<_>>());
        let yixue: Vec<u32> = (0..400).filter(|d| d % 7 != 0).collect();
        assert_eq!(docs("以学"), yixue);
    }

    #[test]
    fn runs_past_the_budget_wait_in_a_file_and_read_back_the_same() {
        let b = many(usize::MAX);
        let words = b.words;
        let want = joined(b, words);
        // A budget of a few runs: the oldest runs go to the file, the newest stay.
        for budget in [0, 200_000] {
            let b = many(budget);
            let on_disk = b.runs.iter().filter(|r| matches!(r, Held::Disk(_))).count();
            assert!(on_disk > 0, "runs were written out");
            if budget > 0 {
                assert!(on_disk < b.runs.len(), "the newest runs stayed in memory");
                assert!(b.held <= budget, "{} held", b.held);
            }
            let words = b.words;
            assert_eq!(joined(b, words), want, "budget {budget}");
        }
    }

    #[test]
    fn a_temporary_folder_that_fails_falls_back_to_the_next() {
        let b = many(usize::MAX);
        let words = b.words;
        let want = joined(b, words);
        let missing = PathBuf::from("/nonexistent/huibian-test");
        let output = tempfile::tempdir().unwrap();
        let b = many_in(0, vec![missing.clone(), output.path().to_path_buf()]);
        assert!(b.failed.is_none(), "the second folder took the file");
        assert!(b.runs.iter().all(|r| matches!(r, Held::Disk(_))));
        let words = b.words;
        assert_eq!(joined(b, words), want);
        // (The file has no name: nothing is left in the folder.)
        assert_eq!(std::fs::read_dir(output.path()).unwrap().count(), 0);
        // No folder takes it: the build fails, saying why.
        let b = many_in(0, vec![missing]);
        let words = b.words;
        let got = join::<SpillError>(vec![b], words, usize::MAX, &|_, _, _| Ok(()));
        assert!(matches!(got, Err(SpillError(e)) if e.kind() == std::io::ErrorKind::NotFound));
    }
}
