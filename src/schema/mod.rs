//! Schema generation, compilation, and the mapping of validator errors to
//! credlint's schema rules.

pub mod generate;
mod map;
mod suggest;
mod vocabulary;

pub use map::{type_phrase, CheckOptions, SchemaChecker};
pub use vocabulary::Vocabulary;

/// The committed schema, embedded so `check` compiles it without generating
/// it from the types (a test keeps it equal to the generated one).
pub const EMBEDDED_SCHEMA: &str = include_str!("../../schema/credential-request.schema.json");

pub use generate::SCHEMA_PATH;

use serde_json::Value;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The embedded schema, parsed once per process.
pub fn embedded_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    // The file is generated and checked by tests; an unparsable one is a build bug.
    SCHEMA.get_or_init(|| serde_json::from_str(EMBEDDED_SCHEMA).unwrap_or_default())
}

/// The field names of the embedded schema, by level.
pub fn embedded_vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| Vocabulary::from_schema(embedded_schema()))
}

/// Every field name of the request, at any level.
pub fn request_field_names() -> &'static HashSet<String> {
    static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        embedded_vocabulary()
            .levels()
            .flat_map(|(_, fields)| fields.iter().cloned())
            .collect()
    })
}
