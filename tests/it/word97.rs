//! `huibian import` of Word 97-2003 (.doc) and WPS (.wps) files written by LibreOffice
//! (tests/fixtures/office/make.py): the built page holds every Han character of the
//! document in order, its headings and numbers as Word shows them, its table cells, footnotes
//! and field results; encrypted files, files with macros and files that only carry a Word
//! name are refused with what to do.

use crate::common::{run, Site};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office")
        .join(name)
}

/// A copy of a fixture under `name` in a fresh folder (the folder is kept alive by the caller).
fn copy(dir: &tempfile::TempDir, fixture_name: &str, name: &str) -> PathBuf {
    let to = dir.path().join(name);
    fs::copy(fixture(fixture_name), &to).unwrap();
    to
}

fn site() -> Site {
    Site::new("title: 测试站\nbase_url: /\n")
}

fn import(site: &Site, args: &[&str]) -> std::process::Output {
    let root = site.root().to_str().unwrap();
    let out = run(&[&["import", "--root", root], args].concat());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

fn import_ok(site: &Site, args: &[&str]) -> String {
    let out = import(site, args);
    assert!(
        out.status.success(),
        "import failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn han(s: &str) -> String {
    s.chars().filter(|c| huibian::zh::is_han(*c)).collect()
}

fn between<'a>(s: &'a str, a: &str, b: &str) -> &'a str {
    let start = s.find(a).unwrap_or_else(|| panic!("no {a} in {s}")) + a.len();
    let end = s[start..].find(b).unwrap_or_else(|| panic!("no {b}")) + start;
    &s[start..end]
}

/// The built page of the one document in `section`, and its URL path.
fn page(s: &Site, section: &str) -> String {
    let dir = s.out().join(section);
    let doc = fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().join("index.html").is_file() && e.file_type().unwrap().is_dir())
        .unwrap_or_else(|| panic!("no document page in {}", dir.display()));
    fs::read_to_string(doc.path().join("index.html")).unwrap()
}

/// The page's title and body text without its footnote definitions, tags removed.
fn text_of(page: &str) -> (String, String, String) {
    let title = between(page, "<h1>", "</h1>").to_string();
    let body = between(page, "<div class=\"doc-body\">", "\n  </div>");
    let (main, notes) = body
        .split_once("<div class=\"footnote-definition\"")
        .unwrap_or((body, ""));
    (title, strip_tags(main), strip_tags(notes))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// LibreOffice's own text of the .doc (tests/fixtures/office/NAME.doc.txt).
fn oracle(name: &str) -> String {
    fs::read_to_string(fixture(&format!("{name}.txt"))).unwrap()
}

const HIDDEN: &str = "此句仅供起草人参考。";

#[test]
fn a_libreoffice_doc_imports_with_headings_table_footnotes_and_fields() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = copy(&input, "fangan97.doc", "经验交流材料.doc");
    let report = import_ok(&s, &[f.to_str().unwrap()]);
    assert!(report.contains("[Word 97-2003]"), "{report}");
    assert!(
        report.contains("10 character(s) of hidden text not imported"),
        "{report}"
    );
    s.build_ok(&[]);
    let page = page(&s, "experiences");
    let (title, main, notes) = text_of(&page);
    // Every Han character LibreOffice shows, in order, except the hidden sentence.
    let want = han(&oracle("fangan97.doc").replacen(HIDDEN, "", 1));
    assert_eq!(han(&format!("{title}{main}")), want, "{main}");
    assert!(!page.contains(HIDDEN), "hidden text is dropped");
    assert_eq!(han(&notes), "参见学习纲要第三章表中单位按笔画排序");
    for want in [
        "<h2 id=\"一主要做法\">一、主要做法</h2>",
        "<h3 id=\"一强化理论武装\">（一）强化理论武装</h3>",
        "<h3 id=\"二狠抓整改落实\">（二）狠抓整改落实</h3>",
        "<h2 id=\"二下一步打算\">二、下一步打算</h2>",
        "我们坚持<strong>学思想</strong>、<em>强党性</em>，推动主题教育走深走实<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>。",
        "任务分工如下表<sup class=\"footnote-reference\"><a href=\"#2\">2</a></sup>：",
        "详见<a href=\"http://intranet.example/fangan?id=1\">工作方案</a>。",
        // Fields: NUMPAGES and TITLE reduced to what they show.
        "本材料共1页，题为《关于深化以学促干的经验交流材料》。",
        "（1）建立问题清单",
        "（2）定期调度进展",
    ] {
        assert!(page.contains(want), "no {want} in\n{main}");
    }
    assert!(!page.contains("NUMPAGES") && !page.contains("HYPERLINK"));
    let table = between(&page, "<table>", "</table>");
    let cells: Vec<String> = strip_tags(&table.replace("</t", "|</t"))
        .split('|')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        [
            "序号",
            "任务",
            "责任单位",
            "1",
            "制定实施方案",
            "办公室",
            "2",
            "开展专题学习",
            "宣传部"
        ]
    );
    assert!(table.contains("<th>序号</th>"), "{table}");
    assert!(
        page.contains("原件：经验交流材料.doc"),
        "the original is an attachment"
    );
}

