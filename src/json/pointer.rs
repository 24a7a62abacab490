//! JSON Pointer (RFC 6901) helpers.

use std::borrow::Cow;

/// Splits a pointer into unescaped reference tokens (`""` has none).
pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.split('/').skip(1).map(|raw| {
        if raw.contains('~') {
            Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(raw)
        }
    })
}

/// Appends one token to a pointer, escaping `~` and `/`.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    if token.contains(['~', '/']) {
        out.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        out.push_str(token);
    }
    out
}

pub fn push_index(pointer: &str, index: usize) -> String {
    format!("{pointer}/{index}")
}

/// An array index token: digits, no leading zero (except `0` itself).
pub fn parse_index(token: &str) -> Option<usize> {
    if token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    if !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

/// The last token of a pointer (the key or index it names).
pub fn last_token(pointer: &str) -> Option<Cow<'_, str>> {
    tokens(pointer).last()
}

/// The pointer of the parent (`/a/b` → `/a`, `/a` → ``).
pub fn parent(pointer: &str) -> &str {
    match pointer.rfind('/') {
        Some(i) => &pointer[..i],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let p = push("/a", "x/y~z");
        assert_eq!(p, "/a/x~1y~0z");
        let toks: Vec<_> = tokens(&p).collect();
        assert_eq!(toks, vec!["a", "x/y~z"]);
        assert_eq!(parent(&p), "/a");
        assert_eq!(parse_index("01"), None);
        assert_eq!(parse_index("10"), Some(10));
    }
}
