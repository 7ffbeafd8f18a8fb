//! `huibian archive`: one verifiable zip of the site or a part of it, then what went into it.

use super::Console;
use crate::cli::ArchiveArgs;
use huibian::archive::{Made, Options};
use huibian::diag::Failure;
use huibian::msg;
use std::process::ExitCode;

pub(crate) fn run(args: ArchiveArgs, c: &mut Console) -> ExitCode {
    let result = archive(args, c);
    super::exit(c, result, Some("outcome-archive"))
}

fn archive(args: ArchiveArgs, c: &mut Console) -> Result<(), Failure> {
    let opts = Options {
        selection: super::selection(&args.selection)?,
        root: args.root,
        output: args.output,
        force: args.force,
        #[cfg(feature = "pdf")]
        no_pdf: args.no_pdf,
        #[cfg(not(feature = "pdf"))]
        no_pdf: true,
        lang: c.lang(),
    };
    let made = huibian::archive::run(&opts)?;
    c.say_msg(summary(&made));
    Ok(())
}

fn summary(m: &Made) -> huibian::i18n::Msg {
    msg!(
        "archive-done",
        docs = m.documents,
        files = m.files,
        mb = format!("{:.1}", m.bytes as f64 / 1e6),
        path = m.path.display().to_string()
    )
}
