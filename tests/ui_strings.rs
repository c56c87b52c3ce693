//! The built-in UI strings name the site's own source language, in the reader's
//! language and grammar (CLDR names through the Fluent function `LANGUAGE`), whatever
//! that source language is.

mod support;

use support::{Page, TestSite};

/// A site in `source` with a machine translation into `translated` and a page without
/// one (a fallback page in `translated`).
fn site(source: &str, translated: &str) -> TestSite {
    let config = format!(
        "title = \"T\"\nsource_language = \"{source}\"\n\n[languages.{source}]\nname = \"S\"\n\n[languages.{translated}]\nname = \"T\"\n"
    );
    TestSite::empty()
        .file("naskah.toml", &config)
        .file("content/index.md", "+++\ntitle = \"Home\"\n+++\nText.\n")
        .file(
            &format!("content/index.{translated}.md"),
            "+++\ntitle = \"Accueil\"\n+++\nTexte.\n",
        )
        .file("content/only.md", "+++\ntitle = \"Only\"\n+++\nText.\n")
}

/// The notices of the translated page and of the fallback page, as text.
fn notices(source: &str, translated: &str) -> (String, String) {
    let site = site(source, translated);
    site.build().success();
    let translation = Page::open(&site.out(), &format!("{translated}/index.html"));
    let fallback = Page::open(&site.out(), &format!("{translated}/only/index.html"));
    let text = |page: &Page| {
        page.all("aside.notice")
            .iter()
            .map(|n| n.text().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    };
    (text(&translation), text(&fallback))
}

fn assert_has(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} missing from {text:?}");
}

#[test]
fn french_pages_name_an_english_source_in_french() {
    let (mt, fallback) = notices("en", "fr");
    assert_has(&mt, "traduite automatiquement de l’anglais");
    assert_has(&mt, "La version en anglais fait foi");
    assert_has(&fallback, "traduite en français");
    assert_has(&fallback, "affichée ci-dessous en anglais");
    assert!(!mt.contains("indonésien") && !fallback.contains("indonésien"));
}

#[test]
fn english_pages_name_a_french_source() {
    let (mt, fallback) = notices("fr", "en");
    assert_has(&mt, "translated automatically from French");
    assert_has(&mt, "The French version is the authoritative reference");
    assert_has(&fallback, "not been translated into English yet");
    assert_has(&fallback, "shown below in French");
}

#[test]
fn a_japanese_source_takes_the_non_eliding_french_article() {
    let (mt, _) = notices("ja", "fr");
    assert_has(&mt, "traduite automatiquement du japonais");
}

#[test]
fn arabic_pages_name_an_english_source_in_arabic() {
    let (mt, fallback) = notices("en", "ar");
    assert_has(&mt, "من اللغة الإنجليزية");
    assert_has(&fallback, "إلى العربية");
    assert_has(&fallback, "باللغة الإنجليزية");
}

#[test]
fn an_arabic_source_is_named_in_english_and_japanese() {
    assert_has(&notices("ar", "en").0, "from Arabic");
    assert_has(&notices("ar", "ja").0, "アラビア語から");
}

#[test]
fn a_regional_tag_gets_its_regional_name() {
    assert_has(&notices("pt-BR", "en").0, "from Brazilian Portuguese");
    assert_has(&notices("pt-BR", "fr").0, "du portugais brésilien");
    assert_has(&notices("pt-BR", "zh").0, "巴西葡萄牙语");
}

#[test]
fn chinese_dates_have_no_spaces_around_them() {
    let site = site("en", "zh");
    support::drift_accept(site.root(), &["--all"]).success();
    site.write(
        "content/index.md",
        "+++\ntitle = \"Home\"\n+++\nOther text.\n",
    );
    site.build().success();
    let page = Page::open(&site.out(), "zh/index.html");
    let banner = page.text("aside[data-notice=outdated] p:nth-of-type(2)");
    let after = banner
        .split_once('自')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    assert!(
        after.starts_with(|c: char| c.is_ascii_digit()),
        "a space after 自: {banner:?}"
    );
    assert!(banner.contains("日核对"), "a space before 核对: {banner:?}");
    assert_has(&banner, "英语页面");
}

#[test]
fn a_source_language_without_ui_strings_builds_with_english_ones_and_says_so() {
    let site = site("pt-BR", "fr");
    site.build()
        .success()
        .stderr_has("no UI strings for the source language `pt-BR`");
    let home = Page::open(&site.out(), "index.html");
    assert_eq!(home.text("a.skip-link"), "Skip to content");
    let french = Page::open(&site.out(), "fr/index.html");
    assert_eq!(french.text("a.skip-link"), "Aller au contenu");
}
