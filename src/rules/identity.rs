//! Identity rules: a reference naming the credential itself, a parent named
//! two ways, two different identifiers in one payload.

use super::{Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;

pub static SELF_REFERENCE: Rule = Rule {
    name: "self-reference",
    severity: Severity::Error,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "A parent, authentication or reconciliation reference names this very credential.",
        what: "Reports a credential reference triple — `parent_*` , `authentication_*` or `reconciliation_*` in `execution_settings`, `authentication_*` in `session_settings` or `jit_settings` — whose `X_credential`, `X_hostname` and `X_ip` equal the payload's own `username`, `hostname` and `ip` (compared exactly, ignoring leading and trailing blanks). It points at the `X_credential` value and shows the top-level `username` as a related location. A triple with a missing or empty part is left to `incomplete-reference` and `empty-value`.",
        why: "A credential cannot be its own parent, connect with itself to change its own password, or reconcile itself: reconciliation and a parent exist precisely for when this credential's password no longer works. The server accepts the reference, and the rotation or reconciliation fails later, when it is needed.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"parent_credential\": \"svc_backup\",\n    \"parent_hostname\": \"db01\",\n    \"parent_ip\": \"10.0.0.5\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"parent_credential\": \"root\",\n    \"parent_hostname\": \"db01\",\n    \"parent_ip\": \"10.0.0.5\"\n  }\n}\n",
    },
    check: Check::Payload(self_reference),
};

pub static PARENT_CONFLICT: Rule = Rule {
    name: "parent-conflict",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "The parent credential is named twice: `parent_password` and `execution_settings.parent_*`.",
        what: "Reports a top-level `parent_password` (the parent's numeric id) sent together with any of `execution_settings.parent_credential`, `parent_hostname`, `parent_ip` set to a non-blank string. It points at `parent_password` and shows each `parent_*` field as a related location. A `parent_password` that is not an integer is left to `type-mismatch`.",
        why: "Both name the parent credential, and the reference does not say which wins when both are sent: if they name different credentials, the password is changed through a parent the author did not expect, or the other one is silently ignored.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"parent_password\": 123,\n  \"execution_settings\": {\n    \"parent_credential\": \"root\",\n    \"parent_hostname\": \"db01\",\n    \"parent_ip\": \"10.0.0.5\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"execution_settings\": {\n    \"parent_credential\": \"root\",\n    \"parent_hostname\": \"db01\",\n    \"parent_ip\": \"10.0.0.5\"\n  }\n}\n",
    },
    check: Check::Payload(parent_conflict),
};

pub static IDENTIFIER_CONFLICT: Rule = Rule {
    name: "identifier-conflict",
    severity: Severity::Error,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "The top-level `identifier` and `additional_settings.identifier` are both set and differ.",
        what: "Reports `additional_settings.identifier` when it and the top-level `identifier` are both non-empty and differ (ignoring leading and trailing blanks, which `surrounding-whitespace` reports). The top-level `identifier` is shown as a related location. A placeholder on either side is not judged: two different placeholders may be filled in with the same value.",
        why: "The identifier is the credential's unique key for upserts. With two different ones, the credential is looked up or stored under one of them and the other is lost, so the next request that uses it creates a second credential or updates the wrong one.",
        example: "{\n  \"identifier\": \"backup-db01\",\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"additional_settings\": {\"identifier\": \"backup-db01-old\"}\n}\n",
        use_instead: "{\n  \"identifier\": \"backup-db01\",\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"additional_settings\": {\"identifier\": \"backup-db01\"}\n}\n",
    },
    check: Check::Payload(identifier_conflict),
};

/// Every credential reference triple: `(block, X)` for `X_credential|hostname|ip`.
const REFERENCES: [(&str, &str); 5] = [
    ("execution_settings", "parent"),
    ("execution_settings", "authentication"),
    ("execution_settings", "reconciliation"),
    ("session_settings", "authentication"),
    ("jit_settings", "authentication"),
];

