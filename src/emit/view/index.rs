//! The portfolio index: every agreement with its documents, the service dependency graph
//! laid out in layers, and for each SLA the most credit it can cost in a month against
//! what the underpinning contracts behind it would pay back.

use super::document::Named;
use super::format::{amount, money, percent};
use super::{kind_short, stem, validity, Audience, Folder};
use crate::model::supporters::{coverage_index, supporters};
use crate::model::{AgreementKind, Credit, Dependency, Money, Portfolio, Terms};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Serialize)]
pub struct Index {
    /// "Service level portfolio", or for a customer "Service level agreements for Globex
    /// Corporation".
    pub heading: String,
    pub today: String,
    pub agreements: Vec<Row>,
    /// The service dependency graph: internal only.
    pub graph: Option<Graph>,
    pub exposure: Vec<Exposure>,
    /// Whether the folder has a catalogue page (`catalogue.html`) to link to.
    pub catalogue: bool,
    /// The contract register beside `html/` (`internal/register.html`): internal only.
    pub register: Option<&'static str>,
}

#[derive(Serialize)]
pub struct Row {
    pub name: String,
    pub title: String,
    pub kind: &'static str,
    pub level: String,
    pub provider: String,
    pub customer: String,
    pub validity: String,
    pub documents: Vec<Named>,
}

#[derive(Serialize)]
pub struct Exposure {
    pub name: String,
    pub title: String,
    /// The most this SLA can credit in one month.
    pub most: String,
    pub ucs: Vec<UcCredit>,
    pub has_ucs: bool,
}

/// An underpinning contract behind an SLA and the most it pays back in a month.
#[derive(Serialize)]
pub struct UcCredit {
    pub name: String,
    pub title: String,
    pub most: String,
}

/// Nodes and edges with coordinates already computed; the template only draws.
#[derive(Serialize)]
pub struct Graph {
    pub node_w: i64,
    pub width: i64,
    pub height: i64,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// The text alternative: "Checkout API depends on Payments database.", one per service
    /// that depends on another, in portfolio order.
    pub text: Vec<String>,
}

#[derive(Serialize)]
pub struct Node {
    pub name: String,
    pub title: String,
    pub x: i64,
    pub y: i64,
    /// The box's height: every box of a layer is as tall as its longest title needs.
    pub h: i64,
    /// The title wrapped to the box, one line each (never cut).
    pub lines: Vec<TextLine>,
}

/// One line of a wrapped title, centred at (`x`, `y`).
#[derive(Serialize)]
pub struct TextLine {
    pub text: String,
    pub x: i64,
    pub y: i64,
}

#[derive(Serialize)]
pub struct Edge {
    /// From the bottom of the service to the top of what it needs, through a free slot of
    /// every layer in between: each segment lies between two layers or in a slot no box
    /// takes, so no edge passes under a box.
    pub points: Vec<(i64, i64)>,
    /// `points` as SVG writes them: `x,y x,y …`.
    pub path: String,
    /// A member of an `any_of` group: one of them is enough.
    pub redundant: bool,
}

pub const NODE_W: i64 = 210;
/// The width of the slot an edge takes through a layer it crosses.
const SLOT_W: i64 = 14;
const LINE_H: i64 = 15;
const PAD_Y: i64 = 10;
/// Characters per line of a title inside a box (12 px type in 210 px).
const WRAP: usize = 28;
const GAP_X: i64 = 24;
const GAP_Y: i64 = 56;
const MARGIN: i64 = 12;

/// The index of one folder with its long lists made one item at a time: what a page of
/// every agreement and every service needs in memory is its small fields and the graph's
/// coordinates, not every row at once (docs/documents.md, "The index's lists").
pub struct Page<'a> {
    p: &'a Portfolio,
    today: NaiveDate,
    heading: String,
    today_text: String,
    catalogue: bool,
    register: Option<&'static str>,
    /// The folder's agreements, by index into the portfolio.
    rows: Vec<usize>,
    /// The dependency graph's coordinates (internal only); its words are made per item.
    graph: Option<Layout>,
    /// The service-level SLAs whose exposure the page shows (internal only).
    exposure: Vec<usize>,
    /// Who covers each service: built once per page that shows exposure.
    coverage: Vec<Vec<usize>>,
}

