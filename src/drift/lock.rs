//! `naskah.lock`: provenance, the source text each translation was accepted against.
//!
//! Consumes: `naskah.lock` at the site root (absent means nothing recorded).
//! Produces: [`Lock`]: per translation (document × language) the ordered fingerprints of
//! the source segments it was made from, and the text of every recorded segment (for
//! word diffs and for telling invariant-only changes from text changes).
//! Guarantees: the file is TOML, sorted, one fingerprint per line, written atomically;
//! it never depends on git or file dates. Only `naskah accept` writes it.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use compact_str::CompactString;

use serde::{Deserialize, Serialize};

use super::fingerprint::Fingerprint;
use crate::diagnostic::{Diagnostic, Location};
use crate::markdown::segments::SegmentKind;

mod events;
mod lines;

pub const LOCK_FILE: &str = "naskah.lock";
const VERSION: u32 = 1;
const HEADER: &str = "# naskah.lock: the source text each translation was accepted against.\n# Written by `naskah accept`; commit it. Do not edit by hand.\n\n";

/// A recorded source segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedText {
    pub kind: SegmentKind,
    pub text: CompactString,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// The record of one translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub document: String,
    pub lang: String,
    /// Date of acceptance, `YYYY-MM-DD`.
    pub accepted: String,
    /// The engine that wrote the translation (`naskah translate`): `deepl`, or
    /// `openai:MODEL`; none when a person accepted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    /// Fingerprints of the source segments, in source order. Shared between the
    /// records that list the same ones (a document's languages accepted against one
    /// source text): a lock read holds each list once.
    pub segments: Arc<[Fingerprint]>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    version: u32,
    #[serde(default, rename = "translation")]
    translations: Vec<Record>,
    #[serde(default)]
    texts: BTreeMap<Fingerprint, RecordedText>,
}

/// What `naskah accept` names the lock it is writing, before the rename.
const TEMPORARY_PREFIX: &str = ".naskah-lock-";

/// Removes lock files an interrupted `naskah accept` left (named so, and older than
/// any accept takes: a running one's is never touched).
fn remove_dead_temporaries(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let old_enough = std::time::Duration::from_secs(600);
    for entry in entries.flatten() {
        let ours = entry
            .file_name()
            .to_string_lossy()
            .starts_with(TEMPORARY_PREFIX);
        let dead = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > old_enough));
        if ours && dead && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `line` is a merge conflict marker (`<<<<<<<`, `|||||||`, `=======`,
/// `>>>>>>>`).
fn is_conflict_marker(line: &str) -> bool {
    ["<<<<<<<", "|||||||", ">>>>>>>"]
        .iter()
        .any(|m| line.starts_with(m))
        || line.trim_end() == "======="
}

/// Why the lock `text` does not read: a merge conflict marker when the TOML error `e`
/// is at one (TOML's own message would not say what it is), else `e`.
fn unreadable(text: &str, e: &toml::de::Error) -> Diagnostic {
    if let Some(start) = e
        .span()
        .and_then(|span| marker_line_start(text, span.start))
    {
        return Diagnostic::error(format!("{LOCK_FILE} holds merge conflict markers"))
            .at(Location::at_offset(Path::new(LOCK_FILE), text, start))
            .with_help("delete the marker lines and keep both sides (a translation recorded twice keeps its later record, with a warning), or record everything anew: `naskah accept --all --rebuild-lock`");
    }
    crate::config::toml_diagnostic(Path::new(LOCK_FILE), text, e)
        .with_help("naskah.lock is written by `naskah accept`; restore it from version control, or record everything anew: `naskah accept --all --rebuild-lock`")
}

/// Where the line holding byte `offset` of `text` starts, if that line is a merge
/// conflict marker.
fn marker_line_start(text: &str, offset: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    // Line starts and ends are at newlines, so these cuts are on character boundaries.
    let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |at| at + 1);
    let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at);
    text.get(start..end)
        .is_some_and(is_conflict_marker)
        .then_some(start)
}

/// A document key as messages show it (the home page's key is empty).
fn shown_document(key: &str) -> &str {
    if key.is_empty() { "(home)" } else { key }
}

