//! The progress bar of `thidua build` on a terminal.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::messages::Lang;

/// A progress bar on stderr for builds that take more than a second; nothing at all when
/// stderr is not a terminal (logs, CI, pipes).
pub(super) struct ProgressBar {
    /// What the build reports its progress to.
    pub(super) progress: crate::Progress,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    /// Starts watching the build's progress (the bar shows after a second), or `None`.
    pub(super) fn start(lang: Lang) -> Option<ProgressBar> {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let progress = crate::Progress::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s) = (progress.clone(), Arc::clone(&stop));
        // "{pos}/{len} pages": indicatif's placeholders as the count of the sentence.
        let pages = crate::msg!("{} pages", "{pos}/{len}").render(lang);
        let template = format!("{{bar:40}} {pages} ({{eta}})");
        let thread = std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let mut bar: Option<indicatif::ProgressBar> = None;
            while !s.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let (done, total) = p.get();
                if bar.is_none() && total > 0 && started.elapsed().as_secs_f64() > 1.0 {
                    let b = indicatif::ProgressBar::new(total as u64);
                    b.set_style(
                        indicatif::ProgressStyle::with_template(&template)
                            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                    );
                    bar = Some(b);
                }
                if let Some(b) = &bar {
                    b.set_position(done as u64);
                }
            }
            if let Some(b) = bar {
                b.finish_and_clear();
            }
        });
        Some(ProgressBar {
            progress,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
