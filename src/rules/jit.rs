//! JIT rules: the `jit` switch and the two exclusive modes of `jit_settings`.
//!
//! Who speaks about what (one mistake, one diagnostic):
//! - `jit` not true: only `jit-settings-ignored`, once for the block. The
//!   other JIT, pairing and authentication rules do not judge the block.
//! - `jit: true`: `jit-modes-exclusive` (both modes on), `jit-no-mode`
//!   (none on) or `jit-inactive-mode-fields` (one on, fields of the other
//!   set); `plugin-template-pair` judges the pairs of every mode that is
//!   not reported as inactive.

use super::presence::{list, report_ignored, sort_by_source, them, Fields, Flag};
use super::{Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;

pub(super) const BLOCK: &str = "jit_settings";
pub(super) const JIT: &str = "jit";
const CREATION_DELETION: &str = "credential_creation_and_deletion";
const ENABLE_DISABLE: &str = "enable_disable_credential";
const AUTHENTICATION: [&str; 3] = [
    "authentication_credential",
    "authentication_hostname",
    "authentication_ip",
];

/// One of the two JIT modes: its flag and its plugin/template pairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    CreationDeletion,
    EnableDisable,
}

impl Mode {
    pub(super) const ALL: [Mode; 2] = [Mode::CreationDeletion, Mode::EnableDisable];

    pub(super) fn flag(self) -> &'static str {
        match self {
            Mode::CreationDeletion => CREATION_DELETION,
            Mode::EnableDisable => ENABLE_DISABLE,
        }
    }

    /// The mode's (plugin, template) pairs.
    pub(super) fn pairs(self) -> [(&'static str, &'static str); 2] {
        match self {
            Mode::CreationDeletion => [
                ("credential_creation_plugin", "credential_creation_template"),
                ("credential_deletion_plugin", "credential_deletion_template"),
            ],
            Mode::EnableDisable => [
                ("credential_enable_plugin", "credential_enable_template"),
                ("credential_disable_plugin", "credential_disable_template"),
            ],
        }
    }

    fn fields(self) -> [&'static str; 4] {
        let [(a, b), (c, d)] = self.pairs();
        [a, b, c, d]
    }

    fn other(self) -> Mode {
        match self {
            Mode::CreationDeletion => Mode::EnableDisable,
            Mode::EnableDisable => Mode::CreationDeletion,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Mode::CreationDeletion => "creation/deletion",
            Mode::EnableDisable => "enable/disable",
        }
    }
}

/// The mode that is on when exactly one is known to be on and the other
/// known to be off.
fn only_mode(f: &Fields<'_>) -> Option<Mode> {
    Mode::ALL
        .into_iter()
        .find(|m| f.flag(m.flag()) == Flag::True && f.flag(m.other().flag()).is_off())
}

/// Whether the other rules (pairing, authentication) should judge the block
/// at all: not when `jit` is known to be off, which `jit-settings-ignored`
/// reports.
pub(super) fn block_applies(f: &Fields<'_>) -> bool {
    !f.flag(JIT).is_off()
}

/// Whether `plugin-template-pair` judges this mode's pairs: not when the
/// block is ignored, nor when the mode is the inactive one that
/// `jit-inactive-mode-fields` reports.
pub(super) fn mode_judged(f: &Fields<'_>, mode: Mode) -> bool {
    if !block_applies(f) {
        return false;
    }
    !(f.flag(JIT) == Flag::True && only_mode(f) == Some(mode.other()))
}

/// The mode whose fields are set, when only one mode has any.
fn mode_with_fields(f: &Fields<'_>) -> Option<Mode> {
    let has = |m: Mode| m.fields().iter().any(|k| f.field(k).is_set());
    match (has(Mode::CreationDeletion), has(Mode::EnableDisable)) {
        (true, false) => Some(Mode::CreationDeletion),
        (false, true) => Some(Mode::EnableDisable),
        _ => None,
    }
}

