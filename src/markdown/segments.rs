//! Segments: the translatable units of a page, read from its parsed blocks.
//!
//! Consumes: the events of the page's one analysing parse, handed over by
//! [`super::parse`] as it reads them, and the page's front matter.
//! Produces: [`Segment`]s in document order: title, description, headings, paragraphs,
//! list items, table cells and code blocks, each with its file byte range, the index of
//! its top-level block, a normalized text and its invariants (link and image targets,
//! inline code).
//! Guarantees: the normalized text ignores Markdown formatting (emphasis style, line
//! breaks, link URLs) and is NFC with whitespace folded, so reflowing or re-marking a
//! paragraph does not change it.

use std::ops::Range;
use std::sync::Arc;

use compact_str::CompactString;

use pulldown_cmark::{Event, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

use super::Parsed;
use crate::content::Page;
use crate::frontmatter::FrontMatter;

/// What a segment is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum SegmentKind {
    Title,
    Description,
    Heading,
    Paragraph,
    ListItem,
    TableCell,
    CodeBlock,
}

impl SegmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Title => "title",
            SegmentKind::Description => "description",
            SegmentKind::Heading => "heading",
            SegmentKind::Paragraph => "paragraph",
            SegmentKind::ListItem => "list-item",
            SegmentKind::TableCell => "table-cell",
            SegmentKind::CodeBlock => "code-block",
        }
    }
}

/// One translatable unit of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    /// Heading level (1–6) for headings, 0 otherwise.
    pub level: u8,
    /// Index of the top-level block holding it; [`NO_BLOCK`] for front matter (read
    /// through [`Segment::block`]).
    block: u32,
    /// Byte range in the file (read through [`Segment::range`]). 32 bits, as are `block`
    /// and the slices of [`SegmentText`]: no page is read that is 4 GiB or more (see
    /// `content::MAX_PAGE_BYTES`), and a large site keeps millions of segments: 56 bytes each
    /// with these, 72 with `usize`s (reference bench, 2,000 documents: peak resident
    /// memory of `naskah check` 582 -> 553 MiB).
    start: u32,
    end: u32,
    /// Normalized text; for code blocks the code, with trailing spaces trimmed. Where the
    /// file has it as it is, a slice of the file; otherwise its own copy (see
    /// [`SegmentText`]).
    pub text: SegmentText,
    /// [`text_units`] of `text`, counted once when the text is set (the length model
    /// and every alignment ask for it; it is held in the struct's padding). Only
    /// [`Segment::with_text`] sets `text` ([`segments`] then only changes where the same
    /// bytes are kept), so the two agree.
    units: u32,
    /// Link and image targets and inline code, when the segment has any (most have
    /// none: boxed, a segment without them pays one pointer).
    refs: Option<Box<Refs>>,
}

/// A segment's text, read as a `&str`. A site keeps the text of every segment until the
/// build ends, and most are in their file as they are (code blocks; a paragraph,
/// heading or cell written on one line without markup), so those are a slice of the
/// file, which the site holds anyway. Reference bench, 2,000 documents: 87 of 152 MB of
/// segment texts (all 38 MB of code, 43 % of the prose) were such copies. The others
/// are their own: up to 24 bytes (most table cells and headings) held in place, not in
/// an allocation.
#[derive(Clone)]
pub struct SegmentText(Repr);

#[derive(Clone)]
enum Repr {
    Own(CompactString),
    /// `len` bytes at byte `start` of the page's file.
    InFile {
        page: Arc<Page>,
        start: u32,
        len: u32,
    },
    /// Found in the file while the page is parsed, before its [`Arc`] is at hand:
    /// [`segments`] makes it [`Repr::InFile`], so no other module sees one.
    Pending {
        start: u32,
        len: u32,
    },
}

impl SegmentText {
    /// The length in bytes (also of a text not yet resolved).
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Pending { len, .. } => *len as usize,
            _ => self.as_str().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Own(text) => text,
            Repr::InFile { page, start, len } => {
                let (start, len) = (*start as usize, *len as usize);
                // Only made where the file has these bytes (see `Walker::in_body`).
                page.text.get(start..start + len).unwrap_or_default()
            }
            Repr::Pending { .. } => "",
        }
    }

    /// The text as the walker found it, resolved against the page's file `text` (and
    /// `page`, where the segments are kept with it).
    fn resolved(self, text: &str, page: Option<&Arc<Page>>) -> SegmentText {
        let Repr::Pending { start, len } = self.0 else {
            return self;
        };
        SegmentText(match page {
            Some(page) => Repr::InFile {
                page: Arc::clone(page),
                start,
                len,
            },
            None => {
                let (from, len) = (start as usize, len as usize);
                Repr::Own(CompactString::from(
                    text.get(from..from + len).unwrap_or_default(),
                ))
            }
        })
    }
}

