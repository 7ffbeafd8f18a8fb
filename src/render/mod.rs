//! Rendering: every page of the site model through the theme's templates, in parallel, written
//! straight into the staging folder; then static files, attachments and other content files.

pub mod builtin;
pub mod context;
pub mod fingerprint;
mod kinds;
mod layout;
pub mod theme;
pub(crate) mod xml;

use crate::diag::{Code, Diagnostic};
use crate::images::Picture;
use crate::output::{FileFrom, Sink};
use crate::site::Site;
use context::*;
pub use kinds::Job;
use kinds::{AliasPage, DocPage, SectionPage, TaxonomyPage, TermPage};
use rayon::prelude::*;
use std::collections::HashSet;
use std::time::{Duration, Instant};
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

#[derive(Debug, Default)]
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
    /// The time each template took, slowest first.
    pub templates: Vec<TemplateTime>,
}

/// What the pages of one template cost, summed over the threads that rendered them (CPU time,
/// not wall time), for `--timings`: as Hugo's `--templateMetrics`, so that a theme's slow
/// template shows, and how much of a build the templates are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TemplateTime {
    /// The page's template (its name in the theme: `page.html`).
    pub template: &'static str,
    pub pages: usize,
    /// Making the pages' contexts (huibian's part).
    pub context: Duration,
    /// Running the template (Tera's part).
    pub render: Duration,
    /// Writing the pages out.
    pub write: Duration,
    /// The slowest page's template run.
    pub slowest: Duration,
}

impl TemplateTime {
    /// One row per template, the slowest in all first.
    fn rows(pages: impl Iterator<Item = TemplateTime>) -> Vec<TemplateTime> {
        let mut by: std::collections::BTreeMap<&str, TemplateTime> = Default::default();
        for p in pages {
            let t = by.entry(p.template).or_insert_with(|| TemplateTime {
                template: p.template,
                ..Default::default()
            });
            t.pages += p.pages;
            t.context += p.context;
            t.render += p.render;
            t.write += p.write;
            t.slowest = t.slowest.max(p.slowest);
        }
        let mut rows: Vec<TemplateTime> = by.into_values().collect();
        rows.sort_by(|a, b| b.render.cmp(&a.render).then(a.template.cmp(b.template)));
        rows
    }
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
    for (section, s) in site.sections.iter().enumerate() {
        let page = |page| Job::Section(SectionPage { section, page });
        jobs.extend((1..=pages(s.docs.len())).map(page));
    }
    for (taxonomy, tax) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::Taxonomy(TaxonomyPage { taxonomy }));
        for (term, t) in tax.terms.iter().enumerate() {
            let page = |page| {
                Job::Term(TermPage {
                    taxonomy,
                    term,
                    page,
                })
            };
            jobs.extend((1..=pages(t.docs.len())).map(page));
        }
    }
    jobs.extend((0..site.docs.len()).map(|doc| Job::Doc(DocPage { doc })));
    jobs.extend((0..site.aliases.len()).map(|alias| Job::Alias(AliasPage { alias })));
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
    let templates = render_pages(site, theme, out, &pages)?;
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
    // A page is what a reader opens (HTML): publish and archive count the same way; the
    // sitemap and the feed are files.
    let html = pages.iter().filter(|(_, f)| f.ends_with(".html")).count();
    Ok(Rendered {
        pages: html,
        files: files.len() + pages.len() - html,
        templates,
    })
}

