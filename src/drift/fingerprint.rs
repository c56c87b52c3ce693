//! Fingerprints and canonical forms: what counts as "the same" source text.
//!
//! Consumes: [`Segment`]s and the folder of their file.
//! Produces: a 16-hex-digit fingerprint per segment, canonical link targets, and the
//! "prose" of a text (its words with numbers, URLs and code masked out).
//! Guarantees: formatting (emphasis style, reflow) and equivalent spellings of a link
//! (`./a.md`, `a.en.md`, `HTTPS://Example.com/x/`) do not change a fingerprint; a change
//! of words, numbers, code or link targets does.

use std::ops::Range;

use compact_str::CompactString;

use super::code;
use crate::markdown::segments::Segment;

/// What makes two link targets of one site the same page: a path segment or host label
/// naming one of the site's languages (`/ko/docs/x/`, `ja.example.org`, `/en-US/docs/`)
/// marks the localized copy of the same page, and URLs on the host of `base_url` are
/// site paths. Built once per analysis.
#[derive(Debug, Clone, Default)]
pub struct LinkScope {
    /// The site's language codes and their primary subtags, lower case.
    languages: Vec<String>,
    /// `base_url`'s host (lower case, no `www.`) and path (no slashes at the ends).
    base: Option<(String, String)>,
}

impl LinkScope {
    pub fn new(languages: &[String], base_url: Option<&str>) -> Self {
        let mut codes: Vec<String> = Vec::new();
        for code in languages {
            let lower = code.to_ascii_lowercase();
            let primary = lower.split(['-', '_']).next().unwrap_or("").to_string();
            codes.push(lower);
            codes.push(primary);
        }
        codes.sort();
        codes.dedup();
        let base = base_url.and_then(|url| {
            let (_, rest) = url.split_once("://")?;
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let host = host.to_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
            Some((host, path.trim_matches('/').to_string()))
        });
        LinkScope {
            languages: codes,
            base,
        }
    }

    pub fn of(config: &crate::config::Config) -> Self {
        let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        LinkScope::new(&codes, config.base_url.as_deref())
    }

    /// Whether a path segment or host label names a language of the site: a code
    /// itself, or one with a region or script (`zh-cn`, `en-US`, `zh-hans`).
    fn is_language(&self, part: &str) -> bool {
        if part.is_empty() || part.len() > 12 {
            return false;
        }
        let lower = part.to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        let primary = subtags.next().unwrap_or("");
        self.languages.contains(&lower)
            || (self.languages.iter().any(|l| l == primary)
                && subtags.all(|t| {
                    (2..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric())
                }))
    }
}

/// Canonical link targets of a segment, in order.
pub fn canonical_links(segment: &Segment, dir: &str, scope: &LinkScope) -> Vec<String> {
    segment
        .links()
        .iter()
        .map(|l| canonical_link(l, dir, scope))
        .collect()
}

/// The canonical form of one link target written in a file in folder `dir`
/// (relative to `content/`): a site path (`page:x` for a content file, `docs/x` for
/// other paths, with any `#fragment`), or a canonical absolute URL.
pub fn canonical_link(dest: &str, dir: &str, scope: &LinkScope) -> String {
    // `Don%27t` and `Don't` are one address.
    let decoded = percent_encoding::percent_decode_str(dest.trim()).decode_utf8_lossy();
    let dest = decoded.as_ref();
    if let Some((scheme, rest)) = dest.split_once("://") {
        return canonical_url(scheme, rest, scope);
    }
    if dest.starts_with('#') || dest.contains(':') {
        return dest.to_lowercase();
    }
    let (path, fragment) = split_fragment(dest);
    let joined = match path.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None if dir.is_empty() => path.to_string(),
        None => format!("{dir}/{path}"),
    };
    format!("{}{fragment}", site_path(&joined, scope))
}

fn split_fragment(dest: &str) -> (&str, &str) {
    match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    }
}

/// A path from the site root, resolved (`.`, `..`), without a leading language segment;
/// a content file is `page:` and its stem (language suffix and `index` dropped).
fn site_path(joined: &str, scope: &LinkScope) -> String {
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
    if !parts.is_empty() && scope.is_language(parts[0]) {
        parts.remove(0);
    }
    if parts.last() == Some(&"index.html") {
        parts.pop();
    }
    // `x.html` is what a static site serves for `x` (VitePress and others link both).
    if let Some(last) = parts.last_mut()
        && let Some(stem) = last.strip_suffix(".html")
        && !stem.is_empty()
    {
        *last = stem;
    }
    let mut path = parts.join("/");
    if let Some(stem) = path.strip_suffix(".md") {
        let stem = match stem.rsplit_once('.') {
            Some((name, lang)) if scope.is_language(lang) => name,
            _ => stem,
        };
        let stem = stem
            .strip_suffix("index")
            .unwrap_or(stem)
            .trim_end_matches('/');
        path = format!("page:{stem}");
    }
    path
}

