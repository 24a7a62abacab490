//! Value rules about protocols: `connectivities-format`,
//! `session-remote-config-format` and `protocol-name`.

use super::lists;
use super::protocols::{self, Lookup};
use super::{Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;
use crate::secrets::Placeholders;

pub static CONNECTIVITIES_FORMAT: Rule = Rule {
    name: "connectivities-format",
    severity: Severity::Error,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "An item of `connectivities` is not `PROTOCOL:PORT` with a port from 1 to 65535; an unknown protocol is a warning.",
        what: "`connectivities` is a comma-separated list of `PROTOCOL:PORT` items (`\"SSH:22, HTTPS:443\"`). Each item is read on its own (blanks around an item or around its `:` are allowed) and each bad item gets its own diagnostic, at the `connectivities` value, naming the item. An error for an empty item (a doubled or trailing comma), an item with no `:` or more than one, a missing protocol or port, a port that is not a whole number (`22a`, `+22`, `2.2`) and a port outside 1–65535 (`0`, `-1`, `65536`; `65535` is fine). A warning, under the same rule, for a well-formed item whose protocol is not one credlint knows; the help names the closest known one (`SHH` → `SSH`, `MSSQL` → `SQL Server`). The known protocols are the reference's session protocols `SSH`, `Telnet`, `MySQL`, `SQL Server`, `HTTP`, `HTTPS`, `RDP`, `X11`, `VNC`, and the protocols commonly registered in PAM: `FTP`, `FTPS`, `SFTP`, `SCP`, `TFTP`, `LDAP`, `LDAPS`, `Kerberos`, `RADIUS`, `TACACS+`, `SMB`, `WinRM`, `WMI`, `RPC`, `PostgreSQL`, `Oracle`, `MariaDB`, `MongoDB`, `Redis`, `DB2`, `Sybase`, `Informix`, `Cassandra`, `SNMP`, `NETCONF`, `IPMI`, `SMTP`, `IMAP`, `POP3`. A known protocol written in another case (`ssh:22`) is left to `protocol-name`. An empty `connectivities` value, a value that is a placeholder (`${CONNECTIVITIES}`), an item that is a placeholder and a protocol or port that is a placeholder (`SSH:${SSH_PORT}`) are not judged.",
        why: "The server splits the list at the commas and each item at the colon to register the device's connectivities, the ports sessions and password changes connect to. An item it cannot read is refused or registered with a port no service listens on, so the session or rotation through it fails later, far from the payload. A protocol the server does not know creates a connectivity that no session type uses.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"connectivities\": \"SSH:22, HTTPS:65536\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"connectivities\": \"SSH:22, HTTPS:443\"\n}\n",
    },
    check: Check::Payload(check_connectivities),
};

pub static SESSION_REMOTE_CONFIG_FORMAT: Rule = Rule {
    name: "session-remote-config-format",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "`session_remote_config` is not `PROTOCOL:MODE:ACTION`.",
        what: "Reports a `session_remote_config` that is not three non-empty parts separated by colons, like the reference's `\"SSH:EXPECT:FILL\"`: too few or too many parts, or an empty part (`\"SSH::FILL\"`). Blanks around a part are allowed. The parts' values are not judged here (a protocol in the wrong case is `protocol-name`). An empty value and a placeholder (`${LOGIN_EXPRESSION}`) are not judged, nor is a part that is a placeholder.",
        why: "The login expression tells the server how to log a session in on the device: which protocol, which mode, which action. An expression it cannot split into those three parts is not applied, and sessions through this credential open without the automatic login the author configured.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"session_remote_config\": \"SSH:EXPECT\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"session_remote_config\": \"SSH:EXPECT:FILL\"\n}\n",
    },
    check: Check::Payload(check_session_remote_config),
};

