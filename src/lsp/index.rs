//! What names what: every item's definition (from each file's syntax tree, so it is known
//! even while another file has an error) and every reference the resolver bound; go to
//! definition, find references and completion read it.

use super::workspace::Analysis;
use crate::model::Use;
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, AgreementStmt, ObjectiveKind, PenaltyOn, SupportStmt};

/// A named item: its kind in words, its name and where they are.
#[derive(Clone, Debug)]
pub(crate) struct Def {
    pub(crate) name: String,
    pub(crate) kind: &'static str,
    pub(crate) title: Option<String>,
    pub(crate) name_span: Span,
    /// Items only: a region is named inside its agreement, and nothing refers to it.
    pub(crate) global: bool,
}

/// Every definition of a file: its items, their packages and regions.
pub(crate) fn defs(tree: &ast::File) -> Vec<Def> {
    let mut out = Vec::new();
    for item in &tree.items {
        let (kind, title) = match item {
            ast::Item::Party(p) => (p.kind.keyword(), p.title.as_ref()),
            ast::Item::Calendar(c) => ("calendar", c.title.as_ref()),
            ast::Item::Service(s) => ("service", s.title.as_ref()),
            ast::Item::Agreement(a) => (a.kind.keyword(), a.title.as_ref()),
            ast::Item::Catalogue(c) => ("catalogue", c.title.as_ref()),
        };
        out.push(def(item.name(), kind, title, true));
        match item {
            ast::Item::Catalogue(c) => {
                for p in &c.packages {
                    out.push(def(&p.name, "package", p.title.as_ref(), true));
                    out.extend(regions(&p.body.stmts));
                }
            }
            ast::Item::Agreement(a) => out.extend(regions(&a.body.stmts)),
            _ => {}
        }
    }
    let mut uses = Vec::new();
    for stmts in bodies(tree) {
        local(stmts, &[], &mut out, &mut uses);
    }
    out
}

/// The statement lists of every agreement and package of a file.
fn bodies(tree: &ast::File) -> Vec<&[ast::Stmt<AgreementStmt>]> {
    let mut out: Vec<&[ast::Stmt<AgreementStmt>]> = Vec::new();
    for item in &tree.items {
        match item {
            ast::Item::Agreement(a) => out.push(&a.body.stmts),
            ast::Item::Catalogue(c) => out.extend(c.packages.iter().map(|p| &p.body.stmts[..])),
            _ => {}
        }
    }
    out
}

