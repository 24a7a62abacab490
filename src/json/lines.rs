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
/// Columns count characters; to keep that cheap on one-line (minified) files
/// with many diagnostics, the index also holds the number of characters
/// before every `CHUNK`-th byte, so a lookup counts at most one chunk.
/// [`LineIndex::lazy`] defers the scan to the first lookup: most files of a
/// large run have no diagnostic, and their index would never be read. Every
/// method takes the text; it must always be the same text.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    built: OnceLock<Built>,
}

#[derive(Clone, Debug)]
struct Built {
    starts: Vec<usize>,
    /// `(byte offset on a character boundary, characters before it)`, one per chunk.
    checkpoints: Vec<(usize, usize)>,
}

const CHUNK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let index = LineIndex::lazy();
        index.built(text);
        index
    }

    /// An index built on first use.
    pub fn lazy() -> LineIndex {
        LineIndex {
            built: OnceLock::new(),
        }
    }

    fn built(&self, text: &str) -> &Built {
        self.built.get_or_init(|| Built::new(text))
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, text: &str, offset: usize) -> usize {
        match self.built(text).starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte offset where 0-based `line` starts, if the text has it.
    pub fn line_start(&self, text: &str, line: usize) -> Option<usize> {
        self.built(text).starts.get(line).copied()
    }

    /// The number of lines (a text without line breaks has one).
    pub fn line_count(&self, text: &str) -> usize {
        self.built(text).starts.len()
    }

    /// The position of byte `offset` (clamped to the text, moved back to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let built = self.built(text);
        let offset = floor_boundary(text, offset);
        let line = match built.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = built.starts[line].min(offset);
        let column = if offset - start <= CHUNK {
            text[start..offset].chars().count()
        } else {
            built.chars_before(text, offset) - built.chars_before(text, start)
        };
        Position {
            line: line + 1,
            column: column + 1,
        }
    }
}

impl Built {
    fn new(text: &str) -> Built {
        let mut checkpoints = Vec::with_capacity(text.len() / CHUNK + 1);
        let (mut at, mut chars) = (0, 0);
        while at <= text.len() {
            checkpoints.push((at, chars));
            let next = floor_boundary(text, at + CHUNK);
            if next <= at {
                break;
            }
            chars += text[at..next].chars().count();
            at = next;
        }
        Built {
            starts: line_starts(text),
            checkpoints,
        }
    }

    /// Characters before byte `offset` (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let i = match self.checkpoints.binary_search_by_key(&offset, |c| c.0) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        match self.checkpoints.get(i) {
            Some(&(at, chars)) if at <= offset => chars + text[at..offset].chars().count(),
            _ => text[..offset].chars().count(),
        }
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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
    }

    #[test]
    fn long_lines_count_the_same() {
        let text = format!("{}x\n{}y", "é".repeat(10_000), "a€".repeat(5_000));
        let index = LineIndex::new(&text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(&text, x),
            Position {
                line: 1,
                column: 10_001
            }
        );
        let y = text.find('y').unwrap();
        assert_eq!(
            index.position(&text, y),
            Position {
                line: 2,
                column: 10_001
            }
        );
        for offset in (0..text.len()).step_by(997) {
            let slow = {
                let o = floor_boundary(&text, offset);
                let start = text[..o].rfind('\n').map_or(0, |n| n + 1);
                text[start..o].chars().count() + 1
            };
            assert_eq!(index.position(&text, offset).column, slow, "{offset}");
        }
    }
}
