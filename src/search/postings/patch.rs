//! A shard rewritten instead of rebuilt (`search::update`): its files read back, their
//! documents renumbered or dropped, new documents' postings merged in, and the shard written
//! again exactly as `join` writes it, so that an updated index equals a cold build's.

use super::format::varint;
use crate::search::tokens::is_cjk_char;
use std::borrow::Cow;

/// One document's postings of a key, as a new document brings them: is its count 1, and what
/// follows the head (the count unless 1, then the positions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Posting {
    pub(crate) doc: u32,
    pub(crate) once: bool,
    pub(crate) rest: Vec<u8>,
}

impl Posting {
    /// A token's postings in one document: its positions, in order.
    pub(crate) fn positions(doc: u32, positions: &[u32]) -> Posting {
        let mut rest = Vec::new();
        if positions.len() != 1 {
            varint(positions.len() as u64, &mut rest);
        }
        let mut prev = 0;
        for &p in positions {
            varint(u64::from(p - prev), &mut rest);
            prev = p;
        }
        Posting {
            doc,
            once: positions.len() == 1,
            rest,
        }
    }

    /// A `#` key's postings in one document: how many tokens start with its character.
    pub(crate) fn count(doc: u32, n: u32) -> Posting {
        let mut rest = Vec::new();
        if n != 1 {
            varint(u64::from(n), &mut rest);
        }
        Posting {
            doc,
            once: n == 1,
            rest,
        }
    }
}

/// Where a key goes in its shard file, from its text: `key::Key`'s order (characters alone,
/// pairs, counts by code points, then words by text).
pub(crate) fn key_order(k: &str) -> (u8, u32, u32, &str) {
    let mut cs = k.chars();
    let (a, b, more) = (cs.next(), cs.next(), cs.next().is_some());
    match (a, b, more) {
        (Some(a), None, _) if is_cjk_char(a) => (0, a as u32, 0, ""),
        (Some(a), Some(b), false) if is_cjk_char(a) && is_cjk_char(b) => {
            (1, a as u32, b as u32, "")
        }
        (Some('#'), Some(c), false) if is_cjk_char(c) => (2, c as u32, 0, ""),
        _ => (3, 0, 0, k),
    }
}

/// Is this key a `#` key (postings of counts, no positions)?
pub(crate) fn is_count_key(k: &str) -> bool {
    key_order(k).0 == 2
}

/// The entries of a shard file (`huibianSearch.shard("<id>",{"key":"postings",…});`): keys
/// as text, postings as written. None when the file is not one.
pub(crate) fn parse_shard<'a>(file: &'a [u8], id: &str) -> Option<Vec<(Cow<'a, str>, &'a [u8])>> {
    let head = format!("huibianSearch.shard(\"{id}\",{{");
    let mut rest = file.strip_prefix(head.as_bytes())?.strip_suffix(b"});\n")?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        if !out.is_empty() {
            rest = rest.strip_prefix(b",")?;
        }
        let (key, after) = string(rest)?;
        let after = after.strip_prefix(b":\"")?;
        // (memchr: the postings are most of the shard's bytes.)
        let end = memchr::memchr(b'"', after)?;
        out.push((key, &after[..end]));
        rest = &after[end + 1..];
    }
    Some(out)
}

/// A string literal at the start of `text` (as `js_str` writes it), and what follows it.
fn string(text: &[u8]) -> Option<(Cow<'_, str>, &[u8])> {
    let body = text.strip_prefix(b"\"")?;
    let mut i = 0;
    while let Some(at) = memchr::memchr2(b'"', b'\\', body.get(i..)?) {
        i += at;
        if body[i] == b'"' {
            break;
        }
        i += 2;
    }
    if body.get(i) != Some(&b'"') {
        return None;
    }
    let lit = text.get(..i + 2)?;
    let key = match lit.contains(&b'\\') {
        false => Cow::Borrowed(std::str::from_utf8(&lit[1..lit.len() - 1]).ok()?),
        true => Cow::Owned(serde_json::from_slice(lit).ok()?),
    };
    Some((key, &text[i + 2..]))
}

/// Each byte's digit value (format::varint's alphabet), with LAST set for a number's last
/// digit: one load a byte where the scan over a shard's postings would otherwise branch.
const DIGITS: [u8; 256] = {
    let mut t = [0u8; 256];
    let last = b"0123456789abcdefghijklmnopqrstuv";
    let more = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+,-";
    let mut i = 0;
    while i < 32 {
        t[last[i] as usize] = i as u8 | LAST;
        t[more[i] as usize] = i as u8;
        i += 1;
    }
    t
};
const LAST: u8 = 0x80;

/// Is this byte the last digit of a varint?
#[inline(always)]
fn is_last(b: u8) -> bool {
    DIGITS[b as usize] & LAST != 0
}

