//! The fonts of the printed book: each face GB/T 9704 names (仿宋, 小标宋, 黑体, 楷体, 宋体) looked
//! up among the system's fonts by family name, the config's names first, then Windows' and
//! macOS' names, then the free CJK families Linux has; what was looked for and what is used
//! instead is said. Nothing is fetched.

use crate::config::PdfFonts;
use crate::i18n::Msg;
use crate::msg;
use typst::text::FontBook;

/// A face the standard asks for, by its role in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// 仿宋: the body.
    Body,
    /// 小标宋: titles.
    Title,
    /// 黑体: first-level headings, bold.
    Hei,
    /// 楷体: second-level headings, bylines, emphasis.
    Kai,
    /// 宋体: page numbers.
    Song,
}

impl Role {
    pub(crate) const ALL: [Role; 5] = [Role::Body, Role::Title, Role::Hei, Role::Kai, Role::Song];

    /// The face's Chinese name, as people ask for it.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Role::Body => "仿宋",
            Role::Title => "小标宋",
            Role::Hei => "黑体",
            Role::Kai => "楷体",
            Role::Song => "宋体",
        }
    }

    /// The key of `pdf.fonts` in config.yaml and of `hb.fonts` in the Typst text.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Role::Body => "fangsong",
            Role::Title => "xiaobiaosong",
            Role::Hei => "heiti",
            Role::Kai => "kaiti",
            Role::Song => "songti",
        }
    }

    /// Families that are this face, best first: the GB2312 and Windows names, macOS', and the
    /// Founder names offices install.
    fn proper(self) -> &'static [&'static str] {
        match self {
            Role::Body => &[
                "FangSong_GB2312",
                "FangSong",
                "STFangsong",
                "FZFangSong-Z02S",
                "仿宋",
            ],
            Role::Title => &[
                "FZXiaoBiaoSong-B05S",
                "FZXiaoBiaoSong-B05",
                "方正小标宋简体",
                "STZhongsong",
            ],
            // 黑体 and 宋体 are classes of face: the free CJK families are ones (思源黑体, 思源宋体).
            Role::Hei => &[
                "SimHei",
                "Heiti SC",
                "STHeiti",
                "黑体",
                "Noto Sans CJK SC",
                "Source Han Sans SC",
                "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei",
            ],
            Role::Kai => &["KaiTi_GB2312", "KaiTi", "STKaiti", "AR PL UKai CN", "楷体"],
            Role::Song => &[
                "SimSun",
                "STSong",
                "Songti SC",
                "宋体",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
                "AR PL UMing CN",
            ],
        }
    }

    /// Families that stand in for this face when none of [`proper`](Self::proper) is there.
    fn stand_ins(self) -> &'static [&'static str] {
        const SERIF: &[&str] = &[
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "AR PL UMing CN",
            "Noto Sans CJK SC",
            "WenQuanYi Zen Hei",
        ];
        const SANS: &[&str] = &[
            "Microsoft YaHei",
            "PingFang SC",
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei",
            "Noto Serif CJK SC",
        ];
        match self {
            Role::Title => &[
                "SimSun",
                "STSong",
                "Songti SC",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
                "AR PL UMing CN",
                "Noto Sans CJK SC",
                "WenQuanYi Zen Hei",
            ],
            Role::Hei => SANS,
            _ => SERIF,
        }
    }
}

/// The family chosen for each role, with the families after it that fill in characters it
/// lacks, and the notes to print.
#[derive(Debug, Clone)]
pub(crate) struct Faces {
    /// Per role (in `Role::ALL` order): the families to name in Typst, chosen one first.
    pub lists: Vec<Vec<String>>,
    /// The chosen family is a stand-in that has a bold weight (a 宋体 for 小标宋): titles use it.
    pub title_bold: bool,
    /// A monospace family for code, if the system has one.
    pub mono: Vec<String>,
    /// What was looked for and not found, and what is used instead.
    pub notes: Vec<Msg>,
}

