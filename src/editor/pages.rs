//! The editing room's pages, written on the server (the forms work without script; the
//! embedded `editor.js` adds the toolbar, autosave, the live preview and the leaving warning).
//! Every visible sentence is a catalogue message, in the room's language; every value is
//! escaped.

use super::State;
use super::posts::Post;
use super::request::Req;
use crate::msg;

pub(super) use super::html::{esc, url_encode};

/// The hidden CSRF field of every form.
pub(super) fn csrf(req: &Req) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        esc(&req.session.csrf)
    )
}

/// A whole page: the header with the navigation, then `main`.
pub(super) fn layout(state: &State, req: &Req, title: &str, main: &str) -> String {
    let lang = match state.opts.lang {
        crate::messages::Lang::Vi => "vi",
        crate::messages::Lang::En => "en",
    };
    let room = state.t(msg!("Editing room"));
    let nav = match &req.session.user {
        Some((name, role)) => {
            let logout = if state.local {
                String::new()
            } else {
                format!(
                    "<form method=\"post\" action=\"/logout\" class=\"inline\">{}<button type=\"submit\">{}</button></form>",
                    csrf(req),
                    esc(&state.t(msg!("Sign out")))
                )
            };
            format!(
                "<nav aria-label=\"{}\"><a href=\"/\">{}</a> <a href=\"/new\">{}</a> {} <span class=\"who\">{} ({})</span> {}</nav>",
                esc(&room),
                esc(&state.t(msg!("Posts"))),
                esc(&state.t(msg!("New post"))),
                data_links(state),
                esc(name),
                esc(&state.t(match role {
                    super::users::Role::Editor => msg!("writer"),
                    super::users::Role::Approver => msg!("approver"),
                    super::users::Role::Admin => msg!("administrator"),
                })),
                logout
            )
        }
        None => String::new(),
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · {}</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/editor.css\">\
<script src=\"/assets/editor.js\" defer></script></head>\
<body data-csrf=\"{}\"><header><p class=\"room\">{}</p>{nav}</header><main id=\"main\">{main}</main></body></html>\n",
        esc(title),
        esc(&room),
        esc(&req.session.csrf),
        esc(&room)
    )
}

/// The navigation's links to the data pages ("Số liệu", "Khen thưởng").
fn data_links(state: &State) -> String {
    format!(
        "<a href=\"/data\">{}</a> <a href=\"/data/honourees\">{}</a>",
        esc(&state.t(msg!("Figures"))),
        esc(&state.t(msg!("Honourees")))
    )
}

/// The login form, with an optional message.
pub(super) fn login(state: &State, req: &Req, message: Option<String>) -> String {
    let message = message
        .map(|m| format!("<p class=\"error\" role=\"alert\">{}</p>", esc(&m)))
        .unwrap_or_default();
    let title = state.t(msg!("Sign in"));
    let main = format!(
        "<h1>{}</h1>{message}<form method=\"post\" action=\"/login\" class=\"card\">{}\
<p><label for=\"name\">{}</label><input id=\"name\" name=\"name\" autocomplete=\"username\" required></p>\
<p><label for=\"password\">{}</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\
<p><button type=\"submit\">{}</button></p></form>",
        esc(&title),
        csrf(req),
        esc(&state.t(msg!("Account name"))),
        esc(&state.t(msg!("Password"))),
        esc(&title)
    );
    layout(state, req, &title, &main)
}

/// One row of the list of posts.
pub(super) struct Row {
    /// The file.
    pub(super) rel: String,
    /// The title.
    pub(super) title: String,
    /// The date as written.
    pub(super) date: String,
    /// The status, in words.
    pub(super) status: String,
    /// The status's key (for the filter and the style).
    pub(super) key: &'static str,
}

/// The list of posts with its search and filter.
pub(super) fn list(state: &State, req: &Req, rows: &[Row], statuses: &[(&str, String)]) -> String {
    let q = req.arg("q");
    let chosen = req.arg("status");
    let options: String = std::iter::once(("", state.t(msg!("All"))))
        .chain(statuses.iter().map(|(k, l)| (*k, l.clone())))
        .map(|(k, l)| {
            let sel = if k == chosen { " selected" } else { "" };
            format!("<option value=\"{k}\"{sel}>{}</option>", esc(&l))
        })
        .collect();
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<tr><td><a href=\"/edit?p={}\">{}</a><br><small>{}</small></td><td>{}</td><td><span class=\"status {}\">{}</span></td></tr>",
                esc(&url_encode(&r.rel)),
                esc(&r.title),
                esc(&r.rel),
                esc(&r.date),
                r.key,
                esc(&r.status)
            )
        })
        .collect();
    let title = state.t(msg!("Posts"));
    let publish = if req.approves() {
        format!(
            "<form method=\"post\" action=\"/publish\" class=\"card\">{}<p>{}</p><button type=\"submit\">{}</button></form>",
            csrf(req),
            esc(&state.t(msg!("Builds the site and publishes it: approved posts, and scheduled posts whose date has come."))),
            esc(&state.t(msg!("Publish")))
        )
    } else {
        String::new()
    };
    let main = format!(
        "<h1>{}</h1>{publish}<form method=\"get\" action=\"/\" class=\"filters\" role=\"search\">\
<label for=\"q\">{}</label><input id=\"q\" name=\"q\" value=\"{}\" type=\"search\">\
<label for=\"status\">{}</label><select id=\"status\" name=\"status\">{options}</select>\
<button type=\"submit\">{}</button></form>\
<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{body}</tbody></table>",
        esc(&title),
        esc(&state.t(msg!("Search"))),
        esc(q),
        esc(&state.t(msg!("Status"))),
        esc(&state.t(msg!("Filter"))),
        esc(&state.t(msg!("Title"))),
        esc(&state.t(msg!("Date"))),
        esc(&state.t(msg!("Status"))),
    );
    layout(state, req, &title, &main)
}

