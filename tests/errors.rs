//! Bad input: each gets a clear error (file:line where there is one), the right exit
//! code, and loses nothing.

mod support;

use support::{Page, TestSite, snapshot};

fn site() -> TestSite {
    TestSite::new().file("content/index.md", "+++\ntitle = \"Beranda\"\n+++\nHalo.\n")
}

/// Builds once so there is output to protect, applies `break_it`, and checks that the
/// failed build left the output exactly as it was.
fn fails_safely(break_it: impl FnOnce(&TestSite), code: i32) -> support::Run {
    let site = site();
    site.build().success();
    let before = snapshot(&site.out());
    break_it(&site);
    let run = site.build();
    run.failure(code);
    assert_eq!(
        snapshot(&site.out()),
        before,
        "a failed build changed the output"
    );
    run
}

#[test]
fn malformed_front_matter() {
    fails_safely(
        |s| s.write("content/a.md", "+++\ntitle = \"A\"\nweight = = 2\n+++\n"),
        1,
    )
    .stderr_has("content/a.md:3:")
    .stderr_has("error: front matter");
}

#[test]
fn unclosed_front_matter() {
    fails_safely(|s| s.write("content/a.md", "+++\ntitle = \"A\"\n"), 1).stderr_has("never closed");
}

#[test]
fn unknown_front_matter_key() {
    fails_safely(
        |s| s.write("content/a.md", "+++\ntitle = \"A\"\nauthor = \"B\"\n+++\n"),
        1,
    )
    .stderr_has("content/a.md:3:1: error: front matter: unknown field `author`")
    .stderr_has("extra");
}

#[test]
fn unknown_yaml_front_matter_key() {
    fails_safely(
        |s| s.write("content/a.md", "---\ntitle: A\nauthor: B\n---\n"),
        1,
    )
    .stderr_has("content/a.md:3:");
}

#[test]
fn extra_table_is_free_for_themes() {
    let s = site().file(
        "content/a.md",
        "+++\ntitle = \"A\"\n[extra]\nicon = \"star\"\n+++\n",
    );
    s.build().success();
}

#[test]
fn invalid_utf8() {
    fails_safely(
        |s| {
            std::fs::write(
                s.root().join("content/b.md"),
                b"+++\ntitle = \"B\"\n+++\nab\xff\n",
            )
            .unwrap()
        },
        1,
    )
    .stderr_has("content/b.md:4:3: error: file is not valid UTF-8");
}

/// A page of 4 GiB or more is refused before it is read (offsets into a page are kept in
/// 32 bits). The file is sparse: it takes no disk space and is never read.
#[test]
fn page_too_large_to_read() {
    fails_safely(
        |s| {
            let file = std::fs::File::create(s.root().join("content/besar.md")).unwrap();
            file.set_len(u64::from(u32::MAX)).unwrap();
        },
        1,
    )
    .stderr_has(
        "content/besar.md:1:1: error: the file is 4294967295 bytes: a page can be at most 4294967294 bytes (4 GiB)",
    )
    .stderr_has("split it into several pages");
}

#[test]
fn translation_suffix_not_configured() {
    fails_safely(|s| s.write("content/index.de.md", "Hallo\n"), 1)
        .stderr_has("content/index.de.md")
        .stderr_has(
            "`de` in the file name is not a configured language (configured: id, en, ar, fr)",
        )
        .stderr_has("help: add [languages.de] to naskah.toml, or rename the file");
    // naskah.toml refuses `[languages.EN]`: the help names the file to rename instead.
    fails_safely(|s| s.write("content/index.EN.md", "Hello\n"), 1)
        .stderr_has("help: write the tag as naskah.toml does: rename the file to index.en.md");
}

#[test]
fn orphan_translation_is_a_warning() {
    let s = site().file("content/hilang.en.md", "Lost\n");
    s.build()
        .success()
        .stderr_has("content/hilang.en.md:1:1: warning: orphan translation");
    assert!(!s.out().join("en/hilang/index.html").exists());
}