/// Reads the lock in the shape `naskah accept` writes it, in parallel parts when it is
/// large (cut where a line starts a `[[translation]]` or `[texts.…]` table). `None`
/// when a part is not in that shape or a text is defined twice: the caller then parses
/// the whole file with the `toml` deserializer, which gives the right error and position
/// (a cut inside a multi-line string leaves that string unterminated, so it cannot go
/// unnoticed).
fn read_written_shape(text: &str) -> Option<LockFile> {
    use rayon::prelude::*;
    const CHUNK: usize = 1 << 20;
    let mut cuts = vec![0];
    while let Some(&last) = cuts.last() {
        let from = last + CHUNK;
        let Some(rest) = text.get(from..) else { break };
        // One pass for both headers: looking for each separately scanned all the
        // translation records for the first `[texts.` at every cut.
        let next = rest.match_indices("\n[").map(|(at, _)| at).find(|&at| {
            let header = &rest[at + 1..];
            header.starts_with("[[translation]]\n") || header.starts_with("[texts.")
        });
        match next {
            Some(at) => cuts.push(from + at + 1),
            None => break,
        }
    }
    cuts.push(text.len());
    let parts: Vec<events::Part> = cuts
        .par_windows(2)
        .map(|w| {
            let part = &text[w[0]..w[1]];
            lines::read(part).or_else(|| events::read(part))
        })
        .collect::<Option<_>>()?;
    let mut file = LockFile {
        version: parts.first()?.version?,
        ..LockFile::default()
    };
    let mut lists = rustc_hash::FxHashSet::default();
    let mut texts = Vec::new();
    for part in parts {
        for record in part.translations {
            // Lists a part already shares with the record before are not hashed again.
            let same = file
                .translations
                .last()
                .is_some_and(|before| Arc::ptr_eq(&before.segments, &record.segments));
            let record = if same {
                record
            } else {
                shared(record, &mut lists)
            };
            file.translations.push(record);
        }
        texts.extend(part.texts);
    }
    file.texts = unique_map(texts)?;
    Some(file)
}

/// The map of `entries`; `None` when a key comes twice. Entries already sorted (the
/// written shape) are put in the map as they are, not looked up one by one.
fn unique_map<K: Ord, V>(mut entries: Vec<(K, V)>) -> Option<BTreeMap<K, V>> {
    // Stable and linear on sorted input, which it leaves as it is.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    if entries.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    Some(entries.into_iter().collect())
}

/// `record` with its fingerprints shared with an equal list read before (a document's
/// languages mostly list the same: 1.7 M fingerprints in a lock of 2,000 documents in
/// six languages were 70 MB as one list each).
fn shared(record: Record, lists: &mut rustc_hash::FxHashSet<Arc<[Fingerprint]>>) -> Record {
    let segments = match lists.get(&record.segments) {
        Some(same) => Arc::clone(same),
        None => {
            lists.insert(Arc::clone(&record.segments));
            record.segments
        }
    };
    Record { segments, ..record }
}

/// The provenance of every accepted translation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    /// Document key → language → record (looked up without building a key).
    records: BTreeMap<String, BTreeMap<String, Arc<Record>>>,
    texts: BTreeMap<Fingerprint, RecordedText>,
    /// What reading the file found odd but could read past (a translation recorded
    /// twice, as a merge that kept both sides leaves it).
    warnings: Vec<Diagnostic>,
}

