//! The service-hours gate as `PromQL` (docs/monitoring.md, "Service hours"): 1 while the
//! `during` calendar is open, 0 while it is closed, from `time()` alone, since `PromQL`
//! has no time zones. It is the clock's definition written out ([`WallClock`]): local
//! time is `time()` plus the UTC offset, a step function over the clock changes of the
//! horizon; open means inside a weekly run (position in the week from a Monday 00:00)
//! and inside no closure. Scalars compared with `bool` give 0 or 1; the runs and the
//! closures are disjoint, so their sums are 0 or 1 too.

use crate::time::{WallClock, MONDAY_SHIFT, WEEK};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Milliseconds as seconds, exactly (`3600`, `1774746000`, `0.5`).
fn secs(ms: i64) -> String {
    Decimal::new(ms, 3).normalize().to_string()
}

/// `lo <= x < hi` as 0 or 1; a bound that cannot fail is left out.
fn between(x: &str, lo: Option<i64>, hi: Option<i64>) -> String {
    match (lo, hi) {
        (Some(a), Some(b)) => format!("({x} >= bool {}) * ({x} < bool {})", secs(a), secs(b)),
        (Some(a), None) => format!("({x} >= bool {})", secs(a)),
        (None, Some(b)) => format!("({x} < bool {})", secs(b)),
        (None, None) => "1".to_string(),
    }
}

/// Local time in seconds since 1970-01-01T00:00 local.
fn local_time(w: &WallClock) -> String {
    let mut out = String::from("(time()");
    if w.offset != 0 {
        let sign = if w.offset < 0 { '-' } else { '+' };
        let _ = write!(out, " {sign} {}", secs(w.offset.abs()));
    }
    let mut last = w.offset;
    for &(at, o) in &w.changes {
        let d = o - last;
        let sign = if d < 0 { '-' } else { '+' };
        let _ = write!(
            out,
            " {sign} (time() >= bool {}) * {}",
            secs(at),
            secs(d.abs())
        );
        last = o;
    }
    out.push(')');
    out
}

/// The gate's expression: `vector(…)`, 1 open and 0 closed.
pub(super) fn promql(w: &WallClock) -> String {
    let l = local_time(w);
    let pos = format!("(({l} + {}) % {})", secs(MONDAY_SHIFT), secs(WEEK));
    let weekly: Vec<String> = w
        .weekly
        .iter()
        .map(|&(s, e)| between(&pos, (s > 0).then_some(s), (e < WEEK).then_some(e)))
        .collect();
    let open = if weekly.is_empty() {
        "0".to_string()
    } else {
        weekly.join(" + ")
    };
    if w.closures.is_empty() {
        return format!("vector({open})");
    }
    let closed: Vec<String> = w
        .closures
        .iter()
        .map(|&(s, e)| between(&l, Some(s), Some(e)))
        .collect();
    format!("vector(({open}) * (1 - ({})))", closed.join(" + "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_runs_print_as_exact_seconds() {
        let w = WallClock {
            offset: 3_600_000,
            changes: vec![(1_774_746_000_000, 7_200_000)],
            weekly: vec![(32_400_000, 61_200_000)],
            closures: vec![],
        };
        let l = "(time() + 3600 + (time() >= bool 1774746000) * 3600)";
        assert_eq!(local_time(&w), l);
        assert_eq!(
            promql(&w),
            format!("vector(((({l} + 259200) % 604800) >= bool 32400) * ((({l} + 259200) % 604800) < bool 61200))")
        );
        let w = WallClock {
            offset: -14_400_000,
            changes: vec![(1_000_000, -18_000_000)],
            weekly: vec![(0, WEEK)],
            closures: vec![(0, 86_400_000)],
        };
        assert_eq!(
            promql(&w),
            "vector((1) * (1 - (((time() - 14400 - (time() >= bool 1000) * 3600) >= bool 0) * ((time() - 14400 - (time() >= bool 1000) * 3600) < bool 86400))))"
        );
    }
}