#[test]
fn two_files_one_output_path() {
    fails_safely(
        |s| {
            s.write("content/a.md", "A\n");
            s.write("content/a/index.md", "A again\n");
        },
        1,
    )
    .stderr_has("content/a/index.md and content/a.md are the same page");
    fails_safely(
        |s| {
            s.write("content/a.md", "A\n");
            s.write("content/b.md", "+++\nslug = \"a\"\n+++\nB\n");
        },
        1,
    )
    .stderr_has("both write a/index.html");
}

#[test]
fn slug_outside_output() {
    fails_safely(
        |s| s.write("content/a.md", "+++\nslug = \"../../etc\"\n+++\n"),
        1,
    )
    .stderr_has(
        "content/a.md:2:1: error: front matter: slug `../../etc` would write outside its folder",
    );
}

#[test]
fn template_error_names_template_and_line() {
    fails_safely(
        |s| s.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title | nope }}\n{% endblock main %}\n"),
        1,
    )
    .stderr_has("themes/default/templates/page.html:3:");
}

#[test]
fn template_render_error_names_template() {
    fails_safely(
        |s| {
            s.write("content/a.md", "A\n");
            s.write(
                "themes/default/templates/page.html",
                "{{ page.title }}\n{{ page.missing.field }}\n",
            );
        },
        1,
    )
    .stderr_has("themes/default/templates/page.html:2:")
    .stderr_has("a/index.html");
}

#[test]
fn fluent_syntax_error() {
    fails_safely(
        |s| s.write("locales/en/site.ftl", "site-title = Ok\nbroken {\n"),
        1,
    )
    .stderr_has("locales/en/site.ftl:2:");
}

/// A UI string that cannot be formatted fails the build at the string: it was shown
/// as the config's title instead (site-title), or blamed on the built-in template.
#[test]
fn fluent_strings_that_do_not_format_are_errors_at_the_string() {
    let cases = [
        ("site-title = { nope }", "Unknown message: nope"),
        ("site-title = { site-title }", "Cyclical dependency"),
        ("site-title = { -brand }", "Unknown term: -brand"),
        (
            "site-title = Ok\nstatus-outdated = { $x } lama",
            "Unknown variable: $x",
        ),
        ("site-title = { $nope }", "Unknown variable: $nope"),
    ];
    for (strings, problem) in cases {
        let file = format!("# A comment\n\n{strings}\n");
        let line = if strings.starts_with("site-title = Ok") {
            4
        } else {
            3
        };
        fails_safely(|s| s.write("locales/en/site.ftl", &file), 1)
            .stderr_has(&format!("locales/en/site.ftl:{line}:1: error: UI string"))
            .stderr_has(problem);
    }
    // A variable the built-in template does not give: the error names the string's
    // place and the template's call, and says to fix the string.
    fails_safely(
        |s| {
            s.write("locales/en/site.ftl", "site-title = Ok\nsection-pages = { $nope } pages\n");
            s.write("content/a.md", "+++\ntitle = \"A\"\n+++\nIsi.\n");
        },
        1,
    )
    .stderr_has("UI string `section-pages` (locales/en/site.ftl:2:1) in `en`: Resolver error: Unknown variable: $nope")
    .stderr_has("help: fix the UI string");
}

/// A NUL byte in a Markdown file is an error at its place: it reached the HTML raw
/// (titles, navigation), which no parser accepts.
#[test]
fn a_nul_byte_is_an_error_at_its_place() {
    fails_safely(
        |s| {
            s.write(
                "content/index.md",
                "+++\ntitle = \"Be\0randa\"\n+++\nHalo.\n",
            )
        },
        1,
    )
    .stderr_has("content/index.md:2:12: error: file holds a NUL byte");
}

#[test]
fn fluent_missing_key_warns_and_falls_back() {
    let s = site()
        .file("locales/id/site.ftl", "site-title = Situs\nsapaan = Halo\n")
        .file("locales/en/site.ftl", "site-title = Site\n")
        .file(
            "themes/default/templates/section.html",
            "<html><body><p>{{ t(key=\"sapaan\") }}</p></body></html>\n",
        );
    s.build()
        .success()
        .stderr_has("UI string `sapaan` (from locales/id/site.ftl) is missing in locales/en/");
    let page = Page::open(&s.out(), "en/index.html");
    assert_eq!(page.text("p"), "Halo");
}

