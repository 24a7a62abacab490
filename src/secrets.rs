//! Secrets: which values are placeholders, and masking before anything is printed.

use regex::Regex;

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

/// The result of masking a text: the masked copy and the secret values found.
pub struct Masked {
    pub text: String,
    /// The raw texts that were masked (for scrubbing messages).
    pub secrets: Vec<String>,
}

/// Overwrites the string value after every secret key with `*`, one `*` per
/// byte so that every offset stays valid. A lexical scan, not a parse: it
/// works on files that are not valid JSON, where a snippet around a syntax
/// error may sit next to a password.
pub fn mask(text: &str, extra_fields: &[String]) -> Masked {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut secrets = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let (key_end, closed) = string_end(bytes, i);
        if !closed {
            break;
        }
        let key = &text[i + 1..key_end];
        let mut j = key_end + 1;
        let is_secret = SECRET_FIELDS.contains(&key) || extra_fields.iter().any(|f| f == key);
        if is_secret {
            j = skip_blank(bytes, j);
            if bytes.get(j) == Some(&b':') {
                j = skip_blank(bytes, j + 1);
                if bytes.get(j) == Some(&b'"') {
                    let (value_end, _) = string_end(bytes, j);
                    // An unclosed value runs to the end of its line at most.
                    let stop = text[j + 1..value_end]
                        .find('\n')
                        .map_or(value_end, |n| j + 1 + n);
                    if stop > j + 1 {
                        secrets.push(text[j + 1..stop].to_owned());
                        for b in &mut out[j + 1..stop] {
                            *b = b'*';
                        }
                    }
                    j = stop + 1;
                }
            }
        }
        i = j.max(key_end + 1);
    }
    // Only whole UTF-8 sequences were overwritten, byte for byte, with ASCII.
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Masked { text, secrets }
}

/// Scrubs secret values out of a message (a safety net: rules do not quote secrets).
pub fn scrub(message: &str, secrets: &[String]) -> Option<String> {
    let mut changed = None::<String>;
    for secret in secrets.iter().filter(|s| s.chars().count() >= 3) {
        let current = changed.as_deref().unwrap_or(message);
        if current.contains(secret.as_str()) {
            changed = Some(current.replace(secret.as_str(), "****"));
        }
    }
    changed
}

/// The index of the closing quote of the string starting at `start`, and
/// whether it was closed (else the end of the text).
fn string_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut k = start + 1;
    while k < bytes.len() {
        match bytes[k] {
            b'\\' => k += 2,
            b'"' => return (k, true),
            _ => k += 1,
        }
    }
    (bytes.len(), false)
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

    #[test]
    fn masks_secrets_even_in_broken_json() {
        let text = "{\"content\": \"hunter2\", \"x\": \"content\", \"secret_key\" : \"JBSW\\\"Y3\"\n \"value\": \"open";
        let masked = mask(text, &[]);
        assert_eq!(masked.text.len(), text.len());
        assert!(!masked.text.contains("hunter2"));
        assert!(!masked.text.contains("JBSW"));
        assert!(!masked.text.contains("open"));
        assert!(masked.text.contains("\"x\": \"content\""));
        assert_eq!(masked.secrets.len(), 3);
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
