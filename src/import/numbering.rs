//! The numbers office software draws in front of list paragraphs (`1.`, `一、`, `（一）`, `①`,
//! `1.1`), which are not in the text of a .docx or .odt: each level's number format, its text
//! template, its start, and the counters that advance and restart as paragraphs come. Word's
//! numbering.xml and OpenDocument's list styles are both read into these types, so that both
//! count alike and a numbered paragraph imports with the number the reader saw.

use crate::zh::{self, Counting};

/// How a level writes its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Decimal,
    /// 01, 02 … 10.
    DecimalZero,
    /// １ ２ ３.
    FullWidth,
    /// ① … ⑳, then plain digits (as Word does past 20).
    Circled,
    /// ⑴ … ⒇.
    ParenDigit,
    /// ⒈ … ⒛.
    DotDigit,
    /// A … Z, then AA BB (`sync`: Word's way, and OpenDocument's letter-sync) or AA AB.
    UpperLetter {
        sync: bool,
    },
    LowerLetter {
        sync: bool,
    },
    UpperRoman,
    LowerRoman,
    Chinese(Counting),
    /// 一〇 for 10.
    HanDigits,
    /// 甲 乙 丙.
    Stem,
    /// 子 丑 寅.
    Branch,
    /// A bullet: the paragraph is an item of an unordered list, and has no number.
    Bullet,
    /// No number (the template's text alone).
    None,
}

impl Format {
    /// Word's `w:numFmt` value. Formats of other scripts Word offers (Hebrew, Thai, Korean …)
    /// count in decimal here: their digits would be no help to a Chinese reader either way.
    pub(crate) fn from_word(name: &str) -> Format {
        match name {
            "decimalZero" => Format::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => Format::FullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Format::Circled,
            "decimalEnclosedParen" => Format::ParenDigit,
            "decimalEnclosedFullstop" => Format::DotDigit,
            "upperLetter" => Format::UpperLetter { sync: true },
            "lowerLetter" => Format::LowerLetter { sync: true },
            "upperRoman" => Format::UpperRoman,
            "lowerRoman" => Format::LowerRoman,
            "chineseCounting" | "taiwaneseCounting" | "japaneseCounting" => {
                Format::Chinese(Counting::Plain)
            }
            "chineseCountingThousand" | "taiwaneseCountingThousand" => {
                Format::Chinese(Counting::Thousand)
            }
            "chineseLegalSimplified" | "ideographLegalTraditional" => {
                Format::Chinese(Counting::Legal)
            }
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                Format::HanDigits
            }
            "ideographTraditional" => Format::Stem,
            "ideographZodiac" => Format::Branch,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            _ => Format::Decimal,
        }
    }

    /// OpenDocument's `style:num-format` (with `style:num-letter-sync`). LibreOffice names
    /// its Chinese formats by their first numbers, `一, 二, 三, ...`.
    pub(crate) fn from_odf(name: &str, letter_sync: bool) -> Format {
        match name.split(',').next().unwrap_or("").trim() {
            "" => Format::None,
            "1" => Format::Decimal,
            "01" | "001" => Format::DecimalZero,
            "A" => Format::UpperLetter { sync: letter_sync },
            "a" => Format::LowerLetter { sync: letter_sync },
            "I" => Format::UpperRoman,
            "i" => Format::LowerRoman,
            "１" => Format::FullWidth,
            "①" => Format::Circled,
            "⑴" => Format::ParenDigit,
            "⒈" => Format::DotDigit,
            "一" => Format::Chinese(Counting::Thousand),
            "壹" => Format::Chinese(Counting::Legal),
            "甲" => Format::Stem,
            "子" => Format::Branch,
            _ => Format::Decimal,
        }
    }

    /// `n` in this format.
    pub(crate) fn write(self, n: u32) -> String {
        // The enclosed forms stop at 20; past it, Word writes plain digits.
        let enclosed = |first: u32| match n {
            1..=20 => char::from_u32(first + n - 1).map_or_else(|| n.to_string(), String::from),
            _ => n.to_string(),
        };
        match self {
            Format::Decimal => n.to_string(),
            Format::DecimalZero => format!("{n:02}"),
            Format::FullWidth => n
                .to_string()
                .chars()
                .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
                .collect(),
            Format::Circled => enclosed(0x2460),
            Format::ParenDigit => enclosed(0x2474),
            Format::DotDigit => enclosed(0x2488),
            Format::UpperLetter { sync } => letters(n, sync),
            Format::LowerLetter { sync } => letters(n, sync).to_lowercase(),
            Format::UpperRoman => roman(n),
            Format::LowerRoman => roman(n).to_lowercase(),
            Format::Chinese(how) => zh::chinese_count(n, how),
            Format::HanDigits => zh::han_digits(n),
            Format::Stem => zh::heavenly_stem(n).to_string(),
            Format::Branch => zh::earthly_branch(n).to_string(),
            Format::Bullet | Format::None => String::new(),
        }
    }
}

