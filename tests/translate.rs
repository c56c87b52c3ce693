//! `naskah translate` on real sites in temp dirs, with the offline `pseudo` engine:
//! only what changed in the source is rewritten, in every target language, and the
//! result is in sync.

mod support;

use support::TestSite;

const CONFIG: &str = r#"title = "Uji"

[languages.id]
name = "Bahasa Indonesia"
[languages.en]
name = "English"
[languages.zh]
name = "中文"
[languages.ja]
name = "日本語"
[languages.ar]
name = "العربية"
[languages.fr]
name = "Français"
"#;

const SOURCE: &str = "+++
title = \"Menolak\"
+++
## Sebelum mulai {#sebelum}

Masuk ke akun Anda dulu.

- Satu akun saja.
- Berlaku di web dan aplikasi.

## Lewat web {#web}

Buka [Pengaturan](pengaturan.md) lalu jalankan `naskah build` dalam 7 hari.

```sh
naskah build
```

## Catatan lama {#lama}

Bagian ini akan dihapus.

## Penutup {#penutup}

Terima kasih.
";

/// The source after an edit: a changed paragraph (with a link and code), an added list
/// item, a removed section, a renamed heading that keeps its id, and changed code.
const EDITED: &str = "+++
title = \"Menolak\"
+++
## Sebelum memulai {#sebelum}

Masuk ke akun Anda dulu.

- Satu akun saja.
- Berlaku di web dan aplikasi.
- Ulangi untuk setiap akun.

## Lewat web {#web}

Buka [Pengaturan privasi](pengaturan.md) lalu jalankan `naskah build --all` dalam 3 hari.

```sh
naskah build --all
```

## Penutup {#penutup}

Terima kasih.
";

/// A translation's text per language: (heading 1, intro, item 1, item 2, heading 2,
/// paragraph, heading 3, old paragraph, heading 4, closing). The intro is a human
/// correction that must survive.
fn translation(lang: &str) -> String {
    let t: [&str; 10] = match lang {
        "en" => [
            "Before you start",
            "Sign in to your account first (checked by a reviewer).",
            "One account only.",
            "Applies on web and app.",
            "On the web",
            "Open [Settings](pengaturan.md) and run `naskah build` within 7 days.",
            "Old note",
            "This part will be removed.",
            "Closing",
            "Thank you.",
        ],
        "zh" => [
            "开始之前",
            "请先登录您的账户（已由审校确认）。",
            "仅限一个账户。",
            "适用于网页和应用。",
            "通过网页",
            "打开[设置](pengaturan.md)，并在 7 天内运行 `naskah build`。",
            "旧说明",
            "这一部分将被删除。",
            "结语",
            "谢谢。",
        ],
        "ja" => [
            "始める前に",
            "まずアカウントにログインしてください（校閲済み）。",
            "アカウントは一つだけ。",
            "ウェブとアプリに適用されます。",
            "ウェブで",
            "[設定](pengaturan.md)を開き、7日以内に `naskah build` を実行します。",
            "古い注記",
            "この部分は削除されます。",
            "おわりに",
            "ありがとうございます。",
        ],
        "ar" => [
            "قبل البدء",
            "سجّل الدخول إلى حسابك أولاً (راجعه مدقق).",
            "حساب واحد فقط.",
            "ينطبق على الويب والتطبيق.",
            "عبر الويب",
            "افتح [الإعدادات](pengaturan.md) وشغّل `naskah build` خلال 7 أيام.",
            "ملاحظة قديمة",
            "سيُحذف هذا الجزء.",
            "الخاتمة",
            "شكراً لك.",
        ],
        _ => [
            "Avant de commencer",
            "Connectez-vous d’abord à votre compte (relu).",
            "Un seul compte.",
            "S’applique au web et à l’application.",
            "Sur le web",
            "Ouvrez [Paramètres](pengaturan.md) et lancez `naskah build` sous 7 jours.",
            "Ancienne note",
            "Cette partie sera supprimée.",
            "Conclusion",
            "Merci.",
        ],
    };
    format!(
        "+++\ntitle = \"T-{lang}\"\n+++\n## {} {{#sebelum}}\n\n{}\n\n- {}\n- {}\n\n## {} {{#web}}\n\n{}\n\n```sh\nnaskah build\n```\n\n## {} {{#lama}}\n\n{}\n\n## {} {{#penutup}}\n\n{}\n",
        t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]
    )
}

