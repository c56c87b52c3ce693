//! Layers 1–3 of one translation: provenance, structure, invariants.
//!
//! Consumes: one document's source page (its segments, features and fingerprints,
//! computed once and shared by its translations as a [`SourceSide`]), one translation
//! page, its record in the lock, and the language's expected length ratio.
//! Produces: the translation's [`TranslationDrift`] (status and findings, each with
//! positions in both files, the segments' byte ranges and block indexes) and its
//! length samples for layer 4 ([`super::length`]).
//! Guarantees: layers by certainty. Provenance (the lock) says what changed in the
//! source; the alignment (of the body in the order the translation was made from)
//! places every finding; invariants are compared only on aligned pairs. Pure: the same
//! inputs give the same findings, in position order.

use rustc_hash::{FxHashMap, FxHashSet};

use super::align::{self, Bead, Shape};
use super::length::{MIN_SAMPLE_LEN, Sample};
use super::lock::{self, Lock};
use super::provenance::{self, Changes};
use super::{Aligned, Finding, Kind, Position, Status, TranslationDrift};
use super::{features, fingerprint, invariants, numbers, untranslated};
use crate::diagnostic::{LineIndex, Severity};
use crate::markdown::segments::{Segment, SegmentKind};
use crate::site::{ParsedPage, Site, path_to_slash};

/// What every translation of a document shares: the source page and its features.
pub(super) struct SourceSide<'a> {
    index: usize,
    page: &'a ParsedPage,
    dir: String,
    scope: &'a fingerprint::LinkScope,
    features: Vec<features::Features>,
    /// The keys of its code blocks, which a translation's unchanged blocks take.
    code_keys: features::CodeKeys<'a>,
    fingerprints: Vec<fingerprint::Fingerprint>,
    prepared: Lazy,
    /// The texts long enough to anchor the alignment when a translation copies one
    /// (see [`Pair::anchor_copies`]), shared by every translation of the document.
    long_texts: FxHashSet<&'a str>,
    lines: LineIndex,
}

impl<'a> SourceSide<'a> {
    pub(super) fn new(site: &'a Site, index: usize, scope: &'a fingerprint::LinkScope) -> Self {
        let doc = site.document(index);
        let page = &site.docs[index].pages[&doc.source.lang];
        let dir = content_dir(&doc.source.path);
        let at = features::PageAt {
            lang: &doc.source.lang,
            dir: &dir,
            scope,
        };
        let features = features::of_page(&page.segments, at, &features::CodeKeys::default());
        let code_keys = features::CodeKeys::of(&page.segments, &features);
        let fingerprints = page
            .segments
            .iter()
            .map(|s| fingerprint::fingerprint(s, &fingerprint::canonical_links(s, &dir, scope)))
            .collect();
        let prepared = Lazy::new(page.segments.len());
        let long_texts = page
            .segments
            .iter()
            .filter(|x| x.block().is_some() && x.text.len() >= MIN_COPY)
            .map(|x| x.text.as_str())
            .collect();
        SourceSide {
            index,
            page,
            dir,
            scope,
            features,
            code_keys,
            fingerprints,
            prepared,
            long_texts,
            lines: LineIndex::new(&doc.source.text),
        }
    }
}

