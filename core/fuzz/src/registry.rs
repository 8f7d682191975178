//! The registry reader's invariant (fuzz target `registry`, stable test
//! `core/tests/loaders_fuzz.rs`): any bytes either fail to load with an error or
//! load into a registry that
//!
//! - written as JSON, loads again into the same data;
//! - answers every look-up for every code it holds on the dates that matter (its
//!   coverage, each validity bound) without a panic, and resolves every name it
//!   holds to something (not "unknown");
//! - validates a seed document without a panic.

use chrono::NaiveDate;
use oske::registry::{CodeKind, PopulationArea, Resolution};
use oske::{Lang, Registry};

/// `Err` names the broken invariant; a panic is a finding too.
pub fn check(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let Ok(reg) = Registry::from_json(text) else {
        return Ok(());
    };
    let json = serde_json::to_string(reg.data()).map_err(|e| e.to_string())?;
    let back = Registry::from_json(&json)
        .map_err(|e| format!("a written registry does not load: {e}\n{json}"))?;
    if back.data() != reg.data() {
        return Err(format!("JSON round trip changed the registry\n{json}"));
    }
    let d = reg.data();
    let mut dates: Vec<NaiveDate> = vec![NaiveDate::MIN, NaiveDate::MAX];
    if let Some(c) = &d.coverage {
        dates.extend([c.start, c.end]);
    }
    for m in &d.municipalities {
        dates.extend(m.valid.from.iter().chain(m.valid.to.iter()).copied());
    }
    dates.sort();
    dates.dedup();
    dates.truncate(16);
    for &on in &dates {
        let _ = reg.effective_date(on);
        let _ = reg.covers(on);
        let _ = reg.municipalities_on(on).count();
        for m in &d.municipalities {
            let code = m.code.as_str();
            let _ = reg.municipality_on(code, on);
            let _ = reg.region_of_municipality(code, on);
            let _ = reg.county_of_municipality(code, on);
            let _ = reg.cooperation_area_of_municipality(code, on);
            let _ = reg.centres_for_municipality(code, on);
            let _ = reg.centre_of_municipality(code, on);
            let _ = reg.successor_on(code, on);
            let _ = reg.population_of(PopulationArea::Municipality, code, on);
        }
        for r in &d.regions {
            let _ = reg.municipalities_of_region(&r.code, on);
            let _ = reg.centres_for_region(&r.code, on);
            let _ = reg.population_of(PopulationArea::Region, &r.code, on);
        }
        for c in &d.counties {
            let _ = reg.municipalities_of_county(&c.code, on);
            let _ = reg.cooperation_area_of_county(&c.code, on);
            let _ = reg.population_of(PopulationArea::County, &c.code, on);
        }
        for c in &d.centres {
            let _ = reg.centre_on(&c.id, on);
            let _ = reg.municipalities_of_centre(&c.id, on);
        }
    }
    for m in &d.municipalities {
        let _ = reg.successor_chain(&m.code);
        let _ = reg.label(CodeKind::Municipality, &m.code, Lang::Sv);
        let on = m.valid.from.unwrap_or(NaiveDate::MIN);
        for name in [&m.name.fi, &m.name.sv].into_iter().flatten() {
            let found = reg.resolve(CodeKind::Municipality, name, on);
            if name.chars().any(char::is_alphanumeric) && matches!(found, Resolution::Unknown(_)) {
                return Err(format!("the name {name:?} of {} is not found", m.code));
            }
        }
    }
    let all = oske::datasets::Dataset::ALL;
    let _ = oske::validate(&all[data.len() % all.len()].document(), &reg);
    Ok(())
}
