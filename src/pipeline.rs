//! The build pipeline: config → content → markdown/site → render → output.
//!
//! Consumes: a site folder and build options.
//! Produces: the complete set of output files in memory ([`generate`]), or the written
//! output folder ([`build`]); every diagnostic, sorted.
//! Guarantees: nothing is written unless every stage succeeded; the bytes produced do
//! not depend on thread count or file system order.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, DriftPolicy};
use crate::content::{self, Content, Dirty};
use crate::diagnostic::{self, Diagnostic};
use crate::drift::lock::Lock;
use crate::drift::{self, DriftReport, Status};
use crate::git_dates::GitDates;
use crate::i18n::Locales;
use crate::output::{self, Data, Sink, Staging, WriteStats};
use crate::pages;
use crate::render::Renderer;
use crate::site::{ParseCache, Site, path_to_slash};
use rayon::prelude::*;

/// What `naskah build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    /// `-v`: print each stage's time and resident memory.
    pub timings: bool,
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
    pub(crate) fn new(
        kind: FailureKind,
        mut diagnostics: Vec<Diagnostic>,
        warnings: &[Diagnostic],
    ) -> Self {
        diagnostics.extend_from_slice(warnings);
        diagnostic::sort(&mut diagnostics);
        Failure { kind, diagnostics }
    }
}

/// The files of a site, generated in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Number of files put into the sink.
    pub files: usize,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    /// One line per language (see [`drift_summary`]); empty in watch sessions.
    pub drift_summary: Vec<String>,
    /// Output paths whose bytes changed.
    pub changed: std::collections::BTreeSet<String>,
    /// Drift findings of the changed files (of every file on a full build).
    pub drift: Vec<Diagnostic>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildOutcome {
    pub out: PathBuf,
    pub drift_summary: Vec<String>,
    pub pages: usize,
    pub files: usize,
    pub stats: WriteStats,
    pub warnings: Vec<Diagnostic>,
}

/// Loads the configuration with command-line overrides.
pub fn load_config(options: &BuildOptions) -> Result<Config, Failure> {
    // An absolute root lets watch mode match file events to sources.
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let mut config =
        Config::load(&root).map_err(|d| Failure::new(FailureKind::Config, vec![d], &[]))?;
    if let Some(url) = &options.base_url {
        config
            .override_base_url(url)
            .map_err(|d| Failure::new(FailureKind::Config, vec![d], &[]))?;
    }
    if let Some(out) = &options.out {
        config.output_dir = out.clone();
    }
    config.timings = options.timings;
    crate::render::check_theme(&config)
        .map_err(|d| Failure::new(FailureKind::Config, vec![d], &[]))?;
    Ok(config)
}

/// Runs every stage up to, not including, writing.
pub fn generate(config: &Config, sink: &dyn Sink) -> Result<Generated, Failure> {
    let mut cache = Cache::one_shot();
    let generated = generate_with(config, sink, &mut cache, &Dirty::all());
    // The process ends right after a one-shot build: freeing thousands of parsed pages
    // one by one would only delay the exit.
    std::mem::forget(cache);
    generated
}

/// What one build keeps for the next (watch mode): files read, pages parsed, drift
/// analyses, the theme and UI strings, and every output with the inputs it was made
/// from. Each is reused only while its recorded inputs are unchanged.
pub struct Cache {
    content: content::ContentCache,
    parsed: ParseCache,
    drift: drift::DriftCache,
    outputs: pages::OutputCache,
    theme: Option<Theme>,
    generation: u64,
    /// False for a one-shot build: nothing is kept for a next build.
    keep: bool,
    /// `naskah.lock`, read again only when it changes.
    lock: Option<Arc<Lock>>,
    /// What the lock records that the site no longer has (and what reading it found
    /// odd), found again only when the lock or the set of files changed.
    lock_warnings: Vec<Diagnostic>,
    links: crate::site::LinkCache,
    nav: Vec<Option<(u64, Arc<pages::Navigation>)>>,
    /// Commit dates, read once per session (`[content] updated_from_git`): a commit
    /// made while `naskah serve` runs shows after a restart.
    git_dates: Option<(Arc<GitDates>, Option<Diagnostic>)>,
    /// The search index, made again only for the languages an edit touched.
    search: crate::search::index::IndexCache,
}

