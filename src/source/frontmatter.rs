//! Splits a document into YAML front matter and body, and reads the front matter key by key so
//! that every error points at the line of the file where the key stands.

use super::date::DocDate;
use crate::config::parse_yaml_at;
use crate::diag::{did_you_mean, Code, Diagnostic};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Front matter of a document, checked.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub date: DocDate,
    /// 1 for 第一批, 2 for 第二批, …
    pub batch: Option<u32>,
    pub unit: Option<String>,
    pub author: Option<String>,
    pub speaker: Option<String>,
    pub location: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub slug: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub aliases: Vec<String>,
    /// File name in the bundle → title shown for it.
    pub attachments: BTreeMap<String, String>,
    pub extra: tera::Value,
    /// The original file a document was imported from (`huibian import` writes it).
    pub source: Option<String>,
    /// When it was imported.
    pub imported: Option<String>,
    /// Set by import when it guessed the date (`text` or `file`): `huibian check` warns
    /// (`unconfirmed-date`) until a person deletes the line.
    pub date_from: Option<String>,
    /// Warning codes `huibian check` does not report for this document.
    pub check_allow: Vec<String>,
    /// Terms of taxonomies configured beyond batch, unit and tags.
    pub taxonomies: BTreeMap<String, Vec<String>>,
}

pub const DOC_KEYS: &[&str] = &[
    "title",
    "date",
    "batch",
    "unit",
    "author",
    "speaker",
    "location",
    "tags",
    "summary",
    "slug",
    "weight",
    "draft",
    "aliases",
    "attachments",
    "extra",
    "section",
    "source",
    "source_sha256",
    "imported",
    "date_from",
    "check_allow",
];

/// `date_from: text`: import took the date from the running text (it may be a deadline).
pub(crate) const DATE_FROM_TEXT: &str = "text";
/// `date_from: file`: import took the date from the file's modification time.
pub(crate) const DATE_FROM_FILE: &str = "file";

/// Front matter of a section's `_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub sort_by: SortBy,
    /// Order of the section in navigation (lower first; sections without one come after).
    #[serde(default)]
    pub weight: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Date,
    Weight,
    Title,
}

/// The parts of a Markdown file.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file where the YAML starts (1-based).
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line of the file where the body starts (1-based).
    pub body_line: usize,
}

/// Splits `---\nYAML\n---\nbody`. A leading BOM is skipped; CRLF is accepted.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::new(path, "the file does not start with front matter")
            .at(1, 1)
            .hint("begin the file with a line `---`, then `title: …` and `date: 2023-09-01`, then `---`"));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(path, "the front matter is never closed")
        .at(1, 1)
        .hint("add a line `---` after the last front matter key"))
}

/// The line of `key:` in a document's front matter, read again from the file (for problems
/// found after parsing, which are rare enough not to keep every key's line).
pub(crate) fn key_line_in_file(path: &Path, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let split = split(path, &text).ok()?;
    let n = key_line(split.yaml, key);
    split.yaml.lines().nth(n).map(|_| split.yaml_line + n)
}

/// Text keys whose plain value has ` #` in it, which YAML cuts there (the rest is a comment):
/// (line of the file, key, the value as written). `title: 学习材料 #3` is titled `学习材料`.
pub(crate) fn comments_in_text_values(path: &Path) -> Vec<(usize, String, String)> {
    const TEXT_KEYS: [&str; 7] = [
        "title", "summary", "unit", "author", "speaker", "location", "source",
    ];
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let Ok(split) = split(path, &text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, line) in split.yaml.lines().enumerate() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let quoted = value.starts_with(['"', '\'', '[', '{', '|', '>', '#']);
        if TEXT_KEYS.contains(&key) && !quoted && value.contains(" #") {
            out.push((split.yaml_line + i, key.to_string(), value.to_string()));
        }
    }
    out
}

/// The 1-based line of a top-level key in the YAML block, for messages.
fn key_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
                || l.strip_prefix(&format!("\"{key}\"")).is_some()
        })
        .map_or(0, |i| i)
}