pub(super) fn analyze_document(
    site: &Site,
    lock: &Lock,
    side: &SourceSide,
    (lang, ratio): (&str, f64),
    scratch: &mut align::Scratch,
) -> (TranslationDrift, Vec<Sample>) {
    let index = side.index;
    let doc = site.document(index);
    let Some(page) = doc.translations.get(lang) else {
        return (
            TranslationDrift {
                document: doc.key.clone(),
                doc_index: Some(index),
                lang: lang.to_string(),
                source_file: Some(doc.source.path.clone()),
                status: Status::Missing,
                in_sync_share: 0.0,
                ..TranslationDrift::default()
            },
            Vec::new(),
        );
    };
    let source = side.page;
    let target = &site.docs[index].pages[lang];
    let target_lines = LineIndex::new(&page.text);
    let at = features::PageAt {
        lang,
        dir: &side.dir,
        scope: side.scope,
    };
    let target_features = features::of_page(&target.segments, at, &side.code_keys);
    let languages = untranslated::Languages::new(&doc.source.lang, lang);
    let pair = Pair {
        source,
        target,
        source_text: &doc.source.text,
        target_text: &page.text,
        source_lang: &doc.source.lang,
        languages: &languages,
        source_features: &side.features,
        target_features: &target_features,
        source_prepared: &side.prepared,
        source_long_texts: &side.long_texts,
        source_lines: &side.lines,
        target_lines: &target_lines,
    };
    let fingerprints = &side.fingerprints;
    let record = lock.record(&doc.key, lang);
    let links = |i: usize| side.features[i].links.as_slice();
    let now = provenance::Current {
        segments: &source.segments,
        fingerprints,
        links: &links,
        scope: side.scope,
    };
    let changes = record.map(|r| provenance::compare(r, lock, &now));
    let order = pair.source_order(record.map(|r| &**r), changes.as_ref(), lock, fingerprints);
    let beads = pair.beads(ratio, &order, scratch);
    let accepted = record.map(|r| r.accepted.clone());
    let mut analysis = Analysis {
        pair: &pair,
        beads: &beads,
        findings: Vec::new(),
        accepted: accepted.clone(),
    };
    if let Some(changes) = &changes {
        analysis.provenance(changes, lock);
    }
    analysis.structure(changes.as_ref());
    analysis.invariants();
    let samples = analysis.samples();
    let mut findings = analysis.findings;
    findings.sort_by_key(|f| (f.position, f.kind));
    let body_segments = source.segments.len().max(1) as f64;
    let (status, changed_sections, in_sync_share) = match &changes {
        None => (Status::Untracked, 0, 1.0),
        Some(c) if c.is_empty() => (Status::InSync, 0, 1.0),
        Some(c) => (
            Status::Outdated,
            c.count(),
            1.0 - (c.changed.len() + c.added.len()) as f64 / body_segments,
        ),
    };
    let digest = {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(
            &format!("{status:?}{accepted:?}{changed_sections}{findings:?}"),
            &mut hasher,
        );
        std::hash::Hasher::finish(&hasher)
    };
    (
        TranslationDrift {
            document: doc.key.clone(),
            doc_index: Some(index),
            lang: lang.to_string(),
            source_file: Some(doc.source.path.clone()),
            file: Some(page.path.clone()),
            status,
            accepted,
            findings,
            changed_sections,
            in_sync_share,
            digest,
            alignment: beads
                .iter()
                .map(|b| Aligned::new(&b.source, &b.target))
                .collect(),
        },
        samples,
    )
}

/// Texts shorter than this (in bytes) are too common to anchor an alignment when a
/// translation keeps them ("Yes", a product name).
const MIN_COPY: usize = 16;

/// Folder of a content file, relative to `content/`, with `/`.
fn content_dir(path: &std::path::Path) -> String {
    let rel = path.strip_prefix("content").unwrap_or(path);
    rel.parent().map(path_to_slash).unwrap_or_default()
}

/// A source page and one translation, with what the checks need of both.
struct Pair<'a> {
    source: &'a ParsedPage,
    target: &'a ParsedPage,
    source_text: &'a str,
    target_text: &'a str,
    source_lang: &'a str,
    languages: &'a untranslated::Languages,
    source_features: &'a [features::Features],
    target_features: &'a [features::Features],
    /// Source segments prepared for the untranslated check, shared across languages.
    source_prepared: &'a Lazy,
    source_long_texts: &'a FxHashSet<&'a str>,
    source_lines: &'a LineIndex,
    target_lines: &'a LineIndex,
}

/// Source segments prepared for [`untranslated`] on first use, then shared by every
/// translation of the document.
struct Lazy(Vec<std::sync::OnceLock<untranslated::Prepared>>);

impl Lazy {
    fn new(len: usize) -> Self {
        Lazy((0..len).map(|_| std::sync::OnceLock::new()).collect())
    }

    fn get(&self, index: usize, text: &str) -> &untranslated::Prepared {
        self.0[index].get_or_init(|| untranslated::Prepared::new(text))
    }
}

