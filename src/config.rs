//! Site configuration: `naskah.toml`.
//!
//! Consumes: the text of `naskah.toml` and command-line overrides.
//! Produces: a validated [`Config`]: languages with parsed BCP 47 tags and text direction,
//! the source language first, then the others in the order the file lists them.
//! Guarantees: unknown keys, invalid language tags and a missing source language are
//! errors that name the file, line and column; nothing downstream re-validates.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use indexmap::IndexMap;
use serde::Deserialize;
use unic_langid::{CharacterDirection, LanguageIdentifier};

use crate::diagnostic::{Diagnostic, Location};

pub const CONFIG_FILE: &str = "naskah.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Option<String>,
    edit_url: Option<String>,
    #[serde(default = "default_source_language")]
    source_language: String,
    #[serde(default = "default_output_dir")]
    output_dir: PathBuf,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_status_dir")]
    status_dir: String,
    #[serde(default = "default_section_page_size")]
    section_page_size: usize,
    #[serde(default)]
    content: RawContent,
    #[serde(default)]
    translate: RawTranslate,
    #[serde(default)]
    search: RawSearch,
    languages: IndexMap<String, RawLanguage>,
}

/// `[search]`: the search index and box.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    #[serde(default = "yes")]
    enabled: bool,
}

impl Default for RawSearch {
    fn default() -> Self {
        RawSearch { enabled: yes() }
    }
}

/// `[translate]`: machine translation with `naskah translate`; `[translate.languages.LANG]`
/// overrides any of it for one language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslate {
    provider: Option<String>,
    endpoint: Option<String>,
    model: Option<String>,
    api_key_env: Option<String>,
    timeout_s: Option<u64>,
    #[serde(default)]
    translate_code_comments: bool,
    #[serde(default)]
    languages: IndexMap<String, RawEngine>,
    #[serde(default)]
    glossary: RawGlossary,
}

/// `[translate.glossary]`: terms no engine translates.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    /// Kept as written in every language (product names).
    #[serde(default)]
    keep: Vec<String>,
    /// Per language, a term of the source and its fixed translation.
    #[serde(default)]
    terms: IndexMap<String, IndexMap<String, String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEngine {
    provider: Option<String>,
    endpoint: Option<String>,
    model: Option<String>,
    api_key_env: Option<String>,
    timeout_s: Option<u64>,
}

/// The engine settings of `[translate]`, with the per-language overrides.
#[derive(Debug, Clone, Default)]
pub struct Translate {
    /// Whether the comments of code blocks are translated (the code never is).
    pub code_comments: bool,
    base: RawEngine,
    languages: IndexMap<String, RawEngine>,
    glossary: RawGlossary,
}

/// One language's engine settings, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslateSettings {
    pub provider: String,
    pub endpoint: Option<String>,
    pub model: Option<String>,
    /// The name of the environment variable holding the API key (never the key).
    pub api_key_env: Option<String>,
    pub timeout_s: u64,
}

impl Translate {
    /// The glossary of `lang`: each term with what it becomes (itself, when kept).
    pub fn glossary(&self, lang: &str) -> Vec<(String, String)> {
        let kept = self.glossary.keep.iter().map(|t| (t.clone(), t.clone()));
        let fixed = self.glossary.terms.get(lang).into_iter().flatten();
        kept.chain(fixed.map(|(t, b)| (t.clone(), b.clone())))
            .collect()
    }

    /// The settings for `lang`; `provider` (from the command line) wins over both.
    pub fn settings(
        &self,
        lang: &str,
        provider: Option<&str>,
    ) -> Result<TranslateSettings, Diagnostic> {
        let over = self.languages.get(lang).cloned().unwrap_or_default();
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        let provider = provider
            .map(str::to_string)
            .or_else(|| pick(&over.provider, &self.base.provider))
            .ok_or_else(|| {
                Diagnostic::error("no translation provider").with_help(
                    "pass --provider pseudo (offline, for trying it out), or set `provider` under [translate] in naskah.toml",
                )
            })?;
        Ok(TranslateSettings {
            provider,
            endpoint: pick(&over.endpoint, &self.base.endpoint),
            model: pick(&over.model, &self.base.model),
            api_key_env: pick(&over.api_key_env, &self.base.api_key_env),
            timeout_s: over.timeout_s.or(self.base.timeout_s).unwrap_or(30),
        })
    }
}

