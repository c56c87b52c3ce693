//! Last-updated dates of content files from the site's git history, for
//! `[content] updated_from_git = true`.
//!
//! Consumes: the site root, which must be inside a git work tree.
//! Produces: [`GitDates`]: for each file under `content/` (path relative to the root,
//! as [`crate::content::Page::path`] holds it) the date of the last commit that changed
//! it, as its committer wrote it (`%cs`: the commit's own time zone).
//! Guarantees: deterministic for a given `HEAD` (edits not yet committed do not move a
//! date, and neither the machine's time zone nor its clock matters); one `git log` for
//! the whole site; a missing `git` or a root outside a repository is an error that says
//! how to fix it; a shallow clone (every file would get the date of its one commit) is
//! a warning.

use std::path::{Path, PathBuf};
use std::process::Command;

use rustc_hash::FxHashMap;

use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{Date, DateValue};

/// Per content file, the date of the last commit that changed it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct GitDates {
    dates: FxHashMap<PathBuf, Date>,
}

impl GitDates {
    /// The date of the last commit that changed `path` (relative to the site root), if
    /// it was ever committed.
    pub fn get(&self, path: &Path) -> Option<Date> {
        self.dates.get(path).copied()
    }
}

/// Reads the dates from `git log`, with a warning when the history is shallow.
pub fn read(root: &Path) -> Result<(GitDates, Option<Diagnostic>), Diagnostic> {
    // A repository without a commit yet (`git init`, files added, none committed): no
    // page has a commit date, as no file of one that has commits would. `git log` fails
    // there; this asks without failing (and fails, with its help, outside a repository).
    let head = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            "HEAD^{commit}",
        ],
    );
    if head.is_err() {
        git(root, &["rev-parse", "--git-dir"])?;
        return Ok((GitDates::default(), None));
    }
    // Records start with \x01 and the date; then the changed files, each ending in NUL.
    let log = git(
        root,
        &[
            "log",
            "--format=%x01%cs",
            "--name-only",
            "--no-renames",
            "--relative",
            "-z",
            "--",
            "content",
        ],
    )?;
    let shallow = git(root, &["rev-parse", "--is-shallow-repository"])?;
    let warning = (shallow.trim() == "true").then(|| {
        Diagnostic::warning(
            "updated_from_git: this is a shallow clone, so every page's date is that of the one commit it holds",
        )
        .in_file(Path::new(CONFIG_FILE))
        .with_help("fetch the whole history (`git fetch --unshallow`; in GitHub Actions, `fetch-depth: 0` on actions/checkout)")
    });
    Ok((parse_log(&log), warning))
}

fn parse_log(log: &str) -> GitDates {
    let mut dates = FxHashMap::default();
    for record in log.split('\u{1}').filter(|r| !r.is_empty()) {
        let mut fields = record.split('\0');
        let Some(date) = fields
            .next()
            .and_then(|d| DateValue::Text(d.trim().to_string()).date())
        else {
            continue;
        };
        for file in fields.map(|f| f.trim_start_matches('\n')) {
            if !file.is_empty() {
                // The log runs newest first: the first date seen is the last change.
                dates.entry(PathBuf::from(file)).or_insert(date);
            }
        }
    }
    GitDates { dates }
}

/// Runs `git` in `root`, its standard output as text.
fn git(root: &Path, args: &[&str]) -> Result<String, Diagnostic> {
    let help = "set `updated_from_git = false` under [content] in naskah.toml, or give pages an `updated` date in their front matter";
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| {
            Diagnostic::error(format!("updated_from_git: cannot run git: {e}"))
                .in_file(Path::new(CONFIG_FILE))
                .with_help(format!("install git, or {help}"))
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Diagnostic::error(format!(
            "updated_from_git: `git {}` failed: {}",
            args[0],
            stderr.trim()
        ))
        .in_file(Path::new(CONFIG_FILE))
        .with_help(format!("the site must be in a git repository, or {help}")));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_file_wins() {
        let log =
            "\u{1}2025-03-04\0\ncontent/b.md\0\u{1}2025-01-02\0\ncontent/a/é.md\0content/b.md\0";
        let dates = parse_log(log);
        let iso = |p: &str| dates.get(Path::new(p)).map(|d| d.iso());
        assert_eq!(iso("content/b.md").as_deref(), Some("2025-03-04"));
        assert_eq!(iso("content/a/é.md").as_deref(), Some("2025-01-02"));
        assert_eq!(iso("content/c.md"), None);
    }

    #[test]
    fn a_record_without_a_date_is_skipped() {
        assert_eq!(
            parse_log("\u{1}garbage\0\ncontent/x.md\0"),
            GitDates::default()
        );
        assert_eq!(parse_log(""), GitDates::default());
    }
}
