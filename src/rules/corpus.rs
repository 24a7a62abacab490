//! Rules across files: they see every payload of one run.

use super::{Check, Group, Rule, RuleDoc};
use crate::diagnostic::{Diagnostic, Related, Severity, Span};
use crate::json::{pointer, Document};
use crate::secrets::Placeholders;
use serde_json::{Map, Value};
use std::collections::HashMap;

pub static DUPLICATE_CREDENTIAL: Rule = Rule {
    name: "duplicate-credential",
    severity: Severity::Warning,
    group: Group::Corpus,
    server_code: None,
    doc: RuleDoc {
        summary: "Two payloads of one run name the same credential: the later upsert overwrites the earlier.",
        what: "Across every file (and every batch element) of one run, in path order, reports a payload with the same identity as an earlier one. The identity is the `identifier` when it is non-empty; when `identifier` is absent or `\"\"`, it is the `username`, `hostname` and `ip` together (`hostname` and `ip` non-empty). Values are compared exactly, ignoring leading and trailing blanks (a placeholder is compared as written: the same `${VAR}` stands for the same value); a payload identified by `identifier` is never compared with one identified by the triple. The diagnostic sits on the later payload — at its `identifier` value when the identity is the identifier, at the payload's opening brace when it is the triple — and the first payload with that identity is the related location (in its own file when it is another one); a third copy is reported too, also related to the first.",
        why: "The endpoint is an upsert: a second request with the same identity does not create a second credential, it silently overwrites the first one's fields, so whatever the earlier payload set is lost — typically a copy-pasted file whose identity was not changed.",
        example: "[\n  {\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\", \"tags\": \"backup\"},\n  {\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\", \"tags\": \"reports\"}\n]\n",
        use_instead: "[\n  {\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\", \"tags\": \"backup\"},\n  {\"username\": \"svc_reports\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\", \"tags\": \"reports\"}\n]\n",
    },
    check: Check::Builtin,
};

pub static CATALOGUE_NEAR_DUPLICATE: Rule = Rule {
    name: "catalogue-near-duplicate",
    severity: Severity::Warning,
    group: Group::Corpus,
    server_code: None,
    doc: RuleDoc {
        summary: "A `credential_type`, `type`, `vendor`, `model` or `site` spelled in two ways that differ only by case, blanks or accents.",
        what: "Across every file (and every batch element) of one run, in path order, compares the values of each catalogue field — `credential_type`, `type`, `vendor`, `model`, `site` — ignoring case, blanks and accents on Latin letters (`Domain User`, `domain user`, `Domain  User`, `DomainUser`; `Sao Paulo`, `São Paulo`). Each later spelling is reported once, at its first occurrence, with the first spelling of the run as the related location. Spellings that differ only by leading or trailing blanks are left to `surrounding-whitespace`, and placeholders (the built-in patterns) are not judged.",
        why: "The server matches catalogue values exactly and creates a new entry for a value it has not seen: each spelling becomes its own credential type, device type, vendor, model or site, and reports, filters and access policies keyed on one spelling miss the others.",
        example: "[\n  {\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\", \"credential_type\": \"Domain User\"},\n  {\"username\": \"svc_backup\", \"hostname\": \"db02\", \"ip\": \"10.0.0.6\", \"credential_type\": \"domain user\"}\n]\n",
        use_instead: "[\n  {\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\", \"credential_type\": \"Domain User\"},\n  {\"username\": \"svc_backup\", \"hostname\": \"db02\", \"ip\": \"10.0.0.6\", \"credential_type\": \"Domain User\"}\n]\n",
    },
    check: Check::Builtin,
};

/// What corpus rules need to know of one payload, kept after its document
/// is dropped (so a run over thousands of files holds no syntax trees).
#[derive(Debug, Clone)]
pub struct PayloadFacts {
    /// The payload's pointer (`""` or `/3`) and the span of its opening brace.
    pub pointer: String,
    pub span: Span,
    /// `(value, span of the value)` of each identity field present as a string.
    pub identifier: Option<(String, Span)>,
    pub username: Option<(String, Span)>,
    pub hostname: Option<(String, Span)>,
    pub ip: Option<(String, Span)>,
    /// Catalogue values: `(field, value, span)` for `credential_type`, `type`,
    /// `vendor`, `model`, `site`.
    pub catalogue: Vec<(&'static str, String, Span)>,
}

pub const CATALOGUE_FIELDS: [&str; 5] = ["credential_type", "type", "vendor", "model", "site"];

impl PayloadFacts {
    pub fn collect(doc: &Document, ptr: &str, map: &Map<String, Value>) -> PayloadFacts {
        let field = |key: &str| -> Option<(String, Span)> {
            let value = map.get(key)?.as_str()?;
            Some((value.to_owned(), doc.value_span(&pointer::push(ptr, key))))
        };
        let catalogue = CATALOGUE_FIELDS
            .iter()
            .filter_map(|key| field(key).map(|(v, s)| (*key, v, s)))
            .collect();
        PayloadFacts {
            pointer: ptr.to_owned(),
            span: doc.open_span(ptr),
            identifier: field("identifier"),
            username: field("username"),
            hostname: field("hostname"),
            ip: field("ip"),
            catalogue,
        }
    }

