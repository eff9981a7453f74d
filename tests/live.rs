//! `--prometheus` (docs/report.md, "Live data"): the answers of a fake API checked step by
//! step (gaps, series, errors: never a silent 100%), and a real Prometheus server with
//! backfilled series giving the attainment the CSV path gives on the same events.

use crate::common::Slac;
use serde_json::Value;
use slac::live::prometheus::{measurements, LiveError, Matrix, Sample, Source, STEP_SECONDS};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const PORTFOLIO: &str = "provider acme \"Acme\"\ncustomer globex \"Globex\" { subscribes api }\n\
service api \"API\"\n\
calendar office \"Office\" { mon-fri 09:00-17:00 }\n\
sla api_sla \"API SLA\" {\n  provider acme\n  customer globex\n  services api\n\
  outcome orders \"Orders\" {\n    target 99.5%\n    window month\n    during office\n\
    indicator prometheus {\n      errors \"sum(rate(orders_failed_total[{{window}}]))\"\n\
      total \"sum(rate(orders_total[{{window}}]))\"\n    }\n  }\n}\n";

fn portfolio(text: &str) -> slac::model::Portfolio {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("p.sla"), text).expect("write");
    let sources = slac::load::load(&[dir.path().join("p.sla")]).expect("load");
    slac::compile::check(
        &sources,
        &slac::compile::Options {
            today: crate::common::today(),
        },
    )
    .portfolio
    .expect("checks")
}

/// The events of one 5-minute step ending at `t` (seconds): total and failed orders per
/// minute, constant within the step (so a counter is linear across it and `rate` over
/// the step is exact).
fn per_minute(t: i64) -> (u64, u64) {
    let block = t / STEP_SECONDS;
    let total = 50 + (block % 7) as u64 * 10;
    let failed = if block % 13 == 0 {
        4
    } else {
        u64::from(block % 5 == 0)
    };
    (total, failed)
}

/// A fake API that answers from `per_minute`, except in the steps of `hole`.
struct Fake {
    hole: Option<(i64, i64)>,
    series: usize,
    fail: bool,
}

impl Source for Fake {
    fn name(&self) -> &'static str {
        "fake"
    }

    fn query_range(
        &self,
        query: &str,
        start: i64,
        end: i64,
        step: i64,
    ) -> Result<Matrix, LiveError> {
        if self.fail {
            return Err(LiveError::Api {
                server: "fake".into(),
                status: 400,
                kind: "bad_data".into(),
                error: "parse error".into(),
                query: query.into(),
            });
        }
        assert_eq!(step, STEP_SECONDS);
        assert!(query.contains("[300s]"), "the window is the step: {query}");
        let ratio = query.contains("orders_failed_total");
        let mut samples = Vec::new();
        let mut t = start;
        while t <= end {
            if !self.hole.is_some_and(|(a, b)| a <= t && t < b) {
                let (total, failed) = per_minute(t);
                let value = if ratio {
                    failed as f64 / total as f64
                } else {
                    total as f64 / 60.0
                };
                samples.push(Sample { at: t, value });
            }
            t += step;
        }
        Ok(Matrix {
            series: (0..self.series)
                .map(|_| (BTreeMap::new(), samples.clone()))
                .collect(),
            warnings: Vec::new(),
        })
    }
}

fn november() -> slac::eval::Period {
    "2026-11".parse().expect("period")
}

const DEC_1: i64 = 1_796_083_200; // 2026-12-01T00:00:00Z

/// Office hours of November 2026 in UTC (21 working days × 8 h): the events expected.
fn expected() -> (u64, u64) {
    let (mut good, mut total) = (0, 0);
    let nov1 = 1_793_491_200; // 2026-11-01T00:00:00Z, a Sunday
    for day in 0..30 {
        let d = nov1 + day * 86_400;
        // Sunday is day 0 of November 2026; Saturday day 6.
        if day % 7 == 0 || day % 7 == 6 {
            continue;
        }
        let mut t = d + 9 * 3600 + STEP_SECONDS;
        while t <= d + 17 * 3600 {
            let (tot, failed) = per_minute(t);
            total += 5 * tot;
            good += 5 * (tot - failed);
            t += STEP_SECONDS;
        }
    }
    (good, total)
}

