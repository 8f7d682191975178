//! `oske registry …`: the registry's look-ups on a date, in the chosen language — a
//! municipality, region, wellbeing services county, cooperation area or centre by code
//! or name (Finnish or Swedish, any case, accents optional), where it belongs and what
//! belongs to it; names, not ids; dates as 1.11.2008.

use crate::i18n::t;
use crate::{Failure, Outcome, Res};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use oske::registry::{CodeKind, Resolution};
use oske::{Lang, Registry, Validity};
use std::io::Write;

/// The questions `oske registry` answers.
#[derive(Subcommand, Clone)]
pub(crate) enum Query {
    /// A municipality on a date: its names, validity, region, wellbeing services
    /// county, cooperation area and centre, and where its area went if it merged.
    Municipality(Lookup),
    /// A region (maakunta) on a date: its municipalities and centres.
    Region(Lookup),
    /// A wellbeing services county (hyvinvointialue) on a date: its cooperation area,
    /// municipalities and centre.
    County(Lookup),
    /// A cooperation area (yhteistyöalue) on a date: its counties and centre.
    CooperationArea(Lookup),
    /// A competence centre on a date: its host, area and municipalities.
    Centre(Lookup),
    /// Everything of one kind that is valid on a date.
    List {
        /// municipalities, regions, counties, cooperation-areas or centres.
        #[arg(value_parser = parse_kind)]
        kind: CodeKind,
        #[command(flatten)]
        on: On,
    },
}

/// A code or a name, and the date.
#[derive(Args, Clone)]
pub(crate) struct Lookup {
    /// A code (`320`, `19`, `sonet-botnia`) or a Finnish or Swedish name
    /// (`Kemijärvi`, `kemijarvi`, `Uleåborg`).
    #[arg(value_name = "CODE_OR_NAME")]
    what: String,
    #[command(flatten)]
    on: On,
}

/// The date of a look-up.
#[derive(Args, Clone)]
pub(crate) struct On {
    /// The date (1.1.2020 or 2020-01-01) [default: today].
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    date: Option<NaiveDate>,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    oske::parse_date(s).map_err(|e| e.to_string())
}

fn parse_kind(s: &str) -> Result<CodeKind, String> {
    match s {
        "municipalities" | "municipality" => Ok(CodeKind::Municipality),
        "regions" | "region" => Ok(CodeKind::Region),
        "counties" | "county" => Ok(CodeKind::County),
        "cooperation-areas" | "cooperation-area" => Ok(CodeKind::CooperationArea),
        "centres" | "centre" => Ok(CodeKind::Centre),
        _ => Err(format!(
            "unknown kind {s:?}: municipalities, regions, counties, cooperation-areas or centres"
        )),
    }
}

/// d.m.yyyy, as the brief's documents write dates.
fn day(d: NaiveDate) -> String {
    oske::format_date_fi(d)
}

fn validity(lang: Lang, v: &Validity) -> String {
    match (v.from, v.to) {
        (None, None) => t(
            lang,
            "throughout (no first or last day recorded)",
            "koko ajan (ei alku- eikä loppupäivää)",
            "hela tiden (ingen första eller sista dag)",
        )
        .to_owned(),
        (Some(f), None) => match lang {
            Lang::Fi => format!("{} alkaen", day(f)),
            Lang::Sv => format!("från och med {}", day(f)),
            _ => format!("from {}", day(f)),
        },
        (None, Some(to)) => match lang {
            Lang::Fi => format!("{} asti", day(to)),
            Lang::Sv => format!("till och med {}", day(to)),
            _ => format!("until {}", day(to)),
        },
        (Some(f), Some(to)) => format!("{}–{}", day(f), day(to)),
    }
}

/// The heading word of a kind, capitalised.
fn kind_word(lang: Lang, kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Municipality => t(lang, "Municipality", "Kunta", "Kommun"),
        CodeKind::Region => t(lang, "Region", "Maakunta", "Landskap"),
        CodeKind::County => t(
            lang,
            "Wellbeing services county",
            "Hyvinvointialue",
            "Välfärdsområde",
        ),
        CodeKind::CooperationArea => {
            t(lang, "Cooperation area", "Yhteistyöalue", "Samarbetsområde")
        }
        CodeKind::Centre => t(lang, "Centre", "Osaamiskeskus", "Kompetenscentrum"),
    }
}

