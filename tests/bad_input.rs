//! Bad input gets a clear diagnostic, never a panic or a hang; one bad file
//! never stops the others; exit 2 only when a file could not be read, and
//! the report says which.

mod common;

use credlint::render::{self, Format, RenderOptions};
use credlint::{Config, Engine, FileReport, Input, Origin, Report};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PAYLOAD: &str = r#"{"username": "u", "hostname": "h", "ip": "10.0.0.1"}"#;

fn engine() -> Engine {
    Engine::new(Config::new()).unwrap()
}

fn check_bytes(bytes: &[u8]) -> FileReport {
    let report = engine().check(vec![Input::Stdin {
        name: "x.json".into(),
        bytes: bytes.to_vec(),
    }]);
    render_everything(&report);
    report.files.into_iter().next().unwrap()
}

fn check_paths(paths: &[PathBuf]) -> Report {
    let inputs = credlint::walk::collect(paths, &|_| false);
    let report = engine().check(inputs);
    render_everything(&report);
    report
}

/// Every format renders, and the JSON output parses.
fn render_everything(report: &Report) {
    for format in Format::ALL {
        let out = render::render(report, *format, &RenderOptions::default());
        if *format == Format::Json {
            serde_json::from_str::<Value>(&out).expect("the JSON output parses");
        }
    }
}

fn only_diagnostic<'a>(file: &'a FileReport, rule: &str) -> &'a credlint::Diagnostic {
    assert_eq!(
        file.diagnostics.len(),
        1,
        "expected one {rule}: {:#?}",
        file.diagnostics
    );
    let d = &file.diagnostics[0];
    assert_eq!(d.rule, rule, "{d:#?}");
    d
}

#[test]
fn empty_and_blank_files() {
    let d = only_diagnostic(&check_bytes(b""), "invalid-json").clone();
    assert!(d.message.contains("empty"), "{}", d.message);
    for blank in [&b"   "[..], b"\n\n\t\r\n", b" \n"] {
        let file = check_bytes(blank);
        let d = only_diagnostic(&file, "invalid-json");
        assert!(d.message.contains("whitespace"), "{}", d.message);
    }
}

#[test]
fn byte_order_mark_is_reported_and_the_rest_still_checked() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(br#"{"username": "u", "hostname": "h"}"#);
    let file = check_bytes(&bytes);
    let rules: Vec<_> = file.diagnostics.iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"invalid-json"), "{rules:?}");
    assert!(rules.contains(&"missing-required"), "{rules:?}");
    let bom = file
        .diagnostics
        .iter()
        .find(|d| d.rule == "invalid-json")
        .unwrap();
    assert!(bom.message.contains("byte order mark"));
    assert!(bom.help.as_deref().unwrap().contains("server"));
    assert_eq!((bom.span.start, bom.span.end), (0, 3));
}

#[test]
fn invalid_utf8_binary_and_utf16() {
    let file = check_bytes(b"{\"username\": \"caf\xE9\"}");
    let d = only_diagnostic(&file, "invalid-json");
    assert!(d.message.contains("invalid UTF-8"), "{}", d.message);
    // A truncated multi-byte sequence at the very end.
    let file = check_bytes(b"{\"username\": \"\xE2\x82");
    only_diagnostic(&file, "invalid-json");
    // Binary content, NUL bytes.
    let file = check_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xff");
    let d = only_diagnostic(&file, "invalid-json");
    assert!(d.message.contains("not text"), "{}", d.message);
    let file = check_bytes(b"{\"username\": \"u\"\x00\x00\x00}");
    let d = only_diagnostic(&file, "invalid-json");
    assert!(d.message.contains("U+0000"), "{}", d.message);
    let file = check_bytes(b"\x00\x00\x00\x00");
    only_diagnostic(&file, "invalid-json");
    // UTF-16 with a byte order mark: named as such.
    let utf16: Vec<u8> = std::iter::once(0xFEFFu16)
        .chain(PAYLOAD.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let d = only_diagnostic(&check_bytes(&utf16), "invalid-json").clone();
    assert!(d.message.contains("UTF-16"), "{}", d.message);
}

#[test]
fn deep_nesting_is_reported_not_a_stack_overflow() {
    for text in [
        "[".repeat(100_000),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        "{\"a\":".repeat(100_000),
        format!("{{\"username\": {}", "[".repeat(100_000)),
    ] {
        let file = check_bytes(text.as_bytes());
        let d = only_diagnostic(&file, "invalid-json");
        assert!(d.message.contains("deeper"), "{}", d.message);
    }
}

#[test]
fn over_the_size_limit_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    // Sparse: the size says 9 MiB, nothing is written.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(credlint::config::DEFAULT_MAX_FILE_SIZE + 1)
        .unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, PAYLOAD).unwrap();
    let report = check_paths(&[big.clone(), good.clone()]);
    assert_eq!(report.files.len(), 2);
    let error = report.files[0]
        .read_error
        .as_deref()
        .expect("big.json is refused");
    assert!(error.contains("size limit"), "{error}");
    assert!(error.contains("max_file_size"), "{error}");
    assert!(report.files[1].read_error.is_none());
    assert_eq!(report.exit_code(false), 2);

    // A configured limit.
    let mut config = Config::new();
    config.max_file_size = 10;
    let report = Engine::new(config).unwrap().check(vec![Input::File {
        path: good,
        origin: Origin::Explicit,
    }]);
    assert!(report.files[0].read_error.is_some());
}

