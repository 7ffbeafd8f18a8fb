//! `huibian init DIR`: a new site from the built-in scaffold, and what to do next.

use super::Console;
use crate::cli::InitArgs;
use std::process::ExitCode;

pub(crate) fn run(args: InitArgs, c: &mut Console) -> ExitCode {
    let dir = args.dir.display();
    let result = huibian::scaffold::init(&args.dir, args.keys.style()).map(|()| {
        c.say(format_args!(
            "created a new site in {dir} — next: cd {dir} && huibian build"
        ))
    });
    super::exit(c, result, None)
}
