//! What import, the readers, pictures and `huibian pdf` print, in Chinese for a Chinese (or
//! `C`) locale: office files with problems give Chinese messages at the same file, line and
//! code as the English ones, and no English sentence is left in them.

use crate::common::Site;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office")
        .join(name)
}

/// The binary with only the given language variables.
fn run_in(locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibian"));
    for v in ["HUIBIAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        c.env_remove(v);
    }
    c.envs(locale.iter().copied()).args(args).output().unwrap()
}

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
const C: &[(&str, &str)] = &[("LANG", "C")];
const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

/// stdout and stderr together, checked to hold no panic.
fn said(o: &Output) -> String {
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(101), "a panic: {text}");
    assert!(!text.contains("panicked"), "a panic: {text}");
    text
}

/// The runs of 4 or more ASCII words in `text` outside backticks and paths, at least two of
/// them in lower case: an English sentence left in a Chinese message (a name such as
/// `Noto Serif CJK SC` is capitalised throughout).
fn english_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    for line in text.lines() {
        // What is in backticks is code, a key or a command, kept as written.
        let plain: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let mut run: Vec<&str> = Vec::new();
        let flush = |run: &mut Vec<&str>, runs: &mut Vec<String>| {
            let lower = run
                .iter()
                .filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase()));
            if run.len() >= 4 && lower.count() >= 2 {
                runs.push(run.join(" "));
            }
            run.clear();
        };
        for token in plain.split(|c: char| !(c.is_ascii_alphanumeric() || "-_'./:".contains(c))) {
            let word = token.trim_matches(|c: char| ".:".contains(c));
            if word.is_empty() {
                continue;
            }
            // A path, a file name, a flag or a number is not a word of a sentence.
            let is_word = word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                && !token.contains('/')
                && !token.contains('.');
            if is_word {
                run.push(word);
            } else {
                flush(&mut run, &mut runs);
            }
        }
        flush(&mut run, &mut runs);
    }
    runs
}

/// Every line printed is Chinese and holds no English sentence.
fn assert_chinese(what: &str, text: &str) {
    let runs = english_runs(text);
    assert!(runs.is_empty(), "{what}: English left: {runs:?}\n{text}");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{what}: a line without Chinese: {line:?}\n{text}"
        );
    }
}

#[test]
fn the_english_run_finder_finds_sentences_and_leaves_paths_and_code() {
    assert_eq!(
        english_runs("error: a.docx: it is protected with a password"),
        vec!["it is protected with a password".to_string()]
    );
    assert!(english_runs("error: a.docx: not a Word .docx file").is_empty());
    assert_eq!(
        english_runs("错误：content/a b/c.md：the file is damaged"),
        vec!["the file is damaged".to_string()]
    );
    assert!(
        english_runs("错误：`open it in Word and save`：见 content/speeches/the-long-name.md")
            .is_empty()
    );
    assert!(
        english_runs("安装 fonts-noto-cjk（Debian：apt-get install fonts-noto-cjk）").is_empty()
    );
    assert!(english_runs("找过 FangSong_GB2312, FangSong, STFangsong").is_empty());
    assert!(english_runs("改用 Noto Serif CJK SC；找过 AR PL UKai CN").is_empty());
    assert_eq!(english_runs("1 个错误 — no PDF was written").len(), 1);
}

fn site() -> Site {
    Site::new("title: 测试站点\nbase_url: https://example.org/\n")
}

/// `huibian import FILE --section guides` in `locale`: it fails, and what it said.
fn import_err(s: &Site, locale: &[(&str, &str)], file: &Path) -> String {
    let root = s.root().to_str().unwrap();
    let args = [
        "import",
        "--root",
        root,
        file.to_str().unwrap(),
        "--section",
        "guides",
    ];
    let o = run_in(locale, &args);
    let text = said(&o);
    assert!(
        !o.status.success(),
        "{} was imported: {text}",
        file.display()
    );
    text
}

