//! Vietnamese conventions: dates (NĐ 30/2020 administrative style), numbers (CLDR `vi`:
//! `1.234,5`), percentages (`99,71%`), money (`500.000 đồng`) and alphabetical order.
//!
//! Pure functions shared by template filters, data pages and sorting. Nothing here knows
//! about templates or files.

use unicode_normalization::UnicodeNormalization;

use crate::date::LocalDateTime;

/// "ngày 05 tháng 01 năm 2024": days 1–9 and months 1–2 padded with a zero (NĐ 30/2020).
pub fn date_administrative(d: &LocalDateTime) -> String {
    let (y, m, day) = d.ymd();
    let month = if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    };
    format!("ngày {day:02} tháng {month} năm {y}")
}

/// "05/01/2024".
pub fn date_numeric(d: &LocalDateTime) -> String {
    let (y, m, day) = d.ymd();
    format!("{day:02}/{m:02}/{y}")
}

/// "Thứ Hai", … "Chủ Nhật" (CLDR wide names).
pub fn weekday(d: &LocalDateTime) -> &'static str {
    const NAMES: [&str; 7] = [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ Nhật",
    ];
    NAMES[usize::try_from(d.weekday_from_monday()).unwrap_or(0) % 7]
}

/// The most fraction digits [`number`] writes: an `f64` holds about 17 significant digits, and
/// Rust's formatter panics on a precision above 65535 (`decimals=65536` in a template).
pub const MAX_DECIMALS: usize = 17;

/// A number with `decimals` fraction digits (at most [`MAX_DECIMALS`]), `.` grouping and `,`
/// decimal: 1234.5 → "1.234,5".
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let decimals = decimals.min(MAX_DECIMALS);
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut out = String::with_capacity(fixed.len() + fixed.len() / 3 + 1);
    let negative = value < 0.0 && fixed.bytes().any(|b| matches!(b, b'1'..=b'9'));
    if negative {
        out.push('-');
    }
    let len = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

/// A number with as few decimals as it needs, up to `max_decimals`: 99.5 → "99,5", 12 → "12".
pub fn number_trimmed(value: f64, max_decimals: usize) -> String {
    let s = number(value, max_decimals);
    if s.contains(',') {
        s.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        s
    }
}

/// A percentage of an already-scaled value: 99.71 → "99,71%" (no space, as CLDR `vi`).
pub fn percent(value: f64, decimals: usize) -> String {
    format!("{}%", number(value, decimals))
}

/// Money in đồng: 500000 → "500.000 đồng".
pub fn money(value: f64) -> String {
    format!("{} đồng", number(value, 0))
}

/// The rank of a base character, as a Vietnamese reader orders them (and as CLDR's `vi`
/// collation does): spaces first (rank 0, given in [`sort_key`]), then punctuation and symbols
/// ("(Mới)" before "2023"), then digits, then letters in Vietnamese alphabetical order
/// (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f, j, w and z of loanwords
/// and foreign names in their Latin places), then the letters of other scripts, by code point.
fn letter_rank(base: char) -> u32 {
    const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
    match ALPHABET.chars().position(|c| c == base) {
        Some(i) => u32::try_from(i).unwrap_or(0) + 100,
        None if base.is_ascii_digit() => u32::from(base) - u32::from('0') + 10,
        None if base.is_alphabetic() => 1_000 + u32::from(base),
        None => 1,
    }
}

/// The tone of a combining mark, in dictionary order (none, huyền, hỏi, ngã, sắc, nặng).
fn tone_rank(mark: char) -> Option<u8> {
    match mark {
        '\u{300}' => Some(1),
        '\u{309}' => Some(2),
        '\u{303}' => Some(3),
        '\u{301}' => Some(4),
        '\u{323}' => Some(5),
        _ => None,
    }
}

