//! `huibian serve`: build into memory, serve over HTTP, watch the site folder, rebuild what
//! changed and tell every open page to reload. A bad edit shows as an error box in the page;
//! the last good site stays served and the server never stops for it.

mod backlog;
mod hosts;
pub mod http;
mod readers;
mod watch;
pub mod workspace;

use crate::diag::{Diagnostic, Failure};
use crate::i18n::{tr, Lang};
use crate::msg;
// The preview's own lines are written, not println!'d: a reader that has gone (`huibian serve |
// head -1`) must not stop the server with println!'s panic.
use std::io::{self, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use workspace::{Served, Workspace};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    /// Names besides localhost and IP addresses that the preview answers to.
    pub allowed_hosts: Vec<String>,
    /// The language of the lines printed and of the error box's messages.
    pub lang: Lang,
}

/// Binds `bind:port`, or the next free port when it is taken (saying so).
fn listen(bind: &str, port: u16, lang: Lang) -> Result<TcpListener, Diagnostic> {
    let mut last = None;
    for p in port..port.saturating_add(20) {
        match TcpListener::bind((bind, p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                let line = msg!(
                    "serve-port-taken",
                    port = u32::from(p),
                    next = u32::from(p) + 1
                );
                let _ = writeln!(io::stderr(), "{}", line.text(lang));
                last = Some(e);
            }
            Err(e) => {
                return Err(Diagnostic::tr(
                    format!("{bind}:{p}"),
                    msg!("serve-cannot-listen", why = crate::fsio::why(&e)),
                )
                .hint_tr(msg!("serve-cannot-listen-hint")))
            }
        }
    }
    let why = last.map(|e| e.to_string()).unwrap_or_default();
    Err(Diagnostic::tr(
        format!("{bind}:{port}"),
        msg!("serve-no-free-port", port = u32::from(port), detail = why),
    )
    .hint_tr(msg!("serve-no-free-port-hint")))
}

fn print_report(r: &workspace::Report, served: &Mutex<Served>, lang: Lang) {
    let s = served.lock().expect("served");
    if s.errors.is_empty() {
        let ms = format!("{:.0}", r.millis);
        let line = if r.finished {
            msg!("serve-rest-rebuilt", pages = r.rendered, ms = ms)
        } else if r.later > 0 && r.rendered == 0 {
            // (The first build, or an edit no open page reads: nothing was due first.)
            msg!("serve-building", later = r.later, docs = r.documents)
        } else if r.later > 0 {
            msg!(
                "serve-open-first",
                pages = r.rendered,
                docs = r.documents,
                ms = ms,
                later = r.later
            )
        } else {
            msg!(
                "serve-rebuilt",
                pages = r.rendered,
                docs = r.documents,
                ms = ms
            )
        };
        if r.changed || r.finished {
            let _ = writeln!(io::stderr(), "{}", line.text(lang));
        }
        if r.took_over > 0 {
            let line = msg!("serve-took-over", pages = r.took_over);
            let _ = writeln!(io::stderr(), "{}", line.text(lang));
        }
    } else if r.changed {
        let failure = Failure {
            diagnostics: s.errors.clone(),
        };
        let outcome = tr(lang, "outcome-serve");
        let _ = writeln!(io::stderr(), "{}", failure.report(Some(&outcome), lang));
    }
}

pub fn run(opts: &ServeOptions) -> Result<(), Failure> {
    // Absolute, so that the watcher's paths and the site's paths compare equal.
    let root = std::fs::canonicalize(&opts.root).map_err(|e| {
        Diagnostic::tr(
            &opts.root,
            msg!("serve-no-site-folder", why = crate::fsio::why(&e)),
        )
    })?;
    let hosts = Arc::new(hosts::Hosts::new(&opts.bind, &opts.allowed_hosts)?);
    let served = Arc::new(Mutex::new(Served::default()));
    let mut ws = Workspace::new(&root, opts.drafts);
    let first = ws.rebuild(&served, None);
    let lang = opts.lang;
    print_report(&first, &served, lang);
    let listener = listen(&opts.bind, opts.port, lang)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::tr(&opts.bind, crate::fsio::why(&e)))?;
    let url = format!("http://{addr}/");
    let mut watch = watch::Watch::new(&root)
        .map_err(|e| Diagnostic::tr(&root, msg!("serve-cannot-watch", why = e.to_string())))?;
    let drafts = tr(
        lang,
        if opts.drafts {
            "serve-drafts-shown"
        } else {
            "serve-drafts-hidden"
        },
    );
    let line = msg!(
        "serve-serving",
        root = opts.root.display().to_string(),
        url = &url,
        drafts = drafts
    );
    let _ = writeln!(io::stdout(), "{}", line.text(lang));
    if addr.ip().is_unspecified() {
        let line = msg!("serve-every-address", port = u32::from(addr.port()));
        let _ = writeln!(io::stdout(), "{}", line.text(lang));
    }
    let (reload, _) = broadcast::channel(16);
    let tx = reload.clone();
    let live = served.clone();
    std::thread::spawn(move || loop {
        let paths = if ws.has_backlog() {
            // Between chunks of the backlog, a new edit goes first.
            match watch.poll() {
                Some(paths) => paths,
                None => {
                    if let Some(report) = ws.finish_some(&live) {
                        print_report(&report, &live, lang);
                        // Only a failure needs the pages told: the rest were not open.
                        if report.changed {
                            let _ = tx.send(live.lock().expect("served").version);
                        }
                    }
                    continue;
                }
            }
        } else {
            match watch.wait() {
                Some(paths) => paths,
                None => break,
            }
        };
        let report = ws.rebuild(&live, Some(&paths));
        print_report(&report, &live, lang);
        watch.refresh();
        if report.changed {
            let version = live.lock().expect("served").version;
            let _ = tx.send(version);
        }
    });
    if opts.open {
        open_browser(&url);
    }
    let state = http::AppState {
        served,
        reload,
        hosts,
        site: Arc::new(root.clone()),
        lang,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Diagnostic::tr(
                "serve",
                msg!("serve-cannot-start", why = crate::fsio::why(&e)),
            )
        })?;
    let result = rt.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        tokio::select! {
            r = axum::serve(listener, http::router(state)) => r,
            _ = tokio::signal::ctrl_c() => {
                let _ = writeln!(io::stdout(), "{}", tr(lang, "serve-stopped"));
                Ok(())
            }
        }
    });
    // Open reload streams never end by themselves: do not wait for them.
    rt.shutdown_background();
    result.map_err(|e| {
        Diagnostic::tr(
            "serve",
            msg!("serve-stopped-by", why = crate::fsio::why(&e)),
        )
        .into()
    })
}

/// Opens the preview in the desktop's browser; failing that, the URL printed above will do.
fn open_browser(url: &str) {
    let cmd: &[&str] = if cfg!(target_os = "windows") {
        &["cmd", "/C", "start", ""]
    } else if cfg!(target_os = "macos") {
        &["open"]
    } else {
        &["xdg-open"]
    };
    let _ = std::process::Command::new(cmd[0])
        .args(&cmd[1..])
        .arg(url)
        .spawn();
}
