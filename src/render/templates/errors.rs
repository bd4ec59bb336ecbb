//! Template errors as diagnostics: Tera's errors at the template's file, line and column,
//! with thidua's own wording where it has one, and what thidua's filters and functions said
//! when they failed (kept typed in [`Failures`], since Tera carries them only as strings).

use std::collections::HashMap;

use super::lock;
use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Text;

/// What thidua's own filters and functions (`t`, `url`, `date_vi`…) said when they failed.
///
/// Tera takes a filter's or function's error only as a string, which it puts at the template's
/// line. A string would fix the message's language where it is made, and the library does not
/// know the reader's language (it never prints). So the failing function keeps its typed
/// message here and gives Tera a marker that stands for it; [`template_error`] turns the marker
/// back into the message, which is rendered in the reader's language only when it is printed.
/// Each distinct message is kept once (the same mistake on every page adds nothing).
#[derive(Default)]
pub(super) struct Failures {
    said: std::sync::Mutex<Vec<Text>>,
}

/// How a [`Failures`] marker starts; the index of the message follows.
const FAILURE: &str = "\u{1}template function error #";

impl Failures {
    /// The error for a filter or function to return: a marker standing for `text`.
    pub(super) fn error(&self, text: Text) -> tera::Error {
        let mut said = lock(&self.said);
        let index = match said.iter().position(|t| *t == text) {
            Some(i) => i,
            None => {
                said.push(text);
                said.len() - 1
            }
        };
        tera::Error::message(format!("{FAILURE}{index}"))
    }

    /// The message that Tera's error `message` stands for, if it is one of these markers.
    pub(super) fn said(&self, message: &str) -> Option<Text> {
        let index: usize = message.strip_prefix(FAILURE)?.parse().ok()?;
        lock(&self.said).get(index).cloned()
    }
}

/// Turns a Tera error into a diagnostic at the template's file, line and column.
pub(super) fn template_error(
    err: &tera::Error,
    sources: &HashMap<String, String>,
    failures: &Failures,
    page: Option<&str>,
) -> Diagnostic {
    let file_of = |name: &str| {
        sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"))
    };
    let mut d = match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let (message, hint) = match failures.said(r.message()) {
                Some(text) => (text, None),
                None => reword_template_message(r.message()),
            };
            let d = Diagnostic::error(file_of(r.filename()), "template", message)
                .at(Location::new(r.span().start_line, r.span().start_col + 1));
            match hint {
                Some(h) => d.with_hint(h),
                None => d,
            }
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Diagnostic::error(
            file_of(tpl),
            "template",
            crate::msg!(
                "templates extend each other in a circle: {}",
                inheritance_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::error(
            file_of(tpl),
            "template",
            crate::msg!(
                "templates include each other in a circle: {}",
                include_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            file_of(current),
            "template",
            crate::msg!("extends \"{}\", which does not exist", parent),
        ),
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            page.unwrap_or("templates"),
            "template",
            crate::msg!("template \"{}\" does not exist", name),
        ),
        _ => {
            let mut message = err.to_string();
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::error(
                page.unwrap_or("templates"),
                "template",
                Text::foreign(message),
            )
        }
    };
    if let Some(page) = page
        && d.file != page
    {
        let hint = match d.hint.take() {
            Some(h) => crate::msg!("{}; while rendering {}", h, page),
            None => crate::msg!("while rendering {}", page),
        };
        d = d.with_hint(hint);
    }
    d
}

/// "Field `tittle` is not defined. Available fields: a, b" → a short message and a
/// did-you-mean hint, instead of a list of every field.
fn reword_template_message(raw: &str) -> (Text, Option<Text>) {
    if let Some(rest) = raw.strip_prefix("Field `")
        && let Some((name, tail)) = rest.split_once('`')
    {
        let fields: Vec<&str> = tail
            .split_once("Available fields:")
            .map(|(_, list)| {
                list.split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let hint = crate::diagnostic::did_you_mean(name, &fields)
            .map(|f| crate::msg!("did you mean `{}`?", f));
        return (crate::msg!("field `{}` is not defined", name), hint);
    }
    (Text::foreign(raw), None)
}
