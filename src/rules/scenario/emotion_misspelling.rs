use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::language::lexicon::Lexicon;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A near-miss of a word the variant may not use: edit distance 1 (2 for words of nine
    /// letters or more) from one of its own emotion's forms or synonyms, at least 5 letters,
    /// the same first letter, and not itself an English word. `furiuos` in furious.txt is
    /// reported; `curious` never is (a real word), and neither is `graceful` near `grateful`.
    ///
    /// ## Why it matters
    /// A misspelt banned word is still the banned word to a subword tokenizer: `furiuos`
    /// shares most of its pieces with `furious`. It also slips past the exact-match check,
    /// which makes it the easiest way for a label to survive review.
    ///
    /// ## Example
    /// In grateful.txt: `She was gratefull for the lift.` Rewrite the sentence without the word.
    pub static META = {
        name: "emotion-misspelling",
        scope: Scenario,
        severity: Warning,
        fixable: false,
        summary: "variant has a likely misspelling of its own emotion's vocabulary",
    }
}

pub struct EmotionMisspelling;

/// The banned word `token` is one slip away from, if any.
pub fn near_miss<'a>(token: &str, banned: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let candidates = Candidates::new(banned);
    candidates.near_miss(token)
}

/// The words a variant may not misspell, kept the way `near_miss` tests them: only those of
/// five characters or more, grouped by first byte (in their original order within a group,
/// so the first close word is the same one), each with its character count. Built once per
/// variant rather than walked in full for every token.
pub struct Candidates<'a> {
    /// Sorted by first byte, stably.
    words: Vec<Candidate<'a>>,
}

struct Candidate<'a> {
    first: u8,
    chars: usize,
    letters: u32,
    word: &'a str,
}

/// Which letters a word has (`a`..`z` a bit each; any other character bit 31). One edit adds
/// or removes at most one character, so it changes at most two bits: words within `limit`
/// edits differ in at most `2 * limit` bits, which rules most words out without the table.
fn letters(word: &str) -> u32 {
    word.chars().fold(0, |mask, c| {
        mask | if c.is_ascii_lowercase() {
            1 << (c as u32 - 'a' as u32)
        } else {
            1 << 31
        }
    })
}

impl<'a> Candidates<'a> {
    pub fn new(banned: impl Iterator<Item = &'a str>) -> Self {
        let mut words: Vec<Candidate<'a>> = banned
            .filter_map(|word| {
                let chars = word.chars().count();
                let first = *word.as_bytes().first()?;
                (chars >= 5).then(|| Candidate {
                    first,
                    chars,
                    letters: letters(word),
                    word,
                })
            })
            .collect();
        words.sort_by_key(|c| c.first);
        Candidates { words }
    }

    /// The words starting with `first`, in their original order.
    fn starting_with(&self, first: u8) -> &[Candidate<'a>] {
        let start = self.words.partition_point(|c| c.first < first);
        let end = start + self.words[start..].partition_point(|c| c.first == first);
        &self.words[start..end]
    }

    /// Could `token` be a near miss at all (long enough, ASCII lowercase, and some word shares
    /// its first letter)? A cheap test to make before anything else about the token.
    fn may_match(&self, token: &str) -> bool {
        let bytes = token.as_bytes();
        bytes.len() >= 5
            && !self.starting_with(bytes[0]).is_empty()
            && bytes.iter().all(u8::is_ascii_lowercase)
    }

    /// The word `token` is one slip away from, if any.
    pub fn near_miss(&self, token: &str) -> Option<&'a str> {
        // The token is ASCII lowercase (checked first), so bytes are characters.
        if !self.may_match(token) {
            return None;
        }
        let n = token.len();
        let limit = if n >= 9 { 2 } else { 1 };
        // Edit distance first: it rules out almost every token cheaply, and only a near miss
        // is worth the dictionary lookup.
        let mask = letters(token);
        let target = self
            .starting_with(token.as_bytes()[0])
            .iter()
            .filter(|c| {
                c.chars.abs_diff(n) <= limit
                    && (c.letters ^ mask).count_ones() as usize <= 2 * limit
                    && c.word != token
            })
            .map(|c| c.word)
            .find(|b| within_osa(token, b, limit))?;
        (!crate::text::dictionary::contains(token)).then_some(target)
    }
}

/// `strsim::osa_distance(a, b) <= limit`, for an ASCII `a`: byte by byte without allocating
/// when `b` is ASCII and short, stopping once no alignment can come back under the limit.
fn within_osa(a: &str, b: &str, limit: usize) -> bool {
    const MAX: usize = 64;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if !b.is_ascii() || a.len() >= MAX || b.len() >= MAX {
        return strsim::osa_distance(
            std::str::from_utf8(a).expect("a str"),
            std::str::from_utf8(b).expect("a str"),
        ) <= limit;
    }
    // Rows of the optimal-string-alignment table: the one two back, the last, the current.
    let mut two_back = [0usize; MAX];
    let mut last = [0usize; MAX];
    let mut current = [0usize; MAX];
    for (j, cell) in last.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    let mut last_min = 0;
    for i in 0..a.len() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for j in 0..b.len() {
            let cost = usize::from(a[i] != b[j]);
            let mut d = (current[j] + 1).min(last[j + 1] + 1).min(last[j] + cost);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                d = d.min(two_back[j - 1] + 1);
            }
            current[j + 1] = d;
            row_min = row_min.min(d);
        }
        // A cell is at least the smaller of the minimum of the row before and one more than
        // the minimum two rows back, so two rows over the limit end the search.
        if row_min > limit && last_min > limit {
            return false;
        }
        last_min = row_min;
        std::mem::swap(&mut two_back, &mut last);
        std::mem::swap(&mut last, &mut current);
    }
    last[b.len()] <= limit
}

