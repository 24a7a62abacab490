//! `session_settings`: protocols, RemoteApp restriction and macros, connecting credential.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::de;

/// Session settings of the credential: which connectivity protocols its sessions may use,
/// restriction to remote applications (RemoteApp) with their macros, and the credential used
/// to connect. Protocol keys are spelled exactly as shown, spaces included (`SQL Server`,
/// `X11 Forward`); each defaults to `false`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionSettings {
    /// Enables or disables the SSH protocol.
    #[serde(
        rename = "SSH",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub ssh: Option<bool>,

    /// Enables or disables the Telnet protocol.
    #[serde(
        rename = "Telnet",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub telnet: Option<bool>,

    /// Enables or disables MySQL connections.
    #[serde(
        rename = "MySQL",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub mysql: Option<bool>,

    /// Enables or disables SQL Server connections. The key contains a space.
    #[serde(
        rename = "SQL Server",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub sql_server: Option<bool>,

    /// Enables or disables the HTTP protocol.
    #[serde(
        rename = "HTTP",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub http: Option<bool>,

    /// Enables or disables the HTTPS protocol.
    #[serde(
        rename = "HTTPS",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub https: Option<bool>,

    /// Enables or disables the RDP protocol.
    #[serde(
        rename = "RDP",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub rdp: Option<bool>,

    /// Enables or disables X11 forwarding. The key contains a space.
    #[serde(
        rename = "X11 Forward",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub x11_forward: Option<bool>,

    /// Enables or disables VNC connections.
    #[serde(
        rename = "VNC",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub vnc: Option<bool>,

    /// Restricts sessions of the credential to the remote applications listed in `macros`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = false))]
    pub restrict_access_to_remote_application: Option<bool>,

    /// RemoteApp automation macros: an array of objects, one per remote application, each
    /// naming the application and the connectivity it uses. Meaningful with
    /// `restrict_access_to_remote_application`.
    #[serde(
        default,
        deserialize_with = "de::objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub macros: Option<Vec<Macro>>,

    /// Whether sessions connect with this credential itself. When `false`, the
    /// `authentication_*` triple names the credential to connect with.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = true))]
    pub use_own_credential_to_connect: Option<bool>,

    /// Username of the credential used to connect (when `use_own_credential_to_connect` is
    /// `false`).
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
}

/// A RemoteApp automation macro: a remote application the credential's sessions may open,
/// and the connectivity it goes through.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Macro {
    /// The RemoteApp automation associated with the credential.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["MySQL", "Kaspersky"]))]
    pub remote_app: Option<String>,

    /// Connectivity (protocol) used by this RemoteApp automation, e.g. `SSH` or `RDP`. It
    /// belongs in each macro, not directly in `session_settings` (SPEC.md D4), and names a
    /// protocol that `session_settings` enables.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["SSH", "RDP"]))]
    pub connectivity: Option<String>,
}
