//! The rule registry and the context rules report through.
//!
//! Adding a rule is one file (or one entry in a family's file) plus one line
//! in [`RULES`]. Rules read the payload through [`Block`] getters that only
//! yield values of the right JSON type, so a value the schema already
//! rejected never feeds a rule (no cascades), and a broken block never
//! hides the others.

mod connectivity;
pub mod corpus;
pub mod docs;
mod empty_value;
mod execution;
mod identity;
mod jit;
mod lists;
mod pairing;
mod presence;
pub mod protocols;
mod reference;
mod schema_rules;
mod security;
mod session;
mod syntax;
mod values;

use crate::config::ApiVersion;
use crate::diagnostic::{Diagnostic, Related, Severity, Span};
use crate::json::{pointer, Document};
use crate::secrets::Placeholders;
use serde_json::{Map, Value};

pub use schema_rules::{
    INVALID_ENUM, MISSING_REQUIRED, SETTINGS_ARRAY_FORM, TYPE_MISMATCH, UNKNOWN_FIELD,
    WRONG_CONTAINER,
};
pub use syntax::{DUPLICATE_KEY, INVALID_JSON, NOT_AN_OBJECT};

/// The families `credlint rules` groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Syntax,
    Schema,
    Values,
    Jit,
    Pairing,
    Security,
    Corpus,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Syntax => "syntax",
            Group::Schema => "schema",
            Group::Values => "values",
            Group::Jit => "jit",
            Group::Pairing => "pairing",
            Group::Security => "security",
            Group::Corpus => "corpus",
        }
    }
}

/// A rule's user documentation; `credlint explain`, `credlint rules` and
/// `docs/rules/<name>.md` are all made from it.
#[derive(Debug)]
pub struct RuleDoc {
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// What it does.
    pub what: &'static str,
    /// Why it matters: what the server does with such a payload.
    pub why: &'static str,
    /// A file that yields exactly one diagnostic of this rule.
    pub example: &'static str,
    /// The same file fixed: no diagnostic of this rule.
    pub use_instead: &'static str,
}

/// How a rule runs.
pub enum Check {
    /// Emitted by the parser or the schema mapping, not by a function here.
    Builtin,
    /// Runs once per payload.
    Payload(fn(&mut PayloadCtx<'_>)),
}

pub struct Rule {
    pub name: &'static str,
    pub severity: Severity,
    pub group: Group,
    pub server_code: Option<u16>,
    pub doc: RuleDoc,
    pub check: Check,
}

impl Rule {
    /// Where the rule's page lives in the repository.
    pub fn doc_path(&self) -> String {
        format!("docs/rules/{}.md", self.name)
    }

    /// A diagnostic of this rule with its default severity and server code.
    pub fn diagnostic(
        &'static self,
        pointer: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(self.name, self.severity, pointer, span, message)
            .with_server_code(self.server_code)
    }
}

/// Every rule credlint knows, in the order `credlint rules` lists them.
pub static RULES: &[&Rule] = &[
    &syntax::INVALID_JSON,
    &syntax::DUPLICATE_KEY,
    &syntax::NOT_AN_OBJECT,
    &schema_rules::MISSING_REQUIRED,
    &schema_rules::TYPE_MISMATCH,
    &schema_rules::WRONG_CONTAINER,
    &schema_rules::SETTINGS_ARRAY_FORM,
    &schema_rules::UNKNOWN_FIELD,
    &schema_rules::INVALID_ENUM,
    &empty_value::EMPTY_VALUE,
    &connectivity::CONNECTIVITIES_FORMAT,
    &connectivity::SESSION_REMOTE_CONFIG_FORMAT,
    &lists::LIST_FORMAT,
    &values::TOTP_SECRET_FORMAT,
    &values::ADDRESS_FORMAT,
    &values::SURROUNDING_WHITESPACE,
    &values::IDENTIFIER_FORMAT,
    &lists::DEVICE_DOMAIN_FORMAT,
    &connectivity::PROTOCOL_NAME,
    &values::DEVICE_TYPE_CONFUSION,
    &values::EMPTY_USERNAME,
    &jit::JIT_MODES_EXCLUSIVE,
    &jit::JIT_NO_MODE,
    &jit::JIT_SETTINGS_IGNORED,
    &jit::JIT_INACTIVE_MODE_FIELDS,
    &pairing::PLUGIN_TEMPLATE_PAIR,
    &reference::INCOMPLETE_REFERENCE,
    &reference::AUTHENTICATION_REQUIRED,
    &reference::AUTHENTICATION_IGNORED,
    &execution::ROTATION_INCOMPLETE,
    &execution::RECONCILIATION_INCOMPLETE,
    &execution::RECONCILIATION_IGNORED,
    &session::REMOTE_APP_MACROS,
    &session::MACRO_CONNECTIVITY_DISABLED,
    &session::MISPLACED_CONNECTIVITY,
    &identity::SELF_REFERENCE,
    &identity::PARENT_CONFLICT,
    &identity::IDENTIFIER_CONFLICT,
    &security::PLAINTEXT_SECRET,
    &corpus::DUPLICATE_CREDENTIAL,
    &corpus::CATALOGUE_NEAR_DUPLICATE,
];

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

/// One object of the payload (the top level or a settings block) with its pointer.
#[derive(Clone)]
pub struct Block<'a> {
    pub pointer: String,
    pub map: &'a Map<String, Value>,
}

impl<'a> Block<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The value if it is a string (a value of another type was reported by the schema).
    pub fn str(&self, key: &str) -> Option<&'a str> {
        self.map.get(key).and_then(Value::as_str)
    }

    /// A string that is set to something other than blanks.
    pub fn non_empty(&self, key: &str) -> Option<&'a str> {
        self.str(key).filter(|s| !s.trim().is_empty())
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        self.map.get(key).and_then(Value::as_bool)
    }

    pub fn array(&self, key: &str) -> Option<&'a Vec<Value>> {
        self.map.get(key).and_then(Value::as_array)
    }

    pub fn ptr(&self, key: &str) -> String {
        pointer::push(&self.pointer, key)
    }
}

