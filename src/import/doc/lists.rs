//! Automatic numbering ([MS-DOC] 2.9.147 PlfLst with its LSTF and LVL structures, 2.9.150
//! PlfLfo with LFO and LFOData): the number Word draws before a numbered paragraph, from the
//! level's format (nfc), its number text (xst, with level placeholders), start values, and the
//! counters that run through the document.

use super::bytes::{Bytes, Res};
use std::collections::HashMap;

/// A level of a list definition (LVL: LVLF, then grpprlPapx, grpprlChpx and xst).
#[derive(Clone, Default, Debug)]
pub(crate) struct Level {
    start: i32,
    /// MSONFC ([MS-OSHARED] 2.2.1.3).
    nfc: u8,
    /// fLegal: the other levels' numbers shown in Arabic digits.
    legal: bool,
    /// The number text: UTF-16 units; those below 9 stand for a level's number.
    xst: Vec<u16>,
}

/// A list definition (LSTF) and its levels.
struct List {
    lsid: i32,
    levels: Vec<Level>,
}

/// A list instance (LFO): the list it uses and the levels whose start it overrides.
struct Lfo {
    lsid: i32,
    starts: Vec<(u8, i32)>,
}

#[derive(Default)]
pub(crate) struct Lists {
    lists: Vec<List>,
    lfos: Vec<Lfo>,
    /// The last number at each level, per list definition.
    counters: HashMap<i32, [Option<i32>; 9]>,
    /// LFOs whose start overrides were applied.
    started: Vec<bool>,
}

const NFC_BULLET: u8 = 0x17;
const NFC_NONE: u8 = 0xFF;

/// What numbering gives a paragraph.
#[derive(Debug, PartialEq)]
pub(crate) enum Label {
    Number(String),
    Bullet,
}

impl Lists {
    /// `lst` is the table stream from fcPlfLst on (PlfLst then its LVLs); `lfo` is PlfLfo.
    pub(crate) fn read(lst: Option<Bytes>, lfo: Option<Bytes>) -> Res<Lists> {
        let mut out = Lists::default();
        if let Some(b) = lst {
            out.lists = read_lists(&b)?;
        }
        if let Some(b) = lfo {
            out.lfos = read_lfos(&b)?;
        }
        out.started = vec![false; out.lfos.len()];
        Ok(out)
    }

    /// Counts a paragraph of list instance `ilfo` (1-based) at level `ilvl`, and returns the
    /// label Word shows; `None` for no numbering.
    pub(crate) fn next(&mut self, ilfo: u16, ilvl: u8) -> Option<Label> {
        let i = usize::from(ilfo).checked_sub(1)?;
        let lfo = self.lfos.get(i)?;
        let list = self.lists.iter().find(|l| l.lsid == lfo.lsid)?;
        let lvl = usize::from(ilvl).min(list.levels.len().checked_sub(1)?);
        let counters = self.counters.entry(list.lsid).or_insert([None; 9]);
        if !self.started[i] {
            self.started[i] = true;
            for &(l, start) in &lfo.starts {
                if let Some(c) = counters.get_mut(usize::from(l)) {
                    *c = Some(start - 1);
                }
            }
        }
        let level = &list.levels[lvl];
        let n = counters[lvl].map_or(level.start, |c| c.saturating_add(1));
        counters[lvl] = Some(n);
        for deeper in counters.iter_mut().skip(lvl + 1) {
            *deeper = None;
        }
        match level.nfc {
            NFC_BULLET => Some(Label::Bullet),
            NFC_NONE => None,
            _ => Some(Label::Number(label(list, lvl, counters))),
        }
    }
}

/// The number text with each placeholder replaced by that level's number in its format.
fn label(list: &List, lvl: usize, counters: &[Option<i32>; 9]) -> String {
    let level = &list.levels[lvl];
    let mut out = Vec::new();
    for &u in &level.xst {
        if u < 9 {
            let l = usize::from(u);
            let other = list.levels.get(l).cloned().unwrap_or_default();
            let n = counters[l].unwrap_or(other.start);
            let nfc = if level.legal && l != lvl {
                0
            } else {
                other.nfc
            };
            out.extend(format(n, nfc).encode_utf16());
        } else {
            out.push(u);
        }
    }
    String::from_utf16_lossy(&out)
}