#[test]
fn missing_theme_is_a_config_error() {
    fails_safely(
        |s| {
            s.write(
                "naskah.toml",
                &format!("theme = \"fancy\"\n{}", support::CONFIG),
            )
        },
        2,
    )
    .stderr_has("theme `fancy` not found");
}

#[test]
fn broken_link_warns_with_location() {
    let s = site().file("content/a.md", "# A\n\nSee [b](b.md) and [x](img/x.png).\n");
    s.build()
        .success()
        .stderr_has("content/a.md:3:5: warning: link `b.md` names a page that does not exist")
        .stderr_has("content/a.md:3:19: warning: link `img/x.png` does not exist");
}

#[test]
fn unknown_config_key_and_bad_language_tag() {
    fails_safely(
        |s| {
            s.write(
                "naskah.toml",
                &format!(
                    "{}\ncolour = 1\n",
                    "title = \"x\"\ncolour = 1\n[languages.id]\nname = \"ID\""
                ),
            )
        },
        2,
    )
    .stderr_has("naskah.toml:2:1: error: unknown field `colour`");
    fails_safely(|s| s.write("naskah.toml", "title = \"x\"\n[languages.id]\nname = \"ID\"\n[languages.english]\nname = \"EN\"\n"), 2)
        .stderr_has("not a valid BCP 47 language tag");
    fails_safely(
        |s| {
            s.write(
                "naskah.toml",
                "title = \"x\"\n[languages.en]\nname = \"EN\"\n",
            )
        },
        2,
    )
    .stderr_has("source language `id` has no [languages.id] table");
}

#[test]
fn raw_html_is_kept_but_titles_are_escaped() {
    let s = site().file(
        "content/a.md",
        "+++\ntitle = \"<script>alert(1)</script>\"\ndescription = \"a \\\"quoted\\\" <b>\"\n+++\n<div class=\"box\">raw</div>\n",
    );
    s.build().success();
    let page = Page::open(&s.out(), "a/index.html");
    assert_eq!(
        page.count("div.content div.box"),
        1,
        "raw HTML in Markdown is kept"
    );
    let injected = page
        .all("script")
        .iter()
        .filter(|s| s.text().collect::<String>().contains("alert(1)"))
        .count();
    assert_eq!(injected, 0, "titles are escaped");
    assert_eq!(page.text("h1"), "<script>alert(1)</script>");
    assert_eq!(
        page.attr("meta[name=description]", "content").as_deref(),
        Some("a \"quoted\" <b>")
    );
}

#[test]
fn missing_config() {
    let s = TestSite::empty();
    let run = s.build();
    run.failure(2)
        .stderr_has("no naskah.toml in")
        .stderr_has("this is not a naskah site")
        .stderr_has("naskah init")
        .stderr_has("nothing was written");
    // There was no previous output to leave untouched: the message does not claim one.
    assert!(!run.stderr.contains("previous output"), "{}", run.stderr);
}

/// A Fluent message nested thousands of placeables deep used to overflow the stack
/// (SIGABRT, in `naskah serve` too): now a clear error at its line, and the previous
/// output stays.
#[test]
fn deeply_nested_fluent_message_is_an_error_not_a_crash() {
    let nested = format!(
        "ok = Baik\ndeep = {}x{}\n",
        "{ ".repeat(20_000),
        " }".repeat(20_000)
    );
    fails_safely(|s| s.write("locales/en/site.ftl", &nested), 1)
        .stderr_has("locales/en/site.ftl:2:")
        .stderr_has("nested more than 32 deep");
}

/// A byte-order mark at the start of a `.ftl` file (as some Windows editors write) is
/// not a syntax error: content files accept it too.
#[test]
fn fluent_file_with_a_byte_order_mark_is_read() {
    let s = site()
        .file("locales/id/site.ftl", "\u{feff}site-title = Situs BOM\n")
        .file(
            "themes/default/templates/section.html",
            "<html><body><p>{{ t(key=\"site-title\") }}</p></body></html>\n",
        );
    s.build().success();
    assert_eq!(Page::open(&s.out(), "index.html").text("p"), "Situs BOM");
}

