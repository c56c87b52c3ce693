//! The drift report model: what `naskah check`, the pages and the status pages read.
//!
//! Consumes: the findings the analysis layers produce.
//! Produces: [`Status`], [`Kind`] (with its calibrated default [`Severity`]),
//! [`Finding`], [`TranslationDrift`] per document × language, [`DocReport`] per document
//! and the site's [`DriftReport`].
//! Guarantees: kinds and statuses have stable names (every output format uses them);
//! translations come in document-key order, then config language order; the digests
//! pages and status pages compare change exactly when what they show changes.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::Severity;

/// The state of one translation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    InSync,
    Outdated,
    Untracked,
    Missing,
    Orphan,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::InSync,
        Status::Outdated,
        Status::Untracked,
        Status::Missing,
        Status::Orphan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::InSync => "in_sync",
            Status::Outdated => "outdated",
            Status::Untracked => "untracked",
            Status::Missing => "missing",
            Status::Orphan => "orphan",
        }
    }
}

/// What a finding is about. The names are stable: they appear in every output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    SourceChanged,
    SourceAdded,
    SourceRemoved,
    MissingSegment,
    ExtraSegment,
    HeadingStructure,
    NumberMismatch,
    LinkMismatch,
    CodeMismatch,
    UrlMismatch,
    ImageMismatch,
    Untranslated,
    LengthRatio,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::SourceChanged,
        Kind::SourceAdded,
        Kind::SourceRemoved,
        Kind::MissingSegment,
        Kind::ExtraSegment,
        Kind::HeadingStructure,
        Kind::NumberMismatch,
        Kind::LinkMismatch,
        Kind::CodeMismatch,
        Kind::UrlMismatch,
        Kind::ImageMismatch,
        Kind::Untranslated,
        Kind::LengthRatio,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SourceChanged => "source-changed",
            Kind::SourceAdded => "source-added",
            Kind::SourceRemoved => "source-removed",
            Kind::MissingSegment => "missing-segment",
            Kind::ExtraSegment => "extra-segment",
            Kind::HeadingStructure => "heading-structure",
            Kind::NumberMismatch => "number-mismatch",
            Kind::LinkMismatch => "link-mismatch",
            Kind::CodeMismatch => "code-mismatch",
            Kind::UrlMismatch => "url-mismatch",
            Kind::ImageMismatch => "image-mismatch",
            Kind::Untranslated => "untranslated",
            Kind::LengthRatio => "length-ratio",
        }
    }

    /// The severity a finding of this kind has unless its analysis says more (see
    /// [`invariants`] and the structure layer). Calibrated on real translations that
    /// nobody here wrote (`benches/drift_real/`): an error is on an outdated translation
    /// at least 95 % of the time, a warning at least 90 %; what is less sure than that
    /// is info. Translators localize links, sample text in code, heading ids and
    /// screenshots, and add notes, so those differences alone say little.
    pub fn severity(self) -> Severity {
        match self {
            Kind::SourceChanged
            | Kind::SourceAdded
            | Kind::SourceRemoved
            | Kind::MissingSegment
            | Kind::NumberMismatch => Severity::Warning,
            Kind::ExtraSegment
            | Kind::HeadingStructure
            | Kind::LinkMismatch
            | Kind::CodeMismatch
            | Kind::UrlMismatch
            | Kind::ImageMismatch
            | Kind::Untranslated
            | Kind::LengthRatio => Severity::Info,
        }
    }

    /// One line on what the kind means (SARIF rule descriptions, README).
    pub fn description(self) -> &'static str {
        match self {
            Kind::SourceChanged => {
                "The source text of this segment changed since the translation was accepted."
            }
            Kind::SourceAdded => "The source gained a segment since the translation was accepted.",
            Kind::SourceRemoved => {
                "The source of this translated segment was removed since the translation was accepted."
            }
            Kind::MissingSegment => "A source segment has no counterpart in the translation.",
            Kind::ExtraSegment => "A translation segment has no counterpart in the source.",
            Kind::HeadingStructure => "A heading has a different level than in the source.",
            Kind::NumberMismatch => {
                "Numbers differ (compared as values, in each language's notation)."
            }
            Kind::LinkMismatch => "Link targets differ.",
            Kind::CodeMismatch => "Inline code or a code block differs.",
            Kind::UrlMismatch => "A URL or e-mail address written in the text differs.",
            Kind::ImageMismatch => "Image sources differ.",
            Kind::Untranslated => "The segment was left in the source language.",
            Kind::LengthRatio => {
                "The length ratio is an outlier for this language (supporting evidence only)."
            }
        }
    }
}

