//! Characters no XML output may hold. A document can carry control characters (U+000B is
//! Word's manual line break, pasted along with the text) that XML 1.0 forbids: one of them
//! in a title makes atom.xml ill-formed and feed readers drop the whole feed. Escaping cannot
//! help (`&#1;` is forbidden too), so every XML file huibian writes leaves them out, and
//! `huibian check` reports where they are.

/// Whether `c` may not stand in an XML file: the C0 controls but tab, newline and carriage
/// return, which XML 1.0 forbids; DEL and the C1 controls and the noncharacters
/// (U+FDD0–U+FDEF, U+FFFE/U+FFFF of every plane), which it discourages.
pub(crate) fn unfit(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// A rendered XML file without the characters XML cannot hold (unchanged when it has none).
pub(crate) fn fit(bytes: Vec<u8>) -> Vec<u8> {
    match std::str::from_utf8(&bytes) {
        Ok(text) if text.chars().any(unfit) => text
            .chars()
            .filter(|&c| !unfit(c))
            .collect::<String>()
            .into_bytes(),
        _ => bytes,
    }
}

/// The name a check message gives such a character: `U+000B (a control character)`.
pub(crate) fn describe(c: char) -> crate::i18n::Msg {
    let code = format!("{:04X}", c as u32);
    if c.is_control() {
        crate::msg!("char-control", code = code)
    } else {
        crate::msg!("char-noncharacter", code = code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_unfit_text_is_not() {
        for c in [
            '\u{0}', '\u{1}', '\u{b}', '\u{c}', '\u{1f}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            assert!(unfit(c), "{c:?}");
        }
        for c in [
            '\u{fdd0}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(unfit(c), "{c:?}");
        }
        for c in [
            '\t', '\n', '\r', ' ', '汇', '\u{a0}', '\u{3000}', '\u{fffd}', '\u{feff}',
        ] {
            assert!(!unfit(c), "{c:?}");
        }
        assert_eq!(
            fit("<t>标\u{1}题\u{b}</t>".into()),
            "<t>标题</t>".as_bytes()
        );
    }
}
