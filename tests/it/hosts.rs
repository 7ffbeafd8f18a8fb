//! serve answers only to names this machine owns: a page that rebinds its own name to 127.0.0.1
//! (DNS rebinding) gets 403 on every path, the reload stream included, and so does a page of
//! another site reading the stream; loopback names, IP literals and --allowed-host names pass.
//! Raw HTTP requests to the binary on a free port, with the Host values attackers use.
//! Also (same issue, what a document can do to an output): control characters in a document
//! leave atom.xml and sitemap.xml well-formed, and `check` says where they are.

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
            .env("HUIBIAN_LANG", "en")
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

/// Parses `xml` with quick-xml (tags, references, attributes) and checks the Legal Char rule
/// it does not enforce: every character an XML 1.0 `Char`.
fn assert_well_formed(name: &str, xml: &str) {
    use quick_xml::events::Event;
    let legal = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c >= '\u{10000}'
    };
    if let Some((i, c)) = xml.char_indices().find(|&(_, c)| !legal(c)) {
        panic!(
            "{name}: U+{:04X} at byte {i} is not an XML character",
            c as u32
        );
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{name}: {err}"));
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap_or_else(|err| panic!("{name}: {err}"));
                }
            }
            Ok(Event::GeneralRef(r)) if r.is_char_ref() => {
                let c = r.resolve_char_ref().ok().flatten();
                assert!(c.is_some_and(legal), "{name}: &{r:?};");
            }
            Ok(Event::GeneralRef(r)) => {
                let known = ["lt", "gt", "amp", "quot", "apos"];
                assert!(known.contains(&&*r), "{name}: &{r:?};");
            }
            Ok(_) => {}
            Err(err) => panic!("{name}: {err} at {}", reader.buffer_position()),
        }
    }
}

fn control_site() -> Site {
    let s = Site::new("title: 控制字符\nbase_url: http://intranet.example/zt/\n");
    // YAML takes control characters only as escapes in double quotes; the body takes them raw.
    s.doc(
        "a/x.md",
        "title: \"标\\x01题\\v尾\\x1f\"\ndate: 2023-09-01\nsummary: \"摘\\u0001要\\x0b内容\\x1f\"\ntags: [\"学\\x1f习\"]",
        "正文\u{1}第一\u{b}段\u{1f}。\n",
    );
    // What XML allows but discourages: a noncharacter (YAML takes it raw), DEL and NEL.
    s.doc(
        "a/y.md",
        "title: 另一篇\u{fdd0}\ndate: 2023-09-02",
        "正\u{7f}文\u{85}。\n",
    );
    s
}

#[test]
fn control_characters_leave_feed_and_sitemap_well_formed() {
    let s = control_site();
    s.build_ok(&[]);
    for name in ["atom.xml", "sitemap.xml"] {
        assert_well_formed(name, &s.read(name));
    }
    let feed = s.read("atom.xml");
    assert!(feed.contains("<title>标题尾</title>"), "{feed}");
    assert!(feed.contains("<title>另一篇</title>"), "{feed}");
    assert!(feed.contains("摘要内容"), "{feed}");
    // serve renders the same files into memory: the same guarantee there.
    let p = Server::start(s.root(), &[]);
    for name in ["/atom.xml", "/sitemap.xml"] {
        let (status, body) = p.get(name, "127.0.0.1");
        assert_eq!(status, 200);
        assert_well_formed(name, &body);
    }
}

#[test]
fn check_reports_where_control_characters_are() {
    let s = control_site();
    let out = run(&["check", "--root", s.root().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "content/a/x.md:2: warning[control-character]: `title` holds U+0001, U+000B, U+001F",
        "content/a/x.md:4: warning[control-character]: `summary` holds U+0001, U+000B, U+001F",
        "content/a/x.md:5: warning[control-character]: `tags` holds U+001F",
        "content/a/x.md:7:3: warning[control-character]: U+0001",
        "content/a/x.md:7:6: warning[control-character]: U+000B",
        "content/a/x.md:7:8: warning[control-character]: U+001F",
        "content/a/y.md:2:11: warning[control-character]: U+FDD0 (a noncharacter)",
        "content/a/y.md:5:2: warning[control-character]: U+007F",
        "content/a/y.md:5:4: warning[control-character]: U+0085",
        "remove the escapes (such as `\\x01` or `\\u0001`) from `title`",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert_eq!(out.status.code(), Some(0), "warnings, not errors");
}

#[test]
fn a_raw_control_character_in_front_matter_is_shown_at_its_column() {
    let s = Site::new("title: t\n");
    s.doc("a/x.md", "date: 2023-09-01\ntitle: 标题\u{b}尾", "正文\n");
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/x.md:3:10: U+000B, an invisible control character, which YAML does not allow"),
        "{err}"
    );
    assert!(err.contains("delete it"), "{err}");
}
