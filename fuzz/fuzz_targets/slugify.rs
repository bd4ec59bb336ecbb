//! `thidua::paths::slugify`: ASCII letters, digits, dashes or other letters only; no `--`;
//! no leading or trailing dash; and stable (slugifying a slug changes nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua::paths::slugify;

fuzz_target!(|text: &str| {
    let slug = slugify(text);
    assert!(
        slug.chars().all(|c| c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || c == '-'
            || (!c.is_ascii() && c.is_alphanumeric())),
        "{text:?} -> {slug:?}: a character that is not a letter, digit or dash"
    );
    assert!(!slug.contains("--"), "{text:?} -> {slug:?}: a double dash");
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-'),
        "{text:?} -> {slug:?}: a dash at an end"
    );
    let again = slugify(&slug);
    assert_eq!(again, slug, "{text:?}: slugify is not stable");
});
