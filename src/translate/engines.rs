//! Machine translation engines, each implemented from its public API documentation:
//! DeepL (API v2, free and pro endpoints), Google Cloud Translation (v2 basic),
//! LibreTranslate, any OpenAI-compatible chat-completions endpoint (which also covers
//! llama.cpp's server, Ollama and vLLM), and the offline `pseudo` engine.
//!
//! Consumes: the `[translate]` settings of one language, its API key from the
//! environment variable they name, and tagged texts.
//! Produces: one reply (or a reason) per text, in order.
//! Guarantees: the key is read from the environment only and appears in no message,
//! file or cache; requests go over HTTPS, except to this machine (127.0.0.1, ::1,
//! localhost); batches stay within each API's documented limits; 429 and 5xx are
//! retried with backoff, honouring `Retry-After`; 401, 403 and quota errors stop at
//! once, with what to check.

use std::time::Duration;

use serde_json::{Value, json};

use crate::config::{Language, TranslateSettings};
use crate::diagnostic::Diagnostic;

/// Which API an engine speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pseudo,
    DeepL,
    Google,
    LibreTranslate,
    OpenAi,
}

impl Kind {
    pub const NAMES: &[&str] = &["pseudo", "deepl", "google", "libretranslate", "openai"];

    pub fn parse(name: &str) -> Result<Kind, Diagnostic> {
        Ok(match name {
            "pseudo" => Kind::Pseudo,
            "deepl" => Kind::DeepL,
            "google" => Kind::Google,
            "libretranslate" => Kind::LibreTranslate,
            "openai" => Kind::OpenAi,
            other => {
                return Err(
                    Diagnostic::error(format!("unknown translation provider `{other}`"))
                        .with_help(format!("available: {}", Kind::NAMES.join(", "))),
                );
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Pseudo => "pseudo",
            Kind::DeepL => "deepl",
            Kind::Google => "google",
            Kind::LibreTranslate => "libretranslate",
            Kind::OpenAi => "openai",
        }
    }

    /// The most texts one request may carry, and the most bytes of text: DeepL takes
    /// 50 texts and 128 KiB a request, Google recommends at most 128 texts and 30,000
    /// characters; LibreTranslate servers and chat models are kept to small requests.
    fn limits(self) -> (usize, usize) {
        match self {
            Kind::DeepL => (50, 100_000),
            Kind::Google => (128, 30_000),
            Kind::LibreTranslate => (20, 20_000),
            Kind::OpenAi => (20, 12_000),
            Kind::Pseudo => (usize::MAX, usize::MAX),
        }
    }

    /// `texts` cut into requests within [`Kind::limits`] (a text longer than the byte
    /// limit goes alone).
    fn batches<'t>(self, texts: &'t [&'t str]) -> Vec<&'t [&'t str]> {
        let (most, bytes) = self.limits();
        let mut out = Vec::new();
        let (mut start, mut size) = (0, 0);
        for (i, text) in texts.iter().enumerate() {
            let full = i - start == most || (size + text.len() > bytes && i > start);
            if full {
                out.push(&texts[start..i]);
                (start, size) = (i, 0);
            }
            size += text.len();
        }
        if start < texts.len() {
            out.push(&texts[start..]);
        }
        out
    }
}

/// A ready engine for one target language.
pub struct Engine {
    pub kind: Kind,
    /// The model, where the API has one (chat endpoints); part of the cache key.
    pub model: String,
    endpoint: String,
    key: Option<String>,
    timeout: Duration,
    source_lang: String,
}

/// Attempts per request on 429 and 5xx.
const ATTEMPTS: u32 = 3;

impl Engine {
    /// The engine the settings name, with its key read from the environment.
    pub fn new(settings: &TranslateSettings, source: &Language) -> Result<Engine, Diagnostic> {
        let kind = Kind::parse(&settings.provider)?;
        let endpoint = settings
            .endpoint
            .clone()
            .unwrap_or_else(|| default_endpoint(kind, settings).to_string());
        if kind != Kind::Pseudo {
            check_endpoint(&endpoint)?;
        }
        let key = match &settings.api_key_env {
            Some(var) => Some(std::env::var(var).map_err(|_| {
                Diagnostic::error(format!(
                    "the environment variable {var} (api_key_env under [translate]) is not set"
                ))
                .with_help(format!(
                    "export {var}=… with the key of your {} account",
                    kind.name()
                ))
            })?),
            None if matches!(kind, Kind::DeepL | Kind::Google) => {
                return Err(Diagnostic::error(format!(
                    "{} needs an API key: name the environment variable that holds it",
                    kind.name()
                ))
                .with_help("set `api_key_env = \"DEEPL_API_KEY\"` (your variable's name) under [translate] in naskah.toml; the key itself never goes in a file"));
            }
            None => None,
        };
        if kind == Kind::OpenAi && settings.model.is_none() {
            return Err(
                Diagnostic::error("the openai provider needs a model").with_help(
                    "set `model = \"…\"` under [translate] (the name your endpoint serves)",
                ),
            );
        }
        Ok(Engine {
            kind,
            model: settings.model.clone().unwrap_or_default(),
            endpoint: endpoint.trim_end_matches('/').to_string(),
            key,
            timeout: Duration::from_secs(settings.timeout_s),
            source_lang: source.code.clone(),
        })
    }

    /// How many requests `texts` take (none for the offline engine).
    pub fn requests(&self, texts: &[&str]) -> usize {
        match self.kind {
            Kind::Pseudo => 0,
            kind => kind.batches(texts).len(),
        }
    }

    /// How the lock names the engine: `deepl`, `openai:MODEL`.
    pub fn label(&self) -> String {
        match self.model.as_str() {
            "" => self.kind.name().to_string(),
            model => format!("{}:{model}", self.kind.name()),
        }
    }

    /// Replies for `texts` in `lang`, one per text, in order; `problem`, when a first
    /// reply was refused, is told to engines that take instructions.
    pub fn translate(
        &self,
        texts: &[&str],
        lang: &Language,
        problem: Option<&str>,
    ) -> Vec<Result<String, String>> {
        if self.kind == Kind::Pseudo {
            let rtl = lang.direction.as_str() == "rtl";
            return texts
                .iter()
                .map(|t| Ok(super::pseudo::translate(t, rtl)))
                .collect();
        }
        let mut out = Vec::with_capacity(texts.len());
        let mut stop: Option<String> = None;
        for batch in self.kind.batches(texts) {
            if let Some(why) = &stop {
                out.extend(batch.iter().map(|_| Err(why.clone())));
                continue;
            }
            match self.request(batch, lang, problem) {
                Ok(replies) => {
                    let got = replies.len();
                    out.extend(replies.into_iter().map(Ok));
                    // A reply with fewer texts than were sent: the rest failed.
                    out.extend(batch.iter().skip(got).map(|_| {
                        Err(format!(
                            "the engine answered {got} of {} texts",
                            batch.len()
                        ))
                    }));
                }
                Err(Failure::Stop(why)) => {
                    out.extend(batch.iter().map(|_| Err(why.clone())));
                    stop = Some(why);
                }
                Err(Failure::Batch(why)) => out.extend(batch.iter().map(|_| Err(why.clone()))),
            }
        }
        out
    }

    fn request(
        &self,
        batch: &[&str],
        lang: &Language,
        problem: Option<&str>,
    ) -> Result<Vec<String>, Failure> {
        let (url, body) = match self.kind {
            Kind::DeepL => (
                format!("{}/v2/translate", self.endpoint),
                json!({
                    "text": batch,
                    "source_lang": deepl_source(&self.source_lang),
                    "target_lang": deepl_target(&lang.code),
                    "tag_handling": "xml",
                }),
            ),
            Kind::Google => (
                format!("{}/language/translate/v2", self.endpoint),
                json!({"q": batch, "source": &self.source_lang, "target": &lang.code, "format": "html"}),
            ),
            Kind::LibreTranslate => {
                let mut body = json!({"q": batch, "source": primary(&self.source_lang), "target": primary(&lang.code), "format": "html"});
                if let Some(key) = &self.key {
                    body["api_key"] = json!(key);
                }
                (format!("{}/translate", self.endpoint), body)
            }
            Kind::OpenAi => (
                format!("{}/chat/completions", self.endpoint),
                json!({
                    "model": self.model,
                    "temperature": 0,
                    "messages": [
                        {"role": "system", "content": instructions(&self.source_lang, lang, problem)},
                        {"role": "user", "content": serde_json::to_string(batch).unwrap_or_default()},
                    ],
                }),
            ),
            Kind::Pseudo => return Ok(Vec::new()),
        };
        let reply = self.post(&url, &body)?;
        parse_reply(self.kind, &reply, batch.len()).map_err(Failure::Batch)
    }

    /// POSTs `body`, retrying 429 and 5xx with backoff.
    fn post(&self, url: &str, body: &Value) -> Result<Value, Failure> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .http_status_as_error(false)
            .build()
            .into();
        let mut wait = Duration::from_millis(500);
        for attempt in 1..=ATTEMPTS {
            let mut request = agent.post(url).header("Content-Type", "application/json");
            match (self.kind, &self.key) {
                (Kind::DeepL, Some(key)) => {
                    request = request.header("Authorization", format!("DeepL-Auth-Key {key}"));
                }
                (Kind::Google, Some(key)) => request = request.header("X-Goog-Api-Key", key),
                (Kind::OpenAi, Some(key)) => {
                    request = request.header("Authorization", format!("Bearer {key}"));
                }
                _ => {}
            }
            let mut response = match request.send(body.to_string()) {
                Ok(response) => response,
                Err(e) => {
                    let why = transport_error(&e);
                    if attempt < ATTEMPTS && !matches!(e, ureq::Error::Timeout(_)) {
                        std::thread::sleep(wait);
                        wait *= 2;
                        continue;
                    }
                    return Err(Failure::Batch(why));
                }
            };
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            let text = response.body_mut().read_to_string().map_err(|e| {
                Failure::Batch(format!(
                    "the reply could not be read: {}",
                    transport_error(&e)
                ))
            })?;
            match status {
                200..=299 => {
                    return serde_json::from_str(&text)
                        .map_err(|e| Failure::Batch(format!("the reply is not JSON: {e}")));
                }
                401 | 403 => {
                    return Err(Failure::Stop(format!(
                        "{} refused the key (HTTP {status}): check the key in the variable api_key_env names, and the endpoint",
                        self.kind.name()
                    )));
                }
                456 => {
                    return Err(Failure::Stop(format!(
                        "{}: the account's quota is used up (HTTP 456)",
                        self.kind.name()
                    )));
                }
                429 | 500..=599 if attempt < ATTEMPTS => {
                    let pause = retry_after.map_or(wait, |s| Duration::from_secs(s.min(60)));
                    std::thread::sleep(pause);
                    wait *= 2;
                }
                429 => {
                    return Err(Failure::Stop(format!(
                        "{} keeps answering 429 (too many requests or quota exceeded) after {ATTEMPTS} tries",
                        self.kind.name()
                    )));
                }
                _ => {
                    return Err(Failure::Batch(format!(
                        "{} answered HTTP {status}",
                        self.kind.name()
                    )));
                }
            }
        }
        Err(Failure::Batch(format!(
            "{} did not answer after {ATTEMPTS} tries",
            self.kind.name()
        )))
    }
}

/// Why a request failed: this batch only, or every request that would follow.
enum Failure {
    Batch(String),
    Stop(String),
}

/// A transport error, said without the URL (which for some APIs could carry a key).
fn transport_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => {
            "no reply within the timeout (timeout_s under [translate])".into()
        }
        ureq::Error::Io(io) => format!("network error: {}", io.kind()),
        ureq::Error::HostNotFound => "the endpoint's host was not found".into(),
        ureq::Error::ConnectionFailed => "could not connect to the endpoint".into(),
        _ => "the request failed".into(),
    }
}

