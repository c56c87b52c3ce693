//! Search quality in a real browser: query sets in each of the six languages, typed into
//! the default theme's search box, must find the page they name within the first three
//! results (recall@3 ≥ 0.9 per language). The queries name a page's topic in another
//! form of its words (`tolak` for `menolak`, `donnees` for `données`, `بيانات` for
//! `والبيانات`, a word inside a Japanese sentence); they are in `tests/search_queries/`,
//! on this repository's site and on a help-centre corpus written for the test.

mod support;

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;
use support::TestSite;
use support::browser::{Browser, Tab, chromium_or_skip};

const LANGUAGES: [&str; 6] = ["id", "en", "zh", "ja", "ar", "fr"];

#[derive(Deserialize)]
struct Queries {
    query: Vec<Query>,
    #[serde(default)]
    doc: Vec<Doc>,
}

#[derive(Deserialize)]
struct Query {
    lang: String,
    q: String,
    /// The document's key: its path under `content/` without language and extension.
    expect: String,
}

#[derive(Deserialize)]
struct Doc {
    slug: String,
    title: BTreeMap<String, String>,
    body: BTreeMap<String, String>,
}

fn queries(file: &str) -> Queries {
    let path = format!("{}/tests/search_queries/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Types each query into the search box of the page and returns the URL of each result,
/// in rank order. A result list is read when the script has said how many.
const RUN: &str = r#"(async (queries) => {
  const input = document.querySelector('[role=search] input[type=search]');
  const list = document.querySelector('[data-search-results]');
  const out = [];
  for (const q of queries) {
    const shown = new Promise((done) => {
      const watch = new MutationObserver(() => { watch.disconnect(); done(); });
      // show() always rewrites the status ("N results"), results or not.
    watch.observe(document.querySelector('.search-status'), { childList: true, characterData: true, subtree: true });
    });
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event('input'));
    await shown;
    out.push([...list.querySelectorAll('a')].map((a) => a.href));
  }
  return JSON.stringify(out);
})"#;

/// Recall@3 of each language's queries on the site built in `out`; `path_of` turns a
/// document key into the path its page has under that language's root.
fn recall_at_3(
    out: &std::path::Path,
    queries: &[Query],
    path_of: impl Fn(&str, &str) -> String,
) -> BTreeMap<String, (usize, usize, Vec<String>)> {
    let binary = chromium_or_skip().expect("chromium");
    let mut figures = BTreeMap::new();
    for lang in LANGUAGES {
        let asked: Vec<&Query> = queries.iter().filter(|q| q.lang == lang).collect();
        assert!(!asked.is_empty(), "no queries in {lang}");
        let home = if lang == "id" {
            "index.html".to_string()
        } else {
            format!("{lang}/index.html")
        };
        let url = format!("file://{}/{home}", out.display());
        let browser = Browser::open(&binary, &url);
        let mut tab = Tab::new(browser.connect(&url, Duration::from_secs(30)));
        tab.poll("(() => { const box = document.querySelector('.search'); return document.readyState === 'complete' && box && !box.hidden ? 'yes' : ''; })()");
        let texts: Vec<&str> = asked.iter().map(|q| q.q.as_str()).collect();
        let results = tab.evaluate(&format!(
            "{RUN}({})",
            serde_json::to_string(&texts).unwrap()
        ));
        let results: Vec<Vec<String>> = serde_json::from_str(&results).unwrap();
        // Each result's path from the output root.
        let prefix = format!("file://{}/", out.display());
        let results: Vec<Vec<String>> = results
            .into_iter()
            .map(|urls| {
                urls.iter()
                    .map(|url| url.strip_prefix(&prefix).unwrap_or(url).to_string())
                    .collect()
            })
            .collect();
        let mut found = 0;
        let mut missed = Vec::new();
        for (query, hrefs) in asked.iter().zip(&results) {
            let wanted = path_of(&query.expect, lang);
            let rank = hrefs.iter().position(|h| *h == wanted);
            match rank {
                Some(r) if r < 3 => found += 1,
                _ => missed.push(format!("{:?} → {:?} (rank {rank:?})", query.q, hrefs)),
            }
            // Only the reader's language: every result is under its root.
            for href in hrefs {
                let under_other = LANGUAGES
                    .iter()
                    .any(|other| *other != lang && href.starts_with(&format!("{other}/")));
                assert!(
                    !under_other && (lang == "id" || href.starts_with(&format!("{lang}/"))),
                    "{lang} {:?}: a result of another language: {href}",
                    query.q
                );
            }
        }
        figures.insert(lang.to_string(), (found, asked.len(), missed));
    }
    figures
}

fn report(name: &str, figures: &BTreeMap<String, (usize, usize, Vec<String>)>) {
    for (lang, (found, asked, missed)) in figures {
        eprintln!(
            "{name} {lang}: recall@3 {found}/{asked} = {:.2}",
            *found as f64 / *asked as f64
        );
        for miss in missed {
            eprintln!("  missed {miss}");
        }
    }
    for (lang, (found, asked, missed)) in figures {
        assert!(
            *found as f64 / *asked as f64 >= 0.9,
            "{name} {lang}: recall@3 {found}/{asked} < 0.9; missed: {missed:#?}"
        );
    }
}

/// The path of `key`'s page under `lang`'s root, relative to the output root.
fn page_path(key: &str, lang: &str) -> String {
    if lang == "id" {
        format!("{key}/index.html")
    } else {
        format!("{lang}/{key}/index.html")
    }
}

#[test]
fn the_repository_site_is_found_by_other_forms_of_its_words_in_every_language() {
    if chromium_or_skip().is_none() {
        return;
    }
    let (_tmp, out) = support::build_repo_site();
    let set = queries("repo_site.toml");
    let figures = recall_at_3(&out, &set.query, page_path);
    report("repository site", &figures);
}

#[test]
fn a_help_centre_in_six_scripts_is_found_by_other_forms_of_its_words() {
    if chromium_or_skip().is_none() {
        return;
    }
    let set = queries("corpus.toml");
    let mut site = TestSite::empty().file(
        "naskah.toml",
        "title = \"Pusat Bantuan\"\n\n[languages.id]\nname = \"Bahasa Indonesia\"\n\n\
         [languages.en]\nname = \"English\"\n\n[languages.zh]\nname = \"中文\"\n\n\
         [languages.ja]\nname = \"日本語\"\n\n[languages.ar]\nname = \"العربية\"\n\n\
         [languages.fr]\nname = \"Français\"\n",
    );
    site = site.file("content/index.md", "Pusat bantuan.\n");
    for doc in &set.doc {
        for lang in LANGUAGES {
            let file = if lang == "id" {
                format!("content/{}.md", doc.slug)
            } else {
                format!("content/{}.{lang}.md", doc.slug)
            };
            let title = serde_json::to_string(&doc.title[lang]).unwrap();
            site = site.file(
                &file,
                &format!("+++\ntitle = {title}\n+++\n{}\n", doc.body[lang]),
            );
        }
    }
    site.build().success();
    let figures = recall_at_3(&site.out(), &set.query, page_path);
    report("help centre", &figures);
}
