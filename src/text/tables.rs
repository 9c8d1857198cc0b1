//! Lookup structures for start-up speed. build/ compiles the bundled data of `rules/` into
//! static tables searched in place, so a run builds nothing for it: `StaticMap` and `StaticSet`
//! (sorted slices, binary search) for the small tables, and `WordTable` (an open-addressing
//! hash table laid out at build time) for the large word tables looked up for every word of a
//! text. Maps a run builds for its own use can hash with `FxBuildHasher` instead of SipHash.
//!
//! build/ includes this file too (`#[path]`), to lay out `WordTable`s with the very same
//! `word_hash`; so only `std` here.

use std::hash::{BuildHasherDefault, Hasher};

/// A map over a static slice sorted by key (bytewise, as `BTreeMap<String, _>` orders it),
/// searched by binary search. Iteration is in key order.
#[derive(Debug)]
pub struct StaticMap<V: 'static>(&'static [(&'static str, V)]);

impl<V> StaticMap<V> {
    /// Wraps a slice whose keys are strictly increasing. Checked where the map is built, at
    /// compile time for the generated tables, so a lookup can rely on it.
    pub const fn new(entries: &'static [(&'static str, V)]) -> Self {
        let mut i = 1;
        while i < entries.len() {
            assert!(
                str_lt(entries[i - 1].0, entries[i].0),
                "StaticMap keys must be sorted and unique"
            );
            i += 1;
        }
        StaticMap(entries)
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.0.binary_search_by(|(k, _)| (*k).cmp(key)).ok()
    }

    pub fn get(&self, key: &str) -> Option<&'static V> {
        self.get_key_value(key).map(|(_, v)| v)
    }

    pub fn get_key_value(&self, key: &str) -> Option<(&'static str, &'static V)> {
        let entries: &'static [(&'static str, V)] = self.0;
        self.position(key).map(|i| (entries[i].0, &entries[i].1))
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// The entry at `index` in key order (tables may refer to entries by position).
    pub fn at(&self, index: usize) -> (&'static str, &'static V) {
        let entries: &'static [(&'static str, V)] = self.0;
        (entries[index].0, &entries[index].1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static V)> + use<V> {
        let entries: &'static [(&'static str, V)] = self.0;
        entries.iter().map(|(k, v)| (*k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> + use<V> {
        let entries: &'static [(&'static str, V)] = self.0;
        entries.iter().map(|(k, _)| *k)
    }

    pub fn values(&self) -> impl Iterator<Item = &'static V> + use<V> {
        let entries: &'static [(&'static str, V)] = self.0;
        entries.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V, Q: AsRef<str> + ?Sized> std::ops::Index<&Q> for StaticMap<V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        let key = key.as_ref();
        self.get(key)
            .unwrap_or_else(|| panic!("no entry `{key}` in the table"))
    }
}

impl<V> IntoIterator for &StaticMap<V> {
    type Item = (&'static str, &'static V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'static, (&'static str, V)>,
        fn(&'static (&'static str, V)) -> (&'static str, &'static V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        let entries: &'static [(&'static str, V)] = self.0;
        entries.iter().map(|(k, v)| (*k, v))
    }
}

/// A set of words over a static sorted slice, searched by binary search.
#[derive(Debug, Default, Clone, Copy)]
pub struct StaticSet(&'static [&'static str]);

