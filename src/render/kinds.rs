//! One description per page kind: where its pages go, which template renders them, what their
//! context holds, what of the site that context reads (the fingerprint serve compares) and how
//! a message names the page. The five sit side by side for each kind, so a change to what a
//! page shows meets what it is fingerprinted by; before, four `match`es over page kinds had to
//! agree by hand.

use super::context::*;
use super::{feed, shown, sitemap, TaxonomyRefCtx};
use crate::i18n::Msg;
use crate::msg;
use crate::site::{hash_of, Site};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use tera::Context;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    Section(SectionPage),
    Taxonomy(TaxonomyPage),
    Term(TermPage),
    Archive,
    Doc(DocPage),
    NotFound,
    Search,
    Sitemap,
    Feed,
    Alias(AliasPage),
}

impl Job {
    /// The description of this page's kind.
    pub(crate) fn kind(&self) -> &dyn Kind {
        match self {
            Job::Home => &Home,
            Job::Section(p) => p,
            Job::Taxonomy(p) => p,
            Job::Term(p) => p,
            Job::Archive => &Archive,
            Job::Doc(p) => p,
            Job::NotFound => &NotFound,
            Job::Search => &Search,
            Job::Sitemap => &Sitemap,
            Job::Feed => &Feed,
            Job::Alias(p) => p,
        }
    }
}

/// What there is to know about the pages of one kind.
pub(crate) trait Kind {
    /// The page's site path (a folder's path gets index.html).
    fn path(&self, site: &Site) -> String;
    fn template(&self) -> &'static str;
    /// What the template gets beside `site` and `current_path`.
    /// (`shared`: the values many pages show alike, made once per render.)
    fn context(&self, _site: &Site, _shared: &Shared, _ctx: &mut Context) {}
    /// Hashes all that `context` reads which documents can change, beyond what every page
    /// shows (fingerprint::site_hash): the page is rendered again when this moves.
    fn reads(&self, _site: &Site, _h: &mut DefaultHasher) {}
    /// The file to name for the page in a message, and what to call the page there.
    fn describe(&self, _site: &Site) -> (PathBuf, Msg);
}

fn config() -> PathBuf {
    PathBuf::from("config.yaml")
}

/// The cards of `docs`: each one's card hash.
fn cards(site: &Site, docs: &[usize], h: &mut impl Hasher) {
    docs.len().hash(h);
    for &d in docs {
        site.docs[d].card_hash.hash(h);
    }
}

/// The documents on page `n` of a list.
fn page_of(docs: &[usize], per: usize, n: usize) -> &[usize] {
    let start = ((n - 1) * per).min(docs.len());
    &docs[start..(start + per).min(docs.len())]
}

/// The first `n` of a list.
fn first(docs: &[usize], n: usize) -> &[usize] {
    &docs[..docs.len().min(n)]
}

pub struct Home;

impl Kind for Home {
    fn path(&self, _: &Site) -> String {
        String::new()
    }
    fn template(&self) -> &'static str {
        "index.html"
    }
    fn context(&self, site: &Site, _: &Shared, ctx: &mut Context) {
        ctx.insert("home", &home(site));
    }
    fn reads(&self, site: &Site, h: &mut DefaultHasher) {
        cards(site, first(&site.by_date, shown::HOME_LATEST), h);
        for t in site.taxonomies.iter().filter(|t| t.name == "batch") {
            for term in &t.terms {
                cards(site, first(&term.docs, shown::HOME_PER_BATCH), h);
            }
        }
        for s in &site.sections {
            cards(site, first(&s.docs, shown::HOME_PER_SECTION), h);
        }
    }
    fn describe(&self, _: &Site) -> (PathBuf, Msg) {
        (config(), msg!("page-home"))
    }
}

/// Page `page` (from 1) of a section's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SectionPage {
    pub section: usize,
    pub page: usize,
}

