//! From text to the typed AST. The only module that names pest: the grammar's pairs are
//! turned into [`ast`] nodes here and never leave, and pest's errors are turned into
//! E0100 diagnostics that speak in words.

use crate::syntax::ast::{
    Block, Calendar, CalendarStmt, ClosedDay, Comment, DaySpec, Dependency, File, Ident, Interval,
    Item, Money, Party, PartyKind, PartyStmt, Service, ServiceStmt, Sp, Stmt, Str, TimeZone,
};
use errors::syntax_error;
use grammar::{Rule, SlaParser};

mod agreement;
mod errors;
mod grammar;
mod money;
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use crate::syntax::values;
use crate::time::Yearly;
use chrono::Weekday;
use pest::iterators::Pair;
use pest::Parser as _;
use rust_decimal::Decimal;

pub use errors::MAX_NESTING;

/// Parses one file. A syntax error yields `None` and one E0100 (parsing of that file
/// stops); value errors (E0101…E0107) are pushed and the tree is still returned.
pub fn parse_file(file: FileId, src: &str, diags: &mut Vec<Diagnostic>) -> Option<File> {
    if let Some(d) = errors::check_nesting(file, src) {
        diags.push(d);
        return None;
    }
    // `check_nesting` bounds the grammar's only recursion (blocks) above, so pest's
    // per-rule stack probe, an eighth of the parse time, is not needed here.
    let pairs = match pest_stack_guard::unprobed(|| SlaParser::parse(Rule::file, src)) {
        Ok(pairs) => pairs,
        Err(e) => {
            diags.push(syntax_error(file, src, &e));
            return None;
        }
    };
    let before = diags.len();
    let mut lower = Lower { file, diags };
    let comments = comments(file, src);
    let top = pairs.into_iter().next()?.into_inner();
    // Sized once, like a block: an item is large and a doubling list holds room for as
    // many again.
    let mut items = Vec::with_capacity(counted(&top, |r| r == Rule::item));
    for pair in pairs_of(top) {
        if pair.as_rule() == Rule::item {
            if let Some(inner) = first(pair) {
                items.push(lower.item(inner));
            }
        }
    }
    // Like a syntax error, a malformed string or `any_of` is reported once per file.
    let mut seen_syntax = false;
    let mut i = before;
    while i < diags.len() {
        if diags[i].code == Code::E0100 {
            if seen_syntax {
                diags.remove(i);
                continue;
            }
            seen_syntax = true;
        }
        i += 1;
    }
    Some(File {
        id: file,
        items,
        comments,
    })
}

