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
        "第一段。\n\n见[不存在](nope.md)。\n",
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/one.md:7:2: link to a missing document `nope.md`"),
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
