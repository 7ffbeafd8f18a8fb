//! A picture of the site in a text becomes an `<img>` that loads fast on a phone: its web
//! sizes in `srcset` with `sizes`, `width` and `height` (the page does not jump while it
//! loads), `loading="lazy"` and `decoding="async"` for every picture after the first, and a link
//! to the full-size file where config asks for one.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::fmt::Write;
use std::ops::Range;

/// What a page needs of one picture (the link resolver's `Link::Picture`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PictureRef {
    /// The web size the page loads first (the largest).
    pub src: String,
    pub width: u32,
    pub height: u32,
    /// Every web size with its width, narrowest first (with `src` last).
    pub srcset: Vec<(String, u32)>,
    /// The file at the image's own name: where a text link to the image goes.
    pub href: String,
    /// Wrap the picture in a link to `href` (config's `link_full_size`, when it is larger).
    pub link_full: bool,
}

/// How wide a picture shows: the text column (about 40em) or the screen, whichever is smaller.
const SIZES: &str = "(max-width: 40em) 100vw, 40em";

/// Replaces each picture's events (`pictures`: the index of its `Start(Image)` and what it is)
/// by one `<img>` of its own.
pub(crate) fn render(events: &mut [(Event, Range<usize>)], pictures: &[(usize, PictureRef)]) {
    for (n, (start, p)) in pictures.iter().enumerate() {
        let Event::Start(Tag::Image { title, .. }) = &events[*start].0 else {
            continue;
        };
        let title = title.to_string();
        let end = (start + 1..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::Image)))
            .unwrap_or(events.len() - 1);
        let alt = alt_text(&events[start + 1..end]);
        let in_link = inside_link(events, *start);
        let html = img(p, &alt, &title, n > 0, p.link_full && !in_link);
        events[*start].0 = Event::InlineHtml(CowStr::from(html));
        for e in &mut events[start + 1..=end] {
            e.0 = Event::InlineHtml(CowStr::from(""));
        }
    }
}

/// The alt text as pulldown-cmark would write it: the text of what is inside, markup dropped.
fn alt_text(events: &[(Event, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// Is the event at `at` inside a link (a linked picture keeps its own link)?
fn inside_link(events: &[(Event, Range<usize>)], at: usize) -> bool {
    let mut depth = 0i32;
    for (e, _) in &events[..at] {
        match e {
            Event::Start(Tag::Link { .. }) => depth += 1,
            Event::End(TagEnd::Link) => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

fn img(p: &PictureRef, alt: &str, title: &str, lazy: bool, link: bool) -> String {
    let mut s = String::with_capacity(256);
    if link {
        let _ = write!(s, "<a class=\"full-size\" href=\"{}\">", attr(&p.href));
    }
    let _ = write!(s, "<img src=\"{}\"", attr(&p.src));
    if p.srcset.len() > 1 {
        let set: Vec<String> = p
            .srcset
            .iter()
            .map(|(u, w)| format!("{} {w}w", attr(u)))
            .collect();
        let _ = write!(s, " srcset=\"{}\" sizes=\"{SIZES}\"", set.join(", "));
    }
    let _ = write!(
        s,
        " width=\"{}\" height=\"{}\" alt=\"{}\"",
        p.width,
        p.height,
        attr(alt)
    );
    if !title.is_empty() {
        let _ = write!(s, " title=\"{}\"", attr(title));
    }
    if lazy {
        s.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    s.push_str(" />");
    if link {
        s.push_str("</a>");
    }
    s
}

/// Text for an attribute value in double quotes.
fn attr(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A file name or site path as a URL: what is not plain ASCII is percent-encoded (and a comma,
/// which would split a `srcset`), `/` kept.
pub(crate) fn url_path(path: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    utf8_percent_encode(path, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_carries_its_sizes_and_only_later_ones_wait() {
        let p = PictureRef {
            src: "a.jpg".into(),
            width: 1600,
            height: 1200,
            srcset: vec![("a-480w.jpg".into(), 480), ("a.jpg".into(), 1600)],
            href: "a.jpg".into(),
            link_full: false,
        };
        let first = img(&p, "会场 \"全景\"", "", false, false);
        assert_eq!(
            first,
            "<img src=\"a.jpg\" srcset=\"a-480w.jpg 480w, a.jpg 1600w\" sizes=\"(max-width: 40em) 100vw, 40em\" width=\"1600\" height=\"1200\" alt=\"会场 &quot;全景&quot;\" />"
        );
        let later = img(&p, "", "题", true, true);
        assert!(later.starts_with("<a class=\"full-size\" href=\"a.jpg\"><img "));
        assert!(later.ends_with(" title=\"题\" loading=\"lazy\" decoding=\"async\" /></a>"));
        assert_eq!(
            url_path("图/照 片,1.jpg"),
            "%E5%9B%BE/%E7%85%A7%20%E7%89%87%2C1.jpg"
        );
    }
}
