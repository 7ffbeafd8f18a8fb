//! Splits a document into YAML front matter and body, and reads the front matter key by key so
//! that every error points at the line of the file where the key stands.

use super::date::DocDate;
use crate::config::parse_yaml_at;
use crate::diag::{did_you_mean, Code, Diagnostic};
use crate::i18n::Msg;
use crate::msg;
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

/// The Chinese name of each document key (README: Front matter): either name may be written,
/// with the same type and checks. `huibian new --keys zh` and import write these.
pub(crate) const ZH_DOC_KEYS: &[(&str, &str)] = &[
    ("title", "标题"),
    ("date", "日期"),
    ("batch", "批次"),
    ("unit", "单位"),
    ("author", "作者"),
    ("speaker", "讲话人"),
    ("location", "地点"),
    ("tags", "标签"),
    ("summary", "摘要"),
    ("slug", "网址名"),
    ("weight", "权重"),
    ("draft", "草稿"),
    ("aliases", "别名"),
    ("attachments", "附件"),
    ("extra", "扩展"),
    ("section", "栏目"),
    ("source", "来源"),
    ("source_sha256", "来源校验"),
    ("imported", "导入时间"),
    ("date_from", "日期来源"),
    ("check_allow", "检查放行"),
];

/// Words people write for a key that is named otherwise: "did you mean" offers the key.
const SYNONYMS: &[(&str, &str)] = &[
    ("题目", "标题"),
    ("时间", "日期"),
    ("发布日期", "日期"),
    ("关键词", "标签"),
    ("简介", "摘要"),
    ("发言人", "讲话人"),
    ("撰稿人", "作者"),
    ("部门", "单位"),
];

/// The Chinese names of a section's `_index.md` keys.
pub(crate) const ZH_SECTION_KEYS: &[(&str, &str)] = &[
    ("title", "标题"),
    ("description", "描述"),
    ("sort_by", "排序"),
    ("weight", "权重"),
];

/// Which names a site's documents use for their keys (import and new write the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyStyle {
    #[default]
    English,
    Chinese,
}

impl KeyStyle {
    /// The name of `key` (an English key) in this style.
    pub fn name(self, key: &str) -> &str {
        match self {
            KeyStyle::English => key,
            KeyStyle::Chinese => zh_name(key).unwrap_or(key),
        }
    }

    /// The style of a front matter block: Chinese when more of its keys are Chinese names.
    pub(crate) fn of<'k>(keys: impl IntoIterator<Item = &'k String> + Clone) -> Option<KeyStyle> {
        let zh = keys
            .clone()
            .into_iter()
            .filter(|k| english_name(k).is_some())
            .count();
        let en = keys
            .into_iter()
            .filter(|k| DOC_KEYS.contains(&k.as_str()))
            .count();
        match (zh, en) {
            (0, 0) => None,
            _ if zh > en => Some(KeyStyle::Chinese),
            _ => Some(KeyStyle::English),
        }
    }
}

/// Whether a key as written (`标题` or `title`) is the English key `key`.
pub(crate) fn same_key(written: &str, key: &str) -> bool {
    written == key || english_name(written) == Some(key)
}

/// The key style most documents under `content` use (the first 200 read), for what import
/// and new write; English when there are none, or as many of each.
pub(crate) fn site_key_style(content: &Path) -> KeyStyle {
    let (mut zh, mut en) = (0, 0);
    let docs = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| e.file_name() != "_index.md")
        .take(200);
    for e in docs {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let Ok(keys) = split(e.path(), &text).and_then(|s| top_level(e.path(), &s)) else {
            continue;
        };
        let keys: Vec<String> = keys.into_iter().map(|(k, _)| k).collect();
        match KeyStyle::of(keys.iter()) {
            Some(KeyStyle::Chinese) => zh += 1,
            Some(KeyStyle::English) => en += 1,
            None => {}
        }
    }
    if zh > en {
        KeyStyle::Chinese
    } else {
        KeyStyle::English
    }
}

/// `标题` → `title` for a document key.
pub(crate) fn english_name(zh: &str) -> Option<&'static str> {
    ZH_DOC_KEYS.iter().find(|(_, z)| *z == zh).map(|(e, _)| *e)
}

/// `title` → `标题` for a document key.
pub(crate) fn zh_name(en: &str) -> Option<&'static str> {
    ZH_DOC_KEYS.iter().find(|(e, _)| *e == en).map(|(_, z)| *z)
}

