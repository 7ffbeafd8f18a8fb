//! Helpers: fixture sites in temp dirs, the binary, and a crawler over the output.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A site with config.yaml holding `config` and no documents.
    pub fn new(config: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("config.yaml"), config).unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.root().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
        self
    }

    /// A document with the given front matter lines and body.
    pub fn doc(&self, rel: &str, fm: &str, body: &str) -> &Self {
        self.write(
            &format!("content/{rel}"),
            &format!("---\n{fm}\n---\n{body}"),
        )
    }

    pub fn build(&self, args: &[&str]) -> Output {
        run(&[&["build", "--root", self.root().to_str().unwrap()], args].concat())
    }

    pub fn build_ok(&self, args: &[&str]) -> String {
        let out = self.build(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "build failed:\n{stderr}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Builds, expecting failure; returns stderr.
    pub fn build_err(&self, args: &[&str]) -> String {
        let out = self.build(args);
        assert!(!out.status.success(), "build should have failed");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("panicked"), "panic: {stderr}");
        stderr
    }

    pub fn read(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }
}

pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_huibian"))
        .env("HUIBIAN_LANG", "en")
        .args(args)
        .output()
        .unwrap()
}

/// Copies the folder `from` to `to`: its folders and files (a link is copied as what it
/// points to).
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// What a build put in `dir` for readers: its files without huibian's mark of the folder.
pub fn built(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = snapshot(dir);
    files.remove(Path::new(".huibian-output"));
    files
}

/// The values of `attr="…"` in an HTML text.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&pat) {
        rest = &rest[i + pat.len()..];
        if let Some(j) = rest.find('"') {
            out.push(rest[..j].replace("&amp;", "&"));
            rest = &rest[j..];
        }
    }
    out
}

fn ids(html: &str) -> BTreeSet<String> {
    attr_values(html, "id").into_iter().collect()
}

/// Follows every href and src of every HTML page under `root` (served at `base`, e.g. "/" or
/// "/sub/"; None for relative mode) and returns the links that do not resolve to a file, or
/// to an id in it. In relative mode a root-absolute link is itself a failure.
pub fn broken_links(root: &Path, base: Option<&str>) -> Vec<String> {
    let mut broken = Vec::new();
    for (rel, bytes) in snapshot(root) {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = root.join(&rel).parent().unwrap().to_path_buf();
        for link in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, frag) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let target = if path.is_empty() {
                root.join(&rel)
            } else if let Some(stripped) = path.strip_prefix('/') {
                match base {
                    None => {
                        broken.push(format!(
                            "{}: root-absolute link {link} in relative mode",
                            rel.display()
                        ));
                        continue;
                    }
                    Some(b) => match ("/".to_string() + stripped).strip_prefix(b) {
                        Some(p) => root.join(huibian::site::urls::percent_decode(p)),
                        None => {
                            broken.push(format!("{}: {link} is outside base {b}", rel.display()));
                            continue;
                        }
                    },
                }
            } else {
                page_dir.join(huibian::site::urls::percent_decode(&path))
            };
            let file = if target.is_dir() {
                target.join("index.html")
            } else {
                target
            };
            if base.is_none() && path.ends_with('/') {
                broken.push(format!(
                    "{}: folder link {link} without index.html in relative mode",
                    rel.display()
                ));
            }
            if !file.is_file() {
                broken.push(format!(
                    "{}: {link} → {} missing",
                    rel.display(),
                    file.display()
                ));
                continue;
            }
            if let Some(f) = frag.filter(|f| !f.is_empty()) {
                let target_html = fs::read_to_string(&file).unwrap_or_default();
                if !ids(&target_html).contains(&huibian::site::urls::percent_decode(&f)) {
                    broken.push(format!("{}: {link} → no id {f}", rel.display()));
                }
            }
        }
    }
    broken
}

/// The text a reader sees in some HTML: tags dropped, the entities pages use decoded.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
