//! Diagnostics: every problem names its file, line and column and says what to do, and one bad
//! document never hides the others — they are collected and printed together, numbered.

use crate::i18n::{Lang, Msg};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How bad a problem is: an error fails build and check; a warning is check's, and can be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The one list of problem kinds: each variant's stable name (shown by check, written by users
/// in `check.allow` and `check_allow`), its severity and, for warnings, what it means.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $meaning:literal;)*) => {
        /// A stable name for the kind of problem (`huibian check`, README), e.g. `broken-link`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of the list.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The name users see and write, e.g. `broken-link`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// What the problem is, in a few words (empty for the generic kinds).
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => $meaning,)*
                }
            }
        }
    };
}

codes! {
    Error = "error", Error, "";
    Config = "config", Error, "config.yaml: bad YAML, unknown key, bad value";
    FrontMatter = "front-matter", Error, "a document that cannot be read";
    UnknownKey = "unknown-key", Error, "an unknown front matter key";
    MissingTitle = "missing-title", Error, "no `title` in the front matter";
    MissingDate = "missing-date", Error, "no `date` in the front matter";
    BadDate = "bad-date", Error, "a front matter date that is no date";
    WrongType = "wrong-type", Error, "a front matter value of the wrong type";
    DuplicateKey = "duplicate-key", Error, "one front matter key given twice, under its English and its Chinese name";
    Site = "site", Error, "";
    DuplicateUrl = "duplicate-url", Error, "two documents (or an alias) at one URL";
    BrokenLink = "broken-link", Error, "a link to a missing `.md` document";
    DraftLink = "draft-link", Error, "a link to a draft left out of the build";
    LinkToFailed = "link-to-failed", Error, "a link to a document that has errors of its own";
    BrokenAnchor = "broken-anchor", Error, "`#anchor` that names no heading there";
    MissingFile = "missing-file", Error, "an image or file link to a file that does not exist";
    BrokenSheet = "broken-sheet", Error, "a spreadsheet or .csv linked alone in its paragraph that cannot be read as a table";
    HeadingAttribute = "heading-attribute", Error, "a heading's `{…}` holding more than an id and classes";
    MissingAttachment = "missing-attachment", Error, "`attachments:` names a file the bundle does not have";
    UnsafeName = "unsafe-name", Error, "a file name that cannot be opened on Windows";
    OutsideSite = "outside-site", Error, "a symlink to something outside the site folder";
    ZipLimit = "zip-limit", Error, "a .docx (zip) over a size limit";
    ZipDamaged = "zip-damaged", Error, "a .docx (zip) that cannot be read";
    BadImage = "bad-image", Error, "an image that cannot be read: damaged, cut short, or not what its name says";
    ImageFormat = "image-format", Error, "a picture format browsers or huibian cannot publish (HEIC, AVIF): convert it";
    Template = "template", Error, "a template error";
    ExternalLink = "external-link", Error, "an http(s) link answering ≥ 400 or not at all";
    Pdf = "pdf", Error, "something `huibian pdf` cannot typeset (a picture, the fonts)";
    LiteralEmphasis = "literal-emphasis", Warning,
        "`**`, `__` or `~~` left as text (spaces inside the markers, no partner, …)";
    Redaction = "redaction", Warning, "`***` in the text: a redacted name to restore";
    Placeholder = "placeholder", Warning, "`xx`/`XX`/`某某` standing for a name or number";
    Marker = "marker", Warning, "a `##word##` marker from a document-sharing site";
    LongFirstParagraph = "long-first-paragraph", Warning,
        "no `summary` and a first paragraph over 300 characters";
    AsciiPunctuation = "ascii-punctuation", Warning,
        "`,` `;` `:` `?` `(` `)` between Chinese characters, `\"` `'` beside them";
    MixedDigits = "mixed-digits", Warning, "full-width and ASCII digits in one document";
    DuplicateTitle = "duplicate-title", Warning, "two documents with the same title";
    UnlinkedAttachment = "unlinked-attachment", Warning,
        "a bundle file neither titled in `attachments` nor linked from the text";
    FutureDate = "future-date", Warning, "a date after today";
    UnconfirmedDate = "unconfirmed-date", Warning,
        "a date import guessed (`date_from:` in the front matter) that no one has confirmed";
    ControlCharacter = "control-character", Warning,
        "an invisible control character, which feeds and sitemaps leave out";
    CommentInValue = "comment-in-value", Warning,
        "` #…` after a front matter value, which YAML reads as a comment";
    MissingAlt = "missing-alt", Warning,
        "an image without alt text: screen readers say nothing of it";
    LargeImage = "large-image", Warning,
        "an image original larger than `images.warn_over_mb`";
}

