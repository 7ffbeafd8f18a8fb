//! The index's unit tests: what every key's postings must be, however the documents are split
//! among builders and batches, and wherever the runs wait.

use super::format::{first_varint, varint};
use super::join::OwnFile;
use super::run::Held;
use super::*;
use crate::search::{tokens, TITLE_SPAN};
use std::collections::BTreeMap;
use std::fs::File;
use std::sync::{Arc, Mutex};

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
    let words = Shared::new(shards, budget, vec![std::env::temp_dir()]);
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
        let big: Vec<(String, Vec<u8>)> = big.into_iter().map(|a| (a.key, a.postings)).collect();
        for (k, _) in entries.iter().chain(&big) {
            assert_eq!(
                crate::search::shard_of(k, shards),
                shard,
                "{k} in its shard"
            );
        }
        for (n, (k, _)) in big.iter().enumerate() {
            let (key, shard) = (k.clone(), shard);
            apart.lock().unwrap().push(OwnFile { key, shard, n });
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
    let words = Shared::new(3, 0, vec![std::env::temp_dir()]);
    let mut b = Builder::new(&words);
    // A file open for reading only: every spill fails.
    let read_only = tempfile::NamedTempFile::new().unwrap();
    let f = File::open(read_only.path()).unwrap();
    b.runs.file = Some(Arc::new(Mutex::new(f)));
    for doc in 0..50u32 {
        b.add(doc, "", &"整改落实，以学促干。".repeat(200));
    }
    let got = join::<SpillError>(vec![b], &words, usize::MAX, &|_, _, _| Ok(()));
    assert!(got.is_err(), "the failed write is reported");
}

#[test]
fn postings_are_varints_with_deltas() {
    let words = Shared::new(1, usize::MAX, vec![std::env::temp_dir()]);
    let mut b = Builder::new(&words);
    b.add(0, "", "整");
    b.add(37, "", "整");
    b.finish();
    let Held::Memory(run) = &b.runs.list[0] else {
        panic!("in memory")
    };
    let i = run
        .keys
        .iter()
        .position(|k| k.key == ShardKey::new(0, Key::one('整')))
        .unwrap();
    // doc 0 once (0·2 + 1), its position (1024 = 32·32); doc 37 once, as the delta 36:
    // 36·2 + 1 = 73 = 2·32 + 9, its position
    assert_eq!(run.postings(i), b"1BA0C9BA0");
    b.add(38, "", "整，整");
    b.finish();
    let Held::Memory(run) = &b.runs.list[1] else {
        panic!("in memory")
    };
    let i = run
        .keys
        .iter()
        .position(|k| k.key == ShardKey::new(0, Key::one('整')))
        .unwrap();
    // Twice: 38·2 + 0 = 76 = 2·32 + 12 (c), the count, the first position, the next one 2 on
    assert_eq!(run.postings(i), b"Cc2BA02");
    assert_eq!(format::text(Key::one('整'), &words.words), "整");
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
    let words = Shared::new(3, budget, spill_dirs);
    // (Leaked: a test's words outlive its builder.)
    let words: &'static Shared = Box::leak(Box::new(words));
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
fn joined(b: Builder, words: &Shared) -> BTreeMap<String, Vec<u8>> {
    let all = Mutex::new(BTreeMap::new());
    join::<SpillError>(vec![b], words, 0, &|_, small, own| {
        assert!(small.is_empty(), "every key is big");
        let own = own.into_iter().map(|a| (a.key, a.postings));
        all.lock().unwrap().extend(own);
        Ok(())
    })
    .unwrap();
    all.into_inner().unwrap()
}

#[test]
fn runs_join_in_document_order() {
    let b = many(usize::MAX);
    assert!(b.runs.list.len() > 1, "several runs for the final read");
    let words = b.shared;
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
    let words = b.shared;
    let want = joined(b, words);
    // A budget of a few runs: the oldest runs go to the file, the newest stay.
    for budget in [0, 200_000] {
        let b = many(budget);
        let on_disk = b
            .runs
            .list
            .iter()
            .filter(|r| matches!(r, Held::Disk(_)))
            .count();
        assert!(on_disk > 0, "runs were written out");
        if budget > 0 {
            assert!(
                on_disk < b.runs.list.len(),
                "the newest runs stayed in memory"
            );
            assert!(b.runs.in_memory <= budget, "{} held", b.runs.in_memory);
        }
        let words = b.shared;
        assert_eq!(joined(b, words), want, "budget {budget}");
    }
}

#[test]
fn a_temporary_folder_that_fails_falls_back_to_the_next() {
    let b = many(usize::MAX);
    let words = b.shared;
    let want = joined(b, words);
    let missing = PathBuf::from("/nonexistent/huibian-test");
    let output = tempfile::tempdir().unwrap();
    let b = many_in(0, vec![missing.clone(), output.path().to_path_buf()]);
    assert!(b.runs.failed.is_none(), "the second folder took the file");
    assert!(b.runs.list.iter().all(|r| matches!(r, Held::Disk(_))));
    let words = b.shared;
    assert_eq!(joined(b, words), want);
    // (The file has no name: nothing is left in the folder.)
    assert_eq!(std::fs::read_dir(output.path()).unwrap().count(), 0);
    // No folder takes it: the build fails, saying why.
    let b = many_in(0, vec![missing]);
    let words = b.shared;
    let got = join::<SpillError>(vec![b], words, usize::MAX, &|_, _, _| Ok(()));
    assert!(matches!(got, Err(SpillError(e)) if e.kind() == std::io::ErrorKind::NotFound));
}
