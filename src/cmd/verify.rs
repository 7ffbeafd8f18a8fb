//! `huibian verify`: an archive against its checksums and catalog; each difference a line, and
//! exit 1 when there is any.

use super::Console;
use crate::cli::VerifyArgs;
use huibian::msg;
use std::process::ExitCode;

pub(crate) fn run(args: VerifyArgs, c: &mut Console) -> ExitCode {
    let verified = match huibian::archive::verify(&args.archive) {
        Ok(v) => v,
        Err(failure) => return c.fail(&failure, None),
    };
    let shown = args.archive.display().to_string();
    if verified.problems.is_empty() {
        c.say_msg(msg!("verify-ok", archive = &shown, files = verified.files));
        return ExitCode::SUCCESS;
    }
    for p in &verified.problems {
        c.say_msg(p.clone());
    }
    c.say_msg(msg!(
        "verify-problems",
        archive = &shown,
        n = verified.problems.len()
    ));
    ExitCode::FAILURE
}
