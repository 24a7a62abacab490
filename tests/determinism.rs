//! The same input gives byte-identical output, run after run, whatever the
//! thread count and whatever order the files are named in.

mod common;

use common::root;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Every fixture of the repository, copied flat into one folder (names made
/// unique), so that one run sees many files, corpus rules included.
fn corpus(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![root().join("fixtures")];
    while let Some(folder) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let relative = path.strip_prefix(root().join("fixtures")).unwrap();
                let name = relative.to_string_lossy().replace('/', "__");
                std::fs::copy(&path, dir.join(&name)).unwrap();
                names.push(name);
            }
        }
    }
    names.sort();
    assert!(names.len() >= 50, "only {} fixtures", names.len());
    names
}

fn run(dir: &Path, threads: &str, args: &[&str]) -> (Vec<u8>, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_credlint"))
        .args(args)
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .stdin(Stdio::null())
        .output()
        .expect("credlint runs");
    let mut bytes = out.stdout;
    bytes.extend_from_slice(b"\n--- stderr ---\n");
    bytes.extend_from_slice(&out.stderr);
    (bytes, out.status.code())
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let names = corpus(dir.path());
    let mut reversed: Vec<&str> = names.iter().map(String::as_str).collect();
    reversed.reverse();
    for format in credlint::render::Format::ALL {
        let name = format.name();
        let walked = ["check", "--format", name, "--color", "never", "."];
        let mut listed = vec!["check", "--format", name, "--color", "never"];
        listed.extend(names.iter().map(String::as_str));
        let mut backwards = vec!["check", "--format", name, "--color", "never"];
        backwards.extend(reversed.iter().copied());

        let reference = run(dir.path(), "1", &walked);
        assert!(!reference.0.is_empty());
        for threads in ["1", "2", "4"] {
            for attempt in 0..2 {
                let again = run(dir.path(), threads, &walked);
                assert!(
                    again == reference,
                    "{name}: walk with {threads} threads (run {attempt}) differs"
                );
            }
            let listed_out = run(dir.path(), threads, &listed);
            assert!(
                listed_out == run(dir.path(), "1", &listed),
                "{name}: file list with {threads} threads differs"
            );
            assert!(
                run(dir.path(), threads, &backwards) == listed_out,
                "{name}: the order files are named in changes the output"
            );
        }
    }
}
