//! Rows in, one at a time. Who judges what is known before the first row (see
//! [`scope`](super::scope)), so each row is decided as it arrives: an unknown id is an
//! error, a row no SLA in force judges is counted under its reason and dropped, and only
//! the rows some agreement needs are kept. Memory follows what the agreements must keep
//! (outages and tickets in force, sums per service and objective), not the size of the
//! files: a year of outages streams through a monthly evaluation.

use super::clock;
use super::input::{Charge, InputError, Measurement, Outage, Request, Ticket};
use super::judge::{Context, Options, Sums};
use super::known::Known;
use super::report::{AgreementReport, Report, Shadowed, Unmatched, UnmatchedReason};
use super::scope::{self, Judge};
use crate::model::{MeasuredBy, ObjectiveKind, Portfolio};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// Which input a row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Outages,
    Tickets,
    Measurements,
    Requests,
    Charges,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Outages => "outages",
            Kind::Tickets => "tickets",
            Kind::Requests => "requests",
            Kind::Measurements => "measurements",
            Kind::Charges => "charges",
        }
    }
}

/// Lines listed per unmatched reason; the count covers the rest.
const LINES_PER_REASON: usize = 10;

/// An evaluation being fed rows.
pub struct Evaluation<'p> {
    portfolio: &'p Portfolio,
    options: Options,
    judges: Vec<Judge<'p>>,
    known: Known<'p>,
    services: HashMap<&'p str, usize>,
    parties: HashMap<&'p str, usize>,
    /// Per service: the judges that judge it, by index.
    judging: Vec<Vec<usize>>,
    /// Per judge: the stretches its outage-judged objectives look at, merged.
    spans: Vec<Vec<clock::Interval>>,
    /// Per service: the (judge, judged service) whose availability its outages reach.
    reached_by: Vec<Vec<(usize, usize)>>,
    /// (service, objective id) some judge evaluates from measurements.
    measured_pairs: HashSet<(usize, &'p str)>,
    /// The periods of all judges, merged.
    periods: Vec<clock::Interval>,
    outages: Option<Vec<Outage>>,
    tickets: Option<Vec<Ticket>>,
    measured: Option<HashMap<(String, String), Sums>>,
    /// requests.csv rows some error-rate objective judges (language.md §4.1).
    requests: Option<Vec<Request>>,
    charges: Option<Vec<Charge>>,
    /// Per judge: the currency its charges are in, once known (from its terms, else its
    /// first charge).
    charge_currency: Vec<Option<String>>,
    /// The line of each ticket id seen, by a hash of the id: a duplicate would be judged
    /// twice. Eight bytes of key per ticket instead of the id itself.
    ticket_ids: HashMap<u64, u64>,
    unmatched: HashMap<(Kind, String), UnmatchedReason>,
    errors: Vec<InputError>,
}

/// Every service that depends on `s`, transitively, and `s`.
fn dependents(needed_by: &[Vec<usize>], s: usize) -> Vec<usize> {
    let mut seen = BTreeSet::from([s]);
    let mut stack = vec![s];
    while let Some(t) = stack.pop() {
        for &i in &needed_by[t] {
            if seen.insert(i) {
                stack.push(i);
            }
        }
    }
    seen.into_iter().collect()
}

