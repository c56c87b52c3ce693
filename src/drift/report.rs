//! Drift reports: the formats of `naskah check`.
//!
//! Consumes: a [`DriftReport`] and the site's files (for excerpts).
//! Produces: `human` (rustc-style, translation and source lines, a word diff for
//! `source-changed`), `gnu` (`path:line:col: severity: message [kind]`), `json` (the
//! documented, stable schema) and `sarif` (SARIF 2.1.0 for code scanning).
//! Guarantees: paths are relative to the site root with `/`; the order follows the
//! report (documents by key, languages in config order, findings by position).

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use serde_json::{Value, json};

use super::{DriftReport, Finding, Kind, Status, TranslationDrift};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::site::path_to_slash;

/// Output formats of `naskah check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Gnu,
    Json,
    Sarif,
    Github,
}

/// Reads a file of the site for excerpts; `None` when it cannot.
pub type Files<'a> = &'a dyn Fn(&std::path::Path) -> Option<String>;

/// What a report is rendered with besides the drift itself.
pub struct Context<'a> {
    pub config: &'a Config,
    pub files: Files<'a>,
    /// Problems with the site's files (left out of the analysis), which the
    /// machine-readable formats carry too.
    pub problems: &'a [Diagnostic],
    /// Whether `human` ends with the per-language summary (`-q` leaves it out).
    pub summary: bool,
}

pub fn render(format: Format, report: &DriftReport, context: &Context) -> String {
    match format {
        Format::Human => human(report, context),
        Format::Gnu => gnu(report),
        Format::Github => github(report, context.problems),
        Format::Json => {
            let mut value = json(report, context.config);
            value["problems"] = Value::Array(context.problems.iter().map(problem_json).collect());
            pretty(&value)
        }
        Format::Sarif => {
            let mut value = sarif(report);
            let problems = context.problems.iter().map(problem_sarif);
            if let Some(results) = value["runs"][0]["results"].as_array_mut() {
                results.extend(problems);
            }
            pretty(&value)
        }
    }
}

/// The machine-readable report of a check that could not analyse the site (a lock or
/// a layout it cannot read): no translations, and the problems that stopped it, so a
/// CI step that parses the output still gets a document. `None` for the text formats.
pub fn render_failed(format: Format, problems: &[Diagnostic]) -> Option<String> {
    match format {
        Format::Human | Format::Gnu => None,
        Format::Github => Some(github(&DriftReport::default(), problems)),
        Format::Json => Some(pretty(&json!({
            "source_language": Value::Null,
            "summary": {},
            "translations": [],
            "problems": problems.iter().map(problem_json).collect::<Vec<_>>(),
        }))),
        Format::Sarif => {
            let mut value = sarif(&DriftReport::default());
            value["runs"][0]["results"] =
                Value::Array(problems.iter().map(problem_sarif).collect());
            Some(pretty(&value))
        }
    }
}

fn problem_json(problem: &Diagnostic) -> Value {
    let location = problem.location.as_ref();
    json!({
        "severity": problem.severity.as_str(),
        "file": location.map(|l| path_to_slash(&l.path)),
        "line": location.map(|l| l.line),
        "column": location.map(|l| l.column),
        "message": problem.message,
        "help": problem.help,
    })
}

fn problem_sarif(problem: &Diagnostic) -> Value {
    let location = problem.location.as_ref();
    let mut result = json!({
        "ruleId": "site-problem",
        "level": sarif_level(problem.severity),
        "message": {"text": problem.message},
    });
    if let Some(l) = location {
        result["locations"] = json!([location_json(
            Some(path_to_slash(&l.path)),
            l.line,
            l.column
        )]);
    }
    result
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn slash(path: &Option<std::path::PathBuf>) -> Option<String> {
    path.as_deref().map(path_to_slash)
}

fn findings(report: &DriftReport) -> impl Iterator<Item = (&TranslationDrift, &Finding)> {
    report
        .translations()
        .into_iter()
        .flat_map(|t| t.findings.iter().map(move |f| (t, f)))
}

/// GitHub Actions workflow commands, one a finding (`::warning file=…,line=…,col=…,
/// title=KIND::message`), and one a problem with the site's files: annotations on the
/// pull request's files.
pub fn github(report: &DriftReport, problems: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (t, f) in findings(report) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let file = slash(&t.file).unwrap_or_default();
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            github_property(&file),
            f.position.line,
            f.position.column,
            github_property(f.kind.as_str()),
            github_data(&f.message)
        );
    }
    for p in problems {
        let command = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let location = p.location.as_ref().map_or_else(String::new, |l| {
            format!(
                " file={},line={},col={}",
                github_property(&path_to_slash(&l.path)),
                l.line,
                l.column
            )
        });
        let _ = writeln!(out, "::{command}{location}::{}", github_data(&p.message));
    }
    out
}

