//! The full-text search index: positional postings of the tokeniser's tokens, split into shards
//! by each token's first character, plus a small meta file (per-document filter fields) and one
//! file per document (title, URL, text for snippets). Every file is a classic script calling
//! `huibianSearch.*`, so the search works from file:// as well as from any web server.

pub mod tokens;

use crate::site::Site;
use crate::source::frontmatter::batch_label;
use crate::source::DocSource;
use rayon::prelude::*;
use std::fmt::Write;
use std::sync::Arc;

/// Title tokens take positions below this; body tokens start here (a match below it is in the title).
pub const TITLE_SPAN: u32 = 1024;
/// The text kept for snippets, in characters.
const TEXT_CAP: usize = 100_000;
/// Aim for shards of about this many bytes.
const SHARD_TARGET: usize = 24 * 1024;

/// What the index needs of one published document; cheap to take from a site (for serve's
/// background indexing).
#[derive(Clone)]
pub struct SearchDoc {
    pub src: Arc<DocSource>,
    pub url: String,
    pub section: usize,
}

pub struct Input {
    pub docs: Vec<SearchDoc>,
    pub sections: Vec<String>,
}

/// The published (non-draft) documents of a site (serve).
pub fn input(site: &Site) -> Input {
    let sections = site
        .sections
        .iter()
        .map(|s| (s.weight, s.name.as_str(), s.title.clone()));
    input_of(site.docs.iter().map(|d| &d.src), sections)
}

/// As `input`, straight from the sources (build): the index can be built before any Markdown
/// is rendered, so the build never holds both in memory.
pub fn input_from_source(source: &crate::source::Source) -> Input {
    let sections = source.sections.iter().map(|s| {
        (
            s.meta.weight,
            s.name.as_str(),
            crate::site::section_title(s),
        )
    });
    input_of(source.docs.iter(), sections)
}

/// The one way both make an input, so that serve and build write the same index: sections
/// numbered in navigation order (weight, then name), document URLs as the site makes them.
fn input_of<'a>(
    docs: impl Iterator<Item = &'a Arc<DocSource>>,
    sections: impl Iterator<Item = (i64, &'a str, String)>,
) -> Input {
    let mut sections: Vec<(i64, &str, String)> = sections.collect();
    sections.sort_unstable();
    let index = |name: &str| {
        sections
            .iter()
            .position(|(_, n, _)| *n == name)
            .unwrap_or(0)
    };
    Input {
        docs: docs
            .filter(|d| !d.fm.draft)
            .map(|d| SearchDoc {
                src: d.clone(),
                url: crate::site::doc_url(d),
                section: index(&d.section),
            })
            .collect(),
        sections: sections.into_iter().map(|(_, _, t)| t).collect(),
    }
}

/// Plain text of a Markdown body: what a reader reads, a line per block.
fn plain_text(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut out = String::with_capacity(md.len());
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for e in Parser::new_ext(md, opts) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => {}
            Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// The body as plain text, then a line with what the front matter says of the document
/// (summary, unit, tags, batch, section, date), so that those are found too.
fn searchable_text(d: &SearchDoc, input: &Input) -> String {
    let fm = &d.src.fm;
    let mut text = plain_text(&d.src.body);
    text.push('\n');
    if let Some(s) = &fm.summary {
        let _ = writeln!(text, "摘要：{s}");
    }
    if let Some(u) = &fm.unit {
        let _ = write!(text, "单位：{u}　");
    }
    if !fm.tags.is_empty() {
        let _ = write!(text, "标签：{}　", fm.tags.join("、"));
    }
    if let Some(b) = fm.batch {
        let _ = write!(text, "批次：{}　", batch_label(b));
    }
    if let Some(section) = input.sections.get(d.section) {
        let _ = write!(text, "栏目：{section}　");
    }
    let _ = write!(text, "日期：{}", fm.date.zh());
    text
}

/// A CJK token as a number (bigrams and single characters pack their code points); None for
/// words. (The indexer packs them as it tokenises; tests use this.)
#[cfg(test)]
fn key(token: &str) -> Option<u64> {
    let mut cs = token.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), None, None) if tokens::is_cjk_char(a) => Some(a as u64),
        (Some(a), Some(b), None) if tokens::is_cjk_char(a) && tokens::is_cjk_char(b) => {
            Some(1 << 42 | (a as u64) << 21 | b as u64)
        }
        _ => None,
    }
}

