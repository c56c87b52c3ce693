//! Drift marks on rendered pages.
//!
//! Consumes: a translation's block HTML, its [`TranslationDrift`], and the source page's
//! block HTML and anchors.
//! Produces: the page body with every drifted block wrapped in
//! `<div class="drift" data-drift="KIND">`, a visible label in the page's language, a
//! link to the matching block of the source page, and the current source text in a
//! `<details>` (no JavaScript) marked `lang`/`dir` of the source, also inside RTL pages;
//! with `drift = "fallback"` the source text replaces the drifted block. Source pages get
//! a stable anchor before every block.
//! Guarantees: blocks without findings are written unchanged; info findings
//! (`length-ratio`) never show on pages.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::{DriftPolicy, Language};
use crate::diagnostic::{Diagnostic, Severity};
use crate::drift::{Finding, Kind, TranslationDrift};
use crate::i18n::Locales;
use crate::markdown::BlocksHtml;
use crate::render::Renderer;

use serde::Serialize;

/// Whether a finding is shown on the page.
pub fn shown(finding: &Finding) -> bool {
    finding.severity >= Severity::Warning
}

/// Where the findings shown on a translation page start, in its body (`body_start` is
/// where the body begins in the file), with their kind: the HTML pass marks the list
/// items among them (see [`crate::markdown::render_blocks`]).
pub fn marked_items(drift: &TranslationDrift, body_start: usize) -> Vec<(usize, &'static str)> {
    drift
        .findings
        .iter()
        .filter(|f| shown(f))
        .filter_map(|f| {
            let start = f.target_range.as_ref()?.start.checked_sub(body_start)?;
            Some((start, f.kind.as_str()))
        })
        .collect()
}

/// Source page body: an anchor before every block that is not a heading (headings carry
/// their own id).
pub fn with_anchors(blocks: &BlocksHtml, anchors: &[String]) -> String {
    let total: usize = blocks.iter().map(str::len).sum();
    let mut out = String::with_capacity(total + blocks.len() * 48);
    for (html, anchor) in blocks.iter().zip(anchors) {
        if !html.starts_with("<h") || html.starts_with("<hr") {
            out.push_str("<span class=\"block-anchor\" id=\"");
            out.push_str(&escape(anchor));
            out.push_str("\"></span>");
        }
        out.push_str(html);
    }
    out
}

/// What a translation page needs to mark its drifted blocks.
pub struct Marker<'a> {
    pub locales: &'a Locales,
    /// Renders each mark with the theme's `_drift_mark.html`.
    pub renderer: &'a Renderer,
    /// The page being made, for template errors.
    pub output: &'a str,
    pub lang: &'a Language,
    pub source_lang: &'a Language,
    pub source_blocks: BlocksHtml,
    pub source_anchors: Vec<String>,
    /// Relative URL of the source page from this page.
    pub source_url: String,
}

/// What `_drift_mark.html` gets as `mark`: one drifted block, or one source block the
/// translation lacks (see `docs/TEMPLATES.md`).
#[derive(Serialize)]
struct Mark<'a> {
    kind: &'static str,
    label: String,
    source_href: Option<String>,
    source_lang: &'a str,
    source_dir: &'static str,
    /// `drift = "fallback"`: show the source text instead of the block.
    fallback: bool,
    /// The translation's block, or none where the source block is missing from it.
    block: Option<&'a str>,
    /// Per changed source segment, its word diff since acceptance.
    diffs: Vec<Vec<Word>>,
    /// The current source text of the block, or none when it has no source block.
    source_html: Option<String>,
}

#[derive(Serialize)]
struct Word {
    /// `same`, `del` or `ins`.
    op: &'static str,
    text: String,
}

