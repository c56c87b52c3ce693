//! End to end in a real browser: headless Chromium opens a page served by
//! `naskah serve`, the Markdown is edited on disk, and the new text appears in the page
//! with no action (live reload). Driven over the Chrome DevTools Protocol.

mod support;

use std::time::{Duration, Instant};

use support::browser::{Browser, chromium_or_skip, evaluate, poll};
use support::{Server, TestSite};

#[test]
fn an_edit_on_disk_shows_up_in_an_open_page_without_any_action() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let site = TestSite::new()
        .file(
            "content/index.md",
            "+++\ntitle = \"Beranda\"\n+++\nSelamat datang.\n",
        )
        .file(
            "content/panduan.md",
            "+++\ntitle = \"Panduan\"\n+++\nTeks lama di halaman panduan.\n",
        );
    let server = Server::start(&site);
    let url = format!("http://127.0.0.1:{}/panduan/", server.port);
    let browser = Browser::open(&binary, &url);
    let (mut socket, _) =
        tungstenite::connect(browser.page_socket(&url)).expect("connect to the page");
    if let tungstenite::stream::MaybeTlsStream::Plain(stream) = socket.get_ref() {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
    }
    let read_text = "document.querySelector('div.content') ? document.querySelector('div.content').innerText : ''";
    let mut id = 0;
    let mut wait_for = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            id += 1;
            let text = evaluate(&mut socket, id, read_text);
            if text.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the page never showed {needle:?}; it shows {text:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("Teks lama");
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\n+++\nTeks baru yang muncul sendiri.\n",
    );
    wait_for("Teks baru yang muncul sendiri");
}

/// A site too wide for a page's sidebar: from `file://`, with JavaScript, the whole tree
/// comes from the shared file, folded but for the current page's section, and a folded
/// section opens on its button; in Arabic too.
#[test]
fn the_whole_navigation_tree_unfolds_from_the_shared_file_under_file_urls() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let mut site =
        TestSite::new().file("content/index.md", "+++\ntitle = \"Beranda\"\n+++\nHalo.\n");
    for s in 0..40 {
        site = site.file(
            &format!("content/s{s:02}/index.md"),
            &format!("+++\ntitle = \"Bagian {s:02}\"\nweight = {s}\n+++\nIsi.\n"),
        );
        for p in 0..3 {
            site = site.file(
                &format!("content/s{s:02}/p{p}.md"),
                &format!("+++\ntitle = \"Halaman {s:02}-{p}\"\nweight = {p}\n+++\nIsi.\n"),
            );
        }
    }
    site.build().success();
    for (page, lang) in [("s30/p1/index.html", "id"), ("ar/s30/p1/index.html", "ar")] {
        let url = format!("file://{}/{page}", site.out().display());
        let browser = Browser::open(&binary, &url);
        let (mut socket, _) =
            tungstenite::connect(browser.page_socket(&url)).expect("connect to the page");
        let probe = r#"(() => {
            if (location.protocol !== 'file:' || document.readyState !== 'complete') return '';
            const nav = document.querySelector('nav.site-nav');
            const top = nav.querySelectorAll(':scope > ul > li').length;
            const current = nav.querySelector('[aria-current=page]');
            const open = [...nav.querySelectorAll('button[aria-expanded=true]')].length;
            const folded = nav.querySelectorAll(':scope > ul > li')[2];
            folded.querySelector('button').click();
            const shown = folded.querySelectorAll(':scope > ul a').length;
            return JSON.stringify({top, current: current && current.textContent, open, shown,
                more: nav.querySelectorAll('.nav-more').length, dir: document.dir});
        })()"#;
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut id = 0;
        let result = loop {
            id += 1;
            let text = evaluate(&mut socket, id, probe);
            if !text.is_empty() {
                break serde_json::from_str::<serde_json::Value>(&text).unwrap();
            }
            assert!(Instant::now() < deadline, "the page did not load");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(result["top"], 41, "home and all 40 sections: {result}");
        assert_eq!(result["current"], "Halaman 30-1", "{result}");
        assert_eq!(
            result["open"], 1,
            "only the current section is open: {result}"
        );
        assert_eq!(result["shown"], 3, "a folded section opens: {result}");
        assert_eq!(result["more"], 0, "{result}");
        assert_eq!(result["dir"], if lang == "ar" { "rtl" } else { "ltr" });
    }
}