fn unkey(k: u64) -> String {
    let c = |v: u64| char::from_u32((v & 0x1F_FFFF) as u32).unwrap_or('\u{fffd}');
    if k >> 42 == 1 {
        format!("{}{}", c(k >> 21), c(k))
    } else {
        c(k).to_string()
    }
}

/// One document's tokens: CJK tokens as numbers with positions (sorted), words with positions,
/// the count of each CJK character, and the body length in tokens.
struct DocTokens {
    cjk: Vec<(u64, u32)>,
    words: Vec<(String, u32)>,
    chars: Vec<(u32, u32)>,
    len: u32,
}

fn doc_tokens(title: &str, body: &str) -> DocTokens {
    // (key << 21 | position): one u64 sorts by token, then position. Positions past 2^21 (a
    // document of millions of tokens) are clamped; such matches are still found, less precisely.
    const POS: u64 = (1 << 21) - 1;
    let mut cjk: Vec<u64> = Vec::with_capacity(body.len() / 2);
    let mut words: Vec<(String, u32)> = Vec::new();
    let mut push = |t: tokens::Tok, p: u32| {
        let k = match t {
            tokens::Tok::Pair(a, b) => 1 << 42 | (a as u64) << 21 | b as u64,
            tokens::Tok::One(a) => a as u64,
            tokens::Tok::Word(w) => {
                words.push((w.to_string(), p));
                return;
            }
        };
        cjk.push(k << 21 | (u64::from(p)).min(POS));
    };
    tokens::tokenize_fast(title, 0, |t, p| push(t, p.min(TITLE_SPAN - 1)));
    let end = tokens::tokenize_fast(body, TITLE_SPAN, &mut push);
    cjk.sort_unstable();
    words.sort();
    // Every character of a CJK run starts exactly one token: count characters by first character.
    let mut counts: ahash::AHashMap<u32, u32> = ahash::AHashMap::new();
    for packed in &cjk {
        let k = packed >> 21;
        let first = if k >> 42 == 1 {
            (k >> 21) & 0x1F_FFFF
        } else {
            k & 0x1F_FFFF
        } as u32;
        *counts.entry(first).or_default() += 1;
    }
    let mut chars: Vec<(u32, u32)> = counts.into_iter().collect();
    chars.sort_unstable();
    let cjk = cjk
        .into_iter()
        .map(|packed| (packed >> 21, (packed & POS) as u32))
        .collect();
    DocTokens {
        cjk,
        words,
        chars,
        len: end - TITLE_SPAN,
    }
}

/// Numbers as text without separators: base-32 digits, the last from `0-9a-v`, the others from
/// `A-Z()*+,-`. (search.js decodes the same way.)
#[inline]
fn varint(n: u64, out: &mut Vec<u8>) {
    const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    const MORE: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+,-";
    // Most numbers are positions and deltas below 1024: one or two digits.
    if n < 32 {
        out.push(LAST[n as usize]);
        return;
    }
    if n < 1024 {
        out.extend_from_slice(&[MORE[(n >> 5) as usize], LAST[(n & 31) as usize]]);
        return;
    }
    let mut digits = [0u8; 13];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = (n % 32) as u8;
        n /= 32;
        if n == 0 {
            break;
        }
    }
    let last = digits.len() - 1;
    for (j, d) in digits.iter().enumerate().skip(i) {
        out.push(if j == last {
            LAST[*d as usize]
        } else {
            MORE[*d as usize]
        });
    }
}

