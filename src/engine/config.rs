//! pairlint.toml: thresholds, rule selection, severity overrides and extra emotions.
//! Found from the checked path upward, or given by `--config`. Strict: an unknown key or a bad
//! value stops the run (exit 2) with the file, line and key named.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::language::taxonomy::Emotion;
use crate::rules;
use crate::rules::settings::{Level, Settings};

pub const FILE_NAME: &str = "pairlint.toml";

/// A pairlint.toml above this size is refused rather than read.
pub const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    length: RawLength,
    #[serde(default)]
    shape: RawShape,
    #[serde(default)]
    variants: RawVariants,
    #[serde(default)]
    anchors: RawAnchors,
    #[serde(default)]
    files: RawFiles,
    #[serde(default)]
    near_duplicate: RawNearDuplicate,
    #[serde(default)]
    setup_drift: RawSetupDrift,
    #[serde(default)]
    confounds: RawConfounds,
    #[serde(default)]
    emotion_mismatch: RawEmotionMismatch,
    #[serde(default)]
    emotions: BTreeMap<String, Emotion>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLength {
    tolerance_percent: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawShape {
    min_ratio: Option<Spanned<f64>>,
    max_ratio: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawVariants {
    min: Option<Spanned<i64>>,
    max: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAnchors {
    infer_names: Option<bool>,
    infer_numbers: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawNearDuplicate {
    threshold: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSetupDrift {
    min_overlap: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEmotionMismatch {
    min_cues: Option<Spanned<i64>>,
    min_shift: Option<Spanned<f64>>,
    min_sibling_gap: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfounds {
    min_scenarios: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFiles {
    max_bytes: Option<Spanned<i64>>,
}

/// A configuration problem: exit 2, with the file and position named.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Settings {
    /// Look for pairlint.toml in `start` and its parents.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).ok()?;
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Some(crate::corpus::display_path(&candidate));
            }
            dir = d.parent();
        }
        None
    }

    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let cannot =
            |why: String| ConfigError(format!("cannot read config `{}`: {why}", path.display()));
        // Only a regular file of sane size: `--config` naming a FIFO would block forever, and
        // a device such as /dev/zero would never end.
        let meta = std::fs::metadata(path).map_err(|e| cannot(e.to_string()))?;
        if meta.is_dir() {
            return Err(cannot("it is a folder".into()));
        }
        if !meta.is_file() {
            return Err(cannot(
                "not a regular file (a FIFO, socket or device)".into(),
            ));
        }
        if meta.len() > MAX_CONFIG_BYTES {
            return Err(cannot(format!(
                "it is {} bytes, above the {MAX_CONFIG_BYTES}-byte limit for a config",
                meta.len()
            )));
        }
        let source = std::fs::read_to_string(path).map_err(|e| cannot(e.to_string()))?;
        Settings::parse(&source, path)
    }

    pub fn parse(source: &str, path: &Path) -> Result<Settings, ConfigError> {
        let raw: RawConfig = toml::from_str(source).map_err(|e| {
            ConfigError(format!(
                "invalid config `{}`: {}",
                path.display(),
                parse_error(source, &e)
            ))
        })?;
        let at = |span: std::ops::Range<usize>, key: &str, why: String| {
            let (line, column) = line_col(source, span.start);
            ConfigError(format!(
                "invalid config `{}`: line {line}, column {column}: `{key}` {why}",
                path.display()
            ))
        };
        let rule_name = |name: &Spanned<String>, key: &str| {
            rules::find(name.get_ref()).map(|r| r.name).ok_or_else(|| {
                at(
                    name.span(),
                    key,
                    unknown_rule_message(name.get_ref()).to_string(),
                )
            })
        };

        let mut settings = Settings {
            source: Some(path.to_path_buf()),
            ..Settings::default()
        };
        if let Some(select) = &raw.select {
            settings.select = Some(
                select
                    .iter()
                    .map(|n| rule_name(n, "select"))
                    .collect::<Result<_, _>>()?,
            );
        }
        settings.ignore = raw
            .ignore
            .iter()
            .map(|n| rule_name(n, "ignore"))
            .collect::<Result<_, _>>()?;
        for (name, level) in &raw.severity {
            let key = format!("severity.{name}");
            let rule = rules::find(name).ok_or_else(|| {
                at(
                    level.span(),
                    &key,
                    format!("names no rule: {}", unknown_rule_message(name)),
                )
            })?;
            let parsed = match level.get_ref().as_str() {
                "off" => Level::Off,
                other => Level::On(Severity::parse(other).ok_or_else(|| {
                    at(
                        level.span(),
                        &key,
                        format!(
                            "must be \"error\", \"warning\", \"info\" or \"off\", not \"{other}\""
                        ),
                    )
                })?),
            };
            settings.levels.insert(rule.name, parsed);
        }
        if let Some(t) = &raw.length.tolerance_percent {
            let v = *t.get_ref();
            if !(0..=1000).contains(&v) {
                return Err(at(
                    t.span(),
                    "length.tolerance-percent",
                    format!("must be a whole percentage from 0 to 1000, not {v}"),
                ));
            }
            settings.length_tolerance_percent = v as u32;
        }
        if let Some(v) = &raw.shape.min_ratio {
            settings.shape_min_ratio = *v.get_ref();
        }
        if let Some(v) = &raw.shape.max_ratio {
            settings.shape_max_ratio = *v.get_ref();
        }
        for (value, key) in [
            (&raw.shape.min_ratio, "shape.min-ratio"),
            (&raw.shape.max_ratio, "shape.max-ratio"),
        ] {
            if let Some(v) = value
                && !(v.get_ref().is_finite() && *v.get_ref() > 0.0)
            {
                return Err(at(
                    v.span(),
                    key,
                    format!("must be a positive number, not {}", v.get_ref()),
                ));
            }
        }
        if settings.shape_min_ratio > settings.shape_max_ratio {
            let span = raw
                .shape
                .min_ratio
                .as_ref()
                .or(raw.shape.max_ratio.as_ref())
                .map(|v| v.span())
                .unwrap_or(0..0);
            return Err(at(
                span,
                "shape.min-ratio",
                format!(
                    "({}) is above shape.max-ratio ({})",
                    settings.shape_min_ratio, settings.shape_max_ratio
                ),
            ));
        }
        for (value, key, slot) in [
            (
                &raw.variants.min,
                "variants.min",
                &mut settings.variants_min,
            ),
            (
                &raw.variants.max,
                "variants.max",
                &mut settings.variants_max,
            ),
        ] {
            if let Some(v) = value {
                let n = *v.get_ref();
                if !(0..=10_000).contains(&n) {
                    return Err(at(
                        v.span(),
                        key,
                        format!("must be a count from 0 to 10000, not {n}"),
                    ));
                }
                *slot = n as usize;
            }
        }
        if settings.variants_min > settings.variants_max {
            let span = raw.variants.min.as_ref().map(|v| v.span()).unwrap_or(0..0);
            return Err(at(
                span,
                "variants.min",
                format!(
                    "({}) is above variants.max ({})",
                    settings.variants_min, settings.variants_max
                ),
            ));
        }
        settings.infer_names = raw.anchors.infer_names.unwrap_or(true);
        settings.infer_numbers = raw.anchors.infer_numbers.unwrap_or(true);
        if let Some(v) = &raw.files.max_bytes {
            let n = *v.get_ref();
            if n <= 0 {
                return Err(at(
                    v.span(),
                    "files.max-bytes",
                    format!("must be a positive byte count, not {n}"),
                ));
            }
            settings.max_file_bytes = n as u64;
        }
        for (value, key, slot) in [
            (
                &raw.near_duplicate.threshold,
                "near-duplicate.threshold",
                &mut settings.near_duplicate_threshold,
            ),
            (
                &raw.setup_drift.min_overlap,
                "setup-drift.min-overlap",
                &mut settings.setup_drift_min_overlap,
            ),
        ] {
            if let Some(v) = value {
                let x = *v.get_ref();
                if !(0.0..=1.0).contains(&x) {
                    return Err(at(
                        v.span(),
                        key,
                        format!("must be a share from 0 to 1, not {x}"),
                    ));
                }
                *slot = x;
            }
        }
        if let Some(v) = &raw.confounds.min_scenarios {
            let n = *v.get_ref();
            if !(2..=10_000).contains(&n) {
                return Err(at(
                    v.span(),
                    "confounds.min-scenarios",
                    format!("must be a count from 2 to 10000, not {n}"),
                ));
            }
            settings.confound_min_scenarios = n as usize;
        }
        if let Some(v) = &raw.emotion_mismatch.min_cues {
            let n = *v.get_ref();
            if !(1..=100).contains(&n) {
                return Err(at(
                    v.span(),
                    "emotion-mismatch.min-cues",
                    format!("must be a count from 1 to 100, not {n}"),
                ));
            }
            settings.mismatch_min_cues = n as usize;
        }
        if let Some(v) = &raw.emotion_mismatch.min_shift {
            let x = *v.get_ref();
            if !(x > 0.0 && x <= 100.0) {
                return Err(at(
                    v.span(),
                    "emotion-mismatch.min-shift",
                    format!("must be a valence shift above 0 and at most 100, not {x}"),
                ));
            }
            settings.mismatch_min_shift = x;
        }
        if let Some(v) = &raw.emotion_mismatch.min_sibling_gap {
            let x = *v.get_ref();
            if !(x > 0.0 && x <= 100.0) {
                return Err(at(
                    v.span(),
                    "emotion-mismatch.min-sibling-gap",
                    format!("must be a valence gap above 0 and at most 100, not {x}"),
                ));
            }
            settings.mismatch_min_sibling_gap = x;
        }
        for (name, e) in &raw.emotions {
            if !crate::language::taxonomy::is_snake_case(name) {
                return Err(ConfigError(format!(
                    "invalid config `{}`: `emotions.{name}`: emotion names are lowercase snake_case",
                    path.display()
                )));
            }
            if !(-1.0..=1.0).contains(&e.valence) || !(0.0..=1.0).contains(&e.arousal) {
                return Err(ConfigError(format!(
                    "invalid config `{}`: `emotions.{name}`: valence must be in -1..=1 and arousal in 0..=1",
                    path.display()
                )));
            }
        }
        settings.extra_emotions = raw.emotions;
        Ok(settings)
    }
}

/// `unknown rule `x`` with a did-you-mean when a rule name is close.
pub fn unknown_rule_message(name: &str) -> String {
    match rules::suggest(name) {
        Some(s) => format!("unknown rule `{name}` (did you mean `{s}`?)"),
        None => format!("unknown rule `{name}` (see `pairlint rules`)"),
    }
}

/// The parser's report with the line it quotes, unless that line is too long to print (a
/// generated or minified file would flood the terminal): then line, column and message only.
fn parse_error(source: &str, e: &toml::de::Error) -> String {
    const MAX_QUOTED_LINE: usize = 400;
    if let Some(span) = e.span() {
        let mut start = span.start.min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        if line_end - line_start > MAX_QUOTED_LINE {
            let (line, column) = line_col(source, start);
            return format!(
                "TOML parse error at line {line}, column {column} (line too long to quote): {}",
                e.message().trim_end()
            );
        }
    }
    e.to_string().trim_end().to_string()
}

fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Settings, ConfigError> {
        Settings::parse(s, Path::new("pairlint.toml"))
    }

    #[test]
    fn defaults_and_overrides() {
        let s = parse(
            "ignore = [\"new-entity\"]\n[severity]\nshape-mismatch = \"error\"\n\
             [length]\ntolerance-percent = 15\n[variants]\nmax = 12\n",
        )
        .unwrap();
        assert_eq!(s.length_tolerance_percent, 15);
        assert_eq!(s.variants_max, 12);
        assert_eq!(s.ignore, ["new-entity"]);
        assert_eq!(
            s.levels.get("shape-mismatch"),
            Some(&Level::On(Severity::Error))
        );
    }

    #[test]
    fn emotion_mismatch_options() {
        let s = parse("[emotion-mismatch]\nmin-cues = 5\nmin-shift = 6.5\n").unwrap();
        assert_eq!((s.mismatch_min_cues, s.mismatch_min_shift), (5, 6.5));
        let d = parse("").unwrap();
        assert_eq!((d.mismatch_min_cues, d.mismatch_min_shift), (3, 4.0));
        let e = parse("[emotion-mismatch]\nmin-cues = 0\n").unwrap_err().0;
        assert!(
            e.contains("line 2") && e.contains("emotion-mismatch.min-cues"),
            "{e}"
        );
        let e = parse("[emotion-mismatch]\nmin-shift = -1.0\n")
            .unwrap_err()
            .0;
        assert!(e.contains("emotion-mismatch.min-shift"), "{e}");
        let e = parse("[emotion-mismatch]\nmin-sibling-gap = 0.0\n")
            .unwrap_err()
            .0;
        assert!(e.contains("emotion-mismatch.min-sibling-gap"), "{e}");
        let s = parse("[emotion-mismatch]\nmin-sibling-gap = 3.5\n").unwrap();
        assert_eq!(s.mismatch_min_sibling_gap, 3.5);
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let e = parse("[length]\ntolerance = 20\n").unwrap_err().0;
        assert!(e.contains("pairlint.toml"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        assert!(e.contains("tolerance"), "{e}");
    }

    #[test]
    fn bad_values_name_line_and_key() {
        let e = parse("\n[length]\ntolerance-percent = -5\n").unwrap_err().0;
        assert!(
            e.contains("line 3") && e.contains("length.tolerance-percent"),
            "{e}"
        );
        let e = parse("[severity]\nlength-mismatch = \"loud\"\n")
            .unwrap_err()
            .0;
        assert!(
            e.contains("line 2") && e.contains("severity.length-mismatch"),
            "{e}"
        );
        let e = parse("select = [\"lenght-mismatch\"]\n").unwrap_err().0;
        assert!(e.contains("did you mean `length-mismatch`"), "{e}");
        let e = parse("[variants]\nmin = 9\nmax = 4\n").unwrap_err().0;
        assert!(e.contains("variants.min"), "{e}");
    }

    #[test]
    fn a_long_line_is_not_quoted_back() {
        let source = format!("ignore = [{} 5]\n", "\"new-entity\", ".repeat(10_000));
        let e = parse(&source).unwrap_err().0;
        assert!(e.len() < 400, "{e}");
        assert!(
            e.contains("line 1, column") && e.contains("line too long"),
            "{e}"
        );
        // A short line keeps the parser's snippet.
        let e = parse("[length\n").unwrap_err().0;
        assert!(e.contains("| [length"), "{e}");
    }
}
