//! The floor credlint's check is measured against: list the `*.json` files
//! given or under the given folders (sorted), read each once and parse it
//! into a `serde_json::Value`. Nothing else: no spans, no schema, no report.
//!
//! ```text
//! parse-floor [-j THREADS] PATH...
//! ```
//!
//! `-j 1` (the default) parses on the main thread; `-j N` shares the files
//! among N threads by an atomic counter (the same dynamic split rayon does).
//! Prints one line: files, parsed, not JSON (so the work cannot be optimised
//! away, and a run can be checked against credlint's counts).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if p.is_dir() {
                if !hidden {
                    collect(&p, out);
                }
            } else if p.extension().is_some_and(|e| e == "json") {
                out.push(p);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

/// Parses one file; `Some(true)` when it is JSON, `None` when unreadable.
fn parse(path: &Path) -> Option<bool> {
    let bytes = std::fs::read(path).ok()?;
    let parsed = serde_json::from_slice::<serde_json::Value>(&bytes);
    // The value is built and dropped, as a linter's would be.
    Some(std::hint::black_box(parsed).is_ok())
}

fn main() {
    let mut threads = 1usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-j" => {
                threads = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n >= 1)
                    .unwrap_or_else(|| {
                        eprintln!("parse-floor: -j takes a thread count");
                        std::process::exit(2)
                    })
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let mut files = Vec::new();
    for path in &paths {
        collect(path, &mut files);
    }
    files.sort();
    let next = AtomicUsize::new(0);
    let work = || {
        let (mut ok, mut bad, mut unreadable) = (0usize, 0usize, 0usize);
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = files.get(i) else { break };
            match parse(path) {
                Some(true) => ok += 1,
                Some(false) => bad += 1,
                None => unreadable += 1,
            }
        }
        (ok, bad, unreadable)
    };
    let (ok, bad, unreadable) = if threads == 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("worker"))
                .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
        })
    };
    println!(
        "{} files: {ok} parsed, {bad} not JSON, {unreadable} unreadable",
        files.len()
    );
}
