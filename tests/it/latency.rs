//! serve after edits that change many pages (a template, the config, a title seen in lists): the
//! pages open in a browser come first, the rest follow in the background, a request never gets
//! a page older than the site, a newer edit wins over the background work of the one before,
//! and once settled the served tree equals `build --drafts --base-url /`.

use crate::common::Site;
use crate::serve::{assert_serves_the_build, Preview};
use std::time::{Duration, Instant};

/// Enough documents that the background work of a template edit lasts while a test edits again.
const DOCS: usize = 300;

fn big_site() -> Site {
    let s = Site::new("title: 延迟测试\npaginate: 10\n");
    for i in 0..DOCS {
        s.doc(
            &format!("a/d{i:03}.md"),
            &format!(
                "title: 文档{i}\ndate: 2023-{:02}-{:02}\ntags: [标签{}]",
                1 + i % 12,
                1 + i % 28,
                i % 7
            ),
            &format!("第{i}篇的正文。\n"),
        );
    }
    s
}

fn page_template(marker: &str) -> String {
    format!("{{% extends \"base.html\" %}}{{% block content %}}<p class=\"mark\">{marker}</p><h1>{{{{ page.title }}}}</h1>{{{{ page.content | safe }}}}{{% endblock content %}}")
}

/// Starts serve on `s` and waits until its first build is done (the start renders in the
/// background too, past 64 pages).
fn start(s: &Site) -> Preview {
    let p = Preview::start(s.root(), &[]);
    said(&p, "in the background");
    p
}

