//! Run configuration: API version profile, severity overrides, secrets.

use crate::diagnostic::Severity;
use crate::secrets::Placeholders;
use std::collections::BTreeMap;
use std::fmt;

/// The API release whose quirks apply (SPEC D6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ApiVersion {
    /// v3.32: every settings block is wrapped in a one-element array.
    V3_32,
    /// v3.33: the reference this tool is built from.
    #[default]
    V3_33,
    /// v4: error 1053 for identifiers outside `[A-Za-z0-9._-]`, 1046 for a missing JIT plugin.
    V4,
}

impl ApiVersion {
    pub fn parse(text: &str) -> Option<ApiVersion> {
        match text {
            "3.32" => Some(ApiVersion::V3_32),
            "3.33" => Some(ApiVersion::V3_33),
            "4" | "4.0" => Some(ApiVersion::V4),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V3_32 => "3.32",
            ApiVersion::V3_33 => "3.33",
            ApiVersion::V4 => "4",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule's configured level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Severity(Severity),
}

impl RuleLevel {
    pub fn parse(text: &str) -> Option<RuleLevel> {
        match text {
            "off" => Some(RuleLevel::Off),
            other => Severity::parse(other).map(RuleLevel::Severity),
        }
    }
}

/// Everything a check run needs to know besides the files.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub api_version: ApiVersion,
    /// Severity overrides by rule name.
    pub rules: BTreeMap<String, RuleLevel>,
    pub placeholders: Placeholders,
    /// Field names whose values are secrets, besides the built-in ones.
    pub extra_secret_fields: Vec<String>,
    /// Files larger than this are reported and not read.
    pub max_file_size: u64,
}

/// The default size limit: payload files are kilobytes; a file of many
/// megabytes is an export or a mistake, not something to parse on every commit.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

impl Config {
    pub fn new() -> Config {
        Config {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            ..Config::default()
        }
    }

    pub fn level(&self, rule: &str) -> Option<RuleLevel> {
        self.rules.get(rule).copied()
    }
}
