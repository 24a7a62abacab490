//! Secrets: which values are placeholders, and masking before anything is printed.

use crate::diagnostic::Span;
use regex::Regex;
use std::collections::HashSet;

/// The built-in secret fields: the password, the TOTP secret and the values
/// of additional authentication fields.
pub const SECRET_FIELDS: [&str; 3] = ["content", "secret_key", "value"];

/// Patterns for values that stand for something filled in later.
#[derive(Clone, Debug)]
pub struct Placeholders {
    patterns: Vec<Regex>,
}

/// `${VAR}`, `{{ var }}`, `$VAR`, `%VAR%`, `<...>`.
pub const DEFAULT_PLACEHOLDERS: [&str; 5] = [
    r"^\$\{[^}]+\}$",
    r"^\{\{.*\}\}$",
    r"^\$[A-Za-z_][A-Za-z0-9_]*$",
    r"^%[A-Za-z_][A-Za-z0-9_]*%$",
    r"^<[^<>]+>$",
];

impl Default for Placeholders {
    fn default() -> Placeholders {
        Placeholders::new(&DEFAULT_PLACEHOLDERS).expect("built-in patterns compile")
    }
}

impl Placeholders {
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Placeholders, regex::Error> {
        let patterns = patterns
            .iter()
            .map(|p| Regex::new(p.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(Placeholders { patterns })
    }

    pub fn matches(&self, value: &str) -> bool {
        let value = value.trim();
        self.patterns.iter().any(|p| p.is_match(value))
    }
}

/// Other names a password or secret is sent under: a value under one of
/// these keys (an `unknown-field` error, but still a secret) is masked too.
pub const SECRET_ALIASES: [&str; 9] = [
    "password",
    "passwd",
    "pwd",
    "senha",
    "secret",
    "token",
    "private_key",
    "totp_secret",
    "otp_secret",
];

/// The result of masking a text: the masked copy and the secret values found.
pub struct Masked {
    pub text: String,
    /// The raw texts that were masked, and their decoded forms (for scrubbing
    /// messages).
    pub secrets: Vec<String>,
    /// The byte ranges that were masked, in text order.
    pub ranges: Vec<Span>,
}

impl Masked {
    /// Whether `span` touches a masked range.
    pub fn overlaps(&self, span: Span) -> bool {
        self.ranges
            .iter()
            .any(|r| span.start < r.end.max(r.start + 1) && r.start < span.end.max(span.start + 1))
    }
}

/// How far (in edits: insertion, deletion, substitution, transposition) a
/// key may be from a secret field name and still have its value masked:
/// `contnet`, `secret-key`, `pasword`. Short names allow fewer edits.
fn allowed_edits(name: &str) -> usize {
    match name.len() {
        0..=4 => 0,
        5..=6 => 1,
        _ => 2,
    }
}

/// Whether the values under `key` (already unescaped) are masked: the
/// built-in secret fields, their aliases and the configured extra fields,
/// ignoring case, `-` for `_`, and near misses (see [`allowed_edits`]).
pub fn is_secret_key(key: &str, extra_fields: &[String]) -> bool {
    if key.len() > 64 {
        return false;
    }
    // Nearly every key of a payload is a field of the request: those are
    // answered by one lookup, before any lower-casing or edit distance.
    if !extra_fields.iter().any(|f| f == key) && crate::schema::request_field_names().contains(key)
    {
        return SECRET_FIELDS.contains(&key);
    }
    let key = key.trim().to_lowercase().replace(['-', ' '], "_");
    let near = |name: &str| {
        let name = name.to_lowercase();
        let allowed = allowed_edits(&name);
        key == name
            || (key.chars().count().abs_diff(name.chars().count()) <= allowed
                && crate::spelling::distance(&key, &name) <= allowed)
    };
    SECRET_FIELDS.iter().any(|n| near(n))
        || SECRET_ALIASES.iter().any(|n| near(n))
        || extra_fields.iter().any(|n| near(n))
}

/// Masks the value after every secret key (see [`is_secret_key`]).
///
/// A lexical scan, not a parse: it works on files that are not valid JSON,
/// where a snippet around a syntax error may sit next to a password. Every
/// `"` (or `'`) is tried as the start of a key, and so is every bare word,
/// so a quote missing earlier in the file cannot shift the scan off a secret.
/// The value is whatever follows the `:`: a string (to its closing quote,
/// across line breaks, or to the end of the text), an object or array (the whole
/// subtree), or any other token (to the next `,`, `}`, `]` or line break).
///
/// Each masked character becomes a mask character of the same UTF-8 length
/// (`*` for ASCII), and line breaks are kept, so byte offsets, lines and
/// columns all stay those of the original text.
pub fn mask(text: &str, extra_fields: &[String]) -> Masked {
    let bytes = text.as_bytes();
    let mut ranges: Vec<Span> = Vec::new();
    let mut secrets = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let key = match b {
            b'"' | b'\'' => quoted_key(text, i),
            _ if is_word_start(b) && (i == 0 || !is_word(bytes[i - 1])) => bare_key(text, i),
            _ => None,
        };
        let Some((key, after)) = key else {
            i += 1;
            continue;
        };
        let colon = skip_blank(bytes, after);
        if bytes.get(colon) != Some(&b':') || !is_secret_key(&key, extra_fields) {
            i += 1;
            continue;
        }
        let start = skip_blank(bytes, colon + 1);
        let (masked, next) = value_extent(bytes, start);
        if masked.end > masked.start {
            let raw = &text[masked.start..masked.end];
            secrets.push(raw.trim().to_owned());
            collect_strings(raw, &mut secrets);
            ranges.push(masked);
        }
        i = next.max(i + 1);
    }
    mask_repeats(text, &mut ranges);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for r in &ranges {
        out.push_str(&text[last..r.start]);
        for c in text[r.start..r.end].chars() {
            out.push(mask_char(c));
        }
        last = r.end;
    }
    out.push_str(&text[last..]);
    debug_assert_eq!(out.len(), text.len());
    secrets.retain(|s| !s.is_empty());
    secrets.sort();
    secrets.dedup();
    // Longest first, so that scrubbing replaces a whole secret before a part of it.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    Masked {
        text: out,
        secrets,
        ranges,
    }
}

