//! Reads a ledger's SQLite write-ahead log (its `-wal` file) from the bytes on disk, and refuses a log
//! whose damage SQLite would silently skip over although no power cut or crash can have left it.
//!
//! # Why
//!
//! Ledgers run in WAL mode with `synchronous=FULL` (see `ledger_file`). When SQLite opens a ledger with
//! a `-wal` left over (after a crash, or in a copy of the data folder taken while the profile was open),
//! its recovery reads the log's frames in order and stops at the first whose salts or checksum are
//! wrong, as it must at a write torn by a power cut: that frame and every later one are ignored. One
//! flipped byte early in the log would therefore open the profile, without a word, as of an earlier
//! commit. The encryption does not notice: sqlite3mc authenticates each page it reads, but a frame that
//! recovery ignores is never read, and the frame headers and checksums (computed over the encrypted
//! pages, as they lie on disk) are SQLite's own. So the vault checks the log before SQLite opens the
//! ledger.
//!
//! # Format
//!
//! ```text
//! header (32 bytes): magic (0x377f0682, low bit set: big-endian checksums), version (3007000),
//!                    page size, checkpoint sequence, salt-1, salt-2, checksum-1, checksum-2
//! frame:             page number, commit size (the database's size in pages on the last frame of a
//!                    transaction, else 0), salt-1, salt-2, checksum-1, checksum-2 (24 bytes), one page
//! ```
//!
//! Fields are big-endian. The checksum is SQLite's cumulative one over 32-bit words in the byte order
//! the magic says: the header's covers its first 24 bytes, starting from (0, 0); a frame's covers its
//! first 8 bytes and its page, continuing from the previous frame's checksum (the first frame's from the
//! header's). The salts are not checksummed: a frame belongs to the log's current *generation* when they
//! equal the header's. Restarting the log writes a new header with new salts, and frames of the old
//! generation stay behind the new ones as stale frames.
//!
//! # What a power cut can leave
//!
//! Every commit is fsynced before the next transaction writes a frame, and a new header before the
//! first frame after it. So a power cut can damage only the last transaction of the current generation:
//! its frames may reach the disk out of order, some not at all. After such damage come only that
//! transaction's own later frames (its commit frame among them), then stale frames with other salts, or
//! frames of transactions that were rolled back or killed before they committed, none of which ends a
//! transaction.
//!
//! # The rule
//!
//! Let *k* be the first frame SQLite's recovery does not accept (salts other than the header's, page
//! number 0, or a break in the checksum chain), or the header itself when that is invalid (magic,
//! version, page size or its checksum). After *k*, a frame is *valid* when its salts are the
//! generation's and its stored checksum is the checksum of its first 8 bytes and page continuing from
//! either the previous frame's stored checksum or the previous frame's *recomputed* one (the previous
//! frame's own checksum continuing from whichever seed validated it, else from the stored checksum
//! before it). The two seeds let the scan pick the chain up again after a damaged page (its stored
//! checksum is still right) and after a damaged checksum field (the recomputed one is).
//!
//! The log has *durable damage*, and the ledger is refused as [`Error::TamperedLedger`], when after *k*
//! a whole transaction follows a commit: a valid commit frame (nonzero commit size) is reached by an
//! unbroken run of valid frames from
//!
//! * (a) an earlier valid commit frame after *k*, or
//! * (b) *k* itself, when it is a frame whose content belongs to this generation (its salts match, or
//!   its checksum validates as above) with a nonzero commit size.
//!
//! A transaction whose frames continue the checksum chain from a commit frame was written after that
//! commit had been fsynced, so the damage at *k*, before that commit, is in data that had reached the
//! disk. Otherwise the damage, if any, is confined to the last transaction and cannot be told from a
//! power cut: SQLite drops that transaction, as it would after one, and the profile opens as of the
//! commit before.
//!
//! When the dropped transaction's commit frame is there (it was saved, or nearly), [`inspect`] says so
//! ([`LogState::LastTransactionTorn`]) and the session reports it, so that the person is told to look
//! at their latest entries; a transaction cut short before its commit frame was written was never
//! saved, and nothing is said.
//!
//! The unbroken run matters after a power cut: the next transactions overwrite the torn one from its
//! first frame on, so a shorter one leaves the torn transaction's commit frame behind it, valid against
//! its own predecessor. The overwriting transaction's last frame breaks the chain to it, so that
//! stranded commit never ends a run, even if a second power cut tears a later transaction. (Until the
//! log is folded into the ledger, at the next lock, such a stranded commit makes a crash's log read as
//! torn again: the person is told once more to look at their latest entries.)
//!
//! When the header is invalid, the generation is found from the first frame: under the checksum byte
//! order the magic says (then the other one, as flipping the magic's low bit turns one valid magic into
//! the other) and the header's page size (then every power of two from 512 to 65536), the first
//! combination under which frame 0 validates, seeded with the header's stored or recomputed checksum,
//! gives the layout, and frame 0's salts are the generation's. If none does, there is nothing to verify.
//! A file shorter than a header, or without one whole frame, is never refused.
//!
//! The log is read one frame at a time: checking one that a crashed import left hundreds of megabytes
//! long takes the memory of one page.
//!
//! # What the rule takes for granted
//!
//! The header's 32 bytes reach the disk whole (they lie in one sector), and the disk does not lie about
//! fsync. A log that changes while it is read (another Coffer with the same profile open, restarting
//! the log) could look damaged, so [`check_log`] trusts a refusal only when the header read before
//! the scan is still there after it, and otherwise reads the log again.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The WAL header's size.
pub const HEADER_LEN: usize = 32;
/// A frame header's size.
pub const FRAME_HEADER_LEN: usize = 24;
/// The WAL magic number, without its low bit (which says the checksums' byte order).
const MAGIC: u32 = 0x377f_0682;
/// The only WAL format version SQLite writes and reads.
const VERSION: u32 = 3_007_000;
/// What SQLite appends to a database's path to name its log.
const LOG_SUFFIX: &str = "-wal";

