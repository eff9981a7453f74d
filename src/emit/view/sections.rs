//! The contract's numbered sections, built from the document's formatted values: what
//! both the HTML and the Markdown template print (docs/documents.md).

use super::content::PartyView;
use super::content::{b, c, link, number, t, Block, Section, Span};
use super::document::Document;
use super::lifecycle::LifecycleView;
use std::fmt::Write as _;

/// The lines under the title: kind and level, then reference, date and what it builds on.
pub(super) fn cover(d: &Document) -> Vec<Block> {
    let mut kind = d.kind_long.to_string();
    if let Some(level) = d.level {
        let _ = write!(kind, ", {level} level");
    }
    if let Some(r) = &d.region {
        let _ = write!(kind, ", regional variant “{}”", r.title);
    }
    kind.push('.');
    let mut reference = vec![t("Reference "), c(&d.stem)];
    // The version in force, when the portfolio numbers versions.
    if let Some(l) = d.lifecycle.as_ref().filter(|l| l.version.is_some()) {
        reference.push(t(format!(", version {}", l.number)));
    }
    reference.push(t(format!(", document date {}.", d.today)));
    if let Some(e) = &d.extends {
        reference.push(t(format!(" Builds on “{}” (", e.title)));
        reference.push(c(&e.name));
        reference.push(t(")."));
    }
    vec![Block::note(kind), Block::paragraph(reference)]
}

fn or_dash(s: Option<&String>) -> Vec<Span> {
    vec![t(s.map_or("–", String::as_str))]
}

pub(super) fn sections(d: &Document) -> Vec<Section> {
    number(vec![
        ("Parties", true, parties(d)),
        ("Definitions", false, definitions(d)),
        ("Term, review and changes", true, term(d)),
        ("Scope", false, scope(d)),
        ("Service hours", false, hours(d)),
        ("Service level objectives", false, objectives(d)),
        ("Support", true, support(d)),
        ("Maintenance", true, maintenance(d)),
        ("Exclusions", true, exclusions(d)),
        ("Service credits", true, credits(d)),
        ("Underpinning agreements", true, supporters(d)),
        ("Signatures", true, signatures(d)),
    ])
}

fn parties(d: &Document) -> Vec<Block> {
    let people: Vec<PartyView> = d.provider.iter().chain(&d.customer).cloned().collect();
    // A card with nothing but the role and the name would be an empty box: such a party
    // is named in a sentence instead.
    let (cards, bare): (Vec<PartyView>, Vec<PartyView>) = people
        .into_iter()
        .partition(|x| x.description.is_some() || x.address.is_some() || x.contact.is_some());
    let mut out = Vec::new();
    if cards.is_empty() {
        if !bare.is_empty() {
            let mut spans = vec![t("This agreement is made between ")];
            for (i, x) in bare.iter().enumerate() {
                if i > 0 {
                    spans.push(t(" and "));
                }
                spans.push(b(&x.title));
                spans.push(t(format!(" (the {})", x.role.to_lowercase())));
            }
            spans.push(t("."));
            out.push(Block::paragraph(spans));
        }
    } else {
        out.push(Block::text(
            "This agreement is made between the following parties.",
        ));
        out.push(Block::parties(cards));
        for x in &bare {
            out.push(Block::paragraph(vec![
                t(format!("{}: ", x.role)),
                b(&x.title),
                t(" (no address or contact stated)."),
            ]));
        }
    }
    if d.provider.is_none() {
        out.push(Block::text("No provider is stated."));
    }
    if d.customer.is_none() {
        out.push(Block::text(
            "Customer: every customer of the provider (corporate terms).",
        ));
    }
    if let Some(p) = &d.precedence {
        out.push(Block::text(p.clone()));
    }
    out
}

fn definitions(d: &Document) -> Vec<Block> {
    if d.definitions.is_empty() {
        return Vec::new();
    }
    vec![
        Block::text("In this agreement the following terms have these meanings."),
        Block::list(
            d.definitions
                .iter()
                .map(|x| vec![b(format!("“{}”", x.term)), t(format!(" {}", x.meaning))])
                .collect(),
        ),
    ]
}

