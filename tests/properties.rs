//! Property tests: valid payloads mutated (byte flips, insertions, deletions,
//! truncations) and random bytes never panic; every reported range lies in
//! the file on character boundaries; line/column in the JSON output agree
//! with the byte range; the JSON output always parses; masking keeps lengths.
//!
//! Case counts are modest so the whole file runs in seconds; raise them with
//! `PROPTEST_CASES=5000 cargo test --test properties`.

mod common;

use common::root;
use credlint::render::{self, Format, RenderOptions};
use credlint::{Config, Engine, FileReport, Input, Span};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Config::new()).unwrap())
}

/// Valid payloads to mutate: the reference examples and the contract fixtures.
fn seeds() -> &'static Vec<Vec<u8>> {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = Vec::new();
        for dir in ["fixtures/reference", "fixtures/contract", "fixtures/secrets"] {
            let mut paths: Vec<_> = std::fs::read_dir(root().join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            paths.sort();
            seeds.extend(paths.iter().map(|p| std::fs::read(p).unwrap()));
        }
        seeds.push(
            br#"[{"username": "a", "hostname": "h", "ip": "1.1.1.1", "content": "pw"}, {"username": "a", "hostname": "h", "ip": "1.1.1.1"}]"#
                .to_vec(),
        );
        seeds
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Inserted bytes lean towards JSON punctuation, quotes, escapes and
    // multi-byte starts, where parsers break.
    let byte = prop_oneof![
        any::<u8>(),
        prop::sample::select(
            b"{}[]\",:\\ \n\tu0123456789eE.-+tfn'/\x00\xC3\xA9\xE2\x82\xAC\xF0\x9F".to_vec()
        ),
    ];
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(i, x)| Mutation::Flip(i, x)),
        (any::<usize>(), prop::collection::vec(byte, 1..6))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..20).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        match m {
            Mutation::Flip(i, x) if len > 0 => bytes[i % len] ^= x,
            Mutation::Insert(i, b) => {
                let at = i % (len + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Mutation::Delete(i, n) if len > 0 => {
                let at = i % len;
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::Truncate(i) => bytes.truncate(i % (len + 1)),
            _ => {}
        }
    }
    bytes
}

/// 1-based line and column (in characters) of a byte offset, the slow way.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |n| n + 1);
    (line, text[start..offset].chars().count() + 1)
}

fn check_span(file: &FileReport, span: Span, what: &str) -> Result<(), TestCaseError> {
    let text = &file.source;
    prop_assert!(span.start <= span.end, "{what}: reversed {span:?}");
    prop_assert!(
        span.end <= text.len(),
        "{what}: {span:?} past {}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} splits a character"
    );
    Ok(())
}

fn check_range(text: &str, span: Span, range: &Value) -> Result<(), TestCaseError> {
    for (offset, end) in [(span.start, "start"), (span.end, "end")] {
        let (line, column) = line_column(text, offset);
        prop_assert_eq!(
            range[end]["line"].as_u64(),
            Some(line as u64),
            "{} line of {:?}",
            end,
            span
        );
        prop_assert_eq!(
            range[end]["column"].as_u64(),
            Some(column as u64),
            "{} column of {:?}",
            end,
            span
        );
    }
    Ok(())
}

fn check_all(bytes: &[u8]) -> Result<(), TestCaseError> {
    let report = engine().check(vec![Input::Stdin {
        name: "x.json".into(),
        bytes: bytes.to_vec(),
    }]);
    prop_assert_eq!(report.files.len(), 1);
    let file = &report.files[0];
    for d in &file.diagnostics {
        check_span(file, d.span, d.rule)?;
        for r in &d.related {
            prop_assert!(r.path.is_none());
            check_span(file, r.span, "related")?;
        }
    }
    let mut outputs = Vec::new();
    for format in Format::ALL {
        outputs.push((
            *format,
            render::render(&report, *format, &RenderOptions::default()),
        ));
    }
    let json_text = &outputs
        .iter()
        .find(|(f, _)| *f == Format::Json)
        .expect("a JSON format")
        .1;
    let json: Value = serde_json::from_str(json_text)
        .map_err(|e| TestCaseError::fail(format!("JSON output does not parse: {e}")))?;
    let shown = json["files"][0]["diagnostics"].as_array().unwrap();
    prop_assert_eq!(shown.len(), file.diagnostics.len());
    for (d, j) in file.diagnostics.iter().zip(shown) {
        check_range(&file.source, d.span, &j["range"])?;
        for (r, jr) in d.related.iter().zip(j["related"].as_array().unwrap()) {
            check_range(&file.source, r.span, &jr["range"])?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_payloads(seed in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let seeds = seeds();
        let bytes = apply(seeds[seed.index(seeds.len())].clone(), &mutations);
        check_all(&bytes)?;
    }

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_all(&bytes)?;
    }

    #[test]
    fn random_json_ish_text(bytes in prop::collection::vec(
        prop::sample::select(b"{}[]\",:\\ \nu0123eE.-truefalsnl\"content\"valuesecret_key\xC3\xA9".to_vec()),
        0..200,
    )) {
        check_all(&bytes)?;
    }

    /// Whatever happens to the text around a secret (broken quotes, stray
    /// backslashes, binary bytes, truncation after it), the secret never
    /// appears in any output.
    #[test]
    fn secrets_survive_no_mutation_around_them(
        key in prop::sample::select(vec!["content", "secret_key", "value", "contnet", "password", "con\\u0074ent"]),
        tail in "[A-Za-z0-9]{0,12}",
        quoted in any::<bool>(),
        prefix_mutations in prop::collection::vec(mutation(), 0..5),
        suffix_mutations in prop::collection::vec(mutation(), 0..5),
    ) {
        let secret = format!("ZZSECRETZZ{tail}");
        let value = if quoted { format!("\"{secret}\"") } else { secret.clone() };
        let prefix = apply(br#"{"username": "u", "hostname": "h", "ip": "10.0.0.1", "notes": "a \"b\" c", "#.to_vec(), &prefix_mutations);
        let suffix = apply(br#", "tags": "x", "additional_settings": {"criticality": "High"}}"#.to_vec(), &suffix_mutations);
        let mut bytes = prefix;
        bytes.extend_from_slice(format!("\"{key}\": {value}").as_bytes());
        bytes.extend_from_slice(&suffix);
        let report = engine().check(vec![Input::Stdin { name: "x.json".into(), bytes }]);
        for format in Format::ALL {
            let out = render::render(&report, *format, &RenderOptions::default());
            prop_assert!(!out.contains("ZZSECRETZZ"), "{:?} leaked:\n{}", format, out);
        }
    }

    #[test]
    fn masking_keeps_lengths_lines_and_columns(text in "[ -~\\n\u{e9}\u{20ac}\u{1f600}]{0,200}", key in prop::sample::select(vec!["content", "secret_key", "value", "contnet", "name"])) {
        let text = format!("{{\"{key}\": {text}");
        let masked = credlint::secrets::mask(&text, &[]);
        prop_assert_eq!(masked.text.len(), text.len());
        prop_assert_eq!(masked.text.chars().count(), text.chars().count());
        let lines = |t: &str| t.match_indices('\n').map(|(i, _)| i).collect::<Vec<_>>();
        prop_assert_eq!(lines(&masked.text), lines(&text));
    }
}
