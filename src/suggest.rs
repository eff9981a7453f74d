//! "did you mean …?": the one place slac measures how close a misspelt word is to the
//! words it knows. Below `syntax`, so the parser, the resolver, `slac explain`, eval and
//! the template loader all ask it.
//!
//! Every suggestion is measured by one metric, [`distance`] (Damerau–Levenshtein: a swap
//! of two neighbours is one edit); what differs is only what is compared and how far is
//! too far: names and keywords ([`closest`], [`nearest`]), time zones against their whole
//! name and their city ([`closest_zones`]), currency codes of the same length one edit
//! apart ([`one_letter_apart`]).

/// The edit distance of a typo: Damerau–Levenshtein.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}

/// The candidate nearest to `word` by [`distance`] among those at most `within(candidate)`
/// edits away; of equally near ones, the first in `candidates`.
pub(crate) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    within: impl Fn(&str) -> usize,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = distance(c, word);
        if d <= within(c) && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The candidate closest to `name`: one that differs only in case first (`Printing` →
/// `printing`, `P1` → `p1`), else the nearest by edit distance when it is close enough to
/// be a typo. Ties go to the alphabetically first candidate, so the answer is stable.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut sorted: Vec<&str> = candidates.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let by_case = sorted
        .iter()
        .copied()
        .find(|c| c.eq_ignore_ascii_case(name) && *c != name);
    by_case.or_else(|| {
        nearest(name, sorted, |c| {
            (c.len().max(name.len()) / 3).max(1) + usize::from(c.len() > 5)
        })
    })
}

/// The zone names closest to `name`, best first: the same edit distance as every other
/// suggestion, against the whole name and against its city part (`Paris` finds
/// `Europe/Paris`), case ignored, within a quarter of the length written (at least one
/// edit): zone names are long and share their region, and a third of the length would
/// suggest `Europe/Madrid` for `Europe/Pariss`.
pub(crate) fn closest_zones(name: &str, n: usize) -> Vec<&'static str> {
    let lower = name.to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = chrono_tz::TZ_VARIANTS
        .iter()
        .filter_map(|tz| {
            let zone = tz.name();
            let z = zone.to_ascii_lowercase();
            let city = z.rsplit('/').next().unwrap_or(&z);
            let d = distance(&lower, &z).min(distance(&lower, city));
            (d <= (lower.len() / 4).max(1)).then_some((d, zone))
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(n).map(|(_, z)| z).collect()
}

/// Two codes of the same length one edit apart (`EUX` or `UER` for `EUR`).
pub(crate) fn one_letter_apart(a: &str, b: &str) -> bool {
    a.len() == b.len() && distance(a, b) == 1
}

#[cfg(test)]
mod tests {
    use super::{closest, nearest};

    #[test]
    fn case_first_then_edit_distance() {
        assert_eq!(
            closest("Printing", ["printing", "pricing"]),
            Some("printing")
        );
        assert_eq!(closest("P1", ["p1", "p2"]), Some("p1"));
        assert_eq!(
            closest("chekout", ["checkout", "printing"]),
            Some("checkout")
        );
        assert_eq!(closest("zzz", ["checkout"]), None);
    }

    #[test]
    fn nearest_keeps_the_first_of_equals() {
        assert_eq!(nearest("fo", ["fa", "fb"], |_| 1), Some("fa"));
        assert_eq!(nearest("fo", ["xyz"], |_| 1), None);
    }
}
