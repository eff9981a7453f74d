//! W05xx — lints.

use super::entry::Explanation;
use crate::diag::Code;

pub(super) const ENTRIES: &[Explanation] = &[
    Explanation {
        code: Code::W0501,
        explanation: "An agreement's review is overdue: its last review (`reviewed`, else `valid from`) plus its `review every` cadence is before today. Service levels drift away from what the service really delivers, and a contract nobody has looked at in over a year is how stale targets and dead contacts end up in front of a customer. Review the agreement with its parties and update `reviewed`; `--today` fixes the date slac compares with, so CI results are reproducible.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  review every 12 months
  reviewed 2025-06-30
  support { incident p1 { response 1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  review every 12 months
  reviewed 2026-06-30
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::W0502,
        explanation: "An SLA with an external customer has availability objectives and nothing else: the watermelon effect, green outside and red inside. A service can be up while it is too slow to use or fails the customer's actual work, so the report says 99.9% while the customer is unhappy. Latency and outcome objectives count as commitments on what the customer gets, and so do support targets (`response`, `resolve`, `fulfil` of incidents and requests), in the agreement or any of its regions. The help fits the service: one whose availability is measured from its requests (an `indicator`) is asked for a latency objective; one measured otherwise (a desk, a printer fleet) for support targets or an outcome of what its users complete.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.9% per month
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.9% per month
  latency 99% within 300ms per month
}
"#,
    },
    Explanation {
        code: Code::W0503,
        explanation: "A support target is written in days or weeks (`2d`, `1w`) on a calendar that is not open 24 hours every day. A `d` is always 24 hours of open calendar time, so `2d` on a 9-to-5 weekday calendar is six working days, while customers read it as two. Write the target in hours of the calendar (`16h` for two 8-hour working days), or put the target on a 24/7 calendar.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
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
    incident p1 { response 1h resolve 2d }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
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
    incident p1 { response 1h resolve 16h }
  }
}
"#,
    },
    Explanation {
        code: Code::W0504,
        explanation: "A calendar, team, supplier, service or customer is defined but nothing refers to it: no agreement names the customer or supplier, no OLA or `owner` names the team, no `services`, `depends_on` or `subscribes` names the service, no `during` names the calendar. It is usually left over from a rename or a contract that ended, and it makes readers believe in commitments that do not exist. Refer to it where it belongs, or delete it.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team platform "Platform Engineering"
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team platform "Platform Engineering"
service api "API" { owner platform }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::W0505,
        explanation: "An agreement's validity ended before today. An expired contract still in the portfolio is either a renewal someone forgot to sign, which leaves the customer without a service level, or history that should be archived so it no longer counts in checks and documents. Renew it with new dates or remove it; `--today` fixes the date slac compares with.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  valid from 2025-01-01 to 2025-12-31
  support { incident p1 { response 1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::W0506,
        explanation: "An agreement has no `timezone`, so its reporting periods (months, quarters) and its `valid` dates are in UTC, while every calendar it uses keeps one other zone. A monthly report then starts at 01:00 or 02:00 local time and the validity ends in the middle of a local evening, out of step with the support hours the same agreement promises. It is almost always a `timezone` left out; `extends` inherits it, so the warning counts the agreement's own and inherited statements. Add `timezone` with the calendars' zone, or write `timezone \"UTC\"` when UTC is meant.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    during office
    incident p1 { response 1h resolve 8h }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
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
    incident p1 { response 1h resolve 8h }
  }
}
"#,
    },
    Explanation {
        code: Code::W0507,
        explanation: "A calendar lists dated closures (`closed 2026-12-25`) for some years but none for a year in which an agreement that uses it is in force. That year's holidays are most likely missing: the clock would count them as working days, so deadlines run through Christmas and downtime on a public holiday counts. An open-ended validity (or none) counts up to the end of the year after `--today`. A recurring closure (`closed every 12-25`, `closed easter+1`) covers every year, so a calendar with one is never reported. List the closures of the missing years, or write the holidays that come back every year once with `every` or `easter`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
  closed 2026-12-25 "Christmas Day"
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  valid from 2026-01-01 to 2027-12-31
  support {
    during office
    incident p1 { response 1h resolve 8h }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
  closed every 12-25 "Christmas Day"
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  valid from 2026-01-01 to 2027-12-31
  support {
    during office
    incident p1 { response 1h resolve 8h }
  }
}
"#,
    },
    Explanation {
        code: Code::W0508,
        explanation: "An SLA grants service credits (`penalty`) but neither it nor the terms it builds on (`extends`) say how long after the end of a period the customer may claim them. Without a claim window a credit can be claimed years later, and the contract does not tell the customer when, to whom or with what to claim, which is the first thing a customer asks when an objective is missed. Add a `claims` block (or the short `claim within 30d`) to the SLA or to the general terms it builds on: `within` the window after the end of the period, `to` whom the claim goes, `with` what evidence, `credited as refund` when credits are not set against future invoices, and `minimum` for the smallest credit paid.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
  penalty on incident p1 resolve { each breach credit 2% }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
  penalty on incident p1 resolve { each breach credit 2% }
  claims {
    within 30d
    to "billing@acme.example"
    with "the ticket numbers and the times they were resolved"
  }
}
"#,
    },
    Explanation {
        code: Code::W0509,
        explanation: "A monitored objective (one with a Prometheus `indicator`) that burn-rate alerts cannot watch: a 100% target leaves no error budget, so there is no rate at which it burns, and a window shorter than one hour is shorter than the long window of the fastest burn-rate alert (2% of the budget in 1h). `slac build` then writes no burn-rate alerts for it, only `SlaObjectiveMissed`, which pages when the error ratio over the objective's window (at least 5m) is above what the target allows, with no early warning, and `SlaIndicatorAbsent`. Contracts do promise 100% at times; monitoring cannot warn before such a promise is broken. Give the objective a budget (a target below 100%) and a window of an hour or more, such as `window rolling 28d`, or accept the missed-only alert.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability {
    target 99.9%
    window rolling 30m
    indicator prometheus {
      errors "sum(rate(http_errors_total[{{window}}]))"
      total "sum(rate(http_requests_total[{{window}}]))"
    }
  }
  support { incident p1 { response 1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability {
    target 99.9%
    window rolling 28d
    indicator prometheus {
      errors "sum(rate(http_errors_total[{{window}}]))"
      total "sum(rate(http_requests_total[{{window}}]))"
    }
  }
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
];
