//! pest's parse errors, said in words: which rules were expected becomes "a duration such
//! as `4h`", the token at the failure becomes "found `4 hours`", and an unclosed block is
//! pointed at.

use super::grammar::Rule;
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use pest::error::{Error, ErrorVariant, InputLocation};

/// Blocks nested deeper than this are refused before pest sees them (pest recurses once
/// per level, and a hostile file must not overflow the stack).
pub const MAX_NESTING: usize = 32;

/// What a rule looks like to a user, and a help line when it is the main expectation.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::item | Rule::party_kw | Rule::agreement_kw | Rule::k_calendar => {
            "an item (`provider`, `customer`, `team`, `supplier`, `calendar`, `service`, `sla`, \
             `ola` or `uc`)"
        }
        Rule::ident => "a name such as `checkout`",
        Rule::string | Rule::plain_string | Rule::triple_string => "a string in double quotes",
        Rule::number => "a number",
        Rule::integer => "a whole number such as `12`",
        Rule::percent => "a percentage such as `99.9%`",
        Rule::duration => "a duration such as `4h`",
        Rule::time => "a time of day such as `08:00`",
        Rule::date => "a date such as `2026-12-25`",
        Rule::every_day => "`every` and a day of the year such as `every 12-25`",
        Rule::month_day => "a day of the year such as `12-25`",
        Rule::easter_day => "a day from Easter such as `easter+1`",
        Rule::money => "an amount such as `12000 EUR`",
        Rule::currency => "a currency code such as `EUR`",
        Rule::day | Rule::day_spec => "a weekday or range of weekdays such as `mon-fri`",
        Rule::lbrace
        | Rule::party_block
        | Rule::service_block
        | Rule::calendar_block
        | Rule::agreement_block
        | Rule::objective_block
        | Rule::support_block
        | Rule::target_block
        | Rule::maintenance_block
        | Rule::penalty_block
        | Rule::indicator_block
        | Rule::claims_block => "`{`",
        Rule::rbrace => "`}`",
        Rule::lparen => "`(`",
        Rule::rparen => "`)`",
        Rule::comma => "`,`",
        Rule::dash => "`-`",
        Rule::level_value => "a level (`corporate`, `customer` or `service`)",
        Rule::window | Rule::window_kw => {
            "a window (`month`, `quarter`, `year`, `week` or `rolling 28d`)"
        }
        Rule::deadline_kw => "`response`, `resolve` or `fulfil`",
        Rule::below_kw | Rule::tier | Rule::each_breach | Rule::penalty_item => {
            "a tier such as `below 99.9% credit 10%`, or `each breach credit 2%`"
        }
        Rule::party_stmt => {
            "a party statement (`contact`, `address`, `description` or `subscribes`)"
        }
        Rule::calendar_stmt | Rule::hours_stmt => {
            "a calendar statement (`timezone`, a day rule such as `mon-fri 09:00-17:00`, \
             `closed` or `description`)"
        }
        Rule::service_stmt => "a service statement (`description`, `owner` or `depends_on`)",
        Rule::agreement_stmt => {
            "an agreement statement (such as `provider`, `customer`, `services`, `valid`, \
             `availability` or `support`)"
        }
        Rule::objective_stmt => {
            "an objective statement (`target`, `window`, `during`, `service`, `indicator` or \
             `measured by`)"
        }
        Rule::objective_line => "a target such as `99.9% per month`, or `{`",
        Rule::latency_line => "a target such as `99% within 300ms per month`, or `{`",
        Rule::line_option | Rule::during_stmt | Rule::obj_service_stmt => {
            "`during`, `service` or `measured by`"
        }
        Rule::measured_stmt => "`measured by indicator` or `measured by outages`",
        Rule::indicator_stmt => "`errors`, `good` or `total`",
        Rule::support_item | Rule::incident | Rule::request => {
            "a support statement (`during`, `incident`, `request` or `escalation`)"
        }
        Rule::target_item | Rule::deadline_stmt => {
            "`response`, `resolve`, `fulfil`, `during`, `update every` or `escalation`"
        }
        Rule::business_days => "a number of business days such as `2 business days`",
        Rule::update_stmt => "`update every` and a duration such as `1h`",
        Rule::stage_item | Rule::stage_stmt => {
            "an escalation stage such as `stage \"Second line\" 2h by dba_payments`"
        }
        Rule::maintenance_item => "`during`, `notice` or `max`",
        Rule::claims_item => "`within`, `to`, `with`, `credited as` or `minimum`",
        Rule::credit_form => "`refund` or `invoice credit`",
        Rule::penalty_target => {
            "what the penalty is on (`availability`, `latency`, `outcome ID`, `incident ID \
             resolve` or `request ID fulfil`)"
        }
        Rule::credit => "a credit such as `10%` or `500 EUR`",
        Rule::interval => "an interval such as `09:00-17:00`",
        Rule::dependency | Rule::any_of => "a service name or `any_of(a, b)`",
        Rule::ident_list => "a list of names such as `checkout, printing`",
        Rule::EOI => "end of file",
        Rule::k_address => "`address`",
        Rule::k_any_of => "`any_of`",
        Rule::k_at => "`at`",
        Rule::k_availability => "`availability`",
        Rule::k_below => "`below`",
        Rule::k_breach => "`breach`",
        Rule::k_cap => "`cap`",
        Rule::k_claim => "`claim`",
        Rule::k_claims => "`claims`",
        Rule::k_as => "`as`",
        Rule::k_credited => "`credited`",
        Rule::k_invoice => "`invoice`",
        Rule::k_minimum => "`minimum`",
        Rule::k_refund => "`refund`",
        Rule::k_with => "`with`",
        Rule::k_closed => "`closed`",
        Rule::k_contact => "`contact`",
        Rule::k_credit => "`credit`",
        Rule::k_customer => "`customer`",
        Rule::k_depends_on => "`depends_on`",
        Rule::k_description => "`description`",
        Rule::k_during => "`during`",
        Rule::k_each => "`each`",
        Rule::k_every => "`every`",
        Rule::k_errors => "`errors`",
        Rule::k_exclude => "`exclude`",
        Rule::k_extends => "`extends`",
        Rule::k_fee => "`fee`",
        Rule::k_from => "`from`",
        Rule::k_good => "`good`",
        Rule::k_incident => "`incident`",
        Rule::k_indicator => "`indicator`",
        Rule::k_latency => "`latency`",
        Rule::k_level => "`level`",
        Rule::k_maintenance => "`maintenance`",
        Rule::k_measured => "`measured`",
        Rule::k_by => "`by`",
        Rule::k_outages => "`outages`",
        Rule::k_max => "`max`",
        Rule::k_month => "`month`",
        Rule::k_months => "`months`",
        Rule::k_note => "`note`",
        Rule::k_notice => "`notice`",
        Rule::k_on => "`on`",
        Rule::k_or => "`or`",
        Rule::k_outcome => "`outcome`",
        Rule::k_owner => "`owner`",
        Rule::k_penalty => "`penalty`",
        Rule::k_per => "`per`",
        Rule::k_prometheus => "`prometheus` (the only indicator source so far)",
        Rule::k_provider => "`provider`",
        Rule::k_region => "`region`",
        Rule::k_request => "`request`",
        Rule::k_review => "`review`",
        Rule::k_reviewed => "`reviewed`",
        Rule::k_rolling => "`rolling`",
        Rule::k_service => "`service`",
        Rule::k_services => "`services`",
        Rule::k_subscribes => "`subscribes`",
        Rule::k_support => "`support`",
        Rule::k_target => "`target`",
        Rule::k_timezone => "`timezone`",
        Rule::k_to => "`to`",
        Rule::k_total => "`total`",
        Rule::k_valid => "`valid`",
        Rule::k_within => "`within`",
        Rule::k_window => "`window`",
        // Fees and credit formulas (language.md §7.1).
        Rule::fee_period => "a fee period (`month`, `quarter` or `year`)",
        Rule::fee_from_charges | Rule::k_charges => "`from charges`",
        Rule::item_kind => "an item (`service`, `region` or `instance`)",
        Rule::credit_basis => {
            "`of fees for the period`, `of fees for the previous month` or `of fees for the \
             30d before the claim`"
        }
        Rule::proportional => "a credit such as `10 times the fees for the downtime`",
        Rule::claims_after_cycle => "`within 2 months after the billing cycle`",
        Rule::k_after => "`after`",
        Rule::k_the => "`the`",
        Rule::k_billing => "`billing`",
        Rule::k_cycle => "`cycle`",
        Rule::k_of => "`of`",
        Rule::k_fees => "`fees`",
        Rule::k_for => "`for`",
        Rule::k_period => "`period`",
        Rule::k_previous => "`previous`",
        Rule::k_before => "`before`",
        Rule::k_times => "`times`",
        Rule::k_downtime => "`downtime`",
        _ => return None,
    })
}

