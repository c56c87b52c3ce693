//! Reads a part of `naskah.lock` in the shape `naskah accept` writes, straight from the
//! events of `toml_parser` (the lexer and parser under the `toml` crate).
//!
//! Consumes: one part of a lock file, cut at a table header (see `read_written_shape`).
//! Produces: the part's version, translation records and recorded texts.
//! Guarantees: `None` for anything it does not fully understand (a syntax error, a
//! dotted key, an inline table, an unknown, repeated or missing key, a value of another
//! type), so that the caller falls back to the `toml` deserializer, which reads every
//! spelling of TOML and reports errors with their position. A part it does return is
//! the one that deserializer returns (a test compares them). On a 13 MB lock the
//! deserializer spent most of its time building a document tree this reader skips.

use std::borrow::Cow;

use compact_str::CompactString;

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::{Record, RecordedText};
use crate::drift::fingerprint::Fingerprint;
use crate::markdown::segments::SegmentKind;

/// What one part of a lock file holds.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Part {
    pub version: Option<u32>,
    pub translations: Vec<Record>,
    /// In the order of the file (sorted, as `naskah accept` writes them): the caller
    /// builds its map from all parts at once (looking each up as it came, twice, was a
    /// fifth of reading the lock).
    pub texts: Vec<(Fingerprint, RecordedText)>,
}

/// Reads `text` if it has the written shape; `None` otherwise (see the module doc).
pub(super) fn read(text: &str) -> Option<Part> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut reader = Reader {
        source,
        part: Part::default(),
        table: Table::Root,
        header: None,
        key: None,
        array: None,
        understood: true,
    };
    let mut syntax = SyntaxErrors(false);
    parse_document(&tokens, &mut reader, &mut syntax);
    if syntax.0 {
        return None;
    }
    reader.finish()
}

struct SyntaxErrors(bool);

impl ErrorSink for SyntaxErrors {
    fn report_error(&mut self, _: ParseError) {
        self.0 = true;
    }
}

/// The table whose keys are being read.
enum Table {
    Root,
    Translation(Fields),
    Text(CompactString, Fields),
}

/// The values read so far in a table, in the order of its keys (see [`TRANSLATION_KEYS`]
/// and [`TEXT_KEYS`]).
#[derive(Default)]
pub(super) struct Fields([Option<Value>; 5]);

pub(super) enum Value {
    Text(CompactString),
    Integer(u32),
    List(Vec<CompactString>),
}

struct Reader<'i> {
    source: Source<'i>,
    part: Part,
    table: Table,
    /// The keys of the table header being read.
    header: Option<Vec<CompactString>>,
    /// The key of the value being read.
    key: Option<CompactString>,
    /// The strings of the array being read.
    array: Option<Vec<CompactString>>,
    /// False as soon as something is not in the written shape.
    understood: bool,
}

impl Reader<'_> {
    fn decode(
        &mut self,
        span: Span,
        encoding: Option<Encoding>,
        as_key: bool,
    ) -> (ScalarKind, CompactString) {
        let Some(slice) = self.source.input().get(span.start()..span.end()) else {
            self.understood = false;
            return (ScalarKind::String, CompactString::default());
        };
        if let Some(plain) = plain_basic_string(slice, encoding) {
            return (ScalarKind::String, CompactString::from(plain));
        }
        // A span alone carries no encoding; the event gave it.
        let raw = Raw::new_unchecked(slice, encoding, span);
        let mut out = Cow::Borrowed("");
        let mut errors = SyntaxErrors(false);
        let kind = if as_key {
            raw.decode_key(&mut out, &mut errors);
            ScalarKind::String
        } else {
            raw.decode_scalar(&mut out, &mut errors)
        };
        self.understood &= !errors.0;
        // Short strings (every fingerprint) are held in place, not allocated.
        (kind, CompactString::from(out))
    }

    /// Runs one of the decoder's checks on the token at `span`; an error it reports
    /// means the part is not understood.
    fn check_raw(&mut self, span: Span, check: impl FnOnce(Raw<'_>, &mut SyntaxErrors)) {
        let Some(slice) = self.source.input().get(span.start()..span.end()) else {
            self.understood = false;
            return;
        };
        let mut errors = SyntaxErrors(false);
        check(Raw::new_unchecked(slice, None, span), &mut errors);
        self.understood &= !errors.0;
    }

    /// Files the table just read and starts reading the next.
    fn start(&mut self, next: Table) {
        match std::mem::replace(&mut self.table, next) {
            Table::Root => {}
            Table::Translation(fields) => match fields.into_record() {
                Some(record) => self.part.translations.push(record),
                None => self.understood = false,
            },
            Table::Text(fingerprint, fields) => match fields.into_text() {
                Some(text) => self.part.texts.push((fingerprint, text)),
                None => self.understood = false,
            },
        }
    }

    fn assign(&mut self, value: Value) {
        let Some(key) = self.key.take() else {
            self.understood = false;
            return;
        };
        let accepted = match &mut self.table {
            Table::Root => {
                match (key.as_str(), value) {
                    ("version", Value::Integer(v)) if self.part.version.is_none() => {
                        self.part.version = Some(v);
                    }
                    _ => self.understood = false,
                }
                return;
            }
            Table::Translation(fields) => fields.accept(&key, value, &TRANSLATION_KEYS),
            Table::Text(_, fields) => fields.accept(&key, value, &TEXT_KEYS),
        };
        self.understood &= accepted;
    }

    fn finish(mut self) -> Option<Part> {
        self.start(Table::Root);
        let complete = self.header.is_none() && self.key.is_none() && self.array.is_none();
        (self.understood && complete).then_some(self.part)
    }
}

