//! Synthetic portfolios for benchmarks and robustness tests: a realistic company of any
//! size (services with a layered dependency graph, calendars in three zones, customers
//! with customer- and service-level SLAs, team OLAs and supplier UCs, regions) that
//! checks clean. Deterministic: the same size gives the same bytes.

use std::fmt::Write as _;

/// One generated file: its name and text.
pub struct SynthFile {
    pub name: String,
    pub text: String,
}

/// A portfolio with `services` services, split into files of about 100 services each:
/// four in five services have an SLA, each has an OLA, one UC covers the data centres.
pub fn portfolio(services: usize) -> Vec<SynthFile> {
    generate(services, false)
}

/// The shape of the consistency benchmark: every service has an SLA, an OLA and a UC of
/// its own (so `n` services give `n` SLAs and `2n` OLAs and UCs), all over two years.
pub fn supported_portfolio(services: usize) -> Vec<SynthFile> {
    generate(services, true)
}

fn has_sla(i: usize, full: bool) -> bool {
    full || i % 5 != 4
}

fn generate(services: usize, full: bool) -> Vec<SynthFile> {
    let services = services.max(4);
    let customers = (services / 10).max(1);
    let teams = (services / 20).max(1);
    let mut files = Vec::new();

    let mut head = String::from(
        "# Synthetic portfolio: parties and calendars.\n\n\
         provider acme \"Acme Cloud SAS\" {\n  contact \"sla@acme.example\"\n}\n\n\
         supplier hostco \"HostCo Data Centres\" { contact \"noc@hostco.example\" }\n\n",
    );
    for t in 0..teams {
        let _ = writeln!(head, "team team{t} \"Team {t}\"");
    }
    head.push('\n');
    for c in 0..customers {
        let subs: Vec<String> = (0..services)
            .filter(|i| i % customers == c && has_sla(*i, full))
            .map(|i| format!("svc{i}"))
            .collect();
        if subs.is_empty() {
            let _ = writeln!(head, "customer cust{c} \"Customer {c} Ltd\"");
        } else {
            let _ = writeln!(
                head,
                "customer cust{c} \"Customer {c} Ltd\" {{\n  contact \"it@cust{c}.example\"\n  subscribes {}\n}}",
                subs.join(", ")
            );
        }
    }
    head.push_str(CALENDARS);
    head.push_str(
        "\nsla acme_floor \"Acme corporate floor\" {\n  level corporate\n  provider acme\n  \
         timezone \"Europe/Paris\"\n  support {\n    during office_paris\n    \
         incident p1 \"Service down\" { response 1h resolve 12h }\n    \
         incident p2 \"Degraded\" { response 8h resolve 40h }\n  }\n  \
         exclude force_majeure \"Events beyond the provider's reasonable control.\"\n}\n",
    );
    for c in 0..customers {
        let _ = write!(
            head,
            "\nsla cust{c}_terms \"Terms for customer {c}\" {{\n  level customer\n  extends acme_floor\n  \
             customer cust{c}\n  valid from 2026-01-01 to 2027-12-31\n  claim within 30d\n}}\n"
        );
    }
    files.push(SynthFile {
        name: "parties.sla".into(),
        text: head,
    });

    // Infrastructure: two redundant data centres under one UC.
    files.push(SynthFile {
        name: "infra.sla".into(),
        text: INFRA.to_string(),
    });

    for chunk in 0..services.div_ceil(100) {
        let mut text = format!(
            "# Synthetic services {}..{}.\n",
            chunk * 100,
            (chunk + 1) * 100
        );
        for i in chunk * 100..((chunk + 1) * 100).min(services) {
            service(&mut text, i, services, customers, teams, full);
        }
        files.push(SynthFile {
            name: format!("services_{chunk:04}.sla"),
            text,
        });
    }
    files
}

/// Total size in bytes of a generated portfolio.
pub fn size(files: &[SynthFile]) -> usize {
    files.iter().map(|f| f.text.len()).sum()
}