/// Looks every role up in `book`; an error when no Chinese font is there at all.
pub(crate) fn choose(book: &FontBook, config: &PdfFonts) -> Result<Faces, Msg> {
    let has = |f: &str| book.contains_family(&f.to_lowercase());
    let mut notes = Vec::new();
    let mut lists = Vec::new();
    let mut title_bold = false;
    // Every CJK family the system has, in the stand-ins' order: characters a chosen font
    // lacks (a GB2312 font has no 𰻝) come from these.
    let mut cjk: Vec<&str> = Vec::new();
    for r in Role::ALL {
        for f in r.proper().iter().chain(r.stand_ins()) {
            if has(f) && !cjk.contains(f) {
                cjk.push(f);
            }
        }
    }
    for role in Role::ALL {
        let named = config.get(role.key());
        for n in named.iter().filter(|n| !has(n)) {
            notes.push(msg!("pdf-font-not-here", key = role.key(), name = n));
        }
        let chosen = named
            .iter()
            .map(String::as_str)
            .chain(role.proper().iter().copied())
            .find(|f| has(f));
        let chosen = match chosen {
            Some(f) => f.to_string(),
            None => {
                let Some(stand_in) = role.stand_ins().iter().find(|f| has(f)) else {
                    return Err(no_font_message());
                };
                notes.push(msg!(
                    "pdf-font-stand-in",
                    face = role.zh(),
                    looked = role.proper().join(", "),
                    what = what(role),
                    font = *stand_in,
                ));
                if role == Role::Title {
                    title_bold = true;
                }
                stand_in.to_string()
            }
        };
        let mut list = vec![chosen.clone()];
        list.extend(cjk.iter().filter(|f| **f != chosen).map(|f| f.to_string()));
        lists.push(list);
    }
    let mono = [
        "DejaVu Sans Mono",
        "Liberation Mono",
        "Consolas",
        "Menlo",
        "Noto Sans Mono CJK SC",
    ]
    .iter()
    .filter(|f| has(f))
    .map(|f| f.to_string())
    .chain(lists[0].iter().cloned())
    .collect();
    Ok(Faces {
        lists,
        title_bold,
        mono,
        notes,
    })
}

/// What a role's face sets, for the note.
fn what(role: Role) -> Msg {
    match role {
        Role::Body => msg!("pdf-sets-body"),
        Role::Title => msg!("pdf-sets-titles"),
        Role::Hei => msg!("pdf-sets-headings"),
        Role::Kai => msg!("pdf-sets-subheadings"),
        Role::Song => msg!("pdf-sets-page-numbers"),
    }
}

fn no_font_message() -> Msg {
    let mut all: Vec<&str> = Vec::new();
    for r in Role::ALL {
        for f in r.proper().iter().chain(r.stand_ins()) {
            if !all.contains(f) {
                all.push(f);
            }
        }
    }
    msg!("pdf-no-font", looked = all.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn book(families: &[&str]) -> FontBook {
        let mut b = FontBook::new();
        for f in families {
            b.push(typst::text::FontInfo {
                family: f.to_string(),
                variant: Default::default(),
                flags: typst::text::FontFlags::empty(),
                axes: Vec::new(),
                coverage: typst::text::Coverage::from_vec(vec![0x4e00, 0x9fff]),
            });
        }
        b
    }

    #[test]
    fn proper_faces_win_and_stand_ins_are_said() {
        let b = book(&["SimHei", "Noto Serif CJK SC", "Noto Sans CJK SC"]);
        let f = choose(&b, &PdfFonts::default()).unwrap();
        assert_eq!(f.lists[2][0], "SimHei");
        assert_eq!(f.lists[4][0], "Noto Serif CJK SC");
        assert_eq!(f.lists[0][0], "Noto Serif CJK SC");
        assert!(f.lists[0].contains(&"SimHei".to_string()));
        assert!(f.title_bold);
        assert!(f
            .notes
            .iter()
            .map(|n| n.text(Lang::En))
            .any(|n| n.contains("no 仿宋 font (looked for FangSong_GB2312")
                && n.contains("Noto Serif CJK SC instead")));
        assert!(!f
            .notes
            .iter()
            .map(|n| n.text(Lang::En))
            .any(|n| n.contains("黑体") || n.contains("宋体 font")));
    }

    #[test]
    fn config_names_come_first_and_a_missing_one_is_said() {
        let b = book(&["Noto Serif CJK SC", "My FangSong"]);
        let c = PdfFonts {
            fangsong: vec!["Gone Font".into(), "My FangSong".into()],
            ..PdfFonts::default()
        };
        let f = choose(&b, &c).unwrap();
        assert_eq!(f.lists[0][0], "My FangSong");
        assert!(f
            .notes
            .iter()
            .any(|n| n.text(Lang::En).contains("`Gone Font`")));
    }

    #[test]
    fn no_chinese_font_is_an_error_naming_what_was_looked_for() {
        let e = choose(&book(&["DejaVu Sans"]), &PdfFonts::default())
            .unwrap_err()
            .text(Lang::En);
        assert!(
            e.contains("FangSong") && e.contains("Noto Serif CJK SC"),
            "{e}"
        );
    }
}
