//! Output jobs: every file of the built site is one job, rendered in parallel.
//!
//! Consumes: the [`Site`], the [`Renderer`] and [`Locales`].
//! Produces: output path → bytes for every page (original, translation, fallback), each
//! language's 404 page, `sitemap.xml` and `robots.txt`.
//! Guarantees: every URL written into a page is relative to that page (so the site works
//! from any sub-path and from `file://`), except on 404 pages when `base_url` is set;
//! the result does not depend on thread count (jobs are collected in order).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::config::{Config, Language};
use crate::content::DocKind;
use crate::diagnostic::Diagnostic;
use crate::drift::{DriftReport, TranslationDrift};
use crate::i18n::Locales;
use crate::markdown::{self, HtmlOptions, TocEntry};
use crate::marks;
use crate::navigation::Tree;
use crate::output::{Data, Sink};
use crate::render::{Renderer, base_context};
use crate::site::{NavItem, Site, Variant, part_path, relative_url, root_prefix};

mod keys;
mod status;

pub use keys::OutputCache;
use keys::{Digests, JobKey, Outputs, Snapshot};

/// One file to produce.
#[derive(Debug, Clone)]
enum Job {
    Page {
        index: usize,
        lang: usize,
    },
    /// Page `part` (2 and on) of a long section's index.
    Part {
        index: usize,
        lang: usize,
        part: usize,
    },
    NotFound {
        lang: usize,
    },
    Status {
        lang: usize,
    },
    NavScript {
        lang: usize,
    },
    Sitemap,
    Robots,
}

/// Values built once per build and shared by every page.
struct Shared {
    site: Value,
    nav: Vec<Arc<Navigation>>,
}

/// One language's navigation: the tree, and the whole of it as template data (`nav`).
pub struct Navigation {
    tree: Tree,
    value: Value,
}

/// A language entry of the switcher.
#[derive(Serialize)]
struct LanguageLink<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'a str,
    path: String,
    current: bool,
    /// This language has its own text of the page (original or translation).
    translated: bool,
    is_source: bool,
    machine_translated: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

/// The `page` object of the template context (documented in `docs/TEMPLATES.md`).
#[derive(Serialize)]
struct PageContext<'a> {
    key: &'a str,
    kind: DocKind,
    title: &'a str,
    description: Option<&'a str>,
    date: Option<String>,
    date_display: Option<String>,
    updated: Option<String>,
    updated_display: Option<String>,
    weight: i64,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    content: String,
    toc: &'a [TocEntry],
    path: &'a str,
    is_source: bool,
    machine_translated: bool,
    untranslated: bool,
    content_lang: &'a str,
    content_dir: &'a str,
    canonical: Option<String>,
    noindex: bool,
    /// A URL path, as links are written (`c%23/index.html` for `c#.md`).
    source_path: Cow<'a, str>,
    /// "Edit this page": `edit_url` with the shown file's path, when configured.
    edit_url: Option<String>,
    languages: Vec<LanguageLink<'a>>,
    /// Number of other languages with their own text of this page.
    translation_count: usize,
    /// `[Alternate]`, shared between a document's pages (see [`Jobs::alternates`]).
    alternates: Value,
    children: Vec<NavItem>,
    /// Entries listed in all (`children` holds this page's share of them).
    children_total: usize,
    /// Where a section's index takes several pages: which one this is, and the others.
    pagination: Option<Pagination>,
    drift: Option<DriftContext>,
}

/// `page.pagination` (see `docs/TEMPLATES.md`).
#[derive(Serialize)]
struct Pagination {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<PaginationLink>,
}

#[derive(Serialize)]
struct PaginationLink {
    number: usize,
    path: String,
}

/// The URL path of part `n` of the index at `first` (percent-encoded as links are).
fn link(first: &str, n: usize) -> String {
    crate::site::url_path(&part_path(first, n)).into_owned()
}

