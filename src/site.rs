//! The site model: every document parsed once, every page's output path, and link
//! resolution.
//!
//! Consumes: [`Content`] and [`Config`].
//! Produces: [`Site`]: for each document and language, a [`Variant`] (original,
//! translation, fallback to the source text, or absent), its output path, the parsed
//! Markdown; link warnings. [`crate::navigation`] builds the trees from it.
//! Guarantees: output paths are relative to the output folder, use `/`, end in
//! `index.html`, and never leave the folder; two documents writing one path are an
//! error naming both files.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rustc_hash::FxHashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, Language};
use crate::content::{Content, DocKind, Document, Page};
use crate::diagnostic::{Diagnostic, Location};
use crate::markdown::segments::{self, Segment};
use crate::markdown::{self, LinkRewriter, Parsed};

/// How a document appears in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// The source-language page.
    Original,
    /// A translation file exists.
    Translated,
    /// No translation: the source text is shown, marked as not translated yet.
    Fallback,
    /// No translation and the source page turned fallbacks off.
    Absent,
}

impl Variant {
    pub fn has_page(self) -> bool {
        self != Variant::Absent
    }

    /// Whether this language has its own text (so it belongs in hreflang and the sitemap).
    pub fn is_real(self) -> bool {
        matches!(self, Variant::Original | Variant::Translated)
    }
}

/// A Markdown file, parsed, with its resolved title.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    pub parsed: Parsed,
    pub title: String,
    /// Translatable units, for drift analysis (read from the same parse).
    pub segments: Vec<Segment>,
    /// Length of the body's segments in script-neutral units (drift's length model),
    /// computed once per parse.
    pub body_units: usize,
}

/// One document across all languages.
#[derive(Debug, Clone)]
pub struct SiteDoc {
    /// Parsed pages keyed by language; only languages with a file.
    pub pages: BTreeMap<String, Arc<ParsedPage>>,
    /// Output path per language that has a page (any variant but `Absent`).
    pub paths: BTreeMap<String, String>,
}

/// A node of the navigation tree.
#[derive(Debug, Clone, Hash, serde::Serialize)]
pub struct NavItem {
    pub key: String,
    pub title: String,
    pub path: String,
    pub kind: DocKind,
    pub weight: i64,
    pub children: Vec<NavItem>,
}

/// The whole site, ready to render.
pub struct Site<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    /// Shared with the parse cache: an unchanged document is not laid out again.
    pub docs: Vec<Arc<SiteDoc>>,
    key_index: FxHashMap<&'a str, usize>,
    /// Documents by the addresses of their pages ([`Site::url_index_of_pages`]), made
    /// on the first link written as an address (most sites have none; a watch session
    /// makes a `Site` per edit).
    url_index: std::sync::OnceLock<FxHashMap<String, (usize, bool)>>,
    static_files: BTreeSet<String>,
    /// Translations replaced by their source page (`drift = "hide"`).
    hidden: HashSet<(usize, String)>,
    /// Content files' last commit dates (`[content] updated_from_git`).
    pub git_dates: Arc<crate::git_dates::GitDates>,
    /// Per document and language (config order), how many entries its index page lists
    /// (0 for pages).
    listed: Vec<Vec<u32>>,
}