fn base36(mut n: u64, out: &mut String) {
    const D: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = D[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).expect("ascii"));
}

/// A JavaScript string literal.
fn js_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Postings of one token, in document order: per document its id (as a delta), then either
/// the positions (count, first, deltas) or, for the per-character index, the count alone.
#[derive(Default)]
struct Postings {
    last_doc: Option<u32>,
    text: Vec<u8>,
}

impl Postings {
    fn doc(&mut self, doc: u32) {
        varint(
            u64::from(doc - self.last_doc.map_or(0, |l| l + 1)),
            &mut self.text,
        );
        self.last_doc = Some(doc);
    }
}

/// An index key: a CJK token, a word, or a character of the per-character index (`#` + it).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Cjk(u64),
    Word(String),
    Char(u32),
}

impl Key {
    fn text(&self) -> String {
        match self {
            Key::Cjk(k) => unkey(*k),
            Key::Word(w) => w.clone(),
            Key::Char(c) => format!("#{}", char::from_u32(*c).unwrap_or('\u{fffd}')),
        }
    }

    fn shard(&self, shards: usize) -> usize {
        let fnv = |h: u32, c: u32| (h ^ c).wrapping_mul(0x0100_0193);
        let h = match self {
            Key::Cjk(k) if k >> 42 == 1 => fnv(
                fnv(0x811c_9dc5, ((k >> 21) & 0x1F_FFFF) as u32),
                (k & 0x1F_FFFF) as u32,
            ),
            Key::Cjk(k) => fnv(0x811c_9dc5, (k & 0x1F_FFFF) as u32),
            Key::Word(w) => w.chars().fold(0x811c_9dc5, |h, c| fnv(h, c as u32)),
            Key::Char(c) => fnv(fnv(0x811c_9dc5, '#' as u32), *c),
        };
        h as usize % shards
    }
}

/// The shard of an index key: FNV-1a over its code points, modulo the number of shards
/// (search.js computes the same). Keys are tokens, or `#` and a character for the
/// per-character index.
pub fn shard_of(key: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for c in key.chars() {
        h = (h ^ c as u32).wrapping_mul(0x0100_0193);
    }
    h as usize % shards
}

/// Groups of equal keys in a sorted list.
fn groups<K: PartialEq + Clone>(list: &[(K, u32)]) -> impl Iterator<Item = (K, &[(K, u32)])> {
    let mut rest = list;
    std::iter::from_fn(move || {
        let k = rest.first()?.0.clone();
        let n = rest.iter().take_while(|(x, _)| *x == k).count();
        let (g, r) = rest.split_at(n);
        rest = r;
        Some((k, g))
    })
}

/// Keys are spread over this many maps, merged in parallel (a key always lands in the same one).
const PARTS: usize = 16;

/// Index entries: (key text, encoded postings).
type Entries = Vec<(String, Vec<u8>)>;

/// One part of a document's postings: (key, where its count and positions stand), the bytes.
type Part = (Vec<(Key, u32, u32)>, Vec<u8>);

/// One document's postings, encoded, per part.
struct Encoded {
    parts: Vec<Part>,
    len: u32,
}

/// Count, first position, then deltas.
fn positions(ps: impl Iterator<Item = u32>, n: usize, b: &mut Vec<u8>) {
    varint(n as u64, b);
    let mut prev = 0;
    for p in ps {
        varint(u64::from(p - prev), b);
        prev = p;
    }
}

