//! The huibian binary: parse arguments, call one library function, print diagnostics, exit.

use clap::Parser;
use huibian::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // What a failure leaves, where the command can promise it.
    let outcome = match &cli.command {
        Command::Build { .. } => Some("nothing was written; the previous output is unchanged"),
        Command::Archive { .. } => Some("no archive was written"),
        Command::New { .. } => Some("nothing was written"),
        _ => None,
    };
    let result = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            relative_urls,
            drafts,
            quiet,
            timings,
            selection,
        } => {
            let output = huibian::resolve_under(&root, output.as_deref(), "public");
            selection
                .parse()
                .and_then(|selection| {
                    huibian::build(&huibian::BuildOptions {
                        root,
                        output: output.clone(),
                        base_url,
                        relative_urls,
                        drafts,
                        selection,
                    })
                })
                .map(|r| {
                    if timings {
                        for lap in &r.stages {
                            let cpu = lap
                                .cpu
                                .map(|c| format!("  cpu {:>7.0} ms", c * 1000.0))
                                .unwrap_or_default();
                            let peak = lap
                                .peak_mb
                                .map(|m| format!("  peak {m:>5} MB"))
                                .unwrap_or_default();
                            eprintln!(
                                "  {:<16} {:>8.1} ms{cpu}{peak}",
                                lap.stage,
                                lap.seconds * 1000.0
                            );
                        }
                    }
                    if !quiet {
                        println!(
                            "built {} pages from {} documents in {:.2} s → {}{}",
                            r.pages,
                            r.documents,
                            r.seconds,
                            shown(&output),
                            if r.unchanged > 0 {
                                format!(" ({} files unchanged)", r.unchanged)
                            } else {
                                String::new()
                            }
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
            allowed_hosts,
        } => huibian::serve::run(&huibian::serve::ServeOptions {
            root,
            bind,
            port,
            drafts,
            open,
            allowed_hosts,
        }),
        Command::Publish(args) => publish(args),
        Command::Archive {
            root,
            output,
            selection,
            force,
        } => selection
            .parse()
            .and_then(|selection| {
                huibian::archive::run(&huibian::archive::Options {
                    root,
                    output,
                    selection,
                    force,
                })
            })
            .map(|m| {
                println!(
                    "archived {} documents ({} files, {:.1} MB) → {}",
                    m.documents,
                    m.files,
                    m.bytes as f64 / 1e6,
                    m.path.display()
                )
            }),
        Command::Verify { archive } => match huibian::archive::verify(&archive) {
            Ok(v) if v.problems.is_empty() => {
                println!(
                    "{}: all {} files match their checksums; the catalog matches the sources",
                    archive.display(),
                    v.files
                );
                Ok(())
            }
            Ok(v) => {
                for p in &v.problems {
                    println!("{p}");
                }
                println!(
                    "{}: {} problem(s) — the archive is not as it was made",
                    archive.display(),
                    v.problems.len()
                );
                return ExitCode::FAILURE;
            }
            Err(e) => Err(e),
        },
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
            eprintln!("{}", failure.report(outcome));
            ExitCode::FAILURE
        }
    }
}

fn publish(args: huibian::cli::PublishArgs) -> Result<(), huibian::diag::Failure> {
    let huibian::cli::PublishArgs {
        root,
        to,
        base_url,
        relative_urls,
        keep,
        dry_run,
        rollback,
        list,
    } = args;
    use huibian::publish::release;
    if list {
        for (name, current, docs) in release::list(&to) {
            println!(
                "{} {name}  {docs} documents",
                if current { "*" } else { " " }
            );
        }
        return Ok(());
    }
    if rollback {
        let back = release::rollback(&to)?;
        println!("current → releases/{back}");
        return Ok(());
    }
    let output = to.join("current");
    let c = release::publish(&release::Options {
        build: huibian::BuildOptions {
            root,
            output,
            base_url,
            relative_urls,
            drafts: false,
            selection: Default::default(),
        },
        to: to.clone(),
        keep,
        dry_run,
    })?;
    let pages = |v: &[String]| v.iter().filter(|p| p.ends_with(".html")).count();
    let verb = if dry_run {
        "would publish"
    } else {
        "published"
    };
    println!(
        "{verb} releases/{}: {} pages added, {} updated, {} removed; {} files changed ({:.1} MB written), {} unchanged (hard-linked)",
        c.release,
        pages(&c.added),
        pages(&c.updated),
        pages(&c.removed),
        c.added.len() + c.updated.len(),
        c.bytes as f64 / 1e6,
        c.linked,
    );
    for (what, list) in [("+", &c.added), ("~", &c.updated), ("-", &c.removed)] {
        for p in list.iter().filter(|p| p.ends_with(".html")).take(20) {
            println!("  {what} {p}");
        }
    }
    if c.not_atomic {
        println!("note: {} has no symlinks; `current` was updated file by file, so the switch was not atomic", to.display());
    } else if !dry_run {
        println!("{} → releases/{}", to.join("current").display(), c.release);
    }
    if !c.pruned.is_empty() {
        println!("pruned: {}", c.pruned.join(", "));
    }
    Ok(())
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
