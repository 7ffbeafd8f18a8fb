//! Theme resolution: site templates/ > the theme > the theme it extends > the built-in default
//! theme; the same order for static files. A theme folder named like a built-in theme lies over
//! that built-in copy file by file. Templates are compiled once per build.

use super::builtin;
use crate::config::{Config, ThemeConfig};
use crate::diag::Diagnostic;
use crate::site::Urls;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Kwargs, State, Tera};

/// Where a template or static file comes from: for messages and for copying.
#[derive(Debug, Clone)]
pub enum Origin {
    Disk(PathBuf),
    /// (theme name, path inside the theme, contents).
    Builtin(&'static str, &'static str, &'static str),
}

impl Origin {
    pub(crate) fn display(&self) -> PathBuf {
        match self {
            Origin::Disk(p) => p.clone(),
            Origin::Builtin(theme, p, _) => builtin_path(theme, p),
        }
    }
}

/// How messages name a file of a built-in theme.
fn builtin_path(theme: &str, path: &str) -> PathBuf {
    PathBuf::from(format!("(built-in {theme} theme)/{path}"))
}

pub struct Theme {
    pub tera: Tera,
    /// Changes whenever a template, a label or the set of static files changes.
    pub signature: u64,
    pub labels: BTreeMap<String, String>,
    /// Site path → source, parents first, overridden by children and the site.
    pub static_files: BTreeMap<String, Origin>,
    pub templates: BTreeMap<String, Origin>,
}

/// One layer of the chain: a theme folder on disk or a built-in theme (by name).
enum Layer {
    Disk(PathBuf),
    Builtin(&'static str),
}

pub(crate) fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let urls = &Urls::of(config);
    let layers = chain(root, &config.theme).map_err(|d| vec![d])?;
    // Folders and links that lead out of the site are errors, all of them said at once.
    let site = crate::fsio::resolve(root);
    let mut errors = Vec::new();
    let mut templates: BTreeMap<String, (Origin, String)> = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut labels = BTreeMap::new();
    // Parents first, so that children override them.
    for layer in layers.iter().rev() {
        match layer {
            Layer::Builtin(name) => {
                let (name, files) =
                    builtin::theme(name).unwrap_or(("default", builtin::DEFAULT_THEME));
                for &(path, text) in files {
                    let origin = Origin::Builtin(name, path, text);
                    if let Some(t) = path.strip_prefix("templates/") {
                        templates.insert(t.to_string(), (origin, text.to_string()));
                    } else if let Some(f) = path.strip_prefix("static/") {
                        static_files.insert(f.to_string(), origin);
                    }
                }
                labels.extend(builtin_config(name).map_err(|d| vec![d])?.labels);
            }
            Layer::Disk(dir) => {
                read_templates(&dir.join("templates"), &site, &mut templates, &mut errors);
                collect_static(&dir.join("static"), &site, &mut static_files, &mut errors);
                let tc = ThemeConfig::load(&dir.join("theme.yaml")).map_err(|d| vec![d])?;
                labels.extend(tc.labels);
            }
        }
    }
    read_templates(&root.join("templates"), &site, &mut templates, &mut errors);
    collect_static(&root.join("static"), &site, &mut static_files, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(map) = config
        .extra
        .get_from_path("labels")
        .and_then(|v| v.as_map())
    {
        for (k, v) in map.iter() {
            if let Some(s) = v.as_str() {
                labels.insert(k.to_string(), s.to_string());
            }
        }
    }
    let tera = compile(&templates, urls)?;
    let signature = crate::site::hash_of(&(
        templates
            .iter()
            .map(|(k, (_, text))| (k, text))
            .collect::<Vec<_>>(),
        &labels,
        static_files
            .iter()
            .map(|(k, o)| (k, o.display()))
            .collect::<Vec<_>>(),
    ));
    Ok(Theme {
        tera,
        signature,
        labels,
        static_files,
        templates: templates.into_iter().map(|(k, (o, _))| (k, o)).collect(),
    })
}

/// The folders of the theme and the themes it extends (what an archive keeps to rebuild).
pub(crate) fn theme_dirs(root: &Path, name: &str) -> Result<Vec<std::path::PathBuf>, Diagnostic> {
    Ok(chain(root, name)?
        .into_iter()
        .filter_map(|l| match l {
            Layer::Disk(d) => Some(d),
            Layer::Builtin(_) => None,
        })
        .collect())
}

/// The theme and the themes it extends, child first. A folder in themes/ named like a built-in
/// theme comes first and the built-in copy under it; `extends` is the folder's when it says one.
fn chain(root: &Path, name: &str) -> Result<Vec<Layer>, Diagnostic> {
    let mut layers = Vec::new();
    let mut next = Some(name.to_string());
    let mut seen = Vec::new();
    while let Some(name) = next.take() {
        if seen.contains(&name) {
            return Err(Diagnostic::tr(
                root.join("themes").join(&name).join("theme.yaml"),
                crate::msg!(
                    "theme-loop",
                    chain = format!("{} → {name}", seen.join(" → "))
                ),
            ));
        }
        seen.push(name.clone());
        if name.is_empty() || name.contains(['/', '\\']) || name.contains("..") {
            return Err(Diagnostic::tr(
                root.join("config.yaml"),
                crate::msg!("theme-bad-name", name = &name),
            ));
        }
        let dir = root.join("themes").join(&name);
        let built_in = builtin::theme(&name);
        let mut extends = None;
        if dir.is_dir() {
            extends = disk_extends(root, &dir)?;
            layers.push(Layer::Disk(dir));
        } else if built_in.is_none() {
            return Err(Diagnostic::tr(
                root.join("config.yaml"),
                crate::msg!("theme-missing", name = &name),
            )
            .hint_tr(crate::msg!(
                "theme-missing-hint",
                name = &name,
                builtin = builtin::names()
            )));
        }
        if let Some((builtin_name, _)) = built_in {
            layers.push(Layer::Builtin(builtin_name));
            if extends.is_none() {
                extends = builtin_config(builtin_name)?.extends;
            }
        }
        next = extends.filter(|e| !e.is_empty());
    }
    // Whatever a theme chain lacks, the built-in default supplies (sitemap, feed, redirects …).
    if !layers
        .iter()
        .any(|l| matches!(l, Layer::Builtin("default")))
    {
        layers.push(Layer::Builtin("default"));
    }
    Ok(layers)
}

/// The `extends` of a theme folder's theme.yaml (None when it says none, or has no file).
fn disk_extends(root: &Path, dir: &Path) -> Result<Option<String>, Diagnostic> {
    let site = crate::fsio::resolve(root);
    crate::fsio::folder_inside(dir, &site)?;
    // Its labels are printed in every page: read from the site only.
    let yaml = dir.join("theme.yaml");
    if let Some(d) = crate::fsio::link_leaving(&yaml, &site) {
        return Err(d);
    }
    Ok(ThemeConfig::load(&yaml)?.extends)
}

/// The theme.yaml of a built-in theme.
fn builtin_config(name: &'static str) -> Result<ThemeConfig, Diagnostic> {
    let text = builtin::file(name, "theme.yaml").unwrap_or("");
    crate::config::parse_yaml(&builtin_path(name, "theme.yaml"), text)
}

/// The files under `dir` (none if it is missing), as (name with `/`, path), sorted. Left out:
/// editors' scratch files (`x~`, `.x.swp`, `.#x`), macOS's `.DS_Store`, and whatever is inside
/// a hidden folder (`.git/`, `.svn/`: never published) but `.well-known/`. Hidden files stay
/// (`.htaccess` in static/). Symlinks are followed only inside the site.
pub(crate) fn files_under(
    dir: &Path,
    site: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    crate::fsio::files_in(dir, site, errors)
        .into_iter()
        .filter(|(name, _)| {
            let mut parts: Vec<&str> = name.split('/').collect();
            let file = parts.pop().unwrap_or_default();
            let hidden_folder = parts
                .iter()
                .any(|p| p.starts_with('.') && *p != ".well-known");
            let scratch = file.ends_with('~')
                || file.ends_with(".swp")
                || file.starts_with(".#")
                || file == ".DS_Store";
            !(hidden_folder || scratch)
        })
        .collect()
}

fn read_templates(
    dir: &Path,
    site: &Path,
    out: &mut BTreeMap<String, (Origin, String)>,
    errors: &mut Vec<Diagnostic>,
) {
    // Hidden files are no templates; in static/ they are kept (.htaccess).
    for (name, path) in files_under(dir, site, errors)
        .into_iter()
        .filter(|(n, _)| !n.starts_with('.'))
    {
        match crate::fsio::read_text(&path) {
            Ok(text) => {
                out.insert(name, (Origin::Disk(path), text));
            }
            Err(d) => errors.push(d),
        }
    }
}

fn collect_static(
    dir: &Path,
    site: &Path,
    out: &mut BTreeMap<String, Origin>,
    errors: &mut Vec<Diagnostic>,
) {
    for (name, path) in files_under(dir, site, errors) {
        out.insert(name, Origin::Disk(path));
    }
}

fn compile(
    templates: &BTreeMap<String, (Origin, String)>,
    urls: &Urls,
) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    let u = urls.clone();
    // `{{ page.url | url }}`: the href of a site path from the page being rendered.
    tera.register_filter(
        "url",
        move |path: &str, _: Kwargs, state: &State| -> tera::TeraResult<String> {
            // (Borrowed, not copied into a String: this runs for every link of every page.)
            let from: Option<tera::Value> = state.get("current_path")?;
            Ok(u.href(from.as_ref().and_then(|v| v.as_str()).unwrap_or(""), path))
        },
    );
    tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str())),
    )
    .map_err(|e| {
        vec![template_error(&e, |name| {
            templates.get(name).map(|(o, _)| o.display())
        })]
    })?;
    Ok(tera)
}

