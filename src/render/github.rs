//! `--format github`: GitHub Actions workflow commands, one per diagnostic,
//! which the runner turns into annotations on the pull request:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.

use super::{positions, shown, summary_line, RenderOptions};
use crate::diagnostic::Severity;
use crate::engine::Report;
use std::fmt::Write;

/// The command's message: `%`, CR and LF are percent-encoded.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            other => out.push(other),
        }
    }
    out
}

/// A property value: as the message, plus `:` and `,` which delimit properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let mut out = String::new();
    for file in &report.files {
        if let Some(error) = &file.read_error {
            let _ = writeln!(
                out,
                "::error file={},title={}::{}",
                escape_property(&file.path),
                escape_property("credlint: unreadable file"),
                escape_data(&format!("could not be read: {error}"))
            );
        }
        for d in shown(file, options) {
            let (start, end) = positions(file, d.span);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                let _ = write!(message, "\nhelp: {help}");
            }
            if let Some(code) = d.server_code {
                let _ = write!(message, "\nserver: error {code}");
            }
            for r in &d.related {
                let other = r.path.as_deref().and_then(|p| report.file(p));
                let target = other.unwrap_or(file);
                let (at, _) = positions(target, r.span);
                let _ = write!(
                    message,
                    "\nrelated: {}:{}:{}: {}",
                    target.path, at.line, at.column, r.message
                );
            }
            let _ = write!(message, "\ndocs: docs/rules/{}.md", d.rule);
            let _ = writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(d.severity),
                escape_property(&file.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("credlint {}", d.rule)),
                escape_data(&message)
            );
        }
    }
    let _ = writeln!(out, "{}", summary_line(report, options));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }
}
