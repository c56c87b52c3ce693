//! Code as the drift checks compare it: what a translator may change, masked.
//!
//! Consumes: a code block's text and its fence language, an inline code span, or a URL.
//! Produces: comparison keys. [`block_key`]: the code without its comments (by the
//! comment syntax of the fence's language, or a safe default), translatable placeholders
//! masked, blank lines dropped, line ends trimmed. [`literal_skeleton`]: that key with
//! the contents of string literals and of markup text emptied as well. [`mask_placeholders`]:
//! `{{path/to/file}}` → `{{}}`, `<name>` → `<>`, for inline code and URLs.
//! Guarantees: a translated comment or placeholder does not change a key; a changed
//! command, option, value or literal does (the skeleton tells "only the literals
//! differ" from "the code differs"). Comment markers inside string literals are not
//! comments. Pure, linear in the text, never panics.

/// How a language writes comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Syntax {
    /// Line comment markers; one counts at a line start or after whitespace.
    line: &'static [&'static str],
    /// Block comment delimiters.
    block: &'static [(&'static str, &'static str)],
    /// Whether `<tags>` are code (markup), so never placeholders.
    markup: bool,
}

const HASH: Syntax = Syntax {
    // `// ` too: writers annotate shell examples with it (`// Example output`), and no
    // command starts so.
    line: &["#", "// "],
    block: &[],
    markup: false,
};
const SLASH: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    markup: false,
};
/// JavaScript and TypeScript, which may hold JSX: tags are code there.
const SCRIPT: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    markup: true,
};
const CSS: Syntax = Syntax {
    line: &["//"],
    block: &[("/*", "*/")],
    markup: false,
};
const DASH: Syntax = Syntax {
    line: &["--"],
    block: &[("/*", "*/"), ("{-", "-}")],
    markup: false,
};
const MARKUP: Syntax = Syntax {
    line: &["//"],
    block: &[("<!--", "-->"), ("/*", "*/")],
    markup: true,
};
const SEMICOLON: Syntax = Syntax {
    line: &[";", "#"],
    block: &[],
    markup: false,
};
const PERCENT: Syntax = Syntax {
    line: &["%"],
    block: &[],
    markup: false,
};
const BATCH: Syntax = Syntax {
    line: &["REM ", "rem ", "::"],
    block: &[],
    markup: false,
};
const HASH_AND_SLASH: Syntax = Syntax {
    line: &["#", "//"],
    block: &[("/*", "*/")],
    markup: false,
};
/// No or an unknown language: the markers nearly every language that has them uses
/// for comments, still only at a line start or after whitespace.
const DEFAULT: Syntax = Syntax {
    // `# ` with its space: `#include` and `#!/bin/sh` are code.
    line: &["# ", "// "],
    block: &[("<!--", "-->"), ("/*", "*/")],
    markup: false,
};

