//! JSONTestSuite (nst/JSONTestSuite, `test_parsing/`): every `n_` file gives
//! `invalid-json`, no `y_` file does, and no file (`i_` included) crashes or
//! hangs. The files go through the Engine as explicit inputs, then through
//! every renderer.
//!
//! The suite lives outside the repository, at `../shared/data/JSONTestSuite`.
//! Without it the test is skipped with a message, except under `CI`, where a
//! missing suite is a failure.

use credlint::render::{self, Format, RenderOptions};
use credlint::{Config, Engine, Input, Origin};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

fn suite_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/JSONTestSuite/test_parsing")
}

#[derive(Debug)]
enum Outcome {
    Invalid,
    Accepted,
}

#[test]
fn json_test_suite() {
    let dir = suite_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        if std::env::var_os("CI").is_some() {
            panic!("JSONTestSuite is missing at {} (CI is set)", dir.display());
        }
        eprintln!(
            "skipped: JSONTestSuite not found at {} (set CI to make this a failure)",
            dir.display()
        );
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 300,
        "only {} files in {}",
        files.len(),
        dir.display()
    );

    let engine = Arc::new(Engine::new(Config::new()).unwrap());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (tx, rx) = std::sync::mpsc::channel();
        let engine = Arc::clone(&engine);
        let input = path.clone();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let report = engine.check(vec![Input::File {
                    path: input,
                    origin: Origin::Explicit,
                }]);
                for format in Format::ALL {
                    let out = render::render(&report, *format, &RenderOptions::default());
                    if *format == Format::Json {
                        serde_json::from_str::<serde_json::Value>(&out)
                            .expect("the JSON output parses");
                    }
                }
                let file = &report.files[0];
                assert!(file.read_error.is_none(), "{:?}", file.read_error);
                if file.diagnostics.iter().any(|d| d.rule == "invalid-json") {
                    Outcome::Invalid
                } else {
                    Outcome::Accepted
                }
            }));
            let _ = tx.send(result);
        });
        let outcome = match rx.recv_timeout(Duration::from_secs(30)) {
            Err(_) => {
                failures.push(format!("{name}: hung (no result after 30 s)"));
                continue;
            }
            Ok(Err(_)) => {
                failures.push(format!("{name}: panicked"));
                continue;
            }
            Ok(Ok(outcome)) => outcome,
        };
        match (&name[..2], &outcome) {
            ("n_", Outcome::Accepted) => failures.push(format!("{name}: accepted")),
            ("y_", Outcome::Invalid) => failures.push(format!("{name}: reported invalid-json")),
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