/// The lists of the index, by the name a template gives them.
pub const LISTS: [&str; 5] = [
    "agreements",
    "graph.nodes",
    "graph.edges",
    "graph.text",
    "exposure",
];

/// The index's small fields, with the length of each list where the whole [`Index`] has the
/// list: what a template that reads the lists item by item (`{{#list}}`) is given.
#[derive(Serialize)]
pub struct Head<'a> {
    pub heading: &'a str,
    pub today: &'a str,
    pub agreements: usize,
    pub graph: Option<GraphHead>,
    pub exposure: usize,
    pub catalogue: bool,
    pub register: Option<&'static str>,
}

#[derive(Serialize)]
pub struct GraphHead {
    pub node_w: i64,
    pub width: i64,
    pub height: i64,
    pub nodes: usize,
    pub edges: usize,
    pub text: usize,
}

/// One item of a list, ready for a template.
#[derive(Serialize)]
#[serde(untagged)]
pub enum ListItem {
    Row(Row),
    Node(Node),
    Edge(Edge),
    Text(String),
    Exposure(Exposure),
}

impl<'a> Page<'a> {
    pub fn new(p: &'a Portfolio, today: NaiveDate, folder: &Folder) -> Page<'a> {
        let internal = folder.audience == Audience::Internal;
        // Only the provider's index shows exposure: a customer's index (one per customer)
        // neither builds the coverage index nor walks every agreement.
        let (coverage, exposure) = if internal {
            let exposure = p
                .agreements
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    a.kind == AgreementKind::Sla && a.level == crate::model::Level::Service
                })
                .map(|(x, _)| x)
                .collect();
            (coverage_index(p), exposure)
        } else {
            (Vec::new(), Vec::new())
        };
        Page {
            p,
            today,
            heading: match &folder.customer {
                Some(c) => format!("Service level agreements for {}", p.parties[*c].title),
                None => "Service level portfolio".into(),
            },
            today_text: super::format::date(today),
            catalogue: !p.catalogues.is_empty(),
            register: internal.then_some("../register.html"),
            rows: folder.agreements.clone(),
            graph: internal.then(|| layout(p)),
            exposure,
            coverage,
        }
    }

    pub fn head(&self) -> Head<'_> {
        Head {
            heading: &self.heading,
            today: &self.today_text,
            agreements: self.rows.len(),
            graph: self.graph.as_ref().map(|g| GraphHead {
                node_w: NODE_W,
                width: g.width,
                height: g.height,
                nodes: g.nodes(),
                edges: g.edge_count(),
                text: g.sentences(),
            }),
            exposure: self.exposure.len(),
            catalogue: self.catalogue,
            register: self.register,
        }
    }

    /// How many items list `name` has; `None` for a name that is not a list of the index.
    pub fn len(&self, name: &str) -> Option<usize> {
        let graph = |f: fn(&Layout) -> usize| self.graph.as_ref().map_or(0, f);
        Some(match name {
            "agreements" => self.rows.len(),
            "graph.nodes" => graph(Layout::nodes),
            "graph.edges" => graph(Layout::edge_count),
            "graph.text" => graph(Layout::sentences),
            "exposure" => self.exposure.len(),
            _ => return None,
        })
    }

    /// Item `i` of list `name` (both as [`Page::len`] knows them).
    pub fn item(&self, name: &str, i: usize) -> Option<ListItem> {
        let g = self.graph.as_ref();
        Some(match name {
            "agreements" => ListItem::Row(self.row(*self.rows.get(i)?)),
            "graph.nodes" => ListItem::Node(g?.node(self.p, i)?),
            "graph.edges" => ListItem::Edge(g?.edge(i)?),
            "graph.text" => ListItem::Text(g?.text(self.p, i)?),
            "exposure" => ListItem::Exposure(self.exposure_of(*self.exposure.get(i)?)),
            _ => return None,
        })
    }

    fn row(&self, x: usize) -> Row {
        let p = self.p;
        let a = &p.agreements[x];
        let party = |r: Option<&crate::source::Sp<crate::model::Ref>>| {
            r.map_or_else(|| "–".into(), |r| p.parties[r.value.index].title.clone())
        };
        Row {
            name: a.name.clone(),
            title: a.title.clone(),
            kind: kind_short(a.kind),
            level: if a.kind == AgreementKind::Sla {
                a.level.keyword().into()
            } else {
                String::new()
            },
            provider: party(a.terms.provider.as_ref()),
            customer: party(a.terms.customer.as_ref()),
            validity: validity(&a.terms),
            documents: a
                .variants()
                .map(|(v, _)| Named {
                    name: stem(a, v.map(|v| v.name.as_str())),
                    title: v.map_or_else(|| "contract".into(), |v| v.title.clone()),
                })
                .collect(),
        }
    }

    fn exposure_of(&self, x: usize) -> Exposure {
        let p = self.p;
        let a = &p.agreements[x];
        let ucs: Vec<UcCredit> = supporters(p, &self.coverage, x, &a.terms, None, self.today)
            .into_iter()
            .filter(|s| s.agreement.kind == AgreementKind::Uc)
            .map(|s| UcCredit {
                name: s.agreement.name.clone(),
                title: s.agreement.title.clone(),
                most: most_credit(s.terms),
            })
            .collect();
        Exposure {
            name: a.name.clone(),
            title: a.title.clone(),
            most: most_credit(&a.terms),
            has_ucs: !ucs.is_empty(),
            ucs,
        }
    }

    /// The whole index at once, every list filled: what a template that reads the lists
    /// as arrays (`{{#each agreements}}`) is given.
    pub fn into_index(self) -> Index {
        let agreements = self.rows.iter().map(|&x| self.row(x)).collect();
        let exposure = self.exposure.iter().map(|&x| self.exposure_of(x)).collect();
        Index {
            heading: self.heading,
            today: self.today_text,
            agreements,
            graph: self.graph.as_ref().map(|g| g.graph(self.p)),
            exposure,
            catalogue: self.catalogue,
            register: self.register,
        }
    }
}

