//! Runs a parsed [`Invocation`] and turns the outcome into terminal output and an exit code.
//!
//! Consumes: an [`Invocation`].
//! Produces: messages on stderr (coloured only on a terminal and never with `NO_COLOR`)
//! and the exit code: 0 success, 1 the site has errors, 2 usage or configuration error.

use std::io::Write;
use std::time::Instant;

use anstyle::{AnsiColor, Style};

use crate::cli::{Command, Invocation, Verbosity};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::{self, FailureKind};

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_SITE_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

pub fn run(invocation: Invocation) -> i32 {
    match invocation.command {
        Command::Build(options) => build(&options, invocation.verbosity),
        Command::Check(options) => check(&options, invocation.verbosity),
        Command::Accept(options) => accept(&options, invocation.verbosity),
        Command::Translate(options) => translate(&options, invocation.verbosity),
        Command::Serve(options) => {
            crate::serve::serve(options, invocation.verbosity == Verbosity::Quiet)
        }
        Command::Watch { build, poll } => {
            crate::watch::watch(&build, poll, invocation.verbosity == Verbosity::Quiet)
        }
        Command::Init { dir } => match crate::init::init(&dir) {
            Ok(()) => {
                if invocation.verbosity != Verbosity::Quiet {
                    let _ = writeln!(
                        anstream::stderr(),
                        "created a new site in {0}\nnext: cd {0} && naskah serve    (its home page says what to try)",
                        dir.display()
                    );
                }
                EXIT_OK
            }
            Err(d) => {
                print_diagnostics(&[d]);
                EXIT_USAGE
            }
        },
    }
}

fn build(options: &pipeline::BuildOptions, verbosity: Verbosity) -> i32 {
    let started = Instant::now();
    match pipeline::build(options) {
        Ok(outcome) => {
            print_diagnostics(&outcome.warnings);
            if verbosity != Verbosity::Quiet {
                for line in &outcome.drift_summary {
                    let _ = writeln!(anstream::stderr(), "drift {line}");
                }
                let _ = writeln!(
                    anstream::stderr(),
                    "built {} pages ({} files: {} written, {} unchanged) into {} in {:.2} s",
                    outcome.pages,
                    outcome.files,
                    outcome.stats.written,
                    outcome.stats.unchanged,
                    outcome.out.display(),
                    started.elapsed().as_secs_f64()
                );
            }
            EXIT_OK
        }
        Err(failure) => {
            print_diagnostics(&failure.diagnostics);
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            // A configuration error stops the build before it reads or writes anything;
            // a site error after it staged, and the staging folder is dropped.
            let consequence = match failure.kind {
                FailureKind::Config => "nothing was written",
                FailureKind::Site => "the previous output was left untouched",
            };
            let _ = writeln!(
                anstream::stderr(),
                "build failed with {errors} error{}; {consequence}",
                if errors == 1 { "" } else { "s" }
            );
            match failure.kind {
                FailureKind::Config => EXIT_USAGE,
                FailureKind::Site => EXIT_SITE_ERRORS,
            }
        }
    }
}

fn check(options: &crate::cli::CheckOptions, verbosity: Verbosity) -> i32 {
    let checked = match pipeline::check(&options.build) {
        Ok(checked) => checked,
        Err(failure) => {
            if failure.kind == FailureKind::Site
                && let Some(text) =
                    crate::drift::report::render_failed(options.format, &failure.diagnostics)
            {
                let _ = write!(anstream::stdout(), "{text}");
            }
            return report_failure(&failure);
        }
    };
    let mut report = checked.report;
    if let Some(lang) = &options.lang {
        if let Err(d) = checked.config.translation_language(lang) {
            print_diagnostics(&[d]);
            return EXIT_USAGE;
        }
        report.retain_lang(lang);
    }
    // Narrowed to one language: the problems of the other languages' files are theirs
    // (they counted against --deny and showed in every format).
    let problems: Vec<Diagnostic> = match &options.lang {
        Some(lang) => checked
            .problems
            .iter()
            .filter(|p| concerns_language(&checked.config, p, lang))
            .cloned()
            .collect(),
        None => checked.problems.clone(),
    };
    print_diagnostics(&problems);
    let root = checked.config.root.clone();
    let files = move |path: &std::path::Path| std::fs::read_to_string(root.join(path)).ok();
    let context = crate::drift::report::Context {
        config: &checked.config,
        files: &files,
        problems: &problems,
        summary: verbosity != Verbosity::Quiet,
    };
    let text = crate::drift::report::render(options.format, &report, &context);
    let _ = write!(anstream::stdout(), "{text}");
    let denied = report
        .translations()
        .iter()
        .flat_map(|t| &t.findings)
        .map(|f| f.severity)
        .chain(problems.iter().map(|p| p.severity))
        .any(|severity| severity >= options.deny);
    if denied { EXIT_SITE_ERRORS } else { EXIT_OK }
}

