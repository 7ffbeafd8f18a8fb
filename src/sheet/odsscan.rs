//! What an .ods's content.xml says that calamine's reader does not pass on: the text each
//! number cell shows, the merged ranges, which tables are hidden, and how many cells its
//! repeated cells and rows would expand into (counted before calamine expands them).

use super::office::{resave, ZIP};
use super::Unreadable;
use std::path::Path;

/// Cells calamine may expand an .ods's repeats into (each about 32 bytes).
const ODS_EXPANDED: u64 = 4_000_000;

/// What an .ods's content.xml says that calamine does not pass on, per table: the text each
/// number cell shows (85.6%, 12,500.50: calamine gives 0.856 and 12500.5) and the merged
/// ranges; and, over all tables, how many cells calamine would expand the repeated cells and
/// rows into.
#[derive(Debug, Default)]
pub(super) struct OdsScan {
    pub(super) expanded: u64,
    pub(super) tables: Vec<OdsTable>,
}

#[derive(Debug, Default)]
pub(super) struct OdsTable {
    pub(super) shown: std::collections::HashMap<(u32, u32), String>,
    pub(super) merges: Vec<[u32; 4]>,
    /// Its table style says `table:display="false"` (calamine misses it when LibreOffice writes
    /// the properties as an empty element, as it always does).
    pub(super) hidden: bool,
}

/// Read before calamine sees the file: a file whose repeats would expand past `ODS_EXPANDED`
/// cells is refused.
pub(super) fn checked(path: &Path, bytes: &[u8]) -> Result<OdsScan, Unreadable> {
    let fail = |d: crate::diag::Diagnostic| Unreadable::new(d.message_tr(), resave());
    let mut zip = crate::zipread::open_bytes(path, bytes, ZIP).map_err(fail)?;
    let xml = zip
        .read("content.xml")
        .map_err(|e| fail(e.into()))?
        .unwrap_or_default();
    let scan = ods_scan(&xml).map_err(|e| {
        let m = crate::msg!("sheet-ods-xml-damaged", detail = e.to_string());
        Unreadable::new(m, resave())
    })?;
    if scan.expanded > ODS_EXPANDED {
        return Err(Unreadable {
            message: crate::msg!("sheet-ods-repeats", n = scan.expanded, max = ODS_EXPANDED),
            hint: crate::msg!("sheet-ods-repeats-hint"),
            too_large: true,
        });
    }
    Ok(scan)
}

/// Where the scan stands in content.xml.
#[derive(Default)]
struct OdsPos {
    row: u64,
    row_repeat: u64,
    col: u64,
    /// The row's width up to its last cell with a value; whether it has one.
    width: u64,
    filled: bool,
    first: Option<u64>,
    last: u64,
    widest: u64,
    /// A number cell's shown text being read: where it stands, how often repeated.
    number: Option<((u64, u64), u64, String)>,
    /// The style being read, and the table styles that hide their table.
    style: Option<String>,
    hiding_styles: std::collections::HashSet<String>,
}

fn ods_scan(xml: &[u8]) -> Result<OdsScan, quick_xml::Error> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut scan = OdsScan::default();
    let mut p = OdsPos::default();
    loop {
        let event = reader.read_event_into(&mut buf)?;
        // A cell written open holds text (`<text:p>`): it has a value as well.
        let open = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) | Event::Empty(e) => ods_start(&e, open, &mut p, &mut scan),
            Event::Text(t) => {
                if let Some((_, _, text)) = p.number.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::End(e) => ods_end(e.name().as_ref(), &mut p, &mut scan),
            Event::Eof => return Ok(scan),
            _ => {}
        }
        buf.clear();
    }
}

