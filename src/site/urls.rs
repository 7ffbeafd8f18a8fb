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
    pub fn of(config: &crate::config::Config) -> Urls {
        Urls {
            base_path: config.base_path(),
            relative: config.relative_urls,
        }
    }

    /// The href of `to` on the page at `from` (both site paths).
    pub fn href(&self, from: &str, to: &str) -> String {
        let (path, fragment) = match to.find(['#', '?']) {
            Some(i) => to.split_at(i),
            None => (to, ""),
        };
        let path = path.trim_start_matches('/');
        if !self.relative {
            return format!("{}{path}{fragment}", self.base_path);
        }
        let depth = from.split('/').filter(|s| !s.is_empty()).count()
            - usize::from(!from.ends_with('/') && !from.is_empty());
        let mut out = "../".repeat(depth);
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
pub fn join_relative(from_file: &str, link: &str) -> Option<String> {
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

/// Links may percent-encode Chinese file names.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
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
}
