//! Numbers as values, whatever the language's notation.
//!
//! Consumes: a plain-text segment (Markdown already stripped) and the BCP 47 code of
//! the language it is written in.
//! Produces: every number in the text, in order of appearance, as a [`Number`] in one
//! canonical decimal form, so that "1.000,5" (id), "1,000.5" (en), "1 000,5" (fr),
//! "١٠٠٠٫٥" (ar) and "１０００.５" (ja) all compare equal, and a date written with a
//! month name ("3 November 2025", "November 3, 2025") yields the same multiset as one
//! written in digits ("2025年11月3日").
//! Guarantees: never panics on any input; never invents a number from a word (except a
//! month name next to a digit); hyphens are never minus signs. Kanji/hanzi numerals
//! (三, 十) and spelled-out numbers ("seven") are deliberately out of scope: drift
//! checks compare digits, and translators keep digits as digits.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A number found in prose, as an exact decimal value in canonical form:
/// no grouping, `.` as decimal point, no leading zeros (except "0"), no trailing
/// fractional zeros ("1000.5", "30", "0.25"). Version-like tokens ("8.4.1", "v2.3")
/// keep their literal dotted form ("8.4.1").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Number(pub String);

/// Whether `text` has a digit of any script (a text without one has no numbers).
pub fn has_digit(text: &str) -> bool {
    // Bytes first: ASCII digits are the common case even in CJK and Arabic text.
    has_ascii_digit(text.as_bytes()) || (!text.is_ascii() && has_other_digit(text.as_bytes()))
}

/// In blocks without an early exit inside each, so that the compiler can test a whole
/// block at once: this scans every segment of every page.
fn has_ascii_digit(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|block| {
        block
            .iter()
            .fold(false, |seen, b| seen | b.is_ascii_digit())
    })
}

/// Whether the UTF-8 bytes hold a digit [`ascii_digit`] knows beyond ASCII, found by
/// its encoding (a lead byte never occurs inside another character's encoding): one
/// pass that stops only at the lead bytes of those digits, not two passes over every
/// pair and triple of bytes (this scans every non-ASCII segment of every page).
fn has_other_digit(bytes: &[u8]) -> bool {
    let lead = |b: &u8| matches!(b, 0xD9 | 0xDB | 0xE0 | 0xE1 | 0xEF);
    let mut rest = bytes;
    while let Some(at) = rest.iter().position(lead) {
        rest = &rest[at..];
        if matches!(
            rest,
            [0xD9, 0xA0..=0xA9, ..]
                | [0xDB, 0xB0..=0xB9, ..]
                | [0xEF, 0xBC, 0x90..=0x99, ..]
                | [0xE0, 0xA5, 0xA6..=0xAF, ..]
                | [0xE0, 0xA7, 0xA6..=0xAF, ..]
                | [0xE0, 0xB9, 0x90..=0x99, ..]
                | [0xE0, 0xBB, 0x90..=0x99, ..]
                | [0xE1, 0x9F, 0xA0..=0xA9, ..]
        ) {
            return true;
        }
        rest = &rest[1..];
    }
    false
}

/// Every number in `text`, written in the conventions of language `lang` (a BCP 47
/// code such as "id", "en", "fr", "ar", "zh-Hant"; use its primary subtag), in order
/// of appearance. Month names count as their month number.
pub fn extract(text: &str, lang: &str) -> Vec<Number> {
    // Month names count only next to a digit, so a text without digits has no numbers.
    if !has_digit(text) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    // Nothing before the first digit counts but a month name close enough to it (see
    // [`month_at`]): start at the beginning of the first word that could be one.
    let first_digit = chars
        .iter()
        .position(|&c| ascii_digit(c).is_some())
        .unwrap_or(chars.len());
    let from = word_run_start(&chars, first_digit.saturating_sub(NEAR + MAX_MONTH_WORD));
    scan(&chars, lang, from)
}

/// Numbers and month names in `chars` from index `from`, which must not fall inside a
/// word (see [`word_run_start`]).
fn scan(chars: &[char], lang: &str, from: usize) -> Vec<Number> {
    let digits = DigitCounts::new(chars);
    let primary = primary_subtag(lang);
    let style = Style::of(&primary);
    let mut out = Vec::new();
    let mut i = from;
    while i < chars.len() {
        if ascii_digit(chars[i]).is_some() {
            let (number, next) = parse_number(chars, i, style);
            let (number, next) = with_scale(chars, number, next);
            out.push(number);
            i = next;
        } else if is_letter(chars[i]) {
            let end = word_end(chars, i);
            i = match month_at(chars, &digits, (i, end), &primary) {
                Some((month, phrase_end)) => {
                    out.push(Number(month.to_string()));
                    phrase_end
                }
                None => end,
            };
        } else {
            i += 1;
        }
    }
    out
}

/// "zh-Hant" → "zh", "pt_BR" → "pt": notation depends on the language, not the region.
fn primary_subtag(lang: &str) -> std::borrow::Cow<'_, str> {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    if primary.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(primary.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(primary)
    }
}

/// Which mark separates the fraction. Everything else about notation follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    DecimalComma,
    DecimalPoint,
}

