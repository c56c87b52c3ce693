//! `naskah translate`: machine translation that follows the source, segment by segment.
//!
//! Consumes: the site, its drift report and `naskah.lock`; an engine; the translation
//! cache (`.naskah/translations.json`).
//! Produces: translation files in which only the segments whose source changed, was
//! added or was removed since acceptance are rewritten; the lock's records of them;
//! the cache with the engine's new replies.
//! Guarantees: every other byte of a translation is kept; a reply that fails validation
//! is never written (the file keeps its old text for that segment and the failure is
//! reported at its line); each file is replaced atomically, so an interrupted run
//! leaves every file old or new; a second run with nothing changed asks the engine
//! nothing.

pub mod cache;
pub mod engines;
pub mod inline;
pub mod plan;
pub mod pseudo;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, Language};
use crate::diagnostic::{Diagnostic, Location};
use crate::drift::{self, Status, TranslationDrift};
use crate::markdown::segments::SegmentKind;
use crate::pipeline::{BuildOptions, Failure, FailureKind};
use crate::site::Site;

use cache::Cache;
use engines::Engine;
use inline::Tagged;
use plan::{Edit, Pair};

/// What `naskah translate` was asked.
#[derive(Debug, Clone, Default)]
pub struct TranslateOptions {
    pub build: BuildOptions,
    /// Translation files, or source files (meaning all their translations); none: all.
    pub files: Vec<PathBuf>,
    /// Only these languages (none: all).
    pub langs: Vec<String>,
    /// The engine (`--provider`), else the config's.
    pub provider: Option<String>,
    /// Say what would be sent and written, write nothing.
    pub dry_run: bool,
    /// Also create the translations that do not exist yet.
    pub missing: bool,
    /// Send to network engines without asking.
    pub yes: bool,
}

/// One translation file's result.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub file: PathBuf,
    pub lang: String,
    /// The engine that translated it.
    pub provider: &'static str,
    pub replaced: usize,
    pub inserted: usize,
    pub removed: usize,
    pub copied: usize,
    /// Characters the engine answered (in a dry run: that would be sent to it).
    pub characters: usize,
    /// Segments answered from the cache.
    pub cached: usize,
    /// Requests made (or, in a dry run, that would be made) to a network engine.
    pub requests: usize,
    /// The unified diff of the file (dry runs only).
    pub diff: Option<String>,
    /// Segments whose reply was refused, at their line.
    pub failures: Vec<Diagnostic>,
    /// What became of the file (in a dry run: what would).
    pub change: Change,
}

/// What a run did (or, in a dry run, would do) to a translation file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Change {
    /// An existing translation rewritten.
    Updated,
    /// A missing translation written.
    Created,
    /// Nothing written: every segment to translate failed.
    #[default]
    Unchanged,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: Vec<FileOutcome>,
    /// Translations left alone, with why (untracked: nothing says what changed).
    pub notes: Vec<Diagnostic>,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.files.iter().any(|f| !f.failures.is_empty())
    }
}