/// A WAL checksum: SQLite's two running 32-bit sums.
type Checksum = (u32, u32);

/// What a WAL holds, as SQLite's recovery reads it. The fault harness predicts from it what a flipped
/// byte does.
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
    /// For each commit among the frames with the header's salts: the index of its last frame (0-based).
    pub commits: Vec<usize>,
    /// Frames in the file after those with the header's salts (stale frames of an earlier generation).
    pub stale_frames: usize,
    /// Pages that have a copy in a committed frame.
    pub pages: BTreeSet<u32>,
}

impl WalLayout {
    /// Reads the layout of the WAL in `reader`, one frame at a time; `None` if it has no header with a
    /// valid magic and page size.
    pub fn read<R: Read + Seek>(reader: R) -> io::Result<Option<WalLayout>> {
        let mut log = LogReader::new(reader)?;
        let Some(header) = log.header()? else {
            return Ok(None);
        };
        let Some(geometry) = header.geometry() else {
            return Ok(None);
        };
        let stored = header.stored_checksum();
        let header_checksum_ok = header.computed_checksum(geometry.big_endian) == stored;
        let mut layout = WalLayout {
            page_size: geometry.page_size,
            current_frames: 0,
            checksummed_frames: 0,
            header_checksum_ok,
            commits: Vec::new(),
            stale_frames: 0,
            pages: BTreeSet::new(),
        };
        let total_frames = log.frame_count(geometry);
        let (mut running, mut chain_holds) = (stored, header_checksum_ok);
        // Pages of the transaction being read; they count only once its commit frame is reached.
        let mut pending = BTreeSet::new();
        for index in 0..total_frames {
            let frame = log.frame(geometry, index)?;
            if frame.salts() != header.salts() {
                break;
            }
            layout.current_frames += 1;
            if chain_holds {
                running = frame.checksum(geometry.big_endian, running);
                chain_holds = running == frame.stored_checksum();
                layout.checksummed_frames += usize::from(chain_holds);
            }
            pending.insert(frame.page_number());
            if frame.commit_size() != 0 {
                layout.commits.push(layout.current_frames - 1);
                layout.pages.append(&mut pending);
            }
        }
        layout.stale_frames =
            usize::try_from(total_frames).unwrap_or(usize::MAX) - layout.current_frames;
        Ok(Some(layout))
    }

    /// The size of one frame.
    pub fn frame_len(&self) -> usize {
        FRAME_HEADER_LEN + self.page_size
    }

    /// What SQLite's recovery sees after the byte at `offset` is damaged: `Some(k)` when only the first
    /// `k` commits survive (the damaged frame and every later one are ignored, like a torn write), `None`
    /// when the byte lies in a frame after the last commit, which recovery never reads.
    ///
    /// This is what SQLite alone would do; [`inspect`] refuses the log before it gets there
    /// unless the byte lies in the last transaction.
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

/// Where a log's durable damage is: the first thing SQLite's recovery does not accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// The header is invalid, and at least two commits of the generation it began validate after it.
    Header,
    /// The first frame recovery does not accept, with commits validating after it that show the damage
    /// is not confined to the last transaction.
    Frame {
        /// The frame's index (0-based).
        index: u64,
        /// Where the frame starts in the file.
        offset: u64,
    },
}

/// What SQLite's recovery of a log will do, as far as the bytes on disk tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogState {
    /// Recovery keeps every commit (it may skip frames that never committed, or stale ones).
    Intact,
    /// Recovery will drop the last transaction: its commit frame is there, but a frame of it is
    /// damaged, as a power cut during that transaction leaves it (or damage that cannot be told from
    /// one). The profile opens as of the commit before, and the person should be told.
    LastTransactionTorn,
    /// Damage that no power cut can leave (see the module docs): the ledger must be refused.
    Damaged(Damage),
}

