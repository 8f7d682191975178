//! `Document` and `Registry`: load, read, change, validate and write documents.

use crate::consultation::Consultation;
use crate::errors::{LoadError, OskeError};
use crate::lock;
use crate::model::{Issue, LoadErrorInfo};
use chrono::NaiveDate;
use oske::activity::ActivityReport;
use oske::consultation::ConsultationProgramme;
use oske::datasets::Dataset;
use oske::evaluation::Evaluation;
use oske::network::{Meeting, Network};
use oske::plan::ActionPlan;
use oske::project::DevelopmentProject;
use oske::registry::{
    Centre, CodeKind, CooperationArea, County, Municipality, PopulationArea, Region, Source,
};
use oske::{Lang, Period, Report};
use std::sync::{Arc, Mutex};

/// The registry a document is validated against: regions, municipalities,
/// wellbeing services counties, cooperation areas, centres and populations with
/// their validity dates. Every question takes a date.
#[derive(Debug, uniffi::Object)]
pub struct Registry {
    own: Option<oske::Registry>,
}

impl Registry {
    fn get(&self) -> &oske::Registry {
        self.own
            .as_ref()
            .unwrap_or_else(|| oske::Registry::embedded())
    }
}

#[uniffi::export]
impl Registry {
    /// The registry embedded in the library: every municipality of Finland since
    /// 1.1.2002 with its region and county by date, the regions, the wellbeing
    /// services counties, the cooperation areas, the competence centres and
    /// populations, covering 1.1.2002–1.1.2026.
    #[uniffi::constructor]
    pub fn embedded() -> Arc<Self> {
        Arc::new(Registry { own: None })
    }

