//! Front matter: the `+++` TOML or `---` YAML block at the top of a Markdown file.
//!
//! Consumes: the full text of one content file.
//! Produces: a typed [`FrontMatter`] and the byte offset where the Markdown body starts.
//! Guarantees: malformed values are errors located at their line in the file, not in the
//! block; unknown keys (outside `extra`) too, unless the site's
//! `[content] unknown_front_matter` says to ignore them (`warn`, listed with their line)
//! or keep them (`extra`), as a site brought from Hugo or Zola needs; a file without a
//! block gets defaults.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Location};

/// The keys a page may set. Everything else belongs under `extra`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub weight: i64,
    pub date: Option<DateValue>,
    /// When this file's text last changed (shown as "Updated …").
    pub updated: Option<DateValue>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    pub machine_translated: Option<bool>,
    pub fallback: Option<bool>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What to do with a front matter key naskah does not know (`[content]
/// unknown_front_matter` in `naskah.toml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnknownKeys {
    /// An error at the key (the default: a typo must not pass silently).
    #[default]
    Error,
    /// Ignored, and reported as a warning.
    Warn,
    /// Kept under `extra`, for themes.
    Extra,
}

/// The keys naskah reads; anything else is unknown.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "date",
    "updated",
    "draft",
    "slug",
    "machine_translated",
    "fallback",
    "extra",
];

/// A file's front matter, where its body starts, and the unknown keys it set (name
/// and line), when they were let through.
#[derive(Debug, Default)]
pub struct Parsed {
    pub front: FrontMatter,
    pub body_start: usize,
    pub unknown: Vec<(String, usize)>,
}

/// A date as TOML writes it (`2025-11-03`) or as a string (`"2025-11-03"`, YAML).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum DateValue {
    Toml(toml::value::Datetime),
    Text(String),
}

/// A calendar date, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl DateValue {
    /// The calendar date, or `None` when the value is not `YYYY-MM-DD…`.
    pub fn date(&self) -> Option<Date> {
        let text = match self {
            DateValue::Toml(dt) => dt.to_string(),
            DateValue::Text(s) => s.clone(),
        };
        parse_iso_date(&text)
    }
}

fn parse_iso_date(text: &str) -> Option<Date> {
    let head = text.get(..10)?;
    let mut parts = head.split('-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let rest_ok = text.len() == 10 || matches!(text.as_bytes()[10], b'T' | b't' | b' ');
    let valid = (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day);
    (valid && rest_ok && head.as_bytes()[4] == b'-').then_some(Date { year, month, day })
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Where the front matter block sits in a file.
struct Block<'a> {
    format: Format,
    /// Byte offset of the block's first content line.
    start: usize,
    /// The block's content, lone carriage returns made line feeds (same length, so
    /// offsets hold) for the TOML and YAML parsers.
    text: std::borrow::Cow<'a, str>,
    /// Byte offset where the Markdown body starts.
    body_start: usize,
}

#[derive(Clone, Copy)]
enum Format {
    Toml,
    Yaml,
}

/// The lines of `text` as `(start, end of content, start of the next line)`, ending at
/// `\n`, `\r\n` or a lone `\r`: every line-ending style is the same here.
fn lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |p| start + p);
        let next = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        at = next;
        Some((start, end, next))
    })
}

/// The fence a file opens with (`+++` or `---`, trailing blanks allowed), if any.
fn opening_fence(text: &str) -> Option<(&'static str, Format)> {
    let (start, end, _) = lines(text).next()?;
    match text[start..end].trim_end_matches([' ', '\t']) {
        "+++" => Some(("+++", Format::Toml)),
        "---" => Some(("---", Format::Yaml)),
        _ => None,
    }
}

fn find_block(text: &str) -> Option<Block<'_>> {
    let (fence, format) = opening_fence(text)?;
    let mut all = lines(text);
    let (_, _, start) = all.next()?;
    for (line_start, line_end, next) in all {
        if text[line_start..line_end].trim_end_matches([' ', '\t']) == fence {
            let content = &text[start..line_start];
            let text = if content.contains('\r') {
                std::borrow::Cow::Owned(lone_returns_as_newlines(content))
            } else {
                std::borrow::Cow::Borrowed(content)
            };
            return Some(Block {
                format,
                start,
                text,
                body_start: next,
            });
        }
    }
    None
}

/// `\r` not followed by `\n` becomes `\n` (one byte for one: offsets hold).
fn lone_returns_as_newlines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') {
            '\n'
        } else {
            c
        });
    }
    out
}

/// Splits `text` (the content of `path`) into front matter and body offset; unknown keys
/// are errors.
pub fn parse(path: &Path, text: &str) -> Result<(FrontMatter, usize), Diagnostic> {
    parse_with(path, text, UnknownKeys::Error).map(|p| (p.front, p.body_start))
}

/// [`parse`], with unknown keys handled as `policy` says.
pub fn parse_with(path: &Path, text: &str, policy: UnknownKeys) -> Result<Parsed, Diagnostic> {
    let Some(block) = find_block(text) else {
        if opening_fence(text).is_some() {
            // Never published as page text: the block could hold `draft = true`.
            return Err(Diagnostic::error("front matter block is never closed")
                .at(Location::file(path))
                .with_help("end the block with a line holding only `+++` (TOML) or `---` (YAML)"));
        }
        return Ok(Parsed::default());
    };
    let (front, unknown) = match (block.format, policy) {
        (Format::Toml, UnknownKeys::Error) => (parse_toml(path, text, &block)?, Vec::new()),
        (Format::Yaml, UnknownKeys::Error) => (parse_yaml(path, text, &block)?, Vec::new()),
        (format, _) => lenient(path, text, &block, format, policy)?,
    };
    validate(path, text, &block, &front)?;
    Ok(Parsed {
        front,
        body_start: block.body_start,
        unknown,
    })
}

/// Reads the block as a table, takes the unknown keys out (into `extra` when `policy`
/// says so), and reads the rest as [`FrontMatter`].
fn lenient(
    path: &Path,
    text: &str,
    block: &Block,
    format: Format,
    policy: UnknownKeys,
) -> Result<(FrontMatter, Vec<(String, usize)>), Diagnostic> {
    let mut table: serde_json::Map<String, serde_json::Value> = match format {
        Format::Toml => {
            let table: toml::Table = toml::from_str(&block.text).map_err(|e| {
                let offset = block.start + e.span().map_or(0, |s| s.start);
                Diagnostic::error(format!("front matter: {}", e.message().trim_end()))
                    .at(Location::at_offset(path, text, offset))
                    .with_help(front_matter_help(e.message()))
            })?;
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect()
        }
        Format::Yaml if block.text.trim().is_empty() => serde_json::Map::new(),
        Format::Yaml => match serde_saphyr::from_str(&block.text) {
            Ok(table) => table,
            // Its error, located, is the strict reader's.
            Err(_) => return parse_yaml(path, text, block).map(|f| (f, Vec::new())),
        },
    };
    let names: Vec<String> = table
        .keys()
        .filter(|k| !KNOWN_KEYS.contains(&k.as_str()))
        .cloned()
        .collect();
    let mut unknown = Vec::with_capacity(names.len());
    let mut kept = serde_json::Map::new();
    for name in names {
        let line = key_line(text, block, &name);
        if let Some(value) = table.remove(&name) {
            kept.insert(name.clone(), value);
        }
        unknown.push((name, line));
    }
    let mut front: FrontMatter =
        serde_json::from_value(serde_json::Value::Object(table)).map_err(|e| {
            Diagnostic::error(format!("front matter: {e}"))
                .at(Location::at_offset(path, text, block.start))
                .with_help("fix the value of this key")
        })?;
    if policy == UnknownKeys::Extra {
        for (name, value) in kept {
            front.extra.entry(name).or_insert(value);
        }
        unknown.clear();
    }
    Ok((front, unknown))
}

/// The line of the block where `key` is set (the block's first line if not found).
fn key_line(text: &str, block: &Block, key: &str) -> usize {
    let offset = block
        .text
        .match_indices(key)
        .find(|(at, _)| *at == 0 || block.text.as_bytes()[at - 1] == b'\n')
        .map_or(0, |(at, _)| at);
    crate::diagnostic::line_column(text, block.start + offset).0
}

/// A TOML value as JSON (dates as their text, which [`DateValue`] reads).
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => J::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

fn parse_toml(path: &Path, text: &str, block: &Block) -> Result<FrontMatter, Diagnostic> {
    toml::from_str(&block.text).map_err(|e| {
        let offset = block.start + e.span().map_or(0, |s| s.start);
        Diagnostic::error(format!("front matter: {}", e.message().trim_end()))
            .at(Location::at_offset(path, text, offset))
            .with_help(front_matter_help(e.message()))
    })
}

fn parse_yaml(path: &Path, text: &str, block: &Block) -> Result<FrontMatter, Diagnostic> {
    if block.text.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_saphyr::from_str(&block.text).map_err(|e| {
        let (block_line, column) = e.location().map_or((1, 1), |l| {
            (l.line().max(1) as usize, l.column().max(1) as usize)
        });
        let (first_line, _) = crate::diagnostic::line_column(text, block.start);
        let message = e.to_string();
        let message = message.lines().next().unwrap_or_default().to_string();
        Diagnostic::error(format!("front matter: {message}"))
            .at(Location {
                path: path.to_path_buf(),
                line: first_line + block_line - 1,
                column,
            })
            .with_help(front_matter_help(&message))
    })
}

fn front_matter_help(message: &str) -> &'static str {
    if message.contains("unknown field") {
        "allowed keys: title, description, weight, date, updated, draft, slug, machine_translated, fallback; put theme data under `extra`"
    } else {
        "fix the front matter at this position"
    }
}

fn validate(path: &Path, text: &str, block: &Block, front: &FrontMatter) -> Result<(), Diagnostic> {
    let at = |key: &str| {
        let offset = block
            .text
            .find(key)
            .map_or(block.start, |o| block.start + o);
        Location::at_offset(path, text, offset)
    };
    for (key, value) in [("date", &front.date), ("updated", &front.updated)] {
        if let Some(date) = value
            && date.date().is_none()
        {
            return Err(
                Diagnostic::error(format!("front matter: `{key}` is not a valid date"))
                    .at(at(key))
                    .with_help(format!(
                        "write it as YYYY-MM-DD, for example `{key} = 2025-11-03`"
                    )),
            );
        }
    }
    if let Some(slug) = &front.slug {
        check_slug(slug).map_err(|why| {
            Diagnostic::error(format!("front matter: slug `{slug}` {why}"))
                .at(at("slug"))
                .with_help("a slug is one path segment such as `opt-out`: no `/`, `\\`, `..` or leading dot")
        })?;
    }
    Ok(())
}

/// A slug is a single, harmless path segment: it can never write outside the output folder.
fn check_slug(slug: &str) -> Result<(), &'static str> {
    if slug.trim().is_empty() {
        return Err("is empty");
    }
    if slug.contains(['/', '\\']) || slug.starts_with('.') || slug.contains("..") {
        return Err("would write outside its folder");
    }
    if slug
        .chars()
        .any(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '%'))
    {
        return Err("contains a character that is not allowed in a URL path segment");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn toml_block_and_body_offset() {
        let text = "+++\ntitle = \"Halo\"\nweight = 2\ndate = 2025-11-03\n+++\nIsi\n";
        let (fm, body) = parse(p(), text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Halo"));
        assert_eq!(fm.weight, 2);
        assert_eq!(fm.date.unwrap().date().unwrap().iso(), "2025-11-03");
        assert_eq!(&text[body..], "Isi\n");
    }

    #[test]
    fn yaml_block() {
        let text = "---\ntitle: Halo\ndate: \"2025-02-29\"\n---\nIsi\n";
        let err = parse(p(), text).unwrap_err();
        assert!(err.message.contains("not a valid date"), "{err}");
        let text = "---\ntitle: Halo\nextra:\n  icon: x\n---\nIsi\n";
        let (fm, _) = parse(p(), text).unwrap();
        assert_eq!(fm.extra["icon"], "x");
    }

    #[test]
    fn unknown_key_located_in_file() {
        let text = "+++\ntitle = \"x\"\ncolour = \"red\"\n+++\n";
        let err = parse(p(), text).unwrap_err();
        assert!(err.message.contains("unknown field `colour`"), "{err}");
        assert_eq!(err.location.unwrap().line, 3);
    }

    #[test]
    fn yaml_unknown_key_located_in_file() {
        let text = "---\ntitle: x\ncolour: red\n---\n";
        let err = parse(p(), text).unwrap_err();
        assert!(err.message.contains("colour"), "{err}");
        assert_eq!(err.location.unwrap().line, 3);
    }

    #[test]
    fn slug_escaping_output_is_rejected() {
        let text = "+++\nslug = \"../../etc\"\n+++\n";
        let err = parse(p(), text).unwrap_err();
        assert!(err.message.contains("outside"), "{err}");
        assert_eq!(err.location.unwrap().line, 2);
    }

    #[test]
    fn unclosed_block() {
        assert!(parse(p(), "+++\ntitle = \"x\"\n").is_err());
        assert_eq!(parse(p(), "No front matter\n").unwrap().1, 0);
    }
}
