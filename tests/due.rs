//! `slac due` through the real binary: the first line is the deadline in RFC 3339 with the
//! support calendar's offset (docs/cli.md).

use crate::common::Slac;
use std::fs;

fn first_line(args: &[&str]) -> String {
    let out = Slac::new().args(args).run();
    out.assert_code(0);
    out.stdout.lines().next().unwrap_or("").to_string()
}

/// A one-file portfolio: an SLA whose incident p1 runs on `cal`.
fn portfolio(dir: &std::path::Path, calendar: &str, target: &str) -> String {
    let text = format!(
        "provider acme \"Acme\"\ncustomer globex \"Globex\" {{ subscribes api }}\nservice api \"API\"\n\
         {calendar}\nsla api_sla \"API SLA\" {{\n  provider acme\n  customer globex\n  services api\n  \
         support {{\n    during cal\n    incident p1 {{ {target} }}\n  }}\n}}\n"
    );
    let path = dir.join("p.sla");
    fs::write(&path, text).expect("write portfolio");
    path.to_string_lossy().into_owned()
}

fn due(path: &str, which: &str, opened: &str) -> String {
    first_line(&[
        "due",
        path,
        "--agreement",
        "api_sla",
        "--incident",
        "p1",
        "--target",
        which,
        "--opened",
        opened,
    ])
}

#[test]
fn acme_checkout_p1_resolve_opened_friday_afternoon_is_due_monday() {
    let line = first_line(&[
        "due",
        "examples/acme",
        "--agreement",
        "globex_checkout",
        "--incident",
        "p1",
        "--target",
        "resolve",
        "--opened",
        "2026-11-27T16:30:00+01:00",
    ]);
    // Paris office 08:00-17:00: 30 minutes on Friday, 3h30 on Monday.
    assert_eq!(line, "2026-11-30T11:30:00+01:00");
}

#[test]
fn the_language_reference_example_friday_1630_plus_4h() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cal = "calendar cal \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 09:00-17:00\n}";
    let p = portfolio(dir.path(), cal, "response 1h resolve 4h");
    assert_eq!(
        due(&p, "resolve", "2026-11-27T16:30:00+01:00"),
        "2026-11-30T12:30:00+01:00"
    );
    let closed = "calendar cal \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 09:00-17:00\n  closed 2026-11-30\n}";
    let p = portfolio(dir.path(), closed, "response 1h resolve 4h");
    assert_eq!(
        due(&p, "resolve", "2026-11-27T16:30:00+01:00"),
        "2026-12-01T12:30:00+01:00"
    );
    // The same instant given in another offset is the same ticket.
    assert_eq!(
        due(&p, "resolve", "2026-11-27T15:30:00Z"),
        "2026-12-01T12:30:00+01:00"
    );
}

#[test]
fn a_ticket_opened_while_closed_starts_at_the_next_opening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cal =
        "calendar cal \"Office\" {\n  timezone \"America/New_York\"\n  mon-fri 09:00-17:00\n}";
    let p = portfolio(dir.path(), cal, "response 30m resolve 4h");
    assert_eq!(
        due(&p, "response", "2026-11-28T12:00:00-05:00"),
        "2026-11-30T09:30:00-05:00"
    );
}

#[test]
fn daylight_saving_time_changes_the_offset_and_the_real_hours() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Open every day 01:00-04:00 in Paris: on 2026-03-29 02:00-03:00 does not exist.
    let cal = "calendar cal \"Night\" {\n  timezone \"Europe/Paris\"\n  mon-sun 01:00-04:00\n}";
    let p = portfolio(dir.path(), cal, "response 2h resolve 3h");
    // Opened at 01:00 on the spring Sunday: 01:00-02:00 CET then 03:00-04:00 CEST = 2 real hours.
    assert_eq!(
        due(&p, "response", "2026-03-29T01:00:00+01:00"),
        "2026-03-29T04:00:00+02:00"
    );
    assert_eq!(
        due(&p, "resolve", "2026-03-29T01:00:00+01:00"),
        "2026-03-30T02:00:00+02:00"
    );
    // On the autumn Sunday 02:00-03:00 happens twice: 4 real hours.
    assert_eq!(
        due(&p, "resolve", "2026-10-25T01:00:00+02:00"),
        "2026-10-25T03:00:00+01:00"
    );
}

#[test]
fn regions_and_requests_use_their_own_targets_and_clocks() {
    let line = first_line(&[
        "due",
        "examples/acme",
        "--agreement",
        "globex_printing",
        "--region",
        "rural",
        "--incident",
        "p2",
        "--target",
        "response",
        "--opened",
        "2026-11-27T10:00:00+01:00",
    ]);
    assert_eq!(line, "2026-11-30T09:00:00+01:00");
    // `departure` runs on `always` although its support block runs on paris_office.
    let line = first_line(&[
        "due",
        "examples/acme",
        "--agreement",
        "employee_it",
        "--request",
        "departure",
        "--opened",
        "2026-11-28T23:30:00+01:00",
    ]);
    assert_eq!(line, "2026-11-28T23:30:00+00:00");
}

