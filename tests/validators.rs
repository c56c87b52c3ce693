//! The built pages against the W3C Nu HTML Checker and axe-core (issue #15), on the
//! repository's own site and on a generated site with `source_language = "en"` that
//! has every block kind and every page type:
//!
//! - vnu: 0 errors on every HTML file, one Java run per site;
//! - axe-core in headless Chromium: 0 violations at WCAG 2.1 AA on each page type in
//!   each language, light and dark (the theme's button, and the system's
//!   `prefers-color-scheme`), at 1280 and 390 px, drift details closed and open;
//! - layout: nothing wider than the window at 390 and 1280 px, but inside elements that
//!   scroll or clip themselves (`pre`, tables), on every page of every language.
//!
//! The checkers are pinned in `tests/validators/package.json`; `.ci/run` installs them
//! (`npm ci --prefix tests/validators`). Without them (or Java, or Chromium) the tests
//! say they were skipped; on CI (`CI` set) they fail instead.
//! `cargo test --test validators -- --nocapture` prints what was checked.

mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::TestSite;
use support::browser::{Browser, Tab};

/// The checkers, found on this machine.
struct Tools {
    java: PathBuf,
    vnu: PathBuf,
    axe: String,
    chromium: PathBuf,
}

/// The checkers, or `None` with a note on what is missing (on CI: a failure).
fn tools_or_skip() -> Option<Tools> {
    let packages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validators/node_modules");
    let vnu = packages.join("vnu-jar/build/dist/vnu.jar");
    let axe = std::fs::read_to_string(packages.join("axe-core/axe.min.js")).ok();
    let java = Command::new("java")
        .arg("-version")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        .then(|| PathBuf::from("java"));
    let chromium = support::browser::chromium();
    let mut missing = Vec::new();
    if !vnu.is_file() || axe.is_none() {
        missing.push("the npm packages (npm ci --prefix tests/validators)");
    }
    if java.is_none() {
        missing.push("java (apt-get install default-jre-headless)");
    }
    if chromium.is_none() {
        missing.push("chromium (apt-get install chromium)");
    }
    if !missing.is_empty() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install {} (.ci/run does)",
            missing.join(", ")
        );
        eprintln!("SKIPPED: missing {}", missing.join(", "));
        return None;
    }
    Some(Tools {
        java: java.unwrap(),
        vnu,
        axe: axe.unwrap(),
        chromium: chromium.unwrap(),
    })
}

#[test]
fn the_repository_site_passes_vnu_axe_and_the_layout_check() {
    let Some(tools) = tools_or_skip() else {
        return;
    };
    let (_tmp, out) = support::build_repo_site();
    // Every translation is machine-made; the Japanese and Arabic opt-out guides are
    // outdated; every page has all its translations (no fallback page here).
    use Kind::*;
    let translated: &[Kind] = &[Home, Section, MachineTranslated, Outdated, Status, NotFound];
    check_site(
        &tools,
        "repository site",
        &out,
        "https://naskah.example.org/",
        &[
            ("id", &[Home, Section, Page, Status, NotFound]),
            ("ja", translated),
            ("ar", translated),
        ],
    );
}

#[test]
fn an_english_source_site_with_every_block_and_page_type_passes_them() {
    let Some(tools) = tools_or_skip() else {
        return;
    };
    let site = english_site();
    use Kind::*;
    let translated: &[Kind] = &[
        Home,
        Section,
        Page,
        MachineTranslated,
        Outdated,
        Fallback,
        Status,
        NotFound,
    ];
    check_site(
        &tools,
        "English-source site",
        &site.out(),
        "https://docs.example.org/",
        &[
            ("en", &[Home, Section, Page, Status, NotFound]),
            ("id", translated),
            ("ja", translated),
            ("ar", translated),
        ],
    );
}

/// Found by axe (`label`): a task list's checkboxes had no accessible name. They are
/// named in the page's language. Checked without the checkers.
#[test]
fn task_list_checkboxes_are_named_in_the_page_language() {
    let site = TestSite::new()
        .file("content/index.md", "Halo.\n")
        .file(
            "content/tugas.md",
            "+++\ntitle = \"Tugas\"\n+++\n- [x] Masuk\n- [ ] Simpan\n",
        )
        .file(
            "content/tugas.ar.md",
            "+++\ntitle = \"مهام\"\n+++\n- [x] سجّل الدخول\n- [ ] احفظ\n",
        );
    site.build().success();
    for (path, done, open) in [
        ("tugas/index.html", "Selesai", "Belum selesai"),
        ("ar/tugas/index.html", "منجزة", "غير منجزة"),
        // A fallback page: the source's text, the reader's labels (as alerts have).
        ("en/tugas/index.html", "Done", "Not done"),
    ] {
        let page = support::Page::open(&site.out(), path);
        let boxes = page.all("div.content li > input[type=checkbox][disabled]");
        let labels: Vec<(&str, bool)> = boxes
            .iter()
            .map(|b| {
                (
                    b.value().attr("aria-label").unwrap_or_default(),
                    b.value().attr("checked").is_some(),
                )
            })
            .collect();
        assert_eq!(labels, [(done, true), (open, false)], "{path}");
    }
}

