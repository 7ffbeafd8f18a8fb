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
