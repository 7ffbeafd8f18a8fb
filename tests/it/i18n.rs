//! The users' language (issue 27): Chinese front matter keys that build the same pages as the
//! English ones, and messages in Chinese or English by the locale, `HUIBIAN_LANG` and `--lang`.

use crate::common::{built, run, Site};
use std::fs;

/// Every document key, the English way and the Chinese way, with the same values.
const EN_KEYS: &str = "title: 在动员部署会上的讲话
date: 2023年9月1日
batch: 第二批
unit: 办公室
author: 宣传部
speaker: 主要负责同志
location: 第一会议室
tags: [动员部署, 理论学习]
summary: 对主题教育进行动员部署。
slug: dongyuan
weight: 3
aliases: [/old/dongyuan/]
attachments:
  yicheng.txt: 会议议程
extra: {kind: 讲话提纲}
type: 讲话
check_allow: [future-date]";

const ZH_KEYS: &str = "标题: 在动员部署会上的讲话
日期: 2023年9月1日
批次: 第二批
单位: 办公室
作者: 宣传部
讲话人: 主要负责同志
地点: 第一会议室
标签: [动员部署, 理论学习]
摘要: 对主题教育进行动员部署。
网址名: dongyuan
权重: 3
别名: [/old/dongyuan/]
附件:
  yicheng.txt: 会议议程
扩展: {kind: 讲话提纲}
文种: 讲话
检查放行: [future-date]";

const TAXONOMIES: &str = "taxonomies:
  - {name: batch, label: 批次}
  - {name: unit, label: 单位}
  - {name: tags, label: 标签}
  - {name: type, label: 文种}
";

fn keyed_site(config: &str, fm: &str, section: &str) -> Site {
    let s = Site::new(&format!("{config}{TAXONOMIES}"));
    s.doc(
        "speeches/dongyuan/index.md",
        fm,
        "同志们：\n\n今天召开会议。\n\n## 一、提高认识\n\n要深刻认识。\n",
    );
    s.write("content/speeches/dongyuan/yicheng.txt", "议程");
    s.write("content/speeches/_index.md", section);
    s
}

#[test]
fn chinese_keys_build_the_same_site_as_english_keys() {
    let en = keyed_site(
        "title: 材料汇编\ndescription: 讲话和材料\n",
        EN_KEYS,
        "---\ntitle: 讲话\ndescription: 领导讲话\nsort_by: title\nweight: 1\n---\n导语。\n",
    );
    let zh = keyed_site(
        "标题: 材料汇编\n描述: 讲话和材料\n",
        ZH_KEYS,
        "---\n标题: 讲话\n描述: 领导讲话\n排序: 标题\n权重: 1\n---\n导语。\n",
    );
    en.build_ok(&[]);
    zh.build_ok(&[]);
    let page = "speeches/dongyuan/index.html";
    let html = en.read(page);
    for shown in [
        "在动员部署会上的讲话",
        "主要负责同志",
        "第一会议室",
        "会议议程",
        "第二批",
    ] {
        assert!(
            html.contains(shown),
            "{shown} missing from the page:\n{html}"
        );
    }
    assert_eq!(html, zh.read(page), "the document page differs");
    assert!(en.read("type/index.html").contains("讲话"));
    assert!(en.exists("old/dongyuan/index.html"));
    assert_same_outputs(&en.out(), &zh.out());
}

/// The two outputs hold the same files with the same bytes (named when they differ), but for
/// the first line of search/meta.js: a hash of the sources' text, keys included, that tells a
/// rebuild whether the index can stay.
fn assert_same_outputs(a: &std::path::Path, b: &std::path::Path) {
    let without_stamp = |mut files: std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        let meta = files
            .get_mut(std::path::Path::new("search/meta.js"))
            .unwrap();
        assert!(meta.starts_with(b"/* huibian search index "));
        let end = meta.iter().position(|&b| b == b'\n').unwrap();
        meta.drain(..end);
        files
    };
    let (a, b) = (without_stamp(built(a)), without_stamp(built(b)));
    let differ: Vec<_> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .collect();
    assert!(differ.is_empty(), "outputs differ in {differ:?}");
}