/// The whole index of a folder (every list filled).
pub fn index(p: &Portfolio, today: NaiveDate, folder: &Folder) -> Index {
    Page::new(p, today, folder).into_index()
}

/// The largest credit of every penalty added up (a tiered penalty pays one tier; `each
/// breach` has no upper bound of its own), then limited by `cap`. Percentages become
/// money when there is a fee.
pub fn most_credit(t: &Terms) -> String {
    // Credits are counted per reporting period, a percentage of that period's fee.
    let period = crate::model::periods::reporting_period(t);
    let text = most_credit_in(t, period);
    if t.penalties.is_empty() || text.starts_with("unlimited") {
        text
    } else {
        format!("{text} per {}", period.word())
    }
}

fn most_credit_in(t: &Terms, period: crate::model::periods::PeriodKind) -> String {
    let fee = t
        .fee
        .as_ref()
        .and_then(|f| crate::model::periods::fee_for(&f.value, period));
    let fee = fee.as_ref();
    let mut pct = Decimal::ZERO;
    let mut amounts: std::collections::BTreeMap<String, Decimal> =
        std::collections::BTreeMap::new();
    let mut unbounded = false;
    for pen in &t.penalties {
        if pen.each_breach.is_some() {
            unbounded = true;
        }
        let largest = pen
            .tiers
            .iter()
            .map(|t| &t.credit.value)
            .max_by(|a, b| value(a).cmp(&value(b)));
        match largest {
            Some(Credit::Percent(p)) => pct += p,
            Some(Credit::Amount(m)) => *amounts.entry(m.currency.clone()).or_default() += m.amount,
            // N times the fees for the downtime: bounded only by the cap.
            Some(Credit::Proportional(_)) => unbounded = true,
            None => {}
        }
    }
    if t.penalties.is_empty() {
        return "no service credits".into();
    }
    let cap = t.cap.as_ref().map(|c| c.value);
    if let Some(fee) = fee {
        if amounts.keys().all(|c| *c == fee.currency) {
            let total = fee.amount * pct / Decimal::ONE_HUNDRED
                + amounts.get(&fee.currency).copied().unwrap_or_default();
            return match cap {
                Some(c) => {
                    let limit = fee.amount * c / Decimal::ONE_HUNDRED;
                    if unbounded || total > limit {
                        format!(
                            "{} (the {} cap)",
                            money(&Money {
                                amount: limit,
                                currency: fee.currency.clone()
                            }),
                            percent(c)
                        )
                    } else {
                        money(&Money {
                            amount: total,
                            currency: fee.currency.clone(),
                        })
                    }
                }
                None if unbounded => "unlimited (credits per breach, no cap)".into(),
                None => money(&Money {
                    amount: total,
                    currency: fee.currency.clone(),
                }),
            };
        }
    }
    let mut parts = Vec::new();
    let pct = match cap {
        Some(c) if unbounded || pct > c => c,
        _ => pct,
    };
    if !pct.is_zero() || unbounded {
        parts.push(format!(
            "{} of the {} fee",
            percent(pct),
            period.adjective()
        ));
    }
    parts.extend(amounts.iter().map(|(c, a)| format!("{} {c}", amount(*a))));
    if unbounded && cap.is_none() {
        return "unlimited (credits per breach, no cap)".into();
    }
    parts.join(" + ")
}