/// The text of a basic string (`"…"`) with no escape and no control character, which is
/// what such a string decodes to: every fingerprint, key and date `naskah accept`
/// writes. Taken as it is, without the decoder's pass (most of a lock's strings are
/// fingerprints, and decoding them was a fifth of reading the lock); `None` sends
/// anything else to the decoder.
fn plain_basic_string(slice: &str, encoding: Option<Encoding>) -> Option<&str> {
    if encoding != Some(Encoding::BasicString) {
        return None;
    }
    let inner = slice.strip_prefix('"')?.strip_suffix('"')?;
    let plain = |b: u8| b >= 0x20 && b != b'\\' && b != b'"' && b != 0x7F;
    inner.bytes().all(plain).then_some(inner)
}

/// Keys of a `[[translation]]` table and whether each holds a list.
pub(super) const TRANSLATION_KEYS: [(&str, bool); 5] = [
    ("document", false),
    ("lang", false),
    ("accepted", false),
    ("segments", true),
    ("engine", false),
];
/// Keys of a `[texts.FINGERPRINT]` table and whether each holds a list.
pub(super) const TEXT_KEYS: [(&str, bool); 3] = [("kind", false), ("text", false), ("links", true)];

impl Fields {
    /// Keeps a value under one of `keys`; false for an unknown or repeated key or a
    /// value of the wrong type.
    pub(super) fn accept(&mut self, key: &str, value: Value, keys: &[(&str, bool)]) -> bool {
        let Some(slot) = keys.iter().position(|(name, _)| *name == key) else {
            return false;
        };
        let right_type = matches!(
            (&value, keys[slot].1),
            (Value::List(_), true) | (Value::Text(_), false)
        );
        right_type && self.0[slot].replace(value).is_none()
    }

