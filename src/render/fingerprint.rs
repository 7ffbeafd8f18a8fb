//! A number per page that changes whenever what the page shows changes, computed from the
//! documents' card and page hashes without building any template context: serve re-renders
//! exactly the pages whose number moved.

use super::shown::{FEED, HOME_LATEST, HOME_PER_BATCH, HOME_PER_SECTION};
use super::Job;
use crate::site::{hash_of, Site};
use std::hash::{Hash, Hasher};

/// What every page shows of the whole site that documents can change: the sections and
/// taxonomies with their counts. (Config, labels and templates force a full render instead.)
pub fn site_hash(site: &Site) -> u64 {
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

fn cards(site: &Site, docs: &[usize], h: &mut impl Hasher) {
    docs.len().hash(h);
    for &d in docs {
        site.docs[d].card_hash.hash(h);
    }
}

fn page_of(docs: &[usize], per: usize, n: usize) -> &[usize] {
    let start = ((n - 1) * per).min(docs.len());
    &docs[start..(start + per).min(docs.len())]
}

pub fn fingerprint(site: &Site, job: Job, site_hash: u64) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (site_hash, job).hash(&mut h);
    let per = site.config.paginate;
    match job {
        Job::Home => {
            cards(
                site,
                &site.by_date[..site.by_date.len().min(HOME_LATEST)],
                &mut h,
            );
            for t in site.taxonomies.iter().filter(|t| t.name == "batch") {
                for term in &t.terms {
                    cards(
                        site,
                        &term.docs[..term.docs.len().min(HOME_PER_BATCH)],
                        &mut h,
                    );
                }
            }
            for s in &site.sections {
                cards(site, &s.docs[..s.docs.len().min(HOME_PER_SECTION)], &mut h);
            }
        }
        Job::Section(i, n) => {
            let s = &site.sections[i];
            (
                &s.title,
                &s.description,
                hash_of(&s.intro_html),
                s.docs.len(),
            )
                .hash(&mut h);
            cards(site, page_of(&s.docs, per, n), &mut h);
        }
        Job::Taxonomy(_) | Job::NotFound | Job::Search => {}
        Job::Term(t, k, n) => {
            let term = &site.taxonomies[t].terms[k];
            (&term.name, &term.url, term.docs.len()).hash(&mut h);
            cards(site, page_of(&term.docs, per, n), &mut h);
        }
        Job::Archive | Job::Sitemap => cards(site, &site.by_date, &mut h),
        Job::Feed => cards(site, &site.by_date[..site.by_date.len().min(FEED)], &mut h),
        Job::Doc(i) => {
            let d = &site.docs[i];
            d.page_hash.hash(&mut h);
            for other in d.prev.iter().chain(d.next.iter()).chain(d.related.iter()) {
                site.docs[*other].card_hash.hash(&mut h);
            }
            (d.prev.is_some(), d.next.is_some()).hash(&mut h);
        }
        Job::Alias(a) => {
            let alias = &site.aliases[a];
            let target = &site.docs[alias.target];
            (&alias.file, &target.url, &target.fm.title).hash(&mut h);
        }
    }
    h.finish()
}