/// Templates and UI strings, loaded once and kept until a file under `themes/` or
/// `locales/` changes.
struct Theme {
    locales: Arc<Locales>,
    renderer: Arc<Renderer>,
    warnings: Vec<Diagnostic>,
    generation: u64,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            content: Default::default(),
            parsed: Default::default(),
            drift: Default::default(),
            outputs: Default::default(),
            theme: None,
            generation: 0,
            keep: true,
            lock: None,
            lock_warnings: Vec::new(),
            links: Default::default(),
            nav: Vec::new(),
            git_dates: None,
            search: Default::default(),
        }
    }
}

impl Cache {
    /// A cache for a single build, which keeps no copies for a next one.
    pub fn one_shot() -> Self {
        Cache {
            keep: false,
            drift: drift::DriftCache::disabled(),
            ..Cache::default()
        }
    }

    fn theme(&mut self, config: &Config, dirty: &Dirty) -> Result<&Theme, Vec<Diagnostic>> {
        let stale = dirty.touches(&config.root.join("themes"))
            || dirty.touches(&config.root.join("locales"));
        if stale || self.theme.is_none() {
            // A reload that fails leaves no theme: the next rebuild loads it again and
            // reports the error again, instead of building with the last good one as if
            // the broken file were fixed.
            self.theme = None;
            let (locales, mut warnings) = Locales::load(config)?;
            let locales = Arc::new(locales);
            let (renderer, link_warnings) = Renderer::new(config, Arc::clone(&locales))?;
            warnings.extend(link_warnings);
            let renderer = Arc::new(renderer);
            self.generation += 1;
            self.theme = Some(Theme {
                locales,
                renderer,
                warnings,
                generation: self.generation,
            });
        }
        self.theme.as_ref().ok_or_else(Vec::new)
    }

    /// The content files' commit dates, and a warning when the clone is shallow.
    fn git_dates(
        &mut self,
        config: &Config,
    ) -> Result<&(Arc<GitDates>, Option<Diagnostic>), Diagnostic> {
        if self.git_dates.is_none() {
            let (dates, warning) = crate::git_dates::read(&config.root)?;
            self.git_dates = Some((Arc::new(dates), warning));
        }
        self.git_dates
            .as_ref()
            .ok_or_else(|| Diagnostic::error("commit dates were not read"))
    }
}

