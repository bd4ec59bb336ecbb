//! Signed-in sessions kept across restarts: `.thidua/editor/sessions` (JSON, mode 0600, written
//! atomically), one entry per session with only a hash of its id (BLAKE2s-256: whoever reads
//! the file cannot sign in with it), the account, the account's stamp, the CSRF token and the
//! login and last-use times (so the idle and absolute expiries still hold after a restart).
//!
//! A session is only as good as its account: the stamp is a hash of the account's password
//! hash, so `thidua user passwd` (a new hash) and `thidua user remove` end the account's
//! sessions, in a running room at its next request and in the file when the accounts are
//! saved ([`forget_stale`]). Logging out removes the entry at once. A leaf: the sessions'
//! bookkeeping is [`super::auth`]'s.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use blake2::{Blake2s256, Digest};
use serde::{Deserialize, Serialize};

/// The sessions file, relative to the site root.
pub const SESSIONS_FILE: &str = ".thidua/editor/sessions";

/// `ROOT/.thidua/editor/sessions`.
pub fn path(root: &Path) -> PathBuf {
    root.join(SESSIONS_FILE)
}

/// What is stored of one signed-in session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Stored {
    /// BLAKE2s-256 of the session id, hex.
    pub(super) token: String,
    /// The account.
    pub(super) user: String,
    /// Its role when it signed in (`editor`, `approver`, `admin`).
    pub(super) role: String,
    /// The account's [`stamp`].
    pub(super) stamp: String,
    /// The session's CSRF token.
    pub(super) csrf: String,
    /// Login, in seconds since 1970 (UTC).
    pub(super) created: u64,
    /// Last use, in seconds since 1970 (UTC).
    pub(super) seen: u64,
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

/// The sessions in the file; an unreadable file gives none: everyone signs in again.
pub(super) fn load(path: &Path) -> Vec<Stored> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Writes the sessions; a failure is not fatal: they stay valid until the room stops.
pub(super) fn save(path: &Path, stored: &[Stored]) {
    let text = serde_json::to_string_pretty(stored).unwrap_or_else(|_| "[]".into());
    let _ = super::atomic::write_atomic(path, text.as_bytes(), true);
}

/// `t` as seconds since 1970.
pub(super) fn unix(t: Instant) -> u64 {
    unix_now().saturating_sub(t.elapsed().as_secs())
}

/// Seconds since 1970 as an instant of this process (`None` before it could exist).
pub(super) fn instant(secs: u64) -> Option<Instant> {
    Instant::now().checked_sub(Duration::from_secs(unix_now().saturating_sub(secs)))
}

/// Drops from the file the sessions whose account no longer `holds(name, stamp)` (called
/// when the accounts are saved: a removed account, a new password).
pub(super) fn forget_stale(root: &Path, holds: impl Fn(&str, &str) -> bool) {
    let path = path(root);
    if !path.exists() {
        return;
    }
    let stored = load(&path);
    let before = stored.len();
    let kept: Vec<Stored> = stored
        .into_iter()
        .filter(|s| holds(&s.user, &s.stamp))
        .collect();
    if kept.len() != before {
        save(&path, &kept);
    }
}
