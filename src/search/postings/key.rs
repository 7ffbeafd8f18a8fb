//! Index keys as numbers. Runs sort millions of (key, document, position) entries, so a key is
//! one integer that sorts by shard, then kind, then value; the packing is written here once,
//! and everyone else asks `Key` and `ShardKey` (plain `Copy` integers: nothing at run time).

/// Bits of a key: its value below `KIND_SHIFT` (a code point in each `CODE_BITS`, or a word
/// id), its kind above; a `ShardKey` puts the shard above `Key::BITS`.
const CODE_BITS: u32 = 21;
const CODE: u64 = (1 << CODE_BITS) - 1;
const KIND_SHIFT: u32 = 2 * CODE_BITS;
const VALUE: u64 = (1 << KIND_SHIFT) - 1;

// Kinds, in the order they sort within a shard (and so are written in a shard file).
const ONE: u64 = 0;
const PAIR: u64 = 1;
const COUNT: u64 = 2;
const WORD: u64 = 3;

/// An index key: a CJK pair, a CJK character alone (a run's last), a character's count key
/// (`#` and the character: postings of counts, not positions), or a word by its id in the
/// shared word list (`Words`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) struct Key(u64);

/// What a key is, unpacked.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    One(char),
    Pair(char, char),
    Count(char),
    Word(u32),
}

impl Key {
    /// Bits a key takes: `ShardKey` and `ShardSort` use the ones above.
    pub(super) const BITS: u32 = KIND_SHIFT + 2;

    #[inline(always)]
    pub(super) fn one(c: char) -> Key {
        Key(ONE << KIND_SHIFT | c as u64)
    }

    #[inline(always)]
    pub(super) fn pair(a: char, b: char) -> Key {
        Key(PAIR << KIND_SHIFT | (a as u64) << CODE_BITS | b as u64)
    }

    #[inline(always)]
    pub(super) fn count(c: char) -> Key {
        Key(COUNT << KIND_SHIFT | c as u64)
    }

    #[inline(always)]
    pub(super) fn word(id: u32) -> Key {
        Key(WORD << KIND_SHIFT | u64::from(id))
    }

    pub(super) fn kind(self) -> Kind {
        // (Keys are made from chars: the replacement character is never seen.)
        let c = |v: u64| char::from_u32((v & CODE) as u32).unwrap_or('\u{fffd}');
        match self.0 >> KIND_SHIFT {
            ONE => Kind::One(c(self.0)),
            PAIR => Kind::Pair(c(self.0 >> CODE_BITS), c(self.0)),
            COUNT => Kind::Count(c(self.0)),
            _ => Kind::Word((self.0 & VALUE) as u32),
        }
    }

    /// A word's key with the word's rank (its place in text order) for its id, so that words
    /// sort by text; other keys as they are.
    #[inline(always)]
    pub(super) fn ranked(self, ranks: &[u32]) -> Key {
        if self.0 >> KIND_SHIFT == WORD {
            Key::word(ranks[(self.0 & VALUE) as usize])
        } else {
            self
        }
    }
}

/// A key with its shard above it: runs sort by these, so by shard, then key.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Debug)]
pub(super) struct ShardKey(u64);

impl ShardKey {
    #[inline(always)]
    pub(super) fn new(shard: u64, key: Key) -> ShardKey {
        ShardKey(shard << Key::BITS | key.0)
    }

    #[inline(always)]
    pub(super) fn shard(self) -> u64 {
        self.0 >> Key::BITS
    }

    #[inline(always)]
    pub(super) fn key(self) -> Key {
        Key(self.0 & ((1 << Key::BITS) - 1))
    }

    /// As the temporary file holds it.
    pub(super) fn to_bits(self) -> u64 {
        self.0
    }

    pub(super) fn from_bits(bits: u64) -> ShardKey {
        ShardKey(bits)
    }
}

fn fnv(h: u32, c: u32) -> u32 {
    (h ^ c).wrapping_mul(0x0100_0193)
}
const FNV_START: u32 = 0x811c_9dc5;

/// The shards of CJK keys, as `search::shard_of` computes them from the keys' text (FNV-1a,
/// modulo the number of shards), without the text and without a division for every token:
/// `hash % shards` by multiplications (Lemire's fastmod).
#[derive(Clone, Copy)]
pub(super) struct Shards {
    n: u64,
    m: u64,
}

impl Shards {
    pub(super) fn new(n: usize) -> Shards {
        let n = n as u64;
        Shards {
            n,
            m: (u64::MAX / n).wrapping_add(1),
        }
    }

    #[inline(always)]
    fn of(self, h: u32) -> u64 {
        let low = self.m.wrapping_mul(u64::from(h));
        ((u128::from(low) * u128::from(self.n)) >> 64) as u64
    }

    #[inline(always)]
    pub(super) fn pair(self, a: char, b: char) -> ShardKey {
        let h = fnv(fnv(FNV_START, a as u32), b as u32);
        ShardKey::new(self.of(h), Key::pair(a, b))
    }

