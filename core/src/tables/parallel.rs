//! Reading a large table on two threads: one splits the file into records and
//! checks them (quoting, cell counts, UTF-8: [`TableReader::next_row`]), the other
//! maps the rows into the document, as [`read_tables`](super::read_tables) does on
//! one thread. The rows go from the first to the second in batches through a
//! bounded channel, in file order: each row's fields' text as the reader cut
//! them, and the row's cells already cut out of the batch's copy of it by the
//! first thread ([`Batch::seal`]; the text and the cells borrowing it travel as one
//! value, a [`Cut`]), so that the second, the busier, only maps. It rebuilds each
//! row with [`Row::in_batch`] from the same fields and text, so that the document,
//! every issue and the source map are those of the one-thread read (`tests` below
//! read generated files both ways and compare).
//!
//! Only a file of a folder (`read_folder`) that is at least [`MIN_BYTES`] long is
//! read so: a stream given by the caller need not be [`Send`], and a small file
//! costs less on one thread than the hand-over. Where no second thread can be
//! started, the file is read on one.

use super::table::{cut_fields_into, reuse, RejectedRow, Row, Step, TableReader};
use crate::rules::Issue;
use std::io::{self, Read};
use std::sync::mpsc;

/// The size from which a file is read on two threads (1 MiB: about 5 000 rows of
/// measures, read in a few milliseconds on one thread).
pub(crate) const MIN_BYTES: u64 = 1 << 20;

/// Rows per batch handed from the splitting thread to the mapping one (few in
/// tests, so that they cross many batch boundaries).
const BATCH_ROWS: usize = if cfg!(test) { 3 } else { 1024 };

/// Batches under way between the threads, besides the one each thread holds.
const DEPTH: usize = 2;

/// The input of one table.
pub(crate) enum Input<R> {
    /// A reader given by the caller: read on this thread.
    Stream(R),
    /// A file of a folder and its size in bytes.
    File(io::BufReader<std::fs::File>, u64),
}

