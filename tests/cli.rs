//! The `credlint` binary: exit codes, flags, stdin, configuration files.

mod tools;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const VALID: &str = r#"{"username": "app", "hostname": "web01", "ip": "10.0.0.7"}"#;
/// Only a warning (duplicate key).
const WARNING: &str =
    r#"{"username": "app", "hostname": "a", "hostname": "web01", "ip": "10.0.0.7"}"#;
/// An error (unknown field) and a warning (duplicate key).
const ERROR: &str = r#"{"username": "app", "hostname": "a", "hostname": "web01", "ip": "10.0.0.7", "hostame": "x"}"#;

fn credlint(dir: &Path, args: &[&str]) -> Output {
    run(dir, args, None, &[])
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_credlint"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("credlint runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A temporary project: files written relative to its root.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn exit_codes_0_1_2() {
    let dir = project(&[
        ("ok.json", VALID),
        ("warn.json", WARNING),
        ("bad.json", ERROR),
    ]);
    let ok = credlint(dir.path(), &["check", "ok.json"]);
    assert_eq!(code(&ok), 0, "{}", stdout(&ok));
    let warn = credlint(dir.path(), &["check", "warn.json"]);
    assert_eq!(code(&warn), 0, "warnings alone pass: {}", stdout(&warn));
    let bad = credlint(dir.path(), &["check", "bad.json", "ok.json"]);
    assert_eq!(code(&bad), 1, "{}", stdout(&bad));
    let missing = credlint(dir.path(), &["check", "nope.json"]);
    assert_eq!(code(&missing), 2);
    // A missing path is a read failure in the report, not a stop: exit 2.
    assert!(
        stdout(&missing).contains("nope.json"),
        "{}",
        stdout(&missing)
    );
    let usage = credlint(dir.path(), &["check", "--format", "xml", "ok.json"]);
    assert_eq!(code(&usage), 2);
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let dir = project(&[("ok.json", VALID), ("warn.json", WARNING)]);
    let warn = credlint(dir.path(), &["check", "--deny-warnings", "warn.json"]);
    assert_eq!(code(&warn), 1);
    let ok = credlint(dir.path(), &["check", "--deny-warnings", "ok.json"]);
    assert_eq!(code(&ok), 0);
}

#[test]
fn quiet_shows_errors_only() {
    let dir = project(&[("bad.json", ERROR)]);
    let out = credlint(
        dir.path(),
        &["check", "--quiet", "--format", "concise", "bad.json"],
    );
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains("error[unknown-field]"), "{text}");
    assert!(!text.contains("duplicate-key"), "{text}");
}

#[test]
fn stdin_with_stdin_filename() {
    let dir = project(&[]);
    let out = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "payloads/new.json",
            "-",
        ],
        Some(ERROR),
        &[],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("payloads/new.json:1:"),
        "{}",
        stdout(&out)
    );
    let ok = run(dir.path(), &["check", "-"], Some(VALID), &[]);
    assert_eq!(code(&ok), 0, "{}", stdout(&ok));
}

#[test]
fn every_format_runs_and_keeps_the_exit_code() {
    let dir = project(&[("bad.json", ERROR)]);
    for format in ["pretty", "concise", "json", "sarif", "github", "junit"] {
        let out = credlint(dir.path(), &["check", "--format", format, "bad.json"]);
        assert_eq!(code(&out), 1, "{format}: {}", stderr(&out));
        assert!(stdout(&out).contains("unknown-field"), "{format}");
    }
}

#[test]
fn no_secret_in_any_format() {
    let secret = "S3cr3t-Hunter2-Value";
    let text = format!(
        r#"{{"username": "app", "hostname": "h", "ip": "10.0.0.1", "content": "{secret}", "hostame": 1,
            "additional_settings": {{"secret_key": "{secret}X"}}}}"#
    );
    let dir = project(&[("p.json", &text)]);
    for format in ["pretty", "concise", "json", "sarif", "github", "junit"] {
        let out = credlint(dir.path(), &["check", "--format", format, "p.json"]);
        assert!(
            !stdout(&out).contains(secret),
            "{format} printed the secret"
        );
        assert!(
            !stderr(&out).contains(secret),
            "{format} printed the secret"
        );
    }
}

