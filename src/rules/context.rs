//! What a rule sees: `Context`, one scenario with the settings, the taxonomy and the readings
//! of its texts that several rules share (computed once, on first use), and `CorpusContext`,
//! the corpus summaries that corpus-scope rules read.

use std::sync::OnceLock;

use crate::corpus::Scenario;
use crate::language::taxonomy::Taxonomy;
use crate::rules::settings::Settings;

/// What every rule can see: the scenario it runs on, settings and the taxonomy, and what
/// several rules (and the corpus summary) read of each text — the lexicon's reading, content
/// words, shingles — computed once, on first use.
pub struct Context<'a> {
    pub scenario: &'a Scenario,
    pub settings: &'a Settings,
    pub taxonomy: &'a Taxonomy,
    lexical: Vec<OnceLock<Vec<Vec<crate::language::lexicon::LexHit>>>>,
    valence: Vec<OnceLock<f32>>,
    content_words: Vec<OnceLock<Vec<&'a str>>>,
    shingles: Vec<OnceLock<Vec<u64>>>,
    dialogue: Vec<OnceLock<Vec<std::ops::Range<usize>>>>,
    case_evidence: OnceLock<crate::language::entities::CaseEvidence<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(scenario: &'a Scenario, settings: &'a Settings, taxonomy: &'a Taxonomy) -> Self {
        Context {
            scenario,
            settings,
            taxonomy,
            lexical: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            valence: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            content_words: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            shingles: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            dialogue: scenario.files.iter().map(|_| OnceLock::new()).collect(),
            case_evidence: OnceLock::new(),
        }
    }

    /// How the scenario's texts write their capitalised words: the evidence its proper names
    /// are judged by (`entities::names`).
    pub fn case_evidence(&self) -> &crate::language::entities::CaseEvidence<'a> {
        self.case_evidence.get_or_init(|| {
            let scenario: &'a Scenario = self.scenario;
            crate::language::entities::CaseEvidence::new(
                scenario.files.iter().filter_map(|f| f.doc()),
            )
        })
    }

    /// The content words of file `index` (`features::content_words`; empty without text).
    pub fn content_words(&self, index: usize) -> &[&'a str] {
        self.content_words[index].get_or_init(|| {
            let doc = self.scenario.files[index].doc();
            doc.map(crate::language::features::content_words)
                .unwrap_or_default()
        })
    }

    /// The word 3-shingles of file `index` (`features::shingles`; empty without text).
    pub fn shingles(&self, index: usize) -> &[u64] {
        self.shingles[index].get_or_init(|| {
            let doc = self.scenario.files[index].doc();
            doc.map(crate::language::features::shingles)
                .unwrap_or_default()
        })
    }

    /// The word ranges of file `index` inside quotation marks (`features::dialogue`; empty
    /// without text).
    pub fn dialogue(&self, index: usize) -> &[std::ops::Range<usize>] {
        self.dialogue[index].get_or_init(|| {
            let doc = self.scenario.files[index].doc();
            doc.map(crate::language::features::dialogue)
                .unwrap_or_default()
        })
    }

    /// How pleasant file `index` reads (emotion-mismatch's `text_valence`), computed by
    /// `compute` the first time it is asked for: the rule hands in the figure it already has.
    pub fn valence(&self, index: usize, compute: impl FnOnce() -> f32) -> f32 {
        *self.valence[index].get_or_init(compute)
    }

    /// For file `index` of the scenario, the emotions each word names (empty when none).
    pub fn lexical(&self, index: usize) -> &[Vec<crate::language::lexicon::LexHit>] {
        self.lexical[index].get_or_init(|| {
            let lexicon = crate::language::lexicon::Lexicon::bundled();
            match self.scenario.files[index].doc() {
                Some(doc) => doc
                    .words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let lower = w.lower(doc);
                        // A word with an everyday sense inside a hyphenated compound has that
                        // sense (`cross-checking`, `mad-cap`); `grief-stricken` keeps `grief`.
                        if doc.in_hyphen_compound(i)
                            && lexicon
                                .ambiguous
                                .contains(crate::language::lexicon::lookup_form(lower))
                        {
                            return Vec::new();
                        }
                        lexicon.analyze(lower)
                    })
                    .collect(),
                None => Vec::new(),
            }
        })
    }
}

/// What corpus rules see: one small summary per scenario, and the settings of the run.
pub struct CorpusContext<'a> {
    pub summaries: &'a crate::rules::summary::Summaries,
    pub settings: &'a Settings,
    pub taxonomy: &'a crate::language::taxonomy::Taxonomy,
}
