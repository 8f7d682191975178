//! The flat table layout: one CSV table per entity kind, with parent-id columns
//! joining them. Column names are English; Finnish and Swedish header aliases are
//! accepted on input. `docs/tables.md` is generated from these definitions.

use super::vocab::*;
use std::collections::HashMap;

/// What a column holds.
#[derive(Debug, Clone, Copy)]
pub enum ValueKind {
    /// An id of the row's own entity (text, kept verbatim).
    Id,
    /// The id of another entity (named).
    Ref(&'static str),
    /// A registry code (region, municipality or centre).
    Code(&'static str),
    /// Free text, kept verbatim.
    Text,
    /// A whole number.
    Integer,
    /// Euros with at most two decimals, read into exact cents.
    Money,
    /// A percentage with at most two decimals (basis points in the model).
    Percent,
    /// A decimal number (a measurement).
    Number,
    /// A date, `d.m.yyyy` or `yyyy-mm-dd`.
    Date,
    /// Yes or no.
    Bool,
    /// One value of a code list.
    Enum(&'static Vocab),
    /// A list in one cell, items separated by `|`.
    List(&'static ValueKind),
}

impl ValueKind {
    /// A short description for the documentation.
    pub fn describe(&self) -> String {
        match self {
            ValueKind::Id => "id".into(),
            ValueKind::Ref(what) => format!("{what} id"),
            ValueKind::Code(what) => format!("{what} code"),
            ValueKind::Text => "text".into(),
            ValueKind::Integer => "whole number".into(),
            ValueKind::Money => "money (€)".into(),
            ValueKind::Percent => "percentage".into(),
            ValueKind::Number => "number".into(),
            ValueKind::Date => "date".into(),
            ValueKind::Bool => "yes/no".into(),
            ValueKind::Enum(v) => format!("{} ({})", v.name, v.names()),
            ValueKind::List(item) => format!("list of {}", item.describe()),
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The English name, written on export.
    pub name: &'static str,
    /// Finnish and Swedish names accepted on input.
    pub aliases: &'static [&'static str],
    /// What the column holds.
    pub kind: ValueKind,
    /// True when the header must have this column.
    pub required: bool,
    /// Where the value goes in the row's entity, as a JSON Pointer suffix
    /// (`/schedule/period/start`); empty for join columns.
    pub path: &'static str,
    /// What the column means.
    pub about: &'static str,
}

/// One table of the layout.
#[derive(Debug, Clone, Copy)]
pub struct TableSchema {
    /// The file name (`measures.csv`).
    pub file: &'static str,
    /// Finnish and Swedish file names accepted in a folder (without `.csv`).
    pub aliases: &'static [&'static str],
    /// The entity one row becomes, as a JSON Pointer pattern.
    pub entity: &'static str,
    /// What the table holds.
    pub about: &'static str,
    /// The columns, in the order they are written.
    pub columns: &'static [Column],
}

impl TableSchema {
    /// The table's name: the file name without `.csv`.
    pub fn name(&self) -> &'static str {
        self.file.strip_suffix(".csv").unwrap_or(self.file)
    }

    /// The column a header cell names (English name or an alias; case-insensitive,
    /// spaces and hyphens count as underscores).
    pub fn column_index(&self, header: &str) -> Option<usize> {
        let h = normalize(header.trim_start_matches('\u{feff}'));
        if h.is_empty() {
            return None;
        }
        // Names and aliases normalised once per table, looked up by hash: a header
        // of a million cells costs a million look-ups, not twenty million
        // normalisations.
        static INDEX: std::sync::OnceLock<HashMap<&'static str, HashMap<String, usize>>> =
            std::sync::OnceLock::new();
        let index = INDEX.get_or_init(|| {
            TABLES
                .iter()
                .map(|t| {
                    let mut names = HashMap::new();
                    for (i, c) in t.columns.iter().enumerate().rev() {
                        names.insert(c.name.to_owned(), i);
                        for a in c.aliases {
                            names.insert(normalize(a), i);
                        }
                    }
                    (t.file, names)
                })
                .collect()
        });
        match index.get(self.file) {
            Some(names) => names.get(&h).copied(),
            None => self
                .columns
                .iter()
                .position(|c| c.name == h || c.aliases.iter().any(|a| normalize(a) == h)),
        }
    }
}

macro_rules! table {
    (@req required) => { true };
    (@req optional) => { false };
    ($m:ident {
        file: $file:literal, aliases: [$($fa:literal),*], entity: $entity:literal, about: $about:literal,
        columns: [$($var:ident: $name:literal [$($alias:literal),*] $kind:expr, $req:ident, $path:literal, $doc:literal;)*]
    }) => {
        #[allow(dead_code)]
        pub(crate) mod $m {
            use super::*;
            /// Column indexes.
            #[derive(Clone, Copy, Debug)]
            #[repr(usize)]
            pub(crate) enum C { $($var),* }
            impl From<C> for usize {
                fn from(c: C) -> usize {
                    c as usize
                }
            }
            pub(crate) const TABLE: TableSchema = TableSchema {
                file: $file,
                aliases: &[$($fa),*],
                entity: $entity,
                about: $about,
                columns: &[$(Column {
                    name: $name,
                    aliases: &[$($alias),*],
                    kind: $kind,
                    required: table!(@req $req),
                    path: $path,
                    about: $doc,
                }),*],
            };
        }
    };
}

use ValueKind::*;

const TEXT: ValueKind = Text;
const DATE: ValueKind = Date;
const MUNICIPALITY: ValueKind = Code("municipality");
const REGION: ValueKind = Code("region");

table!(document {
    file: "document.csv", aliases: ["asiakirja", "dokument"], entity: "",
    about: "The document itself: one row with its format version and title.",
    columns: [
        FormatVersion: "format_version" ["tiedostomuodon_versio", "formatversion"] Integer, required, "/format_version", "The format version; must be 1.";
        Title: "title" ["otsikko", "titel"] Text, optional, "/title", "A title for the document.";
    ]
});

table!(action_plans {
    file: "action_plans.csv", aliases: ["toimintasuunnitelmat", "verksamhetsplaner"], entity: "/action_plans/{i}",
    about: "Action plans (toimintasuunnitelma): one row per plan.",
    columns: [
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the plan.";
        Centre: "centre" ["osaamiskeskus", "kompetenscentrum"] Code("centre"), required, "/centre", "The centre's registry id (sonet-botnia).";
        TitleFi: "title_fi" ["otsikko_fi", "titel_fi"] Text, optional, "/title/fi", "Title in Finnish.";
        TitleSv: "title_sv" ["otsikko_sv", "titel_sv"] Text, optional, "/title/sv", "Title in Swedish.";
        TitleEn: "title_en" ["otsikko_en", "titel_en"] Text, optional, "/title/en", "Title in English.";
        Start: "start" ["alku", "alkaa", "början"] Date, required, "/period/start", "First day of the plan's period.";
        End: "end" ["loppu", "päättyy", "slut"] Date, required, "/period/end", "Last day of the plan's period.";
        VisionFi: "vision_fi" ["visio_fi"] Text, optional, "/vision/fi", "Vision in Finnish.";
        VisionSv: "vision_sv" ["visio_sv"] Text, optional, "/vision/sv", "Vision in Swedish.";
        VisionEn: "vision_en" ["visio_en"] Text, optional, "/vision/en", "Vision in English.";
        StatutoryTasks: "statutory_tasks" ["lakisääteiset_tehtävät", "lagstadgade_uppgifter"] List(&Enum(&STATUTORY_TASK)), optional, "/statutory_tasks", "The statutory tasks the plan restates.";
        Instruments: "instruments" ["mittarit", "instrument"] List(&Enum(&INSTRUMENT)), optional, "/instruments", "Instruments named for measuring social functioning and effectiveness.";
        PopulationDate: "population_date" ["väestön_ajankohta", "befolkningens_datum"] Date, optional, "/population/reference_date", "Reference date of the population table (rows in population_parts.csv).";
        PopulationTotal: "population_total" ["väkiluku_yhteensä", "folkmängd_totalt"] Integer, optional, "/population/total", "The population total as the plan states it.";
    ]
});

table!(plan_values {
    file: "plan_values.csv", aliases: ["arvot", "värden"], entity: "/action_plans/{i}/values/{j}",
    about: "The values of a plan, one row per value, in order.",
    columns: [
        PlanId: "plan_id" ["suunnitelma", "plan"] Ref("action plan"), required, "", "The plan.";
        TextFi: "text_fi" ["teksti_fi"] Text, optional, "/fi", "Value in Finnish.";
        TextSv: "text_sv" ["teksti_sv"] Text, optional, "/sv", "Value in Swedish.";
        TextEn: "text_en" ["teksti_en"] Text, optional, "/en", "Value in English.";
    ]
});

table!(population_parts {
    file: "population_parts.csv", aliases: ["väestö", "befolkning"], entity: "/action_plans/{i}/population/parts/{j}",
    about: "The parts of a plan's population table (the plan's population_date and population_total say when and how many in all).",
    columns: [
        PlanId: "plan_id" ["suunnitelma", "plan"] Ref("action plan"), required, "", "The plan.";
        Area: "area" ["alue", "område"] Code("region or municipality"), required, "/area", "Region or municipality code.";
        Population: "population" ["väkiluku", "folkmängd"] Integer, required, "/population", "Inhabitants.";
    ]
});

table!(sections {
    file: "sections.csv", aliases: ["alueosiot", "regionala_avsnitt"], entity: "/action_plans/{i}/sections/{j}",
    about: "The regional sections of a plan, in order; a section is keyed by its plan and region. A section that measures.csv or priorities.csv names but this table does not is created after the listed ones.",
    columns: [
        PlanId: "plan_id" ["suunnitelma", "plan"] Ref("action plan"), required, "", "The plan.";
        Region: "region" ["maakunta", "landskap"] REGION, required, "/region", "Region code of the section (14).";
        TitleFi: "title_fi" ["otsikko_fi", "titel_fi"] Text, optional, "/title/fi", "The section's own title in Finnish.";
        TitleSv: "title_sv" ["otsikko_sv", "titel_sv"] Text, optional, "/title/sv", "The section's own title in Swedish.";
        TitleEn: "title_en" ["otsikko_en", "titel_en"] Text, optional, "/title/en", "The section's own title in English.";
        Start: "start" ["alku", "alkaa", "början"] Date, optional, "/period/start", "First day of the period the section covers.";
        End: "end" ["loppu", "päättyy", "slut"] Date, optional, "/period/end", "Last day of the period the section covers.";
        RefinesStart: "refines_start" ["tarkentaa_alku", "preciserar_början"] Date, optional, "/refines_period/start", "First day of the earlier plan's period the section refines.";
        RefinesEnd: "refines_end" ["tarkentaa_loppu", "preciserar_slut"] Date, optional, "/refines_period/end", "Last day of the earlier plan's period the section refines.";
        AreaKind: "area_kind" ["aluetyyppi", "områdestyp"] Enum(&SECTION_AREA), optional, "/area_kind", "What the region column names (empty: region; county: a wellbeing services county, from 2023). measures.csv and priorities.csv name the section by its code alone.";
    ]
});

table!(priorities {
    file: "priorities.csv", aliases: ["painopisteet", "prioriteringar"], entity: "/action_plans/{i}/priorities/{j} or /action_plans/{i}/sections/{s}/local_priorities/{j}",
    about: "Priorities (painopisteet): common to the plan when region is empty, else local to the plan's section of that region.",
    columns: [
        PlanId: "plan_id" ["suunnitelma", "plan"] Ref("action plan"), required, "", "The plan.";
        Region: "region" ["maakunta", "landskap"] REGION, optional, "", "Empty for a common priority; the section's region for a local one.";
        Id: "id" ["tunniste"] Id, required, "/id", "Id within the plan (measures refer to it).";
        Number: "number" ["numero", "nummer"] Integer, required, "/number", "Number as printed in the plan.";
        TitleFi: "title_fi" ["otsikko_fi", "titel_fi"] Text, optional, "/title/fi", "Title in Finnish.";
        TitleSv: "title_sv" ["otsikko_sv", "titel_sv"] Text, optional, "/title/sv", "Title in Swedish.";
        TitleEn: "title_en" ["otsikko_en", "titel_en"] Text, optional, "/title/en", "Title in English.";
        MapsTo: "maps_to" ["vastaa", "motsvarar"] Ref("common priority"), optional, "/maps_to", "For a local priority: the common priority it corresponds to.";
    ]
});

table!(measures {
    file: "measures.csv", aliases: ["toimenpiteet", "åtgärder"], entity: "/action_plans/{i}/sections/{s}/measures/{j}",
    about: "Measures (toimenpiteet) of the regional sections, one row per measure. This is the table stewards keep largest; it can be read as a stream (MeasureReader).",
    columns: [
        PlanId: "plan_id" ["suunnitelma", "plan"] Ref("action plan"), required, "", "The plan.";
        Region: "region" ["maakunta", "landskap"] REGION, required, "", "The region of the section the measure belongs to.";
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the measure.";
        TitleFi: "title_fi" ["otsikko_fi", "titel_fi"] Text, optional, "/title/fi", "Title in Finnish.";
        TitleSv: "title_sv" ["otsikko_sv", "titel_sv"] Text, optional, "/title/sv", "Title in Swedish.";
        TitleEn: "title_en" ["otsikko_en", "titel_en"] Text, optional, "/title/en", "Title in English.";
        Kind: "kind" ["laji", "tyyppi", "typ"] Enum(&MEASURE_KIND), required, "/kind", "What kind of work the measure is.";
        Priority: "priority" ["painopiste", "prioritering"] Ref("priority"), optional, "/priority", "The priority served (common or local priority id).";
        ServiceAreas: "service_areas" ["palvelualueet", "serviceområden"] List(&Enum(&SERVICE_AREA)), optional, "/service_areas", "Service areas concerned.";
        Start: "start" ["alku", "alkaa", "början"] Date, optional, "/schedule/period/start", "First day of the scheduled period.";
        End: "end" ["loppu", "päättyy", "slut"] Date, optional, "/schedule/period/end", "Last day of the scheduled period.";
        Dates: "dates" ["päivämäärät", "datum"] List(&DATE), optional, "/schedule/dates", "Single scheduled dates.";
        ScheduleNote: "schedule_note" ["aikataulu", "tidtabell"] Text, optional, "/schedule/note", "The timing in words (syksy 2020).";
        FrequencyMin: "frequency_min" ["vähintään_kertaa", "minst_gånger"] Integer, optional, "/frequency/min_times", "Recurring measures: at least this many times…";
        FrequencyPer: "frequency_per" ["jakso", "per_period"] Enum(&FREQUENCY_UNIT), optional, "/frequency/per", "…per this unit.";
        FrequencyNote: "frequency_note" ["toistuvuus", "frekvens"] Text, optional, "/frequency/note", "The frequency as worded in the source.";
        Partners: "partners" ["kumppanit", "partner"] List(&TEXT), optional, "/partners", "Partner organisations.";
        Status: "status" ["tila"] Enum(&MEASURE_STATUS), optional, "/status", "Status (empty: planned).";
        Network: "network" ["verkosto", "nätverk"] Ref("network"), optional, "/network", "A network the measure runs.";
        FrequencyQualifier: "frequency_qualifier" ["toistuvuuden_tarkenne", "frekvensens_precisering"] Enum(&FREQUENCY_QUALIFIER), optional, "/frequency/qualifier", "How the count is worded (empty: at_least).";
        Instruments: "instruments" ["mittarit", "instrument"] List(&Enum(&INSTRUMENT)), optional, "/instruments", "Instruments the measure uses.";
    ]
});

table!(special_tasks {
    file: "special_tasks.csv", aliases: ["erityistehtävät", "specialuppgifter"], entity: "/action_plans/{i}/special_tasks/{j}",
    about: "Special-task plans of a plan (the Nordic task's yearly plan).",
    columns: [
        PlanId: "plan_id" ["suunnitelma", "plan"] Ref("action plan"), required, "", "The plan.";
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the special-task plan.";
        Kind: "kind" ["laji", "typ"] Enum(&SPECIAL_TASK_KIND), required, "/kind", "Kind of special task.";
        Year: "year" ["vuosi", "år"] Integer, required, "/year", "Year.";
        GrantSharePercent: "grant_share_percent" ["osuus_prosenttia", "andel_procent"] Percent, optional, "/grant_share", "Share of the state grant, in percent (0,75).";
        StateGrant: "state_grant" ["valtionavustus", "statsunderstöd"] Money, optional, "/state_grant", "The state grant the share is taken from.";
        Allocated: "allocated" ["kohdennettu", "anslag"] Money, optional, "/allocated", "The amount allocated.";
        ConsultationProgramme: "consultation_programme" ["konsultaatio_ohjelma", "konsultationsprogram"] Ref("consultation programme"), optional, "/consultation_programme", "The consultation programme that carries it out.";
    ]
});

table!(special_task_content {
    file: "special_task_content.csv", aliases: ["erityistehtävän_sisältö", "specialuppgiftens_innehåll"], entity: "/action_plans/{i}/special_tasks/{t}/content/{j}",
    about: "Content items of a special-task plan, in order.",
    columns: [
        SpecialTaskId: "special_task_id" ["erityistehtävä", "specialuppgift"] Ref("special task"), required, "", "The special-task plan.";
        TextFi: "text_fi" ["teksti_fi"] Text, optional, "/fi", "Item in Finnish.";
        TextSv: "text_sv" ["teksti_sv"] Text, optional, "/sv", "Item in Swedish.";
        TextEn: "text_en" ["teksti_en"] Text, optional, "/en", "Item in English.";
    ]
});

table!(approvals {
    file: "approvals.csv", aliases: ["hyväksynnät", "godkännanden"], entity: "/action_plans/{i}/approvals/{j} or /action_plans/{i}/special_tasks/{t}/approvals/{j}",
    about: "Approvals of a plan (special_task_id empty) or of one of its special-task plans.",
    columns: [
        PlanId: "plan_id" ["suunnitelma", "plan"] Ref("action plan"), required, "", "The plan.";
        SpecialTaskId: "special_task_id" ["erityistehtävä", "specialuppgift"] Ref("special task"), optional, "", "Empty for the plan's own approval; else the special-task plan approved.";
        Body: "body" ["hyväksyjä", "elin", "organ"] Text, required, "/body", "The approving body.";
        Date: "date" ["päivämäärä", "pvm", "datum"] Date, required, "/date", "Date of the approval.";
    ]
});

table!(revisions {
    file: "revisions.csv", aliases: ["päivitykset", "revideringar"], entity: "/action_plans/{i}/revisions/{j}",
    about: "Revisions of a plan (the COVID-19 update).",
    columns: [
        PlanId: "plan_id" ["suunnitelma", "plan"] Ref("action plan"), required, "", "The plan.";
        Date: "date" ["päivämäärä", "pvm", "datum"] Date, required, "/date", "Date of the revision.";
        Reason: "reason" ["syy", "orsak"] Enum(&REVISION_REASON), required, "/reason", "Why the plan was revised.";
        DescriptionFi: "description_fi" ["kuvaus_fi", "beskrivning_fi"] Text, optional, "/description/fi", "What changed, in Finnish.";
        DescriptionSv: "description_sv" ["kuvaus_sv", "beskrivning_sv"] Text, optional, "/description/sv", "What changed, in Swedish.";
        DescriptionEn: "description_en" ["kuvaus_en", "beskrivning_en"] Text, optional, "/description/en", "What changed, in English.";
    ]
});

table!(projects {
    file: "projects.csv", aliases: ["hankkeet", "projekt"], entity: "/projects/{i}",
    about: "Development projects and units, with the totals of their budgets.",
    columns: [
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the project.";
        NameFi: "name_fi" ["nimi_fi", "namn_fi"] Text, optional, "/name/fi", "Name in Finnish.";
        NameSv: "name_sv" ["nimi_sv", "namn_sv"] Text, optional, "/name/sv", "Name in Swedish.";
        NameEn: "name_en" ["nimi_en", "namn_en"] Text, optional, "/name/en", "Name in English.";
        Start: "start" ["alku", "alkaa", "början"] Date, required, "/period/start", "First day of this phase of the project.";
        End: "end" ["loppu", "päättyy", "slut"] Date, required, "/period/end", "Last day of this phase of the project.";
        Participants: "participants" ["osallistujakunnat", "deltagande_kommuner"] List(&MUNICIPALITY), optional, "/participants", "Other participating municipalities (codes).";
        Evaluations: "evaluations" ["arvioinnit", "utvärderingar"] List(&Ref("evaluation")), optional, "/evaluations", "Evaluations of the project.";
        BudgetTotal: "budget_total" ["talousarvio_yhteensä", "budget_totalt"] Money, optional, "/budget/total", "Budget total; empty when the project has no budget.";
        ShareTolerancePercent: "share_tolerance_percent" ["osuuden_toleranssi_prosenttia", "andelens_tolerans_procent"] Percent, optional, "/budget/share_tolerance", "How far a real share may stray from the stated one (empty: 0,01).";
        AnnualTotal: "annual_total" ["vuosibudjetti_yhteensä", "årsbudget_totalt"] Money, optional, "/budget/annual/total", "A full operating year's total; empty when not stated.";
        ContributionsFund: "contributions_fund" ["maksuosuuksien_rahoittaja", "avgifternas_finansiär"] Ref("organisation"), optional, "/budget/annual/contributions_fund", "The funder whose yearly amount the contributions make up.";
    ]
});

table!(phases {
    file: "phases.csv", aliases: ["vaiheet", "faser"], entity: "/projects/{i}/phases/{j}",
    about: "Phases of a project, earlier ones included.",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        Name: "name" ["nimi", "namn"] Text, required, "/name", "Name (I, II, III).";
        Start: "start" ["alku", "alkaa", "början"] Date, required, "/period/start", "First day.";
        End: "end" ["loppu", "päättyy", "slut"] Date, required, "/period/end", "Last day.";
    ]
});

table!(organisations {
    file: "organisations.csv", aliases: ["organisaatiot", "organisationer"], entity: "/projects/{i}/organisations/{j}",
    about: "Organisations of a project and their roles.",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        Id: "id" ["tunniste"] Id, required, "/id", "Id within the project (funding sources refer to it).";
        NameFi: "name_fi" ["nimi_fi", "namn_fi"] Text, optional, "/name/fi", "Name in Finnish.";
        NameSv: "name_sv" ["nimi_sv", "namn_sv"] Text, optional, "/name/sv", "Name in Swedish.";
        NameEn: "name_en" ["nimi_en", "namn_en"] Text, optional, "/name/en", "Name in English.";
        Roles: "roles" ["roolit", "roller"] List(&Enum(&ORG_ROLE)), optional, "/roles", "Roles.";
        Centre: "centre" ["osaamiskeskus", "kompetenscentrum"] Code("centre"), optional, "/centre", "The centre's registry id, when the organisation is a centre.";
    ]
});

table!(objectives {
    file: "objectives.csv", aliases: ["tavoitteet", "mål"], entity: "/projects/{i}/objectives/{j}",
    about: "Numbered objectives of a project.",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        Number: "number" ["numero", "nummer"] Integer, required, "/number", "Number (1–10).";
        Perspective: "perspective" ["näkökulma", "perspektiv"] Enum(&PERSPECTIVE), required, "/perspective", "In relation to whom.";
        Action: "action" ["toiminta", "åtgärd"] Enum(&OBJECTIVE_ACTION), required, "/action", "What the objective does with its work.";
        TextFi: "text_fi" ["teksti_fi"] Text, optional, "/text/fi", "Text in Finnish.";
        TextSv: "text_sv" ["teksti_sv"] Text, optional, "/text/sv", "Text in Swedish.";
        TextEn: "text_en" ["teksti_en"] Text, optional, "/text/en", "Text in English.";
    ]
});

