//! Credential references: the `X_credential`, `X_hostname`, `X_ip` triples,
//! and the `use_own_credential_to_connect` switch that decides whether the
//! authentication triple is used.
//!
//! Who speaks about what (one mistake, one diagnostic):
//! - a triple partly set: `incomplete-reference`, unless the server ignores
//!   the triple anyway (authentication while the own credential is used:
//!   `authentication-ignored`; reconciliation while `status` is not true:
//!   `reconciliation-ignored`; JIT while `jit` is not true:
//!   `jit-settings-ignored`);
//! - the authentication triple wholly missing though required:
//!   `authentication-required`.

use super::jit;
use super::presence::{list, report_ignored, them, Field, Fields, Flag};
use super::{Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;

const OWN: &str = "use_own_credential_to_connect";
const EXECUTION: &str = "execution_settings";
const SESSION: &str = "session_settings";

/// A credential reference: `X_credential`, `X_hostname`, `X_ip`.
#[derive(Clone, Copy)]
pub(super) struct Triple {
    pub keys: [&'static str; 3],
    /// For messages: "authentication credential".
    pub what: &'static str,
}

const PARENT: Triple = Triple {
    keys: ["parent_credential", "parent_hostname", "parent_ip"],
    what: "parent credential",
};
const AUTHENTICATION: Triple = Triple {
    keys: [
        "authentication_credential",
        "authentication_hostname",
        "authentication_ip",
    ],
    what: "authentication credential",
};
pub(super) const RECONCILIATION: Triple = Triple {
    keys: [
        "reconciliation_credential",
        "reconciliation_hostname",
        "reconciliation_ip",
    ],
    what: "reconciliation credential",
};

/// How far a triple is filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Filled {
    None,
    Partly,
    Fully,
    /// A member was reported by the schema or is misspelled.
    Unknown,
}

pub(super) fn filled(f: &Fields<'_>, triple: Triple) -> Filled {
    let states = triple.keys.map(|k| f.field(k));
    if states.contains(&Field::Unknown) {
        return Filled::Unknown;
    }
    match states.iter().filter(|s| s.is_set()).count() {
        0 => Filled::None,
        3 => Filled::Fully,
        _ => Filled::Partly,
    }
}

/// What `use_own_credential_to_connect` says for a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Own {
    /// `true`, or absent where the reference's default is true (session, JIT).
    On,
    /// `false`: the authentication triple names the credential to connect with.
    Off,
    /// Absent in `execution_settings`, whose default the reference does not give.
    Unstated,
    /// Reported by the schema or misspelled.
    Unknown,
}

fn own(f: &Fields<'_>) -> Own {
    match f.flag(OWN) {
        Flag::True => Own::On,
        Flag::False => Own::Off,
        Flag::Absent if f.name == EXECUTION => Own::Unstated,
        Flag::Absent => Own::On,
        Flag::Unknown => Own::Unknown,
    }
}

/// The blocks that hold an authentication triple, as the rules should see
/// them: `jit_settings` only when `jit` is not known to be off.
fn authentication_blocks<'a>(ctx: &PayloadCtx<'a>) -> Vec<Fields<'a>> {
    [EXECUTION, SESSION, jit::BLOCK]
        .into_iter()
        .filter_map(|name| Fields::of(ctx, name))
        .filter(|f| f.name != jit::BLOCK || jit::block_applies(f))
        .collect()
}

/// A concrete line to add for a missing member.
fn snippet(key: &str) -> String {
    let value = if key.ends_with("_credential") {
        "<username>"
    } else if key.ends_with("_hostname") {
        "<device hostname>"
    } else {
        "<device ip or address>"
    };
    format!("`\"{key}\": \"{value}\"`")
}

