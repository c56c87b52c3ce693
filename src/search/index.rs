//! The search index of each language, as script files any static host (and `file://`)
//! serves, loaded by the theme's `assets/search.js` only as a query needs them.
//!
//! Consumes: the site (each page's segments, title and description, in the language
//! shown; fallback pages, which show the source text, are left out); the drift report
//! (which translations are outdated); the UI strings (`search-count`,
//! `status-outdated`).
//! Produces: under `assets/search/LANG/`: `meta.js` (the index's version, a digest of
//! its other files, which the browser asks for them by; how many shards and documents,
//! how many a term lists at most, "N results" in each plural category and the word
//! for an outdated translation), `docs-K.js` (title, path, section and snippet of
//! documents `K·CHUNK…`), and `terms-K.js` (for the terms whose FNV-1a hash falls in
//! shard K, the documents with the term's score there: BM25 of the text, and more for
//! the title). Each file calls `naskahSearch.meta/docs/terms(…)`.
//! Guarantees: deterministic bytes; a query loads `meta.js`, one terms shard per query
//! term and the docs chunks of its results (small files: a query's ten results are in
//! up to ten of them), shards aiming at [`SHARD_BYTES`] however large the site (how
//! the terms fall makes some larger); with an [`IndexCache`], only the edited pages are
//! read again; a build without one (a one-shot build) keeps no page's terms: it adds a
//! batch of pages at a time to one language's postings. Both ways give the same bytes.
//! Postings are kept packed (varints) until their shard is written, and a language's
//! files are handed over a few shards at a time.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Language;
use crate::drift::{DriftReport, Status};
use crate::i18n::Locales;
use crate::markdown::segments::SegmentKind;
use crate::site::{ParsedPage, Site, Variant};

use std::borrow::Cow;
use std::fmt::Write as _;

use super::terms::{self, Run};

/// Documents per `docs-K.js`.
pub const CHUNK: usize = 16;
/// What a terms shard aims to stay under.
pub const SHARD_BYTES: usize = 40_000;
/// Characters of a result's snippet.
const SNIPPET: usize = 180;
/// The most documents a term lists (its best scores): a word on most pages ranks
/// nothing, and would make its shard, and every query with it, large.
const POSTINGS: usize = 1000;

/// One searchable page.
#[derive(Clone, PartialEq)]
struct Entry {
    title: String,
    path: String,
    section: String,
    snippet: String,
    /// A translation whose source changed since it was accepted: the result says so.
    outdated: bool,
}

/// One index file: its path and bytes.
pub type File = (String, Arc<Vec<u8>>);

/// One page's terms, shared between builds of a watch session.
type Weights = Arc<PageTerms>;

/// A page's terms: for each, how often the text has it (a heading or the description
/// counts three times) and whether the title has it; and how many terms its text has.
/// Words' terms are written one after another in `text` (one string per page, not one
/// per term: a site's pages have millions of terms); the characters and pairs of text
/// without spaces, most of a Chinese or Japanese page's terms, are kept as their code
/// points ([`code_chars`]) until the index is written, and hash and compare as one
/// number on the way.
#[derive(Default)]
pub struct PageTerms {
    text: String,
    words: Vec<Term>,
    chars: Vec<(u64, Occurs)>,
    length: u32,
}

/// A word's term on a page: where `text` has it, its [`fnv1a`] (which picks its shard,
/// and the part of the postings that counts it), and where the page has it.
struct Term {
    start: u32,
    end: u32,
    hash: u32,
    occurs: Occurs,
}

impl PageTerms {
    /// The page's word terms in `part` of `parts` (a power of two), with their hash.
    fn words(&self, part: usize, parts: usize) -> impl Iterator<Item = (&str, u32, Occurs)> {
        self.words
            .iter()
            .filter(move |t| t.hash as usize & (parts - 1) == part)
            .map(|t| {
                let text = self.text.get(t.start as usize..t.end as usize);
                (text.unwrap_or_default(), t.hash, t.occurs)
            })
    }

    /// The page's character terms whose [`code_part`] is `part`.
    fn chars(&self, part: usize, parts: usize) -> impl Iterator<Item = (u64, Occurs)> {
        (self.chars.iter().copied()).filter(move |&(code, _)| code_part(code, parts) == part)
    }

