//! The audit log: one line per action (`when<TAB>who<TAB>what<TAB>which`) appended to
//! `.thidua/audit.log`. Control characters in the parts are replaced, so a crafted name cannot
//! forge a line.

use std::io::Write;
use std::path::Path;

/// The log, relative to the site root.
pub const AUDIT_FILE: &str = ".thidua/audit.log";

/// Appends one line; a log that cannot be written does not stop the action (it is reported
/// on stderr by the caller's process only through the missing line).
pub fn record(root: &Path, who: &str, what: &str, which: &str) {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let line = format!(
        "{}\t{}\t{}\t{}\n",
        jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or(jiff::Timestamp::now()),
        clean(who),
        clean(what),
        clean(which)
    );
    let path = root.join(AUDIT_FILE);
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        let _ = f.write_all(line.as_bytes());
    }
}
