//! Property: document → CSV tables → document is the identity for arbitrary valid
//! documents, in both dialects. Every struct is built with all its fields named, so
//! a field added to the model fails to compile here until the tables carry it.

use chrono::NaiveDate;
use oske::activity::{ActivityReport, PriorityArea};
use oske::consultation::{
    Cancellation, ConceptModel, Consultant, Consultation, ConsultationPolicy,
    ConsultationProgramme, ConsultationState, HeldSession, SelectionCriterion, Session,
    TrialEvaluation,
};
use oske::evaluation::{Direction, Evaluation, EvaluationMethod, Indicator, Instrument};
use oske::network::{CountQualifier, Headcount, Meeting, MeetingFormat, MeetingStatus, Network};
use oske::plan::{
    ActionPlan, Approval, Frequency, FrequencyQualifier, FrequencyUnit, Measure, MeasureKind,
    MeasureStatus, PopulationPart, PopulationTable, Priority, RegionalSection, Revision,
    RevisionReason, Schedule, SectionArea, ServiceArea, SpecialTaskPlan,
};
use oske::project::{
    AnnualBudget, AreaListing, Budget, ContributionRule, DeveloperTeam, DevelopmentProject,
    FundingSource, Objective, ObjectiveAction, OrgRole, Organisation, ParticipantCategory,
    Perspective, Phase, WorkArea,
};
use oske::tables::{self, Dialect, ReadOptions};
use oske::tasks::{SpecialTaskKind, StatutoryTask};
use oske::{Bp, Cents, Document, LocalizedText, Period};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

/// Any text a spreadsheet cell may hold: delimiters, quotes, line breaks, the list
/// separator and its escape, Finnish letters, spaces at either end.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9äöåÄÖÅ€ ,;|\\\\\"'\n\r\t=–.-]{0,10}"
}

/// Text with something in it (ids, codes, list items, optional strings).
fn word() -> impl Strategy<Value = String> {
    ("[a-zA-Z0-9äöÅ]{1,6}", text()).prop_map(|(a, b)| format!("{a}{b}"))
}

fn opt_word() -> impl Strategy<Value = Option<String>> {
    option::of(word())
}

fn loc_text() -> impl Strategy<Value = LocalizedText> {
    (opt_word(), opt_word(), opt_word()).prop_map(|(fi, sv, en)| LocalizedText { fi, sv, en })
}

fn opt_loc() -> impl Strategy<Value = Option<LocalizedText>> {
    option::of(
        (word(), opt_word(), opt_word()).prop_map(|(fi, sv, en)| LocalizedText {
            fi: Some(fi),
            sv,
            en,
        }),
    )
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn period() -> impl Strategy<Value = Period> {
    (date(), date()).prop_map(|(start, end)| Period { start, end })
}

fn cents() -> impl Strategy<Value = Cents> {
    any::<i64>().prop_map(Cents)
}

fn bp() -> impl Strategy<Value = Bp> {
    any::<u32>().prop_map(Bp)
}

fn measurement() -> impl Strategy<Value = Option<f64>> {
    option::of(prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (-100_000i64..100_000, 0u32..4).prop_map(|(n, s)| n as f64 / 10f64.powi(s as i32)),
    ])
}

fn frequency() -> impl Strategy<Value = Frequency> {
    (
        any::<u32>(),
        select(vec![
            FrequencyUnit::Year,
            FrequencyUnit::HalfYear,
            FrequencyUnit::Quarter,
            FrequencyUnit::Month,
        ]),
        opt_word(),
        select(vec![
            FrequencyQualifier::AtLeast,
            FrequencyQualifier::Exactly,
            FrequencyQualifier::OnAverage,
        ]),
    )
        .prop_map(|(min_times, per, note, qualifier)| Frequency {
            min_times,
            per,
            qualifier,
            note,
        })
}

fn instrument() -> impl Strategy<Value = Instrument> {
    prop_oneof![
        Just(Instrument::Avain),
        Just(Instrument::Arvoa),
        Just(Instrument::Suuntima),
        Just(Instrument::Sosdigi),
        Just(Instrument::WelfareBarometer),
        text().prop_map(Instrument::Other),
    ]
}