    /// A registry read from JSON in the format of the embedded one
    /// (`Registry.embeddedJson()`). Unknown fields are errors here.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Arc<Self>, LoadError> {
        let own = oske::Registry::from_json(&text)?;
        Ok(Arc::new(Registry { own: Some(own) }))
    }

    /// The embedded registry's JSON text, a template for a registry of your own.
    pub fn embedded_json(&self) -> String {
        oske::Registry::embedded_json().to_owned()
    }

    /// What this registry is (source, edition).
    pub fn name(&self) -> String {
        self.get().name.clone()
    }

    /// The dates the registry describes; outside them codes are not checked reliably.
    pub fn coverage(&self) -> Option<Period> {
        self.get().coverage
    }

    /// The registry format version of the data (1 or 2).
    pub fn format_version(&self) -> u32 {
        self.get().format_version
    }

    /// The newest date the data is known to be right for.
    pub fn known_as_of(&self) -> Option<NaiveDate> {
        self.get().known_as_of
    }

    /// The sources of the data.
    pub fn sources(&self) -> Vec<Source> {
        self.get().sources.clone()
    }

    /// All regions.
    pub fn regions(&self) -> Vec<Region> {
        self.get().regions.clone()
    }

    /// All wellbeing services counties.
    pub fn counties(&self) -> Vec<County> {
        self.get().counties.clone()
    }

    /// All cooperation areas.
    pub fn cooperation_areas(&self) -> Vec<CooperationArea> {
        self.get().cooperation_areas.clone()
    }

    /// All centres.
    pub fn centres(&self) -> Vec<Centre> {
        self.get().centres.clone()
    }

    /// A region by code, regardless of date.
    pub fn region(&self, code: String) -> Option<Region> {
        self.get().region(&code).cloned()
    }

    /// A wellbeing services county by code, regardless of date.
    pub fn county(&self, code: String) -> Option<County> {
        self.get().county(&code).cloned()
    }

    /// A cooperation area by code, regardless of date.
    pub fn cooperation_area(&self, code: String) -> Option<CooperationArea> {
        self.get().cooperation_area(&code).cloned()
    }

    /// A municipality by code, regardless of date.
    pub fn municipality(&self, code: String) -> Option<Municipality> {
        self.get().municipality(&code).cloned()
    }

    /// A centre by id, regardless of date.
    pub fn centre(&self, id: String) -> Option<Centre> {
        self.get().centre(&id).cloned()
    }

    /// The region a municipality belongs to on `date`.
    pub fn region_of_municipality(&self, code: String, date: NaiveDate) -> Option<Region> {
        self.get().region_of_municipality(&code, date).cloned()
    }

    /// The wellbeing services county a municipality belongs to on `date`.
    pub fn county_of_municipality(&self, code: String, date: NaiveDate) -> Option<County> {
        self.get().county_of_municipality(&code, date).cloned()
    }

    /// The cooperation area a municipality belongs to on `date` (through its county).
    pub fn cooperation_area_of_municipality(
        &self,
        code: String,
        date: NaiveDate,
    ) -> Option<CooperationArea> {
        self.get()
            .cooperation_area_of_municipality(&code, date)
            .cloned()
    }

    /// The cooperation area a county belongs to on `date`.
    pub fn cooperation_area_of_county(
        &self,
        county: String,
        date: NaiveDate,
    ) -> Option<CooperationArea> {
        self.get()
            .cooperation_area_of_county(&county, date)
            .cloned()
    }

    /// The municipalities of a region on `date`, in code order.
    pub fn municipalities_of_region(&self, region: String, date: NaiveDate) -> Vec<Municipality> {
        owned(self.get().municipalities_of_region(&region, date))
    }

    /// The municipalities of a county on `date`, in code order.
    pub fn municipalities_of_county(&self, county: String, date: NaiveDate) -> Vec<Municipality> {
        owned(self.get().municipalities_of_county(&county, date))
    }

    /// The counties of a cooperation area on `date`.
    pub fn counties_of_cooperation_area(&self, area: String, date: NaiveDate) -> Vec<County> {
        owned(self.get().counties_of_cooperation_area(&area, date))
    }

    /// The municipalities in a centre's area on `date`, in code order.
    pub fn municipalities_of_centre(&self, centre: String, date: NaiveDate) -> Vec<Municipality> {
        owned(self.get().municipalities_of_centre(&centre, date))
    }

    /// The municipalities that exist on `date`, in code order.
    pub fn municipalities_on(&self, date: NaiveDate) -> Vec<Municipality> {
        self.get().municipalities_on(date).cloned().collect()
    }

    /// The regional centres covering a municipality on `date`.
    pub fn centres_for_municipality(&self, code: String, date: NaiveDate) -> Vec<Centre> {
        owned(self.get().centres_for_municipality(&code, date))
    }

    /// The regional centre of a municipality on `date`, when exactly one covers it.
    pub fn centre_of_municipality(&self, code: String, date: NaiveDate) -> Option<Centre> {
        self.get().centre_of_municipality(&code, date).cloned()
    }

    /// True when the centre's area includes the municipality on `date`.
    pub fn centre_covers_municipality(
        &self,
        centre: String,
        code: String,
        date: NaiveDate,
    ) -> bool {
        self.get().centre_covers_municipality(&centre, &code, date)
    }

    /// True when the centre's area includes the region, wholly or in part, on `date`.
    pub fn centre_covers_region(&self, centre: String, region: String, date: NaiveDate) -> bool {
        self.get().centre_covers_region(&centre, &region, date)
    }

    /// True when the centre's area includes the county, wholly or in part, on `date`.
    pub fn centre_covers_county(&self, centre: String, county: String, date: NaiveDate) -> bool {
        self.get().centre_covers_county(&centre, &county, date)
    }

    /// The municipalities a merged municipality's area passed to, in order; empty
    /// for one that did not merge.
    pub fn successor_chain(&self, code: String) -> Vec<Municipality> {
        owned(self.get().successor_chain(&code))
    }

    /// The municipality that holds a merged municipality's area on `date`.
    pub fn successor_on(&self, code: String, date: NaiveDate) -> Option<Municipality> {
        self.get().successor_on(&code, date).cloned()
    }

    /// The population of an area of a kind on exactly `date`: a recorded figure,
    /// or for a region or county the sum of its municipalities' figures.
    pub fn population_of(
        &self,
        kind: PopulationArea,
        area: String,
        date: NaiveDate,
    ) -> Option<u64> {
        self.get().population_of(kind, &area, date)
    }

    /// True when `date` lies within the registry's coverage.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.get().covers(date)
    }

    /// The date whose map answers for `date`: `date` inside the coverage, else the
    /// nearest end of the coverage.
    pub fn effective_date(&self, date: NaiveDate) -> NaiveDate {
        self.get().effective_date(date)
    }

    /// A name and code for messages (`Storkyro (152)`); the code alone when unknown.
    pub fn label(&self, kind: CodeKind, code: String, lang: Lang) -> String {
        self.get().label(kind, &code, lang)
    }

    /// Resolves a code or a name (Finnish or Swedish, any case, accents optional)
    /// of an entry of `kind` on `date`.
    pub fn resolve(&self, kind: CodeKind, text: String, date: NaiveDate) -> Resolution {
        use oske::registry::Resolution as R;
        let (status, codes) = match self.get().resolve(kind, &text, date) {
            R::Code(c) => (ResolutionStatus::Code, vec![c]),
            R::Name(c) => (ResolutionStatus::Name, vec![c]),
            R::Folded(c) => (ResolutionStatus::Folded, vec![c]),
            R::OtherDate(c) => (ResolutionStatus::OtherDate, vec![c]),
            R::Ambiguous(v) => (ResolutionStatus::Ambiguous, v),
            R::Unknown(v) => (ResolutionStatus::Unknown, v),
        };
        Resolution {
            status,
            codes: codes.into_iter().map(str::to_owned).collect(),
        }
    }
}

