//! Update frequencies evaluated (language.md §5.1): `update every D` against the `updates`
//! column of tickets.csv, on the target's calendar with pauses, each case computed by
//! hand; the credit of `penalty on incident p1 update`; unknown without the column; bad
//! updates reported with file, line and column; E0305; the contract and diff.

use crate::common::Slac;
use crate::eval::{agreement, eval_in, eval_json, support, support_sla, UTC_OFFICE};
use std::fs;

const HEADER: &str = "id,customer,service,type,class,opened,responded,resolved,paused,updates\n";

fn body(penalty: &str) -> String {
    support_sla(
        UTC_OFFICE,
        "incident p1 { response 1h resolve 16h update every 2h }",
        &format!("  fee 1000 USD per month\n{penalty}"),
    )
}

/// Office mon-fri 09:00-17:00 UTC; December 2026 (Mon 21st, Thu 31st, Fri 1 Jan 2027).
fn tickets() -> String {
    format!(
        "{HEADER}\
         A,globex,api,incident,p1,2026-12-21T09:00:00Z,2026-12-21T09:30:00Z,2026-12-21T15:30:00Z,,2026-12-21T11:30:00Z;2026-12-21T13:30:00Z\n\
         B,globex,api,incident,p1,2026-12-21T09:00:00Z,2026-12-21T09:30:00Z,2026-12-21T15:30:00Z,,2026-12-21T13:31:00Z;2026-12-21T11:30:00Z\n\
         C,globex,api,incident,p1,2026-12-21T15:30:00Z,2026-12-21T16:00:00Z,2026-12-22T12:00:00Z,,2026-12-22T10:00:00Z\n\
         D,globex,api,incident,p1,2026-12-22T09:00:00Z,2026-12-22T09:30:00Z,2026-12-22T12:30:00Z,2026-12-22T10:00:00Z/2026-12-22T11:00:00Z,\n\
         E,globex,api,incident,p1,2026-12-31T08:00:00Z,2026-12-31T09:00:00Z,,,\n\
         F,globex,api,incident,p1,2026-12-31T15:30:00Z,2026-12-31T16:00:00Z,,,\n\
         G,globex,api,incident,p1,2026-12-23T09:00:00Z,,2026-12-23T10:00:00Z,,\n"
    )
}

#[test]
fn gaps_between_updates_are_measured_on_the_support_clock_with_pauses() {
    let r = eval_json(
        &body("  penalty on incident p1 update { each breach credit 2% }\n"),
        "2026-12",
        &[("tickets", &tickets())],
        &[],
    );
    let u = support(&r, "p1", "update");
    // A: 09:30 → 11:30 → 13:30 → 15:30, gaps of exactly 2h: met (a gap must exceed 2h).
    // B: 09:30 → 11:30 → 13:31 (2h01m): breached; the field's order does not matter.
    // C: Mon 16:00 → Tue 10:00 is 1h (to 17:00) + 1h (from 09:00) = 2h, → 12:00 2h: met.
    // D: 09:30 → resolved 12:30 is 3h with 1h paused: 2h, met.
    // E: responded Thu 31st 09:00, no update, still open: due 11:00, before the end of
    //    December: breached.
    // F: responded Thu 31st 16:00: 1h to 17:00, then Fri 1 Jan 09:00-10:00: due in
    //    January: pending.
    // G: never responded, resolved: no gap to judge, met.
    assert_eq!(u["breaches"], serde_json::json!(["B", "E"]), "{u}");
    assert_eq!(u["pending"], 1);
    assert_eq!(u["met"], 4);
    assert_eq!(u["tickets"], 6);
    assert_eq!(u["required_share"], 100.0);
    assert_eq!(u["ok"], false);
    assert!(u.get("unknown").is_none(), "{u}");
    // Two breaches × 2% of 1000 USD = 40 USD.
    let a = agreement(&r, "api_sla");
    let credit = &a["credits"][0];
    assert_eq!(credit["on"], "incident p1 update");
    assert_eq!(credit["percent"], 4.0);
    assert_eq!(credit["amount"], 40.0);
    // The deadlines are judged as before, beside the update frequency.
    assert_eq!(support(&r, "p1", "response")["tickets"], 7);
}

