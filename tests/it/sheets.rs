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
    let html = html.replace("<br />\n", "\n").replace("<br>", "\n");
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
        ["1", "理论学习流于形式，学用脱节", "制定学习计划|每月集中研讨", "组织部"],
        ["2", "调查研究不够深入", "领导班子成员每季度蹲点调研\n形成调研报告", ""],
        ["3", "为民办实事台账不清", "建立***事项清单，逐项销号", "办公室"],
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

/// What each format's page shows of the first sheet: .xlsx under its number formats; .ods
/// as its cells' shown text; .xls (and WPS .et, the same format) in the General format, as
/// calamine gives no .xls number format; .csv as written.
fn expected(file: &str) -> Vec<Vec<String>> {
    match file {
        "taizhang.xlsx" | "taizhang.ods" => first_sheet(DATES, PCT, MONEY),
        "taizhang.xls" | "taizhang.et" => first_sheet(
            DATES,
            ["0.856", "1", "0.3"],
            ["12500.5", "3000", "1234567.891"],
        ),
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
            assert_eq!(found[1..], other_sheets(), "{file}: the other sheets");
            for name in ["整改台账", "任务分工表", "问题清单"] {
                assert!(body.contains(&format!(">{name}</h2>")), "{file}: section {name}");
            }
            assert_han_in_order(&source_texts().concat(), &page, file);
        }
        // The redaction in a cell is kept literally, and reported at its cell.
        assert!(out.contains("cell C5"), "{file}: {out}");
    }
}