fn canonical_url(scheme: &str, rest: &str, scope: &LinkScope) -> String {
    let (rest, fragment) = split_fragment(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let scheme = scheme.to_lowercase();
    let host = match scheme.as_str() {
        "http" => host.trim_end_matches(":80"),
        "https" => host.trim_end_matches(":443"),
        _ => &host,
    };
    let host = host.strip_prefix("www.").unwrap_or(host);
    // `ja.react.dev` is the Japanese copy of `react.dev`.
    let host = match host.split_once('.') {
        Some((label, parent)) if parent.contains('.') && scope.is_language(label) => parent,
        _ => host,
    };
    if let Some((base_host, base_path)) = &scope.base
        && host == base_host
        && let Some(inside) = path.strip_prefix(base_path.as_str())
        && (base_path.is_empty() || inside.is_empty() || inside.starts_with('/'))
    {
        // A URL of this site is the site path it names.
        return format!("{}{fragment}", site_path(inside, scope));
    }
    let path = site_path(path, scope);
    if path.is_empty() {
        format!("{scheme}://{host}{fragment}")
    } else {
        format!("{scheme}://{host}/{path}{fragment}")
    }
}

/// A canonical target recorded by `naskah accept` (perhaps by an older naskah), in
/// today's canonical form.
pub fn recanonical(link: &str, scope: &LinkScope) -> String {
    let decoded = percent_encoding::percent_decode_str(link).decode_utf8_lossy();
    let link = decoded.as_ref();
    if let Some((scheme, rest)) = link.split_once("://") {
        return canonical_url(scheme, rest, scope);
    }
    if link.starts_with("page:") || link.starts_with('#') || link.contains(':') {
        return link.to_string();
    }
    let (path, fragment) = split_fragment(link);
    format!("{}{fragment}", site_path(path, scope))
}

/// Whether two canonical targets name the same page: equal paths (or, without a
/// `base_url` to tell which host is the site's, an absolute URL and a site path with
/// the same path). Fragments are not compared: translators localize heading ids
/// (`#log-level` → `#niveau-de-journalisation`), and playgrounds keep their state
/// there; a fragment changed in the source is still a change to the source
/// (provenance compares fingerprints, fragments included).
pub fn same_target(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (pa, _) = split_fragment(a);
    let (pb, _) = split_fragment(b);
    if pa == pb {
        return true;
    }
    match (url_path(pa), url_path(pb)) {
        (Some(x), None) => x == pb,
        (None, Some(y)) => y == pa,
        _ => false,
    }
}

/// [`same_target`] with the same fragment: what provenance needs, since a changed
/// heading id in the source is a change the translation's links must follow.
pub fn same_target_and_fragment(a: &str, b: &str) -> bool {
    split_fragment(a).1 == split_fragment(b).1 && same_target(a, b)
}

/// The path of an absolute http(s) URL (`https://h/docs/x` → `docs/x`).
fn url_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    Some(rest.split_once('/').map_or("", |(_, p)| p))
}

/// A segment's fingerprint: 16 hex digits, held in place (no allocation of its own: the
/// lock holds one per source segment, and every build computes them again).
pub type Fingerprint = compact_str::CompactString;

/// The fingerprint of a source segment: its kind, heading level, text and links.
pub fn fingerprint(segment: &Segment, links: &[String]) -> Fingerprint {
    let mut hasher = blake3::Hasher::new();
    for part in [
        segment.kind.as_str(),
        &segment.level.to_string(),
        &fold_shortcodes(&segment.text),
    ] {
        hasher.update(part.as_bytes());
        hasher.update(b"\x1f");
    }
    let images = segment.images().iter().map(CompactString::as_str);
    for link in links.iter().map(String::as_str).chain(images) {
        hasher.update(link.as_bytes());
        hasher.update(b"\x1e");
    }
    Fingerprint::from(&hasher.finalize().to_hex()[..16])
}

