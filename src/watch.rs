//! Watching the site's sources and rebuilding from recorded dependencies.
//!
//! Consumes: file system events for `naskah.toml`, `naskah.lock`, `content/`,
//! `locales/`, `themes/` and `static/` (native events, or polling with `--poll`).
//! Produces: [`Dirty`] sets, one per burst of events, and [`Session`]: the pipeline
//! with its caches, rebuilding into a sink.
//! Guarantees: editors' swap and backup files (`.swp`, `~`, `4913`, hidden files) and
//! the output folder are ignored; a burst of events (an editor's atomic save) becomes
//! one rebuild; events that arrive during a rebuild start the next one; a change of
//! `naskah.toml` rebuilds everything; what a rebuild reuses is decided by the caches'
//! recorded inputs ([`pipeline::Cache`]), never guessed from file names.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};

use crate::config::{CONFIG_FILE, Config};
use crate::content::{Dirty, is_ignored};
use crate::diagnostic::Diagnostic;
use crate::drift::lock::LOCK_FILE;
use crate::output::Sink;
use crate::pipeline::{self, BuildOptions, Cache, Failure, Generated};

/// Quiet time that ends a burst of events. Editors write a file in several steps
/// (temporary file, rename, attributes) within a few milliseconds.
const DEBOUNCE: Duration = Duration::from_millis(8);

/// A running file watcher; dropping it stops watching.
pub struct Watcher {
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    ignored: Vec<PathBuf>,
    watched: BTreeSet<PathBuf>,
    watcher: Box<dyn notify::Watcher + Send>,
}

/// The folders under the site root that hold sources.
const SOURCE_FOLDERS: [&str; 4] = ["content", "locales", "themes", "static"];

impl Watcher {
    /// Watches the sources of the site in `root`; `ignored` holds folders whose changes
    /// are never sources (the output folder).
    pub fn start(root: &Path, ignored: Vec<PathBuf>, poll: bool) -> Result<Watcher, Diagnostic> {
        let (tx, rx) = channel();
        let fail = |e: notify::Error| {
            Diagnostic::error(format!("cannot watch {}: {e}", root.display()))
                .with_help("on network or container file systems, pass --poll")
        };
        let mut watcher: Box<dyn notify::Watcher + Send> = if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(250));
            Box::new(notify::PollWatcher::new(sender(tx), config).map_err(fail)?)
        } else {
            Box::new(notify::recommended_watcher(sender(tx)).map_err(fail)?)
        };
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(fail)?;
        let mut watched = BTreeSet::new();
        for folder in SOURCE_FOLDERS {
            let path = root.join(folder);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(fail)?;
                watched.insert(path);
            }
        }
        let ignored = ignored
            .iter()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
            .collect();
        Ok(Watcher {
            events: rx,
            root,
            ignored,
            watched,
            watcher,
        })
    }

    /// A source folder created after the start (`themes/`, say) is watched from then on;
    /// one that was replaced (`content/` renamed away and back, deleted and made again,
    /// swapped by a `git checkout` or `rsync`) is watched again: the old watch followed
    /// the folder that went away, and the server went blind.
    fn watch_new_folders(&mut self, touched: &BTreeSet<PathBuf>) {
        for folder in SOURCE_FOLDERS {
            let path = self.root.join(folder);
            if touched.contains(&path) && self.watched.remove(&path) {
                let _ = self.watcher.unwatch(&path);
            }
            if path.is_dir()
                && !self.watched.contains(&path)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(path);
            }
        }
    }

    /// Blocks until sources change; returns the burst of changes as one [`Dirty`].
    /// `None` when the watcher stopped.
    pub fn wait(&mut self) -> Option<Dirty> {
        loop {
            let first = self.events.recv().ok()?;
            let mut dirty = Dirty::default();
            self.add(&mut dirty, first);
            loop {
                match self.events.recv_timeout(DEBOUNCE) {
                    Ok(event) => self.add(&mut dirty, event),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            if dirty.relist {
                self.watch_new_folders(&dirty.paths);
                // A whole source folder replaced: its files are other files now, even
                // where their names are the same.
                if SOURCE_FOLDERS
                    .iter()
                    .any(|f| dirty.paths.contains(&self.root.join(f)))
                {
                    dirty.all = true;
                }
            }
            if dirty.all || !dirty.paths.is_empty() {
                return Some(dirty);
            }
        }
    }

    fn add(&self, dirty: &mut Dirty, event: notify::Result<notify::Event>) {
        let Ok(event) = event else {
            // The watcher lost events (queue overflow): rebuild everything.
            dirty.all = true;
            dirty.relist = true;
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let mut relevant = false;
        for path in &event.paths {
            if self.is_source(path) {
                relevant = true;
                if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
                    dirty.all = true;
                }
                dirty.paths.insert(path.clone());
            }
        }
        let structural = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Remove(_)
                | EventKind::Modify(notify::event::ModifyKind::Name(_))
                | EventKind::Any
        );
        if relevant && structural {
            dirty.relist = true;
        }
    }

    fn is_source(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return false;
        }
        if rel.components().any(|c| is_ignored(c.as_os_str())) {
            return false;
        }
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        match rel.components().count() {
            0 => false,
            1 => {
                first == CONFIG_FILE
                    || first == LOCK_FILE
                    || SOURCE_FOLDERS.contains(&first.as_str())
            }
            _ => SOURCE_FOLDERS.contains(&first.as_str()),
        }
    }
}