fn schedule() -> impl Strategy<Value = Option<Schedule>> {
    (option::of(period()), vec(date(), 0..3), opt_word()).prop_map(|(period, dates, note)| {
        (period.is_some() || !dates.is_empty() || note.is_some()).then_some(Schedule {
            period,
            dates,
            note,
        })
    })
}

fn measure() -> impl Strategy<Value = Measure> {
    (
        word(),
        loc_text(),
        select(vec![
            MeasureKind::Network,
            MeasureKind::Workshop,
            MeasureKind::ThemedAfternoon,
            MeasureKind::StudyVisit,
            MeasureKind::Other,
        ]),
        opt_word(),
        vec(
            select(vec![
                ServiceArea::AdultSocialWork,
                ServiceArea::ChildProtection,
                ServiceArea::SubstanceAbuseAndMentalHealth,
                ServiceArea::Other,
            ]),
            0..3,
        ),
        schedule(),
        option::of(frequency()),
        vec(word(), 0..3),
        select(vec![
            MeasureStatus::Planned,
            MeasureStatus::Ongoing,
            MeasureStatus::Done,
            MeasureStatus::Postponed,
            MeasureStatus::Cancelled,
        ]),
        opt_word(),
        vec(instrument(), 0..3),
    )
        .prop_map(
            |(
                id,
                title,
                kind,
                priority,
                service_areas,
                schedule,
                frequency,
                partners,
                status,
                network,
                instruments,
            )| Measure {
                id,
                title,
                kind,
                priority,
                service_areas,
                schedule,
                frequency,
                partners,
                status,
                network,
                instruments,
            },
        )
}

fn priority() -> impl Strategy<Value = Priority> {
    (word(), any::<u32>(), loc_text(), opt_word()).prop_map(|(id, number, title, maps_to)| {
        Priority {
            id,
            number,
            title,
            maps_to,
        }
    })
}

fn approval() -> impl Strategy<Value = Approval> {
    (word(), date()).prop_map(|(body, date)| Approval { body, date })
}

fn plan() -> impl Strategy<Value = ActionPlan> {
    let head = (
        word(),
        loc_text(),
        period(),
        opt_loc(),
        vec(loc_text(), 0..2),
        vec(select(StatutoryTask::ALL.to_vec()), 0..3),
        option::of((date(), vec((word(), any::<u64>()), 0..3), any::<u64>())),
        vec(priority(), 0..3),
    );
    let tail = (
        vec(
            (
                vec(priority(), 0..2),
                vec(measure(), 0..3),
                (
                    opt_loc(),
                    option::of(period()),
                    option::of(period()),
                    select(vec![SectionArea::Region, SectionArea::County]),
                ),
            ),
            0..3,
        ),
        vec(
            (
                select(vec![
                    SpecialTaskKind::Nordic,
                    SpecialTaskKind::SamiServices,
                    SpecialTaskKind::Other,
                ]),
                any::<i32>(),
                option::of(bp()),
                option::of(cents()),
                option::of(cents()),
                vec(loc_text(), 0..2),
                vec(approval(), 0..2),
                opt_word(),
            ),
            0..2,
        ),
        vec(
            (
                date(),
                select(vec![
                    RevisionReason::Covid19,
                    RevisionReason::AnnualUpdate,
                    RevisionReason::Other,
                ]),
                loc_text(),
            ),
            0..2,
        ),
        vec(approval(), 0..2),
        vec(instrument(), 0..3),
    );
    (head, tail).prop_map(
        |(
            (centre, title, period, vision, values, statutory_tasks, population, priorities),
            (sections, special, revisions, approvals, instruments),
        )| {
            ActionPlan {
                id: String::new(),
                centre,
                title,
                period,
                vision,
                values,
                statutory_tasks,
                population: population.map(|(reference_date, parts, total)| PopulationTable {
                    reference_date,
                    parts: parts
                        .into_iter()
                        .map(|(area, population)| PopulationPart { area, population })
                        .collect(),
                    total,
                }),
                priorities,
                sections: sections
                    .into_iter()
                    .enumerate()
                    .map(
                        |(
                            i,
                            (
                                local_priorities,
                                measures,
                                (title, period, refines_period, area_kind),
                            ),
                        )| {
                            RegionalSection {
                                region: format!("{}", 10 + i),
                                area_kind,
                                title,
                                period,
                                refines_period,
                                local_priorities,
                                measures,
                            }
                        },
                    )
                    .collect(),
                special_tasks: special
                    .into_iter()
                    .map(
                        |(
                            kind,
                            year,
                            grant_share,
                            state_grant,
                            allocated,
                            content,
                            approvals,
                            consultation_programme,
                        )| SpecialTaskPlan {
                            id: String::new(),
                            kind,
                            year,
                            grant_share,
                            state_grant,
                            allocated,
                            content,
                            approvals,
                            consultation_programme,
                        },
                    )
                    .collect(),
                revisions: revisions
                    .into_iter()
                    .map(|(date, reason, description)| Revision {
                        date,
                        reason,
                        description,
                    })
                    .collect(),
                approvals,
                instruments,
            }
        },
    )
}

