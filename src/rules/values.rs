//! Value rules: the format of single values (TOTP secrets, addresses,
//! identifiers), blanks around names, and values put in the wrong field.
//!
//! Every rule here leaves placeholders alone (`ctx.placeholders`): a value
//! filled in later cannot be judged now.

use super::{Block, Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::config::ApiVersion;
use crate::diagnostic::Severity;
use crate::json::pointer;
use std::net::{IpAddr, Ipv6Addr};

// ---------------------------------------------------------------------------
// totp-secret-format

pub static TOTP_SECRET_FORMAT: Rule = Rule {
    name: "totp-secret-format",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "`additional_settings.secret_key` is not a base32 TOTP secret.",
        what: "Checks the TOTP secret in `additional_settings.secret_key` against the base32 alphabet of RFC 4648 that TOTP keys are written in (RFC 6238, and the `secret=` parameter of `otpauth://` links): the letters A–Z and the digits 2–7, optionally padded with `=` at the end. Like authenticator apps, it accepts lower case and spaces between groups (`jbsw y3dp ehpk 3pxp`). It reports other characters (the digits 0, 1, 8 and 9, punctuation, accented letters, tabs), `=` before the end, a length no base32 text can have, and a whole `otpauth://` link pasted in; a key that looks hex-encoded gets a conversion hint. The message never shows the secret, only what kind of character is wrong. Empty values and placeholders are not judged. The reference's own example, `295B3LA1M6LRAHI2S7G1A36LMK6I4IWW`, is not base32 (SPEC D5). A literal key is also a `plaintext-secret`.",
        why: "The one-time codes are derived from the decoded key. A key that does not decode as base32 gives codes that no authenticator shows, or none at all, so every login that needs the second factor fails, typically when someone urgently needs the credential. A warning rather than an error: the reference documents no check when the key is stored, so the request succeeds and the problem shows up later.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"additional_settings\": {\n    \"secret_key\": \"295B3LA1M6LRAHI2S7G1A36LMK6I4IWW\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"additional_settings\": {\n    \"secret_key\": \"JBSWY3DPEHPK3PXP\"\n  }\n}\n",
    },
    check: Check::Payload(check_totp_secret),
};

fn check_totp_secret(ctx: &mut PayloadCtx<'_>) {
    let Some(block) = ctx.block("additional_settings") else {
        return;
    };
    let Some(value) = block.str("secret_key") else {
        return;
    };
    if value.trim().is_empty() || ctx.placeholders.matches(value) {
        return;
    }
    let Some(problem) = base32_problem(value) else {
        return;
    };
    // Never the value, not even a part of it: only what kind of thing is wrong.
    ctx.at_value(
        &TOTP_SECRET_FORMAT,
        &block.ptr("secret_key"),
        format!("`secret_key` is not base32: {}", problem.what),
    )
    .label("no authenticator can decode this key: no valid one-time codes")
    .help(problem.help);
}

struct Problem {
    what: String,
    help: String,
}

/// What base32 cannot contain, by kind (never the characters themselves).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Foreign {
    Digit,
    Letter,
    Symbol,
    Blank,
    InnerPadding,
}

impl Foreign {
    fn phrase(self) -> &'static str {
        match self {
            Foreign::Digit => "the digits 0, 1, 8 or 9",
            Foreign::Letter => "letters outside A–Z",
            Foreign::Symbol => "punctuation or symbols",
            Foreign::Blank => "blanks other than spaces (tabs, line breaks, no-break spaces)",
            Foreign::InnerPadding => "`=` padding before the end",
        }
    }
}

const RECOPY: &str = "copy the key again from the service's setup page (the text under \"enter a setup key\" / \"can't scan the code?\", or the `secret=` parameter of its otpauth:// link): only the letters A–Z and the digits 2–7; spaces and lower case are fine";

