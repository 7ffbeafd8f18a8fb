//! Rendering: every page of the site model through the theme's templates, in parallel, written
//! straight into the staging folder; then static files, attachments and other content files.

pub mod builtin;
pub mod context;
pub mod fingerprint;
mod layout;
pub mod theme;
pub(crate) mod xml;

use crate::diag::{Code, Diagnostic};
use crate::output::{FileFrom, Sink};
use crate::site::Site;
use context::*;
use rayon::prelude::*;
use std::collections::HashSet;
use tera::Context;
use theme::{Origin, Theme};

/// How many cards the lists of the home page and the feed show: what their pages print and
/// what their fingerprints hash (one number each, for both).
pub(crate) mod shown {
    /// The home page's newest documents.
    pub const HOME_LATEST: usize = 10;
    /// The home page's documents per batch.
    pub const HOME_PER_BATCH: usize = 6;
    /// The home page's documents per section.
    pub const HOME_PER_SECTION: usize = 5;
    /// The feed's entries.
    pub const FEED: usize = 20;
}

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    Section(usize, usize),
    Taxonomy(usize),
    Term(usize, usize, usize),
    Archive,
    Doc(usize),
    NotFound,
    Search,
    Sitemap,
    Feed,
    Alias(usize),
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
}

fn jobs(site: &Site) -> Vec<Job> {
    let per = site.config.paginate;
    let pages = |n: usize| n.div_ceil(per).max(1);
    let mut jobs = vec![
        Job::Home,
        Job::Archive,
        Job::NotFound,
        Job::Sitemap,
        Job::Feed,
    ];
    for (i, s) in site.sections.iter().enumerate() {
        jobs.extend((1..=pages(s.docs.len())).map(|n| Job::Section(i, n)));
    }
    for (t, tax) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::Taxonomy(t));
        for (k, term) in tax.terms.iter().enumerate() {
            jobs.extend((1..=pages(term.docs.len())).map(|n| Job::Term(t, k, n)));
        }
    }
    jobs.extend((0..site.docs.len()).map(Job::Doc));
    jobs.extend((0..site.aliases.len()).map(Job::Alias));
    if site.config.search {
        jobs.push(Job::Search);
    }
    jobs
}

/// The pages of the site, each with its output file; two pages that would be one file are
/// errors.
pub(crate) fn pages(site: &Site) -> Result<Vec<(Job, String)>, Vec<Diagnostic>> {
    let pages: Vec<(Job, String)> = jobs(site)
        .into_iter()
        .map(|j| (j, file_of(&site_path(site, j))))
        .collect();
    let clashes = page_clashes(site, &pages);
    if clashes.is_empty() {
        Ok(pages)
    } else {
        Err(clashes)
    }
}

/// Renders every page and copies every file (`build`).
pub(crate) fn render(
    site: &Site,
    theme: &mut Theme,
    out: &dyn Sink,
) -> Result<Rendered, Vec<Diagnostic>> {
    let pages = pages(site)?;
    let files = files(site, theme, &pages)?;
    render_pages(site, theme, out, &pages)?;
    let mut errors: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|(to, from)| out.file(to, from).err())
        .collect();
    // One link (into the output, say) fails every file under it: said once.
    let mut seen = HashSet::new();
    errors.retain(|d| seen.insert((d.file.clone(), d.message.clone())));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rendered {
        pages: pages.len(),
        files: files.len(),
    })
}

