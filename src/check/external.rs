//! `check --external`: http(s) links tried politely — at most four at a time, each URL once,
//! HEAD first and GET when a server refuses HEAD, a timeout — since intranets often have no
//! route out and a hanging link must not hang the check.

use super::ExternalLink;
use crate::diag::{Code, Diagnostic};
use crate::site::Site;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::Duration;

const WORKERS: usize = 4;
const TIMEOUT: Duration = Duration::from_secs(10);

/// A link's fate: Ok, or what went wrong.
type Outcome = Result<(), String>;

pub(crate) fn check(site: &Site, links: &[ExternalLink]) -> Vec<Diagnostic> {
    let mut urls: Vec<&str> = links.iter().map(|(_, _, u)| u.as_str()).collect();
    urls.sort_unstable();
    urls.dedup();
    let results = probe_all(&urls);
    let mut out = Vec::new();
    for (doc, offset, url) in links {
        if let Some(Err(why)) = results.get(url.as_str()) {
            let d = &site.docs[*doc];
            let (line, col) = crate::diag::line_col(&d.body, *offset);
            out.push(
                Diagnostic::tr(
                    &d.path,
                    crate::msg!("check-external-link", url = url, detail = why),
                )
                .at(d.body_line + line - 1, col)
                .code(Code::ExternalLink)
                .hint_tr(crate::msg!("check-external-link-hint")),
            );
        }
    }
    out
}

/// Every URL once, `WORKERS` at a time.
fn probe_all<'a>(urls: &[&'a str]) -> HashMap<&'a str, Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(5)
        .user_agent("huibian-check")
        .build()
        .into();
    let queue = Mutex::new(urls.to_vec());
    let results: Mutex<BTreeMap<&str, Outcome>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(urls.len()) {
            s.spawn(|| loop {
                let Some(url) = queue.lock().expect("queue").pop() else {
                    break;
                };
                let outcome = probe(&agent, url);
                results.lock().expect("results").insert(url, outcome);
            });
        }
    });
    results.into_inner().expect("results").into_iter().collect()
}

fn probe(agent: &ureq::Agent, url: &str) -> Outcome {
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
        r.map(|resp| resp.status().as_u16())
            .map_err(|e| e.to_string())
    };
    let head = status(agent.head(url).call());
    // Some servers answer HEAD with 405/501 or not at all: ask again with GET.
    let code = match head {
        Ok(c) if c != 405 && c != 501 && c != 403 => c,
        _ => status(agent.get(url).call())?,
    };
    if code >= 400 {
        Err(format!("HTTP {code}"))
    } else {
        Ok(())
    }
}
