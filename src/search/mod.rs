//! The full-text search index: positional postings of the tokeniser's tokens, split into shards
//! by each token's first character, plus a small meta file (per-document filter fields) and one
//! file per document (title, URL, text for snippets). Every file is a classic script calling
//! `huibianSearch.*`, so the search works from file:// as well as from any web server.

pub(crate) mod cache;
mod postings;
pub mod tokens;
mod update;

pub(crate) use update::{sum, update, State};

use crate::site::Site;
use crate::source::DocSource;
use crate::zh::batch_label;
use rayon::prelude::*;
use std::fmt::Write;
use std::sync::Arc;

/// The index's own files and folders in the output (search/index.html is a page, rendered
/// with the others): what a build keeps when the sources did not change, and what no other
/// file may replace.
pub const FILES: [&str; 4] = ["search/meta.js", "search/s", "search/b", "search/d"];

/// Is the site path `rel` one of the index's files?
pub(crate) fn owns(rel: &str) -> bool {
    FILES
        .iter()
        .any(|f| rel == *f || rel.strip_prefix(f).is_some_and(|r| r.starts_with('/')))
}

/// Title tokens take positions below this; body tokens start here (a match below it is in the title).
pub const TITLE_SPAN: u32 = 1024;
/// The text kept for snippets, in characters.
const TEXT_CAP: usize = 100_000;
/// Aim for shards of about this many bytes.
const SHARD_TARGET: usize = 24 * 1024;
/// The layout of the index files; a new one makes every rebuild write the index again, so that
/// an index made by an older huibian is never kept beside a search.js that reads another.
/// (2: tokens with files of their own are named by shard, `meta.big` maps token → file.
/// 3: a document's first number is its delta doubled, plus one when the count, 1, is left out.
/// 4: document files hold the text as written, not normalised.)
const INDEX_FORMAT: u32 = 4;
/// How `doc_hashes` hashes (in `settings`, so that a state kept with another hash is not
/// trusted). (2: ahash with fixed seeds; 1 was SipHash.)
const DOC_HASH: u32 = 2;
/// `doc_hashes`'s seeds: fixed, so the same huibian gives the same hashes in every run.
const DOC_SEEDS: [u64; 4] = [
    0x6875_6962_6961_6e31,
    0x7365_6172_6368_2d69,
    0x6e64_6578_2d64_6f63,
    0x2d68_6173_6865_7332,
];
/// Bytes the index keeps in memory while it is built (batches being grouped and finished
/// postings); the rest of the postings wait in a temporary file (TMPDIR, else beside the
/// output) until the shards are written. (At 10,000 benchmark documents some 80 MB go to the
/// file, at 30,000 some 490 MB; writing them is cheaper than the memory: the markdown stage
/// holds about as much anyway. A budget of 320 MB, which keeps 10,000 documents' postings
/// all in memory, was no quicker in 8 interleaved builds, and its peak at 30,000 documents
/// was 855 MB against 624 MB.)
const INDEX_MEMORY: usize = 192 << 20;

pub use postings::SpillError;

impl From<SpillError> for crate::diag::Diagnostic {
    fn from(e: SpillError) -> Self {
        // (Named: since a 10,000-document site already puts part of its index there, a missing
        // or full temporary folder is worth seeing at once.)
        crate::diag::Diagnostic::tr(
            "search index",
            crate::msg!(
                "search-temp-file",
                dir = std::env::temp_dir().display().to_string(),
                why = crate::fsio::why(&e.0)
            ),
        )
        .hint_tr(crate::msg!("search-temp-file-hint"))
    }
}

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
    /// The site's Markdown settings: the text is read with the page's parser.
    pub markdown: crate::markdown::Options,
}

/// The published (non-draft) documents of a site (serve).
pub(crate) fn input(site: &Site) -> Input {
    let sections = site
        .sections
        .iter()
        .map(|s| (s.weight, s.name.as_str(), s.title.clone()));
    input_of(site.docs.iter().map(|d| &d.src), sections, &site.config)
}

/// As `input`, straight from the sources (build): the index can be built before any Markdown
/// is rendered, so the build never holds both in memory.
pub(crate) fn input_from_source(
    source: &crate::source::Source,
    config: &crate::config::Config,
) -> Input {
    let sections = source.sections.iter().map(|s| {
        (
            s.meta.weight,
            s.name.as_str(),
            crate::site::section_title(s),
        )
    });
    input_of(source.docs.iter(), sections, config)
}

