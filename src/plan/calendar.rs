//! Working days and holidays of a plan: deadlines never fall on a day nobody works.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    #[error("a plan needs at least one working day; give e.g. \"mon,tue,wed,thu,fri\"")]
    NoWorkingDays,
    #[error("unknown weekday {0:?}; use mon, tue, wed, thu, fri, sat or sun")]
    UnknownWeekday(String),
}

/// Which weekdays are worked and which dates are holidays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCalendar {
    working_days: Vec<Weekday>,
    holidays: BTreeSet<NaiveDate>,
}

impl Default for WorkCalendar {
    /// Monday to Friday, no holidays.
    fn default() -> Self {
        WorkCalendar {
            working_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            holidays: BTreeSet::new(),
        }
    }
}

impl WorkCalendar {
    pub fn new(
        working_days: impl IntoIterator<Item = Weekday>,
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, CalendarError> {
        let mut days: Vec<Weekday> = working_days.into_iter().collect();
        days.sort_by_key(Weekday::num_days_from_monday);
        days.dedup();
        if days.is_empty() {
            return Err(CalendarError::NoWorkingDays);
        }
        Ok(WorkCalendar {
            working_days: days,
            holidays: holidays.into_iter().collect(),
        })
    }

    /// Parses "mon,tue,wed" (any case, English three-letter or full names).
    pub fn parse_weekdays(text: &str) -> Result<Vec<Weekday>, CalendarError> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<Weekday>()
                    .map_err(|_| CalendarError::UnknownWeekday(s.to_string()))
            })
            .collect()
    }

    pub fn working_days(&self) -> &[Weekday] {
        &self.working_days
    }

    pub fn holidays(&self) -> &BTreeSet<NaiveDate> {
        &self.holidays
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.working_days.contains(&date.weekday()) && !self.holidays.contains(&date)
    }

    /// The date itself when it is worked, else the closest earlier working day.
    pub fn on_or_before(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        // A week without holidays always holds a working day; holidays can only add a
        // bounded number of extra steps, so this terminates.
        while !self.is_working_day(day) {
            match day.checked_sub_days(Days::new(1)) {
                Some(previous) => day = previous,
                None => return date,
            }
        }
        day
    }

    /// Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (start, end, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let count = start
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= end)
            .filter(|d| self.is_working_day(*d))
            .count() as i64;
        sign * count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weekend_moves_to_friday_and_holidays_are_skipped() {
        let cal = WorkCalendar::new(
            WorkCalendar::default().working_days().to_vec(),
            [d("2027-03-26")],
        )
        .unwrap();
        assert_eq!(cal.on_or_before(d("2027-03-28")), d("2027-03-25"));
        assert_eq!(cal.on_or_before(d("2027-03-24")), d("2027-03-24"));
    }

    #[test]
    fn weekdays_parse_and_empty_is_refused() {
        assert_eq!(
            WorkCalendar::parse_weekdays("Mon, sat").unwrap(),
            vec![Weekday::Mon, Weekday::Sat]
        );
        assert!(WorkCalendar::parse_weekdays("funday").is_err());
        assert_eq!(WorkCalendar::new([], []), Err(CalendarError::NoWorkingDays));
    }

    #[test]
    fn working_days_between_counts_both_ways() {
        let cal = WorkCalendar::default();
        assert_eq!(
            cal.working_days_between(d("2027-03-26"), d("2027-03-31")),
            3
        );
        assert_eq!(
            cal.working_days_between(d("2027-03-31"), d("2027-03-26")),
            -3
        );
    }
}
