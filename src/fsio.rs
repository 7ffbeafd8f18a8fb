//! The one place files are read and written, so every I/O error carries its path.

use crate::diag::Diagnostic;
use std::fs;
use std::path::Path;

pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    fs::read(path).map_err(|e| Diagnostic::new(path, format!("cannot read the file: {e}")))
}

/// Opens a file to read it in pieces (an archive of several GB is never held whole).
pub fn open(path: &Path) -> Result<fs::File, Diagnostic> {
    fs::File::open(path).map_err(|e| Diagnostic::new(path, format!("cannot read the file: {e}")))
}

/// Reads a UTF-8 text file; anything else is an error naming the first bad byte.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path)?;
    // encoding_rs checks UTF-8 several times faster than std on Chinese text (std's fast path
    // is ASCII), which made checking a tenth of loading; copying the checked text costs less.
    if let Some(text) =
        encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(&bytes)
    {
        return Ok(text.into_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) =
            crate::diag::line_col(std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or(""), at);
        Diagnostic::new(
            path,
            format!("not valid UTF-8 (first bad byte at offset {at})"),
        )
        .at(line, col)
        .hint("save the file as UTF-8; for GBK or UTF-16 files from Windows use `huibian import`")
    })
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, bytes).map_err(|e| Diagnostic::new(path, format!("cannot write the file: {e}")))
}

pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    fs::create_dir_all(path)
        .map_err(|e| Diagnostic::new(path, format!("cannot create the folder: {e}")))
}

pub fn copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Diagnostic::new(from, format!("cannot copy to {}: {e}", to.display())))
}

/// Writes a new file, refusing to replace one that exists (for `init`, `new` and import).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::new(path, "the file exists already; nothing was overwritten")
                    .hint("choose another title or slug, or edit the existing file")
            } else {
                Diagnostic::new(path, format!("cannot create the file: {e}"))
            }
        })?;
    f.write_all(bytes)
        .map_err(|e| Diagnostic::new(path, format!("cannot write the file: {e}")))
}