    fn push_word(&mut self, word: &str, occurs: Occurs) {
        let start = self.text.len();
        self.text.push_str(word);
        self.words.push(Term {
            start: start as u32,
            end: self.text.len() as u32,
            hash: fnv1a(word),
            occurs,
        });
    }
}

/// The part of the postings, of `parts` (a power of two), that counts a character
/// term: any spread will do (the shard, which the browser computes, is picked from the
/// term's text when it is written).
fn code_part(code: u64, parts: usize) -> usize {
    (code.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (parts - 1)
}

/// Where a page has a term.
#[derive(Clone, Copy, Default)]
struct Occurs {
    text: u32,
    title: bool,
}

/// BM25's saturation and length normalisation (the usual values): a page does not
/// rank by repeating a word, nor by being long.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// What a term in the title adds: about as much as the most the text can give, so that
/// a page whose title names what the reader typed comes first (docs are searched for
/// by what a page is about).
const TITLE: f64 = 2.0;

/// What a watch session keeps from one build's index to the next: each shown page's
/// terms (the page held, so that its address, the key, is not reused), and each
/// language's files with the pages and entries they were made from. An edit then costs
/// the terms of the edited page and the files of its language.
#[derive(Default)]
pub struct IndexCache {
    terms: FxHashMap<usize, (Arc<ParsedPage>, Weights)>,
    languages: FxHashMap<String, Made>,
}

/// A language's files, with the pages (by address), entries and labels they were made
/// from.
type Made = ((Vec<(usize, Entry)>, Labels), Vec<File>);

/// What results say in a language, written once into its `meta.js` rather than into
/// every page: how many there are, and that a translation is outdated (the Fluent
/// `status-outdated`).
#[derive(Clone, PartialEq)]
struct Labels {
    count: Counts,
    outdated: String,
}

fn labels(locales: &Locales, lang: &str) -> Labels {
    Labels {
        count: counts(locales, lang),
        outdated: locales
            .format(lang, "status-outdated", None)
            .unwrap_or_default(),
    }
}

/// "3 results" in each CLDR plural category of a language, `{count}` for the number:
/// the Fluent `search-count` of the language.
type Counts = BTreeMap<&'static str, String>;

/// [`Counts`] of `lang`: `search-count` formatted with a number of each category
/// (in Arabic 0, 1, 2, 3, 11 and 100 are one of each), the number then replaced.
fn counts(locales: &Locales, lang: &str) -> Counts {
    [
        ("zero", 0),
        ("one", 1),
        ("two", 2),
        ("few", 3),
        ("many", 11),
        ("other", 100),
    ]
    .into_iter()
    .filter_map(|(category, n)| {
        let mut args = fluent::FluentArgs::new();
        args.set("count", n);
        let text = locales.format(lang, "search-count", Some(&args)).ok()?;
        Some((category, text.replace(&n.to_string(), "{count}")))
    })
    .collect()
}

/// Every language's index files, handed to `put` a language at a time (so that a
/// language's files are written while the next is indexed, not all held to the end);
/// returns how many. From `cache` where a language's pages are the ones it was made
/// from; without a cache (a build that keeps nothing for a next one), with no page's
/// terms kept ([`files_once`]).
pub fn files<E>(
    site: &Site,
    locales: &Locales,
    drift: &DriftReport,
    cache: Option<&mut IndexCache>,
    mut put: impl FnMut(&[File]) -> Result<(), E>,
) -> Result<usize, E> {
    let Some(cache) = cache else {
        return files_once(site, locales, drift, put);
    };
    let languages: Vec<(&Language, Vec<Shown>)> = site
        .config
        .languages
        .iter()
        .map(|lang| (lang, shown(site, drift, lang)))
        .collect();
    // The terms of the pages not in the cache, of every language at once: one parallel
    // job for all of them keeps both cores busy to the end.
    let missing: Vec<&Shown> = languages
        .iter()
        .flat_map(|(_, shown)| shown)
        .filter(|s| !cache.terms.contains_key(&s.page_id()))
        .collect();
    let computed: Vec<Weights> = missing
        .par_iter()
        .map(|s| Arc::new(page_terms(s)))
        .collect();
    for (weights, s) in computed.into_iter().zip(&missing) {
        cache
            .terms
            .insert(s.page_id(), (Arc::clone(&s.parsed), weights));
    }
    // Pages no longer shown are forgotten (and freed).
    let ids: rustc_hash::FxHashSet<usize> = languages
        .iter()
        .flat_map(|(_, shown)| shown.iter().map(Shown::page_id))
        .collect();
    cache.terms.retain(|id, _| ids.contains(id));
    let cached: &IndexCache = cache;
    let made: Vec<(String, Made)> = languages
        .into_par_iter()
        .map(|(lang, shown)| {
            let labels = labels(locales, &lang.code);
            (lang.code.clone(), language(lang, shown, labels, cached))
        })
        .collect();
    let mut count = 0;
    for (code, made) in made {
        put(&made.1)?;
        count += made.1.len();
        cache.languages.insert(code, made);
    }
    Ok(count)
}

/// Every language's index files for a build that keeps nothing: language after
/// language, each with both cores, the pages' terms added to the postings a batch at a
/// time and then freed (every page's terms, held at once, were 280 MB of a 1 GB peak
/// at 12,600 pages), and each language's files handed to `put` before the next is
/// indexed.
fn files_once<E>(
    site: &Site,
    locales: &Locales,
    drift: &DriftReport,
    mut put: impl FnMut(&[File]) -> Result<(), E>,
) -> Result<usize, E> {
    let mut count = 0;
    for lang in &site.config.languages {
        let shown = shown(site, drift, lang);
        let mut gathered = Gathered::default();
        for batch in shown.chunks(BATCH) {
            let terms: Vec<PageTerms> = batch.par_iter().map(page_terms).collect();
            gathered.add(&terms);
        }
        let entries: Vec<Entry> = shown.into_iter().map(|s| s.entry).collect();
        let labels = labels(locales, &lang.code);
        language_files(lang, &entries, gathered.postings(), &labels, &mut |files| {
            count += files.len();
            put(&files)
        })?;
    }
    Ok(count)
}

/// Pages whose terms a one-shot build counts at once before it adds them to the
/// postings (and frees them): enough to keep both cores busy.
const BATCH: usize = 256;

/// One language's files: the cached ones where its pages are the ones they were made
/// from, else made from the pages' cached terms.
fn language(lang: &Language, shown: Vec<Shown>, labels: Labels, cache: &IndexCache) -> Made {
    let pages: Vec<(usize, Entry)> = shown
        .iter()
        .map(|s| (s.page_id(), s.entry.clone()))
        .collect();
    let key = (pages, labels);
    if let Some((made_from, files)) = cache.languages.get(&lang.code)
        && *made_from == key
    {
        return (key, files.clone());
    }
    let weights: Vec<Weights> = shown
        .iter()
        .map(|s| {
            cache
                .terms
                .get(&s.page_id())
                .map(|c| Arc::clone(&c.1))
                .unwrap_or_default()
        })
        .collect();
    let entries: Vec<Entry> = shown.into_iter().map(|s| s.entry).collect();
    let mut gathered = Gathered::default();
    gathered.add(&weights);
    let mut files = Vec::new();
    let Ok(()) = language_files::<std::convert::Infallible>(
        lang,
        &entries,
        gathered.postings(),
        &key.1,
        &mut |made| {
            files.extend(made);
            Ok(())
        },
    );
    (key, files)
}

/// A page in the index of one language.
struct Shown {
    parsed: Arc<ParsedPage>,
    lang: String,
    entry: Entry,
}

impl Shown {
    fn page_id(&self) -> usize {
        Arc::as_ptr(&self.parsed) as usize
    }
}

/// The pages of `lang`'s index: its own pages (fallback pages show the source text and
/// are left out), with their entries.
fn shown(site: &Site, drift: &DriftReport, lang: &Language) -> Vec<Shown> {
    (0..site.docs.len())
        .filter(|&i| {
            matches!(
                site.variant(i, lang),
                Variant::Original | Variant::Translated
            )
        })
        .filter_map(|index| {
            let path = site.docs[index].paths.get(&lang.code)?;
            let (page, _) = site.shown_page(index, &lang.code);
            let parsed = Arc::clone(site.docs[index].pages.get(&page.lang)?);
            let snippet = page.front.description.clone().unwrap_or_else(|| {
                parsed
                    .segments
                    .iter()
                    .find(|s| s.kind == SegmentKind::Paragraph)
                    .map(|s| s.text.to_string())
                    .unwrap_or_default()
            });
            let section = site
                .document(index)
                .parent_key()
                .and_then(|key| site.index_of(key))
                .filter(|&parent| !site.document(parent).key.is_empty())
                .map(|parent| site.title(parent, &lang.code).to_string())
                .unwrap_or_default();
            let outdated = drift.document(index).is_some_and(|report| {
                report
                    .translations
                    .iter()
                    .any(|t| t.lang == lang.code && t.status == Status::Outdated)
            });
            let entry = Entry {
                title: parsed.title.clone(),
                // A link: a page named `c#.md` is at `c%23/index.html`.
                path: crate::site::url_path(path).into_owned(),
                section,
                snippet: snippet.chars().take(SNIPPET).collect(),
                outdated,
            };
            Some(Shown {
                parsed,
                lang: page.lang.clone(),
                entry,
            })
        })
        .collect()
}

/// A page's terms, counted: its text folded once, its words counted as written, and
/// each distinct word stemmed once.
fn page_terms(shown: &Shown) -> PageTerms {
    let mut folded = String::new();
    let mut parts = Vec::new();
    for segment in &shown.parsed.segments {
        let (times, title) = match segment.kind {
            SegmentKind::CodeBlock => continue,
            SegmentKind::Title => (0, true),
            SegmentKind::Heading | SegmentKind::Description => (3, false),
            _ => (1, false),
        };
        let start = folded.len();
        terms::fold_into(&segment.text, &mut folded);
        parts.push((start..folded.len(), times, title));
    }
    let mut counts = PieceCounts::with_capacity(folded.len());
    let mut length = 0;
    for (range, times, title) in parts {
        let count = |occurs: &mut Occurs| {
            occurs.text += times;
            occurs.title |= title;
        };
        terms::for_each_run(&folded[range], |run, kind| {
            let pieces = match kind {
                Run::Unspaced => counts.count_unspaced(run, &count),
                Run::Word => {
                    count(counts.words.entry(run).or_default());
                    1
                }
            };
            length += pieces * u32::from(!title);
        });
    }
    counts.into_terms(&terms::primary(&shown.lang), length)
}

/// How often a page has each piece: words by their text, the one or two characters of
/// text without spaces ([`PieceCounts::count_unspaced`]) by their code points, which
/// hash and compare as one number (such text gives two pieces a character, most of a
/// Chinese or Japanese page's count).
struct PieceCounts<'t> {
    words: FxHashMap<&'t str, Occurs>,
    chars: FxHashMap<u64, Occurs>,
}

