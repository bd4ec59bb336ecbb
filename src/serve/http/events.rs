//! The live-reload stream (Server-Sent Events): what browsers hear after each build, with
//! the script that listens to it.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::Response;
use hyper::body::Frame;
use hyper::header::{self, HeaderValue};
use tokio::sync::watch;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;

use super::{Body, Shared, Slot, Status};

/// How long a browser turned away for want of a stream slot waits before it tries again.
const STREAM_RETRY: Duration = Duration::from_secs(5);
/// A comment line sent this often on every stream, so streams of browsers that went away
/// are noticed and their slots freed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The event stream for one tab: the overlay at once if the last build failed, then every
/// change; a short answer telling it to come back later when every stream slot is taken.
pub(super) fn events(shared: &Shared, slot: &Slot) -> Response<Body> {
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

/// The browser side: reload (keeping the scroll position), swap stylesheets, or show the
/// build errors in an overlay that clears itself on the next good build.
pub(super) const LIVERELOAD_JS: &str = r#"(function () {
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
