//! Drift analysis of a whole site, per document, reusing the previous build's analyses.
//!
//! Consumes: the [`Site`] (laid-out documents shared with the parse cache), the lock,
//! and the [`DriftCache`] of the previous build.
//! Produces: the [`DriftReport`]: per document, its translations' drift in config
//! order, with the site-wide length statistics of [`super::length`] applied.
//! Guarantees: the report equals a fresh analysis. A document's analyses are reused
//! only while it is laid out from the same pages (the same `SiteDoc`), with the same
//! lock and the same quantized length ratios; the per-language statistics are
//! recomputed every build from every in-sync sample, and a document's report is
//! reused only when none of its samples can be an outlier under them.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::align;
use super::analysis::{SourceSide, analyze_document};
use super::length::{self, Sample, UnitRatios};
use super::lock::{Lock, Record};
use super::{DocReport, DriftReport, Status, TranslationDrift};
use crate::content::Page;
use crate::site::{ParsedPage, Site, SiteDoc};

/// Analyses of the previous build, reused while their inputs are the same objects.
#[derive(Default)]
pub struct DriftCache {
    /// Document key → its analyses, for documents that moved to another index.
    entries: HashMap<String, Arc<DocDrift>>,
    /// The previous build's analyses by document index, with the laid-out document they
    /// were made from: found without touching the document.
    aligned: Vec<(Arc<SiteDoc>, usize, Arc<DocDrift>)>,
    /// The lock and the length ratios the entries were made with.
    lock: Option<Arc<Lock>>,
    ratios: BTreeMap<String, f64>,
    /// Every document's length ratios (see [`UnitRatios`]).
    units: UnitRatios,
    /// Per translation slot, the log length ratios of every in-sync sample, sorted;
    /// in step with `aligned`, so a rebuild moves only the changed documents' samples.
    samples: Option<Vec<Vec<f64>>>,
    /// A one-shot build keeps nothing.
    disabled: bool,
}

impl DriftCache {
    /// A cache that keeps nothing (one-shot builds).
    pub fn disabled() -> Self {
        DriftCache {
            disabled: true,
            ..DriftCache::default()
        }
    }

    /// The previous analyses of document `index`, if it is laid out from the same pages
    /// and the lock and ratios are the same (`same_basis`).
    fn document(&self, site: &Site, index: usize, same_basis: bool) -> Option<&Arc<DocDrift>> {
        if !same_basis {
            return None;
        }
        let site_doc = &site.docs[index];
        if let Some((made_from, at, drift)) = self.aligned.get(index)
            && Arc::ptr_eq(made_from, site_doc)
            && *at == index
        {
            return Some(drift);
        }
        self.entries
            .get(&site.document(index).key)
            .filter(|d| Arc::ptr_eq(&d.site_doc, site_doc) && d.index == index)
    }

    /// The previous analysis of one translation, if its inputs are the same.
    fn translation(&self, key: &str, slot: usize, inputs: &CachedDrift) -> Option<&CachedDrift> {
        let cached = self.entries.get(key)?.entries.get(slot)?;
        cached.same_inputs(inputs).then_some(cached)
    }

    /// Records this build's analyses; documents that are gone are dropped.
    fn update(
        &mut self,
        site: &Site,
        (lock, ratios): (&Arc<Lock>, BTreeMap<String, f64>),
        computed: &[(Arc<DocDrift>, bool)],
    ) {
        if self.disabled {
            return;
        }
        self.aligned.truncate(computed.len());
        for (index, (drift, fresh)) in computed.iter().enumerate() {
            if *fresh {
                let key = site.document(index).key.clone();
                self.entries.insert(key, Arc::clone(drift));
            }
            // In place: an entry that is already this one is not touched (cloning every
            // `Arc` would visit every document's memory after each edit).
            let entry = || (Arc::clone(&site.docs[index]), index, Arc::clone(drift));
            match self.aligned.get_mut(index) {
                Some((_, _, same)) if Arc::ptr_eq(same, drift) => {}
                Some(slot) => *slot = entry(),
                None => self.aligned.push(entry()),
            }
        }
        if self.entries.len() != site.docs.len() {
            let current: std::collections::HashSet<&str> = site
                .content
                .documents
                .iter()
                .map(|d| d.key.as_str())
                .collect();
            self.entries.retain(|key, _| current.contains(key.as_str()));
        }
        self.lock = Some(Arc::clone(lock));
        self.ratios = ratios;
    }
}

/// One document's analyses, one per translation language in config order, with what
/// the site-wide statistics need from them.
struct DocDrift {
    /// The laid-out document they were made from, and at which index.
    site_doc: Arc<SiteDoc>,
    index: usize,
    entries: Vec<CachedDrift>,
    /// Per translation slot: the smallest and largest sample log ratio.
    extremes: Vec<Option<(f64, f64)>>,
    /// The report without length findings.
    plain: Arc<DocReport>,
}

