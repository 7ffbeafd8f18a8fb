//! Which pages people are looking at: those open in a browser (each reload stream names its
//! page) and the last ones served. After a template or front-matter edit these are rendered
//! first and the rest of the site follows in the background.

use std::collections::{HashMap, HashSet, VecDeque};

/// How many recently served pages count as being looked at.
const RECENT: usize = 16;

#[derive(Default)]
pub struct Readers {
    /// Page file → number of open reload streams showing it.
    open: HashMap<String, usize>,
    /// Recently served page files, newest last, each once.
    recent: VecDeque<String>,
}

impl Readers {
    pub(crate) fn opened(&mut self, file: &str) {
        *self.open.entry(file.to_string()).or_default() += 1;
    }

    pub(crate) fn closed(&mut self, file: &str) {
        if let Some(n) = self.open.get_mut(file) {
            *n -= 1;
            if *n == 0 {
                self.open.remove(file);
            }
        }
    }

    pub(crate) fn served(&mut self, file: &str) {
        if self.recent.back().is_some_and(|f| f == file) {
            return;
        }
        self.recent.retain(|f| f != file);
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(file.to_string());
    }

    /// The pages to render first.
    pub(crate) fn hot(&self) -> HashSet<String> {
        self.open
            .keys()
            .chain(self.recent.iter())
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_pages_count_until_closed_and_recent_ones_are_bounded() {
        let mut r = Readers::default();
        r.opened("a/index.html");
        r.opened("a/index.html");
        r.closed("a/index.html");
        assert!(r.hot().contains("a/index.html"));
        r.closed("a/index.html");
        assert!(!r.hot().contains("a/index.html"));
        for i in 0..40 {
            r.served(&format!("p{i}/index.html"));
        }
        r.served("p39/index.html");
        let hot = r.hot();
        assert_eq!(hot.len(), RECENT);
        assert!(hot.contains("p39/index.html") && !hot.contains("p23/index.html"));
    }
}
