//! Pages in a real browser: headless Chromium renders the sample site in both themes, served on
//! 127.0.0.1 (every other host goes to a recording proxy), at phone and desktop widths and in
//! print; a harness page reports what a reader would notice. Also from file:// in relative mode.

use crate::common::{run, Site};
use crate::web::{chromium, headless, proxy, result_of, serve, Server};
use std::path::{Path, PathBuf};

const PAGES: [&str; 4] = [
    "",
    "speeches/",
    "speeches/dongyuan-bushu/",
    "tags/diao-cha-yan-jiu/",
];

/// The repo's sample site copied to a temp dir with `theme`, built with `args`.
fn sample(theme: &str, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .chain(walkdir::WalkDir::new(repo.join("themes")))
    {
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
    let out = dir.path().join("public");
    let o = run(&[&["build", "--root", dir.path().to_str().unwrap()], args].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

const HARNESS_JS: &str = r#"
function rgb(c) { return (c.match(/[\d.]+/g) || ['0', '0', '0', '0']).map(Number); }
function lum(c) { const [r, g, b] = rgb(c).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
function bg(el) { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; const a = rgb(c); if (a.length < 4 || a[3] > 0) return c; } return 'rgb(255, 255, 255)'; }
function contrast(el) { const a = lum(getComputedStyle(el).color), b = lum(bg(el)); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }
const SAMPLED = ['body', 'main p', '.meta', '.site-nav a', '.breadcrumbs', '.breadcrumbs a', '.card-title a', '.doc-body p', '.doc-meta', '.site-footer', '.pager a', '.terms a', '.stats', '.gw-nav a', '.gw-footer', '.toc a', 'h1', 'h2'];
window.addEventListener('load', () => {
  const out = [];
  for (const f of document.querySelectorAll('iframe')) {
    const d = f.contentDocument, w = f.contentWindow;
    let worst = 99, worstSel = '';
    for (const sel of SAMPLED) for (const el of [...d.querySelectorAll(sel)].slice(0, 5)) {
      if (!el.getClientRects().length) continue;
      const c = contrast(el); if (c < worst) { worst = c; worstSel = sel; }
    }
    const assets = w.performance.getEntriesByType('resource').filter(r => /\.(css|js)(\?|$)/.test(r.name)).reduce((n, r) => n + r.decodedBodySize, 0);
    const main = d.querySelector('main');
    const han = (d.body.innerText.match(/[\u4e00-\u9fff]/g) || []).length;
    const body = d.querySelector('.doc-body') || d.body;
    const link = d.querySelector('nav a'); if (link) link.focus();
    const ring = link ? getComputedStyle(link) : null;
    out.push([
      'page=' + f.getAttribute('src'),
      'title=' + d.title,
      'hscroll=' + (d.documentElement.scrollWidth > d.documentElement.clientWidth),
      'toc=' + !!d.querySelector('nav.toc'),
      'main_height=' + Math.round(main ? main.getBoundingClientRect().height : 0),
      'han=' + han,
      'contrast=' + worst.toFixed(2) + ' ' + worstSel,
      'assets=' + assets,
      'font=' + getComputedStyle(body).fontFamily,
      'lang=' + d.documentElement.lang,
      'focus=' + (ring ? ring.outlineStyle + ' ' + ring.outlineWidth : 'none'),
      'text=' + d.body.innerText.replace(/\s+/g, ' ').slice(0, 3000),
    ].join('\n'));
  }
  document.getElementById('result').textContent = out.join('\n=====\n');
});
"#;

/// Loads `pages` in iframes `width` px wide, through the harness, and returns one report each.
fn inspect(
    browser: &str,
    site: &Server,
    out: &Path,
    pages: &[&str],
    width: u32,
    proxy: &Server,
) -> Vec<String> {
    let frames: String = pages
        .iter()
        .map(|p| format!("<iframe src=\"/{p}\" width=\"{width}\" height=\"900\"></iframe>"))
        .collect();
    let html = format!("<!DOCTYPE html><meta charset=\"utf-8\"><pre id=\"result\">pending</pre>{frames}<script>{HARNESS_JS}</script>");
    std::fs::write(out.join("harness.html"), html).unwrap();
    let dom = headless(
        browser,
        Some(proxy),
        &[
            "--virtual-time-budget=15000".into(),
            "--dump-dom".into(),
            site.url("harness.html"),
        ],
    );
    let reports: Vec<String> = result_of(&dom).split("=====").map(str::to_string).collect();
    assert_eq!(
        reports.len(),
        pages.len(),
        "the harness did not report at {width}px:\n{dom}"
    );
    reports
}

pub(crate) fn field<'a>(report: &'a str, name: &str) -> &'a str {
    report
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}=")))
        .unwrap_or("")
}