table!(teams {
    file: "teams.csv", aliases: ["tiimit", "team"], entity: "/projects/{i}/teams/{j}",
    about: "Developer teams of a project.",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        Id: "id" ["tunniste"] Id, required, "/id", "Id within the project.";
        BaseMunicipality: "base_municipality" ["kotikunta", "hemkommun"] MUNICIPALITY, required, "/base_municipality", "Base municipality code.";
        AreaNameFi: "area_name_fi" ["alueen_nimi_fi", "områdets_namn_fi"] Text, optional, "/area_name/fi", "Name of the area in Finnish.";
        AreaNameSv: "area_name_sv" ["alueen_nimi_sv", "områdets_namn_sv"] Text, optional, "/area_name/sv", "Name of the area in Swedish.";
        AreaNameEn: "area_name_en" ["alueen_nimi_en", "områdets_namn_en"] Text, optional, "/area_name/en", "Name of the area in English.";
        AreaMunicipalities: "area_municipalities" ["alueen_kunnat", "områdets_kommuner"] List(&MUNICIPALITY), optional, "/area_municipalities", "Municipality codes of the area.";
        SharedWith: "shared_with" ["jaettu", "delas_med"] List(&Ref("team")), optional, "/shared_with", "Teams this team shares its area with on purpose.";
        NameFi: "name_fi" ["nimi_fi", "namn_fi"] Text, optional, "/name/fi", "The team's name in Finnish.";
        NameSv: "name_sv" ["nimi_sv", "namn_sv"] Text, optional, "/name/sv", "The team's name in Swedish.";
        NameEn: "name_en" ["nimi_en", "namn_en"] Text, optional, "/name/en", "The team's name in English.";
    ]
});

