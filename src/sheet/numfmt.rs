//! A number as a spreadsheet shows it under its number format code (`0.0%`, `#,##0.00`,
//! `¥#,##0`, `0"人"`): a ledger's 完成率 reads 85%, not 0.85. The common codes are understood;
//! anything else (fractions, dates reaching here) falls back to the General format.

/// The text for `v` under the format `code` (None or `General`: the General format).
pub(crate) fn show(v: f64, code: Option<&str>) -> String {
    let Some(code) = code.filter(|c| !c.eq_ignore_ascii_case("general") && *c != "@") else {
        return general(v);
    };
    let sections = split_sections(code);
    // Excel's sections: positive; negative; zero; text. A negative number under its own
    // section shows its sign through that section's literals, e.g. `(#,##0)`.
    let (section, value, sign) = match sections.len() {
        n if v < 0.0 && n >= 2 => (sections[1], -v, ""),
        n if v == 0.0 && n >= 3 => (sections[2], v, ""),
        _ => (sections[0], v.abs(), if v < 0.0 { "-" } else { "" }),
    };
    match Spec::parse(section) {
        Some(spec) => {
            let shown = spec.apply(value);
            // `-0` after rounding is shown as 0, as Excel does.
            if shown.chars().any(|c| c.is_ascii_digit() && c != '0') {
                format!("{sign}{shown}")
            } else {
                shown
            }
        }
        None => general(v),
    }
}

