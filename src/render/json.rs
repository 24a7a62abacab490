//! `--format json`: the machine contract of SPEC §3.

use super::{positions, shown, RenderOptions};
use crate::diagnostic::{Severity, Span};
use crate::engine::{FileReport, Report};
use serde_json::{json, Value};

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let count = |s: Severity| {
        report
            .files
            .iter()
            .flat_map(|f| shown(f, options))
            .filter(|d| d.severity == s)
            .count()
    };
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|f| file_json(report, f, options))
        .collect();
    let document = json!({
        "version": 1,
        "summary": {
            "files": report.files.len(),
            "skipped": report.skipped,
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "infos": count(Severity::Info),
        },
        "files": files,
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values serialize");
    text.push('\n');
    text
}

fn range(file: &FileReport, span: Span) -> Value {
    let (start, end) = positions(file, span);
    json!({
        "start": {"line": start.line, "column": start.column},
        "end": {"line": end.line, "column": end.column},
    })
}

fn file_json(report: &Report, file: &FileReport, options: &RenderOptions) -> Value {
    let diagnostics: Vec<Value> = shown(file, options)
        .map(|d| {
            let related: Vec<Value> = d
                .related
                .iter()
                .map(|r| {
                    let other = r.path.as_deref().and_then(|p| report.file(p));
                    let mut entry = json!({
                        "pointer": r.pointer,
                        "message": r.message,
                        "range": range(other.unwrap_or(file), r.span),
                    });
                    if let Some(path) = &r.path {
                        entry["path"] = json!(path);
                    }
                    entry
                })
                .collect();
            json!({
                "rule": d.rule,
                "severity": d.severity.as_str(),
                "message": d.message,
                "pointer": d.pointer,
                "range": range(file, d.span),
                "server_code": d.server_code,
                "help": d.help,
                "related": related,
            })
        })
        .collect();
    let mut entry = json!({"path": file.path, "diagnostics": diagnostics});
    if let Some(error) = &file.read_error {
        entry["error"] = json!(error);
    }
    entry
}