pub static PROTOCOL_NAME: Rule = Rule {
    name: "protocol-name",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "A protocol name that matches a known protocol only when case is ignored (`RDp` → `RDP`).",
        what: "Reports a protocol written in another case than its canonical spelling: the protocol of each `connectivities` item, the first part of `session_remote_config` and each macro's `connectivity` in `session_settings.macros`. The help gives the value with the canonical spelling. The known protocols and their spellings are the list `connectivities-format` documents (`SSH`, `Telnet`, `MySQL`, `SQL Server`, `HTTP`, `HTTPS`, `RDP`, `X11`, `VNC`, `FTP`, `SFTP`, `LDAP`, `WinRM`, `PostgreSQL`, …). A mis-cased known protocol in `connectivities` gets this diagnostic only, never also `connectivities-format`'s unknown-protocol warning; a name that is unknown in every case is not reported here. Placeholders are not judged.",
        why: "Protocol names are matched as written: the session settings enable `RDP`, not `RDp`. A mis-cased name may be registered as a protocol of its own, or fail to match the protocol a macro or session needs, so the connection is silently not offered.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"win01\",\n  \"ip\": \"10.0.0.7\",\n  \"connectivities\": \"RDp:3389\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"win01\",\n  \"ip\": \"10.0.0.7\",\n  \"connectivities\": \"RDP:3389\"\n}\n",
    },
    check: Check::Payload(check_protocol_names),
};

/// What is wrong with one `connectivities` item.
#[derive(Debug, PartialEq, Eq)]
struct Problem {
    severity: Severity,
    message: String,
    label: &'static str,
    help: String,
}

fn error(message: String, help: String) -> Option<Problem> {
    Some(Problem {
        severity: Severity::Error,
        message,
        label: "the server cannot register this connectivity",
        help,
    })
}

/// A port for the help: the protocol's usual one when it is known.
fn example_item(protocol: &str) -> String {
    match protocols::get(protocol) {
        Some(known) => format!("{}:{}", known.name, known.port),
        None => format!("{protocol}:PORT"),
    }
}

/// Judges one non-empty item (already trimmed) of `connectivities`.
fn judge_item(item: &str, placeholders: &Placeholders) -> Option<Problem> {
    if placeholders.matches(item) {
        return None;
    }
    let parts: Vec<&str> = item.split(':').map(str::trim).collect();
    if parts.len() == 1 {
        return if item.bytes().all(|b| b.is_ascii_digit()) {
            error(
                format!("`connectivities` item `{item}` has no protocol"),
                format!("write the protocol before the port, e.g. `SSH:{item}`"),
            )
        } else {
            error(
                format!("`connectivities` item `{item}` has no port"),
                format!(
                    "write the port after a colon, e.g. `{}`",
                    example_item(item)
                ),
            )
        };
    }
    if parts.len() > 2 {
        let ports = &parts[1..];
        let example = if !parts[0].is_empty()
            && ports
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            ports
                .iter()
                .map(|port| format!("{}:{port}", parts[0]))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            example_item(parts[0])
        };
        return error(
            format!("`connectivities` item `{item}` has more than one `:`"),
            format!(
                "write one `PROTOCOL:PORT` per item and separate items with commas, e.g. `{example}`"
            ),
        );
    }
    let (protocol, port) = (parts[0], parts[1]);
    if protocol.is_empty() {
        return error(
            format!("`connectivities` item `{item}` has no protocol"),
            format!("write the protocol before the colon, e.g. `SSH:{port}`"),
        );
    }
    if port.is_empty() {
        return error(
            format!("`connectivities` item `{item}` has no port"),
            format!(
                "write the port after the colon, e.g. `{}`",
                example_item(protocol)
            ),
        );
    }
    let protocol_placeholder = placeholders.matches(protocol);
    if !placeholders.matches(port) {
        let usual = match protocols::get(protocol) {
            Some(known) => format!(" (the usual port of {} is {})", known.name, known.port),
            None => String::new(),
        };
        let digits = port.strip_prefix('-').unwrap_or(port);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let in_range = port == digits
                && digits
                    .parse::<u32>()
                    .is_ok_and(|n| (1..=65535).contains(&n));
            if !in_range {
                return error(
                    format!(
                        "port `{port}` of `connectivities` item `{item}` is out of range: ports are 1 to 65535"
                    ),
                    format!("use the port the service listens on{usual}"),
                );
            }
        } else {
            return error(
                format!("port `{port}` of `connectivities` item `{item}` is not a whole number"),
                format!("write the port as digits only, from 1 to 65535{usual}"),
            );
        }
    }
    if protocol_placeholder || protocols::lookup(protocol) != Lookup::Unknown {
        // A known protocol in the wrong case is `protocol-name`'s.
        return None;
    }
    let help = match protocols::closest(protocol) {
        Some(known) => format!(
            "did you mean `{known}`? write `{known}:{port}`; if `{protocol}` really is a protocol of your PAM installation, keep it"
        ),
        None => format!(
            "check the spelling against the protocols your PAM installation offers (credlint knows {}, …)",
            protocols::KNOWN[..9]
                .iter()
                .map(|p| format!("`{}`", p.name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Some(Problem {
        severity: Severity::Warning,
        message: format!(
            "`connectivities` item `{item}` names `{protocol}`, not a protocol credlint knows"
        ),
        label: "unknown protocol",
        help,
    })
}

/// The trimmed items of a comma-separated value.
fn items(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim)
}

fn check_connectivities(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    let Some(value) = top.str("connectivities") else {
        return;
    };
    if value.trim().is_empty() || ctx.placeholders.matches(value) {
        return;
    }
    let ptr = top.ptr("connectivities");
    let all: Vec<&str> = items(value).collect();
    let problems: Vec<Problem> = all
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            if item.is_empty() {
                let kept: Vec<&str> = all.iter().copied().filter(|s| !s.is_empty()).collect();
                return error(
                    format!(
                        "`connectivities` has an empty item: {}",
                        lists::empty_item_cause(&all, i)
                    ),
                    format!(
                        "remove the extra comma: `\"connectivities\": \"{}\"`",
                        kept.join(lists::separator(value))
                    ),
                );
            }
            judge_item(item, ctx.placeholders)
        })
        .collect();
    for problem in problems {
        ctx.at_value(&CONNECTIVITIES_FORMAT, &ptr, problem.message)
            .severity(problem.severity)
            .label(problem.label)
            .help(problem.help);
    }
}