impl<'t> PieceCounts<'t> {
    /// Sized up front for `bytes` of text, so that the maps seldom grow: growing was a
    /// tenth of the stage's time.
    fn with_capacity(bytes: usize) -> Self {
        PieceCounts {
            words: FxHashMap::with_capacity_and_hasher(bytes / 16, Default::default()),
            chars: FxHashMap::with_capacity_and_hasher(bytes / 16, Default::default()),
        }
    }

    /// Counts a page's run of text without spaces by its pieces, each with `count`:
    /// each overlapping pair of characters (what a query is cut into, [`terms::terms`]),
    /// and each character, so that a word of one character (`库`, `図`) is found; a
    /// lone character once. Pieces are keyed by their code points ([`code_chars`]).
    /// Returns how many pieces.
    fn count_unspaced(&mut self, run: &str, count: &impl Fn(&mut Occurs)) -> u32 {
        let mut codes = run.chars().map(|c| u64::from(u32::from(c)));
        let Some(mut previous) = codes.next() else {
            return 0;
        };
        count(self.chars.entry(previous).or_default());
        let mut pieces = 1;
        for code in codes {
            count(self.chars.entry(code).or_default());
            count(self.chars.entry(previous | code << 32).or_default());
            previous = code;
            pieces += 2;
        }
        pieces
    }

