//! The search index of each language, as script files any static host (and `file://`)
//! serves, loaded by the theme's `assets/search.js` only as a query needs them.
//!
//! Consumes: the site (each page's segments, title and description, in the language
//! shown; fallback pages, which show the source text, are left out).
//! Produces: under `assets/search/LANG/`: `meta.js` (how many shards and documents),
//! `docs-K.js` (title, path, section and snippet of documents `K·CHUNK…`), and
//! `terms-K.js` (for the terms whose FNV-1a hash falls in shard K, the documents with
//! the term's weight). Each file calls `naskahSearch.meta/docs/terms(…)`.
//! Guarantees: deterministic bytes; a query loads `meta.js`, one terms shard per query
//! term and the docs chunks of its results, each about [`SHARD_BYTES`] at most, however
//! large the site.

use std::collections::BTreeMap;

use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::markdown::segments::SegmentKind;
use crate::output::{Data, Sink};
use crate::site::{Site, Variant};

use super::terms::terms;

/// Documents per `docs-K.js`.
pub const CHUNK: usize = 200;
/// What a terms shard aims to stay under.
pub const SHARD_BYTES: usize = 100_000;
/// Characters of a result's snippet.
const SNIPPET: usize = 180;

/// One searchable page.
struct Entry {
    title: String,
    path: String,
    section: String,
    snippet: String,
}

/// Writes every language's index into `sink`; returns how many files it wrote.
pub fn write(site: &Site, sink: &dyn Sink) -> Result<usize, Diagnostic> {
    let mut files = 0;
    for lang in &site.config.languages {
        files += write_language(site, lang, sink)?;
    }
    Ok(files)
}

fn write_language(site: &Site, lang: &Language, sink: &dyn Sink) -> Result<usize, Diagnostic> {
    let mut entries = Vec::new();
    let mut postings: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
    for index in 0..site.docs.len() {
        if !matches!(
            site.variant(index, lang),
            Variant::Original | Variant::Translated
        ) {
            continue;
        }
        let Some(path) = site.docs[index].paths.get(&lang.code) else {
            continue;
        };
        let id = entries.len() as u32;
        let (page, parsed) = site.shown_page(index, &lang.code);
        let mut weights: BTreeMap<String, u32> = BTreeMap::new();
        for segment in parsed
            .segments
            .iter()
            .filter(|s| s.kind != SegmentKind::CodeBlock)
        {
            let weight = match segment.kind {
                SegmentKind::Title => 8,
                SegmentKind::Heading | SegmentKind::Description => 3,
                _ => 1,
            };
            for term in terms(&segment.text, &page.lang) {
                *weights.entry(term).or_default() += weight;
            }
        }
        for (term, weight) in weights {
            postings.entry(term).or_default().push((id, weight));
        }
        let snippet = page.front.description.clone().unwrap_or_else(|| {
            parsed
                .segments
                .iter()
                .find(|s| s.kind == SegmentKind::Paragraph)
                .map(|s| s.text.clone())
                .unwrap_or_default()
        });
        let doc = site.document(index);
        let section = doc
            .parent_key()
            .and_then(|key| site.index_of(key))
            .filter(|&parent| !site.document(parent).key.is_empty())
            .map(|parent| site.title(parent, &lang.code).to_string())
            .unwrap_or_default();
        entries.push(Entry {
            title: parsed.title.clone(),
            path: path.clone(),
            section,
            snippet: snippet.chars().take(SNIPPET).collect(),
        });
    }
    let shards = shard_count(&postings);
    let folder = format!("assets/search/{}", lang.code);
    let code = serde_json::to_string(&lang.code).unwrap_or_default();
    let meta = serde_json::json!({"shards": shards, "chunk": CHUNK, "docs": entries.len()});
    put(
        sink,
        &format!("{folder}/meta.js"),
        format!("naskahSearch.meta({code},{meta});\n"),
    )?;
    let mut files = 1;
    for (k, chunk) in entries.chunks(CHUNK).enumerate() {
        let rows: Vec<[&str; 4]> = chunk
            .iter()
            .map(|e| {
                [
                    e.title.as_str(),
                    e.path.as_str(),
                    e.section.as_str(),
                    e.snippet.as_str(),
                ]
            })
            .collect();
        let rows = serde_json::to_string(&rows).unwrap_or_default();
        put(
            sink,
            &format!("{folder}/docs-{k}.js"),
            format!("naskahSearch.docs({code},{k},{rows});\n"),
        )?;
        files += 1;
    }
    let mut by_shard: Vec<BTreeMap<&str, Vec<u32>>> = vec![BTreeMap::new(); shards];
    for (term, list) in &postings {
        let flat = list
            .iter()
            .flat_map(|&(doc, weight)| [doc, weight])
            .collect();
        by_shard[shard_of(term, shards)].insert(term, flat);
    }
    for (k, shard) in by_shard.iter().enumerate() {
        let body = serde_json::to_string(shard).unwrap_or_default();
        put(
            sink,
            &format!("{folder}/terms-{k}.js"),
            format!("naskahSearch.terms({code},{k},{body});\n"),
        )?;
        files += 1;
    }
    Ok(files)
}

fn put(sink: &dyn Sink, path: &str, text: String) -> Result<(), Diagnostic> {
    sink.put(path, Data::Bytes(text.into_bytes()))
}

/// Enough shards that each holds about [`SHARD_BYTES`] (a term's bytes and its
/// postings, as written).
fn shard_count(postings: &BTreeMap<String, Vec<(u32, u32)>>) -> usize {
    let bytes: usize = postings
        .iter()
        .map(|(t, l)| t.len() + 6 + l.len() * 9)
        .sum();
    bytes.div_ceil(SHARD_BYTES).clamp(1, 4096)
}

/// The shard of a term: FNV-1a (32 bits) of its UTF-8 bytes, as `assets/search.js`
/// computes it.
pub fn shard_of(term: &str, shards: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in term.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % shards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_as_the_browser_computes_it() {
        // Known FNV-1a 32-bit values.
        assert_eq!(shard_of("", usize::MAX), 0x811c_9dc5);
        assert_eq!(shard_of("a", usize::MAX), 0xe40c_292c);
        assert_eq!(shard_of("foobar", usize::MAX), 0xbf9c_f968);
    }
}
