//! The output's layout, checked before anything is written: no two pages or files may be one
//! file (case aside: on Windows and macOS `A/` and `a/` are one folder), no file may stand
//! where another needs a folder (an alias `/style.css/` beside the file style.css), and only
//! the search index writes its files. Each clash is one error, said at what to change (an
//! alias, then a file, then a page) and naming both; before, one output silently replaced the
//! other or the write failed in the staging folder.

use super::{describe, shown, FileFrom, Job};
use crate::diag::{Code, Diagnostic};
use crate::i18n::Msg;
use crate::msg;
use crate::site::Site;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

/// What makes one output file.
#[derive(Clone, Copy)]
pub(crate) enum Maker<'a> {
    Page(Job),
    File(&'a FileFrom),
}

/// One output file: its site path and what makes it.
pub(crate) type Output<'a> = (&'a str, Maker<'a>);

/// The file to name for a maker, and what to call it in a message.
fn who(site: &Site, (name, m): Output) -> (PathBuf, Msg) {
    match m {
        Maker::Page(job) => describe(site, job),
        Maker::File(from) => {
            let p = shown(name, from);
            let what = crate::msg!("page-file", path = p.display().to_string());
            (p, what)
        }
    }
}

/// Which of two is said to change: an alias, then a file, then a generated page.
fn rank(m: Maker) -> u8 {
    match m {
        Maker::Page(Job::Alias(_)) => 0,
        Maker::File(_) => 1,
        Maker::Page(_) => 2,
    }
}

/// Every clash among `outputs`; `search` when the site has a search index.
pub(crate) fn clashes(site: &Site, outputs: &[Output], search: bool) -> Vec<Diagnostic> {
    // Keys borrow the name unless it has capitals: at 10,000 documents a serve edit that adds a
    // tag checks every page again, and a copy of each name was most of that check's time.
    let keys: Vec<Cow<str>> = outputs.iter().map(|o| folded(o.0)).collect();
    let mut first: HashMap<&str, Output> = HashMap::with_capacity(outputs.len());
    let mut out = Vec::new();
    for (&o, key) in outputs.iter().zip(&keys) {
        match first.get(key.as_ref()) {
            Some(&other) => out.push(same_file(site, other, o)),
            None => {
                first.insert(key, o);
            }
        }
    }
    for (&o, lower) in outputs.iter().zip(&keys) {
        if search && crate::search::owns(o.0) {
            out.push(in_search_index(site, o));
            continue;
        }
        let on_the_way = lower
            .match_indices('/')
            .find_map(|(i, _)| first.get(&lower[..i]));
        if let Some(&file) = on_the_way {
            out.push(file_on_the_way(site, file, o));
        }
    }
    out
}

/// A name as the file systems that ignore case or Unicode normalisation compare it (macOS's
/// ignores both: `café` typed precomposed and decomposed is one folder there), borrowed when it
/// has no capitals and is NFC already (nearly every name: ASCII and Han are).
fn folded(name: &str) -> Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    // (Any letter that lowering changes: title-case ǅ too, which is not upper case.)
    let changes = |c: char| {
        let mut l = c.to_lowercase();
        l.next() != Some(c) || l.next().is_some()
    };
    if is_nfc_quick(name.chars()) != IsNormalized::Yes {
        return Cow::Owned(
            name.nfc()
                .collect::<String>()
                .to_lowercase()
                .nfc()
                .collect(),
        );
    }
    if name.chars().any(changes) {
        Cow::Owned(name.to_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Two outputs that are one file.
fn same_file(site: &Site, a: Output, b: Output) -> Diagnostic {
    let (here, other) = if rank(b.1) <= rank(a.1) {
        (b, a)
    } else {
        (a, b)
    };
    let (path, what) = who(site, here);
    let (_, other_what) = who(site, other);
    let mut message = match (here.1, other.1) {
        (Maker::File(_), Maker::Page(_)) => {
            msg!(
                "layout-file-replaces-page",
                url = other.0,
                other = other_what
            )
        }
        (Maker::File(_), _) => msg!("layout-file-same-as", url = here.0, other = other_what),
        _ => msg!(
            "layout-same-as",
            what = what,
            url = here.0,
            other = other_what
        ),
    };
    if a.0 != b.0 {
        message = msg!("layout-case", what = message);
    }
    Diagnostic::tr(path, message)
        .code(Code::DuplicateUrl)
        .hint_tr(hint(here.1))
}

/// `file` is a file where `o` needs a folder.
fn file_on_the_way(site: &Site, file: Output, o: Output) -> Diagnostic {
    let here = if rank(file.1) < rank(o.1) { file } else { o };
    let (path, _) = who(site, here);
    let (_, file_what) = who(site, file);
    let (_, o_what) = who(site, o);
    let m = msg!(
        "layout-needs-folder",
        what = o_what,
        f = file.0,
        file = file_what
    );
    Diagnostic::tr(path, m)
        .code(Code::DuplicateUrl)
        .hint_tr(hint(here.1))
}

fn in_search_index(site: &Site, o: Output) -> Diagnostic {
    let (path, what) = who(site, o);
    let message = match o.1 {
        Maker::File(_) => msg!("layout-file-in-search", url = o.0),
        Maker::Page(_) => msg!("layout-page-in-search", what = what, url = o.0),
    };
    Diagnostic::tr(path, message).hint_tr(hint(o.1))
}

fn hint(m: Maker) -> crate::i18n::Msg {
    match m {
        Maker::Page(Job::Alias(_)) => crate::msg!("layout-alias-hint"),
        Maker::File(_) => crate::msg!("layout-file-hint"),
        Maker::Page(_) => crate::msg!("layout-page-hint"),
    }
}

#[cfg(test)]
mod tests {
    use super::folded;
    use std::borrow::Cow;

    #[test]
    fn folded_lowers_what_to_lowercase_lowers_and_borrows_the_rest() {
        for name in ["tags/调查研究/index.html", "a/b-c_1/index.html", "ß/ǆ/", ""] {
            assert!(matches!(folded(name), Cow::Borrowed(_)), "{name}");
        }
        // Capitals, a title-case letter, a Roman numeral, a Greek final sigma.
        for name in ["Tags/X/", "ǅ/", "Ⅻ/", "ΟΔΟΣ/", "İ/"] {
            assert_eq!(folded(name), name.to_lowercase(), "{name}");
        }
        // Decomposed and precomposed: one name, as macOS compares them.
        assert_eq!(folded("cafe\u{301}/"), "café/");
        assert_eq!(folded("CAFE\u{301}/"), folded("café/"));
        assert_eq!(
            folded("한국/"),
            folded("\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}/")
        );
    }
}