fn encode(toks: DocTokens, shards: usize) -> Encoded {
    // About two bytes a position and a few a key, spread over the parts.
    let per_part = toks.cjk.len() / PARTS + 8;
    let mut parts: Vec<Part> = (0..PARTS)
        .map(|_| {
            (
                Vec::with_capacity(per_part),
                Vec::with_capacity(4 * per_part),
            )
        })
        .collect();
    let mut put = |key: Key, write: &mut dyn FnMut(&mut Vec<u8>)| {
        let (keys, bytes) = &mut parts[key.shard(shards) % PARTS];
        let start = bytes.len() as u32;
        write(bytes);
        keys.push((key, start, bytes.len() as u32));
    };
    for (k, g) in groups(&toks.cjk) {
        put(Key::Cjk(k), &mut |b| {
            positions(g.iter().map(|x| x.1), g.len(), b)
        });
    }
    for (w, g) in groups(&toks.words) {
        put(Key::Word(w), &mut |b| {
            positions(g.iter().map(|x| x.1), g.len(), b)
        });
    }
    for (c, n) in toks.chars {
        put(Key::Char(c), &mut |b| varint(u64::from(n), b));
    }
    Encoded {
        parts,
        len: toks.len,
    }
}

/// What the index is made from, as one number: the documents (front matter, body, URL,
/// section), the section titles, and the index format. A rebuild whose sources give the same
/// number keeps the index it wrote last time.
pub fn fingerprint(input: &Input) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same in every run of the same huibian.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    (TITLE_SPAN, TEXT_CAP, SHARD_TARGET).hash(&mut h);
    input.sections.hash(&mut h);
    for d in &input.docs {
        (d.src.fm_hash, &d.src.body, &d.url, d.section).hash(&mut h);
    }
    h.finish()
}

/// The first line of meta.js: the fingerprint of what the index was made from.
fn stamp(fingerprint: u64) -> String {
    format!("/* huibian search index {fingerprint:016x} */\n")
}

/// Does this meta.js belong to an index made from sources with this fingerprint?
pub fn is_current(meta: &[u8], fingerprint: u64) -> bool {
    meta.starts_with(stamp(fingerprint).as_bytes())
}

/// The index files, handed to `write` as they are made: per-document files, shards, meta.
/// Returns how many files were written.
pub fn build<E: Send>(
    input: &Input,
    write: &(dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
) -> Result<usize, E> {
    // Shards of about SHARD_TARGET bytes: the index takes about 5 bytes a character of text.
    let chars: usize = input.docs.iter().map(|d| d.src.body.len() / 3).sum();
    let shards = (chars * 5 / SHARD_TARGET).clamp(1, 16384);
    let mut maps: Vec<ahash::AHashMap<Key, Postings>> =
        (0..PARTS).map(|_| ahash::AHashMap::new()).collect();
    let mut lens: Vec<u32> = Vec::with_capacity(input.docs.len());
    // Chunks keep memory bounded; documents within a chunk are tokenised and encoded in parallel.
    const CHUNK: usize = 512;
    for (c, chunk) in input.docs.chunks(CHUNK).enumerate() {
        let done: Vec<Result<Encoded, E>> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, d)| {
                let id = c * CHUNK + i;
                let text = tokens::normalize(&searchable_text(d, input));
                let toks = doc_tokens(&tokens::normalize(&d.src.fm.title), &text);
                write(format!("search/d/{id}.js"), doc_file(id, d, input, &text))?;
                Ok(encode(toks, shards))
            })
            .collect();
        let done: Vec<Encoded> = done.into_iter().collect::<Result<_, E>>()?;
        let base = (c * CHUNK) as u32;
        maps.par_iter_mut().enumerate().for_each(|(part, map)| {
            for (i, doc) in done.iter().enumerate() {
                let (keys, bytes) = &doc.parts[part];
                for (key, start, end) in keys {
                    let p = match map.get_mut(key) {
                        Some(p) => p,
                        None => map.entry(key.clone()).or_insert_with(|| Postings {
                            last_doc: None,
                            text: Vec::with_capacity(32),
                        }),
                    };
                    p.doc(base + i as u32);
                    p.text
                        .extend_from_slice(&bytes[*start as usize..*end as usize]);
                }
            }
        });
        lens.extend(done.iter().map(|d| d.len));
    }
    // Each shard lives in exactly one part: write the parts' shards in parallel. A token whose
    // postings alone fill a shard gets a file of its own, so a query for it loads nothing else.
    let written: Vec<Result<(usize, Entries), E>> = maps
        .into_par_iter()
        .map(|map| {
            let mut by_shard: std::collections::BTreeMap<usize, Vec<(String, Vec<u8>)>> =
                Default::default();
            let mut big = Vec::new();
            for (k, p) in map {
                if p.text.len() > SHARD_TARGET / 2 {
                    big.push((k.text(), p.text));
                } else {
                    by_shard
                        .entry(k.shard(shards))
                        .or_default()
                        .push((k.text(), p.text));
                }
            }
            let mut n = 0;
            for (shard, entries) in by_shard {
                write(
                    format!("search/s/{shard}.js"),
                    shard_file(&shard.to_string(), entries),
                )?;
                n += 1;
            }
            Ok((n, big))
        })
        .collect();
    let mut files = input.docs.len() + 1;
    let mut big: Vec<(String, Vec<u8>)> = Vec::new();
    for w in written {
        let (n, b) = w?;
        files += n;
        big.extend(b);
    }
    big.sort_by(|a, b| a.0.cmp(&b.0));
    let directory: Vec<String> = big.iter().map(|(k, _)| k.clone()).collect();
    let big_written: Vec<Result<(), E>> = big
        .into_par_iter()
        .enumerate()
        .map(|(i, entry)| {
            write(
                format!("search/b/{i}.js"),
                shard_file(&format!("b{i}"), vec![entry]),
            )
        })
        .collect();
    for w in big_written {
        w?;
        files += 1;
    }
    write(
        "search/meta.js".into(),
        (stamp(fingerprint(input)) + &meta_file(input, &lens, shards, &directory)).into_bytes(),
    )?;
    Ok(files)
}

