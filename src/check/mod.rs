//! `huibian check`: every problem of a site at once — the build's errors (the same checks, run
//! in memory) and the warnings Chinese campaign documents need before publishing — each with
//! file:line:column, a stable code and a fix, as text or JSON lines.

mod external;
mod marks;

use crate::diag::{Code, Diagnostic, Severity};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::site::{Doc, Site};
use crate::zh;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

pub struct Options {
    pub root: PathBuf,
    /// Check http(s) links too.
    pub external: bool,
    /// Include drafts (as serve shows them).
    pub drafts: bool,
}

/// Every problem found, in file and line order; each one's severity is its code's.
pub struct Report {
    pub findings: Vec<Diagnostic>,
    /// The drafts left out of the check (content/-relative paths).
    pub drafts: Vec<String>,
}

pub fn run(opts: &Options) -> Report {
    let mut report = Report {
        findings: Vec::new(),
        drafts: Vec::new(),
    };
    let root = &opts.root;
    let error = |d: Diagnostic, code: Code, r: &mut Report| {
        r.findings.push(d.or_code(code).relative_to(root))
    };
    let project = match crate::pipeline::Project::load(root, None, false) {
        Ok(p) => p,
        Err(d) => {
            error(d, Code::Config, &mut report);
            return report;
        }
    };
    // Documents that cannot be read are reported and left out; the others are still checked.
    let (source, errors) = project.sources(opts.drafts, &mut Default::default());
    let had_source_errors = !errors.is_empty();
    for d in errors {
        error(d, Code::FrontMatter, &mut report);
    }
    let (images, errors) =
        project.images(&source, crate::images::Mode::Survey, &Default::default());
    // (A broken image leaves the pages whole: its links stay plain links to the file.)
    for d in errors {
        error(d, Code::BadImage, &mut report);
    }
    let theme = project.theme();
    let config = project.config;
    let (site, errors) = crate::site::assemble_all(
        config,
        source,
        images,
        opts.drafts,
        &crate::site::MdCache::default(),
    );
    let had_site_errors = had_source_errors || !errors.is_empty();
    report.drafts = site.drafts.clone();
    for d in errors {
        error(d, Code::Site, &mut report);
    }
    match theme {
        Err(ds) => {
            for d in ds {
                error(d, Code::Template, &mut report);
            }
        }
        // Templates can only be tried on a site without errors (their input would be partial).
        Ok(mut theme) if !had_site_errors => {
            if let Err(ds) = crate::render::render(&site, &mut theme, &crate::output::Discard) {
                for d in ds {
                    error(d, Code::Template, &mut report);
                }
            }
        }
        Ok(_) => {}
    }
    let mut links = Vec::new();
    for d in lint(&site, &mut links) {
        report.findings.push(d.relative_to(root));
    }
    if opts.external {
        for d in external::check(&site, &links) {
            error(d, Code::ExternalLink, &mut report);
        }
    }
    // What the site and each document say not to report.
    let site_allow = &site.config.check.allow;
    let by_path: HashMap<PathBuf, &Vec<String>> = site
        .docs
        .iter()
        .map(|d| {
            (
                d.path.strip_prefix(root).unwrap_or(&d.path).to_path_buf(),
                &d.fm.check_allow,
            )
        })
        .collect();
    report.findings.retain(|f| {
        let code = f.code.as_str();
        f.severity() == Severity::Error
            || !(site_allow.iter().any(|a| a == code)
                || by_path
                    .get(&f.file)
                    .is_some_and(|allow| allow.iter().any(|a| a == code)))
    });
    report.findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity()).cmp(&(&b.file, b.line, b.column, b.severity()))
    });
    report
}

/// An external link found in a document: (document, byte offset, URL).
pub type ExternalLink = (usize, usize, String);

