//! The folder as a Frictionless Data Package: `datapackage.json`, with a Table
//! Schema for each table, derived from the one layout in [`schema`](super::schema).
//!
//! [`write_folder`](super::write_folder) writes it beside the tables; it describes
//! exactly the files written, in the dialect they were written in (delimiter, line
//! ends, decimal mark, date format), so that Frictionless tools (`frictionless
//! validate datapackage.json`) check the folder: types, required values, code
//! lists, primary keys (the ids the validator's `id.duplicate` keeps unique) and
//! foreign keys (the parent-id columns and the references that are certainly
//! resolvable). [`read_folder`](super::read_folder) reads a folder by its
//! `datapackage.json` when one is present: each resource's `path` is read as the
//! table its `name` (or file name) stands for.

use super::schema::{self, Column, TableSchema, ValueKind};
use super::value::Dialect;
use serde_json::{json, Map, Value};

/// The file name of the descriptor.
pub const DATAPACKAGE: &str = "datapackage.json";

/// A primary key (column names) per table, as the validator keeps ids unique
/// (`id.duplicate`: ids unique per kind, priorities per plan, organisations and
/// teams per project, indicators per evaluation) and the reader keeps sections
/// unique per plan and region.
fn primary_key(table: &str) -> &'static [&'static str] {
    match table {
        "action_plans"
        | "measures"
        | "special_tasks"
        | "projects"
        | "networks"
        | "meetings"
        | "evaluations"
        | "consultation_programmes"
        | "consultations"
        | "activity_reports" => &["id"],
        "sections" => &["plan_id", "region"],
        "priorities" => &["plan_id", "id"],
        "organisations" | "teams" => &["project_id", "id"],
        "indicators" => &["evaluation_id", "id"],
        _ => &[],
    }
}

/// A foreign key: `(fields, referenced table, referenced fields)`.
type ForeignKey = (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

/// Foreign keys per table. A key with a column that may be empty is a single
/// column (Frictionless checks a composite key whose cells are partly empty, and
/// would reject a measure without a priority); such a key checks that the id exists
/// somewhere in the referenced table.
fn foreign_keys(table: &str) -> &'static [ForeignKey] {
    const PLAN: ForeignKey = (&["plan_id"], "action_plans", &["id"]);
    const PROJECT: ForeignKey = (&["project_id"], "projects", &["id"]);
    const REPORT: ForeignKey = (&["report_id"], "activity_reports", &["id"]);
    match table {
        "plan_values" | "population_parts" | "sections" | "revisions" => &[PLAN],
        "priorities" => &[PLAN, (&["maps_to"], "priorities", &["id"])],
        "measures" => &[
            PLAN,
            (&["priority"], "priorities", &["id"]),
            (&["network"], "networks", &["id"]),
        ],
        "special_tasks" => &[
            PLAN,
            (
                &["consultation_programme"],
                "consultation_programmes",
                &["id"],
            ),
        ],
        "special_task_content" => &[(&["special_task_id"], "special_tasks", &["id"])],
        "approvals" => &[PLAN, (&["special_task_id"], "special_tasks", &["id"])],
        "phases" | "objectives" | "contributions" => &[PROJECT],
        "organisations" | "teams" => &[PROJECT],
        "team_listings" => &[
            PROJECT,
            (&["project_id", "team_id"], "teams", &["project_id", "id"]),
        ],
        "funding_sources" => &[PROJECT, (&["funder"], "organisations", &["id"])],
        "meetings" => &[(&["network_id"], "networks", &["id"])],
        "indicators" => &[(&["evaluation_id"], "evaluations", &["id"])],
        "consultations" => &[(&["programme_id"], "consultation_programmes", &["id"])],
        "priority_areas" | "report_activities" => &[REPORT],
        _ => &[],
    }
}

/// The Finnish and Swedish names of a column, as a field title (`alku / början`).
/// The aliases list the Finnish name first and the Swedish name last; a column
/// with one alias has the English name in Swedish too (`tunniste / id`).
pub(crate) fn field_title(c: &Column) -> String {
    let fi = c.aliases.first().copied().unwrap_or(c.name);
    let sv = if c.aliases.len() >= 2 {
        c.aliases[c.aliases.len() - 1]
    } else {
        c.name
    };
    format!("{} / {}", fi.replace('_', " "), sv.replace('_', " "))
}

