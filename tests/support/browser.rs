//! A headless Chromium driven over the Chrome DevTools Protocol (CDP), shared by
//! `tests/browser.rs` and `tests/validators.rs`: start it, connect to its page, send
//! commands, evaluate JavaScript and poll for an answer.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The page's DevTools connection.
pub type Socket = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>;

/// Chromium, or `None` with a note when this machine has none (CI must: it fails there).
pub fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (.ci/run does)"
        );
        eprintln!("SKIPPED: no chromium on this machine (apt-get install chromium)");
    }
    found
}

pub fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// A headless Chromium with remote debugging, killed when dropped.
pub struct Browser {
    child: std::process::Child,
    profile: tempfile::TempDir,
}

impl Browser {
    pub fn open(binary: &Path, url: &str) -> Browser {
        Browser::open_sized(binary, url, (1280, 900))
    }

    /// A browser whose window is `width` × `height` CSS pixels.
    pub fn open_sized(binary: &Path, url: &str, (width, height): (u32, u32)) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = std::process::Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--window-size={width},{height}"))
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start chromium");
        Browser { child, profile }
    }

    /// Chromium writes its debugging port into the profile folder.
    fn debug_port(&self) -> u16 {
        let file = self.profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(port) = std::fs::read_to_string(&file)
                .ok()
                .and_then(|t| t.lines().next()?.parse().ok())
            {
                return port;
            }
            assert!(
                Instant::now() < deadline,
                "chromium did not start its debugger"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The DevTools WebSocket of the page showing `url`.
    pub fn page_socket(&self, url: &str) -> String {
        let port = self.debug_port();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let list = http_get(port, "/json/list");
            if let Ok(targets) = serde_json::from_str::<serde_json::Value>(&list) {
                let page = targets.as_array().into_iter().flatten().find(|t| {
                    t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with(url))
                });
                if let Some(ws) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str()) {
                    return ws.to_string();
                }
            }
            assert!(
                Instant::now() < deadline,
                "no page target for {url}: {list}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Connects to the page showing `url`; a read waits at most `timeout`.
    pub fn connect(&self, url: &str, timeout: Duration) -> Socket {
        let (socket, _) = tungstenite::connect(self.page_socket(url)).expect("connect to the page");
        if let tungstenite::stream::MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(timeout)).unwrap();
        }
        socket
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    // DevTools may keep the connection open: read until the body's length has arrived.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    while let Ok(n) = stream.read(&mut chunk) {
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&raw);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
            });
            if length.is_some_and(|len| body.len() >= len) {
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    text.split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default()
}

/// Sends the CDP command `method` with `params` as message `id`; returns its `result`,
/// or its `error` (a page that is navigating away answers one). Events that arrive
/// meanwhile are skipped.
pub fn call(
    socket: &mut Socket,
    id: u64,
    method: &str,
    params: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    call_serving(socket, id, method, params, None)
}

/// [`call`], answering the requests `site` intercepts meanwhile.
fn call_serving(
    socket: &mut Socket,
    id: u64,
    method: &str,
    params: serde_json::Value,
    site: Option<&Site>,
) -> Result<serde_json::Value, serde_json::Value> {
    let request = serde_json::json!({"id": id, "method": method, "params": params});
    socket
        .send(tungstenite::Message::text(request.to_string()))
        .expect("send");
    loop {
        let message = socket.read().expect("read");
        let Ok(text) = message.to_text() else {
            continue;
        };
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
            continue;
        };
        if value["id"] == id {
            return match value["error"].take() {
                serde_json::Value::Null => Ok(value["result"].take()),
                error => Err(error),
            };
        }
        if let Some(site) = site
            && value["method"] == "Fetch.requestPaused"
        {
            site.answer(socket, &value["params"]);
        }
    }
}

/// A built site shown at the URL it is published at: the browser's requests under
/// `base` are intercepted and answered from `dir`, as a static host would (a folder's
/// `index.html`, and the `404.html` of the language folder, else the root's, with
/// status 404 for a missing file). So pages with absolute links (404 pages, when
/// `base_url` is set) load their style sheet as on the real site.
struct Site {
    base: String,
    dir: PathBuf,
}

