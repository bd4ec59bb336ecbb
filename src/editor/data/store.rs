//! Reading and saving a data file with the guarantees of a post's save: the version the form
//! was opened on is checked under the writing lock (a file changed meanwhile is a conflict:
//! nothing is overwritten and the text sent is kept under `.thidua/editor/conflicts/`), the
//! bytes are written atomically, the save is recorded in the history with its author and in
//! the audit log. A BOM and Windows line ends are kept as the file had them.

use std::path::Path;

use super::super::State;
use super::super::posts::{keep_conflict, version};
use crate::messages::Text;
use crate::msg;

/// A data file as read.
#[derive(Debug, Clone)]
pub(super) struct Current {
    /// The text, NFC, `\n` line ends, without a BOM (what the build reads).
    pub(super) text: String,
    /// Its version (a hash of `text`), which the form sends back.
    pub(super) version: String,
    crlf: bool,
    bom: bool,
}

/// Reads `rel` under `root`.
pub(super) fn read(root: &Path, rel: &str) -> Result<Current, Text> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| msg!("cannot read {}: {}", rel, e))?;
    let text = crate::text::decode(&bytes, rel)
        .map_err(|d| d.message)?
        .text;
    Ok(Current {
        version: version(&text),
        crlf: bytes.windows(2).any(|w| w == b"\r\n"),
        bom: bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        text,
    })
}

/// What a save did.
#[derive(Debug)]
pub(super) enum Outcome {
    /// Written.
    Written,
    /// The text is the file's already.
    Unchanged,
    /// The file changed since the form was opened: `kept` holds the text sent, `current` is
    /// the file's text now.
    Conflict {
        /// Where the text sent is kept (relative to the root).
        kept: String,
        /// The file's text now.
        current: String,
    },
}

/// Saves `text` as `rel` if the file is still at `based_on`, as `who`; `what` names the change
/// in the history ("sửa số liệu: ho-so-dung-han").
pub(super) fn save(
    state: &State,
    rel: &str,
    based_on: &str,
    text: &str,
    who: &str,
    what: &str,
) -> Result<Outcome, Text> {
    let root = &state.opts.root;
    let _guard = state.lock_writing();
    let now = read(root, rel)?;
    if now.version != based_on {
        let kept = keep_conflict(root, rel, who, text)?;
        super::super::audit::record(root, who, "conflict", &format!("{rel} -> {kept}"));
        return Ok(Outcome::Conflict {
            kept,
            current: now.text,
        });
    }
    if text == now.text {
        return Ok(Outcome::Unchanged);
    }
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if now.bom {
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    if now.crlf {
        bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    } else {
        bytes.extend_from_slice(text.as_bytes());
    }
    super::super::atomic::write_atomic(&root.join(rel), &bytes, false)
        .map_err(|e| msg!("cannot save {}: {}", rel, e))?;
    super::super::history::record(state, rel, who, what);
    super::super::audit::record(root, who, "save data", &format!("{rel} {what}"));
    Ok(Outcome::Written)
}
