//! rules/dictionary/{words,names,proper}.txt -> `{list}.slots` in OUT_DIR: a hash index of
//! each word list's lines, so src/text/dictionary.rs finds a word with one lookup in the list
//! it `include_str!`s.

use std::path::Path;

use crate::tables;

pub fn write_slots(manifest: &Path, out_dir: &Path) -> Result<(), String> {
    for list in ["words", "names", "proper"] {
        let file = format!("rules/dictionary/{list}.txt");
        println!("cargo::rerun-if-changed={file}");
        let text = std::fs::read_to_string(manifest.join(&file))
            .map_err(|e| format!("cannot read {file}: {e}"))?;
        let slots = tables::line_index::layout(&text);
        std::fs::write(out_dir.join(format!("{list}.slots")), slots)
            .map_err(|e| format!("cannot write {list}.slots in OUT_DIR: {e}"))?;
    }
    Ok(())
}