/// The comments of a file that parsed, as pest's `COMMENT` pairs would give them: every
/// `#` outside a string starts one, up to the line end (`\n` or `\r`). No token of the
/// grammar other than a string or a comment holds `"` or `#`, so one pass over the bytes
/// finds them without walking every pair of the tree (a test compares the two).
fn comments(file: FileId, src: &str) -> Vec<Comment> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'\n' || c == b'\r')
                    .map_or(b.len(), |n| i + n);
                out.push(Comment {
                    text: src[i..end].trim_start_matches('#').to_string(),
                    span: Span::new(file, i, end),
                });
                i = end;
            }
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                // `"""` … `"""`, a backslash escaping the next character.
                i += 3;
                while i < b.len() && !b[i..].starts_with(b"\"\"\"") {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 3;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The meaningful children of a pair: comments and punctuation dropped.
fn pairs_of(pairs: pest::iterators::Pairs<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pairs.filter(|p| {
        !matches!(
            p.as_rule(),
            Rule::COMMENT | Rule::comma | Rule::dash | Rule::lparen | Rule::rparen | Rule::EOI
        )
    })
}

/// How many of the (top-level) pairs have a rule that `keep` accepts.
fn counted(pairs: &pest::iterators::Pairs<'_, Rule>, keep: impl Fn(Rule) -> bool) -> usize {
    pairs.clone().filter(|p| keep(p.as_rule())).count()
}

fn children(pair: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pairs_of(pair.into_inner())
}

fn first(pair: Pair<'_, Rule>) -> Option<Pair<'_, Rule>> {
    children(pair).next()
}

struct Lower<'d> {
    file: FileId,
    diags: &'d mut Vec<Diagnostic>,
}

impl Lower<'_> {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    fn ident(&self, pair: &Pair<'_, Rule>) -> Ident {
        Sp::new(pair.as_str().to_string(), self.span(pair))
    }

    fn string(&mut self, pair: &Pair<'_, Rule>) -> Str {
        let span = self.span(pair);
        match values::unescape(pair.as_str()) {
            Ok(s) => Sp::new(s, span),
            Err((offset, len, msg)) => {
                let at = Span::new(
                    self.file,
                    span.start as usize + offset,
                    span.start as usize + offset + len,
                );
                self.diags.push(
                    Diagnostic::new(Code::E0100, at, msg)
                        .primary("not a valid escape")
                        .help(
                            "the escapes are \\\" \\\\ \\n \\t and \\u{…} with a hexadecimal \
                             code point; write a backslash as \\\\",
                        ),
                );
                Sp::new(String::new(), span)
            }
        }
    }

    /// The optional title string that follows a name (`service api "API"`), taken off
    /// the front of `rest`.
    fn title(&mut self, rest: &mut Vec<Pair<'_, Rule>>) -> Option<Str> {
        if rest.first().is_some_and(|p| p.as_rule() == Rule::string) {
            let p = rest.remove(0);
            Some(self.string(&p))
        } else {
            None
        }
    }

    fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn percent(&mut self, pair: &Pair<'_, Rule>) -> Sp<Decimal> {
        let span = self.span(pair);
        let v = values::percent(pair.as_str(), span).unwrap_or_else(|d| {
            self.report(*d);
            Decimal::ZERO
        });
        Sp::new(v, span)
    }

    fn duration(&mut self, pair: &Pair<'_, Rule>) -> Sp<i64> {
        let span = self.span(pair);
        let v = values::duration(pair.as_str(), span).unwrap_or_else(|d| {
            self.report(*d);
            1
        });
        Sp::new(v, span)
    }

    fn date(&mut self, pair: &Pair<'_, Rule>) -> Sp<chrono::NaiveDate> {
        let span = self.span(pair);
        let v = values::date(pair.as_str(), span).unwrap_or_else(|d| {
            self.report(*d);
            chrono::NaiveDate::MIN
        });
        Sp::new(v, span)
    }

    fn closed_date(&mut self, pair: &Pair<'_, Rule>) -> Sp<ClosedDay> {
        let d = self.date(pair);
        Sp::new(ClosedDay::Date(d.value), d.span)
    }

    fn every_day(&mut self, pair: Pair<'_, Rule>) -> Sp<ClosedDay> {
        let span = self.span(&pair);
        let day = children(pair).find(|p| p.as_rule() == Rule::month_day);
        let (month, day) = match day {
            Some(p) => {
                let s = self.span(&p);
                values::month_day(p.as_str(), s).unwrap_or_else(|d| {
                    self.report(*d);
                    (1, 1)
                })
            }
            None => (1, 1),
        };
        Sp::new(ClosedDay::Yearly(Yearly::Fixed { month, day }), span)
    }

    fn easter_day(&mut self, pair: &Pair<'_, Rule>) -> Sp<ClosedDay> {
        let span = self.span(pair);
        let n = values::easter_offset(pair.as_str(), span).unwrap_or_else(|d| {
            self.report(*d);
            0
        });
        Sp::new(ClosedDay::Yearly(Yearly::Easter(n)), span)
    }

    fn timezone(&mut self, pair: &Pair<'_, Rule>) -> Sp<TimeZone> {
        let s = self.string(pair);
        let tz = values::timezone(&s.value, s.span).unwrap_or_else(|d| {
            self.report(*d);
            chrono_tz::UTC
        });
        Sp::new(TimeZone { name: s.value, tz }, s.span)
    }

    fn money(&mut self, pair: Pair<'_, Rule>) -> Sp<Money> {
        let span = self.span(&pair);
        let mut amount = Decimal::ZERO;
        let mut currency = Sp::new(String::new(), span);
        for p in children(pair) {
            match p.as_rule() {
                Rule::number => {
                    let s = self.span(&p);
                    amount = values::amount(p.as_str(), s).unwrap_or_else(|d| {
                        self.report(*d);
                        Decimal::ZERO
                    });
                }
                Rule::currency => {
                    let s = self.span(&p);
                    if let Err(d) = values::currency(p.as_str(), s) {
                        self.report(*d);
                    }
                    currency = Sp::new(p.as_str().to_string(), s);
                }
                _ => {}
            }
        }
        Sp::new(Money { amount, currency }, span)
    }

    fn time(&mut self, pair: &Pair<'_, Rule>) -> Sp<u16> {
        let span = self.span(pair);
        // An invalid time is marked out of range so that interval checks skip it.
        let v = values::time(pair.as_str(), span).unwrap_or_else(|d| {
            self.report(*d);
            values::INVALID_TIME
        });
        Sp::new(v, span)
    }

    fn interval(&mut self, pair: Pair<'_, Rule>) -> Interval {
        let span = self.span(&pair);
        let mut times = children(pair).filter(|p| p.as_rule() == Rule::time);
        let start = times.next().map_or(Sp::new(0, span), |p| self.time(&p));
        let end = times.next().map_or(Sp::new(0, span), |p| self.time(&p));
        Interval { start, end, span }
    }

    fn block<S>(
        &mut self,
        pair: Pair<'_, Rule>,
        mut stmt: impl FnMut(&mut Self, Pair<'_, Rule>) -> Option<Stmt<S>>,
    ) -> Block<Stmt<S>> {
        let span = self.span(&pair);
        let inner = pair.into_inner();
        // Room for its statements, allocated once: a block pushed to one by one held up
        // to twice its statements, and the syntax trees are alive beside the model until
        // the resolver drops them. Comments are not counted (a line of `#` must not
        // reserve a statement).
        let mut stmts = Vec::with_capacity(counted(&inner, |r| {
            !matches!(r, Rule::lbrace | Rule::rbrace | Rule::COMMENT)
        }));
        for p in pairs_of(inner) {
            if matches!(p.as_rule(), Rule::lbrace | Rule::rbrace) {
                continue;
            }
            // Statement groups (`agreement_stmt`, …) wrap exactly one statement.
            if let Some(inner) = first(p) {
                if let Some(s) = stmt(self, inner) {
                    stmts.push(s);
                }
            }
        }
        Block { stmts, span }
    }

    /// Splits a statement into its keyword span and the rest of its children.
    fn stmt_parts<'i>(&self, pair: Pair<'i, Rule>) -> (Span, Span, Vec<Pair<'i, Rule>>) {
        let span = self.span(&pair);
        let mut parts: Vec<Pair<'i, Rule>> = children(pair).collect();
        let keyword = if parts.is_empty() {
            span
        } else {
            let k = parts.remove(0);
            self.span(&k)
        };
        (keyword, span, parts)
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Item {
        match pair.as_rule() {
            Rule::party => Item::Party(self.party(pair)),
            Rule::calendar => Item::Calendar(self.calendar(pair)),
            Rule::service => Item::Service(self.service(pair)),
            Rule::catalogue => Item::Catalogue(self.catalogue(pair)),
            _ => Item::Agreement(self.agreement(pair)),
        }
    }

    /// `KEYWORD ident string? rest…`: the common head of every item.
    fn head<'i>(
        &mut self,
        pair: Pair<'i, Rule>,
    ) -> (Pair<'i, Rule>, Ident, Option<Str>, Vec<Pair<'i, Rule>>) {
        let mut parts = children(pair);
        let kw = parts.next();
        let name = parts.next();
        let mut rest: Vec<Pair<'i, Rule>> = parts.collect();
        let title = self.title(&mut rest);
        // The grammar guarantees both; fall back to empty nodes rather than panic.
        let kw = kw.expect("grammar: item keyword");
        let name = name.map_or_else(
            || Sp::new(String::new(), self.span(&kw)),
            |n| self.ident(&n),
        );
        (kw, name, title, rest)
    }

    fn party(&mut self, pair: Pair<'_, Rule>) -> Party {
        let span = self.span(&pair);
        let (kw, name, title, rest) = self.head(pair);
        let kind = match kw.as_str() {
            "provider" => PartyKind::Provider,
            "customer" => PartyKind::Customer,
            "team" => PartyKind::Team,
            _ => PartyKind::Supplier,
        };
        let body = rest
            .into_iter()
            .next()
            .map(|b| self.block(b, Self::party_stmt));
        Party {
            kind,
            keyword: self.span(&kw),
            name,
            title,
            body,
            span,
        }
    }

    fn party_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<PartyStmt>> {
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let arg = parts.into_iter().next()?;
        let kind = match rule {
            Rule::contact_stmt => PartyStmt::Contact(self.string(&arg)),
            Rule::address_stmt => PartyStmt::Address(self.string(&arg)),
            Rule::description_stmt => PartyStmt::Description(self.string(&arg)),
            _ => PartyStmt::Subscribes(self.ident_list(arg)),
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn ident_list(&self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        children(pair).map(|p| self.ident(&p)).collect()
    }

    fn calendar(&mut self, pair: Pair<'_, Rule>) -> Calendar {
        let span = self.span(&pair);
        let (kw, name, title, rest) = self.head(pair);
        let body = rest
            .into_iter()
            .next()
            .map(|b| self.block(b, Self::calendar_stmt))
            .unwrap_or_default();
        Calendar {
            keyword: self.span(&kw),
            name,
            title,
            body,
            span,
        }
    }

    fn calendar_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<CalendarStmt>> {
        if pair.as_rule() == Rule::hours_stmt {
            let span = self.span(&pair);
            let mut days = Vec::new();
            let mut intervals = Vec::new();
            for p in children(pair) {
                match p.as_rule() {
                    Rule::day_spec => days.push(self.day_spec(&p)),
                    Rule::interval => intervals.push(self.interval(p)),
                    _ => {}
                }
            }
            let keyword = days.first().map_or(span, |d| d.span);
            return Some(Stmt {
                kind: CalendarStmt::Hours { days, intervals },
                keyword,
                span,
            });
        }
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let kind = match rule {
            Rule::timezone_stmt => CalendarStmt::Timezone(self.timezone(parts.first()?)),
            Rule::description_stmt => CalendarStmt::Description(self.string(parts.first()?)),
            _ => {
                let mut date = None;
                let mut part = None;
                let mut label = None;
                for p in parts {
                    match p.as_rule() {
                        Rule::date => date = Some(self.closed_date(&p)),
                        Rule::every_day => date = Some(self.every_day(p)),
                        Rule::easter_day => date = Some(self.easter_day(&p)),
                        Rule::interval => part = Some(self.interval(p)),
                        _ => label = Some(self.string(&p)),
                    }
                }
                CalendarStmt::Closed {
                    date: date?,
                    part,
                    label,
                }
            }
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn day_spec(&self, pair: &Pair<'_, Rule>) -> DaySpec {
        let span = self.span(pair);
        let days: Vec<Weekday> = pair
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() == Rule::day)
            .map(|p| weekday(p.as_str()))
            .collect();
        let first = days.first().copied().unwrap_or(Weekday::Mon);
        let last = days.get(1).copied().unwrap_or(first);
        DaySpec { first, last, span }
    }

    fn service(&mut self, pair: Pair<'_, Rule>) -> Service {
        let span = self.span(&pair);
        let (kw, name, title, rest) = self.head(pair);
        let body = rest
            .into_iter()
            .next()
            .map(|b| self.block(b, Self::service_stmt));
        Service {
            keyword: self.span(&kw),
            name,
            title,
            body,
            span,
        }
    }

    fn service_stmt(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt<ServiceStmt>> {
        let rule = pair.as_rule();
        let (keyword, span, parts) = self.stmt_parts(pair);
        let kind = match rule {
            Rule::description_stmt => ServiceStmt::Description(self.string(parts.first()?)),
            Rule::owner_stmt => ServiceStmt::Owner(self.ident(parts.first()?)),
            _ => ServiceStmt::DependsOn(
                parts
                    .into_iter()
                    .filter_map(|d| self.dependency(d))
                    .collect(),
            ),
        };
        Some(Stmt {
            kind,
            keyword,
            span,
        })
    }

    fn dependency(&mut self, pair: Pair<'_, Rule>) -> Option<Dependency> {
        let inner = first(pair)?;
        if inner.as_rule() == Rule::ident {
            return Some(Dependency::One(self.ident(&inner)));
        }
        let span = self.span(&inner);
        if inner.as_rule() == Rule::k_of_n {
            let parts: Vec<_> = children(inner).collect();
            let k = parts.iter().find(|p| p.as_rule() == Rule::integer)?;
            // Too large to read is kept as u32::MAX: the check (E0322) says why.
            let k = Sp::new(k.as_str().parse().unwrap_or(u32::MAX), self.span(k));
            let members = parts
                .iter()
                .filter(|p| p.as_rule() == Rule::ident)
                .map(|p| self.ident(p))
                .collect();
            return Some(Dependency::KOfN { k, members, span });
        }
        let members: Vec<Ident> = children(inner)
            .filter(|p| p.as_rule() == Rule::ident)
            .map(|p| self.ident(&p))
            .collect();
        if members.len() < 2 {
            self.report(
                Diagnostic::new(Code::E0100, span, "`any_of` needs two or more services")
                    .primary("only one service here")
                    .help(
                        "list the redundant services, e.g. `any_of(dc_north, dc_south)`, or \
                         name the single service without `any_of`",
                    ),
            );
        }
        Some(Dependency::AnyOf { members, span })
    }
}

fn weekday(s: &str) -> Weekday {
    crate::written::parse_weekday(s).unwrap_or(Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The comments as pest's `COMMENT` pairs give them.
    fn comment_pairs(file: FileId, src: &str) -> Vec<Comment> {
        let pairs = SlaParser::parse(Rule::file, src).expect("parses");
        pairs
            .flatten()
            .filter(|p| p.as_rule() == Rule::COMMENT)
            .map(|p| Comment {
                text: p.as_str().trim_start_matches('#').to_string(),
                span: Span::new(file, p.as_span().start(), p.as_span().end()),
            })
            .collect()
    }

    #[test]
    fn the_comment_scan_finds_what_pest_finds() {
        let file = FileId(0);
        let mut texts: Vec<String> = [
            "# a\n## b\r\nparty x \"#no\" # yes \"\nteam t \"\"\"#\\\"\"\" x\n\"\"\" # end",
            "service s \"a\\\"#\" { description \"\\\\\" # c\r# d\n}\n#",
            "service s \"é#\\é\" #é\n",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        texts.extend(crate::synth::portfolio(30).into_iter().map(|f| f.text));
        for dir in ["examples", "tests/ui"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let mut stack = vec![root];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).expect("dir").flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "sla") {
                        texts.push(std::fs::read_to_string(&p).expect("read"));
                    }
                }
            }
        }
        let mut compared = 0;
        for text in &texts {
            if SlaParser::parse(Rule::file, text).is_err() {
                continue;
            }
            assert_eq!(comments(file, text), comment_pairs(file, text), "{text}");
            compared += 1;
        }
        assert!(compared > 100, "only {compared} files parsed");
    }
}
