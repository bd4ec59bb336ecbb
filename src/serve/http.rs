//! The preview server's HTTP side: static files from the output folder, the live-reload script
//! (injected into HTML responses here, so files on disk stay identical to `build`'s), and a
//! Server-Sent Events stream that tells browsers to reload, swap a stylesheet, or show the
//! build errors in an overlay.
//!
//! Defensive by default: only GET and HEAD; paths are decoded once and may not climb out of
//! the output folder (`..`, `%2e%2e`, backslashes, absolute paths, symlinks pointing out);
//! small header buffers, a header read timeout for slow clients, and a cap on connections.
//! Requests must name this server in `Host` (see [`super::host`]: DNS rebinding). Live-reload
//! streams stay open as long as a tab does, so they have their own, smaller cap and give back
//! the connection slot they came in on: open tabs can never starve ordinary requests.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;

/// Path of the live-reload script.
pub const SCRIPT_PATH: &str = "/__thidua/livereload.js";
/// Path of the event stream.
pub const EVENTS_PATH: &str = "/__thidua/events";
const MAX_CONNECTIONS: usize = 512;
/// Live-reload streams at once (one per open tab; a browser opens at most six per server).
pub const MAX_STREAMS: usize = 64;
/// How long a browser turned away for want of a stream slot waits before it tries again.
const STREAM_RETRY: Duration = Duration::from_secs(5);
/// A comment line sent this often on every stream, so streams of browsers that went away
/// are noticed and their slots freed.
const HEARTBEAT: Duration = Duration::from_secs(15);

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
pub(crate) async fn run(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => return,
        };
        let Ok((stream, _)) = accepted else { continue };
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        let slot: Slot = Arc::new(std::sync::Mutex::new(Some(permit)));
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req| {
                let shared = Arc::clone(&shared);
                let slot = Arc::clone(&slot);
                async move { Ok::<_, Infallible>(handle(&shared, req, &slot).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(10))
                .max_buf_size(16 * 1024)
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
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
            Bytes::from_static(LIVERELOAD_JS.as_bytes()),
        ),
        EVENTS_PATH => events(shared, slot),
        _ => file(shared, path).await,
    };
    if head {
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, Full::new(Bytes::new()).boxed());
    }
    response
}

/// Why a path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not there (or not a file we serve).
    NotFound,
    /// It would leave the output folder.
    Forbidden,
}

/// Maps a request path to a file inside `root`, refusing anything that would leave it.
pub fn resolve(root: &Path, raw: &str) -> Result<PathBuf, Refusal> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| Refusal::NotFound)?;
    if decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') {
        return Err(Refusal::Forbidden);
    }
    let mut path = root.to_path_buf();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Err(Refusal::Forbidden),
            s => {
                let p = Path::new(s);
                if p.components().any(|c| !matches!(c, Component::Normal(_))) {
                    return Err(Refusal::Forbidden);
                }
                path.push(s);
            }
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    // Symlinks may point anywhere: the real path must still be inside the root.
    let real = std::fs::canonicalize(&path).map_err(|_| Refusal::NotFound)?;
    let real_root = std::fs::canonicalize(root).map_err(|_| Refusal::NotFound)?;
    if !real.starts_with(&real_root) {
        return Err(Refusal::Forbidden);
    }
    if !real.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(real)
}

async fn file(shared: &Shared, path: &str) -> Response<Body> {
    // A directory without a trailing slash: redirect, so relative links keep working.
    if !path.ends_with('/') && !path.rsplit('/').next().unwrap_or_default().contains('.') {
        let dir = shared.root.join(path.trim_start_matches('/'));
        if resolve(&shared.root, path).is_ok() && dir.is_dir() {
            let mut r = text(StatusCode::MOVED_PERMANENTLY, "");
            // Rebuilt from its segments: `//tin-tuc` must not become the protocol-relative
            // `//tin-tuc/` (a redirect to another host).
            let clean: Vec<&str> = path.split('/').filter(|seg| !seg.is_empty()).collect();
            if let Ok(v) = HeaderValue::from_str(&format!("/{}/", clean.join("/"))) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            return r;
        }
    }
    match resolve(&shared.root, path) {
        Ok(file) => match tokio::fs::read(&file).await {
            Ok(bytes) => serve_bytes(StatusCode::OK, &file, bytes),
            Err(_) => not_found(shared).await,
        },
        Err(Refusal::Forbidden) => text(StatusCode::FORBIDDEN, "forbidden\n"),
        Err(Refusal::NotFound) => not_found(shared).await,
    }
}

