//! The command-line help in Vietnamese: clap's texts (the doc comments of the `cli` structs,
//! looked up whole in the `help` table) and clap's own words ("Usage", "[OPTIONS]").

use super::Lang;
use super::catalogue;

/// The command-line help in `lang`: every text of `cmd` and its subcommands, and the
/// headings ("Usage", "Options"…).
pub fn localize_help(cmd: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return cmd;
    }
    let mut cmd = cmd;
    cmd.build();
    localize_command(cmd)
}

/// clap's own words in a rendered help text ("[OPTIONS]", "[default: .]"), in `lang`: the
/// templates of [`localize_help`] cover the headings, these the words clap writes inline.
pub fn localize_help_words(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    [
        ("[OPTIONS]", "[TÙY CHỌN]"),
        ("<COMMAND>", "<LỆNH>"),
        ("[COMMAND]", "[LỆNH]"),
        ("[default: ", "[mặc định: "),
        ("[possible values: ", "[giá trị: "),
        ("Usage: ", "Cách dùng: "),
        (
            "Print this message or the help of the given subcommand(s)",
            "In hướng dẫn này hoặc hướng dẫn của lệnh đã cho",
        ),
        ("error: unrecognized subcommand", "lỗi: không có lệnh"),
        ("error: unexpected argument", "lỗi: tham số không hợp lệ"),
        ("' found\n", "'\n"),
        ("error: invalid value", "lỗi: giá trị không hợp lệ"),
        (
            "error: the following required arguments were not provided",
            "lỗi: còn thiếu các tham số bắt buộc sau",
        ),
        ("error: a value is required for", "lỗi: cần một giá trị cho"),
        (
            "  tip: a similar subcommand exists:",
            "  gợi ý: có lệnh gần giống:",
        ),
        (
            "  tip: a similar argument exists:",
            "  gợi ý: có tùy chọn gần giống:",
        ),
        (
            "For more information, try '--help'.",
            "Xem thêm: chạy lại với '--help'.",
        ),
    ]
    .iter()
    .fold(text.to_string(), |t, (en, vi)| t.replace(en, vi))
}

/// A help text in Vietnamese: whole sentences only (clap drops their final period).
fn help_text(s: &clap::builder::StyledStr) -> String {
    let text = s.to_string();
    catalogue::TABLES
        .iter()
        .flat_map(|t| t.iter())
        .filter(|(en, _)| !en.contains("{}"))
        .find(|(en, _)| *en == text || en.strip_suffix('.') == Some(text.as_str()))
        .map_or(text.clone(), |(en, vi)| {
            if en.ends_with('.') && !text.ends_with('.') {
                vi.trim_end_matches('.').to_string()
            } else {
                (*vi).to_string()
            }
        })
}

fn localize_command(mut cmd: clap::Command) -> clap::Command {
    let tr = help_text;
    if let Some(about) = cmd.get_about().map(tr) {
        cmd = cmd.about(about);
    }
    if let Some(about) = cmd.get_long_about().map(tr) {
        cmd = cmd.long_about(about);
    }
    let args: Vec<(clap::Id, Option<String>)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), a.get_help().map(tr)))
        .collect();
    for (id, help) in args {
        if let Some(help) = help {
            cmd = cmd.mut_arg(id, |a| a.help(help));
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, localize_command);
    }
    let has_subcommands = cmd.get_subcommands().next().is_some();
    let has_positionals = cmd.get_positionals().next().is_some();
    let mut template = String::from("{before-help}{about-with-newline}\nCách dùng: {usage}\n");
    if has_subcommands {
        template.push_str("\nLệnh:\n{subcommands}\n");
    }
    if has_positionals {
        template.push_str("\nTham số:\n{positionals}\n");
    }
    template.push_str("\nTùy chọn:\n{options}{after-help}");
    cmd.help_template(template)
}
