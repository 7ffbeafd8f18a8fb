//! `huibian pdf`: the printed 汇编 read back the way a reader and an archivist would, with
//! poppler's pdftotext, pdfinfo, pdffonts, pdfimages and pdftohtml (its outline): A4 pages,
//! 目录 numbers equal to the printed `— N —`, each document from a new page, its Han text in
//! order, no draft, fonts embedded, bookmarks, 28 characters a line, PDF/A.

use crate::common::{run, Site};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CONFIG: &str =
    "title: 测试汇编\npdf:\n  issuer: 测试领导小组办公室\n  title: 主题教育学习资料汇编\n";

/// A paragraph of `n` Han characters without punctuation: lines of it are full lines.
fn han_run(n: usize, seed: usize) -> String {
    const POOL: &str = "学习贯彻调查研究检视整改建章立制理论武装思想政治能力作风群众路线基层治理";
    let pool: Vec<char> = POOL.chars().collect();
    (0..n).map(|i| pool[(i * 7 + seed) % pool.len()]).collect()
}

/// Three sections, a table across pages, an image, footnotes, a link, hostile text, a draft.
fn fixture() -> Site {
    let s = Site::new(CONFIG);
    for (sec, title, w) in [
        ("speeches", "讲话", 1),
        ("guides", "学习辅导", 2),
        ("experiences", "经验交流", 3),
    ] {
        s.write(
            &format!("content/{sec}/_index.md"),
            &format!("---\ntitle: {title}\nweight: {w}\n---\n"),
        );
    }
    let long = (0..12)
        .map(|k| han_run(200 + k * 13, k))
        .collect::<Vec<_>>()
        .join("\n\n");
    s.doc(
        "speeches/dongyuan.md",
        "title: 在主题教育动员部署会议上的讲话\ndate: 2023-04-10\nbatch: 1\nspeaker: 区委主要负责同志\nunit: 区委办公室",
        &format!(
            "同志们：\n\n## 一、提高思想认识\n\n{long}\n\n### （一）这是内在要求\n\n要对照[学习辅导](../guides/fudao.md)抓好学习。\n\n**二是抓整改。**整改要见效[^1]。\n\n[^1]: 整改清单另行印发。\n"
        ),
    );
    s.doc(
        "speeches/zongjie.md",
        "title: 在主题教育总结会议上的讲话\ndate: 2023-08-25\nbatch: 1\nspeaker: 区委主要负责同志",
        &format!("同志们：\n\n{}\n", han_run(300, 3)),
    );
    let rows: String = (1..=45)
        .map(|i| format!("| 第{i}项 | 落实{} |\n", han_run(6, i)))
        .collect();
    s.doc(
        "guides/fudao.md",
        "title: 主题教育学习辅导之一\ndate: 2023-05-02\nbatch: 1\nauthor: 理论宣讲团",
        &format!("一、学习要点\n\n| 项目 | 内容 |\n|---|---|\n{rows}\n结尾段落。\n"),
    );
    s.doc(
        "guides/teshu.md",
        "title: 特殊字符的处理说明\ndate: 2023-05-03\nbatch: 2",
        "符号 #set page(width: 1cm) 与 $x^2$ 以及 *星* _下划_ @引用 <标签> 反斜杠\\\\ // 注释 /* 块 */ `#eval(\"1\")` #read(\"/etc/passwd\") ] [ 完。\n\n#import \"x\": *\n",
    );
    s.doc(
        "experiences/jingyan/index.md",
        "title: 某街道主题教育经验交流材料\ndate: 2023-06-01\nbatch: 2\nunit: 某街道党工委",
        "经验介绍如下。\n\n![工作照片](zhaopian.png)\n\n- 一级\n  - 二级\n    - 三级\n      - [x] 四级\n\n以上。\n",
    );
    let png =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots/gongwen-print.png"))
            .unwrap();
    fs::write(
        s.root().join("content/experiences/jingyan/zhaopian.png"),
        png,
    )
    .unwrap();
    s.doc(
        "experiences/caogao.md",
        "title: 尚未定稿的征求意见稿\ndate: 2023-06-02\ndraft: true",
        "草稿内容不应出现。\n",
    );
    s
}