/// Runs every stage up to, not including, the swap; with a warm `cache`, only what
/// `dirty` (the files changed since) affects is read, parsed, analysed and rendered.
pub fn generate_with(
    config: &Config,
    sink: &dyn Sink,
    cache: &mut Cache,
    dirty: &Dirty,
) -> Result<Generated, Failure> {
    let site_error = |errors: Vec<Diagnostic>, warnings: &[Diagnostic]| {
        Failure::new(FailureKind::Site, errors, warnings)
    };
    let mut timer = Timings::new(config.timings);
    let (content, mut warnings) =
        content::load_with(config, &mut cache.content, dirty).map_err(|e| site_error(e, &[]))?;
    if !content.documents.iter().any(|d| d.key.is_empty()) {
        warnings.push(
            Diagnostic::warning("the site has no home page: its root has no index.html")
                .in_file(&Path::new("content").join("index.md"))
                .with_help("create content/index.md (its translations: content/index.LANG.md)"),
        );
    }
    timer.lap("content");
    let theme = cache
        .theme(config, dirty)
        .map_err(|e| site_error(e, &warnings))?;
    let (locales, renderer) = (Arc::clone(&theme.locales), Arc::clone(&theme.renderer));
    warnings.extend(theme.warnings.iter().cloned());
    let global = digest_of(&(format!("{config:?}"), theme.generation));
    let reload_lock =
        cache.lock.is_none() || dirty.contains(&config.root.join(drift::lock::LOCK_FILE));
    timer.lap("theme, locales");
    // The lock (a large TOML file on a large site) is read while the pages are parsed.
    let (lock, site) = rayon::join(
        || reload_lock.then(|| Lock::load(&config.root)),
        || Site::new_with(config, &content, &mut cache.parsed),
    );
    if let Some(lock) = lock {
        // As with the theme: a lock that does not read is read again next time.
        cache.lock = match lock {
            Ok(lock) => Some(Arc::new(lock)),
            Err(e) => {
                cache.lock = None;
                return Err(site_error(vec![e], &warnings));
            }
        };
    }
    if reload_lock || dirty.relist {
        cache.lock_warnings = cache
            .lock
            .as_ref()
            .map(|lock| lock_warnings(lock, &content))
            .unwrap_or_default();
    }
    warnings.extend(cache.lock_warnings.iter().cloned());
    let lock = cache.lock.clone().unwrap_or_default();
    let mut site = site.map_err(|e| site_error(e, &warnings))?;
    if config.updated_from_git {
        let (dates, warning) = cache
            .git_dates(config)
            .map_err(|e| site_error(vec![e], &warnings))?;
        site.git_dates = Arc::clone(dates);
        warnings.extend(warning.clone());
    }
    timer.lap("lock and markdown");
    warnings.extend(site.link_warnings_with(&mut cache.links));
    timer.lap("links");
    let drift = drift::analyze_with(&site, &lock, &mut cache.drift);
    site.hide(hidden_translations(config, &drift));
    if !cache.keep {
        // Nothing after drift reads the lock; a one-shot build frees it for the
        // stages after.
        drop(lock);
        cache.lock = None;
    }
    timer.lap("drift");
    let (statics, link_warnings) =
        static_files(config, &content, &renderer).map_err(|e| site_error(vec![e], &warnings))?;
    warnings.extend(link_warnings);
    let statics = without_outputs(&site, statics, &mut warnings);
    let static_count = statics.len();
    let static_paths = digest_of(&statics.iter().map(|(p, _)| p).collect::<Vec<_>>());
    // Static files and the search index first: rendering is the last step that can
    // fail, so a build that rendered is a build that succeeded (the output cache relies
    // on it). The index before the pages also lowers the peak: the pages reuse the
    // memory its postings held (guide family, 2,000 documents: 785 -> 745 MiB).
    statics
        .into_par_iter()
        .try_for_each(|(path, data)| sink.put(&path, data))
        .map_err(|e| site_error(vec![e], &warnings))?;
    timer.lap("static files");
    let search_files = search_index(&site, &locales, &drift, sink, cache)
        .map_err(|e| site_error(vec![e], &warnings))?;
    if !cache.keep {
        // Pages are rendered from blocks, not segments: a one-shot build frees them,
        // once its parse cache no longer holds the pages too.
        cache.parsed = ParseCache::default();
        site.release_segments();
    }
    timer.lap("search index");
    let previous = pages::Previous {
        outputs: &mut cache.outputs,
        global,
        other_files: static_paths,
        keep: cache.keep,
        nav: &mut cache.nav,
    };
    let rendered = pages::render_all(&site, &renderer, &locales, &drift, sink, previous)
        .map_err(|e| site_error(e, &warnings))?;
    timer.lap("render and write pages");
    let files = rendered.files + static_count + search_files;
    let pages = rendered.pages;
    diagnostic::sort(&mut warnings);
    Ok(Generated {
        files,
        pages,
        warnings,
        // Watch sessions report the changed files' findings instead.
        drift_summary: if cache.keep {
            Vec::new()
        } else {
            drift_summary(config, &drift)
        },
        changed: rendered.changed,
        drift: drift_diagnostics(&site, &drift, dirty),
    })
}

/// Writes the search index; returns how many files. In a watch session only the
/// languages an edit touched are indexed again, and only the edited pages' terms are
/// read again (see [`crate::search::index::IndexCache`]).
fn search_index(
    site: &Site,
    locales: &crate::i18n::Locales,
    drift: &DriftReport,
    sink: &dyn Sink,
    cache: &mut Cache,
) -> Result<usize, Diagnostic> {
    if !site.config.search {
        return Ok(0);
    }
    let kept = cache.keep.then_some(&mut cache.search);
    crate::search::index::files(site, locales, drift, kept, |files| {
        files
            .par_iter()
            .try_for_each(|(path, bytes)| sink.put_shared(path, bytes))
    })
}

fn digest_of(value: &impl std::hash::Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    std::hash::Hasher::finish(&hasher)
}

