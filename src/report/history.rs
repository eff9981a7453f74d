//! Deterministic synthetic history for a portfolio: outages of every service and tickets
//! under every SLA's support targets, month after month, so that `slac report` can be
//! shown and tested on the examples with realistic data (docs/report.md). The same
//! portfolio, start, length and seed give the same bytes.

use crate::model::{AgreementKind, Portfolio, TargetKind};
use chrono::{DateTime, Datelike as _, Months, NaiveDate, Utc};
use std::fmt::Write as _;

/// The CSV texts of `slac eval`'s `--outages`, `--tickets` and `--measurements`.
pub struct History {
    pub outages: String,
    pub tickets: String,
    /// Good and total events of every latency and outcome objective (measurements carry
    /// no times: every period of a report reads the same sums).
    pub measurements: String,
}

/// xorshift64*: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform enough in `[0, n)`; 0 for n = 0.
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

fn stamp(seconds: i64) -> String {
    DateTime::<Utc>::from_timestamp(seconds, 0)
        .map_or_else(String::new, |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// `months` months of history from the month of `first` (UTC months).
pub fn generate(p: &Portfolio, first: NaiveDate, months: u32, seed: u64) -> History {
    let mut rng = Rng(seed | 1);
    let start = first.with_day0(0).unwrap_or(first);
    let month_bounds: Vec<(i64, i64)> = (0..months)
        .filter_map(|m| {
            let a = start.checked_add_months(Months::new(m))?;
            let b = a.checked_add_months(Months::new(1))?;
            let s = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
            Some((s(a)?, s(b)?))
        })
        .collect();
    let mut outages = String::from("service,start,end,cause,announced\n");
    for &(a, b) in &month_bounds {
        for s in &p.services {
            // Most months a few short outages; now and then a bad one.
            let mut n = rng.below(3);
            let bad = rng.below(5) == 0;
            if bad {
                n += 1;
            }
            for k in 0..n {
                let long = bad && k == 0;
                let length = if long {
                    3_600 + rng.below(5 * 3_600) as i64
                } else {
                    60 + rng.below(40 * 60) as i64
                };
                let at = a + rng.below((b - a - length).max(1) as u64) as i64;
                let _ = writeln!(outages, "{},{},{},,", s.name, stamp(at), stamp(at + length));
            }
        }
    }
    let mut tickets =
        String::from("id,customer,service,type,class,opened,responded,resolved,paused\n");
    let mut id = 0u32;
    for &(a, b) in &month_bounds {
        for ag in p.agreements.iter().filter(|x| x.kind == AgreementKind::Sla) {
            let (Some(customer), Some(support)) = (&ag.terms.customer, &ag.terms.support) else {
                continue;
            };
            let party = &p.parties[customer.value.index];
            let service = match &ag.terms.services {
                Some(s) => s.value.first().map(|r| r.value.index),
                None => party.subscribes.first().map(|r| r.value.index),
            };
            let Some(service) = service else { continue };
            if support.targets.is_empty() {
                continue;
            }
            for _ in 0..2 + rng.below(4) {
                let t = &support.targets[rng.below(support.targets.len() as u64) as usize];
                let (kind, first_ms, done_ms) = match t.kind {
                    TargetKind::Incident => (
                        "incident",
                        deadline(t.response.as_deref()),
                        deadline(t.resolve.as_deref()),
                    ),
                    TargetKind::Request => (
                        "request",
                        deadline(t.response.as_deref()),
                        deadline(t.fulfil.as_deref()),
                    ),
                };
                let opened = a + rng.below((b - a - 86_400 * 3).max(1) as u64) as i64;
                // Mostly in time, sometimes late: 20% to 130% of the deadline (wall clock).
                let respond = first_ms / 1000 * (20 + rng.below(111) as i64) / 100;
                let resolve = (done_ms / 1000 * (30 + rng.below(101) as i64) / 100).max(respond);
                id += 1;
                let _ = writeln!(
                    tickets,
                    "T{id:05},{},{},{kind},{},{},{},{},",
                    party.name,
                    p.services[service].name,
                    t.id,
                    stamp(opened),
                    stamp(opened + respond.max(60)),
                    stamp(opened + resolve.max(120)),
                );
            }
        }
    }
    let mut measurements = String::from("service,objective,good,total\n");
    let mut seen = std::collections::BTreeSet::new();
    for ag in &p.agreements {
        for o in &ag.terms.objectives {
            let name = match o.kind {
                crate::model::ObjectiveKind::Latency => "latency",
                crate::model::ObjectiveKind::Outcome => o.id.as_str(),
                crate::model::ObjectiveKind::Availability => continue,
            };
            let services: Vec<usize> = match (&o.service, &ag.terms.services) {
                (Some(s), _) => vec![s.value.index],
                (None, Some(s)) => s.value.iter().map(|r| r.value.index).collect(),
                (None, None) => continue,
            };
            for s in services {
                if seen.insert((s, name.to_string())) {
                    let total = 100_000 + rng.below(900_000);
                    // 97% to 99.99% good: some objectives are missed.
                    let good = total - total * (1 + rng.below(300)) / 10_000;
                    let _ = writeln!(measurements, "{},{name},{good},{total}", p.services[s].name);
                }
            }
        }
    }
    History {
        outages,
        tickets,
        measurements,
    }
}

/// A deadline's length in milliseconds; business days and absent deadlines as a working
/// day.
fn deadline(d: Option<&crate::model::DeadlineTerm>) -> i64 {
    const DAY: i64 = 8 * 3_600_000;
    match d {
        Some(d) if d.business_days.is_none() && d.duration_ms.value > 0 => d.duration_ms.value,
        Some(d) => i64::from(d.business_days.unwrap_or(1)) * DAY,
        None => DAY,
    }
}
