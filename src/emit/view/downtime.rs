//! The words of an objective's own downtime definition (`downtime { … }`) and of the
//! agreement's `dependency outages` statement (language.md §4.1), for the contract's
//! “Downtime” and uptime definitions.

use super::format::{duration, percent};
use crate::model::{DowntimeDef, Objective, Terms};
use std::fmt::Write as _;

/// Which objective a clause speaks of: "the Availability objective", with its title.
fn which(o: &Objective) -> String {
    match &o.title {
        Some(t) => format!("for the availability objective “{t}”"),
        None => "for the availability objective".to_string(),
    }
}

/// The clauses added to “Downtime” for each availability objective's definition and for
/// the outages of dependencies, each a sentence part starting with "; ".
pub(super) fn clauses(terms: &Terms, availability: &[&Objective]) -> String {
    let mut out = String::new();
    for o in availability {
        let Some(d) = &o.downtime else { continue };
        let DowntimeDef {
            at_least_ms,
            errors_above,
            average_per_ms,
        } = &d.value;
        let who = which(o);
        if let Some(t) = errors_above {
            let _ = write!(
                out,
                "; {who}, Downtime is counted in intervals of {}: an interval in which more than {} of the requests to a Covered Service fail is Downtime in full, and an interval without requests is not Downtime",
                duration(t.value.interval_ms),
                percent(t.value.percent)
            );
        }
        if let Some(a) = average_per_ms {
            let _ = write!(
                out,
                "; {who}, Downtime is not counted in time: the uptime percentage is 100% minus the average of the Error Rates of the intervals of {} (see its uptime percentage)",
                duration(a.value)
            );
        }
        if let Some(m) = at_least_ms {
            let _ = write!(
                out,
                "; {who}, a period of Downtime shorter than {} in a row, partial or intermittent, is not counted, and a period of {} or more counts in full",
                duration(m.value),
                duration(m.value)
            );
        }
    }
    match terms.more.dependency_outages.map(|d| d.value) {
        Some(true) => out.push_str(
            "; Downtime of a service that a Covered Service depends on is Downtime of the Covered Service",
        ),
        Some(false) => out.push_str(
            "; only outages of the Covered Services themselves count, not outages of the services they depend on",
        ),
        None => {}
    }
    out
}

/// The uptime percentage of an objective measured by its average error rate, instead of
/// open time minus Downtime.
pub(super) fn average_uptime(o: &Objective, span: &str) -> Option<String> {
    let a = o.downtime.as_ref()?.value.average_per_ms.as_ref()?;
    let d = duration(a.value);
    Some(format!(
        "means, for {span}, 100% minus the average of the Error Rates of every {d} interval in it, per Covered Service, where the Error Rate of an interval is the number of failed requests divided by all requests in it, and 0% for an interval without requests. For example, one {d} interval at 100% errors among 8,640 intervals of a 30-day month lowers the percentage by about 0.0116 points."
    ))
}