fn ods_start(e: &quick_xml::events::BytesStart, open: bool, p: &mut OdsPos, scan: &mut OdsScan) {
    let attr = |key: &str| {
        e.try_get_attribute(key)
            .ok()
            .flatten()
            .map(|a| a.value.into_owned())
    };
    let count = |key: &str| attr(key).and_then(|v| v.parse::<u64>().ok()).unwrap_or(1);
    match e.name().as_ref() {
        "style:style" => p.style = attr("style:name"),
        "style:table-properties" => {
            if let (Some(name), Some("false")) = (&p.style, attr("table:display").as_deref()) {
                p.hiding_styles.insert(name.clone());
            }
        }
        "table:table" => {
            let hidden = attr("table:style-name").is_some_and(|s| p.hiding_styles.contains(&s));
            scan.tables.push(OdsTable {
                hidden,
                ..OdsTable::default()
            });
            (p.row, p.first, p.last, p.widest) = (0, None, 0, 0);
        }
        "table:table-row" => {
            (p.row_repeat, p.col, p.width, p.filled) =
                (count("table:number-rows-repeated"), 0, 0, false);
        }
        "table:table-cell" | "table:covered-table-cell" => {
            let repeat = count("table:number-columns-repeated");
            let at = (p.row, p.col);
            p.col = p.col.saturating_add(repeat);
            let valued = e.attributes().flatten().any(|a| {
                let k = a.key.as_ref();
                k.starts_with("office:") || k == "table:formula"
            });
            if valued || open {
                (p.width, p.filled) = (p.col, true);
            }
            let (cols, rows) = (
                count("table:number-columns-spanned"),
                count("table:number-rows-spanned"),
            );
            if let Some(t) = scan.tables.last_mut().filter(|_| cols > 1 || rows > 1) {
                let end = |a: u64, n: u64| u32::try_from(a + n - 1).unwrap_or(u32::MAX);
                let (r, c) = (at.0 as u32, at.1 as u32);
                t.merges.push([r, c, end(at.0, rows), end(at.1, cols)]);
            }
            let number = matches!(
                attr("office:value-type").as_deref(),
                Some("float" | "percentage" | "currency")
            );
            if number && open {
                p.number = Some((at, repeat.min(1024), String::new()));
            }
        }
        "text:p" => {
            if let Some((_, _, text)) = p.number.as_mut().filter(|n| !n.2.is_empty()) {
                text.push('\n');
            }
        }
        "text:s" => {
            if let Some((_, _, text)) = p.number.as_mut() {
                text.push_str(&" ".repeat(count("text:c").min(64) as usize));
            }
        }
        _ => {}
    }
}

fn ods_end(name: &str, p: &mut OdsPos, scan: &mut OdsScan) {
    match name {
        "table:table-cell" | "table:covered-table-cell" => {
            if let (Some(((r, c), n, text)), Some(t)) = (p.number.take(), scan.tables.last_mut()) {
                for k in 0..n {
                    t.shown.insert((r as u32, (c + k) as u32), text.clone());
                }
            }
        }
        "table:table-row" => {
            if p.filled {
                p.first.get_or_insert(p.row);
                p.last = p.row.saturating_add(p.row_repeat);
                p.widest = p.widest.max(p.width);
            }
            p.row = p.row.saturating_add(p.row_repeat);
        }
        "table:table" => {
            let rows = p.last.saturating_sub(p.first.unwrap_or(p.last));
            scan.expanded = scan.expanded.saturating_add(rows.saturating_mul(p.widest));
        }
        _ => {}
    }
}

/// Does `shown` (an .ods cell's text) show `value`: the same number to its own decimals, or a
/// hundred times it for a percentage? Guards against a cell read at the wrong place.
pub(super) fn shows(value: f64, shown: &str) -> bool {
    let digits: String = shown
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let Ok(n) = digits.parse::<f64>() else {
        return false;
    };
    let v = if shown.contains('%') {
        value * 100.0
    } else {
        value
    };
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    (n - v.abs()).abs() <= 0.5 * 10f64.powi(-decimals) * (1.0 + 1e-9) + 1e-12
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ods_number_shows_its_cell_text_only_where_that_text_is_its_value() {
        assert!(shows(0.856, "85.6%"));
        assert!(shows(12500.5, "12,500.50"));
        assert!(shows(1234567.891, "1,234,567.89"));
        assert!(shows(-1500.0, "(1,500)"));
        assert!(shows(0.5, "¥0.50"));
        assert!(!shows(0.856, "0.9%"));
        assert!(!shows(3.0, "12,500.50"));
        assert!(!shows(3.0, "三"));
    }

    #[test]
    fn ods_repeats_are_counted_before_they_are_expanded() {
        let xml = br#"<office:document-content><office:body><office:spreadsheet><table:table table:name="S">
            <table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>
            <table:table-row table:number-rows-repeated="5"><table:table-cell table:number-columns-repeated="9"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        assert_eq!(ods_scan(xml).unwrap().expanded, 1_000_000_000);
        let small = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell/><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(ods_scan(small).unwrap().expanded, 3);
    }
}