pub static JIT_MODES_EXCLUSIVE: Rule = Rule {
    name: "jit-modes-exclusive",
    severity: Severity::Error,
    group: Group::Jit,
    server_code: None,
    doc: RuleDoc {
        summary: "Both JIT modes are on: `credential_creation_and_deletion` and `enable_disable_credential`.",
        what: "Reports a `jit_settings` block with `jit: true` in which `credential_creation_and_deletion` and `enable_disable_credential` are both `true`. It points at the flag written second and shows the first as a related location; the help says which one to keep when only one mode has its plugins and templates filled in. When `jit` is not true the whole block is ignored, and only `jit-settings-ignored` reports it.",
        why: "A Proxy session either creates the credential and deletes it afterwards, or enables an existing credential and disables it afterwards; the reference documents the two as separate configurations. With both on, which one the server runs is undefined: a credential meant to be kept may be deleted at the end of a session, or one meant to be created is never created.",
        example: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"credential_creation_and_deletion\": true,\n    \"enable_disable_credential\": true,\n    \"credential_creation_plugin\": \"SSH\",\n    \"credential_creation_template\": \"Linux - Create User\",\n    \"credential_deletion_plugin\": \"SSH\",\n    \"credential_deletion_template\": \"Linux - Remove User\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"credential_creation_and_deletion\": true,\n    \"enable_disable_credential\": false,\n    \"credential_creation_plugin\": \"SSH\",\n    \"credential_creation_template\": \"Linux - Create User\",\n    \"credential_deletion_plugin\": \"SSH\",\n    \"credential_deletion_template\": \"Linux - Remove User\"\n  }\n}\n",
    },
    check: Check::Payload(check_modes_exclusive),
};

fn check_modes_exclusive(ctx: &mut PayloadCtx<'_>) {
    let Some(f) = Fields::of(ctx, BLOCK) else {
        return;
    };
    if f.flag(JIT) != Flag::True
        || f.flag(CREATION_DELETION) != Flag::True
        || f.flag(ENABLE_DISABLE) != Flag::True
    {
        return;
    }
    let mut flags = [CREATION_DELETION, ENABLE_DISABLE];
    sort_by_source(ctx.doc, &f, &mut flags);
    let [first, second] = flags;
    let help = match mode_with_fields(&f) {
        Some(keep) => format!(
            "only the {} plugins and templates are filled in: keep that mode and set `\"{}\": false`",
            keep.describe(),
            keep.other().flag()
        ),
        None => format!(
            "keep one mode: set `\"{ENABLE_DISABLE}\": false` to create and delete the credential, or `\"{CREATION_DELETION}\": false` to enable and disable it, and remove the other mode's plugins and templates"
        ),
    };
    let related = ctx.related(&f.ptr(first), format!("`{first}` is also true"));
    ctx.at_value(
        &JIT_MODES_EXCLUSIVE,
        &f.ptr(second),
        format!("`{second}` and `{first}` are both true, but the JIT modes are exclusive"),
    )
    .label("a session either creates and deletes the credential, or enables and disables it")
    .help(help)
    .related(related);
}

pub static JIT_NO_MODE: Rule = Rule {
    name: "jit-no-mode",
    severity: Severity::Warning,
    group: Group::Jit,
    server_code: None,
    doc: RuleDoc {
        summary: "`jit` is true but neither JIT mode is on.",
        what: "Reports `jit: true` in a `jit_settings` block where neither `credential_creation_and_deletion` nor `enable_disable_credential` is `true` (both absent or false). It points at `jit`. When only one mode's plugins and templates are filled in, the help names that mode's flag.",
        why: "JIT does its work through one of the two modes: creating and deleting the credential around a Proxy session, or enabling and disabling it. With neither on, the credential is marked Just-in-Time but nothing happens when a session starts or ends, so the account stays as it is: permanently present (or permanently absent), which is what JIT was meant to avoid.",
        example: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"dc01\",\n  \"ip\": \"10.0.0.8\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"credential_enable_plugin\": \"LDAP\",\n    \"credential_enable_template\": \"AD - Activate User\",\n    \"credential_disable_plugin\": \"LDAP\",\n    \"credential_disable_template\": \"AD - Deactivate User\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"dc01\",\n  \"ip\": \"10.0.0.8\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"enable_disable_credential\": true,\n    \"credential_enable_plugin\": \"LDAP\",\n    \"credential_enable_template\": \"AD - Activate User\",\n    \"credential_disable_plugin\": \"LDAP\",\n    \"credential_disable_template\": \"AD - Deactivate User\"\n  }\n}\n",
    },
    check: Check::Payload(check_no_mode),
};

