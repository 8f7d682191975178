//! Runs the cross-language conformance vectors in `tests/conformance/*.json` (the
//! format is described in `tests/README.md`) and asserts exact equality.

use oske::json::JsonError;
use oske::{Lang, Registry, Report, Rule};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance")
}

struct Vector {
    file: String,
    value: Value,
}

fn vectors() -> Vec<Vector> {
    let dir = vectors_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let value: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: not JSON: {e}", p.display()));
            Vector {
                file: p.file_name().unwrap().to_string_lossy().into_owned(),
                value,
            }
        })
        .collect()
}

const KEYS: [&str; 8] = [
    "name",
    "description",
    "registry",
    "document",
    "document_text",
    "expected",
    "expected_error",
    "lang_messages",
];

/// The outcome of one vector: what it loaded to, or the error.
enum Outcome {
    Loaded(Report),
    Failed(JsonError),
}

fn run(v: &Vector) -> Outcome {
    let f = &v.file;
    let obj = v
        .value
        .as_object()
        .unwrap_or_else(|| panic!("{f}: not an object"));
    for k in obj.keys() {
        assert!(KEYS.contains(&k.as_str()), "{f}: unknown key {k:?}");
    }
    for k in ["name", "description"] {
        assert!(
            obj.get(k)
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty()),
            "{f}: needs a non-empty {k:?}"
        );
    }
    let text = match (obj.get("document"), obj.get("document_text")) {
        (Some(doc), None) => serde_json::to_string(doc).unwrap(),
        (None, Some(Value::String(t))) => t.clone(),
        _ => panic!("{f}: needs exactly one of \"document\" and \"document_text\" (a string)"),
    };
    let registry = obj.get("registry").map(|r| {
        Registry::from_json(&serde_json::to_string(r).unwrap())
            .unwrap_or_else(|e| panic!("{f}: bad registry: {e}"))
    });
    let registry = registry.as_ref().unwrap_or_else(|| Registry::embedded());
    match oske::json::from_str(&text) {
        Ok(loaded) => {
            let mut report = Report {
                issues: loaded.warnings,
            };
            report.extend(oske::validate(&loaded.document, registry));
            Outcome::Loaded(report)
        }
        Err(e) => Outcome::Failed(e),
    }
}

fn expected_pairs(f: &str, expected: &Value) -> Vec<(String, String)> {
    expected
        .as_array()
        .unwrap_or_else(|| panic!("{f}: \"expected\" must be an array"))
        .iter()
        .map(|e| {
            let o = e
                .as_object()
                .unwrap_or_else(|| panic!("{f}: bad expected entry"));
            assert!(
                o.keys().all(|k| k == "code" || k == "pointer"),
                "{f}: expected entries hold only \"code\" and \"pointer\""
            );
            let s = |k: &str| {
                o.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_else(|| panic!("{f}: expected entry needs a string {k:?}"))
                    .to_string()
            };
            (s("code"), s("pointer"))
        })
        .collect()
}

fn check_error(f: &str, err: &JsonError, want: &Value) {
    let o = want
        .as_object()
        .unwrap_or_else(|| panic!("{f}: \"expected_error\" must be an object"));
    for k in o.keys() {
        assert!(
            ["kind", "pointer", "line", "column"].contains(&k.as_str()),
            "{f}: unknown key {k:?} in expected_error"
        );
    }
    let kind = o.get("kind").and_then(Value::as_str);
    assert_eq!(Some(err.kind.as_str()), kind, "{f}: kind ({err})");
    // A field the vector leaves out must be absent from the error too.
    let pointer = o
        .get("pointer")
        .map(|p| p.as_str().expect("pointer string"));
    assert_eq!(err.pointer.as_deref(), pointer, "{f}: pointer ({err})");
    assert_eq!(
        err.line,
        o.get("line").and_then(Value::as_u64),
        "{f}: line ({err})"
    );
    assert_eq!(
        err.column,
        o.get("column").and_then(Value::as_u64),
        "{f}: column ({err})"
    );
}

