//! Inline Markdown as tagged text for a machine translation engine, and back.
//!
//! Consumes: the inline Markdown of one segment (a paragraph's text, a heading's text
//! without its `#` and `{#id}`, a list item's or table cell's text).
//! Produces: [`Tagged`]: XML-escaped text where everything that must not be translated
//! is an empty tag `<x id="N"/>` (code spans, images, raw HTML, autolinks, footnote
//! references, hard breaks) and every formatted span is a pair `<g id="N">…</g>` whose
//! text is translated while its Markdown (`**`, `[` … `](url "title")`) is kept aside
//! (DeepL's XML tag handling, and the tag conventions chat models are told to keep).
//! [`Tagged::restore`] rebuilds Markdown from an engine's reply.
//! Guarantees: a reply is accepted only when it has every tag exactly once, pairs
//! nested as in the source, and nothing else that looks like a tag; the kept Markdown
//! comes back byte for byte; translated text is escaped so that it stays text
//! (`*`, `_`, `` ` ``, `[`, `]`, `<`, `|` and a leading list or heading marker).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What one tag id stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Kept as it is: `<x id="N"/>`.
    Atom(String),
    /// Kept around translated text: `<g id="N">…</g>`.
    Pair(String, String),
}

/// A segment's inline Markdown as tagged text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// What to send: XML text with `<x id="N"/>` and `<g id="N">…</g>`.
    pub text: String,
    pieces: Vec<Piece>,
    /// Plain text (a front matter title), not Markdown: nothing to escape.
    plain: bool,
}

/// Why a reply cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing(usize),
    Repeated(usize),
    Unknown(String),
    Misnested(usize),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing(id) => write!(f, "the reply lost tag {id}"),
            Problem::Repeated(id) => write!(f, "the reply repeats tag {id}"),
            Problem::Unknown(tag) => write!(f, "the reply has a tag that was not sent: {tag}"),
            Problem::Misnested(id) => write!(f, "the reply moved tag {id} out of its pair"),
        }
    }
}

/// An element being read: its tag id, where its Markdown starts and ends, and where
/// its children start and end.
struct Open {
    id: usize,
    element: std::ops::Range<usize>,
    inner: Option<std::ops::Range<usize>>,
}

/// Tags `markdown` (one segment's inline content).
/// Terms an engine never sees: kept as written (product names), or given a fixed
/// translation (`[translate.glossary]`), longest first.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    terms: Vec<(String, String)>,
}

impl Glossary {
    /// From pairs of a term and what it becomes (itself, for a term kept as written).
    pub fn new(mut terms: Vec<(String, String)>) -> Glossary {
        terms.retain(|(term, _)| !term.trim().is_empty());
        terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Glossary { terms }
    }

    /// Where the terms occur as whole words in `text`, with what each becomes.
    fn spans(&self, text: &str) -> Vec<(std::ops::Range<usize>, String)> {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        for (term, becomes) in &self.terms {
            for (at, _) in text.match_indices(term.as_str()) {
                let end = at + term.len();
                if !word(text[..at].chars().next_back()) && !word(text[end..].chars().next()) {
                    out.push((at..end, becomes.clone()));
                }
            }
        }
        out
    }
}

/// Tags `markdown` (one segment's inline content) without a glossary.
pub fn tag(markdown: &str) -> Tagged {
    tag_with(markdown, &Glossary::default(), "\n\n")
}