impl<'a> Site<'a> {
    /// Parses every page and lays out output paths. Errors: output path collisions.
    pub fn new(config: &'a Config, content: &'a Content) -> Result<Site<'a>, Vec<Diagnostic>> {
        Self::new_with(config, content, &mut ParseCache::default())
    }

    /// Frees every page's segments, for a one-shot build once drift and the search
    /// index have read them: pages are rendered from their blocks. A page also held
    /// elsewhere (a parse cache) keeps them.
    ///
    /// Two million segments at 2,000 documents (reference bench): freed on every core,
    /// 52 ms on one.
    pub fn release_segments(&mut self) {
        self.docs.par_iter_mut().for_each(|doc| {
            if let Some(doc) = Arc::get_mut(doc) {
                for page in doc.pages.values_mut().filter_map(Arc::get_mut) {
                    page.segments = Vec::new();
                }
            }
        });
    }

    /// Like [`Site::new`], parsing only the pages `cache` does not hold already.
    pub fn new_with(
        config: &'a Config,
        content: &'a Content,
        cache: &mut ParseCache,
    ) -> Result<Site<'a>, Vec<Diagnostic>> {
        let docs: Vec<Arc<SiteDoc>> = content
            .documents
            .par_iter()
            .enumerate()
            .map(|(index, doc)| cache.site_doc(config, index, doc))
            .collect();
        let layout_changed = cache.update(&content.documents, &docs);
        let site = Site {
            config,
            content,
            docs,
            key_index: content
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.key.as_str(), i))
                .collect(),
            url_index: std::sync::OnceLock::new(),
            static_files: content
                .static_files
                .iter()
                .map(|p| path_to_slash(p))
                .collect(),
            hidden: HashSet::new(),
            git_dates: Default::default(),
            listed: Vec::new(),
        };
        let site = Site {
            listed: site.listed_counts(),
            ..site
        };
        // Output paths are checked again only when some changed since the last check.
        if layout_changed || !cache.layout_checked {
            cache.layout_checked = false;
            site.check_collisions()?;
            cache.layout_checked = true;
        }
        Ok(site)
    }

    /// Documents by the address of each of their pages, every language's (`guide/start`,
    /// `en/guide/other`, `` for the home page), and whether it is a translation's.
    fn url_index_of_pages(&self) -> FxHashMap<String, (usize, bool)> {
        let source = &self.config.source().code;
        (0..self.docs.len())
            .flat_map(|i| {
                self.docs[i].paths.iter().filter_map(move |(lang, path)| {
                    let dir = path.strip_suffix("index.html")?.trim_end_matches('/');
                    Some((dir.to_string(), (i, lang != source)))
                })
            })
            .collect()
    }

    pub fn document(&self, index: usize) -> &'a Document {
        &self.content.documents[index]
    }

    pub fn variant(&self, index: usize, lang: &Language) -> Variant {
        let doc = self.document(index);
        if lang.is_source {
            Variant::Original
        } else if self.is_hidden(index, &lang.code) {
            Variant::Fallback
        } else if doc.translations.contains_key(&lang.code) {
            Variant::Translated
        } else if doc.source.front.fallback.unwrap_or(true) {
            Variant::Fallback
        } else {
            Variant::Absent
        }
    }

    /// The output path of a document in `lang`, or the source page's when `lang` has none.
    pub fn path_or_source(&self, index: usize, lang: &str) -> &str {
        let paths = &self.docs[index].paths;
        paths
            .get(lang)
            .or_else(|| paths.get(&self.config.source().code))
            .map_or("index.html", String::as_str)
    }

    /// The parsed page whose text is shown for `lang` (the source page for fallbacks).
    pub fn shown_page(&self, index: usize, lang: &str) -> (&'a Page, &ParsedPage) {
        let doc = self.document(index);
        let hidden = self.is_hidden(index, lang);
        match (doc.translations.get(lang), self.docs[index].pages.get(lang)) {
            (Some(page), Some(parsed)) if !hidden => (page, parsed),
            _ => (&doc.source, &self.docs[index].pages[&doc.source.lang]),
        }
    }

    /// The title of a document in `lang`, falling back to the source title.
    pub fn title(&self, index: usize, lang: &str) -> &str {
        &self.shown_page(index, lang).1.title
    }

    /// Whether `drift = "hide"` replaced this translation (no allocation in the usual
    /// case, where nothing is hidden).
    fn is_hidden(&self, index: usize, lang: &str) -> bool {
        !self.hidden.is_empty() && self.hidden.contains(&(index, lang.to_string()))
    }

    /// Shows the source page instead of these translations (document index, language).
    pub fn hide(&mut self, translations: impl IntoIterator<Item = (usize, String)>) {
        self.hidden.extend(translations);
    }

    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.key_index.get(key).copied()
    }

    /// A digest of what [`crate::navigation::Tree::build`] reads of document `index` for `lang` (0
    /// when it is not in that tree). Given the same set of document keys, equal parts
    /// for every document mean equal trees.
    pub fn nav_part(&self, index: usize, lang: &Language) -> u64 {
        use std::hash::{Hash, Hasher};
        let doc = self.document(index);
        let Some(parent) = doc.parent_key() else {
            return 0;
        };
        if !self.variant(index, lang).has_page() {
            return 0;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (self.nearest_section(parent), &doc.key, doc.kind).hash(&mut hasher);
        (doc.source.front.weight, self.title(index, &lang.code)).hash(&mut hasher);
        self.path_or_source(index, &lang.code).hash(&mut hasher);
        hasher.finish() | 1
    }

    /// How many entries the index page of each document lists in each language: the
    /// documents whose nearest section it is and that have a page in that language.
    fn listed_counts(&self) -> Vec<Vec<u32>> {
        let languages = &self.config.languages;
        let mut counts = vec![vec![0u32; languages.len()]; self.docs.len()];
        for (i, doc) in self.content.documents.iter().enumerate() {
            let Some(parent) = doc.parent_key() else {
                continue;
            };
            let Some(section) = self.index_of(self.nearest_section(parent)) else {
                continue;
            };
            for (l, lang) in languages.iter().enumerate() {
                if self.variant(i, lang).has_page() {
                    counts[section][l] += 1;
                }
            }
        }
        counts
    }

    /// How many pages the index of document `index` takes in language `lang` (an index
    /// in config order): its list cut into `section_page_size` entries a page; 1 for a
    /// page, or a section listing nothing.
    pub fn index_parts(&self, index: usize, lang: usize) -> usize {
        let listed = self.listed.get(index).map_or(0, |l| l[lang]) as usize;
        listed.div_ceil(self.config.section_page_size).max(1)
    }

    /// Whether `drift = "hide"` replaced any translation.
    pub fn hides_any(&self) -> bool {
        !self.hidden.is_empty()
    }

    /// The closest existing section for `key` (folders without `index.md` are skipped).
    pub fn nearest_section<'k>(&self, mut key: &'k str) -> &'k str {
        while !key.is_empty() && self.index_of(key).is_none() {
            key = key.rsplit_once('/').map_or("", |(p, _)| p);
        }
        key
    }

    fn check_collisions(&self) -> Result<(), Vec<Diagnostic>> {
        let mut owners: BTreeMap<&str, &Page> = BTreeMap::new();
        let mut errors = Vec::new();
        for (i, site_doc) in self.docs.iter().enumerate() {
            let doc = self.document(i);
            for (lang, path) in &site_doc.paths {
                let page = doc.page(lang).unwrap_or(&doc.source);
                if let Some(other) = owners.insert(path, page)
                    && other.path != page.path
                {
                    errors.push(
                        Diagnostic::error(format!(
                            "{} and {} both write {path}",
                            other.path.display(),
                            page.path.display()
                        ))
                        .in_file(&page.path)
                        .with_help("change the `slug` of one of them, or rename one file"),
                    );
                }
            }
        }
        errors.extend(file_and_folder(&owners));
        // Generated files count too: a page must not silently replace the status page.
        for (path, what) in self.config.generated_paths() {
            if let Some(page) = owners.get(path.as_str()) {
                errors.push(
                    Diagnostic::error(format!(
                        "{} and {what} both write {path}",
                        page.path.display()
                    ))
                    .in_file(&page.path)
                    .with_help(if what.contains("status") {
                        "rename the page or change its `slug`, or move the status pages with `status_dir` in naskah.toml"
                    } else {
                        "rename the page or change its `slug`"
                    }),
                );
            }
        }
        // So do the further pages of a long section's index.
        for (i, site_doc) in self.docs.iter().enumerate() {
            for (l, lang) in self.config.languages.iter().enumerate() {
                let Some(first) = site_doc.paths.get(&lang.code) else {
                    continue;
                };
                for part in 2..=self.index_parts(i, l) {
                    let path = part_path(first, part);
                    if let Some(page) = owners.get(path.as_str()) {
                        errors.push(
                            Diagnostic::error(format!(
                                "{} and page {part} of the index of {} both write {path}",
                                page.path.display(),
                                self.document(i).source.path.display()
                            ))
                            .in_file(&page.path)
                            .with_help("rename the page or change its `slug`, or raise `section_page_size` in naskah.toml"),
                        );
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Warnings for links and images whose target does not exist.
    pub fn link_warnings(&self) -> Vec<Diagnostic> {
        self.link_warnings_with(&mut LinkCache::default())
    }

    /// Like [`Site::link_warnings`], reusing a document's warnings while its files and
    /// the set of pages and static files (what a link can point to) are the same.
    pub fn link_warnings_with(&self, cache: &mut LinkCache) -> Vec<Diagnostic> {
        let targets = {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            for doc in &self.content.documents {
                std::hash::Hash::hash(&doc.key, &mut hasher);
            }
            std::hash::Hash::hash(&self.static_files, &mut hasher);
            std::hash::Hasher::finish(&hasher)
        };
        if cache.targets != Some(targets) {
            cache.entries.clear();
            cache.targets = Some(targets);
        }
        let previous = &cache.entries;
        let computed: Vec<Option<Vec<Diagnostic>>> = (0..self.docs.len())
            .into_par_iter()
            .map(|i| {
                let doc = self.document(i);
                let same = previous
                    .get(&doc.key)
                    .is_some_and(|(old, _)| old.same_pages(doc));
                (!same).then(|| self.doc_link_warnings(i))
            })
            .collect();
        for (doc, fresh) in self.content.documents.iter().zip(computed) {
            if let Some(warnings) = fresh {
                cache
                    .entries
                    .insert(doc.key.clone(), (Arc::clone(doc), warnings));
            }
        }
        if cache.entries.len() != self.docs.len() {
            let current: HashSet<&str> = self
                .content
                .documents
                .iter()
                .map(|d| d.key.as_str())
                .collect();
            cache
                .entries
                .retain(|key, _| current.contains(key.as_str()));
        }
        let mut warnings: Vec<Diagnostic> = self
            .content
            .documents
            .iter()
            .filter_map(|doc| cache.entries.get(&doc.key))
            .flat_map(|(_, w)| w.iter().cloned())
            .collect();
        crate::diagnostic::sort(&mut warnings);
        warnings
    }

    fn doc_link_warnings(&self, index: usize) -> Vec<Diagnostic> {
        let doc = self.document(index);
        let mut out = Vec::new();
        for (lang, parsed) in &self.docs[index].pages {
            let page = doc.page(lang).unwrap_or(&doc.source);
            let links = self.links_for(index, lang, lang);
            // Built on the first broken link: positions looked up, not counted from the
            // start of the file for each link (a page of many broken links was quadratic).
            let mut lines: Option<crate::diagnostic::LineIndex> = None;
            for link in &parsed.parsed.links {
                if let Resolution::Broken(why) = links.resolve(&link.dest) {
                    let lines =
                        lines.get_or_insert_with(|| crate::diagnostic::LineIndex::new(&page.text));
                    let (line, column) = lines.line_column(&page.text, link.offset);
                    let location = Location {
                        path: page.path.clone(),
                        line,
                        column,
                    };
                    out.push(
                        Diagnostic::warning(format!("{} `{}` {why}", if link.is_image { "image" } else { "link" }, link.dest))
                            .at(location)
                            .with_help("fix the path; links between pages name the source file, e.g. `../guide/opt-out.md`"),
                    );
                }
            }
        }
        out
    }

    /// Link resolution for the text of `text_lang` shown on the `page_lang` page of a document.
    pub fn links_for(&'a self, index: usize, text_lang: &str, page_lang: &'a str) -> PageLinks<'a> {
        let doc = self.document(index);
        let file = doc.page(text_lang).unwrap_or(&doc.source);
        let content_rel = file.path.strip_prefix("content").unwrap_or(&file.path);
        let dir = content_rel.parent().map(path_to_slash).unwrap_or_default();
        let from = self.docs[index]
            .paths
            .get(page_lang)
            .map_or("index.html", String::as_str);
        let language_folder = match self.config.language(page_lang) {
            Some(lang) if !lang.is_source => format!("{page_lang}/"),
            _ => String::new(),
        };
        PageLinks {
            site: self,
            dir,
            lang: page_lang,
            from,
            url_dir: from.strip_suffix("index.html").unwrap_or(""),
            language_folder,
        }
    }
}

/// Link warnings of the previous build, per document.
#[derive(Default)]
pub struct LinkCache {
    targets: Option<u64>,
    entries: HashMap<String, (Arc<Document>, Vec<Diagnostic>)>,
}

/// Documents laid out and parsed by the previous build, by key; a document is reused
/// while its files are the same, a page while its file is.
#[derive(Default)]
pub struct ParseCache {
    entries: HashMap<String, (Arc<Document>, Arc<SiteDoc>)>,
    /// The same, by document index: found without touching the document.
    aligned: Vec<(Arc<Document>, Arc<SiteDoc>)>,
    /// The entries' output paths passed the collision check.
    layout_checked: bool,
}

impl ParseCache {
    fn site_doc(&self, config: &Config, index: usize, doc: &Arc<Document>) -> Arc<SiteDoc> {
        if let Some((same, site_doc)) = self.aligned.get(index)
            && Arc::ptr_eq(same, doc)
        {
            return Arc::clone(site_doc);
        }
        let previous = self.entries.get(&doc.key);
        match previous {
            Some((old, site_doc)) if old.same_pages(doc) => Arc::clone(site_doc),
            _ => Arc::new(SiteDoc::new(config, doc, previous)),
        }
    }

    /// Records this build's documents (in place: unchanged entries are not touched).
    /// Returns whether any output path changed, appeared or disappeared.
    fn update(&mut self, documents: &[Arc<Document>], docs: &[Arc<SiteDoc>]) -> bool {
        let mut layout_changed = documents.len() != self.aligned.len();
        self.aligned.truncate(documents.len());
        for (index, (doc, site_doc)) in documents.iter().zip(docs).enumerate() {
            // The common case, an unchanged document at the same place, costs a pointer
            // comparison: its entry by key is already this one.
            if let Some((same, cached)) = self.aligned.get(index)
                && Arc::ptr_eq(same, doc)
                && Arc::ptr_eq(cached, site_doc)
            {
                continue;
            }
            let entry = (Arc::clone(doc), Arc::clone(site_doc));
            match self.entries.get_mut(&doc.key) {
                Some((_, cached)) if Arc::ptr_eq(cached, site_doc) => {}
                Some(previous) => {
                    layout_changed |= previous.1.paths != site_doc.paths;
                    *previous = entry.clone();
                }
                None => {
                    layout_changed = true;
                    self.entries.insert(doc.key.clone(), entry.clone());
                }
            }
            match self.aligned.get_mut(index) {
                Some(slot) => *slot = entry,
                None => self.aligned.push(entry),
            }
        }
        if self.entries.len() != documents.len() {
            layout_changed = true;
            let current: HashSet<&str> = documents.iter().map(|d| d.key.as_str()).collect();
            self.entries.retain(|key, _| current.contains(key.as_str()));
        }
        layout_changed
    }
}

impl SiteDoc {
    /// Lays out `doc`, parsing only the pages that differ from `previous`'s.
    fn new(
        config: &Config,
        doc: &Document,
        previous: Option<&(Arc<Document>, Arc<SiteDoc>)>,
    ) -> SiteDoc {
        let mut pages = BTreeMap::new();
        for page in std::iter::once(&doc.source).chain(doc.translations.values()) {
            let reused = previous.and_then(|(old_doc, old)| {
                let old_page = if old_doc.source.lang == page.lang {
                    Some(&old_doc.source)
                } else {
                    old_doc.translations.get(&page.lang)
                };
                old_page
                    .filter(|p| Arc::ptr_eq(p, page))
                    .and_then(|_| old.pages.get(&page.lang).cloned())
            });
            let parsed = reused.unwrap_or_else(|| Arc::new(parse_page(doc, page)));
            pages.insert(page.lang.clone(), parsed);
        }
        let mut paths = BTreeMap::new();
        for lang in &config.languages {
            let has_page = lang.is_source
                || doc.translations.contains_key(&lang.code)
                || doc.source.front.fallback.unwrap_or(true);
            if has_page {
                let page = doc.translations.get(&lang.code).unwrap_or(&doc.source);
                paths.insert(lang.code.clone(), output_path(lang, doc, page));
            }
        }
        SiteDoc { pages, paths }
    }
}

/// Pages whose output is a file where another page's output needs a folder of that
/// name (`a/index.html` and `a/index.html/index.html`, from a slug `index.html`): the
/// file system can hold only one of them.
fn file_and_folder(owners: &BTreeMap<&str, &Page>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (&file, page) in owners {
        let folder = format!("{file}/");
        // The paths inside `file/` sort right after it.
        let inside = owners
            .range::<&str, _>((
                std::ops::Bound::Included(folder.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .next();
        if let Some((&path, other)) = inside.filter(|(p, _)| p.starts_with(&folder)) {
            errors.push(
                Diagnostic::error(format!(
                    "{} writes the file {file}, and {} writes {path} inside a folder of that name",
                    page.path.display(),
                    other.path.display()
                ))
                .in_file(&other.path)
                .with_help("change the `slug` of one of them (a slug names a folder: it should not end in `.html`), or rename one file"),
            );
        }
    }
    errors
}

fn parse_page(doc: &Document, page: &Arc<Page>) -> ParsedPage {
    let mut parsed = markdown::parse(page.body(), page.body_start, page.front.title.is_none());
    let title = page
        .front
        .title
        .clone()
        .or_else(|| parsed.title.clone())
        .unwrap_or_else(|| fallback_title(doc, page));
    let segments = segments::segments(&mut parsed, page);
    let body_units = segments
        .iter()
        .filter(|s| s.block().is_some())
        .map(|s| s.units())
        .sum();
    ParsedPage {
        parsed,
        title,
        segments,
        body_units,
    }
}

fn fallback_title(doc: &Document, page: &Page) -> String {
    match doc.key.rsplit('/').next() {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => page
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// `en/bantuan/opt-out/index.html`: language folder, the key's folders, the slug.
fn output_path(lang: &Language, doc: &Document, page: &Page) -> String {
    let mut segments: Vec<&str> = Vec::new();
    if !lang.is_source {
        segments.push(&lang.code);
    }
    if !doc.key.is_empty() {
        let (folders, name) = doc.key.rsplit_once('/').unwrap_or(("", &doc.key));
        segments.extend(folders.split('/').filter(|s| !s.is_empty()));
        segments.push(page.front.slug.as_deref().unwrap_or(name));
    }
    segments.push("index.html");
    segments.join("/")
}

pub fn path_to_slash(path: &std::path::Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The relative URL from the output file `from` to the output file `to`.
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from_dirs.len() - common);
    url.push_str(&url_path(&to_parts[common..].join("/")));
    url
}

/// An output path as a URL path: the characters a URL gives a meaning to (`#`, `?`,
/// `%`, spaces, quotes, brackets) percent-encoded, so that a file named `c#.md` or
/// `50%.md` is linked to, not cut short; letters of every script stay as they are.
pub fn url_path(path: &str) -> std::borrow::Cow<'_, str> {
    let special = |c: char| {
        c.is_ascii_control()
            || matches!(
                c,
                ' ' | '"'
                    | '#'
                    | '%'
                    | '<'
                    | '>'
                    | '?'
                    | '`'
                    | '{'
                    | '}'
                    | '|'
                    | '\\'
                    | '^'
                    | '['
                    | ']'
            )
    };
    if !path.contains(special) {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        if special(c) {
            let mut bytes = [0u8; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The prefix that leads from the output file `from` to the output root (`./`, `../../`).
/// The output path of page `part` (from 1) of a section index written at `first`:
/// `s/index.html`, `s/page/2/index.html`, …
pub fn part_path(first: &str, part: usize) -> String {
    if part <= 1 {
        return first.to_string();
    }
    let folder = first.strip_suffix("index.html").unwrap_or(first);
    format!("{folder}page/{part}/index.html")
}

pub fn root_prefix(from: &str) -> String {
    let depth = from.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// What a link destination turns into.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolution {
    /// External, fragment-only or otherwise left as written.
    Keep,
    Rewritten(String),
    Broken(String),
}

/// Link resolution for one page.
pub struct PageLinks<'a> {
    site: &'a Site<'a>,
    /// Folder of the Markdown file, relative to `content/`.
    dir: String,
    lang: &'a str,
    /// Output path of the page being written.
    from: &'a str,
    /// The folder of that page's address (`en/guide/start/`): what a browser resolves a
    /// link written as an address against.
    url_dir: &'a str,
    /// `en/` on a page of a language other than the source's.
    language_folder: String,
}

impl PageLinks<'_> {
    pub fn resolve(&self, dest: &str) -> Resolution {
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return Resolution::Keep;
        }
        let (path, suffix) = split_suffix(dest);
        // A page's address leads to that page in the reader's language, as its file does.
        let address = is_address(path)
            .then(|| self.address_target(path))
            .flatten();
        if let Some(found) = address
            .as_deref()
            .and_then(|target| self.page_at(target, suffix))
        {
            return found;
        }
        let target = match path.strip_prefix('/') {
            Some(rooted) => normalize(rooted),
            None => normalize(&join(&self.dir, path)),
        };
        let Some(target) = target else {
            return match address {
                Some(target) => self.no_page_at(&target, path),
                None => Resolution::Broken("points outside the content folder".into()),
            };
        };
        let decoded = percent_decode(&target);
        if decoded.ends_with(".md") {
            return self.resolve_page(&decoded, suffix);
        }
        if self.site.static_files.contains(&decoded)
            || (path.starts_with('/') && decoded.is_empty())
        {
            return Resolution::Rewritten(format!("{}{suffix}", relative_url(self.from, &target)));
        }
        if path.starts_with('/') {
            // Root-relative links to files outside content/ (theme assets, static/): rebase.
            return Resolution::Rewritten(format!("{}{suffix}", relative_url(self.from, &target)));
        }
        match address {
            Some(target) => self.no_page_at(&target, path),
            None => Resolution::Broken("does not exist in content/".into()),
        }
    }

    fn to_page(&self, index: usize, suffix: &str) -> Resolution {
        Resolution::Rewritten(format!(
            "{}{suffix}",
            relative_url(self.from, self.site.path_or_source(index, self.lang))
        ))
    }

    /// Where a link written as a page's address (`../other/`, `/guide/other/`), as Hugo
    /// and Zola sites write them, leads: resolved as a browser resolves it from this
    /// page's address. `None` when it climbs above the root (then the file's own folder
    /// is tried, as for any link).
    fn address_target(&self, path: &str) -> Option<String> {
        let (base, path) = match path.strip_prefix('/') {
            Some(rooted) => ("", rooted),
            None => (self.url_dir, path),
        };
        normalize(&percent_decode(&join(base.trim_end_matches('/'), path)))
    }

    /// Where a link to the page at address `target` goes: a translation's page is that
    /// page (`/ar/guide/` is the Arabic one, wherever it is linked from); a source page's
    /// address, also written under the reader's language folder (`guide/other` on an `en/`
    /// page), leads to that document in the reader's language, as its file does.
    fn page_at(&self, target: &str, suffix: &str) -> Option<Resolution> {
        let index = self
            .site
            .url_index
            .get_or_init(|| self.site.url_index_of_pages());
        let (document, translation) = index.get(target).copied().or_else(|| {
            let in_source = target.strip_prefix(self.language_folder.as_str())?;
            index.get(in_source).copied()
        })?;
        Some(if translation {
            let path = if target.is_empty() {
                "index.html".to_string()
            } else {
                format!("{target}/index.html")
            };
            Resolution::Rewritten(format!("{}{suffix}", relative_url(self.from, &path)))
        } else {
            self.to_page(document, suffix)
        })
    }

    fn no_page_at(&self, target: &str, path: &str) -> Resolution {
        let slash = if path.ends_with('/') && !target.is_empty() {
            "/"
        } else {
            ""
        };
        Resolution::Broken(format!(
            "names no page (from this page's address, /{}, it leads to /{target}{slash}) nor a file",
            self.url_dir
        ))
    }

    fn resolve_page(&self, target: &str, suffix: &str) -> Resolution {
        let key = page_key(self.site.config, target);
        match self.site.index_of(&key) {
            Some(index) => self.to_page(index, suffix),
            None => Resolution::Broken("names a page that does not exist".into()),
        }
    }
}

impl LinkRewriter for PageLinks<'_> {
    fn rewrite(&self, dest: &str, _is_image: bool) -> Option<String> {
        match self.resolve(dest) {
            Resolution::Rewritten(url) => Some(url),
            _ => None,
        }
    }
}

/// `bantuan/x.en.md` → `bantuan/x`; `bantuan/index.md` → `bantuan`.
/// The document a link target (`docs/a.en.md`, relative to `content/`) names, by the
/// same rules as the files themselves ([`crate::content::document_of`]); a name those
/// rules refuse (an unconfigured language suffix) names no document.
fn page_key(config: &Config, target: &str) -> String {
    let path = std::path::Path::new("content").join(target);
    crate::content::document_of(config, &path)
        .map(|(key, _)| key)
        .unwrap_or_else(|| target.trim_end_matches(".md").to_string())
}

/// A link path written as an address rather than a file: it ends in `/`, or its last
/// segment has no extension (`../other`, `/guide/other/`, `/`).
fn is_address(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path);
    path.ends_with('/') || (!last.contains('.') && !last.is_empty())
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn split_suffix(dest: &str) -> (&str, &str) {
    match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    }
}

fn join(dir: &str, path: &str) -> String {
    if dir.is_empty() {
        path.to_string()
    } else {
        format!("{dir}/{path}")
    }
}

/// Resolves `.` and `..`; `None` when the path climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = || {
            std::str::from_utf8(bytes.get(i + 1..i + 3)?)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (bytes[i], hex()) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(layout: &str) -> Config {
        Config::parse(
            std::path::Path::new("."),
            &format!("title = \"t\"\n[content]\nlayout = \"{layout}\"\n[languages.id]\nname = \"ID\"\n[languages.en]\nname = \"EN\"\n"),
        )
        .unwrap()
    }

    #[test]
    fn released_segments_are_those_held_nowhere_else() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("naskah.toml"),
            "title = \"t\"\n[languages.id]\nname = \"ID\"\n[languages.en]\nname = \"EN\"\n",
        )
        .unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        for (file, text) in [
            ("index.md", "# Beranda\n\nSatu paragraf."),
            ("index.en.md", "# Home\n\nOne paragraph."),
            ("a.md", "# A\n\nParagraf a."),
            ("a.en.md", "# A\n\nParagraph a."),
        ] {
            std::fs::write(root.join("content").join(file), text).unwrap();
        }
        let config = Config::load(root).unwrap();
        let (content, _) = crate::content::load(&config).unwrap();
        let mut site = Site::new(&config, &content).unwrap();
        let segments = |site: &Site, i: usize, lang: &str| site.docs[i].pages[lang].segments.len();
        let held = Arc::clone(&site.docs[1].pages["en"]);
        site.release_segments();
        assert_eq!(
            segments(&site, 1, "en"),
            2,
            "a page held elsewhere keeps them"
        );
        assert_eq!(segments(&site, 1, "id") + segments(&site, 0, "en"), 0);
        drop(held);
        site.release_segments();
        assert_eq!(segments(&site, 1, "en"), 0);
    }

    #[test]
    fn link_targets_name_their_page() {
        let suffix = config("suffix");
        assert_eq!(page_key(&suffix, "docs/a.en.md"), "docs/a");
        assert_eq!(page_key(&suffix, "docs/index.md"), "docs");
        assert_eq!(page_key(&suffix, "docs/_index.md"), "docs");
        assert_eq!(page_key(&suffix, "_index.md"), "");
        // Only a whole `index` segment is the section's page.
        assert_eq!(page_key(&suffix, "docs/myindex.md"), "docs/myindex");
        assert_eq!(page_key(&suffix, "en/docs/a.md"), "en/docs/a");
        let folder = config("folder");
        assert_eq!(page_key(&folder, "en/docs/a.md"), "docs/a");
        assert_eq!(page_key(&folder, "en/docs/index.md"), "docs");
        assert_eq!(page_key(&folder, "docs/a.en.md"), "docs/a.en");
    }

    #[test]
    fn relative_urls() {
        assert_eq!(
            relative_url("en/a/b/index.html", "en/c/index.html"),
            "../../c/index.html"
        );
        assert_eq!(relative_url("index.html", "a/index.html"), "a/index.html");
        assert_eq!(relative_url("a/index.html", "index.html"), "../index.html");
        assert_eq!(relative_url("a/b/index.html", "a/b/img.png"), "img.png");
        assert_eq!(
            relative_url("index.html", "c#/50% off?/index.html"),
            "c%23/50%25%20off%3F/index.html"
        );
        assert_eq!(
            relative_url("index.html", "データ/index.html"),
            "データ/index.html"
        );
        assert_eq!(root_prefix("index.html"), "./");
        assert_eq!(root_prefix("en/a/index.html"), "../../");
    }

    #[test]
    fn normalizing() {
        assert_eq!(normalize("a/./b/../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalize("../x"), None);
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b.md"));
        assert_eq!(percent_decode("a%20b"), "a b");
    }
}