fn check_messages(f: &str, report: &Report, pins: &Value) {
    for pin in pins
        .as_array()
        .unwrap_or_else(|| panic!("{f}: \"lang_messages\" must be an array"))
    {
        let index = pin["index"]
            .as_u64()
            .unwrap_or_else(|| panic!("{f}: lang_messages entry needs an \"index\""));
        let issue = report
            .issues
            .get(index as usize)
            .unwrap_or_else(|| panic!("{f}: no issue at index {index}"));
        let mut pinned = 0;
        for lang in Lang::ALL {
            if let Some(want) = pin.get(lang.code()) {
                assert_eq!(
                    Some(issue.message(lang).as_str()),
                    want.as_str(),
                    "{f}: message {index} in {lang}"
                );
                pinned += 1;
            }
        }
        assert!(
            pinned > 0,
            "{f}: lang_messages entry {index} pins no language"
        );
    }
}

#[test]
fn every_vector_gives_exactly_its_expected_result() {
    let all = vectors();
    assert!(all.len() >= 20, "only {} vectors", all.len());
    let mut names = BTreeSet::new();
    let mut failures = Vec::new();
    for v in &all {
        let f = v.file.as_str();
        let name = v.value["name"].as_str().unwrap_or_default();
        assert!(
            names.insert(name.to_string()),
            "{f}: duplicate name {name:?}"
        );
        assert_eq!(
            f.strip_suffix(".json"),
            Some(name),
            "{f}: the file is named after the vector's name"
        );
        let result = std::panic::catch_unwind(|| match (run(v), v.value.get("expected_error")) {
            (Outcome::Loaded(report), None) => {
                let expected = v
                    .value
                    .get("expected")
                    .unwrap_or_else(|| panic!("{f}: needs \"expected\" (or \"expected_error\")"));
                assert_eq!(
                    report.codes_and_pointers(),
                    expected_pairs(f, expected),
                    "{f}: issues:\n{}",
                    report
                        .issues
                        .iter()
                        .map(|i| format!("  {i}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
                if let Some(pins) = v.value.get("lang_messages") {
                    check_messages(f, &report, pins);
                }
            }
            (Outcome::Failed(err), Some(want)) => {
                assert!(
                    v.value.get("expected").is_none(),
                    "{f}: both expected forms"
                );
                check_error(f, &err, want);
            }
            (Outcome::Loaded(report), Some(_)) => panic!(
                "{f}: expected a load error, but it loaded with {:?}",
                report.codes_and_pointers()
            ),
            (Outcome::Failed(err), None) => panic!("{f}: did not load: {err}"),
        });
        if let Err(e) = result {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}

/// Every rule a document can break has a vector: all but the CSV rules (`csv.*`,
/// about tables, not documents), the report's own summaries (`report.*`, which
/// take over a thousand issues to show; `core/tests/rules.rs` tests them) and
/// `protocol.illegal-transition` (only the state machine's steps report it;
/// `core/tests/rules.rs` tests it).
#[test]
fn the_vectors_cover_every_document_rule() {
    let mut seen = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let mut clean = 0;
    for v in vectors() {
        if let Some(e) = v.value.get("expected_error") {
            kinds.insert(e["kind"].as_str().unwrap_or_default().to_string());
        }
        if let Some(exp) = v.value.get("expected") {
            let pairs = expected_pairs(&v.file, exp);
            if pairs.is_empty() {
                clean += 1;
            }
            seen.extend(pairs.into_iter().map(|(c, _)| c));
        }
    }
    for code in &seen {
        assert!(
            Rule::from_code(code).is_some(),
            "vectors name unknown code {code}"
        );
    }
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| r.code())
        .filter(|c| {
            !c.starts_with("csv.")
                && !c.starts_with("xlsx.")
                && !c.starts_with("report.")
                && *c != "protocol.illegal-transition"
        })
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "no vector in tests/conformance/ for {missing:?}"
    );
    assert_eq!(
        kinds,
        ["data", "syntax", "version"]
            .into_iter()
            .map(String::from)
            .collect(),
        "load error kinds covered"
    );
    assert!(clean >= 1, "a vector of a document without issues");
}
