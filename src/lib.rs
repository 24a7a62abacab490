//! credlint: validation and linting for senhasegura PAM Core credential request bodies.
pub mod model;
pub mod schema;
