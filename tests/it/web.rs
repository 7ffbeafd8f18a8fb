//! A tiny static HTTP server and a recording proxy for the browser tests, and headless Chromium.
//! The site is served on 127.0.0.1; every other host goes through the proxy, which records the
//! request and refuses it, so a test can prove that no page loads anything from outside.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

pub struct Server {
    pub port: u16,
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Content-Security-Policy violation reports the pages sent: loads from outside the site.
    pub fn violations(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.starts_with("POST /__csp"))
            .cloned()
            .collect()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The request line and headers of one request.
fn read_head(stream: &TcpStream) -> Vec<String> {
    let mut reader = BufReader::new(stream);
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        lines.push(line.trim_end().to_string());
    }
    // A POST's body (a CSP report) is appended to the request line, for messages.
    let length = lines
        .iter()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    if length > 0 && !lines.is_empty() {
        let mut body = vec![0; length.min(64 * 1024)];
        if std::io::Read::read_exact(&mut reader, &mut body).is_ok() {
            lines[0].push(' ');
            lines[0].push_str(&String::from_utf8_lossy(&body));
        }
    }
    lines
}

fn spawn(handler: impl Fn(TcpStream, Vec<String>) + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    let handler = Arc::new(handler);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = seen.clone();
            let handler = handler.clone();
            std::thread::spawn(move || {
                let head = read_head(&stream);
                if let Some(first) = head.first() {
                    seen.lock().unwrap().push(first.clone());
                }
                handler(stream, head);
            });
        }
    });
    Server { port, requests }
}

/// Serves the files under `root`, folders as their index.html.
pub fn serve(root: &Path) -> Server {
    let root: PathBuf = root.to_path_buf();
    spawn(move |mut stream, head| {
        let target = head
            .first()
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("/")
            .to_string();
        // /sleep/N answers after N ms: a page that embeds it finishes loading only then.
        if let Some(ms) = target
            .strip_prefix("/sleep/")
            .and_then(|n| n.parse::<u64>().ok())
        {
            std::thread::sleep(std::time::Duration::from_millis(ms));
            let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
            return;
        }
        let path = head
            .first()
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("/")
            .split(['?', '#'])
            .next()
            .unwrap_or("/")
            .to_string();
        let mut file = root.join(huibian::site::urls::percent_decode(
            path.trim_start_matches('/'),
        ));
        if file.is_dir() {
            file = file.join("index.html");
        }
        let (status, body, ctype) = match std::fs::read(&file) {
            Ok(b) if !path.contains("..") => ("200 OK", b, content_type(&file)),
            _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
        };
        // Site pages say that everything must come from the site itself; the browser reports
        // (to /__csp, which is recorded) anything a page tries to load from elsewhere.
        let csp = if ctype.starts_with("text/html") && !path.ends_with("harness.html") {
            "Content-Security-Policy-Report-Only: default-src 'self'; report-uri /__csp\r\n"
        } else {
            ""
        };
        let _ = write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{csp}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(&body);
    })
}

/// Records every request it gets and refuses it.
pub fn proxy() -> Server {
    spawn(|mut stream, _| {
        let _ = stream.write_all(
            b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    })
}

pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (apt-get install -y chromium)"
        );
        eprintln!("SKIPPED: no chromium on this machine (apt-get install chromium)");
    }
    found
}

/// Headless Chromium with a fresh profile, every non-loopback request sent to `proxy`.
pub fn headless(browser: &str, proxy: Option<&Server>, args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()));
    if let Some(p) = proxy {
        cmd.arg(format!("--proxy-server=http://127.0.0.1:{}", p.port));
    }
    let out = cmd.args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of `<pre id="result">` in a dumped DOM.
pub fn result_of(dom: &str) -> String {
    let open = "<pre id=\"result\">";
    let start = dom.find(open).map_or(0, |i| i + open.len());
    let end = dom[start..].find("</pre>").map_or(dom.len(), |i| start + i);
    dom[start..end]
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}
