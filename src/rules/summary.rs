//! What the corpus-scope rules keep of each scenario once its texts are dropped: small
//! per-text measurements, so memory grows with the number of texts, not their size.
//!
//! Summaries are built in two steps. `summarize` runs on the worker threads beside the
//! scenario rules and keeps owned strings (`PendingSummary`); `Summaries::push` runs on the
//! main thread in corpus order and turns every string into a corpus-wide id, so ids (and
//! everything derived from them) do not depend on thread scheduling, and each text keeps a
//! few fixed-size fields and its content words as delta-coded bytes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::corpus::AllowEntry;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::features::{Surface, SurfaceCounts, ending, minhash};
use crate::rules::Context;
use crate::text::ids::{decode_sorted, encode_sorted};
use crate::text::{Doc, Position};

/// Strings seen across the corpus, each stored once and named by a 4-byte id.
#[derive(Debug, Default)]
pub struct Interner {
    ids: crate::text::tables::FxHashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    pub fn get(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }
}

/// The corpus-wide tables behind the summaries' ids: content words, and the emotion and
/// file names (which repeat in every scenario).
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: Interner,
    names: Interner,
}

impl Vocabulary {
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id)
    }

    /// How many distinct content words there are: word ids run from 0 to this.
    pub fn word_count(&self) -> usize {
        self.words.strings.len()
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id)
    }
}

/// A line, column and byte offset in 12 bytes (`Position` takes 24).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CompactPosition {
    line: u32,
    column: u32,
    byte: u32,
}

impl CompactPosition {
    fn new(p: Position) -> CompactPosition {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        CompactPosition {
            line: narrow(p.line),
            column: narrow(p.column),
            byte: narrow(p.byte),
        }
    }

    fn expand(self) -> Position {
        Position {
            line: self.line as usize,
            column: self.column as usize,
            byte: self.byte as usize,
        }
    }
}

type CompactRange = [CompactPosition; 2];

fn compact_range(doc: &Doc, span: std::ops::Range<usize>) -> CompactRange {
    [
        CompactPosition::new(doc.position(span.start)),
        CompactPosition::new(doc.position(span.end)),
    ]
}

/// How a text ends (see `features::Ending`), with the last word as a vocabulary id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndingSummary {
    pub mark: char,
    pub last_sentence_words: u32,
    pub last_word: u32,
    range: CompactRange,
}

#[derive(Debug, Clone)]
pub struct TextSummary {
    /// The file's name inside its scenario folder, a `Vocabulary::name` id.
    file: u32,
    /// The canonical emotion name of a variant (a `Vocabulary::name` id); `NO_EMOTION` for
    /// a baseline.
    emotion: u32,
    /// Where the text's content words lie in `Summaries::content`.
    content: Run,
    counts: SurfaceCounts,
    pub ending: Option<EndingSummary>,
    /// The text without surrounding whitespace, for findings about the whole text.
    whole_range: CompactRange,
    /// How pleasant the text reads (emotion-mismatch's `text_valence`).
    pub valence: f32,
}

const NO_EMOTION: u32 = u32::MAX;
/// The bit of `TextSummary::file` that says emotion-mismatch reported the text.
const MISMATCH_REPORTED: u32 = 1 << 31;

/// An append-only array in blocks that are allocated once and never grow. A doubling `Vec`
/// leaves its outgrown copies behind in the allocator, still resident; at 100 MB of corpus
/// that was a quarter of the peak memory. A run pushed at once stays contiguous.
#[derive(Debug)]
struct Blocks<T> {
    blocks: Vec<Vec<T>>,
    block_len: usize,
}

/// Where a run of items lies in a `Blocks`.
#[derive(Debug, Clone, Copy)]
struct Run {
    block: u32,
    start: u32,
    len: u32,
}

impl<T> Blocks<T> {
    fn new(block_len: usize) -> Blocks<T> {
        Blocks {
            blocks: Vec::new(),
            block_len,
        }
    }

    fn push_run(&mut self, items: impl ExactSizeIterator<Item = T>) -> Run {
        let n = items.len();
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= n);
        if !fits {
            self.blocks.push(Vec::with_capacity(n.max(self.block_len)));
        }
        let block = self.blocks.len() - 1;
        let b = &mut self.blocks[block];
        let start = b.len();
        b.extend(items);
        Run {
            block: block as u32,
            start: start as u32,
            len: n as u32,
        }
    }

    fn get(&self, run: Run) -> &[T] {
        let start = run.start as usize;
        &self.blocks[run.block as usize][start..start + run.len as usize]
    }
}