/// The warnings of every document; http(s) links are collected into `links` on the way.
fn lint(site: &Site, links: &mut Vec<ExternalLink>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let today = chrono::Local::now().date_naive();
    let mut titles: HashMap<&str, Vec<&Doc>> = HashMap::new();
    for d in &site.docs {
        titles.entry(d.fm.title.as_str()).or_default().push(d);
    }
    for (i, d) in site.docs.iter().enumerate() {
        let at = |offset: usize| {
            let (line, col) = crate::diag::line_col(&d.body, offset);
            (d.body_line + line - 1, col)
        };
        let key_line = |key: &str| crate::source::frontmatter::key_line_in_file(&d.path, key);
        let mut warn =
            |offset: Option<usize>, line: Option<usize>, code, message: Msg, fix: Msg| {
                let mut w = Diagnostic::tr(&d.path, message).code(code).hint_tr(fix);
                if let Some(o) = offset {
                    let (l, c) = at(o);
                    w = w.at(l, c);
                } else if let Some(l) = line {
                    w = w.line(l);
                }
                out.push(w);
            };
        let scan = scan_body(&d.body, (&site.config.markdown).into(), &|s| d.sheet(s));
        for (offset, url) in &scan.links {
            if url.starts_with("http://") || url.starts_with("https://") {
                links.push((i, *offset, url.clone()));
            }
        }
        for (text, places) in &scan.texts {
            text_warnings(text, places, &mut |o, code, m, fix| {
                warn(Some(o), None, code, m, fix)
            });
        }
        if let Some((offset, _)) = scan.full_width_digit.filter(|_| scan.ascii_digit) {
            warn(
                Some(offset),
                None,
                Code::MixedDigits,
                msg!("warn-mixed-digits"),
                msg!("warn-mixed-digits-hint"),
            );
        }
        if d.fm.summary.is_none() {
            if let Some((offset, n)) = scan.first_paragraph.filter(|(_, n)| *n > 300) {
                warn(
                    Some(offset),
                    None,
                    Code::LongFirstParagraph,
                    msg!("warn-long-first-paragraph", n = n),
                    msg!("warn-long-first-paragraph-hint"),
                );
            }
        }
        for other in titles.get(d.fm.title.as_str()).into_iter().flatten() {
            if other.rel != d.rel {
                warn(
                    None,
                    key_line("title"),
                    Code::DuplicateTitle,
                    msg!(
                        "warn-duplicate-title",
                        title = &d.fm.title,
                        other = &other.rel
                    ),
                    msg!("warn-duplicate-title-hint"),
                );
            }
        }
        for (line, key, value) in crate::source::frontmatter::comments_in_text_values(&d.path) {
            let kept = value.split(" #").next().unwrap_or("").trim_end();
            warn(
                None,
                Some(line),
                Code::CommentInValue,
                msg!(
                    "warn-comment-in-value",
                    key = &key,
                    value = &value,
                    kept = kept
                ),
                msg!("warn-comment-in-value-hint", key = &key, value = &value),
            );
        }
        if d.fm.date.date > today {
            warn(
                None,
                key_line("date"),
                Code::FutureDate,
                msg!("warn-future-date", date = d.fm.date.zh()),
                msg!("warn-future-date-hint"),
            );
        }
        if let Some(from) = &d.fm.date_from {
            let how = if from == crate::source::frontmatter::DATE_FROM_FILE {
                msg!("guessed-from-file-time")
            } else {
                msg!("guessed-from-text")
            };
            warn(
                None,
                key_line("date_from"),
                Code::UnconfirmedDate,
                msg!("warn-unconfirmed-date", date = d.fm.date.zh(), how = how),
                msg!("warn-unconfirmed-date-hint", from = from),
            );
        }
        let linked: Vec<String> = scan
            .links
            .iter()
            .map(|(_, u)| crate::site::urls::percent_decode(u.split('#').next().unwrap_or(u)))
            .collect();
        for a in &d.attachments {
            let titled = d.fm.attachments.contains_key(&a.name);
            let named = linked.iter().any(|l| l.trim_start_matches("./") == a.name);
            if !titled && !named {
                warn(
                    None,
                    key_line("attachments").or(key_line("title")),
                    Code::UnlinkedAttachment,
                    msg!("warn-unlinked-attachment", name = &a.name),
                    msg!("warn-unlinked-attachment-hint"),
                );
            }
        }
        for (offset, dest) in &scan.no_alt {
            warn(
                Some(*offset),
                None,
                Code::MissingAlt,
                msg!("warn-missing-alt", dest = dest),
                msg!("warn-missing-alt-hint"),
            );
        }
        out.extend(pair_warnings(d, &scan));
        out.extend(unfit_characters(d));
    }
    out.extend(large_images(site));
    out
}

