//! `pairlint report --html FILE`: run the rules and write the self-contained HTML page.

use std::path::PathBuf;

use super::{EXIT_CLEAN, compute_stats, plan};
use crate::engine;
use crate::engine::config::ConfigError;

pub fn report(
    paths: Vec<PathBuf>,
    html: PathBuf,
    config: Option<PathBuf>,
) -> Result<i32, ConfigError> {
    let plan = plan(&paths, config.as_ref(), &[], &[])?;
    let outcome = engine::run(&plan.targets, &plan.profiles, &plan.profile_of);
    let stats = compute_stats(&plan);
    let page = crate::render::html::render(
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
