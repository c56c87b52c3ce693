//! Is a translated segment left in the source language?
//!
//! Consumes: one aligned pair of plain-text segments (Markdown already stripped), the
//! source and its translation, with their two languages ([`Languages`], read once per
//! translation from the BCP 47 codes).
//! Produces: a yes/no verdict, "this translation looks like it was never translated".
//! Guarantees: precision over recall. Short segments (under 4 source words), code-like
//! text, URLs, e-mail addresses, numbers and proper-noun-only text are never flagged;
//! a false alarm costs a translator's trust, a miss only delays a fix. Pure and
//! allocation-light; never panics.

use super::numbers::{is_common_letter, is_letter};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Whether `target` (a segment of a translation into `target_lang`) looks like it was
/// left in the source language `source_lang` instead of being translated from `source`.
/// Both are plain text (Markdown already stripped). Precision over recall: short
/// segments, code-like text, URLs, numbers and proper-noun-only text are never flagged.
pub fn looks_untranslated(
    source: &str,
    target: &str,
    source_lang: &str,
    target_lang: &str,
) -> bool {
    untranslated(
        &Prepared::new(source),
        &Prepared::new(target),
        &Languages::new(source_lang, target_lang),
    )
}

/// What the checks ask of a translation's two languages, worked out once per
/// translation: asked again for every aligned pair, the script of the target language
/// alone was a tenth of the cheap test's cost.
#[derive(Debug, Clone)]
pub struct Languages {
    /// The primary subtags, lower case ("zh-Hant" → "zh").
    source: String,
    target: String,
    target_latin: bool,
    source_malayic: bool,
}

impl Languages {
    pub fn new(source_lang: &str, target_lang: &str) -> Languages {
        let (source, target) = (primary_subtag(source_lang), primary_subtag(target_lang));
        Languages {
            target_latin: is_latin_script(target_lang),
            source_malayic: is_malayic(&source),
            source,
            target,
        }
    }
}

/// Whether a text is code rather than prose (a third of its tokens are syntax:
/// `import X from './x'`, a command line), so that no reader misses it translated.
pub fn is_code_like(text: &str) -> bool {
    is_module_statement(text) || Profile::of(text).code_like
}

/// An MDX `import X from './x'` or `export const …` line, which Markdown reads as a
/// paragraph.
fn is_module_statement(text: &str) -> bool {
    let quoted_source = text.ends_with('\'') || text.ends_with('"') || text.ends_with(';');
    (text.starts_with("import ") && quoted_source) || text.starts_with("export ")
}

/// A segment analysed once, so that a source segment shared by several translations is
/// profiled once, not once per language.
#[derive(Debug)]
pub struct Prepared {
    profile: Profile,
    normalized: String,
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        Prepared {
            profile: Profile::of(text),
            normalized: normalize(text),
        }
    }
}

/// [`looks_untranslated`] over prepared segments.
pub fn untranslated(source: &Prepared, target: &Prepared, languages: &Languages) -> bool {
    if languages.source == languages.target {
        return false;
    }
    let (src, tgt) = (&source.profile, &target.profile);
    if src.word_count() < MIN_SOURCE_WORDS || src.code_like || tgt.code_like {
        return false;
    }
    if !src.proper_nouns_only() && source.normalized == target.normalized {
        return true;
    }
    if !languages.target_latin {
        return latin_left_in(src, tgt);
    }
    if languages.source_malayic && !is_malayic(&languages.target) {
        return indonesian_left_in(tgt, &languages.target);
    }
    false
}

/// Whether a target in `target_lang` could possibly be flagged: a non-Latin target
/// needs Latin letters (four words at least). A cheap test that spares the profile.
pub fn may_be_untranslated(source: &str, target: &str, languages: &Languages) -> bool {
    if !languages.target_latin {
        return may_have_latin_left(source, target);
    }
    // A Latin target is flagged when it equals the source, or (Indonesian sources) when
    // it holds Indonesian function words: without either, it cannot be.
    // Compared as iterators: this runs for every aligned pair, and collecting the two
    // heads into strings was most of its cost.
    head(source).eq(head(target)) || (languages.source_malayic && has_function_word(target))
}

