//! The streaming CSV reader: decodes the input chunk by chunk, detects the encoding
//! and the delimiter, splits records with `csv-core`, counts physical lines as a
//! text editor does, and keeps each record's raw text until the next one is read.
//! Memory is bounded by the chunk size and the longest record.

use super::encoding::{decode_single_byte, decode_utf8_lossless, Encoding, Utf16Decoder};
use super::value::DecimalMark;
use crate::registry::Registry;
use csv_core::ReadRecordResult;
use std::io::{self, Read};
use std::sync::Arc;

/// How much input is read at a time.
pub(crate) const CHUNK: usize = 64 * 1024;
/// The longest record the reader accepts (bytes of decoded text).
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// How to read CSV input. Everything the caller names wins over detection.
#[derive(Clone, Default)]
pub struct ReadOptions {
    /// The encoding; `None` detects it (BOM, else UTF-8 if the first 64 KiB are
    /// valid UTF-8, else Windows-1252 — reported as ISO-8859-1 when no byte in
    /// 0x80–0x9F, where the two differ, was seen).
    pub encoding: Option<Encoding>,
    /// The delimiter; `None` detects it from Excel's `sep=` line or the header
    /// (`,`, `;` or tab, whichever occurs most).
    pub delimiter: Option<u8>,
    /// Which character marks decimals.
    pub decimal: DecimalMark,
    /// The registry that resolves names written in code cells (`Inari` in a
    /// municipality column, `docs/tables.md`); `None` is the embedded one.
    pub registry: Option<Arc<Registry>>,
}

impl ReadOptions {
    /// The registry that resolves names in code cells.
    pub fn registry(&self) -> &Registry {
        self.registry
            .as_deref()
            .unwrap_or_else(|| Registry::embedded())
    }
}

impl std::fmt::Debug for ReadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadOptions")
            .field("encoding", &self.encoding)
            .field("delimiter", &self.delimiter)
            .field("decimal", &self.decimal)
            .field("registry", &self.registry.as_ref().map(|r| r.name.clone()))
            .finish()
    }
}

/// Options are equal when they read alike: the same registry object (or both the
/// embedded one).
impl PartialEq for ReadOptions {
    fn eq(&self, other: &Self) -> bool {
        self.encoding == other.encoding
            && self.delimiter == other.delimiter
            && self.decimal == other.decimal
            && match (&self.registry, &other.registry) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

impl Eq for ReadOptions {}

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EncodingSource {
    /// Named by the caller.
    Named,
    /// Read from a byte-order mark.
    ByteOrderMark,
    /// Detected from the bytes.
    Detected,
}

impl EncodingSource {
    /// `"named"`, `"byte-order mark"`, `"detected"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EncodingSource::Named => "named",
            EncodingSource::ByteOrderMark => "byte-order mark",
            EncodingSource::Detected => "detected",
        }
    }
}

enum Decode {
    Utf8,
    Single { latin1: bool },
    Utf16(Utf16Decoder),
}

/// One event of the raw record stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawEvent {
    /// A record starting on `line`; `unclosed` when it ends the input inside a quote.
    Record { line: u64, unclosed: bool },
    /// A record longer than [`MAX_RECORD_BYTES`], starting on `line`; reading stops.
    TooLarge { line: u64 },
    /// No more records.
    End,
}

/// The raw record reader.
pub(crate) struct CsvSource<R> {
    src: R,
    decode: Decode,
    pub(crate) encoding: Encoding,
    pub(crate) encoding_source: EncodingSource,
    auto_legacy: bool,
    scratch: Vec<u8>,
    buf: Vec<u8>,
    pos: usize,
    rec_start: usize,
    content_start: usize,
    eof: bool,
    core: Core,
    pub(crate) delimiter: u8,
    out: Vec<u8>,
    out_len: usize,
    /// `0`, then the end of each field of the current record in `out`.
    ends: Vec<usize>,
    nends: usize,
    lines_done: u64,
    pending_cr: bool,
    /// The first CR in `buf` at or after the last scan that is not followed by an
    /// LF (or is the last byte read so far), `usize::MAX` when there is none: a
    /// record before it has only LF and CR LF line breaks, which `csv_core` counts.
    lone_cr: usize,
    /// `core.line()` when the current record started.
    core_line: u64,
    stopped: bool,
    /// The delimiter allows the quick split ([`CsvSource::quick_record`]): ASCII,
    /// neither a quote nor a line break.
    quick: bool,
    /// The current record was split by [`CsvSource::quick_record`]: its fields are
    /// in `buf` (see [`CsvSource::fields_raw`]), not in `out`.
    borrowed: bool,
    /// Records left to `csv_core` before the quick split is tried again, and how
    /// many it was the last time: after a record the quick split could not take
    /// (a quote, mostly), 1, 3, 7 … up to `quick_max_skip` in a row, 0 again after
    /// one it took. A file that quotes a field of every row then costs a failed
    /// try every 64th row, not on each.
    quick_skip: u32,
    quick_backoff: u32,
    quick_max_skip: u32,
    /// The search for a record's end (a quote, CR or LF) with AVX2, built once:
    /// `memchr::memchr3` builds one and picks the implementation anew at every
    /// call, which cost about 40 instructions a record (`None` without AVX2).
    #[cfg(target_arch = "x86_64")]
    record_end: Option<memchr::arch::x86_64::avx2::memchr::Three>,
    /// Records split by [`CsvSource::quick_record`] (tests).
    #[cfg(test)]
    pub(crate) quick_records: u64,
}

