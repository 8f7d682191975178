//! The short summary printed after the embedded datasets' report.

use crate::i18n::t;
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
            "{} — {}",
            t(
                lang,
                "Measures per priority × region",
                "Toimenpiteet painopisteittäin ja maakunnittain",
                "Åtgärder per prioritering och landskap"
            ),
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
        let unassigned = (
            u32::MAX,
            t(
                lang,
                "(no common priority)",
                "(ei yhteistä painopistettä)",
                "(ingen gemensam prioritering)",
            )
            .to_owned(),
        );
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
        let _ = write!(
            s,
            "  {:<58}",
            t(lang, "priority", "painopiste", "prioritering")
        );
        for n in &region_names {
            let _ = write!(s, " {:>16}", truncate(n, 16));
        }
        let _ = writeln!(s, " {:>6}", t(lang, "total", "yht.", "totalt"));
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
            "{} — {} ({})",
            t(
                lang,
                "Budget by source",
                "Talousarvio rahoituslähteittäin",
                "Budget per finansieringskälla"
            ),
            p.name.get(lang).unwrap_or(&p.id),
            oske::l10n::period(lang, &p.period)
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
                oske::l10n::money(lang, src.amount)
            );
        }
        let _ = writeln!(
            s,
            "  {:<58} {:>18}",
            t(lang, "total", "yhteensä", "totalt"),
            oske::l10n::money(lang, b.total)
        );
        s.push('\n');
    }
    for prog in &doc.consultation_programmes {
        let _ = writeln!(
            s,
            "{} — {}",
            t(
                lang,
                "Consultation states",
                "Konsultaatioiden tilat",
                "Konsultationernas status"
            ),
            prog.name.get(lang).unwrap_or(&prog.id)
        );
        if prog.illustrative {
            let _ = writeln!(
                s,
                "  {}",
                t(
                    lang,
                    "illustrative: a walk-through of the protocol, not a record of real trials",
                    "havainnollistus: protokollan läpikäynti, ei todellisten kokeilujen kirjaus",
                    "illustration: en genomgång av protokollet, inte en redogörelse för verkliga försök"
                )
            );
        }
        let mut counts: BTreeMap<ConsultationState, usize> = BTreeMap::new();
        for c in &prog.consultations {
            *counts.entry(c.state).or_default() += 1;
        }
        for (state, n) in counts {
            let _ = writeln!(s, "  {:<20} {n}", state.label(lang));
        }
        let _ = writeln!(
            s,
            "  {}: {}",
            t(
                lang,
                "concept modelled",
                "konsepti mallinnettu",
                "konceptet modellerat"
            ),
            if prog.concept.is_some() {
                t(lang, "yes", "kyllä", "ja")
            } else {
                t(lang, "no", "ei", "nej")
            }
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