/// Tags `markdown`, its glossary terms as kept tags. A segment of several paragraphs (a
/// list item's) keeps its paragraph breaks as tags, written back as `paragraph_break`
/// (a blank line and the indentation that keeps the next paragraph in its item).
pub fn tag_with(markdown: &str, glossary: &Glossary, paragraph_break: &str) -> Tagged {
    // Reference links whose definitions are elsewhere in the page still read as links.
    let mut resolve = |_: pulldown_cmark::BrokenLink<'_>| Some(("".into(), "".into()));
    let parser = Parser::new_with_broken_link_callback(
        markdown,
        crate::markdown::options(),
        Some(&mut resolve),
    );
    let mut text = String::with_capacity(markdown.len() + 32);
    let mut pieces = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut skip_depth = 0usize;
    let mut pending = String::new();
    // Where the last event ended: a blank line between it and the next block is a
    // paragraph break to keep.
    let mut last_end = 0usize;
    // What starts a continuation line in this segment's block (`  ` in a `- ` item).
    let line_prefix = paragraph_break.rsplit('\n').next().unwrap_or_default();
    for (event, range) in parser.into_offset_iter() {
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                _ => {}
            }
            continue;
        }
        // A child widens its parent's inner range (an element's own end is not a child).
        if !matches!(event, Event::End(_))
            && let Some(parent) = open.last_mut()
        {
            let inner = parent.inner.get_or_insert(range.start..range.end);
            inner.end = inner.end.max(range.end);
        }
        let raw = &markdown[range.clone()];
        if !matches!(event, Event::Text(_)) {
            flush_text(&mut pending, &mut text, &mut pieces, glossary);
        }
        let block_start = matches!(
            event,
            Event::Html(_) | Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock)
        );
        let gap = markdown
            .get(last_end.saturating_sub(1)..range.start)
            .unwrap_or_default();
        if block_start && last_end > 0 && gap.contains('\n') {
            // A block right under a line (a fence interrupting a paragraph) keeps its
            // line break; after a blank line, the blank line.
            let separator = if gap.contains("\n\n") {
                paragraph_break.to_string()
            } else {
                format!("\n{line_prefix}")
            };
            atom(&mut text, &mut pieces, &separator);
        }
        last_end = last_end.max(range.end);
        let mut atom = |text: &mut String, raw: &str| atom(text, &mut pieces, raw);
        match event {
            // The parser splits text at `[` and `]`: it is protected once whole.
            Event::Text(t) => pending.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => atom(&mut text, &format!("\\\n{line_prefix}")),

            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => atom(&mut text, raw),
            Event::Start(Tag::Image { .. }) => {
                skip_depth = 1;
                atom(&mut text, raw);
            }
            Event::Start(Tag::Link { .. }) if is_autolink(raw) => {
                skip_depth = 1;
                atom(&mut text, raw);
            }
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Superscript
                | Tag::Subscript,
            ) => {
                text.push_str(&format!("<g id=\"{}\">", pieces.len()));
                open.push(Open {
                    id: pieces.len(),
                    element: range,
                    inner: None,
                });
                pieces.push(Piece::Pair(String::new(), String::new()));
            }
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => close(&mut open, &mut pieces, &mut text, markdown),
            _ => {}
        }
    }
    flush_text(&mut pending, &mut text, &mut pieces, glossary);
    Tagged {
        text,
        pieces,
        plain: false,
    }
}

/// Plain text (a title or description in front matter) as text to send.
pub fn plain(value: &str) -> Tagged {
    let mut text = String::with_capacity(value.len());
    escape_xml(value, &mut text);
    Tagged {
        text,
        pieces: Vec::new(),
        plain: true,
    }
}

fn atom(text: &mut String, pieces: &mut Vec<Piece>, raw: &str) {
    text.push_str(&format!("<x id=\"{}\"/>", pieces.len()));
    pieces.push(Piece::Atom(raw.to_string()));
}

/// Writes the text read so far; its URLs, footnote references and glossary terms as
/// kept tags.
fn flush_text(
    pending: &mut String,
    text: &mut String,
    pieces: &mut Vec<Piece>,
    glossary: &Glossary,
) {
    for (piece, kept) in protected(pending, glossary) {
        match kept {
            Some(raw) => atom(text, pieces, &raw),
            None => escape_xml(piece, text),
        }
    }
    pending.clear();
}

/// Ends the innermost pair: its Markdown before and after its children is kept.
fn close(open: &mut Vec<Open>, pieces: &mut [Piece], text: &mut String, markdown: &str) {
    let Some(element) = open.pop() else {
        return;
    };
    let Open { id, element, inner } = element;
    let piece = match inner {
        Some(inner) => Piece::Pair(
            markdown[element.start..inner.start].to_string(),
            markdown[inner.end..element.end].to_string(),
        ),
        // Nothing inside (`[](url)`): the whole element is kept.
        None => Piece::Pair(markdown[element.clone()].to_string(), String::new()),
    };
    pieces[id] = piece;
    text.push_str("</g>");
    if let Some(parent) = open.last_mut() {
        let inner = parent.inner.get_or_insert(element.clone());
        inner.end = inner.end.max(element.end);
    }
}