/// JavaScript (inside a function, so that polling can declare it again): `contrast(el)`,
/// the WCAG contrast ratio of an element's text against the
/// first opaque-ish background behind it (alpha ignored, white at the end).
const CONTRAST_JS: &str = r#"
const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
const luminance = c => { const [r, g, b] = c.match(/[\d.]+/g).map(Number); return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b); };
const behind = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; const a = c.match(/[\d.]+/g); if (a && (a.length < 4 || Number(a[3]) > 0.5)) return c; } return 'rgb(255, 255, 255)'; };
const contrast = el => { const [a, b] = [luminance(getComputedStyle(el).color), luminance(behind(el))]; return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
"#;

/// Text that failed WCAG AA before: the current language of a fallback page (grey on the
/// accent), and the error overlay's message (white on the theme's light code background).
#[test]
fn the_current_language_of_a_fallback_page_and_the_error_overlay_are_readable() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let site = TestSite::new()
        .file("content/index.md", "+++\ntitle = \"Beranda\"\n+++\nHalo.\n")
        .file(
            "content/panduan.md",
            "+++\ntitle = \"Panduan\"\n+++\nTeks.\n",
        );
    let server = Server::start(&site);
    let url = format!("http://127.0.0.1:{}/en/panduan/", server.port);
    let browser = Browser::open(&binary, &url);
    let (mut socket, _) = tungstenite::connect(browser.page_socket(&url)).expect("connect");
    let current = format!(
        "(() => {{ {CONTRAST_JS} const a = document.querySelector('.lang-switcher a[aria-current=page]'); return a && document.readyState === 'complete' ? String(contrast(a)) : ''; }})()"
    );
    let ratio: f64 = poll(&mut socket, &current).parse().unwrap();
    assert!(
        ratio >= 4.5,
        "current language on a fallback page: {ratio:.2}:1"
    );
    site.write(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\nbroken\n+++\nTeks.\n",
    );
    let overlay = format!(
        "(() => {{ {CONTRAST_JS} const pre = document.querySelector('#naskah-error-overlay pre'); return pre ? String(contrast(pre)) : ''; }})()"
    );
    let ratio: f64 = poll(&mut socket, &overlay).parse().unwrap();
    assert!(ratio >= 4.5, "error overlay text: {ratio:.2}:1");
}

/// Code blocks get a copy button labelled in the page's language, and the table of
/// contents marks the section being read as the reader scrolls.
#[test]
fn code_blocks_get_a_copy_button_and_the_toc_follows_the_reading() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let long = "Kalimat yang cukup panjang untuk mengisi halaman. ".repeat(60);
    let body = format!(
        "+++\ntitle = \"Panduan\"\n+++\n## Satu {{#satu}}\n\n{long}\n\n```sh\nnaskah build\n```\n\n## Dua {{#dua}}\n\n{long}\n\n## Tiga {{#tiga}}\n\n{long}\n"
    );
    let site = TestSite::new()
        .file("content/index.md", "Halo.\n")
        .file("content/panduan.md", &body);
    site.build().success();
    let url = format!("file://{}/panduan/index.html", site.out().display());
    let browser = Browser::open(&binary, &url);
    let (mut socket, _) = tungstenite::connect(browser.page_socket(&url)).expect("connect");
    let buttons = poll(
        &mut socket,
        "location.protocol === 'file:' && document.readyState === 'complete' ? JSON.stringify([...document.querySelectorAll('pre > button.copy-code')].map(b => b.textContent)) : ''",
    );
    assert_eq!(buttons, r#"["Salin"]"#);
    let current = poll(
        &mut socket,
        "(() => { document.getElementById('dua').scrollIntoView(); window.dispatchEvent(new Event('scroll')); const a = document.querySelector('nav.toc a[aria-current]'); return a ? a.getAttribute('href') : ''; })()",
    );
    assert_eq!(current, "#dua");
}

