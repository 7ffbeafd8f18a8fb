//! Spreadsheets and .csv: ledgers written by LibreOffice (tests/fixtures/office/sheets, made by
//! its make.sh from taizhang.fods) imported as documents, and linked from a page as tables;
//! checked on the built page a reader gets, its search text and `huibian check`.

use crate::common::{run, Site};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office/sheets")
        .join(name)
}

fn site() -> Site {
    Site::new("title: 测试站\nbase_url: /\n")
}

fn import(s: &Site, args: &[&str]) -> std::process::Output {
    let root = s.root().to_str().unwrap();
    let out = run(&[&["import", "--root", root], args].concat());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

fn import_ok(s: &Site, args: &[&str]) -> String {
    let out = import(s, args);
    assert!(
        out.status.success(),
        "import failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The texts of the visible sheets' cells, in the order LibreOffice wrote them.
fn shown_texts() -> String {
    let all = source_texts();
    assert_eq!(all[all.len() - 2], "隐藏的下拉选项");
    all[..all.len() - 2].concat()
}

/// The texts of the ledger's cells in the order LibreOffice wrote them (every `<text:p>` of the
/// flat XML the fixtures were made from).
fn source_texts() -> Vec<String> {
    let xml = fs::read_to_string(fixture("taizhang.fods")).unwrap();
    xml.split("<text:p>")
        .skip(1)
        .map(|p| p.split("</text:p>").next().unwrap().to_string())
        .collect()
}

fn han(s: &str) -> String {
    s.chars().filter(|&c| huibian::zh::is_han(c)).collect()
}

/// Every Han character of `want` appears in `page`, in order.
fn assert_han_in_order(want: &str, page: &str, what: &str) {
    let mut hay = han(page).chars().collect::<Vec<_>>().into_iter();
    for (n, c) in han(want).chars().enumerate() {
        assert!(
            hay.any(|h| h == c),
            "{what}: Han character {n} 「{c}」 missing or out of order"
        );
    }
}

/// The tables of a page: per table, its rows (header first), per row its cells' text.
fn tables(html: &str) -> Vec<Vec<Vec<String>>> {
    html.split("<table>")
        .skip(1)
        .map(|t| {
            let t = t.split("</table>").next().unwrap();
            t.split("<tr>")
                .skip(1)
                .map(|r| {
                    r.split("</tr>")
                        .next()
                        .unwrap()
                        .split("<t")
                        .skip(1)
                        .filter(|c| c.starts_with("d>") || c.starts_with("h>"))
                        .map(|c| text_of(c[2..].split("</t").next().unwrap()))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Markup taken out, `<br>` as a line break, entities read.
fn text_of(html: &str) -> String {
    let html = html
        .replace("<br />\n", "\n")
        .replace("<br>\n", "\n")
        .replace("<br>", "\n");
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The first sheet's table (header and rows) as the page should show it, with the dates,
/// percentages and money as `shown` gives them for that format.
fn first_sheet(date: [&str; 3], pct: [&str; 3], money: [&str; 3]) -> Vec<Vec<String>> {
    let mut t = rows(&[&[
        "序号",
        "问题描述",
        "整改措施",
        "责任单位",
        "完成时限",
        "完成率",
        "经费（元）",
    ]]);
    let body: [[&str; 4]; 3] = [
        [
            "1",
            "理论学习流于形式，学用脱节",
            "制定学习计划|每月集中研讨",
            "组织部",
        ],
        [
            "2",
            "调查研究不够深入",
            "领导班子成员每季度蹲点调研\n形成调研报告",
            "",
        ],
        [
            "3",
            "为民办实事台账不清",
            "建立***事项清单，逐项销号",
            "办公室",
        ],
    ];
    for (i, b) in body.iter().enumerate() {
        let mut r: Vec<String> = b.iter().map(|c| c.to_string()).collect();
        r.extend([date[i], pct[i], money[i]].map(str::to_string));
        t.push(r);
    }
    t
}

fn other_sheets() -> Vec<Vec<Vec<String>>> {
    vec![
        rows(&[
            &["序号", "重点任务", "牵头单位", "配合单位"],
            &["1", "开展专题读书班", "宣传部", "各党支部"],
            &["2", "召开专题民主生活会", "纪检组", ""],
        ]),
        rows(&[
            &["类别", "问题", "发现日期"],
            &["作风建设", "文山会海仍然存在", "2024年3月15日"],
        ]),
    ]
}

const DATES: [&str; 3] = ["2024年5月8日", "2024年6月30日", "2024年12月31日"];
const PCT: [&str; 3] = ["85.6%", "100.0%", "30.0%"];
const MONEY: [&str; 3] = ["12,500.50", "3,000.00", "1,234,567.89"];

/// What each format's page shows of the first sheet: .xlsx and .xls (and WPS .et, the same
/// format) under their number formats; .ods as its cells' shown text; .csv as written.
fn expected(file: &str) -> Vec<Vec<String>> {
    match file {
        "taizhang.xlsx" | "taizhang.ods" | "taizhang.xls" | "taizhang.et" => {
            first_sheet(DATES, PCT, MONEY)
        }
        _ => first_sheet(["2024-05-08", "2024-06-30", "2024-12-31"], PCT, MONEY),
    }
}

/// The built page of the one document imported into `s`'s content/guides/.
fn imported_page(s: &Site) -> String {
    let dir = s.root().join("content/guides");
    let md = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a document");
    let slug = md.file_stem().unwrap().to_string_lossy().to_string();
    s.build_ok(&[]);
    s.read(&format!("guides/{slug}/index.html"))
}

#[test]
fn ledgers_from_each_office_format_import_with_every_cell() {
    for (file, read_as) in [
        ("taizhang.xlsx", "Excel workbook (.xlsx)"),
        ("taizhang.xls", "Excel 97–2003 workbook (.xls)"),
        ("taizhang.et", "Excel 97–2003 workbook (.xls)"),
        ("taizhang.ods", "OpenDocument spreadsheet (.ods)"),
        ("taizhang-gbk.csv", "CSV, gb18030 (detected)"),
    ] {
        let s = site();
        let out = import_ok(
            &s,
            &["--section", "guides", fixture(file).to_str().unwrap()],
        );
        assert!(out.contains(&format!("[{read_as}]")), "{file}: {out}");
        let page = imported_page(&s);
        // The title is the row merged across the top of the first sheet.
        assert!(
            page.contains("<h1>主题教育检视问题整改台账</h1>")
                || page.contains("主题教育检视问题整改台账</h1>"),
            "{file}: title"
        );
        let body = page.split("doc-body").nth(1).unwrap();
        let found = tables(body);
        assert_eq!(found[0], expected(file), "{file}: the first sheet's cells");
        if file.ends_with(".csv") {
            // A .csv holds the first sheet only, with no section heading.
            assert_eq!(found.len(), 1, "{file}");
            assert!(!body.contains("<h2"), "{file}");
            assert_han_in_order(&source_texts()[..23].concat(), &page, file);
        } else {
            // The hidden sheet too, said in the report.
            let mut others = other_sheets();
            others.push(rows(&[&["隐藏的下拉选项"], &["已完成"]]));
            assert_eq!(found[1..], others, "{file}: the other sheets");
            assert!(
                out.contains("sheet 「下拉选项」 is hidden in the workbook and was imported too"),
                "{file}: {out}"
            );
            for name in ["整改台账", "任务分工表", "问题清单", "下拉选项"] {
                assert!(
                    body.contains(&format!(">{name}</h2>")),
                    "{file}: section {name}"
                );
            }
            assert_han_in_order(&source_texts().concat(), &page, file);
        }
        // The redaction in a cell is kept literally, and reported at its cell.
        assert!(out.contains("cell C5"), "{file}: {out}");
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn importing_ledgers_keeps_every_promise_of_import() {
    let s = site();
    let slug = "zhu-ti-jiao-yu-jian-shi-wen-ti-zheng-gai-tai-zhang";
    // A document already holds the name the ledger's title makes.
    s.doc(
        &format!("guides/{slug}.md"),
        "title: 原有文档\ndate: 2024-01-01",
        "原有内容。\n",
    );
    let before = fs::read(s.root().join(format!("content/guides/{slug}.md"))).unwrap();
    let (xlsx, csv) = (fixture("taizhang.xlsx"), fixture("taizhang-gbk.csv"));
    let args = [
        "--section",
        "guides",
        xlsx.to_str().unwrap(),
        csv.to_str().unwrap(),
    ];
    let out = import_ok(&s, &args);
    // One line per file: what it was read as and where it went; nothing overwritten.
    assert!(out.contains("imported 2 file(s)"), "{out}");
    assert!(
        out.contains(&format!(
            "taizhang.xlsx [Excel workbook (.xlsx)] → content/guides/{slug}-2.md"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "taizhang-gbk.csv [CSV, gb18030 (detected)] → content/guides/{slug}-3.md"
        )),
        "{out}"
    );
    assert_eq!(
        fs::read(s.root().join(format!("content/guides/{slug}.md"))).unwrap(),
        before
    );
    // Source and hash recorded.
    let doc = fs::read_to_string(s.root().join(format!("content/guides/{slug}-2.md"))).unwrap();
    assert!(doc.contains("source: taizhang.xlsx\n"), "{doc}");
    let hash = sha256_hex(&fs::read(&xlsx).unwrap());
    assert!(doc.contains(&format!("source_sha256: {hash}\n")), "{doc}");
    // Imported again: skipped, said per file.
    let again = import_ok(&s, &args);
    assert!(again.contains("imported 0 file(s)"), "{again}");
    assert!(
        again.contains("skipped 2 file(s) imported before"),
        "{again}"
    );
    assert!(
        again.contains(&format!("= content/guides/{slug}-2.md")),
        "{again}"
    );
    // --encoding holds for a .csv too; what it cannot decode is counted.
    let u = site();
    let out = import_ok(
        &u,
        &[
            "--section",
            "guides",
            "--encoding",
            "utf-8",
            csv.to_str().unwrap(),
        ],
    );
    assert!(out.contains("[CSV, UTF-8 (given)]"), "{out}");
    assert!(out.contains("could not be decoded and show as �"), "{out}");
    // A folder of office files: the spreadsheets are taken with the rest.
    let t = site();
    let dir = tempfile::tempdir().unwrap();
    for f in ["taizhang.ods", "taizhang.et"] {
        fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let out = import_ok(&t, &["--section", "guides", dir.path().to_str().unwrap()]);
    assert!(out.contains("imported 2 file(s)"), "{out}");
}

/// A zip of `entries` (name, bytes), deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An .ods whose one cell, repeated, would make a billion cells.
fn ods_repeat_bomb() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="表"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ])
}

#[test]
fn what_is_no_ledger_is_refused_naming_the_file() {
    let xlsx = fs::read(fixture("taizhang.xlsx")).unwrap();
    let spaces = vec![b' '; 20 << 20];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "网页.xls",
            "<html><body><table><tr><td>问题</td></tr></table></body></html>".into(),
            "web page (HTML)",
        ),
        ("截断.xlsx", xlsx[..xlsx.len() / 2].to_vec(), "damaged"),
        ("空.csv", Vec::new(), "no cell with text"),
        (
            "乱码.et",
            b"\x01\x02 not a workbook at all".to_vec(),
            "not an Excel, WPS or OpenDocument workbook",
        ),
        (
            "炸弹.xlsx",
            zip_of(&[("xl/worksheets/sheet1.xml", &spaces)]),
            "inflates more than 500 times",
        ),
        (
            "重复.ods",
            ods_repeat_bomb(),
            "repeated cells make 1000000000 cells",
        ),
    ];
    for (name, bytes, why) in cases {
        let s = site();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        fs::write(&file, &bytes).unwrap();
        let out = import(&s, &["--section", "guides", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}: imported");
        assert!(stderr.contains(name), "{name}: the file is named: {stderr}");
        assert!(stderr.contains(why), "{name}: {stderr}");
        assert!(
            !s.root().join("content/guides").exists(),
            "{name}: nothing written"
        );
    }
}

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

/// A bundle content/guides/jinzhan/ with `body` and copies of the named fixtures.
fn bundle(s: &Site, body: &str, files: &[(&str, &str)]) {
    s.doc(
        "guides/jinzhan/index.md",
        "title: 整改工作进展\ndate: 2024-06-01",
        body,
    );
    for (fixture_name, as_name) in files {
        let to = s.root().join("content/guides/jinzhan").join(as_name);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(fixture(fixture_name), to).unwrap();
    }
}

#[test]
fn a_linked_sheet_is_a_table_in_the_page_its_search_text_and_check() {
    let s = site();
    bundle(
        &s,
        "整改工作进展如下。\n\n[整改台账](taizhang.xlsx)\n\n以上情况，特此报告。\n",
        &[("taizhang.xlsx", "taizhang.xlsx")],
    );
    s.build_ok(&[]);
    let page = s.read("guides/jinzhan/index.html");
    // The link is the caption, and still the download.
    assert!(
        page.contains(
            "<figure class=\"sheet\">\n<figcaption><a href=\"taizhang.xlsx\">整改台账</a></figcaption>"
        ),
        "{page}"
    );
    assert!(s.exists("guides/jinzhan/taizhang.xlsx"));
    let body = page.split("doc-body").nth(1).unwrap();
    let mut want = vec![expected("taizhang.xlsx")];
    want.extend(other_sheets());
    assert_eq!(tables(body), want);
    for caption in ["主题教育检视问题整改台账", "任务分工表", "问题清单"] {
        assert!(
            body.contains(&format!("<caption>{caption}</caption>")),
            "{caption}"
        );
    }
    assert_han_in_order(&shown_texts(), body, "page");
    // The hidden sheet is not shown.
    assert!(!body.contains("隐藏的下拉选项"), "{body}");
    // The paragraphs around it stay where they were.
    assert!(body.find("整改工作进展如下") < body.find("<figure"));
    assert!(body.find("</figure>") < body.find("以上情况，特此报告"));
    // The search index holds the cells, in order, as text of the page.
    let text = search_text(&s);
    assert_han_in_order(&shown_texts(), &text, "search text");
    assert!(!text.contains("隐藏的下拉选项"), "{text}");
    assert!(text.contains("文山会海仍然存在\n"), "{text}");
    // 字数 counts the table's characters (the body's own text has 17).
    let words: usize = page
        .split("字数 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(words > 150, "字数 {words}");
    // check reads the same cells: the redaction in cell C5 is reported at the link's line.
    let out = run(&[
        "check",
        "--root",
        s.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let redaction = stdout
        .lines()
        .find(|l| l.contains("\"code\":\"redaction\""))
        .unwrap_or_else(|| panic!("check sees the table's ***: {stdout}"));
    assert!(redaction.contains("\"line\":7"), "{redaction}");
}

#[test]
fn only_a_link_alone_in_its_paragraph_to_a_bundle_sheet_becomes_a_table() {
    let s = site();
    bundle(
        &s,
        concat!(
            "见[整改台账](taizhang.xlsx)。\n\n",
            "[分工表](%E5%88%86%E5%B7%A5%20%E8%A1%A8.csv)\n\n",
            "  [**分工表**](<./分工 表.csv> \"下载\")  \n\n",
            "[外部表格](https://example.org/x.xlsx)\n\n",
            "[大写](附件/TAIZHANG.ODS)\n\n",
            "[上级文件夹](../jinzhan/taizhang.xlsx)\n\n",
            "[图](taizhang.xlsx \"标题\")后有字\n",
        ),
        &[
            ("taizhang.xlsx", "taizhang.xlsx"),
            ("taizhang-gbk.csv", "分工 表.csv"),
            ("taizhang.ods", "附件/TAIZHANG.ODS"),
        ],
    );
    s.build_ok(&[]);
    let page = s.read("guides/jinzhan/index.html");
    let body = page.split("doc-body").nth(1).unwrap();
    // In a sentence: a plain link. The GBK .csv twice (percent-encoded, and `./` in <…> with
    // a title and bold text), and the .ods in a subfolder: tables.
    assert!(
        body.contains("<p>见<a href=\"taizhang.xlsx\">整改台账</a>。</p>"),
        "{body}"
    );
    assert!(body.contains("<a href=\"https://example.org/x.xlsx\">外部表格</a></p>"));
    // `..` names no file of this bundle by its name: a plain link (the link check knows it).
    assert!(body.contains(">上级文件夹</a></p>"), "{body}");
    assert!(body.contains(">图</a>后有字</p>"), "{body}");
    assert_eq!(
        body.matches("<figure class=\"sheet\">").count(),
        3,
        "{body}"
    );
    assert!(body.contains("<figcaption><a href=\"./%E5%88%86%E5%B7%A5%20%E8%A1%A8.csv\" title=\"下载\"><strong>分工表</strong></a></figcaption>")
        || body.contains("title=\"下载\"><strong>分工表</strong></a></figcaption>"), "{body}");
    let t = tables(body);
    assert_eq!(t.len(), 1 + 1 + 3, "{body}");
    assert_eq!(t[0], expected("taizhang-gbk.csv"));
    assert_eq!(t[1], expected("taizhang-gbk.csv"));
    assert_eq!(t[2], expected("taizhang.ods"));
}

#[test]
fn a_sheet_that_cannot_be_read_or_is_missing_is_an_error_at_its_line() {
    let s = site();
    s.doc(
        "guides/jinzhan/index.md",
        "title: 整改工作进展\ndate: 2024-06-01",
        "进展如下。\n\n[坏表](bad.xlsx)\n\n[缺表](missing.csv)\n",
    );
    fs::write(s.root().join("content/guides/jinzhan/bad.xlsx"), "不是表格").unwrap();
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/guides/jinzhan/index.md:7:1: `bad.xlsx` cannot be shown as a table: not an Excel, WPS or OpenDocument workbook"),
        "{err}"
    );
    assert!(
        err.contains("content/guides/jinzhan/index.md:9:1: link to a missing file `missing.csv`"),
        "{err}"
    );
}

#[test]
fn a_huge_sheet_is_cut_at_whole_rows_with_a_note() {
    let s = site();
    s.doc(
        "guides/jinzhan/index.md",
        "title: 整改工作进展\ndate: 2024-06-01",
        "[大表](big.csv)\n\n[巨表](huge.csv)\n",
    );
    let dir = s.root().join("content/guides/jinzhan");
    let mut big = String::from("序号,问题,单位\n");
    for i in 1..=30_000 {
        big.push_str(&format!("{i},第{i}个问题,单位{i}\n"));
    }
    fs::write(dir.join("big.csv"), &big).unwrap();
    // Past the size a page reads at all: not opened.
    let line = "一二三四五六七八九十,".repeat(10) + "\n";
    fs::write(dir.join("huge.csv"), line.repeat((33 << 20) / line.len())).unwrap();
    let started = std::time::Instant::now();
    s.build_ok(&[]);
    let took = started.elapsed();
    let page = s.read("guides/jinzhan/index.html");
    let t = tables(&page);
    // 20,000 cells of three columns: the header and 6,665 rows, whole.
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].len(), 6_666);
    assert_eq!(t[0][6_665], vec!["6665", "第6665个问题", "单位6665"]);
    assert!(page.contains("（表格较大，此处只显示前 6666 行；完整内容请下载附件。）"));
    assert!(page.contains("（表格文件较大，不在页面中显示，请下载附件查看。）"));
    assert!(!page.contains("第6666个问题"));
    assert!(took.as_secs() < 20, "{took:?}");
}

#[test]
fn serve_shows_a_linked_sheet_anew_when_only_the_sheet_changes() {
    let s = site();
    s.doc(
        "guides/jinzhan/index.md",
        "title: 整改工作进展\ndate: 2024-06-01",
        "[台账](t.csv)\n\n[整改台账](u.xlsx)\n",
    );
    let csv = s.root().join("content/guides/jinzhan/t.csv");
    fs::write(&csv, "序号,问题\n1,第一版问题\n").unwrap();
    let xlsx = s.root().join("content/guides/jinzhan/u.xlsx");
    fs::copy(fixture("taizhang.xlsx"), &xlsx).unwrap();
    let p = crate::serve::Preview::start(s.root(), &[]);
    let has = |t: &'static str| move |r: &crate::serve::Reply| r.text().contains(t);
    p.wait_for("/guides/jinzhan/", "served", has("<td>第一版问题</td>"));
    // The same size: only its modification time tells the file changed.
    fs::write(&csv, "序号,问题\n1,第二版问题\n").unwrap();
    p.wait_for("/guides/jinzhan/", "updated", has("<td>第二版问题</td>"));
    // Broken: the error is shown; mended: the table is back.
    fs::write(&xlsx, "不是表格").unwrap();
    p.wait_for(
        "/guides/jinzhan/",
        "the error",
        has("cannot be shown as a table"),
    );
    fs::copy(fixture("taizhang.xlsx"), &xlsx).unwrap();
    p.wait_for(
        "/guides/jinzhan/",
        "mended",
        has("<td>文山会海仍然存在</td>"),
    );
}

#[test]
fn a_page_whose_raw_html_is_cleaned_keeps_its_sheet_table() {
    let s = site();
    bundle(
        &s,
        "<u>下划线</u>与<script>alert(1)</script>脚本。\n\n[整改台账](taizhang.xlsx)\n",
        &[("taizhang.xlsx", "taizhang.xlsx")],
    );
    s.build_ok(&[]);
    let page = s.read("guides/jinzhan/index.html");
    let body = page.split("doc-body").nth(1).unwrap();
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(body.contains("<figure class=\"sheet\">"), "{body}");
    assert!(
        body.contains("<caption>主题教育检视问题整改台账</caption>"),
        "{body}"
    );
    let mut want = vec![expected("taizhang.xlsx")];
    want.extend(other_sheets());
    assert_eq!(tables(body), want);
}

#[test]
fn the_search_page_finds_a_phrase_from_a_linked_sheets_cell() {
    let Some(browser) = crate::web::chromium() else {
        return;
    };
    let s = site();
    bundle(
        &s,
        "整改工作进展如下。\n\n[整改台账](taizhang.xlsx)\n",
        &[("taizhang.xlsx", "taizhang.xlsx")],
    );
    s.build_ok(&[]);
    let out = s.out();
    let server = crate::web::serve(&out);
    let reports = crate::browser::search_report(
        browser,
        &|p| server.url(p),
        &out,
        &["文山会海", "蹲点调研", "隐藏的下拉选项"],
        false,
    );
    // The hidden sheet is in no page, so in no result.
    assert!(
        crate::browser::field(&reports[2], "status").contains("未找到"),
        "{}",
        reports[2]
    );
    for r in &reports[..2] {
        let title = crate::browser::field(r, "title");
        assert!(title.contains("整改工作进展"), "{r}");
        assert!(
            crate::browser::field(r, "snippet").contains("<mark>"),
            "{r}"
        );
    }
}
