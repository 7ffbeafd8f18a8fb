//! The commands' output when its reader is gone: `huibian check | head -1`, `huibian build |
//! true`, `huibian publish --list | head -1` end quietly with the command's own exit code (they
//! panicked on EPIPE), a full disk is said in words, and serve keeps serving. And serve's
//! content types, path decoding and error-box escaping, done by crates now, as before.

use crate::common::Site;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A pipe whose reading end is already closed: the first write to it fails with EPIPE, so the
/// test does not race the command (as `| true` would).
fn gone() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer.into()
}

/// Runs huibian with stdout going to a reader that has gone; stderr captured.
fn to_gone_reader(args: &[&str]) -> (Option<i32>, String) {
    let out = huibian(args, gone(), Stdio::piped());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    (out.status.code(), stderr)
}

fn huibian(args: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_huibian"))
        .env("HUIBIAN_LANG", "en")
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A site of one clean document; the tests add the problems they need.
fn site() -> Site {
    let s = Site::new("title: 管道\n");
    s.doc("speeches/a.md", "title: 讲话\ndate: 2023-09-01", "正文。\n");
    s
}

#[test]
fn a_closed_stdout_ends_each_command_quietly_with_its_exit_code() {
    let s = site();
    let root = p(s.root());
    assert_eq!(to_gone_reader(&["build", "--root", root]).0, Some(0));
    assert_eq!(to_gone_reader(&["check", "--root", root]).0, Some(0));
    let www = tempfile::tempdir().unwrap();
    let to = p(www.path());
    assert_eq!(
        to_gone_reader(&["publish", "--root", root, "--to", to]).0,
        Some(0)
    );
    assert_eq!(
        to_gone_reader(&["publish", "--to", to, "--list"]).0,
        Some(0)
    );
    let zip = s.root().join("a.zip");
    let archived = ["archive", "--root", root, "--output", p(&zip)];
    assert_eq!(to_gone_reader(&archived).0, Some(0));
    assert_eq!(to_gone_reader(&["verify", p(&zip)]).0, Some(0));
    let new = ["new", "speeches", "新讲话", "--root", root];
    assert_eq!(to_gone_reader(&new).0, Some(0));
    let text = s.root().join("通知.txt");
    std::fs::write(&text, "关于开展学习的通知\n\n正文。\n").unwrap();
    let import = ["import", p(&text), "--root", root, "--dry-run"];
    assert_eq!(to_gone_reader(&import).0, Some(0));
    let fresh = s.root().join("fresh");
    assert_eq!(to_gone_reader(&["init", p(&fresh)]).0, Some(0));
}

#[test]
fn check_into_a_closed_pipe_keeps_exit_1_for_errors_and_2_for_strict_warnings() {
    let s = site();
    s.doc(
        "speeches/b.md",
        "title: 断链\ndate: 2023-09-02",
        "[没有](../nothing.md)\n",
    );
    let root = p(s.root());
    assert_eq!(to_gone_reader(&["check", "--root", root]).0, Some(1));
    let json = ["check", "--root", root, "--format", "json"];
    assert_eq!(to_gone_reader(&json).0, Some(1));
    let w = site();
    w.doc(
        "speeches/c.md",
        "title: 标点\ndate: 2023-09-03",
        "学习,贯彻。\n",
    );
    let strict = ["check", "--root", p(w.root()), "--strict"];
    assert_eq!(to_gone_reader(&strict).0, Some(2));
}

#[test]
fn a_failing_build_whose_stderr_reader_is_gone_exits_1_not_with_a_panic() {
    let s = site();
    s.doc(
        "speeches/b.md",
        "title: 断链\ndate: 2023-09-02",
        "[没有](../nothing.md)\n",
    );
    let out = huibian(&["build", "--root", p(s.root())], Stdio::null(), gone());
    assert_eq!(out.status.code(), Some(1), "a panic exits 101");
    let out = huibian(&["build", "--root", p(s.root())], gone(), gone());
    assert_eq!(out.status.code(), Some(1));
}

#[cfg(target_os = "linux")]
#[test]
fn stdout_on_a_full_disk_is_said_in_words_and_fails() {
    let s = site();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = huibian(
        &["build", "--root", p(s.root())],
        full.into(),
        Stdio::piped(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("standard output: cannot write: No space left on device"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        s.exists("speeches/a/index.html"),
        "the build itself was done"
    );
    // --quiet prints nothing, so there is nothing to fail.
    let quiet = ["build", "--root", p(s.root()), "--quiet"];
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    assert!(huibian(&quiet, full.unwrap().into(), Stdio::null())
        .status
        .success());
}

#[test]
fn serve_with_its_stdout_reader_gone_keeps_serving() {
    let s = site();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_huibian"))
        .env("HUIBIAN_LANG", "en")
        .args(["serve", "--root", p(s.root()), "--port", &port.to_string()])
        .stdout(gone())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let page = get(port, "/speeches/a/");
    let _ = child.kill();
    let mut stderr = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    let _ = child.wait();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(page.contains("讲话"), "{page}");
}

/// The reply (head and body) for `path`, once the preview answers 200 (it died at once when
/// println! panicked).
fn get(port: u16, path: &str) -> String {
    let start = Instant::now();
    loop {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            let ask =
                format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            let mut reply = String::new();
            let sent = s.write_all(ask.as_bytes()).is_ok();
            if sent && s.read_to_string(&mut reply).is_ok() && reply.starts_with("HTTP/1.1 200") {
                return reply;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the preview never answered on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(unix)]
#[test]
fn serve_types_decodes_and_escapes_as_before() {
    let s = site();
    s.write("static/说明.md", "# 说明\n");
    s.write("static/讲稿.pptx", "x");
    s.doc(
        "讲话/b.md",
        "title: 中文栏目\ndate: 2023-09-02",
        "中文路径的正文。\n",
    );
    let (mut child, port) = serve(&s);
    let page = get(port, "/%E8%AE%B2%E8%AF%9D/b/");
    assert!(page.contains("中文路径的正文"), "{page}");
    let md = get(port, "/%E8%AF%B4%E6%98%8E.md").to_lowercase();
    assert!(
        md.contains("content-type: text/plain; charset=utf-8"),
        "{md}"
    );
    let pptx = get(port, "/%E8%AE%B2%E7%A8%BF.pptx").to_lowercase();
    let pptx_type = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    assert!(pptx.contains(pptx_type), "{pptx}");
    // A file name that is markup, in a document with an error: the box shows it as text.
    s.doc(
        "speeches/<img src=x onerror=alert(1)>.md",
        "title: [没有闭合",
        "正文。\n",
    );
    let start = Instant::now();
    let boxed = loop {
        let page = get(port, "/speeches/a/");
        if page.contains("huibian-error") || start.elapsed() > Duration::from_secs(20) {
            break page;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        boxed.contains("&lt;img src=x onerror=alert(1)&gt;.md"),
        "{boxed}"
    );
    assert!(!boxed.contains("<img src=x"), "{boxed}");
}

/// The preview of `s` on a free port, its stdout's reader gone (it needs none).
fn serve(s: &Site) -> (std::process::Child, u16) {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let child = Command::new(env!("CARGO_BIN_EXE_huibian"))
        .env("HUIBIAN_LANG", "en")
        .args(["serve", "--root", p(s.root()), "--port", &port.to_string()])
        .stdout(gone())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    (child, port)
}

/// The lines a command writes to stderr while it runs (archive's progress) do not stop it when
/// their reader has gone.
#[test]
fn archive_goes_on_when_the_reader_of_its_progress_has_gone() {
    let s = crate::common::Site::new("title: 测试\n");
    s.doc("a/one.md", "title: 一\ndate: 2023-09-01", "正文。");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let zip = s.root().join("x.zip");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_huibian"))
        .env("HUIBIAN_LANG", "en")
        .args(["archive", "--root", s.root().to_str().unwrap(), "--output"])
        .arg(&zip)
        .stderr(writer)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(zip.is_file());
}