impl Pagination {
    /// Page `number` of `total` of the index whose first page is `first` (`None` when
    /// it takes one page).
    fn new(first: &str, number: usize, total: usize) -> Option<Pagination> {
        (total > 1).then(|| Pagination {
            number,
            total,
            previous: (number > 1).then(|| link(first, number - 1)),
            next: (number < total).then(|| link(first, number + 1)),
            pages: (1..=total)
                .map(|n| PaginationLink {
                    number: n,
                    path: link(first, n),
                })
                .collect(),
        })
    }
}

/// Everything a job reads; shared by all jobs of a build.
struct Jobs<'a> {
    site: &'a Site<'a>,
    renderer: &'a Renderer,
    locales: &'a Locales,
    drift: &'a DriftReport,
    shared: Shared,
    /// Per document: its digests and its status-page rows.
    states: &'a [keys::DocState],
    /// Each language's status labels, formatted once per build.
    status_labels: Vec<status::Labels>,
    /// Every document's status rows are made (or the first error).
    status_rows_ready: std::sync::OnceLock<Result<(), Diagnostic>>,
    /// Per document, its hreflang alternates; empty unless they are absolute URLs.
    alternates: Vec<std::sync::OnceLock<Value>>,
}

/// What the previous build left for this one.
pub struct Previous<'a> {
    pub outputs: &'a mut OutputCache,
    /// Digest of what every page reads: the configuration and the theme's generation.
    pub global: u64,
    /// Digest of the paths of the other files this build puts into the sink.
    pub other_files: u64,
    /// Whether to keep this build's outputs for the next one (watch mode).
    pub keep: bool,
    /// Each language's navigation, with the digest of its inputs.
    pub nav: &'a mut Vec<Option<(u64, Arc<Navigation>)>>,
}

/// What [`render_all`] did.
pub struct Rendered {
    /// Files written or kept.
    pub files: usize,
    /// Pages (`index.html` files) among them.
    pub pages: usize,
    /// Paths whose bytes changed (or are new).
    pub changed: BTreeSet<String>,
}

/// One job's outcome: kept as it was, or rendered (path, key, bytes, changed).
enum Outcome {
    Kept,
    Rendered(String, JobKey, Arc<Vec<u8>>, bool),
}

/// Renders every output file whose inputs changed since `cache` was filled, and passes
/// the files to the sink: changed ones with [`Sink::put`], unchanged ones with
/// [`Sink::keep`] or, where the sink carries the previous build over and only some
/// documents changed, not at all. Errors are collected across all jobs.
pub fn render_all(
    site: &Site,
    renderer: &Renderer,
    locales: &Locales,
    drift: &DriftReport,
    sink: &dyn Sink,
    previous: Previous,
) -> Result<Rendered, Vec<Diagnostic>> {
    let Previous {
        outputs: cache,
        global,
        other_files,
        keep,
        nav: nav_cache,
    } = previous;
    let published = sink.published().filter(|_| keep);
    let mut snapshot = cache.snapshot.take().filter(|s| published == Some(s.token));
    let digests = Digests::new(site, drift, (global, other_files), snapshot.as_mut());
    let narrowed = digests.changed_docs();
    let jobs = match narrowed {
        Some(docs) => site_jobs(site)
            .chain(docs.iter().flat_map(|&index| page_jobs(site, index)))
            .collect(),
        None => jobs(site),
    };
    let runner = Jobs {
        site,
        renderer,
        locales,
        drift,
        shared: Shared {
            site: site_value(site.config, locales).map_err(|e| vec![e])?,
            nav: navigation_values(site, &digests.shared.nav, nav_cache),
        },
        states: &digests.docs,
        status_labels: status::labels(&site.config.languages, locales).map_err(|e| vec![e])?,
        status_rows_ready: Default::default(),
        alternates: match site.config.base_url {
            Some(_) => (0..site.docs.len()).map(|_| Default::default()).collect(),
            None => Vec::new(),
        },
    };
    let results: Vec<Result<Option<Outcome>, Diagnostic>> = jobs
        .par_iter()
        .map(|job| run_job(&runner, &digests, &cache.files, sink, keep, job))
        .collect();
    let changed = record_outcomes(results, keep.then_some(&mut cache.files))?;
    let (files, pages) = match (narrowed, &snapshot) {
        (Some(_), Some(s)) => {
            sink.keep_rest();
            (s.files, s.pages)
        }
        _ => count_outputs(site, &jobs, keep.then_some(&mut cache.files)),
    };
    if let Some(token) = published {
        cache.snapshot = Some(Snapshot {
            token: token + 1,
            shared: digests.shared,
            docs: digests.docs,
            files,
            pages,
        });
    }
    Ok(Rendered {
        files,
        pages,
        changed,
    })
}