/// The next line of serve's stderr that contains `what` (10 s at most).
fn said(p: &Preview, what: &str) -> String {
    let start = Instant::now();
    while let Some(left) = Duration::from_secs(10).checked_sub(start.elapsed()) {
        match p.log.recv_timeout(left) {
            Ok(line) if line.contains(what) => return line,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("serve never said {what:?}")
}

/// The number in `line` just before `before`.
fn count_before(line: &str, before: &str) -> usize {
    let head = &line[..line
        .find(before)
        .unwrap_or_else(|| panic!("{before:?} in {line:?}"))];
    let digits: String = head
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

#[test]
fn the_open_page_comes_first_and_no_request_gets_a_stale_page() {
    let s = big_site();
    let p = start(&s);
    p.wait_for("/a/d000/", "served", |r| r.text().contains("第0篇"));
    let reloads = p.reloads_of("/a/d150/");
    s.write("templates/page.html", &page_template("第一版模板"));
    reloads
        .recv_timeout(Duration::from_secs(10))
        .expect("the open page was told to reload");
    // Before any other page is asked for: every one must already show the new template, the
    // ones still in the background being rendered on demand.
    for i in (0..DOCS).rev() {
        let r = p.get(&format!("/a/d{i:03}/"));
        assert_eq!(r.status, 200, "/a/d{i:03}/");
        assert!(r.text().contains("第一版模板"), "/a/d{i:03}/ is stale");
    }
    let first = said(&p, "being looked at first");
    // The open page and the page served last, not the whole site, were rendered first.
    let rendered = count_before(&first, "page(s) being looked at first");
    assert!((1..=3).contains(&rendered), "{first}");
    assert!(count_before(&first, "more follow") >= DOCS, "{first}");
    said(&p, "in the background");
    assert_serves_the_build(&p, s.root(), "a template edit");
}

#[test]
fn a_second_edit_during_the_background_work_ends_in_its_state() {
    let s = big_site();
    let p = start(&s);
    p.wait_for("/a/d000/", "served", |r| r.text().contains("第0篇"));
    let reloads = p.reloads_of("/a/d000/");
    s.write("templates/page.html", &page_template("旧模板甲"));
    reloads.recv_timeout(Duration::from_secs(10)).unwrap();
    // At once, while the first edit's pages are rendered in the background: another template,
    // and a title that lists, neighbours and its tag's page show.
    s.write("templates/page.html", &page_template("新模板乙"));
    s.doc(
        "a/d100.md",
        "title: 改后的标题\ndate: 2023-05-02\ntags: [新标签]",
        "改后的正文。\n",
    );
    let took = said(&p, "taken into this one");
    assert!(count_before(&took, "page(s) still to render") > 0, "{took}");
    assert_serves_the_build(&p, s.root(), "two quick edits");
    for i in 0..DOCS {
        let text = p.get(&format!("/a/d{i:03}/")).text();
        assert!(
            text.contains("新模板乙") && !text.contains("旧模板甲"),
            "/a/d{i:03}/"
        );
    }
    let tag = p.get("/tags/xin-biao-qian/").text();
    assert!(tag.contains("改后的标题"), "{tag}");
}

#[test]
fn a_config_edit_renders_the_open_page_first_and_lists_follow() {
    let s = big_site();
    let p = start(&s);
    p.wait_for("/", "served", |r| r.text().contains("延迟测试"));
    let reloads = p.reloads_of("/");
    s.write("config.yaml", "title: 改过的站名\npaginate: 7\n");
    reloads.recv_timeout(Duration::from_secs(10)).unwrap();
    // List pages renumbered by the new paging: asked for at once, never the old numbering.
    let last = DOCS.div_ceil(7);
    let r = p.get(&format!("/a/page/{last}/"));
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("改过的站名"));
    assert_serves_the_build(&p, s.root(), "a config edit");
}

#[test]
fn a_static_file_edit_is_served_and_open_pages_reload() {
    let s = big_site();
    s.write("static/site.css", "body{color:black}");
    let p = start(&s);
    p.wait_for("/site.css", "served", |r| r.text().contains("black"));
    let reloads = p.reloads_of("/a/d001/");
    s.write("static/site.css", "body{color:red}");
    reloads
        .recv_timeout(Duration::from_secs(10))
        .expect("pages reload after a stylesheet edit");
    assert!(p.get("/site.css").text().contains("red"));
    let line = said(&p, "rebuilt");
    assert!(!line.contains("more follow"), "no page re-rendered: {line}");
    assert_serves_the_build(&p, s.root(), "a static file edit");
}

#[test]
fn front_matter_edits_match_a_fresh_build_each_time() {
    let s = big_site();
    let p = start(&s);
    let reloads = p.reloads_of("/a/d010/");
    let edit = |fm: &str| {
        s.doc("a/d010.md", fm, "第10篇的正文。\n");
    };
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "title",
            Box::new(|| edit("title: 新题目\ndate: 2023-11-11\ntags: [标签3]")),
        ),
        // Newest now: the home page, the archive and the neighbours change.
        (
            "date",
            Box::new(|| edit("title: 新题目\ndate: 2024-06-30\ntags: [标签3]")),
        ),
        // A new tag (a new list page) and an old one left (its list shrinks).
        (
            "tags",
            Box::new(|| edit("title: 新题目\ndate: 2024-06-30\ntags: [独有标签, 标签5]")),
        ),
        // Its only document leaves it: the tag's page goes.
        (
            "tag gone",
            Box::new(|| edit("title: 新题目\ndate: 2024-06-30\ntags: [标签5]")),
        ),
        (
            "unit, batch, summary",
            Box::new(|| {
                edit("title: 新题目\ndate: 2024-06-30\ntags: [标签5]\nunit: 某单位\nbatch: 2\nsummary: 摘要改了")
            }),
        ),
        // The URL moves: the other way (every link to it is rendered again).
        (
            "slug",
            Box::new(|| edit("title: 新题目\ndate: 2024-06-30\nslug: moved")),
        ),
        (
            "draft",
            Box::new(|| edit("title: 新题目\ndate: 2024-06-30\nslug: moved\ndraft: true")),
        ),
        (
            "back",
            Box::new(|| edit("title: 文档10\ndate: 2023-11-11\ntags: [标签3]")),
        ),
    ];
    for (what, step) in &steps {
        step();
        reloads
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("no reload after the {what} edit"));
        assert_serves_the_build(&p, s.root(), what);
    }
    // A broken date is shown, the last good pages stay, and fixing it recovers.
    edit("title: 坏日期\ndate: 2023-13-45");
    p.wait_for("/a/d010/", "the error shown", |r| {
        r.text().contains("huibian-error")
    });
    assert!(p.get("/a/d010/").text().contains("文档10"));
    edit("title: 修好了\ndate: 2023-11-11\ntags: [标签3]");
    p.wait_for("/a/d010/", "fixed", |r| {
        r.text().contains("修好了") && !r.text().contains("huibian-error")
    });
    assert_serves_the_build(&p, s.root(), "the fix");
}