/// The forms for a new post: title and section, or a Word file and section.
pub(super) fn new_post(
    state: &State,
    req: &Req,
    sections: &[String],
    error: Option<String>,
) -> String {
    let title = state.t(msg!("New post"));
    let error = error
        .map(|m| format!("<p class=\"error\" role=\"alert\">{}</p>", esc(&m)))
        .unwrap_or_default();
    let options: String = sections
        .iter()
        .map(|s| format!("<option value=\"{0}\">{0}</option>", esc(s)))
        .collect();
    let from_word = state.t(msg!("Create a post from a Word file (.docx)"));
    let main = format!(
        "<h1>{}</h1>{error}<form method=\"post\" action=\"/new\" class=\"card\">{}\
<div class=\"field\"><label for=\"title\">{}</label><input id=\"title\" name=\"title\" required></div>\
<div class=\"field\"><label for=\"section\">{}</label><select id=\"section\" name=\"section\">{options}</select></div>\
<p><button type=\"submit\">{}</button></p></form>\
<form id=\"docx-form\" class=\"card\"><h2>{}</h2>\
<div class=\"field\"><label for=\"docx\">{}</label><input id=\"docx\" type=\"file\" accept=\".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document\" required></div>\
<div class=\"field\"><label for=\"docx-section\">{}</label><select id=\"docx-section\">{options}</select></div>\
<p><button type=\"submit\">{}</button> <span id=\"docx-status\" role=\"status\"></span></p></form>",
        esc(&title),
        csrf(req),
        esc(&state.t(msg!("Title"))),
        esc(&state.t(msg!("Section"))),
        esc(&state.t(msg!("Create"))),
        esc(&from_word),
        esc(&state.t(msg!("Word file (.docx)"))),
        esc(&state.t(msg!("Section"))),
        esc(&state.t(msg!("Create")))
    );
    layout(state, req, &title, &main)
}

/// A date picker for an empty or plain date (`2024-05-31`); a text field otherwise, so a
/// date with a time, or a wrong one being fixed, is never emptied by the browser.
fn date_type(value: &str) -> &'static str {
    let plain = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if value.is_empty() || plain {
        " type=\"date\""
    } else {
        " placeholder=\"2024-05-31\""
    }
}

/// A labelled text field, with its problems under it.
fn field(around: &Around, id: &str, label: &str, value: &str, extra: &str) -> String {
    let problems = problems_of(around, id);
    let described = if problems.is_empty() {
        String::new()
    } else {
        format!(" aria-describedby=\"{id}-problems\" aria-invalid=\"true\"")
    };
    format!(
        "<div class=\"field\"><label for=\"{id}\">{}</label><input id=\"{id}\" name=\"{id}\" value=\"{}\"{extra}{described}>{problems}</div>",
        esc(label),
        esc(value)
    )
}

/// What surrounds the edit form.
pub(super) struct Around {
    /// Messages above the form (saved, returned with a comment).
    pub(super) notes: String,
    /// The workflow's buttons.
    pub(super) actions: String,
    /// Existing tags and categories, for suggestions.
    pub(super) terms: Vec<String>,
    /// The results' indicators (id, name), for the figure button.
    pub(super) indicators: Vec<(String, String)>,
    /// What `build` would say about this post.
    pub(super) problems: Vec<super::problems::Problem>,
}

/// The problems of one field, shown under it.
fn problems_of(around: &Around, field: &str) -> String {
    let items: String = around
        .problems
        .iter()
        .filter(|p| p.field == field)
        .map(|p| {
            let class = if p.error { "error" } else { "warning" };
            format!("<li class=\"{class}\">{}</li>", esc(&p.text))
        })
        .collect();
    if items.is_empty() {
        String::new()
    } else {
        format!("<ul class=\"problems\" id=\"{field}-problems\">{items}</ul>")
    }
}

