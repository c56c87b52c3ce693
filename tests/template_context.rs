//! The template context is documented and the documentation is true: a theme that
//! prints its whole context (`__tera_context`) is built over every page type, and
//! every field any template can see must be named in `docs/TEMPLATES.md`; every field
//! the `page` and top-level tables name must be seen on some page.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use support::TestSite;

/// Separates a partial's context from the page it is printed into.
const MARK: char = '\u{1}';

const DUMP: &str = "{{ __tera_context | safe }}";
const PARTIAL_DUMP: &str = "\u{1}{{ __tera_context | safe }}\u{1}";

/// Maps whose keys are data (language tags, statuses, theme keys), not fields.
const DATA_MAPS: &[&str] = &["titles", "labels", "extra"];

fn site() -> TestSite {
    let config = support::CONFIG
        .replace(
            "base_url",
            "edit_url = \"https://example.org/edit/{path}\"\nsection_page_size = 2\nbase_url",
        )
        .replace("[languages.ar]", "[languages.ar]\ndrift = \"fallback\"");
    let site = TestSite::empty()
        .file("naskah.toml", &config)
        .file("content/index.md", "Beranda.\n")
        .file("content/index.en.md", "Home.\n")
        .file(
            "content/panduan/index.md",
            "+++\ntitle = \"Panduan\"\ndate = 2026-01-02\n+++\nBagian.\n",
        )
        .file(
            "content/panduan/satu.md",
            "+++\ntitle = \"Satu\"\nupdated = 2026-11-29\n+++\n## Awal\n\nAda 7 hari.\n\n## Akhir\n\nSelesai.\n",
        )
        .file(
            "content/panduan/satu.en.md",
            "+++\ntitle = \"One\"\nupdated = 2026-10-01\n+++\n## Start\n\nThere are 7 days.\n\n## End\n\nDone.\n",
        )
        .file(
            "content/panduan/satu.ar.md",
            "+++\ntitle = \"واحد\"\n+++\n## البداية\n\nهناك 7 أيام.\n\n## النهاية\n\nتم.\n",
        )
        .file("content/panduan/dua.md", "+++\ntitle = \"Dua\"\n+++\nIsi.\n")
        .file("content/panduan/tiga.md", "+++\ntitle = \"Tiga\"\n+++\nIsi.\n");
    support::drift_accept(site.root(), &["--all"]).success();
    // A changed number and a new paragraph: marks on the English and Arabic pages.
    site.write(
        "content/panduan/satu.md",
        "+++\ntitle = \"Satu\"\nupdated = 2026-11-29\n+++\n## Awal\n\nAda 3 hari.\n\nParagraf baru.\n\n## Akhir\n\nSelesai.\n",
    );
    let theme = "themes/ctx/templates";
    for template in ["page.html", "section.html", "404.html", "sitemap.xml"] {
        site.write(&format!("{theme}/{template}"), DUMP);
    }
    // The rows go where `status_rows` is printed unescaped.
    site.write(
        &format!("{theme}/status.html"),
        &format!("{DUMP}{{{{ status_rows | safe }}}}"),
    );
    for partial in ["_drift_mark.html", "_status_row.html"] {
        site.write(&format!("{theme}/{partial}"), PARTIAL_DUMP);
    }
    site.write(
        "naskah.toml",
        &config.replace("base_url", "theme = \"ctx\"\nbase_url"),
    );
    site.build().success();
    site
}

/// Tera prints a value that is none as nothing (`"canonical": ,`) and escapes
/// characters the Rust way (`\u{f8ff}`): make that JSON.
fn json(text: &str) -> Value {
    let mut fixed = String::with_capacity(text.len() + 64);
    let (mut in_string, mut last) = (false, ' ');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' if chars.peek() == Some(&'u') => {
                    chars.next();
                    chars.next_if_eq(&'{');
                    let hex: String = chars.by_ref().take_while(|&h| h != '}').collect();
                    let code = u32::from_str_radix(&hex, 16).expect("hex escape");
                    fixed.push(char::from_u32(code).expect("a character"));
                }
                '\\' => {
                    fixed.push(c);
                    fixed.extend(chars.next());
                }
                '"' => {
                    in_string = false;
                    fixed.push(c);
                }
                c => fixed.push(c),
            }
            continue;
        }
        let empty_value = matches!((last, c), (':' | '[' | ',', ',') | (':', '}') | (',', ']'));
        if empty_value {
            fixed.push_str("null");
        }
        if c == '"' {
            in_string = true;
        }
        if !c.is_whitespace() {
            last = c;
        }
        fixed.push(c);
    }
    serde_json::from_str(&fixed).unwrap_or_else(|e| panic!("{e}: {fixed}"))
}