/// A settings block found in the payload: its pointer and its object.
type FoundBlock<'a> = (String, &'a Map<String, Value>);

/// What a payload rule sees and reports through.
pub struct PayloadCtx<'a> {
    pub doc: &'a Document,
    /// The payload object and its pointer (`""`, or `/3` in a batch).
    payload: Block<'a>,
    pub api: ApiVersion,
    pub placeholders: &'a Placeholders,
    /// Settings blocks as rules should see them: the object itself, or the
    /// object inside a one-element array (D2), with the pointer to it.
    blocks: [(&'static str, Option<FoundBlock<'a>>); 4],
    out: Vec<Diagnostic>,
}

pub use crate::model::SETTINGS_BLOCKS;

impl<'a> PayloadCtx<'a> {
    pub fn new(
        doc: &'a Document,
        pointer: &'a str,
        map: &'a Map<String, Value>,
        api: ApiVersion,
        placeholders: &'a Placeholders,
    ) -> PayloadCtx<'a> {
        let blocks = SETTINGS_BLOCKS.map(|name| {
            let block_ptr = pointer::push(pointer, name);
            let found = match map.get(name) {
                Some(Value::Object(inner)) => Some((block_ptr, inner)),
                Some(Value::Array(items)) if items.len() == 1 => match &items[0] {
                    Value::Object(inner) => Some((pointer::push_index(&block_ptr, 0), inner)),
                    _ => None,
                },
                _ => None,
            };
            (name, found)
        });
        PayloadCtx {
            doc,
            payload: Block {
                pointer: pointer.to_owned(),
                map,
            },
            api,
            placeholders,
            blocks,
            out: Vec::new(),
        }
    }

    /// A settings block, if present as an object (or a one-element array of one).
    pub fn block(&self, name: &str) -> Option<Block<'a>> {
        self.blocks
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, found)| found.as_ref())
            .map(|(ptr, map)| Block {
                pointer: ptr.clone(),
                map,
            })
    }

    pub fn top(&self) -> Block<'a> {
        self.payload.clone()
    }

    /// Reports at a value.
    pub fn at_value(
        &mut self,
        rule: &'static Rule,
        pointer: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let span = self.doc.value_span(pointer);
        self.push(rule.diagnostic(pointer, span, message))
    }

    /// Reports at a key (unknown or misplaced fields).
    pub fn at_key(
        &mut self,
        rule: &'static Rule,
        pointer: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let span = self.doc.key_span(pointer);
        self.push(rule.diagnostic(pointer, span, message))
    }

    /// Reports at an object that lacks something: its opening brace.
    pub fn at_object(
        &mut self,
        rule: &'static Rule,
        pointer: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let span = self.doc.open_span(pointer);
        self.push(rule.diagnostic(pointer, span, message))
    }

    /// A related location in this file, at the value the pointer names.
    pub fn related(&self, pointer: &str, message: impl Into<String>) -> Related {
        Related {
            path: None,
            pointer: pointer.to_owned(),
            message: message.into(),
            span: self.doc.value_span(pointer),
        }
    }

    /// A related location at a key.
    pub fn related_key(&self, pointer: &str, message: impl Into<String>) -> Related {
        Related {
            path: None,
            pointer: pointer.to_owned(),
            message: message.into(),
            span: self.doc.key_span(pointer),
        }
    }

    fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// Runs every payload rule over one payload.
pub fn check_payload(ctx: &mut PayloadCtx<'_>) {
    for rule in RULES {
        if let Check::Payload(check) = rule.check {
            check(ctx);
        }
    }
}

/// Builder sugar for the `&mut Diagnostic` that `at_*` return.
pub trait DiagnosticExt {
    fn help(&mut self, help: impl Into<String>) -> &mut Self;
    fn label(&mut self, label: impl Into<String>) -> &mut Self;
    fn related(&mut self, related: Related) -> &mut Self;
    fn severity(&mut self, severity: Severity) -> &mut Self;
    fn server_code(&mut self, code: Option<u16>) -> &mut Self;
}

impl DiagnosticExt for Diagnostic {
    fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
    fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }
    fn related(&mut self, related: Related) -> &mut Self {
        self.related.push(related);
        self
    }
    fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
    fn server_code(&mut self, code: Option<u16>) -> &mut Self {
        self.server_code = code;
        self
    }
}