/// Drift findings of the files `dirty` names (all, on a full build), as diagnostics.
fn drift_diagnostics(site: &Site, drift: &DriftReport, dirty: &Dirty) -> Vec<Diagnostic> {
    let config = site.config;
    let translations: Vec<&drift::TranslationDrift> = if dirty.all {
        drift.translations()
    } else {
        // The translations of the files named: a source file names all of its own.
        let named: std::collections::BTreeSet<(usize, String)> = dirty
            .paths
            .iter()
            .filter_map(|p| p.strip_prefix(&config.root).ok())
            .filter_map(|p| content::document_of(config, p))
            .filter_map(|(key, lang)| Some((site.index_of(&key)?, lang)))
            .collect();
        let source = &config.source().code;
        // `named` holds the few files of one save: a scan, without building keys.
        let wanted = |i: usize, lang: &str| {
            named
                .iter()
                .any(|(j, named_lang)| *j == i && (named_lang == source || named_lang == lang))
        };
        let documents: std::collections::BTreeSet<usize> = named.iter().map(|(i, _)| *i).collect();
        documents
            .into_iter()
            .filter_map(|i| Some((i, drift.document(i)?)))
            .flat_map(|(i, d)| d.translations.iter().filter(move |t| wanted(i, &t.lang)))
            .map(|t| &**t)
            .collect()
    };
    let mut out: Vec<Diagnostic> = translations
        .into_iter()
        .flat_map(|t| {
            t.findings
                .iter()
                .filter(|f| f.severity >= diagnostic::Severity::Warning)
                .map(move |f| {
                    let location = diagnostic::Location {
                        path: t.file.clone().unwrap_or_default(),
                        line: f.position.line,
                        column: f.position.column,
                    };
                    let d = match f.severity {
                        diagnostic::Severity::Error => {
                            Diagnostic::error(format!("{} [{}]", f.message, f.kind.as_str()))
                        }
                        _ => Diagnostic::warning(format!("{} [{}]", f.message, f.kind.as_str())),
                    };
                    d.at(location)
                })
        })
        .collect();
    diagnostic::sort(&mut out);
    out
}

/// Stage timings on stderr, with `-v` or when `NASKAH_TIMINGS` is set: each stage's wall
/// time, the CPU time the process spent in it (over the wall time: how many cores it kept
/// busy), and the resident memory at its end.
struct Timings {
    last: Option<(std::time::Instant, Option<f64>)>,
}

impl Timings {
    /// On with `-v`, or with `NASKAH_TIMINGS` set (for scripts that cannot pass it).
    fn new(verbose: bool) -> Self {
        let on = verbose || std::env::var_os("NASKAH_TIMINGS").is_some();
        Timings {
            last: on.then(|| (std::time::Instant::now(), cpu_seconds())),
        }
    }

    fn lap(&mut self, stage: &str) {
        if let Some((wall, cpu)) = self.last {
            let now = cpu_seconds();
            let cpu_ms = cpu.zip(now).map_or(String::new(), |(a, b)| {
                format!(" ({:.0} ms CPU)", (b - a) * 1000.0)
            });
            eprintln!(
                "timing {stage}: {:.1} ms{cpu_ms}{}",
                wall.elapsed().as_secs_f64() * 1000.0,
                resident_mib().map_or(String::new(), |mib| format!(", {mib} MiB resident"))
            );
            self.last = Some((std::time::Instant::now(), now));
        }
    }
}

/// User and system CPU time of the whole process so far, every thread (Linux).
#[cfg(target_os = "linux")]
fn cpu_seconds() -> Option<f64> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a `rusage` into the pointer it is given and nothing else.
    let ok = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) } == 0;
    // SAFETY: zeroed is a valid `rusage` (plain integers), and a successful call filled it.
    let usage = unsafe { usage.assume_init() };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    ok.then(|| seconds(usage.ru_utime) + seconds(usage.ru_stime))
}

#[cfg(not(target_os = "linux"))]
fn cpu_seconds() -> Option<f64> {
    None
}

/// Resident memory from `/proc/self/status` (Linux), to see which stage holds what.
fn resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// Translations that `drift = "hide"` replaces by their source page.
fn hidden_translations(config: &Config, drift: &DriftReport) -> Vec<(usize, String)> {
    if config
        .languages
        .iter()
        .all(|l| l.drift != DriftPolicy::Hide)
    {
        return Vec::new();
    }
    drift
        .translations()
        .iter()
        .filter_map(|t| {
            let lang = config.language(&t.lang)?;
            let hide = lang.drift == DriftPolicy::Hide
                && t.status == Status::Outdated
                && t.in_sync_share < lang.hide_below;
            Some((t.doc_index?, t.lang.clone())).filter(|_| hide)
        })
        .collect()
}

/// One line per language (see [`drift::report::summary_lines`]).
pub fn drift_summary(config: &Config, drift: &DriftReport) -> Vec<String> {
    drift::report::summary_lines(drift, config)
}

