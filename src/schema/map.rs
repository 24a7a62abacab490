//! Runs the validator on one payload and turns each error into a diagnostic
//! worded for people, at the exact key or value.

use super::suggest::suggest;
use super::vocabulary::{level_of, subschema, Vocabulary};
use crate::config::ApiVersion;
use crate::diagnostic::Diagnostic;
use crate::json::{pointer, Document};
use crate::rules::{
    Rule, INVALID_ENUM, MISSING_REQUIRED, SETTINGS_ARRAY_FORM, SETTINGS_BLOCKS, TYPE_MISMATCH,
    UNKNOWN_FIELD, WRONG_CONTAINER,
};
use crate::secrets::SECRET_FIELDS;
use jsonschema::error::ValidationErrorKind;
use jsonschema::Validator;
use serde_json::Value;
use std::borrow::Cow;

/// A mapped validator error: `priority` orders errors at one value (0 and 1
/// object-level, 2+ value-level); `field` is the required field that is
/// missing, or the field an unknown key was meant to be.
struct Mapped {
    priority: u8,
    diagnostic: Diagnostic,
    field: Option<String>,
}

impl Mapped {
    fn value(priority: u8, diagnostic: Diagnostic) -> Mapped {
        Mapped {
            priority,
            diagnostic,
            field: None,
        }
    }
}

/// `hostame` for `hostname` is one mistake: the unknown key's diagnostic
/// takes over the missing field's server code, and the "missing" one goes.
fn merge_misspelled_required(mapped: &mut Vec<Mapped>) {
    let mut merged = Vec::new();
    for (i, missing) in mapped.iter().enumerate() {
        if missing.diagnostic.rule != MISSING_REQUIRED.name {
            continue;
        }
        let object = &missing.diagnostic.pointer;
        if let Some(typo) = mapped.iter().position(|m| {
            m.diagnostic.rule == UNKNOWN_FIELD.name
                && pointer::parent(&m.diagnostic.pointer) == object
                && m.field == missing.field
        }) {
            merged.push((i, typo));
        }
    }
    for (missing, typo) in &merged {
        let code = mapped[*missing].diagnostic.server_code;
        let field = mapped[*missing].field.clone().unwrap_or_default();
        let d = &mut mapped[*typo].diagnostic;
        d.server_code = code;
        d.label = Some(format!(
            "the server ignores this key, so `{field}` is missing"
        ));
    }
    let mut gone: Vec<usize> = merged.iter().map(|(m, _)| *m).collect();
    gone.sort_unstable();
    for i in gone.into_iter().rev() {
        mapped.remove(i);
    }
}

/// A key in back-ticks for messages; keys that hold back-ticks get quotes.
fn quoted(key: &str) -> String {
    if key.contains('`') {
        format!("\"{key}\"")
    } else {
        format!("`{key}`")
    }
}

/// What the schema check needs of the run's configuration.
#[derive(Clone, Copy)]
pub struct CheckOptions<'a> {
    pub placeholders: &'a crate::secrets::Placeholders,
    /// Merge "`hostame` unknown" and "`hostname` missing" into one diagnostic.
    /// Off when `unknown-field` is re-graded: the missing field must then be
    /// reported on its own, as the error the server answers with.
    pub merge_misspelled_required: bool,
}

/// The compiled schema, built once per run and shared by every file and thread.
pub struct SchemaChecker {
    validator: Validator,
    schema: Value,
    vocabulary: Vocabulary,
}

/// Comma-separated list fields, which people often send as JSON arrays.
const LIST_FIELDS: [&str; 4] = ["tags", "device_tags", "connectivities", "device_domain"];

impl SchemaChecker {
    /// Compiles the embedded (committed) schema.
    pub fn new() -> Result<SchemaChecker, String> {
        let schema = super::embedded_schema();
        if !schema.is_object() {
            return Err("the embedded schema is not a JSON object".into());
        }
        SchemaChecker::from_schema(schema.clone())
    }