#[test]
fn without_the_updates_column_the_frequency_is_unknown_not_breached() {
    let old = "id,customer,service,type,class,opened,responded,resolved\n\
               A,globex,api,incident,p1,2026-12-21T09:00:00Z,2026-12-21T09:30:00Z,2026-12-21T15:30:00Z\n";
    let r = eval_json(
        &body("  penalty on incident p1 update { each breach credit 2% }\n"),
        "2026-12",
        &[("tickets", old)],
        &[],
    );
    let u = support(&r, "p1", "update");
    assert_eq!(u["unknown"], serde_json::json!(["A"]));
    assert_eq!(u["tickets"], 0);
    assert_eq!(u["breaches"], serde_json::json!([]));
    assert_eq!(agreement(&r, "api_sla")["credits"], serde_json::json!([]));
    // The human report names them.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = eval_in(dir.path(), &body(""), "2026-12", &[("tickets", old)], &[]);
    out.assert_code(0);
    assert!(
        out.stdout
            .contains("not judged (no `updates` column in the tickets): A"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_agreement_without_update_every_reports_no_update_row() {
    let plain = support_sla(UTC_OFFICE, "incident p1 { response 1h resolve 16h }", "");
    let r = eval_json(&plain, "2026-12", &[("tickets", &tickets())], &[]);
    let rows = agreement(&r, "api_sla")["support"]
        .as_array()
        .expect("support")
        .len();
    assert_eq!(rows, 2);
}

#[test]
fn bad_updates_are_errors_with_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        // Before the response.
        (
            "A,globex,api,incident,p1,2026-12-21T09:00:00Z,2026-12-21T09:30:00Z,,,2026-12-21T09:10:00Z",
            "tickets.csv:2:10: `updates`: the update `2026-12-21T09:10:00Z` is before the response",
        ),
        // After the resolution.
        (
            "A,globex,api,incident,p1,2026-12-21T09:00:00Z,2026-12-21T09:30:00Z,2026-12-21T10:00:00Z,,2026-12-21T11:00:00Z",
            "is after the resolution",
        ),
        // Without a response.
        (
            "A,globex,api,incident,p1,2026-12-21T09:00:00Z,,,,2026-12-21T11:00:00Z",
            "comes before any response",
        ),
        // Not a time.
        (
            "A,globex,api,incident,p1,2026-12-21T09:00:00Z,2026-12-21T09:30:00Z,,,noon",
            "tickets.csv:2:10: `updates`: ",
        ),
    ];
    for (row, want) in cases {
        let csv = format!("{HEADER}{row}\n");
        let out = eval_in(dir.path(), &body(""), "2026-12", &[("tickets", &csv)], &[]);
        assert_eq!(out.status.code(), Some(2), "{row}");
        out.assert_stderr_contains(want);
    }
}

fn check_codes(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.sla");
    fs::write(&path, format!("{}{text}", crate::eval::PARTIES)).expect("write");
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
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        // W0508 (no claim window) is beside the point here.
        .filter(|c| c.starts_with('E'))
        .collect()
}

#[test]
fn a_penalty_on_updates_needs_update_every() {
    let without = support_sla(
        UTC_OFFICE,
        "incident p1 { response 1h resolve 16h }",
        "  fee 1000 USD per month\n  penalty on incident p1 update { each breach credit 2% }\n",
    );
    assert_eq!(check_codes(&without), ["E0305"]);
    let request = support_sla(
        UTC_OFFICE,
        "request access { fulfil 16h update every 4h }",
        "  fee 1000 USD per month\n  penalty on request access update { each breach credit 1% }\n",
    );
    assert!(check_codes(&request).is_empty());
    assert!(check_codes(&body(
        "  penalty on incident p1 update { each breach credit 2% }\n"
    ))
    .is_empty());
}

#[test]
fn the_contract_says_what_a_breach_of_the_update_frequency_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.sla");
    fs::write(
        &path,
        format!(
            "{}{}",
            crate::eval::PARTIES,
            body("  penalty on incident p1 update { each breach credit 2% }\n")
        ),
    )
    .expect("write");
    let out_dir = dir.path().join("out");
    Slac::new()
        .args([
            "build",
            path.to_str().expect("utf-8"),
            "--out",
            out_dir.to_str().expect("utf-8"),
            "--emit",
            "markdown,json",
            "--today",
            "2026-11-26",
        ])
        .run()
        .assert_code(0);
    let md = fs::read_to_string(out_dir.join("internal/markdown/api_sla.md")).expect("markdown");
    assert!(
        md.contains("incident p1 update, a breach being a ticket left more than 2 h of support time without an update"),
        "{md}"
    );
    let json = fs::read_to_string(out_dir.join("json/portfolio.json")).expect("json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let a = v["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .find(|a| a["name"] == "api_sla")
        .expect("api_sla");
    assert_eq!(
        a["terms"]["penalties"][0]["on"],
        serde_json::json!({"kind": "update", "target": "incident", "id": "p1"})
    );
}

#[test]
fn diff_lists_a_penalty_on_updates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (d, pen) in [
        (
            &a,
            "  penalty on incident p1 update { each breach credit 2% }\n",
        ),
        (
            &b,
            "  penalty on incident p1 update { each breach credit 1% }\n",
        ),
    ] {
        fs::create_dir_all(d).expect("dir");
        fs::write(
            d.join("p.sla"),
            format!("{}{}", crate::eval::PARTIES, body(pen)),
        )
        .expect("write");
    }
    let out = Slac::new()
        .args([
            "diff",
            a.to_str().expect("utf-8"),
            b.to_str().expect("utf-8"),
        ])
        .run();
    assert!(
        out.stdout.contains("penalty on incident p1 update"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("loosened"), "{}", out.stdout);
}

#[test]
fn fmt_keeps_a_penalty_on_updates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.sla");
    fs::write(
        &path,
        format!(
            "{}{}",
            crate::eval::PARTIES,
            body("  penalty   on incident p1   update { each breach credit 2% }\n")
        ),
    )
    .expect("write");
    Slac::new()
        .args(["fmt", path.to_str().expect("utf-8")])
        .run()
        .assert_code(0);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains("penalty on incident p1 update {"), "{text}");
    Slac::new()
        .args(["fmt", "--check", path.to_str().expect("utf-8")])
        .run()
        .assert_code(0);
}