/// A … Z, then AA BB … (sync) or AA AB … (spreadsheet-column style).
fn letters(n: u32, sync: bool) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = |i: u32| char::from(b'A' + (i % 26) as u8);
    if sync {
        let times = (n - 1) / 26 + 1;
        return std::iter::repeat_n(letter(n - 1), times.min(50) as usize).collect();
    }
    let mut out = Vec::new();
    let mut k = n;
    while k > 0 {
        k -= 1;
        out.push(letter(k));
        k /= 26;
    }
    out.iter().rev().collect()
}

/// Roman numerals up to 3999 (past that, digits: no list runs that long).
fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    let mut k = n;
    for (v, s) in R {
        while k >= v {
            out.push_str(s);
            k -= v;
        }
    }
    out
}

/// What a list paragraph shows before its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Label {
    /// A number with its separator (`一、`, `1. `).
    Number(String),
    /// A bullet at this depth: an unordered list item.
    Bullet(usize),
    /// A numbered level that has no text template: an ordered list item, counted by the reader.
    Untemplated(usize),
}

/// A piece of a level's text template: literal text, or the number of a level (0-based).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Text(String),
    Number(usize),
}

/// What stands between the number and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Follow {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of a list definition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Level {
    pub(crate) format: Format,
    /// `None`: the level has no template at all (a definition written without `w:lvlText`).
    pub(crate) template: Option<Vec<Piece>>,
    pub(crate) start: u32,
    /// Restarts after a paragraph of a level above it: any (`None`, the default), never
    /// (`Some(0)`), or only those above level `n` (`Some(n)`, Word's 1-based `w:lvlRestart`).
    pub(crate) restart_after: Option<usize>,
    /// Word's `w:isLgl` ("legal style"): every number of the template in decimal, its own
    /// too (1.1 under 一、).
    pub(crate) legal: bool,
    pub(crate) follow: Follow,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            format: Format::Decimal,
            template: None,
            start: 1,
            restart_after: None,
            legal: false,
            follow: Follow::Tab,
        }
    }
}

/// Word's `w:lvlText`: `%1、`, `（%2）`, `%1.%2`. A `%` not followed by 1–9 is text.
pub(crate) fn word_template(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut lit = String::new();
    let mut cs = text.chars().peekable();
    while let Some(c) = cs.next() {
        match (c, cs.peek().and_then(|d| d.to_digit(10))) {
            ('%', Some(d @ 1..=9)) => {
                cs.next();
                if !lit.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut lit)));
                }
                out.push(Piece::Number(d as usize - 1));
            }
            _ => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Text(lit));
    }
    out
}

/// The counters of one list as its paragraphs come (nine levels, as Word has; OpenDocument's
/// tenth is counted as the ninth).
#[derive(Debug, Clone, Default)]
pub(crate) struct Counters {
    values: [Option<u32>; 9],
}

pub(crate) const LEVELS: usize = 9;

impl Counters {
    /// A paragraph at `level` comes: its counter advances (or starts at `start`, or is set to
    /// `value`), and the levels below it that restart are cleared.
    pub(crate) fn advance(&mut self, levels: &[Level], level: usize, value: Option<u32>) {
        let level = level.min(LEVELS - 1);
        for k in level + 1..LEVELS {
            let restart = levels.get(k).and_then(|l| l.restart_after);
            if restart.is_none_or(|n| n > 0 && level < n) {
                self.values[k] = None;
            }
        }
        let start = levels.get(level).map_or(1, |l| l.start);
        self.values[level] = Some(match (value, self.values[level]) {
            (Some(v), _) => v,
            (None, Some(v)) => v.saturating_add(1),
            (None, None) => start,
        });
    }

    /// The number shown for a paragraph at `level` (after `advance`), with what follows it:
    /// `None` if the level draws nothing.
    pub(crate) fn label(&self, levels: &[Level], level: usize) -> Option<String> {
        let lv = levels.get(level)?;
        let template = lv.template.as_ref()?;
        let mut out = String::new();
        for p in template {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Number(k) => {
                    let Some(l) = levels.get(*k) else { continue };
                    // A level above that never had a paragraph shows its start (Word does).
                    let n = self.values.get(*k).copied().flatten().unwrap_or(l.start);
                    let format = if lv.legal { Format::Decimal } else { l.format };
                    out.push_str(&format.write(n));
                }
            }
        }
        let out = out.trim_end().to_string();
        (!out.trim().is_empty()).then(|| with_follow(out, lv.follow))
    }
}