const LANGS: [&str; 5] = ["en", "zh", "ja", "ar", "fr"];

fn site() -> TestSite {
    let mut site = TestSite::empty()
        .file("naskah.toml", CONFIG)
        .file("content/index.md", "Halo.\n")
        .file("content/pengaturan.md", "Pengaturan.\n")
        .file("content/menolak.md", SOURCE);
    for lang in LANGS {
        site = site.file(&format!("content/menolak.{lang}.md"), &translation(lang));
    }
    support::drift_accept(site.root(), &["--all"]).success();
    site
}

fn read(site: &TestSite, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path)).unwrap()
}

fn translate(site: &TestSite, args: &[&str]) -> support::Run {
    let root = site.root().to_string_lossy().into_owned();
    let mut all = vec!["translate", "--root", root.as_str(), "--provider", "pseudo"];
    all.extend_from_slice(args);
    support::run(&all, &[])
}

#[test]
fn only_what_changed_in_the_source_is_translated_again_in_every_language() {
    let site = site();
    site.write("content/menolak.md", EDITED);
    translate(&site, &[]).success();
    for lang in LANGS {
        let old = translation(lang);
        let new = read(&site, &format!("content/menolak.{lang}.md"));
        let old_lines: Vec<&str> = old.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        // Kept byte for byte: the human-corrected intro, untouched items and headings.
        for kept in [5, 7, 8, 10, 22, 24] {
            assert!(
                new_lines.contains(&old_lines[kept]),
                "[{lang}] lost `{}`:\n{new}",
                old_lines[kept]
            );
        }
        // The renamed heading keeps its id; its text is the engine's.
        let heading = new_lines[3];
        assert!(
            heading.starts_with("## ⟦") || heading.starts_with("## \u{200F}⟦"),
            "[{lang}] {heading}"
        );
        assert!(heading.ends_with(" {#sebelum}"), "[{lang}] {heading}");
        // The added item follows the last one, as a list item.
        assert!(
            new_lines[9].starts_with("- ") && new_lines[9].contains("Úláñgí"),
            "[{lang}] {}",
            new_lines[9]
        );
        // The changed paragraph: new text, the link target and the code span kept.
        let paragraph = new_lines
            .iter()
            .find(|l| l.contains("Búká"))
            .expect("translated paragraph");
        assert!(
            paragraph.contains("](pengaturan.md)"),
            "[{lang}] {paragraph}"
        );
        assert!(
            paragraph.contains("`naskah build --all`"),
            "[{lang}] {paragraph}"
        );
        assert!(
            paragraph.contains('3') && !paragraph.contains('7'),
            "[{lang}] {paragraph}"
        );
        // Code is copied from the source; the removed section is gone.
        assert!(
            new.contains("```sh\nnaskah build --all\n```"),
            "[{lang}]\n{new}"
        );
        assert!(!new.contains("{#lama}"), "[{lang}]\n{new}");
        assert_eq!(
            new.matches("\n\n\n").count(),
            0,
            "[{lang}] no doubled blank lines:\n{new}"
        );
    }
    // Right to left: the Arabic text is marked so.
    assert!(read(&site, "content/menolak.ar.md").contains('\u{200F}'));
    // The lock says which engine wrote each translation; a person's accept clears it.
    let lock = read(&site, "naskah.lock");
    assert_eq!(
        lock.matches("engine = \"pseudo\"").count(),
        LANGS.len(),
        "{lock}"
    );
    support::drift_accept(site.root(), &["content/menolak.fr.md"]).success();
    let lock = read(&site, "naskah.lock");
    assert_eq!(lock.matches("engine = \"pseudo\"").count(), LANGS.len() - 1);
    // naskah check: every translation in sync, nothing to report.
    let (_, report) = support::drift_check(site.root(), &[]);
    let entries = support::drift_translations(&report);
    let menolak: Vec<_> = entries
        .iter()
        .filter(|e| e["document"] == "menolak")
        .collect();
    assert_eq!(menolak.len(), LANGS.len());
    for entry in menolak {
        assert_eq!(entry["status"], "in_sync", "{entry}");
        assert!(support::drift_findings(entry).is_empty(), "{entry}");
    }
    site.build().success();
}