fn read_lists(b: &Bytes) -> Res<Vec<List>> {
    let c_lst = usize::from(b.u16(0)?);
    let mut lists = Vec::with_capacity(c_lst.min(4096));
    let mut at = 2 + 28 * c_lst;
    for i in 0..c_lst {
        // LSTF: lsid, tplc, rgistdPara[9], flags (fSimpleList), grfhic.
        let lstf = 2 + 28 * i;
        let lsid = b.i32(lstf)?;
        let simple = b.u8(lstf + 26)? & 1 != 0;
        let mut levels = Vec::new();
        for _ in 0..if simple { 1 } else { 9 } {
            let (level, size) = read_level(b, at)?;
            levels.push(level);
            at += size;
        }
        lists.push(List { lsid, levels });
    }
    Ok(lists)
}

/// A LVL at `at`, and its size.
fn read_level(b: &Bytes, at: usize) -> Res<(Level, usize)> {
    let start = b.i32(at)?;
    let nfc = b.u8(at + 4)?;
    let legal = b.u8(at + 5)? & 0x04 != 0;
    let cb_chpx = usize::from(b.u8(at + 24)?);
    let cb_papx = usize::from(b.u8(at + 25)?);
    let xst_at = at + 28 + cb_papx + cb_chpx;
    let cch = usize::from(b.u16(xst_at)?).min(255);
    let xst = b
        .slice(xst_at + 2, cch * 2)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let level = Level {
        start,
        nfc,
        legal,
        xst,
    };
    Ok((level, 28 + cb_papx + cb_chpx + 2 + cch * 2))
}

fn read_lfos(b: &Bytes) -> Res<Vec<Lfo>> {
    let n = b.u32(0)? as usize;
    if n > b.len() / 16 {
        return super::bytes::damaged("its list instances (PlfLfo) claim more than they hold");
    }
    let mut lfos = Vec::with_capacity(n);
    let mut at = 4 + 16 * n;
    for i in 0..n {
        let lsid = b.i32(4 + 16 * i)?;
        let clfolvl = usize::from(b.u8(4 + 16 * i + 12)?);
        let mut starts = Vec::new();
        // LFOData: cp, then clfolvl LFOLVLs (iStartAt, iLvl/fStartAt/fFormatting, [LVL]).
        at += 4;
        for _ in 0..clfolvl {
            let start = b.i32(at)?;
            let flags = b.u32(at + 4)?;
            at += 8;
            if flags & 0x10 != 0 {
                starts.push(((flags & 0x0F) as u8, start));
            }
            if flags & 0x20 != 0 {
                at += read_level(b, at)?.1;
            }
        }
        lfos.push(Lfo { lsid, starts });
    }
    Ok(lfos)
}

/// `n` in a numbering format; formats huibian does not know are shown in Arabic digits, as
/// Word falls back to.
pub(crate) fn format(n: i32, nfc: u8) -> String {
    let u = n.max(0) as u32;
    match nfc {
        // upperRoman, lowerRoman
        0x01 => roman(u),
        0x02 => roman(u).to_lowercase(),
        // upperLetter, lowerLetter
        0x03 => letters(u),
        0x04 => letters(u).to_lowercase(),
        // decimalFullWidth, decimalFullWidth2
        0x0E | 0x13 => u
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        // decimalEnclosedCircle, decimalEnclosedCircleChinese: ① … ⑳
        0x12 | 0x1C if (1..=20).contains(&u) => char::from_u32(0x2460 + u - 1)
            .map(String::from)
            .unwrap_or_default(),
        // decimalEnclosedFullstop ⒈ … ⒛, decimalEnclosedParen ⑴ … ⒇
        0x1A if (1..=20).contains(&u) => char::from_u32(0x2488 + u - 1)
            .map(String::from)
            .unwrap_or_default(),
        0x1B if (1..=20).contains(&u) => char::from_u32(0x2474 + u - 1)
            .map(String::from)
            .unwrap_or_default(),
        // decimalZero
        0x16 if u < 10 => format!("0{u}"),
        // ideographTraditional 甲乙丙…, ideographZodiac 子丑寅…
        0x1E if (1..=10).contains(&u) => cycle("甲乙丙丁戊己庚辛壬癸", u),
        0x1F if (1..=12).contains(&u) => cycle("子丑寅卯辰巳午未申酉戌亥", u),
        // ideographDigital 一二三 (digit by digit), japaneseCounting, taiwaneseCounting,
        // chineseCounting, chineseCountingThousand
        0x0A | 0x24 => u
            .to_string()
            .chars()
            .map(|c| {
                let d = c.to_digit(10).unwrap_or(0);
                if d == 0 {
                    '〇'
                } else {
                    crate::zh::chinese_numeral(d).chars().next().unwrap_or(c)
                }
            })
            .collect(),
        0x0B | 0x21 | 0x23 | 0x25 | 0x27 => crate::zh::chinese_counting(u),
        // chineseLegalSimplified 壹贰叁
        0x26 if u < 100 => legal_chinese(u),
        _ => u.to_string(),
    }
}

