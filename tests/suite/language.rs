//! Messages in Vietnamese and English: chosen by --lang, then site.yaml's ui_language, then LANG.

use crate::support::{TestSite, text};

fn broken() -> TestSite {
    let s = TestSite::new();
    s.write(
        "content/tin-tuc/bai-1.md",
        "---\ntitle: Bài 1\ntittle: Bài một\n---\n",
    );
    s.write(
        "content/tin-tuc/bai-2.md",
        "---\ntitle: Bài 2\ndate: 30/02/2023\n---\n[hỏng](@/khong-co.md)\n",
    );
    s
}

const VI: &str = "content/tin-tuc/bai-1.md:3:1: front matter: trường không hợp lệ \"tittle\" (có phải ý bạn là \"title\"?)\n\
content/tin-tuc/bai-2.md:3:7: front matter: \"date\" phải viết dạng 2024-05-31, nhưng đang là \"30/02/2023\"\n\
Dựng trang thất bại: 2 lỗi trong 2 tệp. public/ không bị thay đổi.\n";

const EN: &str = "content/tin-tuc/bai-1.md:3:1: front matter: unknown field \"tittle\" (did you mean \"title\"?)\n\
content/tin-tuc/bai-2.md:3:7: front matter: \"date\" must look like 2024-05-31, found \"30/02/2023\"\n\
Build failed: 2 errors in 2 files. public/ was not changed.\n";

#[test]
fn errors_in_both_languages() {
    let s = broken();
    let out = s.cli(&["--lang", "vi", "build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out).1, VI);
    let out = s.cli(&["--lang", "en", "build"]);
    assert_eq!(text(&out).1, EN);
}

#[test]
fn site_yaml_chooses_and_the_flag_overrides() {
    let s = broken();
    s.write(
        "site.yaml",
        &format!("{}ui_language: vi\n", crate::support::CONFIG),
    );
    assert_eq!(text(&s.cli(&["build"])).1, VI);
    assert_eq!(text(&s.cli(&["build", "--lang", "en"])).1, EN);
}

#[test]
fn lang_environment_is_the_last_resort() {
    let s = broken();
    let run = |lang: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("build")
            .current_dir(s.root())
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(run("vi_VN.UTF-8"), VI);
    assert_eq!(run("en_US.UTF-8"), EN);
    // A locale that names no language (a server's C.UTF-8) leaves it to the default.
    assert_eq!(run("C.UTF-8"), VI);
}

/// Nothing says which language (no --lang, no ui_language, no locale: a Windows PC): thidua
/// speaks Vietnamese, its users' language, also outside a site (init, --help).
#[test]
fn vietnamese_when_nothing_says_otherwise() {
    let s = broken();
    let run = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
        cmd.args(args).current_dir(s.root());
        crate::support::without_locale(&mut cmd).output().unwrap()
    };
    assert_eq!(String::from_utf8_lossy(&run(&["build"]).stderr), VI);
    let help = run(&["--help"]);
    assert!(
        String::from_utf8_lossy(&help.stdout).contains("Cách dùng: thidua"),
        "{}",
        String::from_utf8_lossy(&help.stdout)
    );
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["init", &dir.path().join("moi").display().to_string()]);
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("Đã tạo trang mới trong "),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn summaries_and_data_errors_in_vietnamese() {
    let s = TestSite::new();
    s.page("content/a.md", "title: A", "");
    let out = s.cli(&["--lang", "vi", "build"]);
    let stdout = text(&out).0;
    assert!(stdout.starts_with("Đã dựng 3 trang ("), "{stdout}");
    assert!(stdout.contains(" giây vào public/"), "{stdout}");
    assert!(stdout.contains(','), "decimal comma expected: {stdout}");
    s.write(
        "content/_data/honourees.yaml",
        "schema_version: 1\ndecisions: []\nhonourees:\n  - {id: a, decision: qd-9, stt: 1, loai: ca-nhan, ho_ten: \"Nguyễn Văn A\", don_vi: x, thanh_tich: y, hinh_thuc: giay-khen}\nenums: {hinh_thuc: {giay-khen: \"Giấy khen\"}}\n",
    );
    let out = s.cli(&["--lang", "vi", "build"]);
    assert_eq!(
        text(&out).1,
        "content/_data/honourees.yaml:4:23: data: honourees[0].decision: không có quyết định mang mã \"qd-9\" (hiện chưa có mục nào)\n\
         Dựng trang thất bại: 1 lỗi trong 1 tệp. public/ không bị thay đổi.\n"
    );
}

#[test]
fn help_in_vietnamese() {
    let s = TestSite::new();
    let out = s.cli(&["--lang", "vi", "new", "--help"]);
    let help = text(&out).0;
    assert!(
        help.starts_with(
            "Tạo bài nháp mới trong một mục: thidua new tin-tuc \"Tiêu đề bài viết\"\n"
        ),
        "{help}"
    );
    assert!(
        help.contains("Cách dùng: thidua new [TÙY CHỌN] <SECTION> <TITLE>"),
        "{help}"
    );
    assert!(help.contains("Tùy chọn:"), "{help}");
    assert!(help.contains("Tạo mục nếu chưa có"), "{help}");
    let out = s.cli(&["--lang", "en", "new", "--help"]);
    assert!(
        text(&out)
            .0
            .contains("Create the section if it does not exist yet")
    );
}

#[test]
fn ui_language_is_read_as_yaml_quoted_or_not() {
    for line in [
        "ui_language: 'vi'",
        "ui_language: \"vi\"",
        "ui_language: vi # tiếng Việt",
        "ui_language:   vi",
    ] {
        let s = broken();
        s.write("site.yaml", &format!("{}{line}\n", crate::support::CONFIG));
        let out = s.cli(&["build"]);
        assert_eq!(text(&out).1, VI, "{line}");
    }
}

#[test]
fn clap_words_and_usage_errors_in_vietnamese() {
    let s = broken();
    let out = s.cli(&["--lang", "vi", "build", "--help"]);
    let help = text(&out).0;
    assert!(out.status.success());
    assert!(
        help.contains("Cách dùng: thidua build [TÙY CHỌN]"),
        "{help}"
    );
    assert!(help.contains("[mặc định: .]"), "{help}");
    assert!(
        !help.contains("[OPTIONS]") && !help.contains("[default:"),
        "{help}"
    );
    let out = s.cli(&["--lang", "vi", "buld"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out).1,
        "lỗi: không có lệnh 'buld'\n\n  gợi ý: có lệnh gần giống: 'build'\n\nCách dùng: thidua [TÙY CHỌN] <LỆNH>\n\nXem thêm: chạy lại với '--help'.\n"
    );
    let out = s.cli(&["--lang", "vi", "build", "--cong", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out)
            .1
            .starts_with("lỗi: tham số không hợp lệ '--cong'\n"),
        "{}",
        text(&out).1
    );
    // English stays clap's.
    let out = s.cli(&["--lang", "en", "buld"]);
    assert!(
        text(&out)
            .1
            .starts_with("error: unrecognized subcommand 'buld'")
    );
}
