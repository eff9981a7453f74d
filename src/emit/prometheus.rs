//! `prometheus/<agreement>.rules.yml`: Sloth-style recording rules and multi-window
//! multi-burn-rate alerts for every objective with `indicator prometheus`
//! (docs/monitoring.md). One group per objective, so that the recordings are evaluated
//! before the alerts that read them. Built as a `yaml::Yaml` tree and written by its one
//! emitter: deterministic bytes, and every string and comment escaped there, so no text
//! from a `.sla` file can end a line.

use super::backend::{Backend, Context, EmitError};
use super::names;
use super::slo::{self, at, fixed, prom_duration, Slo};
use super::yaml::{File, Map, Yaml};
use crate::model::Portfolio;
use crate::output::Artifact;
use rust_decimal::Decimal;
use std::fmt::Write as _;

pub(super) struct Prometheus;

/// The short windows every objective gets, as Sloth names them.
pub(super) const WINDOWS: [(&str, i64); 7] = [
    ("5m", 300_000),
    ("30m", 1_800_000),
    ("1h", 3_600_000),
    ("2h", 7_200_000),
    ("6h", 21_600_000),
    ("1d", 86_400_000),
    ("3d", 259_200_000),
];

/// One multi-window condition: the share of the budget it stands for, the long and the
/// short window (Google SRE workbook, "Alerting on SLOs").
pub(super) struct Burn {
    pub share_percent: u32,
    pub long: (&'static str, i64),
    pub short: &'static str,
}

/// How long the indicator may return nothing before `SlaIndicatorAbsent` pages: three
/// minutes, as Pyrra does (long enough for a scrape or two to fail, short enough that a
/// renamed metric is noticed the same hour).
pub(super) const ABSENT_FOR_MS: i64 = 180_000;

/// Page: 2% of the budget in 1h (checked over 5m), 5% in 6h (30m). The 1h is
/// `periods::SHORTEST_BURN_WINDOW_MS`, what W0509 warns about.
pub(super) const PAGE: [Burn; 2] = [
    Burn {
        share_percent: 2,
        long: ("1h", 3_600_000),
        short: "5m",
    },
    Burn {
        share_percent: 5,
        long: ("6h", 21_600_000),
        short: "30m",
    },
];

/// Ticket: 10% of the budget in 1d (2h), 10% in 3d (6h).
pub(super) const TICKET: [Burn; 2] = [
    Burn {
        share_percent: 10,
        long: ("1d", 86_400_000),
        short: "2h",
    },
    Burn {
        share_percent: 10,
        long: ("3d", 259_200_000),
        short: "6h",
    },
];

/// The burn-rate factor: share of the budget × counted time of the period (the window
/// at any hour, the service hours `during` a calendar) / long window, exact.
pub(super) fn factor(share_percent: u32, window_ms: i64, long_ms: i64) -> Decimal {
    Decimal::from(share_percent) * Decimal::from(window_ms)
        / (Decimal::ONE_HUNDRED * Decimal::from(long_ms))
}

impl Backend for Prometheus {
    fn name(&self) -> &'static str {
        "prometheus"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context) -> Result<Vec<Artifact>, EmitError> {
        Ok(slo::collect(portfolio, ctx.today)
            .into_iter()
            .map(|(a, slos)| {
                Artifact::text(
                    format!("prometheus/{}.rules.yml", a.name),
                    rules_file(&slos),
                )
            })
            .collect())
    }
}

/// `prometheus-operator/`: the same rule groups as a Kubernetes `PrometheusRule` per
/// agreement, for clusters that load rules through the Prometheus Operator.
pub(super) struct PrometheusOperator;