fn term(d: &Document) -> Vec<Block> {
    let mut pairs = vec![
        ("Validity", vec![t(&d.validity)]),
        (
            "Time zone",
            vec![t(format!(
                "{} (reporting periods and validity dates)",
                d.timezone
            ))],
        ),
        (
            "Fee",
            vec![t(d.fee.clone().unwrap_or_else(|| "none stated".into()))],
        ),
        (
            "Review",
            vec![t(d
                .review
                .clone()
                .unwrap_or_else(|| "no review cadence stated".into()))],
        ),
    ];
    if let Some(l) = &d.lifecycle {
        pairs.extend(lifecycle_terms(l));
    }
    let mut out = vec![Block::terms(pairs)];
    // The version history: each earlier version with the day it was signed, then this one.
    if let Some(l) = d.lifecycle.as_ref().filter(|l| !l.history.is_empty()) {
        out.push(Block::heading(vec![t("Version history")]));
        out.push(Block::table(
            "history",
            &["Version", "Signed", "Changes"],
            &[],
            l.history
                .iter()
                .map(|h| {
                    (
                        vec![vec![t(&h.version)], vec![t(&h.signed)], vec![t(&h.changes)]],
                        false,
                    )
                })
                .collect(),
        ));
    }
    if !d.notes.is_empty() {
        out.push(Block::heading(vec![t("Change procedure and notes")]));
        out.push(Block::list(d.notes.iter().map(|n| vec![t(n)]).collect()));
    }
    out
}

/// Status, version, approval and requirements, under the validity.
fn lifecycle_terms(l: &LifecycleView) -> Vec<(&'static str, Vec<Span>)> {
    let mut pairs = vec![("Status", vec![t(&l.status)])];
    if let Some(v) = &l.version {
        pairs.push(("Version", vec![t(v)]));
    }
    if let Some(a) = &l.approved {
        pairs.push(("Approved", vec![t(a)]));
    }
    if let Some(r) = &l.requirements {
        pairs.push((
            "Requirements",
            vec![t(format!("{r} (the requirements this agreement answers)"))],
        ));
    }
    pairs
}

fn scope(d: &Document) -> Vec<Block> {
    if d.services.is_empty() {
        return vec![Block::text(
            "These terms name no services: they apply to every service delivered under an agreement that builds on them.",
        )];
    }
    let head: &[&str] = if d.customer_copy {
        &["Service", "Description", "Owner"]
    } else {
        &["Service", "Description", "Owner", "Depends on"]
    };
    vec![
        Block::text("The agreement covers the following services."),
        Block::table(
            "",
            head,
            &[],
            d.services
                .iter()
                .map(|s| {
                    let mut cells = vec![
                        vec![b(&s.title), t(" ("), c(&s.name), t(")")],
                        or_dash(s.description.as_ref()),
                        or_dash(s.owner.as_ref()),
                    ];
                    if !d.customer_copy {
                        cells.push(vec![t(if s.depends_on.is_empty() {
                            "nothing".to_string()
                        } else {
                            s.depends_on.join("; ")
                        })]);
                    }
                    (cells, false)
                })
                .collect(),
        ),
    ]
}

fn hours(d: &Document) -> Vec<Block> {
    if d.calendars.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Block::text(
        "Times are local wall-clock times in each calendar's time zone; intervals include their start and exclude their end.",
    )];
    for cal in &d.calendars {
        out.push(Block::heading(vec![
            t(format!("{} (", cal.title)),
            c(&cal.name),
            t(format!(", {})", cal.timezone)),
        ]));
        if let Some(desc) = &cal.description {
            out.push(Block::text(desc.clone()));
        }
        if cal.always {
            out.push(Block::text("Open 24 hours a day, every day of the year."));
            continue;
        }
        let open: Vec<_> = cal.days.iter().filter(|x| x.open).collect();
        if !open.is_empty() && open.len() <= 2 {
            // A window open one or two days a week reads better as one line than as a
            // table of seven rows, most of them closed.
            let days: Vec<String> = open
                .iter()
                .map(|x| format!("{} {}", x.day, x.hours))
                .collect();
            out.push(Block::text(format!(
                "Open {} only ({} a week).",
                days.join(" and "),
                cal.week_total
            )));
        } else {
            let mut rows: Vec<(Vec<Vec<Span>>, bool)> = cal
                .days
                .iter()
                .map(|day| {
                    (
                        vec![vec![t(&day.day)], vec![t(&day.hours)], vec![t(&day.total)]],
                        !day.open,
                    )
                })
                .collect();
            rows.push((
                vec![vec![b("Week")], vec![], vec![b(&cal.week_total)]],
                false,
            ));
            out.push(Block::table(
                "week",
                &["Day", "Service hours", "Hours"],
                &[false, false, true],
                rows,
            ));
        }
        if cal.has_closures {
            out.push(Block::table(
                "closures",
                &["Closed on", "Day", "Closed", "Occasion"],
                &[],
                cal.closures
                    .iter()
                    .map(|x| {
                        (
                            vec![
                                vec![t(&x.date)],
                                vec![t(&x.weekday)],
                                vec![t(&x.hours)],
                                vec![t(&x.label)],
                            ],
                            false,
                        )
                    })
                    .collect(),
            ));
        }
    }
    out
}

