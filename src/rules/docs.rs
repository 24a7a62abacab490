//! Rule documentation: `credlint rules`, `credlint explain`, `docs/rules/*.md`.

use super::{Rule, RULES};
use std::fmt::Write;

/// The table `credlint rules` prints.
pub fn table() -> String {
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:width$}  {:8}  {:8}  summary",
        "rule", "severity", "group"
    );
    for rule in RULES {
        let _ = writeln!(
            out,
            "{:width$}  {:8}  {:8}  {}",
            rule.name,
            rule.severity.as_str(),
            rule.group.as_str(),
            rule.doc.summary
        );
    }
    out
}

/// A rule's page, in Markdown: the same text `explain` prints and `docs/rules/` holds.
pub fn page(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", rule.name);
    let _ = writeln!(out, "{}\n", rule.doc.summary);
    let _ = write!(
        out,
        "- Default severity: `{}`\n- Group: {}\n",
        rule.severity,
        rule.group.as_str()
    );
    if let Some(code) = rule.server_code {
        let _ = writeln!(out, "- Server error code: {code}");
    }
    let _ = writeln!(out, "\n## What it does\n\n{}\n", rule.doc.what);
    let _ = writeln!(out, "## Why it matters\n\n{}\n", rule.doc.why);
    let _ = writeln!(out, "## Example\n\n```json\n{}```\n", rule.doc.example);
    let _ = writeln!(
        out,
        "## Use instead\n\n```json\n{}```",
        rule.doc.use_instead
    );
    out
}
