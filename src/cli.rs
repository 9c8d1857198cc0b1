//! Command line: parse, resolve configuration, run, render, choose the exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{ConfigError, Settings, unknown_rule_message};
use crate::corpus;
use crate::diagnostic::Severity;
use crate::engine;
use crate::render::{self, Format};
use crate::rules;

/// Exit codes: 0 clean, 1 findings at or above the threshold, 2 the tool could not run.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_FAILURE: i32 = 2;

#[derive(Parser)]
#[command(
    name = "pairlint",
    version,
    about = "Lint corpora of paired emotion scenarios before they train a steering vector",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check scenarios: a corpus root, scenario folders or single files (default ./paired).
    Check(CheckArgs),
    /// Explain one rule: what it checks, why it matters, an example, its options.
    Rule {
        /// The rule's name, e.g. length-mismatch.
        name: String,
    },
    /// List every rule with its scope, default severity and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Run the language server over stdio (for editors).
    Lsp,
    /// Write a self-contained HTML report: coverage heatmap, length ratios, findings.
    Report {
        /// Corpus roots or scenario folders (default ./paired).
        paths: Vec<PathBuf>,
        /// The HTML file to write.
        #[arg(long, value_name = "FILE")]
        html: PathBuf,
        /// Use this pairlint.toml instead of searching from the first PATH upward.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Export the validated corpus as JSON Lines, one record per variant (refuses while
    /// errors remain).
    Export {
        /// Corpus roots or scenario folders (default ./paired).
        paths: Vec<PathBuf>,
        /// `jsonl`: every field of a variant and its baseline; `pairs`: `positive` (the
        /// variant) and `negative` (its baseline) with scenario, emotion and family.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// `--by emotion DIR`: write one file per emotion, DIR/<emotion>.jsonl, instead of
        /// standard output.
        #[arg(long, num_args = 2, value_names = ["KEY", "DIR"])]
        by: Option<Vec<String>>,
        /// Export even when the corpus has errors.
        #[arg(long)]
        allow_errors: bool,
        /// Use this pairlint.toml instead of searching from the first PATH upward.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Coverage (scenario x emotion, by family) and length tables.
    Stats {
        /// Corpus roots or scenario folders (default ./paired).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = StatsFormat::Human)]
        format: StatsFormat,
        /// Use this pairlint.toml instead of searching from the first PATH upward.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Jsonl,
    Pairs,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatsFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Args)]
struct CheckArgs {
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

/// The error a write to a closed pipe becomes, so `run` can end quietly.
const BROKEN_PIPE: &str = "\u{0}broken pipe";

/// An output error, with a closed pipe marked.
fn output_error(e: std::io::Error) -> ConfigError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ConfigError(BROKEN_PIPE.to_string())
    } else {
        ConfigError(format!("cannot write output: {e}"))
    }
}

/// Run the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_FAILURE
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return code;
        }
    };
    if let Command::Lsp = cli.command {
        // The server's writer thread owns stdout (JSON-RPC), so it must not be locked here.
        return crate::lsp::run();
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Check(args) => check(args, &mut out),
        Command::Rule { name } => explain(&name, &mut out),
        Command::Rules { format } => list(format, &mut out),
        Command::Lsp => unreachable!("handled before stdout is locked"),
        Command::Report {
            paths,
            html,
            config,
        } => report(paths, html, config),
        Command::Export {
            paths,
            format,
            by,
            allow_errors,
            config,
        } => export(paths, format, by, allow_errors, config, &mut out),
        Command::Stats {
            paths,
            format,
            config,
        } => stats(paths, format, config, &mut out),
    };
    let flushed = out.flush();
    match (result, flushed) {
        // The reader closed the pipe (`pairlint check | head`): its choice, not a failure.
        (Err(e), _) if e.0 == BROKEN_PIPE => EXIT_CLEAN,
        (Ok(code), Ok(())) => code,
        (Err(e), _) => {
            eprintln!("pairlint: error: {e}");
            EXIT_FAILURE
        }
        // A closed pipe (`pairlint check | head`) is the reader's choice, not a failure.
        (Ok(code), Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        (Ok(_), Err(e)) => {
            eprintln!("pairlint: error: cannot write output: {e}");
            EXIT_FAILURE
        }
    }
}