/// Reads the WAL in `reader`, one frame at a time, and says what recovery will do with it.
pub fn inspect<R: Read + Seek>(reader: R) -> io::Result<LogState> {
    let mut log = LogReader::new(reader)?;
    let Some(header) = log.header()? else {
        return Ok(LogState::Intact);
    };
    match header.accepted() {
        Some(geometry) => state_after_accepted_header(&mut log, &header, geometry),
        None => state_after_invalid_header(&mut log, &header),
    }
}

/// The log of the ledger at `ledger`.
pub fn log_path(ledger: &Path) -> PathBuf {
    let mut name = ledger.as_os_str().to_owned();
    name.push(LOG_SUFFIX);
    PathBuf::from(name)
}

/// Checks the log of the ledger at `ledger`, if it has one, before SQLite recovers it: durable damage
/// is [`Error::TamperedLedger`] naming the `-wal` file; otherwise whether recovery will drop a torn
/// last transaction. A log whose header changed while it was read (another Coffer restarting it) is
/// read again before anything but [`LogState::Intact`] is believed.
pub(crate) fn check_log(ledger: &Path) -> Result<LogState> {
    let path = log_path(ledger);
    let mut file = match File::open(&path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(LogState::Intact),
        Err(err) => return Err(Error::io(path, err)),
    };
    let state = (|| -> io::Result<LogState> {
        const ATTEMPTS: usize = 3;
        let mut state = LogState::Intact;
        for _ in 0..ATTEMPTS {
            let before = read_header(&mut file)?;
            state = inspect(&mut file)?;
            if state == LogState::Intact || read_header(&mut file)? == before {
                break;
            }
        }
        Ok(state)
    })();
    match state {
        Ok(LogState::Damaged(_)) => Err(Error::TamperedLedger { path }),
        Ok(state) => Ok(state),
        Err(err) => Err(Error::io(path, err)),
    }
}

/// The first bytes of `file`, up to a header's length.
fn read_header(file: &mut File) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(HEADER_LEN);
    file.seek(SeekFrom::Start(0))?;
    file.take(HEADER_LEN as u64).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The search when SQLite accepts the header: find the frame its recovery stops at, then apply (a)
/// and (b).
fn state_after_accepted_header<R: Read + Seek>(
    log: &mut LogReader<R>,
    header: &Header,
    geometry: Geometry,
) -> io::Result<LogState> {
    let salts = header.salts();
    let total_frames = log.frame_count(geometry);
    let mut running = header.stored_checksum();
    let mut stop = total_frames;
    for index in 0..total_frames {
        let frame = log.frame(geometry, index)?;
        let sum = frame.checksum(geometry.big_endian, running);
        if frame.salts() != salts || frame.page_number() == 0 || sum != frame.stored_checksum() {
            stop = index;
            break;
        }
        running = sum;
    }
    if stop == total_frames {
        return Ok(LogState::Intact);
    }
    // Every frame before the stop was accepted, so its stored and recomputed checksums agree.
    let mut chain = Chain {
        stored: running,
        recomputed: running,
    };
    let frame = log.frame(geometry, stop)?;
    let checksum_ok = chain.step(&frame, geometry.big_endian);
    let ends_a_transaction = frame.commit_size() != 0 && (frame.salts() == salts || checksum_ok);
    let scan = scan_after_damage(log, geometry, salts, chain, stop + 1, ends_a_transaction)?;
    Ok(if scan.transaction_follows_a_commit {
        LogState::Damaged(Damage::Frame {
            index: stop,
            offset: geometry.frame_offset(stop),
        })
    } else if ends_a_transaction || scan.valid_commit {
        LogState::LastTransactionTorn
    } else {
        LogState::Intact
    })
}

/// The search when the header is invalid: find the layout under which frame 0 validates, then apply
/// (a) to every frame.
fn state_after_invalid_header<R: Read + Seek>(
    log: &mut LogReader<R>,
    header: &Header,
) -> io::Result<LogState> {
    for geometry in header.candidate_geometries() {
        if log.frame_count(geometry) == 0 {
            continue;
        }
        let chain = Chain {
            stored: header.stored_checksum(),
            recomputed: header.computed_checksum(geometry.big_endian),
        };
        let frame = log.frame(geometry, 0)?;
        let salts = frame.salts();
        // Frame 0 decides the layout and the salts; the count below reads it again, from `chain`.
        let mut probe = chain;
        if !probe.step(&frame, geometry.big_endian) {
            continue;
        }
        let scan = scan_after_damage(log, geometry, salts, chain, 0, false)?;
        return Ok(if scan.transaction_follows_a_commit {
            LogState::Damaged(Damage::Header)
        } else if scan.valid_commit {
            LogState::LastTransactionTorn
        } else {
            LogState::Intact
        });
    }
    Ok(LogState::Intact)
}

