//! The CSV inputs of `slac eval` (docs/cli.md), read strictly: a header row with the
//! documented columns, every field checked, and the first bad field reported with its
//! file, line and column (the 1-based field number). A file with any bad row yields no
//! records at all, so nothing is ever computed from part of a file.

use crate::model::TargetKind;
use chrono::DateTime;
use std::fmt;
use std::io::Read;

pub use super::clock::{Nanos, NS_PER_MS};

/// A bad input file, or a bad field in one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// 1-based; 0 when the error is about the whole file (unreadable).
    pub line: u64,
    /// 1-based field number; 0 when the error is about the whole line or file.
    pub column: u64,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.message),
            (l, 0) => write!(f, "{}:{l}: {}", self.file, self.message),
            (l, c) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// One row of outages.csv.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outage {
    /// The 1-based line of the row, for errors and the unmatched-rows report.
    pub line: u64,
    pub service: String,
    pub start: Nanos,
    pub end: Nanos,
    /// Empty: the outage counts; `maintenance`; or the id of an `exclude` clause (any
    /// other text counts).
    pub cause: String,
    /// When maintenance was announced; `None`: never.
    pub announced: Option<Nanos>,
    /// The region the outage hit; `None`: every region and the base.
    pub region: Option<String>,
    /// The item it hit (`item` column: an instance, for `per instance` penalties);
    /// `None`: every item of the service.
    pub item: Option<String>,
}

/// One row of charges.csv: what a customer was billed for a service (in a region, for an
/// item) for one calendar period, the fees of `fee from charges` (language.md §7.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    pub line: u64,
    pub customer: String,
    pub service: String,
    /// `None`: no region (empty field).
    pub region: Option<String>,
    pub period: crate::model::periods::Period,
    pub amount: rust_decimal::Decimal,
    pub currency: String,
    /// The `item` column (an instance); `None`: the service or region as a whole.
    pub item: Option<String>,
}

/// One row of tickets.csv.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    pub line: u64,
    pub id: String,
    pub customer: String,
    pub service: String,
    pub kind: TargetKind,
    /// The incident priority or the request id.
    pub class: String,
    pub opened: Nanos,
    pub responded: Option<Nanos>,
    pub resolved: Option<Nanos>,
    /// `[start, end)` intervals in which the clock stops, sorted and merged.
    pub paused: Vec<(Nanos, Nanos)>,
    /// `None`: the agreement's base.
    pub region: Option<String>,
    /// The 1-based column of `region` (0 without one), for errors.
    pub region_column: u64,
    /// The updates to the customer after the response (`updates` column), sorted; `None`
    /// without that column: the update frequency is then unknown, not breached.
    pub updates: Option<Vec<Nanos>>,
}

/// One row of measurements.csv: good and total events of one objective of one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measurement {
    pub line: u64,
    pub service: String,
    /// `latency`, or the id of an outcome.
    pub objective: String,
    pub good: u64,
    pub total: u64,
}

const OUTAGE_COLUMNS: &[&str] = &["service", "start", "end", "cause", "announced"];
const TICKET_COLUMNS: &[&str] = &[
    "id",
    "customer",
    "service",
    "type",
    "class",
    "opened",
    "responded",
    "resolved",
];
const CHARGE_COLUMNS: &[&str] = &[
    "customer", "service", "region", "period", "amount", "currency",
];
const MEASUREMENT_COLUMNS: &[&str] = &["service", "objective", "good", "total"];

/// Opens an input file for streaming, naming it in errors.
pub fn open(path: &std::path::Path) -> Result<std::fs::File, InputError> {
    std::fs::File::open(path).map_err(|e| InputError {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        message: format!("cannot read the file: {e}"),
    })
}

/// The rows of a file after its header, each with its line number.
struct Rows<'a> {
    file: &'a str,
    header: Vec<String>,
}

impl Rows<'_> {
    fn err(&self, line: u64, column: usize, message: String) -> InputError {
        let message = match self.header.get(column.wrapping_sub(1)) {
            Some(name) if column > 0 => format!("`{name}`: {message}"),
            _ => message,
        };
        InputError {
            file: self.file.to_string(),
            line,
            column: column as u64,
            message,
        }
    }
}