/// Finds the entry `what` names, on `date`; notes how it was found when not by its
/// code or exact name. An unknown or ambiguous text is an error (exit 2) naming the
/// closest names or the candidates.
fn find(reg: &Registry, kind: CodeKind, what: &str, date: NaiveDate, ctx: &mut W) -> Res<String> {
    let lang = ctx.lang;
    let label = |c: &str| reg.label(kind, c, lang);
    match reg.resolve(kind, what, date) {
        Resolution::Code(c) | Resolution::Name(c) => Ok(c.to_owned()),
        Resolution::Folded(c) => {
            writeln!(
                ctx.out,
                "{}",
                match lang {
                    Lang::Fi => format!("Huom.: \"{what}\" on {} (tarkkeet ohitettu).", label(c)),
                    Lang::Sv => format!(
                        "Obs.: \"{what}\" är {} (utan diakritiska tecken).",
                        label(c)
                    ),
                    _ => format!("Note: \"{what}\" is {} (accents ignored).", label(c)),
                }
            )?;
            Ok(c.to_owned())
        }
        Resolution::OtherDate(c) => {
            writeln!(
                ctx.out,
                "{}",
                match lang {
                    Lang::Fi => format!("Huom.: {} ei ole voimassa {}.", label(c), day(date)),
                    Lang::Sv => format!("Obs.: {} gäller inte den {}.", label(c), day(date)),
                    _ => format!("Note: {} is not valid on {}.", label(c), day(date)),
                }
            )?;
            Ok(c.to_owned())
        }
        Resolution::Ambiguous(codes) => {
            let names: Vec<String> = codes.iter().map(|c| label(c)).collect();
            Err(Failure::Run(match lang {
                Lang::Fi => format!("\"{what}\" on monitulkintainen: {}", names.join(", ")),
                Lang::Sv => format!("\"{what}\" är tvetydigt: {}", names.join(", ")),
                _ => format!("\"{what}\" is ambiguous: {}", names.join(", ")),
            }))
        }
        Resolution::Unknown(closest) => {
            let names: Vec<String> = closest.iter().map(|c| label(c)).collect();
            let kind = kind_word(lang, kind).to_lowercase();
            let mut msg = match lang {
                Lang::Fi => format!("rekisterissä ei ole tätä: {kind} \"{what}\""),
                Lang::Sv => format!("registret har ingen sådan: {kind} \"{what}\""),
                _ => format!("the registry has no {kind} \"{what}\""),
            };
            if !names.is_empty() {
                msg.push_str(&match lang {
                    Lang::Fi => format!("; lähimmät: {}", names.join(", ")),
                    Lang::Sv => format!("; närmast: {}", names.join(", ")),
                    _ => format!("; closest: {}", names.join(", ")),
                });
            }
            Err(Failure::Run(msg))
        }
    }
}

/// Where the answer goes, and in which language.
pub(crate) struct W<'a> {
    pub lang: Lang,
    pub out: &'a mut dyn Write,
}

/// One `label: value` line, the labels padded to one width.
fn line(ctx: &mut W, label: &str, value: &str) -> Res<()> {
    writeln!(ctx.out, "  {:<28} {value}", format!("{label}:"))?;
    Ok(())
}

fn none(lang: Lang) -> &'static str {
    t(lang, "–", "–", "–")
}

