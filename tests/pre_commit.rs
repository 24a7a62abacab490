//! The pre-commit integration, for real: the shipped `.pre-commit-hooks.yaml`
//! passes `pre-commit validate-manifest`, and a hook running the built binary
//! refuses a commit with a broken payload and lets the fixed one through.

mod tools;

use std::path::Path;
use std::process::{Command, Output};

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_AUTHOR_NAME", "credlint test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "credlint test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .env("PRE_COMMIT_HOME", repo.join(".pre-commit-cache"))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("git runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_shipped_manifest_is_valid() {
    let Some(pre_commit) = tools::pre_commit() else {
        return;
    };
    let manifest = tools::root().join(".pre-commit-hooks.yaml");
    let out = Command::new(&pre_commit)
        .arg("validate-manifest")
        .arg(&manifest)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let yaml = std::fs::read_to_string(&manifest).unwrap();
    for line in [
        "- id: credlint",
        "entry: credlint check",
        "language: rust",
        "types: [json]",
        "pass_filenames: true",
    ] {
        assert!(yaml.contains(line), "manifest lacks `{line}`");
    }
}

#[test]
fn a_broken_payload_is_refused_and_the_fixed_one_commits() {
    let Some(pre_commit) = tools::pre_commit() else {
        return;
    };
    if tools::require_on_path("git").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let bin = env!("CARGO_BIN_EXE_credlint");
    assert!(git(repo, &["init", "-q", "-b", "main"]).status.success());
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: credlint\n        name: credlint\n        entry: \"'{bin}' check --color never\"\n        language: system\n        types: [json]\n        pass_filenames: true\n        require_serial: true\n"
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    let validate = Command::new(&pre_commit)
        .args(["validate-config", ".pre-commit-config.yaml"])
        .current_dir(repo)
        .output()
        .unwrap();
    assert!(validate.status.success(), "{}", text(&validate));
    // The same isolated environment as the git calls: no global hooksPath etc.
    let install = Command::new(&pre_commit)
        .arg("install")
        .current_dir(repo)
        .env("HOME", repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("PRE_COMMIT_HOME", repo.join(".pre-commit-cache"))
        .output()
        .unwrap();
    assert!(install.status.success(), "{}", text(&install));
    std::fs::write(repo.join(".gitignore"), ".pre-commit-cache/\n").unwrap();
    assert!(git(repo, &["add", ".pre-commit-config.yaml", ".gitignore"])
        .status
        .success());

    std::fs::create_dir_all(repo.join("payloads")).unwrap();
    let payload = repo.join("payloads/db01.json");
    std::fs::write(
        &payload,
        r#"{"username": "svc", "hostame": "db01", "ip": "10.0.0.5"}"#,
    )
    .unwrap();
    assert!(git(repo, &["add", "payloads/db01.json"]).status.success());
    let refused = git(repo, &["commit", "-q", "-m", "add db01"]);
    let output = text(&refused);
    assert!(
        !refused.status.success(),
        "the commit went through: {output}"
    );
    assert!(output.contains("credlint"), "{output}");
    assert!(output.contains("unknown-field"), "{output}");
    assert!(output.contains("payloads/db01.json"), "{output}");
    assert!(
        git(repo, &["rev-parse", "--verify", "-q", "HEAD"])
            .stdout
            .is_empty(),
        "no commit was made"
    );

    std::fs::write(
        &payload,
        r#"{"username": "svc", "hostname": "db01", "ip": "10.0.0.5"}"#,
    )
    .unwrap();
    assert!(git(repo, &["add", "payloads/db01.json"]).status.success());
    let accepted = git(repo, &["commit", "-q", "-m", "add db01"]);
    assert!(accepted.status.success(), "{}", text(&accepted));
    let log = git(repo, &["log", "--oneline"]);
    assert!(text(&log).contains("add db01"));
}