#[test]
fn long_lines_and_huge_numbers_stay_fast() {
    // One line, megabytes long, many diagnostics.
    let mut text = String::from("[");
    for i in 0..20_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!("{i}"));
    }
    text.push(']');
    let started = Instant::now();
    let report = engine().check(vec![Input::Stdin {
        name: "x.json".into(),
        bytes: text.into_bytes(),
    }]);
    assert_eq!(report.files[0].diagnostics.len(), 20_000);
    for format in Format::ALL {
        render::render(&report, *format, &RenderOptions::default());
    }
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );

    let long_string = format!(
        r#"{{"username": "u", "hostname": "{}", "ip": "10.0.0.1"}}"#,
        "h".repeat(2_000_000)
    );
    check_bytes(long_string.as_bytes());
    for number in [
        "1".repeat(100_000),
        format!("0.{}", "1".repeat(100_000)),
        "1e999999999999999999".to_owned(),
        "-1e-999999999999999999".to_owned(),
        format!("-{}e{}", "9".repeat(5_000), "9".repeat(5_000)),
    ] {
        let text = format!(
            r#"{{"username": "u", "hostname": "h", "ip": "1.1.1.1", "parent_password": {number}}}"#
        );
        let file = check_bytes(text.as_bytes());
        assert!(file.diagnostics.iter().all(|d| d.rule != "invalid-json"));
    }
}

#[test]
fn lone_surrogates_are_invalid_json() {
    for text in [
        r#"{"username": "\uD800"}"#,
        r#"{"username": "\uDC00"}"#,
        r#"{"username": "\uD800\u0041"}"#,
        r#"{"username": "\uD800\uD800"}"#,
        r#"{"\uDFFF": 1}"#,
        r#"{"username": "\uD83D"#,
    ] {
        let file = check_bytes(text.as_bytes());
        let d = only_diagnostic(&file, "invalid-json");
        assert!(
            d.message.contains("surrogate") || d.message.contains("never closed"),
            "{text}: {}",
            d.message
        );
    }
}

#[test]
fn duplicate_keys_deep_inside_arrays() {
    let text = r#"[{"username": "u", "hostname": "h", "ip": "1.1.1.1", "session_settings": {"macros": [{"remote_app": "a", "remote_app": "b", "connectivity": "SSH"}]}}]"#;
    let file = check_bytes(text.as_bytes());
    let d = file
        .diagnostics
        .iter()
        .find(|d| d.rule == "duplicate-key")
        .expect("duplicate-key");
    assert_eq!(d.pointer, "/0/session_settings/macros/0/remote_app");
    assert_eq!(&text[d.span.start..d.span.end], "\"remote_app\"");
    assert_eq!(d.related.len(), 1);
    assert!(d.related[0].span.start < d.span.start);
}

