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
//! loaded once per process, on the first block that names a language; each thread
//! parses a line again only in a grammar state it has not met it in, so a translation's
//! block that keeps its source's code is not parsed again, and one whose comments are
//! translated only on those lines; a block met again whole is not walked at all.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use syntect::html::{ClassStyle, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
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
/// [`plain`]). Lines go through this thread's line cache ([`LINES`]).
pub fn highlight(language: &str, code: &str) -> Option<String> {
    LINES.with(|lines| highlight_with(language, code, lines))
}

/// Where the highlighter is between two lines: the grammar's state and the scopes of
/// the spans left open. A line's HTML depends on nothing else. (A state that holds a
/// match's captures, inside a heredoc say, compares its regions by address and so never
/// equals another: such lines are parsed every time, as without the cache.)
#[derive(Clone, PartialEq, Eq)]
struct LineState {
    parse: ParseState,
    scopes: ScopeStack,
}

/// One line highlighted from one state.
struct LineEntry {
    grammar: usize,
    line: Box<str>,
    before: LineState,
    html: Box<str>,
    open_spans: isize,
    after: LineState,
}

/// Highlighted lines by a digest of grammar and text, each with the states it was met in;
/// and whole blocks by a digest of grammar and code.
#[derive(Default)]
struct Lines {
    lines: Capped<LineEntry>,
    blocks: Capped<BlockEntry>,
}

/// One block highlighted: its grammar, its code and the HTML inside its `<code>`.
/// Most of a translated site's blocks are their source's, byte for byte: such a block
/// costs one lookup instead of a lookup, a comparison of states and a copy of the
/// state after each of its lines (the hit path was a fifth of the highlighting time).
struct BlockEntry {
    grammar: usize,
    code: Box<str>,
    html: Box<str>,
}

/// A thread's cache holds about this much; past it, it starts again (a watch session
/// keeps it from build to build: the grammars are the process's own, so it stays true).
const LINES_BUDGET: usize = 4 << 20;
/// The same for whole blocks (a document's blocks, in all its languages, are rendered
/// one after another, so a small window catches them).
const BLOCKS_BUDGET: usize = 2 << 20;

thread_local! {
    /// Per thread, not per build: the grammar's state holds Oniguruma match regions,
    /// which may not be shared across threads.
    static LINES: Lines = Lines::default();
}

/// Entries by a digest, every entry of a digest kept; past a budget of bytes (as the
/// caller estimates them) it starts again.
struct Capped<T> {
    entries: RefCell<FxHashMap<u64, Vec<Rc<T>>>>,
    /// About how many bytes the entries hold.
    bytes: Cell<usize>,
}

impl<T> Default for Capped<T> {
    fn default() -> Self {
        Capped {
            entries: RefCell::default(),
            bytes: Cell::new(0),
        }
    }
}

impl<T> Capped<T> {
    fn find(&self, key: u64, matches: impl Fn(&T) -> bool) -> Option<Rc<T>> {
        let entries = self.entries.borrow();
        entries.get(&key)?.iter().find(|e| matches(e)).cloned()
    }

    fn put(&self, key: u64, (size, budget): (usize, usize), entry: T) {
        let mut entries = self.entries.borrow_mut();
        if self.bytes.get() + size > budget {
            entries.clear();
            self.bytes.set(0);
        }
        self.bytes.set(self.bytes.get() + size);
        entries.entry(key).or_default().push(Rc::new(entry));
    }
}

impl Lines {
    fn key(grammar: usize, line: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        (grammar, line).hash(&mut hasher);
        hasher.finish()
    }

    fn get(&self, grammar: usize, line: &str, state: &LineState) -> Option<Rc<LineEntry>> {
        self.lines.find(Self::key(grammar, line), |e| {
            e.grammar == grammar && &*e.line == line && e.before == *state
        })
    }

    fn put(&self, entry: LineEntry) {
        // An estimate: the two states hold a level of grammar contexts and a scope per
        // level of nesting, each a few allocations.
        let levels = entry.before.scopes.len() + entry.after.scopes.len();
        let size = entry.line.len() + entry.html.len() + 512 + 192 * levels;
        let key = Self::key(entry.grammar, &entry.line);
        self.lines.put(key, (size, LINES_BUDGET), entry);
    }

    fn block(&self, grammar: usize, code: &str) -> Option<Rc<BlockEntry>> {
        self.blocks.find(Self::key(grammar, code), |e| {
            e.grammar == grammar && &*e.code == code
        })
    }

    fn put_block(&self, entry: BlockEntry) {
        let size = entry.code.len() + entry.html.len() + 64;
        let key = Self::key(entry.grammar, &entry.code);
        self.blocks.put(key, (size, BLOCKS_BUDGET), entry);
    }
}

