//! Search (in progress, #16): the terms pages are indexed by and queries are cut into.
//! Not yet wired into the build: the index and the theme's search box come next.

pub mod terms;
