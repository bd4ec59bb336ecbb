//! The editing room's accounts: `.thidua/users.yaml` in the site (git-ignored with the rest of
//! `.thidua/`, mode 0600 on Unix), one entry per person with a role and an Argon2id hash in
//! the PHC string format. Passwords are never stored or logged; only `thidua user` writes the
//! file, and always atomically.

use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde::Deserialize;

use crate::diagnostic::BuildError;
use crate::msg;

/// The accounts file, relative to the site root.
pub const USERS_FILE: &str = ".thidua/users.yaml";

/// What a person may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Writes and submits posts.
    Editor,
    /// Also returns, approves and publishes.
    Approver,
    /// Everything, including the single local user on one's own PC.
    Admin,
}

impl Role {
    /// `editor`, `approver`, `admin`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }

    /// Parses a role name.
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "editor" => Some(Role::Editor),
            "approver" => Some(Role::Approver),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Whether this role may approve and publish.
    pub fn approves(self) -> bool {
        matches!(self, Role::Approver | Role::Admin)
    }
}

/// One account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// The login name: lower-case letters, digits, `.`, `_`, `-`.
    pub name: String,
    /// What the person may do.
    pub role: Role,
    /// The Argon2id hash (PHC string).
    pub hash: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUsers {
    #[serde(default)]
    users: Vec<User>,
}

/// Every account of a site.
#[derive(Debug, Clone, Default)]
pub struct Users {
    /// The accounts, in the order they were added.
    pub list: Vec<User>,
}

impl Users {
    /// `ROOT/.thidua/users.yaml`.
    pub fn path(root: &Path) -> PathBuf {
        root.join(USERS_FILE)
    }

    /// Reads the accounts (none when the file does not exist).
    pub fn load(root: &Path) -> Result<Users, BuildError> {
        let path = Users::path(root);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Users::default()),
            Err(e) => return Err(BuildError::io(path.display(), e)),
        };
        let origin = crate::yaml::Origin {
            file: USERS_FILE,
            first_line: 1,
            topic: "accounts",
        };
        let raw: RawUsers =
            crate::yaml::parse(&text, origin).map_err(|d| BuildError::from_diagnostics(vec![d]))?;
        Ok(Users { list: raw.users })
    }

    /// Writes the accounts atomically, readable by the owner only.
    pub fn save(&self, root: &Path) -> Result<(), BuildError> {
        let mut text = String::from(
            "# Accounts of thidua's editing room: change them with `thidua user`, not by hand.\nusers:\n",
        );
        for u in &self.list {
            text.push_str(&format!(
                "  - name: \"{}\"\n    role: {}\n    hash: \"{}\"\n",
                u.name,
                u.role.name(),
                u.hash
            ));
        }
        let path = Users::path(root);
        super::atomic::write_atomic(&path, text.as_bytes(), true)
            .map_err(|e| BuildError::io(path.display(), e))?;
        // `.thidua/` ignores itself, whatever the site's own .gitignore says: the accounts must
        // never reach a Git repository.
        let ignore = root.join(".thidua/.gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "*\n").map_err(|e| BuildError::io(ignore.display(), e))?;
        }
        // A removed account or a new password ends the sessions signed in with the old one.
        super::sessions::forget_stale(root, |name, stamp| {
            self.get(name)
                .is_some_and(|u| super::sessions::stamp(&u.hash) == stamp)
        });
        Ok(())
    }

    /// The account called `name`.
    pub fn get(&self, name: &str) -> Option<&User> {
        self.list.iter().find(|u| u.name == name)
    }

    /// The account called `name`, or an error saying there is none.
    pub fn require(&self, name: &str) -> Result<&User, BuildError> {
        self.get(name).ok_or_else(|| no_such_user(name))
    }

    /// Whether `name` can be a new account: a valid name, not taken.
    pub fn check_new(&self, name: &str) -> Result<(), BuildError> {
        check_name(name)?;
        if self.get(name).is_some() {
            return Err(BuildError::usage(msg!(
                "there is already an account called \"{}\" (use thidua user passwd to change its password)",
                name
            )));
        }
        Ok(())
    }

    /// Adds an account; refuses a bad or taken name and a short password.
    pub fn add(&mut self, name: &str, role: Role, password: &str) -> Result<(), BuildError> {
        self.check_new(name)?;
        let hash = hash_password(password)?;
        self.list.push(User {
            name: name.to_string(),
            role,
            hash,
        });
        Ok(())
    }

    /// Removes an account.
    pub fn remove(&mut self, name: &str) -> Result<(), BuildError> {
        let before = self.list.len();
        self.list.retain(|u| u.name != name);
        if self.list.len() == before {
            return Err(no_such_user(name));
        }
        Ok(())
    }

    /// Sets a new password.
    pub fn passwd(&mut self, name: &str, password: &str) -> Result<(), BuildError> {
        let hash = hash_password(password)?;
        let user = self
            .list
            .iter_mut()
            .find(|u| u.name == name)
            .ok_or_else(|| no_such_user(name))?;
        user.hash = hash;
        Ok(())
    }

    /// The account, if `password` is its password. Costs the same time whether or not the name
    /// exists, so a login page does not tell which names are accounts.
    pub fn verify(&self, name: &str, password: &str) -> Option<&User> {
        let user = self.get(name);
        let hash = user.map(|u| u.hash.as_str()).unwrap_or(DUMMY_HASH);
        let ok = PasswordHash::new(hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        });
        if ok { user } else { None }
    }
}

