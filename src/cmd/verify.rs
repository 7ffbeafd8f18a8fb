//! `huibian verify`: an archive against its checksums and catalog; each difference a line, and
//! exit 1 when there is any.

use super::Console;
use crate::cli::VerifyArgs;
use std::process::ExitCode;

pub(crate) fn run(args: VerifyArgs, c: &mut Console) -> ExitCode {
    let verified = match huibian::archive::verify(&args.archive) {
        Ok(v) => v,
        Err(failure) => return c.fail(&failure, None),
    };
    let shown = args.archive.display();
    if verified.problems.is_empty() {
        c.say(format_args!(
            "{shown}: all {} files match their checksums; the catalog matches the sources",
            verified.files
        ));
        return ExitCode::SUCCESS;
    }
    for p in &verified.problems {
        c.say(p);
    }
    c.say(format_args!(
        "{shown}: {} problem(s) — the archive is not as it was made",
        verified.problems.len()
    ));
    ExitCode::FAILURE
}
