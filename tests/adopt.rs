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