/// The place of each `file[:line[:col]]: ` the output names for `name`: the same in every
/// language.
fn places(text: &str, name: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let at = l.find(name)?;
            let rest = &l[at..];
            let end = rest.find(": ").or_else(|| rest.find('：'))?;
            Some(rest[..end].to_string())
        })
        .collect()
}

/// The same import error under zh_CN and C (Chinese, the same words) and en (English), at
/// the same place; the Chinese has `zh` in it and the English `en`.
fn same_error_in_both(file: &Path, zh: &str, en: &str) {
    let s = site();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let in_zh = import_err(&s, ZH, file);
    let in_c = import_err(&s, C, file);
    let in_en = import_err(&s, EN, file);
    assert_eq!(in_zh, in_c, "LANG=C speaks Chinese");
    assert_chinese(&name, &in_zh);
    assert!(in_zh.contains(zh), "{name}: {in_zh}");
    assert!(in_en.contains(en), "{name}: {in_en}");
    let (p_zh, p_en) = (places(&in_zh, &name), places(&in_en, &name));
    assert!(!p_zh.is_empty(), "{name}: the file is named: {in_zh}");
    assert_eq!(p_zh, p_en, "{name}: the same place in both languages");
    assert!(
        fs::read_dir(s.root().join("content"))
            .unwrap()
            .next()
            .is_none(),
        "{name}: nothing written"
    );
}

