//! The inverted index in memory, built with sequential memory access only: random access to a
//! large map costs a cache miss per key and document, which made indexing most of the build.
//! Each thread indexes a contiguous range of documents a batch at a time; a batch is grouped by
//! key while it is in cache and becomes a run sorted by (shard, key); runs of similar size are
//! merged as they come (like a log-structured merge), and at the end each shard is read off
//! every run at once. Postings are encoded as they are made, in the format search.js reads.

use super::tokens::{self, Tok};
use super::{varint, TITLE_SPAN};
use ahash::AHashMap;
use rayon::prelude::*;
use std::sync::Mutex;

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
/// A batch is grouped once it holds this many tokens: a dozen documents, in cache.
const BATCH: usize = 1 << 16;
/// Runs stop merging at this size; the final read takes the rest together.
const RUN_CAP: usize = 32 << 20;

fn fnv(h: u32, c: u32) -> u32 {
    (h ^ c).wrapping_mul(0x0100_0193)
}
const FNV_START: u32 = 0x811c_9dc5;

/// Words by text, and in order of their ids.
type WordList = (AHashMap<Box<str>, u32>, Vec<Box<str>>);

/// Index entries: (key text, postings).
pub(super) type Entries = Vec<(String, Vec<u8>)>;

/// The words of the whole index, numbered, with their shards (shared by the threads; words
/// are few in Chinese text, and each thread remembers the ones it has seen).
pub(super) struct Words {
    shards: usize,
    list: Mutex<WordList>,
}

impl Words {
    pub fn new(shards: usize) -> Words {
        Words {
            shards,
            list: Mutex::new(Default::default()),
        }
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
}

/// One key's postings in a run: (shard << 44 | key), where its bytes end, its last document.
#[derive(Clone, Copy)]
struct RunKey {
    sort: u64,
    end: u32,
    last_doc: u32,
}

/// Postings of some documents, sorted by shard and key.
#[derive(Default)]
struct Run {
    keys: Vec<RunKey>,
    bytes: Vec<u8>,
    /// How many merges made it: runs merge FAN at a time, all of one level.
    level: u8,
}

/// Runs merged at once: fewer levels, so each byte is copied fewer times.
const FAN: usize = 8;

impl Run {
    fn start(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            self.keys[i - 1].end as usize
        }
    }

    fn postings(&self, i: usize) -> &[u8] {
        &self.bytes[self.start(i)..self.keys[i].end as usize]
    }

    fn push(&mut self, sort: u64, bytes: &[u8], last_doc: u32) {
        self.bytes.extend_from_slice(bytes);
        self.keys.push(RunKey {
            sort,
            end: self.bytes.len() as u32,
            last_doc,
        });
    }
}

/// A document id as postings store it: the distance from the previous one, less one.
fn doc_delta(doc: u32, last: Option<u32>) -> u64 {
    u64::from(doc - last.map_or(0, |l| l + 1))
}

/// Appends `next` (postings whose first document id is absolute) after postings ending at
/// document `last`: the first id becomes a delta again.
fn append_after(out: &mut Vec<u8>, last: Option<u32>, next: &[u8]) {
    let (doc, used) = first_varint(next);
    varint(doc_delta(doc as u32, last), out);
    out.extend_from_slice(&next[used..]);
}