#[test]
fn numbering_through_styles_shows_the_numbers_word_shows() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = copy(&input, "bianhao.doc", "工作要点.doc");
    import_ok(&s, &[f.to_str().unwrap(), "--section", "guides"]);
    s.build_ok(&[]);
    let page = page(&s, "guides");
    let (title, main, _) = text_of(&page);
    let oracle = oracle("bianhao.doc");
    assert_eq!(han(&format!("{title}{main}")), han(&oracle));
    // Each line as LibreOffice shows it (the number, then a tab it shows as a space) is a
    // line of the page, in the same order.
    let mut rest = main.as_str();
    for line in oracle.lines().skip(1) {
        let line = line.trim().replacen(" ", "", 1);
        let at = rest
            .find(&line)
            .unwrap_or_else(|| panic!("no 「{line}」 (in order) in\n{main}"));
        rest = &rest[at + line.len()..];
    }
    for want in [
        "<h2 id=\"一健全学习制度\">一、健全学习制度</h2>",
        "<h3 id=\"一完善理论学习中心组学习制度\">（一）完善理论学习中心组学习制度。</h3>",
        "<h2 id=\"二健全整改制度\">二、健全整改制度</h2>",
        "<h3 id=\"一建立问题整改台账\">（一）建立问题整改台账。</h3>",
        "①按月调度进展。",
        "②按季通报情况。",
        "3.明确牵头部门。",
        "4.明确配合部门。",
    ] {
        assert!(page.contains(want), "no {want} in\n{main}");
    }
}

/// The Markdown import wrote, without the lines that name the file it came from.
fn written_body(s: &Site) -> String {
    let md = walkdir::WalkDir::new(s.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == "index.md")
        .unwrap();
    let text = fs::read_to_string(md.path()).unwrap();
    text.split_once("\n---\n").unwrap().1.to_string()
}

#[test]
fn a_doc_saved_under_a_wps_name_imports_the_same() {
    let input = tempfile::tempdir().unwrap();
    let (a, b) = (site(), site());
    let doc = copy(&input, "fangan97.doc", "材料.doc");
    let wps = copy(&input, "fangan97.doc", "材料.wps");
    import_ok(&a, &[doc.to_str().unwrap()]);
    let report = import_ok(&b, &[wps.to_str().unwrap()]);
    assert!(report.contains("材料.wps [Word 97-2003]"), "{report}");
    assert_eq!(written_body(&a), written_body(&b));
    let bundle = walkdir::WalkDir::new(b.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .any(|e| e.path().extension().is_some_and(|x| x == "wps"));
    assert!(bundle, "the original is kept as .wps");
    b.build_ok(&[]);
    assert!(page(&b, "experiences").contains("原件：材料.wps"));
}

#[test]
fn a_folder_of_doc_and_wps_files_is_imported_once() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    copy(&input, "fangan97.doc", "甲.doc");
    copy(&input, "bianhao.doc", "乙.WPS");
    fs::write(input.path().join("~$甲.doc"), "lock").unwrap();
    let dir = input.path().to_str().unwrap();
    let first = import_ok(&s, &[dir, "--section", "guides"]);
    assert!(first.contains("imported 2 file(s)"), "{first}");
    let again = import_ok(&s, &[dir, "--section", "guides"]);
    assert!(
        again.contains("skipped 2 file(s) imported before"),
        "{again}"
    );
}

/// Sets FibBase.fEncrypted in the WordDocument stream of a copy of a fixture.
fn encrypted_copy(to: &Path) {
    fs::copy(fixture("fangan97.doc"), to).unwrap();
    let mut cf = cfb::open_rw(to).unwrap();
    let mut doc = Vec::new();
    std::io::Read::read_to_end(&mut cf.open_stream("/WordDocument").unwrap(), &mut doc).unwrap();
    doc[11] |= 0x01;
    std::io::Write::write_all(&mut cf.create_stream("/WordDocument").unwrap(), &doc).unwrap();
    cf.flush().unwrap();
}

/// A copy of a fixture with a Macros storage holding a VBA project, as Word saves macros.
fn macro_copy(to: &Path) {
    fs::copy(fixture("fangan97.doc"), to).unwrap();
    let mut cf = cfb::open_rw(to).unwrap();
    cf.create_storage_all("/Macros/VBA").unwrap();
    let mut s = cf.create_stream("/Macros/VBA/dir").unwrap();
    std::io::Write::write_all(&mut s, b"Attribute VB_Name").unwrap();
    drop(s);
    cf.flush().unwrap();
}

