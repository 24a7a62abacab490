//! `--format json`: the machine contract of SPEC §3.
//!
//! Serialized straight from borrowed structs (no intermediate
//! `serde_json::Value` tree): a clean file costs one small struct. Field
//! order is the contract's key order.

use super::{positions, shown, RenderOptions};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::engine::{FileReport, Report};
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    skipped: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    diagnostics: Vec<Entry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct Entry<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    pointer: &'a str,
    range: Range,
    server_code: Option<u16>,
    help: Option<&'a str>,
    related: Vec<RelatedEntry<'a>>,
}

#[derive(Serialize)]
struct RelatedEntry<'a> {
    pointer: &'a str,
    message: &'a str,
    range: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for d in report.files.iter().flat_map(|f| shown(f, options)) {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => infos += 1,
        }
    }
    let document = Document {
        version: 1,
        summary: Summary {
            files: report.files.len(),
            skipped: report.skipped,
            errors,
            warnings,
            infos,
        },
        files: report
            .files
            .iter()
            .map(|f| file_json(report, f, options))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values serialize");
    text.push('\n');
    text
}

fn range(file: &FileReport, span: Span) -> Range {
    let (start, end) = positions(file, span);
    Range {
        start: Position {
            line: start.line,
            column: start.column,
        },
        end: Position {
            line: end.line,
            column: end.column,
        },
    }
}

fn file_json<'a>(report: &'a Report, file: &'a FileReport, options: &RenderOptions) -> File<'a> {
    File {
        path: &file.path,
        diagnostics: shown(file, options)
            .map(|d| entry(report, file, d))
            .collect(),
        error: file.read_error.as_deref(),
    }
}

fn entry<'a>(report: &'a Report, file: &'a FileReport, d: &'a Diagnostic) -> Entry<'a> {
    Entry {
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        pointer: &d.pointer,
        range: range(file, d.span),
        server_code: d.server_code,
        help: d.help.as_deref(),
        related: d
            .related
            .iter()
            .map(|r| {
                let other = r.path.as_deref().and_then(|p| report.file(p));
                RelatedEntry {
                    pointer: &r.pointer,
                    message: &r.message,
                    range: range(other.unwrap_or(file), r.span),
                    path: r.path.as_deref(),
                }
            })
            .collect(),
    }
}