/// Statement keywords per context, for "did you mean" on a misspelt statement.
fn keywords(rule: Rule) -> &'static [&'static str] {
    match rule {
        Rule::item => &[
            "provider", "customer", "team", "supplier", "calendar", "service", "sla", "ola", "uc",
        ],
        Rule::party_stmt => &["contact", "address", "description", "subscribes"],
        Rule::calendar_stmt => &[
            "timezone",
            "closed",
            "description",
            "mon",
            "tue",
            "wed",
            "thu",
            "fri",
            "sat",
            "sun",
        ],
        Rule::service_stmt => &["description", "owner", "depends_on"],
        Rule::agreement_stmt => &[
            "level",
            "extends",
            "provider",
            "customer",
            "services",
            "valid",
            "timezone",
            "fee",
            "review",
            "reviewed",
            "availability",
            "latency",
            "outcome",
            "support",
            "maintenance",
            "exclude",
            "penalty",
            "cap",
            "claim",
            "claims",
            "region",
            "note",
            "fiscal",
        ],
        Rule::objective_stmt => &[
            "target",
            "window",
            "during",
            "service",
            "indicator",
            "measured",
        ],
        Rule::indicator_stmt => &["errors", "good", "total"],
        Rule::support_item => &["during", "incident", "request", "escalation"],
        Rule::target_item => &[
            "response",
            "resolve",
            "fulfil",
            "during",
            "update",
            "escalation",
        ],
        Rule::stage_item => &["stage"],
        Rule::maintenance_item => &["during", "notice", "max"],
        Rule::claims_item => &["within", "to", "with", "credited", "minimum"],
        Rule::window => &["month", "quarter", "year", "week", "rolling"],
        Rule::level_value => &["corporate", "customer", "service"],
        Rule::deadline_kw => &["response", "resolve", "fulfil"],
        _ => &[],
    }
}

