//! Bringing an existing Hugo or Zola site over: front matter keys naskah does not know,
//! `_index.md` section files and shortcodes, as those tools' documentation lays a site
//! out.

mod support;

use support::{Page, TestSite, drift_check};

/// A Hugo-style site (YAML front matter with `aliases`, `tags`, `reviewers`; a
/// shortcode) and a Zola-style section (`_index.md` with `sort_by` and `template`).
fn imported(policy: Option<&str>) -> TestSite {
    let config = match policy {
        Some(p) => support::CONFIG.replace(
            "[languages.id]",
            &format!("[content]\nunknown_front_matter = \"{p}\"\n\n[languages.id]"),
        ),
        None => support::CONFIG.to_string(),
    };
    TestSite::empty()
        .file("naskah.toml", &config)
        .file("content/_index.md", "+++\ntitle = \"Beranda\"\nsort_by = \"weight\"\n+++\nHalo.\n")
        .file(
            "content/docs/_index.md",
            "+++\ntitle = \"Dokumen\"\nsort_by = \"weight\"\ntemplate = \"docs.html\"\n+++\nSemua dokumen.\n",
        )
        .file(
            "content/docs/mulai.md",
            "---\ntitle: Mulai\naliases:\n  - /old/start/\ntags: [intro]\nreviewers: [ana, budi]\n---\nLangkah pertama.\n\n{{< note >}}Catatan.{{< /note >}}\n",
        )
        .file(
            "content/docs/mulai.en.md",
            "---\ntitle: Getting started\naliases:\n  - /en/old/start/\nreviewers: [ana]\n---\nFirst step.\n\n{{< note >}}A note.{{< /note >}}\n",
        )
}

#[test]
fn unknown_keys_are_errors_by_default_at_their_line() {
    imported(None)
        .build()
        .failure(1)
        .stderr_has("content/_index.md:3")
        .stderr_has("sort_by");
}

#[test]
fn with_warn_the_site_builds_and_each_key_is_reported_once_with_a_count() {
    let site = imported(Some("warn"));
    let run = site.build();
    run.success()
        .stderr_has("front matter key `aliases` is not one naskah reads: ignored in 2 files")
        .stderr_has("front matter key `sort_by` is not one naskah reads: ignored in 2 files")
        .stderr_has("front matter key `reviewers`")
        .stderr_has("content/docs/mulai.md:3:1: warning: front matter key `aliases`")
        .stderr_has("2 files use Hugo or Zola shortcodes")
        .stderr_has("content/docs/mulai.md:10:1: warning: 2 files use");
    assert_eq!(run.stderr.matches("`aliases`").count(), 1, "{}", run.stderr);
    // `_index.md` is the section's page.
    let section = Page::open(&site.out(), "docs/index.html");
    assert_eq!(section.text("h1"), "Dokumen");
    assert_eq!(section.count("section.children li.card"), 1);
    // The shortcode is shown as text, not run.
    let page = Page::open(&site.out(), "docs/mulai/index.html");
    assert!(page.text("div.content").contains("{{< note >}}"));
    // And drift can be measured on such a site.
    let (check, report) = drift_check(site.root(), &[]);
    check.success();
    assert!(
        !report["translations"].as_array().unwrap().is_empty(),
        "{report}"
    );
}

#[test]
fn with_extra_the_keys_reach_the_theme_under_extra() {
    let site = imported(Some("extra")).file(
        "themes/mine/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"r\">{{ page.extra.reviewers | join(sep=\",\") }}</p>{% endblock main %}",
    );
    site.write(
        "naskah.toml",
        &std::fs::read_to_string(site.root().join("naskah.toml"))
            .unwrap()
            .replace("title = \"Uji\"", "title = \"Uji\"\ntheme = \"mine\""),
    );
    let run = site.build();
    run.success();
    assert!(!run.stderr.contains("front matter key"), "{}", run.stderr);
    let page = Page::open(&site.out(), "docs/mulai/index.html");
    assert_eq!(page.text("#r"), "ana,budi");
}