fn count_breaks(lines: &mut u64, pending_cr: &mut bool, bytes: &[u8]) {
    let mut from = 0;
    for i in memchr::memchr2_iter(b'\r', b'\n', bytes) {
        // A CR waiting for its LF is a line break of its own unless an LF follows at once.
        if *pending_cr && !(i == from && bytes[i] == b'\n') {
            *lines += 1;
        }
        if bytes[i] == b'\n' {
            *lines += 1;
            *pending_cr = false;
        } else {
            *pending_cr = true;
        }
        from = i + 1;
    }
    if *pending_cr && from < bytes.len() {
        *lines += 1;
        *pending_cr = false;
    }
}

/// A record's text without the line break that ends it.
pub(crate) fn without_line_break(seg: &[u8]) -> &[u8] {
    let mut end = seg.len();
    while end > 0 && matches!(seg[end - 1], b'\r' | b'\n') {
        end -= 1;
    }
    seg.get(..end).unwrap_or_default()
}

/// [`next_lone_cr`] for a whole new chunk: quick tests first (no CR at all; no CR
/// without an LF, with no early exit so that the compiler vectorises it), as most
/// files have no lone CR.
fn first_lone_cr(buf: &[u8], from: usize) -> usize {
    let rest = buf.get(from..).unwrap_or_default();
    if memchr::memchr(b'\r', rest).is_none() {
        return usize::MAX;
    }
    let none = match rest.split_last() {
        None => true,
        Some((&last, init)) => {
            last != b'\r'
                && !init
                    .iter()
                    .zip(rest.get(1..).unwrap_or_default())
                    .fold(false, |lone, (&a, &b)| lone | ((a == b'\r') & (b != b'\n')))
        }
    };
    if none {
        usize::MAX
    } else {
        next_lone_cr(buf, from)
    }
}

/// The first CR in `buf[from..]` that is not followed by an LF (a CR at the very
/// end counts: its LF may be in the next chunk), or `usize::MAX`.
fn next_lone_cr(buf: &[u8], from: usize) -> usize {
    let rest = buf.get(from..).unwrap_or_default();
    memchr::memchr_iter(b'\r', rest)
        .find(|&i| rest.get(i + 1) != Some(&b'\n'))
        .map_or(usize::MAX, |i| from + i)
}

/// The high bit of each byte of `w` equal to `d` (`pat` is `d` in every byte), and
/// of no other: exact, no carry crosses a byte.
#[inline(always)]
fn byte_hits(w: u64, pat: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = w ^ pat;
    !(((x & LOW7) + LOW7) | x) & HIGH
}

/// Writes the end of each field that a `d` in `text[..end]` closes into
/// `ends[n + 1..]`, in order, and gives the new count `n`: the index of the `d`
/// plus one (the byte just past it). `ends` grows as needed. Sixteen bytes a step
/// (two words): fields are short (9 bytes on average in the measures table), for
/// which a `memchr` call per field costs more than this scan of the whole record.
/// The bytes of `text` after `end` (the rest of the buffer) are read but not
/// searched: the last step reads past the record, not byte by byte.
fn delimiter_ends(text: &[u8], end: usize, d: u8, ends: &mut Vec<usize>, n: usize) -> usize {
    // A place for each byte, made at once (when that is not much: a record's
    // text is mostly short), so that a hit needs no room of its own.
    let need = n + end + 1;
    if ends.len() < need && end <= 4096 {
        ends.resize(need, 0);
    }
    if ends.len() >= need {
        delimiter_ends_in(text, end, d, ends, n)
    } else {
        let mut n = n;
        each_byte(text.get(..end).unwrap_or_default(), d, |i| {
            n += 1;
            match ends.get_mut(n) {
                Some(e) => *e = i + 1,
                None => ends.push(i + 1),
            }
        });
        n
    }
}

/// [`delimiter_ends`] where SSE2 is not at hand.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use self::delimiter_ends_words as delimiter_ends_in;

/// [`delimiter_ends`] when `ends` has a place for each byte of `text[..end]` after
/// `n`, two words of eight bytes a step: no call and no growing in the loop, so
/// that its state stays in registers.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn delimiter_ends_words(text: &[u8], end: usize, d: u8, ends: &mut [usize], mut n: usize) -> usize {
    let pat = u64::from_le_bytes([d; 8]);
    // The hits of one step of sixteen bytes: one bit in each byte's place.
    let hits = |step: &[u8]| -> (u64, u64) {
        let mut b = [0u8; 16];
        b.copy_from_slice(step);
        let v = u128::from_le_bytes(b);
        (byte_hits(v as u64, pat), byte_hits((v >> 64) as u64, pat))
    };
    // Writes the hits of the step that starts at `at`.
    let mut put = |n: &mut usize, at: usize, (mut lo, mut hi): (u64, u64)| {
        while lo != 0 {
            *n += 1;
            if let Some(e) = ends.get_mut(*n) {
                *e = at + 1 + (lo.trailing_zeros() / 8) as usize;
            }
            lo &= lo - 1;
        }
        while hi != 0 {
            *n += 1;
            if let Some(e) = ends.get_mut(*n) {
                *e = at + 9 + (hi.trailing_zeros() / 8) as usize;
            }
            hi &= hi - 1;
        }
    };
    let whole = end - end % 16;
    let mut at = 0;
    for step in text.get(..whole).unwrap_or_default().chunks_exact(16) {
        put(&mut n, at, hits(step));
        at += 16;
    }
    if at < end {
        match text.get(at..at + 16) {
            // The record ends in this step: the bytes after it (the rest of the
            // buffer) are read, their hits dropped.
            Some(step) => {
                let (lo, hi) = hits(step);
                let keep = (1u128 << (8 * (end - at))) - 1;
                put(&mut n, at, (lo & keep as u64, hi & (keep >> 64) as u64));
            }
            // Fewer than sixteen bytes left in the buffer: one at a time.
            None => {
                for (i, &b) in text.get(at..end).unwrap_or_default().iter().enumerate() {
                    if b == d {
                        n += 1;
                        if let Some(e) = ends.get_mut(n) {
                            *e = at + i + 1;
                        }
                    }
                }
            }
        }
    }
    n
}

