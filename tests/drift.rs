//! Translation drift, end to end: `naskah accept` then `naskah check` on fixture sites.
//!
//! Every scenario states the translation's status and its findings exactly: the kind,
//! the line in the translation and the line in the source, and that nothing else is
//! reported (precision). The fixture is a realistic Indonesian help article with
//! faithful English, Arabic (RTL, Arabic-Indic digits), Japanese and French
//! translations. The source wraps its paragraphs over several lines and the
//! translations do not, so a translation line is never equal to its source line by
//! accident.

mod support;

use support::ekspor::{AR, EN, ID, JA};

use serde_json::Value;
use support::{
    DriftFinding, Run, TestSite, drift_accept, drift_check, drift_entry, drift_findings,
    drift_translations, end_line, line_of,
};

const DOC: &str = "bantuan/ekspor";
const SOURCE: &str = "content/bantuan/ekspor.md";

const FR: &str = "\
# Exporter les données de votre compte {#ekspor-data}

Vous pouvez télécharger une copie des données de votre compte à tout moment. L'archive contient votre profil, vos relations et vos messages dans un format *lisible par machine*.

## Avant de commencer {#sebelum-memulai}

- Vérifiez que vous êtes connecté au compte dont vous souhaitez télécharger les données.
- Libérez au moins 2 Go d'espace de stockage sur votre appareil.
- L'archive ne peut être téléchargée que depuis un navigateur, pas depuis l'application mobile.

## Demander une archive {#meminta-arsip}

Ouvrez **Paramètres et confidentialité**, puis sélectionnez *Télécharger vos données*. Lisez aussi le [guide de confidentialité](privasi.md) avant de continuer.

L'archive est généralement prête sous 7 jours. Nous envoyons un lien de téléchargement à votre adresse e-mail principale, et ce lien reste valable 1 000 minutes.

Si vous gérez votre propre site de documentation, vous pouvez aussi créer l'archive en ligne de commande :

```sh
naskah build
```

## Limites de taille {#batas-ukuran}

Chaque type de données a sa propre limite de taille :

| Type de données | Limite |
|---|---|
| Messages | 1 000,5 Mo |
| Photos et vidéos | 500 Mo |

Depuis le 3 novembre 2025, les archives plus volumineuses sont divisées en plusieurs fichiers. Plus d'informations sont disponibles dans le [centre d'aide](https://example.com/a).
";

/// The page the fixture links to, so that the site has no broken links.
const PRIVASI: &str = "# Panduan privasi {#privasi}\n\nKami menjaga data pribadi Anda.\n";

/// A site with a CJK language, for the Japanese variants.
const CJK_CONFIG: &str = "\
title = \"Uji\"

[languages.id]
name = \"Bahasa Indonesia\"

[languages.en]
name = \"English\"

[languages.ja]
name = \"日本語\"
";

/// A source page and its translation into one language, on disk, edited step by step.
struct Scenario {
    site: TestSite,
    lang: &'static str,
    source: String,
    translation: String,
}

impl Scenario {
    /// `content/bantuan/ekspor.md` and its English translation, in a site with the
    /// default test config (id, en, ar, fr).
    fn new(source: &str, translation: &str) -> Self {
        let scenario = Scenario {
            site: TestSite::new().file("content/bantuan/privasi.md", PRIVASI),
            lang: "en",
            source: source.to_string(),
            translation: translation.to_string(),
        };
        scenario.site.write(SOURCE, source);
        scenario.site.write(&scenario.file(), translation);
        scenario
    }

    /// Replaces `naskah.toml`.
    fn config(self, toml: &str) -> Self {
        self.site.write("naskah.toml", toml);
        self
    }

    /// Makes the translation one into `lang` instead.
    fn lang(mut self, lang: &'static str) -> Self {
        self.site.remove(&self.file());
        self.lang = lang;
        self.site.write(&self.file(), &self.translation);
        self
    }

    fn file(&self) -> String {
        format!("content/bantuan/ekspor.{}.md", self.lang)
    }

    /// `naskah accept content/bantuan/ekspor.LANG.md`.
    fn accept(self) -> Self {
        let file = self.file();
        let run = drift_accept(self.site.root(), &[&file]);
        assert_eq!(run.code, 0, "accept failed:\n{}", run.stderr);
        assert!(self.site.root().join("naskah.lock").is_file());
        self
    }

    fn edit_source(mut self, text: &str) -> Self {
        self.source = text.to_string();
        self.site.write(SOURCE, text);
        self
    }

    fn edit_translation(mut self, text: &str) -> Self {
        self.translation = text.to_string();
        self.site.write(&self.file(), text);
        self
    }

    /// Replaces the only occurrence of `from` in the source.
    fn replace_in_source(self, from: &str, to: &str) -> Self {
        let text = replace_once(&self.source, from, to);
        self.edit_source(&text)
    }

    /// Replaces the only occurrence of `from` in the translation.
    fn replace_in_translation(self, from: &str, to: &str) -> Self {
        let text = replace_once(&self.translation, from, to);
        self.edit_translation(&text)
    }

    /// `naskah check --format json`, reduced to this translation.
    fn check(&self) -> Checked {
        let (run, report) = drift_check(self.site.root(), &[]);
        let entry = drift_entry(&report, DOC, self.lang).clone();
        assert_eq!(entry["source"], SOURCE);
        assert_eq!(entry["file"], self.file().as_str());
        // Precision: no other translation of the site reports anything.
        for other in drift_translations(&report) {
            if other != &entry {
                assert_eq!(
                    other["findings"].as_array().map(Vec::len),
                    Some(0),
                    "unexpected findings elsewhere: {other:#}"
                );
            }
        }
        Checked {
            findings: drift_findings(&entry),
            entry,
            run,
            source: self.source.clone(),
            translation: self.translation.clone(),
        }
    }
}

#[track_caller]
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} is not unique");
    text.replacen(from, to, 1)
}

/// What `naskah check` said about one translation.
struct Checked {
    run: Run,
    entry: Value,
    findings: Vec<DriftFinding>,
    source: String,
    translation: String,
}

impl Checked {
    /// The line of the translation that holds `needle`.
    #[track_caller]
    fn t(&self, needle: &str) -> usize {
        line_of(&self.translation, needle)
    }

    /// The line of the source that holds `needle`.
    #[track_caller]
    fn s(&self, needle: &str) -> usize {
        line_of(&self.source, needle)
    }

    #[track_caller]
    fn status(&self, status: &str) -> &Self {
        assert_eq!(
            self.entry["status"], status,
            "status; findings: {:#?}",
            self.findings
        );
        self
    }

    /// The findings are exactly these `(kind, translation line, source line)`; the exit
    /// code follows (1 when an error is among them).
    #[track_caller]
    fn findings(&self, expected: &[(&str, usize, Option<usize>)]) -> &Self {
        let mut expected: Vec<(String, usize, Option<usize>)> = expected
            .iter()
            .map(|(k, l, s)| (k.to_string(), *l, *s))
            .collect();
        expected.sort();
        let actual: Vec<_> = self.findings.iter().map(DriftFinding::key).collect();
        assert_eq!(
            actual, expected,
            "findings (kind, line, source line) differ; all findings: {:#?}",
            self.findings
        );
        let errors = self.findings.iter().any(|f| f.severity == "error");
        assert_eq!(
            self.run.code,
            i32::from(errors),
            "exit code; stderr:\n{}",
            self.run.stderr
        );
        self
    }

    /// No finding at all.
    #[track_caller]
    fn clean(&self) -> &Self {
        self.findings(&[])
    }

    /// The message of the only finding of `kind`.
    #[track_caller]
    fn message(&self, kind: &str) -> &str {
        let found: Vec<&DriftFinding> = self.findings.iter().filter(|f| f.kind == kind).collect();
        assert_eq!(found.len(), 1, "one {kind} expected: {:#?}", self.findings);
        &found[0].message
    }
}

fn translation(lang: &str) -> &'static str {
    match lang {
        "en" => EN,
        "ar" => AR,
        "ja" => JA,
        "fr" => FR,
        _ => unreachable!(),
    }
}

/// The fixture pair for `lang`, in a site that has that language.
fn pair(lang: &'static str) -> Scenario {
    let scenario = Scenario::new(ID, translation(lang));
    match lang {
        "ja" => scenario.config(CJK_CONFIG).lang("ja"),
        "en" => scenario,
        other => scenario.lang(other),
    }
}

// --- Faithful translations, untracked: nothing to report -------------------------------

#[test]
fn faithful_translations_have_no_findings() {
    for lang in ["en", "ar", "fr", "ja"] {
        let c = pair(lang).check();
        c.status("untracked").clean();
        assert!(c.entry["accepted"].is_null());
    }
}

#[test]
fn accepted_translations_are_in_sync() {
    for lang in ["en", "ar", "fr", "ja"] {
        let c = pair(lang).accept().check();
        c.status("in_sync").clean();
        assert_eq!(c.entry["accepted"], "2025-11-29");
    }
}

// --- Provenance: accepted, then edited -------------------------------------------------

/// Scenario 1: emphasis style and reflow do not change a source segment.
#[test]
fn formatting_and_reflow_in_the_source_are_not_drift() {
    let reformatted = ID
        .replace("*dapat dibaca mesin*", "_dapat dibaca mesin_")
        .replace("*Unduh data Anda*", "_Unduh data Anda_")
        .replace("**Pengaturan & Privasi**", "__Pengaturan & Privasi__")
        .replace(
            "Anda dapat mengunduh salinan data akun Anda kapan saja. Arsip berisi profil,\nkoneksi, dan pesan Anda dalam format yang",
            "Anda dapat mengunduh salinan data akun Anda\nkapan saja. Arsip berisi profil, koneksi, dan pesan\nAnda dalam format yang",
        )
        .replace(
            "beberapa file.\nInformasi lebih lanjut",
            "beberapa file. Informasi lebih lanjut",
        );
    assert_ne!(reformatted, ID);
    let c = pair("en").accept().edit_source(&reformatted).check();
    c.status("in_sync").clean();
}

