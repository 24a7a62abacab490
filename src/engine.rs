//! The check of a whole run: read, parse, schema, rules, corpus rules, report.

use crate::config::{Config, RuleLevel};
use crate::diagnostic::{Diagnostic, Related, Span};
use crate::json::{self, pointer, Document, LineIndex};
use crate::rules::{
    self, corpus, PayloadCtx, DUPLICATE_KEY, INVALID_JSON, NOT_AN_OBJECT, UNKNOWN_FIELD,
};
use crate::schema::{CheckOptions, SchemaChecker};
use crate::secrets;
use crate::spelling;
use crate::walk::{Input, Origin};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashSet;
use std::io::Read;

/// The checked state of one file, ready for any renderer.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    /// The file's text with secret values masked: the only text renderers see.
    pub source: String,
    pub lines: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the file could not be read; such a run exits 2.
    pub read_error: Option<String>,
}

/// The outcome of a run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// In path order; every checked file, clean ones included.
    pub files: Vec<FileReport>,
    /// Files found in a directory walk that hold no credential payload.
    pub skipped: usize,
    /// For each `[[ignore]]` entry of the config, in order: what it did in this run.
    pub ignore_hits: Vec<IgnoreHits>,
}

/// What one `[[ignore]]` entry did in a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IgnoreHits {
    /// Checked files its path glob matched.
    pub files: usize,
    /// Diagnostics it silenced.
    pub silenced: usize,
}