    /// The page's terms: each word's [`terms::stem`] (the counts of words with one
    /// stem merged), each character piece as itself.
    fn into_terms(self, lang: &str, length: u32) -> PageTerms {
        let mut stems: FxHashMap<Cow<str>, Occurs> =
            FxHashMap::with_capacity_and_hasher(self.words.len(), Default::default());
        for (piece, occurs) in self.words {
            let merged = stems.entry(terms::stem(piece, lang)).or_default();
            merged.text += occurs.text;
            merged.title |= occurs.title;
        }
        let mut page = PageTerms {
            text: String::with_capacity(stems.keys().map(|t| t.len()).sum::<usize>()),
            words: Vec::with_capacity(stems.len()),
            chars: self.chars.into_iter().collect(),
            length,
        };
        for (term, occurs) in stems {
            page.push_word(&term, occurs);
        }
        page
    }
}

/// The text of a character term, kept as one number: its one or two characters, the
/// first in the low 32 bits, the second (or 0) in the high ones.
fn code_chars(code: u64) -> impl Iterator<Item = char> {
    [code as u32, (code >> 32) as u32]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(char::from_u32)
}

/// A term's score in a page, in tenths: BM25 of its occurrences in the text (`average`:
/// the mean length of the language's pages), and [`TITLE`] when the title has it.
fn score(occurs: Occurs, length: u32, average: f64) -> u32 {
    let tf = f64::from(occurs.text);
    let norm = 1.0 - B + B * f64::from(length) / average.max(1.0);
    let text = tf * (K1 + 1.0) / (tf + K1 * norm);
    let title = if occurs.title { TITLE } else { 0.0 };
    // At least 1: a page that has the term is found by it.
    ((text + title) * 10.0).round().max(1.0) as u32
}