/// The number at the start of `text` and how many bytes it took (as `format::first_varint`).
#[inline(always)]
fn number(text: &[u8]) -> Option<(u64, usize)> {
    let mut n = 0u64;
    for (i, &b) in text.iter().enumerate() {
        let d = DIGITS[b as usize];
        n = n << 5 | u64::from(d & 31);
        if d & LAST != 0 {
            return Some((n, i + 1));
        }
    }
    None
}

/// A key's postings again: each old document through `map` (its new id, or None: left out),
/// the new documents' postings (by id) merged in. None when the postings do not read.
/// (Runs of documents that keep their ids, after one that kept its id, are copied as they
/// are: most of a shard when one document changed; and once past the new postings and at
/// `steady`, from which on every document keeps its id, the rest is copied unread.)
pub(crate) fn remap(
    old: &[u8],
    count_key: bool,
    (map, steady): (&[Option<u32>], u32),
    new: &[&Posting],
    out: &mut Vec<u8>,
) -> Option<()> {
    let mut last: Option<u32> = None;
    let put = |last: &mut Option<u32>, doc: u32, once: bool, rest: &[u8], out: &mut Vec<u8>| {
        let delta = doc.checked_sub(last.map_or(0, |l| l + 1))?;
        varint(u64::from(delta) << 1 | u64::from(once), out);
        out.extend_from_slice(rest);
        *last = Some(doc);
        Some(())
    };
    let mut new = new.iter().peekable();
    let (mut at, mut old_last) = (0usize, None::<u32>);
    // Where the run being copied as it is began.
    let mut run = 0usize;
    while at < old.len() {
        if last == old_last && old_last.map_or(0, |l| l + 1) >= steady && new.peek().is_none() {
            break;
        }
        let entry = at;
        let (h, used) = number(&old[at..])?;
        let doc = old_last
            .map_or(0, |l| l + 1)
            .checked_add(u32::try_from(h >> 1).ok()?)?;
        let same_before = last == old_last;
        old_last = Some(doc);
        let once = h & 1 == 1;
        let start = at + used;
        let mut end = start;
        let mut n = 1;
        if !once {
            let (c, used) = number(old.get(start..)?)?;
            n = c;
            end += used;
        }
        if !count_key {
            end = skip(old, end, n)?;
        }
        at = end;
        let to = *map.get(doc as usize)?;
        let inserts = new.peek().is_some_and(|p| to.is_none_or(|t| p.doc < t));
        if to == Some(doc) && same_before && !inserts {
            last = Some(doc);
            continue; // (stays in the run)
        }
        out.extend_from_slice(&old[run..entry]);
        run = end;
        let Some(to) = to else {
            continue;
        };
        while let Some(p) = new.next_if(|p| p.doc < to) {
            put(&mut last, p.doc, p.once, &p.rest, out)?;
        }
        put(&mut last, to, once, old.get(start..end)?, out)?;
    }
    out.extend_from_slice(&old[run..]);
    for p in new {
        put(&mut last, p.doc, p.once, &p.rest, out)?;
    }
    Some(())
}

/// The first document id from which every document keeps its id (`remap` copies the rest of
/// a key's postings as they are once it is past the changes).
pub(crate) fn steady_from(map: &[Option<u32>]) -> u32 {
    let moved = (map.iter().enumerate()).rposition(|(j, m)| *m != Some(j as u32));
    moved.map_or(0, |j| j as u32 + 1)
}

/// Where `n` varints starting at `at` end.
#[inline]
fn skip(text: &[u8], at: usize, n: u64) -> Option<usize> {
    if n == 0 {
        return Some(at);
    }
    let mut left = n;
    let rest = text.get(at..)?;
    for (i, &b) in rest.iter().enumerate() {
        left -= u64::from(is_last(b));
        if left == 0 {
            return Some(at + i + 1);
        }
    }
    None
}