impl Pair<'_> {
    fn source_position(&self, segment: usize) -> Position {
        position(
            self.source_lines,
            self.source_text,
            self.source.segments[segment].range().start,
        )
    }

    fn target_position(&self, segment: usize) -> Position {
        position(
            self.target_lines,
            self.target_text,
            self.target.segments[segment].range().start,
        )
    }

    /// Beads over all segments: front matter pairs by kind, the body by alignment.
    fn beads(&self, ratio: f64, order: &SourceOrder, scratch: &mut align::Scratch) -> Vec<Bead> {
        let mut beads = Vec::new();
        let mut demoted_title = None;
        for kind in [SegmentKind::Title, SegmentKind::Description] {
            let s = self.source.segments.iter().position(|x| x.kind == kind);
            let mut t = self.target.segments.iter().position(|x| x.kind == kind);
            if kind == SegmentKind::Title && t.is_none() {
                // A `# Title` the translation wrote as `## Title` is its first heading.
                t = self.demoted_title(s);
                demoted_title = t;
            }
            if s.is_some() || t.is_some() {
                beads.push(Bead {
                    source: s.into_iter().collect(),
                    target: t.into_iter().collect(),
                    removed: None,
                });
            }
        }
        let tb: Vec<usize> = (0..self.target.segments.len())
            .filter(|&i| self.target.segments[i].block().is_some() && Some(i) != demoted_title)
            .collect();
        let source_shapes: Vec<Shape> = order
            .items
            .iter()
            .map(|item| match item {
                OrderItem::Current(i) => Shape {
                    new: order.added.contains(i),
                    ..self.shape(&self.source.segments[*i], &self.source_features[*i])
                },
                OrderItem::Removed(_, shape) => shape.clone(),
            })
            .collect();
        let mut target_shapes: Vec<Shape> = tb
            .iter()
            .map(|&i| self.shape(&self.target.segments[i], &self.target_features[i]))
            .collect();
        let mut source_shapes = source_shapes;
        self.anchor_copies(order, &mut source_shapes, &tb, &mut target_shapes);
        let body_beads = align::align_with(scratch, &source_shapes, &target_shapes, ratio);
        beads.extend(body_beads.into_iter().map(|b| {
            let mut bead = Bead {
                source: align::Segments::new(),
                target: b.target.iter().map(|&i| tb[i]).collect(),
                removed: None,
            };
            for &k in &b.source {
                match &order.items[k] {
                    OrderItem::Current(i) => bead.source.push(*i),
                    OrderItem::Removed(r, _) => bead.removed = Some(*r),
                }
            }
            bead
        }));
        beads
    }

    /// Text left as it is in the translation (untranslated, a name, a quote) is the
    /// surest anchor there is: a segment whose text (16 characters or more) stands on
    /// both sides gets that text as one more invariant, on both sides. Only such copies
    /// get one, so the aligner's bound stays as tight as it was elsewhere.
    fn anchor_copies(
        &self,
        order: &SourceOrder,
        source_shapes: &mut [Shape],
        target_body: &[usize],
        target_shapes: &mut [Shape],
    ) {
        let text_of = |item: &OrderItem| match item {
            OrderItem::Current(i) => Some(self.source.segments[*i].text.as_str()),
            OrderItem::Removed(..) => None,
        };
        let source_texts = self.source_long_texts;
        if source_texts.is_empty() {
            return;
        }
        let key = |text: &str| align::invariant_keys([&format!("\u{1}copy\u{1}{text}")])[0];
        let mut copied: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        for (k, &t) in target_body.iter().enumerate() {
            let text = self.target.segments[t].text.as_str();
            if text.len() >= MIN_COPY && source_texts.contains(text) {
                copied.insert(text);
                let shape = &mut target_shapes[k];
                shape.invariants.push(key(text));
                shape.invariants.sort_unstable();
            }
        }
        for (item, shape) in order.items.iter().zip(source_shapes.iter_mut()) {
            if let Some(text) = text_of(item).filter(|t| copied.contains(t)) {
                shape.invariants.push(key(text));
                shape.invariants.sort_unstable();
            }
        }
    }

    fn demoted_title(&self, source_title: Option<usize>) -> Option<usize> {
        let title = &self.source.segments[source_title?];
        let first = self
            .target
            .segments
            .iter()
            .position(|x| x.block().is_some())?;
        let heading = &self.target.segments[first];
        (title.level == 1 && heading.kind == SegmentKind::Heading && heading.block() == Some(0))
            .then_some(first)
    }

    fn shape(&self, segment: &Segment, features: &features::Features) -> Shape {
        Shape {
            kind: segment.kind,
            level: segment.level,
            len: features.units,
            invariants: features.invariants.clone(),
            new: false,
        }
    }

    /// The source body in the order the translation was made from: with a record, the
    /// recorded order (so moved paragraphs align with their translation), with the
    /// recorded segments since removed standing where they were.
    fn source_order(
        &self,
        record: Option<&lock::Record>,
        changes: Option<&Changes>,
        lock: &Lock,
        fingerprints: &[fingerprint::Fingerprint],
    ) -> SourceOrder {
        let body: Vec<usize> = (0..self.source.segments.len())
            .filter(|&i| self.source.segments[i].block().is_some())
            .collect();
        let in_order = || SourceOrder {
            items: body.iter().copied().map(OrderItem::Current).collect(),
            added: Vec::new(),
        };
        let (Some(record), Some(changes)) = (record, changes) else {
            return in_order();
        };
        // The recorded fingerprints in the current order, none changed: each segment
        // takes its own position (most translations of a site in sync).
        if changes.is_empty() && *record.segments == *fingerprints {
            return in_order();
        }
        // A text can occur several times (table cells such as "Yes"): the n-th current
        // occurrence takes the n-th recorded position.
        let mut positions: FxHashMap<&str, std::collections::VecDeque<usize>> =
            FxHashMap::default();
        for (r, fp) in record.segments.iter().enumerate() {
            positions.entry(fp.as_str()).or_default().push_back(r);
        }
        let partner: FxHashMap<usize, &str> = changes
            .changed
            .iter()
            .map(|c| (c.current, c.recorded.as_str()))
            .collect();
        let mut keyed: Vec<((usize, usize), OrderItem)> = Vec::new();
        let mut previous = (0, 0);
        for (i, fp) in fingerprints.iter().enumerate() {
            let recorded = partner.get(&i).copied().unwrap_or(fp);
            let position = positions
                .get_mut(recorded)
                .and_then(|queue| queue.pop_front());
            // Not `body.contains`: a linear search per segment was quadratic in the
            // document's length.
            if self.source.segments[i].block().is_none() {
                continue;
            }
            let key = match position {
                Some(r) => (r, 0),
                None => (previous.0, previous.1 + 1),
            };
            previous = key;
            keyed.push((key, OrderItem::Current(i)));
        }
        for (k, (r, fp)) in changes.removed.iter().enumerate() {
            let Some(text) = lock.text(fp) else { continue };
            if matches!(text.kind, SegmentKind::Title | SegmentKind::Description) {
                continue;
            }
            let numbers: Vec<String> = numbers::extract(&text.text, self.source_lang)
                .into_iter()
                .map(|n| n.0)
                .collect();
            let invariants = align::invariant_keys(numbers.iter().chain(&text.links));
            let shape = Shape {
                kind: text.kind,
                level: 0,
                len: crate::markdown::segments::text_units(&text.text),
                invariants,
                new: true,
            };
            keyed.push(((*r, 0), OrderItem::Removed(k, shape)));
        }
        keyed.sort_by_key(|(key, _)| *key);
        SourceOrder {
            items: keyed.into_iter().map(|(_, item)| item).collect(),
            added: changes.added.clone(),
        }
    }
}