table!(team_tasks {
    file: "team_tasks.csv", aliases: ["tiimien_tehtävät", "teamens_uppgifter"], entity: "/projects/{i}/teams/{t}/tasks/{j} or /projects/{i}/team_common_tasks/{j}",
    about: "Development tasks of a developer team (team_id given) or common to every team of the project (team_id empty), in order.",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        TeamId: "team_id" ["tiimi", "team"] Ref("team"), optional, "", "The team (its id within the project); empty for a task common to all teams.";
        TextFi: "text_fi" ["teksti_fi"] Text, optional, "/fi", "Task in Finnish.";
        TextSv: "text_sv" ["teksti_sv"] Text, optional, "/sv", "Task in Swedish.";
        TextEn: "text_en" ["teksti_en"] Text, optional, "/en", "Task in English.";
    ]
});

table!(work_areas {
    file: "work_areas.csv", aliases: ["toiminta_ja_tulokset", "verksamhet_och_resultat"], entity: "/projects/{i}/work_areas/{j}",
    about: "Numbered work areas of a project with their expected results (Tulos).",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        Number: "number" ["numero", "nummer"] Integer, required, "/number", "Number as printed.";
        TitleFi: "title_fi" ["otsikko_fi", "titel_fi"] Text, optional, "/title/fi", "Title in Finnish.";
        TitleSv: "title_sv" ["otsikko_sv", "titel_sv"] Text, optional, "/title/sv", "Title in Swedish.";
        TitleEn: "title_en" ["otsikko_en", "titel_en"] Text, optional, "/title/en", "Title in English.";
        ResultFi: "expected_result_fi" ["tulos_fi", "resultat_fi"] Text, optional, "/expected_result/fi", "Expected result (Tulos) in Finnish.";
        ResultSv: "expected_result_sv" ["tulos_sv", "resultat_sv"] Text, optional, "/expected_result/sv", "Expected result in Swedish.";
        ResultEn: "expected_result_en" ["tulos_en", "resultat_en"] Text, optional, "/expected_result/en", "Expected result in English.";
    ]
});

