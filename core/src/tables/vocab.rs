//! The words each code-list column accepts: the English snake_case name used in
//! JSON (always written on export) and Finnish and Swedish aliases (read).

use crate::consultation::{ConsultationState, SelectionCriterion};
use crate::evaluation::{Direction, EvaluationMethod, Instrument};
use crate::network::{CountQualifier, MeetingFormat, MeetingStatus};
use crate::plan::{
    FrequencyQualifier, FrequencyUnit, MeasureKind, MeasureStatus, RevisionReason, SectionArea,
    ServiceArea,
};
use crate::project::{ObjectiveAction, OrgRole, ParticipantCategory, Perspective};
use crate::tasks::{SpecialTaskKind, StatutoryTask};

/// A code list: its values and the aliases each accepts.
#[derive(Debug)]
pub struct Vocab {
    /// Name of the list, for documentation.
    pub name: &'static str,
    /// `(name, aliases)` pairs, in the model's order.
    pub terms: &'static [(&'static str, &'static [&'static str])],
}

impl Vocab {
    /// The names, comma-separated (for messages).
    pub fn names(&self) -> String {
        self.terms
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Each value's names for messages: the English name, the first alias as the
    /// Finnish and the last as the Swedish one (underscores shown as spaces, which
    /// the reader accepts as well).
    pub(crate) fn labels(&self) -> Vec<(&'static str, crate::text::LocalizedText)> {
        let words = |s: &str| s.replace('_', " ");
        self.terms
            .iter()
            .map(|(n, aliases)| {
                let mut t = crate::text::LocalizedText::en(words(n));
                if let (Some(fi), Some(sv)) = (aliases.first(), aliases.last()) {
                    if aliases.len() >= 2 {
                        t.fi = Some(words(fi));
                        t.sv = Some(words(sv));
                    }
                }
                (*n, t)
            })
            .collect()
    }

    /// The index of the term `s` names (case-insensitive; spaces and hyphens count
    /// as underscores).
    pub(crate) fn find(&self, s: &str) -> Option<usize> {
        let t = s.trim();
        if let Some(i) = self.terms.iter().position(|(n, _)| *n == t) {
            return Some(i);
        }
        // Compared as `normalize(t) == normalize(alias)` would compare them, char by
        // char without building either string (a code cell in Finnish or Swedish
        // came here once per cell). Every alias is written normalized (the test
        // `aliases_are_written_normalized`), so it is compared as it stands; a name
        // or an alias of another length than the normalized cell is passed over
        // unread: a bad cell costs one pass over itself and a length per word.
        let len: usize = normalized(t).map(char::len_utf8).sum();
        let same = |w: &str| w.len() == len && w.chars().eq(normalized(t));
        self.terms
            .iter()
            .position(|(n, aliases)| same(n) || aliases.iter().any(|a| same(a)))
    }

    /// [`Vocab::names`] and [`Vocab::labels`], built once for each code list (a bad
    /// cell's issue carries both: built afresh, they cost most of a bad row).
    pub(crate) fn allowed(&self) -> AllowedRef<'_> {
        type Built = Vec<(&'static str, String, Labels)>;
        static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
        let built = BUILT.get_or_init(|| {
            all_vocabs()
                .into_iter()
                .map(|v| (v.name, v.names(), v.labels()))
                .collect()
        });
        match built.iter().find(|(name, _, _)| *name == self.name) {
            Some((_, names, labels)) => AllowedRef::Built(names, labels),
            None => AllowedRef::Fresh(self.names(), self.labels()),
        }
    }
}

/// Each value's name and its names for messages ([`Vocab::labels`]).
pub(crate) type Labels = Vec<(&'static str, crate::text::LocalizedText)>;

/// What [`Vocab::allowed`] gives: built before, or (a code list not in
/// [`all_vocabs`]) now.
pub(crate) enum AllowedRef<'a> {
    Built(&'a String, &'a Labels),
    Fresh(String, Labels),
}

impl AllowedRef<'_> {
    /// The names, comma-separated, and each value's names.
    pub(crate) fn parts(&self) -> (&String, &Labels) {
        match self {
            AllowedRef::Built(names, labels) => (names, labels),
            AllowedRef::Fresh(names, labels) => (names, labels),
        }
    }
}

/// The chars of [`normalize`]`(s)`, without the string.
fn normalized(s: &str) -> impl Iterator<Item = char> + '_ {
    s.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
}

