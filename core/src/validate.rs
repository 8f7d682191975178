//! The validator: checks a [`Document`] against the rulebook and a [`Registry`],
//! collecting every issue in one pass, in document order.

use crate::date::Period;
use crate::document::Document;
use crate::money::{Bp, Cents};
use crate::network::{MeetingFormat, MeetingStatus, Network};
use crate::plan::{ActionPlan, Frequency, FrequencyUnit, Schedule, SectionArea};
use crate::project::{Budget, DevelopmentProject, FundingSource, OrgRole};
use crate::registry::{Centre, CodeKind, Lookup, Registry};
use crate::rules::{Issue, IssueLimits, IssueSink, Report, Rule};
use crate::text::{Lang, LocalizedText};
use chrono::{Datelike, NaiveDate};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// Validates a document against the rulebook and a registry.
///
/// ```
/// use oske::{json, validate, Registry};
/// let doc = json::from_str(r#"{"format_version": 1, "networks": [
///     {"id": "n", "name": {"en": "Network"}, "period": {"start": "2019-01-01", "end": "2018-12-31"}}]}"#)
///     .unwrap().document;
/// let report = validate(&doc, Registry::embedded());
/// assert_eq!(report.codes_and_pointers(), [("period.reversed".to_string(), "/networks/0/period".to_string())]);
/// ```
pub fn validate(doc: &Document, registry: &Registry) -> Report {
    validate_with(doc, registry, IssueLimits::default())
}

/// [`validate`] with the caps on listed issues given (see [`IssueLimits`]):
/// `IssueLimits::UNLIMITED` lists every issue.
pub fn validate_with(doc: &Document, registry: &Registry, limits: IssueLimits) -> Report {
    let two = measure_count(doc, &section_starts(doc)) >= PARALLEL_MEASURES
        && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
    validate_on(doc, registry, limits, two)
}

/// [`validate_with`] on one thread, or on two.
fn validate_on(doc: &Document, registry: &Registry, limits: IssueLimits, two: bool) -> Report {
    let starts = section_starts(doc);
    let count = measure_count(doc, &starts);
    if !two {
        let mut v = Validator::new(doc, registry, IssueSink::new(limits));
        v.duplicate_ids(&starts, measure_duplicates(doc, &starts));
        v.rest();
        return Report {
            issues: v.issues.finish(),
        };
    }
    // A large document on two threads: the other one finds the measures'
    // duplicate ids and checks the last measures (its share of the work about
    // this one's), each of its sections' issues in a sink of its own; this one
    // checks the rest into a sink of its own. Both sinks cap each rule's issues
    // but not the total, so that an issue they leave out would be left out of
    // the report too; their issues then go into the report's sink in document
    // order, which decides what is listed exactly as one thread does.
    let local = IssueLimits {
        per_rule: limits.per_rule,
        total: usize::MAX,
    };
    let tail = count - count * TAIL_SHARE / 100;
    // The other thread's share is two pieces of work (the duplicate ids, the
    // last measures), each done by whichever thread takes it first: when the
    // machine has no core free and the other thread is late to start, this one
    // does them itself after its own share instead of waiting.
    let taken = std::sync::atomic::AtomicUsize::new(0);
    let duplicates = std::sync::OnceLock::new();
    let parts = std::sync::OnceLock::new();
    let take = || loop {
        match taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed) {
            0 => {
                let _ = duplicates.set(measure_duplicates(doc, &starts));
            }
            1 => {
                let mut v = Validator::new(doc, registry, IssueSink::new(local));
                v.tail = tail;
                let _ = parts.set(v.tail_measures(local));
            }
            _ => break,
        }
    };
    let mine = std::thread::scope(|scope| {
        // A thread the system will not start leaves the work to this one.
        let other = std::thread::Builder::new().spawn_scoped(scope, take).ok();
        let mut v = Validator::new(doc, registry, IssueSink::new(local));
        v.tail = tail;
        v.rest();
        take();
        if let Some(Err(panic)) = other.map(|o| o.join()) {
            std::panic::resume_unwind(panic);
        }
        v
    });
    // Both pieces were done before the threads ended.
    let (Some(duplicates), Some(parts)) = (duplicates.into_inner(), parts.into_inner()) else {
        return validate_on(doc, registry, limits, false);
    };
    let mut v = Validator::new(doc, registry, IssueSink::new(limits));
    v.duplicate_ids(&starts, duplicates);
    let mut parts = parts.into_iter();
    let mut at = mine.tail_parts.iter().copied().peekable();
    let (listed, dropped) = mine.issues.into_parts();
    for (k, issue) in listed.into_iter().enumerate() {
        while at.next_if(|&p| p == k).is_some() {
            v.issues.append(parts.next().unwrap_or_default());
        }
        v.issues.push(issue);
    }
    for part in parts {
        v.issues.append(part);
    }
    v.issues.count_dropped(&dropped);
    Report {
        issues: v.issues.finish(),
    }
}

/// The number of measures from which a document is validated on two threads.
const PARALLEL_MEASURES: usize = 20_000;

/// The other thread's share of a large document's measures, in percent: it
/// also finds their duplicate ids.
const TAIL_SHARE: usize = 25;

fn measure_count(doc: &Document, starts: &[(usize, usize, usize)]) -> usize {
    starts.last().map_or(0, |&(o, p, s)| {
        o + doc.action_plans[p].sections[s].measures.len()
    })
}

struct Validator<'a> {
    doc: &'a Document,
    reg: &'a Registry,
    issues: IssueSink,
    /// Ids that references resolve against, hashed: look-ups are O(1), not scans.
    networks: HashSet<&'a str>,
    evaluations: HashSet<&'a str>,
    programmes: HashSet<&'a str>,
    /// Everything an evaluation's subject may name, built at the first subject.
    subjects: Option<HashSet<&'a str>>,
    /// The ordinal of the next measure a plan's sections reach, and of the first
    /// measure left to the other thread (`usize::MAX`: none).
    ordinal: usize,
    tail: usize,
    /// Where the other thread's issues of each section go among this thread's
    /// (the number of issues listed before them), in order.
    tail_parts: Vec<usize>,
}

/// A project's check dates (see `Validator::map_dates`), the centres coordinating
/// it on each (`coordinators[i]` by id, `centres[i]` the same centres looked up), and
/// what checking its codes on those dates found, by code: computed at a code's first
/// occurrence in the project, reused for the others.
struct ProjectDates<'p, 'a> {
    dates: Vec<NaiveDate>,
    coordinators: Vec<Vec<String>>,
    centres: Vec<Vec<Option<&'a Centre>>>,
    /// The index of the first date a code is not valid on, if any.
    codes: HashMap<(CodeKind, &'p str), Option<usize>>,
    municipalities: HashMap<&'p str, DatesFound>,
}

/// What checking a municipality on a project's dates found, by index into the dates:
/// the first date it is not valid on, and the first date before that on which it
/// lies outside every coordinating centre's area.
#[derive(Clone, Copy)]
struct DatesFound {
    not_valid: Option<usize>,
    outside: Option<usize>,
}

/// Tracks first occurrences of ids within one scope, with the pointer of each.
/// (The measures' scope, which sees every measure of the document, keeps
/// ordinals instead: see `Validator::duplicate_ids`.)
struct IdScope<'s> {
    seen: HashMap<&'s str, String>,
}

impl<'s> IdScope<'s> {
    fn new() -> Self {
        IdScope {
            seen: HashMap::new(),
        }
    }

    /// Records `id` at `at`, or reports it as a duplicate of the first. One hash
    /// and one probe per id (the entry), not a look-up and then an insert.
    fn add(&mut self, id: &'s str, at: String, issues: &mut Vec<Issue>) {
        match self.seen.entry(id) {
            Entry::Occupied(first) => issues.push(
                Issue::new(Rule::IdDuplicate, at)
                    .arg("id", id)
                    .arg("first", first.get()),
            ),
            Entry::Vacant(v) => {
                v.insert(at);
            }
        }
    }
}

/// A set of ids that each measure is looked up in (a plan's priorities): scanned
/// while it is small, as a plan's handful of priorities is (comparing a few short
/// strings costs less than hashing one), hashed from [`IdSet::SMALL`] ids on. Each
/// id of a small set is kept with its [`short_key`]: a measure's priority is read
/// once into a number and compared with numbers, the bytes compared only for an
/// id longer than 8 bytes whose key matches.
#[derive(Clone)]
enum IdSet<'a> {
    Few(Vec<(u64, &'a str)>),
    Many(HashSet<&'a str>),
}

impl<'a> IdSet<'a> {
    const SMALL: usize = 16;

    fn insert(&mut self, id: &'a str) {
        if self.contains(id) {
            return;
        }
        match self {
            IdSet::Few(ids) if ids.len() < Self::SMALL => {
                ids.push((short_key(id.as_bytes()), id));
            }
            IdSet::Few(ids) => {
                let mut set: HashSet<&'a str> = ids.drain(..).map(|(_, s)| s).collect();
                set.insert(id);
                *self = IdSet::Many(set);
            }
            IdSet::Many(set) => {
                set.insert(id);
            }
        }
    }

    #[inline]
    fn contains(&self, id: &str) -> bool {
        match self {
            IdSet::Few(ids) => {
                let key = short_key(id.as_bytes());
                ids.iter().any(|&(k, s)| {
                    // Equal keys of equal lengths up to 8 bytes are equal ids.
                    k == key && s.len() == id.len() && (id.len() <= 8 || s == id)
                })
            }
            IdSet::Many(set) => set.contains(id),
        }
    }
}

impl<'a> FromIterator<&'a str> for IdSet<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut set = IdSet::Few(Vec::new());
        for id in iter {
            set.insert(id);
        }
        set
    }
}

