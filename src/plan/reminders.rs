//! Which tasks a reminder names: open tasks due within the next working days, and overdue
//! ones, not waived. Reads a snapshot; when and how reminders are shown is the front door's.

use chrono::{Days, NaiveDate};

use super::{ItemView, Snapshot, WorkCalendar};

/// The last day of the window of `working_days` working days after `today`.
pub fn horizon(today: NaiveDate, calendar: &WorkCalendar, working_days: u32) -> NaiveDate {
    let mut day = today;
    let mut counted = 0;
    // A year bounds the walk even if the calendar had (impossibly) no working day.
    for _ in 0..366 {
        if counted >= working_days {
            break;
        }
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => break,
        }
        if calendar.is_working_day(day) {
            counted += 1;
        }
    }
    day
}

/// Task ids due by the horizon (including overdue), open, and not waived.
pub fn due_soon<'a>(
    snapshot: &'a Snapshot,
    calendar: &WorkCalendar,
    working_days: u32,
) -> Vec<&'a ItemView> {
    let until = horizon(snapshot.today, calendar, working_days);
    snapshot
        .items
        .iter()
        .filter(|v| !v.item.status.is_closed() && !v.waived && v.due <= until)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn three_working_days_skip_the_weekend() {
        let cal = WorkCalendar::default();
        // Thursday 2027-03-04 → Fri, Mon, Tue.
        assert_eq!(horizon(d("2027-03-04"), &cal, 3), d("2027-03-09"));
        assert_eq!(horizon(d("2027-03-01"), &cal, 3), d("2027-03-04"));
        assert_eq!(horizon(d("2027-03-01"), &cal, 0), d("2027-03-01"));
    }
}
