//! `huibian import`: text files in three encodings, a Word file made here, Markdown without
//! front matter; then the imported documents are built and read back as a reader sees them.

use crate::common::{run, Site};
use std::fs;
use std::io::Write;
use std::path::Path;

/// A speech outline with every artefact of documents from Windows and sharing sites.
const OUTLINE: &str = "在全区主题教育工作推进会上的讲话提纲
（2023年9月15日）
##paidbegin##
同志们：
    今天召开全区主题教育工作推进会，总结前一阶段工作。刚才，***同志通报了情况，我完全同意。
一、充分肯定前一阶段取得的成效
（一）理论学习扎实深入
　　各单位坚持读原著、学原文、悟原理，xx支部等单位创新学习方式。
（二）调查研究有力有效
　　一是聚焦急难愁盼问题；二是形成一批调研成果；三是推动问题解决。
二、清醒认识存在的问题和不足
（一）学用结合还不够紧密。有的同志学习停留在表面，与工作结合不够。
（二）检视问题还不够深入。某某单位查摆问题避重就轻。##paidend##
三、扎实做好下一阶段工作
第一，要抓好整改落实。对照问题清单逐项销号。
第二，要健全长效机制。把行之有效的做法固定下来。
***
参会人员签名：______，日期：______。
# 本行以井号开头
1. 本行像列表
- 本行像无序列表
> 本行像引用
<div>本行像网页标签</div> & &amp; `代码` [方括号](链接) 5*3=15 a_b_c ~~删除~~ \\反斜杠 **加粗**
";

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

