//! The `thidua` binary: parse the command line (its help in the user's language), run it,
//! exit with its code.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    // A build allocates and frees a lot of short-lived memory on every core. With transparent
    // huge pages each first touch makes the kernel zero 2 MiB; measured on 10,000 posts that
    // was a fifth of the build's CPU time. Small pages cost a fraction of that.
    // Linux only: other systems have no such switch.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    // One worker more than there are cores: writing thousands of files, threads wait in the
    // kernel (folder locks, page allocation), and the extra worker keeps the cores busy
    // meanwhile (10,000 posts on 2 cores: 0.72 → 0.68 s). RAYON_NUM_THREADS still decides
    // when set.
    if std::env::var_os("RAYON_NUM_THREADS").is_none() {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(cores + 1)
            .build_global();
    }
    let _code_page = thidua::platform::console_utf8();
    let mut args: Vec<String> = std::env::args().collect();
    let lang = thidua::cli::language_from_args(&args);
    // Double-clicked in Explorer: the window would close before anything could be read.
    let double_clicked = args.len() == 1 && thidua::platform::double_clicked();
    if double_clicked {
        match thidua::platform::double_click_args(&args[0]) {
            Some(serve) => args = serve,
            None => {
                explain_double_click(lang);
                return ExitCode::SUCCESS;
            }
        }
    }
    let cmd = thidua::messages::localize_help(thidua::cli::Cli::command(), lang);
    let matches = match cmd.try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => exit_with(e, lang),
    };
    let cli = match thidua::cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => exit_with(e, lang),
    };
    let code = cli.run();
    if double_clicked && code != ExitCode::SUCCESS {
        thidua::platform::wait_for_enter(lang);
    }
    code
}

/// A double-click outside a site's folder: the help, what to do instead, and a window that
/// stays open until Enter.
fn explain_double_click(lang: thidua::messages::Lang) {
    use std::io::Write;
    let mut cmd = thidua::messages::localize_help(thidua::cli::Cli::command(), lang);
    let help = thidua::messages::localize_help_words(&cmd.render_help().to_string(), lang);
    let hint = thidua::msg!(
        "thidua is run from PowerShell or Command Prompt, in the site's folder (for example: thidua.exe serve --open). Double-clicked in a folder holding site.yaml, it opens the site's preview."
    );
    let _ = writeln!(std::io::stdout(), "{help}\n{}", hint.render(lang));
    thidua::platform::wait_for_enter(lang);
}

/// Prints clap's help, version or usage error with clap's own words in the user's language,
/// and exits with clap's code (0 for help and version, 2 for a usage error).
fn exit_with(e: clap::Error, lang: thidua::messages::Lang) -> ! {
    use std::io::Write;
    let text = thidua::messages::localize_help_words(&e.render().to_string(), lang);
    let code = e.exit_code();
    let _ = if e.use_stderr() {
        write!(std::io::stderr(), "{text}")
    } else {
        write!(std::io::stdout(), "{text}")
    };
    std::process::exit(code)
}

/// mimalloc: with rendering on every core, allocation is a large share of a build
/// (10,000 posts: 0.85 → 0.79 s median against glibc's allocator, see docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
