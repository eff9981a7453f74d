//! E02xx — names.

use super::entry::Explanation;
use crate::diag::Code;

pub(super) const ENTRIES: &[Explanation] = &[
    Explanation {
        code: Code::E0201,
        explanation: "Two items have the same identifier. All files of a portfolio share one namespace, so every reference to that name would be ambiguous, and two teams could each believe their definition is the one in force. Both places are labelled; rename one of them (and its references) or delete the copy.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "Public API"
service api "Admin API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api, admin_api }
service api "Public API"
service admin_api "Admin API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api, admin_api
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::E0202,
        explanation: "A reference names nothing that is defined in the portfolio, usually because of a typo or a file that was not passed to slac. Nothing can be checked about an agreement whose services or parties are unknown. Fix the spelling (the help suggests the closest defined name of the expected kind) or add the missing file or definition.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes checkout }
service checkout "Checkout"
sla checkout_sla "Checkout SLA" {
  provider acme
  customer globex
  services chekout
  support { incident p1 { response 1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes checkout }
service checkout "Checkout"
sla checkout_sla "Checkout SLA" {
  provider acme
  customer globex
  services checkout
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::E0203,
        explanation: "A reference names an item of the wrong kind, such as `provider globex` where `globex` is a customer, or `during` naming a service. Each position expects one kind (an SLA's provider is the provider, an OLA's a team, a UC's a supplier), and mixing them up swaps who owes what to whom. Name an item of the expected kind.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider globex
  customer globex
  services api
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
        code: Code::E0204,
        explanation: "The `depends_on` graph has a cycle, printed as `a → b → a`. A service cannot need itself to work: availability composition and the search for supporters would never end, and the cycle usually hides a dependency drawn in the wrong direction. Remove the edge that does not reflect what is really needed to run the service.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes shop }
team platform "Platform"
team dba "Database team"
service shop "Web shop" { owner platform depends_on db }
service db "Database" { owner dba depends_on shop }
sla shop_sla "Web shop SLA" {
  provider acme
  customer globex
  services shop
  support { incident p1 { response 1h resolve 8h } }
}
ola db_ola "Database OLA" {
  provider dba
  customer platform
  services db
  support { incident p1 { response 30m resolve 4h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes shop }
team platform "Platform"
team dba "Database team"
service shop "Web shop" { owner platform depends_on db }
service db "Database" { owner dba }
sla shop_sla "Web shop SLA" {
  provider acme
  customer globex
  services shop
  support { incident p1 { response 1h resolve 8h } }
}
ola db_ola "Database OLA" {
  provider dba
  customer platform
  services db
  support { incident p1 { response 30m resolve 4h } }
}
"#,
    },
    Explanation {
        code: Code::E0205,
        explanation: "Agreements extend each other in a cycle, printed as `a → b → a`. Inheritance copies the parent's statements into the child, so a cycle has no starting point and no agreement would have a defined content. Decide which agreement is the framework and remove the `extends` from it.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_terms "Globex terms" {
  level customer
  extends api_sla
  provider acme
  customer globex
  support { incident p1 { response 1h resolve 8h } }
}
sla api_sla "API SLA" {
  extends globex_terms
  services api
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_terms "Globex terms" {
  level customer
  provider acme
  customer globex
  support { incident p1 { response 1h resolve 8h } }
}
sla api_sla "API SLA" {
  extends globex_terms
  services api
}
"#,
    },
    Explanation {
        code: Code::E0206,
        explanation: "A calendar is named `always`, which is the built-in calendar that is open all the time in UTC. Redefining it would silently change every target and objective that relies on the default clock. Give your calendar its own name and refer to it with `during`.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar always "Every day, Paris time" {
  timezone "Europe/Paris"
  mon-sun 06:00-22:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  support {
    during always
    incident p1 { response 1h resolve 8h }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar paris_days "Every day, Paris time" {
  timezone "Europe/Paris"
  mon-sun 06:00-22:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  support {
    during paris_days
    incident p1 { response 1h resolve 8h }
  }
}
"#,
    },
    Explanation {
        code: Code::E0207,
        explanation: "A calendar lists more than 64 recurring closures (`closed every MM-DD`, `closed easter+N`), or a portfolio more than 1,024. Each recurring closure becomes one closed day in every year the clock can be asked about (years 0 to 10000), so a few hundred lines would cost gigabytes and seconds in every `slac check` of every pull request: a small hostile file could stall CI. A real holiday calendar has a few dozen rules. List the holidays that recur, and write rare days as dated closures (`closed 2026-06-01`).",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
  closed every 01-01 "Day 1"
  closed every 01-06 "Day 2"
  closed every 01-11 "Day 3"
  closed every 01-16 "Day 4"
  closed every 01-21 "Day 5"
  closed every 01-26 "Day 6"
  closed every 01-31 "Day 7"
  closed every 02-05 "Day 8"
  closed every 02-10 "Day 9"
  closed every 02-15 "Day 10"
  closed every 02-20 "Day 11"
  closed every 02-25 "Day 12"
  closed every 03-02 "Day 13"
  closed every 03-07 "Day 14"
  closed every 03-12 "Day 15"
  closed every 03-17 "Day 16"
  closed every 03-22 "Day 17"
  closed every 03-27 "Day 18"
  closed every 04-01 "Day 19"
  closed every 04-06 "Day 20"
  closed every 04-11 "Day 21"
  closed every 04-16 "Day 22"
  closed every 04-21 "Day 23"
  closed every 04-26 "Day 24"
  closed every 05-01 "Day 25"
  closed every 05-06 "Day 26"
  closed every 05-11 "Day 27"
  closed every 05-16 "Day 28"
  closed every 05-21 "Day 29"
  closed every 05-26 "Day 30"
  closed every 05-31 "Day 31"
  closed every 06-05 "Day 32"
  closed every 06-10 "Day 33"
  closed every 06-15 "Day 34"
  closed every 06-20 "Day 35"
  closed every 06-25 "Day 36"
  closed every 06-30 "Day 37"
  closed every 07-05 "Day 38"
  closed every 07-10 "Day 39"
  closed every 07-15 "Day 40"
  closed every 07-20 "Day 41"
  closed every 07-25 "Day 42"
  closed every 07-30 "Day 43"
  closed every 08-04 "Day 44"
  closed every 08-09 "Day 45"
  closed every 08-14 "Day 46"
  closed every 08-19 "Day 47"
  closed every 08-24 "Day 48"
  closed every 08-29 "Day 49"
  closed every 09-03 "Day 50"
  closed every 09-08 "Day 51"
  closed every 09-13 "Day 52"
  closed every 09-18 "Day 53"
  closed every 09-23 "Day 54"
  closed every 09-28 "Day 55"
  closed every 10-03 "Day 56"
  closed every 10-08 "Day 57"
  closed every 10-13 "Day 58"
  closed every 10-18 "Day 59"
  closed every 10-23 "Day 60"
  closed every 10-28 "Day 61"
  closed every 11-02 "Day 62"
  closed every 11-07 "Day 63"
  closed every 11-12 "Day 64"
  closed every 11-17 "Day 65"
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
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
  closed every 01-01 "New Year's Day"
  closed easter+1 "Easter Monday"
  closed every 05-01 "Labour Day"
  closed every 07-14 "Bastille Day"
  closed every 12-25 "Christmas Day"
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
];
