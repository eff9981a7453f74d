//! The index's dependency graph (docs/documents.md): no edge passes under a box, titles
//! wrap instead of being cut, and a list says the same as the drawing.

use crate::common::{human, load, today};
use slac::emit::view::{folders, index::index};
use slac::model::Portfolio;
use slac::source::SourceMap;
use std::path::PathBuf;

fn checked(sources: &SourceMap) -> Portfolio {
    let c = slac::compile::check(sources, &slac::compile::Options { today: today() });
    assert!(
        c.diagnostics.is_empty(),
        "{}",
        human(&c.diagnostics, sources)
    );
    c.portfolio.expect("a portfolio")
}

/// Whether the segment (a, b) meets the inside of the rectangle (x0, y0)–(x1, y1):
/// Liang–Barsky clipping against the open rectangle.
fn crosses(a: (i64, i64), b: (i64, i64), r: (i64, i64, i64, i64)) -> bool {
    let (x0, y0, x1, y1) = (r.0 as f64, r.1 as f64, r.2 as f64, r.3 as f64);
    let (ax, ay) = (a.0 as f64, a.1 as f64);
    let (dx, dy) = (b.0 as f64 - ax, b.1 as f64 - ay);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// Asserts the layout's properties; returns how many edges skip a layer (and so pass
/// through a slot).
fn assert_no_edge_under_a_box(p: &Portfolio, what: &str) -> usize {
    let internal = &folders(p)[0];
    let g = index(p, today(), internal)
        .graph
        .expect("the internal index has a graph");
    assert!(!g.edges.is_empty(), "{what}: no edges to test");
    for (e, edge) in g.edges.iter().enumerate() {
        for w in edge.points.windows(2) {
            for node in &g.nodes {
                let r = (node.x, node.y, node.x + g.node_w, node.y + node.h);
                assert!(
                    !crosses(w[0], w[1], r),
                    "{what}: edge {e} {:?} passes under `{}` {r:?}",
                    edge.points,
                    node.name
                );
            }
        }
    }
    for node in &g.nodes {
        let shown: Vec<&str> = node.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            shown.join(" "),
            node.title.split_whitespace().collect::<Vec<_>>().join(" "),
            "{what}: the whole title"
        );
        assert!(node.x >= 0 && node.x + g.node_w <= g.width && node.y + node.h <= g.height);
    }
    let deps = p
        .services
        .iter()
        .filter(|s| !s.depends_on.is_empty())
        .count();
    assert_eq!(
        g.text.len(),
        deps,
        "{what}: one sentence per dependent service"
    );
    g.edges.iter().filter(|e| e.points.len() > 2).count()
}

#[test]
fn no_edge_passes_under_a_box_in_the_examples() {
    let mut long = 0;
    for example in ["examples/acme", "examples/initech"] {
        let p = checked(&load(&[PathBuf::from(example)]));
        long += assert_no_edge_under_a_box(&p, example);
    }
    assert!(long > 0, "an edge that skips a layer is tested");
}

#[test]
fn no_edge_passes_under_a_box_in_a_synthetic_portfolio() {
    let mut long = 0;
    for services in [12, 60, 200] {
        let mut map = SourceMap::new();
        for f in slac::synth::supported_portfolio(services) {
            map.add(f.name.clone(), &f.name, f.text);
        }
        long += assert_no_edge_under_a_box(&checked(&map), &format!("synth {services}"));
    }
    assert!(long > 0, "edges that skip a layer are tested");
}

#[test]
fn the_index_lists_the_dependencies_under_the_drawing() {
    let p = checked(&load(&[PathBuf::from("examples/acme")]));
    let g = index(&p, today(), &folders(&p)[0]).graph.expect("graph");
    assert!(
        g.text
            .iter()
            .any(|t| t.starts_with("Checkout API depends on Payments database")),
        "{:?}",
        g.text
    );
}