fn owned<T: Clone>(v: Vec<&T>) -> Vec<T> {
    v.into_iter().cloned().collect()
}

/// How `Registry.resolve()` read a code or a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ResolutionStatus {
    /// A code the registry knows (it may still be invalid on the date).
    Code,
    /// An official name, in Finnish or Swedish, any case.
    Name,
    /// An official name once accents are ignored (`Kemijarvi` → Kemijärvi).
    Folded,
    /// The name of one entry that is not valid on the date (a merged municipality).
    OtherDate,
    /// Several entries carry the name.
    Ambiguous,
    /// Nothing matches; `codes` are the closest names' codes, best first.
    Unknown,
}

/// The result of `Registry.resolve()`: its status and the code found, the
/// candidates or the suggestions.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Resolution {
    pub status: ResolutionStatus,
    pub codes: Vec<String>,
}

/// The result of `loadDocument(text)`: the document, or where and why reading failed.
#[derive(uniffi::Enum)]
pub enum LoadOutcome {
    /// The text was read; `document.warnings(lang)` lists fields it did not load.
    Loaded { document: Arc<Document> },
    /// The text could not be read.
    Failed { error: LoadErrorInfo },
}

/// Reads a document from JSON text without throwing: a `LoadOutcome.Failed`
/// carries the error's kind, line, column and JSON Pointer as fields.
#[uniffi::export]
pub fn load_document(text: String) -> LoadOutcome {
    match oske::json::from_str(&text) {
        Ok(loaded) => LoadOutcome::Loaded {
            document: Document::from_loaded(loaded),
        },
        Err(error) => LoadOutcome::Failed { error },
    }
}

struct State {
    doc: oske::Document,
    /// `json.unknown-field` warnings from reading, in document order.
    warnings: Vec<oske::Issue>,
}

