//! Issues that validation finds in a document read from tables are placed at the
//! cell (file, sheet, line or row, column) their value was read from.

use oske::tables::{self, Imported, ReadOptions};
use oske::{Issue, Registry, SourceLocation};

const FILES: &[(&str, &str)] = &[
    (
        "action_plans.csv",
        "id,centre,title_fi,start,end\r\np1,sonet-botnia,Suunnitelma,1.1.2020,31.12.2021\r\n",
    ),
    (
        "measures.csv",
        "plan_id,region,id,title_fi,kind,start,end\r\n\
         p1,14,m1,T,workshop,,\r\n\
         p1,99,m2,U,workshop,,\r\n",
    ),
    (
        "projects.csv",
        "id,name_fi,start,end,budget_total\r\nP1,Hanke,1.1.2020,31.12.2022,1000\r\n",
    ),
    (
        "organisations.csv",
        "project_id,id,name_fi\r\nP1,o1,Org\r\n",
    ),
    (
        "funding_sources.csv",
        "project_id,scope,funder,amount\r\nP1,project,o1,900\r\n",
    ),
    (
        "teams.csv",
        "project_id,id,base_municipality,area_municipalities\r\nP1,T1,005,005|999|010\r\n",
    ),
    (
        "team_listings.csv",
        "project_id,team_id,source,municipalities\r\nP1,T1,Liite 1,005|998\r\n",
    ),
];

fn read() -> Imported {
    tables::read_tables(
        FILES
            .iter()
            .map(|(n, t)| (n.to_string(), t.as_bytes()))
            .collect(),
        &ReadOptions::default(),
    )
}

fn at(file: &str, line: u64, column: Option<(u64, &str)>) -> SourceLocation {
    SourceLocation {
        file: Some(file.to_owned()),
        line: Some(line),
        column: column.map(|c| c.0),
        field: column.map(|c| c.1.to_owned()),
        sheet: None,
    }
}

fn find<'a>(issues: &'a [Issue], code: &str, pointer: &str) -> &'a Issue {
    issues
        .iter()
        .find(|i| i.code() == code && i.pointer == pointer)
        .unwrap_or_else(|| panic!("no {code} at {pointer} in {issues:#?}"))
}

/// `(code, pointer, location)` of every issue, in report order.
fn shapes(issues: &[Issue]) -> Vec<(String, String, Option<SourceLocation>)> {
    issues
        .iter()
        .map(|i| (i.code().to_owned(), i.pointer.clone(), i.location.clone()))
        .collect()
}

#[test]
fn validation_issues_of_a_csv_folder_are_at_their_cells() {
    let imported = read();
    assert!(imported.issues.is_empty(), "{:#?}", imported.issues);
    let report = imported.validate(Registry::embedded());
    assert_eq!(
        shapes(&report.issues),
        vec![
            (
                "registry.unknown-code".into(),
                "/action_plans/0/sections/1/region".into(),
                // The section was brought in by the measure's region cell.
                Some(at("measures.csv", 3, Some((2, "region")))),
            ),
            (
                "registry.unknown-code".into(),
                "/projects/0/teams/0/area_municipalities/1".into(),
                Some(at("teams.csv", 2, Some((4, "area_municipalities")))),
            ),
            (
                "registry.unknown-code".into(),
                "/projects/0/teams/0/other_listings/0/municipalities/1".into(),
                Some(at("team_listings.csv", 2, Some((4, "municipalities")))),
            ),
            (
                "team.area-listings-disagree".into(),
                "/projects/0/teams/0/other_listings/0".into(),
                // The listing as a whole: its row.
                Some(at("team_listings.csv", 2, None)),
            ),
            (
                // The sum check names the row and cell that hold the total.
                "sum.budget-sources".into(),
                "/projects/0/budget/total".into(),
                Some(at("projects.csv", 2, Some((5, "budget_total")))),
            ),
        ]
    );
}

