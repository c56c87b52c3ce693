//! The repository's own site: `site/` is its built output, committed, and must be
//! reproducible byte for byte.

mod support;

use std::path::Path;

use support::{Page, run, snapshot};

#[test]
fn committed_site_is_reproducible_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    run(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    )
    .success();
    let built = snapshot(&out);
    let committed = snapshot(&root.join("site"));
    let names =
        |s: &std::collections::BTreeMap<String, Vec<u8>>| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&built),
        names(&committed),
        "site/ lists other files: run `cargo run --release -- build`"
    );
    for (path, bytes) in &built {
        assert!(
            committed[path] == *bytes,
            "site/{path} differs from a fresh build: run `cargo run --release -- build`"
        );
    }
}

#[test]
fn repository_site_has_both_articles_in_six_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("site");
    for prefix in ["", "en/", "zh/", "ja/", "ar/", "fr/"] {
        for page in [
            "bantuan/data-publik-ai/index.html",
            "bantuan/menolak-pelatihan-ai/index.html",
        ] {
            let path = format!("{prefix}{page}");
            let html = Page::open(&root, &path);
            let is_translation = !prefix.is_empty();
            assert_eq!(html.count(".notice-mt") == 1, is_translation, "{path}");
            assert!(
                html.text("div.content").chars().count() > 400,
                "{path} is too short"
            );
        }
    }
}
