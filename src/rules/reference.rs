//! Reference rules (being written).
use super::{Check, Group, Rule, RuleDoc};
use crate::diagnostic::Severity;
pub static INCOMPLETE_REFERENCE: Rule = Rule {
    name: "incomplete-reference",
    severity: Severity::Error,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "",
        what: "",
        why: "",
        example: "",
        use_instead: "",
    },
    check: Check::Builtin,
};
pub static AUTHENTICATION_REQUIRED: Rule = Rule {
    name: "authentication-required",
    severity: Severity::Error,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "",
        what: "",
        why: "",
        example: "",
        use_instead: "",
    },
    check: Check::Builtin,
};
pub static AUTHENTICATION_IGNORED: Rule = Rule {
    name: "authentication-ignored",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "",
        what: "",
        why: "",
        example: "",
        use_instead: "",
    },
    check: Check::Builtin,
};
