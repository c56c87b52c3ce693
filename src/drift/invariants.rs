//! Layer 3: what an aligned source and translation must share, compared.
//!
//! Consumes: one bead of the alignment (source and translation segments with their
//! [`Features`]).
//! Produces: `(kind, severity, message)` for each invariant that differs: numbers,
//! link targets, URLs written in the text, code, images.
//! Guarantees: compares what a reader would see as the same fact, not tokens. Numbers
//! as values, and only where both sides state a quantity (a number on one side only is
//! a spelled-out number, a counter or a fused form such as `10진수`, unless it is large);
//! links and URLs as targets ([`fingerprint::same_target`]: localized copies and
//! same-site URLs are the same page); code modulo comments and placeholders, and inline
//! code the other side writes as plain text is no mismatch. Errors are kept for
//! differences that are wrong on the page.

use std::borrow::Cow;

use super::features::Features;
use super::fingerprint;
use super::{Kind, code};
use crate::diagnostic::Severity;
use crate::markdown::segments::{Segment, SegmentKind};
use crate::site::ParsedPage;

/// One side of a bead: its segments and their features (at most two, held in place).
pub struct Side<'a> {
    pub segments: smallvec::SmallVec<[&'a Segment; 2]>,
    pub features: smallvec::SmallVec<[&'a Features; 2]>,
}

impl<'a> Side<'a> {
    /// Segments `indexes` of a page, with their features.
    pub fn of(indexes: &[usize], page: &'a ParsedPage, features: &'a [Features]) -> Self {
        Side {
            segments: indexes.iter().map(|&i| &page.segments[i]).collect(),
            features: indexes.iter().map(|&i| &features[i]).collect(),
        }
    }

    /// One field of the side's features, sorted. Most sides are one segment, whose
    /// fields are sorted already: borrowed, not copied (code blocks' keys are whole
    /// blocks, and every bead gathers every field).
    fn gather(&self, field: fn(&Features) -> &Vec<String>) -> Cow<'a, [String]> {
        match self.features.as_slice() {
            [] => Cow::Borrowed(&[]),
            [one] => Cow::Borrowed(field(one).as_slice()),
            several => {
                let mut all: Vec<String> = several
                    .iter()
                    .flat_map(|f| field(f).iter().cloned())
                    .collect();
                all.sort();
                Cow::Owned(all)
            }
        }
    }

    /// Whether `needle` stands in the side's text (as plain text or code).
    fn says(&self, needle: &str) -> bool {
        self.segments.iter().any(|s| s.text.contains(needle))
    }
}

/// A difference found, with its severity.
pub type Check = (Kind, Severity, String);

/// Every invariant that differs between the two sides of a bead.
pub fn checks(source: &Side, target: &Side) -> Vec<Check> {
    let mut out = Vec::new();
    numbers(&mut out, source, target);
    targets(
        &mut out,
        Kind::LinkMismatch,
        "the link target",
        |f| &f.links,
        source,
        target,
    );
    targets(
        &mut out,
        Kind::UrlMismatch,
        "the URL",
        |f| &f.urls,
        source,
        target,
    );
    code(&mut out, source, target);
    let (images_s, images_t) = (source.gather(|f| &f.images), target.gather(|f| &f.images));
    let (missing, extra) = differences(&images_s, &images_t, |a, b| a == b);
    if let Some(message) = message("the image", &missing, &extra) {
        out.push((Kind::ImageMismatch, Kind::ImageMismatch.severity(), message));
    }
    out
}

/// Below this, a number stated on one side only is a count a translator spells out,
/// a counter (`3つ`, `２回`), list numbering or a fused form (`10진수`).
const SMALL: f64 = 12.0;

fn numbers(out: &mut Vec<Check>, source: &Side, target: &Side) {
    let (s, t) = (source.gather(|f| &f.numbers), target.gather(|f| &f.numbers));
    if s == t {
        return;
    }
    let (missing, extra) = differences(&s, &t, |a, b| a == b);
    let Some(message) = message("the number", &missing, &extra) else {
        return;
    };
    let one_sided = missing.is_empty() || extra.is_empty();
    if one_sided && missing.iter().chain(&extra).all(|n| is_small(n)) {
        return;
    }
    // A value stated on both sides and different, or a large quantity on one side only
    // (a sentence added or dropped).
    out.push((
        Kind::NumberMismatch,
        Kind::NumberMismatch.severity(),
        message,
    ));
}

