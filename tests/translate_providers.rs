//! `naskah translate` against a test server on 127.0.0.1 for each engine's documented
//! protocol (request shape asserted: endpoint, auth header, parameters, tags,
//! batching) and its faults: 429 with Retry-After, 500, a reply past the timeout,
//! malformed JSON, a reply that loses a tag or changes a number, a truncated batch, a
//! refused key. Nothing is lost or half-written in any of them, and the key is never
//! written anywhere.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::TestSite;

const KEY: &str = "sekret-key-123:fx";
const KEY_ENV: &str = "NASKAH_TEST_MT_KEY";

/// One request as the server read it.
#[derive(Debug, Clone)]
struct Request {
    path: String,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers: status, extra headers, body, and a delay before it.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
    delay: Duration,
}

impl Reply {
    fn json(body: Value) -> Reply {
        Reply {
            status: 200,
            headers: Vec::new(),
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: "{}".into(),
            delay: Duration::ZERO,
        }
    }
}

type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

/// A server on 127.0.0.1 that records every request and answers with `handler`
/// (given the request and how many came before it).
fn server(handler: Box<Handler>) -> (String, Arc<Mutex<Vec<Request>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Some(request) = read_request(&mut stream) else {
                continue;
            };
            let n = {
                let mut log = log.lock().unwrap();
                log.push(request.clone());
                log.len() - 1
            };
            let reply = handler(&request, n);
            std::thread::sleep(reply.delay);
            let mut head = format!(
                "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                reply.status,
                reply.body.len()
            );
            for (name, value) in &reply.headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(reply.body.as_bytes());
        }
    });
    (address, seen)
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        path,
        headers,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    })
}

/// A "translation" that keeps the tags and numbers: Latin letters become katakana (a
/// reply still in Indonesian would be refused).
fn fake(text: &str, _lang: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' | '&' => in_tag = true,
            '>' | ';' => in_tag = false,
            _ => {}
        }
        let lower = c.to_ascii_lowercase();
        if !in_tag && lower.is_ascii_lowercase() {
            out.push(char::from_u32(0x30A2 + u32::from(lower as u8 - b'a')).unwrap_or(c));
        } else {
            out.push(c);
        }
    }
    out
}

const SOURCE: &str = "+++\ntitle = \"Akun\"\n+++\n## Mulai {#mulai}\n\nBuka [Pengaturan](p.md) dalam 7 hari.\n\nPenutup.\n";
const EDITED: &str = "+++\ntitle = \"Akun\"\n+++\n## Mulai cepat {#mulai}\n\nBuka [Pengaturan privasi](p.md) dalam 3 hari.\n\nPenutup.\n";
const JA: &str = "+++\ntitle = \"アカウント\"\n+++\n## 開始 {#mulai}\n\n7日以内に[設定](p.md)を開きます。\n\n終わり。\n";

/// A site whose Japanese translation is outdated (a heading and a paragraph changed),
/// translated by `provider` at `endpoint`.
fn site(provider: &str, endpoint: &str, extra: &str) -> TestSite {
    let config = format!(
        "title = \"Uji\"\n\n[translate]\nprovider = \"{provider}\"\nendpoint = \"{endpoint}\"\napi_key_env = \"{KEY_ENV}\"\n{extra}\n[languages.id]\nname = \"Bahasa Indonesia\"\n[languages.ja]\nname = \"日本語\"\n"
    );
    let site = TestSite::empty()
        .file("naskah.toml", &config)
        .file("content/index.md", "Halo.\n")
        .file("content/p.md", "P.\n")
        .file("content/akun.md", SOURCE)
        .file("content/akun.ja.md", JA);
    support::drift_accept(site.root(), &["--all"]).success();
    site.write("content/akun.md", EDITED);
    site
}

fn translate(site: &TestSite) -> support::Run {
    let root = site.root().to_string_lossy().into_owned();
    support::run(&["translate", "--root", &root, "--yes"], &[(KEY_ENV, KEY)])
}

