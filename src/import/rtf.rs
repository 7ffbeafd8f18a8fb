//! Rich Text Format (.rtf, as older systems and Word's "Save as RTF" write it) into the blocks
//! the text converter takes. No maintained crate decodes what Chinese RTF needs: `\'hh` bytes
//! in the document's or the font's double-byte code page (`\ansicpg936`, `\fcharset134`: GBK
//! through encoding_rs), `\uN` with its `\ucN` fallback skipped, and `\cell`/`\row` tables
//! (rtf-parser 0.4 decodes `\'hh` one byte at a time through single-byte tables and has no
//! tables). So this is a small reader of its own. Skipped whole: the font table and style
//! sheet (read for code pages, style names and outline levels), info, fields' codes (read for
//! hyperlinks), old readers' picture copies, and every `\*` group it does not know. Read:
//! paragraphs, headings from outline levels and style names, bold and italic, list numbers as
//! the writer rendered them (`\listtext`), footnotes, hyperlinks, tables, text boxes, PNG and
//! JPEG pictures. Metafile pictures, comments and unreadable bytes are told in the report.

use super::docx::Docx;
use super::text::{Block, Inline, Kind};
use crate::diag::Diagnostic;
use crate::i18n::Msg;
use crate::msg;
use encoding_rs::Encoding;
use std::collections::HashMap;
use std::path::Path;

/// The hint for a file Word or WPS can repair.
fn resave() -> Msg {
    msg!("rtf-resave-hint")
}

/// Deeper than any office document nests its groups; every level costs a copy of the state.
const MAX_DEPTH: usize = 1000;

/// Where the text of a group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Body,
    Skip,
    FontTable,
    StyleSheet,
    /// A number or bullet as the writer rendered it (`\listtext`, `\pntext`).
    ListText,
    Footnote,
    /// A field's code (`\fldinst`): read for a hyperlink's address.
    FieldCode,
    /// A picture (`\pict`): its data in hex, its properties.
    Picture,
    /// A picture's property list (`\*\picprop`), and one property's name and value.
    PropList,
    PropName,
    PropValue,
    /// A shape (`\*\shpinst`): skipped, but for the text box text it holds (`\shptxt`).
    Shape,
}

/// The state a group inherits and restores.
#[derive(Debug, Clone, Copy)]
struct State {
    dest: Dest,
    uc: usize,
    bold: bool,
    italic: bool,
    hidden: bool,
    font: Option<i32>,
    /// A `{\*` group whose destination word has not come yet.
    starred: bool,
    /// The last of `\dbch` and `\loch`/`\hich`/`\ltrch`/`\rtlch` was `\dbch`: `\ab` and
    /// `\ai` (the associated script's bold and italic) are then those of Chinese text.
    dbch: bool,
    /// Paragraph properties are group-scoped too (`{\listtext\pard …}` resets only its own).
    props: ParaProps,
}

/// A style of the style sheet: its name and outline level.
#[derive(Default, Clone)]
struct Style {
    name: String,
    outline: Option<i32>,
}

/// A picture being read.
#[derive(Default)]
struct Pict {
    /// The file extension of its format (`\pngblip`, `\jpegblip`); `None` for metafiles and
    /// bitmaps a browser cannot show.
    ext: Option<&'static str>,
    data: Vec<u8>,
    /// The high half of a byte whose low half has not come yet.
    half: Option<u8>,
    alt: String,
    prop_name: String,
    prop_value: String,
}

/// What the body held when a text box began.
struct Saved {
    para: Vec<Inline>,
    label: Option<String>,
    cell: Vec<Inline>,
    row: Vec<Vec<Inline>>,
    table: Vec<Vec<Vec<Inline>>>,
    table_x: Vec<Vec<i32>>,
}

/// Paragraph properties, reset by `\pard`.
#[derive(Default, Clone, Copy, Debug)]
struct ParaProps {
    style: i32,
    outline: Option<i32>,
    in_table: bool,
    level: usize,
}

