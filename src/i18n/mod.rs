//! UI strings: Fluent bundles, one per language.
//!
//! Consumes: the compiled-in `locales/LANG/*.ftl` and the site's own `locales/LANG/*.ftl`
//! (which override or add messages).
//! Produces: [`Locales`], `Send + Sync`, formatting a message for a language with CLDR
//! plural rules, falling back to the source language for a missing key. Every message
//! gets the variable `$source` (the source language's tag) and the function
//! `LANGUAGE($code)` (a language's name in the bundle's language, from CLDR: see
//! [`names`]), so no string names a language by hand.
//! Guarantees: a syntax error is an error at file:line:col, and so is a site's string
//! that refers to a message or term its language lacks, or to itself; a string that
//! fails to format when used (a variable nobody gave it) is an error naming where it is
//! defined; a key the source language has and another language lacks is a warning
//! naming the key and the folder.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::{FluentArgs, FluentResource};
use fluent_syntax::ast;
use include_dir::{Dir, include_dir};

use crate::config::{Config, Language};
use crate::diagnostic::{Diagnostic, Location};

pub mod names;

type Bundle = fluent::concurrent::FluentBundle<Arc<FluentResource>>;

/// The file of each `locales/LANG/` folder that is compiled in. Other files there
/// (the repository's `site.ftl`) belong to the repository's own site only.
const BUILTIN_FILE: &str = "main.ftl";

/// The UI strings shipped with naskah (the repository's `locales/LANG/main.ftl`).
pub static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// Formatted UI strings for every configured language.
pub struct Locales {
    bundles: HashMap<String, Bundle>,
    source: String,
    /// naskah's English strings: the last resort for a key neither the page's language
    /// nor the source language has (a source language naskah ships no strings for).
    fallback: Bundle,
    /// Per language, where each message is defined (the file that wins), so that an
    /// error formatting it points at the string, not only at the template that asked.
    defined: HashMap<String, HashMap<String, Location>>,
    /// Per language, each message that needs no variable, formatted: a page asks for
    /// about twenty of them (`t()`), and formatting each again was 2 % of a build with
    /// the built-in theme.
    plain: HashMap<String, HashMap<String, String>>,
}

/// How the error of a UI string that does not format begins.
pub const UI_STRING_ERROR: &str = "UI string";

/// A UI string that could not be formatted, and where it is defined.
#[derive(Debug, Clone)]
pub struct UiStringError {
    key: String,
    lang: String,
    problem: String,
    /// The message's definition; `None` for a key no file defines.
    at: Option<Location>,
}

/// "UI string `key` (file:line:col) in `lang`: what is wrong".
impl std::fmt::Display for UiStringError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{UI_STRING_ERROR} `{}`", self.key)?;
        if let Some(at) = &self.at {
            write!(f, " ({}:{}:{})", at.path.display(), at.line, at.column)?;
        }
        write!(f, " in `{}`: {}", self.lang, self.problem)
    }
}

impl std::error::Error for UiStringError {}

impl UiStringError {
    /// The error at the string's definition, with `help`.
    pub fn diagnostic(self, help: &str) -> Diagnostic {
        let message = format!(
            "{UI_STRING_ERROR} `{}` in `{}`: {}",
            self.key, self.lang, self.problem
        );
        let diagnostic = Diagnostic::error(message).with_help(help);
        match self.at {
            Some(at) => diagnostic.at(at),
            None => diagnostic,
        }
    }
}

/// One `.ftl` file to load.
struct FtlFile {
    display: PathBuf,
    text: String,
}

impl Locales {
    /// Loads the built-in and site strings for every configured language.
    pub fn load(config: &Config) -> Result<(Locales, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut bundles = HashMap::new();
        let mut ids: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
        let mut defined = HashMap::new();
        let mut not_followed = Vec::new();
        for lang in &config.languages {
            let found = (&mut errors, &mut not_followed);
            let (bundle, lang_defined) = load_language(config, lang, found);
            let lang_ids = lang_defined
                .iter()
                .map(|(id, at)| (id.clone(), at.path.clone()))
                .collect();
            errors.extend(unresolved_references(&bundle, &lang_defined));
            bundles.insert(lang.code.clone(), bundle);
            ids.insert(lang.code.clone(), lang_ids);
            defined.insert(lang.code.clone(), lang_defined);
        }
        if !errors.is_empty() {
            crate::diagnostic::sort(&mut errors);
            return Err(errors);
        }
        let mut warnings = missing_key_warnings(config, &ids);
        warnings.extend(not_followed);
        let source = config.source().code.clone();
        if ids.get(&source).is_none_or(BTreeMap::is_empty) {
            warnings.push(
                Diagnostic::warning(format!(
                    "no UI strings for the source language `{source}`: its pages, and any other language's missing strings, show naskah's English ones"
                ))
                .with_help(format!(
                    "add locales/{source}/main.ftl translating the keys of naskah's built-in locales/en/main.ftl (in naskah's source repository)"
                )),
            );
        }
        let fallback = english_bundle(config);
        let mut locales = Locales {
            bundles,
            source,
            fallback,
            defined,
            plain: HashMap::new(),
        };
        locales.plain = locales.plain_strings(&ids);
        Ok((locales, warnings))
    }

