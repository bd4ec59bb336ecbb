//! `thidua new` and `thidua init`: a new post, a new site, and where to find them.

use std::path::PathBuf;

use clap::Args;

use super::{Ui, Verbosity, report_error};
use crate::plural;

/// `thidua new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The section folder inside content/ (e.g. tin-tuc).
    pub section: String,
    /// The post's title, in quotes.
    pub title: String,
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Create the section if it does not exist yet.
    #[arg(long)]
    pub create_section: bool,
}

impl NewArgs {
    /// Creates the post and says where it is.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        let opts = crate::new::NewOptions {
            root: self.root,
            section: self.section,
            title: self.title,
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
