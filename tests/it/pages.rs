//! The page set a site gets: home, sections with pagination, taxonomies, archive, documents,
//! sitemap, feed, 404, aliases.

use crate::common::Site;

const CONFIG: &str = "title: 测试汇编\ndescription: 测试站点\npaginate: 2\n";

pub fn fixture() -> Site {
    let s = Site::new(CONFIG);
    s.write(
        "content/speeches/_index.md",
        "---\ntitle: 领导讲话\ndescription: 讲话材料\n---\n本栏目收录讲话。\n",
    );
    for (i, (date, batch, unit)) in [
        ("2023-04-10", "1", "区委办公室"),
        ("2023-05-06", "第一批", "区委组织部"),
        ("2023-09-08", "2", "区委办公室"),
        ("2023年10月20日", "第二批", "城南街道"),
        ("2023-11-03T09:30:00+08:00", "2", "区教育局"),
    ]
    .iter()
    .enumerate()
    {
        s.doc(
            &format!("speeches/s{i}.md"),
            &format!("title: 讲话{i}\ndate: {date}\nbatch: {batch}\nunit: {unit}\ntags: [调查研究, 标签{i}]\nspeaker: 负责同志"),
            &format!("同志们：\n\n这是第{i}篇讲话的正文，讲话内容围绕调查研究展开。\n\n## 一、总体要求\n\n正文。\n\n## 二、具体措施\n\n正文。\n"),
        );
    }
    s.doc(
        "guides/xuexi.md",
        "title: 学习辅导\ndate: 2023-09-12\nbatch: 2\nunit: 区委宣传部\naliases: [/old/xuexi/]",
        "辅导材料正文。\n",
    );
    s.write("content/guides/bundle/index.md", "---\ntitle: 带附件的材料\ndate: 2023-06-01\nbatch: 1\nattachments:\n  plan.pdf: 实施方案\n---\n见[方案](plan.pdf)。\n");
    s.write("content/guides/bundle/plan.pdf", "%PDF-1.4 fake");
    s
}

#[test]
fn every_page_type_is_built() {
    let s = fixture();
    let stdout = s.build_ok(&[]);
    assert!(stdout.starts_with("built "), "{stdout}");
    assert!(stdout.contains("from 7 documents"), "{stdout}");
    for f in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "style.css",
        "speeches/index.html",
        "speeches/page/2/index.html",
        "speeches/page/3/index.html",
        "guides/index.html",
        "batch/index.html",
        "batch/di-yi-pi/index.html",
        "batch/di-er-pi/index.html",
        "unit/index.html",
        "unit/qu-wei-ban-gong-shi/index.html",
        "tags/index.html",
        "tags/diao-cha-yan-jiu/index.html",
        "tags/diao-cha-yan-jiu/page/3/index.html",
        "archive/index.html",
        "speeches/s0/index.html",
        "guides/xuexi/index.html",
        "guides/bundle/index.html",
        "guides/bundle/plan.pdf",
        "old/xuexi/index.html",
    ] {
        assert!(s.exists(f), "missing {f}");
    }
    assert!(!s.exists("speeches/page/4/index.html"));
}

#[test]
fn home_shows_latest_counts_and_batches() {
    let s = fixture();
    s.build_ok(&[]);
    let home = s.read("index.html");
    assert!(home.contains("<h1>测试汇编</h1>"));
    assert!(home.contains("测试站点"));
    assert!(home.contains("领导讲话<strong>5</strong>"), "section count");
    assert!(home.contains("第一批") && home.contains("第二批"));
    // Latest first: the November speech before the April one.
    let latest = &home[home.find("最新材料").unwrap()..];
    assert!(latest.find("讲话4").unwrap() < latest.find("讲话0").unwrap());
    assert!(home.contains("lang=\"zh-CN\""));
}

#[test]
fn sections_paginate_newest_first() {
    let s = fixture();
    s.build_ok(&[]);
    let p1 = s.read("speeches/index.html");
    assert!(p1.contains("领导讲话") && p1.contains("本栏目收录讲话"));
    assert!(p1.contains("讲话4") && p1.contains("讲话3") && !p1.contains(">讲话2<"));
    assert!(p1.contains("href=\"/speeches/page/2/\""));
    let p3 = s.read("speeches/page/3/index.html");
    assert!(p3.contains("讲话0") && p3.contains("rel=\"prev\""));
    assert!(!p3.contains("rel=\"next\""));
    assert!(p1.contains("字数"), "cards show 字数");
}

#[test]
fn taxonomies_list_terms_with_counts() {
    let s = fixture();
    s.build_ok(&[]);
    let batches = s.read("batch/index.html");
    let (one, two) = (
        batches.find("第一批").unwrap(),
        batches.find("第二批").unwrap(),
    );
    assert!(one < two, "batches in number order");
    assert!(
        batches.contains("第一批 <span class=\"n\">3</span>"),
        "{batches}"
    );
    assert!(batches.contains("第二批 <span class=\"n\">4</span>"));
    let unit = s.read("unit/qu-wei-ban-gong-shi/index.html");
    assert!(unit.contains("讲话0") && unit.contains("讲话2") && !unit.contains(">讲话1<"));
}