fn rule_names(names: &[String]) -> Result<Vec<&'static str>, ConfigError> {
    names
        .iter()
        .map(|n| {
            rules::find(n)
                .map(|r| r.name)
                .ok_or_else(|| ConfigError(unknown_rule_message(n)))
        })
        .collect()
}

fn check(args: CheckArgs, out: &mut dyn Write) -> Result<i32, ConfigError> {
    let sarif = args.format == Some(Format::Sarif);
    let result = check_inner(args, out);
    if let (true, Err(e)) = (sarif, &result) {
        // A CI upload step still gets a log that says why nothing was checked.
        let _ = crate::render::sarif::render_failure(&e.0, out);
    }
    result
}

/// What a run works on: the scenario folders, the distinct configurations, and which
/// configuration each scenario uses.
struct Plan {
    paths: Vec<PathBuf>,
    targets: corpus::Targets,
    profiles: Vec<engine::Profile>,
    profile_of: Vec<usize>,
}

/// Resolve PATHs and configuration: each scenario uses the nearest pairlint.toml above it (or
/// `config` for all); each distinct file is read once, and any error stops the run before
/// output starts.
fn plan(
    paths: &[PathBuf],
    config: Option<&PathBuf>,
    select: &[String],
    ignore: &[String],
) -> Result<Plan, ConfigError> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("paired")]
    } else {
        paths.to_vec()
    };
    let targets = corpus::discover(&paths).map_err(|e| ConfigError(e.0))?;
    let mut config_paths: Vec<Option<PathBuf>> = Vec::new();
    let mut profiles = Vec::new();
    let mut profile_of = Vec::with_capacity(targets.scenarios.len());
    let select = if select.is_empty() {
        None
    } else {
        Some(rule_names(select)?)
    };
    let ignore = rule_names(ignore)?;
    // Sibling scenarios share their parent's answer, so the upward search runs once per folder.
    let mut found_above: crate::tables::FxHashMap<PathBuf, Option<PathBuf>> = Default::default();
    for (dir, _, _) in &targets.scenarios {
        let config_path = match config {
            Some(p) => Some(p.clone()),
            None => {
                let own = dir.join(crate::config::FILE_NAME);
                if own.is_file() {
                    Some(own)
                } else {
                    let parent = std::path::absolute(dir)
                        .ok()
                        .and_then(|d| d.parent().map(PathBuf::from))
                        .unwrap_or_default();
                    found_above
                        .entry(parent.clone())
                        .or_insert_with(|| Settings::discover(&parent))
                        .clone()
                }
            }
        };
        let index = match config_paths.iter().position(|p| *p == config_path) {
            Some(i) => i,
            None => {
                profiles.push(engine::Profile::load(
                    config_path.as_deref(),
                    &select,
                    &ignore,
                )?);
                config_paths.push(config_path);
                profiles.len() - 1
            }
        };
        profile_of.push(index);
    }
    if profiles.is_empty() {
        // Nothing to check; still validate the configuration the user pointed at.
        let config_path = match config {
            Some(p) => Some(p.clone()),
            None => Settings::discover(&paths[0]),
        };
        profiles.push(engine::Profile::load(
            config_path.as_deref(),
            &select,
            &ignore,
        )?);
    }
    Ok(Plan {
        paths,
        targets,
        profiles,
        profile_of,
    })
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
        let changed = apply_fixes(&targets, &profiles, &profile_of, args.diff, out)?;
        if args.diff {
            return Ok(if changed > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            });
        }
    }

    let outcome = engine::run(&targets, &profiles, &profile_of);
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Human
    } else {
        Format::Concise
    });
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

