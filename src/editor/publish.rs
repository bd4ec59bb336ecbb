//! The publish button: the ordinary `build` (drafts and scheduled posts left out) and then
//! `publish` to `site.yaml`'s destination (a folder or rsync, with the same rules as
//! `thidua publish`). A failed build publishes nothing and shows its errors, located.

use hyper::StatusCode;

use super::pages::{self, esc};
use super::request::{Req, Resp};
use super::{State, audit};
use crate::diagnostic::BuildError;
use crate::publish::{self, Target};
use crate::{BuildOptions, msg};

/// Builds and publishes; the page says what changed, with links, or why nothing was.
pub(super) fn run(state: &State, req: &Req) -> Resp {
    if !req.approves() {
        return state.refusal(StatusCode::FORBIDDEN, msg!("Only an approver can do this."));
    }
    let _guard = state.lock_writing();
    let root = &state.opts.root;
    let result = build_and_publish(root);
    let title = state.t(msg!("Publish"));
    let main = match result {
        Ok((dest, plan, base)) => {
            audit::record(root, req.user(), "publish", &dest);
            let links: String = plan
                .added
                .iter()
                .chain(&plan.changed)
                .filter(|f| f.ends_with("index.html"))
                .map(|f| {
                    let url = base.permalink(&format!("/{}", f.trim_end_matches("index.html")));
                    format!("<li><a href=\"{0}\">{0}</a></li>", esc(&url))
                })
                .collect();
            format!(
                "<h1>{}</h1><p class=\"ok\" role=\"status\">{}</p><ul>{links}</ul>",
                esc(&title),
                esc(&state.t(msg!(
                    "Published to {}: {} new, {} changed, {} removed files.",
                    dest,
                    plan.added.len().to_string(),
                    plan.changed.len().to_string(),
                    plan.removed.len().to_string()
                )))
            )
        }
        Err(e) => {
            audit::record(root, req.user(), "publish failed", "");
            let items: String = match &e {
                BuildError::Content(diags) => diags
                    .iter()
                    .map(|d| format!("<li>{}</li>", esc(&d.render(state.opts.lang))))
                    .collect(),
                other => format!("<li>{}</li>", esc(&state.t(other.message()))),
            };
            format!(
                "<h1>{}</h1><p class=\"error\" role=\"alert\">{}</p><ul>{items}</ul>",
                esc(&title),
                esc(&state.t(msg!("Nothing was published.")))
            )
        }
    };
    Resp::html(StatusCode::OK, pages::layout(state, req, &title, &main))
}

type Done = (String, publish::Plan, crate::paths::BaseUrl);

fn build_and_publish(root: &std::path::Path) -> Result<Done, BuildError> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let built = opts.output_dir();
    let (session, _) = crate::Session::start(&opts)?;
    let config = &session.site().config;
    let Some(target) = &config.publish else {
        return Err(BuildError::usage(msg!(
            "site.yaml has no \"publish:\" target: add publish: {folder: /mnt/…} or publish: {rsync: user@server:/path/}, or use --zip FILE"
        )));
    };
    let base = config.base.clone();
    match Target::from_config(target, root)? {
        Target::Folder(dir) => {
            publish::check_destination(&dir, root, &built)?;
            let plan = publish::plan_folder(&built, &dir)?;
            publish::apply_folder(&built, &dir, &plan)?;
            Ok((dir.display().to_string(), plan, base))
        }
        Target::Rsync(dest) => {
            let plan = publish::plan_rsync(&built, &dest)?;
            publish::apply_rsync(&built, &plan)?;
            Ok((dest, plan.plan, base))
        }
    }
}
