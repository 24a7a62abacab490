//! `--format junit`: one test suite, one test case per checked file. A file
//! with errors fails (its `<failure>` lists every diagnostic); warnings and
//! infos of a passing file are in its `<system-out>`; an unreadable file is
//! an `<error>`. GitLab CI and most CI servers read this as a test report.

use super::{positions, shown, RenderOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{FileReport, Report};
use std::fmt::Write;

/// Escapes text for XML 1.0 content and attributes. Characters XML cannot
/// hold at all (most C0 controls) become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            other => out.push(other),
        }
    }
    out
}

fn line(report: &Report, file: &FileReport, d: &Diagnostic) -> String {
    let (start, _) = positions(file, d.span);
    let mut text = format!(
        "{}:{}:{}: {}[{}] {}",
        file.path, start.line, start.column, d.severity, d.rule, d.message
    );
    if !d.pointer.is_empty() {
        let _ = write!(text, "\n    pointer: {}", d.pointer);
    }
    if let Some(help) = &d.help {
        let _ = write!(text, "\n    help: {help}");
    }
    if let Some(code) = d.server_code {
        let _ = write!(text, "\n    server: error {code}");
    }
    for r in &d.related {
        let target = r
            .path
            .as_deref()
            .and_then(|p| report.file(p))
            .unwrap_or(file);
        let (at, _) = positions(target, r.span);
        let _ = write!(
            text,
            "\n    related: {}:{}:{}: {}",
            target.path, at.line, at.column, r.message
        );
    }
    text
}

fn counts(diagnostics: &[&Diagnostic]) -> String {
    let n = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (e, w, i) = (n(Severity::Error), n(Severity::Warning), n(Severity::Info));
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "{e} error{}, {w} warning{}, {i} info{}",
        plural(e),
        plural(w),
        plural(i)
    )
}

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let tests = report.files.len();
    let mut failures = 0;
    let mut errors = 0;
    let mut cases = String::new();
    for file in &report.files {
        let diagnostics: Vec<&Diagnostic> = shown(file, options).collect();
        let _ = write!(
            cases,
            "    <testcase classname=\"credlint\" name=\"{}\" file=\"{}\"",
            escape(&file.path),
            escape(&file.path)
        );
        if let Some(error) = &file.read_error {
            errors += 1;
            let _ = writeln!(
                cases,
                ">\n      <error type=\"read\" message=\"{}\">{}</error>\n    </testcase>",
                escape(&format!("could not be read: {error}")),
                escape(&format!("{}: could not be read: {error}", file.path))
            );
            continue;
        }
        if diagnostics.is_empty() {
            cases.push_str("/>\n");
            continue;
        }
        let body: Vec<String> = diagnostics.iter().map(|d| line(report, file, d)).collect();
        let body = escape(&body.join("\n"));
        let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
        if failed {
            failures += 1;
            let _ = writeln!(
                cases,
                ">\n      <failure type=\"credlint\" message=\"{}\">{body}</failure>\n    </testcase>",
                escape(&counts(&diagnostics))
            );
        } else {
            let _ = writeln!(
                cases,
                ">\n      <system-out>{body}</system-out>\n    </testcase>"
            );
        }
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"credlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"credlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\">"
    );
    out.push_str(&cases);
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("a<b>&\"c\"'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;\u{fffd}\n"
        );
    }
}
