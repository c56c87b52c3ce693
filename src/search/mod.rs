//! Search: the terms pages are indexed by and queries are cut into ([`terms`]), and
//! each language's index as static script files ([`index`]), which the theme's
//! `assets/search.js` queries in the browser.

pub mod index;
pub mod terms;