/// The source body as the aligner sees it.
struct SourceOrder {
    items: Vec<OrderItem>,
    added: Vec<usize>,
}

enum OrderItem {
    /// A current source segment.
    Current(usize),
    /// A recorded segment since removed (index into `Changes::removed`).
    Removed(usize, Shape),
}

fn position(lines: &LineIndex, text: &str, offset: usize) -> Position {
    let (line, column) = lines.line_column(text, offset);
    Position { line, column }
}

/// Findings for one translation, built layer by layer.
struct Analysis<'a> {
    pair: &'a Pair<'a>,
    beads: &'a [Bead],
    findings: Vec<Finding>,
    accepted: Option<String>,
}

impl Analysis<'_> {
    fn push(
        &mut self,
        kind: Kind,
        message: String,
        target: Option<usize>,
        source: Option<usize>,
    ) -> &mut Finding {
        let pair = self.pair;
        let position = match target {
            Some(t) => pair.target_position(t),
            None => self.insertion_position(source),
        };
        let insert_before = match target {
            Some(_) => None,
            None => self
                .next_target(source)
                .and_then(|t| pair.target.segments[t].block()),
        };
        self.findings.push(Finding {
            kind,
            severity: kind.severity(),
            message,
            position,
            source_position: source.map(|s| pair.source_position(s)),
            target_block: target.and_then(|t| pair.target.segments[t].block()),
            source_block: source.and_then(|s| pair.source.segments[s].block()),
            insert_before,
            old_text: None,
            new_text: None,
            target_range: target.map(|t| pair.target.segments[t].range()),
            source_range: source.map(|s| pair.source.segments[s].range()),
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    fn bead_of_source(&self, source: usize) -> Option<&Bead> {
        self.beads.iter().find(|b| b.source.contains(&source))
    }

    /// The first translation segment after the place where `source` would be.
    fn next_target(&self, source: Option<usize>) -> Option<usize> {
        let start = source.and_then(|s| self.beads.iter().position(|b| b.source.contains(&s)))?;
        self.beads[start..]
            .iter()
            .find_map(|b| b.target.first().copied())
    }

    fn insertion_position(&self, source: Option<usize>) -> Position {
        match self.next_target(source) {
            Some(t) => self.pair.target_position(t),
            None => position(
                self.pair.target_lines,
                self.pair.target_text,
                self.pair.target_text.len(),
            ),
        }
    }

    fn since(&self) -> String {
        self.accepted
            .as_deref()
            .map_or_else(String::new, |d| format!(" since it was accepted on {d}"))
    }

    /// Layer 1: what changed in the source since acceptance.
    fn provenance(&mut self, changes: &Changes, lock: &Lock) {
        let since = self.since();
        let pair = self.pair;
        for changed in &changes.changed {
            let c = changed.current;
            let segment = &pair.source.segments[c];
            let old = lock
                .text(&changed.recorded)
                .map(|t| t.text.clone())
                .unwrap_or_default();
            let invariants_only = fingerprint::prose(&old, segment.code())
                == fingerprint::prose(&segment.text, segment.code());
            let what = if invariants_only {
                "only numbers, links or code changed (a mechanical update)"
            } else {
                "its text changed"
            };
            let target = self
                .bead_of_source(c)
                .and_then(|b| b.target.first().copied());
            let message = format!(
                "the source {} was edited{since}: {what}",
                segment.kind.as_str()
            );
            let finding = self.push(Kind::SourceChanged, message, target, Some(c));
            if invariants_only {
                // The invariant checks say what is now wrong on the page, if anything.
                finding.severity = Severity::Info;
            }
            finding.old_text = Some(old.to_string());
            finding.new_text = Some(segment.text.to_string());
        }
        for &c in &changes.added {
            let segment = &pair.source.segments[c];
            let counterpart = self
                .bead_of_source(c)
                .and_then(|b| b.target.first().copied());
            let state = match counterpart {
                Some(_) => "; this translation seems to cover it: accept it once reviewed",
                None => " and is not translated",
            };
            let message = format!(
                "a {} was added to the source{since}{state}",
                segment.kind.as_str()
            );
            let finding = self.push(Kind::SourceAdded, message, counterpart, Some(c));
            finding.new_text = Some(segment.text.to_string());
        }
        for (k, (_, fp)) in changes.removed.iter().enumerate() {
            let old = lock.text(fp).map(|t| t.text.clone()).unwrap_or_default();
            // The translation of a removed segment is what the aligner placed where it stood.
            let place = self.beads.iter().position(|b| b.removed == Some(k));
            let target = place.and_then(|p| self.beads[p].target.first().copied());
            let Some(target) = target else {
                // The translation already dropped it too: nothing stale on the page.
                continue;
            };
            let message = format!(
                "the source of this text was removed{since}: \"{}\"",
                shorten(&old, 60)
            );
            let finding = self.push(Kind::SourceRemoved, message, Some(target), None);
            finding.old_text = Some(old.to_string());
        }
    }

    /// Layer 2: segments without counterpart and heading levels.
    fn structure(&mut self, changes: Option<&Changes>) {
        let added: Vec<usize> = changes.map(|c| c.added.clone()).unwrap_or_default();
        for bead in self.beads.iter().filter(|b| b.removed.is_none()) {
            match (bead.source.as_slice(), bead.target.as_slice()) {
                ([s], []) if !added.contains(s) => {
                    let segment = &self.pair.source.segments[*s];
                    let kind = segment.kind.as_str();
                    let message =
                        format!("this source {kind} has no counterpart in the translation");
                    let recorded = changes.is_some();
                    let finding = self.push(Kind::MissingSegment, message, None, Some(*s));
                    if recorded
                        || (segment.kind != SegmentKind::CodeBlock
                            && untranslated::is_code_like(&segment.text))
                    {
                        // With a record, provenance says what the source gained since
                        // (`source-added`); a gap it does not explain was there when the
                        // translation was accepted: the translator's choice, not drift.
                        // Without one: a line of code outside a code block (an MDX
                        // `import`) is nothing a reader misses untranslated.
                        finding.severity = Severity::Info;
                    } else if segment.kind == SegmentKind::Heading {
                        // A whole section the translation lacks.
                        finding.severity = Severity::Error;
                    }
                }
                ([], [t]) => {
                    let kind = self.pair.target.segments[*t].kind.as_str();
                    self.push(
                        Kind::ExtraSegment,
                        format!("this {kind} has no counterpart in the source"),
                        Some(*t),
                        None,
                    );
                }
                ([s], [t]) => {
                    let (sl, tl) = (
                        self.pair.source.segments[*s].level,
                        self.pair.target.segments[*t].level,
                    );
                    if sl != tl {
                        let message = format!("heading level {tl} here, level {sl} in the source");
                        self.push(Kind::HeadingStructure, message, Some(*t), Some(*s));
                    }
                }
                _ => {}
            }
        }
    }

    /// Layer 3: invariants of aligned pairs.
    fn invariants(&mut self) {
        for bead in self.beads {
            if bead.source.is_empty() || bead.target.is_empty() {
                continue;
            }
            let pair = self.pair;
            let src: Vec<&Segment> = bead
                .source
                .iter()
                .map(|&i| &pair.source.segments[i])
                .collect();
            let tgt: Vec<&Segment> = bead
                .target
                .iter()
                .map(|&i| &pair.target.segments[i])
                .collect();
            let (s0, t0) = (bead.source[0], bead.target[0]);
            let checks = invariants::checks(
                &invariants::Side::of(&bead.source, pair.source, pair.source_features),
                &invariants::Side::of(&bead.target, pair.target, pair.target_features),
            );
            for (kind, severity, message) in checks {
                self.push(kind, message, Some(t0), Some(s0)).severity = severity;
            }
            if let ([s], [t]) = (src.as_slice(), tgt.as_slice())
                && s.kind != SegmentKind::CodeBlock
                // An image's alt text left as it is: a choice, not a missed paragraph.
                && s.images().is_empty()
                && untranslated::may_be_untranslated(&s.text, &t.text, pair.languages)
                && untranslated::untranslated(
                    pair.source_prepared.get(s0, &s.text),
                    &untranslated::Prepared::new(&t.text),
                    pair.languages,
                )
            {
                self.push(
                    Kind::Untranslated,
                    format!("this text is still in `{}`", pair.source_lang),
                    Some(t0),
                    Some(s0),
                );
            }
        }
    }

    fn samples(&self) -> Vec<Sample> {
        self.beads
            .iter()
            .filter_map(|b| match (b.source.as_slice(), b.target.as_slice()) {
                ([s], [t]) => {
                    let kind = self.pair.source.segments[*s].kind;
                    let prose = matches!(kind, SegmentKind::Paragraph | SegmentKind::ListItem);
                    let (sl, tl) = (
                        self.pair.source_features[*s].units,
                        self.pair.target_features[*t].units,
                    );
                    let indexes = (u32::try_from(*s).ok(), u32::try_from(*t).ok());
                    match indexes {
                        (Some(source), Some(target)) if prose && sl >= MIN_SAMPLE_LEN && tl > 0 => {
                            Some(Sample {
                                log_ratio: (tl as f64 / sl as f64).ln(),
                                source,
                                target,
                            })
                        }
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect()
    }
}

pub fn shorten(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() <= max && !text.contains('\n') {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(max).collect::<String>())
    }
}

/// The provenance record of a translation as of now: every current source segment.
pub fn record(
    site: &Site,
    index: usize,
    lang: &str,
    today: &str,
) -> (
    lock::Record,
    Vec<(fingerprint::Fingerprint, lock::RecordedText)>,
) {
    let doc = site.document(index);
    let source = &site.docs[index].pages[&doc.source.lang];
    let dir = content_dir(&doc.source.path);
    let scope = fingerprint::LinkScope::of(site.config);
    let mut fingerprints = Vec::with_capacity(source.segments.len());
    let mut texts = Vec::with_capacity(source.segments.len());
    for segment in &source.segments {
        let links = fingerprint::canonical_links(segment, &dir, &scope);
        let fp = fingerprint::fingerprint(segment, &links);
        texts.push((
            fp.clone(),
            lock::RecordedText {
                kind: segment.kind,
                text: segment.text.as_str().into(),
                links,
            },
        ));
        fingerprints.push(fp);
    }
    let record = lock::Record {
        document: doc.key.clone(),
        lang: lang.to_string(),
        accepted: today.to_string(),
        segments: fingerprints.into(),
        engine: None,
    };
    (record, texts)
}
