//! `slac due`: when a ticket is due under an agreement's support target.

use super::common::{fail, print_stdout, EXIT_OK};
use crate::diag::render::Style;
use crate::model::{Deadline, Portfolio, TargetKind, Terms};
use crate::time::{Instant, Length};
use chrono::{DateTime, FixedOffset, SecondsFormat, TimeDelta, Utc};
use clap::ValueEnum;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files and directories of the portfolio; default: the current directory.
    paths: Vec<PathBuf>,

    /// The agreement (sla, ola or uc) whose support target applies.
    #[arg(long, value_name = "ID")]
    agreement: String,

    /// A regional variant of the agreement.
    #[arg(long, value_name = "ID")]
    region: Option<String>,

    /// An incident priority, e.g. p1 (with --target).
    #[arg(
        long,
        value_name = "P",
        requires = "target",
        conflicts_with = "request"
    )]
    incident: Option<String>,

    /// Which deadline of the incident (a request: only `update`, else its fulfil).
    #[arg(long, value_enum)]
    target: Option<Which>,

    /// A request id, e.g. toner (its `fulfil` deadline).
    #[arg(long, value_name = "R", required_unless_present = "incident")]
    request: Option<String>,

    /// When the ticket was opened, RFC 3339, e.g. 2026-11-27T16:30:00+01:00.
    #[arg(long, value_name = "DATETIME", value_parser = parse_opened)]
    opened: DateTime<FixedOffset>,

    /// With --target update: the last update given to the customer (default: --opened).
    #[arg(long, value_name = "DATETIME", value_parser = parse_opened)]
    last_update: Option<DateTime<FixedOffset>>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// The date for the lints of the check that runs first (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::common::parse_today)]
    today: Option<chrono::NaiveDate>,
}

