//! The independent review of issue 20's fixes: each test is an attack or a careless mistake
//! that got through them (a link planted at a temporary name, a link in `current/`, `new`
//! through a linked section, an output file where another needs a folder, …).
#![cfg(unix)]

use crate::common::{run, Site};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

fn site() -> Site {
    let s = Site::new("title: t\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文一");
    s
}

/// A file outside every site and output, which nothing may change or delete.
fn victim() -> (tempfile::TempDir, std::path::PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("victim.txt");
    fs::write(&p, "precious").unwrap();
    (d, p)
}

#[test]
fn a_link_at_the_marks_old_temporary_name_is_not_written_through() {
    let s = site();
    s.build_ok(&[]);
    let (_d, v) = victim();
    // The mark used to be rewritten through `.huibian-output.new`, a fixed name, following
    // whatever link stood there; the link then became the mark and the next build refused
    // the output as someone else's.
    symlink(&v, s.out().join(".huibian-output.new")).unwrap();
    s.doc("a/two.md", "title: 二\ndate: 2023-09-02", "正文二");
    s.build_ok(&[]);
    assert_eq!(fs::read_to_string(&v).unwrap(), "precious");
    let mark = fs::symlink_metadata(s.out().join(".huibian-output")).unwrap();
    assert!(mark.is_file(), "the mark is a link");
    s.doc("a/three.md", "title: 三\ndate: 2023-09-03", "正文三");
    s.build_ok(&[]);
    assert!(s.read("a/three/index.html").contains("正文三"));
}

fn publish_folder_mode(s: &Site, to: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_huibian"))
        .env("HUIBIAN_LANG", "en")
        .args(["publish", "--root", s.root().to_str().unwrap()])
        .args(["--to", to.to_str().unwrap()])
        .env("HUIBIAN_TEST_NO_SYMLINKS", "1")
        .output()
        .unwrap()
}

#[test]
fn publish_into_a_current_folder_neither_writes_nor_deletes_through_links_in_it() {
    let s = site();
    s.doc("a/b/index.md", "title: 包\ndate: 2023-09-03", "附件");
    s.write("content/a/b/att.txt", "附件");
    let www = tempfile::tempdir().unwrap();
    let to = www.path();
    assert!(publish_folder_mode(&s, to).status.success());
    let cur = to.join("current");
    // A link at the fixed temporary name a file was copied through.
    let (_d, v) = victim();
    symlink(&v, cur.join(".index.html.huibian-new")).unwrap();
    // The bundle's folder swapped for a link (a junction on Windows) to a folder that holds
    // files of the same names; then the bundle is deleted from the site.
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("att.txt"), "precious").unwrap();
    fs::write(elsewhere.path().join("index.html"), "precious").unwrap();
    fs::remove_dir_all(cur.join("a/b")).unwrap();
    symlink(elsewhere.path(), cur.join("a/b")).unwrap();
    fs::remove_dir_all(s.root().join("content/a/b")).unwrap();
    s.doc("a/two.md", "title: 二\ndate: 2023-09-02", "正文二");
    let o = publish_folder_mode(&s, to);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read_to_string(&v).unwrap(), "precious");
    for f in ["att.txt", "index.html"] {
        let p = elsewhere.path().join(f);
        assert_eq!(fs::read_to_string(&p).unwrap(), "precious", "{f} deleted");
    }
    assert!(fs::read_to_string(cur.join("index.html"))
        .unwrap()
        .contains("二"));
}

