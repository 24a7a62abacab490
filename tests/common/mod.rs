//! Helpers shared by the integration tests.
#![allow(dead_code)]

use credlint::render::{self, Format, RenderOptions};
use credlint::{ApiVersion, Config, Engine, Input, Report};
use std::path::{Path, PathBuf};

pub fn engine(api: ApiVersion) -> Engine {
    let mut config = Config::new();
    config.api_version = api;
    Engine::new(config).expect("engine builds")
}

/// Checks one text as a named file.
pub fn check_text(api: ApiVersion, name: &str, text: &str) -> Report {
    engine(api).check(vec![Input::Stdin {
        name: name.to_owned(),
        bytes: text.as_bytes().to_vec(),
    }])
}

/// The API version a fixture asks for in its name: `x.api-4.json`, `x.api-3.32.json`.
pub fn api_of(path: &Path) -> ApiVersion {
    let name = path.file_name().unwrap().to_string_lossy();
    if name.contains(".api-4.") {
        ApiVersion::V4
    } else if name.contains(".api-3.32.") {
        ApiVersion::V3_32
    } else {
        ApiVersion::V3_33
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fixed-width, colourless pretty output, for snapshots.
pub fn pretty(report: &Report) -> String {
    render::render(
        report,
        Format::Pretty,
        &RenderOptions {
            color: false,
            width: 100,
            quiet: false,
        },
    )
}

pub fn json(report: &Report) -> String {
    render::render(report, Format::Json, &RenderOptions::default())
}

/// Rule names of every diagnostic of the report, in order.
pub fn rules_of(report: &Report) -> Vec<&'static str> {
    report
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(|d| d.rule))
        .collect()
}

/// The `*.json` files of a folder, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}
