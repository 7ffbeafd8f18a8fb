//! A link to a spreadsheet or .csv of the page's bundle standing alone in its paragraph
//! (`[整改台账](taizhang.xlsx)`) becomes the sheet's table: a figure whose caption is the link
//! (so the download stays), then a table per sheet shown. Done on the events every reader of a
//! body gets (`markdown::events`), so the page, the search index and check see the same cells.
//! The file is read by whoever owns it (source's `DocSource::sheet`); this stage only asks.

use crate::diag::Code;
use crate::sheet::{layout, Sheet, Unreadable, Workbook};
use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};
use std::ops::Range;
use std::sync::Arc;

/// What a body's reader is told of a link destination: the table of the file it names, or
/// None for a link that is not to a spreadsheet attachment.
pub(crate) type Sheets<'a> = &'a dyn Fn(&str) -> Option<Arc<Result<Workbook, Unreadable>>>;

/// For bodies with no bundle (section introductions, tests).
pub(crate) fn no_sheets(_: &str) -> Option<Arc<Result<Workbook, Unreadable>>> {
    None
}

// The markup around a table is ours, not the document's: statics, so that `is_ours` knows them
// by address (a document's raw HTML is never at these addresses) and the sanitiser need not run
// for them.
static FIGURE_OPEN: &str = "<figure class=\"sheet\">\n<figcaption>";
static FIGCAPTION_CLOSE: &str = "</figcaption>\n";
static CAPTION_OPEN: &str = "<caption>";
static CAPTION_CLOSE: &str = "</caption>";
static NOTE_OPEN: &str = "<p class=\"sheet-note\">";
static NOTE_CLOSE: &str = "</p>\n";
static FIGURE_CLOSE: &str = "</figure>\n";

/// Is this one of the HTML pieces this module writes around a table?
pub(crate) fn is_ours(e: &Event) -> bool {
    let ours = [
        FIGURE_OPEN,
        FIGCAPTION_CLOSE,
        CAPTION_OPEN,
        CAPTION_CLOSE,
        NOTE_OPEN,
        NOTE_CLOSE,
        FIGURE_CLOSE,
    ];
    matches!(e, Event::Html(CowStr::Borrowed(s)) if ours.iter().any(|o| std::ptr::eq(*o, *s)))
}

/// Could `md` link a spreadsheet file at all (`.xlsx`, `.csv`, … anywhere, any case)? Most
/// bodies do not, and are then read without looking for one.
pub(crate) fn may_name_sheet(md: &str) -> bool {
    let b = md.as_bytes();
    md.match_indices('.').any(|(i, _)| {
        let rest = &b[i + 1..];
        crate::sheet::EXTENSIONS
            .iter()
            .any(|e| rest.len() >= e.len() && rest[..e.len()].eq_ignore_ascii_case(e.as_bytes()))
    })
}