struct Reader<'a> {
    src: &'a [u8],
    at: usize,
    stack: Vec<State>,
    state: State,
    ansi: u16,
    fonts: HashMap<i32, u16>,
    default_font: Option<i32>,
    styles: HashMap<i32, Style>,
    /// The style being read in the style sheet, and the depth of the sheet's group.
    style: Option<(i32, Style)>,
    sheet_depth: Option<usize>,
    font_def: Option<i32>,
    /// Bytes of `\'hh` and raw 8-bit text not yet decoded, in this code page.
    bytes: Vec<u8>,
    bytes_cp: u16,
    high_surrogate: Option<u16>,
    /// Fallback characters after `\uN` still to skip.
    skip_fallback: usize,
    para: Vec<Inline>,
    list_text: Option<String>,
    label: Option<String>,
    note: Option<String>,
    cell: Vec<Inline>,
    row: Vec<Vec<Inline>>,
    table: Vec<Vec<Vec<Inline>>>,
    table_line: usize,
    /// The right edges (`\cellx`) of the cells of the row being defined, and of each row read.
    cellx: Vec<i32>,
    table_x: Vec<Vec<i32>>,
    /// A text box being read: what the body held when it began, and where its blocks begin.
    shape: Option<(Saved, usize)>,
    /// Text boxes' blocks, placed after the paragraph holding them.
    boxed: Vec<Block>,
    field_code: String,
    /// A hyperlink's shown text being read: where it begins in the paragraph, its address,
    /// and the depth of its `\fldrslt` group.
    link: Option<(usize, String, usize)>,
    n_para: usize,
    /// Pictures left out: formats a page cannot show.
    pictures: usize,
    pict: Option<Pict>,
    comments: usize,
    /// Characters whose bytes are not text in their code page (shown as �), and that code page.
    unreadable: (usize, &'static str),
    out: Docx,
}

/// Reads the .rtf at `file` (its bytes already read).
pub(crate) fn read(file: &Path, bytes: &[u8]) -> Result<Docx, Diagnostic> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let body = bytes[start..]
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes[start..]);
    if !body.starts_with(b"{\\rtf") {
        return Err(Diagnostic::tr(file, msg!("rtf-not-rtf")).hint_tr(resave()));
    }
    let mut r = Reader::new(body);
    r.run()
        .map_err(|m| Diagnostic::tr(file, m).hint_tr(resave()))?;
    Ok(r.finish())
}

