//! What to rewrite in one translation file: from its drift findings and alignment, the
//! segments to replace, insert and delete, each with the source text to translate.
//!
//! Consumes: the site (segments with their byte ranges), one translation's
//! [`TranslationDrift`].
//! Produces: [`Edit`]s on the translation's text, each naming the source segment whose
//! translation it needs, and [`apply`], which writes the translations in.
//! Guarantees: an edit touches only the inline text of its segment (a heading's `#`
//! and `{#id}`, a list item's marker and a block's indentation stay); segments whose
//! source did not change are not touched; a code block is copied from the source, never
//! sent to an engine.

use std::ops::Range;

use crate::drift::{Kind, TranslationDrift};
use crate::markdown::segments::{Segment, SegmentKind};

/// One change to a translation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// The inline text at `target` becomes the translation of source segment `source`.
    Replace { target: Range<usize>, source: usize },
    /// A new segment, the translation of source segment `source`, goes in at byte `at`
    /// after `separator`, with the source's block markers around it.
    Insert {
        at: usize,
        source: usize,
        separator: &'static str,
    },
    /// The text at `target` goes: its source was removed.
    Delete { target: Range<usize> },
    /// The code block at `target` becomes the source's code block `source`, as written.
    Copy { target: Range<usize>, source: usize },
}

impl Edit {
    /// Where in the translation file the edit starts.
    pub fn position(&self) -> usize {
        match self {
            Edit::Replace { target, .. } | Edit::Delete { target } | Edit::Copy { target, .. } => {
                target.start
            }
            Edit::Insert { at, .. } => *at,
        }
    }

    /// The source segment whose translation the edit needs, if any.
    pub fn source(&self) -> Option<usize> {
        match self {
            Edit::Replace { source, .. } | Edit::Insert { source, .. } => Some(*source),
            Edit::Delete { .. } | Edit::Copy { .. } => None,
        }
    }
}

/// The two texts and their segments.
pub struct Pair<'a> {
    pub source_text: &'a str,
    pub source: &'a [Segment],
    pub target_text: &'a str,
    pub target: &'a [Segment],
}

/// The edits that bring a translation up to date with its source, in file order.
pub fn edits(pair: &Pair, drift: &TranslationDrift) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut replaced = Vec::new();
    for finding in &drift.findings {
        let source = finding
            .source_range
            .as_ref()
            .and_then(|r| pair.source.iter().position(|s| s.range() == *r));
        let target = finding
            .target_range
            .as_ref()
            .and_then(|r| pair.target.iter().position(|s| s.range() == *r));
        match (finding.kind, source, target) {
            (Kind::SourceChanged, Some(s), Some(t)) if !replaced.contains(&t) => {
                replaced.push(t);
                edits.push(changed(pair, s, t));
            }
            (Kind::SourceAdded, Some(s), None) => {
                edits.push(inserted(pair, drift, s));
            }
            (Kind::SourceRemoved, _, Some(t)) if !replaced.contains(&t) => {
                replaced.push(t);
                edits.push(Edit::Delete {
                    target: whole_lines(pair.target_text, &pair.target[t].range()),
                });
            }
            _ => {}
        }
    }
    edits.sort_by_key(Edit::position);
    edits
}

fn changed(pair: &Pair, s: usize, t: usize) -> Edit {
    let target = &pair.target[t];
    if pair.source[s].kind == SegmentKind::CodeBlock && target.kind == SegmentKind::CodeBlock {
        return Edit::Copy {
            target: trimmed(pair.target_text, &target.range()),
            source: s,
        };
    }
    Edit::Replace {
        target: inline_range(pair.target_text, target),
        source: s,
    }
}

/// Where a source segment the translation lacks goes: after the translation of the
/// nearest source segment before it that has one (else before the first translated
/// segment after it, else at the end).
fn inserted(pair: &Pair, drift: &TranslationDrift, s: usize) -> Edit {
    let bead = drift
        .alignment
        .iter()
        .position(|b| b.source().any(|i| i == s))
        .unwrap_or(drift.alignment.len());
    let before = drift.alignment[..bead]
        .iter()
        .rev()
        .find_map(|b| b.target().last());
    let kind = pair.source[s].kind;
    match before {
        Some(t) => {
            let anchor = &pair.target[t];
            let item_after_item =
                kind == SegmentKind::ListItem && anchor.kind == SegmentKind::ListItem;
            Edit::Insert {
                at: trimmed(pair.target_text, &anchor.range()).end,
                source: s,
                separator: if item_after_item { "\n" } else { "\n\n" },
            }
        }
        None => {
            let after = drift.alignment[bead.min(drift.alignment.len())..]
                .iter()
                .find_map(|b| b.target().next());
            match after {
                Some(t) => Edit::Insert {
                    at: line_start(pair.target_text, pair.target[t].range().start),
                    source: s,
                    separator: "",
                },
                None => Edit::Insert {
                    at: pair.target_text.trim_end().len(),
                    source: s,
                    separator: "\n\n",
                },
            }
        }
    }
}

