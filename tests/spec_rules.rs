//! The rule catalogue is a public interface: the registry must hold exactly
//! the rules SPEC §4 names, with their default severities and server codes.

mod common;

use common::root;
use credlint::rules::RULES;

struct SpecRule {
    name: String,
    severity: String,
    server_code: Option<u16>,
    /// The severity or code depends on the API version or the block.
    conditional: bool,
}

/// Parses lines of the form "- `name` · severity [· code] — text".
fn spec_rules() -> Option<Vec<SpecRule>> {
    let spec = std::fs::read_to_string(root().join("../shared/SPEC.md")).ok()?;
    let mut rules = Vec::new();
    for line in spec.lines() {
        let Some(rest) = line.strip_prefix("- `") else {
            continue;
        };
        let Some((name, rest)) = rest.split_once("` · ") else {
            continue;
        };
        if !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            continue;
        }
        let head = rest.split(" — ").next().unwrap_or(rest);
        let mut parts = head.split(" · ");
        let severity_text = parts.next().unwrap_or("").trim();
        let code_text = parts.next().map(str::trim);
        let severity = severity_text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_owned();
        let conditional = severity_text.contains(' ') || code_text.is_some_and(|c| c.contains('/'));
        let server_code = code_text.and_then(|c| c.parse().ok());
        rules.push(SpecRule {
            name: name.to_owned(),
            severity,
            server_code,
            conditional,
        });
    }
    Some(rules)
}

#[test]
fn the_registry_holds_exactly_the_rules_of_the_spec() {
    let Some(spec) = spec_rules() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "../shared/SPEC.md is missing in CI"
        );
        eprintln!("skipped: ../shared/SPEC.md not found beside the repository");
        return;
    };
    assert_eq!(spec.len(), 41, "SPEC §4 lists 41 rules");
    let spec_names: Vec<&str> = spec.iter().map(|r| r.name.as_str()).collect();
    let ours: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    let missing: Vec<&&str> = spec_names.iter().filter(|n| !ours.contains(n)).collect();
    let extra: Vec<&&str> = ours.iter().filter(|n| !spec_names.contains(n)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:?}; not in SPEC: {extra:?}"
    );
    let mut dupes = ours.clone();
    dupes.sort_unstable();
    dupes.dedup();
    assert_eq!(dupes.len(), ours.len(), "a rule is registered twice");
    for s in &spec {
        let rule = RULES.iter().find(|r| r.name == s.name).unwrap();
        assert_eq!(
            rule.severity.as_str(),
            s.severity,
            "{}: default severity",
            s.name
        );
        if !s.conditional {
            assert_eq!(rule.server_code, s.server_code, "{}: server code", s.name);
        }
    }
}
