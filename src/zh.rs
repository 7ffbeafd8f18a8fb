//! Facts about Chinese text that several stages need: Chinese numerals and batch labels (第一批),
//! ASCII and full-width digits, the numbered structure markers of Chinese documents (一、 （一）
//! 第一， 1. （1）), runs and placeholders (`xx`, `某某`), and which characters count as CJK.
//! A leaf: it uses no other module of the crate, so source, markdown, search, import and check
//! ask it instead of reaching into each other.

// ---- Numerals and batches -------------------------------------------------------------------

/// A Chinese digit written one by one, as in a year (二〇二三): 〇 or 零 → 0, 一 … 九 → 1–9.
pub(crate) fn han_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1),
    }
}

/// 一 … 九十九 (and 零) → the number. A number written with 十 never holds 〇 (that is the
/// digit-by-digit way of years, `han_digit`), so 〇 is refused here: 二十〇 is not twenty.
pub(crate) fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| han_digit(c).filter(|_| c != '〇');
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] => digit(*d).or_else(|| (*d == '十').then_some(10)),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

/// The number in Chinese numerals up to 99 (一, 十二, 二十); larger ones in ASCII digits.
pub(crate) fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[(n / 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// 第一批 for 1: how batches are named in Chinese documents.
pub(crate) fn batch_label(n: u32) -> String {
    format!("第{}批", chinese_numeral(n))
}

/// 1, "2", 第一批, 第二批, 一, 第十二批 → the batch number (never 0).
pub(crate) fn parse_batch(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u32>() {
        return (n > 0).then_some(n);
    }
    let core = s.strip_prefix('第').unwrap_or(s);
    let core = core.strip_suffix('批').unwrap_or(core);
    chinese_number(core).filter(|n| *n > 0)
}

/// How office software counts in Chinese numerals (Word's `chineseCounting`,
/// `chineseCountingThousand`, `chineseLegalSimplified`; OpenDocument's `一, 二, 三, ...`): the
/// digits, the unit words, and what a zero inside a number is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counting {
    /// 一 十一 二十 一百〇一: Word's chineseCounting (〇 inside, no 一 before a leading 十).
    Plain,
    /// 一 十一 二十 一百零一 一千零一十: the everyday way (chineseCountingThousand).
    Thousand,
    /// 壹 拾壹 贰拾 壹佰零壹: the financial forms (chineseLegalSimplified).
    Legal,
}

/// `n` counted in Chinese numerals (1 … 99 999; 0 is 〇 or 零; larger numbers in digits).
pub(crate) fn chinese_count(n: u32, how: Counting) -> String {
    let (digits, units, zero) = match how {
        Counting::Plain => ("〇一二三四五六七八九", ["", "十", "百", "千", "万"], '〇'),
        Counting::Thousand => ("零一二三四五六七八九", ["", "十", "百", "千", "万"], '零'),
        Counting::Legal => ("零壹贰叁肆伍陆柒捌玖", ["", "拾", "佰", "仟", "万"], '零'),
    };
    let digit = |d: u32| digits.chars().nth(d as usize).unwrap_or(zero);
    if n == 0 {
        return zero.to_string();
    }
    if n > 99_999 {
        return n.to_string();
    }
    let places: Vec<u32> = (0..5).rev().map(|p| n / 10u32.pow(p) % 10).collect();
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, d) in places.iter().enumerate() {
        let unit = units[4 - i];
        if *d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        // 十一, not 一十一, when 十 leads (拾 keeps its 壹: 壹拾壹 is how amounts are written).
        if !(*d == 1 && unit == "十" && out.is_empty()) {
            out.push(digit(*d));
        }
        out.push_str(unit);
    }
    out
}

/// The heavenly stems 甲 乙 丙 … 癸 (Word's `ideographTraditional`), repeating after ten.
pub(crate) fn heavenly_stem(n: u32) -> char {
    "甲乙丙丁戊己庚辛壬癸"
        .chars()
        .nth((n.max(1) as usize - 1) % 10)
        .unwrap_or('甲')
}

/// The earthly branches 子 丑 寅 … 亥 (Word's `ideographZodiac`), repeating after twelve.
pub(crate) fn earthly_branch(n: u32) -> char {
    "子丑寅卯辰巳午未申酉戌亥"
        .chars()
        .nth((n.max(1) as usize - 1) % 12)
        .unwrap_or('子')
}