/// The edit form of a post, with what surrounds it.
pub(super) fn edit(state: &State, req: &Req, post: &Post, around: &Around) -> String {
    let (notes, actions) = (&around.notes, &around.actions);
    let f = &post.fields;
    let t = |m| state.t(m);
    let heading = if f.title.is_empty() {
        post.rel.clone()
    } else {
        f.title.clone()
    };
    let toolbar = toolbar(state) + &suggestions(state, around);
    let main = format!(
        "<h1>{}</h1>{notes}<div class=\"editor\"><form method=\"post\" action=\"/save\" id=\"post-form\" class=\"card\">{}\
<input type=\"hidden\" name=\"p\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\">\
{}{}{}{}{}{}{}\
<div class=\"field\"><label for=\"body\">{}</label>{toolbar}{}<textarea id=\"body\" name=\"body\" rows=\"20\" spellcheck=\"true\">{}</textarea></div>\
<p><label for=\"photo\">{}</label><input id=\"photo\" type=\"file\" accept=\"image/jpeg,image/png,image/webp\" multiple> <span id=\"photo-status\" role=\"status\"></span></p>\
<p class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"save\">{}</button> <span id=\"autosave\" role=\"status\"></span></p></form>\
{actions}<section class=\"preview\" aria-labelledby=\"preview-title\"><h2 id=\"preview-title\">{}</h2>\
<iframe id=\"preview\" title=\"{}\" sandbox=\"allow-same-origin\" src=\"/preview?p={}\"></iframe></section></div>\
<p><a href=\"/history?p={}\">{}</a></p>",
        esc(&heading),
        csrf(req),
        esc(&post.rel),
        esc(&post.version),
        field(around, "title", &t(msg!("Title")), &f.title, " required"),
        field(around, "slug", &t(msg!("Address (slug)")), &f.slug, ""),
        field(
            around,
            "date",
            &t(msg!("Date")),
            &f.date,
            date_type(&f.date)
        ),
        field(
            around,
            "description",
            &t(msg!("Description")),
            &f.description,
            ""
        ),
        field(
            around,
            "tags",
            &t(msg!("Tags (separated by commas)")),
            &f.tags.join(", "),
            " list=\"terms\""
        ),
        field(
            around,
            "categories",
            &t(msg!("Categories (separated by commas)")),
            &f.categories.join(", "),
            " list=\"terms\""
        ),
        super::cover::picker(state, post, &problems_of(around, "image")),
        esc(&t(msg!("Body (Markdown)"))),
        problems_of(around, "body"),
        esc(&post.body),
        esc(&t(msg!("Add photos (or drag them onto the text)"))),
        esc(&t(msg!("Save"))),
        esc(&t(msg!("Preview"))),
        esc(&t(msg!("Preview"))),
        esc(&url_encode(&post.rel)),
        esc(&url_encode(&post.rel)),
        esc(&t(msg!("History"))),
    );
    layout(state, req, &heading, &main)
}

/// The terms' datalist and the indicator chooser of the figure button.
fn suggestions(state: &State, around: &Around) -> String {
    let terms: String = around
        .terms
        .iter()
        .map(|t| format!("<option value=\"{}\">", esc(t)))
        .collect();
    let figures: String = around
        .indicators
        .iter()
        .map(|(id, name)| format!("<option value=\"{}\">{}</option>", esc(id), esc(name)))
        .collect();
    format!(
        "<datalist id=\"terms\">{terms}</datalist><span class=\"figure\"><label for=\"figure-id\">{}</label><select id=\"figure-id\">{figures}</select></span>",
        esc(&state.t(msg!("Figure from the results")))
    )
}

/// The Markdown toolbar: buttons the script wires (each inserts text at the cursor).
fn toolbar(state: &State) -> String {
    let buttons = [
        ("bold", state.t(msg!("Bold"))),
        ("italic", state.t(msg!("Italic"))),
        ("heading", state.t(msg!("Heading"))),
        ("list", state.t(msg!("List"))),
        ("link", state.t(msg!("Link"))),
        ("image", state.t(msg!("Image"))),
        ("table", state.t(msg!("Table"))),
        ("figure", state.t(msg!("Figure from the results"))),
    ];
    let inner: String = buttons
        .iter()
        .map(|(k, l)| {
            format!(
                "<button type=\"button\" data-md=\"{k}\">{}</button>",
                esc(l)
            )
        })
        .collect();
    format!(
        "<span class=\"toolbar\" role=\"toolbar\" aria-label=\"{}\">{inner}</span>",
        esc(&state.t(msg!("Formatting")))
    )
}

/// Both texts of a conflict: the file as it is now, and the one this person sent (kept).
pub(super) fn conflict(
    state: &State,
    req: &Req,
    rel: &str,
    mine: &str,
    current: &str,
    kept: &str,
) -> String {
    let title = state.t(msg!("Someone else saved this post first"));
    let main = format!(
        "<h1>{}</h1><p role=\"alert\">{}</p><div class=\"conflict\"><section><h2>{}</h2><pre>{}</pre></section>\
<section><h2>{}</h2><pre>{}</pre></section></div><p><a href=\"/edit?p={}\">{}</a></p>",
        esc(&title),
        esc(&state.t(msg!("Nothing was overwritten. Your text is kept in {}; copy what you need into the post and save again.", kept))),
        esc(&state.t(msg!("Your text"))),
        esc(mine),
        esc(&state.t(msg!("The text saved now"))),
        esc(current),
        esc(&url_encode(rel)),
        esc(&state.t(msg!("Open the post again")))
    );
    layout(state, req, &title, &main)
}
