//! The structure of a SQLite write-ahead log, read from its bytes: which frames SQLite's recovery will
//! accept (salts equal to the header's and, where the checksums are computed over the bytes on disk, a
//! checksum chain that holds), and where the commits end. This lets the tamper test predict what a
//! flipped byte in a `-wal` file does before it looks.
//!
//! ```text
//! header (32 bytes): magic, version, page size, checkpoint seq, salt-1, salt-2, checksum-1, checksum-2
//! frame: pgno, commit size (database pages after a commit, else 0), salt-1, salt-2, checksum-1,
//!        checksum-2 (24 bytes), then one page
//! ```
//!
//! All header fields are big-endian; the checksums read the data as 32-bit words in the byte order the
//! magic's low bit says.

use std::collections::BTreeSet;

/// The WAL header's size.
pub const HEADER_LEN: usize = 32;
/// A frame header's size.
pub const FRAME_HEADER_LEN: usize = 24;

/// What a WAL holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalLayout {
    /// The page size.
    pub page_size: usize,
    /// Frames with the header's salts, from the start, up to the first that has other salts.
    pub current_frames: usize,
    /// Of those, how many also pass the checksum chain computed over the bytes on disk.
    pub checksummed_frames: usize,
    /// Whether the header's own checksum holds over the bytes on disk.
    pub header_checksum_ok: bool,
    /// For each commit among the accepted frames: the index of its last frame (0-based).
    pub commits: Vec<usize>,
    /// Frames in the file after the accepted ones (stale frames of an earlier generation).
    pub stale_frames: usize,
    /// Pages that have a copy in an accepted frame.
    pub pages: BTreeSet<u32>,
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    let word: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_be_bytes(word))
}

/// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `(s0, s1)`.
fn checksum(data: &[u8], big_endian: bool, (mut s0, mut s1): (u32, u32)) -> (u32, u32) {
    for pair in data.chunks_exact(8) {
        let word = |at: usize| {
            let bytes = [pair[at], pair[at + 1], pair[at + 2], pair[at + 3]];
            if big_endian {
                u32::from_be_bytes(bytes)
            } else {
                u32::from_le_bytes(bytes)
            }
        };
        s0 = s0.wrapping_add(word(0)).wrapping_add(s1);
        s1 = s1.wrapping_add(word(4)).wrapping_add(s0);
    }
    (s0, s1)
}

impl WalLayout {
    /// Reads the layout of the WAL `bytes`; `None` if it has no valid header at all.
    pub fn parse(bytes: &[u8]) -> Option<WalLayout> {
        let magic = be32(bytes, 0)?;
        if magic & !1 != 0x377f_0682 {
            return None;
        }
        let big_endian = magic & 1 == 1;
        let page_size = usize::try_from(be32(bytes, 8)?).ok()?;
        if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
            return None;
        }
        let salts = bytes.get(16..24)?;
        let header_sum = checksum(bytes.get(..24)?, big_endian, (0, 0));
        let header_checksum_ok = header_sum == (be32(bytes, 24)?, be32(bytes, 28)?);
        let frame_len = FRAME_HEADER_LEN + page_size;
        let total_frames = (bytes.len().saturating_sub(HEADER_LEN)) / frame_len;
        let mut layout = WalLayout {
            page_size,
            current_frames: 0,
            checksummed_frames: 0,
            header_checksum_ok,
            commits: Vec::new(),
            stale_frames: 0,
            pages: BTreeSet::new(),
        };
        let mut sum = header_sum;
        let mut chain_holds = header_checksum_ok;
        for index in 0..total_frames {
            let at = HEADER_LEN + index * frame_len;
            let frame = &bytes[at..at + frame_len];
            if &frame[8..16] != salts {
                break;
            }
            layout.current_frames += 1;
            if chain_holds {
                sum = checksum(&frame[..8], big_endian, sum);
                sum = checksum(&frame[FRAME_HEADER_LEN..], big_endian, sum);
                chain_holds = sum == (be32(frame, 16)?, be32(frame, 20)?);
                if chain_holds {
                    layout.checksummed_frames += 1;
                }
            }
        }
        // Frames after the last commit are not part of any transaction; only whole commits count.
        let mut pages = BTreeSet::new();
        for index in 0..layout.current_frames {
            let at = HEADER_LEN + index * frame_len;
            pages.insert(be32(bytes, at)?);
            if be32(bytes, at + 4)? != 0 {
                layout.commits.push(index);
                layout.pages.append(&mut pages);
            }
        }
        layout.stale_frames = total_frames - layout.current_frames;
        Some(layout)
    }

    /// The size of one frame.
    pub fn frame_len(&self) -> usize {
        FRAME_HEADER_LEN + self.page_size
    }

    /// What SQLite's recovery sees after the byte at `offset` is damaged: `Some(k)` when only the first
    /// `k` commits survive (the damaged frame and every later one are ignored, like a torn write), `None`
    /// when the byte lies in a frame after the last commit, which recovery never reads.
    pub fn commits_surviving(&self, offset: usize) -> Option<usize> {
        if offset < HEADER_LEN {
            return Some(0);
        }
        let frame = (offset - HEADER_LEN) / self.frame_len();
        let last = *self.commits.last()?;
        if frame > last {
            return None;
        }
        Some(self.commits.iter().filter(|end| **end < frame).count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_sqlites() {
        // Two words of ones: s0 = 1 + 0 = 1, s1 = 1 + 1 = 2; then s0 = 1 + 1 + 2 = 4, s1 = 2 + 1 + 4 = 7.
        let data = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
        assert_eq!(checksum(&data, true, (0, 0)), (4, 7));
    }

    #[test]
    fn garbage_is_not_a_wal() {
        assert_eq!(WalLayout::parse(b"not a wal at all, not at all, no"), None);
        assert_eq!(WalLayout::parse(&[]), None);
    }
}
