//! URL slugs: ASCII file names as they are, Chinese titles as pinyin (CJK.md, Slugs).

use crate::i18n::Msg;
use pinyin::ToPinyin;
use unicode_normalization::UnicodeNormalization;

/// Words the pinyin crate reads with the wrong tone-less syllable when taken a character at a time.
const POLYPHONES: &[(&str, &str)] = &[
    ("银行", "yin-hang"),
    ("行长", "hang-zhang"),
    ("支行", "zhi-hang"),
    ("分行", "fen-hang"),
    ("长征", "chang-zheng"),
    ("会计", "kuai-ji"),
    ("重复", "chong-fu"),
    ("着力", "zhuo-li"),
    ("重庆", "chong-qing"),
    ("调研", "diao-yan"),
    ("调查", "diao-cha"),
];

const MAX_LEN: usize = 60;

/// A slug from any text: NFKC, Han → pinyin, ASCII alphanumerics lowercased, the rest separators.
pub fn slugify(text: &str) -> String {
    let text: String = text.nfkc().collect();
    let chars: Vec<char> = text.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut latin = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() {
            latin.push(c.to_ascii_lowercase());
            i += 1;
            continue;
        }
        if !latin.is_empty() {
            words.push(std::mem::take(&mut latin));
        }
        if let Some((len, py)) = polyphone_at(&chars[i..]) {
            words.push(py.to_string());
            i += len;
            continue;
        }
        if let Some(p) = c.to_pinyin() {
            // ü (lü, nü) is written v, as pinyin keyboards do: URLs stay ASCII.
            let p: String = p
                .plain()
                .chars()
                .map(|c| if c == 'ü' { 'v' } else { c })
                .filter(char::is_ascii_alphanumeric)
                .collect();
            if !p.is_empty() {
                words.push(p);
            }
        }
        i += 1;
    }
    if !latin.is_empty() {
        words.push(latin);
    }
    let s = cut(&words.join("-"));
    // `con`, `nul` … cannot be file names on Windows, where archives are opened.
    if windows_reserved(&s) {
        format!("{s}-1")
    } else {
        s
    }
}

/// Names Windows reserves for devices (with any extension, in any case): CON, PRN, AUX, NUL,
/// COM1–COM9, LPT1–LPT9.
pub(crate) fn windows_reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && matches!(stem.as_bytes()[3], b'1'..=b'9'))
}

/// Why a path segment cannot be a file name on Windows, if it cannot.
pub fn windows_unsafe(segment: &str) -> Option<crate::i18n::Msg> {
    if segment.contains([':', '*', '?', '"', '<', '>', '|', '\\'])
        || segment.chars().any(char::is_control)
    {
        Some(crate::msg!("name-bad-chars"))
    } else if segment.ends_with(['.', ' ']) {
        Some(crate::msg!("name-trailing-dot"))
    } else if windows_reserved(segment) {
        Some(crate::msg!("name-reserved"))
    } else {
        None
    }
}

/// Characters an original file name may keep at most before its extension: the name, in a
/// bundle folder under a section, in an archive unpacked somewhere on a Windows desktop, stays
/// well within Windows' 260-character paths.
const FILE_STEM_MAX: usize = 80;

/// An office file's own name made safe to keep as a file name on Windows and in the output:
/// characters Windows refuses (`: * ? " < > | \ /`) and control characters become `_`, a name
/// Windows reserves (CON, NUL …) gets `_` after its stem, leading dots and spaces go (a leading
/// dot hides a file), trailing dots and spaces before the extension go, and a long name is cut.
/// Anything else — Chinese, spaces, `#`, `%` — is kept: links percent-encode it. None when
/// nothing usable is left.
pub(crate) fn safe_file_name(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|' | '\\' | '/') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((s, e)) => (s, e.trim_end_matches(['.', ' '])),
        None => (cleaned.as_str(), ""),
    };
    let stem = stem.trim_start_matches(['.', ' ']);
    let mut stem: String = stem.chars().take(FILE_STEM_MAX).collect();
    while stem.ends_with(['.', ' ']) {
        stem.pop();
    }
    if stem.is_empty() {
        return None;
    }
    if windows_reserved(&stem) {
        // After the part Windows reads as the device name: `CON.docx` → `CON_.docx`.
        let at = stem.find('.').unwrap_or(stem.len());
        stem.insert(at, '_');
    }
    Some(if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{ext}")
    })
}

fn polyphone_at(chars: &[char]) -> Option<(usize, &'static str)> {
    POLYPHONES.iter().find_map(|(word, py)| {
        let n = word.chars().count();
        (chars.len() >= n && word.chars().zip(chars).all(|(a, b)| a == *b)).then_some((n, *py))
    })
}