#[test]
fn new_writes_inside_content_only() {
    let elsewhere = tempfile::tempdir().unwrap();
    // A section folder that links out of the site, and content/ itself as such a link.
    let s = site();
    symlink(elsewhere.path(), s.root().join("content/b")).unwrap();
    let root = s.root().to_str().unwrap();
    let o = run(&["new", "b", "标题", "--root", root]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && err.contains("refusing to write outside"),
        "{err}"
    );
    let s2 = Site::new("title: t\n");
    fs::remove_dir(s2.root().join("content")).unwrap();
    fs::create_dir_all(elsewhere.path().join("a")).unwrap();
    symlink(elsewhere.path(), s2.root().join("content")).unwrap();
    let o = run(&["new", "a", "标题", "--root", s2.root().to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(
        fs::read_dir(elsewhere.path()).unwrap().count(),
        1,
        "wrote outside"
    );
    assert_eq!(fs::read_dir(elsewhere.path().join("a")).unwrap().count(), 0);
    // A real section folder still works.
    let o = run(&["new", "a", "标题", "--root", root]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(s.root().join("content/a/biao-ti.md").is_file());
}

#[test]
fn theme_yaml_and_config_yaml_linking_out_of_the_site_are_errors() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    fs::write(&secret, "labels:\n  home: PRIVATE-LABEL\n").unwrap();
    // theme.yaml's labels are printed on every page; it was read through the link.
    let s = Site::new("title: t\ntheme: mine\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文一");
    fs::create_dir_all(s.root().join("themes/mine/templates")).unwrap();
    symlink(&secret, s.root().join("themes/mine/theme.yaml")).unwrap();
    let err = s.build_err(&[]);
    assert!(
        err.contains("themes/mine/theme.yaml") && err.contains("outside the site folder"),
        "{err}"
    );
    assert!(!s.out().exists());
    // config.yaml, for build and check alike.
    let s = site();
    fs::write(&secret, "title: PRIVATE-TITLE\n").unwrap();
    fs::remove_file(s.root().join("config.yaml")).unwrap();
    symlink(&secret, s.root().join("config.yaml")).unwrap();
    let err = s.build_err(&[]);
    assert!(
        err.contains("config.yaml") && err.contains("outside the site folder"),
        "{err}"
    );
    let o = run(&["check", "--root", s.root().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        !o.status.success() && text.contains("outside-site"),
        "{text}"
    );
    // A link inside the site is followed.
    fs::write(s.root().join("site.yaml"), "title: 站点\n").unwrap();
    fs::remove_file(s.root().join("config.yaml")).unwrap();
    symlink("site.yaml", s.root().join("config.yaml")).unwrap();
    s.build_ok(&[]);
    assert!(s.read("index.html").contains("站点"));
}

/// The site of `site()` plus a document whose front matter holds `aliases: [alias]`.
fn with_alias(alias: &str) -> Site {
    let s = site();
    s.write("static/logo.txt", "徽标");
    s.doc(
        "a/two.md",
        &format!("title: 二\ndate: 2023-09-02\naliases: [\"{alias}\"]"),
        "正文二",
    );
    s
}

#[test]
fn an_alias_spelled_with_double_slashes_or_other_case_is_caught_onto_a_page() {
    // `/a//one/` is the file a/one/index.html: it silently replaced the document's page with
    // a redirect (the check compared the two spellings). `/A/one/` is that file on Windows
    // and macOS.
    for alias in ["/a//one/", "//a/one", "/A/one/"] {
        let s = with_alias(alias);
        let err = s.build_err(&[]);
        assert!(
            err.contains("content/a/two.md") && err.contains("the document a/one.md"),
            "{alias}: {err}"
        );
    }
    // Names starting with `.` (huibian's marks among them) are refused as in slugs.
    for alias in ["/.huibian-output", "/x/.huibian-release/"] {
        let err = with_alias(alias).build_err(&[]);
        assert!(err.contains("a part starts with `.`"), "{alias}: {err}");
    }
}

#[test]
fn an_output_file_where_another_needs_a_folder_is_an_error_naming_both() {
    // Each of these failed inside the staging folder ("Is a directory", "File exists",
    // naming a .public.huibian-tmp-… path), or silently kept one file of two.
    for (alias, other) in [
        ("/style.css", "static/style.css"),
        ("/logo.txt/", "static/logo.txt"),
        ("/atom.xml", "the feed"),
        ("/404.html/old.html", "the 404 page"),
        ("/search/meta.js/", "search index"),
    ] {
        let err = with_alias(alias).build_err(&[]);
        assert!(
            err.contains("content/a/two.md") && err.contains(other) && !err.contains("huibian-tmp"),
            "{alias}: {err}"
        );
    }
    // Static files against a page, an attachment and a content file; and two spellings.
    let s = site();
    s.write("static/a/one", "x");
    s.doc("a/b/index.md", "title: 包\ndate: 2023-09-03", "附件");
    s.write("content/a/b/att.txt", "附件");
    s.write("static/a/b/att.txt", "静态");
    s.write("content/a/x.txt", "内容");
    s.write("static/a/x.txt", "静态");
    s.write("static/Logo.txt", "一");
    s.write("static/logo.txt", "二");
    let err = s.build_err(&[]);
    for expect in [
        "static/a/one: the document a/one.md needs a folder /a/one/",
        "content/a/b/att.txt: this file would be the same file /a/b/att.txt",
        "content/a/x.txt: this file would be the same file /a/x.txt",
        "where case does not count",
    ] {
        assert!(err.contains(expect), "{expect}: {err}");
    }
    assert!(!s.out().exists());
    let o = run(&["check", "--root", s.root().to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout)
            .matches("error[duplicate-url]")
            .count(),
        4,
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// Two slugs that differ only in how an accented letter is encoded (precomposed é, or e and
/// a combining accent: what macOS and some input methods type) are one folder on macOS: a
/// duplicate URL, as two that differ only in case are.
#[test]
fn slugs_that_differ_only_in_unicode_normalisation_are_one_url() {
    for (a, b) in [
        ("café", "cafe\u{301}"),
        ("CAFÉ", "cafe\u{301}"),
        ("한국", "\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}"),
    ] {
        let s = site();
        s.doc(
            "a/x.md",
            &format!("title: 甲\ndate: 2023-09-03\nslug: {a}"),
            "一",
        );
        s.doc(
            "a/y.md",
            &format!("title: 乙\ndate: 2023-09-04\nslug: {b}"),
            "二",
        );
        let err = s.build_err(&[]);
        assert!(
            err.contains("where case does not count"),
            "{a} / {b}: {err}"
        );
        assert!(err.contains("a/x.md") || err.contains("a/y.md"), "{err}");
    }
    // The same letters, one spelling: no clash.
    let s = site();
    s.doc("a/x.md", "title: 甲\ndate: 2023-09-03\nslug: café", "一");
    s.doc("a/y.md", "title: 乙\ndate: 2023-09-04\nslug: cafe", "二");
    s.build_ok(&[]);
}

#[test]
fn the_site_given_as_its_own_output_is_named_in_the_error() {
    // `--root .. --output ../` said "error: : the output folder …": the path made relative to
    // the root was empty.
    let s = site();
    let root = s.root().to_str().unwrap();
    let o = run(&["build", "--root", root, "--output", &format!("{root}/")]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && err.contains("would replace the site's own files"),
        "{err}"
    );
    assert!(!err.contains("error: : "), "{err}");
}

#[test]
fn init_into_a_folder_with_a_file_in_the_way_writes_nothing() {
    // init wrote config.yaml, the theme and the first examples, then stopped at the file in
    // the way: half a site, and a second init said "a site exists here already".
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("site");
    fs::create_dir_all(dir.join("content/guides")).unwrap();
    fs::write(dir.join("content/guides/xuexi.md"), "mine").unwrap();
    let o = run(&["init", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && err.contains("content/guides/xuexi.md"),
        "{err}"
    );
    assert!(!dir.join("config.yaml").exists() && !dir.join("themes").exists());
    assert_eq!(
        fs::read_to_string(dir.join("content/guides/xuexi.md")).unwrap(),
        "mine"
    );
    // A git repository's own .gitignore is kept, and the site is made around it.
    fs::remove_dir_all(dir.join("content")).unwrap();
    fs::write(dir.join(".gitignore"), "target/\n").unwrap();
    let o = run(&["init", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        fs::read_to_string(dir.join(".gitignore")).unwrap(),
        "target/\n"
    );
    assert!(dir.join("config.yaml").is_file());
}

#[test]
fn serve_does_not_serve_a_file_swapped_for_a_link_out_of_the_site() {
    // The rebuild reported the link, but the last good version's file list still named
    // static/logo.txt, and each request read it through the new link.
    let s = site();
    s.write("static/logo.txt", "徽标");
    s.doc("a/b/index.md", "title: 包\ndate: 2023-09-03", "附件");
    s.write("content/a/b/att.txt", "附件");
    let p = crate::serve::Preview::start(s.root(), &[]);
    assert_eq!(p.get("/logo.txt").text(), "徽标");
    assert_eq!(p.get("/a/b/att.txt").text(), "附件");
    let (_d, v) = victim();
    for f in ["static/logo.txt", "content/a/b/att.txt"] {
        fs::remove_file(s.root().join(f)).unwrap();
        symlink(&v, s.root().join(f)).unwrap();
    }
    p.wait_for("/", "showing the error", |r| {
        r.text().contains("outside the site folder")
    });
    for path in ["/logo.txt", "/a/b/att.txt"] {
        let r = p.get(path);
        assert!(
            !r.text().contains("precious") && r.status == 404,
            "{path}: {}",
            r.text()
        );
    }
}

#[test]
fn new_refuses_the_section_names_import_and_build_refuse() {
    // `new` checked only `/`, `\`, `..` and a leading dot: it made content/a:b/, content/CON/
    // and `content/a b /`, which build then refused, and import refused as --section.
    let s = site();
    let root = s.root().to_str().unwrap();
    for section in ["a:b", "CON", "a b ", "../x", "a/b", ".hidden"] {
        let o = run(&["new", section, "标题", "--root", root]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !o.status.success() && err.contains("is not a section"),
            "{section}: {err}"
        );
    }
    assert_eq!(fs::read_dir(s.root().join("content")).unwrap().count(), 1);
    s.build_ok(&[]);
}

#[test]
fn a_link_from_the_site_into_its_own_output_is_an_error_not_a_copy_of_the_output() {
    // A bundle's link to public/ (or static/'s): each build copied the last output into the
    // new one, which grew by a whole site every time.
    let s = site();
    s.doc("a/b/index.md", "title: 包\ndate: 2023-09-03", "附件");
    s.build_ok(&[]);
    let before = crate::common::snapshot(&s.out());
    symlink("../../../public", s.root().join("content/a/b/pub")).unwrap();
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/b/pub: a link into the output folder")
            && err.matches("error:").count() == 1,
        "{err}"
    );
    assert_eq!(crate::common::snapshot(&s.out()), before);
    fs::remove_file(s.root().join("content/a/b/pub")).unwrap();
    fs::create_dir_all(s.root().join("static")).unwrap();
    symlink("../public", s.root().join("static/site")).unwrap();
    assert!(s
        .build_err(&[])
        .contains("static/site: a link into the output folder"));
    // publish --to inside the site, static/ linking to its current release.
    fs::remove_file(s.root().join("static/site")).unwrap();
    let www = s.root().join("www");
    let publish = || {
        run(&[
            "publish",
            "--root",
            s.root().to_str().unwrap(),
            "--to",
            www.to_str().unwrap(),
        ])
    };
    assert!(publish().status.success());
    symlink("../www/current", s.root().join("static/live")).unwrap();
    let o = publish();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && err.contains("static/live: a link into the output folder"),
        "{err}"
    );
}

/// A zip holding `entries` and a MANIFEST.sha256 listing `listed` with their checksums.
fn write_zip(to: &Path, entries: &[(&str, &[u8], usize)], listed: &[&str]) {
    use sha2::Digest;
    use std::io::Write;
    let mut z = zip::ZipWriter::new(fs::File::create(to).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    let mut manifest = String::new();
    for (name, chunk, times) in entries {
        z.start_file(*name, opts).unwrap();
        let mut h = sha2::Sha256::new();
        for _ in 0..*times {
            z.write_all(chunk).unwrap();
            h.update(chunk);
        }
        if listed.contains(name) {
            let sum: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
            manifest.push_str(&format!("{sum}  {name}\n"));
        }
    }
    z.start_file("MANIFEST.sha256", opts).unwrap();
    z.write_all(manifest.as_bytes()).unwrap();
    z.finish().unwrap();
}

#[test]
fn verify_streams_entries_and_never_prints_control_characters_from_an_archive() {
    let d = tempfile::tempdir().unwrap();
    // A small zip that unpacks to 64 MB: verify held each entry whole in memory, so with less
    // memory than that it said "missing: big.bin" (and a larger one exhausts any machine).
    let zero = vec![0u8; 1 << 20];
    let bomb = d.path().join("big.zip");
    write_zip(
        &bomb,
        &[("big.bin", &zero, 64), ("catalog.json", b"[]", 1)],
        &["big.bin", "catalog.json"],
    );
    // 60 MB above what the binary needs to start at all (its code alone is over 100 MB in a
    // debug build with the PDF engine).
    let bin = env!("CARGO_BIN_EXE_huibian");
    let starts = |kb: u64| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -v {kb} && exec {bin} --version"))
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let base = (20_000..4_000_000)
        .step_by(20_000)
        .find(|&kb| starts(kb))
        .unwrap();
    let o = Command::new("sh")
        .env("HUIBIAN_LANG", "en")
        .arg("-c")
        .arg(format!(
            "ulimit -v {} && exec {bin} verify {}",
            base + 60_000,
            bomb.display()
        ))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && out.contains("all 2 files match"),
        "{out}"
    );
    // An entry's name carrying a terminal escape sequence is printed escaped.
    let evil = d.path().join("evil.zip");
    write_zip(
        &evil,
        &[
            ("catalog.json", b"[]", 1),
            ("\u{1b}]0;pwned\u{7}x.txt", b"x", 1),
        ],
        &["catalog.json"],
    );
    let o = run(&["verify", evil.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        !o.status.success() && out.contains("extra: \\u{1b}]0;pwned"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
}
