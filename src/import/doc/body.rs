//! Paragraphs and tables of the main document ([MS-DOC] 2.4.3 Overview of Tables): a paragraph
//! ends at 0x0D; a table cell ends at 0x07 in a paragraph with sprmPFInTable, and a row at the
//! 0x07 of a paragraph with sprmPFTtp (the table terminating paragraph). Each paragraph gets
//! its kind from its style (title, heading N) and its number from the list it is in, so that
//! text::convert sees the number Word shows.

use super::fkp::{Papx, Runs};
use super::lists::{Label, Lists};
use super::sprm;
use super::styles::{Role, Styles};
use super::walk::{Mark, Walk};
use crate::import::text::{Block, Inline, Kind};

/// A paragraph's table and list properties: its style's, then its own sprms over them.
#[derive(Default)]
struct Para {
    istd: u16,
    in_table: bool,
    ttp: bool,
    itap: i32,
    ilfo: u16,
    ilvl: u8,
    /// A row's cell boundaries (sprmTDefTable's rgdxaCenter), on its terminating paragraph.
    centers: Vec<i16>,
}

fn para(papx: Option<&Papx>, styles: &Styles) -> Para {
    let empty = Papx::default();
    let papx = papx.unwrap_or(&empty);
    let u16_of = |op: &[u8]| op.get(..2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let mut p = Para {
        istd: papx.istd,
        ilfo: styles
            .sprm(papx.istd, sprm::P_ILFO)
            .and_then(|op| u16_of(&op))
            .unwrap_or(0),
        ilvl: styles
            .sprm(papx.istd, sprm::P_ILVL)
            .and_then(|op| op.first().copied())
            .unwrap_or(0),
        ..Para::default()
    };
    for (s, op) in sprm::each(&papx.grpprl) {
        let byte = op.first().copied().unwrap_or(0);
        match s {
            sprm::P_FINTABLE => p.in_table = byte != 0,
            sprm::P_FTTP => p.ttp = byte != 0,
            sprm::P_ITAP => {
                p.itap = op
                    .get(..4)
                    .map_or(0, |b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            }
            // Nested tables are read as text in their outer cell.
            sprm::P_FINNER_TTP | sprm::P_FINNER_CELL => p.itap = p.itap.max(2),
            sprm::P_ILFO => p.ilfo = u16_of(op).unwrap_or(0),
            sprm::P_ILVL => p.ilvl = byte,
            // TDefTableOperand: itcMac, then itcMac+1 boundaries.
            sprm::T_DEFTABLE => {
                let n = usize::from(byte) + 1;
                p.centers = op
                    .get(1..1 + 2 * n)
                    .unwrap_or_default()
                    .chunks_exact(2)
                    .map(|c| i16::from_le_bytes([c[0], c[1]]))
                    .collect();
            }
            _ => {}
        }
    }
    p.ilvl = p.ilvl.min(8);
    p
}

/// The blocks being built, with the table open at the moment.
#[derive(Default)]
pub(crate) struct Body {
    pub(crate) blocks: Vec<Block>,
    /// The rows so far, each with its cell boundaries.
    rows: Vec<(Vec<Vec<Inline>>, Vec<i16>)>,
    row: Vec<Vec<Inline>>,
    cell: Vec<Inline>,
    table_line: usize,
    n_para: usize,
}

/// Walks CPs `0..end` of the main document into blocks.
pub(crate) fn read(
    walk: &mut Walk,
    end: usize,
    papx: &Runs<Papx>,
    styles: &Styles,
    lists: &mut Lists,
) -> Body {
    let mut body = Body::default();
    for cp in 0..end {
        if let Some((mark, fc)) = walk.step(cp) {
            let p = para(papx.at(fc), styles);
            let mut inlines = walk.take();
            let label = match p.ilfo {
                0 => None,
                ilfo => lists.next(ilfo, p.ilvl),
            };
            if let Some(Label::Number(n)) = &label {
                inlines.insert(0, Inline::plain(n.trim_end()));
            }
            body.n_para += 1;
            if p.in_table || p.itap > 0 {
                body.in_table(mark, &p, inlines);
            } else {
                body.end_table();
                let kind = kind(styles.role(p.istd), &label, p.ilvl);
                body.blocks.push(Block::Para {
                    kind,
                    inlines,
                    line: body.n_para,
                });
            }
        }
    }
    // Text after the last mark (a file cut short) is kept too.
    let rest = walk.take();
    body.end_table();
    if !rest.is_empty() {
        body.blocks.push(Block::Para {
            kind: Kind::Normal,
            inlines: rest,
            line: body.n_para + 1,
        });
    }
    body
}

fn kind(role: Role, label: &Option<Label>, ilvl: u8) -> Kind {
    match (role, label) {
        (Role::Title, _) => Kind::Title,
        (Role::Heading(n), _) => Kind::Heading(n),
        (Role::Body, Some(Label::Bullet)) => Kind::Item {
            ordered: false,
            depth: usize::from(ilvl),
        },
        (Role::Body, _) => Kind::Normal,
    }
}

impl Body {
    fn in_table(&mut self, mark: Mark, p: &Para, inlines: Vec<Inline>) {
        // A Markdown table row is one line: breaks and paragraphs in a cell become spaces.
        let inlines: Vec<Inline> = inlines
            .into_iter()
            .map(|i| match i {
                Inline::Break => Inline::plain(" "),
                i => i,
            })
            .collect();
        if self.rows.is_empty() && self.row.is_empty() && self.cell.is_empty() {
            self.table_line = self.n_para;
        }
        let nested = p.itap > 1;
        if mark == Mark::Cell && p.ttp && !nested {
            // The row's end: its own paragraph holds no text.
            self.cell.extend(inlines);
            if !self.cell.is_empty() {
                self.row.push(std::mem::take(&mut self.cell));
            }
            let row = std::mem::take(&mut self.row);
            self.rows.push((row, p.centers.clone()));
            return;
        }
        if !self.cell.is_empty() && !inlines.is_empty() {
            self.cell.push(Inline::plain(" "));
        }
        self.cell.extend(inlines);
        if mark == Mark::Cell && !nested {
            self.row.push(std::mem::take(&mut self.cell));
        }
    }

    /// Closes the open table: a cell that spans several columns (a wider cell in its row)
    /// is followed by empty cells, and rows are padded to the widest, so that every cell stays
    /// in its column and none is cut off.
    fn end_table(&mut self) {
        if !self.cell.is_empty() {
            self.row.push(std::mem::take(&mut self.cell));
        }
        if !self.row.is_empty() {
            let row = std::mem::take(&mut self.row);
            self.rows.push((row, Vec::new()));
        }
        let rows = std::mem::take(&mut self.rows);
        let mut grid: Vec<i16> = rows.iter().flat_map(|r| r.1.iter().copied()).collect();
        grid.sort_unstable();
        grid.dedup();
        let mut rows: Vec<Vec<Vec<Inline>>> = rows
            .into_iter()
            .filter(|r| !r.0.is_empty())
            .map(|(cells, centers)| spread(cells, &centers, &grid))
            .collect();
        if rows.is_empty() {
            return;
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for r in &mut rows {
            r.resize_with(width, Vec::new);
        }
        self.blocks.push(Block::Table {
            rows,
            line: self.table_line,
        });
    }
}

/// A row's cells placed on the table's column grid: each followed by an empty cell for every
/// further column it spans. A row whose boundaries do not fit its cells is left as it is.
fn spread(cells: Vec<Vec<Inline>>, centers: &[i16], grid: &[i16]) -> Vec<Vec<Inline>> {
    if centers.len() != cells.len() + 1 || grid.len() > 64 {
        return cells;
    }
    let mut out = Vec::new();
    for (k, cell) in cells.into_iter().enumerate() {
        let (a, b) = (centers[k], centers[k + 1]);
        let span = grid.iter().filter(|&&g| a < g && g <= b).count().max(1);
        out.push(cell);
        out.extend(std::iter::repeat_with(Vec::new).take(span - 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_cell_is_followed_by_the_columns_it_spans() {
        let cell = |t: &str| vec![Inline::plain(t)];
        let grid = [0, 100, 200, 300];
        let row = spread(vec![cell("合并"), cell("丙")], &[0, 200, 300], &grid);
        assert_eq!(row, vec![cell("合并"), vec![], cell("丙")]);
        let odd = spread(vec![cell("甲")], &[0, 100, 200], &grid);
        assert_eq!(odd, vec![cell("甲")]);
    }
}
