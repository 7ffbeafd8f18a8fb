//! A .csv file as a sheet: decoded as import decodes a .txt (Excel in China saves .csv as GBK,
//! WPS as UTF-8 with a BOM), split by the csv crate (quotes, doubled quotes, line breaks in
//! quoted cells), with the delimiter Excel would have used: a comma, else a semicolon or a tab
//! when the first line holds those and no comma.

use super::{Cells, Limits, Sheet, Unreadable, Workbook};

pub(super) fn read(
    bytes: &[u8],
    limits: Limits,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Workbook, Unreadable> {
    let mut decoded = crate::import::encoding::decode(bytes, encoding);
    let text = std::mem::take(&mut decoded.text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut cells = Cells::new(limits.budget());
    let mut record = csv::StringRecord::new();
    let mut row = 0u32;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let m = crate::msg!("sheet-csv-bad-line", line = line, detail = e.to_string());
                return Err(Unreadable::new(m, crate::msg!("sheet-csv-hint")));
            }
        }
        for (col, field) in record.iter().enumerate() {
            let col = u32::try_from(col).unwrap_or(u32::MAX);
            cells.push(row, col, field.trim().is_empty(), || field.to_string());
        }
        if cells.stopped() {
            break;
        }
        row = row.saturating_add(1);
    }
    let sheet: Sheet = cells.into_sheet(String::new(), false, None);
    Ok(Workbook {
        sheets: vec![sheet],
        read_as: Some(crate::msg!("sheet-read-as-csv", how = decoded.read_as())),
        replacements: decoded.replacements,
    })
}

/// The delimiter of the first line outside quotes: a comma unless there is none and a
/// semicolon or tab is there.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let (mut comma, mut semi, mut tab) = (0, 0, 0);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    match (comma, semi, tab) {
        (0, s, t) if t > s => b'\t',
        (0, s, _) if s > 0 => b';',
        _ => b',',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        let wb = read(text.as_bytes(), super::super::IMPORT, None).unwrap();
        wb.sheets.into_iter().next().unwrap().rows
    }

    #[test]
    fn quotes_line_breaks_and_delimiters_are_read_as_excel_writes_them() {
        assert_eq!(
            rows("序号,问题,措施\n1,\"含,逗号\",\"两\n行\"\n2,\"说\"\"好\"\"\",\n"),
            vec![
                vec!["序号", "问题", "措施"],
                vec!["1", "含,逗号", "两\n行"],
                vec!["2", "说\"好\"", ""],
            ]
        );
        assert_eq!(
            rows("甲\t乙\n1\t2\n"),
            vec![vec!["甲", "乙"], vec!["1", "2"]]
        );
        assert_eq!(rows("甲;乙\n1;2\n"), vec![vec!["甲", "乙"], vec!["1", "2"]]);
        // Short rows are padded; trailing empty rows and columns go.
        assert_eq!(
            rows("a,b,c,,\nd\n,,,,\n\n"),
            vec![vec!["a", "b", "c"], vec!["d", "", ""]]
        );
    }

    #[test]
    fn a_gbk_file_is_decoded() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("问题清单,,\n序号,问题,责任单位\n1,学风不实,办公室\n");
        let wb = read(&gbk, super::super::IMPORT, None).unwrap();
        let read_as = wb.read_as.unwrap().text(crate::i18n::Lang::En);
        assert!(read_as.contains("gb18030"), "{read_as}");
        assert_eq!(wb.sheets[0].rows[2], vec!["1", "学风不实", "办公室"]);
    }
}