impl<'a> Reader<'a> {
    fn new(src: &'a [u8]) -> Reader<'a> {
        let state = State {
            dest: Dest::Body,
            uc: 1,
            bold: false,
            italic: false,
            hidden: false,
            font: None,
            starred: false,
            dbch: false,
            props: ParaProps::default(),
        };
        Reader {
            src,
            at: 0,
            stack: Vec::new(),
            state,
            ansi: 1252,
            fonts: HashMap::new(),
            default_font: None,
            styles: HashMap::new(),
            style: None,
            sheet_depth: None,
            font_def: None,
            bytes: Vec::new(),
            bytes_cp: 1252,
            high_surrogate: None,
            skip_fallback: 0,
            para: Vec::new(),
            list_text: None,
            label: None,
            note: None,
            cell: Vec::new(),
            row: Vec::new(),
            table: Vec::new(),
            table_line: 0,
            cellx: Vec::new(),
            table_x: Vec::new(),
            shape: None,
            boxed: Vec::new(),
            field_code: String::new(),
            link: None,
            n_para: 0,
            pictures: 0,
            pict: None,
            comments: 0,
            unreadable: (0, ""),
            out: Docx {
                blocks: Vec::new(),
                notes: Vec::new(),
                images: Vec::new(),
                dropped: Vec::new(),
            },
        }
    }

    fn run(&mut self) -> Result<(), Msg> {
        while self.at < self.src.len() {
            let b = self.src[self.at];
            self.at += 1;
            match b {
                b'{' => self.open()?,
                b'}' => self.close(),
                b'\\' => self.control(),
                b'\r' | b'\n' => {}
                _ => self.byte(b),
            }
        }
        self.flush();
        Ok(())
    }

    fn open(&mut self) -> Result<(), Msg> {
        self.flush();
        self.skip_fallback = 0;
        if self.stack.len() >= MAX_DEPTH {
            return Err(msg!("rtf-too-deep", max = MAX_DEPTH));
        }
        if self.state.dest == Dest::StyleSheet && self.sheet_depth == Some(self.stack.len()) {
            self.style = Some((0, Style::default()));
        }
        self.stack.push(self.state);
        self.state.starred = false;
        if self.state.dest == Dest::FontTable {
            self.font_def = None;
        }
        Ok(())
    }

    fn close(&mut self) {
        self.flush();
        self.skip_fallback = 0;
        let leaving = self.state.dest;
        let Some(outer) = self.stack.pop() else {
            return;
        };
        self.state = outer;
        if self.link.as_ref().is_some_and(|l| l.2 > self.stack.len()) {
            self.end_link();
        }
        match (leaving, outer.dest) {
            (Dest::Footnote, d) if d != Dest::Footnote => {
                if let Some(text) = self.note.take() {
                    let id = (self.out.notes.len() + 1).to_string();
                    self.para.push(Inline::Note(id.clone()));
                    self.out.notes.push((id, text.trim().to_string()));
                }
            }
            (Dest::ListText, d) if d != Dest::ListText => self.label = self.list_text.take(),
            (Dest::Body, Dest::Shape) => self.end_box(),
            (Dest::Picture, d) if d != Dest::Picture && d != Dest::PropList => self.end_picture(),
            (Dest::PropValue, _) => {
                if let Some(p) = self.pict.as_mut() {
                    if p.prop_name.trim() == "wzDescription" {
                        p.alt = std::mem::take(&mut p.prop_value);
                    }
                }
            }
            (_, Dest::StyleSheet) if self.sheet_depth == Some(self.stack.len()) => {
                if let Some((n, mut s)) = self.style.take() {
                    s.name = s.name.trim().trim_end_matches(';').trim().to_string();
                    self.styles.insert(n, s);
                }
            }
            _ => {}
        }
    }

    /// After a backslash: a control word with its parameter, or a control symbol.
    fn control(&mut self) {
        let Some(&c) = self.src.get(self.at) else {
            return;
        };
        if !c.is_ascii_alphabetic() {
            self.at += 1;
            self.symbol(c);
            return;
        }
        let start = self.at;
        while self.src.get(self.at).is_some_and(u8::is_ascii_alphabetic) && self.at - start < 32 {
            self.at += 1;
        }
        let word = std::str::from_utf8(&self.src[start..self.at]).unwrap_or("");
        let word = word.to_string();
        let neg = self.src.get(self.at) == Some(&b'-');
        if neg {
            self.at += 1;
        }
        let digits = self.at;
        while self.src.get(self.at).is_some_and(u8::is_ascii_digit) && self.at - digits < 10 {
            self.at += 1;
        }
        let param = std::str::from_utf8(&self.src[digits..self.at])
            .ok()
            .and_then(|d| d.parse::<i64>().ok())
            .map(|v| (if neg { -v } else { v }).clamp(i32::MIN.into(), i32::MAX.into()) as i32);
        // One space ends the word and is part of it.
        if self.src.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        self.word(&word, param);
    }

    fn symbol(&mut self, c: u8) {
        match c {
            b'\'' => {
                let hex = self.src.get(self.at..self.at + 2).unwrap_or(b"");
                let v = std::str::from_utf8(hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = v {
                    self.at += 2;
                    self.byte(v);
                }
            }
            b'*' => self.state.starred = true,
            b'\\' | b'{' | b'}' => self.byte(c),
            b'~' => self.emit(" "),
            b'_' => self.emit("-"),
            b'\r' | b'\n' => self.word("par", None),
            _ => {}
        }
    }

    /// A byte of text: ASCII as it is, others gathered to decode in the code page in force.
    fn byte(&mut self, b: u8) {
        if self.state.dest == Dest::Picture {
            self.picture_byte(b);
            return;
        }
        if self.skip_fallback > 0 {
            self.skip_fallback -= 1;
            return;
        }
        if b < 0x80 && self.bytes.is_empty() {
            self.emit(&char::from(b).to_string());
            return;
        }
        let cp = self.code_page();
        if cp != self.bytes_cp {
            self.flush();
            self.bytes_cp = cp;
        }
        self.bytes.push(b);
    }

    /// The code page of `\'hh` here: the font's charset, else the document's `\ansicpg`. A
    /// font marked ANSI (charset 0) in a document of a Chinese code page gets the document's:
    /// writers put Chinese bytes under such fonts, and cp1252 would make them noise.
    fn code_page(&self) -> u16 {
        let font = self.state.font.or(self.default_font);
        match font.and_then(|f| self.fonts.get(&f)).copied() {
            Some(1252) | None if is_dbcs(self.ansi) => self.ansi,
            Some(cp) => cp,
            None => self.ansi,
        }
    }

    /// Decodes the gathered bytes.
    fn flush(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.bytes);
        let enc = encoding(self.bytes_cp);
        let (text, _, bad) = enc.decode(&bytes);
        let text = text.into_owned();
        if bad
            && matches!(
                self.state.dest,
                Dest::Body | Dest::Footnote | Dest::ListText
            )
        {
            let n = text.matches('\u{FFFD}').count();
            self.unreadable.0 += n;
            self.unreadable.1 = enc.name();
        }
        self.emit(&text);
    }

    /// Decoded text, to where the current group sends it.
    fn emit(&mut self, t: &str) {
        if !self.bytes.is_empty() {
            self.flush();
        }
        if self.state.hidden && self.state.dest == Dest::Body {
            return;
        }
        match self.state.dest {
            Dest::Body => match self.para.last_mut() {
                Some(Inline::Text { text, bold, italic })
                    if *bold == self.state.bold && *italic == self.state.italic =>
                {
                    text.push_str(t)
                }
                _ => self.para.push(Inline::Text {
                    text: t.to_string(),
                    bold: self.state.bold,
                    italic: self.state.italic,
                }),
            },
            Dest::Footnote => self.note.get_or_insert_with(String::new).push_str(t),
            Dest::ListText => self.list_text.get_or_insert_with(String::new).push_str(t),
            Dest::StyleSheet => {
                if let Some((_, s)) = self.style.as_mut() {
                    s.name.push_str(t);
                }
            }
            Dest::FieldCode => self.field_code.push_str(t),
            Dest::PropName | Dest::PropValue => {
                if let Some(p) = self.pict.as_mut() {
                    if self.state.dest == Dest::PropName {
                        p.prop_name.push_str(t);
                    } else {
                        p.prop_value.push_str(t);
                    }
                }
            }
            Dest::Picture | Dest::PropList => {}
            Dest::FontTable | Dest::Skip | Dest::Shape => {}
        }
    }
}

impl Reader<'_> {
    fn word(&mut self, w: &str, p: Option<i32>) {
        self.skip_fallback = 0;
        if self.state.dest == Dest::Shape {
            if w == "shptxt" {
                self.begin_box();
            }
            return;
        }
        if self.state.dest == Dest::Skip {
            return;
        }
        if matches!(self.state.dest, Dest::Picture | Dest::PropList) && self.picture_word(w, p) {
            return;
        }
        if let Some(dest) = destination(w) {
            self.flush();
            self.enter(w, dest);
            return;
        }
        if self.state.starred {
            // `{\*\word …}`: a destination this reader does not know is skipped whole.
            self.state.dest = Dest::Skip;
            self.state.starred = false;
            return;
        }
        match w {
            "ansicpg" => self.ansi = p.and_then(|v| u16::try_from(v).ok()).unwrap_or(1252),
            "deff" => self.default_font = p,
            "f" if self.state.dest == Dest::FontTable => self.font_def = p,
            "f" => {
                self.flush();
                self.state.font = p;
            }
            "fcharset" => {
                if let (Some(f), Some(cp)) = (self.font_def, p.and_then(charset_code_page)) {
                    self.fonts.insert(f, cp);
                }
            }
            "uc" => self.state.uc = p.unwrap_or(1).clamp(0, 8) as usize,
            "u" => self.unicode(p.unwrap_or(0)),
            "bin" => {
                self.flush();
                let n = p.unwrap_or(0).max(0) as usize;
                self.at = (self.at + n).min(self.src.len());
            }
            _ => self.format_or_structure(w, p),
        }
    }