/// Scenario 2: two source paragraphs swap places (one with numbers and a link, one
/// without): moves are not drift.
#[test]
fn paragraph_reorder_in_the_source_is_not_drift() {
    let first = "Arsip biasanya siap dalam 7 hari. Kami mengirimkan tautan unduhan ke alamat\nemail utama Anda, dan tautan itu berlaku selama 1.000 menit.\n\n";
    let second = "Jika Anda mengelola situs dokumentasi sendiri, arsip juga dapat dibuat dari\nbaris perintah:\n\n";
    let swapped = replace_once(ID, &format!("{first}{second}"), &format!("{second}{first}"));
    let c = pair("en").accept().edit_source(&swapped).check();
    c.status("in_sync").clean();
}

/// Scenario 2b: a paragraph without numbers, code or links moved to another section.
#[test]
fn paragraph_moved_in_the_source_is_not_drift() {
    let first = "Anda dapat mengunduh salinan data akun Anda kapan saja. Arsip berisi profil,\nkoneksi, dan pesan Anda dalam format yang *dapat dibaca mesin*.\n\n";
    let moved = replace_once(ID, first, "").replacen("\n\n```sh", &format!("\n\n{first}```sh"), 1);
    assert_ne!(moved, ID);
    let c = pair("en").accept().edit_source(&moved).check();
    c.status("in_sync").clean();
}

/// Scenario 3: equivalent spellings of link targets are not drift.
#[test]
fn link_canonicalization_in_the_source_is_not_drift() {
    let c = pair("en")
        .accept()
        .replace_in_source("(./privasi.md)", "(privasi.md)")
        .replace_in_source("(https://Example.com/a/)", "(https://example.com/a)")
        .check();
    c.status("in_sync").clean();
}

/// Scenario 4: a typo fixed in the translation does not make a stale one current.
#[test]
fn typo_fix_in_the_translation_keeps_it_outdated() {
    let c = Scenario::new(ID, &replace_once(EN, "on your device.", "on your devcie."))
        .accept()
        .replace_in_source(
            "dari browser, tidak dari aplikasi seluler.",
            "dari browser di komputer, tidak dari aplikasi seluler.",
        )
        .replace_in_translation("on your devcie.", "on your device.")
        .check();
    c.status("outdated").findings(&[(
        "source-changed",
        c.t("The archive can only be downloaded"),
        Some(c.s("Arsip hanya dapat diunduh")),
    )]);
    assert_eq!(
        (c.t("The archive can only"), c.s("Arsip hanya dapat")),
        (9, 10)
    );
    assert!(c.message("source-changed").contains("its text changed"));
}

/// Scenario 5: a sentence appended to a source paragraph.
fn sentence_appended(lang: &'static str, needle: &str) {
    let c = pair(lang)
        .accept()
        .replace_in_source(
            "berlaku selama 1.000 menit.",
            "berlaku selama 1.000 menit. Anda akan menerima pemberitahuan saat arsip siap.",
        )
        .check();
    c.status("outdated").findings(&[(
        "source-changed",
        c.t(needle),
        Some(c.s("Arsip biasanya siap")),
    )]);
    assert!(c.message("source-changed").contains("its text changed"));
}

#[test]
fn sentence_appended_to_a_source_paragraph() {
    sentence_appended("en", "Archives are usually ready");
}

#[test]
fn sentence_appended_to_a_source_paragraph_arabic() {
    sentence_appended("ar", "يكون الأرشيف جاهزًا");
}

#[test]
fn sentence_appended_to_a_source_paragraph_japanese() {
    sentence_appended("ja", "アーカイブは通常7日以内");
}

/// Scenario 6a: a list item added to the source, reported where it belongs in the
/// translation.
#[test]
fn list_item_added_in_the_source() {
    let c = pair("en")
        .accept()
        .replace_in_source(
            "- Siapkan ruang",
            "- Gunakan koneksi internet yang stabil selama proses pengunduhan.\n- Siapkan ruang",
        )
        .check();
    c.status("outdated").findings(&[(
        "source-added",
        c.t("Free up at least 2 GB"),
        Some(c.s("Gunakan koneksi internet")),
    )]);
    assert!(c.message("source-added").contains("is not translated"));
}

/// Scenario 6b: a list item removed from the source, reported on the translated item
/// left over.
#[test]
fn list_item_removed_from_the_source() {
    let c = pair("en")
        .accept()
        .replace_in_source(
            "- Siapkan ruang penyimpanan kosong minimal 2 GB di perangkat Anda.\n",
            "",
        )
        .check();
    c.status("outdated")
        .findings(&[("source-removed", c.t("Free up at least 2 GB"), None)]);
    assert!(c.message("source-removed").contains("Siapkan ruang"));
}

/// Scenario 6c: the same in a list whose items have no numbers, code or links: still
/// reported on the translation of the removed item.
#[test]
fn list_item_removed_from_a_list_without_invariants() {
    let source = "\
# Membatalkan langganan {#membatalkan}

Ikuti langkah berikut untuk membatalkan langganan Premium Anda.

- Buka **Pengaturan & Privasi** lalu pilih menu **Langganan**.
- Klik **Batalkan langganan** dan ikuti petunjuk di layar.
- Akses Premium tetap aktif hingga akhir periode penagihan.
";
    let translation = "\
# Cancelling your subscription {#membatalkan}

Follow these steps to cancel your Premium subscription.

- Go to **Settings & Privacy** and select **Subscriptions**.
- Click **Cancel subscription** and follow the instructions on the screen.
- Premium access stays active until the end of the billing period.
";
    let c = Scenario::new(source, translation)
        .accept()
        .replace_in_source(
            "- Klik **Batalkan langganan** dan ikuti petunjuk di layar.\n",
            "",
        )
        .check();
    c.status("outdated")
        .findings(&[("source-removed", c.t("- Click **Cancel"), None)]);
}

/// Scenario 7: a heading renamed in the source.
#[test]
fn heading_renamed_in_the_source() {
    let c = pair("en")
        .accept()
        .replace_in_source(
            "## Meminta arsip {#meminta-arsip}",
            "## Meminta salinan arsip {#meminta-arsip}",
        )
        .check();
    c.status("outdated").findings(&[(
        "source-changed",
        c.t("## Requesting an archive"),
        Some(c.s("## Meminta salinan arsip")),
    )]);
}

/// Scenario 7a: the page title, written as a leading `# Heading`, renamed in the source.
#[test]
fn page_title_renamed_in_the_source() {
    let c = pair("en")
        .accept()
        .replace_in_source(
            "# Mengekspor data akun Anda {#ekspor-data}",
            "# Mengunduh arsip data akun Anda {#ekspor-data}",
        )
        .check();
    c.status("outdated")
        .findings(&[("source-changed", 1, Some(1))]);
}

/// Scenario 7b: the same with a front-matter title: tracked.
#[test]
fn front_matter_title_renamed_in_the_source() {
    let source = format!(
        "+++\ntitle = \"Mengekspor data akun Anda\"\n+++\n\n{}",
        &ID[ID.find("Anda dapat").unwrap()..]
    );
    let translation = format!(
        "+++\ntitle = \"Exporting your account data\"\n+++\n\n{}",
        &EN[EN.find("You can download").unwrap()..]
    );
    let c = Scenario::new(&source, &translation)
        .accept()
        .replace_in_source("title = \"Mengekspor", "title = \"Mengunduh")
        .check();
    c.status("outdated")
        .findings(&[("source-changed", 2, Some(2))]);
}

/// Scenario 8: a command changed in a code block: stale text and wrong code on the page.
#[test]
fn command_changed_in_a_source_code_block() {
    let c = pair("en")
        .accept()
        .replace_in_source("naskah build\n", "naskah build --out public\n")
        .check();
    let (t, s) = (c.t("```sh") + 1, c.s("```sh") + 1);
    assert_eq!((c.t("naskah build"), c.s("naskah build")), (t, s));
    // A code block's position is its opening fence.
    c.status("outdated").findings(&[
        ("source-changed", t - 1, Some(s - 1)),
        ("code-mismatch", t - 1, Some(s - 1)),
    ]);
    assert!(
        c.message("code-mismatch")
            .contains("naskah build --out public")
    );
}

/// Scenario 9: numbers changed in Indonesian notation.
fn number_changed(lang: &'static str, needle: &str) {
    let c = pair(lang)
        .accept()
        .replace_in_source("dalam 7 hari.", "dalam 14 hari.")
        .replace_in_source("selama 1.000 menit.", "selama 1.500 menit.")
        .check();
    let (t, s) = (c.t(needle), c.s("Arsip biasanya siap"));
    c.status("outdated").findings(&[
        ("source-changed", t, Some(s)),
        ("number-mismatch", t, Some(s)),
    ]);
    assert!(c.message("source-changed").contains("mechanical"));
    let numbers = c.message("number-mismatch");
    assert!(
        numbers.contains("`14`") && numbers.contains("`1500`"),
        "{numbers}"
    );
}

#[test]
fn number_changed_in_the_source() {
    number_changed("en", "Archives are usually ready");
}

#[test]
fn number_changed_in_the_source_arabic() {
    number_changed("ar", "يكون الأرشيف جاهزًا");
}

#[test]
fn number_changed_in_the_source_japanese() {
    number_changed("ja", "アーカイブは通常7日以内");
}

