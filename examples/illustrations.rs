//! Draws the bundled site's illustrations (tools/illustrations/*.svg, drawn by hand: no real
//! people or events) as JPEG photos of 2400×1600 for the news posts, with resvg and the share
//! cards' embedded Noto Sans, so the image pipeline has real photos to work on.
//!
//!   cargo run --release --example illustrations
//!
//! Writes the JPEGs named below (quality 80) and prints their sizes. Not run by CI; the
//! JPEGs are committed.
#![allow(clippy::print_stdout, missing_docs)]

use resvg::{tiny_skia, usvg};

/// (drawing, photo written from it)
const PHOTOS: [(&str, &str); 3] = [
    (
        "tools/illustrations/sanh-cho.svg",
        "content/tin-tuc/cong-so-van-minh-xanh-sach-dep/sanh-cho.jpg",
    ),
    (
        "tools/illustrations/dich-vu-cong.svg",
        "content/tin-tuc/thi-diem-chi-tiep-nhan-ho-so-truc-tuyen/nop-ho-so-truc-tuyen.jpg",
    ),
    (
        "tools/illustrations/hoi-truong.svg",
        "content/tin-tuc/le-phat-dong-dot-thi-dua/hoi-truong.jpg",
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(std::fs::read("src/share/fonts/NotoSans-Regular-vi.ttf")?);
    db.load_font_data(std::fs::read("src/share/fonts/NotoSans-Bold-vi.ttf")?);
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(db),
        font_family: "Noto Sans".into(),
        ..usvg::Options::default()
    };
    for (svg, jpg) in PHOTOS {
        let tree = usvg::Tree::from_data(&std::fs::read(svg)?, &options)?;
        let (w, h) = (2400, 1600);
        let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("no memory")?;
        let scale = w as f32 / tree.size().width();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let rgb = image::RgbImage::from_fn(w, h, |x, y| {
            let p = pixmap.pixel(x, y).map(|p| p.demultiply());
            p.map_or(image::Rgb([255, 255, 255]), |p| {
                image::Rgb([p.red(), p.green(), p.blue()])
            })
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80).encode_image(&rgb)?;
        if let Some(dir) = std::path::Path::new(jpg).parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(jpg, &out)?;
        // A small PNG to look at (THIDUA_PREVIEW=DIR), where no JPEG viewer is at hand.
        if let Ok(dir) = std::env::var("THIDUA_PREVIEW") {
            let name = std::path::Path::new(jpg).with_extension("png");
            let name = name.file_name().ok_or("name")?;
            image::imageops::thumbnail(&rgb, w / 2, h / 2)
                .save(std::path::Path::new(&dir).join(name))?;
        }
        println!("{jpg}: {} bytes", out.len());
    }
    Ok(())
}