fn decimal(field: &mut Map<String, Value>, d: &Dialect) {
    if d.decimal_comma {
        field.insert("decimalChar".into(), json!(","));
    }
    if d.group_thousands {
        field.insert("groupChar".into(), json!("\u{a0}"));
    }
}

/// The Table Schema field of one column, in `dialect`.
fn field(c: &Column, d: &Dialect) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), json!(c.name));
    f.insert("title".into(), json!(field_title(c)));
    f.insert("description".into(), json!(c.about));
    let mut constraints = Map::new();
    if c.required {
        constraints.insert("required".into(), json!(true));
    }
    let ty = match c.kind {
        ValueKind::Id | ValueKind::Ref(_) | ValueKind::Code(_) | ValueKind::Text => "string",
        ValueKind::Integer => "integer",
        ValueKind::Money | ValueKind::Percent | ValueKind::Number => {
            decimal(&mut f, d);
            "number"
        }
        ValueKind::Date => {
            if d.finnish_dates {
                f.insert("format".into(), json!("%d.%m.%Y"));
            }
            "date"
        }
        ValueKind::Bool => {
            f.insert("trueValues".into(), json!(["true"]));
            f.insert("falseValues".into(), json!(["false"]));
            "boolean"
        }
        ValueKind::Enum(v) => {
            let names: Vec<&str> = v.terms.iter().map(|(n, _)| *n).collect();
            constraints.insert("enum".into(), json!(names));
            "string"
        }
        ValueKind::List(item) => {
            if let ValueKind::Enum(v) = item {
                let names: Vec<&str> = v.terms.iter().map(|(n, _)| *n).collect();
                let one = format!("(?:{})", names.join("|"));
                constraints.insert("pattern".into(), json!(format!(r"{one}(?:\|{one})*")));
            }
            "string"
        }
    };
    if c.name == "format_version" {
        constraints.insert("enum".into(), json!([crate::FORMAT_VERSION]));
    }
    f.insert("type".into(), json!(ty));
    if !constraints.is_empty() {
        f.insert("constraints".into(), Value::Object(constraints));
    }
    Value::Object(f)
}

/// The Table Schema of one table; foreign keys only to tables in `present`.
fn table_schema(t: &TableSchema, d: &Dialect, present: &[&str]) -> Value {
    let mut s = Map::new();
    let fields: Vec<Value> = t.columns.iter().map(|c| field(c, d)).collect();
    s.insert("fields".into(), json!(fields));
    // Frictionless reads an empty cell as missing (no value), as oske does.
    s.insert("missingValues".into(), json!([""]));
    let pk = primary_key(t.name());
    if !pk.is_empty() {
        s.insert("primaryKey".into(), json!(pk));
    }
    let fks: Vec<Value> = foreign_keys(t.name())
        .iter()
        .filter(|(_, table, _)| present.contains(table))
        .map(|(fields, table, refs)| {
            json!({
                "fields": fields,
                "reference": {
                    "resource": if *table == t.name() { "" } else { *table },
                    "fields": refs,
                },
            })
        })
        .collect();
    if !fks.is_empty() {
        s.insert("foreignKeys".into(), json!(fks));
    }
    Value::Object(s)
}

/// The CSV dialect description of a Data Package resource.
fn csv_dialect(d: &Dialect) -> Value {
    json!({
        "delimiter": char::from(d.delimiter).to_string(),
        "lineTerminator": if d.crlf { "\r\n" } else { "\n" },
        "quoteChar": "\"",
        "doubleQuote": true,
        "header": true,
    })
}

