//! The live site of `serve`: everything a rebuild can reuse (parsed sources, rendered Markdown,
//! compiled templates, page fingerprints) and the last good output, held in memory. A rebuild
//! re-reads only changed files and re-renders only the pages whose fingerprint moved, and its
//! output always equals what `build --drafts --base-url /` would write. The pages being looked
//! at are rendered first and served, the other changed pages (all of them after a template
//! edit) are left in a backlog that the watcher's thread works off between polls; a request for
//! a page of the backlog waits for it (see http.rs): no stale page is ever served.

use super::backlog::{Backlog, Pending};
use super::readers::Readers;
use crate::diag::Diagnostic;
use crate::output::FileFrom;
use crate::pipeline::Project;
use crate::render::{self, fingerprint, theme::Theme};
use crate::site::{self, MdCache, Site};
use crate::source::SourceCache;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One file of the served site.
#[derive(Clone)]
pub enum Entry {
    Page(Arc<Vec<u8>>),
    File(FileFrom),
}

/// What the HTTP server serves: the last good site, and the current errors if the last
/// rebuild failed.
#[derive(Default)]
pub struct Served {
    pub files: HashMap<String, Entry>,
    pub errors: Vec<Diagnostic>,
    /// Counts successful and failed rebuilds: the browser reloads when it moves.
    pub version: u64,
    /// Pages whose re-render is in the backlog: what `files` holds of them is out of date.
    pub pending: HashSet<String>,
    /// Pending pages that requests wait for: the backlog renders them next.
    pub wanted: Vec<String>,
    /// The pages open in browsers and the last ones served: rendered first.
    pub readers: Readers,
}

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: usize,
    pub rendered: usize,
    pub removed: usize,
    pub changed: bool,
    pub millis: f64,
    /// Pages left to the background (the backlog).
    pub later: usize,
    /// This report is the backlog's: its pages are done.
    pub finished: bool,
    /// Pages of the last edit's backlog that this rebuild took over, unrendered.
    pub took_over: usize,
}

pub struct Workspace {
    root: PathBuf,
    drafts: bool,
    /// The site folder and its config, once config.yaml has been read.
    config: Option<Loaded>,
    theme: Option<Theme>,
    sources: SourceCache,
    md: MdCache,
    /// Images already made (their cache entries), by file and modification time.
    images: crate::images::Memo,
    /// The site model of the last successful assembly.
    model: Option<Model>,
    on_air: OnAir,
    indexer: Option<Indexer>,
    /// How the last rebuild ended: whether the quick path may patch its site.
    last: Last,
    /// The pages being looked at when this rebuild started (rendered first).
    hot: HashSet<String>,
    /// The changed pages still to render.
    backlog: Backlog,
    /// What the quick path's front-matter edit moved, for the render that follows (None: the
    /// fingerprint of every page is taken again).
    moved: Option<site::Relisted>,
    /// The threads an edit's work runs on: the search index's update keeps rayon's global
    /// pool busy, and an edit queued behind it would wait for it whole.
    pool: Option<Arc<rayon::ThreadPool>>,
}

/// config.yaml as read, and the project loaded from it.
struct Loaded {
    text: String,
    project: Project,
}

/// A site model and where each document file stands in it (the quick path patches one).
struct Model {
    site: Site,
    doc_index: HashMap<PathBuf, usize>,
}

/// What the served pages were made from, to render next only what changed.
#[derive(Default)]
struct OnAir {
    /// Fingerprints of the pages now served; None while a page's re-render is in the backlog
    /// (it counts as changed until rendered).
    fingerprints: HashMap<String, Option<u64>>,
    files: Vec<(String, FileFrom)>,
    /// The copied files now served (to remove those that are gone).
    served_files: Vec<String>,
    /// `files` was recomputed and must be put in the served site.
    files_changed: bool,
    /// The config text and theme signature the served pages were rendered with: when either
    /// differs, every page is rendered again.
    rendered_with: Option<(String, u64)>,
    /// The site's pages and site hash at the last render: a front-matter edit that keeps the
    /// pages reuses the list; a new site hash moves every fingerprint.
    pages: Option<Arc<Vec<(render::Job, String)>>>,
    site_hash: Option<u64>,
}