/// True when a file of `size` bytes is read on two threads.
pub(crate) fn worth(size: u64) -> bool {
    size >= MIN_BYTES && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

/// One step of the reader, owned: a row's fields and text are in its batch.
enum Item {
    Row {
        line: u64,
        /// The row's field bounds in the batch's text: `bounds[first..=first + fields]`.
        first: usize,
        fields: usize,
        /// The bytes after each field that are not part of it ([`Row::fields_and_raw`]).
        gap: usize,
        /// The row's cells: `cells[cell..cell + fields]` of the batch's [`Cut`].
        cell: usize,
        /// The row's text (line break included): `raw[start..end]`, or
        /// `text[start..end]` when `raw_in_text`.
        raw: (usize, usize),
        raw_in_text: bool,
    },
    Rejected(RejectedRow, Vec<Issue>),
    /// Reading stopped here with this error.
    Failed(io::Error),
}

/// The cells of a batch's rows, end to end.
type Cells<'a> = Vec<&'a str>;

self_cell::self_cell!(
    /// A batch's text and its rows' cells cut out of it, cut by the splitting
    /// thread: the mapping thread takes each row's cells as they are.
    struct Cut {
        owner: String,
        #[covariant]
        dependent: Cells,
    }
);

/// Rows read, owned, in file order.
#[derive(Default)]
struct Batch {
    /// The rows' fields, each row's as the reader cut them from one text (for a row
    /// split quickly, with the delimiters and line break: then its text as in the
    /// input too), end to end; in `cut` once the batch is full.
    text: String,
    cut: Option<Cut>,
    /// Bounds of the fields in the text, each row's own.
    bounds: Vec<usize>,
    /// The number of cells of the rows so far.
    cells: usize,
    /// The text as in the input of the rows whose text does not hold it, end to end.
    raw: Vec<u8>,
    items: Vec<Item>,
    /// The allocation of the cells of a batch read before, emptied.
    spare: Vec<&'static str>,
}

impl Batch {
    fn clear(&mut self) {
        self.text.clear();
        self.bounds.clear();
        self.cells = 0;
        self.raw.clear();
        self.items.clear();
    }

    /// Copies a row into the batch: its fields' text in one piece, and its text as
    /// in the input only where that is not the same bytes followed by the rest of
    /// the line break.
    fn push_row(&mut self, row: &Row<'_>) {
        let (text, bounds, gap, raw) = row.fields_and_raw();
        let first = self.bounds.len();
        let at = self.text.len();
        self.bounds
            .extend(bounds.iter().map(|&b| b.wrapping_add(at)));
        self.text.push_str(text);
        let tail = (std::ptr::eq(raw.as_ptr(), text.as_ptr()))
            .then(|| raw.get(text.len()..))
            .flatten()
            .and_then(|t| match t {
                // The rest of the line break after its first byte: none (LF) or
                // an LF (CR LF), without a call to check it.
                [] => Some(""),
                [b'\n'] => Some("\n"),
                _ => std::str::from_utf8(t).ok(),
            });
        let (raw, raw_in_text) = match tail {
            Some(tail) => {
                self.text.push_str(tail);
                ((at, self.text.len()), true)
            }
            None => {
                let start = self.raw.len();
                self.raw.extend_from_slice(raw);
                ((start, self.raw.len()), false)
            }
        };
        let fields = bounds.len().saturating_sub(1);
        self.items.push(Item::Row {
            line: row.line,
            first,
            fields,
            gap,
            cell: self.cells,
            raw,
            raw_in_text,
        });
        self.cells += fields;
    }

    /// Cuts the rows' cells out of the batch's text (on the splitting thread, which
    /// has time to spare). The reader cut each row's same text at the same bounds
    /// before, or did not need to (a row split quickly: see
    /// [`TableReader::next_row`]), so this cannot fail; if it did, the batch's rows
    /// would become an error that stops the reading, not rows with wrong cells.
    fn seal(&mut self) {
        let text = std::mem::take(&mut self.text);
        let spare = std::mem::take(&mut self.spare);
        let (bounds, items) = (&self.bounds, &self.items);
        let mut ok = true;
        let cut = Cut::new(text, |text| {
            // Every cell's place made at once, then each row's cells cut into
            // theirs.
            let mut cells = reuse(spare);
            cells.resize(self.cells, "");
            for item in items {
                if let Item::Row {
                    first,
                    fields,
                    gap,
                    cell,
                    ..
                } = *item
                {
                    let bounds = bounds.get(first..=first + fields).unwrap_or_default();
                    ok &= match cells.get_mut(cell..cell + fields) {
                        Some(places) => cut_fields_into(text, bounds, gap, places),
                        None => false,
                    };
                }
            }
            cells
        });
        if !ok {
            let line = self.items.iter().find_map(|i| match i {
                Item::Row { line, .. } => Some(*line),
                _ => None,
            });
            self.items.clear();
            self.items.push(Item::Failed(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the rows from line {} could not be cut into cells",
                    line.unwrap_or(0)
                ),
            )));
        }
        self.cut = Some(cut);
    }
}