/// `datapackage.json` for the table files `files` (names as the layout writes them,
/// `measures.csv`) written in `dialect`; `title` is the document's title.
pub fn datapackage(files: &[&str], dialect: &Dialect, title: Option<&str>) -> Value {
    let tables: Vec<&TableSchema> = schema::TABLES
        .iter()
        .filter(|t| files.contains(&t.file))
        .collect();
    let present: Vec<&str> = tables.iter().map(|t| t.name()).collect();
    let resources: Vec<Value> = tables
        .iter()
        .map(|t| {
            json!({
                "name": t.name(),
                "path": t.file,
                "profile": "tabular-data-resource",
                "description": t.about,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": if dialect.bom { "utf-8-sig" } else { "utf-8" },
                "dialect": csv_dialect(dialect),
                "schema": table_schema(t, dialect, &present),
            })
        })
        .collect();
    let mut p = Map::new();
    p.insert("profile".into(), json!("tabular-data-package"));
    p.insert("name".into(), json!("oske-document"));
    if let Some(title) = title {
        p.insert("title".into(), json!(title));
    }
    p.insert(
        "description".into(),
        json!(format!(
            "An oske document (format_version {}) as CSV tables: one table per entity kind, \
             joined by parent ids. Layout: docs/tables.md of the oske project.",
            crate::FORMAT_VERSION
        )),
    );
    p.insert("resources".into(), json!(resources));
    Value::Object(p)
}

/// A resource of a `datapackage.json` being read: the table it stands for (when
/// it names one) and its path as given.
pub(crate) struct Resource {
    pub name: String,
    pub path: Option<String>,
    pub table: Option<&'static TableSchema>,
}

/// The resources of a `datapackage.json` text; an error says what is wrong.
pub(crate) fn resources(text: &str) -> Result<Vec<Resource>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let list = v
        .get("resources")
        .and_then(Value::as_array)
        .ok_or_else(|| "it has no list of \"resources\"".to_string())?;
    Ok(list
        .iter()
        .map(|r| {
            let name = r.get("name").and_then(Value::as_str).unwrap_or_default();
            let path = r.get("path").and_then(Value::as_str).map(str::to_owned);
            let by_name = (!name.is_empty())
                .then(|| schema::table_for_file(name))
                .flatten();
            let table = by_name.or_else(|| {
                path.as_deref()
                    .map(|p| p.rsplit('/').next().unwrap_or(p))
                    .and_then(schema::table_for_file)
            });
            Resource {
                name: name.to_owned(),
                path,
                table,
            }
        })
        .collect())
}

/// True when a resource path is a plain relative path inside the folder (no URL,
/// no absolute path, no `..`), as the Data Package specification requires.
pub(crate) fn is_safe_path(p: &str) -> bool {
    !p.is_empty()
        && !p.contains("://")
        && !p.starts_with('/')
        && !p.starts_with('\\')
        && !p.contains(':')
        && p.split(['/', '\\']).all(|s| s != ".." && !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_columns_of_their_tables() {
        for t in schema::TABLES {
            let has = |table: &str, c: &str| {
                schema::TABLES
                    .iter()
                    .find(|x| x.name() == table)
                    .is_some_and(|x| x.columns.iter().any(|col| col.name == c))
            };
            for c in primary_key(t.name()) {
                assert!(has(t.name(), c), "{} pk {c}", t.name());
            }
            for (fields, table, refs) in foreign_keys(t.name()) {
                assert_eq!(fields.len(), refs.len());
                for c in *fields {
                    assert!(has(t.name(), c), "{} fk {c}", t.name());
                }
                for c in *refs {
                    assert!(has(table, c), "{} fk -> {table}.{c}", t.name());
                }
                // The referenced fields are the referenced table's primary key or its id.
                assert!(primary_key(table) == *refs || *refs == ["id"], "{table}");
            }
        }
    }

    #[test]
    fn titles_are_finnish_then_swedish() {
        let measures = schema::table_for_file("measures.csv").unwrap();
        let title =
            |name: &str| field_title(measures.columns.iter().find(|c| c.name == name).unwrap());
        assert_eq!(title("start"), "alku / början");
        assert_eq!(title("kind"), "laji / typ");
        assert_eq!(title("id"), "tunniste / id");
        assert_eq!(title("title_sv"), "otsikko sv / titel sv");
    }

    #[test]
    fn unsafe_paths_are_refused() {
        assert!(is_safe_path("measures.csv"));
        assert!(is_safe_path("data/toimenpiteet.csv"));
        for p in [
            "",
            "/etc/passwd",
            "../x.csv",
            "a/../../x.csv",
            "https://example.org/x.csv",
            "C:\\x.csv",
            "a//b.csv",
        ] {
            assert!(!is_safe_path(p), "{p}");
        }
    }
}