/// Scenario 9 (control): the same values in each language's notation are not a mismatch:
/// id `1.000,5`, en `1,000.5`, fr `1 000,5`, ar `١٠٠٠٫٥`, ja `1,000.5`; Arabic-Indic
/// `١٬٠٠٠`; `3 November 2025` = `3 novembre 2025` = `٣ نوفمبر ٢٠٢٥` = `2025年11月3日`.
#[test]
fn equal_numbers_in_each_notation_are_not_a_mismatch() {
    let checks = [
        ("en", "1,000.5 MB", "1,000.6 MB"),
        ("fr", "1 000,5 Mo", "1 000,6 Mo"),
        ("ar", "١٠٠٠٫٥ ميغابايت", "١٠٠٠٫٦ ميغابايت"),
        ("ja", "1,000.5 MB", "1,000.6 MB"),
    ];
    for (lang, cell, _) in checks {
        let c = pair(lang).accept().check();
        assert!(c.translation.contains(cell));
        c.status("in_sync").clean();
    }
    // And a value that really differs is caught in every notation.
    for (lang, cell, wrong) in checks {
        let c = pair(lang).replace_in_translation(cell, wrong).check();
        c.status("untracked")
            .findings(&[("number-mismatch", c.t(wrong), Some(c.s("| Pesan |")))]);
    }
}

/// Scenario 10: a link target changed in the source: a mechanical update.
#[test]
fn url_changed_in_the_source() {
    let c = pair("en")
        .accept()
        .replace_in_source("(https://Example.com/a/)", "(/b)")
        .check();
    let (t, s) = (c.t("Since 3 November 2025"), c.s("Sejak 3 November 2025"));
    c.status("outdated").findings(&[
        ("source-changed", t, Some(s)),
        ("link-mismatch", t, Some(s)),
    ]);
    assert!(c.message("source-changed").contains("mechanical"));
}

// --- Structure and invariants without a record -----------------------------------------

/// Scenario 11: a paragraph deleted from the translation.
fn paragraph_deleted(lang: &'static str, deleted: &str, next: &str) {
    let text = translation(lang);
    let start = text.find(deleted).expect("paragraph");
    let end = start + text[start..].find("\n\n").expect("paragraph end") + 2;
    let shortened = format!("{}{}", &text[..start], &text[end..]);
    let c = pair(lang).edit_translation(&shortened).check();
    c.status("untracked").findings(&[(
        "missing-segment",
        c.t(next),
        Some(c.s("Arsip biasanya siap")),
    )]);
}

#[test]
fn paragraph_deleted_in_the_translation() {
    paragraph_deleted("en", "Archives are usually ready", "If you run your own");
}

#[test]
fn paragraph_deleted_in_the_translation_arabic() {
    paragraph_deleted("ar", "يكون الأرشيف جاهزًا", "إذا كنت تدير موقع");
}

#[test]
fn paragraph_deleted_in_the_translation_japanese() {
    paragraph_deleted("ja", "アーカイブは通常7日以内", "独自のドキュメントサイト");
}

/// Scenario 12: a translation cut short: every source segment of the lost section is
/// missing, reported at the end of the translation.
#[test]
fn truncated_translation() {
    let cut = &EN[..EN.find("## Size limits").unwrap()];
    let c = pair("en").edit_translation(cut).check();
    let end = end_line(cut);
    let missing = |needle: &str| ("missing-segment", end, Some(c.s(needle)));
    c.status("untracked").findings(&[
        missing("## Batas ukuran"),
        missing("Setiap jenis data"),
        // Table cells, two per row (the header row included).
        missing("| Jenis data |"),
        missing("| Jenis data |"),
        missing("| Pesan |"),
        missing("| Pesan |"),
        missing("| Foto dan video |"),
        missing("| Foto dan video |"),
        missing("Sejak 3 November 2025"),
    ]);
}

/// Scenario 12b: a translation cut after its first paragraph: every later source
/// segment is missing, and nothing else is wrong.
#[test]
fn translation_truncated_after_the_first_paragraph() {
    let cut = &EN[..EN.find("## Before you start").unwrap()];
    let c = pair("en").edit_translation(cut).check();
    let end = end_line(cut);
    let source_segments = [
        "## Sebelum memulai",
        "- Pastikan Anda",
        "- Siapkan ruang",
        "- Arsip hanya",
        "## Meminta arsip",
        "Buka **Pengaturan",
        "Arsip biasanya siap",
        "Jika Anda mengelola",
        "```sh",
        "## Batas ukuran",
        "Setiap jenis data",
        "| Jenis data |",
        "| Jenis data |",
        "| Pesan |",
        "| Pesan |",
        "| Foto dan video |",
        "| Foto dan video |",
        "Sejak 3 November 2025",
    ];
    let expected: Vec<(&str, usize, Option<usize>)> = source_segments
        .iter()
        .map(|n| ("missing-segment", end, Some(c.s(n))))
        .collect();
    c.status("untracked").findings(&expected);
}

/// Scenario 12c: a translation cut after its second paragraph, in a site where it is
/// the only English page or one of two.
fn truncated_two_step(with_another_translated_page: bool) -> Checked {
    let source = "\
# Verifikasi dua langkah {#verifikasi}

Verifikasi dua langkah melindungi akun Anda meskipun kata sandi Anda diketahui orang lain.

Kami menyarankan **aplikasi autentikator**, karena kode SMS dapat tertunda atau dicegat.

## Jika Anda kehilangan perangkat {#kehilangan-perangkat}

Gunakan salah satu kode cadangan Anda untuk masuk. Setiap kode hanya dapat digunakan satu kali.

Jika Anda tidak lagi memiliki kode cadangan, kirim email ke tim keamanan kami dari alamat email utama akun Anda. Baca juga [cara mengekspor data akun](ekspor.md) sebelum menghapus perangkat lama.
";
    let translation = "\
# Two-step verification {#verifikasi}

Two-step verification protects your account even if someone else learns your password.

We recommend an **authenticator app**, because SMS codes can be delayed or intercepted.
";
    let s = Scenario::new(ID, EN);
    s.site.write("content/bantuan/dua-langkah.md", source);
    s.site
        .write("content/bantuan/dua-langkah.en.md", translation);
    if !with_another_translated_page {
        s.site.remove("content/bantuan/ekspor.en.md");
    }
    let (run, report) = drift_check(s.site.root(), &[]);
    let entry = drift_entry(&report, "bantuan/dua-langkah", "en").clone();
    Checked {
        findings: drift_findings(&entry),
        entry,
        run,
        source: source.to_string(),
        translation: translation.to_string(),
    }
}

fn truncated_two_step_expected(c: &Checked) -> Vec<(&'static str, usize, Option<usize>)> {
    let end = end_line(&c.translation);
    [
        "## Jika Anda kehilangan",
        "Gunakan salah satu",
        "Jika Anda tidak lagi",
    ]
    .iter()
    .map(|n| ("missing-segment", end, Some(c.s(n))))
    .collect()
}

#[test]
fn truncated_translation_keeps_what_is_left_aligned() {
    // The only English page of its site, and one of two.
    for with_another_translated_page in [false, true] {
        let c = truncated_two_step(with_another_translated_page);
        c.status("untracked")
            .findings(&truncated_two_step_expected(&c));
    }
}

/// Scenario 13: a paragraph left in Indonesian.
fn untranslated(lang: &'static str, paragraph: &str) {
    let text = translation(lang);
    let line = text.lines().find(|l| l.starts_with(paragraph)).unwrap();
    let indonesian = "Jika Anda mengelola situs dokumentasi sendiri, arsip juga dapat dibuat dari baris perintah:";
    let c = pair(lang).replace_in_translation(line, indonesian).check();
    c.status("untracked").findings(&[(
        "untranslated",
        c.t("Jika Anda mengelola"),
        Some(c.s("Jika Anda mengelola")),
    )]);
}

#[test]
fn paragraph_left_untranslated() {
    untranslated("en", "If you run your own");
}

#[test]
fn paragraph_left_untranslated_arabic() {
    untranslated("ar", "إذا كنت تدير موقع");
}

#[test]
fn paragraph_left_untranslated_japanese() {
    untranslated("ja", "独自のドキュメントサイト");
}

/// Scenario 14: a wrong number in an untracked translation.
#[test]
fn wrong_number_in_the_translation() {
    let c = pair("en")
        .replace_in_translation("within 7 days", "within 5 days")
        .check();
    c.status("untracked").findings(&[(
        "number-mismatch",
        c.t("within 5 days"),
        Some(c.s("dalam 7 hari")),
    )]);
    let message = c.message("number-mismatch");
    assert!(
        message.contains("`7`") && message.contains("`5`"),
        "{message}"
    );
}

/// A translation heading one level off: heading-structure, at both headings.
#[test]
fn heading_level_differs_in_the_translation() {
    let c = pair("en")
        .replace_in_translation("## Size limits", "### Size limits")
        .check();
    c.status("untracked").findings(&[(
        "heading-structure",
        c.t("### Size limits"),
        Some(c.s("## Batas ukuran")),
    )]);
}

/// The title heading demoted in the translation.
#[test]
fn title_heading_level_differs_in_the_translation() {
    let c = pair("en")
        .replace_in_translation("# Exporting", "## Exporting")
        .check();
    c.status("untracked")
        .findings(&[("heading-structure", 1, Some(1))]);
}

/// A translator's note with no counterpart in the source.
#[test]
fn extra_paragraph_in_the_translation() {
    let c = pair("en")
        .replace_in_translation(
            "\n## Before you start",
            "\nTranslator's note: this page was last reviewed before the latest system update.\n\n## Before you start",
        )
        .check();
    c.status("untracked")
        .findings(&[("extra-segment", c.t("Translator's note"), None)]);
}