fn tool(name: &str, args: &[&str]) -> String {
    let o = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils): {e}"));
    assert!(
        o.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Runs `huibian pdf` on the site, expecting success; the PDF and stderr.
fn make(s: &Site, args: &[&str]) -> (PathBuf, String) {
    let out = s.root().join("book.pdf");
    let o = pdf_cmd(s, &[&["--output", out.to_str().unwrap()], args].concat());
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "pdf failed:\n{stderr}");
    (out, stderr)
}

fn pdf_cmd(s: &Site, args: &[&str]) -> std::process::Output {
    run(&[&["pdf", "--root", s.root().to_str().unwrap()], args].concat())
}

/// Each page's text (pdftotext separates pages with a form feed).
fn pages(pdf: &Path, layout: bool) -> Vec<String> {
    let p = pdf.to_str().unwrap();
    let args: Vec<&str> = if layout {
        vec!["-layout", p, "-"]
    } else {
        vec![p, "-"]
    };
    let text = tool("pdftotext", &args);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn han(s: &str) -> String {
    s.chars().filter(|&c| huibian::zh::is_han(c)).collect()
}

/// The printed page number of a page: the `— N —` line.
fn folio(page: &str) -> Option<u32> {
    page.lines().rev().find_map(|l| {
        let t = l.trim();
        let n = t.strip_prefix('—')?.strip_suffix('—')?.trim();
        n.parse().ok()
    })
}

/// The 目录's entries: (title, number) from the lines ending in leaders and a number.
fn contents(pages: &[String]) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for p in pages.iter().take_while(|p| folio(p).is_none()) {
        for l in p.lines() {
            let t = l.trim();
            let title = t.trim_end_matches(|c: char| c.is_ascii_digit());
            let Ok(n) = t[title.len()..].parse() else {
                continue;
            };
            let bare = title.trim_end_matches(['.', ' ']);
            if title.len() - bare.len() >= 6 {
                out.push((bare.to_string(), n));
            }
        }
    }
    out
}

/// The outline (bookmarks) as pdftohtml reads it: (depth, title, page).
fn outline(pdf: &Path) -> Vec<(usize, String, u32)> {
    let xml = tool(
        "pdftohtml",
        &["-xml", "-i", "-stdout", "-q", pdf.to_str().unwrap()],
    );
    let mut out = Vec::new();
    let mut depth = 0;
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<outline") {
            depth += 1;
        } else if rest.starts_with("</outline") {
            depth -= 1;
        } else if rest.starts_with("<item") {
            let end = rest.find('>').unwrap();
            let tag = &rest[..end];
            let page = tag
                .split("page=\"")
                .nth(1)
                .and_then(|p| p.split('"').next())
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            let close = rest.find("</item>").unwrap();
            let title = rest[end + 1..close].trim().to_string();
            out.push((depth, title, page));
        }
        rest = &rest[1..];
    }
    out
}