/// Translations in language folders, as Docusaurus and Starlight keep them.
#[test]
fn translations_in_language_folders_pair_with_their_sources() {
    let config = support::CONFIG.replace(
        "[languages.id]",
        "[content]\nlayout = \"folder\"\n\n[languages.id]",
    );
    let site = TestSite::empty()
        .file("naskah.toml", &config)
        .file("content/index.md", "+++\ntitle = \"Beranda\"\n+++\nHalo.\n")
        .file(
            "content/en/index.md",
            "+++\ntitle = \"Home\"\n+++\nHello.\n",
        )
        .file(
            "content/docs/index.md",
            "+++\ntitle = \"Dokumen\"\n+++\nSemua.\n",
        )
        .file(
            "content/docs/a.md",
            "+++\ntitle = \"A\"\n+++\nLihat [B](b.md) dan ![x](img.png).\n",
        )
        .file("content/docs/b.md", "+++\ntitle = \"B\"\n+++\nIsi B.\n")
        .bytes("content/docs/img.png", b"\x89PNG\r\n\x1a\n")
        .file(
            "content/en/docs/a.md",
            "+++\ntitle = \"A in English\"\n+++\nSee [B](b.md) and ![x](../../docs/img.png).\n",
        )
        .bytes("content/en/docs/img.png", b"\x89PNG\r\n\x1a\n");
    let run = site.build();
    run.success();
    assert!(!run.stderr.contains("orphan"), "{}", run.stderr);
    assert!(!run.stderr.contains("does not exist"), "{}", run.stderr);
    let english = Page::open(&site.out(), "en/docs/a/index.html");
    assert_eq!(english.text("h1"), "A in English");
    // Its link goes to the English page of b (a fallback: b has no translation).
    assert_eq!(
        english.attr("div.content a", "href").as_deref(),
        Some("../b/index.html")
    );
    assert!(site.out().join("en/docs/b/index.html").is_file());
    let source = Page::open(&site.out(), "docs/a/index.html");
    assert_eq!(
        source.attr("link[hreflang=en]", "href").as_deref(),
        Some("https://docs.example.org/en/docs/a/")
    );
    // Drift pairs them: the English page is a translation of docs/a, not a page of its own.
    let (_, report) = drift_check(site.root(), &[]);
    let translations = report["translations"].as_array().unwrap();
    assert!(
        translations
            .iter()
            .any(|t| t["document"] == "docs/a" && t["lang"] == "en"),
        "{report}"
    );
    assert!(!site.out().join("en/en").exists());
    // A file left in the suffix layout's naming is a source page: said.
    site.write("content/docs/b.en.md", "+++\ntitle = \"B\"\n+++\nText B.\n");
    site.build().success().stderr_has(
        "content/docs/b.en.md:1:1: warning: named like a translation into `en` in the suffix layout, but the site's layout is \"folder\"",
    );
}

/// An orphan's warning names where its source would be, in the site's own layout.
#[test]
fn an_orphan_in_a_language_folder_names_the_source_path_it_lacks() {
    let folder = support::CONFIG.replace(
        "[languages.id]",
        "[content]\nlayout = \"folder\"\n\n[languages.id]",
    );
    // Sources at the top of content/.
    let site = TestSite::empty()
        .file("naskah.toml", &folder)
        .file("content/index.md", "Halo.\n")
        .file("content/en/docs/gone.md", "Gone.\n");
    site.build()
        .success()
        .stderr_has("no source page `content/docs/gone.md` in `id`");
    // Sources in the source language's folder, as Docsy sites keep them.
    let site = TestSite::empty()
        .file("naskah.toml", &folder)
        .file("content/id/index.md", "Halo.\n")
        .file("content/en/docs/_index.md", "Gone.\n");
    site.build()
        .success()
        .stderr_has("no source page `content/id/docs/_index.md` in `id`");
    // Beside the source, for the suffix layout.
    let site = TestSite::new()
        .file("content/index.md", "Halo.\n")
        .file("content/docs/gone.en.md", "Gone.\n");
    site.build()
        .success()
        .stderr_has("no source page `content/docs/gone.md` in `id`");
}
