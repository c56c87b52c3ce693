//! Layer 4: length statistics, supporting evidence only.
//!
//! Consumes: each document's translation/source length ratio per language, and the
//! log length ratios of the 1–1 aligned prose pairs of in-sync translations
//! ([`Sample`]s).
//! Produces: the expected length ratio of each language (which the aligner uses), the
//! per-language median and median absolute deviation of the samples, and
//! `length-ratio` findings (info) for pairs far outside them.
//! Guarantees: self-calibrated per language, robust (median/MAD) and conservative: an
//! outlier must be both beyond a robust z of 5 and 1.8× off, never an error alone.
//! The statistics equal a fresh computation whatever the cache reuses (a test compares
//! the sorted-sample computation with selection).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Finding, Kind, Position, TranslationDrift};
use crate::content::Page;
use crate::diagnostic::{LineIndex, Severity};
use crate::site::{ParsedPage, Site, SiteDoc};

/// A 1–1 aligned pair's log length ratio, for the per-language statistics, with the
/// pair's segments (indexes in the source and the translation page). A site has one
/// for most of its paragraphs, kept until the statistics are known: 16 bytes each. They
/// held positions, blocks and ranges (104 bytes), 100 MB at 2,000 documents (reference
/// bench), which only the rare outlier needs; [`flag_length_outliers`] reads them from
/// the pages.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub(super) log_ratio: f64,
    pub(super) source: u32,
    pub(super) target: u32,
}

/// The pages a translation's samples point into: the parsed source and translation,
/// and their files.
pub(super) struct SamplePages<'a> {
    pub source: &'a ParsedPage,
    pub target: &'a ParsedPage,
    pub source_file: &'a Page,
    pub target_file: &'a Page,
}

/// How many documents' worth of belief the expected length ratio of 1 carries.
pub(super) const RATIO_PRIOR_WEIGHT: f64 = 3.0;

/// Segments shorter than this (in characters) are too noisy for length statistics.
pub(super) const MIN_SAMPLE_LEN: usize = 30;
/// Robust z-score beyond which a length ratio is an outlier. Per-language samples are
/// small (tens of pairs), so the bar is high, and the ratio must also be far off.
const OUTLIER_Z: f64 = 5.0;
/// How far (as a factor) from the language's typical ratio an outlier must be.
const OUTLIER_FACTOR: f64 = 1.8;

/// Every document's translation/source length ratio per translation language, in one
/// flat table (documents × languages) so that a rebuild reads it without visiting every
/// document; rows are recomputed for documents laid out again.
#[derive(Default)]
pub(super) struct UnitRatios {
    made_from: Vec<Arc<SiteDoc>>,
    /// `NaN` where the document has no such translation or an empty source.
    table: Vec<f64>,
}

impl UnitRatios {
    pub(super) fn update(&mut self, site: &Site, languages: &[&str]) {
        let width = languages.len();
        if self.made_from.len() != site.docs.len() {
            self.made_from.clear();
            self.table.clear();
        }
        for (index, site_doc) in site.docs.iter().enumerate() {
            if self
                .made_from
                .get(index)
                .is_some_and(|d| Arc::ptr_eq(d, site_doc))
            {
                continue;
            }
            let row = unit_ratios(site, site_doc, languages);
            if index < self.made_from.len() {
                self.made_from[index] = Arc::clone(site_doc);
                self.table[index * width..(index + 1) * width].copy_from_slice(&row);
            } else {
                self.made_from.push(Arc::clone(site_doc));
                self.table.extend_from_slice(&row);
            }
        }
    }

    /// Expected translation/source length ratio per language: the median over
    /// documents, shrunk towards 1 and quantized.
    pub(super) fn expected(&self, languages: &[&str]) -> BTreeMap<String, f64> {
        let width = languages.len().max(1);
        let mut out = BTreeMap::new();
        for (slot, lang) in languages.iter().enumerate() {
            let mut ratios: Vec<f64> = self
                .table
                .iter()
                .skip(slot)
                .step_by(width)
                .copied()
                .filter(|r| !r.is_nan())
                .collect();
            if ratios.is_empty() {
                continue;
            }
            // Lengths are in script-neutral units, so about 1 is expected everywhere; a
            // language with few documents (one of them truncated, say) must not define
            // its own normal, so its median is shrunk towards 1.
            let n = ratios.len() as f64;
            let shrunk =
                (n * median_in_place(&mut ratios) + RATIO_PRIOR_WEIGHT) / (n + RATIO_PRIOR_WEIGHT);
            // Quantized: the aligner needs the ratio roughly, and an edit that nudges the
            // median must not invalidate every cached analysis of the language.
            let ratio = ((shrunk * 20.0).round() / 20.0).clamp(0.5, 2.0);
            out.insert(lang.to_string(), ratio);
        }
        out
    }
}