fn help_for(rule: Rule, found: &str) -> Option<String> {
    let word: String = found
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let lower = word.to_ascii_lowercase();
    let close = if word.is_empty() {
        None
    } else if let Some(k) = keywords(rule)
        .iter()
        .find(|k| **k == lower && lower != word)
    {
        // `SLA`, `Service`: keywords are lowercase.
        Some(*k)
    } else {
        crate::suggest::nearest(&word, keywords(rule).iter().copied(), |k| {
            2.min(k.len() / 2)
        })
    };
    if let Some(k) = close {
        return Some(format!("did you mean `{k}`?"));
    }
    if rule == Rule::calendar_stmt
        && crate::written::WEEKDAYS
            .iter()
            .any(|d| word.to_ascii_lowercase().starts_with(d.short))
    {
        return Some(
            "weekdays are written `mon` `tue` `wed` `thu` `fri` `sat` `sun`; a range is `mon-fri`"
                .to_string(),
        );
    }
    Some(
        match rule {
            Rule::duration => {
                "a duration is numbers with units, largest first: `15m`, `4h`, `1h30m`, `2d` \
                 (units: w d h m s ms)"
            }
            Rule::percent => "a percentage ends with `%`, e.g. `99.95%`",
            Rule::time => "a time of day has two-digit hours and minutes, e.g. `08:00` or `17:30`",
            Rule::date => "dates are written year-month-day, e.g. `2026-12-25`",
            Rule::string | Rule::plain_string | Rule::triple_string => {
                "text is written in double quotes, e.g. \"Acme Cloud SAS\"; use \"\"\"…\"\"\" for \
                 several lines"
            }
            Rule::ident => {
                "a name starts with a letter or `_` and has letters, digits, `_` and `-`"
            }
            Rule::day | Rule::day_spec => {
                "weekdays are mon tue wed thu fri sat sun; a range is written `mon-fri`"
            }
            Rule::money | Rule::currency => {
                "an amount is a number, a space and an ISO 4217 currency code, e.g. `12000 EUR`"
            }
            Rule::credit => "a credit is a percentage of the fee (`10%`) or an amount (`500 EUR`)",
            Rule::integer => "write a whole number, e.g. `review every 12 months`",
            Rule::item => {
                "every item starts with its kind, e.g. `service checkout \"Checkout API\" { … }`"
            }
            Rule::agreement_stmt => {
                "the statements of an agreement are listed in docs/language.md §3.4"
            }
            Rule::calendar_stmt => {
                "a day rule is `DAYS START-END, …`, e.g. `mon-fri 08:00-12:00, 13:00-17:00`"
            }
            Rule::window => "write e.g. `window month` or `window rolling 28d`",
            _ => return None,
        }
        .to_string(),
    )
}

/// Words people write after a number where slac wants a unit or a `%`.
const UNIT_WORDS: &[&str] = &[
    "ms", "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h",
    "hr", "hrs", "hour", "hours", "d", "day", "days", "w", "wk", "week", "weeks", "month",
    "months", "percent", "pct",
];