/// Originals over `images.warn_over_mb`: published in web sizes, but kept whole in content/,
/// in every copy of the site folder and in every archive's source/.
fn large_images(site: &Site) -> Vec<Diagnostic> {
    let limit = site.config.images.warn_over_mb;
    let mut out: Vec<Diagnostic> = site
        .images
        .by_rel
        .values()
        .filter(|p| p.original.1 as f64 > limit * 1_048_576.0)
        .map(|p| {
            let (path, bytes, w, h) = &p.original;
            let m = crate::msg!(
                "check-large-image",
                size = crate::render::context::human_size(*bytes),
                w = w.to_string(),
                h = h.to_string(),
                limit = limit.to_string()
            );
            Diagnostic::tr(path, m)
                .code(Code::LargeImage)
                .hint_tr(crate::msg!("check-large-image-hint"))
        })
        .collect();
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// The characters XML cannot hold (see render/xml.rs) that a document brings.
fn unfit_characters(d: &Doc) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(&d.path).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut out = unfit_in_file(d, text);
    out.extend(unfit_in_values(d, text));
    out
}

/// Each one written in the file, at its line and column.
fn unfit_in_file(d: &Doc, text: &str) -> Vec<Diagnostic> {
    use crate::render::xml::{describe, unfit};
    text.char_indices()
        .filter(|&(_, c)| unfit(c))
        .map(|(offset, c)| {
            let (line, col) = crate::diag::line_col(text, offset);
            Diagnostic::tr(&d.path, msg!("warn-control-in-text", what = describe(c)))
                .at(line, col)
                .code(Code::ControlCharacter)
                .hint_tr(msg!("control-character-hint"))
        })
        .collect()
}

/// Each one a front matter value got from an escape in quotes (`title: "标题\x0b"`), at the
/// key's line: the front matter itself does not hold the character.
fn unfit_in_values(d: &Doc, text: &str) -> Vec<Diagnostic> {
    use crate::render::xml::unfit;
    let fm = &d.fm;
    let values: [(&str, Vec<&String>); 7] = [
        ("title", vec![&fm.title]),
        ("summary", fm.summary.iter().collect()),
        ("unit", fm.unit.iter().collect()),
        ("author", fm.author.iter().collect()),
        ("speaker", fm.speaker.iter().collect()),
        ("location", fm.location.iter().collect()),
        ("tags", fm.tags.iter().collect()),
    ];
    let yaml = crate::source::frontmatter::split(&d.path, text).map_or("", |s| s.yaml);
    let mut out = Vec::new();
    for (key, texts) in values {
        let mut found: Vec<char> = Vec::new();
        for c in texts.iter().flat_map(|t| t.chars()) {
            if unfit(c) && !yaml.contains(c) && !found.contains(&c) {
                found.push(c);
            }
        }
        let Some(&c) = found.first() else {
            continue;
        };
        let codes: Vec<String> = found
            .iter()
            .map(|&c| format!("U+{:04X}", c as u32))
            .collect();
        let m = crate::msg!("check-escaped-control", key = key, codes = codes.join(", "));
        let hint = crate::msg!(
            "check-escaped-control-hint",
            key = key,
            x = format!("\\x{:02x}", c as u32),
            u = format!("\\u{:04x}", c as u32)
        );
        let mut w = Diagnostic::tr(&d.path, m)
            .code(Code::ControlCharacter)
            .hint_tr(hint);
        if let Some(l) = crate::source::frontmatter::key_line_in_file(&d.path, key) {
            w = w.line(l);
        }
        out.push(w);
    }
    out
}

/// What one pass over a document's Markdown finds.
#[derive(Default)]
struct Scan {
    /// Runs of rendered text: the text, and per character where it stands in the Markdown
    /// and whether it was written escaped.
    texts: Vec<(String, Vec<(usize, bool)>)>,
    /// The block (paragraph, heading, cell, item) each text stands in.
    blocks: Vec<usize>,
    /// (offset, destination) of every link and image.
    links: Vec<(usize, String)>,
    full_width_digit: Option<(usize, char)>,
    ascii_digit: bool,
    /// (offset, characters) of the first paragraph.
    first_paragraph: Option<(usize, usize)>,
    /// (offset, destination) of every image whose alt text is empty.
    no_alt: Vec<(usize, String)>,
}