/// A support target or an outcome: its kind (`incident`, `request`, `outcome`), id and
/// where the id is written.
type Local = (&'static str, String, Span);

/// The ids an agreement body names for itself (support targets, outcomes) and the
/// penalties that refer to them (`penalty on incident p1 resolve`), a region's penalties
/// to the region's own ids first, then the agreement's (`outer`). Ids inherited through
/// `extends` are not followed: their definitions are in another agreement's text.
fn local(
    stmts: &[ast::Stmt<AgreementStmt>],
    outer: &[Local],
    defs: &mut Vec<Def>,
    uses: &mut Vec<Use>,
) {
    let mut own: Vec<Local> = Vec::new();
    for s in stmts {
        match &s.kind {
            AgreementStmt::Support(block) => {
                for t in &block.stmts {
                    if let SupportStmt::Target(x) = &t.kind {
                        own.push((x.kind.keyword(), x.id.value.clone(), x.id.span));
                    }
                }
            }
            AgreementStmt::Objective(o) => {
                if let (ObjectiveKind::Outcome, Some(id)) = (o.kind, &o.id) {
                    own.push(("outcome", id.value.clone(), id.span));
                }
            }
            _ => {}
        }
    }
    let seen: Vec<Local> = own.iter().chain(outer).cloned().collect();
    for s in stmts {
        match &s.kind {
            AgreementStmt::Penalty(p) => {
                let (kind, id) = match &p.on.value {
                    PenaltyOn::Outcome(i) => ("outcome", i),
                    PenaltyOn::Incident(i, _) => ("incident", i),
                    PenaltyOn::Request(i, _) => ("request", i),
                    PenaltyOn::Update(k, i) => (k.keyword(), i),
                    PenaltyOn::Availability | PenaltyOn::Latency => continue,
                };
                if let Some((_, _, at)) = seen.iter().find(|(k, n, _)| *k == kind && *n == id.value)
                {
                    uses.push(Use {
                        at: id.span,
                        def: *at,
                    });
                }
            }
            AgreementStmt::Region(r) => local(&r.body.stmts, &seen, defs, uses),
            _ => {}
        }
    }
    defs.extend(own.into_iter().map(|(kind, name, name_span)| Def {
        name,
        kind,
        title: None,
        name_span,
        global: false,
    }));
}

/// The references among a file's own ids (penalties to their targets and outcomes).
pub(crate) fn local_uses(tree: &ast::File) -> Vec<Use> {
    let (mut defs, mut uses) = (Vec::new(), Vec::new());
    for stmts in bodies(tree) {
        local(stmts, &[], &mut defs, &mut uses);
    }
    uses
}

fn regions(stmts: &[ast::Stmt<AgreementStmt>]) -> Vec<Def> {
    stmts
        .iter()
        .filter_map(|s| match &s.kind {
            AgreementStmt::Region(r) => Some(def(&r.name, "region", r.title.as_ref(), false)),
            _ => None,
        })
        .collect()
}

fn def(name: &ast::Ident, kind: &'static str, title: Option<&ast::Str>, global: bool) -> Def {
    Def {
        name: name.value.clone(),
        kind,
        title: title.map(|t| t.value.clone()),
        name_span: name.span,
        global,
    }
}

fn contains(span: Span, file: FileId, offset: usize) -> bool {
    span.file == file && (span.start as usize) <= offset && offset <= span.end as usize
}

impl Analysis {
    /// Every definition of the portfolio, file by file.
    pub(crate) fn all_defs(&self) -> Vec<Def> {
        self.trees.iter().flatten().flat_map(defs).collect()
    }

    /// The references the resolver bound and those among each file's own ids.
    fn all_uses(&self) -> Vec<Use> {
        let mut out = self.uses.clone();
        out.extend(self.trees.iter().flatten().flat_map(local_uses));
        out
    }

    /// The name at an offset: the identifier characters around it.
    pub(crate) fn word_at(&self, file: FileId, offset: usize) -> Option<(String, Span)> {
        let text = &self.sources.get(file).text;
        let offset = offset.min(text.len());
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        let start = text[..offset]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word(c))
            .last()
            .map_or(offset, |(i, _)| i);
        let end = text[offset..]
            .char_indices()
            .find(|&(_, c)| !is_word(c))
            .map_or(text.len(), |(i, _)| offset + i);
        let word = text[start..end].trim_matches('-');
        (!word.is_empty()).then(|| (word.to_string(), Span::new(file, start, end)))
    }

    /// The definition a position names: a bound reference's item, a definition's own
    /// name, else (the resolver did not run: a syntax error somewhere) the item of that
    /// name.
    pub(crate) fn definition_at(&self, file: FileId, offset: usize) -> Option<Def> {
        let defs = self.all_defs();
        let uses = self.all_uses();
        if let Some(u) = uses.iter().find(|u| contains(u.at, file, offset)) {
            return defs.into_iter().find(|d| d.name_span == u.def);
        }
        if let Some(d) = defs.iter().find(|d| contains(d.name_span, file, offset)) {
            return Some(d.clone());
        }
        let (word, _) = self.word_at(file, offset)?;
        defs.into_iter().find(|d| d.global && d.name == word)
    }

    /// Where a definition's name is used, in file order; the definition first when asked.
    pub(crate) fn references(&self, def: &Def, declaration: bool) -> Vec<Span> {
        let mut out: Vec<Span> = self
            .all_uses()
            .iter()
            .filter(|u| u.def == def.name_span)
            .map(|u| u.at)
            .collect();
        out.sort_unstable();
        out.dedup();
        if declaration {
            out.insert(0, def.name_span);
        }
        out
    }
}