/// Lower case, with spaces and hyphens as underscores.
pub(crate) fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// A code-list type with its vocabulary.
pub(crate) trait Coded: Sized + Copy + PartialEq + 'static {
    const VOCAB: &'static Vocab;
    const ALL: &'static [Self];
    fn index(self) -> usize;
    fn name(self) -> &'static str {
        Self::VOCAB.terms[self.index()].0
    }
    /// The value a cell names: the exact English name (fast), else any name or
    /// alias, case-insensitively. Inlined: a measure's row reads three code
    /// cells and a list of them, and the call cost as much as this wrapper.
    #[inline]
    fn parse(s: &str) -> Option<Self> {
        Self::exact(s).or_else(|| Self::VOCAB.find(s).and_then(|i| Self::ALL.get(i).copied()))
    }
    /// The value whose English name is exactly `s`.
    fn exact(s: &str) -> Option<Self>;
}

macro_rules! coded {
    ($vocab:ident, $ty:ty, $label:literal, [$($variant:ident = $name:literal [$($alias:literal),*]),* $(,)?]) => {
        pub(crate) const $vocab: Vocab = Vocab {
            name: $label,
            terms: &[$(($name, &[$($alias),*])),*],
        };
        impl Coded for $ty {
            const VOCAB: &'static Vocab = &$vocab;
            const ALL: &'static [Self] = &[$(<$ty>::$variant),*];
            fn exact(s: &str) -> Option<Self> {
                match s {
                    $($name => Some(<$ty>::$variant),)*
                    _ => None,
                }
            }
            fn index(self) -> usize {
                let all: &[$ty] = <Self as Coded>::ALL;
                // Exhaustive: a new variant fails to compile here until it is listed.
                match self { $(<$ty>::$variant => {})* }
                all.iter().position(|v| *v == self).unwrap_or(0)
            }
        }
    };
}

coded!(MEASURE_KIND, MeasureKind, "measure kind", [
    Network = "network" ["verkosto", "nätverk"],
    Meeting = "meeting" ["kokous", "möte"],
    Workshop = "workshop" ["työpaja", "verkstad"],
    ThemedAfternoon = "themed_afternoon" ["teemailtapäivä", "temaeftermiddag"],
    Survey = "survey" ["selvitys", "kartoitus", "kartläggning"],
    Statement = "statement" ["lausunto", "utlåtande"],
    SteeringGroup = "steering_group" ["ohjausryhmä", "styrgrupp"],
    ProjectPreparation = "project_preparation" ["hankevalmistelu", "projektberedning"],
    ProjectSupport = "project_support" ["hanketuki", "projektstöd"],
    Evaluation = "evaluation" ["arviointi", "utvärdering"],
    Event = "event" ["tapahtuma", "seminaari", "evenemang"],
    StudyVisit = "study_visit" ["opintomatka", "studiebesök"],
    Consultation = "consultation" ["konsultaatio", "konsultation"],
    Training = "training" ["koulutus", "utbildning"],
    Publication = "publication" ["julkaisu", "publikation"],
    Other = "other" ["muu", "annat"],
]);

coded!(SERVICE_AREA, ServiceArea, "service area", [
    AdultSocialWork = "adult_social_work" ["aikuissosiaalityö", "vuxensocialt_arbete"],
    FamiliesWithChildren = "families_with_children" ["lapsiperheet", "barnfamiljer"],
    ChildProtection = "child_protection" ["lastensuojelu", "barnskydd"],
    FamilyLaw = "family_law" ["perheoikeus", "familjerätt"],
    DisabilityServices = "disability_services" ["vammaispalvelut", "handikappservice"],
    OlderPeople = "older_people" ["ikääntyneet", "vanhuspalvelut", "äldre"],
    SubstanceAbuseAndMentalHealth = "substance_abuse_and_mental_health" ["päihde_ja_mielenterveys", "missbruk_och_psykisk_hälsa"],
    EarlyChildhoodEducation = "early_childhood_education" ["varhaiskasvatus", "småbarnspedagogik"],
    ImmigrantSocialWork = "immigrant_social_work" ["maahanmuuttajatyö", "invandrararbete"],
    Other = "other" ["muu", "annat"],
]);

coded!(MEASURE_STATUS, MeasureStatus, "measure status", [
    Planned = "planned" ["suunniteltu", "planerad"],
    Ongoing = "ongoing" ["käynnissä", "pågående"],
    Done = "done" ["valmis", "tehty", "klar"],
    Postponed = "postponed" ["siirretty", "uppskjuten"],
    Cancelled = "cancelled" ["peruttu", "inställd"],
]);

