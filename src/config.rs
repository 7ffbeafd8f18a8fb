//! Site settings from config.yaml (and theme settings from theme.yaml): typed, defaulted, and
//! strict — an unknown key is an error naming its line and the nearest valid key. The YAML crate
//! is used here and in `source::frontmatter` only, so it can be swapped in one place.

use crate::diag::{did_you_mean, Code, Diagnostic, Severity};
use crate::i18n::Msg;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(alias = "标题")]
    pub title: String,
    #[serde(default, alias = "描述")]
    pub description: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme", alias = "主题")]
    pub theme: String,
    #[serde(default)]
    pub relative_urls: bool,
    #[serde(default = "default_paginate", alias = "每页篇数")]
    pub paginate: usize,
    #[serde(default = "default_taxonomies")]
    pub taxonomies: Vec<TaxonomyConfig>,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Build the full-text search index and the search page (搜索).
    #[serde(default = "yes")]
    pub search: bool,
    /// Reading speed in Han characters per minute.
    #[serde(default = "default_reading_speed")]
    pub reading_speed: u32,
    /// Free map for themes, available in templates as `site.extra`.
    #[serde(default = "empty_map", deserialize_with = "yaml_to_tera")]
    pub extra: tera::Value,
    /// `huibian check` settings.
    #[serde(default)]
    pub check: CheckConfig,
    /// The sections' order, by folder name (`[speeches, guides, experiences]`); sections not
    /// named come after, ordered as `site::section_order` says.
    #[serde(default)]
    pub sections: Vec<String>,
    /// How photos and other raster images are published (src/images/).
    #[serde(default)]
    pub images: ImagesConfig,
    /// `huibian pdf` settings.
    #[serde(default)]
    pub pdf: PdfConfig,
}

/// `pdf:` in config.yaml: the printed book's cover and fonts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfConfig {
    /// The cover's title (default: the site's `title`).
    #[serde(default)]
    pub title: Option<String>,
    /// The issuing office: on the cover, and the PDF's author.
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub fonts: PdfFonts,
}

/// Font families to use before the built-in lists, per face GB/T 9704 names; each a name or
/// a list of names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfFonts {
    #[serde(default, deserialize_with = "one_or_many")]
    pub fangsong: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub xiaobiaosong: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub heiti: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub kaiti: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub songti: Vec<String>,
}

impl PdfFonts {
    /// The names given for a face by its key (`fangsong`, …).
    #[cfg(feature = "pdf")]
    pub(crate) fn get(&self, key: &str) -> &[String] {
        match key {
            "fangsong" => &self.fangsong,
            "xiaobiaosong" => &self.xiaobiaosong,
            "heiti" => &self.heiti,
            "kaiti" => &self.kaiti,
            "songti" => &self.songti,
            _ => &[],
        }
    }
}

/// `fangsong: 方正仿宋_GBK` or `fangsong: [A, B]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// `images:` in config.yaml: the web sizes of published images, and what of the originals goes
/// out.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    /// The longest side of the largest web size, in pixels.
    pub max_size: u32,
    /// The narrower widths offered beside it in `srcset`, in pixels.
    pub widths: Vec<u32>,
    /// JPEG quality of the web sizes, 1–100.
    pub quality: u8,
    /// Publish every original untouched at its own name (camera data included); the page still
    /// shows the web sizes.
    pub keep_originals: bool,
    /// Each picture in a text links to its full-size version.
    pub link_full_size: bool,
    /// `huibian check` warns about originals larger than this many MB.
    pub warn_over_mb: f64,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            max_size: 1600,
            widths: vec![480, 960],
            quality: 82,
            keep_originals: false,
            link_full_size: false,
            warn_over_mb: 5.0,
        }
    }
}

impl ImagesConfig {
    /// The largest web size a site may ask for: past it a page's photo is a download again.
    pub(crate) const MAX_SIZE: u32 = 8192;