/// The token at `pos` as the user sees it, and its byte length. A number followed by a
/// word is taken together (`4 hours`), because that is the mistake people make.
fn found_token(src: &str, pos: usize) -> (String, usize) {
    let rest = src.get(pos..).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return (String::new(), 0);
    };
    let is_word = |c: char| c.is_alphanumeric() || "_-.:%".contains(c);
    let len = if c == '"' {
        let line_end = rest.find('\n').unwrap_or(rest.len());
        rest[1..line_end].find('"').map_or(line_end, |i| i + 2)
    } else if is_word(c) {
        let mut len = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        let head = &rest[..len];
        if head.chars().all(|c| c.is_ascii_digit() || c == '.') {
            let after = &rest[len..];
            let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
            let word = after[spaces..]
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(after.len() - spaces);
            let unit = &after[spaces..spaces + word];
            if spaces > 0 && UNIT_WORDS.contains(&unit.to_ascii_lowercase().as_str()) {
                len += spaces + word;
            }
        }
        len
    } else {
        c.len_utf8()
    };
    let len = len.min(60);
    let mut end = len;
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    (rest[..end].to_string(), end)
}

pub(super) fn syntax_error(file: FileId, src: &str, err: &Error<Rule>) -> Diagnostic {
    let mut pos = match err.location {
        InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
    };
    let mut positives: Vec<Rule> = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .copied()
            .filter(|r| *r != Rule::COMMENT)
            .collect(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // `response 4 hours`: the number was read as the start of `N business days`, but a
    // duration was meant; report it at the number, as a duration.
    if positives == [Rule::k_business] {
        let before = src.get(..pos).unwrap_or("").trim_end();
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            pos = before.len() - digits;
            positives = vec![Rule::duration];
        }
    }
    // The first word of a file: pest names no rule there, but only an item can start one.
    let starts_file = first_word(src, pos) && pos < src.trim_end().len();
    if starts_file && !positives.contains(&Rule::item) {
        positives = vec![Rule::item];
    }
    let (raw, len) = found_token(src, pos);
    let at_end = len == 0;
    let found = if at_end {
        "end of file".to_string()
    } else {
        format!("`{raw}`")
    };
    let mut words: Vec<&str> = Vec::new();
    for r in &positives {
        if let Some(w) = describe(*r) {
            if !words.contains(&w) {
                words.push(w);
            }
        }
    }
    // "end of file" is only worth saying when nothing else was possible, and a closing
    // brace reads best last.
    if words.len() > 1 {
        words.retain(|w| *w != "end of file");
    }
    words.sort_by_key(|w| *w == "`}`");
    let expected = match words.as_slice() {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    };
    // The help speaks about the expectation that the found token most looks like.
    let numeric = [
        Rule::percent,
        Rule::duration,
        Rule::time,
        Rule::date,
        Rule::money,
        Rule::integer,
        Rule::credit,
        Rule::interval,
        Rule::number,
    ];
    let starts_with_digit = raw.starts_with(|c: char| c.is_ascii_digit());
    let main = positives
        .iter()
        .copied()
        .find(|r| starts_with_digit && numeric.contains(r))
        .or_else(|| {
            positives
                .iter()
                .copied()
                .find(|r| !matches!(r, Rule::rbrace | Rule::EOI | Rule::comma))
        })
        .or(positives.first().copied());
    let label = match words.as_slice() {
        _ if starts_file => "a file starts with an item".to_string(),
        [one] => format!("expected {one}"),
        _ if at_end => "the file ends here".to_string(),
        _ => format!("`{raw}` is not expected here"),
    };
    let mut message = format!("expected {expected}, found {found}");
    let unterminated = raw.starts_with('"') && !raw[1..].contains('"');
    if unterminated {
        message = "unterminated string".to_string();
    }
    // An item's keyword at the start of a line inside a block: the block before it was
    // left open (a `}` is missing), which is what to point at, not the item.
    let next_item =
        !at_end && ITEM_WORDS.contains(&raw.as_str()) && line_indent(src, pos) == (true, 0);
    let unclosed = if at_end || next_item {
        left_open(src, pos)
    } else {
        None
    };
    let mut d = match unclosed {
        Some(open) if next_item => Diagnostic::new(
            Code::E0100,
            Span::new(file, open, open + 1),
            format!("a block is never closed: `{raw}` starts an item inside it"),
        )
        .primary("this block is never closed")
        .label(
            Span::new(file, pos, pos + len),
            "the next item starts here, still inside the block",
        )
        .help("add the missing `}` at the end of the block"),
        Some(open) => Diagnostic::new(
            Code::E0100,
            Span::new(file, open, open + 1),
            "a block is never closed: the file ends inside it",
        )
        .primary("this block is never closed")
        .help("add the missing `}` at the end of the block"),
        None if unterminated => Diagnostic::new(
            Code::E0100,
            Span::new(file, pos, pos + len),
            message,
        )
        .primary("this string is not closed on its line")
        .help(
            "close it with `\"` on the same line, or use \"\"\"…\"\"\" for text over several lines",
        ),
        None => {
            // At the end of the file, point at its last character rather than at nothing.
            let span = if at_end {
                let trimmed = src.trim_end();
                let last = trimmed.char_indices().last().map_or(0, |(i, _)| i);
                Span::new(file, last, trimmed.len())
            } else {
                Span::new(file, pos, pos + len)
            };
            Diagnostic::new(Code::E0100, span, message).primary(label)
        }
    };
    if unclosed.is_none() && !unterminated {
        if let Some(h) = main.and_then(|r| help_for(r, &raw)) {
            d = d.help(h);
        } else if positives.contains(&Rule::rbrace) {
            d = d.help("every `{` needs a matching `}`");
        }
    }
    d
}

