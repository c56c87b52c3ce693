//! Building real fixture sites and checking the HTML with a parser.

mod support;

use std::collections::BTreeSet;

use support::{Page, TestSite, html_files, run, snapshot};

/// Indonesian source, English and Arabic machine translations, a human French one,
/// a page that is not translated, one without fallbacks and a draft.
fn fixture() -> TestSite {
    TestSite::new()
        .file("content/index.md", "+++\ntitle = \"Beranda\"\ndescription = \"Situs uji\"\n+++\nSelamat datang. Lihat [panduan](panduan/mulai.md).\n")
        .file("content/index.en.md", "+++\ntitle = \"Home\"\n+++\nWelcome. See [the guide](panduan/mulai.md).\n")
        .file("content/index.ar.md", "+++\ntitle = \"الرئيسية\"\n+++\nمرحبا. اقرأ [الدليل](panduan/mulai.md).\n")
        .file("content/panduan/index.md", "+++\ntitle = \"Panduan\"\nweight = 1\n+++\nSemua panduan.\n")
        .file("content/panduan/index.en.md", "+++\ntitle = \"Guides\"\n+++\nAll guides.\n")
        .file(
            "content/panduan/mulai.md",
            "+++\ntitle = \"Mulai\"\nweight = 1\ndate = 2025-11-03\n+++\n## Langkah pertama\n\nBaca [lainnya](lainnya.md#bagian) dan [beranda](../index.md).\n\n![Gambar](gambar.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nCatatan[^1].\n\n[^1]: Kaki.\n",
        )
        .file("content/panduan/mulai.en.md", "+++\ntitle = \"Getting started\"\n+++\n## First step\n\nRead [more](lainnya.md#bagian) and [home](../index.md).\n\n![Picture](gambar.png)\n")
        .file("content/panduan/mulai.ar.md", "+++\ntitle = \"البدء\"\n+++\n## الخطوة الأولى\n\nاقرأ [المزيد](lainnya.md#bagian).\n")
        .file("content/panduan/mulai.fr.md", "+++\ntitle = \"Commencer\"\n+++\n## Première étape\n\nLire [la suite](lainnya.md#bagian).\n")
        .file("content/panduan/lainnya.md", "+++\ntitle = \"Lainnya\"\nweight = 2\nfallback = false\n+++\n## Bagian {#bagian}\n\nIsi.\n")
        .file("content/panduan/rahasia.md", "+++\ntitle = \"Rahasia\"\ndraft = true\n+++\nDraf.\n")
        .bytes("content/panduan/gambar.png", b"\x89PNG\r\n\x1a\n")
}

fn built() -> (TestSite, Vec<String>) {
    let site = fixture();
    site.build().success();
    let files = html_files(&snapshot(&site.out()));
    (site, files)
}

fn page_lang(path: &str) -> &str {
    match path.split('/').next() {
        Some(l @ ("en" | "ar" | "fr")) => l,
        _ => "id",
    }
}

#[test]
fn every_page_has_lang_and_direction() {
    let (site, files) = built();
    assert!(files.len() >= 16, "{files:?}");
    for path in &files {
        let page = Page::open(&site.out(), path);
        let lang = page_lang(path);
        assert_eq!(page.attr("html", "lang").as_deref(), Some(lang), "{path}");
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert_eq!(page.attr("html", "dir").as_deref(), Some(dir), "{path}");
    }
}

#[test]
fn output_layout_pretty_urls_drafts_and_disabled_fallbacks() {
    let (site, files) = built();
    let files: BTreeSet<_> = files.into_iter().collect();
    for expected in [
        "index.html",
        "panduan/mulai/index.html",
        "en/panduan/mulai/index.html",
        "fr/index.html",
        "ar/panduan/index.html",
        "panduan/lainnya/index.html",
        "404.html",
        "ar/404.html",
    ] {
        assert!(files.contains(expected), "missing {expected}");
    }
    assert!(
        !files.iter().any(|f| f.contains("rahasia")),
        "draft was built"
    );
    assert!(
        !files.contains("en/panduan/lainnya/index.html"),
        "fallback = false was ignored"
    );
    assert!(site.out().join("panduan/gambar.png").is_file());
}

#[test]
fn switcher_lists_every_language_and_its_targets_exist() {
    let (site, files) = built();
    for path in files.iter().filter(|p| !p.ends_with("404.html")) {
        let page = Page::open(&site.out(), path);
        let links = page.all(".lang-switcher a");
        assert_eq!(links.len(), 4, "{path}");
        for link in &links {
            let href = link.value().attr("href").unwrap();
            let target = support::resolve(path, href);
            assert!(
                site.out().join(&target).is_file(),
                "{path}: switcher target {href} missing"
            );
        }
        let current = page.one(".lang-switcher a[aria-current=page]");
        assert_eq!(
            current.value().attr("lang"),
            Some(page_lang(path)),
            "{path}"
        );
        let names: Vec<String> = links.iter().map(|l| l.text().collect()).collect();
        assert_eq!(
            names,
            ["Bahasa Indonesia", "English", "العربية", "Français"]
        );
    }
}

