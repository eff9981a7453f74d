//! Support process terms (language.md §5.1): deadlines in business days through `slac due`,
//! `slac eval` and E0402 (each against a hand-computed answer, and `due` against `eval` on
//! the same tickets: one definition), update frequencies and escalation chains in check
//! and diff, the clock function itself.

use crate::common::Slac;
use crate::eval::{eval_json, support, support_sla, TICKET_HEADER};
use slac::time::{Calendar, Closure, Instant, WeekInterval};
use std::fs;

/// mon-fri 09:00-17:00 UTC, closed 2026-12-25.
const OFFICE: &str =
    "calendar office \"Office\" { timezone \"UTC\" mon-fri 09:00-17:00 closed every 12-25 }";

fn office() -> Calendar {
    let weekly: Vec<WeekInterval> = [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
    ]
    .into_iter()
    .map(|day| WeekInterval {
        day,
        start: 9 * 60,
        end: 17 * 60,
    })
    .collect();
    let closures = [Closure {
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 25).expect("date"),
        part: None,
    }];
    Calendar::new(chrono_tz::UTC, &weekly, &closures)
}

fn at(s: &str) -> Instant {
    Instant::from(
        chrono::DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .with_timezone(&chrono::Utc),
    )
}

#[test]
fn business_deadline_counts_whole_open_days() {
    let cal = office();
    let cases = [
        // Monday before opening: Monday counts, due Tuesday at closing.
        ("2026-12-21T08:00:00Z", 2, "2026-12-22T17:00:00Z"),
        // Exactly at the opening: nothing of Monday has run, Monday counts.
        ("2026-12-21T09:00:00Z", 2, "2026-12-22T17:00:00Z"),
        // A minute later: the rest of Monday is not a business day.
        ("2026-12-21T09:01:00Z", 2, "2026-12-23T17:00:00Z"),
        // After closing: the next day is the first.
        ("2026-12-21T18:00:00Z", 1, "2026-12-22T17:00:00Z"),
        // Thursday 24th 10:00: Friday 25th is closed, Monday and Tuesday count.
        ("2026-12-24T10:00:00Z", 2, "2026-12-29T17:00:00Z"),
        // Saturday: Monday is the first.
        ("2026-12-19T12:00:00Z", 1, "2026-12-21T17:00:00Z"),
    ];
    for (opened, n, due) in cases {
        assert_eq!(
            cal.business_deadline(at(opened), n),
            Some(at(due)),
            "{n} business days from {opened}"
        );
    }
    // On an always-open calendar a business day is a calendar day, ending at midnight.
    let always = Calendar::always();
    assert_eq!(
        always.business_deadline(at("2026-12-21T10:00:00Z"), 2),
        Some(at("2026-12-24T00:00:00Z"))
    );
    assert_eq!(
        always.business_deadline(at("2026-12-21T00:00:00Z"), 2),
        Some(at("2026-12-23T00:00:00Z"))
    );
}

fn portfolio(dir: &std::path::Path, body: &str) -> String {
    let path = dir.join("p.sla");
    fs::write(&path, format!("{}{body}", crate::eval::PARTIES)).expect("write");
    path.to_string_lossy().into_owned()
}

fn due(path: &str, opened: &str) -> String {
    let out = Slac::new()
        .args([
            "due",
            path,
            "--agreement",
            "api_sla",
            "--incident",
            "p3",
            "--target",
            "resolve",
            "--opened",
            opened,
        ])
        .run();
    out.assert_code(0);
    out.stdout.lines().next().unwrap_or("").to_string()
}

