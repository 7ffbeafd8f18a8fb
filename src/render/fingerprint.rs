//! A number per page that changes whenever what the page shows changes, computed from the
//! documents' card and page hashes without building any template context: serve re-renders
//! exactly the pages whose number moved.

use super::Job;
use crate::site::{Relisted, Site};
use std::hash::{Hash, Hasher};

/// What every page shows of the whole site that documents can change: the sections and
/// taxonomies with their counts. (Config, labels and templates force a full render instead.)
pub(crate) fn site_hash(site: &Site) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (site.docs.len(), site.drafts_shown).hash(&mut h);
    for s in &site.sections {
        (&s.name, &s.title, &s.description, &s.url, s.docs.len()).hash(&mut h);
    }
    for t in &site.taxonomies {
        (&t.name, &t.label, &t.url).hash(&mut h);
        for term in &t.terms {
            (&term.name, &term.url, term.docs.len()).hash(&mut h);
        }
    }
    h.finish()
}

/// The page's number: what every page shows, and what its kind says its context reads.
pub(crate) fn fingerprint(site: &Site, job: Job, site_hash: u64) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (site_hash, job).hash(&mut h);
    job.kind().reads(site, &mut h);
    h.finish()
}

/// Whether a page may read something that a front-matter edit moved (`relist` says what): the
/// fingerprints of the others stay as they are, unread.
pub(crate) fn may_move(job: Job, moved: &Relisted) -> bool {
    match job {
        Job::Doc(d) => moved.docs.contains(&d.doc),
        Job::Section(s) => moved.sections.contains(&s.section),
        Job::Term(t) => {
            moved.taxonomies.contains(&t.taxonomy) || moved.terms.contains(&(t.taxonomy, t.term))
        }
        // The site-wide lists (home, archive, feed, sitemap), the taxonomies' pages, aliases.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::Path;

    /// Which kind of page a job is. Listing every variant here makes a new page kind a
    /// compile error until the test site below has one.
    fn kind(job: Job) -> usize {
        match job {
            Job::Home => 0,
            Job::Section(..) => 1,
            Job::Taxonomy(_) => 2,
            Job::Term(..) => 3,
            Job::Archive => 4,
            Job::Doc(_) => 5,
            Job::NotFound => 6,
            Job::Search => 7,
            Job::Sitemap => 8,
            Job::Feed => 9,
            Job::Alias(_) => 10,
        }
    }
    const KINDS: usize = 11;

    /// Every page of the site at `root` with its bytes and fingerprint.
    fn pages_of(root: &Path) -> HashMap<String, (Vec<u8>, u64)> {
        let project = crate::pipeline::Project::load(root, Some("/"), false).expect("config");
        let (source, errors) = project.sources(true, &mut Default::default());
        assert!(errors.is_empty(), "{errors:?}");
        let mut theme = project.theme().expect("theme");
        let site = crate::site::assemble(
            project.config,
            source,
            Default::default(),
            true,
            &Default::default(),
        )
        .expect("site");
        let pages = crate::render::pages(&site).expect("pages");
        let kinds: std::collections::BTreeSet<usize> =
            pages.iter().map(|(j, _)| kind(*j)).collect();
        assert_eq!(
            kinds.len(),
            KINDS,
            "the test site lacks a page kind: {kinds:?}"
        );
        let out = crate::output::Memory::default();
        crate::render::render_pages(&site, &mut theme, &out, &pages).expect("render");
        let site_hash = site_hash(&site);
        let prints: HashMap<String, u64> = pages
            .iter()
            .map(|(job, file)| (file.clone(), fingerprint(&site, *job, site_hash)))
            .collect();
        out.into_pages()
            .into_iter()
            .map(|(file, bytes)| {
                let fp = prints[&file];
                (file, (bytes, fp))
            })
            .collect()
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn doc(title: &str, date: &str, extra: &str, body: &str) -> String {
        format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n")
    }

    /// A small site with every page kind: sections with pages, batches, units, tags, an
    /// alias, a section intro.
    fn base(root: &Path) {
        write(root, "config.yaml", "title: 测试站\npaginate: 2\n");
        write(
            root,
            "content/speeches/_index.md",
            "---\ntitle: 讲话\n---\n讲话栏目说明。\n",
        );
        write(
            root,
            "content/speeches/a.md",
            &doc(
                "动员讲话",
                "2023-09-01",
                "batch: 1\nunit: 区委\ntags: [动员, 部署]\naliases: [/old/a/]\n",
                "正文一。",
            ),
        );
        write(
            root,
            "content/speeches/b.md",
            &doc(
                "推进会讲话",
                "2023-09-05",
                "batch: 1\nunit: 区政府\ntags: [推进]\n",
                "正文二。",
            ),
        );
        write(
            root,
            "content/speeches/c.md",
            &doc(
                "总结讲话",
                "2023-10-01",
                "batch: 2\ntags: [总结]\n",
                "正文三。",
            ),
        );
        write(
            root,
            "content/guides/d.md",
            &doc(
                "学习辅导",
                "2023-09-10",
                "batch: 2\nunit: 区委\ntags: [动员]\n",
                "辅导正文。",
            ),
        );
    }

    /// One change to the site's files.
    type Edit = Box<dyn Fn(&Path)>;

    /// Whatever an edit changes on a page, the page's fingerprint moves with it: serve renders
    /// again exactly the pages whose fingerprint moved, so a page whose bytes change under an
    /// unchanged fingerprint would be served stale. Every page kind, from the one list of pages.
    #[test]
    fn a_page_whose_bytes_change_has_a_new_fingerprint() {
        let edits: Vec<(&str, Edit)> = vec![
            (
                "a title",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/speeches/a.md",
                        &doc(
                            "动员大会讲话",
                            "2023-09-01",
                            "batch: 1\nunit: 区委\ntags: [动员, 部署]\naliases: [/old/a/]\n",
                            "正文一。",
                        ),
                    )
                }),
            ),
            (
                "a body",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/speeches/a.md",
                        &doc(
                            "动员讲话",
                            "2023-09-01",
                            "batch: 1\nunit: 区委\ntags: [动员, 部署]\naliases: [/old/a/]\n",
                            "改过的正文，更长一些。",
                        ),
                    )
                }),
            ),
            (
                "a date",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/speeches/a.md",
                        &doc(
                            "动员讲话",
                            "2023-11-01",
                            "batch: 1\nunit: 区委\ntags: [动员, 部署]\naliases: [/old/a/]\n",
                            "正文一。",
                        ),
                    )
                }),
            ),
            (
                "tags",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/speeches/b.md",
                        &doc(
                            "推进会讲话",
                            "2023-09-05",
                            "batch: 1\nunit: 区政府\ntags: [推进, 动员]\n",
                            "正文二。",
                        ),
                    )
                }),
            ),
            (
                "a unit",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/guides/d.md",
                        &doc(
                            "学习辅导",
                            "2023-09-10",
                            "batch: 2\nunit: 区政府\ntags: [动员]\n",
                            "辅导正文。",
                        ),
                    )
                }),
            ),
            (
                "a batch",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/speeches/c.md",
                        &doc(
                            "总结讲话",
                            "2023-10-01",
                            "batch: 1\ntags: [总结]\n",
                            "正文三。",
                        ),
                    )
                }),
            ),
            (
                "a section intro",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/speeches/_index.md",
                        "---\ntitle: 讲话\n---\n新的说明。\n",
                    )
                }),
            ),
            (
                "a new document",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/guides/e.md",
                        &doc(
                            "第二篇辅导",
                            "2023-09-20",
                            "batch: 2\ntags: [部署]\n",
                            "新正文。",
                        ),
                    )
                }),
            ),
            (
                "a deleted document",
                Box::new(|r: &Path| std::fs::remove_file(r.join("content/speeches/b.md")).unwrap()),
            ),
            (
                "an alias",
                Box::new(|r: &Path| {
                    write(
                        r,
                        "content/guides/d.md",
                        &doc(
                            "学习辅导",
                            "2023-09-10",
                            "batch: 2\nunit: 区委\ntags: [动员]\naliases: [/old/d/]\n",
                            "辅导正文。",
                        ),
                    )
                }),
            ),
        ];
        for (what, edit) in edits {
            let dir = tempfile::tempdir().unwrap();
            base(dir.path());
            let before = pages_of(dir.path());
            edit(dir.path());
            let after = pages_of(dir.path());
            let mut moved = 0;
            for (file, (bytes, fp)) in &after {
                let Some((old_bytes, old_fp)) = before.get(file) else {
                    moved += 1; // a new page: rendered whatever its fingerprint
                    continue;
                };
                if old_bytes != bytes {
                    moved += 1;
                    assert_ne!(
                        old_fp, fp,
                        "{what}: {file} changed under the same fingerprint"
                    );
                }
            }
            assert!(
                moved > 0,
                "{what}: the edit changed no page (the test tried nothing)"
            );
        }
    }
}
