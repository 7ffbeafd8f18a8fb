//! The Chinese rules of CJK.md that Markdown rendering applies: when a soft line break between
//! two lines disappears, and how characters are counted (字数). Which characters are CJK and
//! what a structure marker is are facts of crate::zh.

use crate::zh::{han_or_cjk_at, is_cjk, is_cjkish, is_han, structure_marker, Marker};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// Does the line start with 一、, （一）/(一) or 第一，/第一、/第一：? (A soft break before such a
/// line becomes a hard break.)
pub(crate) fn starts_with_structure_marker(line: &str) -> bool {
    matches!(
        structure_marker(line),
        Some((Marker::Han | Marker::HanParen | Marker::Speech, _, _))
    )
}

/// Inline wrappers that the neighbour search looks through.
fn transparent(e: &Event) -> bool {
    matches!(
        e,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
    )
}

fn text_of<'a>(e: &'a Event) -> Option<&'a str> {
    match e {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    }
}

/// Drops soft breaks between CJK lines; before a structure marker the break becomes a hard
/// break so that two numbered items are not glued together.
pub(crate) fn join_soft_breaks(events: &mut Vec<(Event, Range<usize>)>) {
    let mut changed = false;
    for i in 0..events.len() {
        if !matches!(events[i].0, Event::SoftBreak) {
            continue;
        }
        let next_text = following_text(events, i);
        if starts_with_structure_marker(&next_text) {
            events[i].0 = Event::HardBreak;
            continue;
        }
        let before = events[..i]
            .iter()
            .rev()
            .find(|(e, _)| !transparent(e))
            .and_then(|(e, _)| text_of(e))
            .and_then(|t| t.chars().next_back());
        let after = next_text.chars().next();
        if let (Some(b), Some(a)) = (before, after) {
            if is_cjkish(b) && is_cjkish(a) && (is_cjk(b) || is_cjk(a)) {
                events[i].0 = Event::Text("".into());
                changed = true;
            }
        }
    }
    if changed {
        events.retain(|(e, _)| !matches!(e, Event::Text(t) if t.is_empty()));
    }
}

/// The start of the text after event `i`, through inline wrappers, across split Text events.
fn following_text(events: &[(Event, Range<usize>)], i: usize) -> String {
    let mut out = String::new();
    for (e, _) in &events[i + 1..] {
        if transparent(e) {
            continue;
        }
        match text_of(e) {
            Some(t) => {
                out.push_str(t);
                if out.chars().count() >= 6 {
                    break;
                }
            }
            None => break,
        }
    }
    out
}

/// 字数: Han characters, and runs of Latin letters or digits as one word each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub han: usize,
    pub latin_words: usize,
}

impl Counts {
    pub(crate) fn add_text(&mut self, text: &str) {
        let mut in_word = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // (Most characters of a Chinese text, Han and its punctuation, are told from their
            // first two bytes, without decoding: `zh::han_or_cjk_at`.)
            if let Some(han) = han_or_cjk_at(bytes[i], bytes.get(i + 1).copied().unwrap_or(0)) {
                self.han += usize::from(han);
                in_word = false;
                i += 3;
                continue;
            }
            if bytes[i].is_ascii() {
                if bytes[i].is_ascii_alphanumeric() {
                    self.latin_words += usize::from(!in_word);
                    in_word = true;
                } else {
                    in_word = false;
                }
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if is_han(c) {
                self.han += 1;
                in_word = false;
            } else if is_latin_alnum(c) {
                self.latin_words += usize::from(!in_word);
                in_word = true;
            } else {
                in_word = false;
            }
        }
    }

    pub(crate) fn words(&self) -> usize {
        self.han + self.latin_words
    }

    /// Minutes to read: Han at `han_per_min`, Latin words at 238 a minute, rounded up.
    pub(crate) fn minutes(&self, han_per_min: u32) -> usize {
        let m = self.han as f64 / han_per_min.max(1) as f64 + self.latin_words as f64 / 238.0;
        (m.ceil() as usize).max(1)
    }
}

/// A letter or digit of a Latin-like word for 字数. Outside `is_cjk`, so full-width letters and
/// digits (CJK forms) make no word.
fn is_latin_alnum(c: char) -> bool {
    crate::zh::is_alnum_outside(c, is_cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_markers() {
        for yes in [
            "一、总体要求",
            "（一）学习",
            "(二)调研",
            "第一，要",
            "十二、其他",
            "第三：落实",
        ] {
            assert!(starts_with_structure_marker(yes), "{yes}");
        }
        for no in ["一是加强", "一些同志", "（注）", "第一批", "二〇二三年"] {
            assert!(!starts_with_structure_marker(no), "{no}");
        }
    }

    #[test]
    fn counting_steps_over_han_as_the_per_character_count_does() {
        // Around each edge of the bytes counted without decoding (U+4000..=U+9FFF, the hexagrams
        // U+4DC0..=U+4DFF aside).
        let text = "\u{3fff}\u{4000}\u{4dbf}\u{4dc0}\u{4dff}\u{4e00}\u{4fff}\u{5000}a\u{9fff}b\u{a000}\u{f900}𠀋ｘＹ1２é 是、x\u{3000}";
        let slow = counted_one_by_one(text);
        let mut fast = Counts::default();
        fast.add_text(text);
        assert_eq!(fast, slow);
        assert_eq!(slow.han, 10);
    }

    /// The per-character count that `add_text` must equal.
    fn counted_one_by_one(text: &str) -> Counts {
        let mut slow = Counts::default();
        let mut in_word = false;
        for c in text.chars() {
            if is_han(c) {
                slow.han += 1;
                in_word = false;
            } else if is_latin_alnum(c) {
                slow.latin_words += usize::from(!in_word);
                in_word = true;
            } else {
                in_word = false;
            }
        }
        slow
    }

    #[test]
    fn every_character_counts_as_the_per_character_count_says() {
        // Each character alone, beside a Latin letter on each side, twice in a row, and
        // beside Han: what it counts as, and whether it joins or breaks a word.
        let all: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for chunk in all.chunks(64) {
            let mut text = String::new();
            for &c in chunk {
                text.push(c);
                text.push('a');
                text.push(c);
                text.push(c);
                text.push('是');
                text.push(c);
                text.push('1');
            }
            let mut fast = Counts::default();
            fast.add_text(&text);
            assert_eq!(fast, counted_one_by_one(&text), "around {:?}", chunk[0]);
        }
    }

    #[test]
    fn counting_follows_cjk_md() {
        let mut c = Counts::default();
        c.add_text("学习贯彻，Rust 2023 年！");
        assert_eq!(
            c,
            Counts {
                han: 5,
                latin_words: 2
            }
        );
        assert_eq!(c.words(), 7);
        assert_eq!(c.minutes(400), 1);
    }
}