fn cycle(chars: &str, n: u32) -> String {
    chars
        .chars()
        .nth(n as usize - 1)
        .map(String::from)
        .unwrap_or_default()
}

fn legal_chinese(n: u32) -> String {
    const D: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    crate::zh::chinese_numeral(n)
        .chars()
        .map(|c| match crate::zh::han_digit(c) {
            Some(d) => D[d as usize],
            None if c == '十' => '拾',
            None => c,
        })
        .collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
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
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A, B, … Z, AA, BB, … as Word counts letters.
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".into();
    }
    let c = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(50) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_word_offers_in_chinese_documents() {
        assert_eq!(format(3, 0x00), "3");
        assert_eq!(format(12, 0x27), "十二");
        assert_eq!(format(101, 0x25), "一百零一");
        assert_eq!(format(2, 0x25), "二");
        assert_eq!(format(3, 0x12), "③");
        assert_eq!(format(21, 0x12), "21");
        assert_eq!(format(2, 0x1E), "乙");
        assert_eq!(format(11, 0x1E), "11");
        assert_eq!(format(12, 0x26), "拾贰");
        assert_eq!(format(105, 0x0A), "一〇五");
        assert_eq!(format(4, 0x02), "iv");
        assert_eq!(format(28, 0x03), "BB");
        assert_eq!(format(7, 0x0E), "７");
        assert_eq!(format(-5, 0x00), "0");
    }

    fn level(nfc: u8, text: &str) -> Level {
        Level {
            start: 1,
            nfc,
            legal: false,
            xst: text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => d as u16 - 1,
                    None => c as u16,
                })
                .collect(),
        }
    }

    #[test]
    fn counters_restart_below_a_new_higher_number() {
        let mut l = Lists {
            lists: vec![List {
                lsid: 7,
                levels: vec![level(0x27, "1、"), level(0x27, "（2）"), level(0, "1.2")],
            }],
            lfos: vec![
                Lfo {
                    lsid: 7,
                    starts: vec![],
                },
                Lfo {
                    lsid: 7,
                    starts: vec![(0, 5)],
                },
            ],
            ..Default::default()
        };
        l.started = vec![false; 2];
        let n = |l: &mut Lists, f, v| match l.next(f, v) {
            Some(Label::Number(s)) => s,
            other => panic!("{other:?}"),
        };
        assert_eq!(n(&mut l, 1, 0), "一、");
        assert_eq!(n(&mut l, 1, 1), "（一）");
        assert_eq!(n(&mut l, 1, 1), "（二）");
        assert_eq!(n(&mut l, 1, 2), "一.二");
        assert_eq!(n(&mut l, 1, 0), "二、");
        assert_eq!(n(&mut l, 1, 1), "（一）");
        // The second instance restarts level 0 at 5; the levels of the list stay shared.
        assert_eq!(n(&mut l, 2, 0), "五、");
        assert_eq!(l.next(3, 0), None);
        assert_eq!(l.next(0, 0), None);
        assert_eq!(n(&mut l, 1, 8), "五.一");
    }
}
