//! The delimiter stack of CommonMark's "process emphasis", as pulldown-cmark 0.13 implements
//! it (its lower bounds, the rule of three, tildes matching only their own length): which
//! runs pair up, and as what.

use pulldown_cmark::{Tag, TagEnd};
use std::ops::Range;

/// A delimiter run: `len` × `d` from byte `pos` of the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    pub(super) pos: usize,
    pub(super) len: usize,
    pub(super) d: u8,
    pub(super) open: bool,
    pub(super) close: bool,
}

/// What became of some delimiters: a pair (`width` 1: emphasis, 2: strong; strikethrough for
/// `~`) whose opening characters start at `open` and closing ones at `close`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Pair {
    pub(super) open: usize,
    pub(super) close: usize,
    pub(super) width: usize,
    pub(super) kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Emphasis,
    Strong,
    Strikethrough,
}

impl Pair {
    pub(super) fn range(&self) -> Range<usize> {
        self.open..self.close + self.width
    }

    pub(super) fn tags(&self) -> (Tag<'static>, TagEnd) {
        match self.kind {
            Kind::Emphasis => (Tag::Emphasis, TagEnd::Emphasis),
            Kind::Strong => (Tag::Strong, TagEnd::Strong),
            Kind::Strikethrough => (Tag::Strikethrough, TagEnd::Strikethrough),
        }
    }
}

/// An opener waiting on the stack: `count` characters of run `run` from its `start`th.
#[derive(Debug, Clone, Copy)]
struct Opener {
    run: usize,
    start: usize,
    count: usize,
    run_len: usize,
    d: u8,
    both: bool,
}

/// The delimiter stack, with pulldown-cmark's lower bounds ("openers_bottom" of the spec: where
/// a search for an opener that failed need not look again).
#[derive(Default)]
struct Stack {
    openers: Vec<Opener>,
    bounds: [usize; 9],
}

const UNDERSCORE_NOT_BOTH: usize = 0;
const ASTERISK_NOT_BOTH: usize = 1;
const ASTERISK_BASE: usize = 2;
const TILDES: usize = 5;
const UNDERSCORE_BASE: usize = 6;

impl Stack {
    fn slots(d: u8, count: usize) -> Option<(usize, usize)> {
        match d {
            b'_' => Some((UNDERSCORE_BASE + count % 3, UNDERSCORE_NOT_BOTH)),
            b'*' => Some((ASTERISK_BASE + count % 3, ASTERISK_NOT_BOTH)),
            _ => None,
        }
    }

    fn bound(&self, d: u8, count: usize, both: bool) -> usize {
        match Self::slots(d, count) {
            Some((m, _)) if both => self.bounds[m],
            Some((m, n)) => self.bounds[m].min(self.bounds[n]),
            None => self.bounds[TILDES],
        }
    }

    fn set_bound(&mut self, d: u8, count: usize, both: bool, to: usize) {
        match Self::slots(d, count) {
            Some((m, n)) => {
                self.bounds[m] = to;
                if !both {
                    self.bounds[n] = to;
                }
            }
            None => self.bounds[TILDES] = to,
        }
    }

    /// The nearest opener a closer of `run_len` × `d` may take; the openers above it are
    /// dropped (they stay text).
    fn find(&mut self, d: u8, run_len: usize, both: bool) -> Option<Opener> {
        let low = self.openers.len().min(self.bound(d, run_len, both));
        let found = self.openers[low..].iter().rposition(|o| {
            o.d == d
                && (d != b'~' || o.run_len == run_len)
                && (!both && !o.both
                    || !(run_len + o.run_len).is_multiple_of(3)
                    || run_len.is_multiple_of(3))
        });
        let Some(i) = found.map(|i| i + low) else {
            self.set_bound(d, run_len, both, self.openers.len());
            return None;
        };
        let o = self.openers[i];
        self.openers.truncate(i);
        for b in &mut self.bounds {
            *b = (*b).min(i);
        }
        Some(o)
    }

    fn push(&mut self, o: Opener) {
        if o.d == b'~' {
            self.bounds[TILDES] = self.bounds[TILDES].min(self.openers.len());
        }
        self.openers.push(o);
    }
}

/// The pairs the runs make, left to right as CommonMark's "process emphasis" makes them.
pub(super) fn pairs(runs: &[Run]) -> Vec<Pair> {
    let mut stack = Stack::default();
    let mut out = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        let both = r.open && r.close;
        let (mut count, mut cursor) = (r.len, 0);
        while r.close && count > 0 {
            let Some(o) = stack.find(r.d, r.len, both) else {
                break;
            };
            let n = count.min(o.count);
            // From the inside out: the opener's last characters with the closer's first.
            let (mut open_end, mut close) = (runs[o.run].pos + o.start + o.count, r.pos + cursor);
            let mut left = n;
            while left > 0 {
                let width = if left >= 2 { 2 } else { 1 };
                let kind = match (r.d, width) {
                    (b'~', _) => Kind::Strikethrough,
                    (_, 2) => Kind::Strong,
                    _ => Kind::Emphasis,
                };
                out.push(Pair {
                    open: open_end - width,
                    close,
                    width,
                    kind,
                });
                (open_end, close, left) = (open_end - width, close + width, left - width);
            }
            if o.count > n {
                stack.push(Opener {
                    count: o.count - n,
                    ..o
                });
            }
            (count, cursor) = (count - n, cursor + n);
        }
        if count > 0 && r.open {
            stack.push(Opener {
                run: i,
                start: cursor,
                count,
                run_len: r.len,
                d: r.d,
                both,
            });
        }
    }
    out
}