    /// A destination word begins its group's text.
    fn enter(&mut self, w: &str, dest: Dest) {
        self.state.starred = false;
        self.state.dest = dest;
        match (w, dest) {
            ("stylesheet", _) => self.sheet_depth = Some(self.stack.len()),
            ("footnote", _) => self.note = Some(String::new()),
            ("listtext" | "pntext", _) => self.list_text = Some(String::new()),
            ("pict", _) => self.pict = Some(Pict::default()),
            ("annotation", _) => self.comments += 1,
            ("fldinst", _) => self.field_code.clear(),
            ("fldrslt", _) => {
                let code = std::mem::take(&mut self.field_code);
                if let Some(url) = hyperlink(&code) {
                    self.link = Some((self.para.len(), url, self.stack.len()));
                }
            }
            _ => {}
        }
    }

    fn format_or_structure(&mut self, w: &str, p: Option<i32>) {
        let on = p != Some(0);
        let in_sheet = self.style.is_some() && self.state.dest == Dest::StyleSheet;
        match w {
            "dbch" => self.state.dbch = true,
            "loch" | "hich" | "ltrch" | "rtlch" => self.state.dbch = false,
            "ab" | "ai" if !self.state.dbch => {}
            "b" | "i" | "ab" | "ai" | "v" | "plain" => {
                self.flush();
                match w {
                    "b" | "ab" => self.state.bold = on,
                    "i" | "ai" => self.state.italic = on,
                    "v" => self.state.hidden = on,
                    _ => {
                        (self.state.bold, self.state.italic, self.state.hidden) =
                            (false, false, false);
                        self.state.font = None;
                    }
                }
            }
            "s" if in_sheet => {
                if let Some((n, _)) = self.style.as_mut() {
                    *n = p.unwrap_or(0);
                }
            }
            "outlinelevel" if in_sheet => {
                if let Some((_, s)) = self.style.as_mut() {
                    s.outline = p;
                }
            }
            "pard" => self.state.props = ParaProps::default(),
            "s" => self.state.props.style = p.unwrap_or(0),
            "outlinelevel" => self.state.props.outline = p,
            "intbl" => self.state.props.in_table = true,
            "itap" => self.state.props.in_table = p.unwrap_or(1) > 0,
            "ilvl" => self.state.props.level = p.unwrap_or(0).clamp(0, 8) as usize,
            "par" | "sect" => self.end_paragraph(),
            "line" if self.state.dest == Dest::Body => {
                self.flush();
                self.para.push(Inline::Break);
            }
            "tab" if self.state.dest == Dest::ListText => self.emit("\t"),
            "tab" | "emspace" | "enspace" | "qmspace" => self.emit(" "),
            "cell" => self.end_cell(),
            "nestcell" | "nestrow" => {
                self.flush();
                self.cell.append(&mut self.para);
                self.cell.push(Inline::Break);
            }
            "row" => self.end_row(),
            "trowd" => self.cellx.clear(),
            "cellx" => self.cellx.push(p.unwrap_or(0)),
            _ => {
                if let Some(c) = character(w) {
                    self.emit(c);
                }
            }
        }
    }