impl Kind for SectionPage {
    fn path(&self, site: &Site) -> String {
        page_url(&site.sections[self.section].url, self.page)
    }
    fn template(&self) -> &'static str {
        "section.html"
    }
    fn context(&self, site: &Site, shared: &Shared, ctx: &mut Context) {
        let s = &site.sections[self.section];
        ctx.insert_value("section", shared.sections[self.section].clone());
        ctx.insert("intro", &s.intro_html);
        ctx.insert("paginator", &paginate(site, &s.url, &s.docs, self.page));
    }
    fn reads(&self, site: &Site, h: &mut DefaultHasher) {
        let s = &site.sections[self.section];
        let intro = hash_of(&s.intro_html);
        (&s.title, &s.description, intro, s.docs.len()).hash(h);
        cards(site, page_of(&s.docs, site.config.paginate, self.page), h);
    }
    fn describe(&self, site: &Site) -> (PathBuf, Msg) {
        let name = &site.sections[self.section].name;
        (
            PathBuf::from(format!("content/{name}")),
            msg!("page-section", page = self.page.to_string(), name = name),
        )
    }
}

/// The list of a taxonomy's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TaxonomyPage {
    pub taxonomy: usize,
}

impl Kind for TaxonomyPage {
    fn path(&self, site: &Site) -> String {
        site.taxonomies[self.taxonomy].url.clone()
    }
    fn template(&self) -> &'static str {
        "taxonomy.html"
    }
    fn context(&self, site: &Site, _: &Shared, ctx: &mut Context) {
        ctx.insert("taxonomy", &taxonomy_ctx(&site.taxonomies[self.taxonomy]));
    }
    // Its terms, their links and counts are in site_hash.
    fn describe(&self, site: &Site) -> (PathBuf, Msg) {
        let name = &site.taxonomies[self.taxonomy].name;
        (config(), msg!("page-taxonomy", name = name))
    }
}

/// Page `page` (from 1) of one term's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TermPage {
    pub taxonomy: usize,
    pub term: usize,
    pub page: usize,
}

impl Kind for TermPage {
    fn path(&self, site: &Site) -> String {
        page_url(
            &site.taxonomies[self.taxonomy].terms[self.term].url,
            self.page,
        )
    }
    fn template(&self) -> &'static str {
        "term.html"
    }
    fn context(&self, site: &Site, shared: &Shared, ctx: &mut Context) {
        let tax = &site.taxonomies[self.taxonomy];
        let term = &tax.terms[self.term];
        let taxonomy = TaxonomyRefCtx {
            name: &tax.name,
            label: &tax.label,
            url: &tax.url,
        };
        ctx.insert("taxonomy", &taxonomy);
        ctx.insert_value("term", shared.terms[self.taxonomy][self.term].clone());
        let paginator = paginate(site, &term.url, &term.docs, self.page);
        ctx.insert("paginator", &paginator);
    }
    fn reads(&self, site: &Site, h: &mut DefaultHasher) {
        let term = &site.taxonomies[self.taxonomy].terms[self.term];
        (&term.name, &term.url, term.docs.len()).hash(h);
        cards(
            site,
            page_of(&term.docs, site.config.paginate, self.page),
            h,
        );
    }
    fn describe(&self, site: &Site) -> (PathBuf, Msg) {
        let tax = &site.taxonomies[self.taxonomy];
        let what = msg!(
            "page-term",
            page = self.page.to_string(),
            taxonomy = &tax.name,
            term = &tax.terms[self.term].name
        );
        (config(), what)
    }
}

pub struct Archive;

impl Kind for Archive {
    fn path(&self, _: &Site) -> String {
        "archive/".into()
    }
    fn template(&self) -> &'static str {
        "archive.html"
    }
    fn context(&self, site: &Site, _: &Shared, ctx: &mut Context) {
        ctx.insert("years", &archive(site));
    }
    fn reads(&self, site: &Site, h: &mut DefaultHasher) {
        cards(site, &site.by_date, h);
    }
    fn describe(&self, _: &Site) -> (PathBuf, Msg) {
        (config(), msg!("page-archive"))
    }
}

/// A document's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocPage {
    pub doc: usize,
}