/// What every page of either theme must give a reader.
fn check_common(reports: &[String], width: u32) {
    for r in reports {
        let page = field(r, "page");
        assert_eq!(
            field(r, "hscroll"),
            "false",
            "{page} scrolls sideways at {width}px\n{r}"
        );
        assert_eq!(field(r, "lang"), "zh-CN", "{page}");
        let focus = field(r, "focus");
        assert!(
            focus.starts_with("solid") && !focus.ends_with(" 0px"),
            "{page}: keyboard focus not visible ({focus})"
        );
        assert!(
            field(r, "han").parse::<usize>().unwrap() > 40,
            "{page}: no Chinese text visible\n{r}"
        );
        assert!(
            field(r, "main_height").parse::<usize>().unwrap() > 200,
            "{page}: main content not laid out\n{r}"
        );
        let contrast: f64 = field(r, "contrast")
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            contrast >= 4.5,
            "{page} at {width}px: contrast {} below WCAG AA",
            field(r, "contrast")
        );
        let assets: usize = field(r, "assets").parse().unwrap();
        assert!(
            assets > 1000 && assets < 60 * 1024,
            "{page}: CSS+JS {assets} bytes (stylesheet missing or over 60 KB)"
        );
    }
    let speech = &reports[2];
    assert_eq!(
        field(speech, "toc"),
        "true",
        "the long speech has a table of contents"
    );
    assert!(field(speech, "text").contains("提高思想认识"), "{speech}");
}