/// 100,000 broken links on one page: each warning's line used to be counted from the
/// start of the file (quadratic: minutes); now they are all reported in one pass, with
/// the right positions (a test that would time out, not a timed test).
#[test]
fn many_broken_links_are_reported_in_linear_time() {
    let body = "[x](tidak-ada.md)\n".repeat(100_000);
    let s = site().file(
        "content/banyak.md",
        &format!("+++\ntitle = \"Banyak\"\n+++\n{body}"),
    );
    let run = s.build();
    run.success();
    let warnings = run
        .stderr
        .lines()
        .filter(|l| l.contains("names a page that does not exist"))
        .count();
    assert_eq!(warnings, 100_000);
    run.stderr_has("content/banyak.md:100003:1: warning: link `tidak-ada.md`");
}

/// A page whose output is the translation status page's (a file, a folder or a slug
/// named `translations`) is an error naming both, not a silent replacement.
#[test]
fn a_page_cannot_replace_the_status_page() {
    fails_safely(
        |s| s.write("content/translations.md", "+++\ntitle = \"Terjemahan\"\n+++\nTeks.\n"),
        1,
    )
    .stderr_has("content/translations.md and the translation status page both write translations/index.html")
    .stderr_has("status_dir");
    fails_safely(
        |s| {
            s.write(
                "content/lain.md",
                "+++\nslug = \"translations\"\n+++\nTeks.\n",
            )
        },
        1,
    )
    .stderr_has(
        "content/lain.md and the translation status page both write translations/index.html",
    );
}

/// `status_dir` moves the status pages, so a site can have a page of that name.
#[test]
fn status_pages_can_move() {
    let s = site().file(
        "content/translations.md",
        "+++\ntitle = \"Terjemahan\"\n+++\nTeks halaman.\n",
    );
    let config = std::fs::read_to_string(s.root().join("naskah.toml")).unwrap();
    s.write(
        "naskah.toml",
        &config.replacen("\n", "\nstatus_dir = \"status/terjemahan\"\n", 1),
    );
    s.build().success();
    assert!(
        Page::open(&s.out(), "translations/index.html")
            .text("main")
            .contains("Teks halaman.")
    );
    assert!(s.out().join("status/terjemahan/index.html").is_file());
    assert!(s.out().join("en/status/terjemahan/index.html").is_file());
    s.write(
        "naskah.toml",
        &config.replacen("\n", "\nstatus_dir = \"../luar\"\n", 1),
    );
    s.build()
        .failure(2)
        .stderr_has("status_dir `../luar` is not a folder path in the site");
}

/// Front matter in every line-ending style is front matter: never page text, and a
/// draft is never published.
#[test]
fn front_matter_in_any_line_ending_style() {
    for (name, text) in [
        (
            "crlf",
            "---\r\ntitle: Draf CRLF\r\ndraft: true\r\n---\r\nRahasia.\r\n",
        ),
        ("cr", "---\rtitle: Draf CR\rdraft: true\r---\rRahasia.\r"),
        (
            "toml-cr",
            "+++\rtitle = \"Draf\"\rdraft = true\r+++\rRahasia.\r",
        ),
        (
            "spaces",
            "--- \ntitle: Draf\ndraft: true\n---  \nRahasia.\n",
        ),
    ] {
        let s = site().file(&format!("content/{name}.md"), text);
        s.build().success();
        assert!(
            !s.out().join(name).exists(),
            "{name}: a draft was published"
        );
        let all: String = support::snapshot(&s.out())
            .values()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect();
        assert!(!all.contains("Rahasia"), "{name}: draft text published");
        assert!(
            !all.contains("draft"),
            "{name}: front matter published as text"
        );
    }
    // Not a draft: the title is read in every style.
    let s = site().file("content/cr.md", "---\rtitle: Judul CR\r---\rIsi.\r");
    s.build().success();
    assert_eq!(Page::open(&s.out(), "cr/index.html").text("h1"), "Judul CR");
}

/// An unclosed block is an error in every line-ending style (it was published as
/// page text with CRLF, or with a space after the fence).
#[test]
fn unclosed_front_matter_in_any_line_ending_style() {
    for text in [
        "---\r\ntitle: x\r\ndraft: true\r\nTeks.\r\n",
        "--- \ntitle: x\ndraft: true\nTeks.\n",
        "+++\rtitle = \"x\"\rdraft = true\r",
    ] {
        fails_safely(|s| s.write("content/a.md", text), 1)
            .stderr_has("content/a.md:1:1: error: front matter block is never closed");
    }
}

