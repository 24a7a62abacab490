//! `execution_settings`: rotation, parent and authentication credentials, reconciliation.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::de;

/// Administrative settings of the credential: automatic password change (rotation), the
/// parent credential, the credential used to authenticate during rotation, and reconciliation
/// after a failed rotation. Each credential reference is a triple `X_credential` (a username),
/// `X_hostname`, `X_ip` naming an existing credential.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecutionSettings {
    /// Username of the parent credential of this credential.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["my_user", "cred2"]))]
    pub parent_credential: Option<String>,

    /// Hostname of the parent credential's device. A string: the reference labels it `Int`,
    /// but it holds a hostname and every example sends a string (SPEC.md D1).
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["gmail"]))]
    pub parent_hostname: Option<String>,

    /// Address of the parent credential's device. A string: the reference labels it `Int`,
    /// but it holds an address and every example sends a string (SPEC.md D1).
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["10.10.10.10", "https://www.gmail.com"]))]
    pub parent_ip: Option<String>,

    /// Enables or disables automatic password change (rotation) with `change_plugin` and
    /// `change_template`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub automatic_change: Option<bool>,

    /// Enables or disables agent-based password change.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub agent_based_password_change: Option<bool>,

    /// Change plugin used to rotate the credential; goes with `change_template`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["SSH"]))]
    pub change_plugin: Option<String>,

    /// Change template used to rotate the credential; goes with `change_plugin` (a plugin
    /// without its template is server error 1047).
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["3COM"]))]
    pub change_template: Option<String>,

    /// Whether the credential connects with itself during rotation. When `false`, the
    /// `authentication_*` triple names the credential to connect with.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub use_own_credential_to_connect: Option<bool>,

    /// Username of the credential used to authenticate during rotation (when
    /// `use_own_credential_to_connect` is `false`).
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["cred2"]))]
    pub authentication_credential: Option<String>,

    /// Hostname of the authentication credential's device.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["gmail"]))]
    pub authentication_hostname: Option<String>,

    /// Address of the authentication credential's device.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["https://www.gmail.com"]))]
    pub authentication_ip: Option<String>,

    /// Enables or disables reconciliation of the credential after a failed rotation, using
    /// the `reconciliation_*` fields.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<bool>,

    /// Username of the credential used for reconciliation.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["cred2"]))]
    pub reconciliation_credential: Option<String>,

    /// Hostname of the reconciliation credential's device.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["gmail"]))]
    pub reconciliation_hostname: Option<String>,

    /// Address of the reconciliation credential's device.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["https://www.gmail.com"]))]
    pub reconciliation_ip: Option<String>,

    /// Execution plugin used for reconciliation; goes with `reconciliation_template`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["SSH"]))]
    pub reconciliation_plugin: Option<String>,

    /// Template used for reconciliation; goes with `reconciliation_plugin`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["3COM"]))]
    pub reconciliation_template: Option<String>,
}
