//! huibian serve, as an editor uses it: the server runs on a free loopback port, files are saved
//! the ways editors save them, and the served pages, the reload channel and the error box are
//! checked; the served tree must equal a fresh `build --drafts`.

use crate::common::{built, run, Site};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct Preview {
    child: Child,
    pub port: u16,
    /// What serve says on stderr, line by line.
    pub log: mpsc::Receiver<String>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Preview {
    pub fn start(root: &Path, args: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_huibian"))
            .env("HUIBIAN_LANG", "en")
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (log_tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = log_tx.send(line);
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("serve printed its URL");
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        Preview { child, port, log }
    }

    pub fn get(&self, path: &str) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(raw.len());
        let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = headers
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        Reply {
            status,
            headers,
            body: raw.get(split + 4..).unwrap_or(&[]).to_vec(),
        }
    }

    /// Polls `path` until `ok` holds for its text (10 s at most).
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{path}: never {what}; last reply {}:\n{}",
                r.status,
                r.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The reload messages the server sends, as they arrive.
    pub fn reloads(&self) -> mpsc::Receiver<String> {
        self.reloads_of("")
    }

    /// The reload messages of a page open at `page` (the stream names it, as live.js does).
    pub fn reloads_of(&self, page: &str) -> mpsc::Receiver<String> {
        let (tx, rx) = mpsc::channel();
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let query = if page.is_empty() {
            String::new()
        } else {
            format!("?page={page}")
        };
        write!(
            s,
            "GET /__huibian/events{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if line.starts_with("event: reload") && tx.send(line).is_err() {
                    break;
                }
            }
        });
        std::thread::sleep(Duration::from_millis(200));
        rx
    }
}

fn has(text: &'static str) -> impl Fn(&Reply) -> bool {
    move |r| r.status == 200 && r.text().contains(text)
}

fn site() -> Site {
    let s = Site::new("title: 预览测试\n");
    s.doc(
        "a/x.md",
        "title: 原标题\ndate: 2023-09-01\ntags: [调查研究]",
        "第一版正文。\n",
    );
    s.doc(
        "a/y.md",
        "title: 另一篇\ndate: 2023-09-02\ntags: [调查研究]",
        "另一篇正文，链接到[原文](x.md)。\n",
    );
    s.doc(
        "a/draft.md",
        "title: 草稿一篇\ndate: 2023-09-03\ndraft: true",
        "未定稿。\n",
    );
    s
}

#[test]
fn edits_show_up_and_pages_are_told_to_reload() {
    let s = site();
    let p = Preview::start(s.root(), &[]);
    let page = p.wait_for("/a/x/", "served", has("第一版正文"));
    assert!(
        page.text()
            .contains("<script src=\"/__huibian/live.js\"></script></body>"),
        "reload script injected"
    );
    let reloads = p.reloads();
    s.doc(
        "a/x.md",
        "title: 原标题\ndate: 2023-09-01\ntags: [调查研究]",
        "第二版正文。\n",
    );
    p.wait_for("/a/x/", "updated", has("第二版正文"));
    assert!(
        reloads.recv_timeout(Duration::from_secs(5)).is_ok(),
        "a reload message arrived"
    );
    // Drafts are shown in serve, with the badge.
    assert!(p.get("/a/draft/").text().contains("class=\"badge\">草稿"));
    // The same site built by `build` has no reload script.
    s.build_ok(&[]);
    assert!(!s.read("a/x/index.html").contains("live.js"));
}

