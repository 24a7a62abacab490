//! Session rules: the RemoteApp restriction and its macros, the protocol a
//! macro connects over, and `connectivity` put beside the macros (D4).

use super::{Block, Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;
use crate::json::pointer;
use serde_json::Value;

/// The protocol flags of `session_settings`, spelled as the keys are (default false).
pub const PROTOCOLS: [&str; 9] = [
    "SSH",
    "Telnet",
    "MySQL",
    "SQL Server",
    "HTTP",
    "HTTPS",
    "RDP",
    "X11 Forward",
    "VNC",
];

const RESTRICT: &str = "restrict_access_to_remote_application";

pub static REMOTE_APP_MACROS: Rule = Rule {
    name: "remote-app-macros",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "The RemoteApp restriction is on with no macros, or macros are listed with the restriction off.",
        what: "In `session_settings`, reports `restrict_access_to_remote_application: true` when `macros` is absent or an empty array (at the flag), and a non-empty `macros` array when the restriction is `false` or absent (at the `macros` key; an explicit `false` is shown as a related location). A `macros` or flag value of the wrong JSON type is left to the schema rules.",
        why: "With the restriction on, sessions may only open the remote applications the macros list: with none listed, no session can open anything useful. With the restriction off, the server ignores the macros, so sessions are not limited to the applications the author listed.",
        example: "{\n  \"username\": \"svc_reports\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"session_settings\": {\n    \"RDP\": true,\n    \"restrict_access_to_remote_application\": true\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_reports\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"session_settings\": {\n    \"RDP\": true,\n    \"restrict_access_to_remote_application\": true,\n    \"macros\": [{\"remote_app\": \"Kaspersky\", \"connectivity\": \"RDP\"}]\n  }\n}\n",
    },
    check: Check::Payload(remote_app_macros),
};

pub static MACRO_CONNECTIVITY_DISABLED: Rule = Rule {
    name: "macro-connectivity-disabled",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "A macro connects over a protocol that `session_settings` does not enable.",
        what: "Reports a macro whose `connectivity` names one of the protocols `SSH`, `Telnet`, `MySQL`, `SQL Server`, `HTTP`, `HTTPS`, `RDP`, `X11 Forward`, `VNC` (compared ignoring case; wrong case itself is the `protocol-name` rule's) while the flag of that protocol in `session_settings` is `false` or absent (the default is `false`). It points at the first macro's `connectivity` value; other macros naming the same protocol are related locations, since one missing flag is one mistake. A protocol key spelled another way (`rdp`, `sql_server`) is left to `unknown-field`, a flag of the wrong type to `type-mismatch`, and a placeholder or unknown protocol is not judged.",
        why: "Protocol flags default to `false`: a session over a protocol that is not enabled cannot be opened, so the remote application this macro launches is unreachable.",
        example: "{\n  \"username\": \"svc_reports\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"session_settings\": {\n    \"SSH\": true,\n    \"restrict_access_to_remote_application\": true,\n    \"macros\": [{\"remote_app\": \"Kaspersky\", \"connectivity\": \"RDP\"}]\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_reports\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"session_settings\": {\n    \"SSH\": true,\n    \"RDP\": true,\n    \"restrict_access_to_remote_application\": true,\n    \"macros\": [{\"remote_app\": \"Kaspersky\", \"connectivity\": \"RDP\"}]\n  }\n}\n",
    },
    check: Check::Payload(macro_connectivity_disabled),
};

pub static MISPLACED_CONNECTIVITY: Rule = Rule {
    name: "misplaced-connectivity",
    severity: Severity::Warning,
    group: Group::Pairing,
    server_code: None,
    doc: RuleDoc {
        summary: "`connectivity` sits directly in `session_settings` instead of in each macro.",
        what: "Reports a `connectivity` key directly inside `session_settings` (at the key). The reference's session table lists `connectivity` in its first column, but its example — and the server — read it from each macro: `macros: [{\"remote_app\": …, \"connectivity\": …}]` (decision D4). This key is reported by this rule instead of `unknown-field`. The help says which macros lack a `connectivity` of their own.",
        why: "The server ignores `connectivity` at this level, so the macros it was meant for have no protocol to open their remote application with.",
        example: "{\n  \"username\": \"svc_reports\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"session_settings\": {\n    \"SSH\": true,\n    \"restrict_access_to_remote_application\": true,\n    \"connectivity\": \"SSH\",\n    \"macros\": [{\"remote_app\": \"MySQL\"}]\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_reports\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"session_settings\": {\n    \"SSH\": true,\n    \"restrict_access_to_remote_application\": true,\n    \"macros\": [{\"remote_app\": \"MySQL\", \"connectivity\": \"SSH\"}]\n  }\n}\n",
    },
    check: Check::Payload(misplaced_connectivity),
};

