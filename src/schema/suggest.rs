//! Names the key an unknown key was meant to be.

use super::vocabulary::Vocabulary;
use crate::spelling::{distance, normalize};

/// Names other clients and older scripts use for fields of this API.
const ALIASES: &[(&str, &str)] = &[
    ("password", "content"),
    ("pass", "content"),
    ("passwd", "content"),
    ("pwd", "content"),
    ("secret", "content"),
    ("senha", "content"),
    ("additional_info", "additional"),
    ("additional_information", "additional"),
    ("info", "additional"),
    ("description", "additional"),
    ("host", "hostname"),
    ("host_name", "hostname"),
    ("device", "hostname"),
    ("device_name", "hostname"),
    ("address", "ip"),
    ("ip_address", "ip"),
    ("ipaddress", "ip"),
    ("ipv4", "ip"),
    ("user", "username"),
    ("user_name", "username"),
    ("login", "username"),
    ("account", "username"),
    ("tag", "tags"),
    ("id", "identifier"),
    ("credential_id", "identifier"),
    ("device_type", "type"),
    ("protocols", "connectivities"),
    ("connectivity", "connectivities"),
    ("totp", "secret_key"),
    ("totp_secret", "secret_key"),
    ("otp_secret", "secret_key"),
    ("owner", "user_credential_owner"),
];

/// Where a field is, written for people: `additional_settings.notes`.
fn qualified(level: &str, field: &str) -> String {
    if level.is_empty() {
        field.to_owned()
    } else {
        format!("{level}.{field}")
    }
}

fn display_level(level: &str) -> String {
    if level.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{level}`")
    }
}

/// A help line for `key`, unknown at `level`, and the field of this level it
/// names (if any); `None` when nothing is close.
pub fn suggest(
    vocabulary: &Vocabulary,
    level: &str,
    key: &str,
) -> Option<(String, Option<String>)> {
    suggest_inner(vocabulary, level, key)
}

fn suggest_inner(
    vocabulary: &Vocabulary,
    level: &str,
    key: &str,
) -> Option<(String, Option<String>)> {
    let here = vocabulary.fields(level);
    let wanted = normalize(key);
    if wanted.is_empty() {
        return None;
    }

    // A key copied with its back-ticks from the reference's table.
    let unticked = key.trim().trim_matches('`').trim();
    if unticked != key {
        if let Some(field) = here.iter().find(|f| f.as_str() == unticked) {
            return Some((
                format!("remove the back-ticks copied from the reference: `\"{field}\"`"),
                Some(field.clone()),
            ));
        }
    }

    // Same name but for case, blanks and separators.
    if let Some(field) = here.iter().find(|f| normalize(f) == wanted) {
        return Some((
            format!("the field is spelled `{field}`, exactly so"),
            Some(field.clone()),
        ));
    }

    // A name other clients use.
    if let Some((_, target)) = ALIASES.iter().find(|(alias, _)| normalize(alias) == wanted) {
        if here.iter().any(|f| f == target) {
            return Some((
                format!("this API calls it `{target}`"),
                Some((*target).to_owned()),
            ));
        }
        let homes = homes_of(vocabulary, target, level);
        if !homes.is_empty() {
            return Some((
                format!("this API calls it `{}`", homes.join("` or `")),
                None,
            ));
        }
    }

    // A field of another block, put at the wrong level.
    let homes = homes_of_normalized(vocabulary, &wanted, level);
    if !homes.is_empty() {
        return Some((
            format!(
                "`{key}` is not a field of {}: it belongs {}",
                display_level(level),
                homes
                    .iter()
                    .map(|home| if home.contains('.') {
                        format!("in `{home}`")
                    } else {
                        format!("at the top level (`{home}`)")
                    })
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            None,
        ));
    }

    // The closest spelling at this level.
    let limit = match wanted.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let best = here
        .iter()
        .map(|f| (distance(&normalize(f), &wanted), f))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d);
    if let Some((_, field)) = best {
        return Some((format!("did you mean `{field}`?"), Some(field.clone())));
    }
    None
}

/// Every place other than `level` where `field` is defined, qualified.
fn homes_of(vocabulary: &Vocabulary, field: &str, level: &str) -> Vec<String> {
    vocabulary
        .levels()
        .filter(|(l, _)| *l != level)
        .filter(|(_, fields)| fields.iter().any(|f| f == field))
        .map(|(l, _)| qualified(l, field))
        .collect()
}

fn homes_of_normalized(vocabulary: &Vocabulary, wanted: &str, level: &str) -> Vec<String> {
    vocabulary
        .levels()
        .filter(|(l, _)| *l != level)
        .filter_map(|(l, fields)| {
            fields
                .iter()
                .find(|f| normalize(f) == wanted)
                .map(|f| qualified(l, f))
        })
        .collect()
}
