//! The site model: documents with their URLs and rendered bodies, sections, taxonomies,
//! the archive by month, previous/next and related documents. Assembled once, then read-only.

pub mod urls;

use crate::config::Config;
use crate::diag::{line_col, Code, Diagnostic};
use crate::images::{Images, Picture};
use crate::markdown::{self, Link};
use crate::source::date::DocDate;
use crate::source::frontmatter::SortBy;
use crate::source::{DocSource, LooseFile, Source};
use crate::zh::batch_label;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
pub use urls::Urls;

/// Speaking rate for speeches, characters a minute (CJK.md: IReST 2012 read-aloud rate).
pub const SPEAKING_SPEED: u32 = 255;

/// A document of the site: its source (front matter, path, attachments — reachable through
/// `Deref`), its rendered body, and where it stands among the others.
#[derive(Debug)]
pub struct Doc {
    pub src: Arc<DocSource>,
    pub md: Arc<markdown::Rendered>,
    pub section: usize,
    pub url: String,
    pub summary: String,
    pub prev: Option<usize>,
    pub next: Option<usize>,
    pub related: Vec<usize>,
    /// (taxonomy, term) pairs the document is listed under.
    pub terms: Vec<(usize, usize)>,
    /// The document's position in each of those terms' lists.
    pub term_pos: Vec<usize>,
    /// The document as list pages show it, built once and shared by every list.
    pub card: tera::Value,
    /// Fingerprints of the card and of what the document's own page shows of itself.
    pub card_hash: u64,
    pub page_hash: u64,
}

impl std::ops::Deref for Doc {
    type Target = DocSource;
    fn deref(&self) -> &DocSource {
        &self.src
    }
}

impl Doc {
    pub(crate) fn is_speech(&self, sections: &[Section]) -> bool {
        self.fm.speaker.is_some() || sections[self.section].name == "speeches"
    }
}

#[derive(Debug)]
pub struct Section {
    pub name: String,
    pub title: String,
    pub description: String,
    pub intro_html: String,
    pub weight: Option<i64>,
    pub sort_by: SortBy,
    pub url: String,
    /// Documents in display order.
    pub docs: Vec<usize>,
}

#[derive(Debug)]
pub struct Taxonomy {
    pub name: String,
    pub label: String,
    pub url: String,
    pub terms: Vec<Term>,
}

#[derive(Debug)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Newest first.
    pub docs: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    #[serde(skip)]
    pub docs: Vec<usize>,
}

#[derive(Debug)]
pub struct Alias {
    /// Site path of the redirect page's file, e.g. "old/path/index.html".
    pub file: String,
    pub target: usize,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    pub docs: Vec<Doc>,
    pub sections: Vec<Section>,
    pub taxonomies: Vec<Taxonomy>,
    /// Newest month first.
    pub months: Vec<Month>,
    /// All documents, newest first.
    pub by_date: Vec<usize>,
    pub aliases: Vec<Alias>,
    pub loose: Vec<LooseFile>,
    /// What is published of each image of content/, by its content/-relative path.
    pub images: Images,
    pub drafts_shown: bool,
    /// The drafts left out (content/-relative paths), to say so: a draft that vanishes from
    /// the built site without a word looks like a lost document.
    pub drafts: Vec<String>,
}

/// A document's site path: `<section>/<slug>/`.
pub(crate) fn doc_url(d: &DocSource) -> String {
    format!("{}/{}/", d.section, d.slug)
}

/// A section's title: its _index.md says, else the well-known folder names' Chinese title.
pub(crate) fn section_title(s: &crate::source::SectionSource) -> String {
    s.meta
        .title
        .clone()
        .unwrap_or_else(|| default_section_title(&s.name))
}

/// The well-known section folder names in the order of a campaign's materials, with their
/// Chinese titles (when _index.md gives none).
const WELL_KNOWN: &[(&str, &str)] = &[
    ("speeches", "讲话"),
    ("outlines", "讲话提纲"),
    ("guides", "学习辅导"),
    ("experiences", "经验交流"),
    ("notices", "通知公告"),
];

/// Where a section stands in navigation, lowest first: the order config.yaml's `sections:`
/// gives; then sections with a `weight` in their _index.md, by weight; then the rest, the
/// well-known names in the order of WELL_KNOWN (讲话, 学习辅导, 经验交流 …), others by name. The one
/// order of sections (pages, navigation, search, archive, PDF).
pub(crate) fn section_order<'a>(
    config: &Config,
    name: &'a str,
    weight: Option<i64>,
) -> (usize, bool, i64, usize, &'a str) {
    let listed = config.sections.iter().position(|n| n == name);
    let known = WELL_KNOWN.iter().position(|(n, _)| *n == name);
    (
        listed.unwrap_or(usize::MAX),
        weight.is_none(),
        weight.unwrap_or(0),
        known.unwrap_or(usize::MAX),
        name,
    )
}

fn default_section_title(name: &str) -> String {
    WELL_KNOWN
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(name, |(_, t)| t)
        .to_string()
}

/// Builds the site model. Errors: two documents at one URL, links to missing documents, bad aliases.
pub(crate) fn assemble(
    config: Config,
    source: Source,
    images: Images,
    drafts_shown: bool,
    md_cache: &MdCache,
) -> Result<Site, Vec<Diagnostic>> {
    let (site, errors) = assemble_all(config, source, images, drafts_shown, md_cache);
    if errors.is_empty() {
        Ok(site)
    } else {
        Err(errors)
    }
}

/// As `assemble`, giving the site together with its errors (`huibian check` goes on to look
/// for warnings in a site with errors, to report everything at once).
pub(crate) fn assemble_all(
    config: Config,
    mut source: Source,
    images: Images,
    drafts_shown: bool,
    md_cache: &MdCache,
) -> (Site, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    // For one build, each body is let go once it is rendered: the site never holds every
    // document's Markdown and HTML at once.
    let bodies: Vec<Option<String>> = source
        .docs
        .iter_mut()
        .map(|d| {
            md_cache
                .one_shot
                .then(|| Arc::get_mut(d).map(|d| std::mem::take(&mut d.body)))
                .flatten()
        })
        .collect();
    let urls = Urls::of(&config);
    let mut sections = make_sections(&config, &source, &mut errors);
    let section_index: HashMap<&str, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let doc_urls = assign_urls(&source, &config, &mut errors);
    let by_rel: HashMap<&str, usize> = source
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.rel.as_str(), i))
        .collect();
    let files = link_files(
        source.loose.iter().map(|f| f.rel.as_str()),
        source.docs.iter().map(|d| d.as_ref()),
    );
    let targets = LinkTargets {
        by_rel: &by_rel,
        doc_urls: &doc_urls,
        drafts: &source.drafts,
        left_out: &source.left_out,
        failed: &source.failed,
        urls: &urls,
        files: &files,
        images: &images,
        link_full_size: config.images.link_full_size,
    };
    let md_opts = markdown::Options::from(&config.markdown);
    missing_attachments(&source.docs, &mut errors);
    let rendered = render_bodies(&source.docs, bodies, &doc_urls, md_opts, &targets, md_cache);
    md_cache.keep_only(&source.docs);
    check_anchors(&source.docs, &rendered, &by_rel, &mut errors);
    let mut docs = make_docs(
        &source.docs,
        rendered,
        doc_urls,
        &section_index,
        &mut errors,
    );

    let mut by_date: Vec<usize> = (0..docs.len()).collect();
    by_date.sort_by(|&a, &b| newest_first(&docs, a, b));
    sort_sections(&mut sections, &mut docs, &by_date);
    let taxonomies = make_taxonomies(&config, &mut docs, &by_date);
    link_related(&mut docs, &taxonomies);
    let months = make_months(&docs, &by_date);
    let aliases = make_aliases(&docs, &mut errors);
    set_cards(
        &mut docs,
        &sections,
        &taxonomies,
        &images,
        config.reading_speed,
        md_cache,
    );
    let site = Site {
        config,
        urls,
        docs,
        sections,
        taxonomies,
        months,
        by_date,
        aliases,
        loose: source.loose,
        images,
        drafts_shown,
        drafts: source.drafts,
    };
    (site, errors)
}

