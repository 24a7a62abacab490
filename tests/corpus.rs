//! Corpus rules across files: one run sees every payload, reports on the
//! later one (in path order) and relates the earlier one in its own file.

mod common;

use common::*;
use credlint::{ApiVersion, Diagnostic, Input, Origin, Report, Span};
use serde_json::Value;

const MINE: [&str; 8] = [
    "remote-app-macros",
    "macro-connectivity-disabled",
    "misplaced-connectivity",
    "self-reference",
    "parent-conflict",
    "identifier-conflict",
    "duplicate-credential",
    "catalogue-near-duplicate",
];

fn stdin(name: &str, text: &str) -> Input {
    Input::Stdin {
        name: name.to_owned(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn of_rule<'r>(report: &'r Report, path: &str, rule: &str) -> Vec<&'r Diagnostic> {
    report
        .file(path)
        .unwrap_or_else(|| panic!("{path} is in the report"))
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// The span of the string value `"value"` (quotes included) in `text`.
fn span_of(text: &str, value: &str) -> Span {
    let quoted = format!("\"{value}\"");
    let start = text.rfind(&quoted).expect("value in text");
    Span::new(start, start + quoted.len())
}

const A: &str = "{\n  \"identifier\": \"backup-db01\",\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\"\n}\n";
const B: &str = "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db02\",\n  \"ip\": \"10.0.0.6\",\n  \"identifier\": \"backup-db01\"\n}\n";

#[test]
fn same_identifier_in_two_files_relates_the_other_file_and_its_range() {
    // Given in reverse order: the run still goes by path order.
    let report = engine(ApiVersion::V3_33).check(vec![
        stdin("payloads/b.json", B),
        stdin("payloads/a.json", A),
    ]);
    assert!(of_rule(&report, "payloads/a.json", "duplicate-credential").is_empty());
    let found = of_rule(&report, "payloads/b.json", "duplicate-credential");
    assert_eq!(found.len(), 1, "{}", pretty(&report));
    let d = found[0];
    assert_eq!(d.pointer, "/identifier");
    assert_eq!(d.span, span_of(B, "backup-db01"));
    assert!(d.message.contains("`payloads/a.json`"), "{}", d.message);
    assert_eq!(d.related.len(), 1);
    let related = &d.related[0];
    assert_eq!(related.path.as_deref(), Some("payloads/a.json"));
    assert_eq!(related.pointer, "/identifier");
    assert_eq!(related.span, span_of(A, "backup-db01"));

    // The machine contract carries the other file and its line/column range.
    let json: Value = serde_json::from_str(&json(&report)).unwrap();
    let b = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "payloads/b.json")
        .unwrap();
    let r = &b["diagnostics"][0]["related"][0];
    assert_eq!(r["path"], "payloads/a.json");
    assert_eq!(r["pointer"], "/identifier");
    assert_eq!(r["range"]["start"]["line"], 2);
    assert_eq!(r["range"]["start"]["column"], 17);
    assert_eq!(r["range"]["end"]["column"], 30);

    // Pretty output shows the snippet of the other file.
    let shown = pretty(&report);
    assert!(shown.contains("[payloads/a.json:2:17]"), "{shown}");
}

#[test]
fn same_triple_in_two_files_points_at_the_payloads() {
    let a = "{\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\"}\n";
    let b = "[\n  {\"username\": \"svc_app\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\"},\n  {\"identifier\": \"\", \"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\"}\n]\n";
    let report = engine(ApiVersion::V3_33).check(vec![stdin("a.json", a), stdin("b.json", b)]);
    let found = of_rule(&report, "b.json", "duplicate-credential");
    assert_eq!(found.len(), 1, "{}", pretty(&report));
    let d = found[0];
    assert_eq!(d.pointer, "/1");
    let brace = b.rfind("{\"identifier\"").unwrap();
    assert_eq!(d.span, Span::new(brace, brace + 1));
    assert_eq!(d.related[0].path.as_deref(), Some("a.json"));
    assert_eq!(d.related[0].pointer, "");
    assert_eq!(d.related[0].span, Span::new(0, 1));
}

#[test]
fn near_duplicate_catalogue_values_across_files() {
    let a = "{\"username\": \"svc_backup\", \"hostname\": \"db01\", \"ip\": \"10.0.0.5\", \"credential_type\": \"Domain User\"}\n";
    let b = "{\"username\": \"svc_backup\", \"hostname\": \"db02\", \"ip\": \"10.0.0.6\", \"credential_type\": \"domain  user\"}\n";
    let c = "{\"username\": \"svc_backup\", \"hostname\": \"db03\", \"ip\": \"10.0.0.7\", \"credential_type\": \"domain  user\"}\n";
    let report = engine(ApiVersion::V3_33).check(vec![
        stdin("a.json", a),
        stdin("b.json", b),
        stdin("c.json", c),
    ]);
    assert!(of_rule(&report, "a.json", "catalogue-near-duplicate").is_empty());
    assert!(of_rule(&report, "c.json", "catalogue-near-duplicate").is_empty());
    let found = of_rule(&report, "b.json", "catalogue-near-duplicate");
    assert_eq!(found.len(), 1, "{}", pretty(&report));
    assert_eq!(found[0].pointer, "/credential_type");
    assert_eq!(found[0].span, span_of(b, "domain  user"));
    assert!(found[0].message.contains("only by case and blanks"));
    let related = &found[0].related[0];
    assert_eq!(related.path.as_deref(), Some("a.json"));
    assert_eq!(related.span, span_of(a, "Domain User"));
}

fn reference_files() -> Vec<Input> {
    json_files(&root().join("fixtures/reference"))
        .into_iter()
        .map(|path| Input::File {
            path: path.strip_prefix(root()).unwrap_or(&path).to_path_buf(),
            origin: Origin::Explicit,
        })
        .collect()
}

#[test]
fn reference_examples_together_overwrite_each_other_as_spec_5_says() {
    // Cargo runs integration tests from the package root, so the paths read as in SPEC §5.
    let report = engine(ApiVersion::V3_33).check(reference_files());
    let mut found = Vec::new();
    for file in &report.files {
        for d in &file.diagnostics {
            if MINE.contains(&d.rule) {
                let related: Vec<_> = d.related.iter().map(|r| r.path.clone()).collect();
                found.push((file.path.clone(), d.rule, related));
            }
        }
    }
    let reference = |n: &str| format!("fixtures/reference/{n}.json");
    assert_eq!(
        found,
        vec![
            (
                reference("04-session-settings"),
                "duplicate-credential",
                vec![Some(reference("03-execution-settings"))]
            ),
            (
                reference("07-jit-enable-disable"),
                "duplicate-credential",
                vec![Some(reference("06-jit-creation-deletion"))]
            ),
        ],
        "{}",
        pretty(&report)
    );
}

#[test]
fn each_reference_example_alone_gives_none_of_these_rules() {
    for path in json_files(&root().join("fixtures/reference")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = check_text(ApiVersion::V3_33, &path.display().to_string(), &text);
        let hits: Vec<_> = rules_of(&report)
            .into_iter()
            .filter(|r| MINE.contains(r))
            .collect();
        assert!(hits.is_empty(), "{}: {hits:?}", path.display());
    }
}