    /// Every message that formats without a variable of the caller's, per language:
    /// made once here, read by [`Locales::format_located`] when no variable is given.
    fn plain_strings(
        &self,
        ids: &BTreeMap<String, BTreeMap<String, PathBuf>>,
    ) -> HashMap<String, HashMap<String, String>> {
        let keys: BTreeSet<&String> = ids.values().flat_map(BTreeMap::keys).collect();
        self.bundles
            .keys()
            .map(|lang| {
                let texts = keys
                    .iter()
                    .filter_map(|key| {
                        let text = self.format_uncached(lang, key, None).ok()?;
                        Some((key.to_string(), text))
                    })
                    .collect();
                (lang.clone(), texts)
            })
            .collect()
    }

    /// Formats `key` in `lang`, or in the source language when `lang` lacks it.
    pub fn format(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, String> {
        self.format_located(lang, key, args)
            .map_err(|e| e.to_string())
    }

    /// [`Locales::format`], its error saying where the string is defined.
    pub fn format_located(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, UiStringError> {
        if args.is_none_or(|a| a.iter().next().is_none())
            && let Some(text) = self.plain.get(lang).and_then(|texts| texts.get(key))
        {
            return Ok(text.clone());
        }
        self.format_uncached(lang, key, args)
    }

    fn format_uncached(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, UiStringError> {
        let failed = |problem: String, at: Option<&Location>| UiStringError {
            key: key.to_string(),
            lang: lang.to_string(),
            problem,
            at: at.cloned(),
        };
        let has = |code: &str| self.bundles.get(code).filter(|b| b.has_message(key));
        let from = [lang, self.source.as_str()]
            .into_iter()
            .find(|code| has(code).is_some());
        let bundle = from
            .and_then(has)
            .or_else(|| Some(&self.fallback).filter(|b| b.has_message(key)))
            .ok_or_else(|| {
                let problem = format!("in neither locales/{lang}/ nor locales/{}/", self.source);
                failed(problem, None)
            })?;
        let at = from.and_then(|code| self.defined.get(code)?.get(key));
        let pattern = bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or_else(|| failed("has no value".to_string(), at))?;
        let mut errors = Vec::new();
        let mut all = FluentArgs::new();
        all.set("source", self.source.as_str());
        for (name, value) in args.into_iter().flat_map(FluentArgs::iter) {
            all.set(name.to_string(), value.clone());
        }
        let text = bundle
            .format_pattern(pattern, Some(&all), &mut errors)
            .into_owned();
        let Some(e) = errors.first() else {
            return Ok(text);
        };
        Err(failed(e.to_string(), at))
    }

    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundles.get(lang).is_some_and(|b| b.has_message(key))
    }
}

/// `found`: where the errors go, and the warnings (links not followed).
fn load_language(
    config: &Config,
    lang: &Language,
    (errors, warnings): (&mut Vec<Diagnostic>, &mut Vec<Diagnostic>),
) -> (Bundle, HashMap<String, Location>) {
    let mut bundle = Bundle::new_concurrent(vec![lang.id.clone()]);
    bundle.set_use_isolating(false);
    add_language_function(&mut bundle, config, &lang.code);
    let mut ids = HashMap::new();
    for file in builtin_files(lang).into_iter().chain(site_files(
        config,
        &lang.code,
        (&mut *errors, warnings),
    )) {
        if let Some(offset) = too_deep(&file.text) {
            errors.push(
                Diagnostic::error(format!(
                    "placeables nested more than {MAX_NESTING} deep (the Fluent parser would run out of stack)"
                ))
                .at(Location::at_offset(&file.display, &file.text, offset))
                .with_help("flatten the message: use a term or another message for the inner part"),
            );
            continue;
        }
        match FluentResource::try_new(file.text) {
            Ok(resource) => {
                for id in message_ids(&resource) {
                    let text = resource.source();
                    let at = definition(text, &id);
                    ids.insert(id, Location::at_offset(&file.display, text, at));
                }
                bundle.add_resource_overriding(Arc::new(resource));
            }
            Err((resource, parse_errors)) => {
                for e in parse_errors {
                    errors.push(
                        Diagnostic::error(format!("Fluent syntax error: {}", e.kind))
                            .at(Location::at_offset(
                                &file.display,
                                resource.source(),
                                e.pos.start,
                            ))
                            .with_help(
                                "see https://projectfluent.org/fluent/guide/ for the syntax",
                            ),
                    );
                }
            }
        }
    }
    (bundle, ids)
}

/// Deeper than this, a message is no UI string anyone writes by hand; the parser and
/// the formatter recurse once per level, and thousands of levels overflow the stack.
const MAX_NESTING: usize = 32;

/// Where placeables (`{ … }`) first nest deeper than [`MAX_NESTING`], if they do.
/// Braces inside string literals (`{ "{" }`) do not count.
/// `LANGUAGE($code)`: the name of a language in `lang` (CLDR; else the name the config
/// gives it; else the tag). `LANGUAGE($code, form: "from")`: French "de l’anglais".
fn add_language_function(bundle: &mut Bundle, config: &Config, ui: &str) {
    use fluent::FluentValue;
    let ui = ui.to_string();
    let configured: HashMap<String, String> = config
        .languages
        .iter()
        .map(|l| (l.code.to_ascii_lowercase(), l.name.clone()))
        .collect();
    let added = bundle.add_function("LANGUAGE", move |positional, named| {
        let code = match positional.first() {
            Some(FluentValue::String(code)) => code.to_string(),
            _ => return FluentValue::Error,
        };
        let name = names::cldr_name(&ui, &code)
            .map(str::to_string)
            .or_else(|| configured.get(&code.to_ascii_lowercase()).cloned())
            .unwrap_or(code);
        match named.get("form") {
            Some(FluentValue::String(form)) if form == "from" => {
                FluentValue::from(names::from_form(&ui, &name))
            }
            _ => FluentValue::from(name),
        }
    });
    // Only fails when the name is taken, and a new bundle has no functions.
    debug_assert!(added.is_ok());
}

/// naskah's built-in English strings, in a bundle of their own.
fn english_bundle(config: &Config) -> Bundle {
    let english = unic_langid::LanguageIdentifier::from_parts(
        unic_langid::subtags::Language::from_bytes(b"en").unwrap_or_default(),
        None,
        None,
        &[],
    );
    let mut bundle = Bundle::new_concurrent(vec![english]);
    bundle.set_use_isolating(false);
    add_language_function(&mut bundle, config, "en");
    let text = BUILTIN
        .get_file(Path::new("en").join(BUILTIN_FILE))
        .and_then(|f| f.contents_utf8())
        .unwrap_or_default();
    // The built-in files are tested to parse (a test builds every language).
    if let Ok(resource) = FluentResource::try_new(text.to_string()) {
        bundle.add_resource_overriding(Arc::new(resource));
    }
    bundle
}

fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(at);
                }
            }
            '}' => depth = depth.saturating_sub(1),
            '"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

