//! Command-line definitions (clap derive) only; main.rs turns them into library calls.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "huibian",
    version,
    about = "汇编: a static site generator for Chinese campaign documents"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// `huibian publish`'s options.
#[derive(clap::Args, Debug)]
pub struct PublishArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The folder the web server serves from (it gets releases/ and current).
    #[arg(long)]
    pub to: PathBuf,
    /// The address the site is served at, e.g. http://intranet/zhutijiaoyu/.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Make every internal link relative instead.
    #[arg(long)]
    pub relative_urls: bool,
    /// How many releases to keep (for rollback).
    #[arg(long, default_value_t = 5)]
    pub keep: usize,
    /// Show what would change, publish nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Switch back to the previous release.
    #[arg(long, conflicts_with_all = ["dry_run", "list"])]
    pub rollback: bool,
    /// List the releases.
    #[arg(long)]
    pub list: bool,
}

/// A part of the site, for build and archive; links to documents outside it become text.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SelectionArgs {
    /// Only this batch: 1, 2, 第一批 …
    #[arg(long)]
    pub batch: Option<String>,
    /// Only this section (folder under content/).
    #[arg(long)]
    pub section: Option<String>,
    /// Only documents dated on or after this day.
    #[arg(long)]
    pub since: Option<String>,
    /// Only documents dated on or before this day.
    #[arg(long)]
    pub until: Option<String>,
}

impl SelectionArgs {
    pub fn parse(&self) -> Result<crate::Selection, crate::diag::Failure> {
        crate::Selection::parse(
            self.batch.as_deref(),
            self.section.as_deref(),
            self.since.as_deref(),
            self.until.as_deref(),
        )
    }
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into public/ (or --output); the old output stays if anything fails.
    Build {
        /// The site folder (holding config.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override config.yaml's base_url, e.g. http://intranet/zhutijiaoyu/.
        #[arg(long)]
        base_url: Option<String>,
        /// Make every internal link relative (any sub-path, and file://).
        #[arg(long)]
        relative_urls: bool,
        /// Include documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print nothing on success.
        #[arg(long, short)]
        quiet: bool,
        /// Print the time each stage took.
        #[arg(long)]
        timings: bool,
        #[command(flatten)]
        selection: SelectionArgs,
    },
    /// Build into memory, serve on 127.0.0.1, rebuild on every save and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on (loopback unless told otherwise).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Port; the next free one is used when it is taken.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Show drafts (with a 草稿 badge): `--drafts false` hides them as build does.
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
        drafts: bool,
        /// Open the preview in the browser.
        #[arg(long)]
        open: bool,
        /// Also answer to this host name (besides localhost and IP addresses), e.g. the
        /// machine's name for colleagues with --bind 0.0.0.0; repeatable.
        #[arg(long = "allowed-host", value_name = "NAME")]
        allowed_hosts: Vec<String>,
    },
    /// Build and publish to a web server's folder as a new release, switched in atomically.
    Publish(PublishArgs),
    /// Write a verifiable .zip of the site (or one batch, section or date range) for archiving.
    Archive {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The zip to write (default: <site>-<batch or all>-<YYYYMMDD>.zip in the site folder).
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        selection: SelectionArgs,
        /// Replace an existing archive of the same name.
        #[arg(long)]
        force: bool,
    },
    /// Check an archive: every checksum, the catalog against the sources; exit 1 on any difference.
    Verify { archive: PathBuf },
    /// Report every problem of the site (errors and warnings) without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// text (for people) or json (one object per line, for scripts).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also try every http(s) link (off by default: intranets often have no route out).
        #[arg(long)]
        external: bool,
        /// Exit with 2 when there are warnings but no errors.
        #[arg(long)]
        strict: bool,
        /// Check drafts too.
        #[arg(long)]
        drafts: bool,
    },
    /// Convert .txt, .docx and .md files into documents under content/<section>/ (never overwrites).
    Import {
        /// Files or folders to import.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The section (folder under content/); guessed from the title when not given.
        #[arg(long)]
        section: Option<String>,
        /// The batch: 1, 2, 第一批, 第二批.
        #[arg(long)]
        batch: Option<String>,
        /// The unit the documents come from, e.g. 区委组织部.
        #[arg(long)]
        unit: Option<String>,
        /// The date, when the text and the file name carry none (e.g. 2023-09-01).
        #[arg(long)]
        date: Option<String>,
        /// Tags, separated by commas.
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
        /// The encoding of .txt files (gbk, gb18030, utf-8, utf-16le…), when detection is wrong.
        #[arg(long)]
        encoding: Option<String>,
        /// Print what would be written, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace a document of the same name (the old one is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Create a new site in DIR: config.yaml, the default theme and three example documents.
    Init { dir: PathBuf },
    /// Create a new document in content/<SECTION>/ with its front matter filled in.
    New {
        section: String,
        /// The document's title, e.g. 在主题教育动员部署会上的讲话.
        title: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}
