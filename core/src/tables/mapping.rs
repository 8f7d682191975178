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
//! Tables whose entity has irregular column groups (the action plan's population,
//! the project's budget, the network's frequency, a meeting's headcount, a
//! consultation's sessions, a special task's year) and the measures table (its row
//! reader is tuned for streaming, `measures.rs`) are still mapped by hand; see
//! [`MAPPED`].

use super::export::{set, set_loc};
use super::import::{opt_period, period};
use super::table::Row;
use super::typed::{Cell, Names};
use super::vocab::Coded;
use crate::registry::Registry;
use chrono::NaiveDate;

/// What a binding needs beyond the row: the registry that resolves names in code
/// cells and the date that applies to the row (`docs/tables.md`).
pub(crate) struct Ctx<'r> {
    pub(crate) reg: &'r Registry,
    pub(crate) date: Option<NaiveDate>,
}

/// The tables read and written through a mapping of this module (the others are
/// listed in the module documentation).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const MAPPED: &[&str] = &[
    "plan_values.csv",
    "priorities.csv",
    "special_task_content.csv",
    "approvals.csv",
    "revisions.csv",
    "phases.csv",
    "organisations.csv",
    "objectives.csv",
    "teams.csv",
    "team_listings.csv",
    "team_tasks.csv",
    "work_areas.csv",
    "funding_sources.csv",
    "contributions.csv",
    "evaluations.csv",
    "indicators.csv",
    "activity_reports.csv",
    "priority_areas.csv",
    "report_activities.csv",
];

/// How a field is bound to its columns: `read` takes the cells from a row (each
/// problem reported at its cell), `write` puts the field's value into the cells.
pub(crate) mod bind {
    use super::*;
    use crate::date::Period;
    use crate::evaluation::Instrument;
    use crate::money::{Bp, Cents};
    use crate::text::LocalizedText;

    macro_rules! binding {
        ($name:ident: $t:ty, |$row:ident, $ctx:ident, $c:ident| $read:expr, |$v:ident, $r:ident| $write:expr) => {
            pub(crate) mod $name {
                use super::*;
                #[allow(unused_variables)]
                pub(crate) fn read($row: &mut Row<'_>, $ctx: &Ctx<'_>, $c: &[usize]) -> $t {
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
    binding!(text: String, |row, ctx, c| row.text(c[0]), |v, r| set(r, c[0], v));
    binding!(req_text: String, |row, ctx, c| row.req_text(c[0]), |v, r| set(r, c[0], v));
    binding!(opt_text: Option<String>, |row, ctx, c| row.opt_text(c[0]), |v, r| set(
        r,
        c[0],
        v.as_deref()
    ));
    binding!(list: Vec<String>, |row, ctx, c| row.list(c[0]), |v, r| set(r, c[0], v));
    // Three language columns (fi, sv, en).
    binding!(loc: LocalizedText, |row, ctx, c| row.loc(c[0], c[1], c[2]), |v, r| set_loc(
        r,
        [c[0], c[1], c[2]],
        v
    ));
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
    binding!(req_reg: String, |row, ctx, c| row.req_reg_code(ctx.reg, c[0], ctx.date), |v, r| set(
        r,
        c[0],
        v
    ));
    binding!(opt_reg: Option<String>, |row, ctx, c| row.opt_reg_code(ctx.reg, c[0], ctx.date), |v, r| set(
        r,
        c[0],
        v.as_deref()
    ));
    binding!(reg_list: Vec<String>, |row, ctx, c| row.reg_code_list(ctx.reg, c[0], ctx.date), |v, r| set(
        r,
        c[0],
        v
    ));
    binding!(instruments: Vec<Instrument>, |row, ctx, c| row.instruments(c[0]), |v, r| set(
        r,
        c[0],
        Names::instruments(v)
    ));

    /// One value of a code list, required.
    pub(crate) mod req_code {
        use super::*;
        pub(crate) fn read<T: Coded>(row: &mut Row<'_>, _: &Ctx<'_>, c: &[usize]) -> T {
            row.req_code::<T>(c[0])
        }
        pub(crate) fn write<'a, T: Coded>(v: &'a T, r: &mut [Cell<'a>], c: &[usize]) {
            set(r, c[0], v.name());
        }
    }

    /// A list of code-list values.
    pub(crate) mod code_list {
        use super::*;
        pub(crate) fn read<T: Coded>(row: &mut Row<'_>, _: &Ctx<'_>, c: &[usize]) -> Vec<T> {
            row.code_list(c[0])
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
            pub(crate) fn read(row: &mut Row<'_>, ctx: &Ctx<'_>) -> $ty {
                $ty {
                    $($field: bind::$how::read(row, ctx, &[$(C::$col as usize),*]),)*
                    $($($extra: $value,)*)?
                }
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
use crate::evaluation::{Evaluation, Indicator};
use crate::plan::{Approval, Priority, Revision};
use crate::project::{
    AreaListing, ContributionRule, DeveloperTeam, FundingSource, Objective, Organisation, Phase,
    WorkArea,
};
use crate::text::LocalizedText;

// Action plans.
mapping!(plan_values: LocalizedText = self: loc(TextFi, TextSv, TextEn));
mapping!(priorities: Priority {
    id: req_text(Id),
    number: req_u32(Number),
    title: loc(TitleFi, TitleSv, TitleEn),
    maps_to: opt_text(MapsTo),
});
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
    use super::super::schema::TABLES;
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
            plan_values,
            priorities,
            special_task_content,
            approvals,
            revisions,
            phases,
            organisations,
            objectives,
            teams,
            team_listings,
            team_tasks,
            work_areas,
            funding_sources,
            contributions,
            evaluations,
            indicators,
            activity_reports,
            priority_areas,
            report_activities
        );
        let files: Vec<&str> = bound.iter().map(|(f, _)| *f).collect();
        assert_eq!(files, MAPPED);
        for (file, mut cols) in bound {
            let table = TABLES.iter().find(|t| t.file == file).unwrap();
            cols.sort_unstable();
            let with_path: Vec<usize> = (0..table.columns.len())
                .filter(|&i| !table.columns[i].path.is_empty())
                .collect();
            assert_eq!(cols, with_path, "{file}");
        }
    }
}