/// The document under content/ with the front matter's import time and source file (name and
/// hash) taken out.
fn written(site: &Site, rel: &str) -> String {
    let t = fs::read_to_string(site.root().join("content").join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    t.lines()
        .filter(|l| {
            !l.starts_with("imported:")
                && !l.starts_with("source:")
                && !l.starts_with("source_sha256:")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn between<'a>(s: &'a str, a: &str, b: &str) -> &'a str {
    let start = s.find(a).unwrap_or_else(|| panic!("no {a}")) + a.len();
    let end = s[start..].find(b).unwrap_or_else(|| panic!("no {b}")) + start;
    &s[start..end]
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

const SLUG: &str = "zai-quan-qu-zhu-ti-jiao-yu-gong-zuo-tui-jin-hui-shang-de";

#[test]
fn a_text_outline_imports_to_a_page_that_reads_exactly_like_it_in_every_encoding() {
    let input = tempfile::tempdir().unwrap();
    let utf8 = input.path().join("utf8/推进会讲话提纲.txt");
    let gb = input.path().join("gb/推进会讲话提纲.txt");
    let u16 = input.path().join("u16/推进会讲话提纲.txt");
    for p in [&utf8, &gb, &u16] {
        fs::create_dir_all(p.parent().unwrap()).unwrap();
    }
    fs::write(&utf8, OUTLINE).unwrap();
    // GB18030 with Windows line ends, and UTF-16LE with a byte-order mark.
    let crlf = OUTLINE.replace('\n', "\r\n");
    let (bytes, _, bad) = encoding_rs::GB18030.encode(&crlf);
    assert!(!bad);
    fs::write(&gb, bytes).unwrap();
    let mut le = vec![0xFF, 0xFE];
    le.extend(OUTLINE.encode_utf16().flat_map(|u| u.to_le_bytes()));
    fs::write(&u16, le).unwrap();

    let mut outputs = Vec::new();
    for (input, encoding) in [(&utf8, "UTF-8"), (&gb, "gb18030"), (&u16, "UTF-16LE")] {
        let s = site();
        let report = import_ok(&s, &[input.to_str().unwrap(), "--batch", "第二批"]);
        assert!(report.contains(encoding), "{report}");
        let rel = format!("speeches/{SLUG}.md");
        let md = written(&s, &rel);
        // The report names each redaction, blank and placeholder with its line in the new file.
        let full = fs::read_to_string(s.root().join("content").join(&rel)).unwrap();
        let lines: Vec<&str> = full.lines().collect();
        for (what, needle) in [
            ("redacted", "\\*\\*\\*同志"),
            ("placeholder `xx`", "xx支部"),
            ("placeholder `某某`", "某某单位"),
            ("blank", "\\_\\_\\_\\_\\_\\_"),
        ] {
            let n = lines.iter().position(|l| l.contains(needle)).unwrap() + 1;
            assert!(
                report.contains(&format!("content/{rel}:{n}: ")) && report.contains(what),
                "{what} at line {n} not reported:\n{report}"
            );
        }
        assert!(report.contains("before publishing, check"), "{report}");
        outputs.push(md);

        s.build_ok(&[]);
        let page = s.read(&format!("speeches/{SLUG}/index.html"));
        let body = between(&page, "<div class=\"doc-body\">", "</div>");
        for bad in [
            "<em>",
            "<hr",
            "<h1",
            "<ol",
            "<ul",
            "<blockquote",
            "<div>",
            "<code>",
            "<a ",
        ] {
            assert!(!body.contains(bad), "{bad} in the page:\n{body}");
        }
        // The only <strong>s are the run-in leads the structure rules make.
        assert_eq!(
            body.matches("<strong").count(),
            body.matches("<strong class=\"lead\"").count(),
            "{body}"
        );
        assert!(!page.contains("paid"), "markers must go");
        assert!(
            body.contains("<h2 id=\"一充分肯定前一阶段取得的成效\">"),
            "{body}"
        );
        assert!(body.contains("<h3 id=\"一理论学习扎实深入\">"), "{body}");
        assert!(body.contains("<strong class=\"lead\" id=\"第一要抓好整改落实\">第一，要抓好整改落实</strong>。对照"), "{body}");
        // Run-in leads are in the contents.
        assert!(
            page.contains("<a href=\"#一学用结合还不够紧密\">"),
            "{page}"
        );
        // Lossless: the page's title and body read as the original, markers and spaces aside.
        let title = crate::common::visible_text(between(&page, "<h1>", "</h1>"));
        let seen = no_space(&format!("{title}{}", crate::common::visible_text(body)));
        let want = no_space(
            &OUTLINE
                .replace("##paidbegin##", "")
                .replace("##paidend##", ""),
        );
        assert_eq!(seen, want, "the page lost or changed characters");
    }
    assert_eq!(outputs[0], outputs[1], "GB18030 import differs from UTF-8");
    assert_eq!(outputs[0], outputs[2], "UTF-16 import differs from UTF-8");
    let md = &outputs[0];
    for line in [
        "title: 在全区主题教育工作推进会上的讲话提纲",
        "date: 2023-09-15",
        "section: speeches",
        "batch: 2",
        &format!("slug: {SLUG}"),
    ] {
        assert!(md.lines().any(|l| l == line), "no `{line}` in\n{md}");
    }
    for escaped in [
        "刚才，\\*\\*\\*同志",
        "\n\\*\\*\\*\n",
        "签名：\\_\\_\\_\\_\\_\\_，",
        "\n\\# 本行",
        "\n1\\. 本行",
        "\n\\- 本行",
        "\n\\> 本行",
    ] {
        assert!(md.contains(escaped), "no {escaped:?} in\n{md}");
    }
}

#[test]
fn source_and_import_time_are_recorded() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("学习辅导材料.txt");
    fs::write(&f, "主题教育学习辅导材料\n第一部分内容。\n").unwrap();
    let report = import_ok(&s, &[f.to_str().unwrap()]);
    assert!(
        report.contains("→ content/guides/"),
        "guessed from 辅导: {report}"
    );
    let t = fs::read_to_string(
        s.root()
            .join("content/guides/zhu-ti-jiao-yu-xue-xi-fu-dao-cai-liao.md"),
    )
    .unwrap();
    assert!(t.contains("source: 学习辅导材料.txt\n"), "{t}");
    assert!(
        t.lines()
            .any(|l| l.starts_with("imported: '20") || l.starts_with("imported: 20")),
        "{t}"
    );
    // No date in the text or the name: the file's date, with a warning and a line to check.
    assert!(report.contains("modification date"), "{report}");
    assert!(report.contains("the date of content/guides/"), "{report}");
    s.build_ok(&[]);
}

#[test]
fn nothing_is_overwritten_without_force_and_force_keeps_a_backup() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("讲话.txt");
    fs::write(&f, "在动员会上的讲话\n2023年9月1日\n第一稿。\n").unwrap();
    import_ok(&s, &[f.to_str().unwrap()]);
    let first = s
        .root()
        .join("content/speeches/zai-dong-yuan-hui-shang-de-jiang-hua.md");
    let before = fs::read(&first).unwrap();

    fs::write(&f, "在动员会上的讲话\n2023年9月1日\n第二稿。\n").unwrap();
    let report = import_ok(&s, &[f.to_str().unwrap()]);
    assert!(report.contains("is taken"), "{report}");
    assert_eq!(
        fs::read(&first).unwrap(),
        before,
        "the first import was changed"
    );
    let second = s
        .root()
        .join("content/speeches/zai-dong-yuan-hui-shang-de-jiang-hua-2.md");
    let t = fs::read_to_string(&second).unwrap();
    assert!(
        t.contains("第二稿") && t.contains("slug: zai-dong-yuan-hui-shang-de-jiang-hua-2"),
        "{t}"
    );
    // Both build, at different URLs.
    s.build_ok(&[]);
    assert!(s.exists("speeches/zai-dong-yuan-hui-shang-de-jiang-hua-2/index.html"));

    fs::write(&f, "在动员会上的讲话\n2023年9月1日\n第三稿。\n").unwrap();
    let report = import_ok(&s, &[f.to_str().unwrap(), "--force"]);
    assert!(report.contains(".bak"), "{report}");
    assert!(fs::read_to_string(&first).unwrap().contains("第三稿"));
    let bak = s
        .root()
        .join("content/speeches/zai-dong-yuan-hui-shang-de-jiang-hua.md.bak");
    assert_eq!(fs::read(&bak).unwrap(), before, "the old document is kept");
    // The backup is not published.
    s.build_ok(&[]);
    let found = walkdir::WalkDir::new(s.out())
        .into_iter()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().ends_with(".bak"));
    assert!(!found, "a .bak file was published");
}