/// `n` written digit by digit in Chinese numerals (Word's `ideographDigital`): 10 → 一〇.
pub(crate) fn han_digits(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            "〇一二三四五六七八九"
                .chars()
                .nth(c as usize - '0' as usize)
                .unwrap_or('〇')
        })
        .collect()
}

// ---- Digits ---------------------------------------------------------------------------------

/// An ASCII (0–9) or full-width (０–９) digit's value: Chinese documents use both.
#[inline]
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// ０–９.
pub(crate) fn is_full_width_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

// ---- Numbered structure ---------------------------------------------------------------------

/// The numerals a structure marker is written with.
const NUMERALS: &str = "一二三四五六七八九十百";

/// Chinese numbered structure (CJK.md, import rule 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Marker {
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
pub(crate) fn structure_marker(text: &str) -> Option<(Marker, u32, usize)> {
    let t = text.trim_start_matches([' ', '\u{3000}', '\t']);
    let off = text.len() - t.len();
    // A marker is a few characters long: the first eight are all it looks at (not the
    // whole paragraph, which it is called for).
    let cs: Vec<(usize, char)> = t.char_indices().take(8).collect();
    let at = |k: usize| cs.get(k).map(|x| x.1);
    let len = |k: usize| off + cs.get(k).map_or(t.len(), |x| x.0);
    let closes = |k: usize| matches!(at(k), Some('）' | ')'));
    match at(0)? {
        '（' | '(' => {
            if let Some((n, k)) = han_num(&cs, 1).filter(|(_, k)| closes(*k)) {
                return Some((Marker::HanParen, n, len(k + 1)));
            }
            let (n, k) = digit_num(&cs, 1).filter(|(_, k)| closes(*k))?;
            Some((Marker::DigitParen, n, len(k + 1)))
        }
        '第' => {
            let (n, k) = han_num(&cs, 1)?;
            matches!(at(k), Some('，' | ',' | '、' | '：' | ':')).then_some((
                Marker::Speech,
                n,
                len(k + 1),
            ))
        }
        c if NUMERALS.contains(c) => {
            let (n, k) = han_num(&cs, 0)?;
            (at(k) == Some('、')).then_some((Marker::Han, n, len(k + 1)))
        }
        _ => {
            let (n, k) = digit_num(&cs, 0)?;
            let dot = matches!(at(k), Some('.' | '．'));
            let digit_after = at(k + 1).and_then(digit_value).is_some();
            (dot && !digit_after).then_some((Marker::Digit, n, len(k + 1)))
        }
    }
}

/// One to three Chinese numerals from `from`: (value, index after them).
fn han_num(cs: &[(usize, char)], from: usize) -> Option<(u32, usize)> {
    let n = cs[from.min(cs.len())..]
        .iter()
        .take(4)
        .take_while(|(_, c)| NUMERALS.contains(*c))
        .count();
    if n == 0 || n > 3 {
        return None;
    }
    let s: String = cs[from..from + n].iter().map(|(_, c)| c).collect();
    Some((chinese_number(&s)?, from + n))
}

/// One or two ASCII or full-width digits from `from`: (value, index after them).
fn digit_num(cs: &[(usize, char)], from: usize) -> Option<(u32, usize)> {
    let n = cs[from.min(cs.len())..]
        .iter()
        .take(3)
        .take_while(|(_, c)| digit_value(*c).is_some())
        .count();
    if n == 0 || n > 2 {
        return None;
    }
    let v = cs[from..from + n]
        .iter()
        .fold(0, |v, (_, c)| v * 10 + digit_value(*c).unwrap_or(0));
    Some((v, from + n))
}

// ---- The sign-off (落款) ----------------------------------------------------------------------

/// Characters a sign-off's name line is at most (a long joint unit name fits, a sentence does
/// not).
const SIGNOFF_NAME_MAX: usize = 30;

/// Lines that end a letter or notice above its sign-off and are not a name: 特此通知, 此致敬礼 …
const CLOSING_FORMULAS: [&str; 7] = ["特此", "此致", "敬礼", "妥否", "以上", "附件", "谢谢"];

/// Can this line stand above the date in a 落款 (GB/T 9704: the issuing unit, or the writer's
/// name)? A short line with Chinese in it, no sentence or list punctuation, no numbered
/// structure, no closing formula. (Whether it is the date line is the caller's question.)
pub(crate) fn is_signoff_name(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c.is_whitespace());
    !t.is_empty()
        && t.chars().count() <= SIGNOFF_NAME_MAX
        && t.chars().any(is_han)
        && !t.contains([
            '。', '！', '？', '；', '，', '、', '：', '!', '?', ';', ',', ':',
        ])
        && structure_marker(t).is_none()
        && !CLOSING_FORMULAS.iter().any(|f| t.starts_with(f))
}

