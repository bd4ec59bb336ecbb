//! The routes added with publishing in the background, the cover picker's photos and the
//! login guard per address,
//! answered before [`super::routes`]'s table (which answers everything else), with the
//! client's address that [`super::server`] worked out.

use std::net::IpAddr;
use std::sync::Arc;

use hyper::Method;

use super::State;
use super::request::{Req, Resp};

/// Answers one request.
pub(super) fn route(state: &Arc<State>, req: Req, client: IpAddr) -> Resp {
    let get = req.method == Method::GET;
    match (get, req.path.as_str()) {
        (false, "/workflow") if req.arg("action") == "approve" && req.approves() => {
            super::workflow::approve_now_or_after(state, req)
        }
        (true, "/publish") => super::publish::progress_page(state, &req),
        (true, "/publish/status") => super::publish::status(state, &req),
        (false, "/login") => super::login::login(state, &req, client),
        (true, "/photo") => super::cover::photo(state, &req),
        _ => super::routes::route(state, req),
    }
}