/// Every document's body through Markdown (in parallel), with the body's errors and where its
/// fragments stand.
fn render_bodies(
    docs: &[Arc<DocSource>],
    bodies: Vec<Option<String>>,
    doc_urls: &[String],
    md_opts: markdown::Options,
    targets: &LinkTargets,
    md_cache: &MdCache,
) -> Vec<Rendering> {
    docs.par_iter()
        .zip(bodies)
        .enumerate()
        .map(|(i, (d, body))| {
            let body = body.as_deref().unwrap_or(&d.body);
            let r = md_cache.render(d, body, &doc_urls[i], md_opts, targets);
            let errs = body_errors(d, body, &r);
            let fragments_at = r
                .fragments
                .iter()
                .map(|(o, _)| line_col(body, *o))
                .collect();
            (r, errs, fragments_at)
        })
        .collect()
}

/// The site's documents, before lists and cards are known; their body errors go to `errors`.
fn make_docs(
    sources: &[Arc<DocSource>],
    rendered: Vec<Rendering>,
    doc_urls: Vec<String>,
    section_index: &HashMap<&str, usize>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::with_capacity(sources.len());
    for ((d, (r, mut errs, _)), url) in sources.iter().zip(rendered).zip(doc_urls) {
        errors.append(&mut errs);
        let summary = d.fm.summary.clone().unwrap_or_else(|| r.summary.clone());
        docs.push(Doc {
            section: section_index[d.section.as_str()],
            src: d.clone(),
            md: r,
            url,
            summary,
            prev: None,
            next: None,
            related: Vec::new(),
            terms: Vec::new(),
            term_pos: Vec::new(),
            card: tera::Value::none(),
            card_hash: 0,
            page_hash: 0,
        });
    }
    docs
}

/// Each document's card and the hashes of its card and page (in parallel).
fn set_cards(
    docs: &mut [Doc],
    sections: &[Section],
    taxonomies: &[Taxonomy],
    images: &Images,
    speed: u32,
    md_cache: &MdCache,
) {
    let cards: Vec<(tera::Value, u64, u64)> = docs
        .par_iter()
        .map(|d| {
            let (value, card_hash) = card(d, sections, taxonomies, speed, md_cache);
            (value, card_hash, page_hash(d, sections, taxonomies, images))
        })
        .collect();
    for (d, (c, ch, ph)) in docs.iter_mut().zip(cards) {
        d.card = c;
        d.card_hash = ch;
        d.page_hash = ph;
    }
}

/// The errors a document's rendered body holds (broken links, heading attributes), at their
/// lines in the file: one wording for build, check and serve's quick path.
fn body_errors(d: &DocSource, body: &str, r: &markdown::Rendered) -> Vec<Diagnostic> {
    let mut errs: Vec<Diagnostic> = r
        .broken_links
        .iter()
        .map(|(offset, code, msg)| {
            let (line, col) = line_col(body, *offset);
            Diagnostic::tr(&d.path, msg.clone())
                .at(d.body_line + line - 1, col)
                .code(*code)
                .hint_tr(match code {
                    Code::BrokenSheet => crate::msg!("sheet-link-hint"),
                    _ => crate::msg!("link-hint"),
                })
        })
        .collect();
    errs.extend(attribute_errors(&d.path, body, d.body_line, r));
    errs
}

/// Puts an edited document whose front matter did not change into the site (the live preview's
/// fast path): URLs, order, taxonomies and neighbours stay; its body, summary and card are new.
pub(crate) fn patch_doc(
    site: &mut Site,
    i: usize,
    src: Arc<DocSource>,
    md_cache: &MdCache,
) -> Result<(), Vec<Diagnostic>> {
    let by_rel: HashMap<&str, usize> = site
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.rel.as_str(), i))
        .collect();
    let doc_urls: Vec<String> = site.docs.iter().map(|d| d.url.clone()).collect();
    let drafts: Vec<String> = Vec::new();
    let files = link_files(
        site.loose.iter().map(|f| f.rel.as_str()),
        site.docs.iter().map(|d| d.src.as_ref()),
    );
    let targets = LinkTargets {
        by_rel: &by_rel,
        doc_urls: &doc_urls,
        drafts: &drafts,
        left_out: &drafts,
        failed: &drafts,
        urls: &site.urls,
        files: &files,
        images: &site.images,
        link_full_size: site.config.images.link_full_size,
    };
    let md = md_cache.render(
        &src,
        &src.body,
        &doc_urls[i],
        markdown::Options::from(&site.config.markdown),
        &targets,
    );
    let errs = body_errors(&src, &src.body, &md);
    if !errs.is_empty() {
        return Err(errs);
    }
    let d = &mut site.docs[i];
    d.summary = src.fm.summary.clone().unwrap_or_else(|| md.summary.clone());
    d.src = src;
    d.md = md;
    let (card, card_hash) = card(
        &site.docs[i],
        &site.sections,
        &site.taxonomies,
        site.config.reading_speed,
        md_cache,
    );
    let page_hash = page_hash(
        &site.docs[i],
        &site.sections,
        &site.taxonomies,
        &site.images,
    );
    let d = &mut site.docs[i];
    (d.card, d.card_hash, d.page_hash) = (card, card_hash, page_hash);
    Ok(())
}

/// Whether a document's new front matter changes only what the site's lists hold (title,
/// date, tags, unit, batch, weight, summary …): the same URL, draft state, aliases and
/// attachments, so that no other page's body or file can change with it and `relist` after
/// `patch_doc` gives what `assemble` would.
pub(crate) fn lists_only(old: &DocSource, new: &DocSource) -> bool {
    old.slug == new.slug
        && old.rel == new.rel
        && old.fm.slug == new.fm.slug
        && old.fm.draft == new.fm.draft
        && old.fm.aliases == new.fm.aliases
        && old.fm.attachments == new.fm.attachments
}

