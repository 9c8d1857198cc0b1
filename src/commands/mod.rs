//! The commands `cli` dispatches to, one file each: `check` (with `--statistics`), `fix`
//! (`--fix` and `--diff`), `stats`, `report`, `export`, `rule` (`rule NAME` and `rules`) and
//! `lsp`. Each takes parsed arguments and an output stream, runs the stages below and returns
//! the exit code.

pub mod check;
pub mod export;
pub mod fix;
pub mod lsp;
pub mod report;
pub mod rule;
pub mod stats;

use std::path::PathBuf;

use crate::corpus;
use crate::engine;
use crate::engine::config::{ConfigError, unknown_rule_message};
use crate::rules;
use crate::rules::settings::Settings;

/// Exit codes: 0 clean, 1 findings at or above the threshold, 2 the tool could not run.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_FAILURE: i32 = 2;

/// The error a write to a closed pipe becomes, so `run` can end quietly.
pub const BROKEN_PIPE: &str = "\u{0}broken pipe";

/// An output error, with a closed pipe marked.
pub fn output_error(e: std::io::Error) -> ConfigError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ConfigError(BROKEN_PIPE.to_string())
    } else {
        ConfigError(format!("cannot write output: {e}"))
    }
}

/// Rule names from the command line, each checked against the registry.
pub fn rule_names(names: &[String]) -> Result<Vec<&'static str>, ConfigError> {
    names
        .iter()
        .map(|n| {
            rules::find(n)
                .map(|r| r.name)
                .ok_or_else(|| ConfigError(unknown_rule_message(n)))
        })
        .collect()
}

/// What a run works on: the scenario folders, the distinct configurations, and which
/// configuration each scenario uses.
pub struct Plan {
    pub paths: Vec<PathBuf>,
    pub targets: corpus::Targets,
    pub profiles: Vec<engine::Profile>,
    pub profile_of: Vec<usize>,
}

/// Resolve PATHs and configuration: each scenario uses the nearest pairlint.toml above it (or
/// `config` for all); each distinct file is read once, and any error stops the run before
/// output starts.
pub fn plan(
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
    let mut found_above: crate::text::tables::FxHashMap<PathBuf, Option<PathBuf>> =
        Default::default();
    for (dir, _, _) in &targets.scenarios {
        let config_path = match config {
            Some(p) => Some(p.clone()),
            None => {
                let own = dir.join(crate::engine::config::FILE_NAME);
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

pub fn compute_stats(plan: &Plan) -> crate::engine::stats::Stats {
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
    crate::engine::stats::compute(&scenarios, &plan.profiles[0].taxonomy)
}