/// A text split into what is translated and what is kept (with what it becomes): bare
/// URLs and e-mail addresses, footnote references (`[^1]`, text when read on their
/// own), and glossary terms.
fn protected<'t>(text: &'t str, glossary: &Glossary) -> Vec<(&'t str, Option<String>)> {
    let mut spans: Vec<(std::ops::Range<usize>, Option<String>)> = linkify::LinkFinder::new()
        .links(text)
        .map(|link| (link.start()..link.end(), None))
        .collect();
    let mut from = 0;
    while let Some(at) = text[from..].find("[^") {
        let start = from + at;
        match text[start..].find(']') {
            Some(len) if !text[start..start + len].contains(char::is_whitespace) => {
                spans.push((start..start + len + 1, None));
                from = start + len + 1;
            }
            _ => from = start + 2,
        }
    }
    spans.extend(glossary.spans(text).into_iter().map(|(r, b)| (r, Some(b))));
    // At one place, the longest span wins (a URL over a term inside it).
    spans.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out = Vec::new();
    let mut at = 0;
    for (span, becomes) in spans {
        if span.start < at {
            continue;
        }
        if span.start > at {
            out.push((&text[at..span.start], None));
        }
        let kept = becomes.unwrap_or_else(|| text[span.clone()].to_string());
        out.push((&text[span.clone()], Some(kept)));
        at = span.end;
    }
    if at < text.len() {
        out.push((&text[at..], None));
    }
    out
}

fn is_autolink(raw: &str) -> bool {
    raw.starts_with('<') || !raw.starts_with('[')
}

fn escape_xml(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// One token of a reply.
enum Token<'a> {
    Text(&'a str),
    Atom(usize),
    Open(usize),
    Close,
}

impl Tagged {
    /// How many tags the text carries.
    pub fn tags(&self) -> usize {
        self.pieces.len()
    }

    /// Markdown from an engine's reply to [`Tagged::text`], or why it cannot be used.
    pub fn restore(&self, reply: &str) -> Result<String, Problem> {
        // HTML-mode engines write an empty element as a pair (`<x id="0"></x>`).
        let reply = &reply.replace("\"></x>", "\"/>");
        let tokens = tokens(reply)?;
        let mut seen = vec![false; self.pieces.len()];
        let mut stack: Vec<usize> = Vec::new();
        let mut out = String::with_capacity(reply.len() + 16);
        for token in tokens {
            match token {
                Token::Text(text) if self.plain => out.push_str(&unescape_xml(text)),
                Token::Text(text) => escape_markdown(&unescape_xml(text), out.is_empty(), &mut out),
                Token::Atom(id) | Token::Open(id) => {
                    let piece = self
                        .pieces
                        .get(id)
                        .ok_or_else(|| Problem::Unknown(id.to_string()))?;
                    if std::mem::replace(&mut seen[id], true) {
                        return Err(Problem::Repeated(id));
                    }
                    match (piece, &token) {
                        (Piece::Atom(raw), Token::Atom(_)) => out.push_str(raw),
                        (Piece::Pair(open, _), Token::Open(_)) => {
                            out.push_str(open);
                            stack.push(id);
                        }
                        _ => {
                            return Err(Problem::Unknown(format!("{id} as the wrong kind of tag")));
                        }
                    }
                }
                Token::Close => {
                    let id = stack.pop().ok_or_else(|| Problem::Unknown("</g>".into()))?;
                    if let Piece::Pair(_, close) = &self.pieces[id] {
                        out.push_str(close);
                    }
                }
            }
        }
        if let Some(&id) = stack.last() {
            return Err(Problem::Misnested(id));
        }
        if let Some(id) = seen.iter().position(|s| !s) {
            return Err(Problem::Missing(id));
        }
        self.check_nesting(reply)?;
        Ok(out)
    }

    /// Pairs must hold the same tags as in the source: a link cannot swallow the code
    /// span that followed it.
    fn check_nesting(&self, reply: &str) -> Result<(), Problem> {
        let parents = |text: &str| -> Result<Vec<Option<usize>>, Problem> {
            let mut parent = vec![None; self.pieces.len()];
            let mut stack: Vec<usize> = Vec::new();
            for token in tokens(text)? {
                match token {
                    Token::Atom(id) | Token::Open(id) => {
                        if let Some(slot) = parent.get_mut(id) {
                            *slot = stack.last().copied();
                        }
                        if matches!(token, Token::Open(_)) {
                            stack.push(id);
                        }
                    }
                    Token::Close => {
                        stack.pop();
                    }
                    Token::Text(_) => {}
                }
            }
            Ok(parent)
        };
        let (sent, got) = (parents(&self.text)?, parents(reply)?);
        match sent.iter().zip(&got).position(|(a, b)| a != b) {
            Some(id) => Err(Problem::Misnested(id)),
            None => Ok(()),
        }
    }
}

/// Splits a reply into text and tags; anything else that looks like a tag is refused.
fn tokens(reply: &str) -> Result<Vec<Token<'_>>, Problem> {
    let mut out = Vec::new();
    let mut rest = reply;
    while let Some(at) = rest.find('<') {
        if at > 0 {
            out.push(Token::Text(&rest[..at]));
        }
        let end = rest[at..]
            .find('>')
            .map(|e| at + e + 1)
            .ok_or_else(|| Problem::Unknown(rest[at..].chars().take(20).collect()))?;
        let tag = &rest[at..end];
        out.push(parse_tag(tag).ok_or_else(|| Problem::Unknown(tag.to_string()))?);
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(Token::Text(rest));
    }
    Ok(out)
}