fn source() -> impl Strategy<Value = FundingSource> {
    (word(), cents(), option::of(bp())).prop_map(|(funder, amount, stated_share)| FundingSource {
        funder,
        amount,
        stated_share,
    })
}

fn project() -> impl Strategy<Value = DevelopmentProject> {
    let parts = (
        loc_text(),
        period(),
        vec((text(), period()), 0..2),
        vec(
            (
                word(),
                loc_text(),
                vec(
                    select(vec![
                        OrgRole::Administrator,
                        OrgRole::Coordinator,
                        OrgRole::Partner,
                        OrgRole::Funder,
                        OrgRole::Participant,
                    ]),
                    0..3,
                ),
                opt_word(),
            ),
            0..3,
        ),
        vec(
            (
                any::<u32>(),
                select(vec![
                    Perspective::Clients,
                    Perspective::Staff,
                    Perspective::ResearchAndTeaching,
                    Perspective::Other,
                ]),
                select(vec![
                    ObjectiveAction::Continue,
                    ObjectiveAction::Start,
                    ObjectiveAction::Expand,
                    ObjectiveAction::Deepen,
                ]),
                loc_text(),
            ),
            0..3,
        ),
    );
    let more = (
        vec(
            (
                word(),
                opt_loc(),
                vec(word(), 0..3),
                vec(word(), 0..2),
                vec((word(), vec(word(), 0..3)), 0..2),
                (opt_loc(), vec(loc_text(), 0..3)),
            ),
            0..3,
        ),
        vec(word(), 0..3),
        option::of((
            cents(),
            vec(source(), 0..3),
            bp(),
            option::of((
                cents(),
                vec(source(), 0..2),
                vec(
                    (
                        select(vec![
                            ParticipantCategory::TeamMunicipality,
                            ParticipantCategory::OtherParticipant,
                        ]),
                        cents(),
                        option::of(any::<u32>()),
                    ),
                    0..2,
                ),
                opt_word(),
            )),
        )),
        vec(word(), 0..2),
        (
            vec(loc_text(), 0..3),
            vec((any::<u32>(), loc_text(), opt_loc()), 0..3),
        ),
    );
    (parts, more).prop_map(
        |(
            (name, period, phases, orgs, objectives),
            (teams, participants, budget, evaluations, (team_common_tasks, work_areas)),
        )| {
            DevelopmentProject {
                id: String::new(),
                name,
                period,
                phases: phases
                    .into_iter()
                    .map(|(name, period)| Phase { name, period })
                    .collect(),
                organisations: orgs
                    .into_iter()
                    .map(|(id, name, roles, centre)| Organisation {
                        id,
                        name,
                        roles,
                        centre,
                    })
                    .collect(),
                objectives: objectives
                    .into_iter()
                    .map(|(number, perspective, action, text)| Objective {
                        number,
                        perspective,
                        action,
                        text,
                    })
                    .collect(),
                teams: teams
                    .into_iter()
                    .enumerate()
                    .map(
                        |(
                            i,
                            (
                                base_municipality,
                                area_name,
                                area_municipalities,
                                shared_with,
                                listings,
                                (name, tasks),
                            ),
                        )| DeveloperTeam {
                            id: format!("team-{i}"),
                            name,
                            tasks,
                            base_municipality,
                            area_name,
                            area_municipalities,
                            shared_with,
                            other_listings: listings
                                .into_iter()
                                .map(|(source, municipalities)| AreaListing {
                                    source,
                                    municipalities,
                                })
                                .collect(),
                        },
                    )
                    .collect(),
                team_common_tasks,
                work_areas: work_areas
                    .into_iter()
                    .map(|(number, title, expected_result)| WorkArea {
                        number,
                        title,
                        expected_result,
                    })
                    .collect(),
                participants,
                budget: budget.map(|(total, sources, share_tolerance, annual)| Budget {
                    total,
                    sources,
                    share_tolerance,
                    annual: annual.map(|(total, sources, contributions, contributions_fund)| {
                        AnnualBudget {
                            total,
                            sources,
                            contributions: contributions
                                .into_iter()
                                .map(|(category, per_year, count)| ContributionRule {
                                    category,
                                    per_year,
                                    count,
                                })
                                .collect(),
                            contributions_fund,
                        }
                    }),
                }),
                evaluations,
            }
        },
    )
}

