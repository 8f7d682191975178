//! The seed datasets, embedded in the crate: JSON transcriptions of the source
//! documents the project was built from.
//!
//! ```
//! use oske::datasets::Dataset;
//! for d in Dataset::ALL {
//!     let loaded = d.load();
//!     assert!(loaded.warnings.is_empty(), "{}", d.name());
//! }
//! ```

use crate::document::Document;
use crate::json::{self, Loaded};
use std::sync::OnceLock;

/// The five seed texts, compact, joined by line breaks in [`Dataset::ALL`]'s order and
/// deflated (`core/build.rs`).
static SEEDS_DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seeds.json.deflate"));

/// Inflates text deflated at build time (`core/build.rs`). The embedded data is
/// tested; should it not inflate to UTF-8, the text is empty rather than a panic.
pub(crate) fn inflate_text(deflated: &[u8]) -> String {
    miniz_oxide::inflate::decompress_to_vec(deflated)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// One embedded dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dataset {
    /// SONet BOTNIA action plan 2020 (updated), towards 2021, with the Nordic special task plan.
    SonetBotniaPlan2020,
    /// Lapland social work development unit, phase III (1.11.2008–31.12.2011).
    LaplandUnit2008,
    /// SONet BOTNIA Pohjanmaa activity report 2005–2006.
    PohjanmaaReport2005,
    /// The national adult social work development network, 2018.
    AdultNetwork2018,
    /// One Nordic video consultation walked through the protocol.
    NordicConsultation2020,
}

impl Dataset {
    /// All datasets.
    pub const ALL: [Dataset; 5] = [
        Dataset::SonetBotniaPlan2020,
        Dataset::LaplandUnit2008,
        Dataset::PohjanmaaReport2005,
        Dataset::AdultNetwork2018,
        Dataset::NordicConsultation2020,
    ];

    /// A short stable name (`"sonet_botnia_plan_2020"`).
    pub const fn name(self) -> &'static str {
        match self {
            Dataset::SonetBotniaPlan2020 => "sonet_botnia_plan_2020",
            Dataset::LaplandUnit2008 => "lapland_unit_2008",
            Dataset::PohjanmaaReport2005 => "pohjanmaa_report_2005",
            Dataset::AdultNetwork2018 => "adult_network_2018",
            Dataset::NordicConsultation2020 => "nordic_consultation_2020",
        }
    }

    /// The dataset with this name.
    pub fn from_name(name: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The JSON text, compact (the files in `core/data/seeds/` hold the same, indented).
    /// The texts are embedded deflated and inflated together on first use.
    pub fn json(self) -> &'static str {
        static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
        let texts = TEXTS.get_or_init(|| {
            inflate_text(SEEDS_DEFLATED)
                .split('\n')
                .map(str::to_owned)
                .collect()
        });
        texts.get(self as usize).map_or("", String::as_str)
    }

    /// The dataset read, with any reading warnings. The embedded files are tested to
    /// read cleanly; should one not, an empty document is returned rather than a panic.
    pub fn load(self) -> Loaded {
        json::from_str(self.json()).unwrap_or_else(|_| Loaded {
            document: Document::new(),
            warnings: Vec::new(),
        })
    }

    /// The dataset's document.
    pub fn document(self) -> Document {
        self.load().document
    }
}

/// All datasets merged into one document.
pub fn all() -> Document {
    let mut doc = Document::new();
    doc.title = Some("oske seed datasets".into());
    for d in Dataset::ALL {
        doc.merge(d.document());
    }
    doc
}
