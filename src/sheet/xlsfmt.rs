//! The number format of each number cell of an Excel 97–2003 (.xls, WPS .et) workbook, which
//! calamine reads but keeps only as "a date or not": a ledger's 完成率 would show 0.856. Read
//! from the BIFF8 records of the Workbook stream ([MS-XLS] 2.4): FORMAT (its code by id), XF
//! (the id each cell format uses), BOUNDSHEET8 (where each sheet's records start), and the
//! cells that hold numbers: NUMBER, RK, MULRK, FORMULA. Anything else, or a file this does not
//! understand (BIFF5, damage), leaves the numbers in the General format.

use std::collections::HashMap;
use std::io::Read;

/// Per sheet name: the format code of each number cell (row, column) that is not General.
pub(super) type Formats = HashMap<String, HashMap<(u32, u32), String>>;

pub(super) fn formats(bytes: &[u8]) -> Option<Formats> {
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).ok()?;
    let mut stream = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"))
        .ok()?;
    let mut data = Vec::new();
    stream.read_to_end(&mut data).ok()?;
    let globals = Globals::read(&data)?;
    let mut out = Formats::new();
    for (name, offset) in &globals.sheets {
        let cells = sheet_cells(&data, *offset, &globals);
        if !cells.is_empty() {
            out.insert(name.clone(), cells);
        }
    }
    Some(out)
}

/// One BIFF record: its type and data.
fn records(data: &[u8], from: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = from;
    std::iter::from_fn(move || {
        let head = data.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let body = data.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, body))
    })
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

/// What the workbook globals say: each XF's format code (None for General) and the sheets.
struct Globals {
    xf_codes: Vec<Option<String>>,
    sheets: Vec<(String, usize)>,
}

impl Globals {
    fn read(data: &[u8]) -> Option<Globals> {
        let mut codes: HashMap<u16, String> = HashMap::new();
        let mut xf_formats: Vec<u16> = Vec::new();
        let mut sheets = Vec::new();
        let mut biff8 = false;
        for (kind, body) in records(data, 0) {
            match kind {
                // BOF: the version must be BIFF8 (0x0600).
                0x0809 if !biff8 => biff8 = u16_at(body, 0)? == 0x0600,
                0x041E => {
                    let id = u16_at(body, 0)?;
                    codes.insert(id, unicode_string(body.get(2..)?, true)?);
                }
                0x00E0 => xf_formats.push(u16_at(body, 2)?),
                0x0085 => {
                    let offset = u32::from_le_bytes(body.get(0..4)?.try_into().ok()?) as usize;
                    sheets.push((unicode_string(body.get(6..)?, false)?, offset));
                }
                0x000A => break,
                _ => {}
            }
        }
        if !biff8 {
            return None;
        }
        let xf_codes = xf_formats
            .iter()
            .map(|id| {
                codes
                    .get(id)
                    .cloned()
                    .or_else(|| builtin(*id).map(str::to_string))
            })
            .map(|c| c.filter(|c| !c.eq_ignore_ascii_case("general")))
            .collect();
        Some(Globals { xf_codes, sheets })
    }
}

/// An XLUnicodeString (16-bit count) or ShortXLUnicodeString (8-bit count): the count, a flags
/// byte whose low bit says UTF-16LE (else one byte per character, Latin-1), the characters.
fn unicode_string(b: &[u8], long: bool) -> Option<String> {
    let (count, flags_at) = if long {
        (u16_at(b, 0)? as usize, 2)
    } else {
        (*b.first()? as usize, 1)
    };
    let wide = b.get(flags_at)? & 1 == 1;
    let chars = b.get(flags_at + 1..)?;
    if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(chars.iter().take(count).map(|&c| c as char).collect())
    }
}

/// The non-General format code of each number cell of the sheet whose BOF is at `offset`.
fn sheet_cells(data: &[u8], offset: usize, g: &Globals) -> HashMap<(u32, u32), String> {
    let mut out = HashMap::new();
    let code = |xf: u16| g.xf_codes.get(xf as usize).cloned().flatten();
    let mut put = |row: u16, col: u16, xf: u16| {
        if let Some(c) = code(xf) {
            out.insert((u32::from(row), u32::from(col)), c);
        }
    };
    // A chart inside the sheet is a substream of its own, BOF to EOF.
    let mut depth = 0usize;
    for (kind, b) in records(data, offset).skip(1) {
        match kind {
            0x0809 => depth += 1,
            0x000A if depth == 0 => break,
            0x000A => depth -= 1,
            _ if depth > 0 => {}
            // NUMBER, RK, FORMULA: row, column, XF.
            0x0203 | 0x027E | 0x0006 => {
                if let (Some(r), Some(c), Some(xf)) = (u16_at(b, 0), u16_at(b, 2), u16_at(b, 4)) {
                    put(r, c, xf);
                }
            }
            // MULRK: row, first column, then (XF, RK) pairs of 6 bytes, last column.
            0x00BD => {
                let (Some(r), Some(first)) = (u16_at(b, 0), u16_at(b, 2)) else {
                    continue;
                };
                let pairs = b.get(4..b.len().saturating_sub(2)).unwrap_or(&[]);
                for (k, p) in pairs.chunks_exact(6).enumerate() {
                    put(
                        r,
                        first.saturating_add(k as u16),
                        u16::from_le_bytes([p[0], p[1]]),
                    );
                }
            }
            _ => {}
        }
    }
    out
}

/// The built-in number formats [MS-XLS] 2.4.126 that show numbers (dates are calamine's).
fn builtin(id: u16) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "\"$\"#,##0_);(\"$\"#,##0)",
        6 => "\"$\"#,##0_);[Red](\"$\"#,##0)",
        7 => "\"$\"#,##0.00_);(\"$\"#,##0.00)",
        8 => "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        37 => "#,##0_);(#,##0)",
        38 => "#,##0_);[Red](#,##0)",
        39 => "#,##0.00_);(#,##0.00)",
        40 => "#,##0.00_);[Red](#,##0.00)",
        48 => "##0.0E+0",
        _ => return None,
    })
}