/// Records the rendered outputs in the cache (when kept); returns the paths whose bytes
/// changed, or every error of every job.
fn record_outcomes(
    results: Vec<Result<Option<Outcome>, Diagnostic>>,
    mut cache: Option<&mut Outputs>,
) -> Result<BTreeSet<String>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut changed = BTreeSet::new();
    for result in results {
        match result {
            Ok(Some(Outcome::Rendered(path, key, bytes, is_changed))) => {
                if is_changed {
                    changed.insert(path.clone());
                }
                if let Some(cache) = cache.as_deref_mut() {
                    cache.insert(path, (key, bytes));
                }
            }
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        return Ok(changed);
    }
    // The cache may hold some of this build's outputs: their keys are right, so a next
    // build may still reuse them.
    crate::diagnostic::sort(&mut errors);
    errors.dedup_by(|a, b| a.location == b.location && a.help == b.help);
    Err(errors)
}

/// Renders one job, or keeps its previous output when its key is the same.
fn run_job(
    runner: &Jobs,
    digests: &Digests,
    previous: &Outputs,
    sink: &dyn Sink,
    keep: bool,
    job: &Job,
) -> Result<Option<Outcome>, Diagnostic> {
    let Some(path) = job_path(runner.site, job) else {
        return Ok(None);
    };
    let key = digests.key(runner.site, job);
    if let Some((old_key, bytes)) = previous.get(&*path)
        && *old_key == key
    {
        sink.keep(&path, bytes)?;
        return Ok(Some(Outcome::Kept));
    }
    let (path, bytes) = runner.render(job)?;
    if !keep {
        // A one-shot build keeps nothing: hand the bytes over without a copy.
        sink.put(&path, Data::Bytes(bytes))?;
        return Ok(Some(Outcome::Rendered(path, key, Arc::default(), true)));
    }
    let bytes = Arc::new(bytes);
    let changed = previous.get(&path).is_none_or(|(_, old)| old != &bytes);
    sink.put_shared(&path, &bytes)?;
    Ok(Some(Outcome::Rendered(path, key, bytes, changed)))
}

/// Counts the files and pages of a full job list, dropping cached outputs of paths that
/// are gone.
fn count_outputs(site: &Site, jobs: &[Job], cache: Option<&mut Outputs>) -> (usize, usize) {
    let paths: HashSet<Cow<str>> = jobs.iter().filter_map(|job| job_path(site, job)).collect();
    if let Some(cache) = cache
        && cache.len() != paths.len()
    {
        cache.retain(|path, _| paths.contains(path.as_str()));
    }
    let is_page = |p: &&Cow<str>| *p == "index.html" || p.ends_with("/index.html");
    (paths.len(), paths.iter().filter(is_page).count())
}

/// Every path [`render_all`] writes (borrowed from the site where it can).
pub fn output_paths<'s>(site: &'s Site) -> HashSet<Cow<'s, str>> {
    jobs(site)
        .iter()
        .filter_map(|job| job_path(site, job))
        .collect()
}