fn service(out: &mut String, i: usize, n: usize, customers: usize, teams: usize, full: bool) {
    let team = i % teams;
    let cust = i % customers;
    // Application services (i % 3 != 2) depend on up to two later platform services
    // (i % 3 == 2): a layered, acyclic graph whose targets compose.
    let platform = i % 3 == 2;
    let mut deps = Vec::new();
    for step in [1 + i % 7, 11 + i % 13] {
        let mut j = i + step;
        while j % 3 != 2 {
            j += 1;
        }
        if j < n && !platform && !deps.contains(&format!("svc{j}")) {
            deps.push(format!("svc{j}"));
        }
    }
    deps.push("any_of(dc_north, dc_south)".to_string());
    let _ = write!(
        out,
        "\nservice svc{i} \"Service {i}\" {{\n  description \"Generated service number {i}.\"\n  \
         owner team{team}\n  depends_on {}\n}}\n",
        deps.join(", ")
    );
    if has_sla(i, full) {
        let _ = write!(
            out,
            "\nsla svc{i}_sla \"Service {i} for customer {cust}\" {{\n  level service\n  \
             extends cust{cust}_terms\n  services svc{i}\n  fee {fee} EUR per month\n\n  \
             availability \"Monthly uptime\" {{\n    target 99.5%\n    window month\n    \
             indicator prometheus {{\n      errors \"sum(rate(http_requests_total{{job=\\\"svc{i}\\\",code=~\\\"5..\\\"}}[{{{{window}}}}]))\"\n      \
             total \"sum(rate(http_requests_total{{job=\\\"svc{i}\\\"}}[{{{{window}}}}]))\"\n    }}\n  }}\n  \
             latency 99% within 300ms per month\n\n  support {{\n    during {clock}\n    \
             incident p1 {{ response 30m resolve 8h }}\n  }}\n\n  penalty on availability {{\n    \
             below 99.5% credit 10%\n    below 99.0% credit 25%\n    below 95.0% credit 50%\n  }}\n  \
             cap 50%\n\n  region rural \"Rural sites\" {{\n    support {{ incident p2 {{ response 8h resolve 40h }} }}\n  }}\n}}\n",
            fee = 1000 + (i % 17) * 250,
            clock = ["office_paris", "office_ny", "office_sydney"][i % 3]
        );
    }
    let _ = write!(
        out,
        "\nola svc{i}_ola \"Operations of service {i}\" {{\n  provider team{team}\n  customer team{team}\n  \
         services svc{i}\n  valid from 2026-01-01 to 2027-12-31\n\n  availability {{ target {ola_target} window month }}\n\n  \
         support {{\n    during always\n    incident p1 {{ response 15m resolve 4h }}\n    \
         incident p2 {{ response 2h resolve 16h }}\n  }}\n}}\n",
        ola_target = if platform { "99.99%" } else { "99.9%" }
    );
    if full {
        let _ = write!(
            out,
            "\nuc svc{i}_uc \"Hosting of service {i}\" {{\n  provider hostco\n  customer acme\n  \
             services svc{i}\n  valid from 2026-01-01 to 2027-12-31\n  \
             availability {{ target 99.95% window month }}\n  support {{\n    \
             during always\n    incident p1 {{ response 10m resolve 2h }}\n    \
             incident p2 {{ response 1h resolve 8h }}\n  }}\n}}\n"
        );
    }
}

const CALENDARS: &str = r#"
calendar office_paris "Paris business hours" {
  timezone "Europe/Paris"
  mon-fri 08:00-12:00, 13:00-18:00
  closed every 01-01 "New Year's Day"
  closed every 05-01 "Labour Day"
  closed every 12-24 13:00-24:00 "Christmas Eve afternoon"
  closed every 12-25 "Christmas Day"
}

calendar office_ny "New York business hours" {
  timezone "America/New_York"
  mon-fri 09:00-17:00
  closed 2026-07-03 "Independence Day (observed)"
  closed 2026-11-26 "Thanksgiving"
  closed 2027-07-05 "Independence Day (observed)"
  closed 2027-11-25 "Thanksgiving"
}

calendar office_sydney "Sydney business hours" {
  timezone "Australia/Sydney"
  mon-fri 09:00-17:00
  closed every 01-26 "Australia Day"
}
"#;

const INFRA: &str = r#"# Synthetic infrastructure and its supplier.

service dc_north "Northern data centre" { owner team0 }
service dc_south "Southern data centre" { owner team0 }

uc hostco_dc "Data centre hosting" {
  provider hostco
  customer acme
  services dc_north, dc_south
  valid from 2025-07-01 to 2028-06-30
  fee 40000 EUR per month
  availability { target 99.9% window month }
  support {
    during always
    incident p1 { response 10m resolve 2h }
    incident p2 { response 1h resolve 8h }
  }
  penalty on availability {
    below 99.9% credit 10%
    below 99.0% credit 30%
  }
}
"#;

