//! Content discovery: which files make which pages in which language.
//!
//! Consumes: the `content/` folder and the validated [`Config`].
//! Produces: [`Content`]: documents (one per source page, keyed by path) each with its
//! translations, plus the static files to copy.
//! Guarantees: documents are sorted by key and translations by language, whatever the
//! file system order; every bad file is reported (not only the first); drafts are left out;
//! no page is read from a file larger than [`MAX_PAGE_BYTES`] (offsets into a page are
//! 32-bit), and such a file is reported before it is read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use rayon::prelude::*;
use unic_langid::LanguageIdentifier;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::frontmatter::{self, FrontMatter};

/// One Markdown file, read and split.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root, e.g. `content/bantuan/x.en.md`.
    pub path: PathBuf,
    pub lang: String,
    pub text: String,
    pub front: FrontMatter,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
    /// Front matter keys naskah does not know, with their line, where the site lets
    /// them through with a warning (`[content] unknown_front_matter = "warn"`).
    pub unknown_keys: Vec<(String, usize)>,
    /// The first line holding a Hugo or Zola shortcode, which naskah shows as text.
    pub shortcode_line: Option<usize>,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// A page of `text` whose body starts at `body_start`, as if read from `a.md`.
    #[cfg(test)]
    pub(crate) fn of_text(text: &str, body_start: usize) -> Arc<Page> {
        Arc::new(Page {
            path: "a.md".into(),
            lang: "id".into(),
            text: text.to_string(),
            front: FrontMatter::default(),
            body_start,
            unknown_keys: Vec::new(),
            shortcode_line: None,
        })
    }
}

/// What a document is in the site tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Home,
    Section,
    Page,
}

/// A source page and its translations.
#[derive(Debug, Clone)]
pub struct Document {
    /// Content path without extension and without a trailing `index`: `""` for the home
    /// page, `bantuan` for `content/bantuan/index.md`, `bantuan/x` for `content/bantuan/x.md`.
    pub key: String,
    pub kind: DocKind,
    pub source: Arc<Page>,
    /// Keyed by language code.
    pub translations: BTreeMap<String, Arc<Page>>,
}

impl Document {
    /// Whether both hold the very same page files (by identity: the content cache keeps
    /// an unchanged file's `Arc`), so everything derived from one holds for the other.
    pub fn same_pages(&self, other: &Document) -> bool {
        self.key == other.key
            && self.kind == other.kind
            && Arc::ptr_eq(&self.source, &other.source)
            && self.translations.len() == other.translations.len()
            && self
                .translations
                .iter()
                .zip(&other.translations)
                .all(|((la, a), (lb, b))| la == lb && Arc::ptr_eq(a, b))
    }

    pub fn page(&self, lang: &str) -> Option<&Page> {
        if self.source.lang == lang {
            Some(&self.source)
        } else {
            self.translations.get(lang).map(|p| &**p)
        }
    }

    /// Key of the section this document belongs to (`None` for the home page).
    pub fn parent_key(&self) -> Option<&str> {
        if self.key.is_empty() {
            return None;
        }
        Some(self.key.rsplit_once('/').map_or("", |(parent, _)| parent))
    }
}

/// Everything `content/` holds.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Shared, so a rebuild that changed one file copies pointers, not documents, and
    /// later stages can tell unchanged documents by their pages' identity.
    pub documents: Vec<Arc<Document>>,
    /// Non-Markdown files, relative to `content/`.
    pub static_files: Vec<PathBuf>,
    /// Translations without a source page (reported, never built).
    pub orphans: Vec<(String, Arc<Page>)>,
}

/// A content file's place: its document key and language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileRole {
    key: String,
    lang: String,
    is_index: bool,
}

/// Reads `content/`. Returns the content and the warnings; errors fail the whole read.
pub fn load(config: &Config) -> Result<(Content, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_with(config, &mut ContentCache::default(), &Dirty::all())
}