/// The comment syntax of a fence language (lower case).
fn syntax(fence: Option<&str>) -> Syntax {
    let Some(fence) = fence else { return DEFAULT };
    match fence {
        "sh" | "bash" | "shell" | "zsh" | "fish" | "console" | "terminal" | "shellsession"
        | "shell-session" | "ksh" | "yaml" | "yml" | "python" | "py" | "python3" | "ruby"
        | "rb" | "toml" | "dockerfile" | "docker" | "containerfile" | "make" | "makefile"
        | "cmake" | "perl" | "pl" | "r" | "elixir" | "ex" | "exs" | "nim" | "tcl" | "conf"
        | "nginx" | "apache" | "properties" | "gitignore" | "coffee" | "coffeescript"
        | "crystal" | "julia" | "graphql" | "gql" | "nix" | "awk" | "powershell" | "ps1"
        | "pwsh" | "ps" | "dotenv" | "env" | "procfile" | "starlark" | "bzl" | "gdscript" => HASH,
        "c" | "h" | "cpp" | "c++" | "cc" | "hpp" | "cxx" | "cs" | "csharp" | "c#" | "java"
        | "kotlin" | "kt" | "kts" | "swift" | "go" | "golang" | "rust" | "rs" | "dart"
        | "scala" | "groovy" | "gradle" | "jsonc" | "json5" | "proto" | "protobuf" | "solidity"
        | "sol" | "zig" | "objectivec" | "objc" | "glsl" | "wgsl" | "hlsl" | "v" | "d"
        | "fsharp" | "f#" | "typespec" => SLASH,
        "js" | "javascript" | "jsx" | "mjs" | "cjs" | "ts" | "typescript" | "tsx" | "mts"
        | "cts" => SCRIPT,
        "css" | "scss" | "less" | "sass" | "stylus" | "postcss" => CSS,
        "sql" | "mysql" | "pgsql" | "postgres" | "postgresql" | "plsql" | "sqlite" | "tsql"
        | "lua" | "haskell" | "hs" | "elm" | "ada" | "vhdl" | "purescript" => DASH,
        "html" | "htm" | "xml" | "svg" | "xhtml" | "vue" | "svelte" | "astro" | "markdown"
        | "md" | "mdx" | "jinja" | "jinja2" | "liquid" | "handlebars" | "hbs" | "erb" | "ejs"
        | "njk" | "nunjucks" | "xsl" | "xslt" | "plist" | "rss" | "atom" | "wsdl" => MARKUP,
        "ini" | "cfg" | "lisp" | "clojure" | "clj" | "cljs" | "scheme" | "racket" | "elisp"
        | "emacs-lisp" | "asm" | "nasm" | "assembly" | "x86asm" | "autohotkey" => SEMICOLON,
        "tex" | "latex" | "erlang" | "erl" | "matlab" | "octave" | "prolog" | "postscript" => {
            PERCENT
        }
        "bat" | "cmd" | "batch" | "dos" => BATCH,
        "php" | "hcl" | "terraform" | "tf" => HASH_AND_SLASH,
        // Data formats without comments: nothing is a comment there.
        // JSON with comments (editor settings, tsconfig) is labelled `json` too.
        "json" => SLASH,
        "csv" | "tsv" | "text" | "txt" | "plain" | "plaintext" | "diff" | "patch" | "output"
        | "log" => Syntax {
            line: &[],
            block: &[],
            markup: false,
        },
        _ => DEFAULT,
    }
}

/// Whether a fence language is a shell script (commands a reader types; not a session
/// transcript, whose output lines may be translated).
pub fn is_shell(fence: &str) -> bool {
    matches!(
        fence,
        "sh" | "bash"
            | "shell"
            | "zsh"
            | "fish"
            | "ksh"
            | "powershell"
            | "ps1"
            | "pwsh"
            | "bat"
            | "cmd"
    )
}

/// The comparison key of a code block: comments removed, placeholders masked, line ends
/// trimmed, blank lines dropped.
pub fn block_key(code: &str, fence: Option<&str>) -> String {
    let syntax = syntax(fence);
    let stripped = strip_comments(code, syntax);
    let mut out = String::with_capacity(stripped.len());
    for line in stripped.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        // Indentation kept; runs of spaces inside a line folded (`{  a }` ≡ `{ a }`).
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let folded = body.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&mask(&folded, !syntax.markup));
    }
    out
}

