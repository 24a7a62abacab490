//! Generates the JSON Schema of the request from the model types.
//!
//! The committed file `schema/credential-request.schema.json` is exactly [`schema_text`]'s
//! output; `tests/schema_contract.rs` fails when the two drift apart.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::Schema;
use serde_json::{Map, Value};

use crate::model::CredentialRequest;

/// The JSON Schema dialect of the generated schema.
pub const META_SCHEMA: &str = "https://json-schema.org/draft/2020-12/schema";

/// The repository path, relative to the crate root, of the committed schema.
pub const SCHEMA_PATH: &str = "schema/credential-request.schema.json";

const COMMENT: &str = "Generated from credlint's Rust types (src/model); do not edit by hand. \
Regenerate with `credlint schema --write` or `CREDLINT_UPDATE_SCHEMA=1 cargo test`.";

/// The request schema (JSON Schema draft 2020-12), generated from [`CredentialRequest`].
///
/// Optional fields are their plain type (no `null`: the API does not accept it), every object
/// has `additionalProperties: false`, and properties are listed in the reference's order.
pub fn generate_schema() -> Value {
    let settings = SchemaSettings::draft2020_12().with(|s| {
        s.meta_schema = Some(META_SCHEMA.into());
        s.transforms.push(Box::new(RecursiveTransform(drop_null)));
        s.transforms
            .push(Box::new(RecursiveTransform(unwrap_description)));
        s.transforms
            .push(Box::new(RecursiveTransform(order_keywords)));
    });
    let schema = settings
        .into_generator()
        .into_root_schema_for::<CredentialRequest>();

    let Value::Object(mut root) = schema.to_value() else {
        unreachable!("a struct's schema is an object");
    };
    root.insert("$comment".into(), COMMENT.into());

    // Lead with the dialect and the title, as hand-written schemas do.
    let mut ordered = Map::new();
    for key in ["$schema", "title", "description", "$comment"] {
        if let Some(value) = root.shift_remove(key) {
            ordered.insert(key.into(), value);
        }
    }
    ordered.extend(root);
    Value::Object(ordered)
}

/// [`generate_schema`] as committed: pretty-printed with a 2-space indent, trailing newline.
pub fn schema_text() -> String {
    let mut text =
        serde_json::to_string_pretty(&generate_schema()).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// schemars renders `Option<T>` as `T` or `null` (`type: [T, "null"]`, or an `anyOf` with a
/// `{"type": "null"}` branch around a `$ref`). The API rejects `null` and the model's
/// deserializers do too, so drop the `null` alternative.
fn drop_null(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };

    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            obj.insert("type".into(), only);
        }
    }

    let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
    if let Some(Value::Array(branches)) = obj.get_mut("anyOf") {
        if branches.iter().any(is_null) {
            branches.retain(|b| !is_null(b));
            if let [Value::Object(_)] = branches.as_slice() {
                let Some(Value::Object(only)) = branches.pop() else {
                    unreachable!("checked above");
                };
                obj.shift_remove("anyOf");
                for (key, value) in only {
                    obj.entry(key).or_insert(value);
                }
            }
        }
    }
}

/// Doc comments arrive with their source line breaks; join wrapped lines with a space and keep
/// blank-line paragraph breaks, so editors show the descriptions as flowing text.
fn unwrap_description(schema: &mut Schema) {
    let Some(Value::String(text)) = schema.get_mut("description") else {
        return;
    };
    let unwrapped = text
        .split("\n\n")
        .map(|paragraph| {
            paragraph
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    *text = unwrapped;
}

/// Keywords in a stable, readable order: what the value is (`$ref`, `type`, `format`, `enum`,
/// `items`), then what it means (`description`, `default`, `examples`), then the rest
/// (`additionalProperties`, `properties`, `required`, ...) in generation order. Without this,
/// schemars' order depends on how a field's schema was built (a collapsed `Option<Enum>` ends
/// up with `examples` before `description` and `$ref` last).
fn order_keywords(schema: &mut Schema) {
    const LEADING: [&str; 8] = [
        "$ref",
        "type",
        "format",
        "enum",
        "items",
        "description",
        "default",
        "examples",
    ];
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let mut ordered = Map::new();
    for key in LEADING {
        if let Some(value) = obj.shift_remove(key) {
            ordered.insert(key.into(), value);
        }
    }
    ordered.append(obj);
    *obj = ordered;
}
