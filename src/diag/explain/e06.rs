//! E06xx — the lifecycle, the catalogue and the contract register.

use super::entry::Explanation;
use crate::diag::Code;

pub(super) const ENTRIES: &[Explanation] = &[
    // E0601: written with the lifecycle checks.
    Explanation {
        code: Code::E0601,
        explanation: "PLACEHOLDER E0601",
        wrong: "",
        right: "",
    },
    // E0602: written with the lifecycle checks.
    Explanation {
        code: Code::E0602,
        explanation: "PLACEHOLDER E0602",
        wrong: "",
        right: "",
    },
    // E0603: written with the lifecycle checks.
    Explanation {
        code: Code::E0603,
        explanation: "PLACEHOLDER E0603",
        wrong: "",
        right: "",
    },
    // E0604: written with the lifecycle checks.
    Explanation {
        code: Code::E0604,
        explanation: "PLACEHOLDER E0604",
        wrong: "",
        right: "",
    },
    // E0605: written with the lifecycle checks.
    Explanation {
        code: Code::E0605,
        explanation: "PLACEHOLDER E0605",
        wrong: "",
        right: "",
    },
    Explanation {
        code: Code::E0606,
        explanation: "A catalogue lists its packages from the lowest to the best, and a better package costs less than one listed below it. A customer offered both would buy the better one for less, and the lesser one is never sold; usually two packages were swapped or a price was copied wrongly. Fees are compared per month, in the catalogue's one currency (E0107 otherwise). Raise the better package's fee, lower the other one, or reorder the packages.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes web }
service web "Web"
catalogue levels "Service levels" {
  package silver "Silver" {
    fee 8000 EUR per month
    availability 99.9% per month
  }
  package gold "Gold" {
    fee 6000 EUR per month
    availability 99.95% per month
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes web }
service web "Web"
catalogue levels "Service levels" {
  package silver "Silver" {
    fee 6000 EUR per month
    availability 99.9% per month
  }
  package gold "Gold" {
    fee 8000 EUR per month
    availability 99.95% per month
  }
}
"#,
    },
    Explanation {
        code: Code::E0607,
        explanation: "A better package promises less than a package listed below it on some term: a lower target, a longer deadline, a longer window, smaller credits, a lower cap, more maintenance, or a commitment the lesser package makes and the better one does not make at all (an objective, a support deadline, service credits). Which way is less is the strictness table of `slac diff` and E0303 (docs/cli.md, `slac diff`); every pair of packages is compared, each finding reported once from the nearest lesser package. A term the better package sets looser is reported where it is written; what it lacks altogether is reported at its name. Tighten the better package, or reorder the packages.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes web }
service web "Web"
catalogue levels "Service levels" {
  package silver "Silver" {
    fee 4000 EUR per month
    availability 99.9% per month
  }
  package gold "Gold" {
    fee 8000 EUR per month
    availability 99.5% per month
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes web }
service web "Web"
catalogue levels "Service levels" {
  package silver "Silver" {
    fee 4000 EUR per month
    availability 99.5% per month
  }
  package gold "Gold" {
    fee 8000 EUR per month
    availability 99.9% per month
  }
}
"#,
    },
    // E0608: written with the diff checks.
    Explanation {
        code: Code::E0608,
        explanation: "PLACEHOLDER E0608",
        wrong: "",
        right: "",
    },
];
