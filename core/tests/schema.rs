//! `docs/schema/*.schema.json` must be exactly the schemas `oske::schema` generates
//! from the Rust types. When they drift this test fails and says how to update them:
//! `OSKE_BLESS=1 cargo test -p oske --features schema --test schema` rewrites them.
//! (Every seed dataset and conformance vector is validated against them with an
//! independent validator, Python's `jsonschema`, in bindings-python/tests/test_schema.py.)

use std::path::{Path, PathBuf};

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("docs")
        .join("schema")
}

#[test]
fn docs_schema_files_are_the_generated_schemas() {
    let dir = schema_dir();
    let bless = std::env::var_os("OSKE_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (file, schema) in oske::schema::files() {
        let path = dir.join(file);
        let expected = oske::schema::to_file_text(&schema);
        if bless {
            std::fs::create_dir_all(&dir).expect("create docs/schema");
            std::fs::write(&path, &expected)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            eprintln!("OSKE_BLESS=1: wrote {}", path.display());
            continue;
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        if actual != expected {
            let line = actual
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .map_or(
                    actual.lines().count().min(expected.lines().count()) + 1,
                    |i| i + 1,
                );
            stale.push(format!(
                "{} (first difference at line {line})",
                path.display()
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "not the schemas the code generates: {stale:?}\nRegenerate them with:\n  \
         OSKE_BLESS=1 cargo test -p oske --features schema --test schema"
    );
}

#[test]
fn the_document_schema_is_2020_12_and_fixes_the_version() {
    let s = oske::schema::document_schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["required"], serde_json::json!(["format_version"]));
    assert_eq!(s["properties"]["format_version"]["const"], 1);
    assert_eq!(s["properties"]["$schema"]["type"], "string");
    // Dates are strings of either form; code lists are closed.
    assert_eq!(s["$defs"]["Date"]["pattern"], oske::schema::DATE_PATTERN);
    let kind = &s["$defs"]["MeasureKind"];
    assert!(kind.to_string().contains("\"network\""), "{kind}");
    // Money is integer cents.
    assert_eq!(
        s["$defs"]["Budget"]["properties"]["total"]["$ref"],
        "#/$defs/Cents"
    );
    assert_eq!(s["$defs"]["Cents"]["type"], "integer");
}

#[test]
fn the_report_schema_lists_every_rule_code() {
    let s = oske::schema::report_schema();
    assert_eq!(s["type"], "array");
    let codes = &s["$defs"]["IssueRecord"]["properties"]["code"]["enum"];
    assert_eq!(
        codes.as_array().map(Vec::len),
        Some(oske::Rule::ALL.len()),
        "{codes}"
    );
    assert!(codes.to_string().contains("\"team.area-overlap\""));
    let severities: Vec<&str> = s["$defs"]["Severity"]["oneOf"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["const"].as_str())
        .collect();
    assert_eq!(severities, ["error", "warning", "info"]);
}

#[test]
fn the_registry_schema_is_closed_and_reads_versions_1_and_2() {
    let s = oske::schema::registry_schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(
        s["properties"]["format_version"]["enum"],
        serde_json::json!([1, 2])
    );
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(s["$defs"]["Municipality"]["additionalProperties"], false);
    assert_eq!(
        s["properties"]["$schema"]["type"],
        serde_json::json!(["string", "null"])
    );
    // A registry naming its schema reads, and keeps the name.
    let text = r#"{"$schema": "docs/schema/registry.schema.json", "format_version": 2,
        "regions": [{"code": "14", "name": {"fi": "Etelä-Pohjanmaa"}}]}"#;
    let r = oske::Registry::from_json(text).unwrap();
    assert_eq!(
        r.schema.as_deref(),
        Some("docs/schema/registry.schema.json")
    );
    // Any other field the format does not have is an error, as the schema says.
    let e = oske::Registry::from_json(r#"{"format_version": 2, "colour": "blue"}"#).unwrap_err();
    assert_eq!(e.kind, oske::JsonErrorKind::Data);
}
