//! The typed async client: one method per endpoint, retries with backoff, pagination as a stream,
//! idempotency keys on creates. The token never appears in `Debug`, `Display` or logs.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::stream::{self, Stream, TryStreamExt};
use rand::Rng;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::contract;
use crate::data::*;
use crate::error::Error;
use crate::types::*;

pub const DEFAULT_URL: &str = "https://api.segmentapis.com";

/// Audit events per page: the most a page holds, "between 1 and 1000"
/// (`model_pagination_input.go`), five times the 200 other lists use (the official provider's
/// page, `misc.go:3`).
pub const AUDIT_PAGE: u32 = 1000;

/// An API token. Its `Debug` and `Display` never show the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(value: impl Into<String>) -> Self {
        Token(value.into())
    }

    /// The clear text, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How hard the client tries before giving up.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// No retry starts after this much time since the first attempt, less the time spent
    /// waiting for the pace: a 429's told wait (`msBeforeNext`, `Retry-After`) holds the
    /// whole process back and is pacing, not failing, so it counts against `max_attempts`
    /// only — unless that one wait is longer than this whole budget.
    pub max_elapsed: Duration,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            max_elapsed: Duration::from_secs(120),
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(20),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClientBuilder {
    url: String,
    token: Token,
    retry: RetryPolicy,
    timeout: Duration,
    idempotency_keys: bool,
    user_agent: String,
    page_size: u32,
    concurrency: usize,
    coalesce_reads: bool,
}

impl ClientBuilder {
    /// Serve single reads of a kind from one listing of it once a process reads more than a
    /// couple of objects of that kind (see [`Client::via_list`]); for callers that refresh many
    /// objects at once, such as Terraform's plan. Off by default.
    pub fn coalesce_reads(mut self, on: bool) -> Self {
        self.coalesce_reads = on;
        self
    }

    /// Requests in flight at once, across every clone of the client (default 8).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.clamp(1, 64);
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Timeout of one attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Send an `Idempotency-Key` with every create, so creates may be retried after a 5xx or a
    /// lost answer. Off by default: Segment's API documents no such header, so a retried create
    /// could make a second object; only `segsync-server --extensions` honours it.
    pub fn idempotency_keys(mut self, on: bool) -> Self {
        self.idempotency_keys = on;
        self
    }

    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Items per page when listing (1–200 on the real API; default 200).
    pub fn page_size(mut self, n: u32) -> Self {
        self.page_size = n.clamp(1, 1000);
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let mut base = Url::parse(&self.url).map_err(|e| Error::Config(format!("the API URL '{}' is not a URL: {e}", self.url)))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(Error::Config(format!("the API URL '{}' must start with http:// or https://", self.url)));
        }
        if !base.path().ends_with('/') {
            let p = format!("{}/", base.path());
            base.set_path(&p);
        }
        let mut auth = HeaderValue::from_str(&format!("Bearer {}", self.token.expose()))
            .map_err(|_| Error::Config("the token holds characters that cannot go in an HTTP header".into()))?;
        auth.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, auth);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .user_agent(self.user_agent)
            .timeout(self.timeout)
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                retry: self.retry,
                idempotency_keys: self.idempotency_keys,
                page_size: self.page_size,
                workspace: Default::default(),
                pace: crate::pace::Pace::new(self.concurrency),
                coalesce: self.coalesce_reads.then(Default::default),
            }),
            memo: None,
        })
    }
}

struct Inner {
    http: reqwest::Client,
    base: Url,
    retry: RetryPolicy,
    idempotency_keys: bool,
    page_size: u32,
    workspace: tokio::sync::OnceCell<Workspace>,
    pace: crate::pace::Pace,
    /// Listings that serve single reads, by collection (`None`: every read is its own GET).
    coalesce: Option<std::sync::Mutex<std::collections::HashMap<String, Arc<Listing>>>>,
}

/// One collection's listing for coalesced reads: how many reads asked for it, and the objects by
/// id once listed (type-erased: a `HashMap<String, T>` of the collection's model).
#[derive(Default)]
struct Listing {
    reads: std::sync::atomic::AtomicUsize,
    by_id: tokio::sync::OnceCell<Arc<dyn std::any::Any + Send + Sync>>,
}

/// Reads of a collection served one by one before its listing takes over: a listing costs a
/// page per 200 objects, so it pays from the third read on.
const READS_BEFORE_LISTING: usize = 2;

/// Answers to GET requests kept for the life of a [`Client::remembering`] client.
/// One cell per URL: requests for a URL already on its way wait for that answer.
type Memo = std::sync::Mutex<std::collections::HashMap<String, Arc<tokio::sync::OnceCell<Arc<[u8]>>>>>;

/// A client of one workspace. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    memo: Option<Arc<Memo>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("url", &self.inner.base.as_str()).field("token", &"<redacted>").finish()
    }
}

/// The `data` of a success envelope.
fn decode<T: DeserializeOwned>(bytes: &[u8], method: &Method, path: &str) -> Result<T, Error> {
    let env: Envelope<T> =
        serde_json::from_slice(bytes).map_err(|source| Error::Decode { method: method.to_string(), path: path.to_string(), source })?;
    Ok(env.data)
}

/// A request body, or none.
const NO_BODY: Option<&()> = None;

type QueryPairs = Vec<(String, String)>;

impl Client {
    pub fn builder(url: impl Into<String>, token: Token) -> ClientBuilder {
        ClientBuilder {
            url: url.into(),
            token,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(60),
            idempotency_keys: false,
            user_agent: concat!("segsync/", env!("CARGO_PKG_VERSION")).to_string(),
            page_size: 200,
            concurrency: 8,
            coalesce_reads: false,
        }
    }

