//! The document's characters through the piece table ([MS-DOC] 2.4.1 Retrieving Text): the
//! Clx in the table stream holds Prcs (skipped) and a Pcdt whose PlcPcd maps character
//! positions (CPs) to pieces of the WordDocument stream. A piece is 8-bit (fCompressed: cp1252
//! with the exceptions of 2.4.1, which are cp1252's own letters in 0x80–0x9F) or UTF-16LE —
//! where Chinese text lives.

use super::bytes::{damaged, plc, Bytes, Damaged, Res};

/// The characters from CP 0 up to the CP asked for, as UTF-16 code units (one per CP), each
/// with the byte offset in the WordDocument stream where it is stored (what the formatting
/// tables are keyed by).
pub(crate) struct Chars {
    pub(crate) units: Vec<u16>,
    pub(crate) fcs: Vec<u32>,
}

/// The PlcPcd inside the Clx ([MS-DOC] 2.9.38).
fn plc_pcd<'a>(clx: &Bytes<'a>) -> Res<Bytes<'a>> {
    let mut at = 0;
    loop {
        match clx.u8(at)? {
            // Prc: clxt, cbGrpprl (i16), GrpPrl.
            0x01 => {
                let cb = clx.u16(at + 1)? as i16;
                if cb < 0 {
                    return damaged("its piece table has a property list of negative size");
                }
                at += 3 + cb as usize;
            }
            // Pcdt: clxt, lcb, PlcPcd.
            0x02 => {
                let lcb = clx.u32(at + 1)? as usize;
                return clx.sub(at + 5, lcb, "the piece table (PlcPcd)");
            }
            other => {
                return damaged(format!(
                    "its piece table starts with an unknown mark {other:#04x}"
                ))
            }
        }
    }
}

/// Reads CPs `0..wanted` of the text.
pub(crate) fn read(doc: &Bytes, clx: &Bytes, wanted: u32) -> Res<Chars> {
    // Every character takes at least one byte of the stream: more claimed is a lie.
    if wanted as usize > doc.len() {
        return damaged("it claims more text than the file holds");
    }
    let (cps, pcds) = plc(&plc_pcd(clx)?, 8)?;
    let mut out = Chars {
        units: Vec::with_capacity(wanted as usize),
        fcs: Vec::with_capacity(wanted as usize),
    };
    for (i, pair) in cps.windows(2).enumerate() {
        if out.units.len() >= wanted as usize {
            break;
        }
        let (start, end) = (pair[0], pair[1]);
        if start as usize != out.units.len() || end < start {
            return damaged("its pieces of text are out of order");
        }
        let fc_raw = pcds.u32(i * 8 + 2)?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = fc_raw & 0x3FFF_FFFF;
        let n = (end - start).min(wanted - start) as usize;
        if compressed {
            let at = fc as usize / 2;
            let bytes = doc.slice(at, n)?;
            for (k, &b) in bytes.iter().enumerate() {
                out.units.push(cp1252(b));
                out.fcs.push((at + k) as u32);
            }
        } else {
            let bytes = doc.slice(
                fc as usize,
                n.checked_mul(2).ok_or(Damaged("overflow".into()))?,
            )?;
            for (k, c) in bytes.chunks_exact(2).enumerate() {
                out.units.push(u16::from_le_bytes([c[0], c[1]]));
                out.fcs.push(fc + 2 * k as u32);
            }
        }
    }
    if out.units.len() < wanted as usize {
        return damaged("its text is shorter than its header says");
    }
    Ok(out)
}

/// An 8-bit piece's byte as the character it stands for.
fn cp1252(b: u8) -> u16 {
    let mut out = [0u16; 2];
    let (_, _, _) = encoding_rs::WINDOWS_1252
        .new_decoder_without_bom_handling()
        .decode_to_utf16_without_replacement(&[b], &mut out, true);
    out[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bit_pieces_are_cp1252() {
        assert_eq!(cp1252(b'A'), u16::from(b'A'));
        assert_eq!(cp1252(0x93), 0x201C);
        assert_eq!(cp1252(0x80), 0x20AC);
        assert_eq!(cp1252(0xE9), 0x00E9);
    }

    /// A Clx of one Prc and one Pcdt with two pieces: 8-bit "Ab", then UTF-16 "中".
    #[test]
    fn pieces_are_joined_in_cp_order() {
        let mut doc = vec![0u8; 16];
        doc[0] = b'A';
        doc[1] = b'b';
        doc[8..10].copy_from_slice(&0x4E2Du16.to_le_bytes());
        let mut clx = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
        let mut plc = Vec::new();
        for cp in [0u32, 2, 3] {
            plc.extend(cp.to_le_bytes());
        }
        for fc in [0x4000_0000u32, 8] {
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0, 0]);
        }
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(plc);
        let c = read(&Bytes::new(&doc, "doc"), &Bytes::new(&clx, "clx"), 3).unwrap();
        assert_eq!(String::from_utf16(&c.units).unwrap(), "Ab中");
        assert_eq!(c.fcs, vec![0, 1, 8]);
        assert!(read(&Bytes::new(&doc, "doc"), &Bytes::new(&clx, "clx"), 4).is_err());
    }
}