/// Reads every record, checks the header against `required` (then any of `optional`, in
/// that order) and calls `row` on each record with its line number.
fn read_records(
    file: &str,
    input: &mut dyn Read,
    required: &[&str],
    optional: &[&str],
    mut row: impl FnMut(&Rows<'_>, u64, &csv::StringRecord) -> Result<(), InputError>,
) -> Result<(), InputError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let csv_err = |e: &csv::Error| {
        let line = e.position().map_or(0, csv::Position::line);
        let message = match e.kind() {
            csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".to_string(),
            csv::ErrorKind::Io(io) => format!("cannot read the file: {io}"),
            _ => e.to_string(),
        };
        InputError {
            file: file.to_string(),
            line,
            column: 0,
            message,
        }
    };
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(InputError {
                file: file.to_string(),
                line: 1,
                column: 0,
                message: format!(
                    "the file is empty; expected the header `{}`",
                    required.join(",")
                ),
            })
        }
        Some(Err(e)) => return Err(csv_err(&e)),
        Some(Ok(h)) => h,
    };
    let names: Vec<String> = header.iter().map(str::to_string).collect();
    check_header(file, &names, required, optional)?;
    let rows = Rows {
        file,
        header: names,
    };
    for record in records {
        let record = record.map_err(|e| csv_err(&e))?;
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() == 1 && record.get(0) == Some("") {
            // A blank line.
            continue;
        }
        if record.len() != rows.header.len() {
            let column = record.len().min(rows.header.len()) + 1;
            return Err(InputError {
                file: file.to_string(),
                line,
                column: column as u64,
                message: format!(
                    "expected {} fields, found {}",
                    rows.header.len(),
                    record.len()
                ),
            });
        }
        row(&rows, line, &record)?;
    }
    Ok(())
}

fn check_header(
    file: &str,
    names: &[String],
    required: &[&str],
    optional: &[&str],
) -> Result<(), InputError> {
    let expected = || {
        let mut s = required.join(",");
        for o in optional {
            s.push_str("[,");
            s.push_str(o);
            s.push(']');
        }
        s
    };
    let err = |column: usize, found: &str| InputError {
        file: file.to_string(),
        line: 1,
        column: column as u64,
        message: format!("expected the header `{}`, found `{found}`", expected()),
    };
    for (i, want) in required.iter().enumerate() {
        match names.get(i) {
            Some(n) if n == want => {}
            Some(n) => return Err(err(i + 1, n)),
            None => return Err(err(i + 1, "")),
        }
    }
    let mut next = 0;
    for (i, n) in names.iter().enumerate().skip(required.len()) {
        match optional[next..].iter().position(|o| o == n) {
            Some(k) => next += k + 1,
            None => return Err(err(i + 1, n)),
        }
    }
    Ok(())
}

/// An RFC 3339 date and time with its offset, in nanoseconds.
pub fn parse_instant(s: &str) -> Result<Nanos, String> {
    let t = DateTime::parse_from_rfc3339(s).map_err(|e| {
        format!("{e}: expected an RFC 3339 date and time with offset, e.g. 2026-11-27T16:30:00+01:00, found `{s}`")
    })?;
    t.timestamp_nanos_opt()
        .ok_or_else(|| format!("`{s}` is outside the years 1678 to 2261"))
}

fn instant(
    rows: &Rows<'_>,
    line: u64,
    rec: &csv::StringRecord,
    col: usize,
) -> Result<Nanos, InputError> {
    let s = rec.get(col).unwrap_or("");
    if s.is_empty() {
        return Err(rows.err(line, col + 1, "a date and time is required here".into()));
    }
    parse_instant(s).map_err(|m| rows.err(line, col + 1, m))
}

fn opt_instant(
    rows: &Rows<'_>,
    line: u64,
    rec: &csv::StringRecord,
    col: usize,
) -> Result<Option<Nanos>, InputError> {
    match rec.get(col) {
        None | Some("") => Ok(None),
        Some(_) => instant(rows, line, rec, col).map(Some),
    }
}

fn required_text(
    rows: &Rows<'_>,
    line: u64,
    rec: &csv::StringRecord,
    col: usize,
) -> Result<String, InputError> {
    match rec.get(col) {
        None | Some("") => Err(rows.err(line, col + 1, "a value is required here".into())),
        Some(s) => Ok(s.to_string()),
    }
}

/// A count of `what` (events, requests) in column `col`, and the `part` of it that went
/// one way (good events, failed requests): whole numbers, the part not above the count.
fn part_of(
    rows: &Rows<'_>,
    line: u64,
    rec: &csv::StringRecord,
    col: usize,
    what: &str,
    part: &str,
) -> Result<(u64, u64), InputError> {
    let count = |col: usize| {
        let s = rec.get(col).unwrap_or("");
        s.parse::<u64>().map_err(|_| {
            rows.err(
                line,
                col + 1,
                format!("expected a whole number of {what}, found `{s}`"),
            )
        })
    };
    let (some, total) = (count(col)?, count(col + 1)?);
    if some > total {
        return Err(rows.err(
            line,
            col + 1,
            format!("{some} {part} are more than the total {total}"),
        ));
    }
    Ok((some, total))
}

/// Parses outages.csv into memory (see [`each_outage`]).
pub fn parse_outages(file: &str, input: &mut dyn Read) -> Result<Vec<Outage>, InputError> {
    let mut out = Vec::new();
    each_outage(file, input, &mut |o| out.push(o))?;
    Ok(out)
}