    /// One object of `collection` by id: its own GET (`get`) for the first reads of the
    /// collection in this client's life, then from one listing of the whole collection (`list`,
    /// every page) that serves every later read. Only for collections whose list items are the
    /// model the GET returns (`models.json`: `ListDestinationsV1Output.destinations` and
    /// `GetDestinationV1Output.destination` are both `DestinationV1`, and so on), so the object
    /// is the same either way. An id the listing lacks (created since, or gone) is asked for by
    /// its GET, which answers 404 for a gone one as before. Any write drops every listing.
    pub async fn via_list<T, G, L>(&self, collection: &str, id: &str, id_of: fn(&T) -> &str, get: G, list: L) -> Result<T, Error>
    where
        T: Clone + Send + Sync + 'static,
        G: std::future::Future<Output = Result<T, Error>>,
        L: std::future::Future<Output = Result<Vec<T>, Error>>,
    {
        let Some(listings) = &self.inner.coalesce else { return get.await };
        let listing = listings.lock().unwrap_or_else(|p| p.into_inner()).entry(collection.to_string()).or_default().clone();
        if listing.reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < READS_BEFORE_LISTING {
            return get.await;
        }
        let by_id = listing
            .by_id
            .get_or_try_init(|| async {
                let all: std::collections::HashMap<String, T> = list.await?.into_iter().map(|x| (id_of(&x).to_string(), x)).collect();
                Ok::<_, Error>(Arc::new(all) as Arc<dyn std::any::Any + Send + Sync>)
            })
            .await?;
        match by_id.downcast_ref::<std::collections::HashMap<String, T>>().and_then(|m| m.get(id)) {
            Some(x) => Ok(x.clone()),
            None => get.await,
        }
    }

    /// This client, remembering the GET answers of whole collections (`/sources`,
    /// `/destinations?…`, every page) for as long as it (or a clone of it) lives: one read of
    /// the workspace asks for each list once, however many kinds need it (the destinations under
    /// filters, subscriptions and instances…). Writes are not remembered.
    pub fn remembering(&self) -> Client {
        Client { inner: self.inner.clone(), memo: Some(Arc::new(Memo::default())) }
    }

    /// The pace all clones of this client share (requests sent, waits the API asked for).
    pub fn pace(&self) -> &crate::pace::Pace {
        &self.inner.pace
    }