    fn validate(&self, path: &Path) -> Result<(), Diagnostic> {
        let line = |key: &str| key_line(path, key);
        let bad = |key: &str, msg: crate::i18n::Msg, hint: crate::i18n::Msg| {
            let mut d = Diagnostic::tr(path, msg).code(Code::Config).hint_tr(hint);
            if let Some(l) = line(key) {
                d = d.line(l);
            }
            Err(d)
        };
        if !(16..=Self::MAX_SIZE).contains(&self.max_size) {
            return bad(
                "max_size",
                crate::msg!(
                    "config-max-size",
                    value = self.max_size.to_string(),
                    max = Self::MAX_SIZE.to_string()
                ),
                crate::msg!("config-max-size-hint"),
            );
        }
        if let Some(w) = self
            .widths
            .iter()
            .find(|w| !(16..self.max_size).contains(*w))
        {
            return bad(
                "widths",
                crate::msg!(
                    "config-widths",
                    value = w.to_string(),
                    max = self.max_size.to_string()
                ),
                crate::msg!("config-widths-hint"),
            );
        }
        if !(1..=100).contains(&self.quality) {
            return bad(
                "quality",
                crate::msg!("config-quality", value = self.quality.to_string()),
                crate::msg!("config-quality-hint"),
            );
        }
        if !(self.warn_over_mb > 0.0 && self.warn_over_mb.is_finite()) {
            return bad(
                "warn_over_mb",
                crate::msg!("config-warn-over-mb", value = self.warn_over_mb.to_string()),
                crate::msg!("config-warn-over-mb-hint"),
            );
        }
        Ok(())
    }
}

/// The line of `key:` inside config.yaml's `images:` block (the block's own line when it is
/// written on one line), for messages.
fn key_line(path: &Path, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines().enumerate();
    let (start, first) = lines.find(|(_, l)| l.starts_with("images:"))?;
    if first.contains('{') {
        return Some(start + 1);
    }
    let inside = lines.take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '\t', '#']));
    let found = inside
        .filter(|(_, l)| l.trim_start().starts_with(&format!("{key}:")))
        .map(|(i, _)| i + 1)
        .next();
    Some(found.unwrap_or(start + 1))
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Warning codes not reported for any document, e.g. `ascii-punctuation`.
    #[serde(default)]
    pub allow: Vec<String>,
}

impl CheckConfig {
    /// A misspelt code, or an error's, in `allow` would switch nothing off, with no word why.
    fn validate(&self, path: &Path) -> Result<(), Diagnostic> {
        let warning = |a: &String| {
            a.parse()
                .is_ok_and(|c: Code| c.severity() == Severity::Warning)
        };
        let Some(bad) = self.allow.iter().find(|a| !warning(a)) else {
            return Ok(());
        };
        let message = match bad.parse::<Code>() {
            Ok(_) => crate::msg!("allow-an-error", code = bad),
            Err(_) => crate::msg!("allow-no-code", code = bad),
        };
        let warnings: Vec<&str> = Code::warnings().map(Code::as_str).collect();
        let hint = match did_you_mean(bad, warnings.iter().copied()) {
            Some(near) if bad.parse::<Code>().is_err() => crate::msg!("did-you-mean", name = near),
            _ => crate::msg!("allow-codes", codes = warnings.join(", ")),
        };
        Err(Diagnostic::tr(path, message).hint_tr(hint))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// The front matter key, e.g. `tags`.
    pub name: String,
    /// The Chinese label shown to readers, e.g. 标签.
    pub label: String,
    /// The URL segment, e.g. `tags` → /tags/<term>/.
    #[serde(default)]
    pub segment: Option<String>,
}

impl TaxonomyConfig {
    pub(crate) fn segment(&self) -> &str {
        self.segment.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Join hard-wrapped Chinese lines (CJK.md: soft breaks).
    pub cjk_line_breaks: bool,
    /// Off by default: it turns Chinese "快" into mismatched curly quotes.
    pub smart_punctuation: bool,
    pub footnotes: bool,
    pub tables: bool,
    /// Publish raw HTML in documents as written. Off: it is sanitised (no scripts, handlers,
    /// frames, forms, javascript: links).
    pub unsafe_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            cjk_line_breaks: true,
            smart_punctuation: false,
            footnotes: true,
            tables: true,
            unsafe_html: false,
        }
    }
}

/// theme.yaml: what a theme says about itself.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// A parent theme whose templates and static files fill in what this one lacks.
    #[serde(default)]
    pub extends: Option<String>,
    /// UI labels, overridable by `extra.labels` in config.yaml.
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}
fn default_base_url() -> String {
    "/".into()
}
fn default_language() -> String {
    "zh-CN".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    20
}
fn default_reading_speed() -> u32 {
    400
}
fn empty_map() -> tera::Value {
    tera::Value::from_serializable(&std::collections::BTreeMap::<String, String>::new())
}

