//! The shipped themes compiled into the binary: a site without a themes/ folder (made by hand,
//! or by an older huibian) still builds with `theme: default` or `theme: gongwen`, a site's own
//! themes/<name> overrides them file by file, and `huibian init` writes the default from here.

macro_rules! theme_files {
    ($theme:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/", $theme, "/", $path)))),*]
    };
}

/// (path inside themes/default, contents). A test checks this lists every file of the folder.
pub const DEFAULT_THEME: &[(&str, &str)] = theme_files!("default":
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

/// (path inside themes/gongwen, contents): what 公文 adds to the default it extends.
pub const GONGWEN_THEME: &[(&str, &str)] = theme_files!("gongwen":
    "theme.yaml",
    "templates/base.html",
    "static/gongwen.css",
);

/// Every built-in theme by name. A test checks each equals its folder under themes/.
pub const THEMES: &[(&str, &[(&str, &str)])] =
    &[("default", DEFAULT_THEME), ("gongwen", GONGWEN_THEME)];

/// The files of the built-in theme `name`, if there is one.
pub(crate) fn theme(name: &str) -> Option<(&'static str, &'static [(&'static str, &'static str)])> {
    THEMES.iter().find(|(n, _)| *n == name).copied()
}

/// One file of a built-in theme.
pub(crate) fn file(theme_name: &str, path: &str) -> Option<&'static str> {
    theme(theme_name)?
        .1
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, t)| *t)
}

/// The names of the built-in themes, for messages: "`default`, `gongwen`".
pub(crate) fn names() -> String {
    THEMES
        .iter()
        .map(|(n, _)| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