    /// `\uN`: a UTF-16 unit (negative for those past 32767), its fallback skipped after.
    fn unicode(&mut self, n: i32) {
        let unit = if n < 0 { n + 65536 } else { n } as u32;
        match unit {
            0xD800..=0xDBFF => self.high_surrogate = Some(unit as u16),
            0xDC00..=0xDFFF => {
                if let Some(high) = self.high_surrogate.take() {
                    let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (unit - 0xDC00);
                    if let Some(c) = char::from_u32(c) {
                        self.emit(&c.to_string());
                    }
                }
            }
            _ => {
                if let Some(c) = char::from_u32(unit) {
                    self.emit(&c.to_string());
                }
            }
        }
        self.skip_fallback = self.state.uc;
    }

    /// The number or bullet the writer put before the paragraph, as text or as a list item.
    fn take_label(&mut self, inlines: &mut Vec<Inline>) -> Option<Kind> {
        let label = self.label.take()?;
        let shown = label.trim();
        if shown.is_empty() {
            return None;
        }
        if shown.chars().count() == 1 && "•·▪●○■□◆◇-*o\u{F0B7}\u{F0A7}§".contains(shown)
        {
            return Some(Kind::Item {
                ordered: false,
                depth: self.state.props.level,
            });
        }
        let mut text = shown.to_string();
        if label.ends_with(['\t', ' ']) && shown.chars().last().is_some_and(|c| c.is_ascii()) {
            text.push(' ');
        }
        inlines.insert(0, Inline::plain(text));
        None
    }

