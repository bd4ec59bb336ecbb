//! A request as the routes see it (read whole, with its session) and an answer before the
//! server adds its security headers; also the form's post fields and the session cookie.

use std::collections::HashMap;

use bytes::Bytes;
use hyper::header;
use hyper::{Method, StatusCode};

use super::auth::{COOKIE, Session};
use super::posts::Fields;

/// A request, read whole, with its session.
#[derive(Debug, Clone)]
pub(super) struct Req {
    /// GET or POST.
    pub(super) method: Method,
    /// The path, not decoded.
    pub(super) path: String,
    /// The query's pairs, decoded.
    pub(super) query: HashMap<String, String>,
    /// The form's pairs (urlencoded POST bodies), decoded.
    pub(super) form: HashMap<String, String>,
    /// The body as sent.
    pub(super) body: Bytes,
    /// The session (after login, `user` is set).
    pub(super) session: Session,
    /// The request's headers.
    pub(super) headers: hyper::HeaderMap,
}

impl Req {
    /// A query or form value, empty when absent.
    pub(super) fn arg(&self, name: &str) -> &str {
        self.form
            .get(name)
            .or_else(|| self.query.get(name))
            .map_or("", String::as_str)
    }

    /// The signed-in account's name (the route runs only after login).
    pub(super) fn user(&self) -> &str {
        self.session.user.as_ref().map_or("", |(n, _)| n.as_str())
    }

    /// Whether the signed-in account approves and publishes.
    pub(super) fn approves(&self) -> bool {
        self.session
            .user
            .as_ref()
            .is_some_and(|(_, r)| r.approves())
    }
}

/// An answer before the security headers are added.
#[derive(Debug)]
pub(super) struct Resp {
    /// The status.
    pub(super) status: StatusCode,
    /// The media type.
    pub(super) kind: &'static str,
    /// The bytes.
    pub(super) body: Vec<u8>,
    /// Other headers.
    pub(super) headers: Vec<(header::HeaderName, String)>,
    /// A policy other than [`CSP`] (the preview's).
    pub(super) csp: Option<&'static str>,
}

impl Resp {
    /// An HTML page.
    pub(super) fn html(status: StatusCode, body: String) -> Resp {
        Resp::typed(status, "text/html; charset=utf-8", body.into_bytes())
    }

    /// Any bytes.
    pub(super) fn typed(status: StatusCode, kind: &'static str, body: Vec<u8>) -> Resp {
        Resp {
            status,
            kind,
            body,
            headers: Vec::new(),
            csp: None,
        }
    }

    /// Plain text.
    pub(super) fn text(status: StatusCode, body: String) -> Resp {
        Resp::typed(status, "text/plain; charset=utf-8", body.into_bytes())
    }

    /// JSON.
    pub(super) fn json(status: StatusCode, value: &serde_json::Value) -> Resp {
        Resp::typed(status, "application/json", value.to_string().into_bytes())
    }

    /// A redirect after a POST (303) or to the login page.
    pub(super) fn see_other(to: &str) -> Resp {
        let mut r = Resp::text(StatusCode::SEE_OTHER, String::new());
        r.headers.push((header::LOCATION, to.to_string()));
        r
    }
}

/// The session cookie: never readable by scripts, never sent by another site's request.
pub(super) fn cookie(id: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

/// The fields sent by the edit form (`draft` is kept from the file: the form does not send it).
pub(super) fn fields_from(req: &Req, draft: bool) -> Fields {
    let terms = |k: &str| {
        req.arg(k)
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    };
    Fields {
        title: req.arg("title").to_string(),
        slug: req.arg("slug").trim().to_string(),
        date: req.arg("date").trim().to_string(),
        description: req.arg("description").to_string(),
        tags: terms("tags"),
        categories: terms("categories"),
        image: req.arg("image").trim().to_string(),
        draft,
    }
}