table!(team_listings {
    file: "team_listings.csv", aliases: ["aluelistaukset", "områdeslistor"], entity: "/projects/{i}/teams/{t}/other_listings/{j}",
    about: "Other listings of a team's area, as another part of the source (an appendix) lists it.",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        TeamId: "team_id" ["tiimi", "team"] Ref("team"), required, "", "The team (its id within the project).";
        Source: "source" ["lähde", "källa"] Text, required, "/source", "Where the area is listed (appendix 1).";
        Municipalities: "municipalities" ["kunnat", "kommuner"] List(&MUNICIPALITY), optional, "/municipalities", "Municipality codes as listed there.";
    ]
});

table!(funding_sources {
    file: "funding_sources.csv", aliases: ["rahoituslähteet", "finansieringskällor"], entity: "/projects/{i}/budget/sources/{j} or /projects/{i}/budget/annual/sources/{j}",
    about: "Funding sources of a project's budget (scope project) or of its full operating year (scope annual).",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        Scope: "scope" ["laajuus", "omfattning"] Enum(&FUNDING_SCOPE), required, "", "project: the whole budget; annual: a full operating year.";
        Funder: "funder" ["rahoittaja", "finansiär"] Ref("organisation"), required, "/funder", "The funder (an organisation id of the project).";
        Amount: "amount" ["summa", "määrä", "belopp"] Money, required, "/amount", "Amount.";
        StatedSharePercent: "stated_share_percent" ["ilmoitettu_osuus_prosenttia", "angiven_andel_procent"] Percent, optional, "/stated_share", "The share as stated in the source, in percent.";
    ]
});

