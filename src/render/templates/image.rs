//! `image(path=…, width=…)` for theme authors: a photo's copies (made by the same pipeline as
//! photos in Markdown, cached alike), to show a cover in a list or a page header:
//! `{url, width, height, srcset, webp_srcset, alt}`, the copy at least `width` wide (default
//! 480) as `url`/`width`/`height`; none for an address of another site or a
//! missing file (`thidua check` reports those where they are written).

use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use super::errors::Failures;
use crate::images::{Lookup, Pipeline};

/// Registers `image()`.
pub(super) fn register_image(tera: &mut Tera, images: &Arc<Pipeline>, failures: &Arc<Failures>) {
    let images = Arc::clone(images);
    let said = Arc::clone(failures);
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
            let picture = images
                .picture(&source)
                .map_err(|e| said.error(crate::msg!("image: \"{}\": {}", path, e.message())))?;
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
