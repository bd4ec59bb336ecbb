//! `thidua editor`: the editing room ("Phòng biên tập"), a small web application beside the
//! site that lets staff write, submit, approve and publish posts from a browser.
//!
//! Two ways to run it. On one's own PC (bound to the loopback, no accounts) the person at the
//! machine is the only user and there is no login. On the centre's server (any other address,
//! or as soon as an account exists) everyone signs in; the editor refuses to start on another
//! address until an account exists ([`users`], managed by `thidua user`).
//!
//! What it owns: the site's Markdown under `content/` (read and written only through
//! [`posts`], which refuses any path outside it), uploaded photos in the posts' folders, and
//! its own files under `.thidua/` (accounts, workflow state, drafts, conflicts, history, audit
//! log). It never writes `public/` itself: publishing runs the ordinary build and publish.
//! Nothing outside this module and `cli::editor`/`cli::user` knows about it.

pub mod atomic;
pub mod audit;
pub mod auth;
mod cover;
mod data;
mod dispatch;
pub mod history;
mod html;
mod login;
mod pages;
mod pending;
pub mod posts;
mod problems;
mod publish;
mod request;
mod review;
mod routes;
mod server;
pub mod sessions;
pub mod upload;
pub mod users;
mod word;
mod workflow;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::diagnostic::BuildError;
use crate::messages::{Lang, Text};
use crate::msg;
use auth::{Auth, COOKIE, Session};
use users::{Role, Users};

/// How to run the editing room.
#[derive(Debug, Clone)]
pub struct EditorOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// The language of the pages.
    pub lang: Lang,
    /// Names besides the computer's own that requests may use (`--host`).
    pub hosts: Vec<String>,
    /// Behind a proxy that speaks HTTPS to browsers: cookies get `Secure`.
    pub behind_https: bool,
}

/// What every request shares.
pub(crate) struct State {
    pub(crate) opts: EditorOptions,
    pub(crate) hosts: crate::serve::host::HostPolicy,
    pub(crate) auth: Mutex<Auth>,
    /// No login: the single person at this computer.
    pub(crate) local: bool,
    /// Saves, workflow changes and publishing, one at a time (shared with the publishing
    /// thread).
    pub(crate) writing: Arc<Mutex<()>>,
    /// The running publish, or the last one (its outcome).
    pub(crate) publishing: Mutex<Option<Arc<publish::Job>>>,
    /// Approvals taken while a publish ran, not yet carried out (their threads wait for it).
    pub(crate) queued: std::sync::atomic::AtomicUsize,
    /// The preview's private folder (the preview build's output), made when first used.
    pub(crate) preview: Mutex<Option<tempfile::TempDir>>,
}

impl State {
    /// Holds the writing lock until dropped.
    pub(crate) fn lock_writing(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The preview's folder (made private, removed when the room stops).
    pub(crate) fn preview_dir(&self) -> PathBuf {
        let mut slot = self
            .preview
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if slot.is_none() {
            *slot = tempfile::Builder::new()
                .prefix("thidua-editor-")
                .tempdir()
                .ok();
        }
        slot.as_ref().map_or_else(
            || std::env::temp_dir().join("thidua-editor"),
            |d| d.path().to_path_buf(),
        )
    }

    fn lock_auth(&self) -> std::sync::MutexGuard<'_, Auth> {
        self.auth
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The request's session from its cookie, or a new one (signed in as the local user on
    /// one's own PC, anonymous otherwise) with the id to set.
    fn session_for(&self, headers: &hyper::HeaderMap) -> (Session, Option<String>) {
        let id = headers
            .get_all(hyper::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == COOKIE)
            .map(|(_, v)| v.to_string());
        // Accounts are read before the lock: a signed-in session holds only while its account
        // exists with the same password (`thidua user remove`/`passwd` end it).
        let users = (!self.local && id.is_some()).then(|| Users::load(&self.opts.root));
        let mut auth = self.lock_auth();
        if let Some(mut s) = id.as_deref().and_then(|id| auth.get(id)) {
            let holds = match (&users, &s.user) {
                (None, _) | (_, None) => true,
                (Some(Ok(users)), Some((name, _))) => {
                    match users
                        .get(name)
                        .filter(|u| sessions::stamp(&u.hash) == s.stamp)
                    {
                        Some(u) => {
                            s.user = Some((u.name.clone(), u.role));
                            true
                        }
                        None => false,
                    }
                }
                (Some(Err(_)), Some(_)) => false,
            };
            if holds {
                return (s, None);
            }
            auth.close(&s.id);
        }
        let user = self.local.then(|| (local_name(), Role::Admin));
        let id = auth.open(user);
        match auth.get(&id) {
            Some(s) => (s, Some(id)),
            None => std::process::abort(),
        }
    }

    /// A refusal page in the room's language.
    fn refusal(&self, status: hyper::StatusCode, text: Text) -> request::Resp {
        request::Resp::text(status, format!("{}\n", text.render(self.opts.lang)))
    }

    /// The room's language.
    pub(crate) fn t(&self, text: Text) -> String {
        text.render(self.opts.lang)
    }
}

/// The name the single local user's saves are recorded under.
fn local_name() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok())
        .map(|n| crate::paths::slugify(&n))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "local".to_string())
}

/// A running editing room.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The address to open.
    pub url: String,
    stop: tokio::sync::watch::Sender<bool>,
    runtime: Option<tokio::runtime::Runtime>,
    state: Arc<State>,
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Running {
    /// Whether a publish is running or approvals wait to be carried out: stopping now would
    /// cut a publish short or lose approvals already confirmed to an approver.
    pub fn busy(&self) -> bool {
        publish::running(&self.state).is_some()
            || self.state.queued.load(std::sync::atomic::Ordering::Acquire) > 0
    }

    /// Stops answering.
    pub fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

/// Checks the site and the accounts, then listens. Refuses (a usage error, exit 2) to listen
/// beyond the loopback without accounts.
pub fn start(opts: EditorOptions) -> Result<Running, BuildError> {
    if !opts.root.join("site.yaml").is_file() {
        return Err(BuildError::usage(msg!(
            "{} has no site.yaml: start the editing room in the site's folder, or give it with --root",
            opts.root.display()
        )));
    }
    let users = Users::load(&opts.root)?;
    if !opts.bind.is_loopback() && users.list.is_empty() {
        return Err(BuildError::usage(msg!(
            "the editing room will not listen on {} without accounts: anyone on the network could change the site. Create one first with: thidua user add NAME --role admin",
            opts.bind.to_string()
        )));
    }
    let (listener, addr) = crate::serve::listen::bind(opts.bind, opts.port)?;
    let state = Arc::new(State {
        hosts: crate::serve::host::HostPolicy::new(opts.bind, &opts.hosts),
        auth: Mutex::new(Auth::with_store(sessions::path(&opts.root))),
        local: opts.bind.is_loopback() && users.list.is_empty(),
        writing: Arc::new(Mutex::new(())),
        publishing: Mutex::new(None),
        queued: std::sync::atomic::AtomicUsize::new(0),
        preview: Mutex::new(None),
        opts,
    });
    let (runtime, tokio_listener) = crate::serve::listen::runtime(listener, addr)?;
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    runtime.spawn(server::run(tokio_listener, Arc::clone(&state), stop_rx));
    Ok(Running {
        addr,
        url: crate::serve::preview_url(addr),
        stop,
        runtime: Some(runtime),
        state,
    })
}
