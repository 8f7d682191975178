//! Guarantees of the public API: thread safety, error traits, registry answers.

use chrono::NaiveDate;
use oske::registry::Lookup;
use oske::{Bp, Cents, Registry};

fn assert_send_sync<T: Send + Sync + 'static>() {}
fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<oske::Document>();
    assert_send_sync::<oske::Registry>();
    assert_send_sync::<oske::Report>();
    assert_send_sync::<oske::Issue>();
    assert_send_sync::<oske::Loaded>();
    assert_send_sync::<oske::ConsultationProgramme>();
    assert_error::<oske::JsonError>();
    assert_error::<oske::ProtocolError>();
    assert_error::<oske::DateParseError>();
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn which_centre_covered_isokyro_and_in_which_region() {
    let reg = Registry::embedded();
    let on = d(2020, 6, 1);
    let region = reg.region_of_municipality("152", on).unwrap();
    assert_eq!(
        (region.code.as_str(), region.name.fi.as_deref()),
        ("15", Some("Pohjanmaa"))
    );
    let centres: Vec<&str> = reg
        .centres_for_municipality("152", on)
        .iter()
        .map(|c| c.short_name.as_str())
        .collect();
    assert_eq!(centres, ["SONet BOTNIA"]);
    let later = reg.region_of_municipality("152", d(2021, 6, 1)).unwrap();
    assert_eq!(later.name.sv.as_deref(), Some("Södra Österbotten"));
}

#[test]
fn unknown_and_retired_codes_are_answers_not_panics() {
    let reg = Registry::embedded();
    assert!(matches!(
        reg.municipality_on("999", d(2020, 1, 1)),
        Lookup::Unknown
    ));
    assert!(reg.region_of_municipality("999", d(2020, 1, 1)).is_none());
    assert!(matches!(
        reg.centre_on("sonet-botnia", d(2025, 7, 1)),
        Lookup::NotValid(..)
    ));
    assert!(reg.centres_for_municipality("", d(2020, 1, 1)).is_empty());
}

#[test]
fn the_registry_json_round_trips_and_user_registries_load() {
    let reg = Registry::from_json(Registry::embedded_json()).unwrap();
    assert_eq!(&reg, Registry::embedded());
    let own = Registry::from_json(
        r#"{"name": "test", "regions": [{"code": "19", "name": {"fi": "Lappi"}}],
            "municipalities": [{"code": "148", "name": {"fi": "Inari"}, "regions": [{"region": "19"}]}]}"#,
    )
    .unwrap();
    assert_eq!(
        own.region_of_municipality("148", d(1990, 1, 1))
            .unwrap()
            .code,
        "19"
    );
    let err = Registry::from_json(r#"{"regions": [{"code": "19", "name": {}, "colour": 1}]}"#)
        .unwrap_err();
    assert_eq!(err.pointer.as_deref(), Some("/regions/0/colour"));
}

#[test]
fn money_shares_and_nordic_task() {
    assert_eq!(
        oske::nordic_special_task_amount(Cents::from_euros(10_000_000)),
        Cents::from_euros(75_000)
    );
    // Half a cent rounds away from zero: 0.75 % of 2,00 € = 1.5 cents -> 2 cents.
    assert_eq!(Cents(200).share(Bp(75)), Cents(2));
    assert_eq!(Cents(-200).share(Bp(75)), Cents(-2));
    assert_eq!(Cents(i64::MAX).share(Bp(10_000)), Cents(i64::MAX));
    assert_eq!(Cents(182_820_400).to_string(), "1 828 204,00 €");
    assert_eq!(Cents(-5).to_string(), "-0,05 €");
    assert_eq!(Bp(75).to_string(), "0.75 %");
    assert_eq!(Bp(7500).to_string(), "75 %");
}

#[test]
fn dates_read_finnish_and_iso() {
    assert_eq!(oske::parse_date(" 1.11.2008 ").unwrap(), d(2008, 11, 1));
    assert_eq!(oske::parse_date("01.11.2008").unwrap(), d(2008, 11, 1));
    for bad in [
        "2008-11-1",
        "1.11.08",
        "1/11/2008",
        "",
        "1.11.2008.",
        "+1.11.2008",
        "1.13.2008",
    ] {
        assert!(oske::parse_date(bad).is_err(), "{bad:?}");
    }
    assert_eq!(oske::format_date_fi(d(2018, 2, 14)), "14.2.2018");
}

#[test]
fn iso_dates_are_written_as_chrono_formats_them() {
    // `format_date_iso` writes `NaiveDate`'s `Display` (smaller than chrono's format
    // strings); it must stay `%Y-%m-%d` over the whole range, signs and padding included.
    let dates = [
        chrono::NaiveDate::MIN,
        d(-1, 12, 31),
        d(0, 1, 1),
        d(1, 2, 3),
        d(999, 12, 31),
        d(1000, 1, 1),
        d(2019, 12, 31),
        d(9999, 12, 31),
        d(10_000, 1, 1),
        chrono::NaiveDate::MAX,
    ];
    for date in dates {
        assert_eq!(
            oske::format_date_iso(date),
            date.format("%Y-%m-%d").to_string()
        );
    }
    assert_eq!(oske::format_date_iso(d(999, 1, 2)), "0999-01-02");
    assert_eq!(oske::format_date_iso(d(10_000, 1, 31)), "+10000-01-31");
    assert_eq!(oske::format_date_iso(d(-1, 12, 31)), "-0001-12-31");
}