/// Why a TOTP secret is not base32, or `None` when it is.
fn base32_problem(value: &str) -> Option<Problem> {
    let trimmed = value.trim();
    if trimmed
        .get(..10)
        .is_some_and(|s| s.eq_ignore_ascii_case("otpauth://"))
    {
        return Some(Problem {
            what: "it holds a whole `otpauth://` link".into(),
            help: "put only the value of the link's `secret=` parameter here (the base32 text between `secret=` and the next `&`)".into(),
        });
    }
    // Authenticator apps drop the spaces that group the key for reading.
    let compact: String = trimmed.chars().filter(|c| *c != ' ').collect();
    let body = compact.trim_end_matches('=');
    let padding = compact.len() - body.len();
    if body.is_empty() {
        return Some(Problem {
            what: "it holds only `=` padding".into(),
            help: RECOPY.into(),
        });
    }
    let mut foreign: Vec<Foreign> = Vec::new();
    for c in body.chars() {
        let kind = match c {
            'A'..='Z' | 'a'..='z' | '2'..='7' => continue,
            '0' | '1' | '8' | '9' => Foreign::Digit,
            '=' => Foreign::InnerPadding,
            c if c.is_whitespace() => Foreign::Blank,
            c if c.is_alphabetic() => Foreign::Letter,
            _ => Foreign::Symbol,
        };
        if !foreign.contains(&kind) {
            foreign.push(kind);
        }
    }
    if !foreign.is_empty() {
        let phrases: Vec<&str> = foreign.iter().map(|f| f.phrase()).collect();
        let looks_hex = compact.len() >= 16
            && compact.len() % 2 == 0
            && compact.chars().all(|c| c.is_ascii_hexdigit());
        let help = if looks_hex {
            "the key looks hex-encoded: convert its bytes to base32 (for example `printf %s \"$HEX_KEY\" | xxd -r -p | base32`) and send that".to_owned()
        } else if foreign == [Foreign::Digit] {
            format!("{RECOPY}; if the key was typed from a screen, 0, 1 and 8 are probably the letters O, I or L, and B")
        } else {
            RECOPY.to_owned()
        };
        return Some(Problem {
            what: format!(
                "it contains {}, which the base32 alphabet (A–Z, 2–7) does not have",
                join_or(&phrases)
            ),
            help,
        });
    }
    if padding > 0 && compact.len() % 8 != 0 {
        return Some(Problem {
            what: "its `=` padding does not fill the last group of 8 characters".into(),
            help: "remove the `=` padding (authenticator apps do not need it), or pad to a multiple of 8 characters".into(),
        });
    }
    // 5 bits a character: 1, 3 or 6 characters left over cannot end a byte.
    if matches!(body.len() % 8, 1 | 3 | 6) {
        return Some(Problem {
            what: "its length is not one a base32 text can have, so a character is probably missing or extra".into(),
            help: RECOPY.into(),
        });
    }
    None
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// ---------------------------------------------------------------------------
// address-format

pub static ADDRESS_FORMAT: Rule = Rule {
    name: "address-format",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "An `ip` or `X_ip` value that is neither an IP address, a DNS name nor a URL.",
        what: "Checks the device address `ip` and the addresses of credential references (`parent_ip`, `authentication_ip` and `reconciliation_ip` in `execution_settings`; `authentication_ip` in `session_settings` and `jit_settings`). A value passes when it is an IPv4 or IPv6 address, a DNS name (labels of letters, digits and hyphens, 1–63 characters each, not starting or ending with a hyphen, 253 characters at most; a single label such as `localhost` is fine), or a URL `scheme://host[:port][/path]` such as the reference's `https://www.gmail.com`. It reports blanks inside the value, dotted numbers that are no IPv4 address (`999.1.1.1`, `10.0.5`, leading zeros), a port (`10.0.0.5:22`) or a network (`10.0.0.0/24`) where one address belongs, several addresses in one value, underscores and other characters DNS names do not allow, and URLs with a bad port, user information or no host. Blanks around the value are left to `surrounding-whitespace` and empty values to `empty-value`; placeholders are not judged.",
        why: "PAM Core connects to the device at `ip` for sessions and password changes, and finds a referenced credential by its exact username, hostname and ip. The server stores a malformed address as given: nothing can connect to it, a reference with it matches no credential, and the failure only shows when a session or a rotation runs.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"999.1.1.1\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.1.1.1\"\n}\n",
    },
    check: Check::Payload(check_address_format),
};

/// The fields holding a device address, with the block they are in.
fn address_fields<'a>(ctx: &PayloadCtx<'a>) -> Vec<(Block<'a>, &'static str)> {
    let mut fields = vec![(ctx.top(), "ip")];
    if let Some(block) = ctx.block("execution_settings") {
        for key in ["parent_ip", "authentication_ip", "reconciliation_ip"] {
            fields.push((block.clone(), key));
        }
    }
    for name in ["session_settings", "jit_settings"] {
        if let Some(block) = ctx.block(name) {
            fields.push((block, "authentication_ip"));
        }
    }
    fields
}

fn check_address_format(ctx: &mut PayloadCtx<'_>) {
    for (block, key) in address_fields(ctx) {
        let Some(value) = block.str(key) else {
            continue;
        };
        let value = value.trim_matches(is_blank);
        if value.is_empty() || ctx.placeholders.matches(value) {
            continue;
        }
        let Some(problem) = address_problem(value) else {
            continue;
        };
        let label = if key == "ip" {
            "sessions and password changes connect to the device at this address"
        } else {
            "the referenced credential is found by username, hostname and ip: this ip matches no device"
        };
        ctx.at_value(
            &ADDRESS_FORMAT,
            &block.ptr(key),
            format!("`{key}` is not a valid address: {}", problem.what),
        )
        .label(label)
        .help(problem.help);
    }
}

const ADDRESS_FORMS: &str = "an IP address (`10.0.0.5`), a DNS name (`db01.example.com`) or a URL (`https://db01.example.com`)";