/// A position: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One finding in one translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
    /// Where in the translation file.
    pub position: Position,
    /// Where in the source file, when a source segment is involved.
    pub source_position: Option<Position>,
    /// Translation segment and top-level block concerned (markers on pages).
    pub target_block: Option<usize>,
    /// Source top-level block concerned (the text a reader can reveal).
    pub source_block: Option<usize>,
    /// For `source-added`: the translation block it belongs before (`None`: at the end).
    pub insert_before: Option<usize>,
    /// For `source-changed`: the text accepted, and the text now.
    pub old_text: Option<String>,
    pub new_text: Option<String>,
    /// Byte range of the translation segment concerned, in the translation file.
    pub target_range: Option<Range<usize>>,
    /// Byte range of the source segment concerned, in the source file.
    pub source_range: Option<Range<usize>>,
}

/// One bead of a translation's alignment with its source: the source segments and the
/// translation segments that correspond (indexes into each page's segments, at most
/// two a side: paragraphs split or merged); either side may be empty (a segment
/// without counterpart). What `naskah translate` needs to put a new translation of a
/// source segment in the right place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aligned {
    source: [u32; 2],
    target: [u32; 2],
}

impl Aligned {
    const NONE: u32 = u32::MAX;

    pub fn new(source: &[usize], target: &[usize]) -> Self {
        let pack = |side: &[usize]| {
            let at = |k: usize| side.get(k).map_or(Self::NONE, |&i| i as u32);
            [at(0), at(1)]
        };
        Aligned {
            source: pack(source),
            target: pack(target),
        }
    }

    /// The source segments of the bead.
    pub fn source(&self) -> impl Iterator<Item = usize> + '_ {
        self.source
            .iter()
            .filter(|&&i| i != Self::NONE)
            .map(|&i| i as usize)
    }

    /// The translation segments of the bead.
    pub fn target(&self) -> impl Iterator<Item = usize> + '_ {
        self.target
            .iter()
            .filter(|&&i| i != Self::NONE)
            .map(|&i| i as usize)
    }
}

/// The drift state of one document in one language.
#[derive(Debug, Clone, Default)]
pub struct TranslationDrift {
    pub document: String,
    pub doc_index: Option<usize>,
    pub lang: String,
    pub source_file: Option<PathBuf>,
    pub file: Option<PathBuf>,
    pub status: Status,
    pub accepted: Option<String>,
    pub findings: Vec<Finding>,
    /// Source segments changed, added or removed since acceptance.
    pub changed_sections: usize,
    /// Share of source segments unchanged since acceptance (1 when untracked).
    pub in_sync_share: f64,
    /// Digest of the status and the findings shown on pages (rebuilds compare it).
    pub digest: u64,
    /// How the translation's segments correspond to the source's, in order.
    pub alignment: Vec<Aligned>,
}

