//! No script reaches a page through a document: heading `{…}` attributes pass an allow-list,
//! raw HTML is cleaned, `data:` pictures are raster images, import keeps a heading's braces as
//! text. A property test over every construct that carries attributes or URLs proves the
//! "clean only when needed" shortcut, parsing each output page as a browser does (html5ever).

use crate::common::{run, Site};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use proptest::prelude::*;
use std::fs;
use std::io::Write;
use std::path::Path;

// ---- what a page may hold ----------------------------------------------------------------

/// Elements a document's body may produce (ammonia's defaults, which the sanitiser keeps).
const DOC_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes a document's body may produce, on whichever element.
const DOC_ATTRS: &[&str] = &[
    "id", "class", "title", "lang", "href", "hreflang", "src", "alt", "width", "height", "align",
    "start", "style", "colspan", "rowspan", "headers", "scope", "char", "charoff", "span",
    "summary", "size", "dir", "cite", "datetime",
];

/// What the theme itself adds around the document (forms for search, its scripts and links).
const THEME_TAGS: &[&str] = &[
    "html", "head", "body", "meta", "title", "link", "script", "main", "form", "input", "select",
    "option", "button", "noscript", "section",
];

/// Attributes whose value a browser loads or follows.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "srcset",
    "longdesc",
    "ping",
    "manifest",
    "codebase",
    "dynsrc",
    "lowsrc",
    "xlink:href",
    "srcdoc",
];

/// The alignment styles pulldown-cmark writes on table cells: kept (a document's `|:-:|`),
/// fixed strings that no document text reaches, and the only style a page carries.
const ALIGN: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

/// The scheme of a URL as a browser reads it (tabs, newlines and leading controls ignored).
fn scheme(url: &str) -> Option<String> {
    let v: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let (s, _) = v.split_once(':')?;
    let ok = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    ok.then(|| s.to_string())
}

fn raster_picture(url: &str) -> bool {
    let v = url.trim().to_ascii_lowercase();
    ["png", "jpeg", "jpg", "gif", "webp", "avif", "bmp"]
        .iter()
        .any(|t| {
            v.starts_with(&format!("data:image/{t};")) || v.starts_with(&format!("data:image/{t},"))
        })
}

/// What is wrong with one URL in a page (None: nothing).
fn bad_url(tag: &str, attr: &str, value: &str) -> Option<String> {
    let s = scheme(value)?;
    let ok = match s.as_str() {
        "http" | "https" | "mailto" | "tel" | "ftp" => true,
        "data" => tag == "img" && attr == "src" && raster_picture(value),
        _ => false,
    };
    (!ok).then(|| format!("<{tag} {attr}=\"{value}\">: a {s}: URL"))
}

/// Every problem of a page: elements outside the allow-list, event handlers, autofocus, styles
/// other than table alignment, script URLs, `data:` that is not a raster picture. Inside
/// `.doc-body` and `.intro` (a document's own HTML) the lists are the strict ones.
fn problems(html: &str) -> Vec<String> {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .one(html.as_bytes());
    let mut out = Vec::new();
    walk(&dom.document, false, &mut out);
    out
}

fn walk(node: &Handle, in_doc: bool, out: &mut Vec<String>) {
    let mut inner = in_doc;
    if let NodeData::Element {
        name,
        attrs,
        template_contents,
        ..
    } = &node.data
    {
        let tag = name.local.to_string();
        let attrs: Vec<(String, String)> = attrs
            .borrow()
            .iter()
            .map(|a| {
                let n = match &a.name.prefix {
                    Some(p) => format!("{p}:{}", a.name.local),
                    None => a.name.local.to_string(),
                };
                (n.to_ascii_lowercase(), a.value.to_string())
            })
            .collect();
        check_element(&tag, &attrs, node, in_doc, out);
        inner = in_doc
            || attrs.iter().any(|(n, v)| {
                n == "class"
                    && v.split_whitespace()
                        .any(|c| c == "doc-body" || c == "intro")
            });
        if let Some(t) = template_contents.borrow().as_ref() {
            walk(t, inner, out);
        }
    }
    for child in node.children.borrow().iter() {
        walk(child, inner, out);
    }
}