/// Runs `naskah translate`.
pub fn run(options: &TranslateOptions) -> Result<Outcome, Failure> {
    let config = crate::pipeline::load_config(&options.build)?;
    let usage = |d: Diagnostic| Failure::new(FailureKind::Config, vec![d], &[]);
    for lang in &options.langs {
        config.translation_language(lang).map_err(usage)?;
    }
    // Every engine asked for is checked (known, key present, HTTPS) before any work.
    let mut engines = std::collections::BTreeMap::new();
    for lang in config.languages.iter().filter(|l| !l.is_source) {
        if options.langs.is_empty() || options.langs.contains(&lang.code) {
            let settings = config
                .translate
                .settings(&lang.code, options.provider.as_deref())
                .map_err(usage)?;
            let engine = Engine::new(&settings, config.source()).map_err(usage)?;
            let glossary = inline::Glossary::new(config.translate.glossary(&lang.code));
            engines.insert(lang.code.clone(), (engine, glossary));
        }
    }
    let site_error = |errors: Vec<Diagnostic>| Failure::new(FailureKind::Site, errors, &[]);
    let (content, _) = crate::content::load(&config).map_err(site_error)?;
    let lock = drift::lock::Lock::load(&config.root).map_err(|e| site_error(vec![e]))?;
    let site = Site::new(&config, &content).map_err(site_error)?;
    let report = drift::analyze(&site, &Arc::new(lock));
    let files = crate::pipeline::site_files(&config, &options.files).map_err(usage)?;
    let mut cache = Cache::load(&config.root).map_err(|e| site_error(vec![e]))?;
    let mut outcome = Outcome::default();
    let mut written = Vec::new();
    let mut written_new = Vec::new();
    for drift in report.translations() {
        let (Some(index), Some(file)) = (drift.doc_index, drift.file.as_ref()) else {
            continue;
        };
        let doc = site.document(index);
        let wanted = files.is_empty() || files.contains(file) || files.contains(&doc.source.path);
        if !wanted || !(options.langs.is_empty() || options.langs.contains(&drift.lang)) {
            continue;
        }
        match drift.status {
            Status::Outdated => {}
            Status::Untracked => {
                outcome.notes.push(
                    Diagnostic::warning("untracked: nothing records which source this translation matched, so naskah cannot tell what to translate again")
                        .in_file(file)
                        .with_help(format!("review it and run `naskah accept {}` first", file.display())),
                );
                continue;
            }
            _ => continue,
        }
        let (Some(lang), Some((engine, glossary))) =
            (config.language(&drift.lang), engines.get(&drift.lang))
        else {
            continue;
        };
        let job = Job {
            site: &site,
            index,
            lang,
            drift,
            engine,
            glossary,
        };
        let (mut result, new_text) = job.run(&mut cache, options.dry_run);
        // A dry run has no text for what a network engine would translate: that it
        // would send some says the file would change.
        if new_text.is_some() || (options.dry_run && result.characters > 0) {
            result.change = Change::Updated;
        }
        if let Some(new_text) = new_text
            && !options.dry_run
        {
            let path = config.root.join(file);
            write_file(&path, &with_bom_of(&path, new_text), true)
                .map_err(|e| site_error(vec![e]))?;
            // Recorded only when whole: a failed segment must stay outdated, so that
            // check reports it and the next run translates it (the rest from the cache).
            if result.failures.is_empty() {
                written.push((index, drift.lang.clone()));
            }
        }
        outcome.files.push(result);
    }
    if options.missing {
        for (index, doc) in content.documents.iter().enumerate() {
            if !(files.is_empty() || files.contains(&doc.source.path)) {
                continue;
            }
            for (code, (engine, glossary)) in &engines {
                if doc.translations.contains_key(code) {
                    continue;
                }
                let Some(lang) = config.language(code) else {
                    continue;
                };
                let file = crate::content::translation_path(&config, &doc.source.path, code);
                let job = NewPage {
                    site: &site,
                    index,
                    lang,
                    engine,
                    glossary,
                    file: file.clone(),
                };
                let (mut result, new_text) = job.run(&mut cache, options.dry_run);
                if new_text.is_some() || (options.dry_run && result.characters > 0) {
                    result.change = Change::Created;
                }
                if let Some(new_text) = new_text
                    && !options.dry_run
                {
                    write_file(&config.root.join(&file), new_text.as_bytes(), false)
                        .map_err(|e| site_error(vec![e]))?;
                    if result.failures.is_empty() {
                        written_new.push(file);
                    }
                }
                outcome.files.push(result);
            }
        }
    }
    if !options.dry_run {
        cache.save(&config.root).map_err(|e| site_error(vec![e]))?;
        let labels: std::collections::BTreeMap<String, String> = engines
            .iter()
            .map(|(code, (engine, _))| (code.clone(), engine.label()))
            .collect();
        accept(&config, &written, &written_new, &labels).map_err(site_error)?;
    }
    Ok(outcome)
}