/// Reads the rows of `tr` on a second thread and gives each step to `each`, on this
/// thread, in file order. The rows of a batch are one [`Row`] filled again for each
/// ([`Row::next_in_batch`]): what they share is set once a batch. `Some(Err)` when
/// reading stopped with an error (after the steps before it), `None` when no second
/// thread could be started: then nothing was read.
pub(crate) fn drain<'e, R: Read + Send>(
    tr: &mut TableReader<R>,
    each: &mut (dyn FnMut(&mut Step<'_>) + 'e),
) -> Option<io::Result<()>> {
    let (slots, names, file, decimal) = tr.row_frame();
    let (slots, names, file) = (slots.to_vec(), names.to_vec(), file.clone());
    let schema = tr.schema;
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::sync_channel::<Batch>(DEPTH);
        let (back_tx, back_rx) = mpsc::channel::<Batch>();
        std::thread::Builder::new()
            .name("oske-csv".to_owned())
            .spawn_scoped(s, move || split(tr, &tx, &back_rx))
            .ok()?;
        let mut spare = Vec::new();
        let mut outcome = Ok(());
        for mut batch in rx {
            let Some(mut cut) = batch.cut.take() else {
                continue;
            };
            let Batch {
                bounds, raw, items, ..
            } = &mut batch;
            let (text, cells) = (cut.borrow_owner(), cut.borrow_dependent());
            // The batch's row, once its first row came.
            let mut row: Option<Step<'_>> = None;
            for item in items.drain(..) {
                match item {
                    Item::Row {
                        line,
                        first,
                        fields,
                        gap,
                        cell,
                        raw: (start, end),
                        raw_in_text,
                    } => {
                        let raw = if raw_in_text {
                            text.as_bytes()
                        } else {
                            raw.as_slice()
                        };
                        let bounds = bounds.get(first..=first + fields).unwrap_or_default();
                        let cells = cells.get(cell..cell + fields).unwrap_or_default();
                        let raw = raw.get(start..end).unwrap_or_default();
                        match &mut row {
                            Some(Step::Row(row)) => {
                                row.next_in_batch(bounds, gap, cells, line, raw);
                            }
                            _ => {
                                row = Some(Step::Row(Row::in_batch(
                                    text,
                                    bounds,
                                    gap,
                                    cells,
                                    &slots,
                                    &names,
                                    schema,
                                    &file,
                                    line,
                                    decimal,
                                    raw,
                                    std::mem::take(&mut spare),
                                )));
                            }
                        }
                        if let Some(step) = &mut row {
                            each(step);
                        }
                    }
                    Item::Rejected(row, issues) => {
                        each(&mut Step::Rejected(row, issues));
                    }
                    Item::Failed(e) => outcome = Err(e),
                }
            }
            // The row's cells' allocation stays for the next batch.
            if let Some(Step::Row(mut row)) = row {
                spare = row.spare();
            }
            // The text and the cells' allocation go back for another batch.
            batch.spare = cut.with_dependent_mut(|_, cells| reuse(std::mem::take(cells)));
            batch.text = cut.into_owner();
            batch.clear();
            // The splitting thread may have finished: then the batch is dropped.
            let _ = back_tx.send(batch);
        }
        Some(outcome)
    })
}

/// The splitting thread: reads every step of `tr` into batches and sends them.
fn split<R: Read>(
    tr: &mut TableReader<R>,
    tx: &mpsc::SyncSender<Batch>,
    back: &mpsc::Receiver<Batch>,
) {
    // The rows' cells are cut out of the batch's text ([`Batch::seal`]), not out
    // of the reader's buffer as well.
    tr.cut_cells(false);
    let mut batch = Batch::default();
    loop {
        // A row is read where `next_row` wrote it, not moved out first (a copy of
        // about 200 bytes a row), and dropped there once its cells' allocation
        // is out; the other steps are taken out.
        let spare = {
            let mut next = tr.next_row();
            if let Ok(Some(Step::Row(row))) = &mut next {
                batch.push_row(row);
                Some(row.spare())
            } else {
                let stop = match next {
                    Ok(Some(Step::Rejected(row, issues))) => {
                        batch.items.push(Item::Rejected(row, issues));
                        false
                    }
                    // Read above.
                    Ok(Some(Step::Row(_))) => false,
                    Ok(None) => true,
                    Err(e) => {
                        batch.items.push(Item::Failed(e));
                        true
                    }
                };
                if stop {
                    break;
                }
                None
            }
        };
        if let Some(spare) = spare {
            tr.recycle(spare);
        }
        if batch.items.len() >= BATCH_ROWS {
            batch.seal();
            let full = std::mem::replace(&mut batch, back.try_recv().unwrap_or_default());
            if tx.send(full).is_err() {
                // The mapping thread is gone (it panicked): stop.
                return;
            }
        }
    }
    batch.seal();
    let _ = tx.send(batch);
}