/// The dark-mode button: hidden without JavaScript, follows the system until pressed,
/// then switches and remembers the choice across pages.
#[test]
fn the_dark_mode_button_switches_and_remembers() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let site = TestSite::new().file("content/index.md", "Halo.\n").file(
        "content/panduan.md",
        "+++\ntitle = \"Panduan\"\n+++\nTeks.\n",
    );
    site.build().success();
    let html = std::fs::read_to_string(site.out().join("panduan/index.html")).unwrap();
    assert!(html.contains("class=\"theme-toggle\" aria-pressed=\"false\" hidden"));
    let url = format!("file://{}/panduan/index.html", site.out().display());
    let browser = Browser::open(&binary, &url);
    let (mut socket, _) = tungstenite::connect(browser.page_socket(&url)).expect("connect");
    let before = poll(
        &mut socket,
        "location.protocol === 'file:' && document.readyState === 'complete' ? JSON.stringify([document.querySelector('.theme-toggle').hidden, getComputedStyle(document.body).backgroundColor]) : ''",
    );
    assert_eq!(
        before, r#"[false,"rgb(255, 255, 255)"]"#,
        "light by default (headless)"
    );
    let after = poll(
        &mut socket,
        "(() => { const b = document.querySelector('.theme-toggle'); b.click(); return JSON.stringify([b.getAttribute('aria-pressed'), document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor, localStorage.getItem('naskah-theme')]); })()",
    );
    assert_eq!(after, r#"["true","dark","rgb(18, 20, 23)","dark"]"#);
    // Another page opens dark: the choice was remembered.
    let other = format!("file://{}/index.html", site.out().display());
    poll(
        &mut socket,
        &format!("(() => {{ location.href = '{other}'; return 'ok'; }})()"),
    );
    let next = poll(
        &mut socket,
        "location.pathname.endsWith('/index.html') && !location.pathname.endsWith('panduan/index.html') && document.readyState === 'complete' ? JSON.stringify([document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor]) : ''",
    );
    assert_eq!(next, r#"["dark","rgb(18, 20, 23)"]"#);
}

/// The translation status page shows every language's column from 1024 px on (it hid
/// Arabic and French in a horizontal scroll at 1280 px), and stacks on a phone; neither
/// overflows the window.
#[test]
fn the_status_page_fits_desktop_and_phone_windows() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let mut site = TestSite::new().file("content/index.md", "Halo.\n");
    for i in 0..6 {
        site = site
            .file(
                &format!("content/halaman-dengan-judul-panjang-{i}.md"),
                &format!(
                    "+++\ntitle = \"Halaman dengan judul yang cukup panjang {i}\"\n+++\nTeks {i}.\n"
                ),
            )
            .file(
                &format!("content/halaman-dengan-judul-panjang-{i}.en.md"),
                &format!(
                    "+++\ntitle = \"A page with a rather long title {i}\"\n+++\nText {i} 99.\n"
                ),
            );
    }
    site.build().success();
    let url = format!("file://{}/translations/index.html", site.out().display());
    let probe = "location.protocol === 'file:' && document.readyState === 'complete' ? JSON.stringify((() => { const wrap = document.querySelector('.status-table'); const cells = [...document.querySelectorAll('.status-table tr:first-child td')].map(td => td.getBoundingClientRect()); return { page: document.documentElement.scrollWidth <= window.innerWidth, wrap: wrap.scrollWidth <= wrap.clientWidth, cells: cells.every(r => r.right <= window.innerWidth && r.left >= 0), width: window.innerWidth, rects: cells.map(r => [Math.round(r.left), Math.round(r.right)]) }; })()) : ''";
    for (width, height) in [(1024, 800), (1280, 800), (390, 844)] {
        let browser = Browser::open_sized(&binary, &url, (width, height));
        let (mut socket, _) = tungstenite::connect(browser.page_socket(&url)).expect("connect");
        let fits = poll(&mut socket, probe);
        let fits: serde_json::Value = serde_json::from_str(&fits).unwrap();
        assert_eq!(fits["page"], true, "{width} px: the page overflows: {fits}");
        assert_eq!(fits["wrap"], true, "{width} px: the table scrolls: {fits}");
        assert_eq!(
            fits["cells"], true,
            "{width} px: a cell is out of view: {fits}"
        );
    }
}

