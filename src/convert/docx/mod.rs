//! `.docx` → post: the zip archive opened with limits (size, number of parts, unpacked size:
//! a "zip bomb" is refused before anything is unpacked, and reading stops at the limit even
//! if the archive lies about its sizes), then `word/document.xml` read with its styles,
//! numbering and relationships ([`parts`]) into the document tree ([`body`]).

mod body;
mod parts;

use std::io::{Cursor, Read};

use super::error::ConvertError;
use super::{ConvertedPost, markdown, model};

/// The largest Word document read, in bytes (phone photos make big documents).
pub const MAX_FILE: u64 = 100_000_000;
/// The most parts an archive may have (a long report with many photos has a few hundred).
const MAX_ENTRIES: usize = 10_000;
/// The most bytes all the parts thidua reads may unpack to.
const MAX_UNPACKED: u64 = 400_000_000;
/// The most bytes one XML part may unpack to.
const MAX_XML: u64 = 64_000_000;
/// A part that unpacks to this many times its packed size, and to more than 1 MB, is a bomb
/// (text compresses about ten times, photos not at all).
const MAX_RATIO: u64 = 200;

/// The post in a `.docx` file: its title, its Markdown and its images.
pub fn docx_to_post(bytes: &[u8]) -> Result<ConvertedPost, ConvertError> {
    let size = bytes.len() as u64;
    if size > MAX_FILE {
        return Err(ConvertError::TooLarge {
            size,
            limit: MAX_FILE,
        });
    }
    let mut zip = Archive::open(bytes)?;
    let document_path = zip.main_document()?;
    let document = zip
        .xml(&document_path)?
        .ok_or(ConvertError::NotWord { instead: None })?;
    let dir = document_path
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let file_name = document_path.rsplit('/').next().unwrap_or("document.xml");
    let rels_path = format!("{dir}_rels/{file_name}.rels");
    let rels = parts::relationships(zip.xml(&rels_path)?.as_deref(), &rels_path, &dir)?;
    let styles_path = format!("{dir}styles.xml");
    let styles = parts::styles(zip.xml(&styles_path)?.as_deref(), &styles_path)?;
    let numbering_path = format!("{dir}numbering.xml");
    let numbering = parts::numbering(zip.xml(&numbering_path)?.as_deref(), &numbering_path)?;
    let context = body::Context {
        rels: &rels,
        styles: &styles,
        numbering: &numbering,
    };
    let read = body::read(&document, &document_path, &context)?;
    let mut blocks = read.blocks;
    let title = read.title.or_else(|| model::take_title(&mut blocks));
    model::demote_headings(&mut blocks);
    let mut images = Vec::with_capacity(read.images.len());
    for (name, part) in read.images {
        if let Some(data) = zip.bytes(&part)? {
            images.push((name, data));
        }
    }
    Ok(ConvertedPost {
        title: title.map(|t| crate::text::nfc(&t)),
        markdown: crate::text::nfc(&markdown::to_markdown(&blocks)),
        images,
    })
}

/// The zip archive, with a running count of what has been unpacked.
struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    unpacked: u64,
}

impl<'a> Archive<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, ConvertError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            if bytes.starts_with(b"PK") {
                ConvertError::Damaged {
                    part: None,
                    detail: e.to_string(),
                }
            } else {
                ConvertError::NotZip {
                    old_doc: bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]),
                }
            }
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(ConvertError::ZipBomb);
        }
        let mut archive = Archive { zip, unpacked: 0 };
        archive.check_declared_sizes()?;
        Ok(archive)
    }

    /// Refuses, before unpacking anything, an archive whose parts say they unpack to too much.
    fn check_declared_sizes(&mut self) -> Result<(), ConvertError> {
        let mut total: u64 = 0;
        for i in 0..self.zip.len() {
            let Ok(entry) = self.zip.by_index_raw(i) else {
                continue;
            };
            let (size, packed) = (entry.size(), entry.compressed_size());
            total = total.saturating_add(size);
            if total > MAX_UNPACKED || (size > 1_000_000 && size / packed.max(1) > MAX_RATIO) {
                return Err(ConvertError::ZipBomb);
            }
        }
        Ok(())
    }

    /// Where the main document is: `_rels/.rels` says, else `word/document.xml`.
    fn main_document(&mut self) -> Result<String, ConvertError> {
        if let Some(rels) = self.xml("_rels/.rels")?
            && let Some(target) = parts::office_document(&rels)
        {
            let target = target.trim_start_matches('/').to_string();
            if self.zip.index_for_name(&target).is_some() {
                return Ok(target);
            }
        }
        if self.zip.index_for_name("word/document.xml").is_some() {
            return Ok("word/document.xml".to_string());
        }
        let names: Vec<String> = self
            .zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect();
        let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
        let instead = if has("xl/") {
            Some("Excel")
        } else if has("ppt/") {
            Some("PowerPoint")
        } else if names.iter().any(|n| n == "content.xml") {
            Some("LibreOffice")
        } else {
            None
        };
        Err(ConvertError::NotWord { instead })
    }

    /// A part as text (`None` if the archive has no such part).
    fn xml(&mut self, name: &str) -> Result<Option<String>, ConvertError> {
        let Some(bytes) = self.read(name, MAX_XML)? else {
            return Ok(None);
        };
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => Ok(Some(text)),
            Err(_) => Err(ConvertError::Damaged {
                part: Some(name.to_string()),
                detail: "not UTF-8".to_string(),
            }),
        }
    }

    /// A part's bytes (an image).
    fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ConvertError> {
        self.read(name, MAX_FILE)
    }

    fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, ConvertError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| ConvertError::Damaged {
                part: Some(name.to_string()),
                detail: e.to_string(),
            })?;
        let allowed = limit.min(MAX_UNPACKED.saturating_sub(self.unpacked));
        let mut out = Vec::with_capacity(usize::try_from(entry.size().min(allowed)).unwrap_or(0));
        entry
            .take(allowed + 1)
            .read_to_end(&mut out)
            .map_err(|e| ConvertError::Damaged {
                part: Some(name.to_string()),
                detail: e.to_string(),
            })?;
        if out.len() as u64 > allowed {
            return Err(ConvertError::ZipBomb);
        }
        self.unpacked += out.len() as u64;
        Ok(Some(out))
    }
}