#[derive(Debug, Clone)]
pub struct ScenarioSummary {
    /// Shared with the run's list of targets.
    pub dir: Arc<Path>,
    /// The baseline (when `has_baseline`) followed by the variants, in `Summaries::texts`.
    texts: Run,
    has_baseline: bool,
    /// The baseline's MinHash in `Summaries::minhashes`.
    minhash: Option<Run>,
    /// Allow entries of scenario.toml, for corpus findings that land in this scenario.
    pub allows: Box<[(AllowEntry, Location)]>,
    /// Per entry, whether it already covered a finding of the scenario pass (empty: none did).
    allows_used: Box<[bool]>,
}

impl ScenarioSummary {
    /// Whether allow entry `n` already covered a finding of the scenario pass.
    pub fn allow_used(&self, n: usize) -> bool {
        self.allows_used.get(n).copied().unwrap_or(false)
    }
}

/// Every scenario's summary. Texts, content words and signatures of the whole corpus live in
/// a few large blocks, not in many small allocations that would fragment the heap.
#[derive(Debug)]
pub struct Summaries {
    scenarios: Vec<ScenarioSummary>,
    texts: Blocks<TextSummary>,
    content: Blocks<u8>,
    /// MinHash of each baseline's word 3-shingles, for duplicate scenarios. The low 32 bits
    /// of each minimum are enough to compare signatures (a false match is 1 in 2^32 a slot).
    minhashes: Blocks<[u32; 64]>,
    pub vocabulary: Vocabulary,
    /// Scratch space for encoding one text's content words.
    scratch: Vec<u8>,
}

impl Default for Summaries {
    fn default() -> Summaries {
        Summaries::with_capacity(0)
    }
}

impl Summaries {
    /// Room for `scenarios` summaries, so their array never has to grow.
    pub fn with_capacity(scenarios: usize) -> Summaries {
        Summaries {
            scenarios: Vec::with_capacity(scenarios),
            texts: Blocks::new(4096),
            content: Blocks::new(1 << 20),
            minhashes: Blocks::new(1024),
            vocabulary: Vocabulary::default(),
            scratch: Vec::new(),
        }
    }
}

impl TextSummary {
    /// emotion-mismatch already reported this text in its scenario pass (its finding points
    /// at words), so its corpus pass does not report it again.
    pub fn mismatch_reported(&self) -> bool {
        self.file & MISMATCH_REPORTED != 0
    }

    /// Surface rates, computed from the kept counts exactly as `Surface::of` does.
    pub fn surface(&self) -> Surface {
        self.counts.rates()
    }
}

impl Summaries {
    pub fn len(&self) -> usize {
        self.scenarios.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty()
    }

    pub fn scenario(&self, s: usize) -> &ScenarioSummary {
        &self.scenarios[s]
    }

    pub fn scenarios(&self) -> impl Iterator<Item = &ScenarioSummary> {
        self.scenarios.iter()
    }

    /// The folder as the user would type it: folder names alone repeat across corpora.
    pub fn name(&self, s: usize) -> String {
        crate::diagnostic::path_str(&self.scenarios[s].dir)
    }

    pub fn baseline(&self, s: usize) -> Option<&TextSummary> {
        let scenario = &self.scenarios[s];
        let texts = self.texts.get(scenario.texts);
        scenario.has_baseline.then(|| &texts[0])
    }

    pub fn variants(&self, s: usize) -> &[TextSummary] {
        let scenario = &self.scenarios[s];
        &self.texts.get(scenario.texts)[usize::from(scenario.has_baseline)..]
    }

    pub fn variant(&self, s: usize, v: usize) -> &TextSummary {
        &self.variants(s)[v]
    }

    pub fn minhash(&self, s: usize) -> Option<&[u32; 64]> {
        self.scenarios[s].minhash.map(|m| &self.minhashes.get(m)[0])
    }