/// `date_from: text`: import took the date from the running text (it may be a deadline).
pub(crate) const DATE_FROM_TEXT: &str = "text";
/// `date_from: file`: import took the date from the file's modification time.
pub(crate) const DATE_FROM_FILE: &str = "file";

/// Front matter of a section's `_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    #[serde(default, alias = "标题")]
    pub title: Option<String>,
    #[serde(default, alias = "描述")]
    pub description: Option<String>,
    #[serde(default, alias = "排序")]
    pub sort_by: SortBy,
    /// Order of the section in navigation (lower first; sections without one come after).
    #[serde(default, alias = "权重")]
    pub weight: Option<i64>,
}

/// A section's order; the Chinese words are accepted as the values of `排序`.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    #[serde(alias = "日期")]
    Date,
    #[serde(alias = "权重")]
    Weight,
    #[serde(alias = "标题")]
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
        return Err(Diagnostic::tr(path, msg!("fm-no-front-matter"))
            .at(1, 1)
            .hint_tr(msg!("fm-no-front-matter-hint")));
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
    Err(Diagnostic::tr(path, msg!("fm-not-closed"))
        .at(1, 1)
        .hint_tr(msg!("fm-not-closed-hint")))
}

/// The line of `key:` in a document's front matter, read again from the file (for problems
/// found after parsing, which are rare enough not to keep every key's line).
/// `key` is the English name; the line of its Chinese name is found too.
pub(crate) fn key_line_in_file(path: &Path, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let split = split(path, &text).ok()?;
    let n = [Some(key), zh_name(key)]
        .into_iter()
        .flatten()
        .find_map(|name| find_key(split.yaml, name))
        .unwrap_or(0);
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
        let text_key =
            TEXT_KEYS.contains(&key) || english_name(key).is_some_and(|k| TEXT_KEYS.contains(&k));
        if text_key && !quoted && value.contains(" #") {
            out.push((split.yaml_line + i, key.to_string(), value.to_string()));
        }
    }
    out
}

/// The 1-based line of a top-level key in the YAML block, for messages.
fn key_line(yaml: &str, key: &str) -> usize {
    find_key(yaml, key).unwrap_or(0)
}

/// The 0-based line of a top-level key in the YAML block, when it stands there.
fn find_key(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
            || l.strip_prefix(&format!("\"{key}\"")).is_some()
    })
}

/// The names a document's keys may have: the English ones, their Chinese names, and each
/// configured taxonomy by its name and its label (`{name: type, label: 文种}`: `文种: 讲话提纲`).
struct Names<'t> {
    taxonomies: &'t [(&'t str, &'t str)],
}

impl<'t> Names<'t> {
    /// The English key a written name stands for, when it is one.
    fn canonical<'k>(&self, written: &'k str) -> Option<&'k str>
    where
        't: 'k,
    {
        if DOC_KEYS.contains(&written) {
            return Some(written);
        }
        if let Some(en) = english_name(written) {
            return Some(en);
        }
        self.taxonomies
            .iter()
            .find(|(name, label)| *name == written || *label == written)
            .map(|(name, _)| *name)
    }

    /// Every name a key may be written as, for "did you mean".
    fn all(&self) -> Vec<&'t str> {
        let mut known: Vec<&str> = DOC_KEYS.to_vec();
        known.extend(ZH_DOC_KEYS.iter().map(|(_, z)| *z));
        for (name, label) in self.taxonomies {
            known.extend([*name, *label]);
        }
        known.dedup();
        known
    }

    /// The hint for an unknown key: the nearest name in either language, else the list.
    fn hint(&self, written: &str) -> Msg {
        let known = self.all();
        if let Some((_, key)) = SYNONYMS.iter().find(|(w, _)| *w == written) {
            return msg!("did-you-mean", name = *key);
        }
        match did_you_mean(written, known.iter().copied()) {
            Some(s) => msg!("did-you-mean", name = s),
            None => msg!("fm-valid-keys", keys = known.join(", ")),
        }
    }
}