    fn text(&mut self, slot: usize) -> Option<CompactString> {
        match self.0[slot].take()? {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    fn list(&mut self, slot: usize) -> Option<Vec<CompactString>> {
        match self.0[slot].take()? {
            Value::List(list) => Some(list),
            _ => None,
        }
    }

    /// In the order of [`TRANSLATION_KEYS`].
    pub(super) fn into_record(mut self) -> Option<Record> {
        Some(Record {
            document: self.text(0)?.into_string(),
            lang: self.text(1)?.into_string(),
            accepted: self.text(2)?.into_string(),
            segments: self.list(3)?.into(),
            // Optional: only translations naskah translate wrote have one.
            engine: self.text(4).map(CompactString::into_string),
        })
    }

    /// In the order of [`TEXT_KEYS`].
    pub(super) fn into_text(mut self) -> Option<RecordedText> {
        let kind = self.text(0)?;
        let kind = SegmentKind::deserialize(kind.as_str().into_deserializer())
            .map_err(|_: serde::de::value::Error| ())
            .ok()?;
        Some(RecordedText {
            kind,
            text: self.text(1)?,
            links: self
                .list(2)
                .unwrap_or_default()
                .into_iter()
                .map(CompactString::into_string)
                .collect(),
        })
    }
}

impl EventReceiver for Reader<'_> {
    fn std_table_open(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.understood &= self.header.is_none() && self.key.is_none();
        self.header = Some(Vec::new());
    }

    fn std_table_close(&mut self, _: Span, _: &mut dyn ErrorSink) {
        match self.header.take().as_deref() {
            Some([texts, fingerprint]) if texts == "texts" => {
                self.start(Table::Text(fingerprint.clone(), Fields::default()));
            }
            _ => self.understood = false,
        }
    }

    fn array_table_open(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.understood &= self.header.is_none() && self.key.is_none();
        self.header = Some(Vec::new());
    }

    fn array_table_close(&mut self, _: Span, _: &mut dyn ErrorSink) {
        match self.header.take().as_deref() {
            Some([translation]) if translation == "translation" => {
                self.start(Table::Translation(Fields::default()));
            }
            _ => self.understood = false,
        }
    }

    fn inline_table_open(&mut self, _: Span, _: &mut dyn ErrorSink) -> bool {
        self.understood = false;
        false
    }

    fn array_open(&mut self, _: Span, _: &mut dyn ErrorSink) -> bool {
        self.understood &= self.array.is_none() && self.key.is_some();
        self.array = Some(Vec::new());
        true
    }

    fn array_close(&mut self, _: Span, _: &mut dyn ErrorSink) {
        match self.array.take() {
            Some(list) => self.assign(Value::List(list)),
            None => self.understood = false,
        }
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        let (_, key) = self.decode(span, encoding, true);
        match (&mut self.header, &self.key) {
            (Some(header), _) => header.push(key),
            // A second key before a value: a dotted key, which the written shape has not.
            (None, Some(_)) => self.understood = false,
            (None, None) => self.key = Some(key),
        }
    }

    fn key_sep(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.understood &= self.header.is_some();
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        let (kind, text) = self.decode(span, encoding, false);
        let value = match kind {
            ScalarKind::String => Value::Text(text),
            ScalarKind::Integer(radix) if radix.value() == 10 => match text.parse() {
                Ok(number) => Value::Integer(number),
                Err(_) => {
                    self.understood = false;
                    return;
                }
            },
            _ => {
                self.understood = false;
                return;
            }
        };
        match (&mut self.array, value) {
            (Some(list), Value::Text(item)) => list.push(item),
            (Some(_), _) => self.understood = false,
            (None, value) => self.assign(value),
        }
    }

    // The parser leaves checking a comment's characters and a newline's spelling (a
    // lone CR) to the caller, as the `toml` deserializer does: without these, a lock
    // with a control character in a comment read here although TOML refuses it.
    fn comment(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.check_raw(span, |raw, errors| raw.decode_comment(errors));
    }

    fn newline(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.check_raw(span, |raw, errors| raw.decode_newline(errors));
    }

    fn error(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.understood = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the decoder makes of `slice`, a string token of `encoding`.
    fn decoded(slice: &str, encoding: Encoding) -> String {
        let span = Span::new_unchecked(0, slice.len());
        let raw = Raw::new_unchecked(slice, Some(encoding), span);
        let mut out = Cow::Borrowed("");
        let mut errors = SyntaxErrors(false);
        let _ = raw.decode_scalar(&mut out, &mut errors);
        assert!(!errors.0, "{slice:?}");
        out.into_owned()
    }

    #[test]
    fn plain_strings_are_what_the_decoder_makes_of_them() {
        for slice in [
            r#""""#,
            r#""f8f6d84493a81e68""#,
            r#""2026-12-07""#,
            r#""zh-Hant""#,
            r#""é 数据 ""#,
        ] {
            let plain = plain_basic_string(slice, Some(Encoding::BasicString));
            assert_eq!(
                plain,
                Some(decoded(slice, Encoding::BasicString).as_str()),
                "{slice:?}"
            );
        }
        // Escapes, tabs and other spellings go to the decoder.
        for slice in [r#""a\nb""#, "\"a\tb\"", r#""a\"b""#, r#""\u00E9""#] {
            assert_eq!(
                plain_basic_string(slice, Some(Encoding::BasicString)),
                None,
                "{slice:?}"
            );
        }
        assert_eq!(
            plain_basic_string("'abc'", Some(Encoding::LiteralString)),
            None
        );
        assert_eq!(plain_basic_string(r#""abc""#, None), None);
    }
}
