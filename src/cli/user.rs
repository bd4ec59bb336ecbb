//! `thidua user add|remove|passwd`: the editing room's accounts (see [`crate::editor::users`]).
//!
//! Help texts are written as `help = "…"` literals beside the doc comments: the catalogue
//! (`messages/catalogue/editor.rs`) holds their Vietnamese, and its test wants each sentence
//! as a literal in `src/` (only `catalogue/help.rs` is exempt).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Ui, report_error};
use crate::diagnostic::BuildError;
use crate::editor::users::{Role, Users};

/// `thidua user`.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// What to do with the account.
    #[command(subcommand)]
    pub action: UserAction,
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".", global = true)]
    pub root: PathBuf,
}

/// `add`, `remove`, `passwd`.
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create an account: thidua user add lan --role editor.
    #[command(about = "Create an account: thidua user add lan --role editor")]
    Add {
        /// The login name (lower-case letters without accents, digits, . _ -).
        #[arg(help = "The login name (lower-case letters without accents, digits, . _ -)")]
        name: String,
        /// editor (writes and submits), approver (also approves and publishes) or admin.
        #[arg(
            help = "editor (writes and submits), approver (also approves and publishes) or admin",
            long,
            value_name = "editor|approver|admin"
        )]
        role: String,
        /// Read the password from the first line of standard input instead of asking.
        #[arg(
            help = "Read the password from the first line of standard input instead of asking",
            long
        )]
        password_stdin: bool,
    },
    /// Delete an account.
    #[command(about = "Delete an account")]
    Remove {
        /// The login name.
        #[arg(help = "The login name")]
        name: String,
    },
    /// Change an account's password.
    #[command(about = "Change an account's password")]
    Passwd {
        /// The login name.
        #[arg(help = "The login name")]
        name: String,
        /// Read the password from the first line of standard input instead of asking.
        #[arg(
            help = "Read the password from the first line of standard input instead of asking",
            long
        )]
        password_stdin: bool,
    },
}

impl UserArgs {
    /// Changes the accounts file and says what was done.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        self.apply(ui).map_err(|e| report_error(ui, &e, None))
    }

    fn apply(self, ui: Ui) -> Result<(), BuildError> {
        let mut users = Users::load(&self.root)?;
        match self.action {
            UserAction::Add {
                name,
                role,
                password_stdin,
            } => {
                let role = Role::parse(&role).ok_or_else(|| {
                    BuildError::usage(crate::msg!(
                        "\"{}\" is not a role: use editor, approver or admin",
                        role
                    ))
                })?;
                // Said before asking for a password that would be thrown away.
                users.check_new(&name)?;
                let password = read_password(ui, password_stdin)?;
                users.add(&name, role, &password)?;
                users.save(&self.root)?;
                say!(ui, "Created the account {} ({})", name, role.name());
            }
            UserAction::Remove { name } => {
                users.remove(&name)?;
                users.save(&self.root)?;
                say!(ui, "Removed the account {}", name);
            }
            UserAction::Passwd {
                name,
                password_stdin,
            } => {
                users.require(&name)?;
                let password = read_password(ui, password_stdin)?;
                users.passwd(&name, &password)?;
                users.save(&self.root)?;
                say!(ui, "Changed the password of {}", name);
            }
        }
        Ok(())
    }
}

/// The password: the first line of stdin, or typed twice at a prompt that does not echo.
fn read_password(ui: Ui, from_stdin: bool) -> Result<String, BuildError> {
    let io = |e: std::io::Error| BuildError::io("stdin", e);
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(io)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let no_terminal = |_| {
        BuildError::usage(crate::msg!(
            "cannot ask for the password here (no terminal): give it on standard input with --password-stdin"
        ))
    };
    let first =
        rpassword::prompt_password(ui.text(&crate::msg!("Password: "))).map_err(no_terminal)?;
    let again = rpassword::prompt_password(ui.text(&crate::msg!("The same password again: ")))
        .map_err(no_terminal)?;
    if first != again {
        return Err(BuildError::usage(crate::msg!(
            "the two passwords differ: nothing was changed"
        )));
    }
    Ok(first)
}
