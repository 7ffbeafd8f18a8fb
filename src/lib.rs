//! huibian (汇编): a static site generator for the documents of a Chinese thematic education
//! campaign — speeches, study guides, experience write-ups.
//!
//! ```text
//! config ─→ source (walk + front matter) ─→ markdown (+ CJK rules) ─→ site model ─→ render (Tera) ─→ publish (atomic swap)
//!                                                                                   └→ serve (memory, watch, reload)
//! ```
//! Each stage is a module; data flows one way and the assembled [`site::Site`] is read-only.

pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod fsio;
pub mod import;
pub mod markdown;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;

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
}

#[derive(Debug)]
pub struct BuildReport {
    pub documents: usize,
    pub pages: usize,
    pub files: usize,
    pub seconds: f64,
    /// (stage, seconds) in order.
    pub stages: Vec<(&'static str, f64)>,
}

/// Builds the site at `opts.root` into `opts.output`; on any error the output is untouched.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Failure> {
    let start = Instant::now();
    let mut clock = Stages {
        laps: Vec::new(),
        last: Some(start),
    };
    let root = &opts.root;
    let rel = |ds: Vec<diag::Diagnostic>| {
        Failure::from(
            ds.into_iter()
                .map(|d| d.relative_to(root))
                .collect::<Vec<_>>(),
        )
    };
    let one = |d: diag::Diagnostic| rel(vec![d]);
    publish::check_output(root, &opts.output).map_err(one)?;
    let mut config = config::Config::load(&root.join("config.yaml")).map_err(one)?;
    if let Some(b) = &opts.base_url {
        config.base_url = b.clone();
    }
    config.relative_urls |= opts.relative_urls;
    let taxonomy_names: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
    let source = source::load(&root.join("content"), &taxonomy_names, opts.drafts).map_err(rel)?;
    clock.lap("load");
    let urls = site::Urls {
        base_path: config.base_path(),
        relative: config.relative_urls,
    };
    let mut theme = render::theme::load(root, &config, &urls).map_err(rel)?;
    clock.lap("templates");
    let staging = publish::Staging::new(&opts.output).map_err(one)?;
    // The index needs only the sources: build it first, so that its memory is free again
    // before the rendered site is held.
    let mut files = 0;
    if config.search {
        let input = search::input_from_source(&source);
        files += search::build(&input, &|path, bytes| staging.write(&path, &bytes)).map_err(one)?;
        clock.lap("search index");
    }
    let site =
        site::assemble(config, source, opts.drafts, &site::MdCache::default()).map_err(rel)?;
    clock.lap("markdown+model");
    let rendered = render::render(&site, &mut theme, &staging).map_err(rel)?;
    clock.lap("render+write");
    files += rendered.files;
    staging.commit().map_err(one)?;
    clock.lap("swap");
    Ok(BuildReport {
        documents: site.docs.len(),
        pages: rendered.pages,
        files,
        seconds: start.elapsed().as_secs_f64(),
        stages: clock.laps,
    })
}

/// Wall time of each build stage, for `--timings`.
#[derive(Debug)]
struct Stages {
    laps: Vec<(&'static str, f64)>,
    last: Option<Instant>,
}

impl Stages {
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let since = self.last.unwrap_or(now);
        self.laps.push((name, (now - since).as_secs_f64()));
        self.last = Some(now);
    }
}

/// The site root to use when none is given: the current folder.
pub fn default_root() -> PathBuf {
    PathBuf::from(".")
}

/// `output` relative to `root` unless absolute.
pub fn resolve_under(root: &Path, p: Option<&Path>, default: &str) -> PathBuf {
    match p {
        Some(p) if p.is_absolute() => p.to_path_buf(),
        Some(p) => p.to_path_buf(),
        None => root.join(default),
    }
}