fn input() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn a_damaged_docx_is_said_in_chinese_at_the_same_place() {
    let dir = input();
    let bytes = fs::read(fixture("fangan.docx")).unwrap();
    let cut = dir.path().join("方案.docx");
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    same_error_in_both(
        &cut,
        "不是 Word .docx 文件（不是 zip 文件，或者文件已损坏）\n     → 用 Word 或 WPS 打开它，重新另存为 .docx",
        "not a Word .docx file (not a zip file, or a damaged one",
    );
    // A .docx whose document part is missing: a zip, but no Word file.
    let empty = dir.path().join("空壳.docx");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"hello").unwrap();
    fs::write(&empty, zip.finish().unwrap().into_inner()).unwrap();
    same_error_in_both(
        &empty,
        "不是 Word .docx 文件（里面没有 word/document.xml）",
        "not a Word .docx file (it has no word/document.xml)",
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

#[test]
fn an_encrypted_or_mislabelled_word_97_file_is_said_in_chinese() {
    let dir = input();
    let enc = dir.path().join("加密.doc");
    encrypted_copy(&enc);
    same_error_in_both(
        &enc,
        "这个文件设了密码（已加密）\n     → 用 WPS 或 Word 打开它，去掉密码（文件 → 文档加密 / 保护文档），另存为 .docx",
        "it is protected with a password (encrypted)",
    );
    let rtf = dir.path().join("其实是rtf.doc");
    fs::copy(fixture("fangan.rtf"), &rtf).unwrap();
    same_error_in_both(
        &rtf,
        "不是 Word 97-2003 文档：它是一个 RTF 文件，却用了 Word 的文件名\n     → 把扩展名改成 .rtf",
        "not a Word 97-2003 document: it is an RTF file with a Word name",
    );
    let junk = dir.path().join("乱码.wps");
    fs::write(&junk, "这不是文档".repeat(200)).unwrap();
    same_error_in_both(
        &junk,
        "无法作为 Word 97-2003 或 WPS 文档打开",
        "cannot open it as a Word 97-2003 or WPS document",
    );
}

#[test]
fn an_encrypted_odt_and_a_damaged_rtf_are_said_in_chinese() {
    let dir = input();
    let rtf = dir.path().join("通知.rtf");
    fs::write(&rtf, "这不是 RTF").unwrap();
    same_error_in_both(
        &rtf,
        "不是 RTF 文件（文件开头不是 `{\\rtf`）",
        "not an RTF file (it does not begin with `{\\rtf`)",
    );
    // An .odt whose manifest says its content is encrypted, as LibreOffice writes it.
    let odt = dir.path().join("加密.odt");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", "<manifest:encryption-data/>"),
        ("content.xml", "乱码"),
    ] {
        zip.start_file(name, opts).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    fs::write(&odt, zip.finish().unwrap().into_inner()).unwrap();
    same_error_in_both(
        &odt,
        "这个文档设了密码保护\n     → 用 LibreOffice 或 WPS 打开它，去掉密码",
        "the document is protected by a password",
    );
}

#[test]
fn a_sheet_that_cannot_be_read_is_said_in_chinese() {
    let dir = input();
    let xlsx = fs::read(fixture("sheets/taizhang.xlsx")).unwrap();
    let cut = dir.path().join("台账.xlsx");
    fs::write(&cut, &xlsx[..xlsx.len() / 2]).unwrap();
    same_error_in_both(
        &cut,
        "无法导入这个电子表格：不是 zip 文件，或者文件已损坏\n     → 用 Excel 或 WPS 打开它，重新保存（存为 .xlsx）",
        "cannot import this spreadsheet: not a zip file, or a damaged one",
    );
    let html = dir.path().join("导出.xls");
    fs::write(&html, "<html><table><tr><td>问题</td></tr></table></html>").unwrap();
    same_error_in_both(
        &html,
        "无法导入这个电子表格：这是一个网页（HTML），却用电子表格的文件名保存",
        "cannot import this spreadsheet: this is a web page (HTML) saved under a spreadsheet's name",
    );
    let empty = dir.path().join("空表.csv");
    fs::write(&empty, ",,\n,,\n").unwrap();
    same_error_in_both(
        &empty,
        "这个电子表格中没有一个单元格有文字\n     → 确认文件没有选错，也不是空的",
        "the spreadsheet has no cell with text in it",
    );
}

#[test]
fn a_file_import_does_not_take_is_said_in_chinese() {
    let dir = input();
    let pages = dir.path().join("讲话.pages");
    fs::write(&pages, "x").unwrap();
    same_error_in_both(&pages, "import 不能读取这种文件", "not a file import reads");
}

#[test]
fn undecodable_bytes_in_a_gbk_text_are_a_chinese_warning_at_the_same_line() {
    let dir = input();
    let (gbk, _, _) =
        encoding_rs::GBK.encode("关于开展主题教育的通知\n\n各支部：\n\n现将有关事项通知如下。\n");
    let mut bytes = gbk.into_owned();
    // Two bytes no GBK character has, in the last paragraph.
    let at = bytes.len() - 4;
    bytes.splice(at..at, [0x80, 0xFF]);
    let txt = dir.path().join("通知.txt");
    fs::write(&txt, &bytes).unwrap();
    let s = site();
    let root = s.root().to_str().unwrap();
    let args = [
        "import",
        "--root",
        root,
        txt.to_str().unwrap(),
        "--section",
        "guides",
        "--encoding",
        "gbk",
    ];
    let zh = said(&run_in(ZH, &args));
    assert_chinese("gbk", &zh);
    assert!(
        zh.contains("有 2 个字符无法按 gb18030 读取，显示为 �"),
        "{zh}"
    );
    let s2 = site();
    let root2 = s2.root().to_str().unwrap();
    let args2 = [
        "import",
        "--root",
        root2,
        txt.to_str().unwrap(),
        "--section",
        "guides",
        "--encoding",
        "gbk",
    ];
    let en = said(&run_in(EN, &args2));
    assert!(
        en.contains("2 character(s) could not be read as gb18030"),
        "{en}"
    );
    let (p_zh, p_en) = (
        places(&zh, "content/guides/"),
        places(&en, "content/guides/"),
    );
    assert!(!p_zh.is_empty(), "{zh}");
    assert_eq!(p_zh, p_en);
}

/// A site whose one document shows a "picture" that is text.
fn site_with_fake_picture() -> Site {
    let s = site();
    s.write("content/guides/_index.md", "---\ntitle: 学习辅导\n---\n");
    s.doc(
        "guides/jingyan/index.md",
        "title: 经验交流\ndate: 2023-05-04",
        "第一段。\n\n![会场](zhaopian.png)\n",
    );
    s.write("content/guides/jingyan/zhaopian.png", "这不是图片");
    s
}

#[test]
fn a_picture_that_is_not_one_is_said_in_chinese_by_build_and_pdf() {
    let s = site_with_fake_picture();
    let root = s.root().to_str().unwrap();
    let name = "content/guides/jingyan/zhaopian.png";
    // (pdf only where this build has the PDF engine: `cargo test --no-default-features`.)
    let commands: &[&str] = if cfg!(feature = "pdf") {
        &["build", "pdf"]
    } else {
        &["build"]
    };
    for &command in commands {
        let out = s.root().join("书.pdf");
        let mut args = vec![command, "--root", root];
        if command == "pdf" {
            args.extend(["--output", out.to_str().unwrap()]);
        }
        let zh = run_in(ZH, &args);
        let c = run_in(C, &args);
        let en = run_in(EN, &args);
        let (zh, c, en) = (said(&zh), said(&c), said(&en));
        assert_eq!(zh, c, "{command}: LANG=C speaks Chinese");
        assert_chinese(command, &zh);
        assert!(
            zh.contains(&format!(
                "{name}: 文件名表明它是 PNG 图片，里面却不是 huibian 认识的任何图片"
            )) && zh.contains("→ 换成真正的图片"),
            "{command}: {zh}"
        );
        assert!(
            en.contains(&format!("{name}: the file is named as a PNG picture")),
            "{en}"
        );
        assert_eq!(places(&zh, name), places(&en, name), "{command}");
        assert!(!out.exists(), "no PDF written");
    }
    // check says the same code in both languages.
    let zh = said(&run_in(ZH, &["check", "--root", root]));
    let en = said(&run_in(EN, &["check", "--root", root]));
    assert!(
        zh.contains("[bad-image]") && en.contains("[bad-image]"),
        "{zh}\n{en}"
    );
    assert_chinese("check", &zh);
}

/// A fontconfig setup whose one font folder is empty: the system has no font at all.
#[cfg(feature = "pdf")]
fn no_fonts(dir: &Path) -> PathBuf {
    let fonts = dir.join("fonts");
    fs::create_dir_all(&fonts).unwrap();
    let conf = dir.join("fonts.conf");
    fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
            fonts.display()
        ),
    )
    .unwrap();
    conf
}

