//! `thidua new` and `thidua init`: a new post, a new site, and where to find them.

use std::path::PathBuf;

use clap::Args;

use super::{Ui, Verbosity, report_error};
use crate::plural;

/// `thidua new`.
#[derive(Debug, Args)]
#[command(
    override_usage = "thidua new [OPTIONS] <SECTION> <TITLE>\n       thidua new [OPTIONS] --from <FILE> [SECTION] [TITLE]"
)]
pub struct NewArgs {
    /// The section folder inside content/ (e.g. tin-tuc).
    #[arg(required_unless_present = "from")]
    pub section: Option<String>,
    /// The post's title, in quotes.
    #[arg(required_unless_present = "from")]
    pub title: Option<String>,
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Create the section if it does not exist yet.
    #[arg(long)]
    pub create_section: bool,
    /// Make the post from a Word document (.docx) or a saved web page (.html).
    #[arg(
        long,
        value_name = "FILE",
        help = "Make the post from a Word document (.docx) or a saved web page (.html), with its tables and photos; SECTION is then tin-tuc unless given"
    )]
    pub from: Option<PathBuf>,
}

impl NewArgs {
    /// Creates the post and says where it is.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        if let Some(file) = self.from {
            let opts = crate::new::FromOptions {
                root: self.root,
                file,
                section: self.section.unwrap_or_else(|| "tin-tuc".to_string()),
                title: self.title,
                create_section: self.create_section,
            };
            return run_from(&opts, ui);
        }
        let opts = crate::new::NewOptions {
            root: self.root,
            section: self.section.unwrap_or_default(),
            title: self.title.unwrap_or_default(),
            create_section: self.create_section,
        };
        match crate::new::new_post(&opts) {
            Ok(post) => {
                if ui.v != Verbosity::Quiet {
                    if post.created_section {
                        say!(
                            ui,
                            "Created the section {}",
                            post.file.rsplit_once('/').map_or("", |(d, _)| d)
                        );
                    }
                    say!(
                        ui,
                        "Created {} (a draft: remove \"draft: true\" to publish)",
                        post.file
                    );
                    say!(ui, "Its address once published: {}", post.url);
                }
                Ok(())
            }
            Err(e) => Err(report_error(ui, &e, None)),
        }
    }
}

/// `thidua new --from FILE`: the post made from a document, and what became of its photos.
fn run_from(opts: &crate::new::FromOptions, ui: Ui) -> Result<(), u8> {
    let post = crate::new::new_post_from(opts).map_err(|e| report_error(ui, &e, None))?;
    for src in &post.left_out {
        esay!(
            ui,
            "warning: an image of the page was left out (it is not a file in the page's folder): {}",
            src
        );
    }
    if ui.v == Verbosity::Quiet {
        return Ok(());
    }
    if post.created_section {
        say!(
            ui,
            "Created the section {}",
            post.file
                .trim_end_matches("/index.md")
                .rsplit_once('/')
                .map_or("", |(d, _)| d)
        );
    }
    say!(
        ui,
        "Created {} from {} (a draft: remove \"draft: true\" to publish)",
        post.file,
        opts.file.display()
    );
    if post.images > 0 {
        say!(ui, "Photos put beside it: {}", post.images);
    }
    say!(ui, "Its address once published: {}", post.url);
    Ok(())
}

/// `thidua init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (must not exist or be empty).
    pub dir: PathBuf,
}

impl InitArgs {
    /// Creates the site and says how to build it.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        match crate::init::create_site(&self.dir) {
            Ok(files) => {
                if ui.v != Verbosity::Quiet {
                    say!(
                        ui,
                        "Created a new site in {} ({}).",
                        self.dir.display(),
                        plural!(files, "{} file", "{} files")
                    );
                    say!(
                        ui,
                        "Build it with: thidua build --root {}",
                        self.dir.display()
                    );
                }
                Ok(())
            }
            Err(e) => Err(report_error(ui, &e, None)),
        }
    }
}