/// Renders the given pages in parallel into `out`.
pub(crate) fn render_pages(
    site: &Site,
    theme: &mut Theme,
    out: &dyn Sink,
    pages: &[(Job, String)],
) -> Result<(), Vec<Diagnostic>> {
    let labels = tera::Value::from_serializable(&theme.labels);
    theme
        .tera
        .global_context()
        .insert("site", &site_ctx(site, labels));
    let theme = &*theme;
    let mut errors: Vec<Diagnostic> = pages
        .par_iter()
        .filter_map(|(job, file)| {
            let (path, template, ctx) = context_for(site, *job);
            let mut buf = Vec::with_capacity(16 * 1024);
            if let Err(e) = theme.tera.render_to(template, &ctx, &mut buf) {
                return Some(theme::template_error(&e, |n| {
                    theme.templates.get(n).map(Origin::display)
                }));
            }
            debug_assert_eq!(file_of(&path), *file);
            if file.ends_with(".xml") {
                buf = xml::fit(buf);
            }
            out.write(file, buf).err()
        })
        .collect();
    // One broken template fails every page: say it once.
    errors.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The output file of a site path: folders get index.html.
fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The site path of a page, without building its context.
fn site_path(site: &Site, job: Job) -> String {
    match job {
        Job::Home => String::new(),
        Job::Section(i, n) => page_url(&site.sections[i].url, n),
        Job::Taxonomy(t) => site.taxonomies[t].url.clone(),
        Job::Term(t, k, n) => page_url(&site.taxonomies[t].terms[k].url, n),
        Job::Archive => "archive/".into(),
        Job::Doc(i) => site.docs[i].url.clone(),
        Job::NotFound => "404.html".into(),
        Job::Search => "search/".into(),
        Job::Sitemap => "sitemap.xml".into(),
        Job::Feed => "atom.xml".into(),
        Job::Alias(a) => site.aliases[a].file.clone(),
    }
}

fn context_for(site: &Site, job: Job) -> (String, &'static str, Context) {
    let mut ctx = Context::new();
    // The path comes from the one place that knows every page's path.
    let path = site_path(site, job);
    let template = match job {
        Job::Home => {
            ctx.insert("home", &home(site));
            "index.html"
        }
        Job::Section(i, n) => {
            let s = &site.sections[i];
            ctx.insert("section", &section_ref(s));
            ctx.insert("intro", &s.intro_html);
            ctx.insert("paginator", &paginate(site, &s.url, &s.docs, n));
            "section.html"
        }
        Job::Taxonomy(t) => {
            let tax = &site.taxonomies[t];
            ctx.insert("taxonomy", &taxonomy_ctx(tax));
            "taxonomy.html"
        }
        Job::Term(t, k, n) => {
            let tax = &site.taxonomies[t];
            let term = &tax.terms[k];
            ctx.insert(
                "taxonomy",
                &TaxonomyRefCtx {
                    name: &tax.name,
                    label: &tax.label,
                    url: &tax.url,
                },
            );
            ctx.insert("term", &term_ref(term));
            ctx.insert("paginator", &paginate(site, &term.url, &term.docs, n));
            "term.html"
        }
        Job::Archive => {
            ctx.insert("years", &archive(site));
            "archive.html"
        }
        Job::Doc(i) => {
            let d = &site.docs[i];
            ctx.insert("page", &page(site, d));
            "page.html"
        }
        Job::NotFound => "404.html",
        Job::Search => "search.html",
        Job::Sitemap => {
            ctx.insert("entries", &sitemap(site));
            "sitemap.xml"
        }
        Job::Feed => {
            let (base, entries) = feed(site);
            ctx.insert("feed_url", &format!("{base}atom.xml"));
            ctx.insert("site_url", &base);
            ctx.insert(
                "updated",
                &entries
                    .first()
                    .map(|e| e.updated.clone())
                    .unwrap_or_default(),
            );
            ctx.insert("entries", &entries);
            "atom.xml"
        }
        Job::Alias(a) => {
            let alias = &site.aliases[a];
            let target = &site.docs[alias.target];
            ctx.insert("target", &site.urls.href(&alias.file, &target.url));
            ctx.insert("target_title", &target.fm.title);
            "alias.html"
        }
    };
    ctx.insert("current_path", &path);
    (path, template, ctx)
}

#[derive(serde::Serialize)]
struct TaxonomyRefCtx<'a> {
    name: &'a str,
    label: &'a str,
    url: &'a str,
}

/// Absolute URLs when base_url names a host, else root paths.
fn absolute(site: &Site, path: &str) -> String {
    match site.config.absolute_base() {
        Some(base) => format!("{base}{path}"),
        None => format!("{}{path}", site.urls.base_path),
    }
}

fn sitemap(site: &Site) -> Vec<SitemapEntry> {
    let mut out = vec![SitemapEntry {
        loc: absolute(site, ""),
        lastmod: None,
    }];
    out.extend(site.sections.iter().map(|s| SitemapEntry {
        loc: absolute(site, &s.url),
        lastmod: None,
    }));
    for t in &site.taxonomies {
        out.push(SitemapEntry {
            loc: absolute(site, &t.url),
            lastmod: None,
        });
        out.extend(t.terms.iter().map(|term| SitemapEntry {
            loc: absolute(site, &term.url),
            lastmod: None,
        }));
    }
    out.push(SitemapEntry {
        loc: absolute(site, "archive/"),
        lastmod: None,
    });
    out.extend(site.docs.iter().map(|d| SitemapEntry {
        loc: absolute(site, &d.url),
        lastmod: Some(d.fm.date.iso()),
    }));
    out
}

