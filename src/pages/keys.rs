//! Which output files a build must render: the key of every job (a digest of what it
//! reads) and the previous build's keys and bytes.
//!
//! Consumes: the [`Site`], the drift report and the previous build's [`OutputCache`].
//! Produces: [`Digests`] (site-wide digests, assembled from per-document parts that are
//! reused while a document's files are the same) and [`JobKey`]s.
//! Guarantees: equal keys mean equal bytes. A job that [`Digests::changed_docs`] leaves
//! out has, provably, the key it had in the previous build, whose files the sink still
//! holds; nothing is skipped on a guess.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::content::Document;
use crate::diagnostic::Diagnostic;
use crate::drift::{DocReport, DriftReport};
use crate::site::{Site, SiteDoc};

use super::Job;

/// What an output file was made from: a digest of the values it read, and the document
/// it shows (compared by its files' identity: the content cache keeps an unchanged
/// file's `Arc`). Equal keys mean equal bytes, so the previous output can be kept.
#[derive(Clone)]
pub struct JobKey {
    digest: u64,
    doc: Option<Arc<Document>>,
}

impl PartialEq for JobKey {
    fn eq(&self, other: &Self) -> bool {
        self.digest == other.digest
            && match (&self.doc, &other.doc) {
                (Some(a), Some(b)) => a.same_pages(b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// Output files by path, with the key each was made with.
pub(super) type Outputs = HashMap<String, (JobKey, Arc<Vec<u8>>)>;

/// Outputs of the previous build by path, and what that build was made from.
#[derive(Default)]
pub struct OutputCache {
    pub(super) files: Outputs,
    pub(super) snapshot: Option<Snapshot>,
}

/// The digests of a build rendered into a sink that carries its files over to the next
/// build (see [`crate::output::Sink::published`]).
pub(super) struct Snapshot {
    /// What the sink reports once that build is published; any other value means the
    /// sink does not hold that build's files (it failed, or another sink is used).
    pub token: u64,
    pub shared: Shared,
    pub docs: Vec<DocState>,
    pub files: usize,
    pub pages: usize,
}

/// Digests of values many jobs read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shared {
    /// The configuration and the theme's generation.
    global: u64,
    /// The paths of the files put into the sink besides the jobs' (static files): when
    /// they change, the sink must see every path to drop the ones that are gone.
    other_files: u64,
    /// Every document's key, output paths and variants.
    structure: u64,
    /// Per language, what its navigation reads (titles, paths, order).
    pub nav: Vec<u64>,
    /// Dates of every page, for the sitemap.
    dates: u64,
}

/// One document's part of the shared digests, its drift digest per language, and its
/// rows of the status pages.
#[derive(Clone)]
pub(super) struct DocState {
    doc: Arc<Document>,
    /// The laid-out document the parts were computed from: the same `Arc` means the
    /// same pages (the parse cache reuses it only then).
    site_doc: Arc<SiteDoc>,
    structure: u64,
    dates: u64,
    nav: Vec<u64>,
    drift: Option<Arc<DocReport>>,
    /// The document's row of each language's status page (made on first use; shared
    /// with the next build while the document, its drift and the theme are the same).
    pub status_rows: Arc<OnceLock<Result<Vec<String>, Diagnostic>>>,
}

/// Digests of the values pages share, computed once per build.
pub(super) struct Digests {
    pub shared: Shared,
    /// All translations' drift, for the status pages.
    all_drift: u64,
    pub docs: Vec<DocState>,
    /// See [`Digests::changed_docs`].
    changed: Option<Vec<usize>>,
}

fn digest(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

impl Digests {
    /// Computes every document's part, taking `previous`'s for documents laid out from
    /// the same pages (valid only while the set of document keys is the same).
    pub fn new(
        site: &Site,
        drift: &DriftReport,
        (global, other_files): (u64, u64),
        previous: Option<&mut Snapshot>,
    ) -> Self {
        let documents = &site.content.documents;
        // Status rows also read the UI strings and the configuration.
        let rows_valid = previous.as_ref().is_some_and(|p| p.shared.global == global);
        let previous_shared = previous.as_ref().map(|p| p.shared.clone());
        let previous: Option<Vec<DocState>> =
            previous
                .map(|p| std::mem::take(&mut p.docs))
                .filter(|previous| {
                    !site.hides_any()
                        && previous.len() == documents.len()
                        && previous
                            .iter()
                            .zip(documents)
                            .all(|(p, d)| Arc::ptr_eq(&p.doc, d) || p.doc.key == d.key)
                });
        // Moved, not cloned: an unchanged document costs pointer comparisons only.
        let mut slots: Vec<Option<DocState>> = match previous {
            Some(previous) => previous.into_iter().map(Some).collect(),
            None => (0..documents.len()).map(|_| None).collect(),
        };
        let states: Vec<(DocState, bool)> = slots
            .par_iter_mut()
            .enumerate()
            .map(|(i, slot)| {
                let report = drift.document(i);
                let reusable = slot
                    .take()
                    .filter(|p| Arc::ptr_eq(&p.site_doc, &site.docs[i]));
                match reusable {
                    Some(p) if same_drift(&p.drift, report) => (p, false),
                    Some(mut p) => {
                        p.drift = report.cloned();
                        p.status_rows = Default::default();
                        (p, true)
                    }
                    None => {
                        let mut state = doc_state(site, i);
                        state.drift = report.cloned();
                        (state, true)
                    }
                }
            })
            .collect();
        let changed = states
            .iter()
            .enumerate()
            .filter(|(_, (_, changed))| *changed)
            .map(|(i, _)| i)
            .collect();
        let mut docs: Vec<DocState> = states.into_iter().map(|(state, _)| state).collect();
        if !rows_valid {
            docs.iter_mut()
                .for_each(|d| d.status_rows = Default::default());
        }
        let languages = site.config.languages.len();
        let combine = |part: &dyn Fn(&DocState) -> u64| {
            let mut hasher = DefaultHasher::new();
            docs.iter().for_each(|d| part(d).hash(&mut hasher));
            hasher.finish()
        };
        let shared = Shared {
            global,
            other_files,
            structure: combine(&|d| d.structure),
            nav: (0..languages).map(|l| combine(&|d| d.nav[l])).collect(),
            dates: combine(&|d| d.dates),
        };
        let changed = (previous_shared.as_ref() == Some(&shared)).then_some(changed);
        Digests {
            shared,
            all_drift: drift.digest(),
            docs,
            changed,
        }
    }

    /// Documents whose page jobs may have a key other than in the previous build the
    /// sink holds (their files or their drift changed); `None` when every job may (no
    /// such build, or a site-wide digest changed).
    pub fn changed_docs(&self) -> Option<&[usize]> {
        self.changed.as_deref()
    }

    pub fn key(&self, site: &Site, job: &Job) -> JobKey {
        let shared = &self.shared;
        let (global, structure) = (shared.global, shared.structure);
        let (digest, doc) = match *job {
            Job::Page { index, lang } => {
                let drift = self.docs[index]
                    .drift
                    .as_ref()
                    .and_then(|d| d.digests[lang]);
                let inputs = (global, structure, shared.nav[lang], drift);
                (
                    digest(&inputs),
                    Some(Arc::clone(&site.content.documents[index])),
                )
            }
            Job::Part { index, lang, part } => {
                let inputs = (global, structure, shared.nav[lang], "part", part);
                (
                    digest(&inputs),
                    Some(Arc::clone(&site.content.documents[index])),
                )
            }
            Job::NotFound { lang } => (digest(&(global, shared.nav[lang], "404")), None),
            Job::Status { lang } => {
                let inputs = (global, structure, shared.nav[lang], self.all_drift);
                (digest(&inputs), None)
            }
            Job::NavScript { lang } => {
                let inputs = (global, structure, shared.nav[lang], "nav");
                (digest(&inputs), None)
            }
            Job::Sitemap => (digest(&(global, structure, shared.dates)), None),
            Job::Robots => (digest(&(global, "robots")), None),
        };
        JobKey { digest, doc }
    }
}

/// Document `index`'s parts of the structure, dates and navigation digests.
fn doc_state(site: &Site, index: usize) -> DocState {
    let doc = &site.content.documents[index];
    let mut structure = DefaultHasher::new();
    (&doc.key, &site.docs[index].paths).hash(&mut structure);
    for lang in &site.config.languages {
        site.variant(index, lang).hash(&mut structure);
    }
    let mut dates = DefaultHasher::new();
    for page in std::iter::once(&doc.source).chain(doc.translations.values()) {
        // Dates have no `Hash`; their debug form is exact.
        format!("{:?}", page.front.date).hash(&mut dates);
    }
    DocState {
        doc: Arc::clone(doc),
        site_doc: Arc::clone(&site.docs[index]),
        structure: structure.finish(),
        dates: dates.finish(),
        nav: site
            .config
            .languages
            .iter()
            .map(|l| site.nav_part(index, l))
            .collect(),
        drift: None,
        status_rows: Default::default(),
    }
}

/// Whether two drift reports of a document show the same on pages.
fn same_drift(a: &Option<Arc<DocReport>>, b: Option<&Arc<DocReport>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b) || (a.digests == b.digests && a.all == b.all),
        (None, None) => true,
        _ => false,
    }
}
