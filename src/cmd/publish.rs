//! `huibian publish`: a new release on the web server's folder (or --list, --rollback), then
//! what changed, page by page.

use super::Console;
use crate::cli::PublishArgs;
use huibian::diag::Failure;
use huibian::msg;
use huibian::publish::release::{self, first_names, Changes};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(args: PublishArgs, c: &mut Console) -> ExitCode {
    let result = if args.list {
        list(&args.to, c);
        Ok(())
    } else if args.rollback {
        release::rollback(&args.to)
            .map(|back| c.say_msg(msg!("publish-rolled-back", release = back)))
    } else {
        publish(args, c)
    };
    super::exit(c, result, None)
}

fn list(to: &Path, c: &mut Console) {
    for (name, current, docs) in release::list(to) {
        let mark = if current { "*" } else { " " };
        c.say_msg(msg!(
            "publish-list-line",
            mark = mark,
            name = name,
            docs = docs
        ));
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
            lang: c.lang(),
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
    let line = if dry_run {
        msg!("publish-dry-run")
    } else {
        msg!("publish-done")
    };
    c.say_msg(
        line.arg("release", &ch.release)
            .arg("added", pages(&ch.added))
            .arg("updated", pages(&ch.updated))
            .arg("removed", pages(&ch.removed))
            .arg("files", ch.added.len() + ch.updated.len())
            .arg("mb", format!("{:.1}", ch.bytes as f64 / 1e6))
            .arg("linked", ch.linked),
    );
    const SHOWN: usize = 20;
    for (what, list) in [("+", &ch.added), ("~", &ch.updated), ("-", &ch.removed)] {
        let html: Vec<&String> = list.iter().filter(|p| p.ends_with(".html")).collect();
        for p in html.iter().take(SHOWN) {
            c.say(format_args!("  {what} {p}"));
        }
        if html.len() > SHOWN {
            let more = msg!("publish-more-pages", n = html.len() - SHOWN).text(c.lang());
            c.say(format_args!("  {what} {more}"));
        }
    }
    if ch.not_atomic {
        c.say_msg(msg!("publish-not-atomic", to = to.display().to_string()));
    } else if !dry_run {
        c.say_msg(msg!(
            "publish-switched",
            current = to.join("current").display().to_string(),
            release = &ch.release
        ));
    }
    if let Some(line) = huibian::drafts_line(&ch.drafts, c.lang()) {
        c.say(line);
    }
    if !ch.pruned.is_empty() {
        c.say_msg(msg!("publish-pruned", names = ch.pruned.join(", ")));
    }
    if !ch.carried.is_empty() {
        let names = first_names(ch.carried.iter().map(String::as_str));
        c.say_msg(msg!("publish-carried", n = ch.carried.len(), names = names));
    }
    if !ch.not_carried.is_empty() {
        let names = first_names(ch.not_carried.iter().map(String::as_str));
        c.say_msg(msg!(
            "publish-not-carried",
            n = ch.not_carried.len(),
            names = names
        ));
    }
    for (release, files) in &ch.kept_releases {
        let names = first_names(files.iter().map(String::as_str));
        c.say_msg(msg!(
            "publish-kept-release",
            release = release,
            names = names
        ));
    }
}