/// `[content]`: how content files are read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContent {
    #[serde(default)]
    unknown_front_matter: crate::frontmatter::UnknownKeys,
    #[serde(default)]
    layout: Layout,
    #[serde(default = "yes")]
    highlight: bool,
    #[serde(default)]
    updated_from_git: bool,
}

fn yes() -> bool {
    true
}

impl Default for RawContent {
    fn default() -> Self {
        RawContent {
            unknown_front_matter: Default::default(),
            layout: Default::default(),
            highlight: yes(),
            updated_from_git: false,
        }
    }
}

/// Where translations live (`[content] layout`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Beside their source, with the language before `.md`: `x.md`, `x.en.md` (Hugo, Zola).
    #[default]
    Suffix,
    /// In a folder named for the language at the top of `content/`: `x.md`, `en/x.md`
    /// (Docusaurus, Starlight); a folder named for the source language holds sources.
    Folder,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    machine_translated: Option<bool>,
    direction: Option<Direction>,
    drift: Option<DriftPolicy>,
    hide_below: Option<f64>,
}

/// What a page shows where its translation has drifted from the source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DriftPolicy {
    /// Mark drifted blocks and show the current source text on demand.
    #[default]
    Mark,
    /// Show the current source text instead of drifted blocks.
    Fallback,
    /// Replace translations with fewer in-sync segments than `hide_below` by the source.
    Hide,
}

fn default_section_page_size() -> usize {
    100
}

fn default_status_dir() -> String {
    "translations".into()
}

fn default_source_language() -> String {
    "id".into()
}
fn default_output_dir() -> PathBuf {
    "site".into()
}
fn default_theme() -> String {
    "default".into()
}

/// Text direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One configured language.
#[derive(Debug, Clone)]
pub struct Language {
    /// The tag as written in the config; also the URL prefix (`/en/`).
    pub code: String,
    pub id: LanguageIdentifier,
    /// The language's name in itself ("Bahasa Indonesia", "العربية").
    pub name: String,
    pub machine_translated: bool,
    pub direction: Direction,
    pub is_source: bool,
    pub drift: DriftPolicy,
    /// With `drift = "hide"`: the share of in-sync source segments (0–1) below which a
    /// translation is replaced by the source page.
    pub hide_below: f64,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Folder holding `naskah.toml`; every site path is relative to it.
    pub root: PathBuf,
    pub title: String,
    /// Absolute site URL, always ending in `/`.
    pub base_url: Option<String>,
    /// "Edit this page" links: a URL with `{path}`, the shown file's path from the site
    /// root (`content/x.en.md`).
    pub edit_url: Option<String>,
    pub output_dir: PathBuf,
    pub theme: String,
    /// Folder of the translation status pages (`translations`), in the output root and
    /// in each language's folder.
    pub status_dir: String,
    /// Most entries a section's index page lists; longer lists go on to
    /// `page/2/index.html` and on.
    pub section_page_size: usize,
    /// Set by `naskah serve`, not by `naskah.toml`: the site is served at `/` of a local
    /// server, so pages that link with absolute URLs to work at any address (the 404
    /// pages) link from `/` instead of `base_url`.
    pub served_at_root: bool,
    /// Set by `-v`, not by `naskah.toml`: print each stage's time and memory.
    pub timings: bool,
    /// What a front matter key naskah does not know is: an error (the default), a
    /// warning, or kept under `extra` (`[content] unknown_front_matter`).
    pub unknown_front_matter: crate::frontmatter::UnknownKeys,
    /// Where translations live: `x.en.md` or `en/x.md` (`[content] layout`).
    pub layout: Layout,
    /// Whether fenced code blocks are highlighted at build time (`[content] highlight`).
    pub highlight: bool,
    /// Whether pages without an `updated` date take their file's last commit date.
    pub updated_from_git: bool,
    /// Whether each language gets a search index (`[search] enabled`), which the
    /// default theme's search box reads (`site.search` in templates).
    pub search: bool,
    /// `[translate]`: the engines of `naskah translate`.
    pub translate: Translate,
    /// Source language first, then the others in config order.
    pub languages: Vec<Language>,
}

