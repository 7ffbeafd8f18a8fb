//! Rendering: every page of the site model through the theme's templates, in parallel, written
//! straight into the staging folder; then static files, attachments and other content files.

pub mod builtin;
pub mod context;
pub mod theme;

use crate::diag::Diagnostic;
use crate::publish::Staging;
use crate::site::Site;
use context::*;
use rayon::prelude::*;
use std::collections::HashSet;
use tera::Context;
use theme::{Origin, Theme};

/// One file to render.
#[derive(Clone, Copy)]
enum Job {
    Home,
    Section(usize, usize),
    Taxonomy(usize),
    Term(usize, usize, usize),
    Archive,
    Doc(usize),
    NotFound,
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
    jobs
}

pub fn render(site: &Site, mut theme: Theme, out: &Staging) -> Result<Rendered, Vec<Diagnostic>> {
    let labels = tera::Value::from_serializable(&theme.labels);
    theme
        .tera
        .global_context()
        .insert("site", &site_ctx(site, labels));
    let jobs = jobs(site);
    let results: Vec<Result<String, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let (path, template, ctx) = context_for(site, *job);
            let mut buf = Vec::with_capacity(16 * 1024);
            theme
                .tera
                .render_to(template, &ctx, &mut buf)
                .map_err(|e| {
                    theme::template_error(&e, |n| theme.templates.get(n).map(Origin::display))
                })?;
            let file = file_of(&path);
            out.write(&file, &buf).map(|()| file)
        })
        .collect();
    let mut errors = Vec::new();
    let mut pages = HashSet::with_capacity(results.len());
    for r in results {
        match r {
            Ok(file) => {
                pages.insert(file);
            }
            Err(e) => errors.push(e),
        }
    }
    // One broken template fails every page: say it once.
    errors.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
    let files = match copy_files(site, &theme, out, &pages) {
        Ok(n) => n,
        Err(e) => {
            errors.extend(e);
            0
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rendered {
        pages: jobs.len(),
        files,
    })
}

/// The output file of a site path: folders get index.html.
fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

fn context_for(site: &Site, job: Job) -> (String, &'static str, Context) {
    let mut ctx = Context::new();
    let (path, template) = match job {
        Job::Home => {
            ctx.insert("home", &home(site));
            (String::new(), "index.html")
        }
        Job::Section(i, n) => {
            let s = &site.sections[i];
            ctx.insert("section", &section_ref(s));
            ctx.insert("intro", &s.intro_html);
            ctx.insert("paginator", &paginate(site, &s.url, &s.docs, n));
            (page_url(&s.url, n), "section.html")
        }
        Job::Taxonomy(t) => {
            let tax = &site.taxonomies[t];
            ctx.insert("taxonomy", &taxonomy_ctx(tax));
            (tax.url.clone(), "taxonomy.html")
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
            (page_url(&term.url, n), "term.html")
        }
        Job::Archive => {
            ctx.insert("years", &archive(site));
            ("archive/".to_string(), "archive.html")
        }
        Job::Doc(i) => {
            let d = &site.docs[i];
            ctx.insert("page", &page(site, d));
            (d.url.clone(), "page.html")
        }
        Job::NotFound => ("404.html".to_string(), "404.html"),
        Job::Sitemap => {
            ctx.insert("entries", &sitemap(site));
            ("sitemap.xml".to_string(), "sitemap.xml")
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
            ("atom.xml".to_string(), "atom.xml")
        }
        Job::Alias(a) => {
            let alias = &site.aliases[a];
            let target = &site.docs[alias.target];
            ctx.insert("target", &site.urls.href(&alias.file, &target.url));
            ctx.insert("target_title", &target.fm.title);
            (alias.file.clone(), "alias.html")
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
        .take(20)
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

/// Static files of the theme chain and the site, bundle attachments, other content files.
fn copy_files(
    site: &Site,
    theme: &Theme,
    out: &Staging,
    pages: &HashSet<String>,
) -> Result<usize, Vec<Diagnostic>> {
    enum From<'a> {
        Path(&'a std::path::Path),
        Text(&'static str),
    }
    let mut files: Vec<(String, From)> = theme
        .static_files
        .iter()
        .map(|(name, o)| match o {
            Origin::Disk(p) => (name.clone(), From::Path(p.as_path())),
            Origin::Builtin(_, text) => (name.clone(), From::Text(text)),
        })
        .collect();
    for d in &site.docs {
        files.extend(
            d.attachments
                .iter()
                .map(|a| (format!("{}{}", d.url, a.name), From::Path(a.path.as_path()))),
        );
    }
    files.extend(
        site.loose
            .iter()
            .map(|l| (l.rel.clone(), From::Path(l.path.as_path()))),
    );
    // A copied file never silently replaces a generated page.
    let clashes: Vec<Diagnostic> = files
        .iter()
        .filter(|(to, _)| pages.contains(to))
        .map(|(to, from)| {
            let shown = match from {
                From::Path(p) => p.to_path_buf(),
                From::Text(_) => std::path::PathBuf::from(format!("(built-in theme)/static/{to}")),
            };
            Diagnostic::new(
                shown,
                format!("this file would replace the generated page /{to}"),
            )
            .hint("rename or move the file")
        })
        .collect();
    if !clashes.is_empty() {
        return Err(clashes);
    }
    let errors: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|(to, from)| match from {
            From::Path(p) => out.copy(p, to).err(),
            From::Text(t) => out.write(to, t.as_bytes()).err(),
        })
        .collect();
    if errors.is_empty() {
        Ok(files.len())
    } else {
        Err(errors)
    }
}