coded!(FREQUENCY_UNIT, FrequencyUnit, "frequency unit", [
    Year = "year" ["vuosi", "vuodessa", "år"],
    HalfYear = "half_year" ["puolivuosi", "halvår"],
    Quarter = "quarter" ["neljännes", "kvartal"],
    Month = "month" ["kuukausi", "kuukaudessa", "månad"],
]);

coded!(FREQUENCY_QUALIFIER, FrequencyQualifier, "frequency qualifier", [
    AtLeast = "at_least" ["vähintään", "minst"],
    Exactly = "exactly" ["tasan", "exakt"],
    OnAverage = "on_average" ["keskimäärin", "i_genomsnitt"],
]);

coded!(COUNT_QUALIFIER, CountQualifier, "count qualifier", [
    About = "about" ["noin", "cirka"],
    Almost = "almost" ["lähes", "melkein", "nästan"],
    Over = "over" ["yli", "över"],
    AtLeast = "at_least" ["vähintään", "minst"],
]);

coded!(SECTION_AREA, SectionArea, "section area", [
    Region = "region" ["maakunta", "landskap"],
    County = "county" ["hyvinvointialue", "välfärdsområde"],
]);

coded!(REVISION_REASON, RevisionReason, "revision reason", [
    Covid19 = "covid19" ["covid_19", "korona"],
    AnnualUpdate = "annual_update" ["vuosipäivitys", "årlig_uppdatering"],
    Other = "other" ["muu", "annat"],
]);

coded!(
    STATUTORY_TASK,
    StatutoryTask,
    "statutory task",
    [
        ExpertiseTransmission = "expertise_transmission"["1"],
        ServiceDevelopment = "service_development"["2"],
        EducationLink = "education_link"["3"],
        Research = "research"["4"],
        RegionalCooperation = "regional_cooperation"["5"],
    ]
);

coded!(SPECIAL_TASK_KIND, SpecialTaskKind, "special task kind", [
    Nordic = "nordic" ["pohjoismainen", "nordisk"],
    SamiServices = "sami_services" ["saamenkieliset_palvelut", "samiska_tjänster"],
    SwedishLanguage = "swedish_language" ["ruotsinkieliset_palvelut", "svenskspråkiga_tjänster"],
    Other = "other" ["muu", "annat"],
]);

coded!(ORG_ROLE, OrgRole, "organisation role", [
    Administrator = "administrator" ["hallinnoija", "förvaltare"],
    Coordinator = "coordinator" ["koordinaattori", "koordinator"],
    Partner = "partner" ["kumppani"],
    Funder = "funder" ["rahoittaja", "finansiär"],
    Participant = "participant" ["osallistuja", "deltagare"],
]);

coded!(PERSPECTIVE, Perspective, "objective perspective", [
    Clients = "clients" ["asiakkaat", "klienter"],
    Staff = "staff" ["henkilöstö", "personal"],
    Management = "management" ["johto", "ledning"],
    ServiceStructure = "service_structure" ["palvelurakenne", "servicestruktur"],
    ResearchAndTeaching = "research_and_teaching" ["tutkimus_ja_opetus", "forskning_och_undervisning"],
    Other = "other" ["muu", "annat"],
]);

coded!(OBJECTIVE_ACTION, ObjectiveAction, "objective action", [
    Continue = "continue" ["jatkaa", "fortsätta"],
    Start = "start" ["käynnistää", "aloittaa", "starta"],
    Expand = "expand" ["laajentaa", "utvidga"],
    Deepen = "deepen" ["syventää", "fördjupa"],
]);

coded!(PARTICIPANT_CATEGORY, ParticipantCategory, "participant category", [
    TeamMunicipality = "team_municipality" ["tiimikunta", "teamkommun"],
    OtherParticipant = "other_participant" ["muu_osallistuja", "annan_deltagare"],
]);

coded!(MEETING_FORMAT, MeetingFormat, "meeting format", [
    InPerson = "in_person" ["lähi", "lähitapaaminen", "fysiskt"],
    Remote = "remote" ["etä", "etäkokous", "distans"],
    Hybrid = "hybrid" ["hybridi"],
]);

coded!(MEETING_STATUS, MeetingStatus, "meeting status", [
    Held = "held" ["pidetty", "hållet"],
    Planned = "planned" ["suunniteltu", "planerat"],
    Cancelled = "cancelled" ["peruttu", "inställt"],
]);

