//! Text encodings found in CSV files from the field: UTF-8 (with or without a
//! byte-order mark), UTF-16 with a byte-order mark (Excel's "Unicode text"),
//! Windows-1252 and ISO-8859-1. The legacy encodings are decoded with a small table
//! rather than a general encoding library.

use std::fmt;
use std::str::FromStr;

/// A text encoding the CSV reader can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian (needs a byte-order mark to be detected).
    Utf16Le,
    /// UTF-16, big-endian (needs a byte-order mark to be detected).
    Utf16Be,
    /// Windows-1252 (Western European, what Excel for Windows writes as "CSV").
    Windows1252,
    /// ISO-8859-1 (Latin-1).
    Iso8859_1,
}

impl Encoding {
    /// The WHATWG-style label: `"utf-8"`, `"utf-16le"`, `"utf-16be"`,
    /// `"windows-1252"`, `"iso-8859-1"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Iso8859_1 => "iso-8859-1",
        }
    }

    /// Encodes text in this encoding; `None` when a character has no code in it.
    /// Useful for building test input and for tools that must write a legacy file.
    ///
    /// ```
    /// use oske::tables::Encoding;
    /// assert_eq!(Encoding::Windows1252.encode("ä €").unwrap(), vec![0xE4, b' ', 0x80]);
    /// assert_eq!(Encoding::Iso8859_1.encode("€"), None);
    /// ```
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Utf8 => Some(text.as_bytes().to_vec()),
            Encoding::Utf16Le => Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
            Encoding::Utf16Be => Some(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
            Encoding::Iso8859_1 => text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).ok())
                .collect(),
            Encoding::Windows1252 => text
                .chars()
                .map(|c| {
                    let cp = u32::from(c);
                    if cp < 0x80 || (0xA0..=0xFF).contains(&cp) {
                        return u8::try_from(cp).ok();
                    }
                    CP1252_HIGH
                        .iter()
                        .position(|&h| h == c)
                        .and_then(|i| u8::try_from(0x80 + i).ok())
                })
                .collect(),
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for an encoding name this library does not decode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown encoding {0:?}: expected utf-8, utf-16le, utf-16be, windows-1252 or iso-8859-1")]
pub struct UnknownEncoding(pub String);

impl FromStr for Encoding {
    type Err = UnknownEncoding;

    /// Reads the usual labels, case-insensitively: `utf-8`/`utf8`,
    /// `windows-1252`/`cp1252`, `iso-8859-1`/`latin1`/`latin-1`, `utf-16le`, `utf-16be`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect::<String>()
            .to_ascii_lowercase();
        match n.as_str() {
            "utf8" => Ok(Encoding::Utf8),
            "utf16le" | "utf16" => Ok(Encoding::Utf16Le),
            "utf16be" => Ok(Encoding::Utf16Be),
            "windows1252" | "cp1252" | "win1252" => Ok(Encoding::Windows1252),
            "iso88591" | "latin1" | "l1" => Ok(Encoding::Iso8859_1),
            _ => Err(UnknownEncoding(s.to_owned())),
        }
    }
}

/// Windows-1252's characters for bytes 0x80–0x9F. The five bytes Windows-1252
/// leaves undefined map to the C1 control of the same value (as WHATWG does), so
/// every byte decodes to some character and nothing is lost.
pub(crate) const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The character a Windows-1252 byte stands for.
#[inline]
pub(crate) fn cp1252_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        CP1252_HIGH[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// Appends `bytes` decoded as a single-byte encoding to `out` (as UTF-8).
pub(crate) fn decode_single_byte(bytes: &[u8], latin1: bool, out: &mut Vec<u8>) {
    let mut tmp = [0u8; 4];
    for &b in bytes {
        if b < 0x80 {
            out.push(b);
        } else {
            let c = if latin1 {
                char::from(b)
            } else {
                cp1252_char(b)
            };
            out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        }
    }
}

/// Decodes bytes that should be UTF-8; any invalid byte is decoded as Windows-1252
/// instead, so that no byte is lost. Returns the text and whether it was all valid.
pub(crate) fn decode_utf8_lossless(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), true),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 8);
            let mut rest = bytes;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let (good, bad) = rest.split_at(e.valid_up_to());
                        // `good` is valid by construction.
                        out.push_str(std::str::from_utf8(good).unwrap_or_default());
                        let n = e.error_len().unwrap_or(bad.len()).max(1).min(bad.len());
                        for &b in bad.iter().take(n) {
                            out.push(cp1252_char(b));
                        }
                        rest = bad.get(n..).unwrap_or_default();
                        if rest.is_empty() {
                            break;
                        }
                    }
                }
            }
            (out, false)
        }
    }
}

