//! The index updated per document: what a build or serve keeps of the index it made (`State`:
//! each document's hash, length and shards, each file's checksum), and the update that
//! re-tokenises only the documents that changed and rewrites only the shards they touch (old
//! or new), keeping the others. Documents added or removed renumber the ones after them: their
//! shards are rewritten too, from the files, without tokenising again. The result equals a
//! cold build byte for byte (tests/it/incindex.rs); whatever does not add up (another
//! shard count, section list or settings, a file that is not what was written) gives `None`,
//! and the caller builds cold.

use super::postings::patch::{self, Posting};
use super::{Input, SearchDoc, WriteFile, SHARD_TARGET, TITLE_SPAN};
use crate::search::tokens;
use ahash::AHashMap;
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::Arc;

/// What an index was made of, kept for the next update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct State {
    /// `settings` of the input.
    pub(crate) settings: u64,
    pub(crate) sections: Vec<String>,
    pub(crate) shards: usize,
    pub(crate) docs: Vec<DocState>,
    /// Each shard file's checksum (0: the shard has no file).
    pub(crate) shard_sums: Vec<u64>,
    /// The keys with files of their own, by key (as meta.js lists them).
    pub(crate) big: Vec<Big>,
    pub(crate) meta_sum: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocState {
    /// The source's path in content/: what tells the same document in the next input.
    pub(crate) rel: String,
    /// `doc_hash`.
    pub(crate) hash: u64,
    /// Length in body tokens (meta.js).
    pub(crate) len: u32,
    /// Checksum of its file, search/d/<id>.js.
    pub(crate) file_sum: u64,
    /// Its shards, a bit each.
    pub(crate) shards: Box<[u64]>,
}

/// A key with a file of its own, `search/b/<shard>_<n>.js`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Big {
    pub(crate) key: String,
    pub(crate) shard: u32,
    pub(crate) n: u32,
    pub(crate) sum: u64,
}

/// Reads the last index's file at a site path (shared, not copied: serve holds its files so).
pub(crate) type Previous<'a> = dyn Fn(&str) -> Option<Arc<Vec<u8>>> + Sync + 'a;

/// A file's checksum (CRC-32, never 0, which means "no file"): it tells a file not as written
/// (cut short, changed by hand); it needs no strength against a forger, who could as well
/// edit the output.
pub(crate) fn sum(bytes: &[u8]) -> u64 {
    u64::from(crc32fast::hash(bytes)).max(1)
}

impl State {
    /// Every file of the index (serve drops the others).
    pub(crate) fn files(&self) -> Vec<String> {
        let shards = (self.shard_sums.iter().enumerate())
            .filter(|(_, s)| **s != 0)
            .map(|(i, _)| format!("search/s/{i}.js"));
        let big = (self.big.iter()).map(|b| format!("search/b/{}_{}.js", b.shard, b.n));
        let docs = (0..self.docs.len()).map(|i| format!("search/d/{i}.js"));
        let meta = std::iter::once("search/meta.js".to_string());
        shards.chain(big).chain(docs).chain(meta).collect()
    }
}

/// A document changed or new: its text, tokens and shards.
struct Fresh {
    id: u32,
    text: String,
    len: u32,
    keys: Vec<(String, Posting)>,
    shards: Box<[u64]>,
}

fn mark(bits: &mut [u64], shard: usize) {
    bits[shard >> 6] |= 1 << (shard & 63);
}

/// Tokenises one document as the builder does (`postings::Builder::add`), by key.
fn tokenise(id: u32, d: &SearchDoc, input: &Input, shards: usize) -> Fresh {
    let text = super::searchable_text(d, input);
    let (len, keys) = postings_of(id, &d.src.fm.title, &text);
    let mut bits = vec![0u64; shards.div_ceil(64)].into_boxed_slice();
    for (k, _) in &keys {
        mark(&mut bits, super::shard_of(k, shards));
    }
    Fresh {
        id,
        text,
        len,
        keys,
        shards: bits,
    }
}

