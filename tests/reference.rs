//! SPEC §5: the vendor reference's own request examples come out exactly so:
//! the exact set of rules per example, nothing more.

mod common;

use common::*;
use credlint::render::{self, Format, RenderOptions};
use credlint::{ApiVersion, Input, Origin, Report};
use std::collections::BTreeMap;

/// Rule → how many times it fired, for one file of a report.
fn counts(report: &Report, path_suffix: &str) -> BTreeMap<&'static str, usize> {
    let file = report
        .files
        .iter()
        .find(|f| f.path.ends_with(path_suffix))
        .unwrap_or_else(|| panic!("{path_suffix} not in the report"));
    let mut counts = BTreeMap::new();
    for d in &file.diagnostics {
        *counts.entry(d.rule).or_insert(0) += 1;
    }
    counts
}

fn check_one(relative: &str) -> Report {
    let path = root().join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    check_text(ApiVersion::V3_33, relative, &text)
}

fn expect(relative: &str, expected: &[(&'static str, usize)]) {
    let report = check_one(relative);
    let got = counts(&report, relative);
    let want: BTreeMap<&'static str, usize> = expected.iter().copied().collect();
    assert_eq!(got, want, "{relative}:\n{}", pretty(&report));
}

#[test]
fn example_1_identifier_new_has_only_a_plaintext_password() {
    expect(
        "fixtures/reference/01-identifier-new.json",
        &[("plaintext-secret", 1)],
    );
    let report = check_one("fixtures/reference/01-identifier-new.json");
    assert_eq!(report.files[0].diagnostics[0].pointer, "/content");
}

#[test]
fn examples_2_3_4_6_are_clean() {
    for example in [
        "fixtures/reference/02-username-new.json",
        "fixtures/reference/03-execution-settings.json",
        "fixtures/reference/04-session-settings.json",
        "fixtures/reference/06-jit-creation-deletion.json",
    ] {
        expect(example, &[]);
    }
}

#[test]
fn example_5_as_published_is_not_json() {
    expect(
        "fixtures/reference/05-additional-settings.json",
        &[("invalid-json", 1)],
    );
}

#[test]
fn example_5_repaired_gives_the_array_form_and_its_values_warnings() {
    // secret_key is not base32; it and both authentication values are literals.
    expect(
        "fixtures/reference-repaired/05-additional-settings.json",
        &[
            ("settings-array-form", 1),
            ("totp-secret-format", 1),
            ("plaintext-secret", 3),
        ],
    );
}

#[test]
fn example_7_sets_authentication_fields_that_are_ignored() {
    expect(
        "fixtures/reference/07-jit-enable-disable.json",
        &[("authentication-ignored", 1)],
    );
}

#[test]
fn a_fully_populated_consistent_payload_is_clean() {
    expect("fixtures/valid/fully-populated.json", &[]);
}

/// Checked together, 3/4(/5) and 6/7 name the same credentials: the later
/// upserts overwrite the earlier ones.
#[test]
fn together_the_later_examples_overwrite_the_earlier_ones() {
    let dir = root().join("fixtures/reference");
    let inputs = json_files(&dir)
        .into_iter()
        .map(|path| Input::File {
            // Relative, as a user would type it: snapshots must not hold this machine's paths.
            path: path.strip_prefix(root()).unwrap().to_path_buf(),
            origin: Origin::Walked,
        })
        .collect();
    let report = engine(ApiVersion::V3_33).check(inputs);
    assert_eq!(report.files.len(), 7);
    let dup = |suffix: &str| {
        counts(&report, suffix)
            .get("duplicate-credential")
            .copied()
            .unwrap_or(0)
    };
    assert_eq!(dup("03-execution-settings.json"), 0);
    assert_eq!(dup("04-session-settings.json"), 1);
    assert_eq!(dup("06-jit-creation-deletion.json"), 0);
    assert_eq!(dup("07-jit-enable-disable.json"), 1);
    for (suffix, earlier) in [
        ("04-session-settings.json", "03-execution-settings.json"),
        (
            "07-jit-enable-disable.json",
            "06-jit-creation-deletion.json",
        ),
    ] {
        let file = report
            .files
            .iter()
            .find(|f| f.path.ends_with(suffix))
            .unwrap();
        let d = file
            .diagnostics
            .iter()
            .find(|d| d.rule == "duplicate-credential")
            .unwrap();
        assert!(
            d.related
                .iter()
                .any(|r| r.path.as_deref().is_some_and(|p| p.ends_with(earlier))),
            "{suffix}: related should name {earlier}: {:?}",
            d.related
        );
    }
    insta::assert_snapshot!("reference_together_pretty", pretty(&report));
    insta::assert_snapshot!(
        "reference_together_json",
        render::render(&report, Format::Json, &RenderOptions::default())
    );
}
