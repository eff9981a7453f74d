//! Catalogues (language.md, "Catalogues"): every package has a fee (E0301), one
//! catalogue prices in one currency (E0107), and a better package never costs less
//! (E0606) nor promises less on any term (E0607) than a lesser one. "Less" is the
//! strictness table's, through the comparison E0303 uses (`loosening::looser`).

use super::loosening::looser;
use crate::diag::{Code, Diagnostic};
use crate::model::periods::fee_per_year;
use crate::model::strictness::money_order;
use crate::model::{Catalogue, Deadline, Package, Portfolio, Terms};
use crate::model::{Fee, FeePeriod};
use crate::source::Span;
use std::cmp::Ordering;
use std::collections::HashSet;

pub(crate) fn check(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for c in &p.catalogues {
        let packages: Vec<&Package> = c.packages.iter().map(|&i| &p.packages[i]).collect();
        for pk in &packages {
            if pk.terms.fee.is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::E0301,
                        pk.name_span,
                        format!("package `{}` has no `fee`", pk.name),
                    )
                    .primary("`fee` missing")
                    .help("a package is a priced service level: add e.g. `fee 4000 EUR per month`"),
                );
            }
        }
        if currencies(c, &packages, diags) {
            fees(&packages, diags);
        }
        promises(&packages, diags);
    }
}

/// E0107: the fees of one catalogue in one currency, or they cannot be compared.
fn currencies(c: &Catalogue, packages: &[&Package], diags: &mut Vec<Diagnostic>) -> bool {
    let amounts: Vec<(&str, Span)> = packages
        .iter()
        .filter_map(|pk| pk.terms.fee.as_ref())
        .filter_map(|f| Some((f.value.money()?.currency.as_str(), f.span)))
        .collect();
    let name = &c.name;
    let mixed = crate::syntax::mixed_currencies(
        &amounts,
        |first, other| format!("catalogue `{name}` prices packages in {first} and {other}"),
        &format!("price every package of `{name}` in one currency, so that they can be compared"),
    );
    let ok = mixed.is_none();
    diags.extend(mixed);
    ok
}

/// E0606: each package against every lesser one; reported once per package, against the
/// nearest lesser package that costs more.
fn fees(packages: &[&Package], diags: &mut Vec<Diagnostic>) {
    for (j, better) in packages.iter().enumerate() {
        let Some(bf) = &better.terms.fee else {
            continue;
        };
        // Compared per year, the one figure every fixed fee gives exactly (language.md
        // §7.1); a fee from charges has no price to compare.
        let Some(by) = fee_per_year(&bf.value) else {
            continue;
        };
        let dearer = packages[..j].iter().rev().find_map(|lesser| {
            let lf = lesser.terms.fee.as_ref()?;
            let ly = fee_per_year(&lf.value)?;
            (money_order(&by, &ly) == Some(Ordering::Less)).then_some((lesser, lf, ly))
        });
        if let Some((lesser, lf, ly)) = dearer {
            // Both per month: the amounts as written; otherwise per year.
            let monthly = [&bf.value, &lf.value].iter().all(|f| {
                matches!(
                    f,
                    Fee::Fixed {
                        per: FeePeriod::Month,
                        ..
                    }
                )
            });
            let (b, l, per) = if monthly {
                let m = |f: &Fee| f.money().cloned().unwrap_or_else(|| by.clone());
                (m(&bf.value), m(&lf.value), "")
            } else {
                (by.clone(), ly.clone(), " per year")
            };
            diags.push(
                Diagnostic::new(
                    Code::E0606,
                    bf.span,
                    format!(
                        "package `{}` costs less than `{}`, listed below it ({} {} < {} {})",
                        better.name,
                        lesser.name,
                        b.amount,
                        format_args!("{}{per}", b.currency),
                        l.amount,
                        format_args!("{}{per}", l.currency),
                    ),
                )
                .primary("the better package's fee")
                .label(lf.span, format!("the fee of `{}`", lesser.name))
                .help("a catalogue lists packages from the lowest to the best: raise this fee, lower the other, or reorder the packages"),
            );
        }
    }
}

/// E0607: each package against every lesser one. A term it sets looser is reported at
/// that term, from the nearest lesser package; what it lacks altogether (an objective, a
/// deadline, credits) in one diagnostic at its name, since that is where it is missing.
fn promises(packages: &[&Package], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashSet<Span> = HashSet::new();
    for (j, better) in packages.iter().enumerate() {
        let mut lacks: Vec<(Span, String, &str)> = Vec::new();
        for lesser in packages[..j].iter().rev() {
            let mut found: Vec<(Span, Span, String)> = Vec::new();
            looser(
                &lesser.terms,
                &better.terms,
                &mut |span, lspan, what, _help| {
                    found.push((span, lspan, what.to_string()));
                },
            );
            for (span, lspan, what) in found {
                if seen.insert(span) {
                    diags.push(
                        less(better, lesser, span, &what)
                            .primary("less than the lesser package")
                            .label(lspan, format!("set here by `{}`", lesser.name)),
                    );
                }
            }
            for (lspan, what) in missing(&lesser.terms, &better.terms) {
                if lacks.iter().all(|(_, w, _)| *w != what) {
                    lacks.push((lspan, what, &lesser.name));
                }
            }
        }
        let Some((_, _, first)) = lacks.first() else {
            continue;
        };
        let what = lacks
            .iter()
            .map(|(_, w, by)| format!("{w} (`{by}` has one)"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Diagnostic::new(
            Code::E0607,
            better.name_span,
            format!(
                "package `{}` promises less than the packages listed below it: {what}",
                better.name
            ),
        )
        .primary(format!("lacks what `{first}` promises"))
        .help("a better package promises at least what every lesser one does on every term; add what it lacks, or reorder the packages");
        for (lspan, w, by) in &lacks {
            d = d.label(*lspan, format!("{w}: promised by `{by}`"));
        }
        diags.push(d);
    }
}

fn less(better: &Package, lesser: &Package, span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0607,
        span,
        format!(
            "package `{}` promises less than `{}`, listed below it: {what}",
            better.name, lesser.name
        ),
    )
    .help(format!(
        "a better package promises at least what `{}` does on every term; tighten it, or reorder the packages",
        lesser.name
    ))
}

/// What the lesser package promises and the better one does not promise at all: an
/// objective, a support deadline, credits. Each with the lesser package's span.
fn missing(lesser: &Terms, better: &Terms) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for o in &lesser.objectives {
        if o.target.is_some() && !better.objectives.iter().any(|b| b.key() == o.key()) {
            out.push((o.span, format!("no {} objective", o.id)));
        }
    }
    if let Some(ls) = &lesser.support {
        for lt in &ls.targets {
            let bt = better.support.as_ref().and_then(|s| {
                s.targets
                    .iter()
                    .find(|t| t.kind == lt.kind && t.id == lt.id)
            });
            for which in [Deadline::Response, Deadline::Resolve, Deadline::Fulfil] {
                let Some(ld) = lt.deadline(which) else {
                    continue;
                };
                if bt.and_then(|t| t.deadline(which)).is_none() {
                    out.push((
                        ld.span,
                        format!(
                            "no {} deadline for {} {}",
                            which.keyword(),
                            lt.kind.keyword(),
                            lt.id
                        ),
                    ));
                }
            }
        }
    }
    for lp in &lesser.penalties {
        if !better.penalties.iter().any(|b| b.on == lp.on) {
            out.push((lp.on_span, format!("no service credits on {}", lp.on)));
        }
    }
    out
}
