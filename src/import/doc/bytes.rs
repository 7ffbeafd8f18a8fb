//! Little-endian reads at an offset that never panic: every structure of a Word file gives its
//! own offsets and counts, so each read is bounds-checked and a bad one is a `Damaged` error.

/// Why a Word binary file could not be read, worded for the person importing it.
#[derive(Debug)]
pub(crate) struct Damaged(pub(crate) String);

pub(crate) type Res<T> = Result<T, Damaged>;

pub(crate) fn damaged<T>(what: impl Into<String>) -> Res<T> {
    Err(Damaged(what.into()))
}

/// A byte slice with checked reads; `what` names the structure in errors.
#[derive(Clone, Copy)]
pub(crate) struct Bytes<'a> {
    pub(crate) data: &'a [u8],
    pub(crate) what: &'static str,
}

impl<'a> Bytes<'a> {
    pub(crate) fn new(data: &'a [u8], what: &'static str) -> Self {
        Bytes { data, what }
    }

    pub(crate) fn len(&self) -> usize {
        self.data.len()
    }

    /// `len` bytes at `at`, or an error naming the structure.
    pub(crate) fn slice(&self, at: usize, len: usize) -> Res<&'a [u8]> {
        at.checked_add(len)
            .and_then(|end| self.data.get(at..end))
            .ok_or_else(|| {
                Damaged(format!(
                    "{} points past its end ({len} bytes at {at} of {})",
                    self.what,
                    self.data.len()
                ))
            })
    }

    /// The part `at..at+len` as a `Bytes` of its own, named `what`.
    pub(crate) fn sub(&self, at: usize, len: usize, what: &'static str) -> Res<Bytes<'a>> {
        Ok(Bytes::new(self.slice(at, len)?, what))
    }

    pub(crate) fn u8(&self, at: usize) -> Res<u8> {
        Ok(self.slice(at, 1)?[0])
    }

    pub(crate) fn u16(&self, at: usize) -> Res<u16> {
        let b = self.slice(at, 2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub(crate) fn u32(&self, at: usize) -> Res<u32> {
        let b = self.slice(at, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn i32(&self, at: usize) -> Res<i32> {
        Ok(self.u32(at)? as i32)
    }
}

/// `n` little-endian u32 at `at` (a PLC's character positions or file offsets).
pub(crate) fn u32s(b: &Bytes, at: usize, n: usize) -> Res<Vec<u32>> {
    let raw = b.slice(
        at,
        n.checked_mul(4)
            .ok_or(Damaged("a count overflows".into()))?,
    )?;
    Ok(raw
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// A PLC ([MS-DOC] 2.2.2): `n+1` positions then `n` data elements of `cb_data` bytes each, `n`
/// worked out from its size. Returns the positions and the data area.
pub(crate) fn plc<'a>(b: &Bytes<'a>, cb_data: usize) -> Res<(Vec<u32>, Bytes<'a>)> {
    let n = b.len().saturating_sub(4) / (4 + cb_data);
    if b.len() < 4 || 4 * (n + 1) + cb_data * n != b.len() {
        return damaged(format!(
            "{} has a size that fits no table ({})",
            b.what,
            b.len()
        ));
    }
    let cps = u32s(b, 0, n + 1)?;
    let data = b.sub(4 * (n + 1), cb_data * n, b.what)?;
    Ok((cps, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_past_the_end_are_errors_not_panics() {
        let b = Bytes::new(&[1, 2, 3], "test");
        assert_eq!(b.u16(1).unwrap(), 0x0302);
        assert!(b.u16(2).is_err());
        assert!(b.u32(usize::MAX - 1).is_err());
        assert!(b.slice(usize::MAX, 2).is_err());
        assert!(plc(&Bytes::new(&[0; 7], "plc"), 2).is_err());
        let (cps, data) = plc(&Bytes::new(&[1, 0, 0, 0, 2, 0, 0, 0, 9, 9], "plc"), 2).unwrap();
        assert_eq!((cps, data.data), (vec![1, 2], &[9u8, 9][..]));
    }
}
