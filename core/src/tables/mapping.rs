//! One declarative mapping per table: which field of the row's entity each column
//! fills, and how (a [`bind`]ing: text, a date, a code of a list, a registry code,
//! three language columns…). The same mapping reads a row into the entity
//! (import, whatever the row came from: CSV bytes, a workbook sheet, Python
//! records or a DataFrame — they all end in a [`Row`]) and writes the entity as
//! typed [`Cell`]s (export: CSV, workbook, Arrow). What stays hand-written in
//! `import.rs` and `export.rs` is the placement: the parent join columns
//! (`plan_id`, `project_id`…), keys and duplicates, and routing (a priority to its
//! plan or to a section, an approval to a plan or a special task).
//!
//! A binding reads its cells in the order the mapping lists them, so the issues of
//! a row come in that order; each problem is reported at its cell by the [`Row`].
//!
//! Optional column groups (a budget, a frequency, a headcount, a consultation's
//! session…) are bindings of several columns, declared once like the others.
//!
//! Every table is mapped here ([`MAPPED`]). Each mapping gives `read` (a new
//! entity) and `read_into` (the entity filled in place: every binding's `into`
//! reuses the allocations its field holds). The streaming `MeasureReader` fills
//! one measure row after row with `measures::read_into`; the whole-document
//! import (CSV, workbook, records) reads each measure with `measures::read`. The
//! mapping is compiled: each binding is a function inlined with its column
//! numbers as constants, so a row costs one index (layout column → header field)
//! per cell and no look-up by name.

use super::export::{set, set_loc};
use super::import::{assign, opt_period, opt_period_in, period};
use super::table::Row;
use super::typed::{Cell, Names};
use super::vocab::Coded;
use crate::registry::Registry;
use chrono::NaiveDate;
use std::sync::Arc;

/// What a binding needs beyond the row: the registry that resolves names in code
/// cells and the date that applies to the row (`docs/tables.md`).
pub(crate) struct Ctx<'r> {
    /// The registry given (`None`: the embedded one, loaded only when a cell
    /// holds a name).
    registry: &'r Option<Arc<Registry>>,
    pub(crate) date: Option<NaiveDate>,
}

impl<'r> Ctx<'r> {
    pub(crate) fn new(registry: &'r Option<Arc<Registry>>, date: Option<NaiveDate>) -> Self {
        Ctx { registry, date }
    }

    /// The registry that resolves names.
    pub(crate) fn reg(&self) -> &'r Registry {
        self.registry
            .as_deref()
            .unwrap_or_else(|| Registry::embedded())
    }
}

/// What reading a row *into* an entity that is filled row after row (the
/// streaming measures reader) keeps between rows. A binding's `into` reuses the
/// allocations the field already has; its `read` is `into` on an empty field.
#[derive(Default)]
pub(crate) struct Fill {
    /// Strings of optional cells that the last row had and this one has not, kept
    /// for the next row that has them (no allocation when notes come and go).
    pub(crate) spare: Vec<String>,
    /// On: plain text (the `text`, `req_text`, `opt_text` and `list` bindings and
    /// the notes of a schedule or a frequency), which no row rule reads, is checked
    /// but not copied — the issues are the same, fewer bytes move. Texts in three
    /// languages, codes, dates and numbers are always filled.
    pub(crate) skip_text: bool,
    /// The dates read before (the schedule's start, end and dates): off unless
    /// the entity is filled row after row (`DateMemo::on`).
    pub(crate) dates: super::value::DateMemo,
}

/// Sets an optional text from a cell, reusing allocations: a string no longer
/// needed goes to `spare`, a new one comes from there when it can. Inlined: the
/// usual cases (a blank entity's field, filled or left empty) cost a test, not a
/// call; the others are [`put_reusing`].
#[inline(always)]
fn put(dst: &mut Option<String>, src: Option<&str>, spare: &mut Vec<String>) {
    match (dst.is_none(), src) {
        // A new entity (`read`, or a blank one filled in place): one allocation of
        // exactly the text's size, without the growth path of `push_str` on an
        // empty string.
        (true, Some(s)) if spare.is_empty() => *dst = Some(s.to_owned()),
        (true, None) => {}
        _ => put_reusing(dst, src, spare),
    }
}

/// [`put`] where a string is reused or set aside.
#[inline(never)]
fn put_reusing(dst: &mut Option<String>, src: Option<&str>, spare: &mut Vec<String>) {
    match (dst.as_mut(), src) {
        (Some(d), Some(s)) => assign(d, s),
        (None, Some(s)) => {
            *dst = Some(match spare.pop() {
                Some(mut d) => {
                    d.push_str(s);
                    d
                }
                None => s.to_owned(),
            });
        }
        (Some(_), None) => {
            if let Some(mut d) = dst.take() {
                d.clear();
                spare.push(d);
            }
        }
        (None, None) => {}
    }
}