/// The number and its separator as text: a space after a number that ends in a Latin letter,
/// digit or ASCII sign (`1. `, `a) `), nothing after Chinese punctuation or numerals
/// (`一、`, `（一）`, `①`), which Chinese type sets without a gap.
fn with_follow(mut label: String, follow: Follow) -> String {
    let latin_end = label.chars().last().is_some_and(|c| c.is_ascii());
    if follow != Follow::Nothing && latin_end {
        label.push(' ');
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lvl(format: Format, text: &str) -> Level {
        Level {
            format,
            template: Some(word_template(text)),
            ..Level::default()
        }
    }

    #[test]
    fn formats_write_numbers_as_office_software_shows_them() {
        let w = |f: &str, n| Format::from_word(f).write(n);
        assert_eq!(w("decimal", 12), "12");
        assert_eq!(w("chineseCounting", 3), "三");
        assert_eq!(w("chineseCountingThousand", 11), "十一");
        assert_eq!(w("taiwaneseCountingThousand", 20), "二十");
        assert_eq!(w("chineseLegalSimplified", 2), "贰");
        assert_eq!(w("ideographTraditional", 3), "丙");
        assert_eq!(w("ideographZodiac", 2), "丑");
        assert_eq!(w("decimalEnclosedCircle", 1), "①");
        assert_eq!(w("decimalEnclosedCircle", 20), "⑳");
        assert_eq!(w("decimalEnclosedCircle", 21), "21");
        assert_eq!(w("decimalEnclosedParen", 2), "⑵");
        assert_eq!(w("decimalFullWidth", 12), "１２");
        assert_eq!(w("decimalZero", 7), "07");
        assert_eq!(w("upperLetter", 28), "BB");
        assert_eq!(w("lowerLetter", 2), "b");
        assert_eq!(w("upperRoman", 14), "XIV");
        assert_eq!(w("lowerRoman", 9), "ix");
        assert_eq!(w("somethingNew", 4), "4");
        assert_eq!(Format::from_odf("A", false).write(28), "AB");
        assert_eq!(Format::from_odf("一, 二, 三, ...", false).write(10), "十");
        assert_eq!(Format::from_odf("①, ②, ③, ...", false).write(3), "③");
        assert_eq!(Format::from_odf("", false), Format::None);
    }

    #[test]
    fn templates_keep_percent_signs_that_are_not_level_numbers() {
        assert_eq!(
            word_template("第%1条（%2）100%"),
            vec![
                Piece::Text("第".into()),
                Piece::Number(0),
                Piece::Text("条（".into()),
                Piece::Number(1),
                Piece::Text("）100%".into()),
            ]
        );
    }

    #[test]
    fn counters_advance_restart_and_fill_templates() {
        let mut levels = vec![
            lvl(Format::Chinese(Counting::Thousand), "%1、"),
            lvl(Format::Chinese(Counting::Thousand), "（%2）"),
            lvl(Format::Decimal, "%1.%2.%3"),
        ];
        levels[2].legal = true;
        let mut c = Counters::default();
        let mut seen = Vec::new();
        for l in [0, 1, 1, 2, 2, 0, 1, 2] {
            c.advance(&levels, l, None);
            seen.push(c.label(&levels, l).unwrap());
        }
        assert_eq!(
            seen,
            [
                "一、",
                "（一）",
                "（二）",
                "1.2.1 ",
                "1.2.2 ",
                "二、",
                "（一）",
                "2.1.1 "
            ]
        );
        // A level that never restarts keeps counting under a new parent.
        levels[1].restart_after = Some(0);
        let mut c = Counters::default();
        for l in [0, 1, 1, 0, 1] {
            c.advance(&levels, l, None);
        }
        assert_eq!(c.label(&levels, 1).unwrap(), "（三）");
        // A level never seen shows its start; a set value wins.
        let mut c = Counters::default();
        c.advance(&levels, 2, None);
        assert_eq!(c.label(&levels, 2).unwrap(), "1.1.1 ");
        c.advance(&levels, 0, Some(5));
        assert_eq!(c.label(&levels, 0).unwrap(), "五、");
        // No template: nothing to show.
        let bare = [Level::default()];
        let mut c = Counters::default();
        c.advance(&bare, 0, None);
        assert_eq!(c.label(&bare, 0), None);
    }
}