/// The first 8 bytes of an id as one number; an id of up to 8 bytes whole, read in
/// at most two loads (overlapping ones for 4 to 7 bytes, three bytes below 4), so
/// that two ids of the same length up to 8 bytes have the same key exactly when
/// they are equal.
#[inline]
fn short_key(b: &[u8]) -> u64 {
    if let Some(w) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    if let (Some(lo), Some(hi)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        return u64::from(u32::from_le_bytes(*lo)) | (u64::from(u32::from_le_bytes(*hi)) << 32);
    }
    match b {
        [] => 0,
        [first, ..] => {
            let n = b.len();
            u64::from(*first) | (u64::from(b[n / 2]) << 8) | (u64::from(b[n - 1]) << 16)
        }
    }
}

/// A quick hash of ids, keyed at random for each validation, for finding the
/// measures' duplicate ids (std's SipHash was a third of validating 200 000
/// measures). It is not a defence against chosen collisions by itself: the table
/// of measures is keyed by the whole 64-bit hash, two different ids with the same
/// hash are noticed (their bytes compared), and the check then starts again with
/// std's `HashMap` ([`measure_duplicates`]). Ids that only share the low bits of
/// their hashes cannot be chosen without the key.
struct IdHasher {
    keys: [u64; 3],
}

impl IdHasher {
    fn random() -> IdHasher {
        use std::hash::BuildHasher;
        let s = std::collections::hash_map::RandomState::new();
        IdHasher {
            keys: [s.hash_one(1u64), s.hash_one(2u64) | 1, s.hash_one(3u64) | 1],
        }
    }

    #[inline]
    fn hash(&self, id: &[u8]) -> u64 {
        /// The high and low halves of the 128-bit product, folded together.
        #[inline]
        fn fold(a: u64, b: u64) -> u64 {
            let p = u128::from(a) * u128::from(b);
            (p as u64) ^ ((p >> 64) as u64)
        }
        let [k0, k1, k2] = self.keys;
        let mut h = k0;
        let mut rest = id;
        while rest.len() > 8 {
            let Some((w, tail)) = rest.split_first_chunk::<8>() else {
                break;
            };
            h = fold(h ^ u64::from_le_bytes(*w), k1);
            rest = tail;
        }
        h = fold(h ^ short_key(rest), k1);
        fold(h ^ id.len() as u64, k2)
    }
}

/// A hasher for keys that are already hashes ([`IdHasher`]): passes them on.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed with it; any other bytes are still mixed in.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// Where each section's measures start among the measures of the document, in
/// order: (first ordinal, plan, section).
type SectionStarts = Vec<(usize, usize, usize)>;

fn section_starts(doc: &Document) -> SectionStarts {
    let mut starts = Vec::new();
    let mut ordinal = 0;
    for (i, p) in doc.action_plans.iter().enumerate() {
        for (s, sec) in p.sections.iter().enumerate() {
            starts.push((ordinal, i, s));
            ordinal += sec.measures.len();
        }
    }
    starts
}

/// The measure at `ordinal` among the document's measures: (plan, section, index
/// in the section).
fn measure_at(starts: &[(usize, usize, usize)], ordinal: usize) -> (usize, usize, usize) {
    let k = starts
        .partition_point(|&(o, _, _)| o <= ordinal)
        .saturating_sub(1);
    let (start, plan, section) = starts.get(k).copied().unwrap_or_default();
    (plan, section, ordinal - start)
}

/// The measures' duplicate ids, in document order: (ordinal of the duplicate,
/// ordinal of the first measure with its id). The measures' scope sees every
/// measure of the document: each is kept as its ordinal (4 bytes beside its id's
/// 8-byte hash; a table of 200 000 measures is 4 MB of fresh pages), turned back
/// into its pointer only for a duplicate.
fn measure_duplicates(doc: &Document, starts: &[(usize, usize, usize)]) -> Vec<(usize, usize)> {
    let hasher = IdHasher::random();
    measure_duplicates_hashed(doc, starts, |id| hasher.hash(id))
        .unwrap_or_else(|| measure_duplicates_sip(doc))
}

/// Calls `f` with each measure of the document in order and its ordinal (plain
/// loops: a chain of `flat_map`s costs more per item than the check it feeds).
#[inline]
fn each_measure<'d>(doc: &'d Document, mut f: impl FnMut(usize, &'d crate::plan::Measure) -> bool) {
    let mut ordinal = 0;
    for p in &doc.action_plans {
        for sec in &p.sections {
            for m in &sec.measures {
                if !f(ordinal, m) {
                    return;
                }
                ordinal += 1;
            }
        }
    }
}

/// [`measure_duplicates`] with `hash`: `None` when two different ids have the same
/// hash.
fn measure_duplicates_hashed(
    doc: &Document,
    starts: &[(usize, usize, usize)],
    hash: impl Fn(&[u8]) -> u64,
) -> Option<Vec<(usize, usize)>> {
    let count = measure_count(doc, starts);
    let mut seen: HashMap<u64, u32, std::hash::BuildHasherDefault<Prehashed>> =
        HashMap::with_capacity_and_hasher(count, Default::default());
    let mut found = Vec::new();
    let mut collided = false;
    each_measure(doc, |ordinal, m| {
        // A document cannot hold 2³² measures in memory (each takes far more
        // than a byte); the cap only keeps this total.
        let here = u32::try_from(ordinal).unwrap_or(u32::MAX);
        match seen.entry(hash(m.id.as_bytes())) {
            Entry::Occupied(first) => {
                let first = *first.get() as usize;
                let (p, s, j) = measure_at(starts, first);
                if doc.action_plans[p].sections[s].measures[j].id != m.id {
                    collided = true;
                    return false;
                }
                found.push((ordinal, first));
            }
            Entry::Vacant(v) => {
                v.insert(here);
            }
        }
        true
    });
    (!collided).then_some(found)
}

/// [`measure_duplicates`] with std's `HashMap` of the ids themselves.
fn measure_duplicates_sip(doc: &Document) -> Vec<(usize, usize)> {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    let mut found = Vec::new();
    each_measure(doc, |ordinal, m| {
        let here = u32::try_from(ordinal).unwrap_or(u32::MAX);
        match seen.entry(m.id.as_str()) {
            Entry::Occupied(first) => found.push((ordinal, *first.get() as usize)),
            Entry::Vacant(v) => {
                v.insert(here);
            }
        }
        true
    });
    found
}

/// The priorities a section's measures may serve: the plan's common ones and the
/// section's local ones.
fn known_priorities<'a>(common: &IdSet<'a>, sec: &'a crate::plan::RegionalSection) -> IdSet<'a> {
    let mut known = common.clone();
    for lp in &sec.local_priorities {
        known.insert(lp.id.as_str());
    }
    known
}

fn percent_of(amount: Cents, total: Cents) -> String {
    // Percent, up to six decimals, rounded half away from zero, from exact integers;
    // trailing zeros dropped ("74.999945", "25"): the stable form of a percentage.
    if total.0 == 0 {
        return "—".into();
    }
    let num = i128::from(amount.0) * 100_000_000;
    let den = i128::from(total.0);
    let (q, r) = (num / den, num % den);
    let units = if (r.abs() * 2) >= den.abs() {
        q + num.signum() * den.signum()
    } else {
        q
    };
    let sign = if units < 0 { "-" } else { "" };
    let u = units.abs();
    let frac = format!("{:06}", u % 1_000_000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}", u / 1_000_000)
    } else {
        format!("{sign}{}.{frac}", u / 1_000_000)
    }
}

impl<'a> Validator<'a> {
    fn new(doc: &'a Document, registry: &'a Registry, issues: IssueSink) -> Self {
        Validator {
            doc,
            reg: registry,
            issues,
            networks: doc.networks.iter().map(|n| n.id.as_str()).collect(),
            evaluations: doc.evaluations.iter().map(|e| e.id.as_str()).collect(),
            programmes: doc
                .consultation_programmes
                .iter()
                .map(|p| p.id.as_str())
                .collect(),
            subjects: None,
            ordinal: 0,
            tail: usize::MAX,
            tail_parts: Vec::new(),
        }
    }

