//! thidua: a static site generator for Vietnamese emulation-campaign sites.
//!
//! The pipeline, one stage per module, each taking immutable input and returning a new value:
//! [`config`] reads `site.yaml`; [`load`] reads `content/` into a [`site::Site`]; [`validate`]
//! checks cross-file rules; [`render`] turns the site into files; [`write`] streams them into a
//! staging directory that replaces the output only when everything succeeded.

pub mod campaign;
pub mod check;
pub mod cli;
pub mod config;
pub mod convert;
pub mod date;
pub mod diagnostic;
pub mod editor;
pub mod images;
pub mod load;
pub mod messages;
pub mod new;
pub mod paths;
pub mod platform;
pub mod precompress;
mod progress;
pub mod publish;
pub mod render;
pub mod search;
pub mod serve;
pub mod share;
pub mod site;
pub mod tables;
pub(crate) mod text;
pub mod tree;
pub mod validate;
pub mod vi;
pub mod write;
pub(crate) mod yaml;

mod build;
pub mod init;

pub use build::{BuildOptions, BuildReport, Mode, Session, build};
pub use progress::Progress;