/// Why a (trimmed, non-empty) address is malformed, or `None` when it is fine.
fn address_problem(value: &str) -> Option<Problem> {
    if is_ip(value) {
        return None;
    }
    let q = shown(value);
    // Several addresses in one value.
    let parts: Vec<&str> = value
        .split([',', ';'])
        .map(|p| p.trim_matches(is_blank))
        .collect();
    if parts.len() > 1
        && parts
            .iter()
            .all(|p| !p.is_empty() && address_problem(p).is_none())
    {
        return Some(Problem {
            what: format!("{q} holds {} addresses", parts.len()),
            help: format!(
                "keep the one address sessions connect to, e.g. `\"{}\"`; a device is registered with one address",
                parts[0]
            ),
        });
    }
    if value.chars().any(is_blank) {
        let joined: String = value.chars().filter(|c| !is_blank(*c)).collect();
        let help = if address_problem(&joined).is_none() {
            format!("remove the blanks: `\"{joined}\"`")
        } else {
            format!("remove the blanks; an address is {ADDRESS_FORMS}")
        };
        return Some(Problem {
            what: format!("{q} contains a blank, which no address has"),
            help,
        });
    }
    if let Some(rest) = value.split_once("://") {
        return url_problem(value, rest.0, rest.1);
    }
    // A network instead of an address.
    if let Some((addr, bits)) = value.split_once('/') {
        if is_ip(addr) && !bits.is_empty() && bits.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Problem {
                what: format!("{q} is a network (`/{bits}`), not one address"),
                help: format!("write the device's own address, without `/{bits}`"),
            });
        }
    }
    // A port after an IPv4 address or a name.
    if let Some((host, port)) = value.rsplit_once(':') {
        if !port.is_empty()
            && port.bytes().all(|b| b.is_ascii_digit())
            && host_problem(host).is_none()
        {
            let protocol = match port {
                "22" => "SSH",
                "23" => "TELNET",
                "80" => "HTTP",
                "443" => "HTTPS",
                "3306" => "MYSQL",
                "3389" => "RDP",
                "5900" => "VNC",
                _ => "PROTOCOL",
            };
            return Some(Problem {
                what: format!("{q} carries a port"),
                help: format!(
                    "write `\"{host}\"` here and the port in `connectivities`: `\"connectivities\": \"{protocol}:{port}\"`"
                ),
            });
        }
        if value.contains(':')
            && value
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Some(Problem {
                what: format!("{q} looks like an IPv6 address but is not one"),
                help: "check the groups: at most eight of up to four hex digits, and `::` at most once".into(),
            });
        }
    }
    host_problem(value).map(|why| Problem {
        what: format!("{q} {why}"),
        help: host_help(value, &why),
    })
}

fn is_ip(value: &str) -> bool {
    value.parse::<IpAddr>().is_ok()
}

/// A URL `scheme://host[:port][/path]`.
fn url_problem(value: &str, scheme: &str, rest: &str) -> Option<Problem> {
    let q = shown(value);
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Some(Problem {
            what: format!(
                "{q} is not a URL: the scheme before `://` must be letters, such as `https`"
            ),
            help: format!(
                "write the URL with its scheme (`https://…`), or the bare address: {ADDRESS_FORMS}"
            ),
        });
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.contains('@') {
        // May hold a password: do not repeat the value.
        return Some(Problem {
            what: "the URL carries user information (`…@`) before its host".into(),
            help: "remove the `user@` (or `user:password@`) part: the account is `username`, its password `content`".into(),
        });
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        match inner.split_once(']') {
            Some((v6, after)) if v6.parse::<Ipv6Addr>().is_ok() => match after.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None if after.is_empty() => (None, None),
                None => (Some(authority), None),
            },
            _ => {
                return Some(Problem {
                    what: format!("{q} has a bracketed host that is no IPv6 address"),
                    help:
                        "write an IPv6 address between the brackets, e.g. `https://[2001:db8::5]`"
                            .into(),
                })
            }
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        }
    };
    if let Some(host) = host {
        if host.is_empty() {
            return Some(Problem {
                what: format!("the URL {q} has no host"),
                help: "write the device's name or address after `://`, e.g. `https://db01.example.com`".into(),
            });
        }
        if let Some(why) = host_problem(host) {
            return Some(Problem {
                what: format!("the host `{host}` of the URL {q} {why}"),
                help: host_help(host, &why),
            });
        }
    }
    if port == Some("") {
        return Some(Problem {
            what: format!("the URL {q} has `:` after its host but no port"),
            help: "write the port after `:` (1 to 65535), or drop the `:`".into(),
        });
    }
    if let Some(port) = port {
        let ok = port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p))
            && port.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return Some(Problem {
                what: format!("the port `{port}` of the URL {q} is not a number from 1 to 65535"),
                help: "correct the port, or drop `:port` to use the scheme's default".into(),
            });
        }
    }
    None
}

/// Why a host (no port, no scheme) is neither an IP address nor a DNS name.
/// The reason completes a sentence that starts with the value.
fn host_problem(host: &str) -> Option<String> {
    if is_ip(host) {
        return None;
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = name.split('.').collect();
    // The last label of a DNS name is never all digits (RFC 3696 2): this is
    // an IPv4 address gone wrong.
    let last_numeric = labels
        .last()
        .is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()));
    if last_numeric && host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Some(ipv4_problem(host));
    }
    if name.is_empty() {
        return Some("is not a DNS name: it has no label".into());
    }
    if let Some(c) = host
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.')))
    {
        return Some(if c == '_' {
            "is not a DNS name: `_` is not allowed in one".into()
        } else if !c.is_ascii() && c.is_alphabetic() {
            format!("is not a DNS name: `{c}` is not ASCII")
        } else {
            format!(
                "is not a DNS name: {} is not allowed in one (letters, digits, hyphens and dots only)",
                describe_char(c)
            )
        });
    }
    if labels.iter().any(|l| l.is_empty()) {
        return Some(
            "is not a DNS name: it has an empty label (a leading dot, or two dots in a row)".into(),
        );
    }
    if let Some(l) = labels.iter().find(|l| l.len() > 63) {
        return Some(format!(
            "is not a DNS name: a label is {} characters long, over 63",
            l.len()
        ));
    }
    if name.len() > 253 {
        return Some(format!(
            "is not a DNS name: it is {} characters long, over 253",
            name.len()
        ));
    }
    if let Some(l) = labels
        .iter()
        .find(|l| l.starts_with('-') || l.ends_with('-'))
    {
        return Some(format!(
            "is not a DNS name: the label `{l}` starts or ends with a hyphen"
        ));
    }
    if last_numeric {
        return Some("is not a DNS name: its last label is all digits".into());
    }
    None
}