/// Renders the given pages in parallel into `out`; the time each template took.
pub(crate) fn render_pages(
    site: &Site,
    theme: &mut Theme,
    out: &dyn Sink,
    pages: &[(Job, String)],
) -> Result<Vec<TemplateTime>, Vec<Diagnostic>> {
    let labels = tera::Value::from_serializable(&theme.labels);
    theme
        .tera
        .global_context()
        .insert("site", &site_ctx(site, labels));
    let theme = &*theme;
    let shared = Shared::of(site, &theme.labels);
    let done: Vec<(Option<Diagnostic>, TemplateTime)> = pages
        .par_iter()
        .map(|(job, file)| {
            let start = Instant::now();
            let (path, template, ctx) = context_for(site, &shared, *job);
            let made = Instant::now();
            let mut buf = Vec::with_capacity(16 * 1024);
            let ran = theme.tera.render_to(template, &ctx, &mut buf);
            let rendered = Instant::now();
            let mut time = TemplateTime {
                template,
                pages: 1,
                context: made - start,
                render: rendered - made,
                slowest: rendered - made,
                ..Default::default()
            };
            if let Err(e) = ran {
                let e = theme::template_error(&e, |n| theme.templates.get(n).map(Origin::display));
                return (Some(e), time);
            }
            debug_assert_eq!(file_of(&path), *file);
            if file.ends_with(".xml") {
                buf = xml::fit(buf);
            }
            let written = out.write(file, buf).err();
            time.write = rendered.elapsed();
            (written, time)
        })
        .collect();
    let (errors, times): (Vec<Option<Diagnostic>>, Vec<TemplateTime>) = done.into_iter().unzip();
    let mut errors: Vec<Diagnostic> = errors.into_iter().flatten().collect();
    // One broken template fails every page: say it once.
    errors.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
    if errors.is_empty() {
        Ok(TemplateTime::rows(times.into_iter()))
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
    job.kind().path(site)
}

fn context_for(site: &Site, shared: &Shared, job: Job) -> (String, &'static str, Context) {
    let kind = job.kind();
    let mut ctx = Context::new();
    kind.context(site, shared, &mut ctx);
    // The path comes from the one place that knows every page's path.
    let path = kind.path(site);
    ctx.insert_value("nav", shared.nav.at(&path));
    ctx.insert("current_path", &path);
    (path, kind.template(), ctx)
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
    let mut sources: Vec<Option<&std::path::Path>> = vec![None; files.len()];
    for d in &site.docs {
        for a in &d.attachments {
            let pic = site.images.in_bundle(d, &a.name);
            add_file(&mut files, &mut sources, &d.url, &a.name, &a.path, pic);
        }
    }
    for l in &site.loose {
        let pic = site.images.by_rel.get(&l.rel);
        add_file(&mut files, &mut sources, "", &l.rel, &l.path, pic);
    }
    // Messages name a web size's image, not its file in the cache.
    let named: Vec<FileFrom> = files
        .iter()
        .zip(&sources)
        .map(|((_, from), src)| src.map_or(from.clone(), |p| FileFrom::Disk(p.to_path_buf())))
        .collect();
    let unsafe_names = windows_unsafe(files.iter().map(|(to, _)| to.as_str()).zip(&named));
    if !unsafe_names.is_empty() {
        return Err(unsafe_names);
    }
    let outputs: Vec<layout::Output> = pages
        .iter()
        .map(|(job, f)| (f.as_str(), layout::Maker::Page(*job)))
        .chain(
            files
                .iter()
                .zip(&named)
                .map(|((to, _), from)| (to.as_str(), layout::Maker::File(from))),
        )
        .collect();
    let clashes = layout::clashes(site, &outputs, site.config.search);
    if clashes.is_empty() {
        Ok(files)
    } else {
        Err(clashes)
    }
}

/// Sites are copied to Windows machines and archived: every output name must work there.
fn windows_unsafe<'a>(files: impl Iterator<Item = (&'a str, &'a FileFrom)>) -> Vec<Diagnostic> {
    files
        .filter_map(|(to, from)| {
            let why = to
                .split('/')
                .find_map(crate::source::slug::windows_unsafe)?;
            let FileFrom::Disk(p) = from else { return None };
            Some(
                Diagnostic::tr(p, crate::msg!("name-not-on-windows", why = why))
                    .code(Code::UnsafeName)
                    .hint_tr(crate::msg!("name-not-on-windows-hint")),
            )
        })
        .collect()
}

/// A content file to publish under `folder`: as it is, or an image as its web sizes (with the
/// image it comes from in `sources`).
fn add_file<'s>(
    files: &mut Vec<(String, FileFrom)>,
    sources: &mut Vec<Option<&'s std::path::Path>>,
    folder: &str,
    name: &str,
    path: &'s std::path::Path,
    pic: Option<&Picture>,
) {
    let Some(pic) = pic else {
        files.push((
            format!("{folder}{name}"),
            FileFrom::Disk(path.to_path_buf()),
        ));
        sources.push(None);
        return;
    };
    let dir = name
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    for v in pic.files() {
        files.push((
            format!("{folder}{dir}{}", v.name),
            FileFrom::Disk(v.file.clone()),
        ));
        sources.push(Some(path));
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
fn describe(site: &Site, job: Job) -> (std::path::PathBuf, crate::i18n::Msg) {
    job.kind().describe(site)
}