/// Records the rewritten translations, and the new ones (by file), as accepted
/// against the current source.
fn accept(
    config: &Config,
    written: &[(usize, String)],
    new: &[PathBuf],
    engines: &std::collections::BTreeMap<String, String>,
) -> Result<(), Vec<Diagnostic>> {
    if written.is_empty() && new.is_empty() {
        return Ok(());
    }
    let (content, _) = crate::content::load(config)?;
    let site = Site::new(config, &content)?;
    let mut lock = drift::lock::Lock::load(&config.root).map_err(|e| vec![e])?;
    let today = drift::lock::today();
    let created = content
        .documents
        .iter()
        .enumerate()
        .flat_map(|(index, doc)| {
            doc.translations
                .iter()
                .filter(|(_, page)| new.contains(&page.path))
                .map(move |(lang, _)| (index, lang.clone()))
        });
    for (index, lang) in written.iter().cloned().chain(created) {
        let (mut record, texts) = drift::record(&site, index, &lang, &today);
        record.engine = engines.get(&lang).cloned();
        lock.accept(record, texts);
    }
    lock.save(&config.root).map_err(|e| vec![e])
}

/// One translation file brought up to date.
struct Job<'a> {
    site: &'a Site<'a>,
    index: usize,
    lang: &'a Language,
    drift: &'a TranslationDrift,
    engine: &'a Engine,
    glossary: &'a inline::Glossary,
}