/// A value of digits and dots that is no IPv4 address.
fn ipv4_problem(value: &str) -> String {
    let parts: Vec<&str> = value.split('.').collect();
    if parts.len() == 1 {
        return "is a bare number, not an address".into();
    }
    if parts.len() != 4 {
        return format!(
            "looks like an IPv4 address but has {} parts, not 4",
            parts.len()
        );
    }
    if parts.iter().any(|p| p.is_empty()) {
        return "looks like an IPv4 address but has an empty part".into();
    }
    if let Some(p) = parts
        .iter()
        .find(|p| p.parse::<u64>().map_or(true, |n| n > 255))
    {
        return format!("looks like an IPv4 address, but `{p}` is over 255");
    }
    if let Some(p) = parts.iter().find(|p| p.len() > 1 && p.starts_with('0')) {
        return format!(
            "looks like an IPv4 address, but `{p}` has a leading zero, which some tools read as octal"
        );
    }
    "looks like an IPv4 address but is not one".into()
}

fn host_help(host: &str, why: &str) -> String {
    if why.starts_with("looks like an IPv4") {
        let parts: Vec<&str> = host.split('.').collect();
        if parts.len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.parse::<u8>().is_ok())
        {
            let fixed: Vec<String> = parts
                .iter()
                .map(|p| p.parse::<u8>().unwrap_or_default().to_string())
                .collect();
            return format!(
                "write it without leading zeros, `\"{}\"`, if the parts are decimal",
                fixed.join(".")
            );
        }
        return "correct the address: four numbers from 0 to 255, separated by dots".into();
    }
    if why.contains("`_`") {
        return format!(
            "write the name with hyphens, `\"{}\"`, if that is the device's DNS name, or its IP address",
            host.replace('_', "-")
        );
    }
    if why.contains("is not ASCII") {
        return "write the name in its ASCII (punycode) form, `xn--…`, or the device's IP address"
            .into();
    }
    format!("write {ADDRESS_FORMS}")
}

// ---------------------------------------------------------------------------
// surrounding-whitespace

pub static SURROUNDING_WHITESPACE: Rule = Rule {
    name: "surrounding-whitespace",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "Leading or trailing blanks in a name, a reference or a catalogue value.",
        what: "Reports a value that starts or ends with blanks (spaces, tabs, line breaks, no-break or zero-width spaces) in the fields the server matches by their exact text: `username`, `hostname`, `ip`, `credential_type`, `domain`, `device_domain`, `type`, `vendor`, `model` and `site` at the top level; in the settings blocks the credential references (`X_credential`, `X_hostname`, `X_ip`), the plugin and template names, `additional_settings.user_credential_owner` and a macro's `remote_app`. The help shows the value trimmed. A value of blanks only is reported as well, except in a hostname or address field, where it is `empty-value`'s business, and in a credential reference, plugin or template, which the pairing and reference rules treat as missing. Not checked: secrets (a password may hold blanks, and is never printed), free text (`additional`, `notes`, `server_path`), lists with rules of their own (`tags`, `device_tags`, `connectivities`), and the two `identifier` fields, whose blanks `identifier-format` reports as characters outside the identifier alphabet. Blanks around a placeholder (`\" ${DB_HOST} \"`) are literal text and are reported. A credential type in `type` (`\"Local User \"`) is left to `device-type-confusion`, whose fix moves it, trimmed, to `credential_type`.",
        why: "The server takes these values as they are. In the catalogue fields an unseen value creates a new entry, so `\"Domain User \"` makes a second credential type beside `Domain User`; in names and references it is another name, so the credential lands on a new device, or the referenced credential, plugin, template or domain is not found.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"credential_type\": \"Domain User \"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"credential_type\": \"Domain User\"\n}\n",
    },
    check: Check::Payload(check_surrounding_whitespace),
};

