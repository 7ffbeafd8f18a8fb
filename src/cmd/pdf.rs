//! `huibian pdf`: the printed 汇编 of the site or a part of it, then what went into it.

use super::Console;
use crate::cli::PdfArgs;
use huibian::diag::Failure;
use huibian::i18n::Msg;
use huibian::msg;
use huibian::pdf::{Made, Options};
use std::process::ExitCode;

pub(crate) fn run(args: PdfArgs, c: &mut Console) -> ExitCode {
    let result = pdf(args, c);
    super::exit(c, result, Some("outcome-pdf"))
}

fn pdf(args: PdfArgs, c: &mut Console) -> Result<(), Failure> {
    let opts = Options {
        selection: super::selection(&args.selection)?,
        root: args.root.clone(),
        output: args.output.clone(),
        lang: c.lang(),
    };
    let made = huibian::pdf::run(&opts)?;
    if args.timings {
        super::build::laps(&made.stages, c);
    }
    c.say_msg(summary(&made));
    Ok(())
}

fn summary(m: &Made) -> Msg {
    msg!(
        "pdf-done",
        docs = m.documents.to_string(),
        pages = m.pages.to_string(),
        mb = format!("{:.1}", m.bytes as f64 / 1e6),
        secs = format!("{:.1}", m.seconds),
        path = m.path.display().to_string()
    )
}
