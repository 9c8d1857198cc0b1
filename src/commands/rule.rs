//! `pairlint rule NAME` (one rule's explanation) and `pairlint rules` (the list).

use std::io::Write;

use clap::ValueEnum;

use super::{EXIT_CLEAN, output_error};
use crate::engine::config::{ConfigError, unknown_rule_message};
use crate::rules;

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

pub fn explain(name: &str, out: &mut dyn Write) -> Result<i32, ConfigError> {
    let rule = rules::find(name).ok_or_else(|| ConfigError(unknown_rule_message(name)))?;
    let io = output_error;
    writeln!(
        out,
        "# {}\n\nscope: {} | default severity: {} | fixable: {}\n\n{}.\n\n{}",
        rule.name,
        rule.scope.as_str(),
        rule.severity,
        if rule.fixable { "yes" } else { "no" },
        capitalize(rule.summary),
        rule.explanation_text()
    )
    .map_err(io)?;
    Ok(EXIT_CLEAN)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn list(format: ListFormat, out: &mut dyn Write) -> Result<i32, ConfigError> {
    let io = output_error;
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = rules::ALL
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "name": m.name,
                        "scope": m.scope,
                        "severity": m.severity,
                        "fixable": m.fixable,
                        "summary": m.summary,
                        "explanation": m.explanation_text(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)
                .map_err(|e| ConfigError(e.to_string()))?;
            writeln!(out).map_err(io)?;
        }
        ListFormat::Human => {
            for r in rules::ALL {
                let m = r.meta();
                writeln!(
                    out,
                    "{:<24} {:<9} {:<8} {}{}",
                    m.name,
                    m.scope.as_str(),
                    m.severity.as_str(),
                    m.summary,
                    if m.fixable { " (fixable)" } else { "" }
                )
                .map_err(io)?;
            }
        }
    }
    Ok(EXIT_CLEAN)
}