/// Runs as one; each holds later documents than the one before it.
fn merge(runs: Vec<Run>) -> Run {
    let mut out = Run {
        keys: Vec::with_capacity(runs.iter().map(|r| r.keys.len()).sum()),
        bytes: Vec::with_capacity(runs.iter().map(|r| r.bytes.len()).sum()),
        level: runs.iter().map(|r| r.level).max().unwrap_or(0) + 1,
    };
    let mut at = vec![0; runs.len()];
    while let Some(min) = runs
        .iter()
        .zip(&at)
        .filter_map(|(r, &i)| r.keys.get(i).map(|k| k.sort))
        .min()
    {
        let mut last = None;
        for (r, i) in runs.iter().zip(&mut at) {
            if r.keys.get(*i).is_some_and(|k| k.sort == min) {
                match last {
                    // The first part keeps its bytes as they are.
                    None => out.bytes.extend_from_slice(r.postings(*i)),
                    Some(_) => append_after(&mut out.bytes, last, r.postings(*i)),
                }
                last = Some(r.keys[*i].last_doc);
                *i += 1;
            }
        }
        out.keys.push(RunKey {
            sort: min,
            end: out.bytes.len() as u32,
            last_doc: last.unwrap_or(0),
        });
    }
    out
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
    /// Runs in document order, sizes decreasing.
    runs: Vec<Run>,
    // Scratch for grouping, kept between batches.
    local: AHashMap<u64, u32>,
    keys: Vec<(u64, u32)>,
    ends: Vec<u32>,
    ids: Vec<u32>,
    grouped: Vec<(u32, u32)>,
    one: Vec<u8>,
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
            runs: Vec::new(),
            local: AHashMap::new(),
            keys: Vec::new(),
            ends: Vec::new(),
            ids: Vec::new(),
            grouped: Vec::new(),
            one: Vec::new(),
            lens: Vec::new(),
        }
    }

    /// Indexes one document (normalised title and text); ids must increase.
    pub fn add(&mut self, doc: u32, title: &str, text: &str) {
        let Builder {
            batch,
            counts,
            touched,
            known,
            word_shard,
            words,
            ..
        } = self;
        let mut count = |c: char| {
            // Only CJK characters (below CJK_END) start CJK tokens.
            let n = &mut counts[c as usize];
            if *n == 0 {
                touched.push(c as u32);
            }
            *n += 1;
        };
        let mut push = |t: Tok, p: u32| {
            let key = match t {
                Tok::Pair(a, b) => {
                    count(a);
                    PAIR | (a as u64) << 21 | b as u64
                }
                Tok::One(a) => {
                    count(a);
                    a as u64
                }
                Tok::Word(w) => {
                    let id = match known.get(w) {
                        Some(id) => *id,
                        None => {
                            let (id, shard) = words.id(w);
                            word_shard.insert(id, shard);
                            *known.entry(w.into()).or_insert(id)
                        }
                    };
                    WORD | u64::from(id)
                }
            };
            batch.push((key, doc, p));
        };
        tokens::tokenize_fast(title, 0, |t, p| push(t, p.min(TITLE_SPAN - 1)));
        let end = tokens::tokenize_fast(text, TITLE_SPAN, &mut push);
        for c in touched.drain(..) {
            let n = std::mem::take(&mut counts[c as usize]);
            batch.push((COUNT | u64::from(c), doc, n));
        }
        self.lens.push(end - TITLE_SPAN);
        if self.batch.len() >= BATCH {
            self.group();
        }
    }

    /// The shard of a key, as `shard_of` computes it from the key's text.
    fn shard(&self, key: u64) -> u64 {
        let c = |v: u64| (v & CODE) as u32;
        let h = match key & KIND {
            PAIR => fnv(fnv(FNV_START, c(key >> 21)), c(key)),
            COUNT => fnv(fnv(FNV_START, '#' as u32), c(key)),
            WORD => return u64::from(self.word_shard[&((key & CODE) as u32)]),
            _ => fnv(FNV_START, c(key)),
        };
        (h as usize % self.shards) as u64
    }

    /// Groups the batch by key (a counting sort, which keeps document and position order) into
    /// a run, and merges runs of similar size.
    fn group(&mut self) {
        self.local.clear();
        self.keys.clear();
        self.ends.clear();
        self.ids.clear();
        for &(k, _, _) in &self.batch {
            let next = self.keys.len() as u32;
            let id = *self.local.entry(k).or_insert(next);
            if id == next {
                self.keys.push((k, next));
                self.ends.push(0);
            }
            self.ends[id as usize] += 1;
            self.ids.push(id);
        }
        // Counts → where each key's group starts; after the scatter, where it ends.
        let mut at = 0;
        for e in &mut self.ends {
            let n = *e;
            *e = at;
            at += n;
        }
        self.grouped.resize(self.batch.len(), (0, 0));
        for (&(_, doc, p), &id) in self.batch.iter().zip(&self.ids) {
            let slot = &mut self.ends[id as usize];
            self.grouped[*slot as usize] = (doc, p);
            *slot += 1;
        }
        self.batch.clear();
        let mut keys = std::mem::take(&mut self.keys);
        for (k, _) in &mut keys {
            *k |= self.shard(*k) << SHARD_SHIFT;
        }
        keys.sort_unstable();
        let mut run = Run {
            keys: Vec::with_capacity(keys.len()),
            bytes: Vec::with_capacity(self.grouped.len() * 2),
            level: 0,
        };
        for &(sort, id) in &keys {
            let start = if id == 0 {
                0
            } else {
                self.ends[id as usize - 1]
            };
            let group = &self.grouped[start as usize..self.ends[id as usize] as usize];
            let one = &mut self.one;
            one.clear();
            let mut last = None;
            let mut doc = |d: u32, one: &mut Vec<u8>| {
                varint(doc_delta(d, last), one);
                last = Some(d);
            };
            if sort & KIND == COUNT {
                for &(d, n) in group {
                    doc(d, one);
                    varint(u64::from(n), one);
                }
            } else {
                for per in group.chunk_by(|a, b| a.0 == b.0) {
                    doc(per[0].0, one);
                    varint(per.len() as u64, one);
                    let mut prev = 0;
                    for &(_, p) in per {
                        varint(u64::from(p - prev), one);
                        prev = p;
                    }
                }
            }
            run.push(sort, one, last.unwrap_or(0));
        }
        self.keys = keys;
        self.runs.push(run);
        // Merge the newest FAN runs while they are of one level (and together small).
        while self.runs.len() >= FAN {
            let last = &self.runs[self.runs.len() - FAN..];
            if last.iter().any(|r| r.level != last[0].level)
                || last.iter().map(|r| r.bytes.len()).sum::<usize>() > RUN_CAP
            {
                break;
            }
            let merged = merge(self.runs.split_off(self.runs.len() - FAN));
            self.runs.push(merged);
        }
    }

    fn finish(&mut self) {
        if !self.batch.is_empty() {
            self.group();
        }
    }
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