/// A document's length in body tokens and its postings by key, from its title and text.
fn postings_of(id: u32, title: &str, text: &str) -> (u32, Vec<(String, Posting)>) {
    let mut per: AHashMap<String, Vec<u32>> = AHashMap::new();
    let mut counts: AHashMap<char, u32> = AHashMap::new();
    let mut note = |t: &str, p: u32| {
        match per.get_mut(t) {
            Some(ps) => ps.push(p),
            None => {
                per.insert(t.to_string(), vec![p]);
            }
        }
        let first = t.chars().next().unwrap_or(' ');
        if tokens::is_cjk_char(first) {
            *counts.entry(first).or_default() += 1;
        }
    };
    let title = tokens::normalize(title);
    tokens::tokenize(&title, 0, |t, p| note(t, p.min(TITLE_SPAN - 1)));
    let end = tokens::tokenize(&tokens::normalize(text), TITLE_SPAN, &mut note);
    let mut keys: Vec<(String, Posting)> = per
        .into_iter()
        .map(|(k, ps)| (k, Posting::positions(id, &ps)))
        .collect();
    keys.extend(
        counts
            .into_iter()
            .map(|(c, n)| (format!("#{c}"), Posting::count(id, n))),
    );
    (end - TITLE_SPAN, keys)
}

/// The keys document `id` had in the last index, read back from its file there (its title
/// and the very text it was indexed from), checked against the file's checksum. None when
/// the file does not read, or its text was cut for snippets (`TEXT_CAP`): it may have had more.
fn old_keys(prev: &State, id: usize, previous: &Previous) -> Option<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct DocFile {
        t: String,
        x: String,
    }
    let want = prev.docs.get(id)?.file_sum;
    let file = previous(&format!("search/d/{id}.js")).filter(|b| sum(b) == want)?;
    let json = file
        .strip_prefix(format!("huibianSearch.doc({id},").as_bytes())?
        .strip_suffix(b");\n")?;
    let doc: DocFile = serde_json::from_slice(json).ok()?;
    if doc.x.len() >= super::TEXT_CAP && doc.x.chars().count() >= super::TEXT_CAP {
        return None;
    }
    Some(
        postings_of(id as u32, &doc.t, &doc.x)
            .1
            .into_iter()
            .map(|(k, _)| k)
            .collect(),
    )
}

/// The keys whose postings an update in place changes (no document renumbered, some changed
/// at their ids): those the changed documents have now or had. None when documents move,
/// or an old document's keys cannot be known: every key is gone through then.
fn dirty_keys(
    prev: &State,
    map: &[Option<u32>],
    fresh: &[Fresh],
    previous: &Previous,
) -> Option<ahash::AHashSet<String>> {
    let in_place = map.len() == prev.docs.len()
        && (map.iter().enumerate()).all(|(j, m)| m.is_none_or(|m| m as usize == j))
        && map.iter().filter(|m| m.is_none()).count() == fresh.len()
        && fresh.iter().all(|f| map.get(f.id as usize) == Some(&None));
    if !in_place {
        return None;
    }
    let olds = (fresh.par_iter())
        .map(|f| old_keys(prev, f.id as usize, previous))
        .collect::<Option<Vec<_>>>()?;
    let mut dirty: ahash::AHashSet<String> = olds.into_iter().flatten().collect();
    for f in fresh {
        dirty.extend(f.keys.iter().map(|(k, _)| k.clone()));
    }
    Some(dirty)
}

/// How the new input's documents relate to the old: each old document's new id when it stays
/// as it was (None: changed or gone), each new one's old id, and the ids to tokenise. None
/// when the documents that stay changed their order.
type Plan = (Vec<Option<u32>>, Vec<Option<usize>>, Vec<usize>);

