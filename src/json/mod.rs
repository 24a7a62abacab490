//! Strict JSON: one parse yields the span tree and the `serde_json::Value`.
//!
//! We parse ourselves instead of using jsonc-parser: that crate accepts raw
//! control characters in strings and form feeds as whitespace (JSONTestSuite
//! `n_string_unescaped_*`, `n_structure_whitespace_formfeed`), recurses without
//! a depth limit, and would need a second pass to build the `Value`.

mod lines;
mod parser;
pub mod pointer;

pub use lines::{LineIndex, Position};
pub use parser::{parse, ParseError, MAX_DEPTH};

use crate::diagnostic::Span;
use serde_json::Value;
use std::collections::HashMap;

/// A parsed JSON value with the byte range it covers.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Null,
    Bool,
    Number,
    String,
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// One `"key": value` of an object, in source order (duplicates kept).
#[derive(Debug, Clone)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// A key seen twice in one object.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    /// Pointer of the member (the later occurrence is the one that counts).
    pub pointer: String,
    pub first: Span,
    pub second: Span,
}

/// The result of a successful parse.
#[derive(Debug)]
pub struct Document {
    pub root: Node,
    pub value: Value,
    pub duplicates: Vec<DuplicateKey>,
    /// For objects with many members, by the offset of their `{`: key → index
    /// of the member that counts. Keeps `locate` O(1) per step on hostile
    /// files (100,000 unknown keys would otherwise make reporting quadratic).
    index: HashMap<usize, HashMap<String, usize>>,
}

/// Objects with more members than this get an index in [`Document`].
const INDEXED_OBJECT: usize = 16;

impl Node {
    /// The member of an object that counts for `key`: the last occurrence,
    /// as serde_json (and the server) keep the last value.
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.kind {
            NodeKind::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    pub fn element(&self, index: usize) -> Option<&Node> {
        match &self.kind {
            NodeKind::Array(elements) => elements.get(index),
            _ => None,
        }
    }

    /// The span of the opening `{` or `[` (the whole span for scalars).
    pub fn open_span(&self) -> Span {
        match self.kind {
            NodeKind::Array(_) | NodeKind::Object(_) => {
                Span::new(self.span.start, self.span.start + 1)
            }
            _ => self.span,
        }
    }
}

/// Where a pointer leads: the value node and, for object members, the key.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub node: &'a Node,
    pub key_span: Option<Span>,
}

impl Document {
    /// The one function every stage asks for "where is this?".
    pub fn locate(&self, pointer: &str) -> Option<Located<'_>> {
        let mut current = Located {
            node: &self.root,
            key_span: None,
        };
        for token in pointer::tokens(pointer) {
            current = self.step(current.node, &token)?;
        }
        Some(current)
    }

    /// One pointer step, through the index when the object has one.
    fn step<'a>(&'a self, node: &'a Node, token: &str) -> Option<Located<'a>> {
        if let NodeKind::Object(members) = &node.kind {
            if let Some(keys) = self.index.get(&node.span.start) {
                return keys
                    .get(token)
                    .and_then(|&i| members.get(i))
                    .map(|m| Located {
                        node: &m.value,
                        key_span: Some(m.key_span),
                    });
            }
        }
        step(node, token)
    }

    /// The value's span; for a pointer that leads nowhere, the span of the
    /// deepest ancestor that exists (never fails, so a report always has a place).
    pub fn value_span(&self, pointer: &str) -> Span {
        self.nearest(pointer).node.span
    }

    /// The key's span for object members, else the value's span.
    pub fn key_span(&self, pointer: &str) -> Span {
        let found = self.nearest(pointer);
        found.key_span.unwrap_or(found.node.span)
    }

    /// The opening brace of the object (or bracket of the array) at `pointer`.
    pub fn open_span(&self, pointer: &str) -> Span {
        self.nearest(pointer).node.open_span()
    }

    fn nearest(&self, pointer: &str) -> Located<'_> {
        let mut current = Located {
            node: &self.root,
            key_span: None,
        };
        for token in pointer::tokens(pointer) {
            match self.step(current.node, &token) {
                Some(next) => current = next,
                None => break,
            }
        }
        current
    }
}

/// Follows `pointer` from `root`.
pub fn locate_in<'a>(root: &'a Node, pointer: &str) -> Option<Located<'a>> {
    let mut current = Located {
        node: root,
        key_span: None,
    };
    for token in pointer::tokens(pointer) {
        current = step(current.node, &token)?;
    }
    Some(current)
}

fn step<'a>(node: &'a Node, token: &str) -> Option<Located<'a>> {
    match &node.kind {
        NodeKind::Object(_) => node.member(token).map(|m| Located {
            node: &m.value,
            key_span: Some(m.key_span),
        }),
        NodeKind::Array(_) => {
            let index = pointer::parse_index(token)?;
            node.element(index).map(|n| Located {
                node: n,
                key_span: None,
            })
        }
        _ => None,
    }
}