fn unit_ratios(site: &Site, site_doc: &SiteDoc, languages: &[&str]) -> Vec<f64> {
    let source_units = site_doc
        .pages
        .get(&site.config.source().code)
        .map_or(0, |p| p.body_units);
    languages
        .iter()
        .map(|lang| match site_doc.pages.get(*lang) {
            Some(page) if source_units > 0 => page.body_units as f64 / source_units as f64,
            _ => f64::NAN,
        })
        .collect()
}

/// Median and median absolute deviation of sorted values (`None` below 12 values or
/// without spread), equal to [`median_in_place`] on the values and on the deviations.
pub(super) fn robust_stats(sorted: &[f64]) -> Option<(f64, f64)> {
    if sorted.len() < 12 {
        return None;
    }
    let m = sorted_median(sorted.len(), |k| sorted[k]);
    // Deviations in ascending order are a merge of the values below the median (read
    // downwards) and those from it upwards.
    let split = sorted.partition_point(|x| *x < m);
    let (below, above) = sorted.split_at(split);
    let mut deviations = Vec::with_capacity(sorted.len() / 2 + 1);
    let (mut i, mut j) = (below.len(), 0);
    while deviations.len() <= sorted.len() / 2 {
        let left = (i > 0).then(|| (below[i - 1] - m).abs());
        let right = above.get(j).map(|x| (x - m).abs());
        match (left, right) {
            (Some(l), Some(r)) if l.total_cmp(&r).is_le() => {
                deviations.push(l);
                i -= 1;
            }
            (Some(l), None) => {
                deviations.push(l);
                i -= 1;
            }
            (_, Some(r)) => {
                deviations.push(r);
                j += 1;
            }
            (None, None) => break,
        }
    }
    let mad = sorted_median(sorted.len(), |k| deviations[k]);
    (mad > f64::EPSILON).then_some((m, mad))
}

/// The median of `len` sorted values read through `at`.
fn sorted_median(len: usize, at: impl Fn(usize) -> f64) -> f64 {
    let mid = len / 2;
    if len % 2 == 1 {
        at(mid)
    } else {
        (at(mid - 1) + at(mid)) / 2.0
    }
}

/// Deviations from the median below this (in log space) are never outliers: the test
/// of [`length_finding`] without an `exp` per sample.
pub(super) fn outlier_bound(mad: f64) -> f64 {
    (OUTLIER_Z * 1.4826 * mad).max(OUTLIER_FACTOR.ln())
}

/// Layer 4: length ratios far from what in-sync pairs of the language show. Returns
/// the cached analysis itself when nothing is flagged.
pub(super) fn flag_length_outliers(
    drift: &Arc<TranslationDrift>,
    samples: &[Sample],
    stats: Option<(f64, f64)>,
    pages: Option<SamplePages<'_>>,
) -> Arc<TranslationDrift> {
    let (Some((m, mad)), Some(pages)) = (stats, pages) else {
        return Arc::clone(drift);
    };
    let bound = outlier_bound(mad);
    let mut outliers = samples
        .iter()
        .filter(|sample| (sample.log_ratio - m).abs() >= bound)
        .filter(|sample| is_outlier(sample, m, mad))
        .peekable();
    if outliers.peek().is_none() {
        return Arc::clone(drift);
    }
    let lines = (
        LineIndex::new(&pages.source_file.text),
        LineIndex::new(&pages.target_file.text),
    );
    let found: Vec<Finding> = outliers
        .filter_map(|sample| length_finding(sample, m, mad, &pages, &lines))
        .collect();
    let mut drift = TranslationDrift::clone(drift);
    drift.findings.extend(found);
    drift.findings.sort_by_key(|f| (f.position, f.kind));
    Arc::new(drift)
}

/// How far off a sample is: its robust z-score and its length factor.
fn deviation(sample: &Sample, m: f64, mad: f64) -> (f64, f64) {
    let z = (sample.log_ratio - m) / (1.4826 * mad);
    (z, (sample.log_ratio - m).exp())
}

fn is_outlier(sample: &Sample, m: f64, mad: f64) -> bool {
    let (z, factor) = deviation(sample, m, mad);
    z.abs() > OUTLIER_Z && (factor >= OUTLIER_FACTOR || factor <= 1.0 / OUTLIER_FACTOR)
}

