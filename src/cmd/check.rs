//! `huibian check`: every problem of the site as text or JSON lines; the exit code says whether
//! there were errors (1) or, with --strict, only warnings (2).

use super::Console;
use crate::cli::{CheckArgs, Format};
use huibian::check::Options;
use std::process::ExitCode;

pub(crate) fn run(args: CheckArgs, c: &mut Console) -> ExitCode {
    let report = huibian::check::run(&Options {
        root: args.root,
        external: args.external,
        drafts: args.drafts,
    });
    match args.format {
        Format::Text => c.print(report.text(c.lang())),
        Format::Json => c.print(report.json()),
    }
    ExitCode::from(report.exit_code(args.strict))
}