/// Search from `file://`, in the reader's language: an Indonesian query finds a page by
/// another form of its root word, a Chinese one by characters in the middle of a
/// sentence, an Arabic one without the article; results are links in rank order inside
/// `[data-search-results]`, with the matched words marked; arrows and Enter open one.
#[test]
fn search_finds_pages_by_other_forms_of_their_words_in_each_language() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let site = TestSite::new()
        .file("naskah.toml", &support::config_with_chinese())
        .file("content/index.md", "Halo.\n")
        .file(
            "content/menolak.md",
            "+++\ntitle = \"Cara menolak pelatihan\"\n+++\nPenolakan berlaku dalam 7 hari.\n",
        )
        .file(
            "content/menolak.zh.md",
            "+++\ntitle = \"如何拒绝训练\"\n+++\n您可以随时拒绝使用您的数据训练模型。\n",
        )
        .file(
            "content/menolak.ar.md",
            "+++\ntitle = \"كيفية الرفض\"\n+++\nيمكنك رفض استخدام البيانات في أي وقت.\n",
        )
        .file(
            "content/data.md",
            "+++\ntitle = \"Data publik\"\n+++\nData yang kami gunakan.\n",
        );
    // The translations accepted, then the source edited: the Chinese and Arabic
    // results say their page is outdated.
    support::drift_accept(site.root(), &["--all"]).success();
    site.write(
        "content/menolak.md",
        "+++\ntitle = \"Cara menolak pelatihan\"\n+++\nPenolakan berlaku dalam 3 hari.\n",
    );
    site.build().success();
    // The page, the query, the result expected first, what its snippet marks, how the
    // box says "1 result" (Arabic has a form for one), and what the result says of an
    // outdated translation.
    let cases = [
        (
            "index.html",
            "tolak",
            "Cara menolak pelatihan",
            "Penolakan",
            "1 hasil",
            "",
        ),
        (
            "zh/index.html",
            "数据",
            "如何拒绝训练",
            "数据",
            "1 个结果",
            "已过时",
        ),
        (
            "ar/index.html",
            "بيانات",
            "كيفية الرفض",
            "البيانات",
            "نتيجة واحدة",
            "غير محدّثة",
        ),
    ];
    for (page, query, expected, marked, status, outdated) in cases {
        let url = format!("file://{}/{page}", site.out().display());
        let browser = Browser::open(&binary, &url);
        let (mut socket, _) = tungstenite::connect(browser.page_socket(&url)).expect("connect");
        let ready = poll(
            &mut socket,
            "document.readyState === 'complete' && !document.querySelector('.search').hidden ? 'yes' : ''",
        );
        assert_eq!(ready, "yes");
        let typed = format!(
            "(() => {{ const i = document.querySelector('[role=search] input[type=search]'); i.focus(); i.value = {query:?}; i.dispatchEvent(new Event('input')); return 'ok'; }})()"
        );
        poll(&mut socket, &typed);
        let results = poll(
            &mut socket,
            "(() => { const r = [...document.querySelectorAll('[data-search-results] a')]; return r.length ? JSON.stringify(r.map(a => [a.querySelector('.search-title').textContent, a.querySelectorAll('.search-snippet mark').length, [...a.querySelectorAll('.search-snippet mark')].map(m => m.textContent).join('|')])) : ''; })()",
        );
        let results: Vec<(String, usize, String)> = serde_json::from_str(&results).unwrap();
        assert_eq!(results[0].0, expected, "{page} {query}: {results:?}");
        assert_eq!(results.len(), 1, "the reader's language only: {results:?}");
        assert_eq!(results[0].2, marked, "what the snippet marks: {results:?}");
        let said = poll(
            &mut socket,
            "document.querySelector('.search-status').textContent",
        );
        assert_eq!(said.replace(['\u{2068}', '\u{2069}'], ""), status);
        let badge = poll(
            &mut socket,
            "JSON.stringify([...document.querySelectorAll('[data-search-results] a .search-outdated')].map(b => b.textContent))",
        );
        let badge: Vec<String> = serde_json::from_str(&badge).unwrap();
        let wanted: Vec<&str> = [outdated].into_iter().filter(|o| !o.is_empty()).collect();
        assert_eq!(
            badge, wanted,
            "{page}: what the result says of an outdated page"
        );
        // The results read in the page's direction and stay inside the window.
        let layout = poll(
            &mut socket,
            "(() => { const l = document.querySelector('[data-search-results]'); const r = l.getBoundingClientRect(); return JSON.stringify([getComputedStyle(l).direction, r.left >= 0 && r.right <= innerWidth]); })()",
        );
        let direction = if page.starts_with("ar/") {
            "rtl"
        } else {
            "ltr"
        };
        assert_eq!(layout, format!("[\"{direction}\",true]"), "{page}");
        let opened = poll(
            &mut socket,
            "(() => { const i = document.querySelector('[role=search] input'); i.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true})); i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); return 'ok'; })()",
        );
        assert_eq!(opened, "ok");
        let location = poll(
            &mut socket,
            "location.pathname.includes('menolak') ? location.pathname : ''",
        );
        assert!(location.ends_with("menolak/index.html"), "{location}");
    }
}

