//! `POST /login`: the password checked with the guard of [`super::auth`], per account name
//! and per client address (the address from [`super::server`], which believes a proxy's
//! `X-Forwarded-For` only behind `--behind-https`). A locked name or address is not even
//! checked: no guessing continues while it is locked.

use std::net::IpAddr;

use hyper::StatusCode;

use super::auth::LoginOutcome;
use super::pages;
use super::request::{Req, Resp};
use super::users::Users;
use super::{State, audit};
use crate::msg;

/// Signs in, or says why not.
pub(super) fn login(state: &State, req: &Req, client: IpAddr) -> Resp {
    let name = req.arg("name").trim().to_string();
    let root = &state.opts.root;
    if let Some(left) = state.lock_auth().address_locked(client) {
        audit::record(
            root,
            &name,
            "login refused",
            &format!("address {client} locked"),
        );
        return locked(state, req, left, true);
    }
    let users = Users::load(root).unwrap_or_default();
    let name_locked = state.lock_auth().locked(&name).is_some();
    let user = if name_locked {
        None
    } else {
        users.verify(&name, req.arg("password")).map(|u| u.role)
    };
    let mut auth = state.lock_auth();
    let outcome = auth.attempt(&name, user, user.is_some());
    let address_lock = match outcome {
        LoginOutcome::In(_) => None,
        _ => auth.address_failed(client),
    };
    drop(auth);
    match (outcome, address_lock) {
        (LoginOutcome::In(id), _) => {
            let stamp = users
                .get(&name)
                .map(|u| super::sessions::stamp(&u.hash))
                .unwrap_or_default();
            let mut auth = state.lock_auth();
            auth.close(&req.session.id);
            auth.bind(&id, stamp);
            drop(auth);
            audit::record(root, &name, "login", &client.to_string());
            let mut r = Resp::see_other("/");
            r.headers.push((
                hyper::header::SET_COOKIE,
                super::request::cookie(&id, state.opts.behind_https),
            ));
            r
        }
        (_, Some(left)) => {
            audit::record(
                root,
                &name,
                "login refused",
                &format!("address {client} locked"),
            );
            locked(state, req, left, true)
        }
        (LoginOutcome::Wrong, None) => {
            audit::record(root, &name, "login refused", "wrong password");
            let m = state.t(msg!("Wrong account name or password."));
            Resp::html(StatusCode::UNAUTHORIZED, pages::login(state, req, Some(m)))
        }
        (LoginOutcome::Locked(left), None) => {
            audit::record(root, &name, "login refused", "locked");
            locked(state, req, left, false)
        }
    }
}

/// The login page saying the name (or the address) is locked, and for how long.
fn locked(state: &State, req: &Req, left: std::time::Duration, address: bool) -> Resp {
    let minutes = left.as_secs().div_ceil(60).to_string();
    let m = if address {
        msg!(
            "Too many wrong passwords from this computer: signing in from it is locked for {} minutes.",
            minutes
        )
    } else {
        msg!(
            "Too many wrong passwords: this account is locked for {} minutes.",
            minutes
        )
    };
    Resp::html(
        StatusCode::TOO_MANY_REQUESTS,
        pages::login(state, req, Some(state.t(m))),
    )
}