#[test]
fn live_events_are_counted_over_open_steps_only() {
    let p = portfolio(PORTFOLIO);
    let rows = measurements(
        &p,
        november(),
        DEC_1 * 1_000_000_000,
        &Fake {
            hole: None,
            series: 1,
            fail: false,
        },
    )
    .expect("measured");
    assert_eq!(rows.len(), 1);
    let (good, total) = expected();
    assert_eq!((rows[0].good, rows[0].total), (good, total));
    assert_eq!(rows[0].service, "api");
    assert_eq!(rows[0].objective, "orders");
}

#[test]
fn a_gap_a_missing_series_or_an_api_error_is_an_error_never_100_percent() {
    let p = portfolio(PORTFOLIO);
    let now = DEC_1 * 1_000_000_000;
    // 2026-11-10 10:00-11:00Z: 12 steps without data.
    let hole = (1_794_304_800 + 300, 1_794_308_400 + 300);
    let e = measurements(
        &p,
        november(),
        now,
        &Fake {
            hole: Some(hole),
            series: 1,
            fail: false,
        },
    )
    .expect_err("a gap");
    let text = e.to_string();
    assert!(
        text.contains("no data for 12 of") && text.contains("2026-11-10T10:05:00Z"),
        "{text}"
    );
    assert!(text.contains("never taken as 100%"), "{text}");
    let e = measurements(
        &p,
        november(),
        now,
        &Fake {
            hole: None,
            series: 0,
            fail: false,
        },
    )
    .expect_err("no series");
    assert!(e.to_string().contains("returned 0 series"), "{e}");
    let e = measurements(
        &p,
        november(),
        now,
        &Fake {
            hole: None,
            series: 2,
            fail: false,
        },
    )
    .expect_err("two series");
    assert!(e.to_string().contains("returned 2 series"), "{e}");
    let e = measurements(
        &p,
        november(),
        now,
        &Fake {
            hole: None,
            series: 1,
            fail: true,
        },
    )
    .expect_err("API error");
    assert!(
        e.to_string().contains("bad_data") && e.to_string().contains("parse error"),
        "{e}"
    );
}

/// Live data is read in 5-minute steps: an opening at 09:02 is refused, not rounded.
#[test]
fn open_time_off_the_step_is_refused() {
    let p = portfolio(&PORTFOLIO.replace("09:00-17:00", "09:02-17:00"));
    let e = measurements(
        &p,
        november(),
        DEC_1 * 1_000_000_000,
        &Fake {
            hole: None,
            series: 1,
            fail: false,
        },
    )
    .expect_err("unaligned");
    assert!(
        e.to_string().contains("2026-11-02T09:02:00Z") && e.to_string().contains("5-minute step"),
        "{e}"
    );
}

/// The running period is read up to now only: November at 2026-11-10T12:00Z (a Tuesday)
/// holds the office hours of the 2nd to the 6th, the 9th and the 10th until noon.
#[test]
fn the_running_period_is_read_up_to_now() {
    let p = portfolio(PORTFOLIO);
    let now = 1_794_312_000; // 2026-11-10T12:00:00Z
    let rows = measurements(
        &p,
        november(),
        now * 1_000_000_000,
        &Fake {
            hole: None,
            series: 1,
            fail: false,
        },
    )
    .expect("measured");
    let days = 6 * 8 * 12 + 3 * 12; // six whole days and 09:00-12:00
    let total: u64 = rows[0].total;
    assert!(total > 0);
    // Each step has 5 × (50…110) events: the number of steps read is between.
    assert!(total >= 250 * days && total <= 550 * days, "{total}");
}