    /// Identity fields are not secrets, but a config may name any field secret.
    pub fn scrub(&mut self, secrets: &std::collections::HashSet<String>) {
        if secrets.is_empty() {
            return;
        }
        let hide = |slot: &mut Option<(String, Span)>| {
            if let Some((value, _)) = slot {
                if secrets.contains(value.as_str()) {
                    *slot = None;
                }
            }
        };
        hide(&mut self.identifier);
        hide(&mut self.username);
        hide(&mut self.hostname);
        hide(&mut self.ip);
        self.catalogue
            .retain(|(_, v, _)| !secrets.contains(v.as_str()));
    }
}

/// Runs the corpus rules. `facts` is in path order, each tagged with the
/// index of its file in `paths`; returns diagnostics tagged the same way.
pub fn check(facts: &[(usize, PayloadFacts)], paths: &[String]) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    duplicate_credentials(facts, paths, &mut out);
    catalogue_near_duplicates(facts, paths, &mut out);
    out
}

/// What makes two upserts write the same credential.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Identity<'a> {
    Identifier(&'a str),
    /// username (may be empty: the server names it `usr`), hostname, ip.
    Triple(&'a str, &'a str, &'a str),
}

impl PayloadFacts {
    fn identity(&self) -> Option<Identity<'_>> {
        if let Some((id, _)) = &self.identifier {
            if !id.trim().is_empty() {
                return Some(Identity::Identifier(id.trim()));
            }
        }
        fn non_empty(slot: &Option<(String, Span)>) -> Option<&str> {
            slot.as_ref()
                .map(|(v, _)| v.trim())
                .filter(|v| !v.is_empty())
        }
        let username = self.username.as_ref()?.0.trim();
        Some(Identity::Triple(
            username,
            non_empty(&self.hostname)?,
            non_empty(&self.ip)?,
        ))
    }

    /// Where a corpus diagnostic about this payload's identity points.
    fn identity_location(&self, identity: &Identity<'_>) -> (String, Span) {
        match (identity, &self.identifier) {
            (Identity::Identifier(_), Some((_, span))) => {
                (pointer::push(&self.pointer, "identifier"), *span)
            }
            _ => (self.pointer.clone(), self.span),
        }
    }
}

/// `"svc"` with JSON quoting, for messages.
fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// How a message names the earlier payload: its file, or its batch element here.
fn place(earlier: (usize, &PayloadFacts), file: usize, paths: &[String]) -> String {
    let (other, facts) = earlier;
    let element = pointer::tokens(&facts.pointer)
        .next()
        .map(|index| format!("element {index}"));
    match (other == file, element) {
        (true, Some(element)) => format!("{element} of this batch"),
        (true, None) => "an earlier payload of this file".to_owned(),
        (false, Some(element)) => format!("{element} of `{}`", paths[other]),
        (false, None) => format!("`{}`", paths[other]),
    }
}

fn related(
    earlier: (usize, &PayloadFacts),
    file: usize,
    paths: &[String],
    pointer: String,
    span: Span,
    message: String,
) -> Related {
    Related {
        path: (earlier.0 != file).then(|| paths[earlier.0].clone()),
        pointer,
        message,
        span,
    }
}