/// Whether a word of `text` (a run of alphabetic characters) is one of
/// [`ID_FUNCTION_WORDS`]. Those are ASCII, so a word with any other letter is none of
/// them: the scan reads bytes and decodes a character only where one is not ASCII
/// (this runs for every aligned segment of every Latin translation).
fn has_function_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Where the current word started, and whether it is ASCII so far.
    let (mut start, mut ascii) = (0, true);
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (letter, width) = if b.is_ascii() {
            (b.is_ascii_alphabetic(), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (is_letter(c), c.len_utf8())
        };
        if letter {
            ascii &= b.is_ascii();
        } else {
            if ascii && is_function_word(&text[start..at]) {
                return true;
            }
            (start, ascii) = (at + width, true);
        }
        at += width;
    }
    ascii && is_function_word(&text[start..])
}

/// Whether `word` is one of [`ID_FUNCTION_WORDS`], ignoring ASCII case: looked up in a
/// set by its lower-cased bytes, because this runs for every word of every Latin
/// translation and comparing each word with each function word in turn was most of it.
fn is_function_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static [u8]>> =
        std::sync::OnceLock::new();
    const LONGEST: usize = 16;
    if word.len() < 2 || word.len() > LONGEST {
        return false;
    }
    let mut lower = [0u8; LONGEST];
    let lower = &mut lower[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    SET.get_or_init(|| ID_FUNCTION_WORDS.iter().map(|w| w.as_bytes()).collect())
        .contains(&*lower)
}

/// Whether a non-Latin target could be flagged: it needs eight Latin letters (four
/// words), and then either Latin letters (marks included, as its words count them) at
/// least 1.5 times its other letters (the share [`latin_left_in`] asks of its words,
/// which are some of those letters), or the same text as the source: impossible when the
/// target has letters of a script that NFC and lower-casing keep in it (Arabic, kana,
/// Han, Hangul syllables) and the source has no letter outside Latin (nothing of it can
/// fold into those). Most tech-doc segments with inline code pass the first test only.
fn may_have_latin_left(source: &str, target: &str) -> bool {
    // Stops at the eighth letter instead of counting them all: most segments end here.
    if target
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .nth(4 * 2 - 1)
        .is_none()
    {
        return false;
    }
    let (mut latin, mut other, mut stable) = (0usize, 0usize, false);
    for c in target.chars() {
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
        } else if is_common_letter(c) {
            // Han, kana and Arabic letters (most of such a target), by range: none is
            // Latin or a mark, all are of a stable script (a test checks each).
            other += 1;
            stable = true;
        } else if is_letter(c) {
            if is_latin(c) {
                latin += 1;
                continue;
            }
            other += 1;
            stable |= is_stable_script(c);
            // A mark may belong to a Latin word, which counts it; the common letters are
            // none, and spare the lookup.
            latin += usize::from(!is_common_letter(c) && is_combining_mark(c));
        }
    }
    // Every ASCII letter is Latin: only the other characters need a look.
    let source_all_latin = || {
        source.is_ascii()
            || !source
                .chars()
                .any(|c| !c.is_ascii() && is_letter(c) && !is_latin(c))
    };
    latin * 2 >= other * 3 || !stable || !source_all_latin()
}

/// Letters that NFC and lower-casing leave in their script.
fn is_stable_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
}

/// The first 16 letters and digits of a text, lower-cased.
fn head(text: &str) -> impl Iterator<Item = char> + '_ {
    // `is_letter` is `is_alphabetic` with CJK and Arabic answered by ranges first.
    text.chars()
        .filter(|&c| is_letter(c) || c.is_numeric())
        .take(16)
        .flat_map(char::to_lowercase)
}

/// Below this many source words a segment is a label, a name or a number: identical
/// text in both languages is normal there.
const MIN_SOURCE_WORDS: usize = 4;

/// "zh-Hant" → "zh": whether two codes are "the same language" ignores script/region.
fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Languages normally written in a non-Latin script. Serbian and Uzbek are left out
/// because they are commonly written in Latin too.
#[rustfmt::skip]
const NON_LATIN_LANGS: &[&str] = &[
    "zh", "ja", "ko", "ar", "fa", "ur", "ps", "sd", "ug", "dv", "he", "yi", "ru", "uk",
    "be", "bg", "mk", "kk", "ky", "tg", "mn", "th", "lo", "km", "my", "hi", "mr", "ne",
    "bn", "pa", "gu", "or", "ta", "te", "kn", "ml", "si", "el", "ka", "hy", "am", "ti",
    "bo", "sa",
];