pub static INCOMPLETE_REFERENCE: Rule = Rule {
    name: "incomplete-reference",
    severity: Severity::Error,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "A credential reference gives some but not all of `X_credential`, `X_hostname`, `X_ip`.",
        what: "A credential is referred to by three fields together: its username (`X_credential`), its device's hostname (`X_hostname`) and address (`X_ip`), for X in `parent` and `reconciliation` (`execution_settings`) and `authentication` (`execution_settings`, `session_settings`, `jit_settings`). Reports a triple with one or two of them set, at the first one written; the help names the missing ones. An empty string counts as missing.\n\nA triple the server ignores anyway is left to the rule that says so: the authentication triple while `use_own_credential_to_connect` is true, or absent where it defaults to true (`authentication-ignored`), the reconciliation triple while `status` is not true (`reconciliation-ignored`), and the JIT triple while `jit` is not true (`jit-settings-ignored`).",
        why: "The server looks the referenced credential up by username, hostname and ip; with a part missing it finds none, or another one with the same username. The parent, the credential used to connect, or the one used to reconcile is then wrong or unset, and rotations or sessions fail later, far from the payload that caused it.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"parent_credential\": \"root\",\n    \"parent_hostname\": \"db01\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"parent_credential\": \"root\",\n    \"parent_hostname\": \"db01\",\n    \"parent_ip\": \"10.0.0.5\"\n  }\n}\n",
    },
    check: Check::Payload(check_incomplete),
};

fn check_incomplete(ctx: &mut PayloadCtx<'_>) {
    if let Some(f) = Fields::of(ctx, EXECUTION) {
        report_incomplete(ctx, &f, PARENT);
        if !f.flag("status").is_off() {
            report_incomplete(ctx, &f, RECONCILIATION);
        }
    }
    for f in authentication_blocks(ctx) {
        if own(&f) != Own::On {
            report_incomplete(ctx, &f, AUTHENTICATION);
        }
    }
}

