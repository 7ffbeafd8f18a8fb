//! The 落款 (sign-off): the issuing unit and the date that end a notice or a write-up, which
//! official documents set right-aligned (GB/T 9704). A writer marks it with a line `{.signoff}`
//! directly above its lines, or as a paragraph of its own just before them:
//!
//! ```text
//! {.signoff}
//! 中共某某委员会办公室
//! 2024年5月8日
//! ```
//!
//! It becomes `<div class="signoff"><p><span>…</span></p>…</div>`, a `<p>` per line, which the
//! themes lay out (the `<span>` is the line's text as wide as it is, which the CSS centres over
//! the date). The mark is plain text to CommonMark and to any other Markdown editor, needs no raw
//! HTML (the sanitiser is neither widened nor woken for it), and `\{.signoff}` stays text.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

/// The line that marks a sign-off.
pub(crate) const MARK: &str = "{.signoff}";

const OPEN: &str = "<div class=\"signoff\">\n<p><span>";
const BETWEEN: &str = "</span></p>\n<p><span>";
const CLOSE: &str = "</span></p>\n</div>\n";

/// Is this text the mark as the parser gives it (for the search text, which leaves it out)?
pub(crate) fn is_mark(text: &str) -> bool {
    text.trim() == MARK
}

/// Turns each marked paragraph into a sign-off block. Runs before soft breaks are joined, so
/// that each of its lines stays a line.
pub(crate) fn mark(events: &mut Vec<(Event<'_>, Range<usize>)>, md: &str) {
    if !md.contains(MARK) {
        return;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        match marked(events, i, md) {
            Some((lines, end)) => {
                let at = events[i].1.clone();
                out.push((Event::Html(CowStr::from(OPEN)), at.clone()));
                for (e, r) in &events[lines] {
                    match e {
                        Event::SoftBreak | Event::HardBreak => {
                            out.push((Event::Html(CowStr::from(BETWEEN)), r.clone()))
                        }
                        _ => out.push((e.clone(), r.clone())),
                    }
                }
                out.push((Event::Html(CowStr::from(CLOSE)), at));
                i = end + 1;
            }
            None => {
                out.push(events[i].clone());
                i += 1;
            }
        }
    }
    *events = out;
}

/// If a marked paragraph starts at `i`: the events of the sign-off's lines, and the index of
/// the paragraph end where the sign-off ends.
fn marked(events: &[(Event, Range<usize>)], i: usize, md: &str) -> Option<(Range<usize>, usize)> {
    let (Event::Start(Tag::Paragraph), range) = &events[i] else {
        return None;
    };
    let first_line = md.get(range.clone())?.lines().next()?;
    if first_line.trim() != MARK {
        return None;
    }
    let end = paragraph_end(events, i)?;
    let line_break =
        (i + 1..end).find(|&k| matches!(events[k].0, Event::SoftBreak | Event::HardBreak));
    match line_break {
        // The mark and the lines in one paragraph.
        Some(k) => Some((k + 1..end, end)),
        // The mark alone: it is for the paragraph right after it.
        None => {
            let next = end + 1;
            matches!(events.get(next), Some((Event::Start(Tag::Paragraph), _))).then_some(())?;
            let next_end = paragraph_end(events, next)?;
            Some((next + 1..next_end, next_end))
        }
    }
}

fn paragraph_end(events: &[(Event, Range<usize>)], start: usize) -> Option<usize> {
    (start + 1..events.len()).find(|&k| matches!(events[k].0, Event::End(TagEnd::Paragraph)))
}

#[cfg(test)]
mod tests {
    fn html(md: &str) -> String {
        let opts = crate::markdown::Options::default();
        crate::markdown::render(md, opts, &|_| crate::markdown::Link::Keep).html
    }

    const WANT: &str = "<div class=\"signoff\">\n<p><span>中共某某委员会办公室</span></p>\n<p><span>中共某某委员会宣传部</span></p>\n<p><span>2024年5月8日</span></p>\n</div>\n";

    #[test]
    fn a_marked_paragraph_keeps_its_lines_apart() {
        let body =
            "正文。\n\n{.signoff}\n中共某某委员会办公室\n中共某某委员会宣传部\n2024年5月8日\n";
        assert_eq!(html(body), format!("<p>正文。</p>\n{WANT}"));
        // The mark as a paragraph of its own, and with a hard break, do the same.
        let apart = "{.signoff}\n\n中共某某委员会办公室\n中共某某委员会宣传部  \n2024年5月8日\n";
        assert_eq!(html(apart), WANT);
    }

    #[test]
    fn an_escaped_or_stray_mark_stays_text() {
        assert_eq!(html("\\{.signoff}\n单位\n"), "<p>{.signoff}\n单位</p>\n");
        assert_eq!(
            html("{.signoff}\n\n## 标题\n"),
            "<p>{.signoff}</p>\n<h2 id=\"标题\">标题</h2>\n"
        );
        assert_eq!(
            html("文中{.signoff}\n单位\n"),
            "<p>文中{.signoff}\n单位</p>\n"
        );
    }

    #[test]
    fn raw_html_elsewhere_sends_the_page_through_the_sanitiser_and_the_block_survives_it() {
        let body = "<u>下划线</u>\n\n{.signoff}\n**单位**\n2024年5月8日\n";
        let out = html(body);
        assert!(
            out.contains("<div class=\"signoff\">\n<p><span><strong>单位</strong></span></p>\n<p><span>2024年5月8日</span></p>\n</div>"),
            "{out}"
        );
    }
}
