//! Finding the external tools `.ci/setup-tools.sh` installs. A missing tool
//! fails the test when `CI` is set, and otherwise skips it with a message,
//! so that `cargo test` works on a fresh laptop.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where `.ci/setup-tools.sh` installs (`CREDLINT_CI_TOOLS` overrides it there too).
pub fn tools_dir() -> PathBuf {
    std::env::var_os("CREDLINT_CI_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/ci-tools"))
}

pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// `Some(path)` when the tool is there; else panics under CI, skips otherwise.
pub fn require(what: &str, path: &Path) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_owned());
    }
    let message = format!(
        "{what} is not installed at {}: run `bash .ci/setup-tools.sh`",
        path.display()
    );
    if in_ci() {
        panic!("{message} (CI is set, so this is a failure)");
    }
    eprintln!("SKIPPED: {message}");
    None
}

/// A program on PATH, by name.
pub fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// `on_path`, failing under CI and skipping otherwise when absent.
pub fn require_on_path(program: &str) -> Option<PathBuf> {
    match on_path(program) {
        Some(found) => Some(found),
        None => {
            let message = format!("`{program}` is not on PATH");
            if in_ci() {
                panic!("{message} (CI is set, so this is a failure)");
            }
            eprintln!("SKIPPED: {message}");
            None
        }
    }
}

pub fn sarif_multitool() -> Option<PathBuf> {
    require(
        "the SARIF validator (@microsoft/sarif-multitool-linux)",
        &tools_dir().join("sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"),
    )
}

pub fn pre_commit() -> Option<PathBuf> {
    require(
        "pre-commit (virtualenv)",
        &tools_dir().join("venv/bin/pre-commit"),
    )
}

pub fn editor_node_modules() -> Option<PathBuf> {
    require(
        "the editor test's node_modules (npm ci in tests/editor)",
        &root().join("tests/editor/node_modules/vscode-json-languageservice"),
    )
}
