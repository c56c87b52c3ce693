//! `naskah serve` and `naskah watch`: real servers on ephemeral ports, real file edits.

mod support;

use std::time::Duration;

use support::{Page, Server, TestSite, snapshot};

fn site() -> TestSite {
    TestSite::new()
        .file(
            "content/index.md",
            "+++\ntitle = \"Beranda\"\n+++\nSelamat datang.\n",
        )
        .file(
            "content/index.en.md",
            "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
        )
        .file(
            "content/panduan.md",
            "+++\ntitle = \"Panduan\"\n+++\n## Langkah {#langkah}\n\nTunggu 7 hari.\n",
        )
        .file(
            "content/panduan.en.md",
            "+++\ntitle = \"Guide\"\n+++\n## Step {#langkah}\n\nWait 7 days.\n",
        )
        .file(
            "content/panduan.ar.md",
            "+++\ntitle = \"الدليل\"\n+++\n## الخطوة {#langkah}\n\nانتظر 7 أيام.\n",
        )
}

#[test]
fn source_edit_rebuilds_the_page_and_its_translations_and_reloads() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    assert!(server.get("/en/panduan/").body.contains("Wait 7 days"));
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\n+++\n## Langkah {#langkah}\n\nTunggu 3 hari.\n",
    );
    events.expect("reload");
    server.wait_for("/panduan/", "Tunggu 3 hari");
    // The translations now differ from the source: marked on the page.
    let english = server.wait_for("/en/panduan/", "data-drift");
    let page = english.html();
    let drift = page
        .select(&scraper::Selector::parse("[data-drift=number-mismatch]").unwrap())
        .count();
    assert_eq!(drift, 1, "{}", english.body);
    server.wait_for("/ar/panduan/", "data-drift");
    server.wait_for("/translations/", "panduan");
}

/// The version a served page carries on its live-reload script.
fn served_version(server: &Server, path: &str) -> String {
    let page = server.get(path).html();
    let script = scraper::Selector::parse("script[data-version]").unwrap();
    let element = page.select(&script).next().expect("live-reload script");
    element.value().attr("data-version").unwrap().to_string()
}

#[test]
fn a_page_whose_event_stream_connects_after_a_rebuild_reloads_at_once() {
    let site = site();
    let server = Server::start(&site);
    let loaded = served_version(&server, "/panduan/");
    // Saved while the page was still loading: its stream was not open yet.
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\n+++\n## Langkah {#langkah}\n\nTunggu 3 hari.\n",
    );
    server.wait_for("/panduan/", "Tunggu 3 hari");
    server.events_since(&loaded).expect("reload");
    let current = served_version(&server, "/panduan/");
    assert_ne!(current, loaded);
    let quiet = server
        .events_since(&current)
        .read_for(Duration::from_millis(400));
    assert!(!quiet.contains("event: reload"), "{quiet}");
}

#[test]
fn translation_edit_rebuilds_that_page() {
    let site = site();
    let server = Server::start(&site);
    site.write(
        "content/panduan.en.md",
        "+++\ntitle = \"Guide\"\n+++\n## Step {#langkah}\n\nPlease wait 7 days.\n",
    );
    server.wait_for("/en/panduan/", "Please wait 7 days");
    assert!(!server.get("/ar/panduan/").body.contains("Please"));
}

#[test]
fn deleted_and_renamed_pages_leave_the_served_site() {
    let site = site().file("content/lama.md", "+++\ntitle = \"Lama\"\n+++\nIsi lama.\n");
    let server = Server::start(&site);
    assert_eq!(server.get("/lama/").status, 200);
    std::fs::rename(
        site.root().join("content/lama.md"),
        site.root().join("content/baru.md"),
    )
    .unwrap();
    server.wait_for("/baru/", "Isi lama");
    assert_eq!(server.get("/lama/").status, 404);
    site.remove("content/baru.md");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while server.get("/baru/").status != 404 {
        assert!(
            std::time::Instant::now() < deadline,
            "deleted page still served"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn broken_front_matter_shows_an_overlay_and_keeps_the_last_good_page() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Rusak\nweight = 1\n+++\nBaru.\n",
    );
    let data = events.expect("error-overlay");
    assert!(data.contains("content/panduan.md:2:"), "{data}");
    let page = server.get("/panduan/");
    assert!(
        page.body.contains("Tunggu 7 hari"),
        "the last good page must stay served"
    );
    // A page opened while the site is broken gets the error at once.
    server.events().expect("error-overlay");
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\n+++\nSudah benar.\n",
    );
    events.expect("reload");
    server.wait_for("/panduan/", "Sudah benar");
}

