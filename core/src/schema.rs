//! JSON Schemas (draft 2020-12) of the formats oske reads and writes, generated
//! from the Rust types with `schemars` (feature `schema`).
//!
//! - [`document_schema`]: the document format (`format_version` 1), as
//!   [`json::from_str`](crate::json::from_str) reads it. `docs/schema/document.schema.json`
//!   holds exactly this text (a test fails when they drift).
//! - [`report_schema`]: the `--json` output of the `oske` command, a list of
//!   [`IssueRecord`](crate::IssueRecord)s (`docs/schema/report.schema.json`).
//! - [`registry_schema`]: the registry format (`format_version` 1 or 2), as
//!   [`Registry::from_json`](crate::Registry::from_json) reads it
//!   (`docs/schema/registry.schema.json`). The registry reader refuses fields it does
//!   not know, so this schema does too (`additionalProperties: false`); what
//!   `Registry::from_data` checks across entries (overlaps, unknown codes, cycles)
//!   is beyond a schema.
//!
//! What the schema checks is what the loader needs to read a document: every
//! value's type, required fields, code-list values, the shape of dates. A
//! document that loads satisfies the schema; a document the schema accepts loads,
//! except for dates that do not exist in the calendar but fit the pattern (29.2.
//! of a year that is not a leap year). Fields the format does not define are
//! allowed by the schema, as the loader reads past them (with a
//! `json.unknown-field` warning); a top-level `$schema` is not reported.
//! The rulebook (cross-references, sums, the registry) is the validator's job,
//! not the schema's.
//!
//! ```
//! let schema = oske::schema::document_schema();
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["properties"]["format_version"]["const"], 1);
//! ```

use crate::document::{Document, FORMAT_VERSION};
use crate::registry::{RegistryData, REGISTRY_FORMAT_VERSION};
use crate::rules::{IssueRecord, Rule};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Value};
use std::borrow::Cow;

/// The pattern a date string must match: ISO 8601 (`2020-01-31`) or Finnish
/// (`31.1.2020`), with surrounding white space allowed, and no day the month
/// cannot have (a 29th of February is allowed in any year).
pub const DATE_PATTERN: &str = concat!(
    r"^\s*(?:",
    // ISO 8601: yyyy-mm-dd
    r"\d{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2\d)|(?:0[13-9]|1[0-2])-30|(?:0[13578]|1[02])-31)",
    "|",
    // Finnish: d.m.yyyy, leading zeros optional
    r"(?:(?:0?[1-9]|1\d|2\d)\.(?:0?[1-9]|1[0-2])|30\.(?:0?[13-9]|1[0-2])|31\.(?:0?[13578]|1[02]))\.\d{4}",
    r")\s*$"
);

/// The schema of a date in the document format (used through `schemars(with)`).
pub struct DateText;

impl JsonSchema for DateText {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "A date, ISO 8601 (2020-01-31) or Finnish d.m.yyyy (31.1.2020). oske writes ISO 8601.",
            "examples": ["2020-01-31", "31.1.2020"]
        })
    }
}

fn generator() -> SchemaGenerator {
    schemars::generate::SchemaSettings::draft2020_12().into_generator()
}

/// The JSON Schema of the document format.
pub fn document_schema() -> Value {
    let mut schema = generator().into_root_schema_for::<Document>().to_value();
    let root = &mut schema;
    root["title"] = json!("oske document");
    root["description"] = json!(format!(
        "An oske document (format_version {FORMAT_VERSION}): action plans, development projects, \
         networks, evaluations, consultation programmes and activity reports of Finland's social \
         welfare competence centres. Generated from the Rust types of the crate `oske`."
    ));
    if let Some(props) = root["properties"].as_object_mut() {
        // The loader reads only this version; say so, and let editors find the schema.
        props.insert(
            "format_version".into(),
            json!({"description": "The format version: 1.", "const": FORMAT_VERSION}),
        );
        props.insert(
            "$schema".into(),
            json!({
                "type": "string",
                "description": "The schema the document claims to follow (for editors); the loader ignores it."
            }),
        );
    }
    schema
}

/// The JSON Schema of the `--json` report of the `oske` command: a list of issues.
pub fn report_schema() -> Value {
    let mut schema = generator()
        .into_root_schema_for::<Vec<IssueRecord>>()
        .to_value();
    schema["title"] = json!("oske report");
    schema["description"] = json!(
        "The issues `oske validate --json` prints for one input (one such list per file): \
         the rule's stable code, its severity, a JSON Pointer, the message in the chosen \
         language and, when known, the place in the source file."
    );
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    if let Some(code) = schema
        .pointer_mut("/$defs/IssueRecord/properties/code")
        .and_then(Value::as_object_mut)
    {
        code.insert("enum".into(), json!(codes));
    }
    schema
}

/// Sets `additionalProperties: false` on every object schema that lists properties
/// and says nothing about others.
fn close_objects(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), json!(false));
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// The JSON Schema of the registry format.
pub fn registry_schema() -> Value {
    let mut schema = generator()
        .into_root_schema_for::<RegistryData>()
        .to_value();
    close_objects(&mut schema);
    schema["title"] = json!("oske registry");
    schema["description"] = json!(format!(
        "An oske registry (format_version 1 to {REGISTRY_FORMAT_VERSION}): regions, wellbeing \
         services counties, cooperation areas, municipalities, competence centres and \
         populations of Finland with validity dates, and their sources. Generated from the \
         Rust types of the crate `oske`."
    ));
    if let Some(props) = schema["properties"].as_object_mut() {
        let versions: Vec<u32> = (1..=REGISTRY_FORMAT_VERSION).collect();
        props.insert(
            "format_version".into(),
            json!({
                "description": "The format version: 1 or 2 (absent means 1); oske writes 2.",
                "enum": versions,
                "default": 1
            }),
        );
    }
    schema
}

/// The schemas and the files under `docs/schema/` that hold them.
pub fn files() -> Vec<(&'static str, Value)> {
    vec![
        ("document.schema.json", document_schema()),
        ("registry.schema.json", registry_schema()),
        ("report.schema.json", report_schema()),
    ]
}

/// A schema as its file holds it: pretty-printed, with a final newline.
pub fn to_file_text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}
