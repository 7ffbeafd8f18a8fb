//! Excel and OpenDocument workbooks through calamine, chosen by the file's first bytes rather
//! than its name (an .xls renamed .xlsx, WPS's .et, which is the Excel 97–2003 format or, from
//! newer WPS, a zip): OLE → Excel 97–2003, a zip with content.xml → OpenDocument, another zip →
//! Excel 2007+. A zip is first inflated once through `zipread` (no part may inflate past the
//! limits), and an .ods's repeated cells are counted before calamine expands them, so no file
//! makes this hold more than a real ledger would.

use super::{
    numfmt, shown_clock, shown_datetime, Budget, Cells, Limits, Sheet, Unreadable, Workbook,
};
use crate::i18n::Msg;
use crate::msg;
use calamine::{Data, DataRef, Dimensions, Reader, SheetType, SheetVisible};
use std::io::Cursor;
use std::path::Path;

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The parts of an .xlsx or .ods: a few dozen, plus pictures; a sheet's XML of a 100,000-row
/// ledger is about 30 MB.
pub(super) const ZIP: crate::zipread::Limits = crate::zipread::Limits {
    entries: 10_000,
    whole: 64 << 20,
    streamed: 128 << 20,
    total: Some(256 << 20),
    strict: false,
};

/// The hint for a workbook Excel or WPS can repair.
pub(super) fn resave() -> Msg {
    msg!("sheet-resave-hint")
}

pub(super) fn read(path: &Path, bytes: &[u8], limits: Limits) -> Result<Workbook, Unreadable> {
    if bytes.starts_with(OLE) {
        return xls(bytes, limits);
    }
    if bytes.starts_with(b"PK") {
        let names = prescreen(path, bytes)?;
        return if names.iter().any(|n| n == "content.xml") {
            ods(path, bytes, limits)
        } else {
            xlsx(bytes, limits)
        };
    }
    Err(not_a_workbook(bytes))
}

fn not_a_workbook(bytes: &[u8]) -> Unreadable {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    if head.contains("<html") || head.contains("<table") || head.contains("<!doctype") {
        return Unreadable::new(msg!("sheet-is-html"), msg!("sheet-is-html-hint"));
    }
    Unreadable::new(msg!("sheet-not-workbook"), resave())
}

fn password() -> Unreadable {
    Unreadable::new(msg!("sheet-encrypted"), msg!("sheet-encrypted-hint"))
}

/// Inflates every XML part once through the limits; the names of the zip's entries.
fn prescreen(path: &Path, bytes: &[u8]) -> Result<Vec<String>, Unreadable> {
    let fail = |d: crate::diag::Diagnostic| Unreadable::new(d.message_tr(), resave());
    let mut zip = crate::zipread::open_bytes(path, bytes, ZIP).map_err(fail)?;
    let names: Vec<String> = zip.listed().into_iter().map(|l| l.name).collect();
    for name in names
        .iter()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        zip.stream(name, &mut |_| {})
            .map_err(|e| fail(crate::diag::Diagnostic::from(e)))?;
    }
    Ok(names)
}

/// A sheet calamine cannot read.
fn bad_sheet(name: &str, e: &dyn std::fmt::Display) -> Unreadable {
    let m = msg!("sheet-bad-sheet", name = name, detail = e.to_string());
    Unreadable::new(m, resave())
}

fn corners(d: &Dimensions) -> [u32; 4] {
    [d.start.0, d.start.1, d.end.0, d.end.1]
}

fn worksheets(metas: &[calamine::Sheet]) -> impl Iterator<Item = &calamine::Sheet> {
    metas.iter().filter(|m| m.typ == SheetType::WorkSheet)
}

fn hidden(m: &calamine::Sheet) -> bool {
    m.visible != SheetVisible::Visible
}