/// Languages whose usual decimal mark is a comma (CLDR). Anything not listed defaults
/// to a decimal point, which is also what code, versions and IP addresses use.
#[rustfmt::skip]
const DECIMAL_COMMA_LANGS: &[&str] = &[
    "id", "ms", "fr", "de", "es", "it", "pt", "nl", "ru", "tr", "pl", "uk", "be", "bg", "cs",
    "sk", "sl", "hr", "bs", "sr", "mk", "sq", "ro", "hu", "fi", "et", "lv", "lt", "sv", "da",
    "nb", "nn", "no", "is", "el", "ca", "gl", "eu", "oc", "br", "lb", "fy", "af", "vi", "az",
    "kk", "ky", "uz", "tk", "ka", "hy", "mn", "jv", "su", "fil", "tl",
];

impl Style {
    fn of(primary: &str) -> Style {
        // Asked for every segment with a digit: a set, not a scan of the list.
        static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
        if SET
            .get_or_init(|| DECIMAL_COMMA_LANGS.iter().copied().collect())
            .contains(primary)
        {
            Style::DecimalComma
        } else {
            Style::DecimalPoint
        }
    }
}

/// The kind of a grouping separator; one number never mixes kinds, so "1.000 000"
/// is not read as a single value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Dot,
    Comma,
    Space,
    Apostrophe,
    ArabicThousands,
}

/// What a character between two digits means in this style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Decimal,
    Group(Group),
}

fn classify(c: char, style: Style) -> Option<Sep> {
    use Style::{DecimalComma as C, DecimalPoint as P};
    match (c, style) {
        // The Arabic separators are unambiguous whatever the page language.
        ('\u{066B}', _) => Some(Sep::Decimal),
        ('\u{066C}', _) => Some(Sep::Group(Group::ArabicThousands)),
        ('.' | '\u{FF0E}', P) | (',', C) => Some(Sep::Decimal),
        ('.' | '\u{FF0E}', C) => Some(Sep::Group(Group::Dot)),
        (',', P) => Some(Sep::Group(Group::Comma)),
        (' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}', C) => Some(Sep::Group(Group::Space)),
        ('\'' | '\u{2019}', C) => Some(Sep::Group(Group::Apostrophe)),
        // The full-width comma (zh/ja) is list punctuation, never grouping.
        _ => None,
    }
}

fn is_dot(c: char) -> bool {
    c == '.' || c == '\u{FF0E}'
}

/// ASCII, Arabic-Indic, Extended Arabic-Indic (Persian/Urdu) and full-width digits,
/// mapped to their ASCII digit; also the native digits of other languages a site may
/// add (Devanagari, Bengali, Thai, Lao, Khmer), since any BCP 47 code may appear.
fn ascii_digit(c: char) -> Option<char> {
    // Asked of every character of every segment with a digit: most are ASCII, or lie
    // between the last native digits and the full-width ones (kana, Han, Hangul), and
    // are answered before the table below.
    if c.is_ascii() {
        return c.is_ascii_digit().then_some(c);
    }
    if c < '\u{0660}' || ('\u{17EA}'..'\u{FF10}').contains(&c) {
        return None;
    }
    digit_of_table(c)
}

/// [`ascii_digit`] by the table alone.
fn digit_of_table(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        '\u{0966}'..='\u{096F}' => '\u{0966}',
        '\u{09E6}'..='\u{09EF}' => '\u{09E6}',
        '\u{0E50}'..='\u{0E59}' => '\u{0E50}',
        '\u{0ED0}'..='\u{0ED9}' => '\u{0ED0}',
        '\u{17E0}'..='\u{17E9}' => '\u{17E0}',
        _ => return None,
    };
    char::from_digit(u32::from(c) - u32::from(zero), 10)
}

fn is_digit_at(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|&c| ascii_digit(c).is_some())
}

/// The maximal digit run starting at `start`, as ASCII, and the index after it.
fn digit_run(chars: &[char], start: usize) -> (String, usize) {
    let mut run = String::new();
    let mut i = start;
    while let Some(d) = chars.get(i).and_then(|&c| ascii_digit(c)) {
        run.push(d);
        i += 1;
    }
    (run, i)
}

/// A grouping separator must be followed by exactly three digits, no more.
fn exactly_three_digits_at(chars: &[char], i: usize) -> bool {
    (i..i + 3).all(|j| is_digit_at(chars, j)) && !is_digit_at(chars, i + 3)
}

/// Groups after the first are 3 digits and the first is 1–3: "1.000.000", not
/// "1234.567" (a decimal or a version) nor "192.168.0.1" (an address).
fn is_valid_grouping(groups: &[String]) -> bool {
    groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
}

/// Parses the number whose first digit is at `start`; returns it and the index after.
fn parse_number(chars: &[char], start: usize, style: Style) -> (Number, usize) {
    if let Some(found) = dotted_token(chars, start, style) {
        return found;
    }
    let (mut int, mut pos) = digit_run(chars, start);
    let first_group_len = int.len();
    let mut kind = None;
    while let Some(Sep::Group(g)) = chars.get(pos).and_then(|&c| classify(c, style)) {
        let same_kind = kind.is_none_or(|k| k == g);
        if !same_kind || first_group_len > 3 || !exactly_three_digits_at(chars, pos + 1) {
            break;
        }
        kind = Some(g);
        int.extend(
            chars[pos + 1..pos + 4]
                .iter()
                .filter_map(|&c| ascii_digit(c)),
        );
        pos += 4;
    }
    let mut frac = String::new();
    let decimal = chars.get(pos).and_then(|&c| classify(c, style)) == Some(Sep::Decimal);
    if decimal && is_digit_at(chars, pos + 1) {
        (frac, pos) = digit_run(chars, pos + 1);
    }
    (canonical(&int, &frac), pos)
}

