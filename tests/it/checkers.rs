//! The web's own checkers on huibian's pages, in both shipped themes: the Nu HTML Checker
//! (vnu.jar, on Java) over every page of the sample site and of a fixture with every page kind,
//! and axe-core (WCAG 2.1 A and AA) run inside each kind of page in headless Chromium at phone
//! and desktop widths. Each check also runs on a page with a planted fault, to prove it fails.
//! The tools come from npm (.ci/run installs them and sets HUIBIAN_WEBCHECK).

use crate::common::run;
use crate::web::{chromium, headless, proxy, result_of, serve};
use std::path::{Path, PathBuf};

const THEMES: [&str; 2] = ["default", "gongwen"];

/// The node_modules folder holding vnu-jar and axe-core: $HUIBIAN_WEBCHECK, else
/// /opt/webcheck/node_modules. None (the test is skipped, saying so) only outside CI.
fn webcheck() -> Option<PathBuf> {
    let dir = std::env::var_os("HUIBIAN_WEBCHECK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/webcheck/node_modules"));
    let java = std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let found = java && vnu_jar(&dir).is_file() && axe_js(&dir).is_file();
    if !found {
        let what = format!(
            "the web checkers: java {}, {} and {} (apt-get install default-jre-headless; npm install --prefix DIR vnu-jar axe-core; HUIBIAN_WEBCHECK=DIR/node_modules)",
            if java { "found" } else { "missing" },
            vnu_jar(&dir).display(),
            axe_js(&dir).display()
        );
        assert!(std::env::var_os("CI").is_none(), "CI must install {what}");
        eprintln!("SKIPPED: no {what}");
        return None;
    }
    Some(dir)
}

fn vnu_jar(dir: &Path) -> PathBuf {
    dir.join("vnu-jar/build/dist/vnu.jar")
}

fn axe_js(dir: &Path) -> PathBuf {
    dir.join("axe-core/axe.min.js")
}

/// The repo's sample site in a temp dir, with `theme` and no themes/ folder (both are built in,
/// and equal to themes/: cli::builtin_themes_equal_their_folders_in_themes).
pub(crate) fn sample(theme: &str) -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let e = entry.unwrap();
        let to = dir.path().join(e.path().strip_prefix(repo).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let config = std::fs::read_to_string(repo.join("config.yaml"))
        .unwrap()
        .replace("theme: default", &format!("theme: {theme}"));
    std::fs::write(dir.path().join("config.yaml"), config).unwrap();
    dir
}

/// A site with every kind of page: a paginated section with an intro, documents with contents,
/// a table, footnotes, a quotation, an image, attachments and related documents, a draft,
/// taxonomy and term pages (paginated too), an alias, the archive, search and 404.
fn every_kind(theme: &str) -> crate::common::Site {
    let s = crate::common::Site::new(&format!(
        "title: 全类型页面\ndescription: 检查用站点\ntheme: {theme}\nlanguage: zh-CN\npaginate: 2\ntaxonomies:\n  - {{ name: batch, label: 批次, segment: batch }}\n  - {{ name: unit, label: 单位, segment: unit }}\n  - {{ name: tags, label: 标签, segment: tags }}\n"
    ));
    s.write(
        "content/speeches/_index.md",
        "---\ntitle: 讲话\ndescription: 领导讲话\n---\n本栏目收录“讲话”材料。\n",
    );
    let body = "同志们：\n\n今天召开会议，部署“双减”工作——这是大事……\n\n## 一、提高认识\n\n### （一）统一思想\n\n要把**思想**统一起来，见[学习材料](/guides/xuexi/)和[议程](yicheng.txt)。[^1]\n\n> 引用的原文。\n\n| 项目 | 数量 |\n|---|---|\n| 调研 | 3 |\n\n![会场照片](huichang.png)\n\n## 二、抓好落实\n\n1. 第一项\n2. 第二项\n\n`代码` 与 *着重*。\n\n[^1]: 脚注的内容。\n";
    s.doc(
        "speeches/bushu/index.md",
        "title: 在动员部署会议上的讲话\ndate: 2023-04-10\nbatch: 1\nunit: 区委办公室\nspeaker: 主要负责同志\nlocation: 第一会议室\ntags: [动员部署, 理论学习]\naliases: [/old/bushu/]\nattachments:\n  yicheng.txt: 会议议程",
        body,
    );
    s.write("content/speeches/bushu/yicheng.txt", "议程\n");
    // A real 1×1 PNG, so that the image is an image.
    let png: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44,
        0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0x00, 0x01, 0xff,
        0x89, 0x99, 0x3d, 0x1d, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    std::fs::write(s.root().join("content/speeches/bushu/huichang.png"), png).unwrap();
    for i in 1..=4 {
        s.doc(
            &format!("speeches/jianghua-{i}.md"),
            &format!("title: 第{i}次推进会讲话\ndate: 2023-05-0{i}\nbatch: 2\nunit: 区教育局\ntags: [动员部署]\nsummary: 推进会上的讲话（{i}）。"),
            "## 一、总结\n\n正文。\n\n## 二、部署\n\n正文。\n",
        );
    }
    s.doc(
        "speeches/caogao.md",
        "title: 讲话征求意见稿\ndate: 2023-06-01\ndraft: true\ntags: [动员部署]",
        "草稿正文。\n",
    );
    s.doc(
        "guides/xuexi.md",
        "title: 学习辅导材料\ndate: 2023-04-12\nauthor: 理论科\nbatch: 1\ntags: [理论学习]",
        "学习“新思想”的辅导材料。\n",
    );
    s.doc(
        "experiences/jingyan.md",
        "title: 经验交流：以学促干\ndate: 2023-07-01\nunit: 区教育局\ntags: [理论学习]",
        "经验做法。\n",
    );
    s
}

