//! Text files from Windows arrive as GBK, UTF-16 or UTF-8, with or without a BOM: decode them
//! by CJK.md's rules and say which encoding was used.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

pub struct Decoded {
    pub text: String,
    /// The encoding's name as the report shows it (UTF-8, UTF-16LE, GB18030, …).
    pub encoding: &'static str,
    /// How it was found: "BOM", "detected", "given".
    pub how: &'static str,
    /// Characters that could not be decoded (each became U+FFFD).
    pub replacements: usize,
}

impl Decoded {
    /// "GB18030 (detected)" for import's report, in either language.
    pub(crate) fn read_as(&self) -> crate::i18n::Msg {
        let encoding = self.encoding;
        match self.how {
            "BOM" => crate::msg!("txt-read-as-bom", encoding = encoding),
            "given" => crate::msg!("txt-read-as-given", encoding = encoding),
            _ => crate::msg!("txt-read-as-detected", encoding = encoding),
        }
    }
}

/// An encoding by the name a user would type: utf-8, gbk, gb2312, gb18030, utf-16le, big5, …
pub(crate) fn by_name(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.trim().as_bytes())
}

/// Decodes `bytes`: a BOM; NUL bytes early → UTF-16 (the byte order whose text looks like
/// text); strict UTF-8; otherwise chardetng with the `cn` hint (GBK read as its superset
/// GB18030). `given` overrides detection (a BOM still wins, as it cannot be wrong).
pub(crate) fn decode(bytes: &[u8], given: Option<&'static Encoding>) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom..], "BOM");
    }
    if let Some(enc) = given {
        // GBK and GB2312 files are decoded as GB18030, which contains both.
        let enc = if enc == encoding_rs::GBK {
            GB18030
        } else {
            enc
        };
        return finish(enc, bytes, "given");
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        let le = textlike(UTF_16LE, head);
        let be = textlike(UTF_16BE, head);
        if le.max(be) >= 0.9 {
            return finish(
                if le >= be { UTF_16LE } else { UTF_16BE },
                bytes,
                "detected",
            );
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(UTF_8, bytes, "detected");
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    let enc = if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    };
    finish(enc, bytes, "detected")
}

/// The share of characters that are ASCII graphic, whitespace or CJK when `head` is read as `enc`.
fn textlike(enc: &'static Encoding, head: &[u8]) -> f64 {
    let (text, _) = enc.decode_without_bom_handling(head);
    let (mut good, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if c.is_ascii_graphic()
            || c.is_whitespace()
            || crate::zh::is_cjk_char(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        {
            good += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        good as f64 / all as f64
    }
}

fn finish(enc: &'static Encoding, bytes: &[u8], how: &'static str) -> Decoded {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let replacements = text.matches('\u{FFFD}').count();
    // CRLF and lone CR become LF; a BOM inside the text (files pasted together) goes.
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\u{FEFF}', "");
    Decoded {
        text,
        encoding: enc.name(),
        how,
        replacements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "关于开展主题教育的讲话提纲\n同志们：今天召开会议。\n";

    #[test]
    fn each_windows_encoding_is_found_without_being_told() {
        let (gb, _, _) = GB18030.encode(TEXT);
        let d = decode(&gb, None);
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "gb18030"));

        let utf16: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&utf16, None);
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "UTF-16LE"));
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be, None).encoding, "UTF-16BE");

        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.replace('\n', "\r\n").as_bytes());
        let d = decode(&bom, None);
        assert_eq!((d.text.as_str(), d.encoding, d.how), (TEXT, "UTF-8", "BOM"));
    }

    #[test]
    fn a_given_encoding_wins_and_gbk_means_gb18030() {
        let (gb, _, _) = GB18030.encode(TEXT);
        let d = decode(&gb, by_name("gbk"));
        assert_eq!(
            (d.text.as_str(), d.encoding, d.how),
            (TEXT, "gb18030", "given")
        );
        let d = decode(&gb, by_name("utf-8"));
        assert!(d.replacements > 0, "wrong encoding shows as replacements");
    }
}
