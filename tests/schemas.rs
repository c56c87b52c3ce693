//! The JSON Schemas in `schemas/` agree with naskah: the one for `naskah.toml` accepts
//! what naskah accepts and rejects what it rejects, and real `naskah check --format
//! json` output, of every shape, validates against the report's.

mod support;

use std::path::Path;

use support::{TestSite, run};

fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("schema file");
    let value: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&value).expect("a valid JSON Schema")
}

fn toml_as_json(text: &str) -> serde_json::Value {
    let table: toml::Table = toml::from_str(text).expect("TOML");
    serde_json::to_value(table).expect("as JSON")
}

fn errors(validator: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_config_schema_accepts_the_configs_naskah_accepts() {
    let validator = schema("naskah.toml.schema.json");
    let tmp = tempfile::tempdir().unwrap();
    let init = tmp.path().join("site");
    run(&["init", init.to_str().unwrap()], &[]).success();
    let every_key = r#"title = "T"
base_url = "https://docs.example.org/"
edit_url = "https://github.com/o/r/edit/main/{path}"
source_language = "en"
output_dir = "public"
theme = "default"
status_dir = "status/all"
section_page_size = 50

[content]
unknown_front_matter = "warn"
layout = "folder"

[languages.en]
name = "English"

[languages.ar]
name = "العربية"
machine_translated = false
direction = "rtl"
drift = "hide"
hide_below = 0.5
"#;
    let configs = [
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("naskah.toml")).unwrap(),
        std::fs::read_to_string(init.join("naskah.toml")).unwrap(),
        support::CONFIG.to_string(),
        every_key.to_string(),
    ];
    for text in &configs {
        naskah::config::Config::parse(Path::new("."), text).expect("naskah accepts it");
        let found = errors(&validator, &toml_as_json(text));
        assert!(found.is_empty(), "{found:?}\n{text}");
    }
}

#[test]
fn the_config_schema_rejects_what_naskah_rejects() {
    let validator = schema("naskah.toml.schema.json");
    let base = "title = \"T\"\n";
    let language = "[languages.id]\nname = \"ID\"\n";
    let bad = [
        format!("{base}colour = \"red\"\n{language}"),
        format!("{base}section_page_size = 0\n{language}"),
        format!("{base}edit_url = \"https://github.com/o/r/edit/main/\"\n{language}"),
        format!("{base}[content]\nlayout = \"nested\"\n{language}"),
        format!("{base}[content]\nunknown = 1\n{language}"),
        format!("{base}{language}drift = \"ignore\"\n"),
        format!("{base}{language}nmae = \"typo\"\n"),
        "[languages.id]\nname = \"ID\"\n".to_string(),
    ];
    for text in &bad {
        assert!(
            naskah::config::Config::parse(Path::new("."), text).is_err(),
            "naskah accepts:\n{text}"
        );
        assert!(
            !errors(&validator, &toml_as_json(text)).is_empty(),
            "the schema accepts:\n{text}"
        );
    }
}

fn check_json(root: &Path) -> serde_json::Value {
    let root = root.to_string_lossy().into_owned();
    let out = run(&["check", "--format", "json", "--root", &root], &[]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("JSON on stdout")
}

#[test]
fn real_check_reports_validate_against_the_report_schema() {
    let validator = schema("check-report.schema.json");
    let mut reports = Vec::new();
    // The repository's own site: every status but orphan, findings of many kinds.
    reports.push(check_json(Path::new(env!("CARGO_MANIFEST_DIR"))));
    // A new site: an untracked translation with a finding.
    let tmp = tempfile::tempdir().unwrap();
    let init = tmp.path().join("site");
    run(&["init", init.to_str().unwrap()], &[]).success();
    reports.push(check_json(&init));
    // A site with a file it cannot read (problems) and an orphan translation.
    let broken = TestSite::new()
        .file("content/index.md", "+++\ntitle = \"B\"\n+++\nHalo.\n")
        .file("content/rusak.md", "+++\ntitle = \n+++\nIsi.\n")
        .file(
            "content/yatim.en.md",
            "+++\ntitle = \"Orphan\"\n+++\nText.\n",
        );
    reports.push(check_json(broken.root()));
    // A lock it cannot read at all: the report of a failed check.
    let conflicted = TestSite::new()
        .file("content/index.md", "Halo.\n")
        .file("naskah.lock", "<<<<<<< ours\n=======\n>>>>>>> theirs\n");
    reports.push(check_json(conflicted.root()));
    for report in &reports {
        let found = errors(&validator, report);
        assert!(found.is_empty(), "{found:?}\n{report:#}");
    }
    let statuses: std::collections::BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| r["translations"].as_array().into_iter().flatten())
        .filter_map(|t| t["status"].as_str())
        .collect();
    assert!(statuses.len() >= 4, "{statuses:?}");
    assert!(
        reports[2]["problems"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    );
    assert!(reports[3]["source_language"].is_null());
}
