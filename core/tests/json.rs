//! JSON reading and writing: versions, unknown fields, error locations, round trip.

use oske::{json, Document, JsonErrorKind};

#[test]
fn unknown_fields_are_reported_with_pointers_in_document_order() {
    let text = r#"{
  "format_version": 1,
  "colour": "blue",
  "networks": [
    {"id": "n1", "name": {"fi": "Verkosto", "de": "Netzwerk"}, "meetings": [
      {"id": "m1", "date": "14.2.2018", "format": "in_person", "room": "A1"}
    ]}
  ]
}"#;
    let loaded = json::from_str(text).unwrap();
    let got: Vec<(&str, &str)> = loaded
        .warnings
        .iter()
        .map(|w| (w.code(), w.pointer.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("json.unknown-field", "/colour"),
            ("json.unknown-field", "/networks/0/name/de"),
            ("json.unknown-field", "/networks/0/meetings/0/room"),
        ]
    );
    assert_eq!(
        loaded.warnings[2].message(oske::Lang::En),
        "the field \"room\" is not part of the file format and was not read"
    );
    // The Finnish date was read and is written back in ISO 8601.
    let out = json::to_string(&loaded.document);
    assert!(out.contains("\"date\": \"2018-02-14\""), "{out}");
}

#[test]
fn syntax_error_has_line_and_column() {
    let err = json::from_str("{\n  \"format_version\": 1,\n  \"networks\": [,]\n}").unwrap_err();
    assert_eq!(err.kind, JsonErrorKind::Syntax);
    assert_eq!((err.line, err.column), (Some(3), Some(16)));
    assert_eq!(err.pointer, None);
    assert_eq!(
        err.to_string(),
        "line 3, column 16: syntax error: expected value"
    );
}

#[test]
fn data_error_has_pointer_line_and_column() {
    let text = "{\"format_version\": 1, \"networks\": [{\"id\": \"n\", \"name\": {\"fi\": \"V\"},\n \"meetings\": [{\"id\": \"m\", \"date\": \"31.2.2018\", \"format\": \"in_person\"}]}]}";
    let err = json::from_str(text).unwrap_err();
    assert_eq!(err.kind, JsonErrorKind::Data);
    assert_eq!(err.pointer.as_deref(), Some("/networks/0/meetings/0/date"));
    assert_eq!(err.line, Some(2));
    assert!(
        err.message.contains("\"31.2.2018\" is not a date"),
        "{}",
        err.message
    );
}

#[test]
fn wrong_enum_value_names_the_pointer() {
    let text = r#"{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"}, "meetings": [{"id": "m", "date": "2018-02-14", "format": "telepathy"}]}]}"#;
    let err = json::from_str(text).unwrap_err();
    assert_eq!(err.kind, JsonErrorKind::Data);
    assert_eq!(
        err.pointer.as_deref(),
        Some("/networks/0/meetings/0/format")
    );
    assert!(
        err.message.contains("unknown variant `telepathy`"),
        "{}",
        err.message
    );
}

#[test]
fn format_version_is_required_and_checked() {
    let err = json::from_str(r#"{"networks": []}"#).unwrap_err();
    assert_eq!(err.kind, JsonErrorKind::Data);
    assert_eq!(err.pointer.as_deref(), Some("/format_version"));
    let err = json::from_str(r#"{"format_version": 2}"#).unwrap_err();
    assert_eq!(err.kind, JsonErrorKind::Version);
    assert_eq!(
        err.to_string(),
        "version error at /format_version: format_version 2 is not supported: this library reads version 1"
    );
}

#[test]
fn trailing_garbage_and_non_objects_are_errors_not_panics() {
    for text in [
        "",
        "[]",
        "null",
        "{\"format_version\": 1} x",
        "\u{feff}{}",
        "{\"format_version\": 1e400}",
    ] {
        assert!(json::from_str(text).is_err(), "{text:?}");
    }
}

#[test]
fn file_errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("oske-json-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    std::fs::write(&path, "{\n\"format_version\": 1,\n\"title\": 5}").unwrap();
    let err = json::from_path(&path).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{}:3:", path.display())),
        "{shown}"
    );
    assert!(shown.contains("data error at /title"), "{shown}");
    let missing = json::from_path(dir.join("missing.json")).unwrap_err();
    assert_eq!(missing.kind, JsonErrorKind::Io);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_dataset_round_trips_losslessly() {
    for d in oske::datasets::Dataset::ALL {
        let first = json::from_str(d.json()).unwrap().document;
        let again = json::from_str(&json::to_string(&first)).unwrap();
        assert!(again.warnings.is_empty(), "{}", d.name());
        assert_eq!(again.document, first, "{}", d.name());
    }
    let all = oske::datasets::all();
    assert_eq!(
        json::from_str(&json::to_string(&all)).unwrap().document,
        all
    );
}

#[test]
fn empty_document_round_trips() {
    let doc = Document::new();
    let text = json::to_string(&doc);
    assert_eq!(text, "{\n  \"format_version\": 1\n}");
    assert_eq!(json::from_str(&text).unwrap().document, doc);
}

#[test]
fn embedded_texts_are_the_data_files_without_indentation() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    for d in oske::datasets::Dataset::ALL {
        let file = std::fs::read_to_string(format!("{dir}/seeds/{}.json", d.name())).unwrap();
        assert!(d.json().len() < file.len(), "{}", d.name());
        assert_eq!(
            json::from_str(d.json()).unwrap().document,
            json::from_str(&file).unwrap().document,
            "{}",
            d.name()
        );
    }
    let file = std::fs::read_to_string(format!("{dir}/registry.json")).unwrap();
    let ours: serde_json::Value = serde_json::from_str(oske::Registry::embedded_json()).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(ours, theirs);
}
