//! The contract register (`internal/register.{csv,json,html}`) and `slac status`
//! (docs/register.md, docs/cli.md): the rows of the examples, the three formats read back
//! and compared, formula injection in the CSV, and what `slac status` lists.

use crate::common::Slac;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// `slac build PATH --out DIR --today TODAY` (every output): exit 0.
fn build(path: &str, out: &Path, today: &str) {
    Slac::new()
        .args([
            "build",
            path,
            "--out",
            &out.to_string_lossy(),
            "--today",
            today,
        ])
        .run()
        .assert_code(0);
}

/// The CSV read back with a real CSV reader: the header and the records.
fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    let records = reader
        .records()
        .map(|r| {
            r.expect("a valid record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, records)
}

/// The register's JSON: one object per agreement, by name.
fn read_json(text: &str) -> Vec<serde_json::Map<String, Value>> {
    let v: Value = serde_json::from_str(text).expect("register.json parses");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|o| o.as_object().expect("an object").clone())
        .collect()
}

/// What the CSV must hold for a JSON value: nothing for null, numbers and strings as
/// written, a list space-separated.
fn as_csv(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().expect("a list of names"))
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}

/// The register of `path` on `today`: (csv text, json rows, html text).
fn register(path: &str, today: &str) -> (String, Vec<serde_json::Map<String, Value>>, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    build(path, &out, today);
    let csv = fs::read_to_string(out.join("internal/register.csv")).expect("register.csv");
    let json = read_json(&fs::read_to_string(out.join("internal/register.json")).expect("json"));
    let html = fs::read_to_string(out.join("internal/register.html")).expect("register.html");
    // Internal only: no customer folder has it.
    for entry in walk(&out) {
        let rel = entry.strip_prefix(&out).expect("inside out");
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.contains("register") {
            assert!(rel.starts_with("internal/register."), "{rel}");
        }
    }
    (csv, json, html)
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).expect("readable") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn row<'a>(
    rows: &'a [serde_json::Map<String, Value>],
    name: &str,
) -> &'a serde_json::Map<String, Value> {
    rows.iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn the_acme_register_says_where_each_agreement_stands() {
    let (_, rows, _) = register("examples/acme", "2026-12-01");
    assert_eq!(rows.len(), 9, "one row per agreement, regions included");

    let dc = row(&rows, "northhost_dc");
    assert_eq!(dc["status"], "terminated");
    assert_eq!(dc["terminated"], "2026-06-30");
    assert_eq!(dc["valid_to"], "2028-06-30");
    assert_eq!(dc["in_force_until"], "2026-06-30");
    assert_eq!(dc["days_to_expiry"], -154);
    assert!(dc["termination_reason"]
        .as_str()
        .is_some_and(|r| r.starts_with("Replaced by northhost_colo")));
    assert_eq!(dc["kind"], "UC");
    assert_eq!(dc["fee_amount"], 4000);

    let checkout = row(&rows, "globex_checkout");
    assert_eq!(checkout["status"], "signed");
    assert_eq!(checkout["version"], 2);
    assert_eq!(checkout["amends"], 1);
    assert_eq!(checkout["customer"], "globex");
    assert_eq!(checkout["customer_signed"], "2026-05-12");
    assert_eq!(
        checkout["customer_signed_by"],
        "Walter Skinner, Chief Information Officer"
    );
    assert_eq!(checkout["provider"], "acme");
    assert_eq!(checkout["provider_signed"], "2026-05-13");
    assert_eq!(
        checkout["provider_signed_by"],
        "Sophie Laurent, Chief Operating Officer"
    );
    assert_eq!(checkout["not_signed_by"], serde_json::json!([]));
    assert_eq!(checkout["approved"], "2026-05-04");
    assert_eq!(checkout["package"], "gold");
    assert_eq!(checkout["fee_amount"], 12000);
    assert_eq!(checkout["fee_currency"], "EUR");
    assert_eq!(checkout["fee_period"], "month");
    assert_eq!(checkout["level"], "service");

    let terms = row(&rows, "globex_terms");
    assert_eq!(terms["requirements"], "GLX-RFP-2025-014");
    assert_eq!(terms["proposed"], "2025-11-20");

    let it = row(&rows, "employee_it");
    assert_eq!(it["status"], "draft");
    assert_eq!(it["in_force_until"], Value::Null, "open-ended");
    assert_eq!(it["days_to_expiry"], Value::Null);

    let printing = row(&rows, "globex_printing");
    assert_eq!(printing["in_force_until"], "2026-12-31");
    assert_eq!(printing["days_to_expiry"], 30);
    assert_eq!(printing["regions"], serde_json::json!(["rural"]));

    let standard = row(&rows, "acme_standard");
    assert_eq!(standard["status"], "approved");
    assert_eq!(standard["next_review"], "2027-06-30");
    // A corporate SLA is complete once approved: no signature is missing.
    assert_eq!(standard["not_signed_by"], serde_json::json!([]));
}

