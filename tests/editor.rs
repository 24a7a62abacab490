//! Editors: the committed schema gives completion, hover and validation in
//! vscode-json-languageservice (VS Code's JSON engine, also behind Neovim's
//! and other editors' `vscode-json-language-server`). The checks are in
//! `tests/editor/test.mjs`, run with Node's test runner.

mod tools;

use std::process::Command;

#[test]
fn the_schema_works_in_the_json_language_service() {
    if tools::editor_node_modules().is_none() {
        return;
    }
    let Some(node) = tools::require_on_path("node") else {
        return;
    };
    let out = Command::new(node)
        .arg("--test")
        .arg("tests/editor/test.mjs")
        .current_dir(tools::root())
        .output()
        .expect("node runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "editor tests failed:\n{text}");
    assert!(text.contains("# fail 0"), "{text}");
    assert!(!text.contains("# pass 0"), "no editor test ran:\n{text}");
}