/// The answer to one question.
pub(crate) fn run(query: &Query, reg: &Registry, ctx: &mut W) -> Res<Outcome> {
    let lang = ctx.lang;
    let today = || chrono::Local::now().date_naive();
    match query {
        Query::List { kind, on } => {
            let date = on.date.unwrap_or_else(today);
            let used = reg.effective_date(date);
            header_date(ctx, date, used)?;
            let mut codes: Vec<String> = match kind {
                CodeKind::Municipality => reg
                    .municipalities_on(used)
                    .map(|m| m.code.clone())
                    .collect(),
                CodeKind::Region => reg
                    .regions
                    .iter()
                    .filter(|r| r.valid.contains(used))
                    .map(|r| r.code.clone())
                    .collect(),
                CodeKind::County => reg
                    .counties
                    .iter()
                    .filter(|r| r.valid.contains(used))
                    .map(|r| r.code.clone())
                    .collect(),
                CodeKind::CooperationArea => reg
                    .cooperation_areas
                    .iter()
                    .filter(|r| r.valid.contains(used))
                    .map(|r| r.code.clone())
                    .collect(),
                CodeKind::Centre => reg
                    .centres
                    .iter()
                    .filter(|c| c.valid.contains(used))
                    .map(|c| c.id.clone())
                    .collect(),
            };
            codes.sort();
            for c in &codes {
                writeln!(ctx.out, "{}", reg.label(*kind, c, lang))?;
            }
            Ok(Outcome::Clean)
        }
        Query::Municipality(l) => {
            let date = l.on.date.unwrap_or_else(today);
            let code = find(reg, CodeKind::Municipality, &l.what, date, ctx)?;
            let used = reg.effective_date(date);
            let m = reg
                .municipality(&code)
                .ok_or_else(|| Failure::Run(code.clone()))?;
            writeln!(
                ctx.out,
                "{}: {}",
                kind_word(lang, CodeKind::Municipality),
                reg.label(CodeKind::Municipality, &code, lang)
            )?;
            names(ctx, &m.name)?;
            line(
                ctx,
                t(lang, "Valid", "Voimassa", "Giltig"),
                &validity(lang, &m.valid),
            )?;
            let chain = reg.successor_chain(&code);
            if !chain.is_empty() {
                let path: Vec<String> = chain
                    .iter()
                    .map(|s| reg.label(CodeKind::Municipality, &s.code, lang))
                    .collect();
                line(
                    ctx,
                    t(lang, "Merged into", "Liitetty", "Sammanslagen med"),
                    &path.join(" → "),
                )?;
            }
            header_date(ctx, date, used)?;
            if !m.valid.contains(used) {
                let now = reg
                    .successor_on(&code, used)
                    .map(|s| reg.label(CodeKind::Municipality, &s.code, lang));
                line(
                    ctx,
                    t(
                        lang,
                        "Not valid; its area is in",
                        "Ei voimassa; alue kuuluu",
                        "Gäller inte; området hör till",
                    ),
                    now.as_deref().unwrap_or(none(lang)),
                )?;
                return Ok(Outcome::Clean);
            }
            let region = reg
                .region_of_municipality(&code, used)
                .map(|r| reg.label(CodeKind::Region, &r.code, lang));
            line(
                ctx,
                kind_word(lang, CodeKind::Region),
                region.as_deref().unwrap_or(none(lang)),
            )?;
            let county = reg
                .county_of_municipality(&code, used)
                .map(|c| reg.label(CodeKind::County, &c.code, lang));
            line(
                ctx,
                kind_word(lang, CodeKind::County),
                county.as_deref().unwrap_or(none(lang)),
            )?;
            let area = reg
                .cooperation_area_of_municipality(&code, used)
                .map(|a| reg.label(CodeKind::CooperationArea, &a.code, lang));
            line(
                ctx,
                kind_word(lang, CodeKind::CooperationArea),
                area.as_deref().unwrap_or(none(lang)),
            )?;
            let centres: Vec<String> = reg
                .centres_for_municipality(&code, used)
                .iter()
                .map(|c| reg.label(CodeKind::Centre, &c.id, lang))
                .collect();
            line(
                ctx,
                kind_word(lang, CodeKind::Centre),
                &list_or_none(lang, &centres),
            )?;
            Ok(Outcome::Clean)
        }
        Query::Region(l) | Query::County(l) | Query::CooperationArea(l) | Query::Centre(l) => {
            let kind = match query {
                Query::Region(_) => CodeKind::Region,
                Query::County(_) => CodeKind::County,
                Query::CooperationArea(_) => CodeKind::CooperationArea,
                _ => CodeKind::Centre,
            };
            let date = l.on.date.unwrap_or_else(today);
            let code = find(reg, kind, &l.what, date, ctx)?;
            let used = reg.effective_date(date);
            writeln!(
                ctx.out,
                "{}: {}",
                kind_word(lang, kind),
                reg.label(kind, &code, lang)
            )?;
            let (name, valid) = match kind {
                CodeKind::Region => reg.region(&code).map(|r| (r.name.clone(), r.valid)),
                CodeKind::County => reg.county(&code).map(|r| (r.name.clone(), r.valid)),
                CodeKind::CooperationArea => reg
                    .cooperation_area(&code)
                    .map(|r| (r.name.clone(), r.valid)),
                _ => reg.centre(&code).map(|r| (r.name.clone(), r.valid)),
            }
            .ok_or_else(|| Failure::Run(code.clone()))?;
            names(ctx, &name)?;
            line(
                ctx,
                t(lang, "Valid", "Voimassa", "Giltig"),
                &validity(lang, &valid),
            )?;
            if let Some(c) = reg.centre(&code).filter(|_| kind == CodeKind::Centre) {
                if let Some(h) = &c.host {
                    line(
                        ctx,
                        t(lang, "Host", "Hallinnoija", "Huvudman"),
                        h.get(lang).unwrap_or_default(),
                    )?;
                }
                if let Some(s) = c.statutory_centre.as_ref().filter(|s| *s != &c.name) {
                    line(
                        ctx,
                        t(
                            lang,
                            "Statutory centre",
                            "Asetuksen osaamiskeskus",
                            "Förordningens kompetenscentrum",
                        ),
                        s.get(lang).unwrap_or_default(),
                    )?;
                }
                if let Some(s) = &c.successor {
                    line(
                        ctx,
                        t(lang, "Successor", "Seuraaja", "Efterföljare"),
                        &reg.label(CodeKind::Centre, s, lang),
                    )?;
                }
                if let Some(scope) = &c.nationwide_scope {
                    line(
                        ctx,
                        t(lang, "Scope", "Toimialue", "Verksamhetsområde"),
                        scope.get(lang).unwrap_or_default(),
                    )?;
                }
            }
            header_date(ctx, date, used)?;
            if !valid.contains(used) {
                line(
                    ctx,
                    t(lang, "Not valid", "Ei voimassa", "Gäller inte"),
                    &validity(lang, &valid),
                )?;
                return Ok(Outcome::Clean);
            }
            if kind == CodeKind::County {
                let a = reg
                    .cooperation_area_of_county(&code, used)
                    .map(|a| reg.label(CodeKind::CooperationArea, &a.code, lang));
                line(
                    ctx,
                    kind_word(lang, CodeKind::CooperationArea),
                    a.as_deref().unwrap_or(none(lang)),
                )?;
            }
            if kind == CodeKind::CooperationArea {
                let counties: Vec<String> = reg
                    .counties_of_cooperation_area(&code, used)
                    .iter()
                    .map(|c| reg.label(CodeKind::County, &c.code, lang))
                    .collect();
                line(
                    ctx,
                    t(lang, "Counties", "Hyvinvointialueet", "Välfärdsområden"),
                    &list_or_none(lang, &counties),
                )?;
            }
            let members: Vec<&oske::registry::Municipality> = match kind {
                CodeKind::Region => reg.municipalities_of_region(&code, used),
                CodeKind::County => reg.municipalities_of_county(&code, used),
                CodeKind::CooperationArea => reg
                    .counties_of_cooperation_area(&code, used)
                    .iter()
                    .flat_map(|c| reg.municipalities_of_county(&c.code, used))
                    .collect(),
                _ => reg.municipalities_of_centre(&code, used),
            };
            if kind != CodeKind::Centre {
                let mut centres: Vec<String> = Vec::new();
                for m in &members {
                    for c in reg.centres_for_municipality(&m.code, used) {
                        let l = reg.label(CodeKind::Centre, &c.id, lang);
                        if !centres.contains(&l) {
                            centres.push(l);
                        }
                    }
                }
                line(
                    ctx,
                    t(lang, "Centres", "Osaamiskeskukset", "Kompetenscentrum"),
                    &list_or_none(lang, &centres),
                )?;
            }
            let mut labels: Vec<String> = members
                .iter()
                .map(|m| reg.label(CodeKind::Municipality, &m.code, lang))
                .collect();
            labels.sort();
            let heading = match lang {
                Lang::Fi => format!("Kunnat ({})", labels.len()),
                Lang::Sv => format!("Kommuner ({})", labels.len()),
                _ => format!("Municipalities ({})", labels.len()),
            };
            line(ctx, &heading, &list_or_none(lang, &labels))?;
            Ok(Outcome::Clean)
        }
    }
}