/// Whether a problem concerns language `lang`: one in a content file of that language
/// or of the source language (which every translation follows), or in no content file
/// (the config, the lock, a template).
fn concerns_language(config: &crate::config::Config, problem: &Diagnostic, lang: &str) -> bool {
    let Some(location) = &problem.location else {
        return true;
    };
    match crate::content::document_of(config, &location.path) {
        Some((_, file_lang)) => file_lang == lang || file_lang == config.source().code,
        None => true,
    }
}

fn accept(options: &pipeline::AcceptOptions, verbosity: Verbosity) -> i32 {
    match pipeline::accept(options) {
        Ok(outcome) => {
            print_diagnostics(&outcome.warnings);
            if verbosity != Verbosity::Quiet {
                let mut err = anstream::stderr();
                for (document, lang) in &outcome.dropped {
                    let shown = if document.is_empty() {
                        "(home)"
                    } else {
                        document
                    };
                    let _ = writeln!(
                        err,
                        "dropped the record of {shown} [{lang}]: that translation is no longer built (its file or its source page is gone)"
                    );
                }
                let _ = write!(err, "{}", accept_summary(&outcome.accepted));
            }
            EXIT_OK
        }
        Err(failure) => report_failure(&failure),
    }
}

fn translate(options: &crate::translate::TranslateOptions, verbosity: Verbosity) -> i32 {
    if !options.yes && !options.dry_run {
        match confirm_sending(options) {
            Ok(true) => {}
            Ok(false) => return EXIT_OK,
            Err(code) => return code,
        }
    }
    match crate::translate::run(options) {
        Ok(outcome) => {
            print_diagnostics(&outcome.notes);
            for file in &outcome.files {
                print_diagnostics(&file.failures);
            }
            if verbosity != Verbosity::Quiet {
                let _ = write!(
                    anstream::stderr(),
                    "{}",
                    translate_summary(&outcome, options.dry_run)
                );
            }
            if options.dry_run {
                for diff in outcome.files.iter().filter_map(|f| f.diff.as_deref()) {
                    let _ = write!(std::io::stdout(), "{diff}");
                }
            }
            if outcome.failed() {
                EXIT_SITE_ERRORS
            } else {
                EXIT_OK
            }
        }
        Err(failure) => report_failure(&failure),
    }
}