/// Parses a document's front matter. `taxonomies` are the configured taxonomies (name, label),
/// whose keys are accepted too.
pub fn parse_doc(
    path: &Path,
    split: &Split,
    taxonomies: &[(&str, &str)],
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
    let names = Names { taxonomies };
    let mut fm = empty_front_matter();
    // English key → the name it was first written as.
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (k, v) in &map {
        let Some(written) = k.as_str() else {
            r.error("", msg!("fm-key-not-a-name", key = format!("{k:?}")), None);
            r.last_code(Code::UnknownKey);
            continue;
        };
        let Some(key) = names.canonical(written) else {
            r.error(
                written,
                msg!("fm-unknown-key", key = written),
                Some(names.hint(written)),
            );
            r.last_code(Code::UnknownKey);
            continue;
        };
        if let Some(first) = seen.insert(key, written) {
            r.twice(first, written);
            continue;
        }
        r.read(&mut fm, key, written, v, folder);
    }
    r.required(&fm, &seen, split.yaml_line);
    if r.errors.is_empty() {
        Ok(fm)
    } else {
        Err(r.errors)
    }
}

fn empty_front_matter() -> FrontMatter {
    FrontMatter {
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
    }
}

/// Parses a section's `_index.md` front matter (empty front matter allowed). A key written
/// under both its names is an error naming both lines (serde would name only one).
pub(crate) fn parse_section(path: &Path, split: &Split) -> Result<SectionMeta, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Ok(SectionMeta::default());
    }
    if let Ok(map) = parse_yaml_at::<serde_yaml::Mapping>(path, split.yaml, split.yaml_line - 1) {
        let mut r = Reader {
            path,
            yaml: split.yaml,
            first_line: split.yaml_line,
            errors: Vec::new(),
        };
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for written in map.keys().filter_map(|k| k.as_str()) {
            let key = ZH_SECTION_KEYS
                .iter()
                .find(|(_, z)| *z == written)
                .map_or(written, |(e, _)| *e);
            if let Some(first) = seen.insert(key, written) {
                r.twice(first, written);
            }
        }
        if let Some(d) = r.errors.into_iter().next() {
            return Err(d);
        }
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
    /// Reads the value of one key (`key` in English, `name` as written) into `fm`.
    fn read(
        &mut self,
        fm: &mut FrontMatter,
        key: &str,
        name: &str,
        v: &serde_yaml::Value,
        folder: &str,
    ) {
        match key {
            "title" => fm.title = self.text(name, v).unwrap_or_default(),
            "date" => {
                if let Some(d) = self.date(name, v) {
                    fm.date = d;
                }
            }
            "batch" => fm.batch = self.batch(name, v),
            "unit" => fm.unit = self.text(name, v),
            "author" => fm.author = self.text(name, v),
            "speaker" => fm.speaker = self.text(name, v),
            "location" => fm.location = self.text(name, v),
            "summary" => fm.summary = self.text(name, v),
            "slug" => fm.slug = self.text(name, v),
            "tags" => fm.tags = self.terms(name, v),
            "weight" => fm.weight = self.get(name, v),
            "draft" => fm.draft = self.yes_no(name, v),
            "aliases" => fm.aliases = self.get(name, v).unwrap_or_default(),
            "attachments" => fm.attachments = self.get(name, v).unwrap_or_default(),
            "extra" => fm.extra = tera::Value::from_serializable(v),
            "source" => fm.source = self.text(name, v),
            "imported" => fm.imported = self.text(name, v),
            "date_from" => fm.date_from = self.date_from(name, v),
            // (For import alone: it knows a file it imported before by this.)
            "source_sha256" => {
                self.text(name, v);
            }
            "check_allow" => fm.check_allow = self.terms(name, v),
            // The folder decides the section; the key (written by import) must agree with it.
            "section" => {
                if let Some(s) = self.text(name, v).filter(|s| s != folder) {
                    self.error(
                        name,
                        msg!(
                            "fm-section-mismatch",
                            key = name,
                            value = &s,
                            folder = folder
                        ),
                        Some(msg!(
                            "fm-section-mismatch-hint",
                            key = name,
                            value = &s,
                            folder = folder
                        )),
                    );
                }
            }
            // A configured taxonomy (the only other names `Names::canonical` gives).
            _ => {
                let terms = self.terms(name, v);
                fm.taxonomies.insert(key.to_string(), terms);
            }
        }
    }

    /// One key written twice, under its two names (`first` above, `second` here).
    fn twice(&mut self, first: &str, second: &str) {
        let line = |name: &str| self.first_line + key_line(self.yaml, name);
        let (a, b) = (line(first), line(second));
        self.error(
            second,
            msg!("fm-twice", first = first, second = second, a = a, b = b),
            Some(msg!("fm-twice-hint", a = a, b = b)),
        );
        self.last_code(Code::DuplicateKey);
    }

    /// The keys every document needs: a title that is not empty and a date.
    fn required(&mut self, fm: &FrontMatter, seen: &BTreeMap<&str, &str>, first_line: usize) {
        if !seen.contains_key("title") {
            self.errors.push(
                Diagnostic::tr(self.path, msg!("fm-no-title"))
                    .code(Code::MissingTitle)
                    .at(first_line, 1)
                    .hint_tr(msg!("fm-no-title-hint")),
            );
        } else if fm.title.is_empty() && self.errors.is_empty() {
            let name = seen["title"];
            self.error(name, msg!("fm-title-empty"), None);
            self.last_code(Code::MissingTitle);
        }
        if !seen.contains_key("date") {
            self.errors.push(
                Diagnostic::tr(self.path, msg!("fm-no-date"))
                    .code(Code::MissingDate)
                    .at(first_line, 1)
                    .hint_tr(msg!("fm-no-date-hint")),
            );
        }
    }

    /// `true`/`false`, or as Chinese writers answer, 是/否.
    fn yes_no(&mut self, key: &str, v: &serde_yaml::Value) -> bool {
        match v.as_str().map(str::trim) {
            Some("是") => true,
            Some("否") => false,
            _ => self.get(key, v).unwrap_or(false),
        }
    }

    /// Names the kind of the error just recorded more precisely.
    fn last_code(&mut self, code: Code) {
        if let Some(d) = self.errors.last_mut() {
            d.code = code;
        }
    }

    fn error(&mut self, key: &str, message: Msg, hint: Option<Msg>) {
        let line = self.first_line + key_line(self.yaml, key);
        let mut d = Diagnostic::tr(self.path, message)
            .at(line, 1)
            .code(Code::WrongType);
        if let Some(h) = hint {
            d = d.hint_tr(h);
        }
        self.errors.push(d);
    }

    fn get<T: DeserializeOwned>(&mut self, key: &str, v: &serde_yaml::Value) -> Option<T> {
        match serde_yaml::from_value(v.clone()) {
            Ok(t) => Some(t),
            Err(e) => {
                let hint = match english_name(key).unwrap_or(key) {
                    "weight" => Some(msg!("fm-weight-hint", key = key)),
                    "draft" => Some(msg!("fm-draft-hint", key = key)),
                    "aliases" => Some(msg!("fm-aliases-hint", key = key)),
                    "attachments" => Some(msg!("fm-attachments-hint", key = key)),
                    _ => None,
                };
                let message = msg!("fm-wrong-type", key = key, detail = e.to_string());
                self.error(key, message, hint);
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
                self.error(key, msg!("fm-not-text", key = key), None);
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
                msg!("fm-bad-date", key = key, value = &s),
                Some(msg!("fm-bad-date-hint")),
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
                crate::msg!("fm-bad-date-from", value = &s, key = key),
                Some(crate::msg!("fm-bad-date-from-hint")),
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
                msg!("fm-bad-batch", key = key, value = &s),
                Some(msg!("fm-bad-batch-hint")),
            );
        }
        n
    }
}

