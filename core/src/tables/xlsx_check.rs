//! The cell references of an Office Open XML package (`.xlsx`, `.xlsm`), checked
//! before calamine reads the package.
//!
//! calamine 0.30 (and 0.38, its latest release when this was written) computes
//! positions from a sheet's references with unchecked `u32` arithmetic: a
//! `<dimension ref>` that ends before it starts (`B2:A1`) subtracts with overflow,
//! and a reference with more than nine digits or six letters (`A99999999999`)
//! multiplies with overflow. Where overflow checks are on (debug builds, the fuzz
//! build) that is a panic, elsewhere a wrapped, wrong position. The fuzz target
//! `workbook` found the first of these. So every part of the package is scanned
//! once, streaming, for the three places calamine parses a reference from — the
//! `ref` of `<dimension>`, the `r` of `<row>` and of `<c>` (any namespace prefix) —
//! and a reference that is not a cell of Excel's grid (1 048 576 rows × 16 384
//! columns, `A1`…`XFD1048576`) or a range that ends before it starts is a
//! [`WorkbookError::Reference`] naming the part, the element and the value.
//!
//! The scan looks at every `<` (so it sees at least every tag an XML parser sees)
//! and keeps at most one unfinished tag between reads, up to [`MAX_TAG`] bytes.
//! A package calamine cannot open is left to calamine, which reports it; a part
//! that fails to inflate part-way is scanned up to the damage, a byte at a time
//! ([`Bytewise`]), since calamine reads (and computes with) everything before it.

use super::workbook::{RefProblem, WorkbookError};
use std::io::{Read, Seek};

/// Excel's last row.
const MAX_ROW: u32 = 1_048_576;
/// Excel's last column (`XFD`).
const MAX_COLUMN: u32 = 16_384;
/// The longest `<dimension>`, `<row>` or `<c>` start tag the scan keeps whole.
pub(crate) const MAX_TAG: usize = 1 << 20;
const CHUNK: usize = 64 * 1024;

/// Checks every part of the package in `reader` (see the module).
pub(crate) fn check_package<R: Read + Seek>(reader: R) -> Result<(), WorkbookError> {
    let Ok(mut zip) = zip::ZipArchive::new(reader) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        if part.is_dir() {
            continue;
        }
        let name = part.name().to_owned();
        if scan(&mut part, &name)? {
            // Damaged: read it again a byte at a time, for every byte before the damage.
            drop(part);
            if let Ok(part) = zip.by_index(i) {
                scan(&mut Bytewise::new(part), &name)?;
            }
        }
    }
    Ok(())
}

/// Reads `inner` a byte at a time and ends (as at the end of the file) where it
/// fails. An inflating reader that fails drops what it inflated in that call, so a
/// reader with a large buffer sees fewer of the bytes before the damage than
/// calamine, whose buffer is smaller (the fuzz target's second finding: a reference
/// past the grid just before a damaged deflate block). A byte at a time, nothing
/// before the damage is lost.
struct Bytewise<R> {
    inner: R,
    failed: bool,
}

impl<R: Read> Bytewise<R> {
    fn new(inner: R) -> Self {
        Bytewise {
            inner,
            failed: false,
        }
    }
}

impl<R: Read> Read for Bytewise<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < out.len() && !self.failed {
            match self.inner.read(&mut out[n..=n]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => self.failed = true,
            }
        }
        Ok(n)
    }
}

/// Scans one part, streaming; `Ok(true)` when reading it failed part-way (damaged).
fn scan(part: &mut impl Read, name: &str) -> Result<bool, WorkbookError> {
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK);
    let mut chunk = vec![0u8; CHUNK];
    let mut damaged = false;
    loop {
        let eof = loop {
            match part.read(&mut chunk) {
                Ok(0) => break true,
                Ok(n) => {
                    buf.extend_from_slice(&chunk[..n]);
                    break false;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => {
                    damaged = true;
                    break true;
                }
            }
        };
        let keep = scan_tags(&buf, eof, name)?;
        buf.drain(..keep);
        if eof {
            return Ok(damaged);
        }
        if buf.len() > MAX_TAG {
            return Err(WorkbookError::Reference {
                part: name.to_owned(),
                element: "c",
                attribute: "r",
                value: shown(&buf[..64]),
                problem: RefProblem::TagTooLong,
            });
        }
    }
}