/// Shortcode delimiters in one form: `{{% note %}}`, `{{<note>}}` and `{{< note >}}`
/// are the same text to a reader (Hugo's two delimiter styles, spacing).
fn fold_shortcodes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{{") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let after = rest[i + 2..].trim_start();
        if let Some(inner) = after.strip_prefix(['<', '%']) {
            let close = [">}}", "%}}"].iter().filter_map(|c| inner.find(c)).min();
            if let Some(end) = close {
                out.push_str("{{<");
                out.push_str(inner[..end].trim());
                out.push_str(">}}");
                rest = &inner[end + 3..];
                continue;
            }
        }
        out.push_str("{{");
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The words of a text with numbers, URLs and the given code spans masked: two texts
/// with equal prose differ only in invariants, which a tool could patch mechanically.
pub fn prose(text: &str, code: &[CompactString]) -> String {
    let mut text = without_urls(text, "\u{2}").into_owned();
    for span in code {
        text = text.replacen(span.as_str(), "\u{1}", 1);
    }
    text.split_whitespace()
        .map(mask_digits)
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

/// Whether a text may hold a URL or an e-mail address at all: `://`, `www.` or `@`.
/// One SIMD scan for the three bytes that start or hold them (memchr), each hit then
/// looked at, instead of three searches over every segment (asked of each segment two
/// or three times, they were 2 % of `naskah check`).
pub fn has_url_marker(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'@', b':', b'w', bytes).any(|at| match bytes[at] {
        b'@' => true,
        b':' => bytes[at + 1..].starts_with(b"//"),
        _ => bytes[at..].starts_with(b"www."),
    })
}

/// Where the URLs and e-mail addresses of a text are, found by their syntax (scheme,
/// `www.`, `@`), never by whitespace: `更多信息：https://example.org/x。` holds one URL,
/// `https://example.org/x`. A URL ends at the first character that is not ASCII.
pub fn url_spans(text: &str) -> Vec<Range<usize>> {
    if !has_url_marker(text) {
        return Vec::new();
    }
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut with_scheme = linkify::LinkFinder::new();
    with_scheme.url_can_be_iri(false);
    let mut found: Vec<Range<usize>> = with_scheme
        .links(text)
        .map(|l| l.start()..l.end())
        .collect();
    if text.contains("www.") {
        let mut bare = linkify::LinkFinder::new();
        bare.url_must_have_scheme(false).url_can_be_iri(false);
        bare.kinds(&[linkify::LinkKind::Url]);
        found.extend(
            bare.links(text)
                .filter(|l| l.as_str().to_ascii_lowercase().starts_with("www."))
                .map(|l| l.start()..l.end()),
        );
    }
    // What linkify leaves (a scheme it does not know a host for: `s3://{{bucket}}/x`,
    // `https://a.b/`): scheme, `://`, then ASCII up to a space or a quote.
    for (at, _) in text.match_indices("://") {
        if found.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let before = &text[..at];
        let scheme_len = before
            .bytes()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
            .count();
        let start = at - scheme_len;
        let len = url_len(&text[at..]);
        if scheme_len > 0 && text.as_bytes()[start].is_ascii_alphabetic() && len > 3 {
            found.push(start..at + len);
        }
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    for span in found {
        let raw = &text[span.start..];
        let kept = raw[..url_len(raw).min(span.len())]
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
        let span = span.start..span.start + kept.len();
        if span.is_empty() || spans.last().is_some_and(|l| l.end > span.start) {
            continue;
        }
        spans.push(span);
    }
    spans
}

/// How far a URL starting `text` runs: ASCII up to a space or a quote, `{{placeholders}}`
/// in any script included.
fn url_len(text: &str) -> usize {
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if rest.starts_with("{{")
            && let Some(end) = rest.find("}}")
        {
            at += end + 2;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if !c.is_ascii() || c.is_ascii_whitespace() || matches!(c, '<' | '>' | '"') {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// URLs and e-mail addresses written in the text itself (not as link targets), in
/// canonical form, placeholders masked.
pub fn text_urls(text: &str, scope: &LinkScope) -> Vec<String> {
    url_spans(text)
        .into_iter()
        .map(|span| {
            let raw = code::mask_placeholders(&text[span]);
            if raw.contains("://") {
                canonical_link(&raw, "", scope)
            } else if let Some(rest) = raw
                .strip_prefix("www.")
                .or_else(|| raw.strip_prefix("WWW."))
            {
                canonical_url("https", rest, scope)
            } else {
                raw.to_lowercase()
            }
        })
        .collect()
}

/// The text with its URLs replaced by `mark`.
fn without_urls<'t>(text: &'t str, mark: &str) -> std::borrow::Cow<'t, str> {
    let spans = url_spans(text);
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push_str(mark);
        at = span.end;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

/// The text with code spans and URLs removed, for number extraction, single spaced.
/// `text` is a segment's text, which is single spaced already (see
/// [`crate::markdown::segments::normalize`]).
pub fn text_for_numbers<'t>(text: &'t str, code: &[CompactString]) -> std::borrow::Cow<'t, str> {
    if code.is_empty() && !has_url_marker(text) {
        // Nothing to remove: the text as it is (checking its spacing again was four
        // passes over every segment with a digit).
        debug_assert!(text.split_whitespace().collect::<Vec<_>>().join(" ") == text);
        return std::borrow::Cow::Borrowed(text);
    }
    let mut text = without_urls(text, " ").into_owned();
    for span in code {
        text = text.replacen(span.as_str(), " ", 1);
    }
    let kept: Vec<&str> = text.split_whitespace().collect();
    std::borrow::Cow::Owned(kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_markers_are_found_where_the_three_searches_found_them() {
        let searches = |t: &str| t.contains("://") || t.contains("www.") || t.contains('@');
        for text in [
            "",
            "@",
            "a@b",
            ":",
            "://",
            "a:/b",
            "a: //b",
            "http://x",
            "ww.x",
            "www",
            "www.",
            "wwww.x",
            "w w.",
            "Lihat www.contoh.id",
            "ke https://contoh.id/x。",
            "surel: nama@contoh.id",
            "a:",
            "w",
            "ww",
            "twitter www",
            "时间: 10:30",
        ] {
            assert_eq!(has_url_marker(text), searches(text), "{text:?}");
        }
    }

    fn langs() -> LinkScope {
        LinkScope::new(&["id".into(), "en".into()], None)
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
    fn shortcode_delimiters_are_one_form() {
        assert_eq!(
            fold_shortcodes("a {{% note %}} b {{% /note %}}"),
            "a {{<note>}} b {{</note>}}"
        );
        assert_eq!(
            fold_shortcodes("a {{<note>}} b"),
            fold_shortcodes("a {{< note >}} b")
        );
        assert_eq!(fold_shortcodes("{{ .Title }}"), "{{ .Title }}");
        assert_ne!(
            fold_shortcodes("{{< note >}}"),
            fold_shortcodes("{{< warning >}}")
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
#[cfg(test)]
mod url_tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        url_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn urls_are_found_by_their_syntax_not_by_spaces() {
        assert_eq!(
            urls("更多信息：https://example.org/x。更多"),
            ["https://example.org/x"]
        );
        assert_eq!(
            urls("詳しくはhttps://example.org/x了解"),
            ["https://example.org/x"]
        );
        assert_eq!(
            urls("راجع https://example.org/x، ثم"),
            ["https://example.org/x"]
        );
        assert_eq!(
            urls("(see https://example.org/x)."),
            ["https://example.org/x"]
        );
        assert_eq!(urls("mail me@example.com now"), ["me@example.com"]);
        assert_eq!(urls("at www.example.com/a, ok"), ["www.example.com/a"]);
        assert_eq!(urls("s3://{{bucket}}/x and"), ["s3://{{bucket}}/x"]);
        assert_eq!(urls("no url here: a.b"), Vec::<&str>::new());
        let scope = LinkScope::new(&["id".into(), "zh".into()], None);
        assert_eq!(
            text_urls("更多信息：https://Example.org/x/。", &scope),
            text_urls("More: https://example.org/x", &scope)
        );
        assert_eq!(
            text_urls("s3://{{bucket}}/x", &scope),
            text_urls("s3://{{ember}}/x", &scope)
        );
    }

    #[test]
    fn localized_copies_and_same_site_urls_are_the_same_target() {
        let scope = LinkScope::new(&["en".into(), "ko".into(), "zh".into(), "ja".into()], None);
        let link = |d: &str| canonical_link(d, "docs", &scope);
        assert_eq!(link("/ko/docs/x/"), link("/docs/x/"));
        assert_eq!(link("/zh-cn/docs/x/"), link("/docs/x"));
        assert_eq!(
            link("https://ja.react.dev/learn"),
            link("https://react.dev/learn")
        );
        assert_eq!(
            link("https://example.org/ko/docs/x/"),
            link("https://example.org/docs/x")
        );
        assert!(same_target(
            &link("https://docs.example.org/docs/x/"),
            &link("/docs/x/")
        ));
        assert!(!same_target(
            &link("https://a.org/docs/x"),
            &link("https://b.org/docs/x")
        ));
        assert!(!same_target(&link("/docs/x/"), &link("/docs/y/")));
        // With a base URL, only its host is the site.
        let based = LinkScope::new(&["en".into()], Some("https://docs.example.org/"));
        assert_eq!(
            canonical_link("https://docs.example.org/x/", "", &based),
            canonical_link("/x/", "", &based)
        );
        assert_ne!(
            canonical_link("https://other.org/x/", "", &based),
            canonical_link("/x/", "", &based)
        );
        // A localized heading id is no different target.
        assert!(same_target(&link("x.md#설정"), &link("x.md#setup")));
        assert!(same_target(&link("x.md#niveau"), &link("x.md#log-level")));
        assert!(!same_target(&link("x.md#setup"), &link("y.md#setup")));
        // A language alone as the path is the site's (or a host's) localized home.
        assert_eq!(link("https://example.org/ko"), link("https://example.org/"));
    }
}