fn check_element(
    tag: &str,
    attrs: &[(String, String)],
    node: &Handle,
    in_doc: bool,
    out: &mut Vec<String>,
) {
    let allowed = DOC_TAGS.contains(&tag) || (!in_doc && THEME_TAGS.contains(&tag));
    if !allowed {
        out.push(format!("element <{tag}> (in a document: {in_doc})"));
    }
    if tag == "script" {
        let text = node.children.borrow().iter().any(|c| {
            matches!(&c.data, NodeData::Text { contents } if !contents.borrow().trim().is_empty())
        });
        if text || !attrs.iter().any(|(n, _)| n == "src") {
            out.push("an inline <script>".into());
        }
    }
    for (n, v) in attrs {
        if n.starts_with("on") {
            out.push(format!("<{tag} {n}=\"{v}\">: an event handler"));
        }
        if n == "autofocus" {
            out.push(format!("<{tag} autofocus>"));
        }
        if n == "style" && !(matches!(tag, "th" | "td") && ALIGN.contains(&v.as_str())) {
            out.push(format!("<{tag} style=\"{v}\">"));
        }
        if in_doc && !DOC_ATTRS.contains(&n.as_str()) {
            out.push(format!(
                "<{tag} {n}=\"{v}\">: not an attribute documents may set"
            ));
        }
        if URL_ATTRS.contains(&n.as_str()) {
            out.extend(bad_url(tag, n, v));
        }
        if tag == "meta" && n == "content" && v.to_ascii_lowercase().contains("url=") {
            let url = &v[v.to_ascii_lowercase().find("url=").unwrap() + 4..];
            out.extend(bad_url(tag, "content", url));
        }
    }
}

/// Every HTML page of a built site with its problems.
fn site_problems(out: &Path) -> Vec<String> {
    let mut all = Vec::new();
    for (rel, bytes) in crate::common::snapshot(out) {
        if rel.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            for p in problems(&html) {
                all.push(format!("{}: {p}", rel.display()));
            }
        }
    }
    all
}

#[test]
fn the_checker_sees_what_a_browser_would_run() {
    // The checker must not be fooled: each of these is a problem as a browser parses it.
    for bad in [
        "<h2 tabindex=\"0\" autofocus onfocus=\"alert(1)\">x</h2>",
        "<p/onclick=alert(1)>x</p>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\" &#106;avascript:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
        "<template><img src=x onerror=alert(1)></template>",
        "<table><tr><td style=\"color:red\">x</td></tr></table>",
        "<div class=doc-body><input></div>",
    ] {
        let page = format!("<!DOCTYPE html><body><div class=\"doc-body\">{bad}</div>");
        assert!(!problems(&page).is_empty(), "not seen: {bad}");
    }
    let fine = "<!DOCTYPE html><body><div class=\"doc-body\"><table><tr><th style=\"text-align: center\">x</th></tr></table><img src=\"data:image/png;base64,AAAA\" alt=\"图\"><a href=\"#x\">x</a><p>&lt;img onerror=alert(1)&gt;</p></div>";
    assert_eq!(problems(fine), Vec::<String>::new());
}

// ---- heading attributes --------------------------------------------------------------------

