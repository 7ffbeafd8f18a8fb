//! How one page links to another: root-absolute under base_url's path, or relative (for any
//! sub-path and for file://), where links to folders end in index.html.

/// Site paths are relative to the site root without a leading `/`: "" is the home page,
/// "speeches/slug/" a document, "style.css" a file.
#[derive(Debug, Clone)]
pub struct Urls {
    pub base_path: String,
    pub relative: bool,
}

impl Urls {
    /// How the site's pages link, from its config: the one place this is decided.
    pub(crate) fn of(config: &crate::config::Config) -> Urls {
        Urls {
            base_path: config.base_path(),
            relative: config.relative_urls,
        }
    }

    /// The href of `to` on the page at `from` (both site paths).
    pub(crate) fn href(&self, from: &str, to: &str) -> String {
        self.href_at(self.depth(from), to)
    }

    /// How many folders below the root the page at `from` is, as its links see it: its hrefs
    /// depend on it alone (0 when links are root-absolute).
    pub(crate) fn depth(&self, from: &str) -> usize {
        if !self.relative {
            return 0;
        }
        from.split('/').filter(|s| !s.is_empty()).count()
            - usize::from(!from.ends_with('/') && !from.is_empty())
    }

    /// The href of `to` on a page at `depth` ([`Urls::depth`]).
    pub(crate) fn href_at(&self, depth: usize, to: &str) -> String {
        let (path, fragment) = match to.find(['#', '?']) {
            Some(i) => to.split_at(i),
            None => (to, ""),
        };
        let path = path.trim_start_matches('/');
        if !self.relative {
            // (Called for most links of every page: pushed, not `format!`ted.)
            let mut out = String::with_capacity(self.base_path.len() + path.len() + fragment.len());
            out.push_str(&self.base_path);
            out.push_str(path);
            out.push_str(fragment);
            return out;
        }
        let mut out = String::with_capacity(3 * depth + path.len() + fragment.len() + 10);
        for _ in 0..depth {
            out.push_str("../");
        }
        out.push_str(path);
        if path.is_empty() || path.ends_with('/') {
            out.push_str("index.html");
        }
        out.push_str(fragment);
        out
    }
}

/// Joins a relative link to the folder of `from_file` (both with `/`) and normalises `..`.
/// None when the link climbs out of the root.
pub(crate) fn join_relative(from_file: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_file.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// A file name as one URL path segment: everything but ASCII letters, digits and `-._~`
/// percent-encoded (UTF-8), so that `#`, `?`, `%`, spaces and Chinese reach the server as the
/// name's own characters.
pub(crate) fn encode_segment(name: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(name, KEEP).to_string()
}

/// Links may percent-encode Chinese file names. A `%` not followed by two hex digits stays as
/// it is, and a decoding that is not UTF-8 gives the text back unchanged.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |decoded| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_and_relative_hrefs() {
        let abs = Urls {
            base_path: "/sub/".into(),
            relative: false,
        };
        assert_eq!(abs.href("speeches/a/", "guides/b/"), "/sub/guides/b/");
        let rel = Urls {
            base_path: "/".into(),
            relative: true,
        };
        assert_eq!(
            rel.href("speeches/a/", "guides/b/#x"),
            "../../guides/b/index.html#x"
        );
        assert_eq!(rel.href("", "style.css"), "style.css");
        assert_eq!(rel.href("", ""), "index.html");
        assert_eq!(rel.href("404.html", "style.css"), "style.css");
        assert_eq!(rel.href("tags/x/page/2/", ""), "../../../../index.html");
    }

    #[test]
    fn joins_relative_links() {
        assert_eq!(
            join_relative("speeches/a.md", "../guides/b.md").unwrap(),
            "guides/b.md"
        );
        assert_eq!(
            join_relative("speeches/x/index.md", "../c.md").unwrap(),
            "speeches/c.md"
        );
        assert!(join_relative("a.md", "../../b.md").is_none());
    }

    #[test]
    fn a_file_name_is_one_encoded_segment_that_decodes_back() {
        for name in [
            "huiyi-yicheng.pdf",
            "经验交流材料.docx",
            "方案 (终稿)#3 100%?.docx",
        ] {
            let e = encode_segment(name);
            assert!(!e.contains(['#', '?', ' ', '/']) && e.is_ascii(), "{e}");
            assert_eq!(percent_decode(&e), name);
        }
        assert_eq!(encode_segment("huiyi-yicheng.pdf"), "huiyi-yicheng.pdf");
    }

    #[test]
    fn percent_decoding_keeps_what_is_not_an_escape() {
        assert_eq!(percent_decode("%E8%AE%B2%E8%AF%9D.md"), "讲话.md");
        assert_eq!(percent_decode("%e8%ae%b2"), "讲");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("a%2Fb%20c"), "a/b c");
        // Not UTF-8 once decoded (a GBK 讲): the link is left as written.
        assert_eq!(percent_decode("%BD%B2"), "%BD%B2");
    }
}
