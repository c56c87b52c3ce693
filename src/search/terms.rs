//! Search terms: what a page's text and a reader's query are both cut into, so that a
//! query finds the pages that say the same thing in other forms.
//!
//! Consumes: plain text and the language it is written in.
//! Produces: terms, in order: words folded (NFKD, lower case, accents and Arabic
//! diacritics dropped, Arabic letter variants and digits unified) and stemmed by a
//! light stemmer of the language (Indonesian affixes, English and French plurals and
//! common endings, Arabic article and conjunction prefixes); Chinese, Japanese and
//! Korean text, which has no spaces, as overlapping pairs of characters.
//! Guarantees: the theme's `assets/search-terms.js` does exactly the same in the browser (a
//! test runs both on the same words); pure, linear in the text.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The terms of `text`, written in `lang` (a BCP 47 tag).
pub fn terms(text: &str, lang: &str) -> Vec<String> {
    let primary = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
    let folded = fold(text);
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    for c in folded.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &primary, &mut out);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            flush_cjk(&mut cjk, &mut out);
            word.push(c);
        } else {
            flush_word(&mut word, &primary, &mut out);
            flush_cjk(&mut cjk, &mut out);
        }
    }
    flush_word(&mut word, &primary, &mut out);
    flush_cjk(&mut cjk, &mut out);
    out
}

/// NFKD (full-width and half-width forms become one, accents come apart), lower case,
/// combining marks dropped (accents; Arabic vowel signs), tatweel dropped, Arabic letter
/// variants and Arabic-Indic digits unified.
fn fold(text: &str) -> String {
    // Most text of most sites is ASCII: nothing to normalize there.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // One decomposition (compatibility forms and accents apart), then lower case.
    let lower: String = text.nfkd().collect::<String>().to_lowercase();
    lower
        .chars()
        .filter(|&c| !is_combining_mark(c) && c != '\u{640}')
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' => 'ه',
            'ى' | 'ئ' => 'ي',
            'ؤ' => 'و',
            '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
            '\u{6F0}'..='\u{6F9}' => char::from(b'0' + (c as u32 - 0x6F0) as u8),
            c => c,
        })
        .collect()
}

/// Han, kana and Hangul: written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

fn flush_word(word: &mut String, lang: &str, out: &mut Vec<String>) {
    if !word.is_empty() {
        out.push(stem(word, lang));
        word.clear();
    }
}

/// A run without spaces as its overlapping pairs (a lone character as itself): any
/// word of two characters or more a reader types is then found.
fn flush_cjk(run: &mut Vec<char>, out: &mut Vec<String>) {
    match run.len() {
        0 => {}
        1 => out.push(run[0].to_string()),
        _ => out.extend(run.windows(2).map(|pair| pair.iter().collect())),
    }
    run.clear();
}

fn stem(word: &str, lang: &str) -> String {
    match lang {
        "id" | "ms" => indonesian(word),
        "en" => english(word),
        "fr" => french(word),
        "ar" => arabic(word),
        _ => word.to_string(),
    }
}

/// Strips `suffix` when at least `keep` characters remain.
fn strip_suffix<'w>(word: &'w str, suffix: &str, keep: usize) -> Option<&'w str> {
    word.strip_suffix(suffix)
        .filter(|rest| rest.chars().count() >= keep)
}

fn strip_prefix<'w>(word: &'w str, prefix: &str, keep: usize) -> Option<&'w str> {
    word.strip_prefix(prefix)
        .filter(|rest| rest.chars().count() >= keep)
}

fn starts_with_vowel(word: &str) -> bool {
    word.starts_with(['a', 'e', 'i', 'o', 'u'])
}

/// Indonesian: particles, possessives, then `-kan`/`-an`/`-i`, then one prefix, with
/// the sound changes of `meN-`/`peN-` undone (`menolak` → `tolak`, `memakai` → `pakai`,
/// `menyimpan` → `simpan`, `penolakan` → `tolak`).
fn indonesian(word: &str) -> String {
    let mut w = word;
    for particle in ["lah", "kah", "tah", "pun"] {
        if let Some(rest) = strip_suffix(w, particle, 4) {
            w = rest;
            break;
        }
    }
    for possessive in ["nya", "ku", "mu"] {
        if let Some(rest) = strip_suffix(w, possessive, 4) {
            w = rest;
            break;
        }
    }
    let before_suffix = w;
    // `pe(N)-…-an` makes nouns (`penolakan`), `-kan` verbs (`menolakkan`).
    let suffixes = if w.starts_with("pe") {
        ["an", "kan", "i"]
    } else {
        ["kan", "an", "i"]
    };
    for suffix in suffixes {
        if let Some(rest) = strip_suffix(w, suffix, 4) {
            w = rest;
            break;
        }
    }
    let stemmed = indonesian_prefix(w);
    // A word that is all affix (`makan`, `ikan`) keeps its suffix.
    if stemmed.chars().count() < 3 {
        return before_suffix.to_string();
    }
    stemmed
}

