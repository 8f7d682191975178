//! The `oske` command as a user runs it: exit codes and what it prints.

use std::process::{Command, Output};

/// Runs `oske` in an English-neutral environment (no locale variables).
fn oske(args: &[&str]) -> Output {
    oske_env(args, &[])
}

fn oske_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_oske"));
    c.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run oske")
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
    assert!(out.contains("0 errors, 7 warnings, 0 notes"), "{out}");
    assert!(out.contains("illustrative: a walk-through of the protocol"));
    assert!(out.contains(
        "team.area-overlap lapland_unit_2008:/projects/0/teams/1/other_listings/0/municipalities/0"
    ));
    assert!(out.contains("Measures per priority × region"));
    // Sums and dates in the summary in the message language's form.
    assert!(out.contains("€1,828,204.00"), "{out}");
    assert!(
        out.contains("(1 November 2008 – 31 December 2011)"),
        "{out}"
    );
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
    // In the language of the run, as the core words it (oske::errors).
    let o = oske(&["--lang", "fi", "validate", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("broken.json:2:16: JSON-syntaksivirhe: tässä kohdassa pitäisi olla JSON-arvo"),
        "{err}"
    );
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
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fresh_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("oske-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn help_version_and_completions() {
    let o = oske(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for word in [
        "validate",
        "convert",
        "rules",
        "datasets",
        "dataset",
        "registry",
        "tables-doc",
        "completions",
        "0  no errors were found",
        "1  errors were found",
        "2  could not run",
    ] {
        assert!(help.contains(word), "{word}: {help}");
    }
    let o = oske(&["validate", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Usage: oske validate [OPTIONS] <FILE>..."));
    let o = oske(&["--version"]);
    assert_eq!(stdout(&o), format!("oske {}\n", oske::VERSION));
    let o = oske(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let script = stdout(&o);
    assert!(script.contains("_oske()"), "{script}");
    assert!(script.contains("tables-doc"));
    assert_eq!(oske(&["completions", "klingon"]).status.code(), Some(2));
    assert_eq!(oske(&["frobnicate", "--wat"]).status.code(), Some(2));
}

#[test]
fn language_defaults_from_the_locale_and_counts_agree_in_number() {
    let fi = stdout(&oske_env(&[], &[("LANG", "fi_FI.UTF-8")]));
    assert!(fi.contains("Virheet (0)"), "{fi}");
    assert!(fi.contains("Varoitukset (7)"), "{fi}");
    assert!(fi.contains("1\u{a0}828\u{a0}204,00\u{a0}€"), "{fi}");
    assert!(fi.contains("(1.11.2008–31.12.2011)"), "{fi}");
    assert!(
        fi.contains("0 virhettä, 7 varoitusta, 0 huomautusta"),
        "{fi}"
    );
    assert!(fi.contains("Toimenpiteet painopisteittäin ja maakunnittain"));
    // LC_ALL wins over LANG; --lang wins over both.
    let sv = stdout(&oske_env(
        &[],
        &[("LC_ALL", "sv_FI.UTF-8"), ("LANG", "fi_FI.UTF-8")],
    ));
    assert!(sv.contains("0 fel, 7 varningar, 0 anmärkningar"), "{sv}");
    let en = stdout(&oske_env(&["--lang", "en"], &[("LANG", "fi_FI.UTF-8")]));
    assert!(en.contains("0 errors, 7 warnings, 0 notes"), "{en}");
    // One error: the singular.
    let p = temp(
        "one-error.json",
        r#"{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"},
            "period": {"start": "2019-01-01", "end": "2018-01-01"}}]}"#,
    );
    let o = oske_env(
        &["validate", p.to_str().unwrap()],
        &[("LANG", "fi_FI.UTF-8")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("1 virhe, 0 varoitusta, 0 huomautusta"),
        "{}",
        stdout(&o)
    );
    let o = oske_env(
        &["validate", p.to_str().unwrap()],
        &[("LANG", "sv_SE.UTF-8")],
    );
    assert!(stdout(&o).contains("1 fel, 0 varningar, 0 anmärkningar"));
    let o = oske(&["validate", p.to_str().unwrap()]);
    assert!(stdout(&o).contains("1 error, 0 warnings, 0 notes"));
}

#[test]
fn exit_0_no_errors_1_errors_2_could_not_run() {
    let d = fresh_dir("exit");
    let ok = d.join("ok.json");
    std::fs::write(&ok, stdout(&oske(&["dataset", "adult_network_2018"]))).unwrap();
    assert_eq!(
        oske(&["validate", ok.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let bad = d.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format_version": 1, "networks": [{"id": "n", "name": {}}]}"#,
    )
    .unwrap();
    assert_eq!(
        oske(&["validate", bad.to_str().unwrap()]).status.code(),
        Some(1)
    );
    let missing = d.join("missing.json");
    assert_eq!(
        oske(&["validate", missing.to_str().unwrap()]).status.code(),
        Some(2)
    );
}

#[test]
fn nothing_passes_silently() {
    let d = fresh_dir("silent");
    // A CSV file whose name is no table of the layout.
    let budget = d.join("budget.csv");
    std::fs::write(&budget, "id;amount\n1;100\n").unwrap();
    let o = oske(&["validate", budget.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("budget.csv: the file's name is not the name of a table of the file format, so nothing could be checked"),
        "{err}"
    );
    assert!(err.contains("--table NAME"), "{err}");
    assert!(err.contains("measures (toimenpiteet, åtgärder)"), "{err}");
    assert!(stdout(&o).is_empty());
    // The same in Finnish.
    let o = oske(&["validate", budget.to_str().unwrap(), "--lang", "fi"]);
    assert!(stderr(&o).contains("anna --table NIMI"), "{}", stderr(&o));
    // A zero-byte table file.
    let empty = d.join("measures.csv");
    std::fs::write(&empty, "").unwrap();
    let o = oske(&["validate", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("measures.csv: the file is empty (0 bytes)"),
        "{}",
        stderr(&o)
    );
    // A folder with no table, whose tables are one folder down.
    let top = d.join("export");
    let inner = top.join("2020");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(inner.join("networks.csv"), "id,name_fi\nn1,A\n").unwrap();
    let o = oske(&["validate", top.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("no table of the layout in this folder"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "its tables are one folder down, in {}",
            inner.display()
        )),
        "{err}"
    );
    assert_eq!(
        oske(&["validate", inner.to_str().unwrap()]).status.code(),
        Some(0)
    );
    // A folder holding a zero-byte table.
    std::fs::write(inner.join("meetings.csv"), "").unwrap();
    let o = oske(&["validate", inner.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("meetings.csv: the file is empty (0 bytes)"));
    // An empty folder.
    let none = d.join("nothing");
    std::fs::create_dir_all(&none).unwrap();
    assert_eq!(
        oske(&["validate", none.to_str().unwrap()]).status.code(),
        Some(2)
    );
}

#[test]
fn a_lone_measures_table_says_which_references_it_could_not_check() {
    let d = fresh_dir("lone");
    let m = d.join("measures.csv");
    std::fs::write(
        &m,
        "plan_id,region,id,title_fi,kind\np1,14,m1,Työpaja,workshop\n",
    )
    .unwrap();
    let o = oske(&["validate", m.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("csv.unchecked-references {}\n      the table was checked without the other tables, so the references in the columns \"plan_id\", \"region\", \"priority\", \"network\" were not checked", m.display())),
        "{out}"
    );
    let o = oske(&["validate", m.to_str().unwrap(), "--json", "--lang", "fi"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["code"], "csv.unchecked-references");
    assert_eq!(v[0]["severity"], "info");
    assert_eq!(
        v[0]["message"],
        "taulu tarkistettiin ilman muita tauluja, joten sarakkeiden \"plan_id\", \"region\", \"priority\", \"network\" viittauksia ei tarkistettu"
    );
}

#[test]
fn json_over_several_inputs_is_one_array() {
    let a = temp("a.json", r#"{"format_version": 1, "colour": "blue"}"#);
    let b = temp("b.json", r#"{"format_version": 1, "size": "big"}"#);
    let o = oske(&[
        "validate",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(v[0]["pointer"], "/colour");
    assert_eq!(v[1]["pointer"], "/size");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    // More output than a pipe holds (72 kB), read 100 bytes of it and close.
    let mut child = Command::new(env!("CARGO_BIN_EXE_oske"))
        .args(["dataset", "sonet_botnia_plan_2020"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert_eq!(stderr(&o), "", "no panic, no error message");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn options_before_the_command_are_options_of_the_command() {
    // `--lang fi` before `validate`: the command is still `validate` (it was once read
    // as a file named "validate"), and a file that is no table stops with exit 2.
    let d = fresh_dir("before");
    let budget = d.join("budget.csv");
    std::fs::write(&budget, "a;b\n1;2\n").unwrap();
    let o = oske(&["--lang", "fi", "validate", budget.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        err.starts_with(&format!(
            "{}: tiedoston nimi ei ole minkään tiedostomuodon taulun nimi, joten mitään ei voitu tarkistaa\n",
            budget.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("Taulut suomen- ja ruotsinkielisine nimineen:"),
        "{err}"
    );
    assert!(!err.contains("validate:"), "{err}");
    // Files or CSV options before a command would be ignored: refused instead.
    let o = oske(&["--encoding", "utf-8", "validate", budget.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("give the files and the CSV options after the command"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
