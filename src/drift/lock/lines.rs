//! Reads a part of `naskah.lock` laid out line for line as `naskah accept` writes it,
//! without a tokenizer: the fast path in front of [`super::events`].
//!
//! Consumes: one part of a lock file, cut at a table header (see `read_written_shape`).
//! Produces: the part's version, translation records and recorded texts, as
//! [`events::read`] gives them.
//! Guarantees: it reads only one layout: comment and empty lines; `version = N`;
//! `[[translation]]` and `[texts.KEY]` headers with bare keys; `key = value` with one
//! space each side; values that are strings in the four TOML spellings without escapes
//! (basic `"…"`, literal `'…'`, and their multi-line forms, closed at the end of a
//! line), the version's decimal integer, and arrays of one-line strings written on one
//! line (`["a", "b"]`) or one item a line (`    "a",`). Anything else, valid TOML or
//! not, gives `None`, and the caller hands the part to [`events::read`], which reads
//! every spelling. The values it does read are what TOML makes of them (a test compares
//! it with the deserializer on every character class). On a 79 MB lock the tokenizer
//! and its events were most of the time spent reading.

use compact_str::CompactString;

use super::events::{Fields, Part, TEXT_KEYS, TRANSLATION_KEYS, Value};

/// Reads `text` if it is laid out as described in the module doc; `None` otherwise.
pub(super) fn read(text: &str) -> Option<Part> {
    let mut reader = Reader {
        lines: Lines { text, at: 0 },
        part: Part::default(),
        table: Table::Root,
    };
    while let Some((line, start)) = reader.lines.next() {
        reader.line(line, start)?;
    }
    reader.start(Table::Root)?;
    Some(reader.part)
}

/// The lines of a part, each with the offset it starts at (split at LF: a carriage
/// return left at a line's end is a control character no line of the layout holds).
struct Lines<'i> {
    text: &'i str,
    at: usize,
}

impl<'i> Lines<'i> {
    fn next(&mut self) -> Option<(&'i str, usize)> {
        let rest = self.text.get(self.at..).filter(|r| !r.is_empty())?;
        let start = self.at;
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => {
                self.at += end + 1;
                &rest[..end]
            }
            None => {
                self.at = self.text.len();
                rest
            }
        };
        Some((line, start))
    }
}

enum Table {
    Root,
    Translation(Fields),
    Text(CompactString, Fields),
}

struct Reader<'i> {
    lines: Lines<'i>,
    part: Part,
    table: Table,
}

impl<'i> Reader<'i> {
    /// Reads `line`, which starts at `start` in the part.
    fn line(&mut self, line: &'i str, start: usize) -> Option<()> {
        if line.is_empty() {
            return Some(());
        }
        if let Some(comment) = line.strip_prefix('#') {
            return comment.bytes().all(allowed).then_some(());
        }
        if line == "[[translation]]" {
            return self.start(Table::Translation(Fields::default()));
        }
        if let Some(key) = line
            .strip_prefix("[texts.")
            .and_then(|r| r.strip_suffix(']'))
        {
            let bare = !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !bare {
                return None;
            }
            return self.start(Table::Text(key.into(), Fields::default()));
        }
        // A bare key has no space: the first one starts ` = ` (a searcher for the
        // three bytes, built per line, was a visible share of reading).
        let space = memchr::memchr(b' ', line.as_bytes())?;
        let (key, value) = (&line[..space], line[space..].strip_prefix(" = ")?);
        let value = self.value(value, start + line.len() - value.len())?;
        let accepted = match &mut self.table {
            Table::Root => match (key, value) {
                ("version", Value::Integer(v)) if self.part.version.is_none() => {
                    self.part.version = Some(v);
                    true
                }
                _ => false,
            },
            Table::Translation(fields) => fields.accept(key, value, &TRANSLATION_KEYS),
            Table::Text(_, fields) => fields.accept(key, value, &TEXT_KEYS),
        };
        accepted.then_some(())
    }

    /// Files the table just read and starts reading the next.
    fn start(&mut self, next: Table) -> Option<()> {
        match std::mem::replace(&mut self.table, next) {
            Table::Root => {}
            Table::Translation(fields) => {
                let mut record = fields.into_record()?;
                // A document's languages come one after another and mostly list the
                // same fingerprints: held once from here on (see `super::shared`).
                if let Some(before) = self.part.translations.last()
                    && before.segments == record.segments
                {
                    record.segments = std::sync::Arc::clone(&before.segments);
                }
                self.part.translations.push(record);
            }
            Table::Text(fingerprint, fields) => {
                self.part.texts.push((fingerprint, fields.into_text()?));
            }
        }
        Some(())
    }

