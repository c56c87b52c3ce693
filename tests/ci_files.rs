//! The CI and editor files a user copies (`docs/ci/`, `.pre-commit-hooks.yaml`) parse,
//! and every `naskah check` command in them is one naskah accepts, run on this
//! repository's site: a flag renamed in naskah cannot leave them stale.

mod support;

use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join(path)).expect("file exists");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

/// The commands of a YAML or JSON document: the strings under `run`, `entry`,
/// `command` and `script` keys.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    fn all(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str())
                .for_each(|s| out.push(s.to_string())),
            _ => {}
        }
    }
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                if matches!(key.as_str(), "run" | "entry" | "command" | "script") {
                    all(v, out);
                } else {
                    strings(v, out);
                }
            }
        }
        _ => {}
    }
}

/// Runs each `naskah check …` command found in `value` (up to a redirection or `||`)
/// on the repository's site; naskah must accept its arguments (exit 0 or 1, not 2).
fn commands_are_accepted(file: &str, value: &serde_json::Value) -> usize {
    let mut all = Vec::new();
    strings(value, &mut all);
    let root = repo().to_string_lossy().into_owned();
    let mut count = 0;
    for line in all.iter().flat_map(|s| s.lines()) {
        let Some(at) = line.find("naskah check") else {
            continue;
        };
        let command = line[at..].split(['>', '|']).next().unwrap_or_default();
        let mut args: Vec<&str> = command.split_whitespace().skip(1).collect();
        args.extend(["--root", &root]);
        let run = support::run(&args, &[]);
        assert!(
            run.code == 0 || run.code == 1,
            "{file}: `{command}` exited {}:\n{}",
            run.code,
            run.stderr
        );
        count += 1;
    }
    count
}

#[test]
fn ci_and_editor_files_parse_and_their_commands_work() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    assert_eq!(hooks[0]["id"], "naskah-check");
    assert_eq!(commands_are_accepted(".pre-commit-hooks.yaml", &hooks), 1);
    let github = yaml("docs/ci/github-actions.yml");
    assert!(github["jobs"]["docs"]["steps"].is_array());
    assert_eq!(
        commands_are_accepted("docs/ci/github-actions.yml", &github),
        2
    );
    let gitlab = yaml("docs/ci/gitlab-ci.yml");
    assert!(gitlab["drift"]["script"].is_array());
    assert_eq!(commands_are_accepted("docs/ci/gitlab-ci.yml", &gitlab), 2);
    let tasks: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/ci/vscode-tasks.json")).unwrap(),
    )
    .expect("vscode-tasks.json is JSON");
    let matcher = &tasks["tasks"][0]["problemMatcher"]["pattern"];
    assert_eq!(matcher["file"], 1);
    assert_eq!(
        commands_are_accepted("docs/ci/vscode-tasks.json", &tasks),
        1
    );
}