/// Replaces each paragraph that is one link to a spreadsheet attachment with its table; a file
/// that cannot be read is a problem at the paragraph's offset (the link stays as it is).
pub(crate) fn embed<'a>(
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    sheets: Sheets,
    problems: &mut Vec<(usize, Code, crate::i18n::Msg)>,
) {
    let mut i = 0;
    while i < events.len() {
        let Some((link, end, dest)) = lone_link(events, i) else {
            i += 1;
            continue;
        };
        let at = events[i].1.clone();
        let made = match sheets(&dest).as_deref() {
            None => None,
            Some(Ok(wb)) => Some(figure(wb, None)),
            Some(Err(u)) if u.too_large => Some(figure(&Workbook::default(), Some(TOO_LARGE))),
            Some(Err(u)) => {
                problems.push((
                    at.start,
                    Code::BrokenSheet,
                    crate::msg!(
                        "sheet-not-shown",
                        dest = dest.to_string(),
                        why = u.message.clone(),
                        hint = u.hint.clone()
                    ),
                ));
                None
            }
        };
        let Some(made) = made else {
            i = end + 1;
            continue;
        };
        // The link's own events (its text, any emphasis) go into the caption.
        let link_events: Vec<(Event<'a>, Range<usize>)> = events[link.clone()].to_vec();
        let mut out: Vec<(Event<'a>, Range<usize>)> = Vec::new();
        out.push((Event::Html(CowStr::Borrowed(FIGURE_OPEN)), at.clone()));
        out.extend(link_events);
        out.extend(made.into_iter().map(|e| (e, at.clone())));
        let n = out.len();
        events.splice(i..=end, out);
        i += n;
    }
}

/// A paragraph at `i` holding one link and at most spaces around it: the link's events, the
/// paragraph's end, and the link's destination.
fn lone_link(events: &[(Event, Range<usize>)], i: usize) -> Option<(Range<usize>, usize, String)> {
    if !matches!(events.get(i)?.0, Event::Start(Tag::Paragraph)) {
        return None;
    }
    let blank = |e: &Event| match e {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak => true,
        _ => false,
    };
    let mut j = i + 1;
    while events.get(j).is_some_and(|(e, _)| blank(e)) {
        j += 1;
    }
    let Event::Start(Tag::Link { dest_url, .. }) = &events.get(j)?.0 else {
        return None;
    };
    let mut depth = 0usize;
    let mut k = j;
    loop {
        match events.get(k)?.0 {
            Event::Start(Tag::Link { .. }) => depth += 1,
            Event::End(TagEnd::Link) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        k += 1;
    }
    let mut end = k + 1;
    while events.get(end).is_some_and(|(e, _)| blank(e)) {
        end += 1;
    }
    if !matches!(events.get(end)?.0, Event::End(TagEnd::Paragraph)) {
        return None;
    }
    Some((j..k + 1, end, dest_url.to_string()))
}

const TOO_LARGE: &str = "（表格文件较大，不在页面中显示，请下载附件查看。）";
const EMPTY: &str = "（表格为空。）";

/// The events after the caption's link: the tables of the sheets a reader sees (hidden and
/// empty ones left out), each with what was cut said below it, and the figure's end.
fn figure<'a>(wb: &Workbook, note: Option<&'static str>) -> Vec<Event<'a>> {
    let mut out = vec![Event::Html(CowStr::Borrowed(FIGCAPTION_CLOSE))];
    // A sheet the budget ran out before is said, not shown; an empty one is left out.
    let shown: Vec<&Sheet> = wb
        .sheets
        .iter()
        .filter(|s| !s.hidden && (!s.rows.is_empty() || s.rows_cut > 0))
        .collect();
    let note = note.or((shown.is_empty()).then_some(EMPTY));
    for s in &shown {
        if s.rows.is_empty() {
            let text = format!(
                "（工作表「{}」未能显示：表格较大，请下载附件查看。）",
                s.name
            );
            push_note(&mut out, CowStr::from(text));
            continue;
        }
        table(s, shown.len() > 1, &mut out);
        if s.rows_cut > 0 || s.cols_cut > 0 {
            let cols = match s.cols_cut {
                0 => String::new(),
                _ => format!("、前 {} 列", s.rows.first().map_or(0, Vec::len)),
            };
            let text = format!(
                "（表格较大，此处只显示前 {} 行{cols}；完整内容请下载附件。）",
                s.rows.len()
            );
            push_note(&mut out, CowStr::from(text));
        }
    }
    if let Some(n) = note {
        push_note(&mut out, CowStr::Borrowed(n));
    }
    out.push(Event::Html(CowStr::Borrowed(FIGURE_CLOSE)));
    out
}

fn push_note<'a>(out: &mut Vec<Event<'a>>, text: CowStr<'a>) {
    out.push(Event::Html(CowStr::Borrowed(NOTE_OPEN)));
    out.push(Event::Text(text));
    out.push(Event::Html(CowStr::Borrowed(NOTE_CLOSE)));
}

