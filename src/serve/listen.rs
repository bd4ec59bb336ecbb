//! The server start-up that `serve` and `editor` share: the listening socket (with the message
//! for a port already taken), a two-thread runtime that owns it, and the accept loop, which
//! caps the connections open at once and hands each one, with its slot, to the server's own
//! handler; [`http1`] serves a connection with small header buffers and a header read timeout
//! (slow clients cannot hold a slot).

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};

use crate::diagnostic::BuildError;
use crate::msg;

/// Opens the listening socket on `bind:port` (0 picks a free port); the address it got.
pub(crate) fn bind(
    bind: IpAddr,
    port: u16,
) -> Result<(std::net::TcpListener, SocketAddr), BuildError> {
    let listener = std::net::TcpListener::bind((bind, port)).map_err(|e| {
        BuildError::usage(msg!(
            "cannot listen on {}: {} (is another preview running? try --port {})",
            format!("{bind}:{port}"),
            e,
            port.wrapping_add(1)
        ))
    })?;
    let shown = format!("{bind}:{port}");
    listener
        .set_nonblocking(true)
        .map_err(|e| BuildError::io(&shown, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| BuildError::io(&shown, e))?;
    Ok((listener, addr))
}

/// A two-thread runtime and the socket moved into it.
pub(crate) fn runtime(
    listener: std::net::TcpListener,
    addr: SocketAddr,
) -> Result<(tokio::runtime::Runtime, TcpListener), BuildError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| BuildError::io(addr, e))?;
    let listener = {
        let _guard = runtime.enter();
        TcpListener::from_std(listener).map_err(|e| BuildError::io(addr, e))?
    };
    Ok((runtime, listener))
}

/// Accepts connections until `stop` fires, at most `max` open at once: each one goes to
/// `each` with the peer's address and its slot (freed when the permit is dropped).
pub(crate) async fn accept(
    listener: TcpListener,
    max: usize,
    mut stop: watch::Receiver<bool>,
    mut each: impl FnMut(TcpStream, SocketAddr, OwnedSemaphorePermit),
) {
    let permits = Arc::new(Semaphore::new(max));
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => return,
        };
        let Ok((stream, peer)) = accepted else {
            continue;
        };
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        each(stream, peer, permit);
    }
}

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

/// Serves one connection over HTTP/1 with `handle`, header buffers of `max_buf` bytes and
/// 10 seconds to send the headers.
pub(crate) async fn http1<F, Fut>(stream: TcpStream, max_buf: usize, handle: F)
where
    F: Fn(Request<Incoming>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Response<Body>> + Send + 'static,
{
    let svc = hyper::service::service_fn(move |req| {
        let answer = handle(req);
        async move { Ok::<_, Infallible>(answer.await) }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(10))
        .max_buf_size(max_buf)
        .serve_connection(TokioIo::new(stream), svc)
        .await;
}
