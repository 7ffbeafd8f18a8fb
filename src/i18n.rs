//! Messages in the user's language. The words live in catalogue files, locales/zh/*.ftl and
//! locales/en/*.ftl (Project Fluent), compiled into the binary; code names a message by its id
//! and arguments (`msg!("build-done", pages = 12)`), and the language is chosen once, by the
//! binary, and passed down as a value. Codes, positions and JSON never depend on it.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;

/// A language huibian speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Simplified Chinese: the product's users, and the default.
    #[default]
    Zh,
    En,
}

/// The catalogue files of each language, by name (the same names in both).
const CATALOGUES: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::Zh,
        &[
            ("cli.ftl", include_str!("../locales/zh/cli.ftl")),
            ("commands.ftl", include_str!("../locales/zh/commands.ftl")),
            (
                "diagnostics.ftl",
                include_str!("../locales/zh/diagnostics.ftl"),
            ),
            ("codes.ftl", include_str!("../locales/zh/codes.ftl")),
            ("import.ftl", include_str!("../locales/zh/import.ftl")),
        ],
    ),
    (
        Lang::En,
        &[
            ("cli.ftl", include_str!("../locales/en/cli.ftl")),
            ("commands.ftl", include_str!("../locales/en/commands.ftl")),
            (
                "diagnostics.ftl",
                include_str!("../locales/en/diagnostics.ftl"),
            ),
            ("codes.ftl", include_str!("../locales/en/codes.ftl")),
            ("import.ftl", include_str!("../locales/en/import.ftl")),
        ],
    ),
];

impl Lang {
    /// `zh`, `zh_CN.UTF-8`, `zh-Hans` → Chinese; `en…` → English; anything else: none.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language to speak: `--lang`, else HUIBIAN_LANG, else the locale (the first of
    /// LC_ALL, LC_MESSAGES, LANG that is set, as POSIX reads them; on Windows the user's UI
    /// language). A locale that is neither Chinese nor English, `C`, `POSIX` or none: Chinese.
    pub fn detect(flag: Option<&str>, var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag.and_then(Lang::parse) {
            return lang;
        }
        if let Some(lang) = var("HUIBIAN_LANG").as_deref().and_then(Lang::parse) {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()))
            .or_else(system_locale);
        locale.as_deref().and_then(Lang::parse).unwrap_or_default()
    }

    /// The language of this process's environment (and `flag`, from `--lang`).
    pub fn from_env(flag: Option<&str>) -> Lang {
        Lang::detect(flag, |name| std::env::var(name).ok())
    }

    fn index(self) -> usize {
        match self {
            Lang::Zh => 0,
            Lang::En => 1,
        }
    }
}

#[cfg(windows)]
fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

#[cfg(not(windows))]
fn system_locale() -> Option<String> {
    None
}

/// The value of a message's argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    /// A count: English chooses `1 error` or `2 errors` by it.
    Number(i64),
    /// Words of the catalogue too, in the same language (why a file could not be read).
    Msg(Box<Msg>),
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(usize, u32, u64, i64, i32);

/// A message of the catalogue with its arguments, to be put in words in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The catalogue id, e.g. `fm-bad-date`.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let bundle = bundle_of(lang);
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            // (A test checks that every id the code names is in both catalogues.)
            return self.id.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let v = match value {
                Arg::Text(s) => FluentValue::from(s.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Msg(m) => FluentValue::from(m.text(lang)),
            };
            args.set(*name, v);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        debug_assert!(errors.is_empty(), "{}: {errors:?}", self.id);
        text.into_owned()
    }
}

/// `msg!("id", name = value, …)`: a catalogue message with its arguments.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// The message `id` (named at run time: clap's flags) with no arguments, when it exists.
pub fn lookup(lang: Lang, id: &str) -> Option<String> {
    let bundle = bundle_of(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned(),
    )
}

