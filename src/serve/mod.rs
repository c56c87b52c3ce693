//! `naskah serve`: the site built in memory, served over HTTP, rebuilt and reloaded on
//! every save.
//!
//! Consumes: a [`Session`] (the pipeline with its caches) and a [`Watcher`].
//! Produces: an HTTP server on 127.0.0.1 (unless told otherwise) serving the in-memory
//! site, with a live-reload script injected into HTML responses (never into `build`
//! output) and a server-sent-events stream: `reload`, `css` (stylesheets only changed:
//! swapped without a reload) and `error-overlay` (a broken edit; the last good pages
//! stay served).
//! Guarantees: only files of the site are served (an in-memory map: no path reaches
//! the file system; `..`, encoded or not, is refused); GET and HEAD only; content types
//! with charsets; `index.html` for folders and `/x` → `/x/` redirects; the language's
//! `404.html` with status 404; `Cache-Control: no-store`.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, Request, Response, StatusCode, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::broadcast;

use crate::commands;
use crate::content::Dirty;
use crate::diagnostic::Diagnostic;
use crate::output::MemorySink;
use crate::pipeline::BuildOptions;
use crate::watch::{Rebuild, Session, Watcher};

const LIVERELOAD_JS: &str = include_str!("livereload.js");
/// URL folder of naskah's own endpoints, relative to the site root.
const PREFIX: &str = "__naskah/";

/// What `naskah serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub open: bool,
    pub poll: bool,
}

/// Messages to the open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    Reload,
    Css,
    Error(String),
}

/// The served site and the channel to its open pages.
struct Shared {
    site: MemorySink,
    error: Mutex<Option<String>>,
    signals: broadcast::Sender<Signal>,
    /// Number of published rebuilds that changed files. Pages carry the version they
    /// were served at, so a page whose event stream connects after a rebuild (an edit
    /// saved while it was loading) still learns that it is stale.
    version: AtomicU64,
}

/// Runs `naskah serve` until Ctrl-C. Returns the exit code.
pub fn serve(options: ServeOptions, quiet: bool) -> i32 {
    let mut session = match Session::for_server(options.build.clone()) {
        Ok(session) => session,
        Err(failure) => {
            commands::print_diagnostics(&failure.diagnostics);
            return commands::EXIT_USAGE;
        }
    };
    let (signals, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        version: AtomicU64::new(0),
        site: MemorySink::default(),
        error: Mutex::new(None),
        signals,
    });
    report(&shared, session.rebuild(&shared.site, &Dirty::all()), quiet);
    let mut watcher = match Watcher::start(
        &session.config.root,
        vec![session.config.output_path()],
        options.poll,
    ) {
        Ok(watcher) => watcher,
        Err(d) => {
            commands::print_diagnostics(&[d]);
            return commands::EXIT_USAGE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            commands::print_diagnostics(&[Diagnostic::error(format!(
                "cannot start the server: {e}"
            ))]);
            return commands::EXIT_USAGE;
        }
    };
    let rebuild_shared = Arc::clone(&shared);
    std::thread::spawn(move || {
        while let Some(dirty) = watcher.wait() {
            let rebuild = session.rebuild(&rebuild_shared.site, &dirty);
            report(&rebuild_shared, rebuild, quiet);
        }
    });
    runtime.block_on(run_server(shared, options))
}

/// Applies a rebuild to the served site and tells the open pages.
fn report(shared: &Shared, rebuild: Rebuild, quiet: bool) {
    let sources: Vec<String> = rebuild
        .sources
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let ms = rebuild.elapsed.as_secs_f64() * 1000.0;
    match rebuild.result {
        Ok(generated) => {
            let published = shared.site.finish();
            let (changed, removed) = (&published.changed, &published.removed);
            let had_error = shared
                .error
                .lock()
                .map(|mut e| e.take().is_some())
                .unwrap_or(false);
            let css_only = !changed.is_empty()
                && removed.is_empty()
                && changed.iter().all(|p| p.ends_with(".css"));
            let signal = if css_only && !had_error {
                Signal::Css
            } else {
                Signal::Reload
            };
            if had_error || !changed.is_empty() || !removed.is_empty() {
                shared.version.fetch_add(1, Ordering::SeqCst);
                let _ = shared.signals.send(signal);
            }
            commands::print_diagnostics(&rebuild.warnings);
            commands::print_diagnostics(&generated.drift);
            if !quiet {
                let what = if sources.is_empty() {
                    String::new()
                } else {
                    format!(" after {}", sources.join(", "))
                };
                eprintln!(
                    "rebuilt in {ms:.1} ms{what}: {} files changed, {} removed",
                    changed.len(),
                    removed.len()
                );
            }
        }
        Err(failure) => {
            shared.site.abandon();
            commands::print_diagnostics(&failure.diagnostics);
            let message: Vec<String> = failure
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string)
                .collect();
            let message = message.join("\n");
            eprintln!("rebuild failed in {ms:.1} ms; still serving the last good pages");
            if let Ok(mut error) = shared.error.lock() {
                *error = Some(message.clone());
            }
            let _ = shared.signals.send(Signal::Error(message));
        }
    }
}