impl Code {
    /// Every warning code: the ones `check.allow` and `check_allow` can switch off.
    pub fn warnings() -> impl Iterator<Item = Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(|c| c.severity() == Severity::Warning)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is no code, as written (`check.allow: [ascii-punctuaton]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownCode(s.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in, as the user would type it (relative to the site root).
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The kind of problem; its severity is the code's.
    pub code: Code,
    /// The message and the hint as catalogue messages, when they are translated (boxed: most
    /// results carry no diagnostic, and it keeps them small).
    texts: Option<Box<Texts>>,
}

/// Catalogue messages for a diagnostic's words, each with the English it gave: a message or
/// hint changed after it was made (import adds where in the original it was) no longer
/// matches, and is shown as it is rather than as a stale translation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Texts {
    message: Option<(Msg, String)>,
    hint: Option<(Msg, String)>,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            code: Code::Error,
            texts: None,
        }
    }

    /// A diagnostic whose message is the catalogue's `message`; `message` holds its English.
    pub fn tr(file: impl Into<PathBuf>, message: Msg) -> Self {
        let en = message.text(Lang::En);
        let mut d = Diagnostic::new(file, en.clone());
        d.texts.get_or_insert_default().message = Some((message, en));
        d
    }

    /// The hint as the catalogue's `hint`.
    pub fn hint_tr(mut self, hint: Msg) -> Self {
        let en = hint.text(Lang::En);
        self.hint = Some(en.clone());
        self.texts.get_or_insert_default().hint = Some((hint, en));
        self
    }

    /// The message in `lang` (as it is when it has no translation).
    pub fn message_in(&self, lang: Lang) -> String {
        match self.texts.as_ref().and_then(|t| t.message.as_ref()) {
            Some((m, en)) if *en == self.message => m.text(lang),
            _ => self.message.clone(),
        }
    }

    /// The hint in `lang` (as it is when it has no translation).
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        let hint = self.hint.as_ref()?;
        Some(match self.texts.as_ref().and_then(|t| t.hint.as_ref()) {
            Some((m, en)) if en == hint => m.text(lang),
            _ => hint.clone(),
        })
    }

    /// The message as a catalogue message, to quote inside another one (import's "not a
    /// .docx file (…)"); one with no translation is passed on as it is.
    pub(crate) fn message_tr(&self) -> Msg {
        match self.texts.as_ref().and_then(|t| t.message.as_ref()) {
            Some((m, en)) if *en == self.message => m.clone(),
            _ => Msg::new("fsio-as-is").arg("detail", self.message.clone()),
        }
    }

    /// Whether the message (and the hint, if any) come from the catalogue.
    pub fn is_translated(&self) -> bool {
        let texts = self.texts.as_deref();
        let message =
            matches!(texts.and_then(|t| t.message.as_ref()), Some((_, en)) if *en == self.message);
        let hint = match (&self.hint, texts.and_then(|t| t.hint.as_ref())) {
            (None, _) => true,
            (Some(h), Some((_, en))) => h == en,
            (Some(_), None) => false,
        };
        message && hint
    }

    /// `file:line:column` as printed (forward slashes), without the message.
    pub fn place(&self) -> String {
        let mut s = self.file.display().to_string().replace('\\', "/");
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }

    /// The diagnostic as printed, in `lang`: `file:line:col: message`, then `→ hint`.
    pub fn shown(&self, lang: Lang) -> String {
        let mut s = format!("{}: {}", self.place(), self.message_in(lang));
        if let Some(hint) = self.hint_in(lang) {
            s.push_str(&format!("\n     → {hint}"));
        }
        s
    }

    /// Is the message the catalogue's `id` (what a command's last line depends on)?
    pub fn says(&self, id: &str) -> bool {
        (self.texts.as_ref().and_then(|t| t.message.as_ref())).is_some_and(|(m, _)| m.id() == id)
    }

    pub(crate) fn code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }

    /// The code, unless one more precise was given where the problem was found.
    pub(crate) fn or_code(mut self, code: Code) -> Self {
        if self.code == Code::Error {
            self.code = code;
        }
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub(crate) fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Paths are shown relative to the site root, with forward slashes, as the user wrote them.
    pub(crate) fn relative_to(mut self, root: &Path) -> Self {
        // The root itself keeps its name: an empty one would name no file.
        if let Some(rel) = self
            .file
            .strip_prefix(root)
            .ok()
            .filter(|r| !r.as_os_str().is_empty())
        {
            self.file = rel.to_path_buf();
        }
        self
    }
}

/// In English: what logs, tests and `?` show; people get `shown` in their language.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n     → {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// The failure of a whole command: every diagnostic collected on the way.
#[derive(Debug, Default)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub fn one(d: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![d],
        }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::one(d)
    }
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure { diagnostics }
    }
}

impl Failure {
    /// The numbered errors and their count, then what became of the output, when the command
    /// knows (a build: nothing written, the previous output unchanged).
    pub fn report(&self, outcome: Option<&str>, lang: Lang) -> String {
        let n = self.diagnostics.len();
        let error = crate::i18n::tr(lang, "failure-error");
        let mut s = String::new();
        for (i, d) in self.diagnostics.iter().enumerate() {
            s.push_str(&format!("{:>3}. {error}{}\n", i + 1, d.shown(lang)));
        }
        s.push_str(&crate::msg!("failure-count", n = n).text(lang));
        if let Some(o) = outcome {
            s.push_str(" — ");
            s.push_str(o);
        }
        s
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report(None, Lang::En))
    }
}

/// The nearest of `candidates` to `word`, when it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Chinese names are two or three characters: one wrong character (标提 for 标题) is a
    // typo, though Jaro-Winkler scores it low.
    // A character of the same sound (标提) is the likelier typo.
    let near = |c: &str| {
        let cjk = !word.is_ascii() && c.chars().count() > 1;
        if cjk && crate::zh::sounds_alike(word, c) {
            0.95
        } else if cjk && strsim::levenshtein(word, c) == 1 {
            0.8
        } else {
            0.0
        }
    };
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c).max(near(c)), c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// 1-based line and column of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// A line on stderr for the person at the terminal (progress, a warning, waiting for a lock):
/// when the reader has gone (`huibian archive 2>&1 | head -1`), the command goes on instead of
/// stopping with eprintln!'s panic.
macro_rules! note {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}
pub(crate) use note;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_from_its_name() {
        for &c in Code::ALL {
            assert_eq!(c.as_str().parse::<Code>(), Ok(c));
            assert_eq!(c.to_string(), c.as_str());
        }
        assert_eq!(
            "broken_link".parse::<Code>(),
            Err(UnknownCode("broken_link".into()))
        );
    }

    #[test]
    fn the_warnings_are_check_s_lint_codes() {
        let warnings: Vec<&str> = Code::warnings().map(Code::as_str).collect();
        assert_eq!(
            warnings,
            [
                "literal-emphasis",
                "redaction",
                "placeholder",
                "marker",
                "long-first-paragraph",
                "ascii-punctuation",
                "mixed-digits",
                "duplicate-title",
                "unlinked-attachment",
                "future-date",
                "unconfirmed-date",
                "control-character",
                "comment-in-value",
                "missing-alt",
                "large-image",
            ]
        );
        assert_eq!(Code::BrokenLink.severity(), Severity::Error);
    }

    #[test]
    fn a_diagnostic_is_an_error_shown_as_printed() {
        let d = Diagnostic::new("content/a.md", "link to a missing document `b.md`")
            .at(3, 5)
            .code(Code::BrokenLink)
            .hint("fix the path");
        let e: &dyn std::error::Error = &d;
        assert_eq!(
            e.to_string(),
            "content/a.md:3:5: link to a missing document `b.md`\n     → fix the path"
        );
    }
}