impl Default for SegmentText {
    fn default() -> Self {
        SegmentText(Repr::Own(CompactString::default()))
    }
}

impl From<&str> for SegmentText {
    fn from(text: &str) -> Self {
        SegmentText(Repr::Own(CompactString::from(text)))
    }
}

impl std::ops::Deref for SegmentText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SegmentText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SegmentText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SegmentText {}

impl PartialEq<str> for SegmentText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SegmentText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for SegmentText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for SegmentText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A segment's text with its [`text_units`], made only by [`Counted::new`] (which counts
/// them), or by [`normalized`] and the walker's prose and code texts (which count them
/// in the pass that checks the text), so the two agree.
struct Counted {
    text: SegmentText,
    units: usize,
}

impl Counted {
    fn new(text: CompactString) -> Counted {
        let units = text_units(&text);
        Counted {
            text: SegmentText(Repr::Own(text)),
            units,
        }
    }
}

/// A segment's link and image targets, inline code spans and fence language, in one
/// allocation of strings (most held in place): links, then images, then code spans,
/// then the fence language when there is one. A boxed struct of four vectors of
/// `String` took three to five allocations a segment, which on code-heavy pages cost
/// a sixth of the resident memory of `naskah check` (reference bench, 2,000 documents).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Refs {
    items: Box<[CompactString]>,
    /// Where the images start.
    images: u32,
    /// Where the code spans start.
    code: u32,
    /// Where the code spans end (the fence language follows, when there is one).
    fence: u32,
}

/// The refs of the segment being read, kept apart by kind until it closes.
#[derive(Debug, Default)]
struct RefsBuilder {
    links: Vec<CompactString>,
    images: Vec<CompactString>,
    code: Vec<CompactString>,
    fence: Option<CompactString>,
}

impl RefsBuilder {
    /// The refs collected, in one allocation (`None` when there are none); leaves the
    /// builder empty for the next segment, its vectors' capacity kept.
    fn take(&mut self) -> Option<Box<Refs>> {
        let counts = [self.links.len(), self.images.len(), self.code.len()];
        if counts.iter().sum::<usize>() == 0 && self.fence.is_none() {
            return None;
        }
        // A segment with over 4 billion links cannot come from a file naskah reads
        // (files are read whole into memory); saturating keeps the slices in bounds.
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut items = Vec::with_capacity(counts.iter().sum::<usize>() + 1);
        items.append(&mut self.links);
        let images = at(items.len());
        items.append(&mut self.images);
        let code = at(items.len());
        items.append(&mut self.code);
        let fence = at(items.len());
        items.extend(self.fence.take());
        Some(Box::new(Refs {
            items: items.into_boxed_slice(),
            images,
            code,
            fence,
        }))
    }
}

impl Refs {
    fn slice(&self, from: u32, to: u32) -> &[CompactString] {
        self.items.get(from as usize..to as usize).unwrap_or(&[])
    }
}

/// [`Segment::block`] of a front matter segment.
const NO_BLOCK: u32 = u32::MAX;

/// An offset or index as kept in a segment. Pages are under 4 GiB (checked as they are
/// read), so nothing is cut; a text made elsewhere that is larger gets its last
/// positions wrong, not a crash.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX - 1)
}

impl Segment {
    fn new(kind: SegmentKind, level: u8, block: Option<usize>, range: Range<usize>) -> Self {
        Segment {
            kind,
            level,
            block: block.map_or(NO_BLOCK, narrow),
            start: narrow(range.start),
            end: narrow(range.end),
            text: SegmentText::default(),
            units: 0,
            refs: None,
        }
    }

    /// Index of the top-level block holding it; `None` for front matter.
    pub fn block(&self) -> Option<usize> {
        (self.block != NO_BLOCK).then_some(self.block as usize)
    }

    /// Byte range in the file.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The segment with its text and the text's [`text_units`].
    fn with_text(mut self, Counted { text, units }: Counted) -> Self {
        self.units = u32::try_from(units).unwrap_or(u32::MAX);
        self.text = text;
        self
    }

