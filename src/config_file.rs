//! `credlint.toml`: finding it, reading it strictly, turning it into a [`Config`].
//!
//! Every problem is an error that names the file, the line and the offending
//! key or value; the CLI exits 2 on it. Globs are relative to the directory
//! that holds the file.

use crate::config::{ApiVersion, Config, Ignore, RuleLevel};
use crate::rules;
use crate::secrets::Placeholders;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for in the working directory and its parents.
pub const FILE_NAME: &str = "credlint.toml";

/// A configuration problem: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Looks for `credlint.toml` in `start` and each of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    api_version: Option<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    max_file_size: Option<Spanned<i64>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    secrets: Option<RawSecrets>,
    ignore: Option<Vec<Spanned<RawIgnore>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSecrets {
    placeholders: Option<Vec<Spanned<String>>>,
    fields: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    path: Option<Spanned<String>>,
    rules: Option<Vec<Spanned<String>>>,
    pointer: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
}

/// Reads and validates a configuration file. `path` is how it is named in errors.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_owned(),
        line: None,
        message: format!("cannot read the configuration file: {e}"),
    })?;
    let dir = absolute(path.parent().unwrap_or(Path::new("")));
    parse(&text, path, &dir)
}

/// Parses configuration text; `root` is the directory globs are relative to.
pub fn parse(text: &str, path: &Path, root: &Path) -> Result<Config, ConfigError> {
    let lines = Lines(text);
    let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        path: path.to_owned(),
        line: span.map(|s| lines.line(s.start)),
        message,
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let message =
            e.message()
                .trim_end()
                .replace("\n", " ")
                .replacen("unknown field", "unknown key", 1);
        // Type errors do not say which key: take it from the line.
        let key = e.span().and_then(|span| {
            let start = text[..span.start.min(text.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line = text[start..].lines().next()?;
            let (key, _) = line.split_once('=')?;
            let key = key.trim();
            (!key.is_empty() && !message.contains(&format!("`{key}`"))).then(|| key.to_owned())
        });
        let message = match key {
            Some(key) => format!("`{key}`: {message}"),
            None => message,
        };
        error(e.span(), message)
    })?;

    let mut config = Config::new();
    config.root = Some(root.to_owned());
    if let Some(api) = raw.api_version {
        config.api_version = ApiVersion::parse(api.get_ref()).ok_or_else(|| {
            error(
                Some(api.span()),
                format!(
                    "unknown api_version `{}`: use \"3.32\", \"3.33\" or \"4\"",
                    api.get_ref()
                ),
            )
        })?;
    }
    if let Some(size) = raw.max_file_size {
        let value = *size.get_ref();
        if value <= 0 {
            return Err(error(
                Some(size.span()),
                format!("max_file_size must be a positive number of bytes, not {value}"),
            ));
        }
        config.max_file_size = value as u64;
    }
    if let Some(include) = &raw.include {
        config.include = Some(globs("include", include, &error)?);
    }
    if let Some(exclude) = &raw.exclude {
        config.exclude = Some(globs("exclude", exclude, &error)?);
    }
    for (name, level) in raw.rules.iter().flatten() {
        if rules::find(name.get_ref()).is_none() {
            return Err(error(
                Some(name.span()),
                format!(
                    "unknown rule `{}` in [rules]: `credlint rules` lists them",
                    name.get_ref()
                ),
            ));
        }
        let parsed = RuleLevel::parse(level.get_ref()).ok_or_else(|| {
            error(
                Some(level.span()),
                format!(
                    "unknown severity `{}` for rule `{}`: use error, warning, info or off",
                    level.get_ref(),
                    name.get_ref()
                ),
            )
        })?;
        config.rules.insert(name.get_ref().clone(), parsed);
    }
    if let Some(secrets) = raw.secrets {
        if let Some(patterns) = secrets.placeholders {
            for pattern in &patterns {
                if let Err(e) = regex::Regex::new(pattern.get_ref()) {
                    let detail = e.to_string().lines().last().unwrap_or("").trim().to_owned();
                    return Err(error(
                        Some(pattern.span()),
                        format!(
                            "invalid regex `{}` in [secrets] placeholders: {detail}",
                            pattern.get_ref()
                        ),
                    ));
                }
            }
            let texts: Vec<&str> = patterns.iter().map(|p| p.get_ref().as_str()).collect();
            config.placeholders =
                Placeholders::new(&texts).expect("every pattern was compiled above");
        }
        for field in secrets.fields.iter().flatten() {
            if field.get_ref().is_empty() {
                return Err(error(
                    Some(field.span()),
                    "an empty name in [secrets] fields".to_owned(),
                ));
            }
            config.extra_secret_fields.push(field.get_ref().clone());
        }
    }
    for entry in raw.ignore.iter().flatten() {
        config.ignores.push(ignore_entry(entry, &error, &lines)?);
    }
    Ok(config)
}

