//! One strictness order (`model::strictness`): for every row of the table, E0303 (a child
//! against its parent, through `slac check`) and `slac diff` (new against old) give the
//! same verdict on the same pair of values, and the verdict the table says.

use crate::common::Slac;
use slac::model::strictness::{table, Absent, Direction, How, Row, Term};
use std::collections::BTreeSet;

const DECLS: &str = r#"provider acme "Acme"
customer globex "Globex"
service api "API"
service web "Web"
calendar office {
  timezone "UTC"
  mon-fri 09:00-17:00
}
calendar long {
  timezone "UTC"
  mon-fri 08:00-18:00
}
calendar sunday {
  timezone "UTC"
  sun 00:00-06:00
}
calendar weekend {
  timezone "UTC"
  sat-sun 00:00-06:00
}
"#;

/// Two versions of an agreement's statements: the stricter one and the looser one (for
/// a term without order, just two different values).
struct Case {
    strict: &'static str,
    loose: &'static str,
}

/// Every term's pair; the match is exhaustive, so a new term needs its case here.
fn case(term: Term) -> Case {
    let (strict, loose) = match term {
        Term::Target => (
            "availability 99.9% per month",
            "availability 99.5% per month",
        ),
        Term::Within => (
            "latency 99% within 200ms per month",
            "latency 99% within 500ms per month",
        ),
        Term::Window => (
            "availability 99.9% per month",
            "availability 99.9% per year",
        ),
        Term::Deadline => (
            "support { incident p1 { response 30m resolve 4h } }",
            "support { incident p1 { response 30m resolve 8h } }",
        ),
        Term::DeadlineShare => (
            "support { incident p1 { resolve 4h at 95% } }",
            "support { incident p1 { resolve 4h at 90% } }",
        ),
        Term::Penalty => (
            "availability 99.9% per month\n  penalty on availability { below 99.9% credit 10% }",
            "availability 99.9% per month\n  penalty on availability { below 99.9% credit 5% }",
        ),
        Term::Cap => ("cap 50%", "cap 25%"),
        Term::ClaimWithin => ("claim within 30d", "claim within 14d"),
        Term::ClaimMinimum => ("claims { minimum 10 EUR }", "claims { minimum 50 EUR }"),
        Term::MaintenanceNotice => (
            "maintenance { during weekend notice 72h max 4h per month }",
            "maintenance { during weekend notice 24h max 4h per month }",
        ),
        Term::DowntimeMinimum => (
            "availability { target 99.9% window month downtime { at least 1m } }",
            "availability { target 99.9% window month downtime { at least 5m } }",
        ),
        Term::ErrorThreshold => (
            "availability { target 99.9% window month downtime { errors above 5% per 1m } }",
            "availability { target 99.9% window month downtime { errors above 10% per 1m } }",
        ),
        Term::DependencyOutages => (
            "availability 99.9% per month\n  dependency outages count",
            "availability 99.9% per month\n  dependency outages do not count",
        ),
        Term::MaintenanceMax => (
            "maintenance { during weekend notice 72h max 2h per month }",
            "maintenance { during weekend notice 72h max 4h per month }",
        ),
        Term::MaintenanceDuring => (
            "maintenance { during sunday notice 72h }",
            "maintenance { during weekend notice 72h }",
        ),
        Term::Maintenance => ("", "maintenance { during weekend notice 72h }"),
        Term::During => (
            "support { during long incident p1 { response 30m } }",
            "support { during office incident p1 { response 30m } }",
        ),
        Term::ValidFrom => (
            "valid from 2026-01-01 to 2027-12-31",
            "valid from 2026-06-01 to 2027-12-31",
        ),
        Term::ValidTo => (
            "valid from 2026-01-01 to 2027-12-31",
            "valid from 2026-01-01 to 2026-12-31",
        ),
        Term::Service => ("services api, web", "services api"),
        Term::Objective => ("availability 99% per month", ""),
        Term::SupportTarget => (
            "support { incident p1 { response 30m } incident p2 { response 4h } }",
            "support { incident p1 { response 30m } }",
        ),
        Term::Exclusion => ("", "exclude war \"Acts of war.\""),
        // A whole agreement: compared below, by `slac diff` only.
        Term::Agreement => ("", ""),
        Term::Fee => ("fee 100 EUR per month", "fee 200 EUR per month"),
        Term::ReviewEvery => ("review every 12 months", "review every 6 months"),
        Term::UpdateEvery => (
            "support { incident p1 { response 30m resolve 4h update every 1h } }",
            "support { incident p1 { response 30m resolve 4h update every 2h } }",
        ),
    };
    Case { strict, loose }
}

fn services(body: &str) -> &'static str {
    if body.contains("services") {
        ""
    } else {
        "  services api\n"
    }
}

/// Whether `slac check` reports E0303 on a child whose statements are `child` under a
/// corporate SLA whose statements are `parent`; any other error fails the test.
fn e0303(parent: &str, child: &str) -> bool {
    // A corporate SLA has no services: only the child states them.
    let parent = if parent.contains("services") {
        ""
    } else {
        parent
    };
    let text = format!(
        "{DECLS}sla floor {{\n  level corporate\n  provider acme\n  {parent}\n}}\n\
         sla child {{\n  extends floor\n  customer globex\n{}  {child}\n}}\n",
        services(child)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.sla");
    std::fs::write(&path, &text).expect("write");
    let out = Slac::new()
        .args([
            "check",
            path.to_str().expect("utf-8"),
            "--format",
            "json",
            "--today",
            "2026-11-26",
        ])
        .run();
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let errors: BTreeSet<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        errors.iter().all(|c| c == "E0303"),
        "{text}\n{}",
        out.stdout
    );
    !errors.is_empty()
}

