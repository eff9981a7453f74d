//! Who reads a document, and which folder holds it: `internal/` has every document;
//! `customers/<customer>/` has a customer's SLAs and the terms they build on, rendered
//! without what only the provider may see (docs/documents.md, "Audience").

use crate::model::{AgreementKind, Portfolio};
use crate::syntax::ast::PartyKind;

/// Who a document is rendered for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Audience {
    /// The provider: every section, underpinning agreements, dependencies, exposure.
    Internal,
    /// One customer: no OLA, UC, team, supplier, dependency or exposure figure.
    Customer,
}

/// One output folder: where its documents go, who reads them and which agreements (by
/// index, in portfolio order) it holds, each with all its regional variants.
#[derive(Debug)]
pub struct Folder {
    /// `internal` or `customers/<customer>`.
    pub dir: String,
    pub audience: Audience,
    /// The customer party of a customer folder.
    pub customer: Option<usize>,
    pub agreements: Vec<usize>,
}

/// `internal/` (every agreement), then one folder per party of kind `customer` that is
/// the customer of at least one SLA, in portfolio order: its SLAs and every agreement they `extends`,
/// transitively.
pub fn folders(p: &Portfolio) -> Vec<Folder> {
    let mut out = vec![Folder {
        dir: "internal".into(),
        audience: Audience::Internal,
        customer: None,
        agreements: (0..p.agreements.len()).collect(),
    }];
    // Each customer's SLAs, found in one pass (not a pass over every agreement per customer).
    let mut slas: Vec<Vec<usize>> = vec![Vec::new(); p.parties.len()];
    for (x, a) in p.agreements.iter().enumerate() {
        if a.kind == AgreementKind::Sla {
            if let Some(r) = &a.terms.customer {
                slas[r.value.index].push(x);
            }
        }
    }
    for (c, party) in p.parties.iter().enumerate() {
        // An internal team's SLA (`customer hr`) is the provider's own business.
        if party.kind != PartyKind::Customer || slas[c].is_empty() {
            continue;
        }
        let mut keep = std::collections::BTreeSet::new();
        for &x in &slas[c] {
            // The terms it builds on, transitively (acyclic: E0204; bounded anyway).
            let mut at = Some(x);
            let mut steps = 0;
            while let Some(y) = at {
                if !keep.insert(y) || steps > p.agreements.len() {
                    break;
                }
                steps += 1;
                at = p.agreements[y].extends.as_ref().map(|e| e.value.index);
            }
        }
        out.push(Folder {
            dir: format!("customers/{}", party.name),
            audience: Audience::Customer,
            customer: Some(c),
            agreements: keep.into_iter().collect(),
        });
    }
    out
}

/// Whether a party's name and title may appear in a customer's documents: internal teams
/// and suppliers may not.
pub fn is_internal(kind: PartyKind) -> bool {
    matches!(kind, PartyKind::Team | PartyKind::Supplier)
}