    /// Every check but the duplicate ids, in document order.
    fn rest(&mut self) {
        let doc = self.doc;
        for (i, p) in doc.action_plans.iter().enumerate() {
            self.plan(p, &format!("/action_plans/{i}"));
        }
        for (i, p) in doc.projects.iter().enumerate() {
            self.project(p, &format!("/projects/{i}"));
        }
        for (i, n) in doc.networks.iter().enumerate() {
            self.network(n, &format!("/networks/{i}"));
        }
        for (i, e) in doc.evaluations.iter().enumerate() {
            self.evaluation(e, &format!("/evaluations/{i}"));
        }
        for (i, p) in doc.consultation_programmes.iter().enumerate() {
            self.programme(p, &format!("/consultation_programmes/{i}"));
        }
        for (i, r) in doc.activity_reports.iter().enumerate() {
            self.activity_report(r, &format!("/activity_reports/{i}"));
        }
    }

    fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    fn text(&mut self, t: &LocalizedText, at: String) {
        self.issues.extend(text_issue(t, at));
    }

    fn period(&mut self, p: &Period, at: String) {
        self.issues.extend(period_issue(p, at));
    }

    fn dangling(&mut self, kind: &str, id: &str, at: String) {
        self.push(
            Issue::new(Rule::RefDangling, at)
                .arg("kind", kind)
                .arg("id", id),
        );
    }

    /// The date whose map the registry answers for `date`: `date` itself within the
    /// registry's coverage; else the nearest end of the coverage, reported once at
    /// `at` (`registry.outside-coverage`, info). Codes are always checked.
    fn map_date(&mut self, date: NaiveDate, at: &str) -> NaiveDate {
        let used = self.reg.effective_date(date);
        if used != date {
            let coverage = self
                .reg
                .coverage
                .map(|c| crate::l10n::period_value(Some(c.start), Some(c.end)))
                .unwrap_or_default();
            self.push(
                Issue::new(Rule::RegistryOutsideCoverage, at)
                    .arg("coverage", coverage)
                    .arg_date("date", date)
                    .arg_date("used", used),
            );
        }
        used
    }

    /// The kind of a population area's code: three digits for a municipality.
    fn area_kind(area: &str) -> CodeKind {
        if area.len() == 3 {
            CodeKind::Municipality
        } else {
            CodeKind::Region
        }
    }

    /// The registry's names of an entry in every language, for messages (empty
    /// when it does not know the code); centres by their short name when they have one.
    fn names(&self, kind: CodeKind, code: &str) -> LocalizedText {
        let mut t = LocalizedText::default();
        for lang in Lang::ALL {
            if let Some(n) = self.reg.name_of(kind, code, lang) {
                t = t.with(lang, n);
            }
        }
        t
    }

    /// A developer team is named in messages by the municipality it is based in.
    fn team_names(&self, t: &crate::project::DeveloperTeam) -> LocalizedText {
        self.names(CodeKind::Municipality, &t.base_municipality)
    }

    /// Checks a code on a date; true when valid.
    fn code(&mut self, kind: CodeKind, code: &str, date: NaiveDate, at: String) -> bool {
        let reg = self.reg;
        let validity = match reg.lookup(kind, code, date) {
            Lookup::Valid(_) => return true,
            Lookup::NotValid(_, v) => v,
            Lookup::Unknown => {
                self.push(
                    Issue::new(Rule::RegistryUnknownCode, at)
                        .arg("kind", kind.as_str())
                        .arg("code", code),
                );
                return false;
            }
        };
        let ended = validity.to.filter(|&to| date > to);
        // A municipality named after it merged: the successor holds its area now.
        if let (CodeKind::Municipality, Some(to)) = (kind, ended) {
            if let Some(next) = reg.successor_on(code, date) {
                self.push(
                    Issue::new(Rule::RegistryMunicipalityMerged, at)
                        .arg_name("municipality", code, &self.names(kind, code))
                        .arg_date("merged", to + chrono::Days::new(1))
                        .arg_name("successor", &next.code, &self.names(kind, &next.code))
                        .arg_date("date", date),
                );
                return false;
            }
        }
        // A centre named after it was wound up: name the centre that took over.
        if let (CodeKind::Centre, Some(to)) = (kind, ended) {
            if let Some(next) = reg.centre(code).and_then(|c| c.successor.as_deref()) {
                self.push(
                    Issue::new(Rule::RegistryCentreEnded, at)
                        .arg_name("centre", code, &self.names(kind, code))
                        .arg_date("end", to)
                        .arg_date("date", date)
                        .arg_name("successor", next, &self.names(kind, next)),
                );
                return false;
            }
        }
        // An open end is written "…" (valid …–30.6.2025).
        self.push(
            Issue::new(Rule::RegistryNotValid, at)
                .arg("kind", kind.as_str())
                .arg_name("code", code, &self.names(kind, code))
                .arg_date("date", date)
                .arg_validity("validity", &validity),
        );
        false
    }

    /// The dates a document part dated by `period` is checked on: the date whose map
    /// answers for its first day (`start`, from [`Self::map_date`]), then every later
    /// day of the period on which the registry's map changes, in order. Change dates
    /// are those the registry knows, so they lie within its coverage; after the
    /// coverage's end the map of its last day holds. A reversed period is checked on
    /// its first day only.
    fn map_dates(&self, period: &Period, start: NaiveDate) -> Vec<NaiveDate> {
        let mut out = vec![start];
        if period.is_empty() {
            return out;
        }
        for d in self.reg.change_dates(period).into_iter().skip(1) {
            let used = self.reg.effective_date(d);
            if out.last() != Some(&used) {
                out.push(used);
            }
        }
        out
    }

    /// Checks a code on every date of `dates` (see [`Self::map_dates`]): on the first as
    /// [`Self::code`] does, and on each later date that it is still valid; the first
    /// date it is not is reported, once. True when valid on every date.
    fn code_on_dates(&mut self, kind: CodeKind, code: &str, dates: &[NaiveDate], at: &str) -> bool {
        let Some((&first, later)) = dates.split_first() else {
            return true;
        };
        if !self.code(kind, code, first, at.to_owned()) {
            return false;
        }
        for &d in later {
            if !matches!(self.reg.lookup(kind, code, d), Lookup::Valid(_)) {
                return self.code(kind, code, d, at.to_owned());
            }
        }
        true
    }

    /// Checks a plan section's region or county against the plan's centre on every
    /// date of `dates`: the code must be valid, and lie in the centre's area on each
    /// date the centre operates as a regional centre. The first date it does not is
    /// reported, once.
    fn section_area(
        &mut self,
        centre: &str,
        kind: CodeKind,
        code: &str,
        dates: &[NaiveDate],
        at: &str,
    ) {
        let Some((&first, later)) = dates.split_first() else {
            return;
        };
        if !self.code(kind, code, first, at.to_owned()) {
            return;
        }
        let mut outside_reported = false;
        for (i, &d) in std::iter::once(&first).chain(later).enumerate() {
            if i > 0 && !matches!(self.reg.lookup(kind, code, d), Lookup::Valid(_)) {
                self.code(kind, code, d, at.to_owned());
                return;
            }
            if !outside_reported {
                outside_reported = self.area_in_centre(centre, kind, code, d, at);
            }
        }
    }

    /// Reports a region or county outside a regional centre's area on `date`; true
    /// when reported. A centre with a nationwide scope (FSKC) has no regional area to
    /// be outside of; a centre not operating on the date is reported as such.
    fn area_in_centre(
        &mut self,
        centre: &str,
        kind: CodeKind,
        code: &str,
        date: NaiveDate,
        at: &str,
    ) -> bool {
        let reg = self.reg;
        let regional = reg
            .centre(centre)
            .is_some_and(|c| c.is_regional() && c.valid.contains(date));
        let covered = match kind {
            CodeKind::County => reg.centre_covers_county(centre, code, date),
            _ => reg.centre_covers_region(centre, code, date),
        };
        if !regional || covered {
            return false;
        }
        self.push(
            Issue::new(Rule::RegistryRegionOutsideCentre, at)
                .arg("kind", kind.as_str())
                .arg_name("code", code, &self.names(kind, code))
                .arg_name("centre", centre, &self.names(CodeKind::Centre, centre))
                .arg_date("date", date),
        );
        true
    }