// ---------------------------------------------------------------------------------------
// The generated site.

const CONFIG: &str = r#"title = "Validator Docs"
base_url = "https://docs.example.org/"
source_language = "en"
section_page_size = 20
edit_url = "https://example.org/edit/main/{path}"

[languages.en]
name = "English"

[languages.id]
name = "Bahasa Indonesia"

[languages.ja]
name = "日本語"

[languages.ar]
name = "العربية"
"#;

/// The words of the page with every block kind, in one language.
struct Words {
    title: &'static str,
    description: &'static str,
    intro: &'static str,
    lists: &'static str,
    items: [&'static str; 6],
    tasks: [&'static str; 2],
    tables: &'static str,
    table_head: [&'static str; 3],
    table_rows: [[&'static str; 3]; 2],
    code: &'static str,
    code_intro: &'static str,
    alerts: &'static str,
    alert_texts: [&'static str; 5],
    quote: &'static str,
    images: &'static str,
    alt: &'static str,
    deeper: &'static str,
    deepest: &'static str,
    footnote: &'static str,
}

const EN_WORDS: Words = Words {
    title: "Every block",
    description: "A page with every kind of Markdown block the theme styles.",
    intro: "This page has **strong text**, *emphasis*, `inline code`, ~~struck text~~, a [link to another page](reviewed.md), a [link to a heading](#tables), an [external link](https://example.org/docs), and a footnote.",
    lists: "Lists",
    items: [
        "Sign in",
        "Open the settings",
        "Choose the first option",
        "Choose the second option",
        "Save the change",
        "Check your email",
    ],
    tasks: ["A finished task", "An open task"],
    tables: "Tables",
    table_head: ["Setting", "Where", "Days"],
    table_rows: [
        ["Data export", "Settings › Privacy", "7"],
        ["Account deletion", "Settings › Account", "30"],
    ],
    code: "Code",
    code_intro: "Run the build from the site's folder:",
    alerts: "Alerts",
    alert_texts: [
        "A note for readers.",
        "A tip that saves time.",
        "Something important to know.",
        "A warning about data loss.",
        "A caution about deleting things.",
    ],
    quote: "A plain quotation from the documentation.",
    images: "Images",
    alt: "A diagram: Markdown goes in, HTML comes out",
    deeper: "A third-level heading",
    deepest: "A fourth-level heading",
    footnote: "The text of the footnote.",
};

const ID_WORDS: Words = Words {
    title: "Semua blok",
    description: "Halaman dengan setiap jenis blok Markdown yang diberi gaya oleh tema.",
    intro: "Halaman ini memuat **teks tebal**, *penekanan*, `kode sebaris`, ~~teks dicoret~~, [tautan ke halaman lain](reviewed.md), [tautan ke judul](#tables), [tautan luar](https://example.org/docs), dan catatan kaki.",
    lists: "Daftar",
    items: [
        "Masuk",
        "Buka pengaturan",
        "Pilih opsi pertama",
        "Pilih opsi kedua",
        "Simpan perubahan",
        "Periksa email Anda",
    ],
    tasks: ["Tugas yang selesai", "Tugas yang belum selesai"],
    tables: "Tabel",
    table_head: ["Pengaturan", "Letak", "Hari"],
    table_rows: [
        ["Ekspor data", "Pengaturan › Privasi", "7"],
        ["Penghapusan akun", "Pengaturan › Akun", "30"],
    ],
    code: "Kode",
    code_intro: "Jalankan build dari folder situs:",
    alerts: "Peringatan",
    alert_texts: [
        "Catatan untuk pembaca.",
        "Kiat yang menghemat waktu.",
        "Hal penting yang perlu diketahui.",
        "Peringatan tentang kehilangan data.",
        "Perhatian saat menghapus sesuatu.",
    ],
    quote: "Kutipan biasa dari dokumentasi.",
    images: "Gambar",
    alt: "Diagram: Markdown masuk, HTML keluar",
    deeper: "Judul tingkat ketiga",
    deepest: "Judul tingkat keempat",
    footnote: "Teks catatan kaki.",
};

const JA_WORDS: Words = Words {
    title: "すべてのブロック",
    description: "テーマがスタイルを付けるすべての種類のMarkdownブロックを含むページです。",
    intro: "このページには**太字**、*強調*、`インラインコード`、~~取り消し線~~、[別のページへのリンク](reviewed.md)、[見出しへのリンク](#tables)、[外部リンク](https://example.org/docs)、脚注があります。",
    lists: "リスト",
    items: [
        "サインインする",
        "設定を開く",
        "最初のオプションを選ぶ",
        "二番目のオプションを選ぶ",
        "変更を保存する",
        "メールを確認する",
    ],
    tasks: ["完了したタスク", "未完了のタスク"],
    tables: "表",
    table_head: ["設定", "場所", "日数"],
    table_rows: [
        ["データのエクスポート", "設定 › プライバシー", "7"],
        ["アカウントの削除", "設定 › アカウント", "30"],
    ],
    code: "コード",
    code_intro: "サイトのフォルダーからビルドを実行します。",
    alerts: "アラート",
    alert_texts: [
        "読者へのメモです。",
        "時間を節約するヒントです。",
        "知っておくべき重要なことです。",
        "データ損失についての警告です。",
        "削除についての注意です。",
    ],
    quote: "ドキュメントからの普通の引用です。",
    images: "画像",
    alt: "図：Markdownが入り、HTMLが出る",
    deeper: "第3レベルの見出し",
    deepest: "第4レベルの見出し",
    footnote: "脚注の本文です。",
};

const AR_WORDS: Words = Words {
    title: "كل الكتل",
    description: "صفحة فيها كل أنواع كتل Markdown التي ينسقها القالب.",
    intro: "في هذه الصفحة **نص عريض** و*تأكيد* و`شيفرة مضمنة` و~~نص مشطوب~~ و[رابط إلى صفحة أخرى](reviewed.md) و[رابط إلى عنوان](#tables) و[رابط خارجي](https://example.org/docs) وحاشية.",
    lists: "القوائم",
    items: [
        "سجّل الدخول",
        "افتح الإعدادات",
        "اختر الخيار الأول",
        "اختر الخيار الثاني",
        "احفظ التغيير",
        "تحقق من بريدك",
    ],
    tasks: ["مهمة منتهية", "مهمة مفتوحة"],
    tables: "الجداول",
    table_head: ["الإعداد", "المكان", "الأيام"],
    table_rows: [
        ["تصدير البيانات", "الإعدادات › الخصوصية", "7"],
        ["حذف الحساب", "الإعدادات › الحساب", "30"],
    ],
    code: "الشيفرة",
    code_intro: "شغّل البناء من مجلد الموقع:",
    alerts: "التنبيهات",
    alert_texts: [
        "ملاحظة للقراء.",
        "نصيحة توفر الوقت.",
        "أمر مهم يجب معرفته.",
        "تحذير من فقدان البيانات.",
        "تنبيه عند حذف الأشياء.",
    ],
    quote: "اقتباس عادي من الوثائق.",
    images: "الصور",
    alt: "رسم: يدخل Markdown ويخرج HTML",
    deeper: "عنوان من المستوى الثالث",
    deepest: "عنوان من المستوى الرابع",
    footnote: "نص الحاشية.",
};

/// Headings with ids, paragraphs, nested and task lists, a wide table, footnotes, code
/// blocks (fenced with a long line, indented), every GitHub alert, a quotation, an
/// image, links, a rule.
fn blocks_page(w: &Words, extra_front_matter: &str) -> String {
    let [a, b, c, d, e, f] = w.items;
    let [h1, h2, h3] = w.table_head;
    let [[r11, r12, r13], [r21, r22, r23]] = w.table_rows;
    let [note, tip, important, warning, caution] = w.alert_texts;
    let [done, open] = w.tasks;
    let long_line = "naskah build --root ./documentation-site --out ./public/with/a/rather/long/path/that/does/not/fit/on/a/phone";
    format!(
        "+++\ntitle = \"{title}\"\ndescription = \"{description}\"\ndate = 2026-11-03\n{extra_front_matter}+++\n\
{intro}[^note]\n\n\
## {lists} {{#lists}}\n\n\
- {a}\n- {b}\n  - {c}\n  - {d}\n    1. {e}\n    2. {f}\n\n\
1. {a}\n2. {b}\n   - {c}\n\n\
- [x] {done}\n- [ ] {open}\n\n\
## {tables} {{#tables}}\n\n\
| {h1} | {h2} | {h3} |\n|:---|:---:|---:|\n| {r11} | {r12} | {r13} |\n| {r21} | {r22} | {r23} |\n\n\
| A | B | C | D | E | F | G | H | I | J |\n|---|---|---|---|---|---|---|---|---|---|\n| alpha-beta-gamma | delta-epsilon | zeta-eta-theta | iota-kappa | lambda-mu-nu | xi-omicron | pi-rho-sigma | tau-upsilon | phi-chi-psi | omega-0123456789 |\n\n\
## {code} {{#code}}\n\n\
{code_intro}\n\n```sh\n{long_line}\n```\n\n    naskah check --deny warnings\n\n\
## {alerts} {{#alerts}}\n\n\
> [!NOTE]\n> {note}\n\n> [!TIP]\n> {tip}\n\n> [!IMPORTANT]\n> {important}\n\n> [!WARNING]\n> {warning}\n\n> [!CAUTION]\n> {caution}\n\n\
> {quote}\n\n\
## {images} {{#images}}\n\n\
![{alt}](diagram.svg)\n\n\
### {deeper} {{#deeper}}\n\n{quote}\n\n\
#### {deepest} {{#deepest}}\n\n{quote}\n\n\
---\n\n\
[^note]: {footnote}\n",
        title = w.title,
        description = w.description,
        intro = w.intro,
        lists = w.lists,
        tables = w.tables,
        code = w.code,
        code_intro = w.code_intro,
        alerts = w.alerts,
        quote = w.quote,
        images = w.images,
        alt = w.alt,
        deeper = w.deeper,
        deepest = w.deepest,
        footnote = w.footnote,
    )
}

const DIAGRAM: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="80" viewBox="0 0 320 80"><rect x="4" y="20" width="120" height="40" fill="#e4eefa" stroke="#0a58a8"/><text x="64" y="45" text-anchor="middle" font-size="14">Markdown</text><path d="M130 40h50" stroke="#0a58a8" stroke-width="3"/><rect x="196" y="20" width="120" height="40" fill="#e6f4ea" stroke="#2e7d32"/><text x="256" y="45" text-anchor="middle" font-size="14">HTML</text></svg>
"##;

/// The page that drifts: `(v1, v2)` of the source, and v1 in each language.
const CHANGED_V1: &str = "+++\ntitle = \"Changing page\"\n+++\n## Steps {#steps}\n\nOpen the settings and choose **Privacy**. The change takes 7 days.\n\n- Sign in to your account.\n- Open the settings.\n- Save the change.\n\n> [!WARNING]\n> Deleting an account cannot be undone.\n\n## Result {#result}\n\nYou receive an email when it is done.\n";
const CHANGED_V2: &str = "+++\ntitle = \"Changing page\"\n+++\n## Steps {#steps}\n\nOpen the settings and choose **Privacy and data**. The change takes 3 days.\n\n- Sign in to your account.\n- Open the privacy settings on the web or in the app.\n- Save the change.\n- Sign out of every other device.\n\n> [!WARNING]\n> Deleting an account cannot be undone after 30 days.\n\n## Result {#result}\n\nYou receive an email when it is done.\n\nThe email has a link that undoes the change for 14 days.\n";
const CHANGED_ID: &str = "+++\ntitle = \"Halaman yang berubah\"\n+++\n## Langkah {#steps}\n\nBuka pengaturan dan pilih **Privasi**. Perubahan memerlukan 7 hari.\n\n- Masuk ke akun Anda.\n- Buka pengaturan.\n- Simpan perubahan.\n\n> [!WARNING]\n> Menghapus akun tidak dapat dibatalkan.\n\n## Hasil {#result}\n\nAnda menerima email setelah selesai.\n";
const CHANGED_JA: &str = "+++\ntitle = \"変更されるページ\"\n+++\n## 手順 {#steps}\n\n設定を開き、**プライバシー**を選びます。変更には7日かかります。\n\n- アカウントにサインインします。\n- 設定を開きます。\n- 変更を保存します。\n\n> [!WARNING]\n> アカウントの削除は取り消せません。\n\n## 結果 {#result}\n\n完了するとメールが届きます。\n";
const CHANGED_AR: &str = "+++\ntitle = \"صفحة تتغير\"\n+++\n## الخطوات {#steps}\n\nافتح الإعدادات واختر **الخصوصية**. يستغرق التغيير 7 أيام.\n\n- سجّل الدخول إلى حسابك.\n- افتح الإعدادات.\n- احفظ التغيير.\n\n> [!WARNING]\n> لا يمكن التراجع عن حذف الحساب.\n\n## النتيجة {#result}\n\nتصلك رسالة بريد عند الانتهاء.\n";

/// A site in English with Indonesian, Japanese and Arabic translations: a home page, a
/// section, the page with every block (machine-translated), a reviewed translation,
/// a translation made outdated by an edit of its source, a page with no translations
/// (fallback pages), and a section too long for the sidebar (the whole tree from
/// assets/nav.en.js, and a second index page).
fn english_site() -> TestSite {
    let mut site = TestSite::empty()
        .file("naskah.toml", CONFIG)
        .file(
            "content/index.md",
            "+++\ntitle = \"Validator Docs\"\ndescription = \"Documentation used to test the theme.\"\n+++\nWelcome. Start with the [guide](guide/index.md).\n",
        )
        .file(
            "content/index.id.md",
            "+++\ntitle = \"Dokumen Validator\"\ndescription = \"Dokumentasi untuk menguji tema.\"\n+++\nSelamat datang. Mulailah dengan [panduan](guide/index.md).\n",
        )
        .file(
            "content/index.ja.md",
            "+++\ntitle = \"バリデーター文書\"\ndescription = \"テーマをテストするための文書です。\"\n+++\nようこそ。まず[ガイド](guide/index.md)をお読みください。\n",
        )
        .file(
            "content/index.ar.md",
            "+++\ntitle = \"وثائق المدقق\"\ndescription = \"وثائق لاختبار القالب.\"\n+++\nمرحبًا. ابدأ [بالدليل](guide/index.md).\n",
        )
        .file("content/guide/index.md", "+++\ntitle = \"Guide\"\nweight = 1\n+++\nHow to use the product, step by step.\n")
        .file("content/guide/index.id.md", "+++\ntitle = \"Panduan\"\n+++\nCara memakai produk, langkah demi langkah.\n")
        .file("content/guide/index.ja.md", "+++\ntitle = \"ガイド\"\n+++\n製品の使い方を順に説明します。\n")
        .file("content/guide/index.ar.md", "+++\ntitle = \"الدليل\"\n+++\nكيفية استخدام المنتج خطوة بخطوة.\n")
        .file("content/guide/diagram.svg", DIAGRAM)
        .file("content/guide/blocks.md", &blocks_page(&EN_WORDS, "weight = 1\n"))
        .file("content/guide/blocks.id.md", &blocks_page(&ID_WORDS, ""))
        .file("content/guide/blocks.ja.md", &blocks_page(&JA_WORDS, ""))
        .file("content/guide/blocks.ar.md", &blocks_page(&AR_WORDS, ""))
        .file("content/guide/reviewed.md", "+++\ntitle = \"Reviewed page\"\nweight = 2\n+++\n## Overview {#overview}\n\nA page whose translations were reviewed by people.\n\n## Details {#details}\n\nMore text.\n")
        .file("content/guide/reviewed.id.md", "+++\ntitle = \"Halaman yang ditinjau\"\nmachine_translated = false\n+++\n## Ikhtisar {#overview}\n\nHalaman yang terjemahannya ditinjau manusia.\n\n## Rincian {#details}\n\nTeks lain.\n")
        .file("content/guide/reviewed.ja.md", "+++\ntitle = \"確認済みのページ\"\nmachine_translated = false\n+++\n## 概要 {#overview}\n\n翻訳を人が確認したページです。\n\n## 詳細 {#details}\n\nその他の本文です。\n")
        .file("content/guide/reviewed.ar.md", "+++\ntitle = \"صفحة مراجعة\"\nmachine_translated = false\n+++\n## نظرة عامة {#overview}\n\nصفحة راجع ترجماتها أشخاص.\n\n## التفاصيل {#details}\n\nنص إضافي.\n")
        .file("content/guide/changed.md", &CHANGED_V1.replace("+++\n## Steps", "weight = 3\n+++\n## Steps"))
        .file("content/guide/changed.id.md", CHANGED_ID)
        .file("content/guide/changed.ja.md", CHANGED_JA)
        .file("content/guide/changed.ar.md", CHANGED_AR)
        .file("content/guide/missing.md", "+++\ntitle = \"Untranslated page\"\nweight = 4\n+++\nOnly in English so far.\n\n```toml\nsource_language = \"en\"\n```\n\n| Key | Value |\n|---|---|\n| a | 1 |\n")
        .file("content/reference/index.md", "+++\ntitle = \"Reference\"\nweight = 2\n+++\nEvery term, one page each.\n");
    for i in 0..26 {
        site = site.file(
            &format!("content/reference/term-{i:02}.md"),
            &format!("+++\ntitle = \"Term {i:02}\"\nweight = {i}\nfallback = false\n+++\nWhat term {i:02} means.\n"),
        );
    }
    // Accept every translation, then edit the source: the three translations of the
    // changing page are outdated, with drift markers.
    site.build().success();
    support::drift_accept(site.root(), &["--all"]).success();
    site.write(
        "content/guide/changed.md",
        &CHANGED_V2.replace("+++\n## Steps", "weight = 3\n+++\n## Steps"),
    );
    site.build().success();
    site
}

// ---------------------------------------------------------------------------------------
// The checks.

/// What a page is, from its path and markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Home,
    Section,
    Page,
    MachineTranslated,
    Outdated,
    Fallback,
    Status,
    NotFound,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Section => "section",
            Kind::Page => "page",
            Kind::MachineTranslated => "machine-translated",
            Kind::Outdated => "outdated",
            Kind::Fallback => "fallback",
            Kind::Status => "status",
            Kind::NotFound => "404",
        }
    }

    fn of(path: &str, lang: &str, html: &str) -> Kind {
        let file = path.rsplit('/').next().unwrap_or_default();
        if file == "404.html" {
            Kind::NotFound
        } else if html.contains("class=\"page status-page\"") {
            Kind::Status
        } else if path == "index.html" || path == format!("{lang}/index.html") {
            Kind::Home
        } else if html.contains("data-notice=\"outdated\"") {
            Kind::Outdated
        } else if html.contains("data-notice=\"untranslated\"") {
            Kind::Fallback
        } else if html.contains("<article class=\"section\">") {
            Kind::Section
        } else if html.contains("data-notice=\"machine-translation\"") {
            Kind::MachineTranslated
        } else {
            Kind::Page
        }
    }
}

/// A page of the built site.
struct Built {
    path: String,
    lang: String,
    kind: Kind,
    size: usize,
}

fn pages(out: &Path) -> Vec<Built> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = path
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let html = std::fs::read_to_string(path).unwrap();
        let lang = html
            .split_once("<html lang=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(lang, _)| lang.to_string())
            .unwrap_or_else(|| panic!("{rel}: no <html lang>"));
        pages.push(Built {
            kind: Kind::of(&rel, &lang, &html),
            path: rel,
            lang,
            size: html.len(),
        });
    }
    pages
}

const WIDTHS: [(u32, u32); 2] = [(1280, 900), (390, 844)];

#[derive(Debug, Clone, Copy)]
enum Mode {
    Light,
    /// Dark chosen with the theme's button (remembered in localStorage).
    Dark,
    /// Dark from the system (`prefers-color-scheme: dark`), no choice made.
    SystemDark,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Light => "light",
            Mode::Dark => "dark (button)",
            Mode::SystemDark => "dark (system)",
        }
    }