/// `--force` keeps the old document under a backup name that nothing has: a link by that name,
/// even one leading nowhere or to another document, stays as it was.
#[cfg(unix)]
#[test]
fn force_never_replaces_a_link_at_the_backup_name() {
    for target in ["nothing-here.md", "other.md"] {
        let s = site();
        s.doc(
            "speeches/other.md",
            "title: 别的\ndate: 2023-01-01",
            "别的。\n",
        );
        let input = tempfile::tempdir().unwrap();
        let f = input.path().join("讲话.txt");
        fs::write(&f, "在动员会上的讲话\n2023年9月1日\n第一稿。\n").unwrap();
        import_ok(&s, &[f.to_str().unwrap()]);
        let dir = s.root().join("content/speeches");
        let first = dir.join("zai-dong-yuan-hui-shang-de-jiang-hua.md");
        let before = fs::read(&first).unwrap();
        let link = dir.join("zai-dong-yuan-hui-shang-de-jiang-hua.md.bak");
        std::os::unix::fs::symlink(target, &link).unwrap();
        fs::write(&f, "在动员会上的讲话\n2023年9月1日\n第二稿。\n").unwrap();
        let report = import_ok(&s, &[f.to_str().unwrap(), "--force"]);
        assert_eq!(fs::read_link(&link).unwrap(), Path::new(target), "{report}");
        assert!(report.contains(".md.bak2"), "{report}");
        assert_eq!(
            fs::read(dir.join("zai-dong-yuan-hui-shang-de-jiang-hua.md.bak2")).unwrap(),
            before
        );
        assert!(fs::read_to_string(&first).unwrap().contains("第二稿"));
        assert!(fs::read_to_string(dir.join("other.md"))
            .unwrap()
            .contains("别的"));
    }
}

