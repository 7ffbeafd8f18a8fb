//! The allow-list for what a document's own text may put into an HTML attribute, whatever wrote
//! it: a heading's `{…}` (pulldown-cmark copies any name and value there: `{autofocus
//! onfocus=…}` would run as the page opens) keeps only an id and classes, and ids and classes,
//! here and in raw HTML alike, are plain tokens; a `data:` picture is a raster image, never SVG.

use crate::i18n::Msg;
use pulldown_cmark::{CowStr, Event, Tag};
use std::ops::Range;

/// An id or class token a page may carry: letters and digits of any script, `-`, `_`, `.` and
/// `:` (`fn.1`, `sec:2`). No quote, `<`, `>`, `&`, `=`, `#`, space or control character, and
/// not so long that it is text rather than a name.
pub(crate) fn safe_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 100
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// Schemes a link or picture may use; anything else (javascript:, vbscript:, file: …) goes.
pub(crate) const SCHEMES: [&str; 5] = ["http", "https", "mailto", "tel", "ftp"];

/// `data:` URLs an `<img>` may show: raster pictures. SVG can carry script and is left out.
const PICTURE_TYPES: [&str; 7] = [
    "image/png",
    "image/jpeg",
    "image/jpg",
    "image/gif",
    "image/webp",
    "image/avif",
    "image/bmp",
];

/// The scheme of a URL as a browser reads it: spaces and controls around it and tabs and
/// newlines inside ignored (`java\tscript:`), lowercased. None for a relative URL.
pub(crate) fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (s, _) = url.split_once(':')?;
    let ok = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| s.to_ascii_lowercase())
}

/// May `element`'s `attr` (href, src, cite) hold `url`: relative, a plain scheme, or for an
/// `<img src>` a raster picture as `data:`?
pub(crate) fn url_ok(element: &str, attr: &str, url: &str) -> bool {
    match scheme(url).as_deref() {
        None => true,
        Some("data") => element == "img" && attr == "src" && picture_data_url(url),
        Some(s) => SCHEMES.contains(&s),
    }
}

/// Is `url` a `data:` URL of a raster picture (`data:image/png;base64,…`)?
fn picture_data_url(url: &str) -> bool {
    let url = url.trim_start().to_ascii_lowercase();
    let Some(rest) = url.strip_prefix("data:") else {
        return false;
    };
    let mime = rest.split([';', ',']).next().unwrap_or("").trim();
    PICTURE_TYPES.contains(&mime)
}

/// Cuts every heading's `{…}` down to what the allow-list keeps, in place. Returns (byte offset
/// of the `{` in the Markdown, message) for each heading that lost something: an author who
/// wrote it should hear of it.
pub(crate) fn check_headings(
    events: &mut [(Event, Range<usize>)],
    md: &str,
) -> Vec<(usize, crate::i18n::Msg)> {
    let mut problems = Vec::new();
    for (e, range) in events.iter_mut() {
        let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = e
        else {
            continue;
        };
        let mut removed: Vec<Msg> = attrs
            .drain(..)
            .map(|(k, _)| crate::msg!("attr-key", key = k.to_string()))
            .collect();
        if let Some(given) = id.take_if(|i| !safe_token(i)) {
            removed.push(crate::msg!("attr-id", id = given.to_string()));
        }
        classes.retain(|c: &CowStr| {
            let ok = safe_token(c);
            if !ok {
                removed.push(crate::msg!("attr-class", class = c.to_string()));
            }
            ok
        });
        if !removed.is_empty() {
            let line = md.get(range.clone()).unwrap_or("");
            let at = range.start + line.rfind('{').unwrap_or(0);
            let what = list(removed);
            problems.push((at, crate::msg!("heading-attribute", what = what)));
        }
    }
    problems
}

/// `a, b, c` in English, `a、b、c` in Chinese: the items said in the message's language.
fn list(items: Vec<Msg>) -> Msg {
    let mut items = items.into_iter();
    let first = items.next().unwrap_or_else(|| crate::msg!("empty"));
    items.fold(first, |a, b| crate::msg!("list-pair", a = a, b = b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_plain_names() {
        for ok in ["plan", "一总体要求", "a-1_b", "Plan2", "fn.1", "sec:2"] {
            assert!(safe_token(ok), "{ok}");
        }
        for bad in [
            "", "a\"b", "a b", "a>b", "a=b", "#x", "a&amp;", "<i>", "a\u{0}", "a\tb",
        ] {
            assert!(!safe_token(bad), "{bad}");
        }
    }

    #[test]
    fn urls_keep_plain_schemes_and_raster_pictures_only() {
        for (el, attr, ok) in [
            ("img", "src", "data:image/png;base64,AAAA"),
            ("img", "src", "DATA:Image/JPEG,x"),
            ("img", "src", " data:image/gif;base64,R0"),
            ("a", "href", "../x/"),
            ("a", "href", "#一"),
            ("a", "href", "HTTPS://x.cn/a:b"),
            ("q", "cite", "mailto:a@b.cn"),
            ("a", "href", "a/b:c"),
        ] {
            assert!(url_ok(el, attr, ok), "{ok}");
        }
        for (el, attr, bad) in [
            ("img", "src", "data:image/svg+xml,<svg onload=alert(1)>"),
            ("img", "src", "data:text/html,<script>"),
            ("img", "src", "data:,x"),
            ("img", "src", "data:image/png-x,x"),
            ("a", "href", "data:image/png;base64,AAAA"),
            ("a", "href", "java\tscript:alert(1)"),
            ("a", "href", "\u{1} JavaScript:alert(1)"),
            ("q", "cite", "javascript:alert(1)"),
            ("a", "href", "vbscript:x"),
            ("a", "href", "file:///etc/passwd"),
        ] {
            assert!(!url_ok(el, attr, bad), "{bad}");
        }
    }
}
