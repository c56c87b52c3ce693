//! Provenance: what changed in the source since a translation was accepted.
//!
//! Consumes: the recorded fingerprints of a translation (from `naskah.lock`) and the
//! current source segments with their fingerprints.
//! Produces: [`Changes`]: source segments changed (paired with the text they had),
//! added, and recorded segments removed.
//! Guarantees: a segment whose fingerprint is recorded anywhere is unchanged, so moved
//! or reordered paragraphs are not drift; a typo fix in the translation changes nothing
//! here, since only source fingerprints are compared.

use rustc_hash::FxHashSet;

use super::lock::{Lock, Record};
use crate::markdown::segments::Segment;

/// A current source segment whose text differs from what was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub current: usize,
    /// Fingerprint of the recorded segment it replaced.
    pub recorded: String,
}

/// The differences between the recorded source and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub changed: Vec<Changed>,
    pub added: Vec<usize>,
    /// (position in the record, fingerprint) of recorded segments that are gone.
    pub removed: Vec<(usize, String)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    pub fn count(&self) -> usize {
        self.changed.len() + self.added.len() + self.removed.len()
    }
}

/// Compares a record with the current source.
pub fn compare(
    record: &Record,
    lock: &Lock,
    current: &[Segment],
    fingerprints: &[String],
) -> Changes {
    let recorded: FxHashSet<&str> = record.segments.iter().map(String::as_str).collect();
    let present: FxHashSet<&str> = fingerprints.iter().map(String::as_str).collect();
    let mut unmatched_recorded: Vec<usize> = (0..record.segments.len())
        .filter(|&r| !present.contains(record.segments[r].as_str()))
        .collect();
    let mut changes = Changes::default();
    for (c, fp) in fingerprints.iter().enumerate() {
        if recorded.contains(fp.as_str()) {
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

/// The range of record positions between the unchanged neighbours of current segment `c`.
fn slot(record: &Record, fingerprints: &[String], c: usize) -> (usize, usize) {
    let position = |fp: &String| record.segments.iter().position(|r| r == fp);
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