/// Walks the bytes of `src` up to `end` that are neither in a string nor in a comment,
/// calling `visit(offset, byte)` for each; stops early when `visit` returns false. The
/// brace checks below share it so that they agree on what a string is.
fn scan_code(src: &str, end: usize, mut visit: impl FnMut(usize, u8) -> bool) {
    let bytes = src.as_bytes();
    let end = end.min(bytes.len());
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'#' => {
                while i < end && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                let triple = bytes[i..].starts_with(b"\"\"\"");
                i += if triple { 3 } else { 1 };
                while i < end {
                    if bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple && bytes[i..].starts_with(b"\"\"\"") {
                        i += 2;
                        break;
                    }
                    if !triple && (bytes[i] == b'"' || bytes[i] == b'\n') {
                        break;
                    }
                    i += 1;
                }
            }
            b => {
                if !visit(i, b) {
                    return;
                }
            }
        }
        i += 1;
    }
}

/// The `{` whose block was left open before `end`. By braces alone it is the innermost
/// one still open; but a `}` that starts its line at the indentation of an outer block's
/// line closes that block, so the blocks it skipped are the ones left open (the
/// outermost of them: its `}` is the one missing). Formatted files (`slac fmt`) say
/// which block a `}` closes by its indentation, which counting cannot.
fn left_open(src: &str, end: usize) -> Option<usize> {
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut skipped = None;
    scan_code(src, end, |i, b| {
        match b {
            b'{' => stack.push((i, line_indent(src, i).1)),
            b'}' => {
                let (first, indent) = line_indent(src, i);
                let closes = if first {
                    stack.iter().rposition(|&(_, at)| at == indent)
                } else {
                    None
                };
                match closes {
                    Some(k) => {
                        if k + 1 < stack.len() && skipped.is_none() {
                            skipped = Some(stack[k + 1].0);
                        }
                        stack.truncate(k);
                    }
                    None => {
                        stack.pop();
                    }
                }
            }
            _ => {}
        }
        true
    });
    skipped.or(stack.last().map(|&(at, _)| at))
}

/// Whether only spaces and tabs stand before offset `i` on its line, and how many lead
/// that line.
fn line_indent(src: &str, i: usize) -> (bool, usize) {
    let start = src[..i].rfind(['\n', '\r']).map_or(0, |n| n + 1);
    let line = &src[start..];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    (indent >= i - start, indent)
}

/// The words that start an item.
const ITEM_WORDS: &[&str] = &[
    "provider",
    "customer",
    "team",
    "supplier",
    "calendar",
    "service",
    "sla",
    "ola",
    "uc",
    "catalogue",
];

/// Only whitespace and comments before `pos`: the first word of the file is there.
fn first_word(src: &str, pos: usize) -> bool {
    let mut code = false;
    scan_code(src, pos, |_, b| {
        code = !b.is_ascii_whitespace();
        !code
    });
    !code
}

/// Refuses files whose blocks nest deeper than any valid file can, before pest recurses.
pub(super) fn check_nesting(file: FileId, src: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut too_deep = None;
    scan_code(src, src.len(), |i, b| {
        match b {
            b'{' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    too_deep = Some(i);
                    return false;
                }
            }
            b'}' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        true
    });
    too_deep.map(|i| {
        Diagnostic::new(
            Code::E0100,
            Span::new(file, i, i + 1),
            format!("blocks nested more than {MAX_NESTING} deep"),
        )
        .primary("too deep")
        .help("no .sla construct nests this deep; check for unbalanced braces")
    })
}
