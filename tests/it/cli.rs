//! init and new, and the built-in theme's file list.

use crate::common::run;

#[test]
fn init_makes_a_site_that_builds_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("新站点");
    let o = run(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(site.join("themes/default/templates/page.html").is_file());
    let o = run(&["build", "--root", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("from 3 documents"));
    let o = run(&["init", site.to_str().unwrap()]);
    assert!(!o.status.success());
}

/// A folder of the new site that is a link out of it (content/, themes/, a section) is said,
/// and nothing is written, in the site or through the link.
#[cfg(unix)]
#[test]
fn init_writes_nothing_through_a_folder_linked_out_of_the_site() {
    for linked in [
        "content",
        "themes",
        "content/speeches",
        "themes/default/templates",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("theirs.txt"), "theirs").unwrap();
        let link = site.join(linked);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let o = run(&["init", site.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{linked}: init went through");
        assert!(
            stderr.contains("outside the new site"),
            "{linked}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        let there: Vec<_> = std::fs::read_dir(&elsewhere).unwrap().collect();
        assert_eq!(there.len(), 1, "{linked}: written through the link");
        assert!(!site.join("config.yaml").exists(), "{linked}: half a site");
    }
    // A link that stays inside the site is the user's way of laying it out: it works.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("docs")).unwrap();
    std::os::unix::fs::symlink("docs", site.join("content")).unwrap();
    let o = run(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(site.join("docs/speeches").is_dir());
}

#[test]
fn new_fills_front_matter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    std::fs::write(dir.path().join("config.yaml"), "title: t\n").unwrap();
    let o = run(&["new", "speeches", "在推进会上的讲话", "--root", root]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = dir
        .path()
        .join("content/speeches/zai-tui-jin-hui-shang-de-jiang-hua.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("title: \"在推进会上的讲话\"")
            && text.contains("slug: zai-tui-jin-hui-shang-de-jiang-hua")
    );
    std::fs::write(&path, text.clone() + "编辑过的正文").unwrap();
    let o = run(&["new", "speeches", "在推进会上的讲话", "--root", root]);
    assert!(!o.status.success());
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .ends_with("编辑过的正文"));
    let o = run(&["build", "--root", root]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn builtin_themes_equal_their_folders_in_themes() {
    let themes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    let on_disk: std::collections::BTreeMap<String, String> = walkdir::WalkDir::new(&themes)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&themes).unwrap();
            let text = std::fs::read_to_string(e.path()).unwrap();
            (rel.to_string_lossy().replace('\\', "/"), text)
        })
        .collect();
    let built_in: std::collections::BTreeMap<String, String> = huibian::render::builtin::THEMES
        .iter()
        .flat_map(|(name, files)| {
            files
                .iter()
                .map(move |(p, t)| (format!("{name}/{p}"), t.to_string()))
        })
        .collect();
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        built_in.keys().collect::<Vec<_>>(),
        "every file of every folder in themes/ is built in"
    );
    for (path, text) in &on_disk {
        assert!(built_in[path] == *text, "{path}: built-in copy differs");
    }
}

#[test]
fn the_search_script_stays_under_15_kb() {
    let js = huibian::render::builtin::DEFAULT_THEME
        .iter()
        .find(|(p, _)| *p == "static/search.js")
        .map(|(_, t)| t.len())
        .unwrap();
    assert!(js < 15 * 1024, "search.js is {js} bytes");
}

#[test]
fn a_site_without_themes_folder_uses_the_builtin_default() {
    let s = crate::common::Site::new("title: 无主题目录\n");
    s.doc("a/x.md", "title: 例\ndate: 2023-09-01", "正文");
    s.build_ok(&[]);
    assert!(s.read("a/x/index.html").contains("无主题目录"));
    assert!(s.exists("style.css"));
}

#[test]
fn site_overrides_one_template_one_static_file_and_labels() {
    let s = crate::common::Site::new("title: 覆盖\nextra:\n  labels:\n    home: 主页\n");
    s.doc("a/x.md", "title: 例\ndate: 2023-09-01", "正文");
    s.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>站点自己的404</p>{% endblock content %}",
    );
    s.write("static/style.css", "body { color: black; }");
    s.write("static/logo.txt", "site file");
    s.build_ok(&[]);
    assert!(s.read("404.html").contains("站点自己的404"));
    assert!(
        s.read("a/x/index.html").contains("class=\"doc-body\""),
        "other templates still from the theme"
    );
    assert_eq!(s.read("style.css"), "body { color: black; }");
    assert_eq!(s.read("logo.txt"), "site file");
    assert!(
        s.read("index.html").contains(">主页</a>"),
        "label from config extra.labels"
    );
}

#[test]
fn a_theme_extends_another_and_unknown_themes_are_errors() {
    let s = crate::common::Site::new("title: 继承\ntheme: child\n");
    s.doc("a/x.md", "title: 例\ndate: 2023-09-01", "正文");
    s.write(
        "themes/child/theme.yaml",
        "extends: default\nlabels:\n  archive: 档案\n",
    );
    s.write(
        "themes/child/templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>子主题首页</p>{% endblock content %}",
    );
    s.build_ok(&[]);
    let home = s.read("index.html");
    assert!(
        home.contains("子主题首页") && home.contains(">档案</a>"),
        "{home}"
    );
    assert!(s.read("a/x/index.html").contains("class=\"doc-body\""));
    s.write("config.yaml", "title: t\ntheme: nosuch\n");
    let err = s.build_err(&[]);
    assert!(
        err.contains("config.yaml: the theme `nosuch` is not in themes/"),
        "{err}"
    );
    s.write("config.yaml", "title: t\ntheme: loop1\n");
    s.write("themes/loop1/theme.yaml", "extends: loop2\n");
    s.write("themes/loop2/theme.yaml", "extends: loop1\n");
    let err = s.build_err(&[]);
    assert!(err.contains("extend each other in a loop"), "{err}");
}
