//! What the words of a text mean to the rules. Takes a tokenized `Doc` (`text`) and hands the
//! rules readings of it: the emotion taxonomy (`taxonomy`, from rules/emotions.toml), which
//! emotion a word names (`lexicon`, with its inflection rules in `suffixes.rs`), label constructions (`labels`) and
//! interjections (`interjections`), proper names and numbers (`entities`), and narrative
//! features such as person, tense and endings (`features`), affect cues by family (`cues`) and
//! the family model learned from a corpus's own variants (`family_model`). `schema` holds the data files'
//! shapes, shared with the build script that compiles them into tables.

pub mod cues;
pub mod entities;
pub mod family_model;
pub mod features;
pub mod interjections;
pub mod labels;
pub mod lexicon;
// The data files' shapes, shared with build/; most of it only build/ reads.
#[allow(dead_code)]
mod schema;
pub mod taxonomy;
