//! check's warnings about marks that come in pairs: emphasis markers the page shows as text
//! (`literal-emphasis`, once for a failed `**…**` pair) and ASCII quotes in Chinese text
//! (`ascii-punctuation`, once for a pair, with the full-width quotes as the fix), and the
//! single ASCII punctuation marks between Chinese characters. Emphasis comes already resolved
//! by the CJK-friendly rules (markdown::parse), so what is left as text is what they leave.

use crate::i18n::Msg;
use crate::msg;
use crate::zh::{self, is_cjk};

/// A warning found in one text: the byte where it points, what it says and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Finding {
    pub at: usize,
    pub message: Msg,
    pub fix: Msg,
}

/// `**`, `__` or `~~` left in a text (no backslash before it).
#[derive(Debug, Clone, Copy)]
struct Marker {
    text: usize,
    at: usize,
    ch: char,
    block: usize,
}

/// The literal emphasis of a document's texts (`texts[i]` stands in block `blocks[i]`; a
/// pair is looked for within a block): `(text index, finding)` for each pair and each
/// marker left without a partner.
pub(super) fn literal_emphasis(
    texts: &[(&str, &dyn Fn(usize) -> bool)],
    blocks: &[usize],
) -> Vec<(usize, Finding)> {
    let mut markers = Vec::new();
    for (i, (text, escaped)) in texts.iter().enumerate() {
        for r in zh::runs(text, |c| matches!(c, '*' | '_' | '~')) {
            if r.len == 2 && !escaped(r.at) {
                markers.push(Marker {
                    text: i,
                    at: r.at,
                    ch: r.ch,
                    block: blocks.get(i).copied().unwrap_or(i),
                });
            }
        }
    }
    let mut out = Vec::new();
    let mut waiting: Vec<Marker> = Vec::new();
    for m in markers {
        // A paragraph's markers do not pair with the next one's.
        for w in waiting.extract_if(.., |w| w.block != m.block) {
            out.push((w.text, alone(w)));
        }
        match waiting.iter().position(|w| w.ch == m.ch) {
            Some(i) => {
                let open = waiting.remove(i);
                out.push((open.text, pair(texts, open, m)));
            }
            None => waiting.push(m),
        }
    }
    out.extend(waiting.into_iter().map(|w| (w.text, alone(w))));
    out
}

/// Which effect a marker has, for the catalogue's select (`strike` or `emphasis`).
fn effect(ch: char) -> &'static str {
    if ch == '~' {
        "strike"
    } else {
        "emphasis"
    }
}

fn alone(m: Marker) -> Finding {
    let run = format!("{0}{0}", m.ch);
    Finding {
        at: m.at,
        message: msg!("mark-alone", run = &run, effect = effect(m.ch)),
        fix: msg!("mark-alone-fix", run = &run, ch = m.ch.to_string()),
    }
}

/// One warning for a pair, with what most likely kept it from taking effect.
fn pair(texts: &[(&str, &dyn Fn(usize) -> bool)], open: Marker, close: Marker) -> Finding {
    let (a, b) = (texts[open.text].0, texts[close.text].0);
    let inner_first = a[open.at + 2..].chars().next();
    let inner_last = b[..close.at].chars().next_back();
    let outer_first = a[..open.at].chars().next_back();
    let outer_last = b[close.at + 2..].chars().next();
    let inner = (open.text == close.text).then(|| &a[open.at + 2..close.at]);
    let run = format!("{0}{0}", open.ch);
    let fix = if inner_first.is_some_and(char::is_whitespace)
        || inner_last.is_some_and(char::is_whitespace)
    {
        let t = inner.map_or("重点", str::trim);
        msg!("mark-fix-spaces", run = &run, text = t)
    } else if open.ch == '_' {
        msg!("mark-fix-underscore")
    } else if western_punct_beside_word(inner_first, outer_first)
        || western_punct_beside_word(inner_last, outer_last)
    {
        msg!("mark-fix-western", run = &run)
    } else {
        msg!("mark-fix-check", run = &run, ch = open.ch.to_string())
    };
    Finding {
        at: open.at,
        message: match inner {
            Some(t) => msg!(
                "mark-pair-around",
                run = &run,
                inner = shorten(t.trim()),
                effect = effect(open.ch)
            ),
            None => msg!("mark-pair", run = &run, effect = effect(open.ch)),
        },
        fix,
    }
}