fn report_incomplete(ctx: &mut PayloadCtx<'_>, f: &Fields<'_>, triple: Triple) {
    if filled(f, triple) != Filled::Partly {
        return;
    }
    let present = f.set_in_source_order(ctx.doc, &triple.keys);
    let missing: Vec<(&str, Field)> = triple
        .keys
        .iter()
        .map(|k| (*k, f.field(k)))
        .filter(|(_, s)| s.is_missing())
        .collect();
    let phrase = |state: Field, verb_one: &str, verb_many: &str| {
        let keys: Vec<&str> = missing
            .iter()
            .filter(|(_, s)| *s == state)
            .map(|(k, _)| *k)
            .collect();
        match keys.len() {
            0 => None,
            1 => Some(format!("{} {verb_one}", list(&keys))),
            _ => Some(format!("{} {verb_many}", list(&keys))),
        }
    };
    let phrases: Vec<String> = [
        phrase(Field::Absent, "is missing", "are missing"),
        phrase(Field::Empty, "is empty", "are empty"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let snippets: Vec<String> = missing.iter().map(|(k, _)| snippet(k)).collect();
    ctx.at_value(
        &INCOMPLETE_REFERENCE,
        &f.ptr(present[0]),
        format!(
            "the {} is named only in part: {}",
            triple.what,
            phrases.join(", ")
        ),
    )
    .label("a credential is found by username, hostname and ip together")
    .help(format!(
        "add {}, or remove {} if no {} is meant",
        snippets.join(" and "),
        list(&present),
        triple.what
    ));
}

pub static AUTHENTICATION_REQUIRED: Rule = Rule {
    name: "authentication-required",
    severity: Severity::Error,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "`use_own_credential_to_connect: false` without the `authentication_*` credential.",
        what: "Reports `use_own_credential_to_connect: false` in a block that sets none of `authentication_credential`, `authentication_hostname`, `authentication_ip` (absent or empty). An error in `jit_settings`, where the reference marks the triple required, and a warning in `execution_settings` and `session_settings`. A triple set in part is `incomplete-reference` only, and a `jit_settings` block whose `jit` is not true is left to `jit-settings-ignored`.",
        why: "`false` tells the server not to connect with this credential itself but with the authentication credential; with none named it has no credential to connect with, so the JIT operations, rotations or sessions that need one fail (for JIT the reference requires the triple, so the request is not accepted as meant).",
        example: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"credential_creation_and_deletion\": true,\n    \"use_own_credential_to_connect\": false,\n    \"credential_creation_plugin\": \"SSH\",\n    \"credential_creation_template\": \"Linux - Create User\",\n    \"credential_deletion_plugin\": \"SSH\",\n    \"credential_deletion_template\": \"Linux - Remove User\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"credential_creation_and_deletion\": true,\n    \"use_own_credential_to_connect\": false,\n    \"authentication_credential\": \"root\",\n    \"authentication_hostname\": \"app01\",\n    \"authentication_ip\": \"10.0.0.7\",\n    \"credential_creation_plugin\": \"SSH\",\n    \"credential_creation_template\": \"Linux - Create User\",\n    \"credential_deletion_plugin\": \"SSH\",\n    \"credential_deletion_template\": \"Linux - Remove User\"\n  }\n}\n",
    },
    check: Check::Payload(check_required),
};

fn check_required(ctx: &mut PayloadCtx<'_>) {
    for f in authentication_blocks(ctx) {
        if own(&f) != Own::Off || filled(&f, AUTHENTICATION) != Filled::None {
            continue;
        }
        let in_jit = f.name == jit::BLOCK;
        let label = if in_jit {
            "the reference requires `authentication_*` when this is false"
        } else {
            "no credential to connect with"
        };
        let [c, h, i] = AUTHENTICATION.keys;
        let d = ctx
            .at_value(
                &AUTHENTICATION_REQUIRED,
                &f.ptr(OWN),
                format!(
                    "`{OWN}` is false but `{}` names no authentication credential",
                    f.name
                ),
            )
            .label(label)
            .help(format!(
                "add {}, {} and {} naming the credential to connect with, or set `\"{OWN}\": true`",
                snippet(c),
                snippet(h),
                snippet(i)
            ));
        if !in_jit {
            d.severity(Severity::Warning);
        }
    }
}

pub static AUTHENTICATION_IGNORED: Rule = Rule {
    name: "authentication-ignored",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "Authentication fields set while the credential connects with itself.",
        what: "Reports `authentication_credential`, `authentication_hostname` or `authentication_ip` set in a block whose `use_own_credential_to_connect` is `true`, or absent in `session_settings` and `jit_settings`, where the reference's default is true. It points at `use_own_credential_to_connect` when it is written, else at the first authentication field, and shows the authentication fields as related locations; a partial triple is reported here only, not also as `incomplete-reference`. In `execution_settings` the reference gives no default, so there an absent flag is not taken as true and nothing is reported: write the flag to be sure.",
        why: "With the own credential on, the server connects with this credential and ignores the authentication fields. Whoever reads the payload believes another credential is used to connect (the reference's own JIT enable/disable example does this). It matters most in the JIT enable/disable mode: the credential is disabled between sessions, so connecting with it to enable it is likely to fail.",
        example: "{\n  \"username\": \"svc_app\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"session_settings\": {\n    \"SSH\": true,\n    \"authentication_credential\": \"jump\",\n    \"authentication_hostname\": \"bastion01\",\n    \"authentication_ip\": \"10.0.0.2\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_app\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"session_settings\": {\n    \"SSH\": true,\n    \"use_own_credential_to_connect\": false,\n    \"authentication_credential\": \"jump\",\n    \"authentication_hostname\": \"bastion01\",\n    \"authentication_ip\": \"10.0.0.2\"\n  }\n}\n",
    },
    check: Check::Payload(check_ignored),
};

