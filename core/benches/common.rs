//! Shared by the table benchmarks: a deterministic measures table of any size.

use chrono::NaiveDate;
use oske::plan::{
    Frequency, FrequencyUnit, Measure, MeasureKind, MeasureStatus, Schedule, ServiceArea,
};
use oske::tables::{Dialect, MeasureWriter};
use oske::{LocalizedText, Period};
use std::io::Write;

const KINDS: [MeasureKind; 6] = [
    MeasureKind::Network,
    MeasureKind::Workshop,
    MeasureKind::ThemedAfternoon,
    MeasureKind::Survey,
    MeasureKind::Event,
    MeasureKind::Consultation,
];

const AREAS: [ServiceArea; 4] = [
    ServiceArea::ChildProtection,
    ServiceArea::AdultSocialWork,
    ServiceArea::DisabilityServices,
    ServiceArea::OlderPeople,
];

/// Measure number `i`: realistic Finnish and Swedish titles, a period, dates every
/// fourth row, a frequency every third, partners, statuses.
pub fn measure(i: u64) -> Measure {
    let day = |n: u64| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(n % 700);
    let start = day(i * 7);
    let k = i as usize;
    Measure {
        id: format!("m{i}"),
        title: LocalizedText {
            fi: Some(format!("Lastensuojelun työpaja {i}, Seinäjoki")),
            sv: (i % 2 == 0).then(|| format!("Barnskyddets verkstad {i}")),
            en: None,
        },
        kind: KINDS[k % KINDS.len()],
        priority: Some(format!("p{}", 1 + i % 5)),
        service_areas: vec![AREAS[k % 4], AREAS[(k + 1) % 4]],
        schedule: Some(Schedule {
            period: Some(Period::new(start, start + chrono::Days::new(30))),
            dates: if i % 4 == 0 {
                vec![start + chrono::Days::new(3)]
            } else {
                Vec::new()
            },
            note: (i % 5 == 0).then(|| "syksy 2020".to_string()),
        }),
        frequency: (i % 3 == 0).then(|| Frequency {
            min_times: 2,
            per: FrequencyUnit::Year,
            qualifier: Default::default(),
            note: Some("vähintään 2 x vuodessa".into()),
        }),
        partners: vec![
            "Pohjanmaan hyvinvointialue".into(),
            "Vaasan yliopisto".into(),
        ],
        status: if i % 7 == 0 {
            MeasureStatus::Done
        } else {
            MeasureStatus::Planned
        },
        network: None,
        instruments: Vec::new(),
    }
}

/// Writes `rows` measures (Excel-Finnish dialect when `excel`), streaming.
pub fn write_measures<W: Write>(w: W, rows: u64, excel: bool) -> W {
    let dialect = if excel {
        Dialect::EXCEL_FI
    } else {
        Dialect::STANDARD
    };
    let mut mw = MeasureWriter::new(w, &dialect).expect("header");
    for i in 0..rows {
        let region = ["14", "15", "16"][(i % 3) as usize];
        mw.write("sonet-botnia-2020", region, &measure(i))
            .expect("row");
    }
    mw.finish().expect("flush")
}