fn check_no_mode(ctx: &mut PayloadCtx<'_>) {
    let Some(f) = Fields::of(ctx, BLOCK) else {
        return;
    };
    if f.flag(JIT) != Flag::True
        || !f.flag(CREATION_DELETION).is_off()
        || !f.flag(ENABLE_DISABLE).is_off()
    {
        return;
    }
    let help = match mode_with_fields(&f) {
        Some(mode) => format!(
            "the {} plugins and templates are filled in: add `\"{}\": true`",
            mode.describe(),
            mode.flag()
        ),
        None => format!(
            "turn one mode on: `\"{CREATION_DELETION}\": true` with the `credential_creation_*` and `credential_deletion_*` plugins and templates, or `\"{ENABLE_DISABLE}\": true` with the `credential_enable_*` and `credential_disable_*` ones"
        ),
    };
    ctx.at_value(
        &JIT_NO_MODE,
        &f.ptr(JIT),
        format!("`jit` is true but neither `{CREATION_DELETION}` nor `{ENABLE_DISABLE}` is on"),
    )
    .label("no JIT mode: nothing happens when a session starts or ends")
    .help(help);
}

pub static JIT_SETTINGS_IGNORED: Rule = Rule {
    name: "jit-settings-ignored",
    severity: Severity::Warning,
    group: Group::Jit,
    server_code: None,
    doc: RuleDoc {
        summary: "JIT modes, plugins or authentication are set while `jit` is not true.",
        what: "Reports a `jit_settings` block whose `jit` is false or absent (the default is false) but which turns a mode on (`credential_creation_and_deletion` or `enable_disable_credential` true) or sets JIT plugins, templates or the `authentication_*` credential. One diagnostic per block, since the block has one mistake: it points at `jit` when it is written, else at the first such field, and lists every field the server ignores. While `jit` is not true no other rule judges the block (mode conflicts, plugin/template pairs, the authentication triple): they would all be about settings that do not apply.",
        why: "`jit` switches the Just-in-Time settings on; while it is off the server ignores the rest of the block. A block filled in with modes and plugins but without `\"jit\": true` looks configured in the repository while the credential is not JIT at all: it stays permanently usable instead of being created or enabled only for a session.",
        example: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"jit_settings\": {\n    \"credential_creation_and_deletion\": true,\n    \"credential_creation_plugin\": \"SSH\",\n    \"credential_creation_template\": \"Linux - Create User\",\n    \"credential_deletion_plugin\": \"SSH\",\n    \"credential_deletion_template\": \"Linux - Remove User\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"app01\",\n  \"ip\": \"10.0.0.7\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"credential_creation_and_deletion\": true,\n    \"credential_creation_plugin\": \"SSH\",\n    \"credential_creation_template\": \"Linux - Create User\",\n    \"credential_deletion_plugin\": \"SSH\",\n    \"credential_deletion_template\": \"Linux - Remove User\"\n  }\n}\n",
    },
    check: Check::Payload(check_settings_ignored),
};

