//! `slac eval` through the real binary, against hand-computed oracles: attainment at
//! exact tier boundaries, merging, maintenance allowance, exclusions, real month lengths,
//! business-hours calendars, ticket deadlines with pauses, DST and holidays, credits, the
//! cap, quarter fees, strict CSV errors and `--propagate`.

use crate::common::{Run, Slac};
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub(crate) const PARTIES: &str =
    "provider acme \"Acme\"\ncustomer globex \"Globex\" { subscribes api }\n\
service api \"API\"\n";

/// Writes the portfolio (parties, then `body`) and the CSV files into `dir`, runs `slac eval`
/// and returns the process output.
pub(crate) fn eval_in(
    dir: &Path,
    body: &str,
    period: &str,
    files: &[(&str, &str)],
    extra: &[&str],
) -> Run {
    fs::write(dir.join("p.sla"), format!("{PARTIES}{body}")).expect("write portfolio");
    let mut args: Vec<String> = vec![
        "eval".into(),
        dir.join("p.sla").to_string_lossy().into_owned(),
        "--period".into(),
        period.into(),
        "--today".into(),
        "2026-11-26".into(),
    ];
    for (flag, text) in files {
        let path = dir.join(format!("{flag}.csv"));
        fs::write(&path, text).expect("write csv");
        args.push(format!("--{flag}"));
        args.push(path.to_string_lossy().into_owned());
    }
    args.extend(extra.iter().map(|s| (*s).to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Slac::new().args(&args).run()
}

/// The JSON report; the run must succeed.
pub(crate) fn eval_json(body: &str, period: &str, files: &[(&str, &str)], extra: &[&str]) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut extra = extra.to_vec();
    extra.extend(["--format", "json"]);
    let out = eval_in(dir.path(), body, period, files, &extra);
    out.assert_code(0);
    serde_json::from_str(&out.stdout).expect("valid JSON")
}

pub(crate) fn agreement<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .find(|a| a["agreement"] == name)
        .unwrap_or_else(|| panic!("no agreement {name} in {report}"))
}

pub(crate) fn sla(extra: &str) -> String {
    format!("sla api_sla \"API SLA\" {{\n  provider acme\n  customer globex\n  services api\n{extra}\n}}\n")
}

pub(crate) const OUTAGE_HEADER: &str = "service,start,end,cause,announced\n";
pub(crate) const TICKET_HEADER: &str =
    "id,customer,service,type,class,opened,responded,resolved,paused\n";

/// A public cloud provider's tiers: 99.99% monthly, credits below 99.99/99.0/95.0.
fn cloud(op: &str) -> String {
    sla(&format!(
        "  fee 1000 USD per month\n  availability 99.99% per month\n  penalty on availability {{\n    \
         below 99.99% credit 10%\n    {op} 99.0% credit 25%\n    below 95.0% credit 100%\n  }}"
    ))
}

#[test]
fn attainment_exactly_at_a_threshold_is_not_below_it_but_is_at_or_below_it() {
    // November 2026 in UTC: 43,200 minutes; 1% of it is 432 minutes = 7h12m.
    let outages = format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-10T07:12:00Z,,\n");
    let r = eval_json(&cloud("below"), "2026-11", &[("outages", &outages)], &[]);
    let a = agreement(&r, "api_sla");
    let o = &a["objectives"][0];
    assert_eq!(o["open_minutes"], 43200.0);
    assert_eq!(o["downtime_minutes"], 432.0);
    assert_eq!(o["attainment"], 99.0);
    assert_eq!(o["met"], false);
    assert_eq!(a["credits"][0]["on"], "availability");
    assert_eq!(a["credits"][0]["percent"], 10.0);
    assert_eq!(a["total_amount"], 100.0);
    assert_eq!(a["currency"], "USD");

    let r = eval_json(
        &cloud("at or below"),
        "2026-11",
        &[("outages", &outages)],
        &[],
    );
    assert_eq!(agreement(&r, "api_sla")["credits"][0]["percent"], 25.0);
    assert_eq!(agreement(&r, "api_sla")["total_amount"], 250.0);

    // One second more is below 99.0 either way.
    let outages = format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-10T07:12:01Z,,\n");
    let r = eval_json(&cloud("below"), "2026-11", &[("outages", &outages)], &[]);
    assert_eq!(agreement(&r, "api_sla")["credits"][0]["percent"], 25.0);
}

