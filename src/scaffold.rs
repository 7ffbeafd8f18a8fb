//! `init` and `new`: files for a new site or a new document. Never overwrites anything.

use crate::diag::{Diagnostic, Failure};
use crate::render::builtin::DEFAULT_THEME;
use crate::source::date::DocDate;
use crate::source::frontmatter::{self, KeyStyle};
use crate::source::slug;
use std::path::{Path, PathBuf};

const CONFIG: &str = "title: 主题教育材料汇编
description: 主题教育讲话、学习辅导和经验交流材料
base_url: /
theme: default
";

const EXAMPLES: &[(&str, &str)] = &[
    (
        "content/speeches/dongyuan.md",
        "---\ntitle: 在主题教育动员部署会上的讲话\ndate: 2023-09-01\nbatch: 第二批\nunit: 办公室\nspeaker: 主要负责同志\ntags: [动员部署]\n---\n\n同志们：\n\n今天召开会议，对主题教育进行动员部署。\n\n## 一、提高思想认识\n\n要深刻认识开展主题教育的重大意义。\n",
    ),
    (
        "content/guides/xuexi.md",
        "---\ntitle: 学习辅导材料（一）\ndate: 2023-09-05\nbatch: 2\nunit: 办公室\ntags: [理论学习]\n---\n\n本材料供各支部集中学习时参考。\n",
    ),
    (
        "content/experiences/jingyan.md",
        "---\ntitle: 以调查研究推动问题解决的做法\ndate: 2023-09-10\nbatch: 2\nunit: 第一支部\ntags: [调查研究]\n---\n\n我们坚持把调查研究作为主题教育的重要抓手。\n",
    ),
];

/// The three sections of a campaign's materials, in their order: what the home page and the
/// navigation show, and where a new user changes titles, descriptions and order.
const SECTIONS: &[(&str, &str)] = &[
    (
        "content/speeches/_index.md",
        "---\ntitle: 讲话\ndescription: 领导同志在主题教育各阶段会议上的讲话和讲话提纲\nweight: 1\n---\n",
    ),
    (
        "content/guides/_index.md",
        "---\ntitle: 学习辅导\ndescription: 供集中学习、专题研讨参考的辅导材料\nweight: 2\n---\n",
    ),
    (
        "content/experiences/_index.md",
        "---\ntitle: 经验交流\ndescription: 各单位在主题教育中形成的做法和体会\nweight: 3\n---\n",
    ),
];

/// config.yaml's keys that have Chinese names.
const ZH_CONFIG_KEYS: &[(&str, &str)] = &[
    ("title", "标题"),
    ("description", "描述"),
    ("theme", "主题"),
];

/// `text` with the keys at the start of its lines renamed by `names` (English → Chinese);
/// indented lines and values are left as they are.
fn with_keys(text: &str, names: &[(&str, &str)], style: KeyStyle) -> String {
    if style == KeyStyle::English {
        return text.to_string();
    }
    text.split_inclusive('\n')
        .map(|line| {
            names
                .iter()
                .find_map(|(en, zh)| {
                    line.strip_prefix(&format!("{en}:"))
                        .map(|v| format!("{zh}:{v}"))
                })
                .unwrap_or_else(|| line.to_string())
        })
        .collect()
}

/// A new site in `dir`, its front matter keys and config.yaml's in `style`.
pub fn init(dir: &Path, style: KeyStyle) -> Result<(), Failure> {
    if dir.join("config.yaml").exists() {
        return Err(
            Diagnostic::tr(dir.join("config.yaml"), crate::msg!("init-site-exists")).into(),
        );
    }
    let mut files: Vec<(PathBuf, String)> = vec![(
        dir.join("config.yaml"),
        with_keys(CONFIG, ZH_CONFIG_KEYS, style),
    )];
    files.extend(
        DEFAULT_THEME
            .iter()
            .map(|(p, t)| (dir.join("themes/default").join(p), t.to_string())),
    );
    let sections = frontmatter::ZH_SECTION_KEYS;
    files.extend(
        SECTIONS
            .iter()
            .map(|(p, t)| (dir.join(p), with_keys(t, sections, style))),
    );
    let docs = frontmatter::ZH_DOC_KEYS;
    files.extend(
        EXAMPLES
            .iter()
            .map(|(p, t)| (dir.join(p), with_keys(t, docs, style))),
    );
    // A folder's own .gitignore (a git repository's) stays as it is.
    let ignore = dir.join(".gitignore");
    if std::fs::symlink_metadata(&ignore).is_err() {
        files.push((
            ignore,
            "/public
/.huibian-cache
"
            .to_string(),
        ));
    }
    // All or nothing: a file in the way, or one that a folder linked out of the site would put
    // elsewhere (content/ a link to someone's folder), is said before anything is written.
    let site = crate::fsio::resolve(dir);
    let taken: Vec<Diagnostic> = files
        .iter()
        .filter_map(|(p, _)| {
            if std::fs::symlink_metadata(p).is_ok() {
                return Some(
                    Diagnostic::tr(p, crate::msg!("init-file-exists"))
                        .hint_tr(crate::msg!("init-file-exists-hint")),
                );
            }
            let at = crate::fsio::resolve(p);
            (!at.starts_with(&site)).then(|| {
                let at = at.display().to_string();
                Diagnostic::tr(p, crate::msg!("init-outside", at = at))
                    .hint_tr(crate::msg!("init-outside-hint"))
            })
        })
        .collect();
    if !taken.is_empty() {
        return Err(taken.into());
    }
    for (path, text) in &files {
        crate::fsio::write_new(path, text.as_bytes())?;
    }
    Ok(())
}

/// A new draft in content/`section`/; its keys in `style`, else as the site's documents name
/// theirs. Returns its path and the style its keys were written in.
pub fn new_document(
    root: &Path,
    section: &str,
    title: &str,
    style: Option<KeyStyle>,
) -> Result<(PathBuf, KeyStyle), Failure> {
    if let Some(why) = slug::section_problem(section) {
        return Err(Diagnostic::tr("<section>", why)
            .hint_tr(crate::msg!("new-section-hint"))
            .into());
    }
    let title = title.trim();
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return Err(Diagnostic::tr(section, crate::msg!("new-no-file-name", title = title)).into());
    }
    let path = root
        .join("content")
        .join(section)
        .join(format!("{slug}.md"));
    let yaml_title = title.replace('"', "\\\"");
    let style = style.unwrap_or_else(|| frontmatter::site_key_style(&root.join("content")));
    let text = format!(
        "---\ntitle: \"{yaml_title}\"\ndate: {}\nslug: {slug}\ndraft: true\n---\n\n",
        DocDate::today().iso()
    );
    let text = with_keys(&text, frontmatter::ZH_DOC_KEYS, style);
    crate::output::inside_content(&root.join("content"), &path)?;
    crate::fsio::write_new(&path, text.as_bytes())?;
    Ok((path, style))
}