#[test]
fn color_flag_and_no_color() {
    let dir = project(&[("bad.json", ERROR)]);
    let always = credlint(dir.path(), &["check", "--color", "always", "bad.json"]);
    assert!(stdout(&always).contains('\u{1b}'), "--color always colours");
    let never = credlint(dir.path(), &["check", "--color", "never", "bad.json"]);
    assert!(!stdout(&never).contains('\u{1b}'));
    // auto: not a terminal here, so no colour; NO_COLOR also turns it off.
    let auto = run(
        dir.path(),
        &["check", "bad.json"],
        None,
        &[("NO_COLOR", "1")],
    );
    assert!(!stdout(&auto).contains('\u{1b}'));
    let piped = credlint(dir.path(), &["check", "bad.json"]);
    assert!(!stdout(&piped).contains('\u{1b}'));
}

#[test]
fn config_is_found_above_the_working_directory_and_flags_override_it() {
    let settings_array = r#"{"username": "a", "hostname": "h", "ip": "10.0.0.1",
        "additional_settings": [{"notes": "x"}]}"#;
    let dir = project(&[
        (
            "credlint.toml",
            "api_version = \"3.32\"\n[rules]\nunknown-field = \"warning\"\n",
        ),
        ("sub/a.json", settings_array),
        ("sub/b.json", ERROR),
    ]);
    let sub = dir.path().join("sub");
    let out = credlint(&sub, &["check", "--format", "concise", "a.json", "b.json"]);
    let text = stdout(&out);
    assert_eq!(code(&out), 0, "unknown-field downgraded: {text}");
    assert!(text.contains("warning[unknown-field]"), "{text}");
    assert!(
        !text.contains("settings-array-form"),
        "3.32 from the file: {text}"
    );
    let out = credlint(
        &sub,
        &[
            "check",
            "--format",
            "concise",
            "--api-version",
            "3.33",
            "a.json",
        ],
    );
    assert!(
        stdout(&out).contains("settings-array-form"),
        "--api-version overrides the file: {}",
        stdout(&out)
    );
}

#[test]
fn explicit_config_file() {
    let dir = project(&[
        ("conf/strict.toml", "[rules]\nduplicate-key = \"error\"\n"),
        ("warn.json", WARNING),
    ]);
    let out = credlint(
        dir.path(),
        &["check", "--config", "conf/strict.toml", "warn.json"],
    );
    assert_eq!(code(&out), 1);
    let out = credlint(
        dir.path(),
        &["check", "--config", "conf/none.toml", "warn.json"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("conf/none.toml"), "{}", stderr(&out));
}

#[test]
fn config_errors_exit_2_naming_the_offence() {
    let cases = [
        ("colour = \"always\"\n", "colour", ":1:"),
        ("[rules]\nno-such-rule = \"off\"\n", "no-such-rule", ":2:"),
        ("[rules]\nduplicate-key = \"fatal\"\n", "fatal", ":2:"),
        ("[secrets]\nplaceholders = ['^(${']\n", "^(${", ":2:"),
        ("[secrets]\nfeilds = ['token']\n", "feilds", ":2:"),
        (
            "[[ignore]]\npath = \"a/**\"\nrules = [\"duplicate-key\"]\n",
            "reason",
            ":1:",
        ),
        ("include = ['payloads/[x']\n", "payloads/[x", ":1:"),
        ("api_version = \"3.4\"\n", "3.4", ":1:"),
        ("max_file_size = \"big\"\n", "max_file_size", ":1:"),
    ];
    for (toml, needle, line) in cases {
        let dir = project(&[("credlint.toml", toml), ("ok.json", VALID)]);
        let out = credlint(dir.path(), &["check", "ok.json"]);
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{toml}: {err}");
        assert!(err.contains(needle), "{toml}: {err}");
        assert!(
            err.contains(&format!("credlint.toml{line}")),
            "{toml}: {err}"
        );
    }
}

#[test]
fn include_applies_without_paths_and_exclude_to_walks() {
    let dir = project(&[
        (
            "credlint.toml",
            "include = [\"payloads/**/*.json\"]\nexclude = [\"payloads/drafts/**\"]\n",
        ),
        ("payloads/a.json", ERROR),
        ("payloads/drafts/b.json", ERROR),
        ("other/c.json", ERROR),
    ]);
    let out = credlint(dir.path(), &["check", "--format", "concise"]);
    let text = stdout(&out);
    assert!(text.contains("payloads/a.json"), "{text}");
    assert!(!text.contains("drafts/b.json"), "excluded: {text}");
    assert!(!text.contains("other/c.json"), "not included: {text}");
    // A directory named explicitly is walked with exclude, without include.
    let out = credlint(dir.path(), &["check", "--format", "concise", "."]);
    let text = stdout(&out);
    assert!(
        text.contains("other/c.json") && !text.contains("drafts/b.json"),
        "{text}"
    );
    // A file named explicitly is always checked (SPEC §2).
    let out = credlint(
        dir.path(),
        &["check", "--format", "concise", "payloads/drafts/b.json"],
    );
    assert!(stdout(&out).contains("drafts/b.json"), "{}", stdout(&out));
    // Globs are relative to the config file's directory, not the working one.
    let out = credlint(
        &dir.path().join("payloads"),
        &["check", "--format", "concise"],
    );
    let text = stdout(&out);
    assert!(
        text.contains("a.json") && !text.contains("b.json"),
        "{text}"
    );
}

#[test]
fn ignore_entries_silence_and_unused_ones_warn() {
    let legacy = r#"{"username": "a", "hostname": "h", "ip": "10.0.0.1",
        "additional_settings": [{"notes": "x"}], "hostame": "y"}"#;
    let config = r#"
[[ignore]]
path = "legacy/**"
rules = ["settings-array-form"]
pointer = "/additional_settings"
reason = "legacy import format"

[[ignore]]
path = "legacy/**"
rules = ["duplicate-key"]
reason = "stale"

[[ignore]]
path = "gone/**"
rules = ["unknown-field"]
reason = "nothing there any more"
"#;
    let dir = project(&[("credlint.toml", config), ("legacy/old.json", legacy)]);
    let out = credlint(dir.path(), &["check", "--format", "concise"]);
    let text = stdout(&out);
    let err = stderr(&out);
    assert!(!text.contains("settings-array-form"), "{text}");
    assert!(
        text.contains("unknown-field"),
        "other rules still report: {text}"
    );
    assert!(
        err.contains("credlint.toml:8:") && err.contains("silenced nothing"),
        "{err}"
    );
    assert!(
        err.contains("credlint.toml:13:") && err.contains("matched no checked file"),
        "{err}"
    );
    assert!(!err.contains("credlint.toml:2:"), "{err}");
    let out = credlint(dir.path(), &["check", "--format", "github"]);
    assert!(
        stdout(&out).contains("::warning file=credlint.toml,line=8,title=credlint unused ignore::"),
        "{}",
        stdout(&out)
    );
    // Files named explicitly (a pre-commit run): an entry for other files is not stale.
    let out = credlint(dir.path(), &["check", "legacy/old.json"]);
    let err = stderr(&out);
    assert!(!err.contains("credlint.toml:13:"), "{err}");
    assert!(err.contains("credlint.toml:8:"), "{err}");
}