#[test]
fn heading_attributes_outside_the_allow_list_are_errors_at_their_line() {
    let s = Site::new("title: t\n");
    s.doc("a/ok.md", "title: 好\ndate: 2023-09-01", "正文。\n");
    s.build_ok(&[]);
    let before = crate::common::snapshot(&s.out());
    s.doc(
        "a/x.md",
        "title: 文\ndate: 2023-09-01",
        "正文。\n\n## 二、工作要求 {tabindex=0 autofocus onfocus=alert(1)}\n\n### 要点 {#a\"b .c&d .ok}\n\n小标题 {style=color:red}\n===\n",
    );
    s.write(
        "content/a/_index.md",
        "---\ntitle: 栏目\n---\n导语。\n\n## 说明 {ONCLICK=alert(2)}\n",
    );
    let err = s.build_err(&[]);
    for want in [
        "content/a/x.md:7:11: the heading's `{…}` has `tabindex`, `autofocus`, `onfocus`",
        "content/a/x.md:9:8: the heading's `{…}` has the id `a\"b`, the class `c&d`,",
        "content/a/x.md:11:5: the heading's `{…}` has `style`",
        "content/a/_index.md:6:7: the heading's `{…}` has `ONCLICK`",
        "write the last one `\\}`",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    assert_eq!(crate::common::snapshot(&s.out()), before);
    // A site that publishes raw HTML as written still gets no heading attributes.
    s.write("config.yaml", "title: t\nmarkdown:\n  unsafe_html: true\n");
    assert!(s.build_err(&[]).contains("content/a/x.md:7:11"));
}

#[test]
fn a_heading_keeps_a_plain_id_and_classes() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/x.md",
        "title: 文\ndate: 2023-09-01",
        "## 一、总体要求 {#yaoqiu .zhongdian .fn:1}\n\n正文。\n\n## 二、措施 {#第二部分}\n\n[跳转](#yaoqiu)\n\n## 三、括号 {留作文字\\}\n",
    );
    s.build_ok(&[]);
    let page = s.read("a/x/index.html");
    assert!(
        page.contains("<h2 id=\"yaoqiu\" class=\"zhongdian fn:1\">一、总体要求</h2>"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"第二部分\">"), "{page}");
    assert!(
        page.contains("<a href=\"#yaoqiu\">一、总体要求</a>"),
        "contents list"
    );
    assert!(page.contains(">三、括号 {留作文字}</h2>"), "{page}");
    assert_eq!(problems(&page), Vec::<String>::new());
}

// ---- raw HTML and pictures -----------------------------------------------------------------

#[test]
fn data_urls_are_raster_pictures_and_raw_ids_and_classes_are_plain() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/x.md",
        "title: 图\ndate: 2023-09-01",
        "![矢量](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![网页](data:text/html,x) ![位图](data:image/png;base64,iVBORw0KGgo=)\n\n<img src=\"DATA:image/svg+xml,&lt;svg onload=alert(1)&gt;\" alt=\"原始\"> <a href=\"data:image/png;base64,AAAA\">链</a> <span class=\"ok a&quot;onclick=x\" id=\"x y\">标</span> <a href=\"java&#x09;script:alert(1)\">制表</a>\n",
    );
    s.build_ok(&[]);
    let page = s.read("a/x/index.html");
    assert!(
        !page.contains("svg+xml") && !page.contains("text/html"),
        "{page}"
    );
    assert!(
        page.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""),
        "{page}"
    );
    assert!(page.contains("<span class=\"ok\">标</span>"), "{page}");
    assert!(!page.contains("href=\"data:"), "{page}");
    assert_eq!(problems(&page), Vec::<String>::new());
}

/// Tera's autoescape (pulldown-cmark-escape) writes `'` as `&#39;`: a site template that quotes
/// attributes with `'` is as safe as the theme's `"`. Pinned, so that a change of escaper shows.
#[test]
fn single_quoted_template_attributes_stay_closed() {
    let s = Site::new("title: t\n");
    s.write(
        "templates/page.html",
        "<!DOCTYPE html><title>{{ page.title }}</title><p title='{{ page.title }}' data-unit='{{ page.unit }}'>{{ page.content | safe }}</p>",
    );
    s.doc(
        "a/x.md",
        "title: \"x' onmouseover='alert(1)\"\ndate: 2023-09-01\nunit: \"' autofocus onfocus='alert(2)\"",
        "正文。\n",
    );
    s.build_ok(&[]);
    let page = s.read("a/x/index.html");
    assert!(
        page.contains("title='x&#39; onmouseover=&#39;alert(1)'"),
        "{page}"
    );
    assert_eq!(problems(&page), Vec::<String>::new(), "{page}");
}

