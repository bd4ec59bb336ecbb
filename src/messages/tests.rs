//! The catalogue and the rendering of messages in both languages.

use super::*;

#[test]
fn language_choice() {
    let vi = Some("vi_VN.UTF-8");
    let en = Some("en_US.UTF-8");
    assert_eq!(Lang::choose(Some("en"), Some("vi"), &[vi]), Lang::En);
    assert_eq!(Lang::choose(None, Some("vi"), &[en]), Lang::Vi);
    assert_eq!(Lang::choose(None, None, &[None, None, vi]), Lang::Vi);
    assert_eq!(Lang::choose(None, None, &[None, None, en]), Lang::En);
    // LC_ALL before LANG; a locale without a language is no choice.
    assert_eq!(Lang::choose(None, None, &[vi, None, en]), Lang::Vi);
    assert_eq!(
        Lang::choose(None, None, &[Some("C.UTF-8"), None, en]),
        Lang::En
    );
    // Nothing said (a Windows PC, a server's C locale): Vietnamese.
    assert_eq!(Lang::choose(None, None, &[Some("C.UTF-8")]), Lang::Vi);
    assert_eq!(Lang::choose(None, None, &[Some("POSIX")]), Lang::Vi);
    assert_eq!(Lang::choose(None, None, &[None, None, None]), Lang::Vi);
    assert_eq!(Lang::parse("C"), None);
}

#[test]
fn sentences_and_their_parts_are_translated() {
    let vi = |t: Text| t.render(Lang::Vi);
    assert_eq!(
        vi(crate::msg!("unknown field \"{}\"", "tittle")),
        "trường không hợp lệ \"tittle\""
    );
    let errors = crate::plural!(3, "{} error", "{} errors");
    let files = crate::plural!(2, "{} file", "{} files");
    let summary = crate::msg!("{} in {}", errors, files);
    let failed = crate::msg!(
        "Build failed: {}. {}",
        summary,
        crate::msg!("{} was not changed.", "public/")
    );
    assert_eq!(
        failed.to_string(),
        "Build failed: 3 errors in 2 files. public/ was not changed."
    );
    assert_eq!(
        vi(failed),
        "Dựng trang thất bại: 3 lỗi trong 2 tệp. public/ không bị thay đổi."
    );
    // A value is printed as it is, even when it reads like a sentence of the catalogue.
    assert_eq!(
        vi(crate::msg!(
            "unknown field \"{}\"",
            "did you mean \"title\"?"
        )),
        "trường không hợp lệ \"did you mean \"title\"?\""
    );
    // The operating system's words are translated where the table knows them, and kept
    // where it does not.
    let listen = |os: &str| {
        vi(crate::msg!(
            "cannot listen on {}: {} (is another preview running? try --port {})",
            "127.0.0.1:1111",
            Text::foreign(os),
            1112
        ))
    };
    assert_eq!(
        listen("Address already in use (os error 98)"),
        "không mở được cổng 127.0.0.1:1111: cổng này đang có chương trình khác dùng (lỗi hệ thống 98) (có bản xem trước khác đang chạy? thử --port 1112)"
    );
    assert_eq!(
        listen("Something new (os error 7)"),
        "không mở được cổng 127.0.0.1:1111: Something new (os error 7) (có bản xem trước khác đang chạy? thử --port 1112)"
    );
}

/// No Vietnamese sentence of the catalogue keeps English words.
#[test]
fn vietnamese_sentences_have_no_english_left() {
    for key in Key::all() {
        let vi = key.template(Lang::Vi);
        for english in [
            " the ", " is ", " must ", " found ", "failed", " while ", " was ", " cannot ",
        ] {
            assert!(!vi.contains(english), "English left in {vi:?}");
        }
    }
}

/// Every sentence of the catalogue, rendered in both languages with stand-in parts: each
/// part appears once in each language, and the Vietnamese is not the English.
#[test]
fn every_key_renders_in_both_languages() {
    let mut n = 0;
    for key in Key::all() {
        let parts: Vec<String> = (0..key.arity()).map(|i| format!("⟨{i}⟩")).collect();
        let text = Text::keyed(key, parts.iter().map(|p| Arg::Plain(p.clone())).collect());
        let (en, vi) = (text.render(Lang::En), text.render(Lang::Vi));
        for part in &parts {
            assert_eq!(en.matches(part.as_str()).count(), 1, "{en}");
            assert_eq!(vi.matches(part.as_str()).count(), 1, "{vi}");
        }
        let only_parts = key.template(Lang::En).replace("{}", "").trim().len() <= 2;
        assert!(only_parts || en != vi, "not translated: {en}");
        assert!(!vi.contains("{}") && !en.contains("{}"));
        n += 1;
    }
    assert!(n > 250, "only {n} keys");
}

#[test]
fn a_message_is_made_from_its_key_and_parts() {
    let n = crate::plural!(3, "{} page", "{} pages");
    let text = crate::msg!("{} in {}", n, "public/");
    assert_eq!(text.to_string(), "3 pages in public/");
    assert_eq!(text.render(Lang::Vi), "3 trang trong public/");
    assert_eq!(text.key(), Some(Key::find("{} in {}")));
    let os = Text::foreign("Permission denied (os error 13)");
    assert_eq!(
        crate::msg!("{}: {}", "public/a", os).render(Lang::Vi),
        "public/a: không có quyền truy cập (lỗi hệ thống 13)"
    );
}

#[test]
fn every_entry_has_the_same_parts_in_both_languages() {
    for (en, vi) in catalogue::TABLES
        .iter()
        .chain([&catalogue::os::ENTRIES])
        .flat_map(|t| t.iter())
    {
        assert_eq!(en.matches("{}").count(), vi.matches("{}").count(), "{en}");
    }
}
