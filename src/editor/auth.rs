//! Who is asking: sessions (random ids in an HttpOnly, SameSite=Strict cookie, with an idle
//! and an absolute expiry), their CSRF tokens, and the login guard: the sixth wrong password
//! for a name within a minute locks that name for [`LOCK_FOR`]; the
//! [`ADDRESS_FAILURES_ALLOWED`]+1th wrong password from one address within
//! [`ADDRESS_WINDOW`], whatever the names tried, locks that address for [`LOCK_FOR`].
//!
//! Bookkeeping in memory; [`super::sessions`] keeps the signed-in sessions on disk so a
//! restart does not log everyone out.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use super::users::Role;

/// A session unused this long ends.
pub const IDLE: Duration = Duration::from_secs(2 * 60 * 60);
/// A session ends this long after login whatever happens.
pub const ABSOLUTE: Duration = Duration::from_secs(12 * 60 * 60);
/// Wrong passwords allowed within [`WINDOW`]; the next one locks the name.
pub const FAILURES_ALLOWED: usize = 5;
/// The window the wrong passwords are counted in.
pub const WINDOW: Duration = Duration::from_secs(60);
/// How long a locked name stays locked.
pub const LOCK_FOR: Duration = Duration::from_secs(15 * 60);

/// Wrong passwords allowed from one address within [`ADDRESS_WINDOW`], across all names;
/// the next one locks the address.
pub const ADDRESS_FAILURES_ALLOWED: usize = 20;
/// The window an address's wrong passwords are counted in.
pub const ADDRESS_WINDOW: Duration = Duration::from_secs(10 * 60);

/// The name of the session cookie.
pub const COOKIE: &str = "thidua_editor";

/// Someone signed in (or, before login, only a CSRF token for the login form).
#[derive(Debug, Clone)]
pub struct Session {
    /// The id in the cookie.
    pub id: String,
    /// The account, `None` before login.
    pub user: Option<(String, Role)>,
    /// The token every state-changing request must carry.
    pub csrf: String,
    /// The account's stamp when it signed in ([`super::sessions::stamp`]): a new password or
    /// a removed account no longer matches, which ends the session.
    pub stamp: String,
    pub(super) created: Instant,
    pub(super) seen: Instant,
    /// When `seen` was last written to the sessions file.
    pub(super) saved: Instant,
}

/// All sessions (by the hash of their id) and the login guard.
#[derive(Debug, Default)]
pub struct Auth {
    sessions: HashMap<String, Session>,
    /// The sessions file, when signed-in sessions are kept across restarts.
    store: Option<std::path::PathBuf>,
    failures: HashMap<String, Vec<Instant>>,
    locked: HashMap<String, Instant>,
    address_failures: HashMap<IpAddr, Vec<Instant>>,
    address_locked: HashMap<IpAddr, Instant>,
}

/// What a login attempt gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    /// In: the new session's id.
    In(String),
    /// Wrong name or password.
    Wrong,
    /// The name is locked until this long from now.
    Locked(Duration),
}

