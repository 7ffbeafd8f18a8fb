//! `huibian publish`: releases on the web server's folder. Each publish builds a complete new
//! release beside the old ones (unchanged files hard-linked from the previous release), then
//! switches the `current` symlink in one rename, so readers never see a half-updated site;
//! older releases stay for `--rollback` until `--keep` prunes them. Where the file system has
//! no symlinks (SMB shares, Windows), `current` is a folder updated file by file instead.
//! The whole command holds an OS lock on the folder, and it replaces or deletes only what
//! `owned` says huibian made there.

mod lock;
mod owned;
mod sync;

use crate::diag::{Diagnostic, Failure};
use owned::Current;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub struct Options {
    pub build: crate::BuildOptions,
    pub to: PathBuf,
    pub keep: usize,
    pub dry_run: bool,
}

/// What a publish changed.
#[derive(Debug, Default)]
pub struct Changes {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// Bytes written or copied (hard links cost none).
    pub bytes: u64,
    pub linked: usize,
    pub release: String,
    /// The switch was a file-by-file sync, not one atomic rename.
    pub not_atomic: bool,
    pub pruned: Vec<String>,
    /// Older releases kept past `--keep`: each holds files someone put there that the new
    /// release does not carry.
    pub kept_releases: Vec<(String, Vec<String>)>,
    /// Files someone put into the served release (through `current/`), carried into the new one.
    pub carried: Vec<String>,
    /// What else someone put there, which the new release does not have (the old one keeps it).
    pub not_carried: Vec<String>,
    /// The drafts left out (content/-relative paths).
    pub drafts: Vec<String>,
}

