//! The structural E01 checks on one file's tree: statements given twice (E0108) or not
//! allowed where they stand (E0109), intervals (E0102 for a 24:00 start, E0104),
//! overlapping calendar hours (W0110) and currencies mixed inside one agreement (E0107).

use super::ast::{
    Agreement, AgreementKind, AgreementStmt, Block, Calendar, CalendarStmt, Catalogue, ClaimsStmt,
    Credit, DaySpec, Deadline, File, IndicatorStmt, Interval, Item, Level, MaintenanceStmt,
    ObjectiveKind, ObjectiveStmt, Party, PartyKind, PartyStmt, PenaltyOn, PenaltyStmt, Service,
    ServiceStmt, Stmt, SupportStmt, TargetKind, TargetStmt,
};
use super::values::INVALID_TIME;
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::written::hhmm;
use chrono::Weekday;
use std::collections::HashMap;

pub(super) fn check_file(file: &File, diags: &mut Vec<Diagnostic>) {
    for item in &file.items {
        match item {
            Item::Party(p) => party(p, diags),
            Item::Calendar(c) => calendar(c, diags),
            Item::Service(s) => service(s, diags),
            Item::Agreement(a) => agreement(a, diags),
            Item::Catalogue(c) => catalogue(c, diags),
        }
    }
}

/// Remembers the first statement of each key in a block and reports later ones (E0108).
struct Once {
    seen: HashMap<String, Span>,
    what: &'static str,
}

impl Once {
    fn new(what: &'static str) -> Once {
        Once {
            seen: HashMap::new(),
            what,
        }
    }

    fn see(&mut self, key: &str, span: Span, diags: &mut Vec<Diagnostic>) {
        if let Some(first) = self.seen.get(key) {
            diags.push(
                Diagnostic::new(
                    Code::E0108,
                    span,
                    format!("`{key}` is given twice in this {}", self.what),
                )
                .primary("second one here")
                .label(*first, "first given here")
                .help(format!("keep one `{key}` and remove the other")),
            );
        } else {
            self.seen.insert(key.to_string(), span);
        }
    }
}

fn not_allowed(span: Span, message: String, help: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::E0109, span, message)
        .primary("not allowed here")
        .help(help)
}

fn party(p: &Party, diags: &mut Vec<Diagnostic>) {
    let Some(body) = &p.body else { return };
    let mut once = Once::new("party");
    for s in &body.stmts {
        let key = match &s.kind {
            PartyStmt::Contact(_) => "contact",
            PartyStmt::Address(_) => "address",
            PartyStmt::Description(_) => "description",
            PartyStmt::Subscribes(_) => {
                if p.kind != PartyKind::Customer {
                    diags.push(not_allowed(
                        s.keyword,
                        format!("`subscribes` on {} `{}`", p.kind.keyword(), p.name.value),
                        "only customers subscribe to services; declare the party as `customer`",
                    ));
                }
                "subscribes"
            }
        };
        once.see(key, s.span, diags);
    }
}

fn service(sv: &Service, diags: &mut Vec<Diagnostic>) {
    let Some(body) = &sv.body else { return };
    let mut once = Once::new("service");
    for s in &body.stmts {
        match &s.kind {
            ServiceStmt::Description(_) => once.see("description", s.span, diags),
            ServiceStmt::Owner(_) => once.see("owner", s.span, diags),
            ServiceStmt::DependsOn(_) => {}
        }
    }
}