fn default_endpoint(kind: Kind, settings: &TranslateSettings) -> &'static str {
    match kind {
        // DeepL's free keys end in ":fx" and work only on the free endpoint.
        Kind::DeepL => match settings
            .api_key_env
            .as_deref()
            .and_then(|v| std::env::var(v).ok())
        {
            Some(key) if key.ends_with(":fx") => "https://api-free.deepl.com",
            _ => "https://api.deepl.com",
        },
        Kind::Google => "https://translation.googleapis.com",
        Kind::LibreTranslate => "https://libretranslate.com",
        Kind::OpenAi => "https://api.openai.com/v1",
        Kind::Pseudo => "",
    }
}

/// HTTPS, or plain HTTP to this machine only.
fn check_endpoint(endpoint: &str) -> Result<(), Diagnostic> {
    if endpoint.starts_with("https://") {
        return Ok(());
    }
    let host = endpoint
        .strip_prefix("http://")
        .map(|rest| rest.split(['/', '?']).next().unwrap_or_default())
        .unwrap_or_default();
    let host = host
        .rsplit_once(':')
        .filter(|(h, port)| !h.is_empty() && port.chars().all(|c| c.is_ascii_digit()))
        .map_or(host, |(h, _)| h);
    if matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "the endpoint `{endpoint}` is not HTTPS"
    ))
    .with_help("use an https:// URL; plain http:// is allowed only to this machine (127.0.0.1, localhost, [::1]), e.g. a local model server"))
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