fn scan_body(md: &str, opts: crate::markdown::Options, sheets: crate::markdown::Sheets) -> Scan {
    let mut scan = Scan::default();
    let mut cur: Option<(String, Vec<(usize, bool)>)> = None;
    let mut para: Option<(usize, usize)> = None;
    let mut in_code = false;
    let mut block = 0;
    // The image being read: where it starts, its destination, whether it has alt text.
    let mut image: Option<(usize, String, bool)> = None;
    let flush = |cur: &mut Option<(String, Vec<(usize, bool)>)>, scan: &mut Scan, block| {
        if let Some(t) = cur.take() {
            scan.texts.push(t);
            scan.blocks.push(block);
        }
    };
    for (e, range) in crate::markdown::walk(md, opts, sheets) {
        match &e {
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((range.start, dest_url.to_string(), false));
            }
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => {
                if let Some(i) = image.as_mut() {
                    i.2 = true;
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, dest, false)) = image.take() {
                    scan.no_alt.push((at, dest));
                }
            }
            _ => {}
        }
        match e {
            Event::Text(t) if !in_code => add_text(md, &t, range, &mut cur, &mut scan, &mut para),
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                flush(&mut cur, &mut scan, block);
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Paragraph) => {
                if scan.first_paragraph.is_none() && para.is_none() {
                    para = Some((range.start, 0));
                }
            }
            Event::End(TagEnd::Paragraph) => {
                flush(&mut cur, &mut scan, block);
                block += 1;
                if let Some(p) = para.take() {
                    scan.first_paragraph = Some(p);
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                scan.links.push((range.start, dest_url.to_string()));
            }
            // Soft breaks join Chinese lines; inline markup leaves the text run going.
            Event::SoftBreak
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {
                if matches!(e, Event::SoftBreak) {
                    if let Some(c) = cur.as_mut() {
                        c.0.push('\n');
                        c.1.push((range.start, false));
                    }
                }
            }
            _ => {
                flush(&mut cur, &mut scan, block);
                block += usize::from(ends_block(&e));
            }
        }
    }
    flush(&mut cur, &mut scan, block);
    scan
}

/// A block's end (besides a paragraph's): its literal markers pair with none after it.
fn ends_block(e: &Event) -> bool {
    matches!(
        e,
        Event::End(
            TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
        )
    )
}

/// The warnings about marks that come in pairs: emphasis the body shows as text, ASCII
/// quotes and punctuation in the title (the body's are among `text_warnings`).
fn pair_warnings(d: &Doc, scan: &Scan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (offset, f) in literal_emphasis(scan) {
        let (line, col) = crate::diag::line_col(&d.body, offset);
        let w = Diagnostic::tr(&d.path, f.message).code(Code::LiteralEmphasis);
        out.push(w.hint_tr(f.fix).at(d.body_line + line - 1, col));
    }
    let title = &d.fm.title;
    let title_line = crate::source::frontmatter::key_line_in_file(&d.path, "title");
    for f in marks::narrow_punctuation(title)
        .into_iter()
        .chain(marks::ascii_quotes(title, &|_| false))
    {
        let message = msg!("in-the-title", what = f.message);
        let mut w = Diagnostic::tr(&d.path, message).code(Code::AsciiPunctuation);
        w = w.hint_tr(f.fix);
        if let Some(l) = title_line {
            w = w.line(l);
        }
        out.push(w);
    }
    out
}

/// The `**…**` (and `__`, `~~`) a document shows as text, at their offsets in the Markdown.
fn literal_emphasis(scan: &Scan) -> Vec<(usize, marks::Finding)> {
    let escaped: Vec<Box<dyn Fn(usize) -> bool + '_>> = scan
        .texts
        .iter()
        .map(|(text, places)| {
            Box::new(move |byte: usize| {
                places
                    .get(text[..byte].chars().count())
                    .is_some_and(|p| p.1)
            }) as Box<dyn Fn(usize) -> bool>
        })
        .collect();
    let texts: Vec<(&str, &dyn Fn(usize) -> bool)> = scan
        .texts
        .iter()
        .zip(&escaped)
        .map(|((t, _), e)| (t.as_str(), e.as_ref()))
        .collect();
    marks::literal_emphasis(&texts, &scan.blocks)
        .into_iter()
        .map(|(i, f)| {
            let (text, places) = &scan.texts[i];
            let offset = places.get(text[..f.at].chars().count()).map_or(0, |p| p.0);
            (offset, f)
        })
        .collect()
}