// --- file system faults -----------------------------------------------------

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn unreadable_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A path through a file: fails to open even for root.
    let plain = dir.path().join("plain.json");
    std::fs::write(&plain, PAYLOAD).unwrap();
    let through = plain.join("inner.json");
    let report = engine().check(vec![Input::File {
        path: through,
        origin: Origin::Explicit,
    }]);
    assert!(report.files[0].read_error.is_some());
    assert_eq!(report.exit_code(false), 2);

    let locked = dir.path().join("locked.json");
    std::fs::write(&locked, PAYLOAD).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let report = check_paths(&[locked.clone(), plain]);
    if is_root() {
        eprintln!("running as root: mode 000 does not stop reads, the file is checked");
        assert!(report.files[0].read_error.is_none());
    } else {
        let error = report.files[0].read_error.as_deref().unwrap();
        assert!(error.contains("permission denied"), "{error}");
    }
    assert!(report.files[1].read_error.is_none());
}

#[test]
fn symlinks_broken_and_looping() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    symlink(d.join("nowhere.json"), d.join("broken.json")).unwrap();
    symlink(d.join("loop-b.json"), d.join("loop-a.json")).unwrap();
    symlink(d.join("loop-a.json"), d.join("loop-b.json")).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    symlink(d, d.join("sub/up")).unwrap();
    std::fs::write(d.join("good.json"), PAYLOAD).unwrap();

    // Named explicitly.
    let report = check_paths(&[
        d.join("broken.json"),
        d.join("loop-a.json"),
        d.join("good.json"),
    ]);
    assert_eq!(report.files.len(), 3);
    let named = |name: &str| {
        report
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .unwrap()
    };
    let error = named("broken.json").read_error.as_deref().unwrap();
    assert!(error.contains("broken symbolic link"), "{error}");
    let error = named("loop-a.json").read_error.as_deref().unwrap();
    assert!(error.contains("symbolic link"), "{error}");
    assert!(named("good.json").read_error.is_none());
    assert_eq!(report.exit_code(false), 2);

    // Walked: the directory loop is reported once, the walk ends.
    let report = check_paths(&[d.to_path_buf()]);
    let errors: Vec<_> = report
        .files
        .iter()
        .filter_map(|f| {
            f.read_error
                .as_deref()
                .map(|e| (f.path.clone(), e.to_owned()))
        })
        .collect();
    assert!(
        errors.iter().any(|(p, _)| p.ends_with("broken.json")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|(_, e)| e.contains("loop")), "{errors:?}");
    assert!(report
        .files
        .iter()
        .any(|f| f.path.ends_with("good.json") && f.read_error.is_none()));
}

#[test]
fn a_directory_named_like_a_payload() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("x.json");
    std::fs::create_dir(&x).unwrap();
    std::fs::write(x.join("inner.json"), PAYLOAD).unwrap();
    // Named: walked as the directory it is.
    let report = check_paths(std::slice::from_ref(&x));
    assert_eq!(report.files.len(), 1);
    assert!(report.files[0].path.ends_with("inner.json"));
    // Walked: a folder, not a file.
    let report = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.files.len(), 1);
    // Handed to the engine as a file anyway.
    let report = engine().check(vec![Input::File {
        path: x,
        origin: Origin::Explicit,
    }]);
    let error = report.files[0].read_error.as_deref().unwrap();
    assert!(error.contains("directory"), "{error}");
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn fifos_are_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    mkfifo(&fifo);
    std::fs::write(dir.path().join("good.json"), PAYLOAD).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let paths = vec![fifo.clone(), dir.path().to_path_buf()];
    std::thread::spawn(move || {
        let _ = tx.send(check_paths(&paths));
    });
    let report = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a FIFO must not block the check");
    // Named, and found again in the walk.
    let fifo_reports: Vec<_> = report
        .files
        .iter()
        .filter(|f| f.path.ends_with("pipe.json"))
        .collect();
    assert_eq!(fifo_reports.len(), 2);
    for f in fifo_reports {
        let error = f.read_error.as_deref().unwrap();
        assert!(error.contains("FIFO"), "{error}");
    }
    assert!(report
        .files
        .iter()
        .any(|f| f.path.ends_with("good.json") && f.read_error.is_none()));
}

