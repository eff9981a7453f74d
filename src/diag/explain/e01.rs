//! E01xx — values and syntax.

use super::entry::Explanation;
use crate::diag::Code;

pub(super) const ENTRIES: &[Explanation] = &[
    Explanation {
        code: Code::E0100,
        explanation: "The file does not follow the grammar of the `.sla` language: a brace is missing, a keyword is misspelt or a value has the wrong shape (`4 hours` instead of `4h`). The message says in words what was expected at that point. Parsing of that file stops at the first syntax error, because everything after it could be misread; the other files are still checked. Fix the spot the label points at, usually by closing a block or writing the value the way language.md shows it.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 { response 15m resolve 4h
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
    incident p1 { response 15m resolve 4h }
  }
}
"#,
    },
    Explanation {
        code: Code::E0101,
        explanation: "A percentage is above 100% (or has more precision than an exact decimal can hold). Targets, `at` shares, credits and caps are shares of a whole, so a promise of 100.5% uptime or a 150% cap cannot be measured or paid and would make every comparison with supporters meaningless. Write a value from 0% to 100%; a target of 100% is legal but is breached by the first second of downtime.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 100.5% per month
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
  availability 99.95% per month
  latency 99% within 300ms per month
}
"#,
    },
    Explanation {
        code: Code::E0102,
        explanation: "A time of day is outside 00:00–24:00 (`25:00`, `09:60`), or `24:00` is used as the start of an interval. Service hours decide when the SLA clock runs and when downtime counts, so a time that does not exist would silently shift deadlines. Write hours 00–23 and minutes 00–59; `24:00` is allowed only as the end of an interval, meaning midnight at the end of the day.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 08:00-12:00, 13:00-25:00
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
  mon-fri 08:00-12:00, 13:00-17:00
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
        code: Code::E0103,
        explanation: "A date does not exist in the calendar: 2026-02-30, a month 13, or 29 February in a year that is not a leap year. Validity, review and holiday dates decide when a contract binds and when the clock stops, and a guessed correction (the 1st of March? the 28th of February?) could change an obligation. Write the real date you mean, usually the last day of the month. The same goes for a recurring closure: `closed every 02-30` names no day of any year (`every 02-29` is fine: leap years only), and `closed easter+400` is more than a year from Easter (at most 365 days either way).",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  valid from 2026-03-01 to 2027-02-29
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
  valid from 2026-03-01 to 2027-02-28
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::E0104,
        explanation: "An interval ends at or before its start, as in `22:00-06:00` or `09:00-09:00`. Intervals are half-open wall-clock ranges within one day, so such a window is empty, and a night shift written this way would leave the clock stopped exactly when support was promised. Split a window that crosses midnight into two rules, the evening on its days and the early morning on the following days, as the help shows.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar night_shift "Night shift" {
  timezone "Europe/Paris"
  mon-fri 22:00-06:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  support {
    during night_shift
    incident p1 { response 15m resolve 4h }
  }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar night_shift "Night shift" {
  timezone "Europe/Paris"
  mon-fri 22:00-24:00
  tue-sat 00:00-06:00
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  support {
    during night_shift
    incident p1 { response 15m resolve 4h }
  }
}
"#,
    },
    Explanation {
        code: Code::E0105,
        explanation: "A `timezone` is not an IANA time zone name. The zone decides when service hours start and end and how daylight saving time moves them, so slac will not guess. Use the exact, case-sensitive IANA name (`Europe/Paris`, `America/New_York`, `UTC`); the help suggests the closest ones.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Pariss"
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
        code: Code::E0106,
        explanation: "A duration is malformed: it is zero, its units are not in strictly descending order (`30m1h`), a unit is repeated (`1h1h`), or it is too large to represent. Such a value is usually a typo, and reading it one way or the other could double or halve a deadline. Write each unit once, largest first (`1h30m`), and a total above zero.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 30m1h resolve 8h } }
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h30m resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::E0107,
        explanation: "An amount of money uses a currency that is not an ISO 4217 code, or one agreement's fee and credit amounts use different currencies (also checked after inheritance). Credits are computed from the fee and capped together, which is only possible in one currency, and an invoice in an unknown currency cannot be issued. Use a known three-letter code such as `EUR` or `USD`, the same throughout the agreement.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  fee 1000 EUX per month
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
  fee 1000 EUR per month
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::E0108,
        explanation: "A statement that may appear only once in its block is given twice: two `timezone`s in a calendar, two `provider`s, or two incidents with the same priority. A contract that says two different things about the same term is ambiguous, and slac will not pick one for you. Keep one of them, or give the second its own id (`incident p2`) if you meant a different target.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  support {
    incident p1 { response 30m resolve 4h }
    incident p1 { response 2h resolve 8h }
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
    incident p1 { response 30m resolve 4h }
    incident p2 { response 2h resolve 8h }
  }
}
"#,
    },
    Explanation {
        code: Code::E0109,
        explanation: "A statement is not allowed in this kind of item or at this level: `level` in an OLA, `subscribes` on a team, `fulfil` in an incident, or `services` in a corporate SLA, which applies to every customer and every service. The statement would be ignored or would contradict the item's meaning, so it is an error rather than a silent no-op. Move the statement to the item where it belongs (here: name the services in the service-level SLA that extends the corporate one), or delete it.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla acme_standard "Acme standard terms" {
  level corporate
  provider acme
  services api
  support { incident p1 { response 1h resolve 8h } }
}
sla api_sla "API SLA" {
  extends acme_standard
  customer globex
  services api
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
  customer globex
  services api
}
"#,
    },
    Explanation {
        code: Code::W0110,
        explanation: "Two intervals of one calendar overlap, for example `mon-fri 13:00-17:00` and `fri 16:00-18:00`. slac merges them, so the hours are right, but the overlap usually means a rule was edited in one place and not the other, and a reader of the contract may count the shared hour twice. Write the hours so that each moment is listed once.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 08:00-12:00, 13:00-17:00
  fri 16:00-18:00
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
  mon-thu 08:00-12:00, 13:00-17:00
  fri 08:00-12:00, 13:00-18:00
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
        code: Code::W0111,
        explanation: "A string or comment holds an invisible Unicode control that changes the direction of text: an embedding or override (U+202A to U+202E) or an isolate (U+2066 to U+2069). Editors and code review draw the text around it in another order than slac reads it, so a comment can seem to end before code that it actually contains, or a string seem to say something else (the \"trojan source\" attack, CVE-2021-42574). In a pull request from someone else that is exactly what review must not miss. Remove the character; if a title really needs one, write it as an escape such as `\\u{202e}`, which everyone can see. The examples here show the character as `\\u{202e}`.",
        wrong: "provider acme \"Acme\"
customer globex \"Globex\" { subscribes api }
service api \"API\"
sla api_sla \"API SLA\" {
  provider acme
  customer globex
  services api
  # reviewed by legal \u{202e} 2026-11-02
  support { incident p1 { response 1h resolve 8h } }
}
",
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  # reviewed by legal 2026-11-02
  support { incident p1 { response 1h resolve 8h } }
}
"#,
    },
    Explanation {
        code: Code::E0110,
        explanation: "The project file slac.toml (found in the portfolio's directory or a parent, up to the repository's root) is not valid TOML: a table header is not closed, a string has no closing quote, a key has no value. slac reads slac.toml before the portfolio and stops with exit code 2, because allowed warnings, the date of the date-based lints and the output directory all come from it and a run with half of them would not be the run you asked for. The label points where the TOML parser gave up; docs/cli.md lists every key. The examples here are slac.toml files.",
        wrong: r#"[check
allow = ["W0502"]
"#,
        right: r#"[check]
allow = ["W0502"]
"#,
    },
    Explanation {
        code: Code::E0111,
        explanation: "slac.toml has a table or key slac does not know, or a value of the wrong type (`allow = \"W0502\"` where a list is expected). A misspelt key would otherwise be ignored without a word, and the setting you meant would silently not apply, so it is an error with the nearest known key as a suggestion. slac.toml knows `[check]` with `allow` (a list of warning codes) and `today` (`\"system\"` or a date), and `[build]` with `out` (a directory) and `emit` (a list of outputs). The examples here are slac.toml files.",
        wrong: r#"[check]
alow = ["W0502"]
"#,
        right: r#"[check]
allow = ["W0502"]
"#,
    },
    Explanation {
        code: Code::E0112,
        explanation: "A value in slac.toml has the right type but cannot be used: `allow` names an error or something that is not a diagnostic code (only warnings can be allowed: a portfolio with an error is not one to build on), `today` is neither `\"system\"` nor a date written YYYY-MM-DD, `out` is empty, or `emit` names an output slac does not have. The label points at the value. The examples here are slac.toml files.",
        wrong: r#"[check]
allow = ["E0401"]
"#,
        right: r#"[check]
allow = ["W0502"]
"#,
    },
    Explanation {
        code: Code::W0120,
        explanation: "A warning is allowed (by a `# slac: allow` comment on an item, by `allow` in slac.toml or by `--allow` on the command line) but nothing in its scope reports it any more. Allowed warnings outlive their reason: the agreement was fixed, the item was removed, and the allow stays behind, ready to hide the next real problem. slac reports an allow that silenced nothing so it can be removed. It is reported only when every phase ran (no errors), since a warning's phase may not have run otherwise. An unused `--allow` has no place in a file to point at: its diagnostic has no label and names the flag in its message.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
# slac: allow W0502
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
        code: Code::W0121,
        explanation: "A comment starting `# slac:` is an instruction to slac, and this one cannot be followed: it is not `# slac: allow CODE…`, it names no code, a code that does not exist, or an error's code (errors cannot be allowed), or it stands before no item. An allow comment applies to one item: write it on the line just above the item or on the item's first line, and it silences the named warnings whose place is inside that item. Several codes are separated by commas or spaces. A comment that does not start with `slac:` is free text.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
# slac: allow E0401
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
];
