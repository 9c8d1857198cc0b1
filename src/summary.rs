//! What the corpus-scope rules keep of each scenario once its texts are dropped: small
//! per-text measurements, so memory grows with the number of texts, not their size.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::corpus::{AllowEntry, Scenario, SourceFile};
use crate::diagnostic::Location;
use crate::features::{Ending, Surface, content_words, ending, minhash, shingles};
use crate::text::{Doc, Position};

/// Interns content words corpus-wide so each text keeps 4-byte ids.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl Vocabulary {
    pub fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.ids.insert(word.to_string(), id);
        id
    }

    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }
}

#[derive(Debug, Clone)]
pub struct TextSummary {
    pub path: PathBuf,
    pub words: usize,
    /// Sorted ids of the text's content words (filled by `ScenarioSummary::intern`).
    pub content: Vec<u32>,
    /// The content words before interning; summaries are built in parallel, interned in order.
    words_pending: Vec<String>,
    pub surface: Surface,
    pub ending: Option<Ending>,
    /// Where the last sentence lies (positions only: a corpus finding must not keep the
    /// text alive, and one path per text is enough).
    ending_range: Option<(Position, Position)>,
    whole_range: (Position, Position),
}

impl TextSummary {
    /// The last sentence, for pointing at an ending.
    pub fn ending_location(&self) -> Option<Location> {
        self.ending_range.map(|range| Location {
            path: self.path.clone(),
            range: Some(range),
            source: None,
        })
    }

    /// The whole text, for findings about the text as a whole.
    pub fn whole(&self) -> Location {
        Location {
            path: self.path.clone(),
            range: Some(self.whole_range),
            source: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct VariantSummary {
    pub emotion: String,
    pub text: TextSummary,
}

#[derive(Debug, Clone)]
pub struct ScenarioSummary {
    pub dir: PathBuf,
    pub name: String,
    pub baseline: Option<TextSummary>,
    /// MinHash of the baseline's word 3-shingles, for duplicate scenarios.
    pub baseline_minhash: Option<[u64; 64]>,
    pub variants: Vec<VariantSummary>,
    /// Allow entries of scenario.toml, for corpus findings that land in this scenario.
    pub allows: Vec<(AllowEntry, Location)>,
}

fn summarize_text(file: &SourceFile, doc: &Doc) -> TextSummary {
    let ending = ending(doc);
    let range = |span: std::ops::Range<usize>| (doc.position(span.start), doc.position(span.end));
    TextSummary {
        ending_range: ending.as_ref().map(|e| range(e.span.clone())),
        whole_range: range(doc.body_span()),
        path: file.path.clone(),
        words: doc.word_count(),
        content: Vec::new(),
        words_pending: content_words(doc).into_iter().collect(),
        surface: Surface::of(doc),
        ending,
    }
}

/// Summarize one scenario; call `intern` before the corpus rules read `content`.
pub fn summarize(scenario: &Scenario) -> ScenarioSummary {
    let baseline = scenario
        .baseline()
        .and_then(|f| f.doc().map(|d| summarize_text(f, d)));
    let baseline_minhash = scenario.baseline_doc().map(|d| minhash(&shingles(d)));
    let variants = scenario
        .variants
        .iter()
        .filter_map(|v| {
            let emotion = v.emotion.as_ref()?.name.clone();
            let file = &scenario.files[v.file];
            let doc = file.doc().filter(|d| d.word_count() > 0)?;
            Some(VariantSummary {
                emotion,
                text: summarize_text(file, doc),
            })
        })
        .collect();
    // Positions only, like the endings above.
    let allows = crate::rules::unused_allow::entries(scenario)
        .into_iter()
        .map(|(entry, location)| {
            (
                entry,
                Location {
                    source: None,
                    ..location
                },
            )
        })
        .collect();
    ScenarioSummary {
        dir: scenario.dir.clone(),
        // The folder as the user would type it: folder names alone repeat across corpora.
        name: crate::render::path_str(&scenario.dir),
        baseline,
        baseline_minhash,
        variants,
        allows,
    }
}

impl ScenarioSummary {
    /// Replace each text's content words with corpus-wide ids. Run in corpus order, so the
    /// ids (and everything derived from them) do not depend on thread scheduling.
    pub fn intern(&mut self, vocabulary: &mut Vocabulary) {
        let texts = self
            .baseline
            .iter_mut()
            .chain(self.variants.iter_mut().map(|v| &mut v.text));
        for t in texts {
            let mut ids: Vec<u32> = t.words_pending.iter().map(|w| vocabulary.id(w)).collect();
            ids.sort_unstable();
            t.content = ids;
            t.words_pending = Vec::new();
        }
    }
}

/// For each emotion, the scenarios carrying it: (scenario index, variant index).
pub fn by_emotion(summaries: &[ScenarioSummary]) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut map: std::collections::BTreeMap<String, Vec<(usize, usize)>> = Default::default();
    for (s, summary) in summaries.iter().enumerate() {
        for (v, variant) in summary.variants.iter().enumerate() {
            map.entry(variant.emotion.clone()).or_default().push((s, v));
        }
    }
    map.into_iter().collect()
}
