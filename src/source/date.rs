//! Document dates: ISO (2023-09-01, 2023-09-01T09:30:00+08:00) and Chinese (2023年9月1日).

use crate::zh::{chinese_number, digit_value, han_digit};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use std::fmt::Write;

/// A date as written in front matter; time and offset are optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocDate {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Minutes east of UTC, when the date said so.
    pub offset: Option<i32>,
}

/// Times without an offset are taken as China Standard Time.
const DEFAULT_OFFSET_MIN: i32 = 8 * 60;

impl DocDate {
    pub(crate) fn parse(s: &str) -> Option<DocDate> {
        let s = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Some(DocDate {
                date: dt.date_naive(),
                time: Some(dt.time()),
                offset: Some(dt.offset().local_minus_utc() / 60),
            });
        }
        for fmt in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(DocDate {
                    date: dt.date(),
                    time: Some(dt.time()),
                    offset: None,
                });
            }
        }
        parse_ymd(s).map(|date| DocDate {
            date,
            time: None,
            offset: None,
        })
    }

    pub(crate) fn today() -> DocDate {
        DocDate {
            date: chrono::Local::now().date_naive(),
            time: None,
            offset: None,
        }
    }

    /// 2023-09-01
    pub(crate) fn iso(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }

    /// 2023年9月1日, as dates are written in Chinese documents.
    pub(crate) fn zh(&self) -> String {
        use chrono::Datelike;
        crate::zh::date(self.date.year(), self.date.month(), self.date.day())
    }

    /// RFC 3339 for feeds and the sitemap.
    pub(crate) fn rfc3339(&self) -> String {
        let time = self.time.unwrap_or(NaiveTime::MIN);
        let offset = self.offset.unwrap_or(DEFAULT_OFFSET_MIN);
        let tz = FixedOffset::east_opt(offset * 60)
            .unwrap_or(FixedOffset::east_opt(0).expect("0 is valid"));
        let mut out = String::new();
        let _ = write!(
            out,
            "{}",
            self.date
                .and_time(time)
                .and_local_timezone(tz)
                .single()
                .map_or_else(
                    || format!("{}T{}Z", self.iso(), time.format("%H:%M:%S")),
                    |dt| dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                )
        );
        out
    }

    pub(crate) fn year(&self) -> i32 {
        use chrono::Datelike;
        self.date.year()
    }

    pub(crate) fn month(&self) -> u32 {
        use chrono::Datelike;
        self.date.month()
    }
}

/// The first full date written in running text or a file name: 2023年9月1日, 二〇二三年九月一日,
/// 2023-09-01, 2023.9.1, 20230901 (for imported documents that carry their date in the text).
pub(crate) fn find_in_text(s: &str) -> Option<NaiveDate> {
    find_span(s).map(|(d, _)| d)
}

/// The date a whole line is (`2024年5月8日`, `二〇二四年五月八日`, `（2024年5月8日）`), spaces
/// and brackets around it aside: the date line of a sign-off or under a title.
pub(crate) fn line_is_date(line: &str) -> Option<NaiveDate> {
    let t = line.trim_matches(|c: char| c.is_whitespace());
    let t = match t.strip_prefix(['（', '(']) {
        Some(inner) => inner.strip_suffix(['）', ')'])?,
        None => t,
    };
    let t = t.trim_matches(|c: char| c.is_whitespace());
    let (d, span) = find_span(t)?;
    (span == (0..t.chars().count())).then_some(d)
}

/// The first full date in `s` and where it stands (in characters).
fn find_span(s: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    let cs: Vec<char> = s.chars().collect();
    for i in 0..cs.len() {
        // The year: four digits, ASCII/full-width or Chinese, not inside a longer number.
        if i > 0 && (digit_value(cs[i - 1]).is_some() || han_digit(cs[i - 1]).is_some()) {
            continue;
        }
        let year: Option<u32> = (0..4).try_fold(0u32, |y, k| {
            let c = *cs.get(i + k)?;
            Some(y * 10 + digit_value(c).or(han_digit(c))?)
        });
        let Some(year) = year else { continue };
        let mut j = i + 4;
        let sep = cs.get(j).copied();
        let ymd = match sep {
            Some('年') => {
                j += 1;
                let Some((m, nj)) = number_until(&cs, j, '月') else {
                    continue;
                };
                let Some((d, end)) = number_until(&cs, nj, '日') else {
                    continue;
                };
                (m, d, end)
            }
            Some('-' | '.' | '/' | '－' | '．' | '／') => {
                j += 1;
                let (m, nj) = digits(&cs, j, 2);
                if nj == j || cs.get(nj) != sep.as_ref() {
                    continue;
                }
                let (d, nd) = digits(&cs, nj + 1, 2);
                if nd == nj + 1 {
                    continue;
                }
                (m, d, nd)
            }
            Some(c) if digit_value(c).is_some() => {
                let (md, nj) = digits(&cs, j, 4);
                if nj != j + 4 || cs.get(nj).and_then(|c| digit_value(*c)).is_some() {
                    continue;
                }
                (md / 100, md % 100, nj)
            }
            _ => continue,
        };
        if let Some(d) = NaiveDate::from_ymd_opt(year as i32, ymd.0, ymd.1) {
            if (1900..=2200).contains(&year) {
                return Some((d, i..ymd.2));
            }
        }
    }
    None
}