/// Builds the sample and the fixture in `theme` into `root`/sample-THEME and
/// `root`/fixture-THEME, each with its own base URL, so one server serves them all.
fn build_all(root: &Path) {
    for theme in THEMES {
        let sample = sample(theme);
        let fixture = every_kind(theme);
        for (name, site, extra) in [
            ("sample", sample.path(), &[][..]),
            ("fixture", fixture.root(), &["--drafts"][..]),
        ] {
            let out = root.join(format!("{name}-{theme}"));
            let base = format!("/{name}-{theme}/");
            let o = run(&[
                &[
                    "build",
                    "--root",
                    site.to_str().unwrap(),
                    "--output",
                    out.to_str().unwrap(),
                    "--base-url",
                    &base,
                    "-q",
                ],
                extra,
            ]
            .concat());
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
    }
}

/// vnu over whole folders at once (one Java start): every error as "file:line: message".
fn vnu(tools: &Path, dirs: &[PathBuf]) -> Vec<String> {
    let o = std::process::Command::new("java")
        .arg("-jar")
        .arg(vnu_jar(tools))
        .args(["--format", "json", "--errors-only", "--skip-non-html"])
        .args(dirs)
        .output()
        .unwrap();
    // vnu writes its report to stderr, and exits 1 when it found errors.
    let report: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu's report is not JSON ({e}): {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            format!(
                "{}:{}: {}",
                m["url"].as_str().unwrap_or(""),
                m["lastLine"],
                m["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The number of HTML files under `dir`.
fn pages_in(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

#[test]
fn vnu_finds_no_errors_on_any_page_in_either_theme() {
    let Some(tools) = webcheck() else { return };
    let tmp = tempfile::tempdir().unwrap();
    build_all(tmp.path());
    // The fault the checker has to catch: the jump and the empty action fixed in the themes.
    let planted = tmp.path().join("planted");
    std::fs::create_dir_all(&planted).unwrap();
    let page = std::fs::read_to_string(tmp.path().join("sample-default/speeches/index.html"))
        .unwrap()
        .replace("<h2 class=\"card-title\">", "<h3 class=\"card-title\">")
        .replace("</h2>\n  <p class=\"meta\">", "</h3>\n  <p class=\"meta\">")
        .replace("role=\"search\">", "role=\"search\" action=\"\">");
    std::fs::write(planted.join("index.html"), page).unwrap();
    let dirs: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let pages: usize = dirs.iter().map(|d| pages_in(d)).sum();
    assert!(pages > 150, "only {pages} pages were built");
    let errors = vnu(&tools, &dirs);
    let (caught, real): (Vec<_>, Vec<_>) = errors.iter().partition(|e| e.contains("/planted/"));
    assert!(
        real.is_empty(),
        "{} errors in {pages} pages:\n{real:#?}",
        real.len()
    );
    assert!(
        caught
            .iter()
            .any(|e| e.contains("skipping 1 heading level"))
            && caught.iter().any(|e| e.contains("“action”")),
        "vnu must catch the planted faults: {caught:#?}"
    );
}

/// Loads every page in an iframe `width` px wide, waits for search results where the page
/// searches, loads axe-core into the page and runs the WCAG 2.1 A and AA rules. One report per
/// page: its title, the number of search results, and each violation with the nodes it names.
const AXE_HARNESS: &str = r#"
var out = [], n = 0;
function done(i, text) { out[i] = text; if (++n === PAGES.length) document.getElementById('result').textContent = out.join('\n=====\n'); }
PAGES.forEach(function (p, i) {
  var f = document.createElement('iframe');
  f.width = WIDTH; f.height = 900; f.src = '/' + p;
  f.onload = function () {
    var d = f.contentDocument, w = f.contentWindow, t0 = Date.now();
    function ready() { return p.indexOf('?q=') < 0 || (d.querySelector('#search-results li') && !d.querySelector('#search-results[aria-busy]')) || Date.now() - t0 > 8000; }
    var timer = setInterval(function () {
      if (!ready()) return;
      clearInterval(timer);
      var s = d.createElement('script');
      s.src = '/axe.min.js';
      s.onload = function () {
        w.axe.run(d, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then(function (r) {
          done(i, ['page=' + p, 'title=' + d.title, 'results=' + d.querySelectorAll('#search-results li').length].concat(r.violations.map(function (v) {
            return 'violation=' + v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 5).map(function (x) { return x.target.join(' '); }).join(', ');
          })).join('\n'));
        }, function (e) { done(i, 'page=' + p + '\nviolation=axe failed: ' + e); });
      };
      s.onerror = function () { done(i, 'page=' + p + '\nviolation=axe-core did not load'); };
      d.head.appendChild(s);
    }, 50);
  };
  document.body.appendChild(f);
});
"#;

/// The axe report of each page under `root` (served over HTTP), at `width` px.
fn axe(browser: &str, root: &Path, pages: &[String], width: u32) -> Vec<String> {
    let list = serde_json::to_string(pages).unwrap();
    let html = format!(
        "<!DOCTYPE html><meta charset=\"utf-8\"><pre id=\"result\">pending</pre><script>var PAGES = {list}, WIDTH = {width};{AXE_HARNESS}</script>"
    );
    std::fs::write(root.join("harness.html"), html).unwrap();
    let (site, outside) = (serve(root), proxy());
    let dom = headless(
        browser,
        Some(&outside),
        &[
            "--virtual-time-budget=60000".into(),
            "--dump-dom".into(),
            site.url("harness.html"),
        ],
    );
    let reports: Vec<String> = result_of(&dom)
        .split("=====")
        .map(|r| r.trim().to_string())
        .collect();
    assert_eq!(
        reports.len(),
        pages.len(),
        "the axe harness did not report at {width}px:\n{dom}"
    );
    reports
}

/// The pages axe checks in each build: every kind of page, the issue's seven first.
fn axe_pages() -> Vec<String> {
    let sample = [
        "",
        "speeches/",
        "speeches/dongyuan-bushu/",
        "tags/diao-cha-yan-jiu/",
        "archive/",
        "search/?q=以学促干",
        "404.html",
        "batch/",
        "unit/qu-jiao-yu-ju/",
    ];
    let fixture = [
        "",
        "speeches/",
        "speeches/page/2/",
        "speeches/bushu/",
        "speeches/caogao/",
        "tags/",
        "tags/dong-yuan-bu-shu/page/3/",
        "guides/xuexi/",
        "archive/",
        "search/?q=讲话",
        "404.html",
    ];
    let mut pages = Vec::new();
    for theme in THEMES {
        pages.extend(sample.iter().map(|p| format!("sample-{theme}/{p}")));
        pages.extend(fixture.iter().map(|p| format!("fixture-{theme}/{p}")));
    }
    pages
}

#[test]
fn axe_finds_no_wcag_violations_on_any_kind_of_page_in_either_theme() {
    let Some(tools) = webcheck() else { return };
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    build_all(tmp.path());
    std::fs::copy(axe_js(&tools), tmp.path().join("axe.min.js")).unwrap();
    // The fault the themes had: links in text told apart from it by colour alone.
    let planted = tmp.path().join("planted");
    std::fs::create_dir_all(&planted).unwrap();
    let page = std::fs::read_to_string(
        tmp.path()
            .join("sample-default/speeches/dongyuan-bushu/index.html"),
    )
    .unwrap()
    .replace(
        "</head>",
        "<style>main a { text-decoration: none !important }</style></head>",
    );
    std::fs::write(planted.join("index.html"), page).unwrap();
    let mut pages = axe_pages();
    pages.push("planted/".into());
    let mut faults = Vec::new();
    for width in [390, 1366] {
        let reports = axe(browser, tmp.path(), &pages, width);
        let (planted, real) = reports.split_last().unwrap();
        assert!(
            planted.contains("violation=link-in-text-block"),
            "axe must catch the planted fault at {width}px: {planted}"
        );
        for r in real {
            let page = crate::browser::field(r, "page");
            assert!(
                !crate::browser::field(r, "title").is_empty(),
                "{page} did not load: {r}"
            );
            if page.contains("?q=") {
                let n: usize = crate::browser::field(r, "results").parse().unwrap_or(0);
                assert!(n > 0, "{page}: the search found nothing to check: {r}");
            }
            if r.contains("violation=") {
                faults.push(format!("at {width}px {r}"));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "{} pages with WCAG 2.1 A/AA violations:\n{}",
        faults.len(),
        faults.join("\n\n")
    );
}
