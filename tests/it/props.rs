//! Property tests (the fuzz targets): front matter, the Markdown stage with the CJK rules, the
//! slugger and the import cleaner never panic on any input; rendering loses no Han character;
//! an imported text file reads back exactly. Failures proptest finds are kept under
//! proptest-regressions/ and replayed first on every run.

use huibian::markdown::{render, Link, Options};
use proptest::prelude::*;
use std::path::Path;

fn han(s: &str) -> String {
    s.chars().filter(|c| huibian::zh::is_han(*c)).collect()
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Markdown-ish text: Chinese, ASCII syntax characters, full-width punctuation, line breaks.
fn mdish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec!["学", "习", "贯", "彻", "整", "改", "落", "实", "一", "二"]),
            3 => prop::sample::select(vec!["*", "**", "_", "__", "#", "## ", ">", "- ", "1. ", "[", "]", "!", "`", "~~", "|", "\\", "---", "***", "===", "    "]),
            2 => prop::sample::select(vec!["，", "。", "、", "（一）", "一、", "第一，", "“", "”", "《", "》"]),
            2 => prop::sample::select(vec!["\n", "\n\n", " ", "a", "Rust", "2023", "xx", "某某", "&", "&amp;", "<", "<b>", "##paidbegin##"]),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Runs are reproducible: a fixed seed unless PROPTEST_RNG_SEED names another (CI's long run
/// uses its own fixed seed; any other seed explores new inputs).
fn config() -> ProptestConfig {
    let mut c = ProptestConfig {
        cases: 512,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(20231001);
    }
    c
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn front_matter_never_panics(text in "(---\n)?[a-z:_ \\[\\]\"'#{}\\-\n0-9年月日学习]{0,120}(\n---\n)?.{0,20}") {
        let path = Path::new("content/a/x.md");
        if let Ok(split) = huibian::source::frontmatter::split(path, &text) {
            let _ = huibian::source::frontmatter::parse_doc(path, &split, &[("batch", "批次"), ("unit", "单位"), ("tags", "标签")], "a");
        }
    }

    #[test]
    fn markdown_keeps_every_han_character_in_order(md in mdish()) {
        // Link syntax needs `(`; raw HTML needs a letter after `<`: the alphabet has neither
        // except `<b>`, which the sanitiser keeps as markup, not text.
        // A fence's info string (```学) names a language and is not shown: not text. Nor is
        // what `<!`/`<?` start (declarations, processing instructions: raw HTML that browsers
        // hide too).
        prop_assume!(!md.contains("```") && !md.contains("~~~"));
        prop_assume!(!md.contains("<!") && !md.contains("<?"));
        let r = render(&md, Options::default(), &|_| Link::Keep);
        let seen = han(&crate::common::visible_text(&r.html));
        let want = han(&md);
        prop_assert_eq!(seen, want, "html: {}", r.html);
    }

    #[test]
    fn markdown_never_panics_on_anything(md in ".{0,200}") {
        let _ = render(&md, Options::default(), &|_| Link::Broken(huibian::diag::Code::BrokenLink, huibian::msg!("link-hint")));
    }

    #[test]
    fn slugs_are_safe_url_segments(title in ".{0,80}") {
        let s = huibian::source::slug::slugify(&title);
        prop_assert!(s.len() <= 60, "{}", s);
        prop_assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", s);
        prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{}", s);
        prop_assert!(huibian::source::slug::windows_unsafe(&s).is_none(), "{}", s);
    }

    #[test]
    fn an_imported_text_reads_back_exactly(text in mdish()) {
        use huibian::import::text::{blocks_of_text, convert};
        let c = convert(blocks_of_text(&text), &[]);
        let r = render(&c.body, Options::default(), &|_| Link::Keep);
        let seen = no_space(&format!("{}{}", c.title, crate::common::visible_text(&r.html)));
        let want = no_space(&text.replace("##paidbegin##", ""));
        prop_assert_eq!(seen, want, "markdown:\n{}\nhtml:\n{}", c.body, r.html);
    }
}

/// What the properties found, kept as plain tests.
#[test]
fn regressions_found_by_the_properties() {
    use huibian::import::text::{blocks_of_text, convert};
    // A marker right after a `#` was not recognised (`#` + `##paidbegin##`).
    let c = convert(blocks_of_text("题目\n###paidbegin##正文"), &[]);
    assert_eq!(c.body.trim(), "\\#正文");
    // ü in pinyin (𧍶 lǘ, 女 nǚ) made a non-ASCII slug; it is written v.
    assert_eq!(huibian::source::slug::slugify("𧍶"), "lv");
    assert_eq!(huibian::source::slug::slugify("妇女"), "fu-nv");
    // A heading ending in ` #` lost it (ATX closing sequence).
    let c = convert(blocks_of_text("学\n一、## #\n一、"), &[]);
    assert!(c.body.contains("## 一、\\#\\# \\#"), "{}", c.body);
}