/// Built-in strings for `lang`, or for its primary language (`fr` for `fr-CA`).
fn builtin_files(lang: &Language) -> Vec<FtlFile> {
    let primary = lang.id.language.as_str().to_string();
    let dir = BUILTIN
        .get_dir(&lang.code)
        .or_else(|| BUILTIN.get_dir(&primary));
    let Some(dir) = dir else { return Vec::new() };
    let mut files: Vec<FtlFile> = dir
        .files()
        .filter(|f| f.path().file_name().is_some_and(|n| n == BUILTIN_FILE))
        .filter_map(|f| {
            Some(FtlFile {
                display: Path::new("(built-in) locales").join(f.path()),
                text: f.contents_utf8()?.to_string(),
            })
        })
        .collect();
    files.sort_by(|a, b| a.display.cmp(&b.display));
    files
}

/// The `.ftl` files of `locales/CODE/`, walked under the site's rules for links (one
/// that leads outside the site, or to its other sources, is not followed: a warning),
/// so no file outside the site is read into its pages.
fn site_files(
    config: &Config,
    code: &str,
    (errors, warnings): (&mut Vec<Diagnostic>, &mut Vec<Diagnostic>),
) -> Vec<FtlFile> {
    let dir = config.root.join("locales").join(code);
    if !dir.is_dir() {
        return Vec::new();
    }
    let paths = match crate::walk::files(&dir, &config.walk_bounds()) {
        Ok((paths, not_followed)) => {
            warnings.extend(not_followed);
            paths
        }
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    // The folder's own files, as before: a subfolder is not a language's.
    let paths: Vec<PathBuf> = paths
        .into_iter()
        .filter(|p| p.parent() == Some(dir.as_path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    let mut files = Vec::new();
    for path in paths {
        let display = path
            .strip_prefix(&config.root)
            .unwrap_or(&path)
            .to_path_buf();
        match std::fs::read_to_string(&path) {
            // A byte-order mark (editors on Windows write one) is no Fluent syntax.
            Ok(text) => files.push(FtlFile {
                display,
                text: text
                    .strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text),
            }),
            Err(e) => errors.push(Diagnostic::error(format!("cannot read: {e}")).in_file(&display)),
        }
    }
    files
}

/// Where message `id` is defined in `text`: the line that starts with it and `=`
/// (a message starts at the beginning of a line); the file's start if none does.
fn definition(text: &str, id: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let rest = line.strip_prefix(id).map(str::trim_start);
        if rest.is_some_and(|r| r.starts_with('=')) {
            return at;
        }
        at += line.len();
    }
    0
}

/// A site's messages that refer to what does not exist: another message or a term
/// missing in the language, an unknown function, a message that refers to itself, or
/// too many placeables. These fail whatever a template passes, so they are errors at
/// load, at the message. (A variable is the template's to give: checked when used.)
/// naskah's own strings are tested; only the site's are checked here.
fn unresolved_references(bundle: &Bundle, defined: &HashMap<String, Location>) -> Vec<Diagnostic> {
    use fluent::FluentError;
    use fluent::resolver::ResolverError;
    use fluent::resolver::errors::ReferenceKind;
    let mut out = Vec::new();
    let site_messages = defined
        .iter()
        .filter(|(_, at)| !at.path.starts_with("(built-in) locales"));
    for (id, at) in site_messages {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let _ = bundle.format_pattern(pattern, None, &mut errors);
        let problem = errors.into_iter().find(|e| {
            !matches!(
                e,
                FluentError::ResolverError(ResolverError::Reference(
                    ReferenceKind::Variable { .. }
                ))
            )
        });
        if let Some(problem) = problem {
            out.push(
                Diagnostic::error(format!("UI string `{id}` cannot be formatted: {problem}"))
                    .at(at.clone())
                    .with_help(
                        "a message or term it refers to must be defined in the same language (another language's is not used), and a message may not refer to itself",
                    ),
            );
        }
    }
    out
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

fn missing_key_warnings(
    config: &Config,
    ids: &BTreeMap<String, BTreeMap<String, PathBuf>>,
) -> Vec<Diagnostic> {
    let source = &config.source().code;
    let empty = BTreeMap::new();
    let reference = ids.get(source).unwrap_or(&empty);
    let mut warnings = Vec::new();
    for lang in config.languages.iter().filter(|l| !l.is_source) {
        let have: BTreeSet<&String> = ids
            .get(&lang.code)
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        if have.is_empty() {
            warnings.push(
                Diagnostic::warning(format!(
                    "no UI strings for `{}`: the theme shows its `{source}` strings",
                    lang.code
                ))
                .with_help(if config.root.join("locales").join(source).is_dir() {
                    format!(
                        "add locales/{}/main.ftl with the keys of locales/{source}/",
                        lang.code
                    )
                } else {
                    // The keys are the built-in ones: no folder of the site holds them.
                    format!(
                        "add locales/{}/main.ftl translating the keys of naskah's built-in locales/en/main.ftl (in naskah's source repository)",
                        lang.code
                    )
                }),
            );
            continue;
        }
        for (key, file) in reference.iter().filter(|(k, _)| !have.contains(k)) {
            warnings.push(
                Diagnostic::warning(format!(
                    "UI string `{key}` (from {}) is missing in locales/{}/; the `{source}` text is used",
                    file.display(),
                    lang.code
                ))
                .with_help(format!("add `{key} = …` to a file in locales/{}/", lang.code)),
            );
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strings formatted once at load are what formatting them each time gives, in
    /// every language, including those that fall back to the source's or naskah's.
    #[test]
    fn plain_strings_are_what_formatting_gives() {
        let text = "title = \"Docs\"\n[languages.id]\nname = \"ID\"\n[languages.ar]\nname = \"AR\"\n[languages.pt-BR]\nname = \"PT\"\n";
        let config = Config::parse(Path::new("/nonexistent-site"), text).unwrap();
        let (locales, _) = Locales::load(&config).unwrap();
        let mut checked = 0;
        for (lang, texts) in &locales.plain {
            for (key, text) in texts {
                assert_eq!(&locales.format_uncached(lang, key, None).unwrap(), text);
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
        // A string that needs a variable is not among them, and still formats with it.
        assert!(!locales.plain["id"].contains_key("section-pages"));
        let mut args = FluentArgs::new();
        args.set("count", 3);
        assert!(
            locales
                .format("id", "section-pages", Some(&args))
                .unwrap()
                .contains('3')
        );
    }
}
