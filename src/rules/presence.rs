//! What the JIT, pairing, reference and execution rules ask of a block: is a
//! field set, empty, absent, or unknowable?
//!
//! A field is *unknowable* when the schema already reported it (a value of
//! the wrong JSON type) or when the block holds a misspelled key that
//! `unknown-field` names as this field (`change_templte` for
//! `change_template`). Rules do not judge what they cannot know: they would
//! only repeat the schema's diagnostic in other words (one mistake, one
//! diagnostic).

use super::{Block, DiagnosticExt, PayloadCtx, Rule};
use crate::diagnostic::Diagnostic;
use crate::json::Document;
use crate::schema::embedded_vocabulary as vocabulary;
use crate::spelling::{distance, normalize};

/// A string field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    /// A string with something other than blanks (placeholders included).
    Set,
    /// `""` or blanks: the server gets no value.
    Empty,
    Absent,
    /// Reported by the schema (wrong type) or misspelled: not judged.
    Unknown,
}

impl Field {
    pub(super) fn is_set(self) -> bool {
        self == Field::Set
    }

    /// Empty or absent: the server gets no value.
    pub(super) fn is_missing(self) -> bool {
        matches!(self, Field::Empty | Field::Absent)
    }
}

/// A boolean field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Flag {
    True,
    False,
    Absent,
    /// Reported by the schema (wrong type) or misspelled: not judged.
    Unknown,
}

impl Flag {
    /// `false` or absent: known not to be on.
    pub(super) fn is_off(self) -> bool {
        matches!(self, Flag::False | Flag::Absent)
    }
}

/// A settings block (or the top level) with the schema level its fields are
/// defined at, so misspelled keys can be recognised.
pub(super) struct Fields<'a> {
    pub block: Block<'a>,
    /// `execution_settings`, `session_settings`, `jit_settings`.
    pub name: &'static str,
}

impl<'a> Fields<'a> {
    /// The named settings block of the payload, if it is an object (or a
    /// one-element array of one).
    pub(super) fn of(ctx: &PayloadCtx<'a>, name: &'static str) -> Option<Fields<'a>> {
        ctx.block(name).map(|block| Fields { block, name })
    }

    pub(super) fn ptr(&self, key: &str) -> String {
        self.block.ptr(key)
    }

    pub(super) fn field(&self, key: &str) -> Field {
        match self.block.get(key) {
            Some(value) => match value.as_str() {
                Some(s) if s.trim().is_empty() => Field::Empty,
                Some(_) => Field::Set,
                None => Field::Unknown,
            },
            None if self.misspelled(key) => Field::Unknown,
            None => Field::Absent,
        }
    }

    pub(super) fn flag(&self, key: &str) -> Flag {
        match self.block.get(key) {
            Some(value) => match value.as_bool() {
                Some(true) => Flag::True,
                Some(false) => Flag::False,
                None => Flag::Unknown,
            },
            None if self.misspelled(key) => Flag::Unknown,
            None => Flag::Absent,
        }
    }

    /// The keys among `keys` that are set, in source order.
    pub(super) fn set_in_source_order(
        &self,
        doc: &Document,
        keys: &[&'static str],
    ) -> Vec<&'static str> {
        let mut set: Vec<&'static str> = keys
            .iter()
            .copied()
            .filter(|k| self.field(k).is_set())
            .collect();
        sort_by_source(doc, self, &mut set);
        set
    }

    /// Whether the block holds a key the schema does not define here whose
    /// closest field is `key`: `unknown-field` reports that key and names
    /// `key` as the fix, so `key` is not judged missing as well.
    fn misspelled(&self, key: &str) -> bool {
        let known = vocabulary().fields(self.name);
        if known.is_empty() {
            return false;
        }
        self.block
            .map
            .keys()
            .filter(|k| !known.iter().any(|f| f == *k))
            .any(|k| closest(known, k).is_some_and(|f| f == key))
    }
}