/// Each language's navigation: built again only when the digest of its inputs changed.
fn navigation_values(
    site: &Site,
    digests: &[u64],
    cache: &mut Vec<Option<(u64, Arc<Navigation>)>>,
) -> Vec<Arc<Navigation>> {
    let languages = &site.config.languages;
    cache.resize(languages.len(), None);
    languages
        .par_iter()
        .zip(digests)
        .zip(cache.par_iter_mut())
        .map(|((lang, &key), cached)| match cached {
            Some((k, navigation)) if *k == key => Arc::clone(navigation),
            _ => {
                let tree = Tree::build(site, lang);
                let value = Value::from_serializable(&tree.items());
                let navigation = Arc::new(Navigation { tree, value });
                *cached = Some((key, Arc::clone(&navigation)));
                navigation
            }
        })
        .collect()
}

/// The output path of a job (`None` for files this site does not have).
fn job_path<'s>(site: &'s Site, job: &Job) -> Option<Cow<'s, str>> {
    let config = site.config;
    match *job {
        Job::Page { index, lang } => site.docs[index]
            .paths
            .get(&config.languages[lang].code)
            .map(|p| Cow::Borrowed(p.as_str())),
        Job::Part { index, lang, part } => site.docs[index]
            .paths
            .get(&config.languages[lang].code)
            .map(|p| Cow::Owned(part_path(p, part))),
        Job::NotFound { lang } => Some(config.not_found_path(&config.languages[lang]).into()),
        Job::Status { lang } => Some(config.status_path(&config.languages[lang]).into()),
        Job::NavScript { lang } => Some(config.nav_script_path(&config.languages[lang]).into()),
        Job::Sitemap => config.base_url.as_ref().map(|_| "sitemap.xml".into()),
        Job::Robots => Some("robots.txt".into()),
    }
}

/// Every output file of the site, as jobs: the few large site-wide files first, so that
/// the pages fill the other threads while they run instead of one thread finishing the
/// sitemap alone at the end.
fn jobs(site: &Site) -> Vec<Job> {
    site_jobs(site)
        .chain((0..site.docs.len()).flat_map(|index| page_jobs(site, index)))
        .collect()
}

/// The pages of one document, one per language that has it (and the further pages of
/// its index, where it is a long section).
fn page_jobs<'s>(site: &'s Site, index: usize) -> impl Iterator<Item = Job> + 's {
    let languages = site.config.languages.iter().enumerate();
    languages
        .filter(move |(_, language)| site.variant(index, language).has_page())
        .flat_map(move |(lang, _)| {
            let parts = (2..=site.index_parts(index, lang)).map(move |part| Job::Part {
                index,
                lang,
                part,
            });
            std::iter::once(Job::Page { index, lang }).chain(parts)
        })
}

/// Files of the whole site: sitemap, each language's status and 404 page, robots.txt.
fn site_jobs(site: &Site) -> impl Iterator<Item = Job> {
    let languages = site.config.languages.len();
    [Job::Sitemap]
        .into_iter()
        .chain((0..languages).map(|lang| Job::Status { lang }))
        .chain((0..languages).map(|lang| Job::NotFound { lang }))
        .chain((0..languages).map(|lang| Job::NavScript { lang }))
        .chain([Job::Robots])
}

/// The help for a UI string naskah formats with no variable of its own.
pub(crate) const WITHOUT_VARIABLES: &str =
    "naskah gives this string no variable but `$source`: remove the others";

fn site_value(config: &Config, locales: &Locales) -> Result<Value, Diagnostic> {
    #[derive(Serialize)]
    struct SiteLanguage<'a> {
        code: &'a str,
        name: &'a str,
        dir: &'a str,
        is_source: bool,
        machine_translated: bool,
    }
    #[derive(Serialize)]
    struct SiteValue<'a> {
        title: &'a str,
        base_url: Option<&'a str>,
        source_language: &'a str,
        source_language_name: &'a str,
        languages: Vec<SiteLanguage<'a>>,
        titles: BTreeMap<&'a str, String>,
        search: bool,
    }
    let titles = config
        .languages
        .iter()
        .map(|l| {
            let title = if locales.has(&l.code, "site-title") {
                locales
                    .format_located(&l.code, "site-title", None)
                    .map_err(|e| e.diagnostic(WITHOUT_VARIABLES))?
            } else {
                config.title.clone()
            };
            Ok((l.code.as_str(), title))
        })
        .collect::<Result<_, Diagnostic>>()?;
    Ok(Value::from_serializable(&SiteValue {
        title: &config.title,
        base_url: config.base_url.as_deref(),
        source_language: &config.source().code,
        source_language_name: &config.source().name,
        languages: config
            .languages
            .iter()
            .map(|l| SiteLanguage {
                code: &l.code,
                name: &l.name,
                dir: l.direction.as_str(),
                is_source: l.is_source,
                machine_translated: l.machine_translated,
            })
            .collect(),
        titles,
        search: config.search,
    }))
}

