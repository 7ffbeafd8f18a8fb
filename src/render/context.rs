//! Typed template contexts. Lists hold the documents' prebuilt cards (shared, not copied), so a
//! list page costs what it shows, never the whole site.

use crate::site::{Doc, Section, Site, Taxonomy, Term, SPEAKING_SPEED};
use crate::zh::batch_label;
use serde::Serialize;

/// `site` in every template (Tera's global context: built once per build).
#[derive(Serialize, Debug)]
pub struct SiteCtx<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    pub relative_urls: bool,
    pub doc_count: usize,
    pub sections: Vec<SectionRef<'a>>,
    pub taxonomies: Vec<TaxonomyCtx<'a>>,
    pub drafts_shown: bool,
    pub search: bool,
    pub labels: tera::Value,
    pub extra: &'a tera::Value,
    pub generator: &'static str,
}

#[derive(Serialize, Debug)]
pub struct SectionRef<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub count: usize,
}

#[derive(Serialize, Debug)]
pub struct TaxonomyCtx<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub url: &'a str,
    pub terms: Vec<TermRef<'a>>,
}

#[derive(Serialize, Clone, Debug)]
pub struct TermRef<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub count: usize,
}

#[derive(Serialize, Debug)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

/// A page number in the pager; `gap` marks an elided run (shown as …).
#[derive(Serialize, Debug)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub gap: bool,
}

/// First, last and the neighbours of the current page: the pager stays small however long the list.
fn pager_links(base: &str, number: usize, total: usize) -> Vec<PagerLink> {
    let mut wanted: Vec<usize> = vec![1, total];
    wanted.extend(number.saturating_sub(2).max(1)..=(number + 2).min(total));
    wanted.sort_unstable();
    wanted.dedup();
    let mut out: Vec<PagerLink> = Vec::new();
    let mut last = 0;
    for n in wanted {
        if n > last + 1 {
            out.push(PagerLink {
                number: 0,
                url: String::new(),
                gap: true,
            });
        }
        out.push(PagerLink {
            number: n,
            url: page_url(base, n),
            gap: false,
        });
        last = n;
    }
    out
}

/// One page of a paginated list.
#[derive(Serialize, Debug)]
pub struct Paginator {
    pub number: usize,
    pub total_pages: usize,
    pub total_items: usize,
    pub items: Vec<tera::Value>,
    pub first_url: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<PagerLink>,
}

/// The site path of page `n` (1-based) of a list at `base`.
pub(crate) fn page_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

pub(crate) fn paginate(site: &Site, base: &str, docs: &[usize], number: usize) -> Paginator {
    let per = site.config.paginate;
    let total_pages = docs.len().div_ceil(per).max(1);
    let start = (number - 1) * per;
    let items = docs[start.min(docs.len())..(start + per).min(docs.len())]
        .iter()
        .map(|&d| site.docs[d].card.clone())
        .collect();
    Paginator {
        number,
        total_pages,
        total_items: docs.len(),
        items,
        first_url: base.to_string(),
        prev_url: (number > 1).then(|| page_url(base, number - 1)),
        next_url: (number < total_pages).then(|| page_url(base, number + 1)),
        pages: pager_links(base, number, total_pages),
    }
}

pub(crate) fn site_ctx<'a>(site: &'a Site, labels: tera::Value) -> SiteCtx<'a> {
    SiteCtx {
        title: &site.config.title,
        description: &site.config.description,
        base_url: &site.config.base_url,
        language: &site.config.language,
        relative_urls: site.urls.relative,
        doc_count: site.docs.len(),
        sections: site.sections.iter().map(section_ref).collect(),
        taxonomies: site.taxonomies.iter().map(taxonomy_ctx).collect(),
        drafts_shown: site.drafts_shown,
        search: site.config.search,
        labels,
        extra: &site.config.extra,
        generator: concat!("huibian ", env!("CARGO_PKG_VERSION")),
    }
}