fn objectives(d: &Document) -> Vec<Block> {
    if d.objectives.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for o in &d.objectives {
        let mut spans = vec![b(&o.title)];
        if let Some(s) = &o.service {
            spans.push(t(format!(" ({s})")));
        }
        spans.push(t(format!(": {} {}: {}.", o.target, o.window, o.allows)));
        if o.in_hours {
            spans.push(t(format!(" Downtime counts only during {}.", o.during)));
        }
        spans.push(t(format!(" {}", o.measured)));
        out.push(Block::paragraph(spans));
        if let Some(table) = &o.table {
            let num: Vec<bool> = (0..table.head.len()).map(|i| i > 0).collect();
            let head: Vec<&str> = table.head.iter().map(String::as_str).collect();
            out.push(Block::table(
                "allowances",
                &head,
                &num,
                table
                    .rows
                    .iter()
                    .map(|r| {
                        let mut cells = vec![vec![t(&r.label)]];
                        cells.extend(r.cells.iter().map(|x| vec![t(x)]));
                        (cells, false)
                    })
                    .collect(),
            ));
            if table.partial {
                out.push(Block::note(
                    "* The agreement is in force for part of that period; the allowance is of that part.",
                ));
            }
        }
    }
    out.push(Block::note(
        "Allowances are exact and rounded down to the second.",
    ));
    out
}

fn support(d: &Document) -> Vec<Block> {
    if d.targets.is_empty() {
        return Vec::new();
    }
    let mut intro = vec![t("Times run only while the named calendar is open")];
    if let Some(sc) = &d.support_clock {
        intro.push(t(format!(
            "; unless a row says otherwise, that is {} (",
            sc.title
        )));
        intro.push(c(&sc.name));
        intro.push(t(")"));
    }
    intro.push(t(
        ". A ticket raised outside service hours starts its clock at the next opening.",
    ));
    // A title column with nothing to add to the id is left out.
    let titled = d
        .targets
        .iter()
        .any(|r| !r.title.is_empty() && r.title != r.id);
    let mut head = vec!["Class"];
    if titled {
        head.push("Title");
    }
    head.extend(["Response", "Resolve / fulfil", "Clock", "Required share"]);
    let num: Vec<bool> = head
        .iter()
        .map(|h| matches!(*h, "Response" | "Resolve / fulfil"))
        .collect();
    let mut out = vec![
        Block::paragraph(intro),
        Block::table(
            "",
            &head,
            &num,
            d.targets
                .iter()
                .map(|r| {
                    let mut cells = vec![vec![t(format!("{} ", r.kind)), c(&r.id)]];
                    if titled {
                        cells.push(vec![t(if r.title.is_empty() { "–" } else { &r.title })]);
                    }
                    cells.extend([
                        vec![t(&r.response)],
                        vec![t(&r.resolve)],
                        vec![c(&r.clock), t(format!(" ({})", r.clock_title))],
                        vec![t(&r.share)],
                    ]);
                    (cells, false)
                })
                .collect(),
        ),
    ];
    process_terms(d, &mut out);
    out
}

/// Business days, update frequencies and escalation stages, after the table (language.md
/// §5.1): only where an agreement has them, so other contracts read as before.
fn process_terms(d: &Document, out: &mut Vec<Block>) {
    if d.targets.iter().any(|r| r.business_days) {
        out.push(Block::paragraph(vec![t(format!(
            "A Business Day {}.",
            crate::model::support::BUSINESS_DAY_MEANING.replacen("means a day", "is a day", 1)
        ))]));
    }
    let updates: Vec<Vec<Span>> = d
        .targets
        .iter()
        .filter_map(|r| {
            r.update.as_ref().map(|u| {
                vec![
                    t(format!("{} ", r.kind)),
                    c(&r.id),
                    t(format!(
                        ": the Provider updates the Customer at least every {u} of the clock until the ticket is closed."
                    )),
                ]
            })
        })
        .collect();
    if !updates.is_empty() {
        out.push(Block::list(updates));
    }
    for r in d.targets.iter().filter(|r| !r.escalation.is_empty()) {
        let stages: Vec<String> = r
            .escalation
            .iter()
            .map(|s| match (&s.by, d.customer_copy) {
                (Some(by), false) => format!("{} ({by}): {}", s.title, s.time),
                _ => format!("{}: {}", s.title, s.time),
            })
            .collect();
        out.push(Block::paragraph(vec![
            t(format!("Escalation of {} ", r.kind)),
            c(&r.id),
            t(format!(
                ", in order, each stage taking at most the time given on the same clock: {}.",
                stages.join("; ")
            )),
        ]));
    }
}

