//! The search index updated per document (issue 26): after each kind of change a rebuild
//! updates the index from the state kept in .huibian-cache/search/ and the output equals a
//! cold build's byte for byte; a cache or an output that is not what huibian wrote is never
//! trusted (the build is cold, and correct); serve finds a word just saved.

use crate::common::{built, copy_dir, run, Site};
use crate::serve::Preview;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const CONFIG: &str = "title: 测试站\n";
const CACHE: &str = ".huibian-cache/search/index.bin";

/// Chinese text that differs per document: enough documents and text for several shards, and
/// a word frequent enough that its postings get a file of their own.
fn body(n: usize) -> String {
    let words = [
        "整改落实",
        "调查研究",
        "以学促干",
        "主题教育",
        "理论学习",
        "检视问题",
        "建章立制",
        "为民办实事",
        "基层调研",
        "专题党课",
    ];
    let mut s = String::new();
    for p in 0..12 {
        s.push_str(&format!("第{p}段：", p = p + n));
        for i in 0..30 {
            s.push_str(words[(n * 7 + p * 3 + i) % words.len()]);
            s.push_str("党建");
            s.push_str(if i % 5 == 4 { "。" } else { "，" });
        }
        s.push_str(&format!("编号{n}x{p} rust{} 成效\n\n", n % 4));
    }
    s
}

fn site(docs: usize) -> Site {
    let s = Site::new(CONFIG);
    for n in 0..docs {
        let section = ["speeches", "guides"][n % 2];
        s.doc(
            &format!("{section}/d{n:02}.md"),
            &format!(
                "title: 第{n}篇 材料\ndate: 2024-01-{:02}\ntags: [标签{}]",
                n % 28 + 1,
                n % 3
            ),
            &body(n),
        );
    }
    s
}

