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
    /// Print only errors and warnings
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more detail (each file written)
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: CommandArgs,
}

#[derive(Debug, Subcommand)]
enum CommandArgs {
    /// Build the site into the output folder
    Build(BuildArgs),
    /// Create a new site that builds at once
    Init(InitArgs),
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
    Init { dir: PathBuf },
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

/// Parses `args` (the first is the program name).
pub fn parse_from<I, T>(args: I) -> Result<Invocation, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    Cli::try_parse_from(args).map(from_cli)
}

fn from_cli(cli: Cli) -> Invocation {
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let command = match cli.command {
        CommandArgs::Build(b) => Command::Build(crate::pipeline::BuildOptions {
            root: b.root,
            out: b.out,
            base_url: b.base_url,
        }),
        CommandArgs::Init(i) => Command::Init { dir: i.dir },
    };
    Invocation { command, verbosity }
}