#[test]
fn json_names_the_target_and_the_clock() {
    let out = Slac::new()
        .args([
            "due",
            "examples/acme",
            "--agreement",
            "globex_checkout",
            "--incident",
            "p1",
            "--target",
            "response",
            "--opened",
            "2026-11-27T16:50:00+01:00",
            "--format",
            "json",
        ])
        .run();
    out.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["deadline"], "2026-11-30T08:05:00+01:00");
    assert_eq!(v["calendar"], "paris_office");
    assert_eq!(v["timezone"], "Europe/Paris");
    assert_eq!(v["duration_minutes"], 15.0);
    assert_eq!(v["type"], "incident");
    assert_eq!(v["class"], "p1");
    assert_eq!(v["target"], "response");
}

#[test]
fn wrong_questions_are_exit_2_and_a_broken_portfolio_exit_1() {
    let base = [
        "due",
        "examples/acme",
        "--opened",
        "2026-11-27T10:00:00+01:00",
    ];
    let with = |more: &[&str]| Slac::new().args([&base[..], more].concat()).run();
    let out = with(&[
        "--agreement",
        "nope",
        "--incident",
        "p1",
        "--target",
        "resolve",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.contains("no agreement `nope`"));
    let out = with(&[
        "--agreement",
        "globex_checkout",
        "--incident",
        "p9",
        "--target",
        "resolve",
    ]);
    assert_eq!(out.status.code(), Some(2));
    out.assert_stderr_contains("no incident `p9`");
    assert_eq!(
        with(&["--agreement", "globex_checkout", "--incident", "p1"])
            .status
            .code(),
        Some(2)
    );
    let out = Slac::new()
        .args([
            "due",
            "examples/acme",
            "--agreement",
            "globex_checkout",
            "--request",
            "x",
            "--opened",
            "yesterday",
        ])
        .run();
    assert_eq!(out.status.code(), Some(2));
    let out = Slac::new()
        .args([
            "due",
            "tests/ui/e01/overnight_interval.sla",
            "--agreement",
            "api_sla",
            "--incident",
            "p1",
            "--target",
            "resolve",
            "--opened",
            "2026-11-27T10:00:00+01:00",
        ])
        .run();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("E0104"));
}

/// An SLA whose incident p1 has no `during`: the clock is `always`.
fn always_portfolio(dir: &std::path::Path) -> String {
    let text = "provider acme \"Acme\"\ncustomer globex \"Globex\" { subscribes api }\nservice api \"API\"\n\
         sla api_sla \"API SLA\" {\n  provider acme\n  customer globex\n  services api\n  \
         support {\n    incident p1 { response 4h resolve 1d }\n  }\n}\n";
    let path = dir.join("always.sla");
    fs::write(&path, text).expect("write portfolio");
    path.to_string_lossy().into_owned()
}

#[test]
fn fractional_seconds_keep_the_precision_they_had() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = always_portfolio(dir.path());
    assert_eq!(
        due(&p, "response", "2026-11-10T09:00:00.123456789Z"),
        "2026-11-10T13:00:00.123456789+00:00"
    );
    assert_eq!(
        due(&p, "response", "2026-11-10T09:00:00.000001+01:00"),
        "2026-11-10T12:00:00.000001+00:00"
    );
    assert_eq!(
        due(&p, "response", "2026-11-10T09:00:00.5Z"),
        "2026-11-10T13:00:00.500+00:00"
    );
    // On a business calendar: opened inside open hours, the nanoseconds carry over the
    // night; opened while closed, the clock starts on the whole hour.
    let cal = "calendar cal \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 09:00-17:00\n}";
    let p = portfolio(dir.path(), cal, "response 1h resolve 4h");
    assert_eq!(
        due(&p, "resolve", "2026-11-27T16:30:00.987654321+01:00"),
        "2026-11-30T12:30:00.987654321+01:00"
    );
    assert_eq!(
        due(&p, "resolve", "2026-11-27T17:30:00.987654321+01:00"),
        "2026-11-30T13:00:00+01:00"
    );
    // The JSON answer keeps them too, in `opened` as well.
    let out = Slac::new()
        .args([
            "due",
            &p,
            "--agreement",
            "api_sla",
            "--incident",
            "p1",
            "--target",
            "response",
            "--opened",
            "2026-11-27T10:00:00.000000042+01:00",
            "--format",
            "json",
        ])
        .run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(json["deadline"], "2026-11-27T11:00:00.000000042+01:00");
    assert_eq!(json["opened"], "2026-11-27T10:00:00.000000042+01:00");
}