/// [`block_key`] with the contents of string literals (`"…"`, `'…'`, `` `…` ``) and, in
/// markup, the text between tags emptied: equal skeletons with unequal keys mean that
/// only sample text was translated.
pub fn literal_skeleton(code: &str, fence: Option<&str>) -> String {
    let key = block_key(code, fence);
    // JSX lives in JavaScript and TypeScript blocks (markup there too): the text
    // between tags is sample text as well.
    let markup = syntax(fence).markup;
    let mut out = String::with_capacity(key.len());
    let mut quote: Option<char> = None;
    let mut in_text = false;
    // Brace depth, and the depths at which an expression inside text opened
    // (`<h1>{name}'s list</h1>`): the text goes on after its `}`.
    let mut depth = 0usize;
    let mut resume: Vec<usize> = Vec::new();
    let mut previous = '\n';
    for c in key.chars() {
        match quote {
            Some(q) => {
                if c == q || c == '\n' {
                    quote = None;
                    out.push(c);
                }
            }
            // Text between a tag and the next tag or expression, over lines.
            None if in_text => {
                if c == '<' || c == '{' {
                    in_text = false;
                    out.push(c);
                    if c == '{' {
                        resume.push(depth);
                        depth += 1;
                    }
                }
            }
            None => {
                out.push(c);
                match c {
                    '"' | '\'' | '`' => quote = Some(c),
                    '{' => depth += 1,
                    '}' => {
                        depth = depth.saturating_sub(1);
                        if resume.last() == Some(&depth) {
                            resume.pop();
                            in_text = true;
                        }
                    }
                    '>' if markup && is_tag_end(previous) => in_text = true,
                    _ => {}
                }
            }
        }
        previous = c;
    }
    out
}

/// Whether a `>` after `previous` closes a tag (`<p>`, `<a href="x">`, `<br/>`), not an
/// arrow, a comparison or a shift (`=>`, `a > b`, `->`, `>>`).
fn is_tag_end(previous: char) -> bool {
    !previous.is_whitespace() && !matches!(previous, '=' | '-' | '>' | '<')
}

/// An inline code span as a right-to-left editor may leave it: `watch()` typed in an
/// Arabic sentence is often stored as `()watch`, `.once` as `once.`. Both sides are
/// folded (leading punctuation moved to the end) before they are compared.
pub fn right_to_left_fold(code: &str) -> String {
    let lead = code.len()
        - code
            .trim_start_matches(|c: char| c.is_ascii_punctuation())
            .len();
    format!("{}{}", &code[lead..], &code[..lead])
}

/// Masks translatable placeholders in an inline code span or a URL.
pub fn mask_placeholders(text: &str) -> String {
    mask(text.trim(), true)
}

/// `{{words}}` → `{{}}`, and with `angles`, `<words>` → `<>`. Template expressions
/// (`{{ .Values.x }}`, `{{[-a|--all]}}`, `{{ f(x) }}`) and tags with attributes stay.
fn mask(text: &str, angles: bool) -> String {
    if !(text.contains("{{") || angles && text.contains('<')) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix("{{")
            && let Some(end) = inner.find("}}")
            && is_placeholder(&inner[..end], true)
        {
            out.push_str("{{}}");
            rest = &inner[end + 2..];
            continue;
        }
        if angles
            && let Some(inner) = rest.strip_prefix('<')
            && let Some(end) = inner.find('>')
            && is_placeholder(&inner[..end], false)
        {
            out.push_str("<>");
            rest = &inner[end + 1..];
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// Words a translator may translate: letters (any script), digits, spaces, `-_/.`; not
/// a template expression, an option list or an empty pair.
fn is_placeholder(inner: &str, braces: bool) -> bool {
    let trimmed = inner.trim();
    let Some(first) = trimmed.chars().next() else {
        return false;
    };
    if matches!(
        first,
        '.' | '-' | '$' | '[' | '/' | '!' | '?' | '%' | '#' | '@'
    ) {
        return false;
    }
    if !braces && (inner.starts_with(' ') || inner.ends_with(' ')) {
        // `a < b > c` is a comparison, not a placeholder.
        return false;
    }
    trimmed.chars().any(char::is_alphabetic)
        && trimmed
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '/' | '.' | '…'))
}

