//! Writing a [`Document`] as tables: UTF-8 by default, or the "Excel, Finnish"
//! dialect (`;`, BOM, decimal comma, `d.m.yyyy`).

use super::schema::{self, TableSchema};
use super::value::{
    fmt_bool, fmt_cents, fmt_date, fmt_f64, fmt_percent, guard_cell, join_list, Dialect,
};
use super::vocab::{instrument_name, Coded};
use crate::document::Document;
use crate::plan::Measure;
use crate::text::LocalizedText;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Rows of one table being written.
struct Out {
    schema: &'static TableSchema,
    rows: Vec<Vec<String>>,
}

impl Out {
    fn new(schema: &'static TableSchema) -> Out {
        Out {
            schema,
            rows: Vec::new(),
        }
    }

    fn row(&mut self) -> &mut Vec<String> {
        self.rows
            .push(vec![String::new(); self.schema.columns.len()]);
        let last = self.rows.len() - 1;
        &mut self.rows[last]
    }
}

fn set(r: &mut [String], c: impl Into<usize>, v: impl Into<String>) {
    if let Some(cell) = r.get_mut(c.into()) {
        *cell = v.into();
    }
}

fn set_loc(r: &mut [String], cols: [usize; 3], t: &LocalizedText) {
    set(r, cols[0], t.fi.clone().unwrap_or_default());
    set(r, cols[1], t.sv.clone().unwrap_or_default());
    set(r, cols[2], t.en.clone().unwrap_or_default());
}

fn names<T: Coded>(items: &[T]) -> String {
    join_list(&items.iter().map(|v| v.name()).collect::<Vec<_>>())
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> String) -> String {
    v.map(f).unwrap_or_default()
}