#[test]
fn an_opening_outside_the_years_1_to_9999_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = always_portfolio(dir.path());
    for opened in [
        "0000-06-15T10:00:00Z",
        "0000-12-31T23:59:59.999Z",
        "0001-01-01T00:30:00+01:00",
        "9999-12-31T23:30:00-01:00",
    ] {
        let out = Slac::new()
            .args([
                "due",
                &p,
                "--agreement",
                "api_sla",
                "--incident",
                "p1",
                "--target",
                "response",
                "--opened",
                opened,
            ])
            .run();
        assert_eq!(out.status.code(), Some(2), "{opened}: {}", out.stdout);
        assert!(out.stdout.is_empty(), "{opened}: {}", out.stdout);
        assert!(
            out.stderr.contains("outside the dates slac handles"),
            "{opened}: {}",
            out.stderr
        );
    }
    // The first and the last instants still answer (or say the deadline is too late).
    assert_eq!(
        due(&p, "response", "0001-01-01T00:00:00Z"),
        "0001-01-01T04:00:00+00:00"
    );
    let out = Slac::new()
        .args([
            "due",
            &p,
            "--agreement",
            "api_sla",
            "--incident",
            "p1",
            "--target",
            "response",
            "--opened",
            "9999-12-31T23:00:00Z",
        ])
        .run();
    assert_eq!(out.status.code(), Some(2));
    out.assert_stderr_contains("9999");
}

/// The notes of `slac due`: outside the validity, past the last dated closure; none for
/// recurring closures or inside everything (docs/cli.md).
#[test]
fn due_notes_an_opening_outside_the_validity_and_a_deadline_past_the_last_closure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "provider acme \"Acme\"\ncustomer globex \"Globex\" { subscribes api, web }\n\
        service api \"API\"\nservice web \"Web\"\n\
        calendar cal \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 09:00-17:00\n  \
        closed 2026-12-25 \"Christmas Day\"\n  closed 2027-12-24\n}\n\
        calendar yearly \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 09:00-17:00\n  \
        closed every 12-25 \"Christmas Day\"\n}\n\
        sla api_sla \"API SLA\" {\n  provider acme\n  customer globex\n  services api\n  \
        timezone \"Europe/Paris\"\n  valid from 2026-01-01 to 2027-12-31\n  \
        support {\n    during cal\n    incident p1 { response 1h resolve 8h }\n  }\n}\n\
        sla web_sla \"Web SLA\" {\n  provider acme\n  customer globex\n  services web\n  \
        timezone \"Europe/Paris\"\n  valid from 2026-01-01 to 2027-12-31\n  \
        support {\n    during yearly\n    incident p1 { response 1h resolve 8h }\n  }\n}\n";
    let path = dir.path().join("p.sla");
    fs::write(&path, text).expect("write portfolio");
    let path = path.to_string_lossy().into_owned();
    let run = |agreement: &str, opened: &str, json: bool| {
        let mut args = vec![
            "due",
            path.as_str(),
            "--agreement",
            agreement,
            "--incident",
            "p1",
            "--target",
            "resolve",
            "--opened",
            opened,
        ];
        if json {
            args.extend(["--format", "json"]);
        }
        let out = Slac::new().args(&args).run();
        out.assert_code(0);
        out.stdout
    };
    // Inside the validity, before the last closure: no note.
    let inside = run("api_sla", "2027-03-01T10:00:00+01:00", false);
    assert_eq!(inside.lines().count(), 2, "{inside}");
    // Opened before the validity.
    let before = run("api_sla", "2025-12-01T10:00:00+01:00", false);
    assert!(
        before.contains(
            "note: the ticket is opened on 2025-12-01, outside the validity of `api_sla` \
             (from 2026-01-01 to 2027-12-31): the agreement does not apply then"
        ),
        "{before}"
    );
    // After both: two notes, the deadline still printed first.
    let after = run("api_sla", "2028-02-01T10:00:00+01:00", false);
    assert!(after.starts_with("2028-02-02T10:00:00+01:00\n"), "{after}");
    assert!(
        after.contains("outside the validity of `api_sla`"),
        "{after}"
    );
    assert!(
        after.contains(
            "note: calendar `cal` lists no closures after 2027-12-24: no holidays are assumed in 2028"
        ),
        "{after}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run("api_sla", "2028-02-01T10:00:00+01:00", true)).expect("json");
    assert_eq!(json["notes"].as_array().map(Vec::len), Some(2), "{json}");
    let json: serde_json::Value =
        serde_json::from_str(&run("api_sla", "2027-03-01T10:00:00+01:00", true)).expect("json");
    assert!(json.get("notes").is_none(), "{json}");
    // A recurring closure: holidays are known every year.
    let yearly = run("web_sla", "2027-06-01T10:00:00+02:00", false);
    assert_eq!(yearly.lines().count(), 2, "{yearly}");
}