    pub fn from_schema(schema: Value) -> Result<SchemaChecker, String> {
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(false)
            .build(&schema)
            .map_err(|e| format!("the schema does not compile: {e}"))?;
        let vocabulary = Vocabulary::from_schema(&schema);
        Ok(SchemaChecker {
            validator,
            schema,
            vocabulary,
        })
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Checks the payload at `base` (its object value is `payload`).
    pub fn check(
        &self,
        doc: &Document,
        base: &str,
        payload: &Value,
        api: ApiVersion,
        options: CheckOptions<'_>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let (normalized, unwrapped) = self.normalize_settings(doc, base, payload, api, &mut out);
        let instance = normalized.as_ref().unwrap_or(payload);
        let mut mapped: Vec<Mapped> = Vec::new();
        for error in self.validator.iter_errors(instance) {
            let tokens: Vec<String> = error
                .instance_path()
                .iter()
                .map(|segment| segment.to_string())
                .collect();
            // The pointer into the file: re-insert the `/0` of unwrapped settings arrays.
            let mut doc_ptr = base.to_owned();
            for (i, token) in tokens.iter().enumerate() {
                doc_ptr = pointer::push(&doc_ptr, token);
                if i == 0 && unwrapped.contains(&token.as_str()) {
                    doc_ptr = pointer::push_index(&doc_ptr, 0);
                }
            }
            // A placeholder stands for a value filled in later: no enum judges it.
            let placeholder = error
                .instance()
                .as_str()
                .is_some_and(|v| options.placeholders.matches(v));
            if placeholder
                && matches!(
                    error.kind(),
                    ValidationErrorKind::Enum { .. }
                        | ValidationErrorKind::Constant { .. }
                        | ValidationErrorKind::OneOfNotValid { .. }
                        | ValidationErrorKind::AnyOf { .. }
                )
            {
                continue;
            }
            if let Some(items) =
                self.map_error(doc, &doc_ptr, &tokens, error.instance(), error.kind())
            {
                mapped.extend(items);
            }
        }
        if options.merge_misspelled_required {
            merge_misspelled_required(&mut mapped);
        }
        // One mistake, one diagnostic: a value that fails both `type` and
        // `enum` keeps only the first by priority.
        mapped.sort_by(|a, b| {
            (&a.diagnostic.pointer, a.priority).cmp(&(&b.diagnostic.pointer, b.priority))
        });
        let mut last_value: Option<String> = None;
        for m in mapped {
            if m.priority >= 2 {
                if last_value.as_deref() == Some(m.diagnostic.pointer.as_str()) {
                    continue;
                }
                last_value = Some(m.diagnostic.pointer.clone());
            }
            out.push(m.diagnostic);
        }
        out
    }

    /// Unwraps one-element settings arrays (D2) for validation; reports them,
    /// and reports (and drops) any other array sent as a settings block.
    fn normalize_settings(
        &self,
        doc: &Document,
        base: &str,
        payload: &Value,
        api: ApiVersion,
        out: &mut Vec<Diagnostic>,
    ) -> (Option<Value>, Vec<&'static str>) {
        let mut normalized: Option<Value> = None;
        let mut unwrapped = Vec::new();
        for name in SETTINGS_BLOCKS {
            let Some(Value::Array(items)) = payload.get(name) else {
                continue;
            };
            let ptr = pointer::push(base, name);
            let copy = normalized.get_or_insert_with(|| payload.clone());
            let map = copy.as_object_mut().expect("payloads are objects");
            if let [only @ Value::Object(_)] = items.as_slice() {
                unwrapped.push(name);
                map.insert(name.to_owned(), only.clone());
                if api != ApiVersion::V3_32 {
                    out.push(
                        SETTINGS_ARRAY_FORM
                            .diagnostic(&ptr, doc.value_span(&ptr), format!("`{name}` is sent as an array holding one object"))
                            .with_label("the reference defines this block as an object")
                            .with_help(format!("remove the `[` `]` around the object: `\"{name}\": {{ … }}` (the array form is the v3.32 layout; set `api_version = \"3.32\"` if you target those servers)")),
                    );
                }
            } else {
                map.remove(name);
                let what = match items.len() {
                    0 => "an empty array".to_owned(),
                    1 => format!("an array holding {}", type_phrase(&items[0])),
                    n => format!("an array of {n} items"),
                };
                let help = if items.iter().all(Value::is_object) && items.len() > 1 {
                    format!("merge the items into one object: `\"{name}\": {{ … }}`")
                } else {
                    format!("write the block as one object: `\"{name}\": {{ … }}`")
                };
                out.push(
                    WRONG_CONTAINER
                        .diagnostic(
                            &ptr,
                            doc.value_span(&ptr),
                            format!("`{name}` must be one object, not {what}"),
                        )
                        .with_label("the server reads this block as one object")
                        .with_help(help),
                );
            }
        }
        (normalized, unwrapped)
    }

    /// Returns the diagnostics for one validator error, each with a priority
    /// (0 object-level, 2+ value-level) used to drop repeats at one value.
    fn map_error(
        &self,
        doc: &Document,
        doc_ptr: &str,
        tokens: &[String],
        value: &Value,
        kind: &ValidationErrorKind,
    ) -> Option<Vec<Mapped>> {
        let path = display_path(tokens);
        match kind {
            ValidationErrorKind::Required { property } => {
                let field = property.as_str()?;
                Some(vec![Mapped {
                    priority: 1,
                    diagnostic: self.missing(doc, doc_ptr, tokens, field),
                    field: Some(field.to_owned()),
                }])
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let level = level_of(tokens);
                Some(
                    unexpected
                        .iter()
                        // `connectivity` directly in `session_settings` (D4) is
                        // reported by the `misplaced-connectivity` rule, which
                        // says which macros it belongs in: one mistake, one
                        // diagnostic, so it is not also an `unknown-field`.
                        .filter(|key| {
                            !(level == "session_settings" && key.as_str() == "connectivity")
                        })
                        .map(|key| {
                            let ptr = pointer::push(doc_ptr, key);
                            let place = if level.is_empty() {
                                "the request".to_owned()
                            } else {
                                format!("`{level}`")
                            };
                            let suggestion = suggest(&self.vocabulary, &level, key);
                            let mut d = UNKNOWN_FIELD
                                .diagnostic(
                                    &ptr,
                                    doc.key_span(&ptr),
                                    format!("{} is not a field of {place}", quoted(key)),
                                )
                                .with_label("the server ignores this key");
                            let (help, meant) = suggestion.unwrap_or_else(|| {
                                let fields = self.vocabulary.fields(&level);
                                (
                                    format!(
                                        "remove it; the fields here are: {}",
                                        list_fields(fields)
                                    ),
                                    None,
                                )
                            });
                            d.help = Some(help);
                            Mapped {
                                priority: 0,
                                diagnostic: d,
                                field: meant,
                            }
                        })
                        .collect(),
                )
            }
            ValidationErrorKind::Type { .. } => {
                let expected = subschema(&self.schema, tokens)
                    .and_then(|s| s.get("type"))
                    .and_then(Value::as_str)
                    .unwrap_or("string");
                Some(vec![Mapped::value(
                    2,
                    self.type_error(doc, doc_ptr, tokens, &path, value, expected),
                )])
            }
            ValidationErrorKind::Enum { options } => {
                let choices: Vec<&str> = options
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                Some(vec![Mapped::value(
                    3,
                    enum_error(doc, doc_ptr, &path, value, &choices),
                )])
            }
            ValidationErrorKind::Constant { expected_value } => {
                let choices: Vec<&str> = expected_value.as_str().into_iter().collect();
                Some(vec![Mapped::value(
                    3,
                    enum_error(doc, doc_ptr, &path, value, &choices),
                )])
            }
            ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. } => {
                // Enums documented per variant come as `oneOf` of `const`s.
                let choices = subschema(&self.schema, tokens)
                    .map(|s| enum_choices(&self.schema, s))
                    .unwrap_or_default();
                let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
                Some(vec![Mapped::value(
                    3,
                    enum_error(doc, doc_ptr, &path, value, &choices),
                )])
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => Some(vec![Mapped::value(
                4,
                TYPE_MISMATCH
                    .diagnostic(
                        doc_ptr,
                        doc.value_span(doc_ptr),
                        format!("`{path}` must be at least {limit}"),
                    )
                    .with_help(format!(
                        "`{path}` is the numeric id of a credential: a positive integer"
                    )),
            )]),
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => Some(vec![Mapped::value(
                4,
                TYPE_MISMATCH
                    .diagnostic(
                        doc_ptr,
                        doc.value_span(doc_ptr),
                        format!("`{path}` must be at most {limit}"),
                    )
                    .with_help("use the numeric id the server gave the parent credential"),
            )]),
            _ => Some(vec![Mapped::value(
                5,
                TYPE_MISMATCH
                    .diagnostic(
                        doc_ptr,
                        doc.value_span(doc_ptr),
                        format!("`{path}` does not match the schema (`{}`)", kind.keyword()),
                    )
                    .with_help("see `credlint schema` for what this field takes"),
            )]),
        }
    }

    fn missing(&self, doc: &Document, doc_ptr: &str, tokens: &[String], field: &str) -> Diagnostic {
        let (code, why, help) = match (tokens.is_empty(), field) {
            (true, "username") => (
                Some(1042),
                "the server answers 1042 \"Invalid username\"",
                "add the key, even with an empty value: `\"username\": \"\"` (the server then names the credential `usr`)".to_owned(),
            ),
            (true, "hostname") => (
                Some(1004),
                "the server answers 1004 \"The device's hostname was not informed\"",
                "add the device's name: `\"hostname\": \"db01\"`".to_owned(),
            ),
            (true, "ip") => (
                Some(1005),
                "the server answers 1005 \"The device's IP was not informed\"",
                "add the device's address: `\"ip\": \"10.0.0.5\"` (a DNS name or URL also works)".to_owned(),
            ),
            _ => (None, "the server rejects the request", format!("add `\"{field}\"`")),
        };
        let place = if tokens.is_empty() {
            match pointer::last_token(doc_ptr) {
                Some(index) => format!("batch element {index}"),
                None => "the payload".to_owned(),
            }
        } else {
            format!("`{}`", display_path(tokens))
        };
        MISSING_REQUIRED
            .diagnostic(
                doc_ptr,
                doc.open_span(doc_ptr),
                format!("{place} has no `{field}`"),
            )
            .with_server_code(code)
            .with_label(format!("`{field}` is missing here: {why}"))
            .with_help(help)
    }

    fn type_error(
        &self,
        doc: &Document,
        doc_ptr: &str,
        tokens: &[String],
        path: &str,
        value: &Value,
        expected: &str,
    ) -> Diagnostic {
        let key = tokens.last().map(String::as_str).unwrap_or("");
        let secret = SECRET_FIELDS.contains(&key);
        let span = doc.value_span(doc_ptr);
        let actual = type_phrase(value);
        let container =
            matches!(expected, "object" | "array") && (value.is_object() || value.is_array());
        let rule: &'static Rule = if container {
            &WRONG_CONTAINER
        } else {
            &TYPE_MISMATCH
        };
        let message = format!(
            "`{path}` must be {}, not {actual}",
            expected_phrase(expected)
        );
        let help: String = match (expected, value) {
            (_, Value::Null) => format!("omit `{key}` instead of sending `null`"),
            ("array", Value::Object(_)) => format!("wrap the object in `[ ]`: `\"{key}\": [ {{ … }} ]`"),
            ("object", Value::Array(_)) => "write one object `{ … }`, without the `[ ]`".to_owned(),
            ("boolean", Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                b @ ("true" | "false") => format!("drop the quotes: `\"{key}\": {b}`"),
                "1" | "yes" | "sim" | "on" => format!("write `\"{key}\": true`"),
                "0" | "no" | "não" | "nao" | "off" | "" => format!("write `\"{key}\": false`"),
                _ => "write `true` or `false`, without quotes".to_owned(),
            },
            ("boolean", Value::Number(n)) => match n.as_i64() {
                Some(1) => format!("write `\"{key}\": true`"),
                Some(0) => format!("write `\"{key}\": false`"),
                _ => "write `true` or `false`".to_owned(),
            },
            ("integer", Value::String(s)) if s.trim().is_empty() => {
                format!("omit `{key}` when there is none: an empty string is not an id")
            }
            ("integer", Value::String(s)) if s.trim().bytes().all(|b| b.is_ascii_digit()) => {
                format!("drop the quotes: `\"{key}\": {}`", s.trim())
            }
            ("integer", Value::String(_)) => format!("`{key}` is the numeric id of the parent credential, e.g. `\"{key}\": 123`"),
            ("integer", Value::Number(_)) => "write a whole number, without a fraction or exponent".to_owned(),
            ("string", Value::Number(n)) if matches!(key, "parent_hostname" | "parent_ip") => format!(
                "the reference labels `{key}` as `Int`, but it holds the parent's {}: send a string, e.g. `\"{key}\": \"{}\"`",
                if key == "parent_ip" { "address" } else { "host name" },
                n
            ),
            ("string", Value::Array(items)) if LIST_FIELDS.contains(&key) => {
                let joined: Vec<String> = items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect();
                let separator = if key == "device_domain" { "," } else { ", " };
                format!("send one comma-separated string: `\"{key}\": \"{}\"`", joined.join(separator))
            }
            ("string", Value::Array(_)) => "send a single string".to_owned(),
            ("string", Value::Object(_)) => format!("`{key}` takes a single string, not an object"),
            ("string", _) if secret => "put the value in double quotes".to_owned(),
            ("string", other) => format!("put the value in double quotes: `\"{key}\": \"{other}\"`"),
            (_, _) => format!("write `{key}` as {}", expected_phrase(expected)),
        };
        rule.diagnostic(doc_ptr, span, message)
            .with_label(format!("{actual} here"))
            .with_help(help)
    }
}

