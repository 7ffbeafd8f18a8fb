//! What readers of either shipped theme get: both themes built into the binary (a site without
//! themes/ sets `theme: gongwen`), overridden file by file by a site's own copy; and, in
//! Chromium, full-width Chinese quotation marks and a keyboard-usable page.

use crate::common::{run, Site};

fn builtin(theme: &str, path: &str) -> &'static str {
    huibian::render::builtin::THEMES
        .iter()
        .find(|(n, _)| *n == theme)
        .and_then(|(_, files)| files.iter().find(|(p, _)| *p == path))
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no built-in {theme}/{path}"))
}

fn gongwen_site() -> Site {
    let s = Site::new("title: 公文站\ntheme: gongwen\n");
    s.doc(
        "speeches/x.md",
        "title: 在会议上的讲话\ndate: 2023-09-01",
        "## 一、提高认识\n\n正文。\n\n## 二、抓好落实\n\n正文。\n",
    );
    s
}

#[test]
fn gongwen_builds_from_a_site_without_a_themes_folder() {
    let s = gongwen_site();
    assert!(!s.root().join("themes").exists());
    s.build_ok(&[]);
    let page = s.read("speeches/x/index.html");
    assert!(
        page.contains("href=\"/gongwen.css\"") && page.contains("<body class=\"gongwen\""),
        "the 公文 base template: {page}"
    );
    assert!(
        page.contains("class=\"doc-body\""),
        "page.html from default"
    );
    assert_eq!(
        s.read("gongwen.css"),
        builtin("gongwen", "static/gongwen.css")
    );
    assert_eq!(s.read("style.css"), builtin("default", "static/style.css"));
    assert!(s.exists("search.js") && s.exists("404.html") && s.exists("atom.xml"));
}

#[test]
fn a_sites_own_themes_gongwen_overrides_the_builtin_one_file_by_file() {
    let s = gongwen_site();
    // Only the stylesheet: the templates stay the built-in 公文 ones.
    s.write("themes/gongwen/static/gongwen.css", "/* 本单位样式 */\n");
    s.build_ok(&[]);
    assert_eq!(s.read("gongwen.css"), "/* 本单位样式 */\n");
    let page = s.read("speeches/x/index.html");
    assert!(page.contains("class=\"gw-header\""), "{page}");
    // Then the base template too, and a label in a theme.yaml that says nothing of `extends`:
    // the folder still lies over the built-in 公文, which extends the default.
    s.write(
        "themes/gongwen/templates/base.html",
        "<!DOCTYPE html><html lang=\"zh-CN\"><title>{% block title %}{% endblock title %}</title>{% block description %}{% endblock description %}<p>{{ site.labels.footer }}</p>{% block content %}{% endblock content %}</html>",
    );
    s.write(
        "themes/gongwen/theme.yaml",
        "labels:\n  footer: 本单位页脚\n",
    );
    s.build_ok(&[]);
    let page = s.read("speeches/x/index.html");
    assert!(page.contains("<p>本单位页脚</p>"), "{page}");
    assert!(
        page.contains("class=\"doc-body\""),
        "page.html from default"
    );
    assert_eq!(s.read("gongwen.css"), "/* 本单位样式 */\n");
    // A template error in the built-in layer would be named as built-in; on disk, by its path.
    s.write("themes/gongwen/templates/base.html", "{% block content %}");
    let err = s.build_err(&[]);
    assert!(err.contains("themes/gongwen/templates/base.html"), "{err}");
}

#[test]
fn a_theme_of_the_sites_own_extends_the_builtin_gongwen() {
    let s = gongwen_site();
    s.write("config.yaml", "title: 子主题\ntheme: danwei\n");
    s.write(
        "themes/danwei/theme.yaml",
        "extends: gongwen\nlabels:\n  home: 本单位首页\n",
    );
    s.build_ok(&[]);
    let page = s.read("speeches/x/index.html");
    assert!(
        page.contains("class=\"gw-header\"") && page.contains(">本单位首页</a>"),
        "{page}"
    );
    assert_eq!(
        s.read("gongwen.css"),
        builtin("gongwen", "static/gongwen.css")
    );
    // A theme that extends itself is still a loop, built-in name or not.
    s.write("config.yaml", "title: t\ntheme: gongwen\n");
    s.write("themes/gongwen/theme.yaml", "extends: gongwen\n");
    let err = s.build_err(&[]);
    assert!(
        err.contains("extend each other in a loop: gongwen → gongwen"),
        "{err}"
    );
}

