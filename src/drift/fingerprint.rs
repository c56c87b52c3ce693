//! Fingerprints and canonical forms: what counts as "the same" source text.
//!
//! Consumes: [`Segment`]s and the folder of their file.
//! Produces: a 16-hex-digit fingerprint per segment, canonical link targets, and the
//! "prose" of a text (its words with numbers, URLs and code masked out).
//! Guarantees: formatting (emphasis style, reflow) and equivalent spellings of a link
//! (`./a.md`, `a.en.md`, `HTTPS://Example.com/x/`) do not change a fingerprint; a change
//! of words, numbers, code or link targets does.

use crate::markdown::segments::Segment;

/// Canonical link targets of a segment, in order.
pub fn canonical_links(segment: &Segment, dir: &str, languages: &[String]) -> Vec<String> {
    segment
        .links()
        .iter()
        .map(|l| canonical_link(l, dir, languages))
        .collect()
}

/// The canonical form of one link target written in a file in folder `dir`
/// (relative to `content/`).
pub fn canonical_link(dest: &str, dir: &str, languages: &[String]) -> String {
    let dest = dest.trim();
    if let Some((scheme, rest)) = dest.split_once("://") {
        return canonical_url(scheme, rest);
    }
    if dest.starts_with('#') || dest.contains(':') {
        return dest.to_lowercase();
    }
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let joined = match path.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None if dir.is_empty() => path.to_string(),
        None => format!("{dir}/{path}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut path = parts.join("/");
    if let Some(stem) = path.strip_suffix(".md") {
        let stem = match stem.rsplit_once('.') {
            Some((name, lang)) if languages.iter().any(|l| l == lang) => name,
            _ => stem,
        };
        let stem = stem
            .strip_suffix("index")
            .unwrap_or(stem)
            .trim_end_matches('/');
        path = format!("page:{stem}");
    }
    format!("{path}{fragment}")
}

fn canonical_url(scheme: &str, rest: &str) -> String {
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let host = match scheme.to_lowercase().as_str() {
        "http" => host.trim_end_matches(":80").to_string(),
        "https" => host.trim_end_matches(":443").to_string(),
        _ => host,
    };
    let path = path.trim_end_matches("index.html").trim_end_matches('/');
    let scheme = scheme.to_lowercase();
    if path.is_empty() {
        format!("{scheme}://{host}")
    } else {
        format!("{scheme}://{host}/{path}")
    }
}

/// The fingerprint of a source segment: its kind, heading level, text and links.
pub fn fingerprint(segment: &Segment, links: &[String]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [
        segment.kind.as_str(),
        &segment.level.to_string(),
        &segment.text,
    ] {
        hasher.update(part.as_bytes());
        hasher.update(b"\x1f");
    }
    for link in links.iter().chain(segment.images()) {
        hasher.update(link.as_bytes());
        hasher.update(b"\x1e");
    }
    hasher.finalize().to_hex()[..16].to_string()
}

/// The words of a text with numbers, URLs and the given code spans masked: two texts
/// with equal prose differ only in invariants, which a tool could patch mechanically.
pub fn prose(text: &str, code: &[String]) -> String {
    let mut text = text.to_string();
    for span in code {
        text = text.replacen(span.as_str(), "\u{1}", 1);
    }
    text.split_whitespace()
        .map(|word| {
            if is_url(word) {
                "\u{2}".to_string()
            } else {
                mask_digits(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every number (digits with their separators) becomes one `#`.
fn mask_digits(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        let in_number = out.ends_with('#');
        let separator = matches!(
            c,
            '.' | ',' | '\'' | '\u{a0}' | '\u{202f}' | '\u{66b}' | '\u{66c}'
        );
        let next_is_digit = chars.get(i + 1).is_some_and(|n| n.is_numeric());
        if c.is_numeric() {
            if !in_number {
                out.push('#');
            }
        } else if !(separator && in_number && next_is_digit) {
            out.push(c);
        }
    }
    out
}

pub fn is_url(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.") || (word.contains('@') && word.contains('.'))
}

/// URLs and e-mail addresses written in the text itself (not as link targets).
pub fn text_urls(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| is_url(w))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
                .to_lowercase()
        })
        .collect()
}

/// The text with code spans and URLs removed, for number extraction.
pub fn text_for_numbers<'t>(text: &'t str, code: &[String]) -> std::borrow::Cow<'t, str> {
    let single_spaced = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text.chars().any(|c| c.is_whitespace() && c != ' ');
    let may_hold_url = text.contains("://") || text.contains("www.") || text.contains('@');
    if code.is_empty() && single_spaced && !may_hold_url {
        // Nothing to remove and nothing to re-space: the text as it is.
        return std::borrow::Cow::Borrowed(text);
    }
    let mut text = text.to_string();
    for span in code {
        text = text.replacen(span.as_str(), " ", 1);
    }
    let kept: Vec<&str> = text.split_whitespace().filter(|w| !is_url(w)).collect();
    std::borrow::Cow::Owned(kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["id".into(), "en".into()]
    }

    #[test]
    fn equivalent_links_are_equal() {
        let dir = "bantuan";
        let a = canonical_link("./x.md#langkah", dir, &langs());
        let b = canonical_link("x.en.md#langkah", dir, &langs());
        let c = canonical_link("../bantuan/x.md#langkah", dir, &langs());
        assert_eq!(a, "page:bantuan/x#langkah");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(canonical_link("index.md", dir, &langs()), "page:bantuan");
        assert_eq!(
            canonical_link("HTTPS://Example.COM:443/privasi/", dir, &langs()),
            canonical_link("https://example.com/privasi", dir, &langs())
        );
        assert_ne!(
            canonical_link("https://example.com/a", dir, &langs()),
            canonical_link("https://example.com/b", dir, &langs())
        );
    }

    #[test]
    fn prose_masks_invariants() {
        assert_eq!(
            prose("Tunggu 7 hari di https://a.b/x", &[]),
            prose("Tunggu 14 hari di https://c.d/y", &[])
        );
        assert_ne!(prose("Tunggu 7 hari", &[]), prose("Tunggu 7 minggu", &[]));
    }
}