    #[inline(always)]
    pub(super) fn one(self, c: char) -> ShardKey {
        ShardKey::new(self.of(fnv(FNV_START, c as u32)), Key::one(c))
    }

    pub(super) fn count(self, c: char) -> ShardKey {
        let h = fnv(fnv(FNV_START, '#' as u32), c as u32);
        ShardKey::new(self.of(h), Key::count(c))
    }
}

/// Sorts one shard's items by key, keeping their order within a key; keeps its scratch between
/// calls. A shard's batch holds each key about five times (benchmark corpus: 30 M entries,
/// 6 M keys), so larger ones are grouped by key through a hash table and only the distinct
/// keys are sorted: a counting sort by key, where a comparison sort of every entry was 10 %
/// of a cold index.
pub(super) struct ShardSort<T> {
    order: Vec<u64>,
    moved: Vec<T>,
    /// Open addressing: a key and its group, or `EMPTY`.
    table: Vec<(u64, u32)>,
    /// Each group's key, then (after the sort) where its items start.
    groups: Vec<u64>,
    counts: Vec<u32>,
    /// Each item's group.
    group_of: Vec<u32>,
}

impl<T> Default for ShardSort<T> {
    fn default() -> Self {
        ShardSort {
            order: Vec::new(),
            moved: Vec::new(),
            table: Vec::new(),
            groups: Vec::new(),
            counts: Vec::new(),
            group_of: Vec::new(),
        }
    }
}

/// Below this many items a sort of (key, place) numbers is quicker than hashing them.
const HASHED_FROM: usize = 48;
/// No key has all bits set (keys take `Key::BITS`).
const EMPTY: u64 = u64::MAX;

impl<T: Copy> ShardSort<T> {
    /// A key's bits, then the place (or a group): 64 bits.
    const PLACE: u32 = u64::BITS - Key::BITS;

    /// Sorts `items` (all in one shard), by trading buffers with the scratch: no copy back.
    pub(super) fn sort_vec(&mut self, items: &mut Vec<T>, key: impl Fn(&T) -> ShardKey) {
        if items.len() >= 1 << Self::PLACE {
            items.sort_by_key(key);
            return;
        }
        self.order_into_moved(items, key);
        std::mem::swap(items, &mut self.moved);
    }