pub(crate) fn default_taxonomies() -> Vec<TaxonomyConfig> {
    [("batch", "批次"), ("unit", "单位"), ("tags", "标签")]
        .into_iter()
        .map(|(name, label)| TaxonomyConfig {
            name: name.into(),
            label: label.into(),
            segment: None,
        })
        .collect()
}

fn yaml_to_tera<'de, D: serde::Deserializer<'de>>(d: D) -> Result<tera::Value, D::Error> {
    let v = serde_yaml::Value::deserialize(d)?;
    Ok(tera::Value::from_serializable(&v))
}

impl Config {
    pub(crate) fn load(path: &Path) -> Result<Config, Diagnostic> {
        // The site's title and extra values are published: read from the site only.
        let site = crate::fsio::resolve(path.parent().unwrap_or(Path::new(".")));
        if let Some(d) = crate::fsio::link_leaving(path, &site) {
            return Err(d);
        }
        let text = crate::fsio::read_text(path)
            .map_err(|d| d.hint_tr(crate::msg!("config-needed-hint")))?;
        let config: Config = parse_yaml(path, &text)?;
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<(), Diagnostic> {
        if self.paginate == 0 {
            return Err(Diagnostic::tr(path, crate::msg!("config-paginate")));
        }
        if self.reading_speed == 0 {
            return Err(Diagnostic::tr(path, crate::msg!("config-reading-speed")));
        }
        let mut seen = std::collections::HashSet::new();
        for t in &self.taxonomies {
            let seg = t.segment();
            let bad = seg.is_empty()
                || !seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if bad {
                return Err(Diagnostic::tr(
                    path,
                    crate::msg!("config-bad-segment", name = &t.name, segment = seg),
                )
                .hint_tr(crate::msg!("config-bad-segment-hint")));
            }
            if !seen.insert(seg.to_string()) {
                return Err(Diagnostic::tr(
                    path,
                    crate::msg!("config-same-segment", segment = seg),
                ));
            }
        }
        self.images.validate(path)?;
        self.check.validate(path)
    }

    /// The path part of base_url, always starting and ending with `/`: the prefix of every
    /// internal link when URLs are not relative.
    pub(crate) fn base_path(&self) -> String {
        let rest = match self.base_url.find("://") {
            Some(i) => {
                let after = &self.base_url[i + 3..];
                after.find('/').map_or("/", |j| &after[j..])
            }
            None => self.base_url.as_str(),
        };
        let mut p = String::from("/");
        p.push_str(rest.trim_matches('/'));
        if !p.ends_with('/') {
            p.push('/');
        }
        p
    }

    /// The absolute site URL for feeds and the sitemap, when base_url names a host.
    pub(crate) fn absolute_base(&self) -> Option<String> {
        self.base_url.contains("://").then(|| {
            let mut b = self.base_url.trim_end_matches('/').to_string();
            b.push('/');
            b
        })
    }
}

impl ThemeConfig {
    pub(crate) fn load(path: &Path) -> Result<ThemeConfig, Diagnostic> {
        if !path.exists() {
            return Ok(ThemeConfig::default());
        }
        let text = crate::fsio::read_text(path)?;
        if text.trim().is_empty() {
            return Ok(ThemeConfig::default());
        }
        parse_yaml(path, &text)
    }
}

/// Deserialises YAML, turning serde's messages into diagnostics with the line, and a
/// "did you mean" for unknown keys.
pub(crate) fn parse_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, Diagnostic> {
    parse_yaml_at(path, text, 0)
}

/// As `parse_yaml`, for YAML that starts `line_offset` lines into the file (front matter).
pub(crate) fn parse_yaml_at<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| {
        if let Some(d) = control_character(path, text, line_offset) {
            return d;
        }
        if let Some(d) = duplicate_key(path, text, line_offset, &e.to_string()) {
            return d;
        }
        let mut d = yaml_diagnostic(path, &yaml_message(&e.to_string()));
        if let Some(loc) = e.location() {
            d = d.at(loc.line() + line_offset, loc.column());
        }
        let line = e.location().map(|l| l.line());
        match unknown_field_suggestion(&e.to_string())
            .or_else(|| yaml_hint(&e.to_string(), text, line, line_offset))
        {
            Some(s) => d.hint_tr(s),
            None => d,
        }
    })
}

