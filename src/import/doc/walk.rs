//! Character by character through a stretch of the text: fields reduced to their shown result
//! (0x13 instruction 0x14 result 0x15; a HYPERLINK field becomes a link), hidden text and
//! tracked deletions left out, footnote references marked, and the special characters
//! (pictures, comment marks) counted for the report. Paragraph and cell marks are handed back.

use super::fkp::{Chp, Runs};
use super::pieces::Chars;
use crate::import::text::Inline;
use std::collections::HashMap;

/// The mark that ended a stretch: 0x0D (paragraph) or 0x07 (cell or table row).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Mark {
    Para,
    Cell,
}

/// What was left out, for the report.
#[derive(Default)]
pub(crate) struct Left {
    pub(crate) hidden: usize,
    pub(crate) deleted: usize,
    pub(crate) pictures: usize,
    pub(crate) comments: usize,
}

#[derive(Default)]
struct Field {
    /// Past its separator (0x14): the result shows.
    result: bool,
    instr: Vec<u16>,
    url: Option<String>,
}

pub(crate) struct Walk<'a> {
    chars: &'a Chars,
    chpx: &'a Runs<Chp>,
    /// Footnote reference CPs → the note's id.
    notes: &'a HashMap<usize, String>,
    fields: Vec<Field>,
    inlines: Vec<Inline>,
    run: Vec<u16>,
    run_chp: (bool, bool),
    /// The open hyperlink: its URL and text so far.
    link: Option<(String, Vec<u16>)>,
    pub(crate) left: Left,
}

/// A field instruction longer than this is not kept (it is never shown).
const MAX_INSTR: usize = 4096;

impl<'a> Walk<'a> {
    pub(crate) fn new(
        chars: &'a Chars,
        chpx: &'a Runs<Chp>,
        notes: &'a HashMap<usize, String>,
    ) -> Self {
        Walk {
            chars,
            chpx,
            notes,
            fields: Vec::new(),
            inlines: Vec::new(),
            run: Vec::new(),
            run_chp: (false, false),
            link: None,
            left: Left::default(),
        }
    }

    /// Reads the character at `cp`; a paragraph or cell mark is returned with its stream
    /// offset (where the paragraph's properties are found).
    pub(crate) fn step(&mut self, cp: usize) -> Option<(Mark, u32)> {
        let (u, fc) = (*self.chars.units.get(cp)?, *self.chars.fcs.get(cp)?);
        let chp = self.chpx.at(fc).copied().unwrap_or_default();
        if self.field_char(u) {
            return None;
        }
        let mark = match u {
            0x0D => Some(Mark::Para),
            0x07 => Some(Mark::Cell),
            _ => None,
        };
        if let Some(m) = mark {
            return Some((m, fc));
        }
        if let Some(f) = self.fields.iter_mut().rev().find(|f| !f.result) {
            if f.instr.len() < MAX_INSTR {
                f.instr.push(u);
            }
            return None;
        }
        if chp.deleted {
            self.left.deleted += 1;
        } else if chp.hidden {
            self.left.hidden += 1;
        } else if let Some(id) = self.notes.get(&cp) {
            self.flush();
            self.inlines.push(Inline::Note(id.clone()));
        } else {
            self.shown(u, chp);
        }
        None
    }

    /// Field begin, separator and end; true if `u` was one of them.
    fn field_char(&mut self, u: u16) -> bool {
        match u {
            0x13 => self.fields.push(Field::default()),
            0x14 => {
                let outer_shown = self.fields.iter().rev().skip(1).all(|f| f.result);
                let url = self.fields.last_mut().and_then(|f| {
                    f.result = true;
                    f.url = hyperlink(&String::from_utf16_lossy(&f.instr));
                    f.url.clone()
                });
                if let (Some(url), true, None) = (url, outer_shown, &self.link) {
                    self.flush();
                    self.link = Some((url, Vec::new()));
                }
            }
            0x15 => {
                if self.fields.pop().is_some_and(|f| f.url.is_some()) {
                    self.end_link();
                }
            }
            _ => return false,
        }
        true
    }

    fn shown(&mut self, u: u16, chp: Chp) {
        match u {
            0x0B | 0x0C | 0x0E => {
                self.flush();
                self.inlines.push(Inline::Break);
            }
            0x09 => self.push(u16::from(b' '), chp),
            // Non-breaking hyphen; an optional hyphen shows only at a line end.
            0x1E => self.push(u16::from(b'-'), chp),
            0x01 | 0x08 if chp.special => self.left.pictures += 1,
            0x05 if chp.special => self.left.comments += 1,
            u if u < 0x20 => {}
            _ => self.push(u, chp),
        }
    }

    fn push(&mut self, u: u16, chp: Chp) {
        if let Some((_, text)) = &mut self.link {
            text.push(u);
            return;
        }
        if self.run_chp != (chp.bold, chp.italic) {
            self.flush();
            self.run_chp = (chp.bold, chp.italic);
        }
        self.run.push(u);
    }

    fn flush(&mut self) {
        if !self.run.is_empty() {
            self.inlines.push(Inline::Text {
                text: String::from_utf16_lossy(&self.run),
                bold: self.run_chp.0,
                italic: self.run_chp.1,
            });
            self.run.clear();
        }
    }

    fn end_link(&mut self) {
        if let Some((url, text)) = self.link.take() {
            if !text.is_empty() {
                let text = String::from_utf16_lossy(&text);
                self.inlines.push(Inline::Link { text, url });
            }
        }
    }

    /// The paragraph read so far; a link open across the mark goes on in the next one.
    pub(crate) fn take(&mut self) -> Vec<Inline> {
        self.flush();
        if let Some((url, _)) = self.link.clone() {
            self.end_link();
            self.link = Some((url, Vec::new()));
        }
        std::mem::take(&mut self.inlines)
    }
}

/// The target of a `HYPERLINK "url"` instruction; a link inside the document (`\l`) or any
/// other field is none.
fn hyperlink(instr: &str) -> Option<String> {
    let rest = instr.trim_start();
    let head = rest.get(..9)?;
    if !head.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let rest = rest[9..].trim();
    if rest.starts_with("\\l") {
        return None;
    }
    let url = match rest.strip_prefix('"') {
        Some(q) => q.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    let url: String = url.chars().filter(|c| !c.is_control()).collect();
    (!url.trim().is_empty()).then(|| url.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_instructions() {
        assert_eq!(
            hyperlink(" HYPERLINK \"http://a.example/x?y=1\" \\t \"_blank\" ").as_deref(),
            Some("http://a.example/x?y=1")
        );
        assert_eq!(
            hyperlink("hyperlink http://b.example").as_deref(),
            Some("http://b.example")
        );
        assert_eq!(hyperlink("HYPERLINK \\l \"_Toc1\""), None);
        assert_eq!(hyperlink(" PAGE "), None);
        assert_eq!(hyperlink("HYPERLINK"), None);
        assert_eq!(hyperlink("HYPERLINK \"\""), None);
    }
}
