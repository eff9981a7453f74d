//! Names (phase E02): the symbol table, every reference bound to an item of the right
//! kind, cycles in `depends_on` and `extends`; then each agreement's own statements as
//! [`Terms`], and inheritance (inherit.rs).

use super::portfolio::Name;
use super::portfolio::{
    Agreement, Calendar, Catalogue, ClosureDef, Dependency, Hours, Package, Party, Portfolio,
    RecurringDef, Service, Variant,
};
use super::resolver::{Kind, Resolver, Symbol, Use, TEAM};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{self, AgreementKind, AgreementStmt, Level};
use crate::written::{hhmm, weekday as day_name};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Builds the resolved portfolio. With any E02 error, returns `None` (the diagnostics say
/// why) and no later phase runs. Takes the syntax trees and drops each item's tree once
/// the item is built: a large portfolio's trees weigh as much as its model, and only the
/// symbol table (names, kinds, spans) is needed across files.
pub fn resolve(files: Vec<ast::File>, diags: &mut Vec<Diagnostic>) -> Option<Portfolio> {
    resolve_with(files, diags, &mut None)
}

/// [`resolve`], also noting every reference bound in `uses` when it is `Some` (`slac
/// lsp`: go to definition and find references), even when the portfolio has errors.
pub fn resolve_with(
    files: Vec<ast::File>,
    diags: &mut Vec<Diagnostic>,
    uses: &mut Option<Vec<Use>>,
) -> Option<Portfolio> {
    let mut outline = Outline::default();
    for f in &files {
        outline.add(f);
    }
    resolve_outlined(outline, files, diags, uses)
}

/// What the symbol table and the bound on recurring closures need of the files: every
/// item's name and kind in file order, and the calendars. With it, a file's syntax tree
/// need not live until the model is built: `compile.rs` drops each tree once outlined and
/// parses the file again when its items are built, so the trees of a large portfolio
/// (eight times its text) are never all in memory beside the model.
#[derive(Default)]
pub struct Outline {
    names: Vec<(ast::Ident, Kind, usize)>,
    calendars: Vec<ast::Calendar>,
}

impl Outline {
    /// Adds a file's items, in order; call it for every file in the order the trees will
    /// be handed to [`resolve_outlined`].
    pub fn add(&mut self, file: &ast::File) {
        for item in &file.items {
            let (kind, slot) = match item {
                ast::Item::Party(p) => (Kind::Party(p.kind), 0),
                ast::Item::Calendar(c) => {
                    self.calendars.push(c.clone());
                    (Kind::Calendar, 1)
                }
                ast::Item::Service(_) => (Kind::Service, 2),
                ast::Item::Agreement(a) => (Kind::Agreement(a.kind), 3),
                ast::Item::Catalogue(_) => (Kind::Catalogue, 4),
            };
            self.names.push((item.name().clone(), kind, slot));
            // A catalogue's packages are items of their own: names in the one namespace.
            if let ast::Item::Catalogue(c) = item {
                for p in &c.packages {
                    self.names.push((p.name.clone(), Kind::Package, 5));
                }
            }
        }
    }
}

/// [`resolve_with`] from an outline of the files and their trees, given one at a time in
/// the outline's order (each is dropped once its items are built).
pub fn resolve_outlined(
    outline: Outline,
    files: impl IntoIterator<Item = ast::File>,
    diags: &mut Vec<Diagnostic>,
    uses: &mut Option<Vec<Use>>,
) -> Option<Portfolio> {
    let mut r = Resolver {
        symbols: BTreeMap::new(),
        diags: Vec::new(),
        always: "always".into(),
        words: std::collections::BTreeSet::new(),
        uses: uses.take(),
    };
    let built = build_all(outline, files, &mut r, diags);
    *uses = r.uses.take();
    built
}

fn build_all(
    outline: Outline,
    files: impl IntoIterator<Item = ast::File>,
    r: &mut Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Option<Portfolio> {
    // The symbol table. Indices follow the order of each kind's list below.
    let mut counts = [0usize; 6];
    counts[1] = 1; // calendars: index 0 is `always`
    for (name, kind, slot) in &outline.names {
        let (kind, slot) = (*kind, *slot);
        let index = counts[slot];
        counts[slot] += 1;
        if name.value == "always" {
            r.diags.push(
                Diagnostic::new(
                    Code::E0206,
                    name.span,
                    "`always` is the built-in calendar and cannot be redefined",
                )
                .primary("redefines the built-in calendar")
                .help("`always` is open all the time (UTC); give your item another name"),
            );
            continue;
        }
        if let Some(first) = r.symbols.get(name.value.as_str()) {
            r.diags.push(
                Diagnostic::new(
                    Code::E0201,
                    name.span,
                    format!("`{}` is defined twice", name.value),
                )
                .primary(format!("second definition, as {}", kind.noun()))
                .label(
                    first.span,
                    format!("first defined here, as {}", first.kind.noun()),
                )
                .help("every item of a portfolio needs its own name; rename or remove one of them"),
            );
            continue;
        }
        let shared: Name = name.value.as_str().into();
        r.symbols.insert(
            shared.clone(),
            Symbol {
                kind,
                name: shared,
                index,
                span: name.span,
            },
        );
    }

    // Each recurring rule becomes a closure in every year the clock covers: bound them
    // before any is expanded, so a small hostile file cannot take the memory of a large
    // one.
    let too_many = too_many_recurring(&outline.calendars);
    drop(outline);
    if let Some(d) = too_many {
        diags.append(&mut r.diags);
        diags.push(d);
        return None;
    }

    // Sized from the counts: an agreement is large, and a doubling list of 19,000 of them
    // holds room for 13,000 more.
    let mut calendars = Vec::with_capacity(counts[1]);
    calendars.push(always_calendar());
    let mut portfolio = Portfolio {
        parties: Vec::with_capacity(counts[0]),
        calendars,
        services: Vec::with_capacity(counts[2]),
        agreements: Vec::with_capacity(counts[3]),
        catalogues: Vec::with_capacity(counts[4]),
        packages: Vec::with_capacity(counts[5]),
    };
    for item in files.into_iter().flat_map(|f| f.items) {
        match &item {
            ast::Item::Party(p) => portfolio.parties.push(party(r, p)),
            ast::Item::Calendar(c) => portfolio.calendars.push(calendar(c)),
            ast::Item::Service(s) => portfolio.services.push(service(r, s)),
            ast::Item::Agreement(a) => portfolio.agreements.push(agreement(r, a)),
            ast::Item::Catalogue(c) => catalogue(r, c, &mut portfolio),
        }
    }
    super::cycles::dependency_cycles(&portfolio, &mut r.diags);
    super::cycles::extends_cycles(&portfolio, &mut r.diags);
    let failed = r
        .diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    diags.append(&mut r.diags);
    if failed {
        return None;
    }
    super::inherit::apply(&mut portfolio);
    Some(portfolio)
}

/// Distinct recurring closures one calendar may list: a year has a few dozen holidays.
pub(super) const MAX_RECURRING_PER_CALENDAR: usize = 64;
/// Distinct recurring closures in a whole portfolio (each one is a closure in each of
/// 10,001 years, about half a megabyte of clock).
pub(super) const MAX_RECURRING: usize = 1024;

/// E0207 at the first recurring closure over a limit.
fn too_many_recurring(calendars: &[ast::Calendar]) -> Option<Diagnostic> {
    let mut total = 0;
    for c in calendars {
        let mut seen = std::collections::BTreeSet::new();
        for s in &c.body.stmts {
            let ast::CalendarStmt::Closed { date, part, .. } = &s.kind else {
                continue;
            };
            let ast::ClosedDay::Yearly(y) = date.value else {
                continue;
            };
            if !seen.insert((y, part.map(|p| (p.start.value, p.end.value)))) {
                continue;
            }
            total += 1;
            let (limit, scope) = if seen.len() > MAX_RECURRING_PER_CALENDAR {
                (
                    MAX_RECURRING_PER_CALENDAR,
                    format!("calendar `{}`", c.name.value),
                )
            } else if total > MAX_RECURRING {
                (MAX_RECURRING, "the portfolio".to_string())
            } else {
                continue;
            };
            return Some(
                Diagnostic::new(
                    Code::E0207,
                    s.span,
                    format!("{scope} has more than {limit} recurring closures"),
                )
                .primary("one too many")
                .help(format!(
                    "slac expands each recurring closure into every year it can be asked \
                     about; at most {MAX_RECURRING_PER_CALENDAR} per calendar and \
                     {MAX_RECURRING} in a portfolio: list dated closures for rare days"
                )),
            );
        }
    }
    None
}

fn title(t: Option<&ast::Str>, name: &ast::Ident) -> String {
    t.map_or_else(|| name.value.clone(), |t| t.value.clone())
}

fn always_calendar() -> Calendar {
    Calendar {
        name: "always".into(),
        title: "Always".into(),
        timezone: "UTC".into(),
        description: None,
        hours: crate::written::WEEKDAYS
            .iter()
            .map(|d| Hours {
                day: d.short.to_string(),
                start: "00:00".into(),
                end: "24:00".into(),
            })
            .collect(),
        closures: Vec::new(),
        recurring: Vec::new(),
        builtin: true,
        clock: crate::time::Calendar::always(),
        span: Span::default(),
        name_span: Span::default(),
    }
}

fn party(r: &mut Resolver, p: &ast::Party) -> Party {
    let mut out = Party {
        name: p.name.value.clone(),
        title: title(p.title.as_ref(), &p.name),
        kind: p.kind,
        contact: None,
        address: None,
        description: None,
        subscribes: Vec::new(),
        span: p.span,
        name_span: p.name.span,
    };
    for s in p.body.iter().flat_map(|b| &b.stmts) {
        match &s.kind {
            ast::PartyStmt::Contact(t) => out.contact = Some(t.value.clone()),
            ast::PartyStmt::Address(t) => out.address = Some(t.value.clone()),
            ast::PartyStmt::Description(t) => out.description = Some(t.value.clone()),
            ast::PartyStmt::Subscribes(ids) => {
                for id in ids {
                    if let Some(x) = r.bind(id, &[Kind::Service], "a subscribed service") {
                        out.subscribes.push(x);
                    }
                }
            }
        }
    }
    out
}

fn calendar(c: &ast::Calendar) -> Calendar {
    let mut tz = chrono_tz::UTC;
    let mut tz_name = "UTC".to_string();
    let mut description = None;
    let mut weekly = Vec::new();
    let mut hours = Vec::new();
    let mut closures = Vec::new();
    let mut closure_defs = Vec::new();
    let mut recurring = Vec::new();
    let mut recurring_defs = Vec::new();
    for s in &c.body.stmts {
        match &s.kind {
            ast::CalendarStmt::Timezone(z) => {
                tz = z.value.tz;
                tz_name.clone_from(&z.value.name);
            }
            ast::CalendarStmt::Description(d) => description = Some(d.value.clone()),
            ast::CalendarStmt::Hours { days, intervals } => {
                for d in days {
                    for day in d.days() {
                        for iv in intervals {
                            weekly.push(crate::time::WeekInterval {
                                day,
                                start: iv.start.value,
                                end: iv.end.value,
                            });
                            hours.push(Hours {
                                day: day_name(day).into(),
                                start: hhmm(iv.start.value),
                                end: hhmm(iv.end.value),
                            });
                        }
                    }
                }
            }
            ast::CalendarStmt::Closed { date, part, label } => {
                let hours = part.map(|p| (p.start.value, p.end.value));
                let label = label.as_ref().map(|l| l.value.clone());
                match date.value {
                    ast::ClosedDay::Date(d) => {
                        closures.push(crate::time::Closure {
                            date: d,
                            part: hours,
                        });
                        closure_defs.push(ClosureDef {
                            date: d,
                            start: part.map(|p| hhmm(p.start.value)),
                            end: part.map(|p| hhmm(p.end.value)),
                            label,
                        });
                    }
                    ast::ClosedDay::Yearly(y) => {
                        recurring.push(crate::time::Recurring {
                            date: y,
                            part: hours,
                        });
                        recurring_defs.push(RecurringDef {
                            rule: y.text(),
                            yearly: y,
                            start: part.map(|p| hhmm(p.start.value)),
                            end: part.map(|p| hhmm(p.end.value)),
                            label,
                        });
                    }
                }
            }
        }
    }
    Calendar {
        name: c.name.value.clone(),
        title: title(c.title.as_ref(), &c.name),
        timezone: tz_name,
        description,
        hours,
        closures: closure_defs,
        recurring: recurring_defs,
        builtin: false,
        clock: crate::time::Calendar::with_recurring(tz, &weekly, &closures, &recurring),
        span: c.span,
        name_span: c.name.span,
    }
}

fn service(r: &mut Resolver, s: &ast::Service) -> Service {
    let mut out = Service {
        name: s.name.value.clone(),
        title: title(s.title.as_ref(), &s.name),
        description: None,
        owner: None,
        depends_on: Vec::new(),
        span: s.span,
        name_span: s.name.span,
    };
    for st in s.body.iter().flat_map(|b| &b.stmts) {
        match &st.kind {
            ast::ServiceStmt::Description(d) => out.description = Some(d.value.clone()),
            ast::ServiceStmt::Owner(o) => out.owner = r.bind(o, &[TEAM], "the owner of a service"),
            ast::ServiceStmt::DependsOn(deps) => {
                for d in deps {
                    match d {
                        ast::Dependency::One(id) => {
                            if let Some(x) = r.bind(id, &[Kind::Service], "a dependency") {
                                out.depends_on.push(Dependency::Service(x));
                            }
                        }
                        ast::Dependency::AnyOf { members, .. } => {
                            let bound: Vec<_> = members
                                .iter()
                                .filter_map(|m| r.bind(m, &[Kind::Service], "a dependency"))
                                .collect();
                            if bound.len() == members.len() {
                                out.depends_on.push(Dependency::AnyOf(bound));
                            }
                        }
                        ast::Dependency::KOfN { k, members, .. } => {
                            let bound: Vec<_> = members
                                .iter()
                                .filter_map(|m| r.bind(m, &[Kind::Service], "a dependency"))
                                .collect();
                            if bound.len() == members.len() {
                                out.depends_on.push(Dependency::KOfN {
                                    k: k.value,
                                    members: bound,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn catalogue(r: &mut Resolver, c: &ast::Catalogue, p: &mut Portfolio) {
    let index = p.catalogues.len();
    let mut packages = Vec::with_capacity(c.packages.len());
    for (rank, pk) in c.packages.iter().enumerate() {
        packages.push(p.packages.len());
        p.packages.push(Package {
            name: pk.name.value.clone(),
            title: title(pk.title.as_ref(), &pk.name),
            catalogue: index,
            rank,
            terms: Arc::new(super::terms::terms(r, AgreementKind::Sla, &pk.body.stmts)),
            span: pk.span,
            name_span: pk.name.span,
        });
    }
    p.catalogues.push(Catalogue {
        name: c.name.value.clone(),
        title: title(c.title.as_ref(), &c.name),
        description: c.description.as_ref().map(|d| d.kind.value.clone()),
        packages,
        span: c.span,
        name_span: c.name.span,
    });
}

fn agreement(r: &mut Resolver, a: &ast::Agreement) -> Agreement {
    let mut level = Level::Service;
    let mut level_span = None;
    let mut extends = None;
    let mut package = None;
    for s in &a.body.stmts {
        match &s.kind {
            AgreementStmt::Level(l) => {
                level = l.value;
                level_span = Some(s.span);
            }
            AgreementStmt::Extends(p) => {
                extends = r.bind(p, &[Kind::Agreement(a.kind)], "`extends`");
            }
            AgreementStmt::Package(p) => {
                package = r.bind(p, &[Kind::Package], "`package`");
            }
            _ => {}
        }
    }
    let lifecycle = super::terms::lifecycle(r, &a.body.stmts);
    let own = Arc::new(super::terms::terms(r, a.kind, &a.body.stmts));
    let regions = a
        .body
        .stmts
        .iter()
        .filter_map(|s| match &s.kind {
            AgreementStmt::Region(reg) => {
                // `terms` is filled by inheritance; until then it shares `own` (an empty
                // `Terms` per item would weigh as much as the statements).
                let own = Arc::new(super::terms::terms(r, a.kind, &reg.body.stmts));
                Some(Variant {
                    name: reg.name.value.clone(),
                    title: title(reg.title.as_ref(), &reg.name),
                    terms: Arc::clone(&own),
                    own,
                    span: s.span,
                })
            }
            _ => None,
        })
        .collect();
    Agreement {
        name: a.name.value.clone(),
        title: title(a.title.as_ref(), &a.name),
        kind: a.kind,
        level,
        extends,
        package,
        lifecycle: super::portfolio::Lifecycle::shared(lifecycle),
        terms: Arc::clone(&own),
        regions,
        own,
        span: a.span,
        name_span: a.name.span,
        level_span,
    }
}