fn ja(site: &TestSite) -> String {
    std::fs::read_to_string(site.root().join("content/akun.ja.md")).unwrap()
}

/// The key is in no file of the site and in nothing naskah printed.
fn assert_no_key(site: &TestSite, run: &support::Run) {
    for (path, bytes) in support::snapshot(site.root()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("sekret"),
            "the key is in {path}"
        );
    }
    assert!(!run.stderr.contains("sekret") && !run.stdout.contains("sekret"));
}

/// Translated, with the heading id, link target and new number in place, and in sync.
fn assert_translated(site: &TestSite) {
    let text = ja(site);
    let heading = format!("## {} {{#mulai}}", fake("Mulai cepat", "ja"));
    assert!(text.contains(&heading), "{text}");
    let paragraph = format!(
        "{}](p.md){}",
        fake("Buka [Pengaturan privasi", "ja"),
        fake(" dalam 3 hari.", "ja")
    );
    assert!(text.contains(&paragraph), "{text}");
    assert!(text.contains("\n終わり。\n"), "untouched text kept: {text}");
    let (_, report) = support::drift_check(site.root(), &[]);
    let entry = support::drift_entry(&report, "akun", "ja");
    assert_eq!(entry["status"], "in_sync", "{entry}");
}

fn texts(request: &Request, field: &str) -> Vec<String> {
    request.body[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn nothing_is_sent_to_a_network_engine_without_yes_when_no_one_can_be_asked() {
    let (endpoint, seen) = server(Box::new(|_, _| Reply::status(500)));
    let site = site("deepl", &endpoint, "");
    let root = site.root().to_string_lossy().into_owned();
    support::run(&["translate", "--root", &root], &[(KEY_ENV, KEY)])
        .failure(2)
        .stderr_has("naskah translate would send 62 characters to deepl")
        .stderr_has("pass --yes");
    assert!(seen.lock().unwrap().is_empty());
    assert_eq!(ja(&site), JA);
}

#[test]
fn deepl_protocol() {
    let (endpoint, seen) = server(Box::new(|r, _| {
        let out: Vec<Value> = texts(r, "text")
            .iter()
            .map(|t| json!({"detected_source_language": "ID", "text": fake(t, "ja")}))
            .collect();
        Reply::json(json!({ "translations": out }))
    }));
    let site = site("deepl", &endpoint, "");
    let run = translate(&site);
    run.success();
    assert_translated(&site);
    assert_no_key(&site, &run);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "one batch");
    let r = &seen[0];
    assert_eq!(r.path, "/v2/translate");
    assert_eq!(
        r.header("authorization"),
        Some(format!("DeepL-Auth-Key {KEY}").as_str())
    );
    assert_eq!(r.body["target_lang"], "JA");
    assert_eq!(r.body["source_lang"], "ID");
    assert_eq!(r.body["tag_handling"], "xml");
    assert_eq!(
        texts(r, "text"),
        [
            "Mulai cepat",
            "Buka <g id=\"0\">Pengaturan privasi</g> dalam 3 hari."
        ]
    );
}

#[test]
fn google_protocol() {
    let (endpoint, seen) = server(Box::new(|r, _| {
        // Google's HTML mode writes empty elements as pairs; naskah reads them.
        let out: Vec<Value> = texts(r, "q")
            .iter()
            .map(|t| json!({"translatedText": fake(t, "ja").replace("\"/>", "\"></x>")}))
            .collect();
        Reply::json(json!({"data": {"translations": out}}))
    }));
    let site = site("google", &endpoint, "");
    let run = translate(&site);
    run.success();
    assert_translated(&site);
    assert_no_key(&site, &run);
    let r = &seen.lock().unwrap()[0];
    assert_eq!(
        r.path, "/language/translate/v2",
        "the key is not in the URL"
    );
    assert_eq!(r.header("x-goog-api-key"), Some(KEY));
    assert_eq!(
        (r.body["target"].as_str(), r.body["source"].as_str()),
        (Some("ja"), Some("id"))
    );
    assert_eq!(r.body["format"], "html");
}

#[test]
fn libretranslate_protocol() {
    let (endpoint, seen) = server(Box::new(|r, _| {
        let out: Vec<String> = texts(r, "q").iter().map(|t| fake(t, "ja")).collect();
        Reply::json(json!({ "translatedText": out }))
    }));
    let site = site("libretranslate", &endpoint, "");
    translate(&site).success();
    assert_translated(&site);
    let r = &seen.lock().unwrap()[0];
    assert_eq!(r.path, "/translate");
    assert_eq!(r.body["api_key"], KEY);
    assert_eq!(
        (r.body["target"].as_str(), r.body["format"].as_str()),
        (Some("ja"), Some("html"))
    );
}

fn chat(reply: &[String]) -> Reply {
    Reply::json(
        json!({"choices": [{"message": {"role": "assistant", "content": serde_json::to_string(reply).unwrap()}}]}),
    )
}

fn chat_texts(r: &Request) -> Vec<String> {
    serde_json::from_str(r.body["messages"][1]["content"].as_str().unwrap()).unwrap()
}

#[test]
fn openai_compatible_protocol_and_a_refused_reply_asked_again_with_the_problem() {
    let (endpoint, seen) = server(Box::new(|r, n| {
        let mut out: Vec<String> = chat_texts(r).iter().map(|t| fake(t, "ja")).collect();
        if n == 0 {
            // The first answer loses the link's tags.
            out[1] = fake("Buka Pengaturan privasi dalam 3 hari.", "ja");
        }
        chat(&out)
    }));
    let site = site(
        "openai",
        &format!("{endpoint}/v1"),
        "model = \"test-model\"\n",
    );
    let run = translate(&site);
    run.success();
    assert_translated(&site);
    assert_no_key(&site, &run);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2, "the refused segment is asked once more");
    let first = &seen[0];
    assert_eq!(first.path, "/v1/chat/completions");
    assert_eq!(
        first.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(first.body["model"], "test-model");
    assert_eq!(first.body["messages"][0]["role"], "system");
    let retry = seen[1].body["messages"][0]["content"].as_str().unwrap();
    assert!(
        retry.contains("was refused because the reply lost tag 0"),
        "{retry}"
    );
    assert_eq!(chat_texts(&seen[1]).len(), 1);
}

#[test]
fn a_429_waits_for_retry_after_and_a_500_is_retried() {
    let (endpoint, seen) = server(Box::new(|r, n| match n {
        0 => Reply {
            headers: vec![("Retry-After", "1".into())],
            ..Reply::status(429)
        },
        1 => Reply::status(500),
        _ => chat(
            &chat_texts(r)
                .iter()
                .map(|t| fake(t, "ja"))
                .collect::<Vec<_>>(),
        ),
    }));
    let site = site("openai", &format!("{endpoint}/v1"), "model = \"m\"\n");
    let started = Instant::now();
    translate(&site).success();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(seen.lock().unwrap().len(), 3);
    assert_translated(&site);
}

/// A fault that fails the request: exit 1, the file as it was, the failure at its line.
fn assert_failed_untouched(site: &TestSite, run: &support::Run, why: &str) {
    run.failure(1)
        .stderr_has(why)
        .stderr_has("content/akun.ja.md:");
    assert_eq!(ja(site), JA, "nothing half-written");
    // The summary says so: nothing updated, nothing translated.
    run.stderr_has("did not write content/akun.ja.md [ja]: 0 translated")
        .stderr_has("0 characters to deepl")
        .stderr_has("0 of 1 file written; 0 segments, 0 characters translated");
    assert!(!run.stderr.contains("updated "), "{}", run.stderr);
}

#[test]
fn a_refused_key_stops_at_once() {
    let (endpoint, seen) = server(Box::new(|_, _| Reply::status(403)));
    let site = site("deepl", &endpoint, "");
    let run = translate(&site);
    assert_failed_untouched(&site, &run, "deepl refused the key (HTTP 403)");
    assert_eq!(seen.lock().unwrap().len(), 1, "no retry storm");
    assert_no_key(&site, &run);
}

#[test]
fn a_reply_past_the_timeout_fails_that_batch() {
    let (endpoint, _) = server(Box::new(|_, _| Reply {
        delay: Duration::from_secs(3),
        ..Reply::json(json!({"translations": []}))
    }));
    let site = site("deepl", &endpoint, "timeout_s = 1\n");
    let run = translate(&site);
    assert_failed_untouched(&site, &run, "no reply within the timeout");
}

#[test]
fn malformed_json_fails_that_batch() {
    let (endpoint, _) = server(Box::new(|_, _| Reply {
        body: "{\"translations\": [".into(),
        ..Reply::status(200)
    }));
    let site = site("deepl", &endpoint, "");
    let run = translate(&site);
    assert_failed_untouched(&site, &run, "the reply is not JSON");
}

#[test]
fn a_truncated_batch_fails_only_the_missing_segments() {
    let (endpoint, _) = server(Box::new(|r, _| {
        let out: Vec<Value> = texts(r, "text")
            .iter()
            .take(1)
            .map(|t| json!({"text": fake(t, "ja")}))
            .collect();
        Reply::json(json!({ "translations": out }))
    }));
    let site = site("deepl", &endpoint, "");
    let run = translate(&site);
    run.failure(1)
        .stderr_has("the engine answered 1 of 2 texts")
        .stderr_has("content/akun.ja.md:6:1");
    let text = ja(&site);
    assert!(
        text.contains(&fake("## Mulai cepat", "ja")),
        "the heading is written: {text}"
    );
    assert!(
        text.contains("7日以内に[設定](p.md)を開きます。"),
        "the paragraph keeps its old text: {text}"
    );
    // Not recorded: the paragraph is still reported, and the next run finishes it.
    let (_, report) = support::drift_check(site.root(), &[]);
    assert_eq!(
        support::drift_entry(&report, "akun", "ja")["status"],
        "outdated"
    );
}

#[test]
fn a_reply_left_in_the_source_language_is_refused() {
    let (endpoint, _) = server(Box::new(|r, _| {
        let out: Vec<Value> = texts(r, "text")
            .iter()
            .map(|t| json!({ "text": t }))
            .collect();
        Reply::json(json!({ "translations": out }))
    }));
    let site = site("deepl", &endpoint, "");
    translate(&site)
        .failure(1)
        .stderr_has("the reply is still in the source language (id) (asked twice)");
    // The paragraph is refused; a two-word heading is too short to judge (the check
    // prefers missing a leftover to refusing a real translation).
    assert!(ja(&site).contains("7日以内に[設定](p.md)を開きます。"));
}

#[test]
fn a_reply_with_a_wrong_number_is_refused_twice_and_not_written() {
    let (endpoint, seen) = server(Box::new(|r, _| {
        let out: Vec<Value> = texts(r, "text")
            .iter()
            .map(|t| json!({"text": fake(t, "ja").replace('3', "30")}))
            .collect();
        Reply::json(json!({ "translations": out }))
    }));
    let site = site("deepl", &endpoint, "");
    let run = translate(&site);
    run.failure(1)
        .stderr_has("the reply's numbers differ from the source's: 30 against 3 (asked twice)");
    assert_eq!(seen.lock().unwrap().len(), 2, "one batch, one retry");
    assert!(ja(&site).contains("7日以内に[設定](p.md)を開きます。"));
}

#[test]
fn missing_pages_that_fail_are_not_written_and_the_summary_says_so() {
    let (endpoint, _) = server(Box::new(|_, _| Reply::status(403)));
    let site = site("deepl", &endpoint, "");
    let root = site.root().to_string_lossy().into_owned();
    let run = support::run(
        &["translate", "--root", &root, "--yes", "--missing"],
        &[(KEY_ENV, KEY)],
    );
    run.failure(1)
        .stderr_has("did not write content/p.ja.md [ja]")
        .stderr_has("did not write content/index.ja.md [ja]");
    assert!(!run.stderr.contains("created "), "{}", run.stderr);
    assert!(!site.root().join("content/p.ja.md").exists());
}