fn check_session_remote_config(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    let Some(value) = top.str("session_remote_config") else {
        return;
    };
    if value.trim().is_empty() || ctx.placeholders.matches(value) {
        return;
    }
    let parts: Vec<&str> = value.split(':').map(str::trim).collect();
    const NAMES: [&str; 3] = ["PROTOCOL", "MODE", "ACTION"];
    let message = if parts.len() != 3 {
        format!(
            "`session_remote_config` `{}` has {} part{} where `PROTOCOL:MODE:ACTION` has 3",
            value.trim(),
            parts.len(),
            if parts.len() == 1 { "" } else { "s" }
        )
    } else if let Some(i) = parts.iter().position(|p| p.is_empty()) {
        format!(
            "the {} part of `session_remote_config` `{}` is empty",
            NAMES[i],
            value.trim()
        )
    } else {
        return;
    };
    let protocol = parts[0];
    let example = if !protocol.is_empty() && protocol.len() <= 16 {
        format!("{protocol}:EXPECT:FILL")
    } else {
        "SSH:EXPECT:FILL".to_owned()
    };
    let ptr = top.ptr("session_remote_config");
    ctx.at_value(&SESSION_REMOTE_CONFIG_FORMAT, &ptr, message)
        .label("not `PROTOCOL:MODE:ACTION`")
        .help(format!(
            "write three non-empty parts separated by colons, like `\"{example}\"`"
        ));
}