fn network() -> impl Strategy<Value = Network> {
    let meeting = (
        word(),
        date(),
        opt_word(),
        select(vec![
            MeetingStatus::Held,
            MeetingStatus::Planned,
            MeetingStatus::Cancelled,
        ]),
        select(vec![
            MeetingFormat::InPerson,
            MeetingFormat::Remote,
            MeetingFormat::Hybrid,
        ]),
        opt_word(),
        option::of(any::<u32>()),
        any::<bool>(),
        option::of((
            any::<u32>(),
            any::<bool>(),
            option::of(select(vec![
                CountQualifier::About,
                CountQualifier::Almost,
                CountQualifier::Over,
                CountQualifier::AtLeast,
            ])),
        )),
        vec(word(), 0..3),
        option::of(any::<u32>()),
        opt_word(),
    )
        .prop_map(
            |(
                id,
                date,
                date_note,
                status,
                format,
                platform,
                duration_minutes,
                full_day,
                participants,
                regions_represented,
                regions_count,
                place,
            )| Meeting {
                id,
                date,
                date_note,
                status,
                format,
                platform,
                place,
                duration_minutes,
                full_day,
                participants: participants.map(|(count, approximate, qualifier)| Headcount {
                    count,
                    approximate,
                    qualifier,
                }),
                regions_represented,
                regions_count,
            },
        );
    (
        loc_text(),
        vec(word(), 0..3),
        option::of(period()),
        option::of(frequency()),
        vec(meeting, 0..3),
    )
        .prop_map(
            |(name, organisers, period, min_frequency, meetings)| Network {
                id: String::new(),
                name,
                organisers,
                period,
                min_frequency,
                meetings,
            },
        )
}

fn evaluation() -> impl Strategy<Value = Evaluation> {
    let indicator = (
        word(),
        loc_text(),
        opt_word(),
        text(),
        measurement(),
        measurement(),
        measurement(),
        select(vec![
            Direction::Increase,
            Direction::Decrease,
            Direction::Maintain,
        ]),
    )
        .prop_map(
            |(id, name, perspective, unit, baseline, target, actual, direction)| Indicator {
                id,
                name,
                perspective,
                unit,
                baseline,
                target,
                actual,
                direction,
            },
        );
    (
        loc_text(),
        opt_word(),
        select(vec![
            EvaluationMethod::SelfEvaluation,
            EvaluationMethod::Bikva,
            EvaluationMethod::BalancedScorecard,
            EvaluationMethod::External,
        ]),
        vec(instrument(), 0..3),
        option::of(period()),
        vec(indicator, 0..3),
    )
        .prop_map(
            |(title, subject, method, instruments, period, indicators)| Evaluation {
                id: String::new(),
                title,
                subject,
                method,
                instruments,
                period,
                indicators,
            },
        )
}