/// An unreachable server is exit 4 with the server named, not an attainment.
#[test]
fn an_unreachable_server_is_exit_4() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("p.sla"), PORTFOLIO).expect("write");
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let r = Slac::new()
        .args([
            "eval",
            dir.path().join("p.sla").to_str().expect("utf-8"),
            "--period",
            "2026-11",
            "--prometheus",
            &format!("http://127.0.0.1:{port}"),
            "--prometheus-timeout",
            "5",
            "--today",
            "2026-11-26",
        ])
        .run();
    r.assert_code(4);
    r.assert_stderr_contains(&format!("prometheus http://127.0.0.1:{port}"));
}

/// A one-shot HTTP server on a free port answering every request with `status` and
/// `body` (or never, for `None`), in a thread; its URL.
fn canned(status: u16, body: Option<&'static str>) -> String {
    use std::io::{Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            match body {
                Some(b) => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}",
                        b.len()
                    );
                }
                // Hold the connection open without a word, past the client's timeout.
                None => std::thread::sleep(std::time::Duration::from_secs(5)),
            }
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// What the server says when it fails reaches the user, with exit 4: an API error with
/// its type and text, a warning (a partial answer), an HTTP error page, no answer in time.
#[test]
fn server_failures_are_named_and_exit_4() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("p.sla"), PORTFOLIO).expect("write");
    let cases: [(u16, Option<&'static str>, &str); 4] = [
        (
            400,
            Some(r#"{"status":"error","errorType":"bad_data","error":"parse error at char 5"}"#),
            "bad_data): parse error at char 5",
        ),
        (
            200,
            Some(
                r#"{"status":"success","warnings":["partial response: store unavailable"],"data":{"resultType":"matrix","result":[]}}"#,
            ),
            "may be partial: partial response: store unavailable",
        ),
        (502, Some("<html>Bad Gateway</html>"), "HTTP status 502"),
        (200, None, "no answer within the timeout"),
    ];
    for (status, body, says) in cases {
        let url = canned(status, body);
        let r = Slac::new()
            .args([
                "eval",
                dir.path().join("p.sla").to_str().expect("utf-8"),
                "--period",
                "2026-11",
                "--prometheus",
                &url,
                "--prometheus-timeout",
                "1",
                "--prometheus-header",
                "X-Scope-OrgID: tenant-a",
                "--today",
                "2026-11-26",
            ])
            .run();
        r.assert_code(4);
        r.assert_stderr_contains(says);
        assert!(r.stdout.is_empty(), "nothing evaluated: {}", r.stdout);
    }
}

/// Kills the server when the test ends, however it ends.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn utc(t: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t, 0).expect("time")
}

/// Writes the counters of every open step of `month` (first day and the next month's, in
/// seconds) as `OpenMetrics`, a sample a minute from 5 minutes before each opening: the
/// good and total events they hold, as measurements.csv would carry them.
fn openmetrics(path: &Path, first: i64, next: i64) -> (u64, u64) {
    use chrono::Datelike as _;
    let mut minutes: Vec<(i64, u64, u64)> = Vec::new();
    let (mut v_total, mut v_failed, mut good, mut total) = (0u64, 0u64, 0u64, 0u64);
    let mut day = first;
    while day < next {
        let wd = utc(day).weekday().num_days_from_monday();
        if wd < 5 {
            let (open, close) = (day + 9 * 3600, day + 17 * 3600);
            let mut t = open - STEP_SECONDS;
            minutes.push((t, v_total, v_failed));
            while t < close {
                t += 60;
                // The step that ends at or after t.
                let step_end = (t + STEP_SECONDS - 1) / STEP_SECONDS * STEP_SECONDS;
                let (tot, failed) = per_minute(step_end);
                v_total += tot;
                v_failed += failed;
                minutes.push((t, v_total, v_failed));
                if t > open {
                    total += tot;
                    good += tot - failed;
                }
            }
        }
        day += 86_400;
    }
    let mut text = String::new();
    for (name, pick) in [("orders_total", 1usize), ("orders_failed_total", 2)] {
        for &(t, a, b) in &minutes {
            let _ = writeln!(text, "{name} {} {t}", if pick == 1 { a } else { b });
        }
    }
    text.push_str("# EOF\n");
    fs::write(path, text).expect("write openmetrics");
    (good, total)
}

