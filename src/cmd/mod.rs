//! One small function per command, as mdBook's cmd/*.rs: flags → settings → library call →
//! print → exit code. The library does the work; these files only translate. They live in the
//! binary, so the library's API does not grow for them.

pub(crate) mod archive;
pub(crate) mod build;
pub(crate) mod check;
mod console;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod lang;
pub(crate) mod new;
#[cfg(feature = "pdf")]
pub(crate) mod pdf;
pub(crate) mod publish;
pub(crate) mod serve;
pub(crate) mod verify;

use crate::cli::SelectionArgs;
pub(crate) use console::Console;
use huibian::diag::Failure;
use std::process::ExitCode;

/// The exit code of a command that did its work or failed; a failure is printed with what it
/// left (`outcome`, a catalogue id), where the command can promise it.
fn exit(c: &mut Console, result: Result<(), Failure>, outcome: Option<&'static str>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let outcome = outcome.map(|id| huibian::i18n::tr(c.lang(), id));
            c.fail(&failure, outcome.as_deref())
        }
    }
}

/// `--batch`, `--section`, `--since`, `--until` checked into a selection (build and archive).
fn selection(args: &SelectionArgs) -> Result<huibian::Selection, Failure> {
    huibian::Selection::parse(
        args.batch.as_deref(),
        args.section.as_deref(),
        args.since.as_deref(),
        args.until.as_deref(),
    )
}