type ErrorFn<'a> = dyn Fn(Option<std::ops::Range<usize>>, String) -> ConfigError + 'a;

fn ignore_entry(
    entry: &Spanned<RawIgnore>,
    error: &ErrorFn<'_>,
    lines: &Lines<'_>,
) -> Result<Ignore, ConfigError> {
    let at = Some(entry.span());
    let raw = entry.get_ref();
    let path = raw.path.as_ref().ok_or_else(|| {
        error(
            at.clone(),
            "an [[ignore]] entry without `path` (a glob of the files it covers)".to_owned(),
        )
    })?;
    let glob = glob(path.get_ref()).map_err(|e| {
        error(
            Some(path.span()),
            format!(
                "invalid glob `{}` in [[ignore]] path: {}",
                path.get_ref(),
                glob_detail(&e)
            ),
        )
    })?;
    let rule_names = raw.rules.as_ref().ok_or_else(|| {
        error(
            at.clone(),
            "an [[ignore]] entry without `rules` (the rule names it silences)".to_owned(),
        )
    })?;
    if rule_names.is_empty() {
        return Err(error(
            at.clone(),
            "an [[ignore]] entry with an empty `rules` list".to_owned(),
        ));
    }
    let mut names = Vec::new();
    for name in rule_names {
        if rules::find(name.get_ref()).is_none() {
            return Err(error(
                Some(name.span()),
                format!(
                    "unknown rule `{}` in [[ignore]] rules: `credlint rules` lists them",
                    name.get_ref()
                ),
            ));
        }
        names.push(name.get_ref().clone());
    }
    let pointer = match &raw.pointer {
        Some(p) if !p.get_ref().is_empty() && !p.get_ref().starts_with('/') => {
            return Err(error(
                Some(p.span()),
                format!(
                    "[[ignore]] pointer `{}` is not a JSON pointer: it starts with `/`",
                    p.get_ref()
                ),
            ))
        }
        Some(p) => Some(p.get_ref().clone()),
        None => None,
    };
    let reason = match &raw.reason {
        Some(r) if !r.get_ref().trim().is_empty() => r.get_ref().clone(),
        Some(r) => {
            return Err(error(
                Some(r.span()),
                "an [[ignore]] entry with an empty `reason`: say why it is ignored".to_owned(),
            ))
        }
        None => {
            return Err(error(
                at,
                "an [[ignore]] entry without `reason`: say why it is ignored".to_owned(),
            ))
        }
    };
    Ok(Ignore {
        path: path.get_ref().clone(),
        matcher: glob.compile_matcher(),
        rules: names,
        pointer,
        reason,
        line: Some(lines.line(entry.span().start)),
    })
}

fn globs(
    key: &str,
    patterns: &[Spanned<String>],
    error: &ErrorFn<'_>,
) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = glob(pattern.get_ref()).map_err(|e| {
            error(
                Some(pattern.span()),
                format!(
                    "invalid glob `{}` in {key}: {}",
                    pattern.get_ref(),
                    glob_detail(&e)
                ),
            )
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| error(None, format!("invalid {key} globs: {e}")))
}

/// Globs as in `.gitignore`: `*` and `?` stay within one path segment,
/// `**` crosses them.
fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

fn glob_detail(error: &globset::Error) -> String {
    error.kind().to_string()
}

/// Byte offset → 1-based line.
struct Lines<'t>(&'t str);

impl Lines<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.0.len());
        self.0.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }
}

/// An absolute, lexically normalised path (no `.` or `..` components).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    normalize(&joined)
}

fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `[[ignore]]` entries that did nothing: (line, message). They are warnings
/// on stderr (stdout stays the report; the github format also annotates
/// them). An entry whose glob matched none of the checked files is only
/// stale in a run without paths: a pre-commit run passes a few files.
pub fn unused_ignores(
    config: &Config,
    path: &std::path::Path,
    report: &crate::engine::Report,
    full_run: bool,
) -> Vec<(Option<usize>, String)> {
    let mut out = Vec::new();
    for (ignore, hits) in config.ignores.iter().zip(&report.ignore_hits) {
        let unused = hits.silenced == 0 && (hits.files > 0 || full_run);
        if !unused {
            continue;
        }
        let place = match ignore.line {
            Some(line) => format!("{}:{line}", path.display()),
            None => path.display().to_string(),
        };
        let what = if hits.files == 0 {
            "matched no checked file".to_owned()
        } else {
            format!(
                "silenced nothing in the {} file{} it matched",
                hits.files,
                if hits.files == 1 { "" } else { "s" }
            )
        };
        let rules = ignore
            .rules
            .iter()
            .map(|r| format!("\"{r}\""))
            .collect::<Vec<_>>()
            .join(", ");
        out.push((
            ignore.line,
            format!(
                "{place}: [[ignore]] entry (path = \"{}\", rules = [{rules}]) {what}: remove it if it is stale",
                ignore.path
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new("credlint.toml"), Path::new("/project"))
    }

    #[test]
    fn the_spec_example_parses() {
        let config = parse_text(
            r#"
api_version = "3.32"
include = ["payloads/**/*.json"]
exclude = ["payloads/drafts/**"]
max_file_size = 1000
[rules]
unknown-field = "warning"
duplicate-key = "off"
[secrets]
placeholders = ['^\$\{[A-Z0-9_]+\}$']
fields = ["token"]
[[ignore]]
path = "payloads/legacy/**"
rules = ["settings-array-form"]
pointer = "/additional_settings"
reason = "legacy import format"
"#,
        )
        .unwrap();
        assert_eq!(config.api_version, ApiVersion::V3_32);
        assert_eq!(config.max_file_size, 1000);
        assert_eq!(config.extra_secret_fields, ["token"]);
        assert!(config.placeholders.matches("${PASS}"));
        assert!(!config.placeholders.matches("$PASS"));
        assert_eq!(config.ignores.len(), 1);
        assert_eq!(config.ignores[0].line, Some(12));
        assert!(config.is_included(Path::new("/project/payloads/a/b.json")));
        assert!(config.is_excluded(Path::new("/project/payloads/drafts/b.json")));
        assert!(!config.is_included(Path::new("/elsewhere/payloads/a/b.json")));
        let shallow = parse_text("include = [\"payloads/*.json\"]\n").unwrap();
        assert!(shallow.is_included(Path::new("/project/payloads/a.json")));
        assert!(!shallow.is_included(Path::new("/project/payloads/sub/a.json")));
    }

    #[test]
    fn errors_name_the_offence_and_the_line() {
        let cases = [
            ("api_version = \"3.33\"\nfoo = 1\n", 2, "foo"),
            ("[rules]\nno-such-rule = \"off\"\n", 2, "no-such-rule"),
            ("[rules]\nduplicate-key = \"loud\"\n", 2, "loud"),
            ("api_version = \"5\"\n", 1, "5"),
            ("[secrets]\nplaceholders = ['(']\n", 2, "("),
            ("[secrets]\nextra = 1\n", 2, "extra"),
            ("exclude = ['a/[b']\n", 1, "a/[b"),
            (
                "[[ignore]]\npath = \"a/**\"\nrules = [\"duplicate-key\"]\n",
                1,
                "reason",
            ),
            (
                "[[ignore]]\npath = \"a/**\"\nrules = [\"nope\"]\nreason = \"x\"\n",
                3,
                "nope",
            ),
        ];
        for (text, line, needle) in cases {
            let error = parse_text(text).unwrap_err();
            assert_eq!(error.line, Some(line), "{text}: {error}");
            assert!(error.message.contains(needle), "{text}: {error}");
        }
    }
}