/// Like [`load`], but a file that cannot be read or paired (a bad name, broken front
/// matter) is left out and reported, and the rest is returned: what `naskah check`
/// needs to report on everything else. Errors only when `content/` cannot be listed.
pub fn load_keep_going(config: &Config) -> Result<(Content, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut cache = ContentCache::default();
    match gather(config, &mut cache, &Dirty::all())? {
        Gathered::Reused(content, warnings) => Ok((content, warnings)),
        Gathered::Paired(content, mut diagnostics) => {
            diagnostics.extend(adoption_warnings(&content));
            crate::diagnostic::sort(&mut diagnostics);
            Ok((content, diagnostics))
        }
    }
}

/// Files changed since the last build (absolute paths), as a watcher reports them.
#[derive(Debug, Clone, Default)]
pub struct Dirty {
    /// Everything may have changed (first build, config change, overflow).
    pub all: bool,
    /// Files were created, removed or renamed: folders must be listed again.
    pub relist: bool,
    pub paths: std::collections::BTreeSet<PathBuf>,
}

impl Dirty {
    pub fn all() -> Self {
        Dirty {
            all: true,
            relist: true,
            paths: Default::default(),
        }
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.all || self.paths.contains(path)
    }

    /// Whether anything under `dir` changed.
    pub fn touches(&self, dir: &Path) -> bool {
        self.all || self.paths.iter().any(|p| p.starts_with(dir))
    }
}

/// What `content/` held at the last build: its listing and every file read.
#[derive(Debug, Default)]
pub struct ContentCache {
    listing: Option<(Vec<PathBuf>, Vec<PathBuf>)>,
    /// Links in `content/` not followed when it was listed.
    listing_warnings: Vec<Diagnostic>,
    pages: std::collections::HashMap<PathBuf, Result<Arc<Page>, Diagnostic>>,
    /// The last successful pairing, its warnings, and where each file sits in it.
    paired: Option<(Content, Vec<Diagnostic>, Slots)>,
}

/// Reads `content/`, re-reading only the files `dirty` names (and listing the folders
/// again only when files appeared or disappeared).
pub fn load_with(
    config: &Config,
    cache: &mut ContentCache,
    dirty: &Dirty,
) -> Result<(Content, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (content, mut warnings) = match gather(config, cache, dirty)? {
        Gathered::Reused(content, warnings) => (content, warnings),
        Gathered::Paired(content, mut diagnostics) => {
            if diagnostics.iter().any(Diagnostic::is_error) {
                crate::diagnostic::sort(&mut diagnostics);
                cache.paired = None;
                return Err(diagnostics);
            }
            cache.paired = Some((content.clone(), diagnostics.clone(), slots(&content)));
            (content, diagnostics)
        }
    };
    // From every page, each time: a page read again may have changed them.
    warnings.extend(adoption_warnings(&content));
    Ok((content, warnings))
}

/// What [`gather`] found: the previous pairing with new pages swapped in, or a fresh
/// pairing of every readable file with every problem found (errors included).
enum Gathered {
    Reused(Content, Vec<Diagnostic>),
    Paired(Content, Vec<Diagnostic>),
}

