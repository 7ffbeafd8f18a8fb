//! Raw HTML in documents is cleaned with ammonia before it reaches a page: no scripts, no event
//! handlers, no `javascript:` or `data:` links (images may be `data:image/…` of a raster type,
//! not SVG), no frames, objects or forms, ids and classes plain tokens (`markdown::attrs`);
//! tables, line breaks, sub/superscripts, underlines and classed spans stay.
//! A document without raw HTML or unusual link schemes skips the cleaning, so the cost falls only
//! where it is needed: pulldown-cmark's own output escapes every text, and the one place it
//! writes attribute names from the document, a heading's `{…}`, is cut to the allow-list first.
//! tests/it/attrs.rs proves the shortcut with a property test over every construct.

use pulldown_cmark::{Event, Tag};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        // What huibian writes on pictures of the site (markdown/pictures.rs).
        .add_tag_attributes(
            "img",
            ["width", "height", "srcset", "sizes", "loading", "decoding"],
        )
        // data: too, for the pictures the filter below lets through.
        .url_schemes(super::attrs::SCHEMES.into_iter().chain(["data"]).collect())
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // Table alignment, as pulldown-cmark writes it; no other style.
            (_, "style") => {
                let ok = matches!(
                    value,
                    "text-align: left" | "text-align: center" | "text-align: right"
                );
                ok.then_some(Cow::Borrowed(value))
            }
            // Plain tokens, as in a heading's `{#id .class}`; a bad class token goes alone.
            (_, "id") => super::attrs::safe_token(value).then_some(Cow::Borrowed(value)),
            (_, "class") => {
                let kept: Vec<&str> = value
                    .split_ascii_whitespace()
                    .filter(|c| super::attrs::safe_token(c))
                    .collect();
                (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
            }
            // Plain schemes only, cite included (ammonia checks href and src, not cite);
            // data: only for pictures, and only raster ones (SVG can script).
            (_, "href" | "src" | "cite") => {
                super::attrs::url_ok(element, attribute, value).then_some(Cow::Borrowed(value))
            }
            // Each candidate's URL as a picture's src would be.
            (_, "srcset") => value
                .split(',')
                .all(|c| {
                    let url = c.split_ascii_whitespace().next().unwrap_or("");
                    super::attrs::url_ok(element, "src", url)
                })
                .then_some(Cow::Borrowed(value)),
            (_, "loading") => matches!(value, "lazy" | "eager").then_some(Cow::Borrowed(value)),
            (_, "decoding") => {
                matches!(value, "async" | "sync" | "auto").then_some(Cow::Borrowed(value))
            }
            _ => Some(Cow::Borrowed(value)),
        });
    b
});

/// Does the document need cleaning: raw HTML, or a link whose scheme is not a plain one?
pub(crate) fn needed(events: &[(Event, Range<usize>)]) -> bool {
    events.iter().any(|(e, _)| match e {
        // The figure around a linked sheet's table is written by huibian, not the document.
        Event::Html(_) | Event::InlineHtml(_) => !super::is_ours(e),
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            super::attrs::scheme(dest_url)
                .is_some_and(|s| !super::attrs::SCHEMES.contains(&s.as_str()))
        }
        _ => false,
    })
}

pub(crate) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markup_goes_and_harmless_markup_stays() {
        let out = clean(
            "<p>a<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">j</a>\
             <a href=\"data:text/html,x\">d</a><iframe src=x></iframe><object data=x></object><embed src=x>\
             <form action=x><input></form><img src=\"data:image/png;base64,AAAA\" alt=\"图\">\
             <u>下划线</u><sup>1</sup><sub>2</sub><br><span class=\"red\">红</span></p>\
             <table><tr><th style=\"text-align: center\">表</th><td style=\"color:red\">格</td></tr></table>",
        );
        for gone in [
            "<script",
            "alert(1)",
            "onerror",
            "javascript:",
            "data:text",
            "<iframe",
            "<object",
            "<embed",
            "<form",
            "<input",
            "color:red",
        ] {
            assert!(!out.contains(gone), "{gone} survived: {out}");
        }
        for kept in [
            "<img src=\"data:image/png;base64,AAAA\" alt=\"图\">",
            "<u>下划线</u>",
            "<sup>1</sup>",
            "<sub>2</sub>",
            "<br>",
            "<span class=\"red\">红</span>",
            "<th style=\"text-align: center\">表</th>",
            "<td>格</td>",
        ] {
            assert!(out.contains(kept), "{kept} lost: {out}");
        }
    }

    #[test]
    fn pictures_keep_their_sizes_and_lose_bad_candidates() {
        let out = clean(
            "<img src=\"a.jpg\" srcset=\"a-480w.jpg 480w, a.jpg 1600w\" sizes=\"40em\" width=\"1600\" height=\"1200\" loading=\"lazy\" decoding=\"async\" alt=\"图\">\
             <img src=\"b.jpg\" srcset=\"javascript:alert(1) 1w\" loading=\"soon\" decoding=\"x\">",
        );
        assert!(
            out.contains("<img src=\"a.jpg\" srcset=\"a-480w.jpg 480w, a.jpg 1600w\" sizes=\"40em\" width=\"1600\" height=\"1200\" loading=\"lazy\" decoding=\"async\" alt=\"图\">"),
            "{out}"
        );
        assert!(out.contains("<img src=\"b.jpg\">"), "{out}");
    }
}