impl Config {
    /// The translation status page of `lang`: `translations/index.html`, under the
    /// language's folder for other languages (`status_dir` names the folder).
    pub fn status_path(&self, lang: &Language) -> String {
        self.under_language(lang, &format!("{}/index.html", self.status_dir))
    }

    /// The 404 page of `lang`: `404.html`, under the language's folder for others.
    pub fn not_found_path(&self, lang: &Language) -> String {
        self.under_language(lang, "404.html")
    }

    /// The file holding the whole navigation tree of `lang`, written when the tree is
    /// too wide for a page (see [`crate::navigation`]).
    pub fn nav_script_path(&self, lang: &Language) -> String {
        format!("assets/nav.{}.js", lang.code)
    }

    /// The home page of `lang`.
    pub fn home_path(&self, lang: &Language) -> String {
        self.under_language(lang, "index.html")
    }

    fn under_language(&self, lang: &Language, path: &str) -> String {
        if lang.is_source {
            path.to_string()
        } else {
            format!("{}/{path}", lang.code)
        }
    }

    /// The output folder (`output_dir`, or `--out`), relative ones under the site root.
    pub fn output_path(&self) -> PathBuf {
        if self.output_dir.is_absolute() {
            self.output_dir.clone()
        } else {
            self.root.join(&self.output_dir)
        }
    }

    /// The site's own sources (config, content, themes, UI strings, static files): no
    /// output folder may overlap them, and no walk of one may enter another.
    pub fn source_paths(&self) -> Vec<PathBuf> {
        ["naskah.toml", "content", "themes", "locales", "static"]
            .iter()
            .map(|p| self.root.join(p))
            .collect()
    }

    /// The bounds of every walk through the site's folders (see [`crate::walk`]).
    pub fn walk_bounds(&self) -> crate::walk::Bounds {
        crate::walk::Bounds::of(self, &self.output_path())
    }

    /// `Ok` when `lang` is a translation language of the site (what `--lang` takes);
    /// otherwise the error that says which languages are.
    pub fn translation_language(&self, lang: &str) -> Result<(), Diagnostic> {
        let translations: Vec<&str> = self
            .languages
            .iter()
            .filter(|l| !l.is_source)
            .map(|l| l.code.as_str())
            .collect();
        let message = match self.language(lang) {
            Some(l) if !l.is_source => return Ok(()),
            Some(_) => format!("`{lang}` is the source language, not a translation language"),
            None => format!("`{lang}` is not a language of this site"),
        };
        Err(Diagnostic::error(message)
            .with_help(format!("--lang takes one of: {}", translations.join(", "))))
    }

    /// Every file the site generates besides its pages, with what generates it.
    pub fn generated_paths(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for lang in &self.languages {
            out.push((self.status_path(lang), "the translation status page"));
            out.push((self.not_found_path(lang), "the 404 page"));
            out.push((self.nav_script_path(lang), "the navigation file"));
        }
        if self.base_url.is_some() {
            out.push(("sitemap.xml".to_string(), "the sitemap"));
        }
        out.push(("robots.txt".to_string(), "robots.txt"));
        out
    }

