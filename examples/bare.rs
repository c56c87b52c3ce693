//! A bare pulldown-cmark program: the floor that naskah's benchmark compares against.
//!
//! Reads every `.md` file under CONTENT_DIR, strips its front matter (TOML between `+++`
//! lines or YAML between `---` lines), renders it with the same pulldown-cmark options
//! as naskah, wraps it in a minimal HTML shell and writes it to
//! `OUT_DIR/[LANG/]PATH/index.html` (`NAME.LANG.md` goes under `LANG/`, `index.md` is
//! its folder's page), one file per Markdown file, in parallel with rayon.
//!
//! No templates, no navigation, no language switcher, no link rewriting, no drift
//! detection: only read, parse, render and write. Run it with
//!
//! ```sh
//! cargo run --release --example bare -- CONTENT_DIR OUT_DIR
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: bare CONTENT_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match run(Path::new(content), Path::new(out)) {
        Ok(pages) => {
            eprintln!(
                "bare: rendered {pages} pages into {out} in {:.2} s",
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("bare: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Renders every Markdown file of `content` into `out`; returns the number of pages.
fn run(content: &Path, out: &Path) -> Result<usize, String> {
    let mut sources = Vec::new();
    for entry in WalkDir::new(content) {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            sources.push(entry.into_path());
        }
    }
    if sources.is_empty() {
        return Err(format!("no .md file under {}", content.display()));
    }
    sources
        .par_iter()
        .map(|source| render_file(content, out, source))
        .collect::<Result<Vec<()>, String>>()?;
    Ok(sources.len())
}

fn render_file(content: &Path, out: &Path, source: &Path) -> Result<(), String> {
    let text =
        fs::read_to_string(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let (front, body) = split_front_matter(&text);
    let title = front
        .lines()
        .find_map(|line| line.strip_prefix("title"))
        .and_then(|rest| rest.trim_start().strip_prefix(['=', ':']))
        .map(|value| value.trim().trim_matches('"'))
        .unwrap_or("");

    let mut page = String::with_capacity(body.len() * 2 + 256);
    page.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
    escape_into(&mut page, title);
    page.push_str("</title></head>\n<body><main>\n");
    html::push_html(&mut page, Parser::new_ext(body, options()));
    page.push_str("</main></body></html>\n");

    let target = output_path(content, out, source);
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fs::write(&target, page).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// naskah's Markdown dialect (see `naskah::markdown::options`).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Splits `+++ … +++` or `--- … ---` front matter from the body.
fn split_front_matter(text: &str) -> (&str, &str) {
    for fence in ["+++", "---"] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
        else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                return (&rest[..offset], &rest[offset + line.len()..]);
            }
            offset += line.len();
        }
    }
    ("", text)
}

/// `a/b.md` → `OUT/a/b/index.html`, `a/b.en.md` → `OUT/en/a/b/index.html`,
/// `a/index.md` → `OUT/a/index.html`.
fn output_path(content: &Path, out: &Path, source: &Path) -> PathBuf {
    let relative = source.strip_prefix(content).unwrap_or(source);
    let stem = relative
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("page");
    let (name, lang) = match stem.rsplit_once('.') {
        Some((name, lang)) => (name, Some(lang)),
        None => (stem, None),
    };
    let mut target = out.to_path_buf();
    if let Some(lang) = lang {
        target.push(lang);
    }
    if let Some(parent) = relative.parent() {
        target.push(parent);
    }
    if name != "index" && name != "_index" {
        target.push(name);
    }
    target.push("index.html");
    target
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}