impl Marker<'_> {
    pub fn compose(
        &self,
        blocks: &BlocksHtml,
        drift: &TranslationDrift,
    ) -> Result<String, Diagnostic> {
        let mut on_block: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
        let mut inserted: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for f in drift.findings.iter().filter(|f| shown(f)) {
            match (f.target_block, f.source_block) {
                (Some(block), _) => on_block.entry(block).or_default().push(f),
                (None, Some(source)) if seen.insert(source) => inserted
                    .entry(f.insert_before.unwrap_or(usize::MAX))
                    .or_default()
                    .push(f),
                _ => {}
            }
        }
        let mut out = String::new();
        for (i, html) in blocks.iter().enumerate() {
            for f in inserted.get(&i).into_iter().flatten() {
                out.push_str(&self.insertion(f)?);
            }
            match on_block.get(&i) {
                Some(findings) => out.push_str(&self.wrapped(html, findings)?),
                None => out.push_str(html),
            }
        }
        for (_, findings) in inserted.range(blocks.len()..) {
            for f in findings {
                out.push_str(&self.insertion(f)?);
            }
        }
        Ok(out)
    }

    fn label(&self, kind: Kind) -> Result<String, Diagnostic> {
        let key = format!("drift-kind-{}", kind.as_str());
        let key = if self.locales.has(&self.lang.code, &key)
            || self.locales.has(&self.source_lang.code, &key)
        {
            key.as_str()
        } else {
            "drift-marker"
        };
        self.locales
            .format(&self.lang.code, key, None)
            .map_err(|e| Diagnostic::error(e).with_help("add the key to locales/LANG/*.ftl"))
    }

    fn mark<'m>(
        &'m self,
        kind: Kind,
        block: Option<&'m str>,
        sources: &[usize],
        findings: &[&Finding],
    ) -> Result<String, Diagnostic> {
        let source_href = sources
            .first()
            .and_then(|&b| self.source_anchors.get(b))
            .map(|anchor| format!("{}#{anchor}", self.source_url));
        let source_html = (!sources.is_empty()).then(|| {
            sources
                .iter()
                .filter_map(|&b| self.source_blocks.get(b))
                .collect::<String>()
        });
        let mark = Mark {
            kind: kind.as_str(),
            label: self.label(kind)?,
            source_href,
            source_lang: &self.source_lang.code,
            source_dir: self.source_lang.direction.as_str(),
            fallback: self.lang.drift == DriftPolicy::Fallback,
            block,
            diffs: findings
                .iter()
                .filter_map(|f| Some(word_diff(f.old_text.as_ref()?, f.new_text.as_ref()?)))
                .collect(),
            source_html,
        };
        let mut context = tera::Context::new();
        context.insert("lang", &self.lang.code);
        context.insert("mark", &mark);
        self.renderer
            .render("_drift_mark.html", &context, self.output)
    }

    fn wrapped(&self, html: &str, findings: &[&Finding]) -> Result<String, Diagnostic> {
        let primary = findings
            .iter()
            .min_by_key(|f| (std::cmp::Reverse(f.severity), f.kind))
            .map_or(Kind::SourceChanged, |f| f.kind);
        let sources: Vec<usize> = findings
            .iter()
            .filter_map(|f| f.source_block)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        self.mark(primary, Some(html), &sources, findings)
    }

    /// A source block the translation lacks, at the place it belongs.
    fn insertion(&self, finding: &Finding) -> Result<String, Diagnostic> {
        let sources: Vec<usize> = finding.source_block.into_iter().collect();
        self.mark(finding.kind, None, &sources, &[finding])
    }
}

/// What changed in a source segment since acceptance, word by word (as the terminal
/// report shows it).
fn word_diff(old: &str, new: &str) -> Vec<Word> {
    use crate::drift::report::WordChange;
    crate::drift::report::word_changes(old, new)
        .into_iter()
        .map(|change| match change {
            WordChange::Same(text) => Word { op: "same", text },
            WordChange::Removed(text) => Word { op: "del", text },
            WordChange::Added(text) => Word { op: "ins", text },
        })
        .collect()
}

/// HTML-escapes text written outside the template engine.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = text.bytes().position(|b| special(&b)) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut start = first;
    // The special characters are ASCII, so byte positions are character boundaries.
    for (i, b) in text.bytes().enumerate().skip(first) {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
    std::borrow::Cow::Owned(out)
}
