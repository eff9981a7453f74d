//! Where a message may wrap: at the spaces between words, never at a space inside a code
//! span (`` `during office` `` stays on one line, as a user would copy it).

use textwrap::core::Word;

/// The words of a line for miette's wrapping: split after each run of spaces outside
/// backticks, each word keeping the spaces that follow it.
pub(super) fn words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    let mut cuts = Vec::new();
    let mut code = false;
    let mut after_space = false;
    for (i, c) in line.char_indices() {
        if after_space && c != ' ' && !code {
            cuts.push(i);
        }
        if c == '`' {
            code = !code;
        }
        after_space = c == ' ';
    }
    cuts.push(line.len());
    let mut start = 0;
    Box::new(cuts.into_iter().filter_map(move |end| {
        let word = &line[start..end];
        start = end;
        (!word.is_empty()).then(|| Word::from(word))
    }))
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn code_spans_are_one_word() {
        let got: Vec<String> = words("add `during office` to  it")
            .map(|w| format!("{}|{}", &*w, w.whitespace))
            .collect();
        assert_eq!(got, ["add| ", "`during office`| ", "to|  ", "it|"]);
    }
}