/// One oske document — action plans, projects, networks and their meetings,
/// evaluations, consultation programmes, activity reports — held by the library.
///
/// The collection getters return copies (immutable Kotlin data classes); change
/// the document through its methods. A `Document` is safe to share between
/// threads; each call sees the document whole.
#[derive(uniffi::Object)]
pub struct Document {
    state: Mutex<State>,
}

impl Document {
    pub(crate) fn from_loaded(loaded: oske::Loaded) -> Arc<Self> {
        Arc::new(Document {
            state: Mutex::new(State {
                doc: loaded.document,
                warnings: loaded.warnings,
            }),
        })
    }

    fn from_document(doc: oske::Document) -> Arc<Self> {
        Document::from_loaded(oske::Loaded {
            document: doc,
            warnings: Vec::new(),
        })
    }

    fn programme_mut<'a>(
        doc: &'a mut oske::Document,
        id: &str,
    ) -> Result<&'a mut ConsultationProgramme, OskeError> {
        doc.consultation_programmes
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| OskeError::not_found(oske::errors::Missing::ConsultationProgramme, id))
    }
}

fn records(issues: Vec<oske::Issue>, lang: Lang) -> Vec<Issue> {
    Report { issues }.records(lang)
}

#[uniffi::export]
impl Document {
    /// An empty document of the current format version.
    #[uniffi::constructor(default(title = None))]
    pub fn new(title: Option<String>) -> Arc<Self> {
        let mut doc = oske::Document::new();
        doc.title = title;
        Document::from_document(doc)
    }