/// An explicit script subtag wins ("zh-Latn" is pinyin, "sr-Cyrl" is Cyrillic).
fn is_latin_script(lang: &str) -> bool {
    let mut subtags = lang.split(['-', '_']);
    let primary = subtags.next().unwrap_or("");
    let script = subtags.find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
    match script {
        Some(s) => s.eq_ignore_ascii_case("latn"),
        None => !NON_LATIN_LANGS
            .iter()
            .any(|l| l.eq_ignore_ascii_case(primary)),
    }
}

/// Indonesian and its close relatives share most function words, so the
/// function-word test cannot tell them apart.
fn is_malayic(primary: &str) -> bool {
    matches!(
        primary,
        "id" | "ms" | "zsm" | "zlm" | "jv" | "su" | "min" | "bjn" | "ban" | "ace"
    )
}

/// Latin letters as Unicode lays them out (basic, Latin-1, Extended-A/B, IPA,
/// Extended Additional, Extended-C/D/E, full-width forms are treated as CJK).
fn is_latin(c: char) -> bool {
    // The ranges first: the general letter lookup is slow, and most text here is CJK,
    // Arabic or ASCII, which the ranges answer alone.
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{00AA}' | '\u{00BA}' | '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}' | '\u{AB30}'..='\u{AB6F}')
        && (c.is_ascii() || c.is_alphabetic())
}

/// Scripts written without spaces between words (Han, kana) and full-width forms.
/// Splitting tokens around them keeps "Karier的Android应用" from being one token.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// One run of letters of one script class.
#[derive(Debug)]
struct Word {
    /// Where it is in the profiled text: a run of letters and marks is one slice of it.
    start: usize,
    end: usize,
    latin: bool,
}

/// What a segment is made of, once URLs, code and digit-bearing tokens are set aside.
#[derive(Debug, Default)]
struct Profile {
    text: String,
    words: Vec<Word>,
    /// Han/kana runs have no spaces; about two characters make a word.
    cjk_words: usize,
    latin_letters: usize,
    other_letters: usize,
    code_like: bool,
}

/// How a whitespace- (or CJK-) separated token is treated.
#[derive(Debug, PartialEq, Eq)]
enum TokenKind {
    Prose,
    /// URL, e-mail, domain, file name: its letters are not words.
    Address,
    /// Syntax that only code has; enough of these makes the segment code-like.
    Code,
    /// Digits, camelCase identifiers: not words, not code.
    Skipped,
}

impl Profile {
    fn of(text: &str) -> Profile {
        let mut profile = Profile {
            text: text.to_string(),
            ..Profile::default()
        };
        let (mut tokens, mut code) = (0, 0);
        for token in text.split(|c: char| c.is_whitespace() || is_cjk(c)) {
            if token.is_empty() {
                continue;
            }
            tokens += 1;
            match classify_token(token) {
                TokenKind::Prose => {
                    profile.push_words(token, token.as_ptr() as usize - text.as_ptr() as usize);
                }
                TokenKind::Code => code += 1,
                TokenKind::Address | TokenKind::Skipped => {}
            }
        }
        // A third of the tokens being syntax is a command line or a code snippet.
        profile.code_like = code > 0 && code * 3 >= tokens;
        profile.count_other_letters(text);
        profile
    }

    /// Splits a prose token into letter runs, a new run at each change of script.
    fn push_words(&mut self, token: &str, offset: usize) {
        let mut current: Option<Word> = None;
        for (at, c) in token.char_indices() {
            let (at, end) = (offset + at, offset + at + c.len_utf8());
            if is_combining_mark(c) {
                if let Some(word) = current.as_mut() {
                    word.end = end;
                }
                continue;
            }
            let latin = is_latin(c);
            let letter = latin || is_letter(c);
            let same_run = current.as_ref().is_some_and(|w| w.latin == latin);
            if !letter || !same_run {
                self.finish(current.take());
            }
            if letter {
                let word = current.get_or_insert(Word {
                    start: at,
                    end,
                    latin,
                });
                word.end = end;
            }
        }
        self.finish(current);
    }

