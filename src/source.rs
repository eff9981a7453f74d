//! Source files and spans.
//!
//! Every file of a portfolio gets a [`FileId`]; every node downstream carries a [`Span`]
//! into one of these files, so a diagnostic can point at anything, anywhere.

use std::path::{Path, PathBuf};

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct FileId(pub u32);

/// A byte range `[start, end)` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        // Files are limited far below 4 GiB by the loader, so these never saturate.
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span covering both; `other` must be in the same file.
    #[must_use]
    pub fn merge(self, other: Span) -> Span {
        debug_assert_eq!(self.file, other.file);
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// The offset just after each line end of `text`. A line ends at `\n`, at `\r\n` or at a
/// lone `\r`, as editors show it; the grammar, the formatter and the line numbers of
/// diagnostics all use this rule (docs/language.md).
pub fn line_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

/// Whether `c` ends a line (with `\r\n` counted once by [`line_ends`]).
pub fn is_line_end(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// Where lines start in a text, and enough about its characters to turn a byte offset into
/// a column without counting from the start of a long line: every diagnostic, snippet and
/// machine-readable position costs the same whatever the length of the line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters before each multiple of [`MARK`] bytes (rounded down to a character
    /// boundary); empty when the text is ASCII, where bytes are characters.
    marks: Vec<(usize, usize)>,
}

/// Bytes between two character-count marks.
const MARK: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0).chain(line_ends(text)).collect();
        let mut marks = Vec::new();
        if !text.is_ascii() {
            let (mut at, mut chars) = (0, 0);
            for k in (0..=text.len()).step_by(MARK) {
                let mut b = k;
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                chars += text[at..b].chars().count();
                at = b;
                marks.push((b, chars));
            }
        }
        LineIndex { starts, marks }
    }

    /// The 0-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte offset at which a 0-based line starts (the end of the text past the last).
    pub fn start(&self, line: usize, text: &str) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }

    /// Characters before a byte offset (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.marks.is_empty() {
            return offset;
        }
        let k = (offset / MARK).min(self.marks.len() - 1);
        let (b, chars) = self.marks[k];
        chars + text.get(b..offset).map_or(0, |s| s.chars().count())
    }

    /// 0-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts[line];
        (
            line,
            self.chars_before(text, offset) - self.chars_before(text, start),
        )
    }
}

/// One loaded file.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user should see it (relative when given relative).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    /// Built on the first position asked for: a clean run of a large portfolio never
    /// needs it, and it weighs more than half the text.
    lines: std::sync::OnceLock<LineIndex>,
}

impl SourceFile {
    fn new(name: String, path: PathBuf, text: String) -> SourceFile {
        SourceFile {
            name,
            path,
            text,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let lines = self.lines.get_or_init(|| LineIndex::new(&self.text));
        let (line, col) = lines.line_col(&self.text, offset);
        (line + 1, col + 1)
    }
}

/// All files of one run, in the order they were loaded (sorted by path).
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    pub fn add(&mut self, name: impl Into<String>, path: impl AsRef<Path>, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile::new(
            name.into(),
            path.as_ref().to_path_buf(),
            text,
        ));
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Lets every file's text go, keeping names and paths: for a command that has printed
    /// its diagnostics and reads no source again (`slac build` before rendering).
    pub fn release_texts(&mut self) {
        for f in &mut self.files {
            f.text = String::new();
            f.lines = std::sync::OnceLock::new();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A value with the span it was read from. Serialises as the bare value: spans are for
/// diagnostics, not for the documents slac writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Sp<T> {
        Sp { value, span }
    }
}

impl<T: serde::Serialize> serde::Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_ends_at_lf_crlf_or_a_lone_cr() {
        let text = "a\nb\r\nc\rd\r";
        assert_eq!(line_ends(text).collect::<Vec<_>>(), [2, 5, 7, 9]);
        let mut map = SourceMap::new();
        let f = map.add("f", "f", text.to_owned());
        let file = map.get(f);
        assert_eq!(file.line_col(text.find('c').expect("c")), (3, 1));
        assert_eq!(file.line_col(text.find('d').expect("d")), (4, 1));
    }
}
