//! `huibian init DIR`: a new site from the built-in scaffold, and what to do next.

use super::Console;
use crate::cli::InitArgs;
use huibian::msg;
use std::process::ExitCode;

pub(crate) fn run(args: InitArgs, c: &mut Console) -> ExitCode {
    let dir = args.dir.display().to_string();
    let result = huibian::scaffold::init(&args.dir, args.keys.style())
        .map(|()| c.say_msg(msg!("init-created", dir = dir)));
    super::exit(c, result, None)
}