// ---- Runs and placeholders ------------------------------------------------------------------

/// A run of one repeated character in text, with what stands around it: the raw material of
/// the redaction, blank, placeholder and punctuation warnings of import and check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    /// Byte offset in the text.
    pub at: usize,
    pub ch: char,
    pub len: usize,
    /// Is the character before the run CJK (`is_cjk`: Chinese punctuation counts)?
    pub han_before: bool,
    pub han_after: bool,
}

/// Runs of the characters `wanted` picks.
pub(crate) fn runs(text: &str, wanted: impl Fn(char) -> bool) -> Vec<Run> {
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
pub(crate) fn is_placeholder(r: &Run) -> bool {
    match r.ch {
        'x' | 'X' | '×' | 'Ｘ' | 'ｘ' => r.len >= 2 && (r.han_before || r.han_after),
        '某' => r.len >= 2,
        _ => false,
    }
}

// ---- Which characters are CJK ---------------------------------------------------------------
//
// Five classes, different on purpose (each answers another question):
//
// | class           | Han | kana, bopomofo | Hangul | CJK punctuation, full-width | asked by       |
// |-----------------|-----|----------------|--------|-----------------------------|----------------|
// | `is_han`        | yes | no             | no     | no                          | 字数           |
// | `is_cjk_char`   | yes | yes            | yes    | no                          | search, import |
// | `is_cjk`        | yes | yes            | no     | yes                         | markdown, runs |
// | `is_cjkish`     | `is_cjk`, and the quotes, dashes, ellipsis and dots shared with Western text   |
// | `is_east_asian` | yes | yes            | yes    | yes                         | emphasis       |
//
// - Line joining and "next to Chinese" (`is_cjk`) must count Chinese punctuation as Chinese:
//   `学习，⏎贯彻` is one line, `，xx` a placeholder. Korean puts spaces between words, so a
//   break between Hangul lines stays a space. Nor is anything of it a word of 字数.
// - Search (`is_cjk_char`) must not: punctuation separates runs, so a phrase never matches
//   across it; full-width letters and digits never reach it (NFKC folds them to ASCII first);
//   Hangul syllables are bigrammed like Han. search.js has the same table (`isCJK`): change
//   both or neither. Import's UTF-16 guess counts these as text, with the punctuation blocks.
// - 字数 (`is_han`) counts Han characters only; kana and punctuation count for nothing.
// - Emphasis (`is_east_asian`) follows the CJK-friendly amendment to CommonMark word for word:
//   its "CJK character" is wide (or half-width) by East Asian Width and not an emoji, or
//   Hangul. Beyond `is_cjk` it has Hangul, 〈〉, ₩ and the CJK symbols among the emoji (🈂);
//   it lacks a few unassigned code points `is_cjk` has, and ‘’“” (their width is ambiguous).

/// Strictly CJK: Han, kana, bopomofo, CJK punctuation and full-width forms (CJK.md).
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x2FF0..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F
        | 0x3190..=0x31FF | 0x3200..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F | 0xFF01..=0xFF60 | 0xFF61..=0xFF9F | 0xFFE0..=0xFFE6
        | 0x1B000..=0x1B16F | 0x20000..=0x3FFFF)
}

/// CJK, or punctuation that Chinese shares with Western text (quotes, dashes, ellipsis, dots).
#[inline]
pub(crate) fn is_cjkish(c: char) -> bool {
    is_cjk(c)
        || matches!(
            c as u32,
            0x2018 | 0x2019 | 0x201C | 0x201D | 0x2014 | 0x2015 | 0x2026 | 0x00B7 | 0x2E3A | 0x2E3B
        )
}

/// Does `b` start with a character from U+4000 to U+9FFF other than the hexagrams
/// U+4DC0..=U+4DFF (UTF-8 E4 to E9, but not E4 B7)? All of them are Han ideographs
/// ([`is_han`], [`is_cjk_char`]) whose NFKC form is themselves: the bulk of Chinese text
/// (的 是 一 不 中 人), which per-character loops over a whole site step over three bytes at
/// a time without decoding.
#[inline(always)]
pub(crate) fn starts_plain_han(b: &[u8]) -> bool {
    match b.first() {
        Some(0xE5..=0xE9) => true,
        Some(0xE4) => b.get(1) != Some(&0xB7),
        _ => false,
    }
}