/// An entry of `nav`, as the page being rendered shows it.
#[derive(Serialize, Debug)]
struct NavItem<'a> {
    /// home, section, taxonomy, archive or search.
    kind: &'static str,
    title: &'a str,
    /// Its site path (what `current_path` is compared with).
    url: &'a str,
    /// The link from this page (the `url` filter's work, done).
    href: String,
    /// "page" for the page itself, "true" for a page under it, "" else: aria-current's value.
    current: &'static str,
}

/// `nav` in every template: the site's entry points with their hrefs made and the current one
/// marked. A page's entries depend only on its depth and which entry it is at or under, so
/// each such pair is made once: the templates' loop called `url` and `starting_with` per
/// entry and page, a tenth of rendering a big site.
pub(crate) struct Nav {
    /// (kind, title, site path, whether pages under it count as in it).
    entries: Vec<(&'static str, String, String, bool)>,
    urls: crate::site::Urls,
    made: std::sync::RwLock<ahash::AHashMap<(usize, Vec<u8>), tera::Value>>,
}

impl Nav {
    pub(crate) fn of(site: &Site, labels: &std::collections::BTreeMap<String, String>) -> Nav {
        let label = |k: &str| labels.get(k).cloned().unwrap_or_default();
        let mut entries = vec![("home", label("home"), String::new(), false)];
        for s in &site.sections {
            entries.push(("section", s.title.clone(), s.url.clone(), true));
        }
        for t in &site.taxonomies {
            entries.push(("taxonomy", t.label.clone(), t.url.clone(), true));
        }
        entries.push(("archive", label("archive"), "archive/".into(), false));
        if site.config.search {
            entries.push(("search", label("search"), "search/".into(), false));
        }
        Nav {
            entries,
            urls: site.urls.clone(),
            made: Default::default(),
        }
    }

    /// The entries as the page at `path` shows them.
    pub(crate) fn at(&self, path: &str) -> tera::Value {
        // 0: not current, 1: the page itself, 2: a page under it.
        let marks: Vec<u8> = (self.entries.iter())
            .map(|(_, _, url, under)| {
                if path == url {
                    1
                } else if *under && path.starts_with(url.as_str()) {
                    2
                } else {
                    0
                }
            })
            .collect();
        let key = (self.urls.depth(path), marks);
        let read = self.made.read().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = read.get(&key) {
            return v.clone();
        }
        drop(read);
        let items: Vec<NavItem> = (self.entries.iter().zip(&key.1))
            .map(|((kind, title, url, _), mark)| NavItem {
                kind,
                title,
                url,
                href: self.urls.href_at(key.0, url),
                current: ["", "page", "true"][*mark as usize],
            })
            .collect();
        let value = tera::Value::from_serializable(&items);
        let mut made = self.made.write().unwrap_or_else(|e| e.into_inner());
        made.entry(key).or_insert(value).clone()
    }
}

/// What many pages show alike, made into template values once per render: every document's
/// page names its section and its terms, and cloning a value is a reference count where
/// serialising the struct again built a map per page (a tenth of a page's context).
pub(crate) struct Shared {
    /// [`SectionRef`] of each section.
    pub sections: Vec<tera::Value>,
    /// [`TermRef`] of each term, per taxonomy.
    pub terms: Vec<Vec<tera::Value>>,
    pub nav: Nav,
}

impl Shared {
    pub(crate) fn of(site: &Site, labels: &std::collections::BTreeMap<String, String>) -> Shared {
        use tera::Value;
        Shared {
            nav: Nav::of(site, labels),
            sections: site
                .sections
                .iter()
                .map(|s| Value::from_serializable(&section_ref(s)))
                .collect(),
            terms: site
                .taxonomies
                .iter()
                .map(|t| {
                    let term = |k| Value::from_serializable(&term_ref(k));
                    t.terms.iter().map(term).collect()
                })
                .collect(),
        }
    }
}

pub(crate) fn section_ref(s: &Section) -> SectionRef<'_> {
    SectionRef {
        name: &s.name,
        title: &s.title,
        description: &s.description,
        url: &s.url,
        count: s.docs.len(),
    }
}