    /// Reads a document from JSON text (ISO or Finnish `d.m.yyyy` dates).
    /// Throws `LoadException` saying where (line, column, JSON Pointer) and what;
    /// fields the format does not define are kept as `warnings`, not dropped silently.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Arc<Self>, LoadError> {
        Ok(Document::from_loaded(oske::json::from_str(&text)?))
    }

    /// One embedded seed dataset by name (see `datasetNames()`).
    #[uniffi::constructor]
    pub fn dataset(name: String) -> Result<Arc<Self>, OskeError> {
        let dataset = Dataset::from_name(&name).ok_or_else(|| OskeError::unknown_dataset(&name))?;
        Ok(Document::from_loaded(dataset.load()))
    }

    /// All embedded seed datasets in one document.
    #[uniffi::constructor]
    pub fn all_datasets() -> Arc<Self> {
        Document::from_document(oske::datasets::all())
    }

    /// The format version (1).
    pub fn format_version(&self) -> u32 {
        lock(&self.state).doc.format_version
    }

    /// The document's title.
    pub fn title(&self) -> Option<String> {
        lock(&self.state).doc.title.clone()
    }

    /// Sets (or with null removes) the title.
    pub fn set_title(&self, title: Option<String>) {
        lock(&self.state).doc.title = title;
    }

    /// The action plans.
    pub fn action_plans(&self) -> Vec<ActionPlan> {
        lock(&self.state).doc.action_plans.clone()
    }

    /// The development projects and units.
    pub fn projects(&self) -> Vec<DevelopmentProject> {
        lock(&self.state).doc.projects.clone()
    }

    /// The networks, with their meetings.
    pub fn networks(&self) -> Vec<Network> {
        lock(&self.state).doc.networks.clone()
    }

    /// The evaluations.
    pub fn evaluations(&self) -> Vec<Evaluation> {
        lock(&self.state).doc.evaluations.clone()
    }

    /// The consultation programmes, with their consultations as records.
    pub fn consultation_programmes(&self) -> Vec<ConsultationProgramme> {
        lock(&self.state).doc.consultation_programmes.clone()
    }

    /// The activity reports.
    pub fn activity_reports(&self) -> Vec<ActivityReport> {
        lock(&self.state).doc.activity_reports.clone()
    }

    /// The first network with this id, if any.
    pub fn network(&self, id: String) -> Option<Network> {
        lock(&self.state)
            .doc
            .networks
            .iter()
            .find(|n| n.id == id)
            .cloned()
    }

    /// Appends a network.
    pub fn add_network(&self, network: Network) {
        lock(&self.state).doc.networks.push(network);
    }

    /// Records a meeting: appends it to the first network with id `network_id`.
    /// Nothing about the meeting is judged here; `validate()` reports what is wrong
    /// (a duplicate id, a remote meeting with no platform, too few meetings).
    /// Throws `OskeException.NotFound` when no network has that id.
    pub fn add_meeting(&self, network_id: String, meeting: Meeting) -> Result<(), OskeError> {
        let mut state = lock(&self.state);
        let network = state
            .doc
            .networks
            .iter_mut()
            .find(|n| n.id == network_id)
            .ok_or_else(|| OskeError::not_found(oske::errors::Missing::Network, &network_id))?;
        network.meetings.push(meeting);
        Ok(())
    }

    /// Appends a consultation programme.
    pub fn add_consultation_programme(&self, programme: ConsultationProgramme) {
        lock(&self.state)
            .doc
            .consultation_programmes
            .push(programme);
    }

    /// A consultation of a programme, to walk on through the protocol under the
    /// programme's policy; its errors speak `lang` (the error language,
    /// `errorLanguage()`, when null). Changes
    /// reach the document only through `putConsultation`.
    /// Throws `OskeException.NotFound` for an unknown programme or consultation.
    #[uniffi::method(default(lang = None))]
    pub fn consultation(
        &self,
        programme_id: String,
        consultation_id: String,
        lang: Option<Lang>,
    ) -> Result<Arc<Consultation>, OskeError> {
        let mut state = lock(&self.state);
        let programme = Document::programme_mut(&mut state.doc, &programme_id)?;
        let record = programme
            .consultations
            .iter()
            .find(|c| c.id == consultation_id)
            .cloned()
            .ok_or_else(|| {
                OskeError::not_found(oske::errors::Missing::Consultation, &consultation_id)
            })?;
        Ok(Consultation::from_parts(
            record,
            programme.policy.clone(),
            lang.unwrap_or_else(crate::errors::error_lang),
        ))
    }

    /// Stores the consultation's current state in a programme: it replaces the
    /// consultation with the same id, or is appended when there is none.
    /// Throws `OskeException.NotFound` for an unknown programme.
    pub fn put_consultation(
        &self,
        programme_id: String,
        consultation: Arc<Consultation>,
    ) -> Result<(), OskeError> {
        let record = consultation.record();
        let mut state = lock(&self.state);
        let programme = Document::programme_mut(&mut state.doc, &programme_id)?;
        match programme
            .consultations
            .iter_mut()
            .find(|c| c.id == record.id)
        {
            Some(slot) => *slot = record,
            None => programme.consultations.push(record),
        }
        Ok(())
    }

    /// The warnings found while reading the JSON (`json.unknown-field`), with
    /// messages in `lang`.
    pub fn warnings(&self, lang: Lang) -> Vec<Issue> {
        records(lock(&self.state).warnings.clone(), lang)
    }

    /// Checks the document against the rulebook and `registry` (the embedded one
    /// when null). The list holds the reading warnings first, then every issue
    /// validation found, in document order, with messages in `lang`.
    #[uniffi::method(default(registry = None))]
    pub fn validate(&self, lang: Lang, registry: Option<Arc<Registry>>) -> Vec<Issue> {
        let reg = registry
            .as_deref()
            .map_or_else(|| oske::Registry::embedded(), Registry::get);
        let state = lock(&self.state);
        let mut issues = state.warnings.clone();
        issues.extend(oske::validate(&state.doc, reg).issues);
        records(issues, lang)
    }

    /// The document as pretty-printed JSON (format version 1, ISO 8601 dates,
    /// money in integer cents), for sync with a server. Reading it back gives an
    /// equal document.
    pub fn to_json(&self) -> String {
        oske::json::to_string(&lock(&self.state).doc)
    }
}
