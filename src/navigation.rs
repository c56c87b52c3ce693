//! Navigation: each language's tree of sections and pages, the part of it each page
//! carries, and the shared file that holds the whole tree.
//!
//! Consumes: the [`Site`] (documents, titles in each language, output paths, variants).
//! Produces: per language a [`Tree`], built once per build (or kept while the digest of
//! its inputs holds); per page a [`Sidebar`]; per language whose tree is too wide for a
//! page, the script file with the whole tree (`assets/nav.LANG.js`).
//! Guarantees: a page's sidebar holds at most [`WINDOW`] entries per level of the path
//! to it (plus a "more" link at each end of a cut list, to the section index page that
//! lists everything), so a page's size does not grow with the site. Every entry left
//! out is one link away without JavaScript; with it, the shared file shows the whole tree.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::config::Language;
use crate::content::DocKind;
use crate::site::{NavItem, Site, part_path};

/// Most entries of one list (a section's pages, or the top level) that a page shows.
/// Lists up to this long are shown whole; longer ones as this many entries around the
/// current page, and the site's shared navigation file is written.
pub const WINDOW: usize = 25;

/// A document in one language's tree.
#[derive(Debug)]
struct Node {
    key: String,
    title: String,
    path: String,
    kind: DocKind,
    weight: i64,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Index among its parent's children.
    position: usize,
}

/// One language's navigation tree: sections and pages, children in navigation order
/// (weight, then title in that language, then key).
#[derive(Debug, Default)]
pub struct Tree {
    nodes: Vec<Node>,
    roots: Vec<usize>,
    /// Document index → node.
    by_doc: FxHashMap<usize, usize>,
    /// Length of the longest list (the roots or a section's children).
    widest: usize,
    /// Entries an index page lists (`section_page_size`), to link to the right one.
    page_size: usize,
    /// Nodes in reading order (depth first), and each node's place in it.
    order: Vec<usize>,
    rank: Vec<usize>,
}

/// The navigation a page carries, as template data (see `docs/TEMPLATES.md`).
#[derive(Debug, Serialize)]
pub struct Sidebar<'t> {
    /// The tree's entries on the path to the current page, flattened in document order.
    pub entries: Vec<Entry<'t>>,
    /// Path of this language's shared navigation file, when some list was cut.
    pub script: Option<String>,
    /// Output path of the current page, when it is in the tree.
    pub current: Option<&'t str>,
    /// The sections above the current page, from the top.
    pub breadcrumbs: Vec<Link<'t>>,
    /// The pages before and after the current one in reading order (the tree, depth
    /// first: a section, then its pages).
    pub previous: Option<Link<'t>>,
    pub next: Option<Link<'t>>,
}

/// A link to a page of the tree.
#[derive(Debug, Serialize)]
pub struct Link<'t> {
    pub title: &'t str,
    pub path: &'t str,
}

/// One line of the sidebar. Nesting is given by `opens` (a list of this entry's
/// children follows) and `closes` (this many nested lists end after it), so a
/// template renders any depth with one loop.
#[derive(Debug, Serialize)]
pub struct Entry<'t> {
    /// `section`, `page`, or `more` (a link to the index that lists `count` entries
    /// left out here).
    pub kind: &'static str,
    pub key: &'t str,
    pub title: &'t str,
    pub path: Cow<'t, str>,
    pub depth: usize,
    pub current: bool,
    /// On the path to the current page (its children are shown).
    pub open: bool,
    /// A section whose children are not shown here.
    pub folded: bool,
    pub opens: bool,
    pub closes: usize,
    pub count: usize,
}

