//! Per-segment features, computed once per page and shared by every check.
//!
//! Consumes: a page's segments, its language and folder.
//! Produces: for each segment its numbers (as values), canonical link targets, URLs in
//! the text, code, images, a script-neutral length, and the sorted invariants the
//! aligner uses.
//! Guarantees: a source page's features are computed once per document, not once per
//! translation, so the drift cost grows with the number of pages, not languages².

use super::fingerprint::{self, LinkScope};
use super::{code, numbers};
use crate::markdown::segments::{Segment, SegmentKind};

/// What the checks need of one segment.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub numbers: Vec<String>,
    pub links: Vec<String>,
    pub urls: Vec<String>,
    pub code: Vec<String>,
    pub images: Vec<String>,
    /// Length in script-neutral units (see [`text_units`]).
    pub units: usize,
    /// Numbers, code and links (as [`super::align::invariant_keys`]): what anchors
    /// alignment.
    pub invariants: Vec<u64>,
}

/// Features of every segment of a page in `lang`, whose file lies in `dir`.
pub fn of_page(segments: &[Segment], lang: &str, dir: &str, scope: &LinkScope) -> Vec<Features> {
    segments
        .iter()
        .map(|s| of_segment(s, lang, dir, scope))
        .collect()
}

fn of_segment(segment: &Segment, lang: &str, dir: &str, scope: &LinkScope) -> Features {
    let is_code = segment.kind == SegmentKind::CodeBlock;
    // Most segments have no digit at all, and then no number (month names count only
    // next to one): skip the text preparation.
    let mut numbers = if is_code || !numbers::has_digit(&segment.text) {
        Vec::new()
    } else {
        numbers::extract(
            &fingerprint::text_for_numbers(&segment.text, segment.code()),
            lang,
        )
        .into_iter()
        .map(|n| n.0)
        .collect()
    };
    numbers.sort();
    let mut links = fingerprint::canonical_links(segment, dir, scope);
    links.sort();
    let mut urls = if is_code {
        Vec::new()
    } else {
        fingerprint::text_urls(&segment.text, scope)
    };
    urls.sort();
    // Compared modulo what a translator may change: comments, placeholders.
    let mut code: Vec<String> = if is_code {
        vec![code::block_key(&segment.text, segment.fence())]
    } else {
        segment
            .code()
            .iter()
            .map(|c| code::mask_placeholders(c))
            .collect()
    };
    code.sort();
    let mut images = segment.images().to_vec();
    images.sort();
    let invariants = super::align::invariant_keys(numbers.iter().chain(&code).chain(&links));
    Features {
        numbers,
        links,
        urls,
        code,
        images,
        units: text_units(&segment.text),
        invariants,
    }
}

/// Length of a text in units comparable across scripts: a CJK character carries about as
/// much as three Latin letters, so brand names in Latin inside Chinese text do not skew
/// ratios.
pub fn text_units(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(|c| if is_cjk(c) { 3 } else { 1 }).sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}
