//! rules/cues.toml and rules/valence/words.txt -> `cues.rs` in OUT_DIR: one word table from a
//! word to the emotion family it shows (if any) and its valence in tenths (read by
//! src/language/cues.rs).

use std::collections::BTreeMap;
use std::path::Path;

use crate::literals::{str_slice, word_table};
use crate::schema::{RawCues, Taxonomy};

/// The cue tables, checked against the taxonomy's families.
pub fn cue_tables(raw: RawCues, valence_text: &str, taxonomy: &Taxonomy) -> Result<String, String> {
    let families: Vec<&String> = raw.families.keys().collect();
    // word -> (family index or u8::MAX, valence in tenths)
    let mut words: BTreeMap<String, (u8, i8)> = BTreeMap::new();
    for (fi, (family, entry)) in raw.families.iter().enumerate() {
        if !taxonomy.families.contains_key(family) {
            return Err(format!(
                "cues.toml: `{family}` is no family of rules/emotions.toml"
            ));
        }
        if entry.examples.len() < 2 {
            return Err(format!("cues.toml: `{family}` needs two examples"));
        }
        for cue in &entry.cues {
            if cue.is_empty() || !cue.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(format!("cues.toml: `{cue}` ({family}): one lowercase word"));
            }
            if let Some((other, _)) = words.insert(cue.clone(), (fi as u8, 0)) {
                return Err(format!(
                    "cues.toml: `{cue}` is listed for `{family}` and `{}`",
                    families[usize::from(other)]
                ));
            }
        }
    }
    for (n, line) in valence_text.lines().enumerate() {
        let (word, value) = line
            .split_once('\t')
            .ok_or_else(|| format!("valence/words.txt line {}: word, tab, value", n + 1))?;
        let value: f64 = value
            .parse()
            .map_err(|_| format!("valence/words.txt line {}: `{value}` is no number", n + 1))?;
        if raw.unrated.iter().any(|u| u == word) {
            continue;
        }
        let tenths = (value * 10.0).round().clamp(-127.0, 127.0) as i8;
        words.entry(word.to_string()).or_insert((u8::MAX, 0)).1 = tenths;
    }
    let entries: Vec<(&str, (u8, i8))> = words.iter().map(|(w, v)| (w.as_str(), *v)).collect();
    let mut code = format!(
        "const CUE_FAMILIES: &[&str] = {};\n\nconst CUE_EXAMPLES: &[&[&str]] = &[{}];\n\n",
        str_slice(families.iter().map(|f| f.as_str())),
        raw.families
            .values()
            .map(|f| str_slice(f.examples.iter().map(String::as_str)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    code.push_str(&word_table("CUES", "(u8, i8)", &entries, |(f, v)| {
        format!("({f}, {v})")
    }));
    Ok(code)
}

/// Read rules/valence/words.txt, telling cargo to rerun when it changes.
pub fn read_valence(manifest: &Path) -> Result<String, String> {
    let file = "rules/valence/words.txt";
    println!("cargo::rerun-if-changed={file}");
    std::fs::read_to_string(manifest.join(file)).map_err(|e| format!("cannot read {file}: {e}"))
}