/// What a front-matter edit moved (see `relist`): the pages that read anything else show what
/// they showed before.
#[derive(Debug, Default)]
pub struct Relisted {
    /// Documents whose page may show something new (themselves, neighbours, related lists).
    pub docs: HashSet<usize>,
    /// Sections whose list changed.
    pub sections: HashSet<usize>,
    /// Terms (taxonomy, term, as they are now) whose list changed.
    pub terms: HashSet<(usize, usize)>,
    /// The taxonomies rebuilt whole: every one of their terms may have moved.
    pub taxonomies: HashSet<usize>,
    /// The site has the same pages as before (no term came, went or changed its length).
    pub same_pages: bool,
    /// Documents other than the edited one have a new card.
    cards_moved: bool,
}

/// Derives the lists again after a front matter edit of the documents `patched` that
/// `lists_only` allows, as `assemble` would: one document is moved in place in the lists it
/// was and is in; more than one derives every list again. Says what moved (None: anything
/// may have).
pub(crate) fn relist(site: &mut Site, patched: &[usize], md_cache: &MdCache) -> Option<Relisted> {
    if let [p] = patched {
        // Other documents' cards moved (a term's URL did): any page may show one of them.
        return Some(relist_one(site, *p, md_cache)).filter(|r| !r.cards_moved);
    }
    relist_all(site, patched, md_cache);
    None
}

/// Derives every list again from the documents as they are (orders, neighbours, sections'
/// and taxonomies' documents, related documents, months, cards). Other documents' cards are
/// made again only when one of their terms' URL moved.
fn relist_all(site: &mut Site, patched: &[usize], md_cache: &MdCache) {
    let urls_before: HashMap<(usize, String), String> = term_urls(&site.taxonomies);
    for d in &mut site.docs {
        (d.prev, d.next) = (None, None);
        d.related.clear();
        d.terms.clear();
        d.term_pos.clear();
    }
    for sec in &mut site.sections {
        sec.docs.clear();
    }
    let docs = &mut site.docs;
    let mut by_date: Vec<usize> = (0..docs.len()).collect();
    by_date.sort_by(|&a, &b| newest_first(docs, a, b));
    sort_sections(&mut site.sections, docs, &by_date);
    site.taxonomies = make_taxonomies(&site.config, docs, &by_date);
    link_related(docs, &site.taxonomies);
    site.months = make_months(docs, &by_date);
    site.by_date = by_date;
    let again: Vec<usize> = (0..site.docs.len())
        .filter(|i| patched.contains(i) || moved_term(site, &urls_before, *i))
        .collect();
    remake_cards(site, &again, md_cache);
}

/// Whether one of document `i`'s terms has another URL than in `before`.
fn moved_term(site: &Site, before: &HashMap<(usize, String), String>, i: usize) -> bool {
    site.docs[i].terms.iter().any(|&(ti, k)| {
        let t = &site.taxonomies[ti].terms[k];
        before.get(&(ti, t.name.clone())) != Some(&t.url)
    })
}

/// The cards and page hashes of documents `again`, made again.
fn remake_cards(site: &mut Site, again: &[usize], md_cache: &MdCache) {
    let docs = &site.docs;
    let made: Vec<(usize, (tera::Value, u64, u64))> = again
        .par_iter()
        .map(|&i| {
            let d = &docs[i];
            let speed = site.config.reading_speed;
            let (value, card_hash) = card(d, &site.sections, &site.taxonomies, speed, md_cache);
            let ph = page_hash(d, &site.sections, &site.taxonomies, &site.images);
            (i, (value, card_hash, ph))
        })
        .collect();
    for (i, (c, ch, ph)) in made {
        let d = &mut site.docs[i];
        (d.card, d.card_hash, d.page_hash) = (c, ch, ph);
    }
}

/// The documents within the related window of `at` in `list`.
fn near(list: &[usize], at: usize, out: &mut HashSet<usize>) {
    let lo = at.saturating_sub(RELATED_WINDOW + 1);
    let hi = (at + RELATED_WINDOW + 2).min(list.len());
    out.extend(&list[lo..hi]);
}

/// `relist` for one document `p`: it leaves its place in the date order, its section and its
/// terms and takes its new one; only the documents near it (old place and new) get their
/// related documents again, since a related list is drawn from a window around its document.
fn relist_one(site: &mut Site, p: usize, md_cache: &MdCache) -> Relisted {
    let mut out = Relisted {
        same_pages: true,
        ..Relisted::default()
    };
    // Before: the documents whose related window held p, and p's neighbours.
    let mut around: HashSet<usize> = HashSet::from([p]);
    window_docs(site, p, &mut around);
    let s = site.docs[p].section;
    out.sections.insert(s);
    let neighbours_before: Vec<(usize, Option<usize>, Option<usize>)> = site.sections[s]
        .docs
        .iter()
        .map(|&d| (d, site.docs[d].prev, site.docs[d].next))
        .collect();
    let docs = &mut site.docs;
    site.by_date.retain(|&d| d != p);
    let at = site
        .by_date
        .partition_point(|&o| newest_first(docs, o, p) == std::cmp::Ordering::Less);
    site.by_date.insert(at, p);
    // The section again, from the new date order (then its own order).
    let sec = &mut site.sections[s];
    sec.docs = site
        .by_date
        .iter()
        .copied()
        .filter(|&d| docs[d].section == s)
        .collect();
    for &(d, _, _) in &neighbours_before {
        (docs[d].prev, docs[d].next) = (None, None);
    }
    order_section(sec, docs);
    for (d, prev, next) in neighbours_before {
        if (docs[d].prev, docs[d].next) != (prev, next) {
            out.docs.insert(d);
        }
    }
    site.months = make_months(docs, &site.by_date);
    let urls_before = retag(site, p, &mut out);
    window_docs(site, p, &mut around);
    let docs = &site.docs;
    let related: Vec<(usize, Vec<usize>)> = around
        .par_iter()
        .map(|&d| (d, related_of(d, docs, &site.taxonomies, &day_of(docs))))
        .collect();
    for (d, r) in related {
        site.docs[d].related = r;
    }
    out.docs.extend(&around);
    let d = &site.docs[p];
    out.docs.extend(d.prev.iter().chain(d.next.iter()));
    // Cards: p's, and those of documents whose term moved (a taxonomy rebuilt whole).
    let mut again = vec![p];
    for &ti in &out.taxonomies {
        for t in &site.taxonomies[ti].terms {
            if urls_before.get(&(ti, t.name.clone())) != Some(&t.url) {
                again.extend(t.docs.iter().filter(|&&d| d != p));
            }
        }
    }
    again.sort_unstable();
    again.dedup();
    remake_cards(site, &again, md_cache);
    out.cards_moved = again.len() > 1;
    out.docs.extend(&again);
    out
}

/// A document's date as a day number.
fn day_of(docs: &[Doc]) -> impl Fn(usize) -> i32 + Sync + '_ {
    use chrono::Datelike;
    |i| docs[i].fm.date.date.num_days_from_ce()
}

/// The documents within the related window of `p` in each of its weighted terms' lists.
fn window_docs(site: &Site, p: usize, out: &mut HashSet<usize>) {
    let d = &site.docs[p];
    for (&(ti, k), &pos) in d.terms.iter().zip(&d.term_pos) {
        if related_weight(&site.taxonomies[ti]) > 0 {
            near(&site.taxonomies[ti].terms[k].docs, pos, out);
        }
    }
}

