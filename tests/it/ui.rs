//! What readers of either shipped theme get: both themes built into the binary (a site without
//! themes/ sets `theme: gongwen`), overridden file by file by a site's own copy; and, in
//! Chromium, full-width Chinese quotation marks and a keyboard-usable page.

use crate::common::{run, Site};

fn builtin(theme: &str, path: &str) -> &'static str {
    huibian::render::builtin::THEMES
        .iter()
        .find(|(n, _)| *n == theme)
        .and_then(|(_, files)| files.iter().find(|(p, _)| *p == path))
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no built-in {theme}/{path}"))
}

fn gongwen_site() -> Site {
    let s = Site::new("title: 公文站\ntheme: gongwen\n");
    s.doc(
        "speeches/x.md",
        "title: 在会议上的讲话\ndate: 2023-09-01",
        "## 一、提高认识\n\n正文。\n\n## 二、抓好落实\n\n正文。\n",
    );
    s
}

#[test]
fn gongwen_builds_from_a_site_without_a_themes_folder() {
    let s = gongwen_site();
    assert!(!s.root().join("themes").exists());
    s.build_ok(&[]);
    let page = s.read("speeches/x/index.html");
    assert!(
        page.contains("href=\"/gongwen.css\"") && page.contains("<body class=\"gongwen\""),
        "the 公文 base template: {page}"
    );
    assert!(
        page.contains("class=\"doc-body\""),
        "page.html from default"
    );
    assert_eq!(
        s.read("gongwen.css"),
        builtin("gongwen", "static/gongwen.css")
    );
    assert_eq!(s.read("style.css"), builtin("default", "static/style.css"));
    assert!(s.exists("search.js") && s.exists("404.html") && s.exists("atom.xml"));
}

#[test]
fn a_sites_own_themes_gongwen_overrides_the_builtin_one_file_by_file() {
    let s = gongwen_site();
    // Only the stylesheet: the templates stay the built-in 公文 ones.
    s.write("themes/gongwen/static/gongwen.css", "/* 本单位样式 */\n");
    s.build_ok(&[]);
    assert_eq!(s.read("gongwen.css"), "/* 本单位样式 */\n");
    let page = s.read("speeches/x/index.html");
    assert!(page.contains("class=\"gw-header\""), "{page}");
    // Then the base template too, and a label in a theme.yaml that says nothing of `extends`:
    // the folder still lies over the built-in 公文, which extends the default.
    s.write(
        "themes/gongwen/templates/base.html",
        "<!DOCTYPE html><html lang=\"zh-CN\"><title>{% block title %}{% endblock title %}</title>{% block description %}{% endblock description %}<p>{{ site.labels.footer }}</p>{% block content %}{% endblock content %}</html>",
    );
    s.write(
        "themes/gongwen/theme.yaml",
        "labels:\n  footer: 本单位页脚\n",
    );
    s.build_ok(&[]);
    let page = s.read("speeches/x/index.html");
    assert!(page.contains("<p>本单位页脚</p>"), "{page}");
    assert!(
        page.contains("class=\"doc-body\""),
        "page.html from default"
    );
    assert_eq!(s.read("gongwen.css"), "/* 本单位样式 */\n");
    // A template error in the built-in layer would be named as built-in; on disk, by its path.
    s.write("themes/gongwen/templates/base.html", "{% block content %}");
    let err = s.build_err(&[]);
    assert!(err.contains("themes/gongwen/templates/base.html"), "{err}");
}

#[test]
fn an_unknown_theme_names_the_builtin_ones() {
    let s = Site::new("title: t\ntheme: gongwem\n");
    s.doc("a/x.md", "title: 例\ndate: 2023-09-01", "正文");
    let err = s.build_err(&[]);
    assert!(
        err.contains("config.yaml: the theme `gongwem` is not in themes/")
            && err.contains("`default`, `gongwen`"),
        "{err}"
    );
}

#[test]
fn the_archive_of_a_gongwen_site_without_themes_prints_in_gongwen() {
    let s = gongwen_site();
    let zip = s.root().join("out.zip");
    let o = run(&[
        "archive",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        zip.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut print = String::new();
    std::io::Read::read_to_string(&mut z.by_name("print/speeches.html").unwrap(), &mut print)
        .unwrap();
    assert!(
        print.contains("--gw-line"),
        "公文 stylesheet in the print page"
    );
}