/// What a tag's attributes are, as far as `buf` goes.
enum Attrs<'a> {
    /// The tag ends inside `buf`.
    Whole(Vec<(&'a [u8], &'a [u8])>),
    /// `buf` ends inside the tag.
    Unfinished,
}

/// Checks the tags starting in `buf`; returns how many bytes are done with (the
/// rest, an unfinished tag, waits for the next read unless `eof`).
fn scan_tags(buf: &[u8], eof: bool, part: &str) -> Result<usize, WorkbookError> {
    let mut from = 0;
    while let Some(off) = memchr::memchr(b'<', &buf[from..]) {
        let at = from + off;
        from = at + 1;
        let name_end = buf[from..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
            .map(|p| from + p);
        let Some(name_end) = name_end else {
            // The name goes on past the buffer: keep it if it may be one of ours.
            return Ok(if eof || buf.len() - from > 64 {
                buf.len()
            } else {
                at
            });
        };
        let name = &buf[from..name_end];
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        let (element, attribute, kind): (&'static str, &[u8], Kind) = match local {
            b"dimension" => ("dimension", b"ref", Kind::Range),
            b"row" => ("row", b"r", Kind::Row),
            b"c" => ("c", b"r", Kind::Cell),
            _ => continue,
        };
        let attrs = match attributes(&buf[name_end..]) {
            Attrs::Unfinished if !eof => return Ok(at),
            Attrs::Unfinished => continue,
            Attrs::Whole(a) => a,
        };
        for (_, value) in attrs.iter().filter(|(k, _)| *k == attribute) {
            if let Err(problem) = check(value, kind) {
                return Err(WorkbookError::Reference {
                    part: part.to_owned(),
                    element,
                    attribute: if attribute == b"ref" { "ref" } else { "r" },
                    value: shown(value),
                    problem,
                });
            }
        }
    }
    Ok(buf.len())
}

/// The attributes of a start tag from just after its name: `name="value"` or
/// `name='value'`, with spaces around `=`. Parsing stops at the first attribute
/// written otherwise (an XML parser refuses the tag there too).
fn attributes(s: &[u8]) -> Attrs<'_> {
    let mut out = Vec::new();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < s.len() && s[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip_ws(&mut i);
        let Some(&b) = s.get(i) else {
            return Attrs::Unfinished;
        };
        if b == b'>' || b == b'/' {
            return Attrs::Whole(out);
        }
        let start = i;
        while i < s.len() && !s[i].is_ascii_whitespace() && s[i] != b'=' && s[i] != b'>' {
            i += 1;
        }
        let key = &s[start..i];
        skip_ws(&mut i);
        match s.get(i) {
            None => return Attrs::Unfinished,
            Some(b'=') => i += 1,
            Some(_) => return Attrs::Whole(out),
        }
        skip_ws(&mut i);
        let q = match s.get(i) {
            None => return Attrs::Unfinished,
            Some(&q) if q == b'"' || q == b'\'' => q,
            Some(_) => return Attrs::Whole(out),
        };
        i += 1;
        let Some(len) = s[i..].iter().position(|&b| b == q) else {
            return Attrs::Unfinished;
        };
        out.push((key, &s[i..i + len]));
        i += len + 1;
    }
}

#[derive(Clone, Copy)]
enum Kind {
    /// `A1` or `A1:C9` (`<dimension ref>`).
    Range,
    /// A row number, optionally after a column (`<row r>`).
    Row,
    /// `A1` (`<c r>`).
    Cell,
}