#[test]
fn the_book_reads_back_as_printed() {
    let s = fixture();
    let (pdf, stderr) = make(&s, &[]);
    let text = pages(&pdf, true);
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let n: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(n, text.len(), "{info}");
    // A4, every page.
    let sizes = tool(
        "pdfinfo",
        &["-f", "1", "-l", &n.to_string(), pdf.to_str().unwrap()],
    );
    let a4 = sizes
        .lines()
        .filter(|l| l.contains("size:") && l.contains("595.") && l.contains("841."))
        .count();
    assert_eq!(a4, n, "{sizes}");
    // The metadata: title, author = issuer, subject naming the sections.
    assert!(info.contains("主题教育学习资料汇编"), "{info}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("Author:") && l.contains("测试领导小组办公室")),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Subject:") && l.contains("讲话")),
        "{info}"
    );
    // The cover.
    assert!(
        han(&text[0]).starts_with(&han(
            "主题教育学习资料汇编 第一批、第二批 2023年4月10日至2023年8月25日 测试领导小组办公室"
        )),
        "{}",
        text[0]
    );
    // The 目录: every document once, with the number printed on its first page.
    let toc = contents(&text);
    // Sections by weight, each newest first, as the site lists them.
    let titles = [
        "在主题教育总结会议上的讲话",
        "在主题教育动员部署会议上的讲话",
        "特殊字符的处理说明",
        "主题教育学习辅导之一",
        "某街道主题教育经验交流材料",
    ];
    assert_eq!(
        toc.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
        titles,
        "{toc:?}"
    );
    let mut firsts = Vec::new();
    for (title, n) in &toc {
        let at = text
            .iter()
            .position(|p| folio(p).is_some() && p.trim_start().starts_with(title.as_str()))
            .unwrap_or_else(|| panic!("no page opens with {title}"));
        assert_eq!(folio(&text[at]), Some(*n), "{title}: 目录 says {n}");
        firsts.push(at);
    }
    // Page 1 is a right-hand (odd) page, and numbers run on from there.
    assert_eq!(
        firsts[0] % 2,
        0,
        "the first document is not on an odd sheet side"
    );
    for (i, p) in text.iter().enumerate().skip(firsts[0]) {
        assert_eq!(folio(p), Some((i - firsts[0] + 1) as u32), "page {}", i + 1);
    }
    // Sections and documents in the site's order; no draft anywhere.
    assert!(firsts.windows(2).all(|w| w[0] < w[1]));
    let all = text.concat();
    assert!(!all.contains("征求意见稿") && !all.contains("草稿内容"));
    // Every Han character of each document, in order, between its first page and the next
    // document's (the footnote's text at the page foot and the link's page number aside).
    let src = |rel: &str| fs::read_to_string(s.root().join("content").join(rel)).unwrap();
    let rels = [
        "speeches/zongjie.md",
        "speeches/dongyuan.md",
        "guides/teshu.md",
        "guides/fudao.md",
        "experiences/jingyan/index.md",
    ];
    for (k, rel) in rels.iter().enumerate() {
        let end = firsts.get(k + 1).copied().unwrap_or(text.len());
        let got = han(&text[firsts[k]..end].concat());
        let md = src(rel);
        let body = md.splitn(3, "---\n").nth(2).unwrap();
        let body: String = body.lines().filter(|l| !l.starts_with("[^")).collect();
        let meta = md.split("---\n").nth(1).unwrap();
        let field = |k: &str| {
            meta.lines()
                .find_map(|l| l.strip_prefix(k))
                .unwrap_or("")
                .to_string()
        };
        let expected = han(&format!(
            "{}{}{}{}",
            field("title:"),
            field("speaker:") + &field("author:"),
            field("unit:"),
            body
        ))
        .replace("项目内容", "");
        let got = got
            .replace("整改清单另行印发", "")
            .replace("项目内容", "")
            .replace("第页", "")
            .replace("年月日", "");
        let expected = expected.replace("工作照片", "");
        assert_eq!(got, expected, "{rel}");
    }
    // Fonts: every one embedded (subsets), with a Unicode map.
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for r in &rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "not embedded, subset and mapped: {r}"
        );
    }
    // PDF/A-2b declared in the XMP metadata.
    let xmp = tool("pdfinfo", &["-meta", pdf.to_str().unwrap()]);
    assert!(
        xmp.contains("pdfaid:part") && xmp.contains('2') && xmp.contains("pdfaid:conformance"),
        "{xmp}"
    );
    assert!(xmp.contains(">B<") || xmp.contains("=\"B\""), "{xmp}");
    // Bookmarks: 目录, then each section with its documents, at their pages.
    let marks = outline(&pdf);
    let sections = ["讲话", "学习辅导", "经验交流"];
    for s in sections {
        assert!(marks.iter().any(|m| m.0 == 1 && m.1 == s), "{marks:?}");
    }
    for (title, &at) in titles.iter().zip(&firsts) {
        assert!(
            marks
                .iter()
                .any(|m| m.0 == 2 && m.1 == *title && m.2 == at as u32 + 1),
            "{title} at {}: {marks:?}",
            at + 1
        );
    }
    let _ = stderr;
}

