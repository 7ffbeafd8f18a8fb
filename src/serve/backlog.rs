//! The pages of an edit still to render after those being looked at were served: taken a chunk
//! at a time between watcher polls (a newer edit replaces the backlog at once), pages that a
//! request waits for first.

use crate::render::Job;
use std::collections::HashMap;
use std::time::Instant;

/// A page to render: its job, its file and the fingerprint it will have (None: to be taken when
/// it is rendered, after a change that renders every page).
pub(crate) type Pending = (Job, String, Option<u64>);

pub(crate) struct Backlog {
    jobs: Vec<Option<Pending>>,
    at: HashMap<String, usize>,
    next: usize,
    left: usize,
    /// When the backlog was made, and how many pages it had (for the report).
    pub(crate) started: Instant,
    pub(crate) total: usize,
    /// The site hash the fingerprints are taken with.
    pub(crate) site_hash: u64,
}

impl Default for Backlog {
    fn default() -> Backlog {
        Backlog::new(Vec::new(), 0)
    }
}

impl Backlog {
    pub(crate) fn new(jobs: Vec<Pending>, site_hash: u64) -> Backlog {
        let at = jobs
            .iter()
            .enumerate()
            .map(|(i, (_, f, _))| (f.clone(), i))
            .collect();
        Backlog {
            left: jobs.len(),
            total: jobs.len(),
            jobs: jobs.into_iter().map(Some).collect(),
            at,
            next: 0,
            started: Instant::now(),
            site_hash,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.left == 0
    }

    /// How many pages are still to render.
    pub(crate) fn left(&self) -> usize {
        self.left
    }

    /// The pages `wanted` names that are still here, then more in order up to `n` in all.
    pub(crate) fn take(&mut self, wanted: &[String], n: usize) -> Vec<Pending> {
        let mut out = Vec::new();
        for w in wanted {
            if let Some(job) = self.at.get(w).and_then(|&i| self.jobs[i].take()) {
                out.push(job);
            }
        }
        while out.len() < n && self.next < self.jobs.len() {
            if let Some(job) = self.jobs[self.next].take() {
                out.push(job);
            }
            self.next += 1;
        }
        self.left -= out.len();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wanted_pages_come_first_and_each_page_comes_once() {
        let jobs: Vec<Pending> = (0..10)
            .map(|i| (Job::Home, format!("d{i}/index.html"), None))
            .collect();
        let mut b = Backlog::new(jobs, 0);
        let first = b.take(&["d7/index.html".into(), "nope".into()], 3);
        let files: Vec<&str> = first.iter().map(|j| j.1.as_str()).collect();
        assert_eq!(files, ["d7/index.html", "d0/index.html", "d1/index.html"]);
        let mut seen = first.len();
        while !b.is_empty() {
            let more = b.take(&["d7/index.html".into()], 4);
            assert!(more.iter().all(|j| j.1 != "d7/index.html"));
            seen += more.len();
        }
        assert_eq!(seen, 10);
    }
}
