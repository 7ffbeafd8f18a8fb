//! `huibian serve`: the preview; the library prints its address and its rebuilds as it runs.

use super::Console;
use crate::cli::ServeArgs;
use huibian::serve::ServeOptions;
use std::process::ExitCode;

pub(crate) fn run(args: ServeArgs, c: &mut Console) -> ExitCode {
    let opts = ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        open: args.open,
        allowed_hosts: args.allowed_hosts,
        lang: c.lang(),
    };
    super::exit(c, huibian::serve::run(&opts), None)
}
