//! The floor a static site generator cannot beat on this machine: read every document, split
//! off its front matter, render the Markdown with pulldown-cmark, write one HTML file each —
//! on two threads, with nothing else (no templates, lists, taxonomies or index).
//!
//!     cargo bench --bench floor -- SITE_DIR OUT_DIR [--bigrams]
//!
//! `--bigrams` adds the least that a positional bigram index (what the search needs for exact
//! Chinese phrases) must do: every pair of adjacent CJK characters of the text with its
//! position, grouped by shard and key, encoded as numbers in text, one file a shard. Nothing
//! else of huibian's index (single characters, Latin words, titles and front matter, the
//! per-document snippet files, a memory bound): a lower bound for what the index adds.
//!
//! `--full` (bigrams included) adds the least of what huibian's output needs beyond that, each
//! part done the cheapest way this program knows, so that it stays a lower bound for huibian's
//! own work: the front matter parsed (with the YAML crate huibian must use, into only the
//! fields every page shows), the title's pairs, each CJK run's last character alone (what a
//! one-character query looks up), each character's count postings (the `#` keys), each
//! document's text written as its snippet file, each page in a folder of its own (the sites'
//! URLs), and its 字数 (Han characters and Latin words, which every page shows) and NFKC check
//! (which the index needs: CJK.md), both in the same pass over the characters as the pairs,
//! and the list pages (sections, taxonomies' terms, archive; each a file of its documents'
//! numbers) and the sitemap. Still no templates (compare.sh takes Tera's runs from `huibian
//! build --timings`), page contexts, Latin words in the index or memory bound.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One index entry: shard (above bit 106), the pair's code points (above 48), document (above
/// 24), position; sorting the numbers sorts the entries.
type Entry = u128;
const KEY_BITS: u32 = 42;

fn main() {
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let full = args.iter().any(|a| a == "--full");
    let bigrams = full || args.iter().any(|a| a == "--bigrams");
    args.retain(|a| a != "--bigrams" && a != "--full");
    let (Some(site), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: floor SITE_DIR OUT_DIR [--bigrams | --full]");
        std::process::exit(2);
    };
    let content = Path::new(site).join("content");
    let out = PathBuf::from(out);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    pool.install(|| {
        // Shards as huibian sizes them: about 24 KB of index each, 5 bytes a character.
        let bytes: u64 = files
            .iter()
            .map(|p| p.metadata().map_or(0, |m| m.len()))
            .sum();
        let shards = (bytes / 3 * 5 / (24 * 1024)).max(1);
        let parts: Vec<Part> = files
            .par_iter()
            .enumerate()
            .fold(Part::default, |mut part, (doc, p)| {
                let Part {
                    entries,
                    pairs,
                    counts,
                    listed,
                } = &mut part;
                let text = std::fs::read_to_string(p).unwrap();
                let (front, body) = match text
                    .strip_prefix("---\n")
                    .and_then(|t| t.split_once("\n---\n"))
                {
                    Some((front, body)) => (front, body),
                    None => ("", text.as_str()),
                };
                let doc = doc as u128;
                let mut html = String::with_capacity(body.len() * 5 / 4);
                pairs.start(full);
                let mut snippet = String::new();
                let rel = p.strip_prefix(&content).unwrap();
                if full {
                    let front: Front = serde_yaml::from_str(front).unwrap();
                    pairs.add(&front.title, doc, shards, entries);
                    pairs.end(doc, shards, entries);
                    pairs.pos = TITLE_SPAN;
                    // (字数 is the body's.)
                    (pairs.han, pairs.words) = (0, 0);
                    snippet.reserve(body.len());
                    js_str(&front.title, &mut snippet);
                    snippet.push_str(",\"x\":\"");
                    let section = rel.iter().next().unwrap().to_string_lossy().into_owned();
                    let url = rel.with_extension("").to_string_lossy().into_owned();
                    listed.push(Listed {
                        doc: doc as u32,
                        section,
                        url,
                        front,
                    });
                }
                let events = pulldown_cmark::Parser::new(body).inspect(|e| match e {
                    pulldown_cmark::Event::Text(t) if bigrams => {
                        pairs.add(t, doc, shards, entries);
                        if full {
                            js_text(t, &mut snippet);
                        }
                    }
                    pulldown_cmark::Event::End(_) | pulldown_cmark::Event::SoftBreak if full => {
                        pairs.end(doc, shards, entries);
                        snippet.push_str("\\n");
                    }
                    _ => {}
                });
                pulldown_cmark::html::push_html(&mut html, events);
                pairs.end(doc, shards, entries);
                if full {
                    // (What the page shows; the count of characters NFKC would change keeps
                    // the check from being optimised away.)
                    let (han, words, changed) = pairs.counted_words();
                    html.push_str(&format!("<p>字数 {} ({changed})</p>", han + words));
                }
                pairs.counted(doc as u32, counts);
                let to = if full {
                    out.join(rel.with_extension("")).join("index.html")
                } else {
                    out.join(rel).with_extension("html")
                };
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::write(to, html).unwrap();
                if full {
                    snippet.push_str("\"});\n");
                    let dir = out.join("search/d");
                    let file = format!("huibianSearch.doc({doc},{{\"t\":{snippet}");
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(dir.join(format!("{doc}.js")), file).unwrap();
                }
                part
            })
            .collect();
        if full {
            let listed: Vec<&Listed> = parts.iter().flat_map(|p| &p.listed).collect();
            write_lists(&listed, &out);
        }
        if bigrams {
            let (entries, counts) = parts.into_iter().map(|p| (p.entries, p.counts)).unzip();
            write_shards(entries, counts, shards as usize, &out.join("search"));
        }
    });
    println!("{} documents → {}", files.len(), out.display());
}

