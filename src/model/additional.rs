//! `additional_settings`: A2A identifier, owner, TOTP secret, criticality, extra fields, notes.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use super::de;

/// Additional settings of the credential: the identifier used to fetch it through A2A, its
/// owner, where it is stored, a TOTP secret, its criticality, additional authentication fields
/// and notes. An object: some vendor examples wrap it in a one-element array (SPEC.md D2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdditionalSettings {
    /// Identifier of the credential, used to retrieve it through the A2A web service. When
    /// the top-level `identifier` is also given, the two should agree.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["identifier"]))]
    pub identifier: Option<String>,

    /// senhasegura user who owns the credential; it must be an existing user (an unknown one
    /// makes the server fail with an internal error).
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["admin"]))]
    pub user_credential_owner: Option<String>,

    /// Path of the script or file where the credential is stored on the server.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["/etc/host"]))]
    pub server_path: Option<String>,

    /// TOTP secret key of the credential, base32-encoded (RFC 4648 alphabet `A-Z2-7`, as
    /// RFC 6238 uses; SPEC.md D5). This is a secret: keep a placeholder such as
    /// `${TOTP_SECRET}` in files and fill it in when sending.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["${TOTP_SECRET}"]))]
    pub secret_key: Option<String>,

    /// Criticality level of the credential: `Low`, `Medium` or `High`, in English and with
    /// this exact case (the reference's Portuguese Baixo/Médio/Alto are not accepted;
    /// SPEC.md D3).
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("default" = "Medium", "examples" = ["High"]))]
    pub criticality: Option<Criticality>,

    /// Additional authentication fields: an array of objects, each with a `name`, a
    /// `short_name` and the `value` filled in during the additional authentication.
    #[serde(
        default,
        deserialize_with = "de::objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_authentication_fields: Option<Vec<AdditionalAuthenticationField>>,

    /// General notes about the credential.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["Credential to be used only in network A"]))]
    pub notes: Option<String>,
}

/// One additional authentication field: a value the credential supplies during an additional
/// authentication step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdditionalAuthenticationField {
    /// Name of the additional authentication field.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["name"]))]
    pub name: Option<String>,

    /// Short name of the additional authentication field.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["short_name1"]))]
    pub short_name: Option<String>,

    /// Value filled in during the additional authentication. This is a secret: keep a
    /// placeholder such as `${ENABLE_PASSWORD}` in files and fill it in when sending.
    #[serde(
        default,
        deserialize_with = "de::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("examples" = ["${ENABLE_PASSWORD}"]))]
    pub value: Option<String>,
}

/// Criticality level of a credential. English and case-sensitive (SPEC.md D3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
pub enum Criticality {
    // Plain comments on the variants: doc comments would turn the schema's `enum` into a
    // `oneOf` of `const`s, which validators report less directly.
    Low,
    #[default]
    Medium,
    High,
}

impl Criticality {
    /// Every value, in the API's spelling.
    pub const ALL: [Criticality; 3] = [Criticality::Low, Criticality::Medium, Criticality::High];

    /// The value as the API spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Criticality::Low => "Low",
            Criticality::Medium => "Medium",
            Criticality::High => "High",
        }
    }
}

impl fmt::Display for Criticality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Only the strings `Low`, `Medium`, `High`. (A derived `Deserialize` would also accept the
/// externally tagged form `{"Low": null}`, which the schema rejects.)
impl<'de> Deserialize<'de> for Criticality {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const NAMES: &[&str] = &["Low", "Medium", "High"];
        let value = String::deserialize(deserializer)?;
        Criticality::ALL
            .into_iter()
            .find(|c| c.as_str() == value)
            .ok_or_else(|| serde::de::Error::unknown_variant(&value, NAMES))
    }
}
