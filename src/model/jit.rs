//! `jit_settings`: Just-in-Time credentials created/deleted or enabled/disabled per session.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::de;

/// Just-in-Time settings: a Proxy session (Web, Terminal or RDP Proxy) either creates the
/// credential when it starts and deletes it when it ends (`credential_creation_and_deletion`),
/// or enables and disables an existing one (`enable_disable_credential`). The two modes are
/// exclusive. Plugins and templates must already be registered in senhasegura.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JitSettings {
    /// Enables or disables the Just-in-Time settings; the other fields apply only when `true`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub jit: Option<bool>,

    /// Creation/deletion mode: the credential is created when a Proxy session is requested
    /// and removed when the session ends, with the `credential_creation_*` and
    /// `credential_deletion_*` plugins and templates. Exclusive with
    /// `enable_disable_credential`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub credential_creation_and_deletion: Option<bool>,

    /// Enable/disable mode: the credential is enabled when a Proxy session is requested and
    /// disabled when the session ends, with the `credential_enable_*` and
    /// `credential_disable_*` plugins and templates. Exclusive with
    /// `credential_creation_and_deletion`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_disable_credential: Option<bool>,

    /// Whether the JIT operations connect with this credential itself. When `false`, the
    /// `authentication_*` triple is required and names the credential to connect with.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = true))]
    pub use_own_credential_to_connect: Option<bool>,

    /// Username of the credential used to connect; required when
    /// `use_own_credential_to_connect` is `false`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["API_CREDENTIAL_1", "cred2"]))]
    pub authentication_credential: Option<String>,

    /// Hostname of the authentication credential's device; required when
    /// `use_own_credential_to_connect` is `false`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["API_DEVICE_1", "gmail"]))]
    pub authentication_hostname: Option<String>,

    /// Address of the authentication credential's device; required when
    /// `use_own_credential_to_connect` is `false`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["localhost", "https://www.gmail.com"]))]
    pub authentication_ip: Option<String>,

    /// Plugin that creates the credential (creation/deletion mode); goes with
    /// `credential_creation_template`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["SSH", "Windows RM"]))]
    pub credential_creation_plugin: Option<String>,

    /// Template that creates the credential (creation/deletion mode); goes with
    /// `credential_creation_plugin`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["Linux - Create User", "Create credential Windows server"]))]
    pub credential_creation_template: Option<String>,

    /// Plugin that removes the credential (creation/deletion mode); goes with
    /// `credential_deletion_template`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["SSH", "Windows RM"]))]
    pub credential_deletion_plugin: Option<String>,

    /// Template that removes the credential (creation/deletion mode); goes with
    /// `credential_deletion_plugin`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["Linux - Remove User", "Delete credential Windows server"]))]
    pub credential_deletion_template: Option<String>,

    /// Plugin that enables the credential (enable/disable mode); goes with
    /// `credential_enable_template`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["LDAP"]))]
    pub credential_enable_plugin: Option<String>,

    /// Template that enables the credential (enable/disable mode); goes with
    /// `credential_enable_plugin`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["AD - Activate User"]))]
    pub credential_enable_template: Option<String>,

    /// Plugin that disables the credential (enable/disable mode); goes with
    /// `credential_disable_template`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["LDAP"]))]
    pub credential_disable_plugin: Option<String>,

    /// Template that disables the credential (enable/disable mode); goes with
    /// `credential_disable_plugin`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["AD - Deactivate User"]))]
    pub credential_disable_template: Option<String>,
}
