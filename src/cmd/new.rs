//! `huibian new SECTION TITLE`: one document with its front matter filled in.

use crate::cli::NewArgs;
use std::process::ExitCode;

pub(crate) fn run(args: NewArgs) -> ExitCode {
    let result = huibian::scaffold::new_document(&args.root, &args.section, &args.title)
        .map(|path| println!("created {}", path.display()));
    super::exit(result, Some("nothing was written"))
}
