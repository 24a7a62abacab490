//! The one diagnostic type every stage produces and every renderer reads.

use std::fmt;

/// How serious a finding is. Ordered so that `Error` is the greatest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A byte range in a file's text, `start..end`, always on character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// A second place that belongs to a diagnostic: the other occurrence of a key,
/// the other JIT flag, the earlier payload with the same identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// The file the place is in, when it is not the diagnostic's own file.
    pub path: Option<String>,
    pub pointer: String,
    pub message: String,
    pub span: Span,
}

/// One finding about one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// JSON pointer of what the finding is about (RFC 6901).
    pub pointer: String,
    pub span: Span,
    pub help: Option<String>,
    /// A short text for the label under the snippet: why it matters.
    pub label: Option<String>,
    /// The senhasegura error code the server would answer with, if any.
    pub server_code: Option<u16>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        pointer: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            pointer: pointer.into(),
            span,
            help: None,
            label: None,
            server_code: None,
            related: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn with_server_code(mut self, code: Option<u16>) -> Diagnostic {
        self.server_code = code;
        self
    }

    pub fn with_related(mut self, related: Related) -> Diagnostic {
        self.related.push(related);
        self
    }
}