async fn not_found(shared: &Shared) -> Response<Body> {
    let page = shared.root.join("404.html");
    match tokio::fs::read(&page).await {
        Ok(bytes) => serve_bytes(StatusCode::NOT_FOUND, &page, bytes),
        Err(_) => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

fn serve_bytes(status: StatusCode, file: &Path, bytes: Vec<u8>) -> Response<Body> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let kind = content_type(&ext);
    let body = if ext == "html" { inject(bytes) } else { bytes };
    typed(status, kind, Bytes::from(body))
}

/// The content type for a file extension; text types say UTF-8.
pub fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
    html
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// A refusal when the request does not name this server (`Host`, and the authority of an
/// absolute URI); `None` when it may be answered.
fn check_host<B>(shared: &Shared, req: &Request<B>) -> Option<Response<Body>> {
    let host = req.headers().get(header::HOST);
    if host.is_none() && req.version() >= hyper::Version::HTTP_11 {
        // HTTP/1.1 requires it; browsers always send it. (HTTP/1.0 may leave it out, and a
        // DNS-rebinding page cannot: the browser would send it.)
        let text = crate::messages::translate(MISSING_HOST, shared.lang);
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
    let text = crate::messages::translate(
        &format!(
            "This preview answers only to localhost and its own addresses, not to \"{name}\" (a protection against DNS rebinding). Open {} instead, or start it with --host {name} to allow that name.",
            shared.url
        ),
        shared.lang,
    )
    .into_owned();
    Some(owned_text(StatusCode::FORBIDDEN, &format!("{text}\n")))
}

/// What a request without `Host` hears.
const MISSING_HOST: &str = "Bad request: the Host header is missing.";

fn events(shared: &Shared, slot: &Slot) -> Response<Body> {
    let Ok(stream_slot) = Arc::clone(&shared.streams).try_acquire_owned() else {
        return too_many_streams();
    };
    // A stream stays open as long as its tab: it gives back the connection slot, so that
    // ordinary requests never wait for tabs.
    drop(slot.lock().ok().and_then(|mut s| s.take()));
    let current = shared.status.borrow().clone();
    // On connect: the overlay right away if the last build failed; then every change.
    let first = match &current {
        Status::Error { .. } => Some(event_frame(&current)),
        _ => None,
    };
    let hello = Frame::data(Bytes::from_static(b"retry: 1000\n\n"));
    let changes = WatchStream::from_changes(seen(&shared.status))
        .map(|s| Ok::<_, Infallible>(event_frame(&s)));
    let heartbeat = tokio_stream::wrappers::IntervalStream::new(tokio::time::interval_at(
        tokio::time::Instant::now() + HEARTBEAT,
        HEARTBEAT,
    ))
    .map(|_| Ok::<_, Infallible>(Frame::data(Bytes::from_static(b": ping\n\n"))));
    let stream = tokio_stream::iter(std::iter::once(hello).chain(first).map(Ok::<_, Infallible>))
        .chain(changes.merge(heartbeat))
        // The stream slot is held for as long as the stream is.
        .map(move |frame| {
            let _held = &stream_slot;
            frame
        });
    let mut r = Response::new(StreamBody::new(stream).boxed());
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The answer when every stream slot is taken: a stream that tells the browser to try again
/// in a few seconds, and ends (`EventSource` gives up for good on an error status, but
/// reconnects after a stream that ends).
fn too_many_streams() -> Response<Body> {
    let body = format!(
        ": too many live-reload streams are open; try again later\nretry: {}\n\n",
        STREAM_RETRY.as_millis()
    );
    let mut r = Response::new(Full::new(Bytes::from(body)).boxed());
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::RETRY_AFTER,
        HeaderValue::from(STREAM_RETRY.as_secs()),
    );
    h.insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// A receiver for which the current state counts as already seen: a browser that just loaded
/// the page must only hear about *later* builds (otherwise every page load would trigger
/// another reload, forever).
fn seen(status: &watch::Receiver<Status>) -> watch::Receiver<Status> {
    let mut rx = status.clone();
    rx.borrow_and_update();
    rx
}

fn event_frame(s: &Status) -> Frame<Bytes> {
    let name = match s {
        Status::Reload { .. } => "reload",
        Status::Css { .. } => "css",
        Status::Error { .. } => "error",
    };
    let data = serde_json::to_string(s).unwrap_or_default();
    Frame::data(Bytes::from(format!("event: {name}\ndata: {data}\n\n")))
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

/// The browser side: reload (keeping the scroll position), swap stylesheets, or show the
/// build errors in an overlay that clears itself on the next good build.
const LIVERELOAD_JS: &str = r#"(function () {
  "use strict";
  var KEY = "thidua-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    // Instantly (the theme may scroll smoothly), and only ours (not the browser's own restore).
    history.scrollRestoration = "manual";
    window.addEventListener("load", function () {
      window.scrollTo({ top: parseInt(saved, 10) || 0, behavior: "instant" });
    });
  }
  function overlay(errors) {
    var box = document.getElementById("thidua-overlay");
    if (!errors) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "thidua-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:16px;";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "Lỗi khi dựng trang (build failed) — trang cũ vẫn đang hiển thị";
    h.style.cssText = "font-size:18px;margin:0 0 12px;color:#ffb4b4;";
    box.appendChild(h);
    errors.forEach(function (e) {
      var p = document.createElement("p");
      p.style.cssText = "margin:0 0 10px;word-break:break-word;";
      var loc = document.createElement("code");
      loc.textContent = e.location;
      loc.style.cssText = "display:block;color:#ffd98a;font:14px/1.4 ui-monospace,monospace;";
      p.appendChild(loc);
      p.appendChild(document.createTextNode(e.message));
      box.appendChild(p);
    });
  }
  var es = new EventSource("/__thidua/events");
  es.addEventListener("reload", function () {
    sessionStorage.setItem(KEY, String(window.scrollY));
    history.scrollRestoration = "manual";
    location.reload();
  });
  es.addEventListener("css", function () {
    overlay(null);
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var u = new URL(l.href);
      u.searchParams.set("thidua", Date.now());
      l.href = u.toString();
    });
  });
  es.addEventListener("error", function (ev) {
    if (!ev.data) return;
    try { overlay(JSON.parse(ev.data).errors); } catch (_) {}
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().join("out");
        std::fs::create_dir_all(root.join("a")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(root.join("a/index.html"), "x").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap_or_else(|e| panic!("{e}"));
        assert!(resolve(&root, "/a/").is_ok());
        assert_eq!(resolve(&root, "/../secret.txt"), Err(Refusal::Forbidden));
        assert_eq!(
            resolve(&root, "/%2e%2e/secret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            resolve(&root, "/a/%2E%2E/%2e%2e/secret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            resolve(&root, "/a\\..\\..\\secret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            resolve(&root, "/%5c..%5csecret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(resolve(&root, "/missing.html"), Err(Refusal::NotFound));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(resolve(&root, "/link.txt"), Err(Refusal::Forbidden));
        }
    }

    #[test]
    fn script_goes_before_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>".to_vec());
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<html><body><p>x</p><script src=\"/__thidua/livereload.js\" defer></script></BODY></html>"
        );
    }
}
