//! A strict RFC 8259 parser that records the span of every key and value.

use super::{Document, DuplicateKey, Member, Node, NodeKind, INDEXED_OBJECT};
use crate::diagnostic::Span;
use crate::json::pointer;
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// Deeper nesting than this is reported, not recursed into: payloads are four
/// levels deep, and the limit keeps hostile files from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
    /// Where the unfinished construct began (an unclosed `{`, `[` or `"`).
    pub opened_at: Option<(Span, String)>,
}

/// Parses `text` as one JSON value. An empty (or blank) text is an error.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        duplicates: Vec::new(),
        index: HashMap::new(),
    };
    parser.skip_whitespace();
    if parser.pos == parser.bytes.len() {
        return Err(ParseError {
            message: if text.is_empty() {
                "the file is empty: a payload is one JSON object".into()
            } else {
                "the file holds only whitespace: a payload is one JSON object".into()
            },
            span: Span::new(0, 0),
            help: Some("write the request body as a JSON object: `{ \"username\": …, \"hostname\": …, \"ip\": … }`".into()),
            opened_at: None,
        });
    }
    let (root, value) = parser.value(0, "")?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        let span = parser.char_span(parser.pos);
        return Err(ParseError {
            message: format!(
                "unexpected {} after the end of the JSON value",
                describe(parser.text, parser.pos)
            ),
            span,
            help: Some(
                "a file holds one JSON value: to send several payloads, put them in one array `[ {…}, {…} ]`"
                    .into(),
            ),
            opened_at: None,
        });
    }
    Ok(Document {
        root,
        value,
        duplicates: parser.duplicates,
        index: parser.index,
    })
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    duplicates: Vec<DuplicateKey>,
    /// Big objects' key → member index (see `Document::index`).
    index: HashMap<usize, HashMap<String, usize>>,
}

/// How a byte at `pos` reads in a message.
fn describe(text: &str, pos: usize) -> String {
    match text[pos..].chars().next() {
        None => "end of file".into(),
        Some(c) if c.is_control() || c == '\u{feff}' => format!("character U+{:04X}", c as u32),
        Some(c) => format!("`{c}`"),
    }
}

impl<'a> Parser<'a> {
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The span of the character at `pos` (empty at the end of the text).
    fn char_span(&self, pos: usize) -> Span {
        let len = self.text[pos..].chars().next().map_or(0, char::len_utf8);
        Span::new(pos, pos + len)
    }

    fn error_here(&self, message: String, help: Option<&str>) -> ParseError {
        ParseError {
            message,
            span: self.char_span(self.pos),
            help: help.map(str::to_owned),
            opened_at: None,
        }
    }

    fn unexpected(&self, expected: &str) -> ParseError {
        let found = describe(self.text, self.pos);
        let help = match self.peek() {
            Some(b'\'') => Some("JSON strings use double quotes `\"`"),
            Some(b'/') => Some("JSON has no comments: remove them"),
            Some(b'}' | b']') if expected.contains("value") => {
                Some("remove the trailing comma before it")
            }
            Some(b'\xef') if self.text[self.pos..].starts_with('\u{feff}') => {
                Some("remove the byte order mark")
            }
            None => None,
            _ => None,
        };
        self.error_here(format!("expected {expected}, found {found}"), help)
    }

