//! E02xx — names.

use super::Explanation;
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
];
