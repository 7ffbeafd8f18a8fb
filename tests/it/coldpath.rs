//! The cold build's shortcuts keep every page right: a document's page shows its own section
//! and terms (made once per build and shared by the pages, not rebuilt for each), and every
//! link the `url` filter writes leads, from the page it is on, to the page it names.

use crate::common::Site;
use std::path::{Path, PathBuf};

const SECTIONS: [(&str, &str); 3] = [
    ("speeches", "领导讲话"),
    ("guides", "学习辅导"),
    ("experiences", "经验交流"),
];

/// Nine documents over three sections, four units and a tag each (plus one they share), so
/// that a page given a neighbour's section or term shows the wrong name.
fn site() -> Site {
    let s = Site::new("title: 冷构建\npaginate: 2\n");
    for (name, title) in SECTIONS {
        s.write(
            &format!("content/{name}/_index.md"),
            &format!("---\ntitle: {title}\n---\n"),
        );
    }
    for i in 0..9 {
        let (section, _) = SECTIONS[i % 3];
        s.doc(
            &format!("{section}/d{i}.md"),
            &format!(
                "title: 文稿{i}\ndate: 2024-03-{:02}\nunit: 单位{}\ntags: [标签{i}, 共同]",
                i + 1,
                i % 4
            ),
            &format!("第{i}篇的正文。\n"),
        );
    }
    s
}

/// The file a link on the page `page` (a file under `out`) opens.
fn target(out: &Path, page: &Path, href: &str) -> PathBuf {
    let path = href.split(['#', '?']).next().unwrap_or("");
    let mut file = match path.strip_prefix('/') {
        Some(p) => out.join(p),
        None => page.parent().unwrap().join(path),
    };
    if path.is_empty() || path.ends_with('/') {
        file.push("index.html");
    }
    file
}

/// The links (href, text) inside the first element after `marker` up to `end`.
fn links_in<'a>(html: &'a str, marker: &str, end: &str) -> Vec<(&'a str, &'a str)> {
    let Some(start) = html.find(marker) else {
        return Vec::new();
    };
    let part = &html[start..];
    let part = &part[..part.find(end).unwrap_or(part.len())];
    part.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let (href, rest) = a.split_once('"').unwrap();
            let text = &rest[rest.find('>').unwrap() + 1..rest.find("</a>").unwrap()];
            (href, text)
        })
        .collect()
}

fn read(file: &Path) -> String {
    std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Every document page names its own section and terms, and their links open those pages,
/// which list the document.
fn check_pages(s: &Site) {
    let out = s.out();
    for i in 0..9 {
        let (section, section_title) = SECTIONS[i % 3];
        let page = out.join(format!("{section}/d{i}/index.html"));
        let html = read(&page);
        let crumbs = links_in(&html, "class=\"breadcrumbs\"", "</nav>");
        assert_eq!(crumbs.len(), 2, "home and section in {}", page.display());
        assert_eq!(crumbs[1].1, section_title, "{}", page.display());
        let listed = read(&target(&out, &page, crumbs[1].0));
        assert!(listed.contains(&format!("<h1>{section_title} <small>3 ")));
        let tags = links_in(&html, "class=\"m-tags\"", "</div>");
        let names: Vec<&str> = tags.iter().map(|t| t.1).collect();
        let own_tag = format!("标签{i}");
        assert_eq!(names, [own_tag.as_str(), "共同"], "{}", page.display());
        let unit = format!("单位{}", i % 4);
        let units = links_in(&html, "class=\"m-unit\"", "</div>");
        assert_eq!(
            units.iter().map(|t| t.1).collect::<Vec<_>>(),
            [unit.as_str()]
        );
        for (href, name) in tags.iter().chain(&units) {
            let term = read(&target(&out, &page, href));
            assert!(
                term.contains(&format!("<h1>{name} <small>")),
                "{href} from {} is not the page of {name}",
                page.display()
            );
        }
        // The tag of this document alone lists it, and nothing else.
        let term = read(&target(&out, &page, tags[0].0));
        assert!(term.contains(&format!(">文稿{i}</a>")));
        assert_eq!(term.matches("class=\"card\"").count(), 1);
    }
}

#[test]
fn document_pages_show_their_own_section_and_terms() {
    let s = site();
    s.build_ok(&["--quiet"]);
    check_pages(&s);
}

#[test]
fn relative_links_lead_from_each_page_to_the_page_they_name() {
    let s = site();
    s.build_ok(&["--quiet", "--relative-urls"]);
    check_pages(&s);
    let home = read(&s.out().join("index.html"));
    assert!(
        !home.contains("href=\"/"),
        "root-absolute link in relative mode"
    );
    assert!(crate::common::broken_links(&s.out(), None).is_empty());
}

#[test]
fn a_base_path_prefixes_every_link_of_the_shared_values() {
    let s = site();
    s.build_ok(&["--quiet", "--base-url", "https://example.org/sub/"]);
    let page = s.out().join("guides/d1/index.html");
    let html = read(&page);
    let crumbs = links_in(&html, "class=\"breadcrumbs\"", "</nav>");
    assert_eq!(crumbs[1], ("/sub/guides/", "学习辅导"));
    for (href, _) in links_in(&html, "class=\"m-tags\"", "</div>") {
        assert!(href.starts_with("/sub/tags/"), "{href}");
    }
    assert!(crate::common::broken_links(&s.out(), Some("/sub/")).is_empty());
}

#[test]
fn a_rebuild_of_an_unchanged_site_writes_the_same_bytes() {
    let s = site();
    s.build_ok(&["--quiet"]);
    let first = crate::common::built(&s.out());
    s.build_ok(&["--quiet"]);
    assert_eq!(first, crate::common::built(&s.out()));
    // And a cold build into a new folder is the same site.
    let other = s.root().join("again");
    s.build_ok(&["--quiet", "--output", other.to_str().unwrap()]);
    assert_eq!(first, crate::common::built(&other));
}