/// Can this folder hold symlinks? (SMB shares and many Windows setups cannot.) The test
/// suite sets `HUIBIAN_TEST_NO_SYMLINKS` to run the folder mode on a disk that has them.
fn symlinks_work(to: &Path) -> bool {
    if std::env::var_os("HUIBIAN_TEST_NO_SYMLINKS").is_some() {
        return false;
    }
    // Only the link made here is removed: a file that already has the name is someone's, and
    // only says to try another name.
    for n in 0..1000 {
        let probe = to.join(format!(".huibian-symlink-probe-{}-{n}", std::process::id()));
        match symlink(Path::new("releases"), &probe) {
            Ok(()) => {
                let _ = std::fs::remove_file(&probe);
                return true;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => return false,
        }
    }
    false
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(target, link)
}

/// How the new release goes live.
enum Switch {
    /// Rename a new `current` link over the old one.
    Link,
    /// Copy into the `current` folder; the files huibian wrote there before.
    Folder(BTreeSet<String>),
}

/// The switch `current` allows here, or why it cannot be switched.
fn switch_for(to: &Path, cur: Current) -> Result<Switch, Diagnostic> {
    let c = to.join("current");
    match (cur, symlinks_work(to)) {
        (Current::Missing | Current::Link(_), true) => Ok(Switch::Link),
        (Current::Missing, false) => Ok(Switch::Folder(BTreeSet::new())),
        (Current::Folder(written), false) => Ok(Switch::Folder(written)),
        (Current::Folder(_), true) => Err(Diagnostic::tr(
            &c,
            crate::msg!("current-folder-but-links-work"),
        )
        .hint_tr(crate::msg!(
            "current-folder-but-links-work-hint",
            cur = c.display().to_string()
        ))),
        (Current::Link(_), false) => {
            Err(Diagnostic::tr(&c, crate::msg!("current-link-but-no-links"))
                .hint_tr(crate::msg!("current-link-but-no-links-hint")))
        }
    }
}

/// Points `current` at `releases/<name>` with one rename of a new link over the old one.
fn switch(to: &Path, name: &str) -> Result<(), Diagnostic> {
    let tmp = owned::new_link(to);
    let cur = to.join("current");
    let fail = |e: std::io::Error| {
        let why = crate::fsio::why(&e);
        Diagnostic::tr(
            &cur,
            crate::msg!("current-cannot-switch", release = name, why = why),
        )
    };
    symlink(&Path::new("releases").join(name), &tmp).map_err(fail)?;
    std::fs::rename(&tmp, &cur).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

pub fn publish(opts: &Options) -> Result<Changes, Failure> {
    let (to, root) = (&opts.to, &opts.build.root);
    crate::output::check_output(root, to).map_err(|d| Failure::one(d.relative_to(root)))?;
    if opts.keep == 0 {
        return Err(Diagnostic::tr(to, crate::msg!("publish-keep-zero"))
            .hint_tr(crate::msg!("publish-keep-zero-hint"))
            .into());
    }
    if std::fs::metadata(to).is_ok_and(|m| !m.is_dir()) {
        return Err(Diagnostic::tr(to, crate::msg!("publish-to-is-a-file"))
            .hint_tr(crate::msg!("publish-to-is-a-file-hint"))
            .into());
    }
    // A dry run where nothing was published yet leaves no trace there (no folder, lock or
    // `releases/` made for it): it builds in a temporary folder of its own.
    let never_published = matches!(
        std::fs::symlink_metadata(to.join("releases")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound
    );
    let dry_folder = if opts.dry_run && never_published {
        Some(dry_run_folder()?)
    } else {
        None
    };
    let (_lock, releases) = match &dry_folder {
        Some(tmp) => (None, tmp.path().to_path_buf()),
        None => {
            crate::fsio::create_dir_all(to)?;
            let lock = lock::take(to)?;
            let releases = owned::releases_folder(to)?;
            owned::clear_leftovers(to, &releases);
            (Some(lock), releases)
        }
    };
    let cur = match std::fs::symlink_metadata(to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Current::Missing,
        _ => owned::current(to)?,
    };
    let served = match &cur {
        Current::Link(n) if owned::is_release(&releases, n) => Some(n.clone()),
        _ => None,
    };
    let prev = served
        .or_else(|| owned::releases(&releases).pop())
        .map(|n| releases.join(n));
    let links = same_links(opts, prev.as_deref())?;
    // (A folder not made yet is taken to hold links, as most do: only a dry run gets here.)
    let how = if to.is_dir() {
        switch_for(to, cur)?
    } else {
        Switch::Link
    };
    let name = owned::new_name(&releases);
    let building = owned::Building::new(&releases, &name, &links)?;
    // Files someone put into the served release (through `current/`) go on into the new one,
    // as a build keeps such files in its output; one where the site now has a file stops the
    // publish.
    let theirs = match (&how, &prev) {
        (Switch::Link, Some(p)) => owned::foreign_files(p).unwrap_or_default(),
        _ => BTreeSet::new(),
    };
    let (produced, mut changes) = build(opts, building.path(), prev.as_deref(), &theirs)?;
    changes.release = name.clone();
    let current = to.join("current");
    if let Switch::Folder(written) = &how {
        sync::check(&produced, &current, written)?;
    }
    in_the_way(&theirs, &produced, &current)?;
    changes.carried = theirs.iter().cloned().collect();
    if opts.dry_run {
        return Ok(changes);
    }
    if let Some(prev) = &prev {
        changes.carried = carry(&theirs, prev, building.path())?;
    }
    owned::write_release_files(building.path(), &produced)?;
    let release = building.finish(&releases, &name)?;
    // What the new release could not take over from the one served (a link, a name that is
    // not UTF-8, a list of its own files that is damaged): said; the old release keeps it.
    changes.not_carried = prev
        .as_ref()
        .map(|p| owned::unaccounted(p, &release))
        .unwrap_or_default();
    match how {
        Switch::Link => switch(to, &name)?,
        Switch::Folder(written) => {
            sync::sync(&release, &produced, &current, &written)?;
            changes.not_atomic = true;
        }
    }
    // The new release is what `current` serves now, in either mode.
    (changes.pruned, changes.kept_releases) = prune(&releases, opts.keep, &name);
    Ok(changes)
}

/// A dry run's own temporary folder (the system's), in place of `releases/`.
fn dry_run_folder() -> Result<tempfile::TempDir, Diagnostic> {
    tempfile::Builder::new()
        .prefix("huibian-dry-run-")
        .tempdir()
        .map_err(|e| {
            let tmp = std::env::temp_dir();
            Diagnostic::tr(
                &tmp,
                crate::msg!("release-cannot-create", why = crate::fsio::why(&e)),
            )
        })
}

/// The first ten of `names`, for a message (the count says how many there are).
pub fn first_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().take(10).collect::<Vec<_>>().join(", ")
}

/// Refuses, before anything is published, files someone put into the served release where
/// the new one has a file or a folder of the site.
fn in_the_way(
    theirs: &BTreeSet<String>,
    produced: &BTreeSet<String>,
    current: &Path,
) -> Result<(), Diagnostic> {
    let clashes = |f: &String| {
        let under = format!("{f}/");
        produced.contains(f)
            || produced
                .range(under.clone()..)
                .next()
                .is_some_and(|p| p.starts_with(&under))
            || crate::output::folders_on_the_way(f).any(|d| produced.contains(&d))
    };
    let clash: Vec<&str> = theirs
        .iter()
        .filter(|f| clashes(f))
        .map(String::as_str)
        .collect();
    if clash.is_empty() {
        return Ok(());
    }
    let what = crate::msg!("what-files-or-links", n = clash.len());
    let names = first_names(clash.iter().copied());
    Err(Diagnostic::tr(
        current,
        crate::msg!("sync-foreign", what = what, names = names),
    )
    .hint_tr(crate::msg!("publish-theirs-in-the-way-hint")))
}

/// Hard-links (or copies, where links fail) the files someone put into the release `prev`
/// into the new release `dir`, and makes the folders someone made there; returns the files.
fn carry(theirs: &BTreeSet<String>, prev: &Path, dir: &Path) -> Result<Vec<String>, Diagnostic> {
    for d in owned::foreign_folders(prev) {
        if crate::output::real_folders(prev, &format!("{d}/x")) {
            crate::fsio::create_dir_all(&dir.join(d))?;
        }
    }
    let mut carried = Vec::new();
    for f in theirs {
        // (Only a plain file in real folders: never what a planted link leads to.)
        if !crate::output::own_file(prev, f) {
            continue;
        }
        carried.push(f.clone());
        let (from, to) = (prev.join(f), dir.join(f));
        if let Some(parent) = to.parent() {
            crate::fsio::create_dir_all(parent)?;
        }
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).map_err(|e| {
                let why = crate::fsio::why(&e);
                Diagnostic::tr(&to, crate::msg!("release-cannot-carry", why = why))
            })?;
        }
    }
    Ok(carried)
}

