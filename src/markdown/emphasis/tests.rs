//! The pass against its references: pulldown-cmark itself (with CommonMark's rules the pass
//! must give the parser's events back), the amendment's own examples, and random text.

use super::*;
use pulldown_cmark::{html, Options as CmOptions, Parser};

fn options() -> CmOptions {
    CmOptions::ENABLE_STRIKETHROUGH | CmOptions::ENABLE_TABLES | CmOptions::ENABLE_FOOTNOTES
}

fn parsed(md: &str) -> Vec<Ev<'_>> {
    Parser::new_ext(md, options()).into_offset_iter().collect()
}

fn amended(md: &str, rules: Rules) -> Vec<Ev<'_>> {
    amend(md, Parser::new_ext(md, options()).into_offset_iter(), rules).collect()
}

fn html_of(evs: Vec<Ev<'_>>) -> String {
    let mut s = String::new();
    html::push_html(&mut s, evs.into_iter().map(|(e, _)| e));
    s
}

fn cjk(md: &str) -> String {
    html_of(amended(md, Rules::CjkFriendly))
}

#[test]
fn smoke() {
    assert_eq!(
        cjk("要突出**“快”**字当头"),
        "<p>要突出<strong>“快”</strong>字当头</p>\n"
    );
    assert_eq!(
        cjk("**该星号不会被识别，而是直接显示。**这是因为"),
        "<p><strong>该星号不会被识别，而是直接显示。</strong>这是因为</p>\n"
    );
    assert_eq!(cjk("*中文。*文*"), "<p><em>中文。</em>文*</p>\n");
    assert_eq!(amended("2*3*4", Rules::CommonMark), parsed("2*3*4"));
}

#[test]
fn a_headings_trailing_space_does_not_move_a_closing_delimiter() {
    // The parser's range of this emphasis runs to the end of the line, past its `*`.
    let md = "# *a* \t";
    assert_eq!(amended(md, Rules::CommonMark), parsed(md));
    assert_eq!(cjk(md), "<h1><em>a</em></h1>\n");
}

/// Input made to be slow or deep: the pass stays linear and within the stack.
#[test]
fn hostile_input_is_fast_and_shallow() {
    let cases = [
        "*a\n".repeat(100_000),
        "**“快”**字".repeat(50_000),
        format!("{}a{}", "![".repeat(20_000), "](b)".repeat(20_000)),
        format!("{}*a*{}", "[".repeat(20_000), "](b)".repeat(20_000)),
        "\\".repeat(100_000) + "*a*",
        "_".repeat(200_000),
    ];
    for md in &cases {
        let t = std::time::Instant::now();
        let evs = amended(md, Rules::CjkFriendly);
        assert!(!evs.is_empty());
        assert_eq!(characters(md, &parsed(md)), characters(md, &evs));
        assert!(
            t.elapsed().as_secs() < 20,
            "{:?}…: {:?}",
            &md[..20],
            t.elapsed()
        );
    }
}

#[derive(serde::Deserialize)]
struct Example {
    markdown: String,
}

fn spec_examples() -> Vec<String> {
    let data = include_str!("../../../tests/data/commonmark-spec-0.31.2.json");
    let examples: Vec<Example> = serde_json::from_str(data).unwrap();
    examples
        .into_iter()
        .map(|e| e.markdown.replace('→', "\t"))
        .collect()
}

#[test]
fn with_commonmarks_rules_the_pass_gives_the_parsers_events_on_every_spec_example() {
    for md in spec_examples() {
        assert_eq!(amended(&md, Rules::CommonMark), parsed(&md), "{md:?}");
    }
}

#[test]
fn the_amendment_changes_no_spec_example() {
    for md in spec_examples() {
        assert_eq!(cjk(&md), html_of(parsed(&md)), "{md:?}");
    }
}

/// What a reader could see of a sequence of events, delimiters included: every text, code and
/// HTML piece, and the delimiter characters of each emphasis where it opens and closes.
fn characters(src: &str, evs: &[Ev]) -> String {
    let mut s = String::new();
    let mut open = Vec::new();
    for (e, r) in evs {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                s.push_str(t)
            }
            Event::Start(t @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) => {
                let width = match t {
                    Tag::Emphasis => 1,
                    Tag::Strong => 2,
                    _ if src.as_bytes()[r.start + 1] == b'~' => 2,
                    _ => 1,
                };
                open.push(&src[r.start..r.start + width]);
                s.push_str(open.last().unwrap());
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                s.push_str(open.pop().unwrap())
            }
            _ => {}
        }
    }
    s
}

/// Markdown from characters that make delimiters, their neighbours in Chinese and Western
/// text, and the constructs that stand between them (code, links, tables, escapes, quotes).
fn markdown() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        "*",
        "*",
        "*",
        "**",
        "_",
        "__",
        "~",
        "~~",
        " ",
        "\n",
        "\n\n",
        "a",
        "b",
        "中",
        "文",
        "。",
        "，",
        "“",
        "”",
        "「",
        "」",
        "（",
        "）",
        "(",
        ")",
        "\"",
        "'",
        "\\",
        "`",
        "[",
        "](u)",
        "|",
        "-",
        "> ",
        "# ",
        "1",
        "!",
        "&amp;",
        "<b>",
        "\u{FE01}",
        "\u{FE00}",
        "\u{E0100}",
        "한",
        "ｘ",
        "—",
        "\t",
        "|-|\n",
    ]);
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    #[test]
    fn with_commonmarks_rules_the_pass_gives_the_parsers_events(md in markdown()) {
        proptest::prop_assert_eq!(amended(&md, Rules::CommonMark), parsed(&md), "{:?}", md);
    }

    #[test]
    fn what_the_pass_opens_it_closes_in_order(md in markdown()) {
        let mut open = Vec::new();
        for (e, _) in amended(&md, Rules::CjkFriendly) {
            match e {
                Event::Start(t) => open.push(t.to_end()),
                Event::End(t) => proptest::prop_assert_eq!(open.pop(), Some(t), "{:?}", md),
                _ => {}
            }
        }
        proptest::prop_assert!(open.is_empty(), "{:?}", md);
    }

    #[test]
    fn the_pass_never_loses_or_reorders_a_character(md in markdown()) {
        let before = characters(&md, &parsed(&md));
        let after = characters(&md, &amended(&md, Rules::CjkFriendly));
        proptest::prop_assert_eq!(before, after, "{:?}", md);
    }
}