impl Kind for DocPage {
    fn path(&self, site: &Site) -> String {
        site.docs[self.doc].url.clone()
    }
    fn template(&self) -> &'static str {
        "page.html"
    }
    fn context(&self, site: &Site, shared: &Shared, ctx: &mut Context) {
        ctx.insert("page", &page(site, shared, &site.docs[self.doc]));
    }
    fn reads(&self, site: &Site, h: &mut DefaultHasher) {
        let d = &site.docs[self.doc];
        d.page_hash.hash(h);
        for other in d.prev.iter().chain(d.next.iter()).chain(d.related.iter()) {
            site.docs[*other].card_hash.hash(h);
        }
        (d.prev.is_some(), d.next.is_some()).hash(h);
    }
    fn describe(&self, site: &Site) -> (PathBuf, Msg) {
        let d = &site.docs[self.doc];
        (d.src.path.clone(), msg!("page-document", rel = &d.src.rel))
    }
}

pub struct NotFound;

impl Kind for NotFound {
    fn path(&self, _: &Site) -> String {
        "404.html".into()
    }
    fn template(&self) -> &'static str {
        "404.html"
    }
    fn describe(&self, _: &Site) -> (PathBuf, Msg) {
        (config(), msg!("page-404"))
    }
}

pub struct Search;

impl Kind for Search {
    fn path(&self, _: &Site) -> String {
        "search/".into()
    }
    fn template(&self) -> &'static str {
        "search.html"
    }
    fn describe(&self, _: &Site) -> (PathBuf, Msg) {
        (config(), msg!("page-search"))
    }
}

pub struct Sitemap;

impl Kind for Sitemap {
    fn path(&self, _: &Site) -> String {
        "sitemap.xml".into()
    }
    fn template(&self) -> &'static str {
        "sitemap.xml"
    }
    fn context(&self, site: &Site, _: &Shared, ctx: &mut Context) {
        ctx.insert("entries", &sitemap(site));
    }
    // Sections' and terms' links are in site_hash; the documents' links and dates in cards.
    fn reads(&self, site: &Site, h: &mut DefaultHasher) {
        cards(site, &site.by_date, h);
    }
    fn describe(&self, _: &Site) -> (PathBuf, Msg) {
        (config(), msg!("page-sitemap"))
    }
}

pub struct Feed;

impl Kind for Feed {
    fn path(&self, _: &Site) -> String {
        "atom.xml".into()
    }
    fn template(&self) -> &'static str {
        "atom.xml"
    }
    fn context(&self, site: &Site, _: &Shared, ctx: &mut Context) {
        let (base, entries) = feed(site);
        ctx.insert("feed_url", &format!("{base}atom.xml"));
        ctx.insert("site_url", &base);
        let updated = entries.first().map(|e| e.updated.clone());
        ctx.insert("updated", &updated.unwrap_or_default());
        ctx.insert("entries", &entries);
    }
    fn reads(&self, site: &Site, h: &mut DefaultHasher) {
        cards(site, first(&site.by_date, shown::FEED), h);
    }
    fn describe(&self, _: &Site) -> (PathBuf, Msg) {
        (config(), msg!("page-feed"))
    }
}

/// The page at an alias of a document, sending readers on to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AliasPage {
    pub alias: usize,
}

impl Kind for AliasPage {
    fn path(&self, site: &Site) -> String {
        site.aliases[self.alias].file.clone()
    }
    fn template(&self) -> &'static str {
        "alias.html"
    }
    fn context(&self, site: &Site, _: &Shared, ctx: &mut Context) {
        let alias = &site.aliases[self.alias];
        let target = &site.docs[alias.target];
        ctx.insert("target", &site.urls.href(&alias.file, &target.url));
        ctx.insert("target_title", &target.fm.title);
    }
    fn reads(&self, site: &Site, h: &mut DefaultHasher) {
        let alias = &site.aliases[self.alias];
        let target = &site.docs[alias.target];
        (&alias.file, &target.url, &target.fm.title).hash(h);
    }
    fn describe(&self, site: &Site) -> (PathBuf, Msg) {
        let alias = &site.aliases[self.alias];
        let at = alias.file.trim_end_matches("index.html");
        (
            site.docs[alias.target].src.path.clone(),
            msg!("page-alias", at = at),
        )
    }
}