/// The code with comments removed, string literals respected.
fn strip_comments(code: &str, syntax: Syntax) -> String {
    let comments = comments(code, syntax);
    if comments.is_empty() {
        return code.to_string();
    }
    let mut out = String::with_capacity(code.len());
    let mut at = 0;
    for comment in comments {
        out.push_str(&code[at..comment.whole.start]);
        at = comment.whole.end;
    }
    out.push_str(&code[at..]);
    out
}

/// A comment of a code block: all of it, markers included, and its text.
struct Comment {
    whole: std::ops::Range<usize>,
    text: std::ops::Range<usize>,
}

/// The byte ranges of the comments' texts in a code block (without their markers and
/// the spaces around them): what `naskah translate` may translate in code.
pub fn comment_texts(code: &str, fence: Option<&str>) -> Vec<std::ops::Range<usize>> {
    comments(code, syntax(fence))
        .into_iter()
        .map(|c| c.text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The comments of `code`, in order; comment markers inside string literals are not
/// comments.
fn comments(code: &str, syntax: Syntax) -> Vec<Comment> {
    let mut out = Vec::new();
    if syntax.line.is_empty() && syntax.block.is_empty() {
        return out;
    }
    let mut at = 0;
    let mut quote: Option<char> = None;
    let mut at_word_start = true;
    // The last character that is not in a comment.
    let mut prev: Option<char> = None;
    while let Some(c) = code[at..].chars().next() {
        let rest = &code[at..];
        if let Some(q) = quote {
            at += c.len_utf8();
            prev = Some(c);
            if c == '\\' {
                if let Some(next) = code[at..].chars().next() {
                    at += next.len_utf8();
                    prev = Some(next);
                }
            } else if c == q || c == '\n' {
                quote = None;
            }
            continue;
        }
        if let Some(&(open, close)) = syntax.block.iter().find(|(open, _)| rest.starts_with(open)) {
            let inner = at + open.len();
            let (text_end, end) = code[inner..]
                .find(close)
                .map_or((code.len(), code.len()), |e| {
                    (inner + e, inner + e + close.len())
                });
            out.push(Comment {
                whole: at..end,
                text: trimmed(code, inner..text_end),
            });
            at = end;
            continue;
        }
        if at_word_start && let Some(marker) = syntax.line.iter().find(|m| rest.starts_with(**m)) {
            let end = rest.find('\n').map_or(code.len(), |e| at + e);
            out.push(Comment {
                whole: at..end,
                text: trimmed(code, at + marker.len()..end),
            });
            at = end;
            continue;
        }
        if matches!(c, '"' | '\'' | '`') && !is_apostrophe(prev, rest, c) {
            quote = Some(c);
        }
        at_word_start = c.is_whitespace();
        prev = Some(c);
        at += c.len_utf8();
    }
    out
}

fn trimmed(code: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let text = &code[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    start..(range.start + text.trim_end().len()).max(start)
}

/// `don't`: a quote between two letters opens no string (`prev`: the character before).
fn is_apostrophe(prev: Option<char>, rest: &str, c: char) -> bool {
    c == '\''
        && prev.is_some_and(char::is_alphanumeric)
        && rest[1..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_comments_do_not_change_the_key() {
        let en = "# Create the pod\nkubectl apply -f pod.yaml  # apply it\n";
        let ko = "# 파드를 생성한다\nkubectl apply -f pod.yaml  # 적용한다\n";
        assert_eq!(block_key(en, Some("shell")), block_key(ko, Some("shell")));
        let js = "// Set the timeout\nsetTimeout(run, 100); /* ms */\n";
        let zh = "// 设置超时\nsetTimeout(run, 100); /* 毫秒 */\n";
        assert_eq!(block_key(js, Some("js")), block_key(zh, Some("js")));
        let html = "<!-- the title -->\n<h1 class=\"t\">Hi</h1>\n";
        let ar = "<!-- العنوان -->\n<h1 class=\"t\">Hi</h1>\n";
        assert_eq!(block_key(html, Some("html")), block_key(ar, Some("html")));
        let sql = "SELECT * FROM t -- all rows\n";
        assert_eq!(
            block_key(sql, Some("sql")),
            block_key("SELECT * FROM t -- toutes les lignes\n", Some("sql"))
        );
    }

    #[test]
    fn changed_code_changes_the_key() {
        let a = "# Create the pod\nkubectl apply -f pod.yaml\n";
        let b = "# Create the pod\nkubectl create -f pod.yaml\n";
        assert_ne!(block_key(a, Some("sh")), block_key(b, Some("sh")));
        assert_ne!(block_key(a, None), block_key(b, None));
    }

    #[test]
    fn markers_inside_strings_and_words_are_not_comments() {
        let url = "curl \"https://example.com/#top\" # fetch\n";
        assert_eq!(
            block_key(url, Some("sh")),
            "curl \"https://example.com/#top\""
        );
        assert_eq!(block_key("echo a#b\n", Some("sh")), "echo a#b");
        let js = "fetch('https://a.b/c') // get\n";
        assert_eq!(block_key(js, Some("js")), "fetch('https://a.b/c')");
        // An apostrophe in a comment-free line opens no string.
        assert_eq!(block_key("don't # no\n", Some("sh")), "don't");
    }

    #[test]
    fn placeholders_are_masked() {
        assert_eq!(
            block_key("tar xf {{path/to/file}}\n", Some("sh")),
            block_key("tar xf {{jalur/ke/berkas}}\n", Some("sh"))
        );
        assert_eq!(
            block_key("kubectl get pod <pod-name>\n", None),
            block_key("kubectl get pod <nama-pod>\n", None)
        );
        assert_eq!(
            mask_placeholders("s3://{{bucket}}/x"),
            mask_placeholders("s3://{{ember}}/x")
        );
        // Options, template expressions, tags and comparisons stay.
        assert_ne!(
            mask("ls {{[-a|--all]}}", true),
            mask("ls {{[-l|--long]}}", true)
        );
        assert_ne!(mask("{{ .Values.a }}", true), mask("{{ .Values.b }}", true));
        assert_eq!(mask("if a < b > c", true), "if a < b > c");
        assert_ne!(
            block_key("<div class=\"a\">x</div>\n", Some("html")),
            block_key("<span class=\"a\">x</span>\n", Some("html"))
        );
    }

    #[test]
    fn right_to_left_edits_fold_to_one_form() {
        assert_eq!(right_to_left_fold("()watch"), right_to_left_fold("watch()"));
        assert_eq!(right_to_left_fold(".once"), right_to_left_fold("once."));
        assert_ne!(right_to_left_fold("watch()"), right_to_left_fold("ref()"));
    }

    #[test]
    fn skeletons_tell_translated_literals_from_changed_code() {
        let en = "console.log(\"Hello\");\n";
        let fr = "console.log(\"Bonjour\");\n";
        assert_ne!(block_key(en, Some("js")), block_key(fr, Some("js")));
        assert_eq!(
            literal_skeleton(en, Some("js")),
            literal_skeleton(fr, Some("js"))
        );
        assert_ne!(
            literal_skeleton(en, Some("js")),
            literal_skeleton("console.warn(\"Hello\");\n", Some("js"))
        );
        let expression = "<h1>{person.name}'s Todos</h1>\n";
        assert_eq!(
            literal_skeleton(expression, Some("js")),
            literal_skeleton("<h1>قائمة مهام {person.name}</h1>\n", Some("js"))
        );
        assert_ne!(
            literal_skeleton(expression, Some("js")),
            literal_skeleton("<h1>{person.title}'s Todos</h1>\n", Some("js"))
        );
        let jsx = "<h1>Hello</h1>\n";
        assert_eq!(
            literal_skeleton(jsx, Some("jsx")),
            literal_skeleton("<h1>こんにちは</h1>\n", Some("jsx"))
        );
    }
}
