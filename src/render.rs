//! Rendering: Tera templates with Fluent UI strings.
//!
//! Consumes: the theme (compiled-in `themes/default`, overridden file by file by the
//! site's `themes/NAME/`), [`Locales`], and per-page contexts built by [`crate::pages`].
//! Produces: [`Renderer`], which renders a named template to a string or bytes, plus
//! the theme's static files.
//! Guarantees: templates are parsed once per build; the `t(key=…)` function formats UI
//! strings in the page's language with plural rules; template errors carry the
//! template file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::{FluentArgs, FluentValue};
use include_dir::{Dir, include_dir};
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::i18n::Locales;

/// The default theme, compiled in (the repository's `themes/default`).
pub static BUILTIN_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Parsed templates and UI strings for one build.
pub struct Renderer {
    tera: Tera,
    /// Template name → file shown in error messages.
    sources: BTreeMap<String, PathBuf>,
    /// Static theme files: output path → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

/// The configured theme must exist (the built-in `default` always does).
pub fn check_theme(config: &Config) -> Result<(), Diagnostic> {
    let theme_dir = config.root.join("themes").join(&config.theme);
    if config.theme == "default" || theme_dir.is_dir() {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "theme `{}` not found: no folder {}",
        config.theme,
        theme_dir.display()
    ))
    .in_file(Path::new(crate::config::CONFIG_FILE))
    .with_help("create that folder (with templates/ and static/), or set `theme = \"default\"`"))
}

