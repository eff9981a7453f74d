//! The names the monitoring backends give what they write, one scheme per backend, each
//! injective by construction: two different objectives (or calendars, or services) never
//! get the same name, whatever their ids (docs/monitoring.md, "Names").
//!
//! Ids are `[A-Za-z_][A-Za-z0-9_]*` with single `-` between parts: they never contain
//! `/`, `:`, a space or `--`, and never start or end with `-`. Each scheme joins ids with
//! one of those, so the parts can always be read back.

use super::slo::Slo;
use crate::model::ObjectiveKind;

/// The objective within its agreement: `availability`, `latency`, `outcome orders`, each
/// with ` for <service>` when it names one service.
pub(crate) fn objective(s: &Slo<'_>) -> String {
    let o = s.objective;
    let mut out = match o.kind {
        ObjectiveKind::Outcome => format!("outcome {}", o.id),
        k => k.keyword().to_string(),
    };
    if let Some(svc) = &o.service {
        out.push_str(" for ");
        out.push_str(&svc.value.name);
    }
    out
}

/// A Prometheus rule group: `slac/<agreement>[/<region>]/<objective>`. Group names are free
/// text to Prometheus; `/` and the words of [`objective`] keep them apart.
pub(crate) fn prometheus_group(s: &Slo<'_>) -> String {
    let mut out = format!("slac/{}", s.agreement.name);
    if let Some(r) = s.region {
        out.push('/');
        out.push_str(&r.name);
    }
    out.push('/');
    out.push_str(&objective(s));
    out
}

/// The rule group of an objective's long windows (1d, 3d and its own window), evaluated
/// less often: `<group> (long windows)`. No group name of [`prometheus_group`] has a
/// `(`, so the two never meet.
pub(crate) fn prometheus_long_group(s: &Slo<'_>) -> String {
    format!("{} (long windows)", prometheus_group(s))
}

/// The rule group of an agreement's generic recordings, the ones dashboards read:
/// `slac/<agreement> (generic)`; an objective's group always has a `/` after the
/// agreement's id, this one a space.
pub(crate) fn prometheus_generic_group(agreement: &str) -> String {
    format!("slac/{agreement} (generic)")
}

/// The service-hours gate's series. The calendar is a label, not part of the name: ids
/// may contain `-`, which a metric name cannot, and a label value keeps any id apart.
pub(crate) const CALENDAR_GATE: &str = "slac:calendar_open";

/// The Alertmanager time interval of a calendar's closures: `<calendar>:closed`, beside
/// the calendar's open hours named `<calendar>` (an id never contains `:`, so a calendar
/// named `office_closed` no longer meets the closures of `office`).
pub(crate) fn closed_interval(calendar: &str) -> String {
    format!("{calendar}:closed")
}

/// An RFC 1123 label (`OpenSLO` `metadata.name`: at most 63 of `a-z`, `0-9`, `-`, starting
/// and ending with a letter or digit) for an ordered list of ids. When every part is
/// already lowercase without `_`, the parts joined by `--` (readable, and no id contains
/// `--`) if that fits. Otherwise that spelling made valid (lowercase, `_` as `-`, runs of
/// `-` kept to one inside a part) and cut to 54 characters, then `-` and eight hex digits
/// of a hash of the exact parts: `payments_db` and `Payments-DB` differ.
pub(crate) fn dns_label(parts: &[&str]) -> String {
    let joined = parts.join("--");
    let lossless = parts.iter().all(|p| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    let edges_ok = joined
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric())
        && joined
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric());
    if lossless && edges_ok && joined.len() <= 63 {
        return joined;
    }
    let mut prefix = String::with_capacity(54);
    for part in parts {
        if !prefix.is_empty() {
            prefix.push_str("--");
        }
        let mut dash = true;
        for c in part.chars() {
            let c = match c {
                'A'..='Z' => c.to_ascii_lowercase(),
                'a'..='z' | '0'..='9' => c,
                _ => '-',
            };
            if c == '-' && dash {
                continue;
            }
            dash = c == '-';
            prefix.push(c);
        }
        while prefix.ends_with('-') && !prefix.ends_with("--") {
            prefix.pop();
        }
    }
    prefix.truncate(54);
    let prefix = prefix.trim_matches('-');
    let hash = fnv1a(parts);
    if prefix.is_empty() {
        format!("x-{hash:08x}")
    } else {
        format!("{prefix}-{hash:08x}")
    }
}

/// 32-bit FNV-1a of the parts, each followed by a NUL (no id contains one): stable across
/// builds, platforms and Rust versions, unlike `std`'s hasher.
fn fnv1a(parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0]) {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::dns_label;

    fn valid(s: &str) -> bool {
        !s.is_empty()
            && s.len() <= 63
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
            && s.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())
    }

    #[test]
    fn plain_ids_stay_readable() {
        assert_eq!(dns_label(&["checkout"]), "checkout");
        assert_eq!(
            dns_label(&["globex-checkout", "availability"]),
            "globex-checkout--availability"
        );
    }

    #[test]
    fn lossy_or_long_ids_get_a_hash_and_stay_valid_and_apart() {
        let a = dns_label(&["payments_db"]);
        let b = dns_label(&["Payments-DB"]);
        let c = dns_label(&["payments-db"]);
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_ne!(b, c);
        for s in [&a, &b, &c] {
            assert!(valid(s), "{s}");
        }
        let long = "a".repeat(80);
        let l = dns_label(&[&long]);
        assert!(valid(&l) && l.len() <= 63, "{l}");
        assert_ne!(l, dns_label(&[&"a".repeat(81)]));
        assert!(valid(&dns_label(&["_x"])));
        assert!(valid(&dns_label(&["__"])));
        assert_ne!(dns_label(&["a-b", "c"]), dns_label(&["a", "b-c"]));
    }
}