    /// The ids of a text's content words, ascending.
    pub fn content(&self, text: &TextSummary) -> impl Iterator<Item = u32> + '_ {
        decode_sorted(self.content.get(text.content))
    }

    pub fn word(&self, id: u32) -> &str {
        self.vocabulary.word(id)
    }

    /// The canonical emotion name of a variant.
    pub fn emotion(&self, text: &TextSummary) -> &str {
        self.vocabulary.name(text.emotion)
    }

    /// The emotion's name as an id (`Vocabulary::name`), for tables indexed by it.
    pub fn emotion_id(&self, text: &TextSummary) -> u32 {
        text.emotion
    }

    /// How many names (file and emotion names) the vocabulary holds: name ids run up to this.
    pub fn name_count(&self) -> usize {
        self.vocabulary.names.strings.len()
    }

    /// The file name of a text (`furious.txt`).
    pub fn file_name(&self, text: &TextSummary) -> &str {
        self.vocabulary.name(text.file & !MISMATCH_REPORTED)
    }

    /// The file of a text of scenario `s`.
    pub fn path(&self, s: usize, text: &TextSummary) -> PathBuf {
        self.scenarios[s].dir.join(self.file_name(text))
    }

    /// The whole text, for findings about the text as a whole.
    pub fn whole(&self, s: usize, text: &TextSummary) -> Location {
        self.locate(s, text, text.whole_range)
    }

    /// The text's last sentence, for pointing at an ending.
    pub fn ending_location(&self, s: usize, text: &TextSummary) -> Option<Location> {
        Some(self.locate(s, text, text.ending?.range))
    }

    /// A range of a text, without the text itself: corpus findings must not keep texts alive.
    fn locate(&self, s: usize, text: &TextSummary, [start, end]: CompactRange) -> Location {
        Location {
            path: self.path(s, text),
            range: Some((start.expand(), end.expand())),
            source: None,
        }
    }

    /// For each emotion (by name), the scenarios carrying it: (scenario index, variant index).
    pub fn by_emotion(&self) -> Vec<(String, Vec<(usize, usize)>)> {
        let mut map: std::collections::BTreeMap<&str, Vec<(usize, usize)>> = Default::default();
        for s in 0..self.len() {
            for (v, variant) in self.variants(s).iter().enumerate() {
                map.entry(self.emotion(variant)).or_default().push((s, v));
            }
        }
        map.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// Add a scenario's summary, turning every string into a corpus-wide id. Run in corpus
    /// order, so the ids do not depend on thread scheduling.
    pub fn push(&mut self, pending: PendingSummary) {
        let mut texts = Vec::with_capacity(pending.variants.len() + 1);
        let has_baseline = pending.baseline.is_some();
        if let Some(b) = pending.baseline {
            texts.push(self.text(b, NO_EMOTION));
        }
        for (emotion, text) in pending.variants {
            let emotion = self.vocabulary.names.id(&emotion);
            texts.push(self.text(text, emotion));
        }
        let texts = self.texts.push_run(texts.into_iter());
        let minhash = pending
            .baseline_minhash
            .map(|m| self.minhashes.push_run(std::iter::once(*m)));
        self.scenarios.push(ScenarioSummary {
            dir: pending.dir,
            texts,
            has_baseline,
            minhash,
            allows: pending.allows.into_boxed_slice(),
            allows_used: pending.allows_used.into_boxed_slice(),
        });
    }

    fn text(&mut self, text: PendingText, emotion: u32) -> TextSummary {
        let vocabulary = &mut self.vocabulary;
        let mut ids: Vec<u32> = text
            .content
            .lines()
            .map(|w| vocabulary.words.id(w))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        self.scratch.clear();
        encode_sorted(&ids, &mut self.scratch);
        let content = self.content.push_run(self.scratch.iter().copied());
        TextSummary {
            // The flag rides in the name id's top bit: a separate bool would pad every text
            // summary by four bytes.
            file: vocabulary.names.id(&text.file)
                | if text.mismatch_reported {
                    MISMATCH_REPORTED
                } else {
                    0
                },
            emotion,
            content,
            counts: text.counts,
            ending: text
                .ending
                .map(
                    |(mark, last_sentence_words, last_word, range)| EndingSummary {
                        mark,
                        last_sentence_words: u32::try_from(last_sentence_words).unwrap_or(u32::MAX),
                        last_word: vocabulary.words.id(&last_word),
                        range,
                    },
                ),
            whole_range: text.whole_range,
            valence: text.valence,
        }
    }
}

