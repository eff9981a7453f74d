//! "did you mean …?": the one way slac suggests a name for a misspelt one.

/// The candidate closest to `name`: one that differs only in case first (`Printing` →
/// `printing`, `P1` → `p1`), else the nearest by edit distance when it is close enough to
/// be a typo. Ties go to the alphabetically first candidate, so the answer is stable.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut by_case: Option<&str> = None;
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.eq_ignore_ascii_case(name) && c != name {
            by_case = Some(by_case.map_or(c, |b| b.min(c)));
        }
        let d = strsim::damerau_levenshtein(c, name);
        let close = d <= (c.len().max(name.len()) / 3).max(1) + usize::from(c.len() > 5);
        if close && best.is_none_or(|b| (d, c) < b) {
            best = Some((d, c));
        }
    }
    by_case.or(best.map(|(_, c)| c))
}

#[cfg(test)]
mod tests {
    use super::closest;

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
}
