//! E04xx — between SLAs, OLAs and UCs.

use super::entry::Explanation;
use crate::diag::Code;

pub(super) const ENTRIES: &[Explanation] = &[
    Explanation {
        code: Code::E0401,
        explanation: "An agreement promises more availability than its supporters (the OLAs and UCs covering its services and their dependencies) can guarantee, so the provider can breach its SLA while every team and supplier meets its own. slac composes what the service can guarantee, and the message prints the computation:\n\
\n\
* Dependencies in series multiply: the ceiling of a service is the product of the guarantees of its `depends_on` entries, so two 99.95% dependencies give 99.95% × 99.95% = 99.90%.\n\
* A redundant group `any_of(a, b, …)` guarantees `1 − (1−a)(1−b)…`: two 99% data centres give 1 − 0.01 × 0.01 = 99.99%.\n\
* A dependency covered by supporters guarantees their target, which already includes the dependency's own dependencies; when several supporters cover it at once, the best of their targets counts. For an SLA, a supporter covering the service itself also bounds it.\n\
* A dependency that no OLA or UC covers guarantees the ceiling composed from its own dependencies; a leaf guarantees 100% (and is reported as W0408).\n\
* The validity is cut into stretches in which the set of supporters in force does not change; the worst stretch counts.\n\
* A supporter measured over another calendar than the agreement's `during` is converted in the worst case, per week: its whole downtime allowance may fall inside the agreement's hours, and the hours the agreement counts but the supporter does not may all be down. It guarantees `1 − min(open_x, (1 − a) × open_s + uncovered) / open_x`, where `open_x` and `open_s` are the real open hours of the agreement's and the supporter's calendars and `uncovered` the agreement's hours outside the supporter's, in the first full week (Monday to Monday, UTC) of the validity, holidays ignored. A 99.9% UC over `always` (168 hours, 10.08 min of downtime a week) behind a 99.9% SLA during 45 office hours guarantees only 1 − 10.08 min / 45 h = 99.627%. When a supporter over `always` is what falls short, the help names both fixes: measure it `during` the agreement's calendar, or the target over `always` that would still back the agreement (here 99.974%).\n\
\n\
In the acme example, `checkout` depends only on `payments_db`, which the OLA `dba_payments` covers at 99.95%, so the message for the 99.9% SLA would read `checkout ≤ payments_db 99.95% (dba_payments) = 99.95% ≥ 99.9%`. To fix the error, lower the agreement's target, get stronger supporters (a higher OLA or UC target, on the agreement's calendar), or add redundancy with `any_of`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team dba "Database team"
supplier host "Hosting Co"
service api "API" { depends_on db, network }
service db "Database" { owner dba }
service network "Network"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.95% per month
  latency 99% within 200ms per month
}
ola db_ola "Database OLA" {
  provider dba
  customer dba
  services db
  availability 99.95% per month
}
uc network_uc "Network UC" {
  provider host
  customer acme
  services network
  availability 99.95% per month
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team dba "Database team"
supplier host "Hosting Co"
service api "API" { depends_on db, network }
service db "Database" { owner dba }
service network "Network"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.9% per month
  latency 99% within 200ms per month
}
ola db_ola "Database OLA" {
  provider dba
  customer dba
  services db
  availability 99.95% per month
}
uc network_uc "Network UC" {
  provider host
  customer acme
  services network
  availability 99.95% per month
}
"#,
    },
    Explanation {
        code: Code::E0402,
        explanation: "For some moment at which a ticket could be opened, a supporter's deadline for the same incident priority (response or resolve) or request (fulfil) falls after the agreement's own. The provider then cannot keep its promise even when the supporting team or supplier keeps theirs: the customer is owed a fix before the provider is owed one. slac computes both deadlines exactly, on each target's own calendar with holidays and daylight saving time, and reports the first instant that fails with both deadlines; fix it by tightening the supporter's target or loosening the agreement's. One supporter that backs several deadlines of the agreement too late is one cause: it is reported once, with every deadline it does not back listed and pointed at.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  support {
    during office
    incident p1 { response 30m resolve 4h }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  timezone "Europe/Paris"
  support {
    during office
    incident p1 { response 30m resolve 5h }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  support {
    during office
    incident p1 { response 30m resolve 4h }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  timezone "Europe/Paris"
  support {
    during office
    incident p1 { response 30m resolve 3h }
  }
}
"#,
    },
    Explanation {
        code: Code::E0403,
        explanation: "The agreement's clock for a target runs at a time when the supporter's clock for the same target is stopped: the customer can open a ticket that the supporting team or supplier has no obligation to work on. Typical causes are a supporter that works fewer days, a supporter's holiday on a day the agreement works, or two time zones whose daylight saving changes fall in different weeks. slac reports the first uncovered interval; widen the supporter's calendar to cover the agreement's hours, or narrow the agreement's. A clock that several supporters leave uncovered is reported once, listing each of them: most often the agreement's support block has no `during`, so its clock is `always`, and the help then names the `during` to add.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
calendar six_days "Monday to Saturday" {
  timezone "Europe/Paris"
  mon-sat 08:00-18:00
}
calendar weekdays "Monday to Friday" {
  timezone "Europe/Paris"
  mon-fri 08:00-18:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  support {
    during six_days
    incident p1 { response 1h resolve 8h }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  timezone "Europe/Paris"
  support {
    during weekdays
    incident p1 { response 30m resolve 4h }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
calendar six_days "Monday to Saturday" {
  timezone "Europe/Paris"
  mon-sat 08:00-18:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  support {
    during six_days
    incident p1 { response 1h resolve 8h }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  timezone "Europe/Paris"
  support {
    during six_days
    incident p1 { response 30m resolve 4h }
  }
}
"#,
    },
    Explanation {
        code: Code::E0404,
        explanation: "A dependency of the agreement (or its own service, for an SLA) that some OLA or UC covers is not covered during all of the agreement's validity: a contract ends or starts too late and leaves a gap. During the gap the provider still owes its customer the service level but nobody owes it to the provider. Renew or extend the supporting contract; renewals back to back count, and an `any_of` group is covered while one member is.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
supplier host "Hosting Co"
service api "API" { depends_on hosting }
service hosting "Hosting"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.5% per month
  latency 99% within 200ms per month
}
uc hosting_2026 "Hosting 2026" {
  provider host
  customer acme
  services hosting
  valid from 2026-01-01 to 2026-12-31
  availability 99.9% per month
}
uc hosting_2027 "Hosting 2027 H1" {
  provider host
  customer acme
  services hosting
  valid from 2027-01-01 to 2027-06-30
  availability 99.9% per month
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
supplier host "Hosting Co"
service api "API" { depends_on hosting }
service hosting "Hosting"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.5% per month
  latency 99% within 200ms per month
}
uc hosting_2026 "Hosting 2026" {
  provider host
  customer acme
  services hosting
  valid from 2026-01-01 to 2026-12-31
  availability 99.9% per month
}
uc hosting_2027 "Hosting 2027" {
  provider host
  customer acme
  services hosting
  valid from 2027-01-01 to 2027-12-31
  availability 99.9% per month
}
"#,
    },
    Explanation {
        code: Code::E0405,
        explanation: "A supporter with a support block has no target for one of the agreement's incident priorities (or, when it covers one of the agreement's own services, for one of its requests). Tickets of that priority can reach the supporting team or supplier, who has promised nothing about them, so the agreement's deadline for them is unbacked. Add the missing priority or request to the supporter, with deadlines at least as tight as the agreement's.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 { response 30m resolve 4h }
    incident p2 { response 2h resolve 8h }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support {
    incident p1 { response 15m resolve 2h }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 { response 30m resolve 4h }
    incident p2 { response 2h resolve 8h }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support {
    incident p1 { response 15m resolve 2h }
    incident p2 { response 1h resolve 6h }
  }
}
"#,
    },
    Explanation {
        code: Code::W0406,
        explanation: "A supporter measures availability over a longer window than the agreement (a quarter behind a month, with nominal lengths week 7d, month 30d, quarter 91d, year 365d). The supporter can then spend a whole quarter's downtime allowance in one month, breaching the agreement while still meeting its own target, and the provider has no remedy for that month. Measure the supporter over the same window or a shorter one.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
supplier host "Hosting Co"
service api "API" { depends_on hosting }
service hosting "Hosting"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.5% per month
  latency 99% within 200ms per month
}
uc hosting_uc "Hosting UC" {
  provider host
  customer acme
  services hosting
  availability 99.9% per quarter
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
supplier host "Hosting Co"
service api "API" { depends_on hosting }
service hosting "Hosting"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.5% per month
  latency 99% within 200ms per month
}
uc hosting_uc "Hosting UC" {
  provider host
  customer acme
  services hosting
  availability 99.9% per month
}
"#,
    },
    Explanation {
        code: Code::W0407,
        explanation: "A supporter's maintenance calendar is open at a time when the agreement counts downtime and its own maintenance calendar is closed. The supporter's planned outages are excluded from its own target but count in full against the agreement, so the provider can breach its SLA through maintenance it agreed to. Give the agreement a maintenance window that includes the supporter's, or negotiate the supporter's window into hours the agreement does not count.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
supplier host "Hosting Co"
service api "API" { depends_on hosting }
service hosting "Hosting"
calendar sunday_night "Sunday night patching" {
  timezone "Europe/Paris"
  sun 02:00-04:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  availability 99.5% per month
  latency 99% within 200ms per month
}
uc hosting_uc "Hosting UC" {
  provider host
  customer acme
  services hosting
  timezone "Europe/Paris"
  availability 99.9% per month
  maintenance { during sunday_night notice 72h max 4h per month }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
supplier host "Hosting Co"
service api "API" { depends_on hosting }
service hosting "Hosting"
calendar sunday_night "Sunday night patching" {
  timezone "Europe/Paris"
  sun 02:00-04:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  availability 99.5% per month
  latency 99% within 200ms per month
  maintenance { during sunday_night notice 72h max 4h per month }
}
uc hosting_uc "Hosting UC" {
  provider host
  customer acme
  services hosting
  timezone "Europe/Paris"
  availability 99.9% per month
  maintenance { during sunday_night notice 72h max 4h per month }
}
"#,
    },
    Explanation {
        code: Code::W0408,
        explanation: "A service reached from the agreement's services through `depends_on` is covered by no OLA or UC at any time. Whatever the agreement promises then rests on a component nobody has committed to, and availability composition can only count it as perfect. Put the dependency under an OLA with the team that runs it or a UC with the supplier that provides it (the agreement's own services are not reported).",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API" { depends_on hosting }
service hosting "Hosting"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
supplier host "Hosting Co"
service api "API" { depends_on hosting }
service hosting "Hosting"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
}
uc hosting_uc "Hosting UC" {
  provider host
  customer acme
  services hosting
  support { incident p1 { response 30m resolve 4h } }
}
"#,
    },
    Explanation {
        code: Code::E0409,
        explanation: "A customer subscribes to a service that no customer- or service-level SLA for that customer covers (a corporate SLA does not count, and validity is not considered). The customer is paying for, or relying on, a service with no written service level, which is exactly the kind of gap that ends in a dispute. Add the service to an SLA for that customer, or remove it from `subscribes`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api, reports }
service api "API"
service reports "Reporting"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api, reports }
service api "API"
service reports "Reporting"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api, reports
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::E0420,
        explanation: "A stage carried by an OLA or UC (`stage \"Operations\" 2h by ops_ola`) takes as long as that agreement lets it take: its own resolve (or fulfil) of the same priority or request. Added up with the other stages, the chain must fit in the deadline of the agreement that escalates, or a ticket that goes through every line can be late while every supporter keeps its promise. The message shows the sum, and the help where each term comes from.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 {
      response 15m
      resolve 6h
      escalation {
        stage "Service desk" 30m
        stage "Operations" 2h by ops_ola
      }
    }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support { incident p1 { response 15m resolve 6h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 {
      response 15m
      resolve 6h
      escalation {
        stage "Service desk" 30m
        stage "Operations" 2h by ops_ola
      }
    }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support { incident p1 { response 15m resolve 2h } }
}
"#,
    },
    Explanation {
        code: Code::E0421,
        explanation: "A stage's `by` names the OLA or UC that carries it, which must support the agreement: cover one of its services (or a service they depend on) while it is in force, and be binding or approved when the agreement is. Otherwise the stage is carried by nobody the agreement can rely on. Name a supporting agreement, or leave out `by`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
service db "Database" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 {
      response 15m
      resolve 6h
      escalation {
        stage "Service desk" 30m
        stage "Operations" 2h by db_ola
      }
    }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support { incident p1 { response 15m resolve 2h } }
}
ola db_ola "Operations OLA" {
  provider ops
  customer ops
  services db
  support { incident p1 { response 15m resolve 2h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
service db "Database" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 {
      response 15m
      resolve 6h
      escalation {
        stage "Service desk" 30m
        stage "Operations" 2h by ops_ola
      }
    }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support { incident p1 { response 15m resolve 2h } }
}
ola db_ola "Operations OLA" {
  provider ops
  customer ops
  services db
  support { incident p1 { response 15m resolve 2h } }
}
"#,
    },
    Explanation {
        code: Code::E0422,
        explanation: "A stage carried by an OLA or UC takes that agreement's resolve (or fulfil) of the same priority; when that deadline counts business days, it cannot be added to the other stages' open time, so the chain cannot be checked. State the carrier's deadline in open hours.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 {
      response 15m
      resolve 3d
      escalation {
        stage "Service desk" 30m
        stage "Operations" 24h by ops_ola
      }
    }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support { incident p1 { response 15m resolve 1 business day } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 {
      response 15m
      resolve 3d
      escalation {
        stage "Service desk" 30m
        stage "Operations" 24h by ops_ola
      }
    }
  }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support { incident p1 { response 15m resolve 24h } }
}
"#,
    },
];