#[test]
fn a_second_run_asks_the_engine_nothing_and_changes_nothing() {
    let site = site();
    site.write("content/menolak.md", EDITED);
    translate(&site, &[]).success();
    let before = support::snapshot(site.root());
    translate(&site, &[])
        .success()
        .stderr_has("nothing to translate: no outdated translation matches");
    assert_eq!(support::snapshot(site.root()), before);
    // The same edit made again (a revert, then the edit) comes from the cache.
    site.write("content/menolak.md", SOURCE);
    support::drift_accept(site.root(), &["--all"]).success();
    site.write("content/menolak.md", EDITED);
    translate(&site, &["--lang", "ja", "--dry-run"])
        .success()
        .stderr_has("0 characters to pseudo");
}

/// A translation written with CRLF line endings and a byte-order mark keeps both: what
/// is written ends its lines as the file does, and the bytes before the first change
/// are the file's own. (It came back with LF lines among CRLF ones and no mark.)
#[test]
fn a_crlf_translation_with_a_byte_order_mark_keeps_both() {
    let site = site();
    let file = "content/menolak.fr.md";
    let crlf = read(&site, file).replace('\n', "\r\n");
    std::fs::write(site.root().join(file), format!("\u{feff}{crlf}")).unwrap();
    support::drift_accept(site.root(), &["--all"]).success();
    site.write("content/menolak.md", EDITED);
    translate(&site, &["--lang", "fr"]).success();
    let after = std::fs::read(site.root().join(file)).unwrap();
    assert!(after.starts_with(b"\xEF\xBB\xBF"), "the mark is kept");
    let text = String::from_utf8(after).unwrap();
    let lone = text
        .match_indices('\n')
        .filter(|(at, _)| !text[..*at].ends_with('\r'));
    assert_eq!(lone.count(), 0, "every line ends in CRLF:\n{text:?}");
    let before = format!("\u{feff}{crlf}");
    assert_ne!(text, before, "the translation was updated");
    let kept = text.bytes().zip(before.bytes()).take_while(|(a, b)| a == b);
    assert!(
        kept.count() > 3 + "+++\r\n".len(),
        "the file's own bytes before the first change"
    );
}