    /// The page's background in this mode (checked, so that a mode that did not
    /// apply cannot pass unseen).
    fn background(self) -> &'static str {
        match self {
            Mode::Light => "rgb(255, 255, 255)",
            Mode::Dark | Mode::SystemDark => "rgb(18, 20, 23)",
        }
    }
}

const MODES: [Mode; 3] = [Mode::Light, Mode::Dark, Mode::SystemDark];

/// axe-core at WCAG 2.1 AA; each violation as `rule (impact): help | node: summary`.
const AXE_RUN: &str = r#"axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
}).then(r => JSON.stringify(r.violations.flatMap(v => v.nodes.map(n =>
    `${v.id} (${v.impact}): ${v.help} | ${n.target.join(' ')} | ${n.html.slice(0, 200)} | ${(n.failureSummary || '').replace(/\s+/g, ' ')}`))))"#;

/// Elements wider than the window, outside anything that scrolls or clips itself.
const LAYOUT: &str = r#"(() => {
    const root = document.documentElement, width = root.clientWidth, found = [];
    if (root.scrollWidth > width) found.push(`the document is ${root.scrollWidth} px wide`);
    const contained = el => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
        }
        return false;
    };
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map(c => '.' + c).join('');
    const wide = new Set();
    for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (!r.width && !r.height) continue;
        if ((r.right > width + 1 || r.left < -1) && !contained(el)) {
            wide.add(el);
            if (!wide.has(el.parentElement)) found.push(`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)}`);
        }
    }
    return JSON.stringify(found);
})()"#;

