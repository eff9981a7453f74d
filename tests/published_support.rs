//! The published support terms (examples/published/atlassian-gov-support): `slac eval` of
//! response times in business hours and business days against a hand computation from
//! the published table, at and around each deadline.

use crate::common::Slac;
use serde_json::Value;

const EXAMPLE: &str = "examples/published/atlassian-gov-support";

#[test]
fn the_example_checks_clean_and_is_formatted() {
    Slac::new()
        .args(["fmt", "--check", EXAMPLE])
        .run()
        .assert_code(0);
    let r = Slac::new()
        .args(["check", EXAMPLE, "--today", "2026-11-26"])
        .run();
    r.assert_code(0);
    assert!(r.stderr.contains("0 errors, 0 warnings"), "{}", r.stderr);
}

fn row<'a>(r: &'a Value, class: &str) -> &'a Value {
    r["agreements"][0]["support"]
        .as_array()
        .expect("support")
        .iter()
        .find(|s| s["class"] == class && s["target"] == "response")
        .unwrap_or_else(|| panic!("no {class} in {r}"))
}

/// Support hours Monday - Friday 06:00-18:00 Pacific (PST, UTC-8, in December 2026).
///
/// | ticket | level | opened (PST)     | responded (PST)     | hand computation                                   | verdict  |
/// |--------|-------|------------------|---------------------|----------------------------------------------------|----------|
/// | GOV-1  | L1 2h | Mon 7th 17:00    | Tue 8th 07:00       | 17:00-18:00 1h + 06:00-07:00 1h = 2h               | met      |
/// | GOV-2  | L1 2h | Mon 7th 17:00    | Tue 8th 07:01       | 2h01m                                              | breached |
/// | GOV-3  | L2 6h | Fri 11th 15:00   | Mon 14th 09:00      | Fri 15:00-18:00 3h + Mon 06:00-09:00 3h = 6h       | met      |
/// | GOV-4  | L2 6h | Fri 11th 15:00   | Mon 14th 09:00:01   | 6h + 1s                                            | breached |
/// | GOV-5  | L3 1d | Wed 9th 05:00    | Wed 9th 17:59       | before opening: Wed is day 1, due Wed 18:00        | met      |
/// | GOV-6  | L3 1d | Wed 9th 06:00    | Wed 9th 18:00       | at the opening: Wed is day 1, due Wed 18:00        | met      |
/// | GOV-7  | L3 1d | Wed 9th 06:30    | Thu 10th 18:00      | after opening: Thu is day 1, due Thu 18:00         | met      |
/// | GOV-8  | L3 1d | Wed 9th 06:30    | Thu 10th 18:00:01   | one second after Thu 18:00                         | breached |
/// | GOV-9  | L4 2d | Fri 11th 12:00   | Tue 15th 17:00      | Mon 14th, Tue 15th: due Tue 18:00                  | met      |
/// | GOV-10 | L4 2d | Sat 19th 10:00   | Wed 23rd 06:00      | Mon 21st, Tue 22nd: due Tue 18:00                  | breached |
/// | GOV-11 | L4 2d | Thu 31st 10:00   | —                   | Fri 1 Jan, Mon 4 Jan: due in January               | pending  |
#[test]
fn response_times_in_business_hours_and_days_match_the_hand_computation() {
    let r = Slac::new()
        .args([
            "eval",
            EXAMPLE,
            "--period",
            "2026-12",
            "--tickets",
            &format!("{EXAMPLE}/tickets.csv"),
            "--today",
            "2026-11-26",
            "--format",
            "json",
        ])
        .run();
    r.assert_code(0);
    let r: Value = serde_json::from_str(&r.stdout).expect("json");
    let expect = [
        ("l1", 1, vec!["GOV-2"], 0),
        ("l2", 1, vec!["GOV-4"], 0),
        ("l3", 3, vec!["GOV-8"], 0),
        ("l4", 1, vec!["GOV-10"], 1),
    ];
    for (class, met, breaches, pending) in expect {
        let s = row(&r, class);
        assert_eq!(s["met"], met, "{class}: {s}");
        assert_eq!(s["breaches"], serde_json::json!(breaches), "{class}: {s}");
        assert_eq!(s["pending"], pending, "{class}: {s}");
    }
    // No update frequency is published: no update row.
    assert_eq!(
        r["agreements"][0]["support"]
            .as_array()
            .expect("support")
            .len(),
        4
    );
}

/// `slac due` says the same deadlines as eval (one clock function): GOV-7's and GOV-10's.
#[test]
fn due_gives_the_deadlines_eval_judged_by() {
    for (class, opened, want) in [
        (
            "l3",
            "2026-12-09T06:30:00-08:00",
            "2026-12-10T18:00:00-08:00",
        ),
        (
            "l4",
            "2026-12-19T10:00:00-08:00",
            "2026-12-22T18:00:00-08:00",
        ),
        (
            "l1",
            "2026-12-07T17:00:00-08:00",
            "2026-12-08T07:00:00-08:00",
        ),
    ] {
        let out = Slac::new()
            .args([
                "due",
                EXAMPLE,
                "--agreement",
                "atlassian_gov_support",
                "--incident",
                class,
                "--target",
                "response",
                "--opened",
                opened,
            ])
            .run();
        out.assert_code(0);
        assert_eq!(out.stdout.lines().next().unwrap_or(""), want, "{class}");
    }
}