impl Job<'_> {
    /// The outcome, and the new text when anything changed.
    fn run(&self, cache: &mut Cache, dry_run: bool) -> (FileOutcome, Option<String>) {
        let doc = self.site.document(self.index);
        let source = &doc.source;
        let target = &doc.translations[&self.lang.code];
        let parsed = &self.site.docs[self.index].pages;
        let pair = Pair {
            source_text: &source.text,
            source: &parsed[&source.lang].segments,
            target_text: &target.text,
            target: &parsed[&self.lang.code].segments,
        };
        let edits = plan::edits(&pair, self.drift);
        let (mut outcome, new_text) = self.rewrite(&pair, edits, cache, dry_run);
        outcome.file = target.path.clone();
        if dry_run && let Some(new_text) = &new_text {
            let diff = similar::TextDiff::from_lines(target.text.as_str(), new_text.as_str());
            let path = target.path.display().to_string();
            outcome.diff = Some(diff.unified_diff().header(&path, &path).to_string());
        }
        (outcome, new_text)
    }

    /// `pair.target_text` with `edits` made: the translations they need asked for (or
    /// read from the cache) and validated; an edit whose reply fails is left out.
    fn rewrite(
        &self,
        pair: &Pair,
        edits: Vec<Edit>,
        cache: &mut Cache,
        dry_run: bool,
    ) -> (FileOutcome, Option<String>) {
        let mut outcome = FileOutcome {
            file: PathBuf::new(),
            lang: self.lang.code.clone(),
            provider: self.engine.kind.name(),
            replaced: 0,
            inserted: 0,
            removed: 0,
            copied: 0,
            characters: 0,
            cached: 0,
            requests: 0,
            diff: None,
            failures: Vec::new(),
            change: Change::Unchanged,
        };
        let tagged: Vec<Option<Tagged>> = edits
            .iter()
            .map(|e| {
                let s = e.source()?;
                // Code is copied from the source, never sent.
                (pair.source[s].kind != SegmentKind::CodeBlock).then(|| self.tagged(pair, s))
            })
            .collect();
        let replies = self.replies(&tagged, cache, &mut outcome, dry_run);
        let mut kept = Vec::new();
        let mut texts = Vec::new();
        for ((edit, tagged), reply) in edits.iter().zip(&tagged).zip(replies) {
            let translated = match (tagged, reply) {
                (Some(tagged), Some(reply)) => match self.validated(tagged, reply, cache) {
                    Ok(markdown) => Some(quoted(pair.target_text, edit, markdown)),
                    Err(why) => {
                        outcome.failures.push(self.failure(pair, edit, &why));
                        continue;
                    }
                },
                // A dry run of a network engine: not in the cache, so not shown.
                (Some(_), None) => continue,
                (None, _) => None,
            };
            count(&mut outcome, edit);
            let mut written = plan::written(edit, pair, translated.as_deref());
            let code = match edit {
                Edit::Copy { source, .. } | Edit::Insert { source, .. } => {
                    Some(&pair.source[*source]).filter(|s| s.kind == SegmentKind::CodeBlock)
                }
                _ => None,
            };
            if let Some(code) = code
                && self.site.config.translate.code_comments
            {
                written = self.with_translated_comments(
                    &written,
                    code.fence(),
                    cache,
                    &mut outcome,
                    dry_run,
                );
            }
            texts.push(written);
            kept.push(edit.clone());
        }
        if kept.is_empty() {
            return (outcome, None);
        }
        (outcome, Some(plan::apply(pair.target_text, &kept, &texts)))
    }

    /// A fenced code block with its comments translated (a comment whose reply fails
    /// validation stays as it was); the code itself is never sent.
    fn with_translated_comments(
        &self,
        block: &str,
        language: Option<&str>,
        cache: &mut Cache,
        outcome: &mut FileOutcome,
        dry_run: bool,
    ) -> String {
        let Some(first_end) = block.find('\n') else {
            return block.to_string();
        };
        let opener = block[..first_end].trim_start();
        // Only fenced blocks: an indented one has no line of its own to keep.
        if !opener.starts_with("```") && !opener.starts_with("~~~") {
            return block.to_string();
        }
        let close = block.trim_end().rfind('\n').unwrap_or(block.len());
        let code = &block[first_end + 1..close.max(first_end + 1)];
        let ranges = crate::drift::code::comment_texts(code, language);
        let tagged: Vec<Option<Tagged>> = ranges
            .iter()
            .map(|r| Some(inline::plain(&code[r.clone()])))
            .collect();
        let replies = self.replies(&tagged, cache, outcome, dry_run);
        let mut out = code.to_string();
        for ((range, tagged), reply) in ranges.iter().zip(&tagged).zip(replies).rev() {
            let (Some(tagged), Some(reply)) = (tagged, reply) else {
                continue;
            };
            if let Ok(text) = self.validated(tagged, reply, cache) {
                out.replace_range(range.clone(), &text);
            }
        }
        format!(
            "{}{out}{}",
            &block[..first_end + 1],
            &block[close.max(first_end + 1)..]
        )
    }

    /// The tagged text of source segment `s`.
    fn tagged(&self, pair: &Pair, s: usize) -> Tagged {
        let segment = &pair.source[s];
        let range = plan::inline_range(pair.source_text, segment);
        match segment.block() {
            // Front matter: a quoted or bare string value.
            None => inline::plain(&pair.source_text[range]),
            Some(_) => {
                let text = plan::inline_text(pair.source_text, &range);
                let paragraph_break = plan::paragraph_break(pair.source_text, &range);
                inline::tag_with(&text, self.glossary, &paragraph_break)
            }
        }
    }

    fn cache_key(&self, text: &str) -> String {
        cache::key(
            self.engine.kind.name(),
            &self.engine.model,
            &self.lang.code,
            text,
        )
    }

    /// The reply to each tagged text: from the cache where it has one, else from the
    /// engine (in a dry run, only from an engine that makes no request).
    fn replies(
        &self,
        tagged: &[Option<Tagged>],
        cache: &Cache,
        outcome: &mut FileOutcome,
        dry_run: bool,
    ) -> Vec<Option<Result<String, String>>> {
        let missing: Vec<&str> = tagged
            .iter()
            .flatten()
            .map(|t| t.text.as_str())
            .filter(|t| cache.get(&self.cache_key(t)).is_none())
            .collect();
        outcome.requests += self.engine.requests(&missing);
        outcome.cached += tagged.iter().flatten().count() - missing.len();
        let asks = !dry_run || self.engine.kind == engines::Kind::Pseudo;
        let answers = if asks {
            self.engine.translate(&missing, self.lang, None)
        } else {
            Vec::new()
        };
        let characters = |t: &&str| t.chars().count();
        // A dry run counts what it would send; a run, what the engine answered (a
        // request that failed, refused connection or error status, sent nothing
        // that was translated).
        outcome.characters += if dry_run {
            missing.iter().map(characters).sum::<usize>()
        } else {
            let answered = missing.iter().zip(&answers).filter(|(_, a)| a.is_ok());
            answered.map(|(t, _)| characters(t)).sum::<usize>()
        };
        let fresh: std::collections::HashMap<&str, Result<String, String>> =
            missing.into_iter().zip(answers).collect();
        tagged
            .iter()
            .map(|t| {
                let t = t.as_ref()?;
                match cache.get(&self.cache_key(&t.text)) {
                    Some(reply) => Some(Ok(reply.to_string())),
                    None => fresh.get(t.text.as_str()).cloned(),
                }
            })
            .collect()
    }

    /// The Markdown of a reply that passes validation, asking the engine once more,
    /// with the problem stated, when it does not; a valid reply goes into the cache.
    fn validated(
        &self,
        tagged: &Tagged,
        reply: Result<String, String>,
        cache: &mut Cache,
    ) -> Result<String, String> {
        let problem = match reply.map(|r| (self.check(tagged, &r), r)) {
            Ok((Ok(markdown), reply)) => {
                cache.put(self.cache_key(&tagged.text), reply);
                return Ok(markdown);
            }
            Ok((Err(problem), _)) => problem.to_string(),
            // The engine failed: asking again now would fail the same way.
            Err(why) => return Err(why),
        };
        let retry = self
            .engine
            .translate(&[tagged.text.as_str()], self.lang, Some(&problem))
            .pop()
            .unwrap_or_else(|| Err(problem.clone()))?;
        match self.check(tagged, &retry) {
            Ok(markdown) => {
                cache.put(self.cache_key(&tagged.text), retry);
                Ok(markdown)
            }
            Err(again) => Err(format!("{again} (asked twice)")),
        }
    }

    /// The Markdown of a reply with the source's tags and numbers, or what is wrong.
    fn check(&self, tagged: &Tagged, reply: &str) -> Result<String, String> {
        let markdown = tagged.restore(reply).map_err(|p| p.to_string())?;
        let source_lang = &self.site.config.source().code;
        let numbers = |text: &str, lang: &str| {
            let mut values: Vec<String> = drift::numbers::extract(&inline::text_only(text), lang)
                .into_iter()
                .map(|n| n.0)
                .collect();
            values.sort();
            values
        };
        let (sent, got) = (
            numbers(&tagged.text, source_lang),
            numbers(reply, &self.lang.code),
        );
        if sent != got {
            return Err(format!(
                "the reply's numbers differ from the source's: {} against {}",
                shown(&got),
                shown(&sent)
            ));
        }
        // Pseudo-localization is the source text by design.
        let untranslated = self.engine.kind != engines::Kind::Pseudo
            && drift::untranslated::looks_untranslated(
                &inline::text_only(&tagged.text),
                &inline::text_only(reply),
                source_lang,
                &self.lang.code,
            );
        if untranslated {
            return Err(format!(
                "the reply is still in the source language ({source_lang})"
            ));
        }
        Ok(markdown)
    }

    fn failure(&self, pair: &Pair, edit: &Edit, why: &str) -> Diagnostic {
        let at = edit.position();
        // A new page's text is its source's, so the place is in the source.
        let doc = self.site.document(self.index);
        let file = doc
            .translations
            .get(&self.lang.code)
            .map_or(&doc.source.path, |page| &page.path);
        Diagnostic::error(format!("not translated: {why}"))
            .at(Location::at_offset(file, pair.target_text, at))
            .with_help("the segment keeps its old text; run naskah translate again, or translate it by hand and run naskah accept")
    }
}

