//! `slac eval` throughput: one million outages and one million tickets, generated here,
//! parsed from CSV text and evaluated for a month.
//!
//! `cargo bench --bench eval`. The portfolio has 20 services, each with its own SLA for one
//! customer: availability on `always` and on a Paris office calendar (with holidays),
//! maintenance with an allowance, an exclusion, tiered and per-breach penalties, and
//! incident targets on the office calendar. Outages (a tenth of them maintenance, some
//! excluded, many overlapping) and tickets (a tenth with pauses) are spread over
//! November 2026.

use divan::Bencher;
use slac::compile::{self, Options};
use slac::eval::{self, input, Inputs, Period};
use slac::model::Portfolio;
use slac::source::SourceMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

const SERVICES: usize = 20;
const OUTAGES: usize = 1_000_000;
const TICKETS: usize = 1_000_000;
/// 2026-11-01T00:00Z, in seconds.
const NOV: i64 = 1_793_491_200;
const MONTH: i64 = 30 * 86_400;

/// `SplitMix64`, so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

fn portfolio() -> Portfolio {
    let mut text = String::from(
        "provider acme \"Acme\"\n\
         calendar office \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 08:00-12:00, 13:00-17:00\n  \
         closed 2026-11-11 \"Armistice\"\n  closed 2026-12-25\n}\n\
         calendar patch \"Patching\" {\n  timezone \"Europe/Paris\"\n  sun 02:00-06:00\n}\n",
    );
    let subs: Vec<String> = (0..SERVICES).map(|i| format!("s{i}")).collect();
    let _ = writeln!(
        text,
        "customer globex \"Globex\" {{ subscribes {} }}",
        subs.join(", ")
    );
    for i in 0..SERVICES {
        let _ = write!(
            text,
            "service s{i} \"Service {i}\"\n\
             sla sla{i} \"SLA {i}\" {{\n  provider acme\n  customer globex\n  services s{i}\n  \
             timezone \"Europe/Paris\"\n  fee 1000 EUR per month\n  \
             availability 99.9% per month\n  availability \"Office\" {{ target 99% window month during office service s{i} }}\n  \
             maintenance {{ during patch notice 72h max 4h per month }}\n  \
             exclude force_majeure \"Storms.\"\n  \
             support {{\n    during office\n    incident p1 {{ response 15m resolve 4h }}\n    incident p2 {{ response 1h resolve 8h at 90% }}\n  }}\n  \
             penalty on availability {{ below 99.9% credit 10%  below 99.0% credit 25% }}\n  \
             penalty on incident p1 resolve {{ each breach credit 1% }}\n  cap 50%\n}}\n"
        );
    }
    let mut sources = SourceMap::new();
    sources.add("bench.sla", "bench.sla", text);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let checked = compile::check(&sources, &Options { today });
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    checked.portfolio.expect("checked portfolio")
}

fn stamp(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .expect("in range")
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn outages_csv() -> String {
    let mut rng = Rng(7);
    let mut s = String::from("service,start,end,cause,announced\n");
    for _ in 0..OUTAGES {
        let start = NOV + rng.below(MONTH as u64) as i64;
        let end = start + 1 + rng.below(600) as i64;
        let svc = rng.below(SERVICES as u64);
        let (cause, announced) = match rng.below(20) {
            0 | 1 => ("maintenance", stamp(start - 4 * 86_400)),
            2 => ("force_majeure", String::new()),
            _ => ("", String::new()),
        };
        let _ = writeln!(
            s,
            "s{svc},{},{},{cause},{announced}",
            stamp(start),
            stamp(end)
        );
    }
    s
}

fn tickets_csv() -> String {
    let mut rng = Rng(11);
    let mut s = String::from("id,customer,service,type,class,opened,responded,resolved,paused\n");
    for i in 0..TICKETS {
        let opened = NOV + rng.below(MONTH as u64) as i64;
        let responded = opened + rng.below(7_200) as i64;
        let resolved = opened + rng.below(3 * 86_400) as i64;
        let class = if rng.below(2) == 0 { "p1" } else { "p2" };
        let svc = rng.below(SERVICES as u64);
        let resolved = if rng.below(50) == 0 {
            String::new()
        } else {
            stamp(resolved)
        };
        let paused = if rng.below(10) == 0 {
            let p = opened + 600;
            format!("{}/{}", stamp(p), stamp(p + 3_600))
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "T{i},globex,s{svc},incident,{class},{},{},{resolved},{paused}",
            stamp(opened),
            stamp(responded)
        );
    }
    s
}

struct Data {
    portfolio: Portfolio,
    outages: String,
    tickets: String,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| Data {
        portfolio: portfolio(),
        outages: outages_csv(),
        tickets: tickets_csv(),
    })
}

fn parse(d: &Data) -> Inputs {
    Inputs {
        outages: Some(eval::Input {
            file: "outages.csv".into(),
            rows: input::parse_outages("outages.csv", &mut d.outages.as_bytes()).expect("outages"),
        }),
        tickets: Some(eval::Input {
            file: "tickets.csv".into(),
            rows: input::parse_tickets("tickets.csv", &mut d.tickets.as_bytes()).expect("tickets"),
        }),
        measurements: None,
        charges: None,
        requests: None,
    }
}

fn options() -> eval::Options {
    eval::Options {
        period: "2026-11".parse::<Period>().expect("period"),
        propagate: false,
    }
}

/// CSV text in, JSON report out: what `slac eval` does after the check.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn parse_and_evaluate_1m_outages_1m_tickets(bencher: Bencher) {
    let d = data();
    bencher.bench(|| {
        let inputs = parse(d);
        eval::evaluate(&d.portfolio, &inputs, &options()).to_json()
    });
}

/// Parsing the two files only.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn parse_only(bencher: Bencher) {
    let d = data();
    bencher.bench(|| parse(d));
}

/// Evaluation only, from parsed inputs.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn evaluate_only(bencher: Bencher) {
    let d = data();
    let inputs = parse(d);
    bencher.bench(|| eval::evaluate(&d.portfolio, &inputs, &options()));
}

fn main() {
    divan::main();
}
