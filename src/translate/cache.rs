//! The translation cache: every reply an engine gave, keyed by engine, model, target
//! language and the exact tagged text sent.
//!
//! Consumes and produces: `.naskah/translations.json` under the site root, a JSON
//! object sorted by key (commit it: a CI run then asks the engine nothing and writes
//! the same bytes).
//! Guarantees: holds no secret (keys are digests of what was sent); written atomically;
//! a cache that cannot be read is an error naming the file, never silently dropped.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// Where the cache lives, relative to the site root.
pub const CACHE_FILE: &str = ".naskah/translations.json";

/// Replies by key.
#[derive(Debug, Default)]
pub struct Cache {
    replies: BTreeMap<String, String>,
    changed: bool,
}

/// The key of a reply: a digest of everything that decides it.
pub fn key(provider: &str, model: &str, lang: &str, text: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [provider, model, lang, text] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    hasher.finalize().to_hex()[..32].to_string()
}

impl Cache {
    pub fn load(root: &Path) -> Result<Cache, Diagnostic> {
        let path = root.join(CACHE_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Cache::default()),
            Err(e) => return Err(Diagnostic::error(format!("cannot read {CACHE_FILE}: {e}"))),
        };
        let replies = serde_json::from_str(&text).map_err(|e| {
            Diagnostic::error(format!("{CACHE_FILE} is not a translation cache: {e}"))
                .in_file(Path::new(CACHE_FILE))
                .with_help("delete it: the next run asks the engine again")
        })?;
        Ok(Cache {
            replies,
            changed: false,
        })
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.replies.get(key).map(String::as_str)
    }

    pub fn put(&mut self, key: String, reply: String) {
        self.changed |= self.replies.insert(key, reply.clone()).as_ref() != Some(&reply);
    }

    /// Writes the cache when it gained replies.
    pub fn save(&self, root: &Path) -> Result<(), Diagnostic> {
        if !self.changed {
            return Ok(());
        }
        let mut text = serde_json::to_string_pretty(&self.replies).unwrap_or_default();
        text.push('\n');
        super::write_file(&root.join(CACHE_FILE), text.as_bytes(), true)
    }
}
