//! Output formats. Every renderer reads the same `Report`, whose sources are
//! already masked: no renderer can print a secret.

mod concise;
pub mod github;
mod json;
pub mod junit;
mod pretty;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::engine::{FileReport, Report};
use crate::json::Position;

/// The formats `--format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pretty,
    Concise,
    Json,
    Sarif,
    Github,
    Junit,
}

impl Format {
    /// Every format, in `--format` order. Tests iterate over this list (the
    /// secret-leak test renders every format). A new variant must be added
    /// here too: `Format::after` does not compile until the variant is
    /// matched there, and a unit test checks that this list follows `after`.
    pub const ALL: &[Format] = &[
        Format::Pretty,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ];

    /// The format after `previous` (the first for `None`), `None` after the
    /// last: an exhaustive match, so that a new variant cannot be forgotten.
    pub const fn after(previous: Option<Format>) -> Option<Format> {
        match previous {
            None => Some(Format::Pretty),
            Some(Format::Pretty) => Some(Format::Concise),
            Some(Format::Concise) => Some(Format::Json),
            Some(Format::Json) => Some(Format::Sarif),
            Some(Format::Sarif) => Some(Format::Github),
            Some(Format::Github) => Some(Format::Junit),
            Some(Format::Junit) => None,
        }
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pretty => "pretty",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == text)
    }
}

/// How to render.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub color: bool,
    /// Terminal width for the pretty format.
    pub width: usize,
    /// Show errors only.
    pub quiet: bool,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            color: false,
            width: 100,
            quiet: false,
        }
    }
}

pub fn render(report: &Report, format: Format, options: &RenderOptions) -> String {
    match format {
        Format::Pretty => pretty::render(report, options),
        Format::Concise => concise::render(report, options),
        Format::Json => json::render(report, options),
        Format::Sarif => sarif::render(report, options),
        Format::Github => github::render(report, options),
        Format::Junit => junit::render(report, options),
    }
}

/// The diagnostics of a file that the options let through.
pub(crate) fn shown<'r>(
    file: &'r FileReport,
    options: &RenderOptions,
) -> impl Iterator<Item = &'r Diagnostic> {
    let quiet = options.quiet;
    file.diagnostics
        .iter()
        .filter(move |d| !quiet || d.severity == Severity::Error)
}

/// Start and end positions of a span in a file.
pub(crate) fn positions(file: &FileReport, span: Span) -> (Position, Position) {
    (
        file.lines.position(&file.source, span.start),
        file.lines.position(&file.source, span.end),
    )
}

/// The one-line summary every human format ends with.
pub(crate) fn summary_line(report: &Report, options: &RenderOptions) -> String {
    // The counts are the real ones even under --quiet: a run that fails on
    // hidden warnings (--deny-warnings) must say why.
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let infos = report.count(Severity::Info);
    let files = report.files.len();
    let mut line = format!(
        "{files} file{} checked: {errors} error{}, {warnings} warning{}, {infos} info{}",
        plural(files),
        plural(errors),
        plural(warnings),
        plural(infos),
    );
    if options.quiet && warnings + infos > 0 {
        line.push_str(" (only errors shown: --quiet)");
    }
    if report.skipped > 0 {
        line.push_str(&format!(
            " ({} skipped: no credential payload)",
            report.skipped
        ));
    }
    let unreadable = report
        .files
        .iter()
        .filter(|f| f.read_error.is_some())
        .count();
    if unreadable > 0 {
        line.push_str(&format!(
            "; {unreadable} file{} could not be read",
            plural(unreadable)
        ));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn all_lists_every_format_once() {
        let mut chain = Vec::new();
        let mut current = Format::after(None);
        while let Some(f) = current {
            chain.push(f);
            current = Format::after(Some(f));
        }
        assert_eq!(
            Format::ALL,
            chain.as_slice(),
            "Format::ALL is missing a format"
        );
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Some(*f));
        }
    }
}
