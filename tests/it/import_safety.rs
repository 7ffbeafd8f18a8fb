//! import writes inside content/ only: the section and slug an imported file names are checked
//! like `--section` and build's slugs, a section folder linking out of the site is refused, and
//! a run that fails part-way takes back what it wrote.

use crate::common::{run, snapshot, Site};
use std::fs;
use std::path::Path;

/// A site inside a folder of its own, so that anything written beside it is seen.
struct Nest {
    outer: tempfile::TempDir,
}

impl Nest {
    fn new() -> Nest {
        let outer = tempfile::tempdir().unwrap();
        fs::create_dir_all(outer.path().join("site/content/speeches")).unwrap();
        fs::write(outer.path().join("site/config.yaml"), "title: t\n").unwrap();
        fs::create_dir_all(outer.path().join("inbox")).unwrap();
        fs::write(outer.path().join("victim.md"), "someone's file").unwrap();
        Nest { outer }
    }
    fn root(&self) -> std::path::PathBuf {
        self.outer.path().join("site")
    }
    fn input(&self, name: &str, text: &str) -> String {
        let p = self.outer.path().join("inbox").join(name);
        fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }
    fn import(&self, args: &[&str]) -> std::process::Output {
        let root = self.root();
        run(&[&["import", "--root", root.to_str().unwrap()], args].concat())
    }
    /// Every file outside the site's content/ folder but the inbox.
    fn outside(&self) -> Vec<std::path::PathBuf> {
        snapshot(self.outer.path())
            .into_keys()
            .filter(|p| !p.starts_with("site/content") && !p.starts_with("inbox"))
            .collect()
    }
}

#[test]
fn front_matter_cannot_send_an_imported_file_outside_content() {
    let n = Nest::new();
    let victim = n.outer.path().join("victim.md");
    let abs = n.outer.path().join("planted");
    let abs = abs.to_str().unwrap();
    let before = n.outside();
    let cases = [
        "section: ../../outside".to_string(),
        "section: ..\nslug: victim".to_string(),
        format!("section: {abs}"),
        "section: speeches/../../..".to_string(),
        "section: 'a/b'".to_string(),
        "section: .hidden".to_string(),
        "section: \"c:x\"".to_string(),
        "section: '..\\\\..\\\\x'".to_string(),
        "section: speeches\nslug: ../planted".to_string(),
        "section: speeches\nslug: ../../../victim".to_string(),
        format!("section: speeches\nslug: {abs}"),
        "section: speeches\nslug: a/../../b".to_string(),
        "section: speeches\nslug: ..".to_string(),
        "section: speeches\nslug: '..\\\\planted'".to_string(),
        "section: speeches\nslug: \"con\"".to_string(),
    ];
    for (i, fm) in cases.iter().enumerate() {
        let file = n.input(
            &format!("f{i}.md"),
            &format!("---\ntitle: 讲话{i}\n{fm}\n---\n正文。\n"),
        );
        for force in [&[][..], &["--force"][..]] {
            let o = n.import(&[&[file.as_str()], force].concat());
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(!o.status.success(), "{fm:?} {force:?} was imported");
            assert!(!err.contains("panicked"), "{err}");
            assert!(
                err.contains("front matter `section`") || err.contains("front matter `slug`"),
                "{fm:?}: {err}"
            );
            assert_eq!(n.outside(), before, "{fm:?} wrote outside content/");
            assert_eq!(fs::read_to_string(&victim).unwrap(), "someone's file");
        }
    }
    assert!(snapshot(&n.root().join("content")).is_empty());
}

#[cfg(unix)]
#[test]
fn a_section_folder_that_links_out_of_the_site_is_not_written_through() {
    let n = Nest::new();
    let elsewhere = n.outer.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::remove_dir(n.root().join("content/speeches")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, n.root().join("content/speeches")).unwrap();
    let file = n.input(
        "jianghua.md",
        "---\ntitle: 讲话\nsection: speeches\n---\n正文。\n",
    );
    let o = n.import(&[file.as_str()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("refusing to write outside"), "{err}");
    assert!(snapshot(&elsewhere).is_empty());
    // content/ itself a link out of the site.
    fs::remove_file(n.root().join("content/speeches")).unwrap();
    let content = n.root().join("content");
    fs::rename(&content, n.outer.path().join("moved-content")).unwrap();
    std::os::unix::fs::symlink(n.outer.path().join("moved-content"), &content).unwrap();
    let o = n.import(&[file.as_str(), "--section", "speeches"]);
    assert!(!o.status.success());
    assert!(snapshot(&n.outer.path().join("moved-content")).is_empty());
}

#[test]
fn an_import_that_fails_part_way_leaves_content_as_it_was() {
    let s = Site::new("title: t\n");
    s.doc(
        "speeches/old.md",
        "title: 旧讲话\ndate: 2023-09-01",
        "旧正文。",
    );
    // The second file's section cannot be a folder: its write fails after the first was made.
    fs::write(
        s.root().join("content/guides"),
        "a file where a folder should be",
    )
    .unwrap();
    let inbox = tempfile::tempdir().unwrap();
    let a = inbox.path().join("a.md");
    let b = inbox.path().join("b.md");
    fs::write(
        &a,
        "---\ntitle: 新讲话\nsection: speeches\nslug: xin\n---\n正文。\n",
    )
    .unwrap();
    fs::write(&b, "---\ntitle: 辅导\nsection: guides\n---\n正文。\n").unwrap();
    let before = snapshot(s.root());
    let root = s.root().to_str().unwrap();
    let o = run(&[
        "import",
        "--root",
        root,
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
    assert_eq!(snapshot(s.root()), before, "a half-done import was left");
    assert!(!Path::new(&s.root().join("content/speeches/xin.md")).exists());
    // With --force over an existing document: the backup is put back too.
    fs::write(
        &a,
        "---\ntitle: 旧讲话\nsection: speeches\nslug: old\n---\n新正文。\n",
    )
    .unwrap();
    let o = run(&[
        "import",
        "--root",
        root,
        "--force",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert_eq!(
        snapshot(s.root()),
        before,
        "the replaced document was not put back"
    );
}

/// Links in a folder given to import are followed like its files; one into content/, or a
/// loop, is said instead of skipped in silence.
#[cfg(unix)]
#[test]
fn links_in_an_imported_folder_are_followed_or_said() {
    let n = Nest::new();
    let elsewhere = n.outer.path().join("shared");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(
        elsewhere.join("jianghua.md"),
        "---\ntitle: 共享的讲话\nsection: speeches\n---\n正文。\n",
    )
    .unwrap();
    let inbox = n.outer.path().join("inbox");
    std::os::unix::fs::symlink(elsewhere.join("jianghua.md"), inbox.join("link.md")).unwrap();
    let o = n.import(&[inbox.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(snapshot(&n.root().join("content/speeches"))
        .keys()
        .any(|p| p.to_string_lossy().ends_with(".md")));
    // A link back into content/ and a loop: errors naming them, nothing imported.
    std::os::unix::fs::symlink(n.root().join("content"), inbox.join("into-content")).unwrap();
    std::os::unix::fs::symlink(&inbox, inbox.join("loop")).unwrap();
    fs::write(
        inbox.join("new.md"),
        "---\ntitle: 新的\nsection: speeches\n---\n正文。\n",
    )
    .unwrap();
    let before = snapshot(&n.root().join("content"));
    let o = n.import(&[inbox.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("into-content") && err.contains("links into the site's content/"),
        "{err}"
    );
    assert!(err.contains("loop"), "{err}");
    assert_eq!(snapshot(&n.root().join("content")), before);
}
