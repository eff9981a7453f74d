//! The symbol table and the binding of one reference (E0202, E0203, did-you-mean): what
//! build.rs and terms.rs share.

use super::portfolio::{Name, Ref, ALWAYS};
use crate::diag::{Code, Diagnostic};
use crate::source::{Sp, Span};
use crate::syntax::ast::{self, AgreementKind, PartyKind};
use crate::syntax::values::or_list;
use std::collections::BTreeMap;

/// What kind of item a name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Party(PartyKind),
    Calendar,
    Service,
    Agreement(AgreementKind),
    Catalogue,
    Package,
}

impl Kind {
    pub(super) fn noun(self) -> &'static str {
        match self {
            Kind::Party(PartyKind::Provider) => "a provider",
            Kind::Party(PartyKind::Customer) => "a customer",
            Kind::Party(PartyKind::Team) => "a team",
            Kind::Party(PartyKind::Supplier) => "a supplier",
            Kind::Calendar => "a calendar",
            Kind::Service => "a service",
            Kind::Agreement(AgreementKind::Sla) => "an SLA",
            Kind::Agreement(AgreementKind::Ola) => "an OLA",
            Kind::Agreement(AgreementKind::Uc) => "a UC",
            Kind::Catalogue => "a catalogue",
            Kind::Package => "a package",
        }
    }

    fn matches(self, want: &[Kind]) -> bool {
        want.iter().any(|w| match (w, self) {
            // `extends` names any agreement; the kind rule is E0302's business.
            (Kind::Agreement(_), Kind::Agreement(_)) => true,
            _ => *w == self,
        })
    }
}

#[derive(Clone, Debug)]
pub(super) struct Symbol {
    pub(super) kind: Kind,
    /// The name every reference to this item shares.
    pub(super) name: Name,
    pub(super) index: usize,
    pub(super) span: Span,
}

pub(super) const PROVIDER: Kind = Kind::Party(PartyKind::Provider);
pub(super) const CUSTOMER: Kind = Kind::Party(PartyKind::Customer);
pub(super) const TEAM: Kind = Kind::Party(PartyKind::Team);
pub(super) const SUPPLIER: Kind = Kind::Party(PartyKind::Supplier);

pub(super) struct Resolver {
    /// Owns its names, so each file's syntax tree can be dropped once its items are built.
    pub(super) symbols: BTreeMap<Name, Symbol>,
    pub(super) diags: Vec<Diagnostic>,
    /// The name of the built-in calendar, shared like the others.
    pub(super) always: Name,
    /// The words support targets repeat in every agreement (ids such as `p1`, titles,
    /// durations as written), each stored once: [`Resolver::word`].
    pub(super) words: std::collections::BTreeSet<Name>,
    /// Every reference bound, when asked for (`resolve_with`): what an editor's go to
    /// definition and find references read. `None` in a build, which never asks.
    pub(super) uses: Option<Vec<Use>>,
}

impl Resolver {
    /// `s` as a shared [`Name`]: a large portfolio writes `p1` or `30m` tens of thousands
    /// of times, and a string of its own for each was a tenth of the model.
    pub(super) fn word(&mut self, s: &str) -> Name {
        if let Some(n) = self.words.get(s) {
            return n.clone();
        }
        let n: Name = s.into();
        self.words.insert(n.clone());
        n
    }
}

/// A reference bound to the item it names: where the name is used and where the item's
/// name is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Use {
    pub at: Span,
    pub def: Span,
}

fn noun_list(want: &[Kind]) -> String {
    or_list(
        &want
            .iter()
            .map(|k| k.noun().to_string())
            .collect::<Vec<_>>(),
    )
}

impl Resolver {
    /// Binds `name` to an item of one of the `want` kinds (E0202, E0203).
    pub(super) fn bind(&mut self, name: &ast::Ident, want: &[Kind], role: &str) -> Option<Sp<Ref>> {
        let found = if name.value == "always" && want.contains(&Kind::Calendar) {
            Some(Symbol {
                kind: Kind::Calendar,
                name: self.always.clone(),
                index: ALWAYS,
                span: name.span,
            })
        } else {
            self.symbols.get(name.value.as_str()).cloned()
        };
        match found {
            Some(sym) if sym.kind.matches(want) => {
                // `always` is defined nowhere in the files: it has no place to go to.
                if let (Some(uses), false) = (&mut self.uses, sym.span == name.span) {
                    uses.push(Use {
                        at: name.span,
                        def: sym.span,
                    });
                }
                Some(Sp::new(
                    Ref {
                        index: sym.index,
                        name: sym.name,
                    },
                    name.span,
                ))
            }
            Some(sym) => {
                let mut d = Diagnostic::new(
                    Code::E0203,
                    name.span,
                    format!(
                        "`{}` is {}, but {role} must be {}",
                        name.value,
                        sym.kind.noun(),
                        noun_list(want)
                    ),
                )
                .primary(format!("{}, not {}", sym.kind.noun(), noun_list(want)))
                .label(
                    sym.span,
                    format!("`{}` is defined here as {}", name.value, sym.kind.noun()),
                );
                d = d.help(self.suggest(&name.value, want, role));
                self.diags.push(d);
                None
            }
            None => {
                let d = Diagnostic::new(
                    Code::E0202,
                    name.span,
                    format!(
                        "unknown name `{}`: no {} has this name",
                        name.value,
                        noun_list(want).replace("a ", "").replace("an ", "")
                    ),
                )
                .primary("not defined anywhere in the portfolio")
                .help(self.suggest(&name.value, want, role));
                self.diags.push(d);
                None
            }
        }
    }

    /// "did you mean `checkout`?" among the names of the wanted kinds.
    fn suggest(&self, name: &str, want: &[Kind], role: &str) -> String {
        let mut candidates: Vec<&str> = self
            .symbols
            .iter()
            .filter(|(_, s)| s.kind.matches(want))
            .map(|(n, _)| n.as_str())
            .collect();
        if want.contains(&Kind::Calendar) {
            candidates.push("always");
        }
        if let Some(c) = crate::suggest::closest(name, candidates.iter().copied()) {
            return format!("did you mean `{c}`?");
        }
        candidates.sort_unstable();
        match candidates.as_slice() {
            [] => format!("define {} to use it as {role}", noun_list(want)),
            list => {
                let shown: Vec<String> = list.iter().take(5).map(|c| format!("`{c}`")).collect();
                let more = if list.len() > 5 { ", …" } else { "" };
                format!(
                    "{role} must be {}: {}{more}",
                    noun_list(want),
                    shown.join(", ")
                )
            }
        }
    }
}
