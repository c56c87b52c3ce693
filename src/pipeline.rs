//! The build pipeline: config → content → markdown/site → render → output.
//!
//! Consumes: a site folder and build options.
//! Produces: the complete set of output files in memory ([`generate`]), or the written
//! output folder ([`build`]); every diagnostic, sorted.
//! Guarantees: nothing is written unless every stage succeeded; the bytes produced do
//! not depend on thread count or file system order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::content::{self, Content};
use crate::diagnostic::{self, Diagnostic};
use crate::i18n::Locales;
use crate::output::{self, Data, WriteStats};
use crate::pages;
use crate::render::Renderer;
use crate::site::{Site, path_to_slash};

/// What `naskah build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
}

/// Why a build stopped: the exit code differs (2 for configuration, 1 for the site).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    Config,
    Site,
}

/// A failed build: its errors and the warnings seen before them.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: FailureKind,
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    fn new(kind: FailureKind, mut diagnostics: Vec<Diagnostic>, warnings: &[Diagnostic]) -> Self {
        diagnostics.extend_from_slice(warnings);
        diagnostic::sort(&mut diagnostics);
        Failure { kind, diagnostics }
    }
}

/// The files of a site, generated in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: BTreeMap<String, Data>,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildOutcome {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub stats: WriteStats,
    pub warnings: Vec<Diagnostic>,
}

/// Loads the configuration with command-line overrides.
pub fn load_config(options: &BuildOptions) -> Result<Config, Failure> {
    let mut config =
        Config::load(&options.root).map_err(|d| Failure::new(FailureKind::Config, vec![d], &[]))?;
    if let Some(url) = &options.base_url {
        config
            .override_base_url(url)
            .map_err(|d| Failure::new(FailureKind::Config, vec![d], &[]))?;
    }
    if let Some(out) = &options.out {
        config.output_dir = out.clone();
    }
    crate::render::check_theme(&config).map_err(|d| Failure::new(FailureKind::Config, vec![d], &[]))?;
    Ok(config)
}

/// Runs every stage up to, not including, writing.
pub fn generate(config: &Config) -> Result<Generated, Failure> {
    let site_error = |errors: Vec<Diagnostic>, warnings: &[Diagnostic]| {
        Failure::new(FailureKind::Site, errors, warnings)
    };
    let (content, mut warnings) = content::load(config).map_err(|e| site_error(e, &[]))?;
    let (locales, locale_warnings) = Locales::load(config).map_err(|e| site_error(e, &warnings))?;
    warnings.extend(locale_warnings);
    let locales = Arc::new(locales);
    let renderer =
        Renderer::new(config, Arc::clone(&locales)).map_err(|e| site_error(e, &warnings))?;
    let site = Site::new(config, &content).map_err(|e| site_error(e, &warnings))?;
    warnings.extend(site.link_warnings());
    let rendered =
        pages::render_all(&site, &renderer, &locales).map_err(|e| site_error(e, &warnings))?;
    let pages = rendered
        .keys()
        .filter(|p| p.ends_with("/index.html") || *p == "index.html")
        .count();
    let mut files =
        static_files(config, &content, &renderer).map_err(|e| site_error(vec![e], &warnings))?;
    files.extend(rendered.into_iter().map(|(p, b)| (p, Data::Bytes(b))));
    diagnostic::sort(&mut warnings);
    Ok(Generated {
        files,
        pages,
        warnings,
    })
}

/// Builds the site and swaps it into the output folder.
pub fn build(options: &BuildOptions) -> Result<BuildOutcome, Failure> {
    let config = load_config(options)?;
    let out = output_path(&config);
    output::check_target(&out, &protected_paths(&config))
        .map_err(|d| Failure::new(FailureKind::Config, vec![d], &[]))?;
    let generated = generate(&config)?;
    let stats = output::write_site(&out, &generated.files)
        .map_err(|d| Failure::new(FailureKind::Site, vec![d], &generated.warnings))?;
    Ok(BuildOutcome {
        out,
        pages: generated.pages,
        files: generated.files.len(),
        stats,
        warnings: generated.warnings,
    })
}

/// The output folder: relative `output_dir` values are relative to the site root.
pub fn output_path(config: &Config) -> PathBuf {
    if config.output_dir.is_absolute() {
        config.output_dir.clone()
    } else {
        config.root.join(&config.output_dir)
    }
}

fn protected_paths(config: &Config) -> Vec<PathBuf> {
    ["naskah.toml", "content", "themes", "locales", "static"]
        .iter()
        .map(|p| config.root.join(p))
        .collect()
}

/// Theme assets, the site's `static/` folder, and files beside the Markdown in `content/`.
fn static_files(
    config: &Config,
    content: &Content,
    renderer: &Renderer,
) -> Result<BTreeMap<String, Data>, Diagnostic> {
    let mut files: BTreeMap<String, Data> = renderer
        .static_files
        .iter()
        .map(|(p, b)| (p.clone(), Data::Bytes(b.clone())))
        .collect();
    let static_dir = config.root.join("static");
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&static_dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !content::is_ignored(e.file_name()))
        {
            let entry =
                entry.map_err(|e| Diagnostic::error(format!("cannot read static/: {e}")))?;
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&static_dir)
                    .unwrap_or(entry.path());
                files.insert(path_to_slash(rel), Data::Copy(entry.path().to_path_buf()));
            }
        }
    }
    for rel in &content.static_files {
        files.insert(
            path_to_slash(rel),
            Data::Copy(config.content_dir().join(rel)),
        );
    }
    Ok(files)
}

/// Whether `path` is inside the site's sources (used by watch mode and tests).
pub fn is_source_path(config: &Config, path: &Path) -> bool {
    protected_paths(config).iter().any(|p| path.starts_with(p))
}
