//! Rotation and reconciliation in `execution_settings`: the switches
//! (`automatic_change`, `status`) against the fields they need.
//!
//! Who speaks about what (one mistake, one diagnostic): a pair or triple
//! that is partly set is `plugin-template-pair` or `incomplete-reference`;
//! these rules speak only of a part that is wholly missing, or of fields
//! set while their switch is off.

use super::pairing::RECONCILIATION as RECONCILIATION_PAIR;
use super::presence::{list, report_ignored, them, Fields, Flag};
use super::reference::{filled, Filled, RECONCILIATION};
use super::{Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;

const BLOCK: &str = "execution_settings";
const AUTOMATIC_CHANGE: &str = "automatic_change";
const STATUS: &str = "status";

/// Both fields of a pair absent or empty (and neither unknowable).
fn pair_missing(f: &Fields<'_>, (plugin, template): (&str, &str)) -> bool {
    f.field(plugin).is_missing() && f.field(template).is_missing()
}

pub static ROTATION_INCOMPLETE: Rule = Rule {
    name: "rotation-incomplete",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "`automatic_change: true` without `change_plugin` and `change_template`.",
        what: "Reports `automatic_change: true` in `execution_settings` when neither `change_plugin` nor `change_template` is set (absent or empty). It points at `automatic_change`. When one of the two is set and the other not, `plugin-template-pair` reports it instead.",
        why: "Automatic rotation changes the password on the device with the change plugin and template. Without them the credential is accepted as rotating automatically, but no rotation can run: the password stays as it is while the vault reports it as managed.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"automatic_change\": true\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"automatic_change\": true,\n    \"change_plugin\": \"SSH\",\n    \"change_template\": \"Linux - Change Password\"\n  }\n}\n",
    },
    check: Check::Payload(check_rotation),
};

fn check_rotation(ctx: &mut PayloadCtx<'_>) {
    let Some(f) = Fields::of(ctx, BLOCK) else {
        return;
    };
    if f.flag(AUTOMATIC_CHANGE) != Flag::True
        || !pair_missing(&f, ("change_plugin", "change_template"))
    {
        return;
    }
    ctx.at_value(
        &ROTATION_INCOMPLETE,
        &f.ptr(AUTOMATIC_CHANGE),
        "`automatic_change` is true but neither `change_plugin` nor `change_template` is set",
    )
    .label("no plugin and template: the rotation cannot run")
    .help(
        "add `\"change_plugin\": \"<plugin registered in senhasegura>\"` (e.g. `\"SSH\"`) and `\"change_template\": \"<its template>\"`, or set `\"automatic_change\": false`",
    );
}

pub static RECONCILIATION_INCOMPLETE: Rule = Rule {
    name: "reconciliation-incomplete",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "`status: true` without the reconciliation credential or its plugin and template.",
        what: "Reports `status: true` (reconcile after a failed rotation) in `execution_settings` when the reconciliation credential (`reconciliation_credential`, `reconciliation_hostname`, `reconciliation_ip`) is wholly missing, or both `reconciliation_plugin` and `reconciliation_template` are, or both; one diagnostic at `status`, naming what is missing. A part that is set only partly is reported by `incomplete-reference` (the triple) or `plugin-template-pair` (the pair), not here, so each missing piece is reported once. Empty strings count as missing.",
        why: "Reconciliation resets the password with another, privileged credential when a rotation has failed, running the reconciliation plugin and template. Without the credential or without the plugin and template, reconciliation is on in name only: after a failed rotation the password on the device and the one in the vault stay out of step and the credential stops working.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"automatic_change\": true,\n    \"change_plugin\": \"SSH\",\n    \"change_template\": \"Linux - Change Password\",\n    \"status\": true\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"automatic_change\": true,\n    \"change_plugin\": \"SSH\",\n    \"change_template\": \"Linux - Change Password\",\n    \"status\": true,\n    \"reconciliation_credential\": \"root\",\n    \"reconciliation_hostname\": \"db01\",\n    \"reconciliation_ip\": \"10.0.0.5\",\n    \"reconciliation_plugin\": \"SSH\",\n    \"reconciliation_template\": \"Linux - Reset Password\"\n  }\n}\n",
    },
    check: Check::Payload(check_reconciliation_incomplete),
};

fn check_reconciliation_incomplete(ctx: &mut PayloadCtx<'_>) {
    let Some(f) = Fields::of(ctx, BLOCK) else {
        return;
    };
    if f.flag(STATUS) != Flag::True {
        return;
    }
    let no_credential = filled(&f, RECONCILIATION) == Filled::None;
    let no_plugin = pair_missing(&f, RECONCILIATION_PAIR);
    let (plugin, template) = RECONCILIATION_PAIR;
    let [c, h, i] = RECONCILIATION.keys;
    let (message, add) = match (no_credential, no_plugin) {
        (true, true) => (
            format!("`status` is true but neither the reconciliation credential nor `{plugin}`/`{template}` is set"),
            format!("the privileged credential that resets the password (`\"{c}\"`, `\"{h}\"`, `\"{i}\"`) and the plugin and template that run the reset (`\"{plugin}\"`, `\"{template}\"`)"),
        ),
        (true, false) => (
            format!("`status` is true but no reconciliation credential is named (`{c}`, `{h}`, `{i}`)"),
            format!("`\"{c}\"`, `\"{h}\"` and `\"{i}\"` naming the privileged credential that resets the password"),
        ),
        (false, true) => (
            format!("`status` is true but neither `{plugin}` nor `{template}` is set"),
            format!("`\"{plugin}\": \"<plugin registered in senhasegura>\"` and `\"{template}\": \"<its template>\"`"),
        ),
        (false, false) => return,
    };
    ctx.at_value(&RECONCILIATION_INCOMPLETE, &f.ptr(STATUS), message)
        .label("reconciliation after a failed rotation has nothing to run with")
        .help(format!("add {add}, or set `\"status\": false`"));
}