#[test]
fn document_page_has_meta_toc_counts_and_neighbours() {
    let s = fixture();
    s.build_ok(&[]);
    let p = s.read("speeches/s1/index.html");
    assert!(p.contains("<h1>讲话1"));
    assert!(p.contains("2023年5月6日"), "date in Chinese");
    assert!(p.contains("href=\"/batch/di-yi-pi/\">第一批</a>"));
    assert!(p.contains("href=\"/unit/qu-wei-zu-zhi-bu/\">区委组织部</a>"));
    assert!(p.contains("href=\"/tags/diao-cha-yan-jiu/\">调查研究</a>"));
    assert!(
        p.contains("<a href=\"#一总体要求\">一、总体要求</a>"),
        "TOC"
    );
    assert!(p.contains("<h2 id=\"一总体要求\">"));
    assert!(p.contains("讲话约"), "speaking time for speeches");
    assert!(p.contains("rel=\"prev\"") && p.contains("rel=\"next\""));
    assert!(p.contains("相关材料"));
    let b = s.read("guides/bundle/index.html");
    assert!(
        b.contains("实施方案</a> <span class=\"kind\">PDF</span> <span class=\"size\">13 B</span>"),
        "{b}"
    );
}

#[test]
fn archive_groups_by_year_and_month() {
    let s = fixture();
    s.build_ok(&[]);
    let a = s.read("archive/index.html");
    assert!(
        a.contains("2023年10月"),
        "Chinese date 2023年10月20日 placed in October"
    );
    let oct = a.find("2023年10月").unwrap();
    let sep = a.find("2023年9月").unwrap();
    assert!(oct < sep && a[oct..sep].contains("讲话3"));
}

#[test]
fn sitemap_feed_404_and_alias() {
    let s = fixture();
    s.build_ok(&["--base-url", "http://intranet/zhutijiaoyu/"]);
    let sm = s.read("sitemap.xml");
    assert!(
        sm.contains(
            "<loc>http://intranet/zhutijiaoyu/speeches/s0/</loc><lastmod>2023-04-10</lastmod>"
        ),
        "{sm}"
    );
    let feed = s.read("atom.xml");
    assert!(feed.contains("<title>讲话4</title>"));
    assert!(feed.contains("<updated>2023-11-03T09:30:00+08:00</updated>"));
    assert!(s.read("404.html").contains("页面不存在"));
    let alias = s.read("old/xuexi/index.html");
    assert!(alias.contains("url=/zhutijiaoyu/guides/xuexi/"), "{alias}");
}

#[test]
fn sample_site_in_the_repo_builds_and_every_link_resolves() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let o = crate::common::run(&[
        "build",
        "--root",
        repo.to_str().unwrap(),
        "--output",
        out.path().join("p").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md") && e.file_name() != "_index.md")
        .count();
    assert!(docs >= 15, "the sample has {docs} documents");
    let broken = crate::common::broken_links(&out.path().join("p"), Some("/"));
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn a_site_with_no_documents_still_builds_every_page() {
    let s = Site::new("title: 空站点\n");
    std::fs::create_dir_all(s.root().join("content/speeches")).unwrap();
    s.build_ok(&[]);
    for f in [
        "index.html",
        "archive/index.html",
        "tags/index.html",
        "atom.xml",
        "sitemap.xml",
    ] {
        assert!(s.exists(f), "missing {f}");
    }
    // A section without documents is not shown, nor its empty list built (issue 28.8).
    assert!(!s.exists("speeches/index.html"));
    assert!(crate::common::broken_links(&s.out(), Some("/")).is_empty());
}

#[test]
fn numeric_titles_and_extra_taxonomies() {
    let s = Site::new("title: t\ntaxonomies:\n  - {name: type, label: 文种, segment: wenzhong}\n");
    s.doc(
        "a/x.md",
        "title: 2023\ndate: 2023-09-01\ntype: [讲话提纲]",
        "",
    );
    s.build_ok(&[]);
    assert!(s.read("a/x/index.html").contains("<h1>2023"));
    assert!(s
        .read("wenzhong/jiang-hua-ti-gang/index.html")
        .contains("讲话提纲"));
    assert!(
        !s.exists("tags/index.html"),
        "a given taxonomy list replaces the default"
    );
}

#[test]
fn print_urls_is_optional() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/x.md",
        "title: 例\ndate: 2023-09-01",
        "见[网站](https://example.org/)。",
    );
    s.build_ok(&[]);
    assert!(!s.read("a/x/index.html").contains("print-urls"));
    s.write("config.yaml", "title: t\nextra:\n  print_urls: true\n");
    s.build_ok(&[]);
    assert!(s
        .read("a/x/index.html")
        .contains("<body class=\"print-urls\">"));
}