/// Handles dot-separated runs the general parser cannot: "8.4.1" and "192.168.0.1"
/// stay literal (versions, addresses), and in decimal-comma languages a lone dot not
/// followed by a 3-digit group ("8.4") is a version/decimal, not grouping.
fn dotted_token(chars: &[char], start: usize, style: Style) -> Option<(Number, usize)> {
    let (first, mut pos) = digit_run(chars, start);
    let mut groups = vec![first];
    while chars.get(pos).is_some_and(|&c| is_dot(c)) && is_digit_at(chars, pos + 1) {
        let (group, next) = digit_run(chars, pos + 1);
        groups.push(group);
        pos = next;
    }
    let grouping = style == Style::DecimalComma && is_valid_grouping(&groups);
    match groups.len() {
        n if n >= 3 && !grouping => Some((Number(groups.join(".")), pos)),
        2 if style == Style::DecimalComma && !grouping => {
            Some((canonical(&groups[0], &groups[1]), pos))
        }
        _ => None,
    }
}

/// A number and the scale word or suffix right after it, as one value: "4M", "4
/// million", "4 juta", "400万", "400 万", "4 ملايين" are all 4000000. Versions
/// ("8.4.1") take no scale.
fn with_scale(chars: &[char], number: Number, next: usize) -> (Number, usize) {
    if number.0.matches('.').count() > 1 {
        return (number, next);
    }
    // A suffix letter touches the digits and ends the word ("4M", "10K", "2B").
    if let Some(&c) = chars.get(next)
        && let Some(power) = match c {
            'K' | 'k' => Some(3),
            'M' => Some(6),
            'B' => Some(9),
            _ => None,
        }
        && !chars.get(next + 1).is_some_and(|&n| is_letter(n))
    {
        return (scaled(&number, power), next + 1);
    }
    let gap = usize::from(chars.get(next).is_some_and(|&c| c == ' ' || c == '\u{a0}'));
    let start = next + gap;
    // CJK myriads are single characters, with or without a space.
    if let Some(power) = chars.get(start).and_then(|&c| match c {
        '万' | '萬' | '만' => Some(4),
        '億' | '亿' | '억' => Some(8),
        '兆' | '조' => Some(12),
        _ => None,
    }) {
        return (scaled(&number, power), start + 1);
    }
    if gap == 1 && chars.get(start).is_some_and(|&c| is_letter(c)) {
        let end = word_end(chars, start);
        let word: String = chars[start..end]
            .iter()
            .flat_map(|c| c.to_lowercase())
            .collect();
        let power = match word.as_str() {
            "thousand" | "thousands" | "ribu" | "mille" | "ألف" | "آلاف" => Some(3),
            "million" | "millions" | "juta" | "مليون" | "ملايين" => Some(6),
            "billion" | "billions" | "miliar" | "milliard" | "milliards" | "مليار" | "مليارات" => {
                Some(9)
            }
            _ => None,
        };
        if let Some(power) = power {
            return (scaled(&number, power), end);
        }
    }
    (number, next)
}

/// A canonical number times 10^`power`.
fn scaled(number: &Number, power: usize) -> Number {
    let (int, frac) = number.0.split_once('.').unwrap_or((&number.0, ""));
    let mut frac = frac.to_string();
    let mut int = int.to_string();
    for _ in 0..power {
        if frac.is_empty() {
            int.push('0');
        } else {
            int.push(frac.remove(0));
        }
    }
    canonical(&int, &frac)
}

/// "007" → "7", "0.50" → "0.5", "1000.000" → "1000".
fn canonical(int: &str, frac: &str) -> Number {
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        Number(int.to_string())
    } else {
        Number(format!("{int}.{frac}"))
    }
}

/// End of the word starting at `start`. Combining marks belong to the word, so a
/// decomposed "février" (e + U+0301) or vowelled Arabic stays one word.
/// `char::is_alphabetic`, with the scripts of CJK and Arabic text answered by a range
/// test first (the general lookup is slow, and those texts are made of such letters).
pub(crate) fn is_letter(c: char) -> bool {
    is_common_letter(c)
        // Latin-1 letters and Latin Extended-A/B (French, Indonesian names), × and ÷ not.
        || matches!(c, '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{024F}')
        || (!c.is_ascii() && !is_common_non_letter(c) && c.is_alphabetic())
}

/// Punctuation and spaces beyond ASCII that such texts are full of (Latin-1 signs,
/// French quotes and narrow spaces, dashes, CJK and Arabic punctuation, full-width
/// signs), by range: the general lookup took some 240 instructions for each.
fn is_common_non_letter(c: char) -> bool {
    matches!(c,
        '\u{0080}'..='\u{00A9}' | '\u{00AB}'..='\u{00B4}' | '\u{00B6}'..='\u{00B9}'
        | '\u{00BB}'..='\u{00BF}' | '\u{060C}' | '\u{061B}' | '\u{061F}'
        | '\u{0660}'..='\u{066D}' | '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}' | '\u{FF01}'..='\u{FF20}')
}

