//! Diagnostics: the one way every stage reports a problem to the user.
//!
//! Consumes: messages from any pipeline stage, with an optional file location.
//! Produces: `Diagnostic` values, rendered either in GNU style
//! (`path:line:col: severity: message`, which editors' problem matchers read) with an
//! optional `help:` line, or as JSON by the callers that need it.
//! Guarantees: line and column are 1-based; columns count characters, not bytes, so
//! CJK and Arabic positions match what editors show.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A position in a file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// Location of byte `offset` in `text`, which is the content of `path`.
    pub fn at_offset(path: &Path, text: &str, offset: usize) -> Self {
        let (line, column) = line_column(text, offset);
        Location {
            path: path.to_path_buf(),
            line,
            column,
        }
    }

    /// A whole-file location (line 1, column 1), for problems without a position.
    pub fn file(path: &Path) -> Self {
        Location {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
        }
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Line starts of a text, for many line/column look-ups without rescanning it.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // `memchr`'s vectorised search: every page of a site is indexed, and `str`'s
        // pattern search for a `char` was a visible share of `naskah check`.
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line and character column of byte `offset` in `text` (the indexed text).
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem found in the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn in_file(self, path: &Path) -> Self {
        self.at(Location::file(path))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A file path as one line of a `path:line:col:` message: a line break or another
/// control character in a file name is escaped (`\n`), so a name cannot forge extra
/// lines for an editor's problem matcher.
pub fn path_on_one_line(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.contains(|c: char| c.is_control()) {
        return text;
    }
    text.chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(
                f,
                "{}:{}:{}: ",
                path_on_one_line(&loc.path),
                loc.line,
                loc.column
            )?;
        }
        write!(f, "{}: {}", self.severity, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Sort diagnostics by file and position so output never depends on thread scheduling.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.location, b.severity, &a.message).cmp(&(&b.location, a.severity, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "judul\n日本語 x";
        let offset = text.find('x').unwrap();
        assert_eq!(line_column(text, offset), (2, 5));
    }

    #[test]
    fn line_index_agrees_with_scanning() {
        let text = "a\nبب\n\nx 日本";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(
                    index.line_column(text, offset),
                    line_column(text, offset),
                    "{offset}"
                );
            }
        }
    }

    #[test]
    fn display_is_gnu_style() {
        let d = Diagnostic::error("bad key")
            .at(Location {
                path: "content/a.md".into(),
                line: 3,
                column: 1,
            })
            .with_help("remove it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:1: error: bad key\n  help: remove it"
        );
    }
}
