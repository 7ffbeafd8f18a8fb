//! Document dates: ISO (2023-09-01, 2023-09-01T09:30:00+08:00) and Chinese (2023年9月1日).

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
    pub fn parse(s: &str) -> Option<DocDate> {
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

    pub fn today() -> DocDate {
        DocDate {
            date: chrono::Local::now().date_naive(),
            time: None,
            offset: None,
        }
    }

    /// 2023-09-01
    pub fn iso(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }

    /// 2023年9月1日, as dates are written in Chinese documents.
    pub fn zh(&self) -> String {
        use chrono::Datelike;
        format!(
            "{}年{}月{}日",
            self.date.year(),
            self.date.month(),
            self.date.day()
        )
    }

    /// RFC 3339 for feeds and the sitemap.
    pub fn rfc3339(&self) -> String {
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

    pub fn year(&self) -> i32 {
        use chrono::Datelike;
        self.date.year()
    }

    pub fn month(&self) -> u32 {
        use chrono::Datelike;
        self.date.month()
    }
}

/// Year, month and day separated by `-`, `/`, `.` or 年/月(/日), digits ASCII or full-width.
fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let normal: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
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
    fn rejects_impossible_dates() {
        for bad in ["2023-02-30", "2023年13月1日", "九月一日", "2023-9", ""] {
            assert!(DocDate::parse(bad).is_none(), "{bad}");
        }
    }
}