/// The letters most text here is made of (ASCII, Han, kana, the Arabic alphabet), by
/// range: none of them is a combining mark either.
pub(crate) fn is_common_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '\u{4E00}'..='\u{9FFF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{0621}'..='\u{064A}')
}

/// The start of the run of letters and combining marks that holds `at` (or `at`).
fn word_run_start(chars: &[char], at: usize) -> usize {
    let mut i = at.min(chars.len());
    while i > 0 && is_word_char(chars[i - 1]) {
        i -= 1;
    }
    i
}

fn is_word_char(c: char) -> bool {
    // No ASCII character is a combining mark; most words end at a space.
    is_letter(c) || (!c.is_ascii() && is_combining_mark(c))
}

fn word_end(chars: &[char], start: usize) -> usize {
    let mut i = start;
    while chars.get(i).is_some_and(|&c| is_word_char(c)) {
        i += 1;
    }
    i
}

/// Matching key: lowercase, accents and Arabic hamza/madda/harakat removed (via NFD),
/// so "Février"/"fevrier" and "أكتوبر"/"اكتوبر" share one table entry.
fn fold(word: &[char]) -> String {
    if word.iter().all(char::is_ascii) {
        return word.iter().map(char::to_ascii_lowercase).collect();
    }
    word.iter()
        .collect::<String>()
        .nfd()
        .filter(|&c| !is_combining_mark(c) && c != '\u{0640}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Month names and abbreviations (folded) valid in any language, so a French page
/// quoting an English date still counts. Arabic Levantine two-word names are in
/// [`levantine_pair`]; the one ambiguous Levantine name, آب, in [`is_ab`].
#[rustfmt::skip]
const MONTHS: &[(&str, u8)] = &[
    // Indonesian
    ("januari", 1), ("februari", 2), ("maret", 3), ("april", 4), ("mei", 5), ("juni", 6),
    ("juli", 7), ("agustus", 8), ("september", 9), ("oktober", 10), ("november", 11),
    ("desember", 12), ("agu", 8), ("ags", 8), ("okt", 10),
    // English
    ("january", 1), ("february", 2), ("march", 3), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("october", 10), ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3),
    ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("oct", 10), ("nov", 11),
    ("dec", 12),
    // French (accents folded away, so "février" and "fevrier" are one entry)
    ("janvier", 1), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6),
    ("juillet", 7), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11),
    ("decembre", 12), ("janv", 1), ("fevr", 2), ("avr", 4), ("juil", 7),
    // Arabic, Egyptian/Gulf names (hamza folded: أبريل = ابريل)
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("ابريل", 4), ("مايو", 5), ("يونيو", 6),
    ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("اغسطس", 8), ("سبتمبر", 9), ("اكتوبر", 10),
    ("نوفمبر", 11), ("ديسمبر", 12),
    // Arabic, Maghreb names
    ("جانفي", 1), ("فيفري", 2), ("افريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7),
    ("يوليوز", 7), ("اوت", 8), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12),
    // Arabic, Levantine one-word names
    ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("ايار", 5), ("حزيران", 6), ("تموز", 7),
    ("ايلول", 9),
];

/// [`MONTHS`] by name: every word near a digit is looked up, and comparing it with
/// each name in turn was a tenth of the drift analysis.
fn month_index() -> &'static FxHashMap<&'static str, u8> {
    static INDEX: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = FxHashMap::default();
        for &(name, month) in MONTHS {
            // The first entry of a name wins, as in the table's order.
            index.entry(name).or_insert(month);
        }
        index
    })
}

/// Abbreviations that are everyday words elsewhere, accepted only in their own
/// language: French "des" ("des 10 pays") and "sept" (seven) sit next to digits often.
const LOCAL_MONTHS: &[(&str, u8, &[&str])] =
    &[("des", 12, &["id", "ms"]), ("sept", 9, &["en", "fr"])];

/// If a month name starts at `start` (word ends at `end`) and stands next to a
/// digit, its month number and the index after the name (two words for Levantine).
/// How far (in characters) from a word a digit must be for the word to be a month
/// name of a date: the adjacent token plus, for Levantine names, a second word.
const NEAR: usize = 40;

/// Words longer than this (in characters, combining marks included) are no month name:
/// twice the longest name, for the diacritics folding removes (checked by a test).
const MAX_MONTH_WORD: usize = 24;

/// Digits before each position of a text, so that "is there a digit within this
/// window" costs two lookups.
struct DigitCounts(Vec<u32>);

impl DigitCounts {
    fn new(chars: &[char]) -> Self {
        let mut counts = Vec::with_capacity(chars.len() + 1);
        let mut seen = 0u32;
        counts.push(0);
        for &c in chars {
            seen += u32::from(ascii_digit(c).is_some());
            counts.push(seen);
        }
        DigitCounts(counts)
    }

    fn any_in(&self, start: usize, end: usize) -> bool {
        let end = end.min(self.0.len() - 1);
        self.0[end] > self.0[start.min(end)]
    }
}

