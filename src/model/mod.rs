//! The request model: the body of senhasegura PAM Core's `POST iso/pam/credential`.
//!
//! These types are the single source of the JSON Schema (`schema/credential-request.schema.json`):
//! serde names are exactly the API's keys, doc comments become the schema's descriptions, and
//! `#[serde(deny_unknown_fields)]` becomes `additionalProperties: false`. Optional fields are
//! `Option<T>` and never accept `null` (the API does not); see SPEC.md §1 for the decisions
//! (D1–D5) recorded on individual fields.

mod additional;
mod de;
mod execution;
mod jit;
mod session;

pub use additional::{AdditionalAuthenticationField, AdditionalSettings, Criticality};
pub use execution::ExecutionSettings;
pub use jit::JitSettings;
pub use session::{Macro, SessionSettings};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The top-level keys that hold a settings block (an object; see SPEC.md D2 for the
/// one-element array form some vendor material uses).
pub const SETTINGS_BLOCKS: [&str; 4] = [
    "execution_settings",
    "session_settings",
    "additional_settings",
    "jit_settings",
];

/// Request body of senhasegura PAM Core's `POST iso/pam/credential`, which creates a
/// credential or updates an existing one (an upsert).
///
/// The credential is found by `identifier` when it names an existing one, otherwise by
/// `username`, `hostname` and `ip`; the device (`hostname`, `ip`) must already exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "senhasegura PAM Core credential request")]
pub struct CredentialRequest {
    /// URI of a JSON Schema for this file, so editors can offer completion and checks.
    /// Not part of the API: remove it before sending if your client forwards the file as is.
    #[serde(
        rename = "$schema",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub schema: Option<String>,

    /// Unique, user-defined key of the credential. When omitted, the server generates a UUID
    /// (it can be changed by later requests). An existing identifier updates that credential;
    /// a new one, or `""`, makes the server look the credential up by `username`, `hostname`
    /// and `ip`, updating it when found and creating it otherwise.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["identifierjohn", "123"]))]
    pub identifier: Option<String>,

    /// Username of the credential. The key must always be sent (a missing key is server
    /// error 1042), but its value may be empty: the server then names the credential `usr`.
    #[schemars(extend("examples" = ["my_user", "johncredential"]))]
    pub username: String,

    /// Name of the device the credential belongs to; the device must already exist.
    /// Missing: server error 1004.
    #[schemars(extend("examples" = ["localhost", "API-Testing"]))]
    pub hostname: String,

    /// Address of the device: an IP address, a DNS name or a URL. Missing: server error 1005.
    #[schemars(extend("examples" = ["127.0.0.1", "linkedin.com", "mail.google.com"]))]
    pub ip: String,

    /// The password of the credential. This is a secret: keep a placeholder such as
    /// `${CREDENTIAL_PASSWORD}` in files and fill it in when sending.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["${CREDENTIAL_PASSWORD}"]))]
    pub content: Option<String>,

    /// Free-form additional information about the credential.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["DATABASE"]))]
    pub additional: Option<String>,

    /// Tags of the credential, as one comma-separated string (not a JSON array), e.g.
    /// `api, app`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["api, app", "social"]))]
    pub tags: Option<String>,

    /// Type of the credential. An unseen value creates a new credential type, so spelling
    /// matters (`Domain User ` with a trailing blank is a new type). Not the device type
    /// (that is `type`).
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = "Local User", "examples" = ["Domain User", "Local User"]))]
    pub credential_type: Option<String>,

    /// Domain name or abbreviation of the credential. Only domains already registered in
    /// senhasegura are accepted.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["senhasegura.lab"]))]
    pub domain: Option<String>,

    /// Numeric id of the parent credential. An integer: omit the key rather than sending `""`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = [123]))]
    pub parent_password: Option<i64>,

    /// Type of the device (not of the credential: that is `credential_type`). An unseen value
    /// creates a new device type.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["Server"]))]
    pub device_type: Option<String>,

    /// Vendor of the device. An unseen value creates a new vendor.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["Debian"]))]
    pub vendor: Option<String>,

    /// Model of the device. An unseen value creates a new model.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["10.0 Buster"]))]
    pub model: Option<String>,

    /// Site (location) of the device. An unseen value creates a new site.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["Default"]))]
    pub site: Option<String>,

    /// Domain name or abbreviation of the device. Only domains already registered in
    /// senhasegura are accepted; separate several with a bare comma, no blanks (server
    /// error 1029 otherwise).
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["senhasegura.lab"]))]
    pub device_domain: Option<String>,

    /// Tags of the device, as one comma-separated string (not a JSON array), e.g. `api, app`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["api, app"]))]
    pub device_tags: Option<String>,

    /// Connectivities of the device, as one comma-separated string of `PROTOCOL:PORT` items
    /// (port 1–65535), e.g. `SSH:22, HTTPS:443`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["SSH:22, HTTPS:443"]))]
    pub connectivities: Option<String>,

    /// Login expression for remote sessions, in the form `PROTOCOL:MODE:ACTION`, e.g.
    /// `SSH:EXPECT:FILL`.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["SSH:EXPECT:FILL"]))]
    pub session_remote_config: Option<String>,

    /// Administrative settings of the credential: automatic password change (rotation),
    /// parent and authentication credentials, and reconciliation after a failed rotation.
    #[serde(
        default,
        deserialize_with = "de::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_settings: Option<ExecutionSettings>,

    /// Session settings of the credential: the connectivity protocols allowed, restriction
    /// to remote applications (RemoteApp macros), and the credential used to connect.
    #[serde(
        default,
        deserialize_with = "de::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub session_settings: Option<SessionSettings>,

    /// Additional settings of the credential: A2A identifier, owner, server path, TOTP
    /// secret, criticality, additional authentication fields and notes. An object; some
    /// vendor examples wrap it in a one-element array, which credlint reports separately.
    #[serde(
        default,
        deserialize_with = "de::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_settings: Option<AdditionalSettings>,

    /// Just-in-Time settings: have a Proxy session create and delete, or enable and disable,
    /// the credential when it starts and ends.
    #[serde(
        default,
        deserialize_with = "de::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub jit_settings: Option<JitSettings>,
}