/// The tables read and written through a mapping of this module (the others are
/// listed in the module documentation).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const MAPPED: &[&str] = &[
    "document.csv",
    "action_plans.csv",
    "plan_values.csv",
    "population_parts.csv",
    "sections.csv",
    "priorities.csv",
    "measures.csv",
    "special_tasks.csv",
    "special_task_content.csv",
    "approvals.csv",
    "revisions.csv",
    "projects.csv",
    "phases.csv",
    "organisations.csv",
    "objectives.csv",
    "teams.csv",
    "team_listings.csv",
    "team_tasks.csv",
    "work_areas.csv",
    "funding_sources.csv",
    "contributions.csv",
    "networks.csv",
    "meetings.csv",
    "evaluations.csv",
    "indicators.csv",
    "consultation_programmes.csv",
    "consultations.csv",
    "activity_reports.csv",
    "priority_areas.csv",
    "report_activities.csv",
];

/// How a field is bound to its columns: `read` takes the cells from a row (each
/// problem reported at its cell), `write` puts the field's value into the cells.
pub(crate) mod bind {
    use super::super::import::frequency_cells;
    use super::*;
    use crate::consultation::{
        Cancellation, ConceptModel, Consultant, ConsultationPolicy, ConsultationState, HeldSession,
        Session, TrialEvaluation,
    };
    use crate::date::Period;
    use crate::document::FORMAT_VERSION;
    use crate::evaluation::Instrument;
    use crate::money::{Bp, Cents};
    use crate::network::Headcount;
    use crate::plan::{Frequency, FrequencyQualifier, PopulationTable, Schedule};
    use crate::project::{AnnualBudget, Budget};
    use crate::text::LocalizedText;

    macro_rules! binding {
        // Read whole: `into` replaces the field.
        ($name:ident: $t:ty, |$row:ident, $ctx:ident, $c:ident| $read:expr, |$v:ident, $r:ident| $write:expr) => {
            pub(crate) mod $name {
                use super::*;
                #[allow(unused_variables)]
                #[cfg_attr(not(test), allow(dead_code))]
                pub(crate) fn read($row: &mut Row<'_>, $ctx: &Ctx<'_>, $c: &[usize]) -> $t {
                    $read
                }
                #[allow(dead_code)]
                pub(crate) fn into(
                    row: &mut Row<'_>,
                    ctx: &Ctx<'_>,
                    c: &[usize],
                    v: &mut $t,
                    _: &mut Fill,
                ) {
                    *v = read(row, ctx, c);
                }
                // The field's own type, whatever clippy would rather see.
                #[allow(unused_variables, clippy::ptr_arg)]
                pub(crate) fn write<'a>($v: &'a $t, $r: &mut [Cell<'a>], $c: &[usize]) {
                    $write
                }
            }
        };
        // Read into the field in place, reusing its allocations; `read` is `into`
        // on an empty field.
        ($name:ident: $t:ty, into |$row:ident, $ctx:ident, $c:ident, $into:ident, $fill:ident| $read:expr, |$v:ident, $r:ident| $write:expr) => {
            pub(crate) mod $name {
                use super::*;
                #[cfg_attr(not(test), allow(dead_code))]
                pub(crate) fn read(row: &mut Row<'_>, ctx: &Ctx<'_>, c: &[usize]) -> $t {
                    let mut v = <$t>::default();
                    into(row, ctx, c, &mut v, &mut Fill::default());
                    v
                }
                // Always: a measure's row reads through these, and a call costs
                // about as much as a short binding's body.
                #[allow(unused_variables)]
                #[inline(always)]
                pub(crate) fn into(
                    $row: &mut Row<'_>,
                    $ctx: &Ctx<'_>,
                    $c: &[usize],
                    $into: &mut $t,
                    $fill: &mut Fill,
                ) {
                    $read
                }
                // The field's own type, whatever clippy would rather see.
                #[allow(unused_variables, clippy::ptr_arg)]
                pub(crate) fn write<'a>($v: &'a $t, $r: &mut [Cell<'a>], $c: &[usize]) {
                    $write
                }
            }
        };
    }

