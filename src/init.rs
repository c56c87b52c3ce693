//! `naskah init DIR`: a new site that builds at once.
//!
//! Consumes: a folder path that does not exist or is empty.
//! Produces: `naskah.toml` (six languages); content that shows every feature once (a
//! home page in Indonesian and English saying what to do next, a section, a translated
//! page with a drift on purpose, a page not translated yet); a `locales/LANG/site.ftl`
//! per language for the site's own strings; the default theme is referenced (compiled
//! in), not copied.
//! Guarantees: never overwrites a file; refuses a non-empty folder.

use std::path::Path;

use crate::diagnostic::Diagnostic;

const CONFIG: &str = r#"title = "Dokumentasi"
# base_url = "https://docs.example.com/"   # needed only for sitemap, canonical and og:url
source_language = "id"
output_dir = "site"
theme = "default"

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

/// The starter content: every feature once. A home page that says what to do next, a
/// section, a page with an English translation that drifted on purpose (a number
/// differs: the page marks it, `naskah check` reports it), and a page no language has
/// yet (each language shows it as a fallback page).
const FILES: [(&str, &str); 6] = [
    (
        "content/index.md",
        r#"+++
title = "Selamat datang"
description = "Halaman pertama situs dokumentasi Anda."
+++

Situs ini dibuat oleh `naskah init`. Semua halamannya ditulis dalam bahasa Indonesia di
`content/`; terjemahannya berada di samping sumbernya (`mulai.en.md`).

## Langkah berikutnya

1. Jalankan `naskah serve` dan buka <http://127.0.0.1:1111/>. Sunting berkas apa pun di
   `content/`: halaman di peramban dimuat ulang sendiri.
2. Buka [Mulai](panduan/mulai.md) dalam bahasa Inggris: terjemahannya menyebut angka yang
   berbeda dari sumbernya, dan naskah menandainya. `naskah check` melaporkannya.
3. [Lanjutan](panduan/lanjutan.md) belum diterjemahkan: di setiap bahasa lain, naskah
   menampilkan teks sumbernya dengan pemberitahuan.
4. Setelah terjemahan diperiksa, `naskah accept` mencatatnya di `naskah.lock`. Jika
   sumbernya berubah kemudian, halaman terjemahan menunjukkan bagian mana yang berubah.
5. `naskah build` menulis situs statis ke `site/`: unggah ke server web mana pun, atau
   buka langsung dari disk.
"#,
    ),
    (
        "content/index.en.md",
        r#"+++
title = "Welcome"
description = "The first page of your documentation site."
+++

This site was made by `naskah init`. Its pages are written in Indonesian in `content/`;
their translations sit beside them (`mulai.en.md`).

## Next steps

1. Run `naskah serve` and open <http://127.0.0.1:1111/>. Edit any file in `content/`:
   the page in the browser reloads by itself.
2. Open [Getting started](panduan/mulai.md) in English: its translation states a number
   that differs from its source, and naskah marks it. `naskah check` reports it.
3. [Going further](panduan/lanjutan.md) is not translated yet: every other language shows
   its source text with a notice.
4. Once a translation is reviewed, `naskah accept` records it in `naskah.lock`. When the
   source changes later, the translated page shows which parts changed.
5. `naskah build` writes the static site to `site/`: upload it to any web server, or open
   it straight from disk.
"#,
    ),
    (
        "content/panduan/index.md",
        "+++\ntitle = \"Panduan\"\nweight = 1\n+++\n\nPanduan penggunaan, langkah demi langkah.\n",
    ),
    (
        "content/panduan/mulai.md",
        r#"+++
title = "Mulai"
weight = 1
+++

## Memasang {#memasang}

Unduh aplikasinya, lalu masuk dengan akun Anda. Tautan unduhan berlaku selama 30 hari.

```sh
aplikasi masuk --akun saya
```
"#,
    ),
    (
        "content/panduan/mulai.en.md",
        r#"+++
title = "Getting started"
+++

## Installing {#memasang}

Download the app, then sign in with your account. The download link is valid for 14 days.

```sh
aplikasi masuk --akun saya
```
"#,
    ),
    (
        "content/panduan/lanjutan.md",
        "+++\ntitle = \"Lanjutan\"\nweight = 2\n+++\n\nHalaman ini belum diterjemahkan ke bahasa lain.\n",
    ),
];

const SITE_TITLES: [(&str, &str); 6] = [
    ("id", "Dokumentasi"),
    ("en", "Documentation"),
    ("zh", "文档"),
    ("ja", "ドキュメント"),
    ("ar", "التوثيق"),
    ("fr", "Documentation"),
];

pub fn init(dir: &Path) -> Result<(), Diagnostic> {
    let non_empty = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if non_empty {
        return Err(Diagnostic::error(format!(
            "{} is not empty; nothing was written",
            dir.display()
        ))
        .with_help("choose a new folder name, e.g. `naskah init my-docs`"));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::error(format!(
            "{} exists and is not a folder",
            dir.display()
        )));
    }
    let write = |rel: &str, text: &str| -> Result<(), Diagnostic> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        std::fs::write(&path, text)
            .map_err(|e| Diagnostic::error(format!("cannot write {}: {e}", path.display())))
    };
    write("naskah.toml", CONFIG)?;
    for (rel, text) in FILES {
        write(rel, text)?;
    }
    for (lang, title) in SITE_TITLES {
        write(
            &format!("locales/{lang}/site.ftl"),
            &format!(
                "# Strings of this site; they override or add to naskah's built-in ones.\nsite-title = {title}\n"
            ),
        )?;
    }
    Ok(())
}
