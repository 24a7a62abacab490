//! Security rules: secrets written into payload files.
//!
//! No message, label or help here may contain a secret's value, or any
//! part of it: they say which field, never what it holds.

use super::{Block, Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;
use crate::json::pointer;

pub static PLAINTEXT_SECRET: Rule = Rule {
    name: "plaintext-secret",
    severity: Severity::Warning,
    group: Group::Security,
    server_code: None,
    doc: RuleDoc {
        summary: "A secret field holds a literal value instead of a placeholder.",
        what: "Reports `content` (the password), `additional_settings.secret_key` (the TOTP secret) and each `additional_settings.additional_authentication_fields[].value` when it holds a literal value rather than a placeholder that the deployment fills in: `${VAR}`, `{{ var }}`, `$VAR`, `%VAR%` or `<...>` by default, or the patterns set under `[secrets] placeholders` in `credlint.toml`. An empty value, or one of blanks only, holds no secret and is not reported. The message never shows the value, and every output format masks it. Where literal secrets are intended (a throwaway lab), turn the rule off with `plaintext-secret = \"off\"` under `[rules]`.",
        why: "Payload files live in repositories, CI logs, backups and editor histories. A password, TOTP key or authentication value written into one can be read by everyone who can read the file or its history, long after it was rotated in the vault: exactly what a PAM system exists to prevent. Keep the file a template and let the pipeline put the secret in from its own secret store when it sends the request.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"content\": \"Sup3r-S3cret!\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"content\": \"${DB01_PASSWORD}\"\n}\n",
    },
    check: Check::Payload(check_plaintext_secret),
};

fn check_plaintext_secret(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    let prefix = variable_prefix(ctx, &top);
    if let Some(value) = top.str("content").filter(|v| is_literal(ctx, Some(v))) {
        let help = help_for(value, "content", &format!("{prefix}PASSWORD"));
        ctx.at_value(
            &PLAINTEXT_SECRET,
            &top.ptr("content"),
            "`content` holds a literal password",
        )
        .label("anyone who can read this file or its history can read the password")
        .help(help);
    }
    let Some(block) = ctx.block("additional_settings") else {
        return;
    };
    if let Some(value) = block.str("secret_key").filter(|v| is_literal(ctx, Some(v))) {
        let help = help_for(value, "secret_key", &format!("{prefix}TOTP_SECRET"));
        ctx.at_value(
            &PLAINTEXT_SECRET,
            &block.ptr("secret_key"),
            "`secret_key` holds a literal TOTP secret",
        )
        .label("anyone who can read this file can generate the one-time codes")
        .help(help);
    }
    let Some(fields) = block.array("additional_authentication_fields") else {
        return;
    };
    let list = block.ptr("additional_authentication_fields");
    for (i, item) in fields.iter().enumerate() {
        let Some(map) = item.as_object() else {
            continue;
        };
        let field = Block {
            pointer: pointer::push_index(&list, i),
            map,
        };
        let Some(value) = field.str("value").filter(|v| is_literal(ctx, Some(v))) else {
            continue;
        };
        // The field's name is not secret; it makes a readable variable name.
        let name = field
            .str("short_name")
            .or_else(|| field.str("name"))
            .map(variable_part)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("FIELD_{i}"));
        ctx.at_value(
            &PLAINTEXT_SECRET,
            &field.ptr("value"),
            format!("`additional_authentication_fields[{i}].value` holds a literal secret"),
        )
        .label("anyone who can read this file can read this authentication secret")
        .help(help_for(value, "value", &format!("{prefix}{name}")));
    }
}

/// The help: a variable to reference, or, for what starts like a
/// placeholder but matches no pattern, how to make it one. Never the value.
fn help_for(value: &str, key: &str, variable: &str) -> String {
    let value = value.trim();
    let starts_like_placeholder = ["$", "{{", "((", "%", "<"]
        .iter()
        .any(|p| value.starts_with(p));
    if starts_like_placeholder {
        "if it is meant as a placeholder, it matches none of the patterns: write it as `${NAME}`, `{{ name }}`, `$NAME`, `%NAME%` or `<name>`, or add your template's pattern under `[secrets] placeholders` in credlint.toml; if it is the secret itself, keep it in the pipeline's secret store and reference it here with a placeholder".to_owned()
    } else {
        format!("reference a variable that the pipeline fills in, e.g. `\"{key}\": \"${{{variable}}}\"`")
    }
}

/// A value that is there, not blanks only, and not a placeholder.
fn is_literal(ctx: &PayloadCtx<'_>, value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.trim().is_empty() && !ctx.placeholders.matches(v))
}

/// `DB01_` from the hostname, so that suggested variables name the device.
fn variable_prefix(ctx: &PayloadCtx<'_>, top: &Block<'_>) -> String {
    top.non_empty("hostname")
        .filter(|h| !ctx.placeholders.matches(h))
        .map(variable_part)
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p}_"))
        .unwrap_or_default()
}

/// Upper case, runs of anything but ASCII letters and digits as one `_`.
fn variable_part(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names() {
        assert_eq!(variable_part("API-Testing"), "API_TESTING");
        assert_eq!(variable_part(" db01.example.com "), "DB01_EXAMPLE_COM");
        assert_eq!(variable_part("short_name1"), "SHORT_NAME1");
        assert_eq!(variable_part("--"), "");
    }
}