/// A three-byte character that is Han (`Some(true)`, [`is_han`]) or [`is_cjk`] and not Han
/// (`Some(false)`: no letter of a Latin word for 字数 either), told from its UTF-8 lead and
/// second bytes; `None` for any other character, which is decoded. Han: U+4000..=U+9FFF bar
/// the hexagrams U+4DC0..=U+4DFF (E4 B7), U+3400.. (E3 90 and up), U+F900..=U+FAFF (EF
/// A4..=AB); CJK and not Han: U+3000..=U+30FF, U+3200..=U+33FF, the hexagrams, and the
/// full-width forms U+FF00..=U+FF7F (EF BC, EF BD). (U+3100..=U+31FF holds Hangul jamo, which
/// `is_cjk` leaves out: decoded.)
#[inline(always)]
pub(crate) fn han_or_cjk_at(lead: u8, second: u8) -> Option<bool> {
    match lead {
        0xE5..=0xE9 => Some(true),
        0xE4 => Some(second != 0xB7),
        0xE3 => match second {
            0x90.. => Some(true),
            0x80..=0x83 | 0x88..=0x8F => Some(false),
            _ => None,
        },
        0xEF => match second {
            0xA4..=0xAB => Some(true),
            0xBC | 0xBD => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The character that `b` starts with, where [`starts_plain_han`] said it is one (and `b` is
/// UTF-8): decoded from its three bytes, without the checks of a general decoder.
#[inline(always)]
pub(crate) fn plain_han_at(b: &[u8]) -> char {
    let v = u32::from(b[0] & 0x0F) << 12 | u32::from(b[1] & 0x3F) << 6 | u32::from(b[2] & 0x3F);
    // (Always a scalar value from U+4000 to U+9FFF: never the replacement.)
    char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Han characters only (for 字数).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Letters of the CJK scripts, punctuation left out: Han, kana, bopomofo, Hangul syllables
/// (what search indexes as CJK).
#[inline]
pub(crate) fn is_cjk_char(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31BF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// A "CJK character" of the CJK-friendly amendment to CommonMark (tats-u/markdown-cjk-friendly,
/// specification.md §2.1; ranges.md, Unicode 17, unassigned code points of the Han blocks
/// taken as wide as Unicode says).
#[inline]
pub(crate) fn is_east_asian(c: char) -> bool {
    let cp = c as u32;
    cp >= 0x1100
        && matches!(cp,
            0x1100..=0x11FF | 0x20A9 | 0x2329..=0x232A | 0x2630..=0x2637 | 0x268A..=0x268F
            | 0x2E80..=0x2E99 | 0x2E9B..=0x2EF3 | 0x2F00..=0x2FD5 | 0x2FF0..=0x303E
            | 0x3041..=0x3096 | 0x3099..=0x30FF | 0x3105..=0x312F | 0x3131..=0x318E
            | 0x3190..=0x31E5 | 0x31EF..=0x321E | 0x3220..=0x3247 | 0x3250..=0xA48C
            | 0xA490..=0xA4C6 | 0xA960..=0xA97C | 0xAC00..=0xD7A3 | 0xD7B0..=0xD7C6
            | 0xD7CB..=0xD7FB | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE52
            | 0xFE54..=0xFE66 | 0xFE68..=0xFE6B | 0xFF01..=0xFFBE | 0xFFC2..=0xFFC7
            | 0xFFCA..=0xFFCF | 0xFFD2..=0xFFD7 | 0xFFDA..=0xFFDC | 0xFFE0..=0xFFE6
            | 0xFFE8..=0xFFEE | 0x16FE0..=0x16FE4 | 0x16FF0..=0x16FF6 | 0x17000..=0x18CD5
            | 0x18CFF..=0x18D1E | 0x18D80..=0x18DF2 | 0x1AFF0..=0x1AFF3 | 0x1AFF5..=0x1AFFB
            | 0x1AFFD..=0x1AFFE | 0x1B000..=0x1B122 | 0x1B132 | 0x1B150..=0x1B152 | 0x1B155
            | 0x1B164..=0x1B167 | 0x1B170..=0x1B2FB | 0x1D300..=0x1D356 | 0x1D360..=0x1D376
            | 0x1F200 | 0x1F202 | 0x1F210..=0x1F219 | 0x1F21B..=0x1F22E | 0x1F230..=0x1F231
            | 0x1F237 | 0x1F23B | 0x1F240..=0x1F248 | 0x1F260..=0x1F265 | 0x20000..=0x3FFFD)
}

/// The amendment's "non-emoji general-use variation selector" (U+FE00–FE0E): it may follow a
/// character and changes its look, not what it is (大塚︀, 〽︎).
#[inline]
pub(crate) fn is_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0E)
}

/// An ideographic variation selector (U+E0100–E01EF), as in 禰󠄀.
#[inline]
pub(crate) fn is_ideographic_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xE0100..=0xE01EF)
}

/// ‘ ’ “ ” followed by U+FE01, their full-width form (the amendment's "CJK ambiguous
/// punctuation sequence"): Chinese punctuation although the quote alone is not.
#[inline]
pub(crate) fn is_full_width_quote_sequence(c: char, selector: char) -> bool {
    selector == '\u{FE01}' && matches!(c, '‘' | '’' | '“' | '”')
}

/// A letter or digit outside the CJK class `cjk`: a character of a Latin-like word (字数 asks
/// with `is_cjk`, search with `is_cjk_char`). Chinese and general punctuation, the commonest
/// non-ASCII characters after Han, is ruled out before the Unicode tables are asked.
/// (〇 U+3007, 々 and the other letters and numerals of 3000–303F are not among them.)
#[inline]
pub(crate) fn is_alnum_outside(c: char, cjk: impl Fn(char) -> bool) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x303D..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20)
    {
        return false;
    }
    !cjk(c) && c.is_alphanumeric()
}