/// Secrets shorter than this are not hunted elsewhere in the file.
const MIN_REPEATED_SECRET: usize = 4;

/// A secret string that appears again as another string of the file (a
/// `username` equal to the password) is masked there too. One pass over the
/// string tokens, so a batch of thousands of payloads stays linear. Leaves
/// `ranges` sorted and without overlaps.
fn mask_repeats(text: &str, ranges: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let secrets: std::collections::HashSet<&str> = ranges
        .iter()
        .filter(|r| r.start > 0 && bytes[r.start - 1] == b'"')
        .map(|r| &text[r.start..r.end])
        .filter(|s| s.len() >= MIN_REPEATED_SECRET)
        .collect();
    if !secrets.is_empty() {
        let mut k = 0;
        while k < bytes.len() {
            if bytes[k] != b'"' {
                k += 1;
                continue;
            }
            let (end, next) = string_close(bytes, k, b'"');
            let is_key = bytes.get(skip_blank(bytes, end + 1)) == Some(&b':');
            if let Some(content) = text.get(k + 1..end).filter(|_| !is_key) {
                if secrets.contains(content) {
                    ranges.push(Span::new(k + 1, end));
                }
            }
            k = next.max(k + 1);
        }
    }
    ranges.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(ranges.len());
    for r in ranges.drain(..) {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    *ranges = merged;
}

/// A character of the same UTF-8 length that shows nothing of the secret.
fn mask_char(c: char) -> char {
    match c {
        '\n' | '\r' => c,
        _ => match c.len_utf8() {
            1 => '*',
            2 => '\u{b7}',   // ·
            3 => '\u{2217}', // ∗
            _ => '\u{1f512}',
        },
    }
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'-')
}

/// A key written in `"` or `'` quotes starting at `start`, unescaped, and
/// the index after its closing quote. Keys do not span lines.
fn quoted_key(text: &str, start: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let quote = bytes[start];
    let mut k = start + 1;
    while k < bytes.len() && k - start <= 256 {
        match bytes[k] {
            b'\\' => k += 2,
            b'\n' | b'\r' => return None,
            q if q == quote => {
                let raw = text.get(start + 1..k)?;
                return Some((unescape(raw), k + 1));
            }
            _ => k += 1,
        }
    }
    None
}

fn bare_key(text: &str, start: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut k = start;
    while k < bytes.len() && is_word(bytes[k]) {
        k += 1;
    }
    Some((text[start..k].to_owned(), k))
}

