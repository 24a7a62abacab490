//! Deserialization helpers that keep the types as strict as the API.
//!
//! Plain `Option<T>` fields would let serde accept `null` (the API does not), and a derived
//! struct `Deserialize` also accepts a JSON array holding the field values in declaration order
//! (the schema says object). These helpers close both gaps so that the types deserialize exactly
//! what the generated schema accepts.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// A field that is present must hold a value: `null` is rejected.
/// Use with `#[serde(default)]` so that an absent field is `None`.
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// A struct-valued field: only a JSON object is accepted (no `null`, no array form).
pub(crate) fn object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let map = Map::<String, Value>::deserialize(deserializer)?;
    from_object(map).map(Some).map_err(D::Error::custom)
}

/// An array of objects: each element must be a JSON object (no `null`, no array form).
pub(crate) fn objects<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let maps = Vec::<Map<String, Value>>::deserialize(deserializer)?;
    maps.into_iter()
        .map(from_object)
        .collect::<Result<Vec<T>, _>>()
        .map(Some)
        .map_err(D::Error::custom)
}

fn from_object<T: DeserializeOwned>(map: Map<String, Value>) -> Result<T, serde_json::Error> {
    T::deserialize(Value::Object(map))
}