/// Lists and reads what changed, then pairs the files (or patches the last pairing).
fn gather(
    config: &Config,
    cache: &mut ContentCache,
    dirty: &Dirty,
) -> Result<Gathered, Vec<Diagnostic>> {
    let content_dir = config.content_dir();
    if dirty.all {
        cache.pages.clear();
        cache.paired = None;
    }
    let patch = match (&mut cache.listing, dirty.all) {
        (Some(listing), false) => patch_listing(listing, &content_dir, dirty),
        _ => None,
    };
    let mut listed_again = patch == Some(true);
    if cache.listing.is_none() || (dirty.relist && patch.is_none()) {
        let found = discover(&content_dir, &config.walk_bounds()).map_err(|d| vec![d])?;
        cache.listing = Some((found.markdown, found.statics));
        cache.listing_warnings = found.warnings;
        listed_again = true;
    }
    let listing = cache
        .listing
        .as_ref()
        .map_or((&[][..], &[][..]), |(m, s)| (&m[..], &s[..]));
    let (markdown, static_files) = (listing.0, listing.1.to_vec());
    // Files named by the watcher, or never read (dirty.paths is small: look them up).
    let mut stale: Vec<PathBuf> = dirty
        .paths
        .iter()
        .filter_map(|p| p.strip_prefix(&content_dir).ok())
        .filter(|rel| markdown.binary_search_by(|m| m.as_path().cmp(rel)).is_ok())
        .map(Path::to_path_buf)
        .collect();
    if dirty.all || listed_again || cache.pages.len() != markdown.len() {
        stale.extend(
            markdown
                .iter()
                .filter(|rel| !cache.pages.contains_key(*rel))
                .cloned(),
        );
    }
    let fresh: Vec<(PathBuf, Result<Arc<Page>, Diagnostic>)> = stale
        .par_iter()
        .map(|rel| (rel.clone(), read_page(config, rel).map(Arc::new)))
        .collect();
    if let Some((content, warnings)) = reuse_pairing(&mut cache.paired, &fresh, listed_again) {
        cache.pages.extend(fresh);
        return Ok(Gathered::Reused(content, warnings));
    }
    cache.pages.extend(fresh);
    cache
        .pages
        .retain(|rel, _| markdown.binary_search(rel).is_ok());
    let mut diagnostics = cache.listing_warnings.clone();
    let mut pages = Vec::new();
    // Documents whose source page could not be read: their translations are not
    // orphans (the source exists; its error is the one to report).
    let mut unreadable_sources = std::collections::HashSet::new();
    for rel in markdown {
        match &cache.pages[rel] {
            Ok(page) => pages.push(Arc::clone(page)),
            Err(d) => {
                diagnostics.push(d.clone());
                if let Ok(role) = file_role(config, rel)
                    && role.lang == config.source().code
                {
                    unreadable_sources.insert(role.key);
                }
            }
        }
    }
    let mut orphans = Vec::new();
    let documents = pair(config, pages, &mut orphans, &mut diagnostics);
    if !unreadable_sources.is_empty() {
        let spurious: std::collections::HashSet<PathBuf> = orphans
            .iter()
            .filter(|(key, _)| unreadable_sources.contains(key))
            .map(|(_, page)| page.path.clone())
            .collect();
        diagnostics.retain(|d| {
            d.is_error()
                || d.location
                    .as_ref()
                    .is_none_or(|l| !spurious.contains(&l.path))
        });
        orphans.retain(|(key, _)| !unreadable_sources.contains(key));
    }
    let content = Content {
        documents,
        static_files,
        orphans,
    };
    Ok(Gathered::Paired(content, diagnostics))
}

/// Where each file sits in a paired [`Content`]: document index and translation
/// language (`None` for the source page).
type Slots = std::collections::HashMap<PathBuf, (usize, Option<String>)>;

fn slots(content: &Content) -> Slots {
    let mut slots = Slots::new();
    for (i, doc) in content.documents.iter().enumerate() {
        slots.insert(doc.source.path.clone(), (i, None));
        for (lang, page) in &doc.translations {
            slots.insert(page.path.clone(), (i, Some(lang.clone())));
        }
    }
    slots
}

/// When only the contents of known files changed (no file appeared, disappeared or
/// changed its draft flag, and none is an orphan or broken), the previous pairing holds:
/// swap the new pages into it (it stays the pairing of record for the next build)
/// instead of pairing every file again.
fn reuse_pairing(
    paired: &mut Option<(Content, Vec<Diagnostic>, Slots)>,
    fresh: &[(PathBuf, Result<Arc<Page>, Diagnostic>)],
    relisted: bool,
) -> Option<(Content, Vec<Diagnostic>)> {
    if relisted {
        return None;
    }
    let (previous, warnings, slots) = paired.as_mut()?;
    let mut swaps = Vec::with_capacity(fresh.len());
    for (rel, page) in fresh {
        let page = page.as_ref().ok()?;
        let (index, lang) = slots.get(&Path::new("content").join(rel))?;
        let doc = &previous.documents[*index];
        let old = match lang {
            None => &doc.source,
            Some(lang) => doc.translations.get(lang)?,
        };
        if old.front.draft != page.front.draft {
            return None;
        }
        swaps.push((*index, lang.clone(), Arc::clone(page)));
    }
    for (index, lang, page) in swaps {
        let doc = Arc::make_mut(&mut previous.documents[index]);
        match lang {
            None => doc.source = page,
            Some(lang) => {
                doc.translations.insert(lang, page);
            }
        }
    }
    Some((previous.clone(), warnings.clone()))
}