    pub fn new(url: impl Into<String>, token: Token) -> Result<Self, Error> {
        Self::builder(url, token).build()
    }

    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    fn url(&self, segments: &[&str], query: &[(String, String)]) -> Url {
        let mut url = self.inner.base.clone();
        if let Ok(mut segs) = url.path_segments_mut() {
            segs.pop_if_empty();
            for s in segments {
                segs.push(s);
            }
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        url
    }

    /// Sends one request with retries and decodes the `data` of the envelope.
    async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(String, String)],
        body: Option<&B>,
    ) -> Result<T, Error> {
        if segments.iter().any(|s| s.trim().is_empty()) {
            // `/sources/` + "" would be the collection: a different request, never this one.
            return Err(Error::EmptyId { method: method.to_string(), path: format!("/{}", segments.join("/")) });
        }
        let url = self.url(segments, query);
        let path = url.path().to_string();
        let body_bytes = match body {
            Some(b) => {
                Some(serde_json::to_vec(b).map_err(|source| Error::Decode { method: method.to_string(), path: path.clone(), source })?)
            }
            None => None,
        };
        // Only whole collections (`/sources`, `/destinations`…) are asked for again by other
        // kinds; remembering the rest would hold every answer of a read in memory.
        if let (true, Some(memo)) = (method == Method::GET && segments.len() == 1, &self.memo) {
            let cell = memo.lock().unwrap_or_else(|p| p.into_inner()).entry(url.as_str().to_string()).or_default().clone();
            let bytes = cell.get_or_try_init(|| self.exchange(method.clone(), &url, &path, query, None)).await?;
            return decode(bytes, &method, &path);
        }
        if method != Method::GET {
            if let Some(listings) = &self.inner.coalesce {
                // What was listed may change now.
                listings.lock().unwrap_or_else(|p| p.into_inner()).clear();
            }
        }
        let bytes = self.exchange(method.clone(), &url, &path, query, body_bytes).await?;
        decode(&bytes, &method, &path)
    }

    /// One request, retried as its method allows; the body of the success.
    async fn exchange(
        &self,
        method: Method,
        url: &Url,
        path: &str,
        query: &[(String, String)],
        body_bytes: Option<Vec<u8>>,
    ) -> Result<Arc<[u8]>, Error> {
        // The media type the operation declares: `application/json`, or the vendor type of an
        // alpha-only operation (`api/contract/operations.json`, as the SDK's `client.go` picks it).
        let content_type = contract::contract().content_type_for(method.as_str(), path);
        if contract::recording() {
            contract::record(&contract::Exchange {
                side: "client".into(),
                method: method.to_string(),
                path: path.to_string(),
                query: query.to_vec(),
                content_type: body_bytes.as_ref().map(|_| content_type.to_string()),
                body: body_bytes.as_deref().and_then(|b| serde_json::from_slice(b).ok()),
                status: None,
                response: None,
            });
        }
        let idempotency_key = (method == Method::POST && self.inner.idempotency_keys).then(new_key);
        let retry = &self.inner.retry;
        // From the first attempt on the wire, less the time a retry queues again: waiting
        // behind the process's own pace (a read of thousands of objects at 10 requests/s queues
        // for minutes) is not the API failing, and must not spend the retry budget.
        let mut started: Option<Instant> = None;
        let mut queued = Duration::ZERO;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let mut req = self.inner.http.request(method.clone(), url.clone());
            if let Some(b) = &body_bytes {
                req = req.header(CONTENT_TYPE, content_type).body(b.clone());
            }
            if let Some(k) = &idempotency_key {
                req = req.header("Idempotency-Key", k);
            }
            let result = {
                let waiting = Instant::now();
                let _slot = self.inner.pace.slot().await;
                match started {
                    None => started = Some(Instant::now()),
                    Some(_) => queued += waiting.elapsed(),
                }
                self.attempt(req, &method, path).await
            };
            let err = match result {
                Ok(bytes) => return Ok(bytes),
                Err(e) => e,
            };
            let may_repeat = match &err {
                Error::Transport { not_sent, .. } => *not_sent || method != Method::POST || idempotency_key.is_some(),
                Error::Api { status: 429, .. } => true,
                Error::Api { status, .. } if *status >= 500 => method != Method::POST || idempotency_key.is_some(),
                _ => false,
            };
            if !may_repeat {
                return Err(err);
            }
            let elapsed = started.map_or(Duration::ZERO, |s| s.elapsed().saturating_sub(queued));
            let rate_limited = matches!(err, Error::Api { status: 429, .. });
            let delay = match &err {
                Error::Api { retry_after: Some(d), .. } => *d,
                _ => backoff(retry, attempt),
            };
            // A 429's wait is spent queued behind the pace, which the next attempt subtracts
            // from `elapsed`; counting it here too would give up on a call the limiter only
            // asked to wait (a wait of 993 ms with 8 ms spent and a budget of 1 s).
            let spent = if rate_limited { elapsed.max(delay) } else { elapsed + delay };
            if attempt >= retry.max_attempts || spent > retry.max_elapsed {
                return Err(Error::GaveUp { attempts: attempt, elapsed, last: Box::new(err) });
            }
            tracing::debug!(%method, path, attempt, delay_ms = delay.as_millis() as u64, error = %err, "retrying");
            if rate_limited {
                // The budget is shared: every request of the process waits, not this one alone.
                self.inner.pace.hold_off(delay);
            } else {
                tokio::time::sleep(delay).await;
            }
        }
    }

    /// One attempt: the body of a success, else the error it is.
    async fn attempt(&self, req: reqwest::RequestBuilder, method: &Method, path: &str) -> Result<Arc<[u8]>, Error> {
        let resp = req.send().await.map_err(|source| Error::Transport {
            method: method.to_string(),
            path: path.to_string(),
            not_sent: source.is_connect(),
            source,
        })?;
        let status = resp.status();
        self.inner.pace.observe(resp.headers());
        let retry_after_header = resp.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(parse_retry_after);
        let bytes = resp.bytes().await.map_err(|source| Error::Transport {
            method: method.to_string(),
            path: path.to_string(),
            not_sent: false,
            source,
        })?;
        tracing::debug!(%method, path, status = status.as_u16(), "api call");
        if status.is_success() {
            return Ok(Arc::from(&bytes[..]));
        }
        let errors = serde_json::from_slice::<ErrorEnvelope>(&bytes).map(|e| e.errors).unwrap_or_else(|_| {
            vec![RequestError {
                kind: status.canonical_reason().unwrap_or("error").to_string(),
                message: Some(String::from_utf8_lossy(&bytes).chars().take(300).collect()),
                ..Default::default()
            }]
        });
        let ms_before_next = errors.iter().find_map(|e| e.data.as_ref()?.get("msBeforeNext")?.as_u64()).map(Duration::from_millis);
        let retry_after =
            if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() { ms_before_next.or(retry_after_header) } else { None };
        Err(Error::Api { method: method.to_string(), path: path.to_string(), status: status.as_u16(), errors, retry_after })
    }

    async fn get<T: DeserializeOwned>(&self, segments: &[&str]) -> Result<T, Error> {
        self.call(Method::GET, segments, &[], NO_BODY).await
    }

    async fn get_q<T: DeserializeOwned>(&self, segments: &[&str], query: &QueryPairs) -> Result<T, Error> {
        self.call(Method::GET, segments, query, NO_BODY).await
    }

    async fn send<B: Serialize + ?Sized, T: DeserializeOwned>(&self, method: Method, segments: &[&str], body: &B) -> Result<T, Error> {
        self.call(method, segments, &[], Some(body)).await
    }

    async fn delete_q(&self, segments: &[&str], query: &QueryPairs) -> Result<(), Error> {
        self.call::<(), StatusData>(Method::DELETE, segments, query, NO_BODY).await.map(|_| ())
    }

    /// One page of a list; `cursor` None starts at the beginning.
    pub async fn page<P: Page>(
        &self,
        segments: &[&str],
        extra: &QueryPairs,
        cursor: Option<&str>,
    ) -> Result<(Vec<P::Item>, Option<Pagination>), Error> {
        let mut q = extra.clone();
        if !q.iter().any(|(k, _)| k == "pagination.count") {
            q.push(("pagination.count".into(), self.inner.page_size.to_string()));
        }
        q.push(("pagination.cursor".into(), cursor.unwrap_or("MA==").to_string()));
        let p: P = self.get_q(segments, &q).await?;
        Ok(p.into_parts())
    }

    /// Every item of a list, page after page, as a stream.
    pub fn paginate<'a, P: Page + 'a>(&'a self, segments: Vec<String>, extra: QueryPairs) -> impl Stream<Item = Result<P::Item, Error>> + 'a
    where
        P::Item: 'a,
    {
        stream::try_unfold(Some(None::<String>), move |state| {
            let segments = segments.clone();
            let extra = extra.clone();
            async move {
                let Some(cursor) = state else { return Ok(None) };
                let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
                let (items, p) = self.page::<P>(&segs, &extra, cursor.as_deref()).await?;
                let next = p.and_then(|p| p.next).filter(|n| !n.is_empty());
                let next_state = next.map(Some);
                Ok(Some((stream::iter(items.into_iter().map(Ok::<_, Error>)), next_state)))
            }
        })
        .try_flatten()
    }

    /// Every item of a list, collected.
    pub async fn list_all<P: Page>(&self, segments: &[&str], extra: QueryPairs) -> Result<Vec<P::Item>, Error> {
        let segs: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
        self.paginate::<P>(segs, extra).try_collect().await
    }

    // ------------------------------------------------------------ workspace, catalog, audit

    pub async fn workspace(&self) -> Result<Workspace, Error> {
        self.get::<WorkspaceData>(&[]).await.map(One::into_item)
    }

    /// The workspace, read once per client (its id, slug and name do not change while a
    /// client lives).
    pub async fn this_workspace(&self) -> Result<&Workspace, Error> {
        self.inner.workspace.get_or_try_init(|| self.workspace()).await
    }

    pub async fn sources_catalog(&self) -> Result<Vec<SourceMetadata>, Error> {
        self.list_all::<SourcesCatalogPage>(&["catalog", "sources"], vec![]).await
    }

    pub async fn source_metadata(&self, id: &str) -> Result<SourceMetadata, Error> {
        self.get::<SourceMetadataData>(&["catalog", "sources", id]).await.map(One::into_item)
    }

    pub async fn destinations_catalog(&self) -> Result<Vec<DestinationMetadata>, Error> {
        self.list_all::<DestinationsCatalogPage>(&["catalog", "destinations"], vec![]).await
    }

    pub async fn destination_metadata(&self, id: &str) -> Result<DestinationMetadata, Error> {
        self.get::<DestinationMetadataData>(&["catalog", "destinations", id]).await.map(One::into_item)
    }

    pub async fn warehouses_catalog(&self) -> Result<Vec<WarehouseMetadata>, Error> {
        self.list_all::<WarehousesCatalogPage>(&["catalog", "warehouses"], vec![]).await
    }

    pub async fn warehouse_metadata(&self, id: &str) -> Result<WarehouseMetadata, Error> {
        self.get::<WarehouseMetadataData>(&["catalog", "warehouses", id]).await.map(One::into_item)
    }

    /// One page of audit events matching `filter`, from `cursor` (None = the beginning).
    pub async fn audit_events_page(
        &self,
        filter: &AuditFilter,
        cursor: Option<&str>,
    ) -> Result<(Vec<AuditEvent>, Option<Pagination>), Error> {
        self.page::<AuditEventsPage>(&["audit-events"], &filter.query(), cursor).await
    }

    /// Every audit event matching `filter`, in pages of [`AUDIT_PAGE`]: a follower reads whole
    /// time windows, which after a bulk change hold thousands of events whatever the workspace.
    pub async fn audit_events(&self, filter: &AuditFilter) -> Result<Vec<AuditEvent>, Error> {
        let mut q = filter.query();
        q.push(("pagination.count".into(), AUDIT_PAGE.to_string()));
        self.list_all::<AuditEventsPage>(&["audit-events"], q).await
    }

    // ------------------------------------------------------------ sources

    pub async fn list_sources(&self) -> Result<Vec<Source>, Error> {
        self.list_all::<SourcesPage>(&["sources"], vec![]).await
    }

    pub async fn create_source(&self, input: &CreateSourceInput) -> Result<Source, Error> {
        self.send::<_, SourceUpdateData>(Method::POST, &["sources"], input).await.map(One::into_item)
    }

    pub async fn get_source(&self, id: &str) -> Result<SourceData, Error> {
        self.get(&["sources", id]).await
    }

    /// A source alone (without the tracking plan [`Client::get_source`] also names), from the
    /// listing when reads are coalesced (`SourceV1` both ways).
    pub async fn read_source(&self, id: &str) -> Result<Source, Error> {
        self.via_list("sources", id, |s: &Source| &s.id, async { self.get_source(id).await.map(|d| d.source) }, self.list_sources()).await
    }

    pub async fn update_source(&self, id: &str, input: &UpdateSourceInput) -> Result<Source, Error> {
        self.send::<_, SourceUpdateData>(Method::PATCH, &["sources", id], input).await.map(One::into_item)
    }

    pub async fn delete_source(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["sources", id], &vec![]).await
    }

    pub async fn replace_source_labels(&self, id: &str, labels: Vec<Label>) -> Result<Vec<Label>, Error> {
        self.send::<_, LabelsData>(Method::PUT, &["sources", id, "labels"], &ReplaceLabelsInput { labels }).await.map(One::into_item)
    }

    pub async fn source_schema_settings(&self, id: &str) -> Result<SchemaSettings, Error> {
        self.get::<SchemaSettingsData>(&["sources", id, "settings"]).await.map(|d| d.settings)
    }

    pub async fn update_source_schema_settings(&self, id: &str, input: &SchemaSettings) -> Result<SchemaSettings, Error> {
        self.send::<_, SchemaSettingsData>(Method::PATCH, &["sources", id, "settings"], input).await.map(|d| d.settings)
    }

    pub async fn warehouse_connected_sources(&self, id: &str) -> Result<Vec<Source>, Error> {
        self.list_all::<SourcesPage>(&["warehouses", id, "connected-sources"], vec![]).await
    }

    pub async fn source_connected_warehouses(&self, id: &str) -> Result<Vec<Warehouse>, Error> {
        self.list_all::<WarehousesPage>(&["sources", id, "connected-warehouses"], vec![]).await
    }

    // ------------------------------------------------------------ destinations, filters, subscriptions

    pub async fn list_destinations(&self) -> Result<Vec<Destination>, Error> {
        self.destinations().try_collect().await
    }

    /// Every destination, page by page (each carries its catalog metadata: a caller that keeps
    /// less of each need not hold the whole decoded list).
    pub fn destinations(&self) -> impl Stream<Item = Result<Destination, Error>> + '_ {
        self.paginate::<DestinationsPage>(vec!["destinations".into()], vec![])
    }

    /// Every destination's id and whether it has actions, from the same pages as
    /// [`Client::list_destinations`] (a remembering client asks for them once).
    pub async fn destination_refs(&self) -> Result<Vec<DestinationRef>, Error> {
        self.list_all::<DestinationRefsPage>(&["destinations"], vec![]).await
    }

    pub async fn create_destination(&self, input: &CreateDestinationInput) -> Result<Destination, Error> {
        self.send::<_, DestinationData>(Method::POST, &["destinations"], input).await.map(One::into_item)
    }

    pub async fn get_destination(&self, id: &str) -> Result<Destination, Error> {
        let get = async { self.get::<DestinationData>(&["destinations", id]).await.map(One::into_item) };
        self.via_list("destinations", id, |d: &Destination| &d.id, get, self.list_destinations()).await
    }

    pub async fn update_destination(&self, id: &str, input: &UpdateDestinationInput) -> Result<Destination, Error> {
        self.send::<_, DestinationData>(Method::PATCH, &["destinations", id], input).await.map(One::into_item)
    }

    pub async fn delete_destination(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["destinations", id], &vec![]).await
    }

    pub async fn list_filters(&self, destination_id: &str) -> Result<Vec<DestinationFilter>, Error> {
        self.list_all::<FiltersPage>(&["destination", destination_id, "filters"], vec![]).await
    }

    pub async fn create_filter(&self, destination_id: &str, input: &CreateFilterInput) -> Result<DestinationFilter, Error> {
        self.send::<_, FilterData>(Method::POST, &["destination", destination_id, "filters"], input).await.map(One::into_item)
    }

    pub async fn get_filter(&self, destination_id: &str, id: &str) -> Result<DestinationFilter, Error> {
        let get = async { self.get::<FilterData>(&["destination", destination_id, "filters", id]).await.map(One::into_item) };
        let collection = format!("destination/{destination_id}/filters");
        self.via_list(&collection, id, |f: &DestinationFilter| &f.id, get, self.list_filters(destination_id)).await
    }

    pub async fn update_filter(&self, destination_id: &str, id: &str, input: &UpdateFilterInput) -> Result<DestinationFilter, Error> {
        self.send::<_, FilterData>(Method::PATCH, &["destination", destination_id, "filters", id], input).await.map(One::into_item)
    }

    pub async fn delete_filter(&self, destination_id: &str, id: &str) -> Result<(), Error> {
        self.delete_q(&["destination", destination_id, "filters", id], &vec![]).await
    }

    pub async fn list_subscriptions(&self, destination_id: &str) -> Result<Vec<DestinationSubscription>, Error> {
        self.list_all::<SubscriptionsPage>(&["destinations", destination_id, "subscriptions"], vec![]).await
    }

    pub async fn create_subscription(
        &self,
        destination_id: &str,
        input: &CreateSubscriptionInput,
    ) -> Result<DestinationSubscription, Error> {
        self.send::<_, CreatedSubscriptionData>(Method::POST, &["destinations", destination_id, "subscriptions"], input)
            .await
            .map(One::into_item)
    }

    pub async fn get_subscription(&self, destination_id: &str, id: &str) -> Result<DestinationSubscription, Error> {
        self.get::<SubscriptionData>(&["destinations", destination_id, "subscriptions", id]).await.map(One::into_item)
    }

    pub async fn update_subscription(
        &self,
        destination_id: &str,
        id: &str,
        input: &SubscriptionUpdate,
    ) -> Result<DestinationSubscription, Error> {
        let body = UpdateSubscriptionInput { input: input.clone() };
        self.send::<_, SubscriptionData>(Method::PATCH, &["destinations", destination_id, "subscriptions", id], &body)
            .await
            .map(One::into_item)
    }

    pub async fn delete_subscription(&self, destination_id: &str, id: &str) -> Result<(), Error> {
        self.delete_q(&["destinations", destination_id, "subscriptions", id], &vec![]).await
    }

    // ------------------------------------------------------------ warehouses

    pub async fn list_warehouses(&self) -> Result<Vec<Warehouse>, Error> {
        self.list_all::<WarehousesPage>(&["warehouses"], vec![]).await
    }

    pub async fn create_warehouse(&self, input: &CreateWarehouseInput) -> Result<Warehouse, Error> {
        self.send::<_, WarehouseData>(Method::POST, &["warehouses"], input).await.map(One::into_item)
    }

    pub async fn get_warehouse(&self, id: &str) -> Result<Warehouse, Error> {
        let get = async { self.get::<WarehouseData>(&["warehouses", id]).await.map(One::into_item) };
        self.via_list("warehouses", id, |w: &Warehouse| &w.id, get, self.list_warehouses()).await
    }

    pub async fn update_warehouse(&self, id: &str, input: &UpdateWarehouseInput) -> Result<Warehouse, Error> {
        self.send::<_, WarehouseData>(Method::PATCH, &["warehouses", id], input).await.map(One::into_item)
    }

    pub async fn delete_warehouse(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["warehouses", id], &vec![]).await
    }

    pub async fn connect_source_to_warehouse(&self, warehouse_id: &str, source_id: &str) -> Result<(), Error> {
        self.call::<(), StatusData>(Method::POST, &["warehouses", warehouse_id, "connected-sources", source_id], &[], NO_BODY)
            .await
            .map(|_| ())
    }

    pub async fn disconnect_source_from_warehouse(&self, warehouse_id: &str, source_id: &str) -> Result<(), Error> {
        self.delete_q(&["warehouses", warehouse_id, "connected-sources", source_id], &vec![]).await
    }

    pub async fn list_profiles_warehouses(&self, space_id: &str) -> Result<Vec<ProfilesWarehouse>, Error> {
        self.list_all::<ProfilesWarehousesPage>(&["spaces", space_id, "profiles-warehouses"], vec![]).await
    }

    pub async fn create_profiles_warehouse(
        &self,
        space_id: &str,
        input: &CreateProfilesWarehouseInput,
    ) -> Result<ProfilesWarehouse, Error> {
        self.send::<_, ProfilesWarehouseData>(Method::POST, &["spaces", space_id, "profiles-warehouses"], input).await.map(One::into_item)
    }

    pub async fn update_profiles_warehouse(
        &self,
        space_id: &str,
        id: &str,
        input: &UpdateProfilesWarehouseInput,
    ) -> Result<ProfilesWarehouse, Error> {
        self.send::<_, ProfilesWarehouseData>(Method::PATCH, &["spaces", space_id, "profiles-warehouses", id], input)
            .await
            .map(One::into_item)
    }

    pub async fn delete_profiles_warehouse(&self, space_id: &str, id: &str) -> Result<(), Error> {
        self.delete_q(&["spaces", space_id, "profiles-warehouses", id], &vec![]).await
    }

    // ------------------------------------------------------------ functions

    /// The functions of one resource type (`resourceType` is required), as list items: without
    /// `code` and `settings` (`ListFunctionItemV1`); [`Client::get_function`] reads the rest.
    pub async fn list_functions(&self, resource_type: &str) -> Result<Vec<FunctionSummary>, Error> {
        self.list_all::<FunctionsPage>(&["functions"], vec![("resourceType".to_string(), resource_type.to_string())]).await
    }

    /// Every function: one listing per resource type.
    pub async fn list_all_functions(&self) -> Result<Vec<FunctionSummary>, Error> {
        let mut all = Vec::new();
        for rt in FUNCTION_RESOURCE_TYPES {
            all.extend(self.list_functions(rt).await?);
        }
        Ok(all)
    }

    pub async fn create_function(&self, input: &CreateFunctionInput) -> Result<Function, Error> {
        self.send::<_, FunctionData>(Method::POST, &["functions"], input).await.map(One::into_item)
    }

    pub async fn get_function(&self, id: &str) -> Result<Function, Error> {
        self.get::<FunctionData>(&["functions", id]).await.map(One::into_item)
    }

    pub async fn update_function(&self, id: &str, input: &UpdateFunctionInput) -> Result<Function, Error> {
        self.send::<_, FunctionData>(Method::PATCH, &["functions", id], input).await.map(One::into_item)
    }

    pub async fn delete_function(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["functions", id], &vec![]).await
    }

    /// The instances of one insert function (`functionId` is required). The API takes the id
    /// without its `ifnd_`/`ifns_` prefix ("The insert Function class id", FunctionsAPI.md); either
    /// form is accepted here.
    pub async fn list_insert_function_instances(&self, function_id: &str) -> Result<Vec<InsertFunctionInstance>, Error> {
        let q = vec![("functionId".to_string(), insert_function_class_id(function_id).to_string())];
        self.list_all::<InsertFunctionInstancesPage>(&["insert-function-instances"], q).await
    }

    /// Creates an instance. The API wants `functionId` without its `ifnd_`/`ifns_` prefix
    /// (`model_create_insert_function_instance_alpha_input.go`); either form is accepted here.
    pub async fn create_insert_function_instance(
        &self,
        input: &CreateInsertFunctionInstanceInput,
    ) -> Result<InsertFunctionInstance, Error> {
        let input =
            CreateInsertFunctionInstanceInput { function_id: insert_function_class_id(&input.function_id).to_string(), ..input.clone() };
        self.send::<_, InsertFunctionInstanceData>(Method::POST, &["insert-function-instances"], &input).await.map(One::into_item)
    }

    pub async fn get_insert_function_instance(&self, id: &str) -> Result<InsertFunctionInstance, Error> {
        self.get::<InsertFunctionInstanceData>(&["insert-function-instances", id]).await.map(One::into_item)
    }

    pub async fn update_insert_function_instance(
        &self,
        id: &str,
        input: &UpdateInsertFunctionInstanceInput,
    ) -> Result<InsertFunctionInstance, Error> {
        self.send::<_, InsertFunctionInstanceData>(Method::PATCH, &["insert-function-instances", id], input).await.map(One::into_item)
    }

    pub async fn delete_insert_function_instance(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["insert-function-instances", id], &vec![]).await
    }

    // ------------------------------------------------------------ transformations, reverse ETL

    pub async fn list_transformations(&self) -> Result<Vec<Transformation>, Error> {
        self.list_all::<TransformationsPage>(&["transformations"], vec![]).await
    }

    pub async fn create_transformation(&self, input: &CreateTransformationInput) -> Result<Transformation, Error> {
        self.send::<_, TransformationData>(Method::POST, &["transformations"], input).await.map(One::into_item)
    }

    pub async fn get_transformation(&self, id: &str) -> Result<Transformation, Error> {
        let get = async { self.get::<TransformationData>(&["transformations", id]).await.map(One::into_item) };
        self.via_list("transformations", id, |t: &Transformation| &t.id, get, self.list_transformations()).await
    }

    pub async fn update_transformation(&self, id: &str, input: &UpdateTransformationInput) -> Result<Transformation, Error> {
        self.send::<_, TransformationData>(Method::PATCH, &["transformations", id], input).await.map(One::into_item)
    }

    pub async fn delete_transformation(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["transformations", id], &vec![]).await
    }

    pub async fn list_reverse_etl_models(&self) -> Result<Vec<ReverseEtlModel>, Error> {
        self.list_all::<ReverseEtlModelsPage>(&["reverse-etl-models"], vec![]).await
    }

    pub async fn create_reverse_etl_model(&self, input: &CreateReverseEtlModelInput) -> Result<ReverseEtlModel, Error> {
        self.send::<_, ReverseEtlModelData>(Method::POST, &["reverse-etl-models"], input).await.map(One::into_item)
    }

    pub async fn get_reverse_etl_model(&self, id: &str) -> Result<ReverseEtlModel, Error> {
        let get = async { self.get::<ReverseEtlModelData>(&["reverse-etl-models", id]).await.map(One::into_item) };
        self.via_list("reverse-etl-models", id, |m: &ReverseEtlModel| &m.id, get, self.list_reverse_etl_models()).await
    }

    pub async fn update_reverse_etl_model(&self, id: &str, input: &UpdateReverseEtlModelInput) -> Result<ReverseEtlModel, Error> {
        self.send::<_, ReverseEtlModelData>(Method::PATCH, &["reverse-etl-models", id], input).await.map(One::into_item)
    }

    pub async fn delete_reverse_etl_model(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["reverse-etl-models", id], &vec![]).await
    }

    // ------------------------------------------------------------ tracking plans

    pub async fn list_tracking_plans(&self) -> Result<Vec<TrackingPlan>, Error> {
        self.list_all::<TrackingPlansPage>(&["tracking-plans"], vec![]).await
    }

    pub async fn create_tracking_plan(&self, input: &CreateTrackingPlanInput) -> Result<TrackingPlan, Error> {
        self.send::<_, TrackingPlanData>(Method::POST, &["tracking-plans"], input).await.map(One::into_item)
    }

    pub async fn get_tracking_plan(&self, id: &str) -> Result<TrackingPlan, Error> {
        let get = async { self.get::<TrackingPlanData>(&["tracking-plans", id]).await.map(One::into_item) };
        self.via_list("tracking-plans", id, |p: &TrackingPlan| &p.id, get, self.list_tracking_plans()).await
    }

    pub async fn update_tracking_plan(&self, id: &str, input: &UpdateTrackingPlanInput) -> Result<(), Error> {
        self.send::<_, StatusData>(Method::PATCH, &["tracking-plans", id], input).await.map(|_| ())
    }

    pub async fn delete_tracking_plan(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["tracking-plans", id], &vec![]).await
    }

    pub async fn list_tracking_plan_rules(&self, id: &str) -> Result<Vec<Rule>, Error> {
        self.list_all::<RulesPage>(&["tracking-plans", id, "rules"], vec![]).await
    }

    pub async fn replace_tracking_plan_rules(&self, id: &str, rules: Vec<RuleInput>) -> Result<(), Error> {
        self.send::<_, StatusData>(Method::PUT, &["tracking-plans", id, "rules"], &ReplaceRulesInput { rules }).await.map(|_| ())
    }

    pub async fn list_tracking_plan_sources(&self, id: &str) -> Result<Vec<Source>, Error> {
        self.list_all::<SourcesPage>(&["tracking-plans", id, "sources"], vec![]).await
    }

    pub async fn add_source_to_tracking_plan(&self, id: &str, source_id: &str) -> Result<(), Error> {
        let body = AddSourceToTrackingPlanInput { source_id: source_id.to_string() };
        self.send::<_, StatusData>(Method::POST, &["tracking-plans", id, "sources"], &body).await.map(|_| ())
    }

    pub async fn remove_source_from_tracking_plan(&self, id: &str, source_id: &str) -> Result<(), Error> {
        self.delete_q(&["tracking-plans", id, "sources"], &vec![("sourceId".into(), source_id.into())]).await
    }

    // ------------------------------------------------------------ labels, roles, users, invites, groups

    pub async fn list_labels(&self) -> Result<Vec<Label>, Error> {
        self.get::<LabelsData>(&["labels"]).await.map(One::into_item)
    }

    pub async fn create_label(&self, label: &Label) -> Result<Label, Error> {
        self.send::<_, LabelData>(Method::POST, &["labels"], &CreateLabelInput { label: label.clone() }).await.map(One::into_item)
    }

    pub async fn delete_label(&self, key: &str, value: &str) -> Result<(), Error> {
        self.delete_q(&["labels", key, value], &vec![]).await
    }

    pub async fn list_roles(&self) -> Result<Vec<Role>, Error> {
        self.list_all::<RolesPage>(&["roles"], vec![]).await
    }

    pub async fn list_users(&self) -> Result<Vec<User>, Error> {
        self.list_all::<UsersPage>(&["users"], vec![]).await
    }

    pub async fn get_user(&self, id: &str) -> Result<User, Error> {
        let get = async { self.get::<UserData>(&["users", id]).await.map(One::into_item) };
        self.via_list("users", id, |u: &User| &u.id, get, self.list_users()).await
    }

    pub async fn delete_users(&self, ids: &[&str]) -> Result<(), Error> {
        self.delete_q(&["users"], &array_param("userIds", ids)).await
    }

    pub async fn replace_user_permissions(&self, id: &str, permissions: Vec<PermissionInput>) -> Result<Vec<Permission>, Error> {
        self.send::<_, PermissionsData>(Method::PUT, &["users", id, "permissions"], &ReplacePermissionsInput { permissions })
            .await
            .map(One::into_item)
    }

    pub async fn list_invites(&self) -> Result<Vec<String>, Error> {
        self.list_all::<InvitesPage>(&["invites"], vec![]).await
    }

    pub async fn create_invites(&self, invites: Vec<Invite>) -> Result<Vec<String>, Error> {
        self.send::<_, EmailsData>(Method::POST, &["invites"], &CreateInvitesInput { invites }).await.map(One::into_item)
    }

    pub async fn delete_invites(&self, emails: &[&str]) -> Result<(), Error> {
        self.delete_q(&["invites"], &array_param("emails", emails)).await
    }

    /// segsync-server only: accept a pending invite as the invited person would.
    pub async fn accept_invite(&self, email: &str) -> Result<User, Error> {
        self.call::<(), UserData>(Method::POST, &["invites", email, "accept"], &[], NO_BODY).await.map(One::into_item)
    }

    pub async fn list_user_groups(&self) -> Result<Vec<UserGroup>, Error> {
        self.list_all::<UserGroupsPage>(&["groups"], vec![]).await
    }

    pub async fn create_user_group(&self, name: &str) -> Result<UserGroup, Error> {
        self.send::<_, UserGroupData>(Method::POST, &["groups"], &UserGroupNameInput { name: name.into() }).await.map(One::into_item)
    }

    pub async fn get_user_group(&self, id: &str) -> Result<UserGroup, Error> {
        let get = async { self.get::<UserGroupData>(&["groups", id]).await.map(One::into_item) };
        self.via_list("groups", id, |g: &UserGroup| &g.id, get, self.list_user_groups()).await
    }

    pub async fn update_user_group(&self, id: &str, name: &str) -> Result<UserGroup, Error> {
        self.send::<_, UserGroupData>(Method::PATCH, &["groups", id], &UserGroupNameInput { name: name.into() }).await.map(One::into_item)
    }

    pub async fn delete_user_group(&self, id: &str) -> Result<(), Error> {
        self.delete_q(&["groups", id], &vec![]).await
    }

    pub async fn list_user_group_users(&self, id: &str) -> Result<Vec<MinimalUser>, Error> {
        self.list_all::<GroupUsersPage>(&["groups", id, "users"], vec![]).await
    }

    pub async fn list_user_group_invites(&self, id: &str) -> Result<Vec<String>, Error> {
        self.list_all::<GroupInvitesPage>(&["groups", id, "invites"], vec![]).await
    }

    pub async fn replace_user_group_members(&self, id: &str, emails: Vec<String>) -> Result<UserGroup, Error> {
        self.send::<_, UserGroupData>(Method::PUT, &["group", id, "users"], &ReplaceUsersInGroupInput { emails }).await.map(One::into_item)
    }

    pub async fn replace_user_group_permissions(&self, id: &str, permissions: Vec<PermissionInput>) -> Result<Vec<Permission>, Error> {
        self.send::<_, PermissionsData>(Method::PUT, &["groups", id, "permissions"], &ReplacePermissionsInput { permissions })
            .await
            .map(One::into_item)
    }
}