/// Up to `max` ASCII or full-width digits from `i`: (value, index after them).
fn digits(cs: &[char], i: usize, max: usize) -> (u32, usize) {
    let mut v = 0;
    let mut j = i;
    while j < cs.len() && j < i + max {
        let Some(d) = digit_value(cs[j]) else { break };
        v = v * 10 + d;
        j += 1;
    }
    (v, j)
}

/// A month or day in digits or Chinese numerals ending with `end`: (value, index after `end`).
fn number_until(cs: &[char], i: usize, end: char) -> Option<(u32, usize)> {
    let (v, j) = digits(cs, i, 2);
    if j > i {
        return (cs.get(j) == Some(&end)).then_some((v, j + 1));
    }
    let stop = (i..(i + 4).min(cs.len())).find(|&k| cs[k] == end)?;
    let text: String = cs[i..stop].iter().collect();
    Some((chinese_number(&text)?, stop + 1))
}

/// Year, month and day separated by `-`, `/`, `.` or 年/月(/日), digits ASCII or full-width.
fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let normal: String = s
        .chars()
        .map(|c| {
            digit_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c)
        })
        .collect();
    let mut nums = normal
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty());
    let (y, m, d) = (nums.next()?, nums.next()?, nums.next()?);
    if nums.next().is_some() || y.len() != 4 {
        return None;
    }
    let all_digits =
        |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        let a = DocDate::parse("2023-09-01").unwrap();
        let b = DocDate::parse("2023-09-01T09:30:00+08:00").unwrap();
        let c = DocDate::parse("2023年9月1日").unwrap();
        assert_eq!(a.date, c.date);
        assert_eq!(b.date, a.date);
        assert_eq!(c.zh(), "2023年9月1日");
        assert_eq!(b.rfc3339(), "2023-09-01T09:30:00+08:00");
        assert_eq!(a.rfc3339(), "2023-09-01T00:00:00+08:00");
        assert_eq!(
            DocDate::parse("２０２３年１０月８日").unwrap().iso(),
            "2023-10-08"
        );
    }

    #[test]
    fn finds_a_date_in_running_text_and_file_names() {
        let f = |s: &str| find_in_text(s).map(|d| d.to_string());
        assert_eq!(f("（2023年9月1日）").as_deref(), Some("2023-09-01"));
        assert_eq!(
            f("二〇二三年九月十一日在会上").as_deref(),
            Some("2023-09-11")
        );
        assert_eq!(f("讲话20230415定稿.txt").as_deref(), Some("2023-04-15"));
        assert_eq!(f("印发于２０２３．１０．８").as_deref(), Some("2023-10-08"));
        assert_eq!(f("2023-9-30会议").as_deref(), Some("2023-09-30"));
        for none in [
            "2023年工作要点",
            "编号123456789",
            "第2023-13-01号",
            "电话 8888 1234",
        ] {
            assert_eq!(f(none), None, "{none}");
        }
    }

    #[test]
    fn a_line_that_is_a_date_and_one_that_only_holds_one() {
        let f = |s: &str| line_is_date(s).map(|d| d.to_string());
        for (line, want) in [
            ("2024年5月8日", "2024-05-08"),
            ("  二〇二四年五月八日 ", "2024-05-08"),
            ("（2024年5月8日）", "2024-05-08"),
            ("(2024.5.8)", "2024-05-08"),
            ("\u{3000}2024-05-08", "2024-05-08"),
        ] {
            assert_eq!(f(line).as_deref(), Some(want), "{line}");
        }
        for not in [
            "于2024年5月31日前完成",
            "2024年5月8日印发",
            "（2024年5月8日",
            "2024年5月",
            "第2024-05-08号",
        ] {
            assert_eq!(f(not), None, "{not}");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in ["2023-02-30", "2023年13月1日", "九月一日", "2023-9", ""] {
            assert!(DocDate::parse(bad).is_none(), "{bad}");
        }
    }
}
