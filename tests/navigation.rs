//! Navigation at scale: what each page carries stays bounded however many sections and
//! pages the site has, and everything left out stays reachable.

mod support;

use support::{Page, TestSite};

/// Most entries of one list a page shows (`navigation::WINDOW`).
const WINDOW: usize = 25;

/// `sections` sections of `pages` pages each, with English translations of everything.
fn wide_site(sections: usize, pages: usize) -> TestSite {
    let mut site = TestSite::new()
        .file("content/index.md", "+++\ntitle = \"Beranda\"\n+++\nHalo.\n")
        .file(
            "content/index.en.md",
            "+++\ntitle = \"Home\"\n+++\nHello.\n",
        );
    for s in 0..sections {
        let front = |t: &str| format!("+++\ntitle = \"{t} {s:03}\"\nweight = {s}\n+++\n");
        site = site
            .file(
                &format!("content/s{s:03}/index.md"),
                &(front("Bagian") + "Isi.\n"),
            )
            .file(
                &format!("content/s{s:03}/index.en.md"),
                &(front("Section") + "Text.\n"),
            );
        for p in 0..pages {
            let front =
                |t: &str| format!("+++\ntitle = \"{t} {s:03}-{p:03}\"\nweight = {p}\n+++\n");
            site = site
                .file(
                    &format!("content/s{s:03}/p{p:03}.md"),
                    &(front("Halaman") + "Isi.\n"),
                )
                .file(
                    &format!("content/s{s:03}/p{p:03}.en.md"),
                    &(front("Page") + "Text.\n"),
                );
        }
    }
    site
}

/// The sidebar's links: (text, href), in order.
fn sidebar(page: &Page) -> Vec<(String, String)> {
    page.all("nav.site-nav a")
        .iter()
        .map(|a| {
            let text = a.text().collect::<String>().trim().to_string();
            (text, a.value().attr("href").unwrap_or_default().to_string())
        })
        .collect()
}

/// The shared navigation file as JSON (`window.naskahNav=[…];`).
fn nav_file(site: &TestSite, lang: &str) -> serde_json::Value {
    let path = site.out().join(format!("assets/nav.{lang}.js"));
    let text = std::fs::read_to_string(&path).expect("the navigation file");
    let json = text
        .trim_end()
        .strip_prefix("window.naskahNav=")
        .and_then(|t| t.strip_suffix(';'))
        .expect("window.naskahNav=[…];");
    serde_json::from_str(json).expect("valid JSON")
}

#[test]
fn a_page_of_a_site_with_many_sections_lists_a_window_of_them() {
    let site = wide_site(60, 2);
    site.build().success();
    let page = Page::open(&site.out(), "en/s040/p001/index.html");
    let links = sidebar(&page);
    // Home, a "more" link each side, WINDOW sections, and the open section's 2 pages.
    assert_eq!(links.len(), 1 + 2 + WINDOW + 2, "{links:#?}");
    let current = page.all("nav.site-nav a[aria-current=page]");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].text().collect::<String>(), "Page 040-001");
    assert!(links.iter().any(|(t, _)| t == "Section 040"));
    assert!(
        !links.iter().any(|(t, _)| t == "Section 000"),
        "far sections are cut"
    );
    // What was cut is one link away: the home page lists every section.
    let more: Vec<_> = page.all("nav.site-nav li.nav-more a");
    assert_eq!(more.len(), 2);
    let before = more[0].text().collect::<String>();
    let after = more[1].text().collect::<String>();
    assert_eq!(before, format!("{} more pages", 40 - WINDOW / 2));
    assert_eq!(
        after,
        format!("{} more pages", 60 - (40 - WINDOW / 2) - WINDOW)
    );
    assert_eq!(more[0].value().attr("href"), Some("../../../en/index.html"));
    let home = Page::open(&site.out(), "en/index.html");
    assert_eq!(home.count("section.children li.card"), 60);
    // With JavaScript, the whole tree comes from one file per language.
    assert_eq!(
        page.attr("script[src$='nav.en.js']", "src").as_deref(),
        Some("../../../assets/nav.en.js")
    );
    let tree = nav_file(&site, "en");
    let sections = tree.as_array().unwrap();
    assert_eq!(sections.len(), 60);
    assert_eq!(sections[0][0], "Section 000");
    assert_eq!(sections[0][1], "en/s000/index.html");
    assert_eq!(sections[59][2][1][0], "Page 059-001");
    assert_eq!(nav_file(&site, "id")[0][0], "Bagian 000");
}