fn state() -> impl Strategy<Value = ConsultationState> {
    select(vec![
        ConsultationState::Prepared,
        ConsultationState::ConsultantAgreed,
        ConsultationState::BriefSent,
        ConsultationState::Scheduled,
        ConsultationState::Held,
        ConsultationState::Documented,
        ConsultationState::Evaluated,
        ConsultationState::Cancelled,
    ])
}

fn programme() -> impl Strategy<Value = ConsultationProgramme> {
    let consultation = (
        (word(), state(), text(), vec(word(), 0..3), opt_word()),
        option::of((
            word(),
            text(),
            vec(
                select(vec![
                    SelectionCriterion::NationallySignificant,
                    SelectionCriterion::Innovative,
                    SelectionCriterion::ResearchEvidence,
                ]),
                0..3,
            ),
        )),
        option::of(date()),
        option::of((date(), any::<u32>(), opt_word())),
        option::of((date(), any::<u32>())),
        opt_word(),
        option::of((date(), loc_text(), option::of(any::<bool>()))),
        option::of((date(), text(), state())),
    )
        .prop_map(
            |(
                (id, state, brief, questions, developer_group),
                consultant,
                brief_sent_on,
                session,
                held,
                documentation,
                evaluation,
                cancellation,
            )| Consultation {
                id,
                state,
                brief,
                questions,
                developer_group,
                consultant: consultant.map(|(organisation, country, criteria)| Consultant {
                    organisation,
                    country,
                    criteria,
                }),
                brief_sent_on,
                session: session.map(|(date, planned_minutes, platform)| Session {
                    date,
                    planned_minutes,
                    platform,
                }),
                held: held.map(|(date, actual_minutes)| HeldSession {
                    date,
                    actual_minutes,
                }),
                documentation,
                evaluation: evaluation.map(|(date, summary, useful)| TrialEvaluation {
                    date,
                    summary,
                    useful,
                }),
                cancellation: cancellation.map(|(date, reason, from_state)| Cancellation {
                    date,
                    reason,
                    from_state,
                }),
            },
        );
    (
        loc_text(),
        opt_word(),
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
        ),
        vec(consultation, 0..3),
        option::of((date(), loc_text())),
        any::<bool>(),
    )
        .prop_map(
            |(name, centre, (a, b, c, d, e), consultations, concept, illustrative)| {
                ConsultationProgramme {
                    id: String::new(),
                    name,
                    centre,
                    illustrative,
                    policy: ConsultationPolicy {
                        min_minutes: a,
                        max_minutes: b,
                        min_lead_days: c,
                        max_questions: d,
                        max_brief_chars: e,
                    },
                    consultations,
                    concept: concept.map(|(date, description)| ConceptModel { date, description }),
                }
            },
        )
}

fn report() -> impl Strategy<Value = ActivityReport> {
    (
        word(),
        opt_word(),
        loc_text(),
        period(),
        option::of(any::<u32>()),
        option::of(any::<u32>()),
        vec((loc_text(), option::of(any::<u32>()), opt_loc()), 0..3),
        vec(word(), 0..2),
        vec(word(), 0..2),
        vec(loc_text(), 0..2),
    )
        .prop_map(
            |(
                centre,
                region,
                title,
                period,
                steering_group_meetings,
                municipalities_in_area,
                areas,
                networks,
                evaluations,
                activities,
            )| ActivityReport {
                id: String::new(),
                centre,
                region,
                title,
                period,
                steering_group_meetings,
                municipalities_in_area,
                priority_areas: areas
                    .into_iter()
                    .map(|(title, projects, note)| PriorityArea {
                        title,
                        projects,
                        note,
                    })
                    .collect(),
                networks,
                evaluations,
                activities,
            },
        )
}