async fn run_server(shared: Arc<Shared>, options: ServeOptions) -> i32 {
    let Some((listener, address)) = bind(&options).await else {
        return commands::EXIT_USAGE;
    };
    let url = format!("http://{address}/");
    println!("serving {url}");
    if !address.ip().is_loopback() {
        commands::print_diagnostics(&[Diagnostic::warning(format!(
            "serving on {}: the site is reachable from the network, not only from this machine",
            address.ip()
        ))
        .with_help("pass --bind 127.0.0.1 to serve this machine alone")]);
    }
    if options.open {
        open_browser(&url);
    }
    let app = Router::new().fallback(handle).with_state(shared);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("stopped");
    };
    match axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => commands::EXIT_OK,
        Err(e) => {
            commands::print_diagnostics(&[Diagnostic::error(format!("server error: {e}"))]);
            commands::EXIT_SITE_ERRORS
        }
    }
}

/// Binds the port, or the next free one (saying so) when it is taken.
async fn bind(options: &ServeOptions) -> Option<(tokio::net::TcpListener, SocketAddr)> {
    let attempts = if options.port == 0 { 1 } else { 20 };
    for offset in 0..attempts {
        let port = options.port.saturating_add(offset);
        match tokio::net::TcpListener::bind((options.bind, port)).await {
            Ok(listener) => {
                let address = listener.local_addr().ok()?;
                if offset > 0 {
                    eprintln!("port {} is taken; using {}", options.port, address.port());
                }
                return Some((listener, address));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => {
                commands::print_diagnostics(&[Diagnostic::error(format!(
                    "cannot listen on {}:{port}: {e}",
                    options.bind
                ))]);
                return None;
            }
        }
    }
    commands::print_diagnostics(&[Diagnostic::error(format!(
        "ports {}–{} are taken",
        options.port,
        options.port.saturating_add(attempts - 1)
    ))
    .with_help("pass --port N, or --port 0 for any free port")]);
    None
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response<Body> {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    if !allowed_host(host) {
        // DNS rebinding: a page on another site makes its own name point here.
        return plain(
            StatusCode::FORBIDDEN,
            "this development server answers requests for localhost, its IP addresses and this machine's name only",
        );
    }
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let raw = request.uri().path().to_string();
    let Some(path) = decode_path(&raw) else {
        return plain(StatusCode::BAD_REQUEST, "bad path");
    };
    let response = match path.strip_prefix(PREFIX) {
        Some("livereload.js") => file_response(
            "livereload.js",
            Arc::new(LIVERELOAD_JS.as_bytes().to_vec()),
            StatusCode::OK,
            ("", 0),
        ),
        Some("events") => events(&shared, request.uri().query()).into_response(),
        _ => site_response(&shared, &path, &raw),
    };
    with_common_headers(response)
}

/// Whether a request's `Host` names this server: an IP address, `localhost` (and its
/// subdomains), or this machine's name (as development servers check, against DNS
/// rebinding). A request without one (HTTP/1.0) is answered.
pub fn allowed_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => {
            return v6
                .split(']')
                .next()
                .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok());
        }
        None => host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                name
            } else {
                host
            }
        }),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.is_empty()
        || name.parse::<std::net::IpAddr>().is_ok()
        || name == "localhost"
        || name.ends_with(".localhost")
        || machine_name().is_some_and(|m| name == m || name == format!("{m}.local"))
}

#[cfg(test)]
mod host_tests {
    use super::allowed_host;

    #[test]
    fn hosts_that_name_this_server() {
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.",
            "docs.localhost:8",
            "127.0.0.1:1111",
            "[::1]:1111",
            "192.168.1.20",
            "",
        ] {
            assert!(allowed_host(host), "{host}");
        }
        for host in [
            "example.com",
            "evil.example:1111",
            "localhost.evil.example",
            "[nope]:1",
        ] {
            assert!(!allowed_host(host), "{host}");
        }
    }
}

/// This machine's host name, lower case (read once).
fn machine_name() -> Option<&'static str> {
    static NAME: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| std::fs::read_to_string("/etc/hostname"))
            .ok()?;
        let name = name.trim().to_ascii_lowercase();
        (!name.is_empty()).then_some(name)
    })
    .as_deref()
}

/// The request path without its leading `/`, percent-decoded; `None` when it tries to
/// leave the site (`..`, encoded or not) or is not UTF-8.
pub fn decode_path(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let path = path.trim_start_matches('/');
    let bad = path.contains('\0')
        || path.contains('\\')
        || path.split('/').any(|s| s == ".." || s == ".");
    (!bad).then(|| path.to_string())
}