#[test]
fn exactly_at_the_target_is_met_and_a_fraction_of_a_second_more_is_not() {
    // 0.01% of 2,592,000 s is 259.2 s.
    let at = format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-10T00:04:19.2Z,,\n");
    let r = eval_json(&cloud("below"), "2026-11", &[("outages", &at)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["attainment"], 99.99);
    assert_eq!(a["objectives"][0]["met"], true);
    assert_eq!(a["credits"], Value::Array(vec![]));
    assert_eq!(a["total_percent"], 0.0);
    let over = format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-10T00:04:19.200001Z,,\n");
    let r = eval_json(&cloud("below"), "2026-11", &[("outages", &over)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["met"], false);
    assert_eq!(a["credits"][0]["percent"], 10.0);
}

#[test]
fn overlapping_outages_of_one_service_are_merged_and_clipped_to_the_period() {
    let outages = format!(
        "{OUTAGE_HEADER}api,2026-11-10T10:00:00Z,2026-11-10T10:30:00Z,,\n\
         api,2026-11-10T10:15:00Z,2026-11-10T10:45:00Z,,\n\
         api,2026-11-10T10:20:00Z,2026-11-10T10:25:00Z,,\n\
         api,2026-10-31T23:00:00Z,2026-11-01T00:10:00Z,,\n\
         other,2026-11-12T00:00:00Z,2026-11-13T00:00:00Z,,\n"
    );
    let r = eval_json(
        &format!(
            "service other \"Other\"\n{}",
            sla("  availability 99.8% per month")
        ),
        "2026-11",
        &[("outages", &outages)],
        &[],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_minutes"], 55.0);
    assert_eq!(o["attainment"], 100.0 * (1.0 - 55.0 / 43200.0));
    assert_eq!(o["met"], true);
    // `other` is known but no SLA covers it: counted, not dropped.
    assert_eq!(r["unmatched"]["outages"], 1);
    assert_eq!(
        r["unmatched"]["reasons"][0]["lines"],
        serde_json::json!([6])
    );
}

#[test]
fn announced_maintenance_is_excused_up_to_the_monthly_allowance() {
    let body = "calendar patch \"Patching\" { sun 02:00-06:00 }\n".to_string()
        + &sla("  availability 99% per month\n  maintenance { during patch notice 72h max 2h per month }");
    let outages = format!(
        "{OUTAGE_HEADER}\
         api,2026-11-01T01:30:00Z,2026-11-01T05:00:00Z,maintenance,2026-10-25T00:00:00Z\n\
         api,2026-11-08T02:00:00Z,2026-11-08T02:30:00Z,maintenance,2026-11-07T12:00:00Z\n\
         api,2026-11-15T02:00:00Z,2026-11-15T03:00:00Z,maintenance,2026-11-01T00:00:00Z\n\
         api,2026-11-22T02:00:00Z,2026-11-22T02:10:00Z,maintenance,\n"
    );
    // First: 30 minutes before the window count, 2h of the window are excused, the third
    // hour exceeds the allowance. Second: 14 hours' notice, counts. Third: allowance used up.
    // Fourth: never announced.
    let r = eval_json(&body, "2026-11", &[("outages", &outages)], &[]);
    assert_eq!(
        agreement(&r, "api_sla")["objectives"][0]["downtime_minutes"],
        30.0 + 60.0 + 30.0 + 60.0 + 10.0
    );
}

#[test]
fn maintenance_allowance_is_per_calendar_month_and_earlier_maintenance_uses_it_first() {
    let body = "calendar any \"Any time\" { mon-sun 00:00-24:00 }\n".to_string()
        + &sla("  availability 99% per quarter\n  maintenance { during any notice 1h max 1h per month }");
    let outages = format!(
        "{OUTAGE_HEADER}\
         api,2026-10-05T00:00:00Z,2026-10-05T00:45:00Z,maintenance,2026-10-01T00:00:00Z\n\
         api,2026-10-06T00:00:00Z,2026-10-06T00:45:00Z,maintenance,2026-10-01T00:00:00Z\n\
         api,2026-11-06T00:00:00Z,2026-11-06T00:45:00Z,maintenance,2026-10-01T00:00:00Z\n"
    );
    // October: 45 excused, then 15 of 45: 30 count. November: all 45 excused.
    let r = eval_json(&body, "2026-Q4", &[("outages", &outages)], &[]);
    assert_eq!(
        agreement(&r, "api_sla")["objectives"][0]["downtime_minutes"],
        30.0
    );
}

#[test]
fn an_excluded_cause_does_not_count_and_any_other_cause_does() {
    let body = sla("  availability 99% per month\n  exclude force_majeure \"Storms.\"");
    let outages = format!(
        "{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-10T05:00:00Z,force_majeure,\n\
         api,2026-11-11T00:00:00Z,2026-11-11T00:20:00Z,power_failure,\n\
         api,2026-11-12T00:00:00Z,2026-11-12T00:07:00Z,maintenance,2026-11-01T00:00:00Z\n"
    );
    let r = eval_json(&body, "2026-11", &[("outages", &outages)], &[]);
    // No maintenance statement: maintenance counts too.
    assert_eq!(
        agreement(&r, "api_sla")["objectives"][0]["downtime_minutes"],
        27.0
    );
}

#[test]
fn november_in_new_york_lasts_43260_minutes() {
    let body = sla("  timezone \"America/New_York\"\n  availability 99.9% per month");
    let outages = format!(
        "{OUTAGE_HEADER}api,2026-11-01T04:00:00Z,2026-11-01T04:30:00Z,,\n\
         api,2026-12-01T04:59:00Z,2026-12-01T05:30:00Z,,\n"
    );
    let r = eval_json(&body, "2026-11", &[("outages", &outages)], &[]);
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["open_minutes"], 43260.0);
    // The first starts exactly at local midnight; the second leaves one minute in November.
    assert_eq!(o["downtime_minutes"], 31.0);
    assert_eq!(o["attainment"], 100.0 * (1.0 - 31.0 / 43260.0));
}

#[test]
fn downtime_counts_only_in_the_objectives_calendar() {
    let body = "calendar office \"Office\" { mon-fri 09:00-17:00 }\n".to_string()
        + &sla("  availability 98% per month during office");
    // Friday 16:00 to Monday 10:00: one hour on each side of the weekend.
    let outages = format!("{OUTAGE_HEADER}api,2026-11-06T16:00:00Z,2026-11-09T10:00:00Z,,\n");
    let r = eval_json(&body, "2026-11", &[("outages", &outages)], &[]);
    let o = &agreement(&r, "api_sla")["objectives"][0];
    // 21 weekdays of 8 hours.
    assert_eq!(o["open_minutes"], 10080.0);
    assert_eq!(o["downtime_minutes"], 120.0);
    assert_eq!(o["met"], true);
}

#[test]
fn fractional_seconds_are_never_rounded() {
    let outages =
        format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00.25Z,2026-11-10T00:00:00.7500001Z,,\n");
    let r = eval_json(
        &sla("  availability 99% per month"),
        "2026-11",
        &[("outages", &outages)],
        &[],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_minutes"], 500_000_100.0 / 60e9);
}

pub(crate) fn support_sla(calendar: &str, targets: &str, penalties: &str) -> String {
    format!("{calendar}\n")
        + &sla(&format!(
            "  support {{\n    during office\n    {targets}\n  }}\n{penalties}"
        ))
}

pub(crate) fn support<'a>(r: &'a Value, class: &str, target: &str) -> &'a Value {
    agreement(r, "api_sla")["support"]
        .as_array()
        .expect("support")
        .iter()
        .find(|s| s["class"] == class && s["target"] == target)
        .unwrap_or_else(|| panic!("no {class} {target}"))
}

pub(crate) const UTC_OFFICE: &str = "calendar office \"Office\" { mon-fri 09:00-17:00 }";

#[test]
fn pauses_stop_the_clock_only_in_open_hours() {
    let body = support_sla(UTC_OFFICE, "incident p1 { response 1h resolve 4h }", "");
    let tickets = format!(
        "{TICKET_HEADER}\
         T1,globex,api,incident,p1,2026-11-02T09:00:00Z,2026-11-02T09:30:00Z,2026-11-02T13:30:00Z,2026-11-02T10:00:00Z/2026-11-02T11:00:00Z\n\
         T2,globex,api,incident,p1,2026-11-02T09:00:00Z,2026-11-02T09:30:00Z,2026-11-02T13:30:00Z,2026-11-02T18:00:00Z/2026-11-02T20:00:00Z\n\
         T3,globex,api,incident,p1,2026-11-03T09:00:00Z,2026-11-03T10:30:00Z,2026-11-03T14:00:00Z,2026-11-03T09:15:00Z/2026-11-03T09:45:00Z;2026-11-03T12:00:00Z/2026-11-03T12:30:00Z\n"
    );
    let r = eval_json(&body, "2026-11", &[("tickets", &tickets)], &[]);
    // T1: due 14:00 with an hour paused, met. T2: the pause is outside open hours, due
    // 13:00, breached. T3: response due 10:30 (30 minutes paused), met; resolve due 14:00.
    let resolve = support(&r, "p1", "resolve");
    assert_eq!(resolve["tickets"], 3);
    assert_eq!(resolve["met"], 2);
    assert_eq!(resolve["breaches"], serde_json::json!(["T2"]));
    assert_eq!(resolve["share_met"], 200.0 / 3.0);
    assert_eq!(resolve["ok"], false);
    let response = support(&r, "p1", "response");
    assert_eq!(response["met"], 3);
    assert_eq!(response["ok"], true);
}

#[test]
fn a_deadline_across_the_dst_change_is_in_local_office_hours() {
    let paris =
        "calendar office \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 08:00-17:00\n}";
    let body = support_sla(paris, "incident p1 { resolve 4h }", "");
    // Friday 16:00 CEST + 4h: one hour on Friday, three on Monday after the clocks went
    // back: due Monday 11:00 CET = 10:00Z.
    let tickets = format!(
        "{TICKET_HEADER}\
         T1,globex,api,incident,p1,2026-10-23T16:00:00+02:00,,2026-10-26T10:00:00Z,\n\
         T2,globex,api,incident,p1,2026-10-23T16:00:00+02:00,,2026-10-26T10:00:00.001Z,\n"
    );
    let r = eval_json(&body, "2026-10", &[("tickets", &tickets)], &[]);
    let s = support(&r, "p1", "resolve");
    assert_eq!(s["met"], 1);
    assert_eq!(s["breaches"], serde_json::json!(["T2"]));
}

#[test]
fn a_holiday_moves_the_deadline() {
    let paris = "calendar office \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 09:00-17:00\n  closed 2026-12-25\n}";
    let body = support_sla(paris, "incident p1 { resolve 4h }", "");
    // Thursday 24th 15:00: two hours that day, Christmas closed, the weekend closed, two
    // hours on Monday 28th: due 11:00.
    let tickets = format!(
        "{TICKET_HEADER}\
         T1,globex,api,incident,p1,2026-12-24T15:00:00+01:00,,2026-12-28T11:00:00+01:00,\n\
         T2,globex,api,incident,p1,2026-12-24T15:00:00+01:00,,2026-12-28T11:00:01+01:00,\n"
    );
    let r = eval_json(&body, "2026-12", &[("tickets", &tickets)], &[]);
    let s = support(&r, "p1", "resolve");
    assert_eq!(s["met"], 1);
    assert_eq!(s["breaches"], serde_json::json!(["T2"]));
}

#[test]
fn open_tickets_at_the_end_of_the_period_are_breached_when_overdue_else_pending() {
    let body = support_sla(UTC_OFFICE, "incident p1 { resolve 4h at 50% }", "");
    let tickets = format!(
        "{TICKET_HEADER}\
         T1,globex,api,incident,p1,2026-11-30T09:00:00Z,,,\n\
         T2,globex,api,incident,p1,2026-11-30T15:00:00Z,,,\n\
         T3,globex,api,incident,p1,2026-11-27T09:00:00Z,,2026-11-27T10:00:00Z,\n\
         T4,other,api,incident,p1,2026-11-27T09:00:00Z,,,\n\
         T5,globex,api,incident,p1,2026-10-30T09:00:00Z,,,\n"
    );
    let body = format!("customer other \"Other\"\n{body}");
    let r = eval_json(&body, "2026-11", &[("tickets", &tickets)], &[]);
    // T4's customer has no SLA, T5 was opened in October: both counted as unmatched.
    assert_eq!(r["unmatched"]["tickets"], 2, "{r}");
    let s = support(&r, "p1", "resolve");
    assert_eq!(s["tickets"], 2);
    assert_eq!(s["met"], 1);
    assert_eq!(s["pending"], 1);
    assert_eq!(s["breaches"], serde_json::json!(["T1"]));
    assert_eq!(s["share_met"], 50.0);
    assert_eq!(s["required_share"], 50.0);
    assert_eq!(s["ok"], true);
}

#[test]
fn per_breach_credits_are_capped() {
    let body = support_sla(
        UTC_OFFICE,
        "incident p1 { resolve 1h }",
        "  fee 2000 EUR per month\n  penalty on incident p1 resolve { each breach credit 15% }\n  cap 40%",
    );
    let mut tickets = TICKET_HEADER.to_string();
    for i in 0..3 {
        let day = i + 2;
        let _ = writeln!(
            tickets,
            "T{i},globex,api,incident,p1,2026-11-0{day}T09:00:00Z,,2026-11-0{day}T12:00:00Z,"
        );
    }
    let r = eval_json(&body, "2026-11", &[("tickets", &tickets)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["credits"][0]["on"], "incident p1 resolve");
    assert_eq!(a["credits"][0]["percent"], 45.0);
    assert_eq!(a["credits"][0]["amount"], 900.0);
    assert_eq!(a["cap_percent"], 40.0);
    assert_eq!(a["total_percent"], 40.0);
    assert_eq!(a["total_amount"], 800.0);
    assert_eq!(a["currency"], "EUR");
}

#[test]
fn a_quarter_credits_three_monthly_fees_and_skips_monthly_objectives() {
    let body = sla(
        "  fee 1000 EUR per month\n  availability 99.9% per quarter\n  outcome orders 99% per month\n  \
         penalty on availability { below 99.9% credit 10% }",
    );
    // Q4 2026 in UTC: 92 days = 132,480 minutes; 0.1% is 132.48 minutes.
    let outages = format!("{OUTAGE_HEADER}api,2026-12-01T00:00:00Z,2026-12-01T03:00:00Z,,\n");
    let r = eval_json(&body, "2026-Q4", &[("outages", &outages)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["open_minutes"], 132_480.0);
    assert_eq!(a["objectives"][0]["met"], false);
    assert_eq!(a["objectives"][1]["evaluated"], false);
    assert_eq!(a["credits"][0]["amount"], 300.0);
    assert_eq!(a["total_amount"], 300.0);
    assert!(a["total_amount"].is_f64());
}

#[test]
fn without_a_fee_there_is_no_amount() {
    let r = eval_json(
        &sla(
            "  availability 99.9% per month\n  penalty on availability { below 99.9% credit 10% }",
        ),
        "2026-11",
        &[(
            "outages",
            &format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-11T00:00:00Z,,\n"),
        )],
        &[],
    );
    let a = agreement(&r, "api_sla");
    assert_eq!(a["credits"][0]["amount"], Value::Null);
    assert_eq!(a["total_percent"], 10.0);
    assert_eq!(a["total_amount"], Value::Null);
    assert_eq!(a["region"], Value::Null);
}

#[test]
fn latency_and_outcome_come_from_measurements() {
    let body = sla("  latency 99% within 300ms per month\n  outcome orders 99.5% per month\n  outcome refunds 90% per month");
    let m = "service,objective,good,total\napi,latency,990,1000\napi,orders,9949,10000\napi,latency,0,0\n";
    let r = eval_json(&body, "2026-11", &[("measurements", m)], &[]);
    let o = &agreement(&r, "api_sla")["objectives"];
    assert_eq!(o[0]["attainment"], 99.0);
    assert_eq!(o[0]["met"], true);
    assert_eq!(o[1]["good"], 9949);
    assert_eq!(o[1]["met"], false);
    assert_eq!(o[2]["evaluated"], false);
}

#[test]
fn agreements_out_of_validity_are_left_out() {
    let body = sla("  valid from 2026-12-01\n  availability 99.9% per month");
    let r = eval_json(&body, "2026-11", &[], &[]);
    assert_eq!(r["agreements"], serde_json::json!([]));
    let r = eval_json(&body, "2026-Q4", &[], &[]);
    assert_eq!(r["agreements"][0]["agreement"], "api_sla");
}

#[test]
fn propagate_follows_serial_dependencies_and_any_of_groups() {
    let body = "service db \"DB\" { depends_on any_of(dc1, dc2) }\nservice dc1 \"DC1\"\nservice dc2 \"DC2\"\n\
                service app \"App\" { depends_on db }\n"
        .to_string()
        + &sla("  availability 99% per month")
            .replace("services api", "services app")
        + "customer initech \"Initech\" { subscribes app }\n";
    let body = body.replace("customer globex\n", "customer initech\n");
    let outages = format!(
        "{OUTAGE_HEADER}dc1,2026-11-10T10:00:00Z,2026-11-10T11:00:00Z,,\n\
         dc2,2026-11-10T10:30:00Z,2026-11-10T11:30:00Z,,\n\
         db,2026-11-11T00:00:00Z,2026-11-11T00:05:00Z,,\n"
    );
    let files = [("outages", outages.as_str())];
    // `api` of the shared parties is subscribed but uncovered here; only warnings/errors
    // about it would fail the run, so cover it too.
    let body = body + &sla("  availability 99% per month").replace("api_sla", "api_sla2");
    let without = eval_json(&body, "2026-11", &files, &[]);
    assert_eq!(
        agreement(&without, "api_sla")["objectives"][0]["downtime_minutes"],
        0.0
    );
    let with = eval_json(&body, "2026-11", &files, &["--propagate"]);
    // Both data centres down 10:30-11:00, and the database's own five minutes.
    assert_eq!(
        agreement(&with, "api_sla")["objectives"][0]["downtime_minutes"],
        35.0
    );
}

#[test]
fn a_bad_row_names_file_line_and_column_and_nothing_is_printed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outages = format!(
        "{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-10T01:00:00Z,,\napi,yesterday,2026-11-10T01:00:00Z,,\n"
    );
    let out = eval_in(
        dir.path(),
        &sla("  availability 99% per month"),
        "2026-11",
        &[("outages", &outages)],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = &out.stderr;
    assert!(err.contains("outages.csv:3:2: `start`"), "{err}");

    let tickets = "id,customer,service,type,class,opened,responded,resolved\nT1,globex,api,problem,p1,2026-11-10T00:00:00Z,,\n";
    let out = eval_in(
        dir.path(),
        &sla(""),
        "2026-11",
        &[("tickets", tickets)],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    out.assert_stderr_contains("tickets.csv:2:4: `type`");

    let short = format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00Z\n");
    let out = eval_in(dir.path(), &sla(""), "2026-11", &[("outages", &short)], &[]);
    out.assert_stderr_contains("outages.csv:2:3: expected 5 fields, found 2");

    let header = "service,begin,end,cause,announced\n";
    let out = eval_in(dir.path(), &sla(""), "2026-11", &[("outages", header)], &[]);
    out.assert_stderr_contains("outages.csv:1:2:");

    let m = "service,objective,good,total\napi,latency,5,4\n";
    let out = eval_in(dir.path(), &sla(""), "2026-11", &[("measurements", m)], &[]);
    out.assert_stderr_contains("measurements.csv:2:3:");
}

#[test]
fn a_portfolio_with_errors_is_reported_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = eval_in(
        dir.path(),
        "sla broken { provider nobody }",
        "2026-11",
        &[],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_period_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    for p in ["2026-13", "2026-Q5", "26", "2026-1"] {
        let out = eval_in(dir.path(), &sla(""), p, &[], &[]);
        assert_eq!(out.status.code(), Some(2), "{p}");
    }
}

#[test]
fn the_acme_example_in_human_json_and_html() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outages = dir.path().join("o.csv");
    fs::write(
        &outages,
        format!("{OUTAGE_HEADER}checkout,2026-11-10T10:00:00Z,2026-11-10T10:12:30Z,,\n"),
    )
    .expect("write");
    let o = outages.to_string_lossy();
    let run = |format: &str| {
        let out = Slac::new()
            .args([
                "eval",
                "examples/acme",
                "--period",
                "2026-11",
                "--outages",
                &o,
                "--format",
                format,
                "--today",
                "2026-11-26",
            ])
            .run();
        out.assert_code(0);
        out.stdout
    };
    let text = run("json");
    // The document of docs/cli.md, field by field and in order.
    let from = text
        .find("\"agreement\": \"globex_checkout\"")
        .expect("globex_checkout");
    let keys = [
        "region",
        "objectives",
        "support",
        "credits",
        "cap_percent",
        "total_percent",
        "total_amount",
        "currency",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| from + text[from..].find(&format!("\"{k}\":")).expect("key"))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    let json: Value = serde_json::from_str(&text).expect("json");
    let a = agreement(&json, "globex_checkout");
    assert_eq!(
        a["objectives"][0],
        serde_json::json!({"kind": "availability", "name": "availability", "target": 99.9,
            "evaluated": true, "open_minutes": 43200.0, "downtime_minutes": 12.5,
            "open_seconds": "2592000", "downtime_seconds": "750",
            "attainment": 99.971_064_814_814_81, "met": true})
    );
    assert!(run("human").contains("globex_checkout"));
    let html = run("html");
    assert!(html.contains("<svg"), "{html}");
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn the_nanosecond_clock_is_exact_at_a_closing_time() {
    use chrono::Weekday;
    use slac::eval::clock;
    use slac::time::{Calendar, WeekInterval};
    let weekly: Vec<WeekInterval> = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
    .into_iter()
    .map(|day| WeekInterval {
        day,
        start: 9 * 60,
        end: 17 * 60,
    })
    .collect();
    let cal = Calendar::new(chrono_tz::UTC, &weekly, &[]);
    let ns = |s: &str| slac::eval::input::parse_instant(s).expect("instant");
    let a = ns("2026-11-02T16:59:59.9995Z");
    // Half a millisecond before the close, the other half on Tuesday morning.
    assert_eq!(
        clock::deadline(&cal, a, 1_000_000),
        Some(ns("2026-11-03T09:00:00.0005Z"))
    );
    assert_eq!(
        clock::open_time(&cal, a, ns("2026-11-03T09:00:00.0005Z")),
        1_000_000
    );
    assert_eq!(clock::open_time(&cal, a, a + 1_000_000), 500_000);
    // A pause covering Tuesday 09:00-10:00 pushes it by an hour.
    let pause = [(ns("2026-11-03T08:00:00Z"), ns("2026-11-03T10:00:00Z"))];
    assert_eq!(
        clock::deadline_paused(&cal, a, 1_000_000, &pause),
        Some(ns("2026-11-03T10:00:00.0005Z"))
    );
}

#[test]
fn validities_far_outside_the_nanosecond_range_still_cover_the_period() {
    // Nanoseconds reach only the years 1678 to 2261: a validity from year 1 to 9999 must
    // saturate on its own side, not drop the agreement.
    let body = sla("  valid from 0001-01-01 to 9999-12-31\n  availability 99.9% per month\n  latency 99% within 300ms per month\n");
    let r = eval_json(&body, "2026-11", &[("outages", OUTAGE_HEADER)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["evaluated"], true);
    assert_eq!(a["objectives"][0]["attainment"], 100.0);
}

#[test]
fn a_credit_below_the_claims_minimum_is_not_paid() {
    // 99.9% in a 30-day month allows 43 min 12 s; 50 min down → below 99.9% → 10 USD.
    let body = |min: &str| {
        sla(&format!(
            "  fee 100 USD per month\n  availability 99.9% per month\n  \
             penalty on availability {{ below 99.9% credit 10% }}\n  \
             claims {{ within 30d minimum {min} }}"
        ))
    };
    let outages = format!("{OUTAGE_HEADER}api,2026-11-10T09:00:00Z,2026-11-10T09:50:00Z,,\n");
    let r = eval_json(&body("25 USD"), "2026-11", &[("outages", &outages)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["total_amount"], 0.0, "{a}");
    assert!(a.to_string().contains("below the minimum credit"), "{a}");
    let r = eval_json(&body("5 USD"), "2026-11", &[("outages", &outages)], &[]);
    assert_eq!(agreement(&r, "api_sla")["total_amount"], 10.0);
}

#[test]
fn availability_measured_by_its_indicator_is_judged_from_measurements() {
    let indicator = "indicator prometheus { errors \"sum(rate(e[{{window}}]))\" total \"sum(rate(t[{{window}}]))\" }";
    let outages = format!("{OUTAGE_HEADER}api,2026-11-10T09:00:00Z,2026-11-10T12:00:00Z,,\n");
    let m = "service,objective,good,total\napi,availability,9995,10000\n";
    // Measured by the indicator: 99.95% of events succeeded, the outages do not count.
    let body = sla(&format!(
        "  availability {{ target 99.9% window month measured by indicator {indicator} }}"
    ));
    let r = eval_json(
        &body,
        "2026-11",
        &[("outages", &outages), ("measurements", m)],
        &[],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["met"], true, "{o}");
    assert_eq!(o["good"], 9995);
    // Without `measured by` (or with `measured by outages`) the outages decide, as before.
    for how in ["", " measured by outages"] {
        let body = sla(&format!(
            "  availability {{ target 99.9% window month{how} {indicator} }}"
        ));
        let r = eval_json(&body, "2026-11", &[("outages", &outages)], &[]);
        let o = &agreement(&r, "api_sla")["objectives"][0];
        assert_eq!(o["met"], false, "{how}: {o}");
    }
}

/// An SLA in Paris terminated with 2026-06-15 as its last day, with a fee, an
/// availability penalty and a P1 resolve target.
fn terminated_sla() -> String {
    sla("  timezone \"Europe/Paris\"\n  valid from 2026-01-01 to 2026-12-31\n  status terminated\n  \
         signed 2025-12-01 by globex \"Walter Skinner, CIO\"\n  signed 2025-12-02 by acme \"Sophie Laurent, COO\"\n  \
         terminated 2026-06-15 \"Replaced by a new contract\"\n  fee 1000 USD per month\n  \
         availability 99.9% per month\n  penalty on availability { below 99.9% credit 10% }\n  \
         support { incident p1 { resolve 4h } }")
}

#[test]
fn outages_and_tickets_after_termination_are_not_counted_and_the_days_in_force_are() {
    // June 2026 in Paris: in force 1–15 June (15 of 30 days), until 2026-06-15T22:00Z.
    let outages = format!(
        "{OUTAGE_HEADER}api,2026-06-10T08:00:00Z,2026-06-10T10:00:00Z,,\n\
         api,2026-06-20T08:00:00Z,2026-06-20T13:00:00Z,,\n"
    );
    let tickets = format!(
        "{TICKET_HEADER}\
         T1,globex,api,incident,p1,2026-06-12T09:00:00Z,,2026-06-12T15:00:00Z,\n\
         T2,globex,api,incident,p1,2026-06-20T09:00:00Z,,2026-06-20T19:00:00Z,\n"
    );
    let r = eval_json(
        &terminated_sla(),
        "2026-06",
        &[("outages", &outages), ("tickets", &tickets)],
        &[],
    );
    let a = agreement(&r, "api_sla");
    assert_eq!(a["in_force"]["from"], "2026-05-31T22:00:00Z", "{a}");
    assert_eq!(a["in_force"]["to"], "2026-06-15T22:00:00Z", "{a}");
    assert_eq!(a["in_force"]["whole_period"], false);
    assert_eq!(
        a["terminated"],
        serde_json::json!({"on": "2026-06-15", "reason": "Replaced by a new contract"})
    );
    // Only the 2 h outage before the termination, over the 15 days in force.
    let o = &a["objectives"][0];
    assert_eq!(o["open_minutes"], 21_600.0, "{o}");
    assert_eq!(o["downtime_minutes"], 120.0, "{o}");
    assert_eq!(o["met"], false);
    // Only T1 (breached); T2 was opened after the last day, so it is not judged.
    let s = support(&r, "p1", "resolve");
    assert_eq!(s["tickets"], 1, "{s}");
    assert_eq!(s["breaches"], serde_json::json!(["T1"]));
    assert_eq!(r["unmatched"]["tickets"], 1, "{r}");
    assert_eq!(r["unmatched"]["outages"], 1, "{r}");
    // 10% of the fee for the 15 days in force: half of 1,000 USD.
    assert_eq!(a["credits"][0]["amount"], 50.0, "{a}");

    // After the month it ends in, it judges nothing.
    let r = eval_json(&terminated_sla(), "2026-07", &[("outages", &outages)], &[]);
    assert_eq!(r["agreements"], serde_json::json!([]), "{r}");

    let dir = tempfile::tempdir().expect("temp dir");
    let human = eval_in(
        dir.path(),
        &terminated_sla(),
        "2026-06",
        &[("outages", &outages)],
        &[],
    );
    human.assert_code(0);
    assert!(
        human.stdout.contains(
            "terminated: in force until 2026-06-15 only (Replaced by a new contract); nothing after it is judged"
        ),
        "{}",
        human.stdout
    );
}

/// The contract's "in force until" and eval's end of the time in force come from one
/// rule (`model::lifecycle::last_day`): the day the document names ends where eval stops.
#[test]
fn the_document_and_eval_agree_on_the_last_day_in_force() {
    use chrono::TimeZone as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let body = terminated_sla();
    fs::write(dir.path().join("p.sla"), format!("{PARTIES}{body}")).expect("write");
    let out = dir.path().join("out");
    Slac::new()
        .args([
            "build",
            dir.path().join("p.sla").to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
            "--emit",
            "markdown",
        ])
        .run()
        .assert_code(0);
    let md = fs::read_to_string(out.join("internal/markdown/api_sla.md")).expect("markdown");
    let marker = "in force until ";
    let at = md.find(marker).expect("the document names the last day") + marker.len();
    let words: Vec<&str> = md[at..].split_whitespace().take(3).collect();
    let last = chrono::NaiveDate::parse_from_str(&words.join(" "), "%d %B %Y")
        .unwrap_or_else(|e| panic!("{words:?}: {e}"));
    assert_eq!(last.to_string(), "2026-06-15");
    let r = eval_json(&body, "2026-06", &[], &[]);
    let end = agreement(&r, "api_sla")["in_force"]["to"]
        .as_str()
        .expect("to")
        .to_string();
    // The end of eval's time in force is the local midnight after the document's day.
    let next = last.succ_opt().expect("a next day");
    let midnight = chrono_tz::Europe::Paris
        .from_local_datetime(&next.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("one midnight")
        .with_timezone(&chrono::Utc);
    assert_eq!(
        end,
        midnight.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
}