#[test]
fn a_dry_run_prints_the_diff_and_writes_nothing() {
    let site = site();
    site.write("content/menolak.md", EDITED);
    let before = support::snapshot(site.root());
    let run = translate(&site, &["--dry-run", "--lang", "ar", "--lang", "fr"]);
    run.success()
        .stderr_has("would update content/menolak.ar.md [ar]: 2 translated, 1 added, 2 removed, 1 code blocks copied");
    assert!(
        run.stdout.contains("--- content/menolak.fr.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("-Cette partie sera supprimée."),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("menolak.ja.md"), "--lang narrows");
    assert_eq!(support::snapshot(site.root()), before);
}

#[test]
fn untracked_translations_are_left_alone_with_a_note() {
    let site = TestSite::empty()
        .file("naskah.toml", CONFIG)
        .file("content/index.md", "Halo.\n")
        .file("content/menolak.md", SOURCE)
        .file("content/menolak.en.md", &translation("en"));
    translate(&site, &[])
        .success()
        .stderr_has("untracked: nothing records which source")
        .stderr_has("naskah accept content/menolak.en.md");
    assert_eq!(read(&site, "content/menolak.en.md"), translation("en"));
}

#[test]
fn a_provider_naskah_does_not_have_is_a_usage_error() {
    let site = site();
    let root = site.root().to_string_lossy().into_owned();
    support::run(
        &["translate", "--root", &root, "--provider", "babelfish"],
        &[],
    )
    .failure(2)
    .stderr_has("unknown translation provider `babelfish`")
    .stderr_has("available: pseudo");
    support::run(&["translate", "--root", &root], &[])
        .failure(2)
        .stderr_has("no translation provider");
}

#[test]
fn missing_translations_are_created_whole_and_recorded() {
    let site = TestSite::empty()
        .file("naskah.toml", CONFIG)
        .file("content/index.md", "Halo.\n")
        .file("content/pengaturan.md", "Pengaturan.\n")
        .file("content/menolak.md", SOURCE)
        .file("content/menolak.en.md", &translation("en"));
    support::drift_accept(site.root(), &["--all"]).success();
    translate(&site, &["--missing", "--lang", "ja", "--lang", "ar"]).success();
    for lang in ["ja", "ar"] {
        let text = read(&site, &format!("content/menolak.{lang}.md"));
        assert!(text.starts_with("+++\ntitle = \""), "{text}");
        assert!(text.contains("⟦Méñólák"), "the title is translated: {text}");
        assert!(
            text.contains(" {#sebelum}\n") && text.contains(" {#penutup}\n"),
            "{text}"
        );
        assert!(
            text.contains("```sh\nnaskah build\n```"),
            "code copied: {text}"
        );
        assert!(
            text.contains("](pengaturan.md)") && text.contains("`naskah build`"),
            "{text}"
        );
        assert!(
            !text.contains("Masuk ke akun"),
            "no source text left: {text}"
        );
    }
    assert!(
        !site.root().join("content/menolak.zh.md").exists(),
        "--lang narrows"
    );
    assert_eq!(
        read(&site, "content/menolak.en.md"),
        translation("en"),
        "existing kept"
    );
    let (_, report) = support::drift_check(site.root(), &[]);
    for lang in ["ja", "ar"] {
        assert_eq!(
            support::drift_entry(&report, "menolak", lang)["status"],
            "in_sync"
        );
    }
    site.build().success();
}

#[test]
fn glossary_terms_are_never_sent_and_come_back_as_configured() {
    let config = CONFIG.replace(
        "[languages.id]",
        "[translate.glossary]\nkeep = [\"Pengaturan privasi\"]\n[translate.glossary.terms.en]\n\"hari\" = \"days\"\n\n[languages.id]",
    );
    let site = site();
    site.write("naskah.toml", &config);
    site.write("content/menolak.md", EDITED);
    translate(&site, &["--lang", "en", "--lang", "fr"]).success();
    let en = read(&site, "content/menolak.en.md");
    assert!(
        en.contains("[Pengaturan privasi](pengaturan.md)"),
        "kept as written: {en}"
    );
    assert!(en.contains(" 3 days"), "the fixed translation: {en}");
    let fr = read(&site, "content/menolak.fr.md");
    assert!(fr.contains("[Pengaturan privasi](pengaturan.md)"), "{fr}");
    assert!(fr.contains("3 hárí"), "terms are per language: {fr}");
    site.write(
        "naskah.toml",
        &config.replace("glossary.terms.en]", "glossary.terms.de]"),
    );
    translate(&site, &[])
        .failure(2)
        .stderr_has("[translate.glossary.terms.de] names a language the site does not have");
}

#[test]
fn code_comments_are_translated_when_asked_and_the_code_never_is() {
    let config = CONFIG.replace(
        "[languages.id]",
        "[translate]\ntranslate_code_comments = true\n\n[languages.id]",
    );
    let site = site();
    site.write("naskah.toml", &config);
    site.write(
        "content/menolak.md",
        &EDITED.replace(
            "```sh\nnaskah build --all\n```",
            "```sh\n# bangun situs \"semua\"\nnaskah build --all # sekali saja\necho \"# bukan komentar\"\n```",
        ),
    );
    translate(&site, &["--lang", "en"]).success();
    let en = read(&site, "content/menolak.en.md");
    assert!(
        en.contains("```sh\n# ⟦báñgúñ sítús \"sémúá\" ······⟧\nnaskah build --all # ⟦sékálí sájá ····⟧\necho \"# bukan komentar\"\n```"),
        "{en}"
    );
    let (_, report) = support::drift_check(site.root(), &[]);
    assert_eq!(
        support::drift_entry(&report, "menolak", "en")["status"],
        "in_sync"
    );
}
