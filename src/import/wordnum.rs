//! Word's automatic numbering (word/numbering.xml): abstract definitions and their levels,
//! numbering instances with their level and start overrides, definitions linked through
//! numbering styles; and, paragraph by paragraph, the number Word draws, which is not in the
//! document's text. Numbers count per definition, so two instances of one definition continue
//! each other, as in Word, unless an instance overrides a level (Word's "restart numbering").

use super::numbering::{word_template, Counters, Follow, Format, Label, Level, LEVELS};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

#[derive(Default, Clone)]
struct Abstract {
    levels: Vec<Level>,
    /// Level → the paragraph style that carries it (`w:lvl/w:pStyle`).
    styles: Vec<(usize, String)>,
    /// `w:numStyleLink`: the levels are those of the definition that `w:styleLink`s this style.
    uses_style: Option<String>,
    defines_style: Option<String>,
}

#[derive(Default, Clone)]
struct Num {
    abstract_id: String,
    /// Level → (start override, replacement level).
    overrides: Vec<(usize, Option<u32>, Option<Level>)>,
}

/// numbering.xml, read.
#[derive(Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
}

/// The counters of every list of one document, in paragraph order.
#[derive(Default)]
pub(crate) struct Lists {
    counters: HashMap<String, Counters>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

fn val(e: &BytesStart) -> Option<String> {
    attr(e, "w:val")
}

fn number(e: &BytesStart) -> Option<u32> {
    val(e).and_then(|v| v.trim().parse().ok())
}

/// Where the reader is in numbering.xml.
#[derive(Default)]
struct At {
    abs: Option<(String, Abstract)>,
    num: Option<(String, Num)>,
    /// The level being read, and the override it belongs to (inside `w:num`).
    lvl: Option<(usize, Level, bool)>,
    /// The level override being read: level, start, replacement.
    over: Option<(usize, Option<u32>, Option<Level>)>,
    /// Inside `mc:Fallback`: Word writes `w:numFmt` twice, a new format and a fallback.
    fallback: usize,
}

impl Numbering {
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut out = Numbering::default();
        let mut at = At::default();
        let mut r = Reader::from_str(xml);
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) => {
                    if e.name().as_ref() == "mc:Fallback" {
                        at.fallback += 1;
                    } else if at.fallback == 0 {
                        at.open(&e, false);
                    }
                }
                Ok(Event::Empty(e)) if at.fallback == 0 => at.open(&e, true),
                Ok(Event::End(e)) => {
                    if e.name().as_ref() == "mc:Fallback" {
                        at.fallback = at.fallback.saturating_sub(1);
                    } else if at.fallback == 0 {
                        at.close(e.name().as_ref(), &mut out);
                    }
                }
                // A damaged numbering part costs the numbers, not the text.
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        out
    }

    /// The levels of instance `num`, its overrides applied, and the key its counters go by.
    fn levels(&self, num: &str) -> Option<(Vec<Level>, String, &Abstract)> {
        let n = self.nums.get(num)?;
        let mut a = self.abstracts.get(&n.abstract_id)?;
        let mut key = n.abstract_id.clone();
        if let Some(style) = &a.uses_style {
            if let Some((id, linked)) = self
                .abstracts
                .iter()
                .find(|(_, x)| x.defines_style.as_ref() == Some(style))
            {
                a = linked;
                key = id.clone();
            }
        }
        let mut levels = a.levels.clone();
        levels.resize(LEVELS, Level::default());
        for (l, start, lvl) in &n.overrides {
            let Some(slot) = levels.get_mut(*l) else {
                continue;
            };
            if let Some(lvl) = lvl {
                *slot = lvl.clone();
            }
            if let Some(s) = start {
                slot.start = *s;
            }
        }
        if !n.overrides.is_empty() {
            key = format!("num {num}");
        }
        Some((levels, key, a))
    }

    /// The level a paragraph of style `style` has in instance `num` when nothing says it: the
    /// level that names the style, else the first.
    pub(crate) fn level_of_style(&self, num: &str, style: &str) -> usize {
        self.levels(num)
            .and_then(|(_, _, a)| a.styles.iter().find(|(_, s)| s == style).map(|x| x.0))
            .unwrap_or(0)
    }

    /// A paragraph numbered by instance `num` at `level` comes: what Word draws before it.
    /// `None` for an instance that is not defined (Word draws nothing either).
    pub(crate) fn label(&self, lists: &mut Lists, num: &str, level: usize) -> Option<Label> {
        let (levels, key, _) = self.levels(num)?;
        let level = level.min(LEVELS - 1);
        let lv = &levels[level];
        match lv.format {
            Format::Bullet => return Some(Label::Bullet(level)),
            _ if lv.template.is_none() => {
                return (lv.format != Format::None).then_some(Label::Untemplated(level))
            }
            _ => {}
        }
        let c = lists.counters.entry(key).or_default();
        c.advance(&levels, level, None);
        c.label(&levels, level).map(Label::Number)
    }
}

