//! The command line: parse the arguments (clap), hand each command to `commands`, flush,
//! and turn the result into the exit code. Nothing else happens here.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands::check::CheckArgs;
use crate::commands::export::ExportFormat;
use crate::commands::rule::ListFormat;
use crate::commands::stats::StatsFormat;
use crate::commands::{self, BROKEN_PIPE, EXIT_CLEAN, EXIT_FAILURE};

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
        return commands::lsp::run();
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Check(args) => commands::check::check(args, &mut out),
        Command::Rule { name } => commands::rule::explain(&name, &mut out),
        Command::Rules { format } => commands::rule::list(format, &mut out),
        Command::Lsp => unreachable!("handled before stdout is locked"),
        Command::Report {
            paths,
            html,
            config,
        } => commands::report::report(paths, html, config),
        Command::Export {
            paths,
            format,
            by,
            allow_errors,
            config,
        } => commands::export::export(paths, format, by, allow_errors, config, &mut out),
        Command::Stats {
            paths,
            format,
            config,
        } => commands::stats::stats(paths, format, config, &mut out),
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