    fn value(&mut self, depth: usize, at: &str) -> Result<(Node, Value), ParseError> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(depth, at),
            Some(b'[') => self.array(depth, at),
            Some(b'"') => {
                let s = self.string()?;
                Ok((
                    Node {
                        span: Span::new(start, self.pos),
                        kind: NodeKind::String,
                    },
                    Value::String(s),
                ))
            }
            Some(b't') => self.literal("true", Value::Bool(true), NodeKind::Bool),
            Some(b'f') => self.literal("false", Value::Bool(false), NodeKind::Bool),
            Some(b'n') => self.literal("null", Value::Null, NodeKind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("a JSON value")),
        }
    }

    fn literal(
        &mut self,
        word: &str,
        value: Value,
        kind: NodeKind,
    ) -> Result<(Node, Value), ParseError> {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            // `truex` is not `true` followed by garbage we explain later: say it here.
            if let Some(b) = self.peek() {
                if b.is_ascii_alphanumeric() {
                    return Err(self.unexpected("`,`, `}` or `]`"));
                }
            }
            return Ok((
                Node {
                    span: Span::new(start, self.pos),
                    kind,
                },
                value,
            ));
        }
        let end = self.bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(self.bytes.len(), |n| start + n);
        let end = end.max(start + 1);
        let word_found = &self.text[start..floor_boundary(self.text, end)];
        let help = match word_found.to_ascii_lowercase().as_str() {
            "true" | "false" | "null" => Some(format!(
                "JSON literals are lower case: `{}`",
                word_found.to_ascii_lowercase()
            )),
            _ => Some("strings must be in double quotes".to_owned()),
        };
        Err(ParseError {
            message: format!("expected a JSON value, found `{word_found}`"),
            span: Span::new(start, floor_boundary(self.text, end)),
            help,
            opened_at: None,
        })
    }

    fn number(&mut self) -> Result<(Node, Value), ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error_here(
                        "numbers cannot have leading zeros".into(),
                        Some("remove the leading zero, or quote the value if it is an identifier"),
                    ));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit in the exponent"));
            }
            self.digits();
        }
        let literal = &self.text[start..self.pos];
        let number = if integer {
            literal
                .parse::<i64>()
                .map(Number::from)
                .or_else(|_| literal.parse::<u64>().map(Number::from))
                .ok()
        } else {
            None
        };
        // Out-of-range literals become the nearest finite float: serde_json
        // cannot hold infinity, and the value only matters for its type.
        let number = number.unwrap_or_else(|| {
            let f: f64 = literal.parse().unwrap_or(0.0);
            let f = if f.is_finite() {
                f
            } else {
                f64::MAX.copysign(f)
            };
            Number::from_f64(f).unwrap_or_else(|| Number::from(0))
        });
        Ok((
            Node {
                span: Span::new(start, self.pos),
                kind: NodeKind::Number,
            },
            Value::Number(number),
        ))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// Parses a string starting at the opening quote; returns its value.
    fn string(&mut self) -> Result<String, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut chunk_start = self.pos;
        loop {
            let Some(b) = self.peek() else {
                return Err(ParseError {
                    message: "the string is never closed: the file ends inside it".into(),
                    span: Span::new(self.pos, self.pos),
                    help: Some("add the closing `\"`".into()),
                    opened_at: Some((Span::new(open, open + 1), "the string starts here".into())),
                });
            };
            match b {
                b'"' => {
                    out.push_str(&self.text[chunk_start..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[chunk_start..self.pos]);
                    self.escape(&mut out)?;
                    chunk_start = self.pos;
                }
                0x00..=0x1f => {
                    let what = match b {
                        b'\n' => "a line break",
                        b'\t' => "a tab",
                        _ => "a control character",
                    };
                    let help = match b {
                        b'\n' => "end the string before the line break, or write it as `\\n`",
                        b'\t' => "write the tab as `\\t`",
                        _ => "write control characters as `\\u00XX` escapes",
                    };
                    return Err(ParseError {
                        message: format!("{what} inside a string must be escaped"),
                        span: Span::new(self.pos, self.pos + 1),
                        help: Some(help.into()),
                        opened_at: Some((
                            Span::new(open, open + 1),
                            "the string starts here".into(),
                        )),
                    });
                }
                _ => self.pos += 1,
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let start = self.pos;
        self.pos += 1;
        let Some(b) = self.peek() else {
            return Err(self.unexpected("an escape character after `\\`"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(start, out),
            _ => {
                self.pos -= 1;
                let span = Span::new(start, start + 1 + self.char_span(self.pos).len());
                return Err(ParseError {
                    message: format!("`\\{}` is not a JSON escape", &self.text[self.pos..span.end]),
                    span,
                    help: Some("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a literal backslash as `\\\\`".into()),
                    opened_at: None,
                });
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self, escape_start: usize) -> Result<u32, ParseError> {
        let mut value = 0u32;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| (b as char).to_digit(16));
            match digit {
                Some(d) => {
                    value = value * 16 + d;
                    self.pos += 1;
                }
                None => {
                    return Err(ParseError {
                        message: "a `\\u` escape needs four hexadecimal digits".into(),
                        span: Span::new(escape_start, self.pos.max(escape_start + 2)),
                        help: None,
                        opened_at: None,
                    })
                }
            }
        }
        Ok(value)
    }

    fn unicode_escape(&mut self, start: usize, out: &mut String) -> Result<(), ParseError> {
        let first = self.hex4(start)?;
        let lone = |end: usize| {
            ParseError {
            message: "a lone UTF-16 surrogate escape is not a character".into(),
            span: Span::new(start, end),
            help: Some("the server's JSON decoder rejects unpaired surrogates: use a paired escape (`\\uD83D\\uDE00`) or the character itself".into()),
            opened_at: None,
        }
        };
        let code = match first {
            0xD800..=0xDBFF => {
                let after_first = self.pos;
                if !self.bytes[self.pos..].starts_with(b"\\u") {
                    return Err(lone(after_first));
                }
                let second_start = self.pos;
                self.pos += 2;
                let second = self.hex4(second_start)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(lone(after_first));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(lone(self.pos)),
            other => other,
        };
        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
        Ok(())
    }

    fn too_deep(&self) -> ParseError {
        ParseError {
            message: format!("the JSON nests deeper than {MAX_DEPTH} levels"),
            span: Span::new(self.pos, self.pos + 1),
            help: Some(
                "a credential payload is at most four levels deep: this file is not a payload"
                    .into(),
            ),
            opened_at: None,
        }
    }

    fn unclosed(&self, open: usize, what: &str) -> Option<(Span, String)> {
        Some((
            Span::new(open, open + 1),
            format!("the {what} opened here is not closed"),
        ))
    }

    /// The file ended inside an object or array: say which closer is missing.
    fn ended_inside(&self, open: usize, what: &str) -> ParseError {
        let closer = if what == "object" { '}' } else { ']' };
        ParseError {
            message: format!("the file ends before the {what} is closed"),
            span: Span::new(self.pos, self.pos),
            help: Some(format!("add the missing `{closer}` (or check the brackets inside it: one of them may close the wrong thing)")),
            opened_at: self.unclosed(open, what),
        }
    }

    fn array(&mut self, depth: usize, at: &str) -> Result<(Node, Value), ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.too_deep());
        }
        let open = self.pos;
        self.pos += 1;
        let mut nodes = Vec::new();
        let mut values = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                self.skip_whitespace();
                let child_at = pointer::push_index(at, nodes.len());
                let (node, value) = self.value(depth + 1, &child_at).map_err(|mut e| {
                    if e.opened_at.is_none() && e.span.start == self.bytes.len() {
                        e.opened_at = self.unclosed(open, "array");
                    }
                    e
                })?;
                nodes.push(node);
                values.push(value);
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(self.ended_inside(open, "array")),
                    Some(_) => return Err(self.unexpected("`,` or `]` after an array element")),
                }
            }
        }
        Ok((
            Node {
                span: Span::new(open, self.pos),
                kind: NodeKind::Array(nodes),
            },
            Value::Array(values),
        ))
    }

    fn object(&mut self, depth: usize, at: &str) -> Result<(Node, Value), ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.too_deep());
        }
        let open = self.pos;
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        let mut map = Map::new();
        // Key → index of its latest member, built once the object is big:
        // small objects (every payload block) find a duplicate by a short
        // scan, without hashing and cloning every key a second time.
        let mut latest: Option<HashMap<String, usize>> = None;
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_whitespace();
                if self.peek() != Some(b'"') {
                    let mut e = if members.is_empty() {
                        self.unexpected("a key in double quotes")
                    } else {
                        self.unexpected("a key in double quotes after `,`")
                    };
                    if self.peek() == Some(b'}') {
                        e.help = Some("remove the trailing comma before it".into());
                    } else if self
                        .peek()
                        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
                    {
                        e.help = Some("JSON keys must be in double quotes".into());
                    } else if matches!(self.peek(), Some(b'{' | b'[')) {
                        // The reference's own additional-settings example: a
                        // list of objects opened with `{` instead of `[`.
                        e.help = Some("a value needs a key here; if the objects are the items of a list, open the list with `[` instead of `{` (and close it with `]`)".into());
                        if let Some(last) = members
                            .last()
                            .filter(|m| matches!(m.value.kind, NodeKind::Object(_)))
                        {
                            let at = last.value.span.start;
                            e.opened_at = Some((
                                Span::new(at, at + 1),
                                format!(
                                    "`{}` holds one object: should this `{{` be `[`?",
                                    last.key
                                ),
                            ));
                        }
                    } else if self.peek().is_none() {
                        e.opened_at = self.unclosed(open, "object");
                    }
                    return Err(e);
                }
                let key_start = self.pos;
                let key = self.string()?;
                let key_span = Span::new(key_start, self.pos);
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    let mut e = self.unexpected("`:` after the key");
                    if self.peek().is_none() {
                        e.opened_at = self.unclosed(open, "object");
                    }
                    return Err(e);
                }
                self.pos += 1;
                self.skip_whitespace();
                let child_at = pointer::push(at, &key);
                let (node, value) = self.value(depth + 1, &child_at).map_err(|mut e| {
                    if e.opened_at.is_none() && e.span.start == self.bytes.len() {
                        e.opened_at = self.unclosed(open, "object");
                    }
                    e
                })?;
                let previous = match &latest {
                    Some(index) => index.get(&key).copied(),
                    None if map.contains_key(&key) => members.iter().rposition(|m| m.key == key),
                    None => None,
                };
                if let Some(previous) = previous {
                    self.duplicates.push(DuplicateKey {
                        pointer: child_at,
                        first: members[previous].key_span,
                        second: key_span,
                    });
                }
                match &mut latest {
                    Some(index) => {
                        index.insert(key.clone(), members.len());
                    }
                    None if members.len() >= INDEXED_OBJECT => {
                        let mut index: HashMap<String, usize> = members
                            .iter()
                            .enumerate()
                            .map(|(i, m)| (m.key.clone(), i))
                            .collect();
                        index.insert(key.clone(), members.len());
                        latest = Some(index);
                    }
                    None => {}
                }
                map.insert(key.clone(), value);
                members.push(Member {
                    key,
                    key_span,
                    value: node,
                });
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(self.ended_inside(open, "object")),
                    Some(b']') => {
                        let mut e = self.unexpected("`,` or `}` after an object member");
                        e.help = Some("this `]` closes an array that was never opened here: the object needs `}`".into());
                        e.opened_at = self.unclosed(open, "object");
                        return Err(e);
                    }
                    Some(b'"') => {
                        let mut e = self.unexpected("`,` or `}` after an object member");
                        e.help = Some("add a `,` between the members".into());
                        return Err(e);
                    }
                    Some(_) => return Err(self.unexpected("`,` or `}` after an object member")),
                }
            }
        }
        if let Some(index) = latest.filter(|_| members.len() > INDEXED_OBJECT) {
            self.index.insert(open, index);
        }
        Ok((
            Node {
                span: Span::new(open, self.pos),
                kind: NodeKind::Object(members),
            },
            Value::Object(map),
        ))
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_spans_and_last_duplicate_wins() {
        let text = r#"{"a": 1, "b": [true, null], "a": "x"}"#;
        let doc = parse(text).unwrap();
        assert_eq!(doc.value["a"], "x");
        assert_eq!(doc.duplicates.len(), 1);
        assert_eq!(doc.duplicates[0].pointer, "/a");
        let found = doc.locate("/b/1").unwrap();
        assert_eq!(&text[found.node.span.start..found.node.span.end], "null");
        let a = doc.locate("/a").unwrap();
        assert_eq!(
            &text[a.key_span.unwrap().start..a.key_span.unwrap().end],
            "\"a\""
        );
        assert_eq!(&text[a.node.span.start..a.node.span.end], "\"x\"");
    }

    #[test]
    fn rejects_what_json_rejects() {
        for bad in [
            "",
            " ",
            "{,}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "\"\t\"",
            "[1] x",
            "{'a':1}",
            "\u{c}[]",
            "[\"\\uD800\"]",
            "tru",
            "True",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn big_objects_are_indexed_and_duplicates_found_in_them() {
        let mut text = String::from("{");
        for round in 0..3 {
            for i in 0..50 {
                text.push_str(&format!("\"k{i}\": {round},"));
            }
        }
        text.push_str("\"last\": {\"x\": 1}}");
        let doc = parse(&text).unwrap();
        assert_eq!(doc.duplicates.len(), 100);
        let dup = &doc.duplicates[50];
        assert_eq!(dup.pointer, "/k0");
        // The second k0 is reported against the first, the third against the second.
        assert!(dup.first.start < doc.duplicates[0].second.start + 1);
        let found = doc.locate("/k7").unwrap();
        assert_eq!(&text[found.node.span.start..found.node.span.end], "2");
        let nested = doc.locate("/last/x").unwrap();
        assert_eq!(&text[nested.node.span.start..nested.node.span.end], "1");
        assert!(doc.locate("/nope").is_none());
        assert_eq!(doc.key_span("/last/nope"), doc.key_span("/last"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("deeper"));
    }

    #[test]
    fn unicode_escapes() {
        let doc = parse(r#"["\u00e9\ud83d\ude00\n"]"#).unwrap();
        assert_eq!(doc.value[0], "é😀\n");
    }
}
