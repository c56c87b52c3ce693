//! Markdown: one analysing parse per page, kept as top-level blocks and segments.
//!
//! Consumes: the Markdown body of one page and its byte offset in the file.
//! Produces: [`Parsed`]: top-level blocks (kind, file byte range, heading anchor), the
//! table of contents, every link and image destination with its position, and the
//! segments drift reads, all collected in one pass over the parser's events. The events
//! are not kept: [`render_blocks`] writes a page's HTML by parsing its body again with
//! the anchors the first pass assigned and the caller's link rewriting.
//! Guarantees: heading anchors are unique within the page and never empty, for any
//! script; explicit `{#id}` anchors are kept as written; the HTML pass sees the same
//! blocks as the analysing pass (same parser, same options, same body).

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::rc::Rc;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

pub mod highlight;
pub mod segments;

/// What a top-level block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    List,
    Table,
    BlockQuote,
    CodeBlock,
    Html,
    Rule,
    FootnoteDefinition,
    Other,
}

/// One top-level block of a page.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range in the whole file (front matter included).
    pub range: Range<usize>,
    /// The heading's anchor, for headings.
    pub anchor: Option<String>,
}

/// An entry of the table of contents (level 2 and 3 headings).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link or image destination as written, with its byte offset in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    pub offset: usize,
    pub is_image: bool,
}

/// The single parse of one page.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    pub toc: Vec<TocEntry>,
    pub links: Vec<LinkRef>,
    /// Text of a leading level-1 heading, which was removed from `blocks`
    /// (only when `take_title` was asked for).
    pub title: Option<String>,
    /// Where that heading was in the file.
    pub title_range: Option<Range<usize>>,
    /// The segments of the blocks, collected during the parse (see [`segments::segments`]).
    pub block_segments: Vec<segments::Segment>,
}

/// The Markdown dialect: CommonMark plus the GFM extensions the README promises.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Parses `body`, which starts at byte `offset` of its file. With `take_title`, a
/// leading `# Heading` becomes the page title instead of a block.
pub fn parse(body: &str, offset: usize, take_title: bool) -> Parsed {
    let mut state = ParseState::new(take_title, body, offset);
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        state.event(&event, range.start + offset..range.end + offset);
    }
    state.finish()
}

/// Walks the event stream once, one method per event kind. The events are not kept:
/// segments are collected as they pass, and the HTML pass parses the body again
/// ([`render_blocks`]), which costs less than holding every event of the site in memory
/// between the two (perf: most of the parse stage was the kernel zeroing fresh pages).
struct ParseState<'a> {
    take_title: bool,
    /// The first block is a `# Title` that `take_title` removes.
    title_block: bool,
    depth: usize,
    blocks: Vec<Block>,
    links: Vec<LinkRef>,
    heading_text: Option<String>,
    explicit_ids: Vec<Option<String>>,
    segments: segments::Walker<'a>,
}

impl<'a> ParseState<'a> {
    fn new(take_title: bool, body: &'a str, offset: usize) -> Self {
        ParseState {
            take_title,
            title_block: false,
            depth: 0,
            blocks: Vec::new(),
            links: Vec::new(),
            heading_text: None,
            explicit_ids: Vec::new(),
            segments: segments::Walker::new(body, offset),
        }
    }