/// What the frames after the damage hold.
struct Scan {
    /// A whole transaction follows a commit: a valid commit frame reached by an unbroken run of valid
    /// frames (see the module docs) from an earlier valid commit frame, or from the damaged frame when
    /// that ends a transaction. Durable damage.
    transaction_follows_a_commit: bool,
    /// At least one valid commit frame: a transaction recovery will drop.
    valid_commit: bool,
}

/// Scans the frames from `from` on, `chain` holding the checksums of the frame before it, and
/// `after_commit` whether that frame ends a transaction.
fn scan_after_damage<R: Read + Seek>(
    log: &mut LogReader<R>,
    geometry: Geometry,
    salts: [u8; 8],
    mut chain: Chain,
    from: u64,
    after_commit: bool,
) -> io::Result<Scan> {
    let mut after_commit = after_commit;
    let mut scan = Scan {
        transaction_follows_a_commit: false,
        valid_commit: false,
    };
    for index in from..log.frame_count(geometry) {
        let frame = log.frame(geometry, index)?;
        let valid = chain.step(&frame, geometry.big_endian) && frame.salts() == salts;
        if !valid {
            after_commit = false;
        } else if frame.commit_size() != 0 {
            scan.valid_commit = true;
            if after_commit {
                scan.transaction_follows_a_commit = true;
                break;
            }
            after_commit = true;
        }
    }
    Ok(scan)
}

/// The two checksums a frame may continue from once the chain has broken: the previous frame's stored
/// checksum, and its recomputed one.
#[derive(Debug, Clone, Copy)]
struct Chain {
    stored: Checksum,
    recomputed: Checksum,
}

impl Chain {
    /// Whether `frame`'s stored checksum continues from either seed; then moves on to `frame`.
    fn step(&mut self, frame: &Frame<'_>, big_endian: bool) -> bool {
        let stored = frame.stored_checksum();
        let from_stored = frame.checksum(big_endian, self.stored);
        let ok = from_stored == stored
            || (self.recomputed != self.stored
                && frame.checksum(big_endian, self.recomputed) == stored);
        // A frame that validated recomputes to its stored checksum, whichever seed did it.
        self.recomputed = if ok { stored } else { from_stored };
        self.stored = stored;
        ok
    }
}

/// How a generation's frames are laid out and checksummed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Geometry {
    page_size: usize,
    big_endian: bool,
}

impl Geometry {
    fn frame_len(self) -> u64 {
        (FRAME_HEADER_LEN + self.page_size) as u64
    }

    fn frame_offset(self, index: u64) -> u64 {
        HEADER_LEN as u64 + index * self.frame_len()
    }
}

/// Whether `page_size` is one SQLite accepts: a power of two from 512 to 65536.
fn valid_page_size(page_size: u32) -> bool {
    (512..=65_536).contains(&page_size) && page_size.is_power_of_two()
}

/// A WAL header, as read.
struct Header([u8; HEADER_LEN]);

impl Header {
    fn word(&self, at: usize) -> u32 {
        be32(&self.0, at)
    }

    /// The checksums' byte order, if the magic is valid.
    fn big_endian(&self) -> Option<bool> {
        let magic = self.word(0);
        (magic & !1 == MAGIC).then_some(magic & 1 == 1)
    }

    fn salts(&self) -> [u8; 8] {
        salts_at(&self.0, 16)
    }

    fn stored_checksum(&self) -> Checksum {
        (self.word(24), self.word(28))
    }

    fn computed_checksum(&self, big_endian: bool) -> Checksum {
        checksum(&self.0[..24], big_endian, (0, 0))
    }

    /// The layout the header declares, if its magic and page size are valid.
    fn geometry(&self) -> Option<Geometry> {
        let big_endian = self.big_endian()?;
        let page_size = self.word(8);
        valid_page_size(page_size).then_some(Geometry {
            page_size: usize::try_from(page_size).ok()?,
            big_endian,
        })
    }

    /// The layout, if SQLite's recovery accepts the header (magic, version, page size, checksum).
    fn accepted(&self) -> Option<Geometry> {
        let geometry = self.geometry()?;
        (self.word(4) == VERSION
            && self.computed_checksum(geometry.big_endian) == self.stored_checksum())
        .then_some(geometry)
    }

    /// The layouts to try when the header is invalid, most likely first: the magic's byte order, then
    /// the other; the header's page size, then every other one.
    fn candidate_geometries(&self) -> Vec<Geometry> {
        let first_order = self.big_endian().unwrap_or(false);
        let declared = usize::try_from(self.word(8)).unwrap_or(0);
        let mut page_sizes: Vec<usize> = (9..=16).map(|shift| 1 << shift).collect();
        page_sizes.sort_by_key(|size| *size != declared);
        [first_order, !first_order]
            .into_iter()
            .flat_map(|big_endian| {
                page_sizes.iter().map(move |&page_size| Geometry {
                    page_size,
                    big_endian,
                })
            })
            .collect()
    }
}