/// Filters of the audit-event feed.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub resource_id: Option<String>,
    pub resource_type: Option<String>,
}

impl AuditFilter {
    fn query(&self) -> QueryPairs {
        [
            ("startTime", &self.start_time),
            ("endTime", &self.end_time),
            ("resourceId", &self.resource_id),
            ("resourceType", &self.resource_type),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.clone())))
        .collect()
    }
}

fn array_param(name: &str, values: &[&str]) -> QueryPairs {
    values.iter().enumerate().map(|(i, v)| (format!("{name}.{i}"), v.to_string())).collect()
}

/// Exponential backoff with jitter: a random delay between half and all of the capped step.
fn backoff(p: &RetryPolicy, attempt: u32) -> Duration {
    let exp = p.base_delay.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let cap = exp.min(p.max_delay);
    let ms = rand::thread_rng().gen_range(cap.as_millis() as u64 / 2..=cap.as_millis().max(1) as u64);
    Duration::from_millis(ms)
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(v: &str) -> Option<Duration> {
    if let Ok(secs) = v.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v.trim()).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

fn new_key() -> String {
    let mut rng = rand::thread_rng();
    (0..32).map(|_| char::from(b"0123456789abcdef"[rng.gen_range(0..16)])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `GET /sources/` + "" would list sources; `DELETE /destination/x/filters/` would hit the
    /// collection. An empty id is refused before anything is sent.
    #[tokio::test]
    async fn an_empty_id_is_an_error_not_another_url() {
        // Port 9 (discard) is never listened on here: a request that went out would be a
        // transport error, not EmptyId.
        let c = Client::builder("http://127.0.0.1:9", Token::new("t")).build().expect("client");
        for e in [
            c.get_source("").await.map(|_| ()).expect_err("empty"),
            c.delete_source(" ").await.expect_err("blank"),
            c.get_filter("dest", "").await.map(|_| ()).expect_err("empty child"),
        ] {
            assert!(matches!(e, Error::EmptyId { .. }), "{e:?}");
            assert!(!e.is_retryable());
        }
    }
}