fn deepl_source(tag: &str) -> String {
    primary(tag).to_ascii_uppercase()
}

/// DeepL's target codes: English and Portuguese need a variant.
fn deepl_target(tag: &str) -> String {
    match tag.to_ascii_lowercase().as_str() {
        "en" => "EN-US".into(),
        "pt" => "PT-PT".into(),
        "zh" | "zh-hans" | "zh-cn" => "ZH-HANS".into(),
        "zh-hant" | "zh-tw" => "ZH-HANT".into(),
        other => other.to_ascii_uppercase(),
    }
}

/// What a chat model is told: keep the tags, answer a JSON array of the same length.
fn instructions(source: &str, lang: &Language, problem: Option<&str>) -> String {
    let mut text = format!(
        "Translate each string of the JSON array the user sends from the language tagged `{source}` into {} (`{}`). \
         The strings are documentation text with XML tags: keep every <x id=\"N\"/> and every <g id=\"N\">…</g> pair exactly as written, \
         with the translation of the text inside a pair staying inside it; translate only the text. Keep numbers, product names and URLs. \
         Answer with only a JSON array of the translated strings, in the same order and of the same length.",
        lang.name, lang.code
    );
    if let Some(problem) = problem {
        text.push_str(&format!(
            " A previous answer was refused because {problem}: avoid that."
        ));
    }
    text
}