#[test]
fn a_lookup_takes_the_longest_prefix_and_the_longest_column_path() {
    let map = read().source_map;
    // A measure's own cells, by the column paths of measures.csv.
    assert_eq!(
        map.get("/action_plans/0/sections/0/measures/0/title/fi"),
        Some(at("measures.csv", 2, Some((4, "title_fi"))))
    );
    assert_eq!(
        map.get("/action_plans/0/sections/1/measures/0/kind"),
        Some(at("measures.csv", 3, Some((5, "kind"))))
    );
    // A value several columns fill: the first of them the header has.
    assert_eq!(
        map.get("/action_plans/0/title"),
        Some(at("action_plans.csv", 2, Some((3, "title_fi"))))
    );
    // A part of the project no column fills: the project's row.
    assert_eq!(
        map.get("/projects/0/budget/sources"),
        Some(at("projects.csv", 2, None))
    );
    // The funding source's own row, not the project's.
    assert_eq!(
        map.get("/projects/0/budget/sources/0/amount"),
        Some(at("funding_sources.csv", 2, Some((4, "amount"))))
    );
    // An implicit section's other parts: the row that brought it in, no cell of it.
    assert_eq!(
        map.get("/action_plans/0/sections/1/title"),
        Some(at("measures.csv", 3, None))
    );
    // Not from any row: nothing.
    assert_eq!(map.get("/networks/0"), None);
    assert_eq!(map.get(""), None);
    assert_eq!(map.get("/projects"), None);
    // Whole segments only: /projects/0 is not a prefix of /projects/01.
    assert_eq!(map.get("/projects/01/id"), None);
}

#[test]
fn an_issue_with_a_place_keeps_it() {
    let map = read().source_map;
    let mut issue = Issue::new(oske::Rule::SumBudgetSources, "/projects/0/budget/total");
    let kept = at("elsewhere.json", 7, None);
    issue.location = Some(kept.clone());
    map.locate(&mut issue);
    assert_eq!(issue.location, Some(kept));
}

#[test]
fn rejected_rows_leave_no_entry_for_the_next_row() {
    // The first team row is rejected (no id): the second one becomes team 0 and
    // its issues name line 3, not the rejected line 2.
    let mut files: Vec<(String, &[u8])> = FILES
        .iter()
        .filter(|(n, _)| *n != "teams.csv" && *n != "team_listings.csv")
        .map(|(n, t)| (n.to_string(), t.as_bytes()))
        .collect();
    let teams = "project_id,id,base_municipality,area_municipalities\r\n\
                 P1,,005,997\r\n\
                 P1,T2,005,005|996\r\n";
    files.push(("teams.csv".into(), teams.as_bytes()));
    let imported = tables::read_tables(files, &ReadOptions::default());
    assert_eq!(imported.rejected_count(), 1);
    let report = imported.validate(Registry::embedded());
    let i = find(
        &report.issues,
        "registry.unknown-code",
        "/projects/0/teams/0/area_municipalities/1",
    );
    assert_eq!(
        i.location,
        Some(at("teams.csv", 3, Some((4, "area_municipalities"))))
    );
}