pub(crate) fn term_ref(t: &Term) -> TermRef<'_> {
    TermRef {
        name: &t.name,
        url: &t.url,
        count: t.docs.len(),
    }
}

pub(crate) fn taxonomy_ctx(t: &Taxonomy) -> TaxonomyCtx<'_> {
    TaxonomyCtx {
        name: &t.name,
        label: &t.label,
        url: &t.url,
        terms: t.terms.iter().map(term_ref).collect(),
    }
}

/// A group of documents on the home page (a batch or a section).
#[derive(Serialize, Debug)]
pub struct Group<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub count: usize,
    pub docs: Vec<tera::Value>,
}

#[derive(Serialize, Debug)]
pub struct HomeCtx<'a> {
    pub latest: Vec<tera::Value>,
    pub batches: Vec<Group<'a>>,
    pub sections: Vec<Group<'a>>,
}

pub(crate) fn cards(site: &Site, docs: &[usize], n: usize) -> Vec<tera::Value> {
    docs.iter()
        .take(n)
        .map(|&d| site.docs[d].card.clone())
        .collect()
}

pub(crate) fn home(site: &Site) -> HomeCtx<'_> {
    let batches = site
        .taxonomies
        .iter()
        .find(|t| t.name == "batch")
        .map(|t| {
            t.terms
                .iter()
                .map(|term| Group {
                    title: &term.name,
                    url: &term.url,
                    count: term.docs.len(),
                    docs: cards(site, &term.docs, super::shown::HOME_PER_BATCH),
                })
                .collect()
        })
        .unwrap_or_default();
    HomeCtx {
        latest: cards(site, &site.by_date, super::shown::HOME_LATEST),
        batches,
        sections: site
            .sections
            .iter()
            .map(|s| Group {
                title: &s.title,
                url: &s.url,
                count: s.docs.len(),
                docs: cards(site, &s.docs, super::shown::HOME_PER_SECTION),
            })
            .collect(),
    }
}

#[derive(Serialize, Debug)]
pub struct Attachment<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub url: String,
    pub size: u64,
    pub size_human: String,
    /// Upper-case extension: PDF, DOCX, PNG …
    pub kind: String,
}

#[derive(Serialize, Debug)]
pub struct TermGroup<'a> {
    pub name: &'a str,
    pub label: &'a str,
    /// Each a [`TermRef`], made once in [`Shared`].
    pub terms: Vec<tera::Value>,
}

#[derive(Serialize, Debug)]
pub struct PageCtx<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date: String,
    pub date_zh: String,
    pub date_rfc3339: String,
    pub unit: Option<&'a str>,
    pub author: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub location: Option<&'a str>,
    /// The original file the document was imported from.
    pub source: Option<&'a str>,
    pub batch: Option<String>,
    pub summary: &'a str,
    pub content: &'a str,
    pub toc: &'a [crate::markdown::TocEntry],
    pub word_count: usize,
    pub reading_time: usize,
    /// Minutes to deliver a speech aloud; none for other documents.
    pub speaking_time: Option<usize>,
    pub attachments: Vec<Attachment<'a>>,
    /// Taxonomy terms of the document, grouped: batch, unit, tags, ….
    pub terms: Vec<TermGroup<'a>>,
    /// A [`SectionRef`], made once in [`Shared`].
    pub section: tera::Value,
    pub prev: Option<tera::Value>,
    pub next: Option<tera::Value>,
    pub related: Vec<tera::Value>,
    pub draft: bool,
    pub extra: &'a tera::Value,
    pub source_path: &'a str,
}