/// A translator's note after a short paragraph of a Japanese translation.
#[test]
fn extra_paragraph_in_the_translation_japanese() {
    let c = pair("ja")
        .replace_in_translation(
            "データの種類ごとにサイズの上限があります。\n",
            "データの種類ごとにサイズの上限があります。\n\n翻訳者注：このページは、システムの最新の更新前に最後に確認されました。\n",
        )
        .check();
    c.status("untracked")
        .findings(&[("extra-segment", c.t("翻訳者注"), None)]);
}

/// A URL written in the text (not a link) changed in the translation.
#[test]
fn url_in_text_differs_in_the_translation() {
    let source = ID.replace(
        "Setiap jenis data memiliki batas ukuran tersendiri:",
        "Setiap jenis data memiliki batas ukuran tersendiri (lihat https://example.com/batas):",
    );
    let translation = EN.replace(
        "Each type of data has its own size limit:",
        "Each type of data has its own size limit (see https://example.com/limits):",
    );
    let c = Scenario::new(&source, &translation).check();
    c.status("untracked").findings(&[(
        "url-mismatch",
        c.t("Each type of data"),
        Some(c.s("Setiap jenis data")),
    )]);
}

/// CJK dates: `3 November 2025` = `2025年11月3日`; a wrong day is caught.
#[test]
fn japanese_dates_compare_as_values() {
    pair("ja").check().status("untracked").clean();
    let c = pair("ja")
        .replace_in_translation("2025年11月3日以降", "2025年11月13日以降")
        .check();
    c.status("untracked").findings(&[(
        "number-mismatch",
        c.t("2025年11月13日以降"),
        Some(c.s("Sejak 3 November 2025")),
    )]);
}

// --- Statuses ---------------------------------------------------------------------------

#[test]
fn missing_and_orphan_translations() {
    let s = pair("en").accept();
    s.site
        .write("content/bantuan/lama.fr.md", "# Ancienne page\n\nTexte.\n");
    let (run, report) = drift_check(s.site.root(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(drift_entry(&report, DOC, "en")["status"], "in_sync");
    for lang in ["ar", "fr"] {
        let entry = drift_entry(&report, DOC, lang);
        assert_eq!(entry["status"], "missing");
        assert!(entry["file"].is_null());
        assert_eq!(entry["source"], SOURCE);
        assert_eq!(entry["findings"], serde_json::json!([]));
    }
    let orphan = drift_entry(&report, "bantuan/lama", "fr");
    assert_eq!(orphan["status"], "orphan");
    assert_eq!(orphan["file"], "content/bantuan/lama.fr.md");
    assert!(orphan["source"].is_null());
    assert_eq!(report["source_language"], "id");
    // privasi has no translation at all; ekspor has en only; lama is a French orphan.
    let summary = &report["summary"];
    assert_eq!(summary["en"]["in_sync"], 1);
    assert_eq!(summary["en"]["missing"], 1);
    assert_eq!(summary["ar"]["missing"], 2);
    assert_eq!(summary["fr"]["missing"], 2);
    assert_eq!(summary["fr"]["orphan"], 1);
    assert!(summary.get("id").is_none());
}

// --- Output formats and options ---------------------------------------------------------

/// A site with one warning (a source change) in English and one error (a section
/// heading missing) in Arabic.
fn mixed() -> Scenario {
    let s = pair("en").accept();
    s.site.write(
        "content/bantuan/ekspor.ar.md",
        &AR.replace("## حدود الحجم {#batas-ukuran}\n\n", ""),
    );
    s.replace_in_source(
        "- Arsip hanya dapat diunduh dari browser",
        "- Arsip hanya dapat diunduh dari browser di komputer",
    )
}

fn check_raw(s: &Scenario, args: &[&str]) -> Run {
    let root = s.site.root().to_string_lossy().into_owned();
    let mut all = vec!["check", "--root", root.as_str()];
    all.extend_from_slice(args);
    support::run(&all, &[])
}

#[test]
fn gnu_format() {
    let s = mixed();
    let run = check_raw(&s, &["--format", "gnu"]);
    assert_eq!(run.code, 1, "an error is denied by default");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    // Reported where the heading belongs: before the next paragraph.
    let ar_line = line_of(AR, "لكل نوع من البيانات") - 2;
    assert!(
        lines[0].starts_with(&format!(
            "content/bantuan/ekspor.en.md:{}:1: warning: ",
            line_of(EN, "The archive can only")
        )) && lines[0].ends_with(" [source-changed]"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!(
            "content/bantuan/ekspor.ar.md:{ar_line}:1: error: "
        )) && lines[1].ends_with(" [missing-segment]"),
        "{}",
        lines[1]
    );
    for line in lines {
        let (location, rest) = line.split_once(": ").unwrap();
        let parts: Vec<&str> = location.split(':').collect();
        assert_eq!(parts.len(), 3, "{line}");
        assert!(parts[1].parse::<usize>().is_ok() && parts[2].parse::<usize>().is_ok());
        let (severity, _) = rest.split_once(": ").unwrap();
        assert!(["error", "warning", "info"].contains(&severity), "{line}");
    }
}

#[test]
fn sarif_format() {
    let s = mixed();
    let run = check_raw(&s, &["--format", "sarif"]);
    assert_eq!(run.code, 1);
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "naskah");
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run0["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["source-changed", "missing-segment"]);
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["warning", "error"]);
    for r in results {
        assert!(rules.contains(&r["ruleId"].as_str().unwrap()));
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize],
            r["ruleId"].as_str().unwrap()
        );
        let related = &r["relatedLocations"][0]["physicalLocation"];
        assert_eq!(related["artifactLocation"]["uri"], SOURCE);
    }
    let location = &results[1]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "content/bantuan/ekspor.ar.md"
    );
    assert_eq!(
        location["region"]["startLine"],
        line_of(AR, "لكل نوع من البيانات") - 2
    );
    assert_eq!(
        results[1]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        line_of(ID, "## Batas ukuran")
    );
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "content/bantuan/ekspor.en.md"
    );
    assert_eq!(
        location["region"]["startLine"],
        line_of(EN, "The archive can only")
    );
}

