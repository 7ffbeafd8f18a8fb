//! The stages in order, wired once: config → sources → theme → search index → site model →
//! render → output. build, publish and archive run [`generate`] into their own sink; check and
//! serve compose the same [`Project`] stages with the caches they keep.

use crate::config::Config;
use crate::diag::{Diagnostic, Failure};
use crate::output::Sink;
use crate::render::theme::Theme;
use crate::site::{MdCache, Site};
use crate::source::{DocSource, Source, SourceCache};
use crate::{BuildOptions, Stages};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A site folder and its settings: where every stage starts.
pub(crate) struct Project {
    pub root: PathBuf,
    pub config: Config,
}

impl Project {
    /// config.yaml, with what the command line changes (`--base-url`, `--relative-urls`).
    pub(crate) fn load(
        root: &Path,
        base_url: Option<&str>,
        relative_urls: bool,
    ) -> Result<Project, Diagnostic> {
        let mut config = Config::load(&root.join("config.yaml"))?;
        if let Some(b) = base_url {
            config.base_url = b.to_string();
        }
        config.relative_urls |= relative_urls;
        Ok(Project {
            root: root.to_path_buf(),
            config,
        })
    }

    /// Said at every build that publishes raw HTML as written.
    pub(crate) fn warn_unsafe_html(&self, lang: crate::i18n::Lang) {
        if self.config.markdown.unsafe_html {
            crate::diag::note!("{}", crate::i18n::tr(lang, "warn-unsafe-html"));
        }
    }

    /// Every document that can be read, with the errors of the others (they are left out).
    pub(crate) fn sources(
        &self,
        drafts: bool,
        cache: &mut SourceCache,
    ) -> (Source, Vec<Diagnostic>) {
        let names: Vec<(&str, &str)> = self
            .config
            .taxonomies
            .iter()
            .map(|t| (t.name.as_str(), t.label.as_str()))
            .collect();
        crate::source::load_all(&self.root.join("content"), &names, drafts, cache)
    }

    /// What is published of the sources' images (made, or for check only read through), with an
    /// error for each image that cannot be published.
    pub(crate) fn images(
        &self,
        source: &Source,
        mode: crate::images::Mode,
        memo: &crate::images::Memo,
    ) -> (crate::images::Images, Vec<Diagnostic>) {
        crate::images::prepare(&self.root, &self.config.images, source, mode, memo)
    }

    /// The theme chain's templates and static files, compiled.
    pub(crate) fn theme(&self) -> Result<Theme, Vec<Diagnostic>> {
        crate::render::theme::load(&self.root, &self.config)
    }
}

/// Diagnostics with their paths shown from the site root, as one failure.
pub(crate) fn relative(root: &Path, ds: Vec<Diagnostic>) -> Failure {
    Failure::from(
        ds.into_iter()
            .map(|d| d.relative_to(root))
            .collect::<Vec<_>>(),
    )
}

/// A generated site: the model and how much was written.
pub(crate) struct Generated {
    pub site: Site,
    pub pages: usize,
    pub files: usize,
    /// What each template's pages took (`--timings`).
    pub templates: Vec<crate::render::TemplateTime>,
    /// Published documents outside the selection.
    pub left_out: Vec<Arc<DocSource>>,
}

/// The build's pipeline into any sink, keeping only the selected documents (links to the
/// others become plain text): build, publish and archive.
pub(crate) fn generate(
    opts: &BuildOptions,
    out: &dyn Sink,
    clock: &mut Stages,
) -> Result<Generated, Failure> {
    let root = &opts.root;
    let rel = |ds: Vec<Diagnostic>| relative(root, ds);
    let one = |d: Diagnostic| rel(vec![d]);
    let project = Project::load(root, opts.base_url.as_deref(), opts.relative_urls).map_err(one)?;
    project.warn_unsafe_html(opts.lang);
    let (mut source, source_errors) = project.sources(opts.drafts, &mut Default::default());
    let left_out = select(&mut source, &opts.selection);
    clock.lap("load");
    let (images, image_errors) =
        project.images(&source, crate::images::Mode::Make, &Default::default());
    clock.lap("images");
    let theme = project.theme();
    let config = project.config;
    if !source_errors.is_empty() || !image_errors.is_empty() {
        // Every problem at once: the other documents' links, anchors and the templates too.
        let mut errors = source_errors;
        errors.extend(image_errors);
        errors.extend(theme.err().unwrap_or_default());
        let (_, more) =
            crate::site::assemble_all(config, source, images, opts.drafts, &MdCache::one_shot());
        errors.extend(more);
        return Err(rel(errors));
    }
    let mut theme = theme.map_err(rel)?;
    clock.lap("templates");
    // The index needs only the sources: build it first, so that its memory is free again
    // before the rendered site is held.
    let mut files = 0;
    if config.search {
        let (n, how) = search_index(root, &source, &config, out, opts.lang).map_err(one)?;
        files += n;
        clock.lap(how);
    }
    let site = crate::site::assemble(config, source, images, opts.drafts, &MdCache::one_shot())
        .map_err(rel)?;
    clock.lap("markdown+model");
    let rendered = crate::render::render(&site, &mut theme, out).map_err(rel)?;
    clock.lap("render+write");
    files += rendered.files;
    Ok(Generated {
        site,
        pages: rendered.pages,
        files,
        templates: rendered.templates,
        left_out,
    })
}