/// One frame, as read: its 24-byte header and its page.
struct Frame<'a>(&'a [u8]);

impl Frame<'_> {
    fn page_number(&self) -> u32 {
        be32(self.0, 0)
    }

    fn commit_size(&self) -> u32 {
        be32(self.0, 4)
    }

    fn salts(&self) -> [u8; 8] {
        salts_at(self.0, 8)
    }

    fn stored_checksum(&self) -> Checksum {
        (be32(self.0, 16), be32(self.0, 20))
    }

    /// The frame's checksum (its first 8 bytes, then its page) continuing from `seed`.
    fn checksum(&self, big_endian: bool, seed: Checksum) -> Checksum {
        let seed = checksum(&self.0[..8], big_endian, seed);
        checksum(&self.0[FRAME_HEADER_LEN..], big_endian, seed)
    }
}

/// A WAL file read one frame at a time into a buffer the size of one frame.
struct LogReader<R> {
    reader: R,
    len: u64,
    /// Where `reader` stands, so that reading the frames in order needs no seeks.
    position: u64,
    buffer: Vec<u8>,
}

impl<R: Read + Seek> LogReader<R> {
    fn new(mut reader: R) -> io::Result<LogReader<R>> {
        let len = reader.seek(SeekFrom::End(0))?;
        Ok(LogReader {
            reader,
            len,
            position: len,
            buffer: Vec::new(),
        })
    }

    /// The header, or `None` if the file is shorter than one.
    fn header(&mut self) -> io::Result<Option<Header>> {
        if self.len < HEADER_LEN as u64 {
            return Ok(None);
        }
        let mut bytes = [0; HEADER_LEN];
        self.read_at(0, &mut bytes)?;
        Ok(Some(Header(bytes)))
    }

    /// How many whole frames of `geometry` the file holds.
    fn frame_count(&self, geometry: Geometry) -> u64 {
        self.len.saturating_sub(HEADER_LEN as u64) / geometry.frame_len()
    }

    /// Frame `index` under `geometry` (which must be below [`LogReader::frame_count`]).
    fn frame(&mut self, geometry: Geometry, index: u64) -> io::Result<Frame<'_>> {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.resize(FRAME_HEADER_LEN + geometry.page_size, 0);
        let read = self.read_at(geometry.frame_offset(index), &mut buffer);
        self.buffer = buffer;
        read?;
        Ok(Frame(&self.buffer))
    }

    fn read_at(&mut self, offset: u64, buffer: &mut [u8]) -> io::Result<()> {
        if offset != self.position {
            self.reader.seek(SeekFrom::Start(offset))?;
        }
        // Unknown after a failed read: seek next time.
        self.position = u64::MAX;
        self.reader.read_exact(buffer)?;
        self.position = offset + buffer.len() as u64;
        Ok(())
    }
}

/// The big-endian word at `at` of `bytes` (which must hold it).
fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The 8 salt bytes at `at` of `bytes` (which must hold them).
fn salts_at(bytes: &[u8], at: usize) -> [u8; 8] {
    let mut salts = [0; 8];
    salts.copy_from_slice(&bytes[at..at + 8]);
    salts
}

/// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `(s0, s1)`.
fn checksum(data: &[u8], big_endian: bool, (mut s0, mut s1): Checksum) -> Checksum {
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

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    /// The page size of the logs built here.
    const PAGE: usize = 512;
    const FRAME_LEN: usize = FRAME_HEADER_LEN + PAGE;

    /// A log written the way SQLite writes one: a header, then frames with chained checksums.
    #[derive(Debug, Clone)]
    struct TestWal {
        bytes: Vec<u8>,
        big_endian: bool,
        salts: [u8; 8],
        running: Checksum,
        /// Seeds the pages' content, so that two logs built alike can be told to differ.
        content: u32,
        /// The index of each transaction's last frame.
        commits: Vec<usize>,
    }

    impl TestWal {
        /// An empty log of generation `salt_1` (which also seeds the other salt and the content).
        fn new(salt_1: u32, big_endian: bool) -> TestWal {
            let salt_2 = salt_1.wrapping_mul(0x9E37_79B9) ^ 0x5A5A_5A5A;
            let words = [
                MAGIC | u32::from(big_endian),
                VERSION,
                PAGE as u32,
                7,
                salt_1,
                salt_2,
            ];
            let mut bytes: Vec<u8> = words.iter().flat_map(|word| word.to_be_bytes()).collect();
            let sum = checksum(&bytes, big_endian, (0, 0));
            bytes.extend(sum.0.to_be_bytes());
            bytes.extend(sum.1.to_be_bytes());
            TestWal {
                salts: salts_at(&bytes, 16),
                bytes,
                big_endian,
                running: sum,
                content: salt_1,
                commits: Vec::new(),
            }
        }

        fn frames(&self) -> usize {
            (self.bytes.len() - HEADER_LEN) / FRAME_LEN
        }

        /// Appends one frame, the last of its transaction if `commit`.
        fn frame(&mut self, commit: bool) {
            let index = self.frames();
            let number = index as u32;
            let mut frame = Vec::with_capacity(FRAME_LEN);
            frame.extend((number + 2).to_be_bytes());
            frame.extend(if commit { 100 + number } else { 0 }.to_be_bytes());
            frame.extend(self.salts);
            frame.extend([0; 8]);
            let mut state = self.content.wrapping_mul(7919).wrapping_add(number);
            frame.extend((0..PAGE).map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (state >> 16) as u8
            }));
            let sum = Frame(&frame).checksum(self.big_endian, self.running);
            frame[16..20].copy_from_slice(&sum.0.to_be_bytes());
            frame[20..24].copy_from_slice(&sum.1.to_be_bytes());
            self.running = sum;
            if commit {
                self.commits.push(index);
            }
            self.bytes.extend(frame);
        }

        /// Appends committed transactions of these many frames each.
        fn transactions(mut self, sizes: &[usize]) -> TestWal {
            for &size in sizes {
                for frame in 0..size {
                    self.frame(frame + 1 == size);
                }
            }
            self
        }

        /// Appends the frames of a transaction that never committed (killed, or rolled back).
        fn uncommitted(mut self, frames: usize) -> TestWal {
            for _ in 0..frames {
                self.frame(false);
            }
            self
        }

        /// The same log, with other page contents from here on.
        fn with_content(mut self, content: u32) -> TestWal {
            self.content = content;
            self
        }

        /// The frames after the second-to-last commit: the last transaction.
        fn last_transaction(&self) -> std::ops::Range<usize> {
            self.commits[self.commits.len() - 2] + 1..self.frames()
        }
    }

    /// Where frame `index` starts.
    fn frame_at(index: usize) -> usize {
        HEADER_LEN + index * FRAME_LEN
    }

    fn state(bytes: &[u8]) -> LogState {
        inspect(Cursor::new(bytes)).expect("reading memory does not fail")
    }

    fn damage(bytes: &[u8]) -> Option<Damage> {
        match state(bytes) {
            LogState::Damaged(damage) => Some(damage),
            LogState::Intact | LogState::LastTransactionTorn => None,
        }
    }

    fn flipped(bytes: &[u8], offset: usize, mask: u8) -> Vec<u8> {
        let mut bytes = bytes.to_vec();
        bytes[offset] ^= mask;
        bytes
    }

    /// `under` with `over` written over its start, as a newer log is written over an older one.
    fn overlay(under: &[u8], over: &[u8]) -> Vec<u8> {
        let mut bytes = under.to_vec();
        bytes[..over.len()].copy_from_slice(over);
        bytes
    }

    fn damaged_frame(index: usize) -> Option<Damage> {
        Some(Damage::Frame {
            index: index as u64,
            offset: frame_at(index) as u64,
        })
    }

    /// What a flip at `offset` of `wal` must give: refused where it is in the header or in a frame up to
    /// the second-to-last commit, or where it gives a frame of the last transaction before its end a
    /// commit size (then it reads as a damaged commit with another after it); accepted elsewhere in the
    /// last transaction and after it.
    fn expected(wal: &TestWal, offset: usize) -> Option<Damage> {
        if offset < HEADER_LEN {
            return (wal.commits.len() >= 2).then_some(Damage::Header);
        }
        let index = (offset - HEADER_LEN) / FRAME_LEN;
        let in_commit_size = (4..8).contains(&((offset - HEADER_LEN) % FRAME_LEN));
        let second_to_last = wal.commits.len().checked_sub(2).map(|at| wal.commits[at]);
        let last = wal.commits.last().copied();
        if second_to_last.is_some_and(|end| index <= end)
            || (in_commit_size && last.is_some_and(|end| index < end))
        {
            damaged_frame(index)
        } else {
            None
        }
    }

    #[test]
    fn a_commit_stranded_by_one_power_cut_is_not_taken_for_damage_after_a_second() {
        // Two transactions committed; a third, of four frames, torn by a power cut: its second frame
        // never reached the disk. SQLite drops it; nothing durable is damaged.
        let committed = TestWal::new(1, true).transactions(&[3, 2]);
        let mut disk = committed.clone().transactions(&[4]).bytes;
        disk[frame_at(6)..frame_at(7)].fill(0);
        assert_eq!(damage(&disk), None);
        // After the restart a two-frame transaction is written over the torn one's first frames, which
        // leaves its commit frame (8) behind, valid against its own predecessor.
        let rewritten = committed.with_content(2).transactions(&[2]);
        let disk = overlay(&disk, &rewritten.bytes);
        assert_eq!(damage(&disk), None);
        // The next transaction (frames 7 to 10) is torn by a second power cut: its second frame never
        // reached the disk, where the stranded commit frame still lies.
        let mut next = rewritten.with_content(3).transactions(&[4]).bytes;
        next[frame_at(8)..frame_at(9)].copy_from_slice(&disk[frame_at(8)..frame_at(9)]);
        assert_eq!(
            state(&next),
            LogState::LastTransactionTorn,
            "no whole transaction follows the stranded commit: the chain breaks right after it"
        );
    }

    #[test]
    fn the_checksum_is_sqlites() {
        // Two words of ones: s0 = 1 + 0 = 1, s1 = 1 + 1 = 2; then s0 = 1 + 1 + 2 = 4, s1 = 2 + 1 + 4 = 7.
        let data = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
        assert_eq!(checksum(&data, true, (0, 0)), (4, 7));
        assert_eq!(checksum(&data, false, (0, 0)), (4 << 24, 7 << 24));
    }

    #[test]
    fn garbage_is_not_a_wal() {
        let read = |bytes: &[u8]| WalLayout::read(Cursor::new(bytes)).expect("in memory");
        assert_eq!(read(b"not a wal at all, not at all, no"), None);
        assert_eq!(read(&[]), None);
        assert_eq!(damage(b"not a wal at all, not at all, no"), None);
        assert_eq!(damage(&[0; 3000]), None);
        assert_eq!(damage(&[]), None);
    }

    #[test]
    fn the_layout_lists_commits_and_stale_frames() {
        let old = TestWal::new(1, false).transactions(&[4, 4, 4]);
        let new = TestWal::new(2, false)
            .transactions(&[3, 1, 2])
            .uncommitted(2);
        let layout = WalLayout::read(Cursor::new(overlay(&old.bytes, &new.bytes)))
            .expect("in memory")
            .expect("a header");
        assert_eq!(layout.page_size, PAGE);
        assert_eq!(layout.commits, [2, 3, 5]);
        assert_eq!((layout.current_frames, layout.checksummed_frames), (8, 8));
        assert!(layout.header_checksum_ok);
        assert_eq!(layout.stale_frames, 4);
        assert_eq!(layout.pages, (2..8).collect());
        assert_eq!(layout.commits_surviving(10), Some(0));
        assert_eq!(layout.commits_surviving(frame_at(3)), Some(1));
        assert_eq!(layout.commits_surviving(frame_at(4) + 30), Some(2));
        assert_eq!(layout.commits_surviving(frame_at(6)), None);
    }

    #[test]
    fn an_intact_log_is_fine_in_either_byte_order() {
        for big_endian in [false, true] {
            let wal = TestWal::new(9, big_endian).transactions(&[3, 1, 4, 2]);
            assert_eq!(state(&wal.bytes), LogState::Intact);
            // A partly written frame at the end is not a frame.
            let mut cut = wal.bytes.clone();
            cut.extend(&wal.bytes[frame_at(1)..frame_at(1) + 100]);
            assert_eq!(state(&cut), LogState::Intact);
            let flip = frame_at(1) + FRAME_HEADER_LEN + 9;
            assert_eq!(damage(&flipped(&wal.bytes, flip, 0x40)), damaged_frame(1));
        }
    }

    #[test]
    fn a_flip_before_the_last_transaction_is_refused_and_one_in_it_is_not() {
        let wal = TestWal::new(3, false).transactions(&[2, 3, 2, 3]);
        // A page of the first transaction.
        let early = frame_at(1) + FRAME_HEADER_LEN + 100;
        assert_eq!(damage(&flipped(&wal.bytes, early, 0x01)), damaged_frame(1));
        // Every frame of the last transaction, its commit frame too.
        for index in wal.last_transaction() {
            for at in [0, 10, 17, FRAME_HEADER_LEN + 300] {
                let bytes = flipped(&wal.bytes, frame_at(index) + at, 0x10);
                assert_eq!(damage(&bytes), None, "frame {index}, byte {at}");
            }
        }
        let last_commit = frame_at(wal.frames() - 1);
        assert_eq!(damage(&flipped(&wal.bytes, last_commit + 7, 0x10)), None);
    }

    #[test]
    fn a_commit_size_given_to_a_frame_before_the_last_commit_is_refused() {
        // Read as the damaged end of a transaction with another commit after it: no power cut does that.
        let wal = TestWal::new(3, false).transactions(&[2, 3]);
        let bytes = flipped(&wal.bytes, frame_at(3) + 7, 0x01);
        assert_eq!(damage(&bytes), damaged_frame(3));
    }

    #[test]
    fn a_flip_in_the_commit_frame_of_the_second_to_last_transaction_is_refused() {
        let wal = TestWal::new(4, false).transactions(&[2, 3, 2, 3]);
        let commit = wal.commits[2];
        for at in [FRAME_HEADER_LEN + 7, 9, 20] {
            let bytes = flipped(&wal.bytes, frame_at(commit) + at, 0x04);
            assert_eq!(damage(&bytes), damaged_frame(commit), "byte {at}");
        }
    }

    #[test]
    fn flips_in_an_early_frames_checksum_or_salt_are_refused() {
        let wal = TestWal::new(5, true).transactions(&[3, 3, 3]);
        for at in [8, 12, 15, 16, 19, 20, 23] {
            let bytes = flipped(&wal.bytes, frame_at(1) + at, 0x80);
            assert_eq!(damage(&bytes), damaged_frame(1), "byte {at}");
        }
    }

    #[test]
    fn flips_in_the_header_are_refused() {
        for big_endian in [false, true] {
            let wal = TestWal::new(6, big_endian).transactions(&[2, 1, 2]);
            // Magic (its byte-order bit too), version, page size, checkpoint sequence, salts, checksum.
            for (at, mask) in [
                (0, 0x01),
                (3, 0x01),
                (5, 0x20),
                (10, 0x02),
                (10, 0x06),
                (13, 0x01),
            ]
            .into_iter()
            .chain([(17, 0x80), (22, 0x01), (24, 0x01), (31, 0x40)])
            {
                let bytes = flipped(&wal.bytes, at, mask);
                assert_eq!(
                    damage(&bytes),
                    Some(Damage::Header),
                    "byte {at} ^ {mask:#x}"
                );
            }
        }
    }

    #[test]
    fn a_power_cut_in_the_last_transaction_is_fine() {
        let older = TestWal::new(7, false).transactions(&[5, 5, 5]);
        let wal = TestWal::new(8, false).transactions(&[2, 2, 4]);
        let middle = wal.commits[1] + 2;
        // A frame of the last transaction never reached the disk: zeros where the file grew...
        let mut zeroed = wal.bytes.clone();
        zeroed[frame_at(middle)..frame_at(middle + 1)].fill(0);
        assert_eq!(state(&zeroed), LogState::LastTransactionTorn);
        // ... or the older generation's frame where it was reused.
        let mut stale = overlay(&older.bytes, &wal.bytes);
        stale[frame_at(middle)..frame_at(middle + 1)]
            .copy_from_slice(&older.bytes[frame_at(middle)..frame_at(middle + 1)]);
        assert_eq!(state(&stale), LogState::LastTransactionTorn);
        // Only its first frame made it: it never committed, nothing is lost.
        let cut = &wal.bytes[..frame_at(wal.commits[1] + 2)];
        assert_eq!(state(cut), LogState::Intact);
    }

    #[test]
    fn stale_frames_of_an_older_generation_are_fine() {
        let older = TestWal::new(10, false).transactions(&[3, 3, 3, 3]);
        let wal = TestWal::new(11, false).transactions(&[2, 1, 2]);
        let bytes = overlay(&older.bytes, &wal.bytes);
        assert_eq!(state(&bytes), LogState::Intact);
        for index in wal.frames()..older.frames() {
            let flip = flipped(&bytes, frame_at(index) + 30, 0x01);
            assert_eq!(state(&flip), LogState::Intact, "stale frame {index}");
        }
        let flip = flipped(&bytes, frame_at(0) + 30, 0x01);
        assert_eq!(damage(&flip), damaged_frame(0));
    }

    #[test]
    fn leftovers_of_a_killed_transaction_under_a_later_one_are_fine() {
        let base = TestWal::new(12, false).transactions(&[2, 2]);
        let killed = base.clone().uncommitted(6);
        let later = base.with_content(99).transactions(&[3]);
        let bytes = overlay(&killed.bytes, &later.bytes);
        assert_eq!(
            state(&bytes),
            LogState::Intact,
            "the killed one never committed"
        );
        for index in later.last_transaction() {
            let flip = flipped(&bytes, frame_at(index) + 200, 0x08);
            assert_eq!(
                state(&flip),
                LogState::LastTransactionTorn,
                "frame {index} of the last transaction"
            );
        }
        let flip = flipped(&bytes, frame_at(1) + 200, 0x08);
        assert_eq!(damage(&flip), damaged_frame(1));
    }

    #[test]
    fn a_log_of_one_commit_is_never_refused() {
        let wal = TestWal::new(13, false).transactions(&[3]);
        for offset in [2, 17, 27, frame_at(0) + 40, frame_at(2) + 5] {
            assert_eq!(
                state(&flipped(&wal.bytes, offset, 0x01)),
                LogState::LastTransactionTorn,
                "{offset}"
            );
        }
    }

    #[test]
    fn every_flip_is_refused_exactly_where_no_power_cut_explains_it() {
        let older = TestWal::new(14, false).transactions(&[4, 4, 4, 4]);
        let wal = TestWal::new(15, false).transactions(&[3, 2, 4, 3]);
        let bytes = overlay(&older.bytes, &wal.bytes);
        for offset in 0..bytes.len() {
            for mask in [0x01, 0x80] {
                assert_eq!(
                    damage(&flipped(&bytes, offset, mask)),
                    expected(&wal, offset),
                    "byte {offset} ^ {mask:#x}"
                );
            }
        }
    }
}