/// Applies file creations and removals named in `dirty` to a listing, when they are
/// all plain files (an editor's atomic save: a temporary file, then a rename). Returns
/// whether the listing changed, or `None` when a folder appeared or disappeared (the
/// caller then lists everything again).
fn patch_listing(
    listing: &mut (Vec<PathBuf>, Vec<PathBuf>),
    content_dir: &Path,
    dirty: &Dirty,
) -> Option<bool> {
    let mut changed = false;
    for path in &dirty.paths {
        let Ok(rel) = path.strip_prefix(content_dir) else {
            continue;
        };
        if rel.components().any(|c| is_ignored(c.as_os_str())) {
            continue;
        }
        if path.is_dir() {
            return None;
        }
        let list = if rel.extension().is_some_and(|e| e == "md") {
            &mut listing.0
        } else {
            &mut listing.1
        };
        let known = list.binary_search_by(|p| p.as_path().cmp(rel));
        match (path.is_file(), known) {
            (true, Err(at)) => {
                list.insert(at, rel.to_path_buf());
                changed = true;
            }
            (false, Ok(at)) => {
                list.remove(at);
                changed = true;
            }
            (false, Err(_)) if path.extension().is_none() => return None,
            _ => {}
        }
    }
    Some(changed)
}

/// Lists Markdown and static files under `content_dir`, relative to it, sorted.
fn discover(content_dir: &Path, bounds: &crate::walk::Bounds) -> Result<Listing, Diagnostic> {
    if !content_dir.is_dir() {
        return Err(
            Diagnostic::error(format!("no content folder at {}", content_dir.display())).with_help(
                "create content/index.md, or run `naskah init DIR` for a working example",
            ),
        );
    }
    let mut markdown = Vec::new();
    let mut statics = Vec::new();
    let (files, warnings) = crate::walk::files(content_dir, bounds)?;
    for path in files {
        let rel = path
            .strip_prefix(content_dir)
            .unwrap_or(&path)
            .to_path_buf();
        if rel.extension().is_some_and(|e| e == "md") {
            markdown.push(rel);
        } else {
            statics.push(rel);
        }
    }
    Ok(Listing {
        markdown,
        statics,
        warnings,
    })
}

/// What `content/` holds: Markdown files and other files (relative to it, sorted), and
/// a warning for each link not followed.
#[derive(Debug, Default)]
struct Listing {
    markdown: Vec<PathBuf>,
    statics: Vec<PathBuf>,
    warnings: Vec<Diagnostic>,
}

/// Hidden files, editor swap and backup files never become pages or assets.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913"
}

/// The largest Markdown file a page is read from: offsets into a page are kept in 32
/// bits (a site keeps millions of them, see `markdown::segments::Segment`), and
/// `u32::MAX` marks a segment outside the body.
pub const MAX_PAGE_BYTES: u64 = u32::MAX as u64 - 1;

