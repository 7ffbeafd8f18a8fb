//! `huibian build`: one library build, then its summary line (and, with --timings, the time of
//! each stage on stderr).

use super::Console;
use crate::cli::BuildArgs;
use huibian::diag::Failure;
use huibian::i18n::Lang;
use huibian::{msg, BuildOptions, BuildReport};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(args: BuildArgs, c: &mut Console) -> ExitCode {
    let result = build(&args, c);
    // (A commit that could not be taken back has changed the output: no "unchanged" then.)
    let partly = result
        .as_ref()
        .err()
        .is_some_and(|f| f.diagnostics.iter().any(|d| d.says("out-partly-updated")));
    let outcome = if partly {
        "outcome-build-partly"
    } else {
        "outcome-build"
    };
    super::exit(c, result, Some(outcome))
}

fn build(args: &BuildArgs, c: &mut Console) -> Result<(), Failure> {
    let opts = settings(args, c.lang())?;
    let report = huibian::build(&opts)?;
    if args.timings {
        timings(&report, c);
    }
    if !args.quiet {
        c.say(summary(&report, &opts.output, c.lang()));
        if let Some(line) = huibian::drafts_line(&report.drafts, c.lang()) {
            c.say(line);
        }
    }
    Ok(())
}

fn settings(args: &BuildArgs, lang: Lang) -> Result<BuildOptions, Failure> {
    Ok(BuildOptions {
        root: args.root.clone(),
        output: huibian::resolve_under(&args.root, args.output.as_deref(), "public"),
        base_url: args.base_url.clone(),
        relative_urls: args.relative_urls,
        drafts: args.drafts,
        selection: super::selection(&args.selection)?,
        lang,
    })
}

fn timings(report: &BuildReport, c: &mut Console) {
    laps(&report.stages, c);
    templates(&report.templates, c);
}

/// Each template's pages: how many, and the time (summed over threads) their contexts, the
/// template runs and the writes took, with the slowest page's run; the slowest template first.
fn templates(rows: &[huibian::render::TemplateTime], c: &mut Console) {
    if rows.is_empty() {
        return;
    }
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    c.tell(format_args!(
        "  {:<16} {:>7} {:>11} {:>11} {:>11} {:>11}",
        "template", "pages", "context", "run", "write", "slowest"
    ));
    for t in rows {
        c.tell(format_args!(
            "  {:<16} {:>7} {:>8.1} ms {:>8.1} ms {:>8.1} ms {:>8.2} ms",
            t.template,
            t.pages,
            ms(t.context),
            ms(t.render),
            ms(t.write),
            ms(t.slowest)
        ));
    }
}

/// Each stage's wall time, CPU time and peak memory on stderr (build and pdf `--timings`).
pub(super) fn laps(stages: &[huibian::Lap], c: &mut Console) {
    for lap in stages {
        let cpu = lap
            .cpu
            .map(|c| format!("  cpu {:>7.0} ms", c * 1000.0))
            .unwrap_or_default();
        let peak = lap
            .peak_mb
            .map(|m| format!("  peak {m:>5} MB"))
            .unwrap_or_default();
        c.tell(format_args!(
            "  {:<16} {:>8.1} ms{cpu}{peak}",
            lap.stage,
            lap.seconds * 1000.0
        ));
    }
}

fn summary(r: &BuildReport, output: &Path, lang: Lang) -> String {
    let mut line = msg!(
        "build-done",
        pages = r.pages,
        files = r.files,
        docs = r.documents,
        secs = format!("{:.2}", r.seconds),
        out = shown(output)
    )
    .text(lang);
    if r.unchanged > 0 {
        let unchanged = msg!("build-unchanged", n = r.unchanged).text(lang);
        // (The Chinese parenthesis is full-width and needs no space before it.)
        if lang == Lang::En {
            line.push(' ');
        }
        line.push_str(&unchanged);
    }
    line
}

/// `public/` rather than `./public`: the path as the user would type it, marked as a folder.
fn shown(p: &Path) -> String {
    let s = p.display().to_string();
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    if s.ends_with('/') {
        s
    } else {
        s + "/"
    }
}