/// The byte written in place of what UTF-16 cannot decode (an unpaired surrogate, an
/// odd last byte). It is never valid UTF-8, so the row holding it is rejected as
/// `csv.invalid-text`, exactly as a broken UTF-8 sequence is.
pub(crate) const UTF16_INVALID: u8 = 0xFF;

/// A streaming UTF-16 to UTF-8 transcoder that carries an odd byte and an unpaired
/// high surrogate from one chunk to the next. Unpaired surrogates become
/// [`UTF16_INVALID`] (not U+FFFD), so that the reader reports them.
#[derive(Debug, Default)]
pub(crate) struct Utf16Decoder {
    big_endian: bool,
    odd: Option<u8>,
    high: Option<u16>,
    /// Set when an unpaired surrogate was replaced.
    pub(crate) replaced: bool,
}

impl Utf16Decoder {
    pub(crate) fn new(big_endian: bool) -> Self {
        Utf16Decoder {
            big_endian,
            ..Default::default()
        }
    }

    fn unit(&self, a: u8, b: u8) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    }

    fn push_char(out: &mut Vec<u8>, c: char) {
        let mut tmp = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
    }

    fn push_unit(&mut self, u: u16, out: &mut Vec<u8>) {
        if let Some(h) = self.high.take() {
            if (0xDC00..0xE000).contains(&u) {
                let cp = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                Self::push_char(out, char::from_u32(cp).unwrap_or('\u{FFFD}'));
                return;
            }
            self.replaced = true;
            out.push(UTF16_INVALID);
        }
        if (0xD800..0xDC00).contains(&u) {
            self.high = Some(u);
        } else if (0xDC00..0xE000).contains(&u) {
            self.replaced = true;
            out.push(UTF16_INVALID);
        } else {
            Self::push_char(out, char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'));
        }
    }

    /// Decodes a chunk; `last` flushes any carried state.
    pub(crate) fn decode(&mut self, mut bytes: &[u8], last: bool, out: &mut Vec<u8>) {
        if let Some(a) = self.odd.take() {
            if let Some((&b, rest)) = bytes.split_first() {
                let u = self.unit(a, b);
                self.push_unit(u, out);
                bytes = rest;
            } else {
                self.odd = Some(a);
            }
        }
        let mut chunks = bytes.chunks_exact(2);
        for pair in &mut chunks {
            if let [a, b] = *pair {
                let u = self.unit(a, b);
                self.push_unit(u, out);
            }
        }
        if let [a] = *chunks.remainder() {
            self.odd = Some(a);
        }
        if last {
            for _ in self
                .high
                .take()
                .into_iter()
                .chain(self.odd.take().map(u16::from))
            {
                self.replaced = true;
                out.push(UTF16_INVALID);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_round_trips_every_byte() {
        let all: Vec<u8> = (0u8..=255).collect();
        let mut out = Vec::new();
        decode_single_byte(&all, false, &mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(Encoding::Windows1252.encode(&text).unwrap(), all);
        let mut out = Vec::new();
        decode_single_byte(&all, true, &mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(Encoding::Iso8859_1.encode(&text).unwrap(), all);
    }

    #[test]
    fn invalid_utf8_bytes_fall_back_to_cp1252() {
        assert_eq!(
            decode_utf8_lossless(b"P\xe4iv\xe4 \xe2\x82\xac"),
            ("Päivä €".to_string(), false)
        );
        assert_eq!(decode_utf8_lossless(b"ok"), ("ok".to_string(), true));
        assert_eq!(decode_utf8_lossless(b"\xc3"), ("Ã".to_string(), false));
    }

    #[test]
    fn utf16_split_across_chunks() {
        let bytes = Encoding::Utf16Le.encode("a😀ä").unwrap();
        for cut in 0..bytes.len() {
            let mut d = Utf16Decoder::new(false);
            let mut out = Vec::new();
            d.decode(&bytes[..cut], false, &mut out);
            d.decode(&bytes[cut..], true, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), "a😀ä");
            assert!(!d.replaced);
        }
    }

    #[test]
    fn encoding_names() {
        assert_eq!("CP1252".parse::<Encoding>().unwrap(), Encoding::Windows1252);
        assert_eq!("latin-1".parse::<Encoding>().unwrap(), Encoding::Iso8859_1);
        assert_eq!("UTF8".parse::<Encoding>().unwrap(), Encoding::Utf8);
        assert!("koi8-r".parse::<Encoding>().is_err());
    }
}
