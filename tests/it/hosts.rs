//! serve answers only to names this machine owns: a page that rebinds its own name to 127.0.0.1
//! (DNS rebinding) gets 403 on every path, the reload stream included, and so does a page of
//! another site reading the stream; loopback names, IP literals and --allowed-host names pass.
//! Raw HTTP requests to the binary on a free port, with the Host values attackers use.

use crate::common::{run, Site};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    port: u16,
    /// What serve printed on stdout before the first request.
    said: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `huibian serve` on a free port; reads the port from the `at http://ADDR:PORT/` line.
    fn start(root: &std::path::Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_huibian"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let port = first
            .split(" at http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|a| a.rsplit(':').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no URL in {first:?}"));
        let mut said = first + "\n";
        if args.contains(&"0.0.0.0") {
            said += &lines.next().unwrap().unwrap();
        }
        Server { child, port, said }
    }

    /// Sends `request` as it is (`{port}` replaced); returns the status and the body. A reload
    /// stream never ends: its body is left unread.
    fn send(&self, request: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.replace("{port}", &self.port.to_string()).as_bytes())
            .unwrap();
        let mut raw = Vec::new();
        let mut buf = [0; 4096];
        loop {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => raw.extend_from_slice(&buf[..n]),
            }
            let text = String::from_utf8_lossy(&raw);
            if text.contains("\r\n\r\n") && text.contains("text/event-stream") {
                break;
            }
        }
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (status, body.to_string())
    }

    fn get(&self, path: &str, host: &str) -> (u16, String) {
        self.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }
}

fn site() -> Site {
    let s = Site::new("title: 主机测试\n");
    s.doc(
        "a/x.md",
        "title: 公开一篇\ndate: 2023-09-01",
        "公开正文。\n",
    );
    s.doc(
        "a/secret.md",
        "title: 未定稿\ndate: 2023-09-02\ndraft: true",
        "草稿正文，不该被别的网站读到。\n",
    );
    s
}

/// Every endpoint of serve, the reload stream and the fallback included.
const PATHS: &[&str] = &[
    "/",
    "/a/secret/",
    "/__huibian/files",
    "/__huibian/events",
    "/__huibian/live.js",
    "/no/such/page/",
    "/../etc/passwd",
];

#[test]
fn a_rebound_name_gets_403_on_every_path() {
    let s = site();
    let p = Server::start(s.root(), &[]);
    let bad = [
        "attacker.example",
        "ATTACKER.EXAMPLE",
        "attacker.example.",
        "attacker.example:{port}",
        "localhost.attacker.example",
        "127.0.0.1.nip.io:{port}",
        "localhost@attacker.example",
        "localhost:abc",
        "2130706433",
        "::1",
    ];
    for host in bad {
        for path in PATHS {
            let (status, body) = p.get(path, host);
            assert_eq!(status, 403, "Host {host}, {path}: {body}");
            assert!(!body.contains("草稿正文") && !body.contains("secret"));
            assert_eq!(body.trim_end().lines().count(), 1, "one line: {body}");
            assert!(body.contains("--allowed-host"), "says what to do: {body}");
        }
    }
    let (_, body) = p.get("/", "Attacker.Example.:{port}");
    assert!(
        body.contains("add --allowed-host attacker.example to the huibian serve command"),
        "{body}"
    );
    // Other methods are refused before routing (not 405).
    let (status, _) = p.send("POST / HTTP/1.1\r\nHost: attacker.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 403);
}

#[test]
fn loopback_names_and_ip_literals_are_answered() {
    let s = site();
    let p = Server::start(s.root(), &[]);
    let good = [
        "127.0.0.1",
        "127.0.0.1:{port}",
        "localhost",
        "LOCALHOST:{port}",
        "localhost.:{port}",
        "preview.localhost:{port}",
        "[::1]:{port}",
        "[::1]",
        // Another port (an ssh tunnel, a proxy): the name decides, not the port.
        "127.0.0.1:8080",
        "0.0.0.0:{port}",
    ];
    for host in good {
        let (status, body) = p.get("/a/secret/", host);
        assert_eq!(status, 200, "Host {host}: {body}");
        assert!(body.contains("草稿正文"));
        assert_eq!(p.get("/__huibian/events", host).0, 200, "{host}");
    }
}

#[test]
fn the_target_and_every_host_header_are_checked() {
    let s = site();
    let p = Server::start(s.root(), &[]);
    let cases = [
        // An absolute-form target overrides Host (RFC 9112 3.2.2).
        (
            "GET http://attacker.example/a/secret/ HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            403,
        ),
        (
            "GET http://127.0.0.1:{port}/a/secret/ HTTP/1.1\r\nHost: attacker.example\r\n",
            403,
        ),
        (
            "GET http://127.0.0.1:{port}/a/secret/ HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            200,
        ),
        (
            "GET /a/secret/ HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: attacker.example\r\n",
            403,
        ),
        (
            "CONNECT attacker.example:443 HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            403,
        ),
        // No Host at all: browsers always send one, so refusing costs nothing.
        ("GET /a/secret/ HTTP/1.0\r\n", 403),
    ];
    for (head, want) in cases {
        let (status, body) = p.send(&format!("{head}Connection: close\r\n\r\n"));
        assert_eq!(status, want, "{head:?}: {body}");
        if want == 403 {
            assert!(!body.contains("草稿正文"));
        }
    }
    let (_, body) = p.send("GET / HTTP/1.0\r\n\r\n");
    assert!(body.contains("names no host"), "{body}");
}

#[test]
fn another_sites_page_cannot_read_the_reload_stream() {
    let s = site();
    let p = Server::start(s.root(), &[]);
    let with_origin = |origin: &str| {
        p.send(&format!("GET /__huibian/events HTTP/1.1\r\nHost: 127.0.0.1:{{port}}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n"))
    };
    for origin in [
        "http://attacker.example",
        "https://localhost.attacker.example",
        "null",
        "file://",
    ] {
        let (status, body) = with_origin(origin);
        assert_eq!(status, 403, "Origin {origin}: {body}");
        assert!(body.contains("another site"), "{body}");
    }
    assert_eq!(with_origin("http://127.0.0.1:{port}").0, 200);
    assert_eq!(with_origin("http://localhost:{port}").0, 200);
}

#[test]
fn allowed_host_admits_the_machines_name_on_the_lan() {
    let s = site();
    let p = Server::start(
        s.root(),
        &["--bind", "0.0.0.0", "--allowed-host", "Desk-42.local"],
    );
    assert!(
        p.said.contains("add --allowed-host NAME"),
        "serve says how to allow a name: {}",
        p.said
    );
    assert_eq!(p.get("/a/x/", "desk-42.local:{port}").0, 200);
    assert_eq!(p.get("/a/x/", "192.168.1.20:{port}").0, 200);
    let (status, body) = p.get("/a/x/", "desk-43.local:{port}");
    assert_eq!(status, 403);
    assert!(body.contains("add --allowed-host desk-43.local"), "{body}");
}

#[test]
fn allowed_host_must_be_a_name_not_a_url() {
    let s = site();
    let out = run(&[
        "serve",
        "--root",
        s.root().to_str().unwrap(),
        "--port",
        "0",
        "--allowed-host",
        "http://desk-42/",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("--allowed-host") && err.contains("`http://desk-42/` is not a host name"),
        "{err}"
    );
    assert!(err.contains("--allowed-host desk-42.local"), "{err}");
}
