//! The short summary printed after the embedded datasets' report.

use oske::consultation::ConsultationState;
use oske::{Document, Lang, Registry};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Measures per priority × region, budget by source, consultation states.
pub fn summary(doc: &Document, lang: Lang) -> String {
    let mut s = String::new();
    let reg = Registry::embedded();
    for plan in &doc.action_plans {
        let _ = writeln!(
            s,
            "Measures per priority × region — {}",
            plan.title.get(lang).unwrap_or(&plan.id)
        );
        let regions: Vec<&str> = plan.sections.iter().map(|x| x.region.as_str()).collect();
        let region_names: Vec<String> = regions
            .iter()
            .map(|r| {
                reg.region(r)
                    .and_then(|x| x.name.get(lang).map(str::to_owned))
                    .unwrap_or_else(|| (*r).to_owned())
            })
            .collect();
        // Row key: the common priority a measure serves (local items map to one when they can).
        let mut rows: BTreeMap<(u32, String), Vec<usize>> = BTreeMap::new();
        for p in &plan.priorities {
            rows.insert(
                (p.number, p.title.get(lang).unwrap_or(&p.id).to_owned()),
                vec![0; regions.len()],
            );
        }
        let unassigned = (u32::MAX, "(no common priority)".to_owned());
        for (col, sec) in plan.sections.iter().enumerate() {
            for m in &sec.measures {
                let common = m.priority.as_deref().and_then(|pid| {
                    plan.priorities.iter().find(|p| p.id == pid).or_else(|| {
                        sec.local_priorities
                            .iter()
                            .find(|lp| lp.id == pid)
                            .and_then(|lp| lp.maps_to.as_deref())
                            .and_then(|c| plan.priorities.iter().find(|p| p.id == c))
                    })
                });
                let key = match common {
                    Some(p) => (p.number, p.title.get(lang).unwrap_or(&p.id).to_owned()),
                    None => unassigned.clone(),
                };
                rows.entry(key).or_insert_with(|| vec![0; regions.len()])[col] += 1;
            }
        }
        let _ = write!(s, "  {:<58}", "priority");
        for n in &region_names {
            let _ = write!(s, " {:>16}", truncate(n, 16));
        }
        let _ = writeln!(s, " {:>6}", "total");
        for ((num, title), counts) in &rows {
            let label = if *num == u32::MAX {
                title.clone()
            } else {
                format!("{num}. {title}")
            };
            let _ = write!(s, "  {:<58}", truncate(&label, 58));
            for c in counts {
                let _ = write!(s, " {c:>16}");
            }
            let _ = writeln!(s, " {:>6}", counts.iter().sum::<usize>());
        }
        s.push('\n');
    }
    for p in &doc.projects {
        let Some(b) = &p.budget else { continue };
        let _ = writeln!(
            s,
            "Budget by source — {} ({})",
            p.name.get(lang).unwrap_or(&p.id),
            p.period
        );
        for src in &b.sources {
            let name = p
                .organisations
                .iter()
                .find(|o| o.id == src.funder)
                .and_then(|o| o.name.get(lang))
                .unwrap_or(&src.funder);
            let _ = writeln!(
                s,
                "  {:<58} {:>18}",
                truncate(name, 58),
                src.amount.to_string()
            );
        }
        let _ = writeln!(s, "  {:<58} {:>18}", "total", b.total.to_string());
        s.push('\n');
    }
    for prog in &doc.consultation_programmes {
        let _ = writeln!(
            s,
            "Consultation states — {}",
            prog.name.get(lang).unwrap_or(&prog.id)
        );
        if prog.illustrative {
            let _ = writeln!(
                s,
                "  illustrative: a walk-through of the protocol, not a record of real trials"
            );
        }
        let mut counts: BTreeMap<ConsultationState, usize> = BTreeMap::new();
        for c in &prog.consultations {
            *counts.entry(c.state).or_default() += 1;
        }
        for (state, n) in counts {
            let _ = writeln!(s, "  {:<20} {n}", state.as_str());
        }
        let _ = writeln!(
            s,
            "  concept modelled: {}",
            if prog.concept.is_some() { "yes" } else { "no" }
        );
        s.push('\n');
    }
    s
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
