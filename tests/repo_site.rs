//! The repository's own site: `site/` is its built output, committed, and must be
//! reproducible byte for byte.

mod support;

use std::path::Path;

use support::{Page, snapshot};

#[test]
fn committed_site_is_reproducible_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_tmp, out) = support::build_repo_site();
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

/// The repository's site as a drift regression test: faithful translations report
/// nothing; the guide's Chinese, Japanese and Arabic versions did not follow the
/// Indonesian edit and must say so, down to the changed number.
#[test]
fn repository_drift_is_exactly_the_demonstrated_edit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (run, report) = support::drift_check(root, &[]);
    assert_eq!(
        run.code, 0,
        "drift is a warning: a CI gate asks for --deny warnings"
    );
    let (denied, _) = support::drift_check(root, &["--deny", "warnings"]);
    assert_eq!(
        denied.code, 1,
        "the stale number and the edits are warnings"
    );
    for t in report["translations"].as_array().unwrap() {
        let (doc, lang) = (t["document"].as_str().unwrap(), t["lang"].as_str().unwrap());
        let findings = t["findings"].as_array().unwrap();
        let stale = doc == "bantuan/menolak-pelatihan-ai" && ["zh", "ja", "ar"].contains(&lang);
        if !stale {
            assert_eq!(t["status"], "in_sync", "{doc} [{lang}]");
            assert!(findings.is_empty(), "{doc} [{lang}]: {findings:#?}");
            continue;
        }
        assert_eq!(t["status"], "outdated", "{doc} [{lang}]");
        let kinds: Vec<&str> = findings
            .iter()
            .map(|f| f["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == "source-changed").count(),
            5,
            "{lang}: {kinds:?}"
        );
        assert_eq!(
            kinds.iter().filter(|k| **k == "source-added").count(),
            1,
            "{lang}: {kinds:?}"
        );
        assert_eq!(
            kinds.iter().filter(|k| **k == "number-mismatch").count(),
            1,
            "{lang}: {kinds:?}"
        );
        assert_eq!(kinds.len(), 7, "{lang}: {kinds:?}");
    }
}