    /// The regional centres that coordinate a project (organisations with the
    /// coordinator role and a centre id the registry knows): the project's
    /// municipalities are expected in their area.
    fn coordinating_centres(&self, p: &DevelopmentProject, date: NaiveDate) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for o in &p.organisations {
            let Some(c) = &o.centre else { continue };
            let regional = self
                .reg
                .centre(c)
                .is_some_and(|rc| rc.is_regional() && rc.valid.contains(date));
            if regional && o.roles.contains(&OrgRole::Coordinator) && !out.contains(c) {
                out.push(c.clone());
            }
        }
        out
    }

    /// The dates a project is checked on and the centres coordinating it on each,
    /// computed once per project, with what each code checked on them found: the
    /// Lapland unit's teams name most municipalities two or three times (base,
    /// area, other listings), and each occurrence gets the same answer. Only the
    /// answer is shared; each occurrence's issue is pushed at its own pointer.
    fn project_dates<'p>(
        &self,
        p: &'p DevelopmentProject,
        dates: Vec<NaiveDate>,
    ) -> ProjectDates<'p, 'a> {
        let coordinators: Vec<Vec<String>> = dates
            .iter()
            .map(|&d| self.coordinating_centres(p, d))
            .collect();
        let centres = coordinators
            .iter()
            .map(|on| on.iter().map(|c| self.reg.centre(c)).collect())
            .collect();
        ProjectDates {
            dates,
            coordinators,
            centres,
            codes: HashMap::new(),
            municipalities: HashMap::new(),
        }
    }

    /// [`Self::code_on_dates`] of a project's code, the answer shared by every
    /// occurrence of the code in the project (see [`ProjectDates`]).
    fn project_code_on_dates<'p>(
        &mut self,
        kind: CodeKind,
        code: &'p str,
        pd: &mut ProjectDates<'p, 'a>,
        at: impl FnOnce() -> String,
    ) {
        let reg = self.reg;
        let dates = &pd.dates;
        let first_not_valid = *pd.codes.entry((kind, code)).or_insert_with(|| {
            dates
                .iter()
                .position(|&d| !matches!(reg.lookup(kind, code, d), Lookup::Valid(_)))
        });
        // `code` on the first date it is not valid reports it as `code_on_dates` does.
        if let Some(i) = first_not_valid {
            self.code(kind, code, pd.dates[i], at());
        }
    }

    /// Checks a project's municipality on every date of its dates (see
    /// [`Self::map_dates`]), with `pd.coordinators[i]` the coordinating centres on
    /// `pd.dates[i]`: the code must be valid on each date (the first date it is not,
    /// e.g. after a merger, is reported once) and lie in the area of one of the
    /// centres operating on the date, when there are any (the first date it does not
    /// is reported once). The pointer is written only when there is an issue.
    fn municipality_on_dates<'p>(
        &mut self,
        code: &'p str,
        pd: &mut ProjectDates<'p, 'a>,
        at: impl FnOnce() -> String,
    ) {
        let reg = self.reg;
        let (dates, centres) = (&pd.dates, &pd.centres);
        let found = *pd
            .municipalities
            .entry(code)
            .or_insert_with(|| Self::municipality_found(reg, code, dates, centres));
        if found.outside.is_none() && found.not_valid.is_none() {
            return;
        }
        let at = at();
        if let Some(i) = found.outside {
            self.municipality_outside(code, pd.dates[i], &pd.coordinators[i], &at);
        }
        if let Some(i) = found.not_valid {
            self.code(CodeKind::Municipality, code, pd.dates[i], at);
        }
    }

    /// What checking a municipality on every date of `dates` finds (see
    /// [`Self::municipality_on_dates`]): the first date it is not valid on, and the
    /// first date before that on which it lies outside the area of every centre of
    /// `centres[i]`, when there are any.
    fn municipality_found(
        reg: &Registry,
        code: &str,
        dates: &[NaiveDate],
        centres: &[Vec<Option<&Centre>>],
    ) -> DatesFound {
        let m = reg.municipality(code);
        let mut found = DatesFound {
            not_valid: None,
            outside: None,
        };
        for (i, &d) in dates.iter().enumerate() {
            // As `Registry::lookup`: valid when known and valid on the date.
            let Some(m) = m.filter(|m| m.valid.contains(d)) else {
                found.not_valid = Some(i);
                break;
            };
            if found.outside.is_none() {
                let on = centres.get(i).map_or(&[][..], Vec::as_slice);
                let covered = on
                    .iter()
                    .any(|c| c.is_some_and(|c| reg.centre_covers(c, m, d)));
                if !on.is_empty() && !covered {
                    found.outside = Some(i);
                }
            }
        }
        found
    }

    /// Reports a (valid) municipality that lies in the area of none of `centres` on
    /// `date` (found so by [`Self::municipality_found`]).
    fn municipality_outside(&mut self, code: &str, date: NaiveDate, centres: &[String], at: &str) {
        let names: Vec<LocalizedText> = centres
            .iter()
            .map(|c| self.names(CodeKind::Centre, c))
            .collect();
        self.push(
            Issue::new(Rule::RegistryRegionOutsideCentre, at.to_owned())
                .arg("kind", CodeKind::Municipality.as_str())
                .arg_name("code", code, &self.names(CodeKind::Municipality, code))
                .arg_names(
                    "centre",
                    centres
                        .iter()
                        .map(String::as_str)
                        .zip(names.iter().map(Some)),
                )
                .arg_date("date", date),
        );
    }

    fn frequency(&mut self, f: &Frequency, at: String) {
        self.issues.extend(frequency_issue(f, at));
    }

    fn schedule(&mut self, s: &Schedule, within: &Period, at: &str) {
        // A reversed containing period holds no day; it is reported once
        // (`period.reversed`), not again for every date scheduled in it.
        let within_ok = !within.is_empty();
        if let Some(p) = &s.period {
            self.issues
                .extend(period_issue(p, String::new()).map(|i| Issue {
                    pointer: format!("{at}/period"),
                    ..i
                }));
            if within_ok && !p.is_empty() && !within.contains_period(p) {
                self.push(
                    Issue::new(Rule::ScheduleOutsidePeriod, format!("{at}/period"))
                        .arg_period("when", p)
                        .arg_period("period", within),
                );
            }
        }
        for (i, d) in s.dates.iter().enumerate() {
            if within_ok && !within.contains(*d) {
                self.push(
                    Issue::new(Rule::ScheduleOutsidePeriod, format!("{at}/dates/{i}"))
                        .arg_date("when", *d)
                        .arg_period("period", within),
                );
            }
        }
    }

    /// The duplicate ids of every scope, the measures' found before.
    fn duplicate_ids(&mut self, starts: &[(usize, usize, usize)], duplicates: Vec<(usize, usize)>) {
        let doc = self.doc;
        let mut issues = Vec::new();
        let mut plans = IdScope::new();
        let mut next = duplicates.iter().peekable();
        let mut ordinal = 0;
        let mut special = IdScope::new();
        for (i, p) in doc.action_plans.iter().enumerate() {
            let at = format!("/action_plans/{i}");
            plans.add(&p.id, format!("{at}/id"), &mut issues);
            let mut priorities = IdScope::new();
            for (j, pr) in p.priorities.iter().enumerate() {
                priorities.add(&pr.id, format!("{at}/priorities/{j}/id"), &mut issues);
            }
            for (s, sec) in p.sections.iter().enumerate() {
                for (j, pr) in sec.local_priorities.iter().enumerate() {
                    priorities.add(
                        &pr.id,
                        format!("{at}/sections/{s}/local_priorities/{j}/id"),
                        &mut issues,
                    );
                }
                // The duplicates among this section's measures, in order.
                let end = ordinal + sec.measures.len();
                while let Some(&&(dup, first)) = next.peek() {
                    if dup >= end {
                        break;
                    }
                    next.next();
                    let j = dup - ordinal;
                    let (fi, fs, fj) = measure_at(starts, first);
                    issues.push(
                        Issue::new(
                            Rule::IdDuplicate,
                            format!("{at}/sections/{s}/measures/{j}/id"),
                        )
                        .arg("id", &sec.measures[j].id)
                        .arg(
                            "first",
                            format!("/action_plans/{fi}/sections/{fs}/measures/{fj}/id"),
                        ),
                    );
                }
                ordinal = end;
            }
            for (j, t) in p.special_tasks.iter().enumerate() {
                special.add(&t.id, format!("{at}/special_tasks/{j}/id"), &mut issues);
            }
        }
        let mut projects = IdScope::new();
        for (i, p) in doc.projects.iter().enumerate() {
            let at = format!("/projects/{i}");
            projects.add(&p.id, format!("{at}/id"), &mut issues);
            let mut orgs = IdScope::new();
            for (j, o) in p.organisations.iter().enumerate() {
                orgs.add(&o.id, format!("{at}/organisations/{j}/id"), &mut issues);
            }
            let mut teams = IdScope::new();
            for (j, t) in p.teams.iter().enumerate() {
                teams.add(&t.id, format!("{at}/teams/{j}/id"), &mut issues);
            }
        }
        let mut networks = IdScope::new();
        let mut meetings = IdScope::new();
        for (i, n) in doc.networks.iter().enumerate() {
            networks.add(&n.id, format!("/networks/{i}/id"), &mut issues);
            for (j, m) in n.meetings.iter().enumerate() {
                meetings.add(&m.id, format!("/networks/{i}/meetings/{j}/id"), &mut issues);
            }
        }
        let mut evaluations = IdScope::new();
        for (i, e) in doc.evaluations.iter().enumerate() {
            evaluations.add(&e.id, format!("/evaluations/{i}/id"), &mut issues);
            let mut indicators = IdScope::new();
            for (j, ind) in e.indicators.iter().enumerate() {
                indicators.add(
                    &ind.id,
                    format!("/evaluations/{i}/indicators/{j}/id"),
                    &mut issues,
                );
            }
        }
        let mut programmes = IdScope::new();
        let mut consultations = IdScope::new();
        for (i, p) in doc.consultation_programmes.iter().enumerate() {
            programmes.add(
                &p.id,
                format!("/consultation_programmes/{i}/id"),
                &mut issues,
            );
            for (j, c) in p.consultations.iter().enumerate() {
                consultations.add(
                    &c.id,
                    format!("/consultation_programmes/{i}/consultations/{j}/id"),
                    &mut issues,
                );
            }
        }
        let mut reports = IdScope::new();
        for (i, r) in doc.activity_reports.iter().enumerate() {
            reports.add(&r.id, format!("/activity_reports/{i}/id"), &mut issues);
        }
        self.issues.extend(issues);
    }

    fn network_exists(&self, id: &str) -> bool {
        self.networks.contains(id)
    }

    fn evaluation_exists(&self, id: &str) -> bool {
        self.evaluations.contains(id)
    }

    fn plan(&mut self, plan: &ActionPlan, at: &str) {
        self.text(&plan.title, format!("{at}/title"));
        self.period(&plan.period, format!("{at}/period"));
        let date = self.map_date(plan.period.start, &format!("{at}/period/start"));
        // The centre and the sections are checked on every date of the plan's period
        // where the map changes (a 2023–2026 plan spans the reform of 1.7.2025).
        let dates = self.map_dates(&plan.period, date);
        self.code_on_dates(
            CodeKind::Centre,
            &plan.centre,
            &dates,
            &format!("{at}/centre"),
        );
        if let Some(pop) = &plan.population {
            let pat = format!("{at}/population");
            // Exact: a u128 holds the sum of any number of u64 parts a document can hold.
            let sum: u128 = pop.parts.iter().map(|p| u128::from(p.population)).sum();
            if sum != u128::from(pop.total) {
                self.push(
                    Issue::new(Rule::SumPopulation, format!("{pat}/total"))
                        .arg("total", pop.total)
                        .arg("sum", sum),
                );
            }
            for (i, part) in pop.parts.iter().enumerate() {
                if let Some(reg_pop) = self.reg.population(&part.area, pop.reference_date) {
                    if reg_pop != part.population {
                        self.push(
                            Issue::new(
                                Rule::PopulationRegistryMismatch,
                                format!("{pat}/parts/{i}/population"),
                            )
                            .arg_name(
                                "area",
                                &part.area,
                                &self.names(Self::area_kind(&part.area), &part.area),
                            )
                            .arg_date("date", pop.reference_date)
                            .arg_count("given", part.population)
                            .arg_count("registry", reg_pop),
                        );
                    }
                }
            }
        }
        let common: IdSet<'_> = plan.priorities.iter().map(|p| p.id.as_str()).collect();
        for (i, p) in plan.priorities.iter().enumerate() {
            self.text(&p.title, format!("{at}/priorities/{i}/title"));
        }
        let mut regions: HashMap<(SectionArea, &str), usize> =
            HashMap::with_capacity(plan.sections.len());
        for (s, sec) in plan.sections.iter().enumerate() {
            let sat = format!("{at}/sections/{s}");
            let kind = match sec.area_kind {
                SectionArea::Region => CodeKind::Region,
                SectionArea::County => CodeKind::County,
            };
            let key = (sec.area_kind, sec.region.as_str());
            if let Some(first) = regions.insert(key, s) {
                // Keep the first section as the one later duplicates are compared with.
                regions.insert(key, first);
                self.push(
                    Issue::new(Rule::PlanDuplicateSection, format!("{sat}/region"))
                        .arg("kind", kind.as_str())
                        .arg_name("region", &sec.region, &self.names(kind, &sec.region))
                        .arg("first", first + 1),
                );
            }
            self.section_area(
                &plan.centre,
                kind,
                &sec.region,
                &dates,
                &format!("{sat}/region"),
            );
            let known = known_priorities(&common, sec);
            for (i, lp) in sec.local_priorities.iter().enumerate() {
                self.text(&lp.title, format!("{sat}/local_priorities/{i}/title"));
                if let Some(m) = &lp.maps_to {
                    if !common.contains(m.as_str()) {
                        self.dangling("priority", m, format!("{sat}/local_priorities/{i}/maps_to"));
                    }
                }
            }
            // The measures from `tail` on are checked on the other thread (see
            // `validate_with`): their issues come in here.
            let first = self.ordinal;
            let n = sec.measures.len();
            self.ordinal += n;
            let mine = n.min(self.tail.saturating_sub(first));
            self.measures(plan, &sat, &known, sec, 0..mine);
            if mine < n {
                self.tail_parts.push(self.issues.listed().len());
            }
        }
        for (i, t) in plan.special_tasks.iter().enumerate() {
            let tat = format!("{at}/special_tasks/{i}");
            if let (Some(share), Some(grant), Some(allocated)) =
                (t.grant_share, t.state_grant, t.allocated)
            {
                let expected = grant.share(share);
                if expected != allocated {
                    self.push(
                        Issue::new(Rule::SpecialTaskShare, format!("{tat}/allocated"))
                            .arg_money("allocated", allocated)
                            .arg_share("share", share)
                            .arg_money("grant", grant)
                            .arg_money("expected", expected),
                    );
                }
            }
            for (j, c) in t.content.iter().enumerate() {
                self.text(c, format!("{tat}/content/{j}"));
            }
            if let Some(p) = &t.consultation_programme {
                if !self.programmes.contains(p.as_str()) {
                    self.dangling(
                        "consultation programme",
                        p,
                        format!("{tat}/consultation_programme"),
                    );
                }
            }
        }
    }

    /// The checks of a section's measures in `range` (`sat` the section's pointer,
    /// `known` the priorities its measures may serve).
    fn measures(
        &mut self,
        plan: &ActionPlan,
        sat: &str,
        known: &IdSet<'_>,
        sec: &crate::plan::RegionalSection,
        range: std::ops::Range<usize>,
    ) {
        let start = range.start;
        for (j, m) in sec.measures[range].iter().enumerate() {
            let j = start + j;
            // Every measure of the document passes here: its pointer is written
            // only for an issue found.
            let mat = || format!("{sat}/measures/{j}");
            self.issues
                .extend(text_issue(&m.title, String::new()).map(|i| Issue {
                    pointer: format!("{}/title", mat()),
                    ..i
                }));
            if let Some(p) = &m.priority {
                if !known.contains(p.as_str()) {
                    self.dangling("priority", p, format!("{}/priority", mat()));
                }
            }
            if let Some(sch) = &m.schedule {
                // Found with relative pointers, then put under the measure
                // (an issue past the report's limits is not listed at all).
                let found = self.issues.listed().len();
                self.schedule(sch, &plan.period, "");
                if self.issues.listed().len() > found {
                    let at = format!("{}/schedule", mat());
                    for i in &mut self.issues.listed_mut()[found..] {
                        i.pointer.insert_str(0, &at);
                    }
                }
            }
            if let Some(f) = &m.frequency {
                self.issues
                    .extend(frequency_issue(f, String::new()).map(|i| Issue {
                        pointer: format!("{}/frequency/min_times", mat()),
                        ..i
                    }));
            }
            if let Some(n) = &m.network {
                if !self.network_exists(n) {
                    self.dangling("network", n, format!("{}/network", mat()));
                }
            }
        }
    }

    /// The other thread's share of a large document (see `validate_with`): the
    /// checks of the measures from `tail` on, one sink per section they are in, in
    /// order.
    fn tail_measures(&mut self, limits: IssueLimits) -> Vec<IssueSink> {
        let doc = self.doc;
        let mut parts = Vec::new();
        let mut first = 0;
        for (i, plan) in doc.action_plans.iter().enumerate() {
            let common: IdSet<'_> = plan.priorities.iter().map(|p| p.id.as_str()).collect();
            for (s, sec) in plan.sections.iter().enumerate() {
                let n = sec.measures.len();
                let mine = n.min(self.tail.saturating_sub(first));
                first += n;
                if mine < n {
                    self.issues = IssueSink::new(limits);
                    let known = known_priorities(&common, sec);
                    self.measures(
                        plan,
                        &format!("/action_plans/{i}/sections/{s}"),
                        &known,
                        sec,
                        mine..n,
                    );
                    parts.push(std::mem::take(&mut self.issues));
                }
            }
        }
        parts
    }

    fn project(&mut self, p: &DevelopmentProject, at: &str) {
        self.text(&p.name, format!("{at}/name"));
        self.period(&p.period, format!("{at}/period"));
        for (i, ph) in p.phases.iter().enumerate() {
            self.period(&ph.period, format!("{at}/phases/{i}/period"));
        }
        let date = self.map_date(p.period.start, &format!("{at}/period/start"));
        // Like a plan's, a project's centres and municipalities are checked on every
        // date of its period where the map changes (a 2008–2011 project spans the
        // mergers of 1.1.2009; a 2025 project the centre reform of 1.7.2025).
        let dates = self.map_dates(&p.period, date);
        let mut pd = self.project_dates(p, dates);
        for (i, o) in p.organisations.iter().enumerate() {
            self.text(&o.name, format!("{at}/organisations/{i}/name"));
            if let Some(c) = &o.centre {
                self.project_code_on_dates(CodeKind::Centre, c, &mut pd, || {
                    format!("{at}/organisations/{i}/centre")
                });
            }
        }
        let team_ids: HashSet<&str> = p.teams.iter().map(|t| t.id.as_str()).collect();
        for (i, t) in p.teams.iter().enumerate() {
            let tat = format!("{at}/teams/{i}");
            self.municipality_on_dates(&t.base_municipality, &mut pd, || {
                format!("{tat}/base_municipality")
            });
            for (j, m) in t.area_municipalities.iter().enumerate() {
                self.municipality_on_dates(m, &mut pd, || format!("{tat}/area_municipalities/{j}"));
            }
            for (k, listing) in t.other_listings.iter().enumerate() {
                for (j, m) in listing.municipalities.iter().enumerate() {
                    self.municipality_on_dates(m, &mut pd, || {
                        format!("{tat}/other_listings/{k}/municipalities/{j}")
                    });
                }
                let primary: HashSet<&str> =
                    t.area_municipalities.iter().map(String::as_str).collect();
                let other: HashSet<&str> =
                    listing.municipalities.iter().map(String::as_str).collect();
                let mut adds: Vec<&str> = other.difference(&primary).copied().collect();
                let mut omits: Vec<&str> = primary.difference(&other).copied().collect();
                if adds.is_empty() && omits.is_empty() {
                    continue;
                }
                adds.sort_unstable();
                omits.sort_unstable();
                let named = |codes: &[&str]| -> Vec<(String, LocalizedText)> {
                    if codes.is_empty() {
                        return vec![("–".to_owned(), LocalizedText::default())];
                    }
                    codes
                        .iter()
                        .map(|c| ((*c).to_owned(), self.names(CodeKind::Municipality, c)))
                        .collect()
                };
                let (added, omitted) = (named(&adds), named(&omits));
                self.push(
                    Issue::new(
                        Rule::TeamAreaListingsDisagree,
                        format!("{tat}/other_listings/{k}"),
                    )
                    .arg_name("team", &t.id, &self.team_names(t))
                    .arg("source", &listing.source)
                    .arg_names("added", added.iter().map(|(c, n)| (c.as_str(), Some(n))))
                    .arg_names(
                        "omitted",
                        omitted.iter().map(|(c, n)| (c.as_str(), Some(n))),
                    ),
                );
            }
            for (j, s) in t.shared_with.iter().enumerate() {
                if !team_ids.contains(s.as_str()) {
                    self.dangling("team", s, format!("{tat}/shared_with/{j}"));
                }
            }
        }
        // A municipality in two teams' areas, unless the teams declare the area shared.
        // Each listing source is compared with itself: the main listing with the main
        // listing, an appendix with the same appendix.
        let shared = |a: usize, b: usize| {
            let (ta, tb) = (&p.teams[a], &p.teams[b]);
            ta.shared_with.contains(&tb.id) || tb.shared_with.contains(&ta.id)
        };
        let mut sources: Vec<Option<&str>> = vec![None];
        let mut seen_sources: HashSet<&str> = HashSet::new();
        for t in &p.teams {
            for l in &t.other_listings {
                if seen_sources.insert(l.source.as_str()) {
                    sources.push(Some(l.source.as_str()));
                }
            }
        }
        for source in sources {
            let mut first_team: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, t) in p.teams.iter().enumerate() {
                let (list, list_at): (&[String], String) = match source {
                    None => (
                        &t.area_municipalities,
                        format!("{at}/teams/{i}/area_municipalities"),
                    ),
                    Some(src) => match t
                        .other_listings
                        .iter()
                        .enumerate()
                        .find(|(_, l)| l.source == src)
                    {
                        Some((k, l)) => (
                            &l.municipalities,
                            format!("{at}/teams/{i}/other_listings/{k}/municipalities"),
                        ),
                        None => continue,
                    },
                };
                let mut listed_here: HashSet<&str> = HashSet::new();
                for (j, m) in list.iter().enumerate() {
                    if !listed_here.insert(m.as_str()) {
                        continue;
                    }
                    let earlier = first_team.entry(m.as_str()).or_default();
                    if let Some(&other) = earlier.iter().find(|&&o| !shared(o, i)) {
                        self.push(
                            Issue::new(Rule::TeamAreaOverlap, format!("{list_at}/{j}"))
                                .arg_name("municipality", m, &self.names(CodeKind::Municipality, m))
                                .arg_name(
                                    "team",
                                    &p.teams[other].id,
                                    &self.team_names(&p.teams[other]),
                                )
                                .arg_name("other", &t.id, &self.team_names(t)),
                        );
                    }
                    earlier.push(i);
                }
            }
        }
        for (i, m) in p.participants.iter().enumerate() {
            self.municipality_on_dates(m, &mut pd, || format!("{at}/participants/{i}"));
        }
        if let Some(b) = &p.budget {
            self.budget(p, b, &format!("{at}/budget"));
        }
        for (i, e) in p.evaluations.iter().enumerate() {
            if !self.evaluation_exists(e) {
                self.dangling("evaluation", e, format!("{at}/evaluations/{i}"));
            }
        }
    }

    fn sources(
        &mut self,
        p: &DevelopmentProject,
        total: Cents,
        sources: &[FundingSource],
        tolerance: Bp,
        at: &str,
    ) {
        // Exact, never saturated or reported as an untranslated "overflow".
        let sum: i128 = sources.iter().map(|s| i128::from(s.amount.0)).sum();
        if sum != i128::from(total.0) {
            self.push(
                Issue::new(Rule::SumBudgetSources, format!("{at}/total"))
                    .arg_money("total", total)
                    .arg("sum", crate::l10n::wide_money_value(sum)),
            );
        }
        let orgs: HashMap<&str, &crate::project::Organisation> = p
            .organisations
            .iter()
            .rev()
            .map(|o| (o.id.as_str(), o))
            .collect();
        for (i, s) in sources.iter().enumerate() {
            let sat = format!("{at}/sources/{i}");
            if !orgs.contains_key(s.funder.as_str()) {
                self.dangling("organisation", &s.funder, format!("{sat}/funder"));
            }
            let Some(stated) = s.stated_share else {
                continue;
            };
            if total.0 == 0 {
                continue;
            }
            // Exact integer comparison: amount / total vs stated / 10 000.
            let lhs = i128::from(s.amount.0) * 10_000;
            let rhs = i128::from(stated.0) * i128::from(total.0);
            let diff = (lhs - rhs).abs();
            let allowed = i128::from(tolerance.0) * i128::from(total.0).abs();
            let rule = if diff > allowed {
                Rule::ShareTolerance
            } else if diff != 0 {
                Rule::ShareApproximate
            } else {
                continue;
            };
            let funder = orgs
                .get(s.funder.as_str())
                .map(|o| o.name.clone())
                .unwrap_or_default();
            let mut issue = Issue::new(rule, format!("{sat}/stated_share"))
                .arg_name("funder", &s.funder, &funder)
                .arg_percent("actual", percent_of(s.amount, total))
                .arg_share("stated", stated);
            if rule == Rule::ShareTolerance {
                issue = issue.arg_share("tolerance", tolerance);
            }
            self.push(issue);
        }
    }

    fn budget(&mut self, p: &DevelopmentProject, b: &Budget, at: &str) {
        self.sources(p, b.total, &b.sources, b.share_tolerance, at);
        let Some(a) = &b.annual else { return };
        let aat = format!("{at}/annual");
        self.sources(p, a.total, &a.sources, b.share_tolerance, &aat);
        if a.contributions.is_empty() {
            return;
        }
        let Some(fund) = &a.contributions_fund else {
            return;
        };
        let Some(stated) = a.sources.iter().find(|s| &s.funder == fund) else {
            self.dangling("funding source", fund, format!("{aat}/contributions_fund"));
            return;
        };
        let mut sum = 0i128;
        let mut detail = Vec::new();
        for r in &a.contributions {
            let n = r.count.unwrap_or_else(|| p.participant_count(r.category));
            detail.push(format!("{} × {}", n, crate::l10n::money_value(r.per_year)));
            // i64 × u32 fits an i128 many times over: the sum is exact.
            sum += i128::from(r.per_year.0) * i128::from(n);
        }
        if sum != i128::from(stated.amount.0) {
            self.push(
                Issue::new(Rule::SumContributions, format!("{aat}/contributions"))
                    .arg("sum", crate::l10n::wide_money_value(sum))
                    .arg("detail", detail.join(" + "))
                    .arg_money("stated", stated.amount),
            );
        }
    }

    fn network(&mut self, n: &Network, at: &str) {
        self.text(&n.name, format!("{at}/name"));
        if let Some(p) = &n.period {
            self.period(p, format!("{at}/period"));
        }
        if let Some(f) = &n.min_frequency {
            self.frequency(f, format!("{at}/min_frequency/min_times"));
        }
        for (i, m) in n.meetings.iter().enumerate() {
            let mat = format!("{at}/meetings/{i}");
            if matches!(m.format, MeetingFormat::Remote | MeetingFormat::Hybrid)
                && m.platform.as_deref().map_or(true, |p| p.trim().is_empty())
            {
                self.push(
                    Issue::new(Rule::MeetingRemoteNoPlatform, format!("{mat}/platform"))
                        .arg("format", m.format.as_str()),
                );
            }
            if let Some(p) = &n.period {
                if !p.is_empty() && !p.contains(m.date) {
                    self.push(
                        Issue::new(Rule::ScheduleOutsidePeriod, format!("{mat}/date"))
                            .arg_date("when", m.date)
                            .arg_period("period", p),
                    );
                }
            }
            if !m.regions_represented.is_empty() {
                let date = self.map_date(m.date, &format!("{mat}/date"));
                for (j, r) in m.regions_represented.iter().enumerate() {
                    self.code(
                        CodeKind::Region,
                        r,
                        date,
                        format!("{mat}/regions_represented/{j}"),
                    );
                }
            }
        }
        if let (Some(p), Some(f)) = (&n.period, &n.min_frequency) {
            if p.is_empty() || f.min_times == 0 || !f.qualifier.is_minimum() {
                return;
            }
            // Meetings that count, sorted: each window's count is two binary searches.
            let mut dates: Vec<NaiveDate> = n
                .meetings
                .iter()
                .filter(|m| m.status != MeetingStatus::Cancelled)
                .map(|m| m.date)
                .collect();
            dates.sort_unstable();
            let below = |count: usize, w: Period| {
                Issue::new(Rule::MeetingBelowFrequency, format!("{at}/min_frequency"))
                    .arg_count("count", count as u64)
                    .arg_period("window", &w)
                    .arg_count("min", u64::from(f.min_times))
                    .arg_term("unit", f.per.as_str())
            };
            // A run of windows without any meeting is one issue for the whole run
            // (0 meetings in 1.1.2019–31.12.2020): the issues are bounded by what the
            // data holds (at most two per meeting, and one), not by the length of the
            // period (a monthly minimum over years 1–9999 is 120 000 windows).
            let mut empty_run: Option<Period> = None;
            for w in windows(p, f.per) {
                let from = dates.partition_point(|d| *d < w.start);
                let to = dates.partition_point(|d| *d <= w.end);
                let count = to - from;
                if count == 0 {
                    empty_run = Some(match empty_run {
                        Some(run) => Period::new(run.start, w.end),
                        None => w,
                    });
                    continue;
                }
                if let Some(run) = empty_run.take() {
                    self.push(below(0, run));
                }
                if count < f.min_times as usize {
                    self.push(below(count, w));
                }
            }
            if let Some(run) = empty_run {
                self.push(below(0, run));
            }
        }
    }

    fn evaluation(&mut self, e: &crate::evaluation::Evaluation, at: &str) {
        self.text(&e.title, format!("{at}/title"));
        if let Some(p) = &e.period {
            self.period(p, format!("{at}/period"));
        }
        if let Some(s) = &e.subject {
            if self.subjects.is_none() {
                let d = self.doc;
                let ids = d.action_plans.iter().map(|x| x.id.as_str());
                let ids = ids.chain(d.projects.iter().map(|x| x.id.as_str()));
                let ids = ids.chain(d.networks.iter().map(|x| x.id.as_str()));
                let ids = ids.chain(d.consultation_programmes.iter().map(|x| x.id.as_str()));
                let ids = ids.chain(d.activity_reports.iter().map(|x| x.id.as_str()));
                self.subjects = Some(ids.collect());
            }
            let known = self
                .subjects
                .as_ref()
                .is_some_and(|ids| ids.contains(s.as_str()));
            if !known {
                self.dangling("subject", s, format!("{at}/subject"));
            }
        }
        for (i, ind) in e.indicators.iter().enumerate() {
            self.text(&ind.name, format!("{at}/indicators/{i}/name"));
            if ind.target_contradicts_direction() {
                self.push(
                    Issue::new(
                        Rule::IndicatorTargetDirection,
                        format!("{at}/indicators/{i}/target"),
                    )
                    .arg("target", fmt_num(ind.target))
                    .arg("direction", ind.direction.as_str())
                    .arg("baseline", fmt_num(ind.baseline)),
                );
            }
        }
    }

    fn programme(&mut self, p: &crate::consultation::ConsultationProgramme, at: &str) {
        self.text(&p.name, format!("{at}/name"));
        if let Some(c) = &p.centre {
            if self.reg.centre(c).is_none() {
                self.push(
                    Issue::new(Rule::RegistryUnknownCode, format!("{at}/centre"))
                        .arg("kind", CodeKind::Centre.as_str())
                        .arg("code", c),
                );
            }
        }
        self.issues.extend(p.policy.check(&format!("{at}/policy")));
        for (i, c) in p.consultations.iter().enumerate() {
            let issues = c.check(&p.policy, &format!("{at}/consultations/{i}"));
            self.issues.extend(issues);
        }
        if p.concept.is_some() {
            let (open, evaluated) = p.trial_counts();
            if open > 0 || evaluated == 0 {
                self.push(
                    crate::consultation::ProtocolError::ConceptPremature { open, evaluated }
                        .to_issue(format!("{at}/concept")),
                );
            }
        }
    }

    fn activity_report(&mut self, r: &crate::activity::ActivityReport, at: &str) {
        self.text(&r.title, format!("{at}/title"));
        self.period(&r.period, format!("{at}/period"));
        let date = self.map_date(r.period.start, &format!("{at}/period/start"));
        // Like a plan's, checked on every date of the period where the map changes.
        let dates = self.map_dates(&r.period, date);
        self.code_on_dates(CodeKind::Centre, &r.centre, &dates, &format!("{at}/centre"));
        if let Some(region) = &r.region {
            self.section_area(
                &r.centre,
                CodeKind::Region,
                region,
                &dates,
                &format!("{at}/region"),
            );
        }
        for (i, a) in r.priority_areas.iter().enumerate() {
            self.text(&a.title, format!("{at}/priority_areas/{i}/title"));
        }
        for (i, n) in r.networks.iter().enumerate() {
            if !self.network_exists(n) {
                self.dangling("network", n, format!("{at}/networks/{i}"));
            }
        }
        for (i, e) in r.evaluations.iter().enumerate() {
            if !self.evaluation_exists(e) {
                self.dangling("evaluation", e, format!("{at}/evaluations/{i}"));
            }
        }
    }
}

