//! `pairlint stats`: the coverage and length tables of the corpus, in human, JSON or
//! Markdown form.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{EXIT_CLEAN, compute_stats, output_error, plan};
use crate::engine::config::ConfigError;

#[derive(Clone, Copy, ValueEnum)]
pub enum StatsFormat {
    Human,
    Json,
    Markdown,
}

pub fn stats(
    paths: Vec<PathBuf>,
    format: StatsFormat,
    config: Option<PathBuf>,
    out: &mut dyn Write,
) -> Result<i32, ConfigError> {
    let plan = plan(&paths, config.as_ref(), &[], &[])?;
    let stats = compute_stats(&plan);
    let io = output_error;
    match format {
        StatsFormat::Human => crate::render::stats::render_human(&stats, out),
        StatsFormat::Json => crate::render::stats::render_json(&stats, out),
        StatsFormat::Markdown => crate::render::stats::render_markdown(&stats, out),
    }
    .map_err(io)?;
    Ok(EXIT_CLEAN)
}