#[test]
fn editor_save_patterns_are_all_seen() {
    let s = site();
    let p = Preview::start(s.root(), &[]);
    p.wait_for("/a/x/", "served", has("第一版正文"));
    let file = s.root().join("content/a/x.md");
    let doc = |body: &str| {
        format!("---\ntitle: 原标题\ndate: 2023-09-01\ntags: [调查研究]\n---\n{body}\n")
    };
    // Atomic save: write a temporary file, rename it over the original.
    let tmp = s.root().join("content/a/.x.md.swp");
    std::fs::write(&tmp, doc("原子保存的正文。")).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    p.wait_for("/a/x/", "atomic rename", has("原子保存的正文"));
    // vim: probe file 4913, original renamed to a backup, new file written, backup removed.
    let probe = s.root().join("content/a/4913");
    std::fs::write(&probe, "").unwrap();
    std::fs::remove_file(&probe).unwrap();
    let backup = s.root().join("content/a/x.md~");
    std::fs::rename(&file, &backup).unwrap();
    std::fs::write(&file, doc("vim 保存的正文。")).unwrap();
    std::fs::remove_file(&backup).unwrap();
    p.wait_for("/a/x/", "vim-style save", has("vim 保存的正文"));
    // Truncate, then write in two pieces.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&file)
        .unwrap();
    let text = doc("截断后分两次写入的正文。");
    let (a, b) = text.as_bytes().split_at(text.len() / 2);
    f.write_all(a).unwrap();
    f.flush().unwrap();
    std::thread::sleep(Duration::from_millis(5));
    f.write_all(b).unwrap();
    drop(f);
    p.wait_for(
        "/a/x/",
        "write-then-truncate",
        has("截断后分两次写入的正文"),
    );
    // A burst of saves: the last one wins.
    for i in 0..15 {
        std::fs::write(&file, doc(&format!("连续保存第{i}次。"))).unwrap();
    }
    p.wait_for("/a/x/", "the last of a burst", has("连续保存第14次"));
    // No swap file ever shows up in the site.
    let files = p.get("/__huibian/files").text();
    assert!(
        !files.contains("swp") && !files.contains("4913") && !files.contains('~'),
        "{files}"
    );
}

#[test]
fn documents_created_deleted_and_folders_renamed() {
    let s = site();
    let p = Preview::start(s.root(), &[]);
    p.wait_for("/a/x/", "served", has("第一版正文"));
    s.doc(
        "a/new.md",
        "title: 新建的一篇\ndate: 2023-10-01",
        "新建。\n",
    );
    p.wait_for("/a/new/", "created", has("新建。"));
    p.wait_for("/a/", "listed", has("新建的一篇"));
    std::fs::remove_file(s.root().join("content/a/new.md")).unwrap();
    p.wait_for("/a/new/", "deleted", |r| r.status == 404);
    p.wait_for("/a/", "unlisted", |r| {
        r.status == 200 && !r.text().contains("新建的一篇")
    });
    std::fs::rename(s.root().join("content/a"), s.root().join("content/b")).unwrap();
    p.wait_for("/b/x/", "moved folder", has("第一版正文"));
    assert_eq!(p.get("/a/x/").status, 404);
}

#[test]
fn a_bad_edit_shows_the_error_keeps_the_last_good_site_and_recovers() {
    let s = site();
    let p = Preview::start(s.root(), &[]);
    p.wait_for("/a/x/", "served", has("第一版正文"));
    let reloads = p.reloads();
    s.write(
        "content/a/x.md",
        "---\ntitle: [没有闭合\ndate: 2023-09-01\n---\n改坏的正文。\n",
    );
    let bad = p.wait_for("/a/x/", "an error box", has("构建出错"));
    // As the editor reads it: the box's text is escaped as the templates escape (`'` too).
    let text = crate::common::visible_text(&bad.text());
    assert!(
        text.contains(
            "content/a/x.md:3:5: did not find expected ',' or ']', while parsing a flow sequence"
        ),
        "file, line and message in the box: {text}"
    );
    assert!(
        text.contains("第一版正文") && !text.contains("改坏的正文"),
        "the last good page stays"
    );
    assert!(
        reloads.recv_timeout(Duration::from_secs(5)).is_ok(),
        "the page is told to show the error"
    );
    s.write(
        "content/a/x.md",
        "---\ntitle: 改好了\ndate: 2023-09-01\n---\n修好的正文。\n",
    );
    let good = p.wait_for("/a/x/", "recovered", has("修好的正文"));
    assert!(!good.text().contains("huibian-error"));
    // A template error, then its fix.
    s.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.nope }}{% endblock content %}",
    );
    let bad = p.wait_for("/a/x/", "a template error", has("构建出错"));
    assert!(
        bad.text().contains("templates/page.html:1:"),
        "{}",
        bad.text()
    );
    std::fs::remove_file(s.root().join("templates/page.html")).unwrap();
    p.wait_for("/a/x/", "template fixed", |r| {
        r.status == 200 && !r.text().contains("huibian-error")
    });
    // A broken link is an error too.
    s.doc(
        "a/y.md",
        "title: 另一篇\ndate: 2023-09-02",
        "链接到[不存在](nope.md)。\n",
    );
    let bad = p.wait_for("/a/y/", "a broken link", has("构建出错"));
    assert!(bad.text().contains("link to a missing document"));
    // The same error from the quick path (a body edit, front matter unchanged) says what to do
    // as build does.
    std::fs::remove_file(s.root().join("content/a/y.md")).unwrap();
    p.wait_for("/a/x/", "link error gone", |r| {
        r.status == 200 && !r.text().contains("huibian-error")
    });
    s.write(
        "content/a/x.md",
        "---\ntitle: 改好了\ndate: 2023-09-01\n---\n修好的正文，链接到[不存在](gone.md)。\n",
    );
    let bad = p.wait_for("/a/x/", "a broken link typed", has("构建出错"));
    assert!(
        bad.text().contains("gone.md") && bad.text().contains("fix the path"),
        "{}",
        bad.text()
    );
}