// ---- import ------------------------------------------------------------------------------

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// A Word file: `paras` are (style id or "", runs XML); style "1" is heading 1; rId9 links
/// to `link`.
fn docx(path: &Path, paras: &[(&str, String)], link: &str) {
    let body: String = paras
        .iter()
        .map(|(style, runs)| {
            let ppr = if style.is_empty() {
                String::new()
            } else {
                format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
            };
            format!("<w:p>{ppr}{runs}</w:p>")
        })
        .collect();
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>");
    let styles = format!("<?xml version=\"1.0\"?><w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"a3\"><w:name w:val=\"Title\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style></w:styles>");
    let rels = format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{link}\" TargetMode=\"External\"/></Relationships>");
    let mut z = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/_rels/document.xml.rels", rels),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(data.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

const PLANTED: &str = "{tabindex=0 autofocus onfocus=document.title='PWNED'}";

/// A text file and a Word file whose headings end in `{…}`, imported into `s` and built.
fn import_planted(s: &Site) {
    let input = tempfile::tempdir().unwrap();
    fs::write(
        input.path().join("讲话.txt"),
        format!("在会议上的讲话\n一、工作要求 {PLANTED}\n正文第一段。\n二、其他事项 {{#x .y}}\n正文第二段。\n三、 {{autofocus .y}}\n正文第三段。\n"),
    )
    .unwrap();
    docx(
        &input.path().join("材料.docx"),
        &[
            ("a3", r("经验交流材料")),
            ("1", r(&format!("主要做法 {PLANTED}"))),
            ("", r("材料首段。")),
            (
                "",
                format!(
                    "{}<w:r><w:br/></w:r>{}",
                    r("换行之后 {autofocus onfocus=alert(1)}"),
                    r("===")
                ),
            ),
        ],
        "",
    );
    // Apart: a script link sends its whole document through the cleaner, which would hide
    // what a heading carries.
    docx(
        &input.path().join("链接.docx"),
        &[
            ("a3", r("链接材料")),
            (
                "",
                format!(
                    "{}<w:hyperlink r:id=\"rId9\">{}</w:hyperlink>。",
                    r("详见"),
                    r("方案")
                ),
            ),
        ],
        "javascript:document.title='PWNED'",
    );
    let root = s.root().to_str().unwrap();
    let out = run(&[
        "import",
        "--root",
        root,
        "--section",
        "speeches",
        input.path().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s.build_ok(&[]);
}

/// The one built page whose text holds `needle`.
fn page_with(s: &Site, needle: &str) -> (String, String) {
    crate::common::snapshot(&s.out())
        .into_iter()
        .filter(|(p, _)| p.ends_with("index.html") && p.components().count() == 3)
        .map(|(p, b)| {
            (
                p.to_string_lossy().into_owned(),
                String::from_utf8(b).unwrap(),
            )
        })
        .find(|(_, html)| html.contains(needle))
        .unwrap_or_else(|| panic!("no page holds {needle}"))
}

#[test]
fn imported_headings_show_their_braces_as_text() {
    let s = Site::new("title: t\n");
    import_planted(&s);
    let (_, speech) = page_with(&s, "正文第一段");
    let text = crate::common::visible_text(&speech);
    assert!(text.contains(&format!("一、工作要求 {PLANTED}")), "{text}");
    assert!(text.contains("二、其他事项 {#x .y}"), "{text}");
    assert!(text.contains("三、 {autofocus .y}"), "{text}");
    let (_, word) = page_with(&s, "材料首段。");
    let text = crate::common::visible_text(&word);
    assert!(text.contains(&format!("主要做法 {PLANTED}")), "{text}");
    assert!(
        text.contains("换行之后 {autofocus onfocus=alert(1)}\n==="),
        "{text}"
    );
    assert!(
        word.contains("<p>换行之后"),
        "the line before === stays a paragraph: {word}"
    );
    let (_, link) = page_with(&s, "详见");
    assert!(
        link.contains("<a>方案</a>"),
        "the script link lost its href: {link}"
    );
    assert_eq!(site_problems(&s.out()), Vec::<String>::new());
}

// ---- the property: no page carries script ------------------------------------------------

/// URLs as written in links and pictures: script schemes in every spelling, data: of every
/// kind, and ordinary ones.
const URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "java&#x09;script:alert(1)",
    "vbscript:msgbox(1)",
    "livescript:x",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg/onload=alert(1)>",
    "DATA:image/svg+xml;base64,PHN2Zz4=",
    "data:image/png;base64,iVBORw0KGgo=",
    "data:,x",
    "x:alert(1)",
    "file:///etc/passwd",
    "http://example.org/a?b=\"c\"",
    "https://example.org/#x",
    "mailto:a@b.cn",
    "../other.md",
    "#一总体要求",
    "a.png",
    "\"onmouseover=alert(1)",
];

/// `{…}` contents after a heading.
const HEADING_ATTRS: &[&str] = &[
    "#plan",
    ".zhongdian",
    "#fn.1 .a:b",
    "#第一部分",
    "onfocus=alert(1)",
    "autofocus",
    "tabindex=0 autofocus onfocus=alert(1)",
    "style=color:red",
    "#x\"y",
    ".a\"b",
    "#a>b",
    "onclick=\"x\"",
    "OnClick=x",
    "x=y",
    "href=javascript:alert(1)",
    "#id .c onmouseover=alert(1)",
    "重要",
    "#a=b",
];

/// Raw HTML, as blocks and inside paragraphs.
const RAW: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<a href=\"javascript:alert(1)\">j</a>",
    "<a href=\"  JaVaScRiPt:alert(1)\">j</a>",
    "<a href=\"java&#x09;script:alert(1)\">j</a>",
    "<a href=\"&#106;avascript:alert(1)\">j</a>",
    "<details open ontoggle=alert(1)>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=x>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<div style=\"background:url(javascript:alert(1))\">",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<img src=\"data:image/png;base64,iVBOR\">",
    "<a href=\"data:text/html,<script>alert(1)</script>\">d</a>",
    "<img srcset=\"javascript:alert(1)\">",
    "<video poster=javascript:alert(1)></video>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<span class=\"ok a&quot;b\" id=\"x y\">s</span>",
    "<!-- <img src=x onerror=alert(1)> -->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<template><img src=x onerror=alert(1)></template>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<title><img src=x onerror=alert(1)></title>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<p/onclick=alert(1)>x",
    "<a href=x onclick=alert(1)>a</a>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<th style=\"text-align: center\">",
    "<td style=\"text-align: center;color:red\">",
    "<q cite=\"javascript:alert(1)\">q</q>",
    "<blockquote cite=\"vbscript:x\">b</blockquote>",
    "<h2 tabindex=0 autofocus onfocus=alert(1)>h</h2>",
    "<sup>1</sup><u>u</u><br>",
    "<div>",
    "</div>",
    "<script>alert(1)</script>",
];