/// Orders credits of one kind; amounts and percentages are never mixed in one penalty.
fn value(c: &Credit) -> Decimal {
    match c {
        Credit::Percent(p) | Credit::Proportional(p) => *p,
        Credit::Amount(m) => m.amount,
    }
}

/// The services that depend on each service (the graph's reverse edges), once.
fn dependents(p: &Portfolio) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); p.services.len()];
    for (q, svc) in p.services.iter().enumerate() {
        for d in svc.depends_on.iter().flat_map(Dependency::members) {
            out[d.value.index].push(q);
        }
    }
    // Deduplicated once at the end: a service many others need (a shared database) would
    // make a search before every push quadratic. Pushed in increasing `q`, so sorted.
    for list in &mut out {
        list.dedup();
    }
    out
}

/// The layer of a service: one below the deepest service that depends on it, so that
/// services nobody depends on (what customers buy) sit on top.
fn depth(up: &[Vec<usize>], s: usize, memo: &mut Vec<usize>, guard: usize) -> usize {
    if memo[s] != usize::MAX {
        return memo[s];
    }
    // The graph is acyclic (E0204); the guard only bounds the recursion against a bug.
    let v = if guard > up.len() {
        0
    } else {
        up[s]
            .iter()
            .map(|&q| depth(up, q, memo, guard + 1) + 1)
            .max()
            .unwrap_or(0)
    };
    memo[s] = v;
    v
}

/// One item of a layer: a service's box, or the slot of an edge passing through.
#[derive(Clone, Copy, PartialEq)]
enum Item {
    Service(usize),
    /// Edge `e` passing through this layer.
    Slot(usize),
}