/// A language's terms, each with its [`fnv1a`] and its postings, and what scores them.
struct Postings {
    terms: Vec<(Box<str>, u32, Packed)>,
    scores: Scores,
}

/// A term's postings as gathered, by document: each the document's distance from the
/// one before and its [`Occurs`] ([`Gathered::pack`]), as LEB128 varints, mostly a byte
/// each. As pairs of `u32` in vectors grown by doubling they were a CJK language's
/// largest allocation (3.2 million postings, 92,000 terms at 2,000 documents).
#[derive(Default)]
struct Packed {
    bytes: Vec<u8>,
    /// How many postings, and the last one's document (0 before the first).
    count: u32,
    last: u32,
}

impl Packed {
    fn push(&mut self, doc: u32, occurs: u32) {
        // The first gap is from document 0, where `last` starts.
        leb128(&mut self.bytes, doc - self.last);
        leb128(&mut self.bytes, occurs);
        self.count += 1;
        self.last = doc;
    }

    /// The postings written: how many a term lists at most.
    fn listed(&self) -> usize {
        (self.count as usize).min(POSTINGS)
    }

    /// The (document, score) pairs into `list`, by document, at most [`POSTINGS`] of
    /// them (the best scores).
    fn scored_into(&self, scores: &Scores, list: &mut List) {
        list.clear();
        let (mut bytes, mut doc) = (self.bytes.as_slice(), 0u32);
        for _ in 0..self.count {
            let (gap, occurs) = (read_leb128(&mut bytes), read_leb128(&mut bytes));
            doc += gap;
            list.push((doc, scores.score(doc, occurs)));
        }
        if list.len() > POSTINGS {
            list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(POSTINGS);
            list.sort_unstable();
        }
    }
}