/// Text as a person writes it, with the characters that matter in HTML.
const TEXT: &[&str] = &[
    "学习",
    "贯彻",
    "a\"b",
    "<",
    ">",
    "&",
    "'",
    "{",
    "}",
    "`x`",
    "**重点**",
    "javascript:alert(1)",
    "&#106;",
    "&lt;script&gt;",
    "onclick=x",
    "\\",
    "一、",
    " ",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(list)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(pick(TEXT), 1..4).prop_map(|t| t.concat())
}

/// One block of Markdown carrying attributes or URLs; `bad_headings`: headings may have any
/// `{…}` (else only what the allow-list keeps, so that a built site has no errors).
fn block(bad_headings: bool) -> impl Strategy<Value = String> {
    let attrs = if bad_headings {
        HEADING_ATTRS
    } else {
        &HEADING_ATTRS[..4]
    };
    // In a built site a link to a missing document or heading is an error of its own.
    let url = move || {
        pick(URLS).prop_map(move |u| match u {
            "../other.md" | "#一总体要求" if !bad_headings => "d0.md",
            "\"onmouseover=alert(1)" if !bad_headings => "http://x.cn/\"onmouseover=alert(1)",
            u => u,
        })
    };
    prop_oneof![
        (1..7usize, text(), pick(attrs))
            .prop_map(|(n, t, a)| format!("{} {t} {{{a}}}", "#".repeat(n))),
        (text(), pick(attrs)).prop_map(|(t, a)| format!("{t} {{{a}}}\n===")),
        (text(), url(), text())
            .prop_map(|(t, u, ti)| format!("[{t}]({u} \"{ti}\") 与 [尖]( <{u}> )")),
        (text(), url(), text()).prop_map(|(t, u, ti)| format!("![{t}]({u} \"{ti}\")")),
        url().prop_map(|u| format!("<{u}> 与 <a@b.cn>")),
        (text(), url(), text())
            .prop_map(|(t, u, ti)| format!("[{t}][r] ![图][r]\n\n[r]: {u} '{ti}'")),
        (text(), pick(TEXT)).prop_map(|(t, l)| format!("正文{t}[^{l}x]\n\n[^{l}x]: 注释{t}")),
        (text(), url()).prop_map(|(t, u)| format!(
            "| 甲 | 乙 | 丙 |\n|:-:|--:|:--|\n| {t} | [链]({u}) | <b>粗</b> |"
        )),
        pick(RAW).prop_map(str::to_string),
        (text(), pick(RAW), text()).prop_map(|(a, r, b)| format!("{a}{r}{b}")),
        (pick(TEXT), pick(RAW)).prop_map(|(i, r)| format!("```{i}\" onclick=x\n{r}\n```\n\n`{r}`")),
        text().prop_map(|t| format!("**一、{t}**。正文。")),
        (text(), url()).prop_map(|(t, u)| format!("> - {t} [引]({u})")),
    ]
}

