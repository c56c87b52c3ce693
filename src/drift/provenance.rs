//! Provenance: what changed in the source since a translation was accepted.
//!
//! Consumes: the recorded fingerprints of a translation (from `naskah.lock`) and the
//! current source segments with their fingerprints.
//! Produces: [`Changes`]: source segments changed (paired with the text they had),
//! added, and recorded segments removed.
//! Guarantees: a segment whose fingerprint is recorded anywhere is unchanged, so moved
//! or reordered paragraphs are not drift; so is one whose text is recorded with links
//! to the same targets written another way (a relative link made an absolute URL of the
//! same site, a link to a localized copy, or a form an older naskah canonicalized
//! differently); a typo fix in the translation changes nothing here, since only source
//! fingerprints are compared.

use rustc_hash::FxHashSet;

use super::fingerprint::{self, Fingerprint, LinkScope};
use super::lock::{Lock, Record};
use crate::markdown::segments::Segment;

/// A current source segment whose text differs from what was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub current: usize,
    /// Fingerprint of the recorded segment it replaced.
    pub recorded: Fingerprint,
}

/// The differences between the recorded source and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub changed: Vec<Changed>,
    pub added: Vec<usize>,
    /// (position in the record, fingerprint) of recorded segments that are gone.
    pub removed: Vec<(usize, Fingerprint)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    pub fn count(&self) -> usize {
        self.changed.len() + self.added.len() + self.removed.len()
    }
}

/// The current source: its segments, their fingerprints and canonical link targets.
pub struct Current<'a> {
    pub segments: &'a [Segment],
    pub fingerprints: &'a [Fingerprint],
    /// Per segment, its canonical link targets (sorted).
    pub links: &'a dyn Fn(usize) -> &'a [String],
    pub scope: &'a LinkScope,
}

/// Compares a record with the current source.
pub fn compare(record: &Record, lock: &Lock, now: &Current) -> Changes {
    let (current, fingerprints) = (now.segments, now.fingerprints);
    // The same fingerprints in the same order: nothing changed (most translations of a
    // site in sync), told without the two sets below.
    if *record.segments == *fingerprints {
        return Changes::default();
    }
    let recorded: FxHashSet<&str> = record.segments.iter().map(Fingerprint::as_str).collect();
    let present: FxHashSet<&str> = fingerprints.iter().map(Fingerprint::as_str).collect();
    let mut unmatched_recorded: Vec<usize> = (0..record.segments.len())
        .filter(|&r| !present.contains(record.segments[r].as_str()))
        .collect();
    let mut changes = Changes::default();
    for (c, fp) in fingerprints.iter().enumerate() {
        if recorded.contains(fp.as_str()) {
            continue;
        }
        if let Some(k) = same_but_written_otherwise(record, lock, now, c, &unmatched_recorded) {
            unmatched_recorded.remove(k);
            continue;
        }
        let slot = slot(record, fingerprints, c);
        match best_partner(record, lock, &current[c], &unmatched_recorded, slot) {
            Some(k) => {
                let r = unmatched_recorded.remove(k);
                changes.changed.push(Changed {
                    current: c,
                    recorded: record.segments[r].clone(),
                });
            }
            None => changes.added.push(c),
        }
    }
    changes.removed = unmatched_recorded
        .into_iter()
        .map(|r| (r, record.segments[r].clone()))
        .collect();
    changes
}

/// The unmatched recorded segment (index into `candidates`) with the same kind and
/// text as current segment `c` and links that differ as written but name the same
/// targets. Images are not recorded, so links that are equal as written do not count:
/// the fingerprint then differs for another reason.
fn same_but_written_otherwise(
    record: &Record,
    lock: &Lock,
    now: &Current,
    c: usize,
    candidates: &[usize],
) -> Option<usize> {
    let segment = &now.segments[c];
    let links = (now.links)(c);
    if links.is_empty() {
        return None;
    }
    candidates.iter().position(|&r| {
        let Some(text) = lock.text(&record.segments[r]) else {
            return false;
        };
        if text.kind != segment.kind || text.text != segment.text || text.links.len() != links.len()
        {
            return false;
        }
        let old: Vec<String> = text
            .links
            .iter()
            .map(|l| fingerprint::recanonical(l, now.scope))
            .collect();
        let mut unpaired: Vec<&String> = links.iter().collect();
        text.links != links
            && old.iter().all(|a| {
                let partner = unpaired
                    .iter()
                    .position(|b| fingerprint::same_target_and_fragment(a, b));
                partner.map(|p| unpaired.remove(p)).is_some()
            })
    })
}

/// The range of record positions between the unchanged neighbours of current segment `c`.
fn slot(record: &Record, fingerprints: &[Fingerprint], c: usize) -> (usize, usize) {
    let position = |fp: &Fingerprint| record.segments.iter().position(|r| r == fp);
    let before = fingerprints[..c]
        .iter()
        .rev()
        .find_map(position)
        .map_or(0, |p| p + 1);
    let after = fingerprints[c + 1..]
        .iter()
        .find_map(position)
        .unwrap_or(record.segments.len());
    (before, after.max(before))
}

/// The recorded segment this current one most likely replaced: same kind and level,
/// in the same slot between unchanged neighbours, or elsewhere with similar words.
fn best_partner(
    record: &Record,
    lock: &Lock,
    segment: &Segment,
    candidates: &[usize],
    slot: (usize, usize),
) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (k, &r) in candidates.iter().enumerate() {
        let Some(text) = lock.text(&record.segments[r]) else {
            continue;
        };
        if text.kind != segment.kind {
            continue;
        }
        let similarity = word_similarity(&text.text, &segment.text);
        let in_slot = (slot.0..slot.1).contains(&r);
        let score = similarity + if in_slot { 1.0 } else { 0.0 };
        if (in_slot || similarity >= 0.6) && best.is_none_or(|(_, s)| score > s) {
            best = Some((k, score));
        }
    }
    best.map(|(k, _)| k)
}

/// Dice coefficient over the words of two texts.
pub fn word_similarity(a: &str, b: &str) -> f64 {
    let words = |t: &str| {
        let mut w: Vec<String> = t.split_whitespace().map(|w| w.to_lowercase()).collect();
        w.sort();
        w
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * super::align::common(&a, &b) as f64 / (a.len() + b.len()) as f64
}
