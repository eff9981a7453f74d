//! E03xx — one agreement on its own (after inheritance).

use super::entry::Explanation;
use crate::diag::Code;

pub(super) const ENTRIES: &[Explanation] = &[
    Explanation {
        code: Code::E0301,
        explanation: "An agreement lacks a statement that its kind and level require (language.md §3.4), after inheritance: every agreement needs a `provider`, every one but a corporate SLA a `customer`, and service-level SLAs, OLAs and UCs their `services`. Without them nobody knows who owes what to whom for which service, and no other check can run on the agreement. Add the statement, or inherit it with `extends`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
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
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::E0302,
        explanation: "An agreement extends one of another kind (an OLA extending an SLA), or goes against the level order corporate > customer > service (a customer SLA extending a service SLA, or a service SLA extending another service SLA). Inheritance means \"these terms plus more\": a team's OLA is not a variant of a customer promise, and a framework cannot be built on a single deal. Extend an agreement of the same kind at a higher level, or copy the few statements you need.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
}
ola ops_ola "Operations OLA" {
  extends api_sla
  provider ops
  customer ops
  services api
  support { incident p1 { response 30m resolve 4h } }
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
  support { incident p1 { response 1h resolve 8h } }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  support { incident p1 { response 30m resolve 4h } }
}
"#,
    },
    Explanation {
        code: Code::E0303,
        explanation: "A child agreement (or a region) loosens a value its parent set: a lower target or `at` share, a longer deadline, latency threshold or measurement window (week < month < quarter < year, a rolling window by its length), a smaller credit at any attainment or for each breach, a lower cap, a shorter claim window, a higher minimum credit, laxer maintenance, a longer minimum downtime (`at least`), a higher error threshold over the same interval (`errors above`), or dependency outages that no longer count; the order is the one `slac diff` reports a weakening by. A corporate or customer SLA is a floor that every agreement built on it promises at least, so a child below it breaks the framework the customer signed. Tighten the child's value to at least the parent's, or change the parent if the floor itself is wrong; moving a target to another calendar is allowed, since only numbers are compared.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla acme_standard "Acme standard terms" {
  level corporate
  provider acme
  support { incident p1 { response 30m resolve 4h } }
}
sla api_sla "API SLA" {
  extends acme_standard
  customer globex
  services api
  support { incident p1 { response 45m resolve 4h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla acme_standard "Acme standard terms" {
  level corporate
  provider acme
  support { incident p1 { response 30m resolve 4h } }
}
sla api_sla "API SLA" {
  extends acme_standard
  customer globex
  services api
  support { incident p1 { response 20m resolve 4h } }
}
"#,
    },
    Explanation {
        code: Code::E0304,
        explanation: "The tiers of a penalty are malformed: thresholds are not in strictly decreasing order, credits do not strictly increase as attainment falls, percentages are mixed with amounts, tiers are mixed with `each breach`, or the first threshold is above the objective's target. Since the last tier that attainment falls under wins, a worse month could earn a smaller credit, which no customer would sign. Order the tiers from the highest threshold down with growing credits, all in one unit, starting at or below the target.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fee 1000 EUR per month
  availability 99.9% per month
  latency 99% within 300ms per month
  penalty on availability {
    below 99.9% credit 10%
    below 99.5% credit 5%
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fee 1000 EUR per month
  availability 99.9% per month
  latency 99% within 300ms per month
  penalty on availability {
    below 99.9% credit 5%
    below 99.5% credit 10%
  }
  claim within 30d
}
"#,
    },
    Explanation {
        code: Code::E0305,
        explanation: "A `penalty on` names a target the agreement does not have after inheritance: an objective kind or outcome it does not define, or an incident priority or request missing from its support block, or the update frequency (`penalty on incident p1 update`) of a target without `update every`. Such a credit can never be triggered, so the customer believes in a remedy that does not exist. Name a target the agreement defines, or add the objective or support target the penalty is about.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fee 1000 EUR per month
  support { incident p1 { response 30m resolve 4h } }
  penalty on incident p2 resolve { each breach credit 2% }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fee 1000 EUR per month
  support { incident p1 { response 30m resolve 4h } }
  penalty on incident p1 resolve { each breach credit 2% }
  claim within 30d
}
"#,
    },
    Explanation {
        code: Code::E0306,
        explanation: "An agreement's `valid from` date is after its `to` date, so it is never in force. This is nearly always a typo in a year, and an agreement that never binds leaves the customer without any commitment while everybody believes it is signed. Swap or correct the dates; `from` equal to `to` is a one-day agreement.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  valid from 2027-01-01 to 2026-12-31
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
        code: Code::E0307,
        explanation: "An objective's `indicator` is malformed: it has both or neither of `errors` and `good`, no `total`, or a query without the `{{window}}` placeholder. The indicator is what monitoring rules and attainment reports are generated from, so a malformed one would measure something other than the objective, over the wrong window. Give exactly one of `errors` or `good`, a `total`, and use `{{window}}` where the range goes in each query.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability {
    target 99.9%
    window month
    indicator prometheus {
      errors "sum(rate(http_requests_total{job=\"api\",code=~\"5..\"}[5m]))"
      total  "sum(rate(http_requests_total{job=\"api\"}[{{window}}]))"
    }
  }
  latency 99% within 300ms per month
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
    window month
    indicator prometheus {
      errors "sum(rate(http_requests_total{job=\"api\",code=~\"5..\"}[{{window}}]))"
      total  "sum(rate(http_requests_total{job=\"api\"}[{{window}}]))"
    }
  }
  latency 99% within 300ms per month
}
"#,
    },
    Explanation {
        code: Code::E0308,
        explanation: "An incident's `resolve` is shorter than its `response` (of the same priority, after inheritance). Responding to an incident is the first step of resolving it, so an incident resolved within 1h but responded to within 4h makes a promise that the support team cannot keep, and penalties on either deadline become meaningless. A resolve equal to the response is allowed (the response is then the fix). Make the resolve at least as long as the response, or shorten the response.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 4h resolve 1h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 4h } }
}
"#,
    },
    Explanation {
        code: Code::W0308,
        explanation: "An SLA with an external customer does not extend, directly or through its parents, the corporate SLA of its provider. The corporate SLA is the floor the provider promises every customer (support hours, exclusions, maintenance rules), so an SLA outside it quietly drops those terms for one customer. Add `extends` with the corporate SLA, or with a customer SLA that extends it.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla acme_standard "Acme standard terms" {
  level corporate
  provider acme
  support { incident p1 { response 1h resolve 8h } }
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 30m resolve 4h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla acme_standard "Acme standard terms" {
  level corporate
  provider acme
  support { incident p1 { response 1h resolve 8h } }
}
sla api_sla "API SLA" {
  extends acme_standard
  provider acme
  customer globex
  services api
  support { incident p1 { response 30m resolve 4h } }
}
"#,
    },
    Explanation {
        code: Code::W0309,
        explanation: "A percentage credit tier is larger than the agreement's percentage `cap` on all credits of one period. That tier can never be paid in full, so the contract promises something it takes back a few lines later, which customers and auditors read as bad faith. Lower the tier to at most the cap, or raise the cap.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fee 1000 EUR per month
  availability 99.9% per month
  latency 99% within 300ms per month
  penalty on availability {
    below 99.9% credit 10%
    below 99.0% credit 30%
  }
  cap 25%
  claim within 30d
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fee 1000 EUR per month
  availability 99.9% per month
  latency 99% within 300ms per month
  penalty on availability {
    below 99.9% credit 10%
    below 99.0% credit 30%
  }
  cap 50%
  claim within 30d
}
"#,
    },
    Explanation {
        code: Code::E0310,
        explanation: "An objective says what measures it (`measured by`), and that source cannot measure it: `measured by indicator` on an objective that declares no `indicator`, or `measured by outages` on a latency or outcome objective, which recorded outages (downtime) cannot judge. The contract names the source of truth, `slac eval` judges from it and the monitoring rules watch it, so it must exist. Declare the indicator, measure availability by outages, or remove `measured by` (availability is then judged from the recorded outages, latency and outcomes from their counted events).",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability { target 99.9% window month measured by indicator }
  latency 99% within 300ms per month
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
    window month
    measured by indicator
    indicator prometheus {
      errors "sum(rate(http_requests_total{job=\"api\",code=~\"5..\"}[{{window}}]))"
      total "sum(rate(http_requests_total{job=\"api\"}[{{window}}]))"
    }
  }
  latency 99% within 300ms per month
}
"#,
    },
    Explanation {
        code: Code::E0311,
        explanation: "A penalty computes its credit from fees, and the agreement (after inheritance) states no fee: `N times the fees for the downtime`, or `of fees for …` saying which fees its percentages are of. There is nothing to take the credit of. State the fee (`fee 12000 EUR per month`, `per quarter`, `per year`, or `fee from charges` for what is billed), or credit a fixed amount.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  claim within 30d
  latency 99% within 300ms per month
  availability 99.99% per quarter
  penalty on availability { below 99.99% credit 10 times the fees for the downtime }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  claim within 30d
  latency 99% within 300ms per month
  fee 18000 USD per year
  availability 99.99% per quarter
  penalty on availability { below 99.99% credit 10 times the fees for the downtime }
}
"#,
    },
    Explanation {
        code: Code::E0312,
        explanation: "`N times the fees for the downtime` credits the fees for the time the service was down, so it belongs in `penalty on availability`, with the availability measured by the recorded outages. A latency or outcome penalty, an availability measured by an indicator (which counts requests, not downtime) and `each breach` of a support target have no downtime to take the fees for. Credit a percentage of the fee or an amount there.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  claim within 30d
  fee 1000 EUR per month
  latency 99% within 300ms per month
  penalty on latency { below 99% credit 10 times the fees for the downtime }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  claim within 30d
  fee 1000 EUR per month
  latency 99% within 300ms per month
  penalty on latency { below 99% credit 10% }
}
"#,
    },
    Explanation {
        code: Code::E0313,
        explanation: "A penalty `per service`, `per region` or `per instance` is computed for each item on its own: its attainment from the outages that name it and its credit as a share of its own charges. Those charges come from `slac eval --charges`, which only an agreement with `fee from charges` reads, and only availability is recorded per item (outages carry the item). Write `fee from charges`, or remove the `per` line to judge the worst item against the whole fee.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  claim within 30d
  latency 99% within 300ms per month
  fee 1000 EUR per month
  availability 99.99% per month
  penalty on availability {
    per instance
    below 99.99% credit 10%
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  claim within 30d
  latency 99% within 300ms per month
  fee from charges
  availability 99.99% per month
  penalty on availability {
    per instance
    below 99.99% credit 10%
  }
}
"#,
    },
    Explanation {
        code: Code::E0314,
        explanation: "`of fees for …` says what a penalty's percentage credits are a share of: the fees for the period (the default), for the previous month, or for a number of whole days before the claim. It needs a percentage credit to apply to, and the days are whole days from 1d to 366d.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  claim within 30d
  latency 99% within 300ms per month
  fee 1000 EUR per month
  availability 99.9% per month
  penalty on availability {
    of fees for the 12h before the claim
    below 99.9% credit 10%
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  claim within 30d
  latency 99% within 300ms per month
  fee 1000 EUR per month
  availability 99.9% per month
  penalty on availability {
    of fees for the 30d before the claim
    below 99.9% credit 10%
  }
}
"#,
    },
    Explanation {
        code: Code::E0320,
        explanation: "An availability objective's `downtime` block says what counts as downtime (docs/language.md §4.1), and one of its values cannot be used: a minimum downtime (`at least D`) of zero or as long as the shortest period of the window (no downtime would ever count), an interval (`errors above P per D`, `average error rate per D`) under one second, not dividing a day into whole intervals, or not shorter than the window, or an error threshold of 100% or more (no interval can exceed it). Write a short minimum such as `at least 1m`, intervals such as `per 1m` or `per 5m`, and a threshold below 100%.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability {
    target 99.9%
    window month
    downtime { at least 30d }
  }
  latency 99% within 300ms per month
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
    window month
    downtime { at least 1m }
  }
  latency 99% within 300ms per month
}
"#,
    },
    Explanation {
        code: Code::E0321,
        explanation: "A `downtime` block defines downtime one way: by a minimum stretch (`at least D`) of the recorded outages, by intervals whose error rate is above a threshold (`errors above P per D`, which `at least` may accompany), or by the average error rate of the intervals (`average error rate per D`). Both error-rate forms at once, or a minimum with the average, contradict each other; and an objective whose downtime is defined by error rates is judged from the requests counted per interval (`slac eval --requests`), so it cannot also say `measured by indicator` or `measured by outages`. Keep one definition and remove `measured by`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability {
    target 99.9%
    window month
    downtime {
      errors above 5% per 1m
      average error rate per 5m
    }
  }
  latency 99% within 300ms per month
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
    window month
    downtime { average error rate per 5m }
  }
  latency 99% within 300ms per month
}
"#,
    },
    Explanation {
        code: Code::E0322,
        explanation: "A `k of (…)` dependency (docs/language.md §3.3) says a service needs at least `k` of the listed services, for instance two of three availability zones. `k` must be between 1 (`any_of`) and the number of services listed (all of them), and the list must name two or more services; otherwise the service could never be up, or the group means nothing. Fix the count or the list.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service az_a "Zone A"
service az_b "Zone B"
service api "API" { depends_on 3 of (az_a, az_b) }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.9% per month
  latency 99% within 300ms per month
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service az_a "Zone A"
service az_b "Zone B"
supplier cloud "Cloud Co"
service az_c "Zone C"
service api "API" { depends_on 2 of (az_a, az_b, az_c) }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.9% per month
  latency 99% within 300ms per month
}
uc zones_uc "Zones UC" {
  provider cloud
  customer acme
  services az_a, az_b, az_c
  availability 99.99% per month
  support { incident p1 { response 30m resolve 4h } }
}
"#,
    },
    Explanation {
        code: Code::E0323,
        explanation: "A maintenance allowance (`max D per month`, `max D per year`, docs/language.md §9) is the planned downtime that may be excused in one calendar month or year. An allowance longer than the period itself (more than 31 days per month, 366 days per year) is a slip, usually of the unit: write the hours the provider may take, e.g. `max 8h per year`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar sundays "Sunday nights" { timezone "UTC" sun 00:00-04:00 }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.9% per month
  latency 99% within 300ms per month
  maintenance { during sundays notice 72h max 400d per year }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar sundays "Sunday nights" { timezone "UTC" sun 00:00-04:00 }
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.9% per month
  latency 99% within 300ms per month
  maintenance { during sundays notice 72h max 8h per year }
}
"#,
    },
    Explanation {
        code: Code::E0324,
        explanation: "`fiscal year from MM-DD` (docs/language.md, \"Fiscal years\") makes the agreement's quarters and years start in month MM: with `04-01`, Q1 is April to June and the fiscal year 2026 runs from 1 April 2026 to 31 March 2027. Fiscal quarters are whole months, so the day must be `01`; a fiscal year that starts mid-month (`04-15`) cannot be cut into the months allowances, fees and `slac eval --period` are counted in. Write the first of the month the fiscal year starts in.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fiscal year from 04-15
  availability 99.9% per quarter
  latency 99% within 300ms per quarter
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fiscal year from 04-01
  availability 99.9% per quarter
  latency 99% within 300ms per quarter
}
"#,
    },
    Explanation {
        code: Code::E0330,
        explanation: "A deadline in business days counts whole business days (open days of the target's calendar, language.md §5.1) from 1 to 1000. `0 business days` is no deadline at all, and more than 1000 (about four years of working days) is a slip. A deadline sooner than the end of the next business day is written in open hours (`4h`).",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p3 { response 0 business days resolve 5 business days } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p3 { response 1 business day resolve 5 business days } }
}
"#,
    },
    Explanation {
        code: Code::E0331,
        explanation: "`update every D` promises the customer an update at least every D while a ticket is open. An interval longer than the time in which the ticket must be resolved (or fulfilled) promises no update at all: the ticket is closed before the first one is due. Update more often than the resolve, or drop `update every`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 15m resolve 4h update every 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 15m resolve 4h update every 1h } }
}
"#,
    },
    Explanation {
        code: Code::E0332,
        explanation: "The stages of an escalation (`escalation { stage \"…\" D … }`) are the open time each line of support may take before the ticket moves on; together they must fit in the deadline the ticket ends with (the resolve of an incident, the fulfil of a request), or the chain cannot keep the promise even when every stage keeps its own. The message shows the sum.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
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
        stage "Second line" 2h
        stage "Supplier" 4h
      }
    }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
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
        stage "Second line" 2h
        stage "Supplier" 3h
      }
    }
  }
}
"#,
    },
    Explanation {
        code: Code::E0333,
        explanation: "Escalation stages are open time, and a deadline in business days is a count of days whose length depends on the calendar and on the hour the ticket is raised: the two cannot be added up, so the chain cannot be checked. State the deadline the stages lead to in open hours (two 8-hour business days are `16h` on a business-hours calendar), or leave out the escalation.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p2 {
      response 4h
      resolve 2 business days
      escalation {
        stage "Service desk" 30m
        stage "Second line" 8h
      }
    }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p2 {
      response 4h
      resolve 16h
      escalation {
        stage "Service desk" 30m
        stage "Second line" 8h
      }
    }
  }
}
"#,
    },
];
