//! `Document` and `Registry`: load, read, change, validate and write documents.

use crate::consultation::Consultation;
use crate::errors::{LoadError, OskeError};
use crate::lock;
use crate::model::{Issue, LoadErrorInfo};
use oske::activity::ActivityReport;
use oske::consultation::ConsultationProgramme;
use oske::datasets::Dataset;
use oske::evaluation::Evaluation;
use oske::network::{Meeting, Network};
use oske::plan::ActionPlan;
use oske::project::DevelopmentProject;
use oske::{Lang, Period, Report};
use std::sync::{Arc, Mutex};

/// The registry a document is validated against: regions, municipalities,
/// centres and populations with their validity dates.
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
    /// The registry embedded in the library (Statistics Finland regions, the
    /// municipalities of Etelä-Pohjanmaa, Pohjanmaa, Keski-Pohjanmaa and Lappi, the
    /// 11 centres of 2020, the populations of 31.12.2019), covering 1.1.2002–30.6.2025.
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
            .ok_or_else(|| OskeError::not_found("consultation programme", id))
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
            .ok_or_else(|| OskeError::not_found("network", &network_id))?;
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
    /// programme's policy; its errors speak `lang` (English when null). Changes
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
            .ok_or_else(|| OskeError::not_found("consultation", &consultation_id))?;
        Ok(Consultation::from_parts(
            record,
            programme.policy.clone(),
            lang.unwrap_or(Lang::En),
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