/// `huibianSearch.shard("id",{"token":"postings",…});` with tokens sorted.
fn shard_file(id: &str, mut entries: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut s = format!("huibianSearch.shard(\"{id}\",{{");
    for (i, (k, p)) in entries.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        js_str(k, &mut s);
        s.push_str(":\"");
        s.push_str(std::str::from_utf8(p).expect("varints are ASCII"));
        s.push('"');
    }
    s.push_str("});\n");
    s.into_bytes()
}

/// Filter fields of every document, packed: section (2), batch (1), unit (2), length (4), base 36.
fn meta_file(input: &Input, lens: &[u32], shards: usize, big: &[String]) -> String {
    let mut units: Vec<&str> = input
        .docs
        .iter()
        .filter_map(|d| d.src.fm.unit.as_deref())
        .collect();
    units.sort_unstable();
    units.dedup();
    let mut batches: Vec<u32> = input.docs.iter().filter_map(|d| d.src.fm.batch).collect();
    batches.sort_unstable();
    batches.dedup();
    let mut packed = String::with_capacity(input.docs.len() * 9);
    let fixed = |n: u64, width: usize, out: &mut String| {
        let mut s = String::new();
        base36(n.min(36u64.pow(width as u32) - 1), &mut s);
        out.extend(std::iter::repeat_n('0', width.saturating_sub(s.len())));
        out.push_str(&s);
    };
    for (d, len) in input.docs.iter().zip(lens) {
        fixed(d.section as u64, 2, &mut packed);
        let b = d
            .src
            .fm
            .batch
            .and_then(|b| batches.iter().position(|x| *x == b))
            .map_or(0, |i| i + 1);
        fixed(b as u64, 1, &mut packed);
        let u = d
            .src
            .fm
            .unit
            .as_deref()
            .and_then(|u| units.binary_search(&u).ok())
            .map_or(0, |i| i + 1);
        fixed(u as u64, 2, &mut packed);
        fixed(u64::from(*len), 4, &mut packed);
    }
    let list = |items: &mut dyn Iterator<Item = String>| {
        let mut s = String::from("[");
        for (i, item) in items.enumerate() {
            if i > 0 {
                s.push(',');
            }
            js_str(&item, &mut s);
        }
        s.push(']');
        s
    };
    format!(
        "huibianSearch.meta({{\"shards\":{shards},\"span\":{TITLE_SPAN},\"count\":{},\"sections\":{},\"batches\":{},\"units\":{},\"big\":{},\"docs\":\"{packed}\"}});\n",
        input.docs.len(),
        list(&mut input.sections.iter().cloned()),
        list(&mut batches.iter().map(|b| batch_label(*b))),
        list(&mut units.iter().map(|u| u.to_string())),
        list(&mut big.iter().cloned()),
    )
}