/// Drift state of a translated page, for its banner (`page.drift`).
#[derive(Serialize)]
struct DriftContext {
    status: &'static str,
    changed_sections: usize,
    accepted: Option<String>,
    accepted_display: Option<String>,
    errors: usize,
    warnings: usize,
}

impl<'a> Jobs<'a> {
    fn render(&self, job: &Job) -> Result<(String, Vec<u8>), Diagnostic> {
        match *job {
            Job::Page { index, lang } => self.page(index, lang, 1),
            Job::Part { index, lang, part } => self.page(index, lang, part),
            Job::NotFound { lang } => self.not_found(lang),
            Job::Status { lang } => self.status(lang),
            Job::NavScript { lang } => {
                let path = self
                    .site
                    .config
                    .nav_script_path(&self.site.config.languages[lang]);
                Ok((path, self.shared.nav[lang].tree.script().into_bytes()))
            }
            Job::Sitemap => self.sitemap(),
            Job::Robots => Ok(("robots.txt".into(), robots(self.site.config).into_bytes())),
        }
    }

    /// Page `part` (1: the document's own page) of document `index` in a language.
    fn page(
        &self,
        index: usize,
        lang_index: usize,
        part: usize,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let (site, locales) = (self.site, self.locales);
        let config = site.config;
        let lang = &config.languages[lang_index];
        let doc = site.document(index);
        let variant = site.variant(index, lang);
        let first = site.docs[index].paths[&lang.code].as_str();
        let path = &part_path(first, part);
        let (page, parsed) = site.shown_page(index, &lang.code);
        let text_lang = config.language(&page.lang).unwrap_or(config.source());
        let drift = match variant {
            Variant::Translated => self.drift.get(index, &lang.code),
            _ => None,
        };
        // Further pages of an index list entries only: the text is on the first.
        let drift = drift.filter(|_| part == 1);
        let content = match part {
            1 => self.content(index, lang, variant, drift)?,
            _ => String::new(),
        };
        // The page holds its content and about this much around it: reserved at once,
        // not grown by doubling from 8 KiB (reference pages average 70 KB: each was
        // copied three or four times as it grew).
        let size = content.len() + crate::render::PAGE_SIZE_HINT;
        let source_path = site.path_or_source(index, &config.source().code);
        let navigation = &self.shared.nav[lang_index];
        let (children, children_total) = navigation.tree.children_of(index, doc.kind, part);
        let date = page
            .front
            .date
            .as_ref()
            .or(doc.source.front.date.as_ref())
            .and_then(|d| d.date());
        // The date of the text shown: a translation's own, never its source's.
        let updated = page
            .front
            .updated
            .as_ref()
            .and_then(|d| d.date())
            .or_else(|| {
                config
                    .updated_from_git
                    .then(|| site.git_dates.get(&page.path))
                    .flatten()
            });
        let languages = language_links(site, index, lang);
        let translation_count = languages
            .iter()
            .filter(|l| l.translated && !l.is_source)
            .count();
        let page_context = PageContext {
            key: &doc.key,
            kind: doc.kind,
            title: &parsed.title,
            description: page.front.description.as_deref().or(doc
                .source
                .front
                .description
                .as_deref()),
            date: date.map(|d| d.iso()),
            date_display: date
                .map(|d| format_date(locales, &lang.code, d))
                .transpose()?,
            updated: updated.map(|d| d.iso()),
            updated_display: updated
                .map(|d| format_date(locales, &lang.code, d))
                .transpose()?,
            weight: doc.source.front.weight,
            extra: &page.front.extra,
            content,
            toc: if part == 1 { &parsed.parsed.toc } else { &[] },
            path,
            is_source: lang.is_source,
            machine_translated: variant == Variant::Translated
                && page
                    .front
                    .machine_translated
                    .unwrap_or(lang.machine_translated),
            untranslated: variant == Variant::Fallback,
            content_lang: &text_lang.code,
            content_dir: text_lang.direction.as_str(),
            canonical: canonical(config, variant, path, &part_path(source_path, part)),
            noindex: variant == Variant::Fallback,
            source_path: crate::site::url_path(source_path),
            edit_url: config.edit_url.as_ref().map(|url| {
                url.replace(
                    "{path}",
                    &crate::site::url_path(&crate::site::path_to_slash(&page.path)),
                )
            }),
            languages,
            translation_count,
            alternates: if variant.is_real() && part == 1 {
                self.alternates(index, path)
            } else {
                Value::from(Vec::<Value>::new())
            },
            children,
            children_total,
            pagination: Pagination::new(
                first,
                part,
                children_total.div_ceil(config.section_page_size),
            ),
            drift: drift
                .map(|d| self.drift_context(d, &lang.code))
                .transpose()?,
        };
        let mut context = self.base(lang_index, &root_prefix(path), Some(index));
        context.insert("current_key", &doc.key);
        context.insert("current_ancestors", &ancestors(&doc.key));
        context.insert("page", &page_context);
        let template = match doc.kind {
            DocKind::Home if self.renderer.has_template("home.html") => "home.html",
            DocKind::Home | DocKind::Section => "section.html",
            DocKind::Page => "page.html",
        };
        let html = self.renderer.render_sized(template, &context, path, size)?;
        Ok((path.to_string(), html))
    }

