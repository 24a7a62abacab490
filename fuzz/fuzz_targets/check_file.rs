//! The whole check of one file: decode, mask, parse, schema, rules, every
//! renderer. Panics (or a hang, which libFuzzer reports as a timeout) are bugs.
#![no_main]

use credlint::render::{self, Format, RenderOptions};
use credlint::{Config, Engine, Input};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Config::new()).expect("the engine builds"))
}

fuzz_target!(|data: &[u8]| {
    let report = engine().check(vec![Input::Stdin {
        name: "fuzz.json".into(),
        bytes: data.to_vec(),
    }]);
    let file = &report.files[0];
    let text = &file.source;
    assert_eq!(text.len(), String::from_utf8_lossy(data).len());
    for d in &file.diagnostics {
        let spans = std::iter::once(d.span).chain(d.related.iter().map(|r| r.span));
        for span in spans {
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    for format in Format::ALL {
        let out = render::render(&report, *format, &RenderOptions::default());
        if *format == Format::Json {
            serde_json::from_str::<serde_json::Value>(&out).expect("the JSON output parses");
        }
    }
});