impl Report {
    pub fn count(&self, severity: crate::diagnostic::Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn has_read_errors(&self) -> bool {
        self.files.iter().any(|f| f.read_error.is_some())
    }

    /// 0 no errors, 1 an error (or a warning when denied), 2 a file unreadable.
    pub fn exit_code(&self, deny_warnings: bool) -> i32 {
        use crate::diagnostic::Severity;
        if self.has_read_errors() {
            2
        } else if self.count(Severity::Error) > 0
            || (deny_warnings && self.count(Severity::Warning) > 0)
        {
            1
        } else {
            0
        }
    }

    /// The file a related location in another file refers to.
    pub fn file(&self, path: &str) -> Option<&FileReport> {
        // `Engine::check` leaves the files sorted by path: a lookup per
        // related location stays O(log n) (a scan made renderers quadratic
        // when corpus rules relate many files). Reports built otherwise fall
        // back to the scan.
        match self.files.binary_search_by(|f| f.path.as_str().cmp(path)) {
            Ok(i) => Some(&self.files[i]),
            Err(_) => self.files.iter().find(|f| f.path == path),
        }
    }
}

/// Compiled once per run; `check` may be called from any thread.
pub struct Engine {
    config: Config,
    schema: SchemaChecker,
    /// Words a message may quote even when a secret equals them: every field
    /// name and the `criticality` values.
    safe_words: HashSet<String>,
    /// The top-level fields that mark a walked file as a payload, with their
    /// normalized spelling (see `looks_like_payload`).
    payload_markers: Vec<(String, String)>,
}

/// Top-level fields that other JSON files use too (`$schema`, `type`,
/// `content`…): they do not make a file a payload; the other fields do.
const GENERIC_FIELDS: [&str; 9] = [
    "$schema",
    "type",
    "model",
    "vendor",
    "site",
    "domain",
    "tags",
    "additional",
    "content",
];

enum Outcome {
    Checked(FileReport, Vec<corpus::PayloadFacts>),
    Skipped,
}

impl Engine {
    pub fn new(config: Config) -> Result<Engine, String> {
        let schema = SchemaChecker::new()?;
        let mut safe_words = crate::schema::request_field_names().clone();
        safe_words.extend(["Low", "Medium", "High"].map(str::to_owned));
        let payload_markers = schema
            .vocabulary()
            .fields("")
            .iter()
            .filter(|f| !GENERIC_FIELDS.contains(&f.as_str()))
            .map(|f| (f.clone(), spelling::normalize(f)))
            .collect();
        Ok(Engine {
            config,
            schema,
            safe_words,
            payload_markers,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Checks every input (in parallel) and returns the report in path order.
    pub fn check(&self, inputs: Vec<Input>) -> Report {
        let outcomes: Vec<Outcome> = if inputs.len() < 2 {
            // One file (a pre-commit hook's usual call): no thread pool to start.
            inputs.iter().map(|input| self.check_input(input)).collect()
        } else {
            inputs
                .par_iter()
                .map(|input| self.check_input(input))
                .collect()
        };
        // Sized up front: both are filled while `outcomes` is still alive,
        // and a doubling Vec would hold up to twice their size at the peak.
        let mut report = Report::default();
        report.files.reserve_exact(outcomes.len());
        let mut facts = Vec::with_capacity(
            outcomes
                .iter()
                .map(|o| match o {
                    Outcome::Checked(_, f) => f.len(),
                    Outcome::Skipped => 0,
                })
                .sum(),
        );
        for outcome in outcomes {
            match outcome {
                Outcome::Checked(file, file_facts) => {
                    let index = report.files.len();
                    facts.extend(file_facts.into_iter().map(|f| (index, f)));
                    report.files.push(file);
                }
                Outcome::Skipped => report.skipped += 1,
            }
        }
        // Corpus rules see every payload of the run, in path order.
        let mut order: Vec<usize> = (0..report.files.len()).collect();
        order.sort_by(|a, b| report.files[*a].path.cmp(&report.files[*b].path));
        let rank: Vec<usize> = {
            let mut rank = vec![0; order.len()];
            for (r, i) in order.iter().enumerate() {
                rank[*i] = r;
            }
            rank
        };
        facts.sort_by_key(|(i, f)| (rank[*i], f.span.start));
        let paths: Vec<String> = report.files.iter().map(|f| f.path.clone()).collect();
        for (index, diagnostic) in corpus::check(&facts, &paths) {
            report.files[index].diagnostics.push(diagnostic);
        }
        report.ignore_hits = vec![IgnoreHits::default(); self.config.ignores.len()];
        for file in &mut report.files {
            self.apply_ignores(file, &mut report.ignore_hits);
            self.finish(file);
        }
        report.files.sort_by(|a, b| a.path.cmp(&b.path));
        report
    }

    /// Drops the diagnostics that `[[ignore]]` entries cover, counting hits.
    fn apply_ignores(&self, file: &mut FileReport, hits: &mut [IgnoreHits]) {
        if self.config.ignores.is_empty() {
            return;
        }
        let Some(relative) = self.config.relative(std::path::Path::new(&file.path)) else {
            return;
        };
        let covering: Vec<usize> = self
            .config
            .ignores
            .iter()
            .enumerate()
            .filter(|(_, ignore)| ignore.covers_file(&relative))
            .map(|(i, _)| i)
            .collect();
        for i in &covering {
            hits[*i].files += 1;
        }
        file.diagnostics.retain(|d| {
            let by = covering
                .iter()
                .find(|i| self.config.ignores[**i].covers(d.rule, &d.pointer));
            match by {
                Some(i) => {
                    hits[*i].silenced += 1;
                    false
                }
                None => true,
            }
        });
    }

    /// Applies severity overrides and sorts into source order.
    fn finish(&self, file: &mut FileReport) {
        file.diagnostics
            .retain_mut(|d| match self.config.level(d.rule) {
                Some(RuleLevel::Off) => false,
                Some(RuleLevel::Severity(s)) => {
                    d.severity = s;
                    true
                }
                None => true,
            });
        file.diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
    }

    fn check_input(&self, input: &Input) -> Outcome {
        let path = input.display_path();
        let (bytes, origin) = match input {
            Input::Stdin { bytes, .. } => (bytes.clone(), Origin::Stdin),
            Input::File { path: file, origin } => {
                match read_limited(file, self.config.max_file_size) {
                    Ok(bytes) => (bytes, *origin),
                    Err(error) => return Outcome::Checked(unreadable(path, error), Vec::new()),
                }
            }
            Input::Unreadable { error, .. } => {
                return Outcome::Checked(unreadable(path, error.clone()), Vec::new())
            }
        };
        self.check_bytes(path, &bytes, origin)
    }

    /// Checks one file's content. Never panics on any input.
    fn check_bytes(&self, path: String, bytes: &[u8], origin: Origin) -> Outcome {
        let mut diagnostics = Vec::new();
        let (text, parse_text) = decode(bytes, &mut diagnostics);
        let masked = secrets::mask(&text, &self.config.extra_secret_fields);
        let secret_set: HashSet<String> = masked.secrets.iter().cloned().collect();
        let mut facts = Vec::new();
        if diagnostics.is_empty() || parse_text.is_some() {
            let to_parse = parse_text.as_deref().unwrap_or(&text);
            match json::parse(to_parse) {
                Ok(doc) => {
                    if origin == Origin::Walked && !self.looks_like_payload(&doc.value) {
                        return Outcome::Skipped;
                    }
                    self.check_document(&doc, &mut diagnostics, &mut facts);
                }
                Err(error) => diagnostics.push(parse_diagnostic(error)),
            }
        }
        for d in &mut diagnostics {
            // A syntax error inside a secret value must not quote what it found there.
            if d.rule == INVALID_JSON.name && masked.overlaps(d.span) {
                d.message = hide_quoted(&d.message);
            }
            withhold_derived_help(d, &self.config.extra_secret_fields);
            scrub(d, &secret_set, &self.safe_words);
        }
        for f in &mut facts {
            f.scrub(&secret_set);
        }
        // Kept until the whole run is checked: no spare capacity (a first
        // push reserves four, ~900 bytes per file).
        facts.shrink_to_fit();
        for f in &mut facts {
            f.catalogue.shrink_to_fit();
        }
        // Built on first lookup: a file without diagnostics never needs it.
        let lines = LineIndex::lazy();
        Outcome::Checked(
            FileReport {
                path,
                source: without_controls(masked.text),
                lines,
                diagnostics,
                read_error: None,
            },
            facts,
        )
    }

    /// In a walk, a JSON file with no request field is some other file: skip it.
    fn looks_like_payload(&self, value: &Value) -> bool {
        // A payload whose keys are all misspelled (`hostame`, `IP`) is still a
        // payload: its mistakes are what the user needs to see.
        let is_request_key = |key: &String| {
            self.payload_markers.iter().any(|(field, _)| field == key) || {
                let key = spelling::normalize(key);
                key.len() >= 2
                    && self.payload_markers.iter().any(|(_, field)| {
                        let allowed = if field.len() <= 4 { 0 } else { 1 };
                        spelling::distance(&key, field) <= allowed
                    })
            }
        };
        let is_payload = |v: &Value| v.as_object().is_some_and(|m| m.keys().any(is_request_key));
        match value {
            Value::Array(items) => items.iter().any(is_payload),
            other => is_payload(other),
        }
    }

    fn check_document(
        &self,
        doc: &Document,
        out: &mut Vec<Diagnostic>,
        facts: &mut Vec<corpus::PayloadFacts>,
    ) {
        for dup in &doc.duplicates {
            let key = pointer::last_token(&dup.pointer)
                .unwrap_or_default()
                .into_owned();
            out.push(
                DUPLICATE_KEY
                    .diagnostic(
                        &dup.pointer,
                        dup.second,
                        format!("`{key}` appears twice in this object"),
                    )
                    .with_label("this value replaces the earlier one")
                    .with_help(format!(
                        "keep one `{key}`: the server uses only the last one"
                    ))
                    .with_related(Related {
                        path: None,
                        pointer: dup.pointer.clone(),
                        message: "first occurrence, silently dropped".into(),
                        span: dup.first,
                    }),
            );
        }
        match &doc.value {
            Value::Object(map) => self.check_payload(doc, "", map, out, facts),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let ptr = pointer::push_index("", i);
                    match item {
                        Value::Object(map) => self.check_payload(doc, &ptr, map, out, facts),
                        other => out.push(not_an_object(doc, &ptr, other, true)),
                    }
                }
            }
            other => out.push(not_an_object(doc, "", other, false)),
        }
    }

    fn check_payload(
        &self,
        doc: &Document,
        ptr: &str,
        map: &serde_json::Map<String, Value>,
        out: &mut Vec<Diagnostic>,
        facts: &mut Vec<corpus::PayloadFacts>,
    ) {
        let value = doc_value(doc, ptr);
        let options = CheckOptions {
            placeholders: &self.config.placeholders,
            merge_misspelled_required: self.config.level(UNKNOWN_FIELD.name).is_none(),
        };
        out.extend(
            self.schema
                .check(doc, ptr, value, self.config.api_version, options),
        );
        let mut ctx = PayloadCtx::new(
            doc,
            ptr,
            map,
            self.config.api_version,
            &self.config.placeholders,
        );
        rules::check_payload(&mut ctx);
        out.extend(ctx.into_diagnostics());
        facts.push(corpus::PayloadFacts::collect(doc, ptr, map));
    }
}

fn doc_value<'d>(doc: &'d Document, ptr: &str) -> &'d Value {
    if ptr.is_empty() {
        &doc.value
    } else {
        doc.value.pointer(ptr).unwrap_or(&doc.value)
    }
}

