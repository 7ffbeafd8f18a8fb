//! `huibian import` of files written by office software: the sample documents of
//! tests/fixtures/office/ (written there as .fodt, converted by LibreOffice to .docx, .odt and
//! .rtf by make.sh), a .docx numbered the way Word numbers (through styles and on paragraphs),
//! and an .rtf in the GBK code page as Word writes it. Each is imported, built, and read back
//! as a reader sees the page: every Han character in order, the numbers the office program
//! showed, the tables with the same cells.

use crate::common::{run, visible_text, Site};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office")
        .join(name)
}

fn site() -> Site {
    Site::new("title: 测试站\nbase_url: /\n")
}

fn import(site: &Site, args: &[&str]) -> std::process::Output {
    let root = site.root().to_str().unwrap();
    run(&[&["import", "--root", root], args].concat())
}

fn import_ok(site: &Site, args: &[&str]) -> String {
    let out = import(site, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "import failed:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One imported document's page.
struct Page {
    report: String,
    /// What a reader reads: the title, then the document's body (without the contents list).
    text: String,
    /// The document's body.
    body: String,
    /// The page's folder in the output.
    dir: PathBuf,
    _site: Site,
}

/// Imports one file into guides/ and builds.
fn imported_page(file: &Path) -> Page {
    let s = site();
    let report = import_ok(&s, &[file.to_str().unwrap(), "--section", "guides"]);
    let dest = report
        .lines()
        .find_map(|l| l.split("→ ").nth(1))
        .and_then(|d| d.split(" (").next())
        .unwrap_or_else(|| panic!("no destination in\n{report}"))
        .to_string();
    s.build_ok(&[]);
    let url = dest
        .trim_start_matches("content/")
        .trim_end_matches(".md")
        .trim_end_matches("/index");
    let page = s.read(&format!("{url}/index.html"));
    let title = &page[page.find("<h1").expect("a title")..];
    let title = &title[..title.find("</h1>").unwrap()];
    let start = page.find("<div class=\"doc-body\">").expect("a body") + 22;
    let end = page[start..].find("\n  </div>").expect("its end") + start;
    let body = page[start..end].to_string();
    Page {
        report,
        text: visible_text(&format!("{title}\n{body}")),
        body,
        dir: s.out().join(url),
        _site: s,
    }
}

fn han(s: &str) -> Vec<char> {
    s.chars().filter(|c| huibian::zh::is_han(*c)).collect()
}

/// The text of a .fodt's body as a reader of the document sees it, footnotes apart: (text,
/// footnotes). Alt texts and pictures are not text.
fn fodt_text(name: &str) -> (String, String) {
    let x = fs::read_to_string(fixture(name)).unwrap();
    let body = &x[x.find("<office:text>").unwrap()..x.find("</office:text>").unwrap()];
    let mut text = String::new();
    let mut notes = String::new();
    let mut rest = body;
    while let Some(i) = rest.find("<text:note ") {
        text.push_str(&rest[..i]);
        let end = rest[i..].find("</text:note>").unwrap() + i;
        notes.push_str(&rest[i..end]);
        rest = &rest[end..];
    }
    text.push_str(rest);
    for tag in ["svg:title", "svg:desc", "text:note-citation"] {
        for s in [&mut text, &mut notes] {
            while let Some(i) = s.find(&format!("<{tag}>")) {
                let end = s[i..].find(&format!("</{tag}>")).unwrap() + i + tag.len() + 3;
                s.replace_range(i..end, "");
            }
        }
    }
    (visible_text(&text), visible_text(&notes))
}

/// Is `want` in `have` in order (other characters, such as the numbers, between)?
fn in_order(want: &[char], have: &[char]) -> Result<(), String> {
    let mut it = have.iter();
    for (n, c) in want.iter().enumerate() {
        if !it.any(|h| h == c) {
            let got: String = want[..n].iter().collect();
            return Err(format!("lost or out of order after “{got}”: {c}"));
        }
    }
    Ok(())
}

/// The tables of a page: rows of cells' inner HTML.
fn tables(html: &str) -> Vec<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for t in html.split("<table>").skip(1) {
        let t = &t[..t.find("</table>").unwrap()];
        let mut rows = Vec::new();
        for r in t.split("<tr>").skip(1) {
            let r = &r[..r.find("</tr>").unwrap()];
            let mut cells = Vec::new();
            let mut rest = r;
            while let Some(i) = rest.find("<t") {
                let open_end = rest[i..].find('>').unwrap() + i + 1;
                let close = rest[open_end..].find("</t").unwrap() + open_end;
                cells.push(rest[open_end..close].to_string());
                rest = &rest[close + 5..];
            }
            rows.push(cells);
        }
        out.push(rows);
    }
    out
}

fn rows(t: &[&[&str]]) -> Vec<Vec<String>> {
    t.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn libreoffice_documents_read_as_written_with_their_numbers_in_every_format() {
    let (text, notes) = fodt_text("fangan.fodt");
    let mut pictures = Vec::new();
    for ext in ["docx", "odt", "rtf"] {
        let Page {
            report,
            text: seen,
            body,
            dir,
            _site,
        } = imported_page(&fixture(&format!("fangan.{ext}")));
        let (main, foot) = seen.split_at(seen.find("见《学习纲要》").expect("the footnote"));
        if let Err(e) = in_order(&han(&text), &han(main)) {
            panic!("{ext}: {e}\n{seen}");
        }
        in_order(&han(&notes), &han(foot)).unwrap_or_else(|e| panic!("{ext}: {e}"));
        // The numbers LibreOffice showed, as text the structure rules made headings or leads of.
        for want in [
            ">一、总体要求</h2>",
            ">二、主要任务</h2>",
            ">三、保障措施</h2>",
            "（一）抓好专题学习</strong>。各支部",
            "（二）开展调查研究</strong>。",
            "（三）推动检视整改</strong>。",
            ">1. 制定调研计划</h4>",
            ">（1）明确调研对象</h5>",
            ">（2）确定调研时间</h5>",
            ">3. 推动成果转化</h4>",
            ">1. 加强组织领导</h4>",
            "<p>1.1 成立领导小组</p>",
            "<p>1.2 明确责任分工</p>",
            "<p>③每周报送进展</p>",
            "<p>④每月总结讲评</p>",
            "<p>I. 宣传引导</p>",
            "<p>a) 编印学习简报</p>",
            "<p>b) 推送典型经验</p>",
            "<li>附件材料随文印发</li>",
            "把<strong>理论学习</strong>贯穿始终，做到<em>学思用贯通</em>。",
        ] {
            assert!(body.contains(want), "{ext}: no {want} in\n{body}");
        }
        assert_eq!(
            tables(&body),
            [rows(&[
                &["序号", "任务", "责任单位"],
                &["1", "制定实施方案", "党委办公室"],
                &["2", "开展专题学习", "各党支部"]
            ])],
            "{ext}"
        );
        assert_eq!(seen.matches("开展调查研究").count(), 1, "{ext}: {seen}");
        // The picture, with its alt text, the same bytes from each format.
        assert!(
            body.contains("<img src=\"image1.png\" width=\"8\" height=\"4\" alt=\"学习现场\""),
            "{ext}: {body}"
        );
        let png = fs::read(dir.join("image1.png")).unwrap();
        assert_eq!(png[..8], *b"\x89PNG\r\n\x1a\n", "{ext}");
        pictures.push(png);
        assert!(!report.contains("picture"), "{ext}: {report}");
        // The original is kept beside the document, under its own name.
        let original = dir.join(format!("fangan.{ext}"));
        assert_eq!(
            fs::read(&original).unwrap(),
            fs::read(fixture(&format!("fangan.{ext}"))).unwrap()
        );
    }
    pictures.dedup();
    assert_eq!(pictures.len(), 1, "the picture differs between formats");
}

#[test]
fn libreoffice_tables_keep_their_cells_merged_split_and_framed() {
    let (text, _) = fodt_text("biaoge.fodt");
    for ext in ["docx", "odt", "rtf"] {
        let Page {
            report,
            text: seen,
            body,
            ..
        } = imported_page(&fixture(&format!("biaoge.{ext}")));
        in_order(&han(&text), &han(&seen)).unwrap_or_else(|e| panic!("{ext}: {e}\n{body}"));
        assert_eq!(
            tables(&body),
            [
                rows(&[
                    &["序号", "任务", "责任单位"],
                    &["1", "制定实施方案<br>报党委审定", "党委办公室"],
                    &["2", "开展专题学习", ""]
                ]),
                rows(&[
                    &["类别", "", "人数"],
                    &["党员", "正式", "120"],
                    &["党员", "预备", "8"]
                ]),
                rows(&[
                    &["月份", "内容", "形式"],
                    &["三月", "理论学习", "集中研讨"],
                    &["四月", "调查研究", "实地走访"]
                ]),
            ],
            "{ext}:\n{body}"
        );
        // The framed table follows the paragraph that holds its frame, and the report says so.
        let framed = body.find("<th>月份</th>").unwrap();
        assert!(body.find("学习安排见框中的表").unwrap() < framed, "{ext}");
        assert!(
            body.find("以上表格由党委办公室汇总").unwrap() > framed,
            "{ext}"
        );
        assert!(report.contains("text box"), "{ext}: {report}");
    }
}

// ---- A .docx numbered the way Word numbers ------------------------------------------------

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

fn zip_parts(path: &Path, parts: &[(&str, String)]) {
    let f = fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        z.start_file(*name, o).unwrap();
        z.write_all(data.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

/// A paragraph: its style, its own numbering (numId, ilvl), its text.
fn para(style: &str, num: Option<(u32, u32)>, text: &str) -> String {
    let ps = if style.is_empty() {
        String::new()
    } else {
        format!("<w:pStyle w:val=\"{style}\"/>")
    };
    let np = num.map_or(String::new(), |(id, l)| {
        format!("<w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"{id}\"/></w:numPr>")
    });
    format!("<w:p><w:pPr>{ps}{np}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn lvl(i: u32, start: u32, fmt: &str, text: &str, extra: &str) -> String {
    format!("<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{fmt}\"/>{extra}<w:lvlText w:val=\"{text}\"/></w:lvl>")
}

/// Word's own way: heading styles carry the outline numbering (numPr in styles.xml, Heading 2
/// inheriting Heading 1's instance through basedOn), a "List Number" style carries another,
/// and some paragraphs number themselves or take their style's numbering away.
fn word_numbered_docx(path: &Path) {
    let styles = format!(
        "<w:styles {W}>\
         <w:style w:type=\"paragraph\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"a3\"><w:name w:val=\"Title\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"a\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"1\"/><w:pPr><w:numPr><w:ilvl w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"a5\"><w:name w:val=\"List Number\"/><w:basedOn w:val=\"a\"/><w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"a6\"><w:name w:val=\"要点\"/><w:basedOn w:val=\"a5\"/></w:style>\
         </w:styles>"
    );
    let numbering = format!(
        "<w:numbering {W}>\
         <w:abstractNum w:abstractNumId=\"10\">{}{}{}{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"20\">{}{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"30\">{}{}</w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>\
         <w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>\
         <w:num w:numId=\"3\"><w:abstractNumId w:val=\"20\"/></w:num>\
         <w:num w:numId=\"4\"><w:abstractNumId w:val=\"20\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>\
         <w:num w:numId=\"5\"><w:abstractNumId w:val=\"30\"/></w:num>\
         </w:numbering>",
        lvl(0, 1, "chineseCounting", "%1、", "<w:pStyle w:val=\"1\"/><w:suff w:val=\"nothing\"/>"),
        lvl(1, 1, "chineseCounting", "（%2）", "<w:pStyle w:val=\"2\"/><w:suff w:val=\"nothing\"/>"),
        lvl(2, 1, "decimal", "%3.", ""),
        lvl(3, 1, "decimal", "（%4）", "<w:suff w:val=\"nothing\"/>"),
        lvl(0, 1, "decimalEnclosedCircle", "%1", "<w:suff w:val=\"nothing\"/>"),
        lvl(1, 1, "lowerLetter", "%2)", ""),
        lvl(0, 1, "ideographTraditional", "%1、", "<w:suff w:val=\"nothing\"/>"),
        lvl(1, 1, "upperRoman", "%1.%2", "<w:isLgl/><w:lvlRestart w:val=\"0\"/>"),
    );
    let body = [
        para("a3", None, "关于整改落实工作的通知"),
        para("", None, "（2024年5月6日）"),
        para("1", None, "工作目标"),
        para("2", None, "明确整改任务"),
        para("", Some((1, 2)), "建立问题清单"),
        para("", Some((1, 3)), "逐项对账销号"),
        para("", Some((1, 3)), "定期通报进展"),
        para("", Some((1, 2)), "压实整改责任"),
        para("2", None, "健全长效机制"),
        para("1", None, "方法步骤"),
        para("a5", None, "动员部署"),
        para("a6", None, "自查自纠"),
        para("a5", Some((0, 0)), "这一段去掉了编号"),
        para("a5", Some((3, 0)), "集中整改"),
        para("a5", Some((4, 0)), "另起编号"),
        para("", Some((4, 1)), "分项一"),
        para("", Some((5, 0)), "甲项"),
        para("", Some((5, 1)), "法定编号"),
        para("", Some((5, 0)), "乙项"),
        para("", Some((5, 1)), "不重新开始"),
        para("1", Some((0, 0)), "附则"),
    ]
    .concat();
    let document = format!("<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>");
    zip_parts(
        path,
        &[
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/numbering.xml", numbering),
        ],
    );
}

#[test]
fn word_numbering_through_styles_and_on_paragraphs_is_shown_as_word_shows_it() {
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("通知.docx");
    word_numbered_docx(&f);
    let body = imported_page(&f).body;
    let lines: Vec<String> = body
        .lines()
        .map(visible_text)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(
        lines,
        [
            "（2024年5月6日）",
            "一、工作目标",
            "（一）明确整改任务",
            "1. 建立问题清单",
            "（1）逐项对账销号",
            "（2）定期通报进展",
            "2. 压实整改责任",
            "（二）健全长效机制",
            "二、方法步骤",
            // List Number and a style based on it share one instance; numId 3 is another
            // instance of the same definition and continues it; numId 4 overrides its start.
            "①动员部署",
            "②自查自纠",
            "这一段去掉了编号",
            "③集中整改",
            "①另起编号",
            "a) 分项一",
            // isLgl writes every number in digits (the level is upper roman); lvlRestart 0 keeps
            // counting under a new parent.
            "甲、甲项",
            "1.1 法定编号",
            "乙、乙项",
            "2.2 不重新开始",
            "附则",
        ],
        "{body}"
    );
    assert!(
        body.contains("<h2 id=\"一工作目标\">一、工作目标</h2>"),
        "{body}"
    );
    assert!(
        body.contains("<h3 id=\"一明确整改任务\">（一）明确整改任务</h3>"),
        "{body}"
    );
}

// ---- RTF as Word writes it in China: GBK bytes --------------------------------------------

/// `\'hh` escapes of the text's GBK bytes.
fn gbk_hex(s: &str) -> String {
    let (bytes, _, bad) = encoding_rs::GBK.encode(s);
    assert!(!bad);
    bytes
        .iter()
        .map(|b| {
            if b.is_ascii() {
                (*b as char).to_string()
            } else {
                format!("\\'{b:02x}")
            }
        })
        .collect()
}

#[test]
fn rtf_in_the_gbk_code_page_reads_as_word_wrote_it() {
    let raw_gbk = encoding_rs::GBK.encode("原样字节").0.into_owned();
    let mut rtf: Vec<u8> = Vec::new();
    rtf.extend(format!(
        "{{\\rtf1\\ansi\\ansicpg936\\uc2\\deff0\\deflang1033\\deflangfe2052\
         {{\\fonttbl{{\\f0\\froman\\fcharset0\\fprq2 Times New Roman;}}{{\\f13\\fnil\\fcharset134\\fprq2{{\\*\\panose 02010600030101010101}}{}{{\\*\\falt SimSun}};}}}}\
         {{\\colortbl;\\red0\\green0\\blue0;}}\
         {{\\stylesheet{{\\ql \\f13 Normal;}}{{\\s1\\ql \\outlinelevel0\\b\\f13 heading 1;}}{{\\s15\\qc\\f13 Title;}}}}\
         {{\\*\\generator Microsoft Word 16;}}{{\\info{{\\title {}}}{{\\author x}}}}\
         {{\\*\\rsidtbl \\rsid1}}\
         \\pard\\plain\\s15\\qc\\f13 {}\\par\
         \\pard\\plain\\f13 {{\\*\\bkmkstart a}}{}\\par\
         \\pard\\plain\\s1\\outlinelevel0\\f13 {{\\listtext\\pard\\plain\\f13 {}\\tab}}{}\\par\
         \\pard\\plain\\f13 \\u20851\\'b9\\'d8\\u20110\\'d3\\'da{}{{\\b {}}}{{\\i {}}}{{\\v {}}}\
         {{\\field{{\\*\\fldinst HYPERLINK \"http://intranet.example/\"}}{{\\fldrslt {}}}}}\
         {{\\super\\chftn}}{{\\footnote\\pard\\plain\\f13 {{\\super\\chftn}} {}}}{}",
        gbk_hex("宋体"),
        gbk_hex("不应出现的标题"),
        gbk_hex("关于开展专项检查的说明"),
        gbk_hex("（2024年6月1日）"),
        gbk_hex("一、"),
        gbk_hex("检查范围"),
        gbk_hex("检查"),
        gbk_hex("重点"),
        gbk_hex("强调"),
        gbk_hex("隐藏的字"),
        gbk_hex("通知原文"),
        gbk_hex("见附件一。"),
        gbk_hex("。"),
    )
    .as_bytes());
    rtf.extend(b"\\par\\pard\\plain\\f13 ");
    rtf.extend(&raw_gbk);
    rtf.extend(b"\\par ");
    rtf.extend(
        format!(
        "{{\\*\\shppict{{\\pict{{\\*\\picprop{{\\sp{{\\sn wzDescription}}{{\\sv {}}}}}}}\\pngblip {}}}}}{{\\nonshppict{{\\pict\\wmetafile8 0100}}}}{{\\pict\\emfblip 0100}}\\par\
         \\trowd\\cellx2000\\cellx4000\\pard\\intbl\\f13 {}\\cell {}\\cell\\row\
         \\trowd\\cellx2000\\cellx4000\\pard\\intbl\\f13 {}\\cell {}\\cell\\row\
         \\pard\\plain\\f13 {}\\u-10179\\'3f\\'3f\\u-8704\\'3f\\'3f\\par}}",
        gbk_hex("现场照片"),
        // A real picture (the images stage refuses one that is not), hex-written and cut
        // across a line as Word does.
        {
            let hex: String = crate::images::tiny_png().iter().map(|b| format!("{b:02x}")).collect();
            format!("{}\r\n{}", &hex[..16], &hex[16..])
        },
        gbk_hex("单位"),
        gbk_hex("人数"),
        gbk_hex("第一支部"),
        "12",
        gbk_hex("结束"),
    )
        .as_bytes(),
    );
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("说明.rtf");
    fs::write(&f, &rtf).unwrap();
    let Page {
        report,
        body,
        _site: s,
        ..
    } = imported_page(&f);
    for want in [
        "<p>（2024年6月1日）</p>",
        ">一、检查范围</h2>",
        "<p>关于检查<strong>重点</strong><em>强调</em><a href=\"http://intranet.example/\">通知原文</a>",
        "通知原文</a><sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>。</p>",
        "见附件一。",
        "<p>原样字节</p>",
        "<th>单位</th><th>人数</th>",
        "<td>第一支部</td><td>12</td>",
        "<p>结束😀</p>",
        "<img src=\"image1.png\" width=\"1\" height=\"1\" alt=\"现场照片\"",
    ] {
        assert!(body.contains(want), "no {want} in\n{body}");
    }
    for never in [
        "不应出现",
        "隐藏",
        "Times",
        "宋体",
        "SimSun",
        "Word 16",
        "?",
    ] {
        assert!(!body.contains(never), "{never} in\n{body}");
    }
    // The PNG is bundled byte for byte; the metafile cannot be shown, and is said.
    let bundle = s
        .root()
        .join("content/guides/guan-yu-kai-zhan-zhuan-xiang-jian-cha-de-shuo-ming");
    assert_eq!(
        fs::read(bundle.join("image1.png")).unwrap(),
        crate::images::tiny_png()
    );
    assert!(report.contains("1 picture(s) in a format"), "{report}");
    let md = fs::read_to_string(
        s.root()
            .join("content/guides/guan-yu-kai-zhan-zhuan-xiang-jian-cha-de-shuo-ming/index.md"),
    )
    .unwrap();
    assert!(md.contains("title: 关于开展专项检查的说明\n"), "{md}");
    assert!(md.contains("date: 2024-06-01\n"), "{md}");
}

// ---- What import promises, for the new formats ---------------------------------------------

#[test]
fn a_folder_of_office_files_imports_each_once_and_overwrites_nothing() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    for ext in ["docx", "odt", "rtf"] {
        fs::copy(
            fixture(&format!("fangan.{ext}")),
            input.path().join(format!("方案.{ext}")),
        )
        .unwrap();
    }
    let dir = input.path().to_str().unwrap();
    let report = import_ok(&s, &[dir, "--section", "guides"]);
    assert!(report.contains("imported 3 file(s)"), "{report}");
    for (ext, read_as) in [("docx", "Word"), ("odt", "OpenDocument"), ("rtf", "RTF")] {
        assert!(
            report.contains(&format!("方案.{ext} [{read_as}]")),
            "{report}"
        );
    }
    // One title, three documents: the later ones renamed, none overwritten.
    let base = "guan-yu-shen-ru-kai-zhan-zhu-ti-jiao-yu-zhuan-ti-xue-xi-de";
    let mut hashes = Vec::new();
    for (n, ext) in [("", "docx"), ("-2", "odt"), ("-3", "rtf")] {
        let md = fs::read_to_string(s.root().join(format!("content/guides/{base}{n}/index.md")))
            .unwrap_or_else(|e| panic!("{ext}: {e}\n{report}"));
        assert!(md.contains(&format!("source: 方案.{ext}\n")), "{md}");
        let hash = md
            .lines()
            .find_map(|l| l.strip_prefix("source_sha256: "))
            .unwrap()
            .to_string();
        hashes.push(hash);
    }
    hashes.dedup();
    assert_eq!(hashes.len(), 3);
    let again = import_ok(&s, &[dir, "--section", "guides"]);
    assert!(
        again.contains("imported 0 file(s)") && again.contains("skipped 3 file(s)"),
        "{again}"
    );
    s.build_ok(&[]);
}

#[test]
fn broken_or_foreign_office_files_are_refused_naming_the_file_and_what_to_do() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let odt_zip = |name: &str, parts: &[(&str, String)]| {
        let p = input.path().join(name);
        zip_parts(&p, parts);
        p
    };
    let write = |name: &str, bytes: &[u8]| {
        let p = input.path().join(name);
        fs::write(&p, bytes).unwrap();
        p
    };
    let content = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text><text:p>讲话</text:p></office:text></office:body></office:document-content>".to_string();
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (
            write("讲话甲.odt", b"not a zip at all"),
            "not an OpenDocument text",
            "save it again",
        ),
        (
            odt_zip(
                "讲话乙.odt",
                &[
                    (
                        "mimetype",
                        "application/vnd.oasis.opendocument.spreadsheet".into(),
                    ),
                    ("content.xml", content.clone()),
                ],
            ),
            "opendocument.spreadsheet",
            "text documents",
        ),
        (
            odt_zip(
                "讲话丙.odt",
                &[("mimetype", "application/vnd.oasis.opendocument.text".into())],
            ),
            "no content.xml",
            "save it again",
        ),
        (
            odt_zip(
                "讲话丁.odt",
                &[
                    (
                        "META-INF/manifest.xml",
                        "<manifest:encryption-data/>".into(),
                    ),
                    ("content.xml", "\u{1}\u{2}".into()),
                ],
            ),
            "password",
            "remove the password",
        ),
        (
            odt_zip(
                "讲话戊.odt",
                &[(
                    "content.xml",
                    "<office:document-content><office:body><text:p>讲话</text:p></office:bo".into(),
                )],
            ),
            "content.xml is damaged",
            "save it again",
        ),
        (
            write("讲话己.rtf", "这不是RTF".as_bytes()),
            "not an RTF file",
            "save it again as .rtf",
        ),
        (
            write(
                "讲话庚.rtf",
                &[b"{\\rtf1 ".as_slice(), &b"{".repeat(100_000)].concat(),
            ),
            "nest more than 1000 deep",
            "save it again",
        ),
    ];
    for (file, says, hint) in &cases {
        let out = import(&s, &[file.to_str().unwrap(), "--section", "speeches"]);
        let err = String::from_utf8_lossy(&out.stderr);
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(!out.status.success(), "{name} was imported");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains(name) && err.contains(says) && err.contains(hint),
            "{name}: {err}"
        );
    }
    // Nothing was written.
    assert!(fs::read_dir(s.root().join("content"))
        .unwrap()
        .next()
        .is_none());
    // An .rtf cut short (its closing braces lost) still gives its text.
    let cut = write("讲话辛.rtf", b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0\\fcharset134 x;}}\\f0 \\'bd\\'b2\\'bb\\'b0\\par \\'d5\\'fd\\'ce\\'c4\\'ff");
    let report = import_ok(&s, &[cut.to_str().unwrap(), "--section", "speeches"]);
    // A byte that is no GBK character is shown as � and counted, never dropped in silence.
    assert!(
        report.contains("1 character(s) could not be read as gb18030"),
        "{report}"
    );
    let md = fs::read_to_string(s.root().join("content/speeches/jiang-hua.md"));
    let md = md
        .or_else(|_| fs::read_to_string(s.root().join("content/speeches/jiang-hua/index.md")))
        .unwrap();
    assert!(md.contains("title: 讲话") && md.contains("正文"), "{md}");
}
