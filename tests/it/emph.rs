//! Emphasis by the CJK-friendly amendment to CommonMark (tats-u/markdown-cjk-friendly), seen
//! where a reader sees it: pages built through the binary, the search index's text, and what
//! `huibian check` still reports. The examples are the issue's, the amendment's own (its
//! testcases/ and README, Chinese first, with the Japanese and Korean ones that show a rule),
//! and CommonMark's cases that must stay as they are.

use crate::common::{run, visible_text, Site};
use std::path::Path;

/// A site whose one document has `paragraphs` as its body, one paragraph each, built.
fn built(paragraphs: &[&str]) -> (Site, String) {
    let s = Site::new("title: 强调\n");
    s.doc(
        "speeches/a.md",
        "title: 强调测试\ndate: 2023-09-01",
        &paragraphs.join("\n\n"),
    );
    s.build_ok(&[]);
    let page = s.read("speeches/a/index.html");
    (s, page)
}

/// Each `(markdown, html)`: the paragraph renders as `<p>html</p>` on the page.
fn renders(cases: &[(&str, &str)]) {
    let md: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let (_, page) = built(&md);
    for (md, html) in cases {
        assert!(
            page.contains(&format!("<p>{html}</p>")),
            "{md}\n  should render as <p>{html}</p>\n  page:\n{page}"
        );
    }
}

#[test]
fn the_issues_examples_are_bold() {
    renders(&[
        ("要突出**“快”**字当头", "要突出<strong>“快”</strong>字当头"),
        (
            "**该星号不会被识别，而是直接显示。**这是因为……",
            "<strong>该星号不会被识别，而是直接显示。</strong>这是因为……",
        ),
    ]);
}

#[test]
fn the_amendments_chinese_examples_are_bold() {
    let mut cases: Vec<(String, String)> = Vec::new();
    // testcases/strong.md: a mark of every kind just inside the closing `**`, 她 outside.
    for p in "，。、；：？！“”‘’（）【】《》—～…·〃-々".chars() {
        cases.push((format!("**真{p}**她"), format!("<strong>真{p}</strong>她")));
    }
    // …and just inside the opening one, 真 outside.
    for p in "（【《".chars() {
        cases.push((format!("真**{p}她**"), format!("真<strong>{p}她</strong>")));
    }
    for (md, html) in [
        ("**真**，她", "<strong>真</strong>，她"),
        ("**真，** 她", "<strong>真，</strong> 她"),
        (
            "**推荐几个框架：**React、Vue等前端框架。",
            "<strong>推荐几个框架：</strong>React、Vue等前端框架。",
        ),
        (
            "Git**（注：不是GitHub）**",
            "Git<strong>（注：不是GitHub）</strong>",
        ),
        ("我是**“美國人”**。", "我是<strong>“美國人”</strong>。"),
        // ASCII punctuation inside, a Chinese character outside: still bold.
        ("政策**(试行)**规定", "政策<strong>(试行)</strong>规定"),
        (
            "**该星号不会被识别，而是直接显示。**这是因为它没有被识别为强调符号。",
            "<strong>该星号不会被识别，而是直接显示。</strong>这是因为它没有被识别为强调符号。",
        ),
    ] {
        cases.push((md.into(), html.into()));
    }
    let cases: Vec<(&str, &str)> = cases.iter().map(|(m, h)| (&**m, &**h)).collect();
    renders(&cases);
}

