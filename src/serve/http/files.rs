//! The preview's files: a request path mapped to a file of the output folder (never outside
//! it), its content type, and the live-reload script added to HTML pages.

use std::path::{Component, Path, PathBuf};

use bytes::Bytes;
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};

use super::{Body, SCRIPT_PATH, Shared, text, typed};

/// Why a path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not there (or not a file we serve).
    NotFound,
    /// It would leave the output folder.
    Forbidden,
}

/// Maps a request path to a file inside `root`, refusing anything that would leave it.
pub fn resolve(root: &Path, raw: &str) -> Result<PathBuf, Refusal> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| Refusal::NotFound)?;
    if decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') {
        return Err(Refusal::Forbidden);
    }
    let mut path = root.to_path_buf();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Err(Refusal::Forbidden),
            s => {
                let p = Path::new(s);
                if p.components().any(|c| !matches!(c, Component::Normal(_))) {
                    return Err(Refusal::Forbidden);
                }
                path.push(s);
            }
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    // Symlinks may point anywhere: the real path must still be inside the root.
    let real = std::fs::canonicalize(&path).map_err(|_| Refusal::NotFound)?;
    let real_root = std::fs::canonicalize(root).map_err(|_| Refusal::NotFound)?;
    if !real.starts_with(&real_root) {
        return Err(Refusal::Forbidden);
    }
    if !real.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(real)
}

/// The answer for a request path: the file, a redirect for a folder named without its
/// trailing slash, the site's 404 page, or a refusal.
pub(super) async fn file(shared: &Shared, path: &str) -> Response<Body> {
    // A directory without a trailing slash: redirect, so relative links keep working.
    if !path.ends_with('/') && !path.rsplit('/').next().unwrap_or_default().contains('.') {
        let dir = shared.root.join(path.trim_start_matches('/'));
        if resolve(&shared.root, path).is_ok() && dir.is_dir() {
            let mut r = text(StatusCode::MOVED_PERMANENTLY, "");
            // Rebuilt from its segments: `//tin-tuc` must not become the protocol-relative
            // `//tin-tuc/` (a redirect to another host).
            let clean: Vec<&str> = path.split('/').filter(|seg| !seg.is_empty()).collect();
            if let Ok(v) = HeaderValue::from_str(&format!("/{}/", clean.join("/"))) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            return r;
        }
    }
    match resolve(&shared.root, path) {
        Ok(file) => match tokio::fs::read(&file).await {
            Ok(bytes) => serve_bytes(StatusCode::OK, &file, bytes),
            Err(_) => not_found(shared).await,
        },
        Err(Refusal::Forbidden) => text(StatusCode::FORBIDDEN, "forbidden\n"),
        Err(Refusal::NotFound) => not_found(shared).await,
    }
}

async fn not_found(shared: &Shared) -> Response<Body> {
    let page = shared.root.join("404.html");
    match tokio::fs::read(&page).await {
        Ok(bytes) => serve_bytes(StatusCode::NOT_FOUND, &page, bytes),
        Err(_) => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

fn serve_bytes(status: StatusCode, file: &Path, bytes: Vec<u8>) -> Response<Body> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let kind = content_type(&ext);
    let body = if ext == "html" { inject(bytes) } else { bytes };
    typed(status, kind, Bytes::from(body))
}

/// The content type for a file extension; text types say UTF-8.
pub fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
    html
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().join("out");
        std::fs::create_dir_all(root.join("a")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(root.join("a/index.html"), "x").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap_or_else(|e| panic!("{e}"));
        assert!(resolve(&root, "/a/").is_ok());
        assert_eq!(resolve(&root, "/../secret.txt"), Err(Refusal::Forbidden));
        assert_eq!(
            resolve(&root, "/%2e%2e/secret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            resolve(&root, "/a/%2E%2E/%2e%2e/secret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            resolve(&root, "/a\\..\\..\\secret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            resolve(&root, "/%5c..%5csecret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(resolve(&root, "/missing.html"), Err(Refusal::NotFound));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(resolve(&root, "/link.txt"), Err(Refusal::Forbidden));
        }
    }

    #[test]
    fn script_goes_before_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>".to_vec());
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<html><body><p>x</p><script src=\"/__thidua/livereload.js\" defer></script></BODY></html>"
        );
    }
}
