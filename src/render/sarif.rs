//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers.
//! One run; the driver lists every rule; one result per diagnostic; columns
//! count Unicode code points, as credlint's do.

use super::{positions, shown, RenderOptions};
use crate::diagnostic::{Severity, Span};
use crate::engine::{FileReport, Report};
use crate::rules::{self, Rule, RULES};
use serde_json::{json, Value};

/// The project's home: SARIF wants absolute URIs for the tool and rule pages.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The absolute URL of a rule's page (its `doc_path` in the repository).
pub fn help_uri(rule: &Rule) -> String {
    format!("{REPOSITORY}/blob/main/{}", rule.doc_path())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/`-separated, percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

fn rule_json(rule: &Rule) -> Value {
    let page = rules::docs::page(rule);
    let mut properties = json!({"group": rule.group.as_str()});
    if let Some(code) = rule.server_code {
        properties["serverCode"] = json!(code);
    }
    json!({
        "id": rule.name,
        "shortDescription": {"text": rule.doc.summary},
        "fullDescription": {"text": rule.doc.what},
        "help": {"text": page, "markdown": page},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": properties,
    })
}

fn location(file: &FileReport, span: Span) -> Value {
    let (start, end) = positions(file, span);
    json!({
        "artifactLocation": {"uri": uri(&file.path)},
        "region": {
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
        },
    })
}

/// A SARIF message ends with a period-like mark (the validator's advice).
fn sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?']) {
        trimmed.to_owned()
    } else {
        format!("{trimmed}.")
    }
}

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for file in &report.files {
        if let Some(error) = &file.read_error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": sentence(&format!("{}: could not be read: {error}", file.path))},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&file.path)}}}],
            }));
        }
        for d in shown(file, options) {
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let target = r
                        .path
                        .as_deref()
                        .and_then(|p| report.file(p))
                        .unwrap_or(file);
                    json!({
                        "id": i + 1,
                        "physicalLocation": location(target, r.span),
                        "message": {"text": sentence(&r.message)},
                    })
                })
                .collect();
            let mut message = sentence(&d.message);
            if let Some(help) = &d.help {
                message.push_str(&format!(" Help: {}", sentence(help)));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": location(file, d.span),
                    "logicalLocations": [{"fullyQualifiedName": d.pointer, "kind": "member"}],
                }],
            });
            if d.pointer.is_empty() {
                result["locations"][0]
                    .as_object_mut()
                    .expect("an object")
                    .remove("logicalLocations");
            }
            if let Some(index) = RULES.iter().position(|r| r.name == d.rule) {
                result["ruleIndex"] = json!(index);
            }
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            let mut properties = json!({"pointer": d.pointer});
            if let Some(code) = d.server_code {
                properties["serverCode"] = json!(code);
            }
            result["properties"] = properties;
            results.push(result);
        }
    }
    let rules: Vec<Value> = RULES.iter().map(|r| rule_json(r)).collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "credlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": REPOSITORY,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values serialize");
    text.push('\n');
    text
}
