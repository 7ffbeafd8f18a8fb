//! Word 97–2003 (.doc) and WPS Office (.wps) documents as paragraphs: the compound file opened
//! with the `cfb` crate, then the Word binary structures of [MS-DOC] read here — the FIB, the
//! piece table, paragraph and character formatting, styles, list numbering, tables, footnotes
//! and fields — into the same blocks as a .docx, so text::convert applies its rules to both.
//! Encrypted files and files with macros are refused; no offset in the file is trusted.

mod body;
mod bytes;
mod fib;
mod fkp;
mod lists;
mod pieces;
mod sprm;
mod styles;
mod walk;

use super::docx::Docx;
use crate::diag::Diagnostic;
use crate::i18n::Msg;
use crate::msg;
use bytes::{damaged, Bytes, Res};
use fib::{Fib, Pair};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// The hint for a file WPS or Word can still open.
fn resave() -> Msg {
    msg!("doc-resave-hint")
}

/// Reads the .doc or .wps at `file` (its bytes already read).
pub(crate) fn read(file: &Path, bytes: &[u8]) -> Result<Docx, Diagnostic> {
    let mut cf = match cfb::CompoundFile::open(std::io::Cursor::new(bytes)) {
        Ok(cf) => cf,
        Err(e) => return Err(not_compound(file, bytes, &e.to_string())),
    };
    if has_macros(&cf) {
        return Err(Diagnostic::tr(file, msg!("doc-macros")).hint_tr(msg!("doc-macros-hint")));
    }
    if !cf.is_stream("/WordDocument") {
        return Err(Diagnostic::tr(file, msg!("doc-no-stream")).hint_tr(resave()));
    }
    let doc = stream(&mut cf, "/WordDocument", bytes.len()).map_err(|e| {
        Diagnostic::tr(file, msg!("doc-cannot-read-text", detail = e.to_string())).hint_tr(resave())
    })?;
    let fib =
        Fib::read(&Bytes::new(&doc, "the WordDocument stream")).map_err(|d| broken(file, d))?;
    if fib.encrypted {
        return Err(Diagnostic::tr(file, msg!("doc-encrypted")).hint_tr(msg!("doc-encrypted-hint")));
    }
    let name = if fib.table_1 { "/1Table" } else { "/0Table" };
    let table = stream(&mut cf, name, bytes.len()).map_err(|e| {
        Diagnostic::tr(file, msg!("doc-cannot-read-table", detail = e.to_string()))
            .hint_tr(resave())
    })?;
    from_streams(&doc, &table).map_err(|d| broken(file, d))
}

/// The document from its two streams (WordDocument and the table stream).
fn from_streams(doc: &[u8], table: &[u8]) -> Res<Docx> {
    let doc = Bytes::new(doc, "the WordDocument stream");
    let table = Bytes::new(table, "the table stream");
    parse(&Fib::read(&doc)?, &doc, &table)
}

fn broken(file: &Path, d: bytes::Damaged) -> Diagnostic {
    if d.0 == fib::WORD95 {
        return Diagnostic::tr(file, msg!("doc-word95")).hint_tr(resave());
    }
    Diagnostic::tr(file, msg!("doc-damaged", detail = d.0)).hint_tr(resave())
}

/// Why a file named .doc/.wps is not a compound file, guessing what it really is.
fn not_compound(file: &Path, bytes: &[u8], err: &str) -> Diagnostic {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let (what, hint) = if head.starts_with("{\\rtf") {
        (msg!("doc-is-rtf"), msg!("doc-is-rtf-hint"))
    } else if bytes.starts_with(b"PK") {
        (msg!("doc-is-zip"), msg!("doc-is-zip-hint"))
    } else if head.starts_with('<') || head.starts_with("mime-version") {
        (msg!("doc-is-html"), resave())
    } else {
        return Diagnostic::tr(file, msg!("doc-not-compound", detail = err)).hint_tr(resave());
    };
    Diagnostic::tr(file, msg!("doc-not-doc", what = what)).hint_tr(hint)
}