/// The problems found, each with the places it was seen.
#[derive(Default)]
struct Problems {
    /// Problem → the places (page, language, mode, width) it was seen in.
    seen: BTreeMap<String, Vec<String>>,
}

impl Problems {
    fn add(&mut self, problem: String, place: String) {
        self.seen.entry(problem).or_default().push(place);
    }

    fn report(&self) -> String {
        let mut text = String::new();
        for (problem, places) in &self.seen {
            let _ = writeln!(text, "- {problem}");
            let shown: Vec<&str> = places.iter().take(4).map(String::as_str).collect();
            let more = places.len().saturating_sub(shown.len());
            let _ = write!(text, "    at {}", shown.join("; "));
            if more > 0 {
                let _ = write!(text, " and {more} more");
            }
            text.push('\n');
        }
        text
    }
}

/// vnu over every HTML file of the site, axe on each page type of each language in
/// `matrix` in each mode and width, and the layout check on every page at both widths.
/// The browser shows the site at `base`, its `base_url`. `matrix` names the page types
/// each language must have, so that a change of markup cannot drop one unseen.
/// Types the first word of the page's heading (its title: indexed) into the search box.
const SEARCH_OPEN: &str = "(() => { const i = document.querySelector('[role=search] input[type=search]'); const word = document.querySelector('main h1').textContent.trim().split(/\\s+/)[0]; i.focus(); i.value = word; i.dispatchEvent(new Event('input')); return word; })()";
/// Whether the search results show at least one result.
const SEARCH_SHOWN: &str = "(() => { const r = document.querySelector('[data-search-results]'); return r && !r.hidden && r.querySelector('a') ? 'yes' : ''; })()";