fn indonesian_prefix(w: &str) -> String {
    for (prefix, sound) in [("meny", "s"), ("peny", "s")] {
        if let Some(rest) = strip_prefix(w, prefix, 3) {
            return format!("{sound}{rest}");
        }
    }
    for (prefix, nasal) in [("meng", true), ("peng", true), ("mem", true), ("pem", true)] {
        if let Some(rest) = strip_prefix(w, prefix, 3) {
            // `memakai` → `pakai`; `mengambil` → `ambil`; `membaca` → `baca`.
            return if nasal && prefix.ends_with('m') && starts_with_vowel(rest) {
                format!("p{rest}")
            } else {
                rest.to_string()
            };
        }
    }
    for prefix in ["men", "pen"] {
        if let Some(rest) = strip_prefix(w, prefix, 3) {
            // `menolak` → `tolak`; `mendapat` → `dapat`.
            return if starts_with_vowel(rest) {
                format!("t{rest}")
            } else {
                rest.to_string()
            };
        }
    }
    for prefix in ["ber", "ter", "me", "pe", "di", "ke", "se", "be", "te"] {
        if let Some(rest) = strip_prefix(w, prefix, 3) {
            return rest.to_string();
        }
    }
    w.to_string()
}

/// English: plurals, then the commonest endings, then a final `e` (`settings` and
/// `setting` → `sett`, `deletes` and `deleted` → `delet`).
fn english(word: &str) -> String {
    let mut w = word.strip_suffix("'s").unwrap_or(word).to_string();
    if let Some(rest) = strip_suffix(&w, "ies", 3) {
        w = format!("{rest}y");
    } else if !w.ends_with("ss")
        && let Some(rest) = strip_suffix(&w, "s", 3)
    {
        w = rest.to_string();
    }
    for suffix in ["ing", "ed", "ly"] {
        if let Some(rest) = strip_suffix(&w, suffix, 3) {
            w = rest.to_string();
            break;
        }
    }
    strip_suffix(&w, "e", 3).unwrap_or(&w).to_string()
}

/// French: plurals and a final `e` (`données` → `donne`, `paramètres` → `parametr`;
/// accents are already gone).
fn french(word: &str) -> String {
    let mut w = word;
    for suffix in ["s", "x"] {
        if let Some(rest) = strip_suffix(w, suffix, 3) {
            w = rest;
            break;
        }
    }
    strip_suffix(w, "e", 3).unwrap_or(w).to_string()
}

/// Arabic: the article with the prepositions and conjunctions joined to it (`والبيانات`
/// → `بيان`), then a plural ending. A lone leading letter is not stripped: in most
/// words it is part of the root.
fn arabic(word: &str) -> String {
    let mut w = word;
    for prefix in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        if let Some(rest) = strip_prefix(w, prefix, 3) {
            w = rest;
            break;
        }
    }
    for suffix in ["ات", "ون", "ين"] {
        if let Some(rest) = strip_suffix(w, suffix, 3) {
            return rest.to_string();
        }
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(word: &str, lang: &str) -> String {
        terms(word, lang).join(" ")
    }

    #[test]
    fn indonesian_affixes_meet_at_the_root() {
        for word in ["tolak", "menolak", "penolakan", "ditolak", "menolaknya"] {
            assert_eq!(one(word, "id"), "tolak", "{word}");
        }
        assert_eq!(one("memakai", "id"), one("pakai", "id"));
        assert_eq!(one("menyimpan", "id"), one("simpan", "id"));
        assert_eq!(one("pengaturan", "id"), one("atur", "id"));
        assert_eq!(one("mengambil", "id"), one("ambil", "id"));
        assert_eq!(
            one("makan", "id"),
            "makan",
            "a word that is all affix keeps it"
        );
    }

    #[test]
    fn accents_and_width_do_not_matter() {
        assert_eq!(one("données", "fr"), one("donnees", "fr"));
        assert_eq!(one("Données", "fr"), one("donnée", "fr"));
        assert_eq!(terms("ＡＩ", "ja"), terms("ai", "ja"));
    }

    #[test]
    fn arabic_forms_are_unified() {
        assert_eq!(one("البيانات", "ar"), one("بيانات", "ar"));
        assert_eq!(one("والبيانات", "ar"), one("بيانات", "ar"));
        assert_eq!(one("أحمد", "ar"), one("احمد", "ar"));
        assert_eq!(one("بَيَانَات", "ar"), one("بيانات", "ar"), "diacritics");
        assert_eq!(one("بيـــانات", "ar"), one("بيانات", "ar"), "tatweel");
        assert_eq!(terms("٧ أيام", "ar")[0], "7");
    }

    #[test]
    fn text_without_spaces_is_cut_in_pairs_and_latin_words_kept() {
        assert_eq!(terms("生成AI数据", "zh"), ["生成", "ai", "数据"]);
        // Voiced marks are dropped like accents: デ is found as テ.
        assert_eq!(
            terms("データを削除", "ja"),
            ["テー", "ータ", "タを", "を削", "削除"]
        );
    }

    #[test]
    fn english_plurals_and_endings() {
        assert_eq!(one("settings", "en"), one("setting", "en"));
        assert_eq!(one("deleted", "en"), one("deleting", "en"));
        assert_eq!(one("deletes", "en"), one("delete", "en"));
        assert_eq!(one("policies", "en"), one("policy", "en"));
        assert_eq!(one("access", "en"), "access");
    }
}
