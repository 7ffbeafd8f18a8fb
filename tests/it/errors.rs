//! Bad input: clear messages with file:line:column and what to do; never a panic.

use crate::common::Site;

#[test]
fn front_matter_error_names_the_file_line() {
    let s = Site::new("title: t\n");
    s.doc(
        "speeches/a.md",
        "title: 讲话\ndate: 2023-09-01\ntittle: 重复",
        "正文",
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/speeches/a.md:4:1: unknown front matter key `tittle`"),
        "{err}"
    );
    assert!(err.contains("did you mean `title`?"), "{err}");
}

#[test]
fn every_bad_document_is_reported_at_once_numbered() {
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-02-30", "");
    s.doc("a/two.md", "date: 2023-09-01", "");
    s.doc(
        "a/three.md",
        "title: 三\ndate: 2023-09-01\nweight: 很重",
        "",
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains("  1. error:") && err.contains("  3. error:"),
        "{err}"
    );
    assert!(
        err.contains("content/a/one.md:3:1: `date: 2023-02-30` is not a date"),
        "{err}"
    );
    assert!(
        err.contains("content/a/two.md:2:1: the front matter has no `title`"),
        "{err}"
    );
    assert!(err.contains("content/a/three.md:4:1: `weight`"), "{err}");
}

#[test]
fn duplicate_url_names_both_files() {
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01\nslug: same", "");
    s.doc("a/two.md", "title: 二\ndate: 2023-09-01\nslug: same", "");
    let err = s.build_err(&[]);
    assert!(
        err.contains("two documents would both be published at /a/same/"),
        "{err}"
    );
    assert!(err.contains("one.md") && err.contains("two.md"), "{err}");
}

#[test]
fn slug_with_path_separators_is_refused() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/one.md",
        "title: 一\ndate: 2023-09-01\nslug: ../../etc",
        "",
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/one.md") && err.contains("contains `/`"),
        "{err}"
    );
}

#[test]
fn link_to_missing_document_is_an_error_with_its_line() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/one.md",
        "title: 一\ndate: 2023-09-01",
        "第一段。\n\n见[不存在](nope.md)。\n\n## 小节\n\n跳到[别处](#没有)。\n",
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/one.md:7:2: link to a missing document `nope.md`"),
        "{err}"
    );
    // (The build lets each body go once rendered; the positions were taken before.)
    assert!(
        err.contains("content/a/one.md:11:3: link to `#没有`, a heading that does not exist"),
        "{err}"
    );
}

#[test]
fn config_unknown_key_suggests_the_nearest() {
    let s = Site::new("title: t\npaginat: 5\n");
    let err = s.build_err(&[]);
    assert!(
        err.contains("config.yaml:2:1: unknown field `paginat`"),
        "{err}"
    );
    assert!(err.contains("did you mean `paginate`?"), "{err}");
}

#[test]
fn missing_config_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let o = crate::common::run(&["build", "--root", dir.path().to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("config.yaml") && err.contains("huibian init"),
        "{err}"
    );
}

#[test]
fn template_error_names_template_and_line() {
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "");
    s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.no_such_field }}\n{% endblock content %}\n");
    let err = s.build_err(&[]);
    assert!(err.contains("templates/page.html:3:"), "{err}");
}

#[test]
fn invalid_utf8_and_unclosed_front_matter() {
    let s = Site::new("title: t\n");
    std::fs::create_dir_all(s.root().join("content/a")).unwrap();
    std::fs::write(
        s.root().join("content/a/gbk.md"),
        b"---\ntitle: \xbd\xb2\xbb\xb0\n---\n",
    )
    .unwrap();
    s.write("content/a/open.md", "---\ntitle: 没有结束\n正文");
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/gbk.md")
            && err.contains("not valid UTF-8")
            && err.contains("huibian import"),
        "{err}"
    );
    assert!(
        err.contains("content/a/open.md:1:1: the front matter is never closed"),
        "{err}"
    );
}

#[test]
fn link_to_a_draft_says_it_is_a_draft() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/one.md",
        "title: 一\ndate: 2023-09-01",
        "见[草稿](two.md)。\n",
    );
    s.doc("a/two.md", "title: 二\ndate: 2023-09-01\ndraft: true", "");
    let err = s.build_err(&[]);
    assert!(err.contains("a draft left out of this build"), "{err}");
    s.build_ok(&["--drafts"]);
}

#[test]
fn a_content_file_never_replaces_a_generated_page() {
    let s = Site::new("title: t\n");
    s.write(
        "content/a/one/index.md",
        "---\ntitle: 一\ndate: 2023-09-01\n---\n",
    );
    s.write("content/a/one/index.html", "<p>stray</p>");
    let err = s.build_err(&[]);
    assert!(err.contains("content/a/one/index.html: this file would replace the generated page /a/one/index.html"), "{err}");
}

#[test]
fn template_load_errors_name_the_template_line_and_column() {
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "");
    s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | nofilter }}\n{% endblock content %}\n");
    let err = s.build_err(&[]);
    assert!(
        err.contains("templates/page.html:3:17: template error: Unknown filter `nofilter`"),
        "{err}"
    );
}