fn list_or_none(lang: Lang, items: &[String]) -> String {
    if items.is_empty() {
        none(lang).to_owned()
    } else {
        items.join(", ")
    }
}

/// The Finnish and Swedish names, when they differ from the label's.
fn names(ctx: &mut W, name: &oske::LocalizedText) -> Res<()> {
    let lang = ctx.lang;
    let mut parts = Vec::new();
    for (l, tag) in [(Lang::Fi, "fi"), (Lang::Sv, "sv")] {
        if let Some(n) = name.exact(l) {
            parts.push(format!("{n} ({tag})"));
        }
    }
    if !parts.is_empty() {
        line(ctx, t(lang, "Names", "Nimet", "Namn"), &parts.join(", "))?;
    }
    Ok(())
}

/// "On 1.1.2020:" — and, outside the registry's coverage, which map answers.
fn header_date(ctx: &mut W, date: NaiveDate, used: NaiveDate) -> Res<()> {
    let lang = ctx.lang;
    if used == date {
        writeln!(
            ctx.out,
            "{}",
            match lang {
                Lang::Fi => format!("{}:", day(date)),
                Lang::Sv => format!("Den {}:", day(date)),
                _ => format!("On {}:", day(date)),
            }
        )?;
    } else {
        writeln!(
            ctx.out,
            "{}",
            match lang {
                Lang::Fi => format!(
                    "{} (rekisteri ei kata päivää; aluejako {} mukaan):",
                    day(date),
                    day(used)
                ),
                Lang::Sv => format!(
                    "Den {} (registret täcker inte dagen; indelningen den {}):",
                    day(date),
                    day(used)
                ),
                _ => format!(
                    "On {} (outside the registry; the map of {}):",
                    day(date),
                    day(used)
                ),
            }
        )?;
    }
    Ok(())
}