/// The one way both make an input, so that serve and build write the same index: the
/// sections that have published documents, numbered in the site's order
/// (`site::section_order`), document URLs as the site makes them.
fn input_of<'a>(
    docs: impl Iterator<Item = &'a Arc<DocSource>>,
    sections: impl Iterator<Item = (Option<i64>, &'a str, String)>,
    config: &crate::config::Config,
) -> Input {
    let docs: Vec<&Arc<DocSource>> = docs.filter(|d| !d.fm.draft).collect();
    let mut sections: Vec<(Option<i64>, &str, String)> = sections
        .filter(|(_, name, _)| docs.iter().any(|d| d.section == *name))
        .collect();
    sections.sort_by_key(|(w, name, _)| crate::site::section_order(config, name, *w));
    let index = |name: &str| {
        sections
            .iter()
            .position(|(_, n, _)| *n == name)
            .unwrap_or(0)
    };
    Input {
        docs: docs
            .into_iter()
            .map(|d| SearchDoc {
                src: d.clone(),
                url: crate::site::doc_url(d),
                section: index(&d.section),
            })
            .collect(),
        sections: sections.into_iter().map(|(_, _, t)| t).collect(),
        markdown: (&config.markdown).into(),
    }
}

/// Plain text of a Markdown body (with its linked sheets' tables): what a reader reads, a line
/// per block.
fn plain_text(md: &str, opts: crate::markdown::Options, sheets: crate::markdown::Sheets) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut out = String::with_capacity(md.len());
    for (e, _) in crate::markdown::walk(md, opts, sheets) {
        match e {
            // A table's caption and note are blocks of their own.
            Event::Html(_) if crate::markdown::is_ours(&e) => out.push('\n'),
            // A sign-off's mark is no text of the document.
            Event::Text(t) if crate::markdown::signoff::is_mark(&t) => {}
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
    let mut text = plain_text(&d.src.body, input.markdown, &|s| d.src.sheet(s));
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
    // Most text needs no escape: copy it in runs.
    let mut rest = s;
    while let Some(at) = needs_escape(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().expect("found");
        escape_js(c, out);
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Where the first character that a string literal must escape starts, looking at bytes
/// (faster than decoding every character): `"`, `\`, control characters, U+2028 and U+2029
/// (E2 80 A8/A9 in UTF-8). One table lookup a byte: the text is mostly CJK, whose bytes
/// never need a look, and E2 (which begins much CJK punctuation too) is checked further only
/// where it occurs.
fn needs_escape(b: &[u8]) -> Option<usize> {
    const LOOK: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 0x20 {
            t[i] = true;
            i += 1;
        }
        t[b'"' as usize] = true;
        t[b'\\' as usize] = true;
        t[0xE2] = true;
        t
    };
    let mut from = 0;
    while let Some(at) = next_look(b, from, &LOOK) {
        let line_or_paragraph_separator =
            b.get(at + 1) == Some(&0x80) && matches!(b.get(at + 2), Some(0xA8 | 0xA9));
        if b[at] != 0xE2 || line_or_paragraph_separator {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The first byte at or after `from` that `look` marks (below 0x20, `"`, `\`, E2): eight bytes
/// at a time (SWAR: a byte's high bit set where it is below a bound or equal to a value, which
/// is exact for the lowest such byte of a word), the last few through the table.
#[inline]
fn next_look(b: &[u8], from: usize, look: &[bool; 256]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Bytes below `n` (n at most 0x80), as high bits.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let equal = |x: u64, c: u8| below(x ^ (ONES * u64::from(c)), 1);
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let hits = below(x, 0x20) | equal(x, b'"') | equal(x, b'\\') | equal(x, 0xE2);
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let n = b.get(i..)?.iter().position(|&x| look[x as usize])?;
    Some(i + n)
}

fn escape_js(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{2028}' => out.push_str("\\u2028"),
        '\u{2029}' => out.push_str("\\u2029"),
        c => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
    }
}

/// The shard of an index key: FNV-1a over its code points, modulo the number of shards
/// (search.js computes the same). Keys are tokens, or `#` and a character for the
/// per-character index.
pub(crate) fn shard_of(key: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for c in key.chars() {
        h = (h ^ c as u32).wrapping_mul(0x0100_0193);
    }
    h as usize % shards
}

/// What of huibian and the site's settings decides the index's tokens and shards: an index
/// (or a kept state, `State`) made under other settings is made again.
pub(crate) fn settings(input: &Input) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same in every run of the same huibian.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    (INDEX_FORMAT, DOC_HASH, TITLE_SPAN, TEXT_CAP, SHARD_TARGET).hash(&mut h);
    input.markdown.parser_options().bits().hash(&mut h);
    let m = &input.markdown;
    (
        m.cjk_line_breaks,
        m.smart_punctuation,
        m.footnotes,
        m.tables,
        m.unsafe_html,
    )
        .hash(&mut h);
    crate::markdown::PARSER_RULES.hash(&mut h);
    h.finish()
}

/// What each document gives the index, as one number: front matter, body, URL, section (as
/// the fingerprint always hashed them; not the attachments, whose paths and times differ
/// between a site and its archive's sources, which must rebuild the same index). (In
/// parallel, and with ahash, several times SipHash's speed: the bodies are most of the site's
/// bytes.)
pub(crate) fn doc_hashes(input: &Input) -> Vec<u64> {
    let [a, b, c, d] = DOC_SEEDS;
    let seeded = ahash::RandomState::with_seeds(a, b, c, d);
    input
        .docs
        .par_iter()
        .map(|d| seeded.hash_one((d.src.fm_hash, &d.src.body, &d.url, d.section)))
        .collect()
}

/// What the index is made from, as one number: the settings, the section titles, each
/// document (`doc_hashes`, in order). A rebuild whose sources give the same number keeps the
/// index it wrote last time.
pub(crate) fn fingerprint(input: &Input, hashes: &[u64]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    settings(input).hash(&mut h);
    input.sections.hash(&mut h);
    hashes.hash(&mut h);
    h.finish()
}

/// Shards of about SHARD_TARGET bytes (the index takes about 5 bytes a character of text),
/// the count rounded down to its top 4 bits: another count rehashes every key, so an update
/// could keep nothing, and so rounded a document added or removed rarely changes it (at 10,000
/// documents the count moves in steps of 512 shards, some 2.5 million characters).
fn shard_count(input: &Input) -> usize {
    let chars: usize = input.docs.iter().map(|d| d.src.body.len() / 3).sum();
    let exact = (chars * 5 / SHARD_TARGET).clamp(1, 16384);
    let low = (usize::BITS - exact.leading_zeros()).saturating_sub(4);
    exact >> low << low
}

/// The first line of meta.js: the fingerprint of what the index was made from.
fn stamp(fingerprint: u64) -> String {
    format!("/* huibian search index {fingerprint:016x} */\n")
}

/// Does this meta.js belong to an index made from sources with this fingerprint?
pub(crate) fn is_current(meta: &[u8], fingerprint: u64) -> bool {
    meta.starts_with(stamp(fingerprint).as_bytes())
}

/// How many documents the index in the output folder `dir` holds (from its meta.js), if it has
/// one: the index's own layout, read here only.
pub(crate) fn documents_in(dir: &std::path::Path) -> Option<usize> {
    let meta = std::fs::read_to_string(dir.join("search/meta.js")).ok()?;
    let at = meta.find("\"count\":")? + "\"count\":".len();
    meta[at..].split([',', '}']).next()?.parse().ok()
}

/// The index files, handed to `write` as they are made: per-document files, shards, meta.
/// Returns how many files were written, and what an update needs of them (`State`).
/// Postings past the memory budget wait in a temporary file in TMPDIR or, failing that, in
/// `scratch` (a folder on the output's disk). `hashes`: `doc_hashes`.
pub(crate) fn build<E: Send + From<SpillError>>(
    input: &Input,
    hashes: &[u64],
    scratch: Option<&std::path::Path>,
    write: &WriteFile<'_, E>,
) -> Result<(usize, State), E> {
    let shards = shard_count(input);
    let spill_dirs = std::iter::once(std::env::temp_dir())
        .chain(scratch.map(std::path::Path::to_path_buf))
        .collect();
    let shared = postings::Shared::new(
        shards,
        INDEX_MEMORY / rayon::current_num_threads().max(1),
        spill_dirs,
    );
    let (mut builders, file_sums) = index_docs(input, &shared, write)?;
    let lens: Vec<u32> = builders
        .iter()
        .flat_map(|b| b.lens.iter().copied())
        .collect();
    let doc_shards: Vec<Box<[u64]>> = builders
        .iter_mut()
        .flat_map(|b| std::mem::take(&mut b.doc_shards))
        .collect();
    let sums = std::sync::Mutex::new(vec![0; shards]);
    let (big, written) = write_shards(builders, &shared, &sums, write)?;
    let files = input.docs.len() + written + 1;
    let directory: Vec<(String, String)> = (big.iter())
        .map(|b| (b.key.clone(), format!("{}_{}", b.shard, b.n)))
        .collect();
    let meta = (stamp(fingerprint(input, hashes)) + &meta_file(input, &lens, shards, &directory))
        .into_bytes();
    let meta_sum = update::sum(&meta);
    write("search/meta.js".into(), meta)?;
    let docs = (input
        .docs
        .iter()
        .zip(hashes)
        .zip(lens)
        .zip(file_sums)
        .zip(doc_shards))
    .map(|((((d, &hash), len), file_sum), shards)| update::DocState {
        rel: d.src.rel.clone(),
        hash,
        len,
        file_sum,
        shards,
    })
    .collect();
    let state = State {
        settings: settings(input),
        sections: input.sections.clone(),
        shards,
        docs,
        shard_sums: sums.into_inner().unwrap_or_else(|e| e.into_inner()),
        big,
        meta_sum,
    };
    Ok((files, state))
}

/// Where the index's files go, as they are made: (site path, bytes).
type WriteFile<'a, E> = dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync + 'a;

/// One builder per thread, each over a contiguous range of documents, which it indexes and
/// writes the per-document files of (their checksums returned, in order).
fn index_docs<'s, E: Send>(
    input: &Input,
    shared: &'s postings::Shared,
    write: &WriteFile<'_, E>,
) -> Result<(Vec<postings::Builder<'s>>, Vec<u64>), E> {
    let per = input
        .docs
        .len()
        .div_ceil(rayon::current_num_threads())
        .max(1);
    let builders: Vec<Result<(postings::Builder, Vec<u64>), E>> = input
        .docs
        .par_chunks(per)
        .enumerate()
        .map(|(part, docs)| {
            let mut b = postings::Builder::new(shared);
            let mut sums = Vec::with_capacity(docs.len());
            for (i, d) in docs.iter().enumerate() {
                let id = part * per + i;
                // (Snippets show the text as written: search.js normalises it to find matches.)
                let text = searchable_text(d, input);
                b.add(
                    id as u32,
                    &tokens::normalize(&d.src.fm.title),
                    &tokens::normalize(&text),
                );
                let file = doc_file(id, d, input, &text);
                sums.push(update::sum(&file));
                write(format!("search/d/{id}.js"), file)?;
            }
            Ok((b, sums))
        })
        .collect();
    let mut all = Vec::with_capacity(builders.len());
    let mut sums = Vec::with_capacity(input.docs.len());
    for b in builders {
        let (b, s) = b?;
        all.push(b);
        sums.extend(s);
    }
    Ok((all, sums))
}

/// The shard files, and the files of the tokens whose postings alone fill a shard (so that a
/// query for one loads nothing else); returns those tokens with their files (by key), and how
/// many files were written; each shard file's checksum goes to `sums`. (Written as they come:
/// the index is never held twice.)
fn write_shards<E: Send + From<SpillError>>(
    builders: Vec<postings::Builder>,
    shared: &postings::Shared,
    sums: &std::sync::Mutex<Vec<u64>>,
    write: &WriteFile<'_, E>,
) -> Result<(Vec<update::Big>, usize), E> {
    let written = std::sync::atomic::AtomicUsize::new(0);
    let count = || written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let big_sums = std::sync::Mutex::new(ahash::AHashMap::new());
    let big = postings::join(
        builders,
        shared,
        SHARD_TARGET / 2,
        &|shard, entries, apart| {
            for (j, entry) in apart.into_iter().enumerate() {
                count();
                let id = format!("{shard}_{j}");
                let file = shard_file(&format!("b{id}"), &own_entry(entry));
                let sum = update::sum(&file);
                big_sums
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert((shard, j), sum);
                write(format!("search/b/{id}.js"), file)?;
            }
            if entries.is_empty() {
                return Ok(());
            }
            count();
            let file = shard_file(&shard.to_string(), entries);
            sums.lock().unwrap_or_else(|e| e.into_inner())[shard] = update::sum(&file);
            write(format!("search/s/{shard}.js"), file)
        },
    )?;
    let big_sums = big_sums.into_inner().unwrap_or_else(|e| e.into_inner());
    let big = big
        .into_iter()
        .map(|f| update::Big {
            sum: big_sums.get(&(f.shard, f.n)).copied().unwrap_or(0),
            key: f.key,
            shard: f.shard as u32,
            n: f.n as u32,
        })
        .collect();
    Ok((big, written.into_inner()))
}

/// `huibianSearch.shard("id",{"token":"postings",…});` around `entries` (`"token":"postings",…`).
fn shard_file(id: &str, entries: &[u8]) -> Vec<u8> {
    let mut s = Vec::with_capacity(entries.len() + id.len() + 32);
    s.extend_from_slice(format!("huibianSearch.shard(\"{id}\",{{").as_bytes());
    s.extend_from_slice(entries);
    s.extend_from_slice(b"});\n");
    s
}

/// One token's entry, `"token":"postings"`.
fn own_entry(postings::Apart { key, postings }: postings::Apart) -> Vec<u8> {
    let mut s = String::new();
    js_str(&key, &mut s);
    let mut entry = s.into_bytes();
    entry.push(b':');
    entry.push(b'"');
    // (Postings are varint digits: ASCII, nothing to escape.)
    entry.extend_from_slice(&postings);
    entry.push(b'"');
    entry
}

/// Filter fields of every document, packed: section (2), batch (1), unit (2), length (4), base 36.
fn meta_file(input: &Input, lens: &[u32], shards: usize, big: &[(String, String)]) -> String {
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
        "huibianSearch.meta({{\"shards\":{shards},\"span\":{TITLE_SPAN},\"count\":{},\"sections\":{},\"batches\":{},\"units\":{},\"big\":{},\"docs\":\"{packed}\"}});\n",
        input.docs.len(),
        list(&mut input.sections.iter().cloned()),
        list(&mut batches.iter().map(|b| batch_label(*b))),
        list(&mut units.iter().map(|u| u.to_string())),
        own_files(big),
    )
}

/// `{"token":"file",…}`: the tokens with files of their own.
fn own_files(big: &[(String, String)]) -> String {
    let mut s = String::from("{");
    for (i, (k, file)) in big.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        js_str(k, &mut s);
        s.push(':');
        js_str(file, &mut s);
    }
    s.push('}');
    s
}

/// Where the first `cap` characters of `text` end.
fn text_cut(text: &str, cap: usize) -> usize {
    // (A text of no more bytes than that has no more characters: no need to count them.)
    if text.len() <= cap {
        return text.len();
    }
    text.char_indices().nth(cap).map_or(text.len(), |(i, _)| i)
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
    js_str(&text[..text_cut(text, TEXT_CAP)], &mut s);
    s.push_str("});\n");
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_what_javascript_needs() {
        for s in [
            "",
            "整改落实",
            "a\"b\\c\nd\re\tf\u{1}g",
            "行\u{2028}分\u{2029}段",
            "\u{2027}\u{202a}\u{20ac}€—…",
            "尾\"",
            "\u{7f}\u{1f}",
            // E2 begins punctuation that stays, and the separators: at the ends, side by side.
            "\u{2028}",
            "末\u{2029}",
            "“引号”——……\u{2028}\u{2029}‘’",
            "\u{2000}\u{2029}\u{2030}",
        ] {
            let mut out = String::new();
            js_str(s, &mut out);
            // A JSON string is a JavaScript string; and no raw line separators are left.
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s, "{out}");
            assert!(!out.contains(['\u{2028}', '\u{2029}', '\n']), "{out}");
        }
    }

    #[test]
    fn the_word_scan_finds_what_the_table_finds() {
        // Every byte at every place of a word, beside bytes that need no look, from every start.
        let plain = b"ab\xE4\xB8\x80cdefghijklmnop";
        let mut look = [false; 256];
        for (x, v) in look.iter_mut().enumerate() {
            *v = x < 0x20 || matches!(x as u8, b'"' | b'\\' | 0xE2);
        }
        for probe in 0..=255u8 {
            for at in 0..20 {
                let mut b = plain.to_vec();
                b.insert(at, probe);
                for from in 0..b.len() {
                    let table = b[from..]
                        .iter()
                        .position(|&x| x < 0x20 || matches!(x, b'"' | b'\\' | 0xE2))
                        .map(|n| from + n);
                    assert_eq!(
                        next_look(&b, from, &look),
                        table,
                        "{probe:#x} at {at} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn snippet_text_is_cut_after_so_many_characters() {
        assert_eq!(text_cut("整改落实", 4), 12);
        assert_eq!(text_cut("整改落实", 3), 9);
        assert_eq!(text_cut("整改落实", 12), 12);
        assert_eq!(text_cut("ab整改", 3), 5);
        assert_eq!(text_cut("", 3), 0);
    }

    #[test]
    fn shards_hash_whole_keys() {
        assert_eq!(shard_of("rust", 1), 0);
        assert_ne!(shard_of("整改", 4096), shard_of("整体", 4096));
        // FNV-1a of "a": 0xe40c292c
        assert_eq!(
            shard_of("a", usize::MAX >> 32),
            0xe40c292c % (usize::MAX >> 32)
        );
    }
}