fn get(url: &str) -> Option<String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(2)))
        .build()
        .into();
    agent.get(url).call().ok()?.body_mut().read_to_string().ok()
}

/// A real Prometheus (Debian's `prometheus`, beside promtool): last month's office hours
/// backfilled with `promtool tsdb create-blocks-from openmetrics`, served from that TSDB
/// on a free local port; `slac eval --prometheus` gives the attainment `slac eval
/// --measurements` gives on the same events.
#[test]
#[ignore = "needs prometheus and promtool"]
fn eval_with_a_real_prometheus_equals_the_csv_path() {
    use chrono::Datelike as _;
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    // Last month, wholly in the past and well inside the retention.
    let today = chrono::Utc::now().date_naive();
    let this = chrono::NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("date");
    let last = this
        .checked_sub_months(chrono::Months::new(1))
        .expect("date");
    let secs = |x: chrono::NaiveDate| {
        x.and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc()
            .timestamp()
    };
    let period = format!("{}-{:02}", last.year(), last.month());
    // Step ends are multiples of 300 s since the epoch, as the API is asked.
    let (good, total) = openmetrics(&d.join("data.om"), secs(last), secs(this));
    let tsdb = d.join("tsdb");
    let o = std::process::Command::new("promtool")
        .args(["tsdb", "create-blocks-from", "openmetrics"])
        .arg(d.join("data.om"))
        .arg(&tsdb)
        .output()
        .expect("promtool runs (apt-get install prometheus)");
    assert!(
        o.status.success(),
        "promtool: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    fs::write(d.join("prometheus.yml"), "global:\n  scrape_interval: 1m\n").expect("config");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let server = Server(
        std::process::Command::new("prometheus")
            .arg(format!(
                "--config.file={}",
                d.join("prometheus.yml").display()
            ))
            .arg(format!("--storage.tsdb.path={}", tsdb.display()))
            .arg("--storage.tsdb.retention.time=100y")
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(d.join("prometheus.log")).expect("log"))
            .spawn()
            .expect("prometheus runs (apt-get install prometheus)"),
    );
    let url = format!("http://127.0.0.1:{port}");
    let started = std::time::Instant::now();
    while get(&format!("{url}/-/ready")).is_none() {
        assert!(
            started.elapsed().as_secs() < 60,
            "prometheus not ready: {}",
            fs::read_to_string(d.join("prometheus.log")).unwrap_or_default()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    fs::write(d.join("p.sla"), PORTFOLIO).expect("write");
    fs::write(
        d.join("m.csv"),
        format!("service,objective,good,total\napi,orders,{good},{total}\n"),
    )
    .expect("csv");
    let run = |extra: &[&str]| -> Value {
        let mut args: Vec<String> = vec![
            "eval".into(),
            d.join("p.sla").to_str().expect("utf-8").to_string(),
            "--period".into(),
            period.clone(),
            "--format".into(),
            "json".into(),
        ];
        args.extend(extra.iter().map(|s| (*s).to_string()));
        let r = Slac::new().args(&args).run();
        r.assert_code(0);
        serde_json::from_str(&r.stdout).expect("JSON")
    };
    let live = run(&["--prometheus", &url]);
    let csv = run(&["--measurements", d.join("m.csv").to_str().expect("utf-8")]);
    let pick = |v: &Value| v["agreements"][0]["objectives"][0].clone();
    let (l, c) = (pick(&live), pick(&csv));
    assert_eq!(c["evaluated"], true, "{c}");
    assert!(
        c["good"].as_u64().expect("good") < total,
        "some orders failed"
    );
    assert_eq!(l["attainment"], c["attainment"], "live {l}\ncsv {c}");
    assert_eq!(
        (l["good"].clone(), l["total"].clone()),
        (c["good"].clone(), c["total"].clone())
    );
    assert_eq!(l["met"], c["met"]);
    drop(server);
}
