//! Photos in `static/` that are published as they are (a theme names them, or no page does)
//! leave without their metadata, losslessly: the pixels' bytes are not touched, only the
//! parts that carry GPS positions, camera make and model, dates, comments, thumbnails and
//! editing history are left out (with `img-parts`, which splits a file into its parts).
//!
//! - JPEG: EXIF, XMP, IPTC/Photoshop, comments, maker segments and anything after the end of
//!   the picture (a phone's "motion photo" video, a second picture) go; the JFIF header, the
//!   colour profile (ICC) and Adobe's colour marker stay. A turned phone photo keeps its
//!   orientation as a new EXIF block holding only that one value.
//! - PNG: `eXIf`, text chunks (`tEXt`, `zTXt`, `iTXt`) and `tIME` go; colour chunks stay.
//! - WebP: `EXIF` and `XMP ` chunks go.

use bytes::Bytes;
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::{ImageEXIF, ImageICC};

/// The bytes of the photo `bytes` (named `name`) without metadata, or `None` when it has none
/// (or is not a JPEG, PNG or WebP thidua can take apart: it is then published as it is).
pub fn without_metadata(name: &str, bytes: Vec<u8>) -> Option<Vec<u8>> {
    let lower = name.to_ascii_lowercase();
    let bytes = Bytes::from(bytes);
    if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        jpeg(bytes)
    } else if lower.ends_with(".png") {
        png(bytes)
    } else if lower.ends_with(".webp") {
        webp(bytes)
    } else {
        None
    }
}

fn jpeg(bytes: Bytes) -> Option<Vec<u8>> {
    let len = bytes.len();
    let mut jpeg = Jpeg::from_bytes(bytes.clone()).ok()?;
    let orientation = jpeg
        .exif()
        .and_then(|e| image::metadata::Orientation::from_exif_chunk(&e))
        .map(image::metadata::Orientation::to_exif)
        .filter(|&o| o != 1);
    let icc = jpeg.icc_profile();
    jpeg.segments_mut().retain(keep_segment);
    // The profile is written again whole (its parts in order), as decoders expect.
    jpeg.set_icc_profile(icc);
    jpeg.set_exif(orientation.map(orientation_only));
    if let Some(last) = jpeg.segments_mut().last_mut()
        && last.has_entropy()
    {
        // The first scan's data runs to the end of the file (img-parts keeps it whole).
        let entropy = bytes.slice(len - (last.len_with_entropy() - last.len())..);
        if let Some(end) = picture_end(&entropy) {
            let header = last.contents().clone();
            *last = JpegSegment::new_with_entropy(last.marker(), header, entropy.slice(..end));
        }
    }
    let out = jpeg.encoder().bytes();
    (out != bytes).then(|| out.to_vec())
}

/// Whether a segment before the picture's data stays: everything but application segments
/// and comments, except the JFIF header (APP0) and Adobe's colour marker (APP14).
fn keep_segment(s: &JpegSegment) -> bool {
    let m = s.marker();
    let app = (markers::APP0..=markers::APP15).contains(&m);
    if m == markers::COM {
        return false;
    }
    !app || (m == markers::APP0 && s.contents().starts_with(b"JFIF\0"))
        || (m == markers::APP14 && s.contents().starts_with(b"Adobe"))
}

/// Where the picture ends in the data after the first scan's header: just after its end
/// marker (FF D9). In the coded data a 0xFF byte is always followed by 0x00, a restart marker
/// or more 0xFF; between scans, marker segments (tables, the next scan's header) are skipped
/// by their length, so bytes inside them are never taken for the end.
fn picture_end(data: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 1 < data.len() {
        if data[i] != 0xFF {
            i += 1;
            continue;
        }
        match data[i + 1] {
            0x00 | 0xFF | 0xD0..=0xD7 => i += 1,
            0xD9 => return Some(i + 2),
            _ => {
                // A segment with a length (DHT, DQT, DRI, the next SOS…).
                let hi = *data.get(i + 2)? as usize;
                let lo = *data.get(i + 3)? as usize;
                i += 2 + (hi << 8 | lo);
            }
        }
    }
    None
}

/// An EXIF block (TIFF, big-endian) holding only `orientation`.
fn orientation_only(orientation: u8) -> Bytes {
    let mut t: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&1u16.to_be_bytes()); // one entry
    t.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    t.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    t.extend_from_slice(&1u32.to_be_bytes()); // one value
    t.extend_from_slice(&[0, orientation, 0, 0]);
    t.extend_from_slice(&0u32.to_be_bytes()); // no next directory
    Bytes::from(t)
}

fn png(bytes: Bytes) -> Option<Vec<u8>> {
    let len = bytes.len();
    let mut png = Png::from_bytes(bytes).ok()?;
    for kind in [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt", *b"tIME"] {
        png.remove_chunks_by_type(kind);
    }
    let out = png.encoder().bytes();
    (out.len() != len).then(|| out.to_vec())
}

fn webp(bytes: Bytes) -> Option<Vec<u8>> {
    let len = bytes.len();
    let mut webp = WebP::from_bytes(bytes).ok()?;
    webp.set_exif(None);
    webp.remove_chunks_by_id(*b"XMP ");
    let out = webp.encoder().bytes();
    (out.len() != len).then(|| out.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_marker_is_found_past_tables_that_hold_its_bytes() {
        // coded data with stuffing and a restart, a DHT holding FF D9, a second scan, the end,
        // then a trailer.
        let data = [
            0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, // scan 1
            0xFF, 0xC4, 0x00, 0x04, 0xFF, 0xD9, // DHT (length 4) holding FF D9
            0xFF, 0xDA, 0x00, 0x02, // SOS
            0x78, 0xFF, 0xD9, // scan 2, end
            b'M', b'P', b'4',
        ];
        assert_eq!(picture_end(&data), Some(20));
        assert_eq!(picture_end(&[0x12, 0x34]), None);
    }

    #[test]
    fn the_orientation_block_reads_back() {
        let block = orientation_only(6);
        assert_eq!(
            image::metadata::Orientation::from_exif_chunk(&block).map(|o| o.to_exif()),
            Some(6)
        );
    }
}