fn site_response(shared: &Shared, path: &str, raw: &str) -> Response<Body> {
    // Read before the file: a page may claim an older version than its bytes (and
    // reload once more), never a newer one (and miss a reload).
    let version = shared.version.load(Ordering::SeqCst);
    let candidate = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if let Some(bytes) = shared.site.get(&candidate) {
        return file_response(&candidate, bytes, StatusCode::OK, (path, version));
    }
    if !path.is_empty()
        && !path.ends_with('/')
        && shared.site.contains(&format!("{path}/index.html"))
    {
        let last = raw.rsplit('/').next().unwrap_or_default();
        let mut response = plain(StatusCode::MOVED_PERMANENTLY, "moved");
        if let Ok(location) = HeaderValue::from_str(&format!("{last}/")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    not_found(shared, path, version)
}

/// The 404 page of the language the path belongs to.
fn not_found(shared: &Shared, path: &str, version: u64) -> Response<Body> {
    // A language's pages are under its code, with their own 404 page: the served site
    // says which languages it has now (a list made at start missed one added while
    // serving, and showed it the source language's page).
    let first = path.split('/').next().unwrap_or_default();
    let own = format!("{first}/404.html");
    let page = if !first.is_empty() && shared.site.contains(&own) {
        own
    } else {
        "404.html".to_string()
    };
    match shared
        .site
        .get(&page)
        .or_else(|| shared.site.get("404.html"))
    {
        Some(bytes) => file_response(&page, bytes, StatusCode::NOT_FOUND, (path, version)),
        None => plain(StatusCode::NOT_FOUND, "not found"),
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// A file of the site; HTML gets the live-reload script, linked relative to the
/// requested path so that it works under any sub-path.
fn file_response(
    name: &str,
    bytes: Arc<Vec<u8>>,
    status: StatusCode,
    (request_path, version): (&str, u64),
) -> Response<Body> {
    let content_type = content_type(name);
    let body = if content_type.starts_with("text/html") {
        Body::from(inject_reload(&bytes, request_path, version))
    } else {
        Body::from(bytes.to_vec())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn inject_reload(html: &[u8], request_path: &str, version: u64) -> Vec<u8> {
    let depth = request_path.matches('/').count();
    let tag = format!(
        "<script src=\"{}{PREFIX}livereload.js\" data-version=\"{version}\"></script>\n",
        "../".repeat(depth)
    );
    // Bytes, not text: a static page in another encoding (Latin-1) is served as it is,
    // with the tag added (read as UTF-8, its bytes became replacement characters).
    let at = memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// hyper answers HEAD with the headers of GET (including the length) and no body.
fn with_common_headers(mut response: Response<Body>) -> Response<Body> {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The content type for a file name, with a charset for text.
pub fn content_type(name: &str) -> &'static str {
    let extension = name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The server-sent-events stream of reload signals. A page that connects while the
/// site is broken gets the error at once; one served before the last rebuild
/// (`?since=VERSION` older than the current version) is told to reload at once.
fn events(
    shared: &Shared,
    query: Option<&str>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, std::convert::Infallible>> + use<>> {
    let receiver = shared.signals.subscribe();
    let since = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|v| v.parse::<u64>().ok());
    let stale = since.is_some_and(|v| v < shared.version.load(Ordering::SeqCst));
    let error = shared
        .error
        .lock()
        .ok()
        .and_then(|e| e.clone())
        .map(Signal::Error);
    let pending = if stale { Some(Signal::Reload) } else { error };
    let stream =
        futures_util::stream::unfold((receiver, pending), |(mut receiver, pending)| async move {
            if let Some(signal) = pending {
                return Some((Ok(to_event(&signal)), (receiver, None)));
            }
            loop {
                match receiver.recv().await {
                    Ok(signal) => return Some((Ok(to_event(&signal)), (receiver, None))),
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn to_event(signal: &Signal) -> Event {
    match signal {
        Signal::Reload => Event::default().event("reload").data("{}"),
        Signal::Css => Event::default().event("css").data("{}"),
        Signal::Error(message) => Event::default()
            .event("error-overlay")
            .data(serde_json::json!({ "message": message }).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        assert_eq!(decode_path("/a/b.html").as_deref(), Some("a/b.html"));
        assert_eq!(decode_path("/%E6%97%A5/").as_deref(), Some("日/"));
        assert_eq!(decode_path("/../etc/passwd"), None);
        assert_eq!(decode_path("/a/%2e%2e/%2e%2e/etc"), None);
        assert_eq!(decode_path("/a%2f..%2fb"), None);
        assert_eq!(decode_path("/a%5c..%5cb"), None);
        assert_eq!(decode_path("/%zz"), None);
    }

    #[test]
    fn reload_script_is_relative() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>", "en/a/", 3);
        let text = String::from_utf8(html).unwrap();
        assert!(
            text.contains(
                "<script src=\"../../__naskah/livereload.js\" data-version=\"3\"></script>\n</body>"
            ),
            "{text}"
        );
    }

    /// A page in another encoding keeps its bytes (Latin-1 `é` became U+FFFD).
    #[test]
    fn the_reload_script_leaves_other_bytes_alone() {
        let html = inject_reload(b"<p>caf\xE9</p></body>", "", 1);
        assert!(html.starts_with(b"<p>caf\xE9</p><script"), "{html:?}");
        assert!(html.ends_with(b"</script>\n</body>"));
    }
}