/// The message `id` with no arguments, in `lang`.
pub fn tr(lang: Lang, id: &'static str) -> String {
    Msg::new(id).text(lang)
}

/// Each language's catalogue, parsed when first used (English always is: diagnostics keep it).
static ZH: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(Lang::Zh));
static EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(Lang::En));

fn bundle_of(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-US",
    }
    .parse()
    .expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminals show the isolation marks Fluent puts around arguments as stray characters.
    bundle.set_use_isolating(false);
    for (_, source) in files(lang) {
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// The catalogue files of `lang`: (file name, text).
pub fn files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    CATALOGUES[lang.index()].1
}

/// Every message id of a catalogue file's text, in order, with its text as written (for the
/// manual and the tests); a syntax error is returned as its line.
pub fn entries(source: &str) -> Result<Vec<(String, String)>, String> {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
        let e = &errors[0];
        let line = source[..e.pos.start.min(source.len())]
            .matches('\n')
            .count()
            + 1;
        format!("line {line}: {:?}", e.kind)
    })?;
    Ok(resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => {
                let text = m.value.as_ref().map(pattern_text).unwrap_or_default();
                Some((m.id.name.to_string(), text))
            }
            _ => None,
        })
        .collect())
}

/// A pattern's text with its placeables written `{ $name }`.
fn pattern_text(p: &fluent_syntax::ast::Pattern<&str>) -> String {
    use fluent_syntax::ast::PatternElement;
    p.elements
        .iter()
        .map(|e| match e {
            PatternElement::TextElement { value } => value.to_string(),
            PatternElement::Placeable { .. } => "…".to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_language_follows_flag_then_huibian_lang_then_the_locale() {
        type Case<'a> = (Option<&'a str>, &'a [(&'a str, &'a str)], Lang);
        let cases: &[Case] = &[
            (None, &[], Lang::Zh),
            (None, &[("LANG", "C")], Lang::Zh),
            (None, &[("LANG", "POSIX")], Lang::Zh),
            (None, &[("LANG", "C.UTF-8")], Lang::Zh),
            (None, &[("LANG", "zh_CN.UTF-8")], Lang::Zh),
            (None, &[("LANG", "en_US.UTF-8")], Lang::En),
            (None, &[("LANG", "de_DE.UTF-8")], Lang::Zh),
            (
                None,
                &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN")],
                Lang::Zh,
            ),
            (
                None,
                &[("LC_MESSAGES", "zh_CN"), ("LC_ALL", "en_GB")],
                Lang::En,
            ),
            (None, &[("LC_ALL", ""), ("LANG", "en_US")], Lang::En),
            (None, &[("LANG", "zh_CN"), ("HUIBIAN_LANG", "en")], Lang::En),
            (
                None,
                &[("LANG", "en_US"), ("HUIBIAN_LANG", "klingon")],
                Lang::En,
            ),
            (
                Some("zh"),
                &[("LANG", "en_US"), ("HUIBIAN_LANG", "en")],
                Lang::Zh,
            ),
            (Some("en"), &[("LANG", "zh_CN")], Lang::En),
        ];
        for (flag, vars, want) in cases {
            assert_eq!(Lang::detect(*flag, env(vars)), *want, "{flag:?} {vars:?}");
        }
    }

    /// The ids and, for each, the variables its text uses, of one catalogue file.
    fn variables(source: &str) -> std::collections::BTreeMap<String, Vec<String>> {
        use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
        fn walk(p: &Pattern<&str>, out: &mut Vec<String>) {
            for e in &p.elements {
                let PatternElement::Placeable { expression } = e else {
                    continue;
                };
                let (inline, variants) = match expression {
                    Expression::Select { selector, variants } => (selector, Some(variants)),
                    Expression::Inline(i) => (i, None),
                };
                if let InlineExpression::VariableReference { id } = inline {
                    out.push(id.name.to_string());
                }
                for v in variants.into_iter().flatten() {
                    walk(&v.value, out);
                }
            }
        }
        let resource = fluent_syntax::parser::parse(source).expect("catalogue parses");
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => {
                    let mut vars = Vec::new();
                    if let Some(p) = &m.value {
                        walk(p, &mut vars);
                    }
                    vars.sort();
                    vars.dedup();
                    Some((m.id.name.to_string(), vars))
                }
                _ => None,
            })
            .collect()
    }

    /// A message in one language and not the other, or with other arguments, fails here.
    #[test]
    fn both_catalogues_have_the_same_messages_with_the_same_arguments() {
        let (zh, en) = (files(Lang::Zh), files(Lang::En));
        assert_eq!(zh.len(), en.len());
        for ((zh_name, zh_text), (en_name, en_text)) in zh.iter().zip(en) {
            assert_eq!(zh_name, en_name);
            entries(zh_text).unwrap_or_else(|e| panic!("zh/{zh_name}: {e}"));
            entries(en_text).unwrap_or_else(|e| panic!("en/{en_name}: {e}"));
            let (z, e) = (variables(zh_text), variables(en_text));
            let only_zh: Vec<&String> = z.keys().filter(|k| !e.contains_key(*k)).collect();
            let only_en: Vec<&String> = e.keys().filter(|k| !z.contains_key(*k)).collect();
            assert!(only_zh.is_empty(), "only in zh/{zh_name}: {only_zh:?}");
            assert!(only_en.is_empty(), "only in en/{en_name}: {only_en:?}");
            for (id, vars) in &e {
                // (`detail`: the system's own words, English; Chinese may say it its own way.)
                let en_vars: Vec<&String> = vars.iter().filter(|v| *v != "detail").collect();
                let zh_vars: Vec<&String> = z[id].iter().filter(|v| *v != "detail").collect();
                assert_eq!(
                    en_vars, zh_vars,
                    "{id}: the two languages use other arguments"
                );
            }
        }
    }

    /// Every id the code names (`msg!("…")`, `tr(…, "…")`, a command's outcome) is in the
    /// catalogues; every diagnostic code has its meaning and fix.
    #[test]
    fn every_id_the_code_names_is_in_the_catalogues() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut named = Vec::new();
        let mut sources = String::new();
        for e in walkdir::WalkDir::new(&src)
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.path().extension().is_none_or(|x| x != "rs") || e.path().ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(e.path()).unwrap();
            sources.push_str(&text);
            for pat in [
                "msg!(\"",
                "tr(lang, \"",
                "tr(c.lang(), \"",
                "Some(\"outcome-",
            ] {
                for (i, _) in text.match_indices(pat) {
                    let start = i + pat.len() - if pat.starts_with("Some") { 8 } else { 0 };
                    let id: String = text[start..].chars().take_while(|c| *c != '"').collect();
                    named.push((e.path().display().to_string(), id));
                }
            }
        }
        assert!(
            named.len() > 100,
            "{} ids found: is the scan broken?",
            named.len()
        );
        // And the other way: a message of commands.ftl or diagnostics.ftl no code names is
        // left over (cli.ftl's and codes.ftl's are named at run time, by flag and by code).
        let by_code = files(Lang::En)
            .iter()
            .filter(|(f, _)| !matches!(*f, "cli.ftl" | "codes.ftl"));
        for (file, text) in by_code {
            for (id, _) in entries(text).unwrap() {
                let used = sources.contains(&format!("\"{id}\""));
                assert!(used, "en/{file}: `{id}` is used nowhere");
            }
        }
        for code in crate::diag::Code::ALL {
            for kind in ["code", "fix"] {
                named.push(("diag.rs".into(), format!("{kind}-{code}")));
            }
        }
        for (file, id) in named {
            for lang in [Lang::Zh, Lang::En] {
                assert!(
                    lookup(lang, &id).is_some(),
                    "{file}: `{id}` is not in the {lang:?} catalogue"
                );
            }
        }
    }

    /// Folders under src/ left out of the guard while someone translates them: none now.
    const NOT_YET_TRANSLATED: &[&str] = &[];

    /// The places in `code` (a source file without its unit tests) where words for people are
    /// written in the code instead of the catalogue: `Diagnostic::new(` (only diag.rs itself
    /// builds one from a string), `.hint("…")` or `.hint(format!(…))`, and `note!("…")` with
    /// words in its format string.
    fn english_in(code: &str, is_diag_rs: bool) -> Vec<(usize, String)> {
        let line_of = |i: usize| code[..i].matches('\n').count() + 1;
        let after = |i: usize| code[i..].trim_start();
        let mut found = Vec::new();
        if !is_diag_rs {
            for (i, _) in code.match_indices("Diagnostic::new(") {
                found.push((line_of(i), "Diagnostic::new(".to_string()));
            }
        }
        for (i, m) in code.match_indices(".hint(") {
            let arg = after(i + m.len());
            if arg.starts_with('"') || arg.starts_with("format!") {
                found.push((line_of(i), format!(".hint({})", &arg[..arg.len().min(30)])));
            }
        }
        for (i, m) in code.match_indices("note!(") {
            let arg = after(i + m.len());
            let literal = arg.strip_prefix('"').and_then(|a| a.split('"').next());
            if literal.is_some_and(|l| l.chars().any(|c| c.is_ascii_alphabetic())) {
                found.push((line_of(i), format!("note!({})", &arg[..arg.len().min(30)])));
            }
        }
        found
    }

    #[test]
    fn the_guard_finds_english_written_in_the_code() {
        let code = "let d = Diagnostic::new(p, \"cannot read\");\n\
                    d.hint(\n    \"rename it\");\nd.hint(format!(\"x {a}\"));\n\
                    note!(\"waiting: {}\", p);\nnote!(\"{}\", m.text(lang));\n\
                    d.hint_tr(msg!(\"x\"));\nnames.hint(written);\n";
        let lines: Vec<usize> = english_in(code, false).iter().map(|f| f.0).collect();
        assert_eq!(lines, [1, 2, 4, 5]);
        assert_eq!(english_in("Diagnostic::new(file, en.clone())", true), []);
    }

    /// Every message of the modules translated so far comes from the catalogue: a
    /// `Diagnostic::new("English …")`, `.hint("…")` or `note!("…")` left in them fails here.
    #[test]
    fn no_english_message_is_left_in_the_code() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut left = Vec::new();
        for e in walkdir::WalkDir::new(&src)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = e.path().strip_prefix(&src).unwrap();
            let first = rel.components().next().unwrap().as_os_str();
            let others = NOT_YET_TRANSLATED.iter().any(|o| first == *o);
            if others || rel.extension().is_none_or(|x| x != "rs") || rel == "i18n.rs" {
                continue;
            }
            let text = std::fs::read_to_string(e.path()).unwrap();
            // (Unit tests may build any message to test with.)
            let code = text.split("\n#[cfg(test)]\nmod tests").next().unwrap();
            for (line, what) in english_in(code, rel == "diag.rs") {
                left.push(format!("src/{}:{line}: {what}", rel.display()));
            }
        }
        assert!(
            left.is_empty(),
            "words for people written in the code, not in locales/*/*.ftl \
             (use Diagnostic::tr, hint_tr, msg!):\n{}",
            left.join("\n")
        );
    }

    #[test]
    fn counts_choose_the_english_plural_and_arguments_are_not_isolated() {
        let n = |n: usize| msg!("failure-count", n = n);
        assert_eq!(n(1).text(Lang::En), "1 error");
        assert_eq!(n(3).text(Lang::En), "3 errors");
        assert_eq!(n(3).text(Lang::Zh), "3 个错误");
        assert!(!n(3).text(Lang::En).contains('\u{2068}'));
    }
}