/// A front matter value escaped for the quotes it replaces (`"…"` or `'…'`).
fn quoted(text: &str, edit: &Edit, value: String) -> String {
    let Edit::Replace { target, .. } = edit else {
        return value;
    };
    match text[..target.start].chars().next_back() {
        Some('"') => value.replace('\\', "\\\\").replace('"', "\\\""),
        Some('\'') => value.replace('\'', "''"),
        _ => value,
    }
}

fn shown(numbers: &[String]) -> String {
    if numbers.is_empty() {
        "none".into()
    } else {
        numbers.join(", ")
    }
}

fn count(outcome: &mut FileOutcome, edit: &Edit) {
    match edit {
        Edit::Replace { .. } => outcome.replaced += 1,
        Edit::Insert { .. } => outcome.inserted += 1,
        Edit::Delete { .. } => outcome.removed += 1,
        Edit::Copy { .. } => outcome.copied += 1,
    }
}

/// A translation that does not exist yet: every segment of the source translated
/// (code copied), the rest of the file (front matter keys, blank lines) as the source
/// has it.
struct NewPage<'a> {
    site: &'a Site<'a>,
    index: usize,
    lang: &'a Language,
    engine: &'a Engine,
    glossary: &'a inline::Glossary,
    file: PathBuf,
}