/// What `naskah check` starts from: the site read and analysed.
pub struct Checked {
    pub config: Config,
    pub report: DriftReport,
    /// Problems with the site's files, errors included: a file that cannot be read or
    /// paired is left out of the report and named here, so one bad file does not hide
    /// the drift of every other.
    pub problems: Vec<Diagnostic>,
}

/// Reads the site and analyses drift, without rendering.
pub fn check(options: &BuildOptions) -> Result<Checked, Failure> {
    let config = load_config(options)?;
    let site_error = |errors: Vec<Diagnostic>, warnings: &[Diagnostic]| {
        Failure::new(FailureKind::Site, errors, warnings)
    };
    let mut timer = Timings::new(config.timings);
    // The lock (a large TOML file on a large site) is read while the pages are.
    let (content, lock) = rayon::join(
        || content::load_keep_going(&config),
        || Lock::load(&config.root),
    );
    let (content, mut problems) = content.map_err(|e| site_error(e, &[]))?;
    let lock = lock.map_err(|e| site_error(vec![e], &problems))?;
    problems.extend(lock_warnings(&lock, &content));
    timer.lap("content and lock");
    let site = Site::new(&config, &content).map_err(|e| site_error(e, &problems))?;
    timer.lap("markdown");
    let report = drift::analyze(&site, &Arc::new(lock));
    timer.lap("drift");
    // `naskah check` ends right after: freeing every parsed page one by one would only
    // delay the exit (as in a one-shot build).
    std::mem::forget(site);
    std::mem::forget(content);
    Ok(Checked {
        config,
        report,
        problems,
    })
}

/// Which translations `naskah accept` records.
#[derive(Debug, Clone, Default)]
pub struct AcceptOptions {
    pub build: BuildOptions,
    /// Translation or source files (relative to the current folder or the site root).
    pub files: Vec<PathBuf>,
    pub lang: Option<String>,
    pub all: bool,
    /// Start from an empty lock instead of reading `naskah.lock`.
    pub rebuild_lock: bool,
}

/// One translation `naskah accept` recorded, with what `naskah check` still reports
/// on it: accepting records the source, it does not make a wrong number right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub document: String,
    pub lang: String,
    pub errors: usize,
    pub warnings: usize,
}

/// What `naskah accept` did.
#[derive(Debug, Clone, Default)]
pub struct AcceptOutcome {
    pub accepted: Vec<Accepted>,
    /// Records of translations that no longer exist, dropped from the lock.
    pub dropped: Vec<(String, String)>,
    /// What reading the old lock found odd (a translation recorded twice).
    pub warnings: Vec<Diagnostic>,
}

/// Records the current source of the selected translations in `naskah.lock`.
pub fn accept(options: &AcceptOptions) -> Result<AcceptOutcome, Failure> {
    let config = load_config(&options.build)?;
    let usage = |d: Diagnostic| Failure::new(FailureKind::Config, vec![d], &[]);
    if let Some(lang) = &options.lang {
        config.translation_language(lang).map_err(usage)?;
    }
    let site_error = |errors: Vec<Diagnostic>| Failure::new(FailureKind::Site, errors, &[]);
    let (content, _) = content::load(&config).map_err(site_error)?;
    let mut lock = if options.rebuild_lock {
        Lock::default()
    } else {
        Lock::load(&config.root).map_err(|e| site_error(vec![e]))?
    };
    // Records of translations that no longer exist are dropped: they can never be
    // checked again.
    let existing: Vec<(String, String)> = content
        .documents
        .iter()
        .flat_map(|d| {
            d.translations
                .keys()
                .map(move |l| (d.key.clone(), l.clone()))
        })
        .collect();
    let dropped = lock.retain_existing(&existing);
    let warnings = lock.warnings().to_vec();
    let site = Site::new(&config, &content).map_err(site_error)?;
    let selected = select_translations(&config, &content, options).map_err(usage)?;
    if selected.is_empty() {
        return Err(usage(Diagnostic::error("nothing to accept: no translation matches").with_help(
            "name translation files (content/x.en.md), source files (all their translations), or pass --all; --lang narrows",
        )));
    }
    let today = drift::lock::today();
    for (index, lang) in &selected {
        let (record, texts) = drift::record(&site, *index, lang, &today);
        lock.accept(record, texts);
    }
    lock.save(&config.root).map_err(|e| site_error(vec![e]))?;
    let report = drift::analyze(&site, &Arc::new(lock));
    let accepted = selected
        .into_iter()
        .map(|(index, lang)| {
            let drift = report.get(index, &lang);
            let count = |severity| drift.map_or(0, |d| d.count(severity));
            Accepted {
                document: content.documents[index].key.clone(),
                errors: count(crate::diagnostic::Severity::Error),
                warnings: count(crate::diagnostic::Severity::Warning),
                lang,
            }
        })
        .collect();
    Ok(AcceptOutcome {
        accepted,
        dropped,
        warnings,
    })
}