table!(contributions {
    file: "contributions.csv", aliases: ["maksuosuudet", "avgifter"], entity: "/projects/{i}/budget/annual/contributions/{j}",
    about: "Per-participant contribution rules of a project's operating year.",
    columns: [
        ProjectId: "project_id" ["hanke", "projekt"] Ref("project"), required, "", "The project.";
        Category: "category" ["luokka", "kategori"] Enum(&PARTICIPANT_CATEGORY), required, "/category", "Which participants the rule applies to.";
        PerYear: "per_year" ["vuodessa", "per_år"] Money, required, "/per_year", "Amount per participant per year.";
        Count: "count" ["lukumäärä", "antal"] Integer, optional, "/count", "How many participants (empty: derived).";
    ]
});

table!(networks {
    file: "networks.csv", aliases: ["verkostot", "nätverk"], entity: "/networks/{i}",
    about: "Networks (developer groups, forums, national development networks).",
    columns: [
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the network.";
        NameFi: "name_fi" ["nimi_fi", "namn_fi"] Text, optional, "/name/fi", "Name in Finnish.";
        NameSv: "name_sv" ["nimi_sv", "namn_sv"] Text, optional, "/name/sv", "Name in Swedish.";
        NameEn: "name_en" ["nimi_en", "namn_en"] Text, optional, "/name/en", "Name in English.";
        Organisers: "organisers" ["järjestäjät", "arrangörer"] List(&TEXT), optional, "/organisers", "Organisations that launched or run it.";
        Start: "start" ["alku", "alkaa", "början"] Date, optional, "/period/start", "First day of the observed period.";
        End: "end" ["loppu", "päättyy", "slut"] Date, optional, "/period/end", "Last day of the observed period.";
        FrequencyMin: "frequency_min" ["vähintään_kertaa", "minst_gånger"] Integer, optional, "/min_frequency/min_times", "Meets at least this many times…";
        FrequencyPer: "frequency_per" ["jakso", "per_period"] Enum(&FREQUENCY_UNIT), optional, "/min_frequency/per", "…per this unit.";
        FrequencyNote: "frequency_note" ["toistuvuus", "frekvens"] Text, optional, "/min_frequency/note", "The frequency as worded in the source.";
        FrequencyQualifier: "frequency_qualifier" ["toistuvuuden_tarkenne", "frekvensens_precisering"] Enum(&FREQUENCY_QUALIFIER), optional, "/min_frequency/qualifier", "How the count is worded (empty: at_least; on_average is not checked as a minimum).";
    ]
});

