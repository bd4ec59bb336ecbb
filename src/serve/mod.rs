//! `thidua serve`: build, serve the result on the loopback address, watch the sources, rebuild
//! on change and tell open browsers to reload.
//!
//! Nothing outside this module knows about HTTP or watching; `serve` depends on `build`, never
//! the reverse. The preview is built into its own temporary folder (drafts included when asked),
//! never into `public/`, so a preview can never be published by mistake. A failed rebuild keeps
//! the last good site on screen and shows the errors in an overlay.
//!
//! Nothing lost, nothing leaked: the temporary folder is private and removed however the
//! preview ends ([`temp`], [`StopSignals`]); only requests naming this server are answered
//! ([`host`]).

pub mod host;
pub mod http;
pub(crate) mod listen;
pub mod temp;
mod update;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::Watcher;

use crate::diagnostic::{BuildError, Diagnostic};
use crate::messages::Text;
use crate::msg;
use crate::{BuildOptions, Mode, Session};
use http::{ErrorItem, Shared, Status};
use watch::{Batch, Change, Debounce};

/// What to serve and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to listen on (loopback unless asked otherwise).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include drafts (and mark them).
    pub drafts: bool,
    /// Include future-dated pages.
    pub future: bool,
    /// Where to build the preview; a temporary folder when absent.
    pub output: Option<PathBuf>,
    /// How file events are grouped.
    pub debounce: Debounce,
    /// The language of the errors shown in the browser overlay.
    pub lang: crate::messages::Lang,
    /// Names besides `localhost` and this computer's addresses that requests may use
    /// (`--host`): a name of this computer on the network, say.
    pub hosts: Vec<String>,
}

/// What the server reports to whoever prints.
#[derive(Debug, Clone)]
pub enum ServeEvent {
    /// The first build finished (or failed) and the server listens at this URL.
    Listening(String),
    /// A rebuild succeeded.
    Rebuilt {
        /// What changed.
        changed: Vec<PathBuf>,
        /// Pages rendered.
        pages: usize,
        /// From the first change event to the reload message.
        elapsed: Duration,
    },
    /// A build failed; the last good site is still served.
    Failed(Vec<Diagnostic>),
    /// Something the user should know (e.g. listening on a non-loopback address).
    Warning(Text),
}

/// A running preview server.
pub struct Running {
    /// The address it listens on.
    pub addr: SocketAddr,
    stop: tokio::sync::watch::Sender<bool>,
    runtime: Option<tokio::runtime::Runtime>,
    watcher: Option<notify::RecommendedWatcher>,
    rebuilder: Option<std::thread::JoinHandle<()>>,
    temp: Option<temp::PreviewDir>,
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Running {
    /// Stops the server, the watcher and the rebuild thread, and removes the preview folder.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.stop.send(true);
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(1));
        }
        // Dropping the watcher closes the event channel, which ends the rebuild thread.
        drop(self.watcher.take());
        if let Some(t) = self.rebuilder.take() {
            let _ = t.join();
        }
        // Dropping it removes it.
        drop(self.temp.take());
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Starts the preview: first build, HTTP server, watcher. Returns once it is listening.
pub fn start(
    opts: ServeOptions,
    report: Arc<dyn Fn(ServeEvent) + Send + Sync>,
) -> Result<Running, BuildError> {
    let (listener, addr) = listen(&opts, &*report)?;
    let url = preview_url(addr);
    let (output, temp) = preview_folder(&opts)?;
    let ctx = Rebuilder {
        opts: BuildOptions {
            root: opts.root.clone(),
            output: Some(output.clone()),
            base_url: Some(url.clone()),
            drafts: opts.drafts,
            future: opts.future,
            mode: Mode::Build,
            preview: true,
            progress: None,
            ownership: crate::write::Ownership::MarkedOnly,
            overlay: None,
        },
        lang: opts.lang,
        report: Arc::clone(&report),
    };
    let mut generation = 0;
    let mut session = None;
    let first = rebuild(&ctx, &mut session, &mut generation, None);
    if !output.exists() {
        std::fs::create_dir_all(&output).map_err(|e| BuildError::io(output.display(), e))?;
    }
    let (status_tx, status_rx) = tokio::sync::watch::channel(first);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let shared = Shared::new(
        output.clone(),
        status_rx,
        host::HostPolicy::new(opts.bind, &opts.hosts),
        url.clone(),
        opts.lang,
    );
    let runtime = serve_http(listener, addr, shared, stop_rx)?;
    let (watcher, rx) = watch_sources(&opts.root, &output)?;
    report(ServeEvent::Listening(url));
    let debounce = opts.debounce;
    let rebuilder = std::thread::spawn(move || {
        while let Some(batch) = watch::next_batch(&rx, debounce) {
            let started = Instant::now();
            let status = rebuild(&ctx, &mut session, &mut generation, Some((&batch, started)));
            let _ = status_tx.send(status);
        }
    });
    Ok(Running {
        addr,
        stop: stop_tx,
        runtime: Some(runtime),
        watcher: Some(watcher),
        rebuilder: Some(rebuilder),
        temp,
    })
}