fn read_page(config: &Config, rel: &Path) -> Result<Page, Diagnostic> {
    let display_path = Path::new("content").join(rel);
    let role = file_role(config, rel).map_err(|d| d.in_file(&display_path))?;
    let path = config.content_dir().join(rel);
    let too_large = |size: u64| {
        Diagnostic::error(format!(
            "the file is {size} bytes: a page can be at most {MAX_PAGE_BYTES} bytes (4 GiB)"
        ))
        .in_file(&display_path)
        .with_help("split it into several pages")
    };
    // Checked before reading, so a huge file is not read into memory first.
    match std::fs::metadata(&path) {
        Ok(meta) if meta.len() > MAX_PAGE_BYTES => return Err(too_large(meta.len())),
        _ => {}
    }
    let bytes = std::fs::read(&path)
        .map_err(|e| Diagnostic::error(format!("cannot read file: {e}")).in_file(&display_path))?;
    // Again, in case it grew after the check.
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = decode(&display_path, bytes)?;
    let parsed = frontmatter::parse_with(&display_path, &text, config.unknown_front_matter)?;
    let shortcode_line = first_shortcode(&text[parsed.body_start..])
        .map(|at| crate::diagnostic::line_column(&text, parsed.body_start + at).0);
    Ok(Page {
        path: display_path,
        lang: role.lang,
        text,
        front: parsed.front,
        body_start: parsed.body_start,
        unknown_keys: parsed.unknown,
        shortcode_line,
    })
}

/// Where a body first calls a shortcode: Hugo's `{{< name >}}` / `{{% name %}}`, or
/// Zola's `{{ name(…) }}` / `{% name(…) %}`.
fn first_shortcode(body: &str) -> Option<usize> {
    body.match_indices('{').find_map(|(at, _)| {
        let rest = &body[at + 1..];
        let hugo = rest.starts_with("{<") || rest.starts_with("{%");
        let zola = (rest.starts_with('{') || rest.starts_with('%')) && {
            let call = rest[1..].trim_start();
            let name_len = call
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(call.len());
            name_len > 0 && call[name_len..].starts_with('(')
        };
        (hugo || zola).then_some(at)
    })
}

/// One warning per front matter key naskah does not know (where the site lets them
/// through), and one for shortcodes: each names how many files and the first place.
pub fn adoption_warnings(content: &Content) -> Vec<Diagnostic> {
    let pages = content
        .documents
        .iter()
        .flat_map(|d| std::iter::once(&d.source).chain(d.translations.values()));
    let mut keys: BTreeMap<&str, (usize, &Path, usize)> = BTreeMap::new();
    let mut shortcodes: Option<(usize, &Path, usize)> = None;
    for page in pages {
        for (key, line) in &page.unknown_keys {
            let entry = keys.entry(key).or_insert((0, &page.path, *line));
            entry.0 += 1;
        }
        if let Some(line) = page.shortcode_line {
            shortcodes.get_or_insert((0, &page.path, line)).0 += 1;
        }
    }
    let place = |path: &Path, line: usize| Location {
        path: path.to_path_buf(),
        line,
        column: 1,
    };
    let mut warnings: Vec<Diagnostic> = keys
        .into_iter()
        .map(|(key, (count, path, line))| {
            Diagnostic::warning(format!(
                "front matter key `{key}` is not one naskah reads: ignored in {count} file{}",
                if count == 1 { "" } else { "s" }
            ))
            .at(place(path, line))
            .with_help("`unknown_front_matter = \"extra\"` in [content] keeps such keys under `extra` for themes")
        })
        .collect();
    if let Some((count, path, line)) = shortcodes {
        warnings.push(
            Diagnostic::warning(format!(
                "{count} file{} use{} Hugo or Zola shortcodes, which naskah does not run: they are shown as text",
                if count == 1 { "" } else { "s" },
                if count == 1 { "s" } else { "" }
            ))
            .at(place(path, line))
            .with_help("replace them with Markdown or raw HTML; drift analysis already compares them as text"),
        );
    }
    warnings
}

fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    // Validated with SIMD first: std's check takes about five instructions a byte of
    // CJK or Arabic text, a twentieth of `naskah check` on such a site; simdutf8 checks
    // 32 bytes at a time. An invalid file falls through to std, which says where.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // A NUL byte is no text (a binary file, or a damaged one); written into a page's
        // title or the navigation, it made HTML no parser accepts.
        if let Some(at) = memchr::memchr(0, &bytes) {
            let text = String::from_utf8_lossy(&bytes[..at]).into_owned();
            return Err(Diagnostic::error("file holds a NUL byte")
                .at(Location::at_offset(path, &text, at))
                .with_help(
                    "remove it: a Markdown file is text (is this file binary, or damaged?)",
                ));
        }
        // SAFETY: simdutf8 has just validated these bytes as UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::error("file is not valid UTF-8")
            .at(Location::at_offset(path, &text, valid))
            .with_help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)")
    })
}

/// The document key and language of a Markdown file (`path` relative to the site
/// root, like `content/bantuan/x.en.md`); `None` for other files.
pub fn document_of(config: &Config, path: &Path) -> Option<(String, String)> {
    let rel = path.strip_prefix("content").ok()?;
    let markdown = rel.extension().is_some_and(|e| e == "md");
    markdown.then(|| file_role(config, rel).ok().map(|r| (r.key, r.lang)))?
}

/// Works out key and language from a path relative to `content/`.
fn file_role(config: &Config, rel: &Path) -> Result<FileRole, Diagnostic> {
    if config.layout == crate::config::Layout::Folder {
        return Ok(folder_role(config, rel));
    }
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (name, lang) = match stem.rsplit_once('.') {
        Some((name, suffix)) if config.language(suffix).is_some() => {
            (name.to_string(), suffix.to_string())
        }
        Some((name, suffix)) if looks_like_language(suffix) => {
            let same_but_case = config
                .languages
                .iter()
                .find(|l| l.code.eq_ignore_ascii_case(suffix));
            let help = match same_but_case {
                // naskah.toml does not take `EN`: the file is the one to change.
                Some(lang) => format!(
                    "write the tag as naskah.toml does: rename the file to {name}.{}.md",
                    lang.code
                ),
                None => format!("add [languages.{suffix}] to naskah.toml, or rename the file"),
            };
            return Err(Diagnostic::error(format!(
                "`{suffix}` in the file name is not a configured language (configured: {})",
                config.language_codes()
            ))
            .with_help(help));
        }
        _ => (stem.clone(), config.source().code.clone()),
    };
    let dir = rel
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    let is_index = name == "index" || name == "_index";
    let key = match (is_index, dir.is_empty()) {
        (true, _) => dir,
        (false, true) => name,
        (false, false) => format!("{dir}/{name}"),
    };
    Ok(FileRole {
        key,
        lang,
        is_index,
    })
}

/// [`file_role`] where translations live in language folders: `en/docs/x.md` is the
/// English page of `docs/x`; any other path is a source page (`id/docs/x.md` too, when
/// `id` is the source language). Suffixes are part of the name.
fn folder_role(config: &Config, rel: &Path) -> FileRole {
    let parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let (lang, parts) = match parts.split_first() {
        Some((first, rest)) if !rest.is_empty() && config.language(first).is_some() => {
            (first.clone(), rest)
        }
        _ => (config.source().code.clone(), &parts[..]),
    };
    let (name, dir) = parts
        .split_last()
        .map_or(("", &[][..]), |(n, d)| (n.as_str(), d));
    let is_index = name == "index" || name == "_index";
    let key = match is_index {
        true => dir.join("/"),
        false => parts.join("/"),
    };
    FileRole {
        key,
        lang,
        is_index,
    }
}

/// Whether a file-name suffix is meant as a language tag (`de`, `pt-BR`), as opposed to
/// part of a name such as `v1.2`.
fn looks_like_language(suffix: &str) -> bool {
    let primary = suffix.split(['-', '_']).next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && LanguageIdentifier::from_str(suffix).is_ok()
}

/// Pages found for one key: the source page, translations, and whether it is an index.
type Slot = (Option<Arc<Page>>, BTreeMap<String, Arc<Page>>, bool);

