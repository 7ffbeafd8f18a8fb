//! The search tokeniser. The browser runs the same algorithm (themes/default/static/search.js,
//! `tokens`); a test feeds both the same strings and compares the output.
//!
//! Text is NFKC-normalised and lowercased. A run of CJK characters gives its overlapping
//! bigrams and, last, its final character alone (so that every character starts some token:
//! a one-character query looks up the tokens starting with it). A run of letters or digits is
//! one word. Positions count tokens; each run is followed by a gap of one, so a phrase never
//! matches across punctuation.

use unicode_normalization::UnicodeNormalization;

/// Characters indexed as CJK (Han, kana, bopomofo, Hangul syllables) are zh's `is_cjk_char`,
/// which search.js's `isCJK` mirrors.
pub(crate) use crate::zh::is_cjk_char;

fn is_word_char(c: char) -> bool {
    crate::zh::is_alnum_outside(c, is_cjk_char)
}

/// Characters whose NFKC form is known without the full algorithm: ASCII (kept), CJK
/// ideographs and kana (kept), full-width ASCII (→ ASCII), the ideographic space (→ space) and
/// common CJK and general punctuation, which NFKC keeps or turns into other punctuation — a
/// separator either way, so the tokens do not change.
fn simple_nfkc(c: char) -> Option<char> {
    match c as u32 {
        0..=0x7F => Some(c.to_ascii_lowercase()),
        0x3000 => Some(' '),
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).map(|a| a.to_ascii_lowercase()),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x3041..=0x3096 | 0x30A1..=0x30FA => Some(c),
        0x3001..=0x3035 | 0x303B..=0x303F | 0x2010..=0x2027 | 0x2030..=0x205E | 0x00B7 => Some(c),
        _ => None,
    }
}

/// NFKC, then lowercase: what both the index and the query see.
pub(crate) fn normalize(text: &str) -> String {
    // Most Chinese text needs no more than the table above; anything else takes the full way.
    let mut out = String::with_capacity(text.len());
    // Characters that stay as they are are copied a run at a time.
    let mut kept = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // (Most Han stays as it is: stepped over without decoding.)
        if crate::zh::starts_plain_han(&bytes[i..]) {
            i += 3;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let at = i;
        i += c.len_utf8();
        match simple_nfkc(c) {
            Some(n) if n == c => {}
            Some(n) => {
                out.push_str(&text[kept..at]);
                out.push(n);
                kept = i;
            }
            None => return text.nfkc().collect::<String>().to_lowercase(),
        }
    }
    out.push_str(&text[kept..]);
    out
}

/// Calls `emit(token, position)` for every token of already-normalised `text`, positions from
/// `start`; returns the next free position.
pub(crate) fn tokenize(text: &str, start: u32, mut emit: impl FnMut(&str, u32)) -> u32 {
    let mut pos = start;
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let mut tok = String::with_capacity(8);
    // A trailing space flushes the last run or word.
    for c in text.chars().chain(std::iter::once(' ')) {
        let cjk = is_cjk_char(c);
        if !cjk && !run.is_empty() {
            for w in run.windows(2) {
                tok.clear();
                tok.push(w[0]);
                tok.push(w[1]);
                emit(&tok, pos);
                pos += 1;
            }
            tok.clear();
            tok.push(run[run.len() - 1]);
            emit(&tok, pos);
            pos += 2;
            run.clear();
        }
        let wc = is_word_char(c);
        if !wc && !word.is_empty() {
            emit(&word, pos);
            pos += 2;
            word.clear();
        }
        if cjk {
            run.push(c);
        } else if wc {
            word.push(c);
        }
    }
    pos
}

/// A token without building its text: a CJK pair, a single CJK character, or a word.
pub enum Tok<'a> {
    Pair(char, char),
    One(char),
    Word(&'a str),
}

/// Where `tokenize_fast` hands its tokens. Pairs, most tokens of Chinese text, come through a
/// method of their own with plain arguments, which the tokeniser's loop can take in.
pub trait Sink {
    fn pair(&mut self, a: char, b: char, pos: u32);
    fn other(&mut self, t: Tok, pos: u32);
}

/// Any `FnMut(Tok, u32)` is a sink.
impl<F: FnMut(Tok, u32)> Sink for F {
    fn pair(&mut self, a: char, b: char, pos: u32) {
        self(Tok::Pair(a, b), pos)
    }
    fn other(&mut self, t: Tok, pos: u32) {
        self(t, pos)
    }
}