fn month_at(
    chars: &[char],
    digits: &DigitCounts,
    (start, end): (usize, usize),
    primary: &str,
) -> Option<(u8, usize)> {
    // Cheap necessary conditions first: a month name is short, and needs a digit next to
    // it or to the word after it (two-word Levantine names); folding every word would
    // cost more.
    if end - start > MAX_MONTH_WORD || !digits.any_in(start.saturating_sub(NEAR), end + NEAR) {
        return None;
    }
    // A one-word name must touch a digit itself; only a word that may open a
    // two-word Levantine name (see [`may_open_levantine_pair`]) can reach one further.
    if !may_open_levantine_pair(chars[start]) && !digit_adjacent(chars, start, end) {
        return None;
    }
    let key = fold(&chars[start..end]);
    let (month, phrase_end) = match levantine_pair(chars, &key, end) {
        Some(found) => found,
        None => (single_month(&key, primary, &chars[start..end])?, end),
    };
    digit_adjacent(chars, start, phrase_end).then_some((month, phrase_end))
}

fn single_month(key: &str, primary: &str, word: &[char]) -> Option<u8> {
    if key == "اب" {
        return is_ab(word).then_some(8);
    }
    let general = month_index().get(key).copied();
    general.or_else(|| {
        LOCAL_MONTHS
            .iter()
            .find(|(name, _, langs)| *name == key && langs.contains(&primary))
            .map(|&(_, m, _)| m)
    })
}

/// آب (August) folds to the same key as أب (father); only the madda spelling
/// (precomposed, or alef + combining madda) counts.
fn is_ab(word: &[char]) -> bool {
    matches!(word, ['\u{0622}', ..] | ['\u{0627}', '\u{0653}', ..])
}

/// Whether a word starting with `first` can fold to تشرين or كانون: it starts with
/// their first letter, or with what folding drops (a tatweel, a combining mark that
/// counts as a letter); no other letter decomposes to ت or ك (a test checks them all).
fn may_open_levantine_pair(first: char) -> bool {
    matches!(first, '\u{062A}' | '\u{0643}' | '\u{0640}')
        || (!first.is_ascii() && is_combining_mark(first))
}

/// تشرين الأول/الثاني (Oct/Nov) and كانون الأول/الثاني (Dec/Jan): the first word
/// alone is not a month, and الأول alone means "the first".
fn levantine_pair(chars: &[char], key: &str, end: usize) -> Option<(u8, usize)> {
    let base: u8 = match key {
        "تشرين" => 10,
        "كانون" => 12,
        _ => return None,
    };
    let next_start = (end..chars.len()).find(|&i| !chars[i].is_whitespace())?;
    let next_end = word_end(chars, next_start);
    let month = match fold(&chars[next_start..next_end]).as_str() {
        "الاول" => base,
        "الثاني" => base % 12 + 1,
        _ => return None,
    };
    Some((month, next_end))
}