/// Opens the listening socket (and warns when other computers can reach it).
fn listen(
    opts: &ServeOptions,
    report: &(dyn Fn(ServeEvent) + Send + Sync),
) -> Result<(std::net::TcpListener, SocketAddr), BuildError> {
    let (listener, addr) = listen::bind(opts.bind, opts.port)?;
    if !opts.bind.is_loopback() {
        report(ServeEvent::Warning(msg!(
            "listening on {}: other computers on the network can see this preview, drafts included",
            opts.bind.to_string()
        )));
    }
    Ok((listener, addr))
}

/// Where the preview is built: the folder asked for, or a private temporary one (removed
/// when the returned guard is dropped).
fn preview_folder(opts: &ServeOptions) -> Result<(PathBuf, Option<temp::PreviewDir>), BuildError> {
    Ok(match &opts.output {
        Some(o) => (o.clone(), None),
        None => {
            let t = temp::PreviewDir::create()
                .map_err(|e| BuildError::io(std::env::temp_dir().display(), e))?;
            (t.site(), Some(t))
        }
    })
}

/// Starts the HTTP side on its own runtime, answering on `listener` until `stop` fires.
fn serve_http(
    listener: std::net::TcpListener,
    addr: SocketAddr,
    shared: Shared,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Result<tokio::runtime::Runtime, BuildError> {
    let (runtime, tokio_listener) = listen::runtime(listener, addr)?;
    runtime.spawn(http::run(tokio_listener, Arc::new(shared), stop));
    Ok(runtime)
}

/// Watches the site's folder; changes that matter (not the output, not editors' temporary
/// files) arrive on the returned channel.
fn watch_sources(
    root: &std::path::Path,
    output: &std::path::Path,
) -> Result<
    (
        notify::RecommendedWatcher,
        std::sync::mpsc::Receiver<(PathBuf, Change)>,
    ),
    BuildError,
> {
    let (tx, rx) = std::sync::mpsc::channel::<(PathBuf, Change)>();
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let out_canon = std::fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf());
    let w_root = canonical.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for p in event.paths {
                if let Some(c) = watch::classify(&p, &w_root, &out_canon) {
                    let _ = tx.send((p, c));
                }
            }
        }
    })
    .map_err(|e| cannot_watch(root, &e))?;
    watcher
        .watch(&canonical, notify::RecursiveMode::Recursive)
        .map_err(|e| cannot_watch(root, &e))?;
    Ok((watcher, rx))
}

fn cannot_watch(root: &std::path::Path, e: &notify::Error) -> BuildError {
    BuildError::usage(msg!(
        "cannot watch {}: {}",
        root.display(),
        Text::foreign(e.to_string())
    ))
}