fn enum_error(
    doc: &Document,
    doc_ptr: &str,
    path: &str,
    value: &Value,
    choices: &[&str],
) -> Diagnostic {
    let shown = match value {
        Value::String(s) => format!("`{s}`"),
        other => type_phrase(other),
    };
    let listed = match choices {
        [] => "one of the documented values".to_owned(),
        [only] => format!("`{only}`"),
        [init @ .., last] => format!(
            "{} or `{last}`",
            init.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut d = INVALID_ENUM
        .diagnostic(
            doc_ptr,
            doc.value_span(doc_ptr),
            format!("`{path}` must be {listed}, not {shown}"),
        )
        .with_label("not a value the server knows");
    let fix = value.as_str().and_then(|s| enum_fix(s, choices));
    d.help = Some(match fix {
        Some((fixed, true)) => format!("the reference's description is in Portuguese, but the values are English: write `\"{fixed}\"`"),
        Some((fixed, false)) => format!("values are case-sensitive: write `\"{fixed}\"`"),
        None => format!("write one of {listed}"),
    });
    d
}

/// The value meant by a mis-cased or Portuguese enum value; `true` when translated.
fn enum_fix<'c>(given: &str, choices: &[&'c str]) -> Option<(Cow<'c, str>, bool)> {
    let folded = given.trim().to_lowercase();
    if let Some(c) = choices.iter().find(|c| c.to_lowercase() == folded) {
        return Some((Cow::Borrowed(*c), false));
    }
    let translated = match folded.as_str() {
        "baixo" | "baixa" => "Low",
        "médio" | "medio" | "média" | "media" => "Medium",
        "alto" | "alta" => "High",
        _ => return None,
    };
    choices
        .iter()
        .find(|c| **c == translated)
        .map(|c| (Cow::Borrowed(*c), true))
}

