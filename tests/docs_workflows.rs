//! The examples of README.md are real: the configuration parses, the
//! pre-commit snippets are valid pre-commit configurations.

mod tools;

use std::path::Path;
use std::process::Command;

/// The fenced blocks of a language in the page, in order.
fn blocks(language: &str) -> Vec<String> {
    let page = std::fs::read_to_string(tools::root().join("README.md")).unwrap();
    let fence = format!("```{language}\n");
    let mut out = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find(&fence) {
        let body = &rest[start + fence.len()..];
        let end = body.find("```").expect("closed fence");
        out.push(body[..end].to_owned());
        rest = &body[end..];
    }
    out
}

#[test]
fn the_configuration_example_parses() {
    let toml: Vec<String> = blocks("toml")
        .into_iter()
        .filter(|b| b.contains("[[ignore]]"))
        .collect();
    assert_eq!(toml.len(), 1, "one full example");
    let config =
        credlint::config_file::parse(&toml[0], Path::new("README.md"), Path::new("/project"))
            .unwrap_or_else(|e| panic!("the documented example does not parse: {e}"));
    assert_eq!(config.ignores.len(), 1);
    assert_eq!(config.extra_secret_fields, ["api_token"]);
    assert!(config.placeholders.matches("{{ vault_pass }}"));
}

#[test]
fn the_pre_commit_snippets_are_valid() {
    let Some(pre_commit) = tools::pre_commit() else {
        return;
    };
    let snippets: Vec<String> = blocks("yaml")
        .into_iter()
        .filter(|b| b.starts_with("repos:"))
        .collect();
    assert_eq!(snippets.len(), 2);
    let dir = tempfile::tempdir().unwrap();
    for (i, snippet) in snippets.iter().enumerate() {
        let file = dir.path().join(format!("config-{i}.yaml"));
        std::fs::write(&file, snippet).unwrap();
        let out = Command::new(&pre_commit)
            .arg("validate-config")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{snippet}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
