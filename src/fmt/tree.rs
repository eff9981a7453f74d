//! The shape the formatter needs from the syntax tree: statement spans and their blocks.

use crate::source::Span;
use crate::syntax::ast::{
    AgreementStmt, Block, File, Item, ObjectiveStmt, Stmt, SupportStmt, SupportTarget, TargetStmt,
};

/// A statement (or item): its span and, when it ends with a `{ … }` block, the block's
/// span and the statements inside.
pub(super) struct Node {
    pub span: Span,
    pub block: Option<(Span, Vec<Node>)>,
    /// Print the block on one line (`incident p1 { response 15m resolve 4h }`) unless a
    /// comment is inside.
    pub compact: bool,
}

impl Node {
    fn leaf(span: Span) -> Node {
        Node {
            span,
            block: None,
            compact: false,
        }
    }

    fn with(span: Span, block: Span, children: Vec<Node>) -> Node {
        Node {
            span,
            block: Some((block, children)),
            compact: false,
        }
    }
}

fn leaves<S>(block: &Block<Stmt<S>>) -> Vec<Node> {
    block.stmts.iter().map(|s| Node::leaf(s.span)).collect()
}

pub(super) fn items(file: &File) -> Vec<Node> {
    file.items.iter().map(item).collect()
}

fn item(item: &Item) -> Node {
    match item {
        Item::Party(p) => match &p.body {
            Some(b) => Node::with(p.span, b.span, leaves(b)),
            None => Node::leaf(p.span),
        },
        Item::Service(s) => match &s.body {
            Some(b) => Node::with(s.span, b.span, leaves(b)),
            None => Node::leaf(s.span),
        },
        Item::Calendar(c) => Node::with(c.span, c.body.span, leaves(&c.body)),
        Item::Agreement(a) => Node::with(a.span, a.body.span, agreement(&a.body)),
        Item::Catalogue(c) => {
            // The description and packages, in source order.
            let mut children: Vec<(Span, Node)> = c
                .packages
                .iter()
                .map(|p| (p.span, Node::with(p.span, p.body.span, agreement(&p.body))))
                .collect();
            if let Some(d) = &c.description {
                children.push((d.span, Node::leaf(d.span)));
            }
            children.sort_by_key(|(s, _)| s.start);
            Node::with(
                c.span,
                c.body,
                children.into_iter().map(|(_, n)| n).collect(),
            )
        }
    }
}

fn agreement(block: &Block<Stmt<AgreementStmt>>) -> Vec<Node> {
    block.stmts.iter().map(agreement_stmt).collect()
}

fn agreement_stmt(s: &Stmt<AgreementStmt>) -> Node {
    match &s.kind {
        AgreementStmt::Objective(o) if !o.one_line => {
            let children = o
                .body
                .stmts
                .iter()
                .map(|st| match &st.kind {
                    ObjectiveStmt::Indicator(i) => {
                        Node::with(st.span, i.body.span, leaves(&i.body))
                    }
                    ObjectiveStmt::Downtime(b) => Node::with(st.span, b.span, leaves(b)),
                    _ => Node::leaf(st.span),
                })
                .collect();
            Node::with(s.span, o.body.span, children)
        }
        AgreementStmt::Support(b) => {
            let children = b
                .stmts
                .iter()
                .map(|st| match &st.kind {
                    SupportStmt::Target(t) => target(st.span, t),
                    SupportStmt::During(_) => Node::leaf(st.span),
                    SupportStmt::Escalation(e) => Node::with(st.span, e.span, leaves(e)),
                })
                .collect();
            Node::with(s.span, b.span, children)
        }
        AgreementStmt::Maintenance(b) => Node::with(s.span, b.span, leaves(b)),
        AgreementStmt::Claims(b) => Node::with(s.span, b.span, leaves(b)),
        AgreementStmt::Penalty(p) => Node::with(s.span, p.body.span, leaves(&p.body)),
        AgreementStmt::Region(r) => Node::with(s.span, r.body.span, agreement(&r.body)),
        AgreementStmt::History(b) => Node::with(s.span, b.span, leaves(b)),
        _ => Node::leaf(s.span),
    }
}

/// A support target: on one line (`incident p1 { response 15m resolve 4h }`), unless it
/// holds an `escalation`, whose stages go one to a line.
fn target(span: Span, t: &SupportTarget) -> Node {
    let mut stages = false;
    let children = t
        .body
        .stmts
        .iter()
        .map(|st| match &st.kind {
            TargetStmt::Escalation(e) => {
                stages = true;
                Node::with(st.span, e.span, leaves(e))
            }
            _ => Node::leaf(st.span),
        })
        .collect();
    Node {
        compact: !stages,
        ..Node::with(span, t.body.span, children)
    }
}