/// Screenshots at a phone and a desktop size, and the speech printed to PDF.
fn pictures(browser: &str, site: &Server, proxy: &Server, dir: &Path, name: &str) -> PathBuf {
    for (w, h) in [(390, 844), (1366, 900)] {
        for (label, page) in [("home", PAGES[0]), ("list", PAGES[1]), ("speech", PAGES[2])] {
            let png = dir.join(format!("{name}-{label}-{w}.png"));
            headless(
                browser,
                Some(proxy),
                &[
                    format!("--window-size={w},{h}"),
                    format!("--screenshot={}", png.display()),
                    site.url(page),
                ],
            );
            let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
            assert!(
                size > 10_000,
                "{}: screenshot missing or blank ({size} bytes)",
                png.display()
            );
        }
    }
    let pdf = dir.join(format!("{name}-speech.pdf"));
    headless(
        browser,
        Some(proxy),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            site.url(PAGES[2]),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/MediaBox [0 0 594.9"),
        "{name}: the printed speech is not A4"
    );
    pdf
}

/// Pages load nothing from outside: no CSP violation reported to the site's server. (The
/// browser's own update and sign-in pings still reach the refusing proxy; they come from no page.)
fn no_outside_requests(site: &Server) {
    let seen = site.violations();
    assert!(
        seen.is_empty(),
        "pages asked for something outside the site: {seen:#?}"
    );
}

#[test]
fn default_theme_in_chromium() {
    let Some(browser) = chromium() else { return };
    let (_dir, out) = sample("default", &[]);
    let (site, outside) = (serve(&out), proxy());
    for width in [390, 1366] {
        let reports = inspect(browser, &site, &out, &PAGES, width, &outside);
        check_common(&reports, width);
        for r in &reports {
            assert!(
                field(r, "text").contains("主题教育材料汇编"),
                "site title in the header"
            );
            assert!(
                field(r, "font").contains("PingFang SC"),
                "system CJK font stack: {}",
                field(r, "font")
            );
        }
    }
    let shots = tempfile::tempdir().unwrap();
    pictures(browser, &site, &outside, shots.path(), "default");
    no_outside_requests(&site);
}

#[test]
fn gongwen_theme_in_chromium() {
    let Some(browser) = chromium() else { return };
    let (_dir, out) = sample("gongwen", &[]);
    assert!(
        out.join("gongwen.css").is_file() && out.join("style.css").is_file(),
        "own and inherited static files"
    );
    let (site, outside) = (serve(&out), proxy());
    for width in [390, 1366] {
        let reports = inspect(browser, &site, &out, &PAGES, width, &outside);
        check_common(&reports, width);
        assert!(
            field(&reports[2], "font").starts_with("FangSong_GB2312"),
            "仿宋 body: {}",
            field(&reports[2], "font")
        );
        assert!(field(&reports[0], "title").contains("主题教育材料汇编"));
    }
    let shots = tempfile::tempdir().unwrap();
    let pdf = pictures(browser, &site, &outside, shots.path(), "gongwen");
    no_outside_requests(&site);
    // 28 characters to the line in print (GB/T 9704): the full lines of body text.
    match std::process::Command::new("pdftotext")
        .args(["-layout", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg("-")
        .output()
    {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            let lengths: Vec<usize> = text
                .lines()
                .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
                .filter(|n| *n > 0)
                .collect();
            let longest = lengths.iter().copied().max().unwrap_or(0);
            assert_eq!(longest, 28, "printed line lengths: {lengths:?}");
            assert!(
                lengths.iter().filter(|n| **n == 28).count() >= 3,
                "{lengths:?}"
            );
            assert!(
                text.contains("— 1 —") || text.contains("—1—"),
                "page number: {text}"
            );
        }
        _ => assert!(
            std::env::var_os("CI").is_none(),
            "CI must install poppler-utils (pdftotext)"
        ),
    }
}

#[test]
fn relative_build_works_from_file_urls() {
    let Some(browser) = chromium() else { return };
    let s = Site::new("title: 文件打开\n");
    s.doc("speeches/wrap.md", "title: 折行\ndate: 2023-09-09", "学习\n贯彻，这是一段很长的中文段落，用来检查从文件系统直接打开时样式和链接都正常工作的情况。\n\n## 一、要求\n\n正文。\n\n## 二、措施\n\n正文。\n");
    s.build_ok(&["--relative-urls"]);
    let harness = format!(
        "<!DOCTYPE html><meta charset=\"utf-8\"><pre id=\"result\">pending</pre><iframe src=\"speeches/wrap/index.html\" width=\"390\" height=\"800\"></iframe><script>{HARNESS_JS}</script>"
    );
    std::fs::write(s.out().join("harness.html"), harness).unwrap();
    let outside = proxy();
    let url = format!("file://{}", s.out().join("harness.html").display());
    let dom = headless(
        browser,
        Some(&outside),
        &[
            "--allow-file-access-from-files".into(),
            "--virtual-time-budget=10000".into(),
            "--dump-dom".into(),
            url,
        ],
    );
    let r = result_of(&dom);
    assert!(
        field(&r, "text").contains("学习贯彻，这是"),
        "soft break joined in what the reader sees:\n{r}"
    );
    assert_eq!(field(&r, "toc"), "true");
    assert_eq!(field(&r, "hscroll"), "false");
    assert!(
        field(&r, "font").contains("PingFang SC"),
        "stylesheet found by its relative URL: {r}"
    );
}

#[test]
fn an_outside_request_is_caught() {
    let Some(browser) = chromium() else { return };
    let s = Site::new("title: t\n");
    s.doc(
        "a/x.md",
        "title: 外链图片\ndate: 2023-09-01",
        "正文。\n\n![图](http://example.org/logo.png)\n",
    );
    s.build_ok(&[]);
    let (site, outside) = (serve(&s.out()), proxy());
    headless(
        browser,
        Some(&outside),
        &[
            "--virtual-time-budget=5000".into(),
            "--dump-dom".into(),
            site.url("a/x/"),
        ],
    );
    let seen = site.violations();
    assert!(
        seen.iter().any(|r| r.contains("example.org")),
        "the detector must see an outside image: {seen:?}"
    );
}

#[test]
fn both_themes_render_every_page_type_of_the_sample() {
    for theme in ["default", "gongwen"] {
        let (_dir, out) = sample(theme, &[]);
        for f in [
            "index.html",
            "speeches/index.html",
            "batch/index.html",
            "batch/di-er-pi/index.html",
            "unit/index.html",
            "tags/diao-cha-yan-jiu/index.html",
            "archive/index.html",
            "speeches/dongyuan-bushu/index.html",
            "speeches/dongyuan-bushu/huiyi-yicheng.pdf",
            "404.html",
            "sitemap.xml",
            "atom.xml",
        ] {
            assert!(out.join(f).is_file(), "{theme}: missing {f}");
        }
        let gw = std::fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("gongwen.css");
        assert_eq!(gw, theme == "gongwen");
        let broken = crate::common::broken_links(&out, Some("/"));
        assert!(broken.is_empty(), "{theme}: {broken:#?}");
    }
}

#[test]
fn serve_reloads_an_open_page_in_chromium_keeping_its_place() {
    let Some(browser) = chromium() else { return };
    let s = Site::new("title: 实时预览\n");
    let long: String = (1..=60)
        .map(|i| format!("第{i}段正文，用来把页面撑长。\n\n"))
        .collect();
    s.doc("a/x.md", "title: 预览文档\ndate: 2023-09-01", &long);
    let delay = serve(&s.out()); // answers /sleep/N: keeps the harness loading until the edit is seen
    s.write(
        "static/harness.html",
        &format!(
            r#"<!DOCTYPE html><meta charset="utf-8"><pre id="result">pending</pre>
<iframe id="f" src="/a/x/" width="600" height="300"></iframe>
<img src="http://127.0.0.1:{port}/sleep/15000" alt="">
<script>
var loads = 0, f = document.getElementById('f');
f.addEventListener('load', function () {{
  loads++;
  if (loads === 1) {{
    f.contentWindow.scrollTo(0, 400);
    // Tell the test the page is open and listening: it saves the file only then.
    setTimeout(function () {{ new Image().src = 'http://127.0.0.1:{port}/sleep/1?ready'; }}, 500);
  }}
}});
setInterval(function () {{
  var w = f.contentWindow, d = f.contentDocument;
  if (loads > 1 && d && d.body && d.body.innerText.indexOf('保存后出现的新内容') >= 0)
    document.getElementById('result').textContent = 'seen loads=' + loads + ' path=' + w.location.pathname + ' scroll=' + Math.round(w.scrollY);
}}, 50);
</script>"#,
            port = delay.port
        ),
    );
    let p = crate::serve::Preview::start(s.root(), &[]);
    p.wait_for("/harness.html", "served", |r| r.status == 200);
    let url = format!("http://127.0.0.1:{}/harness.html", p.port);
    let b = browser.to_string();
    let chrome = std::thread::spawn(move || headless(&b, None, &["--dump-dom".into(), url]));
    let start = std::time::Instant::now();
    while !delay
        .requests
        .lock()
        .unwrap()
        .iter()
        .any(|r| r.contains("ready"))
    {
        assert!(
            start.elapsed().as_secs() < 30,
            "the page never opened in Chromium"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    s.doc(
        "a/x.md",
        "title: 预览文档\ndate: 2023-09-01",
        &format!("{long}保存后出现的新内容。\n"),
    );
    let r = result_of(&chrome.join().unwrap());
    assert!(
        r.starts_with("seen"),
        "the open page did not show the saved text by itself: {r}"
    );
    assert!(r.contains("path=/a/x/"), "stayed on the document: {r}");
    let scroll: i64 = r.rsplit("scroll=").next().unwrap().trim().parse().unwrap();
    assert!((scroll - 400).abs() <= 40, "kept its scroll position: {r}");
}

/// Runs queries on the built search page in iframes and reports, per query: the status line,
/// the number of results, the first title and the first snippet's HTML.
pub(crate) fn search_report(
    browser: &str,
    url_of: &dyn Fn(&str) -> String,
    out: &Path,
    queries: &[&str],
    file_urls: bool,
) -> Vec<String> {
    let frames: String = queries
        .iter()
        .map(|q| {
            let src = url_of(&format!(
                "search/{}?q={}",
                if file_urls { "index.html" } else { "" },
                q
            ));
            format!("<iframe src=\"{src}\" width=\"800\" height=\"600\"></iframe>")
        })
        .collect();
    let html = format!(
        r#"<!DOCTYPE html><meta charset="utf-8"><pre id="result">pending</pre>{frames}<script>
var t0 = Date.now();
var timer = setInterval(function () {{
  var out = [], done = 0;
  document.querySelectorAll('iframe').forEach(function (f) {{
    var d = f.contentDocument, st = d && d.getElementById('search-status');
    if (st && st.textContent && (st.textContent.indexOf('未找到') >= 0 || (d.querySelector('#search-results li') && !d.querySelector('#search-results[aria-busy]')))) done++;
    var first = d && d.querySelector('#search-results li');
    out.push(['status=' + (st ? st.textContent : ''), 'count=' + (d ? d.querySelectorAll('#search-results li').length : 0),
      'title=' + (first ? first.querySelector('.result-title').textContent : ''), 'href=' + (first ? first.querySelector('.result-title').getAttribute('href') : ''),
      'snippet=' + (first ? first.querySelector('.snippet').innerHTML : '')].join('\n'));
  }});
  if (done === {n} || Date.now() - t0 > 8000) {{ clearInterval(timer); document.getElementById('result').textContent = out.join('\n=====\n'); }}
}}, 50);
</script>"#,
        n = queries.len()
    );
    std::fs::write(out.join("harness.html"), html).unwrap();
    let mut args: Vec<String> = vec!["--virtual-time-budget=20000".into(), "--dump-dom".into()];
    if file_urls {
        args.insert(0, "--allow-file-access-from-files".into());
    }
    args.push(url_of("harness.html"));
    let r = result_of(&headless(browser, None, &args));
    let reports: Vec<String> = r.split("=====").map(str::to_string).collect();
    assert_eq!(reports.len(), queries.len(), "search harness:\n{r}");
    reports
}

fn check_search(reports: &[String], how: &str) {
    // A phrase from the middle of a speech: found, highlighted.
    let r = &reports[0];
    assert!(
        field(r, "title").contains("在第一批主题教育动员部署会议上的讲话"),
        "{how}: {r}"
    );
    assert!(
        field(r, "snippet").contains("<mark>补钙壮骨</mark>"),
        "{how}: highlighted phrase: {r}"
    );
    assert!(field(r, "status").contains("找到 1 篇"), "{how}: {r}");
    // Several documents, title matches first.
    let r = &reports[1];
    let n: usize = field(r, "count").parse().unwrap();
    assert!(n >= 3, "{how}: 以学促干 in several documents: {r}");
    // Two terms are ANDed.
    let r = &reports[2];
    assert!(
        field(r, "status").contains("找到 1 篇") && field(r, "title").contains("区税务局"),
        "{how}: AND: {r}"
    );
    // No match says so.
    assert!(
        field(&reports[3], "status").contains("未找到"),
        "{how}: {}",
        reports[3]
    );
    // One character: found wherever it stands.
    assert!(
        field(&reports[4], "title").contains("动员部署"),
        "{how}: single character: {}",
        reports[4]
    );
    // A phrase across punctuation does not match (exact phrase semantics).
    assert!(
        field(&reports[5], "status").contains("未找到"),
        "{how}: {}",
        reports[5]
    );
    // Long phrases match by a covering subset of their bigrams, still exactly: the real one is
    // found, the same characters in another order are not.
    assert!(
        field(&reports[6], "snippet").contains("<mark>高度的政治自觉</mark>"),
        "{how}: {}",
        reports[6]
    );
    assert!(
        field(&reports[7], "status").contains("未找到"),
        "{how}: {}",
        reports[7]
    );
    // Words that are names of JavaScript object properties are just words.
    assert!(
        field(&reports[8], "status").contains("未找到"),
        "{how}: {}",
        reports[8]
    );
}

const QUERIES: [&str; 9] = [
    "补钙壮骨",
    "以学促干",
    "调查研究%20税务",
    "不存在的词语组合",
    "钙",
    "谋划亲自",
    "高度的政治自觉",
    "政治的高度",
    "constructor%20toString",
];

#[test]
fn search_finds_chinese_phrases_over_http_and_from_file_urls() {
    let Some(browser) = chromium() else { return };
    let (_dir, out) = sample("default", &[]);
    let site = serve(&out);
    let reports = search_report(browser, &|p| site.url(p), &out, &QUERIES, false);
    check_search(&reports, "http");
    assert!(
        field(&reports[0], "href").starts_with("/speeches/"),
        "{}",
        reports[0]
    );
    assert!(site.violations().is_empty());
    let (_dir, out) = sample("default", &["--relative-urls"]);
    let base = out.clone();
    let reports = search_report(
        browser,
        &|p| format!("file://{}/{p}", base.display()),
        &out,
        &QUERIES,
        true,
    );
    check_search(&reports, "file://");
    assert!(
        field(&reports[0], "href").starts_with("../speeches/")
            && field(&reports[0], "href").ends_with("/index.html")
    );
}

#[test]
fn frequent_tokens_with_files_of_their_own_are_found() {
    let Some(browser) = chromium() else { return };
    let s = Site::new("title: 大站\n");
    // 整改 many times in every document: its postings pass half a shard, so it gets a file of
    // its own (search/b/), which the sample site is too small to have.
    for i in 0..300 {
        let unique = if i == 77 {
            "唯一的试点经验。"
        } else {
            ""
        };
        let body = format!("{}{unique}\n", "整改落实，以学促干。".repeat(40));
        s.doc(
            &format!("a/d{i}.md"),
            &format!("title: 文档{i}\ndate: 2023-09-01"),
            &body,
        );
    }
    s.build_ok(&[]);
    let meta = s.read("search/meta.js");
    let own = meta
        .split("\"整改\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("整改 has a file of its own: {meta}"));
    assert!(s.read(&format!("search/b/{own}.js")).contains("\"整改\":"));
    let site = serve(&s.out());
    let reports = search_report(
        browser,
        &|p| site.url(p),
        &s.out(),
        &["整改落实", "试点经验", "以学%20整改"],
        false,
    );
    let has = |i: usize, name: &str, want: &str| {
        assert!(field(&reports[i], name).contains(want), "{}", reports[i]);
    };
    has(0, "status", "找到 300 篇");
    has(0, "snippet", "<mark>整改落实</mark>");
    has(1, "status", "找到 1 篇");
    has(1, "title", "文档77");
    has(2, "status", "找到 300 篇");
}

/// Typing on the search page: the index files a query needs start loading at once, before the
/// pause after which it runs; pinyin being composed by an input method is not searched; a Latin
/// word still being typed loads nothing; results come in ranked order, all 20 of the first page.
#[test]
fn typing_loads_the_index_at_once_and_ignores_input_methods_composing() {
    let Some(browser) = chromium() else { return };
    let s = Site::new("title: 打字\n");
    // Text enough for several shards, so that a stray token would load one more.
    let chars: Vec<char> =
        "学习贯彻思想主题教育调查研究检视问题建章立制以学促干凝心铸魂基层党建高质量发展为民办实事"
            .chars()
            .collect();
    for i in 0..30 {
        // The title match ranks first, then density: d05 has the phrase most often.
        let n = if i == 5 { 6 } else { 1 };
        let filler: String = (0..3000)
            .map(|k| chars[(k * 7 + i) % chars.len()])
            .collect();
        s.doc(
            &format!("a/d{i:02}.md"),
            &format!(
                "title: {}\ndate: 2023-09-01",
                if i == 17 {
                    "整改落实专题".to_string()
                } else {
                    format!("文档{i:02}")
                }
            ),
            &format!("{}{filler}\n", "推动整改落实。".repeat(n)),
        );
    }
    s.build_ok(&[]);
    let site = serve(&s.out());
    let html = r#"<!DOCTYPE html><meta charset="utf-8"><pre id="result">pending</pre>
<iframe id="f" src="/search/" width="800" height="600"></iframe><script>
var f = document.getElementById('f'), out = [];
function index(w) { return Array.from(w.document.scripts).filter(function (s) { return /\/search\/[sb]\//.test(s.src); }).length; }
f.addEventListener('load', function () {
  var w = f.contentWindow, d = f.contentDocument, q = d.getElementById('q');
  var list = d.getElementById('search-results'), st = d.getElementById('search-status');
  function wait(ok, then) { var t = setInterval(function () { if (ok()) { clearInterval(t); then(); } }, 20); }
  wait(function () { return d.querySelectorAll('select option').length > 3; }, function () {
    q.value = 'zhenggai';
    q.dispatchEvent(new InputEvent('input', { isComposing: true }));
    out.push('composing_loads=' + index(w));
    setTimeout(function () {
      out.push('composing_status=' + st.textContent);
      q.value = '整改落实';
      q.dispatchEvent(new CompositionEvent('compositionend', { data: '整改落实' }));
      out.push('composed_loads=' + index(w));
      var before = index(w);
      wait(function () { return list.querySelector('li') && !list.hasAttribute('aria-busy'); }, function () {
        out.push('status=' + st.textContent);
        out.push('titles=' + Array.from(list.querySelectorAll('.result-title')).map(function (a) { return a.textContent; }).join(','));
        q.value = '整改落实 constru';
        q.dispatchEvent(new InputEvent('input'));
        out.push('partial_word_loads=' + (index(w) - before));
        document.getElementById('result').textContent = out.join('\n');
      });
    }, 500);
  });
});
</script>"#;
    std::fs::write(s.out().join("typing.html"), html).unwrap();
    let r = result_of(&headless(
        browser,
        None,
        &[
            "--virtual-time-budget=20000".into(),
            "--dump-dom".into(),
            site.url("typing.html"),
        ],
    ));
    assert_eq!(field(&r, "composing_loads"), "0", "{r}");
    assert_eq!(field(&r, "composing_status"), "", "pinyin searched: {r}");
    let loads: usize = field(&r, "composed_loads").parse().unwrap_or(0);
    assert!(loads >= 1, "nothing loaded before the pause: {r}");
    assert!(field(&r, "status").contains("找到 30 篇"), "{r}");
    let titles: Vec<&str> = field(&r, "titles").split(',').collect();
    assert_eq!(titles.len(), 20, "the first page, complete: {r}");
    assert_eq!(titles[0], "整改落实专题", "title match first: {r}");
    assert_eq!(titles[1], "文档05", "then the densest: {r}");
    assert_eq!(field(&r, "partial_word_loads"), "0", "{r}");
}

#[test]
fn browser_and_indexer_tokenise_alike() {
    let Some(browser) = chromium() else { return };
    let samples = [
        "整改落实，以学促干！",
        "学习Rust 2023年第一批",
        "ＡＢＣ　１２３ full-width ＦＯＯ",
        "ΟΔΟΣ Straße İstanbul",
        "カタカナ ひらがな 한국어 𠀋𪚲",
        "a-b_c d.e 3.14 x²",
        "“引号”（括号）《书名》——破折号……省略号",
        "二〇二三年々〆〡〸、。〃〜・‰※‖",
        "单",
        "",
        "  空格  与\t制表\n换行  ",
    ];
    let dir = tempfile::tempdir().unwrap();
    let js = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js"),
    )
    .unwrap();
    std::fs::write(dir.path().join("search.js"), js).unwrap();
    let list: String = samples.iter().map(|s| format!("{:?},", s)).collect();
    std::fs::write(
        dir.path().join("t.html"),
        format!(
            "<!DOCTYPE html><meta charset=\"utf-8\"><pre id=\"result\"></pre><script src=\"search.js\"></script><script>\
document.getElementById('result').textContent = [{list}].map(function (s) {{ return huibianSearch.tokens(s).map(function (t) {{ return t[0] + '@' + t[1]; }}).join(' '); }}).join('\\n');</script>"
        ),
    )
    .unwrap();
    let site = serve(dir.path());
    let got = result_of(&headless(
        browser,
        None,
        &["--dump-dom".into(), site.url("t.html")],
    ));
    let lines: Vec<&str> = got.split('\n').collect();
    assert_eq!(lines.len(), samples.len(), "{got}");
    for (s, line) in samples.iter().zip(lines) {
        let rust: Vec<String> = huibian::search::tokens::tokens(s)
            .into_iter()
            .map(|(t, p)| format!("{t}@{p}"))
            .collect();
        assert_eq!(line, rust.join(" "), "tokens of {s:?}");
    }
}

/// Snippets show the document as written: full-width punctuation and letters stay as they are
/// (the index and the query see them normalised), and the match is highlighted in that form.
#[test]
fn snippets_keep_the_text_as_written() {
    let Some(browser) = chromium() else { return };
    let s = Site::new("title: 原文\n");
    s.doc(
        "a/one.md",
        "title: 原文片段\ndate: 2023-09-01",
        "学习ＲＵＳＴ语言，推进工作：要求如下。㍿字样，以学促干。\n",
    );
    s.build_ok(&[]);
    let site = serve(&s.out());
    let reports = search_report(
        browser,
        &|p| site.url(p),
        &s.out(),
        &["rust", "推进工作", "以学促干"],
        false,
    );
    let has = |i: usize, want: &str| {
        let snippet = field(&reports[i], "snippet");
        assert!(snippet.contains(want), "{want}: {}", reports[i]);
    };
    has(0, "学习<mark>ＲＵＳＴ</mark>语言，推进工作：");
    has(1, "，<mark>推进工作</mark>：要求如下。");
    // After a character NFKC turns into four (㍿ → 株式会社), the places still line up.
    has(2, "㍿字样，<mark>以学促干</mark>。");
}