/// Outages and tickets for `slac eval` over November 2026 in a portfolio made by
/// [`portfolio`]: `per_service` outages per service and as many tickets per SLA, spread
/// deterministically over the month. Returns (outages.csv, tickets.csv).
pub fn events(services: usize, per_service: usize) -> (String, String) {
    let services = services.max(4);
    let customers = (services / 10).max(1);
    let mut outages = String::from("service,start,end,cause,announced\n");
    let mut tickets = String::from("id,customer,service,type,class,opened,responded,resolved\n");
    // A small linear congruential generator: the same numbers on every machine.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n.max(1)
    };
    let stamp = |minute: u64| {
        let day = 1 + minute / 1440;
        let m = minute % 1440;
        format!("2026-11-{day:02}T{:02}:{:02}:00Z", m / 60, m % 60)
    };
    let month_minutes = 29 * 1440;
    let mut id = 0;
    for i in 0..services {
        for _ in 0..per_service {
            let start = next(month_minutes);
            let length = 1 + next(90);
            let cause = if next(10) == 0 { "force_majeure" } else { "" };
            let _ = writeln!(
                outages,
                "svc{i},{},{},{cause},",
                stamp(start),
                stamp(start + length)
            );
        }
        if !has_sla(i, false) {
            continue;
        }
        for _ in 0..per_service {
            id += 1;
            let opened = next(month_minutes);
            let class = if next(3) == 0 { "p1" } else { "p2" };
            let responded = opened + 5 + next(120);
            let resolved = responded + 30 + next(1200);
            let _ = writeln!(
                tickets,
                "T{id},cust{},svc{i},incident,{class},{},{},{}",
                i % customers,
                stamp(opened),
                stamp(responded),
                stamp(resolved)
            );
        }
    }
    (outages, tickets)
}

/// The far-future worst case of the clock comparisons (issue 14): `pairs`
/// SLA/OLA pairs in one file, each pair on two calendars of its own (Paris
/// office hours against New York hours that cover them all year), all valid
/// from 2026-01-01 to 9999-12-31. With `hostile`, the SLA calendar of every
/// pair is closed on 9999-12-24 and the OLA's on 9999-12-27 (a Monday), so
/// every pair is backed until that Monday and gets one E0403 there; without,
/// the portfolio checks clean.
pub fn far_pairs(pairs: usize, hostile: bool) -> String {
    let mut s = String::from("provider acme \"Acme\"\nteam ops \"Operations\"\n");
    s.push_str("customer globex \"Globex\" {\n  subscribes");
    for i in 0..pairs {
        let _ = write!(s, "{} svc{i}", if i == 0 { "" } else { "," });
    }
    s.push_str("\n}\n");
    for i in 0..pairs {
        let minute = i % 60;
        let far = if hostile {
            "  closed 9999-12-27 \"Far\"\n"
        } else {
            ""
        };
        let ours_far = if hostile {
            "  closed 9999-12-24 \"Far\"\n"
        } else {
            ""
        };
        let _ = write!(
            s,
            "service svc{i} \"Service {i}\" {{ owner ops }}\n\
             calendar sla_cal{i} \"SLA hours {i}\" {{\n  timezone \"Europe/Paris\"\n  mon-fri 09:{minute:02}-17:00\n{ours_far}}}\n\
             calendar ola_cal{i} \"OLA hours {i}\" {{\n  timezone \"America/New_York\"\n  mon-fri 02:{minute:02}-12:00\n{far}}}\n\
             sla sla{i} \"SLA {i}\" {{\n  provider acme\n  customer globex\n  services svc{i}\n  timezone \"Europe/Paris\"\n  valid from 2026-01-01 to 9999-12-31\n  \
             support {{\n    during sla_cal{i}\n    incident p1 {{ response 1h resolve 8h }}\n  }}\n}}\n\
             ola ola{i} \"OLA {i}\" {{\n  provider ops\n  customer ops\n  services svc{i}\n  timezone \"Europe/Paris\"\n  valid from 2026-01-01 to 9999-12-31\n  \
             support {{\n    during ola_cal{i}\n    incident p1 {{ response 30m resolve 4h }}\n  }}\n}}\n"
        );
    }
    s
}
