//! The browser cuts a query into terms exactly as naskah cuts pages: `themes/default/static/assets/search-terms.js`
//! is run in Node.js on every paragraph of this repository's site (six languages) and on
//! hard cases, and must give the terms `src/search/terms.rs` gives.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use naskah::search::terms::terms;

fn node_or_skip() -> Option<()> {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have node (.ci/run installs it)"
        );
        eprintln!("SKIPPED: no node on this machine");
    }
    found.then_some(())
}

/// Every paragraph of the repository's content, with its language.
fn cases() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        let lang = stem.rsplit_once('.').map_or("id", |(_, l)| l).to_string();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        out.extend(text.split("\n\n").map(|p| (p.to_string(), lang.clone())));
    }
    let hard = [
        (
            "menolak penolakan ditolak memakai menyimpan pengaturan mengambil makan",
            "id",
        ),
        ("Données PARAMÈTRES «\u{a0}accès\u{a0}» x:y", "fr"),
        ("settings deleted deletes policies access user's", "en"),
        ("والبيانات البيانات بَيَانَات بيـــانات ٧ أيام ۳", "ar"),
        ("生成AI数据 ＡＩ ｶﾀｶﾅ データを削除 한국어 단어", "ja"),
        ("Ǆ İstanbul ΣΊΣΥΦΟΣ ß ﬁ", "en"),
        ("", "zh"),
    ];
    out.extend(hard.iter().map(|(t, l)| (t.to_string(), l.to_string())));
    out
}

#[test]
fn the_browser_cuts_text_into_the_same_terms_as_naskah() {
    if node_or_skip().is_none() {
        return;
    }
    let cases = cases();
    assert!(cases.len() > 100, "{} cases", cases.len());
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/assets/search-terms.js");
    let program = format!(
        "const terms = require({:?}); let input = ''; process.stdin.on('data', d => input += d); \
         process.stdin.on('end', () => console.log(JSON.stringify(JSON.parse(input).map(([t, l]) => terms(t, l)))));",
        script.display().to_string()
    );
    let mut child = Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let input = serde_json::to_string(&cases).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let browser: Vec<Vec<String>> = serde_json::from_slice(&output.stdout).unwrap();
    let mut differ = 0;
    for ((text, lang), js) in cases.iter().zip(&browser) {
        let rust = terms(text, lang);
        if &rust != js {
            differ += 1;
            eprintln!("[{lang}] {text:?}\n  rust: {rust:?}\n  js:   {js:?}");
        }
    }
    assert_eq!(
        differ,
        0,
        "{differ} of {} texts cut differently",
        cases.len()
    );
}