fn maintenance(d: &Document) -> Vec<Block> {
    let Some(m) = &d.maintenance else {
        return Vec::new();
    };
    let mut spans = vec![t(
        "Downtime for maintenance does not count against the objectives when it happens",
    )];
    if let Some(w) = &m.during {
        spans.push(t(format!(" during {} (", w.title)));
        spans.push(c(&w.name));
        spans.push(t(")"));
    }
    if let Some(n) = &m.notice {
        spans.push(t(format!(", is announced at least {n} in advance")));
    }
    match (&m.max, &m.max_per_year) {
        (Some(x), None) => spans.push(t(format!(
            ", and stays within {x} per month; maintenance beyond that counts as downtime"
        ))),
        (None, Some(y)) => spans.push(t(format!(
            ", and stays within {y} per calendar year; maintenance beyond that counts as downtime"
        ))),
        (Some(x), Some(y)) => spans.push(t(format!(
            ", and stays within {x} per month and {y} per calendar year; maintenance beyond that counts as downtime"
        ))),
        (None, None) => {}
    }
    spans.push(t("."));
    vec![Block::paragraph(spans)]
}

fn exclusions(d: &Document) -> Vec<Block> {
    if d.exclusions.is_empty() {
        return Vec::new();
    }
    vec![
        Block::text("Events with these causes do not count against the objectives:"),
        Block::list(
            d.exclusions
                .iter()
                .map(|e| vec![c(&e.name), t(format!(": {}", e.title))])
                .collect(),
        ),
    ]
}

fn credits(d: &Document) -> Vec<Block> {
    if d.penalties.is_empty() {
        // General terms that set how credits are claimed for the agreements built on them.
        if d.credit_rules.is_empty() {
            return Vec::new();
        }
        return vec![
            Block::text(
                "These terms grant no service credits of their own. For the credits of an agreement that builds on them:",
            ),
            Block::terms(vec![(
                "Claims",
                vec![t(if d.claim.is_some() {
                    d.claims_text.as_str()
                } else {
                    "within the window each agreement that builds on these terms states"
                })],
            )]),
            Block::list(d.credit_rules.iter().map(|r| vec![t(r)]).collect()),
        ];
    }
    let mut out = vec![Block::text(format!(
        "When an objective is missed in a {}, the customer is entitled to a service credit.",
        d.period
    ))];
    for p in &d.penalties {
        out.push(Block::heading(vec![t(format!("On {}", p.on))]));
        out.push(Block::list(p.tiers.iter().map(|x| vec![t(x)]).collect()));
    }
    out.push(Block::terms(vec![
        (
            "Cap",
            vec![t(d.cap.clone().unwrap_or_else(|| "no cap".into()))],
        ),
        ("Claims", vec![t(&d.claims_text)]),
    ]));
    if !d.credit_rules.is_empty() {
        out.push(Block::list(
            d.credit_rules.iter().map(|r| vec![t(r)]).collect(),
        ));
    }
    out
}

fn supporters(d: &Document) -> Vec<Block> {
    if !d.shows_supporters {
        return Vec::new();
    }
    if d.supporters.is_empty() {
        return vec![Block::text(
            "No operational level agreement or underpinning contract backs this agreement.",
        )];
    }
    vec![
        Block::text("These agreements back the services above and what they depend on."),
        Block::table(
            "",
            &["Agreement", "Kind", "Provider", "Covers"],
            &[],
            d.supporters
                .iter()
                .map(|s| {
                    (
                        vec![
                            vec![link(&s.title, &s.stem), t(" ("), c(&s.stem), t(")")],
                            vec![t(s.kind)],
                            vec![t(&s.provider)],
                            vec![t(&s.covers)],
                        ],
                        false,
                    )
                })
                .collect(),
        ),
    ]
}

fn signatures(d: &Document) -> Vec<Block> {
    let provider = d.provider.clone().unwrap_or_else(|| PartyView {
        name: String::new(),
        title: "the provider".into(),
        role: "Provider",
        contact: None,
        address: None,
        description: None,
        signed: None,
    });
    match d.customer.clone() {
        Some(customer) => vec![Block::signatures(vec![provider, customer])],
        // General terms have no customer to sign them: no empty box for one.
        None => vec![
            Block::note(
                "These terms name no customer: a customer accepts them by signing an agreement that builds on them.",
            ),
            Block::signatures(vec![provider]),
        ],
    }
}