/// A shard written as `join` writes it, from its keys in order with their postings: the
/// shard file's entries, and apart the keys whose postings pass `own` bytes (each for a file
/// of its own, the n-th of the shard), and those `unread` says have such a file, unread,
/// their postings left empty (apart with them).
pub(crate) fn write_shard(
    keys: &[(Cow<str>, Cow<[u8]>)],
    own: usize,
    unread: &dyn Fn(&str) -> bool,
) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let mut body = Vec::with_capacity(keys.iter().map(|(k, p)| k.len() + p.len() + 6).sum());
    let mut apart = Vec::new();
    for (k, p) in keys {
        if p.is_empty() {
            if unread(k.as_ref()) {
                apart.push((k.to_string(), Vec::new()));
            }
            continue;
        }
        if p.len() > own {
            apart.push((k.to_string(), p.to_vec()));
            continue;
        }
        if !body.is_empty() {
            body.push(b',');
        }
        let mut name = String::new();
        crate::search::js_str(k, &mut name);
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(b":\"");
        body.extend_from_slice(p);
        body.push(b'"');
    }
    (body, apart)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_steady(map: &[Option<u32>]) -> (&[Option<u32>], u32) {
        (map, steady_from(map))
    }

    #[test]
    fn numbers_read_as_the_format_writes_them() {
        for n in [0, 1, 31, 32, 1023, 1024, 32767, 32768, 1 << 40] {
            let mut t = Vec::new();
            varint(n, &mut t);
            assert_eq!(number(&t), Some((n, t.len())), "{n}");
            assert_eq!(number(&t[..t.len() - 1]), None, "{n} cut short");
        }
    }

    #[test]
    fn keys_sort_as_the_builder_writes_them() {
        let mut keys = ["rust", "#整", "整改", "改", "2023", "整", "#改", "改落"];
        keys.sort_by_key(|k| key_order(k));
        assert_eq!(
            keys,
            ["改", "整", "改落", "整改", "#改", "#整", "2023", "rust"]
        );
    }

    #[test]
    fn postings_renumber_and_merge() {
        // Documents 0 (at 3, 5) and 2 (at 1): document 0 dropped, 2 becomes 1, a new 0 at 7.
        let mut old = Vec::new();
        let a = Posting::positions(0, &[3, 5]);
        let b = Posting::positions(2, &[1]);
        remap(&[], false, with_steady(&[]), &[&a, &b], &mut old).unwrap();
        let mut out = Vec::new();
        let fresh = Posting::positions(0, &[7]);
        remap(
            &old,
            false,
            with_steady(&[None, None, Some(1)]),
            &[&fresh],
            &mut out,
        )
        .unwrap();
        let mut want = Vec::new();
        let b1 = Posting::positions(1, &[1]);
        remap(&[], false, with_steady(&[]), &[&fresh, &b1], &mut want).unwrap();
        assert_eq!(out, want);
        // Postings cut short do not read.
        assert!(remap(
            &old[..old.len() - 1],
            false,
            with_steady(&[Some(0), None, Some(2)]),
            &[],
            &mut Vec::new()
        )
        .is_none());
    }

    #[test]
    fn runs_that_keep_their_ids_are_copied_and_the_rest_renumbered() {
        let encode = |ps: &[Posting]| {
            let mut out = Vec::new();
            remap(
                &[],
                false,
                with_steady(&[]),
                &ps.iter().collect::<Vec<_>>(),
                &mut out,
            )
            .unwrap();
            out
        };
        let at = |doc, ps: &[u32]| Posting::positions(doc, ps);
        let old = encode(&[
            at(0, &[1]),
            at(1, &[2, 9]),
            at(2, &[3]),
            at(3, &[4, 5, 6]),
            at(7, &[1]),
        ]);
        // Document 2 changed (its new postings), the others stay; then 3 removed, 7 becomes 6.
        let map = [Some(0), Some(1), None, Some(3), None, None, None, Some(7)];
        let fresh = at(2, &[8, 40]);
        let mut out = Vec::new();
        remap(&old, false, with_steady(&map), &[&fresh], &mut out).unwrap();
        assert_eq!(
            out,
            encode(&[
                at(0, &[1]),
                at(1, &[2, 9]),
                fresh.clone(),
                at(3, &[4, 5, 6]),
                at(7, &[1])
            ])
        );
        let map = [Some(0), Some(1), Some(2), None, None, None, None, Some(6)];
        let mut out = Vec::new();
        remap(&old, false, with_steady(&map), &[], &mut out).unwrap();
        assert_eq!(
            out,
            encode(&[at(0, &[1]), at(1, &[2, 9]), at(2, &[3]), at(6, &[1])])
        );
        // Counts: no positions follow.
        let c = |doc, n| Posting::count(doc, n);
        let mut old = Vec::new();
        remap(
            &[],
            true,
            with_steady(&[]),
            &[&c(0, 3), &c(1, 1), &c(4, 2)],
            &mut old,
        )
        .unwrap();
        let mut out = Vec::new();
        remap(
            &old,
            true,
            with_steady(&[Some(0), None, None, None, Some(3)]),
            &[],
            &mut out,
        )
        .unwrap();
        let mut want = Vec::new();
        remap(
            &[],
            true,
            with_steady(&[]),
            &[&c(0, 3), &c(3, 2)],
            &mut want,
        )
        .unwrap();
        assert_eq!(out, want);
    }

    #[test]
    fn shard_files_read_back() {
        let file = "huibianSearch.shard(\"7\",{\"改\":\"1BA0\",\"a\\\"b\":\"3\"});\n";
        let got = parse_shard(file.as_bytes(), "7").unwrap();
        let got: Vec<(String, &[u8])> = got.into_iter().map(|(k, p)| (k.into_owned(), p)).collect();
        assert_eq!(
            got,
            [
                ("改".to_string(), &b"1BA0"[..]),
                ("a\"b".to_string(), &b"3"[..])
            ]
        );
        assert!(parse_shard(file.as_bytes(), "8").is_none());
        assert!(parse_shard(&file.as_bytes()[..20], "7").is_none());
    }
}
