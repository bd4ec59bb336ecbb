//! The editing room's HTTP side: connections (hyper, as `serve`), then for every request, in
//! this order: the `Host` check (DNS rebinding, [`crate::serve::host`]), the body read with a
//! size limit, the session from its cookie, the CSRF token on every POST, the login wall, and
//! only then the route. Every answer carries a strict Content-Security-Policy (nothing from
//! another host, no inline script) and is never cached.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use tokio::net::TcpListener;

use super::State;
use super::auth::same_token;
use super::request::{Req, Resp, cookie};

/// The largest request body: a photo.
pub(super) const MAX_BODY: usize = 20 * 1024 * 1024;
const MAX_CONNECTIONS: usize = 256;

/// The policy for the editor's own pages: its embedded files only.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'";

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

/// Accepts connections until `stop` fires.
pub(super) async fn run(
    listener: TcpListener,
    state: Arc<State>,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    crate::serve::listen::accept(listener, MAX_CONNECTIONS, stop, |stream, peer, permit| {
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            crate::serve::listen::http1(stream, 32 * 1024, move |req| {
                handle(Arc::clone(&state), req, peer.ip())
            })
            .await;
            drop(permit);
        });
    })
    .await;
}

async fn handle(state: Arc<State>, req: Request<Incoming>, peer: IpAddr) -> Response<Body> {
    let secure = state.opts.behind_https;
    let client = client_address(state.opts.behind_https, peer, req.headers());
    let resp = match prepare(&state, req).await {
        Ok((r, new_cookie)) => {
            let st = Arc::clone(&state);
            let mut resp =
                tokio::task::spawn_blocking(move || super::dispatch::route(&st, r, client))
                    .await
                    .unwrap_or_else(|_| {
                        Resp::text(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n".into())
                    });
            if let Some(id) = new_cookie {
                resp.headers.push((header::SET_COOKIE, cookie(&id, secure)));
            }
            resp
        }
        Err(r) => r,
    };
    finish(resp)
}

/// Who is asking: the connection's address; behind `--behind-https`, when the connection
/// comes from this computer (nginx in front), the address nginx added last to
/// `X-Forwarded-For` (the entries before it are whatever the browser sent, so never those).
/// Without that option the header is ignored: anyone could write it.
pub(super) fn client_address(
    behind_proxy: bool,
    peer: IpAddr,
    headers: &header::HeaderMap,
) -> IpAddr {
    if !behind_proxy || !peer.is_loopback() {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .last()
        .and_then(|a| a.trim().parse().ok())
        .unwrap_or(peer)
}

/// Everything before the route: host, body, session, CSRF, login. `Err` is the refusal.
async fn prepare(state: &State, req: Request<Incoming>) -> Result<(Req, Option<String>), Resp> {
    check_host(state, &req)?;
    let (parts, body) = req.into_parts();
    if parts.method != Method::GET && parts.method != Method::POST {
        return Err(Resp::text(
            StatusCode::METHOD_NOT_ALLOWED,
            "GET, POST\n".into(),
        ));
    }
    let body = Limited::new(body, MAX_BODY)
        .collect()
        .await
        .map(|b| b.to_bytes())
        .map_err(|_| {
            state.refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                crate::msg!("The file is too large: at most 20 MB."),
            )
        })?;
    let query = pairs(parts.uri.query().unwrap_or("").as_bytes());
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let form = if is_form {
        pairs(&body)
    } else {
        HashMap::new()
    };
    let (session, new_cookie) = state.session_for(&parts.headers);
    let mut r = Req {
        method: parts.method,
        path: parts.uri.path().to_string(),
        query,
        form,
        body,
        session,
        headers: parts.headers,
    };
    if r.method == Method::POST {
        let sent = r
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .unwrap_or_else(|| r.arg("csrf").to_string());
        if !same_token(&sent, &r.session.csrf) {
            return Err(state.refusal(
                StatusCode::FORBIDDEN,
                crate::msg!("This form has expired or did not come from the editing room. Go back, reload the page and try again."),
            ));
        }
    }
    let open = r.path == "/login" || r.path.starts_with("/assets/");
    if r.session.user.is_none() && !open {
        let mut resp = Resp::see_other("/login");
        if let Some(id) = new_cookie {
            resp.headers
                .push((header::SET_COOKIE, cookie(&id, state.opts.behind_https)));
        }
        return Err(resp);
    }
    r.path = std::mem::take(&mut r.path);
    Ok((r, new_cookie))
}

/// Decoded `a=b&c=d` pairs (the last of a repeated name wins).
fn pairs(bytes: &[u8]) -> HashMap<String, String> {
    url::form_urlencoded::parse(bytes).into_owned().collect()
}

/// The `Host` (and `Origin`, when sent) must name this server.
fn check_host<B>(state: &State, req: &Request<B>) -> Result<(), Resp> {
    let get = |name: header::HeaderName| {
        req.headers()
            .get(name)
            .map(|v| v.to_str().unwrap_or("").to_string())
    };
    let host = get(header::HOST).unwrap_or_default();
    let origin = get(header::ORIGIN)
        .filter(|o| o != "null")
        .map(|o| o.split("://").nth(1).unwrap_or("").to_string());
    let bad = std::iter::once(host)
        .chain(origin)
        .find(|h| !state.hosts.allows(h));
    match bad {
        None => Ok(()),
        Some(h) => {
            let name: String = crate::serve::host::name_of(&h).chars().take(100).collect();
            Err(state.refusal(
                StatusCode::FORBIDDEN,
                crate::msg!(
                    "The editing room answers only to its own names, not to \"{}\" (a protection against DNS rebinding). Start it with --host {} to allow that name.",
                    name.clone(),
                    name
                ),
            ))
        }
    }
}

/// Adds the headers every answer carries.
fn finish(r: Resp) -> Response<Body> {
    let mut resp = Response::new(Full::new(Bytes::from(r.body)).boxed());
    *resp.status_mut() = r.status;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(r.kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(r.csp.unwrap_or(CSP)),
    );
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    for (name, value) in r.headers {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.append(name, v);
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_count_only_behind_the_proxy_and_only_the_last_one() {
        let mut h = header::HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 10.0.0.7"),
        );
        let (lo, lan): (IpAddr, IpAddr) = ([127, 0, 0, 1].into(), [10, 0, 0, 2].into());
        let last: IpAddr = [10, 0, 0, 7].into();
        assert_eq!(client_address(false, lo, &h), lo, "without the option");
        assert_eq!(client_address(true, lo, &h), last, "nginx's own entry");
        assert_eq!(client_address(true, lan, &h), lan, "not from the proxy");
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("not-an-address"),
        );
        assert_eq!(
            client_address(true, lo, &h),
            lo,
            "unreadable: the connection"
        );
    }
}
