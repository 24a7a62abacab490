//! One line per diagnostic: `path:line:col: severity[rule] message`.

use super::{positions, shown, summary_line, RenderOptions};
use crate::engine::Report;
use std::fmt::Write;

pub fn render(report: &Report, options: &RenderOptions) -> String {
    let mut out = String::new();
    for file in &report.files {
        if let Some(error) = &file.read_error {
            let _ = writeln!(out, "{}: error[read] {error}", file.path);
        }
        for d in shown(file, options) {
            let (start, _) = positions(file, d.span);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.path, start.line, start.column, d.severity, d.rule, d.message
            );
        }
    }
    let _ = writeln!(out, "{}", summary_line(report, options));
    out
}