fn duplicate_credentials(
    facts: &[(usize, PayloadFacts)],
    paths: &[String],
    out: &mut Vec<(usize, Diagnostic)>,
) {
    let mut first: HashMap<Identity<'_>, usize> = HashMap::new();
    for (k, (file, payload)) in facts.iter().enumerate() {
        let Some(identity) = payload.identity() else {
            continue;
        };
        let Some(&earlier) = first.get(&identity) else {
            first.insert(identity, k);
            continue;
        };
        let (other, before) = &facts[earlier];
        // The same file named twice on the command line is not a second upsert.
        if paths[*other] == paths[*file] && before.pointer == payload.pointer {
            continue;
        }
        let whereabouts = place((*other, before), *file, paths);
        let (message, help) = match identity {
            Identity::Identifier(id) => (
                format!(
                    "same `identifier` {} as {whereabouts}: this upsert silently overwrites that credential",
                    quote(id)
                ),
                "give each credential its own `identifier`, or merge the two payloads into one request if they describe the same credential",
            ),
            Identity::Triple(..) => (
                format!(
                    "same `username`, `hostname` and `ip` as {whereabouts}, and no `identifier`: this upsert silently overwrites that credential"
                ),
                "merge the two payloads into one request, or correct `username`, `hostname` or `ip` if they are different credentials (or give each its own `identifier`)",
            ),
        };
        let (ptr, span) = payload.identity_location(&identity);
        let (other_ptr, other_span) = before.identity_location(&identity);
        let related = related(
            (*other, before),
            *file,
            paths,
            other_ptr,
            other_span,
            "the earlier payload with this identity, overwritten".to_owned(),
        );
        out.push((
            *file,
            DUPLICATE_CREDENTIAL
                .diagnostic(ptr, span, message)
                .with_label("sent later: this upsert replaces what the earlier one set")
                .with_help(help)
                .with_related(related),
        ));
    }
}

/// Folds a catalogue value for comparison: no blanks, lower case, Latin
/// letters without accents (`São  Paulo` → `saopaulo`).
pub fn fold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars().filter(|c| !c.is_whitespace()) {
        for lower in c.to_lowercase() {
            push_unaccented(&mut out, lower);
        }
    }
    out
}

/// `value` without accents on Latin letters, case kept.
fn unaccent(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_uppercase() {
            let mut plain = String::new();
            for lower in c.to_lowercase() {
                push_unaccented(&mut plain, lower);
            }
            out.extend(plain.chars().flat_map(char::to_uppercase));
        } else {
            push_unaccented(&mut out, c);
        }
    }
    out
}

/// Pushes a lower-case letter without its accent (`ç` → `c`, `ß` → `ss`).
fn push_unaccented(out: &mut String, c: char) {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        other => {
            out.push(other);
            return;
        }
    };
    out.push_str(plain);
}

/// `by case`, `by blanks and accents`, …: how two near-duplicates differ.
fn difference(a: &str, b: &str) -> String {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut kinds = Vec::new();
    if unaccent(&squeeze(a)) != unaccent(&squeeze(b)) {
        kinds.push("case");
    }
    if unaccent(a).to_lowercase() != unaccent(b).to_lowercase() {
        kinds.push("blanks");
    }
    if squeeze(a).to_lowercase() != squeeze(b).to_lowercase() {
        kinds.push("accents");
    }
    match kinds.as_slice() {
        [] => "only in ways that fold away".to_owned(),
        [one] => format!("only by {one}"),
        [init @ .., last] => format!("only by {} and {last}", init.join(", ")),
    }
}

/// What the server creates for a catalogue field's unseen value.
fn catalogue_entry(field: &str) -> &'static str {
    match field {
        "credential_type" => "credential type",
        "type" => "device type",
        "vendor" => "vendor",
        "model" => "model",
        _ => "site",
    }
}

