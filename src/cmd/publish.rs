//! `huibian publish`: a new release on the web server's folder (or --list, --rollback), then
//! what changed, page by page.

use crate::cli::PublishArgs;
use huibian::diag::Failure;
use huibian::publish::release::{self, Changes};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(args: PublishArgs) -> ExitCode {
    let result = if args.list {
        list(&args.to);
        Ok(())
    } else if args.rollback {
        release::rollback(&args.to).map(|back| println!("current → releases/{back}"))
    } else {
        publish(args)
    };
    super::exit(result, None)
}

fn list(to: &Path) {
    for (name, current, docs) in release::list(to) {
        let mark = if current { "*" } else { " " };
        println!("{mark} {name}  {docs} documents");
    }
}

fn publish(args: PublishArgs) -> Result<(), Failure> {
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
    report(&changes, &opts.to, opts.dry_run);
    Ok(())
}

fn report(c: &Changes, to: &Path, dry_run: bool) {
    let pages = |v: &[String]| v.iter().filter(|p| p.ends_with(".html")).count();
    let verb = if dry_run {
        "would publish"
    } else {
        "published"
    };
    println!(
        "{verb} releases/{}: {} pages added, {} updated, {} removed; {} files changed ({:.1} MB written), {} unchanged (hard-linked)",
        c.release,
        pages(&c.added),
        pages(&c.updated),
        pages(&c.removed),
        c.added.len() + c.updated.len(),
        c.bytes as f64 / 1e6,
        c.linked,
    );
    for (what, list) in [("+", &c.added), ("~", &c.updated), ("-", &c.removed)] {
        for p in list.iter().filter(|p| p.ends_with(".html")).take(20) {
            println!("  {what} {p}");
        }
    }
    if c.not_atomic {
        println!("note: {} has no symlinks; `current` was updated file by file, so the switch was not atomic", to.display());
    } else if !dry_run {
        println!("{} → releases/{}", to.join("current").display(), c.release);
    }
    if !c.pruned.is_empty() {
        println!("pruned: {}", c.pruned.join(", "));
    }
}
