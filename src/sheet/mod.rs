//! Spreadsheets (.xlsx, .xls, WPS .et, .ods) and .csv files as grids of the text a person sees
//! in their cells: dates as dates, numbers under their number format, merged ranges known. One
//! reader for `huibian import` (a ledger becomes a document) and for pages (a linked sheet is
//! shown as a table), so a cell reads the same in both. A leaf: it reads files and knows
//! nothing of documents. Bounded: a file over `Limits::bytes` is not opened, and at most
//! `Limits::cells` cells are kept; the rows past them are counted, not held.

mod csvread;
mod layout;
pub(crate) mod numfmt;
mod odsscan;
mod office;
mod xlsfmt;

use crate::i18n::Msg;
use crate::msg;
pub(crate) use layout::{layout, Layout};
use std::path::Path;

/// A workbook, or a .csv file as a workbook of one sheet.
#[derive(Debug, Default)]
pub(crate) struct Workbook {
    pub(crate) sheets: Vec<Sheet>,
    /// How it was read, for import's report: "Excel 2007+ (xlsx)", "CSV, GB18030 (detected)".
    pub(crate) read_as: Option<Msg>,
    /// Characters of a .csv that could not be decoded (each shows as U+FFFD).
    pub(crate) replacements: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Sheet {
    pub(crate) name: String,
    /// Hidden in the workbook (a lookup list, most often).
    pub(crate) hidden: bool,
    /// The shown text of each cell, every row as wide as the widest; leading and trailing empty
    /// rows and columns are not in it.
    pub(crate) rows: Vec<Vec<String>>,
    /// Merged ranges in `rows`' coordinates; None where the format does not say (.csv, .ods).
    pub(crate) merges: Option<Vec<Merge>>,
    /// Rows and columns of the sheet past those kept (cut at the limit); reading stops at the
    /// cut, so a count of rows is "at least".
    pub(crate) rows_cut: usize,
    pub(crate) cols_cut: usize,
    /// Where `rows[0][0]` stands in the sheet (row, column from 0), to name a cell as Excel does.
    pub(crate) origin: (u32, u32),
}

impl Sheet {
    /// `C5`: the name Excel gives the cell at `rows[row][col]`.
    pub(crate) fn cell_name(&self, row: usize, col: usize) -> String {
        let mut c = self.origin.1 as usize + col + 1;
        let mut letters = Vec::new();
        while c > 0 {
            letters.push(b'A' + ((c - 1) % 26) as u8);
            c = (c - 1) / 26;
        }
        letters.reverse();
        format!(
            "{}{}",
            String::from_utf8_lossy(&letters),
            self.origin.0 as usize + row + 1
        )
    }
}

/// A merged range, inclusive: its value stands in its top-left cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub(crate) top: usize,
    pub(crate) left: usize,
    pub(crate) bottom: usize,
    pub(crate) right: usize,
}

/// How much of a file is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// A larger file is not opened at all.
    pub(crate) bytes: u64,
    /// Non-empty cells kept, over every sheet of the workbook.
    pub(crate) cells: usize,
    /// Bytes of text kept, over every sheet (a cell may hold a whole report).
    pub(crate) text: usize,
}

impl Limits {
    fn budget(self) -> Budget {
        Budget {
            cells: self.cells,
            bytes: self.text,
        }
    }
}

/// What may still be kept of a workbook.
#[derive(Debug, Clone, Copy)]
struct Budget {
    cells: usize,
    bytes: usize,
}

/// A sheet shown in a page: a ledger of a few hundred rows, with room to spare; past this a
/// page would be too long to read and the download link is the better way in.
pub(crate) const PAGE: Limits = Limits {
    bytes: 32 << 20,
    cells: 20_000,
    text: 2 << 20,
};

/// A ledger imported as a document: all of it, or an error (import loses nothing).
pub(crate) const IMPORT: Limits = Limits {
    bytes: 64 << 20,
    cells: 1_000_000,
    text: 64 << 20,
};

/// Why a file gives no grid.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unreadable {
    pub(crate) message: Msg,
    pub(crate) hint: Msg,
    /// Over `Limits::bytes`: not a fault of the file.
    pub(crate) too_large: bool,
}

impl Unreadable {
    pub(crate) fn new(message: Msg, hint: Msg) -> Unreadable {
        Unreadable {
            message,
            hint,
            too_large: false,
        }
    }
}