impl Renderer {
    /// The theme's renderer, and a warning for each link in the theme not followed.
    pub fn new(
        config: &Config,
        locales: Arc<Locales>,
    ) -> Result<(Renderer, Vec<Diagnostic>), Vec<Diagnostic>> {
        let theme_dir = config.root.join("themes").join(&config.theme);
        let mut templates = builtin_files("templates");
        let mut static_files: BTreeMap<String, Vec<u8>> = builtin_files("static")
            .into_iter()
            .map(|(name, (_, bytes))| (name, bytes))
            .collect();
        let mut warnings = Vec::new();
        let site_templates =
            read_tree(config, &theme_dir.join("templates"), &mut warnings).map_err(|d| vec![d])?;
        templates.extend(site_templates);
        let site_static =
            read_tree(config, &theme_dir.join("static"), &mut warnings).map_err(|d| vec![d])?;
        static_files.extend(site_static.into_iter().map(|(n, (_, b))| (n, b)));
        let mut tera = Tera::new();
        register_functions(&mut tera, locales);
        let mut sources = BTreeMap::new();
        let mut raw = Vec::new();
        for (name, (path, bytes)) in templates {
            let text = String::from_utf8(bytes).map_err(|_| {
                vec![Diagnostic::error("template is not valid UTF-8").in_file(&path)]
            })?;
            sources.insert(name.clone(), path);
            raw.push((name, text));
        }
        let texts: BTreeMap<String, String> = raw.iter().cloned().collect();
        tera.add_raw_templates(raw).map_err(|e| {
            vec![locate_circular(
                tera_diagnostic(&e, &sources, None),
                &texts,
                &sources,
            )]
        })?;
        Ok((
            Renderer {
                tera,
                sources,
                static_files,
            },
            warnings,
        ))
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` for the output file `output`.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        output: &str,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| tera_diagnostic(&e, &self.sources, Some(output)))
    }

    /// Renders `template` for the output file `output` as bytes to write: without the
    /// UTF-8 check a `String` needs (templates and values are `str` already), which
    /// was a tenth of Tera's time on a page.
    pub fn render_bytes(
        &self,
        template: &str,
        context: &Context,
        output: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.render_sized(template, context, output, PAGE_SIZE_HINT)
    }

    /// [`Renderer::render_bytes`] into room for about `size` bytes: a file of several
    /// megabytes (the sitemap) grown by doubling held its old and its new buffer at once.
    pub fn render_sized(
        &self,
        template: &str,
        context: &Context,
        output: &str,
        size: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(size);
        self.tera
            .render_to(template, context, &mut bytes)
            .map_err(|e| tera_diagnostic(&e, &self.sources, Some(output)))?;
        Ok(bytes)
    }
}

/// Room reserved for a rendered page before it grows: most pages fit, but for their
/// content, which [`Renderer::render_sized`]'s callers add when they know it.
pub const PAGE_SIZE_HINT: usize = 8 * 1024;

/// Files of a folder of the built-in theme: name → (display path, bytes).
fn builtin_files(folder: &str) -> BTreeMap<String, (PathBuf, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let Some(dir) = BUILTIN_THEME.get_dir(folder) else {
        return out;
    };
    collect_builtin(dir, folder, &mut out);
    out
}

fn collect_builtin(
    dir: &Dir<'static>,
    folder: &str,
    out: &mut BTreeMap<String, (PathBuf, Vec<u8>)>,
) {
    for file in dir.files() {
        let rel = file.path().strip_prefix(folder).unwrap_or(file.path());
        out.insert(
            crate::site::path_to_slash(rel),
            (
                Path::new("(built-in) themes/default").join(file.path()),
                file.contents().to_vec(),
            ),
        );
    }
    for sub in dir.dirs() {
        collect_builtin(sub, folder, out);
    }
}

/// Files under a site folder, name (relative, with `/`) → (display path, bytes); links
/// not followed are added to `warnings`.
fn read_tree(
    config: &Config,
    dir: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<String, (PathBuf, Vec<u8>)>, Diagnostic> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let (files, not_followed) = crate::walk::files(dir, &config.walk_bounds())?;
    warnings.extend(not_followed);
    for path in files {
        let display = path
            .strip_prefix(&config.root)
            .unwrap_or(&path)
            .to_path_buf();
        let bytes = std::fs::read(&path)
            .map_err(|e| Diagnostic::error(format!("cannot read: {e}")).in_file(&display))?;
        let name = crate::site::path_to_slash(path.strip_prefix(dir).unwrap_or(&path));
        out.insert(name, (display, bytes));
    }
    Ok(out)
}

fn register_functions(tera: &mut Tera, locales: Arc<Locales>) {
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let lang: String = match kwargs.get::<String>("lang")? {
                Some(lang) => lang,
                None => state.get::<String>("lang")?.ok_or_else(|| {
                    tera::Error::message("t(): no `lang` in the template context")
                })?,
            };
            let mut args = FluentArgs::new();
            for (name, value) in kwargs.iter() {
                let name = name.as_str().unwrap_or_default();
                if name != "key" && name != "lang" {
                    args.set(name.to_string(), fluent_value(value));
                }
            }
            locales
                .format(&lang, key, Some(&args))
                .map_err(tera::Error::message)
        },
    );
}

fn fluent_value(value: &Value) -> FluentValue<'static> {
    if let Some(n) = value.as_i64() {
        FluentValue::from(n)
    } else if let Some(n) = value.as_f64() {
        FluentValue::from(n)
    } else if let Some(s) = value.as_str() {
        FluentValue::from(s.to_string())
    } else {
        FluentValue::from(value.to_string())
    }
}

/// A Tera error as a diagnostic located in the template file.
fn tera_diagnostic(
    err: &tera::Error,
    sources: &BTreeMap<String, PathBuf>,
    output: Option<&str>,
) -> Diagnostic {
    let mut messages = Vec::new();
    let mut report = None;
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        match e.downcast_ref::<tera::Error>().map(tera::Error::kind) {
            Some(tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r)) => {
                report.get_or_insert(r.clone());
                messages.push(r.message().to_string());
            }
            Some(tera::ErrorKind::Msg(m)) => messages.push(m.clone()),
            _ => messages.push(e.to_string()),
        }
        current = e.source();
    }
    messages.dedup();
    let what = match output {
        Some(out) => format!("template error while writing {out}"),
        None => "template error".to_string(),
    };
    let diagnostic = Diagnostic::error(format!("{what}: {}", messages.join(": ")))
        .with_help("fix the template; the Tera documentation lists filters and functions");
    let position = match report {
        Some(r) => Some((
            r.filename().to_string(),
            r.span().start_line,
            r.span().start_col + 1,
        )),
        None => messages.iter().find_map(|m| position_in_report(m)),
    };
    // Tera keeps a function's error as text only: a UI string that `t()` could not
    // format says so, with where the string is (see `Locales::format_located`).
    let diagnostic = if messages
        .iter()
        .any(|m| m.contains(crate::i18n::UI_STRING_ERROR))
    {
        diagnostic.with_help("fix the UI string where the message says it is defined (use only the variables the template gives it; naskah's own strings, in locales/en/main.ftl of its repository, show them), or give it the variable in the template: t(key=\"…\", NAME=value)")
    } else {
        diagnostic
    };
    match position {
        Some((name, line, column)) => {
            let path = sources
                .get(&name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(name));
            diagnostic.at(Location { path, line, column })
        }
        None => diagnostic,
    }
}

/// A circular `extends` or `include` located at the tag that starts it: Tera names the
/// template only ("Circular extend detected for template 'a.html'"), so the place is
/// the template's first `extends` or `include` tag (`texts`: every template's text).
fn locate_circular(
    diagnostic: Diagnostic,
    texts: &BTreeMap<String, String>,
    sources: &BTreeMap<String, PathBuf>,
) -> Diagnostic {
    if diagnostic.location.is_some() || !diagnostic.message.contains("Circular") {
        return diagnostic;
    }
    let Some(name) = diagnostic.message.split('\'').nth(1) else {
        return diagnostic;
    };
    let (Some(text), Some(path)) = (texts.get(name), sources.get(name)) else {
        return diagnostic;
    };
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let at = l.find("extends").or_else(|| l.find("include"))?;
            let tag = l[..at].rfind("{%").unwrap_or(at);
            Some((i + 1, l[..tag].chars().count() + 1))
        })
        .unwrap_or((1, 1));
    let path = path.clone();
    diagnostic.at(Location { path, line, column })
}

/// Tera reports some errors (unknown filters and functions, blocks missing from the
/// parent) only as preformatted text; their ` --> name:line:col` line gives the place.
fn position_in_report(report: &str) -> Option<(String, usize, usize)> {
    let place = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    Some((parts.next()?.to_string(), line, column))
}

/// The template context shared by every page of one language; see `docs/TEMPLATES.md`.
pub fn base_context(
    site: &Value,
    lang: &crate::config::Language,
    nav: &Value,
    (root, home): (&str, &str),
) -> Context {
    let mut context = Context::new();
    context.insert_value("site", site.clone());
    context.insert_value("nav", nav.clone());
    context.insert("lang", &lang.code);
    context.insert("dir", lang.direction.as_str());
    context.insert("language_name", &lang.name);
    context.insert("root", root);
    context.insert("home_path", home);
    context.insert("current_key", "");
    context.insert("current_ancestors", &Vec::<String>::new());
    context
}
