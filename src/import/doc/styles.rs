//! The style sheet ([MS-DOC] 2.9.271 STSH): each style's name, base style and paragraph sprms,
//! so that a paragraph's heading level and numbering can be found through its style — the way
//! office templates carry them ("heading 1" with its numbering, a "List Number" style).

use super::bytes::{Bytes, Res};
use super::sprm;

/// istdBase of a style based on none.
const ISTD_NIL: u16 = 0x0FFF;
/// Built-in style identifiers (sti) of "heading 1" … "heading 9" and "Title".
const STI_HEADING_1: u16 = 1;
const STI_TITLE: u16 = 62;
/// stk of a paragraph style and of a character style.
const STK_PARA: u16 = 1;
const STK_CHAR: u16 = 2;

#[derive(Clone, Default)]
pub(crate) struct Style {
    pub(crate) name: String,
    sti: u16,
    base: u16,
    /// The paragraph sprms of a paragraph style (UpxPapx).
    grpprl: Vec<u8>,
    /// The character sprms of a character style (UpxChpx).
    chpx: Vec<u8>,
}

#[derive(Default)]
pub(crate) struct Styles {
    styles: Vec<Option<Style>>,
}

/// How a style makes a paragraph read.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Role {
    Title,
    Heading(u8),
    Body,
}

impl Styles {
    pub(crate) fn read(stsh: &Bytes) -> Res<Styles> {
        let cb_stshi = usize::from(stsh.u16(0)?);
        let cstd = usize::from(stsh.u16(2)?);
        let cb_base = usize::from(stsh.u16(4)?);
        let mut at = 2 + cb_stshi;
        let mut styles = Vec::with_capacity(cstd.min(4096));
        for _ in 0..cstd {
            let Ok(cb) = stsh.u16(at) else { break };
            let cb = usize::from(cb);
            let std = stsh.sub(at + 2, cb, "a style (STD)");
            at += 2 + cb;
            styles.push(match std {
                Ok(b) if cb > 0 => std_of(&b, cb_base).ok(),
                _ => None,
            });
        }
        Ok(Styles { styles })
    }

    fn get(&self, istd: u16) -> Option<&Style> {
        self.styles.get(usize::from(istd))?.as_ref()
    }

    /// The style and its bases, nearest first (at most 11 deep, so a loop ends).
    fn chain(&self, istd: u16) -> impl Iterator<Item = &Style> {
        let mut next = Some(istd);
        std::iter::from_fn(move || {
            let s = self.get(next?)?;
            next = (s.base != ISTD_NIL).then_some(s.base);
            Some(s)
        })
        .take(11)
    }

    /// Title, heading N (from the built-in identifier, the name, or an outline level), or body.
    pub(crate) fn role(&self, istd: u16) -> Role {
        for s in self.chain(istd) {
            if s.sti == STI_TITLE || name_is_title(&s.name) {
                return Role::Title;
            }
            if (STI_HEADING_1..STI_HEADING_1 + 9).contains(&s.sti) {
                return Role::Heading((s.sti - STI_HEADING_1 + 1) as u8);
            }
            if let Some(n) = heading_in_name(&s.name) {
                return Role::Heading(n);
            }
            let outline = sprm::each(&s.grpprl).find(|(k, _)| *k == sprm::P_OUTLVL);
            if let Some((_, &[lvl, ..])) = outline {
                if lvl < 9 {
                    return Role::Heading(lvl + 1);
                }
            }
        }
        Role::Body
    }

    /// The character sprms of a character style and its bases, the base's first (so that the
    /// nearer style's come later and win).
    pub(crate) fn chpx(&self, istd: u16) -> Vec<u8> {
        let chain: Vec<&Style> = self.chain(istd).collect();
        chain
            .iter()
            .rev()
            .flat_map(|s| s.chpx.iter().copied())
            .collect()
    }

    /// The nearest value of a paragraph sprm set through the style or its bases.
    pub(crate) fn sprm(&self, istd: u16, wanted: u16) -> Option<Vec<u8>> {
        self.chain(istd).find_map(|s| {
            sprm::each(&s.grpprl)
                .filter(|(k, _)| *k == wanted)
                .last()
                .map(|(_, op)| op.to_vec())
        })
    }
}

/// One STD: StdfBase (sti, stk, istdBase), the name (Xstz), then the UPXs.
fn std_of(b: &Bytes, cb_base: usize) -> Res<Style> {
    let sti = b.u16(0)? & 0x0FFF;
    let w2 = b.u16(2)?;
    let (stk, base) = (w2 & 0x000F, w2 >> 4);
    let cch = usize::from(b.u16(cb_base)?);
    let units: Vec<u16> = b
        .slice(cb_base + 2, cch * 2)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let name = String::from_utf16_lossy(&units);
    let (mut grpprl, mut chpx) = (Vec::new(), Vec::new());
    let at = cb_base + 2 + cch * 2 + 2;
    // The UPXs, each an even number of bytes: a paragraph style's LPUpxPapx (istd, then the
    // sprms); a character style's LPUpxChpx.
    let upx = |at: usize| -> Option<&[u8]> {
        let cb = usize::from(b.u16(at).ok()?);
        b.slice(at + 2, cb).ok()
    };
    if stk == STK_PARA {
        grpprl = upx(at)
            .and_then(|u| u.get(2..))
            .unwrap_or_default()
            .to_vec();
    } else if stk == STK_CHAR {
        chpx = upx(at).unwrap_or_default().to_vec();
    }
    Ok(Style {
        name,
        sti,
        base,
        grpprl,
        chpx,
    })
}

fn name_is_title(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    n == "title" || n == "标题"
}

/// "heading 2", "Heading 2", "标题 2", "标题2" → 2.
fn heading_in_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    match rest.trim().parse::<u8>() {
        Ok(d @ 1..=9) => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names_in_english_and_chinese() {
        assert_eq!(heading_in_name("heading 1"), Some(1));
        assert_eq!(heading_in_name("Heading 3"), Some(3));
        assert_eq!(heading_in_name("标题 2"), Some(2));
        assert_eq!(heading_in_name("标题2"), Some(2));
        assert_eq!(heading_in_name("标题"), None);
        assert_eq!(heading_in_name("Heading 10"), None);
        assert!(name_is_title("Title") && name_is_title("标题"));
    }

    #[test]
    fn a_style_that_is_its_own_base_ends() {
        let s = Styles {
            styles: vec![Some(Style {
                name: "x".into(),
                sti: 0,
                base: 0,
                grpprl: vec![],
                chpx: vec![],
            })],
        };
        assert_eq!(s.role(0), Role::Body);
        assert_eq!(s.sprm(0, sprm::P_ILFO), None);
    }
}