fn xlsx(bytes: &[u8], limits: Limits) -> Result<Workbook, Unreadable> {
    let bad = |e: calamine::XlsxError| match e {
        calamine::XlsxError::Password => password(),
        e => Unreadable::new(msg!("sheet-not-xlsx", detail = e.to_string()), resave()),
    };
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let metas = wb.sheets_metadata().to_vec();
    let mut budget = limits.budget();
    let mut sheets = Vec::new();
    for m in worksheets(&metas) {
        let merges: Vec<[u32; 4]> = wb
            .merge_cells_by_sheet_name(&m.name)
            .map_err(bad)?
            .iter()
            .map(corners)
            .collect();
        let mut cells = Cells::new(budget);
        let mut reader = wb.worksheet_cells_reader(&m.name).map_err(bad)?;
        while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(bad)? {
            let (r, c) = cell.get_position();
            let v = cell.get_value();
            let code = reader
                .styles()
                .get(style)
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.as_str());
            cells.push(r, c, is_empty_ref(v), || shown_ref(v, code));
            if cells.stopped() {
                break;
            }
        }
        budget = cells.left();
        sheets.push(cells.into_sheet(m.name.clone(), hidden(m), Some(&merges)));
    }
    Ok(Workbook {
        sheets,
        read_as: Some(msg!("sheet-read-as-xlsx")),
        replacements: 0,
    })
}

fn xls(bytes: &[u8], limits: Limits) -> Result<Workbook, Unreadable> {
    let mut wb = match calamine::Xls::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(calamine::XlsError::Password) => return Err(password()),
        Err(e) => {
            // An encrypted .xlsx is an OLE file too; calamine's .xlsx reader says so.
            if let Err(calamine::XlsxError::Password) = calamine::Xlsx::<_>::new(Cursor::new(bytes))
            {
                return Err(password());
            }
            return Err(Unreadable::new(
                msg!("sheet-not-xls", detail = e.to_string()),
                resave(),
            ));
        }
    };
    let formats = super::xlsfmt::formats(bytes).unwrap_or_default();
    let metas = wb.sheets_metadata().to_vec();
    let mut budget = limits.budget();
    let mut sheets = Vec::new();
    for m in worksheets(&metas) {
        let range = wb
            .worksheet_range(&m.name)
            .map_err(|e| bad_sheet(&m.name, &e))?;
        let codes = formats.get(&m.name);
        let shown_at = |r: u32, c: u32, v: &Data| {
            let code = codes.and_then(|f| f.get(&(r, c))).map(String::as_str);
            match v {
                Data::Float(f) => numfmt::show(*f, code),
                Data::Int(i) => numfmt::show(*i as f64, code),
                _ => shown(v),
            }
        };
        let merges: Vec<[u32; 4]> = wb
            .merge_cells_by_sheet_name(&m.name)
            .unwrap_or_default()
            .iter()
            .map(corners)
            .collect();
        sheets.push(from_range(m, &range, Some(&merges), &mut budget, &shown_at));
    }
    Ok(Workbook {
        sheets,
        read_as: Some(msg!("sheet-read-as-xls")),
        replacements: 0,
    })
}

fn ods(path: &Path, bytes: &[u8], limits: Limits) -> Result<Workbook, Unreadable> {
    let scan = super::odsscan::checked(path, bytes)?;
    let mut wb: calamine::Ods<_> = calamine::Ods::new(Cursor::new(bytes))
        .map_err(|e| Unreadable::new(msg!("sheet-not-ods", detail = e.to_string()), resave()))?;
    let metas = wb.sheets_metadata().to_vec();
    let mut budget = limits.budget();
    let mut sheets = Vec::new();
    for (i, m) in worksheets(&metas).enumerate() {
        let range = wb
            .worksheet_range(&m.name)
            .map_err(|e| bad_sheet(&m.name, &e))?;
        let table = scan.tables.get(i);
        let shown_at = |r: u32, c: u32, v: &Data| match (v, table) {
            (Data::Float(f), Some(t)) => t
                .shown
                .get(&(r, c))
                .filter(|s| super::odsscan::shows(*f, s))
                .cloned()
                .unwrap_or_else(|| shown(v)),
            _ => shown(v),
        };
        let merges = table.map(|t| t.merges.as_slice());
        let mut sheet = from_range(m, &range, merges, &mut budget, &shown_at);
        sheet.hidden |= table.is_some_and(|t| t.hidden);
        sheets.push(sheet);
    }
    Ok(Workbook {
        sheets,
        read_as: Some(msg!("sheet-read-as-ods")),
        replacements: 0,
    })
}

