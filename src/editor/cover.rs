//! The cover picker: the edit form offers the photos in the post's folder (its bundle) as
//! choices, each with a small picture of itself, plus "no cover" and a button to upload a new
//! one; the choice becomes the front matter's `image` (the file's address on the site, as the
//! build publishes it beside the page). `GET /photo?p=POST&name=FILE` sends a small picture of one of
//! those photos, and only those: a plain name in the post's own folder whose first bytes are a
//! photo's.

use hyper::StatusCode;

use super::State;
use super::html::{esc, url_encode};
use super::posts::{self, Post};
use super::request::{Req, Resp};
use super::upload::ImageKind;
use crate::msg;

/// The photos in the folder of a bundle post (`…/index.md`), sorted; none for a single file.
pub(super) fn bundle_photos(root: &std::path::Path, rel: &str) -> Vec<String> {
    let Some(dir) = rel
        .strip_suffix("/index.md")
        .and_then(|_| posts::resolve(root, rel).ok())
        .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
    else {
        return Vec::new();
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && crate::images::is_photo(n))
        .collect();
    names.sort();
    names
}

/// `GET /photo`: a photo of a post's bundle, for the picker's small pictures.
pub(super) fn photo(state: &State, req: &Req) -> Resp {
    let (rel, name) = (req.arg("p"), req.arg("name"));
    let not_found = || {
        state.refusal(
            StatusCode::NOT_FOUND,
            msg!("There is no such page in the editing room."),
        )
    };
    if !bundle_photos(&state.opts.root, rel)
        .iter()
        .any(|n| n == name)
    {
        return not_found();
    }
    let Ok(path) = posts::resolve(&state.opts.root, rel) else {
        return not_found();
    };
    let Some(file) = path.parent().map(|dir| dir.join(name)) else {
        return not_found();
    };
    let Ok(bytes) = std::fs::read(&file) else {
        return not_found();
    };
    let kind = match ImageKind::sniff(&bytes) {
        Some(ImageKind::Jpeg) => "image/jpeg",
        Some(ImageKind::Png) => "image/png",
        Some(ImageKind::Webp) => "image/webp",
        None => return not_found(),
    };
    match small(&state.opts.root, &bytes) {
        Some(thumb) => Resp::typed(StatusCode::OK, "image/jpeg", thumb),
        None => Resp::typed(StatusCode::OK, kind, bytes),
    }
}

/// The picker's small picture of a photo (`bytes`): at most 320×240 pixels (shown at 160×120,
/// twice that for sharp screens), a JPEG of some kilobytes instead of a phone's photo of
/// several megabytes; made once and kept in `.thidua/cache/thumbs/` under the hash of the
/// photo's bytes and the picture's settings. One photo is decoded at a time (a photo at the
/// pipeline's limit of 100 megapixels takes some hundreds of megabytes while decoded), so
/// many requests at once cannot exhaust the server's memory. `None` when the photo cannot be
/// decoded (the original is sent).
fn small(root: &std::path::Path, bytes: &[u8]) -> Option<Vec<u8>> {
    static DECODING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let dir = root.join(".thidua/cache/thumbs");
    let kept = dir.join(format!(
        "{:016x}-320x240-q80.jpg",
        xxhash_rust::xxh3::xxh3_64(bytes)
    ));
    if let Ok(thumb) = std::fs::read(&kept) {
        return Some(thumb);
    }
    let _one = DECODING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Ok(thumb) = std::fs::read(&kept) {
        return Some(thumb);
    }
    let image = crate::images::open_bytes(bytes).ok()?;
    let rgb = image.thumbnail(320, 240).to_rgb8();
    drop(image);
    let mut thumb = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut thumb, 80)
        .encode_image(&rgb)
        .ok()?;
    // Best effort: without the cache the picture is made again next time.
    if crate::precompress::make_cache_dir(&dir).is_ok() {
        let _ = super::atomic::write_atomic(&kept, &thumb, false);
    }
    Some(thumb)
}

/// The photo's description as the body uses it (`![mô tả](name)`), if it does.
fn alt_in_body(body: &str, name: &str) -> String {
    body.match_indices("![")
        .filter_map(|(i, _)| {
            let rest = &body[i + 2..];
            let (alt, after) = rest.split_once("](")?;
            let target = after.split([')', ' ']).next()?;
            (target.rsplit('/').next() == Some(name) && !alt.contains('\n'))
                .then(|| alt.to_string())
        })
        .next()
        .unwrap_or_default()
}

/// Where the build publishes a file of the post's bundle: beside the page's address (the
/// folders slugified, the last one replaced by the post's `slug` when it has one), which is
/// what a cover's `image` names.
fn site_path(rel: &str, slug: &str, name: &str) -> String {
    let inner = rel
        .strip_prefix("content/")
        .and_then(|r| r.strip_suffix("/index.md"))
        .unwrap_or_default();
    let mut dirs: Vec<String> = inner.split('/').map(crate::paths::slugify).collect();
    if let Some(last) = dirs.last_mut()
        && !slug.trim().is_empty()
    {
        *last = slug.trim().to_string();
    }
    format!("/{}/{name}", dirs.join("/"))
}

/// The picker: a group of choices named `image` (the form sends the chosen one), with the
/// problems the build finds with the cover under it.
pub(super) fn picker(state: &State, post: &Post, problems: &str) -> String {
    let current = post.fields.image.as_str();
    let photos = bundle_photos(&state.opts.root, &post.rel);
    let chosen = |name: &str| {
        !current.is_empty() && (current == name || current.rsplit('/').next() == Some(name))
    };
    let option = |i: usize, value: &str, picture: String, label: String, on: bool| {
        format!(
            "<li><input type=\"radio\" name=\"image\" id=\"image-{i}\" value=\"{}\"{}><label for=\"image-{i}\">{picture}<span>{}</span></label></li>",
            esc(value),
            if on { " checked" } else { "" },
            esc(&label)
        )
    };
    let mut items = vec![option(
        0,
        "",
        String::new(),
        state.t(msg!("No cover image")),
        current.is_empty(),
    )];
    // A cover given otherwise (a path in static/, another folder) is kept as a choice.
    if !current.is_empty() && !photos.iter().any(|n| chosen(n)) {
        items.push(option(1, current, String::new(), current.to_string(), true));
    }
    for (i, name) in photos.iter().enumerate() {
        let picture = format!(
            "<img src=\"/photo?p={}&amp;name={}\" alt=\"{}\" width=\"160\" height=\"120\" loading=\"lazy\" decoding=\"async\">",
            esc(&url_encode(&post.rel)),
            esc(&url_encode(name)),
            esc(&alt_in_body(&post.body, name))
        );
        let value = site_path(&post.rel, &post.fields.slug, name);
        items.push(option(i + 2, &value, picture, name.clone(), chosen(name)));
    }
    let upload = if post.rel.ends_with("/index.md") {
        format!(
            "<p><label for=\"cover-upload\">{}</label><input id=\"cover-upload\" type=\"file\" accept=\"image/jpeg,image/png,image/webp\" data-base=\"{}\"> <span id=\"cover-status\" role=\"status\"></span></p>",
            esc(&state.t(msg!("Upload a new cover image"))),
            esc(site_path(&post.rel, &post.fields.slug, "").as_str())
        )
    } else {
        String::new()
    };
    format!(
        "<fieldset class=\"field cover\" id=\"image\"><legend>{}</legend><ul class=\"covers\">{}</ul>{upload}{problems}</fieldset>",
        esc(&state.t(msg!("Cover image"))),
        items.concat()
    )
}