    /// `items` (all in one shard) sorted: in the sorter's scratch, without the copy back
    /// (`items` is left in any order).
    pub(super) fn sorted<'a>(
        &'a mut self,
        items: &'a mut [T],
        key: impl Fn(&T) -> ShardKey,
    ) -> &'a [T] {
        if items.len() >= 1 << Self::PLACE {
            items.sort_by_key(key);
            return items;
        }
        self.order_into_moved(items, key);
        &self.moved
    }

    /// Fewer than 2^20 items into `moved`, in order.
    fn order_into_moved(&mut self, items: &[T], key: impl Fn(&T) -> ShardKey) {
        const PLACE: u32 = ShardSort::<()>::PLACE;
        if items.len() >= HASHED_FROM {
            return self.group(items, key);
        }
        self.order.clear();
        self.order.extend(
            items
                .iter()
                .enumerate()
                .map(|(i, e)| key(e).key().0 << PLACE | i as u64),
        );
        self.order.sort_unstable();
        self.moved.clear();
        self.moved.extend(
            self.order
                .iter()
                .map(|o| items[(o & ((1 << PLACE) - 1)) as usize]),
        );
    }

    /// The counting sort: fewer than 2^20 items, so groups and places fit beside a key.
    fn group(&mut self, items: &[T], key: impl Fn(&T) -> ShardKey) {
        const PLACE: u32 = ShardSort::<()>::PLACE;
        // At most half full.
        let bits = (2 * items.len()).next_power_of_two().trailing_zeros();
        let mask = (1usize << bits) - 1;
        self.table.clear();
        self.table.resize(1 << bits, (EMPTY, 0));
        self.groups.clear();
        self.counts.clear();
        self.group_of.clear();
        for e in items.iter() {
            let k = key(e).key().0;
            // Fibonacci hashing: the top bits of the product.
            let mut h = (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (u64::BITS - bits)) as usize;
            let g = loop {
                let (at, g) = self.table[h];
                if at == k {
                    break g;
                }
                if at == EMPTY {
                    let g = self.groups.len() as u32;
                    self.table[h] = (k, g);
                    self.groups.push(k);
                    self.counts.push(0);
                    break g;
                }
                h = (h + 1) & mask;
            };
            self.counts[g as usize] += 1;
            self.group_of.push(g);
        }
        self.order.clear();
        self.order.extend(
            self.groups
                .iter()
                .enumerate()
                .map(|(g, &k)| k << PLACE | g as u64),
        );
        self.order.sort_unstable();
        // Each group's first place, in key order.
        let mut at = 0u64;
        for o in &self.order {
            let g = (o & ((1 << PLACE) - 1)) as usize;
            self.groups[g] = at;
            at += u64::from(self.counts[g]);
        }
        // (A fill first: a copy per item is cheaper than the sort this replaces.)
        self.moved.clear();
        self.moved.resize(items.len(), items[0]);
        for (e, &g) in items.iter().zip(&self.group_of) {
            let to = &mut self.groups[g as usize];
            self.moved[*to as usize] = *e;
            *to += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::shard_of;

    const CHARS: [char; 6] = ['\0', '整', '𠀋', '\u{3ffff}', 'a', char::MAX];

    #[test]
    fn keys_give_back_what_they_were_made_of() {
        for a in CHARS {
            assert_eq!(Key::one(a).kind(), Kind::One(a));
            assert_eq!(Key::count(a).kind(), Kind::Count(a));
            for b in CHARS {
                assert_eq!(Key::pair(a, b).kind(), Kind::Pair(a, b));
            }
        }
        // Word ids past a code point's 21 bits too.
        for id in [0, 1, (1 << 21) - 1, 1 << 21, (1 << 21) + 5, u32::MAX] {
            assert_eq!(Key::word(id).kind(), Kind::Word(id), "{id}");
        }
    }

    #[test]
    fn shard_keys_give_back_shard_and_key_and_sort_by_shard_first() {
        let keys = [
            Key::one(char::MAX),
            Key::pair('\0', '\0'),
            Key::pair(char::MAX, char::MAX),
            Key::count('整'),
            Key::word(u32::MAX),
        ];
        for shard in [0u64, 1, 7, 16383, 16384] {
            for k in keys {
                let s = ShardKey::new(shard, k);
                assert_eq!((s.shard(), s.key()), (shard, k));
                assert_eq!(ShardKey::from_bits(s.to_bits()), s);
            }
        }
        // Within a shard by kind (one, pair, count, word), then value; shards above all.
        let sorted: Vec<ShardKey> = [0, 1]
            .into_iter()
            .flat_map(|s| keys.map(|k| ShardKey::new(s, k)))
            .collect();
        assert!(sorted.windows(2).all(|w| w[0] < w[1]), "{sorted:?}");
        assert!(
            Key::pair('a', 'z') < Key::pair('b', 'a'),
            "pairs by first character"
        );
    }

    #[test]
    fn ranked_words_take_their_rank_other_keys_stay() {
        let ranks = [2, 0, 1];
        assert_eq!(Key::word(0).ranked(&ranks), Key::word(2));
        assert_eq!(Key::word(2).ranked(&ranks), Key::word(1));
        for k in [Key::one('整'), Key::pair('整', '改'), Key::count('整')] {
            assert_eq!(k.ranked(&ranks), k);
        }
    }

    #[test]
    fn cjk_keys_go_to_the_shard_of_their_text() {
        for n in [1usize, 3, 13, 5780, 16384] {
            let s = Shards::new(n);
            for a in ['整', '改', '𠀋'] {
                assert_eq!(s.one(a).shard() as usize, shard_of(&a.to_string(), n));
                assert_eq!(s.count(a).shard() as usize, shard_of(&format!("#{a}"), n));
                let b = '落';
                assert_eq!(
                    s.pair(a, b).shard() as usize,
                    shard_of(&format!("{a}{b}"), n)
                );
                assert_eq!(s.pair(a, b).key(), Key::pair(a, b));
            }
        }
    }

    #[test]
    fn fast_modulo_is_modulo() {
        let mut h: u32 = 1;
        for n in [1usize, 2, 3, 7, 64, 5780, 16384, 16383] {
            let s = Shards::new(n);
            for _ in 0..10_000 {
                h = h.wrapping_mul(0x0100_0193) ^ 0x9e37_79b9;
                assert_eq!(s.of(h), u64::from(h) % n as u64, "{h} % {n}");
            }
            assert_eq!(s.of(u32::MAX), u64::from(u32::MAX) % n as u64);
        }
    }

    #[test]
    fn buckets_sort_by_key_keeping_entry_order() {
        let mut sorter = ShardSort::default();
        // Small buckets (sorted as numbers), larger ones (grouped by key through the table) and
        // one past 2^20 entries (sorted as entries).
        // Few keys repeated, and nearly every key new (the table's probing).
        let cases = [0usize, 1, 2, 47, 48, 50, 3000, 70_000, (1 << 20) + 5]
            .into_iter()
            .flat_map(|len| [(len, 97), (len, 0x3_0000)]);
        for (len, spread) in cases {
            let mut x = 0x9e37_79b9_u64;
            let mut bucket: Vec<(ShardKey, u32, u32)> = (0..len)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let b = char::from_u32((x % spread) as u32).unwrap_or('a');
                    (
                        ShardKey::new(7, Key::pair('\0', b)),
                        i as u32,
                        (i * 3) as u32,
                    )
                })
                .collect();
            let mut expect = bucket.clone();
            expect.sort_by_key(|e| e.0);
            let mut copy = bucket.clone();
            assert!(
                sorter.sorted(&mut copy, |e| e.0) == expect,
                "{len} entries, {spread} keys"
            );
            sorter.sort_vec(&mut bucket, |e| e.0);
            assert!(bucket == expect, "{len} entries, {spread} keys, traded");
        }
    }
}
