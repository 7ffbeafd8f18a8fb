//! One Markdown parser for every reader of a body: the page, the search text (the index's
//! document file under search/d/, from build and from serve) and `huibian check` read a
//! document the same way, whatever the site's Markdown options say.

use crate::common::{run, Site};

/// The text the search index keeps for the site's only document.
fn search_text(s: &Site) -> String {
    let js = s.read("search/d/0.js");
    let json = js
        .strip_prefix("huibianSearch.doc(0,")
        .and_then(|j| j.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a document file: {js}"));
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["x"].as_str().unwrap().to_string()
}

/// The codes of check's findings (JSON lines).
fn check_codes(s: &Site) -> Vec<String> {
    let out = run(&[
        "check",
        "--root",
        s.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["code"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn heading_attributes_are_not_text_for_search_or_check() {
    let s = Site::new("title: 测试\n");
    s.doc(
        "speeches/a.md",
        "title: 讲话\ndate: 2023-09-01",
        "## 第一章 总体要求 {#chapter-1}\n\n### （一）调研 {.key #sec-1}\n\n全文使用全角数字：共１２项。\n",
    );
    s.build_ok(&[]);
    let page = s.read("speeches/a/index.html");
    assert!(page.contains("id=\"chapter-1\""), "{page}");
    let text = search_text(&s);
    for (reader, text) in [("page", &page), ("search", &text)] {
        for hidden in ["{#chapter-1}", "{.key", "sec-1}"] {
            assert!(!text.contains(hidden), "{reader} shows {hidden}: {text}");
        }
    }
    assert!(text.contains("第一章 总体要求\n（一）调研\n"), "{text}");
    // The only ASCII digits are in the attributes, which no reader sees.
    let codes = check_codes(&s);
    assert!(!codes.contains(&"mixed-digits".to_string()), "{codes:?}");
}

/// Tables and footnotes off, smart punctuation on: a pipe table is a paragraph, `[^注]` is
/// text, `--` a dash and `...` an ellipsis.
const OPTIONS: &str =
    "title: 测试\nmarkdown:\n  tables: false\n  footnotes: false\n  smart_punctuation: true\n";

#[test]
fn the_site_markdown_options_hold_for_search_and_check() {
    let s = Site::new(OPTIONS);
    let rows = "| 学习贯彻主题教育精神 | 深入调查研究 |\n".repeat(20);
    s.doc(
        "speeches/a.md",
        "title: 讲话\ndate: 2023-09-01",
        &format!(
            "| 项目 | 说明 |\n|---|---|\n{rows}\n学习--贯彻...见注[^注]。\n\n[^注]: 注释 内容\n"
        ),
    );
    s.build_ok(&[]);
    let page = s.read("speeches/a/index.html");
    assert!(!page.contains("<table"), "tables are off");
    for (reader, text) in [("page", page), ("search", search_text(&s))] {
        for shown in [
            "| 项目 | 说明 |",
            "学习–贯彻…见注[^注]。",
            "[^注]: 注释 内容",
        ] {
            assert!(text.contains(shown), "{reader} lacks {shown}: {text}");
        }
    }
    // The page's first paragraph is the long pipe "table": check says so, as for any other.
    let codes = check_codes(&s);
    assert!(
        codes.contains(&"long-first-paragraph".to_string()),
        "{codes:?}"
    );
}

#[test]
fn changing_the_markdown_options_rebuilds_the_search_index() {
    let s = Site::new("title: 测试\n");
    s.doc(
        "speeches/a.md",
        "title: 讲话\ndate: 2023-09-01",
        "学习--贯彻...\n",
    );
    s.build_ok(&[]);
    assert!(search_text(&s).contains("学习--贯彻..."));
    // Same documents, other options: the index kept from the last build would be stale.
    s.write("config.yaml", OPTIONS);
    s.build_ok(&[]);
    let text = search_text(&s);
    assert!(text.contains("学习–贯彻…"), "{text}");
}

#[test]
fn serve_reads_the_search_text_with_the_site_options_too() {
    let s = Site::new(OPTIONS);
    s.doc(
        "speeches/a.md",
        "title: 讲话\ndate: 2023-09-01",
        "学习--贯彻...\n",
    );
    let p = crate::serve::Preview::start(s.root(), &[]);
    let has = |t: &'static str| move |r: &crate::serve::Reply| r.text().contains(t);
    p.wait_for("/search/d/0.js", "smart", has("学习–贯彻…"));
    s.write("config.yaml", "title: 测试\n");
    p.wait_for("/search/d/0.js", "plain", has("学习--贯彻..."));
}