fn parse_tag(tag: &str) -> Option<Token<'static>> {
    let inner = tag.strip_prefix('<')?.strip_suffix('>')?.trim();
    if inner == "/g" {
        return Some(Token::Close);
    }
    let (atom, inner) = match inner.strip_suffix('/') {
        Some(inner) => (true, inner.trim_end()),
        None => (false, inner),
    };
    let (name, attr) = inner.split_once(char::is_whitespace)?;
    let id = attr
        .trim()
        .strip_prefix("id=")?
        .trim_matches(|c| c == '"' || c == '\'')
        .parse()
        .ok()?;
    match (name, atom) {
        ("x", true) => Some(Token::Atom(id)),
        ("g", false) => Some(Token::Open(id)),
        _ => None,
    }
}

/// The text of tagged text: tags left out, entities decoded.
pub fn text_only(tagged: &str) -> String {
    match tokens(tagged) {
        Ok(tokens) => tokens
            .iter()
            .map(|t| match t {
                Token::Text(text) => unescape_xml(text),
                _ => " ".into(),
            })
            .collect(),
        Err(_) => unescape_xml(tagged),
    }
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Translated text written so that Markdown reads it as text.
fn escape_markdown(text: &str, at_start: bool, out: &mut String) {
    let mut chars = text.chars().peekable();
    if at_start {
        // A list or heading marker at the start would turn the segment into a block.
        let lead: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = text[lead.len()..].chars().next();
        if !lead.is_empty() && matches!(after, Some('.' | ')')) {
            for _ in 0..lead.chars().count() {
                out.extend(chars.next());
            }
            out.push('\\');
        } else if matches!(chars.peek(), Some('-' | '+' | '#' | '>' | '=')) {
            out.push('\\');
        }
    }
    for c in chars {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_links_and_emphasis_become_tags_and_come_back() {
        let md = "Run `naskah build` to read **the [guide](../x.md \"T\")** now<br>![a](i.png).";
        let tagged = tag(md);
        assert_eq!(
            tagged.text,
            "Run <x id=\"0\"/> to read <g id=\"1\">the <g id=\"2\">guide</g></g> now<x id=\"3\"/><x id=\"4\"/>."
        );
        assert_eq!(tagged.restore(&tagged.text).unwrap(), md);
        let reply = "Jalankan <x id=\"0\"/> untuk membaca <g id=\"1\"><g id=\"2\">panduan</g> ini</g> sekarang<x id=\"3\"/><x id=\"4\"/>.";
        assert_eq!(
            tagged.restore(reply).unwrap(),
            "Jalankan `naskah build` untuk membaca **[panduan](../x.md \"T\") ini** sekarang<br>![a](i.png)."
        );
    }

    #[test]
    fn a_reply_that_loses_repeats_invents_or_moves_a_tag_is_refused() {
        let tagged = tag("See [the guide](g.md) and `x`.");
        assert_eq!(
            tagged.text,
            "See <g id=\"0\">the guide</g> and <x id=\"1\"/>."
        );
        assert_eq!(
            tagged.restore("Lihat <g id=\"0\">panduan</g>."),
            Err(Problem::Missing(1))
        );
        assert_eq!(
            tagged.restore("<x id=\"1\"/><g id=\"0\">a</g><x id=\"1\"/>"),
            Err(Problem::Repeated(1))
        );
        assert!(matches!(
            tagged.restore("<b>a</b>"),
            Err(Problem::Unknown(_))
        ));
        assert_eq!(
            tagged.restore("<g id=\"0\">a <x id=\"1\"/></g>"),
            Err(Problem::Misnested(1))
        );
        assert_eq!(
            tagged.restore("<g id=\"0\">a <x id=\"1\"/>"),
            Err(Problem::Misnested(0))
        );
        // Reordering siblings is a translation's right.
        assert_eq!(
            tagged
                .restore("<x id=\"1\"/> dan <g id=\"0\">panduan</g>")
                .unwrap(),
            "`x` dan [panduan](g.md)"
        );
    }

    #[test]
    fn glossary_terms_are_kept_or_given_their_fixed_translation() {
        let glossary = Glossary::new(vec![
            ("Jejaring Karier".into(), "Jejaring Karier".into()),
            ("data publik".into(), "public data".into()),
            ("data".into(), "data".into()),
        ]);
        let tagged = tag_with(
            "Jejaring Karier memakai data publik, bukan datanya.",
            &glossary,
            "\n\n",
        );
        assert_eq!(
            tagged.text,
            "<x id=\"0\"/> memakai <x id=\"1\"/>, bukan datanya."
        );
        assert_eq!(
            tagged
                .restore("<x id=\"0\"/> uses <x id=\"1\"/>, not its own.")
                .unwrap(),
            "Jejaring Karier uses public data, not its own."
        );
    }

    #[test]
    fn paragraph_breaks_and_html_blocks_of_a_segment_are_kept() {
        let md = "**Details**\n\nThe first argument.\n\n<div class=\"x\">\n\nMore.";
        let tagged = tag_with(md, &Glossary::default(), "\n\n  ");
        assert_eq!(
            tagged.text,
            "<g id=\"0\">Details</g><x id=\"1\"/>The first argument.<x id=\"2\"/><x id=\"3\"/><x id=\"4\"/>More."
        );
        assert_eq!(
            tagged.restore(&tagged.text).unwrap(),
            "**Details**\n\n  The first argument.\n\n  <div class=\"x\">\n\n\n  More."
        );
    }

    #[test]
    fn an_empty_element_written_as_a_pair_is_read() {
        let tagged = tag("Run `x` now.");
        assert_eq!(
            tagged
                .restore("Jalankan <x id=\"0\"></x> sekarang.")
                .unwrap(),
            "Jalankan `x` sekarang."
        );
    }

    #[test]
    fn translated_text_stays_text() {
        let tagged = tag("plain");
        assert_eq!(
            tagged.restore("1. a *b* [c] &lt;d> | e_f").unwrap(),
            "1\\. a \\*b\\* \\[c\\] \\<d> \\| e\\_f"
        );
        assert_eq!(tagged.restore("- x").unwrap(), "\\- x");
        assert_eq!(
            tagged.restore("a &amp; b &lt;c&gt;").unwrap(),
            "a & b \\<c>"
        );
    }

    #[test]
    fn autolinks_footnotes_and_html_are_kept_whole() {
        let md = "See <https://example.org>, https://x.org and a note[^1] in <kbd>Ctrl</kbd>.";
        let tagged = tag(md);
        assert_eq!(tagged.tags(), 5, "{}", tagged.text);
        assert!(!tagged.text.contains("example.org"));
        assert_eq!(tagged.restore(&tagged.text).unwrap(), md);
    }

    #[test]
    fn reference_links_keep_their_label() {
        let md = "Read [the guide][g] first.";
        let tagged = tag(md);
        assert_eq!(tagged.text, "Read <g id=\"0\">the guide</g> first.");
        assert_eq!(
            tagged
                .restore("Baca <g id=\"0\">panduan</g> dulu.")
                .unwrap(),
            "Baca [panduan][g] dulu."
        );
    }
}