    fn finish(&mut self, word: Option<Word>) {
        if let Some(word) = word {
            if word.latin {
                self.latin_letters += self.word(&word).chars().filter(|&c| is_letter(c)).count();
            }
            self.words.push(word);
        }
    }

    /// Non-Latin letters are counted over the whole text, skipped tokens included:
    /// that can only lower the Latin share, i.e. err toward not flagging.
    fn count_other_letters(&mut self, text: &str) {
        let mut cjk_run: usize = 0;
        for c in text.chars().chain(std::iter::once(' ')) {
            let letter = is_letter(c);
            if letter && !is_latin(c) {
                self.other_letters += 1;
            }
            if letter && is_cjk(c) {
                cjk_run += 1;
            } else {
                self.cjk_words += cjk_run.div_ceil(2);
                cjk_run = 0;
            }
        }
    }

    fn word_count(&self) -> usize {
        self.words.len() + self.cjk_words
    }

    fn word(&self, word: &Word) -> &str {
        &self.text[word.start..word.end]
    }

    /// Capitalized (or all-caps) words are read as names: "Jejaring", "GDPR".
    fn is_capitalized(&self, word: &Word) -> bool {
        self.word(word)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    fn latin_words(&self) -> impl Iterator<Item = &Word> {
        self.words.iter().filter(|w| w.latin)
    }

    fn proper_nouns_only(&self) -> bool {
        self.cjk_words == 0 && self.words.iter().all(|w| self.is_capitalized(w))
    }

    fn mostly_latin(&self) -> bool {
        self.latin_letters > self.other_letters
    }
}

fn classify_token(token: &str) -> TokenKind {
    if is_address(token) {
        TokenKind::Address
    } else if is_code(token) {
        TokenKind::Code
    } else if token.chars().any(char::is_numeric) || is_camel_case(token) {
        TokenKind::Skipped
    } else {
        TokenKind::Prose
    }
}

fn is_address(token: &str) -> bool {
    // ASCII case folding is enough: no other letter lower-cases to these prefixes.
    let starts = |prefix: &str| {
        token
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    token.contains("://")
        || starts("www.")
        || starts("mailto:")
        || is_email(token)
        || has_dotted_name(token)
}

/// "nama@contoh.id": something on both sides of the @.
fn is_email(token: &str) -> bool {
    token.split_once('@').is_some_and(|(user, host)| {
        user.chars().next_back().is_some_and(char::is_alphanumeric)
            && host.chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// "example.com", "config.toml", "foo.bar": a dot inside a word followed by 2+
/// alphanumerics. Abbreviations ("e.g.", "dll.") do not match.
fn has_dotted_name(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    chars.windows(4).any(|w| {
        w[0].is_alphanumeric() && w[1] == '.' && w[2].is_alphanumeric() && w[3].is_alphanumeric()
    })
}

/// Characters and digraphs that prose does not use but code and shell lines do.
fn is_code(token: &str) -> bool {
    const CODE_CHARS: &[u8] = b"_={}<>\\|;$`";
    const CODE_PAIRS: &[&[u8; 2]] = &[b"::", b"->", b"=>", b"()", b"./", b"~/", b"&&"];
    // One pass over the bytes (every token of every profiled segment comes here): all
    // the characters and pairs are ASCII, so bytes of other characters never match.
    let bytes = token.as_bytes();
    let mut slashes = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if CODE_CHARS.contains(&b) {
            return true;
        }
        slashes += usize::from(b == b'/');
        if let Some(&next) = bytes.get(i + 1)
            && CODE_PAIRS.contains(&&[b, next])
        {
            return true;
        }
    }
    token.starts_with('/') || slashes >= 2 || is_cli_flag(token)
}

/// "-v", "--save-dev".
fn is_cli_flag(token: &str) -> bool {
    let rest = token.trim_start_matches('-');
    token.starts_with('-') && rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// "getItem", "iOS", "macOS": identifiers and brand names, never prose to translate.
fn is_camel_case(token: &str) -> bool {
    let mut chars = token.chars();
    let mut previous = chars.next();
    chars.any(|c| {
        let camel = previous.is_some_and(char::is_lowercase) && c.is_uppercase();
        previous = Some(c);
        camel
    })
}

/// Lowercased, NFC, punctuation stripped, whitespace folded: what "the same text"
/// means when a translator (or a tool) only touched spacing or quotes.
fn normalize(text: &str) -> String {
    let nfc: std::borrow::Cow<str> = if unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    };
    // One pass: what is not a letter, digit or mark becomes a word break, words are
    // joined by one space (this runs on every segment a pair may flag).
    let mut out = String::with_capacity(nfc.len());
    let mut pending_space = false;
    let mut keep = |c: char, out: &mut String| {
        let kept = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            is_letter(c) || c.is_numeric() || is_combining_mark(c)
        };
        if !kept {
            pending_space = true;
            return;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    };
    for c in nfc.chars() {
        if c.is_ascii() {
            keep(c.to_ascii_lowercase(), &mut out);
        } else {
            for lower in c.to_lowercase() {
                keep(lower, &mut out);
            }
        }
    }
    out
}

/// Latin-script source text left in a non-Latin target. Beyond the ≥ 4 Latin words /
/// ≥ 60 % Latin letters rule, two guards keep product names from firing it: at least
/// two Latin words must be lowercase (ordinary words, not names), and at least half
/// of the Latin words must occur in the source (the text was copied, not quoted).
fn latin_left_in(src: &Profile, tgt: &Profile) -> bool {
    if !src.mostly_latin() {
        return false;
    }
    let latin: Vec<&Word> = tgt.latin_words().collect();
    let all_letters = tgt.latin_letters + tgt.other_letters;
    let ordinary = latin.iter().filter(|w| !tgt.is_capitalized(w)).count();
    latin.len() >= 4
        && tgt.latin_letters * 100 >= all_letters * 60
        && ordinary >= 2
        && shared_with_source(src, tgt, &latin) * 2 >= latin.len()
}

fn shared_with_source(src: &Profile, tgt: &Profile, words: &[&Word]) -> usize {
    let source: Vec<String> = src
        .words
        .iter()
        .map(|w| src.word(w).to_lowercase())
        .collect();
    words
        .iter()
        .filter(|w| source.contains(&tgt.word(w).to_lowercase()))
        .count()
}

/// Indonesian function words: frequent in any Indonesian sentence, absent from
/// English/French prose. Deliberately missing: "di", "ke", "se", "data", "media",
/// "program" and other words that are also English/French/Spanish/Italian.
#[rustfmt::skip]
const ID_FUNCTION_WORDS: &[&str] = &[
    "yang", "dan", "untuk", "dengan", "tidak", "ini", "itu", "pada", "dari", "dalam",
    "akan", "dapat", "atau", "juga", "karena", "oleh", "sebagai", "adalah", "bisa", "jika",
    "kami", "kita", "anda", "mereka", "sudah", "belum", "harus", "setelah", "sebelum",
    "tentang", "melalui", "seperti", "hanya", "lebih", "saat", "ketika", "agar", "bahwa",
    "apakah", "bagaimana",
];

/// Words of the list above that are also everyday words of the target language.
fn shared_with_target(target_primary: &str) -> &'static [&'static str] {
    match target_primary {
        // "anda": (he/she) walks/goes.
        "es" | "pt" | "gl" => &["anda"],
        // "dan": day (South Slavic); tax (Czech/Slovak).
        "hr" | "bs" | "sr" | "sl" | "cs" | "sk" => &["dan"],
        // Tagalog shares "dapat" (should) and the pronouns "kami", "kita".
        "tl" | "fil" => &["dapat", "kami", "kita"],
        _ => &[],
    }
}

/// Indonesian left in a Latin-script target: ≥ 5 words, ≥ 25 % of them Indonesian
/// function words. Names and loanwords never reach that share; real sentences do.
fn indonesian_left_in(tgt: &Profile, target_primary: &str) -> bool {
    let excluded = shared_with_target(target_primary);
    let hits = tgt
        .words
        .iter()
        .map(|w| tgt.word(w).to_lowercase())
        .filter(|w| ID_FUNCTION_WORDS.contains(&w.as_str()) && !excluded.contains(&w.as_str()))
        .count();
    let total = tgt.word_count();
    total >= 5 && hits * 4 >= total
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str =
        "Aplikasi ini membantu Anda menemukan pekerjaan yang sesuai dengan keahlian Anda.";
    const EN: &str = "This app helps you find jobs that match your skills.";
    const FR: &str = "Cette application vous aide à trouver des emplois adaptés à vos compétences.";
    const ZH: &str = "这个应用帮助您找到与您技能相符的工作。";

    /// For a non-Latin target, the cheap test never rules out a segment the full test
    /// flags that has the eight Latin letters it always asked. (For a Latin target it
    /// compares the first letters as written, so a text that differs from its source only
    /// by Unicode normalization escapes it, as it always did.)
    #[test]
    fn common_letters_beyond_ascii_are_stable_non_latin_letters() {
        let all = (0x80..=0x10FFFF_u32).filter_map(char::from_u32);
        let mut checked = 0;
        for c in all.filter(|&c| is_common_letter(c)) {
            assert!(is_letter(c) && !is_latin(c) && is_stable_script(c), "{c:?}");
            assert!(!is_combining_mark(c), "{c:?}");
            checked += 1;
        }
        assert!(checked > 20_000);
        for c in ['a', 'Z'] {
            assert!(is_letter(c) && is_latin(c));
        }
    }

    #[test]
    fn the_cheap_test_never_spares_a_flagged_segment() {
        let texts = [
            ID,
            EN,
            FR,
            ZH,
            "这个应用 helps you find jobs that match your skills 和 more.",
            "Aplikasi ini membantu Anda menemukan pekerjaan 的 `token.session` 工作。",
            "يساعدك هذا التطبيق Aplikasi ini membantu Anda menemukan pekerjaan yang sesuai.",
            "这个应用帮助您找到 `config.toml` 与 `data.user` 相符的工作。",
            "Ｋｅｌｖｉｎ K sign Aplikasi ini membantu Anda menemukan",
            // Found in review: marks that count as letters, and compatibility
            // ideographs that NFC turns into unified ones.
            "foo\u{345}\u{345}\u{345} bar\u{345}\u{345}\u{345} baz\u{345}\u{345}\u{345} qux",
            "foo\u{345}\u{345}\u{345} bar\u{345}\u{345}\u{345} baz\u{345}\u{345}\u{345} qux 中",
            "\u{F900}\u{F901}\u{F902}\u{F903}\u{F904}\u{F905}\u{F906} abcdefgh",
            "\u{8C48}\u{66F4}\u{8ECA}\u{8CC8}\u{6ED1}\u{4E32}\u{53E5} abcdefgh",
        ];
        let mut flagged = 0;
        for source in texts {
            for target in texts {
                for lang in ["zh", "ja", "ar"] {
                    let eight = target.bytes().filter(u8::is_ascii_alphabetic).count() >= 8;
                    if eight && looks_untranslated(source, target, "id", lang) {
                        flagged += 1;
                        assert!(
                            may_be_untranslated(source, target, &Languages::new("id", lang)),
                            "{lang}: {source} → {target}"
                        );
                    }
                }
            }
        }
        assert!(flagged >= 10, "{flagged}");
    }

    /// The one-pass [`normalize`] against the plain statement of what it does.
    #[test]
    fn normalize_lowercases_and_joins_words_with_one_space() {
        fn reference(text: &str) -> String {
            let nfc: String = text.nfc().collect();
            let cleaned: String = nfc
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| {
                    if c.is_alphanumeric() || is_combining_mark(c) {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        let mut texts: Vec<String> = [
            ID,
            EN,
            FR,
            ZH,
            "  «Ça» — İstanbul ÉTÉ\u{0301}x  ",
            "",
            "---",
            "ΣΑΣ Straße ǅ ¼ ٣",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let every: String = (0x20..0x3100u32)
            .chain(0xFF00..0xFFF0)
            .filter_map(char::from_u32)
            .collect();
        texts.extend(
            every
                .as_bytes()
                .chunks(64)
                .map(|c| String::from_utf8_lossy(c).into_owned()),
        );
        for text in &texts {
            assert_eq!(normalize(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn function_words_match_in_any_ascii_case_and_only_whole() {
        for text in [
            "",
            "di",
            "Lihat di sini.",
            "see (di) here",
            "the dan’s",
            "dán yang",
            "yangé x",
            "x\u{00A0}dan",
            "Café dengan",
            "été",
            "数据和yang",
            "abc1di2",
            "UNTUK",
        ] {
            let reference = text
                .split(|c: char| !c.is_alphabetic())
                .any(is_function_word);
            assert_eq!(has_function_word(text), reference, "{text:?}");
        }
        for word in ID_FUNCTION_WORDS {
            assert!(is_function_word(word), "{word}");
            assert!(is_function_word(&word.to_uppercase()), "{word}");
            assert!(!is_function_word(&format!("{word}x")), "{word}x");
        }
        assert!(is_function_word("Dengan"));
        assert!(!is_function_word("dan\u{0301}"));
        assert!(!is_function_word("d"));
    }

    #[test]
    fn same_primary_language_is_never_flagged() {
        assert!(!looks_untranslated(ID, ID, "id", "id-ID"));
        assert!(!looks_untranslated(ZH, ZH, "zh-Hans", "zh-Hant"));
    }

    #[test]
    fn indonesian_copied_into_english_is_flagged() {
        assert!(looks_untranslated(ID, ID, "id", "en"));
    }

    #[test]
    fn equality_ignores_case_punctuation_and_spacing() {
        let target =
            "aplikasi ini  membantu anda menemukan pekerjaan yang sesuai dengan keahlian anda";
        assert!(looks_untranslated(ID, target, "id", "en"));
    }

    #[test]
    fn stale_indonesian_in_english_is_flagged_by_function_words() {
        let target = "Aplikasi ini membantu anda mencari pekerjaan yang cocok dengan keahlian.";
        assert!(looks_untranslated(ID, target, "id", "en"));
        assert!(looks_untranslated(ID, target, "id", "fr"));
    }

    #[test]
    fn correct_translations_are_not_flagged() {
        assert!(!looks_untranslated(ID, EN, "id", "en"));
        assert!(!looks_untranslated(ID, FR, "id", "fr"));
        assert!(!looks_untranslated(ID, ZH, "id", "zh"));
        let ar = "يساعدك هذا التطبيق في العثور على وظائف تناسب مهاراتك.";
        assert!(!looks_untranslated(ID, ar, "id", "ar"));
    }

    #[test]
    fn english_translation_keeping_indonesian_names_is_not_flagged() {
        let source = "Jejaring Karier membantu lulusan baru menemukan pekerjaan pertama mereka.";
        let target = "Jejaring Karier helps new graduates find their first job.";
        assert!(!looks_untranslated(source, target, "id", "en"));
    }

    #[test]
    fn indonesian_in_a_chinese_file_is_flagged() {
        assert!(looks_untranslated(ID, ID, "id", "zh"));
        // Partly edited: a Chinese particle and punctuation slipped in.
        let target =
            "Aplikasi ini membantu Anda menemukan pekerjaan 的 sesuai dengan keahlian Anda。";
        assert!(looks_untranslated(ID, target, "id", "zh-Hans"));
        assert!(looks_untranslated(ID, target, "id", "ja"));
    }

    #[test]
    fn indonesian_in_an_arabic_file_is_flagged() {
        let target = "Aplikasi ini membantu Anda menemukan pekerjaan yang sesuai.";
        assert!(looks_untranslated(ID, target, "id", "ar"));
    }

    #[test]
    fn chinese_with_brand_names_is_not_flagged() {
        let source = "Aplikasi Android Jejaring Karier kini mendukung GDPR dan Google Play.";
        let target = "Jejaring Karier 的 Android 应用现已支持 GDPR 和 Google Play。";
        assert!(!looks_untranslated(source, target, "id", "zh"));
        let glued = "Jejaring Karier的Android应用现已支持iOS、GDPR和Google Play。";
        assert!(!looks_untranslated(source, glued, "id", "zh"));
    }

    #[test]
    fn latin_words_not_from_the_source_are_a_quote_not_a_leftover() {
        let target = "错误信息为 the file could not be found，请检查路径。";
        assert!(!looks_untranslated(ID, target, "id", "zh"));
    }

    #[test]
    fn short_segments_are_never_flagged() {
        assert!(!looks_untranslated(
            "Jejaring Karier",
            "Jejaring Karier",
            "id",
            "en"
        ));
        assert!(!looks_untranslated(
            "Jejaring Karier",
            "Jejaring Karier",
            "id",
            "zh"
        ));
        assert!(!looks_untranslated(
            "Masuk ke akun",
            "Masuk ke akun",
            "id",
            "en"
        ));
    }

    #[test]
    fn proper_noun_only_text_is_never_flagged() {
        let name = "Jejaring Karier Mobile Android Edition";
        assert!(!looks_untranslated(name, name, "id", "en"));
        assert!(!looks_untranslated(name, name, "id", "zh"));
        assert!(!looks_untranslated(name, name, "id", "ar"));
    }

    #[test]
    fn code_is_never_flagged() {
        let code = "npm install --save-dev naskah_cli && naskah build --out ./site";
        assert!(!looks_untranslated(code, code, "id", "en"));
        assert!(!looks_untranslated(code, code, "id", "zh"));
        let call = "let hasil = hitung_total(daftar, pajak);";
        assert!(!looks_untranslated(call, call, "id", "en"));
    }

    #[test]
    fn urls_emails_and_numbers_are_not_words() {
        let source = "Kunjungi https://jejaring.example/karier/lowongan/baru untuk info";
        assert!(!looks_untranslated(source, source, "id", "en"));
        let mail = "Kirim ke admin@jejaring.example sekarang";
        assert!(!looks_untranslated(mail, mail, "id", "en"));
        let numbers = "2025 1.000.000 30% 8.4.1 3-5";
        assert!(!looks_untranslated(numbers, numbers, "id", "en"));
    }

    #[test]
    fn other_source_languages_use_only_the_equality_rule() {
        let en = "Click the button below to continue.";
        assert!(looks_untranslated(en, en, "en", "fr"));
        let stale = "Click the green button below to continue.";
        assert!(!looks_untranslated(en, stale, "en", "fr"));
    }

    #[test]
    fn malay_target_shares_indonesian_function_words() {
        let ms = "Aplikasi ini membantu anda mencari pekerjaan yang sesuai dengan kemahiran anda.";
        assert!(!looks_untranslated(ID, ms, "id", "ms"));
        assert!(looks_untranslated(ID, ID, "id", "ms"));
    }

    #[test]
    fn function_words_of_the_target_language_do_not_count() {
        let source = "Sistem berjalan dengan baik dan cepat sekarang.";
        let es = "El sistema anda bien y anda rápido.";
        assert!(!looks_untranslated(source, es, "id", "es"));
    }

    #[test]
    fn one_stray_function_word_is_not_enough() {
        let en = "Our colleague Yang wrote the guide for new users.";
        assert!(!looks_untranslated(ID, en, "id", "en"));
    }

    #[test]
    fn script_subtag_decides_the_target_script() {
        assert!(is_latin_script("zh-Latn"));
        assert!(!is_latin_script("sr-Cyrl"));
        assert!(is_latin_script("sr"));
        assert!(!is_latin_script("ja-JP"));
        assert!(is_latin_script("fr-CA"));
    }

    #[test]
    fn non_latin_source_is_not_judged_by_the_latin_rule() {
        let ar = "يساعدك هذا التطبيق في العثور على وظائف تناسب مهاراتك";
        let zh = "这个应用 helps you find jobs that match skills";
        assert!(!looks_untranslated(ar, zh, "ar", "zh"));
    }

    #[test]
    fn words_split_at_script_changes() {
        let p = Profile::of("Karier的Android应用");
        let latin: Vec<&str> = p.latin_words().map(|w| p.word(w)).collect();
        assert_eq!(latin, ["Karier", "Android"]);
        assert_eq!(p.cjk_words, 2);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", " ", "@", "-", "--", ".", "a.b", "́", "\u{200F}", "日本"] {
            let _ = looks_untranslated(text, text, "id", "zh");
            let _ = looks_untranslated(text, text, "", "");
        }
    }
}