/// A `Macros` storage (Word's VBA project) or any VBA storage in the file.
fn has_macros<F: Read + std::io::Seek>(cf: &cfb::CompoundFile<F>) -> bool {
    cf.walk().any(|e| {
        let n = e.name().to_ascii_lowercase();
        (e.is_storage() && (n == "macros" || n == "vba" || n == "_vba_project_cur"))
            || n == "_vba_project"
    })
}

/// A stream's bytes, never more than `cap` (a stream longer than the file is a lie).
fn stream<F: Read + std::io::Seek>(
    cf: &mut cfb::CompoundFile<F>,
    name: &str,
    cap: usize,
) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    cf.open_stream(name)?
        .take(cap as u64)
        .read_to_end(&mut out)?;
    Ok(out)
}

fn parse(fib: &Fib, doc: &Bytes, table: &Bytes) -> Res<Docx> {
    let Some(clx) = fib.part(table, Pair::Clx, "the piece table (Clx)")? else {
        return damaged("it has no piece table");
    };
    let wanted = fib
        .ccp_text
        .checked_add(fib.ccp_ftn)
        .ok_or(bytes::Damaged("its text lengths overflow".into()))?;
    let chars = pieces::read(doc, &clx, wanted)?;
    let papx = match fib.part(table, Pair::PlcfBtePapx, "the paragraph bin table")? {
        Some(b) => fkp::papx(doc, &b)?,
        // Without paragraph formatting every paragraph reads as body text.
        None => fkp::Runs::default(),
    };
    // Styles and lists only add structure: damaged ones are read as absent.
    let styles = fib
        .part(table, Pair::Stshf, "the style sheet")?
        .and_then(|b| styles::Styles::read(&b).ok())
        .unwrap_or_default();
    let chpx = match fib.part(table, Pair::PlcfBteChpx, "the character bin table")? {
        Some(b) => fkp::chpx(doc, &b, &styles)?,
        None => fkp::Runs::default(),
    };
    let lst = fib.start(Pair::PlfLst).and_then(|at| {
        table
            .sub(at, table.len().saturating_sub(at), "the lists")
            .ok()
    });
    let lfo = fib.part(table, Pair::PlfLfo, "the list instances")?;
    let mut lists = lists::Lists::read(lst, lfo).unwrap_or_default();
    let (refs, notes) = footnotes(fib, table, &chars, &chpx)?;
    let mut walk = walk::Walk::new(&chars, &chpx, &refs);
    let body = body::read(&mut walk, fib.ccp_text as usize, &papx, &styles, &mut lists);
    let dropped = left_out(fib, &walk.left);
    Ok(Docx {
        blocks: body.blocks,
        notes,
        images: Vec::new(),
        dropped,
    })
}

/// Footnote references (main-text CP → id) and the notes' text ([MS-DOC] 2.8.x PlcffndRef,
/// PlcffndTxt: CPs in the footnote subdocument, which follows the main text).
type Notes = (HashMap<usize, String>, Vec<(String, String)>);

fn footnotes(
    fib: &Fib,
    table: &Bytes,
    chars: &pieces::Chars,
    chpx: &fkp::Runs<fkp::Chp>,
) -> Res<Notes> {
    let mut refs = HashMap::new();
    let mut notes = Vec::new();
    let (Some(rb), Some(tb)) = (
        fib.part(table, Pair::PlcffndRef, "the footnote references")?,
        fib.part(table, Pair::PlcffndTxt, "the footnote texts")?,
    ) else {
        return Ok((refs, notes));
    };
    let (ref_cps, _) = bytes::plc(&rb, 2)?;
    let (txt_cps, _) = bytes::plc(&tb, 0)?;
    let start = fib.ccp_text as usize;
    let end = start + fib.ccp_ftn as usize;
    let none = HashMap::new();
    for (i, cp) in ref_cps
        .iter()
        .take(ref_cps.len().saturating_sub(1))
        .enumerate()
    {
        let (Some(&a), Some(&b)) = (txt_cps.get(i), txt_cps.get(i + 1)) else {
            break;
        };
        let id = (i + 1).to_string();
        refs.insert(*cp as usize, id.clone());
        let mut w = walk::Walk::new(chars, chpx, &none);
        let mut parts = Vec::new();
        for c in (start + a as usize).min(end)..(start + b as usize).min(end) {
            if w.step(c).is_some() {
                parts.push(super::text::plain_of(&w.take()));
            }
        }
        parts.push(super::text::plain_of(&w.take()));
        let text: Vec<&str> = parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        notes.push((id, text.join(" ")));
    }
    Ok((refs, notes))
}