/// A layered drawing: a service sits one layer below the deepest service that needs it,
/// so edges always point down; an edge that skips layers takes a slot of its own in each
/// layer it passes, so it never runs under a box. Inside a layer, items are ordered by
/// the mean position of what they hang from (one pass, ties by name), which keeps lines
/// short and the picture the same for the same input. Titles wrap; every box of a layer is
/// as tall as the layer's longest title needs.
pub fn layout(p: &Portfolio) -> Layout {
    let n = p.services.len();
    let up = dependents(p);
    let mut layer_of = vec![usize::MAX; n];
    for s in 0..n {
        depth(&up, s, &mut layer_of, 0);
    }
    let deepest = layer_of.iter().copied().max().unwrap_or(0);
    // Every edge: (from, to, redundant).
    let mut links: Vec<(usize, usize, bool)> = Vec::new();
    for (s, svc) in p.services.iter().enumerate() {
        for d in &svc.depends_on {
            let redundant = matches!(d, Dependency::AnyOf(_));
            for m in d.members() {
                links.push((s, m.value.index, redundant));
            }
        }
    }
    // The edge from a service to one it needs, by the pair.
    let edge_of: std::collections::HashMap<(usize, usize), usize> = links
        .iter()
        .enumerate()
        .map(|(e, l)| ((l.0, l.1), e))
        .collect();
    let mut layers: Vec<Vec<Item>> = vec![Vec::new(); deepest + 1];
    for s in 0..n {
        layers[layer_of[s]].push(Item::Service(s));
    }
    for (e, &(s, t, _)) in links.iter().enumerate() {
        for layer in layers.iter_mut().take(layer_of[t]).skip(layer_of[s] + 1) {
            layer.push(Item::Slot(e));
        }
    }
    // Centres, filled layer by layer from the top.
    let mut centre_of_service = vec![0i64; n];
    let mut slot_centre: Vec<Vec<(usize, i64)>> = vec![Vec::new(); links.len()];
    let width_of = |i: Item| match i {
        Item::Service(_) => NODE_W,
        Item::Slot(_) => SLOT_W,
    };
    for (li, layer) in layers.iter_mut().enumerate() {
        let key = |i: &Item| -> (i64, String) {
            match *i {
                Item::Service(s) => {
                    let parents: Vec<i64> = up[s]
                        .iter()
                        .map(|&q| {
                            // The point right above: the parent, or the edge's last slot.
                            edge_of
                                .get(&(q, s))
                                .and_then(|&e| slot_centre[e].last().map(|c| c.1))
                                .unwrap_or(centre_of_service[q])
                        })
                        .collect();
                    let mean = if parents.is_empty() {
                        i64::MAX
                    } else {
                        parents.iter().sum::<i64>() / parents.len() as i64
                    };
                    (mean, p.services[s].name.clone())
                }
                Item::Slot(e) => {
                    let above = slot_centre[e]
                        .last()
                        .map_or(centre_of_service[links[e].0], |c| c.1);
                    (above, format!("~{e:09}"))
                }
            }
        };
        layer.sort_by_cached_key(key);
        let mut left = MARGIN;
        for &item in layer.iter() {
            let w = width_of(item);
            match item {
                Item::Service(s) => centre_of_service[s] = left + w / 2,
                Item::Slot(e) => slot_centre[e].push((li, left + w / 2)),
            }
            left += w + GAP_X;
        }
    }
    let wrapped: Vec<Vec<String>> = p.services.iter().map(|s| wrap(&s.title)).collect();
    let mut top = vec![0i64; deepest + 1];
    let mut band = vec![0i64; deepest + 1];
    let mut next_top = MARGIN;
    for (li, layer) in layers.iter().enumerate() {
        let lines = layer
            .iter()
            .filter_map(|i| match i {
                Item::Service(s) => Some(wrapped[*s].len() as i64),
                Item::Slot(_) => None,
            })
            .max()
            .unwrap_or(1)
            .max(1);
        top[li] = next_top;
        band[li] = 2 * PAD_Y + lines * LINE_H;
        next_top += band[li] + GAP_Y;
    }
    let height = next_top - GAP_Y + MARGIN;
    let widest = layers
        .iter()
        .map(|l| l.iter().map(|&i| width_of(i) + GAP_X).sum::<i64>() - GAP_X)
        .max()
        .unwrap_or(0);
    let boxes = (0..n)
        .map(|s| {
            let li = layer_of[s];
            let h = band[li];
            let count = wrapped[s].len() as i64;
            NodeBox {
                x: centre_of_service[s] - NODE_W / 2,
                y: top[li],
                h,
                centre: centre_of_service[s],
                first: top[li] + (h - count * LINE_H) / 2 + LINE_H - 4,
            }
        })
        .collect();
    let edges = links
        .iter()
        .enumerate()
        .map(|(e, &(s, t, redundant))| {
            let (ls, lt) = (layer_of[s], layer_of[t]);
            let mut points = vec![(centre_of_service[s], top[ls] + band[ls])];
            for &(li, cx) in &slot_centre[e] {
                points.push((cx, top[li]));
                points.push((cx, top[li] + band[li]));
            }
            points.push((centre_of_service[t], top[lt] - 2));
            (points, redundant)
        })
        .collect();
    Layout {
        width: (2 * MARGIN + widest).max(NODE_W + 2 * MARGIN),
        height,
        boxes,
        edges,
        depending: (0..n)
            .filter(|&s| !p.services[s].depends_on.is_empty())
            .collect(),
    }
}

