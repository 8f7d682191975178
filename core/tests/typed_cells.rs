//! The typed rows of the table mapping (`tables::table_rows`): every cell fits its
//! column, the CSV export's text is exactly those cells formatted, and the seed
//! values come out with their exact types and values.

use chrono::NaiveDate;
use oske::datasets::Dataset;
use oske::tables::{self, Cell, Dialect, TABLES};
use oske::{Bp, Cents, Document};

fn rows<'a>(doc: &'a Document, file: &str) -> Vec<Vec<Cell<'a>>> {
    let schema = TABLES.iter().find(|t| t.file == file).expect("a table");
    let mut out = Vec::new();
    tables::table_rows(doc, schema, |cells| out.push(cells.to_vec()));
    out
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

#[test]
fn every_cell_fits_its_column_and_formats_as_the_csv_export() {
    let mut docs: Vec<Document> = Dataset::ALL.iter().map(|d| d.document()).collect();
    docs.push(oske::datasets::all());
    let mut cells_seen = 0usize;
    for doc in &docs {
        for schema in TABLES {
            let typed = rows(doc, schema.file);
            let text = tables::table_cells(doc, schema);
            assert_eq!(typed.len(), text.len(), "{}", schema.file);
            for (r, (t, s)) in typed.iter().zip(&text).enumerate() {
                assert_eq!(t.len(), schema.columns.len(), "{} row {r}", schema.file);
                for ((cell, col), written) in t.iter().zip(schema.columns).zip(s) {
                    assert!(
                        cell.fits(&col.kind),
                        "{} row {r} column {}: {cell:?} is no {}",
                        schema.file,
                        col.name,
                        col.kind.describe()
                    );
                    assert_eq!(&cell.to_text(&Dialect::STANDARD), written);
                    cells_seen += 1;
                }
            }
        }
    }
    // The seeds fill most tables of the layout: the loop above is not vacuous.
    assert!(cells_seen > 5_000, "{cells_seen}");
}

#[test]
fn measures_of_the_botnia_seed_are_typed_values() {
    let doc = Dataset::SonetBotniaPlan2020.document();
    let rows = rows(&doc, "measures.csv");
    assert_eq!(rows.len(), 80);
    let schema = TABLES.iter().find(|t| t.file == "measures.csv").unwrap();
    let col = |name: &str| schema.columns.iter().position(|c| c.name == name).unwrap();
    let row = |id: &str| {
        rows.iter()
            .find(|r| r[col("id")] == Cell::Text(id))
            .unwrap_or_else(|| panic!("no measure {id}"))
    };

    // ep-5.1: one scheduled date, exactly once a year, a partner.
    let r = row("ep-5.1");
    assert_eq!(r[col("plan_id")], Cell::Text("sonet-botnia-plan-2020"));
    assert_eq!(r[col("region")], Cell::Text("14"));
    assert_eq!(r[col("kind")], Cell::Text("meeting"));
    assert_eq!(r[col("priority")], Cell::Text("p5"));
    assert_eq!(r[col("dates")], Cell::Dates(&[date(2020, 5, 7)]));
    assert_eq!(r[col("schedule_note")], Cell::Text("7.5.2020"));
    assert_eq!(r[col("frequency_min")], Cell::Int(1));
    assert_eq!(r[col("frequency_per")], Cell::Text("year"));
    assert_eq!(r[col("frequency_qualifier")], Cell::Text("exactly"));
    assert_eq!(
        r[col("partners")],
        Cell::Texts(&["sosiaalialan osaamiskeskusjohto".to_owned()])
    );
    assert_eq!(r[col("start")], Cell::Empty);
    assert_eq!(r[col("title_sv")], Cell::Empty);
    let Cell::Names(areas) = r[col("service_areas")] else {
        panic!("service areas: {:?}", r[col("service_areas")]);
    };
    assert!(areas.is_empty());

    // po-2.10: a period, three service areas, three instruments.
    let r = row("po-2.10");
    assert_eq!(r[col("start")], Cell::Date(date(2020, 1, 1)));
    assert_eq!(r[col("end")], Cell::Date(date(2020, 12, 31)));
    assert_eq!(r[col("status")], Cell::Text("ongoing"));
    let names = |c: &Cell<'_>| match c {
        Cell::Names(n) => n.iter().map(|s| s.into_owned()).collect::<Vec<_>>(),
        other => panic!("not names: {other:?}"),
    };
    assert_eq!(
        names(&r[col("service_areas")]),
        [
            "child_protection",
            "disability_services",
            "substance_abuse_and_mental_health"
        ]
    );
    assert_eq!(names(&r[col("instruments")]), ["sosdigi", "arvoa", "avain"]);
    assert_eq!(r[col("frequency_min")], Cell::Empty);
}

#[test]
fn money_and_percentages_are_cents_and_basis_points() {
    let doc = Dataset::LaplandUnit2008.document();
    let sources = rows(&doc, "funding_sources.csv");
    let amounts: Vec<(Cell<'_>, Cell<'_>)> = sources.iter().map(|r| (r[3], r[4])).collect();
    assert_eq!(
        amounts,
        [
            (Cell::Cents(Cents(137_115_200)), Cell::Empty),
            (Cell::Cents(Cents(45_705_200)), Cell::Empty),
            (Cell::Cents(Cents(14_200_000)), Cell::Percent(Bp(2_500))),
            (Cell::Cents(Cents(42_600_000)), Cell::Percent(Bp(7_500))),
        ]
    );
    let botnia = Dataset::SonetBotniaPlan2020.document();
    let special = rows(&botnia, "special_tasks.csv");
    assert_eq!(special.len(), 1);
    assert_eq!(special[0][3], Cell::Int(2020));
    assert_eq!(special[0][4], Cell::Percent(Bp(75)));
    assert_eq!(special[0][5], Cell::Empty);
}