    // Text.
    binding!(text: String, into |row, ctx, c, v, fill| {
        if !fill.skip_text {
            assign(v, row.s(c[0]));
        }
    }, |v, r| set(r, c[0], v));
    binding!(req_text: String, into |row, ctx, c, v, fill| {
        let s = row.req_str(c[0]);
        if !fill.skip_text {
            assign(v, s);
        }
    }, |v, r| set(r, c[0], v));
    binding!(opt_text: Option<String>, into |row, ctx, c, v, fill| {
        if !fill.skip_text {
            put(v, row.opt_str(c[0]), &mut fill.spare);
        }
    }, |v, r| set(r, c[0], v.as_deref()));
    binding!(list: Vec<String>, into |row, ctx, c, v, fill| {
        if !fill.skip_text {
            row.list_into(c[0], v);
        }
    }, |v, r| set(r, c[0], v));
    // Three language columns (fi, sv, en).
    binding!(loc: LocalizedText, into |row, ctx, c, v, fill| {
        put(&mut v.fi, row.opt_str(c[0]), &mut fill.spare);
        put(&mut v.sv, row.opt_str(c[1]), &mut fill.spare);
        put(&mut v.en, row.opt_str(c[2]), &mut fill.spare);
    }, |v, r| set_loc(r, [c[0], c[1], c[2]], v));
    binding!(opt_loc: Option<LocalizedText>, |row, ctx, c| row.opt_loc(c[0], c[1], c[2]), |v, r| {
        if let Some(v) = v {
            set_loc(r, [c[0], c[1], c[2]], v);
        }
    });
    // Dates and periods (start, end).
    binding!(req_date: NaiveDate, |row, ctx, c| row.req_date(c[0]), |v, r| set(r, c[0], *v));
    binding!(period: Period, |row, ctx, c| period(row, c[0], c[1]), |v, r| {
        set(r, c[0], v.start);
        set(r, c[1], v.end);
    });
    binding!(opt_period: Option<Period>, |row, ctx, c| opt_period(row, c[0], c[1]), |v, r| {
        if let Some(v) = v {
            set(r, c[0], v.start);
            set(r, c[1], v.end);
        }
    });
    // Numbers.
    binding!(u32: Option<u32>, |row, ctx, c| row.u32(c[0]), |v, r| set(r, c[0], *v));
    binding!(req_u32: u32, |row, ctx, c| row.req_u32(c[0]), |v, r| set(r, c[0], *v));
    binding!(number: Option<f64>, |row, ctx, c| row.number(c[0]), |v, r| set(r, c[0], *v));
    binding!(req_money: Cents, |row, ctx, c| row.req_money(c[0]), |v, r| set(r, c[0], *v));
    binding!(percent: Option<Bp>, |row, ctx, c| row.percent(c[0]), |v, r| set(r, c[0], *v));
    // Registry codes (or names, resolved on the row's date).
    binding!(req_reg: String, |row, ctx, c| row.req_reg_code(ctx.reg(), c[0], ctx.date), |v, r| set(
        r,
        c[0],
        v
    ));
    binding!(opt_reg: Option<String>, |row, ctx, c| row.opt_reg_code(ctx.reg(), c[0], ctx.date), |v, r| set(
        r,
        c[0],
        v.as_deref()
    ));
    binding!(reg_list: Vec<String>, |row, ctx, c| row.reg_code_list(ctx.reg(), c[0], ctx.date), |v, r| set(
        r,
        c[0],
        v
    ));
    binding!(instruments: Vec<Instrument>, into |row, ctx, c, v, fill| {
        row.instruments_into(c[0], v)
    }, |v, r| set(r, c[0], Names::instruments(v)));

    // The document's format version: exactly the one this library reads.
    binding!(format_version: u32, |row, ctx, c| {
        let v = row.s(c[0]).trim();
        if v == FORMAT_VERSION.to_string() {
            FORMAT_VERSION
        } else {
            if v.is_empty() {
                row.missing(c[0]);
            } else {
                row.issue(crate::rules::Rule::CsvBadValue, c[0])
                    .args
                    .push(("allowed", FORMAT_VERSION.to_string()));
            }
            0
        }
    }, |v, r| set(r, c[0], *v));
    binding!(req_u64: u64, |row, ctx, c| {
        if row.s(c[0]).trim().is_empty() {
            row.missing(c[0]);
        }
        row.u64(c[0]).unwrap_or_default()
    }, |v, r| set(r, c[0], *v));
    binding!(year: i32, |row, ctx, c| {
        if row.s(c[0]).trim().is_empty() {
            row.missing(c[0]);
        }
        row.int(c[0], i128::from(i32::MIN), i128::from(i32::MAX))
            .and_then(|y| i32::try_from(y).ok())
            .unwrap_or_default()
    }, |v, r| set(r, c[0], *v));
    binding!(money: Option<Cents>, |row, ctx, c| row.money(c[0]), |v, r| set(r, c[0], *v));
    binding!(date: Option<NaiveDate>, |row, ctx, c| row.date(c[0]), |v, r| set(r, c[0], *v));
    // Yes or no; empty is no. `flag` writes both, `flag_if_true` only yes.
    binding!(flag: bool, |row, ctx, c| row.bool(c[0]).unwrap_or(false), |v, r| set(r, c[0], *v));
    binding!(flag_if_true: bool, |row, ctx, c| row.bool(c[0]).unwrap_or(false), |v, r| {
        if *v {
            set(r, c[0], true);
        }
    });

    // Column groups: an optional part of the entity, present when any of its
    // cells is filled (then its required cells must be).

