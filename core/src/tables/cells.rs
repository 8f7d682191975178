//! Small helpers shared by the CSV and workbook readers: spreadsheet column letters,
//! and the note a table checked on its own carries.

use crate::rules::{Issue, Rule, SourceLocation};

/// The spreadsheet letters of a 1-based column: 1 → `A`, 26 → `Z`, 27 → `AA`.
///
/// ```
/// assert_eq!(oske::tables::column_letters(1), "A");
/// assert_eq!(oske::tables::column_letters(28), "AB");
/// assert_eq!(oske::tables::column_letters(16384), "XFD");
/// ```
pub fn column_letters(column: u64) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The columns whose references a table checked alone cannot check.
pub fn unchecked_reference_kinds(table: &str) -> &'static [&'static str] {
    match table.strip_suffix(".csv").unwrap_or(table) {
        // plan_id: the plan; region: its section; priority and network: ids
        // defined in priorities.csv and networks.csv.
        "measures" => &["plan_id", "region", "priority", "network"],
        _ => &[],
    }
}

/// The `csv.unchecked-references` note for `file`, read alone as `table`: which
/// references to other tables could not be checked.
pub fn unchecked_references(file: &str, table: &str) -> Issue {
    let mut i = Issue::new(Rule::CsvUncheckedReferences, "").arg(
        "refs",
        unchecked_reference_kinds(table)
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", "),
    );
    i.location = Some(SourceLocation {
        file: Some(file.to_owned()),
        ..Default::default()
    });
    i
}