#[test]
fn template_and_fluent_edits_rebuild_every_page() {
    let site = site();
    let server = Server::start(&site);
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ t(key=\"toc-label\") }}</p>{{ page.content | safe }}{% endblock main %}",
    );
    server.wait_for("/panduan/", "class=\"custom\"");
    server.wait_for("/en/panduan/", "class=\"custom\"");
    site.write("locales/en/site.ftl", "toc-label = Contents of this page\n");
    server.wait_for("/en/panduan/", "Contents of this page");
    assert!(
        !server
            .get("/panduan/")
            .body
            .contains("Contents of this page")
    );
}

#[test]
fn stylesheet_only_changes_swap_css_without_reload() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "themes/default/static/assets/naskah.css",
        "body { color: rebeccapurple; }\n",
    );
    events.expect("css");
    server.wait_for("/assets/naskah.css", "rebeccapurple");
}

#[test]
fn http_behaviour() {
    let site = site();
    let server = Server::start(&site);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(home.headers["cache-control"], "no-store");
    assert!(home.body.contains("__naskah/livereload.js"));
    let nested = server.get("/en/panduan/");
    assert!(
        nested.body.contains("src=\"../../__naskah/livereload.js\""),
        "relative, so it works under a sub-path"
    );
    let script = server.get("/__naskah/livereload.js");
    assert_eq!(
        script.headers["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(script.body.contains("EventSource"));
    let css = server.get("/assets/naskah.css");
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
    let redirect = server.get("/en/panduan");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.headers["location"], "panduan/");
    let head = server.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-length"], home.body.len().to_string());
    assert!(head.body.is_empty());
    assert_eq!(server.request("POST", "/").status, 405);
    for attack in [
        "/../naskah.toml",
        "/%2e%2e/naskah.toml",
        "/en/%2E%2E/%2E%2E/naskah.toml",
        "/..%2fnaskah.toml",
        "/content/index.md",
    ] {
        let response = server.get(attack);
        assert!(
            matches!(response.status, 400 | 404),
            "{attack}: {}",
            response.status
        );
        assert!(
            !response.body.contains("[languages"),
            "{attack} leaked the config"
        );
    }
    let missing = server.get("/ar/tidak-ada/");
    assert_eq!(missing.status, 404);
    let page = missing.html();
    let lang = page.root_element().value().attr("lang");
    assert_eq!(lang, Some("ar"), "the 404 page of the path's language");
    // Many clients at once, some leaving mid-response.
    let handles: Vec<_> = (0..24)
        .map(|i| {
            let port = server.port;
            std::thread::spawn(move || {
                use std::io::Write;
                let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                let _ = write!(s, "GET /en/panduan/ HTTP/1.1\r\nHost: x\r\n\r\n");
                if i % 3 == 0 {
                    drop(s);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(server.get("/").status, 200, "the server survives");
}

#[test]
fn watch_rebuilds_the_output_folder_atomically() {
    let site = site();
    // Killed however the test ends: a failed assertion left it running (and holding
    // the test harness's output open).
    let _child = KillOnDrop(
        std::process::Command::new(env!("CARGO_BIN_EXE_naskah"))
            .args(["watch", "--root"])
            .arg(site.root())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let out = site.out();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !out.join("panduan/index.html").exists() {
        assert!(std::time::Instant::now() < deadline, "watch never built");
        std::thread::sleep(Duration::from_millis(20));
    }
    let before = snapshot(&out);
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\n+++\nDiperbarui.\n",
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(out.join("panduan/index.html")).unwrap_or_default();
        if text.contains("Diperbarui") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "watch never rebuilt");
        std::thread::sleep(Duration::from_millis(20));
    }
    let page = Page::open(&out, "panduan/index.html");
    assert!(page.text("div.content").contains("Diperbarui"));
    assert!(
        !page.html.root_element().html().contains("livereload"),
        "no live-reload script on disk"
    );
    let after = snapshot(&out);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    // An output_dir changed while watching is written to (the old folder was).
    let config = std::fs::read_to_string(site.root().join("naskah.toml")).unwrap();
    site.write("naskah.toml", &format!("output_dir = \"public\"\n{config}"));
    let public = site.root().join("public");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !public.join("panduan/index.html").exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "watch never wrote public/"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The served page without the live-reload script `serve` injects.
/// A child process killed when dropped.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn without_reload_script(body: &str) -> String {
    let Some(start) = body.rfind("<script src=\"") else {
        return body.to_string();
    };
    match body[start..].find("</script>\n") {
        Some(len) if body[start..start + len].contains("__naskah/livereload.js") => {
            format!(
                "{}{}",
                &body[..start],
                &body[start + len + "</script>\n".len()..]
            )
        }
        _ => body.to_string(),
    }
}

/// Polls until every text file a fresh `naskah build` of the site writes is served with
/// the same bytes, and the pages the build does not write are not served.
#[track_caller]
fn assert_serves_a_fresh_build(server: &Server, site: &TestSite, gone: &[&str]) {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("site");
    site.build_with(&["--out", out_dir.to_str().unwrap()])
        .success();
    let built: Vec<(String, String)> = snapshot(&out_dir)
        .into_iter()
        .filter(|(path, _)| {
            [".html", ".xml", ".txt", ".css", ".js"]
                .iter()
                .any(|ext| path.ends_with(ext))
        })
        .map(|(path, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            // The one intended difference: served 404 pages link from `/`, not base_url.
            match path.ends_with("404.html") {
                true => (path, text.replace("https://docs.example.org/", "/")),
                false => (path, text),
            }
        })
        .collect();
    assert!(built.len() > 20, "{} files", built.len());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let stale: Vec<&str> = built
            .iter()
            .filter(|(path, text)| {
                let url = format!("/{}", path.trim_end_matches("index.html"));
                let served = server.get(&url);
                served.status != 200 || without_reload_script(&served.body) != *text
            })
            .map(|(path, _)| path.as_str())
            .collect();
        let still_served: Vec<&&str> = gone
            .iter()
            .filter(|path| server.get(path).status != 404)
            .collect();
        if stale.is_empty() && still_served.is_empty() {
            return;
        }
        if std::time::Instant::now() >= deadline {
            let first_difference = stale.first().map(|path| {
                let url = format!("/{}", path.trim_end_matches("index.html"));
                let served = without_reload_script(&server.get(&url).body);
                let built = &built.iter().find(|(p, _)| p == path).unwrap().1;
                let line = served.lines().zip(built.lines()).find(|(a, b)| a != b);
                format!("{path}: served / built: {line:?}")
            });
            panic!(
                "served files differ from a fresh build: {stale:?}; still served: \
                 {still_served:?}; first difference: {first_difference:?}"
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn incremental_rebuilds_serve_exactly_what_a_full_build_writes() {
    let site = site()
        .file(
            "content/bantuan/index.md",
            "+++\ntitle = \"Bantuan\"\n+++\nDaftar.\n",
        )
        .file(
            "content/bantuan/akun.md",
            "+++\ntitle = \"Akun\"\nweight = 2\n+++\nAkun Anda.\n\n- Buka 3 menu.\n",
        )
        .file(
            "content/bantuan/akun.en.md",
            "+++\ntitle = \"Account\"\nweight = 2\n+++\nYour account.\n\n- Open 3 menus.\n",
        )
        .file(
            "content/bantuan/akun.fr.md",
            "+++\ntitle = \"Compte\"\n+++\nVotre compte.\n\n- Ouvrez 3 menus.\n",
        );
    support::drift_accept(site.root(), &["--all"]).success();
    let server = Server::start(&site);
    assert_serves_a_fresh_build(&server, &site, &[]);
    // A source paragraph: the translations drift, the status pages change.
    site.write(
        "content/bantuan/akun.md",
        "+++\ntitle = \"Akun\"\nweight = 2\n+++\nAkun Anda.\n\n- Buka 5 menu.\n",
    );
    assert_serves_a_fresh_build(&server, &site, &[]);
    // A translation's title: the navigation of its language changes on every page.
    site.write(
        "content/bantuan/akun.en.md",
        "+++\ntitle = \"Your account\"\nweight = 2\n+++\nYour account.\n\n- Open 3 menus.\n",
    );
    assert_serves_a_fresh_build(&server, &site, &[]);
    // A new page, then a removed translation (its page becomes a fallback).
    site.write(
        "content/bantuan/baru.md",
        "+++\ntitle = \"Baru\"\n+++\nHalaman baru.\n",
    );
    assert_serves_a_fresh_build(&server, &site, &[]);
    site.remove("content/bantuan/akun.fr.md");
    assert_serves_a_fresh_build(&server, &site, &[]);
    // Accepting rewrites the lock: every translation's status is read again.
    support::drift_accept(site.root(), &["--all"]).success();
    assert_serves_a_fresh_build(&server, &site, &[]);
    site.remove("content/bantuan/baru.md");
    assert_serves_a_fresh_build(&server, &site, &["/bantuan/baru/", "/en/bantuan/baru/"]);
}

/// DNS rebinding: a request for a name that is not this server's (a page elsewhere
/// pointing its own name here) is refused; localhost and IP addresses are answered.
#[test]
fn requests_for_other_host_names_are_refused() {
    let site = site();
    let server = Server::start(&site);
    let port = server.port;
    assert_eq!(
        server
            .request_for_host("GET", "/", "attacker.example")
            .status,
        403
    );
    assert_eq!(
        server
            .request_for_host("GET", "/", &format!("attacker.example:{port}"))
            .status,
        403
    );
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "docs.localhost".to_string(),
    ] {
        assert_eq!(
            server.request_for_host("GET", "/", &host).status,
            200,
            "{host}"
        );
    }
}

/// `content/` replaced as a whole (a `git checkout`, `rsync`, an editor that swaps the
/// folder): the new files are served, and later edits in it are seen (the watch used
/// to follow the folder that went away). Both by renames and by delete-and-recreate.
#[test]
fn a_replaced_content_folder_is_watched_again() {
    let site = site();
    let server = Server::start(&site);
    server.wait_for("/panduan/", "Tunggu 7 hari");
    let root = site.root();
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        std::fs::create_dir_all(to).unwrap();
        for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
            let rel = entry.path().strip_prefix(from).unwrap();
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(to.join(rel)).unwrap();
            } else {
                std::fs::copy(entry.path(), to.join(rel)).unwrap();
            }
        }
    };
    // Swapped in by renames, with a page changed.
    copy(&root.join("content"), &root.join("content-next"));
    std::fs::write(
        root.join("content-next/panduan.md"),
        "+++\ntitle = \"Panduan\"\nweight = 1\n+++\nCabang lain.\n",
    )
    .unwrap();
    std::fs::rename(root.join("content"), root.join("content-old")).unwrap();
    std::fs::rename(root.join("content-next"), root.join("content")).unwrap();
    server.wait_for("/panduan/", "Cabang lain");
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\nweight = 1\n+++\nSetelah tukar.\n",
    );
    server.wait_for("/panduan/", "Setelah tukar");
    // Deleted and made again.
    copy(&root.join("content"), &root.join("content-saved"));
    std::fs::remove_dir_all(root.join("content")).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    std::fs::rename(root.join("content-saved"), root.join("content")).unwrap();
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\nweight = 1\n+++\nDibuat lagi.\n",
    );
    server.wait_for("/panduan/", "Dibuat lagi");
}

/// A Fluent file nested thousands of placeables deep, saved while serving, aborted the
/// server (stack overflow). Now: the error overlay, the last good site kept, and the
/// server still there to see the fix.
#[test]
fn a_deeply_nested_fluent_file_does_not_kill_the_server() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    let nested = format!("deep = {}x{}\n", "{ ".repeat(3_000), " }".repeat(3_000));
    site.write("locales/id/site.ftl", &nested);
    let data = events.expect("error-overlay");
    assert!(data.contains("locales/id/site.ftl:1:"), "{data}");
    assert!(server.get("/panduan/").body.contains("Tunggu 7 hari"));
    site.write("locales/id/site.ftl", "site-title = Situs Baik\n");
    events.expect("reload");
    server.wait_for("/panduan/", "Situs Baik");
}

/// The 404 page links from `/` under `naskah serve`: with `base_url`'s absolute URLs it
/// had no style and its links left the dev server.
#[test]
fn the_served_404_page_links_within_the_dev_server() {
    let site = site();
    let server = Server::start(&site);
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    let page = missing.html();
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let stylesheet = page.select(&select("link[rel=stylesheet]")).next().unwrap();
    assert_eq!(stylesheet.value().attr("href"), Some("/assets/naskah.css"));
    let links: Vec<&str> = page
        .select(&select("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(!links.is_empty());
    assert!(
        links.iter().all(|href| !href.contains("docs.example.org")),
        "{links:?}"
    );
    assert_eq!(server.get("/assets/naskah.css").status, 200);
    // A build for the real host keeps base_url's absolute links.
    site.build().success();
    let built = std::fs::read_to_string(site.out().join("404.html")).unwrap();
    assert!(built.contains("https://docs.example.org/assets/naskah.css"));
}

/// The search index is rebuilt with the page: after the reload, an edited page is found
/// by its new words (in the shard the browser would load for them) and no longer by
/// the words it lost.
#[test]
fn an_edited_page_is_found_by_its_new_words_after_the_reload() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    let indexed = |lang: &str, term: &str| {
        support::search_index_lists(|path| server.get(&format!("/{path}")).body, lang, term)
    };
    assert!(indexed("id", "tunggu"));
    assert!(!indexed("id", "zamrud"));
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\n+++\n## Langkah {#langkah}\n\nSimpan zamrud 7 hari.\n",
    );
    events.expect("reload");
    assert!(indexed("id", "zamrud"), "the new word");
    assert!(!indexed("id", "tunggu"), "the word the page lost");
    // The English index was not touched by a change of the Indonesian text.
    assert!(indexed("en", "wait"));
}

/// A one-shot build makes the search index language by language and keeps nothing; a
/// watch session makes it from the terms it keeps. The two give the same files: each
/// language's `meta.js` names a digest of all its other files.
#[test]
fn a_served_search_index_is_the_built_one() {
    let mut site = TestSite::new().file("naskah.toml", &support::config_with_chinese());
    let words = ["simpan", "tolak", "akun", "data", "privasi", "unduh"];
    // More pages than a one-shot build counts in one batch (256).
    for i in 0..300 {
        let id = words
            .iter()
            .cycle()
            .skip(i)
            .take(4)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        site = site
            .file(
                &format!("content/s{}/p{i}.md", i % 3),
                &format!("+++\ntitle = \"Halaman {i}\"\n+++\n## Bagian {i}\n\n{id} {i}.\n"),
            )
            .file(
                &format!("content/s{}/p{i}.zh.md", i % 3),
                &format!(
                    "+++\ntitle = \"页面 {i}\"\n+++\n## 部分 {i}\n\n保存您的数据和隐私设置 {i}。\n"
                ),
            )
            .file(
                &format!("content/s{}/p{i}.en.md", i % 3),
                &format!("+++\ntitle = \"Page {i}\"\n+++\n## Part {i}\n\nSaving accounts {i}.\n"),
            );
    }
    site.build().success();
    let server = Server::start(&site);
    for lang in ["id", "en", "zh", "ar", "fr"] {
        let path = format!("assets/search/{lang}/meta.js");
        let built = std::fs::read_to_string(site.out().join(&path)).unwrap();
        assert_eq!(server.get(&format!("/{path}")).body, built, "{lang}");
    }
    assert!(support::search_index_lists(
        |path| server.get(&format!("/{path}")).body,
        "zh",
        "隐私"
    ));
}

/// A watch session of `site`, as `naskah serve` and `naskah watch` run one.
fn session(site: &TestSite) -> naskah::watch::Session {
    let options = naskah::pipeline::BuildOptions {
        root: site.root().to_path_buf(),
        out: None,
        base_url: None,
        timings: false,
    };
    naskah::watch::Session::new(options).unwrap()
}

/// A session's rebuild after `file` changed (`naskah.toml`: everything, as the watcher
/// says).
fn changed(site: &TestSite, file: &str) -> naskah::content::Dirty {
    naskah::content::Dirty {
        all: file == "naskah.toml",
        relist: false,
        paths: [site.root().join(file)].into(),
    }
}

/// A broken file that a session keeps between rebuilds (UI strings, `naskah.toml`,
/// `naskah.lock`) fails every rebuild until it is fixed: an edit elsewhere does not
/// build with the last good copy and report success.
#[test]
fn a_broken_config_locale_or_lock_fails_every_rebuild_until_it_is_fixed() {
    let config = support::CONFIG.to_string();
    let broken_config = format!("{config}bogus_key = 1\n");
    let cases = [
        ("locales/en/site.ftl", "site-title = Docs\n", "= bad\n"),
        ("naskah.toml", config.as_str(), broken_config.as_str()),
        (
            "naskah.lock",
            "version = 1\n",
            "version = 1\n<<<<<<< HEAD\n",
        ),
    ];
    for (file, good, broken) in cases {
        let site = site().file(file, good);
        let mut session = session(&site);
        let sink = naskah::output::MemorySink::default();
        let rebuild = |session: &mut naskah::watch::Session, dirty| {
            let result = session.rebuild(&sink, &dirty).result;
            match &result {
                Ok(_) => sink.finish(),
                Err(_) => {
                    sink.abandon();
                    Default::default()
                }
            };
            result.is_ok()
        };
        assert!(
            rebuild(&mut session, naskah::content::Dirty::all()),
            "{file}"
        );
        site.write(file, broken);
        assert!(!rebuild(&mut session, changed(&site, file)), "{file}");
        site.write(
            "content/panduan.md",
            "+++\ntitle = \"Panduan\"\n+++\nTunggu 8 hari.\n",
        );
        assert!(
            !rebuild(&mut session, changed(&site, "content/panduan.md")),
            "{file} is still broken, yet the rebuild after an edit elsewhere succeeded"
        );
        site.write(file, good);
        assert!(rebuild(&mut session, changed(&site, file)), "{file}");
    }
}

/// A session shows the site's warnings (a link to no page) on the first rebuild and
/// again when they change, not after every edit that leaves them as they were (serve
/// and watch showed none: only drift findings).
#[test]
fn a_session_shows_the_sites_warnings_when_they_change() {
    let site = site().file(
        "content/lain.md",
        "+++\ntitle = \"Lain\"\n+++\n[x](tidak-ada.md)\n",
    );
    let mut session = session(&site);
    let sink = naskah::output::MemorySink::default();
    let mut rebuild = |dirty| {
        let rebuild = session.rebuild(&sink, &dirty);
        assert!(rebuild.result.is_ok());
        sink.finish();
        rebuild
            .warnings
            .iter()
            .map(|w| w.to_string())
            .collect::<Vec<_>>()
    };
    let first = rebuild(naskah::content::Dirty::all());
    assert!(
        first.iter().any(|w| w.contains("tidak-ada.md")),
        "{first:?}"
    );
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\n+++\nTunggu 8 hari.\n",
    );
    assert_eq!(
        rebuild(changed(&site, "content/panduan.md")),
        Vec::<String>::new()
    );
    site.write(
        "content/lain.md",
        "+++\ntitle = \"Lain\"\n+++\n[x](hilang.md)\n",
    );
    let again = rebuild(changed(&site, "content/lain.md"));
    assert!(again.iter().any(|w| w.contains("hilang.md")), "{again:?}");
}

/// A language added while serving gets its own 404 page (it got the source
/// language's: the server's list of languages was made at start).
#[test]
fn a_language_added_while_serving_has_its_own_404_page() {
    let site = site();
    let server = Server::start(&site);
    let config = std::fs::read_to_string(site.root().join("naskah.toml")).unwrap();
    site.write(
        "naskah.toml",
        &format!("{config}\n[languages.de]\nname = \"Deutsch\"\n"),
    );
    server.wait_for("/de/", "lang=\"de\"");
    let missing = server.get("/de/nicht-da/");
    assert_eq!(missing.status, 404);
    let page = missing.html();
    assert_eq!(page.root_element().value().attr("lang"), Some("de"));
}