    /// Reads and validates `DIR/naskah.toml`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                format!("no {CONFIG_FILE} in {}: this is not a naskah site", root.display())
            } else {
                format!("cannot read {}: {e}", path.display())
            };
            Diagnostic::error(message).with_help(
                "run naskah in the folder that holds naskah.toml, pass --root DIR, or create a site with `naskah init DIR`",
            )
        })?;
        Self::parse(root, &text)
    }

    /// Validates the text of a `naskah.toml` that lives in `root`.
    pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostic> {
        let file = Path::new(CONFIG_FILE);
        let raw: RawConfig = toml::from_str(text).map_err(|e| toml_diagnostic(file, text, &e))?;
        let at_key = |key: &str| key_location(file, text, key);
        let source = raw.source_language.clone();
        if !raw.languages.contains_key(&source) {
            return Err(Diagnostic::error(format!(
                "the source language `{source}` has no [languages.{source}] table"
            ))
            .at(at_key("source_language"))
            .with_help(format!(
                "add\n\n    [languages.{source}]\n    name = \"…\"\n"
            )));
        }
        let mut languages = Vec::with_capacity(raw.languages.len());
        for (code, lang) in &raw.languages {
            languages.push(validate_language(code, lang, code == &source, &at_key)?);
        }
        languages.sort_by_key(|l| !l.is_source);
        let translate_tables = raw.translate.languages.keys().map(|c| ("languages", c));
        let glossary_tables = raw
            .translate
            .glossary
            .terms
            .keys()
            .map(|c| ("glossary.terms", c));
        if let Some((table, code)) = translate_tables
            .chain(glossary_tables)
            .find(|(_, code)| !raw.languages.contains_key(*code))
        {
            return Err(Diagnostic::error(format!(
                "[translate.{table}.{code}] names a language the site does not have"
            ))
            .at(at_key(&format!("translate.{table}.{code}")))
            .with_help("use a language key of [languages], or remove the table"));
        }
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            base_url: raw
                .base_url
                .map(|u| validate_base_url(&u, &at_key))
                .transpose()?,
            edit_url: raw
                .edit_url
                .map(|u| validate_edit_url(u, &at_key))
                .transpose()?,
            output_dir: raw.output_dir,
            theme: validate_theme_name(&raw.theme, &at_key)?,
            status_dir: validate_status_dir(&raw.status_dir, &at_key)?,
            section_page_size: match raw.section_page_size {
                0 => {
                    return Err(Diagnostic::error("section_page_size is 0")
                        .at(at_key("section_page_size"))
                        .with_help(
                            "give the most entries a section's index page lists, such as 100",
                        ));
                }
                size => size,
            },
            served_at_root: false,
            timings: false,
            unknown_front_matter: raw.content.unknown_front_matter,
            layout: raw.content.layout,
            highlight: raw.content.highlight,
            updated_from_git: raw.content.updated_from_git,
            search: raw.search.enabled,
            translate: Translate {
                code_comments: raw.translate.translate_code_comments,
                base: RawEngine {
                    provider: raw.translate.provider,
                    endpoint: raw.translate.endpoint,
                    model: raw.translate.model,
                    api_key_env: raw.translate.api_key_env,
                    timeout_s: raw.translate.timeout_s,
                },
                languages: raw.translate.languages,
                glossary: raw.translate.glossary,
            },
            languages,
        })
    }

    pub fn source(&self) -> &Language {
        &self.languages[0]
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn language_codes(&self) -> String {
        self.languages
            .iter()
            .map(|l| l.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn validate_language(
    code: &str,
    raw: &RawLanguage,
    is_source: bool,
    at_key: &dyn Fn(&str) -> Location,
) -> Result<Language, Diagnostic> {
    let id = LanguageIdentifier::from_str(code).map_err(|e| {
        Diagnostic::error(format!("`{code}` is not a valid BCP 47 language tag ({e})"))
            .at(at_key(&format!("languages.{code}")))
            .with_help("use a tag such as `en`, `pt-BR` or `zh-Hant`")
    })?;
    if !(2..=3).contains(&id.language.as_str().len()) {
        return Err(Diagnostic::error(format!(
            "`{code}` is not a valid BCP 47 language tag: the language subtag must be a 2- or 3-letter ISO 639 code"
        ))
        .at(at_key(&format!("languages.{code}")))
        .with_help("use a tag such as `en`, `pt-BR` or `zh-Hant`"));
    }
    if id != code {
        return Err(Diagnostic::error(format!(
            "language tag `{code}` is not in canonical form; write `{id}`"
        ))
        .at(at_key(&format!("languages.{code}"))));
    }
    let natural = match id.character_direction() {
        CharacterDirection::RTL => Direction::Rtl,
        _ => Direction::Ltr,
    };
    let hide_below = raw.hide_below.unwrap_or(0.8);
    if !(0.0..=1.0).contains(&hide_below) {
        return Err(
            Diagnostic::error(format!("hide_below = {hide_below} is not between 0 and 1"))
                .at(at_key(&format!("languages.{code}")))
                .with_help("write a share such as 0.8 (80 % of the source segments in sync)"),
        );
    }
    Ok(Language {
        drift: raw.drift.unwrap_or_default(),
        hide_below,
        code: code.to_string(),
        id,
        name: raw.name.clone(),
        machine_translated: !is_source && raw.machine_translated.unwrap_or(true),
        direction: raw.direction.unwrap_or(natural),
        is_source,
    })
}

fn validate_edit_url(url: String, at_key: &dyn Fn(&str) -> Location) -> Result<String, Diagnostic> {
    if url.contains("{path}") && (url.starts_with("https://") || url.starts_with("http://")) {
        return Ok(url);
    }
    Err(Diagnostic::error(format!(
        "edit_url `{url}` is not an http(s) URL with `{{path}}` in it"
    ))
    .at(at_key("edit_url"))
    .with_help("for example `edit_url = \"https://github.com/ORG/REPO/edit/main/{path}\"`: naskah puts the page's file (content/x.en.md) in place of {path}"))
}

fn validate_base_url(url: &str, at_key: &dyn Fn(&str) -> Location) -> Result<String, Diagnostic> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|rest| rest.split('/').next().unwrap_or_default());
    let ok = host.is_some_and(|host| !host.is_empty() && !host.contains('@'))
        && !url.contains(char::is_whitespace);
    if !ok {
        return Err(
            Diagnostic::error(format!("base_url `{url}` is not an absolute http(s) URL"))
                .at(at_key("base_url"))
                .with_help("write it like `https://docs.example.com/` or remove the key"),
        );
    }
    // Every page's address is written after it (canonical links, hreflang, the
    // sitemap): after a query or a fragment, each would name the same page.
    if url.contains(['?', '#']) {
        return Err(Diagnostic::error(format!(
            "base_url `{url}` has a query or a fragment, which every page's address would be written after"
        ))
        .at(at_key("base_url"))
        .with_help("end it at the path the site is published under, like `https://example.com/docs/`"));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn validate_theme_name(
    theme: &str,
    at_key: &dyn Fn(&str) -> Location,
) -> Result<String, Diagnostic> {
    let valid = !theme.is_empty()
        && theme
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(theme.to_string())
    } else {
        Err(
            Diagnostic::error(format!("theme `{theme}` is not a folder name"))
                .at(at_key("theme"))
                .with_help("name a folder under themes/, such as `default`"),
        )
    }
}

fn validate_status_dir(dir: &str, at_key: &dyn Fn(&str) -> Location) -> Result<String, Diagnostic> {
    let valid = !dir.is_empty()
        && dir.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        });
    if valid {
        Ok(dir.to_string())
    } else {
        Err(Diagnostic::error(format!(
            "status_dir `{dir}` is not a folder path in the site"
        ))
        .at(at_key("status_dir"))
        .with_help(
            "use letters, digits, `-` and `_`, folders separated by `/`, such as `translations`",
        ))
    }
}