#[test]
fn awkward_but_valid_input_builds_correct_pages() {
    let s = Site::new("title: t\n");
    // A byte-order mark and Windows line ends.
    s.write(
        "content/a/bom.md",
        "\u{feff}---\r\ntitle: 带BOM\r\ndate: 2023-09-01\r\n---\r\n第一行\r\n第二行\r\n",
    );
    // Lists nested 60 deep.
    let mut nested = String::new();
    for depth in 0..60 {
        nested.push_str(&format!("{}- 第{depth}层\n", "  ".repeat(depth)));
    }
    s.doc("a/nested.md", "title: 嵌套\ndate: 2023-09-02", &nested);
    // A 20 MB document.
    let big = "这是一段很长的正文，用来检查二十兆字节的文档也能正常生成页面。\n\n"
        .repeat(20 * 1024 * 1024 / 96);
    s.doc("a/big.md", "title: 大文档\ndate: 2023-09-03", &big);
    s.build_ok(&[]);
    assert!(
        s.read("a/bom/index.html").contains("第一行第二行"),
        "BOM and CRLF handled"
    );
    assert!(s.read("a/nested/index.html").contains("第59层"));
    let page = s.read("a/big/index.html");
    assert!(page.len() > 20_000_000 && page.contains("二十兆字节"));
}

#[test]
fn an_empty_file_and_a_folder_of_ten_thousand_files_get_clear_answers() {
    let s = Site::new("title: t\n");
    s.write("content/a/empty.md", "");
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/empty.md") && err.contains("front matter"),
        "{err}"
    );
    std::fs::remove_file(s.root().join("content/a/empty.md")).unwrap();
    for i in 0..10_000 {
        s.write(
            &format!("content/many/d{i:05}.md"),
            &format!("---\ntitle: 文档{i}\ndate: 2023-09-01\n---\n正文{i}\n"),
        );
    }
    s.build_ok(&[]);
    assert!(s.exists("many/d09999/index.html"));
}

#[test]
fn an_unreadable_document_is_an_error_naming_it_and_the_output_stays() {
    use std::os::unix::fs::PermissionsExt;
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文");
    s.build_ok(&[]);
    let before = crate::common::snapshot(&s.out());
    s.doc("a/secret.md", "title: 二\ndate: 2023-09-01", "正文");
    let p = s.root().join("content/a/secret.md");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file; as root, a document deleted behind its link stands in for it.
    if std::fs::read(&p).is_ok() {
        std::fs::remove_file(&p).unwrap();
        std::os::unix::fs::symlink(s.root().join("content/a/gone.md"), &p).unwrap();
    }
    let err = s.build_err(&[]);
    assert!(err.contains("content/a/secret.md"), "{err}");
    assert!(
        err.contains("cannot read") || err.contains("leads nowhere"),
        "{err}"
    );
    assert_eq!(crate::common::snapshot(&s.out()), before);
}

#[test]
fn a_full_disk_is_an_error_and_the_previous_output_stays() {
    let disk = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            "size=400k",
            "tmpfs",
            disk.path().to_str().unwrap(),
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("SKIPPED: cannot mount a small tmpfs here (needs root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _u = Unmount(disk.path().to_path_buf());
    let out = disk.path().join("public");
    let s = Site::new("title: t\nsearch: false\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文");
    s.build_ok(&["--output", out.to_str().unwrap()]);
    let before = crate::common::snapshot(&out);
    s.doc(
        "a/big.md",
        "title: 大\ndate: 2023-09-02",
        &"很长的正文。".repeat(40_000),
    );
    let err = s.build_err(&["--output", out.to_str().unwrap()]);
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(
        crate::common::snapshot(&out),
        before,
        "the previous output changed"
    );
    let left: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "staging left behind: {left:?}");
}

#[test]
fn common_yaml_mistakes_say_what_to_do() {
    let s = Site::new("title: t\n");
    // A full-width colon from the input method, on the line before the one the parser
    // stops at.
    s.doc(
        "a/colon.md",
        "title: 一\ndate：2023-09-01\nunit: 办公室",
        "",
    );
    s.doc("a/value.md", "title: 学习心得: 体会\ndate: 2023-09-01", "");
    s.doc("a/star.md", "title: **局长讲话\ndate: 2023-09-01", "");
    s.doc("a/tab.md", "title: 四\n\tdate: 2023-09-01", "");
    s.doc(
        "a/list.md",
        "title: 五\ndate: 2023-09-01\ntags: [学习, 调研",
        "",
    );
    s.doc("a/at.md", "title: @某人\ndate: 2023-09-01", "");
    let err = s.build_err(&[]);
    for (file, hint) in [
        (
            "a/colon.md",
            "line 3: `date：` has a full-width colon (：); YAML needs an ASCII colon and a space: `date: …`",
        ),
        (
            "a/value.md",
            "a value with a colon and a space in it needs quotes: `title: \"…\"`",
        ),
        ("a/star.md", "a value starting with * or & needs quotes"),
        ("a/tab.md", "YAML indents with spaces"),
        ("a/list.md", "close the list with ]"),
        ("a/at.md", "a value starting with @, ` or % needs quotes"),
    ] {
        // The hint is printed under its own file's error.
        let at = err
            .find(&format!("content/{file}:"))
            .unwrap_or_else(|| panic!("{file} not reported: {err}"));
        let block = &err[at..];
        let block = &block[..block.find("error:").unwrap_or(block.len())];
        assert!(block.contains(hint), "{file}: {hint}\n{err}");
    }
}