fn sender(
    tx: Sender<notify::Result<notify::Event>>,
) -> impl Fn(notify::Result<notify::Event>) + Send + 'static {
    move |event| {
        let _ = tx.send(event);
    }
}

/// The pipeline with its caches, for repeated rebuilds.
pub struct Session {
    pub options: BuildOptions,
    pub config: Config,
    cache: Cache,
    /// For `naskah serve`: the site is served at the root of a local server.
    served: bool,
    /// The last reading of `naskah.toml` failed: every rebuild reads it again until it
    /// loads, instead of building with the last good one as if it were fixed.
    config_failed: bool,
    /// `naskah.toml` was read again since the last rebuild: the next one is full.
    reloaded: bool,
    /// The site's warnings as last shown: a rebuild shows them again only when they
    /// changed (a broken link fixed or made), not after every keystroke.
    shown_warnings: Vec<Diagnostic>,
}

/// One rebuild's outcome.
pub struct Rebuild {
    pub result: Result<Generated, Failure>,
    /// The site's warnings, when they differ from those the last rebuild showed (all
    /// of them, for the caller to print); empty when they are the same.
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// The sources that changed.
    pub sources: Vec<PathBuf>,
}

impl Session {
    pub fn new(options: BuildOptions) -> Result<Session, Failure> {
        let config = pipeline::load_config(&options)?;
        Ok(Session {
            options,
            config,
            cache: Cache::default(),
            served: false,
            config_failed: false,
            reloaded: false,
            shown_warnings: Vec::new(),
        })
    }

    /// A session for `naskah serve`, which serves the site at `/` of a local server
    /// (see [`Config::served_at_root`]).
    pub fn for_server(options: BuildOptions) -> Result<Session, Failure> {
        let mut session = Session::new(options)?;
        session.served = true;
        session.config.served_at_root = true;
        Ok(session)
    }

    /// Whether `dirty` (or a failed earlier reading) asks for `naskah.toml` again.
    fn config_pending(&self, dirty: &Dirty) -> bool {
        dirty.all || self.config_failed
    }

    /// Reads `naskah.toml` again when `dirty` asks for it; the next rebuild is then a
    /// full one. (Called by `naskah watch` before it makes the staging folder, so a
    /// changed `output_dir` is written to; `rebuild` calls it for `serve`.)
    pub fn reload_config_if(&mut self, dirty: &Dirty) -> Result<(), Failure> {
        if !self.config_pending(dirty) || self.reloaded {
            return Ok(());
        }
        match pipeline::load_config(&self.options) {
            Ok(config) => {
                self.config = config;
                self.config.served_at_root = self.served;
                self.config_failed = false;
                self.reloaded = true;
                Ok(())
            }
            Err(failure) => {
                self.config_failed = true;
                Err(failure)
            }
        }
    }

