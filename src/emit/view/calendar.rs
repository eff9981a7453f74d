//! Service hours as a week table (one row per day, its intervals and total) and the
//! closures, read from the calendar's merged clock so that overlapping rules show once;
//! a closure that comes back every year is listed once per year of validity.

use super::format::{date, duration, hhmm};
use crate::model::Calendar;
use crate::time::MINUTE;
use crate::written::{day_names, WEEKDAYS};
use chrono::Datelike;
use serde::Serialize;

#[derive(Serialize)]
pub struct CalendarView {
    pub name: String,
    pub title: String,
    pub timezone: String,
    pub description: Option<String>,
    /// Open at every hour: no table is needed.
    pub always: bool,
    pub days: Vec<DayRow>,
    pub week_total: String,
    pub closures: Vec<ClosureRow>,
    pub has_closures: bool,
}

#[derive(Serialize)]
pub struct DayRow {
    pub day: String,
    pub hours: String,
    pub total: String,
    pub open: bool,
}

#[derive(Serialize)]
pub struct ClosureRow {
    pub date: String,
    pub iso: String,
    pub weekday: String,
    /// "all day" or "13:00–17:00".
    pub hours: String,
    pub label: String,
}

/// `years`: the calendar years whose recurring closures are listed (an agreement's
/// years in force, `model::years_in_force`), one row per year.
pub(super) fn view(c: &Calendar, years: (i32, i32)) -> CalendarView {
    let weekly = c.clock.weekly();
    let days = WEEKDAYS
        .iter()
        .map(|d| {
            let runs: Vec<_> = weekly.iter().filter(|w| w.day == d.day).collect();
            let minutes: i64 = runs.iter().map(|w| i64::from(w.end - w.start)).sum();
            DayRow {
                day: d.title.to_string(),
                hours: if runs.is_empty() {
                    "closed".into()
                } else {
                    runs.iter()
                        .map(|w| format!("{}-{}", hhmm(w.start), hhmm(w.end)))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                total: if minutes == 0 {
                    "–".into()
                } else {
                    duration(minutes * MINUTE)
                },
                open: !runs.is_empty(),
            }
        })
        .collect();
    let recurring = c.recurring.iter().flat_map(|r| r.dated(years.0, years.1));
    let mut closures: Vec<ClosureRow> = c
        .closures
        .iter()
        .cloned()
        .chain(recurring)
        .map(|d| ClosureRow {
            date: date(d.date),
            iso: d.date.to_string(),
            weekday: day_names(d.date.weekday()).title.to_string(),
            hours: match (&d.start, &d.end) {
                (Some(s), Some(e)) => format!("{s}-{e}"),
                _ => "all day".into(),
            },
            label: d.label.unwrap_or_default(),
        })
        .collect();
    // Chronological, whatever order they were written in.
    closures.sort_by(|a, b| (&a.iso, &a.hours).cmp(&(&b.iso, &b.hours)));
    CalendarView {
        name: c.name.clone(),
        title: c.title.clone(),
        timezone: c.timezone.clone(),
        description: c.description.clone(),
        always: c.clock.is_always(),
        days,
        week_total: duration(c.clock.week_open_minutes() * MINUTE),
        has_closures: !closures.is_empty(),
        closures,
    }
}