/// What a rebuild changed.
struct Change {
    documents: usize,
    pages: Vec<(String, Vec<u8>)>,
    /// Files no longer in the site.
    removed: Vec<String>,
    /// Changed pages left to the backlog.
    later: Vec<String>,
    /// A served file's bytes changed on disk (pages showing it reload).
    touched: bool,
}

type Update = Result<Change, Vec<Diagnostic>>;

/// Pages of the backlog rendered between two polls of the watcher (a few milliseconds' work).
const CHUNK: usize = 96;

/// How a rebuild ended. The quick path patches the last good site, which holds only while
/// nothing else is broken (a broken config.yaml would vanish from the page otherwise).
#[derive(Debug, PartialEq)]
enum Last {
    /// No good site yet, or the full path failed.
    Broken,
    /// The rebuild succeeded.
    Clean,
    /// The quick path failed on these documents only: saving them again may take it (the fix
    /// of a mistake just typed).
    QuickFailed(Vec<PathBuf>),
}

/// Builds the search index for serve on one thread of its own, never more than one at a time:
/// requests that arrive while it works are coalesced into the newest, and it starts only once
/// the site has been quiet for a moment, so typing never waits for it.
struct Indexer {
    next: Arc<(
        Mutex<Option<Option<crate::search::Input>>>,
        std::sync::Condvar,
    )>,
}

impl Indexer {
    const QUIET: std::time::Duration = std::time::Duration::from_millis(800);
    /// The wait when the index is updated, not built: an update of a few documents is quick.
    const QUIET_UPDATE: std::time::Duration = std::time::Duration::from_millis(100);

    fn start(served: Arc<Mutex<Served>>) -> Indexer {
        let next: Arc<(
            Mutex<Option<Option<crate::search::Input>>>,
            std::sync::Condvar,
        )> = Arc::default();
        let shared = next.clone();
        std::thread::spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
            let (lock, wake) = &*shared;
            // The index last served: the next is an update of it, per document.
            let mut state: Option<crate::search::State> = None;
            loop {
                let mut slot = lock.lock().expect("indexer");
                while slot.is_none() {
                    slot = wake.wait(slot).expect("indexer");
                }
                // Wait for a quiet moment; a newer request restarts the wait.
                loop {
                    let quiet = match state {
                        Some(_) => Self::QUIET_UPDATE,
                        None => Self::QUIET,
                    };
                    let (s, timeout) = wake.wait_timeout(slot, quiet).expect("indexer");
                    slot = s;
                    if timeout.timed_out() {
                        break;
                    }
                }
                let job = slot.take().expect("a request");
                drop(slot);
                let Some(input) = job else {
                    state = None;
                    served
                        .lock()
                        .expect("served")
                        .files
                        .retain(|p, _| !is_index_file(p));
                    continue;
                };
                let made = Mutex::new(Vec::new());
                let build = || index(&input, state.as_ref(), &served, &made);
                // (An update is short: it takes every core; a cold build one, off the pages'.)
                let built = match (&pool, &state) {
                    (Some(pool), None) => pool.install(build),
                    _ => build(),
                };
                let files = match built {
                    Ok(s) => {
                        let files = s.files();
                        state = Some(s);
                        files
                    }
                    Err(e) => {
                        // The last index stays served (a partial one would find nothing).
                        crate::diag::note!("{}", crate::diag::Diagnostic::from(e));
                        continue;
                    }
                };
                // (Served even when a newer request waits: it is whole, and the next update
                // starts from what is served.)
                let made = made.into_inner().expect("index files");
                let mut s = served.lock().expect("served");
                let fresh: HashSet<&str> = files.iter().map(String::as_str).collect();
                s.files
                    .retain(|p, _| !is_index_file(p) || fresh.contains(p.as_str()));
                for (path, bytes) in made {
                    s.files.insert(path, Entry::Page(Arc::new(bytes)));
                }
            }
        });
        Indexer { next }
    }

    /// Index this input (None: the site has no search; remove the index).
    fn request(&self, input: Option<crate::search::Input>) {
        let (lock, wake) = &*self.next;
        *lock.lock().expect("indexer") = Some(input);
        wake.notify_all();
    }
}