coded!(EVALUATION_METHOD, EvaluationMethod, "evaluation method", [
    SelfEvaluation = "self_evaluation" ["itsearviointi", "självvärdering"],
    Bikva = "bikva" [],
    BalancedScorecard = "balanced_scorecard" ["tasapainotettu_mittaristo"],
    StakeholderSurvey = "stakeholder_survey" ["sidosryhmäkysely", "intressentenkät"],
    External = "external" ["ulkoinen", "extern"],
    Other = "other" ["muu", "annan"],
]);

coded!(DIRECTION, Direction, "indicator direction", [
    Increase = "increase" ["kasvaa", "öka"],
    Decrease = "decrease" ["laskee", "minska"],
    Maintain = "maintain" ["säilyy", "bibehålla"],
]);

coded!(CONSULTATION_STATE, ConsultationState, "consultation state", [
    Prepared = "prepared" [],
    ConsultantAgreed = "consultant_agreed" [],
    BriefSent = "brief_sent" [],
    Scheduled = "scheduled" [],
    Held = "held" [],
    Documented = "documented" [],
    Evaluated = "evaluated" [],
    Cancelled = "cancelled" [],
]);

coded!(SELECTION_CRITERION, SelectionCriterion, "selection criterion", [
    NationallySignificant = "nationally_significant" ["valtakunnallisesti_merkittävä"],
    Innovative = "innovative" ["innovatiivinen", "innovativ"],
    ResearchEvidence = "research_evidence" ["tutkitusti_vaikuttava", "forskningsbelagd"],
]);

/// Which budget of a project a funding source belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FundingScope {
    Project,
    Annual,
}

coded!(FUNDING_SCOPE, FundingScope, "funding scope", [
    Project = "project" ["hanke", "koko_hanke", "projekt"],
    Annual = "annual" ["vuosi", "vuosittainen", "årlig"],
]);

/// The instruments vocabulary (known names; any other is written `other:NAME`).
pub(crate) const INSTRUMENT: Vocab = Vocab {
    name: "instrument",
    terms: &[
        ("avain", &[]),
        ("arvoa", &[]),
        ("suuntima", &[]),
        ("sosdigi", &[]),
        (
            "welfare_barometer",
            &["hyvinvointibarometri", "välfärdsbarometer"],
        ),
        ("other:NAME", &[]),
    ],
};

pub(crate) fn instrument_name(i: &Instrument) -> String {
    match i {
        Instrument::Avain => "avain".into(),
        Instrument::Arvoa => "arvoa".into(),
        Instrument::Suuntima => "suuntima".into(),
        Instrument::Sosdigi => "sosdigi".into(),
        Instrument::WelfareBarometer => "welfare_barometer".into(),
        Instrument::Other(name) => format!("other:{name}"),
    }
}

pub(crate) fn parse_instrument(s: &str) -> Option<Instrument> {
    if let Some(name) = s.strip_prefix("other:") {
        return Some(Instrument::Other(name.to_owned()));
    }
    match INSTRUMENT.find(s)? {
        0 => Some(Instrument::Avain),
        1 => Some(Instrument::Arvoa),
        2 => Some(Instrument::Suuntima),
        3 => Some(Instrument::Sosdigi),
        4 => Some(Instrument::WelfareBarometer),
        _ => None,
    }
}