/// Turns a TOML deserialization error into a diagnostic at the span it names.
pub fn toml_diagnostic(file: &Path, text: &str, err: &toml::de::Error) -> Diagnostic {
    let location = match err.span() {
        Some(span) => Location::at_offset(file, text, span.start),
        None => Location::file(file),
    };
    let message = err.message().trim_end().to_string();
    let help = if message.starts_with("unknown field") {
        "remove the key or check its spelling; the README lists every key"
    } else {
        "fix the TOML at this position"
    };
    Diagnostic::error(message).at(location).with_help(help)
}

/// Best-effort location of a dotted key (`languages.ar`, `theme`) in TOML text.
fn key_location(file: &Path, text: &str, dotted: &str) -> Location {
    let mut parts = dotted.split('.');
    let first = parts.next().unwrap_or_default();
    let last = dotted.rsplit_once('.');
    let mut candidates = vec![
        format!("[{dotted}]"),
        format!("{first} ="),
        format!("{first}="),
    ];
    // A table key as TOML may quote it: `[languages."pt-BR"]`, `[languages.'pt-BR']`.
    if let Some((head, last)) = last {
        candidates.push(format!("[{head}.\"{last}\"]"));
        candidates.push(format!("[{head}.'{last}']"));
    }
    let offset = candidates
        .iter()
        .filter_map(|c| text.find(c.as_str()))
        .min()
        .unwrap_or(0);
    Location::at_offset(file, text, offset)
}