fn check_protocol_names(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    if let Some(value) = top.str("connectivities") {
        if !ctx.placeholders.matches(value) {
            let ptr = top.ptr("connectivities");
            let found: Vec<(String, String, &str)> = items(value)
                .filter(|item| !ctx.placeholders.matches(item))
                .filter_map(|item| {
                    let (protocol, rest) = match item.split_once(':') {
                        Some((p, rest)) => (p.trim(), Some(rest)),
                        None => (item, None),
                    };
                    if ctx.placeholders.matches(protocol) {
                        return None;
                    }
                    match protocols::lookup(protocol) {
                        Lookup::Case(known) => {
                            let fixed = match rest {
                                Some(rest) => format!("{known}:{}", rest.trim()),
                                None => known.to_owned(),
                            };
                            Some((item.to_owned(), fixed, known))
                        }
                        _ => None,
                    }
                })
                .collect();
            for (item, fixed, known) in found {
                let protocol = item.split(':').next().unwrap_or_default().trim();
                ctx.at_value(
                    &PROTOCOL_NAME,
                    &ptr,
                    format!("protocol `{protocol}` of `connectivities` item `{item}` is spelled `{known}`"),
                )
                .label("protocol names are matched as written")
                .help(format!("write `{fixed}`"));
            }
        }
    }
    if let Some(value) = top.str("session_remote_config") {
        if !ctx.placeholders.matches(value) {
            let (protocol, rest) = match value.split_once(':') {
                Some((p, rest)) => (p.trim(), Some(rest)),
                None => (value.trim(), None),
            };
            if !ctx.placeholders.matches(protocol) {
                if let Lookup::Case(known) = protocols::lookup(protocol) {
                    let fixed = match rest {
                        Some(rest) => format!("{known}:{rest}"),
                        None => known.to_owned(),
                    };
                    let ptr = top.ptr("session_remote_config");
                    ctx.at_value(
                        &PROTOCOL_NAME,
                        &ptr,
                        format!(
                            "protocol `{protocol}` of `session_remote_config` is spelled `{known}`"
                        ),
                    )
                    .label("protocol names are matched as written")
                    .help(format!("write `\"session_remote_config\": \"{fixed}\"`"));
                }
            }
        }
    }
    let Some(session) = ctx.block("session_settings") else {
        return;
    };
    let Some(macros) = session.array("macros") else {
        return;
    };
    let macros_ptr = session.ptr("macros");
    for (i, item) in macros.iter().enumerate() {
        let Some(value) = item
            .as_object()
            .and_then(|m| m.get("connectivity"))
            .and_then(|v| v.as_str())
        else {
            continue;
        };
        if ctx.placeholders.matches(value) {
            continue;
        }
        if let Lookup::Case(known) = protocols::lookup(value) {
            let ptr = crate::json::pointer::push(
                &crate::json::pointer::push_index(&macros_ptr, i),
                "connectivity",
            );
            ctx.at_value(
                &PROTOCOL_NAME,
                &ptr,
                format!(
                    "`connectivity` `{}` of macro {} is spelled `{known}`",
                    value.trim(),
                    i + 1
                ),
            )
            .label("protocol names are matched as written")
            .help(format!("write `\"connectivity\": \"{known}\"`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(item: &str) -> Option<(Severity, String)> {
        judge_item(item, &Placeholders::default()).map(|p| (p.severity, p.message))
    }

    fn is_error(item: &str) -> bool {
        matches!(judge(item), Some((Severity::Error, _)))
    }

    #[test]
    fn ports() {
        assert_eq!(judge("SSH:22"), None);
        assert_eq!(judge("SSH:1"), None);
        assert_eq!(judge("HTTPS:65535"), None);
        assert_eq!(judge("SSH : 22"), None);
        for bad in [
            "HTTPS:65536",
            "SSH:0",
            "SSH:-1",
            "SSH:-0",
            "SSH:22a",
            "SSH:+22",
            "SSH:2.2",
            "SSH:99999999999999999999",
            "SSH:",
            ":22",
            "22",
            "SSH",
            "SSH:22:23",
        ] {
            assert!(is_error(bad), "{bad}: {:?}", judge(bad));
        }
    }

    #[test]
    fn protocols() {
        assert_eq!(judge("SQL Server:1433"), None);
        // Mis-cased known protocols are protocol-name's.
        assert_eq!(judge("ssh:22"), None);
        let (severity, message) = judge("SHH:22").unwrap();
        assert_eq!(severity, Severity::Warning);
        assert!(message.contains("`SHH`"), "{message}");
        // A bad port wins over an unknown protocol: one diagnostic per item.
        assert!(is_error("Gopher:0"));
    }

    #[test]
    fn placeholders_are_not_judged() {
        assert_eq!(judge("${SSH}"), None);
        assert_eq!(judge("SSH:${SSH_PORT}"), None);
        assert_eq!(judge("{{ proto }}:22"), None);
        assert!(is_error("${PROTO}:0"));
    }
}