/// The contexts of the partials printed inside `text`, and `text` without them. A
/// partial printed into a value of the page (`page.content`) is inside a string, which
/// Tera escapes once.
fn split_partials(text: &str) -> (String, Vec<Value>) {
    let text = text.replace("\\u{1}", &MARK.to_string());
    let mut outer = String::new();
    let mut partials = Vec::new();
    for (i, piece) in text.split(MARK).enumerate() {
        if i % 2 == 0 {
            outer.push_str(piece);
        } else if piece.starts_with("{\\\"") {
            partials.push(json(&unescape(piece)));
        } else {
            partials.push(json(piece));
        }
    }
    (outer, partials)
}

/// One level of backslash escapes removed.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// Every object key at any depth, with the path it was first seen at.
fn fields(value: &Value, path: &str, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                out.entry(key.clone()).or_insert_with(|| here.clone());
                if !DATA_MAPS.contains(&key.as_str()) {
                    fields(inner, &here, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| fields(item, path, out)),
        _ => {}
    }
}

/// Every identifier inside a backtick span of the document.
fn documented_names(doc: &str) -> BTreeSet<String> {
    doc.split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|code| {
            code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The backticked names in the first column of the table under `heading`.
fn table_names(doc: &str, heading: &str) -> Vec<String> {
    let section = doc.split(heading).nth(1).expect("section in TEMPLATES.md");
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|line| {
            let first = line.split('|').nth(1).unwrap_or_default();
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(|name| {
                    name.split(['[', '.', '('])
                        .next()
                        .unwrap_or_default()
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn contexts(site: &TestSite) -> Vec<(String, Value)> {
    let out = site.out();
    let mut all = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let name = entry.path().to_string_lossy().into_owned();
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let (outer, partials) = split_partials(&text);
        let rel = name.trim_start_matches(&*out.to_string_lossy()).to_string();
        all.push((rel.clone(), json(&outer)));
        all.extend(
            partials
                .into_iter()
                .map(|p| (format!("{rel} (partial)"), p)),
        );
    }
    all
}

#[test]
fn every_field_a_template_can_see_is_documented_and_every_documented_field_exists() {
    let site = site();
    let contexts = contexts(&site);
    let seen_kinds: BTreeSet<&str> = contexts
        .iter()
        .filter_map(|(_, c)| {
            c.get("mark")
                .map(|_| "mark")
                .or(c.get("row").map(|_| "row"))
        })
        .collect();
    assert_eq!(
        seen_kinds,
        BTreeSet::from(["mark", "row"]),
        "both partials ran"
    );
    let mut seen = BTreeMap::new();
    for (_, context) in &contexts {
        fields(context, "", &mut seen);
    }
    for expected in ["drift", "pagination", "updated", "entries", "status_path"] {
        assert!(seen.contains_key(expected), "the site covers `{expected}`");
    }
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/TEMPLATES.md"),
    )
    .unwrap();
    let documented = documented_names(&doc);
    let undocumented: Vec<&String> = seen
        .iter()
        .filter(|(key, _)| !documented.contains(*key))
        .map(|(_, path)| path)
        .collect();
    assert!(
        undocumented.is_empty(),
        "fields templates can see but docs/TEMPLATES.md does not name: {undocumented:?}"
    );
    let page_fields: BTreeSet<&str> = contexts
        .iter()
        .filter_map(|(_, c)| c.get("page")?.as_object())
        .flat_map(|page| page.keys().map(String::as_str))
        .collect();
    let lies: Vec<String> = table_names(&doc, "## `page`")
        .into_iter()
        .filter(|name| !page_fields.contains(name.as_str()))
        .collect();
    assert!(
        lies.is_empty(),
        "`page` fields the doc names but no page has: {lies:?}"
    );
    let top: BTreeSet<&str> = contexts
        .iter()
        .filter_map(|(_, c)| c.as_object())
        .flat_map(|c| c.keys().map(String::as_str))
        .collect();
    let lies: Vec<String> = table_names(&doc, "## Variables on every page")
        .into_iter()
        .filter(|name| !top.contains(name.as_str()))
        .collect();
    assert!(
        lies.is_empty(),
        "variables the doc names but no page has: {lies:?}"
    );
}

#[test]
fn a_none_value_becomes_json_null() {
    assert_eq!(
        json("{\"a\": , \"b\": [1, ], \"c\": {\"d\": }, \"e\": \"x: ,\"}"),
        serde_json::json!({"a": null, "b": [1, null], "c": {"d": null}, "e": "x: ,"})
    );
}
