//! Property modifiers ([MS-DOC] 2.2.5 Sprm): a grpprl is a run of (sprm, operand) pairs whose
//! operand size follows from the sprm's spra bits. Only the few the reader needs are named.

/// Paragraph sprms.
pub(crate) const P_ILVL: u16 = 0x260A;
pub(crate) const P_ILFO: u16 = 0x460B;
pub(crate) const P_FINTABLE: u16 = 0x2416;
pub(crate) const P_FTTP: u16 = 0x2417;
pub(crate) const P_OUTLVL: u16 = 0x2640;
pub(crate) const P_ITAP: u16 = 0x6649;
pub(crate) const P_FINNER_TTP: u16 = 0x244C;
pub(crate) const P_FINNER_CELL: u16 = 0x244B;
/// Character sprms.
pub(crate) const C_FRMARKDEL: u16 = 0x0800;
pub(crate) const C_FBOLD: u16 = 0x0835;
pub(crate) const C_FITALIC: u16 = 0x0836;
pub(crate) const C_FVANISH: u16 = 0x083C;
pub(crate) const C_FSPEC: u16 = 0x0855;
pub(crate) const C_ISTD: u16 = 0x4A30;
/// The two sprms whose operand size is not in their first byte.
pub(crate) const T_DEFTABLE: u16 = 0xD608;
const P_CHGTABS: u16 = 0xC615;

/// The (sprm, operand) pairs of a grpprl; a pair cut short ends the list.
pub(crate) fn each(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let head = grpprl.get(at..at + 2)?;
        let sprm = u16::from_le_bytes([head[0], head[1]]);
        let (skip, len) = operand_size(sprm, &grpprl[at + 2..])?;
        let start = at + 2 + skip;
        let op = grpprl.get(start..start.checked_add(len)?)?;
        at = start + len;
        Some((sprm, op))
    })
}

/// (bytes before the operand, operand length) for a sprm, given what follows it.
fn operand_size(sprm: u16, rest: &[u8]) -> Option<(usize, usize)> {
    Some(match sprm >> 13 {
        0 | 1 => (0, 1),
        2 | 4 | 5 => (0, 2),
        3 => (0, 4),
        7 => (0, 3),
        _ => match sprm {
            T_DEFTABLE => {
                let cb = u16::from_le_bytes([*rest.first()?, *rest.get(1)?]);
                (2, usize::from(cb).saturating_sub(1))
            }
            P_CHGTABS if *rest.first()? == 255 => {
                // PChgTabsDelClose then PChgTabsAdd, each counted by its first byte.
                let del = usize::from(*rest.get(1)?);
                let add = usize::from(*rest.get(2 + 4 * del)?);
                (1, 1 + 4 * del + 1 + 3 * add)
            }
            _ => (1, usize::from(*rest.first()?)),
        },
    })
}

/// A toggle's operand ([MS-DOC] 2.9.345 ToggleOperand): 1 and 0x81 (the opposite of the
/// style, whose character properties the reader does not follow) are on.
pub(crate) fn toggle(op: &[u8]) -> bool {
    matches!(op.first(), Some(1 | 0x81))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operands_are_sized_by_spra() {
        // sprmPIlvl (1 byte), sprmPIlfo (2), sprmPItap (4), a variable one of 3, then junk.
        let g = [
            0x0A, 0x26, 3, 0x0B, 0x46, 2, 0, 0x49, 0x66, 1, 0, 0, 0, 0x00, 0xC6, 2, 9, 9, 0x35,
        ];
        let got: Vec<_> = each(&g).collect();
        assert_eq!(
            got,
            vec![
                (P_ILVL, &[3u8][..]),
                (P_ILFO, &[2, 0][..]),
                (P_ITAP, &[1, 0, 0, 0][..]),
                (0xC600, &[9, 9][..]),
            ]
        );
        assert_eq!(each(&[0x08, 0xD6, 0xFF]).count(), 0);
    }
}
