//! Rule documentation is code: each page's Example gives exactly one
//! diagnostic of its rule and its Use instead none; `docs/rules/` is current
//! (`CREDLINT_UPDATE_DOCS=1 cargo test --test rule_docs` rewrites it).

mod common;

use common::*;
use credlint::rules::{docs, RULES};
use credlint::ApiVersion;

#[test]
fn every_rule_is_documented() {
    for rule in RULES {
        let doc = &rule.doc;
        for (section, text) in [
            ("summary", doc.summary),
            ("what", doc.what),
            ("why", doc.why),
            ("example", doc.example),
            ("use_instead", doc.use_instead),
        ] {
            assert!(!text.trim().is_empty(), "{}: empty {section}", rule.name);
        }
    }
}

#[test]
fn examples_fire_exactly_once_and_fixes_stay_silent() {
    let mut failures = Vec::new();
    for rule in RULES {
        let example = check_text(ApiVersion::V3_33, "example.json", rule.doc.example);
        let hits = rules_of(&example)
            .iter()
            .filter(|r| **r == rule.name)
            .count();
        if hits != 1 {
            failures.push(format!(
                "{}: Example gives {hits} diagnostics of its rule:\n{}",
                rule.name,
                pretty(&example)
            ));
        }
        let fixed = check_text(ApiVersion::V3_33, "use-instead.json", rule.doc.use_instead);
        let hits = rules_of(&fixed).iter().filter(|r| **r == rule.name).count();
        if hits != 0 {
            failures.push(format!(
                "{}: Use instead still gives {hits}:\n{}",
                rule.name,
                pretty(&fixed)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn docs_pages_are_current() {
    let dir = root().join("docs/rules");
    let update = std::env::var_os("CREDLINT_UPDATE_DOCS").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    for rule in RULES {
        let path = dir.join(format!("{}.md", rule.name));
        let page = docs::page(rule);
        if update {
            std::fs::write(&path, &page).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    let known: Vec<String> = RULES.iter().map(|r| format!("{}.md", r.name)).collect();
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !known.contains(n))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        stale.is_empty(),
        "stale rule pages (run `CREDLINT_UPDATE_DOCS=1 cargo test --test rule_docs`): {stale:?}"
    );
    assert!(
        extra.is_empty(),
        "pages for rules that do not exist: {extra:?}"
    );
}