/// An RFC 3339 instant in the years the calendars answer for, 0001 to 9999 in UTC
/// ([`Instant::MIN`], [`Instant::MAX`]); fractional seconds are kept to the nanosecond.
fn parse_opened(s: &str) -> Result<DateTime<FixedOffset>, String> {
    let t = DateTime::parse_from_rfc3339(s).map_err(|e| {
        format!(
            "{e}; write an RFC 3339 date and time with its offset, e.g. 2026-11-27T16:30:00+01:00"
        )
    })?;
    let at = Instant::from(t.with_timezone(&Utc));
    if at < Instant::MIN || at >= Instant::MAX {
        return Err(format!(
            "`{s}` is outside the dates slac handles, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"
        ));
    }
    Ok(t)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Which {
    Response,
    Resolve,
    /// The next update to the customer (`update every`), from the last one.
    Update,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Human,
    Json,
}

#[derive(Serialize)]
struct Answer {
    deadline: String,
    opened: String,
    agreement: String,
    region: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
    class: String,
    target: &'static str,
    /// Open time; 0 for a deadline in business days.
    duration_minutes: f64,
    /// `N business days` (language.md §5.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    business_days: Option<u32>,
    calendar: String,
    timezone: String,
    /// What the answer cannot vouch for: an instant outside the agreement's validity, a
    /// deadline past the calendar's last closure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

pub(super) fn run(args: &Args, style: Style) -> i32 {
    if let Some(message) = not_applying(args) {
        return fail(&message);
    }
    let (_sources, portfolio) = match super::common::load_checked(&args.paths, args.today, style) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let portfolio = &portfolio;
    match answer(portfolio, args) {
        Ok(a) => {
            match args.format {
                Format::Human => {
                    let mut text = crate::diag::render::visible(&format!(
                        "{}\n{} {} {} of `{}`{}: {} on calendar `{}` ({}), opened {}\n",
                        a.deadline,
                        a.kind,
                        a.class,
                        a.target,
                        a.agreement,
                        a.region
                            .as_ref()
                            .map_or(String::new(), |r| format!(" (region {r})")),
                        match a.business_days {
                            Some(n) => crate::model::support::business_days_words(n),
                            None =>
                                crate::written::duration((a.duration_minutes * 60_000.0) as i64),
                        },
                        a.calendar,
                        a.timezone,
                        a.opened
                    ))
                    .into_owned();
                    for n in &a.notes {
                        let _ = writeln!(text, "note: {}", crate::diag::render::visible(n));
                    }
                    print_stdout(&text);
                }
                Format::Json => print_stdout(&serde_json::to_string_pretty(&a).unwrap_or_default()),
            }
            EXIT_OK
        }
        Err(message) => fail(&message),
    }
}

/// A flag that does not apply to the ticket asked about, refused before anything is read:
/// a request has one deadline (its `fulfil`) and may have an update frequency, so of
/// `--target` only `update` belongs to `--request`.
fn not_applying(args: &Args) -> Option<String> {
    match (&args.incident, &args.request, args.target) {
        (None, Some(r), Some(t @ (Which::Response | Which::Resolve))) => Some(format!(
            "--target {} does not apply to a request: request `{r}` has one deadline, its `fulfil`; leave --target out, give --target update for its next update (or ask about an incident with --incident P)",
            match t {
                Which::Response => "response",
                _ => "resolve",
            }
        )),
        (Some(_), Some(_), _) => {
            Some("give --incident P --target T or --request R, not both".into())
        }
        (Some(p), None, None) => Some(format!(
            "--incident {p} needs --target response, resolve or update"
        )),
        _ => None,
    }
}

fn answer(p: &Portfolio, args: &Args) -> Result<Answer, String> {
    let agreement = p.agreement(&args.agreement).ok_or_else(|| {
        let names: Vec<&str> = p.agreements.iter().map(|a| a.name.as_str()).collect();
        format!(
            "no agreement `{}` in the portfolio (there are: {})",
            args.agreement,
            names.join(", ")
        )
    })?;
    let terms: &Terms = match &args.region {
        None => &agreement.terms,
        Some(r) => agreement
            .regions
            .iter()
            .find(|v| v.name == *r)
            .map(|v| &v.terms)
            .ok_or_else(|| {
                let names: Vec<&str> = agreement.regions.iter().map(|v| v.name.as_str()).collect();
                if names.is_empty() {
                    format!(
                        "agreement `{}` has no regions, so --region `{r}` does not apply; leave --region out",
                        agreement.name
                    )
                } else {
                    format!(
                        "agreement `{}` has no region `{r}` (its regions: {})",
                        agreement.name,
                        names.join(", ")
                    )
                }
            })?,
    };
    let update = args.target == Some(Which::Update);
    if args.last_update.is_some() && !update {
        return Err("--last-update applies only to --target update".into());
    }
    let (kind, class, which) = match (&args.incident, &args.request, args.target) {
        (Some(p), _, Some(Which::Response)) => (TargetKind::Incident, p, Deadline::Response),
        (Some(p), _, _) => (TargetKind::Incident, p, Deadline::Resolve),
        (None, Some(_), Some(Which::Response | Which::Resolve)) => {
            return Err(
                "a request has one deadline, its fulfil: give --request R alone, or with --target update"
                    .into(),
            )
        }
        (None, Some(r), _) => (TargetKind::Request, r, Deadline::Fulfil),
        (None, None, _) => return Err("give --incident P --target T, or --request R".into()),
    };
    let kind_word = kind.keyword();
    let support = terms
        .support
        .as_ref()
        .ok_or_else(|| format!("agreement `{}` has no support targets", agreement.name))?;
    let target = support
        .targets
        .iter()
        .find(|t| t.kind == kind && t.id == *class)
        .ok_or_else(|| {
            let ids: Vec<&str> = support
                .targets
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| t.id.as_str())
                .collect();
            if ids.is_empty() {
                format!(
                    "agreement `{}` has no {kind_word} `{class}` (it has no {kind_word} targets)",
                    agreement.name
                )
            } else {
                format!(
                    "agreement `{}` has no {kind_word} `{class}` (it has: {})",
                    agreement.name,
                    ids.join(", ")
                )
            }
        })?;
    // `update every D`: D of open time from the last update (language.md §5.1), the
    // clock `slac eval` judges the gaps between updates on.
    let (length, target_word, duration_ms, business_days) = if update {
        let every = target.update_every_ms.as_ref().ok_or_else(|| {
            format!(
                "{kind_word} `{class}` of `{}` has no `update every` target",
                agreement.name
            )
        })?;
        (Length::Open(every.value), "update", every.value, None)
    } else {
        let term = target.deadline(which).ok_or_else(|| {
            format!(
                "{kind_word} `{class}` of `{}` has no `{}` target",
                agreement.name,
                which.keyword()
            )
        })?;
        (
            term.length(),
            which.keyword(),
            term.duration_ms.value,
            term.business_days,
        )
    };
    let clock = target
        .during
        .as_ref()
        .or(support.during.as_ref())
        .map_or(crate::model::ALWAYS, |c| c.value.index);
    let calendar = &p.calendars[clock];
    let opened_utc = args.opened.with_timezone(&Utc);
    let from_utc = args
        .last_update
        .filter(|_| update)
        .map_or(opened_utc, |t| t.with_timezone(&Utc));
    if from_utc < opened_utc {
        return Err("--last-update is before --opened".into());
    }
    let opened = Instant::from(from_utc);
    let rest_ns = i64::from(from_utc.timestamp_subsec_nanos() % 1_000_000);
    let (due, due_ns) =
        crate::model::support::target_due(&calendar.clock, length, opened, rest_ns)
        .ok_or_else(|| {
            if calendar.clock.week_open_minutes() == 0 {
                format!("calendar `{}` is never open, so the ticket is never due", calendar.name)
            } else {
                format!(
                    "the deadline on calendar `{}` falls after the year 9999, beyond the dates slac handles",
                    calendar.name
                )
            }
        })?;
    let tz = calendar.clock.tz();
    // As many fractional digits as needed (none, 3, 6 or 9): the input's precision is kept.
    let fmt = |t: DateTime<Utc>| {
        t.with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::AutoSi, false)
    };
    let due = due
        .to_utc()
        .and_then(|t| t.checked_add_signed(TimeDelta::nanoseconds(due_ns)))
        .ok_or_else(|| "the deadline is out of the supported range of dates".to_string())?;
    let mut notes = notes(agreement, terms, calendar, opened_utc, due);
    if update {
        notes.insert(
            0,
            format!(
                "the next update is counted from the last one, at {}",
                fmt(from_utc)
            ),
        );
    }
    Ok(Answer {
        notes,
        deadline: fmt(due),
        opened: fmt(opened_utc),
        agreement: agreement.name.clone(),
        region: args.region.clone(),
        kind: kind_word,
        class: class.clone(),
        target: target_word,
        duration_minutes: duration_ms as f64 / 60_000.0,
        business_days,
        calendar: calendar.name.clone(),
        timezone: calendar.timezone.clone(),
    })
}