/// `--full`: where a document's body starts, its title's positions below (as huibian's).
const TITLE_SPAN: u128 = 1024;

/// `--full`: the front matter's fields that every page and list shows.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Front {
    title: String,
    date: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    unit: Option<String>,
    batch: Option<u32>,
}

fn fnv(h: u32, c: char) -> u32 {
    (h ^ c as u32).wrapping_mul(0x0100_0193)
}

/// The CJK characters indexed here: U+3400 to U+9FFF.
const CJK_FROM: usize = 0x3400;
const CJK_CHARS: usize = 0xA000 - CJK_FROM;

/// What one part of the documents (a range, in order) gives the index.
#[derive(Default)]
struct Part {
    entries: Vec<Entry>,
    pairs: Pairs,
    counts: Counts,
    listed: Vec<Listed>,
}

/// `--full`: what the lists show of a document (a section's, each term's, the archive's).
struct Listed {
    doc: u32,
    section: String,
    /// Its page's folder, under the output.
    url: String,
    front: Front,
}

/// `--full`: each CJK character's count postings (huibian's `#` keys: the tokens starting
/// with it in each document) in one part, encoded as they come and kept apart from the
/// entries, as huibian keeps them (nothing to sort): the first document (which the part's
/// place among the others turns into a delta), then the bytes after it.
#[derive(Default)]
struct Counts {
    bytes: Vec<Vec<u8>>,
    first: Vec<u32>,
    last: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// A document's CJK pairs and their positions (a gap of two after each run of CJK text);
/// with `alone`, also each run's last character, after its pairs, and how many tokens start
/// with each character.
#[derive(Default)]
struct Pairs {
    prev: Option<char>,
    pos: u128,
    alone: bool,
    /// The document's count of tokens starting with each character, and the ones counted.
    starting: Vec<u32>,
    touched: Vec<u32>,
    /// 字数: Han characters, Latin words (runs of ASCII letters and digits), and whether the
    /// last character was in one; characters that NFKC may change.
    han: usize,
    words: usize,
    in_word: bool,
    changed: usize,
}

impl Pairs {
    /// A new document.
    fn start(&mut self, full: bool) {
        (self.prev, self.pos, self.alone) = (None, 0, full);
        (self.han, self.words, self.in_word, self.changed) = (0, 0, false, 0);
        if full && self.starting.is_empty() {
            self.starting = vec![0; CJK_CHARS];
        }
    }

    #[inline(always)]
    fn note(&mut self, c: char) {
        if self.alone {
            let i = c as usize - CJK_FROM;
            if self.starting[i] == 0 {
                self.touched.push(i as u32);
            }
            self.starting[i] += 1;
        }
    }

    /// The document's counts join the postings.
    fn counted(&mut self, doc: u32, counts: &mut Counts) {
        if counts.bytes.is_empty() && !self.touched.is_empty() {
            counts.bytes.resize(CJK_CHARS, Vec::new());
            counts.first.resize(CJK_CHARS, NONE);
            counts.last.resize(CJK_CHARS, NONE);
        }
        for i in self.touched.drain(..) {
            let i = i as usize;
            let n = std::mem::take(&mut self.starting[i]);
            let out = &mut counts.bytes[i];
            if counts.last[i] == NONE {
                counts.first[i] = doc;
            } else {
                varint(u128::from(doc - counts.last[i]), out);
            }
            varint(u128::from(n), out);
            counts.last[i] = doc;
        }
    }