    /// Rebuilds into `sink` what `dirty` affects.
    pub fn rebuild(&mut self, sink: &dyn Sink, dirty: &Dirty) -> Rebuild {
        let started = Instant::now();
        let mut dirty = dirty.clone();
        if self.config_pending(&dirty) {
            if let Err(failure) = self.reload_config_if(&dirty) {
                return Rebuild {
                    result: Err(failure),
                    warnings: Vec::new(),
                    elapsed: started.elapsed(),
                    sources: Vec::new(),
                };
            }
            dirty = Dirty::all();
        }
        if self.reloaded {
            self.reloaded = false;
            self.cache = Cache::default();
            dirty = Dirty::all();
        }
        let result = pipeline::generate_with(&self.config, sink, &mut self.cache, &dirty);
        let warnings = match &result {
            Ok(generated) if generated.warnings != self.shown_warnings => {
                self.shown_warnings.clone_from(&generated.warnings);
                generated.warnings.clone()
            }
            _ => Vec::new(),
        };
        let root = &self.config.root;
        let sources: BTreeSet<PathBuf> = dirty
            .paths
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|_| p.clone())
            })
            .collect();
        Rebuild {
            result,
            warnings,
            elapsed: started.elapsed(),
            sources: sources.into_iter().collect(),
        }
    }
}

/// `naskah watch`: rebuilds the output folder on every change, atomically.
pub fn watch(options: &BuildOptions, poll: bool, quiet: bool) -> i32 {
    let mut session = match Session::new(options.clone()) {
        Ok(session) => session,
        Err(failure) => {
            crate::commands::print_diagnostics(&failure.diagnostics);
            return crate::commands::EXIT_USAGE;
        }
    };
    let out = session.config.output_path();
    let mut watcher = match Watcher::start(&session.config.root, vec![out.clone()], poll) {
        Ok(watcher) => watcher,
        Err(d) => {
            crate::commands::print_diagnostics(&[d]);
            return crate::commands::EXIT_USAGE;
        }
    };
    if !quiet {
        eprintln!(
            "watching {} → {}",
            session.config.root.display(),
            out.display()
        );
    }
    let mut dirty = Dirty::all();
    loop {
        write_once(&mut session, &dirty, quiet);
        match watcher.wait() {
            Some(next) => dirty = next,
            None => return crate::commands::EXIT_OK,
        }
    }
}

/// One atomic rebuild of the output folder. The folder is the configuration's after a
/// change of `naskah.toml` (an `output_dir` changed while watching is followed), so
/// the configuration is read before the staging folder is made.
fn write_once(session: &mut Session, dirty: &Dirty, quiet: bool) {
    let before = session.config.output_path();
    if let Err(failure) = session.reload_config_if(dirty) {
        crate::commands::print_diagnostics(&failure.diagnostics);
        eprintln!("rebuild failed; {} was left as it was", before.display());
        return;
    }
    let out = session.config.output_path();
    if out != before && !quiet {
        eprintln!("output_dir changed: writing {} from now on", out.display());
    }
    let protected = session.config.source_paths();
    let staging = crate::output::check_target(&out, &protected)
        .and_then(|()| crate::output::Staging::begin(&out));
    let staging = match staging {
        Ok(staging) => staging,
        Err(d) => return crate::commands::print_diagnostics(&[d]),
    };
    let rebuild = session.rebuild(&staging, dirty);
    let ms = rebuild.elapsed.as_secs_f64() * 1000.0;
    match rebuild.result {
        Ok(generated) => match staging.commit() {
            Ok(stats) => {
                crate::commands::print_diagnostics(&rebuild.warnings);
                crate::commands::print_diagnostics(&generated.drift);
                crate::commands::print_diagnostics(stats.leftover.as_slice());
                if !quiet {
                    eprintln!(
                        "rebuilt in {ms:.1} ms: {} files changed, {} kept",
                        generated.changed.len(),
                        stats.unchanged
                    );
                }
            }
            Err(d) => crate::commands::print_diagnostics(&[d]),
        },
        Err(failure) => {
            crate::commands::print_diagnostics(&failure.diagnostics);
            eprintln!("rebuild failed; {} was left as it was", out.display());
        }
    }
}