/// Cuts at a hyphen so that the slug is at most MAX_LEN characters.
fn cut(slug: &str) -> String {
    if slug.len() <= MAX_LEN {
        return slug.to_string();
    }
    let head = &slug[..MAX_LEN];
    match head.rfind('-') {
        Some(i) if i > 0 => head[..i].to_string(),
        _ => head.to_string(),
    }
}

/// A file stem usable as a slug as it is: ASCII letters, digits, `-` and `_`.
pub(crate) fn is_ascii_slug(stem: &str) -> bool {
    !stem.is_empty()
        && !windows_reserved(stem)
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Why a slug given in front matter cannot be one (it must stay one path segment inside the
/// site), if it cannot.
pub(crate) fn slug_problem(slug: &str) -> Option<Msg> {
    let why = check_segment(slug).err()?;
    Some(crate::msg!("slug-bad", slug = slug, why = why))
}

/// Why `s` cannot be a section, if it cannot: a section is one folder name under content/, by
/// the same rule as a slug (`import --section`, a file's own `section:`, `new <section>`).
pub(crate) fn section_problem(s: &str) -> Option<Msg> {
    let why = check_segment(s).err()?;
    Some(crate::msg!("section-bad", name = s, why = why))
}

/// A name that becomes one folder or file name under content/ or the output (a slug, a
/// section): why it cannot, if it cannot.
pub(crate) fn check_segment(name: &str) -> Result<(), Msg> {
    if name.is_empty() {
        return Err(crate::msg!("segment-empty"));
    }
    if name.contains(['/', '\\']) || name.contains("..") || name.starts_with('.') {
        return Err(crate::msg!("segment-path"));
    }
    if name.contains([':', '*', '?', '"', '<', '>', '|', '#', '%'])
        || name.chars().any(char::is_control)
        || name.ends_with(['.', ' '])
        || windows_reserved(name)
    {
        return Err(crate::msg!("segment-chars"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_titles_become_pinyin() {
        assert_eq!(slugify("学习贯彻"), "xue-xi-guan-che");
        assert_eq!(
            slugify("在银行长征路支行的讲话"),
            "zai-yin-hang-chang-zheng-lu-zhi-hang-de-jiang-hua"
        );
        assert_eq!(slugify("2023年 Rust 会议"), "2023-nian-rust-hui-yi");
        assert_eq!(slugify("《条例》——第一批"), "tiao-li-di-yi-pi");
    }

    #[test]
    fn long_slugs_cut_at_a_hyphen() {
        let s = slugify("关于深入开展学习贯彻主题教育调查研究工作的实施方案和具体安排意见");
        assert!(s.len() <= MAX_LEN && !s.ends_with('-'), "{s}");
    }

    #[test]
    fn an_original_file_name_is_kept_where_windows_and_urls_can_hold_it() {
        let f = |s: &str| safe_file_name(s);
        for kept in [
            "经验交流材料.docx",
            "第2批 方案(终稿)#3 100%.docx",
            "report.v2.DOC",
        ] {
            assert_eq!(f(kept).as_deref(), Some(kept));
        }
        for (name, want) in [
            ("方案:终稿?.docx", "方案_终稿_.docx"),
            ("a\u{1}b\u{7f}.rtf", "a_b_.rtf"),
            ("CON.docx", "CON_.docx"),
            ("lpt1.odt", "lpt1_.odt"),
            ("nul.备份.doc", "nul_.备份.doc"),
            ("..隐藏.docx", "隐藏.docx"),
            ("尾巴 . .docx", "尾巴.docx"),
            ("a\\b.docx", "a_b.docx"),
        ] {
            assert_eq!(f(name).as_deref(), Some(want), "{name:?}");
            assert!(windows_unsafe(want).is_none(), "{want}");
        }
        let long = format!("{}.docx", "长".repeat(200));
        let cut = f(&long).unwrap();
        assert_eq!(cut, format!("{}.docx", "长".repeat(FILE_STEM_MAX)));
        assert_eq!(f("a.docx. ").as_deref(), Some("a.docx"));
        for nothing in [".docx", " . .docx", ""] {
            assert_eq!(f(nothing), None, "{nothing:?}");
        }
    }

    #[test]
    fn given_slugs_stay_in_one_segment() {
        assert!(slug_problem("ok-slug").is_none());
        for bad in ["a/b", "..", "a\\b", "con:x", ""] {
            assert!(slug_problem(bad).is_some(), "{bad}");
        }
    }
}