/// Moves `p` in its terms' lists (a taxonomy whose terms come or go, or that `p` names a term
/// of twice, is derived again whole), and sets every document's terms again. Gives the terms'
/// URLs from before.
fn retag(site: &mut Site, p: usize, out: &mut Relisted) -> HashMap<(usize, String), String> {
    let urls_before = term_urls(&site.taxonomies);
    let old: Vec<(usize, usize)> = site.docs[p].terms.clone();
    for ti in 0..site.taxonomies.len() {
        let name = site.taxonomies[ti].name.clone();
        let was: Vec<usize> = old.iter().filter(|t| t.0 == ti).map(|t| t.1).collect();
        let now = doc_terms(&site.docs[p], &name);
        let tax = &site.taxonomies[ti];
        let find = |n: &str| tax.terms.iter().position(|t| t.name == n);
        let found: Vec<Option<usize>> = now.iter().map(|n| find(n)).collect();
        let mut unique = found.clone();
        unique.sort();
        unique.dedup();
        let whole = found.iter().any(Option::is_none)
            || unique.len() != now.len()
            || was
                .iter()
                .any(|&k| tax.terms[k].docs.len() == 1 && !found.contains(&Some(k)));
        if whole {
            site.taxonomies[ti] = make_taxonomy(&site.config, ti, &site.docs, &site.by_date);
            out.taxonomies.insert(ti);
            out.same_pages = false;
            let n = site.taxonomies[ti].terms.len();
            out.terms.extend((0..n).map(|k| (ti, k)));
            continue;
        }
        let docs = &site.docs;
        let terms = &mut site.taxonomies[ti].terms;
        for &k in was.iter().chain(found.iter().flatten()) {
            let list = &mut terms[k].docs;
            let before = list.len();
            list.retain(|&d| d != p);
            if found.contains(&Some(k)) {
                let at =
                    list.partition_point(|&o| newest_first(docs, o, p) == std::cmp::Ordering::Less);
                list.insert(at, p);
            }
            out.same_pages &= list.len() == before;
            out.terms.insert((ti, k));
        }
    }
    index_terms(&mut site.docs, &site.taxonomies);
    urls_before
}

/// Each term's URL, by taxonomy and name.
fn term_urls(taxonomies: &[Taxonomy]) -> HashMap<(usize, String), String> {
    taxonomies
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| {
            t.terms
                .iter()
                .map(move |term| ((ti, term.name.clone()), term.url.clone()))
        })
        .collect()
}

/// The heading attributes the allow-list removed from a body (`{onfocus=…}`), as errors at
/// their lines: the author meant something by them, and the page will not have it.
fn attribute_errors(
    path: &std::path::Path,
    body: &str,
    first_line: usize,
    r: &markdown::Rendered,
) -> Vec<Diagnostic> {
    r.bad_attributes
        .iter()
        .map(|(offset, msg)| {
            let (line, col) = line_col(body, *offset);
            Diagnostic::tr(path, msg.clone())
                .at(first_line + line - 1, col)
                .code(Code::HeadingAttribute)
                .hint_tr(crate::msg!("heading-attribute-hint"))
        })
        .collect()
}

fn newest_first(docs: &[Doc], a: usize, b: usize) -> std::cmp::Ordering {
    docs[b]
        .fm
        .date
        .cmp(&docs[a].fm.date)
        .then_with(|| docs[a].fm.weight.cmp(&docs[b].fm.weight))
        .then_with(|| docs[a].rel.cmp(&docs[b].rel))
}

fn make_sections(config: &Config, source: &Source, errors: &mut Vec<Diagnostic>) -> Vec<Section> {
    let md_opts = markdown::Options::from(&config.markdown);
    let reserved: HashSet<&str> = config
        .taxonomies
        .iter()
        .map(|t| t.segment())
        .chain(["archive", "static", "page", "search"])
        .collect();
    let mut sections: Vec<Section> = source
        .sections
        .iter()
        .map(|s| {
            if let Some(why) = crate::source::slug::windows_unsafe(&s.name) {
                errors.push(
                    Diagnostic::tr(
                        format!("content/{}", s.name),
                        crate::msg!("section-not-on-windows", why = why),
                    )
                    .code(Code::UnsafeName)
                    .hint_tr(crate::msg!("rename-the-folder")),
                );
            }
            if reserved.contains(s.name.as_str()) {
                errors.push(
                    Diagnostic::tr(
                        format!("content/{}", s.name),
                        crate::msg!("section-reserved", name = &s.name),
                    )
                    .hint_tr(crate::msg!("rename-the-folder")),
                );
            }
            let intro = markdown::render(&s.intro, md_opts, &|_| Link::Keep);
            if let Some(path) = &s.index_path {
                errors.extend(attribute_errors(path, &s.intro, s.intro_line, &intro));
            }
            Section {
                name: s.name.clone(),
                title: section_title(s),
                description: s.meta.description.clone().unwrap_or_default(),
                intro_html: intro.html,
                weight: s.meta.weight,
                sort_by: s.meta.sort_by,
                url: format!("{}/", s.name),
                docs: Vec::new(),
            }
        })
        .collect();
    sections.sort_by(|a, b| {
        section_order(config, &a.name, a.weight).cmp(&section_order(config, &b.name, b.weight))
    });
    for name in &config.sections {
        if !sections.iter().any(|s| &s.name == name) {
            let near = crate::diag::did_you_mean(name, sections.iter().map(|s| s.name.as_str()));
            let mut d = Diagnostic::tr(
                "config.yaml",
                crate::msg!("sections-not-a-folder", name = name),
            )
            .code(Code::Config);
            d = match near {
                Some(n) => d.hint_tr(crate::msg!("did-you-mean", name = n)),
                None => d.hint_tr(crate::msg!("sections-not-a-folder-hint")),
            };
            errors.push(d);
        }
    }
    sections
}

/// Every document's URL; two documents at one URL are an error naming both.
fn assign_urls(source: &Source, _config: &Config, errors: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(source.docs.len());
    for (i, d) in source.docs.iter().enumerate() {
        let url = doc_url(d);
        if let Some(&j) = seen.get(&url) {
            let other = &source.docs[j];
            errors.push(
                Diagnostic::tr(&d.path, crate::msg!("duplicate-url", url = &url))
                    .code(Code::DuplicateUrl)
                    .hint_tr(crate::msg!("duplicate-url-hint", other = &other.rel)),
            );
        } else {
            seen.insert(url.clone(), i);
        }
        out.push(url);
    }
    out
}

/// What links between documents can point at.
struct LinkTargets<'a> {
    by_rel: &'a HashMap<&'a str, usize>,
    doc_urls: &'a [String],
    drafts: &'a [String],
    /// Documents left out of a selection.
    left_out: &'a [String],
    /// Documents that could not be read: a link to one depends on fixing it.
    failed: &'a [String],
    urls: &'a Urls,
    /// content/-relative paths of every file a link may point at (loose files, attachments).
    files: &'a HashSet<String>,
    /// The images among them, in web sizes.
    images: &'a Images,
    /// Pictures link to their full-size file (config `images.link_full_size`).
    link_full_size: bool,
}

