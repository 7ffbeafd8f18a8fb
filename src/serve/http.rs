//! The preview's HTTP side (axum): pages from memory, files from disk, the reload channel
//! (Server-Sent Events), and the error overlay. Only paths of the built site are served, and
//! only to requests naming a host the preview may answer to (see hosts.rs).

use super::hosts::Hosts;
use super::workspace::{Entry, Served};
use crate::output::FileFrom;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

const LIVE_JS: &str = include_str!("live.js");
/// Injected into every HTML page in serve, never written by build.
pub const SCRIPT_TAG: &str = "<script src=\"/__huibian/live.js\"></script>";

#[derive(Clone)]
pub struct AppState {
    pub served: Arc<Mutex<Served>>,
    pub reload: broadcast::Sender<u64>,
    pub(crate) hosts: Arc<Hosts>,
    /// The site folder, resolved: a file is read only while it lies inside (a file swapped for
    /// a link out of the site after the last good build is not served).
    pub(crate) site: Arc<std::path::PathBuf>,
    /// The language of the error box's messages (its frame is Chinese: the readers are editors).
    pub(crate) lang: crate::i18n::Lang,
}

pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/__huibian/live.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    LIVE_JS,
                )
            }),
        )
        .route("/__huibian/events", get(events))
        .route("/__huibian/files", get(file_list))
        .fallback(get(page))
        // Last, so that it wraps every route, the fallback and their 404/405 answers.
        .layer(middleware::from_fn_with_state(state.hosts.clone(), guard))
        .with_state(state)
}

/// Refuses, before any route sees it, a request naming a host the preview does not answer to.
async fn guard(State(hosts): State<Arc<Hosts>>, req: Request, next: Next) -> Response {
    match hosts.refusal(req.headers(), req.uri()) {
        Some(why) => respond(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            format!("{why}\n").into_bytes(),
        ),
        None => next.run(req).await,
    }
}

/// The reload stream's query: the page the browser shows (live.js sends it).
#[derive(serde::Deserialize)]
struct Watching {
    page: Option<String>,
}

/// An open reload stream's page, counted as open until the stream is dropped.
struct Open {
    served: Arc<Mutex<Served>>,
    file: Option<String>,
}

impl Drop for Open {
    fn drop(&mut self) {
        if let (Some(f), Ok(mut s)) = (&self.file, self.served.lock()) {
            s.readers.closed(f);
        }
    }
}