/// Parses a document's front matter. `taxonomies` are the configured taxonomy names, whose
/// keys are accepted too.
pub fn parse_doc(
    path: &Path,
    split: &Split,
    taxonomies: &[&str],
    folder: &str,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let map: serde_yaml::Mapping = if split.yaml.trim().is_empty() {
        serde_yaml::Mapping::new()
    } else {
        parse_yaml_at(path, split.yaml, split.yaml_line - 1).map_err(|d| vec![d])?
    };
    let mut r = Reader {
        path,
        yaml: split.yaml,
        first_line: split.yaml_line,
        errors: Vec::new(),
    };
    let mut fm = FrontMatter {
        title: String::new(),
        date: DocDate::today(),
        batch: None,
        unit: None,
        author: None,
        speaker: None,
        location: None,
        tags: Vec::new(),
        summary: None,
        slug: None,
        weight: None,
        draft: false,
        aliases: Vec::new(),
        attachments: BTreeMap::new(),
        extra: tera::Value::from_serializable(&BTreeMap::<String, String>::new()),
        source: None,
        imported: None,
        date_from: None,
        check_allow: Vec::new(),
        taxonomies: BTreeMap::new(),
    };
    let (mut has_title, mut has_date) = (false, false);
    for (k, v) in &map {
        let Some(key) = k.as_str() else {
            r.error("", format!("front matter key {k:?} is not a name"), None);
            r.last_code(Code::UnknownKey);
            continue;
        };
        match key {
            "title" => {
                if let Some(t) = r.text(key, v) {
                    has_title = true;
                    fm.title = t;
                }
            }
            "date" => has_date = r.date(key, v).map(|d| fm.date = d).is_some(),
            "batch" => fm.batch = r.batch(key, v),
            "unit" => fm.unit = r.text(key, v),
            "author" => fm.author = r.text(key, v),
            "speaker" => fm.speaker = r.text(key, v),
            "location" => fm.location = r.text(key, v),
            "summary" => fm.summary = r.text(key, v),
            "slug" => fm.slug = r.text(key, v),
            "tags" => fm.tags = r.terms(key, v),
            "weight" => fm.weight = r.get(key, v),
            "draft" => fm.draft = r.get(key, v).unwrap_or(false),
            "aliases" => fm.aliases = r.get(key, v).unwrap_or_default(),
            "attachments" => fm.attachments = r.get(key, v).unwrap_or_default(),
            "extra" => fm.extra = tera::Value::from_serializable(v),
            "source" => fm.source = r.text(key, v),
            "imported" => fm.imported = r.text(key, v),
            "date_from" => fm.date_from = r.date_from(key, v),
            // (For import alone: it knows a file it imported before by this.)
            "source_sha256" => {
                r.text(key, v);
            }
            "check_allow" => fm.check_allow = r.terms(key, v),
            // The folder decides the section; the key (written by import) must agree with it.
            "section" => {
                if let Some(s) = r.text(key, v).filter(|s| s != folder) {
                    r.error(
                        key,
                        format!("`section: {s}` but the file is in content/{folder}/"),
                        Some(format!(
                            "move the file to content/{s}/, or change the line to `section: {folder}`"
                        )),
                    );
                }
            }
            _ if taxonomies.contains(&key) => {
                let terms = r.terms(key, v);
                fm.taxonomies.insert(key.to_string(), terms);
            }
            _ => {
                let mut known: Vec<&str> = DOC_KEYS.to_vec();
                known.extend(taxonomies);
                let hint = match did_you_mean(key, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("valid keys: {}", known.join(", ")),
                };
                r.error(key, format!("unknown front matter key `{key}`"), Some(hint));
                r.last_code(Code::UnknownKey);
            }
        }
    }
    if !has_title && !map.contains_key("title") {
        r.errors.push(
            Diagnostic::new(path, "the front matter has no `title`")
                .code(Code::MissingTitle)
                .at(split.yaml_line, 1)
                .hint("add a line such as `title: 在主题教育动员部署会上的讲话`"),
        );
    } else if !has_title && r.errors.is_empty() {
        r.error("title", "the title is empty".into(), None);
        r.last_code(Code::MissingTitle);
    }
    if !has_date && !map.contains_key("date") {
        r.errors.push(
            Diagnostic::new(path, "the front matter has no `date`")
                .code(Code::MissingDate)
                .at(split.yaml_line, 1)
                .hint("add a line such as `date: 2023-09-01` or `date: 2023年9月1日`"),
        );
    }
    if r.errors.is_empty() {
        Ok(fm)
    } else {
        Err(r.errors)
    }
}

