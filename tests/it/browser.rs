//! Pages in a real browser: headless Chromium opens the relative-URL build from file:// and a
//! harness page reports what a reader would get (the stylesheet applied, Chinese text joined,
//! no horizontal scrolling on a phone, the table of contents present).

use crate::pages::fixture;
use std::path::Path;
use std::process::Command;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Loads each page in an iframe of `width` px and returns the harness's report.
fn report(browser: &str, root: &Path, pages: &[&str], width: u32) -> String {
    let frames: String = pages
        .iter()
        .map(|p| format!("<iframe src=\"{p}\" width=\"{width}\" height=\"800\"></iframe>"))
        .collect();
    let harness = format!(
        r#"<!DOCTYPE html><meta charset="utf-8"><pre id="result">pending</pre>{frames}
<script>
window.addEventListener('load', () => {{
  const out = [];
  for (const f of document.querySelectorAll('iframe')) {{
    const d = f.contentDocument;
    const header = d.querySelector('.site-header');
    out.push([
      f.getAttribute('src'),
      'title=' + d.title,
      'bg=' + (header ? getComputedStyle(header).backgroundColor : 'none'),
      'hscroll=' + (d.documentElement.scrollWidth > d.documentElement.clientWidth),
      'toc=' + !!d.querySelector('nav.toc'),
      'text=' + d.body.innerText.replace(/\s+/g, ' ').slice(0, 4000),
    ].join('\n'));
  }}
  document.getElementById('result').textContent = out.join('\n=====\n');
}});
</script>"#
    );
    let path = root.join("harness.html");
    std::fs::write(&path, harness).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", path.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    let start = dom
        .find("<pre id=\"result\">")
        .map_or(0, |i| i + "<pre id=\"result\">".len());
    let end = dom[start..].find("</pre>").map_or(dom.len(), |i| start + i);
    dom[start..end].to_string()
}

#[test]
fn pages_render_in_chromium_from_file_urls() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (apt-get install -y chromium)"
        );
        eprintln!("SKIPPED: no chromium on this machine (apt-get install chromium)");
        return;
    };
    let s = fixture();
    s.doc(
        "speeches/wrap.md",
        "title: 折行\ndate: 2023-09-09",
        "学习\n贯彻，这是一段很长的中文段落，用来检查手机屏幕上不会出现横向滚动条的情况。\n",
    );
    s.build_ok(&["--relative-urls"]);
    let pages = [
        "index.html",
        "speeches/s1/index.html",
        "speeches/wrap/index.html",
        "tags/diao-cha-yan-jiu/index.html",
    ];
    for width in [390, 1366] {
        let r = report(browser, &s.out(), &pages, width);
        let sections: Vec<&str> = r.split("=====").collect();
        assert_eq!(
            sections.len(),
            pages.len(),
            "harness did not report at {width}px:\n{r}"
        );
        for (page, sec) in pages.iter().zip(&sections) {
            assert!(
                sec.contains("bg=rgb(164, 22, 26)"),
                "{page} at {width}px: stylesheet not applied\n{sec}"
            );
            assert!(
                sec.contains("hscroll=false"),
                "{page} at {width}px scrolls sideways\n{sec}"
            );
            assert!(
                sec.contains("主导航") || sec.contains("首页"),
                "{page}: no navigation\n{sec}"
            );
        }
        assert!(sections[1].contains("toc=true") && sections[1].contains("一、总体要求"));
        assert!(
            sections[2].contains("学习贯彻，这是"),
            "soft break joined in the rendered text:\n{}",
            sections[2]
        );
        assert!(sections[0].contains("测试汇编") && sections[0].contains("最新材料"));
    }
}
