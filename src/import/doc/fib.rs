//! The File Information Block ([MS-DOC] 2.5.1) at the start of the WordDocument stream: the
//! flags that decide whether the file can be read at all, the text lengths of the main
//! document and the footnotes, and where in the table stream each structure lies.

use super::bytes::{damaged, Bytes, Res};

/// Why a Word 95 file is refused: said to the user in their language, not as damage.
pub(super) const WORD95: &str =
    "it was saved by Word 95 or older, whose format huibian does not read";

/// FibBase.wIdent of a Word binary document.
const W_IDENT: u16 = 0xA5EC;
/// nFib of Word 97; older versions (Word 6/95) have another layout.
const NFIB_WORD97: u16 = 0x00C1;

/// Indices of the (fc, lcb) pairs in FibRgFcLcb97 ([MS-DOC] 2.5.6) that the reader uses.
#[derive(Clone, Copy)]
pub(crate) enum Pair {
    Stshf = 1,
    PlcffndRef = 2,
    PlcffndTxt = 3,
    PlcfBteChpx = 12,
    PlcfBtePapx = 13,
    Clx = 33,
    PlfLst = 73,
    PlfLfo = 74,
}

pub(crate) struct Fib {
    /// FibBase.fEncrypted: encrypted or obfuscated with a password.
    pub(crate) encrypted: bool,
    /// FibBase.fWhichTblStm: the table stream is 1Table (else 0Table).
    pub(crate) table_1: bool,
    /// FibRgLw97.ccpText: characters of the main document.
    pub(crate) ccp_text: u32,
    /// FibRgLw97.ccpFtn: characters of the footnote subdocument, which follows the main text.
    pub(crate) ccp_ftn: u32,
    /// Characters of the subdocuments the reader does not import: comments, endnotes and
    /// text boxes (said in the report).
    pub(crate) ccp_atn: u32,
    pub(crate) ccp_edn: u32,
    pub(crate) ccp_txbx: u32,
    pairs: Vec<(u32, u32)>,
}

impl Fib {
    pub(crate) fn read(doc: &Bytes) -> Res<Fib> {
        if doc.u16(0)? != W_IDENT {
            return damaged("its WordDocument stream does not start as a Word document does");
        }
        let nfib = doc.u16(2)?;
        let flags = doc.u16(10)?;
        let encrypted = flags & 0x0100 != 0;
        let table_1 = flags & 0x0200 != 0;
        // The variable parts in order: csw·FibRgW97, cslw·FibRgLw97, cbRgFcLcb·FibRgFcLcbBlob.
        let csw = usize::from(doc.u16(32)?);
        let lw = 32 + 2 + csw * 2;
        let cslw = usize::from(doc.u16(lw)?);
        let rg_lw = lw + 2;
        let blob = rg_lw + cslw * 4;
        let cb_rg_fc_lcb = usize::from(doc.u16(blob)?);
        if nfib < NFIB_WORD97 && !encrypted {
            return damaged(WORD95);
        }
        if cslw < 11 {
            return damaged("its File Information Block is too short");
        }
        let ccp_text = doc.u32(rg_lw + 12)?;
        let ccp_ftn = doc.u32(rg_lw + 16)?;
        let (ccp_atn, ccp_edn, ccp_txbx) = (
            doc.u32(rg_lw + 28)?,
            doc.u32(rg_lw + 32)?,
            doc.u32(rg_lw + 36)?,
        );
        let mut pairs = Vec::with_capacity(cb_rg_fc_lcb);
        for i in 0..cb_rg_fc_lcb {
            let at = blob + 2 + i * 8;
            // A FIB cut short keeps the pairs it has; the rest read as absent.
            match (doc.u32(at), doc.u32(at + 4)) {
                (Ok(fc), Ok(lcb)) => pairs.push((fc, lcb)),
                _ => break,
            }
        }
        Ok(Fib {
            encrypted,
            table_1,
            ccp_text,
            ccp_ftn,
            ccp_atn,
            ccp_edn,
            ccp_txbx,
            pairs,
        })
    }

    /// The table-stream bytes of a structure; `None` if the file has none (lcb 0 or absent).
    pub(crate) fn part<'a>(
        &self,
        table: &Bytes<'a>,
        pair: Pair,
        what: &'static str,
    ) -> Res<Option<Bytes<'a>>> {
        match self.pairs.get(pair as usize) {
            Some(&(_, 0)) | None => Ok(None),
            Some(&(fc, lcb)) => table.sub(fc as usize, lcb as usize, what).map(Some),
        }
    }

    /// Where a structure starts in the table stream, if the file has it (for the list
    /// levels, which follow PlfLst outside its declared size).
    pub(crate) fn start(&self, pair: Pair) -> Option<usize> {
        match self.pairs.get(pair as usize) {
            Some(&(_, 0)) | None => None,
            Some(&(fc, _)) => Some(fc as usize),
        }
    }
}