impl DocDrift {
    fn new(site: &Site, site_doc: Arc<SiteDoc>, index: usize, entries: Vec<CachedDrift>) -> Self {
        let extremes = entries
            .iter()
            .map(|e| {
                let ratios = e.samples.iter().map(|s| s.log_ratio);
                let min = ratios.clone().min_by(f64::total_cmp)?;
                Some((min, ratios.max_by(f64::total_cmp)?))
            })
            .collect();
        let translations = entries.iter().map(|e| Arc::clone(&e.drift)).collect();
        let plain = Arc::new(DocReport::new(site.config, translations));
        DocDrift {
            site_doc,
            index,
            entries,
            extremes,
            plain,
        }
    }

    /// (translation slot, log length ratio) of every sample of in-sync translations.
    fn in_sync(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| matches!(entry.drift.status, Status::InSync | Status::Untracked))
            .flat_map(|(slot, entry)| entry.samples.iter().map(move |s| (slot, s.log_ratio)))
    }

    /// The report with the length findings `stats` call for.
    fn report(&self, stats: &[Option<(f64, f64)>]) -> Arc<DocReport> {
        let possible =
            self.extremes
                .iter()
                .zip(stats)
                .any(|(extremes, stats)| match (extremes, stats) {
                    (Some((min, max)), Some((m, mad))) => {
                        let bound = length::outlier_bound(*mad);
                        max - m >= bound || m - min >= bound
                    }
                    _ => false,
                });
        if !possible {
            return Arc::clone(&self.plain);
        }
        let translations = self
            .entries
            .iter()
            .zip(stats)
            .map(|(entry, stats)| {
                let pages = match (&entry.source, &entry.target, &entry.files) {
                    (Some(source), Some(target), Some((source_file, target_file))) => {
                        Some(length::SamplePages {
                            source,
                            target,
                            source_file,
                            target_file,
                        })
                    }
                    _ => None,
                };
                length::flag_length_outliers(&entry.drift, &entry.samples, *stats, pages)
            })
            .collect();
        Arc::new(DocReport::new_like(&self.plain, translations))
    }
}

/// One translation's analysis (before the site-wide length statistics) and its inputs.
#[derive(Clone)]
struct CachedDrift {
    source: Option<Arc<ParsedPage>>,
    target: Option<Arc<ParsedPage>>,
    record: Option<Arc<Record>>,
    ratio: f64,
    drift: Arc<TranslationDrift>,
    samples: Arc<[Sample]>,
    /// The files of `source` and `target` (for the positions of length findings).
    files: Option<(Arc<Page>, Arc<Page>)>,
}

impl CachedDrift {
    fn same_inputs(&self, other: &CachedDrift) -> bool {
        fn same<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
        }
        same(&self.source, &other.source)
            && same(&self.target, &other.target)
            && same(&self.record, &other.record)
            && self.ratio.to_bits() == other.ratio.to_bits()
    }
}

/// Like [`super::analyze`], reusing what `cache` holds for unchanged documents.
pub fn analyze_with(site: &Site, lock: &Arc<Lock>, cache: &mut DriftCache) -> DriftReport {
    let config = site.config;
    let scope = super::fingerprint::LinkScope::of(config);
    let translated: Vec<&str> = config
        .languages
        .iter()
        .filter(|l| !l.is_source)
        .map(|l| l.code.as_str())
        .collect();
    let mut fresh_units = UnitRatios::default();
    let units = if cache.disabled {
        &mut fresh_units
    } else {
        &mut cache.units
    };
    units.update(site, &translated);
    let ratios = units.expected(&translated);
    // While the lock and the ratios are the same, a document laid out from the same
    // pages (the same `SiteDoc`) has the same analyses: no per-translation check.
    let same_basis =
        cache.lock.as_ref().is_some_and(|l| Arc::ptr_eq(l, lock)) && cache.ratios == ratios;
    let per_doc: Vec<(Arc<DocDrift>, bool)> = (0..site.docs.len())
        .into_par_iter()
        .map_init(align::Scratch::default, |scratch, index| {
            match cache.document(site, index, same_basis) {
                Some(previous) => (Arc::clone(previous), false),
                None => {
                    let basis = (&ratios, &scope);
                    analyze_cached(site, (lock, cache), index, basis, scratch)
                }
            }
        })
        .collect();
    let stats = cache.length_stats(&per_doc, translated.len());
    let docs = per_doc
        .par_iter()
        .map(|(drift, _)| drift.report(&stats))
        .collect();
    let orphans = site
        .content
        .orphans
        .iter()
        .map(|(key, page)| {
            Arc::new(TranslationDrift {
                document: key.clone(),
                lang: page.lang.clone(),
                file: Some(page.path.clone()),
                status: Status::Orphan,
                in_sync_share: 0.0,
                ..TranslationDrift::default()
            })
        })
        .collect();
    cache.update(site, (lock, ratios), &per_doc);
    DriftReport::new(config, docs, orphans)
}