/// Front matter lines for `fields` (written by import): YAML that this module reads back to
/// the same values, whatever the text holds (quotes, colons, leading brackets).
/// `style` names the keys (`fields` are given by their English names).
pub(crate) fn yaml_lines(fields: &[(&str, FieldValue)], style: KeyStyle) -> String {
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
        map.insert(serde_yaml::Value::String(style.name(k).to_string()), value);
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
        let taxonomies = [
            ("batch", "批次"),
            ("unit", "单位"),
            ("tags", "标签"),
            ("type", "文种"),
        ];
        parse_doc(p, &s, &taxonomies, "speeches")
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
    fn chinese_keys_read_as_the_english_ones_and_drafts_take_yes_and_no() {
        let fm = parse(
            "---\n标题: 讲话\n日期: 2023年9月1日\n批次: 第二批\n文种: 讲话提纲\n草稿: 是\n---\n",
        )
        .unwrap();
        assert_eq!(
            (fm.title.as_str(), fm.batch, fm.draft),
            ("讲话", Some(2), true)
        );
        assert_eq!(fm.taxonomies["type"], vec!["讲话提纲"]);
        let fm = parse("---\ntitle: a\ndate: 2023-09-01\ndraft: 否\n---\n").unwrap();
        assert!(!fm.draft);
        let errs = parse("---\ntitle: a\ndate: 2023-09-01\n草稿: 也许\n---\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].code), (Some(4), Code::WrongType));
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
