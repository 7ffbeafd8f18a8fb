//! Where a ledger's parts stand in its grid. Chinese ledgers open with a title row (整改台账)
//! and often a line such as 填报单位：… merged across the table, then the header row (序号 |
//! 问题 | 整改措施 …), then the rows. Such a lead row is one text in its first column and
//! nothing else in the row, merged or not (a .csv or .ods says nothing of merges).

use super::Sheet;

/// At most this many lead rows: a title, a subtitle, a 填报 line.
const MAX_LEAD: usize = 3;

/// A sheet's grid read as a table.
#[derive(Debug, PartialEq)]
pub(crate) struct Layout<'a> {
    /// The texts of the rows above the table, each one cell merged across it.
    pub(crate) lead: Vec<&'a str>,
    /// The header row, then the body rows; every row as wide as `width`.
    pub(crate) header: Option<&'a [String]>,
    pub(crate) body: &'a [Vec<String>],
}

pub(crate) fn layout(sheet: &Sheet) -> Layout<'_> {
    let rows = &sheet.rows;
    let width = rows.first().map_or(0, Vec::len);
    let is_lead = |row: &[String]| {
        width >= 2 && !row[0].trim().is_empty() && row[1..].iter().all(|c| c.trim().is_empty())
    };
    // A lead row needs a header row after it: a sheet of one-cell rows is a list, not a title.
    let lead_count = rows
        .iter()
        .take(MAX_LEAD)
        .take_while(|r| is_lead(r))
        .count()
        .min(rows.len().saturating_sub(1));
    let lead = rows[..lead_count].iter().map(|r| r[0].as_str()).collect();
    let rest = &rows[lead_count..];
    Layout {
        lead,
        header: rest.first().map(Vec::as_slice),
        body: rest.get(1..).unwrap_or(&[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            ..Sheet::default()
        }
    }

    #[test]
    fn title_rows_stand_above_the_header() {
        let s = sheet(&[
            &["整改台账", "", ""],
            &["填报单位：办公室", "", ""],
            &["序号", "问题", "措施"],
            &["1", "学风", "整改"],
        ]);
        let l = layout(&s);
        assert_eq!(l.lead, vec!["整改台账", "填报单位：办公室"]);
        assert_eq!(l.header.unwrap()[1], "问题");
        assert_eq!(l.body.len(), 1);
        // No title: the first row is the header.
        let s = sheet(&[&["序号", "问题"], &["1", ""]]);
        let l = layout(&s);
        assert!(l.lead.is_empty());
        assert_eq!(l.header.unwrap()[0], "序号");
        // A one-column sheet, or rows of one cell only, have no title row.
        let s = sheet(&[&["甲"], &["乙"]]);
        assert!(layout(&s).lead.is_empty());
        let s = sheet(&[&["甲", ""], &["乙", ""]]);
        assert_eq!(layout(&s).lead, vec!["甲"]);
    }
}