/// A reference's (row, column), 1-based; column 0 when it has none.
fn cell(v: &[u8], need_column: bool) -> Result<(u32, u32), RefProblem> {
    let letters = v.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &v[letters..];
    if (need_column && letters == 0) || digits.is_empty() || !digits.iter().all(u8::is_ascii_digit)
    {
        return Err(RefProblem::NotACell);
    }
    if letters > 3 || digits.len() > 7 {
        return Err(RefProblem::OutsideGrid);
    }
    let column = v[..letters].iter().fold(0u32, |c, b| {
        c * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = digits
        .iter()
        .fold(0u32, |r, b| r * 10 + u32::from(b - b'0'));
    if row == 0 || row > MAX_ROW || column > MAX_COLUMN {
        return Err(RefProblem::OutsideGrid);
    }
    Ok((row, column))
}

fn check(v: &[u8], kind: Kind) -> Result<(), RefProblem> {
    match kind {
        Kind::Cell => cell(v, true).map(drop),
        Kind::Row => cell(v, false).map(drop),
        Kind::Range => {
            let mut parts = v.split(|&b| b == b':');
            let start = cell(parts.next().unwrap_or_default(), true)?;
            let Some(end) = parts.next() else {
                return Ok(());
            };
            let end = cell(end, true)?;
            if parts.next().is_some() {
                return Err(RefProblem::NotACell);
            }
            if end.0 < start.0 || end.1 < start.1 {
                return Err(RefProblem::Reversed);
            }
            Ok(())
        }
    }
}

/// A value as shown in an error: its text, at most 40 characters.
fn shown(v: &[u8]) -> String {
    let s = String::from_utf8_lossy(v);
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_str(xml: &str) -> Result<bool, WorkbookError> {
        scan(&mut xml.as_bytes(), "xl/worksheets/sheet1.xml")
    }

    #[test]
    fn references_inside_the_grid_pass() {
        for ok in [
            r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#,
            r#"<x:worksheet><x:dimension ref = 'B2'/><x:sheetData><x:row r="1048576"><x:c r="xfd1048576" t="s"/></x:row></x:sheetData></x:worksheet>"#,
            // Not ours: a drawing's row, a chart's tag, a comment's ref.
            r#"<xdr:row>5</xdr:row><c:chart r:id="rId1"/><comment ref="ZZZZ1"/><col min="1"/>"#,
            "",
        ] {
            assert!(scan_str(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn a_reversed_or_overflowing_reference_is_an_error_saying_where() {
        let cases = [
            (
                r#"<dimension ref="B2:A1"/>"#,
                "dimension",
                "B2:A1",
                RefProblem::Reversed,
            ),
            (
                r#"<dimension ref="A2:B1"/>"#,
                "dimension",
                "A2:B1",
                RefProblem::Reversed,
            ),
            (
                r#"<dimension ref="A1:B2:C3"/>"#,
                "dimension",
                "A1:B2:C3",
                RefProblem::NotACell,
            ),
            (
                r#"<c r="A99999999999">"#,
                "c",
                "A99999999999",
                RefProblem::OutsideGrid,
            ),
            (
                r#"<c r="AAAAAAA1">"#,
                "c",
                "AAAAAAA1",
                RefProblem::OutsideGrid,
            ),
            (r#"<c r="XFE1">"#, "c", "XFE1", RefProblem::OutsideGrid),
            (
                r#"<c r="A00000001">"#,
                "c",
                "A00000001",
                RefProblem::OutsideGrid,
            ),
            (
                r#"<row r="1048577">"#,
                "row",
                "1048577",
                RefProblem::OutsideGrid,
            ),
            (r#"<row r="0">"#, "row", "0", RefProblem::OutsideGrid),
            (r#"<c r="1A">"#, "c", "1A", RefProblem::NotACell),
            (r#"<c s="1" r="$A$1">"#, "c", "$A$1", RefProblem::NotACell),
        ];
        for (xml, element, value, problem) in cases {
            match scan_str(xml) {
                Err(WorkbookError::Reference {
                    part,
                    element: e,
                    value: v,
                    problem: p,
                    ..
                }) => {
                    assert_eq!(part, "xl/worksheets/sheet1.xml");
                    assert_eq!((e, v.as_str(), p), (element, value, problem), "{xml}");
                }
                other => panic!("{xml}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_tag_split_between_reads_is_checked_whole() {
        // A reader that hands out three bytes at a time.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(3).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let xml = br#"<sheetData><row r="1"><c r="A1"/><c r="B99999999999"/></row></sheetData>"#;
        let r = scan(&mut Slow(xml), "p");
        assert!(
            matches!(r, Err(WorkbookError::Reference { ref value, .. }) if value == "B99999999999"),
            "{r:?}"
        );
        assert!(scan(&mut Slow(br#"<dimension ref="A1:B2"/><c r="C3"/>"#), "p").is_ok());
    }
}
