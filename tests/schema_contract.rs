//! The committed schema matches the types, and the schema and the types agree on what a
//! request is.
//!
//! - `committed_schema_is_current`: `schema/credential-request.schema.json` equals
//!   `schema_text()`. Run with `CREDLINT_UPDATE_SCHEMA=1` to rewrite it instead of failing.
//! - `schema_and_types_agree_on_fixtures`: for every `fixtures/contract/*.json`,
//!   `serde_json::from_str::<CredentialRequest>` succeeds exactly when the compiled schema
//!   accepts, and both match the file name (`valid-*` / `invalid-*`).
//!
//! Known, deliberate gaps between the two (no fixture exercises them): a float with an integral
//! value (`123.0`) or an integer beyond `i64` in `parent_password` is an `integer` to JSON
//! Schema but not to serde; a duplicate top-level key is an error to serde but the last value
//! wins for the schema (credlint reports it as `duplicate-key`); a top-level JSON array of
//! field values deserializes through serde's sequence form (credlint never deserializes a
//! non-object payload).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use credlint::model::CredentialRequest;
use credlint::schema::generate::{generate_schema, schema_text, SCHEMA_PATH};
use serde_json::Value;

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_schema_is_current() {
    let path = crate_root().join(SCHEMA_PATH);
    let expected = schema_text();
    if std::env::var_os("CREDLINT_UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        fs::write(&path, &expected).expect("write the schema");
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{} is stale; regenerate it with `CREDLINT_UPDATE_SCHEMA=1 cargo test --test schema_contract`",
        path.display()
    );
    let parsed: Value = serde_json::from_str(&committed).expect("committed schema is JSON");
    assert_eq!(parsed, generate_schema());
}

#[test]
fn schema_has_no_null() {
    // Walks subschemas only: keys under `properties`/`$defs` are names, and `default`,
    // `examples`, `enum` hold instance values.
    fn walk(schema: &Value, at: &str) {
        let Some(map) = schema.as_object() else {
            return;
        };
        assert!(!map.contains_key("nullable"), "`nullable` at {at}");
        if let Some(t) = map.get("type") {
            assert!(
                t.is_string() && t != "null",
                "`type` at {at} must be one non-null type, found {t}"
            );
        }
        if let Some(values) = map.get("enum").and_then(Value::as_array) {
            assert!(!values.contains(&Value::Null), "`null` in `enum` at {at}");
        }
        for (key, child) in map {
            match (key.as_str(), child) {
                ("default" | "examples" | "enum" | "const", _) => {}
                ("properties" | "$defs", Value::Object(named)) => {
                    for (name, sub) in named {
                        walk(sub, &format!("{at}/{key}/{name}"));
                    }
                }
                (_, Value::Array(subs)) => {
                    for (i, sub) in subs.iter().enumerate() {
                        walk(sub, &format!("{at}/{key}/{i}"));
                    }
                }
                (_, sub) => walk(sub, &format!("{at}/{key}")),
            }
        }
    }
    walk(&generate_schema(), "");
}

struct Fixture {
    name: String,
    text: String,
    value: Value,
}

fn fixtures() -> Vec<Fixture> {
    let dir = crate_root().join("fixtures/contract");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).expect("read fixture");
            // Every fixture is well-formed JSON, so an `invalid-*` file is rejected for what it
            // says, never for a syntax error.
            let value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{name} is not well-formed JSON: {e}"));
            Fixture { name, text, value }
        })
        .collect()
}

#[test]
fn schema_and_types_agree_on_fixtures() {
    let schema = generate_schema();
    let validator = jsonschema::draft202012::options()
        .build(&schema)
        .expect("the generated schema compiles");

    let fixtures = fixtures();
    let (mut valid, mut invalid) = (0, 0);
    let mut failures = Vec::new();
    for Fixture { name, text, value } in &fixtures {
        let expected = if name.starts_with("valid-") {
            valid += 1;
            true
        } else if name.starts_with("invalid-") {
            invalid += 1;
            false
        } else {
            panic!("{name}: fixture names start with `valid-` or `invalid-`");
        };

        let typed = serde_json::from_str::<CredentialRequest>(text);
        let schema_errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| format!("{} at `{}`", e, e.instance_path()))
            .collect();
        let by_types = typed.is_ok();
        let by_schema = schema_errors.is_empty();

        if by_types != expected || by_schema != expected {
            failures.push(format!(
                "{name}: expected {}, types say {} ({}), schema says {} ({})",
                verdict(expected),
                verdict(by_types),
                typed
                    .as_ref()
                    .err()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                verdict(by_schema),
                schema_errors.join("; "),
            ));
        }

        // What the types accept, they write back unchanged (no field lost or renamed).
        if let Ok(request) = typed {
            let written = serde_json::to_value(&request).expect("serialize");
            if &written != value {
                failures.push(format!("{name}: round trip changed the payload: {written}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert!(valid >= 8, "only {valid} valid fixtures");
    assert!(invalid >= 20, "only {invalid} invalid fixtures");
}

fn verdict(accepts: bool) -> &'static str {
    if accepts {
        "accept"
    } else {
        "reject"
    }
}

/// Every field the schema defines, at every level, appears in at least one valid fixture, so
/// the agreement above is checked for each of them.
#[test]
fn valid_fixtures_cover_every_field() {
    fn schema_paths(root: &Value, node: &Value, at: &str, out: &mut BTreeSet<String>) {
        let node = match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.strip_prefix("#/$defs/").expect("local $ref");
                &root["$defs"][name]
            }
            None => node,
        };
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            for (key, child) in properties {
                let path = format!("{at}/{key}");
                out.insert(path.clone());
                schema_paths(root, child, &path, out);
            }
        }
        if let Some(items) = node.get("items") {
            schema_paths(root, items, &format!("{at}/*"), out);
        }
    }

    fn instance_paths(node: &Value, at: &str, out: &mut BTreeSet<String>) {
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    let path = format!("{at}/{key}");
                    out.insert(path.clone());
                    instance_paths(child, &path, out);
                }
            }
            Value::Array(items) => {
                for child in items {
                    instance_paths(child, &format!("{at}/*"), out);
                }
            }
            _ => {}
        }
    }

    let schema = generate_schema();
    let mut defined = BTreeSet::new();
    schema_paths(&schema, &schema, "", &mut defined);

    let mut used = BTreeSet::new();
    for fixture in fixtures().iter().filter(|f| f.name.starts_with("valid-")) {
        instance_paths(&fixture.value, "", &mut used);
    }

    let missing: Vec<_> = defined.difference(&used).collect();
    assert!(missing.is_empty(), "no valid fixture uses {missing:?}");
    assert!(
        defined.len() > 60,
        "walked only {} schema fields",
        defined.len()
    );
}