/// Warnings for what a lock records but the site no longer has, and for what reading
/// it found odd.
fn lock_warnings(lock: &Lock, content: &Content) -> Vec<Diagnostic> {
    let existing: std::collections::BTreeSet<(&str, &str)> = content
        .documents
        .iter()
        .flat_map(|d| {
            d.translations
                .keys()
                .map(move |l| (d.key.as_str(), l.as_str()))
        })
        .collect();
    let mut out = lock.warnings().to_vec();
    for (document, lang) in lock.stale(&existing) {
        let shown = if document.is_empty() {
            "(home)"
        } else {
            document.as_str()
        };
        // The translation's file may still be there, without its source page.
        let orphan = content
            .orphans
            .iter()
            .find(|(key, page)| *key == document && page.lang == lang);
        let what = match orphan {
            Some((_, page)) => format!(
                "whose source page no longer exists ({} is left without one)",
                page.path.display()
            ),
            None => "which has no translation file now".to_string(),
        };
        out.push(
            Diagnostic::warning(format!("naskah.lock records {shown} [{lang}], {what}"))
                .in_file(Path::new(drift::lock::LOCK_FILE))
                .with_help(
                    "`naskah accept` drops the records of translations that are no longer built",
                ),
        );
    }
    out
}

fn select_translations(
    config: &Config,
    content: &Content,
    options: &AcceptOptions,
) -> Result<Vec<(usize, String)>, Diagnostic> {
    let wanted_lang = |lang: &str| options.lang.as_deref().is_none_or(|l| l == lang);
    let files = site_files(config, &options.files)?;
    let mut selected = Vec::new();
    for (index, doc) in content.documents.iter().enumerate() {
        let source_named = files.contains(&doc.source.path);
        for (lang, page) in &doc.translations {
            let named = source_named || files.contains(&page.path);
            if wanted_lang(lang) && (options.all || named) {
                selected.push((index, lang.clone()));
            }
        }
    }
    Ok(selected)
}

/// Files named on the command line, relative to the site root; one outside the site is
/// an error.
pub(crate) fn site_files(config: &Config, files: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    files
        .iter()
        .map(|file| {
            site_relative(config, file).ok_or_else(|| {
                Diagnostic::error(format!(
                    "{} is not a file of the site in {}",
                    file.display(),
                    config.root.display()
                ))
                .with_help("name Markdown files under content/")
            })
        })
        .collect()
}

/// A path as the user typed it, relative to the site root (`content/x.md`).
fn site_relative(config: &Config, file: &Path) -> Option<PathBuf> {
    let root = std::fs::canonicalize(&config.root).ok()?;
    let candidates = [
        std::env::current_dir().ok()?.join(file),
        config.root.join(file),
    ];
    candidates
        .iter()
        .filter_map(|c| std::fs::canonicalize(c).ok())
        .find_map(|c| c.strip_prefix(&root).ok().map(Path::to_path_buf))
}

/// Builds the site and swaps it into the output folder.
pub fn build(options: &BuildOptions) -> Result<BuildOutcome, Failure> {
    let config = load_config(options)?;
    let out = config.output_path();
    output::check_target(&out, &config.source_paths())
        .map_err(|d| Failure::new(FailureKind::Config, vec![d], &[]))?;
    let staging =
        Staging::begin(&out).map_err(|d| Failure::new(FailureKind::Site, vec![d], &[]))?;
    // On failure `staging` is dropped, which removes it: the previous output stays.
    let generated = generate(&config, &staging)?;
    let mut timer = Timings::new(config.timings);
    let mut stats = staging
        .commit()
        .map_err(|d| Failure::new(FailureKind::Site, vec![d], &generated.warnings))?;
    timer.lap("swap");
    let mut warnings = generated.warnings;
    warnings.extend(stats.leftover.take());
    Ok(BuildOutcome {
        out,
        drift_summary: generated.drift_summary.clone(),
        pages: generated.pages,
        files: generated.files,
        stats,
        warnings,
    })
}