fn plan(prev: &State, input: &Input, hashes: &[u64]) -> Option<Plan> {
    let old: AHashMap<&str, usize> = (prev.docs.iter().enumerate())
        .map(|(i, d)| (d.rel.as_str(), i))
        .collect();
    let mut map = vec![None; prev.docs.len()];
    let mut from = vec![None; input.docs.len()];
    let mut fresh = Vec::new();
    let mut last: Option<usize> = None;
    for (i, d) in input.docs.iter().enumerate() {
        match old.get(d.src.rel.as_str()) {
            Some(&j) if prev.docs[j].hash == hashes[i] => {
                if last.is_some_and(|l| l >= j) {
                    return None;
                }
                last = Some(j);
                map[j] = Some(i as u32);
                from[i] = Some(j);
            }
            _ => fresh.push(i),
        }
    }
    Some((map, from, fresh))
}

/// A shard's files made again, in memory: its shard file (if it has one) and its own files,
/// each with whether the previous file at its name is the same (kept then, not written).
struct Patched {
    shard: usize,
    file: Option<(Vec<u8>, bool)>,
    big: Vec<(Big, Vec<u8>, bool)>,
}

/// A shard's old files: its shard file (if it had one) and its keys' own files, by number
/// (None: not read, its key's postings do not change).
type OldFiles = (Option<Arc<Vec<u8>>>, Vec<Option<Arc<Vec<u8>>>>);

/// A key's own file in the last index, checked against its checksum.
fn read_big(b: &Big, previous: &Previous) -> Option<Arc<Vec<u8>>> {
    previous(&format!("search/b/{}_{}.js", b.shard, b.n)).filter(|f| sum(f) == b.sum)
}

/// The old files of the shards to rewrite, checked against their checksums; of the keys' own
/// files only those of keys in `dirty` (when given: the others stay as they are).
fn read_shard(
    prev: &State,
    shard: usize,
    bigs: &[&Big],
    dirty: Option<&ahash::AHashSet<String>>,
    previous: &Previous,
) -> Option<OldFiles> {
    let file = match prev.shard_sums[shard] {
        0 => None,
        s => Some(previous(&format!("search/s/{shard}.js")).filter(|b| sum(b) == s)?),
    };
    let big = bigs
        .iter()
        .map(|b| match dirty.is_none_or(|d| d.contains(&b.key)) {
            true => read_big(b, previous).map(Some),
            false => Some(None),
        })
        .collect::<Option<Vec<_>>>()?;
    Some((file, big))
}

