//! The value type templates see: [`TemplateValue`] and [`TemplateMap`] (Tera's, opaque outside
//! `render/`), and the two helpers that build them. A leaf of `render/`: `view.rs` builds values
//! and `templates.rs` registers some of its own, and neither needs the other for that.

use serde::Serialize;
use tera::Value;

/// A value for the template context, built by `view.rs` and opaque outside `render/`.
pub(crate) type TemplateValue = Value;

/// A map value under construction (keys in insertion order).
pub(crate) type TemplateMap = tera::Map;

/// Adds plain values to a map value.
pub(crate) fn with_values(value: Value, extra: Vec<(&'static str, Value)>) -> Value {
    let Some(mut map) = value.into_map() else {
        return Value::none();
    };
    for (k, v) in extra {
        map.insert(k.into(), v);
    }
    Value::from(map)
}

/// Builds any serialisable value (for views owned by other modules).
pub(crate) fn value_of<T: Serialize>(v: &T) -> Value {
    Value::from_serializable(v)
}