/// The index of `input`: an update of the one served (`last`, its files in `served`) when it
/// can be, else built cold; the files that changed go to `made`.
fn index(
    input: &crate::search::Input,
    last: Option<&crate::search::State>,
    served: &Mutex<Served>,
    made: &Mutex<Vec<(String, Vec<u8>)>>,
) -> Result<crate::search::State, crate::search::SpillError> {
    let write = |path: String, bytes: Vec<u8>| {
        made.lock().expect("index files").push((path, bytes));
        Ok::<(), crate::search::SpillError>(())
    };
    let previous = |p: &str| match served.lock().expect("served").files.get(p) {
        Some(Entry::Page(b)) => Some(b.clone()),
        _ => None,
    };
    let hashes = crate::search::doc_hashes(input);
    if let Some(last) = last {
        if let Some((_, s)) =
            crate::search::update(last, input, &hashes, &previous, &write, &|_| true)?
        {
            return Ok(s);
        }
    }
    made.lock().expect("index files").clear();
    crate::search::build(input, &hashes, None, &write).map(|(_, s)| s)
}

/// The generated search index files (the search page itself is an ordinary page).
fn is_index_file(path: &str) -> bool {
    crate::search::owns(path)
}

impl Workspace {
    pub(crate) fn new(root: &Path, drafts: bool) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            drafts,
            config: None,
            theme: None,
            sources: SourceCache::default(),
            md: MdCache::default(),
            images: crate::images::Memo::default(),
            model: None,
            on_air: OnAir::default(),
            indexer: None,
            last: Last::Broken,
            hot: HashSet::new(),
            backlog: Backlog::default(),
            moved: None,
            pool: rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("huibian-edit-{i}"))
                .build()
                .ok()
                .map(Arc::new),
        }
    }

    /// Rebuilds what changed on disk and applies it to `served`. On errors the served site stays
    /// as it was and the errors are set on it.
    /// `changed`: the paths the watcher saw, when known (they allow the fast path).
    pub(crate) fn rebuild(
        &mut self,
        served: &Arc<Mutex<Served>>,
        changed: Option<&[PathBuf]>,
    ) -> Report {
        match self.pool.clone() {
            Some(pool) => pool.install(|| self.rebuild_here(served, changed)),
            None => self.rebuild_here(served, changed),
        }
    }

    fn rebuild_here(&mut self, served: &Arc<Mutex<Served>>, changed: Option<&[PathBuf]>) -> Report {
        let start = Instant::now();
        // A newer edit replaces the backlog: its pages kept no fingerprint, so they count as
        // changed again below.
        let took_over = std::mem::take(&mut self.backlog).left();
        self.hot = served.lock().expect("served").readers.hot();
        let (result, quick) = self.update(changed);
        self.last = match (&result, quick) {
            (Ok(_), _) => Last::Clean,
            (Err(_), Some(docs)) => Last::QuickFailed(docs),
            (Err(_), None) => Last::Broken,
        };
        let mut s = served.lock().expect("served");
        let mut report = Report {
            took_over,
            ..Report::default()
        };
        match result {
            Ok(change) => {
                report.documents = change.documents;
                report.rendered = change.pages.len();
                report.removed = change.removed.len();
                report.later = change.later.len();
                report.changed = !change.pages.is_empty()
                    || !change.removed.is_empty()
                    || !change.later.is_empty()
                    || change.touched
                    || !s.errors.is_empty();
                for f in &change.removed {
                    s.files.remove(f);
                }
                let pending: HashSet<String> = change.later.into_iter().collect();
                s.wanted.retain(|w| pending.contains(w));
                s.pending = pending;
                for (path, bytes) in change.pages {
                    s.files.insert(path, Entry::Page(Arc::new(bytes)));
                }
                // Copied files change only on the full path; the fast path leaves them be.
                if std::mem::take(&mut self.on_air.files_changed) {
                    for (path, from) in &self.on_air.files {
                        s.files.insert(path.clone(), Entry::File(from.clone()));
                    }
                }
                s.errors.clear();
                drop(s);
                self.index_in_background(served);
                s = served.lock().expect("served");
            }
            Err(errors) => {
                report.changed = s.errors != errors;
                s.errors = errors
                    .into_iter()
                    .map(|d| d.relative_to(&self.root))
                    .collect();
            }
        }
        if report.changed {
            s.version += 1;
        }
        report.millis = start.elapsed().as_secs_f64() * 1000.0;
        report
    }

    /// (documents, rendered pages, files no longer in the site), and the documents the quick
    /// path took, when it took this rebuild.
    fn update(&mut self, changed: Option<&[PathBuf]>) -> (Update, Option<Vec<PathBuf>>) {
        let mut lap = Lap::new();
        if changed.is_some_and(|paths| self.served_files_only(paths)) {
            // Served from disk as they are: nothing to render, only pages to reload.
            let documents = self.model.as_ref().map_or(0, |m| m.site.docs.len());
            let change = Change {
                documents,
                pages: Vec::new(),
                removed: Vec::new(),
                later: Vec::new(),
                touched: true,
            };
            return (Ok(change), None);
        }
        if let Some((taken, patched)) = changed.and_then(|paths| self.fast_path(paths)) {
            let result = patched.and_then(|()| {
                lap.at("fast path");
                self.render_changes(false, lap)
            });
            return (result, Some(taken));
        }
        (self.full_update(changed, lap), None)
    }

    /// Everything that is not the quick path: the theme alone, or config, sources and site.
    fn full_update(&mut self, changed: Option<&[PathBuf]>, mut lap: Lap) -> Update {
        if changed.is_some_and(|paths| self.theme_only(paths)) {
            // The site model does not depend on the theme: render it again with the new one.
            let theme = self.load_theme()?;
            lap.at("theme");
            return self.render_site(theme, lap);
        }
        self.reload_config()?;
        let theme = self.load_theme()?;
        lap.at("config+theme");
        let project = &self.config.as_ref().expect("config loaded").project;
        let (source, errors) = project.sources(self.drafts, &mut self.sources);
        if !errors.is_empty() {
            return Err(errors);
        }
        lap.at("load");
        let (images, errors) = project.images(&source, crate::images::Mode::Make, &self.images);
        if !errors.is_empty() {
            return Err(errors);
        }
        lap.at("images");
        let site = site::assemble(
            project.config.clone(),
            source,
            images,
            self.drafts,
            &self.md,
        )?;
        lap.at("assemble");
        let doc_index = site
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.path.clone(), i))
            .collect();
        self.model = Some(Model { site, doc_index });
        self.render_site(theme, lap)
    }

    /// Edits of files under static/ (the site's or a theme's) that are served now: the same
    /// names, new bytes. Adding or removing one goes the theme's way (its signature lists them).
    fn served_files_only(&self, paths: &[PathBuf]) -> bool {
        let themes = self.root.join("themes");
        let in_static = |p: &Path| {
            p.starts_with(self.root.join("static"))
                || p.strip_prefix(&themes).is_ok_and(|rest| {
                    rest.components()
                        .nth(1)
                        .is_some_and(|c| c.as_os_str() == "static")
                })
        };
        let served: HashSet<&Path> = self
            .on_air
            .files
            .iter()
            .filter_map(|(_, from)| match from {
                FileFrom::Disk(p) => Some(p.as_path()),
                FileFrom::Builtin(_) => None,
            })
            .collect();
        self.last == Last::Clean
            && !paths.is_empty()
            && paths
                .iter()
                .all(|p| in_static(p) && p.is_file() && served.contains(p.as_path()))
    }

    /// Changes under themes/, templates/ or static/ only, after a successful rebuild.
    fn theme_only(&self, paths: &[PathBuf]) -> bool {
        let dirs = ["themes", "templates", "static"].map(|d| self.root.join(d));
        self.last == Last::Clean
            && self.model.is_some()
            && self.config.is_some()
            && !paths.is_empty()
            && paths.iter().all(|p| dirs.iter().any(|d| p.starts_with(d)))
    }

    fn load_theme(&self) -> Result<Theme, Vec<Diagnostic>> {
        self.config.as_ref().expect("config loaded").project.theme()
    }

    /// Renders the current site with `theme`: every page when the theme or the config changed
    /// since the served pages were rendered, else those whose fingerprint moved.
    fn render_site(&mut self, theme: Theme, lap: Lap) -> Update {
        let text = self.config.as_ref().map(|c| c.text.clone());
        let with = (text.unwrap_or_default(), theme.signature);
        let force_all = self.on_air.rendered_with.as_ref() != Some(&with);
        let site = &self.model.as_ref().expect("a site to render").site;
        let pages = render::pages(site)?;
        self.on_air.files = render::files(site, &theme, &pages)?;
        self.on_air.files_changed = true;
        self.theme = Some(theme);
        let out = self.render_changes(force_all, lap)?;
        self.on_air.rendered_with = Some(with);
        Ok(out)
    }

    /// Edits of known documents whose body changed, or whose front matter changed only what lists
    /// hold (see `site::lists_only`): re-read just those files, patch the last site model and
    /// derive its lists again if needed: the documents it took, and how it went. None when the
    /// change needs the full path.
    #[allow(clippy::type_complexity)]
    fn fast_path(
        &mut self,
        paths: &[PathBuf],
    ) -> Option<(Vec<PathBuf>, Result<(), Vec<Diagnostic>>)> {
        let content = self.root.join("content");
        self.moved = None;
        let may_patch = match &self.last {
            Last::Clean => true,
            Last::QuickFailed(failed) => failed.iter().all(|f| paths.contains(f)),
            Last::Broken => false,
        };
        let paths: Vec<PathBuf> = paths.iter().filter(|p| !self.passing(p)).cloned().collect();
        let simple = may_patch
            && self.on_air.rendered_with.is_some()
            && !paths.is_empty()
            && paths.iter().all(|p| {
                p.starts_with(&content)
                    && p.extension().is_some_and(|e| e == "md")
                    && p.file_name().is_some_and(|n| n != "_index.md")
                    && p.is_file()
                    && self
                        .model
                        .as_ref()
                        .is_some_and(|m| m.doc_index.contains_key(p))
            });
        if !simple {
            return None;
        }
        let config = &self.config.as_ref()?.project.config;
        let names: Vec<(&str, &str)> = config
            .taxonomies
            .iter()
            .map(|t| (t.name.as_str(), t.label.as_str()))
            .collect();
        let mut unique: Vec<&PathBuf> = paths.iter().collect();
        unique.sort();
        unique.dedup();
        let taken: Vec<PathBuf> = unique.iter().map(|p| p.to_path_buf()).collect();
        let mut relist = Vec::new();
        for path in unique {
            let fresh = match self.sources.refresh_doc(&content, path, &names)? {
                Ok(d) => d,
                Err(e) => return Some((taken, Err(e))),
            };
            let model = self.model.as_mut()?;
            let (site, i) = (&mut model.site, model.doc_index[path]);
            if fresh.fm_hash != site.docs[i].fm_hash {
                if !site::lists_only(&site.docs[i].src, &fresh) {
                    return None;
                }
                relist.push(i);
            }
            if let Err(e) = site::patch_doc(site, i, fresh, &self.md) {
                return Some((taken, Err(e)));
            }
        }
        if !relist.is_empty() {
            let moved = site::relist(&mut self.model.as_mut()?.site, &relist, &self.md);
            // (What moved is known of one edited document; a second one's body may move more.)
            self.moved = moved.filter(|_| taken.len() == 1);
        }
        Some((taken, Ok(())))
    }

    /// A file that came and went between two looks, that the site never had at or under its
    /// path: a temporary file of an editor or of `sed -i`, renamed over a document.
    fn passing(&self, path: &Path) -> bool {
        let Some(site) = self.model.as_ref().map(|m| &m.site) else {
            return false;
        };
        !path.exists()
            && !site.docs.iter().any(|d| {
                d.path.starts_with(path) || d.attachments.iter().any(|a| a.path.starts_with(path))
            })
            && !site.loose.iter().any(|f| f.path.starts_with(path))
    }

    /// Renders the pages whose fingerprint moved (all of them when `force_all`).
    fn render_changes(&mut self, force_all: bool, mut lap: Lap) -> Update {
        let site = &self.model.as_ref().expect("a site to render").site;
        let on_air = &mut self.on_air;
        let theme = self.theme.as_mut().expect("theme loaded");
        let moved = std::mem::take(&mut self.moved);
        let (pages, same) = match (&moved, on_air.pages.take()) {
            (Some(m), Some(pages)) if m.same_pages && !force_all => (pages, true),
            _ => (Arc::new(render::pages(site)?), false),
        };
        lap.at("pages");
        let site_hash = fingerprint::site_hash(site);
        let changed = if force_all || on_air.site_hash != Some(site_hash) {
            // Every page (the site hash is in every fingerprint): taken as they are rendered.
            pages.iter().map(|(j, f)| (*j, f.clone(), None)).collect()
        } else {
            changed_pages(
                site,
                site_hash,
                &pages,
                &on_air.fingerprints,
                moved.as_ref(),
            )
        };
        let (changed, later) = first_and_later(changed, &self.hot, &on_air.fingerprints);
        let out = crate::output::Memory::default();
        let selected: Vec<(render::Job, String)> =
            changed.iter().map(|(j, f, _)| (*j, f.clone())).collect();
        lap.at("fingerprints");
        render::render_pages(site, theme, &out, &selected)?;
        lap.at("render");
        // (The same pages and files as last time: none is gone.)
        let removed = if same && !on_air.files_changed {
            Vec::new()
        } else {
            on_air.forget_gone(&pages)
        };
        for (job, file, fp) in changed {
            let fp = fp.unwrap_or_else(|| fingerprint::fingerprint(site, job, site_hash));
            on_air.fingerprints.insert(file, Some(fp));
        }
        for (_, file, _) in &later {
            match on_air.fingerprints.get_mut(file) {
                Some(fp) => *fp = None,
                None => {
                    on_air.fingerprints.insert(file.clone(), None);
                }
            }
        }
        on_air.served_files = on_air.files.iter().map(|(f, _)| f.clone()).collect();
        on_air.pages = Some(pages);
        on_air.site_hash = Some(site_hash);
        lap.done();
        let documents = site.docs.len();
        let later_files = later.iter().map(|(_, f, _)| f.clone()).collect();
        self.backlog = Backlog::new(later, site_hash);
        Ok(Change {
            documents,
            pages: out.into_pages(),
            removed,
            later: later_files,
            touched: false,
        })
    }

    /// Whether changed pages wait in the backlog.
    pub(crate) fn has_backlog(&self) -> bool {
        !self.backlog.is_empty()
    }

    /// Renders the next chunk of the backlog (pages that requests wait for first) into
    /// `served`. Returns the report once the backlog is done or failed.
    pub(crate) fn finish_some(&mut self, served: &Arc<Mutex<Served>>) -> Option<Report> {
        match self.pool.clone() {
            Some(pool) => pool.install(|| self.finish_here(served)),
            None => self.finish_here(served),
        }
    }

    fn finish_here(&mut self, served: &Arc<Mutex<Served>>) -> Option<Report> {
        let wanted = std::mem::take(&mut served.lock().expect("served").wanted);
        // A page a request waits for is rendered alone: the request is answered at once.
        let n = if wanted.is_empty() { CHUNK } else { 0 };
        let jobs = self.backlog.take(&wanted, n);
        let site = &self.model.as_ref().expect("a site to render").site;
        let theme = self.theme.as_mut().expect("theme loaded");
        let out = crate::output::Memory::default();
        let selected: Vec<(render::Job, String)> =
            jobs.iter().map(|(j, f, _)| (*j, f.clone())).collect();
        let rendered = render::render_pages(site, theme, &out, &selected);
        let mut s = served.lock().expect("served");
        if let Err(errors) = rendered {
            // A template that fails on some page only: the site is broken, as build would say.
            self.backlog = Backlog::default();
            self.last = Last::Broken;
            s.errors = errors
                .into_iter()
                .map(|d| d.relative_to(&self.root))
                .collect();
            s.version += 1;
            return Some(self.background_report(true));
        }
        for (path, bytes) in out.into_pages() {
            s.files.insert(path, Entry::Page(Arc::new(bytes)));
        }
        for (job, file, fp) in jobs {
            s.pending.remove(&file);
            let fp =
                fp.unwrap_or_else(|| fingerprint::fingerprint(site, job, self.backlog.site_hash));
            self.on_air.fingerprints.insert(file, Some(fp));
        }
        self.backlog
            .is_empty()
            .then(|| self.background_report(false))
    }

    fn background_report(&self, changed: bool) -> Report {
        Report {
            documents: self.model.as_ref().map_or(0, |m| m.site.docs.len()),
            rendered: self.backlog.total,
            changed,
            finished: true,
            millis: self.backlog.started.elapsed().as_secs_f64() * 1000.0,
            ..Report::default()
        }
    }

    /// Asks for the search index to be rebuilt off the edit's path: pages are served at once,
    /// the index follows (see `Indexer`).
    fn index_in_background(&mut self, served: &Arc<Mutex<Served>>) {
        let indexer = self
            .indexer
            .get_or_insert_with(|| Indexer::start(served.clone()));
        match self
            .model
            .as_ref()
            .map(|m| &m.site)
            .filter(|s| s.config.search)
        {
            Some(site) => indexer.request(Some(crate::search::input(site))),
            None => indexer.request(None),
        }
    }

    /// Reads config.yaml; when it changed, everything is rebuilt from scratch.
    fn reload_config(&mut self) -> Result<(), Vec<Diagnostic>> {
        let path = self.root.join("config.yaml");
        let text = crate::fsio::read_text(&path).map_err(|d| vec![d])?;
        if self.config.as_ref().is_some_and(|c| c.text == text) {
            return Ok(());
        }
        // The preview serves the site at the root of its own address.
        let project = Project::load(&self.root, Some("/"), false).map_err(|d| vec![d])?;
        self.config = Some(Loaded { text, project });
        self.sources = SourceCache::default();
        self.md = MdCache::default();
        Ok(())
    }
}