/// 32 random bytes as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // Without randomness no session can be safe: a fixed token would be worse than none.
    if getrandom::fill(&mut bytes).is_err() {
        std::process::abort();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Auth {
    /// Keeps signed-in sessions in `path` (read now, written at every change), so that a
    /// restart does not log everyone out.
    pub fn with_store(path: std::path::PathBuf) -> Auth {
        let sessions = super::sessions::load(&path)
            .into_iter()
            .filter_map(|s| {
                let role = Role::parse(&s.role)?;
                let (created, seen) = (
                    super::sessions::instant(s.created)?,
                    super::sessions::instant(s.seen)?,
                );
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
            .collect();
        let mut auth = Auth {
            sessions,
            store: Some(path),
            ..Auth::default()
        };
        auth.sweep();
        auth
    }

    /// A new session (signed in as `user`, or anonymous); returns its id.
    pub fn open(&mut self, user: Option<(String, Role)>) -> String {
        self.sweep();
        let id = random_token();
        let now = Instant::now();
        self.sessions.insert(
            super::sessions::token_hash(&id),
            Session {
                id: id.clone(),
                user,
                csrf: random_token(),
                stamp: String::new(),
                created: now,
                seen: now,
                saved: now,
            },
        );
        id
    }

    /// Records the account's stamp on a session just signed in, and keeps it on disk.
    pub fn bind(&mut self, id: &str, stamp: String) {
        if let Some(s) = self.sessions.get_mut(&super::sessions::token_hash(id)) {
            s.stamp = stamp;
            self.persist();
        }
    }

    /// The live session with this id (and notes that it was used).
    pub fn get(&mut self, id: &str) -> Option<Session> {
        let now = Instant::now();
        let key = super::sessions::token_hash(id);
        let s = self.sessions.get_mut(&key)?;
        if now.duration_since(s.seen) > IDLE || now.duration_since(s.created) > ABSOLUTE {
            let kept = !s.stamp.is_empty();
            self.sessions.remove(&key);
            if kept {
                self.persist();
            }
            return None;
        }
        s.seen = now;
        s.id = id.to_string();
        let found = s.clone();
        // Written now and then, not at every request: the idle expiry survives a restart
        // to within a minute.
        if !s.stamp.is_empty() && now.duration_since(s.saved) > Duration::from_secs(60) {
            s.saved = now;
            self.persist();
        }
        Some(found)
    }

    /// Ends a session.
    pub fn close(&mut self, id: &str) {
        let kept = self
            .sessions
            .remove(&super::sessions::token_hash(id))
            .is_some_and(|s| !s.stamp.is_empty());
        if kept {
            self.persist();
        }
    }

    /// Writes the signed-in sessions to the sessions file, if there is one.
    fn persist(&self) {
        let Some(path) = &self.store else {
            return;
        };
        let stored: Vec<super::sessions::Stored> = self
            .sessions
            .iter()
            .filter(|(_, s)| !s.stamp.is_empty())
            .filter_map(|(key, s)| {
                let (user, role) = s.user.as_ref()?;
                Some(super::sessions::Stored {
                    token: key.clone(),
                    user: user.clone(),
                    role: role.name().to_string(),
                    stamp: s.stamp.clone(),
                    csrf: s.csrf.clone(),
                    created: super::sessions::unix(s.created),
                    seen: super::sessions::unix(s.seen),
                })
            })
            .collect();
        super::sessions::save(path, &stored);
    }

    /// Whether `name` is locked now; how long for.
    pub fn locked(&mut self, name: &str) -> Option<Duration> {
        let until = *self.locked.get(name)?;
        let now = Instant::now();
        if now >= until {
            self.locked.remove(name);
            return None;
        }
        Some(until - now)
    }

    /// Records a login attempt's result (`ok` = the password verified); a locked name stays
    /// locked even with the right password.
    pub fn attempt(&mut self, name: &str, role: Option<Role>, ok: bool) -> LoginOutcome {
        if let Some(left) = self.locked(name) {
            return LoginOutcome::Locked(left);
        }
        match role {
            Some(role) if ok => {
                self.failures.remove(name);
                LoginOutcome::In(self.open(Some((name.to_string(), role))))
            }
            _ => {
                let now = Instant::now();
                let list = self.failures.entry(name.to_string()).or_default();
                list.retain(|t| now.duration_since(*t) <= WINDOW);
                list.push(now);
                if list.len() > FAILURES_ALLOWED {
                    list.clear();
                    self.locked.insert(name.to_string(), now + LOCK_FOR);
                    return LoginOutcome::Locked(LOCK_FOR);
                }
                LoginOutcome::Wrong
            }
        }
    }

    /// Whether logins from `address` are locked now; how long for.
    pub fn address_locked(&mut self, address: IpAddr) -> Option<Duration> {
        let until = *self.address_locked.get(&address)?;
        let now = Instant::now();
        if now >= until {
            self.address_locked.remove(&address);
            return None;
        }
        Some(until - now)
    }

    /// Records a refused login from `address` (any name); returns how long the address is
    /// locked when this one locks it. A successful login does not clear the count: one's own
    /// account must not reset the guessing of others'.
    pub fn address_failed(&mut self, address: IpAddr) -> Option<Duration> {
        let now = Instant::now();
        if self.address_failures.len() > 10_000 {
            self.address_failures.retain(|_, l| {
                l.last()
                    .is_some_and(|t| now.duration_since(*t) <= ADDRESS_WINDOW)
            });
        }
        let list = self.address_failures.entry(address).or_default();
        list.retain(|t| now.duration_since(*t) <= ADDRESS_WINDOW);
        list.push(now);
        if list.len() > ADDRESS_FAILURES_ALLOWED {
            list.clear();
            self.address_locked.insert(address, now + LOCK_FOR);
            return Some(LOCK_FOR);
        }
        None
    }

    /// Forgets expired sessions.
    fn sweep(&mut self) {
        let now = Instant::now();
        let before = self.sessions.len();
        self.sessions.retain(|_, s| {
            now.duration_since(s.seen) <= IDLE && now.duration_since(s.created) <= ABSOLUTE
        });
        if self.sessions.len() != before {
            self.persist();
        }
    }
}

/// Whether two tokens are equal, in time that does not depend on where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_wrong_password_in_a_minute_locks_even_the_right_one() {
        let mut auth = Auth::default();
        for _ in 0..5 {
            assert_eq!(auth.attempt("lan", None, false), LoginOutcome::Wrong);
        }
        assert!(matches!(
            auth.attempt("lan", None, false),
            LoginOutcome::Locked(_)
        ));
        assert!(matches!(
            auth.attempt("lan", Some(Role::Editor), true),
            LoginOutcome::Locked(_)
        ));
        assert!(matches!(
            auth.attempt("hoa", Some(Role::Editor), true),
            LoginOutcome::In(_)
        ));
    }

    #[test]
    fn many_wrong_passwords_from_one_address_lock_it_whatever_the_names() {
        let mut auth = Auth::default();
        let (here, there): (IpAddr, IpAddr) = ([10, 0, 0, 7].into(), [10, 0, 0, 8].into());
        for i in 0..ADDRESS_FAILURES_ALLOWED {
            assert_eq!(auth.address_failed(here), None, "attempt {i}");
        }
        assert_eq!(auth.address_failed(here), Some(LOCK_FOR));
        assert!(auth.address_locked(here).is_some());
        assert!(auth.address_locked(there).is_none());
    }

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert!(same_token(&a, &a.clone()));
        assert!(!same_token(&a, &b));
        assert!(!same_token(&a, &a[..63]));
    }
}
