//! Regression tests for the command-line findings of issue 13 (17: `--json` over
//! several inputs; 18: a closed pipe).

use std::io::Read;
use std::process::{Command, Stdio};

fn temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("oske-cli-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn finding_17_json_over_several_inputs_is_one_document_with_file_names() {
    let a = temp("a.json", r#"{"format_version": 1, "colour": "blue"}"#);
    let b = temp(
        "b.json",
        r#"{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"},
            "period": {"start": "2019-01-01", "end": "2018-01-01"}}]}"#,
    );
    let csv = temp(
        "networks.csv",
        "id;name_fi\nn1;\"Skype \"for\" Business\"\n",
    );
    let o = Command::new(env!("CARGO_BIN_EXE_oske"))
        .args([
            "validate",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            csv.to_str().unwrap(),
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    let records = v.as_array().expect("one JSON array");
    let got: Vec<(&str, &str)> = records
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap(),
                r["location"]["file"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("json.unknown-field", a.to_str().unwrap()),
            ("period.reversed", b.to_str().unwrap()),
            ("csv.stray-quote", csv.to_str().unwrap()),
        ]
    );
}

#[test]
fn finding_18_a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oske"))
        .args(["--lang", "fi"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the first line is printed (as `head -3` does
    // after three lines of a longer output).
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err, "");
    // 141: the status of a process ended by SIGPIPE, as a shell reports it.
    assert!(matches!(status.code(), Some(0 | 141)), "{status:?}");
}