/// JSON string escapes resolved leniently (a bad escape is kept as written),
/// so that `"con\u0074ent"` is recognised as `content`.
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut out = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(c) => out.push(c),
                    None => {
                        out.push_str("\\u");
                        out.push_str(&hex);
                    }
                }
            }
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The range to mask for the value starting at `start`, and where to go on.
fn value_extent(bytes: &[u8], start: usize) -> (Span, usize) {
    let len = bytes.len();
    match bytes.get(start) {
        None => (Span::new(start.min(len), start.min(len)), len),
        Some(&q @ (b'"' | b'\'')) => {
            let (end, next) = string_close(bytes, start, q);
            (Span::new(start + 1, end), next)
        }
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut k = start;
            while k < len {
                match bytes[k] {
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return (Span::new(start + 1, k), k + 1);
                        }
                    }
                    b'"' => {
                        let (_, next) = string_close(bytes, k, b'"');
                        k = next;
                        continue;
                    }
                    _ => {}
                }
                k += 1;
            }
            (Span::new(start + 1, len), len)
        }
        Some(_) => {
            let mut k = start;
            while k < len && !matches!(bytes[k], b',' | b'}' | b']' | b'\n' | b'\r') {
                k += 1;
            }
            let mut end = k;
            while end > start && matches!(bytes[end - 1], b' ' | b'\t') {
                end -= 1;
            }
            (Span::new(start, end), k)
        }
    }
}

/// For a string opened at `open`: the index of its closing quote (or the end
/// of the text) and where to go on. Line breaks do not end it: a secret
/// pasted with raw line breaks (a private key) is invalid JSON, and must be
/// masked whole, not only its first line.
fn string_close(bytes: &[u8], open: usize, quote: u8) -> (usize, usize) {
    let mut k = open + 1;
    while k < bytes.len() {
        match bytes[k] {
            b'\\' => k += 2,
            q if q == quote => return (k, k + 1),
            _ => k += 1,
        }
    }
    (bytes.len(), bytes.len())
}

/// The string literals inside a masked object or array, raw and decoded.
fn collect_strings(raw: &str, out: &mut Vec<String>) {
    let bytes = raw.as_bytes();
    if !raw.starts_with(['"', '\'']) && !raw.contains('"') {
        return;
    }
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] == b'"' {
            let (end, next) = string_close(bytes, k, b'"');
            if let Some(s) = raw.get(k + 1..end) {
                out.push(s.to_owned());
                out.push(unescape(s));
            }
            k = next.max(k + 1);
        } else {
            k += 1;
        }
    }
    // The value itself when it was a string: its decoded form too.
    out.push(unescape(raw.trim()));
}

/// Scrubs secret values out of a message (a safety net: rules do not quote
/// secrets). Messages quote values in back-ticks or double quotes; a quoted
/// segment that is exactly a secret becomes `****`, unless it is one of the
/// `safe` words (field names, enum values: a password `High` must not turn
/// the fixed text "`Low`, `Medium` or `High`" into a hint). Linear in the
/// message: `secrets` is a set, looked up once per quoted segment.
pub fn scrub(message: &str, secrets: &HashSet<String>, safe: &HashSet<String>) -> Option<String> {
    if secrets.is_empty() {
        return None;
    }
    let mut out = message.to_owned();
    let mut changed = false;
    for quote in ['`', '"'] {
        let mut rebuilt = String::with_capacity(out.len());
        let mut parts = out.split(quote).enumerate().peekable();
        while let Some((i, part)) = parts.next() {
            if i > 0 {
                rebuilt.push(quote);
            }
            // Odd parts lie between a pair of quotes (when the pair closes).
            let quoted = i % 2 == 1 && parts.peek().is_some();
            if quoted && secrets.contains(part) && !safe.contains(part) {
                rebuilt.push_str("****");
                changed = true;
            } else {
                rebuilt.push_str(part);
            }
        }
        out = rebuilt;
    }
    changed.then_some(out)
}