/// Fix (or, with `preview`, print the diff of) every text the mechanical fixes change.
/// Returns how many files change. With file arguments only those files are touched.
fn apply_fixes(
    targets: &corpus::Targets,
    profiles: &[engine::Profile],
    profile_of: &[usize],
    preview: bool,
    out: &mut dyn Write,
) -> Result<usize, ConfigError> {
    let mut files = 0;
    for ((dir, root, focus), &p) in targets.scenarios.iter().zip(profile_of) {
        let profile = &profiles[p];
        let scenario = corpus::load_scenario(
            dir,
            root,
            focus.clone(),
            &profile.taxonomy,
            profile.settings.max_file_bytes,
        );
        for file in &scenario.files {
            let Some(doc) = file.doc() else { continue };
            if focus.as_ref().is_some_and(|f| !f.contains(&file.path)) {
                continue;
            }
            let enabled = |rule: &str| profile.rule_set.is_enabled(rule);
            let Some(fixed) = crate::fix::fix_text(&doc.text, &enabled) else {
                continue;
            };
            files += 1;
            let path = crate::render::path_str(&file.path);
            if preview {
                write!(
                    out,
                    "{}",
                    crate::fix::unified_diff(&path, &doc.text, &fixed.text)
                )
                .map_err(output_error)?;
            } else {
                crate::fix::write_atomic(&file.path, &fixed.text)
                    .map_err(|e| ConfigError(format!("cannot fix `{path}`: {e}")))?;
                eprintln!("pairlint: fixed {path} ({})", fixed.rules.join(", "));
            }
        }
    }
    let noun = if files == 1 { "file" } else { "files" };
    if preview {
        eprintln!("pairlint: {files} {noun} would be fixed");
    } else {
        eprintln!("pairlint: fixed {files} {noun}; what remains follows");
    }
    Ok(files)
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

fn stats(
    paths: Vec<PathBuf>,
    format: StatsFormat,
    config: Option<PathBuf>,
    out: &mut dyn Write,
) -> Result<i32, ConfigError> {
    let plan = plan(&paths, config.as_ref(), &[], &[])?;
    let stats = compute_stats(&plan);
    let io = output_error;
    match format {
        StatsFormat::Human => crate::stats::render_human(&stats, out),
        StatsFormat::Json => crate::stats::render_json(&stats, out),
        StatsFormat::Markdown => crate::stats::render_markdown(&stats, out),
    }
    .map_err(io)?;
    Ok(EXIT_CLEAN)
}

fn compute_stats(plan: &Plan) -> crate::stats::Stats {
    let scenarios: Vec<corpus::Scenario> = plan
        .targets
        .scenarios
        .iter()
        .zip(&plan.profile_of)
        .map(|((dir, root, _), &p)| {
            let profile = &plan.profiles[p];
            corpus::load_scenario(
                dir,
                root,
                None,
                &profile.taxonomy,
                profile.settings.max_file_bytes,
            )
        })
        .collect();
    crate::stats::compute(&scenarios, &plan.profiles[0].taxonomy)
}

fn report(paths: Vec<PathBuf>, html: PathBuf, config: Option<PathBuf>) -> Result<i32, ConfigError> {
    let plan = plan(&paths, config.as_ref(), &[], &[])?;
    let outcome = engine::run(&plan.targets, &plan.profiles, &plan.profile_of);
    let stats = compute_stats(&plan);
    let page = crate::report::render(
        &stats,
        &outcome.diagnostics,
        &outcome.summary,
        &plan.profiles[0].taxonomy,
        plan.profiles[0].settings.length_tolerance_percent,
    );
    std::fs::write(&html, page)
        .map_err(|e| ConfigError(format!("cannot write `{}`: {e}", html.display())))?;
    eprintln!(
        "pairlint: wrote {} ({})",
        html.display(),
        outcome.summary.line()
    );
    Ok(EXIT_CLEAN)
}

/// One JSON line per variant: what a training script reads.
#[derive(serde::Serialize)]
struct ExportRecord<'a> {
    scenario: &'a str,
    emotion: &'a str,
    family: &'a str,
    valence: f64,
    arousal: f64,
    path: String,
    baseline_path: String,
    text: &'a str,
    baseline: &'a str,
    words: usize,
    baseline_words: usize,
}

/// One contrastive pair per variant (`--format pairs`): the emotional text as `positive`, its
/// neutral baseline as `negative`, as CAA-style trainers take them.
#[derive(serde::Serialize)]
struct PairRecord<'a> {
    scenario: &'a str,
    emotion: &'a str,
    family: &'a str,
    positive: &'a str,
    negative: &'a str,
}

/// Where `export` writes: standard output, or one file per emotion in a folder.
enum ExportSink<'o> {
    Stdout(&'o mut dyn Write),
    ByEmotion {
        dir: PathBuf,
        files: std::collections::BTreeMap<String, std::io::BufWriter<std::fs::File>>,
    },
}

