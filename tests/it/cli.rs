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
fn builtin_theme_lists_every_file_of_themes_default() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let on_disk: std::collections::BTreeSet<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let built_in: std::collections::BTreeSet<String> = huibian::render::builtin::DEFAULT_THEME
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(on_disk, built_in);
}

#[test]
fn a_site_without_themes_folder_uses_the_builtin_default() {
    let s = crate::common::Site::new("title: 无主题目录\n");
    s.doc("a/x.md", "title: 例\ndate: 2023-09-01", "正文");
    s.build_ok(&[]);
    assert!(s.read("a/x/index.html").contains("无主题目录"));
    assert!(s.exists("style.css"));
}