    /// A document's hreflang alternates for its page at `from`, as a template value.
    /// With a `base_url` they are absolute URLs, the same on every page of the document
    /// and in the sitemap, so they are made once per document.
    fn alternates(&self, index: usize, from: &str) -> Value {
        let make = || Value::from_serializable(&alternates(self.site, index, from));
        match self.alternates.get(index) {
            Some(shared) => shared.get_or_init(make).clone(),
            None => make(),
        }
    }

    fn sitemap(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        #[derive(Serialize)]
        struct Entry {
            loc: String,
            lastmod: Option<String>,
            alternates: Value,
        }
        let site = self.site;
        if site.config.base_url.is_none() {
            return Ok((String::new(), Vec::new()));
        }
        let mut entries = Vec::new();
        // The file's size, about: an entry is its URL and a link per language (and
        // `x-default`), each about as long as the URL and its markup.
        let mut size = 256;
        for index in 0..site.docs.len() {
            let doc = site.document(index);
            let languages =
                || (site.config.languages.iter()).filter(|l| site.variant(index, l).is_real());
            let links = languages().count() + 1;
            for lang in languages() {
                let path = site.path_or_source(index, &lang.code);
                let loc = absolute(site.config, path).unwrap_or_default();
                size += 80 + links * (80 + loc.len());
                entries.push(Entry {
                    loc,
                    lastmod: doc
                        .page(&lang.code)
                        .and_then(|p| p.front.date.as_ref())
                        .and_then(|d| d.date())
                        .map(|d| d.iso()),
                    alternates: self.alternates(index, path),
                });
            }
        }
        let mut context = Context::new();
        context.insert("entries", &entries);
        drop(entries);
        let xml = self
            .renderer
            .render_sized("sitemap.xml", &context, "sitemap.xml", size)?;
        Ok(("sitemap.xml".into(), xml))
    }

