//! JIT rules (being written).
use super::{Check, Group, Rule, RuleDoc};
use crate::diagnostic::Severity;
macro_rules! todo_rule {
    ($id:ident, $name:literal, $sev:ident, $group:ident) => {
        pub static $id: Rule = Rule {
            name: $name,
            severity: Severity::$sev,
            group: Group::$group,
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
    };
}
todo_rule!(JIT_MODES_EXCLUSIVE, "jit-modes-exclusive", Error, Jit);
todo_rule!(JIT_NO_MODE, "jit-no-mode", Warning, Jit);
todo_rule!(JIT_SETTINGS_IGNORED, "jit-settings-ignored", Warning, Jit);
todo_rule!(
    JIT_INACTIVE_MODE_FIELDS,
    "jit-inactive-mode-fields",
    Warning,
    Jit
);