    /// `\par`: the paragraph ends, in a table cell (a line of it) or in the body.
    fn end_paragraph(&mut self) {
        self.flush();
        if self.state.dest != Dest::Body {
            return;
        }
        let mut inlines = std::mem::take(&mut self.para);
        let item = self.take_label(&mut inlines);
        self.n_para += 1;
        if self.state.props.in_table {
            if self.table.is_empty() && self.row.is_empty() && self.cell.is_empty() {
                self.table_line = self.n_para;
            }
            if !self.cell.is_empty() && !inlines.is_empty() {
                self.cell.push(Inline::Break);
            }
            self.cell.extend(inlines);
            return;
        }
        self.end_table();
        let kind = item.unwrap_or_else(|| self.kind());
        self.out.blocks.push(Block::Para {
            kind,
            inlines,
            line: self.n_para,
        });
        if self.shape.is_none() {
            self.out.blocks.append(&mut self.boxed);
        }
    }

    fn kind(&self) -> Kind {
        let style = self.styles.get(&self.state.props.style);
        let outline = self.state.props.outline.or(style.and_then(|s| s.outline));
        if let Some(o) = outline.filter(|o| (0..9).contains(o)) {
            return Kind::Heading((o + 1).min(5) as u8);
        }
        let name = style.map(|s| s.name.to_lowercase()).unwrap_or_default();
        if name == "title" || name == "标题" {
            return Kind::Title;
        }
        match name
            .strip_prefix("heading ")
            .and_then(|n| n.trim().parse::<u8>().ok())
        {
            Some(n) => Kind::Heading(n.clamp(1, 5)),
            None => Kind::Normal,
        }
    }

    /// `\cell`: the cell's last paragraph ends, and the cell with it.
    fn end_cell(&mut self) {
        self.flush();
        if self.state.dest != Dest::Body {
            return;
        }
        if self.table.is_empty() && self.row.is_empty() && self.cell.is_empty() {
            self.table_line = self.n_para + 1;
        }
        let mut inlines = std::mem::take(&mut self.para);
        self.take_label(&mut inlines);
        if !self.cell.is_empty() && !inlines.is_empty() {
            self.cell.push(Inline::Break);
        }
        self.cell.extend(inlines);
        self.row.push(std::mem::take(&mut self.cell));
    }

    fn end_row(&mut self) {
        if !self.row.is_empty() {
            self.table.push(std::mem::take(&mut self.row));
            self.table_x.push(self.cellx.clone());
        }
    }

    fn end_table(&mut self) {
        self.end_row();
        if !self.table.is_empty() {
            let mut rows = std::mem::take(&mut self.table);
            spread(&mut rows, &std::mem::take(&mut self.table_x));
            self.out.blocks.push(Block::Table {
                rows,
                line: self.table_line,
            });
        }
    }

    /// A word inside a picture: its format, its properties' groups, binary data. True if
    /// it was one.
    fn picture_word(&mut self, w: &str, p: Option<i32>) -> bool {
        let Some(pict) = self.pict.as_mut() else {
            return false;
        };
        match w {
            "pngblip" => pict.ext = Some("png"),
            "jpegblip" => pict.ext = Some("jpg"),
            "sp" => {}
            "sn" => {
                pict.prop_name.clear();
                self.state.dest = Dest::PropName;
            }
            "sv" => {
                pict.prop_value.clear();
                self.state.dest = Dest::PropValue;
            }
            "bin" => {
                let n = p.unwrap_or(0).max(0) as usize;
                let end = (self.at + n).min(self.src.len());
                pict.data.extend_from_slice(&self.src[self.at..end]);
                self.at = end;
            }
            _ => return false,
        }
        true
    }