#[test]
fn due_and_eval_agree_on_business_day_deadlines() {
    let body = support_sla(
        OFFICE,
        "incident p3 { response 1 business day resolve 2 business days }",
        "",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = portfolio(dir.path(), &body);
    // Hand: opened Thu 24th 10:00 → Mon 28th, Tue 29th → due Tue 29th 17:00.
    assert_eq!(
        due(&path, "2026-12-24T10:00:00Z"),
        "2026-12-29T17:00:00+00:00"
    );
    // Hand: opened Mon 21st 08:00 → Mon, Tue → due Tue 22nd 17:00.
    assert_eq!(
        due(&path, "2026-12-21T08:00:00Z"),
        "2026-12-22T17:00:00+00:00"
    );
    // eval: a ticket resolved exactly at `slac due`'s deadline is met, a minute later not;
    // a ticket paused for an open hour gets that hour at the end.
    let tickets = format!(
        "{TICKET_HEADER}\
         A,globex,api,incident,p3,2026-12-24T10:00:00Z,2026-12-24T11:00:00Z,2026-12-29T17:00:00Z,\n\
         B,globex,api,incident,p3,2026-12-24T10:00:00Z,2026-12-24T11:00:00Z,2026-12-29T17:01:00Z,\n\
         C,globex,api,incident,p3,2026-12-21T08:00:00Z,2026-12-21T11:00:00Z,2026-12-22T17:59:00Z,2026-12-21T12:00:00Z/2026-12-21T13:00:00Z\n\
         D,globex,api,incident,p3,2026-12-21T08:00:00Z,2026-12-21T11:00:00Z,2026-12-23T09:01:00Z,2026-12-21T12:00:00Z/2026-12-21T13:00:00Z\n"
    );
    let r = eval_json(&body, "2026-12", &[("tickets", &tickets)], &[]);
    let resolve = support(&r, "p3", "resolve");
    assert_eq!(resolve["tickets"], 4);
    // C: due Tue 22nd 17:00 plus the paused hour: Wed 23rd 10:00 (Tue closes at 17:00,
    // the hour runs from Wed 09:00), so 17:59 on Tuesday is met and D (Wed 09:01) too.
    assert_eq!(resolve["breaches"], serde_json::json!(["B"]));
    let response = support(&r, "p3", "response");
    assert_eq!(response["met"], 4);
}

fn check_codes(body: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = portfolio(dir.path(), body);
    let out = Slac::new()
        .args(["check", &path, "--format", "json", "--today", "2026-11-26"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn pair(sla_resolve: &str, ola_resolve: &str) -> String {
    format!(
        "team ops \"Ops\"\n{OFFICE}\n\
         sla api_sla {{\n  provider acme\n  customer globex\n  services api\n  timezone \"UTC\"\n  \
         support {{ during office incident p1 {{ response 1h resolve {sla_resolve} }} }}\n}}\n\
         ola ops_ola {{\n  provider ops\n  customer ops\n  services api\n  timezone \"UTC\"\n  \
         support {{ during office incident p1 {{ response 1h resolve {ola_resolve} }} }}\n}}\n"
    )
}

#[test]
fn e0402_compares_business_days_with_open_hours_exactly() {
    // Two 8-hour business days always hold 16 open hours, never 17.
    assert!(check_codes(&pair("2 business days", "16h")).is_empty());
    assert_eq!(check_codes(&pair("2 business days", "17h")), ["E0402"]);
    // The other way round: 2 business days can take up to 3 days less a minute.
    assert_eq!(check_codes(&pair("16h", "2 business days")), ["E0402"]);
    assert!(check_codes(&pair("24h", "2 business days")).is_empty());
    assert!(check_codes(&pair("3 business days", "2 business days")).is_empty());
    assert_eq!(
        check_codes(&pair("2 business days", "3 business days")),
        ["E0402"]
    );
}

#[test]
fn business_days_and_escalations_are_checked() {
    let sla = |support: &str| {
        format!(
            "sla api_sla {{\n  provider acme\n  customer globex\n  services api\n  support {{ {support} }}\n}}\n"
        )
    };
    assert_eq!(
        check_codes(&sla("incident p1 { response 0 business days }")),
        ["E0330"]
    );
    assert_eq!(
        check_codes(&sla("incident p1 { response 1001 business days }")),
        ["E0330"]
    );
    assert_eq!(
        check_codes(&sla("incident p1 { resolve 4h update every 5h }")),
        ["E0331"]
    );
    assert!(check_codes(&sla("incident p1 { resolve 4h update every 4h }")).is_empty());
    let stages = "escalation { stage \"A\" 30m stage \"B\" 2h stage \"C\" 4h }";
    assert_eq!(
        check_codes(&sla(&format!("incident p1 {{ resolve 6h {stages} }}"))),
        ["E0332"]
    );
    assert!(check_codes(&sla(&format!("incident p1 {{ resolve 6h30m {stages} }}"))).is_empty());
    // A block-level escalation applies to every target without its own.
    assert_eq!(
        check_codes(&sla(&format!(
            "{stages} incident p1 {{ resolve 8h }} incident p2 {{ resolve 6h }}"
        ))),
        ["E0332"]
    );
    assert_eq!(
        check_codes(&sla(&format!(
            "incident p1 {{ resolve 2 business days {stages} }}"
        ))),
        ["E0333"]
    );
}

#[test]
fn e0420_shows_the_sum_of_the_chain() {
    let text = "team ops \"Ops\"\n\
         sla api_sla {\n  provider acme\n  customer globex\n  services api\n  \
         support { incident p1 { response 15m resolve 6h escalation { stage \"Service desk\" 30m stage \"Second line\" 2h by ops_ola stage \"Supplier\" 1h } } }\n}\n\
         ola ops_ola {\n  provider ops\n  customer ops\n  services api\n  \
         support { incident p1 { response 15m resolve 5h } }\n}\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let path = portfolio(dir.path(), text);
    let out = Slac::new()
        .args(["check", &path, "--format", "json", "--today", "2026-11-26"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "E0420");
    let message = d["message"].as_str().expect("message");
    assert!(
        message.contains("30m + 5h + 1h = 6h30m > 6h resolve of incident p1 in SLA `api_sla`"),
        "{message}"
    );
}

#[test]
fn diff_ranks_business_days_and_update_frequency() {
    let sla = |p1: &str| {
        format!(
            "sla api_sla {{\n  provider acme\n  customer globex\n  services api\n  support {{ incident p1 {{ {p1} }} }}\n}}\n"
        )
    };
    let diff = |old: &str, new: &str| {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir_all(&a).expect("dir");
        fs::create_dir_all(&b).expect("dir");
        fs::write(
            a.join("p.sla"),
            format!("{}{}", crate::eval::PARTIES, sla(old)),
        )
        .expect("w");
        fs::write(
            b.join("p.sla"),
            format!("{}{}", crate::eval::PARTIES, sla(new)),
        )
        .expect("w");
        let out = Slac::new()
            .args([
                "diff",
                a.to_str().expect("utf-8"),
                b.to_str().expect("utf-8"),
            ])
            .run();
        out.stdout
    };
    let looser = diff("resolve 2 business days", "resolve 3 business days");
    assert!(looser.contains("loosened"), "{looser}");
    assert!(looser.contains("3 business days"), "{looser}");
    let unordered = diff("resolve 16h", "resolve 2 business days");
    assert!(unordered.contains("changed"), "{unordered}");
    let update = diff("resolve 4h update every 1h", "resolve 4h update every 2h");
    assert!(
        update.contains("update every") && update.contains("loosened"),
        "{update}"
    );
}

#[test]
fn portfolio_json_exports_business_days_updates_and_stages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "sla api_sla {\n  provider acme\n  customer globex\n  services api\n  support { incident p1 { response 1 business day resolve 6h update every 1h escalation { stage \"Desk\" 30m } } }\n}\n";
    let path = portfolio(dir.path(), body);
    let out_dir = dir.path().join("out");
    let out = Slac::new()
        .args([
            "build",
            &path,
            "--out",
            out_dir.to_str().expect("utf-8"),
            "--emit",
            "json",
            "--today",
            "2026-11-26",
        ])
        .run();
    out.assert_code(0);
    let text = fs::read_to_string(out_dir.join("json/portfolio.json")).expect("portfolio.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let a = v["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .find(|a| a["name"] == "api_sla")
        .expect("api_sla");
    let t = &a["terms"]["support"]["targets"][0];
    assert_eq!(t["response"]["business_days"], 1);
    assert!(t["response"].get("duration_ms").is_none());
    assert_eq!(t["resolve"]["duration_ms"], 21_600_000);
    assert_eq!(t["update_every_ms"], 3_600_000);
    assert_eq!(t["escalation"]["stages"][0]["title"], "Desk");
}

#[test]
fn fmt_lays_out_escalations_one_stage_a_line_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.sla");
    fs::write(
        &path,
        "sla x {\n  support {\n    incident p1 { response 15m resolve 4h update every 1h escalation { stage \"A\" 30m  stage \"B\" 2h by o } }\n    incident p2 { response 1 business day }\n  }\n}\n",
    )
    .expect("write");
    let p = path.to_str().expect("utf-8");
    Slac::new().args(["fmt", p]).run().assert_code(0);
    let once = fs::read_to_string(&path).expect("read");
    assert_eq!(
        once,
        "sla x {\n  support {\n    incident p1 {\n      response 15m\n      resolve 4h\n      update every 1h\n      escalation {\n        stage \"A\" 30m\n        stage \"B\" 2h by o\n      }\n    }\n    incident p2 { response 1 business day }\n  }\n}\n"
    );
    Slac::new().args(["fmt", p]).run().assert_code(0);
    assert_eq!(fs::read_to_string(&path).expect("read"), once);
}
