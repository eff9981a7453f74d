//! `openslo/<agreement>.yaml`: `OpenSLO` v1 documents for the agreement's monitored
//! objectives: one `Service` per service, one `SLI` (a `ratioMetric` of Prometheus
//! queries, `{{window}}` set to 5m) and one `SLO` per objective and service, with a
//! calendar window in the agreement's zone or a rolling one, `Occurrences` budgeting
//! and the target as a ratio. Names are DNS labels: `_` becomes `-`.

use super::backend::{Backend, Context, EmitError};
use super::names;
use super::slo::{self, at, Slo};
use super::yaml::{File, Map, Yaml};
use crate::model::{Portfolio, Window};
use crate::output::Artifact;
use chrono::NaiveDate;

pub(super) struct OpenSlo;

impl Backend for OpenSlo {
    fn name(&self) -> &'static str {
        "openslo"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context) -> Result<Vec<Artifact>, EmitError> {
        Ok(slo::collect(portfolio, ctx.today)
            .into_iter()
            .map(|(a, slos)| {
                Artifact::text(format!("openslo/{}.yaml", a.name), file(portfolio, &slos))
            })
            .collect())
    }
}

/// A service's name: [`names::dns_label`] of its id.
fn dns(s: &str) -> String {
    names::dns_label(&[s])
}

/// The parts that name an objective's SLI: the agreement, `in-<region>`, the kind
/// (`availability`, `latency`) or `outcome-<id>`, `for-<service>`. A kind word has no `-`
/// and every other part after the first starts with its own tag, so the parts of two
/// different objectives never read the same (an objective for one service and the
/// per-service SLO of an objective for several add `each-<service>`, another tag).
fn sli_parts(s: &Slo<'_>) -> Vec<String> {
    let mut parts = vec![s.agreement.name.clone()];
    if let Some(r) = s.region {
        parts.push(format!("in-{}", r.name));
    }
    parts.push(match s.objective.kind {
        crate::model::ObjectiveKind::Outcome => format!("outcome-{}", s.objective.id),
        k => k.keyword().to_string(),
    });
    if let Some(svc) = &s.objective.service {
        parts.push(format!("for-{}", svc.value.name));
    }
    parts
}

/// `OpenSLO`'s duration shorthand for the window.
fn duration(w: Window) -> String {
    const MINUTE: i64 = 60_000;
    match w {
        Window::Week => "1w".into(),
        Window::Month => "1M".into(),
        Window::Quarter => "1Q".into(),
        Window::Year => "1Y".into(),
        Window::Rolling(ms) if ms % (24 * 60 * MINUTE) == 0 => {
            format!("{}d", ms / (24 * 60 * MINUTE))
        }
        Window::Rolling(ms) if ms % (60 * MINUTE) == 0 => format!("{}h", ms / (60 * MINUTE)),
        Window::Rolling(ms) => format!("{}m", (ms + MINUTE - 1) / MINUTE),
    }
}

/// 2000-01-03: a Monday, and in the month, quarter and year that start 2000-01-01, so the
/// period that contains it starts a calendar window of any kind on a fixed date.
const ANCHOR: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 3) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// What `OpenSLO` v1 cannot say about an objective, as annotations: its service hours
/// (`during`: an SLO has none, so its budget is counted at all hours) and a rolling window
/// that is not whole minutes (its `duration` is rounded up).
fn limits(s: &Slo<'_>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if s.during != "always" {
        out.push((
            "slac.dev/during",
            format!(
                "{}: the contract counts this objective only in these service hours; OpenSLO has no service hours, so this SLO counts at all hours (slac's Prometheus rules count and alert only in them)",
                s.during
            ),
        ));
    }
    if let Window::Rolling(ms) = s.window {
        if ms % 60_000 != 0 {
            out.push((
                "slac.dev/window",
                format!(
                    "rolling {}: OpenSLO durations are whole minutes, so the duration is rounded up",
                    crate::written::duration(ms)
                ),
            ));
        }
    }
    out
}

/// The services an objective's SLOs are for: its own, else each of the agreement's.
fn services(s: &Slo<'_>) -> Vec<String> {
    if let Some(r) = &s.objective.service {
        return vec![r.value.name.to_string()];
    }
    let all: Vec<String> = s
        .terms
        .service_refs()
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    if all.is_empty() {
        vec![s.agreement.name.clone()]
    } else {
        all
    }
}

/// A document's `apiVersion`, `kind` and `metadata` (`extra` after the names).
fn header(kind: &'static str, name: &str, display: &str, extra: Option<Yaml>) -> Map {
    annotated(kind, name, display, extra, Vec::new())
}