/// Where the new release's links will point; an error when that differs from the release now
/// served and the command line did not ask for the change (one publish without `--base-url`
/// would otherwise put a site of dead links on the air).
fn same_links(opts: &Options, prev: Option<&Path>) -> Result<String, Failure> {
    let b = &opts.build;
    let project = crate::pipeline::Project::load(&b.root, b.base_url.as_deref(), b.relative_urls)
        .map_err(|d| Failure::one(d.relative_to(&b.root)))?;
    let c = &project.config;
    let links = match c.absolute_base() {
        _ if c.relative_urls => "relative".to_string(),
        Some(base) => base,
        None => c.base_path(),
    };
    let asked = b.base_url.is_some() || b.relative_urls;
    let Some(old) = prev.and_then(owned::links_of) else {
        return Ok(links);
    };
    if old == links || asked {
        return Ok(links);
    }
    let to = opts.to.join("current");
    let keep = if old == "relative" {
        crate::msg!("publish-keep-relative")
    } else {
        crate::msg!("publish-keep-base-url", old = &old)
    };
    Err(Diagnostic::tr(
        &to,
        crate::msg!("publish-links-move", old = &old, links = &links),
    )
    .hint_tr(crate::msg!("publish-links-move-hint", keep = keep))
    .into())
}

/// Builds the site into `dir`, hard-linking what equals `prev`'s files: the files it made,
/// and what changed against `prev`.
fn build(
    opts: &Options,
    dir: &Path,
    prev: Option<&Path>,
    theirs: &BTreeSet<String>,
) -> Result<(BTreeSet<String>, Changes), Failure> {
    let sink = crate::output::Release::new(dir, &opts.to, prev, owned::MARKS);
    let made = crate::pipeline::generate(&opts.build, &sink, &mut crate::Stages::new())?;
    let crate::output::release::Written {
        produced,
        changed,
        bytes,
        linked,
    } = sink.finish();
    // (What someone else put there is no page of the site's: carried, not "removed".)
    let mut before: BTreeSet<String> = prev.map(owned::files_under).unwrap_or_default();
    before.retain(|f| !theirs.contains(f));
    let changes = Changes {
        added: produced.difference(&before).cloned().collect(),
        updated: changed.intersection(&before).cloned().collect(),
        removed: before.difference(&produced).cloned().collect(),
        bytes,
        linked,
        drafts: made.site.drafts,
        ..Default::default()
    };
    Ok((produced, changes))
}

