//! `huibian archive` and `huibian verify` on the sample site: the zip opened from disk in
//! Chromium, a batch archive holding only its batch, reproducible bytes, verification that
//! catches a flipped byte and a deleted file, and a rebuild from the archive's own sources.

use crate::common::{broken_links, built, run, snapshot};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn sample_root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

fn archive(out: &Path, args: &[&str]) -> String {
    let o = run(&[
        &[
            "archive",
            "--root",
            sample_root(),
            "--output",
            out.to_str().unwrap(),
        ],
        args,
    ]
    .concat());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "archive failed:\n{stderr}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn unzip(zip: &Path, into: &Path) {
    let mut z = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    z.extract(into).unwrap();
}

/// Every entry of a zip: (name, bytes).
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().into_owned(), b)
        })
        .collect()
}

fn rezip(to: &Path, files: &[(String, Vec<u8>)]) {
    let mut z = zip::ZipWriter::new(fs::File::create(to).unwrap());
    for (name, bytes) in files {
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn verify(zip: &Path) -> (bool, String) {
    let o = run(&["verify", zip.to_str().unwrap()]);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr),
    )
}

fn documents_in(dir: &Path) -> Vec<PathBuf> {
    snapshot(&dir.join("site"))
        .into_keys()
        .filter(|p| {
            let s = p.to_string_lossy();
            ["speeches/", "guides/", "experiences/"]
                .iter()
                .any(|x| s.starts_with(x))
                && s.ends_with("/index.html")
                && s.matches('/').count() == 2
        })
        .collect()
}

