//! credlint: validation and linting for senhasegura PAM Core credential
//! request bodies (`POST iso/pam/credential`).
//!
//! The library does all the work and never prints or exits: build an
//! [`Engine`] from a [`Config`], hand it [`Input`]s, render the [`Report`].
pub mod config;
pub mod config_file;
pub mod diagnostic;
pub mod engine;
pub mod json;
pub mod model;
pub mod render;
pub mod rules;
pub mod schema;
pub mod secrets;
pub mod spelling;
pub mod walk;

pub use config::{ApiVersion, Config};
pub use diagnostic::{Diagnostic, Related, Severity, Span};
pub use engine::{Engine, FileReport, Report};
pub use walk::{Input, Origin};