    /// The context every page of a language starts from; `current` is the document
    /// the page shows (for its sidebar).
    fn base(&self, lang_index: usize, root: &str, current: Option<usize>) -> Context {
        let config = self.site.config;
        let lang = &config.languages[lang_index];
        let navigation = &self.shared.nav[lang_index];
        let (home, script) = (config.home_path(lang), config.nav_script_path(lang));
        let mut context = base_context(&self.shared.site, lang, &navigation.value, (root, &home));
        context.insert("status_path", &config.status_path(lang));
        context.insert("sidebar", &navigation.tree.sidebar(current, &home, &script));
        context
    }

    /// The page body: blocks of the shown text, with anchors on source pages and drift
    /// marks on translations.
    fn content(
        &self,
        index: usize,
        lang: &Language,
        variant: Variant,
        drift: Option<&TranslationDrift>,
    ) -> Result<String, Diagnostic> {
        let site = self.site;
        let (page, parsed) = site.shown_page(index, &lang.code);
        let rewriter = site.links_for(index, &page.lang, &lang.code);
        let marked = match (variant, drift) {
            (Variant::Translated, Some(drift)) => marks::marked_items(drift, page.body_start),
            _ => Vec::new(),
        };
        let alerts = AlertText {
            locales: self.locales,
            lang: &lang.code,
        };
        let options = HtmlOptions {
            links: &rewriter,
            alerts: &alerts,
            marked: &marked,
            highlight: site.config.highlight,
        };
        let blocks = markdown::render_blocks(&parsed.parsed, page.body(), &options);
        match (variant, drift) {
            (Variant::Original, _) => Ok(marks::with_anchors(
                &blocks,
                &markdown::block_anchors(&parsed.parsed.blocks),
            )),
            (Variant::Translated, Some(drift)) if drift.findings.iter().any(marks::shown) => {
                let doc = site.document(index);
                let source = &site.docs[index].pages[&doc.source.lang];
                let source_links = site.links_for(index, &doc.source.lang, &lang.code);
                let source_page = site.docs[index]
                    .paths
                    .get(&lang.code)
                    .map_or("index.html", String::as_str);
                let marker = marks::Marker {
                    locales: self.locales,
                    renderer: self.renderer,
                    output: site.docs[index]
                        .paths
                        .get(&lang.code)
                        .map_or("", String::as_str),
                    lang,
                    source_lang: site.config.source(),
                    source_blocks: markdown::render_blocks(
                        &source.parsed,
                        doc.source.body(),
                        &HtmlOptions {
                            links: &source_links,
                            marked: &[],
                            ..options
                        },
                    ),
                    source_anchors: markdown::block_anchors(&source.parsed.blocks),
                    source_url: relative_url(
                        source_page,
                        site.path_or_source(index, &doc.source.lang),
                    ),
                };
                marker.compose(&blocks, drift)
            }
            _ => Ok(blocks.into_html()),
        }
    }

    fn drift_context(
        &self,
        drift: &TranslationDrift,
        lang: &str,
    ) -> Result<DriftContext, Diagnostic> {
        let date = drift.accepted.as_deref().and_then(parse_iso);
        Ok(DriftContext {
            status: drift.status.as_str(),
            changed_sections: drift.changed_sections,
            accepted: drift.accepted.clone(),
            accepted_display: date
                .map(|d| format_date(self.locales, lang, d))
                .transpose()?,
            errors: drift.count(crate::diagnostic::Severity::Error),
            warnings: drift.count(crate::diagnostic::Severity::Warning),
        })
    }

    fn not_found(&self, lang_index: usize) -> Result<(String, Vec<u8>), Diagnostic> {
        let lang = &self.site.config.languages[lang_index];
        let path = self.site.config.not_found_path(lang);
        // A server shows 404.html at any missing URL, where relative links would break:
        // they start from `base_url`, or from `/` on naskah's own server.
        let config = self.site.config;
        let root = match (&config.base_url, config.served_at_root) {
            (_, true) => "/".to_string(),
            (Some(base), false) => base.clone(),
            (None, false) => root_prefix(&path),
        };
        let context = self.base(lang_index, &root, None);
        let html = self.renderer.render_bytes("404.html", &context, &path)?;
        Ok((path, html))
    }
}

