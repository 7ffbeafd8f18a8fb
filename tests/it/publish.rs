//! `huibian publish`: releases with hard links, an atomic switch watched by a reader, rollback,
//! pruning, and the published site served by a real nginx under a sub-path.

use crate::common::{run, Site};
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

fn publish(site: &Site, to: &Path, args: &[&str]) -> String {
    let o = run(&[
        &[
            "publish",
            "--root",
            site.root().to_str().unwrap(),
            "--to",
            to.to_str().unwrap(),
        ],
        args,
    ]
    .concat());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "publish failed:\n{stderr}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn site() -> Site {
    let s = Site::new("title: 发布\n");
    s.doc(
        "speeches/a.md",
        "title: 甲\ndate: 2023-09-01\ntags: [动员部署]",
        "正文甲。\n",
    );
    s.doc("guides/b.md", "title: 乙\ndate: 2023-09-02", "正文乙。\n");
    s
}

fn current(to: &Path) -> String {
    fs::read_link(to.join("current"))
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string()
}

#[test]
fn releases_share_unchanged_files_switch_atomically_and_roll_back() {
    let s = site();
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("zhutijiaoyu");
    let out = publish(&s, &to, &[]);
    assert!(out.contains("pages added"), "{out}");
    let first = current(&to);
    let first_page = to
        .join("releases")
        .join(&first)
        .join("speeches/a/index.html");
    assert!(first_page.is_file());

    // A reader polls two pages through `current` for the whole second publish.
    let stop = Arc::new(AtomicBool::new(false));
    let (reads, misses) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let reader = {
        let (stop, reads, misses, cur) = (
            stop.clone(),
            reads.clone(),
            misses.clone(),
            to.join("current"),
        );
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                for p in ["index.html", "guides/b/index.html"] {
                    match fs::read(cur.join(p)) {
                        Ok(b) if !b.is_empty() => reads.fetch_add(1, Ordering::Relaxed),
                        _ => misses.fetch_add(1, Ordering::Relaxed),
                    };
                }
            }
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(1100));
    s.doc(
        "speeches/a.md",
        "title: 甲\ndate: 2023-09-01\ntags: [动员部署]",
        "改过的正文甲。\n",
    );
    let out = publish(&s, &to, &[]);
    stop.store(true, Ordering::Relaxed);
    reader.join().unwrap();
    assert!(
        reads.load(Ordering::Relaxed) > 100,
        "the reader did not run"
    );
    assert_eq!(
        misses.load(Ordering::Relaxed),
        0,
        "a reader saw a missing page during the switch"
    );
    assert!(
        out.contains("1 updated") || out.contains("updated"),
        "{out}"
    );
    assert!(out.contains("~ speeches/a/index.html"), "{out}");
    let second = current(&to);
    assert_ne!(first, second);
    let r2 = to.join("releases").join(&second);
    assert!(fs::read_to_string(r2.join("speeches/a/index.html"))
        .unwrap()
        .contains("改过的正文甲"));
    // Unchanged files are the same file (hard link), changed ones are not.
    let ino = |p: PathBuf| fs::metadata(p).unwrap().ino();
    let r1 = to.join("releases").join(&first);
    assert_eq!(
        ino(r1.join("guides/b/index.html")),
        ino(r2.join("guides/b/index.html"))
    );
    assert_eq!(ino(r1.join("style.css")), ino(r2.join("style.css")));
    assert_ne!(
        ino(r1.join("speeches/a/index.html")),
        ino(r2.join("speeches/a/index.html"))
    );

    // Rollback restores the previous pages.
    let o = run(&["publish", "--to", to.to_str().unwrap(), "--rollback"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(current(&to), first);
    assert!(fs::read_to_string(to.join("current/speeches/a/index.html"))
        .unwrap()
        .contains("正文甲"));
    assert!(
        !fs::read_to_string(to.join("current/speeches/a/index.html"))
            .unwrap()
            .contains("改过")
    );
    let o = run(&["publish", "--to", to.to_str().unwrap(), "--list"]);
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(
        list.contains(&format!("* {first}  2 documents")) && list.contains(&second),
        "{list}"
    );

    // --dry-run changes nothing; --keep prunes the oldest releases, never the current one.
    let before = fs::read_dir(to.join("releases")).unwrap().count();
    let dry = publish(&s, &to, &["--dry-run"]);
    assert!(dry.contains("would publish"), "{dry}");
    assert_eq!(fs::read_dir(to.join("releases")).unwrap().count(), before);
    for _ in 0..3 {
        std::thread::sleep(std::time::Duration::from_millis(1000));
        publish(&s, &to, &["--keep", "2"]);
    }
    let names: Vec<String> = fs::read_dir(to.join("releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&current(&to)));
}

#[test]
fn a_failed_build_publishes_nothing() {
    let s = site();
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("site");
    publish(&s, &to, &[]);
    let cur = current(&to);
    s.doc("guides/c.md", "title: 丙\ndate: 不是日期", "正文。\n");
    let o = run(&[
        "publish",
        "--root",
        s.root().to_str().unwrap(),
        "--to",
        to.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert_eq!(current(&to), cur);
    let entries: Vec<String> = fs::read_dir(to.join("releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(entries, [cur], "a half-built release was left behind");
}

// ---- nginx -------------------------------------------------------------------------------

fn nginx() -> Option<PathBuf> {
    let found = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install nginx (apt-get install -y nginx)"
        );
        eprintln!("SKIPPED: no nginx on this machine (apt-get install nginx)");
    }
    found
}

/// GET over HTTP/1.0: (status, headers, body). Non-ASCII bytes of the path are percent-encoded.
fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut target = String::new();
    for b in path.bytes() {
        if b.is_ascii_graphic() {
            target.push(b as char);
        } else {
            target.push_str(&format!("%{b:02X}"));
        }
    }
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(all.len());
    let head = String::from_utf8_lossy(&all[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head, all[(split + 4).min(all.len())..].to_vec())
}

/// A link resolved against the page it is on, as a browser does.
fn join(page: &str, link: &str) -> String {
    if link.starts_with('/') {
        return link.to_string();
    }
    let mut parts: Vec<&str> = page[..page.rfind('/').unwrap_or(0)].split('/').collect();
    for seg in link.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn nginx_serves_the_published_sample_under_a_sub_path_with_every_link_working() {
    let Some(nginx) = nginx() else { return };
    let www = tempfile::tempdir().unwrap();
    let to = www.path().join("zhutijiaoyu");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}/zhutijiaoyu/");
    let o = run(&[
        "publish",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--to",
        to.to_str().unwrap(),
        "--base-url",
        &base,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // The configuration docs/deploy.md gives, on a loopback port.
    let prefix = www.path().join("nginx");
    fs::create_dir_all(prefix.join("logs")).unwrap();
    let deploy =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy.md")).unwrap();
    let location = deploy
        .split("```nginx\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("docs/deploy.md has an nginx block")
        .replace("/srv/www/zhutijiaoyu", to.to_str().unwrap());
    let conf = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {p}/nginx.pid;\nerror_log {p}/logs/error.log;\nevents {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n\
         client_body_temp_path {p}/body; proxy_temp_path {p}/proxy; fastcgi_temp_path {p}/fastcgi; uwsgi_temp_path {p}/uwsgi; scgi_temp_path {p}/scgi;\n\
         server {{\n  listen 127.0.0.1:{port};\n{location}\n}}\n}}\n",
        p = prefix.display()
    );
    fs::write(prefix.join("nginx.conf"), &conf).unwrap();
    let mut child = std::process::Command::new(&nginx)
        .args([
            "-p",
            prefix.to_str().unwrap(),
            "-c",
            prefix.join("nginx.conf").to_str().unwrap(),
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _guard = {
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut err)
                    .unwrap();
                panic!("nginx exited ({status}):\n{err}\n{conf}");
            }
            assert!(started.elapsed().as_secs() < 10, "nginx did not start");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Kill(child)
    };

    // Crawl from the home page: every link, stylesheet, script, image and attachment answers.
    let mut seen = std::collections::BTreeSet::new();
    // The search page is reached through the search form, not a link.
    let mut todo = vec![
        "/zhutijiaoyu/".to_string(),
        "/zhutijiaoyu/search/".to_string(),
    ];
    let mut failures = Vec::new();
    while let Some(path) = todo.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let (status, head, body) = get(port, &path);
        if status != 200 {
            failures.push(format!("{status} {path}"));
            continue;
        }
        if !head
            .to_ascii_lowercase()
            .contains("content-type: text/html")
        {
            continue;
        }
        assert!(
            head.to_ascii_lowercase().contains("charset=utf-8"),
            "{path}: {head}"
        );
        let html = String::from_utf8_lossy(&body);
        for link in crate::common::attr_values(&html, "href")
            .into_iter()
            .chain(crate::common::attr_values(&html, "src"))
        {
            let link = link.replace("&amp;", "&");
            let link = link
                .strip_prefix(&format!("http://127.0.0.1:{port}"))
                .unwrap_or(&link)
                .to_string();
            if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let clean = link.split(['#', '?']).next().unwrap().to_string();
            if clean.is_empty() {
                continue;
            }
            let target = join(&path, &huibian::site::urls::percent_decode(&clean));
            assert!(
                target.starts_with("/zhutijiaoyu/"),
                "{path}: a link outside the sub-path: {link}"
            );
            todo.push(target);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(seen.len() > 45, "crawled only {} paths", seen.len());
    for must in [
        "/zhutijiaoyu/search.js",
        "/zhutijiaoyu/style.css",
        "/zhutijiaoyu/speeches/dongyuan-bushu/huiyi-yicheng.pdf",
    ] {
        assert!(seen.contains(must), "{must} not reached: {seen:#?}");
    }
    // The search index is loaded by script, not linked: every file of it answers too.
    let index: Vec<String> = walkdir::WalkDir::new(to.join("current/search"))
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(to.join("current")).unwrap();
            format!("/zhutijiaoyu/{}", rel.to_string_lossy())
        })
        .collect();
    assert!(
        index.iter().any(|p| p.ends_with("/meta.js")) && index.len() > 10,
        "{index:?}"
    );
    for p in &index {
        let (status, head, _) = get(port, p);
        assert_eq!(status, 200, "{p}");
        assert!(
            !p.ends_with(".js") || head.contains("javascript"),
            "{p}: {head}"
        );
    }
    // A missing page gets the site's own 404 page, with status 404.
    let (status, _, body) = get(port, "/zhutijiaoyu/no/such/page/");
    assert_eq!(status, 404);
    let ours = fs::read(to.join("current/404.html")).unwrap();
    assert_eq!(body, ours);
}
