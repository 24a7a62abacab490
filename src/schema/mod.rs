//! Schema generation, compilation and error mapping.
pub mod generate;
