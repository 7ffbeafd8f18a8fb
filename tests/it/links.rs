//! Every href and src resolves: root-absolute under a base path, and relative for any sub-path
//! and file://, even after the output folder is moved.

use crate::common::broken_links;
use crate::pages::fixture;

#[test]
fn absolute_mode_every_link_resolves() {
    let s = fixture();
    s.build_ok(&[]);
    let broken = broken_links(&s.out(), Some("/"));
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let s = fixture();
    s.build_ok(&["--base-url", "http://intranet/zhutijiaoyu/"]);
    let home = s.read("index.html");
    assert!(home.contains("href=\"/zhutijiaoyu/style.css\""));
    let broken = broken_links(&s.out(), Some("/zhutijiaoyu/"));
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn relative_mode_has_no_root_links_and_survives_a_move() {
    let s = fixture();
    s.build_ok(&["--relative-urls"]);
    let page = s.read("speeches/s1/index.html");
    assert!(page.contains("href=\"../../style.css\""), "relative CSS");
    assert!(
        page.contains("href=\"../../batch/di-yi-pi/index.html\""),
        "folder links end in index.html"
    );
    let broken = broken_links(&s.out(), None);
    assert!(broken.is_empty(), "{broken:#?}");
    // Moved elsewhere (a USB stick, a server sub-path): still whole.
    let moved = tempfile::tempdir().unwrap();
    let dest = moved.path().join("deep/er/site");
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::rename(s.out(), &dest).unwrap();
    let broken = broken_links(&dest, None);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn relative_urls_from_config_too() {
    let s = fixture();
    let cfg =
        std::fs::read_to_string(s.root().join("config.yaml")).unwrap() + "relative_urls: true\n";
    s.write("config.yaml", &cfg);
    s.build_ok(&[]);
    assert!(broken_links(&s.out(), None).is_empty());
}
