//! `huibian publish` under mistakes and races: one publish at a time per folder (an OS lock
//! that a killed run does not leave behind), releases that never mix, and nothing deleted or
//! replaced that huibian did not make (a hand-made `current`, a user's `releases/v1.0/`).

use crate::common::{run, snapshot, Site};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `huibian publish --root <site> --to <to> <args>`, with `HUIBIAN_TEST_NO_SYMLINKS` set when
/// `folder_mode` (the file-by-file mode of shares without symlinks).
fn publish_cmd(root: &Path, to: &Path, args: &[&str], folder_mode: bool) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibian"));
    c.env("HUIBIAN_LANG", "en")
        .args(["publish", "--root", root.to_str().unwrap()])
        .args(["--to", to.to_str().unwrap()])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if folder_mode {
        c.env("HUIBIAN_TEST_NO_SYMLINKS", "1");
    }
    c
}

fn publish(s: &Site, to: &Path, args: &[&str]) -> Output {
    publish_cmd(s.root(), to, args, false).output().unwrap()
}

fn ok(o: &Output) -> String {
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "publish failed:\n{stderr}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "should have failed:\n{stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    stderr
}

fn site(title: &str, rel: &str, body: &str) -> Site {
    let s = Site::new(&format!("title: {title}\n"));
    s.doc(rel, "title: 文件\ndate: 2023-09-01", body);
    s
}

/// Every file and symlink under `dir` (symlinks not followed): bytes, or the link's target.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = snapshot(dir);
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path_is_symlink() {
            let target = fs::read_link(e.path()).unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            all.insert(rel, format!("-> {}", target.display()).into_bytes());
        }
    }
    all
}

/// Fails naming the paths that differ (a tree's bytes are too long to print).
fn same(after: &BTreeMap<PathBuf, Vec<u8>>, before: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
    let differ: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: changed {differ:?}");
}

/// The release folders huibian lists, in --list's order.
fn listed(to: &Path) -> Vec<String> {
    let o = run(&["publish", "--to", to.to_str().unwrap(), "--list"]);
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.get(2..)?.split_whitespace().next().map(String::from))
        .collect()
}