fn days_text(days: &[DaySpec], shift: bool) -> String {
    let name = |d: Weekday| {
        let d = if shift { d.succ() } else { d };
        crate::written::weekday(d)
    };
    days.iter()
        .map(|d| {
            if d.first == d.last {
                name(d.first).to_string()
            } else {
                format!("{}-{}", name(d.first), name(d.last))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// E0102 for a 24:00 start, E0104 for an end not after the start. True when usable.
fn interval_ok(iv: &Interval, days: Option<&[DaySpec]>, diags: &mut Vec<Diagnostic>) -> bool {
    if iv.start.value == INVALID_TIME || iv.end.value == INVALID_TIME {
        return false;
    }
    if iv.start.value == 1440 {
        diags.push(
            Diagnostic::new(
                Code::E0102,
                iv.start.span,
                "`24:00` cannot start an interval",
            )
            .primary("24:00 is the end of the day")
            .help("start the interval at `00:00` of the next day"),
        );
        return false;
    }
    if iv.end.value > iv.start.value {
        return true;
    }
    let (s, e) = (hhmm(iv.start.value), hhmm(iv.end.value));
    let help = match days {
        Some(days) if iv.end.value < iv.start.value => format!(
            "a window that crosses midnight is written as two rules: `{} {s}-24:00` and `{} 00:00-{e}`",
            days_text(days, false),
            days_text(days, true)
        ),
        Some(_) | None if iv.end.value < iv.start.value => format!(
            "the end must be after the start; a window that crosses midnight is split at 24:00 (`{s}-24:00`)"
        ),
        _ => "the end must be after the start; an empty interval opens nothing".to_string(),
    };
    diags.push(
        Diagnostic::new(
            Code::E0104,
            iv.span,
            format!("interval `{s}-{e}` ends before it starts"),
        )
        .primary(if iv.start.value == iv.end.value {
            "empty interval"
        } else {
            "crosses midnight"
        })
        .help(help),
    );
    if iv.start.value == iv.end.value {
        if let Some(d) = diags.last_mut() {
            d.message = format!("interval `{s}-{e}` is empty");
        }
    }
    false
}

fn calendar(c: &Calendar, diags: &mut Vec<Diagnostic>) {
    let mut once = Once::new("calendar");
    // Per weekday: the intervals seen so far and the rule they came from.
    let mut week: HashMap<Weekday, Vec<(u16, u16, Span)>> = HashMap::new();
    for s in &c.body.stmts {
        match &s.kind {
            CalendarStmt::Timezone(_) => once.see("timezone", s.span, diags),
            CalendarStmt::Description(_) => once.see("description", s.span, diags),
            CalendarStmt::Closed { part, .. } => {
                if let Some(iv) = part {
                    interval_ok(iv, None, diags);
                }
            }
            CalendarStmt::Hours { days, intervals } => {
                let mut overlap: Option<Span> = None;
                let mut mine: Vec<(Weekday, u16, u16)> = Vec::new();
                for iv in intervals {
                    if !interval_ok(iv, Some(days), diags) {
                        continue;
                    }
                    for d in days {
                        for day in d.days() {
                            mine.push((day, iv.start.value, iv.end.value));
                        }
                    }
                }
                for (day, start, end) in mine {
                    let seen = week.entry(day).or_default();
                    if let Some(&(_, _, other)) =
                        seen.iter().find(|(s0, e0, _)| start < *e0 && *s0 < end)
                    {
                        overlap.get_or_insert(other);
                    }
                    seen.push((start, end, s.span));
                }
                if let Some(other) = overlap {
                    let mut d = Diagnostic::new(
                        Code::W0110,
                        s.span,
                        format!("hours overlap in calendar `{}`", c.name.value),
                    )
                    .primary("overlaps hours already given")
                    .help(
                        "the overlapping hours are merged; remove the overlap to say what you mean",
                    );
                    if other != s.span {
                        d = d.label(other, "these hours");
                    }
                    diags.push(d);
                }
            }
        }
    }
}

fn agreement(a: &Agreement, diags: &mut Vec<Diagnostic>) {
    let level = a
        .body
        .stmts
        .iter()
        .find_map(|s| match &s.kind {
            AgreementStmt::Level(l) => Some(l.value),
            _ => None,
        })
        .unwrap_or(Level::Service);
    let at = At {
        kind: a.kind,
        name: &a.name.value,
        level,
        place: Place::Agreement,
    };
    body(&at, &a.body, diags);
    currencies(&a.name.value, &a.body, diags);
}

/// A catalogue: each package's statements, and the amounts of each in one currency.
fn catalogue(c: &Catalogue, diags: &mut Vec<Diagnostic>) {
    for p in &c.packages {
        let at = At {
            kind: AgreementKind::Sla,
            name: &p.name.value,
            level: Level::Service,
            place: Place::Package,
        };
        body(&at, &p.body, diags);
        currencies(&p.name.value, &p.body, diags);
    }
}

/// Where a block of agreement statements stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Agreement,
    Region,
    Package,
}

struct At<'a> {
    kind: AgreementKind,
    name: &'a str,
    level: Level,
    place: Place,
}

/// What a package may not say: it is priced terms (targets, support, maintenance,
/// credits, the fee), adopted by SLAs that name their own parties, services and dates.
const NOT_IN_PACKAGE: &str = "a package holds targets, support, maintenance, credits and a fee; \
                              say this in the SLA that adopts the package";

fn body(at: &At<'_>, block: &Block<Stmt<AgreementStmt>>, diags: &mut Vec<Diagnostic>) {
    let what = match at.place {
        Place::Agreement => "agreement",
        Place::Region => "region",
        Place::Package => "package",
    };
    let in_region = at.place == Place::Region;
    let in_package = at.place == Place::Package;
    let mut once = Once::new(what);
    let kind = at.kind.keyword();
    let (name, level) = (at.name, at.level);
    for s in &block.stmts {
        if in_package && !allowed_in_package(&s.kind) {
            diags.push(not_allowed(
                s.keyword,
                format!("`{}` in package `{name}`", s.kind.keyword()),
                NOT_IN_PACKAGE,
            ));
            continue;
        }
        if let Some(key) = lifecycle(at, s, diags) {
            once.see(&key, s.span, diags);
            continue;
        }
        let key: Option<String> = match &s.kind {
            AgreementStmt::Level(_) => {
                if in_region {
                    diags.push(not_allowed(
                        s.keyword,
                        "`level` inside a region".into(),
                        "a region has the level of its agreement; remove `level` here",
                    ));
                } else if at.kind != AgreementKind::Sla {
                    diags.push(not_allowed(
                        s.keyword,
                        format!("`level` in {kind} `{name}`"),
                        "only SLAs have levels (corporate, customer, service); remove `level`",
                    ));
                }
                Some("level".into())
            }
            AgreementStmt::Extends(_) => {
                if in_region {
                    diags.push(not_allowed(
                        s.keyword,
                        "`extends` inside a region".into(),
                        "a region inherits from its agreement; put `extends` on the agreement",
                    ));
                }
                Some("extends".into())
            }
            AgreementStmt::Region(r) => {
                if in_region {
                    diags.push(not_allowed(
                        s.keyword,
                        "a region inside a region".into(),
                        "regions do not nest; declare every region directly in the agreement",
                    ));
                } else {
                    let inner = At {
                        place: Place::Region,
                        ..*at
                    };
                    body(&inner, &r.body, diags);
                }
                Some(format!("region {}", r.name.value))
            }
            AgreementStmt::Customer(_) => {
                if at.kind == AgreementKind::Sla && level == Level::Corporate {
                    diags.push(not_allowed(
                        s.keyword,
                        format!("`customer` in corporate SLA `{name}`"),
                        "a corporate SLA applies to every customer; name the customer in a customer- or service-level SLA that extends it",
                    ));
                }
                Some("customer".into())
            }
            AgreementStmt::Services(_) => {
                if at.kind == AgreementKind::Sla && level != Level::Service {
                    diags.push(not_allowed(
                        s.keyword,
                        format!("`services` in {} SLA `{name}`", level.keyword()),
                        format!("a {} SLA covers all services; list services in a service-level SLA that extends it", level.keyword()),
                    ));
                }
                Some("services".into())
            }
            AgreementStmt::Provider(_) => Some("provider".into()),
            AgreementStmt::Valid { .. } => Some("valid".into()),
            AgreementStmt::Timezone(_) => Some("timezone".into()),
            AgreementStmt::Fee(_) => Some("fee".into()),
            AgreementStmt::ReviewEvery(_) => Some("review every".into()),
            AgreementStmt::Reviewed(_) => Some("reviewed".into()),
            AgreementStmt::Support(b) => {
                support(b, diags);
                Some("support".into())
            }
            AgreementStmt::Maintenance(b) => {
                let mut m = Once::new("maintenance block");
                for st in &b.stmts {
                    let k = match st.kind {
                        MaintenanceStmt::During(_) => "during",
                        MaintenanceStmt::Notice(_) => "notice",
                        MaintenanceStmt::Max(_) => "max",
                        MaintenanceStmt::MaxPerYear(_) => "max per year",
                    };
                    m.see(k, st.span, diags);
                }
                Some("maintenance".into())
            }
            AgreementStmt::Cap(_) => Some("cap".into()),
            AgreementStmt::DependencyOutages(_) => Some("dependency outages".into()),
            AgreementStmt::FiscalYear(_) => Some("fiscal year".into()),
            AgreementStmt::ClaimWithin(_) => Some("claim within".into()),
            AgreementStmt::Claims(b) => {
                let mut m = Once::new("claims block");
                for st in &b.stmts {
                    let k = match st.kind {
                        ClaimsStmt::Within(_) | ClaimsStmt::WithinAfterCycle(_) => {
                            // The claim window once, whichever way it is written.
                            once.see("claim within", st.span, diags);
                            "within"
                        }
                        ClaimsStmt::To(_) => "to",
                        ClaimsStmt::With(_) => "with",
                        ClaimsStmt::CreditedAs(_) => "credited as",
                        ClaimsStmt::Minimum(..) => "minimum",
                    };
                    m.see(k, st.span, diags);
                }
                Some("claims".into())
            }
            AgreementStmt::Exclude { id, .. } => Some(format!("exclude {}", id.value)),
            AgreementStmt::Penalty(p) => {
                let mut m = Once::new("penalty");
                for st in &p.body.stmts {
                    match st.kind {
                        PenaltyStmt::EachBreach { .. } => m.see("each breach", st.span, diags),
                        PenaltyStmt::Basis(_) => m.see("of fees for", st.span, diags),
                        PenaltyStmt::PerItem(_) => m.see("per", st.span, diags),
                        PenaltyStmt::Tier { .. } => {}
                    }
                }
                Some(format!("penalty on {}", penalty_key(&p.on.value)))
            }
            AgreementStmt::Objective(o) => Some(objective(o, diags)),
            // Notes repeat freely; the rest is handled by `lifecycle` above.
            AgreementStmt::Note(_)
            | AgreementStmt::Package(_)
            | AgreementStmt::Status(_)
            | AgreementStmt::Version { .. }
            | AgreementStmt::History(_)
            | AgreementStmt::Requirements(_)
            | AgreementStmt::Proposed(_)
            | AgreementStmt::Approved { .. }
            | AgreementStmt::Signed { .. }
            | AgreementStmt::Terminated { .. } => None,
        };
        if let Some(key) = key {
            once.see(&key, s.span, diags);
        }
    }
}

fn allowed_in_package(s: &AgreementStmt) -> bool {
    matches!(
        s,
        AgreementStmt::Objective(_)
            | AgreementStmt::Support(_)
            | AgreementStmt::Maintenance(_)
            | AgreementStmt::Penalty(_)
            | AgreementStmt::Cap(_)
            | AgreementStmt::Fee(_)
            | AgreementStmt::Exclude { .. }
            | AgreementStmt::Note(_)
            | AgreementStmt::Claims(_)
            | AgreementStmt::ClaimWithin(_)
            | AgreementStmt::Timezone(_)
            | AgreementStmt::FiscalYear(_)
    )
}

/// The lifecycle statements and `package`: the agreement's own, never in a region (a
/// region shares its agreement's contract) and `package` only in an SLA. Returns the
/// E0108 key of a lifecycle statement, `None` for any other.
fn lifecycle(at: &At<'_>, s: &Stmt<AgreementStmt>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let key = match &s.kind {
        AgreementStmt::Package(_) => "package".to_string(),
        AgreementStmt::Signed { party, .. } => format!("signed by {}", party.value),
        AgreementStmt::History(b) => {
            let mut seen = Once::new("history");
            for st in &b.stmts {
                seen.see(
                    &format!("version {}", st.kind.version.value),
                    st.span,
                    diags,
                );
            }
            "history".to_string()
        }
        AgreementStmt::Status(_)
        | AgreementStmt::Version { .. }
        | AgreementStmt::Requirements(_)
        | AgreementStmt::Proposed(_)
        | AgreementStmt::Approved { .. }
        | AgreementStmt::Terminated { .. } => s.kind.keyword().to_string(),
        _ => return None,
    };
    let word = s.kind.keyword();
    if at.place == Place::Region {
        let help = if word == "package" {
            "a region adjusts the terms of its agreement's package; put `package` on the agreement"
        } else {
            "a region is part of its agreement's contract and shares its lifecycle; put this on the agreement"
        };
        diags.push(not_allowed(
            s.keyword,
            format!("`{word}` inside a region"),
            help,
        ));
    } else if word == "package" && at.kind != AgreementKind::Sla {
        diags.push(not_allowed(
            s.keyword,
            format!("`package` in {} `{}`", at.kind.keyword(), at.name),
            "catalogue packages are service levels sold to customers; only SLAs adopt them",
        ));
    }
    Some(key)
}

fn penalty_key(on: &PenaltyOn) -> String {
    match on {
        PenaltyOn::Availability => "availability".into(),
        PenaltyOn::Latency => "latency".into(),
        PenaltyOn::Outcome(id) => format!("outcome {}", id.value),
        PenaltyOn::Incident(id, d) => format!("incident {} {}", id.value, d.value.keyword()),
        PenaltyOn::Request(id, d) => format!("request {} {}", id.value, d.value.keyword()),
        PenaltyOn::Update(kind, id) => format!("{} {} update", kind.keyword(), id.value),
    }
}

/// Checks an objective's own block and returns its key (kind, id, service).
fn objective(o: &super::ast::Objective, diags: &mut Vec<Diagnostic>) -> String {
    let mut once = Once::new("objective");
    let mut service = None;
    for st in &o.body.stmts {
        let k = match &st.kind {
            ObjectiveStmt::Target { within, .. } => {
                if let (Some(w), false) = (within, o.kind == ObjectiveKind::Latency) {
                    diags.push(not_allowed(
                        w.span,
                        format!("`within` in an {} objective", o.kind.keyword()),
                        "only latency objectives have a threshold; remove `within …`",
                    ));
                }
                "target"
            }
            ObjectiveStmt::Window(_) => "window",
            ObjectiveStmt::During(_) => "during",
            ObjectiveStmt::MeasuredBy(_) => "measured by",
            ObjectiveStmt::Downtime(b) => {
                if o.kind != ObjectiveKind::Availability {
                    diags.push(not_allowed(
                        st.keyword,
                        format!("`downtime` in a {} objective", o.kind.keyword()),
                        "only availability objectives count downtime; remove the `downtime` block",
                    ));
                }
                let mut d = Once::new("downtime block");
                for s in &b.stmts {
                    let k = match s.kind {
                        super::ast::DowntimeStmt::AtLeast(_) => "at least",
                        super::ast::DowntimeStmt::ErrorsAbove { .. } => "errors above",
                        super::ast::DowntimeStmt::AverageErrorRate(_) => "average error rate",
                    };
                    d.see(k, s.span, diags);
                }
                "downtime"
            }
            ObjectiveStmt::Service(id) => {
                service = Some(id.value.clone());
                "service"
            }
            ObjectiveStmt::Indicator(ind) => {
                let mut i = Once::new("indicator");
                for s in &ind.body.stmts {
                    let k = match s.kind {
                        IndicatorStmt::Errors(_) => "errors",
                        IndicatorStmt::Good(_) => "good",
                        IndicatorStmt::Total(_) => "total",
                        IndicatorStmt::Histogram(_) => "histogram",
                    };
                    i.see(k, s.span, diags);
                }
                "indicator"
            }
        };
        once.see(k, st.span, diags);
    }
    let mut key = o.kind.keyword().to_string();
    if let Some(id) = &o.id {
        key = format!("{key} {}", id.value);
    }
    if let Some(s) = service {
        key = format!("{key} for service {s}");
    }
    key
}

fn support(b: &Block<Stmt<SupportStmt>>, diags: &mut Vec<Diagnostic>) {
    let mut once = Once::new("support block");
    for st in &b.stmts {
        match &st.kind {
            SupportStmt::During(_) => once.see("during", st.span, diags),
            SupportStmt::Escalation(_) => once.see("escalation", st.span, diags),
            SupportStmt::Target(t) => {
                let kind = t.kind.keyword();
                once.see(&format!("{kind} {}", t.id.value), st.span, diags);
                let mut inner = Once::new(kind);
                for s in &t.body.stmts {
                    let k = match &s.kind {
                        TargetStmt::During(_) => "during",
                        TargetStmt::Update(_) => "update every",
                        TargetStmt::Escalation(_) => "escalation",
                        TargetStmt::Deadline { which, .. } => {
                            let allowed = match t.kind {
                                TargetKind::Incident => *which != Deadline::Fulfil,
                                TargetKind::Request => *which == Deadline::Fulfil,
                            };
                            if !allowed {
                                let help = if t.kind == TargetKind::Incident {
                                    "incidents have `response` and `resolve`; `fulfil` is for requests"
                                } else {
                                    "requests have `fulfil`; `response` and `resolve` are for incidents"
                                };
                                diags.push(not_allowed(
                                    s.keyword,
                                    format!("`{}` in {kind} `{}`", which.keyword(), t.id.value),
                                    help,
                                ));
                            }
                            which.keyword()
                        }
                    };
                    inner.see(k, s.span, diags);
                }
            }
        }
    }
}

/// E0107: the fee and the credit amounts of one agreement (regions included) must share
/// one currency. Reported once per agreement, at the first amount that differs.
fn currencies(name: &str, block: &Block<Stmt<AgreementStmt>>, diags: &mut Vec<Diagnostic>) {
    let mut amounts: Vec<(String, Span)> = Vec::new();
    collect_amounts(block, &mut amounts);
    let amounts: Vec<(&str, Span)> = amounts.iter().map(|(c, s)| (c.as_str(), *s)).collect();
    diags.extend(mixed_currencies(
        &amounts,
        |first, other| format!("agreement `{name}` mixes currencies: {first} and {other}"),
        &format!("state the fee and every credit amount of `{name}` in one currency"),
    ));
}

/// E0107, the one rule: the amounts of one agreement, in the order they are written, must
/// share the first one's currency. Checked as written (here) and after inheritance
/// (`check::agreement`), with the message of each place; reported at the first that differs.
pub(crate) fn mixed_currencies(
    amounts: &[(&str, Span)],
    message: impl FnOnce(&str, &str) -> String,
    help: &str,
) -> Option<Diagnostic> {
    let &(first, first_span) = amounts.first()?;
    let &(other, span) = amounts.iter().find(|(c, _)| *c != first)?;
    Some(
        Diagnostic::new(Code::E0107, span, message(first, other))
            .primary(format!("in {other}"))
            .label(first_span, format!("in {first}"))
            .help(help.to_string()),
    )
}

fn collect_amounts(block: &Block<Stmt<AgreementStmt>>, out: &mut Vec<(String, Span)>) {
    for s in &block.stmts {
        match &s.kind {
            AgreementStmt::Fee(f) => {
                if let crate::syntax::ast::Fee::Fixed { money: m, .. } = &f.value {
                    out.push((m.value.currency.value.clone(), m.value.currency.span));
                }
            }
            AgreementStmt::Penalty(p) => {
                for st in &p.body.stmts {
                    let credit = match &st.kind {
                        PenaltyStmt::Tier { credit, .. } | PenaltyStmt::EachBreach { credit } => {
                            credit
                        }
                        PenaltyStmt::Basis(_) | PenaltyStmt::PerItem(_) => continue,
                    };
                    if let Credit::Amount(m) = &credit.value {
                        out.push((m.currency.value.clone(), m.currency.span));
                    }
                }
            }
            AgreementStmt::Claims(b) => {
                for st in &b.stmts {
                    if let ClaimsStmt::Minimum(m, _) = &st.kind {
                        out.push((m.value.currency.value.clone(), m.value.currency.span));
                    }
                }
            }
            AgreementStmt::Region(r) => collect_amounts(&r.body, out),
            _ => {}
        }
    }
}