    /// A hex digit of a picture's data.
    fn picture_byte(&mut self, b: u8) {
        let (Some(pict), Some(v)) = (self.pict.as_mut(), char::from(b).to_digit(16)) else {
            return;
        };
        let v = v as u8;
        match pict.half.take() {
            Some(h) => pict.data.push(h << 4 | v),
            None => pict.half = Some(v),
        }
    }

    /// A picture ends: a PNG or JPEG goes into the bundle and shows where it stood; any
    /// other format is counted for the report.
    fn end_picture(&mut self) {
        let Some(pict) = self.pict.take() else {
            return;
        };
        match pict.ext.filter(|_| !pict.data.is_empty()) {
            Some(ext) => {
                let file = format!("image{}.{ext}", self.out.images.len() + 1);
                self.out.images.push((file.clone(), pict.data));
                self.para.push(Inline::Image {
                    file,
                    alt: pict.alt.trim().to_string(),
                });
            }
            None => self.pictures += 1,
        }
    }

    /// A hyperlink's shown text ends: the runs since it began become one link.
    fn end_link(&mut self) {
        let Some((mark, url, _)) = self.link.take() else {
            return;
        };
        let runs = self.para.split_off(mark.min(self.para.len()));
        let text = super::text::plain_of(&runs);
        if !text.is_empty() {
            self.para.push(Inline::Link { text, url });
        }
    }

    /// `\shptxt`: a text box's paragraphs begin; the body's pending text waits.
    fn begin_box(&mut self) {
        self.flush();
        self.state.dest = Dest::Body;
        let saved = Saved {
            para: std::mem::take(&mut self.para),
            label: self.label.take(),
            cell: std::mem::take(&mut self.cell),
            row: std::mem::take(&mut self.row),
            table: std::mem::take(&mut self.table),
            table_x: std::mem::take(&mut self.table_x),
        };
        self.shape = Some((saved, self.out.blocks.len()));
    }

    /// The text box ends: its blocks wait for the end of the paragraph holding it.
    fn end_box(&mut self) {
        let Some((saved, mark)) = self.shape.take() else {
            return;
        };
        if !self.para.is_empty() {
            self.state.props.in_table = false;
            self.state.dest = Dest::Body;
            self.end_paragraph();
        }
        self.end_table();
        let mut blocks = self.out.blocks.split_off(mark.min(self.out.blocks.len()));
        if !blocks.is_empty() {
            self.out
                .dropped
                .push((self.n_para, msg!("imp-text-box-moved")));
        }
        self.boxed.append(&mut blocks);
        self.para = saved.para;
        self.label = saved.label;
        self.cell = saved.cell;
        self.row = saved.row;
        self.table = saved.table;
        self.table_x = saved.table_x;
    }

    fn finish(mut self) -> Docx {
        self.flush();
        self.state.dest = Dest::Body;
        if !self.para.is_empty() || self.label.is_some() {
            self.state.props.in_table = false;
            self.end_paragraph();
        }
        self.end_table();
        self.out.blocks.append(&mut self.boxed);
        if self.pictures > 0 {
            let n = self.pictures;
            self.out
                .dropped
                .push((0, msg!("rtf-pictures-dropped", n = n)));
        }
        if self.unreadable.0 > 0 {
            let (n, encoding) = self.unreadable;
            let m = msg!("rtf-unreadable", n = n, encoding = encoding);
            self.out.dropped.push((0, m));
        }
        if self.comments > 0 {
            let n = self.comments;
            self.out
                .dropped
                .push((0, msg!("imp-comments-dropped", n = n)));
        }
        self.out
    }
}

/// `HYPERLINK "http://…"`: the address (a link within the document, `\l`, is none).
fn hyperlink(code: &str) -> Option<String> {
    let rest = code.trim().strip_prefix("HYPERLINK")?;
    if rest.trim_start().starts_with("\\l") {
        return None;
    }
    let start = rest.find('"')? + 1;
    let end = rest[start..].find('"')? + start;
    let url = rest[start..end].trim();
    (!url.is_empty()).then(|| url.to_string())
}