/// One text's measurements before interning.
struct PendingText {
    file: String,
    /// The content words, one per line.
    content: String,
    counts: SurfaceCounts,
    ending: Option<(char, usize, String, CompactRange)>,
    whole_range: CompactRange,
    mismatch_reported: bool,
    valence: f32,
}

/// A scenario's summary as built on a worker thread; `Summaries::push` finishes it.
pub struct PendingSummary {
    dir: Arc<Path>,
    baseline: Option<PendingText>,
    baseline_minhash: Option<Box<[u32; 64]>>,
    variants: Vec<(String, PendingText)>,
    allows: Vec<(AllowEntry, Location)>,
    allows_used: Vec<bool>,
}

impl PendingSummary {
    /// Which allow entries covered a finding of the scenario pass (`check_in`'s second value).
    pub fn with_allows_used(mut self, used: Vec<bool>) -> PendingSummary {
        self.allows_used = used;
        self
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn pending_text(cx: &Context, index: usize, doc: &Doc, found: &[Diagnostic]) -> PendingText {
    let path = &cx.scenario.files[index].path;
    PendingText {
        valence: cx.valence(index, || {
            crate::rules::corpus::emotion_mismatch::text_valence(doc)
        }),
        mismatch_reported: found.iter().any(|d| {
            d.rule == crate::rules::corpus::emotion_mismatch::META.name && d.location.path == *path
        }),
        file: file_name(&cx.scenario.files[index].path),
        // One string per text rather than one per word: words never hold a line break.
        content: cx.content_words(index).join("\n"),
        counts: SurfaceCounts::of(doc, cx.dialogue(index)),
        ending: ending(doc).map(|e| {
            let range = compact_range(doc, e.span.clone());
            (e.mark, e.last_sentence_words, e.last_word, range)
        }),
        whole_range: compact_range(doc, doc.body_span()),
    }
}

/// Summarize one scenario, loaded from `dir`, reusing what its rules computed (`cx`) and
/// noting what they found (`found`); `Summaries::push` files it.
pub fn summarize(cx: &Context, dir: Arc<Path>, found: &[Diagnostic]) -> PendingSummary {
    let scenario = cx.scenario;
    let with_doc = scenario
        .baseline
        .and_then(|i| Some((i, scenario.files[i].doc()?)));
    let baseline = with_doc.map(|(i, doc)| pending_text(cx, i, doc, found));
    let baseline_minhash = with_doc.map(|(i, _)| {
        let full = minhash(cx.shingles(i));
        Box::new(full.map(|m| m as u32))
    });
    let variants = scenario
        .variants
        .iter()
        .filter_map(|v| {
            let emotion = v.emotion.as_ref()?.name.clone();
            let doc = scenario.files[v.file]
                .doc()
                .filter(|d| d.word_count() > 0)?;
            Some((emotion, pending_text(cx, v.file, doc, found)))
        })
        .collect();
    // Positions only, like the endings: a corpus finding must not keep a text alive.
    let allows = crate::rules::scenario::unused_allow::entries(scenario)
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
    PendingSummary {
        dir,
        baseline,
        baseline_minhash,
        variants,
        allows,
        allows_used: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ids_round_trip_through_the_delta_coding() {
        let ids = [0, 1, 127, 128, 300, 16_384, 2_000_000, u32::MAX];
        let mut bytes = Vec::new();
        encode_sorted(&ids, &mut bytes);
        assert_eq!(decode_sorted(&bytes).collect::<Vec<_>>(), ids);
        bytes.clear();
        encode_sorted(&[5, 6, 7], &mut bytes);
        assert_eq!(bytes.len(), 3);
    }

    #[test]
    fn runs_stay_contiguous_and_blocks_never_grow() {
        let mut blocks = Blocks::new(4);
        let a = blocks.push_run([1, 2, 3].into_iter());
        let b = blocks.push_run([4, 5].into_iter()); // does not fit beside `a`
        let c = blocks.push_run(10..20); // longer than a block
        let d = blocks.push_run([6].into_iter());
        assert_eq!(blocks.get(a), [1, 2, 3]);
        assert_eq!(blocks.get(b), [4, 5]);
        assert_eq!(blocks.get(c), (10..20).collect::<Vec<_>>());
        assert_eq!(blocks.get(d), [6]);
        assert_eq!((a.block, b.block, c.block, d.block), (0, 1, 2, 3));
        assert!(blocks.blocks.iter().all(|b| b.len() <= b.capacity()));
    }
}