/// The General format: integers exactly, other numbers to 15 significant digits with trailing
/// zeros dropped (0.1 + 0.2 shows 0.3, as in the cell).
pub(crate) fn general(v: f64) -> String {
    if !v.is_finite() {
        return "#NUM!".into();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    let s = format!("{rounded}");
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// `;` outside quotes and brackets separates sections.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// One section of a number format, read: literals around the digits, how the digits look.
#[derive(Debug, Default, PartialEq)]
struct Spec {
    prefix: String,
    suffix: String,
    /// `0`s before the decimal point: the least number of integer digits.
    int_zeros: usize,
    /// Placeholders after the point: `0`s always shown, then `#`/`?` shown when not zero.
    dec_zeros: usize,
    dec_optional: usize,
    thousands: bool,
    percent: u32,
    /// `E+00`: scientific, with at least this many exponent digits.
    exponent: Option<usize>,
    literal_only: bool,
}

impl Spec {
    /// None for what this reader does not do (fractions, date and time codes).
    fn parse(section: &str) -> Option<Spec> {
        let mut s = Spec::default();
        let mut seen_digit = false;
        let mut after_point = false;
        let chars: Vec<char> = section.chars().collect();
        let mut i = 0;
        let literal = |s: &mut Spec, seen: bool, text: &str| {
            if seen {
                s.suffix.push_str(text)
            } else {
                s.prefix.push_str(text)
            }
        };
        while i < chars.len() {
            let c = chars[i];
            match c {
                '"' => {
                    let end = chars[i + 1..].iter().position(|&c| c == '"')? + i + 1;
                    let text: String = chars[i + 1..end].iter().collect();
                    literal(&mut s, seen_digit, &text);
                    i = end;
                }
                '\\' => {
                    let text = chars.get(i + 1)?.to_string();
                    literal(&mut s, seen_digit, &text);
                    i += 1;
                }
                // Padding to a character's width and fill: nothing to show in text.
                '_' | '*' => i += 1,
                '[' => {
                    let end = chars[i..].iter().position(|&c| c == ']')? + i;
                    let inner: String = chars[i + 1..end].iter().collect();
                    // `[$¥-804]`: a currency symbol and its locale; colours and conditions
                    // change nothing in text.
                    if let Some(cur) = inner.strip_prefix('$') {
                        let sym = cur.split('-').next().unwrap_or("");
                        literal(&mut s, seen_digit, sym);
                    }
                    i = end;
                }
                '0' | '#' | '?' if s.exponent.is_none() => {
                    if !s.suffix.is_empty() {
                        // Digits after a literal in the middle (`000-0000`): not a number
                        // format this reader knows.
                        return None;
                    }
                    seen_digit = true;
                    match (after_point, c) {
                        (false, '0') => s.int_zeros += 1,
                        (false, _) => {}
                        (true, '0') if s.dec_optional == 0 => s.dec_zeros += 1,
                        (true, _) => s.dec_optional += 1,
                    }
                }
                '0' => *s.exponent.as_mut()? += 1,
                '.' if !after_point && (seen_digit || next_is_digit(&chars, i)) => {
                    after_point = true;
                    seen_digit = true;
                }
                ',' if seen_digit && !after_point && next_is_digit(&chars, i) => s.thousands = true,
                // A trailing `,` divides by 1000: rare in ledgers.
                ',' if seen_digit => return None,
                '%' => {
                    s.percent += 1;
                    literal(&mut s, seen_digit, "%");
                }
                'E' | 'e' if seen_digit && matches!(chars.get(i + 1), Some('+' | '-')) => {
                    s.exponent = Some(0);
                    i += 1;
                }
                '/' | '@' => return None,
                c if c.is_ascii_alphabetic() && !matches!(c, 'E' | 'e') => return None,
                c => literal(&mut s, seen_digit, &c.to_string()),
            }
            i += 1;
        }
        // A section of literals only (`"—"` for zero) shows them alone.
        s.literal_only = !seen_digit;
        Some(s)
    }

    fn apply(&self, v: f64) -> String {
        if self.literal_only {
            return self.prefix.clone();
        }
        let v = v * 100f64.powi(self.percent as i32);
        let digits = self.dec_zeros + self.dec_optional;
        let body = match self.exponent {
            Some(exp_digits) => scientific(v, digits, exp_digits),
            None => self.fixed(v, digits),
        };
        format!("{}{body}{}", self.prefix, self.suffix)
    }

    fn fixed(&self, v: f64, digits: usize) -> String {
        let s = format!("{v:.digits$}");
        let (int, dec) = s.split_once('.').unwrap_or((&s, ""));
        let dec = dec.trim_end_matches('0');
        let dec = if dec.len() < self.dec_zeros {
            format!("{dec:0<width$}", width = self.dec_zeros)
        } else {
            dec.to_string()
        };
        let int = if int == "0" && self.int_zeros == 0 {
            String::new()
        } else {
            format!("{int:0>width$}", width = self.int_zeros)
        };
        let int = if self.thousands { group(&int) } else { int };
        if dec.is_empty() {
            int
        } else {
            format!("{int}.{dec}")
        }
    }
}

fn next_is_digit(chars: &[char], i: usize) -> bool {
    matches!(chars.get(i + 1), Some('0' | '#' | '?'))
}

/// 1234567 → 1,234,567.
fn group(int: &str) -> String {
    let n = int.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 12345 with 2 digits and 2 exponent digits → 1.23E+04.
fn scientific(v: f64, digits: usize, exp_digits: usize) -> String {
    let s = format!("{v:.digits$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    format!(
        "{mantissa}E{sign}{:0>width$}",
        exp.abs(),
        width = exp_digits.max(1)
    )
}

#[cfg(test)]
mod tests {
    use super::show;

    #[test]
    fn the_formats_of_a_ledger_show_as_in_the_cell() {
        let cases: &[(f64, &str, &str)] = &[
            (0.856, "0%", "86%"),
            (0.856, "0.00%", "85.60%"),
            (1234567.891, "#,##0.00", "1,234,567.89"),
            (1234567.0, "#,##0", "1,234,567"),
            (12.5, "0.000", "12.500"),
            (3.0, "0\"人\"", "3人"),
            (1500.0, "[$¥-804]#,##0.00", "¥1,500.00"),
            (-1500.0, "#,##0;[Red](#,##0)", "(1,500)"),
            (-2.5, "0.0", "-2.5"),
            (-0.001, "0.0", "0.0"),
            (0.0, "0;-0;\"—\"", "—"),
            (12345.0, "0.00E+00", "1.23E+04"),
            (0.5, "#.##", ".5"),
            (7.0, "000", "007"),
            (0.1 + 0.2, "General", "0.3"),
            (42.0, "General", "42"),
            // What this reader does not do falls back to General.
            (0.5, "# ?/?", "0.5"),
            (12.0, "000-0000", "12"),
        ];
        for (v, code, want) in cases {
            assert_eq!(show(*v, Some(code)), *want, "{v} under {code}");
        }
        assert_eq!(show(1.0 / 3.0, None), "0.333333333333333");
    }
}