    // A frequency (min, per, note, qualifier); the qualifier's default is left empty.
    binding!(frequency: Option<Frequency>, into |row, ctx, c, v, fill| {
        match frequency_cells(row, c) {
            Some((min_times, per, qualifier)) => {
                let f = v.get_or_insert(Frequency {
                    min_times,
                    per,
                    qualifier: Default::default(),
                    note: None,
                });
                f.min_times = min_times;
                f.per = per;
                f.qualifier = qualifier.unwrap_or_default();
                if !fill.skip_text {
                    put(&mut f.note, row.opt_str(c[2]), &mut fill.spare);
                }
            }
            None => {
                let mut note = v.take().and_then(|f| f.note);
                put(&mut note, None, &mut fill.spare);
            }
        }
    }, |v, r| {
        if let Some(f) = v {
            set(r, c[0], f.min_times);
            set(r, c[1], f.per.name());
            set(r, c[2], f.note.as_deref());
            if f.qualifier != FrequencyQualifier::AtLeast {
                set(r, c[3], f.qualifier.name());
            }
        }
    });
    // A measure's schedule (start, end, dates, note), filled in place.
    binding!(schedule: Option<Schedule>, into |row, ctx, c, v, fill| {
        let period = opt_period_in(row, c[0], c[1], &mut fill.dates);
        let s = v.get_or_insert_with(Schedule::default);
        s.period = period;
        s.dates.clear();
        row.date_list_into_in(c[2], &mut s.dates, &mut fill.dates);
        let note = row.opt_str(c[3]);
        if !fill.skip_text {
            put(&mut s.note, note, &mut fill.spare);
        }
        if period.is_none() && s.dates.is_empty() && note.is_none() {
            if let Some(mut note) = v.take().and_then(|s| s.note) {
                note.clear();
                fill.spare.push(note);
            }
        }
    }, |v, r| {
        if let Some(s) = v {
            if let Some(p) = &s.period {
                set(r, c[0], p.start);
                set(r, c[1], p.end);
            }
            set(r, c[2], &s.dates);
            set(r, c[3], s.note.as_deref());
        }
    });
    // A headcount (count, approximate, qualifier).
    binding!(headcount: Option<Headcount>, |row, ctx, c| {
        match (row.u32(c[0]), row.bool(c[1])) {
            (Some(count), approx) => Some(Headcount {
                count,
                approximate: approx.unwrap_or(false),
                qualifier: row.code(c[2]),
            }),
            (None, Some(true)) if row.s(c[0]).trim().is_empty() => {
                row.missing(c[0]);
                None
            }
            _ => None,
        }
    }, |v, r| {
        if let Some(h) = v {
            set(r, c[0], h.count);
            set(r, c[1], h.approximate);
            if let Some(q) = h.qualifier {
                set(r, c[2], q.name());
            }
        }
    });
    // A project's budget (total, share tolerance, annual total, contributions fund).
    binding!(budget: Option<Budget>, |row, ctx, c| {
        let total = row.money(c[0]);
        let tolerance = row.percent(c[1]);
        let annual_total = row.money(c[2]);
        let fund = row.opt_text(c[3]);
        let budget = match total {
            Some(total) => Some(Budget {
                total,
                sources: Vec::new(),
                share_tolerance: tolerance.unwrap_or(Bp(1)),
                annual: annual_total.map(|total| AnnualBudget {
                    total,
                    sources: Vec::new(),
                    contributions: Vec::new(),
                    contributions_fund: fund.clone(),
                }),
            }),
            None => {
                if row.s(c[0]).trim().is_empty() && row.any(&[c[1], c[2]]) {
                    row.missing(c[0]);
                }
                None
            }
        };
        if annual_total.is_none() && fund.is_some() && row.s(c[2]).trim().is_empty() {
            row.missing(c[2]);
        }
        budget
    }, |v, r| {
        if let Some(b) = v {
            set(r, c[0], b.total);
            set(r, c[1], b.share_tolerance);
            if let Some(a) = &b.annual {
                set(r, c[2], a.total);
                set(r, c[3], a.contributions_fund.as_deref());
            }
        }
    });
    // A plan's population table (reference date, total); its parts come from
    // population_parts.csv.
    binding!(population: Option<PopulationTable>, |row, ctx, c| {
        match (row.date(c[0]), row.u64(c[1])) {
            (Some(reference_date), Some(total)) => Some(PopulationTable {
                reference_date,
                parts: Vec::new(),
                total,
            }),
            (None, None) => None,
            (Some(_), None) => {
                if row.s(c[1]).trim().is_empty() {
                    row.missing(c[1]);
                }
                None
            }
            (None, Some(_)) => {
                if row.s(c[0]).trim().is_empty() {
                    row.missing(c[0]);
                }
                None
            }
        }
    }, |v, r| {
        if let Some(p) = v {
            set(r, c[0], p.reference_date);
            set(r, c[1], p.total);
        }
    });
    // A consultation programme's policy: each limit, or its default when empty.
    binding!(policy: ConsultationPolicy, |row, ctx, c| {
        let d = ConsultationPolicy::default();
        ConsultationPolicy {
            min_minutes: row.u32(c[0]).unwrap_or(d.min_minutes),
            max_minutes: row.u32(c[1]).unwrap_or(d.max_minutes),
            min_lead_days: row.u32(c[2]).unwrap_or(d.min_lead_days),
            max_questions: row.u32(c[3]).unwrap_or(d.max_questions),
            max_brief_chars: row.u32(c[4]).unwrap_or(d.max_brief_chars),
        }
    }, |v, r| {
        set(r, c[0], v.min_minutes);
        set(r, c[1], v.max_minutes);
        set(r, c[2], v.min_lead_days);
        set(r, c[3], v.max_questions);
        set(r, c[4], v.max_brief_chars);
    });
    // A concept model (date, description in three languages).
    binding!(concept: Option<ConceptModel>, |row, ctx, c| {
        row.any(&c[..4]).then(|| ConceptModel {
            date: row.req_date(c[0]),
            description: row.loc(c[1], c[2], c[3]),
        })
    }, |v, r| {
        if let Some(m) = v {
            set(r, c[0], m.date);
            set_loc(r, [c[1], c[2], c[3]], &m.description);
        }
    });
    // A consultant (organisation, country, criteria); text of spaces counts.
    binding!(consultant: Option<Consultant>, |row, ctx, c| {
        row.any_written(&c[..3]).then(|| Consultant {
            organisation: row.text(c[0]),
            country: row.text(c[1]),
            criteria: row.code_list(c[2]),
        })
    }, |v, r| {
        if let Some(k) = v {
            set(r, c[0], &k.organisation);
            set(r, c[1], &k.country);
            set(r, c[2], Names::coded(&k.criteria));
        }
    });
    // A planned session (date, minutes, platform).
    binding!(session: Option<Session>, |row, ctx, c| {
        row.any(&c[..3]).then(|| Session {
            date: row.req_date(c[0]),
            planned_minutes: row.req_u32(c[1]),
            platform: row.opt_text(c[2]),
        })
    }, |v, r| {
        if let Some(s) = v {
            set(r, c[0], s.date);
            set(r, c[1], s.planned_minutes);
            set(r, c[2], s.platform.as_deref());
        }
    });
    // A held session (date, minutes).
    binding!(held: Option<HeldSession>, |row, ctx, c| {
        row.any(&c[..2]).then(|| HeldSession {
            date: row.req_date(c[0]),
            actual_minutes: row.req_u32(c[1]),
        })
    }, |v, r| {
        if let Some(h) = v {
            set(r, c[0], h.date);
            set(r, c[1], h.actual_minutes);
        }
    });
    // A trial's evaluation (date, summary in three languages, useful).
    binding!(trial: Option<TrialEvaluation>, |row, ctx, c| {
        row.any(&c[..5]).then(|| TrialEvaluation {
            date: row.req_date(c[0]),
            summary: row.loc(c[1], c[2], c[3]),
            useful: row.bool(c[4]),
        })
    }, |v, r| {
        if let Some(e) = v {
            set(r, c[0], e.date);
            set_loc(r, [c[1], c[2], c[3]], &e.summary);
            set(r, c[4], e.useful);
        }
    });
    // A cancellation (date, reason, the state it was cancelled from).
    binding!(cancellation: Option<Cancellation>, |row, ctx, c| {
        row.any(&c[..3]).then(|| Cancellation {
            date: row.req_date(c[0]),
            reason: row.text(c[1]),
            from_state: row.req_code::<ConsultationState>(c[2]),
        })
    }, |v, r| {
        if let Some(x) = v {
            set(r, c[0], x.date);
            set(r, c[1], &x.reason);
            set(r, c[2], x.from_state.name());
        }
    });