pub static RECONCILIATION_IGNORED: Rule = Rule {
    name: "reconciliation-ignored",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "Reconciliation fields set while `status` is not true.",
        what: "Reports `reconciliation_credential`, `reconciliation_hostname`, `reconciliation_ip`, `reconciliation_plugin` or `reconciliation_template` set in `execution_settings` while `status` is false or absent. One diagnostic per block: at `status` when it is written, else at the first reconciliation field, listing them all. While `status` is not true these fields are not checked for `incomplete-reference` or `plugin-template-pair`.",
        why: "`status` switches reconciliation on; while it is off the server ignores the reconciliation fields. The payload reads as if a failed rotation would be repaired with the reconciliation credential, but it will not be: the password on the device and the one in the vault stay out of step until someone notices.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"reconciliation_credential\": \"root\",\n    \"reconciliation_hostname\": \"db01\",\n    \"reconciliation_ip\": \"10.0.0.5\",\n    \"reconciliation_plugin\": \"SSH\",\n    \"reconciliation_template\": \"Linux - Reset Password\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"status\": true,\n    \"reconciliation_credential\": \"root\",\n    \"reconciliation_hostname\": \"db01\",\n    \"reconciliation_ip\": \"10.0.0.5\",\n    \"reconciliation_plugin\": \"SSH\",\n    \"reconciliation_template\": \"Linux - Reset Password\"\n  }\n}\n",
    },
    check: Check::Payload(check_reconciliation_ignored),
};

fn check_reconciliation_ignored(ctx: &mut PayloadCtx<'_>) {
    let Some(f) = Fields::of(ctx, BLOCK) else {
        return;
    };
    let status = f.flag(STATUS);
    if !status.is_off() {
        return;
    }
    let mut keys: Vec<&'static str> = RECONCILIATION.keys.to_vec();
    keys.extend([RECONCILIATION_PAIR.0, RECONCILIATION_PAIR.1]);
    let set = f.set_in_source_order(ctx.doc, &keys);
    if set.is_empty() {
        return;
    }
    let fields = list(&set);
    let help = format!(
        "set `\"status\": true` to reconcile the credential after a failed rotation, or remove {fields}"
    );
    if status == Flag::False {
        let message = format!("`status` is false, so the server ignores {fields}");
        report_ignored(
            ctx,
            &RECONCILIATION_IGNORED,
            &f,
            Some(STATUS),
            &set,
            message,
        )
        .label("reconciliation is off")
        .help(help);
    } else {
        let verb = if set.len() == 1 { "is" } else { "are" };
        let message = format!(
            "{fields} {verb} set but `status` is not: reconciliation is off and the server ignores {}",
            them(set.len())
        );
        report_ignored(ctx, &RECONCILIATION_IGNORED, &f, None, &set, message)
            .label("ignored while `status` is not true")
            .help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::super::presence::testing::{payload, summary};
    use crate::config::ApiVersion;

    fn rules(body: &str) -> Vec<(&'static str, String)> {
        summary(ApiVersion::V3_33, &payload("execution_settings", body))
            .into_iter()
            .map(|(r, p, ..)| (r, p))
            .collect()
    }

    #[test]
    fn one_missing_half_is_the_pair_rule_both_missing_is_rotation() {
        assert_eq!(
            rules(r#"{"automatic_change": true, "change_template": "t"}"#),
            [(
                "plugin-template-pair",
                "/execution_settings/change_template".to_owned()
            )]
        );
        assert_eq!(
            rules(r#"{"automatic_change": true}"#),
            [(
                "rotation-incomplete",
                "/execution_settings/automatic_change".to_owned()
            )]
        );
        assert!(rules(r#"{"automatic_change": false}"#).is_empty());
    }

    #[test]
    fn reconciliation_reports_each_missing_piece_once() {
        let status = "/execution_settings/status".to_owned();
        // Nothing at all: one diagnostic naming both parts.
        assert_eq!(
            rules(r#"{"status": true}"#),
            [("reconciliation-incomplete", status.clone())]
        );
        // Pair complete, triple partial: only the triple.
        assert_eq!(
            rules(
                r#"{"status": true, "reconciliation_ip": "10.0.0.2", "reconciliation_plugin": "SSH", "reconciliation_template": "t"}"#
            ),
            [(
                "incomplete-reference",
                "/execution_settings/reconciliation_ip".to_owned()
            )]
        );
        // Triple complete, pair half: only the pair.
        assert_eq!(
            rules(
                r#"{"status": true, "reconciliation_credential": "r", "reconciliation_hostname": "h2", "reconciliation_ip": "10.0.0.2", "reconciliation_template": "t"}"#
            ),
            [(
                "plugin-template-pair",
                "/execution_settings/reconciliation_template".to_owned()
            )]
        );
    }

    #[test]
    fn ignored_reconciliation_is_one_diagnostic_per_block() {
        let all = rules(
            r#"{"status": false, "reconciliation_credential": "r", "reconciliation_plugin": "SSH", "reconciliation_template": "t"}"#,
        );
        assert_eq!(
            all,
            [(
                "reconciliation-ignored",
                "/execution_settings/status".to_owned()
            )]
        );
        let all = rules(r#"{"reconciliation_template": "t", "reconciliation_ip": "10.0.0.2"}"#);
        assert_eq!(
            all,
            [(
                "reconciliation-ignored",
                "/execution_settings/reconciliation_template".to_owned()
            )]
        );
    }
}