/// [`header`] with `metadata.annotations` when there are any.
fn annotated(
    kind: &'static str,
    name: &str,
    display: &str,
    extra: Option<Yaml>,
    notes: Vec<(&'static str, String)>,
) -> Map {
    let mut metadata = Map::new()
        .with("name", Yaml::str(name))
        .with("displayName", Yaml::str(display));
    if let Some(labels) = extra {
        metadata.push("labels", labels);
    }
    if !notes.is_empty() {
        let mut m = Map::new();
        for (k, v) in notes {
            m.push(k, Yaml::str(v));
        }
        metadata.push("annotations", m.build());
    }
    Map::new()
        .with("apiVersion", Yaml::Plain("openslo/v1"))
        .with("kind", Yaml::Plain(kind))
        .with("metadata", metadata.build())
}

fn file(portfolio: &Portfolio, slos: &[Slo<'_>]) -> String {
    let a = slos[0].agreement;
    let mut comments = vec![format!(
        "Generated by slac from {} {} \u{201c}{}\u{201d}; do not edit, rebuild.",
        a.kind.keyword(),
        a.name,
        a.title
    )];
    let mut documents = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for s in slos {
        for svc in services(s) {
            if seen.contains(&svc) {
                continue;
            }
            let service = portfolio.services.iter().find(|x| x.name == svc);
            let description = service
                .and_then(|x| x.description.clone())
                .unwrap_or_else(|| format!("{svc}, under {} {}", a.kind.keyword(), a.name));
            let doc = header(
                "Service",
                &dns(&svc),
                service.map_or(&svc, |x| &x.title),
                None,
            )
            .with(
                "spec",
                Map::new()
                    .with("description", Yaml::str(description))
                    .build(),
            );
            documents.push(doc.build());
            seen.push(svc);
        }
    }
    for s in slos {
        let parts = sli_parts(s);
        let sli = names::dns_label(&parts.iter().map(String::as_str).collect::<Vec<_>>());
        let display = s
            .objective
            .title
            .clone()
            .unwrap_or_else(|| s.objective.id.clone());
        let mut ratio = Map::new().with("counter", Yaml::Bool(false));
        // An objective without an error or good query gets its SLI and no SLO.
        let query = match (&s.errors, &s.good) {
            (Some(e), _) => Some(("bad", e)),
            (None, Some(g)) => Some(("good", g)),
            (None, None) => None,
        };
        if let Some((which, q)) = query {
            for (k, q) in [(which, q), ("total", &s.total)] {
                let source = Map::new().with("type", Yaml::str("Prometheus")).with(
                    "spec",
                    Map::new().with("query", Yaml::str(at(q, "5m"))).build(),
                );
                ratio.push(k, Map::new().with("metricSource", source.build()).build());
            }
        }
        documents.push(
            header("SLI", &sli, &display, None)
                .with(
                    "spec",
                    Map::new().with("ratioMetric", ratio.build()).build(),
                )
                .build(),
        );
        if query.is_none() {
            continue;
        }
        // OpenSLO's target lies in [0, 1): a 100% promise has no budget to write.
        if s.target >= rust_decimal::Decimal::ONE {
            comments.push(format!(
                "{}: a 100% target cannot be written in OpenSLO (its target is below 1); the SLI {sli} is, with no SLO",
                s.objective.id
            ));
            continue;
        }
        let svcs = services(s);
        for svc in &svcs {
            let name = if svcs.len() > 1 {
                let each = format!("each-{svc}");
                let mut all: Vec<&str> = parts.iter().map(String::as_str).collect();
                all.push(&each);
                names::dns_label(&all)
            } else {
                sli.clone()
            };
            let mut labels = Map::new();
            for (k, v) in s.labels() {
                if k != "service" {
                    labels.push(k, Yaml::str(v));
                }
            }
            let mut window = Map::new().with("duration", Yaml::str(duration(s.window)));
            if let Window::Rolling(_) = s.window {
                window.push("isRolling", Yaml::Bool(true));
            } else {
                // Anchored at the agreement's first period (its `valid from`, else
                // 2000-01-03, a Monday that starts a month, quarter and year too), not at
                // `--today`: the same portfolio gives the same document any day.
                let anchor = s.terms.valid.as_ref().map_or(ANCHOR, |v| v.value.from);
                let fiscal = crate::model::periods::fiscal_start(s.terms);
                let (start, _) = slo::period_from(s.window, fiscal, anchor);
                window.push("isRolling", Yaml::Bool(false));
                window.push(
                    "calendar",
                    Map::new()
                        .with("startTime", Yaml::str(format!("{start} 00:00:00")))
                        .with("timeZone", Yaml::str(s.terms.tz().name()))
                        .build(),
                );
            }
            let objective = Map::new()
                .with(
                    "displayName",
                    Yaml::str(format!("{} per {}", s.target_text, s.window_text())),
                )
                .with("target", Yaml::Decimal(s.target));
            let spec = Map::new()
                .with(
                    "description",
                    Yaml::str(format!(
                        "{} ({}): {} {} per {}",
                        s.agreement_title(),
                        a.name,
                        s.title(),
                        s.target_text,
                        s.window_text()
                    )),
                )
                .with("service", Yaml::str(dns(svc)))
                .with("indicatorRef", Yaml::str(&sli))
                .with("timeWindow", Yaml::seq([window.build()]))
                .with("budgetingMethod", Yaml::str("Occurrences"))
                .with("objectives", Yaml::seq([objective.build()]));
            documents.push(
                annotated("SLO", &name, &display, Some(labels.build()), limits(s))
                    .with("spec", spec.build())
                    .build(),
            );
        }
    }
    File {
        comments,
        explicit_start: true,
        documents,
    }
    .render()
}
