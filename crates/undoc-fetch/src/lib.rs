/*!
The UN's document services asked politely: the Official Document System's
symbol access for documents, the Digital Library's search for catalogue
records. [`walk`] runs a whole fetch into a store.

The Official Document System's symbol access, asked politely: one client per
service, which sends every request to the one host it was configured with,
waits at least the configured delay between requests, retries what the
service says to retry (429 and 503 with `Retry-After`, other 5xx, timeouts)
with exponential backoff and jitter, stops at its request budget, and gives
each answer one [`Outcome`] the caller can report and record.

ODS serves a document as `GET {base}/api/symbol/access?s={symbol}&l={lang}&t=pdf`
with the symbol percent-encoded, slashes included. What it answers, besides
a PDF: an empty 200 for a symbol not (yet) published, its own "document does
not exist" page as a PDF (recognised when the file is parsed, by
`undoc_parse::parse_checked`), an HTML page, 404, 429/503, a redirect, and a
202 with `x-amzn-waf-action: challenge` when its firewall wants a browser.
*/

#[cfg(feature = "mock")]
pub mod mock;
pub mod walk;

use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Where ODS is, unless the user names a mirror (`--ods-url`, `$UNDOC_ODS_URL`).
pub const DEFAULT_ODS_URL: &str = "https://documents.un.org";

/// Where the UN Digital Library is, for catalogue records (`--undl-url`,
/// `$UNDOC_UNDL_URL`).
pub const DEFAULT_UNDL_URL: &str = "https://digitallibrary.un.org";

/// The largest document accepted (the longest UN reports are tens of MB).
pub const MAX_DOCUMENT_BYTES: u64 = 200 * 1024 * 1024;

/// Characters written as they are in a query value: unreserved ones only,
/// so `/`, spaces and parentheses of a symbol are all encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How a client behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// `scheme://host[:port]`, no path.
    pub base: String,
    /// The least time between two requests.
    pub delay: Duration,
    /// How long one request may take, connection to last byte.
    pub timeout: Duration,
    /// Attempts after the first, for answers worth retrying.
    pub retries: u32,
    /// The first backoff; each retry doubles it (plus jitter).
    pub backoff: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the attempt.
    pub max_retry_after: Duration,
    /// The most requests this client sends in all.
    pub max_requests: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            base: DEFAULT_ODS_URL.to_owned(),
            delay: Duration::from_secs(1),
            timeout: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(300),
            max_requests: 10_000,
        }
    }
}

/// Why a client could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the service's address {0:?} is not http(s)://host[:port]")]
    BadBase(String),
}

/// What one symbol's request came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A PDF (or what claims to be one: the parser decides if it is a document).
    Document { bytes: Vec<u8> },
    /// 200 with an empty body: the symbol is not (yet) published.
    NotPublished,
    /// 404.
    NotFound,
    /// An HTML page (or another type) instead of a PDF.
    NotAPdf { content_type: String },
    /// The catalogue sent something other than MARCXML.
    NotMarc { content_type: String },
    /// The firewall's browser challenge (202, `x-amzn-waf-action: challenge`):
    /// scripts are refused for now.
    Challenged,
    /// A redirect to another host, not followed: undoc talks only to the
    /// configured one.
    RedirectedAway { location: String },
    /// The service kept failing (its last status), retries spent.
    Failed { status: u16 },
    /// No answer within the timeout, retries spent.
    TimedOut,
    /// The connection failed (refused, reset, TLS), retries spent.
    Unreachable { reason: String },
    /// The service asked to wait longer than undoc waits.
    RetryLater { after: Duration },
    /// The request budget is spent; nothing was sent.
    BudgetSpent,
}

impl Outcome {
    /// A miss the store may record and not ask again for a while.
    pub fn is_miss(&self) -> bool {
        matches!(self, Outcome::NotPublished | Outcome::NotFound)
    }

    /// The outcome's name in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Document { .. } => "fetched",
            Outcome::NotPublished => "not_published",
            Outcome::NotFound => "not_found",
            Outcome::NotAPdf { .. } => "not_a_pdf",
            Outcome::NotMarc { .. } => "not_marc",
            Outcome::Challenged => "challenged",
            Outcome::RedirectedAway { .. } => "redirected_away",
            Outcome::Failed { .. } => "failed",
            Outcome::TimedOut => "timed_out",
            Outcome::Unreachable { .. } => "unreachable",
            Outcome::RetryLater { .. } => "retry_later",
            Outcome::BudgetSpent => "budget_spent",
        }
    }

    /// One line for the user, and the advice that goes with it.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Document { bytes } => format!("fetched ({} bytes)", bytes.len()),
            Outcome::NotPublished => "not published (the service answered with an empty file)".into(),
            Outcome::NotFound => "not found (404)".into(),
            Outcome::NotAPdf { content_type } => {
                format!("the service sent a page ({content_type}), not a PDF")
            }
            Outcome::NotMarc { content_type } => {
                format!("the catalogue sent a page ({content_type}), not MARCXML")
            }
            Outcome::Challenged => "refused by the UN's firewall, which asks for a browser (202 challenge): retry later, or download the file and ingest it".into(),
            Outcome::RedirectedAway { location } => {
                format!("redirected to another host ({location}); not followed")
            }
            Outcome::Failed { status } => format!("the service failed (HTTP {status}) after retries"),
            Outcome::TimedOut => "no answer within the timeout, after retries".into(),
            Outcome::Unreachable { reason } => format!("could not reach the service: {reason}"),
            Outcome::RetryLater { after } => {
                format!("the service asks to wait {} s; try again later", after.as_secs())
            }
            Outcome::BudgetSpent => "not asked: the request budget is spent".into(),
        }
    }
}