/// A text event into the scan: digits, and the text run with each character's place.
fn add_text(
    md: &str,
    t: &str,
    range: std::ops::Range<usize>,
    cur: &mut Option<(String, Vec<(usize, bool)>)>,
    scan: &mut Scan,
    para: &mut Option<(usize, usize)>,
) {
    for c in t.chars() {
        if c.is_ascii_digit() {
            scan.ascii_digit = true;
        } else if zh::is_full_width_digit(c) && scan.full_width_digit.is_none() {
            scan.full_width_digit = Some((range.start, c));
        }
    }
    // An escaped character comes as its own event whose source starts with `\`.
    let after_backslash = range.start > 0 && md.as_bytes()[range.start - 1] == b'\\';
    let escaped = md[range.clone()].starts_with('\\') || after_backslash;
    // An escaped character is reported where its backslash stands.
    let start = if after_backslash {
        range.start - 1
    } else {
        range.start
    };
    let entry = cur.get_or_insert_with(|| (String::new(), Vec::new()));
    entry.0.push_str(t);
    // Text written as it shows maps character by character; an escape or an
    // entity maps to where it starts.
    let verbatim = md.get(range.clone()) == Some(t);
    entry.1.extend(
        t.char_indices()
            .map(|(b, _)| (if verbatim { start + b } else { start }, escaped)),
    );
    if let Some((_, n)) = para.as_mut() {
        *n += t.chars().count();
    }
}

/// The warnings of a run of rendered text (`places`: each character's offset in the Markdown
/// and whether it was escaped there).
fn text_warnings(
    text: &str,
    places: &[(usize, bool)],
    warn: &mut dyn FnMut(usize, Code, Msg, Msg),
) {
    let char_at = |byte: usize| text[..byte].chars().count();
    let src = |byte: usize| places.get(char_at(byte)).map_or(0, |p| p.0);
    let wanted = |c: char| "*xX×Ｘｘ某".contains(c);
    for r in zh::runs(text, wanted) {
        let run: String = std::iter::repeat_n(r.ch, r.len).collect();
        match r.ch {
            '*' if r.len >= 3 => warn(
                src(r.at),
                Code::Redaction,
                msg!("warn-redaction", run = &run),
                msg!("warn-redaction-hint"),
            ),
            _ if zh::is_placeholder(&r) => warn(
                src(r.at),
                Code::Placeholder,
                msg!("warn-placeholder", run = &run),
                msg!("warn-placeholder-hint"),
            ),
            _ => {}
        }
    }
    // Open-ended `(` or `)` next to one Chinese character are caught only when both sides
    // are Chinese: `中(` then a Latin word is fine. ASCII quotes beside Chinese are.
    let escaped = |byte: usize| places.get(char_at(byte)).is_some_and(|p| p.1);
    for f in marks::narrow_punctuation(text)
        .into_iter()
        .chain(marks::ascii_quotes(text, &escaped))
    {
        warn(src(f.at), Code::AsciiPunctuation, f.message, f.fix);
    }
    let mut rest = text;
    let mut base = 0;
    while let Some(i) = rest.find("##") {
        let after = &rest[i + 2..];
        if let Some(end) = after.find("##") {
            let word = &after[..end];
            if !word.is_empty()
                && word.len() <= 24
                && word.chars().all(|c| c.is_ascii_alphanumeric())
            {
                warn(
                    src(base + i),
                    Code::Marker,
                    msg!("warn-marker", word = word),
                    msg!("warn-marker-hint"),
                );
                base += i + 2 + end + 2;
                rest = &after[end + 2..];
                continue;
            }
        }
        base += i + 2;
        rest = after;
    }
}

