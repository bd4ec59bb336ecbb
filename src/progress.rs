//! [`Progress`]: how many outputs a build has rendered so far, shared between the stage that
//! counts (`render`) and whoever shows it (the CLI's progress bar). A leaf: it names no other
//! module, so every stage can use it without depending on `build`.

/// Rendered outputs so far out of the total, updated while a build runs; cheap to clone and to
/// read from another thread.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    counts: std::sync::Arc<(
        std::sync::atomic::AtomicUsize,
        std::sync::atomic::AtomicUsize,
    )>,
}

impl Progress {
    /// (done, total); total is 0 until rendering starts.
    pub fn get(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.counts.0.load(Relaxed), self.counts.1.load(Relaxed))
    }

    pub(crate) fn start(&self, total: usize) {
        self.counts.0.store(0, std::sync::atomic::Ordering::Relaxed);
        self.counts
            .1
            .store(total, std::sync::atomic::Ordering::Relaxed);
    }

    pub(crate) fn tick(&self) {
        self.counts
            .0
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}