/// Whether to go on when a network engine would be sent text: asked on a terminal; an
/// error elsewhere (a CI job must say `--yes`, so that nothing is sent, and paid for,
/// by accident).
fn confirm_sending(options: &crate::translate::TranslateOptions) -> Result<bool, i32> {
    use std::io::IsTerminal;
    let preview = crate::translate::TranslateOptions {
        dry_run: true,
        ..options.clone()
    };
    let outcome = crate::translate::run(&preview).map_err(|f| report_failure(&f))?;
    let mut sent: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in outcome.files.iter().filter(|f| f.provider != "pseudo") {
        *sent.entry(f.provider).or_default() += f.characters;
    }
    sent.retain(|_, chars| *chars > 0);
    if sent.is_empty() {
        return Ok(true);
    }
    let what = sent
        .iter()
        .map(|(provider, chars)| format!("{chars} characters to {provider}"))
        .collect::<Vec<_>>()
        .join(", ");
    if !std::io::stdin().is_terminal() {
        print_diagnostics(&[
            Diagnostic::error(format!("naskah translate would send {what}"))
                .with_help("pass --yes to send them (--dry-run shows what would change)"),
        ]);
        return Err(EXIT_USAGE);
    }
    let _ = write!(anstream::stderr(), "send {what}? [y/N] ");
    let mut answer = String::new();
    let _ = std::io::stdin().read_line(&mut answer);
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Per file what was (or would be) rewritten and sent, then a total.
fn translate_summary(outcome: &crate::translate::Outcome, dry_run: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let (mut characters, mut sent) = (0, 0);
    for f in &outcome.files {
        let segments = f.replaced + f.inserted;
        let _ = writeln!(
            out,
            "{} {} [{}]: {} translated, {} added, {} removed, {} code blocks copied; {} characters to {}, {} from the cache",
            change_verb(f.change, dry_run),
            f.file.display(),
            f.lang,
            f.replaced,
            f.inserted,
            f.removed,
            f.copied,
            f.characters,
            f.provider,
            f.cached
        );
        characters += f.characters;
        sent += segments.saturating_sub(f.cached);
    }
    if outcome.files.is_empty() {
        let _ = writeln!(out, "nothing to translate: no outdated translation matches");
        return out;
    }
    // Per language: what goes to which engine, in how many requests.
    let mut per_lang: std::collections::BTreeMap<(&str, &str), (usize, usize, usize)> =
        Default::default();
    for f in &outcome.files {
        let entry = per_lang.entry((f.lang.as_str(), f.provider)).or_default();
        *entry = (entry.0 + 1, entry.1 + f.characters, entry.2 + f.requests);
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    for ((lang, provider), (files, chars, requests)) in per_lang {
        let how = match provider {
            "pseudo" => "offline".to_string(),
            _ => format!("in {}", count(requests, "request", "requests")),
        };
        let _ = writeln!(
            out,
            "{lang}: {}, {chars} characters to {provider} {how}",
            count(files, "file", "files")
        );
    }
    let written = outcome
        .files
        .iter()
        .filter(|f| f.change != crate::translate::Change::Unchanged)
        .count();
    let _ = writeln!(
        out,
        "{} of {} {}; {}, {characters} characters {}",
        written,
        count(outcome.files.len(), "file", "files"),
        if dry_run { "to write" } else { "written" },
        count(sent, "segment", "segments"),
        if dry_run { "to send" } else { "translated" }
    );
    out
}

/// What the summary says a run did to a file.
fn change_verb(change: crate::translate::Change, dry_run: bool) -> &'static str {
    use crate::translate::Change;
    match (change, dry_run) {
        (Change::Updated, false) => "updated",
        (Change::Updated, true) => "would update",
        (Change::Created, false) => "created",
        (Change::Created, true) => "would create",
        (Change::Unchanged, false) => "did not write",
        (Change::Unchanged, true) => "would not write",
    }
}

/// What `naskah accept` says: each translation recorded, the findings it still has,
/// and a total.
fn accept_summary(accepted: &[pipeline::Accepted]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut per_lang: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for a in accepted {
        let shown = if a.document.is_empty() {
            "(home)"
        } else {
            a.document.as_str()
        };
        let _ = write!(out, "accepted {shown} [{}]", a.lang);
        if a.errors + a.warnings > 0 {
            let _ = write!(out, ": {} still reported", counted(a.errors, a.warnings));
        }
        out.push('\n');
        let entry = per_lang.entry(&a.lang).or_default();
        entry.0 += a.errors;
        entry.1 += a.warnings;
    }
    for (lang, (errors, warnings)) in per_lang {
        if errors + warnings > 0 {
            let _ = writeln!(
                out,
                "{lang}: {} recorded as accepted; they stay visible in `naskah check` and on the pages until the translation is fixed",
                counted(errors, warnings)
            );
        }
    }
    let n = accepted.len();
    let noun = if n == 1 {
        "translation"
    } else {
        "translations"
    };
    let _ = writeln!(out, "recorded {n} {noun} in naskah.lock");
    out
}

/// "2 errors and 1 warning".
fn counted(errors: usize, warnings: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (errors, warnings) {
        (0, w) => plural(w, "warning", "warnings"),
        (e, 0) => plural(e, "error", "errors"),
        (e, w) => format!(
            "{} and {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
    }
}

fn report_failure(failure: &pipeline::Failure) -> i32 {
    print_diagnostics(&failure.diagnostics);
    match failure.kind {
        FailureKind::Config => EXIT_USAGE,
        FailureKind::Site => EXIT_SITE_ERRORS,
    }
}

/// Prints diagnostics in GNU style with a coloured severity.
/// A diagnostic's text for a terminal or a CI log. Messages quote the user's input (a
/// front matter key, a file name), which may hold control characters: they are shown
/// escaped (`\u{1b}`), so none moves the cursor or recolours the terminal; and a line
/// that would start with `::` (a GitHub Actions workflow command, which the runner
/// reads from stderr too) starts with `\::`, so none is obeyed.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    let command_line = |line: &str| line.trim_start().starts_with("::");
    if !text.contains(unsafe_char) && !text.lines().any(command_line) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let rest = line.trim_start();
        let line = if command_line(line) {
            out.push_str(&line[..line.len() - rest.len()]);
            out.push('\\');
            rest
        } else {
            line
        };
        for c in line.chars() {
            if unsafe_char(c) {
                out.extend(c.escape_unicode());
            } else {
                out.push(c);
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = anstream::stderr().lock();
    for d in diagnostics {
        let style = match d.severity {
            Severity::Error => Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            Severity::Warning => Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            Severity::Info => Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
        };
        if let Some(loc) = &d.location {
            let path = crate::diagnostic::path_on_one_line(&loc.path);
            let _ = write!(err, "{path}:{}:{}: ", loc.line, loc.column);
        }
        let _ = writeln!(
            err,
            "{style}{}{style:#}: {}",
            d.severity,
            printable(&d.message)
        );
        if let Some(help) = &d.help {
            for (i, line) in printable(help).lines().enumerate() {
                let prefix = if i == 0 { "  help: " } else { "        " };
                let _ = writeln!(err, "{prefix}{line}");
            }
        }
    }
}