/// True when a digit touches the name ("3Nov") or is in the whitespace-separated
/// token just before or after it ("3 Mei", "May 3,"). This keeps "May I help",
/// "Mars" the planet, "bulan Mei" and "mai" in prose from becoming numbers.
fn digit_adjacent(chars: &[char], start: usize, end: usize) -> bool {
    let has_digit = |mut range: std::ops::Range<usize>| range.any(|i| is_digit_at(chars, i));
    let token_start = (0..start)
        .rev()
        .find(|&i| chars[i].is_whitespace())
        .map_or(0, |i| i + 1);
    let token_end = (end..chars.len())
        .find(|&i| chars[i].is_whitespace())
        .unwrap_or(chars.len());
    let prev_end = (0..token_start)
        .rev()
        .find(|&i| !chars[i].is_whitespace())
        .map_or(0, |i| i + 1);
    let prev_start = (0..prev_end)
        .rev()
        .find(|&i| chars[i].is_whitespace())
        .map_or(0, |i| i + 1);
    let next_start = (token_end..chars.len())
        .find(|&i| !chars[i].is_whitespace())
        .unwrap_or(chars.len());
    let next_end = (next_start..chars.len())
        .find(|&i| chars[i].is_whitespace())
        .unwrap_or(chars.len());
    has_digit(token_start..start)
        || has_digit(end..token_end)
        || has_digit(prev_start..prev_end)
        || has_digit(next_start..next_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_words_and_suffixes_are_part_of_the_value() {
        let values = |text: &str, lang: &str| -> Vec<String> {
            extract(text, lang).into_iter().map(|n| n.0).collect()
        };
        let four_million = vec!["4000000".to_string()];
        assert_eq!(values("4M weekly downloads", "en"), four_million);
        assert_eq!(values("4 million downloads", "en"), four_million);
        assert_eq!(values("每周下载量达 400 万次", "zh"), four_million);
        assert_eq!(values("週間ダウンロード数 400万", "ja"), four_million);
        assert_eq!(values("4 juta unduhan", "id"), four_million);
        assert_eq!(values("4 ملايين تنزيل", "ar"), four_million);
        assert_eq!(values("1,5 milliard", "fr"), ["1500000000"]);
        assert_eq!(values("a 5MB file", "en"), ["5"]);
        assert_eq!(values("version 8.4.1 million", "en"), ["8.4.1"]);
    }

    #[test]
    fn only_the_listed_letters_can_open_a_levantine_name() {
        for c in (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_letter(c))
        {
            let key = fold(&[c]);
            if key.is_empty() || key.starts_with(['\u{062A}', '\u{0643}']) {
                assert!(may_open_levantine_pair(c), "{c:?} folds to {key:?}");
            }
        }
    }

    #[test]
    fn a_digit_of_any_script_is_found_by_its_bytes() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(has_digit(&text), ascii_digit(c).is_some(), "{c:?}");
            // After characters that start with a digit's lead byte but are no digit
            // (Arabic tatweel, Devanagari, Thai, Khmer, a full-width letter).
            let text = format!("\u{0640}\u{0915}\u{0E01}\u{1780}\u{FF21}{c}");
            assert_eq!(
                has_digit(&text),
                ascii_digit(c).is_some(),
                "after leads: {c:?}"
            );
        }
    }

    /// Starting after the words that cannot be a month finds what a scan from the
    /// first character finds, wherever the month name stands.
    #[test]
    fn skipping_the_far_prefix_loses_nothing() {
        let words = [
            "Mei",
            "3Nov",
            "tanggal",
            "février",
            "تشرين الأول",
            "كانون",
            "أبريل",
            "x\u{0301}y",
            "sept",
            "des",
        ];
        for (w, word) in words.iter().enumerate() {
            for gap in 0..90 {
                for lang in ["id", "fr", "ar", "en"] {
                    let filler = "ab ".repeat(gap / 3) + &"c".repeat(gap % 3);
                    let text = format!(
                        "kata {word} {filler} {} 2024 lalu",
                        words[(w + gap) % words.len()]
                    );
                    let chars: Vec<char> = text.chars().collect();
                    assert_eq!(
                        extract(&text, lang),
                        scan(&chars, lang, 0),
                        "{text:?} {lang}"
                    );
                }
            }
        }
    }

    #[test]
    fn digits_answered_before_the_table_are_what_the_table_says() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(ascii_digit(c), digit_of_table(c), "{c:?}");
        }
    }

    #[test]
    fn letter_test_agrees_with_the_standard_library() {
        // Every code point: the ranges answered without the lookup must be exact.
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn month_names_fit_the_word_length_cap() {
        let longest = MONTHS
            .iter()
            .map(|(name, _)| *name)
            .chain(LOCAL_MONTHS.iter().map(|(name, _, _)| *name))
            .chain(["تشرين", "كانون"])
            .map(|name| name.chars().count())
            .max()
            .unwrap();
        assert!(2 * longest <= MAX_MONTH_WORD, "{longest}");
    }

    fn nums(text: &str, lang: &str) -> Vec<String> {
        extract(text, lang).into_iter().map(|n| n.0).collect()
    }

    fn sorted(text: &str, lang: &str) -> Vec<Number> {
        let mut v = extract(text, lang);
        v.sort();
        v
    }

    #[test]
    fn same_value_in_every_notation() {
        let expected = vec!["1000.5"];
        assert_eq!(nums("1.000,5", "id"), expected);
        assert_eq!(nums("1,000.5", "en"), expected);
        assert_eq!(nums("1\u{202F}000,5", "fr"), expected);
        assert_eq!(nums("1\u{00A0}000,5", "fr"), expected);
        assert_eq!(nums("1 000,5", "fr"), expected);
        assert_eq!(nums("١٠٠٠٫٥", "ar"), expected);
        assert_eq!(nums("١٬٠٠٠٫٥", "ar"), expected);
        assert_eq!(nums("１０００.５", "ja"), expected);
        assert_eq!(nums("۱۰۰۰٫۵", "fa"), expected);
    }

    #[test]
    fn indonesian_grouping_and_decimals() {
        assert_eq!(nums("1.000", "id"), ["1000"]);
        assert_eq!(nums("1.000.000", "id"), ["1000000"]);
        assert_eq!(nums("1.000.000,50", "id"), ["1000000.5"]);
        assert_eq!(nums("2,5", "id"), ["2.5"]);
        assert_eq!(nums("0,25", "id-ID"), ["0.25"]);
    }

    #[test]
    fn dot_not_followed_by_three_digits_is_a_decimal_everywhere() {
        assert_eq!(nums("versi 8.4", "id"), ["8.4"]);
        assert_eq!(nums("version 8.4", "en"), ["8.4"]);
        assert_eq!(extract("8.4", "id"), extract("8.4", "en"));
        // A first group of 4+ digits is not grouping either.
        assert_eq!(nums("1234.567", "id"), ["1234.567"]);
    }

    #[test]
    fn english_grouping() {
        assert_eq!(nums("1,000", "en"), ["1000"]);
        assert_eq!(nums("12,345,678.90", "en-US"), ["12345678.9"]);
        assert_eq!(nums("8.4", "en"), ["8.4"]);
        // A comma before 1, 2 or 4+ digits is punctuation, not grouping.
        assert_eq!(nums("1,2", "en"), ["1", "2"]);
        assert_eq!(nums("1,0000", "en"), ["1", "0"]);
    }

    #[test]
    fn comma_and_space_as_punctuation() {
        assert_eq!(nums("1, 2 dan 3", "id"), ["1", "2", "3"]);
        assert_eq!(nums("1, 2 and 3", "en"), ["1", "2", "3"]);
        assert_eq!(nums("1, 2 et 3", "fr"), ["1", "2", "3"]);
        assert_eq!(nums("Langkah 1.", "id"), ["1"]);
    }

    #[test]
    fn space_grouping_rules() {
        assert_eq!(nums("3 000 000 personnes", "fr"), ["3000000"]);
        // The group before a space must have 1–3 digits: a year then a count.
        assert_eq!(nums("2025 100", "fr"), ["2025", "100"]);
        // Followed by a 4th digit: not a group.
        assert_eq!(nums("3 1000", "fr"), ["3", "1000"]);
        // Decimal-point languages never group with spaces.
        assert_eq!(nums("3 000", "en"), ["3", "0"]);
    }

    #[test]
    fn one_number_never_mixes_separator_kinds() {
        assert_eq!(nums("1.000 000", "fr"), ["1000", "0"]);
    }

    #[test]
    fn apostrophe_grouping_in_decimal_comma_languages() {
        assert_eq!(nums("1'000'000", "de"), ["1000000"]);
        assert_eq!(nums("1\u{2019}000", "de-CH"), ["1000"]);
    }

    #[test]
    fn arabic_comma_is_not_a_separator() {
        assert_eq!(nums("١، ٢", "ar"), ["1", "2"]);
    }

    #[test]
    fn full_width_comma_is_not_a_separator() {
        assert_eq!(nums("１，０００", "ja"), ["1", "0"]);
        assert_eq!(nums("1，000", "zh"), ["1", "0"]);
    }

    #[test]
    fn versions_and_addresses_stay_literal() {
        assert_eq!(nums("192.168.0.1", "id"), ["192.168.0.1"]);
        assert_eq!(nums("192.168.0.1", "en"), ["192.168.0.1"]);
        assert_eq!(nums("PHP 8.4.1", "id"), ["8.4.1"]);
        assert_eq!(nums("PHP 8.4.1", "en"), ["8.4.1"]);
        assert_eq!(nums("1.000.000", "en"), ["1.000.000"]);
    }

    #[test]
    fn version_prefix_is_ignored() {
        assert_eq!(nums("v2.3", "en"), ["2.3"]);
        assert_eq!(nums("V2.3", "id"), ["2.3"]);
        assert_eq!(nums("v8.4.1", "fr"), ["8.4.1"]);
    }

    #[test]
    fn symbols_and_units_are_not_part_of_the_number() {
        assert_eq!(nums("Rp1.000", "id"), ["1000"]);
        assert_eq!(nums("Rp 1.000.000,-", "id"), ["1000000"]);
        assert_eq!(nums("30%", "en"), ["30"]);
        assert_eq!(nums("30 %", "fr"), ["30"]);
        assert_eq!(nums("$1,500", "en"), ["1500"]);
        assert_eq!(nums("24h", "en"), ["24"]);
        assert_eq!(nums("5 GB", "id"), ["5"]);
    }

    #[test]
    fn hyphens_are_not_minus_signs() {
        assert_eq!(nums("3-5", "en"), ["3", "5"]);
        assert_eq!(nums("2025-11-03", "id"), ["2025", "11", "3"]);
        assert_eq!(nums("-7", "en"), ["7"]);
    }

    #[test]
    fn leading_and_trailing_zeros() {
        assert_eq!(nums("007", "en"), ["7"]);
        assert_eq!(nums("0", "en"), ["0"]);
        assert_eq!(nums("0.50", "en"), ["0.5"]);
        assert_eq!(nums("3,00", "id"), ["3"]);
    }

    #[test]
    fn ordinal_suffixes_are_ignored() {
        assert_eq!(nums("1st 2nd 3rd 4th", "en"), ["1", "2", "3", "4"]);
        assert_eq!(nums("1er 2e 3ème", "fr"), ["1", "2", "3"]);
        assert_eq!(nums("ke-3", "id"), ["3"]);
    }

    #[test]
    fn words_and_kanji_are_not_numbers() {
        assert!(extract("seven days", "en").is_empty());
        assert!(extract("tujuh hari", "id").is_empty());
        assert!(extract("三日", "ja").is_empty());
        assert!(extract("十", "zh").is_empty());
    }

    #[test]
    fn digit_scripts() {
        assert_eq!(nums("٢٠٢٥", "ar"), ["2025"]);
        assert_eq!(nums("۲۰۲۵", "fa"), ["2025"]);
        assert_eq!(nums("２０２５年", "ja"), ["2025"]);
        assert_eq!(nums("२०२५", "hi"), ["2025"]);
        assert_eq!(nums("๒๕๖๘", "th"), ["2568"]);
    }

    #[test]
    fn order_of_appearance_is_kept() {
        assert_eq!(nums("10 lalu 2 lalu 7", "id"), ["10", "2", "7"]);
    }

    #[test]
    fn dates_agree_across_languages() {
        let expected = sorted("2025年11月3日", "ja");
        assert_eq!(
            expected,
            vec![
                Number("11".into()),
                Number("2025".into()),
                Number("3".into())
            ]
        );
        assert_eq!(sorted("3 November 2025", "id"), expected);
        assert_eq!(sorted("November 3, 2025", "en"), expected);
        assert_eq!(sorted("3 نوفمبر 2025", "ar"), expected);
        assert_eq!(sorted("٣ نوفمبر ٢٠٢٥", "ar"), expected);
        assert_eq!(sorted("3 تشرين الثاني 2025", "ar"), expected);
        assert_eq!(sorted("3 novembre 2025", "fr"), expected);
        assert_eq!(sorted("2025年11月3日", "zh-Hant"), expected);
        assert_eq!(sorted("2025년 11월 3일", "ko"), expected);
    }

    #[test]
    fn month_names_in_each_language() {
        assert_eq!(nums("1 Januari 2024", "id"), ["1", "1", "2024"]);
        assert_eq!(nums("17 Agustus 1945", "id"), ["17", "8", "1945"]);
        assert_eq!(nums("le 1er février 2025", "fr"), ["1", "2", "2025"]);
        assert_eq!(nums("le 15 août 2025", "fr"), ["15", "8", "2025"]);
        assert_eq!(nums("le 15 aout 2025", "fr"), ["15", "8", "2025"]);
        assert_eq!(nums("10 أكتوبر 2025", "ar"), ["10", "10", "2025"]);
        assert_eq!(nums("10 اكتوبر 2025", "ar"), ["10", "10", "2025"]);
        assert_eq!(nums("5 أيار 2025", "ar"), ["5", "5", "2025"]);
        assert_eq!(nums("1 كانون الثاني 2025", "ar"), ["1", "1", "2025"]);
        assert_eq!(nums("25 كانون الأول 2025", "ar"), ["25", "12", "2025"]);
        assert_eq!(nums("1 تشرين الأول 2025", "ar"), ["1", "10", "2025"]);
        assert_eq!(nums("15 آب 2025", "ar"), ["15", "8", "2025"]);
        assert_eq!(nums("15 \u{627}\u{653}ب 2025", "ar"), ["15", "8", "2025"]);
    }

    #[test]
    fn month_names_are_case_and_accent_insensitive() {
        assert_eq!(nums("3 NOVEMBER 2025", "id"), ["3", "11", "2025"]);
        assert_eq!(nums("3 FÉVRIER 2025", "fr"), ["3", "2", "2025"]);
        // Decomposed é (e + U+0301), as some editors save it.
        assert_eq!(nums("3 fe\u{301}vrier 2025", "fr"), ["3", "2", "2025"]);
    }

    #[test]
    fn month_names_count_in_any_page_language() {
        assert_eq!(
            nums("le document « November 3, 2025 »", "fr"),
            ["11", "3", "2025"]
        );
        assert_eq!(nums("3 November 2025", "zh"), ["3", "11", "2025"]);
    }

    #[test]
    fn abbreviations_need_an_adjacent_digit() {
        assert_eq!(nums("Nov 3, 2025", "en"), ["11", "3", "2025"]);
        assert_eq!(nums("3 Des 2025", "id"), ["3", "12", "2025"]);
        assert_eq!(nums("3Nov2025", "en"), ["3", "11", "2025"]);
        assert_eq!(nums("Sep. 9", "en"), ["9", "9"]);
        assert!(extract("Jan and Mar went to the Nov meeting", "en").is_empty());
    }

    #[test]
    fn ambiguous_month_words_without_digits_are_ignored() {
        assert!(extract("Pada bulan Mei kami merilis versi baru", "id").is_empty());
        assert!(extract("Maret adalah bulan yang sibuk", "id").is_empty());
        assert!(extract("May I help you?", "en").is_empty());
        assert!(extract("We march forward in March.", "en").is_empty());
        assert!(extract("Mais en mai, fais ce qu'il te plaît; Mars est rouge.", "fr").is_empty());
    }

    #[test]
    fn month_words_next_to_digits_count() {
        assert_eq!(nums("Mei 2025", "id"), ["5", "2025"]);
        assert_eq!(nums("May 3", "en"), ["5", "3"]);
    }

    #[test]
    fn locally_ambiguous_abbreviations_only_count_in_their_language() {
        // French "des 10 pays" ("of the 10 countries") is not December.
        assert_eq!(nums("l'un des 10 pays", "fr"), ["10"]);
        assert_eq!(nums("sept 7 merveilles", "es"), ["7"]);
        assert_eq!(nums("Sept 9", "en"), ["9", "9"]);
    }

    #[test]
    fn arabic_words_that_are_not_months() {
        // أب (father) is not آب (August); الأول alone means "the first".
        assert_eq!(nums("أب 3", "ar"), ["3"]);
        assert_eq!(nums("الأول 3", "ar"), ["3"]);
        assert_eq!(nums("تشرين 3", "ar"), ["3"]);
    }

    #[test]
    fn language_codes_use_the_primary_subtag() {
        assert_eq!(nums("1.000,5", "pt_BR"), ["1000.5"]);
        assert_eq!(nums("1.000,5", "fr-CA"), ["1000.5"]);
        assert_eq!(nums("1,000.5", "zh-Hant"), ["1000.5"]);
        assert_eq!(nums("1,000.5", ""), ["1000.5"]);
    }

    #[test]
    fn no_panics_on_odd_input() {
        for text in [
            "",
            ".",
            ",",
            "1.",
            "1,",
            ".5",
            "1..2",
            "1.,2",
            "٫",
            "v",
            "كانون",
            "1 ",
        ] {
            for lang in ["id", "en", "fr", "ar", "ja", ""] {
                let _ = extract(text, lang);
            }
        }
        assert_eq!(nums(".5", "en"), ["5"]);
    }
}
