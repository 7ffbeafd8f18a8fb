//! Nothing is lost: a failed build leaves the previous output intact, stale files go, drafts
//! stay out unless asked for, and the output never replaces the site's own folders.

use crate::common::{snapshot, Site};

/// Staging or old-output folders a build left beside the output.
fn staging_leftovers(root: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        // (The site's cache folder, .huibian-cache, is no staging folder.)
        .filter(|n| n.contains("huibian-") && n != ".huibian-cache")
        .collect()
}

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
    let leftovers = staging_leftovers(s.root());
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

/// Modification times of every output file.
fn mtimes(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, std::time::SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_rebuild_touches_only_the_files_whose_bytes_changed() {
    let s = site();
    s.doc("a/three.md", "title: 三\ndate: 2023-09-03", "正文三");
    s.build_ok(&[]);
    let first = snapshot(&s.out());
    let times = mtimes(&s.out());
    // Coarse file systems store mtimes in whole seconds or less.
    std::thread::sleep(std::time::Duration::from_millis(1100));

    // Nothing changed: every file is left as it was, search index included.
    s.build_ok(&[]);
    assert_eq!(snapshot(&s.out()), first);
    assert_eq!(
        mtimes(&s.out()),
        times,
        "an unchanged rebuild rewrote files"
    );

    // One body edited: its page and the search index change; other documents' pages do not.
    s.doc("a/three.md", "title: 三\ndate: 2023-09-03", "改过的正文三");
    s.build_ok(&[]);
    let after = mtimes(&s.out());
    let changed: Vec<String> = after
        .iter()
        .filter(|(p, t)| times.get(*p) != Some(t))
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect();
    assert!(
        changed.contains(&"a/three/index.html".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.contains(&"search/meta.js".to_string()),
        "index rebuilt: {changed:?}"
    );
    assert!(
        !changed.contains(&"a/one/index.html".to_string()),
        "{changed:?}"
    );
    assert!(!changed.contains(&"style.css".to_string()), "{changed:?}");
    assert!(s.read("a/three/index.html").contains("改过的正文三"));
    let meta = s.read("search/meta.js");
    assert!(meta.starts_with("/* huibian search index "), "{meta}");

    // A document removed: its files go, and the index no longer lists it.
    std::fs::remove_file(s.root().join("content/a/three.md")).unwrap();
    s.build_ok(&[]);
    assert!(!s.exists("a/three/index.html") && !s.out().join("a/three").exists());
    assert!(s.read("search/meta.js").contains("\"count\":2"));
    let leftovers = staging_leftovers(s.root());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn raw_html_is_sanitised_unless_the_site_says_otherwise() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/x.md",
        "title: \"<script>alert('title')</script>标题\"\ndate: 2023-09-01\nunit: \"<b onclick=x>单位</b>\"",
        "正文<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\"> [点我](javascript:alert(3)) <a href=\"data:text/html,x\">d</a>\n\n<iframe src=\"http://x/\"></iframe><object data=\"x\"></object><embed src=\"x\"><form action=\"x\"><input name=\"q\"></form>\n\n保留：<u>下划线</u>H<sub>2</sub>O x<sup>2</sup> 第一行<br>第二行 <span class=\"zhongdian\">重点</span> <img alt=\"点\" src=\"data:image/png;base64,iVBORw0KGgo=\">\n\n| 甲 | 乙 |\n|:-:|---|\n| 1 | 2 |\n",
    );
    s.build_ok(&[]);
    let page = s.read("a/x/index.html");
    let body = page.split("<div class=\"doc-body\">").nth(1).unwrap();
    for gone in [
        "<script",
        "alert(1)",
        "onerror",
        "alert(2)",
        "javascript:",
        "data:text/html",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<input",
        "onclick",
    ] {
        assert!(!body.contains(gone), "{gone} reached the page:\n{body}");
    }
    for kept in [
        "<u>下划线</u>",
        "<sub>2</sub>",
        "<sup>2</sup>",
        "<br>",
        "<span class=\"zhongdian\">重点</span>",
        "src=\"data:image/png;base64,iVBORw0KGgo=\"",
        "<th style=\"text-align: center\">甲</th>",
        "点我",
    ] {
        assert!(body.contains(kept), "{kept} lost:\n{body}");
    }
    // Front matter values are text wherever templates print them.
    assert!(
        !page.contains("<script>alert('title')"),
        "the title is escaped"
    );
    assert!(
        page.contains("&lt;script&gt;") || page.contains("&lt;script"),
        "{}",
        &page[..600]
    );
    assert!(!page.contains("<b onclick"), "the unit is escaped");

    // A site that wants raw HTML says so, and every build says that it is on.
    s.write("config.yaml", "title: t\nmarkdown:\n  unsafe_html: true\n");
    let out = s.build(&[]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsafe_html is on"));
    assert!(s
        .read("a/x/index.html")
        .contains("<script>alert(1)</script>"));
}

#[test]
fn hostile_names_stay_inside_the_output_and_work_on_windows() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/con.md",
        "title: 设备名\ndate: 2023-09-01\ntags: [\"../../etc\", \"a:b*c?\", \"CON\", \"点结尾.\", \"x/y\", \"..\", \"<script>\"]\nunit: NUL",
        "正文。\n",
    );
    s.build_ok(&[]);
    let out = s.out();
    for (rel, _) in crate::common::snapshot(&out) {
        for seg in rel.iter() {
            let seg = seg.to_string_lossy();
            assert!(
                huibian::source::slug::windows_unsafe(&seg).is_none(),
                "unsafe output name {}",
                rel.display()
            );
        }
    }
    // Nothing was written outside the output folder.
    assert!(!s.root().join("etc").exists() && !out.parent().unwrap().join("etc").exists());
    assert!(s.exists("tags/con-1/index.html") && s.exists("unit/nul-1/index.html"));
    // The file name `con` does not become the URL: the title's pinyin does.
    assert!(s.exists("a/she-bei-ming/index.html"));

    // Given names that Windows cannot open are refused with the reason.
    for (slug, why) in [("aux", "Windows"), ("end.", "Windows"), ("a:b", "Windows")] {
        s.doc(
            "a/con.md",
            &format!("title: 设备名\ndate: 2023-09-01\nslug: \"{slug}\""),
            "正文。\n",
        );
        let err = s.build_err(&[]);
        assert!(err.contains(why) && err.contains("con.md"), "{slug}: {err}");
    }
    s.doc("a/con.md", "title: 设备名\ndate: 2023-09-01", "正文。\n");
    s.write(
        "content/a/con/index.md",
        "---\ntitle: 附件\ndate: 2023-09-01\n---\n正文\n",
    );
    s.write("content/a/con/bad:name.pdf", "x");
    let err = s.build_err(&[]);
    assert!(
        err.contains("bad:name.pdf") && err.contains("cannot be opened on Windows"),
        "{err}"
    );
}

