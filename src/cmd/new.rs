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
    .map(|(path, style)| {
        let line = format!("{}: true", style.name("draft"));
        c.say_msg(msg!(
            "new-created",
            path = path.display().to_string(),
            line = &line
        ));
        c.say_msg(msg!("new-next", line = line));
    });
    super::exit(c, result, Some("outcome-nothing-written"))
}