impl Backend for PrometheusOperator {
    fn name(&self) -> &'static str {
        "prometheus-operator"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context) -> Result<Vec<Artifact>, EmitError> {
        Ok(slo::collect(portfolio, ctx.today)
            .into_iter()
            .map(|(a, slos)| {
                let metadata = Map::new()
                    .with(
                        "name",
                        Yaml::str(names::dns_label(&[a.name.as_str()])),
                    )
                    .with(
                        "labels",
                        Map::new()
                            .with("app.kubernetes.io/managed-by", Yaml::str("slac"))
                            .build(),
                    );
                let doc = Map::new()
                    .with("apiVersion", Yaml::Plain("monitoring.coreos.com/v1"))
                    .with("kind", Yaml::Plain("PrometheusRule"))
                    .with("metadata", metadata.build())
                    .with(
                        "spec",
                        Map::new()
                            .with("groups", Yaml::seq(all_groups(&slos)))
                            .build(),
                    );
                let text = File {
                    comments: header_comments(
                        &slos,
                        "Apply with `kubectl apply -f`; the Prometheus Operator loads it (docs/monitoring.md).",
                    ),
                    explicit_start: false,
                    documents: vec![doc.build()],
                }
                .render();
                Artifact::text(format!("prometheus-operator/{}.yaml", a.name), text)
            })
            .collect())
    }
}

