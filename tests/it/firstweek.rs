//! What a new user in a campaign office trips over in the first week (issue 28): each item
//! tried through the binary on a fixture site, as that user met it.

use crate::common::{run, Site};
use std::fs;
use std::path::Path;
use std::process::Output;

fn publish(s: &Site, to: &Path, args: &[&str]) -> Output {
    let base = [
        "publish",
        "--root",
        s.root().to_str().unwrap(),
        "--to",
        to.to_str().unwrap(),
    ];
    run(&[&base[..], args].concat())
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn small_site(config: &str) -> Site {
    let s = Site::new(config);
    s.doc(
        "speeches/a.md",
        "title: 动员讲话\ndate: 2024-05-08",
        "正文。\n",
    );
    s
}

/// A publish that would move the live site's links (to nothing, or to another base) stops and
/// says so; the live site stays as it was. Given explicitly, the move is made.
#[test]
fn a_publish_without_the_base_url_of_the_live_site_stops() {
    let s = small_site("title: 发布\n");
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("zhutijiaoyu");
    let base = "http://intranet.example/zhutijiaoyu/";
    let o = publish(&s, &to, &["--base-url", base]);
    assert!(o.status.success(), "{}", text(&o));
    let page = || fs::read_to_string(to.join("current/index.html")).unwrap();
    let live = page();
    assert!(live.contains("/zhutijiaoyu/style.css"), "{live}");

    // The same command without --base-url: refused, naming the recorded base.
    let o = publish(&s, &to, &[]);
    let t = text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(t.contains(base) && t.contains("--base-url"), "{t}");
    assert!(!t.contains("panicked"), "{t}");
    assert_eq!(page(), live, "the live site changed");

    // Another base by config alone: refused too; a relative build: refused.
    s.write("config.yaml", "title: 发布\nbase_url: /other/\n");
    assert!(!publish(&s, &to, &[]).status.success());
    s.write("config.yaml", "title: 发布\nrelative_urls: true\n");
    assert!(!publish(&s, &to, &[]).status.success());
    assert_eq!(page(), live);

    // The recorded base in config.yaml: published, links kept.
    s.write("config.yaml", &format!("title: 发布\nbase_url: {base}\n"));
    let o = publish(&s, &to, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(page().contains("/zhutijiaoyu/style.css"));

    // A move asked for on the command line is made.
    let o = publish(&s, &to, &["--base-url", "/moved/"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(page().contains("/moved/style.css"), "{}", page());
    // ... and from then on the new base is the one kept.
    s.write("config.yaml", "title: 发布\n");
    assert!(!publish(&s, &to, &[]).status.success());
    assert!(publish(&s, &to, &["--base-url", "/moved/"])
        .status
        .success());
}

/// `new` says it wrote a draft and how to publish it; build, check and publish name the drafts
/// they left out; once `draft: true` is deleted the document is published.
#[test]
fn drafts_left_out_are_named_by_new_build_check_and_publish() {
    let s = small_site("title: 草稿\n");
    let o = run(&[
        "new",
        "speeches",
        "推进会讲话",
        "--root",
        s.root().to_str().unwrap(),
    ]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("draft") && t.contains("draft: true"), "{t}");
    let md = fs::read_dir(s.root().join("content/speeches"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| fs::read_to_string(p).unwrap().contains("推进会讲话"))
        .unwrap();
    let rel = format!(
        "content/speeches/{}",
        md.file_name().unwrap().to_string_lossy()
    );

    let out = s.build_ok(&[]);
    assert!(
        out.contains("left out 1 draft") && out.contains(&rel),
        "{out}"
    );
    let o = run(&["check", "--root", s.root().to_str().unwrap()]);
    let t = text(&o);
    assert!(t.contains("left out 1 draft") && t.contains(&rel), "{t}");
    let www = tempfile::tempdir().unwrap();
    let o = publish(&s, &www.path().join("site"), &["--base-url", "/"]);
    let t = text(&o);
    assert!(t.contains("left out 1 draft") && t.contains(&rel), "{t}");

    // Published once the line is gone; nothing more is said.
    let body = fs::read_to_string(&md)
        .unwrap()
        .replace("draft: true\n", "");
    fs::write(&md, body).unwrap();
    let out = s.build_ok(&[]);
    assert!(!out.contains("draft"), "{out}");
    assert!(fs::read_to_string(s.out().join("index.html"))
        .unwrap()
        .contains("推进会讲话"));
}

/// The names of the sections shown on the home page, in order.
fn home_sections(s: &Site) -> Vec<String> {
    let home = s.read("index.html");
    crate::common::attr_values(&home, "href")
        .into_iter()
        .filter(|h| {
            ["speeches/", "guides/", "experiences/", "notices/", "other/"]
                .iter()
                .any(|n| h.ends_with(n) && !h.contains("/speeches/x"))
        })
        .fold(Vec::new(), |mut v, h| {
            let name = h
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            if !v.contains(&name) {
                v.push(name);
            }
            v
        })
}

/// Sections come in a documented order: config's `sections:`, then weighted ones, then the
/// well-known names in the campaign's order (讲话, 学习辅导, 经验交流), then others by name; a
/// weight on one section counts; empty sections are not shown; init writes the three
/// _index.md files.
#[test]
fn sections_come_in_a_documented_order_and_empty_ones_are_not_shown() {
    let s = Site::new("title: 栏目\n");
    for (sec, title) in [
        ("experiences", "经验"),
        ("guides", "辅导"),
        ("speeches", "讲话"),
        ("other", "其他"),
    ] {
        s.doc(
            &format!("{sec}/a.md"),
            &format!("title: {title}\ndate: 2024-05-01"),
            "正文。\n",
        );
    }
    s.build_ok(&[]);
    assert_eq!(
        home_sections(&s),
        ["speeches", "guides", "experiences", "other"],
        "well-known order, no _index.md"
    );

    // A weight on one section puts it first; the others keep their order after it.
    s.write(
        "content/other/_index.md",
        "---\ntitle: 其他材料\nweight: 1\n---\n",
    );
    s.build_ok(&[]);
    assert_eq!(
        home_sections(&s),
        ["other", "speeches", "guides", "experiences"]
    );

    // config's list wins; a name that is not a folder is an error naming the near one.
    s.write("config.yaml", "title: 栏目\nsections: [guides, speeches]\n");
    s.build_ok(&[]);
    assert_eq!(
        home_sections(&s),
        ["guides", "speeches", "other", "experiences"]
    );
    s.write("config.yaml", "title: 栏目\nsections: [guide]\n");
    let err = s.build_err(&[]);
    assert!(
        err.contains("config.yaml") && err.contains("`guides`"),
        "{err}"
    );
    s.write("config.yaml", "title: 栏目\n");

    // A section whose documents are gone is not shown (nor its page built).
    fs::remove_file(s.root().join("content/guides/a.md")).unwrap();
    s.write(
        "content/guides/_index.md",
        "---\ntitle: 学习辅导\nweight: 2\n---\n",
    );
    s.build_ok(&[]);
    let home = s.read("index.html");
    assert!(!home.contains("学习辅导"), "{home}");
    assert!(!s.exists("guides/index.html"));

    // init writes the three sections with titles and weights.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(run(&["init", site.to_str().unwrap()]).status.success());
    for (sec, title, w) in [
        ("speeches", "讲话", 1),
        ("guides", "学习辅导", 2),
        ("experiences", "经验交流", 3),
    ] {
        let t = fs::read_to_string(site.join(format!("content/{sec}/_index.md"))).unwrap();
        assert!(
            t.contains(&format!("title: {title}")) && t.contains(&format!("weight: {w}")),
            "{t}"
        );
    }
}

fn unzip_entry(zip: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// With no --output, the archive is named after the newest document's date (the data's, not
/// today's) and written beside the site folder, not into it.
#[test]
fn the_archive_is_named_by_its_data_and_written_beside_the_site() {
    let parent = tempfile::tempdir().unwrap();
    let root = parent.path().join("zhutijiaoyu");
    fs::create_dir_all(root.join("content/speeches")).unwrap();
    fs::write(root.join("config.yaml"), "title: 主题教育材料汇编\n").unwrap();
    for (f, d) in [("a.md", "2024-05-08"), ("b.md", "2024-03-01")] {
        fs::write(
            root.join("content/speeches").join(f),
            format!("---\ntitle: 讲话{f}\ndate: {d}\nbatch: 1\n---\n正文。\n"),
        )
        .unwrap();
    }
    let o = run(&["archive", "--root", root.to_str().unwrap(), "--batch", "1"]);
    assert!(o.status.success(), "{}", text(&o));
    let name = "zhu-ti-jiao-yu-cai-liao-hui-bian-batch1-20240508.zip";
    let zip = parent.path().join(name);
    assert!(zip.is_file(), "{}", text(&o));
    assert!(text(&o).contains(name), "{}", text(&o));
    let inside: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".zip"))
        .collect();
    assert!(inside.is_empty(), "{inside:?}");
    // The README's example is that name.
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        !readme.contains("主题教育材料汇编 slug-"),
        "garbled example left"
    );
    // Archiving the same data again gives the same name (replaced only with --force).
    let o = run(&["archive", "--root", root.to_str().unwrap(), "--batch", "1"]);
    assert!(
        !o.status.success() && text(&o).contains("--force"),
        "{}",
        text(&o)
    );
}

/// The print pages are laid out as documents: title and meta line centred over the centred
/// text, in both themes (measured in Chromium).
#[test]
fn print_pages_centre_the_title_over_the_text_in_both_themes() {
    let Some(browser) = crate::web::chromium() else {
        return;
    };
    for theme in ["default", "gongwen"] {
        let s = small_site(&format!("title: 汇编\ntheme: {theme}\n"));
        let tmp = tempfile::tempdir().unwrap();
        let zip = tmp.path().join("print.zip");
        let o = run(&[
            "archive",
            "--root",
            s.root().to_str().unwrap(),
            "--output",
            zip.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o));
        let html = unzip_entry(&zip, "print/speeches.html");
        let probe = r#"<pre id="result"></pre><script>
var c = function (el) { var r = el.getBoundingClientRect(); return (r.left + r.right) / 2; };
var d = document.querySelector('.print-doc'), h = d.querySelector('h1'), m = d.querySelector('.print-meta'), b = d.querySelector('.doc-body');
var ht = document.createRange(); ht.selectNodeContents(h); var mt = document.createRange(); mt.selectNodeContents(m);
document.getElementById('result').textContent = [c(b), (ht.getBoundingClientRect().left + ht.getBoundingClientRect().right) / 2, (mt.getBoundingClientRect().left + mt.getBoundingClientRect().right) / 2].join(' ');
</script></body>"#;
        let page = tmp.path().join("print.html");
        fs::write(&page, html.replace("</body>", probe)).unwrap();
        let dom = crate::web::headless(
            browser,
            None,
            &[
                "--window-size=1366,900".into(),
                "--dump-dom".into(),
                format!("file://{}", page.canonicalize().unwrap().display()),
            ],
        );
        let got: Vec<f64> = crate::web::result_of(&dom)
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        assert_eq!(got.len(), 3, "{theme}: {dom}");
        let (body, title, meta) = (got[0], got[1], got[2]);
        assert!(
            (title - body).abs() < 20.0,
            "{theme}: title at {title}, text at {body}"
        );
        assert!(
            (meta - body).abs() < 20.0,
            "{theme}: meta at {meta}, text at {body}"
        );
        fs::remove_file(&zip).unwrap();
    }
}

/// The number in `s` just before `word` (`built 27 pages` → 27).
fn number_before(s: &str, word: &str) -> usize {
    let at = s.find(word).unwrap_or_else(|| panic!("no `{word}` in {s}"));
    s[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number before `{word}` in {s}"))
}

/// build, publish, archive and verify count alike (a page is an HTML file), and a list cut
/// short says how much it left out.
#[test]
fn counts_agree_across_commands_and_cut_lists_say_what_they_leave_out() {
    let s = Site::new("title: 计数\n");
    for i in 0..24 {
        s.doc(
            &format!("speeches/d{i:02}.md"),
            &format!("title: 讲话{i}\ndate: 2024-05-{:02}", i + 1),
            "正文。\n",
        );
    }
    let out = s.build_ok(&[]);
    let pages = number_before(&out, "pages");
    let html = crate::common::built(&s.out())
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert_eq!(pages, html, "{out}");

    let www = tempfile::tempdir().unwrap();
    let o = publish(&s, &www.path().join("site"), &["--base-url", "/"]);
    let t = text(&o);
    assert_eq!(number_before(&t, "pages added"), pages, "{t}");
    let listed = t.lines().filter(|l| l.starts_with("  + ")).count();
    assert!(listed <= 21, "{t}");
    assert!(
        t.contains(&format!("… and {} more pages", pages - 20)),
        "{t}"
    );

    let zip = www.path().join("a.zip");
    let o = run(&[
        "archive",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        zip.to_str().unwrap(),
    ]);
    let archived = number_before(&text(&o), "files");
    let o = run(&["verify", zip.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        number_before(&text(&o), "files match"),
        archived,
        "{}",
        text(&o)
    );
}

/// Where people read a date it is written 2024年5月20日: no page of either theme shows an ISO
/// date in its text (attributes, feeds and sitemaps keep the machine format).
#[test]
fn dates_people_read_are_written_the_chinese_way_in_both_themes() {
    for theme in ["default", "gongwen"] {
        let s = Site::new(&format!("title: 日期\ntheme: {theme}\n"));
        for (i, d) in ["2024-05-20", "2024-04-08"].iter().enumerate() {
            s.doc(
                &format!("speeches/d{i}.md"),
                &format!("title: 讲话{i}\ndate: {d}\nbatch: 1\ntags: [动员]"),
                "正文。\n",
            );
        }
        s.build_ok(&[]);
        let mut seen_zh = false;
        for (path, bytes) in crate::common::built(&s.out()) {
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let text = crate::common::visible_text(&String::from_utf8_lossy(&bytes));
            assert!(
                !text.contains("2024-05-20") && !text.contains("2024-04-08"),
                "{theme}: {} shows an ISO date: {text}",
                path.display()
            );
            seen_zh |= text.contains("2024年5月20日");
        }
        assert!(seen_zh, "{theme}: no page shows the date at all");
        assert!(s.read("atom.xml").contains("2024-05-20"));
        assert!(s.read("sitemap.xml").contains("2024-05-20"));
    }
}

/// The README tells a user who is no Rust developer how to install huibian and then use it by
/// name; every `huibian …` command of that section is a real command.
#[test]
fn the_readme_installs_the_binary_and_its_commands_exist() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let at = readme.find("## Installing").expect("an install section");
    let section = &readme[at..at + readme[at..].find("\n## Commands").unwrap()];
    assert!(section.contains("cargo install --path ."), "{section}");
    let commands: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("huibian "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(commands.len() >= 6, "{commands:?}");
    for c in commands {
        let o = run(&[c, "--help"]);
        assert!(
            o.status.success(),
            "`huibian {c}` is no command: {}",
            text(&o)
        );
    }
    // Installed the way it says, the program answers by name.
    let o = run(&["--version"]);
    assert!(text(&o).contains("huibian"), "{}", text(&o));
}

/// A key written twice (init wrote `base_url`, the user added another at the end) is named at
/// its second line with both lines, in config.yaml and in front matter (the parser said 1:1).
#[test]
fn a_key_given_twice_names_both_lines() {
    let s = small_site("title: 站\nbase_url: /\ntheme: default\nbase_url: /zhutijiaoyu/\n");
    let err = s.build_err(&[]);
    assert!(
        err.contains("config.yaml:4:1: `base_url` is given twice, on lines 2 and 4"),
        "{err}"
    );
    s.write("config.yaml", "title: 站\n");
    s.doc(
        "speeches/dup.md",
        "title: 甲\ndate: 2024-01-02\ntitle: 乙",
        "正文。\n",
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/speeches/dup.md:4:1: `title` is given twice, on lines 2 and 4"),
        "{err}"
    );
}
