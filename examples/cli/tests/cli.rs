//! The `oske` command as a user runs it: exit codes and what it prints.

use std::process::{Command, Output};

fn oske(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oske"))
        .args(args)
        .output()
        .expect("run oske")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("oske-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn no_argument_validates_the_embedded_datasets_and_summarises() {
    let o = oske(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    // No share.approximate: the seed states no share of the Lapland total. The
    // warnings are the four of the Lapland teams' areas and the plan's three
    // preliminary population figures (docs/seed-issues.md).
    assert!(out.contains("0 error(s), 7 warning(s), 0 info"), "{out}");
    assert!(out.contains("illustrative: a walk-through of the protocol"));
    assert!(out.contains(
        "team.area-overlap lapland_unit_2008:/projects/0/teams/1/other_listings/0/municipalities/0"
    ));
    assert!(out.contains("Measures per priority × region"));
    assert!(out.contains("1 828 204,00 €"));
    assert!(out.contains("evaluated            1"));
}

#[test]
fn messages_follow_the_chosen_language() {
    let out = stdout(&oske(&["--lang", "fi"]));
    assert!(
        out.contains("kunta Inari (148) kuuluu kahden sellaisen kehittäjätiimin alueeseen"),
        "{out}"
    );
    let out = stdout(&oske(&["--lang=sv"]));
    assert!(
        out.contains("kommunen Enare (148) hör till området för två utvecklarteam"),
        "{out}"
    );
    let bad = oske(&["--lang", "de"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown language \"de\""));
}

#[test]
fn a_file_with_errors_exits_1_and_names_the_pointer() {
    let p = temp(
        "reversed.json",
        r#"{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"},
            "period": {"start": "2019-01-01", "end": "2018-01-01"}}]}"#,
    );
    let o = oske(&["validate", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("period.reversed /networks/0/period"), "{out}");
    assert!(out.contains("the period ends on 1 January 2018, before it starts on 1 January 2019"));
}

#[test]
fn json_output_is_machine_readable() {
    let p = temp("unknown.json", r#"{"format_version": 1, "colour": "blue"}"#);
    let o = oske(&[p.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["code"], "json.unknown-field");
    assert_eq!(v[0]["pointer"], "/colour");
    assert_eq!(v[0]["severity"], "warning");
}

#[test]
fn unreadable_input_exits_2_with_location() {
    let p = temp(
        "broken.json",
        "{\"format_version\": 1,\n  \"networks\": [,]}",
    );
    let o = oske(&["validate", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.json:2:16: syntax error"), "{err}");
    assert_eq!(oske(&["validate"]).status.code(), Some(2));
    assert_eq!(oske(&["dataset", "nope"]).status.code(), Some(2));
}

#[test]
fn a_users_own_registry_is_used_for_codes() {
    // A registry that knows only Lappi: the 2018 network's plan is fine, but a
    // document naming region 15 gets registry.unknown-code.
    let reg = temp(
        "registry.json",
        r#"{"name": "test", "regions": [{"code": "19", "name": {"fi": "Lappi"}}]}"#,
    );
    let doc = temp(
        "meeting.json",
        r#"{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"}, "meetings": [
            {"id": "m", "date": "14.2.2018", "format": "in_person", "regions_represented": ["19", "15"]}]}]}"#,
    );
    let o = oske(&[
        "validate",
        doc.to_str().unwrap(),
        "--registry",
        reg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("registry.unknown-code /networks/0/meetings/0/regions_represented/1"),
        "{out}"
    );
    // With the embedded registry both regions are known.
    assert_eq!(
        oske(&["validate", doc.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

#[test]
fn rules_prints_the_catalogue_that_docs_hold() {
    let out = stdout(&oske(&["rules"]));
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md"))
        .unwrap();
    assert_eq!(out, docs);
}

#[test]
fn datasets_and_registry_are_printable() {
    let names = stdout(&oske(&["datasets"]));
    assert_eq!(names.lines().count(), 5);
    let plan = stdout(&oske(&["dataset", "adult_network_2018"]));
    assert!(plan.contains("\"format_version\": 1"));
    let reg = stdout(&oske(&["registry"]));
    assert!(reg.contains("\"code\": \"152\""));
}

#[test]
fn schema_prints_the_json_schemas_that_docs_hold() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema");
    for which in ["document", "registry", "report"] {
        let o = oske(&["schema", which]);
        assert_eq!(o.status.code(), Some(0));
        let file = root.join(format!("{which}.schema.json"));
        assert_eq!(
            stdout(&o),
            std::fs::read_to_string(&file).unwrap(),
            "{}",
            file.display()
        );
    }
    let bad = oske(&["schema", "plan"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "no schema named \"plan\"; there are: document, registry, report\n"
    );
}
