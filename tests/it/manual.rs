//! The Chinese manual in docs/manual/ (issue 27): a huibian site that builds and checks clean,
//! whose 常见错误 page is made from the message catalogue, so that it lists every code with its
//! fix and cannot drift from what huibian says.

use crate::common::run;
use huibian::diag::{Code, Severity};
use huibian::i18n::{lookup, Lang};
use std::path::{Path, PathBuf};

fn manual() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/manual")
}

const PAGE: &str = "content/cuowu/changjian-cuowu.md";

/// The 常见错误 page as the catalogue (locales/zh/codes.ftl) makes it.
fn errors_page() -> String {
    let mut s = String::from(
        "---\n标题: 常见错误\n日期: 2026-12-01\n摘要: 每个提示代码的含义和处理办法。\n---\n\n\
         huibian 的每条提示都带一个代码，例如 `bad-date`，写在文件、行号和列号之后。\
         错误会让生成失败，改正后才能发布；警告由 `huibian check` 列出，不影响生成。\
         本页由提示信息目录 locales/zh/codes.ftl 生成，与 huibian 的提示一致。\n",
    );
    for (severity, heading) in [(Severity::Error, "错误"), (Severity::Warning, "警告")] {
        s.push_str(&format!("\n## {heading}\n"));
        for code in Code::ALL.iter().filter(|c| c.severity() == severity) {
            let text = |kind: &str| lookup(Lang::Zh, &format!("{kind}-{code}")).unwrap();
            s.push_str(&format!(
                "\n### {code}\n\n{}。\n\n处理办法：{}。\n",
                text("code"),
                text("fix")
            ));
        }
    }
    s
}

#[test]
fn the_errors_page_is_made_from_the_catalogue_and_lists_every_code() {
    let path = manual().join(PAGE);
    let want = errors_page();
    if std::env::var_os("HUIBIAN_UPDATE_MANUAL").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{PAGE} is not what locales/zh/codes.ftl makes: run HUIBIAN_UPDATE_MANUAL=1 cargo test --test it manual::"
    );
    for code in Code::ALL {
        assert!(have.contains(&format!("\n### {code}\n")), "{code} missing");
    }
}

#[test]
fn the_manual_builds_and_checks_clean_and_archives() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let root = manual();
    let (root_s, out_s) = (root.to_str().unwrap(), out.to_str().unwrap());
    let o = run(&["check", "--root", root_s, "--strict"]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{said}");
    assert!(said.starts_with("0 errors, 0 warnings"), "{said}");
    let o = run(&["build", "--root", root_s, "--output", out_s]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(out.join("cuowu/changjian-cuowu/index.html")).unwrap();
    for code in Code::ALL {
        assert!(
            page.contains(&format!("id=\"{code}\"")),
            "no heading for {code}"
        );
    }
    assert!(
        page.contains("同一个键用中文名和英文名各写了一次"),
        "{page}"
    );
    let broken = crate::common::broken_links(&out, Some("/"));
    assert!(broken.is_empty(), "{broken:?}");
    let zip = dir.path().join("manual.zip");
    let o = run(&[
        "archive",
        "--root",
        root_s,
        "--output",
        zip.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["verify", zip.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}
