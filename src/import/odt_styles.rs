//! The styles of an OpenDocument text that import needs (styles.xml and content.xml's automatic
//! styles): which paragraph and text styles make bold or italic, which paragraph styles are a
//! title or a heading, and the list styles and outline style whose levels draw the numbers
//! (`（一）`, `1.`, `一、`) that a .odt, like a .docx, does not hold as text.

use super::numbering::{Follow, Format, Level, Piece, LEVELS};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// A paragraph or text style.
#[derive(Default, Clone, Debug)]
pub(crate) struct Style {
    pub(crate) name: String,
    pub(crate) parent: Option<String>,
    pub(crate) bold: Option<bool>,
    pub(crate) italic: Option<bool>,
    pub(crate) outline: Option<u8>,
    pub(crate) list_style: Option<String>,
}

#[derive(Default)]
pub(crate) struct Styles {
    /// Paragraph and text styles by name (the two families never share a name in practice;
    /// where they do, the later wins, which is the automatic one of content.xml).
    pub(crate) styles: HashMap<String, Style>,
    pub(crate) lists: HashMap<String, Vec<Level>>,
    pub(crate) outline: Vec<Level>,
}

pub(crate) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// `fo:font-weight` (and its Asian twin, which is what Chinese text is drawn with).
fn weight_bold(v: &str) -> bool {
    v == "bold" || v.parse::<u32>().is_ok_and(|n| n >= 600)
}

/// What is being read: a style, or a list style and its level.
#[derive(Default)]
struct At {
    style: Option<(String, Style)>,
    list: Option<(String, Vec<Level>)>,
    level: Option<(usize, Level, Attrs)>,
    in_outline: bool,
}

/// The attributes a level's template is made from.
#[derive(Default)]
struct Attrs {
    prefix: String,
    suffix: String,
    display: usize,
    template: Option<String>,
}

impl Styles {
    /// Adds the styles of one part (styles.xml first, then content.xml).
    pub(crate) fn read(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut at = At::default();
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) => at.open(&e),
                Ok(Event::Empty(e)) => {
                    at.open(&e);
                    at.close(e.name().as_ref(), self);
                }
                Ok(Event::End(e)) => at.close(e.name().as_ref(), self),
                // Damaged styles cost formatting and numbers, not text: the body is read apart.
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }

    /// A style's property, its own or its parents'.
    pub(crate) fn find<T>(&self, name: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut name = name.to_string();
        for _ in 0..16 {
            let s = self.styles.get(&name)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            name = s.parent.clone()?;
        }
        None
    }

    /// Is this paragraph style (or one it derives from) the document title?
    pub(crate) fn is_title(&self, name: &str) -> bool {
        self.find(name, |s| {
            matches!(s.name.as_str(), "Title" | "标题").then_some(true)
        })
        .unwrap_or(false)
    }
}

impl At {
    fn open(&mut self, e: &BytesStart) {
        match e.name().as_ref() {
            "style:style" => {
                let family = attr(e, "style:family").unwrap_or_default();
                if family == "paragraph" || family == "text" {
                    let name = attr(e, "style:name").unwrap_or_default();
                    let s = Style {
                        name: attr(e, "style:display-name").unwrap_or_else(|| name.clone()),
                        parent: attr(e, "style:parent-style-name"),
                        outline: attr(e, "style:default-outline-level")
                            .and_then(|v| v.parse().ok()),
                        list_style: attr(e, "style:list-style-name"),
                        ..Style::default()
                    };
                    self.style = Some((name, s));
                }
            }
            "style:text-properties" => {
                if let Some((_, s)) = self.style.as_mut() {
                    let pick = |asian: &str, western: &str| attr(e, asian).or(attr(e, western));
                    if let Some(w) = pick("style:font-weight-asian", "fo:font-weight") {
                        s.bold = Some(weight_bold(&w));
                    }
                    if let Some(i) = pick("style:font-style-asian", "fo:font-style") {
                        s.italic = Some(i == "italic" || i == "oblique");
                    }
                }
            }
            "text:list-style" => {
                self.list = attr(e, "style:name").map(|n| (n, Vec::new()));
            }
            "text:outline-style" => self.in_outline = true,
            "text:list-level-style-number"
            | "text:outline-level-style"
            | "text:list-level-style-bullet"
            | "text:list-level-style-image" => self.open_level(e),
            "style:list-level-label-alignment" => {
                if let Some((_, l, _)) = self.level.as_mut() {
                    l.follow = match attr(e, "text:label-followed-by").as_deref() {
                        Some("space") => Follow::Space,
                        Some("nothing") => Follow::Nothing,
                        _ => Follow::Tab,
                    };
                }
            }
            _ => {}
        }
    }