impl OnAir {
    /// Forgets the pages and files no longer in the site (`pages` and `files` are): the files
    /// to remove from the served site.
    fn forget_gone(&mut self, pages: &[(render::Job, String)]) -> Vec<String> {
        let live: HashSet<&str> = pages
            .iter()
            .map(|(_, f)| f.as_str())
            .chain(self.files.iter().map(|(f, _)| f.as_str()))
            .collect();
        let removed: Vec<String> = self
            .fingerprints
            .keys()
            .chain(self.served_files.iter())
            .filter(|f| !live.contains(f.as_str()))
            .cloned()
            .collect();
        self.fingerprints.retain(|f, _| live.contains(f.as_str()));
        removed
    }
}

/// The pages whose fingerprint differs from the last render, with their new fingerprint. After
/// a front-matter edit (`moved`), only the pages that may read what it moved are looked at.
fn changed_pages(
    site: &Site,
    site_hash: u64,
    pages: &[(render::Job, String)],
    before: &HashMap<String, Option<u64>>,
    moved: Option<&site::Relisted>,
) -> Vec<Pending> {
    pages
        .par_iter()
        .filter_map(|(job, file)| {
            let was = match before.get(file) {
                // Still in the backlog: changed, its fingerprint taken when it is rendered.
                Some(None) => return Some((*job, file.clone(), None)),
                Some(Some(fp)) => Some(*fp),
                None => None,
            };
            if was.is_some() && moved.is_some_and(|m| !fingerprint::may_move(*job, m)) {
                return None;
            }
            let fp = fingerprint::fingerprint(site, *job, site_hash);
            (was != Some(fp)).then(|| (*job, file.clone(), Some(fp)))
        })
        .collect()
}

