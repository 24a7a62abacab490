//! Pairing rules (being written).
use super::{Check, Group, Rule, RuleDoc};
use crate::diagnostic::Severity;
pub static PLUGIN_TEMPLATE_PAIR: Rule = Rule {
    name: "plugin-template-pair",
    severity: Severity::Error,
    group: Group::Pairing,
    server_code: Some(1047),
    doc: RuleDoc {
        summary: "",
        what: "",
        why: "",
        example: "",
        use_instead: "",
    },
    check: Check::Builtin,
};