fn leb128(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_leb128(bytes: &mut &[u8]) -> u32 {
    let mut n = 0u32;
    for shift in (0..35).step_by(7) {
        let Some((&byte, rest)) = bytes.split_first() else {
            break;
        };
        *bytes = rest;
        n |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
    }
    n
}

/// The pages' lengths and their mean, which BM25 scores a posting by.
struct Scores {
    lengths: Vec<u32>,
    average: f64,
}

impl Scores {
    fn score(&self, doc: u32, packed: u32) -> u32 {
        let length = self.lengths.get(doc as usize).copied().unwrap_or_default();
        score(Gathered::unpack(packed), length, self.average)
    }
}

/// A term's postings: (document, score) by document.
type List = Vec<(u32, u32)>;

/// The terms of one shard file, with their postings.
type Shard = Vec<(Box<str>, Packed)>;

/// A language's postings, gathered as its pages' terms come (a one-shot build frees
/// each batch of pages' terms once added), in parts that both cores fill at once: a
/// word's part is a mask of its FNV-1a hash, a character term's its [`code_part`]
/// (parts a power of two). Scores wait for the last page, as BM25 needs the language's
/// mean length.
#[derive(Default)]
struct Gathered {
    parts: Vec<Part>,
    lengths: Vec<u32>,
}

/// One part of a language's postings: words' terms by their text, with their
/// [`fnv1a`]; character terms by their code points ([`code_chars`]).
#[derive(Default)]
struct Part {
    words: FxHashMap<Box<str>, (u32, Packed)>,
    chars: FxHashMap<u64, Packed>,
}

impl Gathered {
    /// Adds pages, numbered on from those added before.
    fn add<P: std::borrow::Borrow<PageTerms> + Sync>(&mut self, pages: &[P]) {
        if self.parts.is_empty() {
            // A power of two, so that a term's part is a mask of its hash: each part
            // looks at every term of the batch, and a division each was a third of it.
            let parts = (2 * rayon::current_num_threads()).next_power_of_two();
            self.parts = (0..parts).map(|_| Part::default()).collect();
        }
        let first = self.lengths.len();
        let parts = self.parts.len();
        self.parts
            .par_iter_mut()
            .enumerate()
            .for_each(|(part, postings)| {
                for (id, page) in (first..).zip(pages) {
                    // Pushed in document order, as the gaps need.
                    let (page, doc) = (page.borrow(), id as u32);
                    for (term, hash, occurs) in page.words(part, parts) {
                        let occurs = Self::pack(occurs);
                        match postings.words.get_mut(term) {
                            Some((_, list)) => list.push(doc, occurs),
                            None => {
                                let mut list = Packed::default();
                                list.push(doc, occurs);
                                postings.words.insert(Box::from(term), (hash, list));
                            }
                        }
                    }
                    for (code, occurs) in page.chars(part, parts) {
                        let list = postings.chars.entry(code).or_default();
                        list.push(doc, Self::pack(occurs));
                    }
                }
            });
        self.lengths.extend(pages.iter().map(|p| p.borrow().length));
    }

    /// [`Occurs`] in 32 bits: the count (at most 2³¹ - 1) and, in the top bit, the title.
    fn pack(occurs: Occurs) -> u32 {
        occurs.text.min(u32::MAX >> 1) | u32::from(occurs.title) << 31
    }

    fn unpack(packed: u32) -> Occurs {
        Occurs {
            text: packed & (u32::MAX >> 1),
            title: packed >> 31 == 1,
        }
    }

    /// The postings, in no order, with what scores them (once every page is added:
    /// BM25 needs the language's mean length).
    fn postings(self) -> Postings {
        let Gathered { parts, lengths } = self;
        let average =
            lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / lengths.len().max(1) as f64;
        let mut terms = Vec::new();
        for Part { words, chars } in parts {
            terms.extend(
                words
                    .into_iter()
                    .map(|(term, (hash, list))| (term, hash, list)),
            );
            terms.extend(chars.into_iter().map(|(code, list)| {
                let term: Box<str> = code_chars(code).collect::<String>().into();
                let hash = fnv1a(&term);
                (term, hash, list)
            }));
        }
        Postings {
            terms,
            scores: Scores { lengths, average },
        }
    }
}

/// The folder a language's index is written in (every file in it is the index's).
pub fn folder(lang: &Language) -> String {
    format!("assets/search/{}", lang.code)
}

fn language_files<E>(
    lang: &Language,
    entries: &[Entry],
    postings: Postings,
    labels: &Labels,
    emit: &mut dyn FnMut(Vec<File>) -> Result<(), E>,
) -> Result<(), E> {
    let shards = shard_count(&postings);
    let folder = folder(lang);
    let code = serde_json::to_string(&lang.code).unwrap_or_default();
    // The version the browser asks for the other files by: a digest of them all, so a
    // cached file of an earlier build is never read with this one's.
    let mut digest = blake3::Hasher::new();
    let docs = entries.chunks(CHUNK).enumerate().map(|(k, chunk)| {
        // An outdated translation's row has a fifth element, 1.
        let rows: Vec<serde_json::Value> = chunk
            .iter()
            .map(|e| {
                let mut row = serde_json::json!([e.title, e.path, e.section, e.snippet]);
                if let (true, Some(row)) = (e.outdated, row.as_array_mut()) {
                    row.push(1.into());
                }
                row
            })
            .collect();
        let rows = serde_json::to_string(&rows).unwrap_or_default();
        file(
            format!("{folder}/docs-{k}.js"),
            format!("naskahSearch.docs({code},{k},{rows});\n"),
        )
    });
    hand_over(docs.collect(), &mut digest, emit)?;
    let Postings { terms, scores } = postings;
    let mut by_shard: Vec<Shard> = (0..shards).map(|_| Vec::new()).collect();
    for (term, hash, list) in terms {
        by_shard[shard_of_hash(hash, shards)].push((term, list));
    }
    // A few shards at a time, each on a core, each group's postings freed as it is
    // written.
    let group = 4 * rayon::current_num_threads();
    let mut by_shard = by_shard.into_iter().enumerate();
    loop {
        let batch: Vec<(usize, Shard)> = by_shard.by_ref().take(group).collect();
        if batch.is_empty() {
            break;
        }
        let made = batch
            .into_par_iter()
            .map(|(k, terms)| {
                // Sized as `shard_count` estimates the shard, so that the text seldom
                // grows (and copies itself) as it is written.
                let bytes = terms.iter().map(|(t, l)| shard_bytes(t, l)).sum::<usize>();
                let mut text = String::with_capacity(64 + bytes);
                let _ = write!(text, "naskahSearch.terms({code},{k},");
                shard_body(terms, &scores, &mut text);
                text.push_str(");\n");
                file(format!("{folder}/terms-{k}.js"), text)
            })
            .collect();
        hand_over(made, &mut digest, emit)?;
    }
    let version = digest.finalize().to_hex()[..16].to_string();
    let meta = serde_json::json!({
        "v": version, "shards": shards, "chunk": CHUNK, "docs": entries.len(), "cap": POSTINGS,
        "count": labels.count, "outdated": labels.outdated,
    });
    let meta = file(
        format!("{folder}/meta.js"),
        format!("naskahSearch.meta({code},{meta});\n"),
    );
    emit(vec![(meta.0, Arc::new(meta.1))])
}

/// Hands `files` to `emit`, adding them to the `digest` of the language's files.
fn hand_over<E>(
    files: Vec<(String, Vec<u8>)>,
    digest: &mut blake3::Hasher,
    emit: &mut dyn FnMut(Vec<File>) -> Result<(), E>,
) -> Result<(), E> {
    for (path, bytes) in &files {
        digest.update(path.as_bytes());
        digest.update(bytes);
    }
    emit(files.into_iter().map(|(p, b)| (p, Arc::new(b))).collect())
}

/// Appends a shard's JSON object to `body`: `{"term":[doc,score,doc,score,…],…}` with
/// its terms in order, written as the postings are consumed (a copy of them all, as a
/// value to serialize, was a CJK language's largest allocation).
fn shard_body(mut terms: Shard, scores: &Scores, body: &mut String) {
    // Each term once: no order among equals to keep.
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    body.push('{');
    // The numbers are written by itoa: through `write!` they were 7 % of a build's
    // instructions (two numbers for each page a term is on, millions a site).
    let mut number = itoa::Buffer::new();
    let mut list = List::new();
    for (i, (term, packed)) in terms.into_iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        crate::navigation::push_json_string(&term, body);
        body.push_str(":[");
        packed.scored_into(scores, &mut list);
        for (i, &(doc, weight)) in list.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(number.format(doc));
            body.push(',');
            body.push_str(number.format(weight));
        }
        body.push(']');
    }
    body.push('}');
}