#[test]
fn a_long_section_shows_the_pages_around_the_current_one() {
    let site = wide_site(2, 80);
    site.build().success();
    let page = Page::open(&site.out(), "en/s001/p050/index.html");
    let links = sidebar(&page);
    // Home, both sections, a "more" link each side of WINDOW pages.
    assert_eq!(links.len(), 1 + 2 + 2 + WINDOW, "{links:#?}");
    assert!(links.iter().any(|(t, _)| t == "Page 001-050"));
    let more = page.all("nav.site-nav li.nav-more a");
    assert_eq!(more.len(), 2);
    // Both lead to the section's index, which lists all of its pages.
    for link in &more {
        assert_eq!(
            link.value().attr("href"),
            Some("../../../en/s001/index.html")
        );
    }
    let index = Page::open(&site.out(), "en/s001/index.html");
    assert_eq!(index.count("section.children li.card"), 80);
    // The other section is folded.
    assert!(!links.iter().any(|(t, _)| t.starts_with("Page 000-")));
}

#[test]
fn a_small_site_carries_its_whole_navigation_and_no_tree_file_link() {
    let site = wide_site(3, 4);
    site.build().success();
    let page = Page::open(&site.out(), "s001/p002/index.html");
    let links = sidebar(&page);
    assert_eq!(links.len(), 1 + 3 + 4, "{links:#?}");
    assert_eq!(page.count("nav.site-nav li.nav-more"), 0);
    assert_eq!(page.count("script[src$='nav.id.js']"), 0);
    // Nested: the section's pages are a list inside its entry.
    assert_eq!(page.count("nav.site-nav > ul > li > ul > li"), 4);
    assert_eq!(
        page.text("nav.site-nav a[aria-current=page]"),
        "Halaman 001-002"
    );
}

#[test]
fn page_size_does_not_grow_with_the_number_of_sections() {
    let size = |sections: usize| {
        let site = wide_site(sections, 2);
        site.build().success();
        std::fs::metadata(site.out().join("en/s001/p001/index.html"))
            .unwrap()
            .len()
    };
    let (small, large) = (size(WINDOW + 5), size(8 * WINDOW));
    // Only the digits of the "more" counts may differ.
    assert!(large <= small + 8, "{small} → {large} bytes");
}

#[test]
fn the_tree_file_is_rewritten_only_when_the_structure_changes() {
    use std::os::unix::fs::MetadataExt;
    let site = wide_site(30, 1);
    site.build().success();
    let file = "assets/nav.en.js";
    let inode = |p: &str| std::fs::metadata(site.out().join(p)).unwrap().ino();
    let first = inode(file);
    site.write(
        "content/s003/p000.en.md",
        "+++\ntitle = \"Page 003-000\"\nweight = 0\n+++\nOther text.\n",
    );
    site.build().success();
    assert_eq!(inode(file), first, "a text edit leaves the tree file alone");
    site.write(
        "content/s003/p000.en.md",
        "+++\ntitle = \"Renamed\"\nweight = 0\n+++\nOther text.\n",
    );
    site.build().success();
    assert_ne!(inode(file), first, "a new title rewrites it");
    assert_eq!(nav_file(&site, "en")[3][2][0][0], "Renamed");
}