/// As `tokenize`, handing out `Tok`s (no text is built for CJK tokens).
pub(crate) fn tokenize_fast(text: &str, start: u32, emit: &mut impl Sink) -> u32 {
    let bytes = text.as_bytes();
    let mut pos = start;
    let mut prev: Option<char> = None;
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    loop {
        // Common Han (most of a Chinese text) is CJK for certain: decoded from its three bytes,
        // with no ranges to ask. A blank after the end ends what is open.
        let (c, len, cjk) = if crate::zh::starts_plain_han(&bytes[i..]) {
            (crate::zh::plain_han_at(&bytes[i..]), 3, true)
        } else if let Some(c) = text[i..].chars().next() {
            (c, c.len_utf8(), is_cjk_char(c))
        } else {
            (' ', 0, false)
        };
        if !cjk {
            if let Some(last) = prev.take() {
                emit.other(Tok::One(last), pos);
                pos += 2;
            }
        }
        // (A CJK character is never part of a word: no need to ask.)
        let wc = !cjk && is_word_char(c);
        if !wc {
            if let Some(ws) = word_start.take() {
                emit.other(Tok::Word(&text[ws..i]), pos);
                pos += 2;
            }
        }
        if cjk {
            if let Some(p) = prev {
                emit.pair(p, c, pos);
                pos += 1;
            }
            prev = Some(c);
        } else if wc && word_start.is_none() {
            word_start = Some(i);
        }
        if len == 0 {
            return pos;
        }
        i += len;
    }
}

/// All tokens of `text` (normalised here) as (token, position): for tests and the harness.
pub fn tokens(text: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    tokenize(&normalize(text), 0, |t, p| out.push((t.to_string(), p)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokens(s)
            .into_iter()
            .map(|(t, p)| format!("{t}@{p}"))
            .collect()
    }

    const SAMPLES: &[&str] = &[
        "整改落实，以学促干！",
        "学习Rust 2023年第一批",
        "ＡＢＣ　１２３ full-width ＦＯＯ（括号）",
        "“引号”《书名》——破折号……省略号·间隔",
        "カタカナ ひらがな 한국어 𠀋𪚲 ㈠㍿",
        "ΟΔΟΣ Straße x² ½",
        "",
        "单",
        "\u{3fff}\u{4000}\u{4dbf}\u{4dc0}\u{4dff}\u{4e00}\u{4fff}\u{5000}A\u{9fff}Ｂ\u{a000}\u{f900}",
    ];

    #[test]
    fn the_fast_tokeniser_is_the_same_algorithm() {
        for s in SAMPLES {
            let text = normalize(s);
            let mut slow = Vec::new();
            tokenize(&text, 7, |t, p| slow.push((t.to_string(), p)));
            let mut fast = Vec::new();
            tokenize_fast(&text, 7, &mut |t: Tok, p| {
                let t = match t {
                    Tok::Pair(a, b) => format!("{a}{b}"),
                    Tok::One(a) => a.to_string(),
                    Tok::Word(w) => w.to_string(),
                };
                fast.push((t, p))
            });
            assert_eq!(slow, fast, "{s:?}");
        }
    }

    #[test]
    fn the_quick_normalisation_gives_the_tokens_of_full_nfkc() {
        for s in SAMPLES {
            let full: String = s.nfkc().collect::<String>().to_lowercase();
            let mut a = Vec::new();
            tokenize(&normalize(s), 0, |t, p| a.push((t.to_string(), p)));
            let mut b = Vec::new();
            tokenize(&full, 0, |t, p| b.push((t.to_string(), p)));
            assert_eq!(a, b, "{s:?}");
        }
    }

    #[test]
    fn bigrams_tail_and_words_with_gaps() {
        assert_eq!(toks("整改落实"), ["整改@0", "改落@1", "落实@2", "实@3"]);
        assert_eq!(toks("党"), ["党@0"]);
        assert_eq!(toks("整改，落实"), ["整改@0", "改@1", "落实@3", "实@4"]);
        assert_eq!(
            toks("学习Rust 2023年"),
            ["学习@0", "习@1", "rust@3", "2023@5", "年@7"]
        );
        assert_eq!(
            toks("ＡＢＣ　１２"),
            ["abc@0", "12@2"],
            "full-width folded by NFKC"
        );
    }
}