/// One document for the results list: title, URL (site path), section, unit, date, batch, text.
fn doc_file(id: usize, d: &SearchDoc, input: &Input, text: &str) -> Vec<u8> {
    let mut s = format!("huibianSearch.doc({id},{{\"t\":");
    js_str(&d.src.fm.title, &mut s);
    s.push_str(",\"u\":");
    js_str(&d.url, &mut s);
    s.push_str(",\"s\":");
    js_str(
        input.sections.get(d.section).map_or("", String::as_str),
        &mut s,
    );
    s.push_str(",\"n\":");
    js_str(d.src.fm.unit.as_deref().unwrap_or(""), &mut s);
    s.push_str(",\"d\":");
    js_str(&d.src.fm.date.zh(), &mut s);
    s.push_str(",\"b\":");
    js_str(&d.src.fm.batch.map(batch_label).unwrap_or_default(), &mut s);
    s.push_str(",\"x\":");
    let capped: String = text.chars().take(TEXT_CAP).collect();
    js_str(&capped, &mut s);
    s.push_str("});\n");
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_varints_with_deltas() {
        let mut p = Postings::default();
        let enc = encode(doc_tokens("", "整"), 1);
        let (keys, bytes) = &enc.parts[0];
        let (_, a, b) = keys
            .iter()
            .find(|(k, _, _)| *k == Key::Cjk('整' as u64))
            .unwrap();
        assert_eq!(
            &bytes[*a as usize..*b as usize],
            b"1BA0",
            "one position: 1024 = 32·32"
        );
        p.doc(0);
        p.doc(37);
        // doc 0, then doc 37 as the delta 36 = 1·32 + 4
        assert_eq!(String::from_utf8(p.text).unwrap(), "0B4");
    }

    #[test]
    fn keys_shard_like_their_text() {
        for k in [
            Key::Cjk(key("整改").unwrap()),
            Key::Cjk(key("整").unwrap()),
            Key::Word("rust".into()),
            Key::Char('整' as u32),
        ] {
            assert_eq!(k.shard(4099), shard_of(&k.text(), 4099), "{}", k.text());
        }
    }

    #[test]
    fn doc_tokens_group_positions_and_mark_the_title() {
        let t = doc_tokens("整改", "整改落实，整改");
        let k = key("整改").unwrap();
        let ps: Vec<u32> = t.cjk.iter().filter(|(x, _)| *x == k).map(|x| x.1).collect();
        assert_eq!(ps, vec![0, TITLE_SPAN, TITLE_SPAN + 5]);
        assert_eq!(t.len, 8);
        assert_eq!(unkey(k), "整改");
        let zheng = t.chars.iter().find(|(c, _)| *c == '整' as u32).unwrap();
        assert_eq!(zheng.1, 3, "整 three times, title included");
    }

    #[test]
    fn shards_hash_whole_keys() {
        assert_eq!(shard_of("rust", 1), 0);
        assert_ne!(shard_of("整改", 4096), shard_of("整体", 4096));
        // FNV-1a of "a": 0xe40c292c
        assert_eq!(
            shard_of("a", usize::MAX >> 32),
            0xe40c292c % (usize::MAX >> 32)
        );
    }
}