prop_compose! {
    fn document()(
        title in opt_word(),
        action_plans in vec(plan(), 0..3),
        projects in vec(project(), 0..3),
        networks in vec(network(), 0..3),
        evaluations in vec(evaluation(), 0..3),
        consultation_programmes in vec(programme(), 0..2),
        activity_reports in vec(report(), 0..2),
    ) -> Document {
        let mut doc = Document {
            format_version: oske::FORMAT_VERSION,
            title,
            action_plans,
            projects,
            networks,
            evaluations,
            consultation_programmes,
            activity_reports,
        };
        // Ids that other tables join to are unique, as in any valid document.
        let mut task = 0;
        for (i, p) in doc.action_plans.iter_mut().enumerate() {
            p.id = format!("plan {i}; \"x\"");
            for t in &mut p.special_tasks {
                t.id = format!("task-{task}");
                task += 1;
            }
        }
        for (i, p) in doc.projects.iter_mut().enumerate() { p.id = format!("project-{i}"); }
        for (i, n) in doc.networks.iter_mut().enumerate() { n.id = format!("network|{i}"); }
        for (i, e) in doc.evaluations.iter_mut().enumerate() { e.id = format!("eval-{i}"); }
        for (i, p) in doc.consultation_programmes.iter_mut().enumerate() { p.id = format!("prog-{i}"); }
        for (i, r) in doc.activity_reports.iter_mut().enumerate() { r.id = format!("report-{i}"); }
        codes_only(&mut doc);
        doc
    }
}

/// Registry code fields hold codes (digits; a centre id), as documents do: a table
/// cell holding a name is read as the code of that name (`docs/tables.md`), so a
/// name would not come back as written.
fn codes_only(doc: &mut Document) {
    fn digits(s: &str, width: usize) -> String {
        let n = s
            .bytes()
            .fold(7u32, |a, b| a.wrapping_mul(31).wrapping_add(u32::from(b)));
        let n = n % 10u32.pow(width as u32);
        format!("{n:0width$}")
    }
    let m = |s: &mut String| *s = digits(s, 3);
    let r = |s: &mut String| *s = digits(s, 2);
    let c = |s: &mut String| *s = format!("c-{}", digits(s, 4));
    for p in &mut doc.action_plans {
        c(&mut p.centre);
        if let Some(pop) = &mut p.population {
            pop.parts.iter_mut().for_each(|x| m(&mut x.area));
        }
    }
    for p in &mut doc.projects {
        p.participants.iter_mut().for_each(m);
        for o in &mut p.organisations {
            o.centre.iter_mut().for_each(c);
        }
        for t in &mut p.teams {
            m(&mut t.base_municipality);
            t.area_municipalities.iter_mut().for_each(m);
            for l in &mut t.other_listings {
                l.municipalities.iter_mut().for_each(m);
            }
        }
    }
    for n in &mut doc.networks {
        for meeting in &mut n.meetings {
            meeting.regions_represented.iter_mut().for_each(r);
        }
    }
    for p in &mut doc.consultation_programmes {
        p.centre.iter_mut().for_each(c);
    }
    for rep in &mut doc.activity_reports {
        c(&mut rep.centre);
        rep.region.iter_mut().for_each(r);
    }
}

proptest! {
    // 96 cases by default; PROPTEST_CASES=5000 for a longer hunt.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn document_to_tables_to_document_is_the_identity(doc in document(), excel in any::<bool>()) {
        let dialect = if excel { Dialect::EXCEL_FI } else { Dialect::STANDARD };
        let files = tables::write_tables(&doc, &dialect);
        let back = tables::read_tables(
            files.iter().map(|(n, b)| (n.to_string(), b.as_slice())).collect(),
            &ReadOptions::default(),
        );
        prop_assert!(back.issues.is_empty(), "{:?}", back.issues);
        prop_assert_eq!(back.rejected_count(), 0);
        prop_assert_eq!(back.document, doc);
    }
}

#[cfg(feature = "xlsx")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
    ))]

    /// document → Excel workbook (typed cells, sheets named in any of the three
    /// languages) → document is the identity too.
    #[test]
    fn document_to_workbook_to_document_is_the_identity(doc in document(), names in 0..3u8) {
        let lang = [oske::Lang::En, oske::Lang::Fi, oske::Lang::Sv][usize::from(names)];
        let bytes = tables::write_workbook(&doc, lang).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = tables::read_workbook_bytes("book.xlsx", &bytes, None, &ReadOptions::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back.issues.is_empty(), "{:?}", back.issues);
        prop_assert_eq!(back.rejected_count(), 0);
        prop_assert_eq!(back.document, doc);
    }
}