/// Frees `value` on a thread of its own: the site model of a big site is a few hundred
/// thousand allocations, whose freeing (~50 ms at 10,000 documents, on one core) the build's
/// caller would otherwise wait for; a command that ends right after does not.
pub(crate) fn free_later<T: Send + 'static>(value: T) {
    // (No thread to be had: spawn drops the closure, and `value` is freed here as before.)
    let _ = std::thread::Builder::new()
        .name("huibian-free".into())
        .spawn(move || drop(value));
}

/// The search index into `out`: kept when its sources did not change, else updated per
/// document from the state the last build kept (`search::cache`), else built cold; how many
/// files it has, and which of the three it was (the stage's name in --timings).
fn search_index(
    root: &Path,
    source: &Source,
    config: &Config,
    out: &dyn Sink,
    lang: crate::i18n::Lang,
) -> Result<(usize, &'static str), Diagnostic> {
    let input = crate::search::input_from_source(source, config);
    let hashes = crate::search::doc_hashes(&input);
    // Sources unchanged since the last build: its index stays as it is.
    let fingerprint = crate::search::fingerprint(&input, &hashes);
    let meta = out.previous("search/meta.js");
    let current = (meta.as_deref()).is_some_and(|m| crate::search::is_current(m, fingerprint));
    let cache = crate::search::cache::Cache::of_site(root);
    // Kept only when every file the last index had is still there, as a plain file of the
    // output's: one gone (deleted by hand, a link put in its place) would leave a document
    // unfound. Without the state that lists them, the index is made again.
    let prev = cache.load();
    if let (true, Some(prev)) = (current, &prev) {
        let files = prev.files();
        if meta.as_deref().map(crate::search::sum) == Some(prev.meta_sum)
            && out.keep_files(&files) == files.len()
        {
            return Ok((files.len(), "search index (kept)"));
        }
    }
    let write = |path: String, bytes: Vec<u8>| out.write(&path, bytes);
    let updated = match &prev {
        Some(prev) => crate::search::update(
            prev,
            &input,
            &hashes,
            &|p| out.previous(p).map(Arc::new),
            &write,
            &|ps| out.keep_files(ps) == ps.len(),
        )?,
        None => None,
    };
    let ((files, state), how) = match updated {
        Some(done) => (done, "search index (updated)"),
        None => (
            crate::search::build(&input, &hashes, out.scratch(), &write)?,
            "search index",
        ),
    };
    // (Without the cache the next build is cold, no more: say so and go on.)
    if let Err(e) = cache.store(&state) {
        let line = crate::msg!(
            "search-cache-warning",
            what = e.relative_to(root).shown(lang)
        );
        crate::diag::note!("{}", line.text(lang));
    }
    Ok((files, how))
}

/// Keeps the selected documents in `source`; the others are named in `left_out` (links to
/// them become text) and given back.
fn select(source: &mut Source, selection: &crate::Selection) -> Vec<Arc<DocSource>> {
    let (kept, left): (Vec<_>, Vec<_>) = source.docs.drain(..).partition(|d| selection.keeps(d));
    source.docs = kept;
    source.left_out = left.iter().map(|d| d.rel.clone()).collect();
    left
}

/// The site model of a selection, drafts left out, with every document's Markdown kept
/// (`huibian pdf` reads it again): no theme, no search index, nothing written.
#[cfg(feature = "pdf")]
pub(crate) fn model(root: &Path, selection: &crate::Selection) -> Result<Site, Failure> {
    let rel = |ds: Vec<Diagnostic>| relative(root, ds);
    let project = Project::load(root, None, false).map_err(|d| rel(vec![d]))?;
    let (mut source, mut errors) = project.sources(false, &mut Default::default());
    select(&mut source, selection);
    // A cache that outlives the one assembly keeps the bodies in the sources.
    let cache = MdCache::default();
    // The book prints the originals: their web sizes are not made, only checked.
    let (images, image_errors) =
        project.images(&source, crate::images::Mode::Survey, &Default::default());
    errors.extend(image_errors);
    if !errors.is_empty() {
        let (_, more) = crate::site::assemble_all(project.config, source, images, false, &cache);
        errors.extend(more);
        return Err(rel(errors));
    }
    crate::site::assemble(project.config, source, images, false, &cache).map_err(rel)
}
