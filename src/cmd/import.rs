//! `huibian import`: files converted into documents under content/, then the import's report.

use super::Console;
use crate::cli::ImportArgs;
use huibian::import::Options;
use std::process::ExitCode;

pub(crate) fn run(args: ImportArgs, c: &mut Console) -> ExitCode {
    let opts = Options {
        tags: tags(&args.tags),
        root: args.root,
        inputs: args.inputs,
        section: args.section,
        batch: args.batch,
        unit: args.unit,
        date: args.date,
        encoding: args.encoding,
        dry_run: args.dry_run,
        force: args.force,
    };
    let result = huibian::import::run(&opts).map(|report| c.print(report.text(c.lang())));
    super::exit(c, result, None)
}

/// `--tags 党建、学习，会议,通知`: clap splits at commas; Chinese writers also use 、 and ，.
fn tags(raw: &[String]) -> Vec<String> {
    raw.iter()
        .flat_map(|t| t.split(['、', '，']))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}
