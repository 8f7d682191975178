//! Statutory tasks (Act 1230/2001) and special tasks (Decree 1411/2001).

use crate::money::{Bp, Cents};
use crate::text::LocalizedText;
use serde::Serialize;

/// The five statutory tasks of every centre (Act 1230/2001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatutoryTask {
    /// 1. Develop and transmit social welfare expertise and know-how.
    ExpertiseTransmission,
    /// 2. Develop basic services and the special and expert services that need special expertise.
    ServiceDevelopment,
    /// 3. Secure a versatile link between basic, further and continuing education and practical work.
    EducationLink,
    /// 4. Carry out research, experimentation and development activity.
    Research,
    /// 5. Maintain cooperation for producing regional special and expert services.
    RegionalCooperation,
}

impl StatutoryTask {
    /// The five tasks in statutory order.
    pub const ALL: [StatutoryTask; 5] = [
        StatutoryTask::ExpertiseTransmission,
        StatutoryTask::ServiceDevelopment,
        StatutoryTask::EducationLink,
        StatutoryTask::Research,
        StatutoryTask::RegionalCooperation,
    ];

    /// Number in the Act's list (1–5).
    pub fn number(self) -> u8 {
        match self {
            StatutoryTask::ExpertiseTransmission => 1,
            StatutoryTask::ServiceDevelopment => 2,
            StatutoryTask::EducationLink => 3,
            StatutoryTask::Research => 4,
            StatutoryTask::RegionalCooperation => 5,
        }
    }

    /// The task's title in Finnish, Swedish and English.
    pub fn title(self) -> LocalizedText {
        let (fi, sv, en) = match self {
            StatutoryTask::ExpertiseTransmission => (
                "Sosiaalialan asiantuntemuksen ja osaamisen kehittäminen ja välittäminen",
                "Att utveckla och förmedla sakkunskap och kompetens inom det sociala området",
                "Develop and transmit social welfare expertise and know-how",
            ),
            StatutoryTask::ServiceDevelopment => (
                "Peruspalvelujen sekä erityisosaamista vaativien erityis- ja asiantuntijapalvelujen kehittäminen",
                "Att utveckla basservicen och de special- och experttjänster som kräver specialkompetens",
                "Develop basic services and the special and expert services that need special expertise",
            ),
            StatutoryTask::EducationLink => (
                "Perus-, jatko- ja täydennyskoulutuksen sekä käytännön työn monipuolisen yhteyden varmistaminen",
                "Att säkerställa en mångsidig koppling mellan grund-, vidare- och fortbildning och praktiskt arbete",
                "Secure a versatile link between basic, further and continuing education and practical work",
            ),
            StatutoryTask::Research => (
                "Tutkimus-, kokeilu- ja kehittämistoiminnan harjoittaminen",
                "Att bedriva forsknings-, försöks- och utvecklingsverksamhet",
                "Carry out research, experimentation and development activity",
            ),
            StatutoryTask::RegionalCooperation => (
                "Alueellisten erityis- ja asiantuntijapalvelujen tuottamiseen tarvittavan yhteistyön ylläpitäminen",
                "Att upprätthålla det samarbete som behövs för att producera regionala special- och experttjänster",
                "Maintain cooperation for producing regional special and expert services",
            ),
        };
        LocalizedText {
            fi: Some(fi.into()),
            sv: Some(sv.into()),
            en: Some(en.into()),
        }
    }
}

/// The kind of a special task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpecialTaskKind {
    /// Nordic cooperation networks (Decree 1411/2001 §4; SONet BOTNIA).
    Nordic,
    /// Services for the Sámi-speaking population (Poske).
    SamiServices,
    /// Services for the Swedish-speaking population (FSKC).
    SwedishLanguage,
    /// Any other special task.
    Other,
}

/// The Nordic special task's share of the state grant: 0.75 % (Decree 1411/2001 §4).
pub const NORDIC_SHARE: Bp = Bp(75);

/// The Nordic special task's amount for a year's state grant: 0.75 %, in cents,
/// rounded to the nearest cent with halves away from zero.
///
/// ```
/// use oske::{nordic_special_task_amount, Cents};
/// // 0.75 % of 2 000 000,00 € is 15 000,00 €
/// assert_eq!(nordic_special_task_amount(Cents::from_euros(2_000_000)), Cents::from_euros(15_000));
/// // 0.75 % of 1 234 567,89 € is 9 259,259175 € → 9 259,26 €
/// assert_eq!(nordic_special_task_amount(Cents(123_456_789)), Cents(925_926));
/// ```
pub fn nordic_special_task_amount(state_grant: Cents) -> Cents {
    state_grant.share(NORDIC_SHARE)
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_enum! { StatutoryTask {
    ExpertiseTransmission = "expertise_transmission",
    ServiceDevelopment = "service_development",
    EducationLink = "education_link",
    Research = "research",
    RegionalCooperation = "regional_cooperation",
}}
crate::json_read::json_enum! { SpecialTaskKind {
    Nordic = "nordic",
    SamiServices = "sami_services",
    SwedishLanguage = "swedish_language",
    Other = "other",
}}
