//! The full-text search index: positional postings of the tokeniser's tokens, split into shards
//! by each token's first character, plus a small meta file (per-document filter fields) and one
//! file per document (title, URL, text for snippets). Every file is a classic script calling
//! `huibianSearch.*`, so the search works from file:// as well as from any web server.

pub mod tokens;

use crate::site::Site;
use crate::source::frontmatter::batch_label;
use crate::source::DocSource;
use rayon::prelude::*;
use std::fmt::Write;
use std::sync::Arc;

/// Title tokens take positions below this; body tokens start here (a match below it is in the title).
pub const TITLE_SPAN: u32 = 1024;
/// The text kept for snippets, in characters.
const TEXT_CAP: usize = 100_000;
/// Aim for shards of about this many bytes.
const SHARD_TARGET: usize = 64 * 1024;

/// What the index needs of one published document; cheap to take from a site (for serve's
/// background indexing).
#[derive(Clone)]
pub struct SearchDoc {
    pub src: Arc<DocSource>,
    pub url: String,
    pub section: usize,
}

pub struct Input {
    pub docs: Vec<SearchDoc>,
    pub sections: Vec<String>,
    pub markdown: crate::markdown::Options,
}

/// The published (non-draft) documents of a site.
pub fn input(site: &Site) -> Input {
    Input {
        docs: site
            .docs
            .iter()
            .filter(|d| !d.fm.draft)
            .map(|d| SearchDoc {
                src: d.src.clone(),
                url: d.url.clone(),
                section: d.section,
            })
            .collect(),
        sections: site.sections.iter().map(|s| s.title.clone()).collect(),
        markdown: crate::markdown::Options::from(&site.config.markdown),
    }
}

/// Plain text of a Markdown body: what a reader reads, a line per block.
fn plain_text(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut out = String::with_capacity(md.len());
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for e in Parser::new_ext(md, opts) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => {}
            Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// The body as plain text, then a line with what the front matter says of the document
/// (summary, unit, tags, batch, section, date), so that those are found too.
fn searchable_text(d: &SearchDoc, input: &Input) -> String {
    let fm = &d.src.fm;
    let mut text = plain_text(&d.src.body);
    text.push('\n');
    if let Some(s) = &fm.summary {
        let _ = writeln!(text, "摘要：{s}");
    }
    if let Some(u) = &fm.unit {
        let _ = write!(text, "单位：{u}　");
    }
    if !fm.tags.is_empty() {
        let _ = write!(text, "标签：{}　", fm.tags.join("、"));
    }
    if let Some(b) = fm.batch {
        let _ = write!(text, "批次：{}　", batch_label(b));
    }
    if let Some(section) = input.sections.get(d.section) {
        let _ = write!(text, "栏目：{section}　");
    }
    let _ = write!(text, "日期：{}", fm.date.zh());
    text
}

/// A token as a number: CJK bigrams and single characters pack their code points; words are
/// numbered per document.
fn key(token: &str, words: &mut Vec<String>) -> u64 {
    let mut cs = token.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), None, None) if tokens::is_cjk_char(a) => 1 << 62 | a as u64,
        (Some(a), Some(b), None) if tokens::is_cjk_char(a) && tokens::is_cjk_char(b) => {
            2 << 62 | (a as u64) << 21 | b as u64
        }
        _ => {
            words.push(token.to_string());
            3 << 62 | (words.len() - 1) as u64
        }
    }
}

fn unkey(k: u64, words: &[String]) -> String {
    let c = |v: u64| char::from_u32(v as u32).unwrap_or('\u{fffd}');
    match k >> 62 {
        1 => c(k & 0x1F_FFFF).to_string(),
        2 => format!("{}{}", c((k >> 21) & 0x1F_FFFF), c(k & 0x1F_FFFF)),
        _ => words[(k & 0xFFFF_FFFF) as usize].clone(),
    }
}

/// One document's tokens, grouped: (token, positions), sorted by token.
struct DocTokens {
    groups: Vec<(String, Vec<u32>)>,
    len: u32,
}

