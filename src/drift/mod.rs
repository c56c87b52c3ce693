//! Translation drift: where a translation no longer matches its source, per segment.
//!
//! Consumes: the [`Site`] (every page parsed once, with its segments) and the [`Lock`]
//! (provenance recorded by `naskah accept`).
//! Produces: a [`DriftReport`]: for every document × language a [`Status`] and
//! [`Finding`]s, each with a stable kebab-case kind, a severity, and positions in both
//! the translation and the source file.
//! Guarantees: layers by certainty: provenance (authoritative) → structural alignment →
//! invariants on aligned pairs → length statistics (info only, never an error alone).
//! Severities are calibrated on real translations (see [`Kind::severity`]).
//! Deterministic; documents are analysed independently (in parallel), so the cost is
//! linear in the site size.
//!
//! The files: `model` (the report: statuses, kinds, findings), `analysis` (layers 1–3
//! of one translation), `length` (layer 4, the length statistics), `incremental` (the
//! whole site, reusing the previous build's analyses), `report` (the output formats);
//! what the layers read: `features`, `fingerprint`, `code`, `numbers`,
//! `untranslated`, `provenance`, `align`, `invariants`, `lock`.

pub mod align;
mod analysis;
pub mod code;
pub mod features;
pub mod fingerprint;
mod incremental;
mod invariants;
pub mod length;
pub mod lock;
mod model;
pub mod numbers;
pub mod provenance;
pub mod report;
pub mod untranslated;

use std::sync::Arc;

use crate::site::Site;
pub use analysis::{record, shorten};
pub use incremental::{DriftCache, analyze_with};
use lock::Lock;
pub use model::{
    Aligned, DocReport, DriftReport, Finding, Kind, Position, Status, TranslationDrift,
};

/// Analyses every translation of the site.
pub fn analyze(site: &Site, lock: &Arc<Lock>) -> DriftReport {
    analyze_with(site, lock, &mut DriftCache::disabled())
}
