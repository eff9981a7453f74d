//! The lifecycle of each agreement on its own (phase E06, language.md "Lifecycle"):
//! signatures (E0601, E0605), the order of the dated events (E0602), the status against
//! the events (E0603) and versions (E0604). What the statements mean is
//! `model::lifecycle`; this file only asks whether they agree with each other. An
//! agreement without lifecycle statements (untracked) has nothing to check here.

use crate::diag::{Code, Diagnostic};
use crate::model::lifecycle::signing_parties;
use crate::model::{Agreement, Portfolio, Status, Terms};
use crate::source::{Sp, Span};
use chrono::NaiveDate;

pub(crate) fn check(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        let l = &a.lifecycle;
        if l.is_empty() {
            continue;
        }
        let terms = &*a.terms;
        signatures(a, terms, diags);
        order(a, terms, diags);
        status(a, diags);
        versions(a, diags);
    }
}

/// The role a signing party plays in the agreement, for labels.
fn role(terms: &Terms, party: &str) -> &'static str {
    if terms
        .provider
        .as_ref()
        .is_some_and(|r| *r.value.name == *party)
    {
        "provider"
    } else {
        "customer"
    }
}

/// E0601 (a signed or terminated agreement lacks a party's signature) and E0605 (a
/// signature by a party that is neither the provider nor the customer).
fn signatures(a: &Agreement, terms: &Terms, diags: &mut Vec<Diagnostic>) {
    let l = &a.lifecycle;
    let parties = signing_parties(terms);
    // An OLA a team gives itself has one party, named twice.
    let mut names: Vec<&str> = Vec::new();
    for r in &parties {
        if !names.contains(&&*r.name) {
            names.push(&r.name);
        }
    }
    for s in &l.signatures {
        if names.contains(&&*s.party.value.name) {
            continue;
        }
        let who = match names.as_slice() {
            [] => "it names no provider or customer".to_string(),
            [one] => format!("only its provider `{one}` signs"),
            [x, y] => format!("only its provider `{x}` and its customer `{y}` sign"),
            _ => "only its provider and customer sign".to_string(),
        };
        diags.push(
            Diagnostic::new(
                Code::E0605,
                s.party.span,
                format!(
                    "`{}` signs `{}`, but is neither its provider nor its customer",
                    s.party.value.name, a.name
                ),
            )
            .primary("not a party to this agreement")
            .help(format!(
                "{who}: remove this signature, or name the party that signed"
            )),
        );
    }
    let Some(st) = &l.status else { return };
    if !matches!(st.value, Status::Signed | Status::Terminated) {
        return;
    }
    let missing: Vec<&str> = names.iter().copied().filter(|n| !l.signed_by(n)).collect();
    if missing.is_empty() {
        return;
    }
    let list = missing
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut d = Diagnostic::new(
        Code::E0601,
        st.span,
        format!(
            "`{}` is {} but {list} {} not signed it",
            a.name,
            st.value.keyword(),
            if missing.len() == 1 { "has" } else { "have" }
        ),
    )
    .primary(format!("status {}", st.value.keyword()));
    for n in &missing {
        let at = [&terms.provider, &terms.customer]
            .into_iter()
            .flatten()
            .find(|r| *r.value.name == **n);
        if let Some(r) = at {
            d = d.label(
                r.span,
                format!("the {} `{n}` has not signed", role(terms, n)),
            );
        }
    }
    let lines = missing
        .iter()
        .map(|n| format!("`signed DATE by {n} \"Name, role\"`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let help = if st.value == Status::Terminated {
        format!(
            "a terminated agreement was signed first: add {lines} with the dates and signatories"
        )
    } else {
        format!("add {lines} with the date and signatory of each; until every party has signed, the status is `approved`")
    };
    diags.push(d.help(help));
}

/// One dated event, for E0602.
#[derive(Clone, Copy)]
struct Event<'a> {
    what: &'a str,
    on: NaiveDate,
    span: Span,
}

