//! Where build, archive and publish may write: never over the site (whatever the spelling of
//! the path: `..`, `.`, symlinks, absolute), never into a folder of someone else's files, and a
//! rebuild deletes only the files a build wrote.

use crate::common::{built, copy_dir, run, snapshot, Site};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn site() -> Site {
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文一");
    s.doc("a/two.md", "title: 二\ndate: 2023-09-02", "正文二");
    s.write("static/logo.txt", "logo");
    s.write("themes/mine/templates/.keep", "");
    fs::create_dir_all(s.root().join("x/y")).unwrap();
    s
}

/// Every file of the site but its output.
fn site_files(s: &Site) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    snapshot(s.root())
        .into_iter()
        .filter(|(p, _)| !p.starts_with("public"))
        .collect()
}

#[cfg(unix)]
#[test]
fn no_spelling_of_the_site_or_its_folders_is_accepted_as_the_output() {
    let s = site();
    let root = s.root();
    let name = root.file_name().unwrap().to_str().unwrap().to_string();
    std::os::unix::fs::symlink(root, root.join("x/to-site")).unwrap();
    std::os::unix::fs::symlink(root.join("content"), root.join("x/to-content")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root, outside.path().join("site-link")).unwrap();
    let before = site_files(&s);
    let mut bad: Vec<String> = [
        ".",
        "./",
        "x/..",
        "x/../",
        "x/y/../..",
        "./x/./..",
        "content/..",
        "nope/..",
        "nope/../x/..",
        "content",
        "content/",
        "content/a",
        "content/new-folder",
        "./content/../content/a/deeper",
        "static",
        "static/sub",
        "themes",
        "themes/mine",
        "templates",
        "config.yaml",
        "x/to-site",
        "x/to-site/",
        "x/to-content",
        "x/to-content/z",
        "..",
    ]
    .iter()
    .map(|p| root.join(p).to_string_lossy().into_owned())
    .collect();
    bad.push(format!("{}/../{name}", root.display()));
    bad.push(outside.path().join("site-link").display().to_string());
    bad.push(
        outside
            .path()
            .join("site-link/content")
            .display()
            .to_string(),
    );
    for out in &bad {
        let err = s.build_err(&["--output", out]);
        assert!(
            err.contains("would replace the site's own files"),
            "{out}: {err}"
        );
        assert_eq!(site_files(&s), before, "{out} changed the site");
    }
    // Relative paths are taken from the current folder, as typed.
    for rel in ["x/..", ".", "content/../x/.."] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_huibian"))
            .env("HUIBIAN_LANG", "en")
            .current_dir(root)
            .args(["build", "--output", rel])
            .output()
            .unwrap();
        assert!(!o.status.success(), "{rel} was accepted");
        assert!(String::from_utf8_lossy(&o.stderr).contains("would replace the site's own files"));
    }
    assert_eq!(site_files(&s), before);
    // A separate folder beside them is fine.
    s.build_ok(&["--output", root.join("x/y/../site-out").to_str().unwrap()]);
    assert!(root.join("x/site-out/a/one/index.html").is_file());
}