impl ExportSink<'_> {
    fn writer(&mut self, emotion: &str) -> std::io::Result<&mut dyn Write> {
        match self {
            ExportSink::Stdout(out) => Ok(&mut **out),
            ExportSink::ByEmotion { dir, files } => {
                if !files.contains_key(emotion) {
                    let file = std::fs::File::create(dir.join(format!("{emotion}.jsonl")))?;
                    files.insert(emotion.to_string(), std::io::BufWriter::new(file));
                }
                Ok(files.get_mut(emotion).expect("inserted above"))
            }
        }
    }
}

fn export(
    paths: Vec<PathBuf>,
    format: ExportFormat,
    by: Option<Vec<String>>,
    allow_errors: bool,
    config: Option<PathBuf>,
    out: &mut dyn Write,
) -> Result<i32, ConfigError> {
    let by_dir = match by.as_deref() {
        None => None,
        Some([key, dir]) if key == "emotion" => Some(PathBuf::from(dir)),
        Some([key, _]) => {
            return Err(ConfigError(format!(
                "--by {key}: exports can be split by `emotion` only (`--by emotion DIR`)"
            )));
        }
        Some(_) => unreachable!("clap takes two values for --by"),
    };
    let plan = plan(&paths, config.as_ref(), &[], &[])?;
    let outcome = engine::run(&plan.targets, &plan.profiles, &plan.profile_of);
    if outcome.summary.errors > 0 && !allow_errors {
        eprintln!(
            "pairlint: refusing to export: {} (run `pairlint check` to see them, or pass --allow-errors)",
            outcome.summary.line()
        );
        return Ok(EXIT_FINDINGS);
    }
    let io = output_error;
    let mut sink = match &by_dir {
        None => ExportSink::Stdout(out),
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                ConfigError(format!(
                    "cannot create export folder {}: {e}",
                    dir.display()
                ))
            })?;
            ExportSink::ByEmotion {
                dir: dir.clone(),
                files: std::collections::BTreeMap::new(),
            }
        }
    };
    let mut records = 0;
    for ((dir, root, _), &p) in plan.targets.scenarios.iter().zip(&plan.profile_of) {
        let profile = &plan.profiles[p];
        let scenario = corpus::load_scenario(
            dir,
            root,
            None,
            &profile.taxonomy,
            profile.settings.max_file_bytes,
        );
        // A pair needs both texts and a known emotion; anything else was reported above.
        let (Some(base_file), Some(base)) = (scenario.baseline(), scenario.baseline_doc()) else {
            continue;
        };
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for v in &scenario.variants {
            let (Some(resolved), Some(doc)) = (&v.emotion, scenario.files[v.file].doc()) else {
                continue;
            };
            let line = match format {
                ExportFormat::Jsonl => serde_json::to_string(&ExportRecord {
                    scenario: &name,
                    emotion: &resolved.name,
                    family: &resolved.emotion.family,
                    valence: resolved.emotion.valence,
                    arousal: resolved.emotion.arousal,
                    path: crate::render::path_str(&scenario.files[v.file].path),
                    baseline_path: crate::render::path_str(&base_file.path),
                    text: &doc.text,
                    baseline: &base.text,
                    words: doc.word_count(),
                    baseline_words: base.word_count(),
                }),
                ExportFormat::Pairs => serde_json::to_string(&PairRecord {
                    scenario: &name,
                    emotion: &resolved.name,
                    family: &resolved.emotion.family,
                    positive: &doc.text,
                    negative: &base.text,
                }),
            }
            .map_err(std::io::Error::from)
            .map_err(io)?;
            let written = sink
                .writer(&resolved.name)
                .and_then(|w| writeln!(w, "{line}"));
            match written {
                Ok(()) => records += 1,
                // A reader that stops early (`| head`) is not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(EXIT_CLEAN),
                Err(e) => return Err(io(e)),
            }
        }
    }
    let mut files = 0;
    if let ExportSink::ByEmotion { files: writers, .. } = &mut sink {
        for w in writers.values_mut() {
            w.flush().map_err(io)?;
        }
        files = writers.len();
    }
    match &by_dir {
        None => eprintln!(
            "pairlint: exported {records} variants ({})",
            outcome.summary.line()
        ),
        Some(dir) => eprintln!(
            "pairlint: exported {records} variants into {files} files in {} ({})",
            dir.display(),
            outcome.summary.line()
        ),
    }
    Ok(EXIT_CLEAN)
}

fn explain(name: &str, out: &mut dyn Write) -> Result<i32, ConfigError> {
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

fn list(format: ListFormat, out: &mut dyn Write) -> Result<i32, ConfigError> {
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