fn length_finding(
    sample: &Sample,
    m: f64,
    mad: f64,
    pages: &SamplePages<'_>,
    (source_lines, target_lines): &(LineIndex, LineIndex),
) -> Option<Finding> {
    let (z, factor) = deviation(sample, m, mad);
    let source = pages.source.segments.get(sample.source as usize)?;
    let target = pages.target.segments.get(sample.target as usize)?;
    let at = |lines: &LineIndex, file: &Page, offset: usize| {
        let (line, column) = lines.line_column(&file.text, offset);
        Position { line, column }
    };
    Some(Finding {
        kind: Kind::LengthRatio,
        severity: Severity::Info,
        message: format!(
            "this text is {factor:.1}× the length the source would lead to expect (robust z = {z:.1}); check it is complete"
        ),
        position: at(target_lines, pages.target_file, target.range().start),
        source_position: Some(at(source_lines, pages.source_file, source.range().start)),
        target_block: target.block(),
        source_block: source.block(),
        insert_before: None,
        old_text: None,
        new_text: None,
        target_range: Some(target.range()),
        source_range: Some(source.range()),
    })
}

/// The median, by selection rather than a full sort (reorders `values`).
fn median_in_place(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 1.0;
    }
    let (len, mid) = (values.len(), values.len() / 2);
    let (below, &mut upper, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    if len % 2 == 1 {
        upper
    } else {
        let lower = below
            .iter()
            .copied()
            .max_by(f64::total_cmp)
            .unwrap_or(upper);
        (lower + upper) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> (Arc<Page>, ParsedPage) {
        let file = Page::of_text(text, 0);
        let mut parsed = crate::markdown::parse(text, 0, false);
        let segments = crate::markdown::segments::segments(&mut parsed, &file);
        let page = ParsedPage {
            parsed,
            title: String::new(),
            segments,
            body_units: 0,
        };
        (file, page)
    }

    #[test]
    fn an_outlier_is_placed_at_its_pair_in_both_files() {
        let (source_file, source) = page("Satu.\n\nDua dua dua.\n");
        let (target_file, target) = page("One.\n\n\n  Two two two two two two.\n");
        let pages = || SamplePages {
            source: &source,
            target: &target,
            source_file: &source_file,
            target_file: &target_file,
        };
        let samples = [
            Sample {
                log_ratio: 0.1,
                source: 0,
                target: 0,
            },
            Sample {
                log_ratio: 3.0,
                source: 1,
                target: 1,
            },
        ];
        let drift = Arc::new(TranslationDrift::default());
        let flagged = flag_length_outliers(&drift, &samples, Some((0.0, 0.1)), Some(pages()));
        let [finding] = flagged.findings.as_slice() else {
            panic!("one finding: {:?}", flagged.findings);
        };
        assert_eq!(finding.kind, Kind::LengthRatio);
        assert_eq!(finding.position, Position { line: 4, column: 3 });
        assert_eq!(
            finding.source_position,
            Some(Position { line: 3, column: 1 })
        );
        assert_eq!(finding.target_range, Some(target.segments[1].range()));
        assert_eq!(finding.source_block, source.segments[1].block());
        // No statistics, or no outlier: the analysis itself.
        let none = flag_length_outliers(&drift, &samples, None, Some(pages()));
        assert!(Arc::ptr_eq(&none, &drift));
        let calm = flag_length_outliers(&drift, &samples[..1], Some((0.0, 0.1)), Some(pages()));
        assert!(Arc::ptr_eq(&calm, &drift));
    }

    /// The old way: medians by selection over unsorted values.
    fn by_selection(values: &[f64]) -> Option<(f64, f64)> {
        let mut values = values.to_vec();
        let m = median_in_place(&mut values);
        let mut deviations: Vec<f64> = values.iter().map(|v| (v - m).abs()).collect();
        let mad = median_in_place(&mut deviations);
        (values.len() >= 12 && mad > f64::EPSILON).then_some((m, mad))
    }

    #[test]
    fn stats_of_sorted_samples_equal_stats_by_selection() {
        // Deterministic pseudo-random log ratios, with ties, odd and even counts.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % 41) as f64 / 20.0 - 1.0
        };
        for len in [0, 11, 12, 13, 40, 41, 200, 201] {
            let values: Vec<f64> = (0..len).map(|_| next()).collect();
            let mut sorted = values.clone();
            sorted.sort_unstable_by(f64::total_cmp);
            assert_eq!(robust_stats(&sorted), by_selection(&values), "{len} values");
        }
        assert_eq!(robust_stats(&[0.5; 20]), None, "no spread");
    }
}
