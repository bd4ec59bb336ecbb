//! Why a file could not be read as a Word document, in the reader's terms and language.

use crate::messages::Text;
use crate::msg;

/// Why a `.docx` could not be turned into a post. [`ConvertError::message`] says it in the
/// catalogue's words (English or Vietnamese when printed); `Display` is the English.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    /// Not a zip archive at all (a `.doc` from Word 97–2003 is told apart).
    #[error("{}", self.message())]
    NotZip {
        /// The file is an old binary `.doc`.
        old_doc: bool,
    },
    /// A zip archive, but not a Word document (an Excel or PowerPoint file is named).
    #[error("{}", self.message())]
    NotWord {
        /// What it is instead, when known ("Excel", "PowerPoint", "LibreOffice").
        instead: Option<&'static str>,
    },
    /// The file is bigger than thidua reads.
    #[error("{}", self.message())]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// It would unpack to far more than it holds, or into too many parts: refused unread.
    #[error("{}", self.message())]
    ZipBomb,
    /// A part of the document is not well-formed XML.
    #[error("{}", self.message())]
    Xml {
        /// The part (`word/document.xml`).
        part: String,
        /// 1-based line in the part.
        line: u32,
        /// 1-based column in the part.
        column: u32,
        /// The XML reader's words.
        detail: String,
    },
    /// The archive, or one of its parts, is damaged.
    #[error("{}", self.message())]
    Damaged {
        /// The part that cannot be read; `None` for the archive itself.
        part: Option<String>,
        /// The zip reader's words (English, for logs).
        detail: String,
    },
}

impl ConvertError {
    /// What went wrong, as a catalogue sentence.
    pub fn message(&self) -> Text {
        match self {
            ConvertError::NotZip { old_doc: true } => msg!(
                "this is a Word 97–2003 document (.doc), not a .docx: open it in Word and save it as \"Word Document (*.docx)\""
            ),
            ConvertError::NotZip { old_doc: false } => {
                msg!(
                    "this is not a Word document (.docx): a .docx is a zip archive, and this file is not one"
                )
            }
            ConvertError::NotWord {
                instead: Some(kind),
            } => msg!(
                "this file was made by {}, not Word: it is not a Word document (.docx)",
                *kind
            ),
            ConvertError::NotWord { instead: None } => {
                msg!("this zip archive is not a Word document: it has no word/document.xml")
            }
            ConvertError::TooLarge { size, limit } => msg!(
                "the file is {} MB; thidua reads Word documents of up to {} MB (make the photos in it smaller)",
                size.div_ceil(1_000_000),
                limit / 1_000_000
            ),
            ConvertError::ZipBomb => msg!(
                "the file would unpack to far more than a Word document holds: refused as unsafe"
            ),
            ConvertError::Xml {
                part, line, column, ..
            } => msg!(
                "the document is damaged: {} cannot be read at line {}, column {} (open it in Word and save it again)",
                part,
                *line,
                *column
            ),
            ConvertError::Damaged {
                part: Some(part), ..
            } => msg!(
                "the document is damaged: {} cannot be read (open it in Word and save it again)",
                part
            ),
            ConvertError::Damaged { part: None, .. } => msg!(
                "the document is damaged: its zip archive is broken or cut short (open it in Word and save it again)"
            ),
        }
    }
}
