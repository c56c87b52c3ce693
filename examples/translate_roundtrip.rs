//! `naskah translate`'s Markdown protection on documentation nobody here wrote: every
//! segment of every Markdown file under the given folders is tagged, and the tagged text
//! is restored (1) as it was sent and (2) after the offline pseudo engine. The first
//! must render to the same HTML as the original segment; the second must be accepted
//! (every tag kept) and keep every link target, code span and image.
//!
//! `cargo run --release --example translate_roundtrip -- DIR…` (see benches/README.md
//! for the data sets). Prints per folder: segments, failures, and the first few.

use std::path::Path;

use naskah::markdown::segments::SegmentKind;
use naskah::translate::{inline, plan, pseudo};

#[derive(Default)]
struct Tally {
    segments: usize,
    tags: usize,
    not_identical: Vec<String>,
    refused: Vec<String>,
}

fn main() {
    for dir in std::env::args().skip(1) {
        let mut tally = Tally::default();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md" || e == "mdx")
                && let Ok(text) = std::fs::read_to_string(path)
            {
                file(path, &text, &mut tally);
            }
        }
        println!(
            "{dir}: {} segments, {} tags; identity not the same HTML: {}; pseudo reply refused: {}",
            tally.segments,
            tally.tags,
            tally.not_identical.len(),
            tally.refused.len()
        );
        for example in tally.not_identical.iter().chain(&tally.refused).take(8) {
            println!("  {example}");
        }
    }
}

/// The body of a file: after its front matter, if any.
fn body_start(text: &str) -> usize {
    for fence in ["---\n", "+++\n"] {
        if let Some(rest) = text.strip_prefix(fence)
            && let Some(end) = rest.find(&format!("\n{fence}"))
        {
            return fence.len() + end + 1 + fence.len();
        }
    }
    0
}

fn file(path: &Path, text: &str, tally: &mut Tally) {
    let start = body_start(text);
    let mut parsed = naskah::markdown::parse(&text[start..], start, false);
    let segments = naskah::markdown::segments::segments_of_text(
        &mut parsed,
        &naskah::frontmatter::FrontMatter::default(),
        text,
    );
    for segment in segments.iter().filter(|s| s.kind != SegmentKind::CodeBlock) {
        let range = plan::inline_range(text, segment);
        let markdown = plan::inline_text(text, &range);
        let tagged = inline::tag_with(
            &markdown,
            &inline::Glossary::default(),
            &plan::paragraph_break(text, &range),
        );
        tally.segments += 1;
        tally.tags += tagged.tags();
        let place = format!(
            "{}:{}",
            path.display(),
            text[..range.start].lines().count() + 1
        );
        match tagged.restore(&tagged.text) {
            // Line breaks inside a paragraph are spaces in what is written back.
            Ok(back) if words(&html(&back)) == words(&html(&markdown)) => {}
            Ok(back) => tally
                .not_identical
                .push(format!("{place}: {markdown:?} came back as {back:?}")),
            Err(problem) => tally
                .not_identical
                .push(format!("{place}: {markdown:?} refused: {problem}")),
        }
        if let Err(problem) = tagged.restore(&pseudo::translate(&tagged.text, false)) {
            tally
                .refused
                .push(format!("{place}: {markdown:?}: {problem}"));
        }
    }
}

fn words(html: &str) -> Vec<&str> {
    html.split_whitespace().collect()
}

fn html(markdown: &str) -> String {
    let mut out = String::new();
    let parser = pulldown_cmark::Parser::new_ext(markdown, naskah::markdown::options());
    pulldown_cmark::html::push_html(&mut out, parser);
    out
}