/// Every translation of one document, analysed or taken from the cache; `true` when
/// the cache must record the result (analysed again, or found at another index).
fn analyze_cached(
    site: &Site,
    (lock, cache): (&Lock, &DriftCache),
    index: usize,
    (ratios, scope): (&BTreeMap<String, f64>, &super::fingerprint::LinkScope),
    scratch: &mut align::Scratch,
) -> (Arc<DocDrift>, bool) {
    let doc = site.document(index);
    let source_page = &site.docs[index].pages[&doc.source.lang];
    let mut side = None;
    let entries = site
        .config
        .languages
        .iter()
        .filter(|l| !l.is_source)
        .enumerate()
        .map(|(slot, lang)| {
            let mut inputs = CachedDrift {
                source: Some(Arc::clone(source_page)),
                target: site.docs[index].pages.get(&lang.code).cloned(),
                record: lock.record(&doc.key, &lang.code).cloned(),
                ratio: ratios.get(&lang.code).copied().unwrap_or(1.0),
                drift: Default::default(),
                samples: Arc::new([]),
                files: None,
            };
            if let Some(cached) = cache.translation(&doc.key, slot, &inputs) {
                let mut cached = cached.clone();
                if cached.drift.doc_index != Some(index) {
                    Arc::make_mut(&mut cached.drift).doc_index = Some(index);
                }
                return cached;
            }
            let side = side.get_or_insert_with(|| SourceSide::new(site, index, scope));
            let (drift, samples) =
                analyze_document(site, lock, side, (&lang.code, inputs.ratio), scratch);
            inputs.drift = Arc::new(drift);
            inputs.samples = samples.into();
            inputs.files = doc
                .translations
                .get(&lang.code)
                .map(|target| (Arc::clone(&doc.source), Arc::clone(target)));
            inputs
        })
        .collect();
    let site_doc = Arc::clone(&site.docs[index]);
    (
        Arc::new(DocDrift::new(site, site_doc, index, entries)),
        true,
    )
}

impl DriftCache {
    /// Per translation slot: the median and the median absolute deviation of the log
    /// length ratios of in-sync pairs (`None` with too few samples or no spread). The
    /// sorted samples are kept between builds and patched with the documents whose
    /// analyses changed.
    fn length_stats(
        &mut self,
        per_doc: &[(Arc<DocDrift>, bool)],
        slots: usize,
    ) -> Vec<Option<(f64, f64)>> {
        let patched = match self.samples.take() {
            Some(samples) if !self.disabled && self.aligned.len() == per_doc.len() => {
                patch_samples(samples, &self.aligned, per_doc)
            }
            _ => None,
        };
        let samples = patched.unwrap_or_else(|| sorted_samples(per_doc, slots));
        let stats = samples.iter().map(|v| length::robust_stats(v)).collect();
        if !self.disabled {
            self.samples = Some(samples);
        }
        stats
    }
}

/// Every in-sync sample of every document, sorted per slot.
fn sorted_samples(per_doc: &[(Arc<DocDrift>, bool)], slots: usize) -> Vec<Vec<f64>> {
    let mut by_slot: Vec<Vec<f64>> = vec![Vec::new(); slots];
    for (drift, _) in per_doc {
        for (slot, ratio) in drift.in_sync() {
            by_slot[slot].push(ratio);
        }
    }
    by_slot
        .iter_mut()
        .for_each(|v| v.sort_unstable_by(f64::total_cmp));
    by_slot
}

/// The previous build's sorted samples with the changed documents' samples swapped;
/// `None` if something does not match (then they are collected again).
fn patch_samples(
    mut samples: Vec<Vec<f64>>,
    previous: &[(Arc<SiteDoc>, usize, Arc<DocDrift>)],
    per_doc: &[(Arc<DocDrift>, bool)],
) -> Option<Vec<Vec<f64>>> {
    for ((_, _, then), (now, _)) in previous.iter().zip(per_doc) {
        if Arc::ptr_eq(then, now) {
            continue;
        }
        for (slot, ratio) in then.in_sync() {
            let v = samples.get_mut(slot)?;
            let at = v.partition_point(|x| x.total_cmp(&ratio).is_lt());
            if v.get(at).is_none_or(|x| x.to_bits() != ratio.to_bits()) {
                return None;
            }
            v.remove(at);
        }
        for (slot, ratio) in now.in_sync() {
            let v = samples.get_mut(slot)?;
            let at = v.partition_point(|x| x.total_cmp(&ratio).is_lt());
            v.insert(at, ratio);
        }
    }
    Some(samples)
}