fn file(path: String, text: String) -> (String, Vec<u8>) {
    (path, text.into_bytes())
}

/// Enough shards that each holds about [`SHARD_BYTES`] (a term's bytes and its
/// postings, as written).
fn shard_count(postings: &Postings) -> usize {
    let bytes: usize = (postings.terms.iter())
        .map(|(t, _, l)| shard_bytes(t, l))
        .sum();
    bytes.div_ceil(SHARD_BYTES).clamp(1, 4096)
}

/// About how many bytes a term and its postings take in a shard, as written.
fn shard_bytes(term: &str, list: &Packed) -> usize {
    term.len() + 6 + list.listed() * 9
}

/// The shard of a term: FNV-1a (32 bits) of its UTF-8 bytes, as `assets/search.js`
/// computes it.
pub fn shard_of(term: &str, shards: usize) -> usize {
    shard_of_hash(fnv1a(term), shards)
}

/// The shard of a term whose [`fnv1a`] is `hash`.
fn shard_of_hash(hash: u32, shards: usize) -> usize {
    hash as usize % shards
}

/// FNV-1a, 32 bits, of the UTF-8 bytes.
fn fnv1a(term: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in term.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
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

    /// The text of each character term counted, with its count.
    fn counted(counts: &PieceCounts) -> BTreeMap<String, u32> {
        (counts.chars.iter())
            .map(|(&code, occurs)| (code_chars(code).collect(), occurs.text))
            .collect()
    }

    /// A page's run of text without spaces counts each character and each overlapping
    /// pair; a lone character once.
    #[test]
    fn unspaced_runs_count_each_character_and_each_pair() {
        let cases: [(&str, &[(&str, u32)]); 4] = [
            ("库", &[("库", 1)]),
            ("库很", &[("库", 1), ("很", 1), ("库很", 1)]),
            ("好好好", &[("好", 3), ("好好", 2)]),
            (
                "データ保護",
                &[
                    ("デ", 1),
                    ("ー", 1),
                    ("タ", 1),
                    ("保", 1),
                    ("護", 1),
                    ("デー", 1),
                    ("ータ", 1),
                    ("タ保", 1),
                    ("保護", 1),
                ],
            ),
        ];
        for (run, expected) in cases {
            let mut counts = PieceCounts::with_capacity(64);
            let pieces = counts.count_unspaced(run, &|o: &mut Occurs| o.text += 1);
            let expected: BTreeMap<String, u32> =
                expected.iter().map(|&(t, n)| (t.to_string(), n)).collect();
            assert_eq!(counted(&counts), expected, "{run}");
            assert_eq!(pieces, expected.values().sum::<u32>(), "{run}");
        }
    }

    /// The pairs a page counts are the terms a query of the same text is cut into, so
    /// that the query finds the page.
    #[test]
    fn a_pages_pairs_are_the_terms_of_a_query_for_its_text() {
        let run = "数据保护很重要";
        let mut counts = PieceCounts::with_capacity(64);
        counts.count_unspaced(run, &|o: &mut Occurs| o.text += 1);
        let pairs: std::collections::BTreeSet<String> = counted(&counts)
            .into_keys()
            .filter(|t| t.chars().count() == 2)
            .collect();
        let query: std::collections::BTreeSet<String> =
            terms::terms(run, "zh").into_iter().collect();
        assert_eq!(pairs, query);
    }

    #[test]
    fn varints_read_back_at_every_width() {
        let numbers = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            1 << 28,
            u32::MAX - 1,
            u32::MAX,
        ];
        let mut bytes = Vec::new();
        for n in numbers {
            leb128(&mut bytes, n);
        }
        // One byte up to 127, five for the largest.
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 3 + 5 + 5 + 5);
        let mut rest = bytes.as_slice();
        let read: Vec<u32> = numbers.iter().map(|_| read_leb128(&mut rest)).collect();
        assert_eq!(read, numbers);
        assert!(rest.is_empty());
    }

    /// The postings as gathered, scored and cut: the same as pairs kept whole would
    /// give, for a short list and for one past [`POSTINGS`] with ties in score.
    #[test]
    fn packed_postings_score_and_cut_as_whole_pairs_would() {
        let scores = Scores {
            lengths: (0..4000).map(|d| 50 + d % 97).collect(),
            average: 98.0,
        };
        for docs in [
            vec![0, 7, 8, 300, 2999],
            (0..2500).map(|d| d + d / 3).collect(),
        ] {
            let mut packed = Packed::default();
            let mut whole: List = Vec::new();
            for (i, &doc) in docs.iter().enumerate() {
                let occurs = Occurs {
                    text: (i as u32 * 7919) % 13,
                    title: i % 5 == 0,
                };
                packed.push(doc, Gathered::pack(occurs));
                let length = scores.lengths[doc as usize];
                whole.push((doc, score(occurs, length, scores.average)));
            }
            if whole.len() > POSTINGS {
                whole.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                whole.truncate(POSTINGS);
                whole.sort();
            }
            let mut list = List::new();
            packed.scored_into(&scores, &mut list);
            assert_eq!(list, whole);
            assert_eq!(packed.listed(), whole.len());
        }
    }
}
