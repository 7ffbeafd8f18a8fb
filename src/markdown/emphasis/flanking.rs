//! Which delimiter runs can open and close emphasis: CommonMark's flanking rules as
//! pulldown-cmark 0.13 applies them, and the CJK-friendly amendment's (specification.md §6.2:
//! only non-CJK punctuation after a run asks what stands before it; a CJK character, a CJK
//! character or punctuation with a variation selector, or an ideographic variation selector
//! before it will do; `_` and `~` keep needing punctuation or space before them).

use super::Rules;
use crate::zh::{
    is_east_asian, is_full_width_quote_sequence, is_ideographic_variation_selector,
    is_variation_selector,
};

/// CommonMark's "Unicode punctuation character": general category P or S.
fn is_punct(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    matches!(
        get_general_category(c),
        G::ConnectorPunctuation
            | G::DashPunctuation
            | G::OpenPunctuation
            | G::ClosePunctuation
            | G::InitialPunctuation
            | G::FinalPunctuation
            | G::OtherPunctuation
            | G::CurrencySymbol
            | G::ModifierSymbol
            | G::MathSymbol
            | G::OtherSymbol
    )
}

/// What stands just before a run, as the rules ask it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// Whitespace or the start of a line.
    Space,
    /// A punctuation character, or one with a variation selector; `cjk`: a CJK one (with
    /// CommonMark's rules all punctuation is the one kind).
    Punct {
        cjk: bool,
    },
    /// Any other CJK character, or one with a variation selector ("CJK sequence").
    Cjk,
    /// An ideographic variation selector (after a Han character, as in 禰󠄀).
    Ivs,
    Other,
}

/// The characters around a run. `before` is `None` at the start of a line (or of a table cell,
/// `|`), `after` at the end of the text: both count as whitespace. `cell_edge`: the run ends
/// at a table cell's `|`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Around {
    pub(super) before: Option<char>,
    pub(super) before2: Option<char>,
    pub(super) after: Option<char>,
    pub(super) cell_edge: bool,
}

fn before(a: &Around, rules: Rules) -> Before {
    let Some(c) = a.before else {
        return Before::Space;
    };
    if rules == Rules::CommonMark {
        return match c {
            c if c.is_whitespace() => Before::Space,
            c if is_punct(c) => Before::Punct { cjk: false },
            _ => Before::Other,
        };
    }
    if is_ideographic_variation_selector(c) {
        return Before::Ivs;
    }
    if !is_variation_selector(c) {
        return kind_of(c);
    }
    // A sequence: the selector changes how the character before it looks, not what it is.
    match a.before2 {
        Some(base) if is_full_width_quote_sequence(base, c) => Before::Punct { cjk: true },
        Some(base) => kind_of(base),
        None => Before::Other,
    }
}

fn kind_of(c: char) -> Before {
    if c.is_whitespace() {
        Before::Space
    } else if is_punct(c) {
        Before::Punct {
            cjk: is_east_asian(c),
        }
    } else if is_east_asian(c) {
        Before::Cjk
    } else {
        Before::Other
    }
}

/// Can a run of `len` × `d` open? For `*` and `~~` (which may stand inside a word) this is
/// being left-flanking; `_` and `~` also need whitespace or punctuation before them.
pub(super) fn can_open(d: u8, len: usize, a: &Around, rules: Rules) -> bool {
    let Some(next) = a.after else {
        return false;
    };
    if next.is_whitespace() {
        return false;
    }
    if a.before.is_none() {
        return true;
    }
    if a.cell_edge {
        return false;
    }
    let amended = rules == Rules::CjkFriendly;
    // The amendment: only non-CJK punctuation after the run asks what stands before it.
    let punct_next = is_punct(next) && !(amended && is_east_asian(next));
    if d == b'*' && !punct_next || d == b'~' && len > 1 {
        return true;
    }
    if d == b'~' && a.before == Some('~') && !punct_next {
        return true;
    }
    let b = before(a, rules);
    if d == b'*' && amended {
        return b != Before::Other;
    }
    matches!(b, Before::Space | Before::Punct { .. })
}

/// Can a run close? For `*` and `~~` this is being right-flanking; `_` and `~` also need
/// whitespace or punctuation after them (a rule the amendment leaves as it is).
pub(super) fn can_close(d: u8, len: usize, a: &Around, rules: Rules) -> bool {
    let Some(prev) = a.before else {
        return false;
    };
    if prev.is_whitespace() {
        return false;
    }
    let Some(next) = a.after else {
        return true;
    };
    if a.cell_edge {
        return true;
    }
    let intraword = d == b'*' || d == b'~' && len > 1;
    let punct_before = before(a, rules) == Before::Punct { cjk: false };
    if intraword && !punct_before {
        return true;
    }
    if d == b'~' && prev == '~' {
        return true;
    }
    let amended = intraword && rules == Rules::CjkFriendly;
    next.is_whitespace() || is_punct(next) || amended && is_east_asian(next)
}