    /// One value of a code list; its default when empty (always written).
    pub(crate) mod code_or_default {
        use super::*;
        #[inline]
        pub(crate) fn read<T: Coded + Default>(row: &mut Row<'_>, _: &Ctx<'_>, c: &[usize]) -> T {
            row.code(c[0]).unwrap_or_default()
        }
        #[inline]
        pub(crate) fn into<T: Coded + Default>(
            row: &mut Row<'_>,
            ctx: &Ctx<'_>,
            c: &[usize],
            v: &mut T,
            _: &mut Fill,
        ) {
            *v = read(row, ctx, c);
        }
        pub(crate) fn write<'a, T: Coded>(v: &'a T, r: &mut [Cell<'a>], c: &[usize]) {
            set(r, c[0], v.name());
        }
    }

    /// One value of a code list; its default when empty, and written empty.
    pub(crate) mod code_unless_default {
        use super::*;
        pub(crate) fn read<T: Coded + Default>(row: &mut Row<'_>, _: &Ctx<'_>, c: &[usize]) -> T {
            row.code(c[0]).unwrap_or_default()
        }
        #[allow(dead_code)]
        pub(crate) fn into<T: Coded + Default>(
            row: &mut Row<'_>,
            ctx: &Ctx<'_>,
            c: &[usize],
            v: &mut T,
            _: &mut Fill,
        ) {
            *v = read(row, ctx, c);
        }
        pub(crate) fn write<'a, T: Coded + Default + PartialEq>(
            v: &'a T,
            r: &mut [Cell<'a>],
            c: &[usize],
        ) {
            if *v != T::default() {
                set(r, c[0], v.name());
            }
        }
    }

    /// One value of a code list, required.
    pub(crate) mod req_code {
        use super::*;
        #[inline]
        pub(crate) fn read<T: Coded>(row: &mut Row<'_>, _: &Ctx<'_>, c: &[usize]) -> T {
            row.req_code::<T>(c[0])
        }
        #[inline]
        pub(crate) fn into<T: Coded>(
            row: &mut Row<'_>,
            ctx: &Ctx<'_>,
            c: &[usize],
            v: &mut T,
            _: &mut Fill,
        ) {
            *v = read(row, ctx, c);
        }
        pub(crate) fn write<'a, T: Coded>(v: &'a T, r: &mut [Cell<'a>], c: &[usize]) {
            set(r, c[0], v.name());
        }
    }