/// The cells of a measures.csv row.
pub(crate) fn measure_cells(plan_id: &str, region: &str, m: &Measure, d: &Dialect) -> Vec<String> {
    use schema::measures::C;
    let mut r = vec![String::new(); schema::measures::TABLE.columns.len()];
    set(&mut r, C::PlanId, plan_id);
    set(&mut r, C::Region, region);
    set(&mut r, C::Id, m.id.clone());
    set_loc(
        &mut r,
        [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
        &m.title,
    );
    set(&mut r, C::Kind, m.kind.name());
    set(&mut r, C::Priority, m.priority.clone().unwrap_or_default());
    set(&mut r, C::ServiceAreas, names(&m.service_areas));
    if let Some(s) = &m.schedule {
        if let Some(p) = &s.period {
            set(&mut r, C::Start, fmt_date(p.start, d));
            set(&mut r, C::End, fmt_date(p.end, d));
        }
        let dates: Vec<String> = s.dates.iter().map(|x| fmt_date(*x, d)).collect();
        set(&mut r, C::Dates, join_list(&dates));
        set(&mut r, C::ScheduleNote, s.note.clone().unwrap_or_default());
    }
    if let Some(f) = &m.frequency {
        set(&mut r, C::FrequencyMin, f.min_times.to_string());
        set(&mut r, C::FrequencyPer, f.per.name());
        set(&mut r, C::FrequencyNote, f.note.clone().unwrap_or_default());
    }
    set(&mut r, C::Partners, join_list(&m.partners));
    set(&mut r, C::Status, m.status.name());
    set(&mut r, C::Network, m.network.clone().unwrap_or_default());
    // The default (at least) is left empty, as the JSON leaves it out.
    let at_least = crate::plan::FrequencyQualifier::AtLeast;
    if let Some(f) = m.frequency.as_ref().filter(|f| f.qualifier != at_least) {
        set(&mut r, C::FrequencyQualifier, f.qualifier.name());
    }
    let inst: Vec<String> = m.instruments.iter().map(instrument_name).collect();
    set(&mut r, C::Instruments, join_list(&inst));
    r
}

fn tables_of(doc: &Document, d: &Dialect) -> Vec<Out> {
    use schema::*;
    let mut document = Out::new(&document::TABLE);
    {
        use document::C;
        let r = document.row();
        set(r, C::FormatVersion, doc.format_version.to_string());
        set(r, C::Title, doc.title.clone().unwrap_or_default());
    }
    let mut plans = Out::new(&action_plans::TABLE);
    let mut values = Out::new(&plan_values::TABLE);
    let mut parts = Out::new(&population_parts::TABLE);
    let mut sections_t = Out::new(&sections::TABLE);
    let mut prios = Out::new(&priorities::TABLE);
    let mut measures_t = Out::new(&measures::TABLE);
    let mut specials = Out::new(&special_tasks::TABLE);
    let mut content = Out::new(&special_task_content::TABLE);
    let mut approvals_t = Out::new(&approvals::TABLE);
    let mut revisions_t = Out::new(&revisions::TABLE);
    for p in &doc.action_plans {
        {
            use action_plans::C;
            let r = plans.row();
            set(r, C::Id, p.id.clone());
            set(r, C::Centre, p.centre.clone());
            set_loc(
                r,
                [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
                &p.title,
            );
            set(r, C::Start, fmt_date(p.period.start, d));
            set(r, C::End, fmt_date(p.period.end, d));
            if let Some(v) = &p.vision {
                set_loc(
                    r,
                    [C::VisionFi.into(), C::VisionSv.into(), C::VisionEn.into()],
                    v,
                );
            }
            set(r, C::StatutoryTasks, names(&p.statutory_tasks));
            let inst: Vec<String> = p.instruments.iter().map(instrument_name).collect();
            set(r, C::Instruments, join_list(&inst));
            if let Some(pop) = &p.population {
                set(r, C::PopulationDate, fmt_date(pop.reference_date, d));
                set(r, C::PopulationTotal, pop.total.to_string());
            }
        }
        for v in &p.values {
            use plan_values::C;
            let r = values.row();
            set(r, C::PlanId, p.id.clone());
            set_loc(r, [C::TextFi.into(), C::TextSv.into(), C::TextEn.into()], v);
        }
        if let Some(pop) = &p.population {
            for part in &pop.parts {
                use population_parts::C;
                let r = parts.row();
                set(r, C::PlanId, p.id.clone());
                set(r, C::Area, part.area.clone());
                set(r, C::Population, part.population.to_string());
            }
        }
        for pr in &p.priorities {
            use priorities::C;
            let r = prios.row();
            set(r, C::PlanId, p.id.clone());
            set(r, C::Id, pr.id.clone());
            set(r, C::Number, pr.number.to_string());
            set_loc(
                r,
                [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
                &pr.title,
            );
            set(r, C::MapsTo, pr.maps_to.clone().unwrap_or_default());
        }
        for s in &p.sections {
            {
                use sections::C;
                let r = sections_t.row();
                set(r, C::PlanId, p.id.clone());
                set(r, C::Region, s.region.clone());
                if let Some(t) = &s.title {
                    set_loc(
                        r,
                        [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
                        t,
                    );
                }
                if let Some(x) = &s.period {
                    set(r, C::Start, fmt_date(x.start, d));
                    set(r, C::End, fmt_date(x.end, d));
                }
                if let Some(x) = &s.refines_period {
                    set(r, C::RefinesStart, fmt_date(x.start, d));
                    set(r, C::RefinesEnd, fmt_date(x.end, d));
                }
                if !s.area_kind.is_region() {
                    set(r, C::AreaKind, s.area_kind.name());
                }
            }
            for pr in &s.local_priorities {
                use priorities::C;
                let r = prios.row();
                set(r, C::PlanId, p.id.clone());
                set(r, C::Region, s.region.clone());
                set(r, C::Id, pr.id.clone());
                set(r, C::Number, pr.number.to_string());
                set_loc(
                    r,
                    [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
                    &pr.title,
                );
                set(r, C::MapsTo, pr.maps_to.clone().unwrap_or_default());
            }
            for m in &s.measures {
                measures_t.rows.push(measure_cells(&p.id, &s.region, m, d));
            }
        }
        for t in &p.special_tasks {
            {
                use special_tasks::C;
                let r = specials.row();
                set(r, C::PlanId, p.id.clone());
                set(r, C::Id, t.id.clone());
                set(r, C::Kind, t.kind.name());
                set(r, C::Year, t.year.to_string());
                set(
                    r,
                    C::GrantSharePercent,
                    opt(t.grant_share, |b| fmt_percent(b, d)),
                );
                set(r, C::StateGrant, opt(t.state_grant, |c| fmt_cents(c, d)));
                set(r, C::Allocated, opt(t.allocated, |c| fmt_cents(c, d)));
                set(
                    r,
                    C::ConsultationProgramme,
                    t.consultation_programme.clone().unwrap_or_default(),
                );
            }
            for c in &t.content {
                use special_task_content::C;
                let r = content.row();
                set(r, C::SpecialTaskId, t.id.clone());
                set_loc(r, [C::TextFi.into(), C::TextSv.into(), C::TextEn.into()], c);
            }
        }
        for a in &p.approvals {
            use approvals::C;
            let r = approvals_t.row();
            set(r, C::PlanId, p.id.clone());
            set(r, C::Body, a.body.clone());
            set(r, C::Date, fmt_date(a.date, d));
        }
        for t in &p.special_tasks {
            for a in &t.approvals {
                use approvals::C;
                let r = approvals_t.row();
                set(r, C::PlanId, p.id.clone());
                set(r, C::SpecialTaskId, t.id.clone());
                set(r, C::Body, a.body.clone());
                set(r, C::Date, fmt_date(a.date, d));
            }
        }
        for v in &p.revisions {
            use revisions::C;
            let r = revisions_t.row();
            set(r, C::PlanId, p.id.clone());
            set(r, C::Date, fmt_date(v.date, d));
            set(r, C::Reason, v.reason.name());
            set_loc(
                r,
                [
                    C::DescriptionFi.into(),
                    C::DescriptionSv.into(),
                    C::DescriptionEn.into(),
                ],
                &v.description,
            );
        }
    }

    let mut projects_t = Out::new(&projects::TABLE);
    let mut phases_t = Out::new(&phases::TABLE);
    let mut orgs = Out::new(&organisations::TABLE);
    let mut objectives_t = Out::new(&objectives::TABLE);
    let mut teams_t = Out::new(&teams::TABLE);
    let mut listings = Out::new(&team_listings::TABLE);
    let mut team_tasks_t = Out::new(&team_tasks::TABLE);
    let mut work_areas_t = Out::new(&work_areas::TABLE);
    let mut sources = Out::new(&funding_sources::TABLE);
    let mut contributions_t = Out::new(&contributions::TABLE);
    for p in &doc.projects {
        {
            use projects::C;
            let r = projects_t.row();
            set(r, C::Id, p.id.clone());
            set_loc(
                r,
                [C::NameFi.into(), C::NameSv.into(), C::NameEn.into()],
                &p.name,
            );
            set(r, C::Start, fmt_date(p.period.start, d));
            set(r, C::End, fmt_date(p.period.end, d));
            set(r, C::Participants, join_list(&p.participants));
            set(r, C::Evaluations, join_list(&p.evaluations));
            if let Some(b) = &p.budget {
                set(r, C::BudgetTotal, fmt_cents(b.total, d));
                set(
                    r,
                    C::ShareTolerancePercent,
                    fmt_percent(b.share_tolerance, d),
                );
                if let Some(a) = &b.annual {
                    set(r, C::AnnualTotal, fmt_cents(a.total, d));
                    set(
                        r,
                        C::ContributionsFund,
                        a.contributions_fund.clone().unwrap_or_default(),
                    );
                }
            }
        }
        for ph in &p.phases {
            use phases::C;
            let r = phases_t.row();
            set(r, C::ProjectId, p.id.clone());
            set(r, C::Name, ph.name.clone());
            set(r, C::Start, fmt_date(ph.period.start, d));
            set(r, C::End, fmt_date(ph.period.end, d));
        }
        for o in &p.organisations {
            use organisations::C;
            let r = orgs.row();
            set(r, C::ProjectId, p.id.clone());
            set(r, C::Id, o.id.clone());
            set_loc(
                r,
                [C::NameFi.into(), C::NameSv.into(), C::NameEn.into()],
                &o.name,
            );
            set(r, C::Roles, names(&o.roles));
            set(r, C::Centre, o.centre.clone().unwrap_or_default());
        }
        for o in &p.objectives {
            use objectives::C;
            let r = objectives_t.row();
            set(r, C::ProjectId, p.id.clone());
            set(r, C::Number, o.number.to_string());
            set(r, C::Perspective, o.perspective.name());
            set(r, C::Action, o.action.name());
            set_loc(
                r,
                [C::TextFi.into(), C::TextSv.into(), C::TextEn.into()],
                &o.text,
            );
        }
        for t in &p.teams {
            use teams::C;
            let r = teams_t.row();
            set(r, C::ProjectId, p.id.clone());
            set(r, C::Id, t.id.clone());
            set(r, C::BaseMunicipality, t.base_municipality.clone());
            if let Some(a) = &t.area_name {
                set_loc(
                    r,
                    [
                        C::AreaNameFi.into(),
                        C::AreaNameSv.into(),
                        C::AreaNameEn.into(),
                    ],
                    a,
                );
            }
            set(r, C::AreaMunicipalities, join_list(&t.area_municipalities));
            set(r, C::SharedWith, join_list(&t.shared_with));
            if let Some(n) = &t.name {
                set_loc(r, [C::NameFi.into(), C::NameSv.into(), C::NameEn.into()], n);
            }
        }
        for task in &p.team_common_tasks {
            use team_tasks::C;
            let r = team_tasks_t.row();
            set(r, C::ProjectId, p.id.clone());
            set_loc(
                r,
                [C::TextFi.into(), C::TextSv.into(), C::TextEn.into()],
                task,
            );
        }
        for t in &p.teams {
            for task in &t.tasks {
                use team_tasks::C;
                let r = team_tasks_t.row();
                set(r, C::ProjectId, p.id.clone());
                set(r, C::TeamId, t.id.clone());
                set_loc(
                    r,
                    [C::TextFi.into(), C::TextSv.into(), C::TextEn.into()],
                    task,
                );
            }
        }
        for w in &p.work_areas {
            use work_areas::C;
            let r = work_areas_t.row();
            set(r, C::ProjectId, p.id.clone());
            set(r, C::Number, w.number.to_string());
            set_loc(
                r,
                [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
                &w.title,
            );
            if let Some(x) = &w.expected_result {
                set_loc(
                    r,
                    [C::ResultFi.into(), C::ResultSv.into(), C::ResultEn.into()],
                    x,
                );
            }
        }
        for t in &p.teams {
            for l in &t.other_listings {
                use team_listings::C;
                let r = listings.row();
                set(r, C::ProjectId, p.id.clone());
                set(r, C::TeamId, t.id.clone());
                set(r, C::Source, l.source.clone());
                set(r, C::Municipalities, join_list(&l.municipalities));
            }
        }
        if let Some(b) = &p.budget {
            let annual = b
                .annual
                .iter()
                .flat_map(|a| a.sources.iter().map(|s| ("annual", s)));
            for (scope, s) in b.sources.iter().map(|s| ("project", s)).chain(annual) {
                use funding_sources::C;
                let r = sources.row();
                set(r, C::ProjectId, p.id.clone());
                set(r, C::Scope, scope);
                set(r, C::Funder, s.funder.clone());
                set(r, C::Amount, fmt_cents(s.amount, d));
                set(
                    r,
                    C::StatedSharePercent,
                    opt(s.stated_share, |b| fmt_percent(b, d)),
                );
            }
            if let Some(a) = &b.annual {
                for c in &a.contributions {
                    use contributions::C;
                    let r = contributions_t.row();
                    set(r, C::ProjectId, p.id.clone());
                    set(r, C::Category, c.category.name());
                    set(r, C::PerYear, fmt_cents(c.per_year, d));
                    set(r, C::Count, opt(c.count, |n| n.to_string()));
                }
            }
        }
    }

    let mut networks_t = Out::new(&networks::TABLE);
    let mut meetings_t = Out::new(&meetings::TABLE);
    for n in &doc.networks {
        {
            use networks::C;
            let r = networks_t.row();
            set(r, C::Id, n.id.clone());
            set_loc(
                r,
                [C::NameFi.into(), C::NameSv.into(), C::NameEn.into()],
                &n.name,
            );
            set(r, C::Organisers, join_list(&n.organisers));
            if let Some(p) = &n.period {
                set(r, C::Start, fmt_date(p.start, d));
                set(r, C::End, fmt_date(p.end, d));
            }
            if let Some(f) = &n.min_frequency {
                set(r, C::FrequencyMin, f.min_times.to_string());
                set(r, C::FrequencyPer, f.per.name());
                set(r, C::FrequencyNote, f.note.clone().unwrap_or_default());
                if f.qualifier != crate::plan::FrequencyQualifier::AtLeast {
                    set(r, C::FrequencyQualifier, f.qualifier.name());
                }
            }
        }
        for m in &n.meetings {
            use meetings::C;
            let r = meetings_t.row();
            set(r, C::NetworkId, n.id.clone());
            set(r, C::Id, m.id.clone());
            set(r, C::Date, fmt_date(m.date, d));
            set(r, C::DateNote, m.date_note.clone().unwrap_or_default());
            set(r, C::Status, m.status.name());
            set(r, C::Format, m.format.name());
            set(r, C::Platform, m.platform.clone().unwrap_or_default());
            set(
                r,
                C::DurationMinutes,
                opt(m.duration_minutes, |n| n.to_string()),
            );
            set(r, C::FullDay, fmt_bool(m.full_day));
            if let Some(h) = &m.participants {
                set(r, C::Participants, h.count.to_string());
                set(r, C::ParticipantsApproximate, fmt_bool(h.approximate));
            }
            set(r, C::RegionsRepresented, join_list(&m.regions_represented));
            set(r, C::RegionsCount, opt(m.regions_count, |n| n.to_string()));
            set(r, C::Place, m.place.clone().unwrap_or_default());
            if let Some(q) = m.participants.as_ref().and_then(|h| h.qualifier) {
                set(r, C::ParticipantsQualifier, q.name());
            }
        }
    }

    let mut evaluations_t = Out::new(&evaluations::TABLE);
    let mut indicators_t = Out::new(&indicators::TABLE);
    for e in &doc.evaluations {
        {
            use evaluations::C;
            let r = evaluations_t.row();
            set(r, C::Id, e.id.clone());
            set_loc(
                r,
                [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
                &e.title,
            );
            set(r, C::Subject, e.subject.clone().unwrap_or_default());
            set(r, C::Method, e.method.name());
            let inst: Vec<String> = e.instruments.iter().map(instrument_name).collect();
            set(r, C::Instruments, join_list(&inst));
            if let Some(p) = &e.period {
                set(r, C::Start, fmt_date(p.start, d));
                set(r, C::End, fmt_date(p.end, d));
            }
        }
        for i in &e.indicators {
            use indicators::C;
            let r = indicators_t.row();
            set(r, C::EvaluationId, e.id.clone());
            set(r, C::Id, i.id.clone());
            set_loc(
                r,
                [C::NameFi.into(), C::NameSv.into(), C::NameEn.into()],
                &i.name,
            );
            set(r, C::Perspective, i.perspective.clone().unwrap_or_default());
            set(r, C::Unit, i.unit.clone());
            set(r, C::Baseline, opt(i.baseline, |v| fmt_f64(v, d)));
            set(r, C::Target, opt(i.target, |v| fmt_f64(v, d)));
            set(r, C::Actual, opt(i.actual, |v| fmt_f64(v, d)));
            set(r, C::Direction, i.direction.name());
        }
    }

    let mut programmes_t = Out::new(&consultation_programmes::TABLE);
    let mut consultations_t = Out::new(&consultations::TABLE);
    for p in &doc.consultation_programmes {
        {
            use consultation_programmes::C;
            let r = programmes_t.row();
            set(r, C::Id, p.id.clone());
            set_loc(
                r,
                [C::NameFi.into(), C::NameSv.into(), C::NameEn.into()],
                &p.name,
            );
            set(r, C::Centre, p.centre.clone().unwrap_or_default());
            set(r, C::MinMinutes, p.policy.min_minutes.to_string());
            set(r, C::MaxMinutes, p.policy.max_minutes.to_string());
            set(r, C::MinLeadDays, p.policy.min_lead_days.to_string());
            set(r, C::MaxQuestions, p.policy.max_questions.to_string());
            set(r, C::MaxBriefChars, p.policy.max_brief_chars.to_string());
            if p.illustrative {
                set(r, C::Illustrative, fmt_bool(true));
            }
            if let Some(c) = &p.concept {
                set(r, C::ConceptDate, fmt_date(c.date, d));
                set_loc(
                    r,
                    [
                        C::ConceptFi.into(),
                        C::ConceptSv.into(),
                        C::ConceptEn.into(),
                    ],
                    &c.description,
                );
            }
        }
        for c in &p.consultations {
            use consultations::C;
            let r = consultations_t.row();
            set(r, C::ProgrammeId, p.id.clone());
            set(r, C::Id, c.id.clone());
            set(r, C::State, c.state.name());
            set(r, C::Brief, c.brief.clone());
            set(r, C::Questions, join_list(&c.questions));
            set(
                r,
                C::DeveloperGroup,
                c.developer_group.clone().unwrap_or_default(),
            );
            if let Some(k) = &c.consultant {
                set(r, C::Consultant, k.organisation.clone());
                set(r, C::ConsultantCountry, k.country.clone());
                set(r, C::ConsultantCriteria, names(&k.criteria));
            }
            set(r, C::BriefSentOn, opt(c.brief_sent_on, |x| fmt_date(x, d)));
            if let Some(s) = &c.session {
                set(r, C::SessionDate, fmt_date(s.date, d));
                set(r, C::SessionMinutes, s.planned_minutes.to_string());
                set(
                    r,
                    C::SessionPlatform,
                    s.platform.clone().unwrap_or_default(),
                );
            }
            if let Some(h) = &c.held {
                set(r, C::HeldDate, fmt_date(h.date, d));
                set(r, C::HeldMinutes, h.actual_minutes.to_string());
            }
            set(
                r,
                C::Documentation,
                c.documentation.clone().unwrap_or_default(),
            );
            if let Some(e) = &c.evaluation {
                set(r, C::EvaluationDate, fmt_date(e.date, d));
                set_loc(
                    r,
                    [
                        C::EvaluationFi.into(),
                        C::EvaluationSv.into(),
                        C::EvaluationEn.into(),
                    ],
                    &e.summary,
                );
                set(
                    r,
                    C::EvaluationUseful,
                    opt(e.useful, |b| fmt_bool(b).to_owned()),
                );
            }
            if let Some(x) = &c.cancellation {
                set(r, C::CancelledOn, fmt_date(x.date, d));
                set(r, C::CancelReason, x.reason.clone());
                set(r, C::CancelledFrom, x.from_state.name());
            }
        }
    }

    let mut reports_t = Out::new(&activity_reports::TABLE);
    let mut areas_t = Out::new(&priority_areas::TABLE);
    let mut activities_t = Out::new(&report_activities::TABLE);
    for a in &doc.activity_reports {
        {
            use activity_reports::C;
            let r = reports_t.row();
            set(r, C::Id, a.id.clone());
            set(r, C::Centre, a.centre.clone());
            set(r, C::Region, a.region.clone().unwrap_or_default());
            set_loc(
                r,
                [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
                &a.title,
            );
            set(r, C::Start, fmt_date(a.period.start, d));
            set(r, C::End, fmt_date(a.period.end, d));
            set(
                r,
                C::SteeringGroupMeetings,
                opt(a.steering_group_meetings, |n| n.to_string()),
            );
            set(
                r,
                C::MunicipalitiesInArea,
                opt(a.municipalities_in_area, |n| n.to_string()),
            );
            set(r, C::Networks, join_list(&a.networks));
            set(r, C::Evaluations, join_list(&a.evaluations));
        }
        for pa in &a.priority_areas {
            use priority_areas::C;
            let r = areas_t.row();
            set(r, C::ReportId, a.id.clone());
            set_loc(
                r,
                [C::TitleFi.into(), C::TitleSv.into(), C::TitleEn.into()],
                &pa.title,
            );
            set(r, C::Projects, opt(pa.projects, |n| n.to_string()));
            if let Some(n) = &pa.note {
                set_loc(r, [C::NoteFi.into(), C::NoteSv.into(), C::NoteEn.into()], n);
            }
        }
        for t in &a.activities {
            use report_activities::C;
            let r = activities_t.row();
            set(r, C::ReportId, a.id.clone());
            set_loc(r, [C::TextFi.into(), C::TextSv.into(), C::TextEn.into()], t);
        }
    }

    vec![
        document,
        plans,
        values,
        parts,
        sections_t,
        prios,
        measures_t,
        specials,
        content,
        approvals_t,
        revisions_t,
        projects_t,
        phases_t,
        orgs,
        objectives_t,
        teams_t,
        listings,
        team_tasks_t,
        work_areas_t,
        sources,
        contributions_t,
        networks_t,
        meetings_t,
        evaluations_t,
        indicators_t,
        programmes_t,
        consultations_t,
        reports_t,
        areas_t,
        activities_t,
    ]
}

/// A CSV writer for `dialect`.
pub(crate) fn csv_writer<W: Write>(w: W, dialect: &Dialect) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(dialect.delimiter)
        .terminator(if dialect.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(w)
}

/// Writes one record, each cell through [`guard_cell`] (CSV-injection guard).
pub(crate) fn write_guarded<W: Write>(
    cw: &mut csv::Writer<W>,
    cells: &[String],
    dialect: &Dialect,
) -> csv::Result<()> {
    for c in cells {
        cw.write_field(guard_cell(c, dialect).as_bytes())?;
    }
    cw.write_record(None::<&[u8]>)
}

fn to_csv_err(e: csv::Error) -> io::Error {
    io::Error::other(e)
}

/// Writes a header and rows as CSV in `dialect` (BOM included when the dialect asks).
pub(crate) fn write_rows<W: Write>(
    mut w: W,
    schema: &TableSchema,
    rows: &[Vec<String>],
    dialect: &Dialect,
) -> io::Result<()> {
    if dialect.bom {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut cw = csv_writer(w, dialect);
    cw.write_record(schema.columns.iter().map(|c| c.name))
        .map_err(to_csv_err)?;
    for r in rows {
        write_guarded(&mut cw, r, dialect).map_err(to_csv_err)?;
    }
    cw.flush()
}

/// The cells of one table of the layout, row by row and in the schema's column order,
/// as the standard dialect writes them (ISO dates, money `-1234.56`, lists joined by
/// `|`); no rows when the document has none. The one mapping of the CSV export, for
/// callers that hand the table over in another form (Arrow, DataFrames).
pub fn table_cells(doc: &Document, table: &TableSchema) -> Vec<Vec<String>> {
    tables_of(doc, &Dialect::STANDARD)
        .into_iter()
        .find(|t| t.schema.file == table.file)
        .map(|t| t.rows)
        .unwrap_or_default()
}

/// The document as CSV tables: `(file name, bytes)` for `document.csv` and every
/// table that has rows, in the layout's order.
pub fn write_tables(doc: &Document, dialect: &Dialect) -> Vec<(&'static str, Vec<u8>)> {
    tables_of(doc, dialect)
        .into_iter()
        .filter(|t| !t.rows.is_empty())
        .map(|t| {
            let mut bytes = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = write_rows(&mut bytes, t.schema, &t.rows, dialect);
            (t.schema.file, bytes)
        })
        .collect()
}

/// Writes the document's tables into `dir` (created if needed), and the
/// Frictionless Data Package descriptor `datapackage.json` describing them; returns
/// the files written (the descriptor last). Every other file the reader would take
/// for a table (a table the document leaves empty, one named in Finnish or Swedish,
/// `.tsv` or `.txt`) is removed, so that the folder holds exactly the document.
pub fn write_folder(
    doc: &Document,
    dir: impl AsRef<Path>,
    dialect: &Dialect,
) -> io::Result<Vec<PathBuf>> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir)?;
    let tables = write_tables(doc, dialect);
    // Every other file the reader would take for a table (an empty table, a Finnish
    // or Swedish name, another extension) goes, or it would be read back as well.
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let is_table = path.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "csv" | "tsv" | "txt"))
            && schema::table_for_file(name).is_some();
        if is_table && !tables.iter().any(|(f, _)| *f == name) {
            std::fs::remove_file(&path)?;
        }
    }
    let mut written = Vec::new();
    for (file, bytes) in &tables {
        let path = dir.join(file);
        std::fs::write(&path, bytes)?;
        written.push(path);
    }
    // The Frictionless Data Package descriptor of exactly these files.
    let files: Vec<&str> = tables.iter().map(|(f, _)| *f).collect();
    let package = super::package::datapackage(&files, dialect, doc.title.as_deref());
    let path = dir.join(super::package::DATAPACKAGE);
    let mut text = serde_json::to_string_pretty(&package).map_err(io::Error::other)?;
    text.push('\n');
    std::fs::write(&path, text)?;
    written.push(path);
    Ok(written)
}
