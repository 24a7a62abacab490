//! Rules across files: they see every payload of one run.

use crate::diagnostic::{Diagnostic, Span};
use crate::json::{pointer, Document};
use serde_json::{Map, Value};

/// What corpus rules need to know of one payload, kept after its document
/// is dropped (so a run over thousands of files holds no syntax trees).
#[derive(Debug, Clone)]
pub struct PayloadFacts {
    /// The payload's pointer (`""` or `/3`) and the span of its opening brace.
    pub pointer: String,
    pub span: Span,
    /// `(value, span of the value)` of each identity field present as a string.
    pub identifier: Option<(String, Span)>,
    pub username: Option<(String, Span)>,
    pub hostname: Option<(String, Span)>,
    pub ip: Option<(String, Span)>,
    /// Catalogue values: `(field, value, span)` for `credential_type`, `type`,
    /// `vendor`, `model`, `site`.
    pub catalogue: Vec<(&'static str, String, Span)>,
}

pub const CATALOGUE_FIELDS: [&str; 5] = ["credential_type", "type", "vendor", "model", "site"];

impl PayloadFacts {
    pub fn collect(doc: &Document, ptr: &str, map: &Map<String, Value>) -> PayloadFacts {
        let field = |key: &str| -> Option<(String, Span)> {
            let value = map.get(key)?.as_str()?;
            Some((value.to_owned(), doc.value_span(&pointer::push(ptr, key))))
        };
        let catalogue = CATALOGUE_FIELDS
            .iter()
            .filter_map(|key| field(key).map(|(v, s)| (*key, v, s)))
            .collect();
        PayloadFacts {
            pointer: ptr.to_owned(),
            span: doc.open_span(ptr),
            identifier: field("identifier"),
            username: field("username"),
            hostname: field("hostname"),
            ip: field("ip"),
            catalogue,
        }
    }

    /// Identity fields are not secrets, but a config may name any field secret.
    pub fn scrub(&mut self, secrets: &[String]) {
        if secrets.is_empty() {
            return;
        }
        let hide = |slot: &mut Option<(String, Span)>| {
            if let Some((value, _)) = slot {
                if secrets.iter().any(|s| s == value) {
                    *slot = None;
                }
            }
        };
        hide(&mut self.identifier);
        hide(&mut self.username);
        hide(&mut self.hostname);
        hide(&mut self.ip);
        self.catalogue
            .retain(|(_, v, _)| !secrets.iter().any(|s| s == v));
    }
}

/// Runs the corpus rules. `facts` is in path order, each tagged with the
/// index of its file in `paths`; returns diagnostics tagged the same way.
pub fn check(_facts: &[(usize, PayloadFacts)], _paths: &[String]) -> Vec<(usize, Diagnostic)> {
    Vec::new()
}
