//! The README's tutorial, run as written: every `console` block of its "Tutorial"
//! section, command by command, in a temp folder, with the real `naskah` on `PATH`.
//! Each line of output the README shows must appear in what the command printed
//! (timings, dates and the temp folder's path aside), and each command must succeed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One command of the tutorial and the output the README shows for it.
struct Step {
    command: String,
    shown: Vec<String>,
}

/// The `console` blocks of the README section whose heading starts with "Tutorial".
fn tutorial_steps(readme: &str) -> Vec<Step> {
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("Tutorial"))
        .expect("the README has a Tutorial section");
    let mut steps: Vec<Step> = Vec::new();
    let mut in_console = false;
    for line in section.lines() {
        match (in_console, line.trim_end()) {
            (false, "```console") => in_console = true,
            (true, "```") => in_console = false,
            (true, text) => match text.strip_prefix("$ ") {
                Some(command) => steps.push(Step {
                    command: command.to_string(),
                    shown: Vec::new(),
                }),
                None => steps
                    .last_mut()
                    .expect("output before any command")
                    .shown
                    .push(text.to_string()),
            },
            _ => {}
        }
    }
    steps
}

/// Output as compared: the temp folder's path, timings (`in 0.02 s`) and dates
/// (`2026-12-06`) made neutral; lines trimmed.
fn normalize(text: &str, root: &Path) -> Vec<String> {
    let text = text.replace(&format!("{}/", root.display()), "");
    text.lines()
        .map(|line| {
            let line = match line.rfind(" in ") {
                Some(at) if line.ends_with(" s") => &line[..at],
                _ => line,
            };
            without_dates(line.trim())
        })
        .collect()
}

fn without_dates(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < line.len() {
        let is_date = i + 10 <= line.len()
            && bytes[i..i + 10].iter().enumerate().all(|(k, b)| match k {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        if is_date {
            out.push_str("DATE");
            i += 10;
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[test]
fn the_readme_tutorial_runs_as_written() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let steps = tutorial_steps(&readme);
    assert!(steps.len() >= 8, "{} commands", steps.len());
    let naskah = PathBuf::from(env!("CARGO_BIN_EXE_naskah"));
    let path = format!(
        "{}:{}",
        naskah.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let tmp = tempfile::tempdir().unwrap();
    let mut cwd = tmp.path().to_path_buf();
    for step in &steps {
        if let Some(dir) = step.command.strip_prefix("cd ") {
            cwd = cwd.join(dir);
            continue;
        }
        let output = Command::new("sh")
            .args(["-c", &step.command])
            .current_dir(&cwd)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .expect("run sh");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.status.success(),
            "`{}` failed ({}):\n{printed}",
            step.command,
            output.status
        );
        let actual = normalize(&printed, &cwd);
        for line in &step.shown {
            let expected = normalize(line, &cwd).join("");
            assert!(
                actual.contains(&expected),
                "`{}` did not print {expected:?}; it printed:\n{}",
                step.command,
                actual.join("\n")
            );
        }
    }
}
