//! Slugs: the stable, human-readable key of every record.
//!
//! A slug is the lowercase ASCII form of a name with words joined by hyphens
//! (Víctor Canales → `victor-canales`, San Román → `san-roman`). The same
//! folding makes name matching forgive accents and case.

use unicode_normalization::UnicodeNormalization;

/// Folds `text` to a slug: accents dropped, lowercase, ASCII letters and
/// digits only, runs of anything else collapsed to one hyphen.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.nfkd().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c);
        } else if !is_combining_mark(c) && c != '\'' && c != '’' {
            pending_hyphen = true;
        }
    }
    slug
}

/// Folds `text` to lowercase ASCII words separated by single spaces, the
/// form search indexes and queries are compared in ("Víctor Canales" →
/// `victor canales`).
pub fn fold_words(text: &str) -> String {
    slugify(text).replace('-', " ")
}

/// Whether `slug` is already in slug form (non-empty, `a-z0-9` words joined by single hyphens).
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

/// Combining diacritical marks, left behind by NFKD decomposition of accented letters.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(slugify("Víctor Canales"), "victor-canales");
        assert_eq!(slugify("San Román"), "san-roman");
        assert_eq!(slugify("  Perú  Libre!! "), "peru-libre");
        assert_eq!(slugify("Desagüadero"), "desaguadero");
        assert_eq!(slugify("Verónika Mendoza"), "veronika-mendoza");
        assert_eq!(slugify("Who Called the Shots?"), "who-called-the-shots");
        assert_eq!(
            slugify("Attorney General's Office"),
            "attorney-generals-office"
        );
    }

    #[test]
    fn recognises_slugs() {
        assert!(is_slug("puno-city"));
        assert!(!is_slug("Puno"));
        assert!(!is_slug("puno--city"));
        assert!(!is_slug(""));
    }
}
