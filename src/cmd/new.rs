//! `huibian new SECTION TITLE`: one document with its front matter filled in.

use super::Console;
use crate::cli::NewArgs;
use std::process::ExitCode;

pub(crate) fn run(args: NewArgs, c: &mut Console) -> ExitCode {
    let result = huibian::scaffold::new_document(
        &args.root,
        &args.section,
        &args.title,
        args.keys.map(|k| k.style()),
    )
        .map(|path| {
            c.say(format_args!("created {} as a draft (`draft: true`)", path.display()));
            c.say("serve shows it; build, check and publish leave it out until you delete the line `draft: true`");
        });
    super::exit(c, result, Some("nothing was written"))
}