impl<'a> Event<'a> {
    fn new(what: &'a str, on: &Sp<NaiveDate>) -> Event<'a> {
        Event {
            what,
            on: on.value,
            span: on.span,
        }
    }
}

/// E0602: proposed ≤ approved ≤ each signature ≤ terminated; earlier versions signed in
/// order and before this one; nothing proposed, approved or signed after the validity
/// ends; the termination inside the validity.
fn order(a: &Agreement, terms: &Terms, diags: &mut Vec<Diagnostic>) {
    let l = &a.lifecycle;
    let proposed = l.proposed.as_ref().map(|d| Event::new("proposed", d));
    let approved = l.approved.as_ref().map(|x| Event::new("approved", &x.on));
    let signed: Vec<Event<'_>> = l
        .signatures
        .iter()
        .map(|s| Event::new("signed", &s.on))
        .collect();
    let terminated = l
        .terminated
        .as_ref()
        .map(|t| Event::new("terminated", &t.on));
    let help = "the lifecycle runs proposed → approved → signed → terminated: correct the dates";
    let before = |first: Event<'_>, later: Event<'_>, diags: &mut Vec<Diagnostic>| {
        if later.on < first.on {
            diags.push(
                Diagnostic::new(
                    Code::E0602,
                    later.span,
                    format!(
                        "`{}` is {} on {}, before it was {} on {}",
                        a.name, later.what, later.on, first.what, first.on
                    ),
                )
                .primary(format!("{} {}", later.what, later.on))
                .label(first.span, format!("{} {}", first.what, first.on))
                .help(help),
            );
        }
    };
    if let (Some(p), Some(x)) = (proposed, approved) {
        before(p, x, diags);
    }
    // Each signature after the approval (else after the proposal), and before the
    // termination; one report per signature at most.
    let earlier = approved.or(proposed);
    for &s in &signed {
        let n = diags.len();
        if let Some(e) = earlier {
            before(e, s, diags);
        }
        if let (Some(t), true) = (terminated, diags.len() == n) {
            before(s, t, diags);
        }
    }
    if let (Some(t), true) = (terminated, signed.is_empty()) {
        if let Some(e) = earlier {
            before(e, t, diags);
        }
    }
    history_order(a, &signed, diags);
    let Some(valid) = &terms.valid else { return };
    let ends = valid.value.to;
    for e in proposed.iter().chain(&approved).chain(&signed) {
        if let Some(end) = ends.filter(|end| e.on > *end) {
            diags.push(
                Diagnostic::new(
                    Code::E0602,
                    e.span,
                    format!(
                        "`{}` is {} on {}, after its validity ends on {end}",
                        a.name, e.what, e.on
                    ),
                )
                .primary(format!("{} {}", e.what, e.on))
                .label(valid.span, format!("in force until {end}"))
                .help("an agreement is proposed, approved and signed before it ends: correct the date, or extend `valid … to`"),
            );
        }
    }
    if let Some(t) = terminated {
        let from = valid.value.from;
        let outside = if t.on < from {
            Some(format!("before its validity starts on {from}"))
        } else {
            ends.filter(|end| t.on > *end)
                .map(|end| format!("after its validity ends on {end}"))
        };
        if let Some(why) = outside {
            diags.push(
                Diagnostic::new(
                    Code::E0602,
                    t.span,
                    format!("`{}` is terminated on {}, {why}", a.name, t.on),
                )
                .primary("the last day in force")
                .label(valid.span, "the validity")
                .help("a termination ends the agreement early: its date falls within `valid from … to`; an agreement that runs to its end is not terminated"),
            );
        }
    }
}

/// E0602 for `history`: the earlier versions signed in the order they are listed, and
/// before every signature of this version.
fn history_order(a: &Agreement, signed: &[Event<'_>], diags: &mut Vec<Diagnostic>) {
    let h = &a.lifecycle.history;
    for w in h.windows(2) {
        if w[1].signed < w[0].signed {
            diags.push(
                Diagnostic::new(
                    Code::E0602,
                    w[1].span,
                    format!(
                        "version {} of `{}` is signed on {}, before version {} on {}",
                        w[1].version, a.name, w[1].signed, w[0].version, w[0].signed
                    ),
                )
                .primary(format!("signed {}", w[1].signed))
                .label(w[0].span, format!("signed {}", w[0].signed))
                .help(
                    "list the earlier versions from the oldest, each with the date it was signed",
                ),
            );
        }
    }
    let Some(last) = h.iter().max_by_key(|e| e.signed) else {
        return;
    };
    let version = a.lifecycle.version();
    for s in signed.iter().filter(|s| s.on < last.signed) {
        diags.push(
            Diagnostic::new(
                Code::E0602,
                s.span,
                format!(
                    "version {version} of `{}` is signed on {}, before version {} on {}",
                    a.name, s.on, last.version, last.signed
                ),
            )
            .primary(format!("signed {}", s.on))
            .label(
                last.span,
                format!("an earlier version, signed {}", last.signed),
            )
            .help("a version is signed after the versions it amends: correct the dates"),
        );
    }
}

/// E0603: the status against the events written.
fn status(a: &Agreement, diags: &mut Vec<Diagnostic>) {
    let l = &a.lifecycle;
    let Some(st) = &l.status else {
        // Events without a status: nobody can tell what they mean.
        let first = [
            l.proposed.as_ref().map(|d| ("proposed", d.span)),
            l.approved.as_ref().map(|x| ("approved", x.span)),
            l.signatures.first().map(|s| ("signed", s.span)),
            l.terminated.as_ref().map(|t| ("terminated", t.span)),
        ]
        .into_iter()
        .flatten()
        .min_by_key(|(_, s)| (s.file, s.start));
        if let Some((what, span)) = first {
            diags.push(
                Diagnostic::new(
                    Code::E0603,
                    span,
                    format!("`{}` is {what} but has no `status`", a.name),
                )
                .primary(format!("{what} here"))
                .label(a.name_span, "no `status` statement")
                .help("add the status the events lead to (`status draft`, `proposed`, `approved`, `signed` or `terminated`)"),
            );
        }
        return;
    };
    let is = st.value.keyword();
    let contradiction = |span: Span, message: String, help: &str| {
        Diagnostic::new(Code::E0603, span, message)
            .label(st.span, format!("status {is}"))
            .help(help.to_string())
    };
    let early = matches!(st.value, Status::Draft | Status::Proposed);
    match (&l.terminated, st.value) {
        (None, Status::Terminated) => diags.push(
            Diagnostic::new(
                Code::E0603,
                st.span,
                format!("`{}` is terminated but has no termination date", a.name),
            )
            .primary("status terminated")
            .help("add `terminated DATE \"reason\"` with the last day the agreement is in force"),
        ),
        (Some(t), s) if s != Status::Terminated => diags.push(
            contradiction(
                t.span,
                format!(
                    "`{}` is terminated on {} but its status is `{is}`",
                    a.name, t.on.value
                ),
                "set `status terminated`, or remove the `terminated` statement",
            )
            .primary("terminated here"),
        ),
        _ => {}
    }
    if st.value == Status::Approved && l.approved.is_none() {
        diags.push(
            Diagnostic::new(
                Code::E0603,
                st.span,
                format!("`{}` is approved but has no approval", a.name),
            )
            .primary("status approved")
            .help("add `approved DATE by \"Name, role\"`, or set the status to what it is (`draft` or `proposed`)"),
        );
    }
    if let (Some(s), true) = (l.signatures.first(), early) {
        diags.push(
            contradiction(
                s.span,
                format!("`{}` is {} but has signatures", a.name, describe(st.value)),
                "a draft or a proposal is not signed: set `status signed` once every party has signed, or remove the signatures",
            )
            .primary("signed here"),
        );
    } else if let (Some(x), true) = (&l.approved, early) {
        diags.push(
            contradiction(
                x.span,
                format!(
                    "`{}` is {} but was approved on {}",
                    a.name,
                    describe(st.value),
                    x.on.value
                ),
                "set `status approved`, or remove the `approved` statement",
            )
            .primary("approved here"),
        );
    } else if let (Some(d), Status::Draft) = (&l.proposed, st.value) {
        diags.push(
            contradiction(
                d.span,
                format!("`{}` is a draft but was proposed on {}", a.name, d.value),
                "set `status proposed`, or remove the `proposed` statement",
            )
            .primary("proposed here"),
        );
    }
}

fn describe(s: Status) -> &'static str {
    match s {
        Status::Draft => "a draft",
        Status::Proposed => "only proposed",
        Status::Approved => "approved",
        Status::Signed => "signed",
        Status::Terminated => "terminated",
    }
}

/// E0604: `version N amends M` amends an earlier version; `history` lists versions before
/// this one, each once, from the oldest, and holds the version amended.
fn versions(a: &Agreement, diags: &mut Vec<Diagnostic>) {
    let l = &a.lifecycle;
    let current = l.version();
    if let (Some(v), Some(m)) = (&l.version, &l.amends) {
        if m.value >= v.value {
            diags.push(
                Diagnostic::new(
                    Code::E0604,
                    m.span,
                    format!(
                        "version {} of `{}` amends version {}, which is not an earlier one",
                        v.value, a.name, m.value
                    ),
                )
                .primary(format!("amends {}", m.value))
                .label(v.span, format!("version {}", v.value))
                .help(
                    "an amendment amends an earlier version: `version N amends M` with M below N",
                ),
            );
        }
    }
    let mut seen: Vec<u32> = Vec::new();
    for e in &l.history {
        if e.version >= current {
            let mut d = Diagnostic::new(
                Code::E0604,
                e.span,
                format!(
                    "the history of `{}` lists version {}, but the agreement is version {current}",
                    a.name, e.version
                ),
            )
            .primary("not an earlier version");
            d = match &l.version {
                Some(v) => d.label(v.span, format!("version {}", v.value)),
                None => d.label(a.name_span, "no `version`: version 1"),
            };
            diags.push(d.help(format!(
                "the history holds the versions before this one: number this version after them (`version {} amends {}`)",
                e.version + 1,
                e.version
            )));
        } else if seen.iter().any(|&s| s >= e.version) {
            diags.push(
                Diagnostic::new(
                    Code::E0604,
                    e.span,
                    format!(
                        "the history of `{}` lists version {} after version {}",
                        a.name,
                        e.version,
                        seen.iter().max().copied().unwrap_or(e.version)
                    ),
                )
                .primary("out of order or repeated")
                .help("list the earlier versions from the oldest, each once"),
            );
        }
        seen.push(e.version);
    }
    if let (Some(m), false) = (&l.amends, l.history.is_empty()) {
        if m.value < current && !l.history.iter().any(|e| e.version == m.value) {
            diags.push(
                Diagnostic::new(
                    Code::E0604,
                    m.span,
                    format!(
                        "`{}` amends version {}, which its history does not list",
                        a.name, m.value
                    ),
                )
                .primary(format!("amends {}", m.value))
                .help(format!(
                    "add `version {} signed DATE \"what it said\"` to `history`, or amend a version it lists",
                    m.value
                )),
            );
        }
    }
}