/// A theme's `static` linked to the site root used to publish `naskah.toml`,
/// `content/`, any secret beside them and the previous output (growing every build).
/// Links that leave the site, or lead to its sources or output, are not followed, with
/// a warning naming them.
#[cfg(unix)]
#[test]
fn links_to_the_sources_or_out_of_the_site_are_never_published() {
    let s = site()
        .file("secret.env", "API_KEY=rahasia\n")
        .file("themes/evil/templates/.keep", "");
    let config = std::fs::read_to_string(s.root().join("naskah.toml")).unwrap();
    s.write(
        "naskah.toml",
        &config.replacen("\n", "\ntheme = \"evil\"\n", 1),
    );
    std::os::unix::fs::symlink("../..", s.root().join("themes/evil/static")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("private.txt"), "pribadi").unwrap();
    std::fs::create_dir_all(s.root().join("static")).unwrap();
    std::os::unix::fs::symlink(outside.path(), s.root().join("static/luar")).unwrap();
    std::os::unix::fs::symlink(outside.path(), s.root().join("content/luar")).unwrap();
    for _ in 0..2 {
        let run = s.build();
        run.success()
            .stderr_has("themes/evil/static is a link; not followed")
            .stderr_has("static/luar is a link; not followed: it leads outside the site")
            .stderr_has("content/luar is a link; not followed: it leads outside the site");
        let published = snapshot(&s.out());
        for (path, bytes) in &published {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains("rahasia") && !text.contains("pribadi"),
                "{path}"
            );
            assert!(
                !path.contains("naskah.toml") && !path.contains(".md"),
                "{path}"
            );
        }
        assert!(published.contains_key("index.html"));
    }
}