    fn open_level(&mut self, e: &BytesStart) {
        let index = attr(e, "text:level")
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, LEVELS)
            - 1;
        let numbered = matches!(
            e.name().as_ref(),
            "text:list-level-style-number" | "text:outline-level-style"
        );
        let sync = attr(e, "style:num-letter-sync").as_deref() == Some("true");
        let format = if numbered {
            Format::from_odf(&attr(e, "style:num-format").unwrap_or_default(), sync)
        } else {
            Format::Bullet
        };
        let level = Level {
            format,
            start: attr(e, "text:start-value")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
            ..Level::default()
        };
        let attrs = Attrs {
            prefix: attr(e, "style:num-prefix").unwrap_or_default(),
            suffix: attr(e, "style:num-suffix").unwrap_or_default(),
            display: attr(e, "text:display-levels")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
            template: attr(e, "loext:num-list-format"),
        };
        self.level = Some((index, level, attrs));
    }

    fn close(&mut self, name: &str, styles: &mut Styles) {
        match name {
            "style:style" => {
                if let Some((n, s)) = self.style.take() {
                    styles.styles.insert(n, s);
                }
            }
            "text:list-level-style-number"
            | "text:outline-level-style"
            | "text:list-level-style-bullet"
            | "text:list-level-style-image" => {
                let Some((index, mut level, attrs)) = self.level.take() else {
                    return;
                };
                level.template = Some(template(index, &attrs));
                let levels = if self.in_outline {
                    &mut styles.outline
                } else if let Some((_, l)) = self.list.as_mut() {
                    l
                } else {
                    return;
                };
                if levels.len() <= index {
                    levels.resize(index + 1, Level::default());
                }
                levels[index] = level;
            }
            "text:list-style" => {
                if let Some((n, mut l)) = self.list.take() {
                    l.resize(LEVELS, Level::default());
                    styles.lists.insert(n, l);
                }
            }
            "text:outline-style" => {
                self.in_outline = false;
                styles.outline.resize(LEVELS, Level::default());
            }
            _ => {}
        }
    }
}

/// A level's template: LibreOffice's own (`loext:num-list-format`, `%1%.%2%`), else the
/// prefix, the numbers of the last `display-levels` levels joined by dots, and the suffix.
fn template(index: usize, a: &Attrs) -> Vec<Piece> {
    if let Some(t) = &a.template {
        return lo_template(t);
    }
    let mut out = Vec::new();
    if !a.prefix.is_empty() {
        out.push(Piece::Text(a.prefix.clone()));
    }
    let first = (index + 1).saturating_sub(a.display.max(1));
    for k in first..=index {
        if k > first {
            out.push(Piece::Text(".".into()));
        }
        out.push(Piece::Number(k));
    }
    if !a.suffix.is_empty() {
        out.push(Piece::Text(a.suffix.clone()));
    }
    out
}

/// `%1%.%2%、`: numbers between percent signs, the rest text.
fn lo_template(t: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('%') {
        let after = &rest[i + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let number = after[..digits].parse::<usize>().ok().filter(|n| *n >= 1);
        match number {
            Some(n) if after[digits..].starts_with('%') => {
                if i > 0 {
                    out.push(Piece::Text(rest[..i].to_string()));
                }
                out.push(Piece::Number((n - 1).min(LEVELS - 1)));
                rest = &after[digits + 1..];
            }
            _ => {
                out.push(Piece::Text(rest[..=i].to_string()));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_from_prefix_levels_and_suffix_or_from_libreoffice() {
        let a = Attrs {
            prefix: "（".into(),
            suffix: "）".into(),
            display: 1,
            template: None,
        };
        assert_eq!(
            template(1, &a),
            [
                Piece::Text("（".into()),
                Piece::Number(1),
                Piece::Text("）".into())
            ]
        );
        let a = Attrs {
            display: 2,
            ..Attrs::default()
        };
        assert_eq!(
            template(1, &a),
            [Piece::Number(0), Piece::Text(".".into()), Piece::Number(1)]
        );
        assert_eq!(
            lo_template("%1%.%2%、50%"),
            [
                Piece::Number(0),
                Piece::Text(".".into()),
                Piece::Number(1),
                Piece::Text("、50%".into())
            ]
        );
    }
}
