//! The model's JSON reader (`core/src/json_read.rs`, written for the model instead of
//! serde's derive): every error path it has, with serde's exact texts, pointers, lines
//! and columns, as the derived reader gave them (each expectation below was produced
//! by `main` before the change and compared with the new reader).

use oske::{json, JsonErrorKind, Lang};

fn network_with_meeting(meeting: &str) -> String {
    format!(
        "{{\"format_version\": 1, \"networks\": [{{\"id\": \"n\", \"name\": {{\"fi\": \"V\"}},\n \"meetings\": [{meeting}]}}]}}"
    )
}

fn plan_with(dates: &str) -> String {
    format!(
        r#"{{"format_version": 1, "action_plans": [{{"id": "p", "centre": "c", "title": {{}}, "period": {{"start": "2020-01-01", "end": "2020-12-31"}}, "sections": [{{"region": "14", "measures": [{{"id": "m", "title": {{}}, "kind": "survey", "schedule": {{"dates": {dates}}}}}]}}]}}]}}"#
    )
}

/// (text, pointer, line, column, message, Finnish text of the whole error)
fn data_errors() -> Vec<(String, &'static str, u64, u64, &'static str, &'static str)> {
    vec![
        (
            r#"{"format_version": 1, "networks": [{"id": "n", "id": "m", "name": {}}]}"#.into(),
            "/networks/0", 1, 69, "duplicate field `id`",
            "rivi 1, sarake 69: tietovirhe kohdassa /networks/0: kenttä \"id\" on annettu kahdesti",
        ),
        (
            r#"{"format_version": 1, "networks": [{"name": {}}]}"#.into(),
            "/networks/0", 1, 47, "missing field `id`",
            "rivi 1, sarake 47: tietovirhe kohdassa /networks/0: kenttä \"id\" puuttuu",
        ),
        (
            network_with_meeting(r#"{"id": "m", "date": "1.2.2018", "format": "remote", "duration_minutes": 4294967296}"#),
            "/networks/0/meetings/0/duration_minutes", 2, 96,
            "invalid value: integer `4294967296`, expected u32",
            "rivi 2, sarake 96: tietovirhe kohdassa /networks/0/meetings/0/duration_minutes: kokonaisluku 4\u{a0}294\u{a0}967\u{a0}296 ei kelpaa tähän; arvon on oltava ei-negatiivinen kokonaisluku",
        ),
        (
            network_with_meeting(r#"{"id": "m", "date": "1.2.2018", "format": "remote", "duration_minutes": -5}"#),
            "/networks/0/meetings/0/duration_minutes", 2, 88,
            "invalid value: integer `-5`, expected u32",
            "rivi 2, sarake 88: tietovirhe kohdassa /networks/0/meetings/0/duration_minutes: kokonaisluku −5 ei kelpaa tähän; arvon on oltava ei-negatiivinen kokonaisluku",
        ),
        (
            network_with_meeting(r#"{"id": "m", "date": "1.2.2018", "format": "remote", "duration_minutes": 1.5}"#),
            "/networks/0/meetings/0/duration_minutes", 2, 89,
            "invalid type: floating point `1.5`, expected u32",
            "rivi 2, sarake 89: tietovirhe kohdassa /networks/0/meetings/0/duration_minutes: arvon on oltava ei-negatiivinen kokonaisluku, mutta se on desimaaliluku 1,5",
        ),
        (
            network_with_meeting(r#"{"id": "m", "date": "1.2.2018", "format": {"remote": 1}}"#),
            "/networks/0/meetings/0/format", 2, 69,
            "invalid type: integer `1`, expected unit",
            "rivi 2, sarake 69: tietovirhe kohdassa /networks/0/meetings/0/format: tietoa ei voitu lukea (lukijan ilmoitus: \"invalid type: integer `1`, expected unit\")",
        ),
        (
            network_with_meeting(r#"{"id": "m", "date": "1.2.2018", "format": {"remote": null, "hybrid": null}}"#),
            "/networks/0/meetings/0/format", 2, 88,
            "invalid type: map, expected enum MeetingFormat",
            "rivi 2, sarake 88: tietovirhe kohdassa /networks/0/meetings/0/format: arvon on oltava jokin sallituista arvoista, mutta se on objekti",
        ),
        (
            network_with_meeting(r#"{"id": "m", "date": "1.2.2018", "format": 3}"#),
            "/networks/0/meetings/0/format", 2, 57,
            "invalid type: integer `3`, expected enum MeetingFormat",
            "rivi 2, sarake 57: tietovirhe kohdassa /networks/0/meetings/0/format: arvon on oltava jokin sallituista arvoista, mutta se on kokonaisluku 3",
        ),
        (
            network_with_meeting(r#"{"id": "m", "date": "1.2.2018", "format": "remote", "participants": null, "full_day": "yes"}"#),
            "/networks/0/meetings/0/full_day", 2, 105,
            "invalid type: string \"yes\", expected a boolean",
            "rivi 2, sarake 105: tietovirhe kohdassa /networks/0/meetings/0/full_day: arvon on oltava totuusarvo, mutta se on teksti \"yes\"",
        ),
        (
            network_with_meeting(r#"["m"]"#),
            "/networks/0/meetings/0", 2, 19,
            "invalid type: sequence, expected struct Meeting",
            "rivi 2, sarake 19: tietovirhe kohdassa /networks/0/meetings/0: arvon on oltava objekti, mutta se on lista",
        ),
        (
            // A list of dates: an element of the wrong type is placed at the element...
            plan_with(r#"["1.2.2020", 5]"#),
            "/action_plans/0/sections/0/measures/0/schedule/dates/1", 1, 257,
            "invalid type: integer `5`, expected a string",
            "rivi 1, sarake 257: tietovirhe kohdassa /action_plans/0/sections/0/measures/0/schedule/dates/1: arvon on oltava teksti, mutta se on kokonaisluku 5",
        ),
        (
            // ... a text that is not a date at the list.
            plan_with(r#"["1.2.2020", "30.2.2020"]"#),
            "/action_plans/0/sections/0/measures/0/schedule/dates", 1, 268,
            "\"30.2.2020\" is not a date: expected d.m.yyyy (e.g. 14.2.2018) or yyyy-mm-dd",
            "rivi 1, sarake 268: tietovirhe kohdassa /action_plans/0/sections/0/measures/0/schedule/dates: \"30.2.2020\" ei ole päivämäärä; kirjoita päivämäärä muodossa p.k.vvvv (esim. 14.2.2018) tai vvvv-kk-pp",
        ),
        (
            r#"{"format_version": 1, "action_plans": [{"id": "p", "centre": "c", "title": {}, "period": {"start": "2020-01-01", "end": "2020-12-31"}, "special_tasks": [{"id": "s", "kind": "nordic", "year": 2147483648}]}]}"#.into(),
            "/action_plans/0/special_tasks/0/year", 1, 201,
            "invalid value: integer `2147483648`, expected i32",
            "rivi 1, sarake 201: tietovirhe kohdassa /action_plans/0/special_tasks/0/year: kokonaisluku 2\u{a0}147\u{a0}483\u{a0}648 ei kelpaa tähän; arvon on oltava kokonaisluku",
        ),
        (
            r#"{"format_version": 1, "projects": [{"id": "p", "name": {}, "period": {"start": "2020-01-01", "end": "2020-12-31"}, "budget": {"total": 9223372036854775808, "sources": []}}]}"#.into(),
            "/projects/0/budget/total", 1, 154,
            "invalid value: integer `9223372036854775808`, expected i64",
            "rivi 1, sarake 154: tietovirhe kohdassa /projects/0/budget/total: kokonaisluku 9\u{a0}223\u{a0}372\u{a0}036\u{a0}854\u{a0}775\u{a0}808 ei kelpaa tähän; arvon on oltava kokonaisluku",
        ),
        (
            r#"{"format_version": 1, "consultation_programmes": [{"id": "c", "name": {}, "consultations": [{"id": "k", "state": "held", "brief": "b", "questions": ["q"], "brief_sent_on": null, "session": {"date": "1.1.2020"}}]}]}"#.into(),
            "/consultation_programmes/0/consultations/0/session", 1, 209,
            "missing field `planned_minutes`",
            "rivi 1, sarake 209: tietovirhe kohdassa /consultation_programmes/0/consultations/0/session: kenttä \"planned_minutes\" puuttuu",
        ),
    ]
}

#[test]
fn data_errors_keep_serdes_texts_pointers_and_places() {
    for (text, pointer, line, column, message, fi) in data_errors() {
        let e = json::from_str(&text).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::Data, "{text}");
        assert_eq!(e.pointer.as_deref(), Some(pointer), "{text}");
        assert_eq!((e.line, e.column), (Some(line), Some(column)), "{text}");
        assert_eq!(e.message, message, "{text}");
        assert_eq!(e.localized(Lang::Fi), fi, "{text}");
    }
}

#[test]
fn an_enum_given_as_an_object_of_one_null_member_is_read() {
    let text =
        network_with_meeting(r#"{"id": "m", "date": "1.2.2018", "format": {"remote": null}}"#);
    let doc = json::from_str(&text).unwrap().document;
    assert_eq!(
        doc.networks[0].meetings[0].format,
        oske::network::MeetingFormat::Remote
    );
}

#[test]
fn defaults_of_the_format_are_filled_in() {
    let text = r#"{"format_version": 1, "projects": [{"id": "p", "name": {}, "period": {"start": "2020-01-01", "end": "2020-12-31"}, "budget": {"total": 100, "sources": []}}], "consultation_programmes": [{"id": "c", "name": {}}]}"#;
    let doc = json::from_str(text).unwrap().document;
    let budget = doc.projects[0].budget.as_ref().unwrap();
    assert_eq!(budget.share_tolerance, oske::money::Bp(1));
    assert_eq!(budget.annual, None);
    let policy = &doc.consultation_programmes[0].policy;
    assert_eq!(
        (
            policy.min_minutes,
            policy.max_minutes,
            policy.min_lead_days,
            policy.max_questions,
            policy.max_brief_chars
        ),
        (30, 45, 1, 10, 2000)
    );
    // A container default fills only the fields that are missing.
    let text = r#"{"format_version": 1, "consultation_programmes": [{"id": "c", "name": {}, "policy": {"max_questions": 3}}]}"#;
    let policy = json::from_str(text)
        .unwrap()
        .document
        .consultation_programmes[0]
        .policy
        .clone();
    assert_eq!((policy.min_minutes, policy.max_questions), (30, 3));
}

/// Rust users' serde: the model's `Deserialize` runs the same reader over any
/// self-describing input. Unknown fields are ignored, errors name their pointer, and
/// a struct is read from an object only (as the JSON entry points always did). The
/// error is found after serde_json has read the value, so it has no line and column.
#[test]
fn deserialize_runs_the_same_reader() {
    let doc: oske::Document = serde_json::from_str(oske::datasets::Dataset::ALL[0].json()).unwrap();
    assert_eq!(doc, oske::datasets::Dataset::ALL[0].document());

    let e = serde_json::from_str::<oske::Document>(
        r#"{"format_version": 1, "colour": 1, "networks": [{"id": "n", "name": {}, "meetings": [{"id": "m"}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "missing field `date` at /networks/0/meetings/0"
    );
    let e = serde_json::from_str::<oske::network::Network>(r#"["n", {"fi": "V"}]"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid type: sequence, expected struct Network"
    );
    let kind: oske::plan::MeasureKind =
        serde_json::from_value(serde_json::json!("survey")).unwrap();
    assert_eq!(kind, oske::plan::MeasureKind::Survey);
    let e = serde_json::from_value::<oske::network::MeetingFormat>(serde_json::json!("walk"))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown variant `walk`, expected one of `in_person`, `remote`, `hybrid`"
    );
}

/// The registry denies unknown fields at its top level (serde's `deny_unknown_fields`,
/// the list of fields in declaration order) and accepts `$schema`.
#[test]
fn the_registry_names_its_fields_when_one_is_unknown() {
    let e = oske::registry::Registry::from_json(r#"{"$schema": "s", "name": "x", "colour": 1}"#)
        .unwrap_err();
    assert_eq!(e.pointer.as_deref(), Some("/colour"));
    assert_eq!((e.line, e.column), (Some(1), Some(38)));
    assert_eq!(
        e.message,
        "unknown field `colour`, expected one of `$schema`, `format_version`, `name`, \
         `known_as_of`, `coverage`, `sources`, `regions`, `counties`, `cooperation_areas`, \
         `municipalities`, `centres`, `populations`"
    );
}
