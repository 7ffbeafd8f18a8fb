//! The words of the whole index, numbered as the threads meet them (words are few in Chinese
//! text; each thread also remembers the ones it has seen, `Builder`), so that a word's key is a
//! number like a CJK key's.

use ahash::AHashMap;
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
pub(super) struct Words {
    list: Mutex<WordList>,
}

/// Words by text, and in order of their ids.
#[derive(Default)]
struct WordList {
    ids: AHashMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
}

impl Words {
    fn lock(&self) -> MutexGuard<'_, WordList> {
        // (A thread that panicked left the list whole: entries are added in one step.)
        self.list.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The word's id, a new one if it has none.
    pub(super) fn id(&self, w: &str) -> u32 {
        let mut list = self.lock();
        let WordList { ids, texts } = &mut *list;
        let next = texts.len() as u32;
        *ids.entry(w.into()).or_insert_with(|| {
            texts.push(w.into());
            next
        })
    }

    pub(super) fn text(&self, id: u32) -> String {
        self.lock().texts[id as usize].to_string()
    }

    /// Each word id's place among the words in text order: word ids depend on which thread
    /// met a word first, and files must not.
    pub(super) fn ranks(&self) -> Vec<u32> {
        let list = self.lock();
        let texts = &list.texts;
        let mut ids: Vec<u32> = (0..texts.len() as u32).collect();
        ids.sort_unstable_by(|a, b| texts[*a as usize].cmp(&texts[*b as usize]));
        let mut rank = vec![0; ids.len()];
        for (r, id) in ids.into_iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        rank
    }
}