impl LinkTargets<'_> {
    /// Rewrites `x.md` links to the target's URL; leaves other links alone.
    fn resolve(&self, dest: &str, from_rel: &str, from_url: &str) -> Link {
        let is_external = dest.starts_with('#')
            || dest.starts_with('/')
            || dest
                .split('/')
                .next()
                .is_some_and(|first| first.contains(':'));
        if is_external {
            return Link::Keep;
        }
        let (path, fragment) = match dest.find('#') {
            Some(i) => dest.split_at(i),
            None => (dest, ""),
        };
        let target = join_relative_decoded(from_rel, path);
        if !path.ends_with(".md") {
            // A file: beside a bundle's page it is copied as it is; a loose file elsewhere is
            // reached by its own path (the page sits one folder deeper than its source).
            let Some(t) = target else {
                return Link::Broken(
                    Code::MissingFile,
                    crate::msg!("link-outside-content", dest = dest),
                );
            };
            if path.is_empty() {
                return Link::Keep;
            }
            if !self.files.contains(&t) {
                return Link::Broken(
                    Code::MissingFile,
                    crate::msg!("link-missing-file", dest = dest),
                );
            }
            if let Some(p) = self.images.by_rel.get(&t) {
                return Link::Picture(Box::new(self.picture(p, &t, from_rel, from_url)));
            }
            if from_rel.ends_with("/index.md")
                && t.starts_with(from_rel.trim_end_matches("index.md"))
            {
                return Link::Keep;
            }
            return Link::Rewrite(self.urls.href(from_url, &format!("{t}{fragment}")));
        }
        match target.as_deref().and_then(|t| self.by_rel.get(t)) {
            Some(&j) => Link::Rewrite(
                self.urls
                    .href(from_url, &format!("{}{fragment}", self.doc_urls[j])),
            ),
            None if target.as_ref().is_some_and(|t| self.left_out.contains(t)) => Link::Drop,
            None if target.as_ref().is_some_and(|t| self.failed.contains(t)) => Link::Broken(
                Code::LinkToFailed,
                crate::msg!("link-to-failed", dest = dest),
            ),
            None if target.as_ref().is_some_and(|t| self.drafts.contains(t)) => {
                Link::Broken(Code::DraftLink, crate::msg!("link-to-draft", dest = dest))
            }
            None => Link::Broken(
                Code::BrokenLink,
                crate::msg!("link-missing-document", dest = dest),
            ),
        }
    }
}

impl LinkTargets<'_> {
    /// How the page at `from_url` shows the image `t` (content/-relative): its own bundle's
    /// images by their paths in the bundle, as written, others from the site's root.
    fn picture(
        &self,
        p: &Picture,
        t: &str,
        from_rel: &str,
        from_url: &str,
    ) -> markdown::PictureRef {
        let folder = t.rsplit_once('/').map_or("", |(d, _)| d);
        let folder = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let bundle = from_rel
            .strip_suffix("index.md")
            .filter(|_| from_rel.ends_with("/index.md"))
            .and_then(|dir| folder.strip_prefix(dir));
        let url = |name: &str| match bundle {
            Some(inside) => markdown::url_path(&format!("{inside}{name}")),
            None => self
                .urls
                .href(from_url, &markdown::url_path(&format!("{folder}{name}"))),
        };
        let web = p.web();
        markdown::PictureRef {
            src: url(&web.name),
            width: web.width,
            height: web.height,
            srcset: p.sizes.iter().map(|v| (url(&v.name), v.width)).collect(),
            href: url(&p.main.name),
            link_full: self.link_full_size && p.has_larger(),
        }
    }
}

/// content/-relative paths that links may point at: loose files and bundle attachments.
fn link_files<'a>(
    loose: impl Iterator<Item = &'a str>,
    docs: impl Iterator<Item = &'a DocSource>,
) -> HashSet<String> {
    let mut files: HashSet<String> = loose.map(str::to_string).collect();
    for d in docs {
        if let Some(dir) = d.rel.strip_suffix("index.md") {
            files.extend(d.attachments.iter().map(|a| format!("{dir}{}", a.name)));
        }
    }
    files
}

/// `attachments:` titles naming a file the bundle does not have.
fn missing_attachments(docs: &[Arc<DocSource>], errors: &mut Vec<Diagnostic>) {
    for d in docs {
        for name in d.fm.attachments.keys() {
            if !d.attachments.iter().any(|a| &a.name == name) {
                let line = crate::source::frontmatter::key_line_in_file(&d.path, "attachments");
                let mut e = Diagnostic::tr(&d.path, crate::msg!("attachment-missing", name = name))
                    .code(Code::MissingAttachment)
                    .hint_tr(if d.rel.ends_with("/index.md") {
                        crate::msg!("attachment-missing-bundle-hint")
                    } else {
                        crate::msg!("attachment-missing-loose-hint")
                    });
                if let Some(l) = line {
                    e = e.line(l);
                }
                errors.push(e);
            }
        }
    }
}

/// A document's rendered Markdown, its errors, and the (line, column) of each of its links
/// with a `#fragment`.
type Rendering = (
    Arc<markdown::Rendered>,
    Vec<Diagnostic>,
    Vec<(usize, usize)>,
);