#[test]
fn the_whole_campaign_archives_verifies_and_opens_from_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.zip");
    let report = archive(&a, &[]);
    assert!(report.contains("archived 16 documents"), "{report}");

    // Reproducible: the same sources give the same bytes.
    let b = tmp.path().join("b.zip");
    archive(&b, &[]);
    assert_eq!(
        fs::read(&a).unwrap(),
        fs::read(&b).unwrap(),
        "two runs differ"
    );
    // Never overwritten without --force.
    let o = run(&[
        "archive",
        "--root",
        sample_root(),
        "--output",
        a.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    archive(&a, &["--force"]);

    let dir = tmp.path().join("x");
    unzip(&a, &dir);
    for f in [
        "ARCHIVE.txt",
        "MANIFEST.sha256",
        "catalog.csv",
        "catalog.json",
        "site/index.html",
        "source/config.yaml",
        "print/speeches.html",
    ] {
        assert!(dir.join(f).is_file(), "no {f}");
    }
    // Drafts are not archived, not even as sources.
    assert!(!dir
        .join("source/content/experiences/xuanchuanbu-draft.md")
        .exists());
    assert!(!fs::read_to_string(dir.join("site/index.html"))
        .unwrap()
        .contains("征求意见稿"));
    // The catalog: UTF-8 with a BOM, a header and one row per document.
    let csv = fs::read(dir.join("catalog.csv")).unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .contains("序号,题名,类别,批次,单位,责任者,日期,字数,附件数,源文件,页面,SHA-256"));
    assert_eq!(csv.lines().count(), 1 + 16);
    assert_eq!(documents_in(&dir).len(), 16);
    // Every link of every page resolves to a file in the archive.
    let broken = broken_links(&dir.join("site"), None);
    assert!(broken.is_empty(), "{broken:#?}");
    // The manifest is sha256sum's format and covers everything else.
    let manifest = fs::read_to_string(dir.join("MANIFEST.sha256")).unwrap();
    assert_eq!(manifest.lines().count() + 1, snapshot(&dir).len());
    assert!(manifest.lines().all(|l| l.len() > 66 && &l[64..66] == "  "));
    // The print page of a section holds its documents with a contents list.
    let print = fs::read_to_string(dir.join("print/speeches.html")).unwrap();
    assert!(
        print.contains("<h2>目录</h2>") && print.contains("在第一批主题教育动员部署会议上的讲话")
    );

    let (ok, out) = verify(&a);
    assert!(ok, "{out}");
    // One flipped byte in one file, then a file gone: both caught, by name.
    let mut files = entries(&a);
    let i = files
        .iter()
        .position(|(n, _)| n == "site/index.html")
        .unwrap();
    files[i].1[100] ^= 1;
    let flipped = tmp.path().join("flipped.zip");
    rezip(&flipped, &files);
    let (ok, out) = verify(&flipped);
    assert!(!ok && out.contains("altered: site/index.html"), "{out}");
    let mut files = entries(&a);
    files.retain(|(n, _)| n != "source/content/guides/wenda.md");
    let gone = tmp.path().join("gone.zip");
    rezip(&gone, &files);
    let (ok, out) = verify(&gone);
    assert!(
        !ok && out.contains("missing: source/content/guides/wenda.md"),
        "{out}"
    );
    assert!(
        out.contains("catalog: source/content/guides/wenda.md"),
        "{out}"
    );

    // The archive's own sources rebuild the same site.
    let rebuilt = tmp.path().join("rebuilt");
    let o = run(&[
        "build",
        "--root",
        dir.join("source").to_str().unwrap(),
        "--relative-urls",
        "--output",
        rebuilt.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        built(&rebuilt),
        snapshot(&dir.join("site")),
        "the rebuild differs"
    );

    // Opened from disk in Chromium, the search works.
    let Some(browser) = crate::web::chromium() else {
        return;
    };
    let site = dir.join("site");
    let reports = crate::browser::search_report(
        browser,
        &|p| format!("file://{}/{p}", site.display()),
        &site,
        &["补钙壮骨", "税务"],
        true,
    );
    let field = crate::browser::field;
    assert!(
        field(&reports[0], "status").contains("找到 1 篇"),
        "{}",
        reports[0]
    );
    assert!(
        field(&reports[0], "href").ends_with("/index.html"),
        "{}",
        reports[0]
    );
    assert!(
        field(&reports[1], "status").contains("找到"),
        "{}",
        reports[1]
    );
}

#[test]
fn a_batch_archive_holds_only_that_batch_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("b1.zip");
    let report = archive(&a, &["--batch", "第一批"]);
    assert!(report.contains("archived 8 documents"), "{report}");
    let dir = tmp.path().join("x");
    unzip(&a, &dir);
    // Pages, lists, catalog and search know only first-batch documents.
    assert_eq!(documents_in(&dir).len(), 8);
    assert!(!dir
        .join("site/experiences/chengnan-jiedao/index.html")
        .exists());
    let home = fs::read_to_string(dir.join("site/index.html")).unwrap();
    assert!(
        !home.contains("区税务局"),
        "a second-batch document on the home page"
    );
    assert!(!dir.join("site/batch/第二批").exists() && !dir.join("site/batch/di-er-pi").exists());
    let catalog: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(dir.join("catalog.json")).unwrap()).unwrap();
    assert_eq!(catalog.len(), 8);
    assert!(
        catalog.iter().all(|r| r["batch"] == "第一批"),
        "{catalog:?}"
    );
    let meta = fs::read_to_string(dir.join("site/search/meta.js")).unwrap();
    assert!(
        !meta.contains("区税务局"),
        "search knows a second-batch document"
    );
    let broken = broken_links(&dir.join("site"), None);
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(fs::read_to_string(dir.join("ARCHIVE.txt"))
        .unwrap()
        .contains("--batch 1"));
    assert!(verify(&a).0);

    // The second batch links to first-batch material: in its archive those links are text.
    let b2 = tmp.path().join("b2.zip");
    archive(&b2, &["--batch", "2"]);
    let dir2 = tmp.path().join("y");
    unzip(&b2, &dir2);
    let page = fs::read_to_string(dir2.join("site/speeches/dongyuan-bushu-er/index.html")).unwrap();
    assert!(
        page.contains("第一批编印的学习辅导材料，"),
        "link text kept"
    );
    assert!(
        !page.contains("xuexi-fudao-yi"),
        "no link out of the archive"
    );
    let broken = broken_links(&dir2.join("site"), None);
    assert!(broken.is_empty(), "{broken:#?}");
    // Its sources rebuild it with the recorded selection.
    let rebuilt = tmp.path().join("rebuilt");
    let o = run(&[
        "build",
        "--root",
        dir2.join("source").to_str().unwrap(),
        "--relative-urls",
        "--batch",
        "2",
        "--output",
        rebuilt.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(built(&rebuilt), snapshot(&dir2.join("site")));
}