#[test]
fn a_folder_of_someone_elses_files_is_refused_and_kept() {
    let s = site();
    let docs = s.root().join("mydocs");
    fs::create_dir_all(docs.join("sub")).unwrap();
    fs::write(docs.join("汇报.docx"), "word").unwrap();
    fs::write(docs.join("sub/index.html"), "mine").unwrap();
    let before = snapshot(&docs);
    let err = s.build_err(&["--output", docs.to_str().unwrap()]);
    assert!(err.contains("huibian did not write"), "{err}");
    assert!(err.contains("new or empty folder"), "{err}");
    assert_eq!(snapshot(&docs), before);
    // A file is no output folder.
    let file = s.root().join("x/file.txt");
    fs::write(&file, "keep").unwrap();
    let err = s.build_err(&["--output", file.to_str().unwrap()]);
    assert!(err.contains("not a folder"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep");
    // An empty folder (a mount point made beforehand) is taken.
    let empty = s.root().join("empty");
    fs::create_dir(&empty).unwrap();
    s.build_ok(&["--output", empty.to_str().unwrap()]);
    assert!(empty.join("a/one/index.html").is_file());
    assert!(empty.join(".huibian-output").is_file());
}

#[test]
fn a_rebuild_deletes_only_what_a_build_wrote() {
    let s = site();
    s.build_ok(&[]);
    let out = s.out();
    // Files an operator put into the output by hand.
    fs::write(out.join("robots-local.txt"), "mine").unwrap();
    fs::write(out.join("a/notes.docx"), "mine").unwrap();
    fs::create_dir_all(out.join("old/deep")).unwrap();
    fs::write(out.join("old/deep/keep.html"), "mine").unwrap();
    fs::remove_file(s.root().join("content/a/two.md")).unwrap();
    s.build_ok(&[]);
    assert!(
        !s.exists("a/two/index.html"),
        "a deleted document's page stays"
    );
    assert!(s.exists("a/one/index.html"));
    for f in ["robots-local.txt", "a/notes.docx", "old/deep/keep.html"] {
        assert_eq!(s.read(f), "mine", "{f} was touched");
    }
    // A file of the operator's where the build now puts one: an error, and it stays.
    s.write("static/robots-local.txt", "from static");
    let err = s.build_err(&[]);
    assert!(err.contains("did not write"), "{err}");
    assert_eq!(s.read("robots-local.txt"), "mine");
    // A damaged mark is said, not guessed at.
    fs::remove_file(s.root().join("static/robots-local.txt")).unwrap();
    fs::write(out.join(".huibian-output"), "garbage").unwrap();
    let err = s.build_err(&[]);
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(s.read("a/notes.docx"), "mine");
}

#[cfg(unix)]
#[test]
fn a_symlink_planted_in_the_output_does_not_lead_writes_or_deletes_out() {
    let s = site();
    s.doc("b/three.md", "title: 三\ndate: 2023-09-03", "正文三");
    s.build_ok(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    fs::create_dir_all(elsewhere.path().join("three")).unwrap();
    fs::write(elsewhere.path().join("three/index.html"), "other").unwrap();
    fs::write(elsewhere.path().join("index.html"), "other").unwrap();
    let before = snapshot(elsewhere.path());
    // The section folder of the output replaced by a link to someone else's folder.
    fs::remove_dir_all(s.out().join("b")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), s.out().join("b")).unwrap();
    s.doc("b/three.md", "title: 三改\ndate: 2023-09-03", "正文三改");
    let err = s.build_err(&[]);
    assert!(err.contains("did not write"), "{err}");
    assert_eq!(
        snapshot(elsewhere.path()),
        before,
        "written through the link"
    );
    // Deleting the document: its old page behind the link is not deleted either.
    fs::remove_file(s.root().join("content/b/three.md")).unwrap();
    let _ = s.build(&[]);
    assert_eq!(
        snapshot(elsewhere.path()),
        before,
        "deleted through the link"
    );
}

#[cfg(unix)]
#[test]
fn a_folder_of_the_output_replaced_by_a_link_to_its_copy_is_not_kept() {
    // The index's shard folder, a page's folder, a section's folder, the search folder: each
    // replaced by a link to a copy of itself, bytes the same, and the site unchanged. A rebuild
    // could keep every file as it is, through the link: it must not (the output would hold a
    // link huibian never made, to files it does not own). It says so, and changes nothing.
    for folder in ["search/s", "a/one", "a", "search"] {
        let s = site();
        s.build_ok(&[]);
        let elsewhere = tempfile::tempdir().unwrap();
        let copy = elsewhere.path().join("copy");
        copy_dir(&s.out().join(folder), &copy);
        fs::remove_dir_all(s.out().join(folder)).unwrap();
        std::os::unix::fs::symlink(&copy, s.out().join(folder)).unwrap();
        let before = snapshot(elsewhere.path());
        let err = s.build_err(&[]);
        assert!(err.contains("did not write"), "{folder}: {err}");
        assert!(
            fs::symlink_metadata(s.out().join(folder))
                .unwrap()
                .file_type()
                .is_symlink(),
            "{folder}: the link is left as it was"
        );
        assert_eq!(
            snapshot(elsewhere.path()),
            before,
            "{folder}: the copy changed"
        );
        // Put back as a real folder, the next build goes through.
        fs::remove_file(s.out().join(folder)).unwrap();
        copy_dir(&copy, &s.out().join(folder));
        s.build_ok(&[]);
    }
}

#[test]
fn two_builds_at_once_leave_one_whole_output() {
    let s = site();
    for i in 0..30 {
        s.doc(
            &format!("a/d{i}.md"),
            &format!("title: 文档{i}\ndate: 2023-09-01"),
            "正文",
        );
    }
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_huibian"))
            .env("HUIBIAN_LANG", "en")
            .args(["build", "--quiet", "--root", s.root().to_str().unwrap()])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for c in [a, b] {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let together = snapshot(&s.out());
    fs::remove_dir_all(s.out()).unwrap();
    s.build_ok(&[]);
    let alone = snapshot(&s.out());
    assert_eq!(
        together.keys().collect::<Vec<_>>(),
        alone.keys().collect::<Vec<_>>()
    );
    let leftovers: Vec<_> = fs::read_dir(s.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("huibian-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

fn archive(root: &Path, args: &[&str]) -> std::process::Output {
    run(&[&["archive", "--root", root.to_str().unwrap()], args].concat())
}

#[cfg(unix)]
#[test]
fn archive_never_writes_over_the_sites_files_or_a_zip_it_did_not_make() {
    let s = site();
    let root = s.root();
    std::os::unix::fs::symlink(root.join("content/a/one.md"), root.join("x/link.md")).unwrap();
    let before = site_files(&s);
    for bad in [
        "content/a/one.md",
        "content/a/new.zip",
        "content/x.zip",
        "x/../content/a/one.md",
        "config.yaml",
        "static/site.zip",
        "themes/mine/a.zip",
        "x/link.md",
        "x",
        ".",
    ] {
        let out = root.join(bad);
        for force in [&[][..], &["--force"][..]] {
            let o = archive(
                root,
                &[&["--output", out.to_str().unwrap()], force].concat(),
            );
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(!o.status.success(), "{bad} {force:?} accepted");
            assert!(!err.contains("panicked"), "{err}");
        }
        assert_eq!(site_files(&s), before, "{bad} changed the site");
    }
    // --force replaces a huibian archive, not someone else's zip.
    let zip = root.join("x/campaign.zip");
    let o = archive(root, &["--output", zip.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = archive(root, &["--output", zip.to_str().unwrap(), "--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let theirs = root.join("x/theirs.zip");
    fs::write(&theirs, b"PK\x05\x06not really").unwrap();
    let o = archive(root, &["--output", theirs.to_str().unwrap(), "--force"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("not an archive huibian made"), "{err}");
    assert_eq!(fs::read(&theirs).unwrap(), b"PK\x05\x06not really");
}

#[test]
fn publish_to_the_site_is_refused_in_every_spelling() {
    let s = site();
    let before = site_files(&s);
    for bad in [".", "x/..", "content", "content/a", "static", "nope/.."] {
        let to = s.root().join(bad);
        let o = run(&[
            "publish",
            "--root",
            s.root().to_str().unwrap(),
            "--to",
            to.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{bad} accepted");
        assert!(
            err.contains("would replace the site's own files"),
            "{bad}: {err}"
        );
    }
    assert_eq!(site_files(&s), before);
}

#[test]
fn an_alias_or_file_onto_a_generated_page_is_an_error_naming_both() {
    for (alias, what) in [
        ("/404.html", "the 404 page"),
        ("/archive/", "the archive page"),
        ("/archive", "the archive page"),
        ("/archive/index.html", "the archive page"),
        ("/search/", "the search page"),
        ("/tags/", "the list of tags"),
        ("/tags/xue-xi/", "term 学习"),
        ("/a/page/2/", "page 2 of the section a"),
        ("/b/", "page 1 of the section b"),
    ] {
        let s = Site::new("title: t\npaginate: 1\n");
        s.doc(
            "a/one.md",
            "title: 一\ndate: 2023-09-01\ntags: [学习]",
            "正文一",
        );
        s.doc("a/two.md", "title: 二\ndate: 2023-09-02", "正文二");
        s.doc(
            "b/three.md",
            &format!("title: 三\ndate: 2023-09-03\naliases: [\"{alias}\"]"),
            "正文三",
        );
        let err = s.build_err(&[]);
        assert!(
            err.contains("content/b/three.md") && err.contains("the alias") && err.contains(what),
            "{alias}: {err}"
        );
        // check says it too.
        let o = run(&["check", "--root", s.root().to_str().unwrap()]);
        assert!(!o.status.success(), "{alias}: check passed");
    }
    // A static file onto the search index's files.
    let s = site();
    s.write("static/search/s/0.js", "x");
    let err = s.build_err(&[]);
    assert!(err.contains("search index"), "{err}");
}

/// Files and folders beside the output (a build's staging and set-aside folders start with a
/// dot and the output's name).
fn beside(s: &Site) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(s.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    v.sort();
    v
}

/// Every folder under `dir`, with its permissions (a folder put back has its own; the times
/// of the folders a step renamed in move, as any rename there moves them).
fn folders(dir: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            let m = e.metadata().unwrap();
            let what = format!("{:?}", m.permissions());
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), what)
        })
        .collect()
}

/// A build of the site into a new folder: what a rebuild must come to.
fn fresh_build(s: &Site) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let fresh = tempfile::tempdir().unwrap();
    let out = fresh.path().join("out");
    let root = s.root().to_str().unwrap();
    let o = run(&["build", "--root", root, "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    built(&out)
}

/// `build` with the commit's step `n` failing on purpose, and the undo's last step too when
/// `undo_fails`.
fn failing_build(s: &Site, n: usize, undo_fails: bool) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibian"));
    c.env("HUIBIAN_LANG", "en")
        .env("HUIBIAN_TEST_COMMIT_FAILS_AT", n.to_string())
        .args(["build", "--root", s.root().to_str().unwrap()]);
    if undo_fails {
        c.env("HUIBIAN_TEST_UNDO_FAILS", "1");
    }
    c.output().unwrap()
}

#[test]
fn a_rebuild_that_fails_while_moving_files_in_puts_the_output_back_as_it_was() {
    let s = site();
    s.doc("b/three.md", "title: 三\ndate: 2023-09-03", "正文三");
    s.doc(
        "b/four.md",
        "title: 四\ndate: 2023-09-04\ntags: [甲]",
        "正文四",
    );
    s.write("static/files/report", "a file that becomes a folder");
    s.write("static/files/old/x.txt", "a folder that becomes a file");
    s.build_ok(&[]);
    let out = s.out();
    fs::write(out.join("mine.txt"), "mine").unwrap();
    // (A folder the rebuild removes, with a mode of its own: taken back, it has it still.)
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(out.join("b/three"), fs::Permissions::from_mode(0o750)).unwrap();
    }
    // A rebuild with every kind of step: pages replaced, new pages in new folders (a new
    // section, a new tag), deleted documents' pages and the folders they leave, a file that
    // becomes a folder and a folder that becomes a file.
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "改过的正文一");
    fs::remove_file(s.root().join("static/files/report")).unwrap();
    s.write("static/files/report/a.txt", "now in a folder");
    fs::remove_dir_all(s.root().join("static/files/old")).unwrap();
    s.write("static/files/old", "now a file");
    fs::remove_file(s.root().join("content/a/two.md")).unwrap();
    fs::remove_file(s.root().join("content/b/three.md")).unwrap();
    s.doc(
        "c/five.md",
        "title: 五\ndate: 2023-09-05\ntags: [乙]",
        "正文五",
    );
    let (files, dirs) = (snapshot(&out), folders(&out));
    let mut failed_at = 0;
    for n in 1.. {
        let o = failing_build(&s, n, false);
        if o.status.success() {
            break;
        }
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains("HUIBIAN_TEST_COMMIT_FAILS_AT"),
            "step {n}: {err}"
        );
        assert!(
            err.contains("the previous output is unchanged"),
            "step {n}: {err}"
        );
        assert!(
            snapshot(&out) == files,
            "step {n}: the output's files changed"
        );
        assert_eq!(
            folders(&out),
            dirs,
            "step {n}: the output's folders changed"
        );
        assert!(
            beside(&s).is_empty(),
            "step {n}: left beside: {:?}",
            beside(&s)
        );
        failed_at = n;
    }
    assert!(failed_at > 10, "only {failed_at} steps tried");
    // The build that went through is the build anyone gets.
    assert!(s.read("a/one/index.html").contains("改过的正文一"));
    assert!(!s.exists("a/two/index.html") && !s.exists("b/three/index.html"));
    assert!(s.exists("c/five/index.html"));
    assert_eq!(s.read("files/report/a.txt"), "now in a folder");
    assert_eq!(s.read("files/old"), "now a file");
    assert_eq!(s.read("mine.txt"), "mine");
    assert!(beside(&s).is_empty(), "{:?}", beside(&s));
    let mut now = built(&out);
    now.remove(Path::new("mine.txt"));
    assert!(now == fresh_build(&s), "differs from a fresh build");
}

/// A build killed half-way leaves its staging folder (or the one a rebuild sets old files
/// aside in) beside the output; the next build clears it, and nothing else named like it.
#[cfg(unix)]
#[test]
fn the_next_build_clears_what_a_killed_build_left_beside_the_output_and_only_that() {
    let s = site();
    s.build_ok(&[]);
    let root = s.root();
    let left = |name: &str, marked: bool| {
        let d = root.join(name);
        fs::create_dir_all(d.join("a/one")).unwrap();
        fs::write(d.join("a/one/index.html"), "half a build").unwrap();
        if marked {
            fs::write(d.join(".huibian-staging"), "").unwrap();
        }
        d
    };
    let killed = [
        left(".public.huibian-tmp-Ab12Cd", true),
        left(".public.huibian-old-Zz9999", true),
    ];
    // Named like them but not huibian's: no mark, a file, a link to a marked folder, another
    // output's (it has its own builds), a name that only contains the pattern.
    let theirs = [
        left(".public.huibian-tmp-mine01", false),
        left(".other.huibian-tmp-Ab12Cd", true),
        left("x.public.huibian-tmp-Ab12Cd", true),
    ];
    fs::write(root.join(".public.huibian-tmp-afile"), "a file").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("marked");
    fs::create_dir_all(&target).unwrap();
    fs::write(target.join(".huibian-staging"), "").unwrap();
    std::os::unix::fs::symlink(&target, root.join(".public.huibian-tmp-link01")).unwrap();
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "改过");
    s.build_ok(&[]);
    for d in &killed {
        assert!(!d.exists(), "{} stays", d.display());
    }
    for d in &theirs {
        assert_eq!(
            fs::read_to_string(d.join("a/one/index.html")).unwrap(),
            "half a build"
        );
    }
    assert_eq!(
        fs::read_to_string(root.join(".public.huibian-tmp-afile")).unwrap(),
        "a file"
    );
    assert!(root
        .join(".public.huibian-tmp-link01")
        .symlink_metadata()
        .is_ok());
    assert!(target.join(".huibian-staging").exists());
    // The build's own folders are gone too, and its mark never reaches the output.
    let beside: Vec<String> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.huibian-"))
        .collect();
    assert_eq!(beside.len(), 3, "{beside:?}");
    assert!(!s.exists(".huibian-staging"));
    let fresh = Site::new("title: t\n");
    fresh.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文");
    fresh.build_ok(&[]);
    assert!(
        !fresh.exists(".huibian-staging"),
        "a first build's output has the mark"
    );
}

/// When taking a failed commit back fails too, the build does not say the output is
/// unchanged: it says it is partly updated, and the next build puts it in order.
#[test]
fn a_commit_that_cannot_be_taken_back_says_the_output_is_partly_updated() {
    let s = site();
    s.build_ok(&[]);
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "改过的正文一");
    s.doc("c/five.md", "title: 五\ndate: 2023-09-05", "正文五");
    for n in [2, 5] {
        let o = failing_build(&s, n, true);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "step {n}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains("HUIBIAN_TEST_COMMIT_FAILS_AT"),
            "step {n}: {err}"
        );
        assert!(err.contains("could not be put back"), "step {n}: {err}");
        assert!(
            err.contains("the output is partly updated"),
            "step {n}: {err}"
        );
        assert!(!err.contains("unchanged"), "step {n}: {err}");
    }
    s.build_ok(&[]);
    assert!(built(&s.out()) == fresh_build(&s), "not put in order");
    assert!(beside(&s).is_empty(), "{:?}", beside(&s));
}
