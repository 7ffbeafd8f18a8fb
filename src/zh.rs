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
pub fn batch_label(n: u32) -> String {
    format!("第{}批", chinese_numeral(n))
}

/// 1, "2", 第一批, 第二批, 一, 第十二批 → the batch number (never 0).
pub fn parse_batch(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u32>() {
        return (n > 0).then_some(n);
    }
    let core = s.strip_prefix('第').unwrap_or(s);
    let core = core.strip_suffix('批').unwrap_or(core);
    chinese_number(core).filter(|n| *n > 0)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
