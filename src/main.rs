//! The huibian binary: parse the flags and hand them to the command's function in cmd/, which
//! prints through one console (a closed pipe ends the output quietly, never a panic), in the
//! user's language (cmd/lang.rs).

mod cli;
mod cmd;

use clap::FromArgMatches;
use cli::{Cli, Command};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cmd::lang::detect(&args);
    let parsed = cmd::lang::command(lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = match cmd::lang::error_text(&e, lang) {
                Some(text) => write!(std::io::stderr(), "{text}"),
                None => e.print(),
            };
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let mut c = cmd::Console::std(lang);
    let code = match cli.command {
        Command::Build(args) => cmd::build::run(args, &mut c),
        Command::Serve(args) => cmd::serve::run(args, &mut c),
        Command::Publish(args) => cmd::publish::run(args, &mut c),
        Command::Archive(args) => cmd::archive::run(args, &mut c),
        #[cfg(feature = "pdf")]
        Command::Pdf(args) => cmd::pdf::run(args, &mut c),
        Command::Verify(args) => cmd::verify::run(args, &mut c),
        Command::Check(args) => cmd::check::run(args, &mut c),
        Command::Import(args) => cmd::import::run(args, &mut c),
        Command::Init(args) => cmd::init::run(args, &mut c),
        Command::New(args) => cmd::new::run(args, &mut c),
    };
    c.finish(code)
}
