//! `--format pretty`: miette's graphical reports, one per diagnostic.

use super::{shown, summary_line, RenderOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{FileReport, Report};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt::{self, Write};

/// A credlint diagnostic as miette sees it.
struct Pretty<'a> {
    d: &'a Diagnostic,
    /// `None` when the lines around the span are too long to show.
    source: Option<Windowed<'a>>,
    help: Option<String>,
    /// Related locations in other files, as their own reports.
    others: Vec<Related<'a>>,
}

/// A related location in another file.
struct Related<'a> {
    message: &'a str,
    span: miette::SourceSpan,
    source: Option<Windowed<'a>>,
}

/// Lines longer than this (in bytes) are not shown in snippets: miette prints
/// whole lines, and cannot lay out columns past 65535.
const MAX_SHOWN_LINE: usize = 400;

/// Context lines shown before and after a span.
const CONTEXT_LINES: usize = 2;

/// A file's masked source as miette reads it: each snippet is cut from a
/// window of whole lines around the span, found with the file's line index,
/// so rendering many diagnostics of a big file never rescans it from the start.
#[derive(Clone, Copy)]
struct Windowed<'a> {
    file: &'a FileReport,
}

impl<'a> Windowed<'a> {
    /// The byte range of the lines from `before` lines above `span` to
    /// `after` lines below it.
    fn window(&self, start: usize, end: usize, before: usize, after: usize) -> (usize, usize) {
        let lines = &self.file.lines;
        let first = lines
            .line_of(&self.file.source, start)
            .saturating_sub(before);
        let last = lines
            .line_of(&self.file.source, end)
            .saturating_add(after)
            .saturating_add(1);
        let from = lines.line_start(&self.file.source, first).unwrap_or(0);
        let to = lines
            .line_start(&self.file.source, last)
            .unwrap_or(self.file.source.len());
        (from, to.max(from))
    }

    /// A snippet for `span`, or `None` when one of its lines is too long.
    fn for_span(file: &'a FileReport, start: usize, end: usize) -> Option<Windowed<'a>> {
        let w = Windowed { file };
        let lines = &file.lines;
        let first = lines
            .line_of(&file.source, start)
            .saturating_sub(CONTEXT_LINES);
        let last = (lines.line_of(&file.source, end) + CONTEXT_LINES)
            .min(lines.line_count(&file.source) - 1);
        let too_long = (first..=last).any(|l| {
            let from = lines.line_start(&file.source, l).unwrap_or(0);
            let to = lines
                .line_start(&file.source, l + 1)
                .unwrap_or(file.source.len());
            to.saturating_sub(from) > MAX_SHOWN_LINE
        });
        (!too_long).then_some(w)
    }
}

impl SourceCode for Windowed<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text: &'b str = self.file.source.as_str();
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).clamp(start, text.len());
        let (from, to) = self.window(start, end, before, after);
        let window: &'b str = text.get(from..to).ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((start - from).into(), end - start);
        let inner = window.read_span(&local, before, after)?;
        let first = self.file.lines.line_of(&self.file.source, from);
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + first,
            inner.column(),
            inner.line_count(),
        )))
    }
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
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let source = self.source?;
        let primary = LabeledSpan::new_primary_with_span(
            Some(
                self.d
                    .label
                    .clone()
                    .unwrap_or_else(|| self.d.pointer_label()),
            ),
            visible(&source.file.source, self.d.span),
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
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source?;
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
        .with_context_lines(CONTEXT_LINES)
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
        for d in diagnostics {
            let others = d
                .related
                .iter()
                .filter_map(|r| {
                    let other: &FileReport = report.file(r.path.as_deref()?)?;
                    Some(Related {
                        message: &r.message,
                        span: (r.span.start, r.span.len()).into(),
                        source: Windowed::for_span(other, r.span.start, r.span.end),
                    })
                })
                .collect();
            let mut spans = vec![d.span];
            spans.extend(
                d.related
                    .iter()
                    .filter(|r| r.path.is_none())
                    .map(|r| r.span),
            );
            let start = spans.iter().map(|s| s.start).min().unwrap_or(0);
            let end = spans.iter().map(|s| s.end).max().unwrap_or(0);
            let source = Windowed::for_span(file, start, end);
            let mut help = help_text(d);
            if source.is_none() {
                let at = file.lines.position(&file.source, d.span.start);
                let note = format!(
                    "at {}:{}:{} (the line is too long to show)",
                    file.path, at.line, at.column
                );
                help = Some(match help {
                    Some(h) => format!("{h}\n{note}"),
                    None => note,
                });
            }
            let pretty = Pretty {
                d,
                source,
                help,
                others,
            };
            let _ = handler.render_report(&mut out, &pretty);
            out.push('\n');
        }
    }
    let _ = writeln!(out, "{}", summary_line(report, options));
    out
}