/// One shard made again from its old files (renumbered through `map`) and the new postings
/// (`fresh`, by key order then document). Keys not in `dirty` (when given) keep their
/// postings as they are, and their own files unread (`bigs` without bytes; `previous` reads
/// one when its number moves); `steady`: `steady_from`.
fn patch_shard(
    shard: usize,
    file: Option<&[u8]>,
    bigs: &[(&Big, Option<Arc<Vec<u8>>>)],
    (map, steady): (&[Option<u32>], u32),
    fresh: &[(&str, &Posting)],
    (dirty, previous): (Option<&ahash::AHashSet<String>>, &Previous),
) -> Option<Patched> {
    let mut old: Vec<(Cow<str>, &[u8])> = match file {
        Some(f) => patch::parse_shard(f, &shard.to_string())?,
        None => Vec::new(),
    };
    for (b, bytes) in bigs {
        let id = format!("b{}_{}", b.shard, b.n);
        match bytes {
            Some(bytes) => old.extend(patch::parse_shard(bytes, &id)?),
            // (Unread: in its place, postings left empty, which `write_shard` puts apart.)
            None => old.push((Cow::Borrowed(b.key.as_str()), &[][..])),
        }
    }
    if !bigs.is_empty() {
        old.sort_by(|a, b| patch::key_order(&a.0).cmp(&patch::key_order(&b.0)));
    }
    let mut keys: Vec<(Cow<str>, Cow<[u8]>)> = Vec::with_capacity(old.len() + fresh.len());
    let mut old = old.into_iter().peekable();
    let mut j = 0;
    loop {
        // The old key next when it comes first or is the fresh one's, else the fresh key.
        let old_first = match (old.peek(), fresh.get(j)) {
            (Some(o), Some(f)) => patch::key_order(&o.0) <= patch::key_order(f.0),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let (key, postings) = match old.next_if(|_| old_first) {
            Some(o) => o,
            None => (Cow::Borrowed(fresh[j].0), &[][..]),
        };
        let n = fresh[j..].iter().take_while(|f| f.0 == key).count();
        if n == 0 && dirty.is_some_and(|d| !d.contains(key.as_ref())) {
            keys.push((key, Cow::Borrowed(postings)));
            continue;
        }
        let new: Vec<&Posting> = fresh[j..j + n].iter().map(|f| f.1).collect();
        j += n;
        let mut out = Vec::with_capacity(postings.len() + 16);
        let count = patch::is_count_key(&key);
        patch::remap(postings, count, (map, steady), &new, &mut out)?;
        keys.push((key, Cow::Owned(out)));
    }
    let unread = |k: &str| bigs.iter().any(|(b, f)| f.is_none() && b.key == k);
    let (body, apart) = patch::write_shard(&keys, SHARD_TARGET / 2, &unread);
    let big = (apart.into_iter().enumerate())
        .map(|(n, (key, postings))| own_file(shard, n as u32, key, postings, bigs, previous))
        .collect::<Option<_>>()?;
    let file = (!body.is_empty()).then(|| {
        let bytes = super::shard_file(&shard.to_string(), &body);
        let same = file == Some(bytes.as_slice());
        (bytes, same)
    });
    Some(Patched { shard, file, big })
}

/// The `n`-th own file of a shard made again, and whether it is the same as before. Postings
/// left empty are an unread key's (`patch_shard`): the same file when its number stays, else
/// read now to be written under its new number.
fn own_file(
    shard: usize,
    n: u32,
    key: String,
    mut postings: Vec<u8>,
    bigs: &[(&Big, Option<Arc<Vec<u8>>>)],
    previous: &Previous,
) -> Option<(Big, Vec<u8>, bool)> {
    let shard = shard as u32;
    if postings.is_empty() {
        let (old, _) = bigs.iter().find(|(b, f)| f.is_none() && b.key == key)?;
        if old.n == n {
            return Some(((*old).clone(), Vec::new(), true));
        }
        let bytes = read_big(old, previous)?;
        let entries = patch::parse_shard(&bytes, &format!("b{}_{}", old.shard, old.n))?;
        let [(k, p)] = entries.as_slice() else {
            return None;
        };
        (k.as_ref() == key).then_some(())?;
        postings = p.to_vec();
    }
    let bytes = super::shard_file(
        &format!("b{shard}_{n}"),
        &super::own_entry(super::postings::Apart {
            key: key.clone(),
            postings,
        }),
    );
    let sum = sum(&bytes);
    let same = (bigs.iter()).any(|(b, old)| b.n == n && old.as_deref() == Some(&bytes));
    Some((Big { key, shard, n, sum }, bytes, same))
}

/// The index updated from `prev` to `input`, its files handed to `write` (changed) or `keep`
/// (as they were, all at once: the sink keeps thousands in one go); `previous` reads the last index's files. Returns how many files the index
/// has and its new state, or None when this update cannot be made (nothing was written then:
/// build cold).
pub(crate) fn update<E: Send>(
    prev: &State,
    input: &Input,
    hashes: &[u64],
    previous: &Previous,
    write: &WriteFile<'_, E>,
    keep: &(dyn Fn(&[String]) -> bool + Sync),
) -> Result<Option<(usize, State)>, E> {
    let shards = super::shard_count(input);
    if prev.settings != super::settings(input)
        || prev.sections != input.sections
        || prev.shards != shards
        || prev.shard_sums.len() != shards
        || previous("search/meta.js").map(|m| sum(&m)) != Some(prev.meta_sum)
    {
        return Ok(None);
    }
    let Some((map, from, fresh)) = plan(prev, input, hashes) else {
        return Ok(None);
    };
    let fresh: Vec<Fresh> = fresh
        .par_iter()
        .map(|&i| tokenise(i as u32, &input.docs[i], input, shards))
        .collect();
    // The shards to rewrite: those of every document that is not where it was, old and new.
    let mut touched = vec![0u64; shards.div_ceil(64)];
    let moved = (prev.docs.iter().enumerate()).filter(|(j, _)| map[*j] != Some(*j as u32));
    for bits in moved
        .map(|(_, d)| &d.shards)
        .chain(fresh.iter().map(|f| &f.shards))
    {
        touched
            .iter_mut()
            .zip(bits.iter())
            .for_each(|(t, b)| *t |= b);
    }
    let is_touched = |s: usize| touched[s >> 6] >> (s & 63) & 1 == 1;
    let mut by_shard: Vec<Vec<(&str, &Posting)>> = vec![Vec::new(); shards];
    for f in &fresh {
        for (k, p) in &f.keys {
            by_shard[super::shard_of(k, shards)].push((k.as_str(), p));
        }
    }
    let mut bigs: Vec<Vec<&Big>> = vec![Vec::new(); shards];
    for b in &prev.big {
        if let Some(v) = bigs.get_mut(b.shard as usize) {
            v.push(b);
        }
    }
    bigs.iter_mut().for_each(|v| v.sort_by_key(|b| b.n));
    // (One document edited: only its keys, old and new, are gone through.)
    let dirty = dirty_keys(prev, &map, &fresh, previous);
    let steady = patch::steady_from(&map);
    let patched: Option<Vec<Patched>> = (0..shards)
        .into_par_iter()
        .filter(|s| is_touched(*s))
        .map(|s| {
            let (file, old) = read_shard(prev, s, &bigs[s], dirty.as_ref(), previous)?;
            let old: Vec<(&Big, Option<Arc<Vec<u8>>>)> = bigs[s].iter().copied().zip(old).collect();
            let mut fresh = by_shard[s].clone();
            fresh.sort_by(|a, b| {
                (patch::key_order(a.0), a.1.doc).cmp(&(patch::key_order(b.0), b.1.doc))
            });
            let file = file.as_ref().map(|f| f.as_slice());
            patch_shard(
                s,
                file,
                &old,
                (&map, steady),
                &fresh,
                (dirty.as_ref(), previous),
            )
        })
        .collect();
    let Some(patched) = patched else {
        return Ok(None);
    };
    let Some(docs) = doc_files(prev, input, &from, &fresh, previous) else {
        return Ok(None);
    };
    // Everything is made: nothing was written before this point.
    finish(
        prev, input, hashes, patched, docs, &fresh, &from, &touched, write, keep,
    )
}

/// Each new document's file: None to keep (same id, same file), else its bytes.
fn doc_files(
    prev: &State,
    input: &Input,
    from: &[Option<usize>],
    fresh: &[Fresh],
    previous: &Previous,
) -> Option<Vec<Option<Vec<u8>>>> {
    let fresh: AHashMap<u32, &Fresh> = fresh.iter().map(|f| (f.id, f)).collect();
    (0..input.docs.len())
        .into_par_iter()
        .map(|i| match from[i] {
            Some(j) if j == i => Some(None),
            Some(j) => {
                let old = previous(&format!("search/d/{j}.js"))
                    .filter(|b| sum(b) == prev.docs[j].file_sum)?;
                let rest = old.strip_prefix(format!("huibianSearch.doc({j},").as_bytes())?;
                let mut new = format!("huibianSearch.doc({i},").into_bytes();
                new.extend_from_slice(rest);
                Some(Some(new))
            }
            None => {
                let f = fresh.get(&(i as u32))?;
                Some(Some(super::doc_file(i, &input.docs[i], input, &f.text)))
            }
        })
        .collect()
}

/// Writes what was made, keeps the rest, and says what the index now is.
#[allow(clippy::too_many_arguments)]
fn finish<E: Send>(
    prev: &State,
    input: &Input,
    hashes: &[u64],
    patched: Vec<Patched>,
    docs: Vec<Option<Vec<u8>>>,
    fresh: &[Fresh],
    from: &[Option<usize>],
    touched: &[u64],
    write: &WriteFile<'_, E>,
    keep: &(dyn Fn(&[String]) -> bool + Sync),
) -> Result<Option<(usize, State)>, E> {
    let shards = prev.shards;
    let is_touched = |s: usize| touched[s >> 6] >> (s & 63) & 1 == 1;
    let mut shard_sums = prev.shard_sums.clone();
    let mut big: Vec<Big> = (prev.big.iter())
        .filter(|b| !is_touched(b.shard as usize))
        .cloned()
        .collect();
    let mut kept: Vec<String> = (0..shards)
        .filter(|s| !is_touched(*s) && prev.shard_sums[*s] != 0)
        .map(|s| format!("search/s/{s}.js"))
        .collect();
    kept.extend(
        (prev.big.iter())
            .filter(|b| !is_touched(b.shard as usize))
            .map(|b| format!("search/b/{}_{}.js", b.shard, b.n)),
    );
    for p in &patched {
        shard_sums[p.shard] = p.file.as_ref().map_or(0, |(f, _)| sum(f));
        big.extend(p.big.iter().map(|(b, _, _)| b.clone()));
    }
    // (A file the same as before is kept: the sink need not compare it again.)
    let mut written = Vec::new();
    for p in patched {
        let files = (p.big.into_iter())
            .map(|(b, bytes, same)| (format!("search/b/{}_{}.js", b.shard, b.n), bytes, same));
        let file = (p.file).map(|(f, same)| (format!("search/s/{}.js", p.shard), f, same));
        for (path, bytes, same) in files.chain(file) {
            match same {
                true => kept.push(path),
                false => written.push((path, bytes)),
            }
        }
    }
    kept.extend(
        (docs.iter().enumerate())
            .filter(|(_, b)| b.is_none())
            .map(|(i, _)| format!("search/d/{i}.js")),
    );
    // A file to keep that is gone, or no longer a plain file of the output's: an index
    // without it would miss documents, so the index is built cold instead (nothing is
    // written before this point).
    if !keep(&kept) {
        return Ok(None);
    }
    written
        .into_par_iter()
        .try_for_each(|(path, bytes)| write(path, bytes))?;
    big.sort_unstable();
    let fresh: AHashMap<u32, &Fresh> = fresh.iter().map(|f| (f.id, f)).collect();
    let states: Vec<DocState> = docs
        .into_par_iter()
        .enumerate()
        .map(|(i, bytes)| {
            let (len, shards_of, file_sum) = match (from[i], fresh.get(&(i as u32))) {
                (Some(j), _) => {
                    let d = &prev.docs[j];
                    (
                        d.len,
                        d.shards.clone(),
                        bytes.as_deref().map_or(d.file_sum, sum),
                    )
                }
                (None, Some(f)) => (f.len, f.shards.clone(), bytes.as_deref().map_or(0, sum)),
                // (Not met: `doc_files` has a file for every new document.)
                (None, None) => (0, Box::default(), 0),
            };
            if let Some(b) = bytes {
                write(format!("search/d/{i}.js"), b)?;
            }
            Ok(DocState {
                rel: input.docs[i].src.rel.clone(),
                hash: hashes[i],
                len,
                file_sum,
                shards: shards_of,
            })
        })
        .collect::<Result<_, E>>()?;
    let lens: Vec<u32> = states.iter().map(|d| d.len).collect();
    let directory: Vec<(String, String)> = (big.iter())
        .map(|b| (b.key.clone(), format!("{}_{}", b.shard, b.n)))
        .collect();
    let meta = (super::stamp(super::fingerprint(input, hashes))
        + &super::meta_file(input, &lens, shards, &directory))
        .into_bytes();
    let meta_sum = sum(&meta);
    write("search/meta.js".into(), meta)?;
    let files = states.len() + shard_sums.iter().filter(|s| **s != 0).count() + big.len() + 1;
    Ok(Some((
        files,
        State {
            settings: prev.settings,
            sections: prev.sections.clone(),
            shards,
            docs: states,
            shard_sums,
            big,
            meta_sum,
        },
    )))
}