impl StaticSet {
    /// Wraps a slice of strictly increasing words (checked as in `StaticMap::new`).
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut i = 1;
        while i < words.len() {
            assert!(
                str_lt(words[i - 1], words[i]),
                "StaticSet words must be sorted and unique"
            );
            i += 1;
        }
        StaticSet(words)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.binary_search(&word).is_ok()
    }

    pub fn iter(&self) -> std::iter::Copied<std::slice::Iter<'static, &'static str>> {
        self.0.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl IntoIterator for &StaticSet {
    type Item = &'static str;
    type IntoIter = std::iter::Copied<std::slice::Iter<'static, &'static str>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A table from words to values, laid out by build/. It holds no pointer per key (keys are
/// ranges of one string, values sit in a parallel slice), so the dynamic loader has nothing to
/// relocate in it at start-up, and a lookup is a hash and usually one comparison.
#[derive(Debug)]
pub struct WordTable<V: 'static> {
    /// Every key, concatenated in key order.
    keys: &'static str,
    /// Where each key ends in `keys`; key i starts where key i - 1 ends.
    ends: &'static [u32],
    values: &'static [V],
    /// Open addressing with linear probing from `home_slot`, laid out by `layout_slots`: key
    /// index + 1 in the low `INDEX_BITS` bits (0 for an empty slot), and above them a few
    /// bits of the key's hash (`slot_tag`), so a probe rarely compares a key that is not the
    /// word. A power of two, at most half full.
    slots: &'static [u32],
}

impl<V> WordTable<V> {
    pub const fn new(
        keys: &'static str,
        ends: &'static [u32],
        values: &'static [V],
        slots: &'static [u32],
    ) -> Self {
        assert!(ends.len() == values.len(), "one value per key");
        assert!(
            slots.len().is_power_of_two() && slots.len() >= 2 * ends.len(),
            "a power of two of slots, at most half full"
        );
        WordTable {
            keys,
            ends,
            values,
            slots,
        }
    }

    fn key(&self, index: usize) -> &'static str {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        let keys: &'static str = self.keys;
        &keys[start as usize..self.ends[index] as usize]
    }

    pub fn get_key_value(&self, word: &str) -> Option<(&'static str, &'static V)> {
        let mask = self.slots.len() - 1;
        let hash = word_hash(word);
        let tag = slot_tag(hash);
        let mut slot = home_slot(hash, self.slots.len());
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return None;
            }
            if entry & !INDEX_MASK == tag {
                let index = (entry & INDEX_MASK) as usize - 1;
                let key = self.key(index);
                if key == word {
                    let values: &'static [V] = self.values;
                    return Some((key, &values[index]));
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    pub fn get(&self, word: &str) -> Option<&'static V> {
        self.get_key_value(word).map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every key and value, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static V)> + '_ {
        let values: &'static [V] = self.values;
        (0..self.len()).map(move |i| (self.key(i), &values[i]))
    }
}

/// Bits of a `WordTable` slot that hold the key index + 1; the rest hold `slot_tag`.
const INDEX_BITS: u32 = 20;
const INDEX_MASK: u32 = (1 << INDEX_BITS) - 1;

/// The hash bits a slot keeps beside its key index (not the top bits `home_slot` uses, which
/// the keys probed at one place mostly share), in place in the slot value.
fn slot_tag(hash: u64) -> u32 {
    ((hash >> 24) as u32) & !INDEX_MASK
}

/// The slots of a `WordTable` over `keys` (in table order): build/ lays tables out with it.
pub fn layout_slots<'k>(keys: impl ExactSizeIterator<Item = &'k str>) -> Vec<u32> {
    let count = keys.len();
    assert!(count < INDEX_MASK as usize, "fewer than 2^20 keys");
    let slot_count = (2 * count).next_power_of_two();
    let mut slots = vec![0u32; slot_count];
    for (i, key) in keys.enumerate() {
        let hash = word_hash(key);
        let mut slot = home_slot(hash, slot_count);
        while slots[slot] != 0 {
            slot = (slot + 1) & (slot_count - 1);
        }
        slots[slot] = slot_tag(hash) | (i as u32 + 1);
    }
    slots
}

/// A hash index over a one-word-per-line text (the dictionary lists), laid out by build/:
/// a power of two of `u32` slots, at most two-thirds full (the word list fills 51%, in 1 MiB),
/// probed linearly from `home_slot`. A slot
/// packs where its word starts in the text and its length, with a few hash bits to compare
/// first; 0 is an empty slot (every word has a length).
pub mod line_index {
    use super::{home_slot, word_hash};

    const LEN_BITS: u32 = 6;
    const START_BITS: u32 = 21;
    const TAG_SHIFT: u32 = LEN_BITS + START_BITS;