/// Removes huibian's oldest releases beyond `keep`, never `current`; a folder that huibian
/// did not make is neither counted nor touched. A release holding files someone put there
/// is removed only when the current release has each of them, byte for byte; the others are
/// kept, and returned with those files.
#[allow(clippy::type_complexity)]
fn prune(releases: &Path, keep: usize, current: &str) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let all = owned::releases(releases);
    let excess = all.len().saturating_sub(keep);
    let now = releases.join(current);
    let mut kept = Vec::new();
    let pruned = all
        .into_iter()
        .filter(|n| n != current)
        .take(excess)
        .filter(|n| {
            let dir = releases.join(n);
            let lost = owned::unaccounted(&dir, &now);
            if !lost.is_empty() {
                kept.push((n.clone(), lost));
                return false;
            }
            owned::delete_release(releases, n)
        })
        .collect();
    (pruned, kept)
}

/// Switches `current` back to huibian's release before it.
pub fn rollback(to: &Path) -> Result<String, Failure> {
    let none = || {
        Diagnostic::tr(to.join("current"), crate::msg!("rollback-none"))
            .hint_tr(crate::msg!("rollback-none-hint"))
    };
    if !to.is_dir() {
        return Err(none().into());
    }
    let _lock = lock::take(to)?;
    let Current::Link(cur) = owned::current(to)? else {
        return Err(none().into());
    };
    let releases = to.join("releases");
    let all = owned::releases(&releases);
    let Some(i) = all.iter().position(|n| *n == cur) else {
        return Err(Diagnostic::tr(
            to.join("current"),
            crate::msg!("rollback-not-ours", release = &cur),
        )
        .hint_tr(crate::msg!("rollback-not-ours-hint"))
        .into());
    };
    if i == 0 {
        return Err(
            Diagnostic::tr(releases, crate::msg!("rollback-oldest", release = &cur)).into(),
        );
    }
    let back = all[i - 1].clone();
    switch(to, &back)?;
    Ok(back)
}

/// huibian's releases, oldest first: name, whether current, number of documents.
pub fn list(to: &Path) -> Vec<(String, bool, usize)> {
    let cur = match owned::current(to) {
        Ok(Current::Link(n)) => Some(n),
        _ => None,
    };
    let releases = to.join("releases");
    owned::releases(&releases)
        .into_iter()
        .map(|name| {
            // The search index knows how many documents a release has.
            let docs = crate::search::documents_in(&releases.join(&name)).unwrap_or(0);
            (name.clone(), Some(&name) == cur.as_ref(), docs)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_symlink_probe_removes_only_the_link_it_made() {
        let dir = tempfile::tempdir().unwrap();
        // Files of someone's in the way of the probe's first names: kept, and the probe still
        // finds that this folder takes links.
        let pid = std::process::id();
        let theirs: Vec<PathBuf> = (0..3)
            .map(|n| dir.path().join(format!(".huibian-symlink-probe-{pid}-{n}")))
            .collect();
        for (i, p) in theirs.iter().enumerate() {
            std::fs::write(p, format!("data {i}")).unwrap();
        }
        std::os::unix::fs::symlink("elsewhere", dir.path().join(".huibian-symlink-probe-x"))
            .unwrap();
        assert!(symlinks_work(dir.path()));
        for (i, p) in theirs.iter().enumerate() {
            assert_eq!(std::fs::read_to_string(p).unwrap(), format!("data {i}"));
        }
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = theirs
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .chain([".huibian-symlink-probe-x".to_string()])
            .collect();
        expected.sort();
        assert_eq!(left, expected, "the probe's own link is gone, nothing else");
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_takes_no_links_is_told_and_left_as_it_was() {
        use std::os::unix::fs::PermissionsExt;
        // (Root may write anywhere: a folder that does not exist takes no link either.)
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("missing");
        assert!(!symlinks_work(&gone));
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::write(ro.join("a"), "a").unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let _ = symlinks_work(&ro);
        assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 1);
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