/// What the deadline cannot vouch for: a ticket opened outside the agreement's validity
/// (whole days in its `timezone`), and a deadline in a year after the last dated closure
/// of a calendar that has no recurring ones (its holidays are not known then).
fn notes(
    agreement: &crate::model::Agreement,
    terms: &Terms,
    calendar: &crate::model::Calendar,
    opened: DateTime<Utc>,
    due: DateTime<Utc>,
) -> Vec<String> {
    use chrono::Datelike;
    let mut out = Vec::new();
    if let Some(v) = &terms.valid {
        let day = opened.with_timezone(&terms.tz()).date_naive();
        let (from, to) = (v.value.from, v.value.to);
        let range = match to {
            Some(to) => format!("from {from} to {to}"),
            None => format!("from {from}"),
        };
        if day < from || to.is_some_and(|to| day > to) {
            out.push(format!(
                "the ticket is opened on {day}, outside the validity of `{}` ({range}): the agreement does not apply then",
                agreement.name
            ));
        }
    }
    if calendar.recurring.is_empty() {
        if let Some(last) = calendar.closures.iter().map(|c| c.date).max() {
            let tz = calendar.clock.tz();
            let until = due.with_timezone(&tz).date_naive();
            if until.year() > last.year() {
                out.push(format!(
                    "calendar `{}` lists no closures after {last}: no holidays are assumed in {}",
                    calendar.name,
                    until.year()
                ));
            }
        }
    }
    out
}