    /// The text's length in script-neutral units ([`text_units`]).
    pub fn units(&self) -> usize {
        self.units as usize
    }

    /// Link targets, as written.
    pub fn links(&self) -> &[CompactString] {
        self.refs.as_ref().map_or(&[], |r| r.slice(0, r.images))
    }

    /// Image sources, as written.
    pub fn images(&self) -> &[CompactString] {
        self.refs
            .as_ref()
            .map_or(&[], |r| r.slice(r.images, r.code))
    }

    /// Inline code spans.
    pub fn code(&self) -> &[CompactString] {
        self.refs.as_ref().map_or(&[], |r| r.slice(r.code, r.fence))
    }

    /// A fenced code block's language, lower case (`sh` for ```` ```sh title=x ````);
    /// `None` for other segments and for code blocks without one.
    pub fn fence(&self) -> Option<&str> {
        let refs = self.refs.as_ref()?;
        refs.items
            .get(refs.fence as usize)
            .map(CompactString::as_str)
    }
}

/// The segments of a page: those of its front matter and title, then those of its blocks
/// (moved out of `parsed`). Texts the file has as they are stay slices of `page`.
pub fn segments(parsed: &mut Parsed, page: &Arc<Page>) -> Vec<Segment> {
    collect(parsed, &page.front, &page.text, Some(page))
}

/// [`segments`] of a file's `text` held by no page: every text is its own copy.
pub fn segments_of_text(parsed: &mut Parsed, front: &FrontMatter, text: &str) -> Vec<Segment> {
    collect(parsed, front, text, None)
}

fn collect(
    parsed: &mut Parsed,
    front: &FrontMatter,
    text: &str,
    page: Option<&Arc<Page>>,
) -> Vec<Segment> {
    // Exact size: the segments are kept for the whole build.
    let front_count = usize::from(parsed.title.is_some() && front.title.is_none())
        + usize::from(front.title.is_some())
        + usize::from(front.description.is_some());
    let mut out = Vec::with_capacity(parsed.block_segments.len() + front_count);
    // A leading `# Title` that became the page title is the title segment (level 1).
    if front.title.is_none()
        && let (Some(title), Some(range)) = (&parsed.title, &parsed.title_range)
    {
        out.push(
            Segment::new(SegmentKind::Title, 1, None, range.clone()).with_text(normalized(title)),
        );
    }
    for (key, kind, value) in [
        ("title", SegmentKind::Title, &front.title),
        ("description", SegmentKind::Description, &front.description),
    ] {
        if let Some(value) = value {
            out.push(front_matter_segment(kind, key, value, text));
        }
    }
    // Moved, and the walker's buffer freed (`append` would keep it in `parsed`).
    out.extend(
        std::mem::take(&mut parsed.block_segments)
            .into_iter()
            .map(|segment| Segment {
                text: segment.text.resolved(text, page),
                ..segment
            }),
    );
    out
}

fn front_matter_segment(kind: SegmentKind, key: &str, value: &str, text: &str) -> Segment {
    let start = text
        .match_indices(key)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || text.as_bytes()[i - 1] == b'\n')
        .unwrap_or(0);
    let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
    Segment::new(kind, 0, None, start..end).with_text(normalized(value))
}

/// Collects segments from the events of a page's blocks, one method per event kind.
pub(crate) struct Walker<'a> {
    /// The page's body, which starts at byte `offset` of its file.
    body: &'a str,
    offset: usize,
    /// Where in the file the open segment's text starts (its first text event).
    text_at: usize,
    block: usize,
    open: Option<Segment>,
    /// The open segment's refs as they are read.
    refs: RefsBuilder,
    /// The open segment's text as it grows: one buffer for all of a page's segments,
    /// each text then copied once at its final size.
    text: String,
    out: Vec<Segment>,
}

impl<'a> Walker<'a> {
    /// A walker for `body`, which starts at byte `offset` of its file.
    pub(crate) fn new(body: &'a str, offset: usize) -> Self {
        Walker {
            body,
            offset,
            text_at: 0,
            block: 0,
            open: None,
            refs: RefsBuilder::default(),
            text: String::new(),
            // About one segment per 64 bytes of Markdown; the vector is temporary
            // ([`segments`] copies the segments into one of the exact size).
            out: Vec::with_capacity(body.len() / 64 + 4),
        }
    }

