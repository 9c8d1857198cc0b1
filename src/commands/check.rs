//! `pairlint check`: run the rules over PATHs and render the findings (or, with
//! `--statistics`, a count per rule); `--fix` and `--diff` go through `fix` first.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{EXIT_CLEAN, EXIT_FINDINGS, Plan, output_error, plan};
use crate::diagnostic::Severity;
use crate::engine;
use crate::engine::config::ConfigError;
use crate::render::{self, Format};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Corpus roots, scenario folders or files; a file brings its scenario's other files.
    paths: Vec<PathBuf>,
    /// Output format (human on a terminal, concise otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Colour in human output; `auto` obeys NO_COLOR and whether stdout is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Exit 0 even when findings reach --fail-on (still 2 when the tool cannot run).
    #[arg(long)]
    exit_zero: bool,
    /// Run only these rules (comma-separated or repeated); overrides the config's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Vec<String>,
    /// Skip these rules (comma-separated or repeated); adds to the config's `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Print a count per rule instead of each finding.
    #[arg(long)]
    statistics: bool,
    /// Use this pairlint.toml instead of searching from the first PATH upward.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Fix what is mechanical (bom, crlf, trailing-whitespace, control-char) in place, then
    /// report what remains. Prose is never changed.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print the fixes --fix would make as a unified diff and change nothing (exit 1 if any).
    #[arg(long)]
    diff: bool,
}

pub fn check(args: CheckArgs, out: &mut dyn Write) -> Result<i32, ConfigError> {
    let sarif = args.format == Some(Format::Sarif);
    let result = check_inner(args, out);
    if let (true, Err(e)) = (sarif, &result) {
        // A CI upload step still gets a log that says why nothing was checked.
        let _ = crate::render::sarif::render_failure(&e.0, out);
    }
    result
}

fn check_inner(args: CheckArgs, out: &mut dyn Write) -> Result<i32, ConfigError> {
    let Plan {
        paths,
        targets,
        profiles,
        profile_of,
    } = plan(
        &args.paths,
        args.config.as_ref(),
        &args.select,
        &args.ignore,
    )?;

    if targets.scenarios.is_empty() {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "pairlint: warning: no scenarios found under {} (a scenario is a folder holding .txt texts)",
            list.join(", ")
        );
    }

    if args.fix || args.diff {
        let changed = super::fix::apply(&targets, &profiles, &profile_of, args.diff, out)?;
        if args.diff {
            return Ok(if changed > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            });
        }
    }

    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Human
    } else {
        Format::Concise
    });
    let keep_sources = matches!(format, Format::Human | Format::Sarif);
    let outcome = engine::run_with(&targets, &profiles, &profile_of, keep_sources);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let io = output_error;
    if args.statistics {
        render_statistics(format, &outcome, out).map_err(io)?;
    } else {
        render::render(format, &outcome.diagnostics, &outcome.summary, color, out).map_err(io)?;
    }

    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failing = outcome.diagnostics.iter().any(|d| d.severity >= threshold);
    Ok(if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `--statistics`: one row per rule that fired, most frequent first.
fn render_statistics(
    format: Format,
    outcome: &engine::Outcome,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut counts: Vec<(&str, Severity, usize)> = Vec::new();
    for d in &outcome.diagnostics {
        match counts
            .iter_mut()
            .find(|(r, s, _)| *r == d.rule && *s == d.severity)
        {
            Some(row) => row.2 += 1,
            None => counts.push((d.rule, d.severity, 1)),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    if format == Format::Json {
        let rows: Vec<serde_json::Value> = counts
            .iter()
            .map(|(rule, severity, count)| {
                serde_json::json!({ "rule": rule, "severity": severity.as_str(), "count": count })
            })
            .collect();
        let doc = serde_json::json!({
            "version": 1,
            "statistics": rows,
            "summary": outcome.summary,
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
        return writeln!(out);
    }
    for (rule, severity, count) in &counts {
        writeln!(out, "{count:>6}  {:<8} {rule}", severity.as_str())?;
    }
    writeln!(out, "pairlint: {}", outcome.summary.line())
}