/// The translated texts of a reply, in order.
fn parse_reply(kind: Kind, reply: &Value, sent: usize) -> Result<Vec<String>, String> {
    let strings =
        |items: Option<&Vec<Value>>, field: Option<&str>| -> Result<Vec<String>, String> {
            let items = items.ok_or("the reply does not have the documented shape")?;
            items
                .iter()
                .map(|item| {
                    let value = field.map_or(item, |f| &item[f]);
                    value
                        .as_str()
                        .map(str::to_string)
                        .ok_or_else(|| "the reply does not have the documented shape".to_string())
                })
                .collect()
        };
    let texts = match kind {
        Kind::DeepL => strings(reply["translations"].as_array(), Some("text"))?,
        Kind::Google => strings(
            reply["data"]["translations"].as_array(),
            Some("translatedText"),
        )?,
        Kind::LibreTranslate => match &reply["translatedText"] {
            Value::String(one) if sent == 1 => vec![one.clone()],
            other => strings(other.as_array(), None)?,
        },
        Kind::OpenAi => {
            let content = reply["choices"][0]["message"]["content"]
                .as_str()
                .ok_or("the reply has no message")?;
            // Models sometimes fence their JSON.
            let content = content
                .trim()
                .trim_start_matches("```json")
                .trim_start_matches("```")
                .trim_end_matches("```")
                .trim();
            let array: Value = serde_json::from_str(content)
                .map_err(|_| "the model did not answer a JSON array".to_string())?;
            strings(array.as_array(), None)?
        }
        Kind::Pseudo => Vec::new(),
    };
    if texts.len() > sent {
        return Err(format!(
            "the engine answered {} texts for {sent}",
            texts.len()
        ));
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine() {
        assert!(check_endpoint("https://api.deepl.com").is_ok());
        assert!(check_endpoint("http://127.0.0.1:8080/v1").is_ok());
        assert!(check_endpoint("http://localhost:11434").is_ok());
        assert!(check_endpoint("http://[::1]:5000").is_ok());
        assert!(check_endpoint("http://example.org").is_err());
        assert!(check_endpoint("http://127.0.0.1.example.org").is_err());
    }

    #[test]
    fn batches_keep_to_count_and_size() {
        let texts: Vec<String> = (0..120)
            .map(|i| "x".repeat(if i == 5 { 40_000 } else { 10 }))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let sizes: Vec<usize> = Kind::Google
            .batches(&texts)
            .iter()
            .map(|b| b.len())
            .collect();
        assert_eq!(sizes, [5, 1, 114], "the long text alone");
        let sizes: Vec<usize> = Kind::DeepL
            .batches(&texts)
            .iter()
            .map(|b| b.len())
            .collect();
        assert_eq!(sizes, [50, 50, 20]);
        assert!(Kind::DeepL.batches(&[]).is_empty());
    }

    #[test]
    fn deepl_codes() {
        assert_eq!(deepl_target("en"), "EN-US");
        assert_eq!(deepl_target("zh"), "ZH-HANS");
        assert_eq!(deepl_target("pt-BR"), "PT-BR");
        assert_eq!(deepl_source("id"), "ID");
    }

    #[test]
    fn a_fenced_chat_answer_is_read() {
        let reply = json!({"choices": [{"message": {"content": "```json\n[\"a\", \"b\"]\n```"}}]});
        assert_eq!(parse_reply(Kind::OpenAi, &reply, 2).unwrap(), ["a", "b"]);
        assert!(
            parse_reply(Kind::OpenAi, &reply, 1).is_err(),
            "more answers than texts"
        );
    }
}