fn markdown(bad_headings: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(block(bad_headings), 1..8).prop_map(|b| b.join("\n\n"))
}

/// Runs are reproducible: a fixed seed unless PROPTEST_RNG_SEED names another.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig {
        cases,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(20261220);
    }
    c
}

/// A YAML string holding `s` exactly (JSON's double-quoted strings are YAML's).
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Front matter values: every one a template prints.
const VALUES: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' autofocus onfocus='alert(1)",
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ site.title }}",
    "学习&amp;贯彻",
    "普通标题",
];

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn no_rendered_body_carries_script(md in markdown(true)) {
        use huibian::markdown::{render, Link, Options};
        for opts in [Options::default(), Options { smart_punctuation: true, cjk_line_breaks: false, ..Options::default() }] {
            let r = render(&md, opts, &|_| Link::Keep);
            let page = format!("<!DOCTYPE html><body><div class=\"doc-body\">{}</div>", r.html);
            let found = problems(&page);
            prop_assert!(found.is_empty(), "{:?}\nmarkdown:\n{}\nhtml:\n{}", found, md, r.html);
        }
    }
}

proptest! {
    // Each case builds a site through the binary: fewer cases, each with several documents.
    #![proptest_config(config(16))]

    #[test]
    fn no_built_page_carries_script(
        bodies in prop::collection::vec(markdown(false), 3),
        intro in markdown(false),
        values in prop::collection::vec(pick(VALUES), 8),
    ) {
        let s = Site::new("title: t\n");
        // A real 1×1 PNG (bodies link and show it): a broken picture fails the build.
        std::fs::create_dir_all(s.root().join("content/a")).unwrap();
        std::fs::write(s.root().join("content/a/a.png"), crate::images::tiny_png()).unwrap();
        let v = |i: usize| yaml(values[i % values.len()]);
        for (i, body) in bodies.iter().enumerate() {
            s.doc(
                &format!("a/d{i}.md"),
                &format!(
                    "title: {}\ndate: 2023-09-0{}\nsummary: {}\nunit: {}\nauthor: {}\nspeaker: {}\nlocation: {}\ntags: [{}, {}]\nbatch: 1",
                    v(i), i + 1, v(i + 1), v(i + 2), v(i + 3), v(i + 4), v(i + 5), v(i + 6), v(i + 7)
                ),
                body,
            );
        }
        s.write("content/a/_index.md", &format!("---\ntitle: {}\ndescription: {}\n---\n{intro}\n", v(0), v(1)));
        let out = s.build(&[]);
        prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let found = site_problems(&s.out());
        prop_assert!(found.is_empty(), "{:?}\nbodies: {:?}\nintro: {}", found, bodies, intro);
    }
}