/// The parser's message; the two people meet most (a key that is not one, one missing) in
/// the user's language, with the same English.
fn yaml_diagnostic(path: &Path, message: &str) -> Diagnostic {
    let quoted = |rest: &str| {
        rest.split_once('`')
            .map(|(k, after)| (k.to_string(), after.to_string()))
    };
    if let Some((key, after)) = message.strip_prefix("unknown field `").and_then(quoted) {
        if let Some(list) = after.strip_prefix(", expected one of ") {
            let m = crate::msg!("yaml-unknown-field", key = key, list = list);
            if m.text(crate::i18n::Lang::En) == message {
                return Diagnostic::tr(path, m);
            }
        }
    }
    if let Some((key, after)) = message.strip_prefix("missing field `").and_then(quoted) {
        if after.is_empty() {
            return Diagnostic::tr(path, crate::msg!("yaml-missing-field", key = key));
        }
    }
    if let Some(key) = message.strip_prefix("duplicate entry with key ") {
        return Diagnostic::tr(path, crate::msg!("yaml-duplicate", key = key));
    }
    Diagnostic::tr(path, crate::msg!("yaml-other", detail = message))
}

/// A key given twice (`base_url` written by init, and again at the end of the file): the
/// parser says so at the mapping's start (1:1); this names both lines, at the second.
fn duplicate_key(path: &Path, text: &str, line_offset: usize, msg: &str) -> Option<Diagnostic> {
    // serde's word for a struct's field, and the YAML crate's for a mapping's key.
    let key = match (
        msg.split_once("duplicate field `"),
        msg.split_once("duplicate entry with key \""),
    ) {
        (Some((_, k)), _) => k.split('`').next()?,
        (None, Some((_, k))) => k.split('"').next()?,
        _ => return None,
    };
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|(i, _)| i + 1 + line_offset)
        .collect();
    let [first, second, ..] = lines[..] else {
        return None;
    };
    Some(
        Diagnostic::tr(
            path,
            crate::msg!(
                "yaml-given-twice",
                key = key,
                first = first,
                second = second
            ),
        )
        .at(second, 1)
        .hint_tr(crate::msg!("yaml-given-twice-hint")),
    )
}

/// The first character YAML does not allow (a C0 or C1 control but tab, newline and NEL;
/// U+FFFE/U+FFFF), at its own line and column: the parser's message says only "at position N".
fn control_character(path: &Path, text: &str, line_offset: usize) -> Option<Diagnostic> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    let (offset, c) = text.char_indices().find(|&(_, c)| bad(c))?;
    let (line, col) = crate::diag::line_col(text, offset);
    Some(
        Diagnostic::tr(
            path,
            crate::msg!("yaml-control", code = format!("{:04X}", c as u32)),
        )
        .at(line + line_offset, col)
        .hint_tr(crate::msg!("control-character-hint")),
    )
}

/// What to do about the YAML mistakes Chinese front matter makes most: a full-width colon
/// typed by the input method, a colon or a leading `*` (redaction) in a value, a tab, an
/// unclosed list. `line`: where the parser stopped, counted in `text` from 1.
fn yaml_hint(msg: &str, text: &str, line: Option<usize>, line_offset: usize) -> Option<Msg> {
    // (The parser stops at or after the line with the full-width colon: look at all of them.)
    let full_width = text.lines().enumerate().find_map(|(i, l)| {
        let (key, _) = l.split_once('：')?;
        let ascii = key
            .trim()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        // A Chinese key (`标题：`) at the start of a line, as the input method types it.
        let chinese = !key.starts_with(char::is_whitespace)
            && key.chars().count() <= 8
            && key.chars().all(char::is_alphanumeric);
        let key = key.trim();
        let is_key = !key.is_empty() && !key.contains(':') && (ascii || chinese);
        is_key.then(|| (i + 1 + line_offset, key.to_string()))
    });
    if let Some((n, key)) = full_width {
        return Some(crate::msg!("yaml-full-width-colon", line = n, key = key));
    }
    let here = line
        .and_then(|n| text.lines().nth(n.checked_sub(1)?))
        .unwrap_or("");
    let key = here.split_once(':').map_or("title", |(k, _)| k.trim());
    if msg.contains("tab character") || here.starts_with('\t') {
        Some(crate::msg!("yaml-tab"))
    } else if msg.contains("mapping values are not allowed") {
        Some(crate::msg!("yaml-colon-in-value", key = key))
    } else if msg.contains("alias") || msg.contains("anchor") {
        Some(crate::msg!("yaml-star", key = key))
    } else if msg.contains("cannot start any") {
        Some(crate::msg!("yaml-reserved", key = key))
    } else if msg.contains("flow sequence") {
        Some(crate::msg!("yaml-open-list"))
    } else if msg.contains("flow mapping") {
        Some(crate::msg!("yaml-open-map"))
    } else {
        None
    }
}