/// Links to `#anchor`s (in the same document or another) that name no heading there.
fn check_anchors(
    docs: &[Arc<DocSource>],
    rendered: &[Rendering],
    by_rel: &HashMap<&str, usize>,
    errors: &mut Vec<Diagnostic>,
) {
    for (i, d) in docs.iter().enumerate() {
        for ((_, dest), &(line, col)) in rendered[i].0.fragments.iter().zip(&rendered[i].2) {
            let (path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
            let j = if path.is_empty() {
                i
            } else if path.ends_with(".md") {
                match join_relative_decoded(&d.rel, path)
                    .and_then(|t| by_rel.get(t.as_str()).copied())
                {
                    Some(j) => j,
                    None => continue,
                }
            } else {
                continue;
            };
            let fragment = urls::percent_decode(fragment);
            let toc = &rendered[j].0.toc;
            if fragment.is_empty() || toc.iter().any(|t| t.id == fragment) {
                continue;
            }
            let hint = match crate::diag::did_you_mean(&fragment, toc.iter().map(|t| t.id.as_str()))
            {
                Some(s) => crate::msg!("anchor-did-you-mean", name = s),
                None if toc.is_empty() => crate::msg!("anchor-no-headings"),
                None => crate::msg!(
                    "anchor-headings",
                    list = toc
                        .iter()
                        .map(|t| format!("#{}", t.id))
                        .take(8)
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            };
            errors.push(
                Diagnostic::tr(&d.path, crate::msg!("anchor-missing", fragment = &fragment))
                    .at(d.body_line + line - 1, col)
                    .code(Code::BrokenAnchor)
                    .hint_tr(hint),
            );
        }
    }
}

fn join_relative_decoded(from_rel: &str, path: &str) -> Option<String> {
    let decoded = urls::percent_decode(path);
    urls::join_relative(from_rel, &decoded)
}

/// Fills each section's list in its order, and leaves out the sections without documents (a
/// folder whose examples were deleted would show on the home page as `学习辅导 0`).
fn sort_sections(sections: &mut Vec<Section>, docs: &mut [Doc], by_date: &[usize]) {
    for &i in by_date {
        sections[docs[i].section].docs.push(i);
    }
    let kept: Vec<usize> = (0..sections.len())
        .filter(|&i| !sections[i].docs.is_empty())
        .collect();
    if kept.len() < sections.len() {
        let mut new_index = vec![0; sections.len()];
        for (new, &old) in kept.iter().enumerate() {
            new_index[old] = new;
        }
        for d in docs.iter_mut() {
            d.section = new_index[d.section];
        }
        sections.retain(|s| !s.docs.is_empty());
    }
    for s in sections.iter_mut() {
        order_section(s, docs);
    }
}

/// Puts a section's documents (newest first) in the section's order and links neighbours.
fn order_section(s: &mut Section, docs: &mut [Doc]) {
    match s.sort_by {
        SortBy::Date => {}
        SortBy::Weight => s
            .docs
            .sort_by_key(|&i| (docs[i].fm.weight.unwrap_or(i64::MAX), docs[i].fm.date)),
        SortBy::Title => s
            .docs
            .sort_by_cached_key(|&i| crate::source::slug::slugify(&docs[i].fm.title)),
    }
    for w in s.docs.windows(2) {
        docs[w[0]].next = Some(w[1]);
        docs[w[1]].prev = Some(w[0]);
    }
}

/// Terms of a taxonomy in a document.
fn doc_terms(doc: &Doc, taxonomy: &str) -> Vec<String> {
    match taxonomy {
        "batch" => doc.fm.batch.map(batch_label).into_iter().collect(),
        "unit" => doc.fm.unit.clone().into_iter().collect(),
        "tags" => doc.fm.tags.clone(),
        other => doc.fm.taxonomies.get(other).cloned().unwrap_or_default(),
    }
}

fn make_taxonomies(config: &Config, docs: &mut [Doc], by_date: &[usize]) -> Vec<Taxonomy> {
    let out: Vec<Taxonomy> = (0..config.taxonomies.len())
        .map(|ti| make_taxonomy(config, ti, docs, by_date))
        .collect();
    index_terms(docs, &out);
    out
}

/// Each document's (taxonomy, term) pairs and its place in those terms' lists, in taxonomy
/// then term order.
fn index_terms(docs: &mut [Doc], taxonomies: &[Taxonomy]) {
    for d in docs.iter_mut() {
        d.terms.clear();
        d.term_pos.clear();
    }
    for (ti, t) in taxonomies.iter().enumerate() {
        for (k, term) in t.terms.iter().enumerate() {
            for (p, &d) in term.docs.iter().enumerate() {
                docs[d].terms.push((ti, k));
                docs[d].term_pos.push(p);
            }
        }
    }
}

/// One taxonomy's terms, each with its documents newest first (the documents' `terms` are
/// set apart, by `index_terms`).
fn make_taxonomy(config: &Config, ti: usize, docs: &[Doc], by_date: &[usize]) -> Taxonomy {
    let tc = &config.taxonomies[ti];
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut terms: Vec<Term> = Vec::new();
    for &d in by_date {
        for name in doc_terms(&docs[d], &tc.name) {
            let k = *index.entry(name.clone()).or_insert_with(|| {
                terms.push(Term {
                    name,
                    slug: String::new(),
                    url: String::new(),
                    docs: Vec::new(),
                });
                terms.len() - 1
            });
            terms[k].docs.push(d);
        }
    }
    // Batches in number order, other terms in pinyin order.
    let mut order: Vec<usize> = (0..terms.len()).collect();
    let key = |t: &Term| {
        let batch = crate::zh::parse_batch(&t.name).filter(|_| tc.name == "batch");
        (
            batch.unwrap_or(u32::MAX),
            crate::source::slug::slugify(&t.name),
            t.name.clone(),
        )
    };
    order.sort_by_cached_key(|&i| key(&terms[i]));
    let mut slugs: HashSet<String> = HashSet::new();
    let mut sorted: Vec<Term> = Vec::with_capacity(terms.len());
    let mut taken: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
    for &old in &order {
        let mut t = taken[old].take().expect("each term once");
        let base = match crate::source::slug::slugify(&t.name) {
            s if s.is_empty() => "term".to_string(),
            s => s,
        };
        let mut slug = base.clone();
        let mut n = 1;
        while !slugs.insert(slug.clone()) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        t.url = format!("{}/{}/", tc.segment(), slug);
        t.slug = slug;
        sorted.push(t);
    }
    Taxonomy {
        name: tc.name.clone(),
        label: tc.label.clone(),
        url: format!("{}/", tc.segment()),
        terms: sorted,
    }
}

/// Up to five related documents: sharing tags (2 points each) or the unit (1 point). Candidates
/// are the neighbours by date within each shared term, so the cost stays linear in the site.
fn link_related(docs: &mut [Doc], taxonomies: &[Taxonomy]) {
    use chrono::Datelike;
    let days: Vec<i32> = docs
        .iter()
        .map(|d| d.fm.date.date.num_days_from_ce())
        .collect();
    let related: Vec<Vec<usize>> = (0..docs.len())
        .into_par_iter()
        .map(|d| related_of(d, docs, taxonomies, &|i| days[i]))
        .collect();
    for (d, r) in related.into_iter().enumerate() {
        docs[d].related = r;
    }
}

/// How far each side of a document, in each of its terms' lists, related documents are looked for.
const RELATED_WINDOW: usize = 12;

/// How much sharing a term of this taxonomy counts towards relatedness (0: not at all).
fn related_weight(t: &Taxonomy) -> u32 {
    match t.name.as_str() {
        "tags" => 2,
        "unit" => 1,
        _ => 0,
    }
}

/// Document `d`'s related documents (`day`: a document's date as a day number).
fn related_of(
    d: usize,
    docs: &[Doc],
    taxonomies: &[Taxonomy],
    day: &(dyn Fn(usize) -> i32 + Sync),
) -> Vec<usize> {
    const WINDOW: usize = RELATED_WINDOW;
    let mut hits: Vec<(usize, u32)> = Vec::with_capacity(4 * (2 * WINDOW + 1));
    for (&(ti, k), &p) in docs[d].terms.iter().zip(&docs[d].term_pos) {
        let w = related_weight(&taxonomies[ti]);
        if w == 0 {
            continue;
        }
        let list = &taxonomies[ti].terms[k].docs;
        let (lo, hi) = (p.saturating_sub(WINDOW), (p + WINDOW + 1).min(list.len()));
        hits.extend(list[lo..hi].iter().filter(|&&o| o != d).map(|&o| (o, w)));
    }
    hits.sort_unstable_by_key(|h| h.0);
    let mut scored: Vec<(u32, i32, usize)> = Vec::with_capacity(hits.len());
    let here = day(d);
    for h in hits {
        match scored.last_mut() {
            Some(last) if last.2 == h.0 => last.0 += h.1,
            _ => scored.push((h.1, (day(h.0) - here).abs(), h.0)),
        }
    }
    // Most shared first, then nearest in time, then a stable order (a total order: the
    // five picked before sorting them are the first five of the whole sort).
    let order = |a: &(u32, i32, usize), b: &(u32, i32, usize)| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    };
    if scored.len() > 5 {
        scored.select_nth_unstable_by(4, order);
        scored.truncate(5);
    }
    scored.sort_unstable_by(order);
    scored.into_iter().map(|s| s.2).collect()
}

fn make_months(docs: &[Doc], by_date: &[usize]) -> Vec<Month> {
    let mut months: Vec<Month> = Vec::new();
    for &d in by_date {
        let date: &DocDate = &docs[d].fm.date;
        match months.last_mut() {
            Some(m) if m.year == date.year() && m.month == date.month() => m.docs.push(d),
            _ => months.push(Month {
                year: date.year(),
                month: date.month(),
                docs: vec![d],
            }),
        }
    }
    months
}

fn make_aliases(docs: &[Doc], errors: &mut Vec<Diagnostic>) -> Vec<Alias> {
    // Whether an alias lands on another page (a document, /archive/, /404.html …) is checked
    // with every page's file, in render::pages.
    let mut out = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for a in &d.fm.aliases {
            match alias_file(a) {
                Ok(file) => out.push(Alias { file, target: i }),
                Err(why) => errors.push(
                    Diagnostic::tr(
                        &d.path,
                        crate::msg!("alias-not-inside", alias = a, why = why),
                    )
                    .hint_tr(crate::msg!("alias-path-hint")),
                ),
            }
        }
    }
    out
}