impl At {
    fn open(&mut self, e: &BytesStart, empty: bool) {
        let index = || attr(e, "w:ilvl").and_then(|v| v.parse::<usize>().ok());
        match e.name().as_ref() {
            "w:abstractNum" if !empty => {
                self.abs = attr(e, "w:abstractNumId").map(|id| (id, Abstract::default()));
            }
            "w:num" if !empty => {
                self.num = attr(e, "w:numId").map(|id| (id, Num::default()));
            }
            "w:lvlOverride" if !empty => self.over = index().map(|l| (l, None, None)),
            "w:lvl" if !empty => {
                let in_num = self.num.is_some();
                self.lvl = index().map(|l| (l, Level::default(), in_num));
            }
            "w:abstractNumId" => {
                if let (Some((_, n)), Some(v)) = (self.num.as_mut(), val(e)) {
                    n.abstract_id = v;
                }
            }
            "w:startOverride" => {
                if let Some((_, s, _)) = self.over.as_mut() {
                    *s = number(e);
                }
            }
            "w:numStyleLink" | "w:styleLink" => {
                if let Some((_, a)) = self.abs.as_mut().filter(|_| self.lvl.is_none()) {
                    if e.name().as_ref() == "w:numStyleLink" {
                        a.uses_style = val(e);
                    } else {
                        a.defines_style = val(e);
                    }
                }
            }
            _ => self.level_property(e),
        }
    }

    /// A property of the level being read.
    fn level_property(&mut self, e: &BytesStart) {
        let Some((index, lvl, _)) = self.lvl.as_mut() else {
            return;
        };
        match e.name().as_ref() {
            "w:start" => lvl.start = number(e).unwrap_or(1),
            "w:numFmt" => {
                let v = val(e).unwrap_or_default();
                lvl.format = match attr(e, "w:format") {
                    // Word 2010's custom formats name themselves by example: `01, 02, 03, ...`.
                    Some(f) if v == "custom" => Format::from_odf(&f, true),
                    _ => Format::from_word(&v),
                };
            }
            "w:lvlText" => lvl.template = Some(word_template(&val(e).unwrap_or_default())),
            "w:lvlRestart" => lvl.restart_after = number(e).map(|n| n as usize),
            "w:isLgl" => lvl.legal = !matches!(val(e).as_deref(), Some("0" | "false" | "off")),
            "w:suff" => {
                lvl.follow = match val(e).as_deref() {
                    Some("space") => Follow::Space,
                    Some("nothing") => Follow::Nothing,
                    _ => Follow::Tab,
                }
            }
            "w:pStyle" => {
                if let (Some((_, a)), Some(s)) = (self.abs.as_mut(), val(e)) {
                    a.styles.push((*index, s));
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str, out: &mut Numbering) {
        match name {
            "w:lvl" => {
                let Some((index, lvl, in_num)) = self.lvl.take() else {
                    return;
                };
                if in_num {
                    if let Some((_, _, slot)) = self.over.as_mut() {
                        *slot = Some(lvl);
                    }
                } else if let Some((_, a)) = self.abs.as_mut() {
                    if index < LEVELS {
                        if a.levels.len() <= index {
                            a.levels.resize(index + 1, Level::default());
                        }
                        a.levels[index] = lvl;
                    }
                }
            }
            "w:lvlOverride" => {
                if let (Some((_, n)), Some(o)) = (self.num.as_mut(), self.over.take()) {
                    n.overrides.push(o);
                }
            }
            "w:abstractNum" => {
                if let Some((id, a)) = self.abs.take() {
                    out.abstracts.insert(id, a);
                }
            }
            "w:num" => {
                if let Some((id, n)) = self.num.take() {
                    out.nums.insert(id, n);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

    fn numbering() -> Numbering {
        Numbering::parse(&format!(
            "<w:numbering {NS}>\
             <w:abstractNum w:abstractNumId=\"0\">\
              <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:pStyle w:val=\"1\"/></w:lvl>\
              <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/><w:pStyle w:val=\"2\"/></w:lvl>\
              <w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>\
             </w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"1\"><w:numStyleLink w:val=\"ListStyle\"/></w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"2\"><w:styleLink w:val=\"ListStyle\"/>\
              <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>\
               <mc:AlternateContent><mc:Choice Requires=\"w14\"><w:numFmt w:val=\"custom\" w:format=\"01, 02, 03, ...\"/></mc:Choice><mc:Fallback><w:numFmt w:val=\"bullet\"/></mc:Fallback></mc:AlternateContent>\
               <w:lvlText w:val=\"%1\"/><w:suff w:val=\"space\"/></w:lvl>\
             </w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>\
             <w:num w:numId=\"4\"><w:abstractNumId w:val=\"1\"/></w:num>\
             <w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"2\"><w:lvl w:ilvl=\"2\"><w:numFmt w:val=\"decimalEnclosedCircle\"/><w:lvlText w:val=\"%3\"/></w:lvl></w:lvlOverride></w:num>\
             </w:numbering>"
        ))
    }

    fn shown(n: &Numbering, lists: &mut Lists, num: &str, level: usize) -> String {
        match n.label(lists, num, level) {
            Some(Label::Number(s)) => s,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn instances_of_one_definition_continue_and_an_override_restarts() {
        let n = numbering();
        let mut lists = Lists::default();
        let got: Vec<String> = [("1", 0), ("1", 1), ("1", 2), ("2", 1), ("2", 0), ("3", 0)]
            .iter()
            .map(|(num, l)| shown(&n, &mut lists, num, *l))
            .collect();
        assert_eq!(got, ["一、", "（一）", "1. ", "（二）", "二、", "五、"]);
    }

    #[test]
    fn style_links_custom_formats_and_level_overrides() {
        let n = numbering();
        let mut lists = Lists::default();
        assert_eq!(shown(&n, &mut lists, "4", 0), "01 ");
        assert_eq!(shown(&n, &mut lists, "4", 0), "02 ");
        assert_eq!(shown(&n, &mut lists, "5", 2), "①");
        assert_eq!(n.level_of_style("1", "2"), 1);
        assert_eq!(n.level_of_style("1", "Normal"), 0);
        assert_eq!(n.label(&mut lists, "99", 0), None);
    }
}
