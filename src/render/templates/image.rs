//! `image(path=…, width=…)` for theme authors: a photo's copies (made by the same pipeline as
//! photos in Markdown, cached alike), to show a cover in a list or a page header:
//! `{url, width, height, srcset, webp_srcset, alt}`, the copy at least `width` wide (default
//! 480) as `url`/`width`/`height`; none for an address of another site or a
//! missing file (`thidua check` reports those where they are written), or a damaged one (the
//! share images report it at the page's `image:` line).

use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use crate::images::{Lookup, Pipeline};

/// Registers `image()`.
pub(super) fn register_image(tera: &mut Tera, images: &Arc<Pipeline>) {
    let images = Arc::clone(images);
    tera.register_function(
        "image",
        move |kw: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let path: &str = kw.must_get("path")?;
            let width: Option<u32> = kw.get("width")?;
            let source = match images.lookup("/", path) {
                Lookup::Found(s) => s,
                // An address elsewhere (https://…), another kind of file, or no such file
                // (`thidua check` reports it where it is written): nothing to show
                // (`{% if cover %}` in the template).
                Lookup::Other | Lookup::Missing => return Ok(Value::none()),
            };
            // A damaged cover is reported where it is written, the front matter's `image:` line
            // (the share images read every cover: src/share/), not at this template's line.
            let Ok(picture) = images.picture(&source) else {
                return Ok(Value::none());
            };
            let v = picture.at_least(width.unwrap_or(480));
            let mut m = tera::Map::new();
            m.insert("url".into(), Value::from(v.fallback.as_str()));
            m.insert("webp".into(), Value::from(v.webp.as_str()));
            m.insert("width".into(), Value::from(v.width));
            m.insert("height".into(), Value::from(v.height));
            m.insert("srcset".into(), Value::from(picture.srcset(false)));
            m.insert("webp_srcset".into(), Value::from(picture.srcset(true)));
            Ok(Value::from(m))
        },
    );
}