/// Punctuation that is not Chinese (the amendment's "non-CJK punctuation") inside a marker,
/// with a letter or digit of a Latin-like word outside it.
fn western_punct_beside_word(inside: Option<char>, outside: Option<char>) -> bool {
    let western = |c: char| !zh::is_east_asian(c) && !c.is_alphanumeric() && !c.is_whitespace();
    inside.is_some_and(western) && outside.is_some_and(|c| zh::is_alnum_outside(c, is_cjk))
}

fn shorten(t: &str) -> String {
    let mut s: String = t.chars().take(16).collect();
    if t.chars().count() > 16 {
        s.push('…');
    }
    s
}

/// ASCII `"` and `'` beside Chinese characters, a pair at a time: `要落实"四个一"工作` has
/// one warning, whose fix is `“四个一”`. `'` between two Latin letters or digits is an
/// apostrophe (`don't`) and left alone.
pub(super) fn ascii_quotes(text: &str, escaped: &dyn Fn(usize) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for (q, open, close) in [('"', '“', '”'), ('\'', '‘', '’')] {
        let at: Vec<usize> = text
            .match_indices(q)
            .map(|(i, _)| i)
            .filter(|&i| !(escaped(i) || q == '\'' && apostrophe(text, i)))
            .collect();
        for two in at.chunks(2) {
            let beside = |i: usize| {
                text[..i].chars().next_back().is_some_and(is_cjk)
                    || text[i + 1..].chars().next().is_some_and(is_cjk)
            };
            if !two.iter().any(|&i| beside(i)) {
                continue;
            }
            out.push(match two {
                [a, b] => {
                    let inner = &text[a + 1..*b];
                    Finding {
                        at: *a,
                        message: msg!("quote-pair", q = q.to_string(), inner = shorten(inner)),
                        fix: msg!("quote-pair-fix", quoted = format!("{open}{inner}{close}")),
                    }
                }
                _ => Finding {
                    at: two[0],
                    message: msg!("quote-alone", q = q.to_string()),
                    fix: msg!(
                        "quote-alone-fix",
                        open = open.to_string(),
                        close = close.to_string()
                    ),
                },
            });
        }
    }
    out.sort_by_key(|f| f.at);
    out
}

fn apostrophe(text: &str, i: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    word(text[..i].chars().next_back()) && word(text[i + 1..].chars().next())
}

/// `,` `;` `:` `?` `(` `)` alone between two Chinese characters, with the full-width form.
pub(super) fn narrow_punctuation(text: &str) -> Vec<Finding> {
    let wanted = |c: char| ",;:?()".contains(c);
    zh::runs(text, wanted)
        .into_iter()
        .filter(|r| r.han_before && r.han_after && r.len == 1)
        .map(|r| {
            let full = match r.ch {
                ',' => '，',
                ';' => '；',
                ':' => '：',
                '?' => '？',
                '(' => '（',
                _ => '）',
            };
            Finding {
                at: r.at,
                message: msg!("warn-ascii-punctuation", char = r.ch.to_string()),
                fix: msg!("warn-ascii-punctuation-hint", full = full.to_string()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(t: &str) -> Vec<(usize, String)> {
        ascii_quotes(t, &|_| false)
            .into_iter()
            .map(|f| (f.at, f.fix.text(crate::i18n::Lang::En)))
            .collect()
    }

    #[test]
    fn ascii_quotes_in_chinese_are_found_a_pair_at_a_time() {
        assert_eq!(
            quotes("要落实\"四个一\"工作要求"),
            [(9, "use the full-width quotes: `“四个一”`".to_string())]
        );
        assert_eq!(
            quotes("'双减'政策"),
            [(0, "use the full-width quotes: `‘双减’`".to_string())]
        );
        assert_eq!(
            quotes("他说\"好"),
            [(6, "use the full-width `“` or `”`".to_string())]
        );
        assert_eq!(quotes("say \"hello\" and don't"), []);
        assert_eq!(quotes("中文 don't 英文"), []);
    }
}
