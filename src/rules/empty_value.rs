//! `empty-value`: an empty device name or address.

use super::{Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;

pub static EMPTY_VALUE: Rule = Rule {
    name: "empty-value",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "`hostname`, `ip` or a credential reference's `X_hostname`/`X_ip` is empty.",
        what: "Reports `\"\"`, and a value of blanks only (`\" \"`), in the top-level `hostname` and `ip` and in the hostname and IP of every credential reference: `parent_hostname`, `parent_ip`, `authentication_hostname`, `authentication_ip`, `reconciliation_hostname`, `reconciliation_ip` in `execution_settings`, and `authentication_hostname`, `authentication_ip` in `session_settings` and `jit_settings`. A value of blanks only is reported here and not as `surrounding-whitespace`, since there is no value to trim down to. A key that is absent is not this rule's business (`missing-required`, `incomplete-reference`), nor is an empty member of a reference whose other members are set: that is an `incomplete-reference`.",
        why: "The server finds or creates the device by `hostname` and `ip`. An empty one is refused like a missing one (errors 1004, 1005) or, worse, matches or creates a device with no name or no address. In a credential reference an empty hostname or IP names no device, so the parent, authentication or reconciliation credential cannot be found and the setting that needs it does not work.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
    },
    check: Check::Payload(check),
};

/// The blocks and fields this rule reads: `""` is the top level.
const FIELDS: &[(&str, &[&str])] = &[
    ("", &["hostname", "ip"]),
    (
        "execution_settings",
        &[
            "parent_hostname",
            "parent_ip",
            "authentication_hostname",
            "authentication_ip",
            "reconciliation_hostname",
            "reconciliation_ip",
        ],
    ),
    (
        "session_settings",
        &["authentication_hostname", "authentication_ip"],
    ),
    (
        "jit_settings",
        &["authentication_hostname", "authentication_ip"],
    ),
];

fn check(ctx: &mut PayloadCtx<'_>) {
    for (block_name, fields) in FIELDS {
        let block = if block_name.is_empty() {
            Some(ctx.top())
        } else {
            ctx.block(block_name)
        };
        let Some(block) = block else {
            continue;
        };
        for field in *fields {
            let Some(value) = block.str(field) else {
                continue;
            };
            if !value.trim().is_empty() {
                continue;
            }
            // In a reference whose other members are set, the empty one is an
            // incomplete reference: `incomplete-reference` reports it.
            if let Some((role, _)) = field.split_once('_') {
                let partial = ["credential", "hostname", "ip"]
                    .iter()
                    .any(|member| block.non_empty(&format!("{role}_{member}")).is_some());
                if partial {
                    continue;
                }
            }
            let state = if value.is_empty() {
                "is empty"
            } else {
                "holds only blanks"
            };
            let is_ip = field.ends_with("ip");
            let shown = if block_name.is_empty() {
                format!("`{field}`")
            } else {
                format!("`{block_name}.{field}`")
            };
            let (label, help) = match field.split_once('_') {
                None if is_ip => (
                    "no device address",
                    "write the device's IP address or DNS name, e.g. `\"ip\": \"10.0.0.5\"`".to_owned(),
                ),
                None => (
                    "no device name",
                    "write the device's name, e.g. `\"hostname\": \"db01\"`".to_owned(),
                ),
                Some((role, _)) => (
                    if is_ip {
                        "names no device address"
                    } else {
                        "names no device"
                    },
                    format!(
                        "write the {} of the {role} credential's device, or remove the `{role}_*` fields if no {role} credential is meant",
                        if is_ip { "IP address or DNS name" } else { "hostname" }
                    ),
                ),
            };
            let ptr = block.ptr(field);
            ctx.at_value(&EMPTY_VALUE, &ptr, format!("{shown} {state}"))
                .label(label)
                .help(help);
        }
    }
}
