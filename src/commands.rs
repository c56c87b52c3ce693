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
        Command::Init { dir } => match crate::init::init(&dir) {
            Ok(()) => {
                if invocation.verbosity != Verbosity::Quiet {
                    let _ = writeln!(
                        anstream::stderr(),
                        "created a new site in {0}\nnext: naskah build --root {0}",
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
            let _ = writeln!(
                anstream::stderr(),
                "build failed with {errors} error{}; the previous output was left untouched",
                if errors == 1 { "" } else { "s" }
            );
            match failure.kind {
                FailureKind::Config => EXIT_USAGE,
                FailureKind::Site => EXIT_SITE_ERRORS,
            }
        }
    }
}

/// Prints diagnostics in GNU style with a coloured severity.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = anstream::stderr().lock();
    for d in diagnostics {
        let style = match d.severity {
            Severity::Error => Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            Severity::Warning => Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            Severity::Info => Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
        };
        if let Some(loc) = &d.location {
            let _ = write!(err, "{}:{}:{}: ", loc.path.display(), loc.line, loc.column);
        }
        let _ = writeln!(err, "{style}{}{style:#}: {}", d.severity, d.message);
        if let Some(help) = &d.help {
            for (i, line) in help.lines().enumerate() {
                let prefix = if i == 0 { "  help: " } else { "        " };
                let _ = writeln!(err, "{prefix}{line}");
            }
        }
    }
}