    fn event(&mut self, event: &Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, &range),
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => self.text(text),
            _ => {}
        }
        if opens_block(event, self.depth) {
            self.open_block(event, &range);
        }
        let in_title = self.title_block && self.blocks.len() == 1;
        if let Some(block) = self.blocks.last_mut() {
            if let Event::End(TagEnd::Heading(_)) = event {
                block.anchor = self.heading_text.take();
            }
            if !in_title {
                self.segments.event(event, &range);
                if self.depth == 0 {
                    self.segments.flush(block.range.end);
                }
            }
        }
    }

    fn open_block(&mut self, event: &Event<'_>, range: &Range<usize>) {
        let kind = block_kind(event);
        if self.blocks.is_empty() && self.take_title && kind == BlockKind::Heading(1) {
            self.title_block = true;
        }
        let explicit_id = match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        };
        self.blocks.push(Block {
            kind,
            range: range.clone(),
            anchor: None,
        });
        self.explicit_ids.push(explicit_id);
        // The title block's own events are not walked.
        let index = self.blocks.len() - 1;
        self.segments
            .set_block(index.saturating_sub(usize::from(self.title_block)));
    }

    fn start(&mut self, tag: &Tag<'_>, range: &Range<usize>) {
        self.depth += 1;
        match tag {
            Tag::Link { dest_url, .. } => self.link(dest_url, range, false),
            Tag::Image { dest_url, .. } => self.link(dest_url, range, true),
            Tag::Heading { .. } => self.heading_text = Some(String::new()),
            _ => {}
        }
    }

    fn link(&mut self, dest: &CowStr<'_>, range: &Range<usize>, is_image: bool) {
        self.links.push(LinkRef {
            dest: dest.to_string(),
            offset: range.start,
            is_image,
        });
    }

    fn text(&mut self, text: &str) {
        if let Some(heading) = &mut self.heading_text {
            heading.push_str(text);
        }
    }

    /// Resolves anchors (the heading text was stashed in `anchor` while parsing).
    fn finish(mut self) -> Parsed {
        let mut title = None;
        let mut title_range = None;
        if self.title_block {
            let block = self.blocks.remove(0);
            self.explicit_ids.remove(0);
            title_range = Some(block.range);
            title = block.anchor;
        }
        let mut used = Anchors::default();
        for id in THEME_IDS {
            used.used.insert(id.to_string());
        }
        // Explicit ids first: links are written against them (in every language), so an
        // earlier heading's generated anchor must not take one and push it to `-1`.
        let explicit: Vec<Option<String>> = self
            .explicit_ids
            .into_iter()
            .map(|id| id.map(|id| unique_anchor(id, &mut used)))
            .collect();
        let mut toc = Vec::new();
        for (block, explicit_id) in self.blocks.iter_mut().zip(explicit) {
            let BlockKind::Heading(level) = block.kind else {
                continue;
            };
            let text = block.anchor.take().unwrap_or_default();
            let id = explicit_id.unwrap_or_else(|| unique_anchor(slugify(&text), &mut used));
            if (2..=3).contains(&level) {
                toc.push(TocEntry {
                    level,
                    id: id.clone(),
                    title: text.trim().to_string(),
                });
            }
            block.anchor = Some(id);
        }
        // Kept for the whole build: no growth slack.
        self.blocks.shrink_to_fit();
        self.links.shrink_to_fit();
        Parsed {
            blocks: self.blocks,
            toc,
            links: self.links,
            title: title.map(|t| t.trim().to_string()),
            title_range,
            block_segments: self.segments.finish(),
        }
    }
}

/// Whether `event`, seen at `depth` (after a start tag counted itself), opens a top-level
/// block: a start tag at the top, or a lone event (rule, HTML) between blocks.
fn opens_block(event: &Event<'_>, depth: usize) -> bool {
    match event {
        Event::Start(_) => depth == 1,
        Event::End(_) => false,
        _ => depth == 0,
    }
}