/// The URL of a symbol in one language.
pub fn symbol_url(base: &str, symbol: &str, language: &str) -> String {
    format!(
        "{}/api/symbol/access?s={}&l={}&t=pdf",
        base.trim_end_matches('/'),
        utf8_percent_encode(symbol, QUERY_VALUE),
        utf8_percent_encode(language, QUERY_VALUE)
    )
}

/// The UN Digital Library's search for the catalogue records of `symbol`
/// (field 191 $a), as MARCXML.
pub fn catalogue_url(base: &str, symbol: &str) -> String {
    format!(
        "{}/search?p={}&of=xm",
        base.trim_end_matches('/'),
        utf8_percent_encode(&format!("191__a:\"{symbol}\""), QUERY_VALUE)
    )
}

/// What an answer must be to count as the thing asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Pdf,
    Marc,
}

/// The `scheme://host[:port]` of a URL, lower case.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty() && matches!(scheme, "http" | "https"))
        .then(|| format!("{scheme}://{host}").to_lowercase())
}

/// The User-Agent every request carries.
pub fn user_agent() -> String {
    format!(
        "undoc/{} (+{})",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// A polite client of one service.
pub struct Client {
    config: Config,
    origin: String,
    agent: ureq::Agent,
    last_sent: Option<Instant>,
    sent: u64,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("origin", &self.origin)
            .field("sent", &self.sent)
            .finish()
    }
}

/// One attempt's answer, before retry rules are applied.
enum Attempt {
    Done(Outcome),
    Retry {
        status: Option<u16>,
        after: Option<Duration>,
        timed_out: bool,
        reason: Option<String>,
    },
}

impl Attempt {
    /// A failure below HTTP (timeout, refused, reset, TLS): worth a retry.
    fn transport(e: ureq::Error) -> Attempt {
        let timed_out = matches!(e, ureq::Error::Timeout(_));
        Attempt::Retry {
            status: None,
            after: None,
            timed_out,
            reason: (!timed_out).then(|| e.to_string()),
        }
    }
}

impl Client {
    pub fn new(config: Config) -> Result<Client, ConfigError> {
        let origin = origin(&config.base)
            .filter(|o| config.base.trim_end_matches('/').eq_ignore_ascii_case(o))
            .ok_or_else(|| ConfigError::BadBase(config.base.clone()))?;
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(user_agent())
            .build()
            .new_agent();
        Ok(Client {
            config,
            origin,
            agent,
            last_sent: None,
            sent: 0,
        })
    }

    /// Requests sent so far.
    pub fn requests_sent(&self) -> u64 {
        self.sent
    }

    /// Asks for `symbol` in `language` (ISO 639-1), retrying as the rules say.
    pub fn fetch(&mut self, symbol: &str, language: &str) -> Outcome {
        let url = symbol_url(&self.origin, symbol, language);
        self.get(url, Expect::Pdf)
    }

    /// Asks a catalogue (the UN Digital Library) for the MARCXML records of
    /// `symbol`, by the same rules. A search that finds nothing is an empty
    /// collection, a [`Outcome::Document`] the caller reads as no record.
    pub fn catalogue(&mut self, symbol: &str) -> Outcome {
        let url = catalogue_url(&self.origin, symbol);
        self.get(url, Expect::Marc)
    }

    fn get(&mut self, mut url: String, expect: Expect) -> Outcome {
        let mut backoff = self.config.backoff;
        let mut redirects = 0;
        let mut attempt = 0;
        loop {
            if self.sent >= self.config.max_requests {
                return Outcome::BudgetSpent;
            }
            self.pace();
            self.sent += 1;
            match self.attempt(&url, expect) {
                Attempt::Done(Outcome::RedirectedAway { location })
                    if origin(&location).as_deref() == Some(self.origin.as_str())
                        && redirects < 5 =>
                {
                    // A redirect within the service is followed (it is the same host).
                    redirects += 1;
                    url = location;
                }
                Attempt::Done(outcome) => return outcome,
                Attempt::Retry {
                    status,
                    after,
                    timed_out,
                    reason,
                } => {
                    if let Some(after) = after
                        && after > self.config.max_retry_after
                    {
                        return Outcome::RetryLater { after };
                    }
                    if attempt >= self.config.retries {
                        return match (status, timed_out) {
                            (Some(status), _) => Outcome::Failed { status },
                            (None, true) => Outcome::TimedOut,
                            (None, false) => Outcome::Unreachable {
                                reason: reason.unwrap_or_default(),
                            },
                        };
                    }
                    attempt += 1;
                    let jitter = backoff.mul_f64(fastrand::f64() * 0.5);
                    std::thread::sleep(after.unwrap_or(backoff + jitter));
                    backoff = backoff.saturating_mul(2);
                }
            }
        }
    }

    /// Waits until the delay since the last request has passed.
    fn pace(&mut self) {
        if let Some(last) = self.last_sent {
            let since = last.elapsed();
            if since < self.config.delay {
                std::thread::sleep(self.config.delay - since);
            }
        }
        self.last_sent = Some(Instant::now());
    }

    fn attempt(&self, url: &str, expect: Expect) -> Attempt {
        let response = match self.agent.get(url).call() {
            Ok(response) => response,
            Err(e) => return Attempt::transport(e),
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        if status == 202
            && header("x-amzn-waf-action").is_some_and(|a| a.eq_ignore_ascii_case("challenge"))
        {
            return Attempt::Done(Outcome::Challenged);
        }
        match status {
            200 => {}
            404 | 410 => return Attempt::Done(Outcome::NotFound),
            301 | 302 | 303 | 307 | 308 => {
                let location = header("location").unwrap_or_default();
                let location = if location.starts_with('/') {
                    format!("{}{location}", self.origin)
                } else {
                    location
                };
                return Attempt::Done(Outcome::RedirectedAway { location });
            }
            429 | 503 => {
                let after = header("retry-after")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                return Attempt::Retry {
                    status: Some(status),
                    after,
                    timed_out: false,
                    reason: None,
                };
            }
            s if s >= 500 => {
                return Attempt::Retry {
                    status: Some(s),
                    after: None,
                    timed_out: false,
                    reason: None,
                };
            }
            s => return Attempt::Done(Outcome::Failed { status: s }),
        }
        let content_type = header("content-type").unwrap_or_default();
        let mut body = response.into_body();
        let bytes = match body.with_config().limit(MAX_DOCUMENT_BYTES).read_to_vec() {
            Ok(bytes) => bytes,
            Err(e) => return Attempt::transport(e),
        };
        if bytes.is_empty() {
            return Attempt::Done(Outcome::NotPublished);
        }
        let content_type_says = |word: &str| content_type.to_ascii_lowercase().contains(word);
        match expect {
            Expect::Pdf if !(bytes.starts_with(b"%PDF") || content_type_says("pdf")) => {
                Attempt::Done(Outcome::NotAPdf { content_type })
            }
            Expect::Marc if !looks_like_xml(&bytes) || content_type_says("html") => {
                Attempt::Done(Outcome::NotMarc { content_type })
            }
            _ => Attempt::Done(Outcome::Document { bytes }),
        }
    }
}

/// Whether a body begins as an XML document does (after a byte-order mark
/// and white space): `<?xml` or a `<collection>`/`<record>` element.
fn looks_like_xml(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let text = &text[start..];
    text.starts_with(b"<?xml") || text.starts_with(b"<collection") || text.starts_with(b"<record")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symbols_url_encodes_its_slashes_and_spaces() {
        assert_eq!(
            symbol_url("https://documents.un.org/", "S/RES/822 (1993)", "fr"),
            "https://documents.un.org/api/symbol/access?s=S%2FRES%2F822%20%281993%29&l=fr&t=pdf"
        );
    }

    #[test]
    fn a_catalogue_search_names_field_191_and_asks_for_marcxml() {
        assert_eq!(
            catalogue_url("https://digitallibrary.un.org", "A/79/818"),
            "https://digitallibrary.un.org/search?p=191__a%3A%22A%2F79%2F818%22&of=xm"
        );
    }

    #[test]
    fn marcxml_is_told_from_a_page() {
        assert!(looks_like_xml(
            b"\xEF\xBB\xBF  <?xml version=\"1.0\"?><collection/>"
        ));
        assert!(looks_like_xml(
            b"<collection xmlns=\"http://www.loc.gov/MARC21/slim\"/>"
        ));
        assert!(!looks_like_xml(b"<!DOCTYPE html><html>"));
    }

    #[test]
    fn only_a_bare_http_origin_is_a_service() {
        for bad in ["documents.un.org", "ftp://x", "https://x/path", "https://"] {
            let config = Config {
                base: bad.into(),
                ..Config::default()
            };
            assert!(Client::new(config).is_err(), "{bad}");
        }
        assert!(
            Client::new(Config {
                base: "http://127.0.0.1:8080".into(),
                ..Config::default()
            })
            .is_ok()
        );
    }
}
