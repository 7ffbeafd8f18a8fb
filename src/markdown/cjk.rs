//! The Chinese rules of CJK.md: which characters are CJK, when a soft line break between two
//! lines disappears, where a numbered structure marker starts, and how characters are counted.

use crate::zh::{is_cjk, is_cjkish, is_han};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

const NUMERALS: &str = "一二三四五六七八九十百";

/// Chinese numbered structure (CJK.md, import rule 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    /// 一、
    Han,
    /// 第一，
    Speech,
    /// （一）
    HanParen,
    /// 1.
    Digit,
    /// （1）
    DigitParen,
}

/// The kind and number of a paragraph's leading structure marker, and the marker's length in
/// bytes.
pub fn structure_marker(text: &str) -> Option<(Marker, u32, usize)> {
    let t = text.trim_start_matches([' ', '\u{3000}', '\t']);
    let off = text.len() - t.len();
    // A marker is a few characters long: the first eight are all it looks at (not the
    // whole paragraph, which it is called for).
    let cs: Vec<(usize, char)> = t.char_indices().take(8).collect();
    let han_num = |from: usize| {
        let n = cs[from.min(cs.len())..]
            .iter()
            .take(4)
            .take_while(|(_, c)| NUMERALS.contains(*c))
            .count();
        if n == 0 || n > 3 {
            return None;
        }
        let s: String = cs[from..from + n].iter().map(|(_, c)| c).collect();
        Some((crate::zh::chinese_number(&s)?, from + n))
    };
    let digit_num = |from: usize| {
        let n = cs[from.min(cs.len())..]
            .iter()
            .take(3)
            .take_while(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c))
            .count();
        if n == 0 || n > 2 {
            return None;
        }
        let v = cs[from..from + n].iter().fold(0u32, |v, (_, c)| {
            v * 10
                + if c.is_ascii_digit() {
                    *c as u32 - '0' as u32
                } else {
                    *c as u32 - '０' as u32
                }
        });
        Some((v, from + n))
    };
    let at = |k: usize| cs.get(k).map(|x| x.1);
    let len = |k: usize| off + cs.get(k).map_or(t.len(), |x| x.0);
    match at(0)? {
        '（' | '(' => {
            if let Some((n, k)) = han_num(1) {
                if matches!(at(k), Some('）' | ')')) {
                    return Some((Marker::HanParen, n, len(k + 1)));
                }
            }
            if let Some((n, k)) = digit_num(1) {
                if matches!(at(k), Some('）' | ')')) {
                    return Some((Marker::DigitParen, n, len(k + 1)));
                }
            }
            None
        }
        '第' => {
            let (n, k) = han_num(1)?;
            matches!(at(k), Some('，' | ',' | '、' | '：' | ':')).then_some((
                Marker::Speech,
                n,
                len(k + 1),
            ))
        }
        c if NUMERALS.contains(c) => {
            let (n, k) = han_num(0)?;
            (at(k) == Some('、')).then_some((Marker::Han, n, len(k + 1)))
        }
        _ => {
            let (n, k) = digit_num(0)?;
            let dot = matches!(at(k), Some('.' | '．'));
            let digit_after =
                at(k + 1).is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
            (dot && !digit_after).then_some((Marker::Digit, n, len(k + 1)))
        }
    }
}

/// Does the line start with 一、, （一）/(一) or 第一，/第一、/第一：?
pub fn starts_with_structure_marker(line: &str) -> bool {
    matches!(
        structure_marker(line),
        Some((Marker::Han | Marker::HanParen | Marker::Speech, _, _))
    )
}

/// A run of one repeated character in text, with what stands around it: the raw material of
/// the redaction, blank, placeholder and punctuation warnings of import and check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Byte offset in the text.
    pub at: usize,
    pub ch: char,
    pub len: usize,
    pub han_before: bool,
    pub han_after: bool,
}

/// Runs of the characters `wanted` picks.
pub fn runs(text: &str, wanted: impl Fn(char) -> bool) -> Vec<Run> {
    let cs: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i].1;
        let len = cs[i..].iter().take_while(|x| x.1 == c).count();
        if wanted(c) {
            out.push(Run {
                at: cs[i].0,
                ch: c,
                len,
                han_before: i > 0 && is_cjk(cs[i - 1].1),
                han_after: cs.get(i + len).is_some_and(|x| is_cjk(x.1)),
            });
        }
        i += len;
    }
    out
}

/// `xx`, `XX`, `××` standing for a name or number next to Chinese text; `某某` anywhere.
pub fn is_placeholder(r: &Run) -> bool {
    match r.ch {
        'x' | 'X' | '×' | 'Ｘ' | 'ｘ' => r.len >= 2 && (r.han_before || r.han_after),
        '某' => r.len >= 2,
        _ => false,
    }
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
pub fn join_soft_breaks(events: &mut Vec<(Event, Range<usize>)>) {
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
    pub fn add_text(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if is_han(c) {
                self.han += 1;
                in_word = false;
            } else if is_latin_alnum(c) {
                if !in_word {
                    self.latin_words += 1;
                }
                in_word = true;
            } else {
                in_word = false;
            }
        }
    }

    pub fn words(&self) -> usize {
        self.han + self.latin_words
    }

    /// Minutes to read: Han at `han_per_min`, Latin words at 238 a minute, rounded up.
    pub fn minutes(&self, han_per_min: u32) -> usize {
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
