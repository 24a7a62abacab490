//! Run configuration: API version profile, severity overrides, secrets.

use crate::diagnostic::Severity;
use crate::secrets::Placeholders;
use globset::{GlobMatcher, GlobSet};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

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
    /// The directory of the configuration file: config globs are relative to it.
    pub root: Option<PathBuf>,
    /// `include` globs: which walked files a run without paths checks.
    pub include: Option<GlobSet>,
    /// `exclude` globs: walked paths skipped.
    pub exclude: Option<GlobSet>,
    /// `[[ignore]]` entries, in file order.
    pub ignores: Vec<Ignore>,
}

/// One `[[ignore]]` entry: silences `rules` in the files matching `path`,
/// optionally only at or under a JSON pointer.
#[derive(Clone, Debug)]
pub struct Ignore {
    /// The glob as written.
    pub path: String,
    pub matcher: GlobMatcher,
    pub rules: Vec<String>,
    pub pointer: Option<String>,
    pub reason: String,
    /// The line of the entry in the configuration file.
    pub line: Option<usize>,
}

impl Ignore {
    /// Whether the entry covers a file (by its path relative to the config root).
    pub fn covers_file(&self, relative: &str) -> bool {
        self.matcher.is_match(relative)
    }

    /// Whether the entry silences a diagnostic of `rule` at `pointer`
    /// (the pointer itself or anything under it).
    pub fn covers(&self, rule: &str, pointer: &str) -> bool {
        self.rules.iter().any(|r| r == rule)
            && self.pointer.as_deref().is_none_or(|p| {
                pointer == p || (pointer.starts_with(p) && pointer[p.len()..].starts_with('/'))
            })
    }
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

    /// A path (relative to the working directory, or absolute) as config
    /// globs see it: relative to the config root, `/`-separated. `None`
    /// outside the root or without a configuration file.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let root = self.root.as_ref()?;
        let absolute = crate::config_file::absolute(path);
        let rest = absolute.strip_prefix(root).ok()?;
        let parts: Vec<String> = rest
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }

    /// Whether a walked file is one a run without paths checks (`include`).
    pub fn is_included(&self, path: &Path) -> bool {
        match &self.include {
            None => true,
            Some(set) => self.relative(path).is_some_and(|r| set.is_match(r)),
        }
    }

    /// Whether a walked path is skipped (`exclude`).
    pub fn is_excluded(&self, path: &Path) -> bool {
        match &self.exclude {
            None => false,
            Some(set) => self.relative(path).is_some_and(|r| set.is_match(r)),
        }
    }
}