impl TranslationDrift {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Drift of a whole site.
#[derive(Debug, Clone, Default)]
pub struct DriftReport {
    pub source_language: String,
    /// Per document (by index), shared with the drift cache: a rebuild copies pointers
    /// to unchanged documents' reports.
    docs: Vec<Arc<DocReport>>,
    /// Translations without a source page.
    orphans: Vec<Arc<TranslationDrift>>,
    /// Configured language codes, in config order.
    languages: Vec<String>,
}

/// The drift of one document's translations.
#[derive(Debug, Clone, Default)]
pub struct DocReport {
    /// In config order.
    pub translations: Vec<Arc<TranslationDrift>>,
    /// Per configured language: the digest of its translation's drift (`None` for the
    /// source language and missing translations), which pages compare.
    pub digests: Vec<Option<u64>>,
    /// A digest of every translation's digest and status (the status pages compare it).
    pub all: u64,
}

impl DocReport {
    pub(super) fn new(config: &Config, translations: Vec<Arc<TranslationDrift>>) -> Self {
        let digests = config
            .languages
            .iter()
            .map(|l| {
                let found = translations.iter().find(|t| t.lang == l.code);
                found.map(|t| t.digest)
            })
            .collect();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for t in &translations {
            std::hash::Hash::hash(&(t.digest, t.status), &mut hasher);
        }
        DocReport {
            translations,
            digests,
            all: std::hash::Hasher::finish(&hasher),
        }
    }

    /// The same document with other translation values (same digests: the length
    /// findings added are not shown on pages).
    pub(super) fn new_like(plain: &DocReport, translations: Vec<Arc<TranslationDrift>>) -> Self {
        DocReport {
            translations,
            digests: plain.digests.clone(),
            all: plain.all,
        }
    }
}

impl DriftReport {
    pub(super) fn new(
        config: &Config,
        docs: Vec<Arc<DocReport>>,
        orphans: Vec<Arc<TranslationDrift>>,
    ) -> Self {
        DriftReport {
            source_language: config.source().code.clone(),
            docs,
            orphans,
            languages: config.languages.iter().map(|l| l.code.clone()).collect(),
        }
    }

    /// Every translation, by document key, then language in config order.
    pub fn translations(&self) -> Vec<&TranslationDrift> {
        let mut all: Vec<&TranslationDrift> = self
            .docs
            .iter()
            .flat_map(|d| d.translations.iter().map(|t| &**t))
            .collect();
        if !self.orphans.is_empty() {
            all.extend(self.orphans.iter().map(|t| &**t));
            let order = |lang: &str| self.languages.iter().position(|l| l == lang);
            all.sort_by(|a, b| (&a.document, order(&a.lang)).cmp(&(&b.document, order(&b.lang))));
        }
        all
    }

    /// The drift of document `doc_index`'s translations.
    pub fn document(&self, doc_index: usize) -> Option<&Arc<DocReport>> {
        self.docs.get(doc_index)
    }

    /// Digests of the status pages' inputs: every document's and every orphan's drift.
    pub fn digest(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for doc in &self.docs {
            std::hash::Hash::hash(&doc.all, &mut hasher);
        }
        for t in &self.orphans {
            std::hash::Hash::hash(&(&t.document, &t.lang), &mut hasher);
        }
        std::hash::Hasher::finish(&hasher)
    }

    pub fn get(&self, doc_index: usize, lang: &str) -> Option<&TranslationDrift> {
        let doc = self.docs.get(doc_index)?;
        doc.translations
            .iter()
            .map(|t| &**t)
            .find(|t| t.lang == lang)
    }

    /// Keeps only the translations into `lang`.
    pub fn retain_lang(&mut self, lang: &str) {
        for doc in &mut self.docs {
            let kept = doc
                .translations
                .iter()
                .filter(|t| t.lang == lang)
                .cloned()
                .collect();
            *doc = Arc::new(DocReport {
                translations: kept,
                ..DocReport::clone(doc)
            });
        }
        self.orphans.retain(|t| t.lang == lang);
        self.languages
            .retain(|l| *l == lang || *l == self.source_language);
    }

    /// Counts of statuses per language, in config order.
    pub fn summary(&self, config: &Config) -> Vec<(String, BTreeMap<Status, usize>)> {
        let all = self.translations();
        config
            .languages
            .iter()
            // A report narrowed to one language ([`DriftReport::retain_lang`]) sums it.
            .filter(|l| !l.is_source && self.languages.contains(&l.code))
            .map(|l| {
                let mut counts = BTreeMap::new();
                for t in all.iter().filter(|t| t.lang == l.code) {
                    *counts.entry(t.status).or_insert(0) += 1;
                }
                (l.code.clone(), counts)
            })
            .collect()
    }
}
