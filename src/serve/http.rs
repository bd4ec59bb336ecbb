//! The preview server's HTTP side: the connections, the `Host` check and the routing, to
//! static files from the output folder (`files`, with the live-reload script injected into
//! HTML responses there, so files on disk stay identical to `build`'s) and to a Server-Sent
//! Events stream that tells browsers to reload, swap a stylesheet, or show the build errors in
//! an overlay (`events`).
//!
//! Defensive by default: only GET and HEAD; paths are decoded once and may not climb out of
//! the output folder (`..`, `%2e%2e`, backslashes, absolute paths, symlinks pointing out);
//! small header buffers, a header read timeout for slow clients, and a cap on connections.
//! Requests must name this server in `Host` (see [`super::host`]: DNS rebinding). Live-reload
//! streams stay open as long as a tab does, so they have their own, smaller cap and give back
//! the connection slot they came in on: open tabs can never starve ordinary requests.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};

mod events;
mod files;
pub use files::{Refusal, content_type, resolve};

/// Path of the live-reload script.
pub const SCRIPT_PATH: &str = "/__thidua/livereload.js";
/// Path of the event stream.
pub const EVENTS_PATH: &str = "/__thidua/events";
const MAX_CONNECTIONS: usize = 512;
/// Live-reload streams at once (one per open tab; a browser opens at most six per server).
pub const MAX_STREAMS: usize = 64;

/// The state of the last build, as browsers learn it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Status {
    /// A build succeeded: reload (`generation` counts builds).
    Reload {
        /// Increases with every build.
        generation: u64,
    },
    /// Only stylesheets changed: swap them.
    Css {
        /// Increases with every build.
        generation: u64,
    },
    /// The last build failed: show the errors; the last good site is still served.
    Error {
        /// Increases with every build.
        generation: u64,
        /// The errors, as printed in the terminal.
        errors: Vec<ErrorItem>,
    },
}

/// One error for the browser overlay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorItem {
    /// `content/tin-tuc/a.md:3:1`.
    pub location: String,
    /// The rest of the message.
    pub message: String,
}

pub(crate) struct Shared {
    pub(crate) root: PathBuf,
    pub(crate) status: watch::Receiver<Status>,
    /// The names requests may use.
    pub(crate) hosts: super::host::HostPolicy,
    /// Where the preview is (for the refusal message).
    pub(crate) url: String,
    /// The language of the refusal messages.
    pub(crate) lang: crate::messages::Lang,
    /// Slots for live-reload streams.
    pub(crate) streams: Arc<Semaphore>,
}

impl Shared {
    /// The server's state, with the stream slots.
    pub(crate) fn new(
        root: PathBuf,
        status: watch::Receiver<Status>,
        hosts: super::host::HostPolicy,
        url: String,
        lang: crate::messages::Lang,
    ) -> Shared {
        Shared {
            root,
            status,
            hosts,
            url,
            lang,
            streams: Arc::new(Semaphore::new(MAX_STREAMS)),
        }
    }
}

/// A connection's slot among the [`MAX_CONNECTIONS`]: held until the connection closes, or
/// given back when it becomes a live-reload stream.
type Slot = Arc<std::sync::Mutex<Option<OwnedSemaphorePermit>>>;

type Body = BoxBody<Bytes, Infallible>;

/// Accepts connections until `stop` fires.
pub(crate) async fn run(listener: TcpListener, shared: Arc<Shared>, stop: watch::Receiver<bool>) {
    super::listen::accept(listener, MAX_CONNECTIONS, stop, |stream, _, permit| {
        let slot: Slot = Arc::new(std::sync::Mutex::new(Some(permit)));
        let shared = Arc::clone(&shared);
        tokio::spawn(super::listen::http1(stream, 16 * 1024, move |req| {
            let shared = Arc::clone(&shared);
            let slot = Arc::clone(&slot);
            async move { handle(&shared, req, &slot).await }
        }));
    })
    .await;
}

async fn handle(shared: &Shared, req: Request<Incoming>, slot: &Slot) -> Response<Body> {
    if let Some(refused) = check_host(shared, &req) {
        return refused;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let head = req.method() == Method::HEAD;
    let path = req.uri().path();
    let response = match path {
        SCRIPT_PATH => typed(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            Bytes::from_static(events::LIVERELOAD_JS.as_bytes()),
        ),
        EVENTS_PATH => events::events(shared, slot),
        _ => files::file(shared, path).await,
    };
    if head {
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, Full::new(Bytes::new()).boxed());
    }
    response
}

/// A refusal when the request does not name this server (`Host`, and the authority of an
/// absolute URI); `None` when it may be answered.
fn check_host<B>(shared: &Shared, req: &Request<B>) -> Option<Response<Body>> {
    let host = req.headers().get(header::HOST);
    if host.is_none() && req.version() >= hyper::Version::HTTP_11 {
        // HTTP/1.1 requires it; browsers always send it. (HTTP/1.0 may leave it out, and a
        // DNS-rebinding page cannot: the browser would send it.)
        let text = crate::msg!("Bad request: the Host header is missing.").render(shared.lang);
        return Some(owned_text(StatusCode::BAD_REQUEST, &format!("{text}\n")));
    }
    let host = match host.map(HeaderValue::to_str) {
        Some(Ok(h)) => Some(h),
        Some(Err(_)) => Some(""),
        None => None,
    };
    let authority = req.uri().authority().map(|a| a.as_str());
    let refused = [host, authority]
        .into_iter()
        .flatten()
        .find(|h| !shared.hosts.allows(h))?;
    let name: String = super::host::name_of(refused).chars().take(100).collect();
    let text = crate::msg!(
        "This preview answers only to localhost and its own addresses, not to \"{}\" (a protection against DNS rebinding). Open {} instead, or start it with --host {} to allow that name.",
        name,
        shared.url,
        name
    )
    .render(shared.lang);
    Some(owned_text(StatusCode::FORBIDDEN, &format!("{text}\n")))
}

fn typed(status: StatusCode, kind: &'static str, body: Bytes) -> Response<Body> {
    let mut r = Response::new(Full::new(body).boxed());
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn owned_text(status: StatusCode, body: &str) -> Response<Body> {
    typed(
        status,
        "text/plain; charset=utf-8",
        Bytes::from(body.to_string()),
    )
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    typed(
        status,
        "text/plain; charset=utf-8",
        Bytes::from_static(body.as_bytes()),
    )
}