/// Static files minus those a page, 404, status page, sitemap or robots.txt replaces.
/// A warning for each of the site's own files (in `static/` or `content/`, not a
/// theme's) left out because a generated file takes its path.
fn without_outputs(
    site: &Site,
    statics: BTreeMap<String, Data>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(String, Data)> {
    if statics.is_empty() {
        return Vec::new();
    }
    let taken = pages::output_paths(site);
    let clash = Clash::new(site, &taken);
    let mut kept = Vec::with_capacity(statics.len());
    for (path, data) in statics {
        let Some(why) = clash.of(&path) else {
            kept.push((path, data));
            continue;
        };
        if let Data::Copy(file) = &data {
            let shown = file.strip_prefix(&site.config.root).unwrap_or(file);
            warnings.push(
                Diagnostic::warning(format!("{} is not published: {why}", shown.display()))
                    .in_file(shown)
                    .with_help("rename the file, or the page that takes its path"),
            );
        }
    }
    kept
}

/// What naskah writes that a static file's path may clash with: pages and generated
/// files, the folders they are in, and the search index's folders.
struct Clash<'t> {
    taken: &'t HashSet<std::borrow::Cow<'t, str>>,
    folders: HashSet<&'t str>,
    search: Vec<String>,
}

impl<'t> Clash<'t> {
    fn new(site: &Site, taken: &'t HashSet<std::borrow::Cow<'t, str>>) -> Self {
        let folders = taken
            .iter()
            .flat_map(|path| path.match_indices('/').map(|(at, _)| &path[..at]))
            .collect();
        let search = match site.config.search {
            true => site
                .config
                .languages
                .iter()
                .map(crate::search::index::folder)
                .collect(),
            false => Vec::new(),
        };
        Clash {
            taken,
            folders,
            search,
        }
    }

    /// Why a static file at `path` cannot be published, if it cannot.
    fn of(&self, path: &str) -> Option<String> {
        if self.taken.contains(path) {
            return Some(format!("naskah writes {path} (a page or a generated file)"));
        }
        if self.folders.contains(path) {
            return Some(format!("naskah writes pages inside a folder {path}/"));
        }
        let mut parents = path.match_indices('/').map(|(at, _)| &path[..at]);
        if let Some(file) = parents.find(|p| self.taken.contains(*p)) {
            return Some(format!(
                "naskah writes the file {file}, which this path needs as a folder"
            ));
        }
        let search = self.search.iter().find(|f| {
            path.strip_prefix(f.as_str())
                .is_some_and(|r| r.starts_with('/'))
        });
        search.map(|folder| format!("the search index is written in {folder}/"))
    }
}

/// Theme assets, the site's `static/` folder, and files beside the Markdown in `content/`;
/// with a warning for each link in `static/` not followed.
fn static_files(
    config: &Config,
    content: &Content,
    renderer: &Renderer,
) -> Result<(BTreeMap<String, Data>, Vec<Diagnostic>), Diagnostic> {
    let mut warnings = Vec::new();
    let mut files: BTreeMap<String, Data> = renderer
        .static_files
        .iter()
        .map(|(p, b)| (p.clone(), Data::Bytes(b.clone())))
        .collect();
    let static_dir = config.root.join("static");
    if static_dir.is_dir() {
        let (found, not_followed) = crate::walk::files(&static_dir, &config.walk_bounds())?;
        warnings.extend(not_followed);
        for path in found {
            let rel = path.strip_prefix(&static_dir).unwrap_or(&path);
            files.insert(path_to_slash(rel), Data::Copy(path.clone()));
        }
    }
    for rel in &content.static_files {
        let name = path_to_slash(rel);
        let replaced = files.insert(name.clone(), Data::Copy(config.content_dir().join(rel)));
        if let Some(Data::Copy(other)) = replaced {
            let shown = other.strip_prefix(&config.root).unwrap_or(&other);
            warnings.push(
                Diagnostic::warning(format!(
                    "{} is not published: content/{name} is published at the same path",
                    shown.display()
                ))
                .in_file(shown)
                .with_help("keep one of the two files"),
            );
        }
    }
    Ok((files, warnings))
}
