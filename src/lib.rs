//! naskah: a multilingual static documentation site generator.
//!
//! The pipeline, one module a stage: [`config`] → [`content`] (with [`frontmatter`]) →
//! [`markdown`] → [`site`] (URLs, links) → [`navigation`] → [`pages`] + [`render`] (Tera with
//! [`i18n`] Fluent strings) → [`output`]. [`pipeline`] drives it; [`cli`] parses the
//! command line. See `docs/ARCHITECTURE.md`.

pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod drift;
pub mod frontmatter;
pub mod git_dates;
pub mod i18n;
pub mod init;
pub mod markdown;
pub mod marks;
pub mod navigation;
pub mod output;
pub mod pages;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
#[cfg(test)]
mod testing;
pub mod translate;
pub mod walk;
pub mod watch;