/// serde_yaml puts " at line N column M" (counted inside the YAML block) into its messages;
/// we print the file's own position instead.
fn yaml_message(msg: &str) -> String {
    let mut out = without_chinese_names(msg);
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let n = digits(rest);
        let after = &rest[n..];
        let end = match after.strip_prefix(" column ") {
            Some(c) => i + " at line ".len() + n + " column ".len() + digits(c),
            None => i + " at line ".len() + n,
        };
        out.replace_range(i..end, "");
    }
    out
}

/// serde's "expected one of `title`, `标题`, …" without the Chinese names of keys (the serde
/// aliases): the list stays the one English users know; "did you mean" still looks at both.
fn without_chinese_names(msg: &str) -> String {
    let Some(i) = msg.find("expected one of ") else {
        return msg.to_string();
    };
    let (head, list) = msg.split_at(i + "expected one of ".len());
    let kept: Vec<&str> = list
        .split(", ")
        .filter(|item| item.is_ascii() || !item.starts_with('`'))
        .collect();
    format!("{head}{}", kept.join(", "))
}

/// From "unknown field `tittle`, expected one of `title`, …" make "did you mean `title`?".
pub(crate) fn unknown_field_suggestion(msg: &str) -> Option<Msg> {
    let start = msg.find("unknown field `")? + "unknown field `".len();
    let field = &msg[start..start + msg[start..].find('`')?];
    let rest = &msg[start + field.len() + 1..];
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match did_you_mean(field, expected.iter().copied()) {
        Some(best) => Some(crate::msg!("did-you-mean", name = best)),
        None => Some(crate::msg!("yaml-valid-keys", keys = expected.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_line_and_nearest_key() {
        let err = parse_yaml::<Config>(Path::new("config.yaml"), "title: 站点\npaginat: 10\n")
            .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.contains("unknown field `paginat`"),
            "{}",
            err.message
        );
        assert_eq!(err.hint.as_deref(), Some("did you mean `paginate`?"));
    }

    #[test]
    fn base_path_from_url() {
        let mut c: Config = parse_yaml(Path::new("c"), "title: t\n").unwrap();
        assert_eq!(c.base_path(), "/");
        c.base_url = "http://intranet/zhutijiaoyu".into();
        assert_eq!(c.base_path(), "/zhutijiaoyu/");
        assert_eq!(c.absolute_base().unwrap(), "http://intranet/zhutijiaoyu/");
        c.base_url = "/a/b/".into();
        assert_eq!(c.base_path(), "/a/b/");
    }

    #[test]
    fn check_allow_takes_warning_codes_only() {
        let allow = |list: &str| {
            let c: Config = parse_yaml(
                Path::new("c"),
                &format!("title: t\ncheck:\n  allow: {list}\n"),
            )
            .unwrap();
            c.validate(Path::new("c")).map_err(|d| (d.message, d.hint))
        };
        assert!(allow("[ascii-punctuation, future-date]").is_ok());
        let (message, hint) = allow("[ascii-punctuaton]").unwrap_err();
        assert!(message.contains("`ascii-punctuaton`, which is no warning code"));
        assert_eq!(hint.as_deref(), Some("did you mean `ascii-punctuation`?"));
        let (message, hint) = allow("[future-date, broken-link]").unwrap_err();
        assert!(message.contains("`broken-link`, an error: errors cannot be switched off"));
        assert!(hint.unwrap().contains("literal-emphasis"));
    }
}
