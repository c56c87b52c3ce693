//! Walking the site's folders under one policy for symbolic links.
//!
//! Consumes: a folder of the site (`content/`, `static/`, `locales/LANG/`, a theme's
//! `templates/` or `static/`) and the site's [`Bounds`].
//! Produces: the files under it, sorted by name (hidden and editor files left out),
//! and a warning for every link that is not followed, naming it and why.
//! Guarantees: nothing outside the site root is read through a link, and no folder that
//! holds the site's sources or its output is walked as another one (a theme's `static`
//! linked to `../..` published `naskah.toml`, `content/` and the previous output, and
//! grew with every build). Links that stay inside the site and hold none of that are
//! followed; link loops are skipped with a warning.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// Where a walk may go: inside `root`, and never into a folder that holds one of
/// `keep_out` (the sources and the output), other than that folder's own walk.
#[derive(Debug, Clone)]
pub struct Bounds {
    root: PathBuf,
    keep_out: Vec<PathBuf>,
}

impl Bounds {
    /// The bounds of a site: its root; its config, content, themes, locales, static
    /// and output folders kept out of each other's walks.
    pub fn of(config: &Config, output: &Path) -> Bounds {
        let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let root = canonical(&config.root);
        let mut keep_out: Vec<PathBuf> =
            config.source_paths().iter().map(|p| canonical(p)).collect();
        keep_out.push(canonical(output));
        Bounds { root, keep_out }
    }

    /// Why `target` (canonical) may not be walked as `walked` (canonical), if it may not.
    fn refuse(&self, target: &Path, walked: &Path) -> Option<&'static str> {
        if !target.starts_with(&self.root) {
            return Some("it leads outside the site");
        }
        let holds_another = self
            .keep_out
            .iter()
            .any(|k| k.starts_with(target) && k != walked);
        holds_another.then_some("it leads to a folder that holds the site's sources or its output")
    }
}

/// The files under `dir` (which must exist), as paths that start with `dir`.
pub fn files(dir: &Path, bounds: &Bounds) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Diagnostic> {
    let warnings = RefCell::new(Vec::new());
    let not_followed = |link: &Path, why: &str| {
        let shown = link.strip_prefix(&bounds.root).unwrap_or(link);
        warnings.borrow_mut().push(
            Diagnostic::warning(format!(
                "{} is a link; not followed: {why}",
                shown.display()
            ))
            .with_help(
                "copy the files into the site, or link to a folder inside it that holds no sources",
            ),
        );
    };
    let walked = std::fs::canonicalize(dir)
        .map_err(|e| Diagnostic::error(format!("cannot read {}: {e}", dir.display())))?;
    if let Some(why) = bounds.refuse(&walked, &walked) {
        not_followed(dir, why);
        return Ok((Vec::new(), warnings.into_inner()));
    }
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && crate::content::is_ignored(e.file_name()) {
                return false;
            }
            if !e.path_is_symlink() || e.depth() == 0 {
                return true;
            }
            let refused = match std::fs::canonicalize(e.path()) {
                Ok(target) => bounds.refuse(&target, &walked),
                Err(_) => Some("its target does not exist"),
            };
            if let Some(why) = refused {
                not_followed(e.path(), why);
            }
            refused.is_none()
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if e.loop_ancestor().is_some() => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                not_followed(&path, "it loops back to a folder that holds it");
                continue;
            }
            Err(e) => {
                return Err(Diagnostic::error(format!(
                    "cannot read {}: {e}",
                    dir.display()
                )));
            }
        };
        if entry.file_type().is_file() {
            out.push(entry.into_path());
        }
    }
    Ok((out, warnings.into_inner()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(root: &Path) -> Bounds {
        let canonical = std::fs::canonicalize(root).unwrap();
        Bounds {
            keep_out: vec![canonical.join("content"), canonical.join("site")],
            root: canonical,
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_or_to_its_sources_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let outside = dir.path().join("outside");
        for d in ["content", "site", "static/inner", "shared"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.env"), "KEY=1").unwrap();
        std::fs::write(root.join("content/page.md"), "x").unwrap();
        std::fs::write(root.join("shared/logo.png"), "png").unwrap();
        std::fs::write(root.join("static/inner/a.css"), "a").unwrap();
        let link =
            |target: &Path, at: &str| std::os::unix::fs::symlink(target, root.join(at)).unwrap();
        link(&outside, "static/out");
        link(&root, "static/all");
        link(&root.join("shared"), "static/shared");
        link(&root.join("static"), "static/inner/loop");
        let (found, warnings) = files(&root.join("static"), &bounds(&root)).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|f| {
                f.strip_prefix(root.join("static"))
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["inner/a.css", "shared/logo.png"]);
        let text: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
        assert_eq!(text.len(), 3, "{text:#?}");
        assert!(
            text.iter()
                .any(|t| t.contains("static/out") && t.contains("outside the site"))
        );
        // The root holds static/ itself: a loop, or a folder of sources; never walked.
        assert!(text.iter().any(|t| t.contains("static/all")));
        assert!(text.iter().any(|t| t.contains("inner/loop")));
        // A folder linked as a whole is judged the same way.
        std::fs::remove_dir_all(root.join("static")).unwrap();
        link(&root, "static");
        let (found, warnings) = files(&root.join("static"), &bounds(&root)).unwrap();
        assert!(found.is_empty());
        assert_eq!(warnings.len(), 1);
    }
}
