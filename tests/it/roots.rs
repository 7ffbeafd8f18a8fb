//! A site folder that is a symlink (content/, static/, templates/, themes/, a theme) publishes
//! nothing from outside the site: the link is an error naming it. Links that stay inside the
//! site are followed, in static/ and in bundles too.
#![cfg(unix)]

use crate::common::{run, snapshot, Site};
use std::fs;
use std::os::unix::fs::symlink;

/// A folder outside the site holding what must never be published.
fn secrets() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("id_rsa"), "PRIVATE KEY").unwrap();
    fs::create_dir_all(d.path().join("templates")).unwrap();
    fs::write(d.path().join("templates/page.html"), "{{ page.title }}").unwrap();
    fs::create_dir_all(d.path().join("a")).unwrap();
    fs::write(
        d.path().join("a/leak.md"),
        "---\ntitle: 外面\ndate: 2023-09-01\n---\nPRIVATE KEY\n",
    )
    .unwrap();
    d
}

fn site() -> Site {
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文一");
    s
}

/// The build fails naming `link`, and neither output nor archive holds the secret.
fn refused(s: &Site, link: &str) {
    let err = s.build_err(&[]);
    assert!(
        err.contains(link) && err.contains("outside the site folder"),
        "{link}: {err}"
    );
    let leaked = snapshot(s.root()).iter().any(|(p, b)| {
        !p.starts_with("..")
            && p.starts_with("public")
            && b.windows(11).any(|w| w == b"PRIVATE KEY")
    });
    assert!(!leaked, "{link}: the secret was published");
    let zip = s.root().join("campaign.zip");
    let o = run(&[
        "archive",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        zip.to_str().unwrap(),
    ]);
    assert!(!o.status.success(), "{link}: archived");
    assert!(!zip.exists());
}

#[test]
fn top_level_folders_linking_out_of_the_site_are_errors() {
    let out = secrets();
    let o = out.path();
    // static/ as a link.
    let s = site();
    symlink(o, s.root().join("static")).unwrap();
    refused(&s, "static");
    // A folder inside static/ as a link, and a file.
    let s = site();
    fs::create_dir_all(s.root().join("static")).unwrap();
    symlink(o, s.root().join("static/keys")).unwrap();
    refused(&s, "static/keys");
    let s = site();
    fs::create_dir_all(s.root().join("static")).unwrap();
    symlink(o.join("id_rsa"), s.root().join("static/id_rsa")).unwrap();
    refused(&s, "static/id_rsa");
    // templates/, themes/ and one theme.
    let s = site();
    symlink(o.join("templates"), s.root().join("templates")).unwrap();
    fs::write(o.join("templates/404.html"), "PRIVATE KEY").unwrap();
    refused(&s, "templates");
    let s = Site::new("title: t\ntheme: mine\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文一");
    fs::create_dir_all(s.root().join("themes")).unwrap();
    symlink(o, s.root().join("themes/mine")).unwrap();
    fs::create_dir_all(o.join("static")).unwrap();
    fs::write(o.join("static/x.txt"), "PRIVATE KEY").unwrap();
    refused(&s, "themes/mine");
    let themes = tempfile::tempdir().unwrap();
    fs::create_dir_all(themes.path().join("mine/static")).unwrap();
    fs::write(themes.path().join("mine/static/k.txt"), "PRIVATE KEY").unwrap();
    let s = Site::new("title: t\ntheme: mine\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文一");
    symlink(themes.path(), s.root().join("themes")).unwrap();
    refused(&s, "themes");
    // content/ as a link.
    let s = Site::new("title: t\n");
    fs::remove_dir(s.root().join("content")).unwrap();
    symlink(o, s.root().join("content")).unwrap();
    refused(&s, "content");
}

#[test]
fn links_inside_the_site_are_followed_in_static_and_bundles() {
    let s = site();
    s.write("assets/logo.txt", "徽标");
    s.write("assets/photo.txt", "照片");
    s.write("static/.keep", "");
    symlink("../assets/logo.txt", s.root().join("static/logo.txt")).unwrap();
    symlink(s.root().join("assets"), s.root().join("static/shared")).unwrap();
    s.doc(
        "a/bundle/index.md",
        "title: 材料\ndate: 2023-09-02",
        "见附件。",
    );
    symlink(
        s.root().join("assets/photo.txt"),
        s.root().join("content/a/bundle/photo.txt"),
    )
    .unwrap();
    s.build_ok(&[]);
    assert_eq!(s.read("logo.txt"), "徽标");
    assert_eq!(s.read("shared/photo.txt"), "照片");
    assert_eq!(s.read("a/bundle/photo.txt"), "照片");
    assert!(s.read("a/bundle/index.html").contains("photo.txt"));
    // A bundle's link out of the site: an error naming it.
    let out = secrets();
    symlink(
        out.path().join("id_rsa"),
        s.root().join("content/a/bundle/key.txt"),
    )
    .unwrap();
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/bundle/key.txt") && err.contains("outside the site folder"),
        "{err}"
    );
    // The site reached through a link of its own (how many people open it) is fine.
    fs::remove_file(s.root().join("content/a/bundle/key.txt")).unwrap();
    let via = tempfile::tempdir().unwrap();
    symlink(s.root(), via.path().join("site")).unwrap();
    let o = run(&["build", "--root", via.path().join("site").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// static/ is copied as it is, hidden files included (`.htaccess`, `.well-known/`), but never a
/// version-control folder or an editor's scratch file.
#[test]
fn static_keeps_hidden_files_but_not_git_or_scratch_files() {
    let s = site();
    s.write("static/.htaccess", "Options -Indexes");
    s.write("static/.well-known/security.txt", "Contact: 办公室");
    s.write("static/.git/config", "[core]");
    s.write("static/css/.x.css.swp", "swap");
    s.write("static/css/site.css~", "old");
    s.write("static/.DS_Store", "junk");
    s.write("static/css/site.css", "body{}");
    s.build_ok(&[]);
    assert_eq!(s.read(".htaccess"), "Options -Indexes");
    assert_eq!(s.read(".well-known/security.txt"), "Contact: 办公室");
    assert_eq!(s.read("css/site.css"), "body{}");
    for gone in [
        ".git/config",
        "css/.x.css.swp",
        "css/site.css~",
        ".DS_Store",
    ] {
        assert!(!s.exists(gone), "{gone} was published");
    }
    // A static file named like huibian's mark is an error, not a replaced mark.
    s.write("static/.huibian-output", "forged");
    let err = s.build_err(&[]);
    assert!(err.contains(".huibian-output"), "{err}");
}