impl<'p> Evaluation<'p> {
    pub fn new(portfolio: &'p Portfolio, options: Options) -> Evaluation<'p> {
        Evaluation::with(portfolio, options, scope::judges(portfolio, options.period))
    }

    /// The OLAs and UCs instead of the SLAs, judged by the same rules on the same rows
    /// (`slac report`'s credits recoverable from supporters).
    pub fn underpinning(portfolio: &'p Portfolio, options: Options) -> Evaluation<'p> {
        Evaluation::with(
            portfolio,
            options,
            scope::underpinning(portfolio, options.period),
        )
    }

    fn with(
        portfolio: &'p Portfolio,
        options: Options,
        judges: Vec<scope::Judge<'p>>,
    ) -> Evaluation<'p> {
        let n = portfolio.services.len();
        let mut judging = vec![Vec::new(); n];
        let mut measured_pairs = HashSet::new();
        // Judge j reads outages of service s for its availability objectives.
        let mut reads: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        // Per judge: the stretches its outage-judged objectives look at (the period, or
        // rolling windows ending with it), merged.
        let mut spans: Vec<Vec<clock::Interval>> = vec![Vec::new(); judges.len()];
        for (j, judge) in judges.iter().enumerate() {
            for &s in judge.services().keys() {
                judging[s].push(j);
            }
            for o in &judge.terms.objectives {
                let by_requests = o
                    .downtime
                    .as_ref()
                    .is_some_and(|d| d.value.request_interval_ms().is_some());
                let Some(span) = judge.span(options.period, o.window()) else {
                    continue;
                };
                let rolling = matches!(o.window(), crate::model::Window::Rolling(_));
                let from_outages =
                    o.kind == ObjectiveKind::Availability && o.measured_by() == MeasuredBy::Outages;
                if o.target.is_none() || by_requests || (rolling && !from_outages) {
                    continue;
                }
                if from_outages {
                    spans[j].push(span);
                }
                let applies = |s: usize| o.service.as_ref().is_none_or(|r| r.value.index == s);
                for &s in judge.services().keys().filter(|&&s| applies(s)) {
                    match (o.kind, o.measured_by()) {
                        (ObjectiveKind::Availability, MeasuredBy::Outages) => {
                            reads[s].push((j, s));
                        }
                        _ => {
                            measured_pairs.insert((s, o.id.as_str()));
                        }
                    }
                }
            }
        }
        let mut needed_by: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, svc) in portfolio.services.iter().enumerate() {
            for d in &svc.depends_on {
                for r in d.members() {
                    needed_by[r.value.index].push(i);
                }
            }
        }
        // Whether each judge counts the outages of dependencies: its own `dependency
        // outages` statement, else `--propagate`.
        let propagates: Vec<bool> = judges
            .iter()
            .map(|j| {
                j.terms
                    .more
                    .dependency_outages
                    .map_or(options.propagate, |d| d.value)
            })
            .collect();
        let mut reached_by: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        for (d, reached) in reached_by.iter_mut().enumerate() {
            for s in dependents(&needed_by, d) {
                reached.extend(
                    reads[s]
                        .iter()
                        .filter(|&&(j, _)| s == d || propagates[j])
                        .copied(),
                );
            }
            reached.sort_unstable();
            reached.dedup();
        }
        let periods = clock::merge(judges.iter().map(|j| j.period).collect());
        let spans = spans.into_iter().map(clock::merge).collect();
        let charge_currency = judges
            .iter()
            .map(|j| super::credits::terms_currency(j.terms))
            .collect();
        Evaluation {
            portfolio,
            options,
            known: Known::new(portfolio),
            services: portfolio
                .services
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name.as_str(), i))
                .collect(),
            parties: portfolio
                .parties
                .iter()
                .enumerate()
                .map(|(i, p)| (p.name.as_str(), i))
                .collect(),
            judges,
            judging,
            spans,
            reached_by,
            measured_pairs,
            periods,
            charge_currency,
            outages: None,
            tickets: None,
            measured: None,
            charges: None,
            requests: None,
            ticket_ids: HashMap::new(),
            unmatched: HashMap::new(),
            errors: Vec::new(),
        }
    }

    /// An input file was given (perhaps with no rows): its objectives are evaluated.
    pub fn expect(&mut self, kind: Kind) {
        match kind {
            Kind::Outages => drop(self.outages.get_or_insert_with(Vec::new)),
            Kind::Tickets => drop(self.tickets.get_or_insert_with(Vec::new)),
            Kind::Measurements => drop(self.measured.get_or_insert_with(HashMap::new)),
            Kind::Charges => drop(self.charges.get_or_insert_with(Vec::new)),
            Kind::Requests => drop(self.requests.get_or_insert_with(Vec::new)),
        }
    }

    /// How many outage and ticket rows are kept for the judges: what memory follows.
    pub fn kept(&self) -> (usize, usize) {
        (
            self.outages.as_ref().map_or(0, Vec::len),
            self.tickets.as_ref().map_or(0, Vec::len),
        )
    }

    /// The rows that name ids the portfolio does not define, and duplicate tickets.
    pub fn errors(&self) -> &[InputError] {
        &self.errors
    }

    fn unmatched(&mut self, kind: Kind, file: &str, line: u64, reason: String) {
        let e = self
            .unmatched
            .entry((kind, reason))
            .or_insert_with_key(|(_, reason)| UnmatchedReason {
                input: kind.word(),
                file: file.to_string(),
                reason: reason.clone(),
                count: 0,
                lines: Vec::new(),
            });
        e.count += 1;
        if e.lines.len() < LINES_PER_REASON {
            e.lines.push(line);
        }
    }

    fn names(&self, js: impl Iterator<Item = usize>) -> String {
        let set: BTreeSet<&str> = js.map(|j| self.judges[j].agreement.name.as_str()).collect();
        set.into_iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn outage(&mut self, file: &str, o: Outage) {
        let before = self.errors.len();
        self.known.outage(file, &o, &mut self.errors);
        let Some(&d) = self.services.get(o.service.as_str()) else {
            return;
        };
        if self.errors.len() > before {
            return;
        }
        self.expect(Kind::Outages);
        let iv = (o.start, o.end);
        let sees = |j: &Judge<'_>| j.sees_outage(o.region.as_deref());
        let mut keep = false;
        let mut used = false;
        for &(j, s) in &self.reached_by[d] {
            let judge = &self.judges[j];
            if !sees(judge) || !clock::overlaps(&[judge.in_force], iv) {
                continue;
            }
            // Kept even outside the time it judges: maintenance uses the month's allowance.
            keep = true;
            if judge
                .services()
                .get(&s)
                .is_some_and(|w| clock::overlaps(w, iv))
                && clock::overlaps(&self.spans[j], iv)
            {
                used = true;
                break;
            }
        }
        if !used {
            let reason = self.outage_reason(d, &o);
            self.unmatched(Kind::Outages, file, o.line, reason);
        }
        if keep {
            if let Some(v) = &mut self.outages {
                v.push(o);
            }
        }
    }

    fn outage_reason(&self, d: usize, o: &Outage) -> String {
        let period = self.options.period;
        let reach: BTreeSet<usize> = self.reached_by[d].iter().map(|&(_, s)| s).collect();
        let mut covering: BTreeSet<usize> = self.judging[d].iter().copied().collect();
        for s in reach {
            covering.extend(self.judging[s].iter().copied());
        }
        let seeing: Vec<usize> = covering
            .iter()
            .copied()
            .filter(|&j| self.judges[j].sees_outage(o.region.as_deref()))
            .collect();
        let measuring: Vec<usize> = self.reached_by[d].iter().map(|&(j, _)| j).collect();
        if covering.is_empty() {
            format!("no SLA in force in {period} covers service `{}`", o.service)
        } else if seeing.is_empty() {
            format!(
                "no SLA in force covers service `{}` in region `{}`",
                o.service,
                o.region.as_deref().unwrap_or_default()
            )
        } else if measuring.is_empty() {
            format!(
                "the SLAs that cover `{}` ({}) have no availability objective per {}",
                o.service,
                self.names(seeing.into_iter()),
                period.kind_word()
            )
        } else {
            format!(
                "outside the period and the time the SLAs that cover `{}` judge it ({})",
                o.service,
                self.names(measuring.into_iter())
            )
        }
    }

    pub fn ticket(&mut self, file: &str, t: Ticket) {
        let before = self.errors.len();
        self.known.ticket(file, &t, &mut self.errors);
        let mut h = std::hash::DefaultHasher::new();
        t.id.hash(&mut h);
        match self.ticket_ids.insert(h.finish(), t.line) {
            Some(first) if first != t.line => self.errors.push(InputError {
                file: file.to_string(),
                line: t.line,
                column: 1,
                message: format!(
                    "`id`: ticket `{}` is already on line {first}; each ticket is one row",
                    t.id
                ),
            }),
            _ => {}
        }
        if self.errors.len() > before {
            return;
        }
        self.expect(Kind::Tickets);
        let (Some(&c), Some(&s)) = (
            self.parties.get(t.customer.as_str()),
            self.services.get(t.service.as_str()),
        ) else {
            return;
        };
        let at = (t.opened, t.opened);
        let here: Vec<usize> = self.judging[s]
            .iter()
            .copied()
            .filter(|&j| {
                let judge = &self.judges[j];
                judge.takes_region(t.region.as_deref())
                    && judge.window(c, s).is_some_and(|w| clock::overlaps(w, at))
            })
            .collect();
        let targeted = here.iter().any(|&j| {
            self.judges[j]
                .terms
                .support
                .iter()
                .flat_map(|s| &s.targets)
                .any(|g| g.kind == t.kind && g.id == t.class)
        });
        if targeted {
            if let Some(v) = &mut self.tickets {
                v.push(t);
            }
            return;
        }
        let kind = t.kind.keyword();
        let period = self.options.period;
        let reason = if !here.is_empty() {
            format!(
                "the SLA that judges it ({}) has no {kind} target `{}`",
                self.names(here.into_iter()),
                t.class
            )
        } else if !clock::overlaps(&self.periods, at) {
            format!("opened outside {period}")
        } else {
            let region = t
                .region
                .as_ref()
                .map_or(String::new(), |r| format!(" in region `{r}`"));
            format!(
                "no SLA in force judges customer `{}` on service `{}`{region} when it was opened",
                t.customer, t.service
            )
        };
        self.unmatched(Kind::Tickets, file, t.line, reason);
    }

    pub fn measurement(&mut self, file: &str, m: Measurement) {
        let before = self.errors.len();
        self.known.measurement(file, &m, &mut self.errors);
        if self.errors.len() > before {
            return;
        }
        self.expect(Kind::Measurements);
        let Some(&s) = self.services.get(m.service.as_str()) else {
            return;
        };
        if self.measured_pairs.contains(&(s, m.objective.as_str())) {
            let sums = self
                .measured
                .get_or_insert_with(HashMap::new)
                .entry((m.service, m.objective))
                .or_default();
            match (
                sums.good.checked_add(u128::from(m.good)),
                sums.total.checked_add(u128::from(m.total)),
            ) {
                (Some(g), Some(t)) => (sums.good, sums.total) = (g, t),
                _ => sums.overflow = true,
            }
            return;
        }
        let period = self.options.period;
        let reason = if self.judging[s].is_empty() {
            format!("no SLA in force in {period} covers service `{}`", m.service)
        } else {
            format!(
                "the SLAs that cover `{}` ({}) have no `{}` objective per {}",
                m.service,
                self.names(self.judging[s].iter().copied()),
                m.objective,
                period.kind_word()
            )
        };
        self.unmatched(Kind::Measurements, file, m.line, reason);
    }

    /// A charge (`--charges`): kept for every agreement with `fee from charges` that
    /// judges its customer and service in its region and reads its period; reported as
    /// unmatched otherwise. A currency other than the agreement's is an error.
    pub fn charge(&mut self, file: &str, c: Charge) {
        let before = self.errors.len();
        self.known.charge(file, &c, &mut self.errors);
        if self.errors.len() > before {
            return;
        }
        self.expect(Kind::Charges);
        let (Some(&cust), Some(&s)) = (
            self.parties.get(c.customer.as_str()),
            self.services.get(c.service.as_str()),
        ) else {
            return;
        };
        let taking: Vec<usize> = (0..self.judges.len())
            .filter(|&j| self.judges[j].takes_charge(cust, s, c.region.as_deref()))
            .collect();
        let mut used = false;
        for &j in &taking {
            let judge = &self.judges[j];
            let (a, b) = c.period.bounds(judge.terms.tz());
            if !clock::overlaps(&[judge.charge_span()], (a, b)) {
                continue;
            }
            match &self.charge_currency[j] {
                Some(cur) if *cur != c.currency => {
                    self.errors.push(InputError {
                        file: file.to_string(),
                        line: c.line,
                        column: 6,
                        message: format!(
                            "`currency`: {} is not the currency of `{}`, {cur}; every charge of an agreement is in its currency",
                            c.currency, judge.agreement.name
                        ),
                    });
                    return;
                }
                Some(_) => {}
                None => self.charge_currency[j] = Some(c.currency.clone()),
            }
            used = true;
        }
        if used {
            if let Some(v) = &mut self.charges {
                v.push(c);
            }
            return;
        }
        let period = self.options.period;
        let region = c
            .region
            .as_ref()
            .map_or(String::new(), |r| format!(" in region `{r}`"));
        let reason = if taking.is_empty() {
            format!(
                "no SLA in force in {period} with `fee from charges` covers customer `{}` on service `{}`{region}",
                c.customer, c.service
            )
        } else {
            format!(
                "a charge for {}, outside the time the SLAs with `fee from charges` read ({})",
                c.period,
                self.names(taking.into_iter())
            )
        };
        self.unmatched(Kind::Charges, file, c.line, reason);
    }

    /// A requests.csv row: kept when it begins an interval of an error-rate objective of
    /// an SLA that judges its service at that time (language.md §4.1), else unmatched
    /// under its reason.
    pub fn request(&mut self, file: &str, r: Request) {
        let before = self.errors.len();
        self.known.request(file, &r, &mut self.errors);
        if self.errors.len() > before {
            return;
        }
        self.expect(Kind::Requests);
        let Some(&s) = self.services.get(r.service.as_str()) else {
            return;
        };
        let period = self.options.period;
        // (judge, interval) of every error-rate objective on the service this period.
        let mut rated: Vec<(usize, i64, clock::Interval)> = Vec::new();
        for &j in &self.judging[s] {
            let judge = &self.judges[j];
            for o in &judge.terms.objectives {
                let Some(ms) = o
                    .downtime
                    .as_ref()
                    .and_then(|d| d.value.request_interval_ms())
                else {
                    continue;
                };
                let Some(span) = judge.span(period, o.window()) else {
                    continue;
                };
                if o.target.is_some() && o.service.as_ref().is_none_or(|x| x.value.index == s) {
                    rated.push((j, ms.saturating_mul(super::input::NS_PER_MS), span));
                }
            }
        }
        let seeing: Vec<(usize, i64, clock::Interval)> = rated
            .iter()
            .copied()
            .filter(|&(j, _, _)| self.judges[j].sees_outage(r.region.as_deref()))
            .collect();
        let at = (r.start, r.start);
        let inside = |j: usize, span: clock::Interval| {
            span.0 <= r.start
                && r.start < span.1
                && self.judges[j]
                    .services()
                    .get(&s)
                    .is_some_and(|w| clock::overlaps(w, at))
        };
        let used = seeing.iter().any(|&(j, d, span)| {
            inside(j, span) && super::rates::aligned(self.judges[j].period.0, d, r.start)
        });
        if used {
            if let Some(v) = &mut self.requests {
                v.push(r);
            }
            return;
        }
        let reason = if self.judging[s].is_empty() {
            format!("no SLA in force in {period} covers service `{}`", r.service)
        } else if rated.is_empty() {
            format!(
                "the SLAs that cover `{}` ({}) have no objective per {} whose downtime is defined by error rates",
                r.service,
                self.names(self.judging[s].iter().copied()),
                period.kind_word()
            )
        } else if seeing.is_empty() {
            format!(
                "no SLA in force covers service `{}` in region `{}`",
                r.service,
                r.region.as_deref().unwrap_or_default()
            )
        } else if seeing.iter().any(|&(j, _, span)| inside(j, span)) {
            let lengths: BTreeSet<String> = seeing
                .iter()
                .map(|&(_, d, _)| crate::written::duration(d / super::input::NS_PER_MS))
                .collect();
            format!(
                "does not begin an interval of the error-rate objectives of `{}` ({}), cut from the start of the period",
                r.service,
                lengths.into_iter().collect::<Vec<_>>().join(", ")
            )
        } else {
            format!(
                "outside the period and the time the SLAs that cover `{}` judge it ({})",
                r.service,
                self.names(seeing.iter().map(|&(j, _, _)| j))
            )
        };
        self.unmatched(Kind::Requests, file, r.line, reason);
    }

    /// Judges every agreement on the rows kept.
    pub fn finish(self) -> Report {
        let mut agreements = Vec::with_capacity(self.judges.len());
        let judged = self.judge_all(&mut |group| -> Result<(), std::convert::Infallible> {
            agreements.append(group);
            Ok(())
        });
        let mut report = match judged {
            Ok(report) => report,
            Err(never) => match never {},
        };
        report.agreements = agreements;
        report
    }

    /// [`Evaluation::finish`] as JSON, the text of [`Report::to_json`] and a newline, written as
    /// each agreement is judged: the reports of a large portfolio (21 MB at 100× the
    /// synthetic company) are never all in memory. Only one agreement's base and regions
    /// are kept at a time, for [`super::report::pay_once`].
    pub fn write_json(self, out: impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut out = std::io::BufWriter::new(out);
        let period = serde_json::to_string(&self.options.period.to_string())?;
        write!(out, "{{\n  \"period\": {period},\n  \"agreements\": [")?;
        let mut first = true;
        let rest = self.judge_all(&mut |group| -> std::io::Result<()> {
            for a in group.drain(..) {
                out.write_all(if first { b"\n" } else { b",\n" })?;
                first = false;
                // An element of the array is two levels deep: its pretty lines, indented
                // by four spaces (a JSON string holds no line break).
                let text = serde_json::to_string_pretty(&a)?;
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    out.write_all(b"    ")?;
                    out.write_all(line.as_bytes())?;
                }
            }
            Ok(())
        })?;
        out.write_all(if first { b"]" } else { b"\n  ]" })?;
        // The fields after the list, as the whole report prints them.
        let tail = serde_json::to_string_pretty(&rest)?;
        let after = tail
            .split_once("\"agreements\": []")
            .map_or("\n}", |(_, after)| after);
        out.write_all(after.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// Judges every agreement, handing `each` the reports of one agreement (its base and
    /// regions, consecutive) once their credits are paid once; returns the report without
    /// them.
    fn judge_all<E>(
        self,
        each: &mut dyn FnMut(&mut Vec<AgreementReport>) -> Result<(), E>,
    ) -> Result<Report, E> {
        let outages = self
            .outages
            .as_deref()
            .map(super::attainment::OutageIndex::new);
        let tickets = self
            .tickets
            .as_deref()
            .map(super::tickets::TicketIndex::new);
        let requests = self
            .requests
            .as_deref()
            .map(super::rates::RequestIndex::new);
        let ctx = Context {
            portfolio: self.portfolio,
            requests: requests.as_ref(),
            outages: outages.as_ref(),
            tickets: tickets.as_ref(),
            measured: self.measured.as_ref(),
            charges: self.charges.as_deref(),
            options: &self.options,
        };
        // One agreement's reports at a time: its base and regions are consecutive.
        let mut group: Vec<AgreementReport> = Vec::new();
        let mut shadowed = Vec::new();
        for judge in &self.judges {
            if judge.pairs.is_empty() && judge.covers_something {
                shadowed.push(Shadowed {
                    agreement: judge.agreement.name.clone(),
                    region: judge.region().map(str::to_string),
                    by: judge.shadowed_by.iter().map(|s| (*s).to_string()).collect(),
                });
                continue;
            }
            let report = ctx.variant(judge);
            if group
                .first()
                .is_some_and(|g| g.agreement != report.agreement)
            {
                super::report::pay_once(&mut group);
                each(&mut group)?;
                group.clear();
            }
            group.push(report);
        }
        super::report::pay_once(&mut group);
        each(&mut group)?;
        let mut reasons: Vec<UnmatchedReason> = self.unmatched.into_values().collect();
        let rank = |input: &str| {
            [
                Kind::Outages,
                Kind::Tickets,
                Kind::Measurements,
                Kind::Charges,
                Kind::Requests,
            ]
            .iter()
            .position(|k| k.word() == input)
        };
        reasons.sort_by(|a, b| {
            (rank(a.input), a.lines.first(), &a.reason).cmp(&(
                rank(b.input),
                b.lines.first(),
                &b.reason,
            ))
        });
        let count = |k: Kind| {
            reasons
                .iter()
                .filter(|r| r.input == k.word())
                .map(|r| r.count)
                .sum()
        };
        Ok(Report {
            period: self.options.period.to_string(),
            agreements: Vec::new(),
            shadowed,
            unmatched: Unmatched {
                outages: count(Kind::Outages),
                tickets: count(Kind::Tickets),
                measurements: count(Kind::Measurements),
                charges: count(Kind::Charges),
                requests: self.requests.is_some().then(|| count(Kind::Requests)),
                reasons,
            },
        })
    }
}
