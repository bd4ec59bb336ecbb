//! Signed-in sessions kept across restarts: `.thidua/editor/sessions` (JSON, mode 0600, written
//! atomically), one entry per session with only a hash of its id (BLAKE2s-256: whoever reads
//! the file cannot sign in with it), the account, the account's stamp, the CSRF token and the
//! login and last-use times (so the idle and absolute expiries still hold after a restart).
//!
//! A session is only as good as its account: the stamp is a hash of the account's password
//! hash, so `thidua user passwd` (a new hash) and `thidua user remove` end the account's
//! sessions, in a running room at its next request ([`check`]) and in the file when the
//! accounts are saved ([`forget_stale`]). Logging out removes the entry at once.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use blake2::{Blake2s256, Digest};
use serde::{Deserialize, Serialize};

use super::auth::Session;
use super::users::{Role, Users};

/// The sessions file, relative to the site root.
pub const SESSIONS_FILE: &str = ".thidua/editor/sessions";

/// `ROOT/.thidua/editor/sessions`.
pub fn path(root: &Path) -> PathBuf {
    root.join(SESSIONS_FILE)
}

/// What is stored of one session.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    /// BLAKE2s-256 of the session id, hex.
    token: String,
    user: String,
    role: String,
    stamp: String,
    csrf: String,
    /// Seconds since 1970 (UTC).
    created: u64,
    seen: u64,
}

/// A session id's hash, hex: the key sessions are kept under, in memory and on disk.
pub fn token_hash(id: &str) -> String {
    hex(&Blake2s256::digest(id.as_bytes()))
}

/// An account's stamp: a hash of its password hash (changes with the password).
pub fn stamp(password_hash: &str) -> String {
    hex(&Blake2s256::digest(password_hash.as_bytes())[..16])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The signed-in sessions in the file, by the hash of their id (their `id` is empty until a
/// request brings it); an unreadable file gives none: everyone signs in again.
pub(super) fn load(path: &Path) -> Vec<(String, Session)> {
    let stored: Vec<Stored> = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let (now, unix) = (Instant::now(), unix_now());
    let ago = |t: u64| now.checked_sub(Duration::from_secs(unix.saturating_sub(t)));
    stored
        .into_iter()
        .filter_map(|s| {
            let role = Role::parse(&s.role)?;
            let (created, seen) = (ago(s.created)?, ago(s.seen)?);
            let session = Session {
                id: String::new(),
                user: Some((s.user, role)),
                csrf: s.csrf,
                stamp: s.stamp,
                created,
                seen,
                saved: seen,
            };
            Some((s.token, session))
        })
        .collect()
}

/// Writes the signed-in sessions (those with a stamp); a failure is not fatal: the sessions
/// stay valid until the room stops.
pub(super) fn save<'a>(path: &Path, sessions: impl Iterator<Item = (&'a String, &'a Session)>) {
    let unix = unix_now();
    let secs = |t: Instant| unix.saturating_sub(t.elapsed().as_secs());
    let stored: Vec<Stored> = sessions
        .filter(|(_, s)| !s.stamp.is_empty())
        .filter_map(|(key, s)| {
            let (user, role) = s.user.as_ref()?;
            Some(Stored {
                token: key.clone(),
                user: user.clone(),
                role: role.name().to_string(),
                stamp: s.stamp.clone(),
                csrf: s.csrf.clone(),
                created: secs(s.created),
                seen: secs(s.seen),
            })
        })
        .collect();
    write(path, &stored);
}

fn write(path: &Path, stored: &[Stored]) {
    let text = serde_json::to_string_pretty(stored).unwrap_or_else(|_| "[]".into());
    let _ = super::atomic::write_atomic(path, text.as_bytes(), true);
}

/// Whether a signed-in session still holds: its account exists with the same password; the
/// role is the account's current one.
pub(super) fn check(users: &Users, session: &Session) -> Option<(String, Role)> {
    let (name, _) = session.user.as_ref()?;
    let user = users.get(name)?;
    (!session.stamp.is_empty() && stamp(&user.hash) == session.stamp)
        .then(|| (name.clone(), user.role))
}

/// Drops from the file the sessions whose account is gone or has a new password (called when
/// the accounts are saved).
pub(super) fn forget_stale(root: &Path, users: &Users) {
    let path = path(root);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let stored: Vec<Stored> = serde_json::from_str(&text).unwrap_or_default();
    let before = stored.len();
    let kept: Vec<Stored> = stored
        .into_iter()
        .filter(|s| {
            users
                .get(&s.user)
                .is_some_and(|u| stamp(&u.hash) == s.stamp)
        })
        .collect();
    if kept.len() != before {
        write(&path, &kept);
    }
}
