//! The default theme compiled into the binary: the fallback when a site has no themes/default,
//! and what `huibian init` writes into a new site.

macro_rules! theme_files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)))),*]
    };
}

/// (path inside themes/default, contents). A test checks this lists every file of the folder.
pub const DEFAULT_THEME: &[(&str, &str)] = theme_files!(
    "theme.yaml",
    "templates/base.html",
    "templates/index.html",
    "templates/section.html",
    "templates/taxonomy.html",
    "templates/term.html",
    "templates/archive.html",
    "templates/page.html",
    "templates/404.html",
    "templates/search.html",
    "templates/alias.html",
    "templates/sitemap.xml",
    "templates/atom.xml",
    "templates/partials/card.html",
    "templates/partials/pager.html",
    "static/style.css",
    "static/search.js",
);

pub(crate) fn theme_yaml() -> &'static str {
    DEFAULT_THEME
        .iter()
        .find(|(p, _)| *p == "theme.yaml")
        .map_or("", |(_, t)| t)
}