/// With `layout = "folder"`, a file named like a translation in the suffix layout
/// (`guide.en.md`, left from before a move) is a page of the source language with a
/// `.en` in its address: said, since it is rarely what was meant.
fn suffix_name_in_folder_layout(config: &Config, page: &Page) -> Option<Diagnostic> {
    if config.layout != crate::config::Layout::Folder {
        return None;
    }
    let stem = page.path.file_stem()?.to_string_lossy();
    let (_, suffix) = stem.rsplit_once('.')?;
    let lang = config.language(suffix).filter(|l| !l.is_source)?;
    Some(
        Diagnostic::warning(format!(
            "named like a translation into `{}` in the suffix layout, but the site's layout is \"folder\": it is published as a {} page",
            lang.code,
            config.source().code
        ))
        .in_file(&page.path)
        .with_help(format!(
            "move it to content/{}/ without the `.{}` (the folder layout's place for translations), or rename it",
            lang.code, suffix
        )),
    )
}

/// Groups pages into documents; reports collisions and orphans.
fn pair(
    config: &Config,
    pages: Vec<Arc<Page>>,
    orphans: &mut Vec<(String, Arc<Page>)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Arc<Document>> {
    let source_lang = &config.source().code;
    let mut by_key: BTreeMap<String, Slot> = BTreeMap::new();
    for page in pages {
        let rel = page.path.strip_prefix("content").unwrap_or(&page.path);
        let Ok(role) = file_role(config, rel) else {
            continue;
        };
        if let Some(warning) = suffix_name_in_folder_layout(config, &page) {
            diagnostics.push(warning);
        }
        let entry = by_key.entry(role.key.clone()).or_default();
        entry.2 |= role.is_index;
        let existing = if &page.lang == source_lang {
            entry.0.as_ref()
        } else {
            entry.1.get(&page.lang)
        };
        if let Some(existing) = existing {
            diagnostics.push(collision(existing, &page));
        } else if &page.lang == source_lang {
            entry.0 = Some(page);
        } else {
            entry.1.insert(page.lang.clone(), page);
        }
    }
    let mut documents = Vec::with_capacity(by_key.len());
    for (key, (source, translations, is_index)) in by_key {
        let Some(source) = source else {
            for page in translations.into_values() {
                diagnostics.push(orphan(config, &page));
                orphans.push((key.clone(), page));
            }
            continue;
        };
        if source.front.draft {
            continue;
        }
        let translations = translations
            .into_iter()
            .filter(|(_, p)| !p.front.draft)
            .collect();
        let kind = match (key.is_empty(), is_index) {
            (true, _) => DocKind::Home,
            (false, true) => DocKind::Section,
            (false, false) => DocKind::Page,
        };
        documents.push(Arc::new(Document {
            key,
            kind,
            source,
            translations,
        }));
    }
    documents
}

fn collision(a: &Page, b: &Page) -> Diagnostic {
    let (first, second) = if a.path <= b.path { (a, b) } else { (b, a) };
    Diagnostic::error(format!(
        "{} and {} are the same page in `{}`; both would be written to one output path",
        first.path.display(),
        second.path.display(),
        first.lang
    ))
    .in_file(&second.path)
    .with_help(
        "keep one of them: `NAME.md` and `NAME/index.md` (or `NAME.id.md`) name the same page",
    )
}

fn orphan(config: &Config, page: &Page) -> Diagnostic {
    Diagnostic::warning(format!(
        "orphan translation: no source page `{}` in `{}`; it is not built",
        expected_source(config, page),
        config.source().code
    ))
    .in_file(&page.path)
    .with_help("create the source page, or rename the translation to match an existing one")
}

/// Where the source page of translation `page` would be: the same name without its
/// language (`x.en.md` → `x.md`), or the same path outside its language folder (in the
/// source language's folder, when the site keeps its sources in one).
fn expected_source(config: &Config, page: &Page) -> String {
    let rel = page.path.strip_prefix("content").unwrap_or(&page.path);
    let rel = crate::site::path_to_slash(rel);
    let source = &config.source().code;
    let path = match config.layout {
        crate::config::Layout::Suffix => {
            let suffix = format!(".{}.md", page.lang);
            match rel.strip_suffix(&suffix) {
                Some(stem) => format!("{stem}.md"),
                None => rel,
            }
        }
        crate::config::Layout::Folder => {
            let rest = rel.split_once('/').map_or(rel.as_str(), |(_, rest)| rest);
            match config.content_dir().join(source).is_dir() {
                true => format!("{source}/{rest}"),
                false => rest.to_string(),
            }
        }
    };
    format!("content/{path}")
}

/// Where the translation into `lang` of the source page at `source` (`content/x.md`)
/// goes: `content/x.LANG.md`, or `content/LANG/x.md` with `layout = "folder"`.
pub fn translation_path(config: &Config, source: &Path, lang: &str) -> PathBuf {
    let rel = source.strip_prefix("content").unwrap_or(source);
    let rel = crate::site::path_to_slash(rel);
    let path = match config.layout {
        crate::config::Layout::Suffix => match rel.strip_suffix(".md") {
            Some(stem) => format!("{stem}.{lang}.md"),
            None => format!("{rel}.{lang}.md"),
        },
        crate::config::Layout::Folder => {
            let source_folder = format!("{}/", config.source().code);
            let rest = rel.strip_prefix(&source_folder).unwrap_or(&rel);
            format!("{lang}/{rest}")
        }
    };
    Path::new("content").join(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            Path::new("."),
            "title = \"t\"\n[languages.id]\nname = \"ID\"\n[languages.en]\nname = \"EN\"\n",
        )
        .unwrap()
    }

    fn role(rel: &str) -> Result<FileRole, Diagnostic> {
        file_role(&config(), Path::new(rel))
    }

    #[test]
    fn translation_paths_follow_the_layout() {
        let suffix = config();
        let path = |config: &Config, source: &str| {
            translation_path(config, Path::new(source), "en")
                .to_string_lossy()
                .into_owned()
        };
        assert_eq!(path(&suffix, "content/a/index.md"), "content/a/index.en.md");
        assert_eq!(path(&suffix, "content/b.md"), "content/b.en.md");
        let folder = Config::parse(
            Path::new("."),
            "title = \"t\"\n[content]\nlayout = \"folder\"\n[languages.id]\nname = \"ID\"\n[languages.en]\nname = \"EN\"\n",
        )
        .unwrap();
        assert_eq!(path(&folder, "content/a/b.md"), "content/en/a/b.md");
        assert_eq!(path(&folder, "content/id/a/b.md"), "content/en/a/b.md");
    }

    #[test]
    fn shortcodes_of_hugo_and_zola_are_found() {
        assert_eq!(first_shortcode("a {{< note >}} b"), Some(2));
        assert_eq!(first_shortcode("{{% tab %}}"), Some(0));
        assert_eq!(first_shortcode("x {{ youtube(id=\"a\") }}"), Some(2));
        assert_eq!(first_shortcode("x {% note(kind=\"a\") %}"), Some(2));
        assert_eq!(first_shortcode("a {{ title }} and {x} and {% raw %}"), None);
        assert_eq!(first_shortcode("no braces"), None);
    }

    #[test]
    fn roles() {
        assert_eq!(role("index.md").unwrap().key, "");
        assert_eq!(role("index.en.md").unwrap().lang, "en");
        assert_eq!(role("bantuan/index.md").unwrap().key, "bantuan");
        let r = role("bantuan/x.en.md").unwrap();
        assert_eq!((r.key.as_str(), r.lang.as_str()), ("bantuan/x", "en"));
        assert_eq!(role("bantuan/x.id.md").unwrap().lang, "id");
        assert_eq!(role("v1.2.md").unwrap().key, "v1.2");
    }

    #[test]
    fn unconfigured_language_suffix_is_an_error() {
        let err = role("x.de.md").unwrap_err();
        assert!(err.message.contains("configured: id, en"), "{err}");
    }
}
