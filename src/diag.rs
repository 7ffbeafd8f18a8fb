//! Diagnostics: every problem names its file, line and column and says what to do, and one bad
//! document never hides the others — they are collected and printed together, numbered.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in, as the user would type it (relative to the site root).
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// A stable name for the kind of problem (`huibian check`, README), e.g. `broken-link`.
    pub code: &'static str,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            code: "error",
        }
    }

    pub(crate) fn code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// The code, unless one more precise was given where the problem was found.
    pub(crate) fn or_code(mut self, code: &'static str) -> Self {
        if self.code == "error" {
            self.code = code;
        }
        self
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display().to_string().replace('\\', "/"))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n     → {hint}")?;
        }
        Ok(())
    }
}

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
    pub fn report(&self, outcome: Option<&str>) -> String {
        let n = self.diagnostics.len();
        let mut s = String::new();
        for (i, d) in self.diagnostics.iter().enumerate() {
            s.push_str(&format!("{:>3}. error: {d}\n", i + 1));
        }
        s.push_str(&format!("{n} error{}", if n == 1 { "" } else { "s" }));
        if let Some(o) = outcome {
            s.push_str(" — ");
            s.push_str(o);
        }
        s
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report(None))
    }
}

/// The nearest of `candidates` to `word`, when it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
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
