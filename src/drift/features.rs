//! Per-segment features, computed once per page and shared by every check.
//!
//! Consumes: a page's segments, its language and folder; for a translation, the keys of
//! its source's code blocks ([`CodeKeys`]).
//! Produces: for each segment its numbers (as values), canonical link targets, URLs in
//! the text, code, images, a script-neutral length, and the sorted invariants the
//! aligner uses.
//! Guarantees: a source page's features are computed once per document, not once per
//! translation, so the drift cost grows with the number of pages, not languages²; a
//! translation's code block equal to a source block (code and fence language) gets that
//! block's key, which is what keying it again would give.

use rustc_hash::FxHashMap;

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
    /// Length in script-neutral units ([`Segment::units`]).
    pub units: usize,
    /// Numbers, code and links (as [`super::align::invariant_keys`]): what anchors
    /// alignment.
    pub invariants: Vec<u64>,
}

/// Where a page's segments come from.
#[derive(Clone, Copy)]
pub struct PageAt<'a> {
    pub lang: &'a str,
    /// The folder of its file, relative to `content/`.
    pub dir: &'a str,
    pub scope: &'a LinkScope,
}

/// The keys of a source page's code blocks, by code and fence language: a translation's
/// block that keeps its source's code (most do) takes the key instead of making it
/// again. Keying a block (comments and placeholders masked) is the costliest feature.
#[derive(Default)]
pub struct CodeKeys<'a>(FxHashMap<(&'a str, Option<&'a str>), String>);

impl<'a> CodeKeys<'a> {
    /// The keys of `segments`, whose features are `features`.
    pub fn of(segments: &'a [Segment], features: &[Features]) -> Self {
        let blocks = segments.iter().zip(features);
        CodeKeys(
            blocks
                .filter(|(s, _)| s.kind == SegmentKind::CodeBlock)
                .filter_map(|(s, f)| Some(((s.text.as_str(), s.fence()), f.code.first()?.clone())))
                .collect(),
        )
    }

    fn key(&self, segment: &Segment) -> String {
        self.0
            .get(&(segment.text.as_str(), segment.fence()))
            .cloned()
            .unwrap_or_else(|| code::block_key(&segment.text, segment.fence()))
    }
}

/// Features of every segment of a page; `known` keys its code blocks where it can.
pub fn of_page(segments: &[Segment], page: PageAt, known: &CodeKeys) -> Vec<Features> {
    segments
        .iter()
        .map(|s| of_segment(s, page, known))
        .collect()
}

fn of_segment(segment: &Segment, page: PageAt, known: &CodeKeys) -> Features {
    let PageAt { lang, dir, scope } = page;
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
        vec![known.key(segment)]
    } else {
        segment
            .code()
            .iter()
            .map(|c| code::mask_placeholders(c))
            .collect()
    };
    code.sort();
    let mut images: Vec<String> = segment.images().iter().map(|i| i.to_string()).collect();
    images.sort();
    let invariants = super::align::invariant_keys(numbers.iter().chain(&code).chain(&links));
    Features {
        numbers,
        links,
        urls,
        code,
        images,
        units: segment.units(),
        invariants,
    }
}