/// Streams outages.csv, `service,start,end,cause,announced[,region][,item]`, row by row
/// into `sink`; the first bad row ends it with an error.
pub fn each_outage(
    file: &str,
    input: &mut dyn Read,
    sink: &mut dyn FnMut(Outage),
) -> Result<(), InputError> {
    read_records(
        file,
        input,
        OUTAGE_COLUMNS,
        &["region", "item"],
        |rows, line, rec| {
            let service = required_text(rows, line, rec, 0)?;
            let start = instant(rows, line, rec, 1)?;
            let end = instant(rows, line, rec, 2)?;
            if end < start {
                return Err(rows.err(line, 3, "the outage ends before it starts".into()));
            }
            let cause = rec.get(3).unwrap_or("").to_string();
            let announced = opt_instant(rows, line, rec, 4)?;
            let optional = |name: &str| {
                let i = rows.header.iter().position(|h| h == name)?;
                rec.get(i).filter(|v| !v.is_empty()).map(str::to_string)
            };
            sink(Outage {
                line,
                service,
                start,
                end,
                cause,
                announced,
                region: optional("region"),
                item: optional("item"),
            });
            Ok(())
        },
    )
}

/// Parses `START/END;START/END…`.
fn parse_pauses(s: &str) -> Result<Vec<(Nanos, Nanos)>, String> {
    let mut out = Vec::new();
    for part in s.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (a, b) = part
            .split_once('/')
            .ok_or_else(|| format!("expected START/END, found `{part}`"))?;
        let (a, b) = (parse_instant(a.trim())?, parse_instant(b.trim())?);
        if b < a {
            return Err(format!("the pause `{part}` ends before it starts"));
        }
        out.push((a, b));
    }
    Ok(out)
}

/// Parses the `updates` column, `TIME;TIME…` (language.md §5.1): the updates to the
/// customer after the response, which is the first. Each must fall between the response
/// and the resolution; they are sorted, so their order in the field does not matter.
fn parse_updates(
    s: &str,
    responded: Option<Nanos>,
    resolved: Option<Nanos>,
) -> Result<Vec<Nanos>, String> {
    let mut out = Vec::new();
    for part in s.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let t = parse_instant(part)?;
        match responded {
            None => {
                return Err(format!(
                "the update `{part}` comes before any response: the response is the first update"
            ))
            }
            Some(r) if t < r => {
                return Err(format!(
                    "the update `{part}` is before the response: the response is the first update"
                ))
            }
            Some(_) => {}
        }
        if resolved.is_some_and(|d| t > d) {
            return Err(format!(
                "the update `{part}` is after the resolution: updates end when the ticket is resolved"
            ));
        }
        out.push(t);
    }
    out.sort_unstable();
    Ok(out)
}

/// Parses tickets.csv into memory (see [`each_ticket`]).
pub fn parse_tickets(file: &str, input: &mut dyn Read) -> Result<Vec<Ticket>, InputError> {
    let mut out = Vec::new();
    each_ticket(file, input, &mut |t| out.push(t))?;
    Ok(out)
}

/// Streams tickets.csv,
/// `id,customer,service,type,class,opened,responded,resolved[,paused][,region][,updates]`, row by row
/// into `sink`. Duplicate ids are the evaluation's to find: it sees every file.
pub fn each_ticket(
    file: &str,
    input: &mut dyn Read,
    sink: &mut dyn FnMut(Ticket),
) -> Result<(), InputError> {
    read_records(
        file,
        input,
        TICKET_COLUMNS,
        &["paused", "region", "updates"],
        |rows, line, rec| {
            let id = required_text(rows, line, rec, 0)?;
            let customer = required_text(rows, line, rec, 1)?;
            let service = required_text(rows, line, rec, 2)?;
            let kind = match rec.get(3).unwrap_or("") {
                "incident" => TargetKind::Incident,
                "request" => TargetKind::Request,
                other => {
                    return Err(rows.err(
                        line,
                        4,
                        format!("expected `incident` or `request`, found `{other}`"),
                    ))
                }
            };
            let class = required_text(rows, line, rec, 4)?;
            let opened = instant(rows, line, rec, 5)?;
            let responded = opt_instant(rows, line, rec, 6)?;
            let resolved = opt_instant(rows, line, rec, 7)?;
            for (col, t) in [(7, responded), (8, resolved)] {
                if t.is_some_and(|t| t < opened) {
                    return Err(rows.err(line, col, "this is before the ticket was opened".into()));
                }
            }
            if let (Some(r), Some(d)) = (responded, resolved) {
                if d < r {
                    return Err(rows.err(
                        line,
                        8,
                        "the ticket is resolved before it was responded to".into(),
                    ));
                }
            }
            let mut paused = Vec::new();
            let mut region = None;
            let mut region_column = 0;
            let mut updates = None;
            for (i, name) in rows.header.iter().enumerate().skip(TICKET_COLUMNS.len()) {
                let v = rec.get(i).unwrap_or("");
                if name == "paused" {
                    paused =
                        super::clock::merge(parse_pauses(v).map_err(|m| rows.err(line, i + 1, m))?);
                } else if name == "updates" {
                    updates = Some(
                        parse_updates(v, responded, resolved)
                            .map_err(|m| rows.err(line, i + 1, m))?,
                    );
                } else if !v.is_empty() {
                    region = Some(v.to_string());
                    region_column = i as u64 + 1;
                }
            }
            sink(Ticket {
                line,
                id,
                customer,
                service,
                kind,
                class,
                opened,
                responded,
                resolved,
                paused,
                region,
                region_column,
                updates,
            });
            Ok(())
        },
    )
}