fn refused(s: &Site, f: &Path) -> String {
    let out = import(s, &[f.to_str().unwrap(), "--section", "guides"]);
    assert!(!out.status.success(), "{} was imported", f.display());
    assert_ne!(out.status.code(), Some(101), "a panic");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let name = f.file_name().unwrap().to_string_lossy();
    assert!(err.contains(&*name), "the message names the file: {err}");
    assert!(
        fs::read_dir(s.root().join("content"))
            .unwrap()
            .next()
            .is_none(),
        "nothing written"
    );
    err
}

#[test]
fn encrypted_files_and_files_with_macros_are_refused_with_what_to_do() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let enc = input.path().join("加密.doc");
    encrypted_copy(&enc);
    let err = refused(&s, &enc);
    assert!(
        err.contains("password") && err.contains("save it as .docx"),
        "{err}"
    );
    let mac = input.path().join("宏.wps");
    macro_copy(&mac);
    let err = refused(&s, &mac);
    assert!(
        err.contains("macros") && err.contains("not macro-enabled"),
        "{err}"
    );
}

#[test]
fn files_that_only_carry_a_word_name_say_what_they_are() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let dir = input.path();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "rtf.doc",
            b"{\\rtf1\\ansi\\ansicpg936 x}".to_vec(),
            "rename it to .rtf",
        ),
        (
            "zip.doc",
            fs::read(fixture("bianhao.docx")).unwrap(),
            "rename it to .docx",
        ),
        (
            "web.doc",
            "<html><body>网页</body></html>".as_bytes().to_vec(),
            "web page",
        ),
        ("empty.wps", Vec::new(), "damaged or of another kind"),
        (
            "noise.doc",
            (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "save it as .docx",
        ),
    ];
    for (name, bytes, want) in cases {
        let f = dir.join(name);
        fs::write(&f, bytes).unwrap();
        let err = refused(&s, &f);
        assert!(err.contains(want), "{name}: {err}");
    }
    // A compound file without Word's stream: a Microsoft Works or DOS WPS file named .wps.
    let works = dir.join("works.wps");
    let mut cf = cfb::create(&works).unwrap();
    std::io::Write::write_all(&mut cf.create_stream("/CONTENTS").unwrap(), b"works").unwrap();
    cf.flush().unwrap();
    drop(cf);
    let err = refused(&s, &works);
    assert!(
        err.contains("no WordDocument stream") && err.contains("Works"),
        "{err}"
    );
    // Cut short at many lengths: each an error naming the file.
    let whole = fs::read(fixture("fangan97.doc")).unwrap();
    for len in [512, 1024, 4096, 8192, whole.len() - 1] {
        let f = dir.join(format!("cut{len}.doc"));
        fs::write(&f, &whole[..len]).unwrap();
        refused(&s, &f);
    }
}

/// The cells of the page's first table, row by row.
fn table_cells(page: &str) -> Vec<Vec<String>> {
    let table = between(page, "<table>", "</table>");
    table
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(i) = rest.find("<td").or_else(|| rest.find("<th")) {
                let open = rest[i..].find('>').unwrap() + i + 1;
                let close = rest[open..].find("</t").unwrap() + open;
                cells.push(strip_tags(&rest[open..close]).trim().to_string());
                rest = &rest[close..];
            }
            cells
        })
        .collect()
}

#[test]
fn what_a_doc_carries_besides_text_is_kept_in_place_or_reported() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = copy(&input, "bianti.doc", "通知.doc");
    let report = import_ok(&s, &[f.to_str().unwrap(), "--section", "guides"]);
    for want in [
        "4 character(s) of tracked deletions not imported",
        "1 picture(s) or drawing(s) not imported",
        "1 comment(s) not imported",
    ] {
        assert!(report.contains(want), "no {want} in\n{report}");
    }
    s.build_ok(&[]);
    let page = page(&s, "guides");
    let (title, main, _) = text_of(&page);
    let want = han(&oracle("bianti.doc").replacen("删掉的话", "", 1));
    assert_eq!(han(&format!("{title}{main}")), want, "{main}");
    assert!(!page.contains("这是批注内容") && !page.contains("删掉的话"));
    // 8-bit and UTF-16 pieces alike.
    assert!(
        page.contains("English words in the middle, café “quotes”. 中文继续。"),
        "{main}"
    );
    assert!(
        page.contains("<li>第一个要点</li>\n<li>第二个要点</li>"),
        "{main}"
    );
    assert!(page.contains("换行前<br />\n换行后。"), "{main}");
    // The merged cell keeps 丙 in the third column; a nested table and two paragraphs stay
    // in their cell.
    assert_eq!(
        table_cells(&page),
        [["合并单元格", "", "丙"], ["甲一 甲二", "内甲 内乙", "丁"]]
    );
}
