//! Issue 28, items 3–6, as the campaign office met them on import: the date a notice got, its
//! 落款 (sign-off) rendered as body text, the original Word file downloaded under a pinyin
//! name, and Word headings one level too low. Each through the binary, on real office files
//! (tests/fixtures/office, made by LibreOffice) and on text files written the way offices do.

use crate::common::{run, Site};
use std::fs;
use std::path::{Path, PathBuf};

fn site() -> Site {
    Site::new("title: 主题教育材料\nbase_url: /\n")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office")
        .join(name)
}

/// Imports, expecting success: the report.
fn import_ok(s: &Site, args: &[&str]) -> String {
    let o = run(&[&["import", "--root", s.root().to_str().unwrap()], args].concat());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "import failed:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `huibian check --format json`: (file, line, code, message) of every finding, and the exit code.
fn check(s: &Site) -> (i32, Vec<(String, u64, String, String)>) {
    let o = run(&[
        "check",
        "--root",
        s.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let found = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["file"].as_str().unwrap_or("").to_string(),
                v["line"].as_u64().unwrap_or(0),
                v["code"].as_str().unwrap_or("").to_string(),
                v["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (o.status.code().unwrap_or(-1), found)
}

/// The one document import wrote under content/ (a .md, or a bundle's index.md): its path
/// relative to the site and its text.
fn written(s: &Site) -> (String, String) {
    let docs: Vec<PathBuf> = walkdir::WalkDir::new(s.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    assert_eq!(docs.len(), 1, "{docs:?}");
    let rel = docs[0].strip_prefix(s.root()).unwrap();
    (
        rel.to_string_lossy().replace('\\', "/"),
        fs::read_to_string(&docs[0]).unwrap(),
    )
}

/// The line of the file that starts with `prefix` (1-based).
fn line_of(text: &str, prefix: &str) -> u64 {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line {prefix:?} in\n{text}")) as u64
        + 1
}

/// The built page of the document at `rel` (content/…/x.md or …/index.md).
fn page_of(s: &Site, rel: &str) -> String {
    let rel = rel.trim_start_matches("content/");
    let dir = rel
        .strip_suffix("/index.md")
        .or_else(|| rel.strip_suffix(".md"))
        .unwrap();
    s.read(&format!("{dir}/index.html"))
}

/// The HTML of the page's article body.
fn body_of(page: &str) -> &str {
    let start = page.find("class=\"doc-body").expect("no doc-body");
    let end = ["<section class=\"attachments\"", "</article>"]
        .iter()
        .filter_map(|m| page[start..].find(m))
        .min()
        .map_or(page.len(), |i| start + i);
    &page[start..end]
}

const NOTICE: &str = "关于报送整改清单的通知\n各党支部：\n    请于2024年5月31日前完成整改，并于2024年6月5日前报送整改清单。\n    特此通知。\n\n                中共某某区委组织部\n                 2024年5月8日\n";

// ---- 3: the date -----------------------------------------------------------------------------

/// A GBK notice whose running text names a deadline and which is signed `2024年5月8日` is dated
/// 2024-05-08, and the report says from which line; so is a Word notice, by its paragraph.
#[test]
fn a_notice_is_dated_by_its_signoff_not_by_a_deadline_in_its_text() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("关于报送整改清单的通知.txt");
    let (gbk, _, bad) = encoding_rs::GBK.encode(NOTICE);
    assert!(!bad);
    fs::write(&f, gbk).unwrap();
    let report = import_ok(&s, &[f.to_str().unwrap(), "--section", "experiences"]);
    let (rel, md) = written(&s);
    assert!(md.contains("\ndate: 2024-05-08\n"), "{md}");
    assert!(
        !md.contains("date_from"),
        "a sign-off date is no guess:\n{md}"
    );
    assert!(
        report.contains("date 2024-05-08 from the 落款 (sign-off), line 7: 「2024年5月8日」"),
        "{report}"
    );
    let (code, found) = check(&s);
    assert!(
        !found.iter().any(|f| f.2 == "unconfirmed-date"),
        "{found:?}"
    );
    assert_eq!(code, 0, "{found:?}");
    s.build_ok(&[]);
    let page = page_of(&s, &rel);
    assert!(page.contains("2024年5月8日"), "{page}");

    // The Word notice (Heading 1 as its title, a deadline in a paragraph, the 落款 in
    // right-aligned paragraphs after an empty one), and its .odt, .rtf and .doc.
    for ext in ["docx", "odt", "rtf", "doc"] {
        let s = site();
        let report = import_ok(
            &s,
            &[
                fixture(&format!("zhenggai.{ext}")).to_str().unwrap(),
                "--section",
                "experiences",
            ],
        );
        let (_, md) = written(&s);
        assert!(md.contains("\ndate: 2024-05-08\n"), "{ext}:\n{md}");
        assert!(
            report.contains("date 2024-05-08 from the 落款 (sign-off), paragraph "),
            "{ext}: {report}"
        );
    }
}

/// Under the title, a date line (`（2024年6月3日）`, or the speaker and the date) dates a speech
/// before the file name and the running text do; a 落款 in Chinese numerals is read too.
#[test]
fn a_date_line_under_the_title_and_a_signoff_in_chinese_numerals_are_read() {
    for (name, text, want, from) in [
        (
            "讲话20240101.txt",
            "在推进会上的讲话\n张三\n（2024年6月3日）\n同志们：要在2024年6月30日前完成。\n",
            "2024-06-03",
            "from the date line under the title, line 3: 「（2024年6月3日）」",
        ),
        (
            "讲话.txt",
            "在推进会上的讲话\n张三　2024年6月4日\n同志们：要在2024年6月30日前完成。\n",
            "2024-06-04",
            "from the date line under the title, line 2",
        ),
        (
            "讲话20240101.txt",
            "在推进会上的讲话\n同志们：要在2024年6月30日前完成。\n",
            "2024-01-01",
            "from the file name",
        ),
    ] {
        let s = site();
        let input = tempfile::tempdir().unwrap();
        let f = input.path().join(name);
        fs::write(&f, text).unwrap();
        let report = import_ok(&s, &[f.to_str().unwrap()]);
        let (_, md) = written(&s);
        assert!(md.contains(&format!("\ndate: {want}\n")), "{text}\n{md}");
        assert!(report.contains(&format!("date {want} {from}")), "{report}");
        assert!(!md.contains("date_from"), "{md}");
    }
    let s = site();
    import_ok(
        &s,
        &[
            fixture("jingyan.docx").to_str().unwrap(),
            "--section",
            "experiences",
        ],
    );
    let (_, md) = written(&s);
    // Not the 2024年4月30日 of its first paragraph: the 落款's 二〇二四年五月二十日.
    assert!(md.contains("\ndate: 2024-05-20\n"), "{md}");
    // A Markdown file without a date: its marked 落款 dates it, at the line of the file.
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("材料.md");
    fs::write(
        &f,
        "# 材料\n\n请于2024年5月31日前完成。\n\n{.signoff}\n某某局\n2024年5月8日\n",
    )
    .unwrap();
    let report = import_ok(&s, &[f.to_str().unwrap(), "--section", "guides"]);
    let (_, md) = written(&s);
    assert!(
        md.contains("\ndate: 2024-05-08\n") && !md.contains("date_from"),
        "{md}"
    );
    assert!(
        report.contains("from the 落款 (sign-off), line 7"),
        "{report}"
    );
}

/// A date import had to guess — from running text, or from the file's time — is marked in the
/// front matter, and `huibian check` warns at the mark until someone deletes it.
#[test]
fn a_guessed_date_is_marked_and_check_warns_until_it_is_confirmed() {
    for (text, mark, words) in [
        (
            "整改工作安排\n请于2024年5月31日前完成整改。\n",
            "date_from: text",
            "running text",
        ),
        (
            "整改工作安排\n请尽快完成整改。\n",
            "date_from: file",
            "modification time",
        ),
    ] {
        let s = site();
        let input = tempfile::tempdir().unwrap();
        let f = input.path().join("安排.txt");
        fs::write(&f, text).unwrap();
        let report = import_ok(&s, &[f.to_str().unwrap(), "--section", "guides"]);
        let (rel, md) = written(&s);
        assert!(md.contains(&format!("\n{mark}\n")), "{md}");
        assert!(
            report.contains(&format!("marked `{mark}` until you confirm it")),
            "{report}"
        );
        assert!(report.contains("before publishing, check:"), "{report}");
        if mark.ends_with("text") {
            assert!(md.contains("\ndate: 2024-05-31\n"), "{md}");
            assert!(
                report.contains("line 2: 「请于2024年5月31日前完成整改。」"),
                "{report}"
            );
        }
        let (code, found) = check(&s);
        let warned: Vec<_> = found.iter().filter(|f| f.2 == "unconfirmed-date").collect();
        assert_eq!(warned.len(), 1, "{found:?}");
        assert_eq!(warned[0].0, rel);
        assert_eq!(warned[0].1, line_of(&md, "date_from:"), "at the mark");
        assert!(warned[0].3.contains(words), "{:?}", warned[0]);
        assert_eq!(code, 0, "a warning, which fails only --strict ({found:?})");
        s.build_ok(&[]);
        // Confirmed: the line deleted, check is quiet about the date.
        let confirmed: String = md
            .lines()
            .filter(|l| !l.starts_with("date_from:"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(s.root().join(&rel), confirmed).unwrap();
        let (_, found) = check(&s);
        assert!(
            !found.iter().any(|f| f.2 == "unconfirmed-date"),
            "{found:?}"
        );
    }
    // --date is no guess; a Markdown file's own date is kept and not marked.
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("安排.txt");
    fs::write(&f, "整改工作安排\n请尽快完成整改。\n").unwrap();
    import_ok(
        &s,
        &[
            f.to_str().unwrap(),
            "--section",
            "guides",
            "--date",
            "2024-05-09",
        ],
    );
    let (_, md) = written(&s);
    assert!(
        md.contains("\ndate: 2024-05-09\n") && !md.contains("date_from"),
        "{md}"
    );
    let s = site();
    let f = input.path().join("自带日期.md");
    fs::write(
        &f,
        "---\ntitle: 自带日期\ndate: 2024-05-10\n---\n请尽快完成。\n",
    )
    .unwrap();
    import_ok(&s, &[f.to_str().unwrap(), "--section", "guides"]);
    let (_, md) = written(&s);
    assert!(
        md.contains("date: 2024-05-10\n") && !md.contains("date_from"),
        "{md}"
    );
}

/// A mark with another value is an error at its line that says what the line is for.
#[test]
fn a_date_from_mark_with_another_value_is_an_error_at_its_line() {
    let s = site();
    s.doc(
        "guides/a.md",
        "title: 安排\ndate: 2024-05-10\ndate_from: wenben",
        "正文。\n",
    );
    let err = s.build_err(&[]);
    assert!(err.contains("content/guides/a.md:4"), "{err}");
    assert!(
        err.contains("`date_from: wenben` is neither `text` nor `file`")
            && err.contains("delete the line"),
        "{err}"
    );
}

// ---- 4: the 落款 -------------------------------------------------------------------------------

/// Import writes the 落款 under its mark, and the page has it as a sign-off block whose lines
/// are the unit and the date, apart; the text above stays body text.
#[test]
fn the_signoff_is_recognised_on_import_and_marked_on_the_page() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("通知.txt");
    fs::write(&f, NOTICE).unwrap();
    import_ok(&s, &[f.to_str().unwrap(), "--section", "experiences"]);
    let (rel, md) = written(&s);
    assert!(
        md.ends_with("特此通知。\n\n{.signoff}\n中共某某区委组织部\n2024年5月8日\n"),
        "{md}"
    );
    s.build_ok(&[]);
    let page = page_of(&s, &rel);
    let body = body_of(&page);
    assert!(
        body.contains("<p>特此通知。</p>\n<div class=\"signoff\">\n<p><span>中共某某区委组织部</span></p>\n<p><span>2024年5月8日</span></p>\n</div>"),
        "{body}"
    );
    // The placeholder warning of the unit line points at that line of the written file.
    let (_, found) = check(&s);
    let unit_line = line_of(&md, "中共某某区委组织部");
    assert!(
        found
            .iter()
            .any(|f| f.2 == "placeholder" && f.1 == unit_line),
        "{found:?}"
    );

    // Each office format, from right-aligned Word paragraphs after an empty one.
    for ext in ["docx", "odt", "rtf", "doc"] {
        let s = site();
        import_ok(
            &s,
            &[
                fixture(&format!("zhenggai.{ext}")).to_str().unwrap(),
                "--section",
                "experiences",
            ],
        );
        let (rel, md) = written(&s);
        assert!(
            md.ends_with("{.signoff}\n中共某某区委主题教育领导小组办公室\n2024年5月8日\n"),
            "{ext}:\n{md}"
        );
        s.build_ok(&[]);
        let page = page_of(&s, &rel);
        assert!(
            body_of(&page).contains("<div class=\"signoff\">\n<p><span>中共某某区委主题教育领导小组办公室</span></p>\n<p><span>2024年5月8日</span></p>\n</div>"),
            "{ext}: {page}"
        );
    }
}

/// Endings that are no 落款 stay text: a sentence last, a closing formula above the date,
/// a bare `2023.9.1`, a date inside a sentence; and `{.signoff}` typed in a text stays text.
#[test]
fn endings_that_are_no_signoff_stay_body_text() {
    for (text, tail, blocks) in [
        (
            "通知\n正文。\n中共某某区委组织部\n请按时报送。\n",
            "组织部\n\n请按时报送。\n",
            0,
        ),
        (
            "通知\n正文。\n特此通知\n2024年5月8日\n",
            "特此通知\n\n{.signoff}\n2024年5月8日\n",
            1,
        ),
        ("提纲\n正文。\n2023.9.1\n", "正文。\n\n2023.9.1\n", 0),
        (
            "通知\n正文。\n于2024年5月8日印发\n",
            "正文。\n\n于2024年5月8日印发\n",
            0,
        ),
        (
            "通知\n{.signoff}\n单位\n2024年5月8日\n",
            "\\{.signoff}\n\n{.signoff}\n单位\n2024年5月8日\n",
            1,
        ),
        (
            "通知\n正文。\n一、要求\n二、措施\n2024年5月8日\n",
            "## 二、措施\n\n{.signoff}\n2024年5月8日\n",
            1,
        ),
    ] {
        let s = site();
        let input = tempfile::tempdir().unwrap();
        let f = input.path().join("通知.txt");
        fs::write(&f, text).unwrap();
        import_ok(&s, &[f.to_str().unwrap(), "--section", "experiences"]);
        let (rel, md) = written(&s);
        assert!(md.ends_with(tail), "{text:?} →\n{md}");
        s.build_ok(&[]);
        let body = body_of(&page_of(&s, &rel)).to_string();
        assert_eq!(
            body.matches("class=\"signoff\"").count(),
            blocks,
            "{text:?}: {body}"
        );
        if text.contains("\n{.signoff}\n单位") {
            assert!(
                body.contains("<p>{.signoff}</p>"),
                "typed text shown: {body}"
            );
        }
    }
}

/// A writer marks the 落款 in Markdown with a line `{.signoff}` above it (or as a paragraph of
/// its own before it); the block survives the sanitiser when the page has raw HTML, and is
/// neither counted in the summary nor found as the word "signoff".
#[test]
fn a_writer_marks_the_signoff_in_markdown() {
    let s = site();
    s.doc(
        "experiences/a.md",
        "title: 甲材料\ndate: 2024-05-08",
        "正文写在这里。\n\n{.signoff}\n某某县教育局\n2024年5月8日\n",
    );
    s.doc(
        "experiences/b.md",
        "title: 乙材料\ndate: 2024-05-08",
        "正文<u>下划线</u>。\n\n{.signoff}\n\n**某某县教育局**\n2024年5月8日\n",
    );
    s.build_ok(&[]);
    let a = s.read("experiences/a/index.html");
    assert!(
        a.contains("<div class=\"signoff\">\n<p><span>某某县教育局</span></p>\n<p><span>2024年5月8日</span></p>\n</div>"),
        "{a}"
    );
    assert!(!a.contains("{.signoff}"), "{a}");
    let b = s.read("experiences/b/index.html");
    assert!(
        b.contains("<div class=\"signoff\">\n<p><span><strong>某某县教育局</strong></span></p>\n<p><span>2024年5月8日</span></p>\n</div>"),
        "sanitised page keeps the block: {b}"
    );
    let index: String = walkdir::WalkDir::new(s.out().join("search"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| String::from_utf8_lossy(&fs::read(e.path()).unwrap()).into_owned())
        .collect();
    assert!(!index.contains("signoff"), "the mark is not indexed");
}

/// In Chromium, in both themes, on a desktop and a phone and in print: the date stands four
/// characters in from the right edge of the text; a short unit is centred over it; a unit too
/// long for that stands two characters in from the edge; nothing scrolls sideways.
#[test]
fn the_signoff_stands_right_aligned_in_chromium_in_both_themes_and_in_print() {
    let Some(browser) = crate::web::chromium() else {
        return;
    };
    let para = "为推动主题教育检视出的问题整改落实到位，现将有关事项通知如下，各单位要结合实际认真贯彻落实，确保取得实效。".repeat(3);
    for theme in ["default", "gongwen"] {
        let s = Site::new(&format!("title: 落款\ntheme: {theme}\n"));
        for (slug, signoff) in [
            ("short", "某某县教育局\n2024年5月8日"),
            ("long", "中共某某市委主题教育领导小组办公室\n2024年5月8日"),
            ("alone", "2024年5月8日"),
        ] {
            s.doc(
                &format!("experiences/{slug}.md"),
                &format!("title: {slug}\ndate: 2024-05-08"),
                &format!("{para}\n\n{para}\n\n{{.signoff}}\n{signoff}\n"),
            );
        }
        s.build_ok(&[]);
        let server = crate::web::serve(&s.out());
        for width in [1366, 390] {
            let frames: String = ["short", "long", "alone"]
                .iter()
                .map(|p| format!("<iframe src=\"/experiences/{p}/\" width=\"{width}\" height=\"1400\"></iframe>"))
                .collect();
            fs::write(
                s.out().join("harness.html"),
                format!("<!DOCTYPE html><meta charset=\"utf-8\"><pre id=\"result\">pending</pre>{frames}<script>{MEASURE_JS}</script>"),
            )
            .unwrap();
            let dom = crate::web::headless(
                browser,
                None,
                &[
                    "--virtual-time-budget=15000".into(),
                    "--dump-dom".into(),
                    server.url("harness.html"),
                ],
            );
            let r = crate::web::result_of(&dom);
            let rows: Vec<Vec<f64>> = r
                .lines()
                .map(|l| {
                    l.split(' ')
                        .map(|n| n.parse().unwrap_or(f64::NAN))
                        .collect()
                })
                .collect();
            assert_eq!(
                rows.len(),
                3,
                "{theme} {width}px: the harness did not report:\n{dom}"
            );
            let at = format!("{theme} at {width}px");
            for (name, row) in ["short", "long", "alone"].iter().zip(&rows) {
                let [date_gap, unit_gap, centre, scrolls, indent, inside] = row[..] else {
                    panic!("{row:?}")
                };
                assert!(
                    inside.is_nan() || inside >= -0.05,
                    "{at}, {name}: the unit starts {inside} characters left of the text"
                );
                assert!(
                    (3.6..=4.4).contains(&date_gap),
                    "{at}, {name}: the date {date_gap} characters in from the right"
                );
                assert_eq!(scrolls, 0.0, "{at}, {name}: the page scrolls sideways");
                assert_eq!(
                    indent, 0.0,
                    "{at}, {name}: the sign-off is indented as a paragraph"
                );
                match *name {
                    "short" => assert!(
                        centre.abs() < 0.3,
                        "{at}: the unit is {centre} characters off the date's centre"
                    ),
                    "long" => assert!(
                        (1.8..=2.2).contains(&unit_gap),
                        "{at}: the long unit {unit_gap} characters in from the right"
                    ),
                    _ => assert!(unit_gap.is_nan(), "{at}: no unit line"),
                }
            }
        }
        printed(browser, &server, theme);
    }
}

/// Per page, one line: the date's distance from the text block's right edge, the unit's, the
/// unit's centre less the date's (all in characters of the sign-off's font), whether the page
/// scrolls sideways, the first line's indent, the unit's distance from the block's left edge.
const MEASURE_JS: &str = r#"
window.addEventListener('load', () => {
  const out = [];
  for (const f of document.querySelectorAll('iframe')) {
    const d = f.contentDocument;
    const body = d.querySelector('.doc-body'), cs = getComputedStyle(body);
    const right = body.getBoundingClientRect().right - parseFloat(cs.paddingRight);
    const spans = [...d.querySelectorAll('.signoff p > span')];
    const em = parseFloat(getComputedStyle(spans[0]).fontSize);
    const left = body.getBoundingClientRect().left + parseFloat(cs.paddingLeft);
    const date = spans[spans.length - 1].getBoundingClientRect();
    const unit = spans.length > 1 ? spans[0].getBoundingClientRect() : null;
    const gap = r => ((right - r.right) / em).toFixed(2);
    const centre = unit ? (((unit.left + unit.right) - (date.left + date.right)) / 2 / em).toFixed(2) : 'NaN';
    const scrolls = d.documentElement.scrollWidth > d.documentElement.clientWidth ? 1 : 0;
    const indent = parseFloat(getComputedStyle(d.querySelector('.signoff p')).textIndent);
    const inside = unit ? ((unit.left - left) / em).toFixed(2) : 'NaN';
    out.push([gap(date), unit ? gap(unit) : 'NaN', centre, scrolls, indent, inside].join(' '));
  }
  document.getElementById('result').textContent = out.join('\n');
});
"#;

/// The short and the long sign-off printed to PDF: the date's right end four characters (of
/// the 16 pt print body) short of the right end of the justified lines, the short unit centred
/// over it.
fn printed(browser: &str, server: &crate::web::Server, theme: &str) {
    let dir = tempfile::tempdir().unwrap();
    for page in ["short", "long"] {
        let pdf = dir.path().join(format!("{page}.pdf"));
        crate::web::headless(
            browser,
            None,
            &[
                format!("--print-to-pdf={}", pdf.display()),
                server.url(&format!("experiences/{page}/")),
            ],
        );
        let o = std::process::Command::new("pdftotext")
            .args(["-bbox", "-f", "1", "-l", "1"])
            .arg(&pdf)
            .arg("-")
            .output();
        let Some(o) = o.ok().filter(|o| o.status.success()) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install poppler-utils (pdftotext)"
            );
            return;
        };
        let words = pdf_words(&String::from_utf8_lossy(&o.stdout));
        let date = words
            .iter()
            .rev()
            .find(|w| w.4.contains("2024年5月8日") || w.4.ends_with("8日"))
            .unwrap_or_else(|| panic!("{theme} {page}: no date printed: {words:?}"));
        let unit = words
            .iter()
            .find(|w| w.4.contains("教育局") || w.4.contains("办公室"))
            .unwrap_or_else(|| panic!("{theme} {page}: no unit printed: {words:?}"));
        let block_right = words.iter().map(|w| w.2).fold(0.0, f64::max);
        let em = 16.0;
        let gap = (block_right - date.2) / em;
        assert!(
            (3.5..=4.5).contains(&gap),
            "{theme} {page} in print: the date {gap:.2} characters in from the right ({date:?}, lines end at {block_right})"
        );
        if page == "short" {
            let off = ((unit.0 + unit.2) - (date.0 + date.2)) / 2.0 / em;
            assert!(
                off.abs() < 0.4,
                "{theme} in print: the unit {off:.2} characters off the date's centre"
            );
        } else {
            let unit_gap = (block_right - unit.2) / em;
            assert!(
                (1.5..=2.5).contains(&unit_gap),
                "{theme} in print: the long unit {unit_gap:.2} characters in from the right"
            );
        }
    }
}

/// (xMin, yMin, xMax, yMax, text) of every word pdftotext -bbox found.
fn pdf_words(html: &str) -> Vec<(f64, f64, f64, f64, String)> {
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let i = tag.find(&key).unwrap() + key.len();
        tag[i..i + tag[i..].find('"').unwrap()].parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap().to_string();
            (
                attr(tag, "xMin"),
                attr(tag, "yMin"),
                attr(tag, "xMax"),
                attr(tag, "yMax"),
                text,
            )
        })
        .collect()
}

// ---- 5: the original's name -------------------------------------------------------------------

/// The imported original is kept under the office's own file name: the link says
/// `原件：经验交流材料.docx`, points (percent-encoded) at that file, downloads it, and the
/// bytes are the original's. Names Windows cannot hold are made safe, and say so.
#[test]
fn an_imported_original_keeps_its_own_name() {
    let original = fs::read(fixture("jingyan.docx")).unwrap();
    for (name, saved) in [
        ("经验交流材料.docx", "经验交流材料.docx"),
        (
            "第2批 方案(终稿)#3 100%.docx",
            "第2批 方案(终稿)#3 100%.docx",
        ),
        ("方案:终稿?.docx", "方案_终稿_.docx"),
        ("CON.docx", "CON_.docx"),
        ("报告\u{1}.docx", "报告_.docx"),
        (
            format!("{}.docx", "a".repeat(200)).as_str(),
            format!("{}.docx", "a".repeat(80)).as_str(),
        ),
        (
            " .docx",
            "di-er-dang-zhi-bu-san-ge-ju-jiao-tui-dong-wen-ti-zheng-gai.docx",
        ),
    ] {
        let s = site();
        let input = tempfile::tempdir().unwrap();
        let f = input.path().join(name);
        fs::write(&f, &original).unwrap();
        let report = import_ok(&s, &[f.to_str().unwrap(), "--section", "experiences"]);
        let (rel, md) = written(&s);
        let bundle = s.root().join(&rel).parent().unwrap().to_path_buf();
        assert_eq!(
            fs::read(bundle.join(saved)).unwrap_or_default(),
            original,
            "{name}: not kept as {saved}"
        );
        // The link's title names the file it downloads.
        assert!(md.contains(&format!("原件：{saved}")), "{md}");
        if saved != name {
            assert!(report.contains(&format!("kept as `{saved}`")), "{report}");
        }
        s.build_ok(&[]);
        let page = page_of(&s, &rel);
        let link = page
            .split("<a ")
            .find(|a| a.contains(&format!(">原件：{saved}</a>")))
            .unwrap_or_else(|| panic!("no link to the original in {page}"));
        let href = crate::common::attr_values(&format!(" {link}"), "href")[0].clone();
        assert!(
            href.is_ascii() && !href.contains([' ', '#', '?']),
            "{name}: {href} is not one encoded URL path"
        );
        let file = href.rsplit('/').next().unwrap();
        assert_eq!(huibian::site::urls::percent_decode(file), saved, "{href}");
        assert!(link.contains(" download"), "{link}");
        assert_eq!(
            fs::read(s.out().join(huibian::site::urls::percent_decode(
                href.trim_start_matches('/')
            )))
            .unwrap_or_default(),
            original,
            "{name}: {href} is not the original in the output"
        );
        let broken = crate::common::broken_links(&s.out(), Some("/"));
        assert!(broken.is_empty(), "{broken:?}");
    }
}

/// Served over HTTP (as nginx would decode it), the encoded link — its `#` and space escaped —
/// fetches the original under its own name.
#[test]
fn the_original_is_served_at_its_encoded_link() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("经验交流材料 #2.docx");
    fs::copy(fixture("jingyan.docx"), &f).unwrap();
    import_ok(&s, &[f.to_str().unwrap(), "--section", "experiences"]);
    s.build_ok(&[]);
    let (rel, _) = written(&s);
    let page = page_of(&s, &rel);
    let href = crate::common::attr_values(&page, "href")
        .into_iter()
        .find(|h| h.ends_with(".docx"))
        .unwrap();
    assert_eq!(
        huibian::site::urls::percent_decode(href.rsplit('/').next().unwrap()),
        "经验交流材料 #2.docx",
        "{href}"
    );
    let server = crate::web::serve(&s.out());
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    use std::io::{Read, Write};
    write!(
        stream,
        "GET {href} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut got = Vec::new();
    stream.read_to_end(&mut got).unwrap();
    let head = String::from_utf8_lossy(&got[..got.len().min(200)]).to_string();
    assert!(head.starts_with("HTTP/1.1 200"), "{href}: {head}");
    let split = got.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(&got[split..], fs::read(&f).unwrap().as_slice());
}

// ---- 6: Word heading levels -------------------------------------------------------------------

/// The headings of the page, in order, as (level, text).
fn headings(body: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("<h") {
        rest = &rest[i + 2..];
        let Some(level) = rest.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        let text = rest[rest.find('>').unwrap() + 1..rest.find("</h").unwrap()].to_string();
        out.push((level as u8, crate::common::visible_text(&text)));
    }
    out
}

/// A Word document whose Heading 1 is its title, and one whose headings start at Heading 2
/// under a Title, import with their highest heading level as `##` (the page's h2), the next as
/// `###`, in .docx, .odt, .rtf and .doc alike.
#[test]
fn word_headings_start_at_h2_whatever_level_the_file_starts_at() {
    let notice = vec![
        (2, "一、整改范围".to_string()),
        (3, "（一）理论学习方面".to_string()),
        (3, "（二）作风建设方面".to_string()),
        (2, "二、工作要求".to_string()),
    ];
    let writeup = vec![
        (2, "一、聚焦问题，建立清单".to_string()),
        (3, "（一）逐项梳理".to_string()),
        (3, "（二）动态更新".to_string()),
        (2, "二、聚焦责任，压实担子".to_string()),
        (2, "三、聚焦实效，群众评判".to_string()),
    ];
    for (file, title, want) in [
        ("zhenggai", "关于推动问题整改落实的通知", &notice),
        (
            "jingyan",
            "第二党支部“三个聚焦”推动问题整改的经验交流材料",
            &writeup,
        ),
    ] {
        for ext in ["docx", "odt", "rtf", "doc"] {
            let s = site();
            import_ok(
                &s,
                &[
                    fixture(&format!("{file}.{ext}")).to_str().unwrap(),
                    "--section",
                    "experiences",
                ],
            );
            let (rel, md) = written(&s);
            assert!(
                md.contains(&format!("\ntitle: {title}\n")),
                "{file}.{ext}:\n{md}"
            );
            assert!(!md.contains("\n#### "), "{file}.{ext}:\n{md}");
            s.build_ok(&[]);
            let page = page_of(&s, &rel);
            let body = body_of(&page);
            assert_eq!(&headings(body), want, "{file}.{ext}: {body}");
            assert!(page.contains(&format!("<h1>{title}</h1>")), "{file}.{ext}");
        }
    }
}