#[test]
fn a_key_under_both_names_is_an_error_naming_both_lines() {
    let s = Site::new("title: t\n");
    s.doc(
        "speeches/a.md",
        "标题: 讲话\ndate: 2023-09-01\ntitle: 讲话二",
        "正文",
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains(
            "content/speeches/a.md:4:1: `标题` (line 2) and `title` (line 4) are the same key"
        ),
        "{err}"
    );
    let out = run(&[
        "check",
        "--format",
        "json",
        "--root",
        s.root().to_str().unwrap(),
    ]);
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(json.contains("\"code\":\"duplicate-key\""), "{json}");
    // The same in a section's _index.md (serde alone would name one line).
    let s = Site::new("title: t\n");
    s.doc("speeches/a.md", "title: 讲话\ndate: 2023-09-01", "正文");
    s.write(
        "content/speeches/_index.md",
        "---\ntitle: 讲话\n权重: 1\n标题: 讲话栏目\n---\n",
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/speeches/_index.md:4:1: `title` (line 2) and `标题` (line 4)"),
        "{err}"
    );
}

#[test]
fn chinese_keys_get_the_same_checks_and_did_you_mean() {
    let s = Site::new("title: t\n");
    s.doc("a/date.md", "标题: 一\n日期: 2023年9月", "");
    s.doc("a/typo.md", "标提: 二\n日期: 2023-09-01", "");
    s.doc("a/synonym.md", "题目: 三\n日期: 2023-09-01", "");
    s.doc("a/weight.md", "标题: 四\n日期: 2023-09-01\n权重: 很重", "");
    s.doc("a/english.md", "tittle: 五\ndate: 2023-09-01", "");
    s.doc("a/batch.md", "标题: 六\n日期: 2023-09-01\n批次: 第几批", "");
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/date.md:3:1: `日期: 2023年9月` is not a date"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/a/typo.md:2:1: unknown front matter key `标提`\n     → did you mean `标题`?"
        ),
        "{err}"
    );
    assert!(
        err.contains("unknown front matter key `题目`\n     → did you mean `标题`?"),
        "{err}"
    );
    assert!(err.contains("content/a/weight.md:4:1: `权重`"), "{err}");
    assert!(
        err.contains("`tittle`\n     → did you mean `title`?"),
        "{err}"
    );
    assert!(
        err.contains("content/a/batch.md:4:1: `批次: 第几批` is not a batch"),
        "{err}"
    );
    // A missing title is missing under both names; an empty one is said at its line.
    let s = Site::new("title: t\n");
    s.doc("a/none.md", "日期: 2023-09-01", "");
    s.doc("a/empty.md", "标题:\n日期: 2023-09-01", "");
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/a/none.md:2:1: the front matter has no `title`"),
        "{err}"
    );
    assert!(
        err.contains("content/a/empty.md:2:1: the title is empty"),
        "{err}"
    );
}

#[test]
fn a_full_width_colon_after_a_chinese_key_is_pointed_out() {
    let s = Site::new("title: t\n");
    s.doc("a/colon.md", "标题：讲话\n日期: 2023-09-01", "");
    let err = s.build_err(&[]);
    assert!(
        err.contains("line 2: `标题：` has a full-width colon (：)"),
        "{err}"
    );
}

