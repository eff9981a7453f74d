//! The outline of a file (`textDocument/documentSymbol`): its items, with their
//! packages, regions, objectives and support targets inside.

use super::position::Text;
use crate::source::Span;
use crate::syntax::ast::{self, AgreementStmt, SupportStmt};
use lsp_types::{DocumentSymbol, SymbolKind};

pub(crate) fn outline(tree: &ast::File, text: &Text<'_>) -> Vec<DocumentSymbol> {
    tree.items
        .iter()
        .map(|item| {
            let (kind, detail, children) = match item {
                ast::Item::Party(p) => (SymbolKind::OBJECT, p.kind.keyword(), Vec::new()),
                ast::Item::Calendar(_) => (SymbolKind::EVENT, "calendar", Vec::new()),
                ast::Item::Service(_) => (SymbolKind::INTERFACE, "service", Vec::new()),
                ast::Item::Agreement(a) => (
                    SymbolKind::CLASS,
                    a.kind.keyword(),
                    statements(&a.body.stmts, text),
                ),
                ast::Item::Catalogue(c) => (
                    SymbolKind::PACKAGE,
                    "catalogue",
                    c.packages
                        .iter()
                        .map(|p| {
                            let inner = statements(&p.body.stmts, text);
                            symbol(&p.name, "package", SymbolKind::MODULE, p.span, inner, text)
                        })
                        .collect(),
                ),
            };
            symbol(item.name(), detail, kind, item.span(), children, text)
        })
        .collect()
}

/// An agreement body's regions, objectives and support targets.
fn statements(stmts: &[ast::Stmt<AgreementStmt>], text: &Text<'_>) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for s in stmts {
        match &s.kind {
            AgreementStmt::Region(r) => {
                let inner = statements(&r.body.stmts, text);
                out.push(symbol(
                    &r.name,
                    "region",
                    SymbolKind::NAMESPACE,
                    s.span,
                    inner,
                    text,
                ));
            }
            AgreementStmt::Objective(o) => {
                let name = o
                    .id
                    .clone()
                    .unwrap_or_else(|| ast::Ident::new(o.kind.keyword().to_string(), s.keyword));
                out.push(symbol(
                    &name,
                    o.kind.keyword(),
                    SymbolKind::PROPERTY,
                    s.span,
                    Vec::new(),
                    text,
                ));
            }
            AgreementStmt::Support(block) => {
                for t in &block.stmts {
                    if let SupportStmt::Target(target) = &t.kind {
                        out.push(symbol(
                            &target.id,
                            target.kind.keyword(),
                            SymbolKind::FIELD,
                            t.span,
                            Vec::new(),
                            text,
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn symbol(
    name: &ast::Ident,
    detail: &str,
    kind: SymbolKind,
    span: Span,
    children: Vec<DocumentSymbol>,
    text: &Text<'_>,
) -> DocumentSymbol {
    // The selection must lie inside the range; a lowered statement's span may not hold it.
    let span = span.merge(name.span);
    #[allow(deprecated)] // `deprecated` is a field every client still reads
    DocumentSymbol {
        name: name.value.clone(),
        detail: Some(detail.to_string()),
        kind,
        tags: None,
        deprecated: None,
        range: text.range(span),
        selection_range: text.range(name.span),
        children: (!children.is_empty()).then_some(children),
    }
}