/// A workflow command's message, escaped as GitHub documents it.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value (`file=`, `title=`), escaped.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One line per finding, for editors' problem matchers.
pub fn gnu(report: &DriftReport) -> String {
    let mut out = String::new();
    for (t, f) in findings(report) {
        let file = t
            .file
            .as_deref()
            .map(|p| crate::diagnostic::path_on_one_line(std::path::Path::new(&path_to_slash(p))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{file}:{}:{}: {}: {} [{}]",
            f.position.line,
            f.position.column,
            f.severity,
            f.message,
            f.kind.as_str()
        );
    }
    out
}

/// The JSON schema documented in the README.
pub fn json(report: &DriftReport, config: &Config) -> Value {
    let summary: serde_json::Map<String, Value> = report
        .summary(config)
        .into_iter()
        .map(|(lang, counts)| {
            let counts: serde_json::Map<String, Value> = Status::ALL
                .iter()
                .map(|s| {
                    (
                        s.as_str().to_string(),
                        json!(counts.get(s).copied().unwrap_or(0)),
                    )
                })
                .collect();
            (lang, Value::Object(counts))
        })
        .collect();
    let translations: Vec<Value> = report
        .translations()
        .iter()
        .map(|t| {
            json!({
                // The home page's key is empty inside naskah; `index` names it here.
                "document": if t.document.is_empty() { "index" } else { t.document.as_str() },
                "lang": t.lang,
                "source": slash(&t.source_file),
                "file": slash(&t.file),
                "status": t.status.as_str(),
                "accepted": t.accepted,
                "findings": t.findings.iter().map(|f| finding_json(t, f)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "source_language": report.source_language,
        "summary": summary,
        "translations": translations,
    })
}

fn finding_json(t: &TranslationDrift, f: &Finding) -> Value {
    json!({
        "kind": f.kind.as_str(),
        "severity": f.severity.as_str(),
        "file": slash(&t.file),
        "line": f.position.line,
        "column": f.position.column,
        "source_file": f.source_position.and(slash(&t.source_file)),
        "source_line": f.source_position.map(|p| p.line),
        "message": f.message,
    })
}

/// SARIF 2.1.0.
pub fn sarif(report: &DriftReport) -> Value {
    let rules: Vec<Value> = Kind::ALL
        .iter()
        .map(|k| {
            json!({
                "id": k.as_str(),
                "shortDescription": {"text": k.description()},
                "defaultConfiguration": {"level": sarif_level(k.severity())},
            })
        })
        .collect();
    let results: Vec<Value> = findings(report)
        .map(|(t, f)| {
            let mut result = json!({
                "ruleId": f.kind.as_str(),
                "ruleIndex": Kind::ALL.iter().position(|k| *k == f.kind),
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [location_json(slash(&t.file), f.position.line, f.position.column)],
            });
            if let (Some(p), Some(source)) = (f.source_position, slash(&t.source_file)) {
                let mut related = location_json(Some(source), p.line, p.column);
                related["id"] = json!(1);
                related["message"] = json!({"text": "source"});
                result["relatedLocations"] = json!([related]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "naskah",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn location_json(uri: Option<String>, line: usize, column: usize) -> Value {
    json!({"physicalLocation": {
        "artifactLocation": {"uri": uri.unwrap_or_default()},
        "region": {"startLine": line.max(1), "startColumn": column.max(1)},
    }})
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// rustc-style report with excerpts of both files and a word diff, then (unless
/// `context.summary` is off) one summary line per language.
pub fn human(report: &DriftReport, context: &Context) -> String {
    let mut out = String::new();
    for (t, f) in findings(report) {
        human_finding(&mut out, t, f, context.files);
    }
    if context.summary {
        human_summary(&mut out, report, context.config);
    }
    out
}

fn severity_style(severity: Severity) -> Style {
    let colour = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().bold().fg_color(Some(colour.into()))
}

fn human_finding(out: &mut String, t: &TranslationDrift, f: &Finding, files: Files) {
    let style = severity_style(f.severity);
    let blue = Style::new().bold().fg_color(Some(AnsiColor::Blue.into()));
    let _ = writeln!(
        out,
        "{style}{}[{}]{style:#}: {}",
        f.severity,
        f.kind.as_str(),
        f.message
    );
    if let Some(file) = &t.file {
        excerpt(
            out,
            file,
            f.position.line,
            f.position.column,
            &t.lang,
            files,
            "-->",
            blue,
        );
    }
    if let (Some(p), Some(source)) = (f.source_position, &t.source_file) {
        excerpt(out, source, p.line, p.column, "source", files, ":::", blue);
    }
    if let (Some(old), Some(new)) = (&f.old_text, &f.new_text) {
        let _ = writeln!(
            out,
            "   {blue}={blue:#} diff since accepted: {}",
            word_diff(old, new)
        );
    } else if let (Some(new), Kind::SourceAdded) = (&f.new_text, f.kind) {
        let _ = writeln!(
            out,
            "   {blue}={blue:#} new source text: {}",
            super::shorten(new, 120)
        );
    }
    let _ = writeln!(out);
}

#[allow(clippy::too_many_arguments)]
fn excerpt(
    out: &mut String,
    path: &std::path::Path,
    line: usize,
    column: usize,
    label: &str,
    files: Files,
    arrow: &str,
    blue: Style,
) {
    let text = files(path).unwrap_or_default();
    let content = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let width = line.to_string().len();
    let pad = " ".repeat(width);
    let _ = writeln!(
        out,
        "{pad}{blue}{arrow}{blue:#} {}:{line}:{column} ({label})",
        path_to_slash(path)
    );
    let _ = writeln!(out, "{pad} {blue}|{blue:#}");
    let _ = writeln!(
        out,
        "{blue}{line}{blue:#} {blue}|{blue:#} {}",
        super::shorten(content, 150)
    );
    let _ = writeln!(out, "{pad} {blue}|{blue:#}");
}

/// `[-removed-]{+added+}` word diff, as `git diff --word-diff` writes it.
/// A run of words of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordChange {
    Same(String),
    Removed(String),
    Added(String),
}

/// The word diff from `old` to `new`, adjacent changes of one kind merged: what the
/// terminal report and the pages show of a source edit.
pub fn word_changes(old: &str, new: &str) -> Vec<WordChange> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        match (change.tag(), out.last_mut()) {
            (similar::ChangeTag::Equal, Some(WordChange::Same(run)))
            | (similar::ChangeTag::Delete, Some(WordChange::Removed(run)))
            | (similar::ChangeTag::Insert, Some(WordChange::Added(run))) => run.push_str(value),
            (similar::ChangeTag::Equal, _) => out.push(WordChange::Same(value.to_string())),
            (similar::ChangeTag::Delete, _) => out.push(WordChange::Removed(value.to_string())),
            (similar::ChangeTag::Insert, _) => out.push(WordChange::Added(value.to_string())),
        }
    }
    out
}

/// `Berlaku dalam [-7-]{+14+} hari.`, as `git diff --word-diff` writes it.
pub fn word_diff(old: &str, new: &str) -> String {
    let mut out = String::new();
    for change in word_changes(old, new) {
        match change {
            WordChange::Same(text) => out.push_str(&text),
            WordChange::Removed(text) => {
                let _ = write!(out, "[-{text}-]");
            }
            WordChange::Added(text) => {
                let _ = write!(out, "{{+{text}+}}");
            }
        }
    }
    out
}

fn human_summary(out: &mut String, report: &DriftReport, config: &Config) {
    for line in summary_lines(report, config) {
        let _ = writeln!(out, "{line}");
    }
}

/// One line per language: `en: 3 in sync, 1 outdated — 2 errors, 4 warnings, 0 notes`
/// (`naskah check` ends with these; `naskah build` and watch mode print them too).
pub fn summary_lines(report: &DriftReport, config: &Config) -> Vec<String> {
    use std::collections::BTreeMap;
    #[derive(Default)]
    struct Counts {
        statuses: BTreeMap<Status, usize>,
        findings: BTreeMap<Severity, usize>,
    }
    let mut per_lang: BTreeMap<&str, Counts> = BTreeMap::new();
    for t in report.translations() {
        let counts = per_lang.entry(&t.lang).or_default();
        *counts.statuses.entry(t.status).or_insert(0) += 1;
        for f in &t.findings {
            *counts.findings.entry(f.severity).or_insert(0) += 1;
        }
    }
    // Languages the report holds nothing of (left out by `--lang`) get no line.
    let translations = config.languages.iter().filter(|l| !l.is_source);
    translations
        .filter_map(|l| {
            let counts = per_lang.remove(l.code.as_str())?;
            let statuses: Vec<String> = Status::ALL
                .iter()
                .filter_map(|s| {
                    let n = counts.statuses.get(s)?;
                    Some(format!("{n} {}", s.as_str().replace('_', " ")))
                })
                .collect();
            let count = |severity, one: &str, many: &str| {
                let n = counts.findings.get(&severity).copied().unwrap_or(0);
                format!("{n} {}", if n == 1 { one } else { many })
            };
            Some(format!(
                "{}: {} — {}, {}, {}",
                l.code,
                statuses.join(", "),
                count(Severity::Error, "error", "errors"),
                count(Severity::Warning, "warning", "warnings"),
                count(Severity::Info, "note", "notes")
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diffs() {
        assert_eq!(
            word_diff("Berlaku dalam 7 hari.", "Berlaku dalam 14 hari."),
            "Berlaku dalam [-7-]{+14+} hari."
        );
    }
}