/// One document's front matter edited again and again, each edit served at once and then
/// compared with a fresh build: dates that reorder every list (to the first page of the
/// paginated ones and to the last), titles that reorder a section sorted by title and show in
/// neighbours' related lists, a tag added, removed, moved to another and named twice, a unit
/// changed. The quick path moves the document in place; the result must be what build writes.
#[test]
fn front_matter_edits_serve_what_build_writes() {
    let s = Site::new("title: 列表测试\npaginate: 3\n");
    s.write(
        "content/t/_index.md",
        "---\ntitle: 按标题\nsort_by: title\n---\n",
    );
    let tags = ["调查研究", "整改落实", "主题教育"];
    let fm = |i: usize, title: &str, date: &str, tags: &str, unit: &str| {
        format!("title: {title}\ndate: {date}\ntags: [{tags}]\n{unit}summary: 摘要{i}")
    };
    let rel = |i: usize| format!("{}/d{i:02}.md", ["a", "t"][i % 2]);
    for i in 0..40 {
        let date = format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 27);
        let unit = ["unit: 第一单位\n", "unit: 第二单位\n", ""][i % 3];
        let t = format!("{}, {}", tags[i % 3], tags[(i / 3) % 3]);
        s.doc(
            &rel(i),
            &fm(i, &format!("文档{i}"), &date, &t, unit),
            "正文。\n",
        );
    }
    let p = start(&s);
    p.wait_for("/a/d10/", "served", |r| r.text().contains("文档10"));
    let _open = p.reloads_of("/a/d10/");
    let steps: Vec<(&str, usize, String)> = vec![
        (
            "a date to the newest",
            10,
            fm(10, "文档10", "2024-06-01", "调查研究, 整改落实", ""),
        ),
        (
            "a date to the oldest",
            10,
            fm(10, "文档10", "2020-01-01", "调查研究, 整改落实", ""),
        ),
        (
            "a date tie",
            10,
            fm(10, "文档10", "2023-05-06", "调查研究, 整改落实", ""),
        ),
        (
            "a title first in its section",
            7,
            fm(7, "阿文档", "2023-08-08", "调查研究, 整改落实", ""),
        ),
        (
            "a title in related lists",
            11,
            fm(11, "改名的文档", "2023-12-12", "主题教育, 调查研究", ""),
        ),
        (
            "a new tag",
            12,
            fm(12, "文档12", "2023-01-13", "调查研究, 全新标签", ""),
        ),
        (
            "the new tag removed",
            12,
            fm(12, "文档12", "2023-01-13", "调查研究", ""),
        ),
        (
            "a tag moved, a unit changed",
            14,
            fm(14, "文档14", "2023-03-15", "整改落实", "unit: 第二单位\n"),
        ),
        (
            "a tag twice",
            16,
            fm(16, "文档16", "2023-05-17", "调查研究, 调查研究", ""),
        ),
        (
            "the newest document's title",
            10,
            fm(10, "最新文档", "2025-01-01", "主题教育", ""),
        ),
        (
            "its summary",
            10,
            fm(10, "最新文档", "2025-01-01", "主题教育", "").replace("摘要10", "新的摘要"),
        ),
    ];
    for (what, i, front) in steps {
        s.doc(&rel(i), &front, "正文。\n");
        assert_serves_the_build(&p, s.root(), what);
    }
}
