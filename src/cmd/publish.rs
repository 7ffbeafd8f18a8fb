//! `huibian publish`: a new release on the web server's folder (or --list, --rollback), then
//! what changed, page by page.

use super::Console;
use crate::cli::PublishArgs;
use huibian::diag::Failure;
use huibian::publish::release::{self, Changes};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(args: PublishArgs, c: &mut Console) -> ExitCode {
    let result = if args.list {
        list(&args.to, c);
        Ok(())
    } else if args.rollback {
        release::rollback(&args.to).map(|back| c.say(format_args!("current → releases/{back}")))
    } else {
        publish(args, c)
    };
    super::exit(c, result, None)
}

fn list(to: &Path, c: &mut Console) {
    for (name, current, docs) in release::list(to) {
        let mark = if current { "*" } else { " " };
        c.say(format_args!("{mark} {name}  {docs} documents"));
    }
}

fn publish(args: PublishArgs, c: &mut Console) -> Result<(), Failure> {
    let opts = release::Options {
        build: huibian::BuildOptions {
            root: args.root,
            output: args.to.join("current"),
            base_url: args.base_url,
            relative_urls: args.relative_urls,
            drafts: false,
            selection: Default::default(),
        },
        to: args.to,
        keep: args.keep,
        dry_run: args.dry_run,
    };
    let changes = release::publish(&opts)?;
    report(&changes, &opts.to, opts.dry_run, c);
    Ok(())
}

fn report(ch: &Changes, to: &Path, dry_run: bool, c: &mut Console) {
    let pages = |v: &[String]| v.iter().filter(|p| p.ends_with(".html")).count();
    let verb = if dry_run {
        "would publish"
    } else {
        "published"
    };
    c.say(format_args!(
        "{verb} releases/{}: {} pages added, {} updated, {} removed; {} files changed ({:.1} MB written), {} unchanged (hard-linked)",
        ch.release,
        pages(&ch.added),
        pages(&ch.updated),
        pages(&ch.removed),
        ch.added.len() + ch.updated.len(),
        ch.bytes as f64 / 1e6,
        ch.linked,
    ));
    const SHOWN: usize = 20;
    for (what, list) in [("+", &ch.added), ("~", &ch.updated), ("-", &ch.removed)] {
        let html: Vec<&String> = list.iter().filter(|p| p.ends_with(".html")).collect();
        for p in html.iter().take(SHOWN) {
            c.say(format_args!("  {what} {p}"));
        }
        if html.len() > SHOWN {
            c.say(format_args!(
                "  {what} … and {} more pages",
                html.len() - SHOWN
            ));
        }
    }
    if ch.not_atomic {
        c.say(format_args!("note: {} has no symlinks; `current` was updated file by file, so the switch was not atomic", to.display()));
    } else if !dry_run {
        c.say(format_args!(
            "{} → releases/{}",
            to.join("current").display(),
            ch.release
        ));
    }
    if let Some(line) = huibian::drafts_line(&ch.drafts) {
        c.say(line);
    }
    if !ch.pruned.is_empty() {
        c.say(format_args!("pruned: {}", ch.pruned.join(", ")));
    }
}