    /// The top-level block the next events belong to.
    pub(crate) fn set_block(&mut self, index: usize) {
        self.block = index;
    }

    pub(crate) fn finish(self) -> Vec<Segment> {
        self.out
    }

    pub(crate) fn event(&mut self, event: &Event<'_>, range: &Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(*tag, range),
            Event::Text(text) => self.text(text, range),
            Event::Code(code) => self.code(code, range),
            Event::SoftBreak | Event::HardBreak => self.text(" ", range),
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: &Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => self.open(SegmentKind::Heading, *level as u8, range),
            Tag::Paragraph if self.open.is_none() => self.open(SegmentKind::Paragraph, 0, range),
            Tag::Item => self.open(SegmentKind::ListItem, 0, range),
            Tag::TableCell => self.open(SegmentKind::TableCell, 0, range),
            Tag::CodeBlock(kind) => {
                self.open(SegmentKind::CodeBlock, 0, range);
                if let pulldown_cmark::CodeBlockKind::Fenced(info) = kind
                    && let Some(fence) = fence_language(info)
                {
                    self.current(range);
                    self.refs.fence = Some(CompactString::from(fence));
                }
            }
            Tag::Link { dest_url, .. } => {
                self.current(range);
                self.refs.links.push(CompactString::from(&**dest_url));
            }
            Tag::Image { dest_url, .. } => {
                self.current(range);
                self.refs.images.push(CompactString::from(&**dest_url));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: &Range<usize>) {
        let closes = match tag {
            TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock => true,
            TagEnd::Paragraph => self
                .open
                .as_ref()
                .is_some_and(|s| s.kind == SegmentKind::Paragraph),
            _ => false,
        };
        if closes {
            self.flush(range.end);
        }
    }

    fn text(&mut self, text: &str, range: &Range<usize>) {
        self.current(range);
        self.push_text(text, range);
    }

    fn code(&mut self, code: &str, range: &Range<usize>) {
        self.current(range);
        self.refs.code.push(CompactString::from(code));
        self.push_text(code, range);
    }

    fn push_text(&mut self, text: &str, range: &Range<usize>) {
        if self.text.is_empty() {
            self.text_at = range.start;
        }
        self.text.push_str(text);
    }

    /// A nested item closes its parent item's segment: each item is its own unit.
    fn open(&mut self, kind: SegmentKind, level: u8, range: &Range<usize>) {
        self.flush(range.start);
        self.open = Some(Segment::new(kind, level, Some(self.block), range.clone()));
    }

    /// The open segment, or a paragraph for text outside any (e.g. after a nested list).
    fn current(&mut self, range: &Range<usize>) -> &mut Segment {
        if self.open.is_none() {
            self.open(SegmentKind::Paragraph, 0, range);
        }
        self.open.get_or_insert_with(|| unreachable_segment(range))
    }

    /// Closes the open segment at byte `end` (also called when a block ends).
    pub(crate) fn flush(&mut self, end: usize) {
        let Some(mut segment) = self.open.take() else {
            return;
        };
        segment.end = narrow(end).max(segment.start);
        let text = if segment.kind == SegmentKind::CodeBlock {
            self.code_text()
        } else {
            self.prose_text()
        };
        let mut segment = segment.with_text(text);
        segment.refs = self.refs.take();
        self.text.clear();
        let empty =
            segment.text.is_empty() && segment.links().is_empty() && segment.images().is_empty();
        if !empty {
            self.out.push(segment);
        }
    }
}

impl Walker<'_> {
    /// The open code block's text: its lines without trailing spaces, without blank
    /// lines at either end.
    fn code_text(&self) -> Counted {
        let code = self.text.trim_matches('\n');
        let clean = code
            .split('\n')
            .all(|line| !line.ends_with(char::is_whitespace));
        if clean {
            let at = self.text_at + (self.text.len() - self.text.trim_start_matches('\n').len());
            if let Some(text) = self.in_body(code, at, text_units(code)) {
                return text;
            }
        }
        let lines: Vec<&str> = self.text.lines().map(str::trim_end).collect();
        Counted::new(CompactString::from(lines.join("\n").trim_matches('\n')))
    }

    /// The open segment's normalized text.
    fn prose_text(&self) -> Counted {
        match units_if_normalized(&self.text) {
            Some(units) => self
                .in_body(&self.text, self.text_at, units)
                .unwrap_or_else(|| Counted {
                    text: SegmentText::from(self.text.as_str()),
                    units,
                }),
            None => normalized(&self.text),
        }
    }