impl Rule for EmotionMisspelling {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_scenario(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let lexicon = Lexicon::bundled();
        for variant in &cx.scenario.variants {
            let Some(resolved) = &variant.emotion else {
                continue;
            };
            let file = &cx.scenario.files[variant.file];
            let Some(doc) = file.doc() else { continue };
            let banned = lexicon.banned_entries(resolved);
            let candidates = Candidates::new(
                banned
                    .iter()
                    .flat_map(|(_, e)| e.words.iter().map(|l| l.word.as_str())),
            );
            for (i, word) in doc.words.iter().enumerate() {
                let token = crate::language::lexicon::lookup_form(word.lower(doc));
                // Most tokens are too short or start with a letter no banned word does.
                if !candidates.may_match(token) {
                    continue;
                }
                // A capitalised word mid-sentence is a name, not a misspelling.
                if doc.is_mid_sentence_capitalized(i) {
                    continue;
                }
                let Some(target) = candidates.near_miss(token) else {
                    continue;
                };
                let text = &doc.text[word.span()];
                out.push(
                    META.report(
                        Location::in_doc(file.path.clone(), doc, word.span()),
                        format!(
                            "`{text}` looks like a misspelling of `{target}`, which `{}` must avoid",
                            resolved.name
                        ),
                    )
                    .with_label(format!("close to `{target}`"))
                    .with_help("a misspelt banned word is still the banned word to a tokenizer; rewrite without it"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, scenario, spans};

    /// `near_miss` as it was first written: every banned word tested for every token.
    fn near_miss_reference<'a>(
        token: &str,
        banned: impl Iterator<Item = &'a str>,
    ) -> Option<&'a str> {
        let n = token.len();
        if n < 5 || !token.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let first = token.as_bytes()[0];
        let limit = if n >= 9 { 2 } else { 1 };
        let target = banned
            .filter(|b| {
                let m = b.chars().count();
                m >= 5
                    && m.abs_diff(n) <= limit
                    && b.as_bytes().first() == Some(&first)
                    && *b != token
            })
            .find(|b| strsim::osa_distance(token, b) <= limit)?;
        (!crate::text::dictionary::contains(token)).then_some(target)
    }

    #[test]
    fn within_osa_agrees_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "furious",
            "furiuos",
            "fuirous",
            "furous",
            "furiouss",
            "livid",
            "lividd",
            "livd",
            "gratefull",
            "grateful",
            "gartefull",
            "naïve",
            "naive",
            "abcdefghij",
            "badcfehgji",
            "ca",
            "abdc",
        ];
        for a in words.iter().filter(|w| w.is_ascii()) {
            for b in words {
                let d = strsim::osa_distance(a, b);
                for limit in 0..4 {
                    assert_eq!(within_osa(a, b, limit), d <= limit, "{a} {b} {limit}");
                }
            }
        }
    }

    #[test]
    fn candidates_agree_with_the_full_walk() {
        let lexicon = Lexicon::bundled();
        let entries: Vec<_> = lexicon.entries.iter().collect();
        let mut checked = 0;
        for (k, (_, entry)) in entries.iter().enumerate() {
            // Each entry alone, and paired with the next as a compound bans both.
            let next = entries[(k + 1) % entries.len()].1;
            let banned: Vec<&str> = entry
                .words
                .iter()
                .chain(next.words)
                .map(|l| l.word.as_str())
                .collect();
            let candidates = Candidates::new(banned.iter().copied());
            let mut tokens: Vec<String> = Vec::new();
            for w in &banned {
                tokens.push(w.to_string());
                let b = w.as_bytes();
                for i in 0..b.len() {
                    // Deletion, doubling, substitution and transposition at every place.
                    let mut t = b.to_vec();
                    t.remove(i);
                    tokens.push(String::from_utf8_lossy(&t).into_owned());
                    let mut t = b.to_vec();
                    t.insert(i, b[i]);
                    tokens.push(String::from_utf8_lossy(&t).into_owned());
                    let mut t = b.to_vec();
                    t[i] = if b[i] == b'x' { b'q' } else { b'x' };
                    tokens.push(String::from_utf8_lossy(&t).into_owned());
                    if i + 1 < b.len() {
                        let mut t = b.to_vec();
                        t.swap(i, i + 1);
                        tokens.push(String::from_utf8_lossy(&t).into_owned());
                    }
                }
                tokens.push(format!("{w}edly"));
                tokens.push(w.to_uppercase());
            }
            for t in &tokens {
                assert_eq!(
                    candidates.near_miss(t),
                    near_miss_reference(t, banned.iter().copied()),
                    "{t}"
                );
                checked += 1;
            }
        }
        assert!(checked > 10_000);
    }

    #[test]
    fn fires_on_near_misses_that_are_not_words() {
        let s = scenario(&[
            (
                "furious.txt",
                "He was furiuos and then, livd? No: lividd.\n",
            ),
            ("grateful.txt", "She was gratefull for the lift.\n"),
        ]);
        let d = check(&EmotionMisspelling, &s);
        assert_eq!(
            spans(&d),
            [
                "furious.txt:furiuos",
                "furious.txt:lividd",
                "grateful.txt:gratefull"
            ]
        );
        assert!(d[0].message.contains("misspelling of `furious`"));
    }

    #[test]
    fn silent_on_real_words_short_words_other_initials_and_names() {
        let s = scenario(&[
            (
                "furious.txt",
                "A curious furrow. The Furiuos Five played. Fury. urious.\n",
            ),
            ("grateful.txt", "A graceful grate. Gratitude? No.\n"),
        ]);
        // `Fury` is the file's own word (emotion-vocabulary), not a misspelling.
        assert!(check(&EmotionMisspelling, &s).is_empty());
    }
}
