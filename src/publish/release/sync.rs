//! `current` as a plain folder, where the file system has no symlinks (SMB shares, Windows):
//! the new release is copied in file by file, each file replaced in one rename, then the files
//! huibian wrote there before and no longer produces are deleted. The folder's marker lists
//! what huibian wrote, so a file a person put there is never replaced or deleted.

use super::owned;
use crate::diag::Diagnostic;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Refuses, before anything is published, a release that would replace something in
/// `current` that huibian did not write (a file, a link, or a folder where a file goes).
pub(crate) fn check(
    files: &BTreeSet<String>,
    current: &Path,
    written: &BTreeSet<String>,
) -> Result<(), Diagnostic> {
    let theirs: BTreeSet<String> = files
        .iter()
        .filter_map(|rel| clash(rel, current, written))
        .collect();
    if theirs.is_empty() {
        return Ok(());
    }

    let what = crate::msg!("what-files-or-links", n = theirs.len());
    Err(Diagnostic::tr(
        current,
        crate::msg!(
            "sync-foreign",
            what = what,
            names = super::first_names(theirs.iter().map(String::as_str))
        ),
    )
    .hint_tr(crate::msg!("sync-foreign-hint")))
}

/// The first part of `rel`'s path in `current` that is there but not huibian's to replace.
fn clash(rel: &str, current: &Path, written: &BTreeSet<String>) -> Option<String> {
    let mut at = String::new();
    for part in rel.split('/') {
        if !at.is_empty() {
            at.push('/');
        }
        at.push_str(part);
        let meta = fs::symlink_metadata(current.join(&at)).ok()?;
        if written.contains(&at) {
            continue;
        }
        // A folder on the way is fine; a file or a link there, or anything at `rel`, is not.
        if at.len() == rel.len() || !meta.is_dir() {
            return Some(at);
        }
    }
    None
}

/// Makes `current` hold `files` from `release`; `written` is what huibian wrote there before.
pub(crate) fn sync(
    release: &Path,
    files: &BTreeSet<String>,
    current: &Path,
    written: &BTreeSet<String>,
) -> Result<(), Diagnostic> {
    // First: a run killed midway still knows every file it may have put there.
    owned::write_written(current, &written.union(files).cloned().collect())?;
    for rel in files {
        place(release, current, rel, written)?;
    }
    for rel in written.difference(files) {
        remove(current, rel)?;
    }
    owned::write_written(current, files)
}

fn fail(p: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::tr(
        p,
        crate::msg!("sync-cannot-update", why = crate::fsio::why(&e)),
    )
}

/// Copies `rel` in unless its bytes are there already: to a new file beside it, then one rename.
fn place(
    release: &Path,
    current: &Path,
    rel: &str,
    written: &BTreeSet<String>,
) -> Result<(), Diagnostic> {
    let (from, to) = (release.join(rel), current.join(rel));
    if !inside(current, &to) {
        return Err(Diagnostic::tr(&to, crate::msg!("sync-link-on-the-way"))
            .hint_tr(crate::msg!("sync-link-on-the-way-hint")));
    }
    let is_file = fs::symlink_metadata(&to).is_ok_and(|m| m.is_file());
    if is_file && fs::read(&from).ok() == fs::read(&to).ok() {
        return Ok(());
    }
    // A file huibian wrote where a folder now goes (an attachment became a bundle).
    for dir in Path::new(rel).ancestors().skip(1) {
        let p = current.join(dir);
        let ours = written.contains(&dir.to_string_lossy().replace('\\', "/"));
        if ours && fs::symlink_metadata(&p).is_ok_and(|m| m.is_file()) {
            fs::remove_file(&p).map_err(|e| fail(&p, e))?;
        }
    }
    crate::fsio::replace_with_copy(&from, &to)
}

/// Deletes huibian's old file `rel` and the folders that leaves empty.
fn remove(current: &Path, rel: &str) -> Result<(), Diagnostic> {
    let p = current.join(rel);
    // Behind a link out of `current` (a junction a web master made): not huibian's file.
    if !inside(current, &p) {
        return Ok(());
    }
    match fs::symlink_metadata(&p) {
        Ok(m) if !m.is_dir() => fs::remove_file(&p).map_err(|e| fail(&p, e))?,
        _ => return Ok(()),
    }
    let mut dir = p.parent();
    while let Some(d) = dir.filter(|d| *d != current) {
        // A folder that still holds anything (a person's file) stays.
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Is the folder holding `path` inside `current`, links on the way resolved?
fn inside(current: &Path, path: &Path) -> bool {
    path.parent()
        .is_some_and(|dir| crate::fsio::is_within(dir, current))
}
