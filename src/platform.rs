//! What differs between Linux, macOS and Windows, in one place: opening the default browser,
//! the Windows console, the home folder, and what a double-click on `thidua.exe` does.

use std::path::PathBuf;

/// Opens `url` in the default browser (`xdg-open` and its kin on Linux, `open` on macOS, the
/// shell's association on Windows), without waiting for the browser.
pub fn open_browser(url: &str) -> Result<(), crate::messages::TextError> {
    open::that_detached(url).map_err(|e| {
        crate::messages::TextError(crate::msg!(
            "cannot open {} in the browser: {}; open it by hand",
            url,
            crate::messages::Text::foreign(e.to_string())
        ))
    })
}

/// The user's home folders: `HOME` (Linux, macOS, and Git for Windows or MSYS on Windows) and
/// `USERPROFILE` (Windows), those that are set; the output guard refuses each of them.
pub fn home_dirs() -> Vec<PathBuf> {
    ["HOME", "USERPROFILE"]
        .iter()
        .filter_map(std::env::var_os)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Sets the Windows console's output code page to UTF-8 (65001) while thidua runs, and puts the
/// user's own back when the returned guard is dropped. (thidua's own text reaches the console
/// as UTF-16 through the standard library whatever the code page; the code page matters for
/// what the console does with raw bytes, such as a progress bar's.) Does nothing elsewhere.
pub fn console_utf8() -> ConsoleCodePage {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::{GetConsoleOutputCP, SetConsoleOutputCP};
        // SAFETY: plain Win32 calls with integer arguments; without a console they fail
        // harmlessly (0), and nothing is restored then.
        let previous = unsafe { GetConsoleOutputCP() };
        if previous != 0 && previous != 65001 && unsafe { SetConsoleOutputCP(65001) } != 0 {
            return ConsoleCodePage(Some(previous));
        }
    }
    ConsoleCodePage(None)
}

/// The console code page to put back when thidua ends (see [`console_utf8`]).
#[derive(Debug)]
pub struct ConsoleCodePage(#[cfg_attr(not(windows), allow(dead_code))] Option<u32>);

impl Drop for ConsoleCodePage {
    fn drop(&mut self) {
        #[cfg(windows)]
        if let Some(cp) = self.0 {
            // SAFETY: as in `console_utf8`.
            unsafe {
                windows_sys::Win32::System::Console::SetConsoleOutputCP(cp);
            }
        }
    }
}

/// Whether thidua runs in a console window of its own, the way Windows starts a console
/// program double-clicked in Explorer (the window closes as soon as the program exits).
/// `THIDUA_DOUBLE_CLICK=1` says so on any system (for tests); false elsewhere.
pub fn double_clicked() -> bool {
    if std::env::var_os("THIDUA_DOUBLE_CLICK").is_some_and(|v| v == "1") {
        return true;
    }
    #[cfg(windows)]
    {
        let mut ids = [0u32; 4];
        // SAFETY: the buffer and its length agree; the call only writes into it.
        let n = unsafe {
            windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), 4)
        };
        // Only this process is attached: nobody typed the command in a console.
        n == 1
    }
    #[cfg(not(windows))]
    {
        false
    }
}

/// What a double-click without arguments runs: in a folder holding a site (`site.yaml`), the
/// preview, opened in the browser; elsewhere nothing (`None`: the caller explains and waits).
pub fn double_click_args(program: &str) -> Option<Vec<String>> {
    std::path::Path::new("site.yaml")
        .is_file()
        .then(|| vec![program.to_string(), "serve".into(), "--open".into()])
}

/// Waits for Enter, so that a window opened by a double-click stays until the user has read it.
pub fn wait_for_enter(lang: crate::messages::Lang) {
    use std::io::{BufRead, Write};
    let text = crate::msg!("Press Enter to close this window.");
    let mut err = std::io::stderr();
    let _ = writeln!(err, "\n{}", text.render(lang));
    let _ = err.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
}
