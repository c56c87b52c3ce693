//! The translation status page of each language: one row per document, one cell per
//! translation language.
//!
//! Consumes: the site, the drift report and each document's [`DocState`].
//! Produces: `translations/index.html` (and `LANG/translations/index.html`).
//! Guarantees: a document's rows (one per page language) are made once and reused by
//! the next build while the document, its drift and the theme are the same, so a
//! rebuild after one edit costs one row per language plus copying, not a table of
//! documents × languages.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::drift::Status;
use crate::site::{root_prefix, url_path};

use super::{Jobs, LanguageLink};

/// A language's label for each status (`in-sync`, …), formatted once per build.
pub(super) type Labels = BTreeMap<&'static str, String>;

/// Each language's names of the four statuses (`status-in-sync`, …): made once per
/// build, and a string that does not format is an error, not a silent fallback.
pub(super) fn labels(
    languages: &[Language],
    locales: &crate::i18n::Locales,
) -> Result<Vec<Labels>, Diagnostic> {
    languages
        .iter()
        .map(|lang| {
            STATUSES
                .into_iter()
                .map(|status| {
                    let text = locales
                        .format_located(&lang.code, &format!("status-{status}"), None)
                        .map_err(|e| e.diagnostic(super::WITHOUT_VARIABLES))?;
                    Ok((status, text))
                })
                .collect()
        })
        .collect()
}

const STATUSES: [&str; 4] = ["in-sync", "outdated", "untracked", "missing"];

/// What the template gets as `status_rows`: private-use characters around a name, so
/// that no text of a site can contain it by accident.
const ROWS_MARKER: &str = "\u{F8FF}naskah-status-rows\u{F8FF}";

#[derive(Serialize)]
struct StatusPage<'a> {
    languages: Vec<LanguageLink<'a>>,
}

impl<'a> Jobs<'a> {
    /// The status page of the language at `lang_index`.
    pub(super) fn status(&self, lang_index: usize) -> Result<(String, Vec<u8>), Diagnostic> {
        let lang = &self.site.config.languages[lang_index];
        let path = self.site.config.status_path(lang);
        let labels = &self.labels()[lang_index];
        // The table body is written here, not in the template: on a large site it has
        // tens of thousands of cells, and watch mode rebuilds it after every edit. The
        // template gets a marker, replaced by the table afterwards, so the table is
        // copied once rather than through the template engine.
        self.prepare_status_rows()?;
        let mut context = self.base(lang_index, &root_prefix(&path), None);
        context.insert("status_rows", &tera::Value::safe_string(ROWS_MARKER));
        context.insert("labels", labels);
        let page = StatusPage {
            languages: self.status_languages(lang),
        };
        context.insert("page", &page);
        let html = self.renderer.render("status.html", &context, &path)?;
        Ok((path, self.splice_rows(&html, lang_index)))
    }

    /// Every document's rows, made (in parallel) by the first status page that needs
    /// them; the others wait for it.
    fn prepare_status_rows(&self) -> Result<(), Diagnostic> {
        let ready = self.status_rows_ready.get_or_init(|| {
            self.states
                .par_iter()
                .enumerate()
                .try_for_each(|(index, state)| {
                    let rows = state.status_rows.get_or_init(|| self.status_rows(index));
                    rows.as_ref().map(|_| ()).map_err(Clone::clone)
                })
        });
        ready.clone()
    }

    /// The rendered page with each [`ROWS_MARKER`] replaced by the table body.
    fn splice_rows(&self, html: &str, lang_index: usize) -> Vec<u8> {
        let rows = || {
            self.states
                .iter()
                .filter_map(|state| state.status_rows.get()?.as_ref().ok())
                .map(|rows| rows[lang_index].as_bytes())
        };
        let table_len: usize = rows().map(<[u8]>::len).sum();
        let mut out = Vec::with_capacity(html.len() + table_len);
        let mut pieces = html.split(ROWS_MARKER);
        out.extend_from_slice(pieces.next().unwrap_or_default().as_bytes());
        for piece in pieces {
            rows().for_each(|row| out.extend_from_slice(row));
            out.extend_from_slice(piece.as_bytes());
        }
        out
    }

    fn labels(&self) -> &[Labels] {
        &self.status_labels
    }

    /// Document `index`'s row of every language's status page, in config order.
    fn status_rows(&self, index: usize) -> Result<Vec<String>, Diagnostic> {
        let languages = &self.site.config.languages;
        let cells: Vec<Cell> = languages
            .iter()
            .filter(|l| !l.is_source)
            .map(|l| self.cell(index, l))
            .collect();
        languages
            .iter()
            .zip(self.labels())
            .map(|(lang, labels)| self.row(index, lang, labels, &cells))
            .collect()
    }

    /// Document `index`'s row on `lang`'s status page, from the theme's
    /// `_status_row.html`.
    fn row(
        &self,
        index: usize,
        lang: &Language,
        labels: &Labels,
        cells: &[Cell],
    ) -> Result<String, Diagnostic> {
        let status_path = self.site.config.status_path(lang);
        let row = Row {
            key: &self.site.document(index).key,
            title: self.site.title(index, &lang.code),
            path: url_path(self.site.path_or_source(index, &lang.code)),
            cells,
        };
        let mut context = tera::Context::new();
        context.insert("lang", &lang.code);
        context.insert("root", &root_prefix(&status_path));
        context.insert("labels", labels);
        context.insert("row", &row);
        self.renderer
            .render("_status_row.html", &context, &status_path)
    }

    fn cell(&self, index: usize, lang: &'a Language) -> Cell<'a> {
        let drift = self.drift.get(index, &lang.code);
        let count = |severity| drift.map_or(0, |d| d.count(severity));
        Cell {
            lang: &lang.code,
            status: status_class(drift.map_or(Status::Missing, |d| d.status)),
            path: url_path(self.site.path_or_source(index, &lang.code)),
            findings: count(crate::diagnostic::Severity::Error)
                + count(crate::diagnostic::Severity::Warning),
        }
    }

    /// Switcher entries leading to the status page of every language.
    fn status_languages<'s>(&'s self, current: &Language) -> Vec<LanguageLink<'s>> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: &l.code,
                name: &l.name,
                dir: l.direction.as_str(),
                path: self.site.config.status_path(l),
                current: l.code == current.code,
                translated: true,
                is_source: l.is_source,
                machine_translated: false,
            })
            .collect()
    }
}

/// What `_status_row.html` gets as `row`.
#[derive(Serialize)]
struct Row<'a> {
    key: &'a str,
    title: &'a str,
    /// A URL path (`c%23/index.html` for `c#.md`), as every link of a page.
    path: Cow<'a, str>,
    cells: &'a [Cell<'a>],
}

/// One translation's cell, shared by the rows of every page language.
#[derive(Serialize)]
struct Cell<'a> {
    lang: &'a str,
    /// `in-sync`, `outdated`, `untracked` or `missing` (Fluent keys `status-…`).
    status: &'static str,
    path: Cow<'a, str>,
    /// Errors and warnings.
    findings: usize,
}

/// The CSS class and Fluent key suffix of a status.
fn status_class(status: Status) -> &'static str {
    match status {
        Status::InSync => "in-sync",
        Status::Outdated => "outdated",
        Status::Untracked => "untracked",
        Status::Missing => "missing",
        Status::Orphan => "orphan",
    }
}
