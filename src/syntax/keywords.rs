//! The keywords of the language, read from the grammar itself (`grammar/sla.pest`), so
//! that editor completion, the editor grammar's test and the parser never disagree: a
//! keyword is a literal word that starts an atomic rule (`k_during = @{ "during" ~
//! !word_char }`, `day = @{ ("mon" | … ) ~ !(…) }`, `easter_day = @{ "easter" ~ … }`).

use std::sync::OnceLock;

const GRAMMAR: &str = include_str!("../../grammar/sla.pest");

/// Every keyword, sorted, each once.
pub fn keywords() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut out: Vec<&'static str> = GRAMMAR.lines().flat_map(rule_keywords).collect();
        out.sort_unstable();
        out.dedup();
        out
    })
}

/// The keywords of one grammar line: the lowercase literals before the first `~` of an
/// atomic rule (`@{`), when nothing but literals, parentheses and `|` stand there.
fn rule_keywords(line: &'static str) -> Vec<&'static str> {
    let Some((_, body)) = line.split_once("= @{") else {
        return Vec::new();
    };
    let Some((head, _)) = body.split_once(" ~ ") else {
        return Vec::new();
    };
    let mut words = Vec::new();
    for part in head.split('"').enumerate() {
        match part {
            (i, w) if i % 2 == 1 => {
                if !w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') || w.is_empty() {
                    return Vec::new();
                }
                words.push(w);
            }
            (_, between) => {
                if !between.chars().all(|c| matches!(c, ' ' | '(' | ')' | '|')) {
                    return Vec::new();
                }
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::keywords;

    #[test]
    fn keywords_come_from_the_grammar() {
        let k = keywords();
        for w in [
            "sla", "during", "provider", "mon", "easter", "business", "resolve",
        ] {
            assert!(k.contains(&w), "{w} missing from {k:?}");
        }
        for w in ["ms", "ASCII_DIGIT", "", "h"] {
            assert!(!k.contains(&w), "{w} is not a keyword");
        }
    }
}
