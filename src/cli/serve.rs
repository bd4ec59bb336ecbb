//! `thidua serve`: the preview, and what it prints while it runs.

use std::path::PathBuf;

use clap::Args;

use super::{Ui, Verbosity, print_diagnostic, report_error};
use crate::plural;
use crate::serve::ServeEvent;

/// `thidua serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on.
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but 127.0.0.1 lets other computers see the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Show pages marked draft: true (marked "BẢN NHÁP").
    #[arg(long)]
    pub drafts: bool,
    /// Show pages dated in the future.
    #[arg(long)]
    pub future: bool,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Also answer requests that use this name for the computer (may be repeated).
    #[arg(long = "host", value_name = "NAME")]
    pub hosts: Vec<String>,
}

impl ServeArgs {
    /// Serves until Ctrl-C.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        let open = self.open;
        let opts = crate::serve::ServeOptions {
            root: self.root,
            bind: self.bind,
            port: self.port,
            drafts: self.drafts,
            future: self.future,
            output: None,
            debounce: Default::default(),
            lang: ui.lang,
            hosts: self.hosts,
        };
        let report = std::sync::Arc::new(move |e: ServeEvent| print_serve_event(&e, ui, open));
        // Caught before the first build: a signal during it still removes the preview folder.
        let signals = crate::serve::StopSignals::install();
        let running = crate::serve::start(opts, report).map_err(|e| report_error(ui, &e, None))?;
        if signals.and_then(|mut s| s.wait()).is_err() {
            esay!(ui, "error: {}", crate::msg!("cannot wait for Ctrl-C"));
        }
        running.stop();
        Ok(())
    }
}

fn print_serve_event(e: &ServeEvent, ui: Ui, open: bool) {
    match e {
        ServeEvent::Listening(url) => {
            say!(ui, "Serving the site at {} (Ctrl-C to stop)", url);
            if open && let Err(e) = crate::platform::open_browser(url) {
                esay!(ui, "warning: {}", e.0);
            }
        }
        ServeEvent::Rebuilt {
            changed,
            pages,
            elapsed,
        } if ui.v != Verbosity::Quiet => {
            let first = changed
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let pages = plural!(*pages, "{} page", "{} pages");
            let ms = elapsed.as_millis() as u64;
            if changed.len() > 1 {
                say!(
                    ui,
                    "Rebuilt {} in {} ms after changes to {} and {}",
                    pages,
                    ms,
                    first,
                    plural!(changed.len() - 1, "{} other file", "{} other files")
                );
            } else {
                say!(
                    ui,
                    "Rebuilt {} in {} ms after a change to {}",
                    pages,
                    ms,
                    first
                );
            }
        }
        ServeEvent::Rebuilt { .. } => {}
        ServeEvent::Failed(diags) => {
            for d in diags {
                print_diagnostic(ui, d);
            }
            esay!(
                ui,
                "Build failed: the preview keeps showing the last good site."
            );
        }
        ServeEvent::Warning(w) => esay!(ui, "warning: {}", w),
    }
}
