//! `--json` output against docs/schema/report.schema.json: every key a record has is
//! one the schema names, every required key is there, and types and enums agree.
//! (A small checker for the keywords the schema uses, so no schema crate is needed.)

use serde_json::Value;
use std::process::Command;

fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/schema/report.schema.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn check(value: &Value, s: &Value, root: &Value, at: &str) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return check(value, &root["$defs"][name], root, at);
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        assert!(e.contains(value), "{at}: {value} not in {e:?}");
    }
    match s.get("type").and_then(Value::as_str) {
        Some("array") => {
            for (i, v) in value.as_array().expect(at).iter().enumerate() {
                check(v, &s["items"], root, &format!("{at}/{i}"));
            }
        }
        Some("object") => {
            let o = value
                .as_object()
                .unwrap_or_else(|| panic!("{at}: not an object"));
            for r in s["required"].as_array().into_iter().flatten() {
                assert!(o.contains_key(r.as_str().unwrap()), "{at}: no {r}");
            }
            let props = s["properties"].as_object().unwrap();
            for (k, v) in o {
                let p = props
                    .get(k)
                    .unwrap_or_else(|| panic!("{at}: {k} not in the schema"));
                check(v, p, root, &format!("{at}/{k}"));
            }
        }
        Some("string") => {
            assert!(value.is_string(), "{at}: not a string");
        }
        Some("integer") => {
            let n = value
                .as_u64()
                .unwrap_or_else(|| panic!("{at}: not an integer"));
            if let Some(min) = s.get("minimum").and_then(Value::as_u64) {
                assert!(n >= min, "{at}");
            }
        }
        _ => {}
    }
}

fn json_of(args: &[&str]) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_oske"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn json_output_follows_the_schema() {
    let root = schema();
    let fixtures = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../core/tests/fixtures/spreadsheets"
    );
    let conformance = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/tables-conformance"
    );
    let mut records = 0;
    for args in [
        vec!["--json".to_string()],
        vec![
            "validate".into(),
            format!("{fixtures}/openpyxl-errors.xlsx"),
            format!("{conformance}/csv-bad-date/input"),
            format!("{conformance}/csv-windows-1252/input"),
            "--json".into(),
            "--lang".into(),
            "sv".into(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = json_of(&args);
        check(&v, &root, &root, "");
        records += v.as_array().unwrap().len();
    }
    assert!(records >= 9, "{records}");
}
