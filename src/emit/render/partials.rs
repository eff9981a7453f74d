//! Partials that include each other: found before anything renders.
//!
//! handlebars refuses a template that includes itself, but not two that include each
//! other, and rendering them recurses until the stack overflows (the process aborts).
//! Templates from `--templates` can do that, so every registered template and every inline
//! partial (`{{#*inline "name"}}`) is a node, every `{{> name}}` and `{{#> name}}` an edge,
//! and a cycle is an error that names it. The same walk bounds how deep rendering can
//! nest: blocks inside blocks, plus the partials they include, at most [`MAX_DEPTH`]
//! levels. A partial whose name is computed (`{{> (lookup …)}}`) cannot be followed, so
//! it is refused. Every walk here uses its own stack, never recursion.

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::Handlebars;
use std::collections::BTreeMap;

/// Nesting of blocks and partials a document may reach while rendering.
pub(super) const MAX_DEPTH: usize = 64;
/// Partials one template may render, counted through every include but not through
/// loops over the data: a few partials that each include the next twice would
/// otherwise double the output at every level.
pub(super) const MAX_INCLUDES: u64 = 100_000;

/// A template or an inline partial: how deep its own blocks nest, and the partials it
/// includes with the nesting level they are included at.
#[derive(Default)]
struct Node {
    what: String,
    depth: usize,
    includes: Vec<(String, usize)>,
    /// Reads a list of the index item by item (`{{#list "…"}}`).
    lists: bool,
}

/// `templates`: internal name → where it came from (for messages). Also says whether any
/// of them reads a list item by item (`{{#list "…"}}`), which decides the data the index
/// is given (docs/documents.md).
pub(super) fn check(
    registry: &Handlebars<'_>,
    templates: &[(&'static str, String)],
) -> Result<bool, String> {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for (name, origin) in templates {
        if let Some(t) = registry.get_template(name) {
            walk(t, name, &format!("template `{origin}`"), &mut nodes)?;
        }
    }
    let names: Vec<&String> = nodes.keys().collect();
    let index = |n: &str| names.binary_search_by(|x| x.as_str().cmp(n)).ok();
    // Depth-first over the include graph, iteratively: 0 unvisited, 1 on the path,
    // 2 done (with its full depth known).
    let mut state = vec![0_u8; names.len()];
    let mut full = vec![0_usize; names.len()];
    let mut count = vec![1_u64; names.len()];
    let edges: Vec<Vec<(usize, usize)>> = names
        .iter()
        .map(|n| {
            nodes[*n]
                .includes
                .iter()
                .filter_map(|(to, level)| Some((index(to)?, *level)))
                .collect()
        })
        .collect();
    for root in 0..names.len() {
        if state[root] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&(to, _)) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        path.push((to, 0));
                    }
                    1 => {
                        let start = path.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let cycle: Vec<&str> = path[start..]
                            .iter()
                            .map(|&(n, _)| nodes[names[n]].what.as_str())
                            .chain([nodes[names[to]].what.as_str()])
                            .collect();
                        return Err(format!(
                            "partials include each other in a cycle, which would never end: {}",
                            cycle.join(" → ")
                        ));
                    }
                    _ => {}
                }
            } else {
                let own = nodes[names[node]].depth;
                full[node] = edges[node]
                    .iter()
                    .map(|&(to, level)| level + 1 + full[to])
                    .fold(own, usize::max);
                count[node] = edges[node]
                    .iter()
                    .fold(1, |sum: u64, &(to, _)| sum.saturating_add(count[to]));
                if count[node] > MAX_INCLUDES {
                    return Err(format!(
                        "{} renders {} partials or more through its includes; at most {MAX_INCLUDES} are allowed",
                        nodes[names[node]].what, count[node]
                    ));
                }
                if full[node] > MAX_DEPTH {
                    return Err(format!(
                        "{} nests blocks and partials {} levels deep; at most {MAX_DEPTH} are allowed",
                        nodes[names[node]].what, full[node]
                    ));
                }
                state[node] = 2;
                path.pop();
            }
        }
    }
    Ok(nodes.values().any(|n| n.lists))
}

/// Records `t` as node `name`, and each inline partial it defines as a node of its own.
fn walk(
    t: &Template,
    name: &str,
    what: &str,
    nodes: &mut BTreeMap<String, Node>,
) -> Result<(), String> {
    let mut pending: Vec<(&Template, String, String)> =
        vec![(t, name.to_string(), what.to_string())];
    while let Some((t, name, what)) = pending.pop() {
        let mut node = Node {
            what: what.clone(),
            ..Node::default()
        };
        let mut stack: Vec<(&Template, usize)> = vec![(t, 0)];
        while let Some((t, level)) = stack.pop() {
            node.depth = node.depth.max(level);
            if level > MAX_DEPTH {
                return Err(format!(
                    "{what} nests blocks more than {MAX_DEPTH} levels deep"
                ));
            }
            for e in &t.elements {
                match e {
                    TemplateElement::HelperBlock(h) => {
                        node.lists |= matches!(&h.name, Parameter::Name(n) if n == "list");
                        stack.extend(h.template.iter().chain(&h.inverse).map(|t| (t, level + 1)));
                    }
                    TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                        let Some(target) = static_name(&d.name) else {
                            return Err(format!(
                                "{what} includes a partial whose name is computed; only named partials (`{{{{> name}}}}`) can be checked for cycles"
                            ));
                        };
                        if target != "@partial-block" {
                            node.includes.push((target, level));
                        }
                        // The block's content renders inside the partial, on our behalf.
                        stack.extend(d.template.iter().map(|t| (t, level + 1)));
                    }
                    TemplateElement::DecoratorBlock(d) => {
                        let inline = matches!(&d.name, Parameter::Name(n) if n == "inline");
                        match (&d.template, inline) {
                            (Some(body), true) => {
                                let Some(inner) = d.params.first().and_then(static_name) else {
                                    return Err(format!(
                                        "{what} defines an inline partial whose name is computed"
                                    ));
                                };
                                pending.push((
                                    body,
                                    inner.clone(),
                                    format!("inline partial `{inner}`"),
                                ));
                            }
                            (Some(body), false) => stack.push((body, level + 1)),
                            (None, _) => {}
                        }
                    }
                    _ => {}
                }
            }
        }
        // An inline partial may share its name with a template: one node, every edge.
        let slot = nodes.entry(name).or_default();
        if slot.what.is_empty() {
            slot.what = node.what;
        }
        slot.depth = slot.depth.max(node.depth);
        slot.lists |= node.lists;
        slot.includes.extend(node.includes);
    }
    Ok(())
}

/// The partial a name parameter stands for, as handlebars reads it, unless computed.
fn static_name(p: &Parameter) -> Option<String> {
    match p {
        Parameter::Literal(handlebars::JsonValue::String(s)) => Some(s.clone()),
        Parameter::Literal(v) => Some(v.to_string()),
        Parameter::Subexpression(_) => None,
        _ => p.as_name().map(str::to_string),
    }
}