fn enum_choices(root: &Value, schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        out.extend(values.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    for key in ["oneOf", "anyOf"] {
        for variant in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let variant = super::vocabulary::resolve(root, variant);
            if let Some(c) = variant.get("const").and_then(Value::as_str) {
                out.push(c.to_owned());
            }
            out.extend(enum_choices(root, variant));
        }
    }
    out.dedup();
    out
}

/// `session_settings.macros[0].remote_app`, for messages.
fn display_path(tokens: &[String]) -> String {
    let mut out = String::new();
    for token in tokens {
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(token);
        }
    }
    out
}

fn list_fields(fields: &[String]) -> String {
    if fields.is_empty() {
        return "none".to_owned();
    }
    let shown: Vec<String> = fields.iter().take(12).map(|f| format!("`{f}`")).collect();
    if fields.len() > 12 {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

fn expected_phrase(expected: &str) -> &'static str {
    match expected {
        "string" => "a string",
        "boolean" => "a boolean (`true` or `false`)",
        "integer" => "an integer",
        "number" => "a number",
        "object" => "an object",
        "array" => "an array",
        _ => "another type",
    }
}

/// `a string`, `a number`, … for the value found.
pub fn type_phrase(value: &Value) -> String {
    match value {
        Value::Null => "`null`".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer".to_owned(),
        Value::Number(_) => "a number".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
