//! Test builders over fixture sites: write a site into a temp dir, run the real
//! `naskah` binary on it, and inspect the output with an HTML parser.
#![allow(dead_code)]

pub mod browser;
pub mod ekspor;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

pub const CONFIG: &str = r#"title = "Uji"
base_url = "https://docs.example.org/"

[languages.id]
name = "Bahasa Indonesia"

[languages.en]
name = "English"

[languages.ar]
name = "العربية"

[languages.fr]
name = "Français"
machine_translated = false
"#;

/// [`CONFIG`] with Chinese, before French.
pub fn config_with_chinese() -> String {
    CONFIG.replace(
        "[languages.fr]",
        "[languages.zh]\nname = \"中文\"\n\n[languages.fr]",
    )
}

/// Whether the search index of `lang` lists `term`, in the shard the browser would load
/// for it; `read` gives the text of a file by its path from the output root.
pub fn search_index_lists(read: impl Fn(&str) -> String, lang: &str, term: &str) -> bool {
    let meta = read(&format!("assets/search/{lang}/meta.js"));
    let shards: usize = meta
        .split("\"shards\":")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .expect("meta.js names its shards");
    let shard = naskah::search::index::shard_of(term, shards);
    read(&format!("assets/search/{lang}/terms-{shard}.js")).contains(&format!("\"{term}\":"))
}

/// Builds this repository's own site into a temp folder (the committed `site/` is left
/// alone); returns the folder, which lives as long as the returned guard.
pub fn build_repo_site() -> (tempfile::TempDir, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    run(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    )
    .success();
    (tmp, out)
}

/// A site on disk, built by chaining `.file(…)` calls.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with [`CONFIG`] and nothing else.
    pub fn new() -> Self {
        Self::empty().file("naskah.toml", CONFIG)
    }

    /// A site with no files at all.
    pub fn empty() -> Self {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn file(self, path: &str, text: &str) -> Self {
        self.write(path, text);
        self
    }

    pub fn bytes(self, path: &str, bytes: &[u8]) -> Self {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
        self
    }

    pub fn write(&self, path: &str, text: &str) {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.root().join(path)).unwrap();
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("site")
    }

    /// Runs `naskah build --root ROOT` with extra arguments.
    pub fn build_with(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "--root"];
        let root = self.root().to_string_lossy().into_owned();
        all.push(&root);
        all.extend_from_slice(args);
        run(&all, &[])
    }

    pub fn build(&self) -> Run {
        self.build_with(&[])
    }
}

/// Runs the naskah binary.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_naskah"));
    command.args(args).env("NO_COLOR", "1");
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().expect("run naskah");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The result of one naskah run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(self.code, 0, "naskah failed:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn failure(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}; stderr:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
}

/// A parsed output page.
pub struct Page {
    pub path: String,
    pub html: Html,
}

impl Page {
    pub fn open(out: &Path, path: &str) -> Page {
        let text =
            std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        Page {
            path: path.to_string(),
            html: Html::parse_document(&text),
        }
    }

    pub fn all(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let selector = Selector::parse(css).unwrap();
        self.html.select(&selector).collect()
    }

    pub fn count(&self, css: &str) -> usize {
        self.all(css).len()
    }

    #[track_caller]
    pub fn one(&self, css: &str) -> scraper::ElementRef<'_> {
        let found = self.all(css);
        assert_eq!(
            found.len(),
            1,
            "{}: expected one `{css}`, found {}",
            self.path,
            found.len()
        );
        found[0]
    }

    /// Attribute `name` of every element matching `css` that has it, in document order.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.all(css)
            .iter()
            .filter_map(|e| e.value().attr(name).map(str::to_string))
            .collect()
    }

    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.all(css)
            .first()
            .and_then(|e| e.value().attr(name).map(str::to_string))
    }

    pub fn text(&self, css: &str) -> String {
        self.all(css)
            .iter()
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every `href`/`src` that is relative, resolved against the page's folder.
    pub fn relative_targets(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
        ] {
            for element in self.all(css) {
                let url = element.value().attr(attr).unwrap_or_default();
                if url.starts_with('#') || url.contains("://") || url.starts_with("mailto:") {
                    continue;
                }
                let path = url.split(['#', '?']).next().unwrap_or_default();
                out.push((url.to_string(), resolve(&self.path, path)));
            }
        }
        out
    }
}