#[test]
fn served_tree_equals_a_fresh_build_after_edits() {
    let s = site();
    // Navigation order (weight) differs from name order: serve and build must agree on both.
    s.write(
        "content/a/_index.md",
        "---\ntitle: 甲栏目\nweight: 5\n---\n",
    );
    s.write(
        "content/a/bundle/index.md",
        "---\ntitle: 附件\ndate: 2023-08-01\n---\n见附件。\n",
    );
    s.write("content/a/bundle/plan.pdf", "%PDF fake");
    // Enough pages that a template edit's background work lasts while the next edit comes.
    for i in 0..80 {
        s.doc(
            &format!("b/n{i:02}.md"),
            &format!(
                "title: 填充{i}\ndate: 2023-07-{:02}\ntags: [调查研究]",
                1 + i % 28
            ),
            "填充正文。\n",
        );
    }
    let p = Preview::start(s.root(), &[]);
    p.wait_for("/a/x/", "served", has("第一版正文"));
    let steps: Vec<Box<dyn Fn()>> = vec![
        Box::new(|| {
            s.doc(
                "a/x.md",
                "title: 原标题\ndate: 2023-09-01\ntags: [调查研究]",
                "正文改了。\n",
            );
        }),
        Box::new(|| {
            s.doc(
                "a/x.md",
                "title: 标题也改了\ndate: 2023-12-01\ntags: [整改落实]",
                "正文又改了。\n",
            );
        }),
        Box::new(|| {
            s.doc(
                "c/z.md",
                "title: 新栏目新文档\ndate: 2024-01-01",
                "新栏目。\n",
            );
        }),
        Box::new(|| {
            std::fs::remove_file(s.root().join("content/a/y.md")).unwrap();
        }),
        Box::new(|| {
            s.write("content/a/bundle/notes.txt", "新附件");
        }),
        Box::new(|| {
            s.write("static/extra.css", "body{}");
        }),
        Box::new(|| {
            s.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<p>自定义404</p>{% endblock content %}");
        }),
        // Theme-only changes: the site model is kept, every page rendered with the new theme.
        Box::new(|| {
            s.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1 class=\"mine\">{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}");
        }),
        Box::new(|| {
            s.write("static/extra.css", "body{color:red}");
        }),
        Box::new(|| {
            std::fs::remove_file(s.root().join("templates/404.html")).unwrap();
        }),
        // Front matter (title, date, tags) and a template in quick succession: the second
        // while the first's pages are rendered in the background.
        Box::new(|| {
            s.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1 class=\"first\">{{ page.title }}</h1>{% endblock content %}");
            std::thread::sleep(Duration::from_millis(60));
            s.doc(
                "b/n05.md",
                "title: 填充改名\ndate: 2022-01-01\ntags: [另一标签]",
                "填充正文。\n",
            );
            std::thread::sleep(Duration::from_millis(40));
            s.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1 class=\"second\">{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}");
        }),
        Box::new(|| {
            s.write("config.yaml", "title: 改过的站名\npaginate: 1\n");
        }),
    ];
    for (i, step) in steps.iter().enumerate() {
        step();
        std::thread::sleep(Duration::from_millis(400));
        assert_serves_the_build(&p, s.root(), &format!("step {i}"));
    }
}