/// What a field names, for the label saying why blanks matter there.
#[derive(Clone, Copy)]
enum Named {
    /// A catalogue entry the server creates when unseen (the entry's kind).
    Catalogue(&'static str),
    Domain,
    Username,
    /// `hostname`/`ip` and their reference forms: blanks only are `empty-value`'s.
    Device,
    RefCredential,
    Plugin,
    Template,
    Owner,
    RemoteApp,
}

impl Named {
    fn label(self, key: &str, top_level: bool) -> String {
        match self {
            Named::Catalogue(kind) => {
                format!("an unseen value creates a new {kind}: this one, blanks included")
            }
            Named::Domain => {
                "only registered domains are accepted, and none is named with these blanks".into()
            }
            Named::Username => "a user name with blanks is another account".into(),
            Named::Device if top_level => {
                format!("the device is registered with this {key}, blanks included")
            }
            Named::Device | Named::RefCredential => {
                "the referenced credential is found by exact username, hostname and ip".into()
            }
            Named::Plugin => "the plugin is looked up by its exact name".into(),
            Named::Template => "the template is looked up by its exact name".into(),
            Named::Owner => "the owner is looked up by exact user name".into(),
            Named::RemoteApp => "the remote application is looked up by its exact name".into(),
        }
    }
}

const TOP_NAMED: [(&str, Named); 10] = [
    ("username", Named::Username),
    ("hostname", Named::Device),
    ("ip", Named::Device),
    ("credential_type", Named::Catalogue("credential type")),
    ("domain", Named::Domain),
    ("device_domain", Named::Domain),
    ("type", Named::Catalogue("device type")),
    ("vendor", Named::Catalogue("vendor")),
    ("model", Named::Catalogue("model")),
    ("site", Named::Catalogue("site")),
];

const REFERENCE_NAMED: [(&str, Named); 3] = [
    ("credential", Named::RefCredential),
    ("hostname", Named::Device),
    ("ip", Named::Device),
];

fn whitespace_fields<'a>(ctx: &PayloadCtx<'a>) -> Vec<(Block<'a>, String, Named)> {
    let mut fields: Vec<(Block<'a>, String, Named)> = Vec::new();
    let top = ctx.top();
    for (key, named) in TOP_NAMED {
        fields.push((top.clone(), key.to_owned(), named));
    }
    let references = |block: &Block<'a>, prefixes: &[&str], out: &mut Vec<_>| {
        for prefix in prefixes {
            for (suffix, named) in REFERENCE_NAMED {
                out.push((block.clone(), format!("{prefix}_{suffix}"), named));
            }
        }
    };
    if let Some(block) = ctx.block("execution_settings") {
        references(
            &block,
            &["parent", "authentication", "reconciliation"],
            &mut fields,
        );
        for prefix in ["change", "reconciliation"] {
            fields.push((block.clone(), format!("{prefix}_plugin"), Named::Plugin));
            fields.push((block.clone(), format!("{prefix}_template"), Named::Template));
        }
    }
    if let Some(block) = ctx.block("session_settings") {
        references(&block, &["authentication"], &mut fields);
        if let Some(macros) = block.array("macros") {
            for (i, item) in macros.iter().enumerate() {
                if let Some(map) = item.as_object() {
                    let item_block = Block {
                        pointer: pointer::push_index(&block.ptr("macros"), i),
                        map,
                    };
                    fields.push((item_block, "remote_app".into(), Named::RemoteApp));
                }
            }
        }
    }
    if let Some(block) = ctx.block("additional_settings") {
        fields.push((block, "user_credential_owner".into(), Named::Owner));
    }
    if let Some(block) = ctx.block("jit_settings") {
        references(&block, &["authentication"], &mut fields);
        for action in ["creation", "deletion", "enable", "disable"] {
            fields.push((
                block.clone(),
                format!("credential_{action}_plugin"),
                Named::Plugin,
            ));
            fields.push((
                block.clone(),
                format!("credential_{action}_template"),
                Named::Template,
            ));
        }
    }
    fields
}

fn check_surrounding_whitespace(ctx: &mut PayloadCtx<'_>) {
    let top_pointer = ctx.top().pointer;
    for (block, key, named) in whitespace_fields(ctx) {
        let Some(value) = block.str(&key) else {
            continue;
        };
        let trimmed = value.trim_matches(is_blank);
        if trimmed.len() == value.len() {
            continue;
        }
        let top_level = block.pointer == top_pointer;
        if top_level && key == "type" && is_credential_type(value) {
            continue; // device-type-confusion moves it, trimmed, to `credential_type`
        }
        let (message, help) = if trimmed.is_empty() {
            // A blank hostname/ip is empty-value's; a blank reference, plugin
            // or template counts as missing for the pairing and reference rules.
            if matches!(
                named,
                Named::Device | Named::RefCredential | Named::Plugin | Named::Template
            ) {
                continue;
            }
            let help = match named {
                Named::Username => {
                    "write the account name (or `\"\"`, which the server stores as `usr`)"
                        .to_owned()
                }
                _ => format!("write the value, or remove `{key}`"),
            };
            (format!("`{key}` is only blanks ({})", shown(value)), help)
        } else {
            let place = place_of_blanks(value);
            (
                format!("`{key}` {place}: {}", shown(value)),
                format!("write `\"{key}\": {}`", shown(trimmed)),
            )
        };
        ctx.at_value(&SURROUNDING_WHITESPACE, &block.ptr(&key), message)
            .label(named.label(&key, top_level))
            .help(help);
    }
}

/// Where a value's surrounding blanks are: "starts with a tab", "ends with
/// 2 spaces", "starts and ends with a space".
fn place_of_blanks(value: &str) -> String {
    let lead = &value[..value.len() - value.trim_start_matches(is_blank).len()];
    let trail = &value[value.trim_end_matches(is_blank).len()..];
    match (lead.is_empty(), trail.is_empty()) {
        (false, true) => format!("starts with {}", describe_blanks(lead)),
        (true, false) => format!("ends with {}", describe_blanks(trail)),
        _ if describe_blanks(lead) == describe_blanks(trail) => {
            format!("starts and ends with {}", describe_blanks(lead))
        }
        _ => format!(
            "starts with {} and ends with {}",
            describe_blanks(lead),
            describe_blanks(trail)
        ),
    }
}

/// Spaces, tabs, line breaks, and the invisible ones copied from web pages.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// "a space", "2 spaces", "a tab", "blanks (a space and a tab)".
fn describe_blanks(run: &str) -> String {
    let mut chars = run.chars();
    let first = chars.next().unwrap_or(' ');
    let count = run.chars().count();
    if chars.all(|c| c == first) {
        let (one, many) = match first {
            ' ' => ("a space", "spaces"),
            '\t' => ("a tab", "tabs"),
            '\n' | '\r' => ("a line break", "line breaks"),
            '\u{A0}' => ("a no-break space (U+00A0)", "no-break spaces (U+00A0)"),
            '\u{200B}' => ("a zero-width space (U+200B)", "zero-width spaces (U+200B)"),
            _ => ("an invisible blank", "invisible blanks"),
        };
        if count == 1 {
            one.to_owned()
        } else {
            format!("{count} {many}")
        }
    } else {
        format!("{count} blanks")
    }
}