/// Cells that span several columns of the table's grid (a wider `\cellx` step than other
/// rows have there) are followed by empty cells, so every column keeps its place.
fn spread(rows: &mut [Vec<Vec<Inline>>], edges: &[Vec<i32>]) {
    let mut grid: Vec<i32> = edges.iter().flatten().copied().collect();
    grid.sort_unstable();
    // Writers round edges differently row by row: edges a few twips apart are one.
    grid.dedup_by(|b, a| (*b - *a).abs() <= 20);
    for (row, x) in rows.iter_mut().zip(edges) {
        if x.len() != row.len() || x.len() >= grid.len() {
            continue;
        }
        let mut spread = Vec::with_capacity(grid.len());
        let mut left = i32::MIN;
        for (cell, right) in row.drain(..).zip(x) {
            let span = grid
                .iter()
                .filter(|g| **g > left + 20 && **g <= right + 20)
                .count();
            spread.push(cell);
            spread.extend(std::iter::repeat_n(Vec::new(), span.saturating_sub(1)));
            left = *right;
        }
        *row = spread;
    }
}

/// The destinations this reader treats apart: read, or skipped whole.
fn destination(w: &str) -> Option<Dest> {
    Some(match w {
        "fonttbl" => Dest::FontTable,
        "stylesheet" => Dest::StyleSheet,
        "footnote" => Dest::Footnote,
        "listtext" | "pntext" => Dest::ListText,
        "fldinst" => Dest::FieldCode,
        "fldrslt" => Dest::Body,
        // The picture for new readers is read; the copy for old ones (`\nonshppict`) is not.
        "shppict" => Dest::Body,
        "pict" => Dest::Picture,
        "picprop" => Dest::PropList,
        "colortbl" | "info" | "nonshppict" | "object" | "header" | "headerl" | "headerr"
        | "headerf" | "footer" | "footerl" | "footerr" | "footerf" | "xe" | "tc" | "txe"
        | "rxe" | "annotation" | "listtable" | "listoverridetable" | "revtbl" | "rsidtbl"
        | "generator" | "xmlnstbl" | "themedata" | "colorschememapping" | "datastore"
        | "latentstyles" | "pgdsctbl" | "filetbl" | "userprops" | "docvar" | "template" | "pn"
        | "pnseclvl" | "bkmkstart" | "bkmkend" | "atnid" | "atnauthor" | "mmathPr" | "sp"
        | "shprslt" => Dest::Skip,
        "shpinst" => Dest::Shape,
        _ => return None,
    })
}

/// Control words that stand for one character.
fn character(w: &str) -> Option<&'static str> {
    Some(match w {
        "emdash" => "—",
        "endash" => "–",
        "lquote" => "‘",
        "rquote" => "’",
        "ldblquote" => "“",
        "rdblquote" => "”",
        "bullet" => "•",
        _ => return None,
    })
}

fn is_dbcs(cp: u16) -> bool {
    matches!(cp, 936 | 950 | 932 | 949 | 54936)
}

/// A Windows code page as encoding_rs knows it (GBK is read as GB18030, its superset).
fn encoding(cp: u16) -> &'static Encoding {
    match cp {
        936 | 54936 | 20936 => encoding_rs::GB18030,
        950 => encoding_rs::BIG5,
        932 => encoding_rs::SHIFT_JIS,
        949 => encoding_rs::EUC_KR,
        874 => encoding_rs::WINDOWS_874,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1255 => encoding_rs::WINDOWS_1255,
        1256 => encoding_rs::WINDOWS_1256,
        1257 => encoding_rs::WINDOWS_1257,
        1258 => encoding_rs::WINDOWS_1258,
        10000 => encoding_rs::MACINTOSH,
        65001 => encoding_rs::UTF_8,
        _ => encoding_rs::WINDOWS_1252,
    }
}

/// `\fcharsetN` → the Windows code page its bytes are in.
fn charset_code_page(charset: i32) -> Option<u16> {
    Some(match charset {
        0 | 2 => 1252,
        77 => 10000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    })
}
