//! Dates and clock times written in a text: "13 September 2023", "September 13, 2023",
//! "on 12 September", "at 06:00", "6 a.m.", "10:30pm". They are offered to the author as
//! reported times of the place they are near, to confirm: a text's "at 6am" may be any
//! place's time zone, or no arrival at all.
//!
//! Invariants: every found date is a real calendar day (chrono checks it); every clock time
//! a real time of day; spans lie on `char` boundaries.

use chrono::{NaiveDate, NaiveTime};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// A date in the text; the year is missing when the text leaves it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Where it is.
    pub span: Range<usize>,
    /// Month (1–12) and day.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// The year, if written.
    pub year: Option<i32>,
}

impl DateMention {
    /// The day, taking `year` when the text gives none.
    pub fn date(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year.unwrap_or(year), self.month, self.day)
    }
}

/// A clock time in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeMention {
    /// Where it is.
    pub span: Range<usize>,
    /// The time of day.
    pub time: NaiveTime,
}

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

fn month_number(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    let index = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|prefix| word.starts_with(prefix))?;
    u32::try_from(index + 1).ok()
}

fn date_patterns() -> Option<&'static (Regex, Regex)> {
    static PATTERNS: OnceLock<Option<(Regex, Regex)>> = OnceLock::new();
    PATTERNS
        .get_or_init(|| {
            // "13 September 2023" and "September 13, 2023"; the month is capitalised in both.
            let day_first = Regex::new(&format!(
                r"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>(?i:{MONTHS}))\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
            ))
            .ok()?;
            let month_first = Regex::new(&format!(
                r"\b(?P<month>(?i:{MONTHS}))\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
            ))
            .ok()?;
            Some((day_first, month_first))
        })
        .as_ref()
}

fn time_pattern() -> Option<&'static Regex> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(
                r"(?ix)
                \b(?P<hour>\d{1,2})
                (?: [:.](?P<minute>\d{2}) )?
                \s?(?P<half>a\.?m\.?|p\.?m\.?)?
                (?:\b|$|\s)",
            )
            .ok()
        })
        .as_ref()
}

/// Every date in `text`, in order.
pub fn dates(text: &str) -> Vec<DateMention> {
    let Some((day_first, month_first)) = date_patterns() else {
        return Vec::new();
    };
    let mut found: Vec<DateMention> = day_first
        .captures_iter(text)
        .chain(month_first.captures_iter(text))
        .filter_map(|found| {
            let whole = found.get(0)?;
            let month = month_number(found.name("month")?.as_str())?;
            let day: u32 = found.name("day")?.as_str().parse().ok()?;
            let year = found
                .name("year")
                .and_then(|year| year.as_str().parse().ok());
            // A real day of the month (in a leap year when no year is given).
            NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
            Some(DateMention {
                span: whole.start()..whole.end(),
                month,
                day,
                year,
            })
        })
        .collect();
    found.sort_by_key(|date| date.span.start);
    found.dedup_by(|later, earlier| later.span.start < earlier.span.end);
    found
}

/// Every clock time in `text` ("06:00", "6am", "10.30 p.m."), in order. A bare number is
/// not a time: it needs minutes or a.m./p.m.
pub fn clock_times(text: &str) -> Vec<TimeMention> {
    let Some(pattern) = time_pattern() else {
        return Vec::new();
    };
    pattern
        .captures_iter(text)
        .filter_map(|found| {
            let hour: u32 = found.name("hour")?.as_str().parse().ok()?;
            let minute_text = found.name("minute");
            let half = found.name("half").map(|h| h.as_str().to_lowercase());
            if minute_text.is_none() && half.is_none() {
                return None;
            }
            let minute: u32 = minute_text.map_or(Some(0), |m| m.as_str().parse().ok())?;
            let hour = match half.as_deref().map(|h| h.starts_with('p')) {
                Some(true) if (1..12).contains(&hour) => hour + 12,
                Some(false) if hour == 12 => 0,
                Some(_) if !(1..=12).contains(&hour) => return None,
                _ => hour,
            };
            let time = NaiveTime::from_hms_opt(hour, minute, 0)?;
            let end = found.name("half").or(minute_text)?.end();
            Some(TimeMention {
                span: found.get(0)?.start()..end,
                time,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_day_first_and_month_first() {
        let found = dates("On 13 September 2023 he met him; on September 14, 2023 he left.");
        assert_eq!(
            found
                .iter()
                .map(|d| (d.day, d.month, d.year))
                .collect::<Vec<_>>(),
            [(13, 9, Some(2023)), (14, 9, Some(2023))]
        );
    }

    #[test]
    fn a_date_without_a_year_takes_the_story_year() {
        let found = dates("It arrived on 12 Sept.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date(2023), NaiveDate::from_ymd_opt(2023, 9, 12));
    }

    #[test]
    fn impossible_days_are_not_dates() {
        assert!(dates("31 February 2023").is_empty());
    }

    #[test]
    fn clock_times_need_minutes_or_am_pm() {
        let text = "It left at 6am, passed at 10:30 p.m. and at 18.05, with 20 carriages.";
        let times: Vec<NaiveTime> = clock_times(text).into_iter().map(|t| t.time).collect();
        assert_eq!(
            times,
            [
                NaiveTime::from_hms_opt(6, 0, 0),
                NaiveTime::from_hms_opt(22, 30, 0),
                NaiveTime::from_hms_opt(18, 5, 0)
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
        );
    }
}