// (It runs `huibian pdf`, or reads its help: only where this build has the PDF engine.)
#[cfg(feature = "pdf")]
#[test]
fn pdf_without_a_chinese_font_and_its_progress_lines_are_chinese() {
    let s = site();
    s.doc(
        "speeches/jianghua.md",
        "title: 讲话\ndate: 2023-05-04",
        "同志们：\n\n今天开会。\n",
    );
    let root = s.root().to_str().unwrap();
    let out = s.root().join("书.pdf");
    let args = ["pdf", "--root", root, "--output", out.to_str().unwrap()];
    // With the system's fonts: the stand-in notes in Chinese, the book made.
    let o = run_in(ZH, &args);
    let text = said(&o);
    assert!(o.status.success(), "{text}");
    assert!(out.exists());
    let notes: String = text
        .lines()
        .filter(|l| l.starts_with("pdf:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_chinese("pdf notes", &notes);
    // No font at all: an error at config.yaml naming what was looked for, code pdf.
    let dir = input();
    let conf = no_fonts(dir.path());
    let none = |locale: &[(&str, &str)]| {
        let mut l = locale.to_vec();
        l.push(("FONTCONFIG_FILE", conf.to_str().unwrap()));
        let o = run_in(&l, &args);
        assert!(!o.status.success());
        said(&o)
    };
    let (zh, en) = (none(ZH), none(EN));
    assert!(
        en.contains("config.yaml: no Chinese font on this system (looked for FangSong_GB2312"),
        "{en}"
    );
    assert_chinese("no font", &zh);
    assert!(
        zh.contains("config.yaml: 这台电脑上没有中文字体（找过 FangSong_GB2312"),
        "{zh}"
    );
    assert!(zh.contains("→ 安装一种中文字体"), "{zh}");
    assert_eq!(places(&zh, "config.yaml"), places(&en, "config.yaml"));
    assert_eq!(none(C), zh, "LANG=C speaks Chinese");
}

// (It runs `huibian pdf`, or reads its help: only where this build has the PDF engine.)
#[cfg(feature = "pdf")]
#[test]
fn archive_says_it_typesets_the_pdf_in_chinese() {
    let s = site();
    s.doc(
        "speeches/jianghua.md",
        "title: 讲话\ndate: 2023-05-04",
        "同志们：\n\n今天开会。\n",
    );
    let root = s.root().to_str().unwrap();
    let zip = s.root().join("归档.zip");
    let o = run_in(
        ZH,
        &["archive", "--root", root, "--output", zip.to_str().unwrap()],
    );
    let text = said(&o);
    assert!(o.status.success(), "{text}");
    assert!(text.contains("归档：正在排版 PDF…"), "{text}");
    assert_chinese("archive", &text);
    let zip = s.root().join("archive.zip");
    let en = said(&run_in(
        EN,
        &["archive", "--root", root, "--output", zip.to_str().unwrap()],
    ));
    assert!(en.contains("archive: typesetting the PDF…"), "{en}");
}

#[test]
fn a_docx_bomb_is_refused_in_chinese_naming_the_entry() {
    let dir = input();
    let bomb = dir.path().join("炸弹.docx");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    let xml = format!("<w:document>{}</w:document>", " ".repeat(4 << 20));
    std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    fs::write(&bomb, zip.finish().unwrap().into_inner()).unwrap();
    same_error_in_both(
        &bomb,
        "其中的 word/document.xml 解压后超过压缩大小的 500 倍",
        "entry word/document.xml inflates more than 500 times its compressed size",
    );
    let s = site();
    let zh = import_err(&s, ZH, &bomb);
    assert!(
        zh.contains(
            "；已拒绝读取\n     → 这是 zip 炸弹，或者不是为此制作的文件；没有从中写出任何内容"
        ),
        "{zh}"
    );
}

#[test]
fn a_bad_section_or_slug_inside_a_file_says_why_in_chinese() {
    let dir = input();
    for (name, front, zh, en) in [
        (
            "外面.md",
            "section: ../外面",
            "不是可用的栏目文件夹名：`../外面` 不是栏目",
            "contains `/`, `\\` or `..`",
        ),
        (
            "斜杠.md",
            "slug: a/b",
            "不是可用的网址名：网址名 `a/b` 含有 `/`",
            "the slug `a/b` contains `/`",
        ),
        (
            "冒号.md",
            "slug: 'con:x'",
            "含有网址或 Windows 文件名中不允许的字符",
            "not allowed in URLs or Windows file names",
        ),
    ] {
        let file = dir.path().join(name);
        fs::write(&file, format!("---\ntitle: 标题\n{front}\n---\n\n正文。\n")).unwrap();
        same_error_in_both(&file, zh, en);
    }
    // The flag itself.
    let s = site();
    let file = dir.path().join("正文.txt");
    fs::write(&file, "标题\n\n正文。\n").unwrap();
    let root = s.root().to_str().unwrap();
    let args = [
        "import",
        "--root",
        root,
        file.to_str().unwrap(),
        "--section",
        "..",
    ];
    let zh = said(&run_in(ZH, &args));
    assert_chinese("--section ..", &zh);
    assert!(zh.contains("`..` 不是栏目"), "{zh}");
}