/// A Tera error as a diagnostic naming the template file and line.
pub(crate) fn template_error(
    e: &tera::Error,
    origin: impl Fn(&str) -> Option<PathBuf>,
) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = origin(r.filename()).unwrap_or_else(|| PathBuf::from(r.filename()));
            let hint = match e.kind() {
                tera::ErrorKind::SyntaxError(_) => crate::msg!("template-syntax-hint"),
                _ => crate::msg!("template-variable-hint"),
            };
            Diagnostic::tr(file, template_msg(r.message()))
                .at(r.span().start_line, r.span().start_col + 1)
                .hint_tr(hint)
        }
        _ => {
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            // Load-time checks (unknown filter, missing include …) arrive as a rendered report
            // with a ` --> name:line:col` line: point at that template.
            let at = msg.lines().find_map(|l| {
                let loc = l.trim_start().strip_prefix("--> ")?;
                let mut parts = loc.rsplitn(3, ':');
                let col: usize = parts.next()?.trim().parse().ok()?;
                let line: usize = parts.next()?.trim().parse().ok()?;
                Some((parts.next()?.to_string(), line, col))
            });
            let first = msg
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            match at {
                Some((name, line, col)) => {
                    let file = origin(&name).unwrap_or_else(|| PathBuf::from(&name));
                    Diagnostic::tr(file, template_msg(&first))
                        .at(line, col)
                        .hint_tr(crate::msg!("template-fix-hint"))
                }
                None => Diagnostic::tr("templates", template_msg(&msg)),
            }
        }
    }
}

/// "template error: …" with Tera's own (English) words.
fn template_msg(detail: &str) -> crate::i18n::Msg {
    crate::msg!("template-error", detail = detail)
}
