//! Turns command-line paths into the list of files to check.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// How a file came to be checked: named, found in a directory walk, or stdin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Explicit,
    Walked,
    Stdin,
}

/// One thing to check.
#[derive(Clone, Debug)]
pub enum Input {
    File {
        path: PathBuf,
        origin: Origin,
    },
    /// Standard input, already read, with the name to report it under.
    Stdin {
        name: String,
        bytes: Vec<u8>,
    },
    /// A path that could not be listed (a walk error), reported as a read failure.
    Unreadable {
        path: PathBuf,
        error: String,
    },
}

impl Input {
    pub fn display_path(&self) -> String {
        match self {
            Input::File { path, .. } | Input::Unreadable { path, .. } => display(path),
            Input::Stdin { name, .. } => name.clone(),
        }
    }
}

/// A path as reports show it: relative paths as given, `./` dropped.
pub fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}

/// Folders never walked into.
const SKIPPED_DIRS: [&str; 2] = ["node_modules", "target"];

/// Explicit files are always checked; directories are walked for `*.json`,
/// skipping hidden folders, `node_modules` and `target`, in sorted order.
/// `exclude` is asked of each walked path (config globs).
pub fn collect(paths: &[PathBuf], exclude: &dyn Fn(&Path) -> bool) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk_dir(path, exclude, &mut inputs);
        } else {
            inputs.push(Input::File {
                path: path.clone(),
                origin: Origin::Explicit,
            });
        }
    }
    inputs
}

fn walk_dir(root: &Path, exclude: &dyn Fn(&Path) -> bool, inputs: &mut Vec<Input>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_dir()
                && (name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref()))
            {
                return false;
            }
            !exclude(entry.path())
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_json = entry.path().extension().is_some_and(|e| e == "json");
                if is_json && !entry.file_type().is_dir() {
                    inputs.push(Input::File {
                        path: entry.into_path(),
                        origin: Origin::Walked,
                    });
                }
            }
            Err(error) => {
                let path = error
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let is_json = path.extension().is_some_and(|e| e == "json");
                // Loops and unreadable folders are reported; a broken link
                // not named `*.json` is not something we were asked to check.
                if is_json
                    || error.loop_ancestor().is_some()
                    || error
                        .io_error()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied)
                {
                    let reason = if error.loop_ancestor().is_some() {
                        "symbolic link loop".to_owned()
                    } else {
                        error
                            .io_error()
                            .map_or_else(|| error.to_string(), |e| e.to_string())
                    };
                    inputs.push(Input::Unreadable {
                        path,
                        error: reason,
                    });
                }
            }
        }
    }
}
