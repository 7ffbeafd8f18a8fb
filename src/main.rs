//! The huibian binary: parse arguments, call one library function, print diagnostics, exit.

use clap::Parser;
use huibian::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            relative_urls,
            drafts,
            quiet,
            timings,
        } => {
            let output = huibian::resolve_under(&root, output.as_deref(), "public");
            let opts = huibian::BuildOptions {
                root,
                output: output.clone(),
                base_url,
                relative_urls,
                drafts,
            };
            huibian::build(&opts).map(|r| {
                if timings {
                    for (stage, secs) in &r.stages {
                        eprintln!("  {stage:<16} {:>8.1} ms", secs * 1000.0);
                    }
                }
                if !quiet {
                    println!(
                        "built {} pages from {} documents in {:.2} s → {}",
                        r.pages,
                        r.documents,
                        r.seconds,
                        shown(&output)
                    );
                }
            })
        }
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            open,
        } => huibian::serve::run(&huibian::serve::ServeOptions {
            root,
            bind,
            port,
            drafts,
            open,
        }),
        Command::Check {
            root,
            format,
            external,
            strict,
            drafts,
        } => {
            let report = huibian::check::run(&huibian::check::Options {
                root,
                external,
                drafts,
            });
            match format {
                huibian::cli::Format::Text => print!("{}", report.text()),
                huibian::cli::Format::Json => print!("{}", report.json()),
            }
            return ExitCode::from(report.exit_code(strict));
        }
        Command::Import {
            inputs,
            root,
            section,
            batch,
            unit,
            date,
            tags,
            encoding,
            dry_run,
            force,
        } => huibian::import::run(&huibian::import::Options {
            root,
            inputs,
            section,
            batch,
            unit,
            date,
            tags: tags
                .iter()
                .flat_map(|t| t.split(['、', '，']))
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            encoding,
            dry_run,
            force,
        })
        .map(|report| print!("{report}")),
        Command::Init { dir } => huibian::scaffold::init(&dir).map(|()| {
            println!(
                "created a new site in {} — next: cd {} && huibian build",
                dir.display(),
                dir.display()
            );
        }),
        Command::New {
            section,
            title,
            root,
        } => huibian::scaffold::new_document(&root, &section, &title)
            .map(|path| println!("created {}", path.display())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

/// `public/` rather than `./public`: the path as the user would type it, marked as a folder.
fn shown(p: &std::path::Path) -> String {
    let s = p.display().to_string();
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    if s.ends_with('/') {
        s
    } else {
        s + "/"
    }
}
