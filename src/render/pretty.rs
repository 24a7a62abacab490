//! `--format pretty`: miette's graphical reports, one per diagnostic.

use super::{shown, summary_line, RenderOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{FileReport, Report};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::fmt::{self, Write};

/// A credlint diagnostic as miette sees it.
struct Pretty<'a> {
    d: &'a Diagnostic,
    source: &'a NamedSource<String>,
    help: Option<String>,
    /// Related locations in other files, as their own reports.
    others: Vec<Related<'a>>,
}

/// A related location in another file.
struct Related<'a> {
    message: &'a str,
    span: miette::SourceSpan,
    source: NamedSource<String>,
}

impl fmt::Debug for Pretty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pretty")
            .field("rule", &self.d.rule)
            .finish()
    }
}
impl fmt::Display for Pretty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for Pretty<'_> {}

impl miette::Diagnostic for Pretty<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("docs/rules/{}.md", self.d.rule)))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(
            Some(
                self.d
                    .label
                    .clone()
                    .unwrap_or_else(|| self.d.pointer_label()),
            ),
            visible(self.source.inner(), self.d.span),
        );
        let related = self.d.related.iter().filter(|r| r.path.is_none()).map(|r| {
            LabeledSpan::new_with_span(Some(r.message.clone()), (r.span.start, r.span.len()))
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.others.is_empty() {
            return None;
        }
        Some(Box::new(
            self.others.iter().map(|o| o as &dyn miette::Diagnostic),
        ))
    }
}

impl fmt::Debug for Related<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}
impl fmt::Display for Related<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}
impl std::error::Error for Related<'_> {}
impl miette::Diagnostic for Related<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".into()), self.span),
        )))
    }
}

impl Diagnostic {
    fn pointer_label(&self) -> String {
        if self.pointer.is_empty() {
            "here".to_owned()
        } else {
            self.pointer.clone()
        }
    }
}

/// A span miette can draw: one at the very end of the text (the file ended
/// too early) moves onto the last character, so its label is shown.
fn visible(source: &str, span: crate::diagnostic::Span) -> (usize, usize) {
    if span.start >= source.len() && !source.is_empty() {
        let last = source
            .trim_end()
            .char_indices()
            .last()
            .map_or(0, |(i, _)| i);
        let len = source[last..].chars().next().map_or(0, char::len_utf8);
        return (last, len);
    }
    (span.start, span.len())
}

fn handler(options: &RenderOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .without_syntax_highlighting()
        .with_context_lines(2)
}

fn help_text(d: &Diagnostic) -> Option<String> {
    match (&d.help, d.server_code) {
        (Some(h), Some(code)) => Some(format!(
            "{h}\nserver: this request would be answered with error {code}"
        )),
        (Some(h), None) => Some(h.clone()),
        (None, Some(code)) => Some(format!(
            "server: this request would be answered with error {code}"
        )),
        (None, None) => None,
    }
}

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let handler = handler(options);
    let mut out = String::new();
    for file in &report.files {
        if let Some(error) = &file.read_error {
            let _ = writeln!(out, "  × {}: could not be read: {error}\n", file.path);
            continue;
        }
        let mut diagnostics = shown(file, options).peekable();
        if diagnostics.peek().is_none() {
            continue;
        }
        let source = NamedSource::new(&file.path, file.source.clone());
        for d in diagnostics {
            let others = d
                .related
                .iter()
                .filter_map(|r| {
                    let other: &FileReport = report.file(r.path.as_deref()?)?;
                    Some(Related {
                        message: &r.message,
                        span: (r.span.start, r.span.len()).into(),
                        source: NamedSource::new(&other.path, other.source.clone()),
                    })
                })
                .collect();
            let pretty = Pretty {
                d,
                source: &source,
                help: help_text(d),
                others,
            };
            let _ = handler.render_report(&mut out, &pretty);
            out.push('\n');
        }
    }
    let _ = writeln!(out, "{}", summary_line(report, options));
    out
}