/// A value as a JSON string, with invisible characters escaped so that
/// a message shows exactly what is there. Never used on secrets.
fn shown(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || (c != ' ' && is_blank(c)) => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One character, named so that it can be seen in a message.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' | '\r' => "a line break".into(),
        c if c.is_control() || is_blank(c) => format!("U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

// ---------------------------------------------------------------------------
// identifier-format

pub static IDENTIFIER_FORMAT: Rule = Rule {
    name: "identifier-format",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: Some(1053),
    doc: RuleDoc {
        summary: "An `identifier` with characters outside `[A-Za-z0-9._-]`.",
        what: "Reports characters other than the ASCII letters, the digits, `.`, `_` and `-` in the top-level `identifier`, blanks included (also around the value); the help suggests an identifier with accents folded and other characters replaced by `-`. A warning under api 3.32 and 3.33, whose references document no limit; an error with server code 1053 under `api_version = \"4\"`, whose reference rejects such identifiers. `additional_settings.identifier` (the identifier A2A lookups use) is checked against the same characters, as a warning under every version and without a server code, since no release documents 1053 for it. `\"\"` is fine: it asks the server to look the credential up by username, hostname and ip. Placeholders are not judged.",
        why: "The identifier is the credential's key in later calls and in A2A lookups, often inside a URL or a shell command. Version 4 of the API answers 1053 and stores nothing; earlier versions accept such an identifier, which then breaks when the server is upgraded, and needs quoting or escaping in every script that uses it.",
        example: "{\n  \"identifier\": \"db01 backup/nightly\",\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
        use_instead: "{\n  \"identifier\": \"db01-backup-nightly\",\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
    },
    check: Check::Payload(check_identifier_format),
};

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

fn check_identifier_format(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    judge_identifier(ctx, &top, true);
    if let Some(block) = ctx.block("additional_settings") {
        judge_identifier(ctx, &block, false);
    }
}

fn judge_identifier(ctx: &mut PayloadCtx<'_>, block: &Block<'_>, top_level: bool) {
    let Some(value) = block.str("identifier") else {
        return;
    };
    if value.is_empty() {
        return;
    }
    let trimmed = value.trim_matches(is_blank);
    // A placeholder is not judged, but blanks around it are literal text.
    let judged: Vec<char> = if ctx.placeholders.matches(value) {
        let lead = &value[..value.len() - value.trim_start_matches(is_blank).len()];
        let trail = &value[value.trim_end_matches(is_blank).len()..];
        lead.chars().chain(trail.chars()).collect()
    } else {
        value.chars().collect()
    };
    let mut bad: Vec<char> = Vec::new();
    for c in judged {
        if !is_identifier_char(c) && !bad.contains(&c) {
            bad.push(c);
        }
    }
    if bad.is_empty() {
        return;
    }
    let placeholder = ctx.placeholders.matches(value);
    let suggestion = if placeholder {
        trimmed.to_owned()
    } else {
        suggest_identifier(trimmed)
    };
    let help = if trimmed.is_empty() {
        "write `\"identifier\": \"\"` to have the server look the credential up by username, hostname and ip, or remove the key to have it generate a UUID".to_owned()
    } else if suggestion.is_empty() {
        "use only the letters A–Z and a–z, the digits, `.`, `_` and `-`".to_owned()
    } else {
        format!("write `\"identifier\": \"{suggestion}\"` (letters, digits, `.`, `_` and `-` only)")
    };
    let path = if top_level {
        "identifier"
    } else {
        "additional_settings.identifier"
    };
    let only_around =
        !trimmed.is_empty() && (placeholder || trimmed.chars().all(is_identifier_char));
    let message = if trimmed.is_empty() {
        format!(
            "`{path}` is only blanks ({}), which are outside `[A-Za-z0-9._-]`",
            shown(value)
        )
    } else if only_around {
        let place = place_of_blanks(value);
        format!(
            "`{path}` {} {place}, and blanks are outside `[A-Za-z0-9._-]`",
            shown(value)
        )
    } else {
        let mut names: Vec<String> = bad.iter().take(5).map(|c| describe_char(*c)).collect();
        if bad.len() > 5 {
            names.push("others".into());
        }
        let list = if bad.len() == 1 {
            format!("a character outside `[A-Za-z0-9._-]`: {}", names[0])
        } else {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            format!("characters outside `[A-Za-z0-9._-]`: {}", join_or(&refs))
        };
        format!("`{path}` {} has {list}", shown(value))
    };
    let v4 = ctx.api == ApiVersion::V4;
    let d = ctx.at_value(&IDENTIFIER_FORMAT, &block.ptr("identifier"), message);
    d.help(help);
    if top_level && v4 {
        d.severity(Severity::Error)
            .server_code(Some(1053))
            .label("the server rejects the request with error 1053");
    } else if top_level {
        d.server_code(None).label(
            "API v4 rejects this identifier (error 1053); A2A calls and scripts must escape it",
        );
    } else {
        d.server_code(None)
            .label("A2A lookups by this identifier must escape it");
    }
}

/// The identifier with Latin accents folded and every other run of foreign
/// characters replaced by one `-`.
fn suggest_identifier(value: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in value.chars() {
        let folded = fold_accent(c);
        match folded {
            Some(f) => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(f);
            }
            None => pending_dash = true,
        }
    }
    out
}

fn fold_accent(c: char) -> Option<char> {
    if is_identifier_char(c) {
        return Some(c);
    }
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        _ => return None,
    };
    Some(folded)
}