fn fmt_num(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |x| x.to_string())
}

/// The calendar windows of `unit` that lie wholly inside `p`.
#[cfg(test)]
fn full_windows(p: &Period, unit: FrequencyUnit) -> Vec<Period> {
    windows(p, unit).collect()
}

/// The whole units (calendar years, half-years, quarters, months) inside `p`, in
/// order, computed one at a time.
fn windows(p: &Period, unit: FrequencyUnit) -> impl Iterator<Item = Period> {
    let months = match unit {
        FrequencyUnit::Year => 12,
        FrequencyUnit::HalfYear => 6,
        FrequencyUnit::Quarter => 3,
        FrequencyUnit::Month => 1,
    };
    let end_of_period = p.end;
    let (mut y, mut m) = (p.start.year(), 1u32);
    // First window start at or after p.start.
    while NaiveDate::from_ymd_opt(y, m, 1).is_some_and(|d| d < p.start) {
        m += months;
        if m > 12 {
            m -= 12;
            y += 1;
        }
    }
    std::iter::from_fn(move || {
        let start = NaiveDate::from_ymd_opt(y, m, 1)?;
        let (ny, nm) = if m + months > 12 {
            (y.checked_add(1)?, m + months - 12)
        } else {
            (y, m + months)
        };
        let end = NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())?;
        if end > end_of_period {
            return None;
        }
        y = ny;
        m = nm;
        Some(Period::new(start, end))
    })
}

