//! `oske registry …`: look-ups on a date, in the chosen language, as a user runs them.

use std::process::{Command, Output};

fn oske(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oske"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("run oske")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_municipality_by_a_name_without_accents_on_a_date() {
    let o = oske(&[
        "registry",
        "municipality",
        "Kemijarvi",
        "--date",
        "1.1.2020",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Note: \"Kemijarvi\" is Kemijärvi (320) (accents ignored).\n\
         Municipality: Kemijärvi (320)\n\
         \x20 Names:                       Kemijärvi (fi), Kemijärvi (sv)\n\
         \x20 Valid:                       throughout (no first or last day recorded)\n\
         On 1.1.2020:\n\
         \x20 Region:                      Lapland (19)\n\
         \x20 Wellbeing services county:   –\n\
         \x20 Cooperation area:            –\n\
         \x20 Centre:                      Poske\n"
    );
}

#[test]
fn the_same_in_finnish_and_swedish_with_the_county_and_centre_after_2025() {
    let o = oske(&[
        "registry",
        "municipality",
        "905",
        "--date",
        "1.9.2025",
        "--lang",
        "fi",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Kunta: Vaasa (905)\n"), "{out}");
    assert!(out.contains("\n1.9.2025:\n"), "{out}");
    assert!(
        out.contains("  Maakunta:                    Pohjanmaa (15)\n"),
        "{out}"
    );
    assert!(
        out.contains("  Hyvinvointialue:             Pohjanmaan hyvinvointialue (17)\n"),
        "{out}"
    );
    assert!(
        out.contains("  Yhteistyöalue:               Länsi-Suomen yhteistyöalue (4)\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  Osaamiskeskus:               Länsi-Suomen yhteistyöalueen sosiaalialan osaamiskeskus\n"
        ),
        "{out}"
    );
    // Storkyro by its Swedish name, in Swedish: Österbotten until its move in 2021.
    let out = stdout(&oske(&[
        "registry",
        "municipality",
        "Storkyro",
        "--date",
        "31.12.2020",
        "--lang",
        "sv",
    ]));
    assert!(out.starts_with("Kommun: Storkyro (152)\n"), "{out}");
    assert!(
        out.contains("  Namn:                        Isokyrö (fi), Storkyro (sv)\n"),
        "{out}"
    );
    assert!(
        out.contains("Den 31.12.2020:\n  Landskap:                    Österbotten (15)\n"),
        "{out}"
    );
    let out = stdout(&oske(&[
        "registry",
        "municipality",
        "Storkyro",
        "--date",
        "1.1.2021",
        "--lang",
        "sv",
    ]));
    assert!(
        out.contains("  Landskap:                    Södra Österbotten (14)\n"),
        "{out}"
    );
}

#[test]
fn a_merged_municipality_names_where_its_area_went() {
    let o = oske(&[
        "registry",
        "municipality",
        "Nurmo",
        "--date",
        "1.1.2010",
        "--lang",
        "fi",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Huom.: Nurmo (544) ei ole voimassa 1.1.2010.\n\
         Kunta: Nurmo (544)\n\
         \x20 Nimet:                       Nurmo (fi), Nurmo (sv)\n\
         \x20 Voimassa:                    31.12.2008 asti\n\
         \x20 Liitetty:                    Seinäjoki (743)\n\
         1.1.2010:\n\
         \x20 Ei voimassa; alue kuuluu:    Seinäjoki (743)\n"
    );
}

#[test]
fn members_of_a_region_county_cooperation_area_and_centre() {
    // The three Ostrobothnian regions had 56 municipalities in 2005 (seed 004).
    let counts: Vec<String> = ["14", "15", "16"]
        .iter()
        .map(|r| {
            let out = stdout(&oske(&["registry", "region", r, "--date", "1.1.2005"]));
            let line = out
                .lines()
                .find(|l| l.trim_start().starts_with("Municipalities ("))
                .unwrap_or_else(|| panic!("{out}"))
                .to_owned();
            line.trim_start()["Municipalities (".len()..]
                .split(')')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    let total: u32 = counts.iter().map(|c| c.parse::<u32>().unwrap()).sum();
    assert_eq!(total, 56, "{counts:?}");
    // Vantaa and Kerava are one county.
    let out = stdout(&oske(&["registry", "county", "04", "--date", "1.1.2024"]));
    assert!(out.starts_with("Wellbeing services county: "), "{out}");
    assert!(out.contains("Municipalities (2):"), "{out}");
    assert!(out.contains("Kerava (245), Vantaa (092)"), "{out}");
    // The western cooperation area's counties on 1.9.2025, and its one centre.
    let out = stdout(&oske(&[
        "registry",
        "cooperation-area",
        "4",
        "--date",
        "1.9.2025",
        "--lang",
        "fi",
    ]));
    assert!(out.contains(
        "  Hyvinvointialueet:           Varsinais-Suomen hyvinvointialue (05), Satakunnan hyvinvointialue (06), Pohjanmaan hyvinvointialue (17)\n"
    ), "{out}");
    assert!(out.contains(
        "  Osaamiskeskukset:            Länsi-Suomen yhteistyöalueen sosiaalialan osaamiskeskus\n"
    ), "{out}");
    // SONet BOTNIA by its short name: its host, successor and end.
    let out = stdout(&oske(&[
        "registry",
        "centre",
        "SONet BOTNIA",
        "--date",
        "1.6.2025",
    ]));
    assert!(out.starts_with("Centre: SONet BOTNIA\n"), "{out}");
    assert!(
        out.contains("  Valid:                       until 30.6.2025\n"),
        "{out}"
    );
    assert!(
        out.contains("  Host:                        Etelä-Pohjanmaan hyvinvointialue\n"),
        "{out}"
    );
    assert!(
        out.contains("On 1.6.2025:\n  Municipalities (40): "),
        "{out}"
    );
    // SONet BOTNIA's own name is the decree's statutory centre's: not repeated.
    assert!(!out.contains("Statutory centre"), "{out}");
    // Socca runs part of the southern statutory centre of Decree 1248/2022 (with Verso).
    let out = stdout(&oske(&[
        "registry", "centre", "Socca", "--date", "1.6.2024", "--lang", "fi",
    ]));
    assert!(
        out.contains("  Asetuksen osaamiskeskus:     Etelä-Suomen sosiaalialan osaamiskeskus\n"),
        "{out}"
    );
}

#[test]
fn a_list_of_one_kind_on_a_date() {
    let out = stdout(&oske(&[
        "registry", "list", "centres", "--date", "1.9.2025", "--lang", "sv",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Den 1.9.2025:");
    assert_eq!(lines.len(), 1 + 6, "{out}");
    let out = stdout(&oske(&[
        "registry", "list", "counties", "--date", "1.1.2024",
    ]));
    assert_eq!(out.lines().count(), 1 + 22, "{out}");
}

#[test]
fn an_unknown_name_or_kind_is_a_usage_error() {
    let o = oske(&["registry", "municipality", "Xyzzy"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).starts_with("the registry has no municipality \"Xyzzy\""),
        "{}",
        stderr(&o)
    );
    let o = oske(&["registry", "list", "parishes"]);
    assert_eq!(o.status.code(), Some(2));
    let o = oske(&["registry", "municipality", "320", "--date", "31.2.2020"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn options_before_the_command_and_a_registry_of_ones_own() {
    // The language given before the command.
    let o = oske(&[
        "--lang",
        "fi",
        "registry",
        "municipality",
        "kemijarvi",
        "--date",
        "1.1.2020",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(
        "Huom.: \"kemijarvi\" on Kemijärvi (320) (tarkkeet ohitettu).\nKunta: Kemijärvi (320)\n"
    ));
    // A registry of one's own answers instead of the embedded one.
    let dir = std::env::temp_dir().join(format!("oske-registry-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mine.json");
    std::fs::write(
        &path,
        r#"{"format_version": 2, "regions": [{"code": "15", "name": {"fi": "Pohjanmaa"}}],
            "municipalities": [{"code": "905", "name": {"fi": "Vaasa", "sv": "Vasa"},
                                "regions": [{"region": "15"}]}],
            "centres": [{"id": "c", "short_name": "Oma", "name": {"fi": "Oma keskus"},
                         "areas": [{"region": "15"}]}]}"#,
    )
    .unwrap();
    let o = oske(&[
        "--registry",
        path.to_str().unwrap(),
        "registry",
        "municipality",
        "Vasa",
        "--date",
        "1.1.2030",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Municipality: Vaasa (905)\n\
         \x20 Names:                       Vaasa (fi), Vasa (sv)\n\
         \x20 Valid:                       throughout (no first or last day recorded)\n\
         On 1.1.2030:\n\
         \x20 Region:                      Pohjanmaa (15)\n\
         \x20 Wellbeing services county:   –\n\
         \x20 Cooperation area:            –\n\
         \x20 Centre:                      Oma\n"
    );
}

#[test]
fn with_no_question_it_still_prints_the_registry() {
    let o = oske(&["registry"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["format_version"], 2);
}