#[test]
fn init_and_new_write_chinese_keys_when_asked_and_the_sites_build_alike() {
    let dir = tempfile::tempdir().unwrap();
    let (en, zh) = (dir.path().join("en"), dir.path().join("zh"));
    let p = |d: &std::path::Path| d.to_str().unwrap().to_string();
    assert!(run(&["init", &p(&en)]).status.success());
    let out = run(&["init", "--keys", "zh", &p(&zh)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = fs::read_to_string(zh.join("config.yaml")).unwrap();
    assert!(config.starts_with("标题: "), "{config}");
    let doc = fs::read_to_string(zh.join("content/speeches/dongyuan.md")).unwrap();
    assert!(
        doc.contains("\n标题: ") && doc.contains("\n日期: ") && !doc.contains("title:"),
        "{doc}"
    );
    let index = fs::read_to_string(zh.join("content/speeches/_index.md")).unwrap();
    assert!(
        index.contains("标题: 讲话") && index.contains("权重: 1"),
        "{index}"
    );
    for site in [&en, &zh] {
        let out = run(&["build", "--root", &p(site)]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_same_outputs(&en.join("public"), &zh.join("public"));

    // new follows the site's keys, or --keys.
    let out = run(&["new", "speeches", "学习体会", "--root", &p(&zh)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = fs::read_to_string(zh.join("content/speeches/xue-xi-ti-hui.md")).unwrap();
    assert!(
        doc.starts_with("---\n标题: \"学习体会\"\n日期: ") && doc.contains("草稿: true"),
        "{doc}"
    );
    let out = run(&["new", "speeches", "学习体会", "--root", &p(&en)]);
    assert!(out.status.success());
    let doc = fs::read_to_string(en.join("content/speeches/xue-xi-ti-hui.md")).unwrap();
    assert!(
        doc.starts_with("---\ntitle: ") && doc.contains("draft: true"),
        "{doc}"
    );
    let out = run(&["new", "guides", "第二篇", "--keys", "zh", "--root", &p(&en)]);
    assert!(out.status.success());
    let doc = fs::read_to_string(en.join("content/guides/di-er-pian.md")).unwrap();
    assert!(
        doc.contains("标题: ") && doc.contains("网址名: di-er-pian"),
        "{doc}"
    );
    // A Chinese-keyed draft is a draft: left out of the build, named.
    let out = run(&["build", "--root", &p(&zh)]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("content/speeches/xue-xi-ti-hui.md"), "{said}");
}

#[test]
fn import_writes_the_keys_the_site_uses() {
    let dir = tempfile::tempdir().unwrap();
    let (en, zh) = (dir.path().join("en"), dir.path().join("zh"));
    let p = |d: &std::path::Path| d.to_str().unwrap().to_string();
    assert!(run(&["init", &p(&en)]).status.success());
    assert!(run(&["init", "--keys", "zh", &p(&zh)]).status.success());
    let txt = dir.path().join("学习心得.txt");
    fs::write(
        &txt,
        "学习心得\n\n2023年9月8日\n\n通过学习，我深刻认识到调查研究的重要性。\n",
    )
    .unwrap();
    for site in [&en, &zh] {
        let out = run(&[
            "import",
            &p(&txt),
            "--root",
            &p(site),
            "--section",
            "experiences",
            "--unit",
            "第二支部",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let read = |site: &std::path::Path| {
        let f = walkdir::WalkDir::new(site.join("content/experiences"))
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.path().to_string_lossy().contains("xue-xi-xin-de"))
            .unwrap();
        fs::read_to_string(f.path()).unwrap()
    };
    let doc = read(&zh);
    for key in [
        "标题: ",
        "日期: ",
        "栏目: ",
        "单位: 第二支部",
        "来源: ",
        "来源校验: ",
        "导入时间: ",
    ] {
        assert!(doc.contains(&format!("\n{key}")), "{key} missing:\n{doc}");
    }
    assert!(!doc.contains("title:"), "{doc}");
    let doc = read(&en);
    assert!(
        doc.contains("\ntitle: ") && doc.contains("\nsource_sha256: "),
        "{doc}"
    );
    // Both build, and importing again knows the file by its 来源校验.
    for site in [&en, &zh] {
        let out = run(&["build", "--root", &p(site)]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(&[
        "import",
        &p(&txt),
        "--root",
        &p(&zh),
        "--section",
        "experiences",
    ]);
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    let files = walkdir::WalkDir::new(zh.join("content/experiences"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().to_string_lossy().contains("xue-xi-xin-de"))
        .count();
    assert_eq!(files, 1, "imported twice: {said}");
}

/// The binary with a locale of its own: none of the test process's language variables.
fn run_in(locale: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_huibian"));
    for v in ["HUIBIAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        c.env_remove(v);
    }
    c.envs(locale.iter().copied()).args(args).output().unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A site with one bad date, one broken link and one ASCII comma between Chinese characters.
fn site_with_problems() -> Site {
    let s = Site::new("title: t\n");
    s.doc("speeches/t.md", "title: 讲话\ndate: 2023年9月", "正文");
    s.doc(
        "guides/g.md",
        "title: 辅导\ndate: 2023-09-01",
        "学习,贯彻。\n\n见[材料](../speeches/none.md)。\n",
    );
    s
}

#[test]
fn the_same_error_is_chinese_under_zh_and_c_english_under_en_at_the_same_place() {
    let s = site_with_problems();
    let root = s.root().to_str().unwrap();
    let build = |locale: &[(&str, &str)]| stderr(&run_in(locale, &["build", "--root", root]));
    let zh = build(&[("LANG", "zh_CN.UTF-8")]);
    assert!(
        zh.contains("  1. 错误：content/speeches/t.md:3:1: `date: 2023年9月` 不是日期\n     → 写成 2023-09-01"),
        "{zh}"
    );
    assert!(
        zh.contains("content/guides/g.md:7:2: 链接的文档 `../speeches/none.md` 不存在"),
        "{zh}"
    );
    assert!(
        zh.ends_with("2 个错误 — 未写入任何文件，原有输出保持不变\n"),
        "{zh}"
    );
    for locale in [
        &[("LANG", "C")][..],
        &[("LANG", "POSIX")],
        &[],
        &[("LC_ALL", "C.UTF-8")],
    ] {
        assert_eq!(build(locale), zh, "{locale:?}");
    }
    let en = build(&[("LANG", "en_US.UTF-8")]);
    assert!(
        en.contains("  1. error: content/speeches/t.md:3:1: `date: 2023年9月` is not a date\n     → write it as 2023-09-01"),
        "{en}"
    );
    assert!(
        en.ends_with("2 errors — nothing was written; the previous output is unchanged\n"),
        "{en}"
    );
    // check: the same codes and places in both; its JSON is the same bytes.
    let check = |locale: &[(&str, &str)], format: &str| {
        stdout(&run_in(
            locale,
            &["check", "--root", root, "--format", format],
        ))
    };
    let (zh, en) = (
        check(&[("LANG", "zh_CN.UTF-8")], "text"),
        check(&[("LANG", "en_US")], "text"),
    );
    assert!(
        zh.contains("content/guides/g.md:5:3: 警告[ascii-punctuation]: 中文之间用了半角的 `,`"),
        "{zh}"
    );
    assert!(en.contains("content/guides/g.md:5:3: warning[ascii-punctuation]: ASCII `,` between Chinese characters"), "{en}");
    assert!(
        zh.contains("2 个错误，1 个警告（ascii-punctuation 1，bad-date 1，broken-link 1）"),
        "{zh}"
    );
    assert!(
        en.contains("2 errors, 1 warning (ascii-punctuation 1, bad-date 1, broken-link 1)"),
        "{en}"
    );
    let places = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("content/"))
            .map(|l| {
                let (place, rest) = l.split_once(": ").unwrap();
                let code = &rest[rest.find('[').unwrap()..=rest.find(']').unwrap()];
                format!("{place} {code}")
            })
            .collect()
    };
    assert_eq!(places(&zh), places(&en));
    assert_eq!(places(&zh).len(), 3);
    assert_eq!(
        check(&[("LANG", "zh_CN.UTF-8")], "json"),
        check(&[("LANG", "en_US")], "json")
    );
}

#[test]
fn lang_flag_and_huibian_lang_override_the_locale() {
    let s = site_with_problems();
    let root = s.root().to_str().unwrap();
    let said = |locale: &[(&str, &str)], extra: &[&str]| {
        stderr(&run_in(
            locale,
            &[&["build", "--root", root], extra].concat(),
        ))
    };
    let zh_words = "不是日期";
    let en_words = "is not a date";
    assert!(said(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en"]).contains(en_words));
    assert!(said(&[("LANG", "en_US.UTF-8")], &["--lang=zh"]).contains(zh_words));
    assert!(said(&[("LANG", "en_US.UTF-8"), ("HUIBIAN_LANG", "zh")], &[]).contains(zh_words));
    assert!(said(&[("LANG", "zh_CN"), ("HUIBIAN_LANG", "en")], &[]).contains(en_words));
    assert!(said(&[("HUIBIAN_LANG", "en")], &["--lang", "zh"]).contains(zh_words));
    assert!(said(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN")], &[]).contains(en_words));
    assert!(said(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US")], &[]).contains(zh_words));
    // --lang before the command too, and a language huibian does not speak is refused.
    let o = run_in(
        &[("LANG", "zh_CN")],
        &["--lang", "en", "build", "--root", root],
    );
    assert!(stderr(&o).contains(en_words), "{}", stderr(&o));
    let o = run_in(&[], &["build", "--lang", "fr", "--root", root]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("'fr' 不是 '--lang <LANG>' 可用的值；可用的值：zh、en"),
        "{}",
        stderr(&o)
    );
}

/// Every line the tool printed holds Chinese (paths, codes and numbers may stand beside it).
fn all_chinese(what: &str, text: &str) {
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{what}: a line without Chinese: {line:?}\n{text}"
        );
    }
}

#[test]
fn a_new_chinese_user_reads_chinese_from_init_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("站点");
    let root = site.to_str().unwrap();
    let zh = [("LANG", "zh_CN.UTF-8")];
    let step = |args: &[&str], ok: bool| {
        let o = run_in(&zh, args);
        assert_eq!(o.status.success(), ok, "{args:?}: {}", stderr(&o));
        let both = stdout(&o) + &stderr(&o);
        all_chinese(&format!("{args:?}"), &both);
        both
    };
    let said = step(&["init", "--keys", "zh", root], true);
    assert!(
        said.contains("已在") && said.contains("创建新站点"),
        "{said}"
    );
    let said = step(&["new", "speeches", "学习体会", "--root", root], true);
    assert!(said.contains("为草稿（`草稿: true`）"), "{said}");
    assert!(
        said.contains("删去 `草稿: true` 这一行后才会发布"),
        "{said}"
    );
    let said = step(&["build", "--root", root], true);
    assert!(
        said.contains("已生成") && said.contains("未收录 1 篇草稿"),
        "{said}"
    );
    let said = step(&["check", "--root", root], true);
    assert!(said.contains("0 个错误，0 个警告"), "{said}");
    let zip = dir.path().join("归档.zip");
    let zip = zip.to_str().unwrap();
    let said = step(&["archive", "--root", root, "--output", zip], true);
    assert!(
        said.contains("归档：正在生成站点") && said.contains("已归档 3 篇文档"),
        "{said}"
    );
    let said = step(&["verify", zip], true);
    assert!(said.contains("与校验值一致"), "{said}");
    // A typo in a key, then the same in English.
    let doc = site.join("content/speeches/dongyuan.md");
    let text = fs::read_to_string(&doc).unwrap().replace("日期:", "日其:");
    fs::write(&doc, text).unwrap();
    let said = step(&["build", "--root", root], false);
    assert!(
        said.contains("前置信息中没有 `日其` 这个键\n     → 是不是想写 `日期`？"),
        "{said}"
    );
    let said = step(&["check", "--root", root], false);
    assert!(said.contains("错误[unknown-key]"), "{said}");
    step(&["bulid"], false);
    step(&["build", "--rot", root], false);
    for command in [
        "", "build", "serve", "publish", "archive", "verify", "check", "import", "init", "new",
    ] {
        let args: Vec<&str> = [command, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let help = step(&args, true);
        assert!(help.contains("用法：huibian"), "{help}");
    }
}

#[test]
fn serve_speaks_the_users_language_in_the_terminal_and_the_error_box() {
    let s = Site::new("title: t\n");
    s.doc("a/x.md", "title: 一\ndate: 2023-09-01", "正文。");
    s.doc(
        "a/y.md",
        "title: 二\ndate: 2023-09-01",
        "见[不在](none.md)。",
    );
    let p = crate::serve::Preview::start(s.root(), &["--lang", "zh"]);
    let page = p.get("/a/x/").text();
    assert!(page.contains("构建出错"), "{page}");
    assert!(
        page.contains("content/a/y.md:5:2: 链接的文档 `none.md` 不存在"),
        "{page}"
    );
    drop(p);
    let p = crate::serve::Preview::start(s.root(), &[]);
    let page = p.get("/a/x/").text();
    assert!(
        page.contains("link to a missing document `none.md`"),
        "{page}"
    );
}

#[test]
fn config_yaml_takes_chinese_keys_and_says_its_errors_in_both_languages() {
    let s = Site::new("标题: 材料汇编\n描述: 讲话和材料\n每页篇数: 5\n");
    s.doc("a/x.md", "标题: 一\n日期: 2023-09-01", "正文。");
    s.build_ok(&[]);
    let home = s.read("index.html");
    assert!(
        home.contains("材料汇编") && home.contains("讲话和材料"),
        "{home}"
    );
    s.write("config.yaml", "标题: 材料汇编\n每页: 5\n");
    let root = s.root().to_str().unwrap();
    let zh = stderr(&run_in(&[], &["build", "--root", root]));
    assert!(
        zh.contains("config.yaml:2:1: 没有 `每页` 这个键；可用的键：`title`, `description`")
            && zh.contains("→ 是不是想写 `每页篇数`？"),
        "{zh}"
    );
    // The English list of keys is the one it was, without the Chinese names.
    let en = stderr(&run_in(&[("LANG", "en_US")], &["build", "--root", root]));
    assert!(
        en.contains("unknown field `每页`, expected one of `title`, `description`, `base_url`,"),
        "{en}"
    );
    s.write("config.yaml", "描述: 没有标题\n");
    let zh = stderr(&run_in(&[], &["build", "--root", root]));
    assert!(zh.contains("config.yaml:1:1: 缺少 `title`"), "{zh}");
}

#[test]
fn everyday_mistakes_of_import_publish_and_build_are_said_in_chinese() {
    let s = Site::new("title: t\n");
    s.doc("a/x.md", "title: 一\ndate: 2023-09-01", "正文。");
    let root = s.root().to_str().unwrap();
    let said = |args: &[&str]| {
        let o = run_in(&[], args);
        assert!(!o.status.success(), "{args:?}");
        let text = stderr(&o);
        all_chinese(&format!("{args:?}"), &text);
        text
    };
    let t = said(&["import", "没有这个文件.docx", "--root", root]);
    assert!(t.contains("没有这个文件.docx: 文件或文件夹不存在"), "{t}");
    let t = said(&["import", "x.docx", "--root", root, "--encoding", "gbx"]);
    assert!(t.contains("--encoding: 不认识的编码 `gbx`"), "{t}");
    let web = tempfile::tempdir().unwrap();
    let to = web.path().to_str().unwrap();
    let t = said(&["publish", "--root", root, "--to", to, "--keep", "0"]);
    assert!(t.contains("--keep 0 会删掉所有版本"), "{t}");
    let t = said(&["publish", "--root", root, "--to", to, "--rollback"]);
    assert!(t.contains("这里没有正在使用的版本"), "{t}");
    let foreign = tempfile::tempdir().unwrap();
    fs::write(foreign.path().join("别人的文件.txt"), "x").unwrap();
    let t = said(&[
        "build",
        "--root",
        root,
        "--output",
        foreign.path().to_str().unwrap(),
    ]);
    assert!(t.contains("这个文件夹中有不是 huibian 写的文件"), "{t}");
    let t = said(&["build", "--root", &format!("{root}/nowhere")]);
    assert!(
        t.contains("config.yaml: 无法读取文件：文件或文件夹不存在"),
        "{t}"
    );
}

#[test]
fn heading_attributes_and_a_reserved_section_name_are_said_in_chinese() {
    let s = Site::new("title: t\n");
    s.doc(
        "a/x.md",
        "title: 一\ndate: 2023-09-01",
        "## 标题 {onclick=x}\n",
    );
    s.doc("archive/y.md", "title: 二\ndate: 2023-09-01", "正文");
    let o = run_in(
        &[("LANG", "zh_CN.UTF-8")],
        &["check", "--root", s.root().to_str().unwrap()],
    );
    let text = stdout(&o);
    all_chinese("check", &text);
    assert!(
        text.contains("content/a/x.md:5:7: 错误[heading-attribute]: 标题的 `{…}` 中有 `onclick`"),
        "{text}"
    );
    assert!(
        text.contains("content/archive: 错误[site]: 栏目名 `archive` 已被网站自己使用"),
        "{text}"
    );
}

#[test]
fn imports_report_and_warnings_are_said_in_chinese_and_in_english_as_before() {
    let s = Site::new("title: t\n");
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("t.txt");
    fs::write(
        &txt,
        "关于某某同志的讲话\n\n2023年9月8日\n\n刚才***同志讲了，请XX支部____同志负责。\n",
    )
    .unwrap();
    let (root, file) = (s.root().to_str().unwrap(), txt.to_str().unwrap());
    let args = [
        "import",
        file,
        "--root",
        root,
        "--section",
        "speeches",
        "--dry-run",
    ];
    let zh = stdout(&run_in(&[("LANG", "zh_CN.UTF-8")], &args));
    assert!(zh.starts_with("将导入 1 个文件：\n"), "{zh}");
    assert!(
        zh.contains(": `***` 像是隐去的人名：发布前补上（原文件 t.txt 第 5 行）"),
        "{zh}"
    );
    assert!(
        zh.contains("发布前请检查：\n  - 1 处隐去的名字（***）"),
        "{zh}"
    );
    let en = stdout(&run_in(&[("LANG", "en_US.UTF-8")], &args));
    assert!(en.starts_with("would import 1 file(s):\n"), "{en}");
    assert!(
        en.contains(
            ": `***` looks like a redacted name: restore it before publishing (t.txt line 5)"
        ),
        "{en}"
    );
    assert!(
        en.contains("before publishing, check:\n  - 1 redaction(s) (***)"),
        "{en}"
    );
}
