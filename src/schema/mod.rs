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
