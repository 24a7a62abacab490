//! Every output format renders the same report: snapshots of each for a
//! fixture with an error, warnings and a related location, and the official
//! SARIF validator over the SARIF output.

mod tools;

use credlint::render::{self, Format, RenderOptions};
use credlint::{Config, Engine, Input, Origin, Report};
use std::path::PathBuf;
use std::process::Command;

fn report() -> Report {
    let engine = Engine::new(Config::new()).expect("engine builds");
    let inputs = [
        "fixtures/workflow/clean.json",
        "fixtures/workflow/mixed.json",
    ]
    .iter()
    .map(|p| Input::File {
        path: PathBuf::from(p),
        origin: Origin::Explicit,
    })
    .collect();
    engine.check(inputs)
}

fn rendered(format: Format) -> String {
    render::render(
        &report(),
        format,
        &RenderOptions {
            color: false,
            width: 100,
            quiet: false,
        },
    )
}

#[test]
fn the_fixture_has_errors_warnings_and_a_related_location() {
    let report = report();
    let all: Vec<_> = report.files.iter().flat_map(|f| &f.diagnostics).collect();
    assert!(all.iter().any(|d| d.severity == credlint::Severity::Error));
    assert!(all
        .iter()
        .any(|d| d.severity == credlint::Severity::Warning));
    assert!(all.iter().any(|d| !d.related.is_empty()));
}

#[test]
fn pretty() {
    insta::assert_snapshot!(rendered(Format::Pretty));
}

#[test]
fn concise() {
    insta::assert_snapshot!(rendered(Format::Concise));
}

#[test]
fn json() {
    insta::assert_snapshot!(rendered(Format::Json));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(rendered(Format::Sarif));
}

#[test]
fn github() {
    insta::assert_snapshot!(rendered(Format::Github));
}

#[test]
fn junit() {
    insta::assert_snapshot!(rendered(Format::Junit));
}

#[test]
fn quiet_keeps_errors_only_in_every_format() {
    for format in [
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ] {
        let text = render::render(
            &report(),
            format,
            &RenderOptions {
                color: false,
                width: 100,
                quiet: true,
            },
        );
        // SARIF lists every rule's documentation in its driver: judge its results only.
        let text = if format == Format::Sarif {
            let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
            serde_json::to_string_pretty(&sarif["runs"][0]["results"]).unwrap()
        } else {
            text
        };
        assert!(text.contains("unknown-field"), "{format:?}: {text}");
        assert!(
            !text.contains("[duplicate-key]")
                && !text.contains("\"duplicate-key\",\n      \"level\""),
            "{format:?}: {text}"
        );
        assert!(!text.contains("first occurrence"), "{format:?}: {text}");
    }
}

#[test]
fn sarif_structure() {
    let sarif: serde_json::Value = serde_json::from_str(&rendered(Format::Sarif)).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "credlint");
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    for rule in driver["rules"].as_array().unwrap() {
        for key in [
            "id",
            "shortDescription",
            "fullDescription",
            "help",
            "helpUri",
            "defaultConfiguration",
        ] {
            assert!(rule.get(key).is_some(), "rule without {key}: {rule}");
        }
        assert!(rule["helpUri"]
            .as_str()
            .unwrap()
            .ends_with(&format!("docs/rules/{}.md", rule["id"].as_str().unwrap())));
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()));
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(driver["rules"][index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{result}");
        }
    }
}

/// The official validator (`Sarif.Multitool validate`) reports no error.
#[test]
fn sarif_passes_the_official_validator() {
    let Some(multitool) = tools::sarif_multitool() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("credlint.sarif");
    let output = dir.path().join("validation.sarif");
    std::fs::write(&input, rendered(Format::Sarif)).unwrap();
    // Also every fixture of the repository: invalid JSON, batches, all rules that fire.
    let mut inputs = Vec::new();
    for dir in ["fixtures/reference", "fixtures/contract"] {
        inputs.extend(credlint::walk::collect(&[PathBuf::from(dir)], &|_| false));
    }
    let everything = Engine::new(Config::new()).unwrap().check(inputs);
    let wide = dir.path().join("fixtures.sarif");
    std::fs::write(
        &wide,
        render::render(&everything, Format::Sarif, &RenderOptions::default()),
    )
    .unwrap();
    let run = Command::new(&multitool)
        .arg("validate")
        .arg(&input)
        .arg(&wide)
        .arg("--output")
        .arg(&output)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .expect("the SARIF multitool runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "validator failed: {stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).expect("validator wrote its log"))
            .unwrap();
    let errors: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["level"] == "error" || r.get("level").is_none())
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF validation errors: {errors:#?}\n{stdout}"
    );
    // Warnings and notes are advice: shown, not failed on.
    eprintln!("{stdout}");
}