/// The output file of an alias, in the one spelling pages are compared in (`/a//b/` is the
/// file a/b/index.html).
fn alias_file(alias: &str) -> Result<String, crate::i18n::Msg> {
    let a = alias.trim();
    let parts: Vec<&str> = a.split('/').filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        return Err(crate::msg!("alias-no-page"));
    }
    // As in slugs; huibian's own marks (.huibian-output, .huibian-release) are such names.
    if parts.iter().any(|s| s.starts_with('.')) {
        return Err(crate::msg!("alias-dot-part"));
    }
    if parts
        .iter()
        .any(|s| crate::source::slug::windows_unsafe(s).is_some())
    {
        return Err(crate::msg!("alias-not-on-windows"));
    }
    let clean = parts.join("/");
    let page = (clean.ends_with(".html") || clean.ends_with(".htm")) && !a.ends_with('/');
    Ok(if page {
        clean
    } else {
        format!("{clean}/index.html")
    })
}

#[derive(Serialize, Hash)]
struct TermRef<'a> {
    name: &'a str,
    url: &'a str,
}

/// What lists show of a document.
#[derive(Serialize, Hash)]
struct Card<'a> {
    title: &'a str,
    url: &'a str,
    date: String,
    date_zh: String,
    section: &'a str,
    section_title: &'a str,
    section_url: &'a str,
    unit: Option<&'a str>,
    author: Option<&'a str>,
    speaker: Option<&'a str>,
    batch: Option<String>,
    tags: Vec<TermRef<'a>>,
    summary: &'a str,
    word_count: usize,
    reading_time: usize,
    draft: bool,
}

fn card(
    d: &Doc,
    sections: &[Section],
    taxonomies: &[Taxonomy],
    reading_speed: u32,
    cache: &MdCache,
) -> (tera::Value, u64) {
    let section = &sections[d.section];
    let tags = d
        .terms
        .iter()
        .filter(|(ti, _)| taxonomies[*ti].name == "tags")
        .map(|&(ti, k)| {
            let t = &taxonomies[ti].terms[k];
            TermRef {
                name: &t.name,
                url: &t.url,
            }
        })
        .collect();
    let card = Card {
        title: &d.fm.title,
        url: &d.url,
        date: d.fm.date.iso(),
        date_zh: d.fm.date.zh(),
        section: &section.name,
        section_title: &section.title,
        section_url: &section.url,
        unit: d.fm.unit.as_deref(),
        author: d.fm.author.as_deref(),
        speaker: d.fm.speaker.as_deref(),
        batch: d.fm.batch.map(batch_label),
        tags,
        summary: &d.summary,
        word_count: d.md.counts.words(),
        reading_time: d.md.counts.minutes(reading_speed),
        draft: d.fm.draft,
    };
    let hash = hash_of(&card);
    if !cache.one_shot {
        if let Some((h, value)) = cache.cards.lock().expect("card cache").get(&d.rel) {
            if *h == hash {
                return (value.clone(), hash);
            }
        }
    }
    // Made outside the lock: cards are made in parallel.
    let value = tera::Value::from_serializable(&card);
    if !cache.one_shot {
        let mut cards = cache.cards.lock().expect("card cache");
        cards.insert(d.rel.clone(), (hash, value.clone()));
    }
    (value, hash)
}

