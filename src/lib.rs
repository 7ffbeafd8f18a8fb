//! huibian (汇编): a static site generator for the documents of a Chinese thematic education
//! campaign — speeches, study guides, experience write-ups.
//!
//! ```text
//! config ─→ source (walk + front matter) ─→ markdown (+ CJK rules) ─→ site model ─→ render (Tera) ─→ publish (atomic swap)
//!                                                                                   └→ serve (memory, watch, reload)
//! ```
//! Each stage is a module; data flows one way and the assembled [`site::Site`] is read-only.

pub mod archive;
pub mod check;
pub mod config;
pub mod diag;
pub mod fsio;
pub mod i18n;
pub mod images;
pub mod import;
pub mod markdown;
pub mod output;
#[cfg(feature = "pdf")]
pub mod pdf;
pub(crate) mod pipeline;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub(crate) mod sheet;
pub mod site;
pub mod source;
pub mod zh;
pub(crate) mod zipread;

use diag::Failure;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What `build` needs to know, already checked.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub relative_urls: bool,
    pub drafts: bool,
    /// Only these documents (a batch, a section, a date range); links to others become text.
    pub selection: Selection,
    /// The language of what the build says on the way (a warning, waiting for a lock).
    pub lang: i18n::Lang,
}

/// A part of the site: what `--batch`, `--section`, `--since` and `--until` ask for.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub batch: Option<u32>,
    pub section: Option<String>,
    pub since: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
}

impl Selection {
    /// From the options as typed; every bad one is reported.
    pub fn parse(
        batch: Option<&str>,
        section: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Selection, Failure> {
        let mut errors = Vec::new();
        let batch = batch.and_then(|b| {
            let n = zh::parse_batch(b);
            if n.is_none() {
                errors.push(
                    diag::Diagnostic::tr("--batch", msg!("flag-bad-batch", value = b))
                        .hint_tr(msg!("flag-bad-batch-hint")),
                );
            }
            n
        });
        let mut date = |flag: &str, v: Option<&str>| {
            v.and_then(|s| {
                let d = source::date::DocDate::parse(s);
                if d.is_none() {
                    errors.push(
                        diag::Diagnostic::tr(flag, msg!("flag-bad-date", value = s))
                            .hint_tr(msg!("flag-bad-date-hint")),
                    );
                }
                d.map(|d| d.date)
            })
        };
        let since = date("--since", since);
        let until = date("--until", until);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        Ok(Selection {
            batch,
            section: section.map(str::to_string),
            since,
            until,
        })
    }

    pub(crate) fn keeps(&self, d: &source::DocSource) -> bool {
        self.batch.is_none_or(|b| d.fm.batch == Some(b))
            && self.section.as_ref().is_none_or(|s| &d.section == s)
            && self.since.is_none_or(|s| d.fm.date.date >= s)
            && self.until.is_none_or(|u| d.fm.date.date <= u)
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub documents: usize,
    pub pages: usize,
    pub files: usize,
    /// Files of the previous output left untouched because their bytes did not change.
    pub unchanged: usize,
    /// The drafts left out (content/-relative paths).
    pub drafts: Vec<String>,
    pub seconds: f64,
    /// Each stage in order, as `--timings` shows it.
    pub stages: Vec<Lap>,
    /// Each template's pages, the slowest first, as `--timings` shows them.
    pub templates: Vec<render::TemplateTime>,
}

/// The line build, check and publish say about the drafts they left out (None: none): each one
/// named (the first few), and how to publish one.
pub fn drafts_line(drafts: &[String], lang: i18n::Lang) -> Option<String> {
    const SHOWN: usize = 5;
    let n = drafts.len();
    if n == 0 {
        return None;
    }
    let mut names: Vec<String> = drafts
        .iter()
        .take(SHOWN)
        .map(|d| format!("content/{d}"))
        .collect();
    if n > SHOWN {
        names.push(msg!("drafts-more", n = n - SHOWN).text(lang));
    }
    let sep = if lang == i18n::Lang::Zh { "，" } else { ", " };
    Some(msg!("drafts-left-out", n = n, names = names.join(sep)).text(lang))
}

/// Builds the site at `opts.root` into `opts.output`; on any error the output is untouched.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    let mut clock = Stages {
        laps: Vec::new(),
        last: Some(start),
        cpu: cpu_seconds(),
    };
    let root = &opts.root;
    let out =
        output::check_output(root, &opts.output).map_err(|d| Failure::one(d.relative_to(root)))?;
    let staging = output::Staging::new(&out, &opts.output, opts.lang).map_err(Failure::one)?;
    let mut made = pipeline::generate(opts, &staging, &mut clock)?;
    let unchanged = staging.unchanged_files();
    staging.commit().map_err(Failure::one)?;
    clock.lap("publish");
    let report = BuildReport {
        documents: made.site.docs.len(),
        pages: made.pages,
        files: made.files,
        unchanged,
        drafts: made.site.drafts.clone(),
        seconds: start.elapsed().as_secs_f64(),
        stages: clock.laps,
        templates: std::mem::take(&mut made.templates),
    };
    pipeline::free_later(made);
    Ok(report)
}

/// Wall time of each build stage, for `--timings`.
#[derive(Debug)]
pub(crate) struct Stages {
    laps: Vec<Lap>,
    last: Option<Instant>,
    cpu: Option<f64>,
}

/// One stage of a build: wall seconds, and where the system says (Linux), the CPU seconds the
/// process used in it (all threads: up to twice the wall time on two cores) and the peak
/// resident memory so far, in MB.
#[derive(Debug, Clone)]
pub struct Lap {
    pub stage: &'static str,
    pub seconds: f64,
    pub cpu: Option<f64>,
    pub peak_mb: Option<u64>,
}

/// The process's peak resident memory in MB (Linux: VmHWM), to see which stage sets it.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// CPU seconds (user + system) the process has used (Linux: /proc/self/stat, in ticks of
/// 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

impl Stages {
    pub(crate) fn new() -> Stages {
        Stages {
            laps: Vec::new(),
            last: Some(Instant::now()),
            cpu: cpu_seconds(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let since = self.last.unwrap_or(now);
        let cpu = cpu_seconds();
        self.laps.push(Lap {
            stage: name,
            seconds: (now - since).as_secs_f64(),
            cpu: cpu.zip(self.cpu).map(|(now, then)| now - then),
            peak_mb: peak_mb(),
        });
        self.cpu = cpu;
        self.last = Some(now);
    }
}

/// `output` relative to `root` unless absolute.
pub fn resolve_under(root: &Path, p: Option<&Path>, default: &str) -> PathBuf {
    match p {
        Some(p) if p.is_absolute() => p.to_path_buf(),
        Some(p) => p.to_path_buf(),
        None => root.join(default),
    }
}