/// What the report should say was not imported.
fn left_out(fib: &Fib, left: &walk::Left) -> Vec<(usize, Msg)> {
    let mut out = Vec::new();
    let mut say = |n: usize, what: Msg| {
        if n > 0 {
            out.push((0, what));
        }
    };
    let n = left.hidden;
    say(n, msg!("doc-hidden-dropped", n = n));
    let n = left.deleted;
    say(n, msg!("doc-deletions-dropped", n = n));
    let n = left.pictures;
    say(n, msg!("doc-pictures-dropped", n = n));
    let n = left.comments.max(usize::from(fib.ccp_atn > 0));
    say(n, msg!("imp-comments-dropped", n = n));
    say(usize::from(fib.ccp_edn > 0), msg!("doc-endnotes-dropped"));
    say(
        usize::from(fib.ccp_txbx > 0),
        msg!("doc-text-boxes-dropped"),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::Block;
    use proptest::prelude::*;

    const FANGAN: &[u8] = include_bytes!("../../../tests/fixtures/office/fangan97.doc");
    const BIANHAO: &[u8] = include_bytes!("../../../tests/fixtures/office/bianhao.doc");
    const BIANTI: &[u8] = include_bytes!("../../../tests/fixtures/office/bianti.doc");

    fn streams(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).unwrap();
        let doc = stream(&mut cf, "/WordDocument", bytes.len()).unwrap();
        let table = stream(&mut cf, "/1Table", bytes.len()).unwrap();
        (doc, table)
    }

    /// Bytes set at chosen places, then the whole cut at a chosen length.
    fn mutate(mut b: Vec<u8>, edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
        for &(at, v) in edits {
            if !b.is_empty() {
                let i = at % b.len();
                b[i] = v;
            }
        }
        b.truncate(cut % (b.len() + 1));
        b
    }

    proptest! {
        /// Hostile input: the whole file, or either stream inside it, with bytes changed and
        /// cut short, is read or refused, and never panics.
        #[test]
        fn damaged_files_are_refused_not_panics(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..24),
            cut in any::<usize>(),
            which in 0..3u8,
            pick in 0..3usize,
        ) {
            let file = [FANGAN, BIANHAO, BIANTI][pick];
            let (doc, table) = streams(file);
            match which {
                0 => drop(read(Path::new("x.doc"), &mutate(file.to_vec(), &edits, cut))),
                1 => drop(from_streams(&mutate(doc, &edits, cut), &table)),
                _ => drop(from_streams(&doc, &mutate(table, &edits, cut))),
            }
        }
    }

    /// Every (fc, lcb) pair of the FIB, and the text lengths, set to values that lie.
    #[test]
    fn every_fib_pointer_may_lie() {
        let (doc, table) = streams(FANGAN);
        let t = table.len() as u32;
        let lies = [0u32, 1, 511, t - 1, t, t + 1, 0x7FFF_FFFF, u32::MAX];
        for at in (154..154 + 93 * 8).step_by(4).chain([76, 80, 92, 96, 100]) {
            for v in lies {
                let mut d = doc.clone();
                d[at..at + 4].copy_from_slice(&v.to_le_bytes());
                drop(from_streams(&d, &table));
            }
        }
    }

    #[test]
    fn the_fixtures_read_whole() {
        let d = read(Path::new("fangan.doc"), FANGAN).unwrap();
        assert_eq!(d.notes.len(), 2);
        let tables: Vec<_> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table { rows, .. } => Some(rows),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        assert!(tables[0].len() == 3 && tables[0].iter().all(|r| r.len() == 3));
        assert!(read(Path::new("bianhao.doc"), BIANHAO).is_ok());
    }
}