fn doc_tokens(title: &str, body: &str) -> DocTokens {
    let mut words = Vec::new();
    let mut flat: Vec<(u64, u32)> = Vec::with_capacity(body.len() / 2);
    tokens::tokenize(title, 0, |t, p| {
        flat.push((key(t, &mut words), p.min(TITLE_SPAN - 1)))
    });
    let end = tokens::tokenize(body, TITLE_SPAN, |t, p| flat.push((key(t, &mut words), p)));
    flat.sort_unstable();
    let mut groups: Vec<(String, Vec<u32>)> = Vec::new();
    let mut last = None;
    for (k, p) in flat {
        if last == Some(k) {
            groups.last_mut().expect("a group").1.push(p);
        } else {
            groups.push((unkey(k, &words), vec![p]));
            last = Some(k);
        }
    }
    // Words were numbered per occurrence: merge groups that are the same word.
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1.append(&mut later.1);
            earlier.1.sort_unstable();
            true
        } else {
            false
        }
    });
    DocTokens {
        groups,
        len: end - TITLE_SPAN,
    }
}

fn base36(mut n: u64, out: &mut String) {
    const D: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = D[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).expect("ascii"));
}

/// A JavaScript string literal.
fn js_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Postings of one token: `docDelta:pos,posDelta,…;docDelta:…` in base 36 (doc deltas from -1).
#[derive(Default)]
struct Postings {
    last_doc: Option<u32>,
    text: String,
}

impl Postings {
    fn add(&mut self, doc: u32, positions: &[u32]) {
        if !self.text.is_empty() {
            self.text.push(';');
        }
        base36(
            u64::from(doc - self.last_doc.map_or(0, |l| l + 1)),
            &mut self.text,
        );
        self.text.push(':');
        let mut prev = 0;
        for (i, &p) in positions.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            base36(u64::from(p - prev), &mut self.text);
            prev = p;
        }
        self.last_doc = Some(doc);
    }
}

/// The shard of a token: its first code point modulo the number of shards (search.js does the same).
pub fn shard_of(token: &str, shards: usize) -> usize {
    token.chars().next().map_or(0, |c| c as usize % shards)
}

/// The index files: (site path, bytes).
pub fn build(input: &Input) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut postings: ahash::AHashMap<String, Postings> = ahash::AHashMap::new();
    let mut lens: Vec<u32> = Vec::with_capacity(input.docs.len());
    // Chunks keep memory bounded; documents within a chunk are tokenised in parallel.
    for (c, chunk) in input.docs.chunks(256).enumerate() {
        let done: Vec<(DocTokens, (String, Vec<u8>))> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, d)| {
                let id = c * 256 + i;
                let text = tokens::normalize(&searchable_text(d, input));
                let title = tokens::normalize(&d.src.fm.title);
                let toks = doc_tokens(&title, &text);
                (
                    toks,
                    (format!("search/d/{id}.js"), doc_file(id, d, input, &text)),
                )
            })
            .collect();
        for (i, (toks, file)) in done.into_iter().enumerate() {
            let id = (c * 256 + i) as u32;
            for (token, positions) in &toks.groups {
                match postings.get_mut(token.as_str()) {
                    Some(p) => p.add(id, positions),
                    None => {
                        let mut p = Postings::default();
                        p.add(id, positions);
                        postings.insert(token.clone(), p);
                    }
                }
            }
            lens.push(toks.len);
            out.push(file);
        }
    }
    let total: usize = postings
        .iter()
        .map(|(k, p)| k.len() + p.text.len() + 6)
        .sum();
    let shards = (total / SHARD_TARGET).clamp(1, 4096);
    let mut by_shard: Vec<Vec<(&String, &Postings)>> = vec![Vec::new(); shards];
    for (k, p) in &postings {
        by_shard[shard_of(k, shards)].push((k, p));
    }
    let files: Vec<(String, Vec<u8>)> = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(n, mut entries)| {
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let mut s = format!("huibianSearch.shard({n},{{");
            for (i, (k, p)) in entries.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                js_str(k, &mut s);
                s.push(':');
                js_str(&p.text, &mut s);
            }
            s.push_str("});\n");
            (format!("search/s/{n}.js"), s.into_bytes())
        })
        .collect();
    out.extend(files);
    out.push((
        "search/meta.js".into(),
        meta_file(input, &lens, shards).into_bytes(),
    ));
    out
}