table!(meetings {
    file: "meetings.csv", aliases: ["kokoukset", "möten"], entity: "/networks/{i}/meetings/{j}",
    about: "Meetings of networks, held or planned.",
    columns: [
        NetworkId: "network_id" ["verkosto", "nätverk"] Ref("network"), required, "", "The network.";
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the meeting.";
        Date: "date" ["päivämäärä", "pvm", "datum"] Date, required, "/date", "Date (a month's first day when only the month is known).";
        DateNote: "date_note" ["päivämäärän_tarkennus", "datumanmärkning"] Text, optional, "/date_note", "The date in words when not exact (March 2018).";
        Status: "status" ["tila"] Enum(&MEETING_STATUS), optional, "/status", "Held, planned or cancelled (empty: held).";
        Format: "format" ["muoto", "form"] Enum(&MEETING_FORMAT), required, "/format", "How the meeting is held.";
        Platform: "platform" ["alusta", "plattform"] Text, optional, "/platform", "Platform for remote and hybrid meetings.";
        DurationMinutes: "duration_minutes" ["kesto_min", "längd_min"] Integer, optional, "/duration_minutes", "Duration in minutes.";
        FullDay: "full_day" ["koko_päivä", "heldag"] Bool, optional, "/full_day", "A full-day meeting (empty: no).";
        Participants: "participants" ["osallistujia", "deltagare"] Integer, optional, "/participants/count", "Number of participants.";
        ParticipantsApproximate: "participants_approximate" ["osallistujamäärä_arvio", "deltagarantal_ungefärligt"] Bool, optional, "/participants/approximate", "The number is approximate (almost 40).";
        RegionsRepresented: "regions_represented" ["edustetut_maakunnat", "representerade_landskap"] List(&REGION), optional, "/regions_represented", "Region codes represented.";
        RegionsCount: "regions_count" ["maakuntien_määrä", "antal_landskap"] Integer, optional, "/regions_count", "Number of regions represented, when only counted.";
        Place: "place" ["paikka", "plats"] Text, optional, "/place", "Where the meeting is held (Kuntatalo).";
        ParticipantsQualifier: "participants_qualifier" ["osallistujamäärän_tarkenne", "deltagarantalets_precisering"] Enum(&COUNT_QUALIFIER), optional, "/participants/qualifier", "How the source qualifies the number (almost, about, over, at_least).";
    ]
});

table!(evaluations {
    file: "evaluations.csv", aliases: ["arvioinnit", "utvärderingar"], entity: "/evaluations/{i}",
    about: "Evaluations of plans, projects, networks and consultation programmes.",
    columns: [
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the evaluation.";
        TitleFi: "title_fi" ["otsikko_fi", "titel_fi"] Text, optional, "/title/fi", "Title in Finnish.";
        TitleSv: "title_sv" ["otsikko_sv", "titel_sv"] Text, optional, "/title/sv", "Title in Swedish.";
        TitleEn: "title_en" ["otsikko_en", "titel_en"] Text, optional, "/title/en", "Title in English.";
        Subject: "subject" ["kohde", "objekt"] Ref("plan, project, network or programme"), optional, "/subject", "What is evaluated.";
        Method: "method" ["menetelmä", "metod"] Enum(&EVALUATION_METHOD), required, "/method", "Method.";
        Instruments: "instruments" ["mittarit", "instrument"] List(&Enum(&INSTRUMENT)), optional, "/instruments", "Instruments used.";
        Start: "start" ["alku", "alkaa", "början"] Date, optional, "/period/start", "First day of the period evaluated.";
        End: "end" ["loppu", "päättyy", "slut"] Date, optional, "/period/end", "Last day of the period evaluated.";
    ]
});

table!(indicators {
    file: "indicators.csv", aliases: ["indikaattorit", "indikatorer"], entity: "/evaluations/{i}/indicators/{j}",
    about: "Indicators of evaluations, with baseline, target and actual values.",
    columns: [
        EvaluationId: "evaluation_id" ["arviointi", "utvärdering"] Ref("evaluation"), required, "", "The evaluation.";
        Id: "id" ["tunniste"] Id, required, "/id", "Id within the evaluation.";
        NameFi: "name_fi" ["nimi_fi", "namn_fi"] Text, optional, "/name/fi", "Name in Finnish.";
        NameSv: "name_sv" ["nimi_sv", "namn_sv"] Text, optional, "/name/sv", "Name in Swedish.";
        NameEn: "name_en" ["nimi_en", "namn_en"] Text, optional, "/name/en", "Name in English.";
        Perspective: "perspective" ["näkökulma", "perspektiv"] Text, optional, "/perspective", "Perspective, for grouping.";
        Unit: "unit" ["yksikkö", "enhet"] Text, required, "/unit", "Unit (%, count, score 1–5).";
        Baseline: "baseline" ["lähtötaso", "utgångsvärde"] Number, optional, "/baseline", "Baseline value.";
        Target: "target" ["tavoite", "målvärde"] Number, optional, "/target", "Target value.";
        Actual: "actual" ["toteuma", "utfall"] Number, optional, "/actual", "Actual value.";
        Direction: "direction" ["suunta", "riktning"] Enum(&DIRECTION), required, "/direction", "Which way the indicator should move.";
    ]
});