/// One clock: the last instant an update may come after a response at R is the deadline
/// `slac due` gives for a `response 2h` ticket opened at R (the same open time on the same
/// calendar), so eval meets an update exactly then and breaches one a second later.
#[test]
fn an_update_is_due_when_slac_due_says_a_deadline_of_that_length_is() {
    let text = support_sla(
        UTC_OFFICE,
        "incident p1 { response 2h resolve 16h update every 2h }",
        "",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.sla");
    fs::write(&path, format!("{}{text}", crate::eval::PARTIES)).expect("write");
    let responded = "2026-12-18T16:30:00Z"; // a Friday: the gap runs over the weekend
    let out = Slac::new()
        .args([
            "due",
            path.to_str().expect("utf-8"),
            "--agreement",
            "api_sla",
            "--incident",
            "p1",
            "--target",
            "response",
            "--opened",
            responded,
        ])
        .run();
    out.assert_code(0);
    let due = out.stdout.lines().next().unwrap_or("").to_string();
    // Hand: 30 minutes on Friday, 1h30 from Monday 09:00.
    assert_eq!(due, "2026-12-21T10:30:00+00:00");
    let late = "2026-12-21T10:30:01+00:00";
    let tickets = format!(
        "{HEADER}\
         A,globex,api,incident,p1,2026-12-18T16:00:00Z,{responded},2026-12-21T12:00:00Z,,{due}\n\
         B,globex,api,incident,p1,2026-12-18T16:00:00Z,{responded},2026-12-21T12:00:00Z,,{late}\n"
    );
    let r = eval_json(&text, "2026-12", &[("tickets", &tickets)], &[]);
    let u = support(&r, "p1", "update");
    assert_eq!(u["met"], 1, "{u}");
    assert_eq!(u["breaches"], serde_json::json!(["B"]), "{u}");
}

/// Tiers on the share of tickets updated on time: 4 of 6 judged tickets met (66.67%), so
/// `below 90%` applies and `below 50%` does not: 5% of 1000 USD = 50 USD.
#[test]
fn tiers_on_the_update_frequency_judge_the_share_updated_on_time() {
    let r = eval_json(
        &body("  penalty on incident p1 update {\n    below 90% credit 5%\n    below 50% credit 10%\n  }\n"),
        "2026-12",
        &[("tickets", &tickets())],
        &[],
    );
    let credit = &agreement(&r, "api_sla")["credits"][0];
    assert_eq!(credit["on"], "incident p1 update");
    assert_eq!(credit["percent"], 5.0);
    assert_eq!(credit["amount"], 50.0);
}

/// `slac due --target update` answers the instant the next update is due, and `slac eval`
/// judges an update at that instant met and one a minute later breached: one clock.
/// Office mon-fri 09:00-17:00 UTC, `update every 2h`: last update Mon 21 Dec 16:00 → 1h to
/// 17:00, then 1h from Tue 09:00: due Tue 22 Dec 10:00.
#[test]
fn due_next_update_is_the_instant_eval_judges_by() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sla = dir.path().join("p.sla");
    fs::write(&sla, format!("{}{}", crate::eval::PARTIES, body(""))).expect("write");
    let r = Slac::new()
        .args([
            "due",
            sla.to_str().expect("utf-8"),
            "--agreement",
            "api_sla",
            "--incident",
            "p1",
            "--target",
            "update",
            "--opened",
            "2026-12-21T15:30:00Z",
            "--last-update",
            "2026-12-21T16:00:00Z",
            "--today",
            "2026-11-26",
        ])
        .run();
    r.assert_code(0);
    let due = r.stdout.lines().next().expect("deadline");
    assert_eq!(due, "2026-12-22T10:00:00+00:00", "{}", r.stdout);
    assert!(r.stdout.contains("update"), "{}", r.stdout);
    // eval: responded at 16:00 (the first update), the next update at the due instant, or
    // one minute later.
    let judged = |next: &str| {
        let t = format!(
            "{HEADER}C,globex,api,incident,p1,2026-12-21T15:30:00Z,2026-12-21T16:00:00Z,2026-12-22T11:00:00Z,,{next}\n"
        );
        let r = eval_json(&body(""), "2026-12", &[("tickets", &t)], &[]);
        support(&r, "p1", "update")["breaches"].clone()
    };
    assert_eq!(judged(due), serde_json::json!([]));
    assert_eq!(judged("2026-12-22T10:01:00Z"), serde_json::json!(["C"]));
    // --last-update is only for updates, and never before the opening.
    let base = [
        "due",
        sla.to_str().expect("utf-8"),
        "--agreement",
        "api_sla",
        "--incident",
        "p1",
        "--opened",
        "2026-12-21T15:30:00Z",
        "--today",
        "2026-11-26",
    ];
    let mut wrong = base.to_vec();
    wrong.extend([
        "--target",
        "resolve",
        "--last-update",
        "2026-12-21T16:00:00Z",
    ]);
    Slac::new().args(&wrong).run().assert_code(2);
    let mut before = base.to_vec();
    before.extend([
        "--target",
        "update",
        "--last-update",
        "2026-12-21T15:00:00Z",
    ]);
    Slac::new().args(&before).run().assert_code(2);
}
