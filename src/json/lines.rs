//! Byte offsets to 1-based line and column (columns count Unicode characters).

use std::sync::OnceLock;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line of a text, for offset → position lookups.
///
/// [`LineIndex::lazy`] defers the scan to the first lookup: most files of a
/// large run have no diagnostic, and their index would never be read.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: OnceLock<Vec<usize>>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let index = LineIndex::lazy();
        let _ = index.starts.set(line_starts(text));
        index
    }

    /// An index built on first use from the text given to
    /// [`LineIndex::position`], which must then always be the same text.
    pub fn lazy() -> LineIndex {
        LineIndex {
            starts: OnceLock::new(),
        }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let starts = self.starts.get_or_init(|| line_starts(text));
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = starts[line];
        Position {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }
}

/// Counts first (a loop the compiler vectorises), then fills an exactly
/// sized vector.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    let mut starts = Vec::with_capacity(lines + 1);
    starts.push(0);
    starts.extend(
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let text = "{\n  \"é\": 1\n}";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        let one = text.find('1').unwrap();
        assert_eq!(index.position(text, one), Position { line: 2, column: 8 });
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 3, column: 2 }
        );
        let lazy = LineIndex::lazy();
        assert_eq!(lazy.position(text, one), Position { line: 2, column: 8 });
    }
}
