//! No secret value ever reaches stdout or stderr, in any format, whatever the
//! file looks like: valid, broken near or inside a secret, batches, unclosed
//! strings, secrets of the wrong type, misspelled or escaped secret keys.
//!
//! Every secret in `fixtures/secrets/` contains the marker `LEAK`, except the
//! numeric ones listed in `NUMERIC_SECRETS`; nothing else in those files does.

mod common;

use common::root;
use credlint::render::{self, Format, RenderOptions};
use credlint::{Config, Engine, Input};
use std::path::PathBuf;
use std::process::{Command, Stdio};

const MARKER: &str = "LEAK";
const NUMERIC_SECRETS: [&str; 7] = [
    "918273645",
    "7364.55e12",
    "123456789",
    "8675309",
    "5550001",
    "5550002",
    "7364",
];

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/secrets"))
        .expect("fixtures/secrets exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "fixtures/secrets is missing files");
    files
}

fn assert_clean(output: &str, context: &str) {
    assert!(
        !output.contains(MARKER),
        "a secret leaked ({context}):\n{output}"
    );
    for secret in NUMERIC_SECRETS {
        assert!(
            !output.contains(secret),
            "the numeric secret {secret} leaked ({context}):\n{output}"
        );
    }
}

fn option_sets() -> Vec<RenderOptions> {
    vec![
        RenderOptions::default(),
        RenderOptions {
            color: true,
            width: 60,
            quiet: false,
        },
        RenderOptions {
            color: false,
            width: 200,
            quiet: true,
        },
    ]
}

fn render_all(engine: &Engine, inputs: Vec<Input>, context: &str) {
    let report = engine.check(inputs);
    for format in Format::ALL {
        for options in option_sets() {
            let out = render::render(&report, *format, &options);
            assert_clean(&out, &format!("{context}, {format:?}, {options:?}"));
        }
    }
    // The report itself carries only masked text, for any future renderer.
    for file in &report.files {
        assert_clean(&file.source, &format!("{context}: source of {}", file.path));
        let debug = format!("{:?}", file.diagnostics);
        assert_clean(&debug, &format!("{context}: diagnostics of {}", file.path));
    }
}

#[test]
fn fixtures_hold_the_marker_only_in_secret_values() {
    // A sanity check of the fixtures themselves: the marker must be in the input.
    let with_marker = fixtures()
        .iter()
        .filter(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).contains(MARKER))
        .count();
    assert!(with_marker >= 20);
}

#[test]
fn every_format_masks_every_fixture() {
    let engine = Engine::new(Config::new()).unwrap();
    for path in fixtures() {
        for origin in [credlint::Origin::Explicit, credlint::Origin::Walked] {
            render_all(
                &engine,
                vec![Input::File {
                    path: path.clone(),
                    origin,
                }],
                &path.display().to_string(),
            );
        }
        // The same bytes through stdin.
        render_all(
            &engine,
            vec![Input::Stdin {
                name: "stdin.json".into(),
                bytes: std::fs::read(&path).unwrap(),
            }],
            &format!("stdin {}", path.display()),
        );
    }
    // All together: related locations across files (duplicate credentials).
    let inputs = fixtures()
        .into_iter()
        .map(|path| Input::File {
            path,
            origin: credlint::Origin::Explicit,
        })
        .collect();
    render_all(&engine, inputs, "all fixtures in one run");
}

#[test]
fn configured_extra_secret_fields_are_masked() {
    let mut config = Config::new();
    config.extra_secret_fields = vec!["notes".into(), "identifier".into()];
    let engine = Engine::new(config).unwrap();
    for text in [
        r#"{"username": "a", "hostname": "h", "ip": "1.1.1.1", "identifier": "LEAK id!", "additional_settings": {"notes": "LEAK-notes"}}"#,
        r#"{"username": "a", "hostname": "h", "ip": "1.1.1.1", "additional_settings": {"notes": 5550001}}"#,
        r#"{"username": "a", "hostname": "h", "ip": "1.1.1.1", "additional_settings": {"notes": "LEAK-notes" x}}"#,
    ] {
        render_all(
            &engine,
            vec![
                Input::Stdin {
                    name: "a.json".into(),
                    bytes: text.as_bytes().to_vec(),
                },
                Input::Stdin {
                    name: "b.json".into(),
                    bytes: text.as_bytes().to_vec(),
                },
            ],
            text,
        );
    }
}

fn run_cli(args: &[&str], stdin: Option<&[u8]>) -> (String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_credlint"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the credlint binary runs");
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (text, out.status.code().unwrap_or(-1))
}

#[test]
fn the_cli_never_prints_a_secret() {
    let files: Vec<String> = fixtures()
        .iter()
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for format in Format::ALL {
        let name = format.name();
        for color in ["never", "always"] {
            // Every fixture in one run, and the directory walked.
            let mut args = vec!["check", "--format", name, "--color", color];
            args.extend(files.iter().map(String::as_str));
            let (out, code) = run_cli(&args, None);
            assert_clean(&out, &format!("cli {name} {color}, all files"));
            assert!(code == 1 || code == 2, "{name}: exit {code}\n{out}");
            let (out, _) = run_cli(
                &[
                    "check",
                    "--format",
                    name,
                    "--color",
                    color,
                    "fixtures/secrets",
                ],
                None,
            );
            assert_clean(&out, &format!("cli {name} {color}, directory"));
        }
        // Each file alone, and through stdin.
        for file in &files {
            let (out, _) = run_cli(&["check", "--format", name, file], None);
            assert_clean(&out, &format!("cli {name} {file}"));
            let bytes = std::fs::read(root().join(file)).unwrap();
            let (out, _) = run_cli(
                &["check", "--format", name, "--stdin-filename", "x.json", "-"],
                Some(&bytes),
            );
            assert_clean(&out, &format!("cli {name} stdin {file}"));
        }
    }
}