/// Builds into `out` with --timings; returns the search stage's name.
fn build_into(s: &Site, out: &Path) -> String {
    let o = run(&[
        "build",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--timings",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    let text = format!("{}{err}", String::from_utf8_lossy(&o.stdout));
    assert!(o.status.success(), "build failed: {text}");
    assert!(!text.contains("panicked"), "{text}");
    text.lines()
        .find_map(|l| {
            let l = l.trim();
            l.starts_with("search index")
                .then(|| l.split("  ").next().unwrap().trim().to_string())
        })
        .unwrap_or_else(|| panic!("no search stage in {text}"))
}

/// A cold build of the site as it is now, in a copy without the cache.
fn cold(s: &Site) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let copy = tempfile::tempdir().unwrap();
    for dir in ["content", "templates", "static", "themes"] {
        let from = s.root().join(dir);
        if from.exists() {
            copy_dir(&from, &copy.path().join(dir));
        }
    }
    fs::copy(
        s.root().join("config.yaml"),
        copy.path().join("config.yaml"),
    )
    .unwrap();
    let out = copy.path().join("public");
    let o = run(&[
        "build",
        "--root",
        copy.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--timings",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout);
    assert!(!t.contains("search index (updated)"), "a cold build: {t}");
    built(&out)
}

/// The output equals a cold build of the same content, file for file; named differences.
fn assert_same_as_cold(s: &Site, what: &str) {
    let got = built(&s.out());
    let want = cold(s);
    let differ: Vec<String> = want
        .keys()
        .chain(got.keys())
        .filter(|k| got.get(*k) != want.get(*k))
        .map(|k| k.display().to_string())
        .collect();
    assert!(
        differ.is_empty(),
        "{what}: differs from a cold build: {differ:?}"
    );
    assert!(
        got.keys().any(|k| k.starts_with("search/s")),
        "{what}: an index"
    );
}

fn edit(s: &Site, rel: &str, f: impl Fn(String) -> String) {
    let p = s.root().join("content").join(rel);
    let text = fs::read_to_string(&p).unwrap();
    fs::write(&p, f(text)).unwrap();
}

/// A change to the site, named.
type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);

#[test]
fn an_updated_index_equals_a_cold_build_after_every_kind_of_change() {
    let s = site(40);
    assert_eq!(build_into(&s, &s.out()), "search index");
    assert!(s.root().join(CACHE).is_file(), "the state is kept");
    assert!(
        fs::read_dir(s.out().join("search/b")).unwrap().count() > 0,
        "the fixture has keys with files of their own"
    );
    let steps: Vec<Step> = vec![
        (
            "a body edited in the middle",
            Box::new(|| {
                edit(&s, "speeches/d10.md", |t| {
                    t.replace("第15段", "第15段新增词汇甲乙丙 zyxwq")
                })
            }),
        ),
        (
            "a body edited at the end",
            Box::new(|| edit(&s, "guides/d03.md", |t| t + "\n结尾补充一句。\n")),
        ),
        (
            "a title and tags edited",
            Box::new(|| {
                edit(&s, "guides/d05.md", |t| {
                    t.replace("第5篇 材料", "改过的标题 整改")
                        .replace("标签2", "新标签")
                })
            }),
        ),
        (
            "a document added",
            Box::new(|| {
                s.doc(
                    "speeches/d10a.md",
                    "title: 新增的一篇\ndate: 2024-03-01",
                    "新增文档的正文，整改落实，独有词汇丁戊己。\n",
                );
            }),
        ),
        (
            "a document deleted",
            Box::new(|| fs::remove_file(s.root().join("content/guides/d07.md")).unwrap()),
        ),
        (
            "a document renamed",
            Box::new(|| {
                fs::rename(
                    s.root().join("content/speeches/d12.md"),
                    s.root().join("content/speeches/z12.md"),
                )
                .unwrap()
            }),
        ),
        (
            "a draft added",
            Box::new(|| {
                s.doc(
                    "guides/d20a.md",
                    "title: 草稿\ndate: 2024-03-02\ndraft: true",
                    "草稿里的词汇庚辛壬。\n",
                );
            }),
        ),
        (
            "the draft published",
            Box::new(|| {
                edit(&s, "guides/d20a.md", |t| {
                    t.replace("draft: true", "draft: false")
                })
            }),
        ),
        (
            "a document made a draft",
            Box::new(|| {
                edit(&s, "speeches/d00.md", |t| {
                    t.replace("title:", "draft: true\ntitle:")
                })
            }),
        ),
        (
            "two documents edited at once",
            Box::new(|| {
                edit(&s, "speeches/d02.md", |t| t.replace("成效", "成果"));
                edit(&s, "guides/d39.md", |t| t.replace("成效", "实效"));
            }),
        ),
    ];
    for (what, step) in steps {
        step();
        // (A draft is not in the index: adding one leaves it as it was.)
        let want = match what {
            "a draft added" => "search index (kept)",
            _ => "search index (updated)",
        };
        assert_eq!(build_into(&s, &s.out()), want, "{what}");
        assert_same_as_cold(&s, what);
    }
    // Nothing changed: the index is kept as it is.
    assert_eq!(build_into(&s, &s.out()), "search index (kept)");
    // The word added is found where search.js looks for it.
    let shards = fs::read_to_string(s.out().join("search/meta.js")).unwrap();
    assert!(shards.contains("\"count\":40"), "40 published documents");
    let files = built(&s.out());
    let holder = files
        .iter()
        .filter(|(k, _)| k.starts_with("search/s") || k.starts_with("search/b"))
        .find(|(_, v)| String::from_utf8_lossy(v).contains("\"zyxwq\":"));
    assert!(holder.is_some(), "the new word is in a shard");
}

#[test]
fn a_setting_that_changes_the_text_makes_the_build_cold() {
    let s = site(6);
    build_into(&s, &s.out());
    edit(&s, "speeches/d00.md", |t| t + "\n\"引号\" -- 破折号\n");
    s.write(
        "config.yaml",
        "title: 测试站\nmarkdown:\n  smart_punctuation: true\n",
    );
    assert_eq!(build_into(&s, &s.out()), "search index", "settings changed");
    assert_same_as_cold(&s, "smart punctuation on");
    edit(&s, "speeches/d00.md", |t| t + "\n再改一处。\n");
    assert_eq!(build_into(&s, &s.out()), "search index (updated)");
    assert_same_as_cold(&s, "after the settings change");
}

/// A change, then a build that must not trust what was tampered with: cold, correct, and the
/// state whole again for the next build.
fn cold_after(s: &Site, what: &str, n: &mut usize) {
    *n += 1;
    let k = *n;
    edit(s, "speeches/d02.md", |t| t + &format!("\n第{k}次修改。\n"));
    assert_eq!(
        build_into(s, &s.out()),
        "search index",
        "{what}: not trusted"
    );
    assert_same_as_cold(s, what);
    let meta = fs::symlink_metadata(s.root().join(CACHE)).unwrap();
    assert!(meta.is_file(), "{what}: a real file again");
    edit(s, "speeches/d02.md", |t| t + "\n再改。\n");
    assert_eq!(
        build_into(s, &s.out()),
        "search index (updated)",
        "{what}: rebuilt state"
    );
}

/// The cache file's checksum as huibian computes it (CRC-32 of the bytes, never 0).
fn checksum(bytes: &[u8]) -> u64 {
    u64::from(crc32fast::hash(bytes)).max(1)
}

#[test]
fn a_cache_that_is_not_what_huibian_wrote_is_never_trusted() {
    let s = site(8);
    build_into(&s, &s.out());
    let cache = s.root().join(CACHE);
    let good = fs::read(&cache).unwrap();
    let mut n = 0;
    // Cut short; a byte changed; text added by hand; emptied.
    fs::write(&cache, &good[..good.len() / 2]).unwrap();
    cold_after(&s, "truncated", &mut n);
    let mut bad = fs::read(&cache).unwrap();
    let at = bad.len() / 3;
    bad[at] ^= 0x20;
    fs::write(&cache, &bad).unwrap();
    cold_after(&s, "a byte changed", &mut n);
    let mut edited = fs::read(&cache).unwrap();
    edited.extend_from_slice(b"# my notes\n");
    fs::write(&cache, &edited).unwrap();
    cold_after(&s, "hand-edited", &mut n);
    fs::write(&cache, b"").unwrap();
    cold_after(&s, "empty", &mut n);
    // Whole, with a good checksum, but another version's: its version string changed.
    let mut other = fs::read(&cache).unwrap();
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let at = other
        .windows(version.len())
        .position(|w| w == version)
        .unwrap();
    other[at] = b'9';
    let body = other.len() - 8;
    let sum = checksum(&other[..body]);
    assert_eq!(
        checksum(&good[..good.len() - 8]).to_le_bytes(),
        good[good.len() - 8..],
        "checksum as huibian's"
    );
    other[body..].copy_from_slice(&sum.to_le_bytes());
    fs::write(&cache, &other).unwrap();
    cold_after(&s, "another version's", &mut n);
    // Another site's (same documents, another folder), with its output copied too.
    let t = site(8);
    build_into(&t, &t.out());
    fs::copy(t.root().join(CACHE), &cache).unwrap();
    cold_after(&s, "another site's", &mut n);
}

#[cfg(unix)]
#[test]
fn a_linked_cache_is_not_followed() {
    use std::os::unix::fs::symlink;
    let s = site(8);
    build_into(&s, &s.out());
    let cache = s.root().join(CACHE);
    let outside = tempfile::tempdir().unwrap();
    // The file a link to a good copy outside the site.
    let copy = outside.path().join("index.bin");
    fs::copy(&cache, &copy).unwrap();
    let before = fs::read(&copy).unwrap();
    fs::remove_file(&cache).unwrap();
    symlink(&copy, &cache).unwrap();
    let mut n = 0;
    cold_after(&s, "the file a link", &mut n);
    assert_eq!(
        fs::read(&copy).unwrap(),
        before,
        "the linked file is untouched"
    );
    // The folder a link to a folder outside.
    let dir = s.root().join(".huibian-cache/search");
    let elsewhere = outside.path().join("search");
    fs::create_dir(&elsewhere).unwrap();
    fs::copy(&cache, elsewhere.join("index.bin")).unwrap();
    let before = fs::read(elsewhere.join("index.bin")).unwrap();
    fs::remove_dir_all(&dir).unwrap();
    symlink(&elsewhere, &dir).unwrap();
    cold_after(&s, "the folder a link", &mut n);
    assert!(!fs::symlink_metadata(&dir).unwrap().file_type().is_symlink());
    assert_eq!(
        fs::read(elsewhere.join("index.bin")).unwrap(),
        before,
        "nothing written through the link"
    );
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 1);
}

#[test]
fn an_index_file_changed_in_the_output_is_not_patched() {
    let s = site(8);
    build_into(&s, &s.out());
    // Every shard file touched by hand: whichever the edit needs is not what was written.
    for e in fs::read_dir(s.out().join("search/s")).unwrap() {
        let p = e.unwrap().path();
        let t = fs::read_to_string(&p).unwrap();
        fs::write(&p, t.replace("});", ",\"手改\":\"1\"});")).unwrap();
    }
    let mut n = 0;
    cold_after(&s, "shards edited in the output", &mut n);
    // The document files gone from the output, and two documents deleted: the ones after
    // them are renumbered from files that are not there.
    fs::remove_dir_all(s.out().join("search/d")).unwrap();
    fs::remove_file(s.root().join("content/speeches/d00.md")).unwrap();
    fs::remove_file(s.root().join("content/guides/d07.md")).unwrap();
    assert_eq!(
        build_into(&s, &s.out()),
        "search index",
        "a file to renumber is missing"
    );
    assert_same_as_cold(&s, "a document file missing");
}

#[test]
fn two_builds_at_once_leave_a_whole_cache() {
    let s = site(12);
    build_into(&s, &s.out());
    let other = s.root().join("public2");
    for round in 0..3 {
        edit(&s, "guides/d01.md", |t| t + &format!("\n第{round}轮。\n"));
        let root = s.root().to_path_buf();
        let (a, b) = (s.out(), other.clone());
        let (r1, r2) = (root.clone(), root);
        let t1 = std::thread::spawn(move || {
            run(&[
                "build",
                "--root",
                r1.to_str().unwrap(),
                "--output",
                a.to_str().unwrap(),
            ])
        });
        let t2 = std::thread::spawn(move || {
            run(&[
                "build",
                "--root",
                r2.to_str().unwrap(),
                "--output",
                b.to_str().unwrap(),
            ])
        });
        for o in [t1.join().unwrap(), t2.join().unwrap()] {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        assert_same_as_cold(&s, "after two builds at once");
        assert_eq!(built(&other), built(&s.out()), "the other output too");
    }
    // No temporary file left, and the state is whole: the next update uses it.
    let left: Vec<_> = fs::read_dir(s.root().join(".huibian-cache/search"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["index.bin"], "{left:?}");
    edit(&s, "guides/d01.md", |t| t + "\n最后一次。\n");
    assert_eq!(build_into(&s, &s.out()), "search index (updated)");
    assert_same_as_cold(&s, "after the race");
}

/// FNV-1a over code points modulo the shards, as search.js finds a key's shard.
fn shard_of(key: &str, shards: u64) -> u64 {
    let mut h: u32 = 0x811c_9dc5;
    for c in key.chars() {
        h = (h ^ c as u32).wrapping_mul(0x0100_0193);
    }
    u64::from(h) % shards
}

#[test]
fn serve_finds_a_word_just_saved() {
    let s = site(20);
    let p = Preview::start(s.root(), &[]);
    let meta = p.wait_for("/search/meta.js", "indexed", |r| {
        r.status == 200 && r.text().contains("\"count\":20")
    });
    let shards: u64 = meta
        .text()
        .split("\"shards\":")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    for (i, word) in ["qqzzyy", "wwxxvv"].iter().enumerate() {
        let shard = shard_of(word, shards);
        edit(&s, "guides/d03.md", |t| t + &format!("\n新词{word}。\n"));
        let saved = Instant::now();
        let r = p.wait_for(&format!("/search/s/{shard}.js"), "holding the word", |r| {
            r.status == 200 && r.text().contains(&format!("\"{word}\":"))
        });
        // A whole shard file, as search.js loads it.
        let text = r.text();
        assert!(
            text.starts_with(&format!("huibianSearch.shard(\"{shard}\",{{")),
            "{text}"
        );
        assert!(text.ends_with("});\n"), "{text}");
        assert!(
            saved.elapsed() < Duration::from_secs(5),
            "round {i}: {:?}",
            saved.elapsed()
        );
    }
    // And the document gone: its words leave the index.
    fs::remove_file(s.root().join("content/guides/d03.md")).unwrap();
    let meta = p.wait_for("/search/meta.js", "19 documents", |r| {
        r.text().contains("\"count\":19")
    });
    let shards: u64 = meta
        .text()
        .split("\"shards\":")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let shard = shard_of("wwxxvv", shards);
    p.wait_for(&format!("/search/s/{shard}.js"), "without the word", |r| {
        !r.text().contains("wwxxvv")
    });
}

/// An edit in place (no document renumbered) goes through only the edited document's keys,
/// old and new, which it reads back from the document's file in the last index: a word the
/// edit removes, one it adds, a frequent key (a file of its own) that loses an occurrence, a
/// title word, all as a cold build has them.
#[test]
fn an_edit_in_place_drops_the_old_keys_and_adds_the_new() {
    let s = site(30);
    build_into(&s, &s.out());
    let steps: Vec<Step> = vec![
        (
            "a word only this document had removed, another added",
            Box::new(|| {
                edit(&s, "guides/d11.md", |t| {
                    t.replace("编号11x0", "唯一新词").replace("专题党课", "")
                })
            }),
        ),
        (
            "a title word replaced and a frequent word dropped",
            Box::new(|| {
                edit(&s, "speeches/d20.md", |t| {
                    t.replace("第20篇 材料", "换了题目").replace("党建", "")
                })
            }),
        ),
    ];
    for (what, step) in steps {
        step();
        assert_eq!(build_into(&s, &s.out()), "search index (updated)", "{what}");
        assert_same_as_cold(&s, what);
    }
}

/// The edited document's file in the output changed by hand (its keys would read wrong): not
/// trusted, the update goes through every key of the shards instead, and equals a cold build.
#[test]
fn a_document_file_changed_by_hand_is_not_read_for_its_keys() {
    let s = site(10);
    build_into(&s, &s.out());
    edit(&s, "speeches/d06.md", |t| t.replace("成效", "变化"));
    let d6 = (0..10)
        .find(|i| {
            fs::read_to_string(s.out().join(format!("search/d/{i}.js")))
                .unwrap()
                .contains("第6篇")
        })
        .unwrap();
    let q = s.out().join(format!("search/d/{d6}.js"));
    let t6 = fs::read_to_string(&q).unwrap();
    assert!(t6.contains("成效"), "{t6}");
    // Still a document file, but without the word the edit removes: read for its keys, it
    // would leave the word's old postings in the index.
    fs::write(&q, t6.replace("成效", "")).unwrap();
    assert_eq!(build_into(&s, &s.out()), "search index (updated)");
    assert_same_as_cold(&s, "the edited document's file changed by hand");
}

/// A document longer than the snippet text (100,000 characters) edited past the cut: its
/// file does not hold all the text it was indexed from, so its old keys are not read from it;
/// the word removed there is gone from the index all the same.
#[test]
fn a_document_longer_than_its_snippet_is_updated_in_full() {
    let s = site(6);
    let long: String = (0..16000)
        .map(|i| format!("第{i}句话。"))
        .collect::<String>()
        + "\n\n尾部独有词汇癸丑\n";
    assert!(long.chars().count() > 100_000);
    s.doc("guides/long.md", "title: 长文\ndate: 2024-02-02", &long);
    build_into(&s, &s.out());
    edit(&s, "guides/long.md", |t| {
        t.replace("尾部独有词汇癸丑", "尾部")
    });
    assert_eq!(build_into(&s, &s.out()), "search index (updated)");
    assert_same_as_cold(&s, "a long document edited past the cut");
    let files = built(&s.out());
    assert!(
        !files
            .iter()
            .any(|(k, v)| k.starts_with("search/s")
                && String::from_utf8_lossy(v).contains("\"癸丑\"")),
        "the removed pair is gone"
    );
}

/// The shard count from an output's meta.js.
fn shards_in(out: &Path) -> u64 {
    let meta = fs::read_to_string(out.join("search/meta.js")).unwrap();
    let at = meta.split("\"shards\":").nth(1).unwrap();
    at.split([',', '}']).next().unwrap().parse().unwrap()
}

/// The own file (search/b) holding `word`'s postings, by name.
fn own_file_of(out: &Path, word: &str) -> Option<String> {
    let entry = format!("{{\"{word}\":");
    fs::read_dir(out.join("search/b")).ok()?.find_map(|e| {
        let p = e.unwrap().path();
        let text = fs::read_to_string(&p).unwrap();
        text.contains(&entry)
            .then(|| p.file_name().unwrap().to_string_lossy().to_string())
    })
}

/// A key with a file of its own that an edit in place does not touch is not read again, but
/// its file's number moves when an edited key before it in its shard gets a file of its own,
/// or loses it: then it is read and written under its new number, as a cold build has it.
#[test]
fn an_unread_key_file_is_renumbered_when_a_key_before_it_gets_one() {
    let s = site(4);
    let many = |w: &str| format!("{w} ").repeat(14000);
    // Same length in every step, so the shard count stays.
    s.doc(
        "guides/aa.md",
        "title: 甲\ndate: 2024-02-01",
        &many("qqfill"),
    );
    s.doc(
        "guides/zz.md",
        "title: 乙\ndate: 2024-02-02",
        &many("qqlast"),
    );
    build_into(&s, &s.out());
    let shards = shards_in(&s.out());
    let later = shard_of("qqlast", shards);
    // A word before "qqlast" in its shard, and the filler elsewhere.
    let first = (b'a'..=b'k')
        .flat_map(|a| (b'a'..=b'z').map(move |b| format!("qq{}{}zz", a as char, b as char)))
        .find(|w| shard_of(w, shards) == later)
        .expect("a word in the shard");
    assert_ne!(shard_of("qqfill", shards), later, "pick another filler");
    let before = own_file_of(&s.out(), "qqlast").expect("a file of its own");
    let n: u32 = before
        .rsplit_once('_')
        .unwrap()
        .1
        .trim_end_matches(".js")
        .parse()
        .unwrap();
    edit(&s, "guides/aa.md", |t| t.replace("qqfill", &first));
    assert_eq!(build_into(&s, &s.out()), "search index (updated)");
    assert_same_as_cold(&s, "a key before an unread one got a file of its own");
    let moved = own_file_of(&s.out(), "qqlast").unwrap();
    assert_eq!(moved, format!("{later}_{}.js", n + 1), "renumbered");
    assert_eq!(own_file_of(&s.out(), &first), Some(before.clone()));
    edit(&s, "guides/aa.md", |t| t.replace(&first, "qqfill"));
    assert_eq!(build_into(&s, &s.out()), "search index (updated)");
    assert_same_as_cold(&s, "the key before it lost its file");
    assert_eq!(own_file_of(&s.out(), "qqlast"), Some(before));
}

/// The index's unchanged files are kept in bulk, but never a symlink put in place of one
/// (same bytes behind it): not kept, not listed as huibian's, not followed.
#[test]
fn a_symlink_in_place_of_an_unchanged_index_file_is_not_kept() {
    let s = site(8);
    build_into(&s, &s.out());
    let d = (0..8)
        .find(|i| {
            !fs::read_to_string(s.out().join(format!("search/d/{i}.js")))
                .unwrap()
                .contains("第5篇")
        })
        .unwrap();
    let rel = format!("search/d/{d}.js");
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("same.js");
    fs::copy(s.out().join(&rel), &copy).unwrap();
    let before = fs::read(&copy).unwrap();
    fs::remove_file(s.out().join(&rel)).unwrap();
    std::os::unix::fs::symlink(&copy, s.out().join(&rel)).unwrap();
    edit(&s, "guides/d05.md", |t| t.replace("成效", "变化"));
    let page = fs::read(s.out().join("guides/d05/index.html")).unwrap();
    let whole = built(&s.out());
    // Not kept (an index without it would miss a document), not followed, not replaced: the
    // build stops, naming the link, and the output stays as it was.
    let o = run(&[
        "build",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        s.out().to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "built over the link: {text}");
    assert!(text.contains(&rel), "names the link: {text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(fs::symlink_metadata(s.out().join(&rel))
        .unwrap()
        .is_symlink());
    assert_eq!(
        fs::read(&copy).unwrap(),
        before,
        "the link's target is untouched"
    );
    assert_eq!(
        fs::read(s.out().join("guides/d05/index.html")).unwrap(),
        page
    );
    assert!(built(&s.out()) == whole, "a file of the output changed");
    // Once the link is gone, the next build makes the file and the index whole.
    fs::remove_file(s.out().join(&rel)).unwrap();
    let how = build_into(&s, &s.out());
    assert!(s.out().join(&rel).is_file(), "{how}: {rel} made again");
    assert_same_as_cold(&s, "after the link was removed");
}

#[test]
fn an_unchanged_index_file_deleted_by_hand_is_made_again() {
    let s = site(8);
    build_into(&s, &s.out());
    let files = |dir: &str| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = fs::read_dir(s.out().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let (shards, docs) = (files("search/s"), files("search/d"));
    // Index files, one at a time, gone from the output before an edit's build: each is there
    // after it, and the index is a cold build's (whether the edit rewrites the file or not).
    let words = ["成效", "变化"];
    for (n, gone) in shards.iter().take(4).chain(docs.iter().take(4)).enumerate() {
        let (from, to) = (words[n % 2], words[(n + 1) % 2]);
        edit(&s, "guides/d05.md", |t| t.replace(from, to));
        fs::remove_file(gone).unwrap();
        build_into(&s, &s.out());
        assert!(gone.is_file(), "{} made again", gone.display());
        assert_same_as_cold(&s, &format!("{} deleted", gone.display()));
    }
}

#[test]
fn with_nothing_changed_an_index_file_deleted_by_hand_is_made_again() {
    let s = site(8);
    build_into(&s, &s.out());
    assert_eq!(build_into(&s, &s.out()), "search index (kept)");
    for gone in ["search/s/0.js", "search/d/3.js", "search/meta.js"] {
        fs::remove_file(s.out().join(gone)).unwrap();
        assert_eq!(build_into(&s, &s.out()), "search index", "{gone}");
        assert!(s.out().join(gone).is_file(), "{gone} made again");
        assert_same_as_cold(&s, &format!("{gone} deleted, nothing changed"));
        assert_eq!(build_into(&s, &s.out()), "search index (kept)");
    }
    // A link in place of one: the build stops at it, and moves nothing into the output.
    let meta = fs::read(s.out().join("search/meta.js")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("x.js");
    fs::write(&target, "别人的文件").unwrap();
    fs::remove_file(s.out().join("search/d/3.js")).unwrap();
    std::os::unix::fs::symlink(&target, s.out().join("search/d/3.js")).unwrap();
    let o = run(&[
        "build",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        s.out().to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{text}");
    assert!(text.contains("search/d/3.js"), "{text}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "别人的文件");
    assert_eq!(fs::read(s.out().join("search/meta.js")).unwrap(), meta);
}