table!(consultation_programmes {
    file: "consultation_programmes.csv", aliases: ["konsultaatio_ohjelmat", "konsultationsprogram"], entity: "/consultation_programmes/{i}",
    about: "Programmes of Nordic video-consultation trials, with their policy and modelled concept.",
    columns: [
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the programme.";
        NameFi: "name_fi" ["nimi_fi", "namn_fi"] Text, optional, "/name/fi", "Name in Finnish.";
        NameSv: "name_sv" ["nimi_sv", "namn_sv"] Text, optional, "/name/sv", "Name in Swedish.";
        NameEn: "name_en" ["nimi_en", "namn_en"] Text, optional, "/name/en", "Name in English.";
        Centre: "centre" ["osaamiskeskus", "kompetenscentrum"] Code("centre"), optional, "/centre", "The coordinating centre's registry id.";
        MinMinutes: "min_minutes" ["vähimmäiskesto_min", "minsta_längd_min"] Integer, optional, "/policy/min_minutes", "Shortest session in minutes (empty: 30).";
        MaxMinutes: "max_minutes" ["enimmäiskesto_min", "högsta_längd_min"] Integer, optional, "/policy/max_minutes", "Longest session in minutes (empty: 45).";
        MinLeadDays: "min_lead_days" ["ennakkopäivät", "framförhållning_dagar"] Integer, optional, "/policy/min_lead_days", "Days the brief must be sent before the session (empty: 1).";
        MaxQuestions: "max_questions" ["kysymyksiä_enintään", "högst_frågor"] Integer, optional, "/policy/max_questions", "Most clarifying questions (empty: 10).";
        MaxBriefChars: "max_brief_chars" ["kuvauksen_enimmäispituus", "beskrivningens_maxlängd"] Integer, optional, "/policy/max_brief_chars", "Longest brief in characters (empty: 2000).";
        ConceptDate: "concept_date" ["konseptin_päivämäärä", "konceptets_datum"] Date, optional, "/concept/date", "Date the operating concept was modelled.";
        ConceptFi: "concept_fi" ["konsepti_fi", "koncept_fi"] Text, optional, "/concept/description/fi", "The concept in Finnish.";
        ConceptSv: "concept_sv" ["konsepti_sv", "koncept_sv"] Text, optional, "/concept/description/sv", "The concept in Swedish.";
        ConceptEn: "concept_en" ["konsepti_en", "koncept_en"] Text, optional, "/concept/description/en", "The concept in English.";
        Illustrative: "illustrative" ["havainnollistava", "illustrativ"] Bool, optional, "/illustrative", "Yes for an illustration of the protocol, not a record of real trials (empty: no).";
    ]
});

table!(consultations {
    file: "consultations.csv", aliases: ["konsultaatiot", "konsultationer"], entity: "/consultation_programmes/{i}/consultations/{j}",
    about: "Consultations (trials) of a programme, with every step of the protocol in one row.",
    columns: [
        ProgrammeId: "programme_id" ["ohjelma", "program"] Ref("consultation programme"), required, "", "The programme.";
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the consultation.";
        State: "state" ["tila", "tillstånd"] Enum(&CONSULTATION_STATE), required, "/state", "Where it is in the protocol.";
        Brief: "brief" ["kuvaus", "beskrivning"] Text, optional, "/brief", "The short description of the challenge or theme.";
        Questions: "questions" ["kysymykset", "frågor"] List(&TEXT), optional, "/questions", "Clarifying questions.";
        DeveloperGroup: "developer_group" ["kehittäjäryhmä", "utvecklargrupp"] Text, optional, "/developer_group", "The developer group that prepared it.";
        Consultant: "consultant" ["konsultoiva_taho", "konsult"] Text, optional, "/consultant/organisation", "The consulting party (empty with its country and criteria: none agreed yet).";
        ConsultantCountry: "consultant_country" ["konsultin_maa", "konsultens_land"] Text, optional, "/consultant/country", "Its country (ISO 3166-1 alpha-2).";
        ConsultantCriteria: "consultant_criteria" ["valintakriteerit", "urvalskriterier"] List(&Enum(&SELECTION_CRITERION)), optional, "/consultant/criteria", "Why it was chosen.";
        BriefSentOn: "brief_sent_on" ["kuvaus_lähetetty", "beskrivning_skickad"] Date, optional, "/brief_sent_on", "When the brief was sent.";
        SessionDate: "session_date" ["istunnon_päivämäärä", "sessionens_datum"] Date, optional, "/session/date", "Date of the scheduled session.";
        SessionMinutes: "session_minutes" ["suunniteltu_kesto_min", "planerad_längd_min"] Integer, optional, "/session/planned_minutes", "Planned length in minutes.";
        SessionPlatform: "session_platform" ["alusta", "plattform"] Text, optional, "/session/platform", "Platform (Teams).";
        HeldDate: "held_date" ["pidetty", "hållen"] Date, optional, "/held/date", "Date the session was held.";
        HeldMinutes: "held_minutes" ["toteutunut_kesto_min", "faktisk_längd_min"] Integer, optional, "/held/actual_minutes", "Actual length in minutes.";
        Documentation: "documentation" ["dokumentointi", "dokumentation"] Text, optional, "/documentation", "The description of the trial.";
        EvaluationDate: "evaluation_date" ["arvioinnin_päivämäärä", "utvärderingens_datum"] Date, optional, "/evaluation/date", "Date of the trial's evaluation.";
        EvaluationFi: "evaluation_fi" ["arviointi_fi", "utvärdering_fi"] Text, optional, "/evaluation/summary/fi", "Evaluation summary in Finnish.";
        EvaluationSv: "evaluation_sv" ["arviointi_sv", "utvärdering_sv"] Text, optional, "/evaluation/summary/sv", "Evaluation summary in Swedish.";
        EvaluationEn: "evaluation_en" ["arviointi_en", "utvärdering_en"] Text, optional, "/evaluation/summary/en", "Evaluation summary in English.";
        EvaluationUseful: "evaluation_useful" ["hyödyllinen", "nyttig"] Bool, optional, "/evaluation/useful", "Whether the developer group found it useful.";
        CancelledOn: "cancelled_on" ["peruttu", "inställd"] Date, optional, "/cancellation/date", "Date of cancellation.";
        CancelReason: "cancel_reason" ["peruutuksen_syy", "orsak_till_inställning"] Text, optional, "/cancellation/reason", "Reason for the cancellation.";
        CancelledFrom: "cancelled_from" ["peruttu_tilasta", "inställd_från"] Enum(&CONSULTATION_STATE), optional, "/cancellation/from_state", "The state it was cancelled from.";
    ]
});