    /// A list of code-list values.
    pub(crate) mod code_list {
        use super::*;
        pub(crate) fn read<T: Coded>(row: &mut Row<'_>, ctx: &Ctx<'_>, c: &[usize]) -> Vec<T> {
            let mut v = Vec::new();
            into(row, ctx, c, &mut v, &mut Fill::default());
            v
        }
        /// Fills `v` in place, reusing its allocation.
        #[inline]
        pub(crate) fn into<T: Coded>(
            row: &mut Row<'_>,
            _: &Ctx<'_>,
            c: &[usize],
            v: &mut Vec<T>,
            _: &mut Fill,
        ) {
            v.clear();
            row.code_list_into(c[0], v);
        }
        #[allow(clippy::ptr_arg)] // `Names::coded` holds the vector.
        pub(crate) fn write<'a, T: Coded>(v: &'a Vec<T>, r: &mut [Cell<'a>], c: &[usize]) {
            set(r, c[0], Names::coded(v));
        }
    }
}

/// A table's mapping: `read` (a row into the entity) and `cells` (the entity into
/// a row's cells), from one list of `field: binding(columns…)`; fields not in the
/// table (child lists) get the value after `+`. `self:` maps a whole entity that
/// is one binding (a text in three languages).
macro_rules! mapping {
    ($name:ident: $ty:ident { $($field:ident: $how:ident($($col:ident),*)),* $(,)? }
        $(+ { $($extra:ident: $value:expr),* $(,)? })?) => {
        pub(crate) mod $name {
            use super::*;
            use crate::tables::schema::$name::C;
            /// The columns the mapping binds.
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) const COLUMNS: &[C] = &[$($(C::$col),*),*];
            /// Reads the entity's own columns, in the mapping's order.
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) fn read(row: &mut Row<'_>, ctx: &Ctx<'_>) -> $ty {
                $ty {
                    $($field: bind::$how::read(row, ctx, &[$(C::$col as usize),*]),)*
                    $($($extra: $value,)*)?
                }
            }
            /// Reads the entity's own columns into `e`, in the mapping's order,
            /// reusing the allocations its fields hold (the streaming reader fills
            /// one entity row after row). The same cells are read and the same
            /// issues reported as by `read`; the entity is the one `read` gives
            /// (unless `fill` skips plain text).
            #[allow(dead_code)]
            #[inline]
            pub(crate) fn read_into(row: &mut Row<'_>, ctx: &Ctx<'_>, e: &mut $ty, fill: &mut Fill) {
                $(bind::$how::into(row, ctx, &[$(C::$col as usize),*], &mut e.$field, fill);)*
            }
            /// Writes the entity's own columns into `r`.
            pub(crate) fn cells<'a>(e: &'a $ty, r: &mut [Cell<'a>]) {
                $(bind::$how::write(&e.$field, r, &[$(C::$col as usize),*]);)*
            }
        }
    };
    ($name:ident: $ty:ident = self: $how:ident($($col:ident),*)) => {
        pub(crate) mod $name {
            use super::*;
            use crate::tables::schema::$name::C;
            /// The columns the mapping binds.
            #[cfg_attr(not(test), allow(dead_code))]
            pub(crate) const COLUMNS: &[C] = &[$(C::$col),*];
            /// Reads the entity's own columns.
            pub(crate) fn read(row: &mut Row<'_>, ctx: &Ctx<'_>) -> $ty {
                bind::$how::read(row, ctx, &[$(C::$col as usize),*])
            }
            /// Writes the entity's own columns into `r`.
            pub(crate) fn cells<'a>(e: &'a $ty, r: &mut [Cell<'a>]) {
                bind::$how::write(e, r, &[$(C::$col as usize),*]);
            }
        }
    };
}

use crate::activity::{ActivityReport, PriorityArea};
use crate::consultation::{Consultation, ConsultationProgramme};
use crate::document::Document;
use crate::evaluation::{Evaluation, Indicator};
use crate::network::{Meeting, Network};
use crate::plan::{
    ActionPlan, Approval, Measure, PopulationPart, Priority, RegionalSection, Revision,
    SpecialTaskPlan,
};
use crate::project::{
    AreaListing, ContributionRule, DeveloperTeam, DevelopmentProject, FundingSource, Objective,
    Organisation, Phase, WorkArea,
};
use crate::text::LocalizedText;

// The document's own row; its children come from the other tables. The
// duplicate row check is placement (`import.rs`).
mapping!(document: Document {
    format_version: format_version(FormatVersion),
    title: opt_text(Title),
} + {
    action_plans: Vec::new(),
    projects: Vec::new(),
    networks: Vec::new(),
    evaluations: Vec::new(),
    consultation_programmes: Vec::new(),
    activity_reports: Vec::new(),
});