/// [`delimiter_ends`] when `ends` has a place for each byte of `text[..end]` after
/// `n`, with SSE2 (every x86-64 processor has it): thirty-two bytes a step, each
/// compared with `d` at once and the result taken as one bit a byte
/// (`safe_arch`, the intrinsics behind safe functions where the target has them).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn delimiter_ends_in(text: &[u8], end: usize, d: u8, ends: &mut [usize], mut n: usize) -> usize {
    use safe_arch::{cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i};
    let pat = safe_arch::set_splat_i8_m128i(i8::from_ne_bytes([d]));
    // Bit `i` set for each byte `i` of the step equal to `d`.
    let mask = |step: &[u8]| -> u32 {
        let half = |h: &[u8]| -> u32 {
            let mut b = [0u8; 16];
            b.copy_from_slice(h);
            let m = move_mask_i8_m128i(cmp_eq_mask_i8_m128i(load_unaligned_m128i(&b), pat));
            u32::from_ne_bytes(m.to_ne_bytes())
        };
        let (lo, hi) = step.split_at(16);
        half(lo) | half(hi) << 16
    };
    // Writes the hits of the step that starts at `at`.
    let mut put = |n: &mut usize, at: usize, mut m: u32| {
        while m != 0 {
            *n += 1;
            if let Some(e) = ends.get_mut(*n) {
                *e = at + 1 + m.trailing_zeros() as usize;
            }
            m &= m - 1;
        }
    };
    let whole = end - end % 32;
    let mut at = 0;
    for step in text.get(..whole).unwrap_or_default().chunks_exact(32) {
        put(&mut n, at, mask(step));
        at += 32;
    }
    if at < end {
        match text.get(at..at + 32) {
            // The record ends in this step: the bytes after it (the rest of the
            // buffer) are read, their hits dropped.
            Some(step) => put(&mut n, at, mask(step) & ((1u32 << (end - at)) - 1)),
            // Fewer than thirty-two bytes left in the buffer: one at a time.
            None => {
                for (i, &b) in text.get(at..end).unwrap_or_default().iter().enumerate() {
                    if b == d {
                        n += 1;
                        if let Some(e) = ends.get_mut(n) {
                            *e = at + i + 1;
                        }
                    }
                }
            }
        }
    }
    n
}

/// Calls `f` with the index of each `d` in `bytes`, in order, eight bytes at a
/// time ([`delimiter_ends`] for a long text).
fn each_byte(bytes: &[u8], d: u8, mut f: impl FnMut(usize)) {
    let pat = u64::from_le_bytes([d; 8]);
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        let mut hits = byte_hits(u64::from_le_bytes(b), pat);
        while hits != 0 {
            f(at + (hits.trailing_zeros() / 8) as usize);
            hits &= hits - 1;
        }
        at += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == d {
            f(at + i);
        }
    }
}

/// A csv_core parser for one delimiter. Building one builds its DFA, which costs
/// more than reading a small file (`BENCHMARKS.md`, "Fuzzing"), so a parser is
/// taken from a small per-thread pool and given back, reset, when its source is
/// dropped. (Parsers are reused, not cloned: `csv_core::Reader::clone` does not
/// copy the whole DFA.)
struct Core {
    reader: Option<csv_core::Reader>,
    delimiter: u8,
}

thread_local! {
    static SPARE_CORES: std::cell::RefCell<Vec<(u8, csv_core::Reader)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl Core {
    /// No parser yet (one is made on first use).
    const fn none() -> Core {
        Core {
            reader: None,
            delimiter: b',',
        }
    }

    fn new(delimiter: u8) -> Core {
        let spare = SPARE_CORES
            .try_with(|s| {
                let mut s = s.try_borrow_mut().ok()?;
                let i = s.iter().position(|(d, _)| *d == delimiter)?;
                Some(s.swap_remove(i).1)
            })
            .ok()
            .flatten();
        Core {
            reader: spare,
            delimiter,
        }
    }

    fn get(&mut self) -> &mut csv_core::Reader {
        let d = self.delimiter;
        self.reader
            .get_or_insert_with(|| csv_core::ReaderBuilder::new().delimiter(d).build())
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        if let Some(mut r) = self.reader.take() {
            r.reset();
            let _ = SPARE_CORES.try_with(|s| {
                if let Ok(mut s) = s.try_borrow_mut() {
                    if s.len() < 4 {
                        s.push((self.delimiter, r));
                    }
                }
            });
        }
    }
}

/// When a source splits records without `csv_core` ([`CsvSource::quick_record`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuickMode {
    /// When it can, trying less often after records it could not take.
    Usual,
    /// Never: `csv_core` alone (tests compare the two).
    #[cfg_attr(not(test), allow(dead_code))]
    Never,
    /// Whenever it can, trying on every record (tests).
    #[cfg_attr(not(test), allow(dead_code))]
    Always,
}