/// Splits the changed pages into those being looked at, rendered before the reload, and the
/// backlog. Even a few other pages wait: one of them can be a list of the whole site. A few
/// pages new to the site (a tag just typed) come first too: the page open links to them.
fn first_and_later(
    changed: Vec<Pending>,
    hot: &HashSet<String>,
    before: &HashMap<String, Option<u64>>,
) -> (Vec<Pending>, Vec<Pending>) {
    const NEW_FIRST: usize = 8;
    let fresh = |f: &String| !before.is_empty() && !before.contains_key(f);
    let new = changed.iter().filter(|(_, f, _)| fresh(f)).count();
    changed
        .into_iter()
        .partition(|(_, f, _)| hot.contains(f) || (new <= NEW_FIRST && fresh(f)))
}

/// Stage times of a rebuild, printed when HUIBIAN_TIMINGS is set.
struct Lap {
    on: bool,
    last: Instant,
    laps: Vec<(&'static str, f64)>,
}

impl Lap {
    fn new() -> Lap {
        Lap {
            on: std::env::var_os("HUIBIAN_TIMINGS").is_some(),
            last: Instant::now(),
            laps: Vec::new(),
        }
    }
    fn at(&mut self, name: &'static str) {
        if self.on {
            self.laps
                .push((name, self.last.elapsed().as_secs_f64() * 1000.0));
            self.last = Instant::now();
        }
    }
    fn done(&self) {
        if self.on {
            let parts: Vec<String> = self
                .laps
                .iter()
                .map(|(n, ms)| format!("{n} {ms:.1} ms"))
                .collect();
            // (Stage names, like --timings': not translated.)
            crate::diag::note!("  [{}]", parts.join(", "));
        }
    }
}