/// The highlighted block: from `lines`' blocks when this thread highlighted the same
/// code in the same grammar before, else line by line ([`lines_html`]).
fn highlight_with(language: &str, code: &str, lines: &Lines) -> Option<String> {
    let syntax = grammar(language)?;
    let id = std::ptr::from_ref(syntax) as usize;
    if let Some(block) = lines.block(id, code) {
        return Some(element("<pre class=\"hl\">", language, &block.html));
    }
    let html = lines_html(syntax, id, code, lines)?;
    let out = element("<pre class=\"hl\">", language, &html);
    lines.put_block(BlockEntry {
        grammar: id,
        code: Box::from(code),
        html: html.into_boxed_str(),
    });
    Some(out)
}

/// Highlights line by line through `lines`: each line parsed only in a state it was not
/// met in before, with the HTML syntect's `ClassedHTMLGenerator` writes (the tests hold
/// the two to each other).
fn lines_html(syntax: &SyntaxReference, id: usize, code: &str, lines: &Lines) -> Option<String> {
    let mut state = LineState {
        parse: ParseState::new(syntax),
        scopes: ScopeStack::new(),
    };
    let (mut html, mut open_spans) = (String::with_capacity(code.len() * 3), 0isize);
    for line in LinesWithEndings::from(code) {
        if let Some(entry) = lines.get(id, line, &state) {
            html.push_str(&entry.html);
            open_spans += entry.open_spans;
            state = entry.after.clone();
            continue;
        }
        let before = state.clone();
        let ops = state.parse.parse_line(line, syntaxes()).ok()?;
        let (line_html, delta) =
            line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut state.scopes).ok()?;
        html.push_str(&line_html);
        open_spans += delta;
        lines.put(LineEntry {
            grammar: id,
            line: Box::from(line),
            before,
            html: line_html.into_boxed_str(),
            open_spans: delta,
            after: state.clone(),
        });
    }
    for _ in 0..open_spans {
        html.push_str("</span>");
    }
    Some(html)
}

/// The block without highlighting, as pulldown-cmark writes it.
pub fn plain(language: &str, code: &str) -> String {
    element("<pre>", language, &crate::marks::escape(code))
}

fn element(pre: &str, language: &str, body: &str) -> String {
    let language = crate::marks::escape(language);
    // The markup around the body is up to 54 bytes: room for all of it, or the whole
    // block is copied again when the string grows (0.5 % of a reference build).
    let mut html = String::with_capacity(body.len() + language.len() + 64);
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

    /// What syntect's own generator writes for a block: what the cached path must write.
    fn reference(language: &str, code: &str) -> Option<String> {
        use syntect::html::ClassedHTMLGenerator;
        let syntax = grammar(language)?;
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), CLASS_STYLE);
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

    /// Lines met again, in the same state or another (inside a block comment, a string
    /// or a tag), give the HTML a fresh generator gives.
    #[test]
    fn cached_lines_give_the_html_of_a_fresh_highlight() {
        let blocks = [
            (
                "rust",
                "let a = 1;\n/* start\nlet a = 1;\n*/\nlet a = 1;\n}\n",
            ),
            ("rust", "// translated comment\nlet a = 1;\n}\n"),
            ("python", "x = 1\n\"\"\"\nx = 1\n\"\"\"\nx = 1\n"),
            ("html", "<div>\n<script>\nx = 1\n</script>\nx = 1\n</div>\n"),
            ("sh", "echo \"a\nx = 1\n\"\nx = 1\n"),
            ("yaml", "a: |\n  x = 1\nx = 1\n"),
        ];
        let lines = Lines::default();
        for _ in 0..2 {
            for (language, code) in blocks {
                assert_eq!(
                    highlight_with(language, code, &lines),
                    reference(language, code),
                    "{language}: {code}"
                );
            }
        }
        assert!(
            lines
                .lines
                .entries
                .borrow()
                .values()
                .any(|found| found.len() > 1)
        );
        // The second round came from the whole-block cache.
        assert_eq!(lines.blocks.entries.borrow().len(), blocks.len());
    }

    /// A block met again under another name of the same grammar is served from the
    /// cache with its own name in the class.
    #[test]
    fn a_cached_block_keeps_the_name_its_fence_gives() {
        let lines = Lines::default();
        let code = "echo hi # say\n";
        let sh = highlight_with("sh", code, &lines).expect("bash is bundled");
        let bash = highlight_with("bash", code, &lines).expect("bash is bundled");
        assert!(sh.contains("language-sh"), "{sh}");
        assert_eq!(bash, reference("bash", code).expect("bash is bundled"));
        assert_eq!(lines.blocks.entries.borrow().len(), 1);
    }

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