/// The extensions read as spreadsheets.
pub(crate) const EXTENSIONS: &[&str] = &["xlsx", "xls", "et", "ods", "csv"];

/// Is `name` (a path or a link) a spreadsheet or .csv file by its extension?
pub(crate) fn is_sheet_name(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// Reads the file at `path` (a .csv decoded as `encoding` if given, else detected).
pub(crate) fn read(
    path: &Path,
    limits: Limits,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Workbook, Unreadable> {
    let len = std::fs::metadata(path)
        .map_err(|e| {
            let m = msg!("sheet-cannot-read", why = crate::fsio::why(&e));
            Unreadable::new(m, msg!("sheet-check-path-hint"))
        })?
        .len();
    if len > limits.bytes {
        let (mb, max) = (len >> 20, limits.bytes >> 20);
        return Err(Unreadable {
            message: msg!("sheet-too-large", mb = mb, max = max),
            hint: msg!("sheet-too-large-hint"),
            too_large: true,
        });
    }
    let bytes = crate::fsio::read_bytes(path)
        .map_err(|d| Unreadable::new(d.message_tr(), msg!("sheet-permissions-hint")))?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        return csvread::read(&bytes, limits, encoding);
    }
    office::read(path, &bytes, limits)
}

/// Non-empty cells as they are read, kept up to a budget; a row the budget ran out in is left
/// out whole (no row is shown half), and the reader stops there (`stopped`).
struct Cells {
    kept: Vec<(u32, u32, String)>,
    budget: Budget,
    bytes: usize,
    /// The row of the first cell not kept, and the last row seen at all.
    cut_at: Option<u32>,
    last_row: u32,
}

impl Cells {
    fn new(budget: Budget) -> Cells {
        Cells {
            kept: Vec::new(),
            budget,
            bytes: 0,
            cut_at: None,
            last_row: 0,
        }
    }

    /// A cell at (`row`, `col`), `empty` or not: `text` is asked only for a cell that will be
    /// kept.
    fn push(&mut self, row: u32, col: u32, empty: bool, text: impl FnOnce() -> String) {
        if empty {
            return;
        }
        self.last_row = self.last_row.max(row);
        if self.cut_at.is_some() {
            return;
        }
        let t = if self.kept.len() < self.budget.cells {
            text()
        } else {
            String::new()
        };
        if self.kept.len() >= self.budget.cells || self.bytes + t.len() > self.budget.bytes {
            self.cut_at = Some(row);
            self.kept.retain(|(r, _, _)| *r < row);
            self.bytes = self.kept.iter().map(|c| c.2.len()).sum();
            return;
        }
        if !t.trim().is_empty() {
            self.bytes += t.len();
            self.kept.push((row, col, t));
        }
    }

    /// The budget ran out: read no further.
    fn stopped(&self) -> bool {
        self.cut_at.is_some()
    }

    /// What the workbook's later sheets may still keep.
    fn left(&self) -> Budget {
        Budget {
            cells: self.budget.cells.saturating_sub(self.kept.len()),
            bytes: self.budget.bytes.saturating_sub(self.bytes),
        }
    }

    /// The grid, leading and trailing empty rows and columns dropped; `merges` are absolute
    /// (top, left, bottom, right).
    fn into_sheet(self, name: String, hidden: bool, merges: Option<&[[u32; 4]]>) -> Sheet {
        let Cells {
            kept,
            cut_at,
            last_row,
            ..
        } = self;
        let mut sheet = Sheet {
            name,
            hidden,
            ..Sheet::default()
        };
        let (Some(top), Some(left)) = (
            kept.iter().map(|c| c.0).min(),
            kept.iter().map(|c| c.1).min(),
        ) else {
            sheet.rows_cut = cut_at.map_or(0, |c| (last_row - c) as usize + 1);
            return sheet;
        };
        let bottom = kept.iter().map(|c| c.0).max().unwrap_or(top);
        let right = kept.iter().map(|c| c.1).max().unwrap_or(left);
        let mut width = (right - left) as usize + 1;
        let mut height = (bottom - top) as usize + 1;
        // Cells far apart (A1 and XFD1048576) would make a grid of empty strings: the kept cells
        // bound its size too.
        let room = self.budget.cells.max(1);
        if width > room {
            sheet.cols_cut = width - room;
            width = room;
        }
        if width * height > room {
            let keep = (room / width).max(1);
            sheet.rows_cut += height - keep;
            height = keep;
        }
        if let Some(c) = cut_at {
            sheet.rows_cut += (last_row - c) as usize + 1;
        }
        sheet.origin = (top, left);
        let mut rows = vec![vec![String::new(); width]; height];
        for (r, c, t) in kept {
            let (r, c) = ((r - top) as usize, (c - left) as usize);
            if r < height && c < width {
                rows[r][c] = t;
            }
        }
        let merges: Option<Vec<Merge>> = merges.map(|ms| {
            ms.iter()
                .filter(|m| m[2] >= top && m[3] >= left)
                .map(|m| Merge {
                    top: m[0].saturating_sub(top) as usize,
                    left: m[1].saturating_sub(left) as usize,
                    bottom: ((m[2] - top) as usize).min(height - 1),
                    right: ((m[3] - left) as usize).min(width - 1),
                })
                .filter(|m| m.top < height && m.left < width)
                .collect()
        });
        // What a merged range covers is not shown (Excel keeps only the top-left value).
        for m in merges.iter().flatten() {
            for (r, row) in rows.iter_mut().enumerate().take(m.bottom + 1).skip(m.top) {
                for (c, cell) in row.iter_mut().enumerate().take(m.right + 1).skip(m.left) {
                    if (r, c) != (m.top, m.left) {
                        cell.clear();
                    }
                }
            }
        }
        sheet.rows = rows;
        sheet.merges = merges;
        sheet
    }
}

/// A date (and time, when it has one) as the site writes dates: 2024年5月8日, 2024年5月8日 14:30.
fn shown_datetime(dt: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let date = crate::zh::date(dt.year(), dt.month(), dt.day());
    match (dt.hour(), dt.minute(), dt.second()) {
        (0, 0, 0) => date,
        (h, m, 0) => format!("{date} {h}:{m:02}"),
        (h, m, s) => format!("{date} {h}:{m:02}:{s:02}"),
    }
}

/// A time of day or a duration: 14:30, 14:30:05, 36:00.
fn shown_clock(total_seconds: i64) -> String {
    let (sign, t) = if total_seconds < 0 {
        ("-", -total_seconds)
    } else {
        ("", total_seconds)
    };
    let (h, m, s) = (t / 3600, t / 60 % 60, t % 60);
    if s == 0 {
        format!("{sign}{h}:{m:02}")
    } else {
        format!("{sign}{h}:{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_whole_rows_within_the_budget_and_count_the_rest() {
        let mut cells = Cells::new(Budget {
            cells: 5,
            bytes: 1000,
        });
        for r in 0..10u32 {
            for c in 0..2u32 {
                cells.push(r + 3, c + 1, false, || format!("{r}-{c}"));
                cells.push(r + 3, c + 5, true, String::new);
            }
        }
        let s = cells.into_sheet("表".into(), false, None);
        // 5 cells fit: rows 0 and 1 whole, row 2 had one cell kept and is left out whole.
        assert_eq!(s.rows, vec![vec!["0-0", "0-1"], vec!["1-0", "1-1"]]);
        assert_eq!(s.rows_cut, 8);
    }

    #[test]
    fn a_cell_holding_a_whole_report_counts_against_the_text_budget() {
        let mut cells = Cells::new(Budget {
            cells: 100,
            bytes: 1000,
        });
        cells.push(0, 0, false, || "短".into());
        cells.push(1, 0, false, || "长".repeat(1000));
        cells.push(2, 0, false, || "后".into());
        let s = cells.into_sheet("表".into(), false, None);
        assert_eq!(s.rows, vec![vec!["短"]]);
        assert_eq!(s.rows_cut, 2);
    }

    #[test]
    fn far_apart_cells_make_no_huge_grid() {
        let mut cells = Cells::new(Budget {
            cells: 100,
            bytes: 1000,
        });
        cells.push(0, 0, false, || "起".into());
        cells.push(1_048_575, 16_383, false, || "止".into());
        let s = cells.into_sheet("表".into(), false, None);
        assert!(s.rows.len() * s.rows[0].len() <= 100, "{}", s.rows.len());
        assert!(s.cols_cut > 0 && s.rows_cut > 0);
    }
}