/// Alert labels (`> [!NOTE]`) from the UI strings of the page's language.
struct AlertText<'a> {
    locales: &'a Locales,
    lang: &'a str,
}

impl markdown::AlertLabels for AlertText<'_> {
    fn label(&self, kind: pulldown_cmark::BlockQuoteKind) -> String {
        let name = markdown::alert_name(kind);
        let key = format!("alert-{}", name.to_ascii_lowercase());
        self.locales
            .format(self.lang, &key, None)
            .unwrap_or_else(|_| name.to_string())
    }

    fn task(&self, done: bool) -> String {
        let (key, english) = if done {
            ("task-done", "Done")
        } else {
            ("task-open", "Not done")
        };
        self.locales
            .format(self.lang, key, None)
            .unwrap_or_else(|_| english.to_string())
    }
}

/// Keys of the sections above a document and the document itself: `a`, `a/b`, `a/b/c`.
/// The navigation opens these and keeps the rest folded, so its size does not grow
/// with the site.
fn ancestors(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut prefix = String::new();
    for part in key.split('/').filter(|p| !p.is_empty()) {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        out.push(prefix.clone());
    }
    out
}

fn parse_iso(text: &str) -> Option<crate::frontmatter::Date> {
    crate::frontmatter::DateValue::Text(text.to_string()).date()
}

fn format_date(
    locales: &Locales,
    lang: &str,
    date: crate::frontmatter::Date,
) -> Result<String, Diagnostic> {
    let mut args = fluent::FluentArgs::new();
    args.set("day", date.day);
    args.set("month", date.month);
    args.set("year", date.year);
    locales.format(lang, "date-long", Some(&args)).map_err(|e| {
        Diagnostic::error(e).with_help("define `date-long` in the language's .ftl file")
    })
}

/// Absolute URL of an output file, in its pretty form (`…/opt-out/`).
fn absolute(config: &Config, path: &str) -> Option<String> {
    let base = config.base_url.as_deref()?;
    Some(format!(
        "{base}{}",
        crate::site::url_path(path.strip_suffix("index.html").unwrap_or(path))
    ))
}

fn canonical(config: &Config, variant: Variant, path: &str, source_path: &str) -> Option<String> {
    match variant {
        Variant::Fallback => {
            absolute(config, source_path).or_else(|| Some(relative_url(path, source_path)))
        }
        _ => absolute(config, path),
    }
}

fn language_links<'s>(site: &'s Site, index: usize, current: &Language) -> Vec<LanguageLink<'s>> {
    let doc = site.document(index);
    site.config
        .languages
        .iter()
        .map(|l| {
            let variant = site.variant(index, l);
            LanguageLink {
                code: &l.code,
                name: &l.name,
                dir: l.direction.as_str(),
                // A link: a page named `c#.md` is at `c%23/index.html`.
                path: crate::site::url_path(site.path_or_source(index, &l.code)).into_owned(),
                current: l.code == current.code,
                translated: variant.is_real(),
                is_source: l.is_source,
                machine_translated: variant == Variant::Translated
                    && doc.translations[&l.code]
                        .front
                        .machine_translated
                        .unwrap_or(l.machine_translated),
            }
        })
        .collect()
}

/// hreflang alternates: every language with its own text, plus `x-default` → source.
fn alternates(site: &Site, index: usize, from: &str) -> Vec<Alternate> {
    let config = site.config;
    let href = |to: &str| absolute(config, to).unwrap_or_else(|| relative_url(from, to));
    let mut out: Vec<Alternate> = config
        .languages
        .iter()
        .filter(|l| site.variant(index, l).is_real())
        .map(|l| Alternate {
            hreflang: l.code.clone(),
            href: href(site.path_or_source(index, &l.code)),
        })
        .collect();
    out.push(Alternate {
        hreflang: "x-default".into(),
        href: href(site.path_or_source(index, &config.source().code)),
    });
    out
}

fn robots(config: &Config) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &config.base_url {
        text.push_str(&format!("\nSitemap: {base}sitemap.xml\n"));
    }
    text
}