#[cfg(test)]
mod tests {
    //! The two-thread read against the one-thread read of the same files: the whole
    //! [`Imported`] (document, issues with their locations, table reports, source
    //! map) must be equal, and its document JSON and issues byte for byte.

    use super::super::import::{read_inputs, Imported};
    use super::super::{read_tables, write_tables, DecimalMark, Dialect, ReadOptions};
    use super::{worth, Input, MIN_BYTES};
    use crate::datasets::Dataset;
    use crate::rules::IssueLimits;
    use std::path::{Path, PathBuf};

    /// A fresh, empty folder for one test's files.
    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("oske-parallel-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn open(dir: &Path, size: Option<u64>) -> Vec<(String, Input<std::io::Empty>)> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|p| {
                let f = std::fs::File::open(&p).unwrap();
                let len = f.metadata().unwrap().len();
                let input = Input::File(std::io::BufReader::new(f), size.unwrap_or(len));
                (p.display().to_string(), input)
            })
            .collect()
    }

    fn shown(i: &Imported) -> (String, String, String, String) {
        (
            crate::json::to_string(&i.document),
            format!("{:#?}", i.issues),
            format!("{:#?}", i.tables),
            format!("{:#?}", i.source_map),
        )
    }

    /// Reads the files of `dir` on one thread (as a stream and as files) and on
    /// two, asserts that all three agree and gives the result.
    fn both_ways(dir: &Path, opts: &ReadOptions) -> Imported {
        assert!(worth(MIN_BYTES), "these tests need a second thread");
        let one = read_inputs(open(dir, Some(0)), opts, IssueLimits::default());
        let two = read_inputs(open(dir, Some(u64::MAX)), opts, IssueLimits::default());
        let streams: Vec<(String, std::io::BufReader<std::fs::File>)> = open(dir, Some(0))
            .into_iter()
            .map(|(n, i)| match i {
                Input::File(f, _) => (n, f),
                Input::Stream(_) => unreachable!(),
            })
            .collect();
        let stream = read_tables(streams, opts);
        assert_eq!(shown(&one), shown(&stream), "{}", dir.display());
        assert_eq!(shown(&one), shown(&two), "{}", dir.display());
        assert_eq!(one, two);
        two
    }

    /// A small fixed-seed generator (xorshift), so that a failure reproduces.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[(self.next() % from.len() as u64) as usize]
        }
        fn one_in(&mut self, n: u64) -> bool {
            self.next() % n == 0
        }
    }

    const HEADER: [&str; 19] = [
        "plan_id",
        "region",
        "id",
        "title_fi",
        "title_sv",
        "title_en",
        "kind",
        "priority",
        "service_areas",
        "start",
        "end",
        "dates",
        "schedule_note",
        "frequency_min",
        "frequency_per",
        "frequency_note",
        "partners",
        "status",
        "network",
    ];

    /// A cell as CSV: quoted when it holds a delimiter, quote or line break.
    fn cell(s: &str, d: u8) -> String {
        if s.bytes()
            .any(|b| b == d || b == b'"' || b == b'\n' || b == b'\r')
        {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    }

    /// A measures table of `rows` generated rows, good and bad, in delimiter `d`
    /// with line break `nl`.
    fn measures(rng: &mut Rng, rows: usize, d: u8, nl: &str) -> Vec<u8> {
        let sep = char::from(d).to_string();
        let mut out: Vec<u8> = Vec::new();
        out.extend_from_slice(HEADER.join(&sep).as_bytes());
        out.extend_from_slice(nl.as_bytes());
        for i in 0..rows {
            let id = if rng.one_in(20) {
                format!("m{}", i / 2)
            } else {
                format!("m{i}")
            };
            let title = match rng.next() % 8 {
                0 => format!("Toimenpide {i}{sep} työpaja"),
                1 => format!("Toimenpide {i}\ntoinen rivi"),
                2 => format!("Toimenpide {i}\r\n\"lainaus\" ja{sep}erotin"),
                3 => format!("'=SUM({i})"),
                4 => String::new(),
                _ => format!("Toimenpide {i}: työpaja ja verkostotapaaminen"),
            };
            let mut cells: Vec<String> = vec![
                rng.pick(
                    &["sonet-botnia-plan-2020"; 18]
                        .iter()
                        .copied()
                        .chain(["other-plan", ""])
                        .collect::<Vec<_>>(),
                )
                .to_owned(),
                rng.pick(&["16", "15", "14", "16", "Vaasa", "999", ""])
                    .to_owned(),
                id,
                title,
                rng.pick(&["", "Åtgärd", "Åtgärd\nmed rad"]).to_owned(),
                rng.pick(&["Measure", "", "Measure; with \"quotes\""])
                    .to_owned(),
                rng.pick(&["other", "network", "statement", "bogus"])
                    .to_owned(),
                rng.pick(&["p1", "p4", "p2", "p99", ""]).to_owned(),
                rng.pick(&[
                    "family_law|adult_social_work",
                    "",
                    "disability_services",
                    "nope",
                ])
                .to_owned(),
                rng.pick(&["1.10.2020", "2020-03-01", "31.2.2020", "", "1.3.2020"])
                    .to_owned(),
                rng.pick(&["14.11.2020", "2020-04-26", "x", ""]).to_owned(),
                rng.pick(&["", "2020-03-15", "15.3.2020|x"]).to_owned(),
                rng.pick(&["", "syksy 2020"]).to_owned(),
                rng.pick(&["", "2", "1,5", "x", "1.234"]).to_owned(),
                rng.pick(&["", "month", "bogus", "year"]).to_owned(),
                rng.pick(&["", "kerran"]).to_owned(),
                rng.pick(&["Vaasan yliopisto", "THL|Vaasan yliopisto", ""])
                    .to_owned(),
                rng.pick(&["ongoing", "planned", "", "zzz"]).to_owned(),
                String::new(),
            ];
            if rng.one_in(40) {
                cells.truncate(15);
            } else if rng.one_in(40) {
                cells.push("extra".to_owned());
            }
            let mut line: Vec<u8> = cells
                .iter()
                .map(|c| cell(c, d))
                .collect::<Vec<_>>()
                .join(&sep)
                .into_bytes();
            if rng.one_in(50) {
                // A stray quote inside an unquoted cell.
                line.splice(0..0, b"ab\"c".iter().copied());
            }
            if rng.one_in(50) {
                // Invalid UTF-8 in a cell.
                line.extend_from_slice(b"\xFF\xFE");
            }
            out.extend_from_slice(&line);
            out.extend_from_slice(nl.as_bytes());
            if rng.one_in(30) {
                // A blank line.
                out.extend_from_slice(nl.as_bytes());
            }
        }
        out
    }

    /// The seed plan's other tables in `dialect`, with `measures` as its measures.
    fn write(dir: &Path, dialect: &Dialect, measures: &[u8]) {
        let doc = Dataset::SonetBotniaPlan2020.document();
        for (file, bytes) in write_tables(&doc, dialect) {
            if file != "measures.csv" {
                std::fs::write(dir.join(file), bytes).unwrap();
            }
        }
        std::fs::write(dir.join("measures.csv"), measures).unwrap();
    }

    #[test]
    fn generated_measures_read_the_same_on_two_threads() {
        let cases: [(&Dialect, &str, DecimalMark); 5] = [
            (&Dialect::STANDARD, "\n", DecimalMark::Auto),
            (&Dialect::STANDARD, "\r\n", DecimalMark::Point),
            (&Dialect::EXCEL_FI, "\r\n", DecimalMark::Comma),
            (&Dialect::EXCEL_FI, "\n", DecimalMark::Auto),
            (&Dialect::STANDARD, "\r", DecimalMark::Auto),
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut loaded = 0;
        let mut issues = 0;
        for (k, (dialect, nl, decimal)) in cases.iter().enumerate() {
            for rows in [0, 1, 2, 3, 4, 7, 200, 1500] {
                let dir = folder(&format!("gen-{k}-{rows}"));
                let mut bytes = Vec::new();
                if dialect.bom {
                    bytes.extend_from_slice(b"\xEF\xBB\xBF");
                }
                bytes.extend(measures(&mut rng, rows, dialect.delimiter, nl));
                if rows == 7 {
                    // Ends inside a quoted field.
                    bytes.extend_from_slice(b"sonet-botnia-plan-2020,16,m9999,\"open");
                }
                write(&dir, dialect, &bytes);
                let opts = ReadOptions {
                    decimal: *decimal,
                    ..Default::default()
                };
                let got = both_ways(&dir, &opts);
                loaded += got.tables.iter().map(|t| t.loaded).sum::<u64>();
                issues += got.issues.len();
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
        // The inputs load rows and find problems of many kinds.
        assert!(loaded > 1000, "{loaded}");
        assert!(issues > 3000, "{issues}");
    }

    #[test]
    fn legacy_encoding_switching_midway_reads_the_same_on_two_threads() {
        let mut rng = Rng(7);
        let text = measures(&mut rng, 1500, b',', "\r\n");
        // Windows-1252: "ä" is 0xE4 from the first row on; an en dash (0x96) past
        // the first 64 KiB turns the detected ISO-8859-1 into Windows-1252.
        let mut bytes: Vec<u8> = String::from_utf8_lossy(&text)
            .chars()
            .map(|c| match c {
                'ä' => 0xE4,
                'ö' => 0xF6,
                'Å' => 0xC5,
                c if c.is_ascii() => c as u8,
                _ => b'?',
            })
            .collect();
        let at = bytes.len() - 100;
        bytes.insert(at, 0x96);
        let dir = folder("legacy");
        write(&dir, &Dialect::STANDARD, &bytes);
        let got = both_ways(&dir, &ReadOptions::default());
        let m = got
            .tables
            .iter()
            .find(|t| t.table == Some("measures"))
            .unwrap();
        assert_eq!(m.encoding, super::super::Encoding::Windows1252);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn seed_datasets_read_the_same_on_two_threads() {
        for d in Dataset::ALL {
            for (k, dialect) in [Dialect::STANDARD, Dialect::EXCEL_FI].iter().enumerate() {
                let dir = folder(&format!("seed-{}-{k}", d.name()));
                for (file, bytes) in write_tables(&d.document(), dialect) {
                    std::fs::write(dir.join(file), bytes).unwrap();
                }
                let got = both_ways(&dir, &ReadOptions::default());
                assert_eq!(got.document, d.document(), "{}", d.name());
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }

    /// A large folder (`OSKE_BIG_FOLDER`, such as the 200 000-row one of
    /// `bindings-python/bench`): `read_folder`, which reads its measures on two
    /// threads, against the one-thread read. Run by hand:
    /// `OSKE_BIG_FOLDER=/tmp/botnia cargo test -p oske --lib parallel -- --ignored`.
    #[test]
    #[ignore = "needs a large folder in OSKE_BIG_FOLDER"]
    fn a_large_folder_reads_the_same_on_two_threads() {
        let dir = PathBuf::from(std::env::var("OSKE_BIG_FOLDER").expect("OSKE_BIG_FOLDER"));
        let opts = ReadOptions::default();
        let folder = super::super::read_folder(&dir, &opts).unwrap();
        let csv: Vec<_> = open(&dir, Some(0))
            .into_iter()
            .filter(|(n, _)| n.ends_with(".csv"))
            .collect();
        let one = read_inputs(csv, &opts, IssueLimits::default());
        assert!(one.tables.iter().any(|t| t.loaded >= 100_000));
        assert_eq!(shown(&one), shown(&folder));
        assert_eq!(one, folder);
    }
}