impl NewPage<'_> {
    fn run(&self, cache: &mut Cache, dry_run: bool) -> (FileOutcome, Option<String>) {
        let doc = self.site.document(self.index);
        let source = &doc.source;
        let segments = &self.site.docs[self.index].pages[&source.lang].segments;
        let pair = Pair {
            source_text: &source.text,
            source: segments,
            target_text: &source.text,
            target: segments,
        };
        let edits: Vec<Edit> = segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind != SegmentKind::CodeBlock)
            .map(|(i, s)| Edit::Replace {
                target: plan::inline_range(&source.text, s),
                source: i,
            })
            .collect();
        // The outdated-translation machinery with the source as the text to rewrite.
        let job = Job {
            site: self.site,
            index: self.index,
            lang: self.lang,
            drift: &TranslationDrift::default(),
            engine: self.engine,
            glossary: self.glossary,
        };
        let (mut outcome, text) = job.rewrite(&pair, edits, cache, dry_run);
        outcome.file = self.file.clone();
        if dry_run && let Some(text) = &text {
            let path = self.file.display().to_string();
            let diff = similar::TextDiff::from_lines("", text.as_str());
            outcome.diff = Some(diff.unified_diff().header("/dev/null", &path).to_string());
        }
        (outcome, text)
    }
}

/// Writes `bytes` to `path` (creating its folder) through a temporary file beside it:
/// a reader or an interrupted run sees the old file or the new one, never half of one.
/// With `replace` false, an existing file is never replaced. The file keeps the
/// permissions of the one it replaces (0644 when new), not a temporary file's 0600.
/// `text`, after a byte-order mark when the file at `path` starts with one: the pages
/// are read without it, and a rewrite keeps every byte it did not change.
fn with_bom_of(path: &Path, text: String) -> Vec<u8> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let mut start = [0u8; 3];
    let has_bom = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
        .is_ok_and(|()| start == BOM);
    match has_bom {
        true => [BOM, text.as_bytes()].concat(),
        false => text.into_bytes(),
    }
}

pub(crate) fn write_file(path: &Path, bytes: &[u8], replace: bool) -> Result<(), Diagnostic> {
    use std::io::Write;
    let fail =
        |e: std::io::Error| Diagnostic::error(format!("cannot write {}: {e}", path.display()));
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(fail)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".naskah-translate-")
        .tempfile_in(folder)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if let Some(permissions) = drift::lock::lock_permissions(path) {
        tmp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    match replace {
        true => tmp.persist(path).map(drop),
        false => tmp.persist_noclobber(path).map(drop),
    }
    .map_err(|e| fail(e.error))
}