table!(activity_reports {
    file: "activity_reports.csv", aliases: ["toimintakertomukset", "verksamhetsberättelser"], entity: "/activity_reports/{i}",
    about: "Activity reports of centres.",
    columns: [
        Id: "id" ["tunniste"] Id, required, "/id", "Unique id of the report.";
        Centre: "centre" ["osaamiskeskus", "kompetenscentrum"] Code("centre"), required, "/centre", "The centre's registry id.";
        Region: "region" ["maakunta", "landskap"] REGION, optional, "/region", "The region reported on, when one.";
        TitleFi: "title_fi" ["otsikko_fi", "titel_fi"] Text, optional, "/title/fi", "Title in Finnish.";
        TitleSv: "title_sv" ["otsikko_sv", "titel_sv"] Text, optional, "/title/sv", "Title in Swedish.";
        TitleEn: "title_en" ["otsikko_en", "titel_en"] Text, optional, "/title/en", "Title in English.";
        Start: "start" ["alku", "alkaa", "början"] Date, required, "/period/start", "First day of the period.";
        End: "end" ["loppu", "päättyy", "slut"] Date, required, "/period/end", "Last day of the period.";
        SteeringGroupMeetings: "steering_group_meetings" ["ohjausryhmän_kokoukset", "styrgruppens_möten"] Integer, optional, "/steering_group_meetings", "How many times the steering group met.";
        MunicipalitiesInArea: "municipalities_in_area" ["kuntia_alueella", "kommuner_i_området"] Integer, optional, "/municipalities_in_area", "Number of municipalities in the area, as stated.";
        Networks: "networks" ["verkostot", "nätverk"] List(&Ref("network")), optional, "/networks", "Networks reported on.";
        Evaluations: "evaluations" ["arvioinnit", "utvärderingar"] List(&Ref("evaluation")), optional, "/evaluations", "Evaluations reported on.";
    ]
});

table!(priority_areas {
    file: "priority_areas.csv", aliases: ["painopistealueet", "prioriterade_områden"], entity: "/activity_reports/{i}/priority_areas/{j}",
    about: "Priority areas of an activity report.",
    columns: [
        ReportId: "report_id" ["kertomus", "berättelse"] Ref("activity report"), required, "", "The report.";
        TitleFi: "title_fi" ["otsikko_fi", "titel_fi"] Text, optional, "/title/fi", "Title in Finnish.";
        TitleSv: "title_sv" ["otsikko_sv", "titel_sv"] Text, optional, "/title/sv", "Title in Swedish.";
        TitleEn: "title_en" ["otsikko_en", "titel_en"] Text, optional, "/title/en", "Title in English.";
        Projects: "projects" ["hankkeita", "antal_projekt"] Integer, optional, "/projects", "Number of projects, when stated.";
        NoteFi: "note_fi" ["huomautus_fi", "anmärkning_fi"] Text, optional, "/note/fi", "Details in Finnish.";
        NoteSv: "note_sv" ["huomautus_sv", "anmärkning_sv"] Text, optional, "/note/sv", "Details in Swedish.";
        NoteEn: "note_en" ["huomautus_en", "anmärkning_en"] Text, optional, "/note/en", "Details in English.";
    ]
});

table!(report_activities {
    file: "report_activities.csv", aliases: ["muut_toiminnot", "övriga_aktiviteter"], entity: "/activity_reports/{i}/activities/{j}",
    about: "Other activities of an activity report, in words.",
    columns: [
        ReportId: "report_id" ["kertomus", "berättelse"] Ref("activity report"), required, "", "The report.";
        TextFi: "text_fi" ["teksti_fi"] Text, optional, "/fi", "Activity in Finnish.";
        TextSv: "text_sv" ["teksti_sv"] Text, optional, "/sv", "Activity in Swedish.";
        TextEn: "text_en" ["teksti_en"] Text, optional, "/en", "Activity in English.";
    ]
});

/// Every table, in the order a folder is read (parents before children).
pub const TABLES: &[TableSchema] = &[
    document::TABLE,
    action_plans::TABLE,
    plan_values::TABLE,
    population_parts::TABLE,
    sections::TABLE,
    priorities::TABLE,
    measures::TABLE,
    special_tasks::TABLE,
    special_task_content::TABLE,
    approvals::TABLE,
    revisions::TABLE,
    projects::TABLE,
    phases::TABLE,
    organisations::TABLE,
    objectives::TABLE,
    teams::TABLE,
    team_listings::TABLE,
    team_tasks::TABLE,
    work_areas::TABLE,
    funding_sources::TABLE,
    contributions::TABLE,
    networks::TABLE,
    meetings::TABLE,
    evaluations::TABLE,
    indicators::TABLE,
    consultation_programmes::TABLE,
    consultations::TABLE,
    activity_reports::TABLE,
    priority_areas::TABLE,
    report_activities::TABLE,
];

/// The table a file name stands for (`measures.csv`, `Toimenpiteet.csv`, `measures.tsv`).
pub fn table_for_file(file_name: &str) -> Option<&'static TableSchema> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let n = normalize(stem);
    // Every table's names normalised once, not on each call.
    static NAMES: std::sync::OnceLock<Vec<(String, usize)>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut v = Vec::new();
        for (i, t) in TABLES.iter().enumerate() {
            v.push((normalize(t.name()), i));
            v.extend(t.aliases.iter().map(|a| (normalize(a), i)));
        }
        v
    });
    names
        .iter()
        .find(|(k, _)| *k == n)
        .map(|(_, i)| &TABLES[*i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_are_unique_within_each_table() {
        let mut files = std::collections::BTreeSet::new();
        for t in TABLES {
            assert!(files.insert(normalize(t.name())), "{}", t.file);
            for a in t.aliases {
                assert!(files.insert(normalize(a)), "{} alias {a}", t.file);
            }
            let mut seen = std::collections::BTreeSet::new();
            for c in t.columns {
                assert!(seen.insert(normalize(c.name)), "{}: {}", t.file, c.name);
                for a in c.aliases {
                    assert!(seen.insert(normalize(a)), "{}: alias {a}", t.file);
                }
            }
            for (i, c) in t.columns.iter().enumerate() {
                assert_eq!(t.column_index(c.name), Some(i));
            }
        }
        assert_eq!(
            table_for_file("Toimenpiteet.csv").map(|t| t.file),
            Some("measures.csv")
        );
        assert_eq!(
            table_for_file("measures.tsv").map(|t| t.file),
            Some("measures.csv")
        );
        assert!(table_for_file("notes.csv").is_none());
    }
}
