//! Command line: parsed once, with clap, into a validated [`Invocation`].
//!
//! Consumes: the process arguments.
//! Produces: an [`Invocation`] that the rest of naskah acts on; clap is used only here.
//! Guarantees: usage errors exit with status 2 (clap's convention, which naskah keeps
//! for configuration errors too).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "naskah",
    version,
    about = "Multilingual static documentation sites, with translation drift detection",
    propagate_version = true
)]
struct Cli {
    /// Print only problems (no summaries or progress)
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Output",
        display_order = 100
    )]
    quiet: bool,
    /// Print more detail: each stage's time and memory (build, check, watch, serve)
    #[arg(
        short,
        long,
        global = true,
        help_heading = "Output",
        display_order = 101
    )]
    verbose: bool,
    #[command(subcommand)]
    command: CommandArgs,
}

#[derive(Debug, Subcommand)]
enum CommandArgs {
    /// Build the site into the output folder
    Build(BuildArgs),
    /// Report where translations have drifted from their source
    Check(CheckArgs),
    /// Record that translations match the current source (writes naskah.lock)
    Accept(AcceptArgs),
    /// Machine-translate what changed in the source since each translation was accepted
    Translate(TranslateArgs),
    /// Create a new site that builds at once
    Init(InitArgs),
    /// Build in memory, serve over HTTP, rebuild and reload pages on every change
    Serve(ServeArgs),
    /// Rebuild the output folder on every change (for your own web server)
    Watch(WatchArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Folder that holds naskah.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Address to listen on (default: this machine only)
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port; when taken, the next free one is used (0: any free port)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in a browser
    #[arg(long)]
    open: bool,
    /// Poll for changes instead of native file events (network and container file systems)
    #[arg(long)]
    poll: bool,
}

#[derive(Debug, Args)]
struct WatchArgs {
    /// Folder that holds naskah.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder (default: the config's output_dir, `site`)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Poll for changes instead of native file events
    #[arg(long)]
    poll: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Folder that holds naskah.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// Only this translation language
    #[arg(long)]
    lang: Option<String>,
    /// Lowest severity that makes the exit status 1
    #[arg(long, value_enum, default_value = "errors")]
    deny: DenyArg,
}

#[derive(Debug, Args)]
struct AcceptArgs {
    /// Folder that holds naskah.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Translation files, or source files (meaning all their translations)
    files: Vec<PathBuf>,
    /// Only translations into this language
    #[arg(long)]
    lang: Option<String>,
    /// Every translation of the site
    #[arg(long)]
    all: bool,
    /// Start from an empty naskah.lock (one broken beyond repair, say by a merge)
    /// instead of reading it: only what is accepted now is recorded
    #[arg(long)]
    rebuild_lock: bool,
}

#[derive(Debug, Args)]
struct TranslateArgs {
    /// Folder that holds naskah.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Translation files, or source files (meaning all their translations); none: every
    /// outdated translation
    files: Vec<PathBuf>,
    /// Only translations into this language (repeatable)
    #[arg(long)]
    lang: Vec<String>,
    /// The engine: pseudo (offline pseudo-localization); default: [translate] provider
    #[arg(long)]
    provider: Option<String>,
    /// Print what would be sent and the diff that would be written; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Also create the translations that do not exist yet (whole pages)
    #[arg(long)]
    missing: bool,
    /// Send to a network engine without asking (needed when not run from a terminal)
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    /// rustc-style, with excerpts of both files and a word diff
    Human,
    /// path:line:col: severity: message [kind], for editors' problem matchers
    Gnu,
    /// the documented JSON schema
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DenyArg {
    Errors,
    Warnings,
    Info,
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// Folder that holds naskah.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder (default: the config's output_dir, `site`)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Absolute URL the site is published at (overrides base_url)
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Folder to create (must not exist or be empty)
    dir: PathBuf,
}

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// A command to run.
#[derive(Debug, Clone)]
pub enum Command {
    Build(crate::pipeline::BuildOptions),
    Check(CheckOptions),
    Accept(crate::pipeline::AcceptOptions),
    Translate(crate::translate::TranslateOptions),
    Init {
        dir: PathBuf,
    },
    Serve(crate::serve::ServeOptions),
    Watch {
        build: crate::pipeline::BuildOptions,
        poll: bool,
    },
}

/// What `naskah check` was asked for.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub build: crate::pipeline::BuildOptions,
    pub format: crate::drift::report::Format,
    pub lang: Option<String>,
    /// Findings at or above this severity make the exit status 1.
    pub deny: crate::diagnostic::Severity,
}

/// The validated command line.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub command: Command,
    pub verbosity: Verbosity,
}

/// Parses the process arguments; prints help or usage errors and exits on them.
pub fn parse() -> Invocation {
    from_cli(Cli::parse())
}

fn from_cli(cli: Cli) -> Invocation {
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let verbose = verbosity == Verbosity::Verbose;
    let command = match cli.command {
        CommandArgs::Build(b) => Command::Build(crate::pipeline::BuildOptions {
            root: b.root,
            out: b.out,
            base_url: b.base_url,
            timings: verbose,
        }),
        CommandArgs::Check(c) => Command::Check(CheckOptions {
            build: crate::pipeline::BuildOptions {
                root: c.root,
                timings: verbose,
                ..Default::default()
            },
            format: match c.format {
                FormatArg::Human => crate::drift::report::Format::Human,
                FormatArg::Gnu => crate::drift::report::Format::Gnu,
                FormatArg::Json => crate::drift::report::Format::Json,
                FormatArg::Sarif => crate::drift::report::Format::Sarif,
                FormatArg::Github => crate::drift::report::Format::Github,
            },
            lang: c.lang,
            deny: match c.deny {
                DenyArg::Errors => crate::diagnostic::Severity::Error,
                DenyArg::Warnings => crate::diagnostic::Severity::Warning,
                DenyArg::Info => crate::diagnostic::Severity::Info,
            },
        }),
        CommandArgs::Accept(a) => Command::Accept(crate::pipeline::AcceptOptions {
            build: crate::pipeline::BuildOptions {
                root: a.root,
                ..Default::default()
            },
            files: a.files,
            lang: a.lang,
            all: a.all,
            rebuild_lock: a.rebuild_lock,
        }),
        CommandArgs::Translate(t) => Command::Translate(crate::translate::TranslateOptions {
            build: crate::pipeline::BuildOptions {
                root: t.root,
                ..Default::default()
            },
            files: t.files,
            langs: t.lang,
            provider: t.provider,
            dry_run: t.dry_run,
            missing: t.missing,
            yes: t.yes,
        }),
        CommandArgs::Init(i) => Command::Init { dir: i.dir },
        CommandArgs::Serve(s) => Command::Serve(crate::serve::ServeOptions {
            build: crate::pipeline::BuildOptions {
                root: s.root,
                timings: verbose,
                ..Default::default()
            },
            bind: s.bind,
            port: s.port,
            open: s.open,
            poll: s.poll,
        }),
        CommandArgs::Watch(w) => Command::Watch {
            build: crate::pipeline::BuildOptions {
                root: w.root,
                out: w.out,
                base_url: None,
                timings: verbose,
            },
            poll: w.poll,
        },
    };
    Invocation { command, verbosity }
}