#[test]
fn agreements_without_a_status_are_untracked() {
    let (_, rows, html) = register("examples/initech", "2026-12-01");
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(r["status"], "untracked", "{}", r["name"]);
        assert_eq!(r["version"], 1);
        assert_eq!(r["not_signed_by"], serde_json::json!([]));
    }
    assert_eq!(row(&rows, "stratus_2026")["days_to_expiry"], 30);
    assert!(html.contains("<span class=\"status muted\">untracked</span>"));
}

#[test]
fn csv_json_and_html_hold_the_same_rows() {
    for example in ["examples/acme", "examples/initech"] {
        let (csv, json, html) = register(example, "2026-12-01");
        // RFC 4180: every line ends in CRLF.
        assert!(csv.ends_with("\r\n") && !csv.replace("\r\n", "").contains('\n'));
        let (header, records) = read_csv(&csv);
        assert_eq!(records.len(), json.len(), "{example}");
        for (record, object) in records.iter().zip(&json) {
            let keys: Vec<&String> = object.keys().collect();
            let mut sorted = header.clone();
            sorted.sort();
            // serde_json's map sorts its keys: the same set, and the same values.
            assert_eq!(keys, sorted.iter().collect::<Vec<_>>(), "{example}");
            let by_column: BTreeMap<&str, &str> = header
                .iter()
                .map(String::as_str)
                .zip(record.iter().map(String::as_str))
                .collect();
            for (column, value) in object {
                assert_eq!(
                    by_column[column.as_str()],
                    as_csv(value),
                    "{example}: {} {column}",
                    object["name"]
                );
            }
        }
        // The HTML page: one table row per agreement, in the same order, with the same
        // name, status, last day in force and days to expiry.
        let body = html
            .split("<tbody>")
            .nth(1)
            .and_then(|b| b.split("</tbody>").next())
            .expect("a table body");
        let trs: Vec<&str> = body.split("<tr").skip(1).collect();
        assert_eq!(trs.len(), json.len(), "{example}");
        for (tr, object) in trs.iter().zip(&json) {
            let cell = |open: &str, close: &str| {
                tr.split(open)
                    .nth(1)
                    .and_then(|c| c.split(close).next())
                    .unwrap_or_default()
                    .to_string()
            };
            assert_eq!(cell("<code>", "</code>"), as_csv(&object["name"]));
            let status = cell("<span class=\"status", "</span>");
            assert_eq!(
                status.rsplit('>').next().unwrap_or_default(),
                as_csv(&object["status"])
            );
            let dates: Vec<&str> = tr
                .split("<td class=\"date\">")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap_or_default())
                .collect();
            // Proposed, in force until, next review.
            assert_eq!(dates.len(), 3, "{tr}");
            assert_eq!(dates[0], as_csv(&object["proposed"]));
            let until = as_csv(&object["in_force_until"]);
            assert_eq!(
                dates[1],
                if until.is_empty() {
                    "open-ended"
                } else {
                    &until
                }
            );
            assert_eq!(dates[2], as_csv(&object["next_review"]));
            assert_eq!(
                cell("<td class=\"num\">", "</td>"),
                as_csv(&object["days_to_expiry"])
            );
        }
    }
}