#[test]
fn a_folder_names_its_files_by_path() {
    let dir = std::env::temp_dir().join(format!("oske-source-map-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (n, t) in FILES {
        std::fs::write(dir.join(n), t).unwrap();
    }
    let imported = tables::read_folder(&dir, &ReadOptions::default()).unwrap();
    let report = imported.validate(Registry::embedded());
    let i = find(
        &report.issues,
        "registry.unknown-code",
        "/projects/0/teams/0/area_municipalities/1",
    );
    let teams = dir.join("teams.csv").display().to_string();
    assert_eq!(
        i.location,
        Some(SourceLocation {
            file: Some(teams),
            ..at("", 2, Some((4, "area_municipalities")))
        })
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn records_in_memory_are_placed_by_row_position() {
    let mut teams = tables::Records::new([
        "project_id",
        "id",
        "base_municipality",
        "area_municipalities",
    ]);
    teams.push_row(["P1", "T1", "005", "005|999"]);
    let mut projects = tables::Records::new(["id", "start", "end"]);
    projects.push_row(["P1", "1.1.2020", "31.12.2022"]);
    let imported =
        tables::read_records(vec![("projects".into(), projects), ("teams".into(), teams)]);
    let report = imported.validate(Registry::embedded());
    let i = find(
        &report.issues,
        "registry.unknown-code",
        "/projects/0/teams/0/area_municipalities/1",
    );
    // Records name the row's 0-based position in `line`, as their reading issues do.
    assert_eq!(
        i.location,
        Some(at("teams", 0, Some((4, "area_municipalities"))))
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn validation_issues_of_a_workbook_are_at_their_sheet_cells() {
    // The same document, as a workbook of every column (the writer's layout).
    let doc = read().document;
    let bytes = tables::write_workbook(&doc, oske::Lang::Fi).unwrap();
    let imported =
        tables::read_workbook_bytes("book.xlsx", &bytes, None, &ReadOptions::default()).unwrap();
    assert!(imported.issues.is_empty(), "{:#?}", imported.issues);
    let report = imported.validate(Registry::embedded());
    let cell = |sheet: &str, row: u64, column: u64, field: &str| SourceLocation {
        file: Some("book.xlsx".into()),
        line: Some(row),
        column: Some(column),
        field: Some(field.into()),
        sheet: Some(sheet.into()),
    };
    let located: Vec<_> = shapes(&report.issues)
        .into_iter()
        .map(|(c, p, l)| (c, p, l.unwrap_or_default()))
        .collect();
    assert_eq!(
        located,
        vec![
            (
                "registry.unknown-code".into(),
                "/action_plans/0/sections/1/region".into(),
                // The writer gives every section a row of its own sheet.
                cell("alueosiot", 3, 2, "region"),
            ),
            (
                "registry.unknown-code".into(),
                "/projects/0/teams/0/area_municipalities/1".into(),
                cell("tiimit", 2, 7, "area_municipalities"),
            ),
            (
                "registry.unknown-code".into(),
                "/projects/0/teams/0/other_listings/0/municipalities/1".into(),
                cell("aluelistaukset", 2, 4, "municipalities"),
            ),
            (
                "team.area-listings-disagree".into(),
                "/projects/0/teams/0/other_listings/0".into(),
                SourceLocation {
                    file: Some("book.xlsx".into()),
                    line: Some(2),
                    sheet: Some("aluelistaukset".into()),
                    ..Default::default()
                },
            ),
            (
                "sum.budget-sources".into(),
                "/projects/0/budget/total".into(),
                cell("hankkeet", 2, 9, "budget_total"),
            ),
        ]
    );
}

#[test]
fn the_population_sum_is_at_the_plans_total_cell() {
    let plans = "id,centre,title_fi,start,end,population_date,population_total\r\n\
                 p1,sonet-botnia,S,1.1.2020,31.12.2021,31.12.2019,1000\r\n";
    let parts = "plan_id,area,population\r\np1,005,400\r\np1,009,500\r\n";
    let imported = tables::read_tables(
        vec![
            ("action_plans.csv".to_owned(), plans.as_bytes()),
            ("population_parts.csv".to_owned(), parts.as_bytes()),
        ],
        &ReadOptions::default(),
    );
    assert!(imported.issues.is_empty(), "{:#?}", imported.issues);
    let report = imported.validate(Registry::embedded());
    let sum = find(
        &report.issues,
        "sum.population",
        "/action_plans/0/population/total",
    );
    assert_eq!(
        sum.location,
        Some(at("action_plans.csv", 2, Some((7, "population_total"))))
    );
    // A part's figure: its own row and cell.
    assert_eq!(
        imported
            .source_map
            .get("/action_plans/0/population/parts/1/population"),
        Some(at("population_parts.csv", 3, Some((3, "population"))))
    );
}
