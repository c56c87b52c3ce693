//! The `pseudo` engine: offline, deterministic pseudo-localization, for tests, demos
//! and checking a layout before paying for machine translation.
//!
//! Consumes: tagged text ([`super::inline::Tagged::text`]) and a target language.
//! Produces: the same text with accented letters, about 30 % longer (a run of `·`),
//! between `⟦` and `⟧`, and for right-to-left languages between right-to-left marks.
//! Guarantees: tags and XML entities are copied unchanged; the same input gives the
//! same output.

/// Right-to-left mark.
const RLM: char = '\u{200F}';

/// Pseudo-localizes `tagged` for `lang` (`rtl`: the language is written right to left).
pub fn translate(tagged: &str, rtl: bool) -> String {
    let mut out = String::with_capacity(tagged.len() * 3 / 2 + 8);
    if rtl {
        out.push(RLM);
    }
    out.push('⟦');
    let mut letters = 0usize;
    let mut rest = tagged;
    while let Some(c) = rest.chars().next() {
        let kept = match c {
            '<' => rest.find('>').map(|e| e + 1),
            '&' => rest.find(';').map(|e| e + 1),
            _ => None,
        };
        if let Some(len) = kept {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
        out.push(accented(c));
        rest = &rest[c.len_utf8()..];
    }
    if letters > 0 {
        out.push(' ');
        out.extend(std::iter::repeat_n('·', letters.div_ceil(3)));
    }
    out.push('⟧');
    if rtl {
        out.push(RLM);
    }
    out
}

fn accented(c: char) -> char {
    match c {
        'a' => 'á',
        'e' => 'é',
        'i' => 'í',
        'o' => 'ó',
        'u' => 'ú',
        'y' => 'ý',
        'c' => 'ç',
        'n' => 'ñ',
        'A' => 'Á',
        'E' => 'É',
        'I' => 'Í',
        'O' => 'Ó',
        'U' => 'Ú',
        'Y' => 'Ý',
        'C' => 'Ç',
        'N' => 'Ñ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_accented_and_tags_and_entities_kept() {
        assert_eq!(
            translate("Run <x id=\"0\"/> &amp; <g id=\"1\">now</g>", false),
            "⟦Rúñ <x id=\"0\"/> &amp; <g id=\"1\">ñów</g> ··⟧"
        );
    }

    #[test]
    fn right_to_left_text_is_marked() {
        let out = translate("Data", true);
        assert!(out.starts_with(RLM) && out.ends_with(RLM), "{out}");
        assert_eq!(translate("Data", true), out, "deterministic");
    }
}