/// Where a service's box goes: its corner, height, centre and first line of text.
struct NodeBox {
    x: i64,
    y: i64,
    h: i64,
    centre: i64,
    first: i64,
}

/// The drawing's coordinates without its words: what the index keeps while it writes the
/// graph item by item ([`Layout::node`], [`Layout::edge`], [`Layout::text`] make each).
pub struct Layout {
    pub width: i64,
    pub height: i64,
    /// One per service, in portfolio order.
    boxes: Vec<NodeBox>,
    /// Each edge's points and whether it belongs to an `any_of` group.
    edges: Vec<(Vec<(i64, i64)>, bool)>,
    /// The services that depend on another, in portfolio order: the text's sentences.
    depending: Vec<usize>,
}

impl Layout {
    pub fn nodes(&self) -> usize {
        self.boxes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    pub fn sentences(&self) -> usize {
        self.depending.len()
    }

    pub fn node(&self, p: &Portfolio, s: usize) -> Option<Node> {
        let b = self.boxes.get(s)?;
        let svc = &p.services[s];
        Some(Node {
            name: svc.name.clone(),
            title: svc.title.clone(),
            x: b.x,
            y: b.y,
            h: b.h,
            lines: wrap(&svc.title)
                .into_iter()
                .enumerate()
                .map(|(k, text)| TextLine {
                    text,
                    x: b.centre,
                    y: b.first + k as i64 * LINE_H,
                })
                .collect(),
        })
    }

    pub fn edge(&self, e: usize) -> Option<Edge> {
        let (points, redundant) = self.edges.get(e)?;
        let path = points
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect::<Vec<_>>()
            .join(" ");
        Some(Edge {
            points: points.clone(),
            path,
            redundant: *redundant,
        })
    }

    /// "Checkout API depends on Payments database.": sentence `i` of the text alternative.
    pub fn text(&self, p: &Portfolio, i: usize) -> Option<String> {
        let s = &p.services[*self.depending.get(i)?];
        let needs: Vec<String> = s
            .depends_on
            .iter()
            .map(|d| super::dependency_words(p, d))
            .collect();
        Some(format!("{} depends on {}.", s.title, needs.join("; ")))
    }

    /// The whole graph, every node, edge and sentence made.
    pub fn graph(&self, p: &Portfolio) -> Graph {
        Graph {
            node_w: NODE_W,
            width: self.width,
            height: self.height,
            nodes: (0..self.nodes()).filter_map(|s| self.node(p, s)).collect(),
            edges: (0..self.edge_count())
                .filter_map(|e| self.edge(e))
                .collect(),
            text: (0..self.sentences())
                .filter_map(|i| self.text(p, i))
                .collect(),
        }
    }
}

/// The whole graph of the portfolio's services.
pub fn graph(p: &Portfolio) -> Graph {
    layout(p).graph(p)
}

/// A title in lines of at most [`WRAP`] characters, broken between words (a longer word
/// on a line of its own, broken where it must): all of it is shown.
fn wrap(t: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in t.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > WRAP {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..WRAP).collect());
        }
        let word: String = word.into_iter().collect();
        if word.is_empty() {
            continue;
        }
        if line.is_empty() {
            line = word;
        } else if line.chars().count() + 1 + word.chars().count() <= WRAP {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