// Action plans.
mapping!(action_plans: ActionPlan {
    id: text(Id),
    centre: req_reg(Centre),
    title: loc(TitleFi, TitleSv, TitleEn),
    period: period(Start, End),
    vision: opt_loc(VisionFi, VisionSv, VisionEn),
    statutory_tasks: code_list(StatutoryTasks),
    instruments: instruments(Instruments),
    population: population(PopulationDate, PopulationTotal),
} + {
    values: Vec::new(),
    priorities: Vec::new(),
    sections: Vec::new(),
    special_tasks: Vec::new(),
    revisions: Vec::new(),
    approvals: Vec::new(),
});
mapping!(plan_values: LocalizedText = self: loc(TextFi, TextSv, TextEn));
mapping!(population_parts: PopulationPart {
    area: req_reg(Area),
    population: req_u64(Population),
});
// The region, the section's key, is placed by hand (`import.rs`, `export.rs`).
mapping!(sections: RegionalSection {
    title: opt_loc(TitleFi, TitleSv, TitleEn),
    period: opt_period(Start, End),
    refines_period: opt_period(RefinesStart, RefinesEnd),
    area_kind: code_unless_default(AreaKind),
} + { region: String::new(), local_priorities: Vec::new(), measures: Vec::new() });
mapping!(priorities: Priority {
    id: req_text(Id),
    number: req_u32(Number),
    title: loc(TitleFi, TitleSv, TitleEn),
    maps_to: opt_text(MapsTo),
});
// The plan and region place a measure (by hand). The whole-document import reads
// measures with `read`, the streaming `MeasureReader` with `read_into`.
mapping!(measures: Measure {
    id: req_text(Id),
    title: loc(TitleFi, TitleSv, TitleEn),
    kind: req_code(Kind),
    priority: opt_text(Priority),
    service_areas: code_list(ServiceAreas),
    schedule: schedule(Start, End, Dates, ScheduleNote),
    frequency: frequency(FrequencyMin, FrequencyPer, FrequencyNote, FrequencyQualifier),
    partners: list(Partners),
    status: code_or_default(Status),
    network: opt_text(Network),
    instruments: instruments(Instruments),
});
mapping!(special_tasks: SpecialTaskPlan {
    id: text(Id),
    kind: req_code(Kind),
    year: year(Year),
    grant_share: percent(GrantSharePercent),
    state_grant: money(StateGrant),
    allocated: money(Allocated),
    consultation_programme: opt_text(ConsultationProgramme),
} + { content: Vec::new(), approvals: Vec::new() });
mapping!(special_task_content: LocalizedText = self: loc(TextFi, TextSv, TextEn));
mapping!(approvals: Approval {
    body: req_text(Body),
    date: req_date(Date),
});
mapping!(revisions: Revision {
    date: req_date(Date),
    reason: req_code(Reason),
    description: loc(DescriptionFi, DescriptionSv, DescriptionEn),
});

// Development projects.
mapping!(projects: DevelopmentProject {
    id: text(Id),
    name: loc(NameFi, NameSv, NameEn),
    period: period(Start, End),
    participants: reg_list(Participants),
    evaluations: list(Evaluations),
    budget: budget(BudgetTotal, ShareTolerancePercent, AnnualTotal, ContributionsFund),
} + {
    phases: Vec::new(),
    organisations: Vec::new(),
    objectives: Vec::new(),
    teams: Vec::new(),
    team_common_tasks: Vec::new(),
    work_areas: Vec::new(),
});
mapping!(phases: Phase {
    name: text(Name),
    period: period(Start, End),
});
mapping!(organisations: Organisation {
    id: req_text(Id),
    name: loc(NameFi, NameSv, NameEn),
    roles: code_list(Roles),
    centre: opt_reg(Centre),
});
mapping!(objectives: Objective {
    number: req_u32(Number),
    perspective: req_code(Perspective),
    action: req_code(Action),
    text: loc(TextFi, TextSv, TextEn),
});
mapping!(teams: DeveloperTeam {
    id: req_text(Id),
    name: opt_loc(NameFi, NameSv, NameEn),
    base_municipality: req_reg(BaseMunicipality),
    area_name: opt_loc(AreaNameFi, AreaNameSv, AreaNameEn),
    area_municipalities: reg_list(AreaMunicipalities),
    shared_with: list(SharedWith),
} + { other_listings: Vec::new(), tasks: Vec::new() });
mapping!(team_listings: AreaListing {
    source: req_text(Source),
    municipalities: reg_list(Municipalities),
});
mapping!(team_tasks: LocalizedText = self: loc(TextFi, TextSv, TextEn));
mapping!(work_areas: WorkArea {
    number: req_u32(Number),
    title: loc(TitleFi, TitleSv, TitleEn),
    expected_result: opt_loc(ResultFi, ResultSv, ResultEn),
});
mapping!(funding_sources: FundingSource {
    funder: req_text(Funder),
    amount: req_money(Amount),
    stated_share: percent(StatedSharePercent),
});
mapping!(contributions: ContributionRule {
    category: req_code(Category),
    per_year: req_money(PerYear),
    count: u32(Count),
});