/// Resolves a relative URL against the output file `from`.
pub fn resolve(from: &str, url: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in url.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Every file under `dir`, relative path → bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Paths of the HTML files in a snapshot.
pub fn html_files(snapshot: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    snapshot
        .keys()
        .filter(|p| p.ends_with(".html"))
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------
// Translation drift (tests/drift.rs, tests/drift_eval.rs): `naskah check --format json`
// parsed into findings, and line look-ups for exact expectations.

/// One finding of `naskah check --format json`, reduced to what tests compare.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DriftFinding {
    pub kind: String,
    /// Line in the translation.
    pub line: usize,
    /// Line in the source, when the finding names a source segment.
    pub source_line: Option<usize>,
    pub severity: String,
    pub message: String,
}

impl DriftFinding {
    /// `(kind, line, source_line)`: the part that expectations state exactly.
    pub fn key(&self) -> (String, usize, Option<usize>) {
        (self.kind.clone(), self.line, self.source_line)
    }
}

/// The severities the README documents for each finding kind (several where the
/// severity depends on what differs, e.g. a number changed or stated on one side only).
pub fn drift_severities(kind: &str) -> &'static [&'static str] {
    match kind {
        "source-changed" | "missing-segment" => &["warning", "info", "error"],
        "source-added" | "source-removed" | "number-mismatch" => &["warning"],
        "code-mismatch" => &["info", "warning"],
        "extra-segment" | "untranslated" | "length-ratio" | "heading-structure"
        | "link-mismatch" | "url-mismatch" | "image-mismatch" => &["info"],
        other => panic!("unknown finding kind {other:?}"),
    }
}

/// Runs `naskah check --root ROOT --format json ARGS…` and parses its output.
pub fn drift_check(root: &Path, args: &[&str]) -> (Run, serde_json::Value) {
    let root = root.to_string_lossy().into_owned();
    let mut all = vec!["check", "--root", root.as_str(), "--format", "json"];
    all.extend_from_slice(args);
    let run = run(&all, &[]);
    assert!(
        run.code == 0 || run.code == 1,
        "naskah check exited {}:\n{}",
        run.code,
        run.stderr
    );
    let report = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check output is not JSON ({e}):\n{}", run.stdout));
    (run, report)
}

/// Runs `naskah accept --root ROOT ARGS…`.
pub fn drift_accept(root: &Path, args: &[&str]) -> Run {
    let root = root.to_string_lossy().into_owned();
    let mut all = vec!["accept", "--root", root.as_str()];
    all.extend_from_slice(args);
    run(&all, &[("SOURCE_DATE_EPOCH", "1764374400")])
}

/// The entries of `translations` in a JSON drift report.
pub fn drift_translations(report: &serde_json::Value) -> &Vec<serde_json::Value> {
    report["translations"]
        .as_array()
        .expect("report has a translations array")
}

/// The report entry of one document in one language.
#[track_caller]
pub fn drift_entry<'a>(
    report: &'a serde_json::Value,
    document: &str,
    lang: &str,
) -> &'a serde_json::Value {
    drift_translations(report)
        .iter()
        .find(|t| t["document"] == document && t["lang"] == lang)
        .unwrap_or_else(|| panic!("no entry for {document} [{lang}] in\n{report:#}"))
}