fn remote_app_macros(ctx: &mut PayloadCtx<'_>) {
    let Some(session) = ctx.block("session_settings") else {
        return;
    };
    let restrict_ptr = session.ptr(RESTRICT);
    let macros_ptr = session.ptr("macros");
    let macros = session.get("macros");
    // A `macros` value of another type was reported by the schema: neither "none" nor "some".
    let no_macros = match macros {
        None => true,
        Some(Value::Array(items)) => items.is_empty(),
        Some(_) => false,
    };
    let some_macros = matches!(macros, Some(Value::Array(items)) if !items.is_empty());
    match session.get(RESTRICT) {
        Some(Value::Bool(true)) if no_macros => {
            let empty = macros.is_some();
            let related = empty.then(|| ctx.related(&macros_ptr, "no application listed here"));
            let d = ctx
                .at_value(
                    &REMOTE_APP_MACROS,
                    &restrict_ptr,
                    if empty {
                        format!("`{RESTRICT}` is true but `macros` is empty")
                    } else {
                        format!("`{RESTRICT}` is true but there are no `macros`")
                    },
                )
                .label("sessions are limited to the listed remote applications, and none is listed")
                .help(format!(
                    "list the applications sessions may open: `\"macros\": [{{\"remote_app\": \"MySQL\", \"connectivity\": \"SSH\"}}]`, or set `\"{RESTRICT}\": false`"
                ));
            if let Some(related) = related {
                d.related(related);
            }
        }
        None | Some(Value::Bool(false)) if some_macros => {
            let explicit = session.has(RESTRICT);
            let related =
                explicit.then(|| ctx.related(&restrict_ptr, "the restriction is off here"));
            let d = ctx
                .at_key(
                    &REMOTE_APP_MACROS,
                    &macros_ptr,
                    if explicit {
                        format!("`macros` are listed but `{RESTRICT}` is false")
                    } else {
                        format!("`macros` are listed but `{RESTRICT}` is not set (default false)")
                    },
                )
                .label("ignored while the restriction is off")
                .help(format!(
                    "set `\"{RESTRICT}\": true` to limit sessions to these applications, or remove `macros`"
                ));
            if let Some(related) = related {
                d.related(related);
            }
        }
        _ => {}
    }
}

/// `SQL Server`, `sql_server`, `sqlserver` → `sqlserver`: how a protocol key
/// may be misspelled in ways `unknown-field` already reports.
fn loose(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `session` enables `protocol`: `Some(true)` on, `Some(false)` off
/// (false or absent), `None` when another rule already covers the flag (a
/// value of the wrong type, or the key spelled another way).
fn enabled(session: &Block<'_>, protocol: &str) -> Option<bool> {
    match session.get(protocol) {
        Some(Value::Bool(on)) => Some(*on),
        Some(_) => None,
        None => {
            let wanted = loose(protocol);
            let misspelled = session.map.keys().any(|k| loose(k) == wanted);
            (!misspelled).then_some(false)
        }
    }
}

/// A macro naming a protocol: the pointer to its `connectivity`, its `remote_app`.
type MacroUse<'a> = (String, Option<&'a str>);

