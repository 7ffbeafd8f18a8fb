//! A ledger (问题清单, 整改台账, 任务分工表) from a spreadsheet or .csv becomes a document
//! whose body is its tables: a `##` section per sheet when there are several, the rows merged
//! across the top as the title and lead paragraphs, the header row as the table's header, every
//! cell as the sheet shows it (src/sheet). A merged range keeps its value in its first cell and
//! leaves the cells it covers empty: a Markdown table has no spans.

use super::text::{self, Warning};
use super::{Content, Ctx};
use crate::diag::Diagnostic;
use crate::sheet::{self, Sheet};
use std::path::Path;

pub(super) fn read_content(file: &Path, ctx: &Ctx) -> Result<Content, Diagnostic> {
    let wb = sheet::read(file, sheet::IMPORT, ctx.forced).map_err(|u| {
        Diagnostic::tr(file, crate::msg!("sheet-cannot-import", why = u.message)).hint_tr(u.hint)
    })?;
    if wb.sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(Diagnostic::tr(file, crate::msg!("sheet-no-text"))
            .hint_tr(crate::msg!("sheet-no-text-hint")));
    }
    let mut dropped = Vec::new();
    for s in &wb.sheets {
        if s.rows_cut > 0 || s.cols_cut > 0 {
            let m = crate::msg!(
                "sheet-too-large-to-import",
                name = &s.name,
                cells = sheet::IMPORT.cells,
                mb = sheet::IMPORT.text >> 20
            );
            return Err(Diagnostic::tr(file, m).hint_tr(crate::msg!("sheet-link-it-hint")));
        }
        if s.hidden && !s.rows.is_empty() {
            dropped.push((0, crate::msg!("sheet-hidden-imported", name = &s.name)));
        }
    }
    let mut warnings = Vec::new();
    if wb.replacements > 0 {
        warnings.push(Warning {
            out_line: 0,
            src_line: 0,
            what: text::WarnKind::Dropped,
            message: crate::msg!("import-undecodable", n = wb.replacements),
        });
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let (title, body, plain) = ledger(&wb.sheets, &stem, &mut warnings);
    // Where the date is looked for: the title and lead rows, a line each (a ledger has no 落款).
    let texts = plain
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect();
    Ok(Content {
        title,
        body,
        texts,
        signoff: Vec::new(),
        warnings,
        unit: "row",
        read_as: wb
            .read_as
            .unwrap_or_else(|| crate::msg!("fsio-as-is", detail = "")),
        existing: None,
        given_slug: None,
        given_section: None,
        images: Vec::new(),
        dropped,
        docx: false,
    })
}

/// The title (a title row of the first sheet, else the file name), the Markdown body, and the
/// plain text the date and section are looked for in (the title and lead rows: a ledger's cells
/// hold deadlines, not its own date).
fn ledger(sheets: &[Sheet], stem: &str, warnings: &mut Vec<Warning>) -> (String, String, String) {
    let shown: Vec<&Sheet> = sheets.iter().filter(|s| !s.rows.is_empty()).collect();
    let mut title = None;
    let mut plain = String::new();
    let mut body = String::new();
    for (i, s) in shown.iter().enumerate() {
        let l = sheet::layout(s);
        let mut lead = l.lead.iter();
        if i == 0 {
            title = lead.next().map(|t| t.trim().to_string());
        }
        let block = |md: String, body: &mut String| {
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(&md);
            body.push('\n');
        };
        if shown.len() > 1 {
            block(format!("## {}", heading(&s.name)), &mut body);
        }
        for t in lead {
            plain.push_str(t);
            plain.push('\n');
            block(cell_md(t, true), &mut body);
        }
        let first_line = body.matches('\n').count() + 2;
        block(table_md(s, &l, first_line, warnings), &mut body);
    }
    let title = title.unwrap_or_else(|| stem.to_string());
    (title.clone(), body, format!("{title}\n{plain}"))
}

/// A sheet's name as a heading: escaped, with `#` and braces too (see text::escape).
fn heading(name: &str) -> String {
    text::escape(name.trim(), false)
        .replace('#', "\\#")
        .replace('{', "\\{")
        .replace('}', "\\}")
}

/// A GFM table of the header and body rows (`first_line`: the line of the body it starts on,
/// for the warnings of its cells).
fn table_md(
    s: &Sheet,
    l: &sheet::Layout,
    first_line: usize,
    warnings: &mut Vec<Warning>,
) -> String {
    let Some(header) = l.header else {
        return String::new();
    };
    let skip = s.rows.len() - l.body.len() - 1;
    let mut md = String::new();
    let rows = std::iter::once(header).chain(l.body.iter().map(Vec::as_slice));
    for (r, row) in rows.enumerate() {
        let out_line = first_line + r + usize::from(r > 0);
        md.push('|');
        for (c, cell) in row.iter().enumerate() {
            let before = warnings.len();
            text::warn_text(cell, 0, out_line, warnings);
            let name = s.cell_name(skip + r, c);
            for w in &mut warnings[before..] {
                let what = std::mem::replace(&mut w.message, crate::msg!("empty"));
                w.message = match s.name.as_str() {
                    "" => crate::msg!("import-in-cell", what = what, cell = &name),
                    sheet => crate::msg!(
                        "import-in-sheet-cell",
                        what = what,
                        sheet = sheet,
                        cell = &name
                    ),
                };
            }
            md.push(' ');
            md.push_str(&cell_md(cell, false));
            md.push_str(" |");
        }
        md.push('\n');
        if r == 0 {
            md.push('|');
            md.push_str(&" --- |".repeat(row.len()));
            md.push('\n');
        }
    }
    md.pop();
    md
}

/// A cell's text as Markdown that shows it literally: escaped (`|` too), its line breaks as
/// `<br>` (a table row is one line).
fn cell_md(text: &str, at_start: bool) -> String {
    text.trim()
        .split('\n')
        .map(|line| text::escape(line.trim_end_matches('\r'), at_start))
        .collect::<Vec<_>>()
        .join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> String {
        let opts = crate::markdown::Options::default();
        crate::markdown::render(md, opts, &|_| crate::markdown::Link::Keep).html
    }

    #[test]
    fn cells_with_markdown_characters_render_as_written() {
        let cells = [
            "a|b",
            "a\\|b",
            "**重点**",
            "<script>x</script>",
            "[链接](http://x)",
            "&amp;",
            "`码`",
            "两\n行",
            "1. 第一",
        ];
        let sheet = Sheet {
            name: "表".into(),
            rows: vec![
                vec!["名".to_string(); cells.len()],
                cells.iter().map(|c| c.to_string()).collect(),
            ],
            ..Sheet::default()
        };
        let l = sheet::layout(&sheet);
        let md = table_md(&sheet, &l, 1, &mut Vec::new());
        let html = render(&md);
        for want in [
            "<td>a|b</td>",
            "<td>a\\|b</td>",
            "<td>**重点**</td>",
            "<td>&lt;script&gt;x&lt;/script&gt;</td>",
            "<td>[链接](http://x)</td>",
            "<td>&amp;amp;</td>",
            "<td>`码`</td>",
            "<td>两<br>行</td>",
            "<td>1. 第一</td>",
        ] {
            assert!(html.contains(want), "{want} not in {html}\n{md}");
        }
    }
}