pub(crate) fn hash_of(v: &impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// What a document's own page shows of itself, as one number: its front matter and body, URL,
/// section, terms and attachments. Neighbours and related documents are added by the renderer.
fn page_hash(d: &Doc, sections: &[Section], taxonomies: &[Taxonomy], images: &Images) -> u64 {
    let s = &sections[d.section];
    let terms: Vec<(&str, &str)> = d
        .terms
        .iter()
        .map(|&(ti, k)| {
            (
                taxonomies[ti].terms[k].name.as_str(),
                taxonomies[ti].terms[k].url.as_str(),
            )
        })
        .collect();
    hash_of(&(
        d.src.fm_hash,
        d.md.content_hash,
        &d.url,
        &d.summary,
        (&s.name, &s.title, &s.url),
        terms,
        &d.attachments,
        images.of_bundle(d),
        &d.rel,
    ))
}

/// Rendered Markdown and list cards kept between builds (serve): a body is rendered again only
/// when its document changed or a document it links to moved; a card only when it changed.
#[derive(Default)]
pub struct MdCache {
    entries: Mutex<HashMap<String, MdEntry>>,
    cards: Mutex<HashMap<String, (u64, tera::Value)>>,
    /// One build, nothing to keep: bodies are let go once rendered (see `one_shot`).
    one_shot: bool,
}

struct MdEntry {
    src: Arc<DocSource>,
    from_url: String,
    /// Every link destination the body has, with what it resolved to.
    links: Vec<(String, Link)>,
    rendered: Arc<markdown::Rendered>,
}

impl MdCache {
    /// For a single build: keeps nothing, and the site it assembles lets each document's body
    /// go once rendered (their `body` is then empty).
    pub(crate) fn one_shot() -> MdCache {
        MdCache {
            one_shot: true,
            ..MdCache::default()
        }
    }

    /// `d`'s body (passed apart: a one-shot build has taken it out) as HTML.
    fn render(
        &self,
        d: &Arc<DocSource>,
        body: &str,
        url: &str,
        opts: markdown::Options,
        targets: &LinkTargets,
    ) -> Arc<markdown::Rendered> {
        if self.one_shot {
            let resolve = |dest: &str| targets.resolve(dest, &d.rel, url);
            return Arc::new(markdown::render_with(body, opts, &resolve, &|s| d.sheet(s)));
        }
        if let Some(e) = self.entries.lock().expect("md cache").get(&d.rel) {
            let same = Arc::ptr_eq(&e.src, d)
                && e.from_url == url
                && e.links
                    .iter()
                    .all(|(dest, was)| targets.resolve(dest, &d.rel, url) == *was);
            if same {
                return e.rendered.clone();
            }
        }
        let seen = std::cell::RefCell::new(Vec::new());
        let resolve = |dest: &str| {
            let link = targets.resolve(dest, &d.rel, url);
            seen.borrow_mut().push((dest.to_string(), link.clone()));
            link
        };
        let rendered = Arc::new(markdown::render_with(body, opts, &resolve, &|s| d.sheet(s)));
        let entry = MdEntry {
            src: d.clone(),
            from_url: url.to_string(),
            links: seen.into_inner(),
            rendered: rendered.clone(),
        };
        self.entries
            .lock()
            .expect("md cache")
            .insert(d.rel.clone(), entry);
        rendered
    }

    /// Forgets documents that are gone.
    fn keep_only(&self, docs: &[Arc<DocSource>]) {
        let live: HashSet<&str> = docs.iter().map(|d| d.rel.as_str()).collect();
        self.entries
            .lock()
            .expect("md cache")
            .retain(|rel, _| live.contains(rel.as_str()));
        self.cards
            .lock()
            .expect("card cache")
            .retain(|rel, _| live.contains(rel.as_str()));
    }
}

#[cfg(test)]
mod relist_tests {
    //! `relist` after one document's front-matter edit gives the lists `assemble` gives, and the
    //! pages whose fingerprint moved are among those it says may have moved.
    use super::*;
    use std::path::Path;

    /// A small deterministic random source (the same edits on every run).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Random front matter: dates with ties, tags from a few (sometimes a new one or one twice),
    /// a unit or none, a weight or none; every other edit keeps the terms (`kept`) as they were.
    fn front(r: &mut Lcg, i: usize, round: usize, kept: &mut [(String, String)]) -> String {
        let tags = ["调查研究", "整改落实", "主题教育", "以学促干"];
        if round == 0 || r.next(2) == 0 {
            let mut t: Vec<String> = (0..1 + r.next(2))
                .map(|_| tags[r.next(tags.len())].to_string())
                .collect();
            match r.next(6) {
                0 => t.push(format!("新标签{round}")),
                1 => t.push(t[0].clone()),
                _ => {}
            }
            let unit = ["", "unit: 第一单位\n", "unit: 第二单位\n"][r.next(3)];
            kept[i] = (t.join(", "), unit.to_string());
        }
        let weight = if r.next(3) == 0 {
            format!("weight: {}\n", r.next(5))
        } else {
            String::new()
        };
        let (t, unit) = &kept[i];
        format!(
            "---\ntitle: {}文档{i}\ndate: 2023-05-{:02}\ntags: [{t}]\n{unit}{weight}---\n正文{i}。\n",
            ["甲", "乙", "丙", "丁"][r.next(4)],
            1 + r.next(20),
        )
    }

    fn load(root: &Path) -> (Site, Source) {
        let project = crate::pipeline::Project::load(root, Some("/"), false).expect("config");
        let (source, errors) = project.sources(true, &mut Default::default());
        assert!(errors.is_empty(), "{errors:?}");
        let again = crate::pipeline::Project::load(root, Some("/"), false).expect("config");
        let (copy, _) = again.sources(true, &mut Default::default());
        let site = assemble(
            project.config,
            source,
            Default::default(),
            true,
            &MdCache::default(),
        );
        (site.expect("site"), copy)
    }

    /// Everything the lists hold, in one comparable string.
    fn lists(site: &Site) -> String {
        let mut out = format!("{:?}\n", site.by_date);
        for s in &site.sections {
            out += &format!("{} {:?}\n", s.name, s.docs);
        }
        for m in &site.months {
            out += &format!("{}-{} {:?}\n", m.year, m.month, m.docs);
        }
        for t in &site.taxonomies {
            for term in &t.terms {
                out += &format!("{} {} {} {:?}\n", t.name, term.name, term.url, term.docs);
            }
        }
        for (i, d) in site.docs.iter().enumerate() {
            out += &format!(
                "{i} {} {:?} {:?} {:?} {:?} {:?} {} {}\n",
                d.rel, d.prev, d.next, d.related, d.terms, d.term_pos, d.card_hash, d.page_hash
            );
        }
        out
    }

    fn prints(site: &Site) -> HashMap<String, (crate::render::Job, u64)> {
        let h = crate::render::fingerprint::site_hash(site);
        crate::render::pages(site)
            .expect("pages")
            .into_iter()
            .map(|(j, f)| (f, (j, crate::render::fingerprint::fingerprint(site, j, h))))
            .collect()
    }

    #[test]
    fn one_documents_front_matter_edit_relists_as_assemble_does() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "config.yaml", "title: 测试\npaginate: 3\n");
        write(
            root,
            "content/t/_index.md",
            "---\ntitle: 按标题\nsort_by: title\n---\n",
        );
        write(
            root,
            "content/w/_index.md",
            "---\ntitle: 按权重\nsort_by: weight\n---\n",
        );
        let mut r = Lcg(7);
        let sections = ["a", "t", "w"];
        let n = 90;
        let rel = |i: usize| format!("content/{}/d{i:02}.md", sections[i % 3]);
        let mut kept = vec![(String::new(), String::new()); n];
        for i in 0..n {
            write(root, &rel(i), &front(&mut r, i, 0, &mut kept));
        }
        let (mut site, _) = load(root);
        let md = MdCache::default();
        // Rounds moved in place, and of those with the same site hash (fingerprints looked at).
        let (mut in_place, mut selective) = (0, 0);
        for round in 1..120 {
            let i = r.next(n);
            write(root, &rel(i), &front(&mut r, i, round, &mut kept));
            let before = prints(&site);
            let hash_before = crate::render::fingerprint::site_hash(&site);
            let (fresh, copy) = load(root);
            let at = fresh
                .docs
                .iter()
                .position(|d| d.rel.ends_with(&rel(i)[8..]))
                .unwrap();
            assert!(lists_only(&site.docs[at].src, &copy.docs[at]));
            patch_doc(&mut site, at, copy.docs[at].clone(), &md).expect("patched");
            let moved = relist(&mut site, &[at], &md);
            assert_eq!(lists(&site), lists(&fresh), "round {round}: {}", rel(i));
            let after = prints(&site);
            let Some(moved) = moved else { continue };
            in_place += 1;
            let same_hash = crate::render::fingerprint::site_hash(&site)
                == crate::render::fingerprint::site_hash(&fresh);
            assert!(same_hash);
            let same_pages =
                before.len() == after.len() && after.keys().all(|f| before.contains_key(f));
            assert!(!moved.same_pages || same_pages, "round {round}");
            // (A new site hash moves every page: serve renders them all, unread.)
            let hash_after = crate::render::fingerprint::site_hash(&site);
            selective += usize::from(hash_before == hash_after);
            for (file, (job, fp)) in &after {
                if before.get(file).is_some_and(|b| b.1 != *fp) && hash_before == hash_after {
                    assert!(
                        crate::render::fingerprint::may_move(*job, &moved),
                        "round {round}: {file} moved unannounced"
                    );
                }
            }
        }
        assert!(in_place > 60 && selective > 20, "{in_place} {selective}");
    }
}