fn not_an_object(doc: &Document, ptr: &str, value: &Value, in_batch: bool) -> Diagnostic {
    let what = crate::schema::type_phrase(value);
    let (message, help) = if in_batch {
        (
            format!("batch element {} is {what}, not a payload object", pointer::last_token(ptr).unwrap_or_default()),
            "every element of a batch is one request body: `{ \"username\": …, \"hostname\": …, \"ip\": … }`",
        )
    } else {
        (
            format!("the file holds {what}, not a payload object"),
            "write the request body as an object, or a batch as an array of objects",
        )
    };
    NOT_AN_OBJECT
        .diagnostic(ptr, doc.value_span(ptr), message)
        .with_label("the server reads the request fields from an object")
        .with_help(help)
}

fn parse_diagnostic(error: json::ParseError) -> Diagnostic {
    let mut d = INVALID_JSON.diagnostic("", error.span, error.message);
    d.help = error.help;
    d.label = Some(
        if error.span.is_empty() {
            "the file ends here"
        } else {
            "here"
        }
        .to_owned(),
    );
    if let Some((span, message)) = error.opened_at {
        d.related.push(Related {
            path: None,
            pointer: String::new(),
            message,
            span,
        });
    }
    d
}

/// Decodes the bytes as UTF-8. Returns the display text and, when a byte
/// order mark must be hidden from the parser, the text to parse instead
/// (same length, so every offset stays valid).
fn decode(bytes: &[u8], out: &mut Vec<Diagnostic>) -> (String, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if let Some(rest) = text.strip_prefix('\u{feff}') {
                out.push(
                    INVALID_JSON
                        .diagnostic("", Span::new(0, 3), "the file starts with a UTF-8 byte order mark")
                        .with_label("invisible bytes EF BB BF before the JSON")
                        .with_help("save the file as UTF-8 without BOM: the server's JSON decoder rejects a body that starts with one"),
                );
                return (text.to_owned(), Some(format!("   {rest}")));
            }
            (text.to_owned(), None)
        }
        Err(error) => {
            let at = error.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let binary = bytes.iter().take(8192).filter(|b| **b == 0).count() > 0;
            let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
            let message = if utf16 {
                "the file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8".to_owned()
            } else if binary {
                format!(
                    "the file is not text: invalid UTF-8 (byte 0x{:02X}) at byte {at}",
                    bytes[at]
                )
            } else {
                format!("invalid UTF-8 (byte 0x{:02X}) at byte {at}", bytes[at])
            };
            // The lossy text has U+FFFD (3 bytes) where the bad bytes were.
            out.push(
                INVALID_JSON
                    .diagnostic("", Span::new(at, at + '\u{fffd}'.len_utf8()), message)
                    .with_label("not UTF-8")
                    .with_help("JSON must be UTF-8: re-save the file as UTF-8 (it may be Latin-1 or UTF-16)"),
            );
            (text, None)
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
const O_NONBLOCK: i32 = 0x0004;

/// Reads a file, refusing what is not a regular file or is over the limit.
fn read_limited(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, String> {
    // Opened non-blocking and judged by the open file's metadata: a FIFO (or a
    // path swapped for one) must not block the run, and is refused unread.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| describe_io(&e))?;
    let meta = file.metadata().map_err(|e| describe_io(&e))?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, socket or device): not read".into());
    }
    if meta.len() > limit {
        return Err(format!(
            "{} bytes, over the size limit of {limit} bytes: not read (raise `max_file_size` if it really is a payload)",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("over the size limit of {limit} bytes: not read"));
    }
    Ok(bytes)
}

fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file (or a broken symbolic link)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

fn unreadable(path: String, error: String) -> FileReport {
    FileReport {
        path,
        source: String::new(),
        lines: LineIndex::new(""),
        diagnostics: Vec::new(),
        read_error: Some(error),
    }
}

/// Replaces every `quoted` piece of a message that is not JSON punctuation
/// with `…`: what a parser "found" inside a secret is part of the secret.
fn hide_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        let quoted = i % 2 == 0;
        let punctuation = part.chars().all(|c| ",:{}[]\"".contains(c)) && !part.is_empty();
        if quoted && !punctuation {
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out
}

fn scrub(d: &mut Diagnostic, secrets: &HashSet<String>, safe: &HashSet<String>) {
    if let Some(m) = secrets::scrub(&d.message, secrets, safe) {
        d.message = m;
    }
    if let Some(h) = d
        .help
        .as_deref()
        .and_then(|h| secrets::scrub(h, secrets, safe))
    {
        d.help = Some(h);
    }
    if let Some(l) = d
        .label
        .as_deref()
        .and_then(|l| secrets::scrub(l, secrets, safe))
    {
        d.label = Some(l);
    }
    for r in &mut d.related {
        if let Some(m) = secrets::scrub(&r.message, secrets, safe) {
            r.message = m;
        }
    }
}

/// A help at a field the config names secret may derive its fix from the
/// value (`identifier-format` suggests a cleaned identifier): withhold it.
fn withhold_derived_help(d: &mut Diagnostic, extra_secret_fields: &[String]) {
    let field = pointer::last_token(&d.pointer).unwrap_or_default();
    if extra_secret_fields.iter().any(|f| *f == field) {
        d.help = Some(format!(
            "the suggested fix is not shown: `{field}` is configured as a secret field (`credlint explain {}` shows the rule's examples)",
            d.rule
        ));
    }
}

/// Control characters (an ESC from a hostile file would drive the terminal)
/// become `?`, one byte for one, so every offset stays valid. Tabs and line
/// breaks stay.
fn without_controls(text: String) -> String {
    if !text.bytes().any(is_shown_as_question_mark) {
        return text;
    }
    let bytes: Vec<u8> = text
        .into_bytes()
        .into_iter()
        .map(|b| {
            if is_shown_as_question_mark(b) {
                b'?'
            } else {
                b
            }
        })
        .collect();
    // Only ASCII bytes were replaced, by ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

fn is_shown_as_question_mark(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f
}