#[test]
fn dry_run_writes_nothing_and_an_unknown_kind_asks_for_a_section() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let a = input.path().join("a.txt");
    fs::write(&a, "在推进会上的讲话\n正文。\n").unwrap();
    let b = input.path().join("b.txt");
    fs::write(&b, "关于开展主题教育的通知\n正文。\n").unwrap();
    let before = crate::common::snapshot(&s.root().join("content"));

    let out = import(&s, &[input.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.txt") && err.contains("--section"), "{err}");
    assert_eq!(
        crate::common::snapshot(&s.root().join("content")),
        before,
        "a failed import wrote files"
    );

    let report = import_ok(&s, &[a.to_str().unwrap(), "--dry-run"]);
    assert!(
        report.contains("would import") && report.contains("title: 在推进会上的讲话"),
        "{report}"
    );
    assert_eq!(
        crate::common::snapshot(&s.root().join("content")),
        before,
        "--dry-run wrote files"
    );

    import_ok(&s, &[b.to_str().unwrap(), "--section", "notices"]);
    assert!(s
        .root()
        .join("content/notices/guan-yu-kai-zhan-zhu-ti-jiao-yu-de-tong-zhi.md")
        .exists());
}

#[test]
fn markdown_without_front_matter_gets_it_and_keeps_its_body() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("jingyan.md");
    let body = "我们的主要做法如下。\n\n## 一、抓学习\n\n**重点**是学深悟透。\n";
    fs::write(&f, format!("# 以学促干的经验交流\n\n{body}")).unwrap();
    import_ok(
        &s,
        &[
            f.to_str().unwrap(),
            "--date",
            "2023-10-08",
            "--unit",
            "第一支部",
            "--tags",
            "以学促干,调查研究",
        ],
    );
    let t = fs::read_to_string(
        s.root()
            .join("content/experiences/yi-xue-cu-gan-de-jing-yan-jiao-liu.md"),
    )
    .unwrap();
    assert!(t.ends_with(body), "body changed:\n{t}");
    for line in [
        "title: 以学促干的经验交流",
        "date: 2023-10-08",
        "unit: 第一支部",
        "- 以学促干",
        "- 调查研究",
        "source: jingyan.md",
    ] {
        assert!(t.lines().any(|l| l == line), "no `{line}` in\n{t}");
    }
    s.build_ok(&[]);
    let page = s.read("experiences/yi-xue-cu-gan-de-jing-yan-jiao-liu/index.html");
    assert!(
        page.contains("<strong>重点</strong>"),
        "Markdown stays Markdown"
    );

    // Front matter present but incomplete: kept as written, the missing keys added.
    let g = input.path().join("g.md");
    fs::write(
        &g,
        "---\ntitle: 学习问答 # 标题\nunit: 宣传部\n---\n正文。\n",
    )
    .unwrap();
    import_ok(
        &s,
        &[
            g.to_str().unwrap(),
            "--unit",
            "别的单位",
            "--date",
            "2023-10-09",
        ],
    );
    let t = fs::read_to_string(s.root().join("content/guides/xue-xi-wen-da.md")).unwrap();
    assert!(
        t.starts_with("---\ntitle: 学习问答 # 标题\nunit: 宣传部\ndate: 2023-10-09\n"),
        "{t}"
    );
    assert!(!t.contains("别的单位"), "an existing key is not replaced");

    // A file that names its section goes there; asked for another, it is refused.
    let h = input.path().join("h.md");
    fs::write(
        &h,
        "---\ntitle: 某会议讲话\nsection: experiences\ndate: 2023-10-10\n---\n正文。\n",
    )
    .unwrap();
    let out = import(&s, &[h.to_str().unwrap(), "--section", "speeches"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("section: experiences"));
    import_ok(&s, &[h.to_str().unwrap()]);
    assert!(s
        .root()
        .join("content/experiences/mou-hui-yi-jiang-hua.md")
        .exists());
    s.build_ok(&[]);
}

// ---- Word -------------------------------------------------------------------------------

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"";

fn p(style: Option<&str>, runs: &str) -> String {
    let ppr = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn rb(text: &str, props: &str) -> String {
    format!("<w:r><w:rPr>{props}</w:rPr><w:t>{text}</w:t></w:r>")
}

/// A Word document made the way Word writes one (the parts import reads).
fn make_docx(path: &Path) {
    let item = |num: u32, text: &str| {
        format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>", r(text))
    };
    let body = [
        p(Some("a3"), &r("关于深化以学促干的经验交流材料")),
        p(None, &format!("{}{}", r("（2023年10月20日）"), r("##paidbegin##"))),
        p(Some("1"), &r("一、主要做法")),
        p(
            None,
            &format!(
                "{}{}{}{}{}<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:del w:id=\"5\" w:author=\"审核\"><w:r><w:delText>被删除的话</w:delText></w:r></w:del><w:ins w:id=\"6\" w:author=\"审核\">{}</w:ins>",
                r("我们坚持"),
                rb("“学思想”", "<w:b/>"),
                r("，做到"),
                rb("学用结合", "<w:i/>"),
                r("。"),
                r("新增的话。")
            ),
        ),
        p(
            None,
            &format!(
                "{}<w:hyperlink r:id=\"rId10\">{}</w:hyperlink>{}<w:commentRangeStart w:id=\"0\"/>{}<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>",
                r("详见"),
                r("工作方案"),
                r("。"),
                r("请各支部参照执行。")
            ),
        ),
        p(Some("2"), &r("（一）具体措施")),
        item(1, "第一项措施"),
        item(1, "第二项措施"),
        item(2, "按序号的一项"),
        "<w:tbl><w:tr><w:tc><w:p>".to_string() + &r("单位") + "</w:p></w:tc><w:tc><w:p>" + &r("人数") + "</w:p></w:tc></w:tr><w:tr><w:tc><w:p>" + &r("第一支部") + "</w:p></w:tc><w:tc><w:p>" + &r("12") + "</w:p></w:tc></w:tr></w:tbl>",
        p(
            None,
            &format!(
                "<w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"图片 1\" descr=\"学习现场\"/><a:graphic><a:graphicData><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:blipFill><a:blip r:embed=\"rId20\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>{}",
                r("图为学习现场。")
            ),
        ),
        p(None, &format!("{}{}", r("会议由***同志主持，记录人：____。"), r("##paidend##"))),
        p(
            None,
            &format!(
                "{}<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p>{}</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>{}</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
                r("正文继续。"),
                r("文本框里的字。"),
                r("文本框里的字。")
            ),
        ),
    ]
    .concat();
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>");
    let styles = format!("<?xml version=\"1.0\"?><w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"a3\"><w:name w:val=\"Title\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"1\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style></w:styles>");
    let numbering = format!("<?xml version=\"1.0\"?><w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>");
    let rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId10\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"http://intranet.example/fangan?id=1&amp;v=2\" TargetMode=\"External\"/><Relationship Id=\"rId20\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\"/></Relationships>";
    let footnotes = format!("<?xml version=\"1.0\"?><w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote></w:footnotes>", r("见《学习纲要》第3章。"));
    let comments = format!("<?xml version=\"1.0\"?><w:comments {W}><w:comment w:id=\"0\" w:author=\"审核\"><w:p>{}</w:p></w:comment></w:comments>", r("这句再斟酌"));
    // A real 1×1 PNG: the build publishes pictures, and refuses a broken one.
    let png: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44,
        0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0x00, 0x01, 0xff,
        0x89, 0x99, 0x3d, 0x1d, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    let f = fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".as_slice()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/footnotes.xml", footnotes.as_bytes()),
        ("word/comments.xml", comments.as_bytes()),
        ("word/media/image1.png", png),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn a_word_document_imports_with_its_structure_formatting_and_files() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("经验交流材料.docx");
    make_docx(&f);
    let report = import_ok(&s, &[f.to_str().unwrap(), "--batch", "1"]);
    let dir = "content/experiences/guan-yu-shen-hua-yi-xue-cu-gan-de-jing-yan-jiao-liu-cai-liao";
    assert!(report.contains(&format!("→ {dir}/index.md")), "{report}");
    for what in [
        "tracked deletions",
        "被删除的话",
        "comment",
        "text box",
        "redacted",
        "blank `____`",
    ] {
        assert!(
            report.contains(what),
            "report does not mention {what}:\n{report}"
        );
    }
    let root = s.root();
    let md = fs::read_to_string(root.join(dir).join("index.md")).unwrap();
    assert!(
        md.contains("title: 关于深化以学促干的经验交流材料\n"),
        "{md}"
    );
    assert!(md.contains("date: 2023-10-20\n"), "{md}");
    assert_eq!(
        fs::read(root.join(dir).join("经验交流材料.docx")).unwrap(),
        fs::read(&f).unwrap(),
        "the original is kept beside the document, under its own name"
    );
    assert!(
        root.join(dir).join("image1.png").exists(),
        "the image is extracted"
    );
    assert!(
        !md.contains("被删除的话") && md.contains("新增的话"),
        "{md}"
    );

    s.build_ok(&[]);
    let url = "experiences/guan-yu-shen-hua-yi-xue-cu-gan-de-jing-yan-jiao-liu-cai-liao";
    let page = s.read(&format!("{url}/index.html"));
    let body = between(&page, "<div class=\"doc-body\">", "\n  </div>");
    assert!(
        page.contains("<h1>关于深化以学促干的经验交流材料"),
        "{page}"
    );
    for want in [
        "<h2 id=\"一主要做法\">一、主要做法</h2>",
        "<h3 id=\"一具体措施\">（一）具体措施</h3>",
        "我们坚持“<strong>学思想</strong>”，做到<em>学用结合</em>。",
        "<a href=\"http://intranet.example/fangan?id=1&amp;v=2\">工作方案</a>",
        "<li>第一项措施</li>",
        "<ol>",
        "<th>单位</th>",
        "<td>第一支部</td>",
        "<img src=\"image1.png\" width=\"1\" height=\"1\" alt=\"学习现场\"",
        "会议由***同志主持，记录人：____。",
        "正文继续。",
        "文本框里的字。",
        "见《学习纲要》第3章。",
    ] {
        assert!(body.contains(want), "no {want} in\n{body}");
    }
    assert_eq!(
        body.matches("文本框里的字").count(),
        1,
        "the text box's fallback copy is skipped"
    );
    assert!(
        !body.contains("paid") && !body.contains("这句再斟酌"),
        "{body}"
    );
    assert!(s.exists(&format!("{url}/image1.png")));
    assert!(
        page.contains("原件：经验交流材料.docx"),
        "the original is an attachment"
    );
}

#[test]
fn a_file_that_is_not_a_word_document_is_refused_with_a_clear_message() {
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("坏文件讲话.docx");
    fs::write(&f, "this is not a zip").unwrap();
    let out = import(&s, &[f.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("坏文件讲话.docx")
            && err.contains("not a Word .docx file")
            && err.contains("save it again"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn an_imported_outline_reads_like_the_original_in_chromium() {
    let Some(browser) = crate::web::chromium() else {
        return;
    };
    let s = site();
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("提纲.txt");
    let (gbk, _, _) = encoding_rs::GB18030.encode(OUTLINE);
    fs::write(&f, gbk).unwrap();
    import_ok(&s, &[f.to_str().unwrap()]);
    s.build_ok(&[]);
    // What the reader sees: the title and the body's innerText, as Chromium lays them out.
    let harness = format!(
        "<!DOCTYPE html><meta charset=\"utf-8\"><pre id=\"result\">pending</pre>\
         <iframe src=\"/speeches/{SLUG}/\" width=\"1200\" height=\"900\"></iframe><script>\
         addEventListener('load', () => {{ const d = document.querySelector('iframe').contentDocument;\
         document.getElementById('result').textContent = d.querySelector('h1').innerText + '\\n' + d.querySelector('.doc-body').innerText; }});\
         </script>"
    );
    fs::write(s.out().join("harness.html"), harness).unwrap();
    let server = crate::web::serve(&s.out());
    let dom = crate::web::headless(
        browser,
        None,
        &[
            "--virtual-time-budget=8000".into(),
            "--dump-dom".into(),
            server.url("harness.html"),
        ],
    );
    let seen = crate::web::result_of(&dom);
    assert_ne!(seen, "pending", "the harness did not run:\n{dom}");
    let want = OUTLINE
        .replace("##paidbegin##", "")
        .replace("##paidend##", "");
    assert_eq!(
        no_space(&seen),
        no_space(&want),
        "the page does not read like the original"
    );
    // Paragraphs stay paragraphs: each original line starts a line of the page.
    for line in [
        "同志们：",
        "第二，要健全长效机制。",
        "参会人员签名：______，日期：______。",
    ] {
        assert!(
            seen.lines().any(|l| l.trim().starts_with(line)),
            "{line} not on its own line:\n{seen}"
        );
    }
}

/// Importing a folder again brings in only the files it did not import before (known by their
/// bytes, whatever their name): nothing doubled, the skipped ones listed; --force takes them all.
#[test]
fn importing_a_folder_again_brings_in_only_new_files() {
    let s = Site::new("title: 再次导入\n");
    let inbox = s.root().join("inbox");
    fs::create_dir_all(&inbox).unwrap();
    fs::write(inbox.join("一.txt"), "第一篇讲话\n\n正文一。\n").unwrap();
    fs::write(inbox.join("二.txt"), "第二篇讲话\n\n正文二。\n").unwrap();
    let dir = inbox.to_str().unwrap();
    let first = import_ok(&s, &[dir, "--section", "speeches", "--date", "2023-09-01"]);
    assert!(first.contains("imported 2 file(s)"), "{first}");
    use sha2::Digest;
    let sha = |t: &str| {
        let digest = sha2::Sha256::digest(t.as_bytes());
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let doc =
        fs::read_to_string(s.root().join("content/speeches/di-yi-pian-jiang-hua.md")).unwrap();
    assert!(
        doc.contains(&format!(
            "source_sha256: {}\n",
            sha("第一篇讲话\n\n正文一。\n")
        )),
        "{doc}"
    );
    // The office edits an imported document, then a new file arrives, and a copy of an old one
    // under another name.
    fs::write(
        s.root().join("content/speeches/di-yi-pian-jiang-hua.md"),
        doc.replace("正文一。", "正文一，已改。"),
    )
    .unwrap();
    fs::write(inbox.join("三.txt"), "第三篇讲话\n\n正文三。\n").unwrap();
    fs::copy(inbox.join("二.txt"), inbox.join("二（副本）.txt")).unwrap();
    let again = import_ok(&s, &[dir, "--section", "speeches", "--date", "2023-09-01"]);
    assert!(again.contains("imported 1 file(s)"), "{again}");
    assert!(again.contains("di-san-pian-jiang-hua.md"), "{again}");
    assert!(
        again.contains("skipped 3 file(s) imported before"),
        "{again}"
    );
    assert!(
        again.contains("content/speeches/di-yi-pian-jiang-hua.md"),
        "says where each went: {again}"
    );
    let mut names: Vec<String> = fs::read_dir(s.root().join("content/speeches"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "di-er-pian-jiang-hua.md",
            "di-san-pian-jiang-hua.md",
            "di-yi-pian-jiang-hua.md"
        ]
    );
    assert!(written(&s, "speeches/di-yi-pian-jiang-hua.md").contains("正文一，已改。"));
    // --force imports a file again (the edited document kept as .bak).
    let one = inbox.join("一.txt");
    let forced = import_ok(
        &s,
        &[
            one.to_str().unwrap(),
            "--section",
            "speeches",
            "--date",
            "2023-09-01",
            "--force",
        ],
    );
    assert!(forced.contains("imported 1 file(s)"), "{forced}");
    assert!(s
        .root()
        .join("content/speeches/di-yi-pian-jiang-hua.md.bak")
        .is_file());
}