fn check_site(tools: &Tools, name: &str, out: &Path, base: &str, matrix: &[(&str, &[Kind])]) {
    let langs: Vec<&str> = matrix.iter().map(|(lang, _)| *lang).collect();
    let started = Instant::now();
    // vnu runs in its own process while the browser works.
    let vnu = start_vnu(tools, out);
    let pages = pages(out);
    // The largest page of each kind in each language: the most markup to check.
    let mut chosen: BTreeMap<(usize, Kind), &Built> = BTreeMap::new();
    for page in &pages {
        let Some(lang) = langs.iter().position(|l| *l == page.lang) else {
            continue;
        };
        let slot = chosen.entry((lang, page.kind)).or_insert(page);
        if page.size > slot.size {
            *slot = page;
        }
    }
    for (lang, (code, kinds)) in matrix.iter().enumerate() {
        let found: Vec<Kind> = chosen
            .keys()
            .filter(|(l, _)| *l == lang)
            .map(|(_, k)| *k)
            .collect();
        assert_eq!(found, *kinds, "{name}: the page types in {code}");
    }
    let browser = Browser::open(&tools.chromium, "about:blank");
    let mut tab = Tab::new(browser.connect("about:blank", Duration::from_secs(60)));
    tab.call("Page.enable", serde_json::json!({}));
    tab.serve(base, out);
    tab.call(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": tools.axe}),
    );
    let mut problems = Problems::default();
    let mut axe_runs = 0;
    let mut layout_runs = 0;
    // Seconds spent loading pages, in the layout check and in axe.
    let mut times = [Duration::ZERO; 3];
    for (width, height) in WIDTHS {
        tab.call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
        for mode in MODES {
            let system = if matches!(mode, Mode::SystemDark) {
                "dark"
            } else {
                "light"
            };
            tab.call(
                "Emulation.setEmulatedMedia",
                serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": system}]}),
            );
            let choice = if matches!(mode, Mode::Dark) {
                "localStorage.setItem('naskah-theme', 'dark')"
            } else {
                "localStorage.removeItem('naskah-theme')"
            };
            let script = tab.call(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({"source": format!("try {{ {choice}; }} catch (e) {{}}")}),
            );
            // Light: the layout of every page; every mode: axe on the chosen pages.
            let visit: Vec<&Built> = if matches!(mode, Mode::Light) {
                pages.iter().collect()
            } else {
                chosen.values().copied().collect()
            };
            for page in visit {
                // A 404 page is shown at a missing page's URL, as its host shows it.
                let url = match page.kind {
                    Kind::NotFound => page.path.replace("404.html", "no-such-page/"),
                    _ => page.path.clone(),
                };
                let url = format!("{base}{url}");
                let t = Instant::now();
                tab.navigate(&url);
                times[0] += t.elapsed();
                let background = tab.evaluate("getComputedStyle(document.body).backgroundColor");
                assert_eq!(
                    background,
                    mode.background(),
                    "{}: {} mode did not apply",
                    page.path,
                    mode.name()
                );
                let is_chosen = chosen.values().any(|c| c.path == page.path);
                // Outdated pages with their drift details opened too; home pages with
                // the search box showing results too.
                let states: &[bool] = if matches!(page.kind, Kind::Outdated | Kind::Home) {
                    &[false, true]
                } else {
                    &[false]
                };
                for &open in states {
                    let what = match page.kind {
                        Kind::Home => " (search open)",
                        _ => " (details open)",
                    };
                    if open && page.kind == Kind::Home {
                        tab.evaluate(SEARCH_OPEN);
                        let shown = tab.poll(SEARCH_SHOWN);
                        assert_eq!(shown, "yes", "{}: the search shows no results", page.path);
                    } else if open {
                        let opened = tab.evaluate(
                            "String([...document.querySelectorAll('details')].map(d => d.open = true).length)",
                        );
                        assert_ne!(opened, "0", "{}: no drift details to open", page.path);
                    }
                    let place = format!(
                        "{}{}, {}, {width} px",
                        page.path,
                        if open { what } else { "" },
                        mode.name()
                    );
                    if matches!(mode, Mode::Light) {
                        layout_runs += 1;
                        let t = Instant::now();
                        let wide: Vec<String> =
                            serde_json::from_str(&tab.evaluate(LAYOUT)).unwrap();
                        times[1] += t.elapsed();
                        for problem in wide {
                            problems.add(format!("layout: {problem}"), place.clone());
                        }
                    }
                    if is_chosen {
                        axe_runs += 1;
                        let t = Instant::now();
                        let violations: Vec<String> =
                            serde_json::from_str(&tab.evaluate(AXE_RUN)).unwrap();
                        times[2] += t.elapsed();
                        for violation in violations {
                            problems.add(format!("axe: {violation}"), place.clone());
                        }
                    }
                }
            }
            tab.call(
                "Page.removeScriptToEvaluateOnNewDocument",
                serde_json::json!({"identifier": script["identifier"]}),
            );
        }
    }
    drop(browser);
    let browser_time = started.elapsed();
    let (files, errors) = finish_vnu(vnu, out);
    for (place, error) in errors {
        problems.add(format!("vnu: {error}"), place);
    }

    // What was checked.
    let mut table = format!("{name}: {}\n", out.display());
    let _ = writeln!(
        table,
        "vnu: {files} HTML files; layout: {layout_runs} page views (every page, {} widths); axe: {axe_runs} runs ({} modes × {} widths); {:.1} s",
        WIDTHS.len(),
        MODES.len(),
        WIDTHS.len(),
        started.elapsed().as_secs_f64(),
    );
    let _ = writeln!(
        table,
        "browser: {:.1} s (loading pages {:.1} s, layout {:.1} s, axe {:.1} s)",
        browser_time.as_secs_f64(),
        times[0].as_secs_f64(),
        times[1].as_secs_f64(),
        times[2].as_secs_f64()
    );
    let _ = writeln!(
        table,
        "axe on each page below × {} × {} (outdated pages twice: drift details closed, open; home pages twice: search closed, showing results):",
        MODES.map(Mode::name).join(", "),
        WIDTHS.map(|(w, h)| format!("{w}×{h}")).join(", "),
    );
    // Each page as its path in the language's folder, without `index.html`.
    let cell = |lang: usize, kind: Kind| {
        chosen.get(&(lang, kind)).map_or("-".to_string(), |p| {
            let path = p.path.strip_prefix(&format!("{}/", langs[lang]));
            let path = path.unwrap_or(&p.path);
            format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
        })
    };
    let kinds: std::collections::BTreeSet<Kind> = chosen.keys().map(|(_, k)| *k).collect();
    let width = kinds
        .iter()
        .flat_map(|k| (0..langs.len()).map(|l| cell(l, *k).chars().count()))
        .max()
        .unwrap_or(0)
        + 2;
    let _ = write!(table, "{:<20}", "page type");
    for lang in &langs {
        let _ = write!(table, "{lang:<width$}");
    }
    table.push('\n');
    for kind in kinds {
        let _ = write!(table, "{:<20}", kind.name());
        for lang in 0..langs.len() {
            let _ = write!(table, "{:<width$}", cell(lang, kind));
        }
        table.push('\n');
    }
    println!("{table}");
    assert!(
        problems.seen.is_empty(),
        "{table}\n{} problems:\n{}",
        problems.seen.len(),
        problems.report()
    );
}

