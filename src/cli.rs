//! Command-line definitions (clap derive) only: the flags as parsed. Each command in cmd/
//! checks its flags into the library's settings once (ripgrep's parsed flags → settings).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "huibian",
    version,
    about = "汇编: a static site generator for Chinese campaign documents",
    // Declared below, so that cmd/lang.rs can put their help in the user's language.
    disable_help_flag = true,
    disable_version_flag = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// The language of messages and help: zh or en (default: from LANG; see README).
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    pub(crate) lang: Option<String>,
    /// Print help.
    #[arg(short, long, global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Print version.
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Build the site into public/ (or --output); the old output stays if anything fails.
    Build(BuildArgs),
    /// Build into memory, serve on 127.0.0.1, rebuild on every save and reload open pages.
    Serve(ServeArgs),
    /// Build and publish to a web server's folder as a new release, switched in atomically.
    Publish(PublishArgs),
    /// Write a verifiable .zip of the site (or one batch, section or date range) for archiving.
    Archive(ArchiveArgs),
    /// Typeset the documents (or one batch, section or date range) as one PDF/A book: cover, 目录, GB/T 9704 pages.
    #[cfg(feature = "pdf")]
    Pdf(PdfArgs),
    /// Check an archive: every checksum, the catalog against the sources; exit 1 on any difference.
    Verify(VerifyArgs),
    /// Report every problem of the site (errors and warnings) without writing anything.
    Check(CheckArgs),
    /// Convert .docx, .doc, .wps, .odt, .rtf, .txt and .md files, spreadsheets (.xlsx, .xls,
    /// .et, .ods) and .csv into documents under content/<section>/ (never overwrites).
    Import(ImportArgs),
    /// Create a new site in DIR: config.yaml, the default theme and three example documents.
    Init(InitArgs),
    /// Create a new document in content/<SECTION>/ with its front matter filled in.
    New(NewArgs),
}

/// `huibian build`'s flags.
#[derive(clap::Args, Debug)]
pub(crate) struct BuildArgs {
    /// The site folder (holding config.yaml and content/).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Where to write the site (default: <root>/public).
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    /// Override config.yaml's base_url, e.g. http://intranet/zhutijiaoyu/.
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Make every internal link relative (any sub-path, and file://).
    #[arg(long)]
    pub(crate) relative_urls: bool,
    /// Include documents marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Print nothing on success.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Print the time each stage took.
    #[arg(long)]
    pub(crate) timings: bool,
    #[command(flatten)]
    pub(crate) selection: SelectionArgs,
}

/// `huibian serve`'s flags.
#[derive(clap::Args, Debug)]
pub(crate) struct ServeArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Address to listen on (loopback unless told otherwise).
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: String,
    /// Port; the next free one is used when it is taken.
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// Show drafts (with a 草稿 badge): `--drafts false` hides them as build does.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    pub(crate) drafts: bool,
    /// Open the preview in the browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// Also answer to this host name (besides localhost and IP addresses), e.g. the
    /// machine's name for colleagues with --bind 0.0.0.0; repeatable.
    #[arg(long = "allowed-host", value_name = "NAME")]
    pub(crate) allowed_hosts: Vec<String>,
}

/// `huibian publish`'s flags.
#[derive(clap::Args, Debug)]
pub(crate) struct PublishArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// The folder the web server serves from (it gets releases/ and current).
    #[arg(long)]
    pub(crate) to: PathBuf,
    /// The address the site is served at, e.g. http://intranet/zhutijiaoyu/.
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Make every internal link relative instead.
    #[arg(long)]
    pub(crate) relative_urls: bool,
    /// How many releases to keep (for rollback).
    #[arg(long, default_value_t = 5)]
    pub(crate) keep: usize,
    /// Show what would change, publish nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Switch back to the previous release.
    #[arg(long, conflicts_with_all = ["dry_run", "list"])]
    pub(crate) rollback: bool,
    /// List the releases.
    #[arg(long)]
    pub(crate) list: bool,
}