/// A hash of nothing anyone types, verified when the name is unknown (same cost as a real one).
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$kq2SIVyT6hMp2mUZnH3D6l+GcuGkhLEqGfB7i4XvGJc";

fn no_such_user(name: &str) -> BuildError {
    BuildError::usage(msg!("there is no account called \"{}\"", name))
}

fn check_name(name: &str) -> Result<(), BuildError> {
    // A name is also part of file names (each person's autosave copy): one made only of dots
    // ("..") would name a folder.
    let ok = !name.is_empty()
        && name.len() <= 40
        && name.bytes().any(|b| b != b'.')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(BuildError::usage(msg!(
            "\"{}\" cannot be an account name: use 1 to 40 lower-case letters without accents, digits, \".\", \"_\" or \"-\" (for example lan.nguyen)",
            name
        )))
    }
}

/// Minimum password length, in characters.
pub const MIN_PASSWORD: usize = 10;

/// An Argon2id hash of `password` with a fresh random salt (PHC string).
fn hash_password(password: &str) -> Result<String, BuildError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(BuildError::usage(msg!(
            "the password is too short: use at least {} characters",
            MIN_PASSWORD.to_string()
        )));
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| BuildError::usage(msg!("cannot make a random number: {}", e.to_string())))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| BuildError::usage(msg!("cannot make a random number: {}", e.to_string())))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| BuildError::usage(msg!("cannot make a random number: {}", e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_and_a_wrong_one_does_not() {
        let mut users = Users::default();
        users
            .add("lan", Role::Editor, "mật-khẩu-dài-đủ")
            .expect("add");
        assert!(users.list[0].hash.starts_with("$argon2id$"));
        assert!(users.verify("lan", "mật-khẩu-dài-đủ").is_some());
        assert!(users.verify("lan", "sai-mật-khẩu!").is_none());
        assert!(users.verify("khong-co", "mật-khẩu-dài-đủ").is_none());
    }

    #[test]
    fn the_stand_in_hash_for_unknown_names_is_a_real_one() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn bad_names_and_short_passwords_are_refused() {
        let mut users = Users::default();
        assert!(
            users
                .add("Lan Nguyễn", Role::Editor, "mật-khẩu-dài-đủ")
                .is_err()
        );
        assert!(users.add("../x", Role::Editor, "mật-khẩu-dài-đủ").is_err());
        assert!(users.add("..", Role::Editor, "mật-khẩu-dài-đủ").is_err());
        assert!(users.add(".", Role::Editor, "mật-khẩu-dài-đủ").is_err());
        assert!(
            users
                .add("lan.nguyen", Role::Editor, "mật-khẩu-dài-đủ")
                .is_ok()
        );
        assert!(users.add("lan", Role::Editor, "ngắn").is_err());
    }
}