#[test]
fn body_pages_hold_22_lines_of_28_characters() {
    let s = fixture();
    let (pdf, _) = make(&s, &[]);
    let text = pages(&pdf, true);
    // The long speech's second page is all body text: 22 lines, each full one 28 characters,
    // a paragraph's first 26 after its two-character indent.
    let at = text
        .iter()
        .position(|p| p.trim_start().starts_with("在主题教育动员部署会议上的讲话"))
        .unwrap();
    let page = &text[at + 1];
    let lines: Vec<&str> = page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && folio(l).is_none())
        .collect();
    assert_eq!(lines.len(), 22, "{page}");
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
        .collect();
    // Every line is a paragraph's first (26), a full line (28), or the paragraph's last one
    // (shorter, with a first line after it or the page's end).
    for (k, &w) in widths.iter().enumerate() {
        let last = widths.get(k + 1).is_none_or(|&n| n == 26);
        assert!(
            w == 26 || w == 28 || (w < 28 && last),
            "line {}: {widths:?}\n{page}",
            k + 1
        );
    }
    assert!(
        widths.iter().filter(|&&w| w == 28).count() >= 12,
        "{widths:?}"
    );
    assert!(widths.contains(&26), "no indented first line: {widths:?}");
}

#[test]
fn page_numbers_sit_at_the_outer_corner() {
    let s = fixture();
    let (pdf, _) = make(&s, &[]);
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    // Each page's words; the folio's dash sits right of the middle on odd pages, left on even.
    let mut checked = 0;
    for page in html.split("<page ").skip(1) {
        let words: Vec<(f64, String)> = page
            .split("<word ")
            .skip(1)
            .map(|w| {
                let x: f64 = w
                    .split("xMin=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                let t = w
                    .split('>')
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .to_string();
                (x, t)
            })
            .collect();
        let Some(i) = words.iter().rposition(|w| w.1 == "—") else {
            continue;
        };
        let Some(n) = words
            .get(i.wrapping_sub(1))
            .and_then(|w| w.1.parse::<u32>().ok())
        else {
            continue;
        };
        let x = words[i].0;
        if n % 2 == 1 {
            assert!(x > 400.0, "page {n}: folio at x={x}");
        } else {
            assert!(x < 200.0, "page {n}: folio at x={x}");
        }
        checked += 1;
    }
    assert!(checked >= 4, "{checked} folios found");
}

#[test]
fn tables_repeat_their_header_and_links_between_documents_give_the_page() {
    let s = fixture();
    let (pdf, _) = make(&s, &[]);
    let text = pages(&pdf, true);
    let table: Vec<&String> = text
        .iter()
        .filter(|p| p.contains("第1项") || p.contains("第45项"))
        .collect();
    let spread: Vec<&String> = text.iter().filter(|p| p.contains("落实")).collect();
    assert!(spread.len() >= 2, "the table fits one page; make it longer");
    for p in &spread {
        assert!(
            p.contains("项目") && p.contains("内容"),
            "a table page without the header row:\n{p}"
        );
    }
    assert!(!table.is_empty());
    // The speech's link to the guide names the guide's printed page.
    let guide = text
        .iter()
        .find(|p| p.trim_start().starts_with("主题教育学习辅导之一"))
        .unwrap();
    let n = folio(guide).unwrap();
    let flat: String = text
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        flat.contains(&format!("学习辅导（第{n}页）")),
        "no page reference to {n}"
    );
    // The picture is in the PDF.
    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert!(images.lines().count() >= 3, "{images}");
}

#[test]
fn hostile_text_is_printed_as_written() {
    let s = fixture();
    let (pdf, _) = make(&s, &[]);
    let text = pages(&pdf, false).concat();
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for piece in [
        "#setpage(width:1cm)",
        "$x^2$",
        "@引用",
        "<标签>",
        "反斜杠\\",
        "//注释/*块*/",
        "#eval(\"1\")",
        "#read(\"/etc/passwd\")",
        "][完。",
        "#import\"x\":*",
    ] {
        assert!(flat.contains(piece), "`{piece}` not printed as written");
    }
    assert!(
        !text.contains("root:"),
        "a file of the machine got into the PDF"
    );
}