#[test]
fn the_csv_is_safe_from_formulas_and_quotes_what_it_must() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sla = r#"provider acme "Acme"
supplier hosting "Hosting, Inc."
service dc "Data centre"
uc dc_uc "=HYPERLINK(\"x\")" {
  provider hosting
  customer acme
  services dc
  valid from 2026-01-01 to 2027-12-31
  status terminated
  signed 2025-12-01 by hosting "@Jane Doe, CEO"
  signed 2025-12-02 by acme "+John Roe"
  terminated 2026-06-30 """-1, because "why not"
and a second line"""
}
"#;
    fs::write(dir.path().join("p.sla"), sla).expect("write");
    let out = dir.path().join("out");
    Slac::new()
        .args([
            "build",
            &dir.path().to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--emit",
            "register",
            "--today",
            "2026-12-01",
        ])
        .run()
        .assert_code(0);
    let csv = fs::read_to_string(out.join("internal/register.csv")).expect("csv");
    let json = read_json(&fs::read_to_string(out.join("internal/register.json")).expect("json"));
    let (header, records) = read_csv(&csv);
    let at = |c: &str| header.iter().position(|h| h == c).expect("a column");
    let r = &records[0];
    // The JSON holds the text as written; the CSV the same behind a `'`.
    let title = json[0]["title"].as_str().expect("title");
    assert!(title.starts_with('='), "{title}");
    assert_eq!(r[at("title")], format!("'{title}"));
    assert_eq!(
        r[at("provider_signed_by")],
        format!("'{}", json[0]["provider_signed_by"].as_str().expect("by"))
    );
    assert_eq!(r[at("customer_signed_by")], "'+John Roe");
    let reason = json[0]["termination_reason"].as_str().expect("reason");
    assert!(reason.starts_with("-1, because") && reason.contains('\n'));
    assert_eq!(r[at("termination_reason")], format!("'{reason}"));
    // A comma is quoted, not a new column; a number slac writes is not guarded.
    assert_eq!(r[at("provider_title")], "Hosting, Inc.");
    assert_eq!(r[at("days_to_expiry")], "-154");
    assert_eq!(r.len(), header.len());
    // No raw field starts a formula: every guarded one is quoted and starts with `'`.
    for line in csv.split("\r\n") {
        for field in line.split(',') {
            assert!(
                !field.starts_with(['=', '+', '@']),
                "unguarded field {field:?} in {csv}"
            );
        }
    }
}

/// `slac status ARGS`: exit 0, stdout.
fn status(args: &[&str]) -> String {
    let run = Slac::new().arg("status").args(args).run();
    run.assert_code(0);
    run.stdout.clone()
}

fn status_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&status(&all)).expect("status --format json parses")
}

/// (action, agreement) of every item.
fn items(report: &Value) -> Vec<(String, String)> {
    report["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["action"].as_str().expect("action").to_string(),
                i["agreement"].as_str().expect("agreement").to_string(),
            )
        })
        .collect()
}