pub(crate) fn human_size(bytes: u64) -> String {
    match bytes {
        0..=1023 => format!("{bytes} B"),
        1024..=1_048_575 => format!("{:.1} KB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

pub(crate) fn page<'a>(site: &'a Site, shared: &Shared, d: &'a Doc) -> PageCtx<'a> {
    let attachments = d
        .attachments
        .iter()
        .map(|a| {
            // An image is downloaded as published: the file at its own name.
            let (file, size) = match site.images.in_bundle(d, &a.name) {
                Some(p) => {
                    let dir = a.name.rsplit_once('/').map_or("", |(d, _)| d);
                    let sep = if dir.is_empty() { "" } else { "/" };
                    (format!("{dir}{sep}{}", p.main.name), p.main.bytes)
                }
                None => (a.name.clone(), a.size),
            };
            Attachment {
                name: &a.name,
                title: d
                    .fm
                    .attachments
                    .get(&a.name)
                    .map_or(&a.name, |t| t.as_str()),
                // Each segment percent-encoded: `#`, `?`, `%`, spaces and Chinese reach the server.
                url: format!("{}{}", d.url, encoded_path(&file)),
                size,
                size_human: human_size(size),
                kind: file
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_uppercase())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let terms = site
        .taxonomies
        .iter()
        .enumerate()
        .filter_map(|(ti, t)| {
            let terms: Vec<tera::Value> = d
                .terms
                .iter()
                .filter(|(x, _)| *x == ti)
                .map(|&(_, k)| shared.terms[ti][k].clone())
                .collect();
            (!terms.is_empty()).then_some(TermGroup {
                name: &t.name,
                label: &t.label,
                terms,
            })
        })
        .collect();
    let speech = d.is_speech(&site.sections);
    PageCtx {
        title: &d.fm.title,
        url: &d.url,
        date: d.fm.date.iso(),
        date_zh: d.fm.date.zh(),
        date_rfc3339: d.fm.date.rfc3339(),
        unit: d.fm.unit.as_deref(),
        author: d.fm.author.as_deref(),
        speaker: d.fm.speaker.as_deref(),
        location: d.fm.location.as_deref(),
        source: d.fm.source.as_deref(),
        batch: d.fm.batch.map(batch_label),
        summary: &d.summary,
        content: &d.md.html,
        toc: &d.md.toc,
        word_count: d.md.counts.words(),
        reading_time: d.md.counts.minutes(site.config.reading_speed),
        speaking_time: speech.then(|| d.md.counts.minutes(SPEAKING_SPEED)),
        attachments,
        terms,
        section: shared.sections[d.section].clone(),
        prev: d.prev.map(|i| site.docs[i].card.clone()),
        next: d.next.map(|i| site.docs[i].card.clone()),
        related: d
            .related
            .iter()
            .map(|&i| site.docs[i].card.clone())
            .collect(),
        draft: d.fm.draft,
        extra: &d.fm.extra,
        source_path: &d.rel,
    }
}

#[derive(Serialize, Debug)]
pub struct MonthCtx {
    pub year: i32,
    pub month: u32,
    pub label: String,
    pub docs: Vec<tera::Value>,
}

#[derive(Serialize, Debug)]
pub struct YearCtx {
    pub year: i32,
    pub count: usize,
    pub months: Vec<MonthCtx>,
}

pub(crate) fn archive(site: &Site) -> Vec<YearCtx> {
    let mut years: Vec<YearCtx> = Vec::new();
    for m in &site.months {
        let month = MonthCtx {
            year: m.year,
            month: m.month,
            label: format!("{}年{}月", m.year, m.month),
            docs: cards(site, &m.docs, usize::MAX),
        };
        match years.last_mut() {
            Some(y) if y.year == m.year => {
                y.count += m.docs.len();
                y.months.push(month);
            }
            _ => years.push(YearCtx {
                year: m.year,
                count: m.docs.len(),
                months: vec![month],
            }),
        }
    }
    years
}

#[derive(Serialize, Debug)]
pub struct FeedEntry<'a> {
    pub title: &'a str,
    pub url: String,
    pub updated: String,
    pub summary: &'a str,
    pub author: Option<&'a str>,
}

#[derive(Serialize, Debug)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// A bundle-relative path with each segment percent-encoded (`/` kept between them).
fn encoded_path(path: &str) -> String {
    path.split('/')
        .map(crate::site::urls::encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}