impl Tree {
    /// The tree of `lang`: documents that have a page in it, under their nearest
    /// section.
    pub fn build(site: &Site, lang: &Language) -> Tree {
        let mut children: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, doc) in site.content.documents.iter().enumerate() {
            if let Some(parent) = doc.parent_key()
                && site.variant(i, lang).has_page()
            {
                children
                    .entry(site.nearest_section(parent))
                    .or_default()
                    .push(i);
            }
        }
        let mut tree = Tree {
            page_size: site.config.section_page_size.max(1),
            ..Tree::default()
        };
        tree.roots = tree.add_children(site, lang, "", None, &children);
        tree.widest = tree.roots.len();
        tree.order = Vec::with_capacity(tree.nodes.len());
        let mut stack: Vec<usize> = tree.roots.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            tree.order.push(id);
            stack.extend(tree.nodes[id].children.iter().rev());
        }
        tree.rank = vec![0; tree.nodes.len()];
        for (rank, &id) in tree.order.iter().enumerate() {
            tree.rank[id] = rank;
        }
        tree
    }

    fn link(&self, id: usize) -> Link<'_> {
        let node = &self.nodes[id];
        Link {
            title: &node.title,
            path: &node.path,
        }
    }

    fn add_children(
        &mut self,
        site: &Site,
        lang: &Language,
        key: &str,
        parent: Option<usize>,
        children: &FxHashMap<&str, Vec<usize>>,
    ) -> Vec<usize> {
        let Some(docs) = children.get(key) else {
            return Vec::new();
        };
        let mut ids: Vec<usize> = docs
            .iter()
            .map(|&doc| {
                let document = site.document(doc);
                self.nodes.push(Node {
                    key: document.key.clone(),
                    title: site.title(doc, &lang.code).to_string(),
                    // A link: a page named `c#.md` is at `c%23/index.html`.
                    path: crate::site::url_path(site.path_or_source(doc, &lang.code)).into_owned(),
                    kind: document.kind,
                    weight: document.source.front.weight,
                    parent,
                    children: Vec::new(),
                    position: 0,
                });
                self.by_doc.insert(doc, self.nodes.len() - 1);
                self.nodes.len() - 1
            })
            .collect();
        let nodes = &self.nodes;
        ids.sort_by(|&a, &b| {
            let (a, b) = (&nodes[a], &nodes[b]);
            (a.weight, &a.title, &a.key).cmp(&(b.weight, &b.title, &b.key))
        });
        for (position, &id) in ids.iter().enumerate() {
            self.nodes[id].position = position;
            if self.nodes[id].kind != DocKind::Page {
                let key = self.nodes[id].key.clone();
                let grandchildren = self.add_children(site, lang, &key, Some(id), children);
                self.widest = self.widest.max(grandchildren.len());
                self.nodes[id].children = grandchildren;
            }
        }
        ids
    }

    /// Whether some list is longer than a page shows (so the shared file is written).
    pub fn is_wide(&self) -> bool {
        self.widest > WINDOW
    }

    /// The documents listed on page `part` (from 1) of document `doc`'s index (the top
    /// level for the home page), in navigation order, and how many the whole list has.
    /// Only that page's share is made: a long section's index has many pages.
    pub fn children_of(&self, doc: usize, kind: DocKind, part: usize) -> (Vec<NavItem>, usize) {
        let ids: &[usize] = match kind {
            DocKind::Home => &self.roots,
            DocKind::Section => self
                .by_doc
                .get(&doc)
                .map_or(&[], |&id| &self.nodes[id].children),
            DocKind::Page => &[],
        };
        let share = ids
            .iter()
            .skip((part - 1) * self.page_size)
            .take(self.page_size)
            .map(|&id| self.item(id, false))
            .collect();
        (share, ids.len())
    }

    /// The whole tree as template data (`nav`).
    pub fn items(&self) -> Vec<NavItem> {
        self.roots.iter().map(|&id| self.item(id, true)).collect()
    }

    fn item(&self, id: usize, deep: bool) -> NavItem {
        let node = &self.nodes[id];
        NavItem {
            key: node.key.clone(),
            title: node.title.clone(),
            path: node.path.clone(),
            kind: node.kind,
            weight: node.weight,
            children: match deep {
                true => node.children.iter().map(|&c| self.item(c, true)).collect(),
                false => Vec::new(),
            },
        }
    }

    /// The sidebar of the page of document `current` (`None`: a page outside the
    /// tree, like the home, 404 and status pages). `home` is the path of this
    /// language's home page, which lists the top level; `script` the path of the shared
    /// file.
    pub fn sidebar<'t>(
        &'t self,
        current: Option<usize>,
        home: &'t str,
        script: &str,
    ) -> Sidebar<'t> {
        let mut trail = Vec::new();
        let mut at = current.and_then(|doc| self.by_doc.get(&doc).copied());
        while let Some(id) = at {
            trail.push(id);
            at = self.nodes[id].parent;
        }
        trail.reverse();
        let mut entries = Vec::new();
        self.level(&self.roots, 0, &trail, home, &mut entries);
        let here = trail.last().copied();
        let rank = here.map(|id| self.rank[id]);
        Sidebar {
            breadcrumbs: trail[..trail.len().saturating_sub(1)]
                .iter()
                .map(|&id| self.link(id))
                .collect(),
            previous: rank
                .and_then(|r| r.checked_sub(1))
                .map(|r| self.link(self.order[r])),
            next: rank
                .map(|r| r + 1)
                .filter(|&r| r < self.order.len())
                .map(|r| self.link(self.order[r])),
            entries,
            script: self.is_wide().then(|| script.to_string()),
            current: current
                .and_then(|doc| self.by_doc.get(&doc))
                .map(|&id| self.nodes[id].path.as_str()),
        }
    }

    fn level<'t>(
        &'t self,
        list: &[usize],
        depth: usize,
        trail: &[usize],
        index: &'t str,
        entries: &mut Vec<Entry<'t>>,
    ) {
        let focus = trail.get(depth).copied();
        let (start, end) = window(list.len(), focus.map(|id| self.nodes[id].position));
        // A "more" link goes to the page of the index that lists the nearest entry cut.
        let listing = |entry: usize| Cow::Owned(part_path(index, entry / self.page_size + 1));
        if start > 0 {
            entries.push(more(listing(start - 1), depth, start));
        }
        for &id in &list[start..end] {
            let node = &self.nodes[id];
            let open = focus == Some(id) && !node.children.is_empty();
            entries.push(Entry {
                kind: match node.kind {
                    DocKind::Page => "page",
                    _ => "section",
                },
                key: &node.key,
                title: &node.title,
                path: Cow::Borrowed(&node.path),
                depth,
                current: focus == Some(id) && trail.len() == depth + 1,
                open,
                folded: !open && !node.children.is_empty(),
                opens: open,
                closes: 0,
                count: node.children.len(),
            });
            if open {
                self.level(&node.children, depth + 1, trail, &node.path, entries);
                if let Some(last) = entries.last_mut() {
                    last.closes += 1;
                }
            }
        }
        if end < list.len() {
            entries.push(more(listing(end), depth, list.len() - end));
        }
    }

    /// The shared navigation file: the whole tree as a script that sets
    /// `window.naskahNav` (a script, not JSON to fetch, so it loads from `file://`).
    /// Each entry is `[title, path]`, or `[title, path, [children…]]` for a section.
    pub fn script(&self) -> String {
        let mut out = String::with_capacity(self.nodes.len() * 96);
        out.push_str("window.naskahNav=");
        self.write_list(&self.roots, &mut out);
        out.push_str(";\n");
        out
    }

    fn write_list(&self, list: &[usize], out: &mut String) {
        out.push('[');
        for (i, &id) in list.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let node = &self.nodes[id];
            out.push('[');
            push_json_string(&node.title, out);
            out.push(',');
            push_json_string(&node.path, out);
            if !node.children.is_empty() {
                out.push(',');
                self.write_list(&node.children, out);
            }
            out.push(']');
        }
        out.push(']');
    }
}

