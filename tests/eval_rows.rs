//! `slac eval` accounts for every input row and every day of validity: unknown ids are
//! errors with a did-you-mean, rows no SLA judges are counted with a reason, partial
//! validity clips time and prorates the fee, credits are never understated, and one
//! outage pays once (the most specific SLA judges a pair; regions share fee and cap).

use crate::eval::{
    agreement, eval_in, eval_json, sla, support, support_sla, OUTAGE_HEADER, TICKET_HEADER,
    UTC_OFFICE,
};
use serde_json::Value;
use std::fmt::Write as _;

/// Runs eval expecting a usage error; returns stderr.
fn eval_fails(body: &str, files: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = eval_in(dir.path(), body, "2026-11", files, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", out.stdout);
    assert!(out.stdout.is_empty(), "nothing is printed on stdout");
    out.stderr
}

const CLOUD: &str = "  fee 1000 USD per month\n  availability 99.9% per month\n  \
    penalty on availability { below 99.9% credit 10%\n below 99% credit 25% }";

#[test]
fn an_unknown_id_is_an_error_with_file_line_column_and_a_case_aware_suggestion() {
    let body = format!(
        "service printing \"Printing\"\n{}",
        support_sla(UTC_OFFICE, "incident p1 { resolve 4h }", "")
    );
    let err = eval_fails(
        &body,
        &[(
            "outages",
            &format!("{OUTAGE_HEADER}Printing,2026-11-10T00:00:00Z,2026-11-10T01:00:00Z,,\n"),
        )],
    );
    assert!(
        err.contains("outages.csv:2:1: unknown service `Printing`; did you mean `printing`?"),
        "{err}"
    );
    let tickets = format!(
        "{TICKET_HEADER}T1,globex,api,incident,P1,2026-11-10T00:00:00Z,,,\n\
         T2,globx,api,incident,p1,2026-11-10T00:00:00Z,,,\n"
    );
    let err = eval_fails(&body, &[("tickets", &tickets)]);
    assert!(
        err.contains("tickets.csv:2:5: unknown incident priority `P1`; did you mean `p1`?"),
        "{err}"
    );
    assert!(
        err.contains("tickets.csv:3:2: unknown customer `globx`; did you mean `globex`?"),
        "{err}"
    );
    let err = eval_fails(
        &body,
        &[(
            "outages",
            "service,start,end,cause,announced,region\napi,2026-11-10T00:00:00Z,2026-11-10T01:00:00Z,,,mars\n",
        )],
    );
    assert!(
        err.contains("outages.csv:2:6: unknown region `mars`"),
        "{err}"
    );
    let err = eval_fails(
        &sla("  latency 99% within 300ms per month"),
        &[(
            "measurements",
            "service,objective,good,total\napi,Latency,1,2\n",
        )],
    );
    assert!(
        err.contains("measurements.csv:2:2:") && err.contains("did you mean `latency`?"),
        "{err}"
    );
}

#[test]
fn rows_with_known_ids_that_no_sla_judges_are_counted_with_the_reason() {
    let body = format!(
        "service other \"Other\"\n{}",
        support_sla(
            UTC_OFFICE,
            "incident p1 { resolve 4h }\n incident p2 { resolve 8h }",
            ""
        )
    );
    let body = body.replace("services api", "services api\n  availability 99% per month");
    let outages = format!(
        "{OUTAGE_HEADER}other,2026-11-10T00:00:00Z,2026-11-10T01:00:00Z,,\n\
         api,2026-12-10T00:00:00Z,2026-12-10T01:00:00Z,,\n\
         api,2026-11-10T00:00:00Z,2026-11-10T01:00:00Z,,\n"
    );
    // p2 is defined in the SLA above, so only the service and time make rows unmatched.
    let tickets = format!(
        "{TICKET_HEADER}T1,globex,other,incident,p1,2026-11-10T00:00:00Z,,,\n\
         T2,globex,api,incident,p1,2026-11-10T00:00:00Z,,,\n"
    );
    let measurements = "service,objective,good,total\napi,latency,1,2\n";
    let body = format!("{body}\nsla lat \"Latency\" {{ provider acme customer globex services api latency 99% within 1s per quarter }}\n");
    let r = eval_json(
        &body,
        "2026-11",
        &[
            ("outages", &outages),
            ("tickets", &tickets),
            ("measurements", measurements),
        ],
        &[],
    );
    let u = &r["unmatched"];
    assert_eq!(u["outages"], 2, "{u}");
    assert_eq!(u["tickets"], 1, "{u}");
    assert_eq!(u["measurements"], 1, "{u}");
    let reasons: Vec<&str> = u["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|x| x["reason"].as_str().expect("reason"))
        .collect();
    assert!(reasons[0].contains("covers service `other`"), "{reasons:?}");
    assert!(reasons[1].contains("outside the period"), "{reasons:?}");
    assert!(reasons[3].contains("per month"), "{reasons:?}");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = eval_in(dir.path(), &body, "2026-11", &[("outages", &outages)], &[]);
    assert!(
        out.stdout
            .contains("unmatched rows (known ids, but no SLA in force judges them): 2 outages"),
        "{}",
        out.stdout
    );
}

#[test]
fn without_data_an_objective_is_not_evaluated_never_100_percent() {
    let body = sla(&format!("{CLOUD}\n  latency 99% within 300ms per month"));
    let r = eval_json(&body, "2026-11", &[], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["evaluated"], false);
    assert!(a["objectives"][0].get("attainment").is_none());
    assert_eq!(a["objectives"][0]["reason"], "no --outages given");
    assert_eq!(a["objectives"][1]["evaluated"], false);
    assert_eq!(a["complete"], false);
    assert_eq!(a["not_computed"][0]["on"], "availability");
    let dir = tempfile::tempdir().expect("temp dir");
    let human = eval_in(dir.path(), &body, "2026-11", &[], &[]).stdout;
    assert!(human.contains("INCOMPLETE"), "{human}");
    assert!(
        human.contains("credit on availability NOT COMPUTED"),
        "{human}"
    );
}

#[test]
fn measurement_sums_are_exact_beyond_64_bits() {
    let max = u64::MAX;
    let m = format!("service,objective,good,total\napi,latency,{max},{max}\napi,latency,0,{max}\n");
    let r = eval_json(
        &sla("  latency 99% within 300ms per month"),
        "2026-11",
        &[("measurements", &m)],
        &[],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["attainment"], 50.0, "{o}");
    assert_eq!(o["met"], false);
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = eval_in(
        dir.path(),
        &sla("  latency 99% within 300ms per month"),
        "2026-11",
        &[("measurements", &m)],
        &["--format", "json"],
    )
    .stdout;
    assert!(
        raw.contains(&format!("\"total\": {}", u128::from(max) * 2)),
        "{raw}"
    );
}

#[test]
fn a_duplicate_ticket_and_a_resolution_before_the_response_are_errors() {
    let body = support_sla(UTC_OFFICE, "incident p1 { resolve 4h }", "");
    let err = eval_fails(
        &body,
        &[(
            "tickets",
            &format!(
                "{TICKET_HEADER}T1,globex,api,incident,p1,2026-11-10T00:00:00Z,,,\n\
                 T1,globex,api,incident,p1,2026-11-11T00:00:00Z,,,\n"
            ),
        )],
    );
    assert!(
        err.contains("tickets.csv:3:1: `id`: ticket `T1` is already on line 2"),
        "{err}"
    );
    let err = eval_fails(
        &body,
        &[(
            "tickets",
            &format!("{TICKET_HEADER}T1,globex,api,incident,p1,2026-11-10T00:00:00Z,2026-11-10T02:00:00Z,2026-11-10T01:00:00Z,\n"),
        )],
    );
    assert!(
        err.contains("tickets.csv:2:8:") && err.contains("resolved before it was responded to"),
        "{err}"
    );
}

#[test]
fn an_agreement_in_force_for_part_of_the_period_is_judged_on_that_part() {
    // Valid from the 16th: an 8 h outage on the 5th gives no credit.
    let body = sla(&format!("  valid from 2026-11-16\n{CLOUD}"));
    let early = format!("{OUTAGE_HEADER}api,2026-11-05T00:00:00Z,2026-11-05T08:00:00Z,,\n");
    let r = eval_json(&body, "2026-11", &[("outages", &early)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["open_minutes"], 15.0 * 1440.0);
    assert_eq!(a["objectives"][0]["met"], true);
    assert_eq!(a["total_amount"], 0.0);
    assert_eq!(r["unmatched"]["outages"], 1);
    // 2 h on the 20th: judged over 15 days (99.44%), 10% of the fee for 15 of 30 days.
    let late = early.replace("11-05", "11-20").replace("T08:00", "T02:00");
    let r = eval_json(&body, "2026-11", &[("outages", &late)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["downtime_minutes"], 120.0);
    assert_eq!(a["credits"][0]["percent"], 10.0);
    assert_eq!(a["total_amount"], 50.0, "{a}");
    assert_eq!(a["in_force"]["from"], "2026-11-16T00:00:00Z");
    // Valid to the 15th: a ticket opened on the 20th is not counted.
    let body = support_sla(
        UTC_OFFICE,
        "incident p1 { resolve 4h }",
        "  valid from 2026-01-01 to 2026-11-15",
    );
    let t = format!("{TICKET_HEADER}T1,globex,api,incident,p1,2026-11-20T09:00:00Z,,,\n");
    let r = eval_json(&body, "2026-11", &[("tickets", &t)], &[]);
    assert_eq!(support(&r, "p1", "resolve")["tickets"], 0);
    assert_eq!(r["unmatched"]["tickets"], 1);
}

#[test]
fn fixed_credits_are_paid_without_a_fee() {
    let body = support_sla(
        UTC_OFFICE,
        "incident p1 { resolve 1h }",
        "  penalty on incident p1 resolve { each breach credit 500 EUR }",
    );
    let t = format!(
        "{TICKET_HEADER}T1,globex,api,incident,p1,2026-11-10T09:00:00Z,,2026-11-10T12:00:00Z,\n\
         T2,globex,api,incident,p1,2026-11-11T09:00:00Z,,2026-11-11T12:00:00Z,\n"
    );
    let r = eval_json(&body, "2026-11", &[("tickets", &t)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["credits"][0]["amount"], 1000.0, "{a}");
    assert_eq!(a["total_amount"], 1000.0);
    assert_eq!(a["currency"], "EUR");
    assert_eq!(a["complete"], true);
}

#[test]
fn a_rolling_window_penalty_makes_the_credit_incomplete() {
    let body = sla(
        "  fee 100 EUR per month\n  latency 99% within 300ms per rolling 28d\n  \
         penalty on latency { below 99% credit 10% }",
    );
    let r = eval_json(
        &body,
        "2026-11",
        &[(
            "measurements",
            "service,objective,good,total\napi,latency,1,2\n",
        )],
        &[],
    );
    let a = agreement(&r, "api_sla");
    assert_eq!(a["complete"], false);
    assert!(a["not_computed"][0]["reason"]
        .as_str()
        .expect("reason")
        .contains("rolling"));
    assert_eq!(r["unmatched"]["measurements"], 1);
}

#[test]
fn human_attainment_is_rounded_down_so_a_breach_never_reads_as_the_target() {
    let body = sla(CLOUD);
    // 2592.5 s of 2,592,000 s: 99.89998…%, below 99.9%.
    let o = format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-10T00:43:12.5Z,,\n");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = eval_in(dir.path(), &body, "2026-11", &[("outages", &o)], &[]);
    let human = &out.stdout;
    assert!(human.contains("99.8999%"), "{human}");
    assert_eq!(
        human.matches("99.9%").count(),
        1,
        "only the target: {human}"
    );
    let r = eval_json(&body, "2026-11", &[("outages", &o)], &[]);
    let obj = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(obj["open_seconds"], "2592000");
    assert_eq!(obj["downtime_seconds"], "2592.5");
    assert_eq!(obj["met"], false);
}

/// A corporate SLA, a customer-level SLA with shared terms and a service-level SLA.
const LEVELS: &str = "sla corp \"Corporate\" {\n  level corporate\n  provider acme\n  \
    availability 99% per month\n  support { incident p1 { resolve 8h } }\n  \
    penalty on availability { below 99% credit 5% }\n}\n\
    sla terms \"Shared terms\" {\n  level customer\n  extends corp\n  customer globex\n}\n\
    sla api_sla \"API SLA\" {\n  extends terms\n  services api\n  fee 1000 EUR per month\n  \
    availability 99.9% per month\n  support { incident p1 { resolve 4h } }\n  \
    penalty on availability { below 99.9% credit 10% }\n}\n";

#[test]
fn the_most_specific_sla_judges_a_pair_and_the_general_ones_step_back() {
    let o = format!("{OUTAGE_HEADER}api,2026-11-10T00:00:00Z,2026-11-10T10:00:00Z,,\n");
    let t = format!(
        "{TICKET_HEADER}T1,globex,api,incident,p1,2026-11-10T09:00:00Z,,2026-11-10T15:00:00Z,\n"
    );
    let r = eval_json(LEVELS, "2026-11", &[("outages", &o), ("tickets", &t)], &[]);
    let names: Vec<&str> = r["agreements"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a["agreement"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["api_sla"], "{r}");
    let shadowed: Vec<&Value> = r["shadowed"].as_array().expect("shadowed").iter().collect();
    assert_eq!(shadowed.len(), 2);
    assert_eq!(shadowed[0]["agreement"], "corp");
    assert_eq!(shadowed[0]["by"], serde_json::json!(["api_sla", "terms"]));
    assert_eq!(shadowed[1]["by"], serde_json::json!(["api_sla"]));
    assert_eq!(
        support(&r, "p1", "resolve")["breaches"],
        serde_json::json!(["T1"])
    );
    assert_eq!(agreement(&r, "api_sla")["total_amount"], 100.0);
    // Before the service SLA starts, the customer terms judge the pair.
    let later = LEVELS.replace("services api\n", "services api\n  valid from 2026-11-16\n");
    let r = eval_json(&later, "2026-11", &[("outages", &o), ("tickets", &t)], &[]);
    let terms = agreement(&r, "terms");
    assert_eq!(
        terms["objectives"][0]["open_minutes"],
        15.0 * 1440.0,
        "{terms}"
    );
    assert_eq!(terms["support"][0]["tickets"], 1);
    assert_eq!(agreement(&r, "api_sla")["support"][0]["tickets"], 0);
}

#[test]
fn regions_share_one_fee_and_cap_and_an_outage_pays_once() {
    let body = sla(&format!(
        "{CLOUD}\n  region eu \"Europe\" {{ availability 99.95% per month }}"
    ));
    let header = "service,start,end,cause,announced,region\n";
    // Everywhere: 10 h down in the base and in eu.
    let o = format!("{header}api,2026-11-10T00:00:00Z,2026-11-10T10:00:00Z,,,\n");
    let r = eval_json(&body, "2026-11", &[("outages", &o)], &[]);
    let list = r["agreements"].as_array().expect("list");
    assert_eq!(list.len(), 2);
    // 600 of 43,200 minutes down: 98.6%, 25% in both; paid once, under the base.
    assert_eq!(list[0]["total_amount"], 250.0, "{r}");
    assert_eq!(list[1]["total_amount"], 0.0, "{r}");
    assert_eq!(list[1]["credit_paid_under"], "base");
    // Only in eu: the base does not see it.
    let o = format!("{header}api,2026-11-10T00:00:00Z,2026-11-10T10:00:00Z,,,eu\n");
    let r = eval_json(&body, "2026-11", &[("outages", &o)], &[]);
    let list = r["agreements"].as_array().expect("list");
    assert_eq!(list[0]["objectives"][0]["downtime_minutes"], 0.0);
    assert_eq!(list[1]["objectives"][0]["downtime_minutes"], 600.0);
    assert_eq!(list[1]["total_amount"], 250.0);
    assert_eq!(list[1]["credit_paid_under"], Value::Null);
}

#[test]
fn a_ticket_in_a_region_the_agreement_does_not_name_is_judged_by_its_base() {
    let body = support_sla(
        UTC_OFFICE,
        "incident p1 { resolve 4h }",
        "  region eu \"Europe\" { support { incident p1 { resolve 8h } } }",
    ) + "customer initech \"Initech\" { subscribes api }\n\
         sla other \"Other\" {\n  provider acme\n  customer initech\n  services api\n  \
         region apac \"Asia\" { note \"x\" }\n}\n";
    let t = "id,customer,service,type,class,opened,responded,resolved,paused,region\n\
             T1,globex,api,incident,p1,2026-11-10T09:00:00Z,,2026-11-10T15:00:00Z,,eu\n\
             T2,globex,api,incident,p1,2026-11-10T09:00:00Z,,2026-11-10T15:00:00Z,,apac\n";
    let r = eval_json(&body, "2026-11", &[("tickets", t)], &[]);
    let list = r["agreements"].as_array().expect("list");
    let base = list
        .iter()
        .find(|a| a["agreement"] == "api_sla" && a["region"].is_null())
        .expect("base");
    let eu = list.iter().find(|a| a["region"] == "eu").expect("eu");
    assert_eq!(
        base["support"][0]["breaches"],
        serde_json::json!(["T2"]),
        "{r}"
    );
    assert_eq!(eu["support"][0]["met"], 1, "{r}");
    assert_eq!(r["unmatched"]["tickets"], 0);
}

#[test]
fn unmatched_rows_are_grouped_by_reason_with_their_first_lines() {
    let mut o = OUTAGE_HEADER.to_string();
    for day in 0..20_000 {
        let _ = writeln!(
            o,
            "api,2025-01-01T00:00:00Z,2025-01-01T00:{:02}:00Z,,",
            day % 60
        );
    }
    let r = eval_json(&sla(CLOUD), "2026-11", &[("outages", &o)], &[]);
    let u = &r["unmatched"];
    assert_eq!(u["outages"], 20_000);
    assert_eq!(u["reasons"].as_array().expect("reasons").len(), 1);
    assert_eq!(u["reasons"][0]["count"], 20_000);
    assert_eq!(
        u["reasons"][0]["lines"],
        serde_json::json!([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    );
}

#[test]
fn text_from_the_input_files_never_drives_the_terminal() {
    let body = support_sla(UTC_OFFICE, "incident p1 { resolve 1h }", "");
    let t = format!(
        "{TICKET_HEADER}T\u{1b}]52;c;ZXZpbA==\u{7},globex,api,incident,p1,2026-11-10T09:00:00Z,,2026-11-10T15:00:00Z,\n"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let out = eval_in(dir.path(), &body, "2026-11", &[("tickets", &t)], &[]);
    let human = &out.stdout;
    assert!(human.contains("T\\u{1b}]52;c;ZXZpbA==\\u{7}"), "{human}");
    assert!(!human.contains('\u{1b}') && !human.contains('\u{7}'));
    // A bad field quoted in an error is shown the same way.
    let bad = format!("{TICKET_HEADER}T1,globex,api,incident,p1,\u{1b}[2J,,,\n");
    let out = eval_in(dir.path(), &body, "2026-11", &[("tickets", &bad)], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
}

#[test]
fn streaming_keeps_only_the_rows_an_agreement_judges() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("p.sla"),
        format!("{}{}", crate::eval::PARTIES, sla(CLOUD)),
    )
    .expect("write");
    let sources = crate::common::load(&[dir.path().join("p.sla")]);
    let checked = slac::compile::check(
        &sources,
        &slac::compile::Options {
            today: crate::common::today(),
        },
    );
    let portfolio = checked.portfolio.expect("portfolio");
    let options = slac::eval::Options {
        period: "2026-11".parse().expect("period"),
        propagate: false,
    };
    let mut e = slac::eval::Evaluation::new(&portfolio, options);
    e.expect(slac::eval::Kind::Outages);
    // A year of outages, one each hour: only November's are kept.
    let mut text = OUTAGE_HEADER.to_string();
    let start = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").expect("t");
    for h in 0..365 * 24 {
        let t = start + chrono::Duration::hours(h);
        let _ = writeln!(
            text,
            "api,{},{},,",
            t.to_rfc3339(),
            (t + chrono::Duration::minutes(1)).to_rfc3339()
        );
    }
    slac::eval::input::each_outage("o.csv", &mut text.as_bytes(), &mut |o| {
        e.outage("o.csv", o);
    })
    .expect("rows");
    assert_eq!(e.kept(), (30 * 24, 0), "November's hours only");
    let r = e.finish();
    assert_eq!(r.unmatched.outages, (365 - 30) * 24);
}