#[test]
fn secrets_config_fields_and_max_file_size() {
    let dir = project(&[
        (
            "credlint.toml",
            "max_file_size = 100\n[secrets]\nfields = [\"token\"]\n",
        ),
        (
            "p.json",
            r#"{"username": "a", "hostname": "h", "ip": "10.0.0.1", "token": "tok-SECRET-123"}"#,
        ),
        (
            "big.json",
            &format!("{{\"username\": \"{}\"}}", "x".repeat(200)),
        ),
    ]);
    let out = credlint(dir.path(), &["check", "p.json"]);
    assert!(!stdout(&out).contains("tok-SECRET-123"), "{}", stdout(&out));
    let out = credlint(dir.path(), &["check", "big.json"]);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("size limit of 100"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn stdin_filename_meets_ignore_globs_and_quiet_hides_the_unused_warning() {
    let config = "[[ignore]]\npath = \"payloads/**\"\nrules = [\"unknown-field\"]\nreason = \"drafts\"\n\n[[ignore]]\npath = \"payloads/**\"\nrules = [\"duplicate-key\"]\nreason = \"stale\"\n";
    let dir = project(&[("credlint.toml", config)]);
    let out = run(
        dir.path(),
        &["check", "--stdin-filename", "payloads/new.json", "-"],
        Some(r#"{"username": "a", "hostname": "h", "ip": "10.0.0.1", "hostame": "x"}"#),
        &[],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stderr(&out).contains("credlint.toml:6:"),
        "{}",
        stderr(&out)
    );
    let quiet = run(
        dir.path(),
        &[
            "check",
            "--quiet",
            "--stdin-filename",
            "payloads/new.json",
            "-",
        ],
        Some(r#"{"username": "a", "hostname": "h", "ip": "10.0.0.1"}"#),
        &[],
    );
    assert_eq!(stderr(&quiet), "", "--quiet: errors only");
}