#[test]
fn a_long_section_index_is_cut_into_pages_that_link_each_other() {
    // 100 entries an index page: the default.
    let site = wide_site(1, 230);
    site.build().success();
    let titles = |page: &Page| -> Vec<String> {
        page.all("section.children li.card a")
            .iter()
            .map(|a| a.text().collect())
            .collect()
    };
    let first = Page::open(&site.out(), "en/s000/index.html");
    let second = Page::open(&site.out(), "en/s000/page/2/index.html");
    let third = Page::open(&site.out(), "en/s000/page/3/index.html");
    assert_eq!(titles(&first).len(), 100);
    assert_eq!(titles(&second).len(), 100);
    assert_eq!(titles(&third).len(), 30);
    assert_eq!(titles(&second)[0], "Page 000-100");
    assert_eq!(third.text("p.children-count"), "230 articles");
    // Each page links the others, and marks itself.
    assert_eq!(third.count("nav.pagination ol a"), 3);
    assert_eq!(third.text("nav.pagination a[aria-current=page]"), "3");
    assert_eq!(
        second.attr("nav.pagination a[rel=next]", "href").as_deref(),
        Some("../../../../en/s000/page/3/index.html")
    );
    assert_eq!(
        second.attr("nav.pagination a[rel=prev]", "href").as_deref(),
        Some("../../../../en/s000/index.html")
    );
    assert_eq!(first.count("nav.pagination a[rel=prev]"), 0);
    assert_eq!(third.count("nav.pagination a[rel=next]"), 0);
    // The text of the section is on its first page only.
    assert_eq!(first.text("div.content").trim(), "Text.");
    assert_eq!(third.text("div.content").trim(), "");
    // A page's sidebar sends "more" to the index page that lists what was cut.
    let page = Page::open(&site.out(), "en/s000/p150/index.html");
    let more: Vec<String> = page
        .all("nav.site-nav li.nav-more a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        more,
        [
            "../../../en/s000/page/2/index.html",
            "../../../en/s000/page/2/index.html"
        ]
    );
    assert!(!site.out().join("en/s000/page/4").exists());
}

#[test]
fn a_page_where_a_section_index_continues_is_an_error_naming_both() {
    let site = wide_site(1, 3)
        .file(
            "naskah.toml",
            &support::CONFIG.replace("[languages.id]", "section_page_size = 2\n\n[languages.id]"),
        )
        .file(
            "content/s000/page/2.md",
            "+++\ntitle = \"Dua\"\n+++\nIsi.\n",
        );
    site.build()
        .failure(1)
        .stderr_has("page 2 of the index of")
        .stderr_has("both write s000/page/2/index.html")
        .stderr_has("section_page_size");
}

#[test]
fn a_zero_section_page_size_is_a_config_error() {
    let site = wide_site(1, 1).file(
        "naskah.toml",
        &support::CONFIG.replace("[languages.id]", "section_page_size = 0\n\n[languages.id]"),
    );
    site.build()
        .failure(2)
        .stderr_has("section_page_size is 0")
        .stderr_has("naskah.toml:4:1");
}

#[test]
fn pages_carry_breadcrumbs_and_the_previous_and_next_page_in_reading_order() {
    let site = wide_site(3, 4);
    site.build().success();
    let crumbs = |page: &Page| -> Vec<String> {
        page.all("nav.breadcrumbs a")
            .iter()
            .map(|a| a.text().collect())
            .collect()
    };
    let page = Page::open(&site.out(), "en/s001/p002/index.html");
    assert_eq!(crumbs(&page), ["Home", "Section 001"]);
    assert_eq!(page.text("a[rel=prev]"), "Previous Page 001-001");
    assert_eq!(page.text("a[rel=next]"), "Next Page 001-003");
    // The last page of a section leads on to the next section.
    let last = Page::open(&site.out(), "en/s001/p003/index.html");
    assert_eq!(last.text("a[rel=next]"), "Next Section 002");
    assert_eq!(
        last.attr("a[rel=next]", "href").as_deref(),
        Some("../../../en/s002/index.html")
    );
    // The first entry has no previous page; the home page has neither nor breadcrumbs.
    let first = Page::open(&site.out(), "en/s000/index.html");
    assert_eq!(first.count("a[rel=prev]"), 0);
    assert!(
        crumbs(&first).is_empty(),
        "a top-level section has nothing above it"
    );
    let home = Page::open(&site.out(), "en/index.html");
    assert_eq!(home.count("nav.breadcrumbs, nav.prev-next"), 0);
    // In the source language, in its words.
    let source = Page::open(&site.out(), "s001/p002/index.html");
    assert_eq!(crumbs(&source), ["Beranda", "Bagian 001"]);
    assert_eq!(source.text("a[rel=next] .prev-next-label"), "Berikutnya");
}