    fn tag(hash: u64) -> u32 {
        ((hash >> 32) as u32) >> TAG_SHIFT << TAG_SHIFT
    }

    /// The slots for `text` (one word per line), as little-endian bytes.
    pub fn layout(text: &str) -> Vec<u8> {
        let count = text.lines().count();
        let slot_count = (count + count / 2).next_power_of_two();
        let mut slots = vec![0u32; slot_count];
        let mut start = 0usize;
        for word in text.split_terminator('\n') {
            assert!(
                !word.is_empty() && word.len() < 1 << LEN_BITS && start < 1 << START_BITS,
                "line index: `{word}` at {start} does not fit a slot"
            );
            let hash = word_hash(word);
            let mut slot = home_slot(hash, slot_count);
            while slots[slot] != 0 {
                slot = (slot + 1) & (slot_count - 1);
            }
            slots[slot] = tag(hash) | (start as u32) << LEN_BITS | word.len() as u32;
            start += word.len() + 1;
        }
        slots.iter().flat_map(|s| s.to_le_bytes()).collect()
    }

    /// Is `word` a line of `text`, whose slots `layout` made?
    pub fn contains(text: &str, slots: &[u8], word: &str) -> bool {
        let count = slots.len() / 4;
        let hash = word_hash(word);
        let tag = tag(hash);
        let mut slot = home_slot(hash, count);
        loop {
            let bytes: [u8; 4] = slots[4 * slot..4 * slot + 4].try_into().expect("4 bytes");
            let entry = u32::from_le_bytes(bytes);
            if entry == 0 {
                return false;
            }
            let len = (entry & ((1 << LEN_BITS) - 1)) as usize;
            if entry >> TAG_SHIFT << TAG_SHIFT == tag && len == word.len() {
                let start = ((entry >> LEN_BITS) & ((1 << START_BITS) - 1)) as usize;
                if text.as_bytes().get(start..start + len) == Some(word.as_bytes()) {
                    return true;
                }
            }
            slot = (slot + 1) & (count - 1);
        }
    }
}

/// Where probing for `hash` starts in a table of `slots` slots (a power of two): the hash's
/// top bits, which a multiplicative hash mixes best.
pub fn home_slot(hash: u64, slots: usize) -> usize {
    debug_assert!(slots.is_power_of_two());
    match slots.trailing_zeros() {
        0 => 0,
        bits => (hash >> (64 - bits)) as usize,
    }
}

/// The hash of a `WordTable` key: Fx mixing over the bytes in little-endian 8-byte words,
/// then the length, so it is the same on every platform (build/ computes it on the host).
pub fn word_hash(word: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(word.as_bytes());
    hasher.add(word.len() as u64);
    hasher.hash
}

/// A word's bit (0..128) in a cheap per-sentence signature of its words, from its first and
/// last bytes and length: no hashing, so it costs next to nothing per word. The label
/// matcher uses it to skip patterns whose literal words cannot occur in a sentence; build/
/// computes the patterns' bits with this same function.
pub fn signature_bit(word: &str) -> u32 {
    let bytes = word.as_bytes();
    let (first, last) = match bytes {
        [] => (0, 0),
        [only] => (*only, *only),
        [first, .., last] => (*first, *last),
    };
    (u32::from(first) * 31 + u32::from(last) * 7 + bytes.len() as u32 * 13) % 128
}