fn block_kind(event: &Event<'_>) -> BlockKind {
    match event {
        Event::Start(Tag::Heading { level, .. }) => BlockKind::Heading(heading_number(*level)),
        Event::Start(Tag::Paragraph) => BlockKind::Paragraph,
        Event::Start(Tag::List(_)) => BlockKind::List,
        Event::Start(Tag::Table(_)) => BlockKind::Table,
        Event::Start(Tag::BlockQuote(_)) => BlockKind::BlockQuote,
        Event::Start(Tag::CodeBlock(_)) => BlockKind::CodeBlock,
        Event::Start(Tag::HtmlBlock) | Event::Html(_) => BlockKind::Html,
        Event::Rule => BlockKind::Rule,
        Event::Start(Tag::FootnoteDefinition(_)) => BlockKind::FootnoteDefinition,
        _ => BlockKind::Other,
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// The ids the built-in theme gives elements of every page (the skip link's target, the
/// search box): no heading takes them (`## Main` is `main-1`), or a page would have
/// two elements with one id. A test holds the list to the templates.
pub const THEME_IDS: [&str; 3] = ["main", "search-input", "search-results"];

/// Anchors taken on a page, and for each base the next suffix worth trying: suffixes
/// below it were all taken when it was recorded and still are (the set only grows), so
/// thousands of equal headings take linear time, not quadratic, with the same result.
#[derive(Default)]
struct Anchors {
    used: HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

fn unique_anchor(base: String, anchors: &mut Anchors) -> String {
    if anchors.used.insert(base.clone()) {
        return base;
    }
    let n = anchors.next.entry(base.clone()).or_insert(1);
    loop {
        let candidate = format!("{base}-{n}");
        *n += 1;
        if anchors.used.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// A URL fragment for any script: letters and digits of every alphabet are kept
/// (lower-cased where the script has case), everything else becomes a single `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' || is_combining_mark(c) {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug.to_string()
    }
}

/// Marks that belong to the letter before them (Arabic harakat, Devanagari vowel signs):
/// dropping them would change the word.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{3099}'..='\u{309A}')
}

/// Decides where links and images point in the output.
pub trait LinkRewriter {
    /// The destination to write for `dest`, or `None` to keep it as written.
    fn rewrite(&self, dest: &str, is_image: bool) -> Option<String>;
}

/// The labels of GitHub's alerts (`> [!NOTE]`, `TIP`, `IMPORTANT`, `WARNING`,
/// `CAUTION`), in the language of the page they are shown on; and of a task list's
/// checkboxes (`- [x]`), which have no label of their own.
pub trait AlertLabels {
    fn label(&self, kind: BlockQuoteKind) -> String;

    /// The accessible name of a task's checkbox: done, or not yet.
    fn task(&self, done: bool) -> String {
        if done { "Done" } else { "Not done" }.to_string()
    }
}

/// English labels, where no page language is at hand (tests, tools).
pub struct EnglishAlerts;

impl AlertLabels for EnglishAlerts {
    fn label(&self, kind: BlockQuoteKind) -> String {
        alert_name(kind).to_string()
    }
}

/// The alert's kind as its class names it (`note`, `tip`…); English labels capitalise it.
pub fn alert_name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}

/// An alert's opening HTML: a note with its label and an icon drawn for naskah (the
/// label is the accessible name; the icon is decoration).
fn alert_start(kind: BlockQuoteKind, label: &str) -> String {
    let class = alert_name(kind).to_ascii_lowercase();
    let icon = match kind {
        BlockQuoteKind::Note => r#"<circle cx="8" cy="8" r="6.5"/><path d="M8 7v4M8 4.5v.5"/>"#,
        BlockQuoteKind::Tip => r#"<path d="M5.5 10.5a4 4 0 1 1 5 0V12h-5zM6 14h4"/>"#,
        BlockQuoteKind::Important => {
            r#"<rect x="1.5" y="1.5" width="13" height="13" rx="2"/><path d="M8 4v5M8 11v.5"/>"#
        }
        BlockQuoteKind::Warning => r#"<path d="M8 1.5 15 14H1zM8 6v4M8 11.5v.5"/>"#,
        BlockQuoteKind::Caution => {
            r#"<path d="M5 1.5h6L14.5 5v6L11 14.5H5L1.5 11V5zM8 4.5v4.5M8 11v.5"/>"#
        }
    };
    format!(
        "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\"><svg class=\"alert-icon\" aria-hidden=\"true\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{icon}</svg>{}</p>\n",
        crate::marks::escape(label)
    )
}

/// The HTML of a page's blocks, written in one string: block `i` is
/// `html[ends[i - 1]..ends[i]]`.
#[derive(Debug, Clone, Default)]
pub struct BlocksHtml {
    html: String,
    ends: Vec<usize>,
}

impl BlocksHtml {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The HTML of block `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.html[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Every block, in order.
    pub fn into_html(self) -> String {
        self.html
    }
}

/// How [`render_blocks`] writes a page.
#[derive(Clone, Copy)]
pub struct HtmlOptions<'a> {
    /// Rewrites link and image destinations.
    pub links: &'a dyn LinkRewriter,
    /// Labels GitHub alerts in the page's language.
    pub alerts: &'a dyn AlertLabels,
    /// List items to mark as drifted: where each starts in the body, and the drift kind.
    pub marked: &'a [(usize, &'a str)],
    /// Highlights fenced code blocks (`[content] highlight`).
    pub highlight: bool,
}

/// Renders a page's blocks to HTML in one writer pass (so footnote numbers run across
/// blocks), recording where each block ends. `body` is the Markdown that `parsed` was
/// parsed from: it is parsed again here, with the anchors the first parse assigned.
/// `marked` lists list items to mark, by the byte offset in `body` where each starts,
/// with a drift kind: their `<li>` gets `class="drift-item" data-drift="KIND"`, so a
/// page marks the one item of a list that changed, not the list.
pub fn render_blocks(parsed: &Parsed, body: &str, how: &HtmlOptions) -> BlocksHtml {
    let HtmlOptions {
        links,
        alerts,
        marked,
        highlight,
    } = *how;
    let mut html = String::with_capacity(body.len() * 3 / 2);
    let written = Rc::new(Cell::new(0usize));
    let ends = Rc::new(std::cell::RefCell::new(Vec::with_capacity(
        parsed.blocks.len(),
    )));
    let mut depth = 0usize;
    // A fenced block in a language a grammar knows: its language and text so far,
    // written highlighted at its end.
    let mut code: Option<(String, String)> = None;
    // Index of the block being read among the parse's blocks, the taken title included.
    let mut opened: Option<usize> = None;
    let skipped = usize::from(parsed.title_range.is_some());
    let events = {
        let (written, ends) = (Rc::clone(&written), Rc::clone(&ends));
        Parser::new_ext(body, options())
            .into_offset_iter()
            .filter_map(move |(event, range)| {
                match &event {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if opens_block(&event, depth) {
                    let next = opened.map_or(0, |b| b + 1);
                    opened = Some(next);
                    // A block ends where the next one starts.
                    if next > skipped {
                        ends.borrow_mut().push(written.get());
                    }
                }
                let block = opened?.checked_sub(skipped)?;
                let event = match event {
                    Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info))) => {
                        let language = highlight::fence_language(info);
                        if highlight && highlight::knows(language) {
                            code = Some((language.to_string(), String::new()));
                            return None;
                        }
                        event
                    }
                    Event::Text(text) if code.is_some() => {
                        code.as_mut()?.1.push_str(&text);
                        return None;
                    }
                    Event::End(TagEnd::CodeBlock) if code.is_some() => {
                        let (language, text) = code.take()?;
                        let html = highlight::highlight(&language, &text)
                            .unwrap_or_else(|| highlight::plain(&language, &text));
                        Event::Html(CowStr::from(html))
                    }
                    Event::Start(Tag::Heading {
                        level,
                        id: _,
                        classes,
                        attrs,
                    }) if depth == 1 => {
                        let anchor = parsed.blocks.get(block).and_then(|b| b.anchor.clone());
                        Event::Start(Tag::Heading {
                            level,
                            id: anchor.map(CowStr::from),
                            classes,
                            attrs,
                        })
                    }
                    Event::Start(Tag::Item) => {
                        match marked.iter().find(|(at, _)| *at == range.start) {
                            Some((_, kind)) => Event::Html(CowStr::from(format!(
                                "<li class=\"drift-item\" data-drift=\"{kind}\">"
                            ))),
                            None => Event::Start(Tag::Item),
                        }
                    }
                    Event::Start(Tag::BlockQuote(Some(kind))) => {
                        Event::Html(CowStr::from(alert_start(kind, &alerts.label(kind))))
                    }
                    Event::End(TagEnd::BlockQuote(Some(_))) => {
                        Event::Html(CowStr::from("</div>\n"))
                    }
                    // pulldown-cmark's checkbox has no accessible name (WCAG 4.1.2).
                    Event::TaskListMarker(done) => Event::InlineHtml(CowStr::from(format!(
                        "<input disabled=\"\" type=\"checkbox\"{} aria-label=\"{}\">\n",
                        if done { " checked=\"\"" } else { "" },
                        crate::marks::escape(&alerts.task(done))
                    ))),
                    other => other,
                };
                Some(rewrite_event(event, links))
            })
    };
    let sink = CountingSink {
        out: &mut html,
        written: Rc::clone(&written),
    };
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(sink, events);
    let mut ends = ends.take();
    if !parsed.blocks.is_empty() {
        ends.push(html.len());
    }
    BlocksHtml { html, ends }
}

fn rewrite_event<'a>(event: Event<'a>, links: &dyn LinkRewriter) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewritten(dest_url, false, links),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewritten(dest_url, true, links),
            title,
            id,
        }),
        other => other,
    }
}

fn rewritten<'a>(dest: CowStr<'a>, is_image: bool, links: &dyn LinkRewriter) -> CowStr<'a> {
    links.rewrite(&dest, is_image).map_or(dest, CowStr::from)
}

/// A `fmt::Write` that reports how much has been written, so block boundaries can be
/// recorded while the single writer pass runs.
struct CountingSink<'a> {
    out: &'a mut String,
    written: Rc<Cell<usize>>,
}

impl fmt::Write for CountingSink<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.push_str(s);
        self.written.set(self.out.len());
        Ok(())
    }
}

/// A stable anchor for every top-level block: a heading's own id; for other blocks
/// `seg-SECTION-N`, the N-th block after the heading SECTION (`top` before any), so
/// edits in one section do not move the anchors of another.
pub fn block_anchors(blocks: &[Block]) -> Vec<String> {
    let mut section = "top".to_string();
    let mut n = 0;
    blocks
        .iter()
        .map(|block| match &block.anchor {
            Some(id) => {
                section = id.clone();
                n = 0;
                id.clone()
            }
            None => {
                n += 1;
                format!("seg-{section}-{n}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Keep;
    impl LinkRewriter for Keep {
        fn rewrite(&self, _: &str, _: bool) -> Option<String> {
            None
        }
    }

    #[test]
    fn slugs_for_every_script() {
        assert_eq!(slugify("Data yang Digunakan"), "data-yang-digunakan");
        assert_eq!(slugify("使用されるデータ"), "使用されるデータ");
        assert_eq!(slugify("البيانات المستخدمة"), "البيانات-المستخدمة");
        assert_eq!(slugify("Qu'est-ce que c'est ?"), "qu-est-ce-que-c-est");
        assert_eq!(slugify("!!!"), "section");
    }

    #[test]
    fn blocks_ranges_and_anchors() {
        let text = "+++\n+++\n## Satu\n\nParagraf.\n\n## Satu\n\n- a\n- b\n\n## Dua {#kedua}\n";
        let parsed = parse(&text[8..], 8, false);
        let kinds: Vec<_> = parsed.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(2),
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::List,
                BlockKind::Heading(2)
            ]
        );
        assert_eq!(&text[parsed.blocks[1].range.clone()], "Paragraf.\n");
        let ids: Vec<_> = parsed.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["satu", "satu-1", "kedua"]);
    }

    #[test]
    fn repeated_headings_get_the_first_free_suffix() {
        let md = "## A\n\n## A {#a-1}\n\n## A\n\n## A\n\n## A-2\n";
        let parsed = parse(md, 0, false);
        let ids: Vec<_> = parsed.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-1", "a-2", "a-3", "a-2-1"]);
    }

    /// `{#install}` is what links are written against: an earlier `## Install` does
    /// not take it (it took `install`, and pushed the explicit id to `install-1`); and
    /// no heading takes an id of the theme's (`## Main` gave a second `id="main"`).
    #[test]
    fn explicit_ids_and_the_themes_ids_come_before_generated_anchors() {
        let parsed = parse("## Main\n\n## Install\n\n## Setup {#install}\n", 0, false);
        let ids: Vec<_> = parsed.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "install-1", "install"]);
    }

    /// [`THEME_IDS`] are the literal ids of the built-in templates.
    #[test]
    fn theme_ids_are_the_built_in_templates_ids() {
        fn files<'d>(dir: &'d include_dir::Dir<'d>, out: &mut Vec<&'d str>) {
            out.extend(dir.files().filter_map(|f| f.contents_utf8()));
            dir.dirs().for_each(|d| files(d, out));
        }
        let mut templates = Vec::new();
        files(&crate::render::BUILTIN_THEME, &mut templates);
        let mut found = std::collections::BTreeSet::new();
        for template in templates {
            for (at, _) in template.match_indices(" id=\"") {
                let value = &template[at + 5..];
                let value = &value[..value.find('"').unwrap_or(0)];
                if !value.contains('{') {
                    found.insert(value.to_string());
                }
            }
        }
        let reserved: std::collections::BTreeSet<String> =
            THEME_IDS.iter().map(|id| id.to_string()).collect();
        assert_eq!(found, reserved);
    }

    /// 50,000 equal headings: quadratic suffix search took minutes; linear, well under
    /// a second (a test that would time out, not a timed test).
    #[test]
    fn many_equal_headings_are_linear() {
        let md = "## Sama\n\n".repeat(50_000);
        let parsed = parse(&md, 0, false);
        assert_eq!(parsed.toc.len(), 50_000);
        assert_eq!(parsed.toc[49_999].id, "sama-49999");
    }

    #[test]
    fn html_per_block_with_footnotes_numbered_across_blocks() {
        let parsed = parse("A[^x].\n\nB[^y].\n\n[^x]: X\n[^y]: Y\n", 0, false);
        let md = "A[^x].\n\nB[^y].\n\n[^x]: X\n[^y]: Y\n";
        let html = render_blocks(
            &parsed,
            md,
            &HtmlOptions {
                links: &Keep,
                alerts: &EnglishAlerts,
                marked: &[],
                highlight: true,
            },
        );
        assert_eq!(html.len(), parsed.blocks.len());
        let second = html.get(1).unwrap_or_default();
        assert!(second.contains(">2</a>"), "{second}");
        assert!(html.get(0).unwrap_or_default().starts_with("<p>A"));
    }

    #[test]
    fn leading_h1_becomes_title() {
        let parsed = parse("# Judul\n\nIsi.\n", 0, true);
        assert_eq!(parsed.title.as_deref(), Some("Judul"));
        assert_eq!(parsed.blocks.len(), 1);
    }
}