// ---- in a real browser -------------------------------------------------------------------

/// The `<title>` of `url` after Chromium has loaded it and run what it runs.
fn title_in_chromium(browser: &str, url: String) -> String {
    let dom = crate::web::headless(
        browser,
        None,
        &[
            "--virtual-time-budget=3000".into(),
            "--dump-dom".into(),
            url,
        ],
    );
    let start = dom.find("<title>").map_or(0, |i| i + "<title>".len());
    let end = dom[start..].find("</title>").map_or(start, |i| start + i);
    dom[start..end].to_string()
}

#[test]
fn planted_handlers_do_not_run_in_chromium() {
    let Some(browser) = crate::web::chromium() else {
        return;
    };
    let s = Site::new("title: t\n");
    s.doc(
        "raw/x.md",
        "title: \"<img src=x onerror=document.title='PWNED'>标题陷阱\"\ndate: 2023-09-01",
        "标题陷阱。<img src=x onerror=\"document.title='PWNED'\"> <svg onload=\"document.title='PWNED'\"></svg>\n\n<details open ontoggle=\"document.title='PWNED'\"><summary>摘要</summary>内容</details>\n\n<input autofocus onfocus=\"document.title='PWNED'\">\n",
    );
    import_planted(&s);
    let site = crate::web::serve(&s.out());
    // The detector: a heading as the issue found it does run, at once, with no click.
    fs::write(
        s.out().join("control.html"),
        format!(
            "<!DOCTYPE html><title>clean</title><h2 {}>x</h2>",
            &PLANTED[1..PLANTED.len() - 1].replace(
                "onfocus=document.title='PWNED'",
                "onfocus=\"document.title='PWNED'\""
            )
        ),
    )
    .unwrap();
    // (Headless Chromium does not always give a page focus before it dumps it: 2 loads in
    // 5 of this control stayed "clean" on a loaded 2-core machine. So the control must fire
    // within a few loads, and each page below is loaded as many times, any PWNED failing.)
    const LOADS: usize = 4;
    assert!(
        (0..LOADS).any(|_| title_in_chromium(browser, site.url("control.html")) == "PWNED"),
        "the planted heading never ran: the detector sees nothing"
    );
    for needle in ["正文第一段", "材料首段。", "内容</details>", "详见"] {
        let (path, _) = page_with(&s, needle);
        for _ in 0..LOADS {
            let title = title_in_chromium(browser, site.url(&path));
            assert!(
                title != "PWNED" && title.ends_with(" - t"),
                "{path}: {title}"
            );
        }
    }
    // The search page puts titles and snippets in with innerHTML: escaped, they stay text.
    let reports =
        crate::browser::search_report(browser, &|p| site.url(p), &s.out(), &["标题陷阱"], false);
    let title = crate::browser::field(&reports[0], "title");
    assert!(title.contains("<img src=x onerror="), "{}", reports[0]);
}

/// In the live preview an edit to the body alone takes a shorter path (`site::patch_doc`):
/// the same check holds there, and the last good page stays.
#[test]
fn serve_shows_a_heading_attribute_error_and_keeps_the_last_good_page() {
    let s = Site::new("title: t\n");
    s.doc("a/x.md", "title: 文\ndate: 2023-09-01", "第一版正文。\n");
    let p = crate::serve::Preview::start(s.root(), &[]);
    let ok = |r: &crate::serve::Reply| r.status == 200 && r.text().contains("第一版正文");
    p.wait_for("/a/x/", "served", ok);
    s.doc(
        "a/x.md",
        "title: 文\ndate: 2023-09-01",
        "第二版正文。\n\n## 要求 {autofocus onfocus=alert(1)}\n",
    );
    let bad = p.wait_for("/a/x/", "an error box", |r| r.text().contains("构建出错"));
    let text = bad.text();
    assert!(text.contains("content/a/x.md:7:7:"), "{text}");
    assert!(
        !text.contains("第二版正文") && !text.contains("onfocus=\"alert"),
        "{text}"
    );
}