/// The address to show and to build links with: a loopback address when listening on all of
/// them, IPv6 in brackets (`http://[::1]:1111/`).
pub fn preview_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// Ctrl-C, SIGTERM and SIGHUP (the terminal was closed), caught from the moment this is made:
/// whichever of them ends the preview, it stops cleanly and its folder is removed.
pub struct StopSignals {
    runtime: tokio::runtime::Runtime,
    #[cfg(unix)]
    signals: [tokio::signal::unix::Signal; 3],
}

impl std::fmt::Debug for StopSignals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StopSignals").finish_non_exhaustive()
    }
}

impl StopSignals {
    /// Starts catching the signals.
    pub fn install() -> std::io::Result<StopSignals> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let guard = runtime.enter();
            let signals = [
                signal(SignalKind::interrupt())?,
                signal(SignalKind::terminate())?,
                signal(SignalKind::hangup())?,
            ];
            drop(guard);
            Ok(StopSignals { runtime, signals })
        }
        #[cfg(not(unix))]
        Ok(StopSignals { runtime })
    }

    /// Waits for one of them.
    pub fn wait(&mut self) -> std::io::Result<()> {
        self.wait_unless(|| false).map(|_| ())
    }

    /// Waits for one of them or for `done` to hold (looked at five times a second); true when
    /// a signal came first.
    pub fn wait_unless(&mut self, done: impl Fn() -> bool) -> std::io::Result<bool> {
        let until_done = async {
            while !done() {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        };
        #[cfg(unix)]
        {
            let [int, term, hup] = &mut self.signals;
            Ok(self.runtime.block_on(async {
                tokio::select! {
                    _ = int.recv() => true,
                    _ = term.recv() => true,
                    _ = hup.recv() => true,
                    () = until_done => false,
                }
            }))
        }
        #[cfg(not(unix))]
        {
            self.runtime.block_on(async {
                tokio::select! {
                    r = tokio::signal::ctrl_c() => r.map(|()| true),
                    () = until_done => Ok(false),
                }
            })
        }
    }
}

/// Applies a batch of changes (a full build the first time, or after a failed one); returns
/// what browsers should do.
fn rebuild(
    ctx: &Rebuilder,
    session: &mut Option<Session>,
    generation: &mut u64,
    batch: Option<(&Batch, Instant)>,
) -> Status {
    let (opts, report) = (&ctx.opts, &ctx.report);
    *generation += 1;
    let generation = *generation;
    let result = match (session.as_mut(), batch) {
        (Some(s), Some((b, _))) => {
            let paths: Vec<PathBuf> = b.paths.iter().map(|(p, _)| p.clone()).collect();
            s.update(&paths)
        }
        _ => Session::start(opts).map(|(s, r)| {
            *session = Some(s);
            r
        }),
    };
    match result {
        Ok(r) => {
            if let Some((batch, started)) = batch {
                report(ServeEvent::Rebuilt {
                    changed: batch.paths.iter().map(|(p, _)| p.clone()).collect(),
                    pages: r.pages,
                    elapsed: started.elapsed(),
                });
                if batch.only_styles() {
                    return Status::Css { generation };
                }
            }
            Status::Reload { generation }
        }
        Err(e) => {
            let diags = match e {
                BuildError::Content(d) => d,
                other => vec![Diagnostic::error("thidua", "build", other.message())],
            };
            report(ServeEvent::Failed(diags.clone()));
            Status::Error {
                generation,
                errors: diags.iter().map(|d| error_item(d, ctx.lang)).collect(),
            }
        }
    }
}

/// What every rebuild needs: the build options, the language, and where to report.
struct Rebuilder {
    opts: BuildOptions,
    lang: crate::messages::Lang,
    report: Arc<dyn Fn(ServeEvent) + Send + Sync>,
}

fn error_item(d: &Diagnostic, lang: crate::messages::Lang) -> ErrorItem {
    let location = match d.location {
        Some(l) => format!("{}:{}:{}", d.file, l.line, l.col),
        None => d.file.clone(),
    };
    let full = d.render(lang);
    let message = full
        .strip_prefix(&location)
        .unwrap_or(&full)
        .trim_start_matches(": ")
        .to_string();
    ErrorItem { location, message }
}
