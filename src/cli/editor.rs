//! `thidua editor`: the editing room in the browser (see [`crate::editor`]).

use std::path::PathBuf;

use clap::Args;

use super::{Ui, report_error};

/// `thidua editor`.
#[derive(Debug, Args)]
pub struct EditorArgs {
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on.
    #[arg(short, long, default_value_t = 1112)]
    pub port: u16,
    /// Address to listen on; anything but 127.0.0.1 needs accounts (thidua user add).
    #[arg(
        help = "Address to listen on; anything but 127.0.0.1 needs accounts (thidua user add)",
        long,
        default_value = "127.0.0.1"
    )]
    pub bind: std::net::IpAddr,
    /// Open the editing room in the default browser.
    #[arg(help = "Open the editing room in the default browser", long)]
    pub open: bool,
    /// Also answer requests that use this name (the server's name behind nginx; may be repeated).
    #[arg(
        help = "Also answer requests that use this name (the server's name behind nginx; may be repeated)",
        long = "host",
        value_name = "NAME"
    )]
    pub hosts: Vec<String>,
    /// Browsers reach the room through HTTPS (nginx with TLS in front): cookies are marked Secure.
    #[arg(
        help = "Browsers reach the room through HTTPS (nginx with TLS in front): cookies are marked Secure",
        long
    )]
    pub behind_https: bool,
}

impl EditorArgs {
    /// Serves until Ctrl-C.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        let opts = crate::editor::EditorOptions {
            root: self.root,
            bind: self.bind,
            port: self.port,
            lang: ui.lang,
            hosts: self.hosts,
            behind_https: self.behind_https,
        };
        let signals = crate::serve::StopSignals::install();
        let running = crate::editor::start(opts).map_err(|e| report_error(ui, &e, None))?;
        say!(
            ui,
            "The editing room is open at {} (Ctrl-C to stop)",
            running.url.clone()
        );
        if self.open
            && let Err(e) = crate::platform::open_browser(&running.url)
        {
            esay!(ui, "warning: {}", e.0);
        }
        let mut signals = signals.and_then(|mut s| s.wait().map(|()| s));
        if let Ok(s) = signals.as_mut()
            && running.busy()
        {
            // A publish cut short could leave a destination half updated, and approvals
            // already confirmed to an approver would be lost: they finish first.
            say!(
                ui,
                "Waiting for the publish running now (and the approvals after it) to finish before stopping; press Ctrl-C again to stop at once."
            );
            let _ = s.wait_unless(|| !running.busy());
        }
        if signals.is_err() {
            esay!(ui, "error: {}", crate::msg!("cannot wait for Ctrl-C"));
        }
        running.stop();
        Ok(())
    }
}