/// `a < b` bytewise, usable in a const fn (where `Ord` is not).
const fn str_lt(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// The Firefox/rustc "Fx" hash: a multiply and rotate per word. Much cheaper than the default
/// SipHash for the small internal maps of a run, whose keys are not chosen by an attacker who
/// could exploit collisions (texts are the user's own, and the maps are bounded by them).
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The last bytes zero-padded to a little-endian word (no call to memcpy).
            let last = rest
                .iter()
                .rev()
                .fold(0u64, |word, &b| (word << 8) | u64::from(b));
            self.add(last);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuildHasher = BuildHasherDefault<FxHasher>;
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuildHasher>;
pub type FxHashSet<T> = std::collections::HashSet<T, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    static MAP: StaticMap<u32> = StaticMap::new(&[("a", 1), ("ab", 2), ("b", 3)]);
    static SET: StaticSet = StaticSet::new(&["bitters", "compass", "grate"]);

    #[test]
    fn static_map_finds_keys_in_order() {
        assert_eq!(MAP.get("ab"), Some(&2));
        assert_eq!(MAP.get_key_value("b"), Some(("b", &3)));
        assert!(MAP.get("c").is_none() && !MAP.contains_key(""));
        assert_eq!(MAP["a"], 1);
        assert_eq!(MAP.keys().collect::<Vec<_>>(), ["a", "ab", "b"]);
        assert_eq!(MAP.at(1), ("ab", &2));
        assert_eq!(SET.iter().count(), 3);
        assert!(SET.contains("compass") && !SET.contains("compasses"));
    }

    #[test]
    fn str_lt_is_bytewise_order() {
        for (a, b) in [("a", "b"), ("a", "ab"), ("", "a"), ("Z", "a"), ("ab", "b")] {
            assert!(str_lt(a, b) && !str_lt(b, a), "{a} < {b}");
        }
        assert!(!str_lt("a", "a"));
    }

    static EMPTY: WordTable<u8> = WordTable::new("", &[], &[], &[0]);

    #[test]
    fn word_table_finds_every_key_it_was_laid_out_with() {
        // Lay out a table the way build/ does, then look every key up.
        let keys = [
            "a",
            "ab",
            "abc",
            "bitter",
            "furious",
            "zz",
            "grateful-ish",
            "",
        ];
        let slots = layout_slots(keys.iter().copied());
        let mut ends = Vec::new();
        let mut text = String::new();
        for key in keys {
            text.push_str(key);
            ends.push(text.len() as u32);
        }
        let values: Vec<usize> = (0..keys.len()).collect();
        let table = WordTable::new(text.leak(), ends.leak(), values.leak(), slots.leak());
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(table.get_key_value(key), Some((*key, &i)), "{key}");
        }
        assert!(table.get("abcd").is_none() && table.get("b").is_none());
        assert_eq!(table.iter().map(|(k, _)| k).collect::<Vec<_>>(), keys);
        assert!(EMPTY.get("a").is_none() && EMPTY.is_empty());
    }

    #[test]
    fn word_hash_pads_the_last_bytes_with_zeros() {
        // The hash build/ laid tables out with: 8-byte little-endian words, the last one
        // zero-padded, then the length.
        fn reference(word: &str) -> u64 {
            let mut h = FxHasher::default();
            for chunk in word.as_bytes().chunks(8) {
                let mut last = [0u8; 8];
                last[..chunk.len()].copy_from_slice(chunk);
                h.add(u64::from_le_bytes(last));
            }
            h.add(word.len() as u64);
            h.hash
        }
        for w in [
            "",
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "grateful-ish",
            "naïve",
        ] {
            assert_eq!(word_hash(w), reference(w), "{w}");
        }
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let slots = layout_slots(words.iter().map(String::as_str));
        let text: String = words.concat();
        let ends: Vec<u32> = words
            .iter()
            .scan(0, |end, w| {
                *end += w.len() as u32;
                Some(*end)
            })
            .collect();
        let values: Vec<usize> = (0..words.len()).collect();
        let many = WordTable::new(text.leak(), ends.leak(), values.leak(), slots.leak());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(many.get(w), Some(&i));
            assert!(many.get(&format!("{w}x")).is_none());
        }
    }

    #[test]
    fn fx_sets_work_as_sets() {
        let mut set: FxHashSet<&str> = FxHashSet::default();
        for w in [
            "one",
            "two",
            "three",
            "a-longer-key-than-eight-bytes",
            "one",
        ] {
            set.insert(w);
        }
        assert_eq!(set.len(), 4);
        assert!(set.contains("a-longer-key-than-eight-bytes") && !set.contains("four"));
    }
}