/// A key that sorts Vietnamese text in dictionary order: letters first (ă after a, đ after d…),
/// then tones, then case; never by code point ("Hưng Yên" after "Hà Nội").
pub fn sort_key(text: &str) -> (Vec<u32>, Vec<u8>, String) {
    let mut letters = Vec::with_capacity(text.len());
    let mut tones = Vec::with_capacity(text.len());
    let lower: String = text.nfc().flat_map(char::to_lowercase).collect();
    for c in lower.chars() {
        let mut base = String::new();
        let mut tone = 0;
        for part in c.to_string().nfd() {
            match tone_rank(part) {
                Some(t) => tone = t,
                None => base.push(part),
            }
        }
        // Recompose the vowel modifiers (breve, circumflex, horn) that are letters in Vietnamese.
        let base: String = base.nfc().collect();
        for b in base.chars() {
            if b.is_whitespace() {
                letters.push(0);
            } else {
                letters.push(letter_rank(b));
            }
        }
        tones.push(tone);
    }
    (letters, tones, text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> LocalDateTime {
        LocalDateTime::parse(s).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn administrative_dates_pad_as_nd30() {
        assert_eq!(
            date_administrative(&d("2024-01-05")),
            "ngày 05 tháng 01 năm 2024"
        );
        assert_eq!(
            date_administrative(&d("2023-11-20")),
            "ngày 20 tháng 11 năm 2023"
        );
        assert_eq!(
            date_administrative(&d("2023-07-17")),
            "ngày 17 tháng 7 năm 2023"
        );
        assert_eq!(
            date_administrative(&d("2023-02-09")),
            "ngày 09 tháng 02 năm 2023"
        );
        assert_eq!(date_numeric(&d("2019-01-17")), "17/01/2019");
        assert_eq!(weekday(&d("2023-11-20")), "Thứ Hai");
        assert_eq!(weekday(&d("2023-11-26")), "Chủ Nhật");
    }

    #[test]
    fn numbers_in_vietnamese() {
        assert_eq!(number(1234.0, 0), "1.234");
        assert_eq!(number(28817.0, 0), "28.817");
        assert_eq!(number(1234567.891, 2), "1.234.567,89");
        assert_eq!(number(-0.001, 2), "0,00");
        assert_eq!(number(-1500.0, 0), "-1.500");
        assert_eq!(number(999.999, 2), "1.000,00");
        assert_eq!(number_trimmed(99.5, 2), "99,5");
        assert_eq!(number_trimmed(12.0, 2), "12");
        assert_eq!(percent(99.71, 2), "99,71%");
        assert_eq!(percent(93.5, 1), "93,5%");
        assert_eq!(money(500000.0), "500.000 đồng");
    }

    #[test]
    fn too_many_decimals_are_capped_not_a_panic() {
        assert_eq!(number(1.5, 65_536), number(1.5, MAX_DECIMALS));
        assert_eq!(number(1.5, usize::MAX), "1,50000000000000000");
    }

    #[test]
    fn dictionary_order() {
        let mut words = vec![
            "Hưng Yên",
            "Hà Nội",
            "Đà Nẵng",
            "Dung",
            "anh",
            "ăn",
            "âm",
            "ang",
            "á",
            "à",
            "a",
        ];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(
            words,
            [
                "a",
                "à",
                "á",
                "ang",
                "anh",
                "ăn",
                "âm",
                "Dung",
                "Đà Nẵng",
                "Hà Nội",
                "Hưng Yên"
            ]
        );
    }

    fn sorted<'a>(words: &[&'a str]) -> Vec<&'a str> {
        let mut words = words.to_vec();
        words.sort_by_key(|w| sort_key(w));
        words
    }

    #[test]
    fn tones_in_dictionary_order() {
        // ngang, huyền, hỏi, ngã, sắc, nặng: then the next letter ("mai" after every "ma").
        assert_eq!(
            sorted(&["mai", "mạ", "má", "mã", "mả", "mà", "ma"]),
            ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]
        );
        assert_eq!(
            sorted(&[
                "Hưng Yên",
                "Hậu Giang",
                "Hải Phòng",
                "Hải Dương",
                "Hà Tĩnh",
                "Hà Nội",
                "Hà Nam"
            ]),
            [
                "Hà Nam",
                "Hà Nội",
                "Hà Tĩnh",
                "Hải Dương",
                "Hải Phòng",
                "Hậu Giang",
                "Hưng Yên"
            ]
        );
        assert_eq!(
            sorted(&["Mỹ Tho", "Mỏ Cày", "Mộ Đức", "Mẫu Sơn"]),
            ["Mẫu Sơn", "Mỏ Cày", "Mộ Đức", "Mỹ Tho"]
        );
    }

    #[test]
    fn loanword_letters_in_their_latin_places() {
        assert_eq!(
            sorted(&[
                "Zalo",
                "Yên Bái",
                "Wifi",
                "Vĩnh Long",
                "Xuân",
                "Jun",
                "Kon Tum",
                "Iốt",
                "Facebook",
                "Gia Lai",
                "Ê-đê"
            ]),
            [
                "Ê-đê",
                "Facebook",
                "Gia Lai",
                "Iốt",
                "Jun",
                "Kon Tum",
                "Vĩnh Long",
                "Wifi",
                "Xuân",
                "Yên Bái",
                "Zalo"
            ]
        );
    }

    #[test]
    fn spaces_punctuation_digits_letters_then_other_scripts() {
        // A shorter title first; after a word, a space before punctuation, punctuation before
        // digits, digits before letters.
        assert_eq!(
            sorted(&[
                "Tin tức: tổng hợp",
                "Tin tức mới",
                "Tin tức 2024",
                "Tin tức (cũ)",
                "Tin tức 2023",
                "Tin tức",
            ]),
            [
                "Tin tức",
                "Tin tức (cũ)",
                "Tin tức 2023",
                "Tin tức 2024",
                "Tin tức mới",
                "Tin tức: tổng hợp",
            ]
        );
        assert_eq!(sorted(&["a", "9", "0", "-"]), ["-", "0", "9", "a"]);
        // The digit decides before the letters that follow it.
        assert_eq!(sorted(&["Tổ 2A", "Tổ 1B"]), ["Tổ 1B", "Tổ 2A"]);
        // Greek, then Chinese (by code point), after every Latin letter.
        assert_eq!(
            sorted(&["北京", "Ελλάδα", "Zalo", "Ấn Độ", "Yên Bái"]),
            ["Ấn Độ", "Yên Bái", "Zalo", "Ελλάδα", "北京"]
        );
    }
}