/// Streams measurements.csv, `service,objective,good,total`, row by row into `sink`.
pub fn each_measurement(
    file: &str,
    input: &mut dyn Read,
    sink: &mut dyn FnMut(Measurement),
) -> Result<(), InputError> {
    read_records(file, input, MEASUREMENT_COLUMNS, &[], |rows, line, rec| {
        let service = required_text(rows, line, rec, 0)?;
        let objective = required_text(rows, line, rec, 1)?;
        let (good, total) = part_of(rows, line, rec, 2, "events", "good events")?;
        sink(Measurement {
            line,
            service,
            objective,
            good,
            total,
        });
        Ok(())
    })
}

/// Streams charges.csv, `customer,service,region,period,amount,currency[,item]`, row by
/// row into `sink`: the period `2026-11`, `2026-Q4` or `2026`, the amount a decimal
/// number of at least 0, the region and the item may be empty.
pub fn each_charge(
    file: &str,
    input: &mut dyn Read,
    sink: &mut dyn FnMut(Charge),
) -> Result<(), InputError> {
    read_records(file, input, CHARGE_COLUMNS, &["item"], |rows, line, rec| {
        let customer = required_text(rows, line, rec, 0)?;
        let service = required_text(rows, line, rec, 1)?;
        let text = |col: usize| rec.get(col).filter(|v| !v.is_empty()).map(str::to_string);
        let period = required_text(rows, line, rec, 3)?
            .parse()
            .map_err(|m| rows.err(line, 4, m))?;
        let s = rec.get(4).unwrap_or("");
        let amount = s
            .parse::<rust_decimal::Decimal>()
            .ok()
            .filter(|a| !a.is_sign_negative())
            .ok_or_else(|| {
                rows.err(
                    line,
                    5,
                    format!("expected an amount such as 1234.56 (at least 0), found `{s}`"),
                )
            })?;
        let currency = required_text(rows, line, rec, 5)?;
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(rows.err(
                line,
                6,
                format!("expected a currency code such as USD, found `{currency}`"),
            ));
        }
        sink(Charge {
            line,
            customer,
            service,
            region: text(2),
            period,
            amount,
            currency,
            item: text(6),
        });
        Ok(())
    })
}

/// One row of requests.csv: the requests to a service in one interval of an objective's
/// `downtime { errors above … per D }` or `average error rate per D` (language.md §4.1),
/// the interval of D that begins at `start`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub line: u64,
    pub service: String,
    /// The start of the interval.
    pub start: Nanos,
    /// Failed requests.
    pub errors: u64,
    /// All requests, failed or not.
    pub total: u64,
    /// The region the requests were served in; `None`: every region and the base.
    pub region: Option<String>,
}

const REQUEST_COLUMNS: &[&str] = &["service", "start", "errors", "total"];

/// Parses requests.csv into memory (see [`each_request`]).
pub fn parse_requests(file: &str, input: &mut dyn Read) -> Result<Vec<Request>, InputError> {
    let mut out = Vec::new();
    each_request(file, input, &mut |r| out.push(r))?;
    Ok(out)
}

/// Streams requests.csv, `service,start,errors,total[,region]`, row by row into `sink`.
pub fn each_request(
    file: &str,
    input: &mut dyn Read,
    sink: &mut dyn FnMut(Request),
) -> Result<(), InputError> {
    read_records(
        file,
        input,
        REQUEST_COLUMNS,
        &["region"],
        |rows, line, rec| {
            let service = required_text(rows, line, rec, 0)?;
            let start = instant(rows, line, rec, 1)?;
            let (errors, total) = part_of(rows, line, rec, 2, "requests", "failed requests")?;
            let region = rec
                .get(REQUEST_COLUMNS.len())
                .filter(|r| !r.is_empty())
                .map(str::to_string);
            sink(Request {
                line,
                service,
                start,
                errors,
                total,
                region,
            });
            Ok(())
        },
    )
}