fn catalogue_near_duplicates(
    facts: &[(usize, PayloadFacts)],
    paths: &[String],
    out: &mut Vec<(usize, Diagnostic)>,
) {
    struct Seen<'a> {
        /// Index into `facts` and the spelling (trimmed) seen first.
        first: usize,
        spelling: &'a str,
        span: Span,
        /// Later spellings already reported.
        reported: Vec<&'a str>,
    }
    // The corpus has no config: the built-in placeholder patterns apply.
    let placeholders = Placeholders::default();
    let mut seen: HashMap<(&'static str, String), Seen<'_>> = HashMap::new();
    for (k, (file, payload)) in facts.iter().enumerate() {
        for (field, value, span) in &payload.catalogue {
            let spelling = value.trim();
            if spelling.is_empty() || placeholders.matches(spelling) {
                continue;
            }
            let key = (*field, fold(spelling));
            let Some(entry) = seen.get_mut(&key) else {
                seen.insert(
                    key,
                    Seen {
                        first: k,
                        spelling,
                        span: *span,
                        reported: Vec::new(),
                    },
                );
                continue;
            };
            // Leading/trailing blanks alone are `surrounding-whitespace`'s.
            if entry.spelling == spelling || entry.reported.contains(&spelling) {
                continue;
            }
            entry.reported.push(spelling);
            let (other, before) = &facts[entry.first];
            let whereabouts = place((*other, before), *file, paths);
            let ptr = pointer::push(&payload.pointer, field);
            let related = related(
                (*other, before),
                *file,
                paths,
                pointer::push(&before.pointer, field),
                entry.span,
                format!("first spelled {} here", quote(entry.spelling)),
            );
            let entry_name = catalogue_entry(field);
            out.push((
                *file,
                CATALOGUE_NEAR_DUPLICATE
                    .diagnostic(
                        ptr,
                        *span,
                        format!(
                            "`{field}` {} differs from {} in {whereabouts} {}",
                            quote(spelling),
                            quote(entry.spelling),
                            difference(spelling, entry.spelling)
                        ),
                    )
                    .with_label(format!(
                        "the server creates a separate {entry_name} for this spelling"
                    ))
                    .with_help(format!(
                        "spell it as the run first does: `\"{field}\": {}` (or, if this spelling is the right one, change the others to it)",
                        quote(entry.spelling)
                    ))
                    .with_related(related),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_blanks_and_accents() {
        assert_eq!(fold("Domain User"), fold("domain user"));
        assert_eq!(fold("Domain User"), fold("Domain  User"));
        assert_eq!(fold("Domain User"), fold("DomainUser"));
        assert_eq!(fold("São Paulo"), fold("SAO PAULO"));
        assert_eq!(fold("Çağrı Merkezi"), "cagrimerkezi");
        assert_eq!(fold("Straße"), "strasse");
        assert_ne!(fold("Domain User"), fold("Domain Users"));
    }

    #[test]
    fn difference_names_what_differs() {
        assert_eq!(difference("domain user", "Domain User"), "only by case");
        assert_eq!(difference("Domain  User", "Domain User"), "only by blanks");
        assert_eq!(difference("Sao Paulo", "São Paulo"), "only by accents");
        assert_eq!(
            difference("sao  paulo", "São Paulo"),
            "only by case, blanks and accents"
        );
        assert_eq!(difference("SÃO PAULO", "São Paulo"), "only by case");
    }

    fn facts(pointer: &str, fields: &[(&str, &str)]) -> PayloadFacts {
        let at = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| ((*v).to_owned(), Span::new(1, 2)))
        };
        PayloadFacts {
            pointer: pointer.to_owned(),
            span: Span::new(0, 1),
            identifier: at("identifier"),
            username: at("username"),
            hostname: at("hostname"),
            ip: at("ip"),
            catalogue: CATALOGUE_FIELDS
                .iter()
                .filter_map(|f| at(f).map(|(v, s)| (*f, v, s)))
                .collect(),
        }
    }

    #[test]
    fn identity_is_the_identifier_or_else_the_triple() {
        let with_id = facts(
            "",
            &[
                ("identifier", " id1 "),
                ("username", "u"),
                ("hostname", "h"),
                ("ip", "i"),
            ],
        );
        assert_eq!(with_id.identity(), Some(Identity::Identifier("id1")));
        let empty_id = facts(
            "",
            &[
                ("identifier", ""),
                ("username", ""),
                ("hostname", "h"),
                ("ip", "i"),
            ],
        );
        assert_eq!(empty_id.identity(), Some(Identity::Triple("", "h", "i")));
        let no_host = facts("", &[("username", "u"), ("hostname", " "), ("ip", "i")]);
        assert_eq!(no_host.identity(), None);
    }

    #[test]
    fn a_third_copy_relates_to_the_first_and_ids_never_meet_triples() {
        let triple = [("username", "u"), ("hostname", "h"), ("ip", "i")];
        let mut with_id = triple.to_vec();
        with_id.push(("identifier", "x"));
        let run = vec![
            (0, facts("", &triple)),
            (1, facts("", &with_id)),
            (2, facts("/0", &triple)),
            (2, facts("/1", &triple)),
        ];
        let paths: Vec<String> = ["a.json", "b.json", "c.json"].map(String::from).to_vec();
        let out = check(&run, &paths);
        let files: Vec<usize> = out.iter().map(|(f, _)| *f).collect();
        assert_eq!(files, [2, 2]);
        for (_, d) in &out {
            assert_eq!(d.related[0].path.as_deref(), Some("a.json"));
        }
    }

    #[test]
    fn each_later_spelling_is_reported_once() {
        let run = vec![
            (0, facts("", &[("credential_type", "Domain User")])),
            (1, facts("", &[("credential_type", "domain user")])),
            (2, facts("", &[("credential_type", "domain user")])),
            (3, facts("", &[("credential_type", "Domain User ")])),
            (4, facts("", &[("credential_type", "${TYPE}")])),
            (5, facts("", &[("vendor", "domain user")])),
        ];
        let paths: Vec<String> = (0..6).map(|i| format!("{i}.json")).collect();
        let out = check(&run, &paths);
        let files: Vec<usize> = out.iter().map(|(f, _)| *f).collect();
        assert_eq!(files, [1]);
    }
}