/// Every group of an agreement's file: each objective's two groups, then the generic
/// recordings.
fn all_groups(slos: &[Slo<'_>]) -> Vec<Yaml> {
    let mut out: Vec<Yaml> = slos.iter().flat_map(groups).collect();
    out.push(generic(slos));
    out
}

fn rules_file(slos: &[Slo<'_>]) -> String {
    let groups = Yaml::seq(all_groups(slos));
    File {
        comments: header_comments(
            slos,
            "Load with `rule_files:` in prometheus.yml; see docs/monitoring.md.",
        ),
        explicit_start: false,
        documents: vec![Map::new().with("groups", groups).build()],
    }
    .render()
}

/// An instant as `2026-03-01T00:00Z`.
fn utc(t: crate::time::Instant) -> String {
    t.to_utc().map_or_else(
        || t.millis().to_string(),
        |d| d.format("%Y-%m-%dT%H:%MZ").to_string(),
    )
}

/// The header of a rules file: where it comes from, and each objective in words.
fn header_comments(slos: &[Slo<'_>], load: &str) -> Vec<String> {
    let mut comments = Vec::new();
    let a = slos[0].agreement;
    comments.push(format!(
        "Generated by slac from {} {} \u{201c}{}\u{201d}; do not edit, rebuild.",
        a.kind.keyword(),
        a.name,
        a.title
    ));
    comments.push(load.to_string());
    for s in slos {
        let mut line = names::objective(s);
        if let Some(r) = s.region {
            let _ = write!(line, " (region {})", r.name);
        }
        let _ = write!(
            line,
            ": {} per {}, window here {}",
            s.target_text,
            s.window_text(),
            prom_duration(s.window_ms)
        );
        if s.counted_ms != s.window_ms {
            let _ = write!(
                line,
                ", budget spread over {} of service hours",
                crate::emit::view::format::duration(s.counted_ms)
            );
        }
        if let Some(a) = &s.allowance {
            let _ = write!(
                line,
                ", allowance in {}: {} of downtime",
                a.label(),
                crate::emit::view::format::duration(a.printed_ms())
            );
        }
        if s.during == "always" {
            line.push_str("; during always: alerts apply at all hours.");
        } else {
            let _ = write!(
                line,
                "; during {cal}: only traffic in its service hours counts, and its alerts fire \
                 only then, through the gate {gate}{{calendar=\"{cal}\"}}",
                cal = s.during,
                gate = names::CALENDAR_GATE,
            );
            if let Some(g) = &s.gate {
                let _ = write!(
                    line,
                    ", the calendar from {} to {} (UTC); past that it keeps the weekly hours \
                     at the last UTC offset and knows no closure, so rebuild each period",
                    utc(g.from),
                    utc(g.to)
                );
            }
            let _ = write!(
                line,
                ". Route them with active_time_intervals [{cal}] and mute_time_intervals \
                 [{closed}] from alertmanager/time_intervals.yml too.",
                cal = s.during,
                closed = names::closed_interval(&s.during)
            );
        }
        comments.push(line);
    }
    comments
}

fn labels(s: &Slo<'_>, extra: &[(&str, String)]) -> Yaml {
    let mut m = Map::new();
    for (k, v) in s.labels().iter().chain(extra.iter()) {
        m.push(*k, Yaml::str(v));
    }
    m.build()
}

fn record(s: &Slo<'_>, name: &str, expr: &str, extra: &[(&str, String)]) -> Yaml {
    Map::new()
        .with("record", Yaml::str(name))
        .with("expr", Yaml::str(expr))
        .with("labels", labels(s, extra))
        .build()
}

/// Text from a `.sla` file inside an annotation, where `{{` would start a Go template.
fn literal(s: &str) -> String {
    s.replace("{{", "{{\"{{\"}}")
}

/// The windows of [`WINDOWS`] from 1d on, and the objective's own window when it is at
/// least that long, are recorded in the slower group ([`LONG_INTERVAL`]).
const LONG_FROM_MS: i64 = 86_400_000;

/// How often the long windows are evaluated: as Pyrra does, under Prometheus's five-minute
/// lookback, so a reader in the fast group always finds a sample, yet a `rate` over 30 or
/// 92 days is computed a fifth as often as at a 30s global interval.
pub(super) const LONG_INTERVAL_MS: i64 = 150_000;

/// An objective's groups: its recordings and alerts, then its long windows.
fn groups(s: &Slo<'_>) -> [Yaml; 2] {
    let name = names::prometheus_group(s);
    let mut rules = Vec::new();
    let mut long = Vec::new();
    let sel = s.selector();
    let window = prom_duration(s.window_ms);
    // While the `during` calendar is open, and while it was five minutes ago: a sample
    // of a 5m rate then holds traffic of service hours only. `gate` is the condition
    // the alerts are gated by.
    let gate = s.gate.as_ref().map(|g| {
        rules.push(record(
            s,
            names::CALENDAR_GATE,
            &super::gate::promql(&g.wall),
            &[("calendar", s.during.clone())],
        ));
        format!("{gate}{sel} == 1", gate = names::CALENDAR_GATE)
    });
    if let Some(open) = &gate {
        let errors = match (&s.errors, &s.good) {
            (Some(e), _) => format!("({}) or (0 * ({}))", at(e, "5m"), at(&s.total, "5m")),
            (None, Some(g)) => format!(
                "({total}) - (({}) or (0 * ({total})))",
                at(g, "5m"),
                total = at(&s.total, "5m")
            ),
            (None, None) => String::new(),
        };
        let then = format!("{}{sel} offset 5m == 1", names::CALENDAR_GATE);
        for (n, e) in [
            ("slac:sli_errors:rate5m", errors),
            ("slac:sli_requests:rate5m", at(&s.total, "5m")),
        ] {
            rules.push(record(
                s,
                n,
                &format!("({e}) and on() ({open}) and on() ({then})"),
                &[],
            ));
        }
    }

    // The error ratio over each window; an objective counted during service hours sums
    // the gated 5m rates over the window, traffic-weighted.
    let mut windows: Vec<(&str, i64)> = WINDOWS.to_vec();
    if !windows.iter().any(|(w, _)| *w == window.as_str()) {
        windows.push((&window, s.window_ms));
    }
    for (w, ms) in &windows {
        let expr = match (&gate, *w) {
            (None, _) => at(&s.error_ratio, w),
            (Some(_), "5m") => {
                format!("slac:sli_errors:rate5m{sel} / slac:sli_requests:rate5m{sel}")
            }
            (Some(_), w) => format!(
                "sum_over_time(slac:sli_errors:rate5m{sel}[{w}]) / sum_over_time(slac:sli_requests:rate5m{sel}[{w}])"
            ),
        };
        let rule = record(s, &format!("slac:sli_error:ratio_rate{w}"), &expr, &[]);
        if *ms >= LONG_FROM_MS {
            long.push(rule);
        } else {
            rules.push(rule);
        }
    }

    // What the objective is, and how much of its budget is left.
    let budget = s.budget.to_string();
    let days = fixed(Decimal::from(s.window_ms) / Decimal::from(86_400_000));
    let meta = [
        ("slac:objective:ratio", format!("vector({})", s.target)),
        ("slac:error_budget:ratio", format!("vector({budget})")),
        ("slac:time_period:days", format!("vector({days})")),
        (
            "slac:current_burn_rate:ratio",
            format!("slac:sli_error:ratio_rate5m{sel} / {budget}"),
        ),
        (
            "slac:period_burn_rate:ratio",
            format!("slac:sli_error:ratio_rate{window}{sel} / {budget}"),
        ),
        (
            "slac:period_error_budget_remaining:ratio",
            format!("1 - slac:period_burn_rate:ratio{sel}"),
        ),
    ];
    // Burn rates divide by the budget: a 100% target has none, and no burn rate. The
    // period's burn rate reads the period's ratio, in the long group after it.
    let burn_rates = if s.budget.is_zero() { 3 } else { 6 };
    for (i, (n, e)) in meta[..burn_rates].iter().enumerate() {
        let rule = record(s, n, e, &[]);
        if i >= 4 && s.window_ms >= LONG_FROM_MS {
            long.push(rule);
        } else {
            rules.push(rule);
        }
    }
    rules.push(record(
        s,
        "slac_slo_info",
        "vector(1)",
        &[
            ("target", s.target_text.clone()),
            ("window", s.window_text()),
            ("during", s.during.clone()),
        ],
    ));

    // The alerts.
    // Alerts of an objective counted during service hours fire only in them.
    let gated = |expr: String| match &gate {
        Some(open) => format!("({expr}) and on() ({open})"),
        None => expr,
    };
    let mut extra = Vec::new();
    if s.during != "always" {
        extra.push(("during", s.during.clone()));
    }
    let contract = format!(
        "{} ({}) promises {} of {} per {}",
        literal(&s.agreement_title()),
        s.agreement.name,
        literal(&s.title()),
        s.target_text,
        s.window_text()
    );
    for (alert, severity, burns) in [
        ("SlaErrorBudgetBurnPage", "page", &PAGE),
        ("SlaErrorBudgetBurnTicket", "ticket", &TICKET),
    ] {
        // A burn rate needs a budget, and a long window inside the objective's: a 100%
        // target or a window shorter than the alert's gets none of these (W0509), and
        // the breach alert below instead.
        if s.budget.is_zero() {
            continue;
        }
        let burns: Vec<&Burn> = burns.iter().filter(|b| b.long.1 <= s.window_ms).collect();
        if burns.is_empty() {
            continue;
        }
        let mut conditions = Vec::new();
        let mut spent = Vec::new();
        for b in burns {
            let f = fixed(factor(b.share_percent, s.counted_ms, b.long.1));
            conditions.push(format!(
                "(slac:sli_error:ratio_rate{long}{sel} > ({f} * {budget}) and slac:sli_error:ratio_rate{short}{sel} > ({f} * {budget}))",
                long = b.long.0,
                short = b.short,
            ));
            spent.push(format!(
                "{}% of the budget in {} (burn rate above {f}\u{d7})",
                b.share_percent, b.long.0
            ));
        }
        let mut l = extra.clone();
        l.push(("severity", severity.to_string()));
        let rule = Map::new()
            .with("alert", Yaml::str(alert))
            .with("expr", Yaml::str(gated(conditions.join(" or "))))
            .with("labels", labels(s, &l));
        rules.push(annotations(
            rule,
            s,
            &format!(
                "{}: {} is burning its error budget too fast",
                literal(&s.agreement_title()),
                literal(&s.title())
            ),
            &format!(
                "{contract}, an error budget of {budget} over {window}. At the current error ratio it would spend {}.",
                spent.join(" or ")
            ),
        ));
    }
    if s.budget.is_zero() || s.window_ms < crate::model::periods::SHORTEST_BURN_WINDOW_MS {
        // No burn rate to alert on: page when the objective is being missed right now.
        let mut l = extra.clone();
        l.push(("severity", "page".to_string()));
        let window = if s.window_ms < WINDOWS[0].1 {
            WINDOWS[0].0.to_string()
        } else {
            prom_duration(s.window_ms)
        };
        let rule = Map::new()
            .with("alert", Yaml::str("SlaObjectiveMissed"))
            .with(
                "expr",
                Yaml::str(gated(format!(
                    "slac:sli_error:ratio_rate{window}{sel} > {budget}"
                ))),
            )
            .with("labels", labels(s, &l));
        rules.push(annotations(
            rule,
            s,
            &format!(
                "{}: {} is being missed",
                literal(&s.agreement_title()),
                literal(&s.title())
            ),
            &format!(
                "{contract}. Its error ratio over {window} is above the {budget} it allows; the objective leaves no budget to burn, so there is no burn-rate alert."
            ),
        ));
    }
    // Silence is not compliance: page within minutes when the indicator disappears.
    let mut l = extra;
    l.push(("severity", "page".to_string()));
    let rule = Map::new()
        .with("alert", Yaml::str("SlaIndicatorAbsent"))
        .with("expr", Yaml::str(format!("absent({})", at(&s.total, "5m"))))
        .with("for", Yaml::str(prom_duration(ABSENT_FOR_MS)))
        .with("labels", labels(s, &l));
    rules.push(annotations(
        rule,
        s,
        &format!(
            "{}: the indicator of {} has no data",
            literal(&s.agreement_title()),
            literal(&s.title())
        ),
        &format!(
            "{contract}. Its total query has returned nothing for {}: the series is gone (a renamed metric, a broken scrape), and without it no budget is measured.",
            prom_duration(ABSENT_FOR_MS)
        ),
    ));
    let long_group = Map::new()
        .with("name", Yaml::str(names::prometheus_long_group(s)))
        .with("interval", Yaml::str(prom_duration(LONG_INTERVAL_MS)))
        .with("rules", Yaml::seq(long))
        .build();
    [
        Map::new()
            .with("name", Yaml::str(name))
            .with("rules", Yaml::seq(rules))
            .build(),
        long_group,
    ]
}

/// The generic recordings (Pyrra's "generic rules"): one name per quantity whatever the
/// objective, with its identity labels, so a dashboard or a query across every agreement
/// reads `slac:availability:ratio` instead of a name per window.
fn generic(slos: &[Slo<'_>]) -> Yaml {
    let mut rules = Vec::new();
    for s in slos {
        let sel = s.selector();
        let window = prom_duration(s.window_ms);
        rules.push(record(
            s,
            "slac:slo_target",
            &format!("vector({})", s.target),
            &[],
        ));
        rules.push(record(
            s,
            "slac:availability:ratio",
            &format!("1 - slac:sli_error:ratio_rate{window}{sel}"),
            &[],
        ));
        if !s.budget.is_zero() {
            rules.push(record(
                s,
                "slac:error_budget_remaining:ratio",
                &format!("slac:period_error_budget_remaining:ratio{sel}"),
                &[],
            ));
        }
    }
    Map::new()
        .with(
            "name",
            Yaml::str(names::prometheus_generic_group(&slos[0].agreement.name)),
        )
        .with("rules", Yaml::seq(rules))
        .build()
}

/// `rule` with its annotations.
fn annotations(rule: Map, s: &Slo<'_>, summary: &str, description: &str) -> Yaml {
    let mut notes = Map::new();
    for (k, v) in [
        ("summary", summary.to_string()),
        ("description", description.to_string()),
        ("agreement_title", literal(&s.agreement_title())),
        ("target", s.target_text.clone()),
        ("window", s.window_text()),
    ] {
        notes.push(k, Yaml::str(v));
    }
    rule.with("annotations", notes.build()).build()
}