/// Sorts keys of one block by where they are in the file.
pub(super) fn sort_by_source(doc: &Document, fields: &Fields<'_>, keys: &mut [&'static str]) {
    keys.sort_by_key(|k| doc.key_span(&fields.ptr(k)).start);
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
pub(super) fn list(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `it` or `them`, for `n` fields.
pub(super) fn them(n: usize) -> &'static str {
    if n == 1 {
        "it"
    } else {
        "them"
    }
}

/// Reports fields the server ignores because of a switch, once for the
/// block: at the switch's value when it is written (`switch`), else at the
/// first field's key; every other field is a related location.
pub(super) fn report_ignored<'d>(
    ctx: &'d mut PayloadCtx<'_>,
    rule: &'static Rule,
    f: &Fields<'_>,
    switch: Option<&str>,
    fields: &[&'static str],
    message: String,
) -> &'d mut Diagnostic {
    let others = if switch.is_some() {
        fields
    } else {
        &fields[1..]
    };
    let related: Vec<_> = others
        .iter()
        .map(|k| ctx.related_key(&f.ptr(k), "ignored"))
        .collect();
    let d = match switch {
        Some(switch) => ctx.at_value(rule, &f.ptr(switch), message),
        None => ctx.at_key(rule, &f.ptr(fields[0]), message),
    };
    for r in related {
        d.related(r);
    }
    d
}

/// The field `unknown-field` would suggest for `key` by spelling: the same
/// name but for case and separators, else the closest within a few edits.
/// (The same measure as `schema::suggest`.)
fn closest<'v>(known: &'v [String], key: &str) -> Option<&'v str> {
    let wanted = normalize(key);
    if wanted.is_empty() {
        return None;
    }
    if let Some(f) = known.iter().find(|f| normalize(f) == wanted) {
        return Some(f);
    }
    let limit = match wanted.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    known
        .iter()
        .map(|f| (distance(&normalize(f), &wanted), f))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(list(&["a"]), "`a`");
        assert_eq!(list(&["a", "b"]), "`a` and `b`");
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` and `c`");
    }

    #[test]
    fn vocabulary_knows_the_blocks() {
        for block in ["execution_settings", "session_settings", "jit_settings"] {
            assert!(
                vocabulary()
                    .fields(block)
                    .iter()
                    .any(|f| f == "authentication_ip"),
                "{block}"
            );
        }
    }

    #[test]
    fn closest_matches_the_misspelled_field() {
        let known = vocabulary().fields("execution_settings");
        assert_eq!(closest(known, "change_templte"), Some("change_template"));
        assert_eq!(closest(known, "Change_Template"), Some("change_template"));
        assert_eq!(
            closest(known, "reconcilation_ip"),
            Some("reconciliation_ip")
        );
        assert_eq!(closest(known, "colour"), None);
    }
}

/// Runs the whole engine over one text, for the rules' unit tests.
#[cfg(test)]
pub(super) mod testing {
    use crate::config::ApiVersion;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::{Config, Engine, Input};

    pub fn check(api: ApiVersion, text: &str) -> Vec<Diagnostic> {
        let mut config = Config::new();
        config.api_version = api;
        let engine = Engine::new(config).expect("engine builds");
        let report = engine.check(vec![Input::Stdin {
            name: "test.json".into(),
            bytes: text.as_bytes().to_vec(),
        }]);
        report
            .files
            .into_iter()
            .flat_map(|f| f.diagnostics)
            .collect()
    }

    /// `(rule, pointer, severity, server code)` of every diagnostic.
    pub fn summary(
        api: ApiVersion,
        text: &str,
    ) -> Vec<(&'static str, String, Severity, Option<u16>)> {
        check(api, text)
            .into_iter()
            .map(|d| (d.rule, d.pointer, d.severity, d.server_code))
            .collect()
    }

    /// A payload with one block.
    pub fn payload(block: &str, body: &str) -> String {
        format!(
            "{{\"username\": \"svc\", \"hostname\": \"h1\", \"ip\": \"10.0.0.1\", \"{block}\": {body}}}"
        )
    }
}