impl Report {
    pub(crate) fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
            .count()
    }

    pub(crate) fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// 0 clean, 1 errors, 2 warnings only when `strict`.
    pub fn exit_code(&self, strict: bool) -> u8 {
        if self.errors() > 0 {
            1
        } else if strict && self.warnings() > 0 {
            2
        } else {
            0
        }
    }

    /// `3 errors, 5 warnings (broken-link 2, ascii-punctuation 5, …)`.
    pub(crate) fn summary(&self, lang: Lang) -> String {
        let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &self.findings {
            *by_code.entry(f.code.as_str()).or_default() += 1;
        }
        let mut s = crate::msg!(
            "check-summary",
            errors = self.errors(),
            warnings = self.warnings()
        )
        .text(lang);
        if !by_code.is_empty() {
            let parts: Vec<String> = by_code.iter().map(|(c, n)| format!("{c} {n}")).collect();
            s.push_str(&match lang {
                Lang::En => format!(" ({})", parts.join(", ")),
                Lang::Zh => format!("（{}）", parts.join("，")),
            });
        }
        s
    }

    /// For people: `file:line:col: warning[code]: message`, the hint, and the summary.
    pub fn text(&self, lang: Lang) -> String {
        let mut s = String::new();
        for d in &self.findings {
            let sev = match d.severity() {
                Severity::Error => crate::i18n::tr(lang, "check-error"),
                Severity::Warning => crate::i18n::tr(lang, "check-warning"),
            };
            let (place, message) = (d.place(), d.message_in(lang));
            s.push_str(&format!("{place}: {sev}[{}]: {message}\n", d.code));
            if let Some(h) = d.hint_in(lang) {
                s.push_str(&format!("     → {h}\n"));
            }
        }
        s.push_str(&self.summary(lang));
        s.push('\n');
        if let Some(line) = crate::drafts_line(&self.drafts, lang) {
            s.push_str(&line);
            s.push('\n');
        }
        s
    }

    /// One JSON object per line: file, line, column, severity, code, message, fix.
    pub fn json(&self) -> String {
        let mut s = String::new();
        for d in &self.findings {
            let v = serde_json::json!({
                "file": d.file.to_string_lossy().replace('\\', "/"),
                "line": d.line,
                "column": d.column,
                "severity": d.severity(),
                "code": d.code.as_str(),
                "message": d.message,
                "fix": d.hint,
            });
            s.push_str(&v.to_string());
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(md: &str) -> Vec<(&'static str, usize)> {
        let scan = scan_body(
            md,
            crate::markdown::Options::default(),
            &crate::markdown::no_sheets,
        );
        let mut out = Vec::new();
        for (text, places) in &scan.texts {
            text_warnings(text, places, &mut |o, code, _, _| {
                out.push((code.as_str(), o))
            });
        }
        for (o, _) in literal_emphasis(&scan) {
            out.push((Code::LiteralEmphasis.as_str(), o));
        }
        out.sort_by_key(|&(_, o)| o);
        out
    }

    #[test]
    fn each_text_problem_has_its_code_and_place() {
        assert_eq!(
            codes("这是**“快”**的要求"),
            [],
            "the CJK-friendly rules make it bold"
        );
        assert_eq!(
            codes("这是** 重点 **的要求"),
            [("literal-emphasis", 6)],
            "a failed pair is one warning"
        );
        assert_eq!(codes("这是**重点"), [("literal-emphasis", 6)]);
        assert_eq!(codes("要落实\"四个一\"工作"), [("ascii-punctuation", 9)]);
        assert_eq!(codes("**重点**。"), []);
        assert_eq!(codes("刚才\\*\\*\\*同志"), [("redaction", 6)]);
        assert_eq!(codes("转义的\\*\\*不算"), []);
        assert_eq!(codes("学习,贯彻"), [("ascii-punctuation", 6)]);
        assert_eq!(codes("Rust, Go 和 C"), []);
        assert_eq!(
            codes("xx支部和某某同志"),
            [("placeholder", 0), ("placeholder", 11)]
        );
        assert_eq!(codes("box 不算 xx"), []);
        assert_eq!(codes("正文##paidbegin##正文"), [("marker", 6)]);
        assert_eq!(codes("```\n学习,贯彻\n```"), [], "code is not text");
    }
}