impl Site {
    fn answer(&self, socket: &mut Socket, params: &serde_json::Value) {
        static NEXT: std::sync::atomic::AtomicU64 =
            std::sync::atomic::AtomicU64::new(1_500_000_000);
        let url = params["request"]["url"].as_str().unwrap_or_default();
        let path = url.strip_prefix(&self.base).unwrap_or_default();
        let path = percent_decode(path.split(['?', '#']).next().unwrap_or_default());
        let mut file = self.dir.join(&path);
        if path.is_empty() || path.ends_with('/') || file.is_dir() {
            file = file.join("index.html");
        }
        let status = if file.is_file() {
            200
        } else {
            let lang = path.split('/').next().unwrap_or_default();
            file = self.dir.join(lang).join("404.html");
            if lang.is_empty() || !file.is_file() {
                file = self.dir.join("404.html");
            }
            404
        };
        let body = std::fs::read(&file).unwrap_or_default();
        let kind = match file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
        {
            "html" => "text/html; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "js" => "text/javascript; charset=utf-8",
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "xml" => "application/xml",
            _ => "application/octet-stream",
        };
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let reply = serde_json::json!({"id": id, "method": "Fetch.fulfillRequest", "params": {
            "requestId": params["requestId"],
            "responseCode": status,
            "responseHeaders": [{"name": "Content-Type", "value": kind}],
            "body": base64(&body),
        }});
        socket
            .send(tungstenite::Message::text(reply.to_string()))
            .expect("send");
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Evaluates `expression` in the page; returns its string value.
pub fn evaluate(socket: &mut Socket, id: u64, expression: &str) -> String {
    let result = call(
        socket,
        id,
        "Runtime.evaluate",
        serde_json::json!({"expression": expression, "returnByValue": true}),
    )
    .unwrap_or_default();
    result["result"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Polls `expression` in the page until it returns a non-empty string.
pub fn poll(socket: &mut Socket, expression: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut id = 1000;
    loop {
        id += 1;
        let text = evaluate(socket, id, expression);
        if !text.is_empty() {
            return text;
        }
        assert!(Instant::now() < deadline, "no answer to {expression}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A page to send commands to, numbering them itself.
pub struct Tab {
    pub socket: Socket,
    next: u64,
    site: Option<Site>,
}

impl Tab {
    pub fn new(socket: Socket) -> Tab {
        Tab {
            socket,
            next: 1_000_000,
            site: None,
        }
    }

    /// From now on, shows the built site in `dir` at `base` (its `base_url`, ending
    /// in `/`), as its host would: see [`Site`].
    pub fn serve(&mut self, base: &str, dir: &Path) {
        self.site = Some(Site {
            base: base.to_string(),
            dir: dir.to_path_buf(),
        });
        self.call(
            "Fetch.enable",
            serde_json::json!({"patterns": [{"urlPattern": format!("{base}*")}]}),
        );
    }

    /// [`call`] with the next id; panics on a protocol error.
    pub fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next += 1;
        call_serving(
            &mut self.socket,
            self.next,
            method,
            params,
            self.site.as_ref(),
        )
        .unwrap_or_else(|error| panic!("{method}: {error}"))
    }

    /// [`evaluate`], with a promise awaited; an exception in the page panics, and a
    /// page that is navigating away answers "".
    pub fn evaluate(&mut self, expression: &str) -> String {
        self.next += 1;
        let params = serde_json::json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
        let Ok(result) = call_serving(
            &mut self.socket,
            self.next,
            "Runtime.evaluate",
            params,
            self.site.as_ref(),
        ) else {
            return String::new();
        };
        if let Some(error) = result.get("exceptionDetails") {
            panic!("{expression}: {error}");
        }
        result["result"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Polls `expression` until it returns a non-empty string.
    pub fn poll(&mut self, expression: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = self.evaluate(expression);
            if !text.is_empty() {
                return text;
            }
            assert!(Instant::now() < deadline, "no answer to {expression}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Opens `url` in this page and waits until it has loaded and its deferred scripts
    /// have run.
    pub fn navigate(&mut self, url: &str) {
        self.evaluate("window.__naskahLeft = true; 'ok'");
        let result = self.call("Page.navigate", serde_json::json!({"url": url}));
        assert!(
            result["errorText"].is_null(),
            "{url}: {}",
            result["errorText"]
        );
        self.poll("!window.__naskahLeft && document.readyState === 'complete' ? 'ok' : ''");
    }
}