#[test]
fn an_instrument_outside_the_list_is_written_other_name() {
    let mut doc = Dataset::SonetBotniaPlan2020.document();
    let m = &mut doc.action_plans[0].sections[0].measures[0];
    m.instruments = vec![
        oske::evaluation::Instrument::Avain,
        oske::evaluation::Instrument::Other("Kykyviisari|2".into()),
    ];
    let id = m.id.clone();
    let rows = rows(&doc, "measures.csv");
    let r = rows.iter().find(|r| r[2] == Cell::Text(&id)).unwrap();
    let Cell::Names(n) = r[20] else {
        panic!("{:?}", r[20])
    };
    assert_eq!(n.len(), 2);
    assert_eq!(
        n.iter().collect::<Vec<_>>(),
        ["avain", "other:Kykyviisari|2"]
    );
    // The text form escapes the separator inside an item.
    assert_eq!(
        r[20].to_text(&Dialect::STANDARD),
        "avain|other:Kykyviisari\\|2"
    );
}

#[test]
fn only_the_table_asked_for_is_handed_over() {
    let doc = oske::datasets::all();
    let mut n = 0;
    let schema = TABLES.iter().find(|t| t.file == "priorities.csv").unwrap();
    tables::table_rows(&doc, schema, |cells| {
        assert_eq!(cells.len(), schema.columns.len());
        n += 1;
    });
    assert_eq!(n, tables::table_cells(&doc, schema).len());
    assert!(n > 0);
}

#[test]
fn rows_in_a_range_are_the_same_rows_cut_and_the_count_is_the_tables() {
    let mut docs: Vec<Document> = Dataset::ALL.iter().map(|d| d.document()).collect();
    docs.push(oske::datasets::all());
    let mut cut_seen = 0usize;
    for doc in &docs {
        for schema in TABLES {
            let all = rows(doc, schema.file);
            assert_eq!(tables::table_len(doc, schema), all.len(), "{}", schema.file);
            let n = all.len();
            // Every split into two parts, and ranges past the end.
            for at in [0, 1, n / 3, n / 2, n.saturating_sub(1), n, n + 5] {
                let mut first = Vec::new();
                let mut second = Vec::new();
                let counted = tables::table_rows_in(doc, schema, 0..at, |c| first.push(c.to_vec()));
                assert_eq!(counted, n, "{} split at {at}", schema.file);
                tables::table_rows_in(doc, schema, at..usize::MAX, |c| second.push(c.to_vec()));
                assert_eq!(first.len(), at.min(n), "{} split at {at}", schema.file);
                first.extend(second);
                assert_eq!(first, all, "{} split at {at}", schema.file);
                cut_seen += usize::from(at > 0 && at < n);
            }
            let mut middle = Vec::new();
            tables::table_rows_in(doc, schema, 1..n.saturating_sub(1), |c| {
                middle.push(c.to_vec())
            });
            let expected = if n > 2 { &all[1..n - 1] } else { &all[..0] };
            assert_eq!(middle, expected, "{} middle", schema.file);
        }
    }
    // The measures of the seeds are split inside their sections.
    let botnia = Dataset::SonetBotniaPlan2020.document();
    let measures = TABLES.iter().find(|t| t.file == "measures.csv").unwrap();
    let mut ids = Vec::new();
    let n = tables::table_rows_in(&botnia, measures, 41..43, |c| ids.push(c[2]));
    assert_eq!(n, 80);
    assert_eq!(ids.len(), 2);
    assert_eq!(
        ids,
        [
            rows(&botnia, "measures.csv")[41][2],
            rows(&botnia, "measures.csv")[42][2]
        ]
    );
    assert!(cut_seen > 50, "{cut_seen}");
}

#[test]
fn rows_in_batches_are_the_same_rows_in_whole_rows() {
    let mut docs: Vec<Document> = Dataset::ALL.iter().map(|d| d.document()).collect();
    docs.push(oske::datasets::all());
    let mut split_batches = 0usize;
    for doc in &docs {
        for schema in TABLES {
            let width = schema.columns.len();
            let all = rows(doc, schema.file);
            let n = all.len();
            for batch in [0, 1, 2, 3, 7, 64, n.max(1), n + 1] {
                for range in [0..usize::MAX, 1..n.saturating_sub(1), n / 2..n] {
                    let mut got = Vec::new();
                    let mut calls = 0;
                    let counted =
                        tables::table_row_batches_in(doc, schema, range.clone(), batch, |c| {
                            assert_eq!(c.len() % width, 0, "{} batch {batch}", schema.file);
                            assert!(!c.is_empty(), "{} batch {batch}", schema.file);
                            assert!(
                                c.len() <= batch.max(1) * width,
                                "{} batch {batch}",
                                schema.file
                            );
                            got.extend(c.chunks(width).map(<[_]>::to_vec));
                            calls += 1;
                        });
                    assert_eq!(counted, n, "{} batch {batch}", schema.file);
                    let expected =
                        &all[range.start.min(n)..range.end.min(n).max(range.start.min(n))];
                    assert_eq!(
                        got, expected,
                        "{} batch {batch} rows {range:?}",
                        schema.file
                    );
                    // Full batches but the last one.
                    assert_eq!(
                        calls,
                        got.len().div_ceil(batch.max(1)),
                        "{} batch {batch}",
                        schema.file
                    );
                    split_batches += usize::from(calls > 1 && batch > 1);
                }
            }
        }
    }
    assert!(split_batches > 20, "{split_batches}");
}