// ---------------------------------------------------------------------------
// device-type-confusion

pub static DEVICE_TYPE_CONFUSION: Rule = Rule {
    name: "device-type-confusion",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "A credential type (`Local User`, `Domain User`, `Local Administrator`) in the device field `type`.",
        what: "Reports a top-level `type` whose value is one of the credential types `Local User`, `Domain User` or `Local Administrator`, in any case, with blanks around it, or with `_`, `-` or several blanks between the words. `type` is the type of the device (`Server`, `Router`, `Firewall`…); the credential's type goes in `credential_type`. The help says where the value belongs and, when `credential_type` is also set, shows it as a related location.",
        why: "Both fields create a catalogue entry for a value they have not seen. The device is filed under a new device type called `Local User`, while the credential keeps the default credential type (`Local User`) or whatever `credential_type` says: the intended credential type is silently lost, and the device catalogue gains a bogus entry.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"type\": \"Domain User\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"credential_type\": \"Domain User\",\n  \"type\": \"Server\"\n}\n",
    },
    check: Check::Payload(check_device_type_confusion),
};

const CREDENTIAL_TYPES: [&str; 3] = ["Local User", "Domain User", "Local Administrator"];

/// Lower case, `_`/`-`/blank runs as one space, trimmed.
fn normal_words(value: &str) -> String {
    value
        .split(|c: char| is_blank(c) || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The credential type a value spells, in its canonical form.
fn credential_type_of(value: &str) -> Option<&'static str> {
    let normal = normal_words(value);
    CREDENTIAL_TYPES
        .iter()
        .copied()
        .find(|t| t.to_lowercase() == normal)
}

fn is_credential_type(value: &str) -> bool {
    credential_type_of(value).is_some()
}

fn check_device_type_confusion(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    let Some(value) = top.str("type") else {
        return;
    };
    if ctx.placeholders.matches(value) {
        return;
    }
    let normal = normal_words(value);
    let Some(canonical) = credential_type_of(value) else {
        return;
    };
    let credential_type = top.str("credential_type");
    let help = match credential_type {
        None => format!(
            "move it to `\"credential_type\": \"{canonical}\"`, and set `type` to the kind of device (e.g. `\"Server\"`) or remove it"
        ),
        Some(ct) if normal_words(ct) == normal => format!(
            "remove `type` (`credential_type` already says `{canonical}`), or set it to the kind of device, e.g. `\"Server\"`"
        ),
        Some(_) => "set `type` to the kind of device (e.g. `\"Server\"`) or remove it; the credential's type is `credential_type`".to_owned(),
    };
    let related = credential_type.is_some().then(|| {
        ctx.related(
            &top.ptr("credential_type"),
            "the credential type is set here",
        )
    });
    let d = ctx.at_value(
        &DEVICE_TYPE_CONFUSION,
        &top.ptr("type"),
        format!(
            "`type` is the device type, but {} is a credential type",
            shown(value)
        ),
    );
    d.label(format!(
        "the device is filed under a new device type \"{}\"",
        value.trim_matches(is_blank)
    ))
    .help(help);
    if let Some(related) = related {
        d.related(related);
    }
}

// ---------------------------------------------------------------------------
// empty-username

pub static EMPTY_USERNAME: Rule = Rule {
    name: "empty-username",
    severity: Severity::Info,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "`username` is `\"\"`: the server names the credential `usr`.",
        what: "Reports `\"username\": \"\"`. The key must be present (without it the server answers 1042, see `missing-required`), but an empty value is accepted, and the server stores the credential under the user name `usr` (SPEC D7). An info rather than a warning, since it may be intended; a value of blanks only is `surrounding-whitespace`'s.",
        why: "The credential ends up under a user name nobody wrote, `usr`, which is what sessions and password changes then log in with. Payloads with an empty username on the same device and without distinct identifiers all name the same `usr` credential and overwrite each other.",
        example: "{\n  \"username\": \"\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n",
    },
    check: Check::Payload(check_empty_username),
};