// Networks.
mapping!(networks: Network {
    id: text(Id),
    name: loc(NameFi, NameSv, NameEn),
    organisers: list(Organisers),
    period: opt_period(Start, End),
    min_frequency: frequency(FrequencyMin, FrequencyPer, FrequencyNote, FrequencyQualifier),
} + { meetings: Vec::new() });
mapping!(meetings: Meeting {
    participants: headcount(Participants, ParticipantsApproximate, ParticipantsQualifier),
    id: req_text(Id),
    date: req_date(Date),
    date_note: opt_text(DateNote),
    status: code_or_default(Status),
    format: req_code(Format),
    platform: opt_text(Platform),
    place: opt_text(Place),
    duration_minutes: u32(DurationMinutes),
    full_day: flag(FullDay),
    regions_represented: reg_list(RegionsRepresented),
    regions_count: u32(RegionsCount),
});

// Evaluations.
mapping!(evaluations: Evaluation {
    id: text(Id),
    title: loc(TitleFi, TitleSv, TitleEn),
    subject: opt_text(Subject),
    method: req_code(Method),
    instruments: instruments(Instruments),
    period: opt_period(Start, End),
} + { indicators: Vec::new() });
mapping!(indicators: Indicator {
    id: req_text(Id),
    name: loc(NameFi, NameSv, NameEn),
    perspective: opt_text(Perspective),
    unit: text(Unit),
    baseline: number(Baseline),
    target: number(Target),
    actual: number(Actual),
    direction: req_code(Direction),
});

// Consultations.
mapping!(consultation_programmes: ConsultationProgramme {
    policy: policy(MinMinutes, MaxMinutes, MinLeadDays, MaxQuestions, MaxBriefChars),
    concept: concept(ConceptDate, ConceptFi, ConceptSv, ConceptEn),
    id: text(Id),
    name: loc(NameFi, NameSv, NameEn),
    centre: opt_reg(Centre),
    illustrative: flag_if_true(Illustrative),
} + { consultations: Vec::new() });
mapping!(consultations: Consultation {
    consultant: consultant(Consultant, ConsultantCountry, ConsultantCriteria),
    session: session(SessionDate, SessionMinutes, SessionPlatform),
    held: held(HeldDate, HeldMinutes),
    evaluation: trial(EvaluationDate, EvaluationFi, EvaluationSv, EvaluationEn, EvaluationUseful),
    cancellation: cancellation(CancelledOn, CancelReason, CancelledFrom),
    id: req_text(Id),
    state: req_code(State),
    brief: text(Brief),
    questions: list(Questions),
    developer_group: opt_text(DeveloperGroup),
    brief_sent_on: date(BriefSentOn),
    documentation: opt_text(Documentation),
});

// Activity reports.
mapping!(activity_reports: ActivityReport {
    id: text(Id),
    centre: req_reg(Centre),
    region: opt_reg(Region),
    title: loc(TitleFi, TitleSv, TitleEn),
    period: period(Start, End),
    steering_group_meetings: u32(SteeringGroupMeetings),
    municipalities_in_area: u32(MunicipalitiesInArea),
    networks: list(Networks),
    evaluations: list(Evaluations),
} + { priority_areas: Vec::new(), activities: Vec::new() });
mapping!(priority_areas: PriorityArea {
    title: loc(TitleFi, TitleSv, TitleEn),
    projects: u32(Projects),
    note: opt_loc(NoteFi, NoteSv, NoteEn),
});
mapping!(report_activities: LocalizedText = self: loc(TextFi, TextSv, TextEn));

#[cfg(test)]
mod tests {
    use super::super::schema::{self, TABLES};
    use super::*;

    /// Each mapped table's mapping binds exactly the columns that fill its entity
    /// (those with a path); the rest are the placement's join columns.
    #[test]
    fn every_mapped_table_binds_exactly_its_entity_columns() {
        macro_rules! bound {
            ($($m:ident),*) => {
                vec![$((
                    crate::tables::schema::$m::TABLE.file,
                    $m::COLUMNS.iter().map(|&c| c as usize).collect::<Vec<usize>>(),
                )),*]
            };
        }
        let bound = bound!(
            document,
            action_plans,
            plan_values,
            population_parts,
            sections,
            priorities,
            measures,
            special_tasks,
            special_task_content,
            approvals,
            revisions,
            projects,
            phases,
            organisations,
            objectives,
            teams,
            team_listings,
            team_tasks,
            work_areas,
            funding_sources,
            contributions,
            networks,
            meetings,
            evaluations,
            indicators,
            consultation_programmes,
            consultations,
            activity_reports,
            priority_areas,
            report_activities
        );
        let files: Vec<&str> = bound.iter().map(|(f, _)| *f).collect();
        assert_eq!(files, MAPPED);
        for (file, mut cols) in bound {
            let table = TABLES.iter().find(|t| t.file == file).unwrap();
            cols.sort_unstable();
            // A section's region is its key, placed by hand.
            let placed =
                |i: usize| file == "sections.csv" && i == schema::sections::C::Region as usize;
            let with_path: Vec<usize> = (0..table.columns.len())
                .filter(|&i| !table.columns[i].path.is_empty() && !placed(i))
                .collect();
            assert_eq!(cols, with_path, "{file}");
        }
    }
}