    /// `text` as the slice of the file at byte `at`, when the file has it there.
    fn in_body(&self, text: &str, at: usize, units: usize) -> Option<Counted> {
        let from = at.checked_sub(self.offset)?;
        if self.body.get(from..from + text.len())? != text {
            return None;
        }
        let start = u32::try_from(at).ok()?;
        let len = u32::try_from(text.len()).ok()?;
        Some(Counted {
            text: SegmentText(Repr::Pending { start, len }),
            units,
        })
    }
}

/// The language of a fence's info string: its first word, lower case, without the
/// braces and dots of attribute syntax (```` ```{.python} ````, ```` ```js title="a" ````).
fn fence_language(info: &str) -> Option<String> {
    let word = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
        .find(|w| !w.is_empty())?;
    let word = word.trim_start_matches('.').to_ascii_lowercase();
    (!word.is_empty()).then_some(word)
}

/// Length of a text in units comparable across scripts: a CJK character carries about as
/// much as three Latin letters, so brand names in Latin inside Chinese text do not skew
/// ratios.
pub fn text_units(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(char_units).sum()
}

/// What one character weighs in [`text_units`].
fn char_units(c: char) -> usize {
    if is_cjk(c) { 3 } else { 1 }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn unreachable_segment(range: &Range<usize>) -> Segment {
    Segment::new(SegmentKind::Paragraph, 0, None, range.clone())
}

/// [`normalize`], at its final size, with its [`text_units`]: most texts are normalized
/// already and are copied as they are.
fn normalized(text: &str) -> Counted {
    match units_if_normalized(text) {
        Some(units) => Counted {
            text: SegmentText::from(text),
            units,
        },
        None => Counted::new(CompactString::from(normalize(text).as_str())),
    }
}

/// The [`text_units`] of `text` if [`normalize`] would leave it as it is (single spaces
/// between words, NFC), `None` if not. One pass over the characters: this runs for
/// every segment of every page, and the spacing, the composition and the count were
/// three passes, a fifth of the Markdown stage. A table lookup only for a text that has
/// a character outside [`composed_alone`].
fn units_if_normalized(text: &str) -> Option<usize> {
    let (mut after_space, mut alone, mut units) = (true, true, 0);
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return None;
            }
            after_space = true;
            units += 1;
        } else if c.is_ascii() {
            if c.is_ascii_whitespace() || c == '\u{0B}' {
                return None;
            }
            after_space = false;
            units += 1;
        } else {
            if c.is_whitespace() {
                return None;
            }
            alone &= composed_alone(c);
            after_space = false;
            units += char_units(c);
        }
    }
    let nfc = alone || nfc_by_table(text);
    ((!after_space || text.is_empty()) && nfc).then_some(units)
}

fn is_nfc(text: &str) -> bool {
    text.is_ascii() || text.chars().all(composed_alone) || nfc_by_table(text)
}

/// NFC by Unicode's quick-check table ("maybe" counts as no: [`normalize`] composes).
/// A character [`composed_alone`] is looked up as `a`: both are starters the check
/// passes, and either way the check goes on as after a starter; so only the others
/// (an Arabic vowel mark, a combining accent) cost the two table lookups, not every
/// character of a text that has one of them.
fn nfc_by_table(text: &str) -> bool {
    let looked_up = text
        .chars()
        .map(|c| if composed_alone(c) { 'a' } else { c });
    unicode_normalization::is_nfc_quick(looked_up) == unicode_normalization::IsNormalized::Yes
}

/// Characters that are in NFC whatever surrounds them (quick check "yes", combining
/// class 0; a test checks each): Latin up to the combining marks, Arabic letters,
/// digits and punctuation, general punctuation (dashes, quotes, ellipsis, the narrow
/// no-break space of French typography), kana, CJK ideographs and punctuation, full-
/// and half-width forms. A text made of these alone needs no table lookup per
/// character, which was a fifth of the Markdown pass.
fn composed_alone(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{02FF}'
            | '\u{060C}'..='\u{060F}'
            | '\u{061B}'..='\u{064A}'
            | '\u{0660}'..='\u{066D}'
            | '\u{2010}'..='\u{202F}'
            | '\u{3000}'..='\u{3029}'
            | '\u{3041}'..='\u{3096}'
            | '\u{309B}'..='\u{30FF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF01}'..='\u{FF9D}'
    )
}