#[cfg(test)]
thread_local! {
    /// How sources opened now split records (tests).
    pub(crate) static QUICK_MODE: std::cell::Cell<QuickMode> =
        const { std::cell::Cell::new(QuickMode::Usual) };
}

fn quick_mode() -> QuickMode {
    #[cfg(test)]
    {
        QUICK_MODE.with(std::cell::Cell::get)
    }
    #[cfg(not(test))]
    {
        QuickMode::Usual
    }
}

fn read_full<R: Read>(src: &mut R, dst: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < dst.len() {
        match src.read(&mut dst[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// True when `bytes` is UTF-8, allowing an incomplete sequence at the very end
/// (the chunk may cut a character in two).
fn looks_utf8(bytes: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none(),
    }
}

/// True when `bytes` hold a UTF-8 character beyond ASCII (valid, not cut by the
/// chunk's end): such text is UTF-8, whatever invalid bytes it also holds.
fn has_utf8_beyond_ascii(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|c| !c.valid().is_ascii())
}

/// UTF-32 (with a byte-order mark, or ASCII text as 32-bit units), which the reader
/// does not decode: it must not be read as UTF-16 or as a legacy encoding.
fn looks_utf32(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return true;
    }
    match bytes.get(..8) {
        Some(&[a, 0, 0, 0, b, 0, 0, 0]) => a != 0 && b != 0,
        Some(&[0, 0, 0, a, 0, 0, 0, b]) => a != 0 && b != 0,
        _ => false,
    }
}

/// UTF-16 without a byte-order mark: most units of the first bytes have a zero
/// high byte (text in Latin script) and hardly any a zero low byte.
fn looks_utf16(bytes: &[u8]) -> Option<Encoding> {
    let sample = bytes.get(..bytes.len().min(4096) & !1)?;
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if zero_odd * 2 > pairs && zero_even * 10 < pairs {
        Some(Encoding::Utf16Le)
    } else if zero_even * 2 > pairs && zero_odd * 10 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

impl<R: Read> CsvSource<R> {
    /// Opens a source: reads the first chunk, settles the encoding and delimiter.
    pub(crate) fn new(mut src: R, opts: &ReadOptions) -> io::Result<CsvSource<R>> {
        // Read into a growing vector, not a zeroed chunk: a small file costs its
        // size, not 64 KiB (measured in BENCHMARKS.md, "Fuzzing").
        let mut first = Vec::new();
        let n = (&mut src).take(CHUNK as u64).read_to_end(&mut first)?;
        let eof = n < CHUNK;
        if looks_utf32(&first) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "UTF-32 text is not supported: save the file as UTF-8",
            ));
        }
        let (encoding, encoding_source, skip) = match opts.encoding {
            Some(e) => {
                let skip = match e {
                    Encoding::Utf8 if first.starts_with(b"\xEF\xBB\xBF") => 3,
                    Encoding::Utf16Le if first.starts_with(b"\xFF\xFE") => 2,
                    Encoding::Utf16Be if first.starts_with(b"\xFE\xFF") => 2,
                    _ => 0,
                };
                (e, EncodingSource::Named, skip)
            }
            None => {
                if first.starts_with(b"\xEF\xBB\xBF") {
                    (Encoding::Utf8, EncodingSource::ByteOrderMark, 3)
                } else if first.starts_with(b"\xFF\xFE") {
                    (Encoding::Utf16Le, EncodingSource::ByteOrderMark, 2)
                } else if first.starts_with(b"\xFE\xFF") {
                    (Encoding::Utf16Be, EncodingSource::ByteOrderMark, 2)
                } else if let Some(e) = looks_utf16(&first) {
                    (e, EncodingSource::Detected, 0)
                } else if looks_utf8(&first, eof) || has_utf8_beyond_ascii(&first) {
                    // Text with valid UTF-8 beyond ASCII and some invalid bytes is
                    // mixed: read as UTF-8, so that each invalid byte is reported
                    // where it stands (`csv.invalid-text`) instead of the whole file
                    // turning into mojibake.
                    (Encoding::Utf8, EncodingSource::Detected, 0)
                } else if first.iter().any(|b| (0x80..0xA0).contains(b)) {
                    (Encoding::Windows1252, EncodingSource::Detected, 0)
                } else {
                    (Encoding::Iso8859_1, EncodingSource::Detected, 0)
                }
            }
        };
        let auto_legacy = opts.encoding.is_none()
            && matches!(encoding, Encoding::Windows1252 | Encoding::Iso8859_1);
        let decode = match encoding {
            Encoding::Utf8 => Decode::Utf8,
            Encoding::Utf16Le => Decode::Utf16(Utf16Decoder::new(false)),
            Encoding::Utf16Be => Decode::Utf16(Utf16Decoder::new(true)),
            Encoding::Windows1252 => Decode::Single { latin1: false },
            // Detected legacy text is decoded as Windows-1252 either way: the two
            // agree on every byte outside 0x80–0x9F.
            Encoding::Iso8859_1 => Decode::Single {
                latin1: opts.encoding.is_some(),
            },
        };
        let mut me = CsvSource {
            src,
            decode,
            encoding,
            encoding_source,
            auto_legacy,
            scratch: Vec::new(),
            buf: Vec::with_capacity(if eof { n } else { CHUNK * 2 }),
            pos: 0,
            rec_start: 0,
            content_start: 0,
            eof,
            core: Core::none(),
            delimiter: b',',
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 65],
            nends: 0,
            lines_done: 0,
            pending_cr: false,
            lone_cr: usize::MAX,
            core_line: 0,
            stopped: false,
            quick: false,
            borrowed: false,
            quick_skip: 0,
            quick_backoff: 0,
            quick_max_skip: 63,
            #[cfg(target_arch = "x86_64")]
            record_end: memchr::arch::x86_64::avx2::memchr::Three::new(b'"', b'\r', b'\n'),
            #[cfg(test)]
            quick_records: 0,
        };
        let body = first.get(skip..).unwrap_or_default();
        me.decode_into_buf(body, eof);
        me.settle_delimiter(opts.delimiter);
        me.lone_cr = first_lone_cr(&me.buf, 0);
        Ok(me)
    }

    fn decode_into_buf(&mut self, bytes: &[u8], last: bool) {
        match &mut self.decode {
            Decode::Utf8 => self.buf.extend_from_slice(bytes),
            Decode::Single { latin1 } => {
                if self.auto_legacy
                    && self.encoding == Encoding::Iso8859_1
                    && bytes.iter().any(|b| (0x80..0xA0).contains(b))
                {
                    self.encoding = Encoding::Windows1252;
                }
                decode_single_byte(bytes, *latin1, &mut self.buf)
            }
            Decode::Utf16(d) => d.decode(bytes, last, &mut self.buf),
        }
    }

    /// Excel's `sep=;` first line, else the named delimiter, else the most frequent
    /// of `,` `;` tab in the first line (outside quotes).
    fn settle_delimiter(&mut self, named: Option<u8>) {
        let line_end = self
            .buf
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(self.buf.len());
        let first_line = &self.buf[..line_end];
        let first_line = first_line.strip_suffix(b"\r").unwrap_or(first_line);
        let mut sep_line = None;
        if first_line.len() == 5 && first_line[..4].eq_ignore_ascii_case(b"sep=") {
            sep_line = Some(first_line[4]);
        }
        let detected = match sep_line {
            Some(d) => {
                self.pos = (line_end + 1).min(self.buf.len());
                self.rec_start = self.pos;
                self.lines_done = 1;
                d
            }
            None => {
                let (mut comma, mut semi, mut tab, mut quoted) = (0usize, 0usize, 0usize, false);
                for &b in first_line {
                    match b {
                        b'"' => quoted = !quoted,
                        b',' if !quoted => comma += 1,
                        b';' if !quoted => semi += 1,
                        b'\t' if !quoted => tab += 1,
                        _ => {}
                    }
                }
                if tab > 0 && tab >= semi && tab >= comma {
                    b'\t'
                } else if semi > 0 && semi >= comma {
                    b';'
                } else {
                    b','
                }
            }
        };
        self.delimiter = named.unwrap_or(detected);
        let mode = quick_mode();
        self.quick = self.delimiter.is_ascii()
            && !matches!(self.delimiter, b'"' | b'\r' | b'\n')
            && mode != QuickMode::Never;
        if mode == QuickMode::Always {
            self.quick_max_skip = 0;
        }
        self.core = Core::new(self.delimiter);
    }

    /// Reads more input, keeping the current record's bytes.
    fn fill(&mut self) -> io::Result<()> {
        if self.rec_start > 0 {
            self.buf.drain(..self.rec_start);
            self.pos -= self.rec_start;
            self.rec_start = 0;
        }
        match self.decode {
            Decode::Utf8 => {
                // Read straight into the buffer's spare room (`read_to_end` does not
                // zero it first), up to one chunk.
                let old = self.buf.len();
                self.buf.reserve(CHUNK);
                let n = (&mut self.src)
                    .take(CHUNK as u64)
                    .read_to_end(&mut self.buf);
                let n = match n {
                    Ok(n) => n,
                    Err(e) => {
                        self.buf.truncate(old);
                        return Err(e);
                    }
                };
                if n < CHUNK {
                    self.eof = true;
                }
            }
            _ => {
                let mut scratch = std::mem::take(&mut self.scratch);
                scratch.resize(CHUNK, 0);
                let n = read_full(&mut self.src, &mut scratch)?;
                let last = n < CHUNK;
                self.decode_into_buf(&scratch[..n], last);
                self.scratch = scratch;
                if last {
                    self.eof = true;
                }
            }
        }
        self.lone_cr = first_lone_cr(&self.buf, self.rec_start);
        Ok(())
    }

    /// Settles the line of the record in `buf[rec_start..pos]` and counts its breaks;
    /// `lfs` is the number of LFs in it.
    fn settle_lines(&mut self, lfs: u64) -> u64 {
        let seg = self.buf.get(self.rec_start..self.pos).unwrap_or_default();
        let lead = seg
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        if self.lone_cr >= self.pos && (!self.pending_cr || seg.first() == Some(&b'\n')) {
            // Every CR here (and a CR that ended the last record) is followed by an
            // LF: each line break is one LF, and `lfs` counts them. The usual case;
            // the same count as the slow path.
            let lead_lfs = seg.iter().take(lead).filter(|&&b| b == b'\n').count() as u64;
            self.lines_done += lead_lfs;
            self.content_start = self.rec_start + lead;
            let line = self.lines_done + 1;
            self.lines_done += lfs.saturating_sub(lead_lfs);
            self.pending_cr = seg.last() == Some(&b'\r');
            return line;
        }
        let line = self.settle_lines_slow(lead);
        self.lone_cr = next_lone_cr(&self.buf, self.pos);
        line
    }

    /// [`CsvSource::settle_lines`] when the record may hold a lone CR: each break
    /// counted from the bytes.
    fn settle_lines_slow(&mut self, lead: usize) -> u64 {
        let seg = self.buf.get(self.rec_start..self.pos).unwrap_or_default();
        count_breaks(&mut self.lines_done, &mut self.pending_cr, &seg[..lead]);
        if self.pending_cr && lead < seg.len() {
            self.lines_done += 1;
            self.pending_cr = false;
        }
        self.content_start = self.rec_start + lead;
        let line = self.lines_done + 1;
        count_breaks(&mut self.lines_done, &mut self.pending_cr, &seg[lead..]);
        line
    }

    /// The LFs `csv_core` counted since the current record started.
    fn core_lfs(&mut self) -> u64 {
        self.core.get().line().saturating_sub(self.core_line)
    }

    /// Splits the next record without `csv_core` when that gives what `csv_core`
    /// gives: the record is in the buffer up to its line break and holds no quote.
    /// Then `csv_core` would skip the blank lines before it (LF or CR bytes), end it
    /// at the first CR or LF, take that one byte and split the rest at each
    /// delimiter, copying the bytes between; here the fields stay in `buf`. The
    /// parser is left as it was: between records it treats a CR or LF alike,
    /// whichever ended the last record it read, and its line count is only read as
    /// a difference within one record. Anything else (a quote, no line break in the
    /// buffer, a byte-order mark, which `csv_core` strips at the start) is left to
    /// `csv_core`: `None`, nothing changed.
    fn quick_record(&mut self) -> Option<u64> {
        let input = self.buf.get(self.pos..)?;
        if input.starts_with(b"\xEF\xBB\xBF") {
            return None;
        }
        let lead = input
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let text = input.get(lead..)?;
        let end = self.record_end(text)?;
        let brk = *text.get(end)?;
        if brk == b'"' {
            return None;
        }
        let lead_lfs = input.get(..lead)?.iter().filter(|&&b| b == b'\n').count() as u64;
        // An LF first completes a CR that ended the last record (`settle_lines`).
        let lf_first = input.first() == Some(&b'\n');
        // `ends[0]` is 0, then each field's end plus one (the byte after it, a
        // delimiter or the line break), relative to the record's text.
        // (Written in place: `ends` keeps its length for `csv_core`.)
        let mut n = delimiter_ends(text, end, self.delimiter, &mut self.ends, 0);
        // The last field ends just past the line break's first byte.
        n += 1;
        match self.ends.get_mut(n) {
            Some(e) => *e = end + 1,
            None => self.ends.push(end + 1),
        }
        self.nends = n;
        self.borrowed = true;
        self.pos += lead + end + 1;
        #[cfg(test)]
        {
            self.quick_records += 1;
        }
        // [`CsvSource::settle_lines`]'s usual case (no lone CR) with what is known
        // here, without reading the record's leading breaks again (about 50
        // instructions a record less): the same count.
        if self.lone_cr >= self.pos && (!self.pending_cr || lf_first) {
            self.lines_done += lead_lfs;
            self.content_start = self.rec_start + lead;
            let line = self.lines_done + 1;
            self.lines_done += u64::from(brk == b'\n');
            self.pending_cr = brk == b'\r';
            return Some(line);
        }
        Some(self.settle_lines(lead_lfs + u64::from(brk == b'\n')))
    }

    /// The first quote, CR or LF in `text`.
    #[inline]
    fn record_end(&self, text: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(finder) = &self.record_end {
            return finder.find(text);
        }
        memchr::memchr3(b'"', b'\r', b'\n', text)
    }

    /// Reads the next record.
    pub(crate) fn next(&mut self) -> io::Result<RawEvent> {
        if self.stopped {
            return Ok(RawEvent::End);
        }
        self.rec_start = self.pos;
        self.content_start = self.pos;
        self.out_len = 0;
        self.nends = 0;
        self.borrowed = false;
        if self.quick {
            if self.quick_skip > 0 {
                self.quick_skip -= 1;
            } else if let Some(line) = self.quick_record() {
                self.quick_backoff = 0;
                return Ok(RawEvent::Record {
                    line,
                    unclosed: false,
                });
            } else {
                self.quick_backoff = (self.quick_backoff * 2 + 1).min(self.quick_max_skip);
                self.quick_skip = self.quick_backoff;
            }
        }
        self.core_line = self.core.get().line();
        loop {
            if self.pos >= self.buf.len() && !self.eof {
                self.fill()?;
                continue;
            }
            let input = &self.buf[self.pos..];
            let empty = input.is_empty();
            let (res, nin, nout, nend) = self.core.get().read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[1 + self.nends..],
            );
            self.pos += nin;
            self.out_len += nout;
            self.nends += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    if empty && self.eof {
                        return Ok(RawEvent::End);
                    }
                }
                ReadRecordResult::OutputFull => {
                    let len = self.out.len();
                    self.out.resize(len * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                ReadRecordResult::Record => {
                    let lfs = self.core_lfs();
                    let line = self.settle_lines(lfs);
                    let at_end = self.eof && self.pos >= self.buf.len();
                    let unclosed =
                        at_end && self.raw().iter().filter(|&&b| b == b'"').count() % 2 == 1;
                    return Ok(RawEvent::Record { line, unclosed });
                }
                ReadRecordResult::End => return Ok(RawEvent::End),
            }
            if self.pos - self.rec_start > MAX_RECORD_BYTES || self.out_len > MAX_RECORD_BYTES {
                let lfs = self.core_lfs();
                let line = self.settle_lines(lfs);
                self.stopped = true;
                return Ok(RawEvent::TooLarge { line });
            }
        }
    }

    /// Number of fields of the current record.
    pub(crate) fn field_count(&self) -> usize {
        self.nends
    }

    /// True when every field of the current record is empty.
    pub(crate) fn fields_empty(&self) -> bool {
        if self.borrowed {
            // The record's text is its delimiters alone: one fewer than its fields.
            self.ends.get(self.nends) == Some(&self.nends)
        } else {
            self.out_len == 0
        }
    }

    /// The bytes of field `i` of the current record.
    pub(crate) fn field(&self, i: usize) -> &[u8] {
        let (bytes, bounds, gap) = self.fields_raw();
        match bounds.get(i..i + 2) {
            Some(&[start, end]) => bytes
                .get(start..end.saturating_sub(gap))
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// The field bytes of the current record, the field bounds and the gap after
    /// each field: field `i` is `bytes[bounds[i]..bounds[i + 1] - gap]`
    /// (`bounds[0]` is 0). Split by `csv_core`: the fields as it copied them, end to
    /// end, gap 0. Split quickly ([`CsvSource::quick_record`]): the record's text
    /// with its line break's first byte, straight from the input, gap 1 (the
    /// delimiter, or the line break after the last field).
    pub(crate) fn fields_raw(&self) -> (&[u8], &[usize], usize) {
        let bounds = self.ends.get(..=self.nends).unwrap_or_default();
        if self.borrowed {
            let len = bounds.last().copied().unwrap_or(0);
            let text = self
                .buf
                .get(self.content_start..self.content_start + len)
                .unwrap_or_default();
            (text, bounds, 1)
        } else {
            (self.out.get(..self.out_len).unwrap_or_default(), bounds, 0)
        }
    }

    /// How many bytes `csv_core` took out of the current record besides its
    /// delimiters: the quotes of its quoted fields (the record as written is its
    /// fields end to end, one byte per delimiter, and these). Reading a quoted field
    /// drops at least its opening quote, so `Some(0)` is a record with no quoted
    /// field. `None` when the count is not known: the last field ends in a line
    /// break, which only a quoted field can hold, and one left open at the end of
    /// the input keeps breaks that [`CsvSource::raw`] strips.
    pub(crate) fn quote_bytes(&self) -> Option<usize> {
        if self.borrowed {
            // No quote in the record.
            return Some(0);
        }
        let out = self.out.get(..self.out_len).unwrap_or_default();
        if matches!(out.last(), Some(b'\r' | b'\n')) {
            return None;
        }
        self.raw()
            .len()
            .checked_sub(self.out_len + self.nends.saturating_sub(1))
    }

    /// The current record's text as it stands in the input, without its line break.
    pub(crate) fn raw(&self) -> &[u8] {
        without_line_break(self.segment())
    }

    /// The current record's text as it stands in the input, with its line break
    /// (see [`without_line_break`]).
    pub(crate) fn segment(&self) -> &[u8] {
        self.buf
            .get(self.content_start..self.pos)
            .unwrap_or_default()
    }

    /// The current record's text, decoded (invalid UTF-8 bytes as Windows-1252).
    pub(crate) fn raw_text(&self) -> String {
        self.shown(self.raw())
    }

    /// Bytes of the current record as text for a message: invalid UTF-8 bytes as
    /// Windows-1252, except in UTF-16 input, where what could not be decoded is
    /// shown as U+FFFD.
    pub(crate) fn shown(&self, bytes: &[u8]) -> String {
        match self.decode {
            Decode::Utf16(_) => String::from_utf8_lossy(bytes).into_owned(),
            _ => decode_utf8_lossless(bytes).0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &[u8], opts: &ReadOptions) -> Vec<(u64, Vec<String>, String)> {
        let mut src = CsvSource::new(input, opts).unwrap();
        let mut out = Vec::new();
        while let RawEvent::Record { line, .. } = src.next().unwrap() {
            let fields = (0..src.field_count())
                .map(|i| String::from_utf8_lossy(src.field(i)).into_owned())
                .collect();
            out.push((line, fields, src.raw_text()));
        }
        out
    }

    #[test]
    fn physical_lines_count_blank_lines_crlf_and_quoted_breaks() {
        let input = b"a;b\r\n\r\n1;\"x\r\ny\"\r\n2;z\r\n";
        let r = records(input, &ReadOptions::default());
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].0, 1);
        assert_eq!(r[1].0, 3);
        assert_eq!(r[1].1, vec!["1".to_string(), "x\r\ny".into()]);
        assert_eq!(r[1].2, "1;\"x\r\ny\"");
        assert_eq!(r[2].0, 5);
        let lone_cr = records(b"a,b\r1,2\r\r3,4", &ReadOptions::default());
        assert_eq!(
            lone_cr.iter().map(|r| r.0).collect::<Vec<_>>(),
            vec![1, 2, 4]
        );
    }

    #[test]
    fn records_across_chunks_keep_their_raw_text() {
        let mut input = b"id,text\n".to_vec();
        for i in 0..20_000 {
            input.extend_from_slice(format!("{i},\"t{i}\"\n").as_bytes());
        }
        let r = records(&input, &ReadOptions::default());
        assert_eq!(r.len(), 20_001);
        assert_eq!(r[12_345].0, 12_346);
        assert_eq!(r[12_345].2, "12344,\"t12344\"");
    }

    /// Line breaks as a text editor counts them: LF, CR LF and a lone CR.
    fn breaks(bytes: &[u8]) -> u64 {
        let mut n = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                n += 1;
            }
        }
        n
    }

    #[test]
    fn lines_are_right_with_any_mix_of_line_breaks_across_chunks() {
        // Records of several chunks' worth, ended by LF, CR LF or a lone CR, with
        // blank lines and quoted cells holding breaks of their own; every record's
        // line is checked against an independent count of the breaks before it.
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut rand = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..6 {
            let ends: &[&[u8]] = match round {
                0 => &[b"\n"],
                1 => &[b"\r\n"],
                2 => &[b"\r"],
                _ => &[b"\n", b"\r\n", b"\r"],
            };
            let mut input = Vec::new();
            let mut starts = Vec::new();
            let mut texts = Vec::new();
            for i in 0..4000 {
                starts.push(input.len());
                let mut text = format!("{i},plain text {},", rand(1000));
                match rand(8) {
                    0 => text.push_str("\"quoted\nbreak\""),
                    1 => text.push_str("\"quoted\r\nbreak\""),
                    2 => text.push_str("\"quoted\rbreak\r\""),
                    _ => text.push_str(&"x".repeat(rand(120) as usize)),
                }
                input.extend_from_slice(text.as_bytes());
                texts.push(text);
                for _ in 0..=u64::from(rand(6) == 0) + u64::from(rand(20) == 0) {
                    input.extend_from_slice(ends[rand(ends.len() as u64) as usize]);
                }
            }
            assert!(input.len() > 3 * CHUNK, "{}", input.len());
            let got = records(&input, &ReadOptions::default());
            assert_eq!(got.len(), starts.len(), "round {round}");
            let (mut counted, mut before) = (0, 0);
            for ((line, _, raw), (&start, text)) in got.iter().zip(starts.iter().zip(&texts)) {
                // Breaks before `start` (a record starts with text, so a CR just
                // before an earlier start was a break of its own).
                before += breaks(&input[counted..start]);
                counted = start;
                assert_eq!(*line, 1 + before, "round {round}: {text}");
                assert_eq!(raw, text, "round {round}");
            }
        }
    }

    /// The delimiter search finds exactly the bytes a plain search finds: every
    /// byte value as the one searched for, in texts of every length up to 80
    /// around it (each place of a step, whole steps and the last one, read past
    /// the end or byte by byte), and random texts.
    #[test]
    fn delimiter_ends_finds_what_a_plain_search_finds() {
        let mut x: u64 = 0x0123_4567_89AB_CDEF;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut checked = 0;
        for d in 0..=255u8 {
            for len in 0..80 {
                // Bytes near `d` (a borrow or carry would show there) and `d` itself.
                let text: Vec<u8> = (0..len)
                    .map(|_| match next() % 4 {
                        0 => d,
                        1 => d.wrapping_add(1),
                        2 => d.wrapping_sub(1),
                        _ => next() as u8,
                    })
                    .collect();
                // Written after `n` places already taken, into a vector that must
                // grow (or need not), each place just past a `d`.
                let n = (next() % 3) as usize;
                let mut ends = vec![usize::MAX; (next() % 12) as usize + n + 1];
                let taken = ends[..=n].to_vec();
                let want: Vec<usize> = (0..len).filter(|&i| text[i] == d).map(|i| i + 1).collect();
                // Bytes after the end, `d` among them, are not searched.
                let mut after = text.clone();
                after.extend(
                    (0..next() % 20).map(|_| if next() % 2 == 0 { d } else { next() as u8 }),
                );
                let got = delimiter_ends(&after, len, d, &mut ends, n);
                assert_eq!(got, n + want.len(), "{d} {text:?}");
                assert_eq!(ends[..=n], taken[..], "{d} {text:?}");
                assert_eq!(ends[n + 1..=got], want[..], "{d} {text:?}");
                // The two-word steps, which serve where SSE2 does not.
                let mut words = taken.clone();
                words.resize(n + len + 1, usize::MAX);
                let got = delimiter_ends_words(&after, len, d, &mut words, n);
                assert_eq!(got, n + want.len(), "{d} {text:?}");
                assert_eq!(words[..=n], taken[..], "{d} {text:?}");
                assert_eq!(words[n + 1..=got], want[..], "{d} {text:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, 256 * 80);
        // Texts too long for room made at once: grown hit by hit.
        for len in [4096, 4097, 9001] {
            let text: Vec<u8> = (0..len)
                .map(|_| if next() % 5 == 0 { b';' } else { next() as u8 })
                .collect();
            let want: Vec<usize> = (0..len)
                .filter(|&i| text[i] == b';')
                .map(|i| i + 1)
                .collect();
            let mut ends = vec![0; 3];
            let got = delimiter_ends(&text, len, b';', &mut ends, 2);
            assert_eq!(got, 2 + want.len(), "{len}");
            assert_eq!(ends[3..=got], want[..], "{len}");
        }
    }

    #[test]
    fn excel_sep_line_sets_the_delimiter() {
        let r = records(b"sep=|\nid|x\n1|2\n", &ReadOptions::default());
        assert_eq!(r[0].0, 2);
        assert_eq!(r[1].1, vec!["1".to_string(), "2".into()]);
    }
}
