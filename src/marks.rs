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
    pub lang: &'a Language,
    pub source_lang: &'a Language,
    pub source_blocks: BlocksHtml,
    pub source_anchors: Vec<String>,
    /// Relative URL of the source page from this page.
    pub source_url: String,
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

    fn t(&self, key: &str) -> Result<String, Diagnostic> {
        self.locales
            .format(&self.lang.code, key, None)
            .map(|s| escape(&s).into_owned())
            .map_err(|e| Diagnostic::error(e).with_help("add the key to locales/LANG/*.ftl"))
    }

    fn label(&self, kind: Kind) -> Result<String, Diagnostic> {
        let key = format!("drift-kind-{}", kind.as_str());
        if self.locales.has(&self.lang.code, &key) || self.locales.has(&self.source_lang.code, &key)
        {
            self.t(&key)
        } else {
            self.t("drift-marker")
        }
    }

    /// The label line: what happened, and a link to the source block.
    fn marker_line(&self, kind: Kind, source_block: Option<usize>) -> Result<String, Diagnostic> {
        let mut line = format!(
            "<p class=\"drift-marker\"><span class=\"drift-label\">{}</span>",
            self.label(kind)?
        );
        if let Some(anchor) = source_block.and_then(|b| self.source_anchors.get(b)) {
            line.push_str(&format!(
                " <a class=\"drift-source-link\" href=\"{}#{}\" hreflang=\"{}\">{}</a>",
                escape(&self.source_url),
                escape(anchor),
                self.source_lang.code,
                self.t("drift-source-link")?
            ));
        }
        line.push_str("</p>\n");
        Ok(line)
    }

    fn source_text(&self, blocks: &[usize]) -> String {
        let html: String = blocks
            .iter()
            .filter_map(|&b| self.source_blocks.get(b))
            .collect();
        format!(
            "<div class=\"drift-source-text\" lang=\"{}\" dir=\"{}\">\n{html}</div>\n",
            self.source_lang.code,
            self.source_lang.direction.as_str()
        )
    }

    /// The source as it is now, after what changed in it since acceptance (a word
    /// diff per changed segment, as the terminal report shows it).
    fn details(&self, blocks: &[usize], findings: &[&Finding]) -> Result<String, Diagnostic> {
        if blocks.is_empty() {
            return Ok(String::new());
        }
        let mut diffs = String::new();
        for f in findings {
            if let (Some(old), Some(new)) = (&f.old_text, &f.new_text) {
                diffs.push_str(&self.word_diff(old, new));
            }
        }
        Ok(format!(
            "<details class=\"drift-source\"><summary>{}</summary>\n{diffs}{}</details>\n",
            self.t("drift-show-source")?,
            self.source_text(blocks)
        ))
    }

    /// `<p class="drift-diff">… <del>7</del><ins>3</ins> …</p>`, in the source's
    /// language and direction.
    fn word_diff(&self, old: &str, new: &str) -> String {
        use crate::drift::report::WordChange;
        let mut html = format!(
            "<p class=\"drift-diff\" lang=\"{}\" dir=\"{}\">",
            self.source_lang.code,
            self.source_lang.direction.as_str()
        );
        for change in crate::drift::report::word_changes(old, new) {
            match change {
                WordChange::Same(text) => html.push_str(&escape(&text)),
                WordChange::Removed(text) => {
                    html.push_str(&format!("<del>{}</del>", escape(&text)));
                }
                WordChange::Added(text) => {
                    html.push_str(&format!("<ins>{}</ins>", escape(&text)));
                }
            }
        }
        html.push_str("</p>\n");
        html
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
        let mut out = format!(
            "<div class=\"drift\" data-drift=\"{}\">\n",
            primary.as_str()
        );
        out.push_str(&self.marker_line(primary, sources.first().copied())?);
        if self.lang.drift == DriftPolicy::Fallback && !sources.is_empty() {
            out.push_str(&self.source_text(&sources));
        } else {
            out.push_str(html);
            out.push_str(&self.details(&sources, findings)?);
        }
        out.push_str("</div>\n");
        Ok(out)
    }

    /// A source block the translation lacks, at the place it belongs.
    fn insertion(&self, finding: &Finding) -> Result<String, Diagnostic> {
        let sources: Vec<usize> = finding.source_block.into_iter().collect();
        let mut out = format!(
            "<div class=\"drift\" data-drift=\"{}\">\n",
            finding.kind.as_str()
        );
        out.push_str(&self.marker_line(finding.kind, finding.source_block)?);
        if self.lang.drift == DriftPolicy::Fallback {
            out.push_str(&self.source_text(&sources));
        } else {
            out.push_str(&self.details(&sources, &[finding])?);
        }
        out.push_str("</div>\n");
        Ok(out)
    }
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