/// The byte range of a segment's translatable text: without its block markers (`#`,
/// `{#id}`, list marker, task box) and the whitespace around it.
pub fn inline_range(text: &str, segment: &Segment) -> Range<usize> {
    if segment.block().is_none() && !text[segment.range()].starts_with('#') {
        return front_matter_value(text, &segment.range());
    }
    let range = trimmed(text, &segment.range());
    let raw = &text[range.clone()];
    let (mut start, mut end) = (0, raw.len());
    match segment.kind {
        SegmentKind::Heading | SegmentKind::Title if raw.starts_with('#') => {
            start = raw.find(|c: char| c != '#').unwrap_or(raw.len());
            let line_end = raw.find('\n').unwrap_or(raw.len());
            end = line_end;
            let line = &raw[..line_end];
            if line.trim_end().ends_with('}')
                && let Some(open) = line.rfind(" {")
            {
                end = open;
            }
            // A closing sequence of `#`, after a space.
            let head = raw[..end].trim_end();
            let closing = head.trim_end_matches('#');
            if closing.len() < head.len() && closing.ends_with(' ') {
                end = closing.len();
            }
        }
        SegmentKind::Heading | SegmentKind::Title => {
            // Setext: the text, not the underline.
            end = raw.rfind('\n').unwrap_or(raw.len());
        }
        SegmentKind::ListItem => start = list_marker_len(raw),
        _ => {}
    }
    let inner = &raw[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let inner_len = inner.trim().len();
    range.start + start + lead..range.start + start + lead + inner_len
}

/// The value of a front matter line (`title = "X"`, `title: X`), inside its quotes.
fn front_matter_value(text: &str, range: &Range<usize>) -> Range<usize> {
    let line = &text[range.clone()];
    let Some(sep) = line.find(['=', ':']) else {
        return range.clone();
    };
    let value = &line[sep + 1..];
    let start = sep + 1 + (value.len() - value.trim_start().len());
    let value = value.trim();
    let quoted = value.len() >= 2
        && (value.starts_with('"') && value.ends_with('"')
            || value.starts_with('\'') && value.ends_with('\''));
    let (start, len) = if quoted {
        (start + 1, value.len() - 2)
    } else {
        (start, value.len())
    };
    range.start + start..range.start + start + len
}

/// The length of a list item's marker, its spaces and its task box (`- [ ] `).
fn list_marker_len(raw: &str) -> usize {
    let indent = raw.len() - raw.trim_start().len();
    let rest = &raw[indent..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let marker = if digits > 0 && rest[digits..].starts_with(['.', ')']) {
        digits + 1
    } else if rest.starts_with(['-', '+', '*']) {
        1
    } else {
        0
    };
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    let mut len = indent + marker + spaces;
    let task = &raw[len..];
    if task.starts_with("[ ]") || task.starts_with("[x]") || task.starts_with("[X]") {
        let rest = &task[3..];
        len += 3 + (rest.len() - rest.trim_start_matches(' ').len());
    }
    len
}

/// A range without the whitespace and newlines around it.
fn trimmed(text: &str, range: &Range<usize>) -> Range<usize> {
    let raw = &text[range.clone()];
    let start = range.start + (raw.len() - raw.trim_start().len());
    let end = range.start + raw.trim_end().len();
    start..end.max(start)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |n| n + 1)
}

/// A segment with its whole lines and the blank line after it: what deleting it takes.
fn whole_lines(text: &str, range: &Range<usize>) -> Range<usize> {
    let range = trimmed(text, range);
    let start = line_start(text, range.start);
    let rest = &text[range.end..];
    let line_end = rest.find('\n').map_or(text.len(), |n| range.end + n + 1);
    let blank = text[line_end..].len() - text[line_end..].trim_start_matches('\n').len();
    // Keep one newline before what follows when the segment was the last of its block.
    let end = if line_end + blank >= text.len() {
        text.len()
    } else {
        line_end + blank.min(1)
    };
    start..end
}

/// What separates two paragraphs of one segment when written back: a blank line, then
/// the indentation (and `>` of block quotes) that keeps the next paragraph in place:
/// `"\n\n  "` in a `- ` list item, `"\n>\n> "` in a quote.
pub fn paragraph_break(text: &str, inline: &Range<usize>) -> String {
    let prefix: String = text[line_start(text, inline.start)..inline.start]
        .chars()
        .map(|c| if c == '>' { '>' } else { ' ' })
        .collect();
    format!("\n{}\n{prefix}", prefix.trim_end())
}

/// The inline Markdown of a segment, on one line: continuation lines joined, the `>`
/// of block quotes and the indentation of list items left out.
pub fn inline_text(text: &str, range: &Range<usize>) -> String {
    let mut out = String::new();
    for (i, line) in text[range.clone()].lines().enumerate() {
        let line = if i == 0 {
            line
        } else {
            out.push('\n');
            line.trim_start().trim_start_matches(['>', ' '])
        };
        out.push_str(line);
    }
    out
}

/// What an edit writes, given the Markdown of the translated segment (`translated`)
/// and the source file.
pub fn written(edit: &Edit, pair: &Pair, translated: Option<&str>) -> String {
    match edit {
        Edit::Replace { .. } => translated.unwrap_or_default().to_string(),
        Edit::Delete { .. } => String::new(),
        Edit::Copy { source, .. } => {
            let range = trimmed(pair.source_text, &pair.source[*source].range());
            pair.source_text[range].to_string()
        }
        Edit::Insert {
            source, separator, ..
        } => {
            // Written as the source writes it, with the translation in place of its text.
            let segment = &pair.source[*source];
            let block = trimmed(pair.source_text, &segment.range());
            let text = inline_range(pair.source_text, segment);
            let line = line_start(pair.source_text, block.start);
            let indent = &pair.source_text[line..block.start];
            let indent = if indent.trim().is_empty() { indent } else { "" };
            let mut out = String::from(*separator);
            out.push_str(indent);
            if segment.kind == SegmentKind::CodeBlock {
                out.push_str(&pair.source_text[block]);
            } else {
                out.push_str(&pair.source_text[block.start..text.start]);
                out.push_str(translated.unwrap_or_default());
                out.push_str(&pair.source_text[text.end..block.end]);
            }
            if separator.is_empty() {
                out.push_str("\n\n");
            }
            out
        }
    }
}

/// The translation file with `edits` applied; `written[i]` is what edit `i` writes.
/// What is written ends its lines as the file does (a file whose first line ends in
/// CRLF gets CRLF throughout what is written), so no byte outside the edits changes
/// and the file keeps one convention.
pub fn apply(text: &str, edits: &[Edit], written: &[String]) -> String {
    let crlf = text.find('\n').is_some_and(|at| text[..at].ends_with('\r'));
    let mut out = text.to_string();
    for (edit, new) in edits.iter().zip(written).rev() {
        let range = match edit {
            Edit::Replace { target, .. } | Edit::Delete { target } | Edit::Copy { target, .. } => {
                target.clone()
            }
            Edit::Insert { at, .. } => *at..*at,
        };
        if crlf {
            out.replace_range(range, &with_crlf(new));
        } else {
            out.replace_range(range, new);
        }
    }
    out
}

/// `text` with every line ending a CRLF.
fn with_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in text.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(body) => {
                out.push_str(body.strip_suffix('\r').unwrap_or(body));
                out.push_str("\r\n");
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(kind: SegmentKind, text: &str, raw: &str) -> Segment {
        let start = text.find(raw).expect("raw in text");
        let mut parsed = crate::markdown::parse(text, 0, false);
        let mut segments = crate::markdown::segments::segments_of_text(
            &mut parsed,
            &crate::frontmatter::FrontMatter::default(),
            text,
        );
        let at = segments
            .iter()
            .position(|s| s.kind == kind && s.range().contains(&start))
            .expect("a segment there");
        segments.swap_remove(at)
    }

    #[test]
    fn inline_ranges_leave_block_markers_alone() {
        let text = "## Mulai cepat {#quick-start}\n\n- [ ] Item *satu*\n  lanjut\n1. Dua\n\n# Judul #\n\nTeks\nbaris dua.\n";
        let cases = [
            (SegmentKind::Heading, "## Mulai", "Mulai cepat"),
            (SegmentKind::ListItem, "- [ ]", "Item *satu*\n  lanjut"),
            (SegmentKind::ListItem, "1. Dua", "Dua"),
            (SegmentKind::Heading, "# Judul", "Judul"),
            (SegmentKind::Paragraph, "Teks", "Teks\nbaris dua."),
        ];
        for (kind, raw, inline) in cases {
            let s = segment(kind, text, raw);
            assert_eq!(&text[inline_range(text, &s)], inline, "{raw}");
        }
    }

    #[test]
    fn continuation_lines_join_without_their_prefixes() {
        let text = "> [!NOTE]\n> Satu\n> dua.\n";
        assert_eq!(inline_text(text, &(12..text.len() - 1)), "Satu\ndua.");
    }

    #[test]
    fn deleting_a_paragraph_takes_its_blank_line() {
        let text = "A.\n\nB.\n\nC.\n";
        assert_eq!(whole_lines(text, &(4..6)), 4..8);
        assert_eq!(
            apply(text, &[Edit::Delete { target: 4..8 }], &[String::new()]),
            "A.\n\nC.\n"
        );
        assert_eq!(whole_lines(text, &(8..11)), 8..11, "the last block");
    }
}