async fn events(
    State(state): State<AppState>,
    Query(q): Query<Watching>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let rx = state.reload.subscribe();
    let file = q.page.as_deref().and_then(site_file);
    if let Some(f) = &file {
        state.served.lock().expect("served").readers.opened(f);
    }
    let open = Open {
        served: state.served.clone(),
        file,
    };
    let stream = futures_util::stream::unfold((rx, open), |(mut rx, open)| async move {
        loop {
            match rx.recv().await {
                Ok(v) => {
                    let event = Event::default().event("reload").data(v.to_string());
                    return Some((Ok(event), (rx, open)));
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// How long a request waits for its page's re-render before it gets the old one (a safety net:
/// the background renders a page that a request waits for next, within milliseconds).
const WAIT_LIMIT: Duration = Duration::from_secs(30);

/// Waits while `file`'s re-render is pending, asking for it to be rendered next: a request
/// never gets a page older than the site. While the site has errors the last good page is
/// served (with the error box), as everywhere else.
async fn fresh(state: &AppState, file: &str) {
    let start = Instant::now();
    loop {
        {
            let mut s = state.served.lock().expect("served");
            if !s.pending.contains(file) || !s.errors.is_empty() {
                return;
            }
            if !s.wanted.iter().any(|w| w == file) {
                s.wanted.push(file.to_string());
            }
        }
        if start.elapsed() > WAIT_LIMIT {
            return;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// The served paths, one a line (for tests and for the curious).
async fn file_list(State(state): State<AppState>) -> String {
    let served = state.served.lock().expect("served");
    let mut paths: Vec<&String> = served.files.keys().collect();
    paths.sort();
    paths.into_iter().map(|p| format!("{p}\n")).collect()
}

/// A request path as a site file path; None for anything that tries to leave the site.
pub(crate) fn site_file(raw: &str) -> Option<String> {
    let decoded = crate::site::urls::percent_decode(raw);
    let rel = decoded.strip_prefix('/')?;
    let bad = rel.contains('\\')
        || rel.contains('\0')
        || rel.starts_with('/')
        || rel.split('/').any(|seg| seg == ".." || seg == ".");
    if bad {
        return None;
    }
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

/// The Content-Type of a site file, by its extension (mime_guess's table). The site's text is
/// UTF-8, so text, JSON and JavaScript say so; Markdown is served as plain text, which every
/// browser shows (text/markdown, mime_guess's answer, is downloaded by some).
fn content_type(path: &str) -> String {
    let guess = mime_guess::from_path(path).first_or_octet_stream();
    let utf8 = guess.type_() == mime_guess::mime::TEXT
        || guess.subtype() == mime_guess::mime::JSON
        || guess.subtype() == mime_guess::mime::JAVASCRIPT;
    match guess.essence_str() {
        "text/markdown" => "text/plain; charset=utf-8".to_string(),
        essence if utf8 => format!("{essence}; charset=utf-8"),
        essence => essence.to_string(),
    }
}

fn respond(status: StatusCode, ctype: &str, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(ctype)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// Text for the error box's HTML, escaped as the templates escape it (Tera's own function).
fn escape(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(s, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The error box shown over the last good page (in Chinese: the readers are the editors).
fn overlay(errors: &[crate::diag::Diagnostic], lang: crate::i18n::Lang) -> String {
    let items: String = errors
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{}. {}\n", i + 1, escape(&d.shown(lang))))
        .collect();
    format!(
        "<div id=\"huibian-error\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;\
background:#fff5f5;border-top:4px solid #a4161a;color:#1f1f1f;font:15px/1.6 system-ui,'Microsoft YaHei','Noto Sans CJK SC',sans-serif;\
padding:12px 18px;z-index:2147483647;box-shadow:0 -2px 10px rgba(0,0,0,.25)\">\
<strong style=\"color:#a4161a\">构建出错（{} 处）</strong>：下面是出错的文件、行号和原因。页面仍显示上一次成功构建的内容；改正并保存后会自动刷新。\
<pre style=\"white-space:pre-wrap;margin:.5em 0 0;font:14px/1.5 ui-monospace,Consolas,monospace\">{items}</pre></div>",
        errors.len()
    )
}

/// Adds the reload script (and the error box) to an HTML page.
fn inject(html: &[u8], errors: &[crate::diag::Diagnostic], lang: crate::i18n::Lang) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::from(SCRIPT_TAG);
    if !errors.is_empty() {
        extra.push_str(&overlay(errors, lang));
    }
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

async fn page(State(state): State<AppState>, uri: Uri) -> Response {
    let Some(file) = site_file(uri.path()) else {
        return respond(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            "bad path".into(),
        );
    };
    fresh(&state, &file).await;
    let missing = !state
        .served
        .lock()
        .expect("served")
        .files
        .contains_key(&file);
    if missing {
        // The not-found page may be in the backlog too.
        fresh(&state, "404.html").await;
    }
    let (entry, errors, folder, not_found) = {
        let mut served = state.served.lock().expect("served");
        if served.files.contains_key(&file) && file.ends_with(".html") {
            served.readers.served(&file);
        }
        let inner = format!("{file}/index.html");
        let folder = served.files.contains_key(&inner) || served.pending.contains(&inner);
        let nf = served.files.get("404.html").cloned();
        (
            served.files.get(&file).cloned(),
            served.errors.clone(),
            folder,
            nf,
        )
    };
    let ctype = &content_type(&file);
    match entry {
        Some(Entry::Page(bytes)) if ctype.starts_with("text/html") => {
            respond(StatusCode::OK, ctype, inject(&bytes, &errors, state.lang))
        }
        Some(Entry::Page(bytes)) => respond(StatusCode::OK, ctype, bytes.to_vec()),
        Some(Entry::File(FileFrom::Builtin(text))) => {
            respond(StatusCode::OK, ctype, text.as_bytes().to_vec())
        }
        Some(Entry::File(FileFrom::Disk(path)))
            if !crate::fsio::resolve(&path).starts_with(&*state.site) =>
        {
            respond(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                "this file now links out of the site folder; it is not served".into(),
            )
        }
        Some(Entry::File(FileFrom::Disk(path))) => match tokio::fs::read(&path).await {
            Ok(bytes) => respond(StatusCode::OK, ctype, bytes),
            Err(_) => respond(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                "gone".into(),
            ),
        },
        None if folder => {
            let mut r = respond(
                StatusCode::MOVED_PERMANENTLY,
                "text/plain; charset=utf-8",
                Vec::new(),
            );
            if let Ok(v) = HeaderValue::from_str(&format!("{}/", uri.path())) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        None => {
            let body = match (not_found, errors.is_empty()) {
                (Some(Entry::Page(b)), _) => inject(&b, &errors, state.lang),
                (_, false) => inject("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>构建出错</title><body></body></html>".as_bytes(), &errors, state.lang),
                _ => inject("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>404</title><body><p>页面不存在</p></body></html>".as_bytes(), &errors, state.lang),
            };
            respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside_the_site() {
        assert_eq!(site_file("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_file("/speeches/a/").as_deref(),
            Some("speeches/a/index.html")
        );
        assert_eq!(
            site_file("/%E8%AE%B2%E8%AF%9D/").as_deref(),
            Some("讲话/index.html")
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/%2e%2e/b",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "//etc/passwd",
            "/a/./b",
        ] {
            assert!(site_file(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        for (path, ctype) in [
            ("index.html", "text/html; charset=utf-8"),
            ("A/B.HTM", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("search/search.js", "text/javascript; charset=utf-8"),
            ("x.json", "application/json; charset=utf-8"),
            ("atom.xml", "text/xml; charset=utf-8"),
            ("讲话.md", "text/plain; charset=utf-8"),
            ("名单.csv", "text/csv; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("a.pdf", "application/pdf"),
            (
                "a.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            (
                "a.pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ),
            ("f.woff2", "font/woff2"),
            ("noextension", "application/octet-stream"),
            ("a.unknownext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), ctype, "{path}");
        }
    }

    #[test]
    fn the_error_box_escapes_what_a_file_name_or_message_holds() {
        let d =
            crate::diag::Diagnostic::new("content/<img src=x onerror=alert(1)>.md", "a & \"b\"");
        let html = overlay(&[d], crate::i18n::Lang::En);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;.md: a &amp; "),
            "{html}"
        );
    }
}
