//! `plugin-template-pair`: a plugin needs its template and a template its plugin.

use super::jit::{self, Mode};
use super::presence::{Field, Fields};
use super::{Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::config::ApiVersion;
use crate::diagnostic::Severity;

pub static PLUGIN_TEMPLATE_PAIR: Rule = Rule {
    name: "plugin-template-pair",
    severity: Severity::Error,
    group: Group::Pairing,
    server_code: Some(1047),
    doc: RuleDoc {
        summary: "A `*_plugin` without its `*_template`, or a template without its plugin.",
        what: "Checks the six plugin/template pairs: `change_plugin`/`change_template` and `reconciliation_plugin`/`reconciliation_template` in `execution_settings`, and `credential_creation_*`, `credential_deletion_*`, `credential_enable_*`, `credential_disable_*` in `jit_settings`. Reports the field that is set when its partner is absent or empty, and names the missing one in the help. Under `api_version = \"4\"` a JIT template without its plugin predicts error 1046, which v4 documents for a missing JIT plugin; every other case predicts 1047.\n\nA pair is judged only where it applies, so that one mistake gives one diagnostic: the reconciliation pair only when `status` is not false or absent (else `reconciliation-ignored` reports it), the JIT pairs only when `jit` is not false or absent (else `jit-settings-ignored`), and not for the JIT mode that is off while the other is on (`jit-inactive-mode-fields`). The change pair is judged whatever `automatic_change` says: no rule reports it as ignored, and half a pair is a mistake either way. When both fields of a pair are missing this rule is silent; `rotation-incomplete` and `reconciliation-incomplete` report the missing pair when the feature is on.",
        why: "The server runs a plugin with a template: a plugin alone has no template to run and a template alone has no plugin to run it. It answers 400 with error 1047 (\"a plugin template was not informed\"; v4 also 1046 for a missing JIT plugin), and the credential is not created or updated.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"automatic_change\": true,\n    \"change_plugin\": \"SSH\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"automatic_change\": true,\n    \"change_plugin\": \"SSH\",\n    \"change_template\": \"Linux - Change Password\"\n  }\n}\n",
    },
    check: Check::Payload(check),
};

const CHANGE: (&str, &str) = ("change_plugin", "change_template");
pub(super) const RECONCILIATION: (&str, &str) =
    ("reconciliation_plugin", "reconciliation_template");

fn check(ctx: &mut PayloadCtx<'_>) {
    if let Some(f) = Fields::of(ctx, "execution_settings") {
        check_pair(ctx, &f, CHANGE, false);
        if !f.flag("status").is_off() {
            check_pair(ctx, &f, RECONCILIATION, false);
        }
    }
    if let Some(f) = Fields::of(ctx, jit::BLOCK) {
        for mode in Mode::ALL {
            if jit::mode_judged(&f, mode) {
                for pair in mode.pairs() {
                    check_pair(ctx, &f, pair, true);
                }
            }
        }
    }
}

fn check_pair(
    ctx: &mut PayloadCtx<'_>,
    f: &Fields<'_>,
    (plugin, template): (&str, &str),
    jit: bool,
) {
    let (present, missing, code) = match (f.field(plugin), f.field(template)) {
        (Field::Set, state) if state.is_missing() => (plugin, (template, state), 1047),
        (state, Field::Set) if state.is_missing() => {
            let code = if jit && ctx.api == ApiVersion::V4 {
                1046
            } else {
                1047
            };
            (template, (plugin, state), code)
        }
        _ => return,
    };
    let (missing, state) = missing;
    let is_plugin = missing == plugin;
    let message = match state {
        Field::Empty => format!("`{present}` is set but `{missing}` is empty"),
        _ => format!("`{present}` is set without `{missing}`"),
    };
    let label = match (code, is_plugin) {
        (1046, _) => "v4: a JIT template needs its plugin",
        (_, true) => "a template needs its plugin",
        (_, false) => "a plugin needs its template",
    };
    let help = if is_plugin {
        format!(
            "add `\"{missing}\": \"<plugin registered in senhasegura>\"` (e.g. `\"SSH\"`) beside `{present}`, or remove `{present}`"
        )
    } else {
        format!(
            "add `\"{missing}\": \"<template registered in senhasegura>\"` beside `{present}`, or remove `{present}`"
        )
    };
    ctx.at_value(&PLUGIN_TEMPLATE_PAIR, &f.ptr(present), message)
        .label(label)
        .help(help)
        .server_code(Some(code));
}

#[cfg(test)]
mod tests {
    use super::super::presence::testing::{payload, summary};
    use crate::config::ApiVersion;

    fn codes(api: ApiVersion, block: &str, body: &str) -> Vec<(String, Option<u16>)> {
        summary(api, &payload(block, body))
            .into_iter()
            .filter(|(r, ..)| *r == "plugin-template-pair")
            .map(|(_, p, _, c)| (p, c))
            .collect()
    }

    const JIT_TEMPLATE_ONLY: &str = r#"{"jit": true, "credential_creation_and_deletion": true,
        "credential_creation_template": "t", "credential_deletion_plugin": "SSH", "credential_deletion_template": "t"}"#;
    const JIT_PLUGIN_ONLY: &str = r#"{"jit": true, "credential_creation_and_deletion": true,
        "credential_creation_plugin": "SSH", "credential_deletion_plugin": "SSH", "credential_deletion_template": "t"}"#;

    #[test]
    fn v4_predicts_1046_for_a_jit_template_without_its_plugin() {
        let at = "/jit_settings/credential_creation_template".to_owned();
        assert_eq!(
            codes(ApiVersion::V4, "jit_settings", JIT_TEMPLATE_ONLY),
            [(at.clone(), Some(1046))]
        );
        assert_eq!(
            codes(ApiVersion::V3_33, "jit_settings", JIT_TEMPLATE_ONLY),
            [(at.clone(), Some(1047))]
        );
        assert_eq!(
            codes(ApiVersion::V3_32, "jit_settings", JIT_TEMPLATE_ONLY),
            [(at, Some(1047))]
        );
    }

    #[test]
    fn other_cases_predict_1047_under_v4() {
        assert_eq!(
            codes(ApiVersion::V4, "jit_settings", JIT_PLUGIN_ONLY),
            [(
                "/jit_settings/credential_creation_plugin".to_owned(),
                Some(1047)
            )]
        );
        assert_eq!(
            codes(
                ApiVersion::V4,
                "execution_settings",
                r#"{"change_template": "t"}"#
            ),
            [("/execution_settings/change_template".to_owned(), Some(1047))]
        );
    }

    #[test]
    fn blank_counts_as_missing_and_placeholders_as_set() {
        assert_eq!(
            codes(
                ApiVersion::V3_33,
                "execution_settings",
                r#"{"change_plugin": "${P}", "change_template": "  "}"#
            ),
            [("/execution_settings/change_plugin".to_owned(), Some(1047))]
        );
        assert!(codes(
            ApiVersion::V3_33,
            "execution_settings",
            r#"{"change_plugin": "", "change_template": ""}"#
        )
        .is_empty());
    }

    #[test]
    fn reconciliation_pair_is_judged_only_with_status_on() {
        let half = r#"{"status": true, "reconciliation_plugin": "SSH"}"#;
        assert_eq!(
            codes(ApiVersion::V3_33, "execution_settings", half).len(),
            1
        );
        let off = r#"{"reconciliation_plugin": "SSH"}"#;
        assert!(codes(ApiVersion::V3_33, "execution_settings", off).is_empty());
    }
}
