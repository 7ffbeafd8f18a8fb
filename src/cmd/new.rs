//! `huibian new SECTION TITLE`: one document with its front matter filled in.

use super::Console;
use crate::cli::NewArgs;
use huibian::msg;
use std::process::ExitCode;

pub(crate) fn run(args: NewArgs, c: &mut Console) -> ExitCode {
    let result = huibian::scaffold::new_document(
        &args.root,
        &args.section,
        &args.title,
        args.keys.map(|k| k.style()),
    )
    .map(|path| {
        c.say_msg(msg!("new-created", path = path.display().to_string()));
        c.say_msg(msg!("new-next"));
    });
    super::exit(c, result, Some("outcome-nothing-written"))
}