impl Config {
    /// Applies `--base-url`, validated like the config key.
    pub fn override_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        let at = |_: &str| Location::file(Path::new("--base-url"));
        self.base_url = Some(validate_base_url(url, &at)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASIC: &str = r#"
title = "Docs"
[languages.id]
name = "Bahasa Indonesia"
[languages.ar]
name = "العربية"
[languages.en]
name = "English"
machine_translated = false
"#;

    #[test]
    fn source_first_then_config_order_and_directions() {
        let c = Config::parse(Path::new("."), BASIC).unwrap();
        let codes: Vec<_> = c.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["id", "ar", "en"]);
        assert_eq!(c.languages[1].direction, Direction::Rtl);
        assert!(c.languages[1].machine_translated);
        assert!(!c.languages[2].machine_translated);
        assert!(!c.languages[0].machine_translated);
    }

    #[test]
    fn unknown_key_names_line() {
        let text = format!("{BASIC}colour = 1\n");
        let d = Config::parse(Path::new("."), &text).unwrap_err();
        assert!(d.message.contains("unknown field `colour`"), "{d}");
        assert_eq!(d.location.unwrap().line, 10);
    }

    #[test]
    fn invalid_tag_is_rejected() {
        let text = BASIC.replace("[languages.en]", "[languages.english_x]");
        let d = Config::parse(Path::new("."), &text).unwrap_err();
        assert!(d.message.contains("not a valid BCP 47"), "{d}");
    }

    /// Every page's address is written after base_url: one that is no site address
    /// (a query, a fragment, no host, credentials) is refused at its line.
    #[test]
    fn base_url_is_an_address_pages_can_follow() {
        let with = |url: &str| {
            let text = BASIC.replace(
                "title = \"Docs\"",
                &format!("title = \"Docs\"\nbase_url = \"{url}\""),
            );
            Config::parse(Path::new("."), &text)
        };
        for bad in [
            "https://x.com/docs#top",
            "https://x.com/?lang=id",
            "https:///docs/",
            "https://user:pw@x.com/",
            "ftp://x.com/",
            "x.com",
        ] {
            let d = with(bad).unwrap_err();
            assert_eq!(d.location.as_ref().map(|l| l.line), Some(3), "{bad}: {d}");
        }
        let ok = with("https://x.com/docs").unwrap();
        assert_eq!(ok.base_url.as_deref(), Some("https://x.com/docs/"));
        assert!(with("http://localhost:8080/").is_ok());
    }
}