/// Appends `text` as a JSON string, as serde_json writes it, for script files of their
/// own (`<` would only matter inline in HTML). serde_json escapes quotes, backslashes
/// and control characters only, so most text (titles, paths, the search index's terms)
/// is copied between quotes, without a string of its own.
pub(crate) fn push_json_string(text: &str, out: &mut String) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(text).unwrap_or_default());
    }
}

fn more(path: Cow<'_, str>, depth: usize, count: usize) -> Entry<'_> {
    Entry {
        kind: "more",
        key: "",
        title: "",
        path,
        depth,
        current: false,
        open: false,
        folded: false,
        opens: false,
        closes: 0,
        count,
    }
}

/// The range of a list of `len` entries that a page shows: all of it when it fits,
/// else [`WINDOW`] entries with the focus in the middle (from the start without one).
fn window(len: usize, focus: Option<usize>) -> (usize, usize) {
    if len <= WINDOW {
        return (0, len);
    }
    let start = focus
        .map_or(0, |f| f.saturating_sub(WINDOW / 2))
        .min(len - WINDOW);
    (start, start + WINDOW)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_written_as_serde_json_writes_them() {
        for text in [
            "",
            "kata",
            "库很",
            "a\"b",
            "a\\b",
            "tab\there",
            "\n",
            "\u{1}",
            "\u{1f}",
            " ",
            "\u{7f}",
            "\u{2028}",
            "é",
            "</script>",
        ] {
            let mut body = String::from("x");
            push_json_string(text, &mut body);
            assert_eq!(
                body,
                format!("x{}", serde_json::to_string(text).unwrap()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_short_list_is_shown_whole() {
        assert_eq!(window(3, Some(2)), (0, 3));
        assert_eq!(window(WINDOW, None), (0, WINDOW));
    }

    #[test]
    fn a_long_list_is_cut_around_the_focus() {
        assert_eq!(window(100, None), (0, WINDOW));
        assert_eq!(
            window(100, Some(50)),
            (50 - WINDOW / 2, 50 - WINDOW / 2 + WINDOW)
        );
        assert_eq!(window(100, Some(99)), (100 - WINDOW, 100));
        assert_eq!(window(100, Some(3)), (0, WINDOW));
    }
}
