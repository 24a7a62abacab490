//! Every rule has fixtures that fire and fixtures that stay silent:
//! `fixtures/rules/<rule>/fire-*.json` and `silent-*.json`. A fixture runs
//! under the API version its name asks for (`*.api-4.json`, `*.api-3.32.json`).

mod common;

use common::*;
use credlint::rules::RULES;

#[test]
fn every_rule_has_fixtures_that_fire_and_that_stay_silent() {
    let mut missing = Vec::new();
    for rule in RULES {
        let dir = root().join("fixtures/rules").join(rule.name);
        let files = json_files(&dir);
        let fire = files
            .iter()
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("fire-")
            })
            .count();
        let silent = files
            .iter()
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("silent-")
            })
            .count();
        if fire == 0 || silent == 0 {
            missing.push(format!("{} (fire: {fire}, silent: {silent})", rule.name));
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:#?}");
}

#[test]
fn fire_fixtures_fire_and_silent_fixtures_stay_silent() {
    let mut failures = Vec::new();
    for rule in RULES {
        let dir = root().join("fixtures/rules").join(rule.name);
        for path in json_files(&dir) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let shown = format!("fixtures/rules/{}/{name}", rule.name);
            let report = check_text(api_of(&path), &shown, &text);
            let hits = rules_of(&report)
                .iter()
                .filter(|r| **r == rule.name)
                .count();
            if name.starts_with("fire-") {
                if hits == 0 {
                    failures.push(format!(
                        "{shown}: expected `{}`, got {:?}",
                        rule.name,
                        rules_of(&report)
                    ));
                }
                insta::assert_snapshot!(
                    format!("{}__{}", rule.name, name.trim_end_matches(".json")),
                    pretty(&report)
                );
            } else if name.starts_with("silent-") && hits > 0 {
                failures.push(format!(
                    "{shown}: `{}` fired {hits} time(s):\n{}",
                    rule.name,
                    pretty(&report)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