/// A running vnu, and a page it must find fault with: a check that it checked.
struct Vnu {
    child: Child,
    canary: tempfile::TempDir,
}

/// `java -jar vnu.jar` on the whole output folder (and the canary page), started now.
fn start_vnu(tools: &Tools, out: &Path) -> Vnu {
    let canary = tempfile::tempdir().unwrap();
    std::fs::write(
        canary.path().join("canary.html"),
        "<!DOCTYPE html><html lang=\"en\"><title>c</title><p><img src=\"x.png\"></p>",
    )
    .unwrap();
    let child = Command::new(&tools.java)
        .arg("-jar")
        .arg(&tools.vnu)
        .args([
            "--errors-only",
            "--skip-non-html",
            "--exit-zero-always",
            "--format",
            "json",
        ])
        .arg(out)
        .arg(canary.path().join("canary.html"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start java");
    Vnu { child, canary }
}

/// The number of HTML files, and each vnu error: `file:line:column`, and the message.
fn finish_vnu(vnu: Vnu, out: &Path) -> (usize, Vec<(String, String)>) {
    let output = vnu.child.wait_with_output().expect("run vnu");
    let report = String::from_utf8_lossy(&output.stderr);
    let parsed: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| {
        panic!(
            "vnu did not answer in JSON ({e}); exit {:?}:\n{report}\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    let prefix = format!("file:{}/", out.display());
    let canary = format!("file:{}/canary.html", vnu.canary.path().display());
    let mut canary_seen = false;
    let mut errors = Vec::new();
    for m in parsed["messages"].as_array().expect("messages") {
        let url = m["url"].as_str().unwrap_or_default();
        if url == canary {
            canary_seen |= m["message"].as_str().unwrap_or_default().contains("alt");
            continue;
        }
        let file = url.strip_prefix(&prefix).unwrap_or(url);
        let place = format!("{file}:{}:{}", m["lastLine"], m["firstColumn"]);
        let message = format!(
            "{} ({}) `{}`",
            m["message"].as_str().unwrap_or_default(),
            m["type"].as_str().unwrap_or_default(),
            m["extract"].as_str().unwrap_or_default().trim()
        );
        errors.push((place, message));
    }
    assert!(
        canary_seen,
        "vnu did not find the missing alt text of the canary page: did it check anything?\n{report}"
    );
    let files = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    (files, errors)
}
