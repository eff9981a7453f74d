//! E0204 and E0205: cycles in `depends_on` and `extends`, each reported once with its
//! path (`a → b → c → a`) and a label on every edge.

use super::portfolio::{Dependency, Portfolio};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

/// E0204: cycles in `depends_on`, each reported once with its path.
pub(super) fn dependency_cycles(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    let edges: Vec<Vec<(usize, Span)>> = p
        .services
        .iter()
        .map(|s| {
            s.depends_on
                .iter()
                .flat_map(Dependency::members)
                .map(|r| (r.value.index, r.span))
                .collect()
        })
        .collect();
    for cycle in find_cycles(&edges) {
        let names: Vec<&str> = cycle
            .iter()
            .map(|(i, _)| p.services[*i].name.as_str())
            .collect();
        let path = format!("{} → {}", names.join(" → "), names[0]);
        let (first, first_span) = cycle[cycle.len() - 1];
        let mut d = Diagnostic::new(
            Code::E0204,
            first_span,
            if names.len() == 1 {
                format!("service `{}` depends on itself: {path}", names[0])
            } else {
                format!("services depend on each other in a cycle: {path}")
            },
        )
        .primary(format!("`{}` depends on `{}` here", p.services[first].name, names[0]))
        .help("a service cannot need itself, directly or through others; remove one of these dependencies");
        for (i, (svc, span)) in cycle.iter().enumerate().take(cycle.len() - 1) {
            let next = names[i + 1];
            d = d.label(
                *span,
                format!("`{}` depends on `{next}`", p.services[*svc].name),
            );
        }
        diags.push(d);
    }
}

/// E0205: cycles in `extends`.
pub(super) fn extends_cycles(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    let edges: Vec<Vec<(usize, Span)>> = p
        .agreements
        .iter()
        .map(|a| a.extends.iter().map(|r| (r.value.index, r.span)).collect())
        .collect();
    for cycle in find_cycles(&edges) {
        let names: Vec<&str> = cycle
            .iter()
            .map(|(i, _)| p.agreements[*i].name.as_str())
            .collect();
        let path = format!("{} → {}", names.join(" → "), names[0]);
        let (last, span) = cycle[cycle.len() - 1];
        let mut d = Diagnostic::new(
            Code::E0205,
            span,
            if names.len() == 1 {
                format!("agreement `{}` extends itself: {path}", names[0])
            } else {
                format!("agreements extend each other in a cycle: {path}")
            },
        )
        .primary(format!(
            "`{}` extends `{}` here",
            p.agreements[last].name, names[0]
        ))
        .help("inheritance must end at an agreement that extends nothing; remove one `extends`");
        for (i, (a, s)) in cycle.iter().enumerate().take(cycle.len() - 1) {
            d = d.label(
                *s,
                format!("`{}` extends `{}`", p.agreements[*a].name, names[i + 1]),
            );
        }
        diags.push(d);
    }
}

/// Elementary cycles found by depth-first search, each reported once: as the list of
/// (node, span of the edge to the next node), starting at its smallest node.
fn find_cycles(edges: &[Vec<(usize, Span)>]) -> Vec<Vec<(usize, Span)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Active,
        Done,
    }
    let n = edges.len();
    let mut state = vec![State::New; n];
    let mut cycles: Vec<Vec<(usize, Span)>> = Vec::new();
    for root in 0..n {
        if state[root] != State::New {
            continue;
        }
        // Iterative DFS: (node, next edge index); `path` holds the edges taken.
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        let mut path: Vec<(usize, Span)> = Vec::new();
        state[root] = State::Active;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&(to, span)) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    State::New => {
                        path.push((node, span));
                        state[to] = State::Active;
                        stack.push((to, 0));
                    }
                    State::Active => {
                        let mut cycle: Vec<(usize, Span)> =
                            path.iter().skip_while(|(x, _)| *x != to).copied().collect();
                        cycle.push((node, span));
                        let start = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, (x, _))| *x)
                            .map_or(0, |(i, _)| i);
                        cycle.rotate_left(start);
                        if !cycles.iter().any(|c| same_cycle(c, &cycle)) {
                            cycles.push(cycle);
                        }
                    }
                    State::Done => {}
                }
            } else {
                state[node] = State::Done;
                stack.pop();
                path.pop();
            }
        }
    }
    cycles
}

fn same_cycle(a: &[(usize, Span)], b: &[(usize, Span)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0)
}