fn check_settings_ignored(ctx: &mut PayloadCtx<'_>) {
    let Some(f) = Fields::of(ctx, BLOCK) else {
        return;
    };
    let jit = f.flag(JIT);
    if !jit.is_off() {
        return;
    }
    let mut ignored: Vec<&'static str> = Mode::ALL
        .into_iter()
        .map(Mode::flag)
        .filter(|k| f.flag(k) == Flag::True)
        .collect();
    let mut strings: Vec<&'static str> = Mode::ALL.into_iter().flat_map(Mode::fields).collect();
    strings.extend(AUTHENTICATION);
    ignored.extend(strings.into_iter().filter(|k| f.field(k).is_set()));
    if ignored.is_empty() {
        return;
    }
    sort_by_source(ctx.doc, &f, &mut ignored);
    let fields = list(&ignored);
    let n = them(ignored.len());
    if jit == Flag::False {
        let message = format!(
            "`jit` is false, so the server ignores the JIT settings of this block: {fields}"
        );
        report_ignored(ctx, &JIT_SETTINGS_IGNORED, &f, Some(JIT), &ignored, message)
            .label("JIT is off")
            .help(format!(
                "set `\"jit\": true` to apply {n}, or remove {fields} from `{BLOCK}`"
            ));
    } else {
        let message = format!(
            "`{BLOCK}` sets {fields} but not `jit`, which defaults to false: the server ignores {n}"
        );
        report_ignored(ctx, &JIT_SETTINGS_IGNORED, &f, None, &ignored, message)
            .label("ignored while `jit` is not true")
            .help(format!(
                "add `\"jit\": true` to `{BLOCK}` to apply {n}, or remove {fields}"
            ));
    }
}

pub static JIT_INACTIVE_MODE_FIELDS: Rule = Rule {
    name: "jit-inactive-mode-fields",
    severity: Severity::Warning,
    group: Group::Jit,
    server_code: None,
    doc: RuleDoc {
        summary: "Plugins or templates of the JIT mode that is not on.",
        what: "When `jit` is true and exactly one mode is on (the other flag false or absent), reports the plugin and template fields of the other mode: `credential_enable_*`/`credential_disable_*` beside `credential_creation_and_deletion: true`, or `credential_creation_*`/`credential_deletion_*` beside `enable_disable_credential: true`. One diagnostic per block, at the first such field, listing them all, with the flag that is on as a related location. When the mode that is on has none of its own fields, the help suggests switching the flags instead. These fields are not checked for `plugin-template-pair`, since they do not apply.",
        why: "The server runs only the plugins of the mode that is on and ignores the others. Fields of the other mode are usually a sign that the wrong flag is on (the credential would be created and deleted when it should be enabled and disabled, or the reverse) or a leftover copied from another payload that misleads whoever reads it.",
        example: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"dc01\",\n  \"ip\": \"10.0.0.8\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"enable_disable_credential\": true,\n    \"credential_enable_plugin\": \"LDAP\",\n    \"credential_enable_template\": \"AD - Activate User\",\n    \"credential_disable_plugin\": \"LDAP\",\n    \"credential_disable_template\": \"AD - Deactivate User\",\n    \"credential_deletion_plugin\": \"LDAP\",\n    \"credential_deletion_template\": \"AD - Remove User\"\n  }\n}\n",
        use_instead: "{\n  \"username\": \"svc_jit\",\n  \"hostname\": \"dc01\",\n  \"ip\": \"10.0.0.8\",\n  \"jit_settings\": {\n    \"jit\": true,\n    \"enable_disable_credential\": true,\n    \"credential_enable_plugin\": \"LDAP\",\n    \"credential_enable_template\": \"AD - Activate User\",\n    \"credential_disable_plugin\": \"LDAP\",\n    \"credential_disable_template\": \"AD - Deactivate User\"\n  }\n}\n",
    },
    check: Check::Payload(check_inactive_mode_fields),
};