fn macro_connectivity_disabled(ctx: &mut PayloadCtx<'_>) {
    let Some(session) = ctx.block("session_settings") else {
        return;
    };
    let Some(macros) = session.array("macros") else {
        return;
    };
    let macros_ptr = session.ptr("macros");
    // Per protocol: the macros that connect over it.
    let mut by_protocol: Vec<(&str, Vec<MacroUse<'_>>)> = Vec::new();
    for (i, item) in macros.iter().enumerate() {
        let Some(item) = item.as_object() else {
            continue;
        };
        let Some(connectivity) = item.get("connectivity").and_then(Value::as_str) else {
            continue;
        };
        if ctx.placeholders.matches(connectivity) {
            continue;
        }
        let Some(protocol) = PROTOCOLS
            .iter()
            .find(|p| p.eq_ignore_ascii_case(connectivity.trim()))
        else {
            continue;
        };
        let ptr = pointer::push(&pointer::push_index(&macros_ptr, i), "connectivity");
        let app = item.get("remote_app").and_then(Value::as_str);
        match by_protocol.iter_mut().find(|(p, _)| p == protocol) {
            Some((_, uses)) => uses.push((ptr, app)),
            None => by_protocol.push((protocol, vec![(ptr, app)])),
        }
    }
    for (protocol, uses) in by_protocol {
        if enabled(&session, protocol) != Some(false) {
            continue;
        }
        let flag_ptr = session.ptr(protocol);
        let explicit = session.has(protocol);
        let mut related = Vec::new();
        if explicit {
            related.push(ctx.related(&flag_ptr, format!("`{protocol}` is false here")));
        }
        for (ptr, _) in &uses[1..] {
            related.push(ctx.related(ptr, format!("this macro connects over `{protocol}` too")));
        }
        let (ptr, app) = &uses[0];
        let which = match app {
            Some(app) if !app.trim().is_empty() => format!(
                "the macro for {} connects over `{protocol}`",
                serde_json::to_string(app).unwrap_or_default()
            ),
            _ => format!("this macro connects over `{protocol}`"),
        };
        let message = if explicit {
            format!("{which}, but `session_settings` sets `\"{protocol}\": false`")
        } else {
            format!("{which}, but `session_settings` does not enable `{protocol}`")
        };
        let help = if explicit {
            format!("set `\"{protocol}\": true` in `session_settings`")
        } else {
            format!("add `\"{protocol}\": true` to `session_settings` (protocol flags default to false)")
        };
        let d = ctx
            .at_value(&MACRO_CONNECTIVITY_DISABLED, ptr, message)
            .label(format!(
                "sessions over {protocol} are disabled, so this application cannot open"
            ))
            .help(help);
        for r in related {
            d.related(r);
        }
    }
}

fn misplaced_connectivity(ctx: &mut PayloadCtx<'_>) {
    let Some(session) = ctx.block("session_settings") else {
        return;
    };
    if !session.has("connectivity") {
        return;
    }
    let ptr = session.ptr("connectivity");
    let value = session.str("connectivity").filter(|s| !s.trim().is_empty());
    // The protocol it names, spelled as the flag is (`rdp` → `RDP`).
    let protocol = value.and_then(|s| PROTOCOLS.iter().find(|p| p.eq_ignore_ascii_case(s.trim())));
    let shown = match (protocol, value) {
        (Some(p), _) => format!("\"{p}\""),
        (None, Some(s)) => serde_json::to_string(s).unwrap_or_default(),
        (None, None) => "\"SSH\"".to_owned(),
    };
    let help = match session.array("macros") {
        Some(items) if !items.is_empty() => {
            let lacking: Vec<(usize, Option<&str>)> = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let item = item.as_object()?;
                    (!item.contains_key("connectivity"))
                        .then(|| (i, item.get("remote_app").and_then(Value::as_str)))
                })
                .collect();
            match lacking.as_slice() {
                [] => "remove it: every macro already names its own `connectivity`".to_owned(),
                [(_, app), ..] => {
                    let app = app
                        .map(|a| serde_json::to_string(a).unwrap_or_default())
                        .unwrap_or_else(|| "\"…\"".to_owned());
                    let names: Vec<String> = lacking
                        .iter()
                        .map(|(i, _)| format!("`macros[{i}]`"))
                        .collect();
                    let which = match names.as_slice() {
                        [one] => format!("{one}, which has none"),
                        [init @ .., last] => {
                            format!("{} and {last}, which have none", init.join(", "))
                        }
                        [] => unreachable!("at least one macro lacks it"),
                    };
                    format!("move it into {which}: `{{\"remote_app\": {app}, \"connectivity\": {shown}}}`")
                }
            }
        }
        _ => {
            let flag = match protocol {
                Some(p) => format!("to allow sessions over {p}, set `\"{p}\": true`"),
                None => "a protocol is enabled by its own flag, e.g. `\"SSH\": true`".to_owned(),
            };
            format!(
                "remove it: {flag}; a RemoteApp macro names its protocol itself: `\"macros\": [{{\"remote_app\": \"…\", \"connectivity\": {shown}}}]`"
            )
        }
    };
    ctx.at_key(
        &MISPLACED_CONNECTIVITY,
        &ptr,
        "`connectivity` does not belong directly in `session_settings`: it is a field of each macro",
    )
    .label("the server ignores `connectivity` at this level")
    .help(help);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_matches_other_spellings_of_a_protocol_key() {
        assert_eq!(loose("SQL Server"), loose("sql_server"));
        assert_eq!(loose("X11 Forward"), loose("x11-forward"));
        assert_ne!(loose("HTTP"), loose("HTTPS"));
    }
}
