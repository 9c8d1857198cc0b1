//! `pairlint export`: the validated corpus as JSON Lines, one record per variant (or one
//! contrastive pair), to standard output or one file per emotion; refuses while errors remain.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{EXIT_CLEAN, EXIT_FINDINGS, output_error, plan};
use crate::corpus;
use crate::engine;
use crate::engine::config::ConfigError;

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Pairs,
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

pub fn export(
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
                    path: crate::diagnostic::path_str(&scenario.files[v.file].path),
                    baseline_path: crate::diagnostic::path_str(&base_file.path),
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