/// Filter fields of every document, packed: section (2), batch (1), unit (2), length (4), base 36.
fn meta_file(input: &Input, lens: &[u32], shards: usize) -> String {
    let mut units: Vec<&str> = input
        .docs
        .iter()
        .filter_map(|d| d.src.fm.unit.as_deref())
        .collect();
    units.sort_unstable();
    units.dedup();
    let mut batches: Vec<u32> = input.docs.iter().filter_map(|d| d.src.fm.batch).collect();
    batches.sort_unstable();
    batches.dedup();
    let mut packed = String::with_capacity(input.docs.len() * 9);
    let fixed = |n: u64, width: usize, out: &mut String| {
        let mut s = String::new();
        base36(n.min(36u64.pow(width as u32) - 1), &mut s);
        out.extend(std::iter::repeat_n('0', width.saturating_sub(s.len())));
        out.push_str(&s);
    };
    for (d, len) in input.docs.iter().zip(lens) {
        fixed(d.section as u64, 2, &mut packed);
        let b = d
            .src
            .fm
            .batch
            .and_then(|b| batches.iter().position(|x| *x == b))
            .map_or(0, |i| i + 1);
        fixed(b as u64, 1, &mut packed);
        let u = d
            .src
            .fm
            .unit
            .as_deref()
            .and_then(|u| units.binary_search(&u).ok())
            .map_or(0, |i| i + 1);
        fixed(u as u64, 2, &mut packed);
        fixed(u64::from(*len), 4, &mut packed);
    }
    let list = |items: &mut dyn Iterator<Item = String>| {
        let mut s = String::from("[");
        for (i, item) in items.enumerate() {
            if i > 0 {
                s.push(',');
            }
            js_str(&item, &mut s);
        }
        s.push(']');
        s
    };
    format!(
        "huibianSearch.meta({{\"shards\":{shards},\"span\":{TITLE_SPAN},\"count\":{},\"sections\":{},\"batches\":{},\"units\":{},\"docs\":\"{packed}\"}});\n",
        input.docs.len(),
        list(&mut input.sections.iter().cloned()),
        list(&mut batches.iter().map(|b| batch_label(*b))),
        list(&mut units.iter().map(|u| u.to_string())),
    )
}

/// One document for the results list: title, URL (site path), section, unit, date, batch, text.
fn doc_file(id: usize, d: &SearchDoc, input: &Input, text: &str) -> Vec<u8> {
    let mut s = format!("huibianSearch.doc({id},{{\"t\":");
    js_str(&d.src.fm.title, &mut s);
    s.push_str(",\"u\":");
    js_str(&d.url, &mut s);
    s.push_str(",\"s\":");
    js_str(
        input.sections.get(d.section).map_or("", String::as_str),
        &mut s,
    );
    s.push_str(",\"n\":");
    js_str(d.src.fm.unit.as_deref().unwrap_or(""), &mut s);
    s.push_str(",\"d\":");
    js_str(&d.src.fm.date.zh(), &mut s);
    s.push_str(",\"b\":");
    js_str(&d.src.fm.batch.map(batch_label).unwrap_or_default(), &mut s);
    s.push_str(",\"x\":");
    let capped: String = text.chars().take(TEXT_CAP).collect();
    js_str(&capped, &mut s);
    s.push_str("});\n");
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_through_base36_deltas() {
        let mut p = Postings::default();
        p.add(0, &[1024, 1030]);
        p.add(37, &[5]);
        assert_eq!(p.text, "0:sg,6;10:5");
    }

    #[test]
    fn doc_tokens_group_positions_and_mark_the_title() {
        let t = doc_tokens("整改", "整改落实，整改");
        let zg = t.groups.iter().find(|(k, _)| k == "整改").unwrap();
        assert_eq!(zg.1, vec![0, TITLE_SPAN, TITLE_SPAN + 5]);
        assert_eq!(t.len, 8);
    }

    #[test]
    fn shards_follow_the_first_character() {
        assert_eq!(shard_of("整改", 7), '整' as usize % 7);
        assert_eq!(shard_of("rust", 1), 0);
    }
}
