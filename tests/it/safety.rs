//! Nothing is lost: a failed build leaves the previous output intact, stale files go, drafts
//! stay out unless asked for, and the output never replaces the site's own folders.

use crate::common::{snapshot, Site};

fn site() -> Site {
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文一");
    s.doc("a/two.md", "title: 二\ndate: 2023-09-02", "正文二");
    s
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let s = site();
    s.build_ok(&[]);
    let before = snapshot(&s.out());
    assert!(before.len() > 10);
    s.doc("a/three.md", "title: 三\ndate: not a date", "");
    s.doc("a/one.md", "title: 一改\ndate: 2023-09-01", "改过的正文");
    s.build_err(&[]);
    assert_eq!(snapshot(&s.out()), before);
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("huibian-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn deleted_documents_leave_no_stale_files() {
    let s = site();
    s.build_ok(&[]);
    assert!(s.exists("a/two/index.html"));
    std::fs::remove_file(s.root().join("content/a/two.md")).unwrap();
    s.build_ok(&[]);
    assert!(!s.exists("a/two/index.html"));
    assert!(s.exists("a/one/index.html"));
}

#[test]
fn drafts_absent_unless_asked_for() {
    let s = site();
    s.doc(
        "a/draft.md",
        "title: 草稿文件\ndate: 2023-09-03\ndraft: true",
        "未定稿",
    );
    s.build_ok(&[]);
    assert!(!s.exists("a/draft/index.html"));
    for f in [
        "index.html",
        "a/index.html",
        "archive/index.html",
        "sitemap.xml",
        "atom.xml",
    ] {
        assert!(!s.read(f).contains("草稿文件"), "draft listed in {f}");
    }
    s.build_ok(&["--drafts"]);
    assert!(s
        .read("a/draft/index.html")
        .contains("class=\"badge\">草稿"));
}

#[test]
fn output_may_not_replace_the_site() {
    let s = site();
    for bad in [".", "content", "content/x"] {
        let out = s.root().join(bad);
        let err = s.build_err(&["--output", out.to_str().unwrap()]);
        assert!(
            err.contains("would replace the site's own files"),
            "{bad}: {err}"
        );
    }
    assert!(s.root().join("content/a/one.md").exists());
}