/// The number as Chinese counting writes it, at any size below 十万 (Word's chineseCounting
/// and chineseCountingThousand numbering: 一百, 一百零一, 一百一十, 一千零五): unlike
/// [`chinese_numeral`], whose larger numbers stay in digits, a list can run past 99.
pub(crate) fn chinese_counting(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [&str; 5] = ["", "十", "百", "千", "万"];
    if !(100..100_000).contains(&n) {
        return chinese_numeral(n);
    }
    let digits: Vec<usize> = n
        .to_string()
        .bytes()
        .map(|b| usize::from(b - b'0'))
        .collect();
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = UNITS[digits.len() - 1 - i];
        if d == 0 {
            zero = true;
            continue;
        }
        if zero {
            out.push_str(D[0]);
            zero = false;
        }
        out.push_str(D[d]);
        out.push_str(unit);
    }
    out
}

/// Whether two words read the same, character by character (标提 and 标题: biao ti): the
/// typo a pinyin input method makes, picking the wrong character of a syllable.
pub(crate) fn sounds_alike(a: &str, b: &str) -> bool {
    use pinyin::ToPinyin;
    let sound = |c: char| c.to_pinyin().map(|p| p.plain());
    a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || (sound(x).is_some() && sound(x) == sound(y)))
}

// ---- Dates ------------------------------------------------------------------------------------