    /// The value written after `key = ` (to the end of its line, which starts at `at` in
    /// the part), reading further lines for a multi-line string or array.
    fn value(&mut self, value: &'i str, at: usize) -> Option<Value> {
        let opened = (value.strip_prefix("\"\"\"").map(|rest| (b'"', rest)))
            .or_else(|| value.strip_prefix("'''").map(|rest| (b'\'', rest)));
        if let Some((quote, rest)) = opened {
            // A newline right after the opening quotes is not part of the text.
            let start = at + 3 + usize::from(rest.is_empty());
            return self.multi_line(quote, start).map(Value::Text);
        }
        match value {
            "[" => self.list().map(Value::List),
            _ if value.starts_with('[') => inline_list(value).map(Value::List),
            _ if value.starts_with(['"', '\'']) => match string(value)? {
                (text, "") => Some(Value::Text(text.into())),
                _ => None,
            },
            _ => integer(value).map(Value::Integer),
        }
    }

    /// The items of an array written one a line (`    "item",`), up to its `]` line.
    fn list(&mut self) -> Option<Vec<CompactString>> {
        let mut items = Vec::new();
        loop {
            let (line, _) = self.lines.next()?;
            if line == "]" {
                return Some(items);
            }
            let (item, rest) = string(line.strip_prefix("    ")?)?;
            if rest != "," {
                return None;
            }
            items.push(item.into());
        }
    }

    /// The text of a multi-line string of `quote`s that starts at `start` in the part:
    /// up to the first three quotes after, with up to two more quotes before them,
    /// which TOML counts as text, and which end their line. One pass over its bytes,
    /// not one per line (code blocks are most of a lock's text).
    fn multi_line(&mut self, quote: u8, start: usize) -> Option<CompactString> {
        let text = self.lines.text;
        let bytes = text.as_bytes();
        let mut at = start;
        loop {
            let b = *bytes.get(at)?;
            if b == quote && bytes.get(at..at + 3) == Some(&[quote; 3][..]) {
                break;
            }
            let escape = quote == b'"' && b == b'\\';
            if escape || !(b == b'\n' || allowed(b)) {
                return None;
            }
            at += 1;
        }
        let run = bytes[at..].iter().take_while(|&&b| b == quote).count();
        let line_end = at + run;
        if run > 5 || !matches!(bytes.get(line_end), None | Some(b'\n')) {
            return None;
        }
        self.lines.at = (line_end + 1).min(text.len());
        Some(text[start..at + run - 3].into())
    }
}

/// A byte TOML allows in a string or comment as it is: anything but the control
/// characters other than tab (multi-byte characters pass byte by byte).
fn allowed(b: u8) -> bool {
    (b >= 0x20 || b == b'\t') && b != 0x7F
}

/// A one-line string without escapes at the start of `value` (`"…"` without `\`, or
/// `'…'`): its text and what follows it.
fn string(value: &str) -> Option<(&str, &str)> {
    let bytes = value.as_bytes();
    let quote = *bytes.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    // One pass: the closing quote, and no escape or control character before it.
    for (at, &b) in bytes.iter().enumerate().skip(1) {
        if b == quote {
            return Some((&value[1..at], &value[at + 1..]));
        }
        if (quote == b'"' && b == b'\\') || !allowed(b) {
            return None;
        }
    }
    None
}

/// The items of an array written on one line: `[]`, `["a"]`, `["a", "b"]`.
fn inline_list(value: &str) -> Option<Vec<CompactString>> {
    let mut rest = value.strip_prefix('[')?;
    let mut items = Vec::new();
    if rest == "]" {
        return Some(items);
    }
    loop {
        let (item, after) = string(rest)?;
        items.push(item.into());
        match after {
            "]" => return Some(items),
            _ => rest = after.strip_prefix(", ")?,
        }
    }
}