fn self_reference(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    let (Some(username), Some(hostname), Some(ip)) = (
        top.non_empty("username"),
        top.non_empty("hostname"),
        top.non_empty("ip"),
    ) else {
        return;
    };
    let own = (username.trim(), hostname.trim(), ip.trim());
    for (block_name, x) in REFERENCES {
        let Some(block) = ctx.block(block_name) else {
            continue;
        };
        let credential_key = format!("{x}_credential");
        let (Some(credential), Some(host), Some(address)) = (
            block.non_empty(&credential_key),
            block.non_empty(&format!("{x}_hostname")),
            block.non_empty(&format!("{x}_ip")),
        ) else {
            continue;
        };
        if (credential.trim(), host.trim(), address.trim()) != own {
            continue;
        }
        let (label, help) = match x {
            "parent" => (
                "a credential cannot be its own parent",
                "name the parent credential, the account that can change this one's password (e.g. `root` on the same device), or remove the `parent_*` fields",
            ),
            "reconciliation" => (
                "reconciliation is needed when this credential's password no longer works, so it cannot reconcile itself",
                "name a privileged credential that can reset this one's password, or remove the `reconciliation_*` fields",
            ),
            _ => (
                "this names the credential itself",
                "to connect with this very credential, set `\"use_own_credential_to_connect\": true` and remove the `authentication_*` fields; otherwise name the other credential to connect with",
            ),
        };
        let related = ctx.related(&top.ptr("username"), "this credential's own `username`");
        ctx.at_value(
            &SELF_REFERENCE,
            &block.ptr(&credential_key),
            format!(
                "the `{x}` reference in `{block_name}` names this very credential (`{}` on `{}`, `{}`)",
                own.0, own.1, own.2
            ),
        )
        .label(label)
        .help(help)
        .related(related);
    }
}

const PARENT_FIELDS: [&str; 3] = ["parent_credential", "parent_hostname", "parent_ip"];

fn parent_conflict(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    // Not an integer: `type-mismatch` already said so.
    if !top
        .get("parent_password")
        .is_some_and(|v| v.is_i64() || v.is_u64())
    {
        return;
    }
    let Some(execution) = ctx.block("execution_settings") else {
        return;
    };
    let set: Vec<&str> = PARENT_FIELDS
        .into_iter()
        .filter(|k| execution.non_empty(k).is_some())
        .collect();
    if set.is_empty() {
        return;
    }
    let related: Vec<_> = set
        .iter()
        .map(|k| ctx.related(&execution.ptr(k), "the parent is also named here"))
        .collect();
    let listed = set
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let d = ctx
        .at_value(
            &PARENT_CONFLICT,
            &top.ptr("parent_password"),
            format!(
                "`parent_password` and `execution_settings` ({listed}) both name a parent credential"
            ),
        )
        .label("the reference does not say which of the two the server uses")
        .help("name the parent one way: keep `parent_password` (the parent's numeric id) and remove the `execution_settings.parent_*` fields, or keep the `parent_credential`/`parent_hostname`/`parent_ip` triple and remove `parent_password`");
    for r in related {
        d.related(r);
    }
}

fn identifier_conflict(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    let Some(additional) = ctx.block("additional_settings") else {
        return;
    };
    let (Some(outer), Some(inner)) = (
        top.non_empty("identifier"),
        additional.non_empty("identifier"),
    ) else {
        return;
    };
    if outer.trim() == inner.trim()
        || ctx.placeholders.matches(outer)
        || ctx.placeholders.matches(inner)
    {
        return;
    }
    let (outer, inner) = (outer.trim(), inner.trim());
    let related = ctx.related(&top.ptr("identifier"), "the top-level `identifier`");
    ctx.at_value(
        &IDENTIFIER_CONFLICT,
        &additional.ptr("identifier"),
        format!(
            "`additional_settings.identifier` is `{inner}` but the top-level `identifier` is `{outer}`"
        ),
    )
    .label("two different keys for one credential")
    .help(format!(
        "send one identifier: remove `additional_settings.identifier`, or make it `\"identifier\": \"{outer}\"`"
    ))
    .related(related);
}
