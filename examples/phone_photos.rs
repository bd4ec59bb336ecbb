//! Writes phone-like test photos: `cargo run --release --example phone_photos -- DIR N`
//! writes N JPEGs of 4000×3000 pixels (`anh-001.jpg`…) with the EXIF a phone adds: GPS
//! position, camera make and model, and `Orientation = 6` (the phone was held upright, so the
//! picture is stored on its side). The pixels are a drawn outdoor scene with sensor-like
//! noise, so they compress like a photo, not like a flat test card.
//!
//! The integration tests (tests/suite/images.rs) include this file for the same photos; the
//! photo benchmark (bench/images.py) runs it.

#![allow(dead_code, clippy::print_stderr, clippy::unwrap_used)]

use image::ImageEncoder;

/// A 4000×3000 phone photo (JPEG, quality 90) with GPS, camera and orientation 6.
pub fn phone_jpeg(seed: u32) -> Vec<u8> {
    let jpeg = scene_jpeg(4000, 3000, seed);
    with_exif(&jpeg, &phone_exif(6))
}

/// A drawn scene (`seed` varies the colours and shapes) as a JPEG without metadata.
pub fn scene_jpeg(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut px = vec![0u8; (width * height * 3) as usize];
    let mut rng = seed.wrapping_mul(2_654_435_761).max(1);
    let horizon = height * (55 + seed % 10) / 100;
    let (bx, bw) = (width / 5 + (seed * 137) % (width / 3), width / 3);
    let (by, sun) = (horizon - height / 4, (width / 8, height / 6, height / 14));
    for y in 0..height {
        for x in 0..width {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            let noise = (rng % 9) as i32 - 4;
            let (r, g, b) = if (x as i64 - sun.0 as i64).pow(2) + (y as i64 - sun.1 as i64).pow(2)
                < (sun.2 as i64).pow(2)
            {
                (250, 230, 150)
            } else if x >= bx && x < bx + bw && y >= by && y < horizon {
                // A building with windows.
                let window = (x - bx) % 120 < 60 && (y - by) % 140 < 70;
                if window {
                    (60, 80, 110)
                } else {
                    (200, 170, 140)
                }
            } else if y < horizon {
                let t = y * 255 / horizon;
                (90 + t / 3, 150 + t / 4, 235 - t / 5)
            } else {
                let t = (y - horizon) * 255 / (height - horizon);
                let stripe = ((x / 40 + y / 25) % 2) * 12;
                (60 + t / 5 + stripe, 120 + t / 6, 50 + (seed % 40))
            };
            let i = ((y * width + x) * 3) as usize;
            px[i] = (r as i32 + noise).clamp(0, 255) as u8;
            px[i + 1] = (g as i32 + noise).clamp(0, 255) as u8;
            px[i + 2] = (b as i32 + noise).clamp(0, 255) as u8;
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(&px, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// `jpeg` with an EXIF (APP1) segment right after its start marker.
pub fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(jpeg.len() + tiff.len() + 10);
    out.extend_from_slice(&jpeg[..2]);
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// The EXIF a phone writes (little-endian TIFF): Make, Model, Orientation and a GPS position
/// (21°51' N, 106°45' E: Lạng Sơn).
pub fn phone_exif(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, typ: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&typ.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    // IFD0 at 8: 4 entries → ends at 8 + 2 + 48 + 4 = 62; strings at 62 and 70; GPS IFD at 80.
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, 8, 62); // Make
    entry(&mut t, 0x0110, 2, 9, 70); // Model
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation)); // Orientation
    entry(&mut t, 0x8825, 4, 1, 80); // GPS IFD
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(b"samsung\0");
    t.extend_from_slice(b"SM-A525F\0\0");
    // GPS IFD at 80: 4 entries → ends at 134; latitude at 134, longitude at 158.
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, 134);
    entry(&mut t, 0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0"));
    entry(&mut t, 0x0004, 5, 3, 158);
    t.extend_from_slice(&0u32.to_le_bytes());
    for (deg, min) in [(21u32, 51u32), (106, 45)] {
        for (n, d) in [(deg, 1u32), (min, 1), (0, 1)] {
            t.extend_from_slice(&n.to_le_bytes());
            t.extend_from_slice(&d.to_le_bytes());
        }
    }
    t
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "anh".into()));
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 1..=n {
        std::fs::write(dir.join(format!("anh-{i:03}.jpg")), phone_jpeg(i)).unwrap();
    }
    eprintln!("{n} photos in {}", dir.display());
}
