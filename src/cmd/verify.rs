//! `huibian verify`: an archive against its checksums and catalog; each difference a line, and
//! exit 1 when there is any.

use crate::cli::VerifyArgs;
use std::process::ExitCode;

pub(crate) fn run(args: VerifyArgs) -> ExitCode {
    let verified = match huibian::archive::verify(&args.archive) {
        Ok(v) => v,
        Err(failure) => return super::exit(Err(failure), None),
    };
    let shown = args.archive.display();
    if verified.problems.is_empty() {
        println!(
            "{shown}: all {} files match their checksums; the catalog matches the sources",
            verified.files
        );
        return ExitCode::SUCCESS;
    }
    for p in &verified.problems {
        println!("{p}");
    }
    println!(
        "{shown}: {} problem(s) — the archive is not as it was made",
        verified.problems.len()
    );
    ExitCode::FAILURE
}