#[test]
fn an_unknown_theme_names_the_builtin_ones() {
    let s = Site::new("title: t\ntheme: gongwem\n");
    s.doc("a/x.md", "title: 例\ndate: 2023-09-01", "正文");
    let err = s.build_err(&[]);
    assert!(
        err.contains("config.yaml: the theme `gongwem` is not in themes/")
            && err.contains("`default`, `gongwen`"),
        "{err}"
    );
}

#[test]
fn the_archive_of_a_gongwen_site_without_themes_prints_in_gongwen() {
    let s = gongwen_site();
    let zip = s.root().join("out.zip");
    let o = run(&[
        "archive",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        zip.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut print = String::new();
    std::io::Read::read_to_string(&mut z.by_name("print/speeches.html").unwrap(), &mut print)
        .unwrap();
    assert!(
        print.contains("--gw-line"),
        "公文 stylesheet in the print page"
    );
}

/// Measures, in the first element matching SEL of each page, the rendered width of the marks
/// and of a Han character in the text itself (summed over lines, where a run wraps), and whether a Latin run keeps the font it would
/// have without the marks' alias; then the alias faces alone, against a Latin font's marks.
const WIDTH_HARNESS: &str = r#"
var frames = [].slice.call(document.querySelectorAll('iframe')), out = [], n = 0;
function range(node, i, len) { var r = node.ownerDocument.createRange(); r.setStart(node, i); r.setEnd(node, i + len); return [].slice.call(r.getClientRects()).reduce(function (a, b) { return a + b.width; }, 0); }
function span(el, text, family) { var d = el.ownerDocument, s = d.createElement('span'); s.textContent = text; s.style.whiteSpace = 'pre'; if (family) s.style.fontFamily = family; el.appendChild(s); var w = s.getBoundingClientRect().width; s.remove(); return w; }
function measure(f) {
  var d = f.contentDocument, el = d.querySelector(f.dataset.sel), r = { page: f.getAttribute('src'), sel: f.dataset.sel };
  if (!el) return r;
  var node = [].slice.call(el.childNodes).filter(function (c) { return c.nodeType === 3 && c.data.indexOf('双减') >= 0; })[0];
  if (!node) return r;
  // Justified lines widen every character a little: measure glyphs on unjustified lines.
  el.style.textAlign = 'start';
  var t = node.data, family = getComputedStyle(el).fontFamily;
  r.family = family;
  r.han = range(node, t.indexOf('学'), 1);
  r.marks = {};
  ['“', '”', '‘', '’', '——', '……'].forEach(function (m) { r.marks[m] = range(node, t.indexOf(m), m.length); });
  // One word: where the run wraps, the space at the line's end takes no width.
  var latin = 'language';
  var without = family.split(',').filter(function (x) { return x.indexOf('huibian-zh-marks') < 0; }).join(',');
  r.latin = range(node, t.indexOf(latin), latin.length);
  r.latin_without_alias = span(el, latin, without);
  r.latin_system_ui = span(el, latin, 'system-ui');
  r.quote_without_alias = span(el, '汉“汉', without) - span(el, '汉汉', without);
  // The alias faces alone, each in front of a Latin monospace font, and that font's own mark.
  var q = function (fam, weight) { el.style.fontWeight = weight; var w = span(el, '汉“汉', fam) - span(el, '汉汉', fam); el.style.fontWeight = ''; return w; };
  r.alias = q('"huibian-zh-marks", monospace', 'normal');
  r.alias_bold = q('"huibian-zh-marks", monospace', 'bold');
  r.alias_serif = q('"huibian-zh-marks-serif", monospace', 'normal');
  r.latin_mark = q('monospace', 'normal');
  return r;
}
window.addEventListener('load', function () {
  setTimeout(function () { document.getElementById('result').textContent = JSON.stringify(frames.map(measure)); }, 200);
});
"#;

/// A document whose first paragraph has every mark between Han characters, and a Latin run.
const MARKS_TEXT: &str = "学习“双减”政策‘要点’——落实……使用Rust language 2023工具。";

#[test]
fn quotation_marks_are_full_width_and_latin_keeps_its_font_in_both_themes() {
    let Some(browser) = crate::web::chromium() else {
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let mut frames = String::new();
    for theme in ["default", "gongwen"] {
        let s = Site::new(&format!("title: 标点\ntheme: {theme}\n"));
        s.doc(
            "speeches/x.md",
            &format!("title: 标点宽度\ndate: 2023-09-01\nsummary: {MARKS_TEXT}"),
            &format!("{MARKS_TEXT}\n"),
        );
        let out = root.path().join(theme);
        let base = format!("/{theme}/");
        let o = run(&[
            "build",
            "--root",
            s.root().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            &base,
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        for (page, sel) in [("speeches/x/", ".doc-body p"), ("speeches/", ".summary")] {
            for width in [390, 1366] {
                frames.push_str(&format!(
                    "<iframe src=\"/{theme}/{page}\" data-sel=\"{sel}\" width=\"{width}\" height=\"600\"></iframe>"
                ));
            }
        }
    }
    let html = format!("<!DOCTYPE html><meta charset=\"utf-8\"><pre id=\"result\">pending</pre>{frames}<script>{WIDTH_HARNESS}</script>");
    std::fs::write(root.path().join("harness.html"), html).unwrap();
    let site = crate::web::serve(root.path());
    let dom = crate::web::headless(
        browser,
        None,
        &[
            "--virtual-time-budget=10000".into(),
            "--dump-dom".into(),
            site.url("harness.html"),
        ],
    );
    let got: serde_json::Value =
        serde_json::from_str(&crate::web::result_of(&dom)).unwrap_or_else(|e| panic!("{e}: {dom}"));
    let reports = got.as_array().unwrap();
    assert_eq!(reports.len(), 8, "{got:#}");
    for r in reports {
        check_marks(r);
    }
    assert!(site.violations().is_empty(), "{:?}", site.violations());
}

fn check_marks(r: &serde_json::Value) {
    let num = |k: &str| r[k].as_f64().unwrap_or_else(|| panic!("no {k}: {r:#}"));
    let (han, page) = (num("han"), format!("{} {}", r["page"], r["sel"]));
    assert!(han > 10.0, "{page}: {r:#}");
    for (mark, w) in r["marks"].as_object().unwrap() {
        let chars = mark.chars().count() as f64;
        assert!(
            (w.as_f64().unwrap() / (han * chars) - 1.0).abs() < 0.08,
            "{page}: {mark} is {w} px wide, a Han character {han} px: {r:#}"
        );
    }
    // Latin words keep the font they had: the alias takes only the marks.
    assert!(
        (num("latin") - num("latin_without_alias")).abs() < 0.5,
        "{page}: the Latin run changed font: {r:#}"
    );
    if !r["family"].as_str().unwrap().starts_with("FangSong") {
        assert!(
            (num("latin") - num("latin_system_ui")).abs() < 0.5,
            "{page}: Latin words in the system UI font: {r:#}"
        );
    }
    // The alias faces find a system Chinese font (local() only): full-width where a Latin
    // font's own mark, measured the same way, is narrow.
    let latin_mark = num("latin_mark");
    assert!(
        latin_mark < 0.7 * han,
        "{page}: the control is not narrow: {r:#}"
    );
    for k in ["alias", "alias_bold", "alias_serif"] {
        assert!((num(k) / han - 1.0).abs() < 0.08, "{page}: {k}: {r:#}");
    }
}

/// Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe reads
/// fd 3 and writes fd 4; `sh` maps them to our stdin and stdout), so that a test can press real
/// keys: Tab moves focus only for trusted key events, which page scripts cannot make.
struct Cdp {
    child: std::process::Child,
    to: std::process::ChildStdin,
    from: std::io::BufReader<std::process::ChildStdout>,
    next: u64,
    session: Option<String>,
    _profile: tempfile::TempDir,
}

impl Cdp {
    /// A browser with one page `width` × 900 px; every non-loopback request goes to `proxy`.
    fn open(browser: &str, proxy: &crate::web::Server, width: u32) -> Cdp {
        use std::process::{Command, Stdio};
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new("sh")
            .args([
                "-c",
                "exec \"$0\" \"$@\" 3<&0 4>&1 >/dev/null </dev/null",
                browser,
            ])
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--proxy-server=http://127.0.0.1:{}", proxy.port))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let to = child.stdin.take().unwrap();
        let from = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut cdp = Cdp {
            child,
            to,
            from,
            next: 0,
            session: None,
            _profile: profile,
        };
        let target = cdp.call(
            "Target.createTarget",
            serde_json::json!({"url": "about:blank"}),
        );
        let attached = cdp.call(
            "Target.attachToTarget",
            serde_json::json!({"targetId": target["targetId"], "flatten": true}),
        );
        cdp.session = attached["sessionId"].as_str().map(str::to_string);
        cdp.call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
        cdp
    }

    /// Sends one command and returns its result; events in between are dropped.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        match self.try_call(method, params) {
            Ok(result) => result,
            Err(reply) => panic!("{method}: {reply}"),
        }
    }

    /// `call`, with Chromium's error reply given back instead of failing the test.
    fn try_call(
        &mut self,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        use std::io::{BufRead, Write};
        self.next += 1;
        let mut msg = serde_json::json!({"id": self.next, "method": method, "params": params});
        if let Some(s) = &self.session {
            msg["sessionId"] = s.clone().into();
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        loop {
            let mut buf = Vec::new();
            let n = self.from.read_until(0, &mut buf).unwrap();
            assert!(n > 0, "Chromium closed the DevTools pipe during {method}");
            buf.pop();
            let reply: serde_json::Value = serde_json::from_slice(&buf).unwrap();
            if reply["id"] == self.next {
                return match reply["error"].is_null() {
                    true => Ok(reply["result"].clone()),
                    false => Err(reply),
                };
            }
        }
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    fn eval(&mut self, js: &str) -> serde_json::Value {
        let r = self.call(
            "Runtime.evaluate",
            serde_json::json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(r["exceptionDetails"].is_null(), "{js}: {r}");
        r["result"]["value"].clone()
    }

    /// Waits (up to 30 s: a loaded 2-core CI machine) until `js` is true in the page.
    fn wait(&mut self, js: &str) {
        for _ in 0..600 {
            let r = self.try_call(
                "Runtime.evaluate",
                serde_json::json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
            );
            match r {
                Ok(r) if r["result"]["value"] == true => return,
                Ok(r) => assert!(r["exceptionDetails"].is_null(), "{js}: {r}"),
                // A key or a link just started a navigation: the old page is gone before the
                // new one answers. Ask again, as for a page not yet loaded.
                Err(e) if e.to_string().contains("navigated or closed") => {}
                Err(e) => panic!("Runtime.evaluate: {e}"),
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("waited 30 s for {js}");
    }

    fn goto(&mut self, url: &str) {
        self.call("Page.navigate", serde_json::json!({"url": url}));
        self.wait(&format!(
            "location.href === {url:?} && document.readyState === 'complete'"
        ));
    }

    /// Presses and releases a key as the keyboard would.
    fn press(&mut self, key: &str) {
        let (code, vk, text) = match key {
            "Tab" => ("Tab", 9, ""),
            "Enter" => ("Enter", 13, "\r"),
            " " => ("Space", 32, " "),
            _ => panic!("no key {key}"),
        };
        let kind = if text.is_empty() {
            "rawKeyDown"
        } else {
            "keyDown"
        };
        let mut down = serde_json::json!({"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk});
        if !text.is_empty() {
            down["text"] = text.into();
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            serde_json::json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk}),
        );
    }

    /// Presses Tab until `js` (about document.activeElement) holds; at most 80 times.
    fn tab_to(&mut self, js: &str) -> usize {
        for n in 1..=80 {
            self.press("Tab");
            if self.eval(&format!(
                "(function (el) {{ return !!el && !!({js}); }})(document.activeElement)"
            )) == true
            {
                return n;
            }
        }
        panic!("Tab never reached {js}");
    }
}

impl Drop for Cdp {
    /// Asks the browser to close (it ends its own helper processes), then makes sure it did.
    fn drop(&mut self) {
        use std::io::Write;
        let _ = self
            .to
            .write_all(b"{\"id\":0,\"method\":\"Browser.close\"}\0");
        for _ in 0..40 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_keyboard_alone_reaches_the_text_the_contents_and_search_results() {
    let Some(browser) = crate::web::chromium() else {
        return;
    };
    let outside = crate::web::proxy();
    for theme in ["default", "gongwen"] {
        let dir = crate::checkers::sample(theme);
        let o = run(&["build", "--root", dir.path().to_str().unwrap(), "-q"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let site = crate::web::serve(&dir.path().join("public"));
        for width in [390, 1366] {
            let mut b = Cdp::open(browser, &outside, width);
            let at = format!("{theme} at {width}px");
            keyboard_document(&mut b, &site, &at);
            keyboard_search(&mut b, &site, &at);
            if theme == "default" {
                keyboard_header_search(&mut b, &site, &at);
            }
        }
        assert!(site.violations().is_empty(), "{:?}", site.violations());
    }
}

/// The skip link first, visible when focused, into the text; the contents list folds and
/// unfolds with the space bar, and its links take the reader to their heading.
fn keyboard_document(b: &mut Cdp, site: &crate::web::Server, at: &str) {
    b.goto(&site.url("speeches/dongyuan-bushu/"));
    assert_eq!(
        b.tab_to("el.matches('a.skip')"),
        1,
        "{at}: the skip link comes first"
    );
    let shown = b.eval("(function (r) { return r.left >= 0 && r.top >= 0 && r.width > 0 && r.right <= innerWidth; })(document.activeElement.getBoundingClientRect())");
    assert_eq!(shown, true, "{at}: the focused skip link is on screen");
    b.press("Enter");
    b.wait("location.hash === '#main'");
    assert_eq!(
        b.tab_to("el.closest('main')"),
        1,
        "{at}: after the skip link, Tab is in the text"
    );
    b.tab_to("el.matches('nav.toc summary')");
    let open = "document.querySelector('nav.toc details').open";
    b.press(" ");
    assert_eq!(b.eval(open), false, "{at}: space folds the contents");
    b.press(" ");
    assert_eq!(b.eval(open), true, "{at}: space unfolds the contents");
    b.tab_to("el.matches('nav.toc a')");
    let href = b.eval("document.activeElement.getAttribute('href')");
    b.press("Enter");
    b.wait(&format!("decodeURIComponent(location.hash) === {href}"));
    let top = b.eval("document.getElementById(decodeURIComponent(location.hash.slice(1))).getBoundingClientRect().top");
    let top = top.as_f64().unwrap();
    assert!(
        (-1.0..300.0).contains(&top),
        "{at}: the heading {href} is at {top}px"
    );
}

/// The search page from the keyboard: type, Enter, Tab to a result, Enter opens it.
fn keyboard_search(b: &mut Cdp, site: &crate::web::Server, at: &str) {
    b.goto(&site.url("search/"));
    b.tab_to("el.id === 'q'");
    b.call("Input.insertText", serde_json::json!({"text": "以学促干"}));
    b.press("Enter");
    b.wait("document.querySelectorAll('#search-results li').length > 0 && !document.querySelector('#search-results[aria-busy]')");
    let status = b.eval("document.getElementById('search-status').textContent");
    assert!(status.as_str().unwrap().contains("找到"), "{at}: {status}");
    b.tab_to("el.matches('#search-results a.result-title')");
    let href = b.eval("document.activeElement.href");
    b.press("Enter");
    b.wait(&format!(
        "location.href === {href} && document.readyState === 'complete'"
    ));
    let title = b.eval("document.querySelector('h1').textContent");
    assert!(!title.as_str().unwrap().is_empty(), "{at}: opened {href}");
}

/// The default theme's header search box, from any page: type, Enter, results.
fn keyboard_header_search(b: &mut Cdp, site: &crate::web::Server, at: &str) {
    b.goto(&site.url(""));
    b.tab_to("el.matches('.site-search input')");
    b.call("Input.insertText", serde_json::json!({"text": "以学促干"}));
    b.press("Enter");
    b.wait("location.pathname === '/search/' && document.querySelectorAll('#search-results li').length > 0");
    let q = b.eval("document.getElementById('q').value");
    assert_eq!(q, "以学促干", "{at}: the query carried over");
}

/// Every page of both themes: the skip link first in the body, then banner, navigation, main
/// and footer; the navigation marks where the reader is, and the pager the page they are on.
#[test]
fn landmarks_and_aria_current_in_both_themes() {
    for theme in ["default", "gongwen"] {
        let s = Site::new(&format!("title: 地标\ntheme: {theme}\npaginate: 1\n"));
        for i in 1..=3 {
            s.doc(
                &format!("speeches/d{i}.md"),
                &format!("title: 讲话{i}\ndate: 2023-09-0{i}\ntags: [调研]"),
                "正文。\n",
            );
        }
        s.build_ok(&[]);
        for e in walkdir::WalkDir::new(s.out())
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.path().extension().is_none_or(|x| x != "html") {
                continue;
            }
            let html = std::fs::read_to_string(e.path()).unwrap();
            let page = e
                .path()
                .strip_prefix(s.out())
                .unwrap()
                .display()
                .to_string();
            let body = html.split_once("<body").map(|(_, b)| b).unwrap_or_default();
            let first = body
                .split_once('>')
                .map(|(_, b)| b.trim_start())
                .unwrap_or_default();
            assert!(
                first.starts_with("<a class=\"skip\" href=\"#main\">"),
                "{theme} {page}: {first:.80}"
            );
            let (banner, footer) = match theme {
                "default" => (
                    "<header class=\"site-header\"",
                    "<footer class=\"site-footer\"",
                ),
                _ => ("<header class=\"gw-header\"", "<footer class=\"gw-footer\""),
            };
            // In this order: banner, its navigation, main, then the footer after main.
            let mut rest = body;
            for landmark in [
                banner,
                "aria-label=\"主导航\"",
                "<main id=\"main\"",
                "</main>",
                footer,
            ] {
                let (_, after) = rest
                    .split_once(landmark)
                    .unwrap_or_else(|| panic!("{theme} {page}: no {landmark} in its place"));
                rest = after;
            }
            for once in [banner, "aria-label=\"主导航\"", "<main", footer] {
                assert_eq!(body.matches(once).count(), 1, "{theme} {page}: {once}");
            }
            // The navigation names one place as this page at most (the pager may name it too).
            let nav = body.split_once("aria-label=\"主导航\"").unwrap().1;
            let nav = nav.split_once("</nav>").unwrap().0;
            assert!(
                nav.matches("aria-current=\"page\"").count() <= 1,
                "{theme} {page}"
            );
        }
        let nav = |rel: &str, href: &str| {
            let html = s.read(rel);
            let at = format!("href=\"{href}\" aria-current=\"");
            html.split_once(&at)
                .map(|(_, rest)| rest.split('"').next().unwrap().to_string())
                .unwrap_or_default()
        };
        assert_eq!(nav("index.html", "/"), "page", "{theme}: home");
        assert_eq!(nav("speeches/index.html", "/speeches/"), "page", "{theme}");
        assert_eq!(
            nav("speeches/page/2/index.html", "/speeches/"),
            "true",
            "{theme}"
        );
        assert_eq!(
            nav("speeches/d1/index.html", "/speeches/"),
            "true",
            "{theme}"
        );
        assert_eq!(nav("archive/index.html", "/archive/"), "page", "{theme}");
        assert_eq!(nav("speeches/d1/index.html", "/archive/"), "", "{theme}");
        assert!(
            s.read("speeches/page/2/index.html")
                .contains("<span class=\"current\" aria-current=\"page\">2</span>"),
            "{theme}: the pager marks page 2"
        );
    }
}

/// The navigation is made once per depth and current entry: each page still gets its own
/// links and marks, relative from every depth and under a sub-path, taxonomies included.
#[test]
fn navigation_links_and_marks_from_every_depth() {
    let s = Site::new("title: 导航\npaginate: 1\n");
    for i in 1..=2 {
        s.doc(
            &format!("speeches/d{i}.md"),
            &format!("title: 讲话{i}\ndate: 2023-09-0{i}\ntags: [调研]"),
            "正文。\n",
        );
    }
    s.doc("guides/g.md", "title: 辅导\ndate: 2023-09-03", "正文。\n");
    // (href, aria-current) of each entry of the page's navigation.
    let entries = |rel: &str| -> Vec<(String, String)> {
        let html = s.read(rel);
        let nav = html.split_once("aria-label=\"主导航\"").unwrap().1;
        let nav = nav.split_once("</nav>").unwrap().0;
        nav.split("<a href=\"")
            .skip(1)
            .map(|a| {
                let href = a.split('"').next().unwrap().to_string();
                let current = a
                    .split_once("aria-current=\"")
                    .filter(|(before, _)| !before.contains('>'))
                    .map(|(_, v)| v.split('"').next().unwrap().to_string())
                    .unwrap_or_default();
                (href, current)
            })
            .collect()
    };
    let marked = |rel: &str| -> Vec<(String, String)> {
        entries(rel)
            .into_iter()
            .filter(|(_, c)| !c.is_empty())
            .collect()
    };
    let pair = |h: &str, c: &str| (h.to_string(), c.to_string());
    s.build_ok(&["--relative-urls"]);
    for (page, up) in [
        ("index.html", ""),
        ("speeches/index.html", "../"),
        ("speeches/d1/index.html", "../../"),
        ("speeches/page/2/index.html", "../../../"),
        ("tags/diao-yan/index.html", "../../"),
        ("404.html", ""),
    ] {
        let hrefs: Vec<String> = entries(page).into_iter().map(|(h, _)| h).collect();
        for want in [
            "index.html",
            "speeches/index.html",
            "guides/index.html",
            "tags/index.html",
        ] {
            assert!(
                hrefs.contains(&format!("{up}{want}")),
                "{page}: {want} in {hrefs:?}"
            );
        }
        assert_eq!(
            hrefs.last(),
            Some(&format!("{up}archive/index.html")),
            "{page}"
        );
        assert!(
            hrefs
                .iter()
                .all(|h| h.starts_with(up) && h.ends_with("index.html")),
            "{page}: {hrefs:?}"
        );
    }
    assert_eq!(marked("index.html"), [pair("index.html", "page")]);
    assert_eq!(
        marked("speeches/d1/index.html"),
        [pair("../../speeches/index.html", "true")]
    );
    assert_eq!(
        marked("guides/g/index.html"),
        [pair("../../guides/index.html", "true")]
    );
    assert_eq!(
        marked("tags/diao-yan/index.html"),
        [pair("../../tags/index.html", "true")]
    );
    assert_eq!(
        marked("tags/index.html"),
        [pair("../tags/index.html", "page")]
    );
    assert_eq!(marked("404.html"), []);
    // Root-absolute under a sub-path: the same entries, one form from every depth.
    s.build_ok(&["--base-url", "/zt/"]);
    for page in [
        "index.html",
        "speeches/d2/index.html",
        "tags/diao-yan/index.html",
    ] {
        let hrefs: Vec<String> = entries(page).into_iter().map(|(h, _)| h).collect();
        for want in [
            "/zt/",
            "/zt/speeches/",
            "/zt/guides/",
            "/zt/tags/",
            "/zt/archive/",
        ] {
            assert!(
                hrefs.contains(&want.to_string()),
                "{page}: {want} in {hrefs:?}"
            );
        }
        assert!(
            hrefs.iter().all(|h| h.starts_with("/zt/")),
            "{page}: {hrefs:?}"
        );
    }
    assert_eq!(
        marked("speeches/d2/index.html"),
        [pair("/zt/speeches/", "true")]
    );
}