/// A sheet calamine read whole; `shown` gives a cell's text at its (row, column).
fn from_range(
    m: &calamine::Sheet,
    range: &calamine::Range<Data>,
    merges: Option<&[[u32; 4]]>,
    budget: &mut Budget,
    shown: &dyn Fn(u32, u32, &Data) -> String,
) -> Sheet {
    let mut cells = Cells::new(*budget);
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, v) in range.used_cells() {
        let (r, c) = (r0 + r as u32, c0 + c as u32);
        cells.push(r, c, is_empty(v), || shown(r, c, v));
        if cells.stopped() {
            break;
        }
    }
    *budget = cells.left();
    cells.into_sheet(m.name.clone(), hidden(m), merges)
}

fn is_empty(v: &Data) -> bool {
    match v {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn is_empty_ref(v: &DataRef) -> bool {
    match v {
        DataRef::Empty => true,
        DataRef::String(s) => s.trim().is_empty(),
        DataRef::SharedString(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A cell's text as the sheet shows it, numbers in the General format (the callers know more:
/// calamine gives .xls and .ods number formats no further than "a date or not").
fn shown(v: &Data) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => numfmt::general(*f),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(dt) => excel_datetime(dt),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => iso_duration(s),
        Data::Error(e) => e.to_string(),
    }
}

/// As `shown`, for an .xlsx cell, under its number format code.
fn shown_ref(v: &DataRef, code: Option<&str>) -> String {
    match v {
        DataRef::SharedString(s) => s.to_string(),
        DataRef::String(s) => s.clone(),
        DataRef::Int(i) => numfmt::show(*i as f64, code),
        DataRef::Float(f) => numfmt::show(*f, code),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(dt) => excel_datetime(dt),
        DataRef::DateTimeIso(s) => iso_datetime(s),
        DataRef::DurationIso(s) => iso_duration(s),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.into()
}

/// A serial date: a date (with its time, if any); a time of day alone (serial < 1) or a
/// duration as h:mm.
fn excel_datetime(dt: &calamine::ExcelDateTime) -> String {
    let v = dt.as_f64();
    if dt.is_duration() || (0.0..1.0).contains(&v) {
        return shown_clock((v * 86_400.0).round() as i64);
    }
    match dt.as_datetime() {
        Some(d) => shown_datetime(d),
        None => numfmt::general(v),
    }
}

/// `2024-05-08` or `2024-05-08T14:30:00` (an .ods): the date as the site writes it.
fn iso_datetime(s: &str) -> String {
    use chrono::{NaiveDate, NaiveDateTime};
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return shown_datetime(d.and_hms_opt(0, 0, 0).unwrap_or_default());
    }
    let s2 = s.split('.').next().unwrap_or(s);
    match NaiveDateTime::parse_from_str(s2, "%Y-%m-%dT%H:%M:%S") {
        Ok(dt) => shown_datetime(dt),
        Err(_) => s.to_string(),
    }
}

/// `PT14H30M00S` (an .ods time or duration) → 14:30.
fn iso_duration(s: &str) -> String {
    let Some(rest) = s.strip_prefix("PT") else {
        return s.to_string();
    };
    let mut total = 0f64;
    let mut num = String::new();
    for c in rest.chars() {
        match c {
            'H' | 'M' | 'S' => {
                let Ok(n) = num.parse::<f64>() else {
                    return s.to_string();
                };
                total += n * match c {
                    'H' => 3600.0,
                    'M' => 60.0,
                    _ => 1.0,
                };
                num.clear();
            }
            c => num.push(c),
        }
    }
    shown_clock(total.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_show_as_the_site_writes_them() {
        assert_eq!(iso_datetime("2024-05-08"), "2024年5月8日");
        assert_eq!(iso_datetime("2024-05-08T14:30:00"), "2024年5月8日 14:30");
        assert_eq!(iso_duration("PT14H30M00S"), "14:30");
        let dt =
            calamine::ExcelDateTime::new(45420.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(excel_datetime(&dt), "2024年5月8日");
        let t = calamine::ExcelDateTime::new(0.5, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(excel_datetime(&t), "12:00");
    }
}
