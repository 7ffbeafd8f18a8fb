//! Markdown as a reader sees it: CJK soft breaks (CJK.md's examples), links between documents,
//! footnotes and tables.

use crate::common::Site;

fn body(s: &Site, slug: &str) -> String {
    let html = s.read(&format!("a/{slug}/index.html"));
    let start = html.find("<div class=\"doc-body\">").unwrap();
    let end = html[start..].find("</div>").unwrap();
    html[start..start + end].to_string()
}

#[test]
fn cjk_soft_breaks_joined_and_kept_as_cjk_md_says() {
    let s = Site::new("title: t\n");
    let cases = [
        ("j1", "学习\n贯彻", "<p>学习贯彻</p>"),
        ("j2", "做好“三件事”，\n落实", "<p>做好“三件事”，落实</p>"),
        ("j3", "要求：\n“早谋划", "<p>要求：“早谋划</p>"),
        (
            "j4",
            "这是**重点**\n后文",
            "<p>这是<strong>重点</strong>后文</p>",
        ),
        ("k1", "使用\nRust", "<p>使用\nRust</p>"),
        ("k2", "`code`\n后文", "<p><code>code</code>\n后文</p>"),
        (
            "k3",
            "总体要求：\n一、提高认识",
            "<p>总体要求：<br />\n一、提高认识</p>",
        ),
        (
            "k4",
            "第一段结尾  \n第二行",
            "<p>第一段结尾<br />\n第二行</p>",
        ),
    ];
    for (slug, md, _) in cases {
        s.doc(&format!("a/{slug}.md"), "title: 例\ndate: 2023-09-01", md);
    }
    s.build_ok(&[]);
    for (slug, md, want) in cases {
        assert!(body(&s, slug).contains(want), "{md:?}: {}", body(&s, slug));
    }
}

#[test]
fn cjk_line_breaks_can_be_turned_off() {
    let s = Site::new("title: t\nmarkdown:\n  cjk_line_breaks: false\n");
    s.doc("a/x.md", "title: 例\ndate: 2023-09-01", "学习\n贯彻");
    s.build_ok(&[]);
    assert!(body(&s, "x").contains("<p>学习\n贯彻</p>"));
}

#[test]
fn links_to_md_files_become_urls() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/one.md",
        "title: 一\ndate: 2023-09-01",
        "见[二](../b/two.md#二总体要求)和[外部](https://example.org/)。\n",
    );
    s.doc(
        "b/two.md",
        "title: 二\ndate: 2023-09-02",
        "## 二、总体要求\n\n正文\n",
    );
    s.build_ok(&[]);
    let one = s.read("a/one/index.html");
    // pulldown-cmark percent-encodes non-ASCII in hrefs; browsers decode it to the same id.
    assert!(
        one.contains("href=\"/b/two/#%E4%BA%8C%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82\""),
        "{one}"
    );
    assert!(one.contains("href=\"https://example.org/\""));
    s.build_ok(&["--relative-urls"]);
    assert!(s
        .read("a/one/index.html")
        .contains("href=\"../../b/two/index.html#%E4%BA%8C"));
}

#[test]
fn footnotes_tables_and_summary() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/x.md",
        "title: 例\ndate: 2023-09-01",
        "同志们：\n\n正文第一句。正文第二句[^1]。\n\n| 阶段 | 时间 |\n|---|---|\n| 学习 | 4月 |\n\n[^1]: 注释内容。\n",
    );
    s.build_ok(&[]);
    let b = body(&s, "x");
    assert!(b.contains("<table>") && b.contains("<td>学习</td>"));
    assert!(b.contains("footnote-definition") && b.contains("注释内容"));
    let list = s.read("a/index.html");
    assert!(
        list.contains("同志们：正文第一句。正文第二句"),
        "summary reaches past the salutation: {list}"
    );
}
