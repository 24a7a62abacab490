//! Schema rules: every JSON Schema error maps to one of these (see `schema::map`).

use super::{Check, Group, Rule, RuleDoc};
use crate::diagnostic::Severity;

pub static MISSING_REQUIRED: Rule = Rule {
    name: "missing-required",
    severity: Severity::Error,
    group: Group::Schema,
    server_code: None,
    doc: RuleDoc {
        summary: "A required field is missing: the `username` key, `hostname` or `ip`.",
        what: "Reports a payload that lacks `username` (server error 1042), `hostname` (1004) or `ip` (1005). It points at the object that lacks the field. The `username` key must be sent even when its value is empty.",
        why: "The server identifies the device by hostname and IP and the credential by username; without them it answers 400 with the error code shown, and nothing is created.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"ip\": \"10.0.0.5\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
    },
    check: Check::Builtin,
};

pub static TYPE_MISMATCH: Rule = Rule {
    name: "type-mismatch",
    severity: Severity::Error,
    group: Group::Schema,
    server_code: None,
    doc: RuleDoc {
        summary: "A value has the wrong JSON type.",
        what: "Reports a value whose JSON type is not the one the field takes: a quoted boolean (`\"true\"`), a quoted number for `parent_password`, a number in `parent_hostname`/`parent_ip` (which the reference mislabels `Int`), a JSON array for a comma-separated list such as `tags`. The help says exactly how to write it.",
        why: "The server does not coerce types reliably: a quoted `\"false\"` is a non-empty string and may read as true, and a list sent as an array is rejected or stored as `Array`.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\"automatic_change\": \"false\"}\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\"automatic_change\": false}\n}\n",
    },
    check: Check::Builtin,
};

pub static WRONG_CONTAINER: Rule = Rule {
    name: "wrong-container",
    severity: Severity::Error,
    group: Group::Schema,
    server_code: None,
    doc: RuleDoc {
        summary: "An object where an array belongs, or an array where an object belongs.",
        what: "Reports a single object sent for `macros` or `additional_authentication_fields` (which take arrays of objects), an array for a settings block that is not one object wrapped in `[ ]`, and an array where a field takes one object.",
        why: "The server walks arrays item by item and reads settings from an object: the wrong container makes it ignore the whole block or reject the request.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"session_settings\": {\n    \"restrict_access_to_remote_application\": true,\n    \"macros\": {\"remote_app\": \"MySQL\", \"connectivity\": \"SSH\"}\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"session_settings\": {\n    \"SSH\": true,\n    \"restrict_access_to_remote_application\": true,\n    \"macros\": [{\"remote_app\": \"MySQL\", \"connectivity\": \"SSH\"}]\n  }\n}\n",
    },
    check: Check::Builtin,
};

pub static SETTINGS_ARRAY_FORM: Rule = Rule {
    name: "settings-array-form",
    severity: Severity::Warning,
    group: Group::Schema,
    server_code: None,
    doc: RuleDoc {
        summary: "A settings block is sent as a one-element array instead of an object.",
        what: "Reports `execution_settings`, `session_settings`, `additional_settings` or `jit_settings` written as `[ { … } ]`. Silent under `api_version = \"3.32\"`, whose documentation wraps every block this way. The fields inside are still checked.",
        why: "The reference defines the blocks as objects; the array form is a leftover of the v3.32 pages. Servers that follow the current reference may read the block as empty and silently drop its settings.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"additional_settings\": [{\"criticality\": \"High\"}]\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"additional_settings\": {\"criticality\": \"High\"}\n}\n",
    },
    check: Check::Builtin,
};

pub static UNKNOWN_FIELD: Rule = Rule {
    name: "unknown-field",
    severity: Severity::Error,
    group: Group::Schema,
    server_code: None,
    doc: RuleDoc {
        summary: "A key the reference does not define at this place.",
        what: "Reports a key that is not a field of the object it is in. The help names the intended key: the closest spelling (`hostame` → `hostname`, `sql_server` → `SQL Server`), the key without the back-ticks copied from a table, the block a field belongs to when it was put at the wrong level (`notes` → `additional_settings.notes`), and the field other clients call by another name (`password` → `content`).",
        why: "The server ignores keys it does not know, so the setting the author meant is silently not applied — a password never stored, a protocol never enabled.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostame\": \"db01\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
    },
    check: Check::Builtin,
};

pub static INVALID_ENUM: Rule = Rule {
    name: "invalid-enum",
    severity: Severity::Error,
    group: Group::Schema,
    server_code: None,
    doc: RuleDoc {
        summary: "`criticality` is not one of `Low`, `Medium`, `High`.",
        what: "Reports a `criticality` value outside `Low`, `Medium`, `High`, including the Portuguese words the reference's description uses (`Baixo`, `Médio`, `Alto`) and other spellings of case; the help gives the English value to write.",
        why: "The server stores only the three English levels; another value is rejected or falls back to `Medium`, hiding how critical the credential is.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"additional_settings\": {\"criticality\": \"Alto\"}\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"additional_settings\": {\"criticality\": \"High\"}\n}\n",
    },
    check: Check::Builtin,
};