#[test]
fn a_selection_makes_the_book_of_that_part_only() {
    let s = fixture();
    let (pdf, _) = make(&s, &["--batch", "2"]);
    let text = pages(&pdf, false).concat();
    assert!(text.contains("特殊字符的处理说明") && text.contains("某街道主题教育经验交流材料"));
    assert!(!text.contains("总结会议"));
    assert!(han(&text).contains("第二批"));
    let (pdf, _) = make(&s, &["--section", "guides"]);
    let marks = outline(&pdf);
    assert_eq!(marks.iter().filter(|m| m.0 == 2).count(), 2, "{marks:?}");
    let o = pdf_cmd(&s, &["--batch", "9"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no published document matches"));
}

#[test]
fn a_picture_typst_cannot_read_is_an_error_at_its_document() {
    let s = fixture();
    fs::write(
        s.root().join("content/experiences/jingyan/zhaopian.png"),
        b"not a png at all",
    )
    .unwrap();
    let o = pdf_cmd(&s, &["--output", s.root().join("x.pdf").to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The images stage reads every picture the book prints before Typst does: the same
    // message as build's, naming the file.
    assert!(
        err.contains("content/experiences/jingyan/zhaopian.png: the file is named as a PNG picture but holds no picture"),
        "{err}"
    );
    assert!(!s.root().join("x.pdf").exists());
}

#[test]
fn an_output_that_is_not_a_pdf_is_never_overwritten_and_a_rerun_is_byte_identical() {
    let s = fixture();
    let keep = s.root().join("notes.txt");
    fs::write(&keep, "mine").unwrap();
    let o = pdf_cmd(&s, &["--output", keep.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a PDF"));
    assert_eq!(fs::read_to_string(&keep).unwrap(), "mine");
    let o = pdf_cmd(
        &s,
        &["--output", s.root().join("config.yaml").to_str().unwrap()],
    );
    assert!(!o.status.success());
    // A PDF from last time is replaced; the same sources on the same day give the same bytes
    // (no clock time inside).
    let (pdf, _) = make(&s, &[]);
    let first = fs::read(&pdf).unwrap();
    let (pdf, _) = make(&s, &[]);
    assert!(fs::read(&pdf).unwrap() == first, "two runs differ");
    // Typst's caches dropped all along (as for a book too big to keep them): the same bytes.
    let out = s.root().join("trimmed.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_huibian"))
        .args([
            "pdf",
            "--root",
            s.root().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .env("HUIBIAN_PDF_CACHE_MB", "0")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        fs::read(&out).unwrap() == first,
        "dropping the caches changed the PDF"
    );
    let (pdf, _) = make(&s, &["--section", "guides"]);
    assert_ne!(fs::read(&pdf).unwrap().len(), first.len());
    // A link at the output is replaced, not written through.
    let elsewhere = tempfile::tempdir().unwrap();
    let theirs = elsewhere.path().join("theirs.pdf");
    fs::write(&theirs, b"%PDF-1.7 someone else's").unwrap();
    let link = s.root().join("linked.pdf");
    std::os::unix::fs::symlink(&theirs, &link).unwrap();
    let o = pdf_cmd(&s, &["--output", link.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read(&theirs).unwrap(), b"%PDF-1.7 someone else's");
    assert!(!fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn a_character_no_font_has_is_named_at_its_line() {
    let s = fixture();
    s.doc(
        "guides/zi.md",
        "title: 生僻字\ndate: 2023-05-04",
        "第一行。\n\n这里有\u{10FFFD}一个。\n",
    );
    let (pdf, stderr) = make(&s, &[]);
    assert!(
        stderr.contains("content/guides/zi.md:7:4") && stderr.contains("U+10FFFD"),
        "{stderr}"
    );
    assert!(pages(&pdf, false).concat().contains("这里有〓一个"));
}

#[test]
fn archive_puts_the_book_beside_print() {
    let s = fixture();
    let zip = s.root().join("a.zip");
    let o = run(&[
        "archive",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        zip.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut z = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut z.by_name("print.pdf").unwrap(), &mut bytes).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let out = s.root().join("from-zip.pdf");
    fs::write(&out, &bytes).unwrap();
    assert_eq!(contents(&pages(&out, true)).len(), 5);
    let v = run(&["verify", zip.to_str().unwrap()]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
}

#[test]
fn fonts_named_in_config_come_first_and_a_missing_one_is_said() {
    let s = fixture();
    let config = format!("{CONFIG}  fonts:\n    fangsong: [没有这个字体, Noto Sans CJK SC]\n");
    s.write("config.yaml", &config);
    let (pdf, stderr) = make(&s, &[]);
    assert!(
        stderr.contains("pdf.fonts.fangsong names `没有这个字体`"),
        "{stderr}"
    );
    assert!(!stderr.contains("no 仿宋 font"), "{stderr}");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("NotoSansCJK"), "{fonts}");
}