/// Waits (10 s at most) until `p` serves exactly what `build --drafts --base-url /` of `root`
/// writes: the same files, byte for byte but for the reload script.
pub fn assert_serves_the_build(p: &Preview, root: &Path, after: &str) {
    let fresh = tempfile::tempdir().unwrap();
    let out = fresh.path().join("b");
    let o = run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--drafts",
        "--base-url",
        "/",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let want = built(&out);
    let start = Instant::now();
    loop {
        let listed: Vec<String> = p
            .get("/__huibian/files")
            .text()
            .lines()
            .map(str::to_string)
            .collect();
        let same_set = listed.len() == want.len()
            && want
                .keys()
                .all(|k| listed.contains(&k.to_string_lossy().replace('\\', "/")));
        let diff: Vec<String> = if same_set {
            want.iter()
                .filter(|(k, v)| {
                    let body = p.get(&format!("/{}", k.to_string_lossy())).body;
                    let body = String::from_utf8_lossy(&body)
                        .replace("<script src=\"/__huibian/live.js\"></script>", "");
                    body.as_bytes() != v.as_slice()
                })
                .map(|(k, _)| k.display().to_string())
                .collect()
        } else {
            vec![format!(
                "served {} files, build has {}: {listed:?}",
                listed.len(),
                want.len()
            )]
        };
        if diff.is_empty() {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "after {after}, served ≠ build: {diff:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn http_behaviour_types_404_traversal_and_folders() {
    let s = site();
    let p = Preview::start(s.root(), &[]);
    p.wait_for("/a/x/", "served", has("第一版正文"));
    let css = p.get("/style.css");
    assert!(
        css.headers
            .to_lowercase()
            .contains("content-type: text/css; charset=utf-8"),
        "{}",
        css.headers
    );
    assert!(css
        .headers
        .to_lowercase()
        .contains("x-content-type-options: nosniff"));
    let page = p.get("/a/x/");
    assert!(page
        .headers
        .to_lowercase()
        .contains("content-type: text/html; charset=utf-8"));
    let missing = p.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("页面不存在"), "the site's 404.html");
    let folder = p.get("/a/x");
    assert_eq!(folder.status, 301);
    assert!(folder.headers.contains("/a/x/"));
    for bad in [
        "/../config.yaml",
        "/%2e%2e/config.yaml",
        "/a/%2e%2e/%2e%2e/config.yaml",
        "/a%5c..%5cconfig.yaml",
    ] {
        let r = p.get(bad);
        assert!(r.status == 400 || r.status == 404, "{bad}: {}", r.status);
        assert!(
            !r.text().contains("预览测试\n") && !r.text().contains("title:"),
            "{bad} leaked a file"
        );
    }
}

#[test]
fn a_taken_port_moves_to_the_next_and_drafts_can_be_hidden() {
    let s = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_huibian"))
        .env("HUIBIAN_LANG", "en")
        .args([
            "serve",
            "--root",
            s.root().to_str().unwrap(),
            "--port",
            &port.to_string(),
            "--drafts",
            "false",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let mut err = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut err);
    let _ = child.wait();
    assert!(
        err.contains(&format!("port {port} is in use; trying {}", port + 1)),
        "{err}"
    );
    assert!(
        line.contains("drafts hidden") && !line.contains(&format!(":{port}/")),
        "{line}"
    );
}

/// An error elsewhere stays in the page until it is fixed: saving a document (the quick path
/// for body edits) or a template (the quick path for the theme) must not hide a broken
/// config.yaml, and once the config is fixed the edits made meanwhile are all there.
#[test]
fn an_error_stays_shown_while_other_files_are_edited() {
    let s = site();
    s.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ page.title }}</p>{{ page.content | safe }}{% endblock content %}");
    let p = Preview::start(s.root(), &[]);
    p.wait_for("/a/x/", "served", has("第一版正文"));
    s.write("config.yaml", "title: [未闭合\n");
    p.wait_for("/a/x/", "the config error", has("构建出错"));
    // (Each edit is given time to be seen: the watcher waits for a quiet moment.)
    let still_broken = |what: &str| {
        std::thread::sleep(Duration::from_millis(1500));
        let r = p.get("/a/x/");
        let text = r.text();
        assert!(
            text.contains("构建出错") && text.contains("config.yaml"),
            "after {what}: {text}"
        );
        assert!(text.contains("第一版正文"), "the last good page: {text}");
    };
    s.doc(
        "a/x.md",
        "title: 原标题\ndate: 2023-09-01\ntags: [调查研究]",
        "第二版正文。\n",
    );
    still_broken("a body edit");
    s.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"mine2\">{{ page.title }}</p>{{ page.content | safe }}{% endblock content %}");
    still_broken("a template edit");
    s.write("config.yaml", "title: 预览测试\n");
    let r = p.wait_for("/a/x/", "fixed", |r| {
        r.status == 200 && !r.text().contains("huibian-error")
    });
    assert!(
        r.text().contains("第二版正文") && r.text().contains("mine2"),
        "{}",
        r.text()
    );
}
