//! Which date an imported document gets, and from which line: the 落款's date line, else a
//! date line under the title, else a date in the file name, else the first date in the running
//! text, else the file's modification time. The last two are guesses (`于2024年5月31日前完成`
//! is a deadline, a file time is when someone last saved it): the front matter marks them with
//! `date_from: text` or `date_from: file`, and `huibian check` warns until a person confirms
//! the date by deleting the mark.

use super::text::Placed;
use crate::source::date::{self, DocDate};
use std::path::Path;

/// Lines under the title where a date line (`（2024年5月8日）`, `张三　2024年5月8日`) may
/// stand, before the text begins.
const UNDER_TITLE: usize = 3;

/// A date line under the title is short and holds no sentence.
const DATE_LINE_MAX: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Given,
    Signoff,
    UnderTitle,
    FileName,
    Text,
    FileTime,
}

pub(crate) struct Dated {
    /// 2024-05-08
    pub iso: String,
    pub from: Source,
    /// The line it was read from, and where that stood in the original.
    pub at: Option<Placed>,
}

impl Dated {
    /// The `date_from` value that marks a guessed date, if this one is a guess.
    pub(crate) fn mark(&self) -> Option<&'static str> {
        match self.from {
            Source::Text => Some(crate::source::frontmatter::DATE_FROM_TEXT),
            Source::FileTime => Some(crate::source::frontmatter::DATE_FROM_FILE),
            _ => None,
        }
    }

    /// For the report: `date 2024-05-08 from the 落款 (line 12: 2024年5月8日)`; `unit` is
    /// what the original counts (`import-unit-paragraph` or `-line`).
    pub(crate) fn describe(&self, unit: crate::i18n::Msg) -> crate::i18n::Msg {
        use crate::msg;
        let from = match self.from {
            Source::Given => msg!("date-from-given"),
            Source::Signoff => msg!("date-from-signoff"),
            Source::UnderTitle => msg!("date-from-under-title"),
            Source::FileName => msg!("date-from-file-name"),
            Source::Text => msg!("date-from-text"),
            Source::FileTime => msg!("date-from-file-time"),
        };
        let at = match &self.at {
            Some((n, text)) if *n > 0 => {
                msg!("date-at-line", unit = unit, n = *n, text = text.trim())
            }
            Some((_, text)) => msg!("date-at-text", text = text.trim()),
            None => msg!("empty"),
        };
        let mark = match self.mark() {
            Some(m) => msg!("date-marked", mark = m),
            None => msg!("empty"),
        };
        msg!(
            "import-dated",
            iso = &self.iso,
            from = from,
            at = at,
            mark = mark
        )
    }
}

/// The date for a document whose paragraphs are `texts` (the title first) and whose 落款 is
/// `signoff` (its date line last).
pub(crate) fn choose(
    given: Option<DocDate>,
    texts: &[Placed],
    signoff: &[Placed],
    file: &Path,
    file_name: &str,
) -> Dated {
    let dated = |d: chrono::NaiveDate, from, at: Option<&Placed>| Dated {
        iso: d.format("%Y-%m-%d").to_string(),
        from,
        at: at.cloned(),
    };
    if let Some(d) = given {
        return dated(d.date, Source::Given, None);
    }
    if let Some(last) = signoff.last() {
        if let Some(d) = date::line_is_date(&last.1) {
            return dated(d, Source::Signoff, Some(last));
        }
    }
    if let Some((d, at)) = under_title(texts) {
        return dated(d, Source::UnderTitle, Some(at));
    }
    if let Some(d) = date::find_in_text(file_name) {
        return dated(d, Source::FileName, Some(&(0, file_name.to_string())));
    }
    if let Some((d, at)) = texts
        .iter()
        .find_map(|t| date::find_in_text(&t.1).map(|d| (d, t)))
    {
        return dated(d, Source::Text, Some(at));
    }
    let modified = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive())
        .unwrap_or_else(|_| DocDate::today().date);
    dated(modified, Source::FileTime, None)
}

/// A date line among the first lines under the title, before the running text begins (a
/// paragraph with a sentence in it, or a long one).
fn under_title(texts: &[Placed]) -> Option<(chrono::NaiveDate, &Placed)> {
    for t in texts.iter().skip(1).take(UNDER_TITLE) {
        let line = t.1.trim();
        let sentence = line
            .trim_end_matches(['。', '！', '？', '；'])
            .contains(['。', '！', '？', '；'])
            || line.ends_with(['。', '！', '？', '；']);
        if sentence || line.chars().count() > DATE_LINE_MAX {
            return None;
        }
        if let Some(d) = date::find_in_text(line) {
            return Some((d, t));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(lines: &[&str]) -> Vec<Placed> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string()))
            .collect()
    }

    fn pick(lines: &[&str], signoff: usize, name: &str) -> (String, Source, usize) {
        let texts = placed(lines);
        let s = &texts[texts.len() - signoff..];
        let d = choose(None, &texts, s, Path::new("/nonexistent"), name);
        (d.iso, d.from, d.at.map_or(0, |a| a.0))
    }

    #[test]
    fn the_sign_off_wins_over_a_deadline_in_the_text() {
        let lines = [
            "关于开展专项整改的通知",
            "各单位：",
            "请于2024年5月31日前完成整改。",
            "中共某某委员会办公室",
            "2024年5月8日",
        ];
        assert_eq!(
            pick(&lines, 2, "通知.txt"),
            ("2024-05-08".into(), Source::Signoff, 5)
        );
        // Without it, the running text's first date is taken, as a guess.
        assert_eq!(
            pick(&lines[..3], 0, "通知.txt"),
            ("2024-05-31".into(), Source::Text, 3)
        );
    }

    #[test]
    fn a_date_line_under_the_title_comes_before_the_file_name_and_the_text() {
        let lines = [
            "在全市推进会上的讲话",
            "张三",
            "（2024年6月3日）",
            "同志们：今年5月31日前要完成。2024年5月31日。",
        ];
        assert_eq!(
            pick(&lines, 0, "讲话20240101.txt"),
            ("2024-06-03".into(), Source::UnderTitle, 3)
        );
        // A sentence under the title ends the search: its date is running text.
        let lines = ["通知", "请于2024年5月31日前报送。", "（2024年6月3日）"];
        assert_eq!(pick(&lines, 0, "通知.txt").1, Source::Text);
        assert_eq!(
            pick(&lines, 0, "通知2024-06-09.txt"),
            ("2024-06-09".into(), Source::FileName, 0)
        );
    }

    #[test]
    fn no_date_anywhere_falls_back_to_the_file_time_and_is_marked() {
        let texts = placed(&["题目", "正文。"]);
        let d = choose(None, &texts, &[], Path::new("/nonexistent"), "题目.txt");
        assert_eq!(d.from, Source::FileTime);
        assert_eq!(d.mark(), Some("file"));
        let said = d.describe(crate::msg!("import-unit-line"));
        assert!(said
            .text(crate::i18n::Lang::En)
            .contains("marked `date_from: file`"));
    }
}