/// The findings of one report entry, sorted by `(kind, line, source_line)`; checks that
/// each has the documented severity and names the entry's files.
#[track_caller]
pub fn drift_findings(entry: &serde_json::Value) -> Vec<DriftFinding> {
    let mut out: Vec<DriftFinding> = entry["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            let kind = f["kind"].as_str().expect("kind").to_string();
            let severity = f["severity"].as_str().expect("severity").to_string();
            assert!(
                drift_severities(&kind).contains(&severity.as_str()),
                "severity of {f}"
            );
            assert_eq!(f["file"], entry["file"], "file of {f}");
            let source_line = f["source_line"].as_u64().map(|l| l as usize);
            if source_line.is_some() {
                assert_eq!(f["source_file"], entry["source"], "source_file of {f}");
            } else {
                assert!(f["source_file"].is_null(), "source_file without line: {f}");
            }
            DriftFinding {
                kind,
                line: f["line"].as_u64().expect("line") as usize,
                source_line,
                severity,
                message: f["message"].as_str().unwrap_or_default().to_string(),
            }
        })
        .collect();
    out.sort();
    out
}

/// The 1-based line of the only line of `text` that contains `needle`.
#[track_caller]
pub fn line_of(text: &str, needle: &str) -> usize {
    let hits: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{needle:?} should be on exactly one line, found on {hits:?} of:\n{text}"
    );
    hits[0]
}

/// The line a finding at the end of `text` is reported on (after the last newline).
pub fn end_line(text: &str) -> usize {
    text.matches('\n').count() + 1
}

/// A running `naskah serve`, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    pub port: u16,
}

impl Server {
    /// Starts `naskah serve --port 0` on the site and waits for its address.
    pub fn start(site: &TestSite) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_naskah"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start naskah serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("serve prints its address");
        let port = line
            .trim()
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server { child, port }
    }

    /// A raw HTTP/1.1 request; returns status, headers (lower-case names) and body.
    pub fn request(&self, method: &str, path: &str) -> Http {
        self.request_for_host(method, path, "localhost")
    }

    /// [`Server::request`] with another `Host` header.
    pub fn request_for_host(&self, method: &str, path: &str, host: &str) -> Http {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        Http::parse(&raw)
    }

    pub fn get(&self, path: &str) -> Http {
        self.request("GET", path)
    }

    /// Polls `path` until its body contains `needle` (rebuilds are asynchronous).
    #[track_caller]
    pub fn wait_for(&self, path: &str, needle: &str) -> Http {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let response = self.get(path);
            if response.body.contains(needle) {
                return response;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{path} never contained {needle:?}; last:\n{}",
                response.body
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Opens the event stream; returns a reader of event names.
    pub fn events(&self) -> Events {
        self.events_for("")
    }

    /// Opens the event stream as a page served at `version` does (its live-reload
    /// script's `data-version`).
    pub fn events_since(&self, version: &str) -> Events {
        self.events_for(&format!("?since={version}"))
    }

    fn events_for(&self, query: &str) -> Events {
        use std::io::Write;
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET /__naskah/events{query} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_millis(200)))
            .unwrap();
        Events {
            stream,
            buffer: String::new(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Http {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Http {
    fn parse(raw: &[u8]) -> Http {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Http {
            status,
            headers,
            body: body.to_string(),
        }
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }
}

/// Server-sent events as they arrive.
pub struct Events {
    stream: std::net::TcpStream,
    buffer: String,
}

impl Events {
    /// Everything that arrives within `time`.
    pub fn read_for(&mut self, time: std::time::Duration) -> String {
        use std::io::Read;
        let deadline = std::time::Instant::now() + time;
        while std::time::Instant::now() < deadline {
            let mut chunk = [0u8; 4096];
            if let Ok(n) = self.stream.read(&mut chunk) {
                self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        }
        self.buffer.clone()
    }

    /// Waits (up to 10 s) for an event named `name`; returns its data line.
    #[track_caller]
    pub fn expect(&mut self, name: &str) -> String {
        use std::io::Read;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let marker = format!("event: {name}\n");
            if let Some(at) = self.buffer.find(&marker) {
                let rest = self.buffer[at + marker.len()..].to_string();
                let data = rest
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("data: ")
                    .to_string();
                self.buffer = rest;
                return data;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no `{name}` event; got:\n{}",
                self.buffer
            );
            let mut chunk = [0u8; 4096];
            if let Ok(n) = self.stream.read(&mut chunk) {
                self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        }
    }
}