/// A decimal integer as TOML writes one without sign, underscore or leading zero.
fn integer(value: &str) -> Option<u32> {
    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = value.len() > 1 && value.starts_with('0');
    if digits && !leading_zero {
        value.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::lock::{Lock, Record, RecordedText};
    use crate::markdown::segments::SegmentKind;

    /// Texts put together from pieces that each need care in one TOML spelling or
    /// another: quotes of both kinds and in runs, backslashes, tabs, control
    /// characters, newlines (LF and CR LF), lines that look like headers, keys or
    /// comments, and characters of every script.
    fn texts() -> Vec<String> {
        let pieces = [
            "teks",
            "\"",
            "'",
            "\"\"",
            "\"\"\"",
            "''",
            "'''",
            "\\",
            "\\n",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "\u{1}",
            "\u{7f}",
            "\n[texts.palsu]\n",
            "\n[[translation]]\n",
            "\nkind = \"x\"",
            "\n# bukan komentar",
            " = ",
            "[",
            "]",
            ", ",
            "عربي",
            "中文",
            "日本語",
            "\u{1F600}",
            "\u{a0}",
            "",
        ];
        let next = crate::testing::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let mut texts: Vec<String> = pieces.iter().map(|p| (*p).to_owned()).collect();
        // Half of them of pieces the writer needs no escape for.
        let unescaped: Vec<&str> = pieces
            .iter()
            .copied()
            .filter(|p| {
                p.bytes()
                    .all(|b| b != b'\\' && (b >= 0x20 || b == b'\n') && b != 0x7f)
            })
            .collect();
        for round in 0..600 {
            let from: &[&str] = if round % 2 == 0 { &pieces } else { &unescaped };
            let len = 1 + next(6);
            texts.push((0..len).map(|_| from[next(from.len())]).collect());
        }
        texts
    }

    /// A lock recording `texts[i]`, with others of `texts` as its links, document key
    /// and engine.
    fn lock_of(texts: &[String], i: usize) -> String {
        let mut lock = Lock::default();
        let fingerprint = compact_str::format_compact!("{i:016x}");
        let other = |k: usize| texts[(i * 7 + k) % texts.len()].clone();
        lock.accept(
            Record {
                document: format!("dok/{}", other(0)),
                lang: "en".into(),
                accepted: "2026-12-07".into(),
                segments: [fingerprint.clone(), "00".into()].into(),
                engine: i.is_multiple_of(3).then(|| format!("openai:{}", other(1))),
            },
            [
                (
                    fingerprint,
                    RecordedText {
                        kind: SegmentKind::CodeBlock,
                        text: texts[i].as_str().into(),
                        links: (0..i % 3).map(|k| other(k + 2)).collect(),
                    },
                ),
                (
                    "00".into(),
                    RecordedText {
                        kind: SegmentKind::Paragraph,
                        text: "biasa".into(),
                        links: vec![],
                    },
                ),
            ],
        );
        lock.to_toml()
    }

    /// Lock by lock, each recording one of every kind of text (in its text, links,
    /// document key and engine): where this reader reads one, it reads what the events
    /// reader reads (which a test holds to the deserializer); and it reads every one
    /// the writer spelled without an escape (but for multi-line strings in an array).
    #[test]
    fn it_reads_what_the_events_reader_reads() {
        let texts = texts();
        let (mut read_here, mut left) = (0, 0);
        for i in 0..texts.len() {
            let written = lock_of(&texts, i);
            match read(&written) {
                Some(part) => {
                    assert_eq!(
                        Some(part),
                        super::super::events::read(&written),
                        "{written}"
                    );
                    read_here += 1;
                }
                None => {
                    // Escapes, and multi-line strings in an array (a link target with
                    // a newline), are the events reader's.
                    let array_of_lines = [
                        "[\"\"\"",
                        "['''",
                        ", \"\"\"",
                        ", '''",
                        "\n    \"\"\"",
                        "\n    '''",
                    ]
                    .iter()
                    .any(|a| written.contains(a));
                    assert!(written.contains('\\') || array_of_lines, "{written}");
                    left += 1;
                }
            }
        }
        assert!(
            read_here > 100 && left > 100,
            "{read_here} read, {left} left"
        );
    }

    /// Spellings TOML allows that `naskah accept` does not write: each is read as the
    /// deserializer reads it, or left to the events reader.
    #[test]
    fn other_spellings_read_as_toml_reads_them_or_not_at_all() {
        // Each with whether this reader reads it.
        let spellings = [
            ("text = \"\"\"\nab\"\"\"\"", true),
            ("text = \"\"\"\nab\"\"\"\"\"", true),
            ("text = \"\"\"\nab\"\"\"\"\"\"", false),
            ("text = \"\"\"ab\"\"\"", true),
            ("text = \"\"\"\"\"\"", true),
            ("text = '''\na'b''b'''", true),
            ("text = '''\nab''''", true),
            ("text = '''a\\b'''", true),
            ("text = \"\"\"\r\nab\"\"\"", false),
            ("text = \"a\" # komentar", false),
            ("text = \"a\\tb\"", false),
            ("text = 'a\\tb'", true),
            ("text = \"a\tb\"", true),
            ("text = \"\"", true),
            ("text = ''", true),
            ("text = \"\"\"\n\"\"\"", true),
            ("text=\"a\"", false),
            ("\"text\" = \"a\"", false),
            ("text = \"\"\"\na\n\"\"\" ", false),
            ("text = \"\"\"\na\u{1}\n\"\"\"", false),
        ];
        for (spelling, read_here) in spellings {
            let table = format!("[texts.01]\nkind = \"paragraph\"\n{spelling}\n");
            let part = read(&table);
            assert_eq!(part.is_some(), read_here, "{spelling:?}");
            let Some(part) = part else { continue };
            let toml = toml::from_str::<toml::Table>(&table)
                .unwrap_or_else(|e| panic!("{spelling:?} read, but is not TOML: {e}"));
            let text = toml["texts"]["01"]["text"].as_str().unwrap();
            assert_eq!(part.texts[0].1.text, text, "{spelling:?}");
        }
    }
}