/// The builders' runs as one index, shard by shard: `each` gets a shard's entries (key text,
/// postings), in parallel; a key whose postings alone pass `own` bytes is returned instead.
/// Builders must be in document order.
pub(super) fn join<E: Send>(
    mut builders: Vec<Builder>,
    words: &Words,
    own: usize,
    each: &(dyn Fn(usize, Entries) -> Result<(), E> + Sync),
) -> Result<Entries, E> {
    builders.iter_mut().for_each(Builder::finish);
    let runs: Vec<Run> = builders
        .into_iter()
        .flat_map(|b| b.runs.into_iter())
        .collect();
    let shards = words.shards;
    let per = shards.div_ceil(RANGES).max(1);
    let done: Vec<Result<Entries, E>> = (0..shards.div_ceil(per))
        .into_par_iter()
        .map(|r| {
            let (lo, hi) = ((r * per) as u64, ((r + 1) * per).min(shards) as u64);
            // Each run's keys in these shards, as a cursor.
            let mut at: Vec<usize> = runs
                .iter()
                .map(|run| run.keys.partition_point(|k| k.sort >> SHARD_SHIFT < lo))
                .collect();
            let mut big = Vec::new();
            let mut found: Vec<(u64, usize, usize)> = Vec::new();
            for shard in lo..hi {
                found.clear();
                for (n, run) in runs.iter().enumerate() {
                    while let Some(k) = run.keys.get(at[n]) {
                        if k.sort >> SHARD_SHIFT != shard {
                            break;
                        }
                        found.push((k.sort, n, at[n]));
                        at[n] += 1;
                    }
                }
                if found.is_empty() {
                    continue;
                }
                // By key, then run: document order within a key.
                found.sort_unstable();
                let mut entries = Vec::new();
                for key in found.chunk_by(|a, b| a.0 == b.0) {
                    let mut text = Vec::new();
                    let mut last = None;
                    for &(_, n, i) in key {
                        append_after(&mut text, last, runs[n].postings(i));
                        last = Some(runs[n].keys[i].last_doc);
                    }
                    let name = words.text(key[0].0 & ((1 << SHARD_SHIFT) - 1));
                    if text.len() > own {
                        big.push((name, text));
                    } else {
                        entries.push((name, text));
                    }
                }
                if !entries.is_empty() {
                    each(shard as usize, entries)?;
                }
            }
            Ok(big)
        })
        .collect();
    let mut big = Vec::new();
    for d in done {
        big.extend(d?);
    }
    big.sort_by(|a, b| a.0.cmp(&b.0));
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
            doc += 1 + i64::from(next(&mut rest));
            if counts {
                out.push((doc as u32, vec![next(&mut rest)]));
                continue;
            }
            let n = next(&mut rest);
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
    ) -> BTreeMap<String, Vec<u8>> {
        let words = Words::new(shards);
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
        let big = join::<()>(builders, &words, own, &|shard, entries| {
            for (k, p) in entries {
                assert_eq!(
                    super::super::shard_of(&k, shards),
                    shard,
                    "{k} in its shard"
                );
                found.lock().unwrap().insert(k, p);
            }
            Ok(())
        })
        .unwrap();
        let mut found = found.into_inner().unwrap();
        found.extend(big);
        found
    }

    #[test]
    fn the_index_holds_every_token_with_its_positions() {
        let want = expected();
        let all = 0..DOCS.len();
        let one = built(std::slice::from_ref(&all), 7, usize::MAX);
        let decoded: BTreeMap<String, Vec<(u32, Vec<u32>)>> = one
            .iter()
            .map(|(k, p)| (k.clone(), decode(p, k.starts_with('#'))))
            .collect();
        assert_eq!(decoded, want);
        assert_eq!(want["整改"][0], (0, vec![0, TITLE_SPAN, TITLE_SPAN + 10]));
        assert_eq!(want["#学"][1], (3, vec![5]), "学 begins 学习 ×3, 学促, 学");
        // Split among builders, big keys apart, one shard or many: the same postings, byte for byte.
        for parts in [
            vec![0..2, 2..5],
            vec![0..1, 1..2, 2..3, 3..5],
            vec![0..0, 0..5],
        ] {
            for (shards, own) in [(1, usize::MAX), (13, 6)] {
                assert_eq!(built(&parts, shards, own), one, "{parts:?} {shards}");
            }
        }
    }

    #[test]
    fn postings_are_varints_with_deltas() {
        let words = Words::new(1);
        let mut b = Builder::new(&words);
        b.add(0, "", "整");
        b.add(37, "", "整");
        b.finish();
        let run = &b.runs[0];
        let i = run.keys.iter().position(|k| k.sort == '整' as u64).unwrap();
        // doc 0, one position (1024 = 32·32); doc 37 as the delta 36 = 1·32 + 4, one position
        assert_eq!(run.postings(i), b"01BA0B41BA0");
        assert_eq!(words.text('整' as u64), "整");
        for n in [0, 31, 32, 1023, 1024, 1 << 40] {
            let mut t = Vec::new();
            varint(n, &mut t);
            t.extend_from_slice(b"7");
            assert_eq!(first_varint(&t), (n, t.len() - 1));
        }
    }

    #[test]
    fn runs_merge_in_document_order() {
        let words = Words::new(3);
        let mut b = Builder::new(&words);
        // Enough documents for many batches and merges.
        for doc in 0..400u32 {
            let text = format!(
                "整改落实第{doc}号，{}{}",
                "调查研究，".repeat(400),
                "以学促干".repeat(doc as usize % 7)
            );
            b.add(doc, "", &tokens::normalize(&text));
        }
        b.finish();
        assert!(b.runs.len() > 1, "several runs left for the final read");
        assert!(b.runs[0].level > 0, "runs were merged");
        let big = join::<()>(vec![b], &words, 0, &|_, _| Ok(())).unwrap();
        let zhenggai = &big.iter().find(|(k, _)| k == "整改").unwrap().1;
        let docs: Vec<u32> = decode(zhenggai, false)
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        assert_eq!(docs, (0..400).collect::<Vec<_>>());
        let yixue = &big.iter().find(|(k, _)| k == "以学").unwrap().1;
        let docs: Vec<u32> = decode(yixue, false).into_iter().map(|(d, _)| d).collect();
        assert_eq!(docs, (0..400).filter(|d| d % 7 != 0).collect::<Vec<_>>());
    }
}