/// One sheet as a table: its caption the rows above the header (a title row), else its name
/// when the workbook shows several; a merged range's value in its first cell.
fn table<'a>(s: &Sheet, several: bool, out: &mut Vec<Event<'a>>) {
    let l = layout(s);
    let width = s.rows.first().map_or(0, Vec::len);
    out.push(Event::Start(Tag::Table(vec![Alignment::None; width])));
    let caption: Vec<&str> = if l.lead.is_empty() && several {
        vec![s.name.as_str()]
    } else {
        l.lead.clone()
    };
    if !caption.is_empty() {
        out.push(Event::Html(CowStr::Borrowed(CAPTION_OPEN)));
        lines(&caption.join("\n"), out);
        out.push(Event::Html(CowStr::Borrowed(CAPTION_CLOSE)));
    }
    if let Some(h) = l.header {
        out.push(Event::Start(Tag::TableHead));
        cells(h, out);
        out.push(Event::End(TagEnd::TableHead));
    }
    for row in l.body {
        out.push(Event::Start(Tag::TableRow));
        cells(row, out);
        out.push(Event::End(TagEnd::TableRow));
    }
    out.push(Event::End(TagEnd::Table));
}

fn cells<'a>(row: &[String], out: &mut Vec<Event<'a>>) {
    for c in row {
        out.push(Event::Start(Tag::TableCell));
        lines(c.trim(), out);
        out.push(Event::End(TagEnd::TableCell));
    }
}

/// Text with its line breaks kept (a cell of two lines).
fn lines<'a>(text: &str, out: &mut Vec<Event<'a>>) {
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push(Event::HardBreak);
        }
        if !line.is_empty() {
            out.push(Event::Text(CowStr::from(line.to_string())));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::Sheet;

    fn html_of(md: &str, wb: Workbook) -> String {
        let wb = Arc::new(Ok(wb));
        let sheets = move |dest: &str| dest.ends_with(".xlsx").then(|| wb.clone());
        let opts = crate::markdown::Options::default();
        crate::markdown::render_with(md, opts, &|_| crate::markdown::Link::Keep, &sheets).html
    }

    fn sheet(name: &str, rows: &[&[&str]], rows_cut: usize) -> Sheet {
        Sheet {
            name: name.into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            rows_cut,
            ..Sheet::default()
        }
    }

    #[test]
    fn what_the_budget_left_out_is_said_below_the_table() {
        let wb = Workbook {
            sheets: vec![
                sheet("一", &[&["甲", "乙"], &["1", "2"]], 7),
                sheet("二", &[], 3),
                sheet("三", &[], 0),
            ],
            ..Workbook::default()
        };
        let html = html_of("[表](t.xlsx)\n", wb);
        assert!(html.contains("<caption>一</caption>"), "{html}");
        assert!(html.contains("（表格较大，此处只显示前 2 行；完整内容请下载附件。）"));
        assert!(html.contains("（工作表「二」未能显示：表格较大，请下载附件查看。）"));
        assert!(!html.contains("三"), "an empty sheet is left out: {html}");
        let empty = html_of("[表](t.xlsx)\n", Workbook::default());
        assert!(empty.contains("（表格为空。）"), "{empty}");
    }

    #[test]
    fn only_a_paragraph_of_one_link_is_a_table() {
        let wb = || Workbook {
            sheets: vec![sheet("一", &[&["甲"], &["1"]], 0)],
            ..Workbook::default()
        };
        for md in [
            "[表](t.xlsx)",
            " [表](t.xlsx) ",
            "[*表*](t.xlsx)",
            "> [表](t.xlsx)",
        ] {
            assert!(html_of(md, wb()).contains("<td>1</td>"), "{md}");
        }
        for md in [
            "见[表](t.xlsx)",
            "[表](t.xlsx)。",
            "[表](t.xlsx) [表](t.xlsx)",
            "![表](t.xlsx)",
            "# [表](t.xlsx)",
            "[表](t.csv)",
        ] {
            assert!(!html_of(md, wb()).contains("<table>"), "{md}");
        }
    }
}