impl Lock {
    /// Reads `ROOT/naskah.lock`; a missing file is an empty lock.
    pub fn load(root: &Path) -> Result<Lock, Diagnostic> {
        let path = root.join(LOCK_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Lock::default()),
            Err(e) => {
                return Err(Diagnostic::error(format!("cannot read {LOCK_FILE}: {e}"))
                    .in_file(Path::new(LOCK_FILE)));
            }
        };
        let file: LockFile =
            match read_written_shape(&text).map_or_else(|| toml::from_str(&text), Ok) {
                Ok(file) => file,
                // Only a lock that does not read is looked at for conflict markers: lines
                // like them inside a recorded text (a page about git, a setext heading in a
                // code block) are text, and a marker outside a string never reads as TOML.
                Err(e) => return Err(unreadable(&text, &e)),
            };
        if file.version != VERSION {
            return Err(Diagnostic::error(format!(
                "{LOCK_FILE} has version {}, this naskah reads version {VERSION}",
                file.version
            ))
            .at(Location::file(Path::new(LOCK_FILE))));
        }
        let mut lock = Lock {
            records: BTreeMap::new(),
            texts: file.texts,
            warnings: Vec::new(),
        };
        for record in file.translations {
            let earlier = lock.record(&record.document, &record.lang).cloned();
            let Some(earlier) = earlier else {
                lock.insert(record);
                continue;
            };
            // Dates are YYYY-MM-DD: the later sorts last; on a tie the later line wins.
            let kept = if record.accepted >= earlier.accepted {
                &record
            } else {
                &*earlier
            };
            lock.warnings.push(
                Diagnostic::warning(format!(
                    "{LOCK_FILE} records {} [{}] twice (accepted {} and {}); the record of {} is used",
                    shown_document(&record.document),
                    record.lang,
                    earlier.accepted,
                    record.accepted,
                    kept.accepted
                ))
                .in_file(Path::new(LOCK_FILE))
                .with_help("run `naskah accept` on that translation once reviewed: it writes one record"),
            );
            if record.accepted >= earlier.accepted {
                lock.insert(record);
            }
        }
        Ok(lock)
    }

    /// What reading the lock found odd but could read past.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Drops the records of translations not in `existing` (document, language);
    /// returns them.
    pub fn retain_existing(&mut self, existing: &[(String, String)]) -> Vec<(String, String)> {
        let present: BTreeSet<(&str, &str)> = existing
            .iter()
            .map(|(d, l)| (d.as_str(), l.as_str()))
            .collect();
        let mut dropped = Vec::new();
        for (document, by_lang) in &mut self.records {
            by_lang.retain(|lang, _| {
                let keep = present.contains(&(document.as_str(), lang.as_str()));
                if !keep {
                    dropped.push((document.clone(), lang.clone()));
                }
                keep
            });
        }
        self.records.retain(|_, by_lang| !by_lang.is_empty());
        dropped
    }

    /// Records of translations not in `existing`, which can never be checked again.
    pub fn stale(&self, existing: &BTreeSet<(&str, &str)>) -> Vec<(String, String)> {
        self.all_records()
            .filter(|r| !existing.contains(&(r.document.as_str(), r.lang.as_str())))
            .map(|r| (r.document.clone(), r.lang.clone()))
            .collect()
    }

    /// The record of a translation. Shared: watch mode compares records by identity
    /// while the lock file is unchanged.
    pub fn record(&self, document: &str, lang: &str) -> Option<&Arc<Record>> {
        self.records.get(document)?.get(lang)
    }

    fn insert(&mut self, record: Record) {
        self.records
            .entry(record.document.clone())
            .or_default()
            .insert(record.lang.clone(), Arc::new(record));
    }

    fn all_records(&self) -> impl Iterator<Item = &Arc<Record>> {
        self.records.values().flat_map(|by_lang| by_lang.values())
    }

    pub fn text(&self, fingerprint: &str) -> Option<&RecordedText> {
        self.texts.get(fingerprint)
    }

    /// Records (or replaces) a translation's provenance.
    pub fn accept(
        &mut self,
        record: Record,
        texts: impl IntoIterator<Item = (Fingerprint, RecordedText)>,
    ) {
        self.texts.extend(texts);
        self.insert(record);
    }

    /// The TOML text: records sorted by document and language, texts by fingerprint,
    /// texts no record refers to dropped.
    pub fn to_toml(&self) -> String {
        let used: BTreeSet<&Fingerprint> =
            self.all_records().flat_map(|r| r.segments.iter()).collect();
        let file = LockFile {
            version: VERSION,
            translations: self.all_records().map(|r| Record::clone(r)).collect(),
            texts: self
                .texts
                .iter()
                .filter(|(fp, _)| used.contains(fp))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        };
        let body = toml::to_string_pretty(&file).unwrap_or_default();
        format!("{HEADER}{body}")
    }

    /// Writes `ROOT/naskah.lock` atomically (temporary file, then rename).
    pub fn save(&self, root: &Path) -> Result<(), Diagnostic> {
        let fail = |e: std::io::Error| Diagnostic::error(format!("cannot write {LOCK_FILE}: {e}"));
        remove_dead_temporaries(root);
        let mut tmp = tempfile::Builder::new()
            .prefix(TEMPORARY_PREFIX)
            .tempfile_in(root)
            .map_err(fail)?;
        tmp.write_all(self.to_toml().as_bytes()).map_err(fail)?;
        // tempfile creates files private (0600); the lock is an ordinary project file,
        // so it keeps the permissions of the one it replaces (0644 when new).
        if let Some(permissions) = lock_permissions(&root.join(LOCK_FILE)) {
            tmp.as_file().set_permissions(permissions).map_err(fail)?;
        }
        tmp.persist(root.join(LOCK_FILE))
            .map_err(|e| fail(e.error))?;
        Ok(())
    }
}