fn check_empty_username(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    if top.str("username") != Some("") {
        return;
    }
    ctx.at_value(
        &EMPTY_USERNAME,
        &top.ptr("username"),
        "`username` is empty: the server stores the credential as user `usr`",
    )
    .label("becomes `usr` on the server")
    .help("write the account's name, e.g. `\"username\": \"svc_backup\"`; keep `\"\"` only if `usr` is meant");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_accepts_what_authenticators_accept() {
        for ok in [
            "JBSWY3DPEHPK3PXP",
            "jbswy3dpehpk3pxp",
            "jbsw y3dp ehpk 3pxp",
            "MZXW6YQ=",
            "MZXW6===",
            "MZXW6",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        ] {
            assert!(base32_problem(ok).is_none(), "{ok}");
        }
    }

    #[test]
    fn base32_rejects_and_never_quotes_the_key() {
        for (bad, expect) in [
            ("295B3LA1M6LRAHI2S7G1A36LMK6I4IWW", "digits 0, 1, 8 or 9"),
            ("JBSW-Y3DP-EHPK-3PXP", "punctuation"),
            ("JBSWY3DPÉHPK3PXP", "letters outside"),
            ("JBSW\tY3DP", "blanks other than spaces"),
            ("JBSW=Y3DP", "`=` padding before the end"),
            ("MZXW6==", "padding does not fill"),
            ("JBSWY3DPEHPK3PXP====", "padding does not fill"),
            ("JBSWY3DPE", "length"),
            ("====", "only `=`"),
            ("otpauth://totp/x?secret=JBSWY3DP", "otpauth"),
        ] {
            let p = base32_problem(bad).unwrap_or_else(|| panic!("{bad} passed"));
            assert!(p.what.contains(expect), "{bad}: {}", p.what);
            assert!(
                !p.what.contains(bad) && !p.help.contains(bad),
                "{bad} quoted"
            );
        }
        let hex = base32_problem("3132333435363738393031323334353637383930").unwrap();
        assert!(hex.help.contains("hex"));
    }

    #[test]
    fn addresses_that_pass() {
        for ok in [
            "10.0.0.5",
            "128.0.0.1",
            "::1",
            "2001:db8::5",
            "localhost",
            "Linkedin",
            "linkedin.com",
            "mail.google.com",
            "db01.example.com.",
            "https://www.gmail.com",
            "https://www.gmail.com:8443/login?x=1",
            "http://10.0.0.5",
            "https://[2001:db8::5]:443/",
            "a-b.c-d",
            "0.0.0.0",
            "255.255.255.255",
        ] {
            assert!(
                address_problem(ok).is_none(),
                "{ok}: {:?}",
                address_problem(ok).map(|p| p.what)
            );
        }
    }

    #[test]
    fn addresses_that_fail() {
        for (bad, expect) in [
            ("999.1.1.1", "`999` is over 255"),
            ("256.0.0.1", "`256` is over 255"),
            ("10.0.5", "3 parts"),
            ("1.2.3.4.5", "5 parts"),
            ("10..0.5", "empty part"),
            ("10.0.0.05", "leading zero"),
            ("10.0 .0.5", "blank"),
            ("db 01", "blank"),
            ("10.0.0.5:22", "carries a port"),
            ("db01.example.com:22", "carries a port"),
            ("10.0.0.0/24", "network"),
            ("10.0.0.5, 10.0.0.6", "2 addresses"),
            ("api_device_1", "`_`"),
            ("db01!", "`!`"),
            ("münchen.de", "not ASCII"),
            ("-db01", "hyphen"),
            ("db..example", "empty label"),
            (".example", "empty label"),
            ("https://", "no host"),
            ("https://:443", "no host"),
            ("https://www.gmail.com:99999", "port `99999`"),
            ("https://www.gmail.com:0", "port `0`"),
            ("https://www.gmail.com:", "no port"),
            ("12345", "bare number"),
            ("https://user:pw@host", "user information"),
            ("1https://x", "scheme"),
            ("https://a_b.com", "`_`"),
            ("https://[zz]/", "bracketed"),
            ("fe80::1::2", "IPv6"),
        ] {
            let p = address_problem(bad).unwrap_or_else(|| panic!("{bad} passed"));
            assert!(p.what.contains(expect), "{bad}: {}", p.what);
        }
        let long = format!("{}.com", "a".repeat(64));
        assert!(address_problem(&long).unwrap().what.contains("over 63"));
        let total = vec!["a".repeat(60); 5].join(".");
        assert!(address_problem(&total).unwrap().what.contains("over 253"));
        assert!(!address_problem("https://user:pw@host")
            .unwrap()
            .what
            .contains("pw"));
    }

    #[test]
    fn address_helps() {
        assert!(address_problem("10.0.0.05")
            .unwrap()
            .help
            .contains("10.0.0.5"));
        assert!(address_problem("10.0 .0.5")
            .unwrap()
            .help
            .contains("\"10.0.0.5\""));
        assert!(address_problem("10.0.0.5:3389")
            .unwrap()
            .help
            .contains("RDP:3389"));
        assert!(address_problem("api_device")
            .unwrap()
            .help
            .contains("api-device"));
    }

    #[test]
    fn blanks_are_described() {
        assert_eq!(describe_blanks(" "), "a space");
        assert_eq!(describe_blanks("  "), "2 spaces");
        assert_eq!(describe_blanks("\t"), "a tab");
        assert_eq!(describe_blanks(" \t"), "2 blanks");
        assert_eq!(describe_blanks("\u{a0}"), "a no-break space (U+00A0)");
        assert_eq!(place_of_blanks(" a "), "starts and ends with a space");
        assert_eq!(
            place_of_blanks("\ta  "),
            "starts with a tab and ends with 2 spaces"
        );
        assert_eq!(place_of_blanks("a\n"), "ends with a line break");
        assert_eq!(shown("a\u{a0}\t\"b"), "\"a\\u00a0\\t\\\"b\"");
    }

    #[test]
    fn identifier_suggestions() {
        assert_eq!(
            suggest_identifier("db01 backup/nightly"),
            "db01-backup-nightly"
        );
        assert_eq!(suggest_identifier("joão.silva"), "joao.silva");
        assert_eq!(suggest_identifier("(db01)"), "db01");
        assert_eq!(suggest_identifier("a  &  b"), "a-b");
        assert_eq!(suggest_identifier("日本"), "");
    }

    #[test]
    fn credential_types_in_any_spelling() {
        for v in [
            "Local User",
            "local user",
            " LOCAL_USER ",
            "Local-Administrator",
            "domain  user",
        ] {
            assert!(is_credential_type(v), "{v}");
        }
        for v in ["Server", "Local", "User", "Local Users"] {
            assert!(!is_credential_type(v), "{v}");
        }
    }
}