#[test]
fn non_utf8_file_names() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"caf\xE9.json");
    let path = dir.path().join(name);
    if std::fs::write(&path, PAYLOAD).is_err() {
        eprintln!("this file system refuses non-UTF-8 names: skipped");
        return;
    }
    let report = check_paths(std::slice::from_ref(&path));
    assert_eq!(report.files.len(), 1);
    assert!(report.files[0].read_error.is_none());
    assert!(report.files[0].path.contains("caf\u{fffd}.json"));
    let report = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.files.len(), 1);
    assert!(report.files[0].read_error.is_none());
}

// --- the command line ---------------------------------------------------------

/// Runs the binary, failing (not hanging) after a minute.
fn run_cli(dir: &Path, args: &[&std::ffi::OsStr]) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_credlint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("credlint hung on {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn one_bad_file_never_stops_the_others() {
    use std::ffi::OsStr;
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a-good.json"), PAYLOAD).unwrap();
    std::fs::write(d.join("b-broken.json"), "{\"username\": ").unwrap();
    std::fs::write(d.join("c-binary.json"), b"\x00\xff\xfe\x00").unwrap();
    mkfifo(&d.join("d-pipe.json"));
    symlink(d.join("gone.json"), d.join("e-dangling.json")).unwrap();
    std::fs::write(d.join("f-empty.json"), "").unwrap();
    std::fs::write(d.join("g-deep.json"), "[".repeat(100_000)).unwrap();
    std::fs::write(d.join("h-good.json"), PAYLOAD).unwrap();
    let names = [
        "a-good.json",
        "b-broken.json",
        "c-binary.json",
        "d-pipe.json",
        "e-dangling.json",
        "f-empty.json",
        "g-deep.json",
        "missing.json",
        "h-good.json",
    ];
    let mut args: Vec<&OsStr> = ["check", "--format", "json"].map(OsStr::new).to_vec();
    args.extend(names.iter().map(OsStr::new));
    let (stdout, stderr, code) = run_cli(d, &args);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("JSON output");
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), names.len(), "{stdout}");
    let by_name = |name: &str| files.iter().find(|f| f["path"] == name).unwrap();
    for unreadable in ["d-pipe.json", "e-dangling.json", "missing.json"] {
        assert!(
            by_name(unreadable)["error"].is_string(),
            "{unreadable}: {stdout}"
        );
    }
    for invalid in [
        "b-broken.json",
        "c-binary.json",
        "f-empty.json",
        "g-deep.json",
    ] {
        let f = by_name(invalid);
        assert!(f.get("error").is_none());
        assert_eq!(f["diagnostics"][0]["rule"], "invalid-json", "{invalid}");
    }
    for good in ["a-good.json", "h-good.json"] {
        assert!(by_name(good).get("error").is_none());
    }
    // The human formats name each unreadable file too.
    for format in ["pretty", "concise"] {
        let mut args: Vec<&OsStr> = ["check", "--format", format].map(OsStr::new).to_vec();
        args.extend(names.iter().map(OsStr::new));
        let (stdout, _, code) = run_cli(d, &args);
        assert_eq!(code, 2);
        for unreadable in ["d-pipe.json", "e-dangling.json", "missing.json"] {
            assert!(stdout.contains(unreadable), "{format}: {stdout}");
        }
        assert!(
            stdout.contains("3 files could not be read"),
            "{format}: {stdout}"
        );
    }
    // Without the unreadable ones: exit 1 (errors), not 2.
    let args: Vec<&OsStr> = ["check", "b-broken.json", "c-binary.json", "a-good.json"]
        .map(OsStr::new)
        .to_vec();
    let (_, _, code) = run_cli(d, &args);
    assert_eq!(code, 1);
    // The directory walk, FIFO included, does not block either.
    let (stdout, _, code) = run_cli(d, &["check", "--format", "concise", "."].map(OsStr::new));
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("d-pipe.json"), "{stdout}");
}

#[test]
fn stdin_over_the_size_limit_is_not_read_whole() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_credlint"))
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "big.json",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b' '; 1 << 20];
        // credlint stops reading after the limit: the pipe may close under us.
        for _ in 0..(credlint::config::DEFAULT_MAX_FILE_SIZE / (1 << 20) + 2) {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert_eq!(json["files"][0]["path"], "big.json");
    let error = json["files"][0]["error"].as_str().unwrap();
    assert!(error.contains("size limit"), "{error}");
}