#[test]
fn human_format_shows_both_positions_and_a_word_diff() {
    let s = pair("en")
        .accept()
        .replace_in_source("dalam 7 hari.", "dalam 14 hari.");
    let run = check_raw(&s, &[]);
    assert_eq!(run.code, 0, "a number-mismatch is a warning");
    let (t, src) = (
        line_of(EN, "Archives are usually ready"),
        line_of(ID, "Arsip biasanya siap"),
    );
    for needle in [
        // Only a number changed: the source change is a note, the wrong number a warning.
        "info[source-changed]: ".to_string(),
        "warning[number-mismatch]: ".to_string(),
        format!("--> content/bantuan/ekspor.en.md:{t}:1 (en)"),
        format!("::: content/bantuan/ekspor.md:{src}:1 (source)"),
        "Arsip biasanya siap dalam [-7-]{+14+} hari.".to_string(),
        "en: 1 outdated, 1 missing — 0 errors, 1 warning, 1 note".to_string(),
    ] {
        assert!(
            run.stdout.contains(&needle),
            "{needle:?} not in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn deny_warnings_fails_on_warnings_only() {
    let s = pair("en").accept().replace_in_source(
        "- Arsip hanya dapat diunduh dari browser",
        "- Arsip hanya dapat diunduh dari browser di komputer",
    );
    let c = s.check();
    c.status("outdated");
    assert!(c.findings.iter().all(|f| f.severity == "warning"));
    assert!(!c.findings.is_empty());
    assert_eq!(check_raw(&s, &["--format", "json"]).code, 0);
    assert_eq!(check_raw(&s, &["--deny", "errors"]).code, 0);
    assert_eq!(check_raw(&s, &["--deny", "warnings"]).code, 1);
    assert_eq!(check_raw(&s, &["--deny", "info"]).code, 1);
}

#[test]
fn lang_filters_the_report() {
    let s = mixed();
    let (run, report) = drift_check(s.site.root(), &["--lang", "en"]);
    assert_eq!(run.code, 0, "the Arabic error is filtered out");
    let langs: Vec<&str> = drift_translations(&report)
        .iter()
        .map(|t| t["lang"].as_str().unwrap())
        .collect();
    assert!(!langs.is_empty());
    assert!(langs.iter().all(|l| *l == "en"), "{langs:?}");
    let (run, report) = drift_check(s.site.root(), &["--lang", "ar"]);
    assert_eq!(run.code, 1);
    assert!(
        drift_translations(&report)
            .iter()
            .all(|t| t["lang"] == "ar")
    );
    // Another language's problem (an orphan French file, a warning) neither shows nor
    // counts against --deny, and the summary sums the one language.
    s.site.write("content/yatim.fr.md", "Orphelin.\n");
    s.site
        .write("content/rusak.fr.md", "+++\ntitle = = 1\n+++\nCassé.\n");
    let (run, report) = drift_check(s.site.root(), &["--lang", "en", "--deny", "errors"]);
    assert!(
        !run.stderr.contains("yatim") && !run.stderr.contains("rusak"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        report["problems"].as_array().map(Vec::len),
        Some(0),
        "{report}"
    );
    let summarised: Vec<&String> = report["summary"].as_object().unwrap().keys().collect();
    assert_eq!(summarised, ["en"]);
    let (run, report) = drift_check(s.site.root(), &["--lang", "fr", "--deny", "errors"]);
    assert_eq!(run.code, 1);
    let problems = report["problems"].to_string();
    assert!(
        problems.contains("yatim.fr.md") && problems.contains("rusak.fr.md"),
        "{report}"
    );
    s.site.remove("content/yatim.fr.md");
    s.site.remove("content/rusak.fr.md");
    let root = s.site.root().to_string_lossy().into_owned();
    let bad = support::run(&["check", "--root", &root, "--lang", "id"], &[]);
    assert_eq!(bad.code, 2, "the source language is not a translation");
    bad.stderr_has("`id` is the source language, not a translation language")
        .stderr_has("--lang takes one of: en, ar, fr");
    let bad = support::run(&["check", "--root", &root, "--lang", "de"], &[]);
    assert_eq!(bad.code, 2);
    bad.stderr_has("`de` is not a language of this site");
}

#[test]
fn accept_with_nothing_selected_is_a_usage_error() {
    let s = pair("en");
    let run = drift_accept(s.site.root(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nothing to accept"), "{}", run.stderr);
    assert!(!s.site.root().join("naskah.lock").exists());
    // A language without translations selects nothing either.
    let run = drift_accept(s.site.root(), &["--lang", "fr", "--all"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // Accepting the source file records all its translations.
    let run = drift_accept(s.site.root(), &[SOURCE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s.check().status("in_sync").clean();
}

#[test]
fn accept_all_records_every_translation() {
    let s = pair("en");
    s.site.write("content/bantuan/ekspor.ar.md", AR);
    let run = drift_accept(s.site.root(), &["--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, report) = drift_check(s.site.root(), &[]);
    assert_eq!(drift_entry(&report, DOC, "en")["status"], "in_sync");
    assert_eq!(drift_entry(&report, DOC, "ar")["status"], "in_sync");
}

/// Repeated texts (table cells such as "Ya", identical list items) share a fingerprint;
/// each occurrence must keep its own place when aligning against the recorded order.
#[test]
fn repeated_texts_stay_in_place_after_acceptance() {
    let site = support::TestSite::new()
        .file(
            "content/tabel.md",
            "+++\ntitle = \"Tabel\"\n+++\n| Data | Dipakai? |\n|---|---|\n| Profil publik | Ya |\n| Komentar publik | Ya |\n| Pesan pribadi | Tidak |\n| Data gaji | Tidak |\n\n- Klik **Simpan**.\n- Buka menu.\n- Klik **Simpan**.\n",
        )
        .file(
            "content/tabel.en.md",
            "+++\ntitle = \"Table\"\n+++\n| Data | Used? |\n|---|---|\n| Public profile | Yes |\n| Public comments | Yes |\n| Private messages | No |\n| Salary data | No |\n\n- Click **Save**.\n- Open the menu.\n- Click **Save**.\n",
        );
    support::drift_accept(site.root(), &["--all"]).success();
    let (run, report) = support::drift_check(site.root(), &[]);
    run.success();
    let entry = support::drift_entry(&report, "tabel", "en");
    assert_eq!(entry["status"], "in_sync");
    assert_eq!(
        entry["findings"].as_array().map(Vec::len),
        Some(0),
        "{entry:#}"
    );
}

// --- Real translations: what translators rightly change is not drift --------------------
//
// Each family below was a false alarm on real translations nobody here wrote (see
// `benches/drift_real/`). Each test checks both directions, in Latin, CJK and Arabic
// script: what a translator may change is quiet, and a real change is still caught.

/// Every script the families are tested in.
const SCRIPTS_CONFIG: &str = "\
title = \"Uji\"

[languages.id]
name = \"Bahasa Indonesia\"
[languages.en]
name = \"English\"
[languages.fr]
name = \"Français\"
[languages.ja]
name = \"日本語\"
[languages.zh]
name = \"中文\"
[languages.ko]
name = \"한국어\"
[languages.ar]
name = \"العربية\"
";

/// `naskah check` (untracked) on `content/p.md` and its translations: the findings
/// of each translation, in the order given.
fn untracked(source: &str, translations: &[(&str, &str)]) -> Vec<(String, Vec<DriftFinding>)> {
    let mut site = TestSite::empty()
        .file("naskah.toml", SCRIPTS_CONFIG)
        .file("content/p.md", source);
    for (lang, text) in translations {
        site = site.file(&format!("content/p.{lang}.md"), text);
    }
    let (_, report) = drift_check(site.root(), &[]);
    translations
        .iter()
        .map(|(lang, _)| {
            let entry = drift_entry(&report, "p", lang);
            (lang.to_string(), drift_findings(entry))
        })
        .collect()
}

/// Every translation is quiet (no finding at all).
#[track_caller]
fn all_quiet(source: &str, translations: &[(&str, &str)]) {
    for (lang, findings) in untracked(source, translations) {
        assert!(findings.is_empty(), "{lang}: {findings:#?}");
    }
}

/// Every translation has exactly one finding, of `kind` and `severity`.
#[track_caller]
fn each_flags(source: &str, translations: &[(&str, &str)], kind: &str, severity: &str) {
    for (lang, findings) in untracked(source, translations) {
        let found: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.kind.as_str(), f.severity.as_str()))
            .collect();
        assert_eq!(found, [(kind, severity)], "{lang}: {findings:#?}");
    }
}

const CODE_ID: &str = "# Pod\n\nBuat pod dengan perintah ini:\n\n```sh\n# Buat pod dari berkas\nkubectl apply -f pod.yaml  # terapkan\n```\n\nAtau dengan YAML:\n\n```yaml\n# nama pod\nname: web # wajib\n```\n";

fn code_translations(apply: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "en",
            format!(
                "# Pod\n\nCreate the pod with this command:\n\n```sh\n# Create the pod from a file\nkubectl {apply} -f pod.yaml  # apply it\n```\n\nOr with YAML:\n\n```yaml\n# pod name\nname: web # required\n```\n"
            ),
        ),
        (
            "ko",
            format!(
                "# 파드\n\n이 명령으로 파드를 생성한다.\n\n```sh\n# 파일로 파드를 생성한다\nkubectl {apply} -f pod.yaml  # 적용한다\n```\n\n또는 YAML로:\n\n```yaml\n# 파드 이름\nname: web # 필수\n```\n"
            ),
        ),
        (
            "zh",
            format!(
                "# Pod\n\n使用此命令创建 Pod：\n\n```sh\n# 从文件创建 Pod\nkubectl {apply} -f pod.yaml  # 应用\n```\n\n或者使用 YAML：\n\n```yaml\n# Pod 名称\nname: web # 必填\n```\n"
            ),
        ),
        (
            "ar",
            format!(
                "# الحاوية\n\nأنشئ الحاوية بهذا الأمر:\n\n```sh\n# أنشئ الحاوية من ملف\nkubectl {apply} -f pod.yaml  # طبّقه\n```\n\nأو باستخدام YAML:\n\n```yaml\n# اسم الحاوية\nname: web # مطلوب\n```\n"
            ),
        ),
    ]
}

fn borrowed<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(l, t)| (*l, t.as_str())).collect()
}

/// Family 1: comments in code blocks are translated; only comments may differ.
#[test]
fn translated_code_comments_are_not_a_code_mismatch() {
    all_quiet(CODE_ID, &borrowed(&code_translations("apply")));
    // A changed command still is, in every script.
    // A command line is never translated: a warning (other code is info, since
    // translators localize sample text in it).
    each_flags(
        CODE_ID,
        &borrowed(&code_translations("create")),
        "code-mismatch",
        "warning",
    );
}

const PLACEHOLDER_ID: &str = "# Arsip\n\nEkstrak arsip ke folder tujuan:\n\n```sh\ntar xf {{jalur/ke/arsip}} -C <folder-tujuan>\n```\n\nSalin ke `s3://{{ember}}/cadangan` dengan `aws s3 cp {{berkas}} s3://{{ember}}/cadangan`.\n";

fn placeholder_translations(option: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "en",
            format!(
                "# Archive\n\nExtract the archive to the target folder:\n\n```sh\ntar {option} {{{{path/to/archive}}}} -C <target-folder>\n```\n\nCopy to `s3://{{{{bucket}}}}/cadangan` with `aws s3 cp {{{{file}}}} s3://{{{{bucket}}}}/cadangan`.\n"
            ),
        ),
        (
            "ja",
            format!(
                "# アーカイブ\n\nアーカイブを展開します：\n\n```sh\ntar {option} {{{{アーカイブへのパス}}}} -C <展開先フォルダ>\n```\n\n`aws s3 cp {{{{ファイル}}}} s3://{{{{バケット}}}}/cadangan` で `s3://{{{{バケット}}}}/cadangan` にコピーします。\n"
            ),
        ),
        (
            "ar",
            format!(
                "# الأرشيف\n\nاستخرج الأرشيف إلى المجلد الهدف:\n\n```sh\ntar {option} {{{{مسار/الأرشيف}}}} -C <المجلد-الهدف>\n```\n\nانسخ إلى `s3://{{{{دلو}}}}/cadangan` باستخدام `aws s3 cp {{{{ملف}}}} s3://{{{{دلو}}}}/cadangan`.\n"
            ),
        ),
    ]
}

/// Family 2: placeholders inside code and URLs are translated; the command is not.
#[test]
fn translated_placeholders_are_not_a_code_mismatch() {
    all_quiet(PLACEHOLDER_ID, &borrowed(&placeholder_translations("xf")));
    each_flags(
        PLACEHOLDER_ID,
        &borrowed(&placeholder_translations("czf")),
        "code-mismatch",
        "warning",
    );
}

const INLINE_ID: &str = "# Opsi\n\nGunakan opsi `--force` untuk menimpa berkas, dan atur `timeout` ke nilai yang lebih besar.\n";

/// Family 3: inline code a translator added or dropped around the same word.
#[test]
fn inline_code_added_or_dropped_around_a_word_is_not_a_mismatch() {
    all_quiet(
        INLINE_ID,
        &[
            (
                "en",
                "# Options\n\nUse the --force option to overwrite files, and set `timeout` to a larger value.\n",
            ),
            (
                "ja",
                "# オプション\n\nファイルを上書きするには --force オプションを使い、timeout をより大きな値に設定します。\n",
            ),
            (
                "ar",
                "# الخيارات\n\nاستخدم الخيار `--force` لاستبدال الملفات، واضبط timeout على قيمة أكبر.\n",
            ),
        ],
    );
    // Different code still is a mismatch.
    each_flags(
        INLINE_ID,
        &[
            (
                "en",
                "# Options\n\nUse the `--dry-run` option to overwrite files, and set `timeout` to a larger value.\n",
            ),
            (
                "ja",
                "# オプション\n\nファイルを上書きするには `--dry-run` オプションを使い、timeout をより大きな値に設定します。\n",
            ),
            (
                "ar",
                "# الخيارات\n\nاستخدم الخيار `--dry-run` لاستبدال الملفات، واضبط timeout على قيمة أكبر.\n",
            ),
        ],
        "code-mismatch",
        "info",
    );
}

const URL_ID: &str = "# Info\n\nInformasi lebih lanjut: https://example.org/panduan/ekspor.\n";

/// Family 4: a URL in text without spaces around it (CJK) is the URL alone.
#[test]
fn urls_in_text_without_spaces_are_found_by_their_syntax() {
    all_quiet(
        URL_ID,
        &[
            (
                "zh",
                "# 信息\n\n更多信息：https://example.org/panduan/ekspor。\n",
            ),
            (
                "ja",
                "# 情報\n\n詳しくはhttps://example.org/panduan/ekspor/をご覧ください。\n",
            ),
            (
                "ar",
                "# معلومات\n\nمزيد من المعلومات: https://example.org/panduan/ekspor.\n",
            ),
        ],
    );
    each_flags(
        URL_ID,
        &[
            (
                "zh",
                "# 信息\n\n更多信息：https://example.org/panduan/impor。\n",
            ),
            (
                "ja",
                "# 情報\n\n詳しくはhttps://example.org/panduan/impor/をご覧ください。\n",
            ),
            (
                "ar",
                "# معلومات\n\nمزيد من المعلومات: https://example.org/panduan/impor.\n",
            ),
        ],
        "url-mismatch",
        "info",
    );
}

const LINK_ID: &str =
    "# Tautan\n\nBaca [panduan pod](/docs/concepts/pod/) dan [ekspor](../p.md#ekspor).\n";

/// Family 5: links to the localized copy of a page, and same-site absolute URLs.
#[test]
fn links_to_localized_copies_and_same_site_urls_are_the_same_target() {
    all_quiet(
        LINK_ID,
        &[
            (
                "ko",
                "# 링크\n\n[파드 가이드](/ko/docs/concepts/pod/)와 [내보내기](../ko/p.md#ekspor)를 읽는다.\n",
            ),
            (
                "zh",
                "# 链接\n\n阅读[Pod 指南](https://docs.example.org/zh-cn/docs/concepts/pod/)和[导出](p.zh.md#ekspor)。\n",
            ),
            (
                "fr",
                "# Liens\n\nLisez le [guide des pods](https://docs.example.org/docs/concepts/pod) et [l'export](/fr/p.md#ekspor).\n",
            ),
            (
                "ar",
                "# روابط\n\nاقرأ [دليل الحاويات](/ar/docs/concepts/pod/) و[التصدير](p.md#ekspor).\n",
            ),
        ],
    );
    each_flags(
        LINK_ID,
        &[
            (
                "ko",
                "# 링크\n\n[파드 가이드](/ko/docs/concepts/service/)와 [내보내기](../ko/p.md#ekspor)를 읽는다.\n",
            ),
            (
                "zh",
                "# 链接\n\n阅读[Pod 指南](https://docs.example.org/zh-cn/docs/concepts/service/)和[导出](p.zh.md#ekspor)。\n",
            ),
            (
                "ar",
                "# روابط\n\nاقرأ [دليل الحاويات](/ar/docs/concepts/service/) و[التصدير](p.md#ekspor).\n",
            ),
        ],
        "link-mismatch",
        "info",
    );
}

const NUMBER_ID: &str = "# Angka\n\nSistem desimal memakai sepuluh angka. Bab kedua menjelaskan tiga langkah dalam dua putaran, masing-masing 7 hari.\n";

/// Family 6: numbers fused with counters, spelled out on the other side, or written
/// as another notation, are not a mismatch; a changed value is.
#[test]
fn numbers_fused_with_counters_or_spelled_out_are_not_a_mismatch() {
    all_quiet(
        NUMBER_ID,
        &[
            (
                "ko",
                "# 숫자\n\n10진수는 10개의 숫자를 사용한다. 제2장은 2회에 걸친 3단계를 설명하며, 각각 7일이다.\n",
            ),
            (
                "ja",
                "# 数字\n\n10進数は10個の数字を使います。第2章では２回にわたる3つの手順を説明します。それぞれ7日間です。\n",
            ),
            (
                "zh",
                "# 数字\n\n十进制使用10个数字。第2章介绍分两轮进行的3个步骤，每轮7天。\n",
            ),
            (
                "ar",
                "# الأرقام\n\nيستخدم النظام العشري ١٠ أرقام. يشرح الفصل الثاني ثلاث خطوات على جولتين، كل منها ٧ أيام.\n",
            ),
            (
                "en",
                "# Numbers\n\nThe decimal system uses 10 digits. Chapter 2 explains 3 steps in 2 rounds, 7 days each.\n",
            ),
        ],
    );
    each_flags(
        NUMBER_ID,
        &[
            (
                "ko",
                "# 숫자\n\n10진수는 10개의 숫자를 사용한다. 제2장은 2회에 걸친 3단계를 설명하며, 각각 14일이다.\n",
            ),
            (
                "ja",
                "# 数字\n\n10進数は10個の数字を使います。第2章では２回にわたる3つの手順を説明します。それぞれ14日間です。\n",
            ),
            (
                "ar",
                "# الأرقام\n\nيستخدم النظام العشري ١٠ أرقام. يشرح الفصل الثاني ثلاث خطوات على جولتين، كل منها ١٤ يومًا.\n",
            ),
            (
                "en",
                "# Numbers\n\nThe decimal system uses 10 digits. Chapter 2 explains 3 steps in 2 rounds, 14 days each.\n",
            ),
        ],
        "number-mismatch",
        "warning",
    );
}

/// Family 8: source edits a reader does not see leave an accepted translation in sync;
/// adding inline code around a word is at most an info note.
#[test]
fn source_edits_a_reader_does_not_see_are_not_drift() {
    let source = "# Panduan\n\nBaca [panduan pod](/docs/concepts/pod/) dulu, lalu jalankan perintah kubectl.\n\n1. Buka *Pengaturan*.\n2. Pilih {{% note %}}Privasi{{% /note %}}.\n\n```sh\nls -l\n```\n\nSub judul\n---------\n\nTeks akhir dengan\nbaris yang dibungkus.\n";
    let edited = "# Panduan\n\nBaca [panduan pod](https://docs.example.org/docs/concepts/pod/) dulu, lalu jalankan perintah `kubectl`.\n\n1) Buka _Pengaturan_.\n2) Pilih {{< note >}}Privasi{{< /note >}}.\n\n~~~sh\nls -l\n~~~\n\n## Sub judul\n\nTeks akhir dengan baris yang dibungkus.\n";
    for (lang, translation) in [
        (
            "en",
            "# Guide\n\nRead the [pod guide](/docs/concepts/pod/) first, then run the kubectl command.\n\n1. Open *Settings*.\n2. Choose {{% note %}}Privacy{{% /note %}}.\n\n```sh\nls -l\n```\n\n## Subtitle\n\nFinal text with wrapped lines.\n",
        ),
        (
            "ja",
            "# ガイド\n\nまず[Pod ガイド](/ja/docs/concepts/pod/)を読み、kubectl コマンドを実行します。\n\n1. *設定*を開きます。\n2. {{% note %}}プライバシー{{% /note %}}を選びます。\n\n```sh\nls -l\n```\n\n## 小見出し\n\n折り返された最後のテキスト。\n",
        ),
        (
            "ar",
            "# الدليل\n\nاقرأ [دليل الحاويات](/docs/concepts/pod/) أولًا، ثم شغّل أمر kubectl.\n\n1. افتح *الإعدادات*.\n2. اختر {{% note %}}الخصوصية{{% /note %}}.\n\n```sh\nls -l\n```\n\n## عنوان فرعي\n\nالنص الأخير بأسطر ملفوفة.\n",
        ),
    ] {
        let site = TestSite::empty()
            .file("naskah.toml", SCRIPTS_CONFIG)
            .file("content/p.md", source)
            .file(&format!("content/p.{lang}.md"), translation);
        drift_accept(site.root(), &["--all"]).success();
        site.write("content/p.md", edited);
        let (run, report) = drift_check(site.root(), &[]);
        let entry = drift_entry(&report, "p", lang);
        assert_eq!(entry["status"], "in_sync", "{lang}: {entry:#}");
        assert_eq!(drift_findings(entry), [], "{lang}");
        assert_eq!(run.code, 0, "{lang}");
        // A changed link target is still drift.
        site.write(
            "content/p.md",
            &edited.replace("concepts/pod/", "concepts/service/"),
        );
        let (_, report) = drift_check(site.root(), &[]);
        let entry = drift_entry(&report, "p", lang);
        assert_eq!(entry["status"], "outdated", "{lang}: {entry:#}");
        let kinds: Vec<String> = drift_findings(entry).into_iter().map(|f| f.kind).collect();
        assert!(
            kinds.contains(&"link-mismatch".to_string()),
            "{lang}: {kinds:?}"
        );
    }
}

/// One badly named file is reported, and everything else still is.
#[test]
fn a_bad_file_is_reported_and_the_rest_still_checked() {
    let site = TestSite::new()
        .file("content/a.md", "# Halo\n\nTeks 7 hari.\n")
        .file("content/a.en.md", "# Hello\n\nText 14 days.\n")
        .file("content/print.win.md", "# Cetak\n\nTeks.\n");
    let (run, report) = drift_check(site.root(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let problems = report["problems"].as_array().expect("problems array");
    assert_eq!(problems.len(), 1, "{report:#}");
    assert_eq!(problems[0]["file"], "content/print.win.md");
    assert_eq!(problems[0]["severity"], "error");
    assert_eq!(problems[0]["line"], 1);
    let entry = drift_entry(&report, "a", "en");
    let kinds: Vec<String> = drift_findings(entry).into_iter().map(|f| f.kind).collect();
    assert_eq!(kinds, ["number-mismatch"]);
    // The same in SARIF, for code scanning.
    let sarif = run_naskah_sarif(site.root());
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(
        results.iter().any(|r| r["ruleId"] == "site-problem"
            && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "content/print.win.md"),
        "{sarif:#}"
    );
}

fn run_naskah_sarif(root: &std::path::Path) -> Value {
    let root = root.to_string_lossy();
    let run = support::run(&["check", "--root", &root, "--format", "sarif"], &[]);
    serde_json::from_str(&run.stdout).expect("SARIF is JSON")
}

/// `naskah accept` says what it records when the translation has findings, and the
/// findings stay visible afterwards.
#[test]
fn accept_says_which_findings_it_records_and_they_stay_visible() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            "# Halo\n\nTunggu 7 hari.\n\nLalu 3 jam lagi.\n",
        )
        .file(
            "content/a.en.md",
            "# Hello\n\nWait 14 days.\n\nThen 5 more hours.\n",
        )
        .file("content/b.md", "# Dua\n\nTeks.\n")
        .file("content/b.en.md", "# Two\n\nText.\n");
    let run = drift_accept(site.root(), &["--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("accepted a [en]: 2 warnings still reported"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("accepted b [en]\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains("en: 2 warnings recorded as accepted"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("recorded 2 translations in naskah.lock"),
        "{}",
        run.stderr
    );
    let (check, report) = drift_check(site.root(), &["--deny", "warnings"]);
    assert_eq!(check.code, 1);
    let entry = drift_entry(&report, "a", "en");
    assert_eq!(entry["status"], "in_sync");
    let kinds: Vec<String> = drift_findings(entry).into_iter().map(|f| f.kind).collect();
    assert_eq!(kinds, ["number-mismatch", "number-mismatch"]);
}

/// A heading id renamed in a source link is a change the translation must follow,
/// even though the untracked comparison ignores fragments (translators localize them).
#[test]
fn a_renamed_fragment_in_a_source_link_is_drift() {
    let source = "# Panduan\n\nLihat [properti umum](/docs/common/#props).\n";
    let site = TestSite::empty()
        .file("naskah.toml", SCRIPTS_CONFIG)
        .file("content/p.md", source)
        .file(
            "content/p.fr.md",
            "# Guide\n\nVoir les [propriétés communes](/docs/common/#proprietes).\n",
        );
    drift_accept(site.root(), &["--all"]).success();
    let (_, report) = drift_check(site.root(), &[]);
    assert_eq!(drift_entry(&report, "p", "fr")["status"], "in_sync");
    site.write("content/p.md", &source.replace("#props", "#common-props"));
    let (_, report) = drift_check(site.root(), &[]);
    let entry = drift_entry(&report, "p", "fr");
    assert_eq!(entry["status"], "outdated", "{entry:#}");
    let kinds: Vec<String> = drift_findings(entry).into_iter().map(|f| f.kind).collect();
    assert_eq!(kinds, ["source-changed"]);
}

/// What `naskah translate` builds on: every finding names the byte ranges of its
/// segments in both files, and the report keeps the alignment of the segments.
#[test]
fn findings_carry_byte_ranges_and_the_report_keeps_the_alignment() {
    let source = "# Judul\n\nParagraf satu tentang data.\n\nParagraf dua yang baru, 30 hari.\n\nParagraf tiga.\n";
    let translation = "# Title\n\nParagraph one about data.\n\nParagraph three.\n";
    let site = TestSite::empty()
        .file("naskah.toml", SCRIPTS_CONFIG)
        .file("content/p.md", source)
        .file("content/p.en.md", translation);
    let options = naskah::pipeline::BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    let checked = naskah::pipeline::check(&options).expect("check runs");
    let drift = checked
        .report
        .translations()
        .into_iter()
        .find(|t| t.document == "p" && t.lang == "en")
        .expect("the English translation")
        .clone();
    let missing = drift
        .findings
        .iter()
        .find(|f| f.kind == naskah::drift::Kind::MissingSegment)
        .expect("the new paragraph is missing");
    let range = missing.source_range.clone().expect("a source range");
    assert_eq!(source[range].trim_end(), "Paragraf dua yang baru, 30 hari.");
    assert_eq!(missing.target_range, None, "nothing in the translation");
    // Segments: title, then body paragraphs; the alignment pairs them in order.
    let pairs: Vec<(Vec<usize>, Vec<usize>)> = drift
        .alignment
        .iter()
        .map(|a| (a.source().collect(), a.target().collect()))
        .collect();
    assert_eq!(
        pairs,
        [
            (vec![0], vec![0]),
            (vec![1], vec![1]),
            (vec![2], vec![]),
            (vec![3], vec![2]),
        ]
    );
}

const COMMAND_PAGE_ID: &str = "# tar\n\n> Mengarsipkan berkas.\n> Informasi lebih lanjut: https://www.gnu.org/software/tar.\n\n- Buat arsip dari berkas:\n\n`tar cf {{jalur/ke/arsip.tar}} {{jalur/ke/berkas1 jalur/ke/berkas2}}`\n\n- Ekstrak arsip ke folder:\n\n`tar xf {{jalur/ke/arsip.tar}} -C {{jalur/ke/folder}}`\n";

fn command_page(extract: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "en",
            format!(
                "# tar\n\n> Archive files.\n> More information: https://www.gnu.org/software/tar.\n\n- Create an archive from files:\n\n`tar cf {{{{path/to/archive.tar}}}} {{{{path/to/file1 path/to/file2}}}}`\n\n- Extract an archive into a directory:\n\n`{extract} {{{{path/to/archive.tar}}}} -C {{{{path/to/directory}}}}`\n"
            ),
        ),
        (
            "ja",
            format!(
                "# tar\n\n> ファイルをアーカイブする。\n> 詳しくはこちら：https://www.gnu.org/software/tar\n\n- ファイルからアーカイブを作成する:\n\n`tar cf {{{{アーカイブへのパス.tar}}}} {{{{ファイル1へのパス ファイル2へのパス}}}}`\n\n- アーカイブをディレクトリに展開する:\n\n`{extract} {{{{アーカイブへのパス.tar}}}} -C {{{{ディレクトリへのパス}}}}`\n"
            ),
        ),
        (
            "ar",
            format!(
                "# tar\n\n> أرشفة الملفات.\n> لمزيد من المعلومات: https://www.gnu.org/software/tar.\n\n- إنشاء أرشيف من ملفات:\n\n`tar cf {{{{مسار/إلى/الأرشيف.tar}}}} {{{{مسار/إلى/ملف1 مسار/إلى/ملف2}}}}`\n\n- استخراج أرشيف إلى مجلد:\n\n`{extract} {{{{مسار/إلى/الأرشيف.tar}}}} -C {{{{مسار/إلى/المجلد}}}}`\n"
            ),
        ),
    ]
}

/// A command reference page (examples as lines of inline code): translated
/// placeholders and a URL without spaces around it are quiet; a changed option in a
/// command line is a warning.
#[test]
fn command_reference_pages_compare_commands_not_placeholders() {
    all_quiet(COMMAND_PAGE_ID, &borrowed(&command_page("tar xf")));
    each_flags(
        COMMAND_PAGE_ID,
        &borrowed(&command_page("tar xzf")),
        "code-mismatch",
        "warning",
    );
}

/// A page of thousands of paragraphs (a changelog) and its translation: aligned in a
/// band (the full table grew with the square: 8,000 took 2 GB), still exactly.
#[test]
fn very_long_pages_are_checked_with_the_same_findings() {
    let words = ["data", "akun", "privasi", "model", "profil", "fitur"];
    let english = ["data", "account", "privacy", "model", "profile", "feature"];
    let para = |dict: &[&str], k: usize| {
        let text: Vec<&str> = (0..(4 + k % 9)).map(|w| dict[(k * 7 + w) % 6]).collect();
        format!("Rilis {k}: {}.", text.join(" "))
    };
    let n = 3_000;
    let source: Vec<String> = (0..n).map(|k| para(&words, k)).collect();
    let mut translation: Vec<String> = (0..n)
        .map(|k| para(&english, k).replacen("Rilis", "Release", 1))
        .collect();
    translation.remove(1_234);
    let site = TestSite::empty()
        .file("naskah.toml", SCRIPTS_CONFIG)
        .file(
            "content/p.md",
            &format!("# Rilis\n\n{}\n", source.join("\n\n")),
        )
        .file(
            "content/p.en.md",
            &format!("# Releases\n\n{}\n", translation.join("\n\n")),
        );
    let (_, report) = drift_check(site.root(), &[]);
    let findings = drift_findings(drift_entry(&report, "p", "en"));
    let kinds: Vec<(&str, Option<usize>)> = findings
        .iter()
        .map(|f| (f.kind.as_str(), f.source_line))
        .collect();
    // Line 3 is the first paragraph; paragraph k is on line 3 + 2k.
    assert_eq!(kinds, [("missing-segment", Some(3 + 2 * 1_234))]);
}

/// A file name with a line break cannot forge extra lines in `--format gnu` output:
/// one finding, one line, the name escaped.
#[cfg(unix)]
#[test]
fn a_line_break_in_a_file_name_stays_on_one_gnu_line() {
    let site = TestSite::new()
        .file("content/a\nb.md", "# Judul\n\nTunggu 7 hari.\n")
        .file("content/a\nb.en.md", "# Title\n\nWait 14 days.\n");
    let root = site.root().to_string_lossy().into_owned();
    let run = support::run(&["check", "--root", &root, "--format", "gnu"], &[]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(
        lines[0].starts_with("content/a\\nb.en.md:3:1: warning: "),
        "{}",
        lines[0]
    );
}

/// A page that shows a merge conflict (a guide to git, a Markdown setext heading) puts
/// lines like conflict markers into the lock's recorded texts: they are text, and the
/// lock reads (it was refused as holding merge conflict markers).
#[test]
fn conflict_markers_in_recorded_text_are_text() {
    let source = "# Konflik\n\nGit menandai konflik begini:\n\n```text\n<<<<<<< HEAD\nkita\n=======\nmereka\n>>>>>>> main\n```\n\nJudul\n=======\n\nTeks.\n";
    let site = TestSite::new()
        .file("content/git.md", source)
        .file(
            "content/git.en.md",
            "# Conflicts\n\nGit marks a conflict like this:\n\n```text\n<<<<<<< HEAD\nkita\n=======\nmereka\n>>>>>>> main\n```\n\nTitle\n=======\n\nText.\n",
        );
    drift_accept(site.root(), &["--all"]).success();
    let lock = std::fs::read_to_string(site.root().join("naskah.lock")).unwrap();
    assert!(
        lock.lines().any(|l| l.starts_with("<<<<<<<")),
        "the code block is recorded line for line:\n{lock}"
    );
    let (run, report) = drift_check(site.root(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(drift_entry(&report, "git", "en")["status"], "in_sync");
}

/// naskah.lock after a merge: a translation recorded twice is read with a warning (the
/// later record wins, not silently); conflict markers are an error at their line whose
/// help works (`naskah accept --all --rebuild-lock`); records of translations that no
/// longer exist are reported, and dropped by the next accept.
#[test]
fn lock_after_a_merge_says_what_is_wrong_and_how_to_fix_it() {
    let site = TestSite::new()
        .file("content/a.md", "# Halo\n\nTeks.\n")
        .file("content/a.en.md", "# Hello\n\nText.\n")
        .file("content/b.md", "# Dua\n\nTeks dua.\n")
        .file("content/b.en.md", "# Two\n\nText two.\n");
    drift_accept(site.root(), &["--all"]).success();
    let lock = std::fs::read_to_string(site.root().join("naskah.lock")).unwrap();
    // A merge that kept both sides of one record.
    let start = lock.find("[[translation]]").unwrap();
    let end = start + 1 + lock[start + 1..].find("[[translation]]").unwrap();
    let record = &lock[start..end];
    let older = record.replacen("accepted = \"2025-11-29\"", "accepted = \"2024-01-01\"", 1);
    site.write(
        "naskah.lock",
        &format!("{}{older}{}", &lock[..start], &lock[start..]),
    );
    let (run, report) = drift_check(site.root(), &[]);
    assert!(
        run.stderr.contains("naskah.lock records a [en] twice (accepted 2024-01-01 and 2025-11-29); the record of 2025-11-29 is used"),
        "{}",
        run.stderr
    );
    assert_eq!(drift_entry(&report, "a", "en")["accepted"], "2025-11-29");
    // Conflict markers.
    let conflicted = format!(
        "{}<<<<<<< HEAD\n{record}=======\n{older}>>>>>>> main\n{}",
        &lock[..start],
        &lock[end..]
    );
    site.write("naskah.lock", &conflicted);
    let marker_line = conflicted
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .unwrap()
        + 1;
    let root = site.root().to_string_lossy().into_owned();
    let broken = support::run(&["check", "--root", &root], &[]);
    assert_eq!(broken.code, 1, "{}", broken.stderr);
    broken
        .stderr_has(&format!(
            "naskah.lock:{marker_line}:1: error: naskah.lock holds merge conflict markers"
        ))
        .stderr_has("naskah accept --all --rebuild-lock");
    drift_accept(site.root(), &["--all", "--rebuild-lock"]).success();
    let (run, _) = drift_check(site.root(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A translation removed: its record is stale, reported, and dropped by accept.
    site.remove("content/b.en.md");
    let (run, _) = drift_check(site.root(), &[]);
    assert!(
        run.stderr
            .contains("naskah.lock records b [en], which has no translation file now"),
        "{}",
        run.stderr
    );
    let accepted = drift_accept(site.root(), &["content/a.en.md"]);
    accepted.success();
    assert!(
        accepted
            .stderr
            .contains("dropped the record of b [en]: that translation is no longer built"),
        "{}",
        accepted.stderr
    );
    let (run, _) = drift_check(site.root(), &[]);
    assert!(
        !run.stderr.contains("no translation file now"),
        "{}",
        run.stderr
    );
    // A source page removed, its translation left: the warning says what is gone (it
    // said the translation file was).
    site.remove("content/a.md");
    let (run, _) = drift_check(site.root(), &[]);
    assert!(
        run.stderr.contains(
            "naskah.lock records a [en], whose source page no longer exists (content/a.en.md is left without one)"
        ),
        "{}",
        run.stderr
    );
}

/// The half-written lock an interrupted `naskah accept` left is removed by the next
/// one (only files named so, and old: a running accept's is never touched).
#[test]
fn an_interrupted_accept_leaves_nothing_behind_for_long() {
    let site = TestSite::new()
        .file("content/a.md", "# Halo\n\nTeks.\n")
        .file("content/a.en.md", "# Hello\n\nText.\n");
    let root = site.root();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in [".naskah-lock-dead", ".naskah-lock-running", ".tmp-not-ours"] {
        std::fs::write(root.join(name), "partial").unwrap();
    }
    for name in [".naskah-lock-dead", ".tmp-not-ours"] {
        std::fs::File::options()
            .write(true)
            .open(root.join(name))
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    drift_accept(root, &["--all"]).success();
    assert!(!root.join(".naskah-lock-dead").exists());
    assert!(
        root.join(".naskah-lock-running").exists(),
        "a fresh one may be another accept's"
    );
    assert!(root.join(".tmp-not-ours").exists());
    assert!(root.join("naskah.lock").is_file());
}

/// A check that cannot analyse the site (here: a lock cut in the middle of a
/// character) still prints a JSON document, with the problem, for the CI step that
/// parses it (found by the fuzz harness: it printed nothing).
#[test]
fn a_check_that_cannot_analyse_still_prints_json() {
    let site = TestSite::new()
        .file("content/a.md", "# Halo\n\nTeks.\n")
        .file("content/a.en.md", "# Hello\n\nText.\n");
    std::fs::write(
        site.root().join("naskah.lock"),
        b"version = 1\n[[translation]]\ndocument = \"\xd9",
    )
    .unwrap();
    let root = site.root().to_string_lossy().into_owned();
    let run = support::run(&["check", "--root", &root, "--format", "json"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["translations"].as_array().map(Vec::len), Some(0));
    let problems = report["problems"].as_array().expect("problems");
    assert_eq!(problems[0]["file"], "naskah.lock");
    assert_eq!(problems[0]["severity"], "error");
}

/// `--format github`: GitHub Actions workflow commands, one a finding, with file, line,
/// column and kind, messages escaped as GitHub documents; problems with the site's
/// files too.
#[test]
fn github_format_annotates_the_pull_request() {
    let s = mixed();
    s.site.write("content/print.win.md", "# x\n");
    let run = check_raw(&s, &["--format", "github"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(
        lines[0],
        format!(
            "::warning file=content/bantuan/ekspor.en.md,line={},col=1,title=source-changed::{}",
            line_of(EN, "The archive can only"),
            drift_findings(drift_entry(&drift_check(s.site.root(), &[]).1, DOC, "en"))[0].message
        )
    );
    assert!(
        lines[1].starts_with("::error file=content/bantuan/ekspor.ar.md,line="),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains(",title=missing-segment::"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2]
            .starts_with("::error file=content/print.win.md,line=1,col=1::`win` in the file name"),
        "{}",
        lines[2]
    );
    assert_eq!(run.code, 1);
}

/// `-q` leaves out `naskah check`'s per-language summary: only problems are printed.
#[test]
fn quiet_check_prints_only_findings() {
    let s = mixed();
    let loud = check_raw(&s, &[]);
    assert!(loud.stdout.contains("en: 1 outdated"), "{}", loud.stdout);
    let quiet = check_raw(&s, &["-q"]);
    assert!(!quiet.stdout.contains("en: 1 outdated"), "{}", quiet.stdout);
    assert!(
        quiet.stdout.contains("warning[source-changed]"),
        "{}",
        quiet.stdout
    );
    assert_eq!(quiet.code, loud.code);
}

/// The home page has a name in the JSON report (`index`, not an empty string), and
/// SARIF names no made-up information address.
#[test]
fn the_home_page_has_a_name_in_reports() {
    let site = TestSite::new()
        .file("content/index.md", "# Beranda\n\nTunggu 7 hari.\n")
        .file("content/index.en.md", "# Home\n\nWait 14 days.\n");
    let (_, report) = drift_check(site.root(), &[]);
    let entry = drift_entry(&report, "index", "en");
    assert_eq!(entry["file"], "content/index.en.md");
    let sarif = run_naskah_sarif(site.root());
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert!(driver.get("informationUri").is_none(), "{driver:#}");
}
