//! Agreements: their statements, objectives, support targets, maintenance and penalties,
//! lowered from pest pairs (the item-level lowering is in mod.rs).

use super::{children, first, Lower, Rule};
use crate::source::Span;
use crate::syntax::ast::{
    Agreement, AgreementKind, AgreementStmt, Block, Catalogue, ClaimsStmt, Credit, CreditForm,
    Deadline, DowntimeStmt, HistoryEntry, Indicator, IndicatorStmt, Level, MaintenanceStmt,
    MeasuredBy, Objective, ObjectiveKind, ObjectiveStmt, Package, Penalty, PenaltyOn, PenaltyStmt,
    Region, Sp, Stage, Status, Stmt, SupportStmt, SupportTarget, TargetKind, TargetStmt, TierOp,
    Window,
};
use crate::syntax::values;
use pest::iterators::Pair;

impl Lower<'_> {
    pub(super) fn agreement(&mut self, pair: Pair<'_, Rule>) -> Agreement {
        let span = self.span(&pair);
        let (kw, name, title, rest) = self.head(pair);
        let kind = match kw.as_str() {
            "sla" => AgreementKind::Sla,
            "ola" => AgreementKind::Ola,
            _ => AgreementKind::Uc,
        };
        let body = rest
            .into_iter()
            .next()
            .map(|b| self.block(b, Self::agreement_stmt))
            .unwrap_or_default();
        Agreement {
            kind,
            keyword: self.span(&kw),
            name,
            title,
            body,
            span,
        }
    }

    fn agreement_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<AgreementStmt>> {
        let rule = pair.as_rule();
        match rule {
            Rule::availability_obj | Rule::latency_obj | Rule::outcome_obj => {
                return self.objective(pair);
            }
            _ => {}
        }
        let (keyword, span, parts) = self.stmt_parts(pair);
        let mut parts = parts.into_iter();
        let kind = match rule {
            Rule::level_stmt => {
                let p = parts.next()?;
                let level = match p.as_str() {
                    "corporate" => Level::Corporate,
                    "customer" => Level::Customer,
                    _ => Level::Service,
                };
                AgreementStmt::Level(Sp::new(level, self.span(&p)))
            }
            Rule::extends_stmt => AgreementStmt::Extends(self.ident(&parts.next()?)),
            Rule::provider_stmt => AgreementStmt::Provider(self.ident(&parts.next()?)),
            Rule::customer_stmt => AgreementStmt::Customer(self.ident(&parts.next()?)),
            Rule::services_stmt => AgreementStmt::Services(self.ident_list(parts.next()?)),
            Rule::valid_stmt => {
                let dates: Vec<_> = parts.filter(|p| p.as_rule() == Rule::date).collect();
                let from = self.date(dates.first()?);
                let to = dates.get(1).map(|p| self.date(p));
                AgreementStmt::Valid { from, to }
            }
            Rule::timezone_stmt => AgreementStmt::Timezone(self.timezone(&parts.next()?)),
            Rule::fee_stmt => AgreementStmt::Fee(self.fee(span, &parts.collect::<Vec<_>>())?),
            Rule::review_stmt => {
                let n = parts.find(|p| p.as_rule() == Rule::integer)?;
                let s = self.span(&n);
                let v = values::months(n.as_str(), s).unwrap_or_else(|d| {
                    self.report(*d);
                    1
                });
                AgreementStmt::ReviewEvery(Sp::new(v, s))
            }
            Rule::reviewed_stmt => AgreementStmt::Reviewed(self.date(&parts.next()?)),
            Rule::support_stmt => {
                AgreementStmt::Support(self.block(parts.next()?, Self::support_stmt))
            }
            Rule::maintenance_stmt => {
                AgreementStmt::Maintenance(self.block(parts.next()?, Self::maintenance_stmt))
            }
            Rule::exclude_stmt => {
                let id = self.ident(&parts.next()?);
                let text = self.string(&parts.next()?);
                AgreementStmt::Exclude { id, text }
            }
            Rule::penalty_stmt => {
                let target = parts.find(|p| p.as_rule() == Rule::penalty_target)?;
                let on = self.penalty_on(target)?;
                let body = self.block(parts.next()?, Self::penalty_stmt);
                AgreementStmt::Penalty(Penalty { on, body })
            }
            Rule::cap_stmt => AgreementStmt::Cap(self.percent(&parts.next()?)),
            Rule::claim_stmt => {
                let d = parts.find(|p| p.as_rule() == Rule::duration)?;
                AgreementStmt::ClaimWithin(self.duration(&d))
            }
            Rule::claims_stmt => {
                AgreementStmt::Claims(self.block(parts.next()?, Self::claims_stmt))
            }
            Rule::region_stmt => {
                let name = self.ident(&parts.next()?);
                let mut rest: Vec<_> = parts.collect();
                let title = self.title(&mut rest);
                let body = self.block(rest.into_iter().next()?, Self::agreement_stmt);
                AgreementStmt::Region(Region { name, title, body })
            }
            Rule::package_stmt => AgreementStmt::Package(self.ident(&parts.next()?)),
            Rule::status_stmt => {
                let p = parts.next()?;
                let status = Status::ALL
                    .into_iter()
                    .find(|s| s.keyword() == p.as_str())
                    .unwrap_or(Status::Draft);
                AgreementStmt::Status(Sp::new(status, self.span(&p)))
            }
            Rule::version_stmt => {
                let mut number = None;
                let mut amends = None;
                let mut summary = None;
                for p in parts {
                    match p.as_rule() {
                        Rule::integer if number.is_none() => number = Some(self.version(&p)),
                        Rule::integer => amends = Some(self.version(&p)),
                        Rule::string => summary = Some(self.string(&p)),
                        _ => {}
                    }
                }
                AgreementStmt::Version {
                    number: number?,
                    amends,
                    summary,
                }
            }
            Rule::history_stmt => {
                AgreementStmt::History(self.block(parts.next()?, Self::history_item))
            }
            Rule::requirements_stmt => AgreementStmt::Requirements(self.string(&parts.next()?)),
            Rule::proposed_stmt => AgreementStmt::Proposed(self.date(&parts.next()?)),
            Rule::approved_stmt => {
                let on = self.date(&parts.next()?);
                let by = parts.find(|p| p.as_rule() == Rule::string)?;
                AgreementStmt::Approved {
                    on,
                    by: self.string(&by),
                }
            }
            Rule::signed_stmt => {
                let on = self.date(&parts.next()?);
                let party = parts.find(|p| p.as_rule() == Rule::ident)?;
                let by = parts.find(|p| p.as_rule() == Rule::string)?;
                AgreementStmt::Signed {
                    on,
                    party: self.ident(&party),
                    by: self.string(&by),
                }
            }
            Rule::terminated_stmt => {
                let on = self.date(&parts.next()?);
                let reason = parts.next().map(|p| self.string(&p));
                AgreementStmt::Terminated { on, reason }
            }
            Rule::dependency_outages_stmt => {
                // `dependency outages count` / `… do not count`: the last words decide.
                let rest: Vec<_> = parts.collect();
                let count = !rest.iter().any(|p| p.as_rule() == Rule::k_not);
                AgreementStmt::DependencyOutages(Sp::new(count, span))
            }
            Rule::fiscal_year_stmt => {
                // `fiscal year from MM-DD`: the month-day is the last part.
                let p = parts.last()?;
                let at = self.span(&p);
                let month = values::fiscal_start(p.as_str(), at).unwrap_or_else(|d| {
                    self.report(*d);
                    1
                });
                AgreementStmt::FiscalYear(Sp::new(month, at))
            }
            _ => AgreementStmt::Note(self.string(&parts.next()?)),
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    /// `version N signed DATE "what changed"?` in `history { … }`.
    fn history_item(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<HistoryEntry>> {
        let (keyword, span, parts) = self.stmt_parts(pair);
        let mut parts = parts.into_iter();
        let version = self.version(&parts.next()?);
        let signed = parts.find(|p| p.as_rule() == Rule::date)?;
        let signed = self.date(&signed);
        let summary = parts.next().map(|p| self.string(&p));
        Some(Stmt {
            kind: HistoryEntry {
                version,
                signed,
                summary,
            },
            keyword,
            span,
        })
    }

    fn version(&mut self, p: &Pair<'_, Rule>) -> Sp<u32> {
        let s = self.span(p);
        let v = values::version(p.as_str(), s).unwrap_or_else(|d| {
            self.report(*d);
            1
        });
        Sp::new(v, s)
    }

    /// `catalogue ID "TITLE"? { description "…" package … }`
    pub(super) fn catalogue(&mut self, pair: Pair<'_, Rule>) -> Catalogue {
        let span = self.span(&pair);
        let (kw, name, title, rest) = self.head(pair);
        let mut description = None;
        let mut packages = Vec::new();
        let mut body = span;
        if let Some(block) = rest.into_iter().next() {
            body = self.span(&block);
            for stmt in children(block) {
                let Some(inner) = first(stmt) else { continue };
                match inner.as_rule() {
                    Rule::description_stmt => {
                        let (keyword, span, parts) = self.stmt_parts(inner);
                        description = parts.first().map(|p| Stmt {
                            kind: self.string(p),
                            keyword,
                            span,
                        });
                    }
                    Rule::package => {
                        let pspan = self.span(&inner);
                        let (pkw, pname, ptitle, prest) = self.head(inner);
                        let pbody = prest
                            .into_iter()
                            .next()
                            .map(|b| self.block(b, Self::agreement_stmt))
                            .unwrap_or_default();
                        packages.push(Package {
                            keyword: self.span(&pkw),
                            name: pname,
                            title: ptitle,
                            body: pbody,
                            span: pspan,
                        });
                    }
                    _ => {}
                }
            }
        }
        Catalogue {
            keyword: self.span(&kw),
            name,
            title,
            description,
            packages,
            body,
            span,
        }
    }

    fn objective(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<AgreementStmt>> {
        let kind = match pair.as_rule() {
            Rule::availability_obj => ObjectiveKind::Availability,
            Rule::latency_obj => ObjectiveKind::Latency,
            _ => ObjectiveKind::Outcome,
        };
        let (keyword, span, parts) = self.stmt_parts(pair);
        let mut id = None;
        let mut title = None;
        let mut body = None;
        let mut one_line = false;
        for p in parts {
            match p.as_rule() {
                Rule::ident => id = Some(self.ident(&p)),
                Rule::string => title = Some(self.string(&p)),
                Rule::objective_block => body = Some(self.block(p, Self::objective_stmt)),
                _ => {
                    one_line = true;
                    body = Some(self.objective_line(p));
                }
            }
        }
        let objective = Objective {
            kind,
            id,
            title,
            one_line,
            body: body?,
        };
        Some(Stmt {
            kind: AgreementStmt::Objective(objective),
            keyword,
            span,
        })
    }

    /// `99.9% per month during x` becomes the statements of the block form, each spanning
    /// the words it came from, so later phases see one shape.
    fn objective_line(&mut self, pair: Pair<'_, Rule>) -> Block<Stmt<ObjectiveStmt>> {
        let span = self.span(&pair);
        let mut stmts = Vec::new();
        let mut percent = None;
        let mut within = None;
        for p in children(pair) {
            match p.as_rule() {
                Rule::percent => percent = Some(self.percent(&p)),
                Rule::duration => within = Some(self.duration(&p)),
                Rule::window => {
                    if let Some(percent) = percent.take() {
                        let s = percent
                            .span
                            .merge(within.as_ref().map_or(percent.span, |w: &Sp<i64>| w.span));
                        stmts.push(Stmt {
                            kind: ObjectiveStmt::Target {
                                percent,
                                within: within.take(),
                            },
                            keyword: s,
                            span: s,
                        });
                    }
                    let w = self.window(p.clone());
                    stmts.push(Stmt {
                        kind: ObjectiveStmt::Window(w),
                        keyword: w.span,
                        span: w.span,
                    });
                }
                Rule::line_option => {
                    if let Some(inner) = first(p) {
                        if let Some(s) = self.objective_stmt(inner) {
                            stmts.push(s);
                        }
                    }
                }
                _ => {}
            }
        }
        Block { stmts, span }
    }

    fn window(&mut self, pair: Pair<'_, Rule>) -> Sp<Window> {
        let span = self.span(&pair);
        let mut inner = children(pair);
        let w = match inner.next() {
            Some(p) if p.as_rule() == Rule::k_rolling => {
                let d = inner.next().map_or(1, |d| self.duration(&d).value);
                Window::Rolling(d)
            }
            Some(p) => match p.as_str() {
                "week" => Window::Week,
                "quarter" => Window::Quarter,
                "year" => Window::Year,
                _ => Window::Month,
            },
            None => Window::Month,
        };
        Sp::new(w, span)
    }

    fn objective_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<ObjectiveStmt>> {
        let rule = pair.as_rule();
        if rule == Rule::indicator {
            let span = self.span(&pair);
            let mut parts = children(pair);
            let keyword = self.span(&parts.next()?);
            let source = self.ident(&parts.next()?);
            let body = self.block(parts.next()?, Self::indicator_stmt);
            return Some(Stmt {
                kind: ObjectiveStmt::Indicator(Indicator { source, body, span }),
                keyword,
                span,
            });
        }
        let (keyword, span, parts) = self.stmt_parts(pair);
        let mut parts = parts.into_iter();
        let kind = match rule {
            Rule::target_stmt => {
                let percent = self.percent(&parts.next()?);
                let within = parts
                    .find(|p| p.as_rule() == Rule::duration)
                    .map(|d| self.duration(&d));
                ObjectiveStmt::Target { percent, within }
            }
            Rule::window_stmt => ObjectiveStmt::Window(self.window(parts.next()?)),
            Rule::during_stmt => ObjectiveStmt::During(self.ident(&parts.next()?)),
            Rule::downtime_def => {
                ObjectiveStmt::Downtime(self.block(parts.next()?, Self::downtime_stmt))
            }
            Rule::measured_stmt => {
                let by =
                    parts.find(|p| matches!(p.as_rule(), Rule::k_indicator | Rule::k_outages))?;
                let what = if by.as_rule() == Rule::k_indicator {
                    MeasuredBy::Indicator
                } else {
                    MeasuredBy::Outages
                };
                ObjectiveStmt::MeasuredBy(Sp::new(what, self.span(&by)))
            }
            _ => ObjectiveStmt::Service(self.ident(&parts.next()?)),
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    /// A statement of a `downtime { … }` block (language.md §4.1).
    fn downtime_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<DowntimeStmt>> {
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let duration = parts.iter().find(|p| p.as_rule() == Rule::duration)?;
        let duration = self.duration(duration);
        let kind = match rule {
            Rule::downtime_least => DowntimeStmt::AtLeast(duration),
            Rule::downtime_errors => {
                let percent = parts.iter().find(|p| p.as_rule() == Rule::percent)?;
                DowntimeStmt::ErrorsAbove {
                    percent: self.percent(percent),
                    interval: duration,
                }
            }
            _ => DowntimeStmt::AverageErrorRate(duration),
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn indicator_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<IndicatorStmt>> {
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let s = self.string(parts.first()?);
        let kind = match rule {
            Rule::errors_stmt => IndicatorStmt::Errors(s),
            Rule::good_stmt => IndicatorStmt::Good(s),
            Rule::histogram_stmt => IndicatorStmt::Histogram(s),
            _ => IndicatorStmt::Total(s),
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn support_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<SupportStmt>> {
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let mut parts = parts.into_iter();
        let kind = if rule == Rule::during_stmt {
            SupportStmt::During(self.ident(&parts.next()?))
        } else if rule == Rule::escalation_stmt {
            SupportStmt::Escalation(self.block(parts.next()?, Self::stage_stmt))
        } else {
            let kind = if rule == Rule::incident {
                TargetKind::Incident
            } else {
                TargetKind::Request
            };
            let id = self.ident(&parts.next()?);
            let mut rest: Vec<_> = parts.collect();
            let title = self.title(&mut rest);
            let body = self.block(rest.into_iter().next()?, Self::target_stmt);
            SupportStmt::Target(SupportTarget {
                kind,
                id,
                title,
                body,
            })
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    /// `stage STRING DURATION (by ID)?` in an `escalation` block.
    fn stage_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<Stage>> {
        let (keyword, span, parts) = self.stmt_parts(pair);
        let title = self.string(parts.iter().find(|p| p.as_rule() == Rule::string)?);
        let duration = self.duration(parts.iter().find(|p| p.as_rule() == Rule::duration)?);
        let by = parts
            .iter()
            .find(|p| p.as_rule() == Rule::ident)
            .map(|p| self.ident(p));
        Some(Stmt {
            kind: Stage {
                title,
                duration,
                by,
            },
            keyword,
            span,
        })
    }

    fn target_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<TargetStmt>> {
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let kind = if rule == Rule::during_stmt {
            TargetStmt::During(self.ident(parts.first()?))
        } else if rule == Rule::update_stmt {
            let d = parts.iter().find(|p| p.as_rule() == Rule::duration)?;
            TargetStmt::Update(self.duration(d))
        } else if rule == Rule::escalation_stmt {
            TargetStmt::Escalation(self.block(parts.into_iter().next()?, Self::stage_stmt))
        } else {
            let kw = &self_source_word(&parts, keyword);
            let which = deadline(kw);
            let mut duration = None;
            let mut written = String::new();
            let mut at = None;
            let mut business_days = None;
            for p in &parts {
                match p.as_rule() {
                    Rule::duration => {
                        written = p.as_str().to_string();
                        duration = Some(self.duration(p));
                    }
                    Rule::business_days => {
                        let span = self.span(p);
                        written = p.as_str().to_string();
                        // Checked by E0330 (1 to 1000); a number too large for `u32` is
                        // out of that range too.
                        let n = p
                            .as_str()
                            .split_whitespace()
                            .next()
                            .map_or(u32::MAX, |n| n.parse::<u32>().unwrap_or(u32::MAX));
                        business_days = Some(Sp::new(n, span));
                        duration = Some(Sp::new(0, span));
                    }
                    Rule::percent => at = Some(self.percent(p)),
                    _ => {}
                }
            }
            TargetStmt::Deadline {
                which,
                duration: duration?,
                written,
                at,
                business_days,
            }
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn maintenance_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<MaintenanceStmt>> {
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let first = parts.first()?;
        let kind = match rule {
            Rule::during_stmt => MaintenanceStmt::During(self.ident(first)),
            Rule::notice_stmt => MaintenanceStmt::Notice(self.duration(first)),
            _ if parts.iter().any(|p| p.as_rule() == Rule::k_year) => {
                MaintenanceStmt::MaxPerYear(self.duration(first))
            }
            _ => MaintenanceStmt::Max(self.duration(first)),
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn claims_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<ClaimsStmt>> {
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let last = parts.last()?;
        let kind = match rule {
            Rule::claims_within if last.as_rule() == Rule::claims_after_cycle => {
                ClaimsStmt::WithinAfterCycle(self.claim_length(last.clone())?)
            }
            Rule::claims_within => ClaimsStmt::Within(self.duration(last)),
            Rule::claims_to => ClaimsStmt::To(self.string(last)),
            Rule::claims_with => ClaimsStmt::With(self.string(last)),
            Rule::claims_credited => {
                let form = if last.as_str().starts_with("refund") {
                    CreditForm::Refund
                } else {
                    CreditForm::InvoiceCredit
                };
                ClaimsStmt::CreditedAs(Sp::new(form, self.span(last)))
            }
            _ => ClaimsStmt::Minimum(
                self.money(last.clone()),
                parts.iter().any(|p| p.as_rule() == Rule::k_above),
            ),
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn penalty_on(&mut self, pair: Pair<'_, Rule>) -> Option<Sp<PenaltyOn>> {
        let span = self.span(&pair);
        let parts: Vec<_> = children(pair).collect();
        let head = parts.first()?;
        let on = match head.as_rule() {
            Rule::k_availability => PenaltyOn::Availability,
            Rule::k_latency => PenaltyOn::Latency,
            Rule::k_outcome => PenaltyOn::Outcome(self.ident(parts.get(1)?)),
            rule if parts.get(2).is_some_and(|p| p.as_rule() == Rule::k_update) => {
                let kind = if rule == Rule::k_incident {
                    TargetKind::Incident
                } else {
                    TargetKind::Request
                };
                PenaltyOn::Update(kind, self.ident(parts.get(1)?))
            }
            rule => {
                let id = self.ident(parts.get(1)?);
                let which = parts.get(2).map_or(Sp::new(Deadline::Fulfil, span), |p| {
                    Sp::new(deadline(p.as_str()), self.span(p))
                });
                if rule == Rule::k_incident {
                    PenaltyOn::Incident(id, which)
                } else {
                    PenaltyOn::Request(id, which)
                }
            }
        };
        Some(Sp::new(on, span))
    }

    fn penalty_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<PenaltyStmt>> {
        let rule = pair.as_rule();
        let span = self.span(&pair);
        let parts: Vec<_> = children(pair).collect();
        let keyword = self.span(parts.first()?);
        if let Some(kind) = self.money_penalty_item(rule, span, &parts) {
            return Some(Stmt {
                kind,
                keyword,
                span,
            });
        }
        let credit_pair = parts.iter().find(|p| p.as_rule() == Rule::credit)?.clone();
        let credit = self.credit(credit_pair)?;
        let kind = if rule == Rule::tier {
            let op = if parts[0].as_str().starts_with("at") {
                TierOp::AtOrBelow
            } else {
                TierOp::Below
            };
            let threshold = self.percent(parts.iter().find(|p| p.as_rule() == Rule::percent)?);
            PenaltyStmt::Tier {
                op,
                threshold,
                credit,
            }
        } else {
            PenaltyStmt::EachBreach { credit }
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn credit(&mut self, pair: Pair<'_, Rule>) -> Option<Sp<Credit>> {
        let span = self.span(&pair);
        let inner = first(pair)?;
        let credit = if inner.as_rule() == Rule::percent {
            Credit::Percent(self.percent(&inner).value)
        } else if inner.as_rule() == Rule::proportional {
            let n = first(inner)?;
            let s = self.span(&n);
            Credit::Proportional(
                crate::syntax::values::amount(n.as_str(), s).unwrap_or_else(|d| {
                    self.report(*d);
                    rust_decimal::Decimal::ONE
                }),
            )
        } else {
            Credit::Amount(self.money(inner).value)
        };
        Some(Sp::new(credit, span))
    }
}

/// The deadline keyword of a `deadline_stmt`: the grammar puts it first, and
/// `stmt_parts` has already taken it as the keyword, so read it back from the source.
fn self_source_word(parts: &[Pair<'_, Rule>], keyword: Span) -> String {
    // The keyword pair was consumed; its text is recoverable from any remaining pair's
    // input. All pairs share the same input string.
    parts.first().map_or_else(String::new, |p| {
        p.get_input()
            .get(keyword.range())
            .unwrap_or_default()
            .to_string()
    })
}

fn deadline(word: &str) -> Deadline {
    match word {
        "response" => Deadline::Response,
        "resolve" => Deadline::Resolve,
        _ => Deadline::Fulfil,
    }
}