/// The effects `slac diff` reports on agreement `s` and whether any is a weakening.
fn diff(old: &str, new: &str) -> (BTreeSet<String>, bool) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (o, n) = (dir.path().join("old.sla"), dir.path().join("new.sla"));
    std::fs::write(&o, old).expect("write");
    std::fs::write(&n, new).expect("write");
    let out = Slac::new()
        .args([
            "diff",
            o.to_str().expect("utf-8"),
            n.to_str().expect("utf-8"),
            "--format",
            "json",
        ])
        .run();
    assert_eq!(out.status.code(), Some(0), "{old}\n{new}\n{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let mine: Vec<&serde_json::Value> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["name"] == "s")
        .collect();
    (
        mine.iter()
            .map(|c| c["effect"].as_str().unwrap_or_default().to_string())
            .collect(),
        mine.iter().any(|c| c["weakening"] == true),
    )
}

fn agreement(body: &str) -> String {
    format!(
        "{DECLS}sla s {{\n  provider acme\n  customer globex\n{}  {body}\n}}\n",
        services(body)
    )
}

/// Whether the table orders a pair of this row's values: a direction, or (for a term
/// that is there or not) a rank for absent.
fn ordered(row: &Row) -> bool {
    row.stricter != Direction::Unordered
        || (row.how == How::Presence && row.absent != Absent::Unordered)
}

#[test]
fn e0303_and_diff_agree_on_every_term_of_the_table() {
    for row in table() {
        let c = case(row.term);
        let (tightened, loosened) = if ordered(&row) {
            ("tightened", "loosened")
        } else {
            ("changed", "changed")
        };
        let (old, new) = if row.term == Term::Agreement {
            (agreement(""), DECLS.to_string())
        } else {
            (agreement(c.strict), agreement(c.loose))
        };
        let name = row.name;
        // slac diff: stricter to looser and back.
        let (effects, weakening) = diff(&old, &new);
        assert_eq!(effects, BTreeSet::from([loosened.to_string()]), "{name}");
        assert_eq!(weakening, loosened == "loosened", "{name}: weakening");
        let (effects, weakening) = diff(&new, &old);
        assert_eq!(effects, BTreeSet::from([tightened.to_string()]), "{name}");
        assert!(!weakening, "{name}: tightening is no weakening");
        if row.term == Term::Agreement {
            assert!(!row.floor, "a whole agreement is not inherited");
            continue;
        }
        // E0303: a child looser than its parent, and one stricter.
        let loosens = e0303(c.strict, c.loose);
        assert_eq!(loosens, row.floor, "{name}: E0303 on a looser child");
        assert!(
            !e0303(c.loose, c.strict),
            "{name}: E0303 on a stricter child"
        );
        if row.floor {
            // The same verdict: what E0303 forbids is what diff calls a weakening.
            assert!(ordered(&row), "{name}: a floor has an order");
            assert_eq!(loosens, diff(&old, &new).1, "{name}");
        }
    }
}

#[test]
fn a_penalty_that_pays_less_somewhere_is_a_loosening_in_both() {
    let strict = "availability 99.9% per month\n  penalty on availability {\n    below 99.9% credit 10%\n    below 99% credit 25%\n  }";
    let mixed = "availability 99.9% per month\n  penalty on availability {\n    below 99.9% credit 5%\n    below 99% credit 30%\n  }";
    assert!(e0303(strict, mixed));
    let (effects, weakening) = diff(&agreement(strict), &agreement(mixed));
    assert_eq!(effects, BTreeSet::from(["changed".to_string()]));
    assert!(weakening, "pays less below 99.9%");
    // Larger everywhere: neither.
    let more = "availability 99.9% per month\n  penalty on availability {\n    below 99.9% credit 10%\n    below 99% credit 30%\n  }";
    assert!(!e0303(strict, more));
    assert_eq!(
        diff(&agreement(strict), &agreement(more)),
        (BTreeSet::from(["tightened".to_string()]), false)
    );
}

#[test]
fn a_window_of_the_same_length_in_another_kind_has_no_order() {
    let month = "availability 99.9% per month";
    let rolling = "availability 99.9% per rolling 30d";
    assert!(!e0303(month, rolling));
    assert_eq!(
        diff(&agreement(month), &agreement(rolling)),
        (BTreeSet::from(["changed".to_string()]), false)
    );
    // A rolling window by its length.
    assert!(e0303(month, "availability 99.9% per rolling 31d"));
    assert!(!e0303(month, "availability 99.9% per rolling 28d"));
}

#[test]
fn a_minimum_credit_above_the_same_amount_is_looser() {
    let paid = "claims { minimum 1 USD }";
    let above = "claims { minimum above 1 USD }";
    assert!(
        e0303(paid, above),
        "`above` withholds a credit of exactly 1 USD"
    );
    assert!(!e0303(above, paid));
    let (effects, weakening) = diff(&agreement(paid), &agreement(above));
    assert_eq!(effects, BTreeSet::from(["loosened".to_string()]));
    assert!(weakening);
}
