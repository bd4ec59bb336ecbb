//! Photos in `static/` published as they are (no page shows them, or a theme names them) leave
//! without GPS, camera, comments or trailing data, losslessly: same pixels, same colour
//! profile, same orientation (checked with a real EXIF reader, kamadak-exif).

use bytes::Bytes;
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::{Png, PngChunk};
use img_parts::{ImageEXIF, ImageICC};

use crate::phone_photos;
use crate::support::{TestSite, text};

/// A phone JPEG (GPS, make, model, orientation 6) with a colour profile, an XMP block (with
/// a GPS position), a comment and a "motion photo" appended after the picture.
fn loaded_jpeg() -> Vec<u8> {
    let jpeg = phone_photos::with_exif(
        &phone_photos::scene_jpeg(320, 240, 4),
        &phone_photos::phone_exif(6),
    );
    let mut j = Jpeg::from_bytes(Bytes::from(jpeg)).unwrap();
    j.set_icc_profile(Some(Bytes::from_static(b"ho-so-mau-thu")));
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta exif:GPSLatitude=\"21,50.5N\"/>";
    j.segments_mut().insert(
        1,
        JpegSegment::new_with_contents(markers::APP1, Bytes::from_static(xmp)),
    );
    j.segments_mut().insert(
        1,
        JpegSegment::new_with_contents(markers::COM, Bytes::from_static(b"Nguyen Van A, Lang Son")),
    );
    let mut out = j.encoder().bytes().to_vec();
    out.extend_from_slice(b"\0\0\0\x18ftypmp42MotionPhoto_Data");
    out
}

/// A PNG with an `eXIf` chunk and a text chunk.
fn loaded_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 6, y as u8 * 8, 90]));
    let mut buf = std::io::Cursor::new(Vec::new());
    img.write_to(&mut buf, image::ImageFormat::Png).unwrap();
    let mut png = Png::from_bytes(Bytes::from(buf.into_inner())).unwrap();
    let exif = phone_photos::phone_exif(1);
    png.chunks_mut()
        .insert(1, PngChunk::new(*b"eXIf", Bytes::from(exif)));
    png.chunks_mut().insert(
        1,
        PngChunk::new(*b"tEXt", Bytes::from_static(b"Author\0Nguyen Van A")),
    );
    png.encoder().bytes().to_vec()
}

fn pixels(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

#[test]
fn static_photos_published_as_they_are_carry_no_gps_camera_or_comments() {
    let site = TestSite::new();
    let jpeg = loaded_jpeg();
    let png = loaded_png();
    // Before: the test files do carry what must go.
    let before = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&jpeg))
        .unwrap();
    assert!(before.fields().any(|f| f.tag == exif::Tag::GPSLatitude));
    site.write_bytes("static/anh/tru-so.jpg", &jpeg);
    site.write_bytes("static/anh/so-do.png", &png);
    site.page(
        "content/gioi-thieu.md",
        "title: \"Giới thiệu\"\ndescription: \"Giới thiệu.\"",
        "Trang không dùng ảnh nào.\n",
    );
    let out = site.cli(&["build"]);
    assert!(out.status.success(), "{:?}", text(&out));

    let published = std::fs::read(site.public().join("anh/tru-so.jpg")).unwrap();
    let read = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&published))
        .unwrap();
    let tags: Vec<String> = read.fields().map(|f| f.tag.to_string()).collect();
    assert_eq!(tags, ["Orientation"], "only the orientation stays");
    assert_eq!(
        read.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
            .and_then(|f| f.value.get_uint(0)),
        Some(6)
    );
    for gone in [
        &b"GPSLatitude"[..],
        b"Nguyen Van A",
        b"MotionPhoto",
        b"xmpmeta",
    ] {
        assert!(
            !published.windows(gone.len()).any(|w| w == gone),
            "{} still published",
            String::from_utf8_lossy(gone)
        );
    }
    let j = Jpeg::from_bytes(Bytes::from(published.clone())).unwrap();
    assert_eq!(
        j.icc_profile().as_deref(),
        Some(&b"ho-so-mau-thu"[..]),
        "the colour profile stays"
    );
    assert_eq!(pixels(&published), pixels(&jpeg), "not re-encoded");
    assert!(published.ends_with(&[0xFF, 0xD9]));

    let published = std::fs::read(site.public().join("anh/so-do.png")).unwrap();
    let p = Png::from_bytes(Bytes::from(published.clone())).unwrap();
    let kinds: Vec<[u8; 4]> = p.chunks().iter().map(PngChunk::kind).collect();
    assert!(
        !kinds.contains(b"eXIf") && !kinds.contains(b"tEXt"),
        "{kinds:?}"
    );
    assert_eq!(pixels(&published), pixels(&png));
    assert!(p.exif().is_none());
}

#[test]
fn a_static_photo_without_metadata_is_published_byte_for_byte() {
    let site = TestSite::new();
    let plain = phone_photos::scene_jpeg(200, 100, 7);
    site.write_bytes("static/anh/sach.jpg", &plain);
    site.write_bytes("static/anh/hong.jpg", b"\xFF\xD8 not really a photo");
    site.page(
        "content/gioi-thieu.md",
        "title: \"Giới thiệu\"\ndescription: \"Giới thiệu.\"",
        "Trang.\n",
    );
    let out = site.cli(&["build"]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(
        std::fs::read(site.public().join("anh/sach.jpg")).unwrap(),
        plain
    );
    assert_eq!(
        std::fs::read(site.public().join("anh/hong.jpg")).unwrap(),
        b"\xFF\xD8 not really a photo"
    );
}