/// NFC with every run of whitespace folded to one space, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let composed;
    let text = if is_nfc(text) {
        text
    } else {
        composed = text.nfc().collect::<String>();
        &composed
    };
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn characters_composed_alone_are_nfc_next_to_anything() {
        use unicode_normalization::char::canonical_combining_class;
        let all = (0..=0x10FFFF_u32).filter_map(char::from_u32);
        let mut checked = 0;
        for c in all.filter(|&c| composed_alone(c)) {
            let alone = unicode_normalization::is_nfc_quick(std::iter::once(c));
            assert_eq!(alone, unicode_normalization::IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            checked += 1;
        }
        assert!(checked > 20_000);
    }

    /// Texts that mix characters [`composed_alone`] with combining marks in and out of
    /// canonical order, Hangul jamo ("maybe") and characters NFC never keeps ("no"):
    /// the quick check with the former looked up as `a` says what it says without.
    #[test]
    fn the_table_check_agrees_with_the_quick_check() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let pool = [
            'a', 'é', 'ب', 'ك', '中', 'ア', '\u{202F}', ' ', '\u{0301}', '\u{0323}', '\u{064E}',
            '\u{0651}', '\u{0650}', '\u{1100}', '\u{1161}', '\u{0958}', 'Å',
        ];
        let next = crate::testing::xorshift(0x5851_f42d_4c95_7f2d);
        let (mut yes, mut not) = (0, 0);
        for _ in 0..20_000 {
            let text: String = (0..next(6)).map(|_| pool[next(pool.len())]).collect();
            let by_table = nfc_by_table(&text);
            assert_eq!(
                by_table,
                is_nfc_quick(text.chars()) == IsNormalized::Yes,
                "{text:?}"
            );
            if by_table { yes += 1 } else { not += 1 }
        }
        assert!(yes > 1000 && not > 1000, "{yes} {not}");
    }

    /// The segments of `md` as a site reads them (texts in the file kept as slices of
    /// it), checked against every text its own copy.
    fn segs(md: &str) -> Vec<Segment> {
        checked(md, 0)
    }

    /// [`segs`] of a file whose body starts at `body_start`.
    pub(super) fn checked(text: &str, body_start: usize) -> Vec<Segment> {
        let page = Page::of_text(text, body_start);
        let mut parsed = parse(page.body(), body_start, false);
        let own = segments_of_text(&mut parsed.clone(), &page.front, text);
        let shared = segments(&mut parsed, &page);
        assert_eq!(own, shared);
        let units = |s: &[Segment]| s.iter().map(Segment::units).collect::<Vec<_>>();
        assert_eq!(units(&own), units(&shared));
        shared
    }

    #[test]
    fn kinds_and_texts() {
        let s = segs(
            "## Judul\n\nSatu *dua*\ntiga [tautan](a.md).\n\n- a `kode`\n- b\n  - c\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n```sh\nls -l   \n```\n",
        );
        let kinds: Vec<_> = s.iter().map(|s| s.kind).collect();
        use SegmentKind::*;
        assert_eq!(
            kinds,
            [
                Heading, Paragraph, ListItem, ListItem, ListItem, TableCell, TableCell, TableCell,
                TableCell, CodeBlock
            ]
        );
        assert_eq!(s[1].text, "Satu dua tiga tautan.");
        assert_eq!(s[1].links(), ["a.md"]);
        assert_eq!(s[2].code(), ["kode"]);
        assert_eq!(s[4].text, "c");
        assert_eq!(s[9].text, "ls -l");
        assert_eq!(s[3].block(), Some(2));
    }

    #[test]
    fn formatting_and_reflow_do_not_change_text() {
        let a = segs("Satu *dua* tiga\nempat.\n");
        let b = segs("Satu _dua_ tiga empat.\n");
        assert_eq!(a[0].text, b[0].text);
    }

    #[test]
    fn segments_stay_small() {
        // A site keeps every segment of every page for the whole build.
        assert!(std::mem::size_of::<Segment>() <= 56);
        assert!(std::mem::size_of::<SegmentText>() <= 24);
        let s = segs("Teks [tautan](a.md) ![g](g.png) `kode`.\n\nTanpa apa-apa.\n");
        assert_eq!(
            (s[0].links(), s[0].images(), s[0].code()),
            (
                &[CompactString::from("a.md")][..],
                &[CompactString::from("g.png")][..],
                &[CompactString::from("kode")][..]
            )
        );
        assert!(s[1].refs.is_none());
    }

    #[test]
    fn refs_keep_their_kinds_apart_and_stay_with_their_segment() {
        let strs = |items: &[CompactString]| -> Vec<String> {
            items.iter().map(ToString::to_string).collect()
        };
        let s = segs(
            "`a` [x](x.md) ![i](i.png) `b` [y](y.md)\n\n- `c` [z](z.md)\n  - ![j](j.png) `d`\n\n```Sh {.x}\nls\n```\n",
        );
        let refs: Vec<_> = s
            .iter()
            .map(|s| (strs(s.links()), strs(s.images()), strs(s.code()), s.fence()))
            .collect();
        let v = |items: &[&str]| -> Vec<String> { items.iter().map(ToString::to_string).collect() };
        assert_eq!(
            refs,
            [
                (v(&["x.md", "y.md"]), v(&["i.png"]), v(&["a", "b"]), None),
                (v(&["z.md"]), v(&[]), v(&["c"]), None),
                (v(&[]), v(&["j.png"]), v(&["d"]), None),
                (v(&[]), v(&[]), v(&[]), Some("sh")),
            ]
        );
    }

    #[test]
    fn texts_normalized_at_their_size_are_what_normalize_gives() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a b",
            "a b ",
            "a  b",
            "a\tb",
            "a\u{00A0}b",
            "Cafe\u{0301} au lait",
            "データ  学習",
            "a\u{0B}b",
            "a\nb",
            "mot\u{202F};",
            "a\u{3000}b",
            "\u{0627}\u{0653}",
            "\u{0622}",
            "مَرْحَبًا بِكُمْ",
            "a\u{0301}\u{0316}",
            "a\u{0316}\u{0301}",
            "データ 学習 AI",
            "한국어 텍스트",
            "\u{F900}\u{3400}x",
        ] {
            let counted = normalized(text);
            assert_eq!(counted.text.as_str(), normalize(text), "{text:?}");
            assert_eq!(counted.units, text_units(&counted.text), "{text:?}");
            let unchanged = normalize(text) == text;
            assert_eq!(units_if_normalized(text).is_some(), unchanged, "{text:?}");
        }
    }

    #[test]
    fn loose_list_items_are_one_segment_each() {
        let s = segs("- Satu\n\n  Dua\n\n- Tiga\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "SatuDua");
    }
}

