//! The huibian binary: parse the flags and hand them to the command's function in cmd/, which
//! prints through one console (a closed pipe ends the output quietly, never a panic).

mod cli;
mod cmd;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut c = cmd::Console::std();
    let code = match Cli::parse().command {
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