/// A symbolic link as the output folder: refused with a true message, and nothing
/// behind it is touched (it used to delete everything the link pointed to, replace the
/// link with a folder, and say the previous output was left untouched).
#[cfg(unix)]
#[test]
fn a_linked_output_folder_is_refused_and_nothing_is_lost() {
    let s = site();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join(".naskah-output"), "naskah\n").unwrap();
    std::fs::write(elsewhere.path().join("precious.txt"), "jangan hapus").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), s.root().join("site")).unwrap();
    let run = s.build();
    run.failure(2).stderr_has("is a symbolic link");
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("precious.txt")).unwrap(),
        "jangan hapus"
    );
    assert!(
        std::fs::symlink_metadata(s.root().join("site"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// `--out` through a link into the sources (`link -> content`, `--out link/site`) is
/// the overlap it is: paths are compared as the folders they name, not as text.
/// A UI string file linked from outside the site is not read: its text reached every
/// page (`locales/` was read without the rules `content/` and `static/` follow).
#[cfg(unix)]
#[test]
fn locale_files_linked_from_outside_the_site_are_not_read() {
    let s = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.ftl"),
        "site-title = OUTSIDE-SECRET\n",
    )
    .unwrap();
    std::fs::create_dir_all(s.root().join("locales/en")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.ftl"),
        s.root().join("locales/en/site.ftl"),
    )
    .unwrap();
    s.build()
        .success()
        .stderr_has("locales/en/site.ftl is a link; not followed: it leads outside the site");
    for (path, bytes) in snapshot(&s.out()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("OUTSIDE-SECRET"),
            "{path}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_output_inside_the_sources_through_a_link_is_refused() {
    let s = site();
    std::os::unix::fs::symlink(s.root().join("content"), s.root().join("link")).unwrap();
    let out = s.root().join("link/site");
    let run = s.build_with(&["--out", out.to_str().unwrap()]);
    run.failure(2).stderr_has("overlaps");
    assert!(!s.root().join("content/site").exists());
}

/// Files that are not published say so: a static file a generated page replaces, one
/// in `static/` that a file in `content/` replaces, and a site without a home page.
#[test]
fn what_is_not_published_is_said() {
    let s = site()
        .file("static/404.html", "<p>mine</p>")
        .file("static/logo.png", "static")
        .file("content/logo.png", "content");
    s.build()
        .success()
        .stderr_has("static/404.html is not published: naskah writes 404.html")
        .stderr_has(
            "static/logo.png is not published: content/logo.png is published at the same path",
        );
    assert_eq!(
        std::fs::read_to_string(s.out().join("logo.png")).unwrap(),
        "content"
    );
    s.remove("content/index.md");
    s.write("content/lain.md", "# Lain\n\nIsi.\n");
    s.build()
        .success()
        .stderr_has("content/index.md:1:1: warning: the site has no home page");
}

/// A static file where naskah writes a folder of pages, a generated file (the
/// navigation script) or the search index is not published, and says so; they were
/// dropped without a word, or failed the build with the system's "File exists".
#[test]
fn static_files_in_the_way_of_generated_ones_are_not_published_and_say_so() {
    let s = site()
        .file(
            "content/panduan.md",
            "+++\ntitle = \"Panduan\"\n+++\nIsi.\n",
        )
        .file("static/panduan", "a file where the page's folder goes")
        .file("static/assets/nav.en.js", "mine")
        .file("static/assets/search/en/meta.js", "mine")
        .file("static/gambar/logo.png", "kept");
    s.build()
        .success()
        .stderr_has("static/panduan is not published: naskah writes pages inside a folder panduan/")
        .stderr_has("static/assets/nav.en.js is not published: naskah writes assets/nav.en.js")
        .stderr_has("static/assets/search/en/meta.js is not published: the search index is written in assets/search/en/");
    assert!(s.out().join("panduan/index.html").is_file());
    assert_ne!(
        std::fs::read_to_string(s.out().join("assets/nav.en.js")).unwrap(),
        "mine"
    );
    assert_ne!(
        std::fs::read_to_string(s.out().join("assets/search/en/meta.js")).unwrap(),
        "mine"
    );
    assert!(s.out().join("gambar/logo.png").is_file());
}

/// A page whose slug makes its output a file where another page's output needs a
/// folder (`slug = "index.html"` in a section) is an error naming both files, not the
/// system's "File exists" halfway through writing.
#[test]
fn a_page_file_where_another_needs_a_folder_is_an_error_naming_both() {
    fails_safely(
        |s| {
            s.write("content/bagian/index.md", "+++\ntitle = \"Bagian\"\n+++\nIsi.\n");
            s.write("content/bagian/x.md", "+++\ntitle = \"X\"\nslug = \"index.html\"\n+++\nIsi.\n");
        },
        1,
    )
    .stderr_has("content/bagian/x.md:1:1: error: content/bagian/index.md writes the file bagian/index.html, and content/bagian/x.md writes bagian/index.html/index.html inside a folder of that name");
}

/// A front matter key that holds a line break and a GitHub Actions workflow command
/// is quoted in the error; on stderr (which the Actions runner reads for commands too)
/// no line starts with `::`, so the command is shown, not obeyed.
#[test]
fn user_text_in_messages_cannot_issue_workflow_commands() {
    let s = site().file(
        "content/x.md",
        "+++\ntitle = \"X\"\n\"a\\n::error file=x::pwned\" = 1\n+++\nIsi.\n",
    );
    let root = s.root().to_string_lossy().into_owned();
    let run = support::run(&["check", "--root", &root, "--format", "github"], &[]);
    run.failure(1)
        .stderr_has("unknown field `a\n\\::error file=x::pwned`");
    for line in run.stderr.lines() {
        assert!(!line.trim_start().starts_with("::"), "{line}");
    }
}

/// A quoted language key (`[languages."x-bad!"]`, as TOML allows) is reported at its
/// line, not at 1:1.
#[test]
fn quoted_language_keys_are_reported_at_their_line() {
    for quote in ['"', '\''] {
        fails_safely(
            |s| {
                s.write(
                    "naskah.toml",
                    &format!("title = \"x\"\n[languages.id]\nname = \"ID\"\n\n[languages.{quote}english{quote}]\nname = \"EN\"\n"),
                )
            },
            2,
        )
        .stderr_has("naskah.toml:5:1: error:")
        .stderr_has("not a valid BCP 47 language tag");
    }
}

/// Circular `extends` and `include` are reported at the file and line of the tag
/// (Tera names only the template).
#[test]
fn circular_templates_are_reported_at_their_line() {
    fails_safely(
        |s| {
            s.write(
                "themes/default/templates/a.html",
                "{# a #}\n{% extends \"b.html\" %}\n",
            );
            s.write(
                "themes/default/templates/b.html",
                "{% extends \"a.html\" %}\n",
            );
        },
        1,
    )
    .stderr_has("Circular extend")
    .stderr_has("templates/a.html:2:1: error:");
    fails_safely(
        |s| {
            s.write(
                "themes/default/templates/part.html",
                "<p>\n  {% include \"part.html\" %}\n",
            )
        },
        1,
    )
    .stderr_has("templates/part.html:2:3: error:")
    .stderr_has("Circular include");
}

/// A front-matter error in a source page is reported alone: its translations are not
/// also called orphans (they printed one spurious warning each).
#[test]
fn a_broken_source_page_does_not_make_its_translations_orphans() {
    let s = site()
        .file(
            "content/a.md",
            "+++\ntitle = \"A\"\nbukan_kunci = 1\n+++\nTeks.\n",
        )
        .file("content/a.en.md", "+++\ntitle = \"A\"\n+++\nText.\n")
        .file("content/a.ar.md", "+++\ntitle = \"A\"\n+++\nنص.\n");
    let run = s.build();
    run.failure(1).stderr_has("content/a.md:3:1: error:");
    assert!(!run.stderr.contains("orphan"), "{}", run.stderr);
    let root = s.root().to_string_lossy().into_owned();
    let check = support::run(&["check", "--root", &root, "--format", "json"], &[]);
    assert!(!check.stderr.contains("orphan"), "{}", check.stderr);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let statuses: Vec<&str> = report["translations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["status"].as_str())
        .collect();
    assert!(!statuses.contains(&"orphan"), "{statuses:?}");
}

/// `--help` lists a command's own options first and the output options (`-q`, `-v`)
/// under their own heading, each described for what it does.
#[test]
fn help_lists_the_command_options_first() {
    for command in ["build", "check", "accept", "serve", "watch"] {
        let run = support::run(&[command, "--help"], &[]);
        run.success();
        let root = run.stdout.find("--root").expect("--root is listed");
        let output = run.stdout.find("Output:").expect("an Output heading");
        let quiet = run.stdout.find("--quiet").expect("--quiet is listed");
        assert!(
            root < output && output < quiet,
            "{command}:\n{}",
            run.stdout
        );
        assert!(run.stdout.contains("Print only problems"), "{}", run.stdout);
    }
}

/// The hint for a language without UI strings names a folder the site has, or says
/// where to get the keys (they were said to be in `locales/id/`, which the site lacked).
#[test]
fn the_missing_ui_strings_hint_names_what_exists() {
    let s = TestSite::empty()
        .file(
            "naskah.toml",
            "title = \"x\"\n[languages.id]\nname = \"ID\"\n[languages.xx]\nname = \"XX\"\n",
        )
        .file("content/index.md", "# Halo\n\nTeks.\n");
    let run = s.build();
    run.success()
        .stderr_has("no UI strings for `xx`")
        .stderr_has("translating the keys of naskah's built-in locales/en/main.ftl");
    assert!(
        !run.stderr.contains("keys of locales/id/"),
        "{}",
        run.stderr
    );
    s.write("locales/id/site.ftl", "site-title = Situs\n");
    s.build()
        .success()
        .stderr_has("with the keys of locales/id/");
}

/// `check --lang fr` summarizes French only (it printed an empty line for every other
/// language: "en:  — 0 errors, …").
#[test]
fn check_for_one_language_summarizes_that_language_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    support::run(&["init", dir.to_str().unwrap()], &[]).success();
    let root = dir.to_string_lossy().into_owned();
    let out = support::run(&["check", "--lang", "fr", "--root", &root], &[]);
    out.success();
    let summary: Vec<&str> = out.stdout.lines().filter(|l| l.contains(" — ")).collect();
    assert_eq!(summary.len(), 1, "{}", out.stdout);
    assert!(summary[0].starts_with("fr: "), "{}", out.stdout);
}
