//! Who is asking: sessions (random ids in an HttpOnly, SameSite=Strict cookie, with an idle
//! and an absolute expiry), their CSRF tokens, and the login guard (the sixth wrong password
//! for a name within a minute locks that name for [`LOCK_FOR`]).
//!
//! Pure bookkeeping in memory: a restart logs everyone out, which is the safe default.

use std::collections::HashMap;
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
    created: Instant,
    seen: Instant,
}

/// All sessions and the login guard.
#[derive(Debug, Default)]
pub struct Auth {
    sessions: HashMap<String, Session>,
    failures: HashMap<String, Vec<Instant>>,
    locked: HashMap<String, Instant>,
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
    /// A new session (signed in as `user`, or anonymous); returns its id.
    pub fn open(&mut self, user: Option<(String, Role)>) -> String {
        self.sweep();
        let id = random_token();
        let now = Instant::now();
        self.sessions.insert(
            id.clone(),
            Session {
                id: id.clone(),
                user,
                csrf: random_token(),
                created: now,
                seen: now,
            },
        );
        id
    }

    /// The live session with this id (and notes that it was used).
    pub fn get(&mut self, id: &str) -> Option<Session> {
        let now = Instant::now();
        let s = self.sessions.get_mut(id)?;
        if now.duration_since(s.seen) > IDLE || now.duration_since(s.created) > ABSOLUTE {
            self.sessions.remove(id);
            return None;
        }
        s.seen = now;
        Some(s.clone())
    }

    /// Ends a session.
    pub fn close(&mut self, id: &str) {
        self.sessions.remove(id);
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

    /// Forgets expired sessions.
    fn sweep(&mut self) {
        let now = Instant::now();
        self.sessions.retain(|_, s| {
            now.duration_since(s.seen) <= IDLE && now.duration_since(s.created) <= ABSOLUTE
        });
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
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert!(same_token(&a, &a.clone()));
        assert!(!same_token(&a, &b));
        assert!(!same_token(&a, &a[..63]));
    }
}