/// `huibian archive`'s flags.
#[derive(clap::Args, Debug)]
pub(crate) struct ArchiveArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// The zip to write (default: <site>-<batch or all>-<YYYYMMDD>.zip in the site folder).
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) selection: SelectionArgs,
    /// Replace an existing archive of the same name.
    #[arg(long)]
    pub(crate) force: bool,
    /// Leave the printed book (print.pdf) out: for a selection of thousands of documents,
    /// whose book would take gigabytes of memory to typeset.
    #[cfg(feature = "pdf")]
    #[arg(long)]
    pub(crate) no_pdf: bool,
}

/// `huibian pdf`'s flags.
#[cfg(feature = "pdf")]
#[derive(clap::Args, Debug)]
pub(crate) struct PdfArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// The PDF to write (default: <site>-<batch or all>.pdf in the site folder); an existing
    /// PDF there is replaced.
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    /// Print the time and peak memory of each stage.
    #[arg(long)]
    pub(crate) timings: bool,
    #[command(flatten)]
    pub(crate) selection: SelectionArgs,
}

/// `huibian verify`'s argument.
#[derive(clap::Args, Debug)]
pub(crate) struct VerifyArgs {
    pub(crate) archive: PathBuf,
}

/// `huibian check`'s flags.
#[derive(clap::Args, Debug)]
pub(crate) struct CheckArgs {
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// text (for people) or json (one object per line, for scripts).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Also try every http(s) link (off by default: intranets often have no route out).
    #[arg(long)]
    pub(crate) external: bool,
    /// Exit with 2 when there are warnings but no errors.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Check drafts too.
    #[arg(long)]
    pub(crate) drafts: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
}

/// `huibian import`'s flags.
#[derive(clap::Args, Debug)]
pub(crate) struct ImportArgs {
    /// Files or folders to import.
    #[arg(required = true)]
    pub(crate) inputs: Vec<PathBuf>,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// The section (folder under content/); guessed from the title when not given.
    #[arg(long)]
    pub(crate) section: Option<String>,
    /// The batch: 1, 2, 第一批, 第二批.
    #[arg(long)]
    pub(crate) batch: Option<String>,
    /// The unit the documents come from, e.g. 区委组织部.
    #[arg(long)]
    pub(crate) unit: Option<String>,
    /// The date, when the text and the file name carry none (e.g. 2023-09-01).
    #[arg(long)]
    pub(crate) date: Option<String>,
    /// Tags, separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub(crate) tags: Vec<String>,
    /// The encoding of .txt files (gbk, gb18030, utf-8, utf-16le…), when detection is wrong.
    #[arg(long)]
    pub(crate) encoding: Option<String>,
    /// Print what would be written, write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Replace a document of the same name (the old one is kept as .bak).
    #[arg(long)]
    pub(crate) force: bool,
}

/// `huibian init`'s argument.
#[derive(clap::Args, Debug)]
pub(crate) struct InitArgs {
    pub(crate) dir: PathBuf,
    /// Front matter and config.yaml keys in English (title, date) or Chinese (标题, 日期).
    #[arg(long, value_enum, default_value_t = Keys::En)]
    pub(crate) keys: Keys,
}

/// `huibian new`'s arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct NewArgs {
    pub(crate) section: String,
    /// The document's title, e.g. 在主题教育动员部署会上的讲话.
    pub(crate) title: String,
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// Front matter keys in English (title) or Chinese (标题); default: as the site's documents.
    #[arg(long, value_enum)]
    pub(crate) keys: Option<Keys>,
}

/// The names front matter keys are written with.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keys {
    En,
    Zh,
}

impl Keys {
    pub(crate) fn style(self) -> huibian::source::frontmatter::KeyStyle {
        match self {
            Keys::En => huibian::source::frontmatter::KeyStyle::English,
            Keys::Zh => huibian::source::frontmatter::KeyStyle::Chinese,
        }
    }
}

/// A part of the site, for build and archive; links to documents outside it become text.
#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct SelectionArgs {
    /// Only this batch: 1, 2, 第一批 …
    #[arg(long)]
    pub(crate) batch: Option<String>,
    /// Only this section (folder under content/).
    #[arg(long)]
    pub(crate) section: Option<String>,
    /// Only documents dated on or after this day.
    #[arg(long)]
    pub(crate) since: Option<String>,
    /// Only documents dated on or before this day.
    #[arg(long)]
    pub(crate) until: Option<String>,
}