#[test]
fn hreflang_alternates_and_x_default() {
    let (site, _) = built();
    let page = Page::open(&site.out(), "en/panduan/mulai/index.html");
    let alternates: Vec<(String, String)> = page
        .all("link[rel=alternate][hreflang]")
        .iter()
        .map(|l| {
            (
                l.value().attr("hreflang").unwrap().to_string(),
                l.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("id", "https://docs.example.org/panduan/mulai/"),
            ("en", "https://docs.example.org/en/panduan/mulai/"),
            ("ar", "https://docs.example.org/ar/panduan/mulai/"),
            ("fr", "https://docs.example.org/fr/panduan/mulai/"),
            ("x-default", "https://docs.example.org/panduan/mulai/"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // The home page has no French text: French is left out of its alternates.
    let home = Page::open(&site.out(), "index.html");
    let langs: Vec<_> = home
        .all("link[rel=alternate]")
        .iter()
        .map(|l| l.value().attr("hreflang").unwrap().to_string())
        .collect();
    assert_eq!(langs, ["id", "en", "ar", "x-default"]);
    assert_eq!(
        page.attr("link[rel=canonical]", "href").as_deref(),
        Some("https://docs.example.org/en/panduan/mulai/")
    );
}

#[test]
fn disclaimer_exactly_on_machine_translated_pages() {
    let (site, files) = built();
    let mut with_disclaimer = Vec::new();
    for path in files.iter().filter(|p| !p.ends_with("404.html")) {
        let page = Page::open(&site.out(), path);
        if page.count(".notice-mt") > 0 {
            let link = page.attr(".notice-mt a", "href").unwrap();
            let target = support::resolve(path, &link);
            let source_path = path.split_once('/').map(|(_, rest)| rest).unwrap();
            assert_eq!(
                target, source_path,
                "{path}: disclaimer must link the Indonesian page"
            );
            with_disclaimer.push(path.clone());
        }
    }
    // en and ar are machine-translated; fr is configured as human-translated; fallbacks
    // show Indonesian text, so they carry the not-translated notice instead.
    assert_eq!(
        with_disclaimer,
        [
            "ar/index.html",
            "ar/panduan/mulai/index.html",
            "en/index.html",
            "en/panduan/index.html",
            "en/panduan/mulai/index.html"
        ]
    );
    let english = Page::open(&site.out(), "en/index.html");
    assert!(
        english
            .text(".notice-mt")
            .contains("translated automatically"),
        "{}",
        english.text(".notice-mt")
    );
    let arabic = Page::open(&site.out(), "ar/index.html");
    assert!(arabic.text(".notice-mt").contains("الإندونيسية"));
}

#[test]
fn source_page_lists_its_machine_translations() {
    let (site, _) = built();
    let page = Page::open(&site.out(), "panduan/mulai/index.html");
    let langs: Vec<_> = page
        .all(".notice-translations li a")
        .iter()
        .map(|a| a.value().attr("hreflang").unwrap().to_string())
        .collect();
    assert_eq!(langs, ["en", "ar", "fr"]);
    assert_eq!(
        page.count(".notice-translations .badge"),
        2,
        "fr is not machine-made"
    );
}

#[test]
fn untranslated_pages_fall_back_to_the_source_text() {
    let (site, _) = built();
    let page = Page::open(&site.out(), "fr/index.html");
    assert_eq!(page.attr("html", "lang").as_deref(), Some("fr"));
    let content = page.one("div.content");
    assert_eq!(content.value().attr("lang"), Some("id"));
    assert_eq!(content.value().attr("dir"), Some("ltr"));
    assert!(
        content
            .text()
            .collect::<String>()
            .contains("Selamat datang")
    );
    assert_eq!(
        page.attr("meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    assert_eq!(
        page.attr("link[rel=canonical]", "href").as_deref(),
        Some("https://docs.example.org/")
    );
    assert_eq!(page.count("link[rel=alternate]"), 0);
    assert!(
        page.text(".notice-untranslated")
            .contains("traduite en français")
    );
    // Its links lead to French pages where they exist.
    let link = page.attr("div.content a", "href").unwrap();
    assert_eq!(link, "panduan/mulai/index.html");
}

#[test]
fn relative_links_resolve_to_files_in_the_output() {
    let (site, files) = built();
    let mut checked = 0;
    for path in files.iter().filter(|p| !p.ends_with("404.html")) {
        let page = Page::open(&site.out(), path);
        for (url, target) in page.relative_targets() {
            assert!(
                site.out().join(&target).is_file(),
                "{path}: {url} → {target} does not exist"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    let en = Page::open(&site.out(), "en/panduan/mulai/index.html");
    assert_eq!(
        en.attr("div.content img", "src").as_deref(),
        Some("../../../panduan/gambar.png")
    );
    // A link to a page that has no English version (fallback = false) leads to the source.
    assert_eq!(
        en.attr("div.content a", "href").as_deref(),
        Some("../../../panduan/lainnya/index.html#bagian")
    );
}

#[test]
fn markdown_features_and_anchors() {
    let (site, _) = built();
    let page = Page::open(&site.out(), "panduan/mulai/index.html");
    assert_eq!(
        page.attr("div.content h2", "id").as_deref(),
        Some("langkah-pertama")
    );
    assert_eq!(page.count("div.content table td"), 2);
    assert_eq!(page.count("div.content .footnote-definition"), 1);
    let ar = Page::open(&site.out(), "ar/panduan/mulai/index.html");
    assert_eq!(
        ar.attr("div.content h2", "id").as_deref(),
        Some("الخطوة-الأولى")
    );
    assert_eq!(
        ar.attr(".toc a", "href"),
        None,
        "a one-heading page needs no TOC"
    );
    assert!(
        page.text(".page-date").contains("3 November 2025"),
        "{}",
        page.text(".page-date")
    );
}

#[test]
fn sitemap_lists_real_pages_with_alternates() {
    let (site, _) = built();
    let xml = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let locs: BTreeSet<String> = urls
        .iter()
        .map(|u| {
            u.children()
                .find(|c| c.has_tag_name("loc"))
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(locs.contains("https://docs.example.org/fr/panduan/mulai/"));
    assert!(
        !locs.contains("https://docs.example.org/fr/"),
        "fallback pages stay out of the sitemap"
    );
    assert_eq!(locs.len(), 3 + 2 + 4 + 1, "{locs:?}");
    for url in &urls {
        let alternates = url.children().filter(|c| c.has_tag_name("link")).count();
        assert!(
            alternates >= 2,
            "every url lists its alternates and x-default"
        );
    }
    let robots = std::fs::read_to_string(site.out().join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://docs.example.org/sitemap.xml"));
}

#[test]
fn without_base_url_no_sitemap_and_no_absolute_urls() {
    let site = fixture().file(
        "naskah.toml",
        &support::CONFIG.replace("base_url = \"https://docs.example.org/\"\n", ""),
    );
    site.build().success();
    assert!(!site.out().join("sitemap.xml").exists());
    let page = Page::open(&site.out(), "en/panduan/mulai/index.html");
    assert_eq!(page.count("link[rel=canonical]"), 0);
    assert_eq!(
        page.attr("link[hreflang=x-default]", "href").as_deref(),
        Some("../../../panduan/mulai/index.html")
    );
    let snapshot = snapshot(&site.out());
    for (path, bytes) in &snapshot {
        assert!(
            !String::from_utf8_lossy(bytes).contains("example.org"),
            "{path} has an absolute URL"
        );
    }
    // The command line can set it.
    site.build_with(&["--base-url", "https://cli.example.net/docs"])
        .success();
    let page = Page::open(&site.out(), "index.html");
    assert_eq!(
        page.attr("link[rel=canonical]", "href").as_deref(),
        Some("https://cli.example.net/docs/")
    );
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let site = fixture();
    let a = site.root().join("a");
    let b = site.root().join("b");
    let root = site.root().to_str().unwrap();
    run(
        &["build", "--root", root, "--out", a.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "1")],
    )
    .success();
    run(
        &["build", "--root", root, "--out", b.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "8")],
    )
    .success();
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = fixture();
    site.build().success();
    let before = snapshot(&site.out());
    site.write(
        "content/panduan/mulai.md",
        "+++\ntitle = \"Rusak\nweight = 1\n+++\n",
    );
    site.build()
        .failure(1)
        .stderr_has("content/panduan/mulai.md:2:");
    assert_eq!(snapshot(&site.out()), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".naskah"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
}

#[test]
fn unchanged_files_are_not_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let site = fixture();
    site.build().success();
    let inode = |p: &str| std::fs::metadata(site.out().join(p)).unwrap().ino();
    let home = inode("index.html");
    let section = inode("panduan/index.html");
    let css = inode("assets/naskah.css");
    let guide = inode("panduan/mulai/index.html");
    site.write(
        "content/panduan/mulai.md",
        "+++\ntitle = \"Mulai lagi\"\nweight = 1\n+++\nBaru.\n",
    );
    site.build().success().stderr_has("unchanged");
    assert_eq!(inode("assets/naskah.css"), css);
    assert_ne!(inode("panduan/mulai/index.html"), guide);
    // The section page lists the guide's title, so it changed too; the home page's
    // navigation shows sections only, so it did not.
    assert_ne!(inode("panduan/index.html"), section);
    assert_eq!(inode("index.html"), home);
    let stable = inode("fr/404.html");
    site.build().success();
    assert_eq!(inode("fr/404.html"), stable);
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let site = fixture().file("site/notes.txt", "mine");
    site.build().failure(2).stderr_has("not created by naskah");
    assert_eq!(
        std::fs::read_to_string(site.out().join("notes.txt")).unwrap(),
        "mine"
    );
    let root = site.root().to_str().unwrap();
    run(&["build", "--root", root, "--out", root], &[])
        .failure(2)
        .stderr_has("holds your sources");
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("docs");
    run(&["init", dir.to_str().unwrap()], &[]).success();
    run(&["build", "--root", dir.to_str().unwrap()], &[]).success();
    let page = Page::open(&dir.join("site"), "ja/index.html");
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
    assert_eq!(page.text(".site-title"), "ドキュメント");
    assert_eq!(page.attr("div.content", "lang").as_deref(), Some("id"));
    // Every feature once: a section, a translation with a drift on purpose (marked on
    // the page), a fallback page, and next steps on the home page.
    let home = Page::open(&dir.join("site"), "index.html");
    assert!(home.text("div.content").contains("naskah serve"));
    assert_eq!(home.count("nav.site-nav a"), 2, "home and the section");
    let english = Page::open(&dir.join("site"), "en/panduan/mulai/index.html");
    assert_eq!(english.count("[data-drift=number-mismatch]"), 1);
    let fallback = Page::open(&dir.join("site"), "fr/panduan/lanjutan/index.html");
    assert_eq!(fallback.count("[data-notice=untranslated]"), 1);
    let (check, report) = support::drift_check(&dir, &[]);
    check.success();
    assert!(report.to_string().contains("number-mismatch"), "{report}");
    // A second init never overwrites.
    run(&["init", dir.to_str().unwrap()], &[])
        .failure(2)
        .stderr_has("not empty");
}

#[test]
fn help_on_every_command() {
    for args in [&["--help"][..], &["build", "--help"], &["init", "--help"]] {
        let out = run(args, &[]);
        out.success();
        assert!(out.stdout.contains("Usage:"), "{}", out.stdout);
    }
    run(&["frobnicate"], &[]).failure(2);
}

#[test]
fn translation_status_page_lists_every_document_and_language() {
    let (site, _) = built();
    let page = Page::open(&site.out(), "fr/translations/index.html");
    assert_eq!(page.attr("html", "lang").as_deref(), Some("fr"));
    let rows = page.all("table.status-table tbody tr");
    assert_eq!(rows.len(), 4, "home, guides section, two pages");
    assert_eq!(
        page.count("table.status-table tbody td"),
        4 * 3,
        "one cell per translation language"
    );
    // The home page has no French file; its English one exists but was never accepted.
    let home_fr = page.one("tbody tr:first-child td[data-lang=fr]");
    assert_eq!(home_fr.value().attr("data-status"), Some("missing"));
    let home_en = page.one("tbody tr:first-child td[data-lang=en]");
    assert_eq!(home_en.value().attr("data-status"), Some("untracked"));
    let link = page
        .attr("tbody tr:first-child td[data-lang=en] a", "href")
        .unwrap();
    assert!(
        site.out()
            .join(support::resolve("fr/translations/index.html", &link))
            .is_file()
    );
}

/// One item of a six-item list changed in the source: the page marks that item, not the
/// list, and its reveal shows what changed (a word diff) before the current source.
#[test]
fn a_changed_list_item_is_marked_alone_with_a_word_diff() {
    let items = [
        "Satu",
        "Dua",
        "Tiga",
        "Pilih data peningkatan AI",
        "Lima",
        "Enam",
    ];
    let english = [
        "One",
        "Two",
        "Three",
        "Choose data for improving AI",
        "Five",
        "Six",
    ];
    let list = |xs: &[&str]| xs.iter().map(|x| format!("1. {x}\n")).collect::<String>();
    let site = TestSite::new()
        .file("content/p.md", &format!("# Langkah\n\n{}", list(&items)))
        .file("content/p.en.md", &format!("# Steps\n\n{}", list(&english)));
    support::drift_accept(site.root(), &["--all"]).success();
    let edited = items.map(|x| x.replace("peningkatan", "pelatihan"));
    let edited: Vec<&str> = edited.iter().map(String::as_str).collect();
    site.write("content/p.md", &format!("# Langkah\n\n{}", list(&edited)));
    site.build().success();
    let page = Page::open(&site.out(), "en/p/index.html");
    let marked = page.all("li.drift-item");
    assert_eq!(marked.len(), 1, "one item marked");
    assert_eq!(
        marked[0].text().collect::<String>(),
        "Choose data for improving AI"
    );
    assert_eq!(marked[0].value().attr("data-drift"), Some("source-changed"));
    assert_eq!(page.count("div.drift > ol > li"), 6, "the translated list");
    assert_eq!(
        page.count(".drift-source-text li"),
        6,
        "the source list revealed"
    );
    assert_eq!(page.text(".drift-source .drift-diff del"), "peningkatan");
    assert_eq!(page.text(".drift-source .drift-diff ins"), "pelatihan");
    assert_eq!(page.attr(".drift-diff", "lang").as_deref(), Some("id"));
}

/// What a killed build left beside the output (a staging folder, an old output being
/// swapped out) is removed by the next build; a folder not marked as naskah's is not.
#[test]
fn leftovers_of_a_killed_build_are_removed_and_nothing_else() {
    let site = fixture();
    site.build().success();
    let root = site.root();
    let prefix = naskah::output::staging_prefix(&site.out());
    let other = naskah::output::staging_prefix(&root.join("site-preview"));
    let (dead1, dead2) = (format!("{prefix}dead1"), format!("{prefix}dead2-previous"));
    let live = format!("{other}live");
    for name in [&dead1, &dead2, &live] {
        std::fs::create_dir_all(root.join(name).join("en")).unwrap();
        std::fs::write(root.join(name).join(".naskah-output"), "naskah\n").unwrap();
        std::fs::write(root.join(name).join("en/index.html"), "old").unwrap();
    }
    std::fs::create_dir_all(root.join(".naskah-staging-not-ours")).unwrap();
    std::fs::write(root.join(".naskah-staging-not-ours/notes.txt"), "mine").unwrap();
    site.build().success();
    assert!(!root.join(&dead1).exists());
    assert!(!root.join(&dead2).exists());
    // Another output's staging folder (its build holds another lock) is not touched,
    // though its name begins with this one's.
    assert!(root.join(&live).join("en/index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(root.join(".naskah-staging-not-ours/notes.txt")).unwrap(),
        "mine"
    );
}

/// Builds of one site at the same time take turns (a lock on the output): every one
/// succeeds and the output is whole (two at once used to fail now and then with
/// "cannot write …: No such file or directory").
#[test]
fn builds_at_the_same_time_take_turns() {
    let site = fixture();
    site.build().success();
    let expected = snapshot(&site.out());
    for _ in 0..5 {
        let runs: Vec<support::Run> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..3).map(|_| scope.spawn(|| site.build())).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for run in &runs {
            run.success();
        }
        assert_eq!(snapshot(&site.out()), expected);
    }
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".naskah-staging-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// File names with `#`, `%`, `?` and spaces: their pages are linked to with those
/// characters percent-encoded, and every such link leads to a file that exists.
#[test]
fn file_names_with_url_characters_are_linked_to() {
    let site = TestSite::new()
        .file(
            "content/index.md",
            "# Beranda\n\nBaca [C#](c%23.md), [diskon](50%25%20off.md) dan [tanya](apa%3F.md).\n",
        )
        .file("content/c#.md", "# C Sharp\n\nIsi.\n")
        .file("content/c#.en.md", "# C Sharp\n\nText.\n")
        .file("content/50% off.md", "# Diskon\n\nIsi.\n")
        .file("content/apa?.md", "# Tanya\n\nIsi.\n");
    site.build().success();
    let page = Page::open(&site.out(), "index.html");
    let hrefs = page.attrs("main a", "href");
    assert!(hrefs.contains(&"c%23/index.html".to_string()), "{hrefs:?}");
    assert!(
        hrefs.contains(&"50%25%20off/index.html".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"apa%3F/index.html".to_string()),
        "{hrefs:?}"
    );
    for href in hrefs.iter().filter(|h| h.ends_with("index.html")) {
        let decoded = percent_decode(href);
        assert!(site.out().join(&decoded).is_file(), "{href} -> {decoded}");
    }
    // So do the navigation, breadcrumbs, previous/next, language and disclaimer links of
    // every page, and the translation status page's.
    for path in [
        "index.html",
        "c#/index.html",
        "apa?/index.html",
        "en/c#/index.html",
        "translations/index.html",
    ] {
        let page = Page::open(&site.out(), path);
        let base = std::path::Path::new(path).parent().unwrap();
        for a in page.all("a[href]") {
            let href = a.value().attr("href").unwrap();
            if href.starts_with("http") || !href.ends_with("index.html") {
                continue;
            }
            // What a browser asks for: the path before any `#` or `?`, decoded.
            let asked = href.split(['#', '?']).next().unwrap_or_default();
            let target = site.out().join(base).join(percent_decode(asked));
            assert!(target.is_file(), "{path}: {href} leads nowhere");
        }
    }
    // Search results link to them the same way.
    let docs = std::fs::read_to_string(site.out().join("assets/search/id/docs-0.js")).unwrap();
    for href in [
        "c%23/index.html",
        "50%25%20off/index.html",
        "apa%3F/index.html",
    ] {
        assert!(docs.contains(&format!("\"{href}\"")), "{href} in {docs}");
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// `-v` does what its help says: each stage's time and memory (it promised "each file
/// written", which no command printed).
#[test]
fn verbose_prints_each_stage() {
    let site = fixture();
    let run = site.build_with(&["-v"]);
    run.success()
        .stderr_has("timing content: ")
        .stderr_has("MiB resident");
    assert!(!site.build().stderr.contains("timing "));
    let help = support::run(&["build", "--help"], &[]);
    assert!(
        help.stdout.contains("each stage's time and memory"),
        "{}",
        help.stdout
    );
    assert!(!help.stdout.contains("each file written"));
    let root = site.root().to_string_lossy().into_owned();
    support::run(&["check", "-v", "--root", &root], &[]).stderr_has("timing drift: ");
}

/// GitHub's alerts become labelled notes in the reader's language; drift marks an alert
/// whose source changed as one block.
#[test]
fn alerts_are_labelled_in_the_page_language_and_drift_as_one_block() {
    let site = TestSite::new()
        .file("content/index.md", "Halo.\n")
        .file(
            "content/akun.md",
            "+++\ntitle = \"Akun\"\n+++\nPengantar.\n\n> [!WARNING]\n> Menghapus akun tidak dapat dibatalkan.\n>\n> Simpan data Anda dulu.\n",
        )
        .file(
            "content/akun.en.md",
            "+++\ntitle = \"Account\"\n+++\nIntroduction.\n\n> [!WARNING]\n> Deleting an account cannot be undone.\n>\n> Save your data first.\n",
        )
        .file(
            "content/akun.ar.md",
            "+++\ntitle = \"الحساب\"\n+++\nمقدمة.\n\n> [!WARNING]\n> لا يمكن التراجع عن حذف الحساب.\n>\n> احفظ بياناتك أولاً.\n",
        );
    site.build().success();
    for (path, label) in [
        ("akun/index.html", "Peringatan"),
        ("en/akun/index.html", "Warning"),
        ("ar/akun/index.html", "تحذير"),
        ("fr/akun/index.html", "Avertissement"),
    ] {
        let page = Page::open(&site.out(), path);
        assert_eq!(
            page.count("div.alert.alert-warning[role=note]"),
            1,
            "{path}"
        );
        assert_eq!(page.text("div.alert p.alert-title"), label, "{path}");
        assert_eq!(page.count("div.alert svg[aria-hidden=true]"), 1, "{path}");
        assert_eq!(
            page.count("div.alert > p"),
            3,
            "{path}: title and two paragraphs"
        );
        assert_eq!(page.count("blockquote"), 0, "{path}");
        assert!(!page.text("div.alert").contains("[!WARNING]"), "{path}");
    }
    support::drift_accept(site.root(), &["--all"]).success();
    site.write(
        "content/akun.md",
        "+++\ntitle = \"Akun\"\n+++\nPengantar.\n\n> [!WARNING]\n> Menghapus akun tidak dapat dibatalkan setelah 30 hari.\n>\n> Simpan data Anda dulu.\n",
    );
    site.build().success();
    let page = Page::open(&site.out(), "en/akun/index.html");
    assert_eq!(
        page.count("div.drift[data-drift]"),
        1,
        "only the alert is marked"
    );
    // The marked block holds the translated alert, and its reveal the source's.
    assert_eq!(page.count("div.drift[data-drift] div.alert"), 2);
    assert_eq!(page.count("div.drift-source-text div.alert"), 1);
    assert_eq!(page.text("div.drift-source-text p.alert-title"), "Warning");
}

/// `edit_url` gives each page an "Edit this page" link to the file it shows.
#[test]
fn pages_link_to_the_file_they_show_for_editing() {
    let site = fixture();
    site.write(
        "naskah.toml",
        &support::CONFIG.replace(
            "base_url",
            "edit_url = \"https://github.com/o/r/edit/main/{path}\"\nbase_url",
        ),
    );
    site.build().success();
    let href = |path: &str| Page::open(&site.out(), path).attr("p.edit-link a", "href");
    assert_eq!(
        href("en/panduan/mulai/index.html").as_deref(),
        Some("https://github.com/o/r/edit/main/content/panduan/mulai.en.md")
    );
    // A fallback page shows the source text: its link edits the source.
    assert_eq!(
        href("fr/index.html").as_deref(),
        Some("https://github.com/o/r/edit/main/content/index.md")
    );
    assert_eq!(
        Page::open(&site.out(), "ar/panduan/mulai/index.html").text("p.edit-link"),
        "تعديل هذه الصفحة"
    );
    // Without edit_url, no link.
    let plain = fixture();
    plain.build().success();
    assert_eq!(
        Page::open(&plain.out(), "index.html").count("p.edit-link"),
        0
    );
    // A URL without {path} is an error at its line.
    plain.write(
        "naskah.toml",
        &support::CONFIG.replace("base_url", "edit_url = \"https://x.org/\"\nbase_url"),
    );
    plain
        .build()
        .failure(2)
        .stderr_has("naskah.toml:2")
        .stderr_has("with `{path}` in it");
}

/// Fenced code in a language a grammar knows is highlighted at build time, with classes
/// a theme colours and the code's text unchanged; `[content] highlight = false` and
/// unknown languages give the plain block.
#[test]
fn fenced_code_is_highlighted_at_build_time_unless_turned_off() {
    let code = "# pasang <dulu>\nnaskah build --root \"docs\" | grep -c 12\n";
    let site = TestSite::new().file(
        "content/index.md",
        &format!(
            "Halo.\n\n```sh\n{code}```\n\n```no-such-language\nx < y\n```\n\n```\nplain\n```\n"
        ),
    );
    site.build().success();
    let page = Page::open(&site.out(), "index.html");
    assert_eq!(page.count("pre.hl > code.language-sh"), 1);
    assert_eq!(page.text("pre.hl > code"), code);
    assert!(
        page.text("pre.hl span.hl-comment")
            .contains("pasang <dulu>")
    );
    assert!(page.text("pre.hl span.hl-string").contains("\"docs\""));
    assert_eq!(page.count("pre > code.language-no-such-language"), 1);
    assert_eq!(page.count("pre.hl"), 1, "only the known language");
    assert_eq!(page.count("pre > code:not([class])"), 1);
    let css = std::fs::read_to_string(site.out().join("assets/naskah.css")).unwrap();
    assert!(css.contains(".hl-comment"), "the theme colours the classes");

    site.write(
        "naskah.toml",
        &support::CONFIG.replace(
            "[languages.id]",
            "[content]\nhighlight = false\n\n[languages.id]",
        ),
    );
    site.build().success();
    let page = Page::open(&site.out(), "index.html");
    assert_eq!(page.count("pre.hl, span[class^=hl-]"), 0);
    assert_eq!(page.text("pre > code.language-sh"), code);
}

/// "Updated" dates belong to the text shown: a translation shows its own `updated`
/// date (or none), never its source's; a page with only `date` says "published".
#[test]
fn a_translation_shows_its_own_updated_date() {
    let site = TestSite::new()
        .file("content/index.md", "Halo.\n")
        .file(
            "content/akun.md",
            "+++\ntitle = \"Akun\"\nupdated = 2026-11-29\n+++\nIsi.\n",
        )
        .file(
            "content/akun.en.md",
            "+++\ntitle = \"Account\"\nupdated = 2026-10-01\n+++\nText.\n",
        )
        .file("content/akun.ar.md", "+++\ntitle = \"الحساب\"\n+++\nنص.\n")
        .file(
            "content/lain.md",
            "+++\ntitle = \"Lain\"\ndate = 2025-01-05\n+++\nIsi.\n",
        );
    site.build().success();
    let updated = |path: &str| Page::open(&site.out(), path).attr("p.page-date time", "datetime");
    assert_eq!(updated("akun/index.html").as_deref(), Some("2026-11-29"));
    assert_eq!(updated("en/akun/index.html").as_deref(), Some("2026-10-01"));
    assert_eq!(updated("ar/akun/index.html"), None, "not the source's date");
    // A fallback page shows the source's text, so the source's date.
    assert_eq!(updated("fr/akun/index.html").as_deref(), Some("2026-11-29"));
    assert_eq!(
        Page::open(&site.out(), "en/akun/index.html").text("p.page-date"),
        "Updated October 1, 2026"
    );
    assert_eq!(
        Page::open(&site.out(), "en/lain/index.html").text("p.page-date"),
        "Published January 5, 2025"
    );
    site.write(
        "content/lain.md",
        "+++\ntitle = \"Lain\"\nupdated = \"soon\"\n+++\nIsi.\n",
    );
    site.build()
        .failure(1)
        .stderr_has("content/lain.md:3:1: error: front matter: `updated` is not a valid date");
}

/// `[content] updated_from_git = true`: pages without an `updated` date take the date
/// of the last commit that changed their own file; outside a repository it is an error;
/// in one without a commit yet, no page has a date.
#[test]
fn updated_dates_come_from_each_files_last_commit_when_asked() {
    let config = support::CONFIG.replace(
        "[languages.id]",
        "[content]\nupdated_from_git = true\n\n[languages.id]",
    );
    let site = TestSite::empty()
        .file("naskah.toml", &config)
        .file("content/index.md", "Halo.\n")
        .file("content/akun.md", "+++\ntitle = \"Akun\"\n+++\nIsi.\n")
        .file(
            "content/akun.en.md",
            "+++\ntitle = \"Account\"\n+++\nText.\n",
        );
    site.build()
        .failure(1)
        .stderr_has("updated_from_git: `git rev-parse` failed: fatal: not a git repository")
        .stderr_has("the site must be in a git repository");
    let git = |args: &[&str], date: &str| {
        let status = std::process::Command::new("git")
            .arg("-C")
            .arg(site.root())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"], "");
    git(&["add", "."], "");
    // A repository without a commit yet: no page has a commit date (`git log` failed).
    site.build().success();
    let dated = Page::open(&site.out(), "akun/index.html").count("p.page-date time");
    assert_eq!(dated, 0);
    git(&["commit", "-qm", "one"], "2025-01-02T10:00:00+07:00");
    site.write(
        "content/akun.en.md",
        "+++\ntitle = \"Account\"\n+++\nNew text.\n",
    );
    git(&["commit", "-qam", "two"], "2025-03-04T23:30:00-05:00");
    // An edit not yet committed does not move the date.
    site.write("content/akun.md", "+++\ntitle = \"Akun\"\n+++\nIsi baru.\n");
    site.build().success();
    let updated = |path: &str| Page::open(&site.out(), path).attr("p.page-date time", "datetime");
    assert_eq!(updated("akun/index.html").as_deref(), Some("2025-01-02"));
    // The commit's own time zone, whatever the machine's.
    assert_eq!(updated("en/akun/index.html").as_deref(), Some("2025-03-04"));
    assert_eq!(
        updated("fr/akun/index.html").as_deref(),
        Some("2025-01-02"),
        "fallback: the source's file"
    );
    // A shallow clone dates every page by its one commit: said, not hidden.
    let clone = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1"])
        .arg(format!("file://{}", site.root().display()))
        .arg(clone.path().join("site"))
        .status()
        .expect("git runs");
    assert!(status.success());
    let root = clone.path().join("site");
    support::run(&["build", "--root", &root.to_string_lossy()], &[])
        .success()
        .stderr_has("updated_from_git: this is a shallow clone");
}

/// A language's search index lists its own pages only: a fallback page (the source's
/// text shown in its place) is left out, and none of its words are indexed.
#[test]
fn search_indexes_leave_fallback_pages_out() {
    let site = TestSite::new()
        .file("content/index.md", "Halo.\n")
        .file(
            "content/akun.md",
            "+++\ntitle = \"Akun\"\n+++\nPenolakan berlaku.\n",
        )
        .file(
            "content/akun.en.md",
            "+++\ntitle = \"Account\"\n+++\nOpting out applies.\n",
        );
    site.build().success();
    // A language without pages of its own has no docs file at all.
    let read = |path: &str| std::fs::read_to_string(site.out().join(path)).unwrap_or_default();
    assert!(read("assets/search/en/docs-0.js").contains("\"en/akun/index.html\""));
    assert!(read("assets/search/id/docs-0.js").contains("\"akun/index.html\""));
    // Arabic has no translation: its akun page is a fallback.
    assert!(!read("assets/search/ar/docs-0.js").contains("akun"));
    assert!(!read("assets/search/ar/terms-0.js").contains("tolak"));
    assert!(read("assets/search/id/terms-0.js").contains("\"tolak\""));
    assert!(read("assets/search/ar/meta.js").contains("\"docs\":0"));
}

/// `[search] enabled = false` writes no index and no search box, and loads no search
/// script; by default every page has the box and every language an index.
#[test]
fn search_can_be_turned_off() {
    let site = TestSite::new()
        .file("content/index.md", "Halo.\n")
        .file("content/akun.md", "+++\ntitle = \"Akun\"\n+++\nTeks.\n");
    site.build().success();
    assert!(site.out().join("assets/search/id/meta.js").is_file());
    let page = Page::open(&site.out(), "akun/index.html");
    assert_eq!(page.count("[role=search] input[type=search]"), 1);
    assert_eq!(page.count("script[src$='search.js']"), 1);

    site.write(
        "naskah.toml",
        &format!("{}\n[search]\nenabled = false\n", support::CONFIG),
    );
    site.build().success();
    assert!(!site.out().join("assets/search").exists());
    let page = Page::open(&site.out(), "akun/index.html");
    assert_eq!(page.count("[role=search]"), 0);
    assert_eq!(page.count("script[src*='search']"), 0);
}

/// Chinese and Japanese pages are indexed by each character as well as by pairs, so a
/// word of one character (`库`, `図`) finds them; a query is still cut into pairs.
#[test]
fn search_finds_words_of_one_character_in_text_without_spaces() {
    let site = TestSite::new()
        .file("naskah.toml", &support::config_with_chinese())
        .file("content/index.md", "Halo.\n")
        .file(
            "content/pustaka.md",
            "+++\ntitle = \"Pustaka\"\n+++\nTeks.\n",
        )
        .file(
            "content/pustaka.zh.md",
            "+++\ntitle = \"说明\"\n+++\n这个库很好。\n",
        );
    site.build().success();
    let read = |path: &str| std::fs::read_to_string(site.out().join(path)).unwrap_or_default();
    let listed = |term: &str| support::search_index_lists(read, "zh", term);
    assert!(listed("库"), "a character alone");
    assert!(listed("个库") && listed("库很"), "and the pairs");
    assert_eq!(naskah::search::terms::terms("库", "zh"), ["库"]);
    assert_eq!(
        naskah::search::terms::terms("库很", "zh"),
        ["库很"],
        "a query: pairs only"
    );
}

/// A section named with `#` that takes several listing pages links to each of them by
/// its percent-encoded path.
#[test]
fn the_listing_pages_of_a_section_named_with_a_hash_are_linked_to() {
    let site = TestSite::new()
        .file(
            "naskah.toml",
            &format!("section_page_size = 1\n{}", support::CONFIG),
        )
        .file("content/index.md", "Halo.\n")
        .file("content/c#/index.md", "# C Sharp\n")
        .file("content/c#/a.md", "# A\n")
        .file("content/c#/b.md", "# B\n");
    site.build().success();
    for path in ["c#/index.html", "c#/page/2/index.html"] {
        let page = Page::open(&site.out(), path);
        let base = std::path::Path::new(path).parent().unwrap();
        let links = page.all(".pagination a[href]");
        assert!(!links.is_empty(), "{path} has no pagination");
        for a in links {
            let href = a.value().attr("href").unwrap();
            let asked = href.split(['#', '?']).next().unwrap_or_default();
            let target = site.out().join(base).join(percent_decode(asked));
            assert!(target.is_file(), "{path}: {href} leads nowhere");
        }
    }
}

/// Links written as a page's address (`../other/`, `/section/other/`), as sites moving
/// from Hugo or Zola have them, lead to that page in the reader's language, like links
/// to its source file, and a wrong one is reported with where it leads.
#[test]
fn links_written_as_page_addresses_lead_to_the_page_in_the_readers_language() {
    let page = |body: &str| format!("+++\ntitle = \"T\"\n+++\n{body}\n");
    let body = "[near](../lain/) [far](../../bab/jauh/#dua) [rooted](/bab/jauh/) [home](/) \
                [asset](/img/x.png)";
    let site = TestSite::new()
        .file("content/index.md", &page("beranda"))
        .file("content/panduan/mulai.md", &page(body))
        .file("content/panduan/mulai.en.md", &page(body))
        .file("content/panduan/lain.md", &page("lain"))
        .file("content/panduan/lain.en.md", &page("other"))
        .file("content/bab/jauh.md", &page("jauh"))
        .file("static/img/x.png", "png");
    let run = site.build();
    run.success();
    assert!(
        !run.stderr.contains("warning: link"),
        "no link is broken: {}",
        run.stderr
    );
    let hrefs = |path: &str| Page::open(&site.out(), path).attrs("div.content a", "href");
    assert_eq!(
        hrefs("panduan/mulai/index.html"),
        [
            "../lain/index.html",
            "../../bab/jauh/index.html#dua",
            "../../bab/jauh/index.html",
            "../../index.html",
            "../../img/x.png"
        ]
    );
    // The English page: its own language where the target is translated, else the
    // fallback page naskah writes for it.
    let en = hrefs("en/panduan/mulai/index.html");
    assert_eq!(en[0], "../lain/index.html");
    assert_eq!(en[1], "../../bab/jauh/index.html#dua");
    for (href, target) in en
        .iter()
        .zip(["en/panduan/lain/index.html", "en/bab/jauh/index.html"])
    {
        let resolved = support::resolve("en/panduan/mulai/index.html", href);
        assert_eq!(resolved.split('#').next().unwrap(), target);
        assert!(site.out().join(target).is_file(), "{target}");
    }

    site.write(
        "content/panduan/mulai.md",
        &page("[gone](../hilang/) [up](../../../x/)"),
    );
    let run = site.build();
    run.stderr_has("content/panduan/mulai.md:4:1: warning: link `../hilang/` names no page")
        .stderr_has("/panduan/hilang/")
        .stderr_has("warning: link `../../../x/` points outside the content folder");
}

/// An address is read from the page's real address (its language folder included); one
/// that names no page falls back to the file's own folder, as other links do, so a
/// folder-layout translation's link to a file beside the content still works, and a
/// translation's link to a translated slug finds that page.
#[test]
fn page_addresses_are_read_from_the_real_address_of_the_page() {
    let page = |body: &str| format!("+++\ntitle = \"T\"\n+++\n{body}\n");
    let slugged = "+++\ntitle = \"Other\"\nslug = \"other\"\n+++\nother\n";
    let site = TestSite::new()
        .file("content/index.md", &page("beranda"))
        .file("content/panduan/mulai.md", &page("[c](../lain/)"))
        .file(
            "content/panduan/mulai.en.md",
            &page("[c](../other/) [up](../../../../x/)"),
        )
        .file("content/panduan/lain.md", &page("lain"))
        .file("content/panduan/lain.en.md", slugged);
    let run = site.build();
    run.success();
    assert!(!run.stderr.contains("`../other/`"), "{}", run.stderr);
    let en = Page::open(&site.out(), "en/panduan/mulai/index.html");
    assert_eq!(
        en.attr("div.content a", "href").as_deref(),
        Some("../other/index.html")
    );
    // Climbing above the root: a browser stops at it; the file's folder is tried, and
    // the warning is about what that finds.
    run.stderr_has("warning: link `../../../../x/`");
    assert!(
        !run.stderr.contains("points above the site's root"),
        "{}",
        run.stderr
    );
    // An address in another translation's folder names that page, not the reader's; a
    // source page's address leads to the reader's language, as its file does.
    site.write(
        "content/index.en.md",
        &page("[ar](/ar/panduan/lain/) [id](/panduan/lain/)"),
    );
    site.build().success();
    let hrefs = Page::open(&site.out(), "en/index.html").attrs("div.content a", "href");
    assert_eq!(
        hrefs,
        ["../ar/panduan/lain/index.html", "panduan/other/index.html"]
    );

    // A folder-layout translation lies a folder deeper than its address within its
    // language: `../LICENSE` from content/en/index.md is the file beside content/.
    let config = support::CONFIG.replace(
        "[languages.id]",
        "[content]\nlayout = \"folder\"\n\n[languages.id]",
    );
    let site = TestSite::empty()
        .file("naskah.toml", &config)
        .file("content/index.md", &page("[lic](LICENSE)"))
        .file("content/en/index.md", &page("[lic](../LICENSE)"))
        .file("content/en/guide/index.md", &page("[lic](../../LICENSE)"))
        .file("content/guide/index.md", &page("panduan"))
        .file("content/LICENSE", "MIT");
    let run = site.build();
    run.success();
    assert!(!run.stderr.contains("warning: link"), "{}", run.stderr);
    for (page, href) in [
        ("en/index.html", "../LICENSE"),
        ("en/guide/index.html", "../../LICENSE"),
    ] {
        let target = support::resolve(
            page,
            &Page::open(&site.out(), page)
                .attr("div.content a", "href")
                .unwrap(),
        );
        assert_eq!(target, "LICENSE", "{page}: {href}");
        assert!(site.out().join(target).is_file());
    }
}
