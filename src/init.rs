//! `naskah init DIR`: a new site that builds at once.
//!
//! Consumes: a folder path that does not exist or is empty.
//! Produces: `naskah.toml` (six languages), `content/index.md` in Indonesian and a
//! `locales/LANG/site.ftl` per language for the site's own strings; the default theme is
//! referenced (compiled in), not copied.
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

const HOME: &str = r#"+++
title = "Selamat datang"
description = "Halaman pertama situs dokumentasi Anda."
+++

Ini halaman beranda situs Anda. Sunting `content/index.md`, lalu jalankan `naskah build`.

Terjemahan halaman ini ditulis di `content/index.LANG.md`, misalnya `content/index.en.md`.
"#;

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
    write("content/index.md", HOME)?;
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
