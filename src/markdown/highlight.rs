//! Build-time syntax highlighting of fenced code blocks.
//!
//! Consumes: a fenced block's info string and its text.
//! Produces: the block's `<pre>` element, its tokens wrapped in `<span class="hl-…">`
//! named after the grammar's scopes (`hl-comment`, `hl-string`, `hl-keyword`, …), so a
//! theme colours them with CSS (the built-in theme has a light and a dark palette) and
//! pages need no JavaScript.
//! Guarantees: the text inside the spans is the code, HTML-escaped, byte for byte; a
//! language no grammar knows, or a grammar that fails on the text, gives the plain block
//! pulldown-cmark would have written. The grammars (syntect's bundled Sublime set) are
//! loaded once per process, on the first block that names a language; a [`Cache`]
//! highlights each distinct block once per build.

use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Every class the highlighter writes starts with this, so scope names (`string`,
/// `title`) cannot clash with a theme's own classes.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The language a fence names: its info string's first word (`rust,ignore` and
/// `sh {.class}` name `rust` and `sh`).
pub fn fence_language(info: &str) -> &str {
    info.split([' ', '\t', ',', '{']).next().unwrap_or_default()
}

/// Names documentation commonly uses for languages whose grammar goes by another name
/// in the bundled set.
fn grammar_token(language: &str) -> &str {
    match language {
        "console" | "shell" | "shell-session" | "zsh" | "bash" | "sh" => "bash",
        "ts" | "typescript" | "tsx" | "jsx" | "mjs" | "cjs" => "js",
        "jsonc" | "json5" => "json",
        "yml" => "yaml",
        "py" | "python3" => "python",
        "rs" => "rust",
        "golang" => "go",
        // Single-file components are HTML with embedded script and style.
        "html5" | "svg" | "vue" | "vue-html" | "svelte" | "astro" => "html",
        other => other,
    }
}

fn grammar(language: &str) -> Option<&'static SyntaxReference> {
    if language.is_empty() {
        return None;
    }
    let token = grammar_token(language);
    let set = syntaxes();
    set.find_syntax_by_token(token)
        .or_else(|| set.find_syntax_by_token(&token.to_ascii_lowercase()))
}

/// Whether a grammar knows `language`.
pub fn knows(language: &str) -> bool {
    grammar(language).is_some()
}

/// The highlighted `<pre>` element of a fenced block in `language`, or `None` when no
/// grammar knows the language or the grammar fails on the text (the caller writes
/// [`plain`]).
pub fn highlight(language: &str, code: &str) -> Option<String> {
    let syntax = grammar(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(element(
        "<pre class=\"hl\">",
        language,
        &generator.finalize(),
    ))
}

/// The highlighted blocks of one build, by language and text. Translations usually keep
/// their source's code, so a block is highlighted once for the site, not once per
/// language (highlighting costs far more than the rest of a page's Markdown).
#[derive(Default)]
pub struct Cache {
    blocks: Mutex<FxHashMap<blake3::Hash, Option<Arc<str>>>>,
}

impl Cache {
    /// [`highlight`], from the cache when this build has highlighted the same block.
    pub fn highlight(&self, language: &str, code: &str) -> Option<Arc<str>> {
        let key = blake3::Hasher::new()
            .update(language.as_bytes())
            .update(&[0])
            .update(code.as_bytes())
            .finalize();
        let lookup = |blocks: &FxHashMap<_, Option<Arc<str>>>| blocks.get(&key).cloned();
        if let Some(found) = self.blocks.lock().ok().as_deref().and_then(lookup) {
            return found;
        }
        // Highlighted outside the lock: two threads may do the same block once each.
        let html: Option<Arc<str>> = highlight(language, code).map(Arc::from);
        if let Ok(mut blocks) = self.blocks.lock() {
            blocks.insert(key, html.clone());
        }
        html
    }
}

/// The block without highlighting, as pulldown-cmark writes it.
pub fn plain(language: &str, code: &str) -> String {
    element("<pre>", language, &crate::marks::escape(code))
}

fn element(pre: &str, language: &str, body: &str) -> String {
    let language = crate::marks::escape(language);
    let mut html = String::with_capacity(body.len() + language.len() + 48);
    html.push_str(pre);
    html.push_str("<code class=\"language-");
    html.push_str(&language);
    html.push_str("\">");
    html.push_str(body);
    html.push_str("</code></pre>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of the highlighted HTML, tags removed and entities decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn tokens_get_scope_classes_and_the_text_is_kept() {
        let code = "fn main() {\n    // say <hi> & \"bye\"\n    let x = 42;\n}\n";
        let html = highlight("rust", code).expect("rust is bundled");
        assert!(html.starts_with("<pre class=\"hl\"><code class=\"language-rust\">"));
        assert!(html.contains("hl-comment"), "{html}");
        assert!(
            html.contains("hl-keyword") || html.contains("hl-storage"),
            "{html}"
        );
        assert!(html.contains("hl-numeric"), "{html}");
        assert!(!html.contains("<hi>"), "code is escaped: {html}");
        let inner = html
            .trim_start_matches("<pre class=\"hl\"><code class=\"language-rust\">")
            .trim_end_matches("</code></pre>\n");
        assert_eq!(text_of(inner), code);
    }

    #[test]
    fn common_aliases_find_a_grammar_and_unknown_languages_do_not() {
        for language in [
            "sh", "console", "ts", "yml", "py", "json", "html", "css", "go",
        ] {
            assert!(highlight(language, "x\n").is_some(), "{language}");
        }
        assert!(highlight("no-such-language", "x\n").is_none());
        assert!(highlight("", "x\n").is_none());
    }

    #[test]
    fn the_cache_gives_what_highlight_gives() {
        let cache = Cache::default();
        for _ in 0..2 {
            assert_eq!(
                cache.highlight("rust", "let x = 1;\n").as_deref(),
                highlight("rust", "let x = 1;\n").as_deref()
            );
            assert_eq!(cache.highlight("no-such", "x\n"), None);
        }
        assert_eq!(cache.blocks.lock().unwrap().len(), 2);
    }

    #[test]
    fn the_fence_language_is_the_first_word() {
        assert_eq!(fence_language("rust,ignore"), "rust");
        assert_eq!(fence_language("sh {.numberLines}"), "sh");
        assert_eq!(fence_language(""), "");
    }

    #[test]
    fn a_language_name_cannot_break_out_of_the_class_attribute() {
        // Only a name a grammar knows is highlighted, but the name is escaped anyway.
        assert_eq!(grammar_token("a\"b"), "a\"b");
        assert!(highlight("a\"><script>", "x\n").is_none());
    }
}