fn is_small(number: &str) -> bool {
    number.parse::<f64>().is_ok_and(|v| v.abs() <= SMALL)
}

fn targets(
    out: &mut Vec<Check>,
    kind: Kind,
    what: &str,
    field: fn(&Features) -> &Vec<String>,
    source: &Side,
    target: &Side,
) {
    let (s, t) = (source.gather(field), target.gather(field));
    if s == t {
        return;
    }
    let (missing, extra) = differences(&s, &t, fingerprint::same_target);
    if let Some(message) = message(what, &missing, &extra) {
        out.push((kind, kind.severity(), message));
    }
}

fn code(out: &mut Vec<Check>, source: &Side, target: &Side) {
    let (s, t) = (source.gather(|f| &f.code), target.gather(|f| &f.code));
    if s == t {
        return;
    }
    let (mut missing, mut extra) = differences(&s, &t, |a, b| {
        a == b || code::right_to_left_fold(a) == code::right_to_left_fold(b)
    });
    // Inline code the other side writes as plain text (an option, a value, a product
    // term a translator did or did not mark as code) is the same text.
    let is_block = |side: &Side| {
        side.segments
            .iter()
            .any(|x| x.kind == SegmentKind::CodeBlock)
    };
    if !is_block(source) && !is_block(target) {
        missing.retain(|m| !target.says(m));
        extra.retain(|e| !source.says(e));
    }
    let what = if is_block(source) || is_block(target) {
        "code block"
    } else {
        "inline code"
    };
    let Some(message) = message(what, &missing, &extra) else {
        return;
    };
    if is_block(source) && is_block(target) && only_literals_differ(source, target) {
        // Sample strings or markup text translated inside an example.
        let message = "only the text inside string literals or markup of this code block differs from the source (translated sample text?)";
        out.push((Kind::CodeMismatch, Severity::Info, message.to_string()));
    } else if source
        .segments
        .iter()
        .copied()
        .chain(target.segments.iter().copied())
        .all(is_command)
    {
        // A command line (a shell block, or a segment that is one code span): nothing
        // in it is translated once comments and placeholders are set aside.
        let message = message.replacen(what, "the command", 1);
        out.push((Kind::CodeMismatch, Severity::Warning, message));
    } else {
        out.push((Kind::CodeMismatch, Kind::CodeMismatch.severity(), message));
    }
}

/// A shell code block, or a segment that is nothing but one code span (an example
/// command on its own line, as command references write them).
fn is_command(segment: &Segment) -> bool {
    match segment.kind {
        SegmentKind::CodeBlock => segment.fence().is_some_and(code::is_shell),
        _ => matches!(segment.code(), [only] if only.trim() == segment.text.trim()
            // Markup (`<p>Hello</p>`) holds text a translator translates.
            && only.trim_start().starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '$' | '-'))),
    }
}

fn only_literals_differ(source: &Side, target: &Side) -> bool {
    let skeletons = |side: &Side| -> Vec<String> {
        side.segments
            .iter()
            .filter(|x| x.kind == SegmentKind::CodeBlock)
            .map(|x| code::literal_skeleton(&x.text, x.fence()))
            .collect()
    };
    skeletons(source) == skeletons(target)
}

/// Multiset differences `(a − b, b − a)` under an equality.
fn differences(
    a: &[String],
    b: &[String],
    same: impl Fn(&str, &str) -> bool,
) -> (Vec<String>, Vec<String>) {
    let mut rest: Vec<&String> = b.iter().collect();
    let mut missing = Vec::new();
    for x in a {
        match rest.iter().position(|y| same(x, y)) {
            Some(i) => {
                rest.remove(i);
            }
            None => missing.push(x.clone()),
        }
    }
    (missing, rest.into_iter().cloned().collect())
}

fn message(what: &str, missing: &[String], extra: &[String]) -> Option<String> {
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    let mut message = format!("{what} differs from the source:");
    if !missing.is_empty() {
        message.push_str(&format!(" source has {}", quote_list(missing)));
    }
    if !extra.is_empty() {
        message.push_str(&format!(
            "{} translation has {}",
            if missing.is_empty() { "" } else { ";" },
            quote_list(extra)
        ));
    }
    Some(message)
}

fn quote_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{}`", super::shorten(i, 40)))
        .collect::<Vec<_>>()
        .join(", ")
}
