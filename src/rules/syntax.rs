//! Syntax rules: emitted by the parser and the payload splitter.

use super::{Check, Group, Rule, RuleDoc};
use crate::diagnostic::Severity;

pub static INVALID_JSON: Rule = Rule {
    name: "invalid-json",
    severity: Severity::Error,
    group: Group::Syntax,
    server_code: None,
    doc: RuleDoc {
        summary: "The file is not valid JSON.",
        what: "Reports the first place where the file stops being strict JSON (RFC 8259): a missing comma or brace, a trailing comma, a comment, single quotes, an unescaped line break in a string, a byte order mark, invalid UTF-8, or an empty file. It points at the character where the parser gave up and, for an unclosed object, array or string, also at where it was opened.",
        why: "The server decodes the body as strict JSON. A body that does not decode is rejected as a whole, so none of the credential is created or updated, and nothing else in the file can be checked.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
    },
    check: Check::Builtin,
};

pub static DUPLICATE_KEY: Rule = Rule {
    name: "duplicate-key",
    severity: Severity::Warning,
    group: Group::Syntax,
    server_code: None,
    doc: RuleDoc {
        summary: "A key appears twice in one object.",
        what: "Reports the second occurrence of a key in the same object and shows the first one as a related location.",
        why: "JSON decoders keep only one of the values (the server keeps the last), so one of the two settings is silently dropped, and which one depends on the order of the lines.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"hostname\": \"db02\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db02\",\n  \"ip\": \"10.0.0.5\"\n}\n",
    },
    check: Check::Builtin,
};

pub static NOT_AN_OBJECT: Rule = Rule {
    name: "not-an-object",
    severity: Severity::Error,
    group: Group::Syntax,
    server_code: None,
    doc: RuleDoc {
        summary: "A payload (or an element of a batch) is not a JSON object.",
        what: "A file holds one payload, a JSON object, or a batch, an array of payloads. Reports a file whose top-level value is a string, number, boolean or null, and every batch element that is not an object.",
        why: "The endpoint reads the request fields from an object; anything else carries no `username`, `hostname` or `ip`, and the server rejects it.",
        example: "[\n  {\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\"},\n  \"svc_backup@db02\"\n]\n",
        use_instead: "[\n  {\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\"},\n  {\"username\": \"svc_backup\", \"hostname\": \"db02\", \"ip\": \"10.0.0.6\"}\n]\n",
    },
    check: Check::Builtin,
};