#[cfg(unix)]
pub(crate) fn lock_permissions(existing: &Path) -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(
        std::fs::metadata(existing)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644)),
    )
}

#[cfg(not(unix))]
pub(crate) fn lock_permissions(existing: &Path) -> Option<std::fs::Permissions> {
    std::fs::metadata(existing).ok().map(|m| m.permissions())
}

/// Today's date (UTC) as `YYYY-MM-DD`; `SOURCE_DATE_EPOCH` overrides the clock for
/// reproducible records.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let (y, m, d) = civil_from_days((seconds / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_425), (2025, 12, 3));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    /// A lock large enough to be parsed in chunks: 9,000 records, 9,000 texts, some
    /// with newlines and text that looks like table headers.
    fn large_lock() -> Lock {
        let mut lock = Lock::default();
        for doc in 0..1800 {
            for lang in ["ar", "en", "fr", "ja", "zh"] {
                let segments: Vec<Fingerprint> = (0..5)
                    .map(|s| compact_str::format_compact!("{doc:08x}{s:08x}"))
                    .collect();
                let texts = segments.iter().enumerate().map(|(s, fp)| {
                    let text = if s == 4 {
                        format!("kode\n[texts.palsu]\n[[translation]]\nbaris {doc}")
                    } else {
                        format!("Paragraf {s} dari dokumen {doc}, cukup panjang untuk ukuran.")
                    };
                    let kind = SegmentKind::Paragraph;
                    (
                        fp.clone(),
                        RecordedText {
                            kind,
                            text: text.into(),
                            links: vec![],
                        },
                    )
                });
                let record = Record {
                    document: format!("bagian/dokumen-{doc}"),
                    lang: lang.into(),
                    accepted: "2026-11-29".into(),
                    segments: segments.clone().into(),
                    engine: None,
                };
                lock.accept(record, texts.collect::<Vec<_>>());
            }
        }
        lock
    }

    #[test]
    fn a_large_lock_parses_in_chunks_to_the_same_records() {
        let lock = large_lock();
        let text = lock.to_toml();
        assert!(text.len() > 2 << 20, "{} bytes", text.len());
        let chunked = read_written_shape(&text).expect("read in parts");
        let whole: LockFile = toml::from_str(&text).unwrap();
        assert_eq!(chunked, whole);
        // A document's five languages list the same fingerprints: read, they are held
        // once.
        let lists: std::collections::HashSet<*const [Fingerprint]> = chunked
            .translations
            .iter()
            .map(|r| Arc::as_ptr(&r.segments))
            .collect();
        assert_eq!(lists.len(), 1800);
        // A text defined twice is an error the whole-file parse reports.
        let twice = format!(
            "{text}\n[texts.{:08x}{:08x}]\nkind = \"paragraph\"\ntext = \"x\"\n",
            0, 0
        );
        assert!(read_written_shape(&twice).is_none());
        assert!(toml::from_str::<LockFile>(&twice).is_err());
    }

    /// What `naskah accept` writes, with every kind of segment and text that needs
    /// escaping, reads the same through the events as through the deserializer.
    #[test]
    fn the_written_shape_reads_as_the_deserializer_reads_it() {
        let mut lock = Lock::default();
        let kinds = [
            SegmentKind::Title,
            SegmentKind::Heading,
            SegmentKind::Paragraph,
            SegmentKind::ListItem,
            SegmentKind::TableCell,
            SegmentKind::CodeBlock,
            SegmentKind::Description,
        ];
        let texts = [
            "biasa",
            "kutip \"ganda\" dan 'tunggal'",
            "garis\\miring \\n bukan baris baru",
            "tab\there",
            "baris\nkedua\n\n[texts.palsu]\nkind = \"x\"",
            "\"\"\" tiga kutip",
            "عربي — 中文 — 日本語 — \u{1F600} — \u{7f}",
            "",
        ];
        for (i, text) in texts.iter().enumerate() {
            let fingerprint = compact_str::format_compact!("{i:016x}");
            lock.accept(
                Record {
                    document: format!("bagian/\"dok\" {i}"),
                    lang: "en".into(),
                    accepted: "2026-11-29".into(),
                    segments: [fingerprint.clone()].into(),
                    engine: (i % 2 == 1).then(|| format!("openai:model \"{i}\"")),
                },
                [(
                    fingerprint,
                    RecordedText {
                        kind: kinds[i % kinds.len()],
                        text: (*text).into(),
                        links: (0..i % 3).map(|l| format!("page:a/b#c{l}")).collect(),
                    },
                )],
            );
        }
        let written = lock.to_toml();
        let read = read_written_shape(&written).expect("the written shape");
        assert_eq!(read, toml::from_str::<LockFile>(&written).unwrap());
        assert_eq!(read.texts.len(), texts.len());
    }

    /// Anything else goes to the deserializer: valid spellings it reads, and errors it
    /// reports with their position.
    #[test]
    fn other_shapes_fall_back_to_the_deserializer() {
        let record = "[[translation]]\ndocument = \"a\"\nlang = \"en\"\naccepted = \"2026-01-01\"\nsegments = [\"01\"]\n";
        let text = "[texts.01]\nkind = \"paragraph\"\ntext = \"x\"\n";
        let valid_elsewhere = [
            format!(
                "version = 1\n{record}[texts]\n\"01\" = {{ kind = \"paragraph\", text = \"x\" }}\n"
            ),
            format!("version = 1\n{record}[texts.01]\nkind = \"paragraph\"\ntext.x = 1\n"),
            format!("version = 0x1\n{record}{text}"),
        ];
        for shape in &valid_elsewhere {
            assert!(read_written_shape(shape).is_none(), "{shape}");
        }
        assert!(toml::from_str::<LockFile>(&valid_elsewhere[0]).is_ok());
        let invalid = [
            format!("{record}{text}"),
            format!("version = 1\nversion = 1\n{record}{text}"),
            format!("version = \"1\"\n{record}{text}"),
            format!("version = 1\nextra = 2\n{record}{text}"),
            format!("version = 1\n{record}lang = \"fr\"\n{text}"),
            format!("version = 1\n{record}extra = \"x\"\n{text}"),
            format!(
                "version = 1\n{}{text}",
                record.replace("accepted = \"2026-01-01\"\n", "")
            ),
            format!(
                "version = 1\n{}{text}",
                record.replace("[\"01\"]", "\"01\"")
            ),
            format!(
                "version = 1\n{record}{}",
                text.replace("paragraph", "paragraf")
            ),
            format!("version = 1\n{record}{text}{text}"),
            format!("version = 1\n{record}{}", text.replace("\"x\"", "\"x")),
            format!(
                "version = 1\n{}{text}",
                record.replace("[\"01\"]", "[[\"01\"]]")
            ),
        ];
        for shape in &invalid {
            assert!(read_written_shape(shape).is_none(), "{shape}");
            assert!(toml::from_str::<LockFile>(shape).is_err(), "{shape}");
        }
        let fine = format!("version = 1\n{record}{text}");
        assert!(read_written_shape(&fine).is_some());
    }

    /// A conflict is reported at its marker, not at a recorded text's line that looks
    /// like one (a setext heading, a page about git).
    #[test]
    fn a_conflict_is_reported_at_its_marker() {
        let mut lock = Lock::default();
        lock.accept(
            Record {
                document: "git".into(),
                lang: "en".into(),
                accepted: "2026-12-07".into(),
                segments: ["01".into()].into(),
                engine: None,
            },
            [(
                "01".into(),
                RecordedText {
                    kind: SegmentKind::CodeBlock,
                    text: "Judul\n=======\n<<<<<<< HEAD".into(),
                    links: vec![],
                },
            )],
        );
        let written = lock.to_toml();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), &written).unwrap();
        assert!(Lock::load(dir.path()).is_ok(), "{written}");
        let conflicted = format!("{written}<<<<<<< HEAD\n=======\n>>>>>>> main\n");
        std::fs::write(dir.path().join(LOCK_FILE), &conflicted).unwrap();
        let error = Lock::load(dir.path()).unwrap_err();
        let marker = conflicted.lines().count() - 2;
        assert_eq!(error.location.as_ref().map(|l| l.line), Some(marker));
        assert!(
            error.message.contains("merge conflict markers"),
            "{error:?}"
        );
    }

    /// Locks that `naskah accept` wrote, then damaged or edited by hand (a byte inserted,
    /// deleted or replaced, with the bytes TOML cares about; a line doubled or dropped;
    /// a few times over): what the fast readers make of each is what the `toml`
    /// deserializer makes of it, and where it finds an error they read nothing (so that
    /// it reports it).
    #[test]
    fn edited_locks_read_as_the_deserializer_reads_them() {
        let mut lock = Lock::default();
        let texts = [
            "biasa",
            "kode\n[x]\n  \"q\" 'a'",
            "عربي 中文",
            "",
            "kutip \"ganda\"",
            "garis\\miring",
            "dua\nbaris 'a' \"b\" '''",
        ];
        for (i, text) in texts.into_iter().enumerate() {
            let fingerprint = compact_str::format_compact!("{i:016x}");
            lock.accept(
                Record {
                    document: format!("dok/{i}"),
                    lang: ["en", "fr"][i % 2].into(),
                    accepted: "2026-12-07".into(),
                    segments: [fingerprint.clone(), "00".into()].into(),
                    engine: (i == 1).then(|| "deepl".to_owned()),
                },
                [(
                    fingerprint,
                    RecordedText {
                        kind: SegmentKind::CodeBlock,
                        text: text.into(),
                        links: (0..i % 3).map(|l| format!("page:a#{l}")).collect(),
                    },
                )],
            );
        }
        let written = lock.to_toml();
        let bytes = b"\"'\\\n\r\t[]= #,.a0_-\x01\x7f";
        let next = crate::testing::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let (mut read, mut refused) = (0, 0);
        for _ in 0..4000 {
            let mut text = written.clone().into_bytes();
            for _ in 0..1 + next(3) {
                // At a character boundary, so that the text stays UTF-8.
                let mut at = next(text.len());
                while at > 0 && (text[at] & 0xC0) == 0x80 {
                    at -= 1;
                }
                let byte = bytes[next(bytes.len())];
                // The line `at` is in, with its newline.
                let start = text[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |n| n + 1);
                let end = text[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(text.len(), |n| at + n + 1);
                match next(5) {
                    // A line doubled or dropped, as a merge leaves them.
                    3 => {
                        let line = text[start..end].to_vec();
                        text.splice(start..start, line);
                    }
                    4 => {
                        text.drain(start..end);
                    }
                    0 => text.insert(at, byte),
                    1 if text[at].is_ascii() => {
                        text.remove(at);
                    }
                    _ if text[at].is_ascii() => text[at] = byte,
                    _ => text.insert(at, byte),
                }
            }
            let text = String::from_utf8(text).expect("ASCII edits at boundaries");
            let fast = read_written_shape(&text);
            match toml::from_str::<LockFile>(&text) {
                Ok(file) => {
                    if let Some(fast) = fast {
                        assert_eq!(fast, file, "{text}");
                        read += 1;
                    }
                }
                Err(e) => {
                    assert!(fast.is_none(), "read, but TOML says {e}:\n{text}");
                    refused += 1;
                }
            }
        }
        assert!(
            read > 300 && refused > 300,
            "{read} read, {refused} refused"
        );
    }

    #[test]
    fn round_trip_sorted_and_pruned() {
        let mut lock = Lock::default();
        let text = |t: &str| RecordedText {
            kind: SegmentKind::Paragraph,
            text: t.into(),
            links: vec![],
        };
        lock.accept(
            Record {
                document: "b".into(),
                lang: "fr".into(),
                accepted: "2025-01-01".into(),
                segments: ["02".into()].into(),
                engine: None,
            },
            [("02".into(), text("dua")), ("09".into(), text("unused"))],
        );
        lock.accept(
            Record {
                document: "a".into(),
                lang: "en".into(),
                accepted: "2025-01-01".into(),
                segments: ["01".into()].into(),
                engine: None,
            },
            [("01".into(), text("satu"))],
        );
        let toml = lock.to_toml();
        assert!(toml.find("document = \"a\"").unwrap() < toml.find("document = \"b\"").unwrap());
        assert!(!toml.contains("unused"));
        let dir = tempfile::tempdir().unwrap();
        lock.save(dir.path()).unwrap();
        let back = Lock::load(dir.path()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(LOCK_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(
                mode & 0o777,
                0o644,
                "a new lock file is readable like any project file"
            );
        }
        assert_eq!(*back.record("b", "fr").unwrap().segments, ["02"]);
        assert_eq!(back.text("01").unwrap().text, "satu");
    }
}
