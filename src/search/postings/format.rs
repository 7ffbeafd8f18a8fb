//! The postings as search.js reads them (themes/default/static/search.js: `reader`,
//! `postings`, `charCounts`, `fileOf`); change one side, change the other, and
//! `search::INDEX_FORMAT`.
//!
//! Files (wrapped by `shard_file` and `meta_file` in search/mod.rs):
//! - `search/s/<shard>.js`: `huibianSearch.shard("<shard>",{"<key>":"<postings>",…});`, the
//!   keys whose `search::shard_of` is that shard, in key order (`key::Key`: characters alone,
//!   pairs, counts, each by code points, then words by text; search.js does not depend on the
//!   order, byte-identical rebuilds do). A shard without keys has no file.
//! - `search/b/<shard>_<n>.js`: `huibianSearch.shard("b<shard>_<n>",{"<key>":"<postings>"});`,
//!   one key whose postings pass half a shard (`join`), the n-th of its shard; meta.js's
//!   `"big":{"<key>":"<shard>_<n>",…}` says where each is, and its shard file leaves it out.
//!
//! Keys (`write_name`): a CJK pair `"整改"`, a CJK character alone `"改"` (a run's last, whose
//! postings are positions), `"#整"` (the per-character index: counts of tokens starting with
//! 整, so that a one-character query finds every occurrence), or a word `"rust"` (normalised,
//! a JavaScript string literal).
//!
//! Postings: numbers (`varint`, digits with no separator) per document, in document order:
//! - head: the document id as a delta from the previous document less one (from -1 for the
//!   first), doubled, plus one when the count is 1 and left out;
//! - the count, unless left out;
//! - for `#` keys nothing more (the count is the number of tokens); for the others the
//!   positions, each as a delta from the one before (the first from 0). Positions below
//!   `TITLE_SPAN` are in the title (a long title's tokens past it all take `TITLE_SPAN - 1`),
//!   the body's start at `TITLE_SPAN`.

use super::key::{Key, Kind};
use super::words::Words;

/// Numbers as text without separators: base-32 digits, the last from `0-9a-v`, the others from
/// `A-Z()*+,-`. (search.js decodes the same way.)
// (Always inlined: it is called for every number of every posting.)
#[inline(always)]
pub(super) fn varint(n: u64, out: &mut Vec<u8>) {
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
    // First positions in a document: three digits.
    if n < 32768 {
        out.extend_from_slice(&[
            MORE[(n >> 10) as usize],
            MORE[((n >> 5) & 31) as usize],
            LAST[(n & 31) as usize],
        ]);
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

/// The first number of varint text and how many bytes it took.
pub(super) fn first_varint(text: &[u8]) -> (u64, usize) {
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

/// A document's head: its id as a delta from `last` (the previous document; `None`: none, the
/// id stays absolute), doubled, plus one when the count, 1, is left out.
#[inline(always)]
fn head(doc: u32, last: Option<u32>, once: bool) -> u64 {
    u64::from(doc - last.map_or(0, |l| l + 1)) << 1 | u64::from(once)
}

/// Appends one document's postings of a token: head, count unless 1, positions as deltas.
#[inline(always)]
pub(super) fn put_positions(
    out: &mut Vec<u8>,
    doc: u32,
    last: Option<u32>,
    count: usize,
    positions: impl Iterator<Item = u32>,
) {
    varint(head(doc, last, count == 1), out);
    if count != 1 {
        varint(count as u64, out);
    }
    let mut prev = 0;
    for p in positions {
        varint(u64::from(p - prev), out);
        prev = p;
    }
}

/// Appends one document's postings of a `#` key: head, count unless 1.
#[inline(always)]
pub(super) fn put_count(out: &mut Vec<u8>, doc: u32, last: Option<u32>, count: u32) {
    varint(head(doc, last, count == 1), out);
    if count != 1 {
        varint(u64::from(count), out);
    }
}

/// Appends `next` (postings whose first document id is absolute, as runs hold them) after
/// postings ending at document `last`: the first id becomes a delta.
#[inline]
pub(super) fn append_after(out: &mut Vec<u8>, last: Option<u32>, next: &[u8]) {
    let (first, used) = first_varint(next);
    varint(head((first >> 1) as u32, last, first & 1 == 1), out);
    out.extend_from_slice(&next[used..]);
}

/// The key as a JavaScript string literal.
pub(super) fn write_name(key: Key, words: &Words, out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    let mut put =
        |ch: char, out: &mut Vec<u8>| out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    // CJK characters and `#` need no escape; words may.
    let chars = match key.kind() {
        Kind::Word(id) => {
            let mut s = String::new();
            crate::search::js_str(&words.text(id), &mut s);
            out.extend_from_slice(s.as_bytes());
            return;
        }
        Kind::One(c) => [None, Some(c)],
        Kind::Pair(a, b) => [Some(a), Some(b)],
        Kind::Count(c) => [Some('#'), Some(c)],
    };
    out.push(b'"');
    for c in chars.into_iter().flatten() {
        put(c, out);
    }
    out.push(b'"');
}

/// The key's text (as `search::shard_of` hashes it).
pub(super) fn text(key: Key, words: &Words) -> String {
    match key.kind() {
        Kind::Word(id) => words.text(id),
        Kind::One(c) => c.to_string(),
        Kind::Pair(a, b) => [a, b].iter().collect(),
        Kind::Count(c) => ['#', c].iter().collect(),
    }
}
