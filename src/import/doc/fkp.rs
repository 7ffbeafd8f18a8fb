//! Direct formatting ([MS-DOC] 2.4.6): the bin tables PlcBtePapx and PlcBteChpx name 512-byte
//! formatted disk pages (PapxFkp, ChpxFkp) in the WordDocument stream, each mapping ranges of
//! stream offsets to a paragraph's style and properties or a run's character properties.

use super::bytes::{plc, Bytes, Res};
use super::sprm;
use super::styles::Styles;
use std::collections::HashSet;

const PAGE: usize = 512;

/// A range of stream offsets with its formatting.
pub(crate) struct Runs<T> {
    /// (first offset, offset after the last, formatting), sorted.
    runs: Vec<(u32, u32, T)>,
}

impl<T> Default for Runs<T> {
    fn default() -> Self {
        Runs { runs: Vec::new() }
    }
}

impl<T> Runs<T> {
    /// The formatting of the byte at `fc`, if a run covers it.
    pub(crate) fn at(&self, fc: u32) -> Option<&T> {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        let r = self.runs.get(i.checked_sub(1)?)?;
        (fc < r.1).then_some(&r.2)
    }
}

/// A paragraph's direct formatting: its style and the sprms on top.
#[derive(Clone, Default)]
pub(crate) struct Papx {
    pub(crate) istd: u16,
    pub(crate) grpprl: Vec<u8>,
}

/// What the reader takes from a run's character properties.
#[derive(Clone, Copy, Default, PartialEq, Debug)]
pub(crate) struct Chp {
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    /// sprmCFVanish: hidden text.
    pub(crate) hidden: bool,
    /// sprmCFRMarkDel: a tracked deletion.
    pub(crate) deleted: bool,
    /// sprmCFSpec: a special character (picture, footnote mark, field character).
    pub(crate) special: bool,
}

impl Chp {
    /// A run's properties: its character style's (sprmCIstd), then its own sprms.
    fn of(grpprl: &[u8], styles: &Styles) -> Chp {
        let mut c = Chp::default();
        let istd = sprm::each(grpprl).find(|(s, _)| *s == sprm::C_ISTD);
        if let Some((_, &[a, b, ..])) = istd {
            c.apply(&styles.chpx(u16::from_le_bytes([a, b])));
        }
        c.apply(grpprl);
        c
    }

    fn apply(&mut self, grpprl: &[u8]) {
        let c = self;
        for (s, op) in sprm::each(grpprl) {
            match s {
                sprm::C_FBOLD => c.bold = sprm::toggle(op),
                sprm::C_FITALIC => c.italic = sprm::toggle(op),
                sprm::C_FVANISH => c.hidden = sprm::toggle(op),
                sprm::C_FRMARKDEL => c.deleted = sprm::toggle(op),
                sprm::C_FSPEC => c.special = sprm::toggle(op),
                _ => {}
            }
        }
    }
}

/// The FKPs a bin table names, each page read once (a hostile table may name one page many
/// times) and only pages inside the stream.
fn pages<'a>(doc: &Bytes<'a>, bte: &Bytes<'a>) -> Res<Vec<Bytes<'a>>> {
    let (_, pns) = plc(bte, 4)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for i in 0..pns.len() / 4 {
        let pn = (pns.u32(i * 4)? & 0x003F_FFFF) as usize;
        if seen.insert(pn) {
            out.push(doc.sub(pn * PAGE, PAGE, "a formatting page (FKP)")?);
        }
    }
    Ok(out)
}

/// The stream offsets of an FKP's runs (rgfc: crun+1 of them) and crun.
fn rgfc(page: &Bytes) -> Res<(Vec<u32>, usize)> {
    let crun = usize::from(page.u8(PAGE - 1)?);
    Ok((super::bytes::u32s(page, 0, crun + 1)?, crun))
}

pub(crate) fn papx(doc: &Bytes, bte: &Bytes) -> Res<Runs<Papx>> {
    let mut runs = Vec::new();
    for page in pages(doc, bte)? {
        let (fcs, crun) = rgfc(&page)?;
        for i in 0..crun {
            // BxPap: bOffset, then 12 reserved bytes.
            let off = usize::from(page.u8(4 * (crun + 1) + 13 * i)?) * 2;
            let p = if off == 0 {
                Papx::default()
            } else {
                papx_in_fkp(&page, off)?
            };
            runs.push((fcs[i], fcs[i + 1], p));
        }
    }
    runs.sort_by_key(|r| r.0);
    Ok(Runs { runs })
}

/// PapxInFkp: cb (or 0 and cb'), then GrpPrlAndIstd.
fn papx_in_fkp(page: &Bytes, off: usize) -> Res<Papx> {
    let cb = usize::from(page.u8(off)?);
    let (start, len) = if cb != 0 {
        (off + 1, 2 * cb - 1)
    } else {
        (off + 2, 2 * usize::from(page.u8(off + 1)?))
    };
    let b = page.sub(start, len, "a paragraph's properties (PAPX)")?;
    Ok(Papx {
        istd: b.u16(0)?,
        grpprl: b.data.get(2..).unwrap_or_default().to_vec(),
    })
}

pub(crate) fn chpx(doc: &Bytes, bte: &Bytes, styles: &Styles) -> Res<Runs<Chp>> {
    let mut runs = Vec::new();
    for page in pages(doc, bte)? {
        let (fcs, crun) = rgfc(&page)?;
        for i in 0..crun {
            let off = usize::from(page.u8(4 * (crun + 1) + i)?) * 2;
            let c = if off == 0 {
                Chp::default()
            } else {
                let cb = usize::from(page.u8(off)?);
                Chp::of(page.slice(off + 1, cb)?, styles)
            };
            runs.push((fcs[i], fcs[i + 1], c));
        }
    }
    runs.sort_by_key(|r| r.0);
    Ok(Runs { runs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_found_by_any_offset_inside_it() {
        let r = Runs {
            runs: vec![(10, 20, 'a'), (20, 30, 'b'), (40, 50, 'c')],
        };
        assert_eq!(r.at(10), Some(&'a'));
        assert_eq!(r.at(29), Some(&'b'));
        assert_eq!(r.at(35), None);
        assert_eq!(r.at(5), None);
        assert_eq!(r.at(u32::MAX), None);
    }

    #[test]
    fn character_toggles() {
        let c = Chp::of(
            &[0x3C, 0x08, 1, 0x35, 0x08, 0x81, 0x36, 0x08, 0],
            &Styles::default(),
        );
        assert!(c.hidden && c.bold && !c.italic);
    }
}