fn current(to: &Path) -> String {
    fs::read_link(to.join("current"))
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Which of the two sites' titles the HTML pages under `dir` carry; a mixture has both.
fn titles_in(dir: &Path) -> (bool, bool) {
    let pages: Vec<String> = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(pages.len() > 3, "{}: too few pages", dir.display());
    (
        pages.iter().any(|p| p.contains("甲站")),
        pages.iter().any(|p| p.contains("乙站")),
    )
}

#[test]
fn two_publishes_started_at_once_never_mix_their_pages() {
    let a = site("甲站", "speeches/jia.md", "甲站的正文。\n");
    let b = site("乙站", "guides/yi.md", "乙站的正文。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    let mut names = Vec::new();
    for _ in 0..3 {
        let ca = publish_cmd(a.root(), &to, &[], false).spawn().unwrap();
        let cb = publish_cmd(b.root(), &to, &[], false).spawn().unwrap();
        let outs = [
            ca.wait_with_output().unwrap(),
            cb.wait_with_output().unwrap(),
        ];
        for o in outs.iter().filter(|o| !o.status.success()) {
            let e = err(o);
            assert!(e.contains("another huibian publish"), "{e}");
            assert!(e.contains("nothing was changed"), "{e}");
        }
        for o in outs.iter().filter(|o| o.status.success()) {
            let out = ok(o);
            let name = out.split("releases/").nth(1).unwrap().split(':').next();
            names.push(name.unwrap().to_string());
        }
        assert!(outs.iter().any(|o| o.status.success()), "neither published");
        let (jia, yi) = titles_in(&to.join("current"));
        assert!(jia != yi, "current mixes both sites' pages");
        assert!(to.join("current/speeches/jia/index.html").exists() == jia);
        assert!(to.join("current/guides/yi/index.html").exists() == yi);
    }
    let mut distinct = names.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        names.len(),
        "one release name twice: {names:?}"
    );
    let releases = entries(&to.join("releases"));
    assert!(releases.iter().all(|n| !n.starts_with('.')), "{releases:?}");
    for r in releases {
        let (jia, yi) = titles_in(&to.join("releases").join(&r));
        assert!(jia != yi, "release {r} mixes both sites' pages");
    }
}

/// Holds huibian's publish lock on `to` the way another publish would (an OS lock).
fn hold_lock(to: &Path) -> fs::File {
    let f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(to.join(".huibian-publish.lock"))
        .unwrap();
    f.lock().unwrap();
    f
}

#[test]
fn a_publish_or_rollback_while_another_publish_runs_is_refused_and_changes_nothing() {
    let s = site("甲站", "speeches/jia.md", "正文。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    ok(&publish(&s, &to, &[]));
    ok(&publish(&s, &to, &[]));
    let before = tree(&to);
    let lock = hold_lock(&to);
    // The same folder reached through a symlink is the same lock.
    let alias = www.path().join("alias");
    std::os::unix::fs::symlink(&to, &alias).unwrap();
    for dir in [&to, &alias] {
        let e = err(&publish(&s, dir, &[]));
        assert!(e.contains("another huibian publish"), "{e}");
        assert!(e.contains(&dir.display().to_string()), "{e}");
        let e = err(&run(&[
            "publish",
            "--to",
            dir.to_str().unwrap(),
            "--rollback",
        ]));
        assert!(e.contains("another huibian publish"), "{e}");
    }
    same(&tree(&to), &before, "the publish folder");
    drop(lock);
    ok(&publish(&s, &alias, &[]));
    assert_eq!(listed(&to).len(), 3);
}

#[test]
fn a_killed_publish_leaves_no_stale_lock_and_its_half_built_release_is_cleared() {
    let s = Site::new("title: 大站\n");
    for i in 0..300 {
        s.doc(
            &format!("speeches/d{i}.md"),
            &format!("title: 文件{i}\ndate: 2023-09-01"),
            &"学习贯彻主题教育的正文。\n".repeat(40),
        );
    }
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    // A user's own dot folder in releases/, named like huibian's temporary ones.
    fs::create_dir_all(to.join("releases/.building-notes")).unwrap();
    fs::write(to.join("releases/.building-notes/todo.txt"), "mine").unwrap();
    let caught = (0..5).any(|_| {
        let mut child = publish_cmd(s.root(), &to, &[], false).spawn().unwrap();
        let started = std::time::Instant::now();
        let half_built = || {
            entries(&to.join("releases"))
                .iter()
                .any(|n| n.starts_with(".building-2"))
        };
        while !half_built() && child.try_wait().unwrap().is_none() {
            assert!(started.elapsed().as_secs() < 60);
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        let killed = child.try_wait().unwrap().is_none() && child.kill().is_ok();
        child.wait().unwrap();
        killed && half_built()
    });
    assert!(caught, "could not kill a publish while it was building");
    assert!(!to.join("current").exists());
    // A later publish (another second, another release name) …
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // The dead process's lock went with it: the next publish runs and clears its leftover.
    ok(&publish(&s, &to, &[]));
    let left = entries(&to.join("releases"));
    let dots: Vec<&String> = left.iter().filter(|n| n.starts_with('.')).collect();
    assert_eq!(dots, [".building-notes"], "{left:?}");
    assert_eq!(
        fs::read(to.join("releases/.building-notes/todo.txt")).unwrap(),
        b"mine"
    );
}

/// A `current` that is not huibian's: how to make it, and what else it involves.
fn foreign_current(kind: &str, www: &Path, to: &Path) {
    let cur = to.join("current");
    let outside = www.join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("index.html"), "另一个站点").unwrap();
    match kind {
        "folder" => {
            fs::create_dir_all(cur.join("旧/附件")).unwrap();
            fs::write(cur.join("index.html"), "<h1>旧站</h1>").unwrap();
            fs::write(cur.join("旧/附件/通知.pdf"), b"%PDF-1.4 old").unwrap();
        }
        "file" => fs::write(&cur, "not a folder").unwrap(),
        "link elsewhere" => std::os::unix::fs::symlink(&outside, &cur).unwrap(),
        "link to a user's release" => {
            fs::create_dir_all(to.join("releases/v1.0")).unwrap();
            fs::write(to.join("releases/v1.0/index.html"), "v1").unwrap();
            std::os::unix::fs::symlink("releases/v1.0", &cur).unwrap();
        }
        _ => unreachable!(),
    }
}

#[test]
fn a_current_huibian_did_not_make_is_refused_and_kept_byte_for_byte() {
    let s = site("甲站", "speeches/jia.md", "正文。\n");
    let cases = [
        ("folder", false),
        ("folder", true),
        ("file", false),
        ("file", true),
        ("link elsewhere", false),
        ("link to a user's release", false),
    ];
    for (kind, folder_mode) in cases {
        let www = tempfile::tempdir().unwrap();
        let to = www.path().join("site");
        fs::create_dir_all(&to).unwrap();
        foreign_current(kind, www.path(), &to);
        let before = tree(www.path());
        let o = publish_cmd(s.root(), &to, &[], folder_mode)
            .output()
            .unwrap();
        let e = err(&o);
        assert!(e.contains("current"), "{kind}: {e}");
        assert!(e.contains("huibian did not make"), "{kind}: {e}");
        assert!(
            e.contains("mv "),
            "{kind}: the way to migrate is missing: {e}"
        );
        let mut after = tree(www.path());
        after.retain(|p, _| !p.ends_with(".huibian-publish.lock"));
        same(&after, &before, kind);
        let made: Vec<String> = entries(&to.join("releases"))
            .into_iter()
            .filter(|n| n != "v1.0")
            .collect();
        assert!(made.is_empty(), "{kind}: {made:?}");
    }
}

#[test]
fn a_users_folders_in_releases_survive_keep_1_and_are_not_listed_or_rolled_back_to() {
    let s = site("甲站", "speeches/jia.md", "正文。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    ok(&publish(&s, &to, &[]));
    let first = listed(&to);
    assert_eq!(first.len(), 1);
    let rel = to.join("releases");
    // A user's release, a folder merely named like one, and a copy of a real release.
    fs::create_dir_all(rel.join("v1.0")).unwrap();
    fs::write(rel.join("v1.0/index.html"), "v1").unwrap();
    fs::create_dir_all(rel.join("20000101-000000")).unwrap();
    fs::write(rel.join("20000101-000000/index.html"), "手工").unwrap();
    let copy = Command::new("cp")
        .arg("-a")
        .arg(rel.join(&first[0]))
        .arg(rel.join("20000102-000000"))
        .status()
        .unwrap();
    assert!(copy.success());
    let theirs = || -> BTreeMap<PathBuf, Vec<u8>> {
        tree(&rel)
            .into_iter()
            .filter(|(p, _)| {
                ["v1.0", "20000101-000000", "20000102-000000"]
                    .iter()
                    .any(|d| p.starts_with(d))
            })
            .collect()
    };
    let before = theirs();
    assert!(before.len() > 10);
    s.doc(
        "speeches/jia.md",
        "title: 文件\ndate: 2023-09-01",
        "改过。\n",
    );
    let out = ok(&publish(&s, &to, &["--keep", "1"]));
    assert!(out.contains(&format!("pruned: {}", first[0])), "{out}");
    same(&theirs(), &before, "a user's folder");
    let now = listed(&to);
    assert_eq!(now.len(), 1, "{now:?}");
    assert_eq!(current(&to), format!("releases/{}", now[0]));
    let e = err(&run(&[
        "publish",
        "--to",
        to.to_str().unwrap(),
        "--rollback",
    ]));
    assert!(e.contains("nothing to roll back to"), "{e}");
    assert_eq!(current(&to), format!("releases/{}", now[0]));
}

#[test]
fn a_link_made_before_release_markers_is_switched_but_its_release_kept() {
    let s = site("甲站", "speeches/jia.md", "正文。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    let old = to.join("releases/20231120-093000");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("index.html"), "旧版发布").unwrap();
    std::os::unix::fs::symlink("releases/20231120-093000", to.join("current")).unwrap();
    let before = tree(&old);
    let out = ok(&publish(&s, &to, &["--keep", "1"]));
    assert!(!out.contains("pruned"), "{out}");
    let now = listed(&to);
    assert_eq!(now.len(), 1, "{now:?}");
    assert_eq!(current(&to), format!("releases/{}", now[0]));
    same(&tree(&old), &before, "the unmarked release");
}

#[test]
fn keep_0_is_refused_before_anything_is_published() {
    let s = site("甲站", "speeches/jia.md", "正文。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    ok(&publish(&s, &to, &[]));
    let before = tree(&to);
    let e = err(&publish(&s, &to, &["--keep", "0"]));
    assert!(e.contains("--keep 0"), "{e}");
    assert!(e.contains("--keep 1"), "{e}");
    same(&tree(&to), &before, "the publish folder");
}

#[test]
fn a_releases_folder_that_is_a_symlink_is_refused_and_its_target_untouched() {
    let s = site("甲站", "speeches/jia.md", "正文。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    let elsewhere = www.path().join("elsewhere");
    fs::create_dir_all(elsewhere.join("20000101-000000")).unwrap();
    fs::write(elsewhere.join("20000101-000000/a.txt"), "别处").unwrap();
    fs::create_dir_all(&to).unwrap();
    std::os::unix::fs::symlink(&elsewhere, to.join("releases")).unwrap();
    let before = tree(www.path());
    let e = err(&publish(&s, &to, &["--keep", "1"]));
    assert!(e.contains("releases"), "{e}");
    assert!(e.contains("symlink"), "{e}");
    let mut after = tree(www.path());
    after.retain(|p, _| !p.ends_with(".huibian-publish.lock"));
    same(&after, &before, "the symlinked releases");
}

#[test]
fn folder_mode_deletes_and_replaces_only_the_files_it_wrote() {
    let s = Site::new("title: 甲站\n");
    s.doc("speeches/a.md", "title: 甲\ndate: 2023-09-01", "正文甲。\n");
    s.doc("guides/b.md", "title: 乙\ndate: 2023-09-02", "正文乙。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    let folder = |args: &[&str]| publish_cmd(s.root(), &to, args, true).output().unwrap();
    let out = ok(&folder(&[]));
    assert!(out.contains("not atomic"), "{out}");
    let cur = to.join("current");
    assert!(cur.join("guides/b/index.html").is_file());
    assert!(!cur.is_symlink());
    assert!(!cur.join(".huibian-release").exists());
    // Files the web master put in current/ by hand.
    fs::create_dir_all(cur.join("uploads")).unwrap();
    fs::write(cur.join("uploads/通知.pdf"), b"%PDF-1.4 hand").unwrap();
    fs::write(cur.join("guides/hand.html"), "手写").unwrap();
    fs::remove_file(s.root().join("content/guides/b.md")).unwrap();
    let out = ok(&folder(&[]));
    assert!(out.contains("- guides/b/index.html"), "{out}");
    assert!(!cur.join("guides/b/index.html").exists());
    assert!(cur.join("speeches/a/index.html").is_file());
    assert_eq!(
        fs::read(cur.join("uploads/通知.pdf")).unwrap(),
        b"%PDF-1.4 hand"
    );
    assert_eq!(
        fs::read_to_string(cur.join("guides/hand.html")).unwrap(),
        "手写"
    );
    // A site file where a hand-made file is: refused, nothing changed.
    s.write("static/uploads/通知.pdf", "%PDF-1.4 site");
    s.doc("speeches/a.md", "title: 甲\ndate: 2023-09-01", "改过。\n");
    let before = tree(&cur);
    let e = err(&folder(&[]));
    assert!(e.contains("uploads/通知.pdf"), "{e}");
    assert!(e.contains("huibian did not write"), "{e}");
    same(&tree(&cur), &before, "current/");
    // Nor is anything written through a link of the web master's inside current/.
    fs::remove_file(s.root().join("static/uploads/通知.pdf")).unwrap();
    let outside = www.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, cur.join("files")).unwrap();
    s.write("static/files/a.txt", "site");
    let e = err(&folder(&[]));
    assert!(e.contains(": files;"), "{e}");
    assert!(entries(&outside).is_empty());
}

/// Every entry under `dir`, links not followed: (site path, is a link, inode, bytes of a file).
#[cfg(unix)]
fn entries_under(dir: &Path) -> Vec<(String, bool, u64, Vec<u8>)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let m = e.path().symlink_metadata().unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = if m.is_file() {
                fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (rel, m.file_type().is_symlink(), m.ino(), bytes)
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn links_planted_in_the_served_release_are_not_carried_into_the_next() {
    // A file replaced by a link to the same bytes outside, and folders (the index's shards, a
    // page's, a section's) replaced by links to copies outside with one file changed.
    for (what, folder) in [
        ("style.css", false),
        ("search/s", true),
        ("speeches/jia", true),
        ("speeches", true),
    ] {
        let s = site("甲站", "speeches/jia.md", "正文整改落实。\n");
        let www = tempfile::tempdir().unwrap();
        let to = www.path().join("site");
        ok(&publish(&s, &to, &[]));
        let served = to.join(current(&to));
        let planted = served.join(what);
        let outside = www.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        let copy = outside.join("copy");
        let cp = Command::new("cp")
            .arg("-a")
            .arg(&planted)
            .arg(&copy)
            .status()
            .unwrap();
        assert!(cp.success());
        if folder {
            let first = walkdir::WalkDir::new(&copy)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .find(|e| e.file_type().is_file())
                .unwrap();
            fs::write(first.path(), "alert('EVIL')").unwrap();
            fs::remove_dir_all(&planted).unwrap();
        } else {
            fs::remove_file(&planted).unwrap();
        }
        std::os::unix::fs::symlink(&copy, &planted).unwrap();
        let before = entries_under(&outside);
        let theirs: Vec<u64> = before.iter().map(|e| e.2).collect();
        ok(&publish(&s, &to, &[]));
        let new = to.join(current(&to));
        assert_ne!(new, served, "{what}: a new release");
        let made = entries_under(&new);
        assert!(made.len() > 10, "{what}: {made:?}");
        for (rel, link, ino, bytes) in &made {
            assert!(!link, "{what}: the new release holds a link at {rel}");
            assert!(
                !theirs.contains(ino),
                "{what}: {rel} is the outside copy's file"
            );
            assert!(
                !String::from_utf8_lossy(bytes).contains("EVIL"),
                "{what}: {rel} holds the planted text"
            );
        }
        assert!(
            made.iter().any(|(rel, ..)| rel == what),
            "{what}: not in the new release"
        );
        assert_eq!(
            entries_under(&outside),
            before,
            "{what}: the outside copy changed"
        );
    }
}

/// The tree of `to` without the lock file, whose holder a run writes into it.
fn unlocked(to: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut t = tree(to);
    t.remove(Path::new(".huibian-publish.lock"));
    t
}

/// Files put into `current/` by hand (a verification file, an upload) stay on the site through
/// every later publish, as `build` keeps such files in its output; none is lost to `--keep`.
#[test]
fn files_put_into_current_by_hand_are_carried_into_each_new_release_and_never_pruned_away() {
    let s = site("甲站", "speeches/jia.md", "正文。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    ok(&publish(&s, &to, &[]));
    let cur = to.join("current");
    fs::write(cur.join("google123.html"), "google-site-verification").unwrap();
    fs::create_dir_all(cur.join("uploads/2023")).unwrap();
    fs::write(cur.join("uploads/2023/report.pdf"), "%PDF-1.4 报告").unwrap();
    let theirs = [
        ("google123.html", "google-site-verification"),
        ("uploads/2023/report.pdf", "%PDF-1.4 报告"),
    ];
    // A dry run says so and changes nothing (but the lock file's holder).
    let before = unlocked(&to);
    let out = ok(&publish(&s, &to, &["--dry-run"]));
    assert!(
        out.contains("kept 2 files put into current/ by hand"),
        "{out}"
    );
    same(&unlocked(&to), &before, "a dry run");
    for round in 0..2 {
        s.doc(
            "speeches/jia.md",
            "title: 文件\ndate: 2023-09-01",
            &format!("改过 {round}。\n"),
        );
        let out = ok(&publish(&s, &to, &["--keep", "1"]));
        assert!(
            out.contains("kept 2 files put into current/ by hand"),
            "{out}"
        );
        assert!(
            out.contains("google123.html, uploads/2023/report.pdf"),
            "{out}"
        );
        assert!(
            !out.contains("- google123.html"),
            "said to be removed: {out}"
        );
        assert!(out.contains("pruned: "), "{out}");
        assert!(!out.contains("kept releases/"), "{out}");
        for (f, text) in theirs {
            assert_eq!(
                fs::read_to_string(cur.join(f)).unwrap(),
                text,
                "round {round}: {f}"
            );
        }
        assert!(fs::read_to_string(cur.join("speeches/jia/index.html"))
            .unwrap()
            .contains(&format!("改过 {round}")));
        assert_eq!(listed(&to).len(), 1);
    }
    // A file put by hand into an older release (not served): that release outlives --keep,
    // and says why.
    ok(&publish(&s, &to, &["--keep", "3"]));
    let older = current(&to);
    fs::write(to.join(&older).join("notes.txt"), "手写的说明").unwrap();
    s.doc(
        "speeches/jia.md",
        "title: 文件\ndate: 2023-09-01",
        "再改。\n",
    );
    ok(&publish(&s, &to, &["--keep", "3"]));
    // (The served release's own hand-put files are carried; remove this one from the new one.)
    fs::remove_file(cur.join("notes.txt")).unwrap();
    s.doc(
        "speeches/jia.md",
        "title: 文件\ndate: 2023-09-01",
        "三改。\n",
    );
    let out = ok(&publish(&s, &to, &["--keep", "1"]));
    let name = older.trim_start_matches("releases/");
    assert!(
        out.contains(&format!("kept releases/{name} past --keep")) && out.contains("notes.txt"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(to.join(&older).join("notes.txt")).unwrap(),
        "手写的说明"
    );
    // A file put by hand where the site now has one stops the publish; nothing changes.
    s.write("static/google123.html", "the site's own");
    let before = unlocked(&to);
    let e = err(&publish(&s, &to, &[]));
    assert!(e.contains("google123.html") && e.contains("static/"), "{e}");
    same(
        &unlocked(&to),
        &before,
        "a publish stopped by a file in the way",
    );
}

/// What publish does not carry from `current/` (a link, a name that is not UTF-8), and what it
/// cannot tell apart (a release whose list of its own files is damaged or gone), is said, and
/// the release that holds it outlives `--keep`; a folder made by hand is carried.
#[cfg(unix)]
#[test]
fn what_publish_cannot_carry_from_current_is_said_and_kept_past_keep() {
    use std::os::unix::ffi::OsStrExt;
    for damage in ["none", "garbled", "deleted"] {
        let s = site("甲站", "speeches/jia.md", "正文。\n");
        let www = tempfile::tempdir().unwrap();
        let to = www.path().join("site");
        ok(&publish(&s, &to, &[]));
        let served = to.join(current(&to));
        let cur = to.join("current");
        fs::create_dir_all(cur.join(".well-known")).unwrap();
        std::os::unix::fs::symlink("/srv/downloads", cur.join("dl")).unwrap();
        let odd = std::ffi::OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.txt"); // 报告 in GBK
        fs::write(cur.join(odd), "GBK 名字").unwrap();
        fs::write(cur.join("upload.pdf"), "precious").unwrap();
        match damage {
            "garbled" => {
                let list = served.join(".huibian-files");
                let mut text = fs::read(&list).unwrap();
                text.push(b'x');
                fs::write(&list, text).unwrap();
            }
            "deleted" => fs::remove_file(served.join(".huibian-files")).unwrap(),
            _ => {}
        }
        s.doc(
            "speeches/jia.md",
            "title: 文件\ndate: 2023-09-01",
            "改过。\n",
        );
        let out = ok(&publish(&s, &to, &["--keep", "1"]));
        let old = served.file_name().unwrap().to_str().unwrap().to_string();
        assert!(out.contains("not in the new release"), "{damage}: {out}");
        assert!(
            out.contains("dl") && out.contains(".txt"),
            "{damage}: {out}"
        );
        assert!(
            out.contains(&format!("kept releases/{old} past --keep")),
            "{damage}: {out}"
        );
        // Nothing lost: the old release has all of it still.
        assert_eq!(
            fs::read_link(served.join("dl")).unwrap(),
            Path::new("/srv/downloads")
        );
        assert_eq!(fs::read_to_string(served.join(odd)).unwrap(), "GBK 名字");
        assert_eq!(
            fs::read_to_string(served.join("upload.pdf")).unwrap(),
            "precious"
        );
        if damage == "none" {
            // A plain file and a folder go on; the link and the odd name do not.
            assert_eq!(
                fs::read_to_string(cur.join("upload.pdf")).unwrap(),
                "precious"
            );
            assert!(cur.join(".well-known").is_dir(), "{out}");
            assert!(
                out.contains("kept 1 files put into current/ by hand"),
                "{out}"
            );
        } else {
            assert!(out.contains("upload.pdf"), "{damage}: {out}");
        }
        assert!(cur.join("dl").symlink_metadata().is_err());
    }
}

/// A release being pruned is first renamed out of the releases and emptied with its marker
/// last: what a publish killed on the way leaves is cleared by the next one, and a folder named
/// like it that is not huibian's stays.
#[test]
fn a_release_half_pruned_by_a_killed_publish_is_cleared_by_the_next() {
    let s = site("甲站", "speeches/jia.md", "正文。\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    ok(&publish(&s, &to, &[]));
    let rel = to.join("releases");
    let served = to.join(current(&to));
    let name = served.file_name().unwrap().to_str().unwrap().to_string();
    // Half of a pruned release, its marker still there; and a look-alike without one.
    let half = rel.join(format!(".building-pruned-{name}-999"));
    let cp = Command::new("cp")
        .arg("-a")
        .arg(&served)
        .arg(&half)
        .status()
        .unwrap();
    assert!(cp.success());
    fs::remove_dir_all(half.join("speeches")).unwrap();
    let mine = rel.join(".building-pruned-mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "mine").unwrap();
    s.doc(
        "speeches/jia.md",
        "title: 文件\ndate: 2023-09-01",
        "改过。\n",
    );
    let out = ok(&publish(&s, &to, &["--keep", "1"]));
    assert!(out.contains(&format!("pruned: {name}")), "{out}");
    assert!(!half.exists(), "the half-pruned release stays");
    assert_eq!(fs::read_to_string(mine.join("notes.txt")).unwrap(), "mine");
    let left: Vec<String> = entries(&rel)
        .into_iter()
        .filter(|n| n.starts_with(".building-"))
        .collect();
    assert_eq!(left, [".building-pruned-mine"], "{left:?}");
}

/// A dry run into a folder never published to leaves no trace: not the folder (nor its
/// missing parents), not `releases/`, not the lock, not its temporary build; it still says
/// what the publish would do, and the real publish then does it.
#[test]
fn a_dry_run_where_nothing_was_published_writes_nothing() {
    let s = site("草稿预演", "speeches/jia.md", "预演正文。");
    let www = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dry = |to: &Path| {
        let o = publish_cmd(s.root(), to, &["--dry-run"], false)
            .env("TMPDIR", tmp.path())
            .output()
            .unwrap();
        ok(&o)
    };
    // A folder not made yet, and one under a parent not made yet either.
    for to in [www.path().join("site"), www.path().join("new/www/site")] {
        let out = dry(&to);
        assert!(out.contains("would publish releases/"), "{out}");
        assert!(out.contains("+ speeches/jia/index.html"), "{out}");
        assert!(!to.exists(), "{} was made", to.display());
        assert!(!www.path().join("new").exists());
    }
    // An empty folder stays empty; one holding someone's files keeps exactly those.
    let empty = www.path().join("empty");
    fs::create_dir(&empty).unwrap();
    ok(&publish_cmd(s.root(), &empty, &["--dry-run"], false)
        .env("TMPDIR", tmp.path())
        .output()
        .unwrap());
    assert_eq!(fs::read_dir(&empty).unwrap().count(), 0);
    let theirs = www.path().join("theirs");
    fs::create_dir_all(theirs.join("old")).unwrap();
    fs::write(theirs.join("old/index.html"), "旧站").unwrap();
    let entries = |d: &Path| -> Vec<PathBuf> {
        walkdir::WalkDir::new(d)
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .collect()
    };
    let (before, files) = (entries(&theirs), snapshot(&theirs));
    assert!(dry(&theirs).contains("+ speeches/jia/index.html"));
    assert_eq!(entries(&theirs), before);
    assert_eq!(snapshot(&theirs), files);
    // (Its own temporary build is gone too.)
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
    // The publish itself then makes the folder and serves the page.
    let to = www.path().join("site");
    ok(&publish(&s, &to, &[]));
    assert!(
        fs::read_to_string(to.join("current/speeches/jia/index.html"))
            .unwrap()
            .contains("预演正文")
    );
}