/// The keyboard, as the WAI-ARIA listbox pattern has it (focus stays in the box): the
/// box says how many pages match in all (not only the ten listed);
/// Escape closes the list and forgets the selection, so Enter then opens nothing;
/// arrows open it again; a second Escape empties the box; a key an input method is
/// composing with is left to it.
#[test]
fn search_keys_follow_the_listbox_pattern() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let mut site = TestSite::new().file("content/index.md", "Halo.\n");
    for n in 1..=14 {
        site = site.file(
            &format!("content/p{n:02}.md"),
            &format!("+++\ntitle = \"Halaman {n}\"\n+++\nPanduan pemasangan nomor {n}.\n"),
        );
    }
    site.build().success();
    let url = format!("file://{}/index.html", site.out().display());
    let browser = Browser::open(&binary, &url);
    let mut tab = support::browser::Tab::new(browser.connect(&url, Duration::from_secs(30)));
    tab.poll("(() => { const b = document.querySelector('.search'); return document.readyState === 'complete' && b && !b.hidden ? 'yes' : ''; })()");
    let key = |tab: &mut support::browser::Tab, key: &str, composing: bool| {
        tab.evaluate(&format!(
            "document.querySelector('#search-input').dispatchEvent(new KeyboardEvent('keydown', {{key: {key:?}, isComposing: {composing}, bubbles: true, cancelable: true}})); 'ok'"
        ));
    };
    let state = "JSON.stringify([document.querySelector('[data-search-results]').hidden, document.querySelectorAll('[data-search-results] [role=option]').length, document.querySelector('#search-input').getAttribute('aria-activedescendant'), document.querySelector('.search-status').textContent.replace(/[\\u2068\\u2069]/g, ''), document.querySelector('#search-input').value, location.pathname.endsWith('/index.html') && !location.pathname.includes('/p')])";
    tab.evaluate("(() => { const i = document.querySelector('#search-input'); i.focus(); i.value = 'pasang'; i.dispatchEvent(new Event('input')); return 'ok'; })()");
    let shown = tab.poll("document.querySelector('.search-status').textContent");
    assert_eq!(
        shown.replace(['\u{2068}', '\u{2069}'], ""),
        "14 hasil",
        "how many match in all"
    );
    assert_eq!(
        tab.evaluate(state),
        r#"[false,10,null,"14 hasil","pasang",true]"#
    );
    key(&mut tab, "ArrowDown", false);
    key(&mut tab, "ArrowDown", false);
    let selected = tab
        .evaluate("document.querySelector('#search-input').getAttribute('aria-activedescendant')");
    assert_eq!(selected, "search-result-1");
    // Escape: the list closes and nothing stays selected; Enter then opens nothing.
    key(&mut tab, "Escape", false);
    assert_eq!(
        tab.evaluate(state),
        r#"[true,10,null,"14 hasil","pasang",true]"#
    );
    key(&mut tab, "Enter", false);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        tab.evaluate(state).ends_with("true]"),
        "Enter after Escape left the page"
    );
    // An arrow opens the list again, at its first result.
    key(&mut tab, "ArrowDown", false);
    let reopened = tab
        .evaluate("document.querySelector('#search-input').getAttribute('aria-activedescendant')");
    assert_eq!(reopened, "search-result-0");
    // Enter while an input method composes is the input method's.
    key(&mut tab, "Enter", true);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        tab.evaluate(state).ends_with("true]"),
        "a composing Enter opened a result"
    );
    // Escape twice: closed, then emptied.
    key(&mut tab, "Escape", false);
    key(&mut tab, "Escape", false);
    assert_eq!(tab.evaluate(state), r#"[true,0,null,"","",true]"#);
}
