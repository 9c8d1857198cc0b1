//! Sorted id lists packed as LEB128-coded gaps, about a byte and a half an id instead of four:
//! the corpus summaries' content words and the family model's added words are kept this way.

/// Sorted ids as LEB128-coded gaps: about a byte and a half a word instead of four.
pub fn encode_sorted(ids: &[u32], out: &mut Vec<u8>) {
    let mut previous = 0u32;
    for &id in ids {
        let mut delta = id - previous;
        previous = id;
        while delta >= 0x80 {
            out.push((delta as u8 & 0x7f) | 0x80);
            delta >>= 7;
        }
        out.push(delta as u8);
    }
}

pub fn decode_sorted(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut bytes = bytes.iter();
    let mut previous = 0u32;
    std::iter::from_fn(move || {
        let mut delta = 0u32;
        let mut shift = 0;
        loop {
            let b = *bytes.next()?;
            delta |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        previous += delta;
        Some(previous)
    })
}