#[cfg(test)]
mod in_file_tests {
    use super::*;

    /// Where each segment's text is kept, and the text.
    fn kept(text: &str) -> Vec<(bool, String)> {
        let body_start = text.find("+++\n\n").map_or(0, |at| at + 5);
        super::tests::checked(text, body_start)
            .iter()
            .map(|s| (matches!(s.text.0, Repr::InFile { .. }), s.text.to_string()))
            .collect()
    }

    #[test]
    fn texts_the_file_has_as_they_are_are_slices_of_it() {
        let md = "+++\ntitle = \"x\"\n+++\n\n## Judul\n\nSatu baris saja.\n\nDua\nbaris.\n\nSatu *tebal*.\n\n| a | b c |\n|---|---|\n\n```sh\nls -l\ncd /\n```\n\n```sh\nls -l   \n```\n\n- butir\n";
        let at = |s: &str| (true, s.to_string());
        let own = |s: &str| (false, s.to_string());
        assert_eq!(
            kept(md),
            [
                at("Judul"),
                at("Satu baris saja."),
                own("Dua baris."),
                own("Satu tebal."),
                at("a"),
                at("b c"),
                at("ls -l\ncd /"),
                own("ls -l"),
                at("butir"),
            ]
        );
    }

    #[test]
    fn text_unlike_the_file_is_its_own_copy() {
        // Indentation, escapes and line ends: the file's bytes differ from the text.
        // (A one-line block ending in CR LF is in the file: its text ends before them.)
        let md = "- a\n\n  ```\n  ls\n  cd\n  ```\n\nA \\* b\n\n```\r\nls\r\ncd\r\n```\r\n\n```\r\nls\r\n```\r\n";
        assert_eq!(
            kept(md),
            [
                (true, "a".into()),
                own_text("ls\ncd"),
                own_text("A * b"),
                own_text("ls\ncd"),
                (true, "ls".into()),
            ]
        );
    }

    fn own_text(s: &str) -> (bool, String) {
        (false, s.to_string())
    }
}