fn feed(site: &Site) -> (String, Vec<FeedEntry<'_>>) {
    let entries = site
        .by_date
        .iter()
        .take(shown::FEED)
        .map(|&i| {
            let d = &site.docs[i];
            FeedEntry {
                title: &d.fm.title,
                url: absolute(site, &d.url),
                updated: d.fm.date.rfc3339(),
                summary: &d.summary,
                author: d
                    .fm
                    .speaker
                    .as_deref()
                    .or(d.fm.author.as_deref())
                    .or(d.fm.unit.as_deref()),
            }
        })
        .collect();
    (absolute(site, ""), entries)
}

/// Static files of the theme chain and the site, bundle attachments, other content files:
/// (output file, source). A file that would replace a generated page is an error.
pub(crate) fn files(
    site: &Site,
    theme: &Theme,
    pages: &[(Job, String)],
) -> Result<Vec<(String, FileFrom)>, Vec<Diagnostic>> {
    let mut files: Vec<(String, FileFrom)> = theme
        .static_files
        .iter()
        .map(|(name, o)| match o {
            Origin::Disk(p) => (name.clone(), FileFrom::Disk(p.clone())),
            Origin::Builtin(_, _, text) => (name.clone(), FileFrom::Builtin(text)),
        })
        .collect();
    for d in &site.docs {
        files.extend(d.attachments.iter().map(|a| {
            (
                format!("{}{}", d.url, a.name),
                FileFrom::Disk(a.path.clone()),
            )
        }));
    }
    files.extend(
        site.loose
            .iter()
            .map(|l| (l.rel.clone(), FileFrom::Disk(l.path.clone()))),
    );
    // Sites are copied to Windows machines and archived: every output name must work there.
    let unsafe_names: Vec<Diagnostic> = files
        .iter()
        .filter_map(|(to, from)| {
            let why = to
                .split('/')
                .find_map(crate::source::slug::windows_unsafe)?;
            let FileFrom::Disk(p) = from else { return None };
            Some(
                Diagnostic::new(
                    p,
                    format!("the file name {why}: it cannot be opened on Windows"),
                )
                .code(Code::UnsafeName)
                .hint("rename the file"),
            )
        })
        .collect();
    if !unsafe_names.is_empty() {
        return Err(unsafe_names);
    }
    let outputs: Vec<layout::Output> = pages
        .iter()
        .map(|(job, f)| (f.as_str(), layout::Maker::Page(*job)))
        .chain(
            files
                .iter()
                .map(|(to, from)| (to.as_str(), layout::Maker::File(from))),
        )
        .collect();
    let clashes = layout::clashes(site, &outputs, site.config.search);
    if clashes.is_empty() {
        Ok(files)
    } else {
        Err(clashes)
    }
}

/// Where a file to copy comes from, for messages.
fn shown(to: &str, from: &FileFrom) -> std::path::PathBuf {
    match from {
        FileFrom::Disk(p) => p.clone(),
        FileFrom::Builtin(_) => std::path::PathBuf::from(format!("(built-in theme)/static/{to}")),
    }
}

/// Two pages that would be one file (an alias onto /404.html, /archive/ or /search/, a
/// section named like a taxonomy …), or a page where another needs a folder: neither may
/// silently replace the other.
fn page_clashes(site: &Site, pages: &[(Job, String)]) -> Vec<Diagnostic> {
    let outputs: Vec<layout::Output> = pages
        .iter()
        .map(|(job, f)| (f.as_str(), layout::Maker::Page(*job)))
        .collect();
    layout::clashes(site, &outputs, site.config.search)
}

/// The file to name for a page, and what to call it in a message.
fn describe(site: &Site, job: Job) -> (std::path::PathBuf, String) {
    let config = || std::path::PathBuf::from("config.yaml");
    match job {
        Job::Alias(a) => {
            let alias = &site.aliases[a];
            (
                site.docs[alias.target].src.path.clone(),
                format!("the alias /{}", alias.file.trim_end_matches("index.html")),
            )
        }
        Job::Doc(i) => (
            site.docs[i].src.path.clone(),
            format!("the document {}", site.docs[i].src.rel),
        ),
        Job::Section(i, n) => (
            std::path::PathBuf::from(format!("content/{}", site.sections[i].name)),
            format!("page {n} of the section {}", site.sections[i].name),
        ),
        Job::Taxonomy(t) => (config(), format!("the list of {}", site.taxonomies[t].name)),
        Job::Term(t, k, n) => (
            config(),
            format!(
                "page {n} of the {} term {}",
                site.taxonomies[t].name, site.taxonomies[t].terms[k].name
            ),
        ),
        Job::Home => (config(), "the home page".into()),
        Job::Archive => (config(), "the archive page".into()),
        Job::NotFound => (config(), "the 404 page".into()),
        Job::Search => (config(), "the search page".into()),
        Job::Sitemap => (config(), "the sitemap".into()),
        Job::Feed => (config(), "the feed".into()),
    }
}