#[test]
fn the_amendments_japanese_and_korean_examples_show_its_other_rules() {
    renders(&[
        (
            "これは**私のやりたかったこと。**だからするの。",
            "これは<strong>私のやりたかったこと。</strong>だからするの。",
        ),
        // A Han character outside the Basic Multilingual Plane before ASCII punctuation.
        (
            "𰻞𰻞**(ビャンビャン)**麺",
            "𰻞𰻞<strong>(ビャンビャン)</strong>麺",
        ),
        // An ideographic variation selector, then a standard one, before the run.
        (
            "葛\u{E0100}**(こちらが正式表記)**城市",
            "葛\u{E0100}<strong>(こちらが正式表記)</strong>城市",
        ),
        (
            "大塚\u{FE00}**(U+585A U+FE00)**",
            "大塚\u{FE00}<strong>(U+585A U+FE00)</strong>",
        ),
        // A full-width quote (“ with U+FE01) counts as CJK punctuation.
        (
            "**“\u{FE01}Git”\u{FE01}**Hub",
            "<strong>“\u{FE01}Git”\u{FE01}</strong>Hub",
        ),
        // Hangul counts as CJK.
        (
            "**스크립트(script)**라고",
            "<strong>스크립트(script)</strong>라고",
        ),
        (
            "패키지를 발행하려면 **`npm publish`**를 실행하십시오.",
            "패키지를 발행하려면 <strong><code>npm publish</code></strong>를 실행하십시오.",
        ),
        // CJK symbols that are also emoji without their emoji selector.
        ("a**〰**a", "a<strong>〰</strong>a"),
        // Underscores: only the variation-selector rule is new for them.
        ("__注意__：注意事項", "<strong>注意</strong>：注意事項"),
        (
            "正體字。\u{FE01}_Traditional._",
            "正體字。\u{FE01}<em>Traditional.</em>",
        ),
    ]);
}

#[test]
fn what_the_amendment_and_commonmark_leave_as_text_stays_text() {
    renders(&[
        // testcases/non-bmp.md: non-CJK punctuation inside, a Latin letter outside.
        ("a**a«**a", "a**a«**a"),
        ("a**»a**a", "a**»a**a"),
        ("a**a∇**a", "a**a∇**a"),
        ("a**𝜵a**a", "a**𝜵a**a"),
        // Spaces inside the markers.
        ("这是** 重点 **的要求", "这是** 重点 **的要求"),
        ("a * b * c", "a * b * c"),
        ("\\*\\*转义\\*\\*", "**转义**"),
        ("`**代码**`", "<code>**代码**</code>"),
        // `_` inside a word is no emphasis (nor in Chinese: it needs punctuation before it).
        ("snake_case_name", "snake_case_name"),
        ("中文_下划线_中文", "中文_下划线_中文"),
        // CommonMark: `*` may stand inside a word, so this is emphasis in any renderer.
        ("2*3*4", "2<em>3</em>4"),
        ("a*\"foo\"*", "a*\"foo\"*"),
    ]);
}

#[test]
fn links_code_and_urls_keep_their_asterisks() {
    let (_, page) = built(&[
        "见[**“快”**字](https://example.cn/a*b*c)当头",
        "地址<https://example.cn/**x**>。",
        "**见[附件](https://example.cn/f)。**后文",
        "|**真，**她|`**`|\n|-|-|\n|**“快”**字|b|",
        "## **“快”**字当头",
        "- **要求。**一是",
        "> **引文。**后文",
    ]);
    for want in [
        "<a href=\"https://example.cn/a*b*c\"><strong>“快”</strong>字</a>当头",
        "<a href=\"https://example.cn/**x**\">https://example.cn/**x**</a>",
        "<strong>见<a href=\"https://example.cn/f\">附件</a>。</strong>后文",
        "<strong>真，</strong>她",
        "<code>**</code>",
        "<strong>“快”</strong>字",
        "<strong>“快”</strong>字当头</h2>",
        "<li><strong>要求。</strong>一是</li>",
        "<strong>引文。</strong>后文",
    ] {
        assert!(page.contains(want), "no {want} in\n{page}");
    }
}

#[test]
fn a_run_in_lead_with_its_full_stop_inside_the_markers_is_a_lead() {
    // The way speeches are numbered; before the amendment its `**` showed and it was no lead.
    let (_, page) = built(&[
        "**一、总体要求。**要把握好。",
        "**（二）工作措施。**要抓好。",
    ]);
    assert!(
        page.contains("<strong class=\"lead\" id=\"一总体要求\">一、总体要求。</strong>要把握好。"),
        "{page}"
    );
    assert!(page.contains("id=\"二工作措施\""), "{page}");
}