/// Every code list, for documentation.
pub(crate) fn all_vocabs() -> Vec<&'static Vocab> {
    vec![
        &MEASURE_KIND,
        &SERVICE_AREA,
        &MEASURE_STATUS,
        &FREQUENCY_UNIT,
        &FREQUENCY_QUALIFIER,
        &COUNT_QUALIFIER,
        &REVISION_REASON,
        &SECTION_AREA,
        &STATUTORY_TASK,
        &SPECIAL_TASK_KIND,
        &ORG_ROLE,
        &PERSPECTIVE,
        &OBJECTIVE_ACTION,
        &PARTICIPANT_CATEGORY,
        &FUNDING_SCOPE,
        &MEETING_FORMAT,
        &MEETING_STATUS,
        &EVALUATION_METHOD,
        &DIRECTION,
        &CONSULTATION_STATE,
        &SELECTION_CRITERION,
        &INSTRUMENT,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn serde_name<T: Serialize>(v: &T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn check<T: Coded + Serialize + PartialEq + std::fmt::Debug>() {
        assert_eq!(T::ALL.len(), T::VOCAB.terms.len());
        for v in T::ALL {
            assert_eq!(v.name(), serde_name(v), "{}", T::VOCAB.name);
            assert_eq!(T::parse(v.name()), Some(*v));
            for a in T::VOCAB.terms[v.index()].1 {
                assert_eq!(T::parse(a), Some(*v), "{a}");
                assert_eq!(T::parse(&a.to_uppercase()), Some(*v), "{a}");
            }
        }
    }

    /// `find` as it was: both sides normalized into strings, then compared.
    fn find_by_strings(v: &Vocab, s: &str) -> Option<usize> {
        let t = s.trim();
        if let Some(i) = v.terms.iter().position(|(n, _)| *n == t) {
            return Some(i);
        }
        let norm = normalize(t);
        v.terms
            .iter()
            .position(|(n, aliases)| *n == norm || aliases.iter().any(|a| normalize(a) == norm))
    }

    #[test]
    fn find_without_strings_agrees_with_the_normalized_strings() {
        let mut inputs: Vec<String> = vec![
            String::new(),
            " ".into(),
            "x".into(),
            "ÄÄ".into(),
            "\u{130}".into(),
            "ß".into(),
            "_".into(),
            "-".into(),
            "juhlaseminaari".into(),
            "İİ".into(),
            "Kİ".into(),
        ];
        for v in all_vocabs() {
            for (n, aliases) in v.terms {
                for w in std::iter::once(n).chain(aliases.iter()) {
                    let spaced = w.replace('_', " ");
                    let hyphened = w.replace(['_', ' '], "-");
                    for x in [w.to_string(), spaced, hyphened] {
                        inputs.push(x.to_uppercase());
                        inputs.push(format!("  {x}\t"));
                        inputs.push(x.chars().skip(1).collect());
                        inputs.push(format!("{x}x"));
                        inputs.push(x.chars().rev().collect());
                        inputs.push(x);
                    }
                }
            }
        }
        for v in all_vocabs() {
            for s in &inputs {
                assert_eq!(v.find(s), find_by_strings(v, s), "{} {s:?}", v.name);
            }
        }
        assert_eq!(
            MEASURE_KIND.find(" THEMED-afternoon "),
            Some(MeasureKind::ThemedAfternoon.index())
        );
        assert_eq!(
            MEASURE_KIND.find("Työpaja"),
            Some(MeasureKind::Workshop.index())
        );
        assert_eq!(MEASURE_KIND.find("työpajat"), None);
    }

    /// `find` compares aliases as written: each must be its own normal form.
    #[test]
    fn aliases_are_written_normalized() {
        for v in all_vocabs() {
            for (n, aliases) in v.terms {
                for a in *aliases {
                    assert_eq!(normalize(a), *a, "{} {n}", v.name);
                }
            }
        }
    }

    /// The names and labels built once are those built afresh, for every list.
    #[test]
    fn allowed_names_and_labels_are_those_built_afresh() {
        let all = all_vocabs();
        for v in &all {
            let a = v.allowed();
            assert!(matches!(a, AllowedRef::Built(..)), "{}", v.name);
            let (names, labels) = a.parts();
            assert_eq!(*names, v.names(), "{}", v.name);
            assert_eq!(*labels, v.labels(), "{}", v.name);
            // Names tell the lists apart.
            assert_eq!(all.iter().filter(|w| w.name == v.name).count(), 1);
        }
        let odd = Vocab {
            name: "not listed",
            terms: &[("a_b", &["c_d", "e"])],
        };
        let a = odd.allowed();
        assert!(matches!(a, AllowedRef::Fresh(..)));
        assert_eq!(a.parts(), (&odd.names(), &odd.labels()));
    }

    #[test]
    fn names_match_the_json_names_and_aliases_are_unambiguous() {
        check::<MeasureKind>();
        check::<ServiceArea>();
        check::<MeasureStatus>();
        check::<FrequencyUnit>();
        check::<FrequencyQualifier>();
        check::<CountQualifier>();
        check::<RevisionReason>();
        check::<StatutoryTask>();
        check::<SpecialTaskKind>();
        check::<OrgRole>();
        check::<Perspective>();
        check::<ObjectiveAction>();
        check::<ParticipantCategory>();
        check::<MeetingFormat>();
        check::<MeetingStatus>();
        check::<EvaluationMethod>();
        check::<Direction>();
        check::<ConsultationState>();
        check::<SelectionCriterion>();
        assert_eq!(
            MeasureKind::parse("Themed afternoon"),
            Some(MeasureKind::ThemedAfternoon)
        );
        assert_eq!(MeasureKind::parse("TYÖPAJA"), Some(MeasureKind::Workshop));
        for i in [
            Instrument::Avain,
            Instrument::WelfareBarometer,
            Instrument::Other("Bikva|x".into()),
        ] {
            assert_eq!(parse_instrument(&instrument_name(&i)), Some(i));
        }
    }
}