fn skip_blank(bytes: &[u8], mut j: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(j) {
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        let m = mask(text, &[]);
        assert_eq!(m.text.len(), text.len(), "{text:?}");
        assert_eq!(m.text.lines().count(), text.lines().count());
        assert_eq!(m.text.chars().count(), text.chars().count());
        m.text
    }

    #[test]
    fn masks_secrets_even_in_broken_json() {
        let text = "{\"content\": \"hunter2\", \"x\": \"content\", \"secret_key\" : \"JBSW\\\"Y3\"\n \"value\": \"open";
        let masked = mask(text, &[]);
        assert_eq!(masked.text.len(), text.len());
        assert!(!masked.text.contains("hunter2"));
        assert!(!masked.text.contains("JBSW"));
        assert!(!masked.text.contains("Y3"));
        assert!(!masked.text.contains("open"));
        assert!(masked.text.contains("\"x\": \"content\""));
        assert!(masked.secrets.iter().any(|s| s == "hunter2"));
        assert!(masked.secrets.iter().any(|s| s == "JBSW\"Y3"));
    }

    #[test]
    fn holes_are_closed() {
        for (text, secret) in [
            // a quote missing before the secret key shifts a naive tokenizer
            (r#"{"a": "x, "content": "hunter2"}"#, "hunter2"),
            // keys written with escapes
            (r#"{"con\u0074ent": "hunter2"}"#, "hunter2"),
            (r#"{"secret\u005fkey": "JBSWY3DP"}"#, "JBSWY3DP"),
            // numbers, objects, arrays, literals, bare words
            (r#"{"content": 918273645}"#, "918273645"),
            (r#"{"content": {"pw": "nested-pw"}}"#, "nested-pw"),
            (r#"{"content": ["arr-pw", 1]}"#, "arr-pw"),
            (r#"{"content": hunter2, "ip": "1"}"#, "hunter2"),
            (r#"{"content": true}"#, "true"),
            // unclosed string: to the next quote
            ("{\"content\": \"hunter2\n, \"ip\": \"1\"}", "hunter2"),
            // a private key pasted with raw line breaks
            (
                "{\"content\": \"-----BEGIN KEY-----\nMIIEhunter2\n-----END KEY-----\"}",
                "hunter2",
            ),
            // single quotes and bare keys (not JSON, but people write them)
            ("{'content': 'hunter2'}", "hunter2"),
            ("{content: \"hunter2\"}", "hunter2"),
            // near misses and aliases
            (r#"{"contnet": "hunter2"}"#, "hunter2"),
            (r#"{"Content": "hunter2"}"#, "hunter2"),
            (r#"{"secret-key": "JBSWY3DP"}"#, "JBSWY3DP"),
            (r#"{"password": "hunter2"}"#, "hunter2"),
            (r#"{"valeu": "hunter2"}"#, "hunter2"),
            // value on the next line, escaped quote inside
            ("{\"content\":\n   \"hun\\\"ter2\"}", "ter2"),
            // batch
            (
                r#"[{"content": "one-pw"}, {"content": "hunter2"}]"#,
                "hunter2",
            ),
            // multi-byte characters keep the length
            (r#"{"content": "sénha€😀hunter2"}"#, "hunter2"),
        ] {
            let out = masked(text);
            assert!(!out.contains(secret), "{text} → {out}");
        }
    }

    #[test]
    fn a_secret_repeated_elsewhere_is_masked_there_too() {
        let text = r#"[{"username": "hunter2x", "content": "hunter2x", "notes": "hunter2"}, {"hostname": "hunter2x"}]"#;
        let out = masked(text);
        assert!(!out.contains("hunter2x"), "{out}");
        assert!(out.contains("\"hunter2\""), "only whole strings: {out}");
    }

    #[test]
    fn leaves_other_values_alone() {
        let text = r#"{"hostname": "content", "notes": "a value", "volume": [1], "connection": "x", "connectivities": "SSH:22"}"#;
        assert_eq!(masked(text), text);
    }

    #[test]
    fn extra_fields_and_distance() {
        let m = mask(r#"{"api_token_x": "abc123"}"#, &["api_token_x".to_owned()]);
        assert!(!m.text.contains("abc123"));
        assert!(is_secret_key("contnet", &[]));
        assert!(is_secret_key("secretkey", &[]));
        assert!(!is_secret_key("hostname", &[]));
        assert!(!is_secret_key("pass", &[]));
        assert_eq!(crate::spelling::distance("contnet", "content"), 1);
    }

    #[test]
    fn placeholders() {
        let p = Placeholders::default();
        for yes in [
            "${PASS}",
            "{{ vault_pass }}",
            "$PASS",
            "%PASS%",
            "<password>",
        ] {
            assert!(p.matches(yes), "{yes}");
        }
        for no in ["hunter2", "$", "<>", "${}"] {
            assert!(!p.matches(no), "{no}");
        }
    }
}