    /// The document's 字数 (Han characters, Latin words) and how many characters NFKC may
    /// change; the counts start again.
    fn counted_words(&mut self) -> (usize, usize, usize) {
        let counts = (self.han, self.words, self.changed);
        (self.han, self.words, self.in_word, self.changed) = (0, 0, false, 0);
        counts
    }

    /// `--full`: a character that is not CJK, for 字数 and the NFKC check.
    #[inline(always)]
    fn other(&mut self, c: char) {
        if c.is_ascii() {
            let alnum = c.is_ascii_alphanumeric();
            self.words += usize::from(alnum && !self.in_word);
            self.in_word = alnum;
        } else {
            self.in_word = false;
            let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c));
            self.changed += usize::from(quick != unicode_normalization::IsNormalized::Yes);
        }
    }

    fn add(&mut self, text: &str, doc: Entry, shards: u64, out: &mut Vec<Entry>) {
        for c in text.chars() {
            if !matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
                if self.alone {
                    self.other(c);
                }
                self.end(doc, shards, out);
                continue;
            }
            if self.alone {
                self.han += 1;
                self.in_word = false;
            }
            if let Some(a) = self.prev {
                self.note(a);
                let shard = u64::from(fnv(fnv(0x811c_9dc5, a), c)) % shards;
                let key = u128::from(a) << 21 | u128::from(c);
                out.push(u128::from(shard) << 106 | key << 48 | doc << 24 | self.pos);
                self.pos += 1;
            }
            self.prev = Some(c);
        }
    }

    /// A run of CJK text ends (before other text, or where a block ends).
    fn end(&mut self, doc: Entry, shards: u64, out: &mut Vec<Entry>) {
        if let Some(a) = self.prev.take() {
            if self.alone {
                self.note(a);
                let shard = u64::from(fnv(0x811c_9dc5, a)) % shards;
                out.push(u128::from(shard) << 106 | u128::from(a) << 48 | doc << 24 | self.pos);
            }
            self.pos += 2;
        }
    }
}

/// A JavaScript string literal's text (no quotes): the few bytes that must be escaped, the
/// rest copied a run at a time.
fn js_text(s: &str, out: &mut String) {
    let mut kept = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'<' => "\\u003c",
            0..=0x1f => " ",
            _ => continue,
        };
        out.push_str(&s[kept..i]);
        out.push_str(escaped);
        kept = i + 1;
    }
    out.push_str(&s[kept..]);
}

fn js_str(s: &str, out: &mut String) {
    out.push('"');
    js_text(s, out);
    out.push('"');
}

