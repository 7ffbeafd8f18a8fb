//! One publish at a time in a folder: an OS lock (flock; LockFileEx on Windows) on
//! `<to>/.huibian-publish.lock`, held for the whole command. The OS lets go when the process
//! ends, however it ends, so a killed publish never leaves a stale lock; the file stays and
//! only says which process took it last. A second publish fails at once rather than waiting:
//! two people publishing into one folder is a mistake to see, not to queue.

use crate::diag::Diagnostic;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::Path;

const LOCK: &str = ".huibian-publish.lock";

/// The lock, held while this value lives.
pub(crate) struct PublishLock {
    _file: File,
}

/// Takes the lock on `to` (which must exist), or says who holds it.
pub(crate) fn take(to: &Path) -> Result<PublishLock, Diagnostic> {
    let path = to.join(LOCK);
    // Never open through a link: the process id written below would land in its target.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(Diagnostic::tr(&path, crate::msg!("lock-not-a-file"))
            .hint_tr(crate::msg!("lock-not-a-file-hint")));
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| {
            Diagnostic::tr(
                &path,
                crate::msg!("lock-cannot-open", why = crate::fsio::why(&e)),
            )
        })?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(busy(to, &path)),
        Err(TryLockError::Error(e)) => {
            return Err(Diagnostic::tr(
                &path,
                crate::msg!("lock-cannot-lock", why = crate::fsio::why(&e)),
            )
            .hint_tr(crate::msg!("lock-cannot-lock-hint")))
        }
    }
    // Only for the message of a publish that finds the lock taken.
    let _ = file
        .set_len(0)
        .and_then(|()| writeln!(file, "{}", std::process::id()));
    Ok(PublishLock { _file: file })
}

fn busy(to: &Path, path: &Path) -> Diagnostic {
    let holder = std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_default();
    let m = if holder.is_empty() {
        crate::msg!("publish-busy")
    } else {
        crate::msg!("publish-busy-pid", pid = holder)
    };
    Diagnostic::tr(to, m).hint_tr(crate::msg!("publish-busy-hint"))
}