#[test]
fn status_lists_what_needs_action_in_acme() {
    let args = ["--within", "90d", "--today", "2026-12-01", "examples/acme"];
    let text = status(&args);
    let expiring = text
        .lines()
        .find(|l| l.contains("globex_printing"))
        .expect("globex_printing listed");
    assert!(
        expiring.contains("2026-12-31") && expiring.contains("in 30 days"),
        "{text}"
    );
    let draft = text
        .lines()
        .find(|l| l.contains("employee_it"))
        .expect("employee_it listed");
    assert!(draft.contains("draft"), "{text}");
    // Ending comes before approvals (urgency order).
    assert!(text.find("Ending within 90 days") < text.find("Waiting for approval"));
    // Ended long ago, or nothing due: not listed.
    for quiet in [
        "northhost_dc",
        "northhost_colo",
        "globex_checkout",
        "acme_standard",
    ] {
        assert!(!text.contains(quiet), "{quiet} in {text}");
    }

    let report = status_json(&args);
    assert_eq!(report["today"], "2026-12-01");
    assert_eq!(report["within_days"], 90);
    assert_eq!(report["until"], "2027-03-01");
    assert_eq!(
        items(&report),
        [
            ("expiring", "field_printing"),
            ("expiring", "globex_printing"),
            ("awaiting_approval", "employee_it"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let printing = &report["items"][1];
    assert_eq!(printing["date"], "2026-12-31");
    assert_eq!(printing["days"], 30);
}

#[test]
fn status_shows_a_termination_taking_effect_and_respects_the_horizon() {
    let report = status_json(&["examples/acme", "--today", "2026-06-15", "--within", "30d"]);
    let all = items(&report);
    assert!(
        all.contains(&("expiring".into(), "northhost_dc".into())),
        "{all:?}"
    );
    let dc = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["agreement"] == "northhost_dc")
        .expect("northhost_dc");
    assert_eq!(dc["days"], 15);
    assert!(dc["detail"]
        .as_str()
        .is_some_and(|d| d.contains("terminated")));
    // 2026-12-31 is beyond 30 days from mid-June.
    assert!(!all.iter().any(|(_, a)| a == "globex_printing"), "{all:?}");
}

#[test]
fn status_says_nothing_about_untracked_agreements() {
    // stratus_2026 ends on 2026-12-31, but initech tracks no lifecycle.
    let report = status_json(&["examples/initech", "--today", "2026-12-01"]);
    assert_eq!(items(&report), Vec::<(String, String)>::new());
    let text = status(&["examples/initech", "--today", "2026-12-01"]);
    assert!(text.contains("Nothing needs action."), "{text}");
}

#[test]
fn status_finds_reviews_signatures_and_drafts_backing_a_binding_sla() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sla = r#"provider acme "Acme"
customer globex "Globex" { subscribes web }
team dba "DBA"
team ops "Ops"
supplier hosting "Hosting"

service web "Web shop" {
  owner ops
  depends_on db
}
service db "Database" { owner dba }
service dc "Data centre"

sla web_sla "Web shop for Globex" {
  level service
  provider acme
  customer globex
  services web
  valid from 2026-01-01 to 2027-12-31
  review every 6 months
  reviewed 2026-05-01
  status signed
  signed 2025-12-01 by globex "W. Skinner, CIO"
  signed 2025-12-02 by acme "S. Laurent, COO"
  support {
    incident p1 { response 1h resolve 8h }
  }
}

ola db_ola "Database operations" {
  provider dba
  customer ops
  services db
  valid from 2026-01-01 to 2027-12-31
  review every 12 months
  reviewed 2026-02-01
  status draft
  support {
    incident p1 { response 30m resolve 4h }
  }
}

uc dc_uc "Hosting" {
  provider hosting
  customer acme
  services dc
  valid from 2026-01-01 to 2028-12-31
  status approved
  approved 2026-11-25 by "C. Martin"
  signed 2026-11-27 by acme "S. Laurent, COO"
}
"#;
    fs::write(dir.path().join("p.sla"), sla).expect("write");
    let path = dir.path().to_string_lossy().into_owned();
    let report = status_json(&[&path, "--today", "2026-12-01", "--within", "90d"]);
    assert_eq!(
        items(&report),
        [
            ("review_overdue", "web_sla"),
            ("review_due", "db_ola"),
            ("awaiting_approval", "db_ola"),
            ("awaiting_signature", "dc_uc"),
            ("draft_backing", "web_sla"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string())),
        "{report:#}"
    );
    let list = report["items"].as_array().expect("items");
    assert_eq!(list[0]["date"], "2026-11-01");
    assert_eq!(list[0]["days"], -30);
    assert_eq!(list[1]["date"], "2027-02-01");
    assert_eq!(list[2]["date"], Value::Null, "a draft has no date yet");
    assert_eq!(list[3]["parties"], serde_json::json!(["hosting"]));
    assert_eq!(list[4]["backing"], serde_json::json!(["db_ola"]));
    assert_eq!(list[4]["services"], serde_json::json!(["db"]));
    assert_eq!(list[4]["date"], "2026-12-01");
    let text = status(&[&path, "--today", "2026-12-01"]);
    assert!(text.contains("Backed only by drafts (1)"), "{text}");
    assert!(text.contains("db: backed only by db_ola (draft)"), "{text}");
}

#[test]
fn status_refuses_a_horizon_that_is_not_whole_days() {
    for bad in ["12h", "90", "soon"] {
        Slac::new()
            .args(["status", "examples/acme", "--within", bad])
            .run()
            .assert_code(2);
    }
    let report = status_json(&["examples/acme", "--today", "2026-12-01", "--within", "2w"]);
    assert_eq!(report["within_days"], 14);
}

#[test]
fn status_fails_only_on_a_portfolio_with_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("p.sla"),
        "sla x \"X\" { provider nobody }\n",
    )
    .expect("write");
    Slac::new()
        .args(["status", &dir.path().to_string_lossy()])
        .run()
        .assert_code(1);
}
