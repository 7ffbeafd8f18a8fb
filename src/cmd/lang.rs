//! The command line in the user's language: `--lang` read before clap parses (help is printed
//! while parsing), every command's and flag's help from the catalogue (locales/*/cli.ftl: clap's
//! derive takes only literals), and clap's commonest errors put in Chinese.

use crate::cli::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, CommandFactory};
use huibian::i18n::{lookup, tr, Lang};
use huibian::msg;
use std::ffi::OsString;

/// The language asked for: `--lang X` or `--lang=X` anywhere on the line, else the environment.
pub(crate) fn detect(args: &[OsString]) -> Lang {
    let mut flag = None;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            flag = it.next().map(|v| v.to_string());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v.to_string());
        }
    }
    Lang::from_env(flag.as_deref())
}

/// The clap command with its help in `lang`.
pub(crate) fn command(lang: Lang) -> clap::Command {
    let cmd = localize(Cli::command(), "cli", lang);
    let mut cmd = cmd.mut_subcommands(|sub| {
        let key = format!("cli-{}", sub.get_name());
        localize(sub, &key, lang)
    });
    cmd.build();
    let help = tr(lang, "cli-help-command");
    cmd.mut_subcommand("help", |h| h.about(help))
}

/// One command's about, its flags' help, and (in Chinese) the words clap adds around them.
fn localize(cmd: clap::Command, key: &str, lang: Lang) -> clap::Command {
    let about = lookup(lang, key).unwrap_or_default();
    let mut cmd = cmd.about(about).mut_args(|a| localize_arg(a, key, lang));
    if lang == Lang::Zh {
        let usage = usage(&cmd);
        cmd = cmd
            .help_template(
                "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}",
            )
            .override_usage(usage)
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令");
    }
    cmd
}

fn localize_arg(a: Arg, key: &str, lang: Lang) -> Arg {
    let id = a.get_id().as_str().to_string();
    // Global flags are written once, on the top command.
    let name = if key == "cli" {
        format!("cli-{id}")
    } else {
        format!("{key}-{id}")
    };
    let mut help = lookup(lang, &name).unwrap_or_default();
    if lang == Lang::En {
        return a.help(help);
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && a.get_action().takes_values() {
        help.push_str(&format!("（默认：{}）", defaults.join("、")));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|_| a.get_action().takes_values())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() {
        help.push_str(&format!("（可选：{}）", values.join("、")));
    }
    let heading = if a.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let takes_values = a.get_action().takes_values();
    a.help(help)
        .help_heading(heading)
        .hide_default_value(takes_values)
        .hide_possible_values(takes_values)
}

/// `huibian publish [选项] --to <TO>`: clap's usage line says `[OPTIONS]`.
fn usage(cmd: &clap::Command) -> String {
    if cmd.get_name() == "huibian" {
        return "huibian <命令>".to_string();
    }
    let mut s = format!("huibian {} [选项]", cmd.get_name());
    for a in cmd.get_arguments().filter(|a| a.is_required_set()) {
        let value = a
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| a.get_id().as_str().to_uppercase(), |v| v.to_string());
        match a.get_long() {
            Some(long) => s.push_str(&format!(" --{long} <{value}>")),
            None => s.push_str(&format!(" <{value}>")),
        }
    }
    for a in cmd.get_positionals().filter(|a| !a.is_required_set()) {
        s.push_str(&format!(" [{}]", a.get_id().as_str().to_uppercase()));
    }
    s
}

/// clap's error in Chinese, for the kinds a user meets (an unknown command or flag, a missing
/// argument, a value not allowed); None: clap prints its own (English, help and version).
pub(crate) fn error_text(e: &clap::Error, lang: Lang) -> Option<String> {
    let own = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::MissingSubcommand
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang == Lang::En || own {
        return None;
    }
    let list = |k: ContextKind, sep: &str| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(sep),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(sep),
        _ => String::new(),
    };
    let get = |k: ContextKind| list(k, "、");
    let arg = get(ContextKind::InvalidArg);
    let line = match e.kind() {
        ErrorKind::UnknownArgument => msg!("cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            msg!(
                "cli-error-unknown-command",
                command = get(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => msg!("cli-error-missing", arg = arg),
        ErrorKind::InvalidValue => msg!(
            "cli-error-invalid-value",
            arg = arg,
            value = get(ContextKind::InvalidValue),
            valid = get(ContextKind::ValidValue)
        ),
        _ => msg!("cli-error-other", detail = e.to_string().trim().to_string()),
    };
    let mut s = format!("{}{}\n", tr(lang, "failure-error"), line.text(lang));
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(|k| list(k, "` 或 `"))
        .find(|s| !s.is_empty());
    if let Some(name) = suggested {
        s.push_str(&format!(
            "     → {}\n",
            msg!("did-you-mean", name = name).text(lang)
        ));
    }
    s.push_str(&format!("{}\n", tr(lang, "cli-error-more")));
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and flag has its help in both catalogues; the English is the doc comment
    /// where cli.rs has one, so the two cannot drift.
    #[test]
    fn every_command_and_flag_has_its_help_in_both_languages() {
        let derived = Cli::command();
        let mut missing = Vec::new();
        let mut check = |key: String, doc: Option<String>| {
            for lang in [Lang::Zh, Lang::En] {
                if lookup(lang, &key).is_none_or(|t| t.is_empty()) {
                    missing.push(format!("{key} ({lang:?})"));
                }
            }
            if let (Some(doc), Some(en)) = (doc, lookup(Lang::En, &key)) {
                assert_eq!(
                    en,
                    doc.trim_end_matches('.'),
                    "{key}: cli.rs and en/cli.ftl differ"
                );
            }
        };
        check("cli".into(), derived.get_about().map(|s| s.to_string()));
        for a in derived.get_arguments() {
            check(
                format!("cli-{}", a.get_id()),
                a.get_help().map(|s| s.to_string()),
            );
        }
        for sub in derived.get_subcommands() {
            let key = format!("cli-{}", sub.get_name());
            check(key.clone(), sub.get_about().map(|s| s.to_string()));
            for a in sub.get_arguments() {
                check(
                    format!("{key}-{}", a.get_id()),
                    a.get_help().map(|s| s.to_string()),
                );
            }
        }
        assert!(missing.is_empty(), "no help for {missing:?}");
    }

    #[test]
    fn both_languages_make_a_valid_command() {
        command(Lang::Zh).debug_assert();
        command(Lang::En).debug_assert();
    }

    #[test]
    fn lang_is_read_before_parsing_in_both_spellings() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            detect(&args(&["huibian", "--lang", "en", "build"])),
            Lang::En
        );
        assert_eq!(detect(&args(&["huibian", "build", "--lang=zh"])), Lang::Zh);
        assert_eq!(
            detect(&args(&["huibian", "new", "--", "--lang=en"])),
            Lang::from_env(None)
        );
    }
}