/// Groups each part (a range of documents) by shard in one counting pass, then per shard
/// gathers its entries from the parts, sorts them (a few thousand) and writes them: per key,
/// per document, the document and position deltas and the count.
fn write_shards(parts: Vec<Vec<Entry>>, counts: Vec<Counts>, shards: usize, dir: &Path) {
    // Each shard's count keys (`#` and the character), by character.
    let mut count_keys = vec![Vec::new(); shards];
    for i in 0..CJK_CHARS {
        if counts
            .iter()
            .any(|c| c.last.get(i).is_some_and(|&l| l != NONE))
        {
            let c = char::from_u32((CJK_FROM + i) as u32).unwrap_or('?');
            let shard = fnv(fnv(0x811c_9dc5, '#'), c) as usize % shards;
            count_keys[shard].push(i);
        }
    }
    let grouped: Vec<(Vec<Entry>, Vec<usize>)> = parts
        .into_par_iter()
        .map(|part| {
            let mut starts = vec![0; shards + 1];
            for e in &part {
                starts[(e >> 106) as usize + 1] += 1;
            }
            for s in 1..starts.len() {
                starts[s] += starts[s - 1];
            }
            let bounds = starts.clone();
            let mut g = vec![0; part.len()];
            for e in part {
                let at = &mut starts[(e >> 106) as usize];
                g[*at] = e;
                *at += 1;
            }
            (g, bounds)
        })
        .collect();
    std::fs::create_dir_all(dir).unwrap();
    let key_of = |e: Entry| (e >> 48) & ((1 << KEY_BITS) - 1);
    let code = |k: Entry| char::from_u32((k & 0x1F_FFFF) as u32).unwrap_or('?');
    (0..shards).into_par_iter().for_each(|s| {
        let mut g: Vec<Entry> = Vec::new();
        for (part, bounds) in &grouped {
            g.extend_from_slice(&part[bounds[s]..bounds[s + 1]]);
        }
        g.sort_unstable();
        let mut buf = Vec::with_capacity(g.len() * 5);
        let mut i = 0;
        while i < g.len() {
            let key = key_of(g[i]);
            // (A character alone, `--full`, has no first character.)
            let first = if key >> 21 == 0 {
                String::new()
            } else {
                code(key >> 21).to_string()
            };
            buf.extend_from_slice(format!(",\"{first}{}\":\"", code(key)).as_bytes());
            let mut last_doc = 0;
            while i < g.len() && key_of(g[i]) == key {
                let doc = (g[i] >> 24) & 0xFF_FFFF;
                let n = g[i..].iter().take_while(|e| *e >> 24 == g[i] >> 24).count();
                varint(doc - last_doc, &mut buf);
                varint(n as u128, &mut buf);
                let mut last_pos = 0;
                for e in &g[i..i + n] {
                    varint((e & 0xFF_FFFF) - last_pos, &mut buf);
                    last_pos = e & 0xFF_FFFF;
                }
                last_doc = doc;
                i += n;
            }
            buf.push(b'"');
        }
        for &i in &count_keys[s] {
            let c = char::from_u32((CJK_FROM + i) as u32).unwrap_or('?');
            buf.extend_from_slice(format!(",\"#{c}\":\"").as_bytes());
            let mut last_doc = 0;
            for part in counts
                .iter()
                .filter(|c| c.last.get(i).is_some_and(|&l| l != NONE))
            {
                varint(u128::from(part.first[i] - last_doc), &mut buf);
                buf.extend_from_slice(&part.bytes[i]);
                last_doc = part.last[i];
            }
            buf.push(b'"');
        }
        std::fs::write(dir.join(format!("{s}.js")), buf).unwrap();
    });
}

/// `--full`: the list pages, as the sites have them (each section and each term of the three
/// taxonomies, newest first, 20 to a page; the archive, all on one), and the sitemap. A page holds only
/// its documents' numbers: the HTML is Tera's run, counted apart (compare.sh), so what this
/// adds is the grouping, the sort, and a file for each page.
fn write_lists(docs: &[&Listed], out: &Path) {
    const PER_PAGE: usize = 20;
    let mut lists: std::collections::HashMap<String, Vec<&Listed>> = Default::default();
    for d in docs {
        let f = &d.front;
        let mut keys = vec![d.section.clone()];
        keys.extend(f.tags.iter().map(|t| format!("tags/{t}")));
        keys.extend(f.unit.iter().map(|u| format!("unit/{u}")));
        keys.extend(f.batch.iter().map(|b| format!("batch/{b}")));
        for k in keys {
            lists.entry(k).or_default().push(d);
        }
    }
    lists.insert("archive".into(), docs.to_vec());
    let lists: Vec<(String, Vec<&Listed>)> = lists.into_iter().collect();
    lists
        .into_par_iter()
        .enumerate()
        .for_each(|(n, (key, mut list))| {
            list.sort_unstable_by(|a, b| b.front.date.cmp(&a.front.date).then(a.doc.cmp(&b.doc)));
            // (Numbered folders: the cheapest name; the sites' are the terms' pinyin.)
            let dir = out.join("lists").join(n.to_string());
            let per_page = if key == "archive" {
                list.len()
            } else {
                PER_PAGE
            };
            for (page, docs) in list.chunks(per_page).enumerate() {
                let dir = dir.join(page.to_string());
                std::fs::create_dir_all(&dir).unwrap();
                let ids: Vec<String> = docs.iter().map(|d| d.doc.to_string()).collect();
                std::fs::write(dir.join("index.html"), ids.join(",")).unwrap();
            }
        });
    let mut sitemap = String::with_capacity(docs.len() * 64);
    for d in docs {
        sitemap.push_str("<url><loc>/");
        sitemap.push_str(&d.url);
        sitemap.push_str("/</loc></url>\n");
    }
    std::fs::write(out.join("sitemap.xml"), sitemap).unwrap();
}

/// Base-32 digits, the last from another alphabet (huibian's postings text).
fn varint(n: u128, out: &mut Vec<u8>) {
    const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    const MORE: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+,-";
    let mut digits = 1;
    while n >> (5 * digits) != 0 {
        digits += 1;
    }
    for d in (1..digits).rev() {
        out.push(MORE[((n >> (5 * d)) & 31) as usize]);
    }
    out.push(LAST[(n & 31) as usize]);
}
