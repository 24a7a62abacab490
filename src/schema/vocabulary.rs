//! The field names at each level of the request, read from the schema.

use serde_json::Value;

/// Field names by level: `""` for the top level, `session_settings`,
/// `session_settings.macros[]`, … in schema order.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    levels: Vec<(String, Vec<String>)>,
}

impl Vocabulary {
    pub fn from_schema(schema: &Value) -> Vocabulary {
        let mut levels = Vec::new();
        collect(schema, schema, String::new(), &mut levels, 0);
        Vocabulary { levels }
    }

    pub fn fields(&self, level: &str) -> &[String] {
        self.levels
            .iter()
            .find(|(l, _)| l == level)
            .map_or(&[], |(_, f)| f.as_slice())
    }

    pub fn levels(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.levels.iter().map(|(l, f)| (l.as_str(), f.as_slice()))
    }
}

/// Follows `$ref` (to `#/$defs/…`) and single-element `allOf` wrappers.
pub fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..16 {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let Some(target) = reference.strip_prefix('#').and_then(|p| root.pointer(p)) else {
                return schema;
            };
            schema = target;
        } else if let Some([only]) = schema
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            schema = only;
        } else {
            return schema;
        }
    }
    schema
}

/// The subschema for the value at `tokens` (object keys and array indices).
pub fn subschema<'a, S: AsRef<str>>(root: &'a Value, tokens: &[S]) -> Option<&'a Value> {
    let mut schema = resolve(root, root);
    for token in tokens {
        let token = token.as_ref();
        let next = match schema.get("properties").and_then(|p| p.get(token)) {
            Some(s) => s,
            None if token.bytes().all(|b| b.is_ascii_digit()) => schema.get("items")?,
            None => return None,
        };
        schema = resolve(root, next);
    }
    Some(schema)
}

fn collect(
    root: &Value,
    schema: &Value,
    level: String,
    out: &mut Vec<(String, Vec<String>)>,
    depth: usize,
) {
    let schema = resolve(root, schema);
    if depth > 8 {
        return;
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        out.push((level.clone(), props.keys().cloned().collect()));
        for (key, sub) in props {
            let child = if level.is_empty() {
                key.clone()
            } else {
                format!("{level}.{key}")
            };
            let sub = resolve(root, sub);
            if sub.get("properties").is_some() {
                collect(root, sub, child, out, depth + 1);
            } else if let Some(items) = sub.get("items") {
                collect(root, items, format!("{child}[]"), out, depth + 1);
            }
        }
    }
}

/// The level name of an instance path: indices become `[]`, keys join with `.`.
pub fn level_of<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut level = String::new();
    for token in tokens {
        let token = token.as_ref();
        if token.bytes().all(|b| b.is_ascii_digit()) && !token.is_empty() {
            level.push_str("[]");
        } else {
            if !level.is_empty() {
                level.push('.');
            }
            level.push_str(token);
        }
    }
    level
}