/// 2023年9月1日: a date as Chinese documents write it.
pub(crate) fn date(year: i32, month: u32, day: u32) -> String {
    format!("{year}年{month}月{day}日")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_han_is_every_character_it_claims_and_decodes_to_it() {
        // Every character of three bytes or fewer and the first four-byte ones: the fast path
        // takes exactly U+4000..=U+9FFF less the hexagrams, each Han and CJK, decoded exactly.
        for c in ('\0'..='\u{ffff}').chain(['\u{10000}', '\u{20000}', char::MAX]) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let plain = matches!(c as u32, 0x4000..=0x9FFF) && !matches!(c as u32, 0x4DC0..=0x4DFF);
            assert_eq!(starts_plain_han(b), plain, "U+{:04X}", c as u32);
            if plain {
                assert_eq!(plain_han_at(b), c);
                assert!(is_han(c) && is_cjk_char(c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn sign_off_names_are_short_names_not_sentences() {
        for name in [
            "中共某某市委主题教育领导小组办公室",
            "  某某县教育局 ",
            "张三",
            "中共某某区委组织部　中共某某区委宣传部",
        ] {
            assert!(is_signoff_name(name), "{name}");
        }
        for not in [
            "特此通知",
            "此致",
            "以上报告请审阅",
            "请于5月31日前报送。",
            "一、总体要求",
            "联系人：张三",
            "",
            "这是一个很长很长的句子没有任何标点但是远远超过了三十个字符的长度限制所以不是名称",
        ] {
            assert!(!is_signoff_name(not), "{not}");
        }
    }

    #[test]
    fn counting_as_office_software_numbers_lists() {
        let plain = |n| chinese_count(n, Counting::Plain);
        let thousand = |n| chinese_count(n, Counting::Thousand);
        let legal = |n| chinese_count(n, Counting::Legal);
        assert_eq!(
            (1..=12).map(plain).collect::<Vec<_>>(),
            [
                "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"
            ]
        );
        assert_eq!(plain(20), "二十");
        assert_eq!(plain(101), "一百〇一");
        assert_eq!(thousand(101), "一百零一");
        assert_eq!(thousand(1010), "一千零一十");
        assert_eq!(thousand(10_001), "一万零一");
        assert_eq!(legal(11), "壹拾壹");
        assert_eq!(legal(3), "叁");
        assert_eq!(plain(123_456), "123456");
        // What the structure rules read back is what was written.
        for n in 1..=99 {
            assert_eq!(chinese_number(&plain(n)), Some(n), "{n}");
        }
        assert_eq!([1, 2, 10, 11].map(heavenly_stem), ['甲', '乙', '癸', '甲']);
        assert_eq!([1, 12, 13].map(earthly_branch), ['子', '亥', '子']);
        assert_eq!(han_digits(2024), "二〇二四");
    }

    #[test]
    fn numerals_both_ways() {
        for n in 0..=99 {
            assert_eq!(chinese_number(&chinese_numeral(n)), Some(n), "{n}");
        }
        assert_eq!(chinese_numeral(100), "100");
        for bad in ["〇", "二十〇", "十十", "一二", ""] {
            assert_eq!(chinese_number(bad), None, "{bad}");
        }
        assert_eq!(han_digit('〇'), Some(0));
        assert_eq!(han_digit('九'), Some(9));
    }

    #[test]
    fn counting_past_ninety_nine() {
        for (n, want) in [
            (12, "十二"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (305, "三百零五"),
            (1005, "一千零五"),
            (2010, "二千零一十"),
            (99999, "九万九千九百九十九"),
            (100000, "100000"),
        ] {
            assert_eq!(chinese_counting(n), want, "{n}");
        }
    }

    #[test]
    fn batches() {
        assert_eq!(batch_label(1), "第一批");
        assert_eq!(batch_label(12), "第十二批");
        for (s, n) in [("第十二批", 12), ("2", 2), ("二", 2), (" 第一批 ", 1)] {
            assert_eq!(parse_batch(s), Some(n), "{s}");
        }
        for bad in ["0", "第零批", "第〇批", "批", "first"] {
            assert_eq!(parse_batch(bad), None, "{bad}");
        }
    }

    #[test]
    fn markers_of_each_kind() {
        fn m(s: &str) -> Option<(Marker, u32, &str)> {
            structure_marker(s).map(|(k, n, len)| (k, n, &s[..len]))
        }
        assert_eq!(m("一、总体要求"), Some((Marker::Han, 1, "一、")));
        assert_eq!(
            m("　（十二）调研"),
            Some((Marker::HanParen, 12, "　（十二）"))
        );
        assert_eq!(m("第三：落实"), Some((Marker::Speech, 3, "第三：")));
        assert_eq!(m("２．要求"), Some((Marker::Digit, 2, "２．")));
        assert_eq!(m("(１0)要求"), Some((Marker::DigitParen, 10, "(１0)")));
        for no in ["1.5倍", "一是加强", "（注）", "第一批", "123.", "（1"] {
            assert_eq!(m(no), None, "{no}");
        }
    }

    #[test]
    fn the_punctuation_shortcut_agrees_with_unicode_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for cjk in [is_cjk, is_cjk_char] {
                assert_eq!(
                    is_alnum_outside(c, cjk),
                    c.is_alphanumeric() && !cjk(c),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn the_classes_nest_as_documented() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_han(c) {
                assert!(is_cjk(c) && is_cjk_char(c), "U+{:04X}", c as u32);
            }
            if is_cjk_char(c) && !is_cjk(c) {
                assert!(
                    (0xAC00..=0xD7AF).contains(&(c as u32)),
                    "U+{:04X}",
                    c as u32
                );
            }
            if is_cjk(c) {
                assert!(is_cjkish(c));
            }
            // Han is CJK to the emphasis rules too (noncharacters aside).
            if is_han(c) && c as u32 & 0xFFFE != 0xFFFE {
                assert!(is_east_asian(c), "U+{:04X}", c as u32);
            }
        }
    }
}
