//! `huibian archive`: one verifiable zip of the site or a part of it, then what went into it.

use super::Console;
use crate::cli::ArchiveArgs;
use huibian::archive::{Made, Options};
use huibian::diag::Failure;
use std::process::ExitCode;

pub(crate) fn run(args: ArchiveArgs, c: &mut Console) -> ExitCode {
    let result = archive(args, c);
    super::exit(c, result, Some("no archive was written"))
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
    };
    let made = huibian::archive::run(&opts)?;
    c.say(summary(&made));
    Ok(())
}

fn summary(m: &Made) -> String {
    format!(
        "archived {} documents ({} files and MANIFEST.sha256, {:.1} MB) → {}",
        m.documents,
        m.files,
        m.bytes as f64 / 1e6,
        m.path.display()
    )
}