fn check_ignored(ctx: &mut PayloadCtx<'_>) {
    for f in authentication_blocks(ctx) {
        if own(&f) != Own::On {
            continue;
        }
        let set = f.set_in_source_order(ctx.doc, &AUTHENTICATION.keys);
        if set.is_empty() {
            continue;
        }
        let fields = list(&set);
        let help = format!(
            "set `\"{OWN}\": false` to connect with the authentication credential, or remove {fields}"
        );
        if f.flag(OWN) == Flag::True {
            let message = format!("`{OWN}` is true, so the server ignores {fields}");
            report_ignored(ctx, &AUTHENTICATION_IGNORED, &f, Some(OWN), &set, message)
                .label("connects with this credential itself")
                .help(help);
        } else {
            let verb = if set.len() == 1 { "is" } else { "are" };
            let message = format!(
                "{fields} {verb} set, but `{OWN}` defaults to true in `{}`: the server ignores {}",
                f.name,
                them(set.len())
            );
            report_ignored(ctx, &AUTHENTICATION_IGNORED, &f, None, &set, message)
                .label("ignored: the credential connects with itself")
                .help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::presence::testing::{payload, summary};
    use crate::config::ApiVersion;
    use crate::diagnostic::Severity;

    fn of(rule: &str, block: &str, body: &str) -> Vec<(String, Severity)> {
        summary(ApiVersion::V3_33, &payload(block, body))
            .into_iter()
            .filter(|(r, ..)| *r == rule)
            .map(|(_, p, s, _)| (p, s))
            .collect()
    }

    #[test]
    fn authentication_required_is_an_error_only_in_jit() {
        let own_off = r#"{"use_own_credential_to_connect": false}"#;
        assert_eq!(
            of("authentication-required", "session_settings", own_off),
            [(
                "/session_settings/use_own_credential_to_connect".to_owned(),
                Severity::Warning
            )]
        );
        assert_eq!(
            of("authentication-required", "execution_settings", own_off),
            [(
                "/execution_settings/use_own_credential_to_connect".to_owned(),
                Severity::Warning
            )]
        );
        let jit = r#"{"jit": true, "enable_disable_credential": true, "use_own_credential_to_connect": false}"#;
        assert_eq!(
            of("authentication-required", "jit_settings", jit),
            [(
                "/jit_settings/use_own_credential_to_connect".to_owned(),
                Severity::Error
            )]
        );
    }

    #[test]
    fn a_partial_triple_is_one_diagnostic_whatever_the_switch() {
        for own in [
            "",
            r#""use_own_credential_to_connect": false,"#,
            r#""use_own_credential_to_connect": true,"#,
        ] {
            let body = format!(r#"{{{own} "authentication_hostname": "b1"}}"#);
            let all = summary(ApiVersion::V3_33, &payload("session_settings", &body));
            assert_eq!(all.len(), 1, "{own}: {all:?}");
        }
    }

    #[test]
    fn execution_settings_take_no_default_for_the_own_credential() {
        let full = r#"{"authentication_credential": "r", "authentication_hostname": "b1", "authentication_ip": "10.0.0.2"}"#;
        assert!(of("authentication-ignored", "execution_settings", full).is_empty());
        assert_eq!(
            of("authentication-ignored", "session_settings", full).len(),
            1
        );
        let half = r#"{"authentication_credential": "r"}"#;
        assert_eq!(
            of("incomplete-reference", "execution_settings", half),
            [(
                "/execution_settings/authentication_credential".to_owned(),
                Severity::Error
            )]
        );
    }

    #[test]
    fn authentication_ignored_points_at_the_switch_when_written() {
        let body = r#"{"authentication_ip": "10.0.0.2", "use_own_credential_to_connect": true}"#;
        assert_eq!(
            of("authentication-ignored", "session_settings", body),
            [(
                "/session_settings/use_own_credential_to_connect".to_owned(),
                Severity::Warning
            )]
        );
        let body = r#"{"authentication_ip": "10.0.0.2", "authentication_credential": "r"}"#;
        assert_eq!(
            of("authentication-ignored", "session_settings", body),
            [(
                "/session_settings/authentication_ip".to_owned(),
                Severity::Warning
            )]
        );
    }

    /// SPEC §5: the reference's own examples.
    #[test]
    fn reference_examples_come_out_as_the_spec_says() {
        const MINE: [&str; 11] = [
            "jit-modes-exclusive",
            "jit-no-mode",
            "jit-settings-ignored",
            "jit-inactive-mode-fields",
            "plugin-template-pair",
            "incomplete-reference",
            "authentication-required",
            "authentication-ignored",
            "rotation-incomplete",
            "reconciliation-incomplete",
            "reconciliation-ignored",
        ];
        let mine = |text: &str| -> Vec<(&'static str, String)> {
            summary(ApiVersion::V3_33, text)
                .into_iter()
                .filter(|(r, ..)| MINE.contains(r))
                .map(|(r, p, ..)| (r, p))
                .collect()
        };
        for text in [
            include_str!("../../fixtures/reference/03-execution-settings.json"),
            include_str!("../../fixtures/reference/04-session-settings.json"),
            include_str!("../../fixtures/reference/06-jit-creation-deletion.json"),
        ] {
            assert_eq!(mine(text), []);
        }
        assert_eq!(
            mine(include_str!(
                "../../fixtures/reference/07-jit-enable-disable.json"
            )),
            [(
                "authentication-ignored",
                "/jit_settings/use_own_credential_to_connect".to_owned()
            )]
        );
    }
}