/// `text.missing` for a text with no language.
#[inline]
pub(crate) fn text_issue(t: &LocalizedText, at: String) -> Option<Issue> {
    t.is_empty().then(|| Issue::new(Rule::TextMissing, at))
}

/// `period.reversed` for a period that ends before it starts.
#[inline]
pub(crate) fn period_issue(p: &Period, at: String) -> Option<Issue> {
    p.is_empty().then(|| {
        Issue::new(Rule::PeriodReversed, at)
            .arg_date("start", p.start)
            .arg_date("end", p.end)
    })
}

/// `frequency.invalid` for a frequency of less than once per unit.
#[inline]
pub(crate) fn frequency_issue(f: &Frequency, at: String) -> Option<Issue> {
    (f.min_times == 0).then(|| Issue::new(Rule::FrequencyInvalid, at).arg("unit", f.per.as_str()))
}

/// The checks of one measure that need nothing but the measure itself — its title,
/// its scheduled period and its frequency — with the validator's helpers, pointers
/// under `at`. The CSV reader runs them on each row of a streamed measures table.
#[cfg(feature = "csv")]
pub(crate) fn measure_row_issues(m: &crate::plan::Measure, at: &str) -> Vec<Issue> {
    // Pointers are built only for the issues found: this runs on every row of a
    // streamed table.
    let at_field = |i: Issue, field: &str| Issue {
        pointer: format!("{at}/{field}"),
        ..i
    };
    // An issue is moved only when there is one (no `Option<Issue>` copied per
    // row).
    let mut out = Vec::new();
    if let Some(i) = text_issue(&m.title, String::new()) {
        out.push(at_field(i, "title"));
    }
    if let Some(p) = m.schedule.as_ref().and_then(|s| s.period.as_ref()) {
        if let Some(i) = period_issue(p, String::new()) {
            out.push(at_field(i, "schedule/period"));
        }
    }
    if let Some(f) = &m.frequency {
        if let Some(i) = frequency_issue(f, String::new()) {
            out.push(at_field(i, "frequency/min_times"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn short_keys_tell_apart_ids_of_one_length_up_to_8_bytes() {
        for len in 0..=8u32 {
            let ids: Vec<Vec<u8>> = (0..3usize.pow(len))
                .map(|mut n| {
                    (0..len)
                        .map(|_| {
                            let b = [0, b'a', 0xff][n % 3];
                            n /= 3;
                            b
                        })
                        .collect()
                })
                .collect();
            let keys: HashSet<u64> = ids.iter().map(|id| short_key(id)).collect();
            assert_eq!(keys.len(), ids.len(), "{len} bytes");
        }
    }

    #[test]
    fn small_id_sets_compare_long_ids_whole() {
        let set: IdSet<'_> = ["p1", "p10", "priority-long-1", "p1"].into_iter().collect();
        assert!(matches!(&set, IdSet::Few(ids) if ids.len() == 3));
        for (id, found) in [
            ("p1", true),
            ("p10", true),
            ("priority-long-1", true),
            ("priority-long-2", false),
            ("priority", false),
            ("p2", false),
            ("p", false),
            ("", false),
        ] {
            assert_eq!(set.contains(id), found, "{id}");
        }
    }

    /// The Botnia plan with its three sections' measures given these ids.
    fn measures_with_ids(ids: [&[&str]; 3]) -> Document {
        let mut doc = crate::datasets::Dataset::SonetBotniaPlan2020.document();
        let plan = &mut doc.action_plans[0];
        let template = plan.sections[0].measures[0].clone();
        assert_eq!(plan.sections.len(), 3);
        for (sec, ids) in plan.sections.iter_mut().zip(ids) {
            sec.measures = ids
                .iter()
                .map(|id| crate::plan::Measure {
                    id: (*id).to_owned(),
                    ..template.clone()
                })
                .collect();
        }
        doc
    }

    #[test]
    fn measure_duplicates_are_the_same_whatever_the_hash() {
        let doc = measures_with_ids([
            &["a", "b", "a", "c"],
            &["b", "a-long-measure-id-1", "d"],
            &["a-long-measure-id-2", "a-long-measure-id-1", "a"],
        ]);
        let starts = section_starts(&doc);
        assert_eq!(starts, vec![(0, 0, 0), (4, 0, 1), (7, 0, 2)]);
        let expected = vec![(2, 0), (4, 1), (8, 5), (9, 0)];
        assert_eq!(measure_duplicates_sip(&doc), expected);
        assert_eq!(measure_duplicates(&doc, &starts), expected);
        // Every id hashed alike: the first two different ids are noticed ("b"
        // after "a"), and the caller falls back to std's map.
        assert_eq!(measure_duplicates_hashed(&doc, &starts, |_| 7), None);
        // Hashed by length: "a" and "b" collide.
        assert_eq!(
            measure_duplicates_hashed(&doc, &starts, |id| id.len() as u64),
            None
        );
        let exact = |id: &[u8]| {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(id)
        };
        assert_eq!(
            measure_duplicates_hashed(&doc, &starts, exact),
            Some(expected)
        );
        // Reported at the duplicate, naming the first.
        let report = validate_with(&doc, Registry::embedded(), IssueLimits::UNLIMITED);
        let found: Vec<(String, String)> = report
            .issues
            .iter()
            .filter(|i| i.rule == Rule::IdDuplicate)
            .map(|i| (i.pointer.clone(), i.args[1].1.clone()))
            .collect();
        let at = |s: usize, j: usize| format!("/action_plans/0/sections/{s}/measures/{j}/id");
        assert_eq!(
            found,
            [
                (at(0, 2), at(0, 0)),
                (at(1, 0), at(0, 1)),
                (at(2, 1), at(1, 1)),
                (at(2, 2), at(0, 0)),
            ]
        );
    }

    /// A plan of `PARALLEL_MEASURES` and more measures with issues of several
    /// rules all along: missing titles, reversed periods, zero frequencies,
    /// unknown priorities and networks, duplicate ids.
    fn many_measures() -> Document {
        let mut doc = crate::datasets::Dataset::SonetBotniaPlan2020.document();
        let plan = &mut doc.action_plans[0];
        let template = plan.sections[0].measures[0].clone();
        let per_section = PARALLEL_MEASURES / 3 + 1_000;
        for (s, sec) in plan.sections.iter_mut().enumerate() {
            sec.measures = (0..per_section)
                .map(|j| {
                    let mut m = template.clone();
                    m.id = format!("m{}", (s * per_section + j) % 25_000);
                    if j % 7 == 0 {
                        m.title = LocalizedText::default();
                    }
                    if j % 11 == 0 {
                        m.priority = Some(format!("q{}", j % 3));
                    }
                    if j % 13 == 0 {
                        m.frequency = Some(Frequency {
                            min_times: 0,
                            per: FrequencyUnit::Month,
                            qualifier: Default::default(),
                            note: None,
                        });
                    }
                    if j % 17 == 0 {
                        m.network = Some("no-such-network".into());
                    }
                    if j % 19 == 0 {
                        let p = Period::new(d(2020, 6, 1), d(2020, 5, 1));
                        m.schedule = Some(Schedule {
                            period: Some(p),
                            dates: vec![d(2030, 1, 1)],
                            note: None,
                        });
                    }
                    m
                })
                .collect();
        }
        doc
    }

    #[test]
    fn two_threads_report_what_one_does_under_any_limits() {
        let doc = many_measures();
        let reg = Registry::embedded();
        let one = validate_on(&doc, reg, IssueLimits::UNLIMITED, false);
        assert!(one.issues.len() > 20_000, "{}", one.issues.len());
        for limits in [
            IssueLimits::UNLIMITED,
            IssueLimits::default(),
            IssueLimits {
                per_rule: 7,
                total: 20,
            },
            IssueLimits {
                per_rule: 3_000,
                total: 9_500,
            },
            IssueLimits {
                per_rule: 100_000,
                total: 1_000,
            },
            IssueLimits {
                per_rule: 0,
                total: 0,
            },
        ] {
            let one = validate_on(&doc, reg, limits, false);
            let two = validate_on(&doc, reg, limits, true);
            assert_eq!(one.issues.len(), two.issues.len(), "{limits:?}");
            assert!(one.issues == two.issues, "{limits:?}");
        }
        // The default limits truncate here: the summaries are part of what is compared.
        let report = validate_with(&doc, reg, IssueLimits::default());
        assert!(report
            .issues
            .iter()
            .any(|i| i.rule == Rule::ReportTruncatedErrors || i.rule == Rule::ReportTruncated));
    }

    #[test]
    fn full_windows_are_whole_units_inside_the_period() {
        let p = Period::new(d(2005, 3, 1), d(2007, 6, 30));
        let years = full_windows(&p, FrequencyUnit::Year);
        assert_eq!(years, vec![Period::new(d(2006, 1, 1), d(2006, 12, 31))]);
        let halves = full_windows(&p, FrequencyUnit::HalfYear);
        assert_eq!(halves.len(), 4); // 2005H2, 2006H1, 2006H2, 2007H1
        assert_eq!(halves[0], Period::new(d(2005, 7, 1), d(2005, 12, 31)));
        assert_eq!(full_windows(&p, FrequencyUnit::Month).len(), 28);
    }

    #[test]
    fn percent_is_exact_and_rounded() {
        assert_eq!(
            percent_of(Cents(137_115_200), Cents(182_820_400)),
            "74.999945"
        );
        assert_eq!(
            percent_of(Cents(45_705_200), Cents(182_820_400)),
            "25.000055"
        );
        assert_eq!(percent_of(Cents(1), Cents(4)), "25");
        assert_eq!(percent_of(Cents(-1), Cents(3)), "-33.333333");
        assert_eq!(percent_of(Cents(2), Cents(3)), "66.666667");
    }
}
