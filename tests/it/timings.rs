//! `build --timings`: after the stages, each template with its pages and the time their
//! contexts, template runs and writes took (as Hugo's --templateMetrics), the slowest first,
//! so that a theme author sees which template costs the build.

use crate::common::Site;
use std::collections::BTreeMap;

/// The template rows of --timings' output: name → (pages, run in ms).
fn rows(stderr: &str) -> Vec<(String, usize, f64)> {
    let mut lines = stderr
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("template "));
    let header = lines.next().expect("a header of the templates' times");
    for col in ["pages", "context", "run", "write", "slowest"] {
        assert!(header.contains(col), "{header}");
    }
    lines
        .take_while(|l| l.starts_with("  ") && l.contains(" ms"))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            // name, pages, context, "ms", run, "ms", write, "ms", slowest, "ms"
            assert_eq!(f.len(), 10, "{l}");
            (
                f[0].to_string(),
                f[1].parse().unwrap(),
                f[4].parse().unwrap(),
            )
        })
        .collect()
}

/// Counts the output's HTML files by the kind of page: documents (two levels under a section),
/// term pages (under tags/<term>/), section pages.
fn count(dir: &std::path::Path) -> BTreeMap<&'static str, usize> {
    let mut n = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if !rel.ends_with("index.html") {
            continue;
        }
        let parts: Vec<&str> = rel.split('/').collect();
        let kind = match parts.as_slice() {
            ["tags", _, "index.html"] | ["tags", _, "page", _, "index.html"] => "term.html",
            ["a" | "b", "index.html"] | ["a" | "b", "page", _, "index.html"] => "section.html",
            ["a" | "b", _, "index.html"] => "page.html",
            _ => continue,
        };
        *n.entry(kind).or_insert(0) += 1;
    }
    n
}

#[test]
fn timings_name_each_template_with_its_pages_the_slowest_first() {
    let s = Site::new("title: 计时\npaginate: 2\n");
    for i in 0..7 {
        let section = ["a", "b"][i % 2];
        s.doc(
            &format!("{section}/d{i}.md"),
            &format!(
                "title: 第{i}篇\ndate: 2024-03-0{}\ntags: [甲, 乙{}]",
                i + 1,
                i % 2
            ),
            "正文。",
        );
    }
    // A term template that does much more than it shows: it must come first.
    s.write(
        "templates/term.html",
        "{% extends \"base.html\" %}{% block content %}{{ term.name }}\
         {% for i in range(end=4000) %}{% for d in paginator.items %}{% endfor %}{% endfor %}\
         {% endblock content %}",
    );
    let out = s.build(&["--timings", "--quiet"]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    // The stages still come first, as before.
    assert!(stderr.contains("render+write"), "{stderr}");
    let rows = rows(&stderr);
    assert_eq!(rows[0].0, "term.html", "the slowest first:\n{stderr}");
    for w in rows.windows(2) {
        assert!(w[0].2 >= w[1].2, "by run time, slowest first:\n{stderr}");
    }
    let pages: BTreeMap<&str, usize> = rows.iter().map(|(t, n, _)| (t.as_str(), *n)).collect();
    let made = count(&s.out());
    assert_eq!(made["page.html"], 7);
    // 甲: 7 documents, 4 pages of 2; 乙0: 4, 2 pages; 乙1: 3, 2 pages.
    assert_eq!(made["term.html"], 8);
    for (kind, n) in &made {
        assert_eq!(pages.get(kind), Some(n), "{kind}:\n{stderr}");
    }
    for one in ["index.html", "404.html", "sitemap.xml", "archive.html"] {
        assert_eq!(pages.get(one), Some(&1), "{one}:\n{stderr}");
    }
    // One list of terms per taxonomy: tags, batch, unit.
    assert_eq!(pages.get("taxonomy.html"), Some(&3), "{stderr}");
    for t in ["tags", "batch", "unit"] {
        assert!(s.exists(&format!("{t}/index.html")), "{t}");
    }
}

#[test]
fn without_timings_the_build_says_only_its_line() {
    let s = Site::new("title: 计时\n");
    s.doc("a/one.md", "title: 一\ndate: 2024-03-01", "正文。");
    let out = s.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("template "), "{stderr}");
    assert!(!stderr.contains("render+write"), "{stderr}");
}