/// Parses a section's `_index.md` front matter (empty front matter allowed).
pub(crate) fn parse_section(path: &Path, split: &Split) -> Result<SectionMeta, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Ok(SectionMeta::default());
    }
    parse_yaml_at(path, split.yaml, split.yaml_line - 1)
}

struct Reader<'a> {
    path: &'a Path,
    yaml: &'a str,
    first_line: usize,
    errors: Vec<Diagnostic>,
}

impl Reader<'_> {
    /// Names the kind of the error just recorded more precisely.
    fn last_code(&mut self, code: Code) {
        if let Some(d) = self.errors.last_mut() {
            d.code = code;
        }
    }

    fn error(&mut self, key: &str, message: String, hint: Option<String>) {
        let line = self.first_line + key_line(self.yaml, key);
        let mut d = Diagnostic::new(self.path, message)
            .at(line, 1)
            .code(Code::WrongType);
        d.hint = hint;
        self.errors.push(d);
    }

    fn get<T: DeserializeOwned>(&mut self, key: &str, v: &serde_yaml::Value) -> Option<T> {
        match serde_yaml::from_value(v.clone()) {
            Ok(t) => Some(t),
            Err(e) => {
                self.error(key, format!("`{key}`: {e}"), None);
                None
            }
        }
    }

    /// A string; numbers and booleans are taken as written.
    fn text(&mut self, key: &str, v: &serde_yaml::Value) -> Option<String> {
        match v {
            serde_yaml::Value::Null => None,
            serde_yaml::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            serde_yaml::Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.error(key, format!("`{key}` should be text"), None);
                None
            }
        }
    }

    /// A list of terms, or one string split at `,`, `，` or `、`.
    fn terms(&mut self, key: &str, v: &serde_yaml::Value) -> Vec<String> {
        let raw: Vec<String> = match v {
            serde_yaml::Value::Null => Vec::new(),
            serde_yaml::Value::Sequence(items) => {
                items.iter().filter_map(|i| self.text(key, i)).collect()
            }
            _ => self
                .text(key, v)
                .map(|s| s.split([',', '，', '、']).map(str::to_string).collect())
                .unwrap_or_default(),
        };
        let mut out: Vec<String> = Vec::new();
        for t in raw.into_iter().map(|t| t.trim().to_string()) {
            if !t.is_empty() && !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    fn date(&mut self, key: &str, v: &serde_yaml::Value) -> Option<DocDate> {
        let s = self.text(key, v).unwrap_or_default();
        let d = DocDate::parse(&s);
        if d.is_none() {
            self.error(
                key,
                format!("`date: {s}` is not a date"),
                Some("write it as 2023-09-01, 2023-09-01T09:30:00+08:00 or 2023年9月1日".into()),
            );
            self.last_code(Code::BadDate);
        }
        d
    }

    /// `text` or `file`, the two guesses import marks.
    fn date_from(&mut self, key: &str, v: &serde_yaml::Value) -> Option<String> {
        let s = self.text(key, v)?;
        if s != DATE_FROM_TEXT && s != DATE_FROM_FILE {
            self.error(
                key,
                format!("`date_from: {s}` is neither `text` nor `file`"),
                Some("import writes this line when it guessed the date; once `date:` is right, delete the line".into()),
            );
            return None;
        }
        Some(s)
    }

    fn batch(&mut self, key: &str, v: &serde_yaml::Value) -> Option<u32> {
        let s = self.text(key, v)?;
        let n = crate::zh::parse_batch(&s);
        if n.is_none() {
            self.error(
                key,
                format!("`batch: {s}` is not a batch"),
                Some("write 1 or 2, or 第一批 / 第二批".into()),
            );
        }
        n
    }
}

/// Front matter lines for `fields` (written by import): YAML that this module reads back to
/// the same values, whatever the text holds (quotes, colons, leading brackets).
pub(crate) fn yaml_lines(fields: &[(&str, FieldValue)]) -> String {
    let mut map = serde_yaml::Mapping::new();
    for (k, v) in fields {
        let value = match v {
            FieldValue::Text(t) => serde_yaml::Value::String(t.clone()),
            FieldValue::Number(n) => serde_yaml::Value::Number((*n).into()),
            FieldValue::List(l) => serde_yaml::Value::Sequence(
                l.iter()
                    .map(|t| serde_yaml::Value::String(t.clone()))
                    .collect(),
            ),
            FieldValue::Map(m) => serde_yaml::Value::Mapping(
                m.iter()
                    .map(|(a, b)| {
                        (
                            serde_yaml::Value::String(a.clone()),
                            serde_yaml::Value::String(b.clone()),
                        )
                    })
                    .collect(),
            ),
        };
        map.insert(serde_yaml::Value::String(k.to_string()), value);
    }
    if map.is_empty() {
        return String::new();
    }
    serde_yaml::to_string(&map).unwrap_or_default()
}

/// A value for `yaml_lines`.
pub enum FieldValue {
    Text(String),
    Number(u64),
    List(Vec<String>),
    Map(Vec<(String, String)>),
}

/// The top-level keys of a front matter block and their values when they are text (import
/// completes front matter it did not write). Invalid YAML is an error at its line.
pub(crate) fn top_level(
    path: &Path,
    split: &Split,
) -> Result<Vec<(String, Option<String>)>, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Ok(Vec::new());
    }
    let map: serde_yaml::Mapping = parse_yaml_at(path, split.yaml, split.yaml_line - 1)?;
    Ok(map
        .into_iter()
        .filter_map(|(k, v)| {
            let k = k.as_str()?.to_string();
            let v = match v {
                serde_yaml::Value::String(s) => Some(s),
                serde_yaml::Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
            Some((k, v))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let p = Path::new("a.md");
        let s = split(p, text).map_err(|d| vec![d])?;
        parse_doc(p, &s, &["batch", "unit", "tags", "type"], "speeches")
    }

    #[test]
    fn unknown_key_reports_file_line() {
        let errs = parse("---\ntitle: 讲话\ndate: 2023-09-01\ntittle: x\n---\n正文\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, Some(4));
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn type_error_reports_the_key_line() {
        let errs = parse("---\ntitle: 讲话\ndate: 2023-09-01\nweight: 很重\n---\n").unwrap_err();
        assert_eq!(errs[0].line, Some(4), "{:?}", errs);
        assert!(errs[0].message.contains("weight"));
    }

    #[test]
    fn batches_and_custom_taxonomies() {
        let fm = parse("---\ntitle: 讲话\ndate: 2023年9月1日\nbatch: 第二批\ntype: 讲话提纲\ntags: 调查研究、整改落实\n---\n").unwrap();
        assert_eq!(fm.batch, Some(2));
        assert_eq!(fm.tags, vec!["调查研究", "整改落实"]);
        assert_eq!(fm.taxonomies["type"], vec!["讲话提纲"]);
    }

    #[test]
    fn missing_title_and_date_and_unclosed() {
        let errs = parse("---\nunit: 办公室\n---\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        let errs = parse("---\ntitle: a\n").unwrap_err();
        assert!(errs[0].message.contains("never closed"));
        let fm = parse("\u{feff}---\r\ntitle: 标题\r\ndate: 2023-09-01\r\n---\r\n正文").unwrap();
        assert_eq!(fm.title, "标题");
    }
}