/// What the search index keeps of a site's only document.
fn search_text(s: &Site) -> String {
    let js = s.read("search/d/0.js");
    let json = js
        .strip_prefix("huibianSearch.doc(0,")
        .and_then(|j| j.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a document file: {js}"));
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["x"].as_str().unwrap().to_string()
}

#[test]
fn the_search_text_has_the_page_s_emphasis_not_its_asterisks() {
    let (s, _) = built(&["要突出**“快”**字当头", "这是** 重点 **的要求"]);
    let text = search_text(&s);
    assert!(text.contains("要突出“快”字当头"), "{text}");
    // What the page shows as text, search keeps as text.
    assert!(text.contains("这是** 重点 **的要求"), "{text}");
}

/// check's findings as (code, line, message, fix).
fn check(s: &Site) -> Vec<(String, u64, String, String)> {
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
            (
                v["code"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap_or(0),
                v["message"].as_str().unwrap().to_string(),
                v["fix"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn of<'a>(
    f: &'a [(String, u64, String, String)],
    code: &str,
) -> Vec<&'a (String, u64, String, String)> {
    f.iter().filter(|x| x.0 == code).collect()
}

#[test]
fn check_reports_only_what_stays_text_and_a_failed_pair_once() {
    let s = Site::new("title: 检查\n");
    // Body lines: 5 bold by the amendment, 7 a pair with spaces, 9 a lone marker, 11 two
    // pairs in one paragraph, 13 a pair around a link, 15 escaped asterisks.
    s.doc(
        "speeches/a.md",
        "title: 强调\ndate: 2023-09-01",
        "要突出**“快”**字当头，**该星号不会被识别，而是直接显示。**这是因为……\n\n\
         这是** 重点 **的要求。\n\n\
         这是**重点的要求。\n\n\
         一要** 学 **；二要 ** 做 **。\n\n\
         见** [附件](f.pdf) **。\n\n\
         \\*\\*不是强调\\*\\*。\n",
    );
    let f = check(&s);
    let lit = of(&f, "literal-emphasis");
    let lines: Vec<u64> = lit.iter().map(|x| x.1).collect();
    assert_eq!(lines, [7, 9, 11, 11, 13], "{lit:#?}");
    assert!(lit[0].2.contains("「重点」"), "{lit:#?}");
    assert!(lit[0].3.contains("`**重点**`"), "{lit:#?}");
    assert!(lit[1].2.contains("no partner"), "{lit:#?}");
}

#[test]
fn check_reports_ascii_quotes_beside_chinese_in_titles_and_bodies() {
    let s = Site::new("title: 检查\n");
    s.doc(
        "speeches/a.md",
        "title: 要落实\"四个一\"工作要求\ndate: 2023-09-01",
        "要落实\"四个一\"工作要求。\n\n他说'双减'要落实。\n\nHe said \"don't\" in English.\n\n要\\\"转义\\\"的不算。\n",
    );
    let f = check(&s);
    let quotes = of(&f, "ascii-punctuation");
    let got: Vec<(u64, &str)> = quotes.iter().map(|x| (x.1, x.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (2, "use the full-width quotes: `“四个一”`"),
            (5, "use the full-width quotes: `“四个一”`"),
            (7, "use the full-width quotes: `‘双减’`"),
        ],
        "{quotes:#?}"
    );
    assert!(quotes[0].2.starts_with("in the title: "), "{quotes:#?}");
}

#[test]
fn the_sample_site_shows_no_literal_asterisks() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "build",
        "--root",
        repo.to_str().unwrap(),
        "--output",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut pages = 0;
    for e in walkdir::WalkDir::new(out.path()) {
        let e = e.unwrap();
        let name = e.path().to_string_lossy().into_owned();
        if name.ends_with(".html") || name.contains("/search/d/") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let shown = if name.ends_with(".html") {
                visible_text(&strip_scripts(&text))
            } else {
                text
            };
            assert!(!shown.contains("**"), "{name} shows `**`");
            pages += 1;
        }
    }
    assert!(pages > 20, "{pages} pages");
    // The sample's leads (`**下沉一线找问题。**街道…`) need the amendment to be bold.
    let page =
        std::fs::read_to_string(out.path().join("experiences/chengnan-jiedao/index.html")).unwrap();
    assert!(
        page.contains("<strong>下沉一线找问题。</strong>街道"),
        "{page}"
    );
}

fn strip_scripts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        out.push_str(&rest[..i]);
        rest = rest[i..]
            .find("</script>")
            .map_or("", |j| &rest[i + j + 9..]);
    }
    out.push_str(rest);
    out
}