#[test]
fn symlinks_are_followed_inside_the_site_only_and_loops_are_caught() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: 外面\ndate: 2023-09-01\n---\n机密\n",
    )
    .unwrap();
    let s = site();
    // Inside the site: followed (a shared document linked into a second section).
    s.doc(
        "shared/common.md",
        "title: 共用\ndate: 2023-09-03",
        "共用正文",
    );
    symlink(
        s.root().join("content/shared/common.md"),
        s.root().join("content/a/common-link.md"),
    )
    .unwrap();
    s.build_ok(&[]);
    assert!(s.read("a/common-link/index.html").contains("共用正文"));

    // Outside: an error naming the link; nothing from outside is published.
    symlink(
        outside.path().join("secret.md"),
        s.root().join("content/a/leak.md"),
    )
    .unwrap();
    symlink(outside.path(), s.root().join("content/a/leakdir")).unwrap();
    let before = snapshot(&s.out());
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/leak.md") && err.contains("outside the site folder"),
        "{err}"
    );
    assert!(err.contains("content/a/leakdir"), "{err}");
    assert_eq!(snapshot(&s.out()), before);
    std::fs::remove_file(s.root().join("content/a/leak.md")).unwrap();
    std::fs::remove_file(s.root().join("content/a/leakdir")).unwrap();

    // A loop: caught and named, not followed forever.
    symlink(s.root().join("content/a"), s.root().join("content/a/again")).unwrap();
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/again") && err.contains("loops"),
        "{err}"
    );
}

/// A huge text file in the site (a dump saved as .md) is said, not read into memory whole;
/// the other documents' problems are still listed.
#[test]
fn a_huge_document_is_an_error_naming_it() {
    let s = site();
    let f = std::fs::File::create(s.root().join("content/a/huge.md")).unwrap();
    f.set_len(100 << 20).unwrap(); // sparse: costs no disk
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/huge.md") && err.contains("at most 64 MB"),
        "{err}"
    );
    let o = crate::common::run(&["check", "--root", s.root().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("content/a/huge.md"));
}