fn check_inactive_mode_fields(ctx: &mut PayloadCtx<'_>) {
    let Some(f) = Fields::of(ctx, BLOCK) else {
        return;
    };
    if f.flag(JIT) != Flag::True {
        return;
    }
    let Some(active) = only_mode(&f) else {
        return;
    };
    let inactive = active.other();
    let set = f.set_in_source_order(ctx.doc, &inactive.fields());
    let Some((first, others)) = set.split_first() else {
        return;
    };
    let fields = list(&set);
    let active_has_fields = active.fields().iter().any(|k| f.field(k).is_set());
    let help = if active_has_fields {
        format!(
            "remove {fields}: with `\"{}\": true` only the {} plugins run",
            active.flag(),
            active.describe()
        )
    } else {
        format!(
            "the {} mode has no plugins of its own here: if you meant the {} mode, set `\"{}\": true` and `\"{}\": false`; otherwise remove {fields}",
            active.describe(),
            inactive.describe(),
            inactive.flag(),
            active.flag()
        )
    };
    let belong = if set.len() == 1 { "belongs" } else { "belong" };
    let them = them(set.len());
    let mut related = vec![ctx.related(
        &f.ptr(active.flag()),
        format!("the {} mode is on", active.describe()),
    )];
    related.extend(
        others
            .iter()
            .map(|k| ctx.related_key(&f.ptr(k), "ignored too")),
    );
    let d = ctx
        .at_key(
            &JIT_INACTIVE_MODE_FIELDS,
            &f.ptr(first),
            format!(
                "{fields} {belong} to the {} mode, but `{}` is on: the server ignores {them}",
                inactive.describe(),
                active.flag()
            ),
        )
        .label(format!("not used in the {} mode", active.describe()))
        .help(help);
    for r in related {
        d.related(r);
    }
}

#[cfg(test)]
mod tests {
    use super::super::presence::testing::{payload, summary};
    use crate::config::ApiVersion;
    use crate::diagnostic::Severity;

    const OWN_RULES: [&str; 4] = [
        "jit-modes-exclusive",
        "jit-no-mode",
        "jit-settings-ignored",
        "jit-inactive-mode-fields",
    ];

    fn jit_rules(text: &str) -> Vec<(&'static str, String)> {
        summary(ApiVersion::V3_33, text)
            .into_iter()
            .filter(|(r, ..)| OWN_RULES.contains(r))
            .map(|(r, p, ..)| (r, p))
            .collect()
    }

    #[test]
    fn modes_exclusive_points_at_the_flag_written_second() {
        let text = payload(
            "jit_settings",
            r#"{"jit": true, "enable_disable_credential": true, "credential_creation_and_deletion": true}"#,
        );
        assert_eq!(
            jit_rules(&text),
            [(
                "jit-modes-exclusive",
                "/jit_settings/credential_creation_and_deletion".to_owned()
            )]
        );
    }

    #[test]
    fn pointers_follow_batches_and_the_array_form() {
        let one = payload("jit_settings", r#"{"jit": true}"#);
        let text = format!("[{one}, {}]", payload("jit_settings", r#"[{"jit": true}]"#));
        assert_eq!(
            jit_rules(&text),
            [
                ("jit-no-mode", "/0/jit_settings/jit".to_owned()),
                ("jit-no-mode", "/1/jit_settings/0/jit".to_owned()),
            ]
        );
    }

    #[test]
    fn an_ignored_block_is_one_diagnostic_and_nothing_else() {
        let text = payload(
            "jit_settings",
            r#"{"jit": false, "credential_creation_and_deletion": true, "enable_disable_credential": true,
                "use_own_credential_to_connect": false, "authentication_credential": "root",
                "credential_creation_plugin": "SSH", "credential_enable_template": "AD"}"#,
        );
        let all = summary(ApiVersion::V3_33, &text);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].0, "jit-settings-ignored");
        assert_eq!(all[0].1, "/jit_settings/jit");
        assert_eq!(all[0].2, Severity::Warning);
    }

    #[test]
    fn ignored_without_jit_points_at_the_first_field() {
        let text = payload(
            "jit_settings",
            r#"{"credential_deletion_template": "x", "enable_disable_credential": true}"#,
        );
        assert_eq!(
            jit_rules(&text),
            [(
                "jit-settings-ignored",
                "/jit_settings/credential_deletion_template".to_owned()
            )]
        );
    }

    #[test]
    fn inactive_mode_fields_are_one_diagnostic_and_not_paired() {
        let text = payload(
            "jit_settings",
            r#"{"jit": true, "credential_creation_and_deletion": true,
                "credential_enable_plugin": "LDAP", "credential_disable_template": "AD"}"#,
        );
        let all = summary(ApiVersion::V3_33, &text);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].0, "jit-inactive-mode-fields");
        assert_eq!(all[0].1, "/jit_settings/credential_enable_plugin");
    }
}
