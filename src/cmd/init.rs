//! `huibian init DIR`: a new site from the built-in scaffold, and what to do next.

use crate::cli::InitArgs;
use std::process::ExitCode;

pub(crate) fn run(args: InitArgs) -> ExitCode {
    let dir = args.dir.display();
    let result = huibian::scaffold::init(&args.dir)
        .map(|()| println!("created a new site in {dir} — next: cd {dir} && huibian build"));
    super::exit(result, None)
}
